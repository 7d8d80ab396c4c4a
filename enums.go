package techmatch

import (
	"fmt"
	"strings"
	"unicode"
)

// Industry is an industry code. The four key industries have constants;
// any other lower-case code is allowed and kept as given.
type Industry string

// The four key industries the agencies prioritise.
const (
	Auto      Industry = "auto"      // 汽车
	Equipment Industry = "equipment" // 高端装备制造
	Biomed    Industry = "biomed"    // 生物医药
	Materials Industry = "materials" // 新材料
)

// KeyIndustries lists the four key industries in a fixed order.
var KeyIndustries = []Industry{Auto, Equipment, Biomed, Materials}

// industryAliases maps Chinese names (and common variants) to codes.
var industryAliases = map[string]Industry{
	"汽车": Auto, "汽车产业": Auto, "汽车制造": Auto, "新能源汽车": Auto, "汽车及零部件": Auto,
	"高端装备制造": Equipment, "高端装备": Equipment, "装备制造": Equipment, "高端装备制造业": Equipment, "智能制造": Equipment,
	"生物医药": Biomed, "医药": Biomed, "生物医药产业": Biomed, "医疗器械": Biomed, "生物医药与医疗器械": Biomed,
	"新材料": Materials, "材料": Materials, "新材料产业": Materials,
	"能源": "energy", "新能源": "energy", "电子信息": "electronics", "电子": "electronics",
	"农业": "agriculture", "现代农业": "agriculture", "环保": "environment", "节能环保": "environment",
}

// ParseIndustry returns the code for s: a code (any case) or a Chinese name.
// Unknown codes made of letters, digits, '_' and '-' are kept (lower-cased);
// other unknown text is an error.
func ParseIndustry(s string) (Industry, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return "", fmt.Errorf("empty industry")
	}
	if ind, ok := industryAliases[t]; ok {
		return ind, nil
	}
	l := strings.ToLower(t)
	for _, r := range l {
		if !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-')) {
			return "", fmt.Errorf("unknown industry %q (want a code such as auto, equipment, biomed, materials or a Chinese name such as 新材料)", s)
		}
	}
	return Industry(l), nil
}

// IsKey reports whether ind is one of the four key industries.
func (ind Industry) IsKey() bool {
	switch ind {
	case Auto, Equipment, Biomed, Materials:
		return true
	}
	return false
}

// OwnerType is the kind of organisation offering an achievement.
type OwnerType string

// Owner types.
const (
	University OwnerType = "university" // 高校
	Institute  OwnerType = "institute"  // 科研院所
	Enterprise OwnerType = "enterprise" // 企业
)

// ParseOwnerType accepts the codes and their Chinese names.
func ParseOwnerType(s string) (OwnerType, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "university", "高校", "大学", "院校", "高等院校":
		return University, nil
	case "institute", "科研院所", "研究所", "研究院", "院所", "科研机构":
		return Institute, nil
	case "enterprise", "企业", "公司":
		return Enterprise, nil
	}
	return "", fmt.Errorf("unknown owner_type %q (want university, institute or enterprise)", s)
}

// OrgType is the kind of organisation posting a need.
type OrgType string

// Organisation types.
const (
	Leading  OrgType = "leading"   // 龙头企业
	HighTech OrgType = "high_tech" // 高新技术企业
	SME      OrgType = "sme"       // 中小企业
	Hospital OrgType = "hospital"  // 医院
)

// ParseOrgType accepts the codes and their Chinese names.
func ParseOrgType(s string) (OrgType, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "leading", "龙头企业", "龙头", "领军企业":
		return Leading, nil
	case "high_tech", "high-tech", "hightech", "高新技术企业", "高新企业", "高新":
		return HighTech, nil
	case "sme", "中小企业", "中小微企业", "小微企业":
		return SME, nil
	case "hospital", "医院", "医疗机构":
		return Hospital, nil
	}
	return "", fmt.Errorf("unknown org_type %q (want leading, high_tech, sme or hospital)", s)
}

// TransferMode is a way an achievement changes hands.
type TransferMode string

// Transfer modes.
const (
	Assign    TransferMode = "assign"     // 转让
	License   TransferMode = "license"    // 许可
	Equity    TransferMode = "equity"     // 作价入股
	CoDevelop TransferMode = "co_develop" // 合作开发
)

// ParseTransferMode accepts the codes and their Chinese names.
func ParseTransferMode(s string) (TransferMode, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "assign", "转让", "技术转让", "专利转让":
		return Assign, nil
	case "license", "许可", "技术许可", "专利许可", "许可使用":
		return License, nil
	case "equity", "作价入股", "技术入股", "入股":
		return Equity, nil
	case "co_develop", "co-develop", "codevelop", "合作开发", "联合开发", "合作":
		return CoDevelop, nil
	}
	return "", fmt.Errorf("unknown transfer mode %q (want assign, license, equity or co_develop)", s)
}
