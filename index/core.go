package index

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/kelindar/bitmap"

	"github.com/techmatch/techmatch"
)

// Defaults for the zero fields of Config.
const (
	DefaultTitleBoost   = 2.0
	DefaultKeywordBoost = 1.5
	DefaultK1           = 1.2
	DefaultB            = 0.75
)

// Field is a term space of the match core.
type Field uint8

// The term spaces of the match core.
const (
	// FieldWords holds the jieba index words (segment.ModeSearch) of the
	// title, description and keywords.
	FieldWords Field = iota
	// FieldBigrams holds the CJK character bigrams (segment.ModeBigram) of
	// the same fields; it catches words the dictionary cuts differently.
	FieldBigrams

	numFields = 2
)

// String returns "words" or "bigrams".
func (f Field) String() string {
	switch f {
	case FieldWords:
		return "words"
	case FieldBigrams:
		return "bigrams"
	}
	return fmt.Sprintf("Field(%d)", uint8(f))
}

func (f Field) valid() bool { return f < numFields }

// TermWeight is a term with its weighted term frequency in one document:
// Σ over the fields title, description and keywords of boost × occurrences
// (title × Config.TitleBoost, keywords × Config.KeywordBoost).
type TermWeight struct {
	Term string
	TF   float64
}

// termsFunc appends the terms of text in field space f to dst. The index
// uses the segmenter; the core's tests use a fake.
type termsFunc func(dst []string, text string, f Field) ([]string, error)

// analysed is one document's weighted bag of terms in one field space.
type analysed struct {
	terms  []string  // sorted, distinct
	tfs    []float32 // weighted term frequency, parallel to terms
	length float32   // Σ boost × tokens (the BM25F document length)
}

// analyse computes the BM25F-style weighted bag of terms of a record's text
// in field space f. scratch is reused for the token list.
func analyse(fn termsFunc, f Field, title, desc string, keywords []string, titleBoost, kwBoost float64, scratch []string) (analysed, []string, error) {
	weights := make(map[string]float64)
	var length float64
	add := func(text string, boost float64, what string) error {
		if text == "" {
			return nil
		}
		var err error
		scratch, err = fn(scratch[:0], text, f)
		if err != nil {
			return fmt.Errorf("analyse %s (%s): %w", what, f, err)
		}
		for _, t := range scratch {
			if t == "" {
				continue
			}
			weights[t] += boost
			length += boost
		}
		return nil
	}
	if err := add(title, titleBoost, "title"); err != nil {
		return analysed{}, scratch, err
	}
	if err := add(desc, 1, "description"); err != nil {
		return analysed{}, scratch, err
	}
	for i, kw := range keywords {
		if err := add(kw, kwBoost, fmt.Sprintf("keywords[%d]", i)); err != nil {
			return analysed{}, scratch, err
		}
	}
	a := analysed{terms: make([]string, 0, len(weights)), length: float32(length)}
	for t := range weights {
		a.terms = append(a.terms, t)
	}
	slices.Sort(a.terms)
	a.tfs = make([]float32, len(a.terms))
	for i, t := range a.terms {
		a.tfs[i] = float32(weights[t])
	}
	return a, scratch, nil
}

// space is the postings of one field space over dense document numbers.
// Postings are in increasing document order (documents are numbered in
// order of addition) and may contain tombstoned documents until compaction.
type space struct {
	dict  map[string]uint32 // term → term id
	terms []string          // term id → term
	docs  [][]uint32        // term id → documents
	tfs   [][]float32       // term id → weighted tf, parallel to docs
	imps  [][]float32       // term id → BM25 impact, parallel to docs; valid when !core.dirty
	df    []int32           // term id → live document frequency
	lens  []float32         // doc → length
	total float64           // Σ lens over live documents
}

// docEntry is what the core keeps of a document.
type docEntry struct {
	id         string
	live       bool
	industries []techmatch.Industry
	terms      [numFields]struct {
		ids []uint32
		tfs []float32
	}
}

// core is the in-memory match core: postings with precomputed BM25 impacts,
// the industry bitmaps and the live bitmap. It is not safe for concurrent
// use; Index guards it with a sync.RWMutex.
type core struct {
	k1, b  float64
	spaces [numFields]space
	docs   []docEntry        // doc number → entry
	byID   map[string]uint32 // id → live doc number
	live   bitmap.Bitmap
	inds   map[techmatch.Industry]bitmap.Bitmap
	nLive  int
	dirty  bool // impacts are stale
}

func newCore(k1, b float64) *core {
	c := &core{k1: k1, b: b, byID: make(map[string]uint32), inds: make(map[techmatch.Industry]bitmap.Bitmap)}
	for f := range c.spaces {
		c.spaces[f].dict = make(map[string]uint32)
	}
	return c
}

// add appends a document with a fresh doc number; a live document with the
// same id is tombstoned first. It returns the new doc number.
func (c *core) add(id string, industries []techmatch.Industry, fields [numFields]analysed) uint32 {
	if old, ok := c.byID[id]; ok {
		c.remove(old)
	}
	doc := uint32(len(c.docs))
	e := docEntry{id: id, live: true}
	for _, ind := range industries {
		if ind == "" || slices.Contains(e.industries, ind) {
			continue
		}
		e.industries = append(e.industries, ind)
		bm := c.inds[ind]
		bm.Set(doc)
		c.inds[ind] = bm
	}
	for f := range fields {
		a := &fields[f]
		s := &c.spaces[f]
		ids := make([]uint32, len(a.terms))
		for i, t := range a.terms {
			tid, ok := s.dict[t]
			if !ok {
				tid = uint32(len(s.terms))
				s.dict[t] = tid
				s.terms = append(s.terms, t)
				s.docs = append(s.docs, nil)
				s.tfs = append(s.tfs, nil)
				s.imps = append(s.imps, nil)
				s.df = append(s.df, 0)
			}
			ids[i] = tid
			s.docs[tid] = append(s.docs[tid], doc)
			s.tfs[tid] = append(s.tfs[tid], a.tfs[i])
			s.df[tid]++
		}
		s.lens = append(s.lens, a.length)
		s.total += float64(a.length)
		e.terms[f].ids = ids
		e.terms[f].tfs = a.tfs
	}
	c.docs = append(c.docs, e)
	c.byID[id] = doc
	c.live.Set(doc)
	c.nLive++
	c.dirty = true
	return doc
}

// remove tombstones doc. Its postings stay until compaction.
func (c *core) remove(doc uint32) {
	if int(doc) >= len(c.docs) || !c.docs[doc].live {
		return
	}
	e := &c.docs[doc]
	e.live = false
	for _, ind := range e.industries {
		bm := c.inds[ind]
		bm.Remove(doc)
		c.inds[ind] = bm
	}
	for f := range c.spaces {
		s := &c.spaces[f]
		for _, tid := range e.terms[f].ids {
			s.df[tid]--
		}
		s.total -= float64(s.lens[doc])
	}
	c.live.Remove(doc)
	delete(c.byID, e.id)
	c.nLive--
	c.dirty = true
}

// dead is the number of tombstoned doc numbers.
func (c *core) dead() int { return len(c.docs) - c.nLive }

// needsCompaction reports whether more than compactDeadFraction of the doc
// numbers are tombstones.
func (c *core) needsCompaction() bool {
	return c.dead() > 0 && float64(c.dead()) > compactDeadFraction*float64(len(c.docs))
}

// compactDeadFraction is the share of tombstoned doc numbers above which
// the core is renumbered (see Index doc comment).
const compactDeadFraction = 0.25

// compact renumbers the live documents densely in their current order and
// rebuilds postings and bitmaps. It returns old doc numbers of the
// survivors, indexed by new doc number. Cost O(live postings).
func (c *core) compact() []uint32 {
	n := newCore(c.k1, c.b)
	kept := make([]uint32, 0, c.nLive)
	for old := range c.docs {
		e := &c.docs[old]
		if !e.live {
			continue
		}
		var fields [numFields]analysed
		for f := range fields {
			s := &c.spaces[f]
			a := analysed{terms: make([]string, len(e.terms[f].ids)), tfs: e.terms[f].tfs, length: s.lens[old]}
			for i, tid := range e.terms[f].ids {
				a.terms[i] = s.terms[tid]
			}
			fields[f] = a
		}
		n.add(e.id, e.industries, fields)
		kept = append(kept, uint32(old))
	}
	*c = *n
	return kept
}

// idf is the BM25 inverse document frequency (Lucene's non-negative form)
// ln(1 + (N − df + 0.5)/(df + 0.5)).
func idf(n, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// impact is the BM25 contribution of a term with weighted frequency tf in a
// document of length dl.
func impact(idfv, tf, dl, avgdl, k1, b float64) float64 {
	norm := 1.0
	if avgdl > 0 {
		norm = 1 - b + b*dl/avgdl
	}
	return idfv * tf * (k1 + 1) / (tf + k1*norm)
}

// refresh recomputes every impact from the live statistics. Cost
// O(postings, tombstones included).
func (c *core) refresh() {
	for f := range c.spaces {
		s := &c.spaces[f]
		avg := 0.0
		if c.nLive > 0 {
			avg = s.total / float64(c.nLive)
		}
		for tid := range s.terms {
			docs, tfs := s.docs[tid], s.tfs[tid]
			imps := s.imps[tid]
			if cap(imps) < len(docs) {
				imps = make([]float32, len(docs))
			}
			imps = imps[:len(docs)]
			w := idf(c.nLive, int(s.df[tid]))
			for j, d := range docs {
				if !c.docs[d].live {
					imps[j] = 0
					continue
				}
				imps[j] = float32(impact(w, float64(tfs[j]), float64(s.lens[d]), avg, c.k1, c.b))
			}
			s.imps[tid] = imps
		}
	}
	c.dirty = false
}

// QueryTerm is one weighted term of a match-core query.
type QueryTerm struct {
	Term   string
	Field  Field
	Weight float64
}

// Query is a match-core query: documents are scored by
// Σ_i Terms[i].Weight × impact(Terms[i], doc).
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

// scratch is per-call search state, pooled. acc, matched and seen are
// indexed by doc number; only touched entries are non-zero between calls.
type scratch struct {
	acc     []float64
	matched []uint64
	seen    []bool
	touched []uint32
	filter  bitmap.Bitmap
	heap    []Hit
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func (s *scratch) grow(n int) {
	if len(s.acc) < n {
		s.acc = slices.Grow(s.acc[:0], n)[:n]
		clear(s.acc)
		s.matched = slices.Grow(s.matched[:0], n)[:n]
		clear(s.matched)
		s.seen = slices.Grow(s.seen[:0], n)[:n]
		clear(s.seen)
	}
}

// reset clears what the last call touched: O(touched), not O(N).
func (s *scratch) reset() {
	for _, d := range s.touched {
		s.acc[d] = 0
		s.matched[d] = 0
		s.seen[d] = false
	}
	s.touched = s.touched[:0]
	s.heap = s.heap[:0]
}

// buildFilter writes into dst the documents allowed by industries (OR of
// their bitmaps, AND live). The result is a copy: the core's bitmaps are
// only read. ok is false when no document can match.
func (c *core) buildFilter(dst *bitmap.Bitmap, industries []techmatch.Industry) (ok bool) {
	if len(industries) == 0 {
		*dst = c.live.Clone(dst)
		return c.nLive > 0
	}
	n := 0
	for _, ind := range industries {
		if bm, found := c.inds[ind]; found {
			n = max(n, len(bm))
		}
	}
	// Size and zero dst explicitly: Bitmap.Or grows by reslicing, which
	// would expose stale words left in a pooled buffer's capacity.
	*dst = slices.Grow((*dst)[:0], n)[:n]
	clear(*dst)
	found := false
	for _, ind := range industries {
		if bm, ok := c.inds[ind]; ok {
			dst.Or(bm)
			found = true
		}
	}
	if !found {
		return false
	}
	dst.And(c.live)
	return true
}

// search runs q (validated) against fresh impacts (!c.dirty). It is
// read-only on c and may run concurrently with other searches.
func (c *core) search(ctx context.Context, q *Query) ([]Hit, error) {
	sc := scratchPool.Get().(*scratch)
	defer func() {
		sc.reset()
		scratchPool.Put(sc)
	}()
	if !c.buildFilter(&sc.filter, q.Industries) {
		return []Hit{}, nil
	}
	sc.grow(len(c.docs))
	for i, qt := range q.Terms {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("index: search: %w", err)
		}
		s := &c.spaces[qt.Field]
		tid, ok := s.dict[qt.Term]
		if !ok {
			continue
		}
		var bit uint64
		if i < 64 {
			bit = 1 << uint(i)
		}
		docs, imps := s.docs[tid], s.imps[tid]
		for j, d := range docs {
			if !sc.filter.Contains(d) {
				continue
			}
			if !sc.seen[d] {
				sc.seen[d] = true
				sc.touched = append(sc.touched, d)
			}
			sc.acc[d] += qt.Weight * float64(imps[j])
			sc.matched[d] |= bit
		}
	}
	// Top-k by a min-heap whose root is the worst kept hit.
	h := sc.heap[:0]
	for _, d := range sc.touched {
		hit := Hit{Doc: d, ID: c.docs[d].id, Score: sc.acc[d], Matched: sc.matched[d]}
		if len(h) < q.Top {
			h = append(h, hit)
			heapUp(h, len(h)-1)
			continue
		}
		if worse(h[0], hit) {
			h[0] = hit
			heapDown(h, 0)
		}
	}
	sc.heap = h
	out := slices.Clone(h)
	slices.SortFunc(out, func(a, b Hit) int {
		if worse(a, b) {
			return 1
		}
		if worse(b, a) {
			return -1
		}
		return 0
	})
	return out, nil
}

// worse reports whether a ranks below b: lower score, or equal score and a
// larger id.
func worse(a, b Hit) bool {
	if a.Score != b.Score {
		return a.Score < b.Score
	}
	return strings.Compare(a.ID, b.ID) > 0
}

func heapUp(h []Hit, i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !worse(h[i], h[p]) {
			return
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
}

func heapDown(h []Hit, i int) {
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		m := l
		if r := l + 1; r < len(h) && worse(h[r], h[l]) {
			m = r
		}
		if !worse(h[m], h[i]) {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}
