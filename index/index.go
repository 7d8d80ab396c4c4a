package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/segment"
)

// ErrClosed is returned (wrapped) by calls on a closed Index.
var ErrClosed = errors.New("index: closed")

// batchSize is the number of records per bleve batch in Add and Delete.
// BenchmarkAdd/n=1000 (2 shared cores): 64 → 2540 docs/s, 256 → 2430,
// 1024 → 1560; 256 is within noise of 64 and makes fewer scorch segments.
const batchSize = 256

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
// Search impacts (BM25 with the catalog's N and average length) are
// recomputed lazily by the first Search after an Add or Delete, at cost
// O(postings); add records in bulk, then search.
//
// Concurrency: all methods are safe for concurrent use. Writers (Add,
// Delete, Close) are serialised; searches run concurrently with each other
// and wait only while a writer updates the core (not while bleve indexes).
// The kelindar bitmaps are not safe for concurrent use, so they are only
// mutated under the write lock and each Search filters on its own copy.
type Index[R techmatch.Record] struct {
	cfg   Config
	terms termsFunc
	bl    bleve.Index

	wmu sync.Mutex   // serialises Add, Delete and Close
	mu  sync.RWMutex // guards core, recs, closed
	// core and recs: recs[doc] is the record of doc number doc (zero value
	// when tombstoned).
	core   *core
	recs   []R
	closed bool
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
// index). R must round-trip through encoding/json for reopening (the
// catalog types Achievement and Need do).
func New[R techmatch.Record](ctx context.Context, cfg Config) (*Index[R], error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	ix := &Index[R]{cfg: cfg, terms: segmenterTerms(cfg.Segmenter), core: newCore(cfg.K1, cfg.B)}
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
	exists, err := indexExists(cfg.Path)
	if err != nil {
		return nil, err
	}
	if !exists {
		ix.bl, err = bleve.NewUsing(cfg.Path, im, scorch.Name, scorch.Name, nil)
		if err != nil {
			return nil, fmt.Errorf("index: create %s: %w", cfg.Path, err)
		}
		return ix, nil
	}
	ix.bl, err = bleve.Open(cfg.Path)
	if err != nil {
		return nil, fmt.Errorf("index: open %s: %w", cfg.Path, err)
	}
	if err := ix.reload(ctx); err != nil {
		_ = ix.bl.Close()
		return nil, err
	}
	return ix, nil
}

// indexExists reports whether path holds a bleve index; an absent path or
// an empty directory does not, anything else that is not an index is an
// error.
func indexExists(path string) (bool, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("index: stat %s: %w", path, err)
	}
	if !fi.IsDir() {
		return false, fmt.Errorf("index: %s is a file, want a directory", path)
	}
	if _, err := os.Stat(filepath.Join(path, "index_meta.json")); err == nil {
		return true, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return false, fmt.Errorf("index: read %s: %w", path, err)
	}
	if len(entries) > 0 {
		return false, fmt.Errorf("index: %s is a non-empty directory without a bleve index (no index_meta.json)", path)
	}
	// bleve refuses an existing directory; remove the empty one.
	if err := os.Remove(path); err != nil {
		return false, fmt.Errorf("index: prepare %s: %w", path, err)
	}
	return false, nil
}

// reloadPage is the number of stored records fetched per bleve request
// when reopening.
const reloadPage = 1000

// reload rebuilds recs and the core from the _source fields of an opened
// bleve index, in id order.
func (ix *Index[R]) reload(ctx context.Context) error {
	var after []string
	var tokens []string
	for {
		req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), reloadPage, 0, false)
		req.Fields = []string{FieldSource}
		req.SortBy([]string{"_id"})
		if after != nil {
			req.SetSearchAfter(after)
		}
		res, err := ix.bl.SearchInContext(ctx, req)
		if err != nil {
			return fmt.Errorf("index: reload %s: %w", ix.cfg.Path, err)
		}
		for _, h := range res.Hits {
			src, ok := h.Fields[FieldSource].(string)
			if !ok {
				return fmt.Errorf("index: reload %s: document %q has no stored %s field", ix.cfg.Path, h.ID, FieldSource)
			}
			var rec R
			if err := json.Unmarshal([]byte(src), &rec); err != nil {
				return fmt.Errorf("index: reload %s: document %q: decode %s: %w", ix.cfg.Path, h.ID, FieldSource, err)
			}
			if err := validRecord(rec); err != nil {
				return fmt.Errorf("index: reload %s: document %q: %w", ix.cfg.Path, h.ID, err)
			}
			if rec.RecordID() != h.ID {
				return fmt.Errorf("index: reload %s: document %q holds record id %q", ix.cfg.Path, h.ID, rec.RecordID())
			}
			var fields [numFields]analysed
			fields, tokens, err = ix.analyseRecord(rec, tokens)
			if err != nil {
				return fmt.Errorf("index: reload %s: document %q: %w", ix.cfg.Path, h.ID, err)
			}
			ix.core.add(h.ID, rec.RecordIndustries(), fields)
			ix.recs = append(ix.recs, rec)
		}
		if len(res.Hits) < reloadPage {
			return nil
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

// validRecord rejects nil records and empty ids.
func validRecord[R techmatch.Record](rec R) error {
	v := reflect.ValueOf(rec)
	if !v.IsValid() || (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
		return errors.New("nil record")
	}
	if rec.RecordID() == "" {
		return errors.New("empty id")
	}
	return nil
}

// analyseRecord computes both field spaces of rec.
func (ix *Index[R]) analyseRecord(rec techmatch.Record, tokens []string) ([numFields]analysed, []string, error) {
	var out [numFields]analysed
	title, desc, kws := rec.Text()
	for f := range out {
		var err error
		out[f], tokens, err = analyse(ix.terms, Field(f), title, desc, kws, ix.cfg.TitleBoost, ix.cfg.KeywordBoost, tokens)
		if err != nil {
			return out, tokens, err
		}
	}
	return out, tokens, nil
}

// bleveDoc is the document bleve indexes for rec.
func bleveDoc(rec techmatch.Record, source []byte) map[string]any {
	title, desc, kws := rec.Text()
	inds := make([]string, 0, len(rec.RecordIndustries()))
	for _, ind := range rec.RecordIndustries() {
		inds = append(inds, string(ind))
	}
	return map[string]any{
		FieldTitle:             title,
		FieldDescription:       desc,
		FieldKeywords:          kws,
		FieldTitleBigram:       title,
		FieldDescriptionBigram: desc,
		FieldIndustries:        inds,
		FieldSource:            string(source),
	}
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

// Add adds or updates (same id) records, in bleve batches of batchSize (256). A bad
// record (nil, empty id, text the segmenter rejects, not JSON-encodable)
// is skipped and reported in the returned error (joined, with its position
// and id); the good ones are added. Within one call, the last record of an
// id wins. On a bleve or context error the batch in progress is not added
// and the error is returned.
func (ix *Index[R]) Add(ctx context.Context, recs ...R) error {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	if ix.isClosed() {
		return fmt.Errorf("index: add: %w", ErrClosed)
	}
	type prepared struct {
		rec    R
		fields [numFields]analysed
	}
	var (
		errs   []error
		tokens []string
		batch  = ix.bl.NewBatch()
		ready  = make([]prepared, 0, min(len(recs), batchSize))
	)
	flush := func() error {
		if len(ready) == 0 {
			return nil
		}
		if err := ix.bl.Batch(batch); err != nil {
			return fmt.Errorf("index: add: bleve batch of %d records (first id %q): %w", len(ready), ready[0].rec.RecordID(), err)
		}
		ix.mu.Lock()
		for _, p := range ready {
			if old, ok := ix.core.byID[p.rec.RecordID()]; ok {
				var zero R
				ix.recs[old] = zero // free the updated record's old version
			}
			doc := ix.core.add(p.rec.RecordID(), p.rec.RecordIndustries(), p.fields)
			ix.setRec(doc, p.rec)
		}
		ix.maybeCompact()
		ix.mu.Unlock()
		batch.Reset()
		ready = ready[:0]
		return nil
	}
	for i, rec := range recs {
		if err := ctx.Err(); err != nil {
			return errors.Join(append(errs, fmt.Errorf("index: add: record %d: %w", i, err))...)
		}
		if err := validRecord(rec); err != nil {
			errs = append(errs, fmt.Errorf("index: add: record %d: %w", i, err))
			continue
		}
		id := rec.RecordID()
		var p prepared
		var err error
		p.rec = rec
		p.fields, tokens, err = ix.analyseRecord(rec, tokens)
		if err != nil {
			errs = append(errs, fmt.Errorf("index: add: record %d (id %q): %w", i, id, err))
			continue
		}
		src, err := json.Marshal(rec)
		if err != nil {
			errs = append(errs, fmt.Errorf("index: add: record %d (id %q): encode %s: %w", i, id, FieldSource, err))
			continue
		}
		if err := batch.Index(id, bleveDoc(rec, src)); err != nil {
			errs = append(errs, fmt.Errorf("index: add: record %d (id %q): bleve: %w", i, id, err))
			continue
		}
		ready = append(ready, p)
		if len(ready) >= batchSize {
			if err := flush(); err != nil {
				return errors.Join(append(errs, err)...)
			}
		}
	}
	if err := flush(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// setRec stores rec at doc number doc. Caller holds mu.
func (ix *Index[R]) setRec(doc uint32, rec R) {
	for len(ix.recs) <= int(doc) {
		var zero R
		ix.recs = append(ix.recs, zero)
	}
	ix.recs[doc] = rec
}

// maybeCompact renumbers when more than 25 % of doc numbers are dead.
// Caller holds mu.
func (ix *Index[R]) maybeCompact() {
	if !ix.core.needsCompaction() {
		return
	}
	kept := ix.core.compact()
	recs := make([]R, len(kept))
	for i, old := range kept {
		recs[i] = ix.recs[old]
	}
	ix.recs = recs
}

// Delete removes the records with these ids and returns how many existed.
// Unknown ids are ignored.
func (ix *Index[R]) Delete(ctx context.Context, ids ...string) (int, error) {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	if ix.isClosed() {
		return 0, fmt.Errorf("index: delete: %w", ErrClosed)
	}
	deleted := 0
	for start := 0; start < len(ids); start += batchSize {
		if err := ctx.Err(); err != nil {
			return deleted, fmt.Errorf("index: delete: %w", err)
		}
		chunk := ids[start:min(start+batchSize, len(ids))]
		batch := ix.bl.NewBatch()
		var present []string
		ix.mu.RLock()
		for _, id := range chunk {
			if _, ok := ix.core.byID[id]; ok && !slices.Contains(present, id) {
				present = append(present, id)
				batch.Delete(id)
			}
		}
		ix.mu.RUnlock()
		if len(present) == 0 {
			continue
		}
		if err := ix.bl.Batch(batch); err != nil {
			return deleted, fmt.Errorf("index: delete: bleve batch of %d ids (first %q): %w", len(present), present[0], err)
		}
		ix.mu.Lock()
		for _, id := range present {
			if doc, ok := ix.core.byID[id]; ok {
				ix.core.remove(doc)
				var zero R
				ix.recs[doc] = zero
				deleted++
			}
		}
		ix.maybeCompact()
		ix.mu.Unlock()
	}
	return deleted, nil
}

// Search returns the exact top q.Top documents by Σ weight × impact, ties
// broken by id, restricted to q.Industries. Cost: O(Σ postings of the
// query terms + touched × log Top), plus O(all postings) once after a
// write (see Index). Documents matching no query term are not returned.
func (ix *Index[R]) Search(ctx context.Context, q Query) ([]Hit, error) {
	if err := q.validate(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
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

// Get returns the record with this id.
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

// Record returns the live record with doc number doc.
func (ix *Index[R]) Record(doc uint32) (R, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed || int(doc) >= len(ix.core.docs) || !ix.core.docs[doc].live {
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
// space f.
func (ix *Index[R]) DocFreq(f Field, term string) int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if !f.valid() || ix.closed {
		return 0
	}
	s := &ix.core.spaces[f]
	tid, ok := s.dict[term]
	if !ok {
		return 0
	}
	return int(s.df[tid])
}

// IDF returns the BM25 idf ln(1 + (N − df + 0.5)/(df + 0.5)) of term in
// field space f, as Search uses it (an unknown term has df 0).
func (ix *Index[R]) IDF(f Field, term string) float64 {
	n, df := ix.Len(), ix.DocFreq(f, term)
	return idf(n, df)
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
// f, sorted by term, and the document's weighted length.
func (ix *Index[R]) DocTerms(doc uint32, f Field) (terms []TermWeight, length float64, ok bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if !f.valid() || ix.closed || int(doc) >= len(ix.core.docs) || !ix.core.docs[doc].live {
		return nil, 0, false
	}
	s := &ix.core.spaces[f]
	e := &ix.core.docs[doc].terms[f]
	terms = make([]TermWeight, len(e.ids))
	for i, tid := range e.ids {
		terms[i] = TermWeight{Term: s.terms[tid], TF: float64(e.tfs[i])}
	}
	return terms, float64(s.lens[doc]), true
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
	return out, float64(a.length), nil
}

// Bleve returns the underlying bleve index for ad-hoc queries. Do not
// write through it: the match core and bitmaps would diverge.
func (ix *Index[R]) Bleve() bleve.Index { return ix.bl }

// Close closes bleve and releases the core. It is idempotent; other calls
// after Close return ErrClosed or report nothing found.
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
	ix.recs = nil
	if err := ix.bl.Close(); err != nil {
		return fmt.Errorf("index: close %q: %w", ix.cfg.Path, err)
	}
	return nil
}
