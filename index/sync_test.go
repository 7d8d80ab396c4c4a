package index

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

// scorchStats returns bleve's counts of documents indexed (updates) and
// deleted since the index was opened.
func scorchStats(t *testing.T, ix *Index[techmatch.Achievement]) (updates, deletes uint64) {
	t.Helper()
	adv, err := ix.Bleve().Advanced()
	require.NoError(t, err)
	s := adv.(*scorch.Scorch).StatsMap()
	return s["TotUpdates"].(uint64), s["TotDeletes"].(uint64)
}

// countTerms wraps ix's analysis with a counter of segmenter calls.
func countTerms(ix *Index[techmatch.Achievement]) *atomic.Int64 {
	var n atomic.Int64
	inner := ix.terms
	ix.terms = func(dst []string, text string, f Field) ([]string, error) {
		n.Add(1)
		return inner(dst, text, f)
	}
	return &n
}

// termCalls is the number of segmenter calls Add makes for recs.
func termCalls(recs []techmatch.Achievement) int64 {
	var n int64
	for _, a := range recs {
		for _, s := range append([]string{a.Title, a.Description}, a.Keywords...) {
			if s != "" {
				n += numFields
			}
		}
	}
	return n
}

// searchAll returns the ids Search finds for every word of recs, sorted.
func searchAll(t *testing.T, ix *Index[techmatch.Achievement], recs []techmatch.Achievement) []string {
	t.Helper()
	q := Query{Top: 10 * len(recs)}
	seen := map[string]bool{}
	for _, r := range recs {
		terms, _, err := ix.Analyze(r, FieldWords)
		require.NoError(t, err)
		for _, tw := range terms {
			if !seen[tw.Term] {
				seen[tw.Term] = true
				q.Terms = append(q.Terms, QueryTerm{Term: tw.Term, Field: FieldWords, Weight: 1})
			}
		}
	}
	return searchIDs(t, ix, q)
}

// sortedIDs returns the ids of recs, sorted.
func sortedIDs(recs []techmatch.Achievement) []string {
	var ids []string
	for _, r := range recs {
		ids = append(ids, r.ID)
	}
	slices.Sort(ids)
	return ids
}

// wantMap is recs by id.
func wantMap(recs []techmatch.Achievement) map[string]techmatch.Achievement {
	m := map[string]techmatch.Achievement{}
	for _, a := range recs {
		m[a.ID] = a
	}
	return m
}

func TestSync(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ix")
	var a, b []techmatch.Achievement // a: records 0–59; b: 30–89, 30–39 changed
	for i := range 60 {
		a = append(a, killRecord(i))
	}
	for i := 30; i < 90; i++ {
		r := killRecord(i)
		if i < 40 {
			r.Title += "改进型"
		}
		b = append(b, r)
	}
	ix := newTestIndex(t, path)
	require.NoError(t, ix.Add(ctx, a...))
	require.NoError(t, ix.Close())

	ix = newTestIndex(t, path)
	calls := countTerms(ix)
	rep, err := ix.Sync(ctx, b)
	require.NoError(t, err)
	assert.Equal(t, SyncReport{Added: 30, Updated: 10, Deleted: 30, Unchanged: 20}, rep)
	checkConsistent(t, ix, wantMap(b))
	for _, r := range a[:30] {
		_, ok := ix.Get(r.ID)
		assert.False(t, ok, "record %s of the old catalog is gone", r.ID)
	}
	assert.Equal(t, termCalls(b[:10])+termCalls(b[30:]), calls.Load(), "only the added and updated records are analysed")
	assert.Equal(t, sortedIDs(b), searchAll(t, ix, append(a, b...)), "Search finds exactly b")
	updates, deletes := scorchStats(t, ix)
	assert.Equal(t, uint64(40), updates, "bleve documents written")
	assert.Equal(t, uint64(30), deletes, "bleve documents deleted")
	for _, r := range b[:12] {
		hits, err := ix.SearchText(ctx, r.Title, nil, 100)
		require.NoError(t, err)
		found := false
		for _, h := range hits {
			found = found || h.ID == r.ID
			_, live := ix.Get(h.ID)
			assert.True(t, live, "SearchText hit %s is live", h.ID)
		}
		assert.True(t, found, "SearchText(%q) finds %s", r.Title, r.ID)
	}
	require.NoError(t, ix.Close())

	// Reopened: still exactly b; the hashes recomputed from _source match.
	ix = newTestIndex(t, path)
	checkConsistent(t, ix, wantMap(b))
	assert.Equal(t, sortedIDs(b), searchAll(t, ix, append(a, b...)), "Search finds exactly b after reopening")
	calls = countTerms(ix)
	rep, err = ix.Sync(ctx, b)
	require.NoError(t, err)
	assert.Equal(t, SyncReport{Unchanged: 60}, rep)
	assert.Zero(t, calls.Load(), "nothing analysed")
	updates, deletes = scorchStats(t, ix)
	assert.Zero(t, updates+deletes, "nothing written to bleve")

	// Back to a, in memory as on disk.
	rep, err = ix.Sync(ctx, a)
	require.NoError(t, err)
	assert.Equal(t, SyncReport{Added: 30, Updated: 10, Deleted: 30, Unchanged: 20}, rep)
	checkConsistent(t, ix, wantMap(a))
	rep, err = ix.Sync(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, SyncReport{Deleted: 60}, rep)
	checkConsistent(t, ix, nil)
}

func TestSyncErrors(t *testing.T) {
	ctx := context.Background()
	x, y, z := killRecord(1), killRecord(2), killRecord(3)
	x2 := x
	x2.Title = "另一个"
	tests := []struct {
		name    string
		recs    []techmatch.Achievement
		ctx     func() context.Context
		want    map[string]techmatch.Achievement
		wantRep SyncReport
		wantErr []string
		kind    error
	}{
		{
			name: "duplicate ids change nothing",
			recs: []techmatch.Achievement{z, x, y, x2}, want: wantMap([]techmatch.Achievement{x, y}),
			wantErr: []string{`index: sync: record 3 (id "k0000001"): duplicate id (first at record 1)`}, kind: techmatch.ErrDuplicateID,
		},
		{
			name: "duplicate after normalisation",
			recs: []techmatch.Achievement{x, {ID: " k0000001 ", Title: "x"}}, want: wantMap([]techmatch.Achievement{x, y}),
			wantErr: []string{`record 1 (id "k0000001"): duplicate id (first at record 0)`}, kind: techmatch.ErrDuplicateID,
		},
		{
			name: "a bad record's id is not held",
			recs: []techmatch.Achievement{x, {ID: y.ID, Title: "电池", Maturity: 42}, z}, want: wantMap([]techmatch.Achievement{x, z}),
			wantRep: SyncReport{Added: 1, Deleted: 1, Unchanged: 1, Skipped: 1},
			wantErr: []string{`index: sync: record 1 (id "k0000002")`}, kind: techmatch.ErrOutOfRange,
		},
		{
			name: "canceled context changes nothing",
			recs: []techmatch.Achievement{z},
			ctx: func() context.Context {
				c, cancel := context.WithCancel(ctx)
				cancel()
				return c
			},
			want: wantMap([]techmatch.Achievement{x, y}), kind: context.Canceled,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := newTestIndex(t, "")
			require.NoError(t, ix.Add(ctx, x, y))
			c := ctx
			if tt.ctx != nil {
				c = tt.ctx()
			}
			rep, err := ix.Sync(c, tt.recs)
			require.ErrorIs(t, err, tt.kind)
			for _, s := range tt.wantErr {
				assert.Contains(t, err.Error(), s)
			}
			assert.Equal(t, tt.wantRep, rep)
			checkConsistent(t, ix, tt.want)
		})
	}
	ix := newTestIndex(t, "")
	require.NoError(t, ix.Close())
	_, err := ix.Sync(ctx, nil)
	assert.ErrorIs(t, err, ErrClosed)
}

// BenchmarkSync measures Sync of n records into an on-disk index holding
// them, with 1 % changed (half updated, half replaced by new ids), against
// building the index from scratch.
func BenchmarkSync(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes() {
		recs := benchCatalog(b, 1, n)
		seen := map[string]bool{}
		var uniq []techmatch.Achievement
		for _, r := range recs {
			if r.Normalize(); !seen[r.ID] {
				seen[r.ID] = true
				uniq = append(uniq, r)
			}
		}
		changed := append([]techmatch.Achievement(nil), uniq...)
		for i := 0; i < len(changed); i += 100 {
			if i%200 == 0 {
				changed[i].Title += "改进"
			} else {
				changed[i].ID = fmt.Sprintf("new-%d", i)
			}
		}
		path := filepath.Join(b.TempDir(), "ix")
		ix, err := New[techmatch.Achievement](ctx, Config{Segmenter: testSeg, Path: path})
		if err != nil {
			b.Fatal(err)
		}
		if err := ix.Add(ctx, uniq...); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("changed=1%%/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			flip := false
			for b.Loop() {
				next := changed
				if flip {
					next = uniq
				}
				flip = !flip
				rep, err := ix.Sync(ctx, next)
				if err != nil {
					b.Fatal(err)
				}
				if rep.Unchanged < len(uniq)*98/100 {
					b.Fatalf("report %+v", rep)
				}
			}
		})
		b.Run(fmt.Sprintf("unchanged/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			if _, err := ix.Sync(ctx, uniq); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := ix.Sync(ctx, uniq); err != nil {
					b.Fatal(err)
				}
			}
		})
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSyncCoreOnly checks Sync on a core-only index, whose Add leaves the
// hashes to the first Sync (computed from the records as given, not as
// labelled).
func TestSyncCoreOnly(t *testing.T) {
	ctx := context.Background()
	ix, err := New[techmatch.Achievement](ctx, Config{Segmenter: testSeg, CoreOnly: true})
	require.NoError(t, err)
	defer ix.Close()
	var a []techmatch.Achievement
	for i := range 40 {
		a = append(a, killRecord(i))
	}
	require.NoError(t, ix.Add(ctx, a...))
	_, err = ix.SetLabeler(ctx, func(techmatch.Record) []techmatch.Industry { return []techmatch.Industry{"energy"} })
	require.NoError(t, err)
	b := append([]techmatch.Achievement{}, a[10:]...)
	b[0].Title += "改进型"
	b = append(b, killRecord(100))
	rep, err := ix.Sync(ctx, b)
	require.NoError(t, err)
	assert.Equal(t, SyncReport{Added: 1, Updated: 1, Deleted: 10, Unchanged: 29}, rep)
	rep, err = ix.Sync(ctx, b)
	require.NoError(t, err)
	assert.Equal(t, SyncReport{Unchanged: 31}, rep)
	assert.Equal(t, 31, ix.Len())
}
