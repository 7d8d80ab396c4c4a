package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

// titleLabeler infers auto and materials from 电池 and biomed from 疫苗 in
// the title.
func titleLabeler(rec techmatch.Record) []techmatch.Industry {
	title, _, _ := rec.Text()
	switch {
	case strings.Contains(title, "电池"):
		return []techmatch.Industry{techmatch.Auto, techmatch.Materials, techmatch.Auto, ""}
	case strings.Contains(title, "疫苗"):
		return []techmatch.Industry{techmatch.Biomed}
	}
	return nil
}

// inferred is a with inferred industries.
func inferred(a techmatch.Achievement, inds ...techmatch.Industry) techmatch.Achievement {
	a.Industries, a.IndustriesInferred = inds, true
	return a
}

// filterIDs returns the ids Search finds for term within industries,
// sorted.
func filterIDs(t *testing.T, ix *Index[techmatch.Achievement], term string, inds ...techmatch.Industry) []string {
	t.Helper()
	return searchIDs(t, ix, Query{Top: 100, Industries: inds, Terms: []QueryTerm{{Term: term, Weight: 1}}})
}

// searchIDs returns the ids Search finds for q, sorted.
func searchIDs(t *testing.T, ix *Index[techmatch.Achievement], q Query) []string {
	t.Helper()
	hits, err := ix.Search(context.Background(), q)
	require.NoError(t, err)
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.ID)
	}
	slices.Sort(ids)
	return ids
}

func TestSetLabeler(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ix")
	bat := techmatch.Achievement{ID: "bat", Title: "固态电池电解质", Description: "高安全"}
	vac := techmatch.Achievement{ID: "vac", Title: "疫苗佐剂", Description: "高安全", Industries: []techmatch.Industry{techmatch.Equipment}}
	weld := techmatch.Achievement{ID: "weld", Title: "激光焊接", Description: "高安全"}
	ix := newTestIndex(t, path)
	require.NoError(t, ix.Add(ctx, bat, vac, weld))
	assert.Empty(t, filterIDs(t, ix, "安全", techmatch.Auto), "no inference before SetLabeler")
	assert.False(t, ix.HasLabeler())
	assert.Equal(t, map[techmatch.Industry]int{techmatch.Equipment: 1}, ix.IndustryCounts())

	n, err := ix.SetLabeler(ctx, titleLabeler)
	require.NoError(t, err)
	assert.True(t, ix.HasLabeler())
	assert.Equal(t, map[techmatch.Industry]int{techmatch.Equipment: 1, techmatch.Auto: 1, techmatch.Materials: 1}, ix.IndustryCounts(),
		"counts include inferred industries")
	assert.Equal(t, 1, n, "labelled: bat (vac has given industries, weld gets none)")
	want := wantMap([]techmatch.Achievement{inferred(bat, techmatch.Auto, techmatch.Materials), vac, weld})
	checkConsistent(t, ix, want)
	assert.Equal(t, []string{"bat"}, filterIDs(t, ix, "安全", techmatch.Auto))
	assert.Empty(t, filterIDs(t, ix, "安全", techmatch.Biomed), "given industries are never overwritten")
	hits, err := ix.SearchText(ctx, "高安全", []techmatch.Industry{techmatch.Materials}, 10)
	require.NoError(t, err)
	require.Len(t, hits, 1, "SearchText filters on inferred industries")
	assert.Equal(t, "bat", hits[0].ID)

	// Later writes are labelled; Sync compares the records as given.
	vac2 := techmatch.Achievement{ID: "vac2", Title: "重组蛋白疫苗", Description: "高安全"}
	require.NoError(t, ix.Add(ctx, vac2))
	want["vac2"] = inferred(vac2, techmatch.Biomed)
	checkConsistent(t, ix, want)
	rep, err := ix.Sync(ctx, []techmatch.Achievement{bat, vac, weld, vac2})
	require.NoError(t, err)
	assert.Equal(t, SyncReport{Unchanged: 4}, rep)
	bat2 := bat
	bat2.Description = "更高安全"
	rep, err = ix.Sync(ctx, []techmatch.Achievement{bat2, vac, weld})
	require.NoError(t, err)
	assert.Equal(t, SyncReport{Updated: 1, Deleted: 1, Unchanged: 2}, rep)
	delete(want, "vac2")
	want["bat"] = inferred(bat2, techmatch.Auto, techmatch.Materials)
	checkConsistent(t, ix, want)

	// A second labeler replaces the first: everything without given
	// industries is relabelled, and what it no longer infers is dropped.
	n, err = ix.SetLabeler(ctx, func(rec techmatch.Record) []techmatch.Industry {
		if rec.RecordID() == "weld" {
			return []techmatch.Industry{techmatch.Equipment}
		}
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	want["bat"], want["weld"] = bat2, inferred(weld, techmatch.Equipment)
	checkConsistent(t, ix, want)
	assert.Equal(t, []string{"vac", "weld"}, filterIDs(t, ix, "安全", techmatch.Equipment))

	// What is stored is the record as given.
	require.NoError(t, ix.Close())
	ix = newTestIndex(t, path)
	checkConsistent(t, ix, wantMap([]techmatch.Achievement{bat2, vac, weld}))
}

func TestSetLabelerErrors(t *testing.T) {
	ctx := context.Background()
	ix := newTestIndex(t, "")
	bat := techmatch.Achievement{ID: "bat", Title: "固态电池"}
	require.NoError(t, ix.Add(ctx, bat))
	_, err := ix.SetLabeler(ctx, nil)
	assert.ErrorContains(t, err, "nil Labeler")

	canceled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = ix.SetLabeler(canceled, titleLabeler)
	assert.ErrorIs(t, err, context.Canceled)
	got, _ := ix.Get("bat")
	assert.Equal(t, bat, got, "nothing changes on a context error")
	require.NoError(t, ix.Add(ctx, techmatch.Achievement{ID: "bat2", Title: "电池"}))
	got, _ = ix.Get("bat2")
	assert.Empty(t, got.Industries, "the labeler of a failed SetLabeler is not installed")

	require.NoError(t, ix.Close())
	_, err = ix.SetLabeler(ctx, titleLabeler)
	assert.ErrorIs(t, err, ErrClosed)
}

// TestSetLabelerCompaction checks that views, given records and bitmaps
// follow renumbering.
func TestSetLabelerCompaction(t *testing.T) {
	ctx := context.Background()
	ix := newTestIndex(t, "")
	var recs []techmatch.Achievement
	for i := range 200 {
		title := "激光焊接"
		if i%2 == 0 {
			title = "锂电池"
		}
		recs = append(recs, techmatch.Achievement{ID: fmt.Sprintf("r%03d", i), Title: title})
	}
	require.NoError(t, ix.Add(ctx, recs...))
	_, err := ix.SetLabeler(ctx, titleLabeler)
	require.NoError(t, err)
	var del []string
	for i := 0; i < 200; i += 3 {
		del = append(del, recs[i].ID)
	}
	_, err = ix.Delete(ctx, del...)
	require.NoError(t, err)
	ix.mu.RLock()
	assert.Zero(t, ix.core.dead(), "compacted")
	ix.mu.RUnlock()
	want := map[string]techmatch.Achievement{}
	for i, r := range recs {
		if i%3 == 0 {
			continue
		}
		if i%2 == 0 {
			r = inferred(r, techmatch.Auto, techmatch.Materials)
		}
		want[r.ID] = r
	}
	checkConsistent(t, ix, want)
	// Relabelling after compaction starts from the given records.
	_, err = ix.SetLabeler(ctx, func(techmatch.Record) []techmatch.Industry { return nil })
	require.NoError(t, err)
	for i, r := range recs {
		if i%3 != 0 {
			want[r.ID] = r
		}
	}
	checkConsistent(t, ix, want)
}

// TestSetLabelerConcurrent runs searches and reads while labelers, adds
// and deletes change the index (run with -race).
func TestSetLabelerConcurrent(t *testing.T) {
	ctx := context.Background()
	ix := newTestIndex(t, "")
	recs := randCatalog(61, 300)
	for i := range recs {
		if i%2 == 0 {
			recs[i].Industries = nil
		}
	}
	require.NoError(t, ix.Add(ctx, recs[:100]...))
	var wg sync.WaitGroup
	errc := make(chan error, 8)
	wg.Go(func() {
		for i := 100; i < len(recs); i += 40 {
			l := func(rec techmatch.Record) []techmatch.Industry {
				return []techmatch.Industry{testIndustries[len(rec.RecordID())%len(testIndustries)], techmatch.Industry(fmt.Sprint("g", i))}
			}
			if _, err := ix.SetLabeler(ctx, l); err != nil {
				errc <- err
				return
			}
			if err := ix.Add(ctx, recs[i:i+40]...); err != nil {
				errc <- err
				return
			}
			if _, err := ix.Delete(ctx, recs[i-100].ID, recs[i-99].ID); err != nil {
				errc <- err
				return
			}
		}
	})
	for g := range 2 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(g), 5))
			for range 60 {
				if _, err := ix.Search(ctx, randQuery(r, true)); err != nil {
					errc <- err
					return
				}
				if _, err := ix.SearchText(ctx, "电池", testIndustries[:2], 5); err != nil {
					errc <- err
					return
				}
				a, ok := ix.Get(recs[r.IntN(len(recs))].ID)
				if ok && a.IndustriesInferred && len(a.Industries) != 2 {
					errc <- fmt.Errorf("record %s seen with industries %v", a.ID, a.Industries)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		assert.NoError(t, err)
	}
}
