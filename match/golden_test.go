package match

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/internal/eval"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// golden is the recorded quality of the default engine on the bundled
// testdata and on the blind hold-out (testdata/holdout, matched against
// both achievement catalogs), and the exact top-5 of a handful of needs
// (one per need type).
type golden struct {
	Mean    eval.Scores         `json:"mean"`
	Holdout eval.Scores         `json:"holdout"`
	Needs   map[string][]string `json:"needs"`
}

const goldenPath = "testdata/golden/ranking.json"

// maxDrop is how much mean nDCG@10 may fall below the golden value before
// the test fails.
const maxDrop = 0.02

// TestGoldenRanking fails when the default ranking's nDCG@10 on the
// bundled judgments drops by more than maxDrop, or when the top-5 of the
// watched needs change. After an intended change, run
// `go test ./match -run Golden -update` and review the diff.
func TestGoldenRanking(t *testing.T) {
	q, err := eval.LoadQrels("../testdata/qrels.tsv")
	require.NoError(t, err)
	ranked := rankAll(t, catalog.achs, catalog.needs)
	run := eval.Evaluate(ranked, q, 10)
	t.Logf("nDCG@10 %.4f  Recall@10 %.4f  P@1 %.4f  MRR %.4f over %d needs",
		run.Mean.NDCG, run.Mean.Recall, run.Mean.P1, run.Mean.MRR, len(run.PerNeed))

	hold := holdoutRun(t)
	t.Logf("hold-out: nDCG@10 %.4f  Recall@10 %.4f  P@1 %.4f  MRR %.4f over %d needs",
		hold.Mean.NDCG, hold.Mean.Recall, hold.Mean.P1, hold.Mean.MRR, len(hold.PerNeed))

	got := golden{Mean: run.Mean, Holdout: hold.Mean, Needs: map[string][]string{}}
	for _, id := range watchedNeeds(t) {
		top := ranked[id]
		got.Needs[id] = top[:min(5, len(top))]
	}
	if *update {
		b, err := json.MarshalIndent(got, "", "  ")
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(goldenPath, append(b, '\n'), 0o644))
		return
	}
	b, err := os.ReadFile(goldenPath)
	require.NoError(t, err, "run with -update to create it")
	var want golden
	require.NoError(t, json.Unmarshal(b, &want))
	assert.GreaterOrEqual(t, got.Mean.NDCG, want.Mean.NDCG-maxDrop,
		"nDCG@10 fell from %.4f to %.4f", want.Mean.NDCG, got.Mean.NDCG)
	assert.GreaterOrEqual(t, got.Holdout.NDCG, want.Holdout.NDCG-maxDrop,
		"hold-out nDCG@10 fell from %.4f to %.4f", want.Holdout.NDCG, got.Holdout.NDCG)
	assert.Equal(t, want.Needs, got.Needs, "top-5 of the watched needs changed; if intended, rerun with -update")
}

// holdoutRun ranks the hold-out needs against both achievement catalogs
// and scores them with the hold-out judgments.
func holdoutRun(t *testing.T) eval.Run {
	ctx := context.Background()
	achs, _, err := techmatch.LoadAchievements(ctx, "../testdata/holdout/achievements.jsonl", techmatch.ReadOptions{})
	require.NoError(t, err)
	needs, _, err := techmatch.LoadNeeds(ctx, "../testdata/holdout/needs.jsonl", techmatch.ReadOptions{})
	require.NoError(t, err)
	q, err := eval.LoadQrels("../testdata/holdout/qrels.tsv")
	require.NoError(t, err)
	ranked := rankAll(t, append(append([]techmatch.Achievement(nil), catalog.achs...), achs...), needs)
	return eval.Evaluate(ranked, q, 10)
}

// watchedNeeds picks the first need of each type in need_types.tsv.
func watchedNeeds(t *testing.T) []string {
	f, err := os.ReadFile("../testdata/need_types.tsv")
	require.NoError(t, err)
	first := map[string]string{}
	for _, l := range strings.Split(string(f), "\n") {
		id, typ, ok := strings.Cut(strings.TrimSpace(l), "\t")
		if ok && first[typ] == "" {
			first[typ] = id
		}
	}
	out := make([]string, 0, len(first))
	for _, id := range first {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// rankAll matches every need against an index of achs with the default
// engine and returns each need's top-10 achievement ids.
func rankAll(t *testing.T, achs []techmatch.Achievement, needs []techmatch.Need) map[string][]string {
	eng, err := New(context.Background(), newIndex(t, achs), Config{})
	require.NoError(t, err)
	pairs, err := eng.MatchAll(context.Background(), needs, Options{Top: 10, NoExplain: true})
	require.NoError(t, err)
	ranked := map[string][]string{}
	for _, p := range pairs {
		ranked[p.NeedID] = append(ranked[p.NeedID], p.AchievementID)
	}
	return ranked
}
