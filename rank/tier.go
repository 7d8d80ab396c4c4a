package rank

import (
	_ "embed"
	"strings"
	"unicode"

	"github.com/techmatch/techmatch"
)

//go:embed double_first_class.txt
var doubleFirstClassData string

// Tier is the standing of an achievement's owner, the supplier_tier
// feature's category. A plain value, safe for concurrent use.
type Tier uint8

// Supplier tiers, from ClassifyOwner.
const (
	TierUnknown             Tier = iota // no name and no owner_type
	TierDoubleFirstClass                // 双一流建设高校
	TierNationalInstitute               // 中国科学院…所, 中国工程物理研究院, 国家…中心, 中国…研究院, ministry institutes
	TierProvincialInstitute             // …省…研究院/所, 黑龙江省科学院…
	TierInstitute                       // other institutes (municipal, private, unnamed with owner_type institute)
	TierUniversity                      // other universities and colleges
	TierEnterprise                      // companies
)

var tierNames = [...]string{"unknown", "double_first_class", "national_institute",
	"provincial_institute", "institute", "university", "enterprise"}

// String returns the tier's configuration key (double_first_class, …).
func (t Tier) String() string {
	if int(t) < len(tierNames) {
		return tierNames[t]
	}
	return "unknown"
}

// dfcTable holds the 双一流 names: full names match as prefixes, short
// names only as whole names.
type dfcTable struct {
	full    map[string]string // full name → itself
	short   map[string]string // short name → full name
	fullIdx prefixIndex[string]
}

var doubleFirstClass = buildDFC(doubleFirstClassData)

func buildDFC(data string) *dfcTable {
	t := &dfcTable{full: map[string]string{}, short: map[string]string{}}
	for line := range strings.Lines(data) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		t.full[f[0]] = f[0]
		for _, s := range f[1:] {
			t.short[s] = f[0]
		}
	}
	t.fullIdx = newPrefixIndex(t.full)
	return t
}

// DoubleFirstClass returns the full name of the 双一流 university that owner
// is, or belongs to (a school, campus or institute of it), and whether there
// is one.
func DoubleFirstClass(owner string) (string, bool) {
	name := normalizeOwner(owner)
	if name == "" {
		return "", false
	}
	if full, ok := doubleFirstClass.short[name]; ok {
		return full, true
	}
	if full, n := doubleFirstClass.fullIdx.longest(name); n > 0 {
		return full, true
	}
	return "", false
}

// normalizeOwner drops spaces and maps full-width brackets to ASCII.
func normalizeOwner(s string) string {
	s = strings.TrimSpace(s)
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '（' || r == '）' }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return -1
		case r == '（':
			return '('
		case r == '）':
			return ')'
		}
		return r
	}, s)
}

var (
	// institute words: a name containing one is a research institute.
	instituteWords = []string{"研究院", "研究所", "科学院", "研究中心", "实验室", "设计院", "研究室", "工程中心", "技术中心", "创新中心"}
	// national prefixes: with an institute word, a national institute.
	nationalPrefixes = []string{"中国", "中科院", "国家", "中央", "国务院", "中国科学院",
		"农业农村部", "工业和信息化部", "工信部", "交通运输部", "水利部", "自然资源部", "生态环境部",
		"应急管理部", "公安部", "科技部", "国防科工局", "航天", "中核", "中航", "中船", "中电", "兵器"}
	// national whole-organisation prefixes: national without an institute word.
	nationalOrgs    = []string{"中国科学院", "中科院", "中国工程物理研究院", "中国农业科学院", "中国医学科学院", "中国林业科学研究院", "中国中医科学院", "中国水产科学研究院", "中国热带农业科学院", "中国疾病预防控制中心", "中国环境科学研究院"}
	enterpriseWords = []string{"公司", "集团", "企业", "工厂", "有限", "股份", "厂", "合作社", "商行"}
	collegeWords    = []string{"学院", "学校", "高等专科", "职业技术", "高校"}
)

func hasAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// ClassifyOwner returns the tier of an achievement owner from its name,
// falling back on ownerType when the name says nothing:
//
//  1. a 双一流 university or a part of one (DoubleFirstClass);
//  2. another university (name contains 大学);
//  3. a national institute: a national organisation (中国科学院…, 中国工程物理研究院,
//     中国农业科学院 …) or a national prefix (中国, 国家, 中央, a ministry, a
//     central-enterprise group) with an institute word (研究院, 研究所,
//     科学院, 研究中心, 实验室 …), or 国家…中心;
//  4. a provincial institute: a province name prefix (黑龙江省…, 吉林…) with an
//     institute word;
//  5. an enterprise (公司, 集团, 有限 …), including its research institutes;
//  6. another institute: an institute word (municipal and private ones);
//  7. a college (学院, 学校, 职业技术 …): university;
//  8. ownerType university, institute (TierInstitute) or enterprise;
//  9. unknown.
func ClassifyOwner(owner string, ownerType techmatch.OwnerType) Tier {
	name := normalizeOwner(owner)
	if name != "" {
		if _, ok := DoubleFirstClass(name); ok {
			return TierDoubleFirstClass
		}
		if strings.Contains(name, "大学") {
			return TierUniversity
		}
		inst := hasAny(name, instituteWords)
		if hasAnyPrefix(name, nationalOrgs) || (inst && hasAnyPrefix(name, nationalPrefixes)) ||
			(strings.HasPrefix(name, "国家") && strings.Contains(name, "中心")) {
			return TierNationalInstitute
		}
		if inst {
			if _, n := regions.provIdx.longest(name); n > 0 {
				return TierProvincialInstitute
			}
		}
		if hasAny(name, enterpriseWords) {
			return TierEnterprise
		}
		if inst {
			return TierInstitute
		}
		if hasAny(name, collegeWords) {
			return TierUniversity
		}
	}
	switch ownerType {
	case techmatch.University:
		return TierUniversity
	case techmatch.Institute:
		return TierInstitute
	case techmatch.Enterprise:
		return TierEnterprise
	}
	return TierUnknown
}
