package match

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/match/assign"
)

func TestAssign(t *testing.T) {
	ctx := context.Background()
	idx := newIndex(t, catalog.achs)
	eng, err := New(ctx, idx, Config{})
	require.NoError(t, err)
	needs := catalog.needs[:60]
	owner := map[string]string{}
	for _, a := range catalog.achs {
		owner[a.ID] = a.Owner
	}

	t.Run("unconstrained is the top-k", func(t *testing.T) {
		opt := Options{Top: 5, NoExplain: true}
		var want []techmatch.Pair
		require.NoError(t, eng.MatchEach(ctx, needs, opt, func(_ int, ps []techmatch.Pair) error {
			want = append(want, ps...)
			return nil
		}))
		got, err := eng.Assign(ctx, needs, opt, assign.Caps{PerNeed: 5})
		require.NoError(t, err)
		require.Equal(t, want, got.Pairs, "chosen: got another set than the top-5")
		require.Empty(t, got.Displaced)
	})

	t.Run("caps hold and displaced pairs say why", func(t *testing.T) {
		caps := assign.Caps{PerNeed: 3, PerAchievement: 1, PerOwner: 4}
		got, err := eng.Assign(ctx, needs, Options{Top: 3}, caps)
		require.NoError(t, err)
		require.Equal(t, len(needs)*CandidatesPerNeed(3, caps), got.Candidates+countShort(t, eng, needs, 9),
			"candidates: got %d", got.Candidates)
		perNeed, perAch, perOwner := map[string]int{}, map[string]int{}, map[string]int{}
		total := 0.0
		for _, p := range got.Pairs {
			perNeed[p.NeedID]++
			perAch[p.AchievementID]++
			perOwner[owner[p.AchievementID]]++
			total += p.Score
			require.Equal(t, perNeed[p.NeedID], p.Rank, "need %s: ranks 1.. in order", p.NeedID)
			require.NotNil(t, p.Explain)
		}
		require.InDelta(t, got.Total, total, 1e-9)
		for id, c := range perAch {
			require.LessOrEqual(t, c, 1, "achievement %s: %d pairs", id, c)
		}
		for o, c := range perOwner {
			require.LessOrEqual(t, c, 4, "owner %s: %d pairs", o, c)
		}
		require.NotEmpty(t, got.Displaced, "no pair of a top-3 displaced with PerAchievement 1")
		for _, d := range got.Displaced {
			require.LessOrEqual(t, d.Rank, 3)
			switch d.Reason {
			case assign.ReasonAchievementFull:
				require.Equal(t, 1, perAch[d.AchievementID], "%v: achievement_full, but it has %d pairs", d.Pair, perAch[d.AchievementID])
			case assign.ReasonOwnerFull:
				require.Equal(t, 4, perOwner[owner[d.AchievementID]], "%v: owner_full", d.Pair)
			case assign.ReasonNeedFull:
				require.Equal(t, 3, perNeed[d.NeedID], "%v: need_full", d.Pair)
			default:
				t.Fatalf("%v: reason %v", d.Pair, d.Reason)
			}
		}
	})

	t.Run("bad caps", func(t *testing.T) {
		_, err := eng.Assign(ctx, needs, Options{}, assign.Caps{PerNeed: -1})
		require.ErrorIs(t, err, assign.ErrInvalidCaps)
	})
}

// countShort returns how many candidates fewer than k the needs have (a
// need may share a term with fewer than k achievements).
func countShort(t *testing.T, eng *Engine, needs []techmatch.Need, k int) int {
	short := 0
	require.NoError(t, eng.MatchEach(context.Background(), needs, Options{Top: k, NoExplain: true}, func(_ int, ps []techmatch.Pair) error {
		short += k - len(ps)
		return nil
	}))
	return short
}
