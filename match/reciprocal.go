package match

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/techmatch/techmatch"
)

// ReciprocalConfig fuses the two views of a pairing: how well an
// achievement fits a need (need → achievements) and how well the need fits
// the achievement among all needs (achievement → needs). An agent trusts a
// pair more when each side is among the other's best: a generic
// achievement that is everyone's tenth choice loses to one that is this
// need's specialist.
type ReciprocalConfig struct {
	// Weight is γ in score = (1−γ)·forward + γ·reverse, where reverse is
	// the pair's score in the achievement's own ranking of needs (0 when
	// the need is not in its top Depth); default 0.3.
	Weight float64
	// Depth is how deep each side's list is read; default 50 (and at
	// least 5 × Options.Top).
	Depth int
}

// Validate reports the first invalid field.
func (c ReciprocalConfig) Validate() error {
	if c.Weight < 0 || c.Weight > 1 || math.IsNaN(c.Weight) {
		return fmt.Errorf("match: reciprocal weight %v, want a value in [0,1]", c.Weight)
	}
	if c.Depth < 0 {
		return fmt.Errorf("match: reciprocal depth %d, want ≥ 0", c.Depth)
	}
	return nil
}

// Reciprocal matches a catalog of needs against a catalog of achievements
// with both views fused (see ReciprocalConfig): fwd ranks achievements for
// needs over an achievement index, rev ranks needs for achievements over an
// index of the same needs. Output is as Engine.MatchAll's: needs in input
// order, ranks 1..k, ties by achievement id, scores the fused ones.
//
// Cost: one reverse query per achievement and one forward query per need,
// each Depth deep. Safe for concurrent use (it only reads the engines).
func Reciprocal(ctx context.Context, fwd *Engine, rev *Reverse, needs []techmatch.Need, achs []techmatch.Achievement, opt Options, rc ReciprocalConfig) ([]techmatch.Pair, error) {
	if err := rc.Validate(); err != nil {
		return nil, err
	}
	if rc.Weight == 0 {
		rc.Weight = 0.3
	}
	if rc.Depth == 0 {
		rc.Depth = 50
	}
	k := opt.top()
	depth := max(rc.Depth, 5*k)
	deep := opt
	deep.Top = depth
	deep.NoExplain = true

	// reverse[need id][achievement id] = the pair's score in the
	// achievement's ranking of needs.
	reverse := make(map[string]map[string]float64, len(needs))
	err := rev.MatchEach(ctx, achs, deep, func(_ int, pairs []techmatch.Pair) error {
		for _, p := range pairs {
			m := reverse[p.NeedID]
			if m == nil {
				m = map[string]float64{}
				reverse[p.NeedID] = m
			}
			m[p.AchievementID] = p.Score
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []techmatch.Pair
	fdeep := deep
	fdeep.NoExplain = opt.NoExplain
	err = fwd.MatchEach(ctx, needs, fdeep, func(_ int, pairs []techmatch.Pair) error {
		fused := make([]techmatch.Pair, len(pairs))
		for j, p := range pairs {
			p.Score = (1-rc.Weight)*p.Score + rc.Weight*reverse[p.NeedID][p.AchievementID]
			fused[j] = p
		}
		sort.Slice(fused, func(a, b int) bool {
			if fused[a].Score != fused[b].Score {
				return fused[a].Score > fused[b].Score
			}
			return fused[a].AchievementID < fused[b].AchievementID
		})
		if len(fused) > k {
			fused = fused[:k]
		}
		for j := range fused {
			fused[j].Rank = j + 1
			if ex := fused[j].Explain; ex != nil {
				ex.Features = append(ex.Features, techmatch.Contribution{
					Feature: "reciprocal", Value: reverse[fused[j].NeedID][fused[j].AchievementID], Weight: rc.Weight,
					Note: "score of the pair in the achievement's own ranking of needs",
				})
				// Contributions must sum to the fused score: scale the
				// forward ones by (1−γ).
				for f := range ex.Features[:len(ex.Features)-1] {
					ex.Features[f].Weight *= 1 - rc.Weight
					ex.Features[f].Score *= 1 - rc.Weight
				}
				last := &ex.Features[len(ex.Features)-1]
				last.Score = last.Weight * last.Value
			}
		}
		out = append(out, fused...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
