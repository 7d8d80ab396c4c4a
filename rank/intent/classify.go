package intent

import (
	"cmp"
	"math"
	"slices"
	"sync"
	"unicode/utf8"
)

// Text is the text of a record: what the classifiers read. Plain data.
type Text struct {
	Title       string
	Description string
	Keywords    []string
}

// Kind is a NeedIntent or a Role: the type parameter of Result and Cue.
type Kind interface {
	NeedIntent | Role
	String() string
	Label() string
}

// Cue is one piece of evidence: a word or phrase of the input and the kind
// it voted for. Plain data, safe to copy and share.
type Cue[K Kind] struct {
	// Kind is the kind the cue voted for.
	Kind K `json:"kind"`
	// Word is the input text of the span, as written (Field's text
	// [Start:End]).
	Word string `json:"word"`
	// Field is where the cue was found.
	Field Field `json:"field"`
	// Keyword is the index in Text.Keywords when Field is FieldKeywords,
	// else 0.
	Keyword int `json:"keyword,omitempty"`
	// Start and End are byte offsets into the field's text (the keyword's
	// text for FieldKeywords); the span starts and ends on rune boundaries.
	Start int `json:"start"`
	End   int `json:"end"`
	// Weight is the evidence the cue gave Kind, > 0. The weights of all the
	// cues of a kind sum to that kind's evidence (before the MaxCues cut).
	Weight float64 `json:"weight"`
}

// Result is a classification: the kind, its confidence, the runner-up when
// close, and the cues that decided. Plain data, safe to copy and share.
type Result[K Kind] struct {
	// Kind is the decision; the zero kind (NeedUnknown, RoleUnknown) when
	// the evidence is too weak (Evidence < MinEvidence or the confidence
	// would be below MinConfidence).
	Kind K `json:"kind"`
	// Confidence is in [0,1]: Kind's share of the evidence times the
	// saturation 1-exp(-Evidence/Saturation). 0 for the unknown kind.
	Confidence float64 `json:"confidence"`
	// RunnerUp is the second kind when its evidence is at least CloseRatio
	// of Kind's, else the zero kind; RunnerUpConfidence is computed like
	// Confidence. Confidence + RunnerUpConfidence ≤ 1.
	RunnerUp           K       `json:"runner_up"`
	RunnerUpConfidence float64 `json:"runner_up_confidence"`
	// Evidence is the total weighted evidence over all kinds (≥ 0).
	Evidence float64 `json:"evidence"`
	// Cues are the evidence, strongest first (at most MaxCues; all kinds,
	// so an explanation can show what spoke for the runner-up too).
	Cues []Cue[K] `json:"cues,omitempty"`
}

// NeedResult is the classification of a need.
type NeedResult = Result[NeedIntent]

// RoleResult is the classification of an achievement.
type RoleResult = Result[Role]

// CuesOf returns the cues that voted for k, strongest first.
func (r Result[K]) CuesOf(k K) []Cue[K] {
	var out []Cue[K]
	for _, c := range r.Cues {
		if c.Kind == k {
			out = append(out, c)
		}
	}
	return out
}

// Decision and output constants. Tuned on the tables of classify_test.go
// (TestClassifyNeed, TestClassifyAchievement: precision and recall are
// printed by TestPrecisionRecall).
const (
	// MinEvidence: below this total evidence the result is unknown. One
	// clear title head is 1.5; one request-object cue in a description 1.
	MinEvidence = 0.35
	// MinConfidence: a decision below this confidence is unknown.
	MinConfidence = 0.2
	// Saturation: the evidence at which the confidence reaches 1-1/e of
	// the top kind's share.
	Saturation = 1.2
	// CloseRatio: the runner-up is reported when its evidence is at least
	// this fraction of the top kind's.
	CloseRatio = 0.5
	// MaxCues bounds Result.Cues.
	MaxCues = 16
	// MaxFieldBytes: each field (title, description, one keyword) is read
	// up to this many bytes (cut on a rune boundary); MaxKeywords keywords
	// are read.
	MaxFieldBytes = 16 << 10
	MaxKeywords   = 64
)

// Evidence weights of positions and fields.
const (
	wTitle        = 1.5  // field weight of the title
	wKeyword      = 0.5  // field weight of one keyword of a need
	wKeywordA     = 0.35 // field weight of one keyword of an achievement (topic nouns more than roles)
	wHead         = 1.0  // the head unit of the last conjunct of the head phrase
	wConjHead     = 0.7  // the head unit of an earlier conjunct
	wInPhrase     = 0.25 // other units of the head phrase
	wModifier     = 0.25 // units of a modifier (before 的 or 用)
	wSecondary    = 0.4  // factor for the part after 及其
	wParen        = 0.4  // factor for units inside brackets
	capKeyword    = 1.5  // cap per kind of all keywords together (needs)
	capDesc       = 2.5  // cap per kind of the description (needs)
	capRole       = 1.0  // cap per kind of the keywords, and of the description, of an achievement
	wDescRole     = 0.2  // achievements: each unit of the description
	wDetProb      = 0.9  // needs: a detection problem in a context sentence
	wReqWeak      = 0.6  // needs: factor for the object of a weak request verb (需, 拟)
	wProseMod     = 0.4  // factor for a unit before 的 in a description (具备异物检测的…系统)
	wEarly        = 1.5  // an early-warning pair (提前两周发现异常)
	wObject       = 0.3  // factor for the object of a detection word (刀具磨损|在线监测, 对电池舱|进行监测) and for the keywords and description of a detection title
	wBought       = 0.7  // share of an object\'s device/material/process meaning moved to buy (购置|污泥脱水设备)
	maxDeGap      = 3    // a carrier composes across 的 only this many bytes after it
	maxCarrierGap = 18   // bytes between a carrier and the word it takes its meaning from
	maxEarlyGap   = 24   // bytes between 提前 and its detection word
)

// needReqW and needCtxW weigh each concept in a need's description: in
// the object of a request (after 需要, 希望, 寻求…) and elsewhere.
var (
	needReqW = [numConcepts]float64{cMon: 1, cTestSvc: 1, cInfo: 1, cSvc: 1, cProc: 0.8, cMat: 0.8, cDev: 0.6, cBuy: 1, cSym: 0.5, cImp: 1}
	needCtxW = [numConcepts]float64{cMon: 0.25, cTestSvc: 0.25, cInfo: 0.15, cSvc: 0.15, cProc: 0.1, cMat: 0.1, cDev: 0.05, cBuy: 0, cSym: 0.35, cImp: 0.4}
)

// needOf and roleOf map concepts to kinds.
var (
	needOf = [numConcepts][numNeeds]float64{
		cMon:     {NeedDetect: 1},
		cTestSvc: {NeedTest: 1},
		cInfo:    {NeedService: 1},
		cSvc:     {NeedService: 1},
		cProc:    {NeedRemedy: 1},
		cMat:     {NeedRemedy: 0.8},
		cDev:     {NeedRemedy: 0.8},
		cBuy:     {NeedBuy: 1},
		cSym:     {NeedRemedy: 0.5},
		cImp:     {NeedRemedy: 1},
	}
	roleOf = [numConcepts][numRoles]float64{
		cMon:     {RoleMonitoring: 1},
		cTestSvc: {RoleService: 1, RoleMonitoring: 0.3},
		cInfo:    {RoleSoftware: 1},
		cSvc:     {RoleService: 1},
		cProc:    {RoleProcess: 1},
		cMat:     {RoleMaterial: 1},
		cDev:     {RoleDevice: 1},
	}
)

type vec = [numConcepts]float32

// unit is a cue word, or a function word composed with its carrier
// (监测+系统), with the byte span it covers.
type unit struct {
	v          vec
	start, end int32
	sent       int32
	paren      bool
	tech       bool // holds a technique word (技术, 配方, 专利)
	purchase   bool // a purchase verb (采购, 购置, 求购)
}

// dominant returns the strongest concept of v and its weight (-1, 0 when
// v is empty).
func dominant(v *vec) (concept, float32) {
	best, bw := concept(255), float32(0)
	for c, w := range v {
		if w > bw {
			best, bw = concept(c), w
		}
	}
	return best, bw
}

// composeTo[car][d] is the meaning of carrier car after a word whose
// dominant concept is d, as shares of the composed strength: 监测+装置 is
// monitoring (with a little device), 焊接+系统 a device, 管理+系统
// software, 检测+服务 a testing service, 制备+平台 a process.
var composeTo = func() (t [numCarriers][numConcepts]vec) {
	set := func(car carrier, v vec, ds ...concept) {
		if len(ds) == 0 { // the default row
			for d := range t[car] {
				t[car][d] = v
			}
		}
		for _, d := range ds {
			t[car][d] = v
		}
	}
	set(carHW, vec{cDev: 1})
	set(carHW, vec{cMon: 1, cDev: 0.25}, cMon)
	set(carHW, vec{cTestSvc: 1}, cTestSvc)
	set(carHW, vec{cInfo: 0.6, cDev: 0.4}, cInfo)
	set(carHW, vec{cSvc: 0.5, cDev: 0.5}, cSvc)

	set(carMethod, vec{cProc: 1})
	for _, d := range [...]concept{cMon, cTestSvc, cInfo, cSvc} {
		var v vec
		v[d] = 1
		set(carMethod, v, d)
	}
	set(carMethod, vec{cMat: 0.5, cProc: 0.5}, cMat)
	set(carMethod, vec{cDev: 0.7, cProc: 0.3}, cDev)

	set(carSystem, vec{cDev: 1})
	set(carSystem, vec{cMon: 1, cInfo: 0.3}, cMon)
	set(carSystem, vec{cInfo: 1}, cInfo)
	set(carSystem, vec{cTestSvc: 1}, cTestSvc)
	set(carSystem, vec{cSvc: 0.5, cInfo: 0.5}, cSvc)

	set(carPlatform, vec{cProc: 0.8, cInfo: 0.2})
	set(carPlatform, vec{cMon: 1, cInfo: 0.4}, cMon)
	set(carPlatform, vec{cInfo: 1}, cInfo)
	set(carPlatform, vec{cTestSvc: 1, cInfo: 0.3}, cTestSvc)
	set(carPlatform, vec{cSvc: 0.7, cInfo: 0.5}, cSvc)
	set(carPlatform, vec{cDev: 0.6, cInfo: 0.3}, cDev)

	for d := range t[carSoftware] {
		t[carSoftware][d][cInfo] = 1
		if concept(d) != cInfo {
			t[carSoftware][d][d] += 0.3
		}
	}
	// software named by its analysis function is that function, in
	// software form (仿真分析+软件, 辅助诊断+软件), as 预测+系统 is
	set(carSoftware, vec{cMon: 1, cInfo: 0.8}, cMon)

	set(carService, vec{cSvc: 1})
	set(carService, vec{cTestSvc: 1}, cMon, cTestSvc)
	set(carService, vec{cSvc: 0.6, cInfo: 0.6}, cInfo)
	return t
}()

// compose gives the meaning of carrier car (own: its meaning alone) after
// a unit meaning prev (see composeTo). The strength is prev's, bounded to
// [0.6, 1.2]. A product carrier keeps prev's meaning (检测试剂 is
// monitoring), and so does a suffix (无损检测自动化 is monitoring, 柱塞泵国产化
// a device); a purchase carrier (X采购, X供应商) buys prev unless prev is
// a service, a technique or a detection capability or instrument: then
// the object decides (检测设备供货商 is detection, as 采购|检测设备 is).
func compose(prev vec, car carrier, own vec) vec {
	d, dw := dominant(&prev)
	if dw == 0 || car == carNone {
		return own
	}
	s := min(float32(1.2), max(float32(0.6), dw))
	var v vec
	switch car {
	case carProduct:
		v = prev
		v[cBuy] += 0.2
	case carSuffix:
		v = prev
	case carPurchase:
		switch d {
		case cTestSvc, cSvc, cInfo, cMon:
			v[d], v[cBuy] = s, 0.2
		case cProc:
			v[cProc], v[cBuy] = 0.6*s, 0.2
		default:
			v[cBuy], v[d] = 1, 0.3*s
		}
	default:
		for c, x := range composeTo[car][d] {
			v[c] = x * s
		}
	}
	return v
}

// analysis is the per-call state: the hits of the field being read and
// the evidence gathered per kind and field.
type analysis struct {
	c     *Classifier
	need  bool // classifying a need (else an achievement)
	hits  []hit
	units []unit
	idx   []int32
	cues  []rawCue
	// score[field][kind]
	score [numFields][8]float64
	// detHead: the achievement's title is a detection head (see
	// detectionTitle); its keywords and description name the object
	// monitored and the instrument's parts.
	detHead bool
}

// rawCue is a cue before the kind type is applied: key packs kind,
// field, keyword, start and end (see cueKey) for sorting and merging.
type rawCue struct {
	key uint64
	w   float64
}

func (c rawCue) kind() int        { return int(c.key >> 57) }
func (c rawCue) field() Field     { return Field(c.key >> 55 & 3) }
func (c rawCue) keyword() int     { return int(c.key >> 48 & 127) }
func (c rawCue) span() (int, int) { return int(c.key >> 24 & (1<<24 - 1)), int(c.key & (1<<24 - 1)) }

// cueKey packs a cue's identity, in the order kind, field, keyword, start,
// end (kind 3 bits, field 2, keyword 7, start and end 24 each: fields are
// at most MaxFieldBytes = 16 KiB and MaxKeywords = 64 keywords).
func cueKey(kind int, f Field, kw int, start, end int32) uint64 {
	return uint64(kind)<<57 | uint64(f)<<55 | uint64(kw)<<48 | uint64(start)<<24 | uint64(end)
}

func (a *analysis) nKinds() int {
	if a.need {
		return numNeeds
	}
	return numRoles
}

// emit adds a unit's evidence, weighted by w per concept, to the field's
// scores and cues.
func (a *analysis) emit(u *unit, w [numConcepts]float64, f Field, kw int) {
	var per [8]float64
	for c, cv := range u.v {
		if cv == 0 || w[c] == 0 {
			continue
		}
		x := float64(cv) * w[c]
		if a.need {
			for k, m := range needOf[c] {
				per[k] += x * m
			}
		} else {
			for k, m := range roleOf[c] {
				per[k] += x * m
			}
		}
	}
	for k := 1; k < a.nKinds(); k++ {
		if per[k] <= 0 {
			continue
		}
		a.score[f][k] += per[k]
		a.cues = append(a.cues, rawCue{key: cueKey(k, f, kw, u.start, u.end), w: per[k]})
	}
}

// uniform returns a per-concept weight vector of x.
func uniform(x float64) [numConcepts]float64 {
	var w [numConcepts]float64
	for i := range w {
		w[i] = x
	}
	return w
}

func (a *analysis) entry(i int32) *entry { return &a.c.entries[a.hits[i].e] }

// markDrops marks excluded hits and observational detection words (经检测,
// 检测发现, 试验中) as giving no evidence. An exclusion (不需要, 不考虑, 而不是)
// governs the rest of its clause, up to 即可/就能/而是 (不需要停机即可|在线检测);
// a carrier or detection word right after a dropped word goes with it
// (经第三方|检测).
func (a *analysis) markDrops() {
	hs := a.hits
	near := func(i, j int, gap int32) bool { // hits i < j in one clause, close
		return hs[i].clause == hs[j].clause && hs[j].start-hs[i].end <= gap
	}
	negClause := int32(-1) // the clause an exclusion governs, until 即可/而是
	for i := range hs {
		e := a.entry(int32(i))
		switch {
		case e.flags&fNeg != 0:
			negClause = hs[i].clause
		case e.flags&fNegEnd != 0 || hs[i].clause != negClause:
			negClause = -1
		}
		if !e.content() {
			continue
		}
		det := isDetection(e)
		if i > 0 {
			p := a.entry(int32(i - 1))
			switch {
			case negClause >= 0:
				hs[i].drop = true
			case hs[i-1].drop && p.content() && near(i-1, i, 3) && (e.car != carNone || det):
				hs[i].drop = true
			case det && p.flags&fObsBefore != 0 && near(i-1, i, 3):
				hs[i].drop = true
			}
		}
		if det && !hs[i].drop && i+1 < len(hs) && near(i, i+1, 3) && a.entry(int32(i+1)).flags&fObsAfter != 0 {
			hs[i].drop = true
		}
	}
}

// isDetection reports whether an entry is mainly monitoring or testing.
func isDetection(e *entry) bool {
	d, _ := dominant(&e.vec)
	return d == cMon || d == cTestSvc
}

// detProblem reports whether the hits [lo,hi) of one clause state a
// detection problem: a detection word with a lack (检测时间长, 漏检率高,
// 难以及时发现, 靠人工目检).
func (a *analysis) detProblem(lo, hi int) bool {
	mon, lack := false, false
	for i := lo; i < hi; i++ {
		h := &a.hits[i]
		e := &a.c.entries[h.e]
		if e.flags&fLack != 0 {
			lack = true
			if d, _ := dominant(&e.vec); d == cMon {
				mon = true
			}
			continue
		}
		if !h.drop && e.vec[cMon] > 0 {
			if d, _ := dominant(&e.vec); d == cMon {
				mon = true
			}
		}
	}
	return mon && lack
}

// fold turns the content hits idx (one conjunct or clause segment) into
// units, composing each carrier with the unit before it, across 的 only
// when the carrier follows it at once (检测的装置, not 检验的一条龙服务).
// seed, when not nil, is a unit the first carrier may compose with (the
// last unit of a title's modifier: 用于检测的|装置).
func (a *analysis) fold(idx []int32, seed *unit) span {
	start := len(a.units)
	for n, i := range idx {
		h := &a.hits[i]
		e := &a.c.entries[h.e]
		if e.car != carNone && !h.early && len(a.units) > start && a.composes(idx[n-1], i) {
			u := &a.units[len(a.units)-1]
			u.v = compose(u.v, e.car, e.vec)
			u.end = h.end
			u.tech = u.tech || e.flags&fTech != 0
			continue
		}
		u := a.unitOf(i)
		if e.car != carNone && n == 0 && seed != nil {
			u.v = compose(seed.v, e.car, e.vec)
			u.start = seed.start
		}
		a.units = append(a.units, u)
	}
	return span{start, len(a.units)}
}

// span is a range of a.units. Units are referred to by range while
// a.units grows, and sliced only once it no longer does.
type span struct{ lo, hi int }

// of returns the units of each span.
func (a *analysis) of(ss []span) [][]unit {
	out := make([][]unit, len(ss))
	for i, sp := range ss {
		out[i] = a.units[sp.lo:sp.hi]
	}
	return out
}

// unitOf makes the unit of one hit.
func (a *analysis) unitOf(i int32) unit {
	h := &a.hits[i]
	e := &a.c.entries[h.e]
	u := unit{v: e.vec, start: h.start, end: h.end, sent: h.sent, paren: h.paren, tech: e.flags&fTech != 0, purchase: e.car == carPurchase}
	if h.early {
		u.v = vec{cMon: wEarly}
		u.start = h.estart
	}
	return u
}

// composes reports whether the carrier hit j may take its meaning from
// the content hit i before it: close to it, and not across a 的 unless j
// follows the 的 at once.
func (a *analysis) composes(i, j int32) bool {
	if a.hits[j].start-a.hits[i].end > maxCarrierGap || a.hits[j].clause != a.hits[i].clause {
		return false
	}
	for k := i + 1; k < j; k++ {
		if a.entry(k).flags&fDe != 0 && a.hits[j].start-a.hits[k].end > maxDeGap {
			return false
		}
	}
	return true
}

// markEarly pairs 提前/尽早/早期 with the detection word after it in the
// same clause (提前两周以上发现异常): the pair is strong monitoring.
func (a *analysis) markEarly() {
	hs := a.hits
	for i := range hs {
		if a.entry(int32(i)).flags&fEarly == 0 {
			continue
		}
		for j := i + 1; j < len(hs) && hs[j].clause == hs[i].clause && hs[j].start-hs[i].end <= maxEarlyGap; j++ {
			if e := a.entry(int32(j)); e.flags&fFind != 0 && !(hs[j].drop && hs[i].drop) {
				hs[j].early, hs[j].estart, hs[j].drop = true, hs[i].start, false
				break
			}
		}
	}
}

// usable reports whether hit i carries evidence here: content, not
// dropped, and (in a detection problem) not the lack or symptom words.
func (a *analysis) usable(i int, detprob bool) bool {
	h := &a.hits[i]
	e := &a.c.entries[h.e]
	if h.early {
		return true
	}
	if h.drop || !e.content() {
		return false
	}
	if detprob && a.need {
		if e.flags&fLack != 0 {
			d, _ := dominant(&e.vec)
			return d == cMon
		}
		if d, _ := dominant(&e.vec); d == cSym || d == cImp {
			return false
		}
	}
	return true
}

// phrase reads a title or one keyword: a noun phrase whose head (last
// word, after the last 的 or 用, before 及其) decides. fw is the field
// weight.
func (a *analysis) phrase(s string, f Field, kw int, fw float64) {
	a.hits = a.c.scan(s, a.hits[:0])
	a.markDrops()
	a.markEarly()
	hs := a.hits
	// parts: before and after the first 及其
	cut := len(hs)
	for i := range hs {
		if a.entry(int32(i)).flags&fJiqi != 0 {
			cut = i
			break
		}
	}
	det := a.part(0, cut, f, kw, fw)
	if f == FieldTitle && !a.need {
		a.detHead = det
	}
	if cut < len(hs) {
		a.part(cut+1, len(hs), f, kw, fw*wSecondary)
	}
}

// part reads hits [lo,hi) of a title: modifier, then the head phrase
// split into conjuncts. It reports whether the head phrase is a detection
// head (see detectionTitle).
func (a *analysis) part(lo, hi int, f Field, kw int, fw float64) bool {
	hs := a.hits
	// the modifier ends at the last 的 or 用 followed by a content hit;
	// a part that starts with a purchase verb is a verb phrase, not split
	// (采购成熟的一体化设备)
	split := -1
	verb := false
	for i := lo; i < hi; i++ {
		if a.usable(i, false) {
			verb = a.entry(int32(i)).car == carPurchase
			break
		}
	}
	for i := hi - 1; i >= lo && !verb; i-- {
		if a.entry(int32(i)).flags&(fDe|fMod) == 0 {
			continue
		}
		for j := i + 1; j < hi; j++ {
			if !hs[j].paren && a.usable(j, false) {
				split = i
				break
			}
		}
		if split >= 0 {
			break
		}
	}
	detprob := a.need && a.detProblem(lo, hi)
	var seed *unit
	if split > lo {
		a.idx = a.idx[:0]
		for i := lo; i < split; i++ {
			if a.usable(i, detprob) && !hs[i].paren {
				a.idx = append(a.idx, int32(i))
			}
		}
		ms := a.fold(a.idx, nil)
		mods := a.units[ms.lo:ms.hi]
		w := uniform(wModifier * fw)
		for i := range mods {
			a.emit(&mods[i], w, f, kw)
		}
		if len(mods) > 0 {
			last := mods[len(mods)-1]
			for j := split + 1; j < hi; j++ {
				if a.usable(j, detprob) && !hs[j].paren {
					if hs[j].start-hs[split].end <= maxDeGap {
						seed = &last
					}
					break
				}
			}
		}
	}
	// the head phrase, in conjuncts
	from := max(lo, split+1)
	var conjSpans []span
	a.idx = a.idx[:0]
	var clause int32 = -1
	flush := func() {
		if len(a.idx) > 0 {
			conjSpans = append(conjSpans, a.fold(a.idx, seed))
			seed = nil
			a.idx = a.idx[:0]
		}
	}
	for i := from; i < hi; i++ {
		h := &hs[i]
		e := a.entry(int32(i))
		if e.flags&fConj != 0 || (clause >= 0 && h.clause != clause && !h.paren) {
			flush()
		}
		if !h.paren {
			clause = h.clause
		}
		if h.paren {
			if a.usable(i, detprob) {
				u := a.unitOf(int32(i))
				a.emit(&u, uniform(wInPhrase*wParen*fw), f, kw)
			}
			continue
		}
		if a.usable(i, detprob) {
			a.idx = append(a.idx, int32(i))
		}
	}
	flush()
	conjs := a.of(conjSpans)
	// coordinated functions share the last conjunct's carrier
	// (在线监测与定位|系统, 状态监测与故障诊断|系统)
	if n := len(conjs); n > 1 {
		last := conjs[n-1]
		if car, own, ok := a.trailingCarrier(last); ok {
			for ci := 0; ci < n-1; ci++ {
				us := conjs[ci]
				h := &us[len(us)-1]
				if d, _ := dominant(&h.v); d == cMon || d == cInfo || d == cProc || d == cSvc || d == cTestSvc {
					h.v = compose(h.v, car, own)
				}
			}
		}
	}
	det := detectionTitle(conjs)
	for ci, us := range conjs {
		purchaseObject(us)
		detectionObjects(us, len(us)-1)
		if a.need {
			symptomSubjects(us)
		}
		if f != FieldTitle && a.detHead {
			objectsOf(us)
		}
		for ui := range us {
			w := wInPhrase
			if ui == len(us)-1 {
				w = wConjHead
				if ci == len(conjs)-1 {
					w = wHead
				}
			}
			a.emit(&us[ui], uniform(w*fw), f, kw)
		}
	}
	return det
}

// detectionTitle reports whether a title's head phrase is a detection head:
// every conjunct's head is a detection, measurement, analysis or
// forecasting unit (…自动检漏系统, 寿命预测与健康状态评估系统, 风险评估模型), so
// that the title names no acting function (…检测与自动补偿系统 does).
func detectionTitle(conjs [][]unit) bool {
	for _, us := range conjs {
		if d, _ := dominant(&us[len(us)-1].v); d != cMon {
			return false
		}
	}
	return len(conjs) > 0
}

// objectsOf lowers the devices, materials, processes and symptoms of an
// achievement's keyword or description units by wObject when its title is
// a detection head: there they name what is monitored and the parts of
// the instrument (压铸件, 真空箱, 抽真空机组, 电池包), not what is offered.
// Detection units keep their weight.
func objectsOf(us []unit) {
	for i := range us {
		if d, _ := dominant(&us[i].v); d == cMon || d == cTestSvc {
			continue
		}
		for _, c := range [...]concept{cDev, cMat, cSym, cProc} {
			us[i].v[c] *= wObject
		}
	}
}

// purchaseObject applies a purchase verb to its object, the units after
// it in one segment (购置|小型污泥脱水设备, 求购|二手注塑机): a service or a
// technique bought is not a purchase (采购检测服务, 购买配方); equipment or
// material bought is.
func purchaseObject(us []unit) {
	for i := range us {
		if !us[i].purchase || i+1 == len(us) {
			continue
		}
		obj := &us[len(us)-1]
		if d, _ := dominant(&obj.v); obj.tech || d == cTestSvc || d == cSvc || d == cInfo || d == cMon || d == cProc {
			us[i].v[cBuy] *= 0.2
			continue
		}
		for j := i + 1; j < len(us); j++ {
			v := &us[j].v
			for _, c := range [...]concept{cDev, cMat, cProc} {
				m := v[c] * wBought
				v[c] -= m
				v[cBuy] += m
			}
		}
	}
}

// detectionObjects lowers the weight of what a detection word is about
// (刀具磨损|在线监测, 在轴承损坏前|发现异常): the device, material or
// symptom monitored is not wanted or offered. head is the index of the
// detection unit that governs the others, or -1 to look for one.
func detectionObjects(us []unit, head int) {
	if head < 0 {
		for i := range us {
			if d, _ := dominant(&us[i].v); d == cMon || d == cTestSvc {
				head = i
				break
			}
		}
		if head < 0 {
			return
		}
	} else if d, _ := dominant(&us[head].v); d != cMon && d != cTestSvc {
		return
	}
	for i := range us {
		if i == head {
			continue
		}
		if d, _ := dominant(&us[i].v); d == cMon || d == cTestSvc || d == cBuy {
			continue
		}
		for _, c := range [...]concept{cDev, cMat, cSym, cProc} {
			us[i].v[c] *= wObject
		}
	}
}

// symptomSubjects halves the devices and materials of a need title's
// conjunct whose head is a symptom (主扇风机电机|故障): they are what has
// the problem, not what is wanted.
func symptomSubjects(us []unit) {
	if d, _ := dominant(&us[len(us)-1].v); d != cSym {
		return
	}
	for i := range us[:len(us)-1] {
		us[i].v[cDev] *= 0.5
		us[i].v[cMat] *= 0.5
	}
}

// trailingCarrier returns the carrier that ends a conjunct's last unit
// (its last hit), if any.
func (a *analysis) trailingCarrier(us []unit) (carrier, vec, bool) {
	u := &us[len(us)-1]
	for i := len(a.hits) - 1; i >= 0; i-- {
		h := &a.hits[i]
		if h.end == u.end {
			e := a.entry(int32(i))
			return e.car, e.vec, e.car != carNone && h.start > u.start
		}
	}
	return carNone, vec{}, false
}

// prose reads a description: sentence by sentence; for a need, the object
// of a request weighs more than the context.
func (a *analysis) prose(s string) {
	a.hits = a.c.scan(s, a.hits[:0])
	a.markDrops()
	a.markEarly()
	hs := a.hits
	for lo := 0; lo < len(hs); {
		hi := lo
		for hi < len(hs) && hs[hi].sent == hs[lo].sent {
			hi++
		}
		a.sentence(lo, hi)
		lo = hi
	}
}

// sentence reads the hits [lo,hi) of one sentence.
func (a *analysis) sentence(lo, hi int) {
	hs := a.hits
	reqAt, reqW := a.request(lo, hi)
	// testing asked for as a service turns the request's detection words
	// into testing (需要第三方机构进行EMC测试并出具报告)
	testing := false
	if reqAt >= 0 {
		for i := lo; i < hi; i++ {
			if hs[i].start >= reqAt && !hs[i].drop {
				if d, _ := dominant(&a.entry(int32(i)).vec); d == cTestSvc {
					testing = true
				}
			}
		}
	}
	for clo := lo; clo < hi; {
		chi := clo
		for chi < hi && hs[chi].clause == hs[clo].clause {
			chi++
		}
		a.clause(clo, chi, reqAt, reqW, testing)
		clo = chi
	}
}

// request finds the request of a need's sentence [lo,hi): the byte offset
// where its object starts and the object's weight factor (-1, 0 when the
// sentence requests nothing, or for an achievement). A request verb after
// a current-state marker in its clause (目前需要人工调修) is context.
func (a *analysis) request(lo, hi int) (int32, float64) {
	if !a.need {
		return -1, 0
	}
	hs := a.hits
	for i := lo; i < hi; i++ {
		e := a.entry(int32(i))
		if e.flags&fReq == 0 || hs[i].drop {
			continue
		}
		now := false
		for j := lo; j < i; j++ {
			if hs[j].clause == hs[i].clause && a.entry(int32(j)).flags&fNow != 0 {
				now = true
			}
		}
		if now {
			continue
		}
		at := hs[i].end
		if e.content() {
			at = hs[i].start // 求购, 采购: the verb is part of the request
		}
		if e.flags&fReqWeak != 0 {
			return at, wReqWeak
		}
		return at, 1
	}
	return -1, 0
}

// clause reads the hits [lo,hi) of one clause of a description.
func (a *analysis) clause(lo, hi int, reqAt int32, reqW float64, testing bool) {
	hs := a.hits
	detprob := a.need && a.detProblem(lo, hi)
	var spans []span
	var des []int32 // offsets of 的, for the modifier rule
	first := len(a.units)
	a.idx = a.idx[:0]
	flush := func() {
		if len(a.idx) > 0 {
			spans = append(spans, a.fold(a.idx, nil))
			a.idx = a.idx[:0]
		}
	}
	for i := lo; i < hi; i++ {
		e := a.entry(int32(i))
		if e.flags&(fConj|fReq) != 0 && !hs[i].early {
			flush()
		}
		if e.flags&fDe != 0 {
			des = append(des, hs[i].start)
		}
		if !hs[i].paren && a.usable(i, detprob) {
			a.idx = append(a.idx, int32(i))
		}
	}
	flush()
	for i := lo; i < hi; i++ {
		if hs[i].paren && a.usable(i, detprob) {
			a.units = append(a.units, a.unitOf(int32(i)))
			spans = append(spans, span{len(a.units) - 1, len(a.units)})
		}
	}
	segs := a.of(spans)
	for _, us := range segs {
		purchaseObject(us)
	}
	detectionObjects(a.units[first:], -1)
	if !a.need && a.detHead {
		objectsOf(a.units[first:])
	}
	for _, us := range segs {
		for ui := range us {
			u := &us[ui]
			if testing && u.start >= reqAt && u.v[cMon] > 0 {
				u.v[cTestSvc] += u.v[cMon]
				u.v[cMon] = 0
			}
			var w [numConcepts]float64
			switch {
			case !a.need:
				w = uniform(wDescRole)
			case reqAt >= 0 && u.start >= reqAt:
				w = needReqW
				for c := range w {
					w[c] *= reqW
				}
			default:
				w = needCtxW
				if detprob {
					w[cMon] = wDetProb
				}
			}
			f := 1.0
			if u.paren {
				f *= wParen
			}
			if ui+1 < len(us) {
				for _, d := range des {
					if d >= u.end && us[len(us)-1].start > d {
						f *= wProseMod
						break
					}
				}
			}
			for c := range w {
				w[c] *= f
			}
			a.emit(u, w, FieldDescription, 0)
		}
	}
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for i := n; i > n-utf8.UTFMax && i > 0; i-- {
		if utf8.RuneStart(s[i]) {
			return s[:i]
		}
	}
	return s[:n]
}

// pool recycles the per-call buffers.
var pool = sync.Pool{New: func() any { return new(analysis) }}

// run classifies t and returns per-kind scores and the raw cues; the
// caller puts the analysis back into pool when done.
func (c *Classifier) run(t Text, need bool) *analysis {
	a := pool.Get().(*analysis)
	*a = analysis{c: c, need: need, hits: a.hits[:0], units: a.units[:0], idx: a.idx[:0], cues: a.cues[:0]}
	a.phrase(truncate(t.Title, MaxFieldBytes), FieldTitle, 0, wTitle)
	for i, k := range t.Keywords {
		if i >= MaxKeywords {
			break
		}
		a.units = a.units[:0]
		kw := wKeyword
		if !need {
			kw = wKeywordA
		}
		a.phrase(truncate(k, MaxFieldBytes), FieldKeywords, i, kw)
	}
	a.units = a.units[:0]
	a.prose(truncate(t.Description, MaxFieldBytes))
	// cap keywords and description per kind, scaling their cues
	for _, fc := range [...]struct {
		f   Field
		cap float64
	}{{FieldKeywords, capKeyword}, {FieldDescription, capDesc}} {
		if !need {
			fc.cap = capRole
		}
		for k := range a.score[fc.f] {
			if s := a.score[fc.f][k]; s > fc.cap {
				r := fc.cap / s
				a.score[fc.f][k] = fc.cap
				for i := range a.cues {
					if a.cues[i].field() == fc.f && a.cues[i].kind() == k {
						a.cues[i].w *= r
					}
				}
			}
		}
	}
	return a
}

// decide turns the scores into a Result.
func decide[K Kind](a *analysis, t Text) Result[K] {
	n := a.nKinds()
	var total [8]float64
	sum := 0.0
	for k := 1; k < n; k++ {
		for f := range a.score {
			total[k] += a.score[f][k]
		}
		sum += total[k]
	}
	var r Result[K]
	r.Evidence = round4(sum)
	top, second := 0, 0
	for k := 1; k < n; k++ {
		switch {
		case total[k] > total[top]:
			top, second = k, top
		case total[k] > total[second]:
			second = k
		}
	}
	sat := 1 - math.Exp(-sum/Saturation)
	if top > 0 && sum >= MinEvidence {
		conf := total[top] / sum * sat
		if conf >= MinConfidence {
			r.Kind, r.Confidence = K(top), round4(conf)
			if second > 0 && total[second] >= CloseRatio*total[top] {
				r.RunnerUp, r.RunnerUpConfidence = K(second), round4(total[second]/sum*sat)
			}
		}
	}
	r.Cues = cueList[K](a, t)
	return r
}

// cueList merges the raw cues (same kind and span), sorts them strongest
// first (then by field, keyword, start, kind) and keeps MaxCues.
func cueList[K Kind](a *analysis, t Text) []Cue[K] {
	if len(a.cues) == 0 {
		return nil
	}
	rc := a.cues
	slices.SortFunc(rc, func(x, y rawCue) int { return cmp.Compare(x.key, y.key) })
	n := 0
	for _, c := range rc {
		if n > 0 && rc[n-1].key == c.key {
			rc[n-1].w += c.w
			continue
		}
		rc[n] = c
		n++
	}
	rc = rc[:n]
	// the MaxCues strongest, by insertion (ties: field, keyword, start, kind)
	before := func(x, y rawCue) bool {
		if x.w != y.w {
			return x.w > y.w
		}
		xs, _ := x.span()
		ys, _ := y.span()
		return cmp.Or(cmp.Compare(x.field(), y.field()), cmp.Compare(x.keyword(), y.keyword()), cmp.Compare(xs, ys), cmp.Compare(x.kind(), y.kind())) < 0
	}
	var top [MaxCues]rawCue
	m := 0
	for _, c := range rc {
		if m == MaxCues && !before(c, top[m-1]) {
			continue
		}
		i := min(m, MaxCues-1)
		for i > 0 && before(c, top[i-1]) {
			top[i] = top[i-1]
			i--
		}
		top[i] = c
		m = min(m+1, MaxCues)
	}
	out := make([]Cue[K], m)
	for i, c := range top[:m] {
		var text string
		switch c.field() {
		case FieldTitle:
			text = t.Title
		case FieldKeywords:
			text = t.Keywords[c.keyword()]
		default:
			text = t.Description
		}
		start, end := c.span()
		out[i] = Cue[K]{Kind: K(c.kind()), Word: text[start:end], Field: c.field(), Keyword: c.keyword(), Start: start, End: end, Weight: round4(c.w)}
	}
	return out
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// Need classifies what a need asks for. See the package documentation
// for the rules. Time O(length of the text); safe for concurrent use.
func (c *Classifier) Need(t Text) NeedResult {
	a := c.run(t, true)
	defer pool.Put(a)
	return decide[NeedIntent](a, t)
}

// Achievement classifies what an achievement is. See the package
// documentation for the rules. Time O(length of the text); safe for
// concurrent use.
func (c *Classifier) Achievement(t Text) RoleResult {
	a := c.run(t, false)
	defer pool.Put(a)
	return decide[Role](a, t)
}
