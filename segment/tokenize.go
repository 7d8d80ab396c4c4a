package segment

import (
	"fmt"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Mode selects how text is cut.
type Mode int

const (
	// ModeSearch is the index mode: jieba's words, and for each long word
	// its dictionary sub-words (2- and 3-character words, plus longer
	// lexicon terms inside it); compounds such as 304不锈钢 also emit their
	// parts. Sub-tokens share their parent's Position.
	ModeSearch Mode = iota
	// ModePrecise is jieba's precise cut (with HMM unless Config.NoHMM):
	// one token per word, compounds kept whole without their parts.
	ModePrecise
	// ModeBigram emits each pair of adjacent Han characters of a CJK run
	// (a lone Han character is a unigram) and ASCII technical tokens
	// whole. It needs no dictionary and serves as a backoff field. Stop
	// words are not removed in this mode.
	ModeBigram
)

// String returns the mode's configuration name: "search", "precise" or
// "bigram".
func (m Mode) String() string {
	switch m {
	case ModeSearch:
		return "search"
	case ModePrecise:
		return "precise"
	case ModeBigram:
		return "bigram"
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// ParseMode is the inverse of Mode.String.
func ParseMode(s string) (Mode, error) {
	switch s {
	case "search", "":
		return ModeSearch, nil
	case "precise":
		return ModePrecise, nil
	case "bigram":
		return ModeBigram, nil
	}
	return 0, fmt.Errorf("segment: unknown mode %q (want search, precise or bigram)", s)
}

// Token is one term of a text.
//
// Term is normalised (see Normalize) and lower-case. Start and End are
// byte offsets into the original, un-normalised text: text[Start:End]
// normalises to Term. Position is 1-based and counts words, not bytes:
// in ModeSearch the sub-tokens of a word share its Position; removed stop
// words leave a gap, punctuation and white space do not count.
type Token struct {
	Term       string
	Start, End int
	Position   int
}

// span is a piece of the normalised text.
type span struct{ s, e int }

// scratch is the per-call working memory, pooled: one pool Get per call,
// no allocation in steady state except the results.
type scratch struct {
	runs   []span // ASCII technical tokens
	words  []span // jieba's words
	parent []bool // per jieba word
	ws     []span // kept words
	wpar   []bool // per kept word
	kids   []span
	cbuf   []byte  // NUL-terminated copy of the text for jieba
	toks   []Token // Tokenize's output before the exact-size copy
	hits   []hit   // the bleve tokenizer's tokens before the copy
	om     offsetMap
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxPooled is the largest scratch buffer (in elements) returned to the
// pool, so that one huge text does not pin memory.
const maxPooled = 1 << 16

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

func putScratch(sc *scratch) {
	if cap(sc.words) > maxPooled || cap(sc.cbuf) > 8*maxPooled || cap(sc.toks) > maxPooled || cap(sc.ws) > maxPooled || cap(sc.hits) > maxPooled {
		return
	}
	scratchPool.Put(sc)
}

// emitFunc receives each token in normalised-text coordinates.
type emitFunc func(s, e, pos int)

// Tokenize cuts text in the given mode and returns its tokens in order of
// position (within a position: the word, then its parts by offset). Stop
// words, punctuation and white space are removed (ModeBigram removes only
// punctuation and white space). Cost: one jieba call per 16 KiB of text
// (see maxJiebaText; a text of any length is accepted), O(len(text)), one
// allocation for the result (two when text needs normalising).
// BenchmarkTokenizeVsRaw (ModeSearch): 0.89 of the throughput of
// gojieba's own search-mode Jieba.Tokenize on the same text (cpu_ratio;
// 0.79 before the direct C call, see cjieba.go); jieba's C++ is ~85% of
// the CPU profile, our post-processing most of the rest.
func (s *Segmenter) Tokenize(text string, mode Mode) ([]Token, error) {
	sc := getScratch()
	defer putScratch(sc)
	norm := text
	sc.om.edits = sc.om.edits[:0]
	if from := firstChange(text); from >= 0 {
		norm = normalizeFrom(text, from, &sc.om)
	}
	om := &sc.om
	mapped := len(om.edits) > 0
	toks := sc.toks[:0]
	err := s.runWith(sc, norm, mode, func(st, en, pos int) {
		t := Token{Term: norm[st:en], Start: st, End: en, Position: pos}
		if mapped {
			t.Start, t.End = om.orig(st), om.orig(en)
		}
		toks = append(toks, t)
	})
	var out []Token
	switch {
	case err == nil && cap(toks) > maxPooled:
		// Too big to go back to the pool: the buffer is the result (no
		// second copy of a long text's tokens).
		out, sc.toks = toks[:len(toks):len(toks)], nil
		return out, nil
	case err == nil:
		// Copy out of the pooled buffer: one exact allocation per call.
		out = make([]Token, len(toks))
		copy(out, toks)
	}
	clear(toks) // drop references to norm
	sc.toks = toks[:0]
	return out, err
}

// AppendTerms appends the terms Tokenize would return to dst, without
// building Token values: the fast path for indexing.
func (s *Segmenter) AppendTerms(dst []string, text string, mode Mode) ([]string, error) {
	norm := Normalize(text)
	err := s.run(norm, mode, func(st, en, _ int) { dst = append(dst, norm[st:en]) })
	return dst, err
}

// run dispatches on mode; norm must be normalised.
func (s *Segmenter) run(norm string, mode Mode, emit emitFunc) error {
	sc := getScratch()
	defer putScratch(sc)
	return s.runWith(sc, norm, mode, emit)
}

// runWith is run with the caller's scratch (whose toks and om it leaves
// alone).
func (s *Segmenter) runWith(sc *scratch, norm string, mode Mode, emit emitFunc) error {
	switch mode {
	case ModeSearch, ModePrecise:
		return s.cutWords(norm, mode == ModeSearch, sc, emit)
	case ModeBigram:
		if err := s.check(); err != nil {
			return err
		}
		bigrams(norm, emit)
		return nil
	}
	return fmt.Errorf("segment: unknown mode %d", int(mode))
}

// isConnector reports whether c may join two alphanumerics inside an ASCII
// technical token (Ti-6Al-4V, PM2.5, 7075-T6, LiFePO4/C).
func isConnector(c byte) bool { return c == '-' || c == '.' || c == '/' || c == '_' || c == '+' }

func isAlnum(c byte) bool { return ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') }

// asciiRuns appends the ASCII technical tokens of norm to runs: maximal
// runs of [a-z0-9] joined by single connectors between alphanumerics. It
// also reports whether norm has a non-ASCII byte. Multi-byte sequences are
// skipped by their lead byte (norm is valid UTF-8; other bytes are never
// alphanumeric either way).
func asciiRuns(norm string, runs []span) ([]span, bool) {
	nonASCII := false
	for i := 0; i < len(norm); {
		c := norm[i]
		if !isAlnum(c) {
			switch {
			case c < utf8.RuneSelf:
				i++
			case c >= 0xF0:
				i += 4
				nonASCII = true
			case c >= 0xE0:
				i += 3
				nonASCII = true
			case c >= 0xC0:
				i += 2
				nonASCII = true
			default:
				i++
				nonASCII = true
			}
			continue
		}
		st := i
		for i < len(norm) {
			if isAlnum(norm[i]) {
				i++
				continue
			}
			if isConnector(norm[i]) && i+1 < len(norm) && isAlnum(norm[i+1]) {
				i++
				continue
			}
			break
		}
		runs = append(runs, span{st, i})
	}
	return runs, nonASCII
}

// cutWords implements ModeSearch and ModePrecise.
//
// jieba cuts the normalised text (one cgo call, or one per chunk of a
// long text: see jiebaCut). ASCII technical tokens are found by a scan of
// our own; jieba words inside them are dropped and words straddling them
// (b超, dictionary words with ASCII) are trimmed to their non-ASCII part,
// so ASCII tokens come only from the scan. The two streams are then
// merged by offset. An ASCII token immediately followed by a CJK word
// forms a compound when the pair is a lexicon term or the ASCII token
// looks like a number, grade or model code (see compoundable).
//
// A long text is processed piece by piece, each piece ending at a chunk
// break outside the ASCII tokens and not right after one (see
// safeBreak), so that no word, token or compound spans two pieces:
// memory beyond the tokens stays that of one piece.
func (s *Segmenter) cutWords(norm string, search bool, sc *scratch, emit emitFunc) error {
	var nonASCII bool
	sc.runs, nonASCII = asciiRuns(norm, sc.runs[:0])
	runs := sc.runs
	pos, ri := 0, 0
	for p := 0; ; {
		q, err := s.jiebaCut(norm, p, search, nonASCII, sc)
		if err != nil {
			return err
		}
		rj := ri
		for rj < len(runs) && runs[rj].s < q {
			rj++
		}
		pos = s.postCut(norm, search, sc, runs[ri:rj], pos, emit)
		p, ri = q, rj
		if q == len(norm) {
			break
		}
	}
	return nil
}

// postCut turns jieba's words (sc.words) and the ASCII runs of a piece
// of norm into tokens, numbering positions after pos; it returns the last
// position.
func (s *Segmenter) postCut(norm string, search bool, sc *scratch, runs []span, pos int, emit emitFunc) int {
	words := sc.words

	// Mark parents: jieba's search mode emits a word's sub-words right
	// before it, all inside its span; parents are disjoint and increasing.
	if cap(sc.parent) < len(words) {
		sc.parent = make([]bool, len(words))
	}
	isParent := sc.parent[:len(words)]
	ps, pe := -1, -1
	for k := len(words) - 1; k >= 0; k-- {
		w := words[k]
		if search && w.s >= ps && w.e <= pe && w.e-w.s < pe-ps {
			isParent[k] = false
			continue
		}
		isParent[k] = true
		ps, pe = w.s, w.e
	}

	// Keep words with a letter or digit, outside the ASCII tokens, in the
	// same kids-then-parent order, with parent flags. Parents are
	// increasing and the runs sorted and disjoint, so one cursor walks
	// the runs.
	ws, parent := sc.ws[:0], sc.wpar[:0]
	blk, ri := 0, 0
	for k, w := range words {
		if !isParent[k] {
			continue
		}
		kids := words[blk:k]
		blk = k + 1
		for ri < len(runs) && runs[ri].e <= w.s {
			ri++
		}
		if ri < len(runs) && runs[ri].s < w.e {
			// Trim to the pieces outside the ASCII tokens; kids dropped.
			ws, parent = appendOutside(ws, parent, norm, w, runs[ri:])
			continue
		}
		if !hasWordRune(norm[w.s:w.e]) {
			continue
		}
		for _, kid := range kids {
			ws, parent = append(ws, kid), append(parent, false)
		}
		ws, parent = append(ws, w), append(parent, true)
	}
	sc.ws, sc.wpar = ws, parent
	return s.merge(norm, search, ws, parent, runs, pos, sc, emit)
}

// appendOutside appends to ws (with parent flags) the pieces of word w
// outside the runs that have a letter or digit. runs are sorted and
// disjoint, and runs[0] is the first run ending after w.s.
func appendOutside(ws []span, parent []bool, norm string, w span, runs []span) ([]span, []bool) {
	st := w.s
	for r := 0; st < w.e; r++ {
		en := w.e
		if r < len(runs) && runs[r].s < w.e {
			en = max(runs[r].s, st)
		}
		if en > st && hasWordRune(norm[st:en]) {
			ws, parent = append(ws, span{st, en}), append(parent, true)
		}
		if en == w.e {
			break
		}
		st = min(runs[r].e, w.e)
	}
	return ws, parent
}

// merge interleaves ASCII runs and jieba words by offset, forms compounds,
// assigns positions after pos and emits; it returns the last position.
func (s *Segmenter) merge(norm string, search bool, words []span, parent []bool, runs []span, pos int, sc *scratch, emit emitFunc) int {
	ri, wi := 0, 0
	block := 0 // first word of the current parent's block
	nextParent := func() (int, bool) {
		for k := wi; k < len(words); k++ {
			if parent[k] {
				return k, true
			}
		}
		return 0, false
	}
	for ri < len(runs) || wi < len(words) {
		pk, havePar := nextParent()
		if ri < len(runs) && (!havePar || runs[ri].s < words[pk].s) {
			r := runs[ri]
			ri++
			// Compound with the following CJK word?
			if havePar && words[pk].s == r.e && s.compoundable(norm, r, words[pk]) {
				w := words[pk]
				pos++
				emit(r.s, w.e, pos)
				if search {
					if !s.stopTerm(norm[r.s:r.e]) {
						emit(r.s, r.e, pos)
					}
					s.emitRunParts(norm, r, pos, emit)
					s.emitWord(norm, w, words[block:pk], pos, sc, emit)
				}
				wi, block = pk+1, pk+1
				continue
			}
			pos++
			if s.stopTerm(norm[r.s:r.e]) {
				continue
			}
			emit(r.s, r.e, pos)
			if search {
				s.emitRunParts(norm, r, pos, emit)
			}
			continue
		}
		if !havePar {
			break
		}
		w := words[pk]
		kids := words[block:pk]
		wi, block = pk+1, pk+1
		term := norm[w.s:w.e]
		pos++
		if s.stopTerm(term) {
			continue
		}
		emit(w.s, w.e, pos)
		if search {
			s.emitKids(norm, w, kids, pos, sc, emit)
		}
	}
	return pos
}

// emitWord emits a CJK word that is part of a compound, then its kids.
func (s *Segmenter) emitWord(norm string, w span, kids []span, pos int, sc *scratch, emit emitFunc) {
	if !s.stopTerm(norm[w.s:w.e]) {
		emit(w.s, w.e, pos)
	}
	s.emitKids(norm, w, kids, pos, sc, emit)
}

// emitKids emits the sub-words of word w: jieba's (2- and 3-character
// dictionary words) and the lexicon terms of 4+ characters inside w,
// sorted by offset then length, stop words removed.
func (s *Segmenter) emitKids(norm string, w span, kids []span, pos int, sc *scratch, emit emitFunc) {
	sc.kids = sc.kids[:0]
	sc.kids = append(sc.kids, kids...)
	if s.maxLexLen >= 4 && w.e-w.s > 4*3 { // at least 5 CJK characters
		word := norm[w.s:w.e]
		if subs, known := s.lexSubs[word]; known {
			for _, k := range subs {
				sc.kids = append(sc.kids, span{w.s + k.s, w.s + k.e})
			}
		} else {
			sc.kids = s.lexSubstrings(word, w.s, sc.kids)
		}
	}
	if len(sc.kids) == 0 {
		return
	}
	// Insertion sort: a word has a handful of kids; sort.Slice allocates.
	kids2 := sc.kids
	for i := 1; i < len(kids2); i++ {
		for j := i; j > 0 && (kids2[j].s < kids2[j-1].s || (kids2[j].s == kids2[j-1].s && kids2[j].e < kids2[j-1].e)); j-- {
			kids2[j], kids2[j-1] = kids2[j-1], kids2[j]
		}
	}
	for _, k := range sc.kids {
		// Kids lie inside a word: dictionary words, never punctuation.
		if s.stopTerm(norm[k.s:k.e]) {
			continue
		}
		emit(k.s, k.e, pos)
	}
}

// emitRunParts emits the pieces of an ASCII token split at '-', '/' and
// '_' (ti-6al-4v → ti, 6al, 4v); '.' and '+' do not split (pm2.5).
func (s *Segmenter) emitRunParts(norm string, r span, pos int, emit emitFunc) {
	st, n := r.s, 0
	for k := r.s; k <= r.e; k++ {
		if k < r.e && norm[k] != '-' && norm[k] != '/' && norm[k] != '_' {
			continue
		}
		if k == r.e && n == 0 {
			return // no split point
		}
		n++
		if !s.stopTerm(norm[st:k]) {
			emit(st, k, pos)
		}
		st = k + 1
	}
}

// compoundable decides whether ASCII token r and the CJK word w right after
// it form one compound token (304不锈钢, 3d打印, 7075-t6铝合金, x射线,
// q235钢). General rule, no list of examples: the pair is a lexicon term;
// or w is a Han word that is neither a stop word, boilerplate nor a unit of
// measure, and r is a number or grade (starts with a digit, at most 8
// bytes) or a single letter, with w of 2+ characters; or r is a short
// model code (at most 6 bytes, with a digit) and w is a one-character
// material or type suffix (钢, 铝, 型, 级, …). Letter-led codes before longer
// words (ncm811正极, co2排放) stay separate tokens.
func (s *Segmenter) compoundable(norm string, r, w span) bool {
	if _, ok := s.compounds[norm[r.s:w.e]]; ok {
		return true
	}
	word := norm[w.s:w.e]
	if !allHan(word) {
		return false
	}
	if s.stopTerm(word) {
		return false
	}
	if _, unit := unitWords[word]; unit {
		return false
	}
	if _, b := s.boiler[word]; b {
		return false
	}
	run := norm[r.s:r.e]
	if runeCount(word) == 1 {
		if _, ok := oneCharSuffix[word]; !ok || len(run) > 6 {
			return false
		}
		for k := 0; k < len(run); k++ {
			if run[k] >= '0' && run[k] <= '9' {
				return true
			}
		}
		return false
	}
	if run[0] >= '0' && run[0] <= '9' {
		return len(run) <= 8
	}
	return len(run) == 1
}

// bigrams implements ModeBigram.
func bigrams(norm string, emit emitFunc) {
	pos := 0
	for i := 0; i < len(norm); {
		c := norm[i]
		if isAlnum(c) {
			// ASCII technical token, same scan as asciiRuns.
			st := i
			for i < len(norm) && (isAlnum(norm[i]) || (isConnector(norm[i]) && i+1 < len(norm) && isAlnum(norm[i+1]))) {
				i++
			}
			pos++
			emit(st, i, pos)
			continue
		}
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(norm[i:])
		switch {
		case unicode.Is(unicode.Han, r):
			// Han run: bigrams, or a unigram for a lone character.
			prev, prevN := i, n
			j := i + n
			emitted := false
			for j < len(norm) {
				r2, n2 := utf8.DecodeRuneInString(norm[j:])
				if !unicode.Is(unicode.Han, r2) {
					break
				}
				pos++
				emit(prev, j+n2, pos)
				emitted = true
				prev, prevN = j, n2
				j += n2
			}
			if !emitted {
				pos++
				emit(i, i+prevN, pos)
			}
			i = j
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			// Other scripts: the run of non-Han, non-ASCII letters/digits.
			st := i
			i += n
			for i < len(norm) && norm[i] >= utf8.RuneSelf {
				r2, n2 := utf8.DecodeRuneInString(norm[i:])
				if unicode.Is(unicode.Han, r2) || !(unicode.IsLetter(r2) || unicode.IsNumber(r2) || unicode.IsMark(r2)) {
					break
				}
				i += n2
			}
			pos++
			emit(st, i, pos)
		default:
			i += n
		}
	}
}

// hasWordRune reports whether t contains a letter or a digit.
func hasWordRune(t string) bool {
	if len(t) >= 3 && ((t[0] == 0xE4 && t[1] >= 0xB8) || (t[0] >= 0xE5 && t[0] <= 0xE9)) {
		return true // U+4E00–U+9FFF: CJK unified ideographs
	}
	for i := 0; i < len(t); {
		c := t[i]
		if c < utf8.RuneSelf {
			if isAlnum(c) || ('A' <= c && c <= 'Z') {
				return true
			}
			i++
			continue
		}
		r, n := decodeRune(t[i:])
		if isWordRune(r) {
			return true
		}
		i += n
	}
	return false
}

func allHan(t string) bool {
	if t == "" {
		return false
	}
	for _, r := range t {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

func hasNonASCII(t string) bool {
	for i := 0; i < len(t); i++ {
		if t[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

func hasASCIIAlnum(t string) bool {
	for i := 0; i < len(t); i++ {
		if isAlnum(t[i]) || ('A' <= t[i] && t[i] <= 'Z') {
			return true
		}
	}
	return false
}

func runeCount(t string) int { return utf8.RuneCountInString(t) }

// prefix2 returns the first two runes of t (or all of t if shorter).
func prefix2(t string) string {
	_, a := decodeRune(t)
	_, b := decodeRune(t[a:])
	return t[:a+b]
}

// stopTerm is the hot-path stop test on a normalised term. Bitmaps over
// the BMP answer most terms without hashing: one-rune stop words exactly,
// and the first runes and (first, last) rune pairs of longer stop words
// as filters; the map is consulted only for the rare terms that pass.
func (s *Segmenter) stopTerm(t string) bool {
	r, n := decodeRune(t)
	if r < 0x10000 {
		if n == len(t) {
			return s.stopOne[r>>6]&(1<<(r&63)) != 0
		}
		if s.stopFirst[r>>6]&(1<<(r&63)) == 0 {
			return false
		}
	}
	if l, _ := utf8.DecodeLastRuneInString(t); s.stopPair[pairHash(r, l)>>6]&(1<<(pairHash(r, l)&63)) == 0 {
		return false
	}
	_, ok := s.stop[t]
	return ok
}

// pairHash hashes the first and last runes of a term to a bit of
// Segmenter.stopPair.
func pairHash(first, last rune) uint32 {
	return (uint32(first)*0x9E3779B1 ^ uint32(last)*0x85EBCA77) >> 16
}

// lexSubstrings appends the spans (shifted by base) of the lexicon terms of
// 4+ runes strictly inside word. O(len(word) × maxLexLen) lookups, pruned
// by the two-rune prefix set.
func (s *Segmenter) lexSubstrings(word string, base int, out []span) []span {
	for i := 0; i < len(word); {
		_, n := decodeRune(word[i:])
		if _, ok := s.lexPrefix[prefix2(word[i:])]; !ok {
			i += n
			continue
		}
		j, cnt := i, 0
		for j < len(word) && cnt < s.maxLexLen {
			_, m := decodeRune(word[j:])
			j += m
			cnt++
			if cnt >= 4 && !(i == 0 && j == len(word)) {
				if _, ok := s.lexicon[word[i:j]]; ok {
					out = append(out, span{base + i, base + j})
				}
			}
		}
		i += n
	}
	return out
}
