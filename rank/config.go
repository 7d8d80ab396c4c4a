package rank

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Feature names: the keys of Weights in configuration files and the
// Contribution.Feature of explanations, in explanation order.
const (
	FeatureText           = "text"
	FeatureBigram         = "bigram"
	FeatureRole           = "role"
	FeatureEffect         = "effect"
	FeatureExclusion      = "exclusion"
	FeatureNumeric        = "numeric"
	FeatureIndustry       = "industry"
	FeatureMaturity       = "maturity"
	FeatureBudget         = "budget"
	FeatureTransferMode   = "transfer_mode"
	FeatureRegion         = "region"
	FeatureSupplierTier   = "supplier_tier"
	FeatureDemandPriority = "demand_priority"
)

// NumFeatures is the number of named features.
const NumFeatures = 13

// featureNames lists the features in the order of Weights, Values and
// explanations.
var featureNames = [NumFeatures]string{
	FeatureText, FeatureBigram, FeatureRole, FeatureEffect, FeatureExclusion, FeatureNumeric, FeatureIndustry, FeatureMaturity, FeatureBudget,
	FeatureTransferMode, FeatureRegion, FeatureSupplierTier, FeatureDemandPriority,
}

// Feature indices into Values and Weights.Vector.
const (
	idxText = iota
	idxBigram
	idxRole
	idxEffect
	idxExclusion
	idxNumeric
	idxIndustry
	idxMaturity
	idxBudget
	idxTransferMode
	idxRegion
	idxSupplierTier
	idxDemandPriority
)

// firstPrior is the first feature that depends on the records only, not
// on the candidate's text evidence (PriorProfiles sums from it).
const firstPrior = idxRole

// Mode says how a constraint feature (maturity, budget, transfer_mode)
// treats a violated constraint. A plain value, safe for concurrent use.
type Mode string

// Constraint modes.
const (
	// Soft scores a violation with the feature's (negative) penalty value and
	// marks the explanation infeasible; the pair is kept. The default.
	Soft Mode = "soft"
	// Hard drops violating pairs (Score, ScoreOnly and ScoreProfiles return
	// keep=false);
	// kept pairs are scored as in Soft.
	Hard Mode = "hard"
	// Off disables the feature: its value is 0, it never makes a pair
	// infeasible and its weight is ignored.
	Off Mode = "off"
)

func (m Mode) valid() bool { return m == Soft || m == Hard || m == Off }

// Defaults: the one place where the default scoring constants live.
//
// The pair score is Σ weight×value. Values are in [0,1] except the
// constraint penalties, which are ≤ 0, so the sum of the weights is the
// largest possible score (1.00 with these defaults) and a violated soft
// constraint costs at most its weight.
//
// The weights were fitted by `techmatch tune` (coordinate ascent on
// nDCG@10, 5-fold cross-validated) on the judged development catalogs
// together: testdata, testdata/holdout and the first writer's half of
// testdata/blind (268 needs), then normalised to sum to 1. Two were set by
// hand on top of the fit: text was raised from the fitted 0.093 to 0.126,
// which keeps lexical needs (the ones that name the technique) at or above
// the plain BM25 baseline on every catalog, and demand_priority keeps its
// hand-set share (it is constant within a need, so no ranking can learn
// it). docs/ranking.md has the figures and the ablation of every feature.
const (
	// Weights.
	defWeightText           = 0.126 // normalised BM25F over the analysed, expanded query
	defWeightBigram         = 0.262 // idf-weighted share of the need's character bigrams found in the achievement
	defWeightRole           = 0.146 // need intent × achievement role (remedy vs look-alike), scaled by text relevance
	defWeightEffect         = 0.036 // a symptom answered by an effect in the opposite direction, scaled by text relevance
	defWeightExclusion      = 0.179 // penalty: the achievement is built on what the need excludes
	defWeightNumeric        = 0.091 // stated quantities meeting the need's numeric requirements, scaled by text relevance
	defWeightIndustry       = 0.025 // industry overlap
	defWeightMaturity       = 0.011 // achievement TRL vs need minimum
	defWeightBudget         = 0.035 // price vs budget
	defWeightTransferMode   = 0.010 // common transfer mode
	defWeightRegion         = 0.010 // proximity, favouring the Harbin–Changchun region
	defWeightSupplierTier   = 0.029 // standing of the achievement's owner
	defWeightDemandPriority = 0.040 // priority of the need's organisation

	// Exclusion: a pair built on what the need excludes.
	defExclusionPenalty = -1.0

	// Industry values. Unknown is about the expected value of a random pair
	// so that a missing field neither helps nor hurts much.
	defIndustrySharedKey   = 1.0 // a shared key industry (auto, equipment, biomed, materials)
	defIndustrySharedOther = 0.8 // only other industries shared
	defIndustryDisjoint    = 0.0 // both known, nothing shared
	defIndustryUnknown     = 0.4 // no industries on either side
	defIndustryInferred    = 0.7 // confidence of a side whose industries were inferred

	// Maturity values.
	defMaturityUnknown = 0.5  // TRL or minimum unknown
	defMaturityNearGap = 2    // up to this many levels below the minimum is "near" (partial value)
	defMaturityPenalty = -1.0 // further below: violation

	// Budget values.
	defBudgetUnknown    = 0.5  // budget unknown
	defBudgetNegotiable = 0.7  // price 0 = negotiable, budget known
	defBudgetFarRatio   = 2.0  // price above budget×this is a violation; between: partial
	defBudgetPenalty    = -1.0 // violation value

	// Transfer mode values.
	defTransferUnknown = 0.5  // modes missing on either side
	defTransferPenalty = -1.0 // no common mode

	// Region values.
	defRegionSameCity     = 1.0
	defRegionSameProvince = 0.7
	defRegionCluster      = 0.6 // both in 哈长城市群, different provinces
	defRegionElsewhere    = 0.2
	defRegionUnknown      = 0.4

	// Supplier tier values.
	defTierDoubleFirstClass    = 1.0
	defTierNationalInstitute   = 0.9
	defTierProvincialInstitute = 0.7
	defTierInstitute           = 0.6
	defTierUniversity          = 0.6
	defTierEnterprise          = 0.5
	defTierUnknown             = 0.5

	// Demand priority values: leading > high_tech > sme = hospital.
	defPriorityLeading  = 1.0
	defPriorityHighTech = 0.8
	defPrioritySME      = 0.6
	defPriorityHospital = 0.6
	defPriorityUnknown  = 0.6
)

// Weights holds one weight per feature. A weight must be in
// [0, MaxWeight]; the sum of the weights is the largest possible pair
// score. Plain data,
// like Config: safe to copy and to read concurrently.
type Weights struct {
	Text           float64 `json:"text" yaml:"text"`
	Bigram         float64 `json:"bigram" yaml:"bigram"`
	Role           float64 `json:"role" yaml:"role"`
	Effect         float64 `json:"effect" yaml:"effect"`
	Exclusion      float64 `json:"exclusion" yaml:"exclusion"`
	Numeric        float64 `json:"numeric" yaml:"numeric"`
	Industry       float64 `json:"industry" yaml:"industry"`
	Maturity       float64 `json:"maturity" yaml:"maturity"`
	Budget         float64 `json:"budget" yaml:"budget"`
	TransferMode   float64 `json:"transfer_mode" yaml:"transfer_mode"`
	Region         float64 `json:"region" yaml:"region"`
	SupplierTier   float64 `json:"supplier_tier" yaml:"supplier_tier"`
	DemandPriority float64 `json:"demand_priority" yaml:"demand_priority"`
}

// Vector returns the weights in FeatureNames order.
func (w Weights) Vector() [NumFeatures]float64 {
	return [NumFeatures]float64{w.Text, w.Bigram, w.Role, w.Effect, w.Exclusion, w.Numeric, w.Industry, w.Maturity, w.Budget,
		w.TransferMode, w.Region, w.SupplierTier, w.DemandPriority}
}

func (w *Weights) ptr(name string) (*float64, error) {
	switch name {
	case FeatureText:
		return &w.Text, nil
	case FeatureBigram:
		return &w.Bigram, nil
	case FeatureRole:
		return &w.Role, nil
	case FeatureEffect:
		return &w.Effect, nil
	case FeatureExclusion:
		return &w.Exclusion, nil
	case FeatureNumeric:
		return &w.Numeric, nil
	case FeatureIndustry:
		return &w.Industry, nil
	case FeatureMaturity:
		return &w.Maturity, nil
	case FeatureBudget:
		return &w.Budget, nil
	case FeatureTransferMode:
		return &w.TransferMode, nil
	case FeatureRegion:
		return &w.Region, nil
	case FeatureSupplierTier:
		return &w.SupplierTier, nil
	case FeatureDemandPriority:
		return &w.DemandPriority, nil
	}
	return nil, fmt.Errorf("unknown feature %q (want one of %s)", name, strings.Join(featureNames[:], ", "))
}

// Names returns the feature names in Weights.Vector order (the order of
// explanations).
func Names() [NumFeatures]string { return featureNames }

// WeightsOf returns the Weights whose Vector is v.
func WeightsOf(v [NumFeatures]float64) Weights {
	var w Weights
	for i, name := range featureNames {
		_ = w.Set(name, v[i]) // every name is known
	}
	return w
}

// Get returns the weight of the named feature.
func (w Weights) Get(name string) (float64, error) {
	p, err := w.ptr(name)
	if err != nil {
		return 0, err
	}
	return *p, nil
}

// Set sets the weight of the named feature. It does not validate v.
func (w *Weights) Set(name string, v float64) error {
	p, err := w.ptr(name)
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// Sum returns the sum of the weights.
func (w Weights) Sum() float64 {
	s := 0.0
	for _, v := range w.Vector() {
		s += v
	}
	return s
}

// IndustryConfig holds the industry feature's values.
//
// Value: SharedKey when the need and the achievement share a key industry,
// SharedOther when they share only other industries, Disjoint when both are
// known and share nothing, Unknown when either side has no industries. An
// inferred side (IndustriesInferred) is less certain: the value is pulled
// towards Unknown, value = Unknown + (raw−Unknown)×c with c = Inferred per
// inferred side. Plain data, like Config.
type IndustryConfig struct {
	SharedKey   float64 `json:"shared_key" yaml:"shared_key"`
	SharedOther float64 `json:"shared_other" yaml:"shared_other"`
	Disjoint    float64 `json:"disjoint" yaml:"disjoint"`
	Unknown     float64 `json:"unknown" yaml:"unknown"`
	// Inferred is the confidence in (0,1] of inferred industries.
	Inferred float64 `json:"inferred" yaml:"inferred"`
}

// MaturityConfig holds the maturity feature's mode and values.
//
// Value: 1 when the achievement's TRL meets the need's minimum; g levels
// below (1 ≤ g ≤ NearGap) gives 1 − g/(NearGap+1); further below is a
// violation valued Penalty; Unknown when either the TRL or the minimum is 0.
// Plain data, like Config.
type MaturityConfig struct {
	Mode    Mode    `json:"mode" yaml:"mode"`
	Unknown float64 `json:"unknown" yaml:"unknown"`
	// NearGap is 0–MaxNearGap TRL levels.
	NearGap int `json:"near_gap" yaml:"near_gap"`
	// Penalty is in [MinPenalty, 0].
	Penalty float64 `json:"penalty" yaml:"penalty"`
}

// BudgetConfig holds the budget feature's mode and values.
//
// Value: 1 when price ≤ budget; for budget < price ≤ budget×FarRatio it
// falls linearly from 1 to 0; above is a violation valued Penalty;
// Negotiable when the price is 0 and the budget known; Unknown when the
// budget is 0. Negative or non-finite amounts count as unknown. Plain data,
// like Config.
type BudgetConfig struct {
	Mode       Mode    `json:"mode" yaml:"mode"`
	Unknown    float64 `json:"unknown" yaml:"unknown"`
	Negotiable float64 `json:"negotiable" yaml:"negotiable"`
	// FarRatio is in (1, MaxFarRatio].
	FarRatio float64 `json:"far_ratio" yaml:"far_ratio"`
	// Penalty is in [MinPenalty, 0].
	Penalty float64 `json:"penalty" yaml:"penalty"`
}

// TransferModeConfig holds the transfer_mode feature's mode and values.
//
// Value: 1 when the need and the achievement share a transfer mode; a
// violation valued Penalty when both list modes and none is shared; Unknown
// when either lists none. Plain data, like Config.
type TransferModeConfig struct {
	Mode    Mode    `json:"mode" yaml:"mode"`
	Unknown float64 `json:"unknown" yaml:"unknown"`
	// Penalty is in [MinPenalty, 0].
	Penalty float64 `json:"penalty" yaml:"penalty"`
}

// RoleConfig is the role feature's compatibility table: for each intent a
// need can have (rank/intent: remedy — remove a cause or improve a
// property; detect — detect, inspect or monitor; test — test or evaluate;
// buy — buy equipment or material; service — software or service), how
// well an achievement of each role answers it, in [-1, 1] (1: what the
// need asks for; -1: what an agent would never propose, such as a leak
// tester for a plant whose castings leak). Value: the table's value for
// the classified intent and role, weighted by both classifications'
// confidence (and their runners-up; intent.Compatibility.Score); 0 when
// either is unknown. Defaults and their reasons:
// intent.DefaultCompatibility. Plain data, like Config.
type RoleConfig struct {
	Remedy  RoleRow `json:"remedy" yaml:"remedy"`
	Detect  RoleRow `json:"detect" yaml:"detect"`
	Test    RoleRow `json:"test" yaml:"test"`
	Buy     RoleRow `json:"buy" yaml:"buy"`
	Service RoleRow `json:"service" yaml:"service"`
}

// RoleRow is one need intent's row of RoleConfig: a value in [-1, 1] per
// achievement role.
type RoleRow struct {
	Process    float64 `json:"process" yaml:"process"`
	Material   float64 `json:"material" yaml:"material"`
	Device     float64 `json:"device" yaml:"device"`
	Monitoring float64 `json:"monitoring" yaml:"monitoring"`
	Software   float64 `json:"software" yaml:"software"`
	Service    float64 `json:"service" yaml:"service"`
}

// rows returns the table's rows in intent order (remedy, detect, test,
// buy, service) and the row's values in role order.
func (c *RoleConfig) rows() []*RoleRow {
	return []*RoleRow{&c.Remedy, &c.Detect, &c.Test, &c.Buy, &c.Service}
}

func (r *RoleRow) cells() []*float64 {
	return []*float64{&r.Process, &r.Material, &r.Device, &r.Monitoring, &r.Software, &r.Service}
}

// ExclusionConfig holds the exclusion feature's mode and penalty.
//
// A need may state what the solution must not use or change (不考虑三元锂电池,
// 不能更换模具, 不含重金属, 不要还在研发中的东西; see rank/constraint). Value:
// Penalty × the exclusion's confidence when the achievement is built on an
// excluded concept (it names it in its title or keywords, not negated) or
// falls in an excluded kind its fields show (a TRL below 6 for "still in
// development", equity as the only transfer mode for "no equity"); else 0.
// Soft keeps such pairs, demoted and marked infeasible; Hard drops them;
// Off disables the feature. Plain data, like Config.
type ExclusionConfig struct {
	Mode Mode `json:"mode" yaml:"mode"`
	// Penalty is in [MinPenalty, 0].
	Penalty float64 `json:"penalty" yaml:"penalty"`
}

// NumericConfig holds the numeric feature's mode.
//
// A need may state numeric requirements (寿命9个月以上, ≤0.3mm, 最低气温-35℃)
// and an achievement the figures it reaches (see rank/constraint.Fit, which
// compares only the same dimension of a compatible subject). Value: (met −
// failed)/(met + failed) over the decided requirements, in [-1,1]; 0 when
// none is decided. Soft keeps pairs that fail a requirement (marked
// infeasible), Hard drops them, Off disables the feature. Plain data,
// like Config.
type NumericConfig struct {
	Mode Mode `json:"mode" yaml:"mode"`
}

// RegionConfig holds the region feature's values. The value is the largest
// that applies: SameCity, SameProvince, Cluster (both in the Harbin–Changchun
// city cluster 哈长城市群), else Elsewhere; Unknown when either region does
// not parse (see ParseRegion). Plain data, like Config.
type RegionConfig struct {
	SameCity     float64 `json:"same_city" yaml:"same_city"`
	SameProvince float64 `json:"same_province" yaml:"same_province"`
	Cluster      float64 `json:"harbin_changchun" yaml:"harbin_changchun"`
	Elsewhere    float64 `json:"elsewhere" yaml:"elsewhere"`
	Unknown      float64 `json:"unknown" yaml:"unknown"`
}

// TierConfig holds the supplier_tier feature's value per Tier (see
// ClassifyOwner). Plain data, like Config.
type TierConfig struct {
	DoubleFirstClass    float64 `json:"double_first_class" yaml:"double_first_class"`
	NationalInstitute   float64 `json:"national_institute" yaml:"national_institute"`
	ProvincialInstitute float64 `json:"provincial_institute" yaml:"provincial_institute"`
	Institute           float64 `json:"institute" yaml:"institute"`
	University          float64 `json:"university" yaml:"university"`
	Enterprise          float64 `json:"enterprise" yaml:"enterprise"`
	Unknown             float64 `json:"unknown" yaml:"unknown"`
}

// PriorityConfig holds the demand_priority feature's value per org_type;
// Unknown is used for an empty or unrecognised org_type. The feature is the
// same for every achievement of a need, so it orders needs (reverse
// matching, batch output), not the achievements proposed for one need.
// Plain data, like Config.
type PriorityConfig struct {
	Leading  float64 `json:"leading" yaml:"leading"`
	HighTech float64 `json:"high_tech" yaml:"high_tech"`
	SME      float64 `json:"sme" yaml:"sme"`
	Hospital float64 `json:"hospital" yaml:"hospital"`
	Unknown  float64 `json:"unknown" yaml:"unknown"`
}

// Config is the scorer's whole configuration: weights, constraint modes and
// value tables. Start from DefaultConfig (or Load, which does) and change
// what you need; the zero Config is not valid.
//
// Config is plain data: safe to copy and to read concurrently; New copies
// it, so changing a Config after New does not affect the Scorer.
type Config struct {
	Weights        Weights            `json:"weights" yaml:"weights"`
	Role           RoleConfig         `json:"role" yaml:"role"`
	Exclusion      ExclusionConfig    `json:"exclusion" yaml:"exclusion"`
	Numeric        NumericConfig      `json:"numeric" yaml:"numeric"`
	Industry       IndustryConfig     `json:"industry" yaml:"industry"`
	Maturity       MaturityConfig     `json:"maturity" yaml:"maturity"`
	Budget         BudgetConfig       `json:"budget" yaml:"budget"`
	TransferMode   TransferModeConfig `json:"transfer_mode" yaml:"transfer_mode"`
	Region         RegionConfig       `json:"region" yaml:"region"`
	SupplierTier   TierConfig         `json:"supplier_tier" yaml:"supplier_tier"`
	DemandPriority PriorityConfig     `json:"demand_priority" yaml:"demand_priority"`
}

// DefaultConfig returns the default configuration (see the constant block
// "Defaults" in config.go for the values and their reasons): soft
// constraints and weights summing to 1.
func DefaultConfig() Config {
	return Config{
		Weights: Weights{
			Text:           defWeightText,
			Bigram:         defWeightBigram,
			Role:           defWeightRole,
			Effect:         defWeightEffect,
			Exclusion:      defWeightExclusion,
			Numeric:        defWeightNumeric,
			Industry:       defWeightIndustry,
			Maturity:       defWeightMaturity,
			Budget:         defWeightBudget,
			TransferMode:   defWeightTransferMode,
			Region:         defWeightRegion,
			SupplierTier:   defWeightSupplierTier,
			DemandPriority: defWeightDemandPriority,
		},
		Industry: IndustryConfig{
			SharedKey:   defIndustrySharedKey,
			SharedOther: defIndustrySharedOther,
			Disjoint:    defIndustryDisjoint,
			Unknown:     defIndustryUnknown,
			Inferred:    defIndustryInferred,
		},
		Role:      defaultRole(),
		Exclusion: ExclusionConfig{Mode: Soft, Penalty: defExclusionPenalty},
		Numeric:   NumericConfig{Mode: Soft},
		Maturity:  MaturityConfig{Mode: Soft, Unknown: defMaturityUnknown, NearGap: defMaturityNearGap, Penalty: defMaturityPenalty},
		Budget: BudgetConfig{Mode: Soft, Unknown: defBudgetUnknown, Negotiable: defBudgetNegotiable,
			FarRatio: defBudgetFarRatio, Penalty: defBudgetPenalty},
		TransferMode: TransferModeConfig{Mode: Soft, Unknown: defTransferUnknown, Penalty: defTransferPenalty},
		Region: RegionConfig{
			SameCity:     defRegionSameCity,
			SameProvince: defRegionSameProvince,
			Cluster:      defRegionCluster,
			Elsewhere:    defRegionElsewhere,
			Unknown:      defRegionUnknown,
		},
		SupplierTier: TierConfig{
			DoubleFirstClass:    defTierDoubleFirstClass,
			NationalInstitute:   defTierNationalInstitute,
			ProvincialInstitute: defTierProvincialInstitute,
			Institute:           defTierInstitute,
			University:          defTierUniversity,
			Enterprise:          defTierEnterprise,
			Unknown:             defTierUnknown,
		},
		DemandPriority: PriorityConfig{
			Leading:  defPriorityLeading,
			HighTech: defPriorityHighTech,
			SME:      defPrioritySME,
			Hospital: defPriorityHospital,
			Unknown:  defPriorityUnknown,
		},
	}
}

// Bounds of the numeric knobs, checked by Validate.
//
// They make every number the Scorer produces finite, whatever the records:
// each feature value v is in [MinPenalty, 1] (text is clamped to [0,1];
// industry is a convex combination of [0,1] values, the inferred confidence
// being in (0,1]; a partial maturity or budget value is in [0,1]; the
// constraint values are 1, a [0,1] table value or a penalty in
// [MinPenalty, 0]; region, tier and priority are [0,1] table values), so
// |v| ≤ |MinPenalty| = 10, and every weight w is in [0, MaxWeight]. Hence
// |score| ≤ Σ|w|·max|v| ≤ NumFeatures × MaxWeight × 10 = 8e7, and the same
// bound holds for every partial sum, Weights.Sum (≤ 8e6), MaxPrior and each
// Contribution: nothing overflows, and no feature divides by a value that
// can be 0 (near_gap+1 ≥ 1, far_ratio−1 > 0, the budget is > 0 when divided
// by). Record amounts (price, budget) need no bound: a non-finite or
// negative amount counts as unknown, and the budget ratio is only computed
// when price ≤ budget×far_ratio, so it is at most about far_ratio.
const (
	// MaxWeight bounds every weight: 0 ≤ weight ≤ MaxWeight. Weights are
	// relative (a tuned file sums to 1), so the bound only excludes values
	// that could overflow.
	MaxWeight = 1e6
	// MinPenalty bounds the constraint penalties: MinPenalty ≤ penalty ≤ 0.
	MinPenalty = -10
	// MaxFarRatio bounds budget.far_ratio: 1 < far_ratio ≤ MaxFarRatio.
	MaxFarRatio = 1e6
	// MaxNearGap bounds maturity.near_gap: 0 ≤ near_gap ≤ MaxNearGap (TRL
	// levels run 1–9).
	MaxNearGap = 8
)

// Validate reports every invalid field as a *ConfigError (wrapping
// ErrInvalidValue) naming the field by its configuration path
// (weights.text, maturity.mode, …) and its value: weights in
// [0, MaxWeight] and not all 0; modes soft, hard or off; table values in
// [0,1]; industry.inferred in (0,1]; penalties in [MinPenalty, 0];
// maturity.near_gap in 0–MaxNearGap; budget.far_ratio in (1, MaxFarRatio].
// NaN and ±Inf are outside every range. A Config that passes Validate
// gives finite scores and explanations for every pair (see MaxWeight for
// the proof).
func (c Config) Validate() error { return joinProblems(c.problems()) }

// problems returns the invalid fields of c, in field order.
func (c Config) problems() []*ConfigError {
	var ps []*ConfigError
	bad := func(path, value, format string, args ...any) {
		ps = append(ps, &ConfigError{Path: path, Value: value, Kind: ErrInvalidValue, Msg: fmt.Sprintf(format, args...)})
	}
	// in checks lo ≤ v ≤ hi (lo < v when loOpen); NaN fails every
	// comparison and ±Inf is outside every finite range.
	in := func(path, what string, v, lo, hi float64, loOpen bool) {
		if v <= hi && (v > lo || !loOpen && v == lo) {
			return
		}
		open := "["
		if loOpen {
			open = "("
		}
		bad(path, fnum(v), "%s%s is not in %s%s, %s]", what, fnum(v), open, fnum(lo), fnum(hi))
	}
	unit := func(path string, v float64) { in(path, "", v, 0, 1, false) }
	penalty := func(path string, v float64) { in(path, "penalty ", v, MinPenalty, 0, false) }
	mode := func(path string, m Mode) {
		if !m.valid() {
			bad(path, string(m), "mode %q is not soft, hard or off", string(m))
		}
	}
	wv := c.Weights.Vector()
	allZero := true
	for i, w := range wv {
		in("weights."+featureNames[i], "weight ", w, 0, MaxWeight, false)
		allZero = allZero && w == 0
	}
	if allZero {
		bad("weights", "0", "all weights are 0")
	}

	unit("industry.shared_key", c.Industry.SharedKey)
	unit("industry.shared_other", c.Industry.SharedOther)
	unit("industry.disjoint", c.Industry.Disjoint)
	unit("industry.unknown", c.Industry.Unknown)
	in("industry.inferred", "", c.Industry.Inferred, 0, 1, true)

	for i, row := range c.Role.rows() {
		for j, v := range row.cells() {
			in("role."+intentNames[i]+"."+roleNames[j], "", *v, -1, 1, false)
		}
	}
	mode("exclusion.mode", c.Exclusion.Mode)
	penalty("exclusion.penalty", c.Exclusion.Penalty)
	mode("numeric.mode", c.Numeric.Mode)

	mode("maturity.mode", c.Maturity.Mode)
	unit("maturity.unknown", c.Maturity.Unknown)
	if c.Maturity.NearGap < 0 || c.Maturity.NearGap > MaxNearGap {
		bad("maturity.near_gap", strconv.Itoa(c.Maturity.NearGap), "%d is not in 0–%d", c.Maturity.NearGap, MaxNearGap)
	}
	penalty("maturity.penalty", c.Maturity.Penalty)

	mode("budget.mode", c.Budget.Mode)
	unit("budget.unknown", c.Budget.Unknown)
	unit("budget.negotiable", c.Budget.Negotiable)
	in("budget.far_ratio", "", c.Budget.FarRatio, 1, MaxFarRatio, true)
	penalty("budget.penalty", c.Budget.Penalty)

	mode("transfer_mode.mode", c.TransferMode.Mode)
	unit("transfer_mode.unknown", c.TransferMode.Unknown)
	penalty("transfer_mode.penalty", c.TransferMode.Penalty)

	unit("region.same_city", c.Region.SameCity)
	unit("region.same_province", c.Region.SameProvince)
	unit("region.harbin_changchun", c.Region.Cluster)
	unit("region.elsewhere", c.Region.Elsewhere)
	unit("region.unknown", c.Region.Unknown)

	unit("supplier_tier.double_first_class", c.SupplierTier.DoubleFirstClass)
	unit("supplier_tier.national_institute", c.SupplierTier.NationalInstitute)
	unit("supplier_tier.provincial_institute", c.SupplierTier.ProvincialInstitute)
	unit("supplier_tier.institute", c.SupplierTier.Institute)
	unit("supplier_tier.university", c.SupplierTier.University)
	unit("supplier_tier.enterprise", c.SupplierTier.Enterprise)
	unit("supplier_tier.unknown", c.SupplierTier.Unknown)

	unit("demand_priority.leading", c.DemandPriority.Leading)
	unit("demand_priority.high_tech", c.DemandPriority.HighTech)
	unit("demand_priority.sme", c.DemandPriority.SME)
	unit("demand_priority.hospital", c.DemandPriority.Hospital)
	unit("demand_priority.unknown", c.DemandPriority.Unknown)
	return ps
}

// fnum formats v in the shortest form that reads back as v (1e+308, NaN,
// +Inf).
func fnum(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// Marshal encodes cfg as JSON (format ".json") or YAML (".yaml", ".yml"),
// with every field, so that the output documents the full configuration.
func Marshal(cfg Config, format string) ([]byte, error) {
	switch strings.ToLower(strings.TrimPrefix(format, ".")) {
	case "json":
		b, err := json.MarshalIndent(cfg, "", "  ")
		if err != nil {
			return nil, fmt.Errorf("rank: marshal config: %w", err)
		}
		return append(b, '\n'), nil
	case "yaml", "yml":
		var buf bytes.Buffer
		buf.WriteString("# techmatch rank configuration; absent fields take their defaults.\n")
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2)
		if err := enc.Encode(cfg); err != nil {
			return nil, fmt.Errorf("rank: marshal config: %w", err)
		}
		if err := enc.Close(); err != nil {
			return nil, fmt.Errorf("rank: marshal config: %w", err)
		}
		return buf.Bytes(), nil
	}
	return nil, fmt.Errorf("rank: marshal config: unknown format %q (want .json, .yaml or .yml)", format)
}

// Save validates cfg and writes it to path, as JSON or YAML by the file
// extension (see Marshal). A new file is created private (mode 0600); an
// existing file keeps its mode.
func Save(cfg Config, path string) error {
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("rank: save config %s: %w", path, err)
	}
	b, err := Marshal(cfg, filepath.Ext(path))
	if err != nil {
		return fmt.Errorf("rank: save config %s: %w", path, err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return fmt.Errorf("rank: save config: %w", err)
	}
	return nil
}
