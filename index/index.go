package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/segment"
)

// ErrClosed is returned (wrapped) by calls on a closed Index.
var ErrClosed = errors.New("index: closed")

// ErrNoBleve is returned (wrapped) by SearchText on a Config.CoreOnly index.
var ErrNoBleve = errors.New("index: core-only index has no bleve text search (Config.CoreOnly)")

// batchSize is the number of records per Add chunk (analysed in
// parallel, then one bleve batch) and per Delete bleve batch. Larger
// chunks give the analysis workers more to share and scorch fewer
// segments to merge; 1024 keeps the prepared chunk (tokens and bleve
// documents) to a few MB. Old single-pass figure for comparison:
// BenchmarkAdd/n=1000 at 256: 2540 docs/s (jieba twice, one thread).
const batchSize = 1024

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
	a := newAnalyser(ix.terms, ix.cfg.TitleBoost, ix.cfg.KeywordBoost)
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
			title, desc, kws := rec.Text()
			ra, err := a.record(title, desc, kws, false)
			if err != nil {
				return fmt.Errorf("index: reload %s: document %q: %w", ix.cfg.Path, h.ID, err)
			}
			doc, err := ix.core.add(h.ID, rec.RecordIndustries(), ra.fields)
			if err != nil {
				return fmt.Errorf("index: reload %s: document %q: %w", ix.cfg.Path, h.ID, err)
			}
			ix.setRec(doc, rec)
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

// prepared is a record analysed for Add.
type prepared[R techmatch.Record] struct {
	rec R
	ra  recordAnalysis
	doc *document.Document // bleve document; nil for a core-only index
	err error
}

// parallelMin is the smallest Add chunk analysed by GOMAXPROCS workers;
// smaller ones are analysed on the calling goroutine.
const parallelMin = 16

// prepare analyses recs (the records at positions first… of the Add call)
// into out, in parallel for large chunks: validation, one segmentation of
// every text, the JSON source and the bleve document.
func (ix *Index[R]) prepare(recs []R, first int, out []prepared[R]) {
	keep := ix.bl != nil
	one := func(a *analyser, i int) {
		rec := recs[i]
		p := &out[i]
		*p = prepared[R]{rec: rec}
		if err := validRecord(rec); err != nil {
			p.err = fmt.Errorf("index: add: record %d: %w", first+i, err)
			return
		}
		id := rec.RecordID()
		title, desc, kws := rec.Text()
		ra, err := a.record(title, desc, kws, keep)
		if err != nil {
			p.err = fmt.Errorf("index: add: record %d (id %q): %w", first+i, id, err)
			return
		}
		p.ra = ra
		if !keep {
			return
		}
		src, err := json.Marshal(rec)
		if err != nil {
			p.err = fmt.Errorf("index: add: record %d (id %q): encode %s: %w", first+i, id, FieldSource, err)
			return
		}
		p.doc = bleveDocument(rec, &p.ra, src)
		p.ra.tokens = [numFields][][]string{} // bleve holds its own copies
	}
	workers := runtime.GOMAXPROCS(0)
	if len(recs) < parallelMin || workers < 2 {
		a := newAnalyser(ix.terms, ix.cfg.TitleBoost, ix.cfg.KeywordBoost)
		for i := range recs {
			one(a, i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, len(recs)) {
		wg.Go(func() {
			a := newAnalyser(ix.terms, ix.cfg.TitleBoost, ix.cfg.KeywordBoost)
			for {
				i := int(next.Add(1)) - 1
				if i >= len(recs) {
					return
				}
				one(a, i)
			}
		})
	}
	wg.Wait()
}

// Add adds or updates (same id) records. Records are taken in chunks of
// batchSize: each chunk is analysed once (segmentation in parallel over
// GOMAXPROCS workers), handed to bleve as pre-analysed documents in one
// batch (unless Config.CoreOnly), then added to the match core. A bad
// record (nil, empty id, text the segmenter rejects, not JSON-encodable)
// is skipped and reported in the returned error (joined, with its
// position and id); the good ones are added. Within one call, the last
// record of an id wins. On a bleve or context error the chunk in progress
// is not added and the error is returned.
//
// Throughput: BenchmarkAdd (figures in the package report).
func (ix *Index[R]) Add(ctx context.Context, recs ...R) error {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	if ix.isClosed() {
		return fmt.Errorf("index: add: %w", ErrClosed)
	}
	var errs []error
	buf := make([]prepared[R], min(len(recs), batchSize))
	for start := 0; start < len(recs); start += batchSize {
		if err := ctx.Err(); err != nil {
			return errors.Join(append(errs, fmt.Errorf("index: add: record %d: %w", start, err))...)
		}
		chunk := recs[start:min(start+batchSize, len(recs))]
		ps := buf[:len(chunk)]
		ix.prepare(chunk, start, ps)
		if err := ctx.Err(); err != nil {
			return errors.Join(append(errs, fmt.Errorf("index: add: record %d: %w", start, err))...)
		}
		// Reserve tf codes first: after this the core cannot refuse a
		// record, so bleve and the core stay in step.
		ix.mu.Lock()
		for i := range ps {
			if ps[i].err == nil {
				if err := ix.core.reserve(&ps[i].ra.fields); err != nil {
					ps[i].err = fmt.Errorf("index: add: record %d (id %q): %w", start+i, ps[i].rec.RecordID(), err)
				}
			}
		}
		ix.mu.Unlock()
		if ix.bl != nil {
			batch := ix.bl.NewBatch()
			first := ""
			for i := range ps {
				if ps[i].err != nil {
					continue
				}
				if err := batch.IndexAdvanced(ps[i].doc); err != nil {
					ps[i].err = fmt.Errorf("index: add: record %d (id %q): bleve: %w", start+i, ps[i].rec.RecordID(), err)
					continue
				}
				if first == "" {
					first = ps[i].rec.RecordID()
				}
			}
			if batch.Size() > 0 {
				if err := ix.bl.Batch(batch); err != nil {
					return errors.Join(append(errs, fmt.Errorf("index: add: bleve batch of %d records (first id %q): %w", batch.Size(), first, err))...)
				}
			}
		}
		ix.mu.Lock()
		for i := range ps {
			p := &ps[i]
			if p.err != nil {
				errs = append(errs, p.err)
				continue
			}
			id := p.rec.RecordID()
			if old, ok := ix.core.byID[id]; ok {
				var zero R
				ix.recs[old] = zero // free the updated record's old version
			}
			doc, err := ix.core.add(id, p.rec.RecordIndustries(), p.ra.fields)
			if err != nil { // not expected after reserve
				errs = append(errs, fmt.Errorf("index: add: record %d (id %q): %w", start+i, id, err))
				continue
			}
			ix.setRec(doc, p.rec)
		}
		ix.maybeCompact()
		ix.mu.Unlock()
		clear(ps) // drop records and bleve documents
	}
	return errors.Join(errs...)
}

// deleteBleve deletes ids from bleve in one batch (nothing for a
// core-only index).
func (ix *Index[R]) deleteBleve(ids []string) error {
	if ix.bl == nil {
		return nil
	}
	batch := ix.bl.NewBatch()
	for _, id := range ids {
		batch.Delete(id)
	}
	return ix.bl.Batch(batch)
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
		var present []string
		seen := make(map[string]struct{}, len(chunk))
		ix.mu.RLock()
		for _, id := range chunk {
			if _, dup := seen[id]; dup {
				continue
			}
			seen[id] = struct{}{}
			if _, ok := ix.core.byID[id]; ok {
				present = append(present, id)
			}
		}
		ix.mu.RUnlock()
		if len(present) == 0 {
			continue
		}
		if err := ix.deleteBleve(present); err != nil {
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
	if ix.bl == nil {
		return nil
	}
	if err := ix.bl.Close(); err != nil {
		return fmt.Errorf("index: close %q: %w", ix.cfg.Path, err)
	}
	return nil
}
