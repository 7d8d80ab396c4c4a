package techmatch

import (
	"errors"
	"math"
	"strings"
	"unicode/utf8"
)

// Normalize puts a in canonical form in place: strings trimmed; keywords
// trimmed, empty ones dropped; industries, transfer modes and the owner
// type turned into their codes where they parse (Chinese names accepted);
// lists de-duplicated keeping the first occurrence. Values that do not
// parse are kept for Validate to report. Normalize is idempotent; lists
// already canonical are kept, not copied.
func (a *Achievement) Normalize() {
	trimAll(&a.ID, &a.Title, &a.Description, &a.Owner, &a.Region, &a.Date)
	a.Keywords = normalizeKeywords(a.Keywords)
	a.Industries = canonicalList(a.Industries, ParseIndustry)
	a.TransferModes = canonicalList(a.TransferModes, ParseTransferMode)
	a.OwnerType = canonical(a.OwnerType, ParseOwnerType)
}

// Normalize puts n in canonical form in place, like Achievement.Normalize.
func (n *Need) Normalize() {
	trimAll(&n.ID, &n.Title, &n.Description, &n.Org, &n.Region, &n.Date)
	n.Keywords = normalizeKeywords(n.Keywords)
	n.Industries = canonicalList(n.Industries, ParseIndustry)
	n.TransferModes = canonicalList(n.TransferModes, ParseTransferMode)
	n.OrgType = canonical(n.OrgType, ParseOrgType)
}

// Validate checks a normalised achievement with the catalog readers'
// rules: an id; a title or a description; maturity 0 (unknown) or 1–9; a
// finite, non-negative price; owner type, industries and transfer modes as
// codes; valid UTF-8 everywhere. It returns nil or the errors.Join of one
// Problem per fault (Field and ID set, no File or Line).
func (a Achievement) Validate() error { return joinProblems(a.problems()) }

// Validate checks a normalised need like Achievement.Validate, with
// min_maturity, budget and org_type.
func (n Need) Validate() error { return joinProblems(n.problems()) }

func (a Achievement) problems() []Problem {
	v := validator{id: a.ID}
	v.common(a.ID, a.Title, a.Description, a.Keywords, a.Industries, a.TransferModes,
		[]string{"owner", a.Owner, "region", a.Region, "date", a.Date})
	v.level("maturity", a.Maturity)
	v.amount("price", a.Price)
	checkCode(&v, "owner_type", a.OwnerType, ParseOwnerType)
	return v.out
}

func (n Need) problems() []Problem {
	v := validator{id: n.ID}
	v.common(n.ID, n.Title, n.Description, n.Keywords, n.Industries, n.TransferModes,
		[]string{"org", n.Org, "region", n.Region, "date", n.Date})
	v.level("min_maturity", n.MinMaturity)
	v.amount("budget", n.Budget)
	checkCode(&v, "org_type", n.OrgType, ParseOrgType)
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
	id  string
	out []Problem
}

func (v *validator) add(field string, err error) {
	v.out = append(v.out, Problem{Field: field, ID: v.id, Err: err})
}

// common checks the fields both record types share; named holds the other
// string fields as name, value pairs.
func (v *validator) common(id, title, desc string, keywords []string, inds []Industry, modes []TransferMode, named []string) {
	if strings.TrimSpace(id) == "" {
		v.add("id", ErrMissingID)
	}
	if strings.TrimSpace(title) == "" && strings.TrimSpace(desc) == "" {
		v.add("title", ErrNoText)
	}
	named = append([]string{"id", id, "title", title, "description", desc}, named...)
	for i := 0; i+1 < len(named); i += 2 {
		v.utf8(named[i], named[i+1])
	}
	for _, k := range keywords {
		if v.utf8("keywords", k) {
			break
		}
	}
	for _, ind := range inds {
		if checkCode(v, "industries", ind, ParseIndustry) {
			break
		}
	}
	for _, m := range modes {
		if checkCode(v, "transfer_modes", m, ParseTransferMode) {
			break
		}
	}
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
