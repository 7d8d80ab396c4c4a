package techmatch

// This file is the contract shared with users: the records of the two
// catalogs and the pairing output. Field names and JSON tags are part of the
// catalog format (see README.md) and must stay stable.
//
// Unknown values: every field but ID and one of Title/Description is
// optional. A missing field is its zero value and means "unknown"; scorers
// treat unknown as neutral, never as a bad value (maturity 0 is "unknown",
// not "TRL 0"; price and budget 0 are "negotiable/unknown").

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Achievement is a technology achievement (科技成果) offered for transfer.
//
// Values are plain data: safe to copy and to read from many goroutines;
// callers must not mutate a record after handing it to an index.
type Achievement struct {
	ID          string     `json:"id"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Keywords    []string   `json:"keywords,omitempty"`
	Industries  []Industry `json:"industries,omitempty"`
	// IndustriesInferred is true when Industries were classified from the
	// text rather than given in the catalog. Given industries are never
	// overwritten.
	IndustriesInferred bool      `json:"industries_inferred,omitempty"`
	Owner              string    `json:"owner,omitempty"`
	OwnerType          OwnerType `json:"owner_type,omitempty"`
	Region             string    `json:"region,omitempty"`
	// Maturity is the technology readiness level 1–9; 0 means unknown.
	Maturity int `json:"maturity,omitempty"`
	// Price is the asking price in 万元 (10,000 CNY); 0 means negotiable.
	Price         float64        `json:"price,omitempty"`
	TransferModes []TransferMode `json:"transfer_modes,omitempty"`
	Date          string         `json:"date,omitempty"`
	// Extra holds the catalog's fields the contract does not know
	// (联系人, 专利号, 备注 …) in the file's order; see Extra.
	Extra Extra `json:"extra,omitempty"`
}

// Need is a technology need (技术需求) posted by an organisation.
//
// Values are plain data, like Achievement.
type Need struct {
	ID                 string     `json:"id"`
	Title              string     `json:"title"`
	Description        string     `json:"description"`
	Keywords           []string   `json:"keywords,omitempty"`
	Industries         []Industry `json:"industries,omitempty"`
	IndustriesInferred bool       `json:"industries_inferred,omitempty"`
	Org                string     `json:"org,omitempty"`
	OrgType            OrgType    `json:"org_type,omitempty"`
	Region             string     `json:"region,omitempty"`
	// MinMaturity is the lowest acceptable TRL 1–9; 0 means no minimum.
	MinMaturity int `json:"min_maturity,omitempty"`
	// Budget is in 万元; 0 means unknown or negotiable.
	Budget        float64        `json:"budget,omitempty"`
	TransferModes []TransferMode `json:"transfer_modes,omitempty"`
	Date          string         `json:"date,omitempty"`
	// Extra holds the catalog's fields the contract does not know, like
	// Achievement.Extra.
	Extra Extra `json:"extra,omitempty"`
}

// Field is one field of a record that the catalog contract does not know:
// a column of a CSV or XLSX catalog or a key of a JSONL one. Name is the
// header cell or key, trimmed (see Extra for the exact rules); Value is
// the cell or value as text, not trimmed.
//
// Fields are plain values, safe to copy and share between goroutines.
type Field struct {
	Name  string
	Value string
}

// Extra is the ordered list of a record's fields that the catalog contract
// does not know (联系人, 联系电话, 专利号, 备注 …): the user's data, which the
// readers carry and the writers write back, never drop. Order is the
// file's column order (CSV, XLSX) or key order (JSONL).
//
// Names are non-empty, unique within a record, at most MaxFieldNameBytes
// bytes of printable text (unicode.IsGraphic: letters, marks, numbers,
// punctuation, symbols and spaces; no control or format characters);
// Normalize trims them and turns line breaks and tabs inside them (a
// header cell typed with Alt+Enter) into single spaces. Values are any
// valid UTF-8 of at most Limits.MaxFieldBytes bytes, an empty value
// included; a record has at most Limits.MaxExtraFields of them. Validate
// checks all this.
//
// In JSON an Extra is an object whose keys keep their order both ways:
// {"联系人":"张三","专利号":"ZL2020…"}. UnmarshalJSON takes string values as
// they are, numbers and booleans as their literal text (13800000000,
// 7.50, true), null as "" and objects or arrays as their compact JSON
// text; a name given twice is kept twice (Validate reports it). An empty
// object reads as nil, and nil is omitted from records' JSON.
//
// An Extra is a plain slice: safe to read from many goroutines; like the
// records holding it, it must not be modified once shared.
type Extra []Field

// Get returns the value of the field called name (exactly as stored) and
// whether there is one. It is linear in len(e).
func (e Extra) Get(name string) (string, bool) {
	for _, f := range e {
		if f.Name == name {
			return f.Value, true
		}
	}
	return "", false
}

// MarshalJSON writes e as a JSON object in e's order; values are JSON
// strings. HTML characters are left as they are (the encoder calling it
// decides), invalid UTF-8 becomes U+FFFD as encoding/json does.
func (e Extra) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 2+len(e)*24)
	b = append(b, '{')
	for i, f := range e {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, f.Name)
		b = append(b, ':')
		b = appendJSONString(b, f.Value)
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads a JSON object into e, keeping its key order; see
// Extra for how values become text. null leaves e unchanged; anything
// but an object or null is an error.
func (e *Extra) UnmarshalJSON(b []byte) error {
	if !json.Valid(b) {
		return fmt.Errorf("extra: malformed JSON")
	}
	if v := bytes.TrimSpace(b); len(v) > 0 && v[0] == 'n' {
		return nil
	}
	out, err := appendMembers(nil, b)
	if err != nil {
		return fmt.Errorf("extra: %w", err)
	}
	*e = out
	return nil
}

// Record is what the index needs of either catalog's records: an id, the
// text fields and the industries. Achievement and Need implement it.
type Record interface {
	RecordID() string
	// Text returns the analysed fields: title, description and keywords.
	Text() (title, description string, keywords []string)
	RecordIndustries() []Industry
}

// RecordID implements Record.
func (a Achievement) RecordID() string { return a.ID }

// Text implements Record.
func (a Achievement) Text() (string, string, []string) { return a.Title, a.Description, a.Keywords }

// RecordIndustries implements Record.
func (a Achievement) RecordIndustries() []Industry { return a.Industries }

// RecordID implements Record.
func (n Need) RecordID() string { return n.ID }

// Text implements Record.
func (n Need) Text() (string, string, []string) { return n.Title, n.Description, n.Keywords }

// RecordIndustries implements Record.
func (n Need) RecordIndustries() []Industry { return n.Industries }

// Pair is one line of pairing output: an achievement proposed for a need
// (or, in the reverse direction, a need proposed for an achievement).
// Rank is 1-based within the need (reverse: within the achievement).
type Pair struct {
	NeedID        string       `json:"need_id"`
	AchievementID string       `json:"achievement_id"`
	Rank          int          `json:"rank"`
	Score         float64      `json:"score"`
	Explain       *Explanation `json:"explain,omitempty"`
}

// Explanation says why a pair scored what it did. The Score fields of
// Features sum to the pair's score (up to float rounding).
type Explanation struct {
	Features []Contribution `json:"features"`
	// MatchedTerms are the query terms found in the achievement's text.
	MatchedTerms []string `json:"matched_terms,omitempty"`
	// Expansions are the synonyms, problem→technique links and learned
	// associations that contributed to the text match.
	Expansions []Expansion `json:"expansions,omitempty"`
	// Feasible is false when a hard or soft constraint (maturity, budget,
	// transfer mode) is violated; Reasons says which and why.
	Feasible bool     `json:"feasible"`
	Reasons  []string `json:"reasons,omitempty"`
}

// Contribution is one named feature's part of a score.
type Contribution struct {
	Feature string `json:"feature"`
	// Value is the feature value, normally in [0,1] (negative for a penalty).
	Value float64 `json:"value"`
	// Weight is the configured weight.
	Weight float64 `json:"weight"`
	// Score is Weight × Value: this feature's share of the pair score.
	Score float64 `json:"score"`
	// Note is a short human reading of the value ("same province", "TRL 7 ≥ 5").
	Note string `json:"note,omitempty"`

	// The fields below are the structured facts behind Value and Note,
	// for renderers that word their own reading (rank.Reasons writes
	// Chinese sentences from them); each is empty when it does not apply.

	// Status is the feature's verdict as one of the Status constants
	// (industry, maturity, budget, transfer_mode, region, exclusion,
	// numeric); "" for the graded features (text, bigram, role, effect,
	// supplier_tier, demand_priority).
	Status string `json:"status,omitempty"`
	// Violated is true when this feature's constraint is violated: it is
	// one of the reasons Explanation.Feasible is false.
	Violated bool `json:"violated,omitempty"`
	// Need and Achievement are the values the feature compared, as codes
	// and numbers: maturity the minimum TRL and the TRL ("6", "7"); budget
	// the budget and the price in 万元 ("100", "80"); industry and
	// transfer_mode the codes of each side; region each side's province
	// and city short names ("黑龙江", "哈尔滨"); role the need's intent and
	// the achievement's role in Chinese; supplier_tier the owner's tier key
	// (Achievement only); demand_priority the org type code (Need only);
	// exclusion the need's exclusion as written (Need only, "不考虑：三元锂电池").
	Need        []string `json:"need,omitempty"`
	Achievement []string `json:"achievement,omitempty"`
	// For and Against are the pieces of evidence for and against the pair:
	// industry and transfer_mode the shared codes (For); effect one Chinese
	// reading per link ("能耗↓：需求「耗电翻倍」，成果「能耗降低15%」"), for or
	// against; numeric one reading per requirement met (For) or failed
	// (Against); exclusion the excluded concepts the achievement names
	// (Against).
	For     []string `json:"for,omitempty"`
	Against []string `json:"against,omitempty"`
}

// Contribution.Status values.
const (
	StatusGood       = "good"       // shared key industry, TRL meets, within budget, shared mode, same city, requirements met
	StatusPartial    = "partial"    // only other industries shared, TRL near, somewhat over budget, same province
	StatusBad        = "bad"        // disjoint, TRL far below, far over budget, no shared mode, elsewhere, excluded, a requirement failed
	StatusUnknown    = "unknown"    // a side's value is missing
	StatusOff        = "off"        // the feature's mode is off
	StatusNoMinimum  = "no_minimum" // maturity: the need sets no minimum
	StatusNegotiable = "negotiable" // budget: price 0, negotiable
	StatusCluster    = "cluster"    // region: both in 哈长城市群, different provinces
)

// Expansion records one query term that came from domain knowledge or a
// learned association rather than from the need's own text.
type Expansion struct {
	From   string  `json:"from"`
	To     string  `json:"to"`
	Kind   string  `json:"kind"` // "synonym", "problem", "broader", "narrower", "association", …
	Weight float64 `json:"weight"`
}

// SetInferredIndustries gives an achievement without industries the ones
// inferred from its text, marked IndustriesInferred. Given industries are
// never overwritten: when a.Industries is non-empty (or inds is empty) it
// does nothing. Indexes call it through this method set, so it is the one
// place that rule lives.
func (a *Achievement) SetInferredIndustries(inds []Industry) {
	if len(a.Industries) == 0 && len(inds) > 0 {
		a.Industries, a.IndustriesInferred = inds, true
	}
}

// SetInferredIndustries is Achievement.SetInferredIndustries for a need.
func (n *Need) SetInferredIndustries(inds []Industry) {
	if len(n.Industries) == 0 && len(inds) > 0 {
		n.Industries, n.IndustriesInferred = inds, true
	}
}

// Name returns the industry's Chinese name (汽车, 高端装备制造, 生物医药,
// 新材料, and 新能源, 电子信息, 现代农业, 节能环保 for the other codes the
// readers accept in Chinese); other codes are returned as given.
func (ind Industry) Name() string {
	switch ind {
	case Auto:
		return "汽车"
	case Equipment:
		return "高端装备制造"
	case Biomed:
		return "生物医药"
	case Materials:
		return "新材料"
	case "energy":
		return "新能源"
	case "electronics":
		return "电子信息"
	case "agriculture":
		return "现代农业"
	case "environment":
		return "节能环保"
	}
	return string(ind)
}

// Name returns the transfer mode's Chinese name (转让, 许可, 作价入股,
// 合作开发); other values are returned as given.
func (m TransferMode) Name() string {
	switch m {
	case Assign:
		return "转让"
	case License:
		return "许可"
	case Equity:
		return "作价入股"
	case CoDevelop:
		return "合作开发"
	}
	return string(m)
}

// Name returns the owner type's Chinese name (高校, 科研院所, 企业); other
// values are returned as given.
func (t OwnerType) Name() string {
	switch t {
	case University:
		return "高校"
	case Institute:
		return "科研院所"
	case Enterprise:
		return "企业"
	}
	return string(t)
}

// Name returns the organisation type's Chinese name (龙头企业, 高新技术企业,
// 中小企业, 医院); other values are returned as given.
func (t OrgType) Name() string {
	switch t {
	case Leading:
		return "龙头企业"
	case HighTech:
		return "高新技术企业"
	case SME:
		return "中小企业"
	case Hospital:
		return "医院"
	}
	return string(t)
}
