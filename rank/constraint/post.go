package constraint

import (
	"strings"
	"unicode/utf8"
)

// This file reads exclusions whose object is not after the cue: a cue
// stated after its object (燃油加热器就不用考虑了, 化学药剂法我们不接受,
// 原有管网不做改动, 电加热方案除外, 全部换成不锈钢管束投资太大，不考虑) and
// cues written around it (不对现有生产线进行改造, 保持原有布局不变).

// Word lists of the post-position rules.
var (
	// postFillers stand between a topic and a cue stated after it
	// (燃油加热器就不用考虑了, 化学药剂法我们不接受, 漏气率高，客户不能接受).
	postFillers = []string{"就", "也", "都", "均", "则", "一律", "一概", "暂", "暂时", "暂且", "目前", "先", "那",
		"那就", "我们", "我方", "我司", "我公司", "公司", "厂里", "厂方", "本单位", "本项目", "原则上", "坚决",
		"肯定", "基本", "一般", "当然", "客户", "用户", "业主", "甲方", "领导", "市场", "尽量"}
	// reasonNouns open a reason after the topic when an evaluative
	// predicate ends the clause (进口设备价格太高, 钛材管束投资太大).
	reasonNouns = []string{"投资", "价格", "成本", "费用", "造价", "代价", "周期", "工期", "风险", "难度", "能耗",
		"占地", "体积", "重量", "维护", "运维", "运行费用", "工作量", "污染", "操作", "售价", "投入",
		"开销", "花费", "耗电", "安全风险", "门槛", "性价比", "效果", "效率", "寿命", "噪声", "噪音"}
	// reasonPreds end such a reason (大, 太高, 麻烦, 不划算).
	reasonPreds = []string{"大", "高", "贵", "长", "重", "多", "低", "差", "慢", "短", "麻烦", "复杂", "不足", "不够",
		"昂贵", "不划算", "不经济", "不合算", "困难", "偏高", "过高", "过大", "太大", "太高", "太贵", "太长"}
	// reasonStarts open a reason by themselves (太贵, 不现实, 会产生废水,
	// 容易堵塞).
	reasonStarts = []string{"太大", "太高", "太贵", "太长", "太重", "太多", "太低", "太差", "太慢", "太短", "太复杂",
		"太麻烦", "太费", "过于", "偏高", "偏大", "偏贵", "偏长", "偏重", "偏低", "不现实", "不可行", "不划算", "不经济", "不合算", "不安全", "难以",
		"会", "容易", "易于", "可能", "存在", "带来", "产生", "导致", "需要", "因", "由于", "因为", "鉴于", "出于", "有安全", "有风险", "有隐患"}
	// topicStops make a topic a symptom, a condition or a comparison, not
	// a thing the need refuses (漏气率高，不能接受; 如果周期太长，则不考虑;
	// 超过100万的不考虑; 现有设备性能不行，不考虑).
	topicStops = []string{"不", "没", "未", "无法", "如果", "如", "若", "假如", "一旦", "要是", "除非", "即使",
		"超过", "高于", "低于", "大于", "小于", "以上", "以下", "出现", "发生", "问题", "情况", "现象"}
	// fixedNot are terms with 不 that name things (不锈钢, 不粘涂层,
	// 不饱和聚酯, 不间断电源), not a negation in a topic.
	fixedNot = []string{"不锈", "不粘", "不干胶", "不饱和", "不定形", "不间断", "不燃", "不熔", "不溶", "不透"}
	// symptomEnds: a topic ending in one of these runes is a state (成本高,
	// 速度慢), not a thing.
	symptomEnds = "高低大小多少差慢快重长短难贵坏"
	// topicGeneric are nouns that name no solution (因素, 情况, 周末).
	topicGeneric = map[string]bool{"因素": true, "情况": true, "现象": true, "问题": true, "结果": true,
		"状况": true, "后果": true, "部分": true, "方面": true, "事情": true, "事项": true, "内容": true,
		"这个": true, "那个": true, "这些": true, "那些": true, "其他": true, "其它": true, "以上": true,
		"上述": true, "周末": true, "节假日": true, "假日": true, "节日": true, "假期": true, "夜间": true,
		"白天": true, "晚上": true, "时间": true, "其余": true, "要求": true, "需求": true, "税费": true,
		"运费": true, "差旅费": true}
	// reasonOpeners: a topic opening with one of these is a reason (因价格
	// 原因不考虑), its object is elsewhere.
	reasonOpeners = []string{"因", "由于", "因为", "鉴于", "出于", "基于", "考虑到"}
	// keepAdverbs stand before 不变 (保持X基本不变).
	keepAdverbs = []string{"基本", "大致", "大体", "整体", "总体", "完全", "始终", "一直"}
)

var postSets = struct {
	fillers, reasonNouns, reasonPreds, reasonStarts, stops, keepAdv, fixedNot, reasonOpeners *wordSet
}{
	newWords(postFillers...), newWords(reasonNouns...), newWords(reasonPreds...), newWords(reasonStarts...),
	newWords(topicStops...), newWords(keepAdverbs...), newWords(fixedNot...), newWords(reasonOpeners...),
}

// maxTopic bounds the clause a post-position cue may reach back over, in
// runes (longer clauses are left alone: the topic would be a guess).
const maxTopic = 30

// terminalAfter reports whether nothing but spaces and sentence particles
// (了, 吧, 啦, 呢, 啊) follows rune e in its clause.
func terminalAfter(t *text, e int) bool {
	for e < len(t.rs) && (isSpace(t.rs[e]) || strings.ContainsRune("了吧啦呢啊", t.rs[e])) {
		e++
	}
	return e == len(t.rs) || isClauseEnd(t.rs[e])
}

// topicBefore returns the runes [ps, pe) a cue at rune cs stated after its
// object governs: the words before it in its clause (past fillers such as
// 就, 也, 我们, 暂), or, when prev is set and the cue opens its clause, the
// clause before it in the same sentence (…投资太大，不考虑). A reason ending
// the topic is cut off (价格太高, 会产生废水); ok is false when what remains
// is empty, too long, or reads as a symptom, a condition or a comparison.
func topicBefore(t *text, cs int, prev bool) (ps, pe int, fromPrev, ok bool) {
	rs := t.rs
	k := cs
	for {
		k = t.skipSpaceBack(k)
		_, s, ok := t.longestBefore(k, postSets.fillers)
		if !ok {
			break
		}
		k = s
	}
	if k == 0 {
		return 0, 0, false, false
	}
	if isClauseEnd(rs[k-1]) {
		if !prev || rs[k-1] != ',' {
			return 0, 0, false, false
		}
		k--
		fromPrev = true
	}
	pe = t.skipSpaceBack(k)
	ps = pe
	for ps > 0 && !isClauseEnd(rs[ps-1]) {
		if pe-ps >= maxTopic {
			return 0, 0, false, false
		}
		ps--
	}
	ps = t.skipSpace(ps)
	if _, ok := t.longestAt(ps, postSets.reasonOpeners); ok {
		return 0, 0, false, false
	}
	// Conditions and comparisons anywhere in the clause make it no topic.
	for i := ps; i < pe; i++ {
		w, ok := t.longestAt(i, postSets.stops)
		if !ok || w == "如" && i > ps {
			continue
		}
		if _, fixed := t.longestAt(i, postSets.fixedNot); fixed {
			continue
		}
		return 0, 0, false, false
	}
	pe = cutReason(t, ps, pe)
	for pe > ps && (rs[pe-1] == '的' || isSpace(rs[pe-1])) {
		pe--
	}
	if pe-ps < 2 || pe-ps > maxPhrase || strings.ContainsRune(symptomEnds, rs[pe-1]) {
		return 0, 0, false, false
	}
	return ps, pe, fromPrev, true
}

// cutReason returns where the reason ending runes [ps, pe) starts (pe if
// there is none): a reason noun with an evaluative predicate ending the
// clause (价格太高, 投资太大, 维护麻烦), or a word that opens a reason by
// itself (太贵, 不现实, 会产生废水). The topic keeps at least two runes.
func cutReason(t *text, ps, pe int) int {
	end := pe
	for end > ps && t.rs[end-1] == '了' {
		end--
	}
	for k := ps + 2; k < end; k++ {
		if w, ok := t.longestAt(k, postSets.reasonStarts); ok && k+runeLen(w) <= end {
			return k
		}
		if w, ok := t.longestAt(k, postSets.reasonNouns); ok {
			rest := k + runeLen(w)
			if rest < end && end-rest <= 6 {
				if _, _, ok := t.longestBefore(end, postSets.reasonPreds); ok {
					return k
				}
			}
		}
	}
	return pe
}

// plausibleTerm reports whether a cleaned term of a post-position topic
// names something a need could refuse: not a generic or time noun, nor a
// kind of organisation (省外单位除外 is about who may apply).
func plausibleTerm(n string) bool {
	if topicGeneric[n] || genericWords[n] {
		return false
	}
	// 此方案, 该设备: a demonstrative and a generic word.
	if r, size := utf8.DecodeRuneInString(n); strings.ContainsRune("此该本这那", r) && genericWords[n[size:]] {
		return false
	}
	for _, w := range []string{"情况", "问题", "单位", "企业", "公司", "机构", "高校", "院校", "个人"} {
		if strings.HasSuffix(n, w) {
			return false
		}
	}
	return true
}

// changeTail returns where a change verb ending the topic [ps, pe) starts
// (硬件改造不在考虑范围内, 燃煤锅炉改造…不考虑: the refused thing is a
// change of 硬件), or pe.
func changeTail(t *text, ps, pe int) int {
	if v, s, ok := t.longestBefore(pe, sortedEx.verbs); ok && runeLen(v) >= 2 && s-ps >= 2 &&
		(verbs[v] == vChange || verbs[v] == vAdd) {
		return s
	}
	return pe
}

// duiCue recognises 不对 X 进行改造 / 不能对 X 做任何改动 / 不对 X 造成损伤
// at rune i, the head (不对, 不能对 …) ending at h: a do-verb (进行, 做, 作,
// 加以, 实施) and a change or add verb, a cause-verb (造成, 产生, 带来) and a
// preserve verb, or directly a change verb of two runes, within the clause.
func duiCue(t *text, i, h int) (cueMatch, bool) {
	rs := t.rs
	for k := h + 1; k < len(rs) && k-h <= 20 && !isClauseEnd(rs[k]); k++ {
		if d, ok := t.longestAt(k, sortedEx.doVerbs); ok {
			j := k + runeLen(d)
			for range 2 {
				if a, ok := t.longestAt(j, sortedEx.adverbs); ok {
					j += runeLen(a)
				}
			}
			v, ok := t.longestAt(j, sortedEx.verbs)
			if !ok {
				continue
			}
			e := j + runeLen(v)
			if bad := verbNotBefore[v]; e < len(rs) && strings.ContainsRune(bad, rs[e]) {
				continue
			}
			cls := verbs[v]
			cause := d == "造成" || d == "产生" || d == "带来"
			if cause && cls == vPreserve || !cause && (cls == vChange || cls == vAdd) {
				return cueMatch{start: i, end: h, cls: cls, conf: .85, special: 'd', pe: k, vs: k, ve: e}, true
			}
			continue
		}
		if v, ok := t.longestAt(k, sortedEx.verbs); ok && runeLen(v) >= 2 && (verbs[v] == vChange || verbs[v] == vAdd) {
			e := k + runeLen(v)
			if bad := verbNotBefore[v]; e < len(rs) && strings.ContainsRune(bad, rs[e]) {
				continue
			}
			return cueMatch{start: i, end: h, cls: verbs[v], conf: .8, special: 'd', pe: k, vs: k, ve: e}, true
		}
	}
	return cueMatch{}, false
}

// keepCue recognises 保持 X 不变 / 维持 X 不变 at rune i: 不变 within 16
// runes in the clause, followed by the clause end, 的 or a frame word
// (前提, 情况, 条件). An adverb before 不变 (基本, 大致) is not part of X.
func keepCue(t *text, i int) (cueMatch, bool) {
	if !t.at(i, "保持") && !t.at(i, "维持") {
		return cueMatch{}, false
	}
	rs := t.rs
	h := i + 2
	for k := h + 1; k < len(rs) && k-h <= 16 && !isClauseEnd(rs[k]); k++ {
		if !t.at(k, "不变") {
			continue
		}
		e := k + 2
		if !terminalAfter(t, e) && !t.at(e, "的") && !t.at(e, "前提") && !t.at(e, "情况") && !t.at(e, "条件") {
			return cueMatch{}, false
		}
		pe := k
		if _, s, ok := t.longestBefore(pe, postSets.keepAdv); ok && s > h {
			pe = s
		}
		return cueMatch{start: i, end: h, cls: vChange, conf: .75, special: 'k', pe: pe, vs: k, ve: e}, true
	}
	return cueMatch{}, false
}

// exceptHeadAfter reports whether 的 and, within six runes of its clause, a
// head of solutions (办法, 方案, 其他 …) follow rune k: 除了加药以外的办法,
// 除了焚烧之外的处理办法.
func exceptHeadAfter(t *text, k int) bool {
	if !t.at(k, "的") {
		return false
	}
	for j := k + 1; j < len(t.rs) && j-k <= 6 && !isClauseEnd(t.rs[j]); j++ {
		if _, ok := t.longestAt(j, sortedEx.exceptHead); ok {
			return true
		}
	}
	return false
}

// replacementAt reports whether the phrase at rune ps opens with a
// replacement verb (全部换成, 改用), past leading 全部/全面/整体/直接.
func replacementAt(t *text, ps, pe int) bool {
	for _, w := range []string{"全部", "全面", "整体", "直接", "都"} {
		if t.at(ps, w) {
			ps += runeLen(w)
			break
		}
	}
	w, ok := t.longestAt(ps, sortedEx.replace)
	return ok && ps+runeLen(w) < pe
}

// materialOf returns the end of the material name opening item [s, e)
// when an object follows it (钛材管束 → 钛材, 碳纤维复合材料叶片 →
// 碳纤维复合材料), or e: the longest prefix ending in a material ending
// that leaves an object of two runes or more and is itself two runes or
// more.
func materialOf(t *text, s, e int) int {
	for k := e - 2; k >= s+2; k-- {
		if _, _, ok := t.longestBefore(k, sortedEx.material); ok {
			return k
		}
	}
	return e
}

// splitElements splits an item made only of one-rune element names (铅镉汞)
// into one item per element; other items are returned as they are.
func splitElements(t *text, s, e int) [][2]int {
	l := lex()
	if e-s < 2 || e-s > 5 {
		return [][2]int{{s, e}}
	}
	if _, known := l.group[normalize(t.str(s, e))]; known {
		return [][2]int{{s, e}}
	}
	for k := s; k < e; k++ {
		if !l.element[normalize(t.str(k, k+1))] {
			return [][2]int{{s, e}}
		}
	}
	out := make([][2]int, 0, e-s)
	for k := s; k < e; k++ {
		out = append(out, [2]int{k, k + 1})
	}
	return out
}
