package dedup

import (
	"reflect"
	"strconv"
	"strings"
	"unicode"

	"github.com/techmatch/techmatch"
)

// kind tells the catalogs apart: an achievement is never a need.
type kind uint8

const (
	kindOther kind = iota
	kindAchievement
	kindNeed
)

// attrs are the fields of a record Find looks at beside its text.
type attrs struct {
	kind  kind
	owner string // normOwner'd Owner or Org; "" = unknown
	date  int    // dateKey of Date; 0 = unknown
}

// field is one field of a record as a Diff shows it.
type field struct {
	name  string
	value string
	text  bool // compared by shingles (Diff.Change)
}

// isNil reports whether r is a nil interface or a nil pointer, on which
// calling a Record method could panic.
func isNil(r any) bool {
	if r == nil {
		return true
	}
	v := reflect.ValueOf(r)
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan:
		return v.IsNil()
	}
	return false
}

// attrsOf returns the owner, date and kind of an Achievement or a Need
// (or a pointer to one); other Record types have none of them.
func attrsOf(r any) attrs {
	switch x := r.(type) {
	case techmatch.Achievement:
		return attrs{kindAchievement, normOwner(x.Owner), dateKey(x.Date)}
	case *techmatch.Achievement:
		return attrs{kindAchievement, normOwner(x.Owner), dateKey(x.Date)}
	case techmatch.Need:
		return attrs{kindNeed, normOwner(x.Org), dateKey(x.Date)}
	case *techmatch.Need:
		return attrs{kindNeed, normOwner(x.Org), dateKey(x.Date)}
	}
	return attrs{}
}

// fieldsOf lists the fields a Diff compares, in catalog order, under
// their catalog names (README "Catalog contract").
func fieldsOf(r techmatch.Record) []field {
	title, desc, kws := r.Text()
	fs := []field{
		{name: "title", value: title, text: true},
		{name: "description", value: desc, text: true},
		{name: "keywords", value: strings.Join(kws, ","), text: true},
		{name: "industries", value: joinIndustries(r.RecordIndustries())},
	}
	var a *techmatch.Achievement
	var n *techmatch.Need
	switch x := any(r).(type) {
	case techmatch.Achievement:
		a = &x
	case *techmatch.Achievement:
		a = x
	case techmatch.Need:
		n = &x
	case *techmatch.Need:
		n = x
	}
	switch {
	case a != nil:
		fs = append(fs,
			field{name: "owner", value: a.Owner},
			field{name: "owner_type", value: string(a.OwnerType)},
			field{name: "region", value: a.Region},
			field{name: "maturity", value: intValue(a.Maturity)},
			field{name: "price", value: amount(a.Price)},
			field{name: "transfer_modes", value: joinModes(a.TransferModes)},
			field{name: "date", value: a.Date})
	case n != nil:
		fs = append(fs,
			field{name: "org", value: n.Org},
			field{name: "org_type", value: string(n.OrgType)},
			field{name: "region", value: n.Region},
			field{name: "min_maturity", value: intValue(n.MinMaturity)},
			field{name: "budget", value: amount(n.Budget)},
			field{name: "transfer_modes", value: joinModes(n.TransferModes)},
			field{name: "date", value: n.Date})
	}
	return fs
}

func joinIndustries(inds []techmatch.Industry) string {
	s := make([]string, len(inds))
	for i, x := range inds {
		s[i] = string(x)
	}
	return strings.Join(s, ",")
}

func joinModes(ms []techmatch.TransferMode) string {
	s := make([]string, len(ms))
	for i, x := range ms {
		s[i] = string(x)
	}
	return strings.Join(s, ",")
}

// intValue writes an integer field; 0 (unknown) is empty.
func intValue(v int) string {
	if v == 0 {
		return ""
	}
	return strconv.Itoa(v)
}

// amount writes a price or budget; 0 (negotiable/unknown) is empty.
func amount(v float64) string {
	if v == 0 {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// dateKey returns a date as yyyymmdd for ordering records newest first:
// 2024-02-08, 2024/2/8, 2024.02.08, 20240208, 2024年2月8日, 2024-02 and
// 2024 are read (a missing month or day counts as 0; a time after the day
// is ignored). Anything else, or
// no date, is 0: older than every dated record.
func dateKey(s string) int {
	var parts [3]int
	n, digits := 0, 0
	for _, r := range strings.TrimSpace(s) {
		if n == 3 {
			break // a time of day may follow
		}
		switch {
		case '0' <= r && r <= '9':
			parts[n] = parts[n]*10 + int(r-'0')
			digits++
			if digits > 8 {
				return 0
			}
		case r == '-' || r == '/' || r == '.' || r == '年' || r == '月' || r == '日' || unicode.IsSpace(r):
			if digits > 0 {
				n++
				digits = 0
			}
		default:
			return 0
		}
	}
	if digits > 0 {
		n++
	}
	y, m, d := parts[0], parts[1], parts[2]
	if n == 1 && y >= 10000000 { // 20240208
		y, m, d = y/10000, y/100%100, y%100
	}
	if y < 1000 || y > 9999 || m > 12 || d > 31 || (m == 0 && d != 0) {
		return 0
	}
	return y*10000 + m*100 + d
}
