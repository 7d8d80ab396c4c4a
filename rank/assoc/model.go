package assoc

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
)

// Term is one term of a document or query with its weight (for example
// the weighted term frequency of index.TermWeight). A Weight of 0 counts as
// 1, so unweighted term lists can leave it unset. A plain value.
type Term struct {
	Text   string
	Weight float64
}

// Doc is one document (an achievement or a need) as its segmented terms.
// Order does not matter; repeated terms are merged by summing weights.
type Doc []Term

// Stats describes a built Model. A plain value.
type Stats struct {
	Method string // MethodNPMI or MethodSVD
	Docs   int    // documents given to Build
	Terms  int    // terms kept after the document-frequency bounds
	Linked int    // terms with at least one neighbour
	Pairs  int    // neighbour entries over all terms (directed)
	Rank   int    // effective SVD rank k (0 for NPMI)
}

// Model holds the learned associations: for every kept term its TopM
// neighbours, sorted by weight descending then term ascending.
//
// A Model is immutable after Build and safe for concurrent use by any
// number of goroutines.
type Model struct {
	cfg   Config // effective configuration (defaults applied)
	ids   map[string]int32
	neigh [][]Neighbor
	stats Stats
}

// Build learns term associations from docs with cfg's method.
//
// It validates cfg, drops terms outside the document-frequency bounds
// [MinDF, MaxDFRatio·len(docs)], then links terms by NPMI (MethodNPMI) or
// by cosine in a truncated SVD space (MethodSVD), keeping the TopM
// neighbours of weight ≥ MinWeight per term. A document term with a
// negative, NaN or infinite weight is an error naming its position; terms
// with empty text are skipped. No documents gives an empty Model.
//
// Time: NPMI O(Σ_d |d|²) over kept terms; SVD O(PowerIters·nnz·k +
// PowerIters·V·k² + V²·16) (see termVectors, svdNeighbors). Measured on
// 2 cores with the synthetic corpus of BenchmarkBuild (10 000 docs × 80
// terms): see the package documentation. Build checks ctx between chunks
// of work and returns its error when it is done.
func Build(ctx context.Context, docs []Doc, cfg Config) (*Model, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults(runtime.GOMAXPROCS(0))
	total := 0
	for _, d := range docs {
		total += len(d)
	}
	if len(docs) >= math.MaxInt32 || total >= math.MaxInt32 {
		return nil, fmt.Errorf("assoc: %d docs with %d terms, want fewer than %d of each", len(docs), total, math.MaxInt32)
	}
	maxDF := int(math.Floor(cfg.MaxDFRatio * float64(len(docs))))
	c, err := newCorpus(ctx, docs, cfg.MinDF, maxDF)
	if err != nil {
		return nil, err
	}
	m := &Model{cfg: cfg, ids: make(map[string]int32, len(c.terms))}
	for i, t := range c.terms {
		m.ids[t] = int32(i)
	}
	m.stats = Stats{Method: cfg.Method, Docs: len(docs), Terms: len(c.terms)}
	switch cfg.Method {
	case MethodNPMI:
		if m.neigh, err = npmiNeighbors(ctx, c, cfg); err != nil {
			return nil, err
		}
	case MethodSVD:
		vecs, k, err := termVectors(ctx, newSparse(c), cfg)
		if err != nil {
			return nil, fmt.Errorf("assoc: svd of %d terms × %d docs: %w", len(c.terms), len(docs), err)
		}
		m.stats.Rank = k
		if m.neigh, err = svdNeighbors(ctx, c.terms, vecs, k, cfg); err != nil {
			return nil, err
		}
	}
	for _, n := range m.neigh {
		if len(n) > 0 {
			m.stats.Linked++
			m.stats.Pairs += len(n)
		}
	}
	return m, nil
}

// Stats describes the model.
func (m *Model) Stats() Stats { return m.stats }

// Config returns the effective configuration, defaults applied.
func (m *Model) Config() Config { return m.cfg }

// Terms returns the kept vocabulary in ascending order. O(V).
func (m *Model) Terms() []string {
	out := make([]string, 0, len(m.ids))
	for t := range m.ids {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// Related returns term's neighbours with weights in (0,1], weight
// descending then term ascending; nil for an unknown term or one without
// neighbours. The slice is a copy the caller may modify. O(TopM).
func (m *Model) Related(term string) []Neighbor {
	id, ok := m.ids[term]
	if !ok {
		return nil
	}
	return slices.Clone(m.neigh[id])
}

// Expand returns the terms associated with the query terms, excluding the
// query terms themselves, weight descending then term ascending, at most
// maxOut of them (maxOut ≤ 0: all).
//
// Query weights are scaled so the heaviest query term weighs 1 (a Weight
// of 0 counts as 1; negative, NaN and infinite weights drop the term, as do
// empty texts; repeated terms keep their largest weight). A neighbour n of
// query term q contributes w_q·weight(q,n); contributions from several
// query terms combine by noisy-OR, 1 − Π(1 − contribution), so the result
// stays in (0,1] and grows with independent support.
//
// Time O(|terms|·TopM·log); the model is not modified.
func (m *Model) Expand(terms []Term, maxOut int) []Neighbor {
	query := make(map[string]float64, len(terms))
	var top float64
	for _, t := range terms {
		w := t.Weight
		if t.Text == "" {
			continue
		}
		if _, seen := query[t.Text]; !seen {
			query[t.Text] = -1 // excluded even if its weight is bad
		}
		if math.IsNaN(w) || math.IsInf(w, 0) || w < 0 {
			continue
		}
		if w == 0 {
			w = 1
		}
		query[t.Text] = max(query[t.Text], w)
		top = max(top, w)
	}
	if top == 0 {
		return nil
	}
	// Iterate query terms in sorted order so the floating-point products are
	// formed in the same order on every call.
	qs := make([]string, 0, len(query))
	for t, w := range query {
		if w > 0 {
			qs = append(qs, t)
		}
	}
	sort.Strings(qs)
	miss := make(map[string]float64) // Π(1 − contribution)
	for _, q := range qs {
		id, ok := m.ids[q]
		if !ok {
			continue
		}
		wq := query[q] / top
		for _, n := range m.neigh[id] {
			if _, isQuery := query[n.Term]; isQuery {
				continue
			}
			p, ok := miss[n.Term]
			if !ok {
				p = 1
			}
			miss[n.Term] = p * (1 - wq*n.Weight)
		}
	}
	if len(miss) == 0 {
		return nil
	}
	out := make([]Neighbor, 0, len(miss))
	for t, p := range miss {
		w := 1 - p
		if w <= 0 {
			continue
		}
		out = append(out, Neighbor{Term: t, Weight: min(w, 1)})
	}
	slices.SortFunc(out, compareNeighbors)
	if maxOut > 0 && len(out) > maxOut {
		out = out[:maxOut:maxOut]
	}
	return out
}
