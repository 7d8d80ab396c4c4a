package tune

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/techmatch/techmatch/internal/eval"
	"github.com/techmatch/techmatch/rank"
)

// Names are the feature names in rank.Weights.Vector order: the order of
// Row.Values and Result.Learned.
var Names = rank.Names()

// Feature positions in Names.
var (
	idxText     = slices.Index(Names[:], rank.FeatureText)
	idxPriority = slices.Index(Names[:], rank.FeatureDemandPriority)
)

// Row is one candidate achievement of a need: its id, its unweighted
// feature values in Names order and whether it passes the hard constraints
// (Keep=false rows are never ranked). Plain data: safe to copy and to read
// concurrently.
type Row struct {
	ID     string
	Values [rank.NumFeatures]float64
	Keep   bool
}

// Need is one judged need: its candidate rows (any order) and its
// judgments, achievement id → grade (≥ 1 relevant), as one need's entry of
// an eval.Qrels. Judged achievements missing from Rows count as relevant
// but never retrieved. Plain data: the functions of this package only read
// it, so one []Need may be shared by concurrent calls.
type Need struct {
	ID     string
	Rows   []Row
	Judged map[string]int
}

// Defaults of Config.
const (
	DefaultK        = 10
	DefaultFolds    = 5
	DefaultPasses   = 20
	DefaultRestarts = 4
)

// DefaultSteps are the multiplicative steps of the line search.
var DefaultSteps = []float64{0.25, 0.5, 0.75, 0.9, 1.1, 1.33, 2, 4}

// probes are fractions of the current total weight tried as absolute
// values of every weight, so that a weight at 0 can become positive.
var probes = []float64{0.01, 0.03, 0.1, 0.3}

// Config configures Fit and CrossValidate. The zero value is valid and
// means the defaults. Plain data: safe to copy and share.
type Config struct {
	// K is the cutoff of nDCG@K (the objective) and Recall@K; 0 means
	// DefaultK.
	K int
	// Folds is the number of cross-validation folds, ≥ 2 and at most the
	// number of needs; 0 means DefaultFolds. Fit ignores it.
	Folds int
	// Seed seeds the fold assignment and the random restarts; any value,
	// 0 included, is a valid seed.
	Seed uint64
	// Passes is the most coordinate-ascent passes per starting point; 0
	// means DefaultPasses.
	Passes int
	// Restarts is the number of random starting points besides the start
	// weights; 0 means DefaultRestarts, negative means none.
	Restarts int
	// Steps are the multiplicative line-search steps, each finite, > 0
	// and ≠ 1; nil means DefaultSteps.
	Steps []float64
}

// Validate reports every invalid field.
func (c Config) Validate() error {
	var errs []error
	if c.K < 0 {
		errs = append(errs, fmt.Errorf("tune config: k %d is negative", c.K))
	}
	if c.Folds < 0 || c.Folds == 1 {
		errs = append(errs, fmt.Errorf("tune config: folds %d: want ≥ 2 (or 0 for %d)", c.Folds, DefaultFolds))
	}
	if c.Passes < 0 {
		errs = append(errs, fmt.Errorf("tune config: passes %d is negative", c.Passes))
	}
	for i, s := range c.Steps {
		if math.IsNaN(s) || math.IsInf(s, 0) || s <= 0 || s == 1 {
			errs = append(errs, fmt.Errorf("tune config: steps[%d] %v: want finite, > 0 and ≠ 1", i, s))
		}
	}
	return errors.Join(errs...)
}

func (c Config) withDefaults() Config {
	if c.K == 0 {
		c.K = DefaultK
	}
	if c.Folds == 0 {
		c.Folds = DefaultFolds
	}
	if c.Passes == 0 {
		c.Passes = DefaultPasses
	}
	if c.Restarts == 0 {
		c.Restarts = DefaultRestarts
	} else if c.Restarts < 0 {
		c.Restarts = 0
	}
	if c.Steps == nil {
		c.Steps = DefaultSteps
	}
	return c
}

// checkStart validates start weights: finite, ≥ 0, text > 0.
func checkStart(w rank.Weights) error {
	var errs []error
	for i, v := range w.Vector() {
		if math.IsNaN(v) || v < 0 || v > rank.MaxWeight {
			errs = append(errs, fmt.Errorf("tune: start weight %s %v is not in [0, %g]", Names[i], v, rank.MaxWeight))
		}
	}
	if !(w.Text > 0) {
		errs = append(errs, fmt.Errorf("tune: start weight text %v: want > 0 (text relevance must count)", w.Text))
	}
	return errors.Join(errs...)
}

// checkNeeds rejects an empty set and duplicate need ids.
func checkNeeds(needs []Need) error {
	if len(needs) == 0 {
		return errors.New("tune: no needs to fit")
	}
	seen := make(map[string]int, len(needs))
	for i, n := range needs {
		if j, ok := seen[n.ID]; ok {
			return fmt.Errorf("tune: need %q at %d and %d: duplicate need id", n.ID, j, i)
		}
		seen[n.ID] = i
	}
	return nil
}

func toWeights(v [rank.NumFeatures]float64) rank.Weights { return rank.WeightsOf(v) }

// normalised returns w scaled to sum 1 (w must have a positive sum).
func normalised(w [rank.NumFeatures]float64) [rank.NumFeatures]float64 {
	s := 0.0
	for _, v := range w {
		s += v
	}
	for i := range w {
		w[i] /= s
	}
	return w
}

// candidates are the kept rows of a need, deduplicated by id (first wins).
func candidates(n Need) []Row {
	out := make([]Row, 0, len(n.Rows))
	seen := make(map[string]bool, len(n.Rows))
	for _, r := range n.Rows {
		if !r.Keep || seen[r.ID] {
			continue
		}
		seen[r.ID] = true
		out = append(out, r)
	}
	return out
}

// Rank returns the ids of need's kept candidates ordered by score under w,
// best first, ties broken by id — the engine's order. O(r log r) for r rows.
func Rank(need Need, w rank.Weights) []string {
	rows := candidates(need)
	wv := w.Vector()
	type scored struct {
		id string
		s  float64
	}
	all := make([]scored, len(rows))
	for i, r := range rows {
		all[i] = scored{r.ID, dot(&wv, &r.Values)}
	}
	slices.SortFunc(all, func(a, b scored) int {
		switch {
		case a.s > b.s:
			return -1
		case a.s < b.s:
			return 1
		case a.id < b.id:
			return -1
		case a.id > b.id:
			return 1
		}
		return 0
	})
	ids := make([]string, len(all))
	for i, a := range all {
		ids[i] = a.id
	}
	return ids
}

func dot(w, v *[rank.NumFeatures]float64) float64 {
	s := 0.0
	for i := range w {
		s += w[i] * v[i]
	}
	return s
}

// Evaluate ranks every need under w and scores it against its judgments
// at cutoff k (0 means DefaultK): per holds each need's scores in needs
// order, mean their mean (eval.Mean).
func Evaluate(needs []Need, w rank.Weights, k int) (mean eval.Scores, per []eval.Scores) {
	if k <= 0 {
		k = DefaultK
	}
	per = make([]eval.Scores, len(needs))
	for i, n := range needs {
		per[i] = eval.Score(Rank(n, w), n.Judged, k)
	}
	return eval.Mean(per), per
}
