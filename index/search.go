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

// spanShift sets the largest span of the search: documents are scored
// span by span (a whole number of windows, at most 1<<spanShift
// consecutive numbers), each term's postings of the span streamed in one
// burst into span-sized accumulators. The first span is one window and
// each next one doubles up to spanSize, so that the top-k heap fills, and
// its threshold θ starts sparing the later spans the heap work, after few
// documents are pushed. 16384 documents keep the accumulators
// (2 × 128 KiB) in L2 (see doc.go for the measurements).
const (
	spanShift = 14
	spanSize  = 1 << spanShift
	spanWords = spanSize / 64
)

// A span is a whole number of windows.
var _ [spanShift - winShift]struct{}

// scratch is per-call search state, pooled. acc, matched and touched are
// zero between calls: each call clears what it touched.
type scratch struct {
	terms   []qterm
	pos     map[uint64]int
	acc     [spanSize]int64
	matched [spanSize]uint64
	touched [spanWords]uint64
	order   []int32
	hits    []uint32
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
	return c.idAfter(a.doc, b.doc)
}

// idAfter reports whether document a's id sorts after b's (kept out of
// worse so that worse inlines into the heap loops).
//
//go:noinline
func (c *core) idAfter(a, b uint32) bool {
	return strings.Compare(c.ids[a], c.ids[b]) > 0
}

// topK is the bounded min-heap of the best hits so far; h[0] is the worst
// kept hit and theta its score once the heap is full.
type topK struct {
	c     *core
	h     []cand
	k     int
	full  bool
	theta int64
}

// push offers x to the heap.
func (t *topK) push(x cand) {
	if len(t.h) < t.k {
		t.h = append(t.h, x)
		t.c.heapUp(t.h, len(t.h)-1)
		if len(t.h) == t.k {
			t.full, t.theta = true, t.h[0].score
		}
		return
	}
	if t.c.worse(&t.h[0], &x) {
		t.h[0] = x
		t.c.heapDown(t.h, 0)
		t.theta = t.h[0].score
	}
}

// search runs q (validated) against a fresh core (!c.dirty). It is
// read-only on c and may run concurrently with other searches.
//
// Algorithm: term-at-a-time scoring over spans of consecutive documents
// (a whole number of windows; the first span is one window, each next
// one twice as long up to spanSize). Each query term's postings of a span
// are one contiguous stretch of its posting list, streamed into the span
// accumulators (score, and Matched bits for the terms that carry some).
// An industry filter keeping few documents of the span (< postFilterMax)
// is tested per posting; a denser one only when documents are read out of
// the accumulators, so that a filtered search costs no more than an
// unfiltered one. Before the top-k heap is full (or while its k-th score
// θ ≤ 0) every touched document is offered to the heap. Once θ > 0,
// untouched documents (score 0) cannot enter, so no touched set is kept:
// a branch-free scan of the accumulator (scanGE) finds the documents
// reaching θ. Query-level MaxScore was tried and measured no faster on
// need-like queries (see doc.go).
//
// Scores are exact integers in the query's fixed-point unit, so the
// result does not depend on the evaluation order. Worst case O(query
// postings + documents + touched × log Top).
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

	terms, u := c.resolve(sc, q)
	tk := topK{c: c, h: sc.heap[:0], k: min(q.Top, c.nLive), theta: math.MinInt64}
	defer func() { sc.heap = tk.h[:0] }()

	acc, matched, touched := &sc.acc, &sc.matched, &sc.touched
	spanLen := winSize
	for start := 0; start < c.built; start, spanLen = start+spanLen, min(spanLen*2, spanSize) {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("index: search: %w", err)
		}
		endWin := uint32((start + spanLen) >> winShift)
		var fs []uint64
		if filter != nil {
			lo := start >> 6
			if lo >= len(filter) {
				break // no later document passes the filter
			}
			fs = filter[lo:min(lo+spanLen/64, len(filter))]
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
		span := uint32(start)
		n := min(spanLen, c.built-start)
		// A sparse filter is tested per posting (skipping most
		// accumulator updates, its branch well predicted); a dense one
		// only when documents are read out of the accumulators.
		post, late := fs, []uint64(nil)
		if fs != nil && density(fs, n) >= postFilterMax {
			post, late = nil, fs
		}
		if tk.full && tk.theta > 0 {
			// Untouched documents score 0 < θ: no touched set, a scan of
			// the accumulator finds the documents reaching θ.
			for _, i := range order {
				addRuns(&terms[i], span, post, acc, matched, nil)
			}
			hits := scanGE(acc, n, tk.theta, sc.hits[:0])
			for _, x := range hits {
				if inFilter(late, int(x)) {
					tk.push(cand{score: acc[x], doc: span + x, matched: matched[x]})
				}
			}
			sc.hits = hits[:0]
			clear(acc[:n])
			clear(matched[:n])
			continue
		}
		for _, i := range order {
			addRuns(&terms[i], span, post, acc, matched, touched)
		}
		for wi := range touched[:(n+63)/64] {
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
				if tk.full && s < tk.theta || !inFilter(late, x) {
					continue
				}
				tk.push(cand{score: s, doc: span + uint32(x), matched: m})
			}
		}
	}

	h := tk.h
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
	return out, nil
}

// resolve looks up q's terms, merges repeated (term, field) pairs (their
// factors add, their Matched bits OR) and returns them with the query's
// fixed-point unit u. Terms absent from the core are dropped.
func (c *core) resolve(sc *scratch, q *Query) ([]qterm, float64) {
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
	return terms, u
}

// addRuns adds the contributions of t's runs [t.r0, t.r) (all in the span
// starting at document span) into acc and matched (not written for a
// term without Matched bits, one random write less per posting), keeping
// only the documents of the span filter fs (nil: all) and marking them in
// touched (nil: not tracked). Cost O(postings).
func addRuns(t *qterm, span uint32, fs []uint64, acc *[spanSize]int64, matched *[spanSize]uint64, touched *[spanWords]uint64) {
	s := t.s
	f, bt := t.factor, t.bits
	for r := t.r0; r < t.r; r++ {
		base := (s.runWin[r] << winShift) - span
		off, end := s.runOff[r], s.runOff[r+1]
		docs, imps := s.pDoc[off:end], s.pImp[off:end]
		imps = imps[:len(docs)]
		switch {
		case fs != nil || touched != nil:
			for k, d := range docs {
				x := base | uint32(d)
				if fs != nil && (int(x>>6) >= len(fs) || fs[x>>6]&(1<<(x&63)) == 0) {
					continue
				}
				x &= spanSize - 1
				acc[x] += f * int64(imps[k])
				if bt != 0 {
					matched[x] |= bt
				}
				if touched != nil {
					touched[x>>6] |= 1 << (x & 63)
				}
			}
		case bt != 0:
			for k, d := range docs {
				x := (base | uint32(d)) & (spanSize - 1)
				acc[x] += f * int64(imps[k])
				matched[x] |= bt
			}
		default:
			for k, d := range docs {
				x := (base | uint32(d)) & (spanSize - 1)
				acc[x] += f * int64(imps[k])
			}
		}
	}
}

// scanGE appends to dst the documents x < n with acc[x] ≥ thr, in
// increasing order. It tests eight accumulators at a time by their
// maximum (branch-free), since few documents reach thr.
func scanGE(acc *[spanSize]int64, n int, thr int64, dst []uint32) []uint32 {
	x := 0
	for ; x+8 <= n; x += 8 {
		a := acc[x : x+8 : x+8]
		if max(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]) < thr {
			continue
		}
		for j, v := range a {
			if v >= thr {
				dst = append(dst, uint32(x+j))
			}
		}
	}
	for ; x < n; x++ {
		if acc[x] >= thr {
			dst = append(dst, uint32(x))
		}
	}
	return dst
}

// postFilterMax is the filter density (share of the span's documents
// kept) from which the filter is tested when documents are read out of
// the accumulators rather than per posting. Measured (in-process A/B, CPU
// time per search, n=100000, BenchmarkSearch's need-like queries of ~280
// terms, Top 64, a one-industry filter keeping ~30 %): per posting 35 ms,
// late 15 ms (unfiltered 15 ms). 1/8 itself is not tuned: below it the
// per-posting test skips ≥ 7/8 of the accumulator updates with a
// well-predicted branch.
const postFilterMax = 0.125

// density returns the share of the n documents set in fs.
func density(fs []uint64, n int) float64 {
	k := 0
	for _, w := range fs {
		k += bits.OnesCount64(w)
	}
	return float64(k) / float64(n)
}

// inFilter reports whether span document x passes the span filter fs
// (nil: all pass).
func inFilter(fs []uint64, x int) bool {
	return fs == nil || x>>6 < len(fs) && fs[x>>6]&(1<<(x&63)) != 0
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
