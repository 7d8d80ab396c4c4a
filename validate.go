package techmatch

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize puts a in canonical form in place: strings trimmed; keywords
// trimmed, empty ones dropped; industries, transfer modes and the owner
// type turned into their codes where they parse (Chinese names accepted);
// lists de-duplicated keeping the first occurrence; extra field names
// trimmed, line breaks and tabs inside them turned into spaces (their
// values, and their order, are kept as they are). Values that do not
// parse are kept for Validate to report. Normalize is idempotent; lists
// already canonical are kept, not copied (nor modified: a list that
// changes is a new one).
func (a *Achievement) Normalize() {
	trimAll(&a.ID, &a.Title, &a.Description, &a.Owner, &a.Region, &a.Date)
	a.Keywords = normalizeKeywords(a.Keywords)
	a.Industries = canonicalList(a.Industries, ParseIndustry)
	a.TransferModes = canonicalList(a.TransferModes, ParseTransferMode)
	a.OwnerType = canonical(a.OwnerType, ParseOwnerType)
	a.Extra = normalizeExtra(a.Extra)
}

// Normalize puts n in canonical form in place, like Achievement.Normalize.
func (n *Need) Normalize() {
	trimAll(&n.ID, &n.Title, &n.Description, &n.Org, &n.Region, &n.Date)
	n.Keywords = normalizeKeywords(n.Keywords)
	n.Industries = canonicalList(n.Industries, ParseIndustry)
	n.TransferModes = canonicalList(n.TransferModes, ParseTransferMode)
	n.OrgType = canonical(n.OrgType, ParseOrgType)
	n.Extra = normalizeExtra(n.Extra)
}

// Validate checks a normalised achievement with the catalog readers'
// rules, the one rule set every door applies (readers, indexes):
//   - an id (ErrMissingID) of valid UTF-8, at most MaxIDBytes bytes, every
//     character printable (unicode.IsPrint: no control characters, DEL,
//     bidirectional overrides, zero-width or other format characters)
//     (ErrInvalidID);
//   - a title or a description (ErrNoText);
//   - maturity 0 (unknown) or 1–9 (ErrOutOfRange); a finite (ErrBadNumber),
//     non-negative (ErrNegative) price;
//   - owner type, industries and transfer modes as codes (ErrUnknownValue);
//   - valid UTF-8 everywhere (ErrInvalidUTF8);
//   - every text field, list item and extra value at most
//     DefaultMaxFieldBytes bytes (ErrTooLarge);
//   - at most DefaultMaxExtraFields extra fields (ErrTooLarge), each named
//     (ErrInvalidFieldName): a normalised name of valid UTF-8, at most
//     MaxFieldNameBytes bytes, every character printable (unicode.IsGraphic:
//     spaces allowed, control and format characters not); no name twice
//     (ErrDuplicateField). Problems of a name have Field "extra"; of a
//     value, Field is the name.
//
// It returns nil or the errors.Join of one Problem per fault (Field and ID
// set, no File or Line).
func (a Achievement) Validate() error { return joinProblems(a.problems(DefaultLimits())) }

// Validate checks a normalised need like Achievement.Validate, with
// min_maturity, budget and org_type.
func (n Need) Validate() error { return joinProblems(n.problems(DefaultLimits())) }

// problems returns Validate's problems with the field limits of lim
// (MaxFieldBytes, MaxExtraFields), which has its defaults set.
func (a *Achievement) problems(lim Limits) []Problem {
	v := validator{id: a.ID, maxField: lim.MaxFieldBytes}
	v.common(a.ID, a.Title, a.Description, a.Keywords, a.Industries, a.TransferModes,
		[]string{"owner", a.Owner, "region", a.Region, "date", a.Date})
	v.level("maturity", a.Maturity)
	v.amount("price", a.Price)
	checkCode(&v, "owner_type", a.OwnerType, ParseOwnerType)
	v.extra(a.Extra, lim.MaxExtraFields)
	return v.out
}

// problems is Achievement.problems for a need.
func (n *Need) problems(lim Limits) []Problem {
	v := validator{id: n.ID, maxField: lim.MaxFieldBytes}
	v.common(n.ID, n.Title, n.Description, n.Keywords, n.Industries, n.TransferModes,
		[]string{"org", n.Org, "region", n.Region, "date", n.Date})
	v.level("min_maturity", n.MinMaturity)
	v.amount("budget", n.Budget)
	checkCode(&v, "org_type", n.OrgType, ParseOrgType)
	v.extra(n.Extra, lim.MaxExtraFields)
	return v.out
}

func joinProblems(ps []Problem) error {
	if len(ps) == 0 {
		return nil
	}
	errs := make([]error, len(ps))
	for i, p := range ps {
		errs[i] = p
	}
	return errors.Join(errs...)
}

// validator collects the problems of one record.
type validator struct {
	id       string
	maxField int
	out      []Problem
}

func (v *validator) add(field string, err error) {
	v.out = append(v.out, Problem{Field: field, ID: shownID(v.id), Err: err})
}

// shownID returns id as problems show it: cut to MaxIDBytes (at a
// character boundary, with "…") when longer.
func shownID(id string) string {
	if len(id) <= MaxIDBytes {
		return id
	}
	cut := MaxIDBytes
	for cut > 0 && !utf8.RuneStart(id[cut]) {
		cut--
	}
	return id[:cut] + "…"
}

// common checks the fields both record types share; named holds the other
// string fields as name, value pairs.
func (v *validator) common(id, title, desc string, keywords []string, inds []Industry, modes []TransferMode, named []string) {
	if strings.TrimSpace(id) == "" {
		v.add("id", ErrMissingID)
	} else {
		v.checkID(id)
	}
	if strings.TrimSpace(title) == "" && strings.TrimSpace(desc) == "" {
		v.add("title", tag(ErrNoText, "title and description are both empty"))
	}
	named = append([]string{"title", title, "description", desc}, named...)
	for i := 0; i+1 < len(named); i += 2 {
		if !v.utf8(named[i], named[i+1]) {
			v.size(named[i], -1, named[i+1])
		}
	}
	for i, k := range keywords {
		if v.utf8("keywords", k) || v.size("keywords", i, k) {
			break
		}
	}
	for i, ind := range inds {
		if v.size("industries", i, string(ind)) || checkCode(v, "industries", ind, ParseIndustry) {
			break
		}
	}
	for i, m := range modes {
		if v.size("transfer_modes", i, string(m)) || checkCode(v, "transfer_modes", m, ParseTransferMode) {
			break
		}
	}
}

// checkID records what is wrong with a non-empty id: invalid UTF-8, a
// character that is not printable, more than MaxIDBytes (or the field
// limit) bytes. One problem at most.
func (v *validator) checkID(id string) {
	if !utf8.ValidString(id) {
		v.add("id", tag2(ErrInvalidID, ErrInvalidUTF8, "invalid UTF-8 in id %q", strings.ToValidUTF8(id, "\uFFFD")))
		return
	}
	for i, r := range id {
		if !unicode.IsPrint(r) {
			v.add("id", tag(ErrInvalidID, "id has the non-printable character %U at byte %d", r, i))
			return
		}
	}
	switch {
	case len(id) > MaxIDBytes:
		v.add("id", tag2(ErrInvalidID, ErrTooLarge, "id is %d bytes, over the limit of %d", len(id), MaxIDBytes))
	case len(id) > v.maxField:
		v.size("id", -1, id)
	}
}

// invalidUTF8 is the problem of a field the readers found not valid UTF-8
// (before the decoding repairs it): for the id, also ErrInvalidID, as
// Validate says of such an id.
func invalidUTF8(field string) error {
	if field == "id" {
		return tag2(ErrInvalidID, ErrInvalidUTF8, "invalid UTF-8 in id")
	}
	return tag(ErrInvalidUTF8, "invalid UTF-8")
}

// size reports (and records) whether s, the value of field (item i of it
// when i ≥ 0), is longer than the field limit.
func (v *validator) size(field string, i int, s string) bool {
	if len(s) <= v.maxField {
		return false
	}
	item := ""
	if i >= 0 {
		item = fmt.Sprintf("item %d: ", i+1)
	}
	v.add(field, tag(ErrTooLarge, "%s%d bytes, over the limit of %d (Limits.MaxFieldBytes)", item, len(s), v.maxField))
	return true
}

// utf8 reports (and records) whether s is not valid UTF-8.
func (v *validator) utf8(field, s string) bool {
	if utf8.ValidString(s) {
		return false
	}
	v.add(field, tag(ErrInvalidUTF8, "invalid UTF-8 in %q", strings.ToValidUTF8(s, "\uFFFD")))
	return true
}

func (v *validator) level(field string, l int) {
	if l < 0 || l > 9 {
		v.add(field, tag(ErrOutOfRange, "%d is outside 1–9", l))
	}
}

func (v *validator) amount(field string, x float64) {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		v.add(field, tag(ErrBadNumber, "%v is not a finite number", x))
	case x < 0:
		v.add(field, tag(ErrNegative, "%g is negative", x))
	}
}

// checkCode reports (and records) whether code is set but not a canonical
// code of its enum.
func checkCode[E ~string](v *validator, field string, code E, parse func(string) (E, error)) bool {
	if code == "" {
		return false
	}
	c, err := parse(string(code))
	switch {
	case err != nil:
		v.add(field, tag(ErrUnknownValue, "%w", err))
	case c != code:
		v.add(field, tag(ErrUnknownValue, "%q is not a code (Normalize turns it into %q)", string(code), string(c)))
	default:
		return false
	}
	return true
}

func trimAll(ps ...*string) {
	for _, p := range ps {
		*p = strings.TrimSpace(*p)
	}
}

// normalizeKeywords trims, drops empty and duplicate keywords.
func normalizeKeywords(kw []string) []string {
	return canonicalList(kw, func(s string) (string, error) {
		if t := strings.TrimSpace(s); t != "" {
			return t, nil
		}
		return "", errDrop
	})
}

// errDrop tells canonicalList to drop an item.
var errDrop = errors.New("drop")

// canonical returns parse(x) when it succeeds, else x trimmed.
func canonical[E ~string](x E, parse func(string) (E, error)) E {
	if x == "" {
		return x
	}
	if c, err := parse(string(x)); err == nil {
		return c
	}
	return E(strings.TrimSpace(string(x)))
}

// canonicalList maps items through parse (keeping those that fail, except
// with errDrop) and removes duplicates, keeping order. It returns xs itself
// when nothing changes.
func canonicalList[E ~string](xs []E, parse func(string) (E, error)) []E {
	var out []E
	changed := false
	seen := make(map[E]bool, len(xs))
	for i, x := range xs {
		c, err := parse(string(x))
		drop := errors.Is(err, errDrop)
		if err != nil && !drop {
			c = E(strings.TrimSpace(string(x)))
		}
		if drop || seen[c] || c != x {
			if !changed {
				out = append(make([]E, 0, len(xs)), xs[:i]...)
				changed = true
			}
		}
		if drop || seen[c] {
			continue
		}
		seen[c] = true
		if changed {
			out = append(out, c)
		}
	}
	if !changed {
		return xs
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
