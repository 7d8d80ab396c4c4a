package inert

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Cell returns s made inert for a spreadsheet cell, as OWASP's "CSV
// Injection" page recommends: a value whose first character is = + - @,
// a tab or a carriage return (or the full-width ＝ ＋ － ＠, which some
// input methods turn into their ASCII forms) gets a leading apostrophe, so
// Excel, LibreOffice and WPS show it as text instead of evaluating it.
// Other values are returned unchanged. Apply it to text values only:
// numbers written by the program itself (ranks, scores) are not catalog
// text and stay numbers.
func Cell(s string) string {
	if NeedsQuote(s) {
		return "'" + s
	}
	return s
}

// NeedsQuote reports whether Cell would change s.
func NeedsQuote(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '＝', '＋', '－', '＠':
		return true
	}
	return false
}

// Terminal returns s with every byte that could act on a terminal escaped
// in Go syntax: C0 and C1 control characters (ESC, BEL, CR, LF, …) and DEL
// as \x1b, \n, \u0085…, the Unicode bidirectional overrides and isolates
// (U+202A–U+202E, U+2066–U+2069) as \u202e…, and bytes that are not UTF-8
// as \xff. A backslash is left as it is. Printable text, Chinese included,
// is unchanged and s is returned as is when nothing needs escaping.
func Terminal(s string) string {
	i := firstUnsafe(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\x`)
			b.WriteString(strconv.FormatUint(uint64(s[i])|0x100, 16)[1:])
		case unsafeRune(r):
			q := strconv.QuoteRuneToASCII(r) // '\x1b', '\n', '\u202e'
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// firstUnsafe returns the byte offset of the first thing Terminal escapes,
// or -1.
func firstUnsafe(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || unsafeRune(r) {
			return i
		}
		i += n
	}
	return -1
}

// unsafeRune reports whether r is a control character or a bidirectional
// override or isolate.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
