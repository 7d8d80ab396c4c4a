package constraint

import "strings"

// ExcludedBy returns the excluded concepts of ex that an achievement's core
// — its title and keywords — is built on, in the order of ex.Concepts: a
// concept occurring in the title or a keyword, unless negated there
// (无铅焊料, 非三元, 替代氢氟酸, 去除重金属, 氢氟酸替代 do not count: they
// are what the need asks for). Matching is on normalized text (half-width,
// lower-case); a concept starting or ending with an ASCII letter or digit
// only matches at ASCII word boundaries (NCA does not match inside NCAB).
//
// Preserve and ProductSpec exclusions return nil (they exclude nothing
// from the solution: see ExclusionKind.Excludes), and so does an exclusion
// whose only categories are record-level ("meta": maturity, transfer mode):
// the scorer checks those against the record's fields. The scorer demotes a non-empty
// result (softly by default; dropping the pair is an option).
//
// Time O(len(ex.Concepts) × (len(title) + len(keywords))); safe for
// concurrent use.
func ExcludedBy(ex Exclusion, title string, keywords []string) []string {
	if !ex.Kind.Excludes() || len(ex.Concepts) == 0 {
		return nil
	}
	fields := make([]string, 0, 1+len(keywords))
	if title != "" {
		fields = append(fields, normalize(title))
	}
	for _, k := range keywords {
		if k != "" {
			fields = append(fields, normalize(k))
		}
	}
	var out []string
	for _, c := range ex.Concepts {
		for _, f := range fields {
			if occursAffirmed(f, c) {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// occursAffirmed reports whether c occurs in f at least once not negated by
// a prefix or suffix of negPrefixes / negSuffixes, and on ASCII word
// boundaries where c has ASCII ends.
func occursAffirmed(f, c string) bool {
	for from := 0; from < len(f); {
		i := strings.Index(f[from:], c)
		if i < 0 {
			return false
		}
		i += from
		j := i + len(c)
		from = i + 1
		if !asciiBoundary(f, i, j, c) {
			continue
		}
		before, after := f[:i], f[j:]
		if _, ok := sortedEx.negPre.suffixOf(before); ok {
			continue
		}
		if _, ok := sortedEx.negSuf.prefixOf(after); ok {
			continue
		}
		return true
	}
	return false
}

// asciiBoundary: a concept beginning (ending) with an ASCII letter or digit
// must not be preceded (followed) by one.
func asciiBoundary(f string, i, j int, c string) bool {
	if isASCIIAlnum(rune(c[0])) && i > 0 && isASCIIAlnum(rune(f[i-1])) {
		return false
	}
	if isASCIIAlnum(rune(c[len(c)-1])) && j < len(f) && isASCIIAlnum(rune(f[j])) {
		return false
	}
	return true
}
