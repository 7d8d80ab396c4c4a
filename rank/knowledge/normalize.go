package knowledge

import (
	"strings"
	"unicode"
)

// foldRune maps one rune to its matching form: full-width ASCII (U+FF01–U+FF5E)
// and the ideographic space fold to half-width, letters are lower-cased.
func foldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x3000:
		r = ' '
	}
	if r < unicode.MaxASCII {
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}
	return unicode.ToLower(r)
}

// Normalize returns s in the form Expand and Classify match on: full-width
// ASCII folded to half-width, letters lower-cased, surrounding space trimmed.
// It is what the graph uses as the identity of a term ("CFRP" and "ｃｆｒｐ"
// are the same term). Safe for concurrent use.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(foldRune(r))
	}
	return strings.TrimSpace(b.String())
}

// isASCIIAlnum reports whether r is an ASCII letter or digit.
func isASCIIAlnum(r rune) bool {
	return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')
}

// onlyPunct reports whether s has no letter, digit or ideograph.
func onlyPunct(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}
