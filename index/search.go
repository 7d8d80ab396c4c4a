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
	bits   uint64 // Matched bits of the query terms merged here
	r, hi  uint32 // run cursor and end
	r0     uint32 // first run of the current span
}

// cand is a kept document: fixed-point score, doc number, matched bits.
type cand struct {
	score   int64
	doc     uint32
	matched uint64
}

// spanShift sets the span of the search: documents are scored span by
// span (1<<spanShift consecutive numbers, a whole number of windows), each
// term's postings of the span streamed in one burst into a span-sized
// accumulator. 16384 documents keep the accumulators (2 × 128 KiB) in L2
// while a term's burst covers 8 consecutive runs (see doc.go for the
// measurements).
const (
	spanShift = 14
	spanSize  = 1 << spanShift
	spanWords = spanSize / 64
)

// A span is a whole number of windows.
var _ [spanShift - winShift]struct{}

// scratch is per-call search state, pooled. The span arrays are zero
// between calls: each call clears what it touched.
type scratch struct {
	terms   []qterm
	pos     map[uint64]int
	acc     [spanSize]int64
	matched [spanSize]uint64
	touched [spanWords]uint64
	order   []int32
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
// Algorithm: exhaustive term-at-a-time scoring over spans of spanSize
// documents. For each span, every query term's postings in the span (a
// contiguous stretch of its posting list, so the traversal streams memory
// sequentially) are added into the span accumulator, the filter tested per
// posting; the span's documents then enter the top-k heap. Once the heap
// holds Top hits with a positive k-th score θ, the span is read by a
// linear scan of the accumulator for scores ≥ θ (a document below θ cannot
// enter; one equal to θ may win by id). Scores are exact integers in the
// query's fixed-point unit, so the result does not depend on the
// evaluation order. Cost O(query postings + documents).
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
		t.r, t.hi = t.s.runs(t.tid)
	}
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
	for span := 0; span < c.built; span += spanSize {
		if err := ctx.Err(); err != nil {
			sc.heap = h[:0]
			return nil, fmt.Errorf("index: search: %w", err)
		}
		endWin := uint32((span + spanSize) >> winShift)
		var fs []uint64
		if filter != nil {
			lo := span >> 6
			if lo >= len(filter) {
				break // no later document passes the filter
			}
			fs = filter[lo:min(lo+spanWords, len(filter))]
			if allZero(fs) {
				for i := range terms {
					t := &terms[i]
					for t.r < t.hi && t.s.runWin[t.r] < endWin {
						t.r++
					}
				}
				continue
			}
		}
		// Advance the cursors over the span: term i's runs of the span are
		// [t.r0, t.r).
		fast := full && theta > 0
		order := sc.order[:0]
		for i := range terms {
			t := &terms[i]
			s := t.s
			t.r0 = t.r
			for t.r < t.hi && s.runWin[t.r] < endWin {
				t.r++
			}
			if t.r0 != t.r {
				order = append(order, int32(i))
			}
		}
		sc.order = order
		if len(order) == 0 {
			continue
		}
		n := min(spanSize, c.built-span)
		if !fast {
			for _, i := range order {
				addRuns(&terms[i], span, fs, acc, matched, touched)
			}
			for wi := range touched {
				word := touched[wi]
				if word == 0 {
					continue
				}
				touched[wi] = 0
				for word != 0 {
					x := wi<<6 | bits.TrailingZeros64(word)
					word &= word - 1
					s, m := acc[x], matched[x]
					acc[x], matched[x] = 0, 0
					if full && s < theta {
						continue
					}
					push(cand{score: s, doc: uint32(span + x), matched: m})
				}
			}
			continue
		}
		// Untouched documents score 0 < θ: no touched set, a linear scan
		// of the accumulator finds the documents reaching θ.
		for _, i := range order {
			addRuns(&terms[i], span, fs, acc, matched, nil)
		}
		for x := range n {
			if acc[x] >= theta {
				push(cand{score: acc[x], doc: uint32(span + x), matched: matched[x]})
			}
		}
		clear(acc[:n])
		clear(matched[:n])
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

// addRuns adds the contributions of t's runs [t.r0, t.r) (all in the span
// starting at document span) into acc and matched, keeping only the
// documents of the span filter fs (nil: all) and marking them in touched
// (nil: not tracked).
func addRuns(t *qterm, span int, fs []uint64, acc *[spanSize]int64, matched *[spanSize]uint64, touched *[spanWords]uint64) {
	s := t.s
	f, bt := t.factor, t.bits
	for r := t.r0; r < t.r; r++ {
		base := (s.runWin[r] << winShift) - uint32(span)
		off, end := s.runOff[r], s.runOff[r+1]
		docs, imps := s.pDoc[off:end], s.pImp[off:end]
		imps = imps[:len(docs)]
		switch {
		case fs != nil:
			for k, d := range docs {
				x := base | uint32(d)
				if int(x>>6) >= len(fs) || fs[x>>6]&(1<<(x&63)) == 0 {
					continue
				}
				x &= spanSize - 1
				acc[x] += f * int64(imps[k])
				matched[x] |= bt
				if touched != nil {
					touched[x>>6] |= 1 << (x & 63)
				}
			}
		case touched != nil:
			for k, d := range docs {
				x := (base | uint32(d)) & (spanSize - 1)
				acc[x] += f * int64(imps[k])
				matched[x] |= bt
				touched[x>>6] |= 1 << (x & 63)
			}
		default:
			for k, d := range docs {
				x := (base | uint32(d)) & (spanSize - 1)
				acc[x] += f * int64(imps[k])
				matched[x] |= bt
			}
		}
	}
}

// fieldOf returns the field of space s of c.
func fieldOf(c *core, s *space) Field {
	if s == &c.spaces[FieldBigrams] {
		return FieldBigrams
	}
	return FieldWords
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
