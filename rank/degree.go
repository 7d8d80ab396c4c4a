package rank

import "math"

// Degree returns the match degree (匹配度) of a pair score, an integer
// from 0 to 100: the score as a share of the largest score a pair can
// get, rounded to the nearest integer,
//
//	Degree(score) = round(100 × clip(score, 0, 1))
//
// which is right for the default configuration and for every weights file
// `techmatch tune` writes: their weights sum to 1 and every feature value
// is at most 1, so scores lie in (−∞, 1]. A score at or below 0 (an
// infeasible or unrelated pair) is 0, NaN is 0. The mapping is linear, so
// it is monotone: a better-ranked pair never has a lower degree. Under a
// configuration whose weights do not sum to 1 use Scorer.Degree.
func Degree(score float64) int { return degree(score, 1) }

// Degree is the package's Degree with the largest score of this Scorer's
// configuration, MaxScore, in place of 1: round(100 × clip(score/MaxScore,
// 0, 1)). With the default configuration both give the same degree.
func (s *Scorer) Degree(score float64) int { return degree(score, s.MaxScore()) }

// MaxScore returns an upper bound of the pair score under this Scorer's
// configuration: the effective text weight plus MaxPrior. It is 1 for the
// default configuration.
func (s *Scorer) MaxScore() float64 { return s.w[idxText] + s.maxPrior }

func degree(score, maxScore float64) int {
	if math.IsNaN(score) || score <= 0 || !(maxScore > 0) {
		return 0
	}
	r := score / maxScore
	if r >= 1 || math.IsInf(maxScore, 0) && math.IsInf(score, 0) {
		return 100
	}
	return int(math.Round(100 * r))
}
