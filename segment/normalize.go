package segment

import (
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Normalize returns text as the segmenter sees it: full-width letters,
// digits and the technical connectors －．／＿＋＃＆％ (in U+FF01–U+FF5E)
// become their ASCII counterparts, the ideographic space
// U+3000 and control characters become ' ', Unicode hyphens and the minus
// sign (U+2010–U+2013, U+2212, U+FE63) become '-', letters are lower-cased
// (simple case mapping) and every byte of invalid UTF-8 becomes ' '.
//
// The mapping is rune for rune (each input rune or invalid byte gives
// exactly one output rune), so offsets can be mapped back. Full-width
// punctuation such as ，（）：！ is kept: it separates words either way, and
// keeping it leaves ordinary Chinese text on the fast path. When text needs
// no change Normalize returns it without allocating. O(len(text)).
func Normalize(text string) string {
	from := firstChange(text)
	if from < 0 {
		return text
	}
	return normalizeFrom(text, from, nil)
}

// firstChange returns the byte offset of the first rune Normalize changes,
// or -1. Valid 3-byte sequences of U+3001–U+9FFF (CJK punctuation and
// ideographs, which never change) are skipped without decoding.
func firstChange(text string) int {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f || ('A' <= c && c <= 'Z') {
				return i
			}
			i++
			continue
		}
		if cjkUnchanged(text, i) {
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if mapRune(r, size) != r {
			return i
		}
		i += size
	}
	return -1
}

// cjkUnchanged reports whether text[i:] starts with a valid 3-byte
// sequence of U+3001–U+9FFF, which mapRune leaves unchanged.
func cjkUnchanged(text string, i int) bool {
	c := text[i]
	return c >= 0xE3 && c <= 0xE9 && i+2 < len(text) &&
		text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80 &&
		(c != 0xE3 || text[i+1] != 0x80 || text[i+2] != 0x80) // U+3000 maps to ' '
}

// mapRune is the per-rune normalisation. size is the byte length decoded
// (1 with utf8.RuneError means an invalid byte).
func mapRune(r rune, size int) rune {
	switch {
	case r < utf8.RuneSelf:
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	case 0x3001 <= r && r < 0xA640:
		// CJK punctuation, kana, Hangul compatibility, CJK ideographs,
		// Yi: no case, no full-width forms (fast path for Chinese).
		return r
	case r == utf8.RuneError && size <= 1:
		return ' '
	case 0xFF01 <= r && r <= 0xFF5E:
		if fullWidthMapped(r) {
			return unicode.ToLower(r - 0xFEE0)
		}
		return r
	case r == 0x3000:
		return ' '
	case (0x2010 <= r && r <= 0x2013) || r == 0x2212 || r == 0xFE63:
		return '-'
	case 0x80 <= r && r < 0xA0: // C1 controls
		return ' '
	}
	return unicode.ToLower(r)
}

// fullWidthMapped reports whether the full-width form r (U+FF01–U+FF5E) is
// mapped to ASCII: letters, digits and the characters that join or belong
// to technical tokens.
func fullWidthMapped(r rune) bool {
	a := r - 0xFEE0
	switch {
	case '0' <= a && a <= '9', 'A' <= a && a <= 'Z', 'a' <= a && a <= 'z':
		return true
	}
	switch a {
	case '-', '.', '/', '_', '+', '#', '&', '%':
		return true
	}
	return false
}

// offsetMap maps offsets of a normalised text back to the original. It
// records one edit per rune whose byte length changed (full-width →
// ASCII): from norm offset n on, original = n + d. Between edits the
// delta is constant. Lookup is a binary search, O(log edits).
type offsetMap struct{ edits []offsetEdit }

type offsetEdit struct{ n, d int }

// orig maps a normalised offset at a rune boundary to the original text.
func (m *offsetMap) orig(x int) int {
	e := m.edits
	lo, hi := 0, len(e) // find the last edit with n <= x
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if e[mid].n <= x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo == 0 {
		return x
	}
	return x + e[lo-1].d
}

// normalizeFrom normalises text, whose first from bytes need no change,
// appending the length edits to m (unless nil). Unchanged stretches are copied in bulk; the result is one
// allocation (the buffer becomes the string without a copy).
func normalizeFrom(text string, from int, m *offsetMap) string {
	buf := make([]byte, 0, len(text)+8)
	keep := 0 // start of the pending unchanged stretch
	for i := from; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != 0x7f && !('A' <= c && c <= 'Z') {
				i++
				continue
			}
			buf = append(buf, text[keep:i]...)
			buf = append(buf, byte(mapRune(rune(c), 1)))
			i++
			keep = i
			continue
		}
		if cjkUnchanged(text, i) {
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		mr := mapRune(r, size)
		if mr == r && !(r == utf8.RuneError && size == 1) {
			i += size
			continue
		}
		buf = append(buf, text[keep:i]...)
		n := len(buf)
		buf = utf8.AppendRune(buf, mr)
		i += size
		keep = i
		if m != nil && len(buf)-n != size {
			m.edits = append(m.edits, offsetEdit{n: len(buf), d: i - len(buf)})
		}
	}
	buf = append(buf, text[keep:]...)
	if len(buf) == 0 {
		return ""
	}
	// buf is never written again: share its bytes with the string.
	return unsafe.String(unsafe.SliceData(buf), len(buf))
}
