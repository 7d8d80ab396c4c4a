package index

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/kelindar/bitmap"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/segment"
)

// ErrClosed is returned (wrapped) by calls on a closed Index.
var ErrClosed = errors.New("index: closed")

// ErrNoBleve is returned (wrapped) by SearchText on a Config.CoreOnly index.
var ErrNoBleve = errors.New("index: core-only index has no bleve text search (Config.CoreOnly)")

// Index stores the records of one catalog (achievements or needs) in bleve
// and in the in-memory match core, with industry bitmaps for filtering.
//
// Documents get dense internal numbers (uint32) in order of addition. Add
// of an existing id is an update: the old number is tombstoned and the
// record gets a new number. Delete tombstones. When more than 25 % of the
// numbers are tombstones, the next Add or Delete compacts: the live
// documents are renumbered densely (cost O(live postings)), so a Hit.Doc is
// only valid until the next Add or Delete; ids are stable.
//
// Every record enters through one door (Add and Sync): a copy is
// normalised (when *R has Normalize()) and validated (when R has
// Validate() error), so the index holds what the catalog readers would
// have returned. With a Labeler (SetLabeler), records without industries
// are seen (Get, Record, industry filters) with inferred ones.
//
// Search impacts (BM25 with the catalog's N and average length) are
// recomputed lazily by the first Search after an Add or Delete, at cost
// O(postings); add records in bulk, then search.
//
// An on-disk index (Config.Path) is held open by one Index at a time: New
// takes an exclusive lock on the directory (see LockedError), Close
// releases it.
//
// Concurrency: all methods are safe for concurrent use. Writers (Add,
// Sync, Delete, SetLabeler, Close) are serialised; searches run
// concurrently with each other and wait only while a writer updates the
// core (not while bleve indexes or a labeler runs). The kelindar bitmaps
// are not safe for concurrent use, so they are only mutated under the
// write lock and each Search filters on its own copy.
type Index[R techmatch.Record] struct {
	cfg   Config
	terms termsFunc
	bl    bleve.Index
	lock  *dirLock // on-disk index only

	wmu sync.Mutex // serialises Add, Sync, Delete, SetLabeler and Close
	// labeler infers industries (nil: none). Written under wmu and mu;
	// writers read it under wmu.
	labeler Labeler
	mu      sync.RWMutex // guards core, recs, meta, closed
	// recs[doc] is the record of doc number doc as seen (inferred
	// industries set), meta[doc] its hash and given form; zero values when
	// tombstoned.
	core   *core
	recs   []R
	meta   []docMeta[R]
	closed bool
	snap   SnapshotStatus // how New filled the core (see load)
}

// recordSum is the SHA-256 of a record's JSON encoding as stored (the
// normalised record as given, without inferred industries). The zero
// value means not computed yet (core-only indexes hash at the first
// Sync).
type recordSum [sha256.Size]byte

// docMeta is what the index keeps of a document beside its record.
type docMeta[R any] struct {
	sum recordSum // zero: not computed
	// given is the record as given when recs[doc] has inferred
	// industries, else nil.
	given *R
}

// segmenterTerms adapts a segmenter to the core's term function.
func segmenterTerms(s *segment.Segmenter) termsFunc {
	return func(dst []string, text string, f Field) ([]string, error) {
		mode := segment.ModeSearch
		if f == FieldBigrams {
			mode = segment.ModeBigram
		}
		return s.AppendTerms(dst, text, mode)
	}
}

// New opens an index as cfg says: in memory when cfg.Path is "", else on
// disk (created if absent or empty, reopened and reloaded if it holds an
// index). On disk, New first locks the directory (a *LockedError, within
// Config.LockWait, when another Index holds it), then checks its manifest
// (an *IncompatibleError when it holds another record kind, format or
// analysis). R must round-trip through encoding/json for reopening (the
// catalog types Achievement and Need do).
func New[R techmatch.Record](ctx context.Context, cfg Config) (*Index[R], error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("index: new: %w", err)
	}
	cfg = cfg.withDefaults()
	ix := &Index[R]{cfg: cfg, terms: segmenterTerms(cfg.Segmenter), core: newCore(cfg.K1, cfg.B)}
	if cfg.CoreOnly {
		return ix, nil
	}
	im, err := newMapping(segment.AnalyzerWords, segment.AnalyzerBigrams, cfg.Segmenter.AddAnalyzers)
	if err != nil {
		return nil, err
	}
	if cfg.Path == "" {
		ix.bl, err = bleve.NewUsing("", im, scorch.Name, scorch.Name, nil)
		if err != nil {
			return nil, fmt.Errorf("index: new in-memory scorch index: %w", err)
		}
		return ix, nil
	}
	if err := ix.openDisk(ctx, im); err != nil {
		return nil, err
	}
	return ix, nil
}

// validRecord rejects nil records and empty ids.
func validRecord[R techmatch.Record](rec R) error {
	if isNil(rec) {
		return errors.New("nil record")
	}
	if rec.RecordID() == "" {
		return errors.New("empty id")
	}
	return nil
}

// isNil reports whether rec is a nil pointer or interface.
func isNil[R any](rec R) bool {
	v := reflect.ValueOf(rec)
	return !v.IsValid() || (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil()
}

// checkOpen returns ErrClosed (wrapped with op) if ix is closed. Callers
// hold mu or wmu.
func (ix *Index[R]) checkOpen(op string) error {
	if ix.closed {
		return fmt.Errorf("index: %s: %w", op, ErrClosed)
	}
	return nil
}

func (ix *Index[R]) isClosed() bool {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.closed
}

// rlockFresh takes the read lock on a fresh core, refreshing it first
// (under the write lock) when a write made it stale.
func (ix *Index[R]) rlockFresh() {
	ix.mu.RLock()
	for ix.core.dirty && !ix.closed {
		ix.mu.RUnlock()
		ix.mu.Lock()
		if ix.core.dirty && !ix.closed {
			ix.core.refresh()
		}
		ix.mu.Unlock()
		ix.mu.RLock()
	}
}

// Search returns the exact top q.Top documents by score, ties broken by
// id, restricted to q.Industries. Documents matching no query term are
// not returned.
//
// Score: each posting stores its BM25 impact quantised to q ∈ 1..255,
// linear in the term's largest impact m_t (q = round(255·impact/m_t), at
// least 1); term i contributes f_i·q where f_i = round(w_i·(m_t/255)/u)
// in the query's fixed-point unit u (a power of two, see fixedUnit), and
// Score = u·Σ f_i·q. Scores are thus exact and order-independent; they
// differ from float BM25 by at most half a quantisation step per term
// (≤ 0.2 % of the term's largest impact).
//
// Cost: exhaustive term-at-a-time over spans (see doc.go): O(Σ postings
// of the query terms + documents reaching the k-th score × log Top), about
// 2.5 ns per posting on the benchmark machine; O(all postings) once after
// a write (see Index).
func (ix *Index[R]) Search(ctx context.Context, q Query) ([]Hit, error) {
	if err := q.validate(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	ix.rlockFresh()
	defer ix.mu.RUnlock()
	if err := ix.checkOpen("search"); err != nil {
		return nil, err
	}
	return ix.core.search(ctx, &q)
}

// SearchText runs an ad-hoc bleve query (BM25) for text over the words
// fields (title × TitleBoost, description, keywords × KeywordBoost) and,
// at half weight, the bigram fields, keeping documents in any of
// industries (empty = all; the filter is a conjunctive bleve clause and
// adds a small constant to the score). Hit.Matched is 0.
func (ix *Index[R]) SearchText(ctx context.Context, text string, industries []techmatch.Industry, top int) ([]Hit, error) {
	if top <= 0 {
		return nil, fmt.Errorf("index: search text: top = %d, want > 0", top)
	}
	if ix.isClosed() {
		return nil, fmt.Errorf("index: search text: %w", ErrClosed)
	}
	if ix.bl == nil {
		return nil, fmt.Errorf("index: search text %q: %w", text, ErrNoBleve)
	}
	match := func(field string, boost float64) query.Query {
		q := query.NewMatchQuery(text)
		q.SetField(field)
		q.SetBoost(boost)
		return q
	}
	var q query.Query = query.NewDisjunctionQuery([]query.Query{
		match(FieldTitle, ix.cfg.TitleBoost),
		match(FieldDescription, 1),
		match(FieldKeywords, ix.cfg.KeywordBoost),
		match(FieldTitleBigram, ix.cfg.TitleBoost/2),
		match(FieldDescriptionBigram, 0.5),
	})
	if len(industries) > 0 {
		var terms []query.Query
		for _, ind := range industries {
			tq := query.NewTermQuery(string(ind))
			tq.SetField(FieldIndustries)
			tq.SetBoost(1e-6)
			terms = append(terms, tq)
		}
		// bleve indexes the industries as given; those a Labeler inferred
		// are found through the core's bitmaps.
		if ids := ix.inferredIDs(industries); len(ids) > 0 {
			dq := query.NewDocIDQuery(ids)
			dq.SetBoost(1e-6)
			terms = append(terms, dq)
		}
		q = query.NewConjunctionQuery([]query.Query{q, query.NewDisjunctionQuery(terms)})
	}
	req := bleve.NewSearchRequestOptions(q, top, 0, false)
	res, err := ix.bl.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index: search text %q: %w", text, err)
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	hits := make([]Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		doc, ok := ix.core.byID[h.ID]
		if !ok { // deleted since bleve answered
			continue
		}
		hits = append(hits, Hit{Doc: doc, ID: h.ID, Score: h.Score})
	}
	return hits, nil
}

// inferredIDs returns the ids of the live records whose industries were
// inferred (SetLabeler) and include one of industries. Cost O(records in
// those industries).
func (ix *Index[R]) inferredIDs(industries []techmatch.Industry) []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var ids []string
	if ix.labeler == nil || ix.closed {
		return nil
	}
	var f []uint64
	if ix.core.buildFilter(&f, industries) {
		bitmap.Bitmap(f).Range(func(d uint32) {
			if ix.meta[d].given != nil {
				ids = append(ids, ix.core.ids[d])
			}
		})
	}
	return ids
}

// Get returns the record with this id, with inferred industries when a
// Labeler (SetLabeler) gave it some.
func (ix *Index[R]) Get(id string) (R, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	doc, ok := ix.core.byID[id]
	if !ok || ix.closed {
		var zero R
		return zero, false
	}
	return ix.recs[doc], true
}

// Doc returns the current doc number of id.
func (ix *Index[R]) Doc(id string) (uint32, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	doc, ok := ix.core.byID[id]
	return doc, ok && !ix.closed
}

// Record returns the live record with doc number doc, like Get.
func (ix *Index[R]) Record(doc uint32) (R, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed || int(doc) >= len(ix.core.ids) || !ix.core.isLive(doc) {
		var zero R
		return zero, false
	}
	return ix.recs[doc], true
}

// Segmenter returns the segmenter the index analyses text with, so that
// queries are analysed the same way.
func (ix *Index[R]) Segmenter() *segment.Segmenter { return ix.cfg.Segmenter }

// Len returns the number of live records (0 after Close).
func (ix *Index[R]) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return 0
	}
	return ix.core.nLive
}

// N is Len: the document count BM25 statistics use.
func (ix *Index[R]) N() int { return ix.Len() }

// DocFreq returns the number of live documents containing term in field
// space f. After a write it refreshes the core first, like Search.
func (ix *Index[R]) DocFreq(f Field, term string) int {
	ix.rlockFresh()
	defer ix.mu.RUnlock()
	return ix.docFreq(f, term)
}

// docFreq is DocFreq; caller holds mu (read) on a fresh core.
func (ix *Index[R]) docFreq(f Field, term string) int {
	if !f.valid() || ix.closed {
		return 0
	}
	s := &ix.core.spaces[f]
	tid, ok := s.dict[term]
	if !ok || int(tid) >= len(s.df) {
		return 0
	}
	return int(s.df[tid])
}

// IDF returns the BM25 idf ln(1 + (N − df + 0.5)/(df + 0.5)) of term in
// field space f, as Search uses it (an unknown term has df 0).
func (ix *Index[R]) IDF(f Field, term string) float64 {
	ix.rlockFresh()
	defer ix.mu.RUnlock()
	n := 0
	if !ix.closed {
		n = ix.core.nLive
	}
	return idf(n, ix.docFreq(f, term))
}

// AvgDocLen returns the average weighted document length in field space f
// over live documents (0 when empty).
func (ix *Index[R]) AvgDocLen(f Field) float64 {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if !f.valid() || ix.closed || ix.core.nLive == 0 {
		return 0
	}
	return ix.core.spaces[f].total / float64(ix.core.nLive)
}

// DocTerms returns the weighted terms of live document doc in field space
// f, sorted by term, and the document's weighted length. The core keeps
// no forward index (it would double its memory): the stored record is
// analysed again, which costs one segmentation of its text.
func (ix *Index[R]) DocTerms(doc uint32, f Field) (terms []TermWeight, length float64, ok bool) {
	ix.mu.RLock()
	if !f.valid() || ix.closed || int(doc) >= len(ix.core.ids) || !ix.core.isLive(doc) {
		ix.mu.RUnlock()
		return nil, 0, false
	}
	rec := ix.recs[doc]
	ix.mu.RUnlock()
	terms, length, err := ix.Analyze(rec, f)
	if err != nil {
		return nil, 0, false
	}
	return terms, length, true
}

// Analyze returns rec's weighted terms in field space f, sorted by term,
// computed exactly as for indexed documents (title × TitleBoost,
// keywords × KeywordBoost), and its weighted length. rec need not be in
// the index (use it to turn a need into query terms against achievements).
func (ix *Index[R]) Analyze(rec techmatch.Record, f Field) ([]TermWeight, float64, error) {
	if !f.valid() {
		return nil, 0, fmt.Errorf("index: analyze: unknown field %d", f)
	}
	if rec == nil || reflect.ValueOf(rec).Kind() == reflect.Pointer && reflect.ValueOf(rec).IsNil() {
		return nil, 0, errors.New("index: analyze: nil record")
	}
	title, desc, kws := rec.Text()
	a, _, err := analyse(ix.terms, f, title, desc, kws, ix.cfg.TitleBoost, ix.cfg.KeywordBoost, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("index: analyze record %q: %w", rec.RecordID(), err)
	}
	out := make([]TermWeight, len(a.terms))
	for i, t := range a.terms {
		out[i] = TermWeight{Term: t, TF: float64(a.tfs[i])}
	}
	slices.SortFunc(out, func(x, y TermWeight) int { return strings.Compare(x.Term, y.Term) })
	return out, float64(a.length), nil
}

// Bleve returns the underlying bleve index for ad-hoc queries, nil for a
// Config.CoreOnly index. Do not write through it: the match core and
// bitmaps would diverge.
func (ix *Index[R]) Bleve() bleve.Index { return ix.bl }

// Close closes bleve, releases the core and, on disk, the directory's
// lock. It is idempotent; other calls after Close return ErrClosed or
// report nothing found.
func (ix *Index[R]) Close() error {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return nil
	}
	ix.closed = true
	ix.core = newCore(ix.cfg.K1, ix.cfg.B)
	ix.recs, ix.meta = nil, nil
	var errs []error
	if ix.bl != nil {
		if err := ix.bl.Close(); err != nil {
			errs = append(errs, fmt.Errorf("index: close %q: %w", ix.cfg.Path, err))
		}
	}
	if err := ix.lock.unlock(); err != nil {
		errs = append(errs, fmt.Errorf("index: close %q: unlock: %w", ix.cfg.Path, err))
	}
	return errors.Join(errs...)
}
