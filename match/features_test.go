package match

import (
	"context"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch/rank"
)

// TestFeaturesRescoreEqualsMatch: rescoring the feature rows with the
// engine's weights gives Match's top-k.
func TestFeaturesRescoreEqualsMatch(t *testing.T) {
	idx := newIndex(t, catalog.achs)
	eng, err := New(context.Background(), idx, Config{})
	require.NoError(t, err)
	w := rank.DefaultConfig().Weights.Vector()
	for _, n := range catalog.needs[:40] {
		rows, err := eng.Features(context.Background(), n, idx.Len())
		require.NoError(t, err)
		type scored struct {
			id string
			s  float64
		}
		var all []scored
		for _, r := range rows {
			if !r.Keep {
				continue
			}
			var s float64
			for i := range w {
				s += w[i] * r.Values[i]
			}
			all = append(all, scored{r.AchievementID, s})
		}
		sort.Slice(all, func(i, j int) bool {
			if all[i].s != all[j].s {
				return all[i].s > all[j].s
			}
			return all[i].id < all[j].id
		})
		pairs, err := eng.Match(context.Background(), n, Options{Top: 10, NoExplain: true})
		require.NoError(t, err)
		require.Equal(t, len(pairs), min(10, len(all)), "need %s", n.ID)
		for i, p := range pairs {
			assert.Equal(t, all[i].id, p.AchievementID, "need %s rank %d", n.ID, i+1)
			assert.InDelta(t, all[i].s, p.Score, 1e-9)
		}
	}
}
