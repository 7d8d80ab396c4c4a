package rank

import "math"

// Degree returns the match degree (匹配度) of a pair score under the
// default configuration, an integer from 0 to 100: the score as a share of
// the score of an excellent match, DegreeReference, rounded,
//
//	Degree(score) = round(100 × clip(score / DegreeReference, 0, 1))
//
// A score at or below 0 (an infeasible or unrelated pair) is 0, NaN is 0.
// The mapping is linear below the reference, so it is monotone: a
// better-ranked pair never has a lower degree. Under another configuration
// (a weights file) use Scorer.Degree.
//
// Why a reference and not the largest possible score (DefaultMaxScore,
// 0.79): that bound needs a pair perfect on every feature at once, so the
// best match of a need would read 40–75 and staff would take good
// proposals for weak ones. With the reference, the best match of a need
// on the development catalogs reads 75 at the median and 100 for the top
// 5%.
func Degree(score float64) int { return degree(score, DegreeReference) }

// DegreeReference is the score of an excellent match under the default
// configuration: the 95th percentile of the rank-1 scores of the 268
// judged needs of the development catalogs (testdata, testdata/holdout,
// the first half of testdata/blind), rounded down to two digits. Scores
// at or above it have degree 100.
const DegreeReference = 0.52

// DefaultMaxScore is MaxScore of the default configuration: the sum of the
// default weights times each feature's largest value (the exclusion
// feature is a penalty: its largest value is 0).
func DefaultMaxScore() float64 { return defaultMaxScore }

var defaultMaxScore = func() float64 {
	cfg := DefaultConfig()
	w := effectiveWeights(cfg)
	return w[idxText] + maxPrior(cfg, w)
}()

// Degree is the package's Degree with the reference scaled to this
// Scorer's configuration: DegreeReference × MaxScore / DefaultMaxScore, so
// a weights file that doubles every weight keeps the degrees. With the
// default configuration both give the same degree.
func (s *Scorer) Degree(score float64) int {
	return degree(score, DegreeReference*s.MaxScore()/defaultMaxScore)
}

// MaxScore returns an upper bound of the pair score under this Scorer's
// configuration: the effective text weight plus MaxPrior
// (DefaultMaxScore for the default configuration).
func (s *Scorer) MaxScore() float64 { return s.w[idxText] + s.maxPrior }

func degree(score, ref float64) int {
	if math.IsNaN(score) || score <= 0 || !(ref > 0) {
		return 0
	}
	r := score / ref
	if r >= 1 || math.IsInf(ref, 0) && math.IsInf(score, 0) {
		return 100
	}
	return int(math.Round(100 * r))
}
