package assign

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// shape describes a random instance.
type shape struct {
	needs, achs, owners int
	// k is the candidates per need (at most achs).
	k int
	// levels > 0 draws scores from that many values, to make ties.
	levels int
	// ownerless is the fraction of achievements without owner.
	ownerless float64
	// nonPositive is the fraction of pairs with a score ≤ 0.
	nonPositive float64
	// skew > 1 makes some achievements far more popular than others.
	skew float64
}

// randomPairs draws an instance of shape s: every need gets k distinct
// achievements, drawn with popularity skew.
func randomPairs(rnd *rand.Rand, s shape) []Pair {
	owner := make([]string, s.achs)
	for a := range owner {
		if s.owners > 0 && rnd.Float64() >= s.ownerless {
			owner[a] = fmt.Sprintf("O%d", rnd.IntN(s.owners))
		}
	}
	skew := max(s.skew, 1)
	pairs := make([]Pair, 0, s.needs*s.k)
	seen := map[int]bool{}
	for n := range s.needs {
		clear(seen)
		for len(seen) < min(s.k, s.achs) {
			a := int(float64(s.achs) * math.Pow(rnd.Float64(), skew))
			if seen[a] {
				continue
			}
			seen[a] = true
			score := rnd.Float64()
			if s.levels > 0 {
				score = float64(1+rnd.IntN(s.levels)) / float64(s.levels)
			}
			if rnd.Float64() < s.nonPositive {
				score = -score * float64(rnd.IntN(2))
			}
			pairs = append(pairs, Pair{Need: fmt.Sprintf("N%d", n), Achievement: fmt.Sprintf("A%d", a), Owner: owner[a], Score: score})
		}
	}
	rnd.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
	return pairs
}

// units rounds a score like Solve does (0 when not positive).
func units(score float64) int64 {
	if score <= 0 {
		return 0
	}
	return int64(math.Round(score / Resolution))
}

// capOf is a cap with Unlimited as MaxInt.
func capOf(c int) int {
	if c == Unlimited {
		return math.MaxInt
	}
	return c
}

// counter counts chosen pairs per need, achievement and owner; an
// achievement without owner is counted under its own owner key.
type counter struct{ need, ach, owner map[string]int }

func newCounter() counter {
	return counter{need: map[string]int{}, ach: map[string]int{}, owner: map[string]int{}}
}

func ownerKey(p Pair) string {
	if p.Owner == "" {
		return "\x00self:" + p.Achievement
	}
	return p.Owner
}

func (c counter) add(p Pair, d int) {
	c.need[p.Need] += d
	c.ach[p.Achievement] += d
	c.owner[ownerKey(p)] += d
}

func (c counter) fits(p Pair, caps Caps) bool {
	return c.need[p.Need] < capOf(caps.PerNeed) && c.ach[p.Achievement] < capOf(caps.PerAchievement) &&
		c.owner[ownerKey(p)] < capOf(caps.PerOwner)
}

// priorities returns each positive pair's tie-break priority P−i, i its
// position in (need, achievement) order, keyed by PairKey.
func priorities(pairs []Pair) map[PairKey]int64 {
	var pos []Pair
	for _, p := range pairs {
		if units(p.Score) > 0 {
			pos = append(pos, p)
		}
	}
	slices.SortFunc(pos, func(x, y Pair) int {
		if c := strings.Compare(x.Need, y.Need); c != 0 {
			return c
		}
		return strings.Compare(x.Achievement, y.Achievement)
	})
	pr := make(map[PairKey]int64, len(pos))
	for i, p := range pos {
		pr[p.Key()] = int64(len(pos) - i)
	}
	return pr
}

// exhaustive returns the best (rounded total, priority sum) over every
// subset of the positive pairs that respects caps.
func exhaustive(pairs []Pair, caps Caps) (best, bestPrio int64) {
	var pos []Pair
	for _, p := range pairs {
		if units(p.Score) > 0 {
			pos = append(pos, p)
		}
	}
	pr := priorities(pairs)
	for mask := 0; mask < 1<<len(pos); mask++ {
		c := newCounter()
		ok := true
		var total, prio int64
		for i, p := range pos {
			if mask&(1<<i) == 0 {
				continue
			}
			if !c.fits(p, caps) {
				ok = false
				break
			}
			c.add(p, 1)
			total += units(p.Score)
			prio += pr[p.Key()]
		}
		if ok && (total > best || total == best && prio > bestPrio) {
			best, bestPrio = total, prio
		}
	}
	return best, bestPrio
}

// greedy takes pairs by score, highest first, while caps allow.
func greedy(pairs []Pair, caps Caps) float64 {
	sorted := slices.Clone(pairs)
	slices.SortStableFunc(sorted, func(x, y Pair) int { return -compareFloat(x.Score, y.Score) })
	c := newCounter()
	total := 0.0
	for _, p := range sorted {
		if units(p.Score) > 0 && c.fits(p, caps) {
			c.add(p, 1)
			total += p.Score
		}
	}
	return total
}

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// checkResult checks the properties every result has: chosen pairs are
// candidates with positive scores, caps hold, Total is their sum, every
// other pair has a reason, and each reason is true of the result.
func checkResult(t *testing.T, pairs []Pair, caps Caps, r Result) {
	t.Helper()
	given := make(map[PairKey]Pair, len(pairs))
	for _, p := range pairs {
		given[p.Key()] = p
	}
	c := newCounter()
	chosen := map[PairKey]bool{}
	sum := 0.0
	for _, p := range r.Chosen {
		require.Equal(t, given[p.Key()], p, "chosen pair %v: got it, want a candidate as given", p.Key())
		require.False(t, chosen[p.Key()], "pair %v chosen twice", p.Key())
		chosen[p.Key()] = true
		require.Positive(t, units(p.Score), "chosen pair %v has score %v", p.Key(), p.Score)
		c.add(p, 1)
		sum += p.Score
	}
	require.Equal(t, sum, r.Total, "Total: got %v, want the chosen scores' sum %v", r.Total, sum)
	for k, v := range c.need {
		require.LessOrEqual(t, v, capOf(caps.PerNeed), "need %s: got %d pairs, cap %d", k, v, caps.PerNeed)
	}
	for k, v := range c.ach {
		require.LessOrEqual(t, v, capOf(caps.PerAchievement), "achievement %s: got %d pairs, cap %d", k, v, caps.PerAchievement)
	}
	for k, v := range c.owner {
		require.LessOrEqual(t, v, capOf(caps.PerOwner), "owner %q: got %d pairs, cap %d", k, v, caps.PerOwner)
	}
	require.Len(t, r.Displaced, len(pairs)-len(r.Chosen), "Displaced: got %d entries, want one per unchosen pair", len(r.Displaced))
	// The lowest chosen score of each need, for ReasonNeedFull.
	lowest := map[string]int64{}
	for _, p := range r.Chosen {
		if u, ok := lowest[p.Need]; !ok || units(p.Score) < u {
			lowest[p.Need] = units(p.Score)
		}
	}
	for k, reason := range r.Displaced {
		p, ok := given[k]
		require.True(t, ok, "displaced %v is not a candidate", k)
		require.False(t, chosen[k], "displaced %v is also chosen", k)
		achFull := c.ach[p.Achievement] >= capOf(caps.PerAchievement) ||
			p.Owner == "" && c.ach[p.Achievement] >= capOf(caps.PerOwner)
		ownerFull := c.owner[ownerKey(p)] >= capOf(caps.PerOwner)
		switch reason {
		case ReasonNotPositive:
			require.Zero(t, units(p.Score), "%v: got %v, but the score %v is positive", k, reason, p.Score)
		case ReasonAchievementFull:
			require.True(t, achFull, "%v: got %v, but the achievement has %d pairs", k, reason, c.ach[p.Achievement])
		case ReasonOwnerFull:
			require.False(t, achFull, "%v: got %v, want achievement_full", k, reason)
			require.True(t, ownerFull, "%v: got %v, but the owner has %d pairs", k, reason, c.owner[ownerKey(p)])
		case ReasonNeedFull:
			require.False(t, achFull || ownerFull, "%v: got %v, but the achievement side is full", k, reason)
			require.Equal(t, capOf(caps.PerNeed), c.need[p.Need], "%v: got %v, but the need has %d pairs", k, reason, c.need[p.Need])
			require.GreaterOrEqual(t, lowest[p.Need], units(p.Score), "%v: got %v, but it beats a chosen pair", k, reason)
		default:
			t.Fatalf("%v: got reason %v, want one of the four", k, reason)
		}
		if reason != ReasonNotPositive {
			require.Positive(t, units(p.Score), "%v: got %v for a non-positive score, want not_positive", k, reason)
		}
	}
}

// unitsOf returns a result's rounded total and priority sum.
func unitsOf(pairs []Pair, r Result) (total, prio int64) {
	pr := priorities(pairs)
	for _, p := range r.Chosen {
		total += units(p.Score)
		prio += pr[p.Key()]
	}
	return total, prio
}
