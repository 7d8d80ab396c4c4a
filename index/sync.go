package index

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/techmatch/techmatch"
)

// SyncReport counts what Sync did. Added + Updated + Unchanged is the
// number of valid records given; Skipped the invalid ones (reported in
// Sync's error).
//
// A SyncReport is a plain value: safe to copy and share.
type SyncReport struct {
	// Added is the number of records whose id the index did not hold.
	Added int
	// Updated is the number of records that replaced a different stored
	// record of the same id.
	Updated int
	// Deleted is the number of ids removed: held before, not among the
	// valid records given.
	Deleted int
	// Unchanged is the number of records identical to the stored ones
	// (neither analysed nor written again).
	Unchanged int
	// Skipped is the number of records rejected (invalid, or failing
	// analysis); their ids are not held afterwards.
	Skipped int
}

// Sync makes the index hold exactly recs: it adds the records of new
// ids, updates those that changed, deletes the ids not in recs and
// leaves the unchanged records alone. Use it to refresh an on-disk index
// from a catalog file, so that records of an older catalog never mix with
// the new one.
//
// Every record goes through the door of Add (normalised copy,
// validated); a bad one is skipped, reported in the returned error (joined,
// with its position and id) and counted in Skipped, and its id is not held
// afterwards (an older stored version is deleted). Two records with the
// same id (after normalisation) are an error wrapping
// techmatch.ErrDuplicateID, and then nothing changes.
//
// Change detection compares the SHA-256 of each record's JSON encoding
// (normalised, as given: inferred industries are not part of it) with the
// hash kept for the stored record (computed at Add, or from _source when
// the index was reopened). Cost: one check, encoding and hash of every
// record and one pass over the stored ids, plus Add's and Delete's cost
// for the changed records only. It is not atomic: on a bleve or context
// error what was done stays done, the report counts it, and the next Sync
// completes the rest.
//
// Sync is a writer, serialised with Add, Delete, SetLabeler and Close.
func (ix *Index[R]) Sync(ctx context.Context, recs []R) (SyncReport, error) {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	var rep SyncReport
	if ix.isClosed() {
		return rep, fmt.Errorf("index: sync: %w", ErrClosed)
	}
	ps := make([]prepared[R], len(recs))
	ix.forEach(len(recs), func(_ *analyser, i int) {
		if ctx.Err() == nil {
			check(recs[i], i, "sync", true, &ps[i])
			ps[i].src = nil // re-encoded for the changed ones only
		}
	})
	if err := ctx.Err(); err != nil {
		return rep, fmt.Errorf("index: sync: %w", err)
	}

	var errs []error
	first := make(map[string]int, len(recs))
	for i := range ps {
		if ps[i].err != nil {
			continue
		}
		id := ps[i].rec.RecordID()
		if j, dup := first[id]; dup {
			errs = append(errs, fmt.Errorf("index: sync: record %d (id %q): %w (first at record %d)", i, id, techmatch.ErrDuplicateID, j))
			continue
		}
		first[id] = i
	}
	if len(errs) > 0 {
		return rep, errors.Join(errs...)
	}

	if err := ix.hashStored(ctx); err != nil {
		return rep, err
	}
	var changed []int
	var stale []string
	ix.mu.RLock()
	for i := range ps {
		p := &ps[i]
		if p.err != nil {
			rep.Skipped++
			errs = append(errs, p.err)
			continue
		}
		if doc, ok := ix.core.byID[p.rec.RecordID()]; ok && ix.meta[doc].sum == p.sum {
			rep.Unchanged++
			continue
		}
		changed = append(changed, i)
	}
	for id := range ix.core.byID {
		if _, ok := first[id]; !ok {
			stale = append(stale, id)
		}
	}
	ix.mu.RUnlock()
	slices.Sort(stale)

	n, err := ix.delete(ctx, "sync", stale)
	rep.Deleted = n
	if err != nil {
		return rep, errors.Join(append(errs, err)...)
	}
	var failed []string // ids of changed records that could not be added
	buf := make([]prepared[R], min(len(changed), batchSize))
	for start := 0; start < len(changed); start += batchSize {
		chunk := changed[start:min(start+batchSize, len(changed))]
		cps := buf[:len(chunk)]
		ix.forEach(len(chunk), func(a *analyser, i int) {
			cps[i] = ps[chunk[i]]
			ix.analyse(a, "sync", &cps[i])
		})
		added, updated, err := ix.commit(ctx, "sync", cps, &errs)
		rep.Added += added
		rep.Updated += updated
		if err != nil {
			return rep, errors.Join(append(errs, err)...)
		}
		for i := range cps {
			if cps[i].err != nil {
				rep.Skipped++
				failed = append(failed, cps[i].rec.RecordID())
			}
			ps[chunk[i]] = prepared[R]{}
		}
		clear(cps)
	}
	if len(failed) > 0 {
		n, err := ix.delete(ctx, "sync", failed)
		rep.Deleted += n
		if err != nil {
			errs = append(errs, err)
		}
	}
	return rep, errors.Join(errs...)
}

// hashStored computes the missing hashes of the stored records (those
// added to a core-only index), in parallel, and keeps them. Caller holds
// wmu, so recs and meta do not change meanwhile.
func (ix *Index[R]) hashStored(ctx context.Context) error {
	var docs []uint32
	ix.mu.RLock()
	ix.core.live.Range(func(d uint32) {
		if ix.meta[d].sum == (recordSum{}) {
			docs = append(docs, d)
		}
	})
	ix.mu.RUnlock()
	if len(docs) == 0 {
		return nil
	}
	sums := make([]recordSum, len(docs))
	errs := make([]error, len(docs))
	ix.forEach(len(docs), func(_ *analyser, i int) {
		if ctx.Err() != nil {
			return
		}
		src, err := json.Marshal(ix.given(docs[i]))
		if err != nil {
			errs[i] = fmt.Errorf("index: sync: stored record %q: encode: %w", ix.core.ids[docs[i]], err)
			return
		}
		sums[i] = sha256.Sum256(src)
	})
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("index: sync: %w", err)
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	ix.mu.Lock()
	for i, d := range docs {
		ix.meta[d].sum = sums[i]
	}
	ix.mu.Unlock()
	return nil
}
