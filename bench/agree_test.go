package bench

import (
	"context"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/internal/baseline"
	"github.com/techmatch/techmatch/match"
)

// TestEngineAgreesWithBaseline checks that both measured systems run the
// real path on the generated catalog: a need that restates an achievement
// (its title, keywords and description) finds that achievement near the
// top in both, and an industry filter keeps only that industry in both.
func TestEngineAgreesWithBaseline(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two indexes of 1000 achievements")
	}
	const n = 1000
	fx := engine(t, n)
	nv := naive(t, n)
	achs := achievements(t, n)
	ctx := context.Background()

	top1Agree, cases := 0, 0
	for i := 0; i < n; i += 50 {
		a := achs[i]
		need := techmatch.Need{
			ID: "Q" + a.ID, Title: a.Title, Description: a.Description,
			Keywords: a.Keywords, Industries: a.Industries,
		}
		t.Run(a.ID, func(t *testing.T) {
			pairs, err := fx.eng.Match(ctx, need, match.Options{Top: 3})
			require.NoError(t, err)
			var ours []string
			for _, p := range pairs {
				ours = append(ours, p.AchievementID)
			}
			ids, _, err := nv.m.Search(ctx, baseline.QueryText(need), nil, 3)
			require.NoError(t, err)
			assert.Contains(t, ours, a.ID, "techmatch top-3: got %v, want it to contain %s", ours, a.ID)
			assert.Contains(t, ids, a.ID, "naive top-3: got %v, want it to contain %s", ids, a.ID)
			cases++
			if len(ours) > 0 && len(ids) > 0 && ours[0] == ids[0] {
				top1Agree++
			}
		})
	}
	assert.GreaterOrEqual(t, top1Agree*10, cases*8, "top-1 agreement: got %d of %d, want ≥ 80%%", top1Agree, cases)

	for _, ind := range []techmatch.Industry{techmatch.Biomed, techmatch.Materials, "energy"} {
		t.Run("filter="+string(ind), func(t *testing.T) {
			need := needs(t)[0]
			pairs, err := fx.eng.Match(ctx, need, match.Options{Top: 10, Industries: []techmatch.Industry{ind}})
			require.NoError(t, err)
			ids, _, err := nv.m.Search(ctx, baseline.QueryText(need), []techmatch.Industry{ind}, 10)
			require.NoError(t, err)
			assert.NotEmpty(t, pairs, "techmatch: got no results, want some")
			assert.NotEmpty(t, ids, "naive: got no results, want some")
			byID := map[string]techmatch.Achievement{}
			for _, a := range achs {
				byID[a.ID] = a
			}
			for _, p := range pairs {
				got := byID[p.AchievementID].Industries
				assert.True(t, slices.Contains(got, ind), "techmatch %s: got industries %v, want %s", p.AchievementID, got, ind)
			}
			for _, id := range ids {
				got := byID[id].Industries
				assert.True(t, slices.Contains(got, ind), "naive %s: got industries %v, want %s", id, got, ind)
			}
		})
	}
}

func TestParseN(t *testing.T) {
	tests := []struct {
		name string
		want int
	}{
		{"BenchmarkMatch/n=100000/filter=none", 100000},
		{"BenchmarkNaiveMatchAll/n=1000", 1000},
		{"BenchmarkMatch/n=1000#01", 1000},
		{"BenchmarkSegment", 0},
		{"BenchmarkX/n=abc", 0},
	}
	for _, tt := range tests {
		got := ParseN(tt.name)
		assert.Equal(t, tt.want, got, "%s: got %d, want %d", tt.name, got, tt.want)
	}
}
