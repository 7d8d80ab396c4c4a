package constraint

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) of the analysed text. Both ends
// lie on rune boundaries (an invalid byte counts as a one-byte rune).
//
// A plain value, safe to copy and share.
type Span struct {
	Start, End int
}

// Cue is a word or symbol that produced part of a result, with its span in
// the analysed text, for explanations.
//
// A plain value, safe to copy and share.
type Cue struct {
	Text string
	Span Span
}

// text is the analysed string as folded runes with the byte offset of every
// rune (plus one past the end), so that rules work on runes and report byte
// spans of the original.
type text struct {
	s   string
	rs  []rune
	off []int
	// asks caches the detection words the text asks for (product.go),
	// computed on first use when asksDone is set.
	asks     []int
	asksDone bool
}

// newText folds s rune by rune (see fold); an invalid byte becomes
// utf8.RuneError and keeps its own offset.
func newText(s string) *text {
	t := &text{s: s, rs: make([]rune, 0, len(s)/2+1), off: make([]int, 0, len(s)/2+2)}
	for i, r := range s {
		t.rs = append(t.rs, fold(r))
		t.off = append(t.off, i)
	}
	t.off = append(t.off, len(s))
	return t
}

// str returns the original text of runes [i, j).
func (t *text) str(i, j int) string { return t.s[t.off[i]:t.off[j]] }

// span returns the byte span of runes [i, j).
func (t *text) span(i, j int) Span { return Span{t.off[i], t.off[j]} }

// at reports whether the runes of w occur at rune index i.
func (t *text) at(i int, w string) bool {
	for _, r := range w {
		if i >= len(t.rs) || t.rs[i] != r {
			return false
		}
		i++
	}
	return true
}

// endsAt reports whether the runes of w occur ending just before rune index
// i, and returns the rune index where w starts.
func (t *text) endsAt(i int, w string) (int, bool) {
	n := utf8.RuneCountInString(w)
	if n > i {
		return 0, false
	}
	if !t.at(i-n, w) {
		return 0, false
	}
	return i - n, true
}

// longestAt returns the longest word of ws occurring at rune index i.
func (t *text) longestAt(i int, ws *wordSet) (string, bool) {
	w, _, ok := ws.at(t.rs, i)
	return w, ok
}

// longestBefore returns the longest word of ws ending just before rune
// index i, and its start.
func (t *text) longestBefore(i int, ws *wordSet) (string, int, bool) {
	return ws.before(t.rs, i)
}

// skipSpace returns the first index ≥ i that is not a space.
func (t *text) skipSpace(i int) int {
	for i < len(t.rs) && isSpace(t.rs[i]) {
		i++
	}
	return i
}

// skipSpaceBack returns the smallest index ≤ i such that runes [k, i) are
// spaces.
func (t *text) skipSpaceBack(i int) int {
	for i > 0 && isSpace(t.rs[i-1]) {
		i--
	}
	return i
}

// fold maps full-width ASCII (U+FF01–U+FF5E) and the ideographic space to
// ASCII, the dash and micro variants to one form each; letters keep their
// case (units are case-sensitive: MPa, mPa).
func fold(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == 0x3000, r == 0x00A0, r == 0x2009, r == 0x202F:
		return ' '
	case r == 0x2212, r == 0x2010, r == 0x2011:
		return '-'
	case r == 0x301C:
		return '~'
	case r == 0x00B5:
		return 'μ'
	}
	return r
}

// normalize folds s for dictionary look-ups: fold plus lower-case, trimmed.
func normalize(s string) string {
	clean := true
	for _, r := range s {
		if r >= 'A' && r <= 'Z' || r >= 0x80 && r < 0x3000 && unicode.IsUpper(r) || fold(r) != r {
			clean = false
			break
		}
	}
	if clean {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(unicode.ToLower(fold(r)))
	}
	return strings.TrimSpace(b.String())
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' }

func isASCIIAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isHan reports a CJK unified ideograph.
func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// isSentenceEnd: the end of a sentence (role cues do not cross it).
func isSentenceEnd(r rune) bool {
	switch r {
	case '。', ';', '!', '?', '\n', '\r':
		return true
	}
	return false
}

// isClauseEnd: the end of a clause (subjects and excluded phrases stop there).
func isClauseEnd(r rune) bool {
	if isSentenceEnd(r) {
		return true
	}
	switch r {
	case ',', ':', '(', ')', '[', ']', '【', '】', '“', '”', '"', '《', '》', '…', '\t', '|':
		return true
	}
	return false
}

// word is a dictionary word as a string and as runes.
type word struct {
	s  string
	rs []rune
}

// wordSet is a small dictionary indexed by first and by last rune, so
// matching at or before a position costs a map look-up and a few
// comparisons. Immutable once built; safe for concurrent use.
type wordSet struct {
	first map[rune][]word // each list longest first, then lexical
	last  map[rune][]word
	// hasFirst, hasLast: a 1024-bit filter on the rune's low bits, to skip
	// the map on most runes.
	hasFirst, hasLast [16]uint64
}

func filterHas(f *[16]uint64, r rune) bool { return f[(r>>6)&15]&(1<<(r&63)) != 0 }

func filterSet(f *[16]uint64, r rune) { f[(r>>6)&15] |= 1 << (r & 63) }

// newWords builds a wordSet; empty and duplicate words are dropped.
func newWords(ws ...string) *wordSet {
	set := &wordSet{first: map[rune][]word{}, last: map[rune][]word{}}
	seen := map[string]bool{}
	for _, w := range ws {
		if w == "" || seen[w] {
			continue
		}
		seen[w] = true
		rs := []rune(w)
		x := word{s: w, rs: rs}
		set.first[rs[0]] = insertWord(set.first[rs[0]], x)
		set.last[rs[len(rs)-1]] = insertWord(set.last[rs[len(rs)-1]], x)
		filterSet(&set.hasFirst, rs[0])
		filterSet(&set.hasLast, rs[len(rs)-1])
	}
	return set
}

// insertWord keeps ws sorted longest first, then lexical.
func insertWord(ws []word, x word) []word {
	i := 0
	for i < len(ws) && (len(ws[i].rs) > len(x.rs) || len(ws[i].rs) == len(x.rs) && ws[i].s < x.s) {
		i++
	}
	ws = append(ws, word{})
	copy(ws[i+1:], ws[i:])
	ws[i] = x
	return ws
}

// at returns the longest word occurring at rs[i:] and its length in runes.
func (set *wordSet) at(rs []rune, i int) (string, int, bool) {
	if i < 0 || i >= len(rs) || !filterHas(&set.hasFirst, rs[i]) {
		return "", 0, false
	}
	for _, w := range set.first[rs[i]] {
		if runesAt(rs, i, w.rs) {
			return w.s, len(w.rs), true
		}
	}
	return "", 0, false
}

// before returns the longest word ending just before rs[i] and its start.
func (set *wordSet) before(rs []rune, i int) (string, int, bool) {
	if i <= 0 || i > len(rs) || !filterHas(&set.hasLast, rs[i-1]) {
		return "", 0, false
	}
	for _, w := range set.last[rs[i-1]] {
		if s := i - len(w.rs); s >= 0 && runesAt(rs, s, w.rs) {
			return w.s, s, true
		}
	}
	return "", 0, false
}

func runesAt(rs []rune, i int, w []rune) bool {
	if i+len(w) > len(rs) {
		return false
	}
	for k, r := range w {
		if rs[i+k] != r {
			return false
		}
	}
	return true
}

// lastInRunes is lastIn on runes compared case-insensitively for ASCII
// (the words are lower-case); off is a rune offset.
func (set *wordSet) lastInRunes(rs []rune) (w string, off int, ok bool) {
	bestEnd := -1
	for i, r := range rs {
		r = lowerASCII(r)
		if !filterHas(&set.hasFirst, r) {
			continue
		}
		for _, x := range set.first[r] {
			if runesAtLower(rs, i, x.rs) {
				if e := i + len(x.rs); e > bestEnd || e == bestEnd && len(x.s) > len(w) {
					bestEnd, w, off, ok = e, x.s, i, true
				}
				break
			}
		}
	}
	return w, off, ok
}

func lowerASCII(r rune) rune {
	if r >= 'A' && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

func runesAtLower(rs []rune, i int, w []rune) bool {
	if i+len(w) > len(rs) {
		return false
	}
	for k, r := range w {
		if lowerASCII(rs[i+k]) != r {
			return false
		}
	}
	return true
}

// prefixOf returns the longest word s starts with.
func (set *wordSet) prefixOf(s string) (string, bool) {
	r, _ := utf8.DecodeRuneInString(s)
	for _, w := range set.first[r] {
		if strings.HasPrefix(s, w.s) {
			return w.s, true
		}
	}
	return "", false
}

// suffixOf returns the longest word s ends with.
func (set *wordSet) suffixOf(s string) (string, bool) {
	r, _ := utf8.DecodeLastRuneInString(s)
	for _, w := range set.last[r] {
		if strings.HasSuffix(s, w.s) {
			return w.s, true
		}
	}
	return "", false
}

// in reports whether some word occurs in s.
func (set *wordSet) in(s string) bool {
	for i, r := range s {
		if !filterHas(&set.hasFirst, r) {
			continue
		}
		for _, w := range set.first[r] {
			if strings.HasPrefix(s[i:], w.s) {
				return true
			}
		}
	}
	return false
}

// lastIn returns the word occurring in s that ends last (the longest among
// those), with its byte offset; ok is false when none occurs.
func (set *wordSet) lastIn(s string) (w string, off int, ok bool) {
	bestEnd := -1
	for i, r := range s {
		if !filterHas(&set.hasFirst, r) {
			continue
		}
		for _, x := range set.first[r] {
			if strings.HasPrefix(s[i:], x.s) {
				if e := i + len(x.s); e > bestEnd || e == bestEnd && len(x.s) > len(w) {
					bestEnd, w, off, ok = e, x.s, i, true
				}
				break // the longest at i
			}
		}
	}
	return w, off, ok
}

// keys returns the keys of m (any order: newWords sorts them).
func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// runeLen is the number of runes of s.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
