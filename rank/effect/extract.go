package effect

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// mode is the grammatical pattern a raw statement was read with.
type mode uint8

const (
	mAction      mode = iota + 1 // direction verb before the property: 降低能耗, 消除啸叫
	mReport                      // property before a change verb: 能耗降低15%, 续航掉得快
	mLevelReq                    // a bound set as a target: 透光率≥88%, 温差控制在3℃以内
	mLevelReport                 // a level reported: 芯片温度超过105℃, 寿命10年以上
	mReach                       // 达到 without a bound: 寿命可达30万公里, 破碎率达6%
	mState                       // adjective: 裂纹多, 合格率低, 高能耗, 成本较高
	mClaim                       // a claim word: 耐腐蚀, 降噪, 轻量化
	mNegClaim                    // a negated claim word: 不耐腐蚀
	mNegNoun                     // a negated defect: 无裂纹, 不析锂, 零泄漏
	mOccur                       // an occurring defect: 容易开裂, 出现异响
	mProblem                     // a property named as a problem: 色差问题, 续航问题
	mTime                        // a failure after a short time: 半年就穿孔 → 寿命
	mBare                        // a defect named in a need without any cue: 铸件漏气
)

// Strengths of statements (see Statement.Strength).
const (
	strengthNumber    = 1.0
	strengthVerb      = 0.7
	strengthAdjective = 0.4
	strengthMention   = 0.2
)

// Bounds of the analysis. maxStatements bounds the output of Extract;
// maxCues and maxList bound the words of one statement.
const (
	maxStatements = 64
	maxCues       = 8
	maxList       = 8
)

// Rune gaps allowed between the words of a pattern (characters that are
// not lexicon words: 了, 的, 电机运行时的 …). Curated on the tables of
// effect_test.go.
const (
	gapAction   = 8  // 降低 … 能耗
	gapGovernor = 12 // 针对 … 缩松
	gapReport   = 12 // 能耗 … 降低 (a comparison or a starting value between: 由78 MPa)
	gapState    = 3  // 续航 … 短
	gapCompared = 12 // 噪声比竞品高, 成本较磷酸铁锂电池低
)

// raw is a statement before the role decides its kind.
type raw struct {
	t        int   // target token (the claim token for claims)
	prop     int32 // property
	sign     int8  // -1: the target word is an inverse name
	mode     mode
	dir      Direction // on the target word's own axis
	cues     [maxCues]int32
	kinds    [maxCues]CueKind
	nc       int
	number   bool
	governed bool // by 消除, 改善, 针对 …: an effect even in a background clause
	weak     bool // by 针对: adjective strength
	unable   bool // 无法降低: the wanted direction, not an effect
	problem  bool // 电阻增大问题: a problem described, background in an achievement
	ctx      int  // wish markers before this token count
}

func (r *raw) cue(i int, k CueKind) {
	if i >= 0 && r.nc < maxCues {
		r.cues[r.nc], r.kinds[r.nc] = int32(i), k
		r.nc++
	}
}

// list is a short list of target tokens (能耗和噪声).
type list struct {
	idx [maxList]int
	n   int
}

func (l *list) add(i int) {
	if l.n < maxList {
		l.idx[l.n] = i
		l.n++
	}
}

// extractor holds the state of one Extract call.
type extractor struct {
	a     *Analyzer
	text  string
	role  Role
	t     []tok
	wish  []int32 // wish[i]: wish markers among t[:i]
	out   []Statement
	seen  []seen
	cues  []Cue // backing store of the statements' cues
	sa    int   // first token of the current sentence
	bg    bool  // the clause is background (achievement)
	tried bool  // the clause reports what was tried (need)
}

// seen remembers the statement made for a property from a target token
// and a main cue (the verb, adjective, claim … at ctx): one statement per
// property for either (出现啸叫和异响 says 噪声 once).
type seen struct {
	t, ctx int
	prop   int32
	at     int
}

// Extract reads the statements of text in the given role, in text order
// of their property words, at most 64. Texts longer than MaxBytes are
// analysed up to MaxBytes. Invalid UTF-8 is skipped. An unknown role gives
// nil. Time O(len(text)); safe for concurrent use.
func (a *Analyzer) Extract(text string, role Role) []Statement {
	if role != Need && role != Achievement || text == "" {
		return nil
	}
	if len(text) > MaxBytes {
		cut := MaxBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	x := &extractor{a: a, text: text, role: role,
		out: make([]Statement, 0, 16), seen: make([]seen, 0, 16), cues: make([]Cue, 0, 48)}
	x.t = a.scan(text, make([]tok, 0, len(text)/6+4))
	x.wish = make([]int32, len(x.t)+1)
	for i, tk := range x.t {
		x.wish[i+1] = x.wish[i]
		if tk.cls == cWish {
			x.wish[i+1]++
		}
	}
	x.run()
	slices.SortStableFunc(x.out, func(a, b Statement) int { return a.Target.Start - b.Target.Start })
	return x.out
}

func (x *extractor) run() {
	n := len(x.t)
	for s := 0; s < n; {
		e := s
		for e < n && x.t[e].cls != cStop {
			e++
		}
		x.sentence(s, e)
		s = e + 1
	}
}

func (x *extractor) sentence(sa, sb int) {
	x.sa = sa
	carry := false
	for c := sa; c < sb; {
		e := c
		for e < sb && x.t[e].cls != cBreak {
			e++
		}
		x.clause(c, e, &carry)
		c = e + 1
	}
}

// clause applies the patterns to the tokens t[ca:cb] in a fixed order; a
// token used by one pattern is not used by a later one.
func (x *extractor) clause(ca, cb int, carry *bool) {
	x.bg, x.tried = false, false
	if x.role == Achievement {
		bg := *carry
		for i := ca; i < cb; i++ {
			switch x.t[i].cls {
			case cSelf:
				bg = false
			case cBackground:
				if !x.neutral(i, ca, cb) {
					bg = true
				}
			}
		}
		x.bg, *carry = bg, bg
	} else {
		for i := ca; i < cb; i++ {
			if x.t[i].cls == cTried {
				x.tried = true
			}
		}
	}
	x.markMeasured(ca, cb)
	for i := ca; i < cb; i++ {
		if c := x.t[i].cls; c >= cDown && c <= cLess && !x.t[i].used {
			x.verb(i, ca, cb)
		}
	}
	x.suffixes(ca, cb)
	x.adjectives(ca, cb)
	x.negations(ca, cb)
	x.occurrences(ca, cb)
	x.problems(ca, cb)
	if x.role == Need {
		x.times(ca, cb)
	}
	x.claims(ca, cb)
	if x.role == Need {
		x.bare(ca, cb)
	}
}

// gap is the number of runes between the end of token i and the start of
// token j (i < j).
func (x *extractor) gap(i, j int) int { return int(x.t[j].rs - x.t[i].re) }

// neutral reports whether background word i only serves a comparison
// (较传统工艺, 与现有方法相比) or the problem the text addresses (针对现有…).
func (x *extractor) neutral(i, ca, cb int) bool {
	if p := i - 1; p >= ca && x.gap(p, i) == 0 {
		switch x.t[p].cls {
		case cLow, cHigh, cReach, cMore, cLess, cReqUp, cReqDown:
			return true // 添加量仅为传统导电炭黑的1/3: the standard compared with
		}
	}
	for j := max(ca, i-6); j < min(cb, i+5); j++ {
		if j == i {
			continue
		}
		c := x.t[j].cls
		if c == cCompare {
			d := x.t[i].rs - x.t[j].re
			if j > i {
				d = x.t[j].rs - x.t[i].re
			}
			if d <= 6 {
				return true
			}
		}
		if j < i && c >= cDown && c <= cLimit {
			return true // 降低了传统工艺的成本, 针对现有方法…
		}
	}
	return false
}

// markMeasured marks the properties next to a measuring word (检测泄漏,
// 寿命预测, 可检出泄漏率): what a text measures is not what it changes.
func (x *extractor) markMeasured(ca, cb int) {
	for i := ca; i < cb; i++ {
		c := x.t[i].cls
		if c != cTarget && c != cClaim {
			continue
		}
		// 检测效率 and 探伤合格率 are properties of the inspection, not
		// objects of it: only a property that is bad when high (or
		// either way) is the object of a measuring word before it.
		// A measuring word right after a property is a noun (气密性试验
		// 不合格率): it measures that one, not the next.
		before := i-1 >= ca && x.t[i-1].cls == cMeasure && x.gap(i-1, i) <= 4 &&
			!(i-2 >= ca && x.t[i-2].cls == cTarget && x.gap(i-2, i-1) == 0)
		if before && c == cTarget && x.own(i) == Up {
			before = false
		}
		after := i+1 < cb && (x.t[i+1].cls == cMeasure && x.gap(i, i+1) <= 2 ||
			x.t[i+1].cls == cHead && x.gap(i, i+1) == 0) // 堵塞时间延长: about the time
		if before || after {
			x.t[i].measured = true
		}
	}
}

// free reports whether token i is a target no pattern has used yet and no
// measuring word touches.
func (x *extractor) free(i int) bool {
	tk := &x.t[i]
	return tk.cls == cTarget && !tk.used && !tk.measured
}

// own is the good direction of target token i on its own axis (气密性:
// Up, since 泄漏 is Down).
func (x *extractor) own(i int) Direction {
	e := x.a.entries[x.t[i].ent]
	return x.a.props[e.prop].good.times(e.sign)
}

func isAdj(c class) bool { return c == cHigh || c == cLow || c == cBad || c == cGood }
func isChange(c class) bool {
	switch c {
	case cDown, cSlow, cFall, cDownTo, cUp, cRise, cUpTo:
		return true
	}
	return false
}

// isJoin reports whether c joins listed properties (和, 及, 、).
func isJoin(c class) bool { return c == cConj || c == cEnum }

// isAdverb reports whether c may be an adverb right before a verb (明显上升,
// 不能明显增加).
func isAdverb(c class) bool { return c == cHigh || c == cLow || c == cGood }
func isCmp(c class) bool    { return c == cReqUp || c == cReqDown || c == cMore || c == cLess }
func governor(c class) bool { return c == cRemove || c == cRemedy || c == cAddress }

// changeDir is the direction of a change verb.
func changeDir(c class) Direction {
	if c == cUp || c == cRise || c == cUpTo {
		return Up
	}
	return Down
}

// verbDir is the direction verb class c gives a property whose good
// direction is g, or 0 when the pair makes no statement (改善温度).
func verbDir(c class, g Direction) Direction {
	switch c {
	case cDown, cSlow, cFall, cDownTo:
		return Down
	case cUp, cRise, cUpTo:
		return Up
	case cRemove:
		if g == Up {
			return 0
		}
		return Down
	case cRemedy, cAddress:
		return g
	case cLimit:
		if g == Down {
			return Down
		}
		return 0
	case cKeep, cKeepTo:
		return Keep
	}
	return 0
}

// adjState is the state an adjective gives a property whose good direction
// is g (bad and good words need a known g), negated when neg.
func adjState(c class, g Direction, neg bool) Direction {
	if neg {
		switch c {
		case cHigh:
			c = cLow
		case cLow:
			c = cHigh
		case cBad:
			c = cGood
		case cGood:
			c = cBad
		}
	}
	switch c {
	case cHigh:
		return Up
	case cLow:
		return Down
	case cBad:
		return g.opposite()
	case cGood:
		return g
	}
	return 0
}

// negBefore finds a negation right before token i (不降低, 无法有效降低).
func (x *extractor) negBefore(i, ca int) (j int, unable bool) {
	j = i - 1
	for j >= ca && i-j <= 3 && (x.t[j].cls == cBlock || isAdverb(x.t[j].cls) && x.gap(j, j+1) == 0) {
		j-- // 无法有效降低, 不能明显增加
	}
	if j >= ca && (x.t[j].cls == cNeg || x.t[j].cls == cUnable) && x.gap(j, i) <= 2 {
		return j, x.t[j].cls == cUnable
	}
	return -1, false
}

// back looks for a free target before token from (exclusive: from is the
// first token examined), skipping the classes in skip, within maxGap runes
// of token to (or gapCompared when a comparison was skipped and compared
// is true). It returns -1 when there is none.
func (x *extractor) back(from, to, ca int, maxGap int, skip func(class) bool, compared bool) int {
	limit := maxGap
	for j := from; j >= ca; j-- {
		c := x.t[j].cls
		if compared && c == cCompare {
			limit = max(limit, gapCompared)
		}
		if int(x.t[to].rs-x.t[j].re) > limit {
			return -1
		}
		if c == cTarget {
			if x.free(j) && !(j+1 < to && x.t[j+1].cls == cCond && x.gap(j, j+1) == 0) {
				return j // 污染后通量恢复率>95%: 污染 is a condition
			}
			return -1
		}
		if !skip(c) {
			return -1
		}
	}
	return -1
}

func skipReport(c class) bool {
	switch c {
	case cCompare, cBackground, cNumber, cBlock, cWish, cProblem, cCond:
		return true
	}
	return false
}

func skipState(c class) bool {
	switch c {
	case cCompare, cBackground, cNumber, cBlock, cProblem, cCond:
		return true
	}
	return false
}

// forward collects the free targets joined to target j by adjacency or a
// conjunction (能耗和噪声, 磨损、拉伤, 起泡腐蚀).
func (x *extractor) forward(j, cb int) list {
	var l list
	l.add(j)
	for k := j; l.n < maxList; {
		n := k + 1
		if n < cb && x.free(n) && x.gap(k, n) == 0 && x.alike(k, n) {
			l.add(n)
			k = n
			continue
		}
		if n+1 < cb && isJoin(x.t[n].cls) && x.gap(k, n) == 0 && x.free(n+1) && x.gap(n, n+1) <= 4 {
			l.add(n + 1)
			k = n + 1
			continue
		}
		break
	}
	return l
}

// alike reports whether two adjacent targets form a list (起泡腐蚀, 废液排放:
// the same known good direction) rather than a modifier and its head
// (裂纹检出率: the head is 检出率).
func (x *extractor) alike(i, j int) bool {
	g := x.own(i)
	return g != 0 && g == x.own(j)
}

// backward collects the free targets joined to target j from the left, in
// text order.
func (x *extractor) backward(j, ca int) list {
	var rev list
	rev.add(j)
	for k := j; rev.n < maxList; {
		p := k - 1
		if p >= ca && x.free(p) && x.gap(p, k) == 0 && x.alike(p, k) {
			rev.add(p)
			k = p
			continue
		}
		if p-1 >= ca && isJoin(x.t[p].cls) && x.gap(p, k) <= 4 && x.free(p-1) && x.gap(p-1, p) == 0 {
			rev.add(p - 1)
			k = p - 1
			continue
		}
		break
	}
	var l list
	for i := rev.n - 1; i >= 0; i-- {
		l.add(rev.idx[i])
	}
	return l
}

// useAt marks the tokens at the given indexes used (-1: none).
func (x *extractor) useAt(ks ...int) {
	for _, k := range ks {
		if k >= 0 {
			x.t[k].used = true
		}
	}
}

func (x *extractor) use(l list) {
	for i := 0; i < l.n; i++ {
		x.t[l.idx[i]].used = true
	}
}

// verb reads the statements of direction verb or comparator i: first with
// its object after it (降低能耗), else with its subject before it (能耗降低).
func (x *extractor) verb(i, ca, cb int) {
	negI, unable := x.negBefore(i, ca)
	switch x.t[i].cls {
	case cDown, cSlow, cUp, cRemove, cRemedy, cAddress, cLimit, cKeep:
		if x.action(i, cb, negI, unable) {
			return
		}
	}
	x.report(i, ca, cb, negI, unable)
}

// action reads verb i with the properties after it; it reports whether it
// found one (then the verb is used even if no statement came of it).
func (x *extractor) action(i, cb, negI int, unable bool) bool {
	c := x.t[i].cls
	maxGap := gapAction
	if governor(c) {
		maxGap = gapGovernor
	}
	numI := -1
	var occ list // 针对铸件易出现缩松: occurrence words inside the governed phrase
	j := i + 1
	for ; j < cb; j++ {
		switch k := x.t[j].cls; {
		case k == cBlock, k == cBackground, k == cConj, k == cCond, k == cAbove, k == cWithin:
			continue
		case k == cNumber && numI < 0:
			numI = j
			continue
		case k == cOccur && governor(c):
			occ.add(j)
			continue
		case k == cEnum && governor(c):
			continue // 针对铝导线易氧化、蠕变导致接触电阻增大问题
		}
		break
	}
	if j >= cb || !x.free(j) || x.gap(i, j) > maxGap {
		return false
	}
	// The head of 充电桩利用率 is 利用率: a later target one or two runes on,
	// or right after but unlike (裂纹检出率).
	for k := j + 1; k < cb && x.free(k); k++ {
		if g := x.gap(j, k); g > 2 || g == 0 && x.alike(j, k) {
			break
		}
		j = k
	}
	l := x.forward(j, cb)
	last := l.idx[l.n-1]
	if k := last + 1; k < cb && x.t[k].cls == cCond && x.gap(last, k) == 0 {
		return false // 解决电池老化后SOC跳变问题: 老化 is a condition, not the object
	}
	nestI := -1
	if k := last + 1; k < cb && x.gap(last, k) <= 2 {
		kc := x.t[k].cls
		if governor(c) && isAdj(kc) || (governor(c) || c == cSlow) && isChange(kc) {
			nestI = k
		}
	}
	after := max(last, nestI)
	if k := after + 1; numI < 0 && k < cb && x.t[k].cls == cNumber && x.gap(after, k) <= 3 {
		numI = k
		after = k
	}
	probI := -1
	if k := after + 1; k < cb && x.t[k].cls == cProblem && x.gap(after, k) <= 2 {
		probI = k
	}
	for n := 0; n < l.n; n++ {
		ti := l.idx[n]
		g := x.own(ti)
		var d Direction
		switch {
		case nestI >= 0 && isAdj(x.t[nestI].cls):
			d = adjState(x.t[nestI].cls, g, false).opposite()
		case nestI >= 0:
			d = changeDir(x.t[nestI].cls).opposite()
		case occ.n > 0:
			d = g
		default:
			d = verbDir(c, g)
		}
		if d == 0 {
			continue
		}
		if negI >= 0 && !unable {
			if c != cDown && c != cSlow && c != cUp {
				continue
			}
			d = Keep
		}
		r := x.newRaw(ti, mAction, d, i)
		r.governed, r.weak, r.unable = governor(c), c == cAddress, unable
		r.cue(negI, CueNegation)
		r.cue(i, CueVerb)
		for k := 0; k < occ.n; k++ {
			r.cue(occ.idx[k], CueOccurrence)
		}
		if nestI >= 0 {
			if isAdj(x.t[nestI].cls) {
				r.cue(nestI, CueAdjective)
			} else {
				r.cue(nestI, CueVerb)
			}
		}
		r.cue(numI, CueNumber)
		r.cue(probI, CueProblem)
		r.number = numI >= 0 || x.multiplier(i)
		x.emit(&r)
	}
	x.use(l)
	x.useAt(i, nestI, numI, probI)
	return true
}

// multiplier reports whether verb i states a ratio itself (翻倍, 减半).
func (x *extractor) multiplier(i int) bool {
	w := x.text[x.t[i].start:x.t[i].end]
	return strings.ContainsAny(w, "倍番半")
}

// report reads verb or comparator i with the properties before it
// (能耗降低15%, 透光率≥88%, 寿命可达30万公里, 温差控制在3℃以内).
func (x *extractor) report(i, ca, cb, negI int, unable bool) {
	c := x.t[i].cls
	from := i - 1
	if negI >= 0 {
		from = negI - 1
	}
	advI := -1 // 能耗明显上升: an adverb right before a change verb
	if isChange(c) && negI < 0 && from >= ca && isAdverb(x.t[from].cls) && x.gap(from, i) == 0 {
		advI = from
		from--
	}
	j := x.back(from, i, ca, gapReport, skipReport, false)
	if j < 0 {
		return
	}
	l := x.backward(j, ca)
	cmpI, numI, sufI := -1, -1, -1
	k := i + 1
	if !isCmp(c) && k < cb && isCmp(x.t[k].cls) && x.gap(i, k) <= 1 {
		cmpI = k
		k++
	}
	if k < cb && x.t[k].cls == cNumber && x.gap(k-1, k) <= 3 {
		numI = k
		k++
		if k < cb && (x.t[k].cls == cAbove || x.t[k].cls == cWithin) && x.gap(numI, k) <= 2 {
			sufI = k
			k++
		}
	}
	probI := -1 // 接触电阻增大问题: a problem described, not an effect
	if k < cb && x.t[k].cls == cProblem && x.gap(k-1, k) <= 2 {
		probI = k
	}
	intenseI := -1 // 掉得快: the adjective only intensifies the change
	if isChange(c) && k < cb && (x.t[k].cls == cHigh || x.t[k].cls == cLow) && x.gap(k-1, k) <= 1 {
		intenseI = k
	}
	var bound Direction
	switch {
	case sufI >= 0 && x.t[sufI].cls == cAbove:
		bound = Up
	case sufI >= 0:
		bound = Down
	case cmpI >= 0 && (x.t[cmpI].cls == cReqUp || x.t[cmpI].cls == cMore):
		bound = Up
	case cmpI >= 0:
		bound = Down
	}
	for n := 0; n < l.n; n++ {
		ti := l.idx[n]
		g := x.own(ti)
		m, d := mReport, Direction(0)
		switch c {
		case cDown, cSlow, cFall, cDownTo, cUp, cRise, cUpTo:
			d = changeDir(c)
			if bound == Down && (c == cDown || c == cSlow || c == cFall || c == cUp || c == cRise) {
				// A bounded change: 强度损失<3% keeps 强度; 裂纹增加率控制在3%以内
				// lowers 裂纹.
				if g == Down && d == Up {
					d = Down
				} else {
					d = Keep
				}
			}
		case cRemove, cRemedy, cAddress, cLimit:
			d = verbDir(c, g)
		case cKeep, cKeepTo:
			d = Keep
			if bound != 0 {
				m, d = mLevelReport, bound
			}
		case cLimitTo:
			m, d = mLevelReq, Down
			if bound != 0 {
				d = bound
			}
		case cReach:
			m, d = mReach, Up
			if bound != 0 {
				m, d = mLevelReport, bound
			}
		case cReqUp, cReqDown:
			m, d = mLevelReq, Up
			if c == cReqDown {
				d = Down
			}
		case cMore, cLess:
			m, d = mLevelReport, Up
			if c == cLess {
				d = Down
			}
		}
		if d == 0 {
			continue
		}
		if m == mLevelReq && g == Up && d == Down {
			// No one requires a good property small: 精度≤0.3 μm and
			// 重复性≤0.05 mm bound an error, so the property goes up.
			d = g
		}
		r := x.newRaw(ti, m, d, i)
		if negI >= 0 {
			switch {
			case unable && isChange(c):
				r.mode, r.unable = mAction, true // 能耗降不下来: wanted, not done
			case unable || m == mReach || m == mLevelReq:
				// 寿命无法达到9个月, 未达到要求: the level is not reached.
				r.mode, r.dir = mLevelReport, d.opposite()
			case isChange(c):
				r.dir = Keep // 强度不降低
			default:
				continue
			}
		}
		r.governed = governor(c)
		r.problem = probI >= 0
		r.cue(negI, CueNegation)
		if isCmp(c) {
			r.cue(i, CueComparator)
		} else {
			r.cue(i, CueVerb)
		}
		r.cue(cmpI, CueComparator)
		r.cue(numI, CueNumber)
		r.cue(sufI, CueComparator)
		r.cue(intenseI, CueAdjective)
		r.cue(advI, CueAdjective)
		r.cue(probI, CueProblem)
		r.number = numI >= 0 || x.multiplier(i)
		x.emit(&r)
	}
	x.use(l)
	x.useAt(i, cmpI, numI, sufI, intenseI, advI, probI)
}

// suffixes reads a number with 以上/以内 after a property and no verb
// (寿命10年以上, 刀具费用占加工成本三成以上).
func (x *extractor) suffixes(ca, cb int) {
	for i := ca; i < cb; i++ {
		c := x.t[i].cls
		if c != cAbove && c != cWithin || x.t[i].used {
			continue
		}
		numI := i - 1
		if numI < ca || x.t[numI].cls != cNumber || x.t[numI].used || x.gap(numI, i) > 1 {
			continue
		}
		j := x.back(numI-1, numI, ca, 6, skipReport, false)
		if j < 0 {
			continue
		}
		d := Up
		if c == cWithin {
			d = Down
		}
		l := x.backward(j, ca)
		for n := 0; n < l.n; n++ {
			r := x.newRaw(l.idx[n], mLevelReport, d, i)
			r.cue(numI, CueNumber)
			r.cue(i, CueComparator)
			r.number = true
			x.emit(&r)
		}
		x.use(l)
		x.t[i].used, x.t[numI].used = true, true
	}
}

// adjectives reads state words after a property (裂纹多, 续航只有55%,
// 噪声比竞品高4–5 dB) or, for one-rune magnitude words, right before it
// (高能耗, 低合格率).
func (x *extractor) adjectives(ca, cb int) {
	for i := ca; i < cb; i++ {
		c := x.t[i].cls
		if !isAdj(c) || x.t[i].used {
			continue
		}
		negI := -1
		if i-1 >= ca && x.t[i-1].cls == cNeg && x.gap(i-1, i) <= 1 {
			negI = i - 1
		}
		from := i - 1
		if negI >= 0 {
			from = negI - 1
		}
		var l list
		probI := -1
		if j := x.back(from, i, ca, gapState, skipState, true); j >= 0 {
			l = x.backward(j, ca)
			if p := j + 1; p < i && x.t[p].cls == cProblem {
				probI = p
			}
		} else if (c == cHigh || c == cLow) && negI < 0 && x.t[i].re-x.t[i].rs == 1 &&
			i+1 < cb && x.free(i+1) && x.gap(i, i+1) == 0 {
			l.add(i + 1)
		}
		if l.n == 0 {
			continue
		}
		numI := -1
		after := max(i, l.idx[l.n-1])
		if k := after + 1; k < cb && x.t[k].cls == cNumber && !x.t[k].used && x.gap(k-1, k) <= 4 {
			numI = k
			after = k
		}
		if k := after + 1; probI < 0 && k < cb && x.t[k].cls == cProblem && x.gap(after, k) <= 2 {
			probI = k // 能耗高的问题
		}
		for n := 0; n < l.n; n++ {
			ti := l.idx[n]
			s := adjState(c, x.own(ti), negI >= 0)
			if s == 0 {
				continue
			}
			r := x.newRaw(ti, mState, s, i)
			r.problem = probI > i
			r.cue(probI, CueProblem)
			r.cue(negI, CueNegation)
			r.cue(i, CueAdjective)
			r.cue(numI, CueNumber)
			r.number = numI >= 0
			x.emit(&r)
		}
		x.use(l)
		x.useAt(i, negI, numI, probI)
	}
}

// negations reads a negated defect (无裂纹, 不析锂, 不会产生粉尘, 零泄漏) and
// a negated claim word (不耐腐蚀).
func (x *extractor) negations(ca, cb int) {
	for i := ca; i < cb; i++ {
		if x.t[i].cls != cNeg || x.t[i].used {
			continue
		}
		j := i + 1
		occI := -1
		if j < cb && x.t[j].cls == cOccur && x.gap(i, j) <= 1 {
			occI = j
			j++
		}
		if j >= cb || x.gap(j-1, j) > 1 {
			continue
		}
		if x.t[j].cls == cClaim && !x.t[j].used && !x.t[j].measured {
			e := x.a.entries[x.t[j].ent]
			r := x.newRaw(j, mNegClaim, e.dir, j)
			r.prop, r.sign = e.prop, 1
			r.cue(i, CueNegation)
			r.cue(j, CueClaim)
			x.emit(&r)
			x.t[i].used, x.t[j].used = true, true
			continue
		}
		if !x.free(j) || x.own(j) != Down {
			continue
		}
		x.defects(j, cb, mNegNoun, Down, i, cueAt{i, CueNegation}, cueAt{occI, CueOccurrence})
		x.t[i].used = true
	}
}

// occurrences reads a defect said to occur (容易开裂, 出现异响和啸叫,
// 存在漏气隐患).
func (x *extractor) occurrences(ca, cb int) {
	for i := ca; i < cb; i++ {
		if x.t[i].cls != cOccur || x.t[i].used {
			continue
		}
		var occ list
		occ.add(i)
		j := i + 1
		for j < cb && (x.t[j].cls == cOccur || x.t[j].cls == cBlock) && x.gap(j-1, j) <= 2 {
			if x.t[j].cls == cOccur {
				occ.add(j)
			}
			j++
		}
		if j >= cb || !x.free(j) || x.gap(j-1, j) > 2 || x.own(j) != Down {
			continue
		}
		var cues [maxList]cueAt
		for k := 0; k < occ.n; k++ {
			cues[k] = cueAt{occ.idx[k], CueOccurrence}
		}
		x.defects(j, cb, mOccur, Up, i, cues[:occ.n]...)
		for k := 0; k < occ.n; k++ {
			x.t[occ.idx[k]].used = true
		}
	}
}

// cueAt is a cue token and its part.
type cueAt struct {
	i int
	k CueKind
}

// defects makes a statement of mode m and direction d, with the cues
// given, for defect j and the defects listed with it (出现异响和啸叫), and
// uses them.
func (x *extractor) defects(j, cb int, m mode, d Direction, ctx int, cues ...cueAt) {
	l := x.forward(j, cb)
	for n := 0; n < l.n; n++ {
		if x.own(l.idx[n]) != Down {
			continue
		}
		r := x.newRaw(l.idx[n], m, d, ctx)
		for _, c := range cues {
			r.cue(c.i, c.k)
		}
		x.emit(&r)
	}
	x.use(l)
}

// problems reads a property named as a problem (色差问题, 续航问题, 泄漏隐患).
func (x *extractor) problems(ca, cb int) {
	for i := ca; i < cb; i++ {
		if x.t[i].cls != cProblem || x.t[i].used {
			continue
		}
		j := i - 1
		if j < ca || !x.free(j) || x.gap(j, i) > 2 {
			continue
		}
		l := x.backward(j, ca)
		for n := 0; n < l.n; n++ {
			g := x.own(l.idx[n])
			if g == 0 {
				continue
			}
			r := x.newRaw(l.idx[n], mProblem, g.opposite(), i)
			r.cue(i, CueProblem)
			x.emit(&r)
		}
		x.use(l)
		x.t[i].used = true
	}
}

// times reads a failure after a short time in a need (半年就穿孔, 200 h左右
// 即出现起泡): a life too short, so 寿命 Up, besides the failure itself.
func (x *extractor) times(ca, cb int) {
	if x.a.life < 0 {
		return
	}
	for i := ca; i < cb; i++ {
		if x.t[i].cls != cNumber || !x.t[i].dur {
			continue
		}
		s := i + 1
		if s >= cb || x.t[s].cls != cSoon || x.gap(i, s) > 3 {
			continue
		}
		var occ list
		j := s + 1
		for j < cb && x.t[j].cls == cOccur && x.gap(j-1, j) <= 2 {
			occ.add(j)
			j++
		}
		if j >= cb || x.t[j].cls != cTarget || x.t[j].measured || x.gap(j-1, j) > 2 || x.own(j) != Down {
			continue
		}
		r := x.newRaw(j, mTime, Up, i)
		r.prop, r.sign = x.a.life, 1
		r.cue(i, CueTime)
		r.cue(s, CueTime)
		for k := 0; k < occ.n; k++ {
			r.cue(occ.idx[k], CueOccurrence)
		}
		x.emit(&r)
		if x.free(j) {
			x.defects(j, cb, mOccur, Up, s, cueAt{s, CueOccurrence})
		}
		x.t[s].used = true
	}
}

// claims reads claim words (耐腐蚀, 降噪, 轻量化) not used by another
// pattern and not measured.
func (x *extractor) claims(ca, cb int) {
	for i := ca; i < cb; i++ {
		if tk := x.t[i]; tk.cls != cClaim || tk.used || tk.measured {
			continue
		}
		e := x.a.entries[x.t[i].ent]
		r := x.newRaw(i, mClaim, e.dir, i)
		r.prop, r.sign = e.prop, 1
		r.cue(i, CueClaim)
		if k := i + 1; k < cb && x.t[k].cls == cNumber && !x.t[k].used && x.gap(i, k) <= 1 {
			r.cue(k, CueNumber) // 节能50%以上, 减重15%
			r.number = true
			x.t[k].used = true
		}
		x.emit(&r)
		x.t[i].used = true
	}
}

// bare reads the defects a need names without any cue (铸件漏气, 疏松):
// a need names a defect because it has it.
func (x *extractor) bare(ca, cb int) {
	for i := ca; i < cb; i++ {
		if !x.free(i) || !x.a.entries[x.t[i].ent].defect || x.stated(x.a.entries[x.t[i].ent].prop) {
			continue
		}
		r := x.newRaw(i, mBare, Up, i)
		r.cue(i, CueMention)
		x.emit(&r)
		x.t[i].used = true
	}
}

// stated reports whether a statement on property p was made already.
func (x *extractor) stated(p int32) bool {
	for _, s := range x.seen {
		if s.prop == p {
			return true
		}
	}
	return false
}

// newRaw starts a raw statement on target token t.
func (x *extractor) newRaw(t int, m mode, d Direction, ctx int) raw {
	r := raw{t: t, mode: m, dir: d, ctx: ctx, sign: 1}
	if e := x.t[t].ent; e >= 0 && x.t[t].cls == cTarget {
		r.prop, r.sign = x.a.entries[e].prop, x.a.entries[e].sign
	}
	return r
}

// wishBefore reports whether a wish marker (希望, 要求, 需要, 使, 把 …)
// precedes token i in its sentence.
func (x *extractor) wishBefore(i int) bool { return x.wish[i] > x.wish[x.sa] }

// needState decides a need's statement about a reported state or change
// d of a property whose good direction is g: a good one is wanted (要求能耗
// 低), a bad one is a symptom whose opposite is wanted (裂纹多 → Down). With
// g unknown, a wish marker makes it wanted, else it is a symptom (温度高).
func (x *extractor) needState(r *raw, g, d Direction) (Kind, Direction, bool) {
	switch {
	case d == Keep:
		return Wish, Keep, true
	case g != 0 && d == g:
		return Wish, d, true
	case g != 0:
		return Symptom, g, true
	case x.wishBefore(r.ctx):
		return Wish, d, true
	}
	return Symptom, d.opposite(), true
}

// classify gives a raw statement its kind and its direction on the target
// word's axis, by role (see doc.go, "Rules").
func (x *extractor) classify(r *raw) (Kind, Direction, bool) {
	g := x.a.props[r.prop].good.times(r.sign)
	need := x.role == Need
	bg := x.bg && !r.governed || r.problem
	switch r.mode {
	case mAction:
		if need {
			return Wish, r.dir, true
		}
		if r.unable || bg {
			return 0, 0, false
		}
		return Effect, r.dir, true
	case mReport:
		if need {
			return x.needState(r, g, r.dir)
		}
		if bg {
			if r.dir == Keep {
				return 0, 0, false
			}
			return Symptom, wanted(g, r.dir), true
		}
		return Effect, r.dir, true
	case mLevelReq, mLevelReport, mReach:
		if need {
			if r.mode == mLevelReq {
				return Wish, r.dir, true
			}
			return x.needState(r, g, r.dir)
		}
		if bg || r.mode == mReach && g == Down {
			return 0, 0, false
		}
		return Effect, r.dir, true
	case mState:
		if need {
			return x.needState(r, g, r.dir)
		}
		switch {
		case bg:
			return Symptom, wanted(g, r.dir), true
		case g != 0 && r.dir == g.opposite():
			return Drawback, r.dir, true
		}
		return Effect, r.dir, true
	case mClaim, mNegNoun:
		if need {
			return Wish, r.dir, true
		}
		if bg {
			return 0, 0, false
		}
		return Effect, r.dir, true
	case mNegClaim:
		if need {
			return Symptom, r.dir, true
		}
		if bg {
			return 0, 0, false
		}
		return Drawback, r.dir.opposite(), true
	case mOccur, mProblem:
		if g == 0 {
			return 0, 0, false
		}
		return Symptom, g, true
	case mTime, mBare:
		if need {
			return Symptom, g, true
		}
	}
	return 0, 0, false
}

// wanted is the direction wanted for a property in a bad state or change
// d: its good direction when known, else the opposite of d.
func wanted(g, d Direction) Direction {
	if g != 0 {
		return g
	}
	return d.opposite()
}

// emit turns a raw statement into a Statement, keeping the strongest one
// per target word and property.
func (x *extractor) emit(r *raw) {
	kind, d, ok := x.classify(r)
	if !ok || d == 0 || x.tried && kind == Wish {
		return
	}
	strength := strengthVerb
	switch r.mode {
	case mState, mClaim, mNegClaim, mNegNoun, mOccur, mProblem, mTime:
		strength = strengthAdjective
	case mBare:
		strength = strengthMention
	}
	if r.weak {
		strength = strengthAdjective
	}
	if r.number {
		strength = strengthNumber
	}
	at := -1
	for _, s := range x.seen {
		if s.prop == r.prop && (s.t == r.t || s.ctx == r.ctx) {
			at = s.at
			break
		}
	}
	if at >= 0 && (x.out[at].Strength >= strength || x.seen[at].t != r.t) {
		return
	}
	if at < 0 && len(x.out) >= maxStatements {
		return
	}
	tk := x.t[r.t]
	st := Statement{
		Kind:      kind,
		Property:  x.a.props[r.prop].name,
		Direction: d.times(r.sign),
		Term:      x.text[tk.start:tk.end],
		Target:    Span{int(tk.start), int(tk.end)},
		Inverse:   r.sign < 0,
		Strength:  strength,
	}
	// cues in text order (insertion sort: at most maxCues)
	for a := 1; a < r.nc; a++ {
		for b := a; b > 0 && r.cues[b] < r.cues[b-1]; b-- {
			r.cues[b], r.cues[b-1] = r.cues[b-1], r.cues[b]
			r.kinds[b], r.kinds[b-1] = r.kinds[b-1], r.kinds[b]
		}
	}
	st.Span = st.Target
	from := len(x.cues)
	for k := 0; k < r.nc; k++ {
		c := x.t[r.cues[k]]
		x.cues = append(x.cues, Cue{Text: x.text[c.start:c.end], Span: Span{int(c.start), int(c.end)}, Kind: r.kinds[k]})
		st.Span.Start = min(st.Span.Start, int(c.start))
		st.Span.End = max(st.Span.End, int(c.end))
	}
	st.Cues = x.cues[from:len(x.cues):len(x.cues)]
	st.Phrase = x.text[st.Span.Start:st.Span.End]
	if at >= 0 {
		x.out[at] = st
		return
	}
	x.seen = append(x.seen, seen{t: r.t, ctx: r.ctx, prop: r.prop, at: len(x.out)})
	x.out = append(x.out, st)
}
