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
}

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
