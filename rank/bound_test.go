package rank

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

// TestBound: Bound is an upper bound of ScoreProfiles on real pairs
// (testdata needs × achievements, random candidate evidence), under the
// defaults and under a configuration with heavy candidate features, and
// it is reached closely by some pair (it is not a loose constant).
func TestBound(t *testing.T) {
	ctx := context.Background()
	achs, _, err := techmatch.LoadAchievements(ctx, "../testdata/achievements.jsonl", techmatch.ReadOptions{})
	require.NoError(t, err)
	needs, _, err := techmatch.LoadNeeds(ctx, "../testdata/needs.jsonl", techmatch.ReadOptions{})
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, name := range []string{"defaults", "heavy candidate features"} {
		s := newScorer(t, func(c *Config) {
			if name != "defaults" {
				c.Weights.Role, c.Weights.Effect, c.Weights.Numeric = 1, 1, 1
			}
		})
		aps := make([]*AchievementProfile, 0, 120)
		for i := 0; i < len(achs); i += 4 {
			aps = append(aps, s.Achievement(&achs[i]))
		}
		gap := 1.0
		for i := 0; i < len(needs); i += 4 {
			np := s.Need(&needs[i])
			for j := range aps {
				c := Candidate{Text: rng.Float64(), Bigram: rng.Float64()}
				got, _ := s.ScoreProfiles(np, aps[j], c)
				bound := s.Bound(c)
				require.LessOrEqual(t, got, bound+1e-12, "%s: need %s achievement %s candidate %+v: score %v above bound %v",
					name, needs[i].ID, achs[4*j].ID, c, got, bound)
				gap = min(gap, bound-got)
			}
		}
		require.Less(t, gap, 0.2, "%s: the bound is never approached (closest gap %v)", name, gap)
	}
}
