package dedup

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/techmatch/techmatch/segment"
)

// content appends to dst the content runes of text as the shingles see
// them: segment.Normalize'd (full-width → ASCII, lower case), letters
// and digits only (Han characters are letters), every digit folded to
// '0'. Punctuation and spaces are dropped, so re-punctuated or re-spaced
// text gives the same runes, and a changed figure (12周 → 16周, 70% → 75%)
// gives the same shingles: numbers are edited between submissions far
// more often than they tell two achievements apart.
func content(dst []rune, text string) []rune {
	for _, r := range segment.Normalize(text) {
		switch {
		case r < utf8.RuneSelf:
			switch {
			case '0' <= r && r <= '9':
				dst = append(dst, '0')
			case 'a' <= r && r <= 'z':
				dst = append(dst, r)
			}
		case unicode.IsDigit(r):
			dst = append(dst, '0')
		case unicode.IsLetter(r):
			dst = append(dst, r)
		}
	}
	return dst
}

// shingles appends to dst the hashes of the n-rune windows of runes (one
// hash for the whole when it is shorter than n, none when it is empty)
// and returns dst sorted without repeats. O(len(runes)·log).
func shingles(dst []uint32, runes []rune, n int) []uint32 {
	from := len(dst)
	switch {
	case len(runes) == 0:
		return dst
	case len(runes) < n:
		dst = append(dst, hashRunes(runes))
	default:
		for i := 0; i+n <= len(runes); i++ {
			dst = append(dst, hashRunes(runes[i:i+n]))
		}
	}
	s := dst[from:]
	slices.Sort(s)
	return dst[:from+len(slices.Compact(s))]
}

// hashRunes hashes a window of runes to 32 bits: FNV-style folding of the
// runes, finished by the splitmix64 finaliser, high half kept. Two
// distinct windows collide with probability about 2⁻³², which moves a
// Jaccard similarity of sets of a few hundred shingles by less than 10⁻⁵
// on average.
func hashRunes(w []rune) uint32 {
	h := uint64(0xcbf29ce484222325)
	for _, r := range w {
		h ^= uint64(r)
		h *= 0x100000001b3
	}
	return uint32(mix64(h) >> 32)
}

// mix64 is the splitmix64 finaliser: a bijection of uint64 whose output
// bits each depend on every input bit.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// jaccard returns |a∩b| / |a∪b| of two sorted sets without repeats; two
// empty sets give 0 (nothing to compare is never a duplicate). O(|a|+|b|).
func jaccard(a, b []uint32) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// textShingles returns the shingle set of one text field, for the
// per-field changes of a Diff.
func textShingles(text string, n int) []uint32 {
	return shingles(nil, content(nil, text), n)
}

// normOwner returns an owner or organisation name as compared: Normalize'd
// letters and digits only, so 哈尔滨工业大学, "哈尔滨工业大学 " and
// full-width or re-spaced forms are one owner. Abbreviations (哈工大) and
// renamed organisations are not resolved: they count as different owners.
func normOwner(s string) string {
	var b strings.Builder
	for _, r := range segment.Normalize(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
