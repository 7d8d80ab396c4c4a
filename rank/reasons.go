package rank

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/techmatch/techmatch"
)

// Reason is one sentence of a pair's recommendation reasons, in Chinese.
// A plain value, safe to copy and to share between goroutines.
type Reason struct {
	// Feature is the feature the sentence renders (a name of Names).
	Feature string `json:"feature"`
	// Text is the sentence, without the warning mark: 共同技术要点：碳纤维、轻量化.
	Text string `json:"text"`
	// Warning is true for a violated constraint or an exclusion the
	// achievement falls under; String prefixes such a sentence with "⚠ ".
	Warning bool `json:"warning,omitempty"`
	// Score is the feature's contribution to the pair score.
	Score float64 `json:"score"`
}

// String returns the sentence, prefixed with "⚠ " for a warning.
func (r Reason) String() string {
	if r.Warning {
		return "⚠ " + r.Text
	}
	return r.Text
}

// MaxReasons is the number of favourable sentences Reasons keeps; warnings
// come on top of them (at most one per constraint feature, so at most five).
const MaxReasons = 5

// maxPoints is the number of shared technical points a sentence names.
const maxPoints = 5

// GenericWords are words too general to be a shared technical point: a
// matched term that is one of them never appears in 共同技术要点. The
// segmenter's stop words (function words, pronouns, generic verbs) never
// reach the matched terms, which are query terms; these are the content
// words the segmenter keeps but that say nothing about a technology.
var GenericWords = []string{
	"技术", "方法", "系统", "装置", "研究", "应用", "开发", "一种", "设备", "工艺", "方案", "产品",
	"材料", "结构", "部件", "零件", "构件", "设施", "机器", "机械", "装备", "平台", "模块", "制备",
	"制造", "生产", "加工", "工程", "项目", "成果", "需求", "问题", "性能", "质量", "效果", "功能",
	"领域", "行业", "企业", "公司", "单位", "基于", "用于", "实现", "提高", "提升", "降低", "改进",
	"优化", "新型", "处理", "控制", "方式", "手段", "过程", "技术开发", "研发", "创新", "解决",
	"关键技术", "核心技术", "工艺技术", "技术研究", "技术方案", "解决方案", "高效", "新技术",
	"不足", "不够", "困难", "需要", "要求", "希望", "目前", "现有", "传统", "具备", "具有", "建立", "时间",
	"小时", "中心", "安装", "供应", "状态", "差异", "变化", "情况", "能力", "水平", "程度", "方面", "使用",
	"采用", "进行", "通过", "满足", "达到", "可以", "能够", "相关",
}

var genericSet = func() map[string]bool {
	m := make(map[string]bool, len(GenericWords))
	for _, w := range GenericWords {
		m[w] = true
	}
	return m
}()

// IsGeneric reports whether term is too general to be a shared technical
// point: one of GenericWords, a single character, an ASCII word of two
// characters (a unit such as kw or mm), or made of digits and punctuation
// only.
func IsGeneric(term string) bool {
	t := strings.TrimSpace(term)
	n := utf8.RuneCountInString(t)
	if n < 2 || n == 2 && len(t) == 2 || genericSet[strings.ToLower(t)] {
		return true
	}
	for _, r := range t {
		if unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// SharedPoints returns the matched terms an agent would call shared
// technical points: generic terms (IsGeneric) dropped, a term contained in
// a longer kept term dropped (冲压 beside 冲压模具), duplicates dropped,
// the rest longest first (the longer a term, the more specific it is:
// 刀具磨损 before 功率), ties in their given order, at most n of them
// (n ≤ 0: all).
func SharedPoints(terms []string, n int) []string {
	var kept []string
	for _, term := range terms {
		// 、 separates the points of a sentence: a term holding one is
		// its parts.
		for t := range strings.SplitSeq(clean(term), "、") {
			if t = strings.TrimSpace(t); IsGeneric(t) || slices.Contains(kept, t) {
				continue
			}
			kept = append(kept, t)
		}
	}
	out := kept[:0:0]
	for i, t := range kept {
		inside := false
		for j, u := range kept {
			if i != j && len(u) > len(t) && strings.Contains(u, t) {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, t)
		}
	}
	slices.SortStableFunc(out, func(a, b string) int {
		return cmp.Compare(utf8.RuneCountInString(b), utf8.RuneCountInString(a))
	})
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

// Reasons renders an explanation as the short Chinese sentences an agency
// would write, strings of ReasonsOf(e, MaxReasons):
//
//	共同技术要点：碳纤维、轻量化；行业一致：汽车；成熟度满足（7 ≥ 6）；
//	预算内（80万元 ≤ 100万元）；同在哈长城市群（长春、哈尔滨）；⚠ 转化方式不一致（…）
func Reasons(e techmatch.Explanation) []string {
	rs := ReasonsOf(e, MaxReasons)
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.String()
	}
	return out
}

// ReasonText is Reasons joined with "；", the form of a spreadsheet cell.
func ReasonText(e techmatch.Explanation) string { return strings.Join(Reasons(e), "；") }

// ReasonsOf renders an explanation as sentences, built from the
// explanation only — its contributions' Status, Need, Achievement, For and
// Against, its matched terms and expansions — never from a second
// evaluation, so a sentence cannot disagree with the score:
//
//   - A feature whose contribution is positive gives at most one sentence,
//     and only a favourable one (共同技术要点, 行业一致, 成熟度满足, 预算内,
//     转化方式一致, 同在…, 指标满足, 效果对应, 类型相符, and the owner's
//     or organisation's kind), or a neutral one for a partial verdict
//     (成熟度略低于要求, 价格略超预算, 价格面议). Unknown values, and the
//     positive fill-in values of unfavourable verdicts (another region,
//     inferred but disjoint industries), give none.
//   - A feature whose contribution is negative gives an unfavourable
//     sentence (类型不符, 效果相悖) or, for a constraint, a warning.
//   - A violated constraint (Contribution.Violated) or an exclusion hit
//     gives a warning even when its weight is 0: the pair is infeasible.
//   - A feature whose contribution is 0 and that is not violated gives none.
//
// The favourable and unfavourable sentences are ordered by |Score|,
// largest first, ties in feature order (Names), and at most max of them
// are kept (max ≤ 0: all); the warnings follow, in the same order, all of
// them. The text feature may give two sentences: the shared points, then
// the knowledge links (知识关联) that brought achievement terms in.
//
// Catalog text in the sentences has control characters and bidi overrides
// removed and invalid UTF-8 replaced, so a sentence is safe to print.
func ReasonsOf(e techmatch.Explanation, max int) []Reason {
	var plain, warn []Reason
	for _, c := range e.Features {
		for _, r := range sentences(c, &e) {
			r.Feature, r.Score = c.Feature, finite(c.Score)
			if r.Warning {
				warn = append(warn, r)
			} else {
				plain = append(plain, r)
			}
		}
	}
	byScore := func(a, b Reason) int { return cmp.Compare(math.Abs(b.Score), math.Abs(a.Score)) }
	slices.SortStableFunc(plain, byScore) // stable: ties stay in feature order
	slices.SortStableFunc(warn, byScore)
	if max > 0 && len(plain) > max {
		plain = plain[:max]
	}
	return append(plain, warn...)
}

func finite(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}

// sentences renders one contribution.
func sentences(c techmatch.Contribution, e *techmatch.Explanation) []Reason {
	sc := finite(c.Score)
	pos, neg := sc > 0, sc < 0
	one := func(format string, args ...any) []Reason {
		return []Reason{{Text: fmt.Sprintf(format, args...)}}
	}
	warning := func(format string, args ...any) []Reason {
		return []Reason{{Text: fmt.Sprintf(format, args...), Warning: true}}
	}
	switch c.Feature {
	case FeatureText:
		if !pos {
			return nil
		}
		var out []Reason
		if pts := SharedPoints(e.MatchedTerms, maxPoints); len(pts) > 0 {
			out = append(out, Reason{Text: "共同技术要点：" + strings.Join(pts, "、")})
		} else {
			out = append(out, Reason{Text: fmt.Sprintf("技术内容相关（文本相关度 %.0f%%）", 100*unit(c.Value))})
		}
		if links := expansionLinks(e.Expansions, 3); links != "" {
			out = append(out, Reason{Text: "知识关联：" + links})
		}
		return out
	case FeatureBigram:
		if pct := math.Round(100 * unit(c.Value)); pos && pct >= 1 {
			return one("字面重合：需求的 %.0f%% 字符对见于成果文本", pct)
		}
	case FeatureRole:
		kinds := ""
		if len(c.Need) > 0 && len(c.Achievement) > 0 {
			kinds = fmt.Sprintf("（需求为%s，成果为%s）", clean(c.Need[0]), clean(c.Achievement[0]))
		}
		switch {
		case pos:
			return one("类型相符%s", kinds)
		case neg:
			return one("类型不符%s", kinds)
		}
	case FeatureEffect:
		switch {
		case pos && len(c.For) > 0:
			return one("效果对应（%s）", items(c.For, 1))
		case neg && len(c.Against) > 0:
			return one("效果相悖（%s）", items(c.Against, 1))
		}
	case FeatureExclusion:
		if c.Status != techmatch.StatusBad && !c.Violated {
			return nil
		}
		what := "需求已排除此类成果"
		if len(c.Need) > 0 {
			what += "（" + clean(c.Need[0]) + "）"
		}
		if hit := SharedPoints(c.Against, 3); len(hit) > 0 {
			what += "：成果涉及" + strings.Join(hit, "、")
		}
		return warning("%s", what)
	case FeatureNumeric:
		var out []Reason
		if pos && len(c.For) > 0 {
			out = append(out, Reason{Text: "指标满足（" + items(c.For, 2) + "）"})
		}
		if (c.Violated || neg) && len(c.Against) > 0 {
			out = append(out, Reason{Text: "指标未达（" + items(c.Against, 2) + "）", Warning: true})
		}
		return out
	case FeatureIndustry:
		if pos && (c.Status == techmatch.StatusGood || c.Status == techmatch.StatusPartial) && len(c.For) > 0 {
			return one("行业一致：%s", names[techmatch.Industry](c.For))
		}
	case FeatureMaturity, FeatureBudget:
		f := comparisons[c.Feature]
		need, ach := first(c.Need), first(c.Achievement)
		switch {
		case c.Violated || neg:
			if c.Status == techmatch.StatusBad {
				return warning(f.bad, need, ach)
			}
		case pos && c.Status == techmatch.StatusGood:
			return one(f.good, need, ach)
		case pos && c.Status == techmatch.StatusPartial:
			return one(f.partial, need, ach)
		case pos && c.Status == techmatch.StatusNegotiable && c.Feature == FeatureBudget:
			return one("价格面议（预算%s万元）", need)
		}
	case FeatureTransferMode:
		switch {
		case c.Violated || neg:
			if c.Status == techmatch.StatusBad {
				return warning("转化方式不一致（成果：%s；需求：%s）", names[techmatch.TransferMode](c.Achievement), names[techmatch.TransferMode](c.Need))
			}
		case pos && c.Status == techmatch.StatusGood && len(c.For) > 0:
			return one("转化方式一致：%s", names[techmatch.TransferMode](c.For))
		}
	case FeatureRegion:
		if !pos {
			return nil
		}
		switch c.Status {
		case techmatch.StatusGood:
			if len(c.Need) > 0 {
				return one("同在%s", clean(c.Need[len(c.Need)-1]))
			}
		case techmatch.StatusPartial:
			if len(c.Need) > 0 {
				return one("同省：%s", clean(c.Need[0]))
			}
		case techmatch.StatusCluster:
			if len(c.Need) > 1 && len(c.Achievement) > 1 {
				return one("同在哈长城市群（%s、%s）", clean(c.Need[1]), clean(c.Achievement[1]))
			}
			return one("同在哈长城市群")
		}
	case FeatureSupplierTier:
		if name := tierNamesZh[first(c.Achievement)]; pos && name != "" {
			return one("成果来自%s", name)
		}
	case FeatureDemandPriority:
		if pos && len(c.Need) > 0 {
			if name := techmatch.OrgType(c.Need[0]).Name(); name != c.Need[0] {
				return one("需求方为%s", name)
			}
		}
	}
	return nil
}

// comparisons are the sentences of the two numeric constraints by verdict;
// the arguments are the need's value, then the achievement's.
var comparisons = map[string]struct{ bad, good, partial string }{
	FeatureMaturity: {"成熟度不足（%[2]s < %[1]s）", "成熟度满足（%[2]s ≥ %[1]s）", "成熟度略低于要求（%[2]s < %[1]s）"},
	FeatureBudget:   {"价格超出预算（%[2]s万元 > %[1]s万元）", "预算内（%[2]s万元 ≤ %[1]s万元）", "价格略超预算（%[2]s万元 > %[1]s万元）"},
}

// tierNamesZh are the Chinese names of the supplier tiers by key.
var tierNamesZh = map[string]string{
	"double_first_class": "双一流高校", "national_institute": "国家级科研院所",
	"provincial_institute": "省级科研院所", "institute": "科研院所", "university": "高校", "enterprise": "企业",
}

// expansionKinds names the kinds of Expansion in Chinese.
var expansionKinds = map[string]string{
	"synonym": "同义", "problem": "问题→技术", "broader": "上位", "narrower": "下位", "association": "共现",
}

// expansionLinks renders up to n expansions whose target is no generic
// word: 轻量化→高强钢（问题→技术）.
func expansionLinks(xs []techmatch.Expansion, n int) string {
	var parts []string
	for _, x := range xs {
		from, to := clean(x.From), clean(x.To)
		if IsGeneric(to) || from == "" || from == to {
			continue
		}
		p := from + "→" + to
		if k := expansionKinds[x.Kind]; k != "" {
			p += "（" + k + "）"
		}
		if !slices.Contains(parts, p) {
			parts = append(parts, p)
		}
		if len(parts) == n {
			break
		}
	}
	return strings.Join(parts, "、")
}

// items joins up to n readings with "，", adding 等N项 for the rest.
func items(xs []string, n int) string {
	var parts []string
	for _, x := range xs {
		if x = clean(x); x != "" && len(parts) < n {
			parts = append(parts, x)
		}
	}
	s := strings.Join(parts, "，")
	if len(xs) > n {
		s += fmt.Sprintf(" 等%d项", len(xs))
	}
	return s
}

// names joins the Chinese names of codes with "、" ("未注明" for none).
func names[T interface {
	~string
	Name() string
}](codes []string) string {
	if len(codes) == 0 {
		return "未注明"
	}
	parts := make([]string, 0, len(codes))
	for _, c := range codes {
		parts = append(parts, clean(T(c).Name()))
	}
	return strings.Join(parts, "、")
}

// first returns xs[0] cleaned, or "?" when xs is empty.
func first(xs []string) string {
	if len(xs) == 0 {
		return "?"
	}
	return clean(xs[0])
}

// clean makes catalog text safe inside a sentence: invalid UTF-8 replaced
// by U+FFFD, control characters, bidi controls and other format
// characters removed, spaces trimmed.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}
