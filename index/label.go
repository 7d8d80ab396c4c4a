package index

import (
	"context"
	"errors"
	"fmt"

	"github.com/techmatch/techmatch"
)

// Labeler returns the industries inferred from a record's text (nil:
// none). The index calls it from several goroutines at once (Add, Sync
// and SetLabeler work in parallel), so it must be safe for concurrent
// use; it must not call back into the index.
type Labeler func(rec techmatch.Record) []techmatch.Industry

// industrySetter is a record type (through its pointer) that can take
// inferred industries: techmatch.Achievement and Need. It holds the rule
// (given industries are never overwritten).
type industrySetter interface {
	SetInferredIndustries([]techmatch.Industry)
}

// infer returns rec as seen with labeler l: when rec has no industries
// and l infers some, a copy with them set through SetInferredIndustries
// (empty and repeated codes dropped) and true; else rec and false.
func infer[R techmatch.Record](l Labeler, rec R) (R, bool) {
	if l == nil || len(rec.RecordIndustries()) > 0 {
		return rec, false
	}
	got := l(rec)
	inds := make([]techmatch.Industry, 0, len(got))
	for _, ind := range got {
		if ind != "" && !containsIndustry(inds, ind) {
			inds = append(inds, ind)
		}
	}
	if len(inds) == 0 {
		return rec, false
	}
	view := rec
	s, ok := any(&view).(industrySetter)
	if !ok {
		return rec, false
	}
	s.SetInferredIndustries(inds)
	return view, len(view.RecordIndustries()) > 0
}

func containsIndustry(inds []techmatch.Industry, ind techmatch.Industry) bool {
	for _, x := range inds {
		if x == ind {
			return true
		}
	}
	return false
}

// SetLabeler makes the index infer industries with l: every live record
// without industries, now and on every later Add or Sync, is seen with
// the industries l returns (set through (*R).SetInferredIndustries, which
// marks them inferred). Get and Record return the record with them and
// Search's and SearchText's industry filters find it by them. What is
// stored (bleve's _source) and what Sync compares stay the record as
// given: inference is a view. A second call replaces the labeler and
// relabels every record that has no given industries. It returns how many
// live records have inferred industries afterwards.
//
// l == nil is an error (inference is switched off by not calling
// SetLabeler), as is a record type R whose pointer has no
// SetInferredIndustries method. On a context error nothing changes.
//
// SetLabeler is a writer (serialised with Add, Sync, Delete and Close);
// searches run meanwhile and see the old labels until it returns. Cost:
// one call of l per record without given industries, in parallel over
// GOMAXPROCS goroutines, then O(records) under the write lock.
func (ix *Index[R]) SetLabeler(ctx context.Context, l Labeler) (labelled int, err error) {
	if l == nil {
		return 0, errors.New("index: set labeler: nil Labeler (to infer nothing, do not call SetLabeler)")
	}
	var probe R
	if _, ok := any(&probe).(industrySetter); !ok {
		return 0, fmt.Errorf("index: set labeler: record type %s has no SetInferredIndustries method on its pointer", recordKind[R]())
	}
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	if ix.isClosed() {
		return 0, fmt.Errorf("index: set labeler: %w", ErrClosed)
	}
	// Writers are excluded (wmu), so recs, meta and the live set cannot
	// change until we are done; concurrent searches only read them.
	ix.mu.RLock()
	docs := make([]uint32, 0, ix.core.nLive)
	ix.core.live.Range(func(d uint32) { docs = append(docs, d) })
	ix.mu.RUnlock()
	views := make([]R, len(docs))
	inferred := make([]bool, len(docs))
	ix.forEach(len(docs), func(_ *analyser, i int) {
		if ctx.Err() == nil {
			views[i], inferred[i] = infer(l, ix.given(docs[i]))
		}
	})
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("index: set labeler: %w", err)
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for i, d := range docs {
		m := &ix.meta[d]
		if !inferred[i] && m.given == nil {
			continue // given industries, or nothing inferred before and now
		}
		given := ix.given(d)
		ix.core.setIndustries(d, ix.recs[d].RecordIndustries(), views[i].RecordIndustries())
		ix.recs[d] = views[i]
		if inferred[i] {
			labelled++
			if m.given == nil {
				m.given = &given
			}
		} else {
			m.given = nil
		}
	}
	ix.labeler = l
	return labelled, nil
}

// given returns the record of live doc as given (without inferred
// industries). Caller holds mu or wmu.
func (ix *Index[R]) given(doc uint32) R {
	if g := ix.meta[doc].given; g != nil {
		return *g
	}
	return ix.recs[doc]
}

// HasLabeler reports whether SetLabeler has given the index a labeler.
// The match engine installs its default one only on an index that has
// none, so engines sharing an index do not relabel it each.
func (ix *Index[R]) HasLabeler() bool {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.labeler != nil
}

// IndustryCounts returns the number of live records of each industry,
// given or inferred (industries with no live record are left out). O(the
// bitmaps' size).
func (ix *Index[R]) IndustryCounts() map[techmatch.Industry]int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	out := make(map[techmatch.Industry]int, len(ix.core.inds))
	if ix.closed {
		return out
	}
	for ind, bm := range ix.core.inds {
		if n := bm.Count(); n > 0 {
			out[ind] = n
		}
	}
	return out
}
