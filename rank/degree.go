package rank

import "math"

// Degree returns the match degree (匹配度) of a pair score under the
// default configuration, an integer from 0 to 100: the score as a share of
// the largest score a pair can get, rounded to the nearest integer,
//
//	Degree(score) = round(100 × clip(score / DefaultMaxScore(), 0, 1))
//
// A score at or below 0 (an infeasible or unrelated pair) is 0, NaN is 0.
// The mapping is linear, so it is monotone: a better-ranked pair never has
// a lower degree. Under another configuration (a weights file) use
// Scorer.Degree, which divides by that configuration's MaxScore.
//
// The bound is reached only by a pair that is perfect on every feature at
// once, so real degrees sit well below 100: on the bundled testdata the
// best match of a need scores 0.3–0.6, a degree of about 40–75.
func Degree(score float64) int { return degree(score, defaultMaxScore) }

// DefaultMaxScore is MaxScore of the default configuration: the sum of the
// default weights times each feature's largest value (the exclusion
// feature is a penalty: its largest value is 0).
func DefaultMaxScore() float64 { return defaultMaxScore }

var defaultMaxScore = func() float64 {
	cfg := DefaultConfig()
	w := effectiveWeights(cfg)
	return w[idxText] + maxPrior(cfg, w)
}()

// Degree is the package's Degree with the largest score of this Scorer's
// configuration, MaxScore: round(100 × clip(score/MaxScore, 0, 1)). With
// the default configuration both give the same degree.
func (s *Scorer) Degree(score float64) int { return degree(score, s.MaxScore()) }

// MaxScore returns an upper bound of the pair score under this Scorer's
// configuration: the effective text weight plus MaxPrior
// (DefaultMaxScore for the default configuration).
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
