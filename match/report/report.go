package report

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/techmatch/techmatch"
)

// Report is what WriteXLSX and WriteHTML render: needs in the order given,
// each with its matches in the order given (best first).
//
// A Report is plain data: safe to read from many goroutines, it must not
// be modified while a writer runs.
type Report struct {
	// Title heads the page and names the workbook; "" means
	// DefaultTitle.
	Title string
	// Subtitle is one line under the title (for example the catalogs'
	// file names and the date of the run); "" shows nothing.
	Subtitle string
	// Needs are the report's needs with their matches.
	Needs []Need
}

// DefaultTitle is the title of a Report without one.
const DefaultTitle = "科技成果与技术需求对接推荐"

// Need is one need of a Report with its recommended achievements.
type Need struct {
	Need techmatch.Need
	// Matches are the recommended achievements, best first.
	Matches []Match
}

// Match is one recommended achievement of a need.
type Match struct {
	Achievement techmatch.Achievement
	// Rank is the 1-based place in the need's list; 0 means the place in
	// Matches.
	Rank int
	// Score is the pair score (techmatch.Pair.Score).
	Score float64
	// Degree is the 0–100 match degree (匹配度) shown to readers, as
	// rank.Degree computes it; values outside 0..100 are clipped.
	Degree int
	// Reasons are the recommendation reasons, short Chinese sentences
	// (rank.Reasons), shown in order.
	Reasons []string
	// MatchedTerms are the need's terms found in the achievement; they are
	// highlighted in both records' titles and descriptions.
	MatchedTerms []string
	// Explanation is the pair's explanation; the writers show its
	// feasibility (a pair that is not Feasible is marked), nothing else.
	Explanation *techmatch.Explanation
}

// Options are the writers' options. The zero value is the default.
type Options struct {
	// PageBreak puts every need on a page of its own when the HTML page
	// is printed (CSS break-before). Default false: needs follow each
	// other, a card never split across pages.
	PageBreak bool
}

// Validate reports whether o is usable; every Options value is.
func (o Options) Validate() error { return nil }

func (r *Report) title() string {
	if strings.TrimSpace(r.Title) == "" {
		return DefaultTitle
	}
	return r.Title
}

// rank returns m's rank, i+1 when unset.
func (m *Match) rank(i int) int {
	if m.Rank > 0 {
		return m.Rank
	}
	return i + 1
}

// degree returns m's degree clipped to 0..100.
func (m *Match) degree() int { return min(max(m.Degree, 0), 100) }

// feasible reports whether the explanation (if any) finds the pair
// feasible.
func (m *Match) feasible() bool { return m.Explanation == nil || m.Explanation.Feasible }

// Chinese labels of the catalog codes; other codes are shown as they are.
var (
	industryNames = map[techmatch.Industry]string{
		techmatch.Auto: "汽车", techmatch.Equipment: "高端装备制造", techmatch.Biomed: "生物医药", techmatch.Materials: "新材料",
		"energy": "能源", "electronics": "电子信息", "agriculture": "农业", "environment": "节能环保",
	}
	ownerNames = map[techmatch.OwnerType]string{
		techmatch.University: "高校", techmatch.Institute: "科研院所", techmatch.Enterprise: "企业",
	}
	orgNames = map[techmatch.OrgType]string{
		techmatch.Leading: "龙头企业", techmatch.HighTech: "高新技术企业", techmatch.SME: "中小企业", techmatch.Hospital: "医院",
	}
	modeNames = map[techmatch.TransferMode]string{
		techmatch.Assign: "转让", techmatch.License: "许可", techmatch.Equity: "作价入股", techmatch.CoDevelop: "合作开发",
	}
)

// label returns the Chinese name of code in names, or the code itself.
func label[K ~string](names map[K]string, code K) string {
	if s, ok := names[code]; ok {
		return s
	}
	return string(code)
}

// labels joins the Chinese names of codes with "、".
func labels[K ~string](names map[K]string, codes []K) string {
	s := make([]string, len(codes))
	for i, c := range codes {
		s[i] = label(names, c)
	}
	return strings.Join(s, "、")
}

// industries returns the Chinese names of inds, marked "（推断）" when
// they were inferred from the text.
func industries(inds []techmatch.Industry, inferred bool) string {
	s := labels(industryNames, inds)
	if inferred && s != "" {
		s += "（推断）"
	}
	return s
}

// maturity shows a TRL; 0 is unknown, "".
func maturity(l int) string {
	if l <= 0 {
		return ""
	}
	return "TRL " + strconv.Itoa(l)
}

// amount shows a price or budget in 万元; 0 is 面议.
func amount(x float64) string {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return "面议"
	}
	return strconv.FormatFloat(x, 'f', -1, 64) + "万元"
}

// extraColumns returns the extra names of the needs and of their
// achievements, each in first-seen order, with the headers they get: a
// name that is in both lists, or equal to one of fixed, is prefixed
// 需求· or 成果·; a header still taken gets " (2)", " (3)" ….
func extraColumns(r *Report, fixed []string) (needNames, achNames, needHeads, achHeads []string) {
	nseen, aseen := map[string]bool{}, map[string]bool{}
	for i := range r.Needs {
		for _, f := range r.Needs[i].Need.Extra {
			if !nseen[f.Name] {
				nseen[f.Name] = true
				needNames = append(needNames, f.Name)
			}
		}
		for j := range r.Needs[i].Matches {
			for _, f := range r.Needs[i].Matches[j].Achievement.Extra {
				if !aseen[f.Name] {
					aseen[f.Name] = true
					achNames = append(achNames, f.Name)
				}
			}
		}
	}
	taken := map[string]bool{}
	for _, h := range fixed {
		taken[h] = true
	}
	head := func(name, prefix string, other map[string]bool) string {
		h := name
		if other[name] || taken[name] {
			h = prefix + name
		}
		for n := 2; taken[h]; n++ {
			h = fmt.Sprintf("%s%s (%d)", prefix, name, n)
		}
		taken[h] = true
		return h
	}
	for _, n := range needNames {
		needHeads = append(needHeads, head(n, "需求·", aseen))
	}
	for _, n := range achNames {
		achHeads = append(achHeads, head(n, "成果·", nseen))
	}
	return needNames, achNames, needHeads, achHeads
}

// segment is a piece of a text, highlighted or not.
type segment struct {
	Text string
	Hit  bool
}

// highlight splits text into segments, the occurrences of terms
// highlighted: at each position the longest term found there wins, and
// occurrences never overlap. Empty terms are ignored. Matching is exact
// (the terms come from the segmenter's normalised text, so Latin terms
// are lower case: ASCII letters are compared without case).
// O(len(text) × len(terms)).
func highlight(text string, terms []string) []segment {
	ts := make([]string, 0, len(terms))
	for _, t := range terms {
		if t != "" {
			ts = append(ts, t)
		}
	}
	if len(ts) == 0 || text == "" {
		return []segment{{Text: text}}
	}
	sort.SliceStable(ts, func(i, j int) bool { return len(ts[i]) > len(ts[j]) })
	var out []segment
	start := 0
	for i := 0; i < len(text); {
		n := 0
		for _, t := range ts {
			if len(t) <= len(text)-i && strings.EqualFold(text[i:i+len(t)], t) {
				n = len(t)
				break
			}
		}
		if n == 0 {
			_, w := utf8.DecodeRuneInString(text[i:])
			i += w
			continue
		}
		if start < i {
			out = append(out, segment{Text: text[start:i]})
		}
		out = append(out, segment{Text: text[i : i+n], Hit: true})
		i += n
		start = i
	}
	if start < len(text) {
		out = append(out, segment{Text: text[start:]})
	}
	return out
}
