package effect

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// tok is one scanned token: a lexicon word, a number or a break.
type tok struct {
	start, end int32 // byte offsets
	rs, re     int32 // rune offsets
	cls        class
	ent        int32 // lexicon entry, -1 for numbers and breaks
	dur        bool  // a number with a unit of time (半年, 200 h, 3个月)
	used       bool  // consumed by a statement
	measured   bool  // a target next to a measuring word (检测泄漏)
}

// MaxBytes bounds the text analysed: Extract reads the first MaxBytes bytes
// (cut at a rune boundary) of longer texts, so the cost of one call is
// bounded whatever the input.
const MaxBytes = 64 << 10

// scan cuts text into tokens: at each position the longest lexicon word
// (over folded runes; a word beginning or ending with an ASCII letter or
// digit only at ASCII word boundaries), else a number, else a break, else
// nothing (the rune is a gap). An invalid byte is a clause break. Time O(len(text) × longest word).
func (a *Analyzer) scan(text string, toks []tok) []tok {
	i, ri := 0, int32(0)
	prevAlnum := false
	for i < len(text) {
		r, w := utf8.DecodeRuneInString(text[i:])
		f := foldRune(r)
		c := breakClass(f)
		if r == utf8.RuneError && w == 1 {
			c = cBreak // an invalid byte breaks the clause: no phrase holds one
		}
		if c != cNone {
			toks = append(toks, tok{start: int32(i), end: int32(i + w), rs: ri, re: ri + 1, cls: c, ent: -1})
			i += w
			ri++
			prevAlnum = false
			continue
		}
		if f >= '0' && f <= '9' && !prevAlnum {
			end, n, dur := scanNumber(text, i)
			toks = append(toks, tok{start: int32(i), end: int32(end), rs: ri, re: ri + n, cls: cNumber, ent: -1, dur: dur})
			i = end
			ri += n
			prevAlnum = false
			continue
		}
		alnum := isASCIIAlnum(f)
		if !(alnum && prevAlnum) {
			if end, n, e := a.longest(text, i); e >= 0 {
				toks = append(toks, tok{start: int32(i), end: int32(end), rs: ri, re: ri + n, cls: a.entries[e].cls, ent: e})
				i = end
				ri += n
				prevAlnum = false
				continue
			}
			if end, n, dur, ok := scanHanNumber(text, i); ok {
				toks = append(toks, tok{start: int32(i), end: int32(end), rs: ri, re: ri + n, cls: cNumber, ent: -1, dur: dur})
				i = end
				ri += n
				prevAlnum = false
				continue
			}
		}
		i += w
		ri++
		prevAlnum = alnum
	}
	return toks
}

// longest returns the end (bytes), length (runes) and entry of the longest
// lexicon word starting at text[i:], or entry -1.
func (a *Analyzer) longest(text string, i int) (end int, runes int32, e int32) {
	e = -1
	kids := a.root
	j, n := i, int32(0)
	for j < len(text) && kids != nil {
		r, w := utf8.DecodeRuneInString(text[j:])
		if r == utf8.RuneError && w == 1 {
			break
		}
		f := foldRune(r)
		var next int32
		if n == 0 && f >= cjkLo && f < cjkHi {
			if next = a.rootCJK[f-cjkLo]; next < 0 {
				break
			}
		} else {
			var ok bool
			if next, ok = kids[f]; !ok {
				break
			}
		}
		j += w
		n++
		nd := &a.nodes[next]
		if nd.entry >= 0 && boundaryOK(text, j, f) {
			end, runes, e = j, n, nd.entry
		}
		kids = nd.kids
	}
	return end, runes, e
}

// boundaryOK reports whether a word whose last folded rune is last may end
// at byte j: a word ending in an ASCII letter or digit must not be followed
// by one.
func boundaryOK(text string, j int, last rune) bool {
	if !isASCIIAlnum(last) || j >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[j:])
	return !isASCIIAlnum(foldRune(r))
}

func isASCIIAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

// breakClass returns cStop for sentence ends, cBreak for clause breaks and
// cNone otherwise (runes already folded).
func breakClass(r rune) class {
	switch r {
	case '。', ';', '!', '?', '\n', '\r', '…', '｡':
		return cStop
	case ',', ':', '(', ')', '[', ']', '【', '】', '「', '」', '《', '》', '〔', '〕', '.', '\t':
		return cBreak
	}
	return cNone
}

// units after a number, longest first within each list. durations name a
// span of time; others only extend the number token.
var (
	durationUnits = []string{"个季度", "个周期", "万公里", "个月", "小时", "分钟", "季度", "星期", "公里", "万次", "年", "月", "周", "天", "日", "季", "次", "秒"}
	otherUnits    = []string{"个百分点", "摄氏度", "立方米", "平方米", "万元", "亿元", "万吨", "千克", "公斤", "毫米", "厘米", "微米", "纳米", "千米", "分贝", "千瓦", "兆瓦", "毫升", "公顷", "万方", "倍", "成", "番", "万", "亿", "千", "百", "吨", "克", "米", "度", "元", "台", "件", "辆", "套", "项", "层", "圈", "转", "伏", "瓦", "升", "方", "亩", "头", "只", "株", "粒", "个", "级", "道", "片", "批", "人", "名", "家", "%", "‰", "℃", "℉"}
	asciiDuration = map[string]bool{"h": true, "hr": true, "hrs": true, "min": true, "hours": true, "days": true, "months": true, "years": true, "d": true}
)

// unit is a unit word after a number.
type unit struct {
	s   string
	n   int32 // runes
	dur bool  // a unit of time
}

// unitsByFirst lists the units by their first rune, longest first.
var unitsByFirst = func() map[rune][]unit {
	m := map[rune][]unit{}
	for _, list := range []struct {
		units []string
		dur   bool
	}{{durationUnits, true}, {otherUnits, false}} {
		for _, s := range list.units {
			r, _ := utf8.DecodeRuneInString(s)
			m[r] = append(m[r], unit{s, int32(utf8.RuneCountInString(s)), list.dur})
		}
	}
	for _, us := range m {
		slices.SortStableFunc(us, func(a, b unit) int { return len(b.s) - len(a.s) })
	}
	return m
}()

// maxNumberRunes bounds one number token.
const maxNumberRunes = 48

// scanNumber reads a number at text[i] (an ASCII or full-width digit):
// digits with decimal points, thousands separators, powers (1×10⁻⁶), ranges
// (5–8, 5%~8%) and units (%, 倍, 个月, mm, Wh/kg, ℃ …). It returns the end,
// the length in runes and whether a unit of time was read.
func scanNumber(text string, i int) (end int, runes int32, dur bool) {
	j, n := i, int32(0)
	peek := func(k int) (rune, int) {
		if k >= len(text) {
			return -1, 0
		}
		r, w := utf8.DecodeRuneInString(text[k:])
		if r == utf8.RuneError && w == 1 {
			return -1, 1
		}
		return foldRune(r), w
	}
	digits := func() {
		for n < maxNumberRunes {
			r, w := peek(j)
			switch {
			case r >= '0' && r <= '9', strings.ContainsRune("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", r):
			case r == '.' || r == ',' || r == '×' || r == '^' || r == '/':
				r2, _ := peek(j + w)
				if !(r2 >= '0' && r2 <= '9') {
					return
				}
			default:
				return
			}
			j += w
			n++
		}
	}
	for seg := 0; seg < 3 && n < maxNumberRunes; seg++ {
		digits()
		// optional space, then a unit
		k, kn := j, n
		if r, w := peek(k); r == ' ' {
			k += w
			kn++
		}
		if u, un, d := unitAt(text, k); un > 0 {
			j, n = k+len(u), kn+un
			dur = dur || d
		}
		// a range: 5–8, 5% ~ 8%, 2-4万公里
		k, kn = j, n
		if r, w := peek(k); r == ' ' {
			k += w
			kn++
		}
		r, w := peek(k)
		if !strings.ContainsRune("-–—~", r) {
			break
		}
		k += w
		kn++
		if r, w := peek(k); r == ' ' {
			k += w
			kn++
		}
		if r, _ := peek(k); !(r >= '0' && r <= '9') {
			break
		}
		j, n = k, kn
	}
	return j, n, dur
}

// unitAt returns the unit at text[k] (as written), its length in runes and
// whether it is a unit of time; un is 0 when there is none.
func unitAt(text string, k int) (u string, un int32, dur bool) {
	rest := text[k:]
	first, _ := utf8.DecodeRuneInString(rest)
	for _, s := range unitsByFirst[first] {
		if strings.HasPrefix(rest, s.s) {
			return s.s, s.n, s.dur
		}
	}
	// ASCII and symbol units: mm, Wh/kg, dB(A), kOe, mA/cm², ℃/min …
	j, n := 0, int32(0)
	for j < len(rest) && n < 12 {
		r, w := utf8.DecodeRuneInString(rest[j:])
		f := foldRune(r)
		if !(f >= 'a' && f <= 'z' || strings.ContainsRune("/°℃μµΩ²³·⁻¹%", f)) {
			break
		}
		j += w
		n++
	}
	if n == 0 {
		return "", 0, false
	}
	u = rest[:j]
	return u, n, asciiDuration[strings.ToLower(u)]
}

// isHanDigit reports whether r is a Chinese numeral a number may be
// written with (半年, 两倍, 三成, 几个月, 数年).
func isHanDigit(r rune) bool {
	switch r {
	case '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '半', '几', '数':
		return true
	}
	return false
}

// scanHanNumber reads a number in Chinese numerals at text[i]; it counts
// only when a unit of time or a ratio unit (倍, 成, 番) follows, so 一种,
// 数控 and 三元 are not numbers.
func scanHanNumber(text string, i int) (end int, runes int32, dur bool, ok bool) {
	j, n := i, int32(0)
	for j < len(text) && n < 6 {
		r, w := utf8.DecodeRuneInString(text[j:])
		if !isHanDigit(r) {
			break
		}
		j += w
		n++
	}
	if n == 0 {
		return 0, 0, false, false
	}
	rest := text[j:]
	for _, s := range durationUnits {
		if strings.HasPrefix(rest, s) {
			return j + len(s), n + int32(utf8.RuneCountInString(s)), true, true
		}
	}
	for _, s := range []string{"倍", "成", "番"} {
		if strings.HasPrefix(rest, s) {
			return j + len(s), n + 1, false, true
		}
	}
	if n >= 2 && strings.HasSuffix(text[i:j], "半") {
		return j, n, false, true // 一半
	}
	return 0, 0, false, false
}
