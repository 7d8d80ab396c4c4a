package rank_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/match"
	"github.com/techmatch/techmatch/rank"
	"github.com/techmatch/techmatch/segment"
)

// TestReasonsAgreeOnTestdata is the property test over the bundled
// testdata: every need's top 10 as the CLI ranks them, and for every pair
// the reasons agree with the explanation (rank.CheckReasons: signs,
// warnings, feasibility) and degrees never rise down a need's ranking.
func TestReasonsAgreeOnTestdata(t *testing.T) {
	if testing.Short() {
		t.Skip("matches the bundled testdata (a few seconds)")
	}
	ctx := context.Background()
	achs, _, err := techmatch.LoadAchievements(ctx, "../testdata/achievements.jsonl", techmatch.ReadOptions{})
	require.NoError(t, err, "achievements")
	needs, _, err := techmatch.LoadNeeds(ctx, "../testdata/needs.jsonl", techmatch.ReadOptions{})
	require.NoError(t, err, "needs")
	seg, err := segment.Default()
	require.NoError(t, err, "segmenter")
	idx, err := index.New[techmatch.Achievement](ctx, index.Config{Segmenter: seg})
	require.NoError(t, err, "index")
	defer idx.Close()
	require.NoError(t, idx.Add(ctx, achs...), "add")
	eng, err := match.New(ctx, idx, match.Config{})
	require.NoError(t, err, "engine")

	var pairs, warned, top1 int
	var firsts []int
	err = eng.MatchEach(ctx, needs, match.Options{Top: 10}, func(i int, ps []techmatch.Pair) error {
		prev := 101
		for _, p := range ps {
			require.NotNil(t, p.Explain, "%s %s: no explanation", p.NeedID, p.AchievementID)
			rank.CheckReasons(t, fmt.Sprintf("%s %s", p.NeedID, p.AchievementID), p.Score, *p.Explain)
			rs := rank.Reasons(*p.Explain)
			require.NotEmpty(t, rs, "%s %s: no reason for a pair in the top 10", p.NeedID, p.AchievementID)
			d := rank.Degree(p.Score)
			require.LessOrEqual(t, d, prev, "%s rank %d: degree %d above the rank before", p.NeedID, p.Rank, d)
			prev = d
			pairs++
			if !p.Explain.Feasible {
				warned++
			}
			if p.Rank == 1 {
				top1++
				firsts = append(firsts, d)
			}
		}
		return nil
	})
	require.NoError(t, err, "MatchEach")
	require.Positive(t, pairs, "pairs")
	slices.Sort(firsts)
	t.Logf("%d pairs, %d infeasible; degree of the rank-1 pair over %d needs: min %d, median %d, max %d",
		pairs, warned, top1, firsts[0], firsts[len(firsts)/2], firsts[len(firsts)-1])
}
