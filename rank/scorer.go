package rank

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/rank/constraint"
	"github.com/techmatch/techmatch/rank/effect"
	"github.com/techmatch/techmatch/rank/intent"
	"github.com/techmatch/techmatch/rank/knowledge"
)

// Scorer scores need–achievement pairs with the named features of a Config.
//
// A Scorer is immutable after New and safe for concurrent use by any number
// of goroutines. ScoreProfiles and PriorProfiles do not allocate, nor do
// ScoreOnly and Prior for ordinary records; Score allocates the explanation
// (plus the two profiles it builds).
type Scorer struct {
	cfg Config
	// w holds the effective weights in feature order: the configured
	// weight, or 0 for a feature whose mode is Off.
	w        [NumFeatures]float64
	maxPrior float64
	// candMax is the most the role, effect and numeric features add per
	// unit of text relevance; recordMax the most the record-level features
	// (industry … demand_priority) add. See Bound.
	candMax, recordMax float64
	cache              *parseCache // shared by profile builders; internally locked
	signals            *signalCache
	compat             intent.Compatibility
}

// Candidate is what the retriever knows about a pair: the text relevance
// and what produced it. Plain data; Score copies the slices into the
// explanation and never modifies them, so a Candidate may be shared.
type Candidate struct {
	// Text is the normalised text relevance in [0,1]; values outside are
	// clamped and NaN counts as 0.
	Text float64
	// Bigram is the share (idf-weighted) of every character bigram of the
	// need found in the achievement's text — the plain BM25 baseline's
	// evidence, but independent of the other candidates — in [0,1]
	// (clamped like Text).
	Bigram float64
	// MatchedTerms and Expansions are copied into the explanation.
	MatchedTerms []string
	Expansions   []techmatch.Expansion
}

// New returns a Scorer for cfg, or cfg.Validate's error.
func New(cfg Config) (*Scorer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("rank: new scorer: %w", err)
	}
	kb, err := knowledge.Default()
	if err != nil {
		return nil, fmt.Errorf("rank: new scorer: %w", err)
	}
	cls, err := intent.Default()
	if err != nil {
		return nil, fmt.Errorf("rank: new scorer: %w", err)
	}
	eff, err := effect.Default()
	if err != nil {
		return nil, fmt.Errorf("rank: new scorer: %w", err)
	}
	s := &Scorer{cfg: cfg, w: effectiveWeights(cfg), cache: newParseCache(), signals: newSignalCache(kb, cls, eff),
		compat: cfg.Role.compatibility()}
	s.maxPrior = maxPrior(cfg, s.w)
	mv := maxValues(cfg)
	s.candMax = s.w[idxRole]*max(mv[idxRole], 0) + s.w[idxEffect]*mv[idxEffect] + s.w[idxNumeric]*mv[idxNumeric]
	for i := idxIndustry; i < NumFeatures; i++ {
		s.recordMax += s.w[i] * mv[i]
	}
	return s, nil
}

// effectiveWeights is cfg's weight vector with the features whose mode is
// Off at 0.
func effectiveWeights(cfg Config) [NumFeatures]float64 {
	w := cfg.Weights.Vector()
	if cfg.Exclusion.Mode == Off {
		w[idxExclusion] = 0
	}
	if cfg.Numeric.Mode == Off {
		w[idxNumeric] = 0
	}
	if cfg.Maturity.Mode == Off {
		w[idxMaturity] = 0
	}
	if cfg.Budget.Mode == Off {
		w[idxBudget] = 0
	}
	if cfg.TransferMode.Mode == Off {
		w[idxTransferMode] = 0
	}
	return w
}

// maxValues is every feature's largest value under cfg (the exclusion
// feature is a penalty: 0).
func maxValues(cfg Config) [NumFeatures]float64 {
	ic, rc, tc, pc := cfg.Industry, cfg.Region, cfg.SupplierTier, cfg.DemandPriority
	maxv := [NumFeatures]float64{
		idxText:         1,
		idxBigram:       1,
		idxRole:         maxCell(cfg.Role),
		idxEffect:       1,
		idxExclusion:    0, // a penalty
		idxNumeric:      1,
		idxIndustry:     max(ic.SharedKey, ic.SharedOther, ic.Disjoint, ic.Unknown),
		idxMaturity:     max(1, cfg.Maturity.Unknown),
		idxBudget:       max(1, cfg.Budget.Unknown, cfg.Budget.Negotiable),
		idxTransferMode: max(1, cfg.TransferMode.Unknown),
		idxRegion:       max(rc.SameCity, rc.SameProvince, rc.Cluster, rc.Elsewhere, rc.Unknown),
		idxSupplierTier: max(tc.DoubleFirstClass, tc.NationalInstitute, tc.ProvincialInstitute,
			tc.Institute, tc.University, tc.Enterprise, tc.Unknown),
		idxDemandPriority: max(pc.Leading, pc.HighTech, pc.SME, pc.Hospital, pc.Unknown),
	}
	return maxv
}

// maxPrior is the sum over every feature but text of its effective weight
// times its largest value under cfg (see Scorer.MaxPrior).
func maxPrior(cfg Config, w [NumFeatures]float64) float64 {
	maxv := maxValues(cfg)
	var m float64
	for i := idxText + 1; i < NumFeatures; i++ {
		m += w[i] * maxv[i]
	}
	return m
}

// Bound returns an upper bound of ScoreProfiles over every pair with
// candidate evidence c, whatever the records: the text and bigram parts
// as they are, role, effect and numeric at their largest values times the
// text relevance that scales them, the record-level features at their
// largest, and the exclusion penalty at 0. The engine compares it with
// the k-th best score so far and skips the costly features of candidates
// that cannot enter the top k; the result stays exact. O(1), no
// allocation.
func (s *Scorer) Bound(c Candidate) float64 {
	rel := unit(c.Text)
	return s.w[idxText]*rel + s.w[idxBigram]*unit(c.Bigram) + rel*s.candMax + s.recordMax
}

// Config returns the Scorer's configuration.
func (s *Scorer) Config() Config { return s.cfg }

// FeatureNames returns the feature names in explanation order: text,
// industry, maturity, budget, transfer_mode, region, supplier_tier,
// demand_priority.
func (s *Scorer) FeatureNames() []string { return append([]string(nil), featureNames[:]...) }

// MaxPrior returns an upper bound of everything but the text feature over
// all pairs: the sum of the effective weights of the other features times
// their largest values (the candidate's bigram coverage counts 1).
// A pair with text relevance t cannot score more than Weights.Text×t +
// MaxPrior, which lets exact top-k retrieval stop early. PriorProfiles,
// which sees no candidate, is at most MaxPrior too.
func (s *Scorer) MaxPrior() float64 { return s.maxPrior }

// status codes per feature, for notes and reasons.
const (
	stUnknown uint8 = iota
	stOff
	stGood      // shared key industry, TRL meets, within budget, shared mode, same city
	stPartial   // shared other industry, TRL near, somewhat over budget, same province
	stBad       // disjoint, TRL far, far over budget, no shared mode, elsewhere
	stNoMin     // maturity: no minimum
	stNegotiate // budget: price negotiable
	stCluster   // region: 哈长城市群
)

// eval holds one pair's feature values and statuses.
type eval struct {
	v        [NumFeatures]float64
	st       [NumFeatures]uint8
	violated uint8 // bit per constraint feature index violated (any mode but Off)
	keep     bool
}

const (
	bitMaturity = 1 << iota
	bitBudget
	bitTransfer
	bitExclusion
	bitNumeric
)

// unit clamps x into [0,1], NaN to 0.
func unit(x float64) float64 {
	switch {
	case math.IsNaN(x) || x < 0:
		return 0
	case x > 1:
		return 1
	}
	return x
}

func (s *Scorer) evaluate(n *NeedProfile, a *AchievementProfile, cand *Candidate) eval {
	var e eval
	c := &s.cfg
	e.keep = true

	// text evidence
	e.v[idxText] = unit(cand.Text)
	e.v[idxBigram] = unit(cand.Bigram)

	// The role, effect and numeric features reorder achievements related
	// to the need; they are scaled by the text relevance, so that no
	// unrelated achievement is lifted because it is a process, or states a
	// better efficiency, or meets a figure of the same dimension.
	rel := e.v[idxText]

	// role: what the need asks for against what the achievement is
	if n.sig != nil && a.sig != nil {
		e.v[idxRole] = rel * s.compat.Score(n.sig.intent, a.sig.role)
	}

	// effect: the need's symptoms answered by the achievement's effects
	if _, pro, con := s.effects(n, a); pro > 0 || con > 0 {
		e.v[idxEffect] = rel * (pro - con)
	}

	// exclusion
	switch xc := c.Exclusion; {
	case xc.Mode == Off:
		e.st[idxExclusion] = stOff
	default:
		if ex, _, ok := excludedBy(n, a); ok {
			e.v[idxExclusion], e.st[idxExclusion] = xc.Penalty*ex.Confidence, stBad
			e.violated |= bitExclusion
			if xc.Mode == Hard {
				e.keep = false
			}
		}
	}

	// numeric
	if c.Numeric.Mode == Off {
		e.st[idxNumeric] = stOff
	} else if met, failed, _ := numericFit(n, a); met+failed > 0 {
		e.v[idxNumeric] = rel * float64(met-failed) / float64(met+failed)
		e.st[idxNumeric] = stGood
		if failed > 0 {
			e.st[idxNumeric] = stBad
			e.violated |= bitNumeric
			if c.Numeric.Mode == Hard {
				e.keep = false
			}
		}
	}

	// industry
	ic := c.Industry
	if !hasIndustries(&n.side) || !hasIndustries(&a.side) {
		e.v[idxIndustry], e.st[idxIndustry] = ic.Unknown, stUnknown
	} else {
		var raw float64
		switch {
		case n.keyInd&a.keyInd != 0:
			raw, e.st[idxIndustry] = ic.SharedKey, stGood
		case sharedOther(&n.side, &a.side):
			raw, e.st[idxIndustry] = ic.SharedOther, stPartial
		default:
			raw, e.st[idxIndustry] = ic.Disjoint, stBad
		}
		conf := 1.0
		if n.inferred {
			conf *= ic.Inferred
		}
		if a.inferred {
			conf *= ic.Inferred
		}
		e.v[idxIndustry] = ic.Unknown + (raw-ic.Unknown)*conf
	}

	// maturity
	mc := c.Maturity
	switch {
	case mc.Mode == Off:
		e.st[idxMaturity] = stOff
	case n.minMaturity == 0:
		e.v[idxMaturity], e.st[idxMaturity] = mc.Unknown, stNoMin
	case a.maturity == 0:
		e.v[idxMaturity], e.st[idxMaturity] = mc.Unknown, stUnknown
	case a.maturity >= n.minMaturity:
		e.v[idxMaturity], e.st[idxMaturity] = 1, stGood
	case n.minMaturity-a.maturity <= mc.NearGap:
		g := float64(n.minMaturity - a.maturity)
		e.v[idxMaturity], e.st[idxMaturity] = 1-g/float64(mc.NearGap+1), stPartial
	default:
		e.v[idxMaturity], e.st[idxMaturity] = mc.Penalty, stBad
		e.violated |= bitMaturity
		if mc.Mode == Hard {
			e.keep = false
		}
	}

	// budget
	bc := c.Budget
	switch {
	case bc.Mode == Off:
		e.st[idxBudget] = stOff
	case n.budget == 0:
		e.v[idxBudget], e.st[idxBudget] = bc.Unknown, stUnknown
	case a.price == 0:
		e.v[idxBudget], e.st[idxBudget] = bc.Negotiable, stNegotiate
	case a.price <= n.budget:
		e.v[idxBudget], e.st[idxBudget] = 1, stGood
	case a.price <= n.budget*bc.FarRatio:
		// r ≤ FarRatio up to rounding, which the clamp absorbs: without
		// it the value can fall slightly below 0 (−9.8e-14, see
		// TestBudgetPartialValueInUnitInterval).
		r := a.price / n.budget
		e.v[idxBudget], e.st[idxBudget] = min(max(1-(r-1)/(bc.FarRatio-1), 0), 1), stPartial
	default:
		e.v[idxBudget], e.st[idxBudget] = bc.Penalty, stBad
		e.violated |= bitBudget
		if bc.Mode == Hard {
			e.keep = false
		}
	}

	// transfer mode
	tc := c.TransferMode
	switch {
	case tc.Mode == Off:
		e.st[idxTransferMode] = stOff
	case !hasModes(&n.side) || !hasModes(&a.side):
		e.v[idxTransferMode], e.st[idxTransferMode] = tc.Unknown, stUnknown
	case sharedMode(&n.side, &a.side):
		e.v[idxTransferMode], e.st[idxTransferMode] = 1, stGood
	default:
		e.v[idxTransferMode], e.st[idxTransferMode] = tc.Penalty, stBad
		e.violated |= bitTransfer
		if tc.Mode == Hard {
			e.keep = false
		}
	}

	// region: the largest value that applies.
	rc := c.Region
	nr, ar := n.region, a.region
	if nr.prov < 0 || ar.prov < 0 {
		e.v[idxRegion], e.st[idxRegion] = rc.Unknown, stUnknown
	} else {
		e.v[idxRegion], e.st[idxRegion] = rc.Elsewhere, stBad
		if nr.prov == ar.prov && nr.city >= 0 && nr.city == ar.city && rc.SameCity > e.v[idxRegion] {
			e.v[idxRegion], e.st[idxRegion] = rc.SameCity, stGood
		}
		if nr.prov == ar.prov && rc.SameProvince > e.v[idxRegion] {
			e.v[idxRegion], e.st[idxRegion] = rc.SameProvince, stPartial
		}
		if nr.cluster && ar.cluster && rc.Cluster > e.v[idxRegion] {
			e.v[idxRegion], e.st[idxRegion] = rc.Cluster, stCluster
		}
	}

	// supplier tier
	pc := c.SupplierTier
	e.v[idxSupplierTier] = [...]float64{
		TierUnknown:             pc.Unknown,
		TierDoubleFirstClass:    pc.DoubleFirstClass,
		TierNationalInstitute:   pc.NationalInstitute,
		TierProvincialInstitute: pc.ProvincialInstitute,
		TierInstitute:           pc.Institute,
		TierUniversity:          pc.University,
		TierEnterprise:          pc.Enterprise,
	}[min(a.tier, TierEnterprise)]

	// demand priority
	dp := c.DemandPriority
	switch n.orgType {
	case techmatch.Leading:
		e.v[idxDemandPriority] = dp.Leading
	case techmatch.HighTech:
		e.v[idxDemandPriority] = dp.HighTech
	case techmatch.SME:
		e.v[idxDemandPriority] = dp.SME
	case techmatch.Hospital:
		e.v[idxDemandPriority] = dp.Hospital
	default:
		e.v[idxDemandPriority] = dp.Unknown
	}
	return e
}

// total returns Σ w×v over features from `from` on.
func (s *Scorer) total(e *eval, from int) float64 {
	t := 0.0
	for i := from; i < NumFeatures; i++ {
		t += s.w[i] * e.v[i]
	}
	return t
}

// ScoreProfiles returns the pair score for text relevance text, without an
// explanation, and keep=false when a hard constraint rejects the pair (the
// score is still computed). It does not allocate: the fast path for
// scoring many pairs, with profiles built once per record. Nil profiles
// count as records with every field unknown.
func (s *Scorer) ScoreProfiles(n *NeedProfile, a *AchievementProfile, c Candidate) (float64, bool) {
	n, a = orEmpty(n, a)
	e := s.evaluate(n, a, &c)
	return s.total(&e, idxText), e.keep
}

// ScoreOnly is Score without the explanation: the score and keep. It
// builds both profiles on every call (regions and owners are memoised per
// Scorer, up to 65536 distinct strings each) and does not allocate once a
// string has been seen; ScoreProfiles with profiles built once per record
// is faster still.
func (s *Scorer) ScoreOnly(n *techmatch.Need, a *techmatch.Achievement, c Candidate) (float64, bool) {
	np, ap := s.needValue(n), s.achievementValue(a)
	return s.ScoreProfiles(&np, &ap, c)
}

// PriorProfiles returns the non-text part of the score (every feature but
// text) and keep, like ScoreProfiles. It is at most MaxPrior and does not
// allocate.
func (s *Scorer) PriorProfiles(n *NeedProfile, a *AchievementProfile) (float64, bool) {
	n, a = orEmpty(n, a)
	e := s.evaluate(n, a, &Candidate{})
	return s.total(&e, firstPrior), e.keep
}

// Prior is PriorProfiles for records; it parses both records, so prefer
// profiles in loops.
func (s *Scorer) Prior(n *techmatch.Need, a *techmatch.Achievement) (float64, bool) {
	np, ap := s.needValue(n), s.achievementValue(a)
	return s.PriorProfiles(&np, &ap)
}

// Values returns the feature values (in FeatureNames order; 0 for features
// whose mode is Off) and keep: the score is Σ Weights.Vector()[i]×values[i].
// Tuners use it to rescore pairs under new weights without recomputing
// features (the values do not depend on the weights).
func (s *Scorer) Values(n *NeedProfile, a *AchievementProfile, c Candidate) ([NumFeatures]float64, bool) {
	n, a = orEmpty(n, a)
	e := s.evaluate(n, a, &c)
	return e.v, e.keep
}

var (
	emptyNeed        = NeedProfile{side: side{region: unknownRegion}}
	emptyAchievement = AchievementProfile{side: side{region: unknownRegion}}
)

func orEmpty(n *NeedProfile, a *AchievementProfile) (*NeedProfile, *AchievementProfile) {
	if n == nil {
		n = &emptyNeed
	}
	if a == nil {
		a = &emptyAchievement
	}
	return n, a
}

// Score scores the pair and explains the score: one Contribution per
// feature (their Scores sum to the score), the candidate's matched terms
// and expansions, and the feasibility verdict. keep is false when a hard
// constraint rejects the pair; the score and explanation are still filled
// in. Nil records count as records with every field unknown.
func (s *Scorer) Score(n *techmatch.Need, a *techmatch.Achievement, c Candidate) (float64, techmatch.Explanation, bool) {
	return s.Explain(s.Need(n), s.Achievement(a), c)
}

// Explain is Score for profiles.
func (s *Scorer) Explain(n *NeedProfile, a *AchievementProfile, c Candidate) (float64, techmatch.Explanation, bool) {
	n, a = orEmpty(n, a)
	e := s.evaluate(n, a, &c)
	ex := techmatch.Explanation{
		Features:     make([]techmatch.Contribution, NumFeatures),
		MatchedTerms: append([]string(nil), c.MatchedTerms...),
		Expansions:   append([]techmatch.Expansion(nil), c.Expansions...),
		Feasible:     e.violated == 0,
	}
	cw := s.cfg.Weights.Vector()
	score := 0.0
	for i := range NumFeatures {
		sc := s.w[i] * e.v[i]
		score += sc
		ex.Features[i] = techmatch.Contribution{
			Feature: featureNames[i], Value: e.v[i], Weight: cw[i], Score: sc,
			Note: s.note(i, &e, n, a, len(c.MatchedTerms)),
		}
		s.facts(i, &e, n, a, &ex.Features[i])
	}
	if e.violated&bitMaturity != 0 {
		ex.Reasons = append(ex.Reasons, fmt.Sprintf("maturity TRL %d < required %d", a.maturity, n.minMaturity))
	}
	if e.violated&bitBudget != 0 {
		ex.Reasons = append(ex.Reasons, fmt.Sprintf("price %s万元 > budget %s万元 ×%s",
			num(a.price), num(n.budget), num(s.cfg.Budget.FarRatio)))
	}
	if e.violated&bitExclusion != 0 {
		ex.Reasons = append(ex.Reasons, exclusionNote(n, a))
	}
	if e.violated&bitNumeric != 0 {
		_, _, vs := numericFit(n, a)
		for _, v := range vs {
			if v.Outcome == constraint.Fails {
				ex.Reasons = append(ex.Reasons, v.Explain)
			}
		}
	}
	if e.violated&bitTransfer != 0 {
		ex.Reasons = append(ex.Reasons, fmt.Sprintf("no common transfer mode: offered %s, wanted %s",
			joinModes(a.modes), joinModes(n.modes)))
	}
	return score, ex, e.keep
}

// num formats an amount or ratio for a note: plainly (1250.5) when that is
// short, with an exponent (1e+300, 5e-324) for the extremes a catalog may
// hold, so that a note stays a few dozen bytes.
func num(v float64) string {
	if a := math.Abs(v); a != 0 && (a >= 1e15 || a < 1e-6) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func joinModes(ms []techmatch.TransferMode) string {
	parts := make([]string, 0, len(ms))
	for _, m := range ms {
		if m != "" {
			parts = append(parts, string(m))
		}
	}
	return strings.Join(parts, "/")
}

func joinIndustries(is []techmatch.Industry) string {
	parts := make([]string, 0, len(is))
	for _, x := range is {
		if x != "" {
			parts = append(parts, string(x))
		}
	}
	return strings.Join(parts, "/")
}

// note renders feature i's status as a short human reading.
func (s *Scorer) note(i int, e *eval, n *NeedProfile, a *AchievementProfile, matched int) string {
	st := e.st[i]
	switch i {
	case idxText:
		if matched > 0 {
			return fmt.Sprintf("%d matched terms", matched)
		}
		return ""
	case idxBigram:
		if e.v[i] == 0 {
			return ""
		}
		return fmt.Sprintf("%.0f%% of the need's character pairs in the text", 100*e.v[i])
	case idxRole:
		if n.sig == nil || a.sig == nil {
			return ""
		}
		return intent.Explain(n.sig.intent, a.sig.role)
	case idxEffect:
		links, _, _ := s.effects(n, a)
		var parts []string
		for _, l := range links {
			parts = append(parts, effect.Explain(l, n.sig.wants, a.sig.effects))
		}
		return strings.Join(parts, "; ")
	case idxExclusion:
		switch st {
		case stOff:
			return "off"
		case stBad:
			return exclusionNote(n, a)
		}
		return ""
	case idxNumeric:
		if st == stOff {
			return "off"
		}
		_, _, vs := numericFit(n, a)
		var parts []string
		for _, v := range vs {
			if v.Outcome != constraint.Unknown {
				parts = append(parts, v.Explain)
			}
		}
		return strings.Join(parts, "; ")
	case idxIndustry:
		var b string
		switch st {
		case stUnknown:
			return "industries unknown"
		case stGood:
			shared := make([]techmatch.Industry, 0, 4)
			for _, k := range techmatch.KeyIndustries {
				if n.keyInd&a.keyInd&keyBit(k) != 0 {
					shared = append(shared, k)
				}
			}
			b = "shared key industry " + joinIndustries(shared)
		case stPartial:
			b = "shared industry"
		default:
			b = fmt.Sprintf("no shared industry: %s vs %s", joinIndustries(n.industries), joinIndustries(a.industries))
		}
		if n.inferred || a.inferred {
			b += " (inferred)"
		}
		return b
	case idxMaturity:
		switch st {
		case stOff:
			return "off"
		case stNoMin:
			return "no minimum maturity"
		case stUnknown:
			return "maturity unknown"
		case stGood:
			return fmt.Sprintf("TRL %d ≥ %d", a.maturity, n.minMaturity)
		case stPartial:
			return fmt.Sprintf("TRL %d < %d (%d below)", a.maturity, n.minMaturity, n.minMaturity-a.maturity)
		}
		return fmt.Sprintf("TRL %d far below %d", a.maturity, n.minMaturity)
	case idxBudget:
		switch st {
		case stOff:
			return "off"
		case stUnknown:
			return "budget unknown"
		case stNegotiate:
			return "price negotiable"
		case stGood:
			return fmt.Sprintf("price %s万元 ≤ budget %s万元", num(a.price), num(n.budget))
		case stPartial:
			return fmt.Sprintf("price %s万元 > budget %s万元 (%.2f×)", num(a.price), num(n.budget), a.price/n.budget)
		}
		return fmt.Sprintf("price %s万元 > budget %s万元 ×%s", num(a.price), num(n.budget), num(s.cfg.Budget.FarRatio))
	case idxTransferMode:
		switch st {
		case stOff:
			return "off"
		case stUnknown:
			return "transfer modes unknown"
		case stGood:
			return "common transfer mode"
		}
		return fmt.Sprintf("offered %s, wanted %s", joinModes(a.modes), joinModes(n.modes))
	case idxRegion:
		nr, ar := n.region.export(), a.region.export()
		switch st {
		case stUnknown:
			return "region unknown"
		case stGood:
			return "same city " + nr.City
		case stPartial:
			return "same province " + nr.Province
		case stCluster:
			return fmt.Sprintf("哈长城市群 %s–%s", nr.City, ar.City)
		}
		return fmt.Sprintf("elsewhere: %s vs %s", nr, ar)
	case idxSupplierTier:
		return a.tier.String()
	case idxDemandPriority:
		if n.orgType == "" {
			return "org type unknown"
		}
		return string(n.orgType)
	}
	return ""
}

// exclusionNote says which of the need's exclusions the achievement falls
// under: "不考虑：三元锂电池 (三元锂电池)".
func exclusionNote(n *NeedProfile, a *AchievementProfile) string {
	ex, hit, ok := excludedBy(n, a)
	if !ok {
		return ""
	}
	r := "excluded by the need, " + ex.String()
	if len(hit) > 0 {
		r += " (" + strings.Join(hit, ", ") + ")"
	}
	return r
}
