package constraint

import (
	"slices"
	"strings"

	"github.com/techmatch/techmatch/rank/knowledge"
)

// Bounds on Exclusions' output, so that no input yields unbounded results.
const (
	MaxExclusions = 32 // exclusions per text
	MaxTerms      = 8  // terms per exclusion
	MaxConcepts   = 48 // concepts per exclusion
	maxPhrase     = 24 // runes of an excluded phrase
)

// ExclusionKind is what an exclusion forbids.
type ExclusionKind uint8

// Exclusion kinds.
const (
	// ExcludeThing: a material, technique, component or kind of solution
	// the solution must not use or contain (不考虑三元锂电池, 不含重金属,
	// 不要还在研发中的东西, 禁止浓水回灌).
	ExcludeThing ExclusionKind = iota
	// ExcludeChange: something the solution must not replace, modify or
	// add (不能更换模具, 不改动机床结构, 不允许加风扇).
	ExcludeChange
	// Preserve: a property the solution must not alter or worsen (不改变药效,
	// 不能明显增加重量和成本, 不损伤铝合金基材). Its terms are not excluded
	// concepts: an achievement about 药效 is not demoted, and the words stay
	// in the query.
	Preserve
	// ProductSpec: a property the enterprise's product must have, stated in
	// a need that asks for detection or testing (为满足出口客户的无卤要求，需要
	// 对来料进行卤素快速筛查; 产品需满足RoHS（不含铅镉），需要快速检测方法). The
	// substance is what the solution detects, not what it must avoid:
	// ExcludedBy returns nil for it and its words belong in the query.
	// Concepts are filled (the substances, for explanations and matching).
	ProductSpec
)

// String returns "thing", "change", "preserve" or "product".
func (k ExclusionKind) String() string {
	return [...]string{"thing", "change", "preserve", "product"}[k%4]
}

// Excludes reports whether the kind excludes something from the solution
// (ExcludeThing, ExcludeChange): the words of such an exclusion leave the
// positive query and achievements built on its concepts are demoted.
// Preserve and ProductSpec do neither.
func (k ExclusionKind) Excludes() bool { return k == ExcludeThing || k == ExcludeChange }

// Term is one content word of an excluded phrase with its span.
//
// A plain value, safe to copy and share.
type Term struct {
	Text string
	Span Span
}

// Exclusion is one stated exclusion of a need's text.
//
// A plain value, safe to copy and share (its slices are not shared with
// other results).
type Exclusion struct {
	Kind ExclusionKind
	// Cue is the cue as written (不考虑, 不能更换, 不得含, 而不是), CueSpan its span.
	// A cue stated after its phrase (燃油加热器就不用考虑了, 原有管网不做改动,
	// 电加热方案除外) has its span after Span.
	Cue     string
	CueSpan Span
	// Verb is the second part of a cue written around its phrase (不对
	// 现有生产线进行改造: Cue 不对, Verb 进行改造; 保持原有布局不变: Cue 保持,
	// Verb 不变); zero otherwise.
	Verb Cue
	// Phrase is the excluded phrase as written (加装隔声罩、包覆等增重方案),
	// Span its byte span: the words the scorer drops from the positive query
	// (for Kind ExcludeThing and ExcludeChange).
	Phrase string
	Span   Span
	// Terms are the phrase's content words (隔声罩, 包覆, 增重), with the
	// verbs, determiners and generic heads (方案, 技术, 工艺) stripped.
	Terms []Term
	// Concepts are the excluded concepts, normalized (lower-case,
	// half-width): the terms, their synonyms and narrower terms from the
	// package lexicon (重金属 → 铅, 镉, 汞, 铬 …; 三元锂电池 → ncm, nca …) and,
	// when a knowledge graph is given, from it. Generic words (工艺, 设备,
	// 系统, 结构 …) are terms but never concepts. Empty for Preserve; for
	// ProductSpec the substances the product must be free of.
	Concepts []string
	// Categories are the kinds of solution the exclusion is about, from the
	// lexicon's "kind" lines: low_maturity (不要还在研发中的东西), equity
	// (不考虑技术入股), hardware_change (不改硬件), tooling_change, wet_process,
	// … The "meta" ones (low_maturity, equity, downtime) concern record
	// fields (maturity, transfer modes), not title words.
	Categories []string
	// Confidence in (0,1]: how surely this is an exclusion (strong cues
	// 不考虑/不采用/不含 ≈ 0.9; 不用/无需/不是…而是 lower; lower again for long
	// phrases, inserted adverbs, a cue stated after its phrase (≤ 0.7), and a
	// substance excluded inside a clause about the product's requirements
	// (为满足客户的无铅要求: ≤ 0.5)).
	Confidence float64
}

// String renders the exclusion for explanations: "不考虑：三元锂电池",
// "不能更换：模具", "不要：还在研发中", "不对…进行改造：生产线".
func (e Exclusion) String() string {
	var b strings.Builder
	b.WriteString(e.Cue)
	if e.Verb.Text != "" {
		b.WriteString("…")
		b.WriteString(e.Verb.Text)
	}
	b.WriteString("：")
	if len(e.Terms) == 0 {
		b.WriteString(e.Phrase)
		return b.String()
	}
	for i, t := range e.Terms {
		if i > 0 {
			b.WriteString("、")
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

// verbClass is what a cue's verb does to its object.
type verbClass uint8

const (
	vUse verbClass = iota
	vContain
	vAdd
	vChange
	vPreserve
)

type cueDef struct {
	cls  verbClass
	conf float64
}

// standalone cues imply their verb.
var standalone = map[string]cueDef{
	"不考虑": {vUse, .9}, "不采用": {vUse, .9}, "不使用": {vUse, .9}, "不选用": {vUse, .9}, "不选择": {vUse, .85},
	"不选": {vUse, .8}, "不接受": {vUse, .9}, "不用": {vUse, .75}, "不要": {vUse, .7}, "排除": {vUse, .85},
	"禁用": {vUse, .9}, "禁止": {vUse, .8}, "严禁": {vUse, .85}, "不含有": {vContain, .9}, "不含": {vContain, .9},
	"无需": {vUse, .7}, "不需要": {vUse, .7}, "不需": {vUse, .7}, "不必": {vUse, .65}, "不涉及": {vUse, .7},
	"不依赖": {vUse, .8}, "不做": {vUse, .75}, "不添加": {vContain, .9}, "不引入": {vUse, .8}, "不再用": {vUse, .8},
	"不更换": {vChange, .9}, "不换": {vChange, .75}, "不改动": {vChange, .9}, "不改变": {vChange, .85},
	"不改造": {vChange, .85}, "不改": {vChange, .8}, "不拆除": {vChange, .85}, "不动": {vChange, .7},
	"不增加": {vAdd, .85}, "不新增": {vAdd, .9}, "不加装": {vAdd, .9}, "不增设": {vAdd, .9}, "不外加": {vAdd, .85},
	"不影响": {vPreserve, .8}, "不损伤": {vPreserve, .85}, "不损害": {vPreserve, .85}, "不破坏": {vPreserve, .85},
	"不降低": {vPreserve, .8}, "不牺牲": {vPreserve, .85},
	"不采纳": {vUse, .85}, "不予考虑": {vUse, .85}, "不予采用": {vUse, .85}, "不予采纳": {vUse, .85},
	"不予接受": {vUse, .85}, "不拆卸": {vChange, .85}, "不拆下": {vChange, .85},
	// Cues stated only after their phrase (燃油加热器不在考虑范围内, 炉体结构保持不变).
	"不在考虑范围内": {vUse, .8}, "不在考虑范围之内": {vUse, .8}, "不在考虑范围": {vUse, .8},
	"不在考虑之列": {vUse, .8}, "不在考虑范畴": {vUse, .8},
	"保持不变": {vChange, .75}, "维持不变": {vChange, .75}, "保持原样": {vChange, .75}, "保持原状": {vChange, .75},
	"维持原状": {vChange, .75}, "维持现状": {vChange, .75},
}

// postOnly are the standalone cues that only follow their phrase.
var postOnly = map[string]bool{"不在考虑范围内": true, "不在考虑范围之内": true, "不在考虑范围": true,
	"不在考虑之列": true, "不在考虑范畴": true, "保持不变": true, "维持不变": true, "保持原样": true,
	"保持原状": true, "维持原状": true, "维持现状": true}

// postStandalone are the standalone cues that may follow their phrase
// (三元锂电池不考虑, 原有管网不改动) besides the postOnly ones. 不用, 不要,
// 无需, 不动, 不改 are not: "X不需要" and "转不动" are not exclusions.
var postStandalone = map[string]bool{"不考虑": true, "不采用": true, "不选用": true, "不接受": true,
	"不采纳": true, "不予考虑": true, "不予采用": true, "不予采纳": true, "不予接受": true, "不更换": true,
	"不改动": true, "不改造": true, "不拆除": true, "不拆卸": true, "不改变": true}

// prohibitive modals forbid rather than state an inability, so a change
// verb after them may follow its object (模具不允许更换; but 滤芯不能更换 is a
// symptom).
var prohibitive = map[string]bool{"不得": true, "不允许": true, "严禁": true, "禁止": true, "不准": true,
	"不宜": true, "不希望": true, "尽量不": true, "最好不": true, "不想": true, "不愿": true, "不应": true,
	"不做": true, "不作": true, "不予": true, "不要": true, "避免": true}

// modals combine with a verb (不能更换, 不得含, 不允许加, 避免使用).
var modals = []string{"不能", "不得", "不允许", "不可", "不宜", "不准", "不希望", "尽量不", "最好不", "严禁", "禁止",
	"避免", "不再", "不应", "不需要", "无需", "不必", "不要", "不用", "不想", "不愿", "不做", "不作", "不予"}

// adverbs may stand between a modal and its verb (不能明显增加).
var adverbs = []string{"明显", "大幅", "大量", "过多", "过度", "额外", "再", "随意", "轻易", "任意", "多", "另行",
	"另外", "太多", "过", "直接", "再去", "去", "大规模", "频繁", "任何", "大的", "较大", "较大的", "重大",
	"结构性", "大"}

var verbs = map[string]verbClass{
	"使用": vUse, "采用": vUse, "用": vUse, "选用": vUse, "考虑": vUse, "接受": vUse, "依赖": vUse, "涉及": vUse,
	"引入": vUse, "借助": vUse, "采购": vUse,
	"含有": vContain, "含": vContain, "添加": vContain, "加入": vContain, "掺入": vContain, "掺杂": vContain,
	"加装": vAdd, "增加": vAdd, "新增": vAdd, "增设": vAdd, "加": vAdd, "安装": vAdd, "外加": vAdd,
	"更换": vChange, "换": vChange, "改动": vChange, "改变": vChange, "改造": vChange, "改装": vChange,
	"改": vChange, "拆除": vChange, "拆": vChange, "动": vChange, "调整": vChange,
	"拆下": vChange, "取下": vChange, "卸下": vChange, "拆掉": vChange, "拆卸": vChange, "拆开": vChange,
	"拿掉": vChange, "去掉": vChange, "撤掉": vChange, "换掉": vChange, "移除": vChange,
	"影响": vPreserve, "损伤": vPreserve, "损害": vPreserve, "破坏": vPreserve, "降低": vPreserve, "牺牲": vPreserve,
	"伤害": vPreserve, "污染": vPreserve,
}

// notCue: a cue (or modal + verb) followed by these runes is another word
// (不要求, 不用于, 不必要, 不改善, 加工, 换热, 动态, 不含税).
var notCue = []string{"不要求", "不要紧", "不用于", "不用担心", "不用说", "不必要", "不含税", "不含运费", "不含安装",
	"不做要求", "不做限制", "不做强制", "不限", "不选型", "不影响到", "不考虑到", "不需求", "不动产", "不动作", "不换向"}

// verbNotBefore: a verb followed by one of these runes is not the verb
// (用于, 改善, 加工, 换热, 动态, 含量, 调整为…).
var verbNotBefore = map[string]string{
	"用": "于户量途意", "改": "善进良正性", "加": "工快强大速以载剧热深宽", "换": "热向算", "动": "力作态手画",
	"含": "量糊", "安装": "", "降低": "", "考虑": "到",
}

// stopWords end an excluded phrase.
var stopWords = []string{"而是", "而", "但是", "但", "以免", "以防", "以便", "否则", "因为", "导致", "前提", "情况下",
	"条件下", "为宜", "为好", "即可", "的话", "也不", "又不", "同时", "并且", "而且", "并能", "且能", "还需", "还要",
	"也要", "从而", "进行", "来实现", "实现", "达到", "满足", "要求", "确保", "保证"}

// leading words stripped from an item (verbs, determiners, aspect).
var leadWords = []string{"使用", "采用", "用", "含有", "含", "添加", "加装", "增加", "更换", "换", "改动", "改",
	"新增", "额外的", "额外", "进行", "做", "任何", "其他", "其它", "一些", "各种", "各类", "这类", "此类", "那些",
	"这些", "还在", "仍在", "正在", "尚在", "还处于", "仍处于", "处于", "还是", "还", "仍", "尚", "在", "对",
	"需要", "要", "再", "太", "过于", "那种", "这种", "含", "依赖", "基于", "引入", "以", "现有", "原有", "目前的",
	"现有的", "原有的", "原来的", "安排", "配置", "配备", "购买", "购置", "投入", "设置", "布置",
	"全部", "全面", "整体", "直接", "我们", "我方", "我司", "我公司", "对于", "该", "这个", "那个"}

// replaceVerbs open a phrase naming what something would be replaced with
// (全部换成不锈钢或钛材管束): the excluded concepts are the materials, not the
// replaced object (管束). They are also leading words.
var replaceVerbs = []string{"换成", "改成", "改为", "改用", "换用", "更换为", "更换成", "替换为", "替换成", "换为",
	"升级为", "升级成", "改造成", "改造为"}

// materialEnds end a material name (不锈钢, 钛材, 碳纤维复合材料, 铝合金).
var materialEnds = []string{"材料", "材", "钢", "合金", "铜", "铝", "钛", "陶瓷", "塑料", "玻璃", "纤维", "橡胶",
	"树脂", "石墨", "复材"}

// genericWords are terms too general to be excluded concepts: 不能对原有工艺
// 进行调整 must not demote every achievement with 工艺 in its title. They
// stay terms (for explanations and the query).
var genericWords = map[string]bool{"工艺": true, "技术": true, "方案": true, "设备": true, "系统": true,
	"装置": true, "结构": true, "产品": true, "材料": true, "方法": true, "东西": true, "部件": true,
	"零件": true, "设施": true, "原料": true, "机器": true, "机械": true, "整机": true, "主机": true}

// heads stripped from the end of an item (generic heads of a solution).
var heads = []string{"技术方案", "技术路线", "解决方案", "方案", "路线", "手段", "措施", "方式", "方法", "技术",
	"工艺", "东西", "产品", "之类的", "之类", "类", "体系", "等", "的", "疗法", "办法"}

// faNotHead: a trailing 法 after these runes is part of a word (算法, 方法,
// 办法, 做法, 说法, 手法, 语法, 用法, 技法, 疗法), elsewhere it is the head
// "method" (化学药剂法 → 化学药剂).
const faNotHead = "算方办做说手语用技疗书司立宪"

// nonTerms follow 非 in fixed technical terms that name what is wanted
// (非接触式测量, 非晶合金, 非球面, 非计划停机), not an exclusion.
var nonTerms = []string{"接触", "线性", "晶", "金属", "标", "对称", "球面", "织", "侵入", "破坏", "均匀",
	"牛顿", "稳态", "计划", "法", "正常", "常", "典型", "结构化", "易燃", "极性", "离子", "但", "得", "要", "遗",
	"甾体", "编码", "固定", "连续", "平衡", "开挖", "公路", "道路", "热", "粮", "营利", "电", "标准"}

// negPrefixes before a concept in an achievement's title mean it is free of
// it or replaces it (无铅焊料, 非三元, 替代氢氟酸, 去除重金属).
var negPrefixes = []string{"无", "不含", "非", "免", "去除", "去", "除", "脱", "零", "替代", "取代", "代替", "不用",
	"无需", "不使用", "低", "少", "减少", "降低"}

// negSuffixes after a concept mean the same (铅替代, 氢氟酸替代技术, …-free).
var negSuffixes = []string{"替代", "代替", "-free", " free", "free", "减量", "脱除", "去除"}

var sortedEx = struct {
	standalone, modals, adverbs, verbs, notCue, stop, lead, heads, negPre, negSuf, conceptNeg *wordSet
	nonTerms, nonHeads, except, exceptOK, wantedAfter                                         *wordSet
	replace, material, dui, doVerbs, purpose, exceptHead                                      *wordSet
}{}

func init() {
	sortedEx.standalone = newWords(keys(standalone)...)
	sortedEx.modals = newWords(modals...)
	sortedEx.adverbs = newWords(adverbs...)
	sortedEx.verbs = newWords(keys(verbs)...)
	sortedEx.notCue = newWords(notCue...)
	sortedEx.stop = newWords(stopWords...)
	sortedEx.lead = newWords(slices.Concat(leadWords, replaceVerbs)...)
	sortedEx.heads = newWords(heads...)
	sortedEx.negPre = newWords(negPrefixes...)
	sortedEx.negSuf = newWords(negSuffixes...)
	sortedEx.conceptNeg = newWords(conceptNeg...)
	sortedEx.nonTerms = newWords(nonTerms...)
	sortedEx.nonHeads = newWords("技术路线", "方案", "路线", "体系")
	sortedEx.except = newWords("以外", "之外", "外")
	sortedEx.exceptOK = newWords("均可", "都可", "皆可", "均接受", "都可以", "都行", "均行", "也可以", "也可", "亦可")
	sortedEx.replace = newWords(replaceVerbs...)
	sortedEx.material = newWords(materialEnds...)
	sortedEx.dui = newWords("不对", "不得对", "不能对", "不允许对", "不要对", "无需对", "不需要对", "不需对", "避免对",
		"尽量不对", "尽量避免对", "不会对", "不可对", "不应对", "不宜对", "不准对", "严禁对", "禁止对", "不用对", "不必对")
	sortedEx.doVerbs = newWords("进行", "做", "作", "加以", "实施", "造成", "产生", "带来")
	sortedEx.purpose = newWords("返厂", "返修", "送修", "维修", "检修", "修理", "外送", "送检", "运走", "保养", "大修",
		"清洗", "处理")
	// 除X以外的办法: the heads that make 以外的 an exclusion.
	sortedEx.exceptHead = newWords("办法", "方法", "方案", "手段", "技术", "途径", "措施", "工艺", "路线", "思路", "方式",
		"选择", "解决方案", "技术方案", "处理方式", "其他", "其它", "别的")
}

// cueMatch is a recognised cue at a rune index.
type cueMatch struct {
	start, end int // runes of the cue (modal + adverb + verb)
	cls        verbClass
	conf       float64
	// special is 0, or 'n' (非…方案), 'b' (不是…而是), 'r' (而不是), 'c'
	// (除…外均可), 'f' (无X), 'd' (不对X进行改造), 'k' (保持X不变), 'x' (X除外).
	special byte
	// post: with nothing after it in its clause, the cue governs the words
	// before it (三元锂电池不考虑); prev: or, opening its clause, the clause
	// before it (…投资太大，不考虑); only: it never takes a following phrase.
	post, prev, only bool
	// pe ends the phrase of 'd' and 'k' cues, whose second part is [vs, ve).
	pe, vs, ve int
}

// cueAt recognises an exclusion cue at rune index i.
func cueAt(t *text, i int) (cueMatch, bool) {
	r := t.rs[i]
	switch r {
	case '不', '无', '禁', '严', '避', '排', '尽', '最', '而', '除', '非', '拒', '保', '维', '就':
	default:
		return cueMatch{}, false
	}
	if _, ok := t.longestAt(i, sortedEx.notCue); ok {
		return cueMatch{}, false
	}
	// 不对 X 进行改造, 不对 X 造成损伤.
	if h, ok := t.longestAt(i, sortedEx.dui); ok {
		if c, ok := duiCue(t, i, i+runeLen(h)); ok {
			return c, true
		}
	}
	// 而不是 / 而非: what follows is excluded.
	for _, w := range []string{"而不是", "而非"} {
		if t.at(i, w) {
			return cueMatch{start: i, end: i + runeLen(w), cls: vUse, conf: .7, special: 'r'}, true
		}
	}
	if t.at(i, "不是") {
		return cueMatch{start: i, end: i + 2, cls: vUse, conf: .6, special: 'b'}, true
	}
	// Modal + adverb + verb.
	if m, ok := t.longestAt(i, sortedEx.modals); ok {
		j := i + runeLen(m)
		adv := false
		if a, ok := t.longestAt(j, sortedEx.adverbs); ok {
			if _, ok := t.longestAt(j+runeLen(a), sortedEx.verbs); ok {
				j += runeLen(a)
				adv = true
			}
		}
		if v, ok := t.longestAt(j, sortedEx.verbs); ok {
			e := j + runeLen(v)
			if bad := verbNotBefore[v]; e >= len(t.rs) || !strings.ContainsRune(bad, t.rs[e]) {
				conf := .85
				if adv {
					conf = .7
				}
				if m == "避免" || m == "不用" || m == "不要" || m == "不必" || m == "不想" || m == "不愿" {
					conf -= .1
				}
				c := cueMatch{start: i, end: e, cls: verbs[v], conf: conf}
				switch {
				case v == "考虑" || v == "接受":
					c.post, c.prev = true, v == "考虑"
				case v == "采用" || v == "选用":
					c.post = m != "不能" && m != "不可"
				case c.cls == vChange || c.cls == vAdd:
					c.post = prohibitive[m]
				}
				// 不能拆下返厂: a removal verb followed by its purpose; the
				// phrase is the whole action (the verb's object is before).
				if c.cls == vChange && runeLen(v) == 2 && strings.ContainsRune("下掉开除", t.rs[e-1]) {
					if _, ok := t.longestAt(e, sortedEx.purpose); ok {
						c.end = j
					}
				}
				return c, true
			}
		}
	}
	if w, ok := t.longestAt(i, sortedEx.standalone); ok {
		d := standalone[w]
		if _, ok := t.endsAt(i, "可"); ok && w == "不考虑" || strings.HasSuffix(t.str(max(0, i-2), i), "可以") {
			return cueMatch{}, false // 可不考虑: need not be considered
		}
		e := i + runeLen(w)
		// 不改善, 不用于: the last rune of the cue starts another word.
		last := string(t.rs[e-1])
		if bad, ok := verbNotBefore[last]; ok && e < len(t.rs) && strings.ContainsRune(bad, t.rs[e]) {
			return cueMatch{}, false
		}
		c := cueMatch{start: i, end: e, cls: d.cls, conf: d.conf, only: postOnly[w]}
		c.post = c.only || postStandalone[w]
		c.prev = c.post && strings.Contains(w, "考虑")
		return c, true
	}
	switch r {
	case '保', '维':
		return keepCue(t, i)
	case '就':
		if t.at(i, "就算了") && terminalAfter(t, i+3) {
			return cueMatch{start: i, end: i + 3, cls: vUse, conf: .6, post: true, only: true}, true
		}
		return cueMatch{}, false
	}
	if t.at(i, "除外") {
		if i > 0 && !isClauseEnd(t.rs[i-1]) && terminalAfter(t, i+2) {
			return cueMatch{start: i, end: i + 2, cls: vUse, conf: .7, special: 'x', post: true, only: true}, true
		}
		return cueMatch{}, false
	}
	switch r {
	case '非':
		if _, fixed := t.longestAt(i+1, sortedEx.nonTerms); !fixed && i+1 < len(t.rs) {
			return cueMatch{start: i, end: i + 1, cls: vUse, conf: .6, special: 'n'}, true
		}
	case '除':
		// 除X外 opening a clause, or 除了 inside one (找到除了加药以外的办法)
		// unless 除 ends a verb (去除了, 消除了, 排除了).
		if i == 0 || isClauseEnd(t.rs[i-1]) || isSpace(t.rs[i-1]) ||
			t.at(i, "除了") && !strings.ContainsRune(chuVerbs, t.rs[i-1]) {
			e := i + 1
			if t.at(e, "了") {
				e++
			}
			return cueMatch{start: i, end: e, cls: vUse, conf: .7, special: 'c'}, true
		}
	case '无':
		if i > 0 && t.rs[i-1] == '有' {
			return cueMatch{}, false
		}
		if _, ok := t.longestAt(i+1, lex().free); ok {
			return cueMatch{start: i, end: i + 1, cls: vContain, conf: .8, special: 'f'}, true
		}
	}
	return cueMatch{}, false
}

// chuVerbs end in 除 (去除, 消除, 清除, 排除, 切除, 剔除, 扣除, 解除, 根除,
// 免除, 拆除, 删除, 摘除, 革除, 铲除, 祛除, 破除, 驱除, 废除, 开除, 整除, 摒除, 戒除).
const chuVerbs = "去消清排切剔扣解根免拆删摘革铲祛破驱废开整摒戒"

// Exclusions returns the exclusions stated in a need's text, in text order
// (at most MaxExclusions). g, when not nil, adds the synonyms and narrower
// terms of the knowledge base to the excluded concepts; nil uses the
// package lexicon only.
//
// Cues: 不考虑/不采用/不使用/不用/不要/不选/不接受/排除/禁用/禁止/不含/无需/不需要/
// 不更换/不改动/不增加/不做/不影响/不损伤 …, a modal with a verb (不能更换,
// 不得含有, 不允许加, 避免使用, 尽量不用), 非…方案, 不是…而是…, 而不是/而非,
// 除…外…均可, and 无 + a substance of the lexicon (无铅, 无卤). Symptoms are
// not exclusions: 不合格, 不达标, 不足, 不稳定, 不均匀, 不能满足要求, 不理想,
// 不明显 have no cue verb; neither are 不仅…还…, 不要求, 不用于, 避免 + a
// symptom (避免轴承电腐蚀), nor a cue clause of time (不使用时).
//
// Time O(len(text)) plus, with g, a knowledge-base look-up per excluded
// term; safe for concurrent use (g is immutable).
func Exclusions(text string, g *knowledge.Graph) []Exclusion {
	t := newText(text)
	var out []Exclusion
	for i := 0; i < len(t.rs) && len(out) < MaxExclusions; i++ {
		c, ok := cueAt(t, i)
		if !ok {
			continue
		}
		ex, next, ok := buildExclusion(t, c, g)
		if ok {
			out = append(out, ex)
		}
		if next > i {
			i = next - 1
		}
	}
	return out
}

// buildExclusion reads the phrase of cue c and makes the exclusion. next is
// where scanning resumes (after the cue, so a second cue inside a list is
// still read).
func buildExclusion(t *text, c cueMatch, g *knowledge.Graph) (Exclusion, int, bool) {
	rs := t.rs
	p := t.skipSpace(c.end)
	var ps, pe int // phrase runes
	switch c.special {
	case 'b': // 不是 X(，)而是 Y
		e := findInSentence(t, p, "而是", 30)
		if e < 0 {
			return Exclusion{}, c.end, false
		}
		ps, pe = p, e
		for pe > ps && (isClauseEnd(rs[pe-1]) || isSpace(rs[pe-1])) {
			pe--
		}
		if pe-ps > maxPhrase {
			return Exclusion{}, c.end, false
		}
	case 'n': // 非 X 方案
		ps = p
		pe = -1
		for k := p; k < len(rs) && k-p <= 12 && !isClauseEnd(rs[k]); k++ {
			if _, ok := t.longestAt(k, sortedEx.nonHeads); ok && k > p {
				pe = k
				break
			}
		}
		if pe < 0 {
			return Exclusion{}, c.end, false
		}
	case 'c': // 除 X 外，…均可; 除了 X 以外的办法
		e := -1
		for k := p; k < len(rs) && k-p <= 15 && !isSentenceEnd(rs[k]); k++ {
			if w, ok := t.longestAt(k, sortedEx.except); ok && k > p {
				e = k
				tail := k + runeLen(w)
				if !anyInSentence(t, tail, sortedEx.exceptOK, 20) && !exceptHeadAfter(t, tail) {
					return Exclusion{}, c.end, false
				}
				break
			}
		}
		if e < 0 {
			return Exclusion{}, c.end, false
		}
		ps, pe = p, e
	case 'f': // 无铅
		ps = c.end
		f, _ := t.longestAt(ps, lex().free)
		pe = ps + runeLen(f)
		c.end = ps
		c.start = ps - 1
	case 'd', 'k': // 不对 X 进行改造, 保持 X 不变
		ps, pe = p, c.pe
	case 'x': // X 除外: the topic before
		ps, pe = p, p
	default:
		ps, pe = p, p
		if !c.only {
			pe = phraseEnd(t, ps)
		}
	}
	// Trim fillers at both ends.
	for ps < pe && (isSpace(rs[ps]) || rs[ps] == '了') {
		ps++
	}
	for pe > ps && (isSpace(rs[pe-1]) || strings.ContainsRune("等的了类", rs[pe-1]) && pe-ps > 2) {
		pe--
	}
	post, prevClause := false, false
	if pe <= ps {
		// Nothing follows the cue: a cue stated after its object governs
		// the topic before it (燃油加热器就不用考虑了).
		if !c.post || !terminalAfter(t, c.end) {
			return Exclusion{}, c.end, false
		}
		var ok bool
		if ps, pe, prevClause, ok = topicBefore(t, c.start, c.prev); !ok {
			return Exclusion{}, c.end, false
		}
		post = true
		if e := changeTail(t, ps, pe); e < pe && c.cls == vUse {
			pe, c.cls = e, vChange
		}
	}
	phrase := t.str(ps, pe)
	if !post {
		// 不使用时, 不用的时候: a time clause, not an exclusion.
		if pe-ps <= 6 && (strings.HasSuffix(phrase, "时") || strings.HasSuffix(phrase, "时候") || strings.HasSuffix(phrase, "期间")) {
			return Exclusion{}, c.end, false
		}
		if rs[ps] == '时' || t.at(ps, "的时候") || ps == c.end && pe < len(rs) && rs[pe] == '时' {
			return Exclusion{}, c.end, false
		}
	}
	ex := Exclusion{
		Cue:     t.str(c.start, c.end),
		CueSpan: t.span(c.start, c.end),
		Phrase:  phrase,
		Span:    t.span(ps, pe),
	}
	if c.special == 'f' {
		ex.Cue, ex.CueSpan = "无", t.span(c.start, c.start+1)
	}
	if c.ve > c.vs {
		ex.Verb = Cue{Text: t.str(c.vs, c.ve), Span: t.span(c.vs, c.ve)}
	}
	// A cue of use whose phrase opens with a change verb excludes a change
	// (不考虑更换模具, 除了更换整机之外的方案).
	cls := c.cls
	if v, ok := t.longestAt(ps, sortedEx.verbs); ok && cls == vUse && verbs[v] == vChange && runeLen(v) >= 2 {
		cls = vChange
	}
	repl := replacementAt(t, ps, pe)
	l := lex()
	nphrase := normalize(phrase)
	for _, k := range l.kinds {
		if k.triggers.in(nphrase) {
			ex.Categories = append(ex.Categories, k.name)
		}
	}
	known := false
	for _, it := range splitItems(t, ps, pe) {
		s, e := cleanItem(t, it[0], it[1])
		if e <= s {
			continue
		}
		if repl {
			e = materialOf(t, s, e)
		}
		parts := [][2]int{{s, e}}
		if cls == vContain {
			parts = splitElements(t, s, e)
		}
		for _, pt := range parts {
			if len(ex.Terms) >= MaxTerms {
				break
			}
			s, e := pt[0], pt[1]
			n := normalize(t.str(s, e))
			if metaTrigger(n) {
				continue
			}
			if runeLen(n) < 2 && !l.element[n] {
				continue
			}
			if post && (!plausibleTerm(n) || cls == vUse && l.isProperty(n)) {
				// 运输成本暂不考虑: a cost is not a thing to refuse.
				continue
			}
			if _, ok := l.group[n]; ok || l.element[n] {
				known = true
			}
			if g != nil {
				if _, ok := g.Canonical(n); ok {
					known = true
				}
			}
			ex.Terms = append(ex.Terms, Term{Text: t.str(s, e), Span: t.span(s, e)})
		}
	}
	if len(ex.Terms) == 0 && (len(ex.Categories) == 0 || post) {
		return Exclusion{}, c.end, false
	}
	// Kind.
	switch cls {
	case vPreserve:
		ex.Kind = Preserve
	case vChange, vAdd:
		ex.Kind = ExcludeChange
		allProp := len(ex.Terms) > 0
		for _, tm := range ex.Terms {
			if !l.isProperty(normalize(tm.Text)) {
				allProp = false
			}
		}
		if allProp {
			ex.Kind = Preserve
		}
	default:
		ex.Kind = ExcludeThing
	}
	conf := c.conf
	if pe-ps > 12 {
		conf -= .1
	}
	if !known && pe-ps > 8 {
		conf -= .1
	}
	if post {
		conf = min(conf, .7)
		if prevClause {
			conf -= .1
		}
	}
	if ex.Kind == ExcludeThing && cls == vContain {
		ex.Kind, conf = productKind(t, c.start, ps, pe, conf)
	}
	ex.Confidence = clamp01(conf)
	if ex.Kind != Preserve {
		ex.Concepts = concepts(ex.Terms, g)
	}
	next := c.end
	switch {
	case c.ve > c.vs:
		next = c.ve
	case c.special != 0 && !post:
		next = pe
	}
	return ex, next, true
}

// phraseEnd returns where the excluded phrase starting at p ends: a clause
// end, 的 (不用锂的电芯: 锂), another cue, a stop word, or maxPhrase runes.
func phraseEnd(t *text, p int) int {
	rs := t.rs
	k := p
	for ; k < len(rs) && k-p < maxPhrase; k++ {
		r := rs[k]
		if isClauseEnd(r) || r == '的' || r == ' ' && k > p {
			break
		}
		if k > p {
			if _, ok := t.longestAt(k, sortedEx.stop); ok {
				break
			}
			if _, ok := cueAt(t, k); ok && r != '无' && r != '非' && r != '除' {
				break
			}
		}
	}
	return k
}

// findInSentence returns the index of w after p within n runes in the same
// sentence, or -1.
func findInSentence(t *text, p int, w string, n int) int {
	for k := p; k < len(t.rs) && k-p <= n && !isSentenceEnd(t.rs[k]); k++ {
		if t.at(k, w) {
			return k
		}
	}
	return -1
}

// anyInSentence reports whether one of ws occurs after p within n runes in
// the same sentence.
func anyInSentence(t *text, p int, ws *wordSet, n int) bool {
	for k := p; k < len(t.rs) && k-p <= n && !isSentenceEnd(t.rs[k]); k++ {
		if _, ok := t.longestAt(k, ws); ok {
			return true
		}
	}
	return false
}

// splitItems splits runes [ps, pe) at list separators: 、 / 和 及 与 或 跟 以及
// 或者 等 (a one-rune conjunction only between two parts of two runes or more,
// so 饱和蒸汽 stays whole).
func splitItems(t *text, ps, pe int) [][2]int {
	rs := t.rs
	var out [][2]int
	s := ps
	for k := ps; k < pe; k++ {
		n := 0
		switch {
		case rs[k] == '、' || rs[k] == '/' || rs[k] == '+':
			n = 1
		case t.at(k, "以及") || t.at(k, "或者") || t.at(k, "还是"):
			n = 2
		case strings.ContainsRune("和及与或跟等", rs[k]):
			if k-s >= 2 && pe-(k+1) >= 2 || rs[k] == '等' && k-s >= 1 {
				n = 1
			}
		}
		if n == 0 {
			continue
		}
		if k > s {
			out = append(out, [2]int{s, k})
		}
		s = k + n
		k += n - 1
	}
	if pe > s {
		out = append(out, [2]int{s, pe})
	}
	return out
}

// cleanItem strips leading verbs and determiners and trailing generic heads
// from runes [s, e), keeping at least two runes (or a one-rune element).
func cleanItem(t *text, s, e int) (int, int) {
	l := lex()
	keep := func(a, b int) bool {
		return b-a >= 2 || b-a == 1 && l.element[normalize(t.str(a, b))]
	}
	for changed := true; changed; {
		changed = false
		for s < e && isSpace(t.rs[s]) {
			s++
		}
		if w, ok := t.longestAt(s, sortedEx.lead); ok {
			if n := runeLen(w); s+n <= e && keep(s+n, e) {
				s += n
				changed = true
			}
		}
		if w, _, ok := t.longestBefore(e, sortedEx.heads); ok {
			if n := runeLen(w); e-n >= s && keep(s, e-n) {
				e -= n
				changed = true
			}
		}
		// 化学药剂法 → 化学药剂 (but 算法, 办法, 疗法 stay whole).
		if e-s >= 4 && t.rs[e-1] == '法' && !strings.ContainsRune(faNotHead, t.rs[e-2]) {
			e--
			changed = true
		}
	}
	return s, e
}

// metaTrigger reports whether n is (or contains) a trigger of a meta kind,
// a statement about the record rather than a concept.
func metaTrigger(n string) bool {
	for _, k := range lex().kinds {
		if k.meta && k.triggers.in(n) {
			return true
		}
	}
	return false
}

// concepts expands the terms into excluded concepts (normalized, deduped,
// at most MaxConcepts).
func concepts(terms []Term, g *knowledge.Graph) []string {
	l := lex()
	seen := make(map[string]bool, 16)
	var out []string
	// add takes a normalized concept; origin is the normalized term it
	// comes from.
	add := func(n, origin string) {
		if n == "" || seen[n] || len(out) >= MaxConcepts {
			return
		}
		if runeLen(n) < 2 && !l.element[n] || genericWords[n] {
			return
		}
		// Drop negated variants (无卤阻燃 as a synonym of 阻燃).
		if w, ok := sortedEx.conceptNeg.prefixOf(n); ok && !strings.HasPrefix(origin, w) {
			return
		}
		seen[n] = true
		out = append(out, n)
	}
	addGroup := func(n string) {
		var from []string
		if gi, ok := l.group[n]; ok {
			from = l.groupTerms[gi]
			for _, m := range from {
				add(m, n)
			}
		} else {
			from = []string{n}
		}
		for _, m := range from {
			for _, nn := range l.narrower[m] {
				add(nn, n)
				// One level further: a narrower term's own names.
				if gi, ok := l.group[nn]; ok {
					for _, x := range l.groupTerms[gi] {
						add(x, n)
					}
				}
			}
		}
	}
	norm := make([]string, len(terms))
	for i, tm := range terms {
		norm[i] = normalize(tm.Text)
		add(norm[i], norm[i])
	}
	// A material named by its form (钛材, 铝合金板材, 不锈钢材质) also
	// excludes the material itself, which is how achievements name it
	// (TA2钛管, 钛钢复合板): the stem, when it is an element or at least
	// two runes.
	for _, n := range norm {
		for _, suf := range materialForms {
			if stem, ok := strings.CutSuffix(n, suf); ok && stem != "" {
				add(stem, n)
				addGroup(stem)
				break
			}
		}
	}
	for _, n := range norm {
		addGroup(n)
		if g == nil {
			continue
		}
		if _, ok := g.Canonical(n); !ok {
			continue
		}
		for _, s := range g.Synonyms(n) {
			add(normalize(s), n)
		}
		for _, x := range g.Expand(n, kbOptions) {
			if x.Kind == knowledge.KindSynonym || x.Kind == knowledge.KindNarrower {
				add(normalize(x.To), n)
			}
		}
	}
	return out
}

// materialForms are suffixes naming a material by its form, longest first.
var materialForms = []string{"板材", "管材", "型材", "线材", "材质", "材料", "材"}

// conceptNeg: expansions starting with these are negated variants.
var conceptNeg = []string{"不含", "去除", "无", "非", "免", "零"}

// kbOptions keep synonym and narrower links only.
var kbOptions = knowledge.Options{Broader: -1, Problem: -1, Solves: -1, Related: -1, MinWeight: -1, Max: 32}

func clamp01(x float64) float64 {
	switch {
	case x < 0.05:
		return 0.05
	case x > 1:
		return 1
	}
	return x
}
