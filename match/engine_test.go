package match

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/rank"
)

func TestMatchBasics(t *testing.T) {
	idx := newIndex(t, catalog.achs)
	eng, err := New(context.Background(), idx, Config{})
	require.NoError(t, err)
	ctx := context.Background()
	for _, n := range catalog.needs[:20] {
		pairs, err := eng.Match(ctx, n, Options{Top: 5})
		require.NoError(t, err)
		require.NotEmpty(t, pairs, "need %s: got no pairs", n.ID)
		assert.LessOrEqual(t, len(pairs), 5)
		for i, p := range pairs {
			assert.Equal(t, n.ID, p.NeedID)
			assert.Equal(t, i+1, p.Rank, "ranks are 1..k")
			if i > 0 {
				prev := pairs[i-1]
				assert.True(t, prev.Score > p.Score || prev.Score == p.Score && prev.AchievementID < p.AchievementID,
					"need %s: rank %d (%s %.6f) must not beat rank %d (%s %.6f)", n.ID, i+1, p.AchievementID, p.Score, i, prev.AchievementID, prev.Score)
			}
			require.NotNil(t, p.Explain)
			var sum float64
			for _, c := range p.Explain.Features {
				sum += c.Score
			}
			assert.InDelta(t, p.Score, sum, 1e-9, "need %s %s: contributions sum to the score", n.ID, p.AchievementID)
		}
		assert.NotEmpty(t, pairs[0].Explain.MatchedTerms, "need %s: the top pair shows its matched terms", n.ID)
	}
}

func TestMatchIndustryFilter(t *testing.T) {
	idx := newIndex(t, catalog.achs)
	eng, err := New(context.Background(), idx, Config{})
	require.NoError(t, err)
	for _, n := range catalog.needs[:30] {
		for _, ind := range []techmatch.Industry{techmatch.Auto, techmatch.Biomed} {
			pairs, err := eng.Match(context.Background(), n, Options{Top: 10, Industries: []techmatch.Industry{ind}})
			require.NoError(t, err)
			for _, p := range pairs {
				a, _ := idx.Get(p.AchievementID) // with inferred industries
				assert.Contains(t, a.Industries, ind, "need %s filtered to %s got %s", n.ID, ind, p.AchievementID)
			}
		}
	}
}

// TestMatchExact checks the widening retrieval against an oracle that
// scores every achievement with a text match under the same scorer (the
// pool of the bigram feature, when it has a weight).
func TestMatchExact(t *testing.T) {
	idx := newIndex(t, catalog.achs)
	for _, name := range []string{"default", "priors heavy", "priors heavy, no bigram"} {
		cfg := rank.DefaultConfig()
		if name != "default" {
			// Priors as large as the text part force the widening loop to run.
			cfg.Weights.Text = 0.3
			cfg.Weights.Region = 0.3
			cfg.Weights.SupplierTier = 0.2
		}
		if name == "priors heavy, no bigram" {
			// No pool: the bound alone decides how far to read.
			cfg.Weights.Bigram = 0
		}
		eng, err := New(context.Background(), idx, Config{Rank: &cfg})
		require.NoError(t, err)
		for _, n := range catalog.needs {
			got, err := eng.Match(context.Background(), n, Options{Top: 10, NoExplain: true})
			require.NoError(t, err)
			want := oracle(t, eng, idx, n, 10)
			require.Equal(t, ids(want), ids(got), "%s: need %s", name, n.ID)
			for i := range got {
				assert.InDelta(t, want[i].Score, got[i].Score, 1e-9)
			}
		}
	}
}

// oracle scores every document of the index that shares a query term.
func oracle(t *testing.T, eng *Engine, idx *index.Index[techmatch.Achievement], n techmatch.Need, k int) []techmatch.Pair {
	t.Helper()
	require.NoError(t, eng.prepare(&n)) // normalised, industries inferred
	q, err := eng.qb.build(n, &matchScratch{})
	require.NoError(t, err)
	hits, err := idx.Search(context.Background(), index.Query{Terms: q.terms, Top: idx.Len() + 1})
	require.NoError(t, err)
	if len(hits) == 0 {
		return nil
	}
	if eng.coverage {
		// The bigram feature re-ranks the pool of the best documents by
		// text (QueryConfig.BigramPool); with soft constraints k pairs are
		// always kept, so the engine reads no further.
		hits = hits[:min(len(hits), max(minCandidates, 4*k, eng.qb.cfg.BigramPool))]
	}
	var all []techmatch.Pair
	for _, h := range hits {
		a, _ := idx.Record(h.Doc)
		rc := rank.Candidate{Text: h.Score / hits[0].Score}
		if eng.coverage {
			rc.Bigram = q.ev.coverage(a)
		}
		s, keep := eng.scorer.ScoreOnly(&n, &a, rc)
		if keep {
			all = append(all, techmatch.Pair{NeedID: n.ID, AchievementID: a.ID, Score: s})
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].Score != all[j].Score {
			return all[i].Score > all[j].Score
		}
		return all[i].AchievementID < all[j].AchievementID
	})
	return all[:min(k, len(all))]
}

func ids(ps []techmatch.Pair) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.AchievementID
	}
	return out
}

func TestMatchAllDeterministic(t *testing.T) {
	idx := newIndex(t, catalog.achs)
	eng, err := New(context.Background(), idx, Config{})
	require.NoError(t, err)
	ctx := context.Background()
	one, err := eng.MatchAll(ctx, catalog.needs, Options{Top: 10, Workers: 1})
	require.NoError(t, err)
	for _, w := range []int{2, 7} {
		many, err := eng.MatchAll(ctx, catalog.needs, Options{Top: 10, Workers: w})
		require.NoError(t, err)
		require.Equal(t, one, many, "workers=%d must give the same output as workers=1", w)
	}
	// Needs in input order, ranks 1..k within each need.
	pos := map[string]int{}
	for i, n := range catalog.needs {
		pos[n.ID] = i
	}
	for i := 1; i < len(one); i++ {
		a, b := one[i-1], one[i]
		if a.NeedID == b.NeedID {
			assert.Equal(t, a.Rank+1, b.Rank)
		} else {
			assert.Less(t, pos[a.NeedID], pos[b.NeedID], "needs in catalog order")
			assert.Equal(t, 1, b.Rank)
		}
	}
	// Each need's batch result equals its single Match.
	single, err := eng.Match(ctx, catalog.needs[3], Options{Top: 10})
	require.NoError(t, err)
	var fromBatch []techmatch.Pair
	for _, p := range one {
		if p.NeedID == catalog.needs[3].ID {
			fromBatch = append(fromBatch, p)
		}
	}
	assert.Equal(t, single, fromBatch)
}

func TestMatchEachStopsOnError(t *testing.T) {
	idx := newIndex(t, catalog.achs)
	eng, err := New(context.Background(), idx, Config{})
	require.NoError(t, err)
	boom := fmt.Errorf("boom")
	calls := 0
	err = eng.MatchEach(context.Background(), catalog.needs, Options{Workers: 2}, func(i int, _ []techmatch.Pair) error {
		calls++
		if i == 5 {
			return boom
		}
		return nil
	})
	assert.ErrorIs(t, err, boom)
	assert.Equal(t, 6, calls, "fn is called in order and not after it failed")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = eng.MatchAll(ctx, catalog.needs, Options{Workers: 2})
	assert.ErrorIs(t, err, context.Canceled)
}

// TestConcurrentMatch runs Match from many goroutines while the index is
// written; run it with -race.
func TestConcurrentMatch(t *testing.T) {
	idx := newIndex(t, catalog.achs[:300])
	eng, err := New(context.Background(), idx, Config{})
	require.NoError(t, err)
	ctx := context.Background()
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(g), 1))
			for i := 0; i < 40; i++ {
				n := catalog.needs[r.IntN(len(catalog.needs))]
				if _, err := eng.Match(ctx, n, Options{Top: 5}); err != nil {
					t.Errorf("Match %s: %v", n.ID, err)
					return
				}
			}
		}(g)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, a := range catalog.achs[300:] {
			if err := idx.Add(ctx, a); err != nil {
				t.Errorf("Add %s: %v", a.ID, err)
				return
			}
		}
		if _, err := idx.Delete(ctx, catalog.achs[0].ID); err != nil {
			t.Errorf("Delete: %v", err)
		}
	}()
	wg.Wait()
	pairs, err := eng.Match(ctx, catalog.needs[0], Options{Top: 440})
	require.NoError(t, err)
	assert.NotContains(t, ids(pairs), catalog.achs[0].ID, "a deleted achievement is never proposed")
}

func TestReverse(t *testing.T) {
	nidx := newIndex(t, catalog.needs)
	rev, err := NewReverse(context.Background(), nidx, Config{})
	require.NoError(t, err)
	ctx := context.Background()
	// The reverse view finds, for an achievement, a need it was judged
	// relevant to: check a few achievements whose best need is clear.
	found := 0
	for _, a := range catalog.achs[:40] {
		pairs, err := rev.Match(ctx, a, Options{Top: 5})
		require.NoError(t, err)
		for i, p := range pairs {
			assert.Equal(t, a.ID, p.AchievementID)
			assert.Equal(t, i+1, p.Rank)
		}
		if len(pairs) > 0 {
			found++
		}
	}
	assert.Greater(t, found, 30, "most achievements have some need in the reverse direction")
	all, err := rev.MatchAll(ctx, catalog.achs[:10], Options{Top: 3, Workers: 2})
	require.NoError(t, err)
	assert.True(t, slices.IsSortedFunc(all, func(a, b techmatch.Pair) int {
		return slices.Index(ids10(), a.AchievementID) - slices.Index(ids10(), b.AchievementID)
	}), "achievements in input order")
}

func ids10() []string {
	out := make([]string, 10)
	for i, a := range catalog.achs[:10] {
		out[i] = a.ID
	}
	return out
}

func TestNewErrors(t *testing.T) {
	_, err := New(context.Background(), nil, Config{})
	assert.Error(t, err)
	idx := newIndex(t, catalog.achs[:5])
	bad := rank.DefaultConfig()
	bad.Weights.Text = -1
	_, err = New(context.Background(), idx, Config{Rank: &bad})
	assert.ErrorContains(t, err, "text")
	_, err = New(context.Background(), idx, Config{Query: QueryConfig{TitleBoost: -2}})
	assert.ErrorContains(t, err, "title_boost")
}

func TestMatchEmptyText(t *testing.T) {
	idx := newIndex(t, catalog.achs[:20])
	eng, err := New(context.Background(), idx, Config{})
	require.NoError(t, err)
	pairs, err := eng.Match(context.Background(), techmatch.Need{ID: "x", Title: "的 了 和"}, Options{})
	assert.ErrorIs(t, err, techmatch.ErrNoText, "a need of stop words only is refused, not answered with nothing")
	assert.Empty(t, pairs)
}
