package segment

import (
	"unicode"
	"unicode/utf8"
)

// decodeRune is utf8.DecodeRuneInString with the common cases inline:
// ASCII and the valid 3-byte sequences of U+1000–U+CFFF and U+E000–U+FFFF
// (all of CJK, full-width forms, general punctuation). Other input goes
// to the standard decoder, so the result is always identical to it.
func decodeRune(t string) (rune, int) {
	if len(t) > 0 {
		c := t[0]
		if c < utf8.RuneSelf {
			return rune(c), 1
		}
		if len(t) >= 3 && c >= 0xE1 && c <= 0xEF && c != 0xED && t[1]&0xC0 == 0x80 && t[2]&0xC0 == 0x80 {
			return rune(c&0x0F)<<12 | rune(t[1]&0x3F)<<6 | rune(t[2]&0x3F), 3
		}
	}
	return utf8.DecodeRuneInString(t)
}

// wordRunes has a bit for every BMP rune that is a letter or a digit in
// hasWordRune's sense (U+4E00–U+9FFF, unicode.IsLetter, unicode.IsNumber),
// so the hot path needs no Unicode table search. 8 KiB.
var wordRunes = func() (b [0x10000 / 64]uint64) {
	for r := rune(0); r < 0x10000; r++ {
		if (0x4E00 <= r && r <= 0x9FFF) || unicode.IsLetter(r) || unicode.IsNumber(r) {
			b[r>>6] |= 1 << (r & 63)
		}
	}
	return b
}()

// isWordRune reports whether r is a letter or a digit (see wordRunes).
func isWordRune(r rune) bool {
	if r < 0x10000 {
		return wordRunes[r>>6]&(1<<(r&63)) != 0
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}
