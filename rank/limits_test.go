package rank

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

// knob is one numeric field of Config, by configuration path.
type knob struct {
	path string
	v    reflect.Value // addressable field of a Config
}

// knobs lists every float64 and int field of *c by its yaml path, found by
// reflection so that a field added later is covered without editing the
// test.
func knobs(c *Config) []knob {
	var out []knob
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		t := v.Type()
		for i := range t.NumField() {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
			p := name
			if path != "" {
				p = path + "." + name
			}
			switch f := v.Field(i); f.Kind() {
			case reflect.Struct:
				walk(f, p)
			case reflect.Float64, reflect.Int:
				out = append(out, knob{p, f})
			}
		}
	}
	walk(reflect.ValueOf(c).Elem(), "")
	return out
}

func TestValidateRejectsNonFiniteAndHugeKnobs(t *testing.T) {
	c := DefaultConfig()
	ks := knobs(&c)
	require.Len(t, ks, NumFeatures+32+len(intents)*len(roles), "numeric knobs found by reflection (a weight per feature, 32 table values and the role table): got %d", len(ks))
	for i := range ks {
		for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), 1e308, -1e308, 1e7, -1e7} {
			c := DefaultConfig()
			k := knobs(&c)[i]
			want := strconv.FormatFloat(bad, 'g', -1, 64)
			if k.v.Kind() == reflect.Int {
				if math.IsNaN(bad) || math.IsInf(bad, 0) {
					continue
				}
				k.v.SetInt(int64(math.Copysign(1e7, bad)))
				want = strconv.FormatInt(k.v.Int(), 10)
			} else {
				k.v.SetFloat(bad)
			}
			err := c.Validate()
			if !assert.Error(t, err, "%s = %s: got nil, want an error", k.path, want) {
				continue
			}
			assert.Contains(t, err.Error(), k.path, "error %q names the field %s", err, k.path)
			assert.Contains(t, err.Error(), want, "error %q names the value %s", err, want)
		}
	}
}

// extremes are the values the property test gives to configuration knobs
// and catalog amounts: ordinary, boundary, tiny, huge and non-finite.
var extremes = []float64{0, math.Copysign(0, -1), 5e-324, 1e-300, 0.3, 1, 1.5, 2, 8, 9, -1, -10, -10.5,
	1e6, math.Nextafter(1e6, 2e6), 1e7, 1e300, 1e308, math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN()}

// extremePair returns a random pair whose fields mix ordinary and extreme
// values: price 1e300, subnormal budgets, TRL 9 and out-of-range TRLs, empty
// fields.
func extremePair(r *rand.Rand) (*techmatch.Need, *techmatch.Achievement) {
	n, a := randomPair(r)
	if r.IntN(2) == 0 {
		n.Budget = extremes[r.IntN(len(extremes))]
	}
	if r.IntN(2) == 0 {
		a.Price = extremes[r.IntN(len(extremes))]
	}
	trls := []int{-1, 0, 1, 5, 9, 10, math.MaxInt, math.MinInt}
	if r.IntN(2) == 0 {
		n.MinMaturity = trls[r.IntN(len(trls))]
	}
	if r.IntN(2) == 0 {
		a.Maturity = trls[r.IntN(len(trls))]
	}
	switch r.IntN(8) {
	case 0:
		n = &techmatch.Need{}
	case 1:
		a = &techmatch.Achievement{}
	case 2:
		n, a = nil, nil
	}
	return n, a
}

// checkFinite scores the pair and checks what every valid configuration
// guarantees: a finite score equal to the sum of the contributions and to
// ScoreOnly, a prior within MaxPrior, and an explanation json.Marshal
// accepts.
func checkFinite(t testing.TB, s *Scorer, n *techmatch.Need, a *techmatch.Achievement, text float64) {
	t.Helper()
	c := Candidate{Text: text, MatchedTerms: []string{"锂电"}, Expansions: []techmatch.Expansion{{From: "锂电", To: "动力电池", Kind: "synonym", Weight: 0.8}}}
	score, ex, keep := s.Score(n, a, c)
	if math.IsNaN(score) || math.IsInf(score, 0) {
		t.Fatalf("score %v is not finite (config %+v, need %+v, achievement %+v)", score, s.Config(), n, a)
	}
	sum, mag := 0.0, 0.0
	for _, f := range ex.Features {
		for _, x := range []float64{f.Value, f.Weight, f.Score} {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Fatalf("%s: contribution %+v is not finite (config %+v)", f.Feature, f, s.Config())
			}
		}
		sum += f.Score
		mag += math.Abs(f.Score)
	}
	if d := math.Abs(sum - score); d > 1e-12*max(1, mag) {
		t.Fatalf("contributions sum to %v, score %v", sum, score)
	}
	if _, err := json.Marshal(struct {
		Score   float64               `json:"score"`
		Explain techmatch.Explanation `json:"explain"`
	}{score, ex}); err != nil {
		t.Fatalf("json.Marshal of the explanation: %v (config %+v)", err, s.Config())
	}
	so, sk := s.ScoreOnly(n, a, c)
	if so != score || sk != keep {
		t.Fatalf("ScoreOnly %v %v, Score %v %v", so, sk, score, keep)
	}
	prior, _ := s.Prior(n, a)
	if prior > s.MaxPrior()+1e-12*max(1, mag) || math.IsInf(s.MaxPrior(), 0) {
		t.Fatalf("prior %v > MaxPrior %v", prior, s.MaxPrior())
	}
}

// TestValidConfigsGiveFiniteScores is the property behind Validate's
// bounds: for any configuration that passes Validate, every pair, however
// extreme its fields, gets a finite score and an explanation json.Marshal
// accepts. Configurations are the defaults with 1–4 knobs set to extreme
// values and random modes.
func TestValidConfigsGiveFiniteScores(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	modes := []Mode{Soft, Hard, Off}
	valid := 0
	for range 4000 {
		c := DefaultConfig()
		ks := knobs(&c)
		for range 1 + r.IntN(4) {
			k := ks[r.IntN(len(ks))]
			x := extremes[r.IntN(len(extremes))]
			if k.v.Kind() == reflect.Int {
				if !math.IsNaN(x) && !math.IsInf(x, 0) && math.Abs(x) < 1e9 {
					k.v.SetInt(int64(x))
				}
				continue
			}
			k.v.SetFloat(x)
		}
		c.Maturity.Mode, c.Budget.Mode, c.TransferMode.Mode = modes[r.IntN(3)], modes[r.IntN(3)], modes[r.IntN(3)]
		s, err := New(c)
		if err != nil {
			continue
		}
		valid++
		for range 20 {
			n, a := extremePair(r)
			checkFinite(t, s, n, a, extremes[r.IntN(len(extremes))])
		}
	}
	assert.Greater(t, valid, 300, "valid configurations tried: got %d, want > 300", valid)
}

// TestBudgetPartialValueInUnitInterval: a price at budget×far_ratio is
// partial, and rounding of price/budget must not push the value below 0
// (without the clamp this case gives −9.8e-14).
func TestBudgetPartialValueInUnitInterval(t *testing.T) {
	const budget, far = 0.00024392273796019018, 1.0022744515156239
	s := newScorer(t, func(c *Config) { c.Budget.FarRatio = far })
	n := &techmatch.Need{Budget: budget}
	a := &techmatch.Achievement{Price: budget * far}
	got := value(t, s, n, a, idxBudget)
	assert.GreaterOrEqual(t, got, 0.0, "budget value at price = budget×far_ratio: got %v, want ≥ 0", got)
	assert.LessOrEqual(t, got, 1e-12, "budget value at price = budget×far_ratio: got %v, want ≈ 0", got)
}

// TestExtremeAmountsInNotes: notes and reasons write extreme amounts with
// an exponent instead of hundreds of digits.
func TestExtremeAmountsInNotes(t *testing.T) {
	s := newScorer(t, nil)
	_, ex, _ := s.Score(&techmatch.Need{Budget: 5e-324}, &techmatch.Achievement{Price: 1e300}, Candidate{})
	require.Len(t, ex.Reasons, 1, "budget violated: reasons %v", ex.Reasons)
	want := "price 1e+300万元 > budget 5e-324万元 ×2"
	assert.Equal(t, want, ex.Reasons[0], "reason: got %q, want %q", ex.Reasons[0], want)
	assert.Equal(t, want, ex.Features[idxBudget].Note, "note: got %q, want %q", ex.Features[idxBudget].Note, want)
	_, ex, _ = s.Score(&techmatch.Need{Budget: 1250.5}, &techmatch.Achievement{Price: 0.25}, Candidate{})
	assert.Equal(t, "price 0.25万元 ≤ budget 1250.5万元", ex.Features[idxBudget].Note, "ordinary amounts stay plain")
}
