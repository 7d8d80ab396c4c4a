package constraint

import (
	"math"
	"strings"
	"unicode"
)

// MaxQuantities bounds the quantities Quantities returns for one text; the
// rest of a longer text is not read.
const MaxQuantities = 64

// Comparison is how a quantity relates its subject to its value.
type Comparison uint8

// Comparisons. Lt and Gt are strict; Range is [Value, Max]; Tol is a
// deviation of at most ±Value (精度±0.01mm).
const (
	CmpEq Comparison = iota
	CmpApprox
	CmpLe
	CmpLt
	CmpGe
	CmpGt
	CmpRange
	CmpTol
)

// String returns the comparison's symbol: "=", "≈", "≤", "<", "≥", ">", "~"
// (range), "±".
func (c Comparison) String() string {
	switch c {
	case CmpApprox:
		return "≈"
	case CmpLe:
		return "≤"
	case CmpLt:
		return "<"
	case CmpGe:
		return "≥"
	case CmpGt:
		return ">"
	case CmpRange:
		return "~"
	case CmpTol:
		return "±"
	}
	return "="
}

// Role is what a quantity is in its text.
type Role uint8

// Roles. A need's requirements are RoleRequired and RoleCondition
// quantities; an achievement's quantities are normally RoleStated.
const (
	// RoleStated: a fact the text states (an achievement's figure, background).
	RoleStated Role = iota
	// RoleRequired: what the solution must achieve (要求, 希望, 需, ≥, 不低于, 控制在).
	RoleRequired
	// RoleCondition: a use condition the solution must work in (最低气温-35℃,
	// -40℃环境下); the solution's working range must cover it.
	RoleCondition
	// RoleCurrent: the present, unsatisfactory state (现有, 目前, 仅, 不足, 由…).
	RoleCurrent
)

// String returns "stated", "required", "condition" or "current".
func (r Role) String() string {
	return [...]string{"stated", "required", "condition", "current"}[r&3]
}

// Quantity is a number with a unit (or a bare number with an explicit
// comparison) found in a text, with what it is about.
//
// A plain value, safe to copy and share.
type Quantity struct {
	// Dim is what the quantity measures; Unit the canonical unit of Value
	// and Max (see Dimension).
	Dim  Dimension
	Unit string
	// Cmp relates the subject to Value (and Max for CmpRange).
	Cmp Comparison
	// Value is the number in the canonical unit; Max equals Value except for
	// CmpRange, where [Value, Max] is the range. For a relative change
	// (Change ≠ 0) Value is the magnitude of the change (降低15% → 15).
	Value, Max float64
	// Change is -1 for a stated decrease (降低15%, 缩短3天, 减重30%), +1 for an
	// increase (提高20%, 延长2倍), 0 for an absolute level.
	Change int8
	// Subject is the property the quantity is about, the words right before
	// it in its clause (寿命, 最低气温, 能量密度), "" when it cannot be told.
	Subject     string
	SubjectSpan Span
	// Role is what the quantity is in its text.
	Role Role
	// Literal is the number and unit as written (9个月, -40℃~60℃, ±0.01mm).
	Literal     string
	LiteralSpan Span
	// Text is the whole expression, comparison and bound words included
	// (不低于90%, 9个月以上); Span its byte span.
	Text string
	Span Span
	// Cues are the comparison, change and role words that decided Cmp,
	// Change and Role.
	Cues []Cue
}

// comparison words before a number.
var cmpBefore = map[string]Comparison{
	"不超过": CmpLe, "不高于": CmpLe, "不大于": CmpLe, "不多于": CmpLe, "不长于": CmpLe, "不超出": CmpLe,
	"小于等于": CmpLe, "小于或等于": CmpLe, "低于或等于": CmpLe, "至多": CmpLe, "最多": CmpLe, "控制在": CmpLe,
	"降至": CmpLe, "降到": CmpLe, "降低至": CmpLe, "降低到": CmpLe, "减少至": CmpLe, "减少到": CmpLe,
	"减至": CmpLe, "缩短至": CmpLe, "缩短到": CmpLe, "减小到": CmpLe, "减小至": CmpLe, "下降到": CmpLe,
	"下降至": CmpLe, "低至": CmpLe, "控制到": CmpLe, "压缩到": CmpLe, "压缩至": CmpLe,
	"小于": CmpLt, "低于": CmpLt, "少于": CmpLt, "短于": CmpLt, "不到": CmpLt, "不足": CmpLt, "未超过": CmpLe,
	"不低于": CmpGe, "不小于": CmpGe, "不少于": CmpGe, "不短于": CmpGe, "大于等于": CmpGe, "大于或等于": CmpGe,
	"高于或等于": CmpGe, "至少": CmpGe, "最少": CmpGe, "提高到": CmpGe, "提高至": CmpGe, "提升至": CmpGe,
	"提升到": CmpGe, "增加到": CmpGe, "增加至": CmpGe, "增至": CmpGe, "延长至": CmpGe, "延长到": CmpGe,
	"升至": CmpGe, "升高到": CmpGe, "升高至": CmpGe,
	"大于": CmpGt, "高于": CmpGt, "超过": CmpGt, "多于": CmpGt, "长于": CmpGt, "超出": CmpGt,
	"约": CmpApprox, "大约": CmpApprox, "约为": CmpApprox, "接近": CmpApprox, "近": CmpApprox, "左右为": CmpApprox,
}

// reachWords: "reaches" — ≥ in a requirement, the stated value otherwise.
var reachWords = []string{"达到", "可达到", "可达", "高达", "达", "能达到", "最高可达", "最高达"}

// betterWords: "better than" — ≤ for lower-is-better subjects, else ≥.
var betterWords = []string{"优于", "好于"}

// fillers between a subject and its number, skipped by the look-back.
var fillers = []string{"为", "是", "在", "了", "可", "能", "均", "都", "仍", "已", "也", "就", "需", "应", "要",
	"能够", "可以", "稳定在", "保持在", "维持在", "控制", "保持", "稳定", "仅为", "仅", "只有", "只", "则", "即", "每"}

// change verbs before a number: sign, and the implicit subject of fused verbs.
var changeVerbs = map[string]struct {
	sign    int8
	subject string
}{
	"降低": {-1, ""}, "减少": {-1, ""}, "下降": {-1, ""}, "减小": {-1, ""}, "缩短": {-1, ""}, "节约": {-1, ""},
	"节省": {-1, ""}, "缩小": {-1, ""}, "减轻": {-1, ""}, "削减": {-1, ""}, "压缩": {-1, ""},
	"降幅": {-1, ""}, "减幅": {-1, ""},
	"减重": {-1, "重量"}, "降噪": {-1, "噪声"}, "节能": {-1, "能耗"}, "降耗": {-1, "能耗"}, "降本": {-1, "成本"},
	"节水": {-1, "用水"}, "节电": {-1, "耗电"},
	"提高": {1, ""}, "提升": {1, ""}, "增加": {1, ""}, "延长": {1, ""}, "增长": {1, ""}, "增大": {1, ""},
	"加快": {1, ""}, "升高": {1, ""}, "增幅": {1, ""},
	"增产": {1, "产量"}, "增效": {1, "效率"}, "提效": {1, "效率"}, "提速": {1, "速度"},
}

// role cues, searched back from the quantity to the start of its sentence;
// the nearest wins.
var (
	requiredCues = []string{"要求", "需要", "需", "须", "必须", "应当", "应该", "希望", "期望", "期待", "目标",
		"力争", "争取", "确保", "保证", "满足", "指标", "拟", "寻求", "需求", "想要", "最好", "标准"}
	currentCues = []string{"现有", "目前", "当前", "现在", "现状", "现用", "原有", "原来", "以前", "过去", "仅",
		"只有", "只能", "长达", "往往", "经常", "常常", "实际", "实测", "造成", "导致", "损失", "去年",
		"已经", "竟", "才", "却"}
	adjacentCurrent = []string{"由", "从"}
)

// suffix bound words after a quantity.
var suffixes = []struct {
	w   string
	cmp Comparison
}{
	{"及以上", CmpGe}, {"或以上", CmpGe}, {"以上", CmpGe}, {"之上", CmpGe},
	{"及以下", CmpLe}, {"或以下", CmpLe}, {"以下", CmpLe}, {"以内", CmpLe}, {"之内", CmpLe}, {"内", CmpLe},
	{"左右", CmpApprox}, {"上下", CmpApprox}, {"多", CmpGt},
}

// conditionAfter: temperature followed by these words is a use condition.
var conditionAfter = []string{"低温环境下", "高温环境下", "环境温度下", "环境下", "低温下", "高温下", "条件下",
	"工况下", "环境", "下"}

// lowerBetter subject classes, where "优于" means ≤.
var lowerBetter = map[string]bool{"accuracy": true, "roughness": true, "leak": true, "response": true,
	"energy_use": true, "cost": true, "noise": true, "vibration": true, "loss": true, "cycle_time": true,
	"charge_time": true, "temperature_rise": true}

var sorted = struct {
	cmp, reach, better, fillers, change, required, current, adjacent, condAfter, cut, baselines, operate, below *wordSet
}{}

func init() {
	sorted.cmp = newWords(keys(cmpBefore)...)
	sorted.reach = newWords(reachWords...)
	sorted.better = newWords(betterWords...)
	sorted.fillers = newWords(fillers...)
	sorted.change = newWords(keys(changeVerbs)...)
	sorted.required = newWords(requiredCues...)
	sorted.current = newWords(currentCues...)
	sorted.adjacent = newWords(adjacentCurrent...)
	sorted.condAfter = newWords(conditionAfter...)
	sorted.cut = newWords(cutWords...)
	sorted.baselines = newWords(baselines...)
	sorted.operate = newWords(operateWords...)
	sorted.below = newWords("零下", "负")
}

// Quantities returns the quantities of s in text order (at most
// MaxQuantities): numbers with a known unit (≤0.3mm, -35℃, 9个月以上,
// ≥4.5kW/kg, 不低于90%, 1×10⁻⁶Pa·m³/s, 8万模次, 三个月), ranges (-40~60℃,
// 30%–40%), tolerances (±0.01mm), and bare numbers after an explicit
// comparison symbol with a subject (COP≥3). Years (2023年) and numbers
// inside technical tokens (NCM811, Ti6Al4V, M8) are not quantities.
//
// Time O(len(s)) with small constants; safe for concurrent use.
func Quantities(s string) []Quantity {
	t := newText(s)
	out := make([]Quantity, 0, 8)
	floor := 0
	for i := 0; i < len(t.rs) && len(out) < MaxQuantities; {
		q, end, ok := parseQuantity(t, i, floor)
		if ok {
			// 寿命仅3个月，希望达到9个月: the subject carries over within a
			// sentence to a quantity of the same dimension without one.
			if n := len(out); q.Subject == "" && n > 0 && out[n-1].Dim == q.Dim && out[n-1].Subject != "" &&
				!strings.ContainsAny(s[out[n-1].Span.End:q.Span.Start], "。；;！!？?\n") {
				q.Subject, q.SubjectSpan = out[n-1].Subject, out[n-1].SubjectSpan
			}
			out = append(out, q)
			floor = end
		}
		if end <= i {
			end = i + 1
		}
		i = end
	}
	return out
}

// Requirements returns the quantities of a need's text that constrain the
// solution: RoleRequired and RoleCondition quantities of Quantities(s).
func Requirements(s string) []Quantity {
	var out []Quantity
	for _, q := range Quantities(s) {
		if q.Role == RoleRequired || q.Role == RoleCondition {
			out = append(out, q)
		}
	}
	return out
}

// number is one parsed number.
type number struct {
	v     float64
	start int // rune index of the sign or first digit
	end   int
	cjk   bool
	tol   bool // written with ±
}

// readNumber reads a number at rune index i: an optional sign (- + ±), ASCII
// digits with thousands commas and a decimal point, and a power of ten
// (×10⁻⁶, ×10^-6, ×10-6, E-6, 10⁻⁶); or a Chinese numeral (三, 十二, 两, 半).
func readNumber(t *text, i int) (number, bool) {
	n := number{start: i}
	rs := t.rs
	j := i
	sign := 1.0
	if j < len(rs) && (rs[j] == '-' || rs[j] == '+' || rs[j] == '±') {
		if j > 0 && (isASCIIAlnum(rs[j-1]) || rs[j-1] == '.') {
			return n, false
		}
		if rs[j] == '-' {
			sign = -1
		}
		n.tol = rs[j] == '±'
		j++
		if j < len(rs) && rs[j] == ' ' {
			j++
		}
	}
	if j >= len(rs) {
		return n, false
	}
	if !isDigit(rs[j]) {
		if j != i {
			return n, false
		}
		return readCJKNumber(t, i)
	}
	k := j
	v := 0.0
	for k < len(rs) {
		switch {
		case isDigit(rs[k]):
			v = v*10 + float64(rs[k]-'0')
			k++
			continue
		case rs[k] == ',' && k > j && allDigits(rs, k+1, k+4) && (k+4 >= len(rs) || !isDigit(rs[k+4])):
			k++
			continue
		}
		break
	}
	if k < len(rs)-1 && rs[k] == '.' && isDigit(rs[k+1]) {
		k++
		scale := 0.1
		for k < len(rs) && isDigit(rs[k]) {
			v += scale * float64(rs[k]-'0')
			scale /= 10
			k++
		}
	}
	v, k = readExponent(rs, j, k, v)
	n.v, n.end = sign*v, k
	return n, true
}

func allDigits(rs []rune, a, b int) bool {
	if b > len(rs) {
		return false
	}
	for _, r := range rs[a:b] {
		if !isDigit(r) {
			return false
		}
	}
	return true
}

var superDigits = map[rune]int{'⁰': 0, '¹': 1, '²': 2, '³': 3, '⁴': 4, '⁵': 5, '⁶': 6, '⁷': 7, '⁸': 8, '⁹': 9}

// readExponent reads a power of ten after the mantissa rs[j:k] = v.
func readExponent(rs []rune, j, k int, v float64) (float64, int) {
	// 10⁻⁶ written without a mantissa.
	if e, m, ok := superExp(rs, k); ok && k-j == 2 && rs[j] == '1' && rs[j+1] == '0' {
		return math.Pow(10, float64(e)), m
	}
	if k < len(rs) && (rs[k] == 'E' || rs[k] == 'e') {
		m := k + 1
		neg := false
		if m < len(rs) && (rs[m] == '-' || rs[m] == '+') {
			neg = rs[m] == '-'
			m++
		}
		if e, m2, ok := digitsAt(rs, m); ok && (m2 >= len(rs) || !isASCIILetter(rs[m2])) {
			if neg {
				e = -e
			}
			return v * math.Pow(10, float64(e)), m2
		}
		return v, k
	}
	if k+2 < len(rs) && (rs[k] == '×' || rs[k] == 'x' || rs[k] == 'X' || rs[k] == '*') && rs[k+1] == '1' && rs[k+2] == '0' {
		m := k + 3
		if e, m2, ok := superExp(rs, m); ok {
			return v * math.Pow(10, float64(e)), m2
		}
		if m < len(rs) && (rs[m] == '^' || rs[m] == '-') {
			p := m
			if rs[p] == '^' {
				p++
			}
			neg := false
			if p < len(rs) && (rs[p] == '-' || rs[p] == '+') {
				neg = rs[p] == '-'
				p++
			}
			if e, p2, ok := digitsAt(rs, p); ok {
				if neg {
					e = -e
				}
				return v * math.Pow(10, float64(e)), p2
			}
		}
	}
	return v, k
}

// superExp reads a superscript exponent (⁻⁶, ¹², ⁺³) at m.
func superExp(rs []rune, m int) (int, int, bool) {
	neg := false
	if m < len(rs) && (rs[m] == '⁻' || rs[m] == '⁺') {
		neg = rs[m] == '⁻'
		m++
	}
	e, n := 0, 0
	for m < len(rs) && n < 3 {
		d, ok := superDigits[rs[m]]
		if !ok {
			break
		}
		e = e*10 + d
		m++
		n++
	}
	if n == 0 {
		return 0, m, false
	}
	if neg {
		e = -e
	}
	return e, m, true
}

// digitsAt reads at most 3 ASCII digits at m as an exponent.
func digitsAt(rs []rune, m int) (int, int, bool) {
	e, n := 0, 0
	for m < len(rs) && isDigit(rs[m]) && n < 3 {
		e = e*10 + int(rs[m]-'0')
		m++
		n++
	}
	return e, m, n > 0
}

var cjkDigit = map[rune]float64{'零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
var cjkPlace = map[rune]float64{'十': 10, '百': 100, '千': 1000}

// readCJKNumber reads a small Chinese numeral (at most 6 runes, below
// 100 000): 三, 十二, 二十, 两百, 半.
func readCJKNumber(t *text, i int) (number, bool) {
	n := number{start: i, cjk: true}
	rs := t.rs
	if rs[i] == '半' {
		n.v, n.end = 0.5, i+1
		return n, true
	}
	total, cur := 0.0, -1.0
	j := i
	for j < len(rs) && j-i < 6 {
		if d, ok := cjkDigit[rs[j]]; ok {
			cur = d
			j++
			continue
		}
		if p, ok := cjkPlace[rs[j]]; ok {
			if cur < 0 {
				cur = 1
			}
			total += cur * p
			cur = -1
			j++
			continue
		}
		break
	}
	if j == i {
		return n, false
	}
	if cur > 0 {
		total += cur
	}
	n.v, n.end = total, j
	return n, true
}

// valued is a number with its unit read.
type valued struct {
	num     number
	mult    float64
	written string // unit as written ("" if none)
	u       unit
	end     int
	gt      bool // 10余年, 200多次
}

// readValued reads a number, an optional 余/多, a multiplier and a unit.
func readValued(t *text, i int) (valued, bool) {
	num, ok := readNumber(t, i)
	if !ok {
		return valued{}, false
	}
	val := valued{num: num, mult: 1, end: num.end}
	j := num.end
	if num.cjk {
		for _, m := range multipliers {
			if t.at(j, m.w) && m.w == "万" {
				val.mult, j = m.f, j+1
			}
		}
		k, u, e, ok := unitAt(t, j, unitKeys, units)
		if !ok || !cjkUnits[k] && !(val.mult > 1 && u.dim == DimCount) {
			return val, false
		}
		if e < len(t.rs) && isHan(t.rs[e]) && !strings.ContainsRune("以之内左上多后前就才的即便及或到至", t.rs[e]) {
			return val, false
		}
		val.written, val.u, val.end = k, u, e
		return val, true
	}
	if j < len(t.rs) && t.rs[j] == ' ' {
		j++
	}
	gt := false
	if j < len(t.rs) && (t.rs[j] == '余' || t.rs[j] == '多') {
		j++
		gt = true
	}
	if w, u, e, ok := compositeUnitAt(t, j); ok {
		val.written, val.u, val.end, val.gt = w, u, e, gt
		return val, true
	}
	for _, m := range multipliers {
		if t.at(j, m.w) {
			k := j + runeLen(m.w)
			if w, u, e, ok := compositeUnitAt(t, k); ok {
				val.mult, val.written, val.u, val.end = m.f, w, u, e
				return val, true
			}
			val.mult, val.end = m.f, k
			return val, true
		}
	}
	return val, true
}

var hardnessPrefix = map[string]Dimension{"HRC": DimHardnessHRC, "HRB": DimHardnessHRB, "HV": DimHardnessHV,
	"HB": DimHardnessHB, "HBW": DimHardnessHB}

var rangeSeps = "-~–—至到"

// parseQuantity tries to read a quantity whose number starts at rune index
// i. floor is where the previous quantity ended (subjects do not cross it).
// It returns the rune index to continue from.
func parseQuantity(t *text, i, floor int) (Quantity, int, bool) {
	rs := t.rs
	r := rs[i]
	if !isDigit(r) && r != '-' && r != '+' && r != '±' && !isCJKStart(r) {
		return Quantity{}, i + 1, false
	}
	if (r == '-' || r == '+' || r == '±') && (i+1 >= len(rs) || !isDigit(rs[i+1]) && rs[i+1] != ' ') {
		return Quantity{}, i + 1, false
	}
	// A number glued to ASCII letters is part of a token (NCM811, Ti6Al4V),
	// except after a hardness or roughness symbol (HRC58, Ra0.8).
	prefixDim := DimNone
	prefixSubject := ""
	if i > 0 && isDigit(r) {
		p := rs[i-1]
		switch {
		case isASCIILetter(p):
			k := i
			for k > 0 && isASCIILetter(rs[k-1]) {
				k--
			}
			w := string(rs[k:i])
			if k > 0 && isASCIIAlnum(rs[k-1]) {
				return Quantity{}, skipToken(t, i), false
			}
			if d, ok := hardnessPrefix[w]; ok {
				prefixDim = d
			} else if w == "Ra" || w == "Rz" {
				prefixSubject = w
			} else {
				return Quantity{}, skipToken(t, i), false
			}
		case isDigit(p) || p == '.' || p == '_' || p == '#' || p == '第':
			return Quantity{}, skipToken(t, i), false
		case p == '-' && i > 1 && isASCIIAlnum(rs[i-2]):
			return Quantity{}, skipToken(t, i), false
		}
	}
	if isCJKStart(r) && i > 0 && (isCJKStart(rs[i-1]) || strings.ContainsRune("第零百千万星期礼拜周", rs[i-1])) {
		return Quantity{}, i + 1, false
	}
	a, ok := readValued(t, i)
	if !ok {
		end := a.num.end
		if end <= i {
			end = i + 1
		}
		return Quantity{}, end, false
	}
	if a.written == "" && prefixDim != DimNone {
		a.written, a.u = "", unit{dim: prefixDim, factor: 1, canon: string(prefixDim[len("hardness_"):])}
	}
	if a.written == "" && prefixSubject != "" && a.mult == 1 {
		// Ra0.8: micrometres.
		a.u = units["μm"]
	}
	q := Quantity{Cmp: CmpEq, Cues: make([]Cue, 0, 4)}
	if a.num.tol {
		q.Cmp = CmpTol
	} else if a.gt {
		q.Cmp = CmpGt
	}
	lo := a.num.v * a.mult
	hi := lo
	u := a.u
	end := a.end
	hasUnit := a.written != "" || a.u.dim != DimNone
	// A range: -40~60℃, 30%–40%, 3至5年, 20s–10min.
	j := t.skipSpace(end)
	if j < len(rs) && strings.ContainsRune(rangeSeps, rs[j]) && !a.num.tol {
		k := t.skipSpace(j + 1)
		if !a.num.cjk && k < len(rs) && (isDigit(rs[k]) || (rs[k] == '-' || rs[k] == '+') && k+1 < len(rs) && isDigit(rs[k+1])) {
			if b, ok := readValued(t, k); ok && !b.num.cjk {
				switch {
				case !hasUnit && b.written != "":
					u = b.u
					hasUnit = true
					if a.mult == 1 {
						lo *= b.mult
					}
					hi = b.num.v * b.mult
					q.Cmp, end = CmpRange, b.end
				case hasUnit && b.written != "" && b.u.dim == u.dim:
					hi = b.num.v * b.mult * b.u.factor / u.factor
					q.Cmp, end = CmpRange, b.end
				case prefixDim != DimNone && b.written == "":
					hi = b.num.v
					q.Cmp, end = CmpRange, b.end
				case hasUnit && b.written == "" && b.mult == 1 && b.num.end == b.end:
					// 10mm-20: not a range.
				default:
					if !hasUnit {
						return Quantity{}, b.end, false
					}
				}
			}
		}
	}
	if !hasUnit {
		// A bare number: kept only with an explicit comparison symbol and a
		// subject (checked below).
		u = unit{dim: DimNumber, factor: 1}
	}
	// Years and dates are not quantities.
	if hasUnit && u.dim == DimTime && strings.HasPrefix(t.str(end-1, end), "年") && isYear(lo) && (q.Cmp == CmpEq || isYear(hi)) {
		return Quantity{}, end, false
	}
	if q.Cmp == CmpRange && hi < lo {
		lo, hi = hi, lo
	}
	if !finite(lo*u.factor) || !finite(hi*u.factor) {
		return Quantity{}, end, false
	}
	q.Value, q.Max = lo*u.factor, hi*u.factor
	if q.Cmp == CmpTol {
		q.Value = math.Abs(q.Value)
		q.Max = q.Value
	}
	q.Dim, q.Unit = u.dim, u.canon
	start := i
	// 零下35℃, 负35℃; 正负5% is a tolerance.
	if s, ok := t.endsAt(start, "正负"); ok && isDigit(r) {
		q.Cmp, q.Value, q.Max = CmpTol, math.Abs(q.Value), math.Abs(q.Value)
		q.Cues = append(q.Cues, Cue{"正负", t.span(s, start)})
		start = s
	} else if w, s, ok := t.longestBefore(start, sorted.below); ok && isDigit(r) {
		q.Value = -q.Value
		if q.Cmp != CmpRange {
			q.Max = q.Value
		} else if q.Max < q.Value {
			q.Value, q.Max = q.Max, q.Value
		}
		q.Cues = append(q.Cues, Cue{w, t.span(s, start)})
		start = s
	}
	litStart := start
	if prefixDim != DimNone || prefixSubject != "" {
		for litStart > 0 && isASCIILetter(rs[litStart-1]) {
			litStart--
		}
	}
	litEnd := end
	// Suffix bounds: 以上, 以内, 左右.
	sfxEnd := end
	k := t.skipSpace(end)
	for _, sf := range suffixes {
		if !t.at(k, sf.w) {
			continue
		}
		e := k + runeLen(sf.w)
		if sf.w == "内" && e < len(rs) && strings.ContainsRune("径部层壁侧外腔存容置衬胆环圈", rs[e]) {
			continue
		}
		if sf.w == "上下" && e < len(rs) && strings.ContainsRune("料游文班楼", rs[e]) {
			continue
		}
		if sf.w == "多" && (q.Dim != DimTime || e < len(rs) && isHan(rs[e]) && !strings.ContainsRune("的了就才后", rs[e])) {
			continue
		}
		if q.Cmp != CmpRange && q.Cmp != CmpTol {
			q.Cmp = sf.cmp
		}
		q.Cues = append(q.Cues, Cue{sf.w, t.span(k, e)})
		sfxEnd = e
		break
	}
	// Look back: comparison symbols and words, fillers, change verbs.
	left := start
	if prefixDim != DimNone {
		left = litStart // HB90: the subject and cues are before the symbol
	}
	reach, better := false, false
	symbol, from := false, false
	for step := 0; step < 8; step++ {
		l := t.skipSpaceBack(left)
		if l == 0 {
			break
		}
		// cue records the word [s, l) as a cue and moves left to s.
		cue := func(w string, s int) {
			q.Cues = append(q.Cues, Cue{w, t.span(s, l)})
			left = s
		}
		if c, n, ok := symbolBefore(rs, l); ok {
			if q.Cmp == CmpEq || q.Cmp == CmpApprox {
				q.Cmp = c
			}
			symbol = symbol || c != CmpApprox && c != CmpEq
			cue(t.str(l-n, l), l-n)
			continue
		}
		if w, s, ok := t.longestBefore(l, sorted.cmp); ok {
			if q.Cmp == CmpEq || q.Cmp == CmpApprox {
				q.Cmp = cmpBefore[w]
			}
			cue(w, s)
			continue
		}
		if w, s, ok := t.longestBefore(l, sorted.reach); ok {
			reach = true
			cue(w, s)
			continue
		}
		if w, s, ok := t.longestBefore(l, sorted.better); ok {
			better = true
			cue(w, s)
			continue
		}
		if w, s, ok := t.longestBefore(l, sorted.change); ok && q.Change == 0 {
			cv := changeVerbs[w]
			q.Change = cv.sign
			if cv.subject != "" {
				q.Subject, q.SubjectSpan = cv.subject, t.span(s, l)
			}
			cue(w, s)
			continue
		}
		if w, s, ok := t.longestBefore(l, sorted.adjacent); ok && !from {
			// 由15%提高至…: the value before the change.
			from = true
			cue(w, s)
			continue
		}
		if _, s, ok := t.longestBefore(l, sorted.fillers); ok {
			left = s
			continue
		}
		if sign, ok := comparatives[rs[l-1]]; ok && q.Change == 0 && baselineBefore(t, l-1) {
			q.Change = sign
			cue(string(rs[l-1]), l-1)
			continue
		}
		break
	}
	if q.Dim == DimNumber && (!symbol || unknownUnitAt(rs, end)) {
		// A bare number needs a comparison symbol, and a unit we do not
		// know (50 mS/cm) makes it no bare number.
		return Quantity{}, end, false
	}
	// Diameter sign: Φ50mm.
	if l := t.skipSpaceBack(left); l > 0 && strings.ContainsRune("ΦφØø", rs[l-1]) {
		q.Subject, q.SubjectSpan = "直径", t.span(l-1, l)
		left = l - 1
	}
	if prefixSubject != "" {
		q.Subject, q.SubjectSpan = prefixSubject, t.span(i-2, i)
	}
	if q.Subject == "" {
		q.Subject, q.SubjectSpan = subjectBefore(t, left, floor)
	}
	if q.Dim == DimNumber && q.Subject == "" {
		return Quantity{}, end, false
	}
	// Role: the nearest cue in the sentence.
	q.Role = RoleStated
	if from {
		q.Role = RoleCurrent
	} else if c := cmpCue(q.Cues); c == "不足" || c == "不到" {
		q.Role = RoleCurrent
	} else if role, cue, ok := roleBefore(t, start); ok {
		q.Role = role
		q.Cues = append(q.Cues, cue)
	} else if symbol || hasStrictWord(q.Cues) {
		q.Role = RoleRequired
	}
	// A temperature followed by 环境下 / 低温下 is a use condition.
	if q.Dim == DimTemperature && q.Role != RoleCurrent {
		if w, ok := t.longestAt(t.skipSpace(sfxEnd), sorted.condAfter); ok {
			q.Role = RoleCondition
			p := t.skipSpace(sfxEnd)
			q.Cues = append(q.Cues, Cue{w, t.span(p, p+runeLen(w))})
			if q.Subject == "" || !inClass(q.Subject, "operating_temperature") {
				q.Subject, q.SubjectSpan = "环境", t.span(p, p+runeLen(w))
				if strings.HasPrefix(w, "低温") {
					q.Subject = "低温"
				} else if strings.HasPrefix(w, "高温") {
					q.Subject = "高温"
				}
			}
		}
	}
	if q.Dim == DimTemperature && q.Subject == "" {
		// 零下40℃可正常启动: a working temperature.
		p := t.skipSpace(sfxEnd)
		for p < len(rs) && strings.ContainsRune("下时可能仍也均正常", rs[p]) && p < sfxEnd+5 {
			p++
		}
		if w, ok := t.longestAt(p, sorted.operate); ok {
			q.Subject, q.SubjectSpan = "工作温度", t.span(p, p+runeLen(w))
		}
	}
	ns := normalize(q.Subject)
	if q.Role != RoleCurrent && q.Subject != "" {
		if q.Dim == DimTemperature && lex().condition.in(ns) || lex().ambient.in(ns) {
			q.Role = RoleCondition
		}
	}
	if better {
		if _, class := lex().subjectHead(ns); lowerBetter[class] {
			q.Cmp = CmpLe
		} else {
			q.Cmp = CmpGe
		}
	}
	if reach && (q.Cmp == CmpEq || q.Cmp == CmpApprox) && (q.Role == RoleRequired || q.Role == RoleCondition) {
		q.Cmp = CmpGe
	}
	if q.Change != 0 && q.Value < 0 {
		q.Value, q.Max = -q.Max, -q.Value
	}
	exprStart := min(left, litStart)
	q.Literal, q.LiteralSpan = t.str(litStart, litEnd), t.span(litStart, litEnd)
	q.Text, q.Span = t.str(exprStart, sfxEnd), t.span(exprStart, sfxEnd)
	sortCues(q.Cues)
	return q, sfxEnd, true
}

// unknownUnitAt reports a letter (not a Chinese character) at i, after at
// most one space: the unknown unit of a bare number (50 mS/cm, 10 μS/cm).
func unknownUnitAt(rs []rune, i int) bool {
	if i < len(rs) && rs[i] == ' ' {
		i++
	}
	return i < len(rs) && unicode.IsLetter(rs[i]) && !isHan(rs[i])
}

// baselineBefore reports a baseline word (较, 相比) earlier in the clause.
func baselineBefore(t *text, i int) bool {
	for k := i; k > 0 && i-k < 16 && !isClauseEnd(t.rs[k-1]); k-- {
		if _, _, ok := t.longestBefore(k, sorted.baselines); ok {
			return true
		}
	}
	return false
}

// skipToken returns the index after the ASCII token around i (letters,
// digits, '.', '-', '_'), so its digits are not read again.
func skipToken(t *text, i int) int {
	for i < len(t.rs) && (isASCIIAlnum(t.rs[i]) || t.rs[i] == '.' || t.rs[i] == '-' || t.rs[i] == '_') {
		i++
	}
	return i
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func isYear(v float64) bool { return v >= 1900 && v <= 2100 && v == math.Trunc(v) }

// symbolBefore reads a comparison symbol ending at l: ≤ ≥ < > <= >= ≈ ~ =.
func symbolBefore(rs []rune, l int) (Comparison, int, bool) {
	p := rs[l-1]
	if p == '=' && l >= 2 {
		switch rs[l-2] {
		case '<':
			return CmpLe, 2, true
		case '>':
			return CmpGe, 2, true
		}
	}
	switch p {
	case '≤', '≦', '⩽':
		return CmpLe, 1, true
	case '<', '＜', '〈':
		return CmpLt, 1, true
	case '≥', '≧', '⩾':
		return CmpGe, 1, true
	case '>', '＞', '〉':
		return CmpGt, 1, true
	case '≈':
		return CmpApprox, 1, true
	case '~':
		if l >= 2 && isDigit(rs[l-2]) {
			return 0, 0, false
		}
		return CmpApprox, 1, true
	case '=':
		return CmpEq, 1, true
	}
	return 0, 0, false
}

// cmpCue returns the comparison word among cs, if any.
func cmpCue(cs []Cue) string {
	for _, c := range cs {
		if _, ok := cmpBefore[c.Text]; ok {
			return c.Text
		}
	}
	return ""
}

// hasStrictWord: explicit constraint words make a quantity a requirement
// even without a role cue (不低于90%, 控制在3%以内 is also an achievement's
// claim, so only these, not 超过 or 以上).
func hasStrictWord(cs []Cue) bool {
	for _, c := range cs {
		switch c.Text {
		case "不低于", "不小于", "不少于", "不超过", "不高于", "不大于", "不多于", "至少", "至多", "最多",
			"小于等于", "大于等于", "小于或等于", "大于或等于":
			return true
		}
	}
	return false
}

// roleBefore finds the nearest role cue before rune index left: a current
// cue within the clause (目前寿命仅3个月), a required cue within the
// sentence (要求：寿命10年以上，耐温150℃以上).
func roleBefore(t *text, left int) (Role, Cue, bool) {
	inClause := true
	for k := left; k > 0 && left-k < maxRoleLookBack; k-- {
		r := t.rs[k-1]
		if isSentenceEnd(r) {
			break
		}
		if isClauseEnd(r) && r != ':' {
			inClause = false
		}
		if inClause {
			if w, s, ok := t.longestBefore(k, sorted.current); ok {
				return RoleCurrent, Cue{w, t.span(s, k)}, true
			}
		}
		if w, s, ok := t.longestBefore(k, sorted.required); ok {
			if w == "需" && k < len(t.rs) && t.rs[k] == '求' {
				continue
			}
			return RoleRequired, Cue{w, t.span(s, k)}, true
		}
	}
	return 0, Cue{}, false
}

// maxRoleLookBack bounds the runes searched back for a role cue.
const maxRoleLookBack = 80

// cutWords end the subject: what precedes them is not part of it.
var cutWords = []string{"要求", "希望", "需要", "目标", "现有", "目前", "当前", "其中", "并且", "同时",
	"确保", "保证", "使得", "达到", "满足", "以及", "实现", "提供", "具有", "具备", "采用", "通过", "经过", "可使",
	"的", "使", "将", "把", "让", "且", "及", "与", "或", "对", "和", "由", "从",
	"仅", "需", "只有", "而", "但", "即", "则", "造成", "导致", "因为", "因"}

// conjunctions cut a subject only after two runes or more (饱和磁感 stays).
const conjunctions = "且及与或对和"

// baselines introduce the compared-to thing: the subject is before them
// (含水率较主推品种低3个百分点 → 含水率).
var baselines = []string{"相对于", "相比于", "相较", "相比", "较", "比传统", "比现有", "比常规"}

// comparatives after a baseline are a change: 较…低3% is a decrease.
var comparatives = map[rune]int8{'低': -1, '少': -1, '小': -1, '短': -1, '轻': -1, '窄': -1,
	'高': 1, '多': 1, '大': 1, '长': 1, '快': 1, '宽': 1}

// operateWords after a temperature make it a working temperature.
var operateWords = []string{"工作", "启动", "运行", "使用", "服役", "储存", "存储", "贮存", "作业", "行驶"}

// leadFillers are stripped from the start of a subject, outside a known
// subject term and when two runes remain.
const leadFillers = "在下时后为是了也均都其该每"

// isCJKStart reports a rune a Chinese numeral may start with.
func isCJKStart(r rune) bool {
	switch r {
	case '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '半':
		return true
	}
	return false
}

// subjectBefore returns the subject of a quantity whose expression starts at
// rune index left: the words right before it in the clause, cut after the
// last cue or function word that does not lie inside a known subject term,
// at most 10 runes.
func subjectBefore(t *text, left, floor int) (string, Span) {
	rs := t.rs
	end := t.skipSpaceBack(left)
	// 寿命：10年, 排放标准（≤120mg/L）: look across the colon or bracket.
	if end > 0 && (rs[end-1] == ':' || rs[end-1] == '(') && end-1 >= floor {
		end = t.skipSpaceBack(end - 1)
	}
	j := end
	for j > floor && j > 0 && !isClauseEnd(rs[j-1]) && rs[j-1] != '、' && rs[j-1] != '/' && end-j < 16 {
		j--
	}
	if j >= end {
		return "", Span{}
	}
	// 含水率较主推品种低: the subject is before the baseline.
	for k := j; k < end; k++ {
		if _, ok := t.longestAt(k, sorted.baselines); ok && k > j {
			end = k
			break
		}
	}
	for attempt := 0; attempt < 2; attempt++ {
		start, cutAt := cutSubject(t, j, end)
		for end > start && strings.ContainsRune("的了为是在约达", rs[end-1]) {
			end--
		}
		if end-start > 10 {
			start = end - 10
		}
		if start < end && (end-start > 1 || isHan(rs[start]) || isASCIILetter(rs[start])) {
			return t.str(start, end), t.span(start, end)
		}
		// 模具寿命要求8万模次: nothing after the cue word, the subject is
		// before it.
		if cutAt <= j {
			break
		}
		end = cutAt
	}
	return "", Span{}
}

// cutSubject returns where the subject in runes [j, end) starts: after the
// last cut word that does not lie inside the known subject term ending last
// (and not after a one-rune conjunction with less than two runes before
// it), then past leading fillers. cutAt is where that cut word starts (j if
// none).
func cutSubject(t *text, j, end int) (start, cutAt int) {
	rs := t.rs
	limit, headLen := end, 0
	if head, p, ok := lex().subjects.lastInRunes(rs[j:end]); ok {
		limit, headLen = j+p, runeLen(head)
	}
	start, cutAt = j, j
	for k := end; k > j; k-- {
		if k > limit && k < limit+headLen {
			continue // inside the known subject term
		}
		w, s, ok := t.longestBefore(k, sorted.cut)
		if !ok || s < j || runeLen(w) == 1 && strings.ContainsRune(conjunctions, rs[s]) && s-j < 2 {
			continue
		}
		start, cutAt = k, s
		break
	}
	for start < limit && end-start > 2 && strings.ContainsRune(leadFillers, rs[start]) {
		start++
	}
	return start, cutAt
}

// inClass reports whether subject's head term is in class.
func inClass(subject, class string) bool {
	_, c := lex().subjectHead(normalize(subject))
	return c == class
}

// sortCues orders cues by position (few cues: insertion sort).
func sortCues(cs []Cue) {
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].Span.Start < cs[j-1].Span.Start; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}
