package techmatch

// This file maps catalog field names and header aliases to record fields
// and parses cell and JSON values. One table per record type (kind) drives
// the three readers.

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// value is one field's raw value as read: text (a CSV/XLSX cell, a JSON
// string, number or boolean) or a JSON list.
type value struct {
	text   string
	items  []string
	isList bool
	isBool bool // a JSON true/false
}

// field is one catalog field of records of type T.
type field[T any] struct {
	name   string
	list   bool
	isBool bool
	// set stores the parsed value: text for scalar fields, items for lists.
	set func(rec *T, text string, items []string) error
}

// kind describes one record type for the readers.
type kind[T any] struct {
	noun      string
	fields    map[string]field[T]
	aliases   map[string]string // lower-cased header or key → field name
	id        func(*T) string
	extra     func(*T) *Extra
	normalize func(*T)
	problems  func(rec *T, lim Limits) []Problem
}

// lookup returns the field name for a header cell or JSON key, or "".
func (k *kind[T]) lookup(header string) string {
	h := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(header, bom)))
	if name, ok := k.aliases[h]; ok {
		return name
	}
	return ""
}

// set parses v into the named field of rec.
func (k *kind[T]) set(rec *T, name string, v value) error {
	f, ok := k.fields[name]
	if !ok {
		return nil
	}
	if v.isBool && !f.isBool {
		return fmt.Errorf("want text or a number, got %s", v.text)
	}
	if f.isBool && v.isList {
		return fmt.Errorf("want true or false, got a list")
	}
	if f.list {
		items := v.items
		if !v.isList {
			items = splitList(v.text)
		} else {
			items = trimItems(items)
		}
		return f.set(rec, "", items)
	}
	text := v.text
	if v.isList {
		items := trimItems(v.items)
		if len(items) > 1 {
			return fmt.Errorf("want a single value, got a list of %d", len(items))
		}
		text = ""
		if len(items) == 1 {
			text = items[0]
		}
	}
	return f.set(rec, strings.TrimSpace(text), nil)
}

// bom is the UTF-8 byte order mark.
const bom = "\uFEFF"

// Common header aliases (lower-case), shared by both catalogs.
var commonAliases = map[string]string{
	"id": "id", "编号": "id", "序号": "id", "成果编号": "id", "需求编号": "id",
	"title": "title", "成果名称": "title", "需求名称": "title", "名称": "title", "标题": "title", "项目名称": "title",
	"description": "description", "成果简介": "description", "需求描述": "description", "简介": "description",
	"描述": "description", "需求内容": "description", "内容": "description", "desc": "description",
	"keywords": "keywords", "关键词": "keywords", "关键字": "keywords", "keyword": "keywords",
	"industries": "industries", "所属行业": "industries", "行业": "industries", "所属领域": "industries",
	"industry": "industries", "行业领域": "industries", "industries_inferred": "industries_inferred",
	"region": "region", "地区": "region", "所在地区": "region", "所在地": "region", "地域": "region",
	"transfer_modes": "transfer_modes", "转化方式": "transfer_modes", "合作方式": "transfer_modes",
	"transfer_mode": "transfer_modes", "交易方式": "transfer_modes",
	"date": "date", "日期": "date", "发布日期": "date", "发布时间": "date",
}

var achievementAliases = withAliases(commonAliases, map[string]string{
	"owner": "owner", "单位": "owner", "成果单位": "owner", "完成单位": "owner", "所属单位": "owner", "持有单位": "owner",
	"owner_type": "owner_type", "单位类型": "owner_type", "单位性质": "owner_type",
	"maturity": "maturity", "成熟度": "maturity", "技术成熟度": "maturity", "成果成熟度": "maturity", "trl": "maturity",
	"price": "price", "价格": "price", "转让价格": "price", "意向价格": "price", "价格(万元)": "price", "价格（万元）": "price",
})

var needAliases = withAliases(commonAliases, map[string]string{
	"org": "org", "单位": "org", "需求单位": "org", "完成单位": "org", "成果单位": "org", "企业名称": "org", "需求方": "org",
	"org_type": "org_type", "单位类型": "org_type", "单位性质": "org_type", "企业类型": "org_type",
	// A need's maturity or price column states what it requires or offers.
	"min_maturity": "min_maturity", "最低成熟度": "min_maturity", "成熟度要求": "min_maturity",
	"成熟度": "min_maturity", "技术成熟度": "min_maturity",
	"budget": "budget", "预算": "budget", "预算金额": "budget", "预算(万元)": "budget", "预算（万元）": "budget",
	"意向价格": "budget",
})

func withAliases(base, extra map[string]string) map[string]string {
	m := make(map[string]string, len(base)+len(extra))
	for k, v := range base {
		m[k] = v
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

// recordRefs points at the fields both record types have.
type recordRefs struct {
	id, title, description, region, date *string
	keywords                             *[]string
	industries                           *[]Industry
	inferred                             *bool
	modes                                *[]TransferMode
	extra                                *Extra
}

// commonFields returns the fields both catalogs share.
func commonFields[T any](refs func(*T) recordRefs) []field[T] {
	return []field[T]{
		textField("id", func(r *T) *string { return refs(r).id }),
		textField("title", func(r *T) *string { return refs(r).title }),
		textField("description", func(r *T) *string { return refs(r).description }),
		textField("region", func(r *T) *string { return refs(r).region }),
		textField("date", func(r *T) *string { return refs(r).date }),
		{name: "keywords", list: true, set: func(r *T, _ string, items []string) error {
			*refs(r).keywords = items
			return nil
		}},
		{name: "industries", list: true, set: func(r *T, _ string, items []string) error {
			inds, err := parseAll(items, ParseIndustry)
			*refs(r).industries = inds
			return err
		}},
		{name: "transfer_modes", list: true, set: func(r *T, _ string, items []string) error {
			modes, err := parseAll(items, ParseTransferMode)
			*refs(r).modes = modes
			return err
		}},
		{name: "industries_inferred", isBool: true, set: func(r *T, s string, _ []string) error {
			if s == "" {
				return nil
			}
			b, err := strconv.ParseBool(s)
			if err != nil {
				return tag(ErrBadNumber, "cannot parse %q as true or false", s)
			}
			*refs(r).inferred = b
			return nil
		}},
	}
}

// parseAll parses every item, tagging failures as unknown values.
func parseAll[E any](items []string, parse func(string) (E, error)) ([]E, error) {
	var out []E
	for _, it := range items {
		e, err := parse(it)
		if err != nil {
			return nil, tag(ErrUnknownValue, "%w", err)
		}
		out = append(out, e)
	}
	return out, nil
}

func enumField[T any, E ~string](name string, parse func(string) (E, error), p func(*T) *E) field[T] {
	return field[T]{name: name, set: func(r *T, s string, _ []string) error {
		if s == "" {
			return nil
		}
		e, err := parse(s)
		if err != nil {
			return tag(ErrUnknownValue, "%w", err)
		}
		*p(r) = e
		return nil
	}}
}

func levelField[T any](name string, p func(*T) *int) field[T] {
	return field[T]{name: name, set: func(r *T, s string, _ []string) error {
		v, err := parseLevel(s)
		*p(r) = v
		return err
	}}
}

func amountField[T any](name string, p func(*T) *float64) field[T] {
	return field[T]{name: name, set: func(r *T, s string, _ []string) error {
		v, err := parseAmount(s)
		*p(r) = v
		return err
	}}
}

func textField[T any](name string, p func(*T) *string) field[T] {
	return field[T]{name: name, set: func(r *T, s string, _ []string) error {
		*p(r) = s
		return nil
	}}
}

func newKind[T any](noun string, aliases map[string]string, refs func(*T) recordRefs, extra ...field[T]) *kind[T] {
	k := &kind[T]{noun: noun, aliases: aliases, fields: map[string]field[T]{}}
	for _, f := range append(commonFields(refs), extra...) {
		k.fields[f.name] = f
	}
	k.id = func(r *T) string { return *refs(r).id }
	k.extra = func(r *T) *Extra { return refs(r).extra }
	return k
}

var achievementKind = func() *kind[Achievement] {
	k := newKind("achievement", achievementAliases,
		func(a *Achievement) recordRefs {
			return recordRefs{&a.ID, &a.Title, &a.Description, &a.Region, &a.Date, &a.Keywords, &a.Industries, &a.IndustriesInferred, &a.TransferModes, &a.Extra}
		},
		textField("owner", func(a *Achievement) *string { return &a.Owner }),
		enumField("owner_type", ParseOwnerType, func(a *Achievement) *OwnerType { return &a.OwnerType }),
		levelField("maturity", func(a *Achievement) *int { return &a.Maturity }),
		amountField("price", func(a *Achievement) *float64 { return &a.Price }),
	)
	k.normalize = (*Achievement).Normalize
	k.problems = (*Achievement).problems
	return k
}()

var needKind = func() *kind[Need] {
	k := newKind("need", needAliases,
		func(n *Need) recordRefs {
			return recordRefs{&n.ID, &n.Title, &n.Description, &n.Region, &n.Date, &n.Keywords, &n.Industries, &n.IndustriesInferred, &n.TransferModes, &n.Extra}
		},
		textField("org", func(n *Need) *string { return &n.Org }),
		enumField("org_type", ParseOrgType, func(n *Need) *OrgType { return &n.OrgType }),
		levelField("min_maturity", func(n *Need) *int { return &n.MinMaturity }),
		amountField("budget", func(n *Need) *float64 { return &n.Budget }),
	)
	k.normalize = (*Need).Normalize
	k.problems = (*Need).problems
	return k
}()

// isListSep reports whether r separates the items of a list cell.
func isListSep(r rune) bool {
	switch r {
	case ',', '，', ';', '；', '、', '|':
		return true
	}
	return false
}

// splitList splits a list cell on , ， ; ； 、 | and drops empty items.
func splitList(s string) []string {
	return trimItems(strings.FieldsFunc(s, isListSep))
}

// trimItems trims every item and drops the empty ones.
func trimItems(items []string) []string {
	var out []string
	for _, it := range items {
		if t := strings.TrimSpace(it); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// parseNumber parses a decimal number cell: " 50 ", "7.0", "1,200"
// (thousands separators), "50万元"/"50万". Empty is 0.
func parseNumber(s string) (float64, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, nil
	}
	t = strings.TrimSuffix(t, "万元")
	t = strings.TrimSuffix(t, "万")
	t = strings.TrimSpace(strings.ReplaceAll(t, ",", ""))
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || !isDecimal(t) {
		return 0, tag(ErrBadNumber, "cannot parse %q as a number", s)
	}
	return v, nil
}

// isDecimal rejects the forms strconv accepts that a catalog never means
// (hex floats, "inf", underscores).
func isDecimal(t string) bool {
	for _, r := range t {
		if !(unicode.IsDigit(r) || r == '.' || r == '-' || r == '+' || r == 'e' || r == 'E') {
			return false
		}
	}
	return true
}

// parseAmount parses a price or budget in 万元; 面议 (negotiable) is 0.
func parseAmount(s string) (float64, error) {
	switch strings.TrimSpace(s) {
	case "面议", "议价", "协商", "待定":
		return 0, nil
	}
	return parseNumber(s)
}

// parseLevel parses a maturity level: "7", "7.0", "TRL7", "TRL 7", "7级".
// Empty is 0 (unknown). Range is checked by Validate, except for values
// too large for an int.
func parseLevel(s string) (int, error) {
	t := strings.TrimSpace(s)
	if len(t) >= 3 && strings.EqualFold(t[:3], "trl") {
		t = strings.TrimLeft(t[3:], " -")
	}
	t = strings.TrimSuffix(t, "级")
	v, err := parseNumber(t)
	if err != nil {
		return 0, tag(ErrBadNumber, "cannot parse %q as a maturity level", s)
	}
	if v != math.Trunc(v) {
		return 0, tag(ErrBadNumber, "%q is not a whole number", s)
	}
	if v < -1e9 || v > 1e9 {
		return 0, tag(ErrOutOfRange, "%s is outside 1–9", strings.TrimSpace(s))
	}
	return int(v), nil
}
