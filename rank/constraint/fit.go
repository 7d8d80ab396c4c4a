package constraint

import (
	"math"
	"strings"
)

// Outcome is the result of checking a requirement against stated quantities.
type Outcome uint8

// Outcomes.
const (
	// Unknown: no stated quantity is comparable, or none decides.
	Unknown Outcome = iota
	// Meets: a comparable stated quantity satisfies the requirement.
	Meets
	// Fails: comparable stated quantities exist and none satisfies it.
	Fails
)

// String returns "unknown", "meets" or "fails".
func (o Outcome) String() string {
	return [...]string{"unknown", "meets", "fails"}[o%3]
}

// Label returns the outcome in Chinese for explanations: 无法判断, 满足, 不满足.
func (o Outcome) Label() string {
	return [...]string{"无法判断", "满足", "不满足"}[o%3]
}

// Verdict is the result of Fit.
//
// A plain value, safe to copy and share.
type Verdict struct {
	Outcome Outcome
	// Req is the requirement checked; Stated the quantity that decided
	// (the zero Quantity when no comparable quantity was found).
	Req, Stated Quantity
	// Explain is a one-line explanation, "要求寿命≥9个月，成果寿命12个月：满足";
	// "" when no comparable quantity was found.
	Explain string
}

// RelTol is the relative tolerance of an exact (=) requirement: a stated
// value within ±5% of it meets it. Approximate values (约, 左右) get twice it.
const RelTol = 0.05

// Fit checks a requirement (normally from Requirements on a need's text)
// against the quantities an achievement states (Quantities on its text).
//
// A stated quantity is comparable when it has the same dimension, the same
// kind (an absolute level, or a change in the same direction: 能耗降低20%以上
// against 能耗降低25%) and a compatible subject: both subjects' head terms are
// in the same subject class of the lexicon (寿命/使用寿命, 环境温度/工作温度),
// or, for subjects outside the lexicon, they share their last two runes
// (氧指数/氧指数). A quantity without a subject is comparable only in a
// specific composite dimension (kW/kg, Pa·m³/s, mg/L) or a hardness scale.
//
// Values are compared as sets: the requirement accepts an interval (≤v,
// ≥v, a range, v±5% for =, |x|≤v for ±v; a change "降低20%" accepts at least
// 20%); a stated value is a point, a range or a bound. The stated quantity
// Meets when all its values are accepted, Fails when none is, else it does
// not decide. Working temperatures are capabilities instead: a requirement
// on an ambient or working temperature (最低气温-35℃, 工作温度-40~85℃,
// 耐温≥150℃) Meets when the stated working range covers it (-40℃~60℃ covers
// -35℃), Fails when a stated range does not; a stated single low
// temperature (-40℃下可启动) covers everything down to it, a high one
// everything up to it.
//
// The result is Meets if any comparable quantity meets the requirement,
// else Fails if any fails it, else Unknown. Time O(len(stated)); safe for
// concurrent use.
func Fit(req Quantity, stated []Quantity) Verdict {
	v := Verdict{Req: req}
	var undecided *Quantity
	var failed *Quantity
	for i := range stated {
		st := &stated[i]
		if !comparable(req, *st) {
			continue
		}
		switch decide(req, *st) {
		case Meets:
			v.Outcome, v.Stated = Meets, *st
			v.Explain = explain(req, *st, Meets)
			return v
		case Fails:
			if failed == nil {
				failed = st
			}
		default:
			if undecided == nil {
				undecided = st
			}
		}
	}
	switch {
	case failed != nil:
		v.Outcome, v.Stated = Fails, *failed
		v.Explain = explain(req, *failed, Fails)
	case undecided != nil:
		v.Stated = *undecided
		v.Explain = explain(req, *undecided, Unknown)
	}
	return v
}

// FitAll returns Fit(req, stated) for every requirement, in order.
func FitAll(reqs, stated []Quantity) []Verdict {
	out := make([]Verdict, len(reqs))
	for i, r := range reqs {
		out[i] = Fit(r, stated)
	}
	return out
}

// comparable reports whether st can decide req (see Fit).
func comparable(req, st Quantity) bool {
	if req.Dim == DimNone || req.Dim != st.Dim || req.Change != st.Change {
		return false
	}
	if capability(req, st) {
		return true
	}
	rs, ss := normalize(req.Subject), normalize(st.Subject)
	if rs == "" || ss == "" {
		return req.Change == 0 && specific(req.Dim)
	}
	rc, sc := subjectClass(rs), subjectClass(ss)
	if rc != "" && sc != "" {
		return rc == sc
	}
	if rc != "" || sc != "" {
		// One side is a known property, the other is not: only the same
		// words link them.
		return strings.Contains(rs, ss) || strings.Contains(ss, rs)
	}
	return commonSuffix(rs, ss) >= 2 || runeLen(rs) >= 2 && strings.Contains(ss, rs) || runeLen(ss) >= 2 && strings.Contains(rs, ss)
}

// specific dimensions link two quantities without subjects.
func specific(d Dimension) bool {
	s := string(d)
	return strings.ContainsAny(s, "/·") || strings.HasPrefix(s, "hardness_") || d == DimViscosity || d == DimFlux ||
		d == DimRotation
}

func subjectClass(s string) string {
	if s == "" {
		return ""
	}
	_, c := lex().subjectHead(s)
	return c
}

// commonSuffix is the number of runes s and t end with in common.
func commonSuffix(s, t string) int {
	a, b := []rune(s), []rune(t)
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

// capability reports whether req and st are working temperatures compared
// as capabilities.
func capability(req, st Quantity) bool {
	if req.Dim != DimTemperature || req.Change != 0 || st.Change != 0 {
		return false
	}
	op := func(q Quantity) bool {
		return q.Role == RoleCondition || inClass(q.Subject, "operating_temperature")
	}
	return op(req) && op(st)
}

// interval is a set of values; open ends exclude the bound.
type interval struct {
	lo, hi         float64
	loOpen, hiOpen bool
}

func (a interval) contains(b interval) bool {
	return leq(a.lo, b.lo, a.loOpen && !b.loOpen) && leq(b.hi, a.hi, a.hiOpen && !b.hiOpen)
}

func (a interval) disjoint(b interval) bool {
	return a.hi < b.lo || b.hi < a.lo || a.hi == b.lo && (a.hiOpen || b.loOpen) || b.hi == a.lo && (b.hiOpen || a.loOpen)
}

// leq is x ≤ y, or x < y when strict.
func leq(x, y float64, strict bool) bool {
	if strict {
		return x < y
	}
	return x <= y || near(x, y)
}

func near(x, y float64) bool {
	return math.Abs(x-y) <= 1e-9*math.Max(1, math.Max(math.Abs(x), math.Abs(y)))
}

// accepted is the set of values req accepts: a bound, a range, the value
// ±RelTol for = (twice that for ≈); a change "降低20%" accepts at least 20%.
func accepted(req Quantity) interval {
	cmp := req.Cmp
	if req.Change != 0 && (cmp == CmpEq || cmp == CmpApprox) {
		cmp = CmpGe
	}
	return valueSet(cmp, req.Value, req.Max, 2*RelTol, RelTol)
}

// statedSet is the set of values a stated quantity claims: a bound, a
// range, the value ±RelTol for ≈, the value itself for = and ± (the
// claimed deviation).
func statedSet(st Quantity) interval {
	return valueSet(st.Cmp, st.Value, st.Max, RelTol, 0)
}

// valueSet is the interval of a comparison with relative tolerances for ≈
// and =.
func valueSet(cmp Comparison, v, max, approxTol, eqTol float64) interval {
	inf := math.Inf(1)
	switch cmp {
	case CmpLe:
		return interval{lo: -inf, hi: v}
	case CmpLt:
		return interval{lo: -inf, hi: v, hiOpen: true}
	case CmpGe:
		return interval{lo: v, hi: inf}
	case CmpGt:
		return interval{lo: v, hi: inf, loOpen: true}
	case CmpRange:
		return interval{lo: v, hi: max}
	case CmpApprox:
		d := approxTol * math.Abs(v)
		return interval{lo: v - d, hi: v + d}
	case CmpTol:
		if eqTol > 0 { // a required ±v: a deviation of at most v
			return interval{lo: -inf, hi: v}
		}
	}
	d := eqTol * math.Abs(v)
	return interval{lo: v - d, hi: v + d}
}

// decide compares one comparable stated quantity with req.
func decide(req, st Quantity) Outcome {
	if capability(req, st) {
		return decideCapability(req, st)
	}
	a, s := accepted(req), statedSet(st)
	if req.Change == 0 && (req.Cmp == CmpEq || req.Cmp == CmpApprox) {
		// A point requirement (耐压600V): a stated range covering it meets
		// it, one missing it fails; another point decides only when close.
		switch {
		case st.Cmp == CmpRange && s.lo <= req.Value && req.Value <= s.hi:
			return Meets
		case st.Cmp == CmpRange && a.disjoint(s):
			return Fails
		case a.contains(s):
			return Meets
		}
		return Unknown
	}
	if req.Cmp == CmpTol {
		s.lo, s.hi = math.Abs(s.lo), math.Abs(s.hi)
		if s.lo > s.hi {
			s.lo, s.hi = s.hi, s.lo
		}
	}
	switch {
	case a.contains(s):
		return Meets
	case a.disjoint(s):
		return Fails
	}
	return Unknown
}

// decideCapability compares working temperatures (see Fit).
func decideCapability(req, st Quantity) Outcome {
	// The stated working range, and what the requirement needs covered;
	// unknown ends are NaN.
	lo, hi, ok := capRange(st, false)
	if !ok {
		return Unknown
	}
	needLo, needHi, ok := capRange(req, true)
	if !ok {
		return Unknown
	}
	out := Meets
	check := func(need, have float64, ok func(need, have float64) bool) {
		if math.IsNaN(need) {
			return
		}
		switch {
		case math.IsNaN(have):
			if out == Meets {
				out = Unknown
			}
		case !ok(need, have):
			out = Fails
		}
	}
	check(needLo, lo, func(need, have float64) bool { return have <= need || near(have, need) })
	check(needHi, hi, func(need, have float64) bool { return have >= need || near(have, need) })
	return out
}

// capRange reads a working temperature as a range with unknown ends as
// NaN: a range; ≤v as the low end v, ≥v as the high end; a single low
// (high) extreme as the low (high) end; another single value as both ends
// when point is set, else not at all (ok false).
func capRange(q Quantity, point bool) (lo, hi float64, ok bool) {
	lo, hi = math.NaN(), math.NaN()
	switch q.Cmp {
	case CmpRange:
		return q.Value, q.Max, true
	case CmpLe, CmpLt:
		return q.Value, hi, true
	case CmpGe, CmpGt:
		return lo, q.Value, true
	case CmpEq, CmpApprox:
		switch extreme(q) {
		case -1:
			return q.Value, hi, true
		case 1:
			return lo, q.Value, true
		}
		if point {
			return q.Value, q.Value, true
		}
	}
	return lo, hi, false
}

// extreme tells whether a single temperature is a low (-1) or high (+1)
// extreme: by the subject's cue words (最低, 低温, 零下; 最高, 高温), else
// below zero is low and 40℃ or more is high.
func extreme(q Quantity) int {
	s := normalize(q.Subject)
	l := lex()
	for _, c := range q.Cues {
		if c.Text == "零下" {
			return -1
		}
	}
	switch {
	case l.low.in(s):
		return -1
	case l.high.in(s):
		return 1
	case q.Value < 0:
		return -1
	case q.Value >= 40:
		return 1
	}
	return 0
}

// explain renders a verdict line: 要求寿命≥9个月，成果寿命12个月：满足.
func explain(req, st Quantity, o Outcome) string {
	var b strings.Builder
	switch req.Role {
	case RoleCondition:
		b.WriteString("工况")
	default:
		b.WriteString("要求")
	}
	b.WriteString(display(req))
	b.WriteString("，成果")
	b.WriteString(display(st))
	b.WriteString("：")
	b.WriteString(o.Label())
	return b.String()
}

// display renders a quantity as subject, change, comparison and literal:
// 寿命≥9个月, 能耗降低≥20%, 工作温度-40℃~60℃.
func display(q Quantity) string {
	var b strings.Builder
	b.WriteString(q.Subject)
	switch {
	case q.Change < 0:
		b.WriteString("降低")
	case q.Change > 0:
		b.WriteString("提高")
	}
	switch q.Cmp {
	case CmpLe, CmpLt, CmpGe, CmpGt:
		b.WriteString(q.Cmp.String())
	case CmpApprox:
		b.WriteString("约")
	}
	b.WriteString(q.Literal)
	return b.String()
}
