package index

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2/document"

	"github.com/techmatch/techmatch"
)

// batchSize is the number of records per Add chunk (analysed in
// parallel, then one bleve batch) and per Delete bleve batch. Larger
// chunks give the analysis workers more to share and scorch fewer
// segments to merge; 1024 keeps the prepared chunk (tokens and bleve
// documents) to a few MB. Old single-pass figure for comparison:
// BenchmarkAdd/n=1000 at 256: 2540 docs/s (jieba twice, one thread).
const batchSize = 1024

// parallelMin is the smallest Add chunk analysed by GOMAXPROCS workers;
// smaller ones are analysed on the calling goroutine.
const parallelMin = 16

// normalizer is a record type that puts itself in canonical form
// (techmatch.Achievement and Need, through their pointer).
type normalizer interface{ Normalize() }

// validator is a record type that checks itself (techmatch.Achievement
// and Need).
type validator interface{ Validate() error }

// prepared is a record on its way into the index.
type prepared[R techmatch.Record] struct {
	pos      int // position in the caller's slice
	rec      R   // normalised, as given
	view     R   // rec with inferred industries (rec when none)
	inferred bool
	src      []byte // JSON of rec (bleve's _source); nil once dropped
	sum      recordSum
	ra       recordAnalysis
	doc      *document.Document // bleve document; nil for a core-only index
	err      error
}

// forEach runs fn(a, i) for every i in [0, n): on the calling goroutine
// when n < parallelMin, else over GOMAXPROCS workers, each with its own
// analyser.
func (ix *Index[R]) forEach(n int, fn func(a *analyser, i int)) {
	workers := runtime.GOMAXPROCS(0)
	if n < parallelMin || workers < 2 {
		a := newAnalyser(ix.terms, ix.cfg.TitleBoost, ix.cfg.KeywordBoost)
		for i := range n {
			fn(a, i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			a := newAnalyser(ix.terms, ix.cfg.TitleBoost, ix.cfg.KeywordBoost)
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(a, i)
			}
		})
	}
	wg.Wait()
}

// check is the one door of every record: it fills p with a normalised
// copy of rec (when *R has Normalize), validates it (when R has
// Validate), rejects nil records and empty ids and, with encode, encodes
// and hashes the result. pos is rec's position in the caller's slice, op
// the operation named in errors. Cost (BenchmarkCheck, one goroutine,
// loaded 2-core machine): 5.5–13 µs a record without encode, 12–24 µs
// with it; BenchmarkSegment's analysis of the same records takes
// 220–300 µs, bleve's indexing more.
func check[R techmatch.Record](rec R, pos int, op string, encode bool, p *prepared[R]) {
	*p = prepared[R]{pos: pos, rec: rec}
	if isNil(rec) {
		p.err = fmt.Errorf("index: %s: record %d: nil record", op, pos)
		return
	}
	if n, ok := any(&p.rec).(normalizer); ok {
		n.Normalize()
	}
	if v, ok := any(p.rec).(validator); ok {
		if err := v.Validate(); err != nil {
			p.err = fmt.Errorf("index: %s: record %d (id %q): %w", op, pos, p.rec.RecordID(), err)
			return
		}
	}
	if err := validRecord(p.rec); err != nil {
		p.err = fmt.Errorf("index: %s: record %d: %w", op, pos, err)
		return
	}
	p.view = p.rec
	if !encode {
		return
	}
	src, err := json.Marshal(p.rec)
	if err != nil {
		p.err = fmt.Errorf("index: %s: record %d (id %q): encode %s: %w", op, pos, p.rec.RecordID(), FieldSource, err)
		return
	}
	p.src, p.sum = src, sha256.Sum256(src)
}

// analyse completes a checked record: inferred industries (with a
// labeler), one segmentation of every text and, with bleve, the bleve
// document. Caller holds wmu (for ix.labeler).
func (ix *Index[R]) analyse(a *analyser, op string, p *prepared[R]) {
	if p.err != nil {
		return
	}
	id := p.rec.RecordID()
	p.view, p.inferred = infer(ix.labeler, p.rec)
	title, desc, kws := p.rec.Text()
	keep := ix.bl != nil
	ra, err := a.record(title, desc, kws, keep)
	if err != nil {
		p.err = fmt.Errorf("index: %s: record %d (id %q): %w", op, p.pos, id, err)
		return
	}
	p.ra = ra
	if !keep {
		return
	}
	if p.src == nil {
		if p.src, err = json.Marshal(p.rec); err != nil {
			p.err = fmt.Errorf("index: %s: record %d (id %q): encode %s: %w", op, p.pos, id, FieldSource, err)
			return
		}
	}
	p.doc = bleveDocument(p.rec, &p.ra, p.src)
	p.ra.tokens = [numFields][][]string{} // bleve holds its own copies
	p.src = nil
}

// Add adds or updates (same id) records. Each record goes through the
// one door (see check): a normalised copy is validated, so a record the
// catalog readers would reject (maturity 42, no text, invalid UTF-8, …)
// is rejected here too. Records are taken in chunks of batchSize: each
// chunk is checked and analysed once (in parallel over GOMAXPROCS
// workers), handed to bleve as pre-analysed documents in one batch
// (unless Config.CoreOnly), then added to the match core. A bad record
// (nil, invalid, empty id, text the segmenter rejects, not
// JSON-encodable) is skipped and reported in the returned error (joined,
// each with its position and id, wrapping the cause: errors.Is(err,
// techmatch.ErrOutOfRange) works); the good ones are added. Within one
// call, the last record of an id wins. On a bleve or context error the
// chunk in progress is not added and the error is returned.
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
		ix.forEach(len(chunk), func(a *analyser, i int) {
			// A core-only index hashes lazily, at the first Sync.
			check(chunk[i], start+i, "add", ix.bl != nil, &ps[i])
			ix.analyse(a, "add", &ps[i])
		})
		_, _, err := ix.commit(ctx, "add", ps, &errs)
		clear(ps) // drop records and bleve documents
		if err != nil {
			return errors.Join(append(errs, err)...)
		}
	}
	return errors.Join(errs...)
}

// commit adds analysed records (ps, position order) to bleve in one batch
// and then to the core, appending per-record errors to errs. It returns
// how many were new ids and how many updates; a non-nil error (context,
// bleve batch) means none of ps was added. ps[i].err is set for every
// record not added. Caller holds wmu.
func (ix *Index[R]) commit(ctx context.Context, op string, ps []prepared[R], errs *[]error) (added, updated int, err error) {
	if err := ctx.Err(); err != nil {
		return 0, 0, fmt.Errorf("index: %s: record %d: %w", op, ps[0].pos, err)
	}
	// Reserve tf codes first: after this the core cannot refuse a
	// record, so bleve and the core stay in step.
	ix.mu.Lock()
	for i := range ps {
		if ps[i].err == nil {
			if err := ix.core.reserve(&ps[i].ra.fields); err != nil {
				ps[i].err = fmt.Errorf("index: %s: record %d (id %q): %w", op, ps[i].pos, ps[i].rec.RecordID(), err)
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
				ps[i].err = fmt.Errorf("index: %s: record %d (id %q): bleve: %w", op, ps[i].pos, ps[i].rec.RecordID(), err)
				continue
			}
			if first == "" {
				first = ps[i].rec.RecordID()
			}
		}
		if batch.Size() > 0 {
			if err := ix.bl.Batch(batch); err != nil {
				return 0, 0, fmt.Errorf("index: %s: bleve batch of %d records (first id %q): %w", op, batch.Size(), first, err)
			}
		}
	}
	ix.mu.Lock()
	for i := range ps {
		p := &ps[i]
		if p.err != nil {
			*errs = append(*errs, p.err)
			continue
		}
		id := p.rec.RecordID()
		old, existed := ix.core.byID[id]
		if existed {
			ix.clearRec(old) // free the updated record's old version
		}
		doc, err := ix.core.add(id, p.view.RecordIndustries(), p.ra.fields)
		if err != nil { // not expected after reserve
			*errs = append(*errs, fmt.Errorf("index: %s: record %d (id %q): %w", op, p.pos, id, err))
			continue
		}
		m := docMeta[R]{sum: p.sum}
		if p.inferred {
			given := p.rec // p is reused by the next chunk
			m.given = &given
		}
		ix.setRec(doc, p.view, m)
		if existed {
			updated++
		} else {
			added++
		}
	}
	ix.maybeCompact()
	ix.mu.Unlock()
	return added, updated, nil
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

// setRec stores rec and m at doc number doc. Caller holds mu.
func (ix *Index[R]) setRec(doc uint32, rec R, m docMeta[R]) {
	if n := int(doc) + 1 - len(ix.recs); n > 0 {
		ix.recs = slices.Grow(ix.recs, n)[:doc+1]
		ix.meta = slices.Grow(ix.meta, n)[:doc+1]
	}
	ix.recs[doc], ix.meta[doc] = rec, m
}

// clearRec drops the record of doc. Caller holds mu.
func (ix *Index[R]) clearRec(doc uint32) {
	var zero R
	ix.recs[doc], ix.meta[doc] = zero, docMeta[R]{}
}

// maybeCompact renumbers when more than 25 % of doc numbers are dead.
// Caller holds mu.
func (ix *Index[R]) maybeCompact() {
	if !ix.core.needsCompaction() {
		return
	}
	kept := ix.core.compact()
	recs := make([]R, len(kept))
	meta := make([]docMeta[R], len(kept))
	for i, old := range kept {
		recs[i], meta[i] = ix.recs[old], ix.meta[old]
	}
	ix.recs, ix.meta = recs, meta
}

// Delete removes the records with these ids and returns how many existed.
// Unknown ids are ignored.
func (ix *Index[R]) Delete(ctx context.Context, ids ...string) (int, error) {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	if ix.isClosed() {
		return 0, fmt.Errorf("index: delete: %w", ErrClosed)
	}
	return ix.delete(ctx, "delete", ids)
}

// delete is Delete; caller holds wmu.
func (ix *Index[R]) delete(ctx context.Context, op string, ids []string) (int, error) {
	deleted := 0
	for start := 0; start < len(ids); start += batchSize {
		if err := ctx.Err(); err != nil {
			return deleted, fmt.Errorf("index: %s: %w", op, err)
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
			return deleted, fmt.Errorf("index: %s: bleve batch of %d ids (first %q): %w", op, len(present), present[0], err)
		}
		ix.mu.Lock()
		for _, id := range present {
			if doc, ok := ix.core.byID[id]; ok {
				ix.core.remove(doc)
				ix.clearRec(doc)
				deleted++
			}
		}
		ix.maybeCompact()
		ix.mu.Unlock()
	}
	return deleted, nil
}
