package index

import (
	"context"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"

	"github.com/techmatch/techmatch"
)

// QueryTerm is one weighted term of a match-core query.
type QueryTerm struct {
	Term   string
	Field  Field
	Weight float64
}

// Query is a match-core query: documents are scored by
// Σ_i Terms[i].Weight × impact(Terms[i], doc) (see Index.Search for the
// exact, quantised definition).
type Query struct {
	Terms []QueryTerm
	// Industries keeps documents in any of these industries; empty keeps
	// all. Industries no document has match nothing.
	Industries []techmatch.Industry
	// Top is the number of hits wanted; it must be positive.
	Top int
}

// Hit is a search result.
type Hit struct {
	// Doc is the internal document number, valid until the next Add or
	// Delete (which may renumber).
	Doc uint32
	ID  string
	// Score is Σ weight × impact for Search, bleve's BM25 score for SearchText.
	Score float64
	// Matched has bit i set when query term i (i < 64) occurs in the
	// document (Search only; 0 for SearchText).
	Matched uint64
}

func (q *Query) validate() error {
	if q.Top <= 0 {
		return fmt.Errorf("index: query Top = %d, want > 0", q.Top)
	}
	for i, t := range q.Terms {
		if !t.Field.valid() {
			return fmt.Errorf("index: query term %d (%q): unknown field %d", i, t.Term, t.Field)
		}
		if math.IsNaN(t.Weight) || math.IsInf(t.Weight, 0) {
			return fmt.Errorf("index: query term %d (%q): weight %v is not finite", i, t.Term, t.Weight)
		}
	}
	return nil
}

// fixedUnit returns the fixed-point unit of a query whose largest possible
// |score| is bound: the power of two u with bound/u ≤ 2^52, so that the
// integer score sums are exact, independent of summation order, and
// convert to float64 exactly. bound 0 gives 1.
func fixedUnit(bound float64) float64 {
	if bound <= 0 || math.IsInf(bound, 0) || math.IsNaN(bound) {
		return 1
	}
	_, exp := math.Frexp(bound)
	return math.Ldexp(1, exp-52)
}

// qterm is a resolved query term during a search.
type qterm struct {
	s      *space
	tid    uint32
	weight float64
	factor int64  // fixed-point score of one quantised impact unit
	ub     int64  // factor × maxQ, or 0 when factor ≤ 0: bound on the term's contribution
	bits   uint64 // Matched bits of the query terms merged here
	lo, hi uint32 // run cursor and end
	// per window
	present bool
	wub     int64  // bound in this window
	p, pe   uint32 // posting cursor (non-essential probing) and run end
}

// cand is a kept document: fixed-point score, doc number, matched bits.
type cand struct {
	score   int64
	doc     uint32
	matched uint64
}

// scratch is per-call search state, pooled. The window arrays are zero
// between calls: each call clears exactly what it touched.
type scratch struct {
	terms   []qterm
	pos     map[uint64]int
	acc     [winSize]int64
	matched [winSize]uint64
	touched [winWords]uint64
	filter  []uint64
	heap    []cand
}

var scratchPool = sync.Pool{New: func() any { return &scratch{pos: make(map[uint64]int)} }}

// buildFilter writes into dst the live documents of any of industries (OR
// of their bitmaps, which hold live documents only). ok is false when no
// document can match.
func (c *core) buildFilter(dst *[]uint64, industries []techmatch.Industry) (ok bool) {
	n := 0
	found := false
	for _, ind := range industries {
		if bm, ok := c.inds[ind]; ok {
			n = max(n, len(bm))
			found = true
		}
	}
	*dst = slices.Grow((*dst)[:0], n)[:n]
	clear(*dst)
	if !found {
		return false
	}
	f := *dst
	for _, ind := range industries {
		for i, w := range c.inds[ind] {
			f[i] |= w
		}
	}
	return true
}

// worse reports whether a ranks below b: lower score, or equal score and a
// larger id.
func (c *core) worse(a, b *cand) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	return strings.Compare(c.ids[a.doc], c.ids[b.doc]) > 0
}

// search runs q (validated) against a fresh core (!c.dirty). It is
// read-only on c and may run concurrently with other searches.
//
// Algorithm: windowed MaxScore with block-max bounds. Windows of winSize
// documents are visited in order; in each, a term's bound is its factor ×
// the run maximum. Terms are ordered by global bound; the longest prefix
// whose window bounds sum below the current k-th score θ is non-essential
// (a document matching only those cannot enter). Essential terms are
// scored term at a time into the window accumulator (filter tested per
// posting); each touched document then probes the non-essential terms by
// galloping search, dropping out as soon as its bound falls below θ.
// Windows whose total bound is below θ are skipped. Scores are exact
// integers in the query's fixed-point unit, so the result does not depend
// on the evaluation order.
func (c *core) search(ctx context.Context, q *Query) ([]Hit, error) {
	if c.nLive == 0 {
		return []Hit{}, nil
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)

	var filter []uint64
	if len(q.Industries) > 0 {
		if !c.buildFilter(&sc.filter, q.Industries) {
			return []Hit{}, nil
		}
		filter = sc.filter
	}

	// Resolve terms; bound the score for the fixed-point unit.
	terms := sc.terms[:0]
	clear(sc.pos)
	bound := 0.0
	for i, qt := range q.Terms {
		s := &c.spaces[qt.Field]
		tid, ok := s.dict[qt.Term]
		if !ok || int(tid) >= len(s.df) || s.df[tid] == 0 {
			continue
		}
		bound += math.Abs(qt.Weight) * s.unit[tid] * maxQ
		var bit uint64
		if i < 64 {
			bit = 1 << uint(i)
		}
		terms = append(terms, qterm{s: s, tid: tid, weight: qt.Weight, bits: bit})
	}
	u := fixedUnit(bound)
	merged := terms[:0]
	for i := range terms {
		t := terms[i]
		t.factor = int64(math.Round(t.weight * t.s.unit[t.tid] / u))
		key := uint64(t.tid)<<1 | uint64(fieldOf(c, t.s))
		if j, dup := sc.pos[key]; dup {
			merged[j].factor += t.factor
			merged[j].bits |= t.bits
			continue
		}
		sc.pos[key] = len(merged)
		merged = append(merged, t)
	}
	terms = merged
	for i := range terms {
		t := &terms[i]
		t.ub = max(0, t.factor) * maxQ
		t.lo, t.hi = t.s.runs(t.tid)
	}
	slices.SortFunc(terms, func(a, b qterm) int {
		if a.ub != b.ub {
			if a.ub < b.ub {
				return -1
			}
			return 1
		}
		return int(a.tid) - int(b.tid)
	})
	sc.terms = terms

	top := min(q.Top, c.nLive)
	h := sc.heap[:0]
	theta := int64(math.MinInt64)
	full := false
	push := func(x cand) {
		if len(h) < top {
			h = append(h, x)
			c.heapUp(h, len(h)-1)
			if len(h) == top {
				full, theta = true, h[0].score
			}
			return
		}
		if c.worse(&h[0], &x) {
			h[0] = x
			c.heapDown(h, 0)
			theta = h[0].score
		}
	}

	acc, matched, touched := &sc.acc, &sc.matched, &sc.touched
	for nWin := 0; ; nWin++ {
		if nWin&15 == 15 {
			if err := ctx.Err(); err != nil {
				sc.heap = h[:0]
				return nil, fmt.Errorf("index: search: %w", err)
			}
		}
		// Next window with a posting.
		win := uint32(math.MaxUint32)
		for i := range terms {
			t := &terms[i]
			if t.lo < t.hi {
				win = min(win, t.s.runWin[t.lo])
			}
		}
		if win == math.MaxUint32 {
			break
		}
		var total int64
		for i := range terms {
			t := &terms[i]
			t.present = t.lo < t.hi && t.s.runWin[t.lo] == win
			t.wub = 0
			if t.present {
				t.wub = max(0, t.factor) * int64(t.s.runMax[t.lo])
				total += t.wub
			}
		}
		var fw []uint64
		skip := full && total < theta
		if filter != nil && !skip {
			lo := int(win) * winWords
			if lo >= len(filter) {
				skip = true
			} else {
				fw = filter[lo:min(lo+winWords, len(filter))]
				skip = allZero(fw)
			}
		}
		if !skip {
			// Non-essential prefix.
			split, nsum := 0, int64(0)
			if full {
				for i := range terms {
					if nsum+terms[i].wub >= theta {
						break
					}
					nsum += terms[i].wub
					split = i + 1
				}
			}
			// Essential terms, term at a time.
			for i := split; i < len(terms); i++ {
				t := &terms[i]
				if !t.present {
					continue
				}
				s := t.s
				off, end := s.runOff[t.lo], s.runOff[t.lo+1]
				docs, imps := s.pDoc[off:end], s.pImp[off:end]
				f, b := t.factor, t.bits
				if fw == nil {
					for j, d := range docs {
						acc[d] += f * int64(imps[j])
						matched[d] |= b
						touched[d>>6] |= 1 << (d & 63)
					}
				} else {
					for j, d := range docs {
						if int(d>>6) >= len(fw) || fw[d>>6]&(1<<(d&63)) == 0 {
							continue
						}
						acc[d] += f * int64(imps[j])
						matched[d] |= b
						touched[d>>6] |= 1 << (d & 63)
					}
				}
			}
			for i := 0; i < split; i++ {
				t := &terms[i]
				if t.present {
					t.p, t.pe = t.s.runOff[t.lo], t.s.runOff[t.lo+1]
				}
			}
			// Candidates in document order.
			base := win << winShift
			for wi := range touched {
				word := touched[wi]
				if word == 0 {
					continue
				}
				touched[wi] = 0
				for word != 0 {
					d := uint16(wi<<6 | bits.TrailingZeros64(word))
					word &= word - 1
					s, m := acc[d], matched[d]
					acc[d], matched[d] = 0, 0
					if full && s+nsum < theta {
						continue
					}
					rem, pruned := nsum, false
					for k := split - 1; k >= 0; k-- {
						t := &terms[k]
						if !t.present {
							continue
						}
						rem -= t.wub
						docs := t.s.pDoc
						p := seek(docs, t.p, t.pe, d)
						t.p = p
						if p < t.pe && docs[p] == d {
							s += t.factor * int64(t.s.pImp[p])
							m |= t.bits
						}
						if full && s+rem < theta {
							pruned = true
							break
						}
					}
					if pruned {
						continue
					}
					push(cand{score: s, doc: base | uint32(d), matched: m})
				}
			}
		}
		for i := range terms {
			if terms[i].present {
				terms[i].lo++
			}
		}
	}

	slices.SortFunc(h, func(a, b cand) int {
		if c.worse(&a, &b) {
			return 1
		}
		if c.worse(&b, &a) {
			return -1
		}
		return 0
	})
	out := make([]Hit, len(h))
	for i, x := range h {
		out[i] = Hit{Doc: x.doc, ID: c.ids[x.doc], Score: float64(x.score) * u, Matched: x.matched}
	}
	sc.heap = h[:0]
	return out, nil
}

// fieldOf returns the field of space s of c.
func fieldOf(c *core, s *space) Field {
	if s == &c.spaces[FieldBigrams] {
		return FieldBigrams
	}
	return FieldWords
}

// seek returns the first index in [p, pe) whose doc is ≥ d (pe if none),
// galloping from p: O(log gap).
func seek(docs []uint16, p, pe uint32, d uint16) uint32 {
	if p >= pe || docs[p] >= d {
		return p
	}
	lo, step := p, uint32(1)
	hi := p + 1
	for hi < pe && docs[hi] < d {
		lo = hi
		step <<= 1
		hi = lo + step
	}
	hi = min(hi, pe)
	l, r := lo+1, hi
	for l < r {
		m := (l + r) >> 1
		if docs[m] < d {
			l = m + 1
		} else {
			r = m
		}
	}
	return l
}

func allZero(ws []uint64) bool {
	for _, w := range ws {
		if w != 0 {
			return false
		}
	}
	return true
}

func (c *core) heapUp(h []cand, i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !c.worse(&h[i], &h[p]) {
			return
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
}

func (c *core) heapDown(h []cand, i int) {
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		m := l
		if r := l + 1; r < len(h) && c.worse(&h[r], &h[l]) {
			m = r
		}
		if !c.worse(&h[m], &h[i]) {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}
