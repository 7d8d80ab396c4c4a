package rank

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

const eps = 1e-9

func newScorer(t testing.TB, edit func(*Config)) *Scorer {
	t.Helper()
	cfg := DefaultConfig()
	if edit != nil {
		edit(&cfg)
	}
	s, err := New(cfg)
	require.NoError(t, err, "New")
	return s
}

// value returns feature f's value for the pair.
func value(t *testing.T, s *Scorer, n *techmatch.Need, a *techmatch.Achievement, f int) float64 {
	t.Helper()
	v, _ := s.Values(s.Need(n), s.Achievement(a), Candidate{Text: 0.5})
	return v[f]
}

type ind = techmatch.Industry
type tm = techmatch.TransferMode

func TestIndustryFeature(t *testing.T) {
	s := newScorer(t, nil)
	c := DefaultConfig().Industry
	tests := []struct {
		name string
		need []ind
		nInf bool
		ach  []ind
		aInf bool
		want float64
	}{
		{"shared key", []ind{"auto", "materials"}, false, []ind{"materials"}, false, c.SharedKey},
		{"shared other", []ind{"energy"}, false, []ind{"energy", "agriculture"}, false, c.SharedOther},
		{"key beats other", []ind{"energy", "auto"}, false, []ind{"energy", "auto"}, false, c.SharedKey},
		{"disjoint", []ind{"auto"}, false, []ind{"biomed"}, false, c.Disjoint},
		{"need unknown", nil, false, []ind{"auto"}, false, c.Unknown},
		{"achievement unknown", []ind{"auto"}, false, nil, false, c.Unknown},
		{"empty code is unknown", []ind{""}, false, []ind{"auto"}, false, c.Unknown},
		{"one side inferred", []ind{"auto"}, true, []ind{"auto"}, false, c.Unknown + (c.SharedKey-c.Unknown)*c.Inferred},
		{"both inferred", []ind{"auto"}, true, []ind{"auto"}, true, c.Unknown + (c.SharedKey-c.Unknown)*c.Inferred*c.Inferred},
		{"inferred disjoint is milder", []ind{"auto"}, false, []ind{"biomed"}, true, c.Unknown + (c.Disjoint-c.Unknown)*c.Inferred},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := &techmatch.Need{Industries: tt.need, IndustriesInferred: tt.nInf}
			a := &techmatch.Achievement{Industries: tt.ach, IndustriesInferred: tt.aInf}
			got := value(t, s, n, a, idxIndustry)
			assert.InDelta(t, tt.want, got, eps, "industry value: got %v, want %v", got, tt.want)
		})
	}
	// Inferred evidence ranks between given agreement and unknown.
	given := value(t, s, &techmatch.Need{Industries: []ind{"auto"}}, &techmatch.Achievement{Industries: []ind{"auto"}}, idxIndustry)
	inferred := value(t, s, &techmatch.Need{Industries: []ind{"auto"}}, &techmatch.Achievement{Industries: []ind{"auto"}, IndustriesInferred: true}, idxIndustry)
	assert.Greater(t, given, inferred, "given %v should beat inferred %v", given, inferred)
	assert.Greater(t, inferred, c.Unknown, "inferred %v should beat unknown %v", inferred, c.Unknown)
}

func TestMaturityFeature(t *testing.T) {
	s := newScorer(t, nil)
	c := DefaultConfig().Maturity
	tests := []struct {
		name     string
		trl, min int
		want     float64
		feasible bool
	}{
		{"meets", 7, 5, 1, true},
		{"equal", 6, 6, 1, true},
		{"one below", 5, 6, 1 - 1.0/3, true},
		{"two below", 4, 6, 1 - 2.0/3, true},
		{"far below", 3, 6, c.Penalty, false},
		{"no minimum", 3, 0, c.Unknown, true},
		{"trl unknown", 0, 6, c.Unknown, true},
		{"trl out of range is unknown", 12, 6, c.Unknown, true},
		{"negative minimum is none", 3, -1, c.Unknown, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := &techmatch.Need{MinMaturity: tt.min}
			a := &techmatch.Achievement{Maturity: tt.trl}
			got := value(t, s, n, a, idxMaturity)
			assert.InDelta(t, tt.want, got, eps, "maturity value: got %v, want %v", got, tt.want)
			_, ex, keep := s.Score(n, a, Candidate{})
			assert.Equal(t, tt.feasible, ex.Feasible, "feasible: got %v, want %v (%v)", ex.Feasible, tt.feasible, ex.Reasons)
			assert.True(t, keep, "soft mode keeps every pair")
			if !tt.feasible {
				assert.Equal(t, []string{"maturity TRL 3 < required 6"}, ex.Reasons, "reasons: got %v", ex.Reasons)
			}
		})
	}
}

func TestBudgetFeature(t *testing.T) {
	s := newScorer(t, nil)
	c := DefaultConfig().Budget
	tests := []struct {
		name          string
		price, budget float64
		want          float64
		feasible      bool
	}{
		{"within", 80, 100, 1, true},
		{"equal", 100, 100, 1, true},
		{"1.5x over", 150, 100, 0.5, true},
		{"exactly 2x", 200, 100, 0, true},
		{"far over", 800, 200, c.Penalty, false},
		{"negotiable", 0, 100, c.Negotiable, true},
		{"budget unknown", 500, 0, c.Unknown, true},
		{"both unknown", 0, 0, c.Unknown, true},
		{"negative price is negotiable", -5, 100, c.Negotiable, true},
		{"NaN budget is unknown", 50, math.NaN(), c.Unknown, true},
		{"infinite price is negotiable", math.Inf(1), 100, c.Negotiable, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := &techmatch.Need{Budget: tt.budget}
			a := &techmatch.Achievement{Price: tt.price}
			got := value(t, s, n, a, idxBudget)
			assert.InDelta(t, tt.want, got, eps, "budget value: got %v, want %v", got, tt.want)
			_, ex, _ := s.Score(n, a, Candidate{})
			assert.Equal(t, tt.feasible, ex.Feasible, "feasible: got %v, want %v", ex.Feasible, tt.feasible)
			if !tt.feasible {
				assert.Equal(t, []string{"price 800万元 > budget 200万元 ×2"}, ex.Reasons, "reasons: got %v", ex.Reasons)
			}
		})
	}
}

func TestTransferModeFeature(t *testing.T) {
	s := newScorer(t, nil)
	c := DefaultConfig().TransferMode
	tests := []struct {
		name     string
		need     []tm
		ach      []tm
		want     float64
		feasible bool
	}{
		{"common", []tm{"license", "assign"}, []tm{"assign"}, 1, true},
		{"none common", []tm{"license"}, []tm{"assign"}, c.Penalty, false},
		{"need unknown", nil, []tm{"assign"}, c.Unknown, true},
		{"achievement unknown", []tm{"license"}, nil, c.Unknown, true},
		{"non-standard shared", []tm{"lease"}, []tm{"lease"}, 1, true},
		{"non-standard not shared", []tm{"lease"}, []tm{"assign"}, c.Penalty, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := &techmatch.Need{TransferModes: tt.need}
			a := &techmatch.Achievement{TransferModes: tt.ach}
			got := value(t, s, n, a, idxTransferMode)
			assert.InDelta(t, tt.want, got, eps, "transfer_mode value: got %v, want %v", got, tt.want)
			_, ex, _ := s.Score(n, a, Candidate{})
			assert.Equal(t, tt.feasible, ex.Feasible, "feasible: got %v, want %v", ex.Feasible, tt.feasible)
		})
	}
	_, ex, _ := s.Score(&techmatch.Need{TransferModes: []tm{"license"}}, &techmatch.Achievement{TransferModes: []tm{"assign"}}, Candidate{})
	assert.Equal(t, []string{"no common transfer mode: offered assign, wanted license"}, ex.Reasons, "reasons: got %v", ex.Reasons)
}

func TestRegionFeature(t *testing.T) {
	s := newScorer(t, nil)
	c := DefaultConfig().Region
	tests := []struct {
		need, ach string
		want      float64
		note      string
	}{
		{"哈尔滨市南岗区", "黑龙江省哈尔滨市", c.SameCity, "same city 哈尔滨"},
		{"哈尔滨", "黑龙江省黑河市", c.SameProvince, "same province 黑龙江"},
		{"黑龙江", "黑龙江省哈尔滨市", c.SameProvince, "same province 黑龙江"},
		{"吉林省吉林市", "吉林省长春市", c.SameProvince, "same province 吉林"},
		{"哈尔滨", "吉林长春", c.Cluster, "哈长城市群 哈尔滨–长春"},
		{"黑河", "长春", c.Elsewhere, "elsewhere: 黑龙江黑河 vs 吉林长春"},
		{"北京", "上海", c.Elsewhere, "elsewhere: 北京 vs 上海"},
		{"北京市海淀区", "北京", c.SameCity, "same city 北京"},
		{"", "北京", c.Unknown, "region unknown"},
		{"哈尔滨", "火星", c.Unknown, "region unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.need+"/"+tt.ach, func(t *testing.T) {
			n := &techmatch.Need{Region: tt.need}
			a := &techmatch.Achievement{Region: tt.ach}
			got := value(t, s, n, a, idxRegion)
			assert.InDelta(t, tt.want, got, eps, "region value: got %v, want %v", got, tt.want)
			_, ex, _ := s.Score(n, a, Candidate{})
			assert.Equal(t, tt.note, ex.Features[idxRegion].Note, "note: got %q, want %q", ex.Features[idxRegion].Note, tt.note)
		})
	}
	// With a cluster value above same-province, the larger applies.
	s2 := newScorer(t, func(c *Config) { c.Region.Cluster = 0.9 })
	got := value(t, s2, &techmatch.Need{Region: "哈尔滨"}, &techmatch.Achievement{Region: "大庆"}, idxRegion)
	assert.InDelta(t, 0.9, got, eps, "max of applicable region values: got %v, want 0.9", got)
}

func TestTierAndPriorityFeatures(t *testing.T) {
	s := newScorer(t, nil)
	c := DefaultConfig()
	tierTests := []struct {
		owner string
		typ   techmatch.OwnerType
		want  float64
	}{
		{"哈尔滨工业大学", "", c.SupplierTier.DoubleFirstClass},
		{"中国科学院长春光学精密机械与物理研究所", "", c.SupplierTier.NationalInstitute},
		{"黑龙江省科学院", "", c.SupplierTier.ProvincialInstitute},
		{"哈尔滨理工大学", "", c.SupplierTier.University},
		{"某公司", "", c.SupplierTier.Enterprise},
		{"", techmatch.Institute, c.SupplierTier.Institute},
		{"", "", c.SupplierTier.Unknown},
	}
	for _, tt := range tierTests {
		got := value(t, s, &techmatch.Need{}, &techmatch.Achievement{Owner: tt.owner, OwnerType: tt.typ}, idxSupplierTier)
		assert.InDelta(t, tt.want, got, eps, "supplier_tier(%q,%q): got %v, want %v", tt.owner, tt.typ, got, tt.want)
	}
	prioTests := []struct {
		org  techmatch.OrgType
		want float64
	}{
		{techmatch.Leading, 1}, {techmatch.HighTech, 0.8}, {techmatch.SME, 0.6}, {techmatch.Hospital, 0.6},
		{"", c.DemandPriority.Unknown}, {"government", c.DemandPriority.Unknown},
	}
	for _, tt := range prioTests {
		got := value(t, s, &techmatch.Need{OrgType: tt.org}, &techmatch.Achievement{}, idxDemandPriority)
		assert.InDelta(t, tt.want, got, eps, "demand_priority(%q): got %v, want %v", tt.org, got, tt.want)
	}
}

func TestTextFeature(t *testing.T) {
	s := newScorer(t, nil)
	tests := []struct{ in, want float64 }{
		{0.3, 0.3}, {0, 0}, {1, 1}, {1.7, 1}, {-0.2, 0}, {math.NaN(), 0}, {math.Inf(1), 1},
	}
	for _, tt := range tests {
		v, _ := s.Values(nil, nil, Candidate{Text: tt.in})
		assert.InDelta(t, tt.want, v[idxText], eps, "text(%v): got %v, want %v", tt.in, v[idxText], tt.want)
	}
}

func TestModes(t *testing.T) {
	// One pair violating all three constraints.
	n := &techmatch.Need{MinMaturity: 7, Budget: 100, TransferModes: []tm{"license"}}
	a := &techmatch.Achievement{Maturity: 2, Price: 500, TransferModes: []tm{"assign"}}
	ok := &techmatch.Achievement{Maturity: 8, Price: 50, TransferModes: []tm{"license"}}
	tests := []struct {
		name        string
		mode        Mode
		keep        bool
		feasible    bool
		reasons     int
		penaltyPart float64 // Σ constraint scores for the violating pair
	}{
		{"soft", Soft, true, false, 3, -(defWeightMaturity + defWeightBudget + defWeightTransferMode)},
		{"hard", Hard, false, false, 3, -(defWeightMaturity + defWeightBudget + defWeightTransferMode)},
		{"off", Off, true, true, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newScorer(t, func(c *Config) {
				c.Maturity.Mode, c.Budget.Mode, c.TransferMode.Mode = tt.mode, tt.mode, tt.mode
			})
			score, ex, keep := s.Score(n, a, Candidate{Text: 0.9})
			assert.Equal(t, tt.keep, keep, "keep: got %v, want %v", keep, tt.keep)
			assert.Equal(t, tt.feasible, ex.Feasible, "feasible: got %v, want %v", ex.Feasible, tt.feasible)
			assert.Len(t, ex.Reasons, tt.reasons, "reasons: got %v", ex.Reasons)
			part := ex.Features[idxMaturity].Score + ex.Features[idxBudget].Score + ex.Features[idxTransferMode].Score
			assert.InDelta(t, tt.penaltyPart, part, eps, "constraint scores: got %v, want %v", part, tt.penaltyPart)
			so, sk := s.ScoreProfiles(s.Need(n), s.Achievement(a), Candidate{Text: 0.9})
			assert.InDelta(t, score, so, eps, "ScoreOnly: got %v, want Score's %v", so, score)
			assert.Equal(t, keep, sk, "ScoreOnly keep: got %v, want %v", sk, keep)

			// A feasible pair is kept in every mode, and in soft mode it
			// outranks the infeasible one at equal text relevance.
			good, gex, gkeep := s.Score(n, ok, Candidate{Text: 0.9})
			assert.True(t, gkeep, "feasible pair kept")
			assert.True(t, gex.Feasible, "feasible pair: reasons %v", gex.Reasons)
			if tt.mode != Off {
				assert.Greater(t, good, score, "feasible %v should beat infeasible %v", good, score)
			}
			if tt.mode == Off {
				for _, f := range []int{idxMaturity, idxBudget, idxTransferMode} {
					assert.Equal(t, "off", ex.Features[f].Note, "%s note", featureNames[f])
					assert.Zero(t, ex.Features[f].Value, "%s value", featureNames[f])
				}
				assert.InDelta(t, good, score, eps, "off: constraints do not separate the pairs: %v vs %v", good, score)
			}
		})
	}
	// Soft: an infeasible pair with much better text still ranks above a
	// feasible pair with poor text (visible, just lower).
	s := newScorer(t, nil)
	bad, _, keep := s.Score(n, a, Candidate{Text: 1, Bigram: 1})
	good, _, _ := s.Score(n, ok, Candidate{Text: 0.3, Bigram: 0.3})
	assert.True(t, keep, "soft keeps the infeasible pair")
	assert.Greater(t, bad, good, "strong text %v outweighs penalties vs %v", bad, good)
}

func TestNearMaturityIsFeasibleInHardMode(t *testing.T) {
	s := newScorer(t, func(c *Config) { c.Maturity.Mode = Hard; c.Budget.Mode = Hard })
	_, keep := s.ScoreOnly(&techmatch.Need{MinMaturity: 6, Budget: 100}, &techmatch.Achievement{Maturity: 5, Price: 150}, Candidate{Text: 0.5})
	assert.True(t, keep, "near maturity and somewhat-over price are not violations")
}

func randomPair(r *rand.Rand) (*techmatch.Need, *techmatch.Achievement) {
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	regionsList := []string{"", "哈尔滨", "黑龙江省大庆市", "吉林长春", "吉林省吉林市", "北京", "广东深圳", "垃圾", "黑龙江"}
	owners := []string{"", "哈尔滨工业大学", "中国科学院长春应用化学研究所", "黑龙江省科学院", "某某公司", "黑龙江大学"}
	inds := [][]ind{nil, {"auto"}, {"biomed", "materials"}, {"energy"}, {"equipment", "energy"}}
	modes := [][]tm{nil, {"assign"}, {"license", "equity"}, {"co_develop"}, {"assign", "license", "equity", "co_develop"}}
	orgs := []techmatch.OrgType{"", techmatch.Leading, techmatch.HighTech, techmatch.SME, techmatch.Hospital, "x"}
	n := &techmatch.Need{
		Industries: inds[r.IntN(len(inds))], IndustriesInferred: r.IntN(2) == 0,
		OrgType: orgs[r.IntN(len(orgs))], Region: pick(regionsList),
		MinMaturity: r.IntN(10), Budget: float64(r.IntN(5)) * 100, TransferModes: modes[r.IntN(len(modes))],
	}
	a := &techmatch.Achievement{
		Industries: inds[r.IntN(len(inds))], IndustriesInferred: r.IntN(2) == 0,
		Owner: pick(owners), OwnerType: []techmatch.OwnerType{"", techmatch.University, techmatch.Enterprise}[r.IntN(3)],
		Region: pick(regionsList), Maturity: r.IntN(10), Price: float64(r.IntN(12)) * 50,
		TransferModes: modes[r.IntN(len(modes))],
	}
	return n, a
}

func TestContributionsSumToScore(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, mode := range []Mode{Soft, Hard, Off} {
		s := newScorer(t, func(c *Config) { c.Maturity.Mode, c.Budget.Mode, c.TransferMode.Mode = mode, mode, mode })
		for i := range 2000 {
			n, a := randomPair(r)
			text := r.Float64()
			score, ex, keep := s.Score(n, a, Candidate{Text: text})
			require.Len(t, ex.Features, NumFeatures, "features")
			sum := 0.0
			for j, f := range ex.Features {
				assert.Equal(t, featureNames[j], f.Feature, "feature %d name", j)
				assert.InDelta(t, f.Weight*f.Value, f.Score, eps, "pair %d %s: score %v ≠ weight %v × value %v", i, f.Feature, f.Score, f.Weight, f.Value)
				if f.Feature != FeatureText {
					assert.LessOrEqual(t, f.Value, 1.0, "pair %d %s value %v ≤ 1", i, f.Feature, f.Value)
				}
				sum += f.Score
			}
			require.InDelta(t, score, sum, eps, "pair %d (%s): contributions sum %v, score %v", i, mode, sum, score)
			assert.Equal(t, ex.Feasible, len(ex.Reasons) == 0, "pair %d: feasible %v with reasons %v", i, ex.Feasible, ex.Reasons)
			if mode != Hard {
				assert.True(t, keep, "pair %d: %s mode keeps every pair", i, mode)
			} else {
				assert.Equal(t, ex.Feasible, keep, "pair %d: hard keep %v, feasible %v", i, keep, ex.Feasible)
			}
			prior, pk := s.Prior(n, a)
			assert.InDelta(t, score-s.Config().Weights.Text*text, prior, eps, "pair %d: prior %v", i, prior)
			assert.Equal(t, keep, pk, "pair %d: prior keep", i)
			assert.LessOrEqual(t, prior, s.MaxPrior()+eps, "pair %d: prior %v > MaxPrior %v", i, prior, s.MaxPrior())
			so, _ := s.ScoreOnly(n, a, Candidate{Text: text})
			sp, _ := s.ScoreProfiles(s.Need(n), s.Achievement(a), Candidate{Text: text})
			assert.InDelta(t, score, sp, eps, "pair %d: ScoreProfiles %v vs Score %v", i, sp, score)
			assert.InDelta(t, score, so, eps, "pair %d: ScoreOnly %v vs Score %v", i, so, score)
		}
	}
}

func TestMaxPrior(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Config)
		want float64
	}{
		{"defaults", nil, candidateMax + priorMax},
		{"off constraints", func(c *Config) { c.Maturity.Mode, c.Budget.Mode, c.TransferMode.Mode = Off, Off, Off }, candidateMax + priorMax - (defWeightMaturity + defWeightBudget + defWeightTransferMode)},
		{"capped tables", func(c *Config) { c.Region.SameCity = 0.5; c.Region.SameProvince = 0.5; c.Region.Cluster = 0.5 }, candidateMax + priorMax - defWeightRegion*0.5},
	}
	for _, tt := range tests {
		s := newScorer(t, tt.edit)
		assert.InDelta(t, tt.want, s.MaxPrior(), eps, "%s: MaxPrior got %v, want %v", tt.name, s.MaxPrior(), tt.want)
	}
	s := newScorer(t, nil)
	// The record-level part of the bound is reached by a perfect pair;
	// the candidate's features (bigram, role, effect, numeric) add theirs.
	n := &techmatch.Need{Industries: []ind{"auto"}, OrgType: techmatch.Leading, Region: "哈尔滨", MinMaturity: 5, Budget: 100, TransferModes: []tm{"assign"}}
	a := &techmatch.Achievement{Industries: []ind{"auto"}, Owner: "哈尔滨工业大学", Region: "哈尔滨", Maturity: 7, Price: 80, TransferModes: []tm{"assign"}}
	p, _ := s.Prior(n, a)
	assert.InDelta(t, priorMax, p, eps, "perfect pair prior: got %v, want %v", p, priorMax)
}

// The largest values of the default features: the candidate's features
// (bigram coverage 1, the best role cell, effect and numeric 1) and the
// record-level priors (each table's best value is 1).
var (
	candidateMax = defWeightBigram + maxCell(DefaultConfig().Role)*defWeightRole + defWeightEffect + defWeightNumeric
	priorMax     = defWeightIndustry + defWeightMaturity + defWeightBudget + defWeightTransferMode + defWeightRegion +
		defWeightSupplierTier + defWeightDemandPriority
)

func TestScoreExplanation(t *testing.T) {
	s := newScorer(t, nil)
	exps := []techmatch.Expansion{{From: "轻量化", To: "铝合金", Kind: "problem", Weight: 0.5}}
	n := &techmatch.Need{Industries: []ind{"auto"}, MinMaturity: 5, Budget: 100, Region: "长春"}
	a := &techmatch.Achievement{Industries: []ind{"auto"}, Maturity: 6, Price: 150, Region: "哈尔滨"}
	_, ex, _ := s.Score(n, a, Candidate{Text: 0.8, MatchedTerms: []string{"铝合金", "车身"}, Expansions: exps})
	assert.Equal(t, []string{"铝合金", "车身"}, ex.MatchedTerms, "matched terms")
	assert.Equal(t, exps, ex.Expansions, "expansions")
	wantNotes := map[string]string{
		FeatureText:           "2 matched terms",
		FeatureIndustry:       "shared key industry auto",
		FeatureMaturity:       "TRL 6 ≥ 5",
		FeatureBudget:         "price 150万元 > budget 100万元 (1.50×)",
		FeatureTransferMode:   "transfer modes unknown",
		FeatureRegion:         "哈长城市群 长春–哈尔滨",
		FeatureSupplierTier:   "unknown",
		FeatureDemandPriority: "org type unknown",
	}
	for _, f := range ex.Features {
		assert.Equal(t, wantNotes[f.Feature], f.Note, "%s note: got %q, want %q", f.Feature, f.Note, wantNotes[f.Feature])
	}
	assert.Equal(t, s.FeatureNames(), featureNames[:], "FeatureNames")
	names := s.FeatureNames()
	names[0] = "changed"
	assert.Equal(t, FeatureText, s.FeatureNames()[0], "FeatureNames returns a copy")
}

func TestNilRecords(t *testing.T) {
	s := newScorer(t, nil)
	score, ex, keep := s.Score(nil, nil, Candidate{Text: 0.5})
	assert.True(t, keep, "nil records kept")
	assert.True(t, ex.Feasible, "nil records feasible")
	sum := 0.0
	for _, f := range ex.Features {
		sum += f.Score
	}
	assert.InDelta(t, score, sum, eps, "sum")
	so, _ := s.ScoreOnly(nil, nil, Candidate{Text: 0.5})
	assert.InDelta(t, score, so, eps, "ScoreOnly(nil, nil): got %v, want %v", so, score)
}

func TestNewRejectsInvalidConfig(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Weights.Text = -1
	_, err := New(cfg)
	require.Error(t, err, "New with negative weight")
	assert.Contains(t, err.Error(), "weights.text", "error names the field: %v", err)
}

func TestFastPathsDoNotAllocate(t *testing.T) {
	s := newScorer(t, nil)
	r := rand.New(rand.NewPCG(3, 4))
	n, a := randomPair(r)
	np, ap := s.Need(n), s.Achievement(a)
	allocs := testing.AllocsPerRun(100, func() { s.ScoreProfiles(np, ap, Candidate{Text: 0.5}) })
	assert.Zero(t, allocs, "ScoreProfiles allocs: got %v, want 0", allocs)
	allocs = testing.AllocsPerRun(100, func() { s.PriorProfiles(np, ap) })
	assert.Zero(t, allocs, "PriorProfiles allocs: got %v, want 0", allocs)
	allocs = testing.AllocsPerRun(100, func() { s.ScoreOnly(n, a, Candidate{Text: 0.5}) })
	assert.Zero(t, allocs, "ScoreOnly (records) allocs: got %v, want 0", allocs)
}

// BenchmarkScoreOnly measures the allocation-free scoring paths: records
// (ScoreOnly, which parses regions and owners per call) and pre-built
// profiles (ScoreProfiles, the hot path).
func BenchmarkScoreOnly(b *testing.B) {
	s := newScorer(b, nil)
	r := rand.New(rand.NewPCG(5, 6))
	const pairs = 1024
	needs := make([]*techmatch.Need, pairs)
	achs := make([]*techmatch.Achievement, pairs)
	ns := make([]*NeedProfile, pairs)
	as := make([]*AchievementProfile, pairs)
	for i := range pairs {
		needs[i], achs[i] = randomPair(r)
		ns[i], as[i] = s.Need(needs[i]), s.Achievement(achs[i])
	}
	b.Run("records", func(b *testing.B) {
		b.ReportAllocs()
		i, sink := 0, 0.0
		for b.Loop() {
			sc, _ := s.ScoreOnly(needs[i&(pairs-1)], achs[i&(pairs-1)], Candidate{Text: 0.5})
			sink += sc
			i++
		}
		_ = sink
	})
	b.Run("profiles", func(b *testing.B) {
		b.ReportAllocs()
		i, sink := 0, 0.0
		for b.Loop() {
			sc, _ := s.ScoreProfiles(ns[i&(pairs-1)], as[i&(pairs-1)], Candidate{Text: 0.5})
			sink += sc
			i++
		}
		_ = sink
	})
}

func BenchmarkScoreExplain(b *testing.B) {
	s := newScorer(b, nil)
	r := rand.New(rand.NewPCG(5, 6))
	n, a := randomPair(r)
	np, ap := s.Need(n), s.Achievement(a)
	b.ReportAllocs()
	for b.Loop() {
		s.Explain(np, ap, Candidate{Text: 0.5})
	}
}

func BenchmarkProfile(b *testing.B) {
	s := newScorer(b, nil)
	a := &techmatch.Achievement{Owner: "中国科学院长春应用化学研究所", Region: "吉林省长春市朝阳区", Industries: []ind{"materials"}, TransferModes: []tm{"license"}}
	b.ReportAllocs()
	for b.Loop() {
		s.Achievement(a)
	}
}

func TestConcurrentScoring(t *testing.T) {
	s := newScorer(t, nil)
	r := rand.New(rand.NewPCG(7, 8))
	const pairs = 200
	needs := make([]*techmatch.Need, pairs)
	achs := make([]*techmatch.Achievement, pairs)
	want := make([]float64, pairs)
	for i := range pairs {
		needs[i], achs[i] = randomPair(r)
		want[i], _, _ = s.Score(needs[i], achs[i], Candidate{Text: 0.4})
	}
	done := make(chan struct{})
	for g := 0; g < 4; g++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range pairs {
				got, _ := s.ScoreOnly(needs[i], achs[i], Candidate{Text: 0.4})
				assert.InDelta(t, want[i], got, eps, "pair %d concurrently: got %v, want %v", i, got, want[i])
			}
		}()
	}
	for range 4 {
		<-done
	}
}
