package segment

import (
	"sort"
	"unicode"
	"unicode/utf8"
)

// maxJiebaText is the most bytes of text handed to jieba in one call;
// longer texts are cut into chunks (see chunkEnd) and the words' offsets
// shifted back, so callers see the words of the whole text.
//
// Why a bound: cppjieba needs about 100 bytes of memory per byte of text
// it is handed (one call on 1 MiB raised peak RSS by ~100 MB) and aborts
// the whole process (std::bad_alloc) when an allocation fails — a 566 MB
// spreadsheet cell did. Why 16 KiB: BenchmarkJiebaChunkSize cuts the same
// 1 MB in chunks of 256 B … 256 KiB and finds no per-call cost to speak
// of: jieba runs at 4.2–5.2 MB/s of CPU time at every size, and the rate
// relative to 256 KiB chunks is 0.87–1.01 at 16 KiB and 0.84–1.07 at
// 256 B (3 runs, noise of the shared machine). So the bound is set by
// memory (~1.6 MB per call at 16 KiB) and by the breaks: 16 KiB nearly
// always holds a 。, where a break changes no word, and real texts up to
// 16 KiB (catalog descriptions are ~0.4 KB) take exactly the path they
// took before chunking existed.
const maxJiebaText = 16 << 10

// maxJiebaCall is the hard limit of cutC and cutWrapper, a safety net far
// above maxJiebaText (a call of 1 MiB costs cppjieba at most ~120 MB): a
// longer text is an error, never handed to C.
const maxJiebaCall = 1 << 20

// chunkEnd returns where the jieba chunk of norm that starts at p ends:
// the last break at most limit bytes after p, by preference
//
//  1. after '。' or a newline: a sentence end where cppjieba itself cuts
//     (its PreFilter splits at space, tab, newline, '，' and '。' and cuts
//     each piece on its own, so breaking there changes no word);
//  2. after another sentence end (！？；!?;) or cppjieba's other separators
//     ('，', space, tab);
//  3. after any other punctuation or white space;
//  4. at a rune boundary outside the ASCII technical tokens (runs) and
//     not right after one (see safeBreak);
//  5. at a rune boundary (only when one ASCII token is longer than limit:
//     jieba's words inside ASCII tokens are dropped anyway, and the piece
//     jiebaCut returns goes on to the next safe break).
//
// Within a level the last break wins, so chunks are as long as the level
// allows. norm must be valid UTF-8, runs sorted and disjoint, limit ≥
// utf8.UTFMax and len(norm)-p > limit. O(limit).
func chunkEnd(norm string, p, limit int, runs []span) int {
	var best [5]int // last break per level, 0 = none (a break is > p)
	ri := sort.Search(len(runs), func(k int) bool { return runs[k].e >= p })
	for i := p; i < len(norm); {
		r, n := rune(norm[i]), 1
		if r >= utf8.RuneSelf {
			r, n = decodeRune(norm[i:])
		}
		b := i + n
		if b > p+limit {
			break
		}
		i = b
		best[4] = b
		for ri < len(runs) && runs[ri].e < b {
			ri++
		}
		if ri < len(runs) && runs[ri].s < b {
			continue // inside an ASCII token or right after one
		}
		best[3] = b
		switch r {
		case '。', '\n':
			best[0] = b
		case '！', '？', '；', '!', '?', ';', '，', ' ', '\t':
			best[1] = b
		default:
			if r < utf8.RuneSelf && isAlnum(byte(r)) || r >= 0x4E00 && r <= 0x9FFF {
				continue // fast path: letters, digits, CJK ideographs
			}
			if unicode.IsPunct(r) || unicode.IsSpace(r) {
				best[2] = b
			}
		}
	}
	for _, b := range best {
		if b > p {
			return b
		}
	}
	return p + limit // unreachable for valid UTF-8 and limit ≥ utf8.UTFMax
}

// jiebaCut puts in sc.words jieba's words for the piece of norm that
// starts at p and returns where the piece ends, under the read lock
// (Close takes the write lock), or returns ErrClosed. jieba gets at most
// s.maxCut bytes per call: a longer text is cut at chunkEnd, and the
// piece ends at the first chunk end that is a safe break (safeBreak), so
// that cutWords can turn it into tokens on its own. Word offsets are
// norm's. sc.runs must hold norm's ASCII technical tokens. A text
// without non-ASCII bytes (nonASCII false) is one piece and never reaches
// jieba, which would give no word outside those tokens.
func (s *Segmenter) jiebaCut(norm string, p int, search, nonASCII bool, sc *scratch) (int, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.jb == nil {
		return p, ErrClosed
	}
	sc.words = sc.words[:0]
	if !nonASCII {
		return len(norm), nil
	}
	for p < len(norm) {
		e := len(norm)
		if e-p > s.maxCut {
			e = chunkEnd(norm, p, s.maxCut, sc.runs)
		}
		s.noteCut(e - p)
		n0 := len(sc.words)
		var err error
		if s.ch == nil {
			sc.words, err = cutWrapper(s.jb, norm[p:e], search, s.hmm, sc.words)
		} else {
			sc.words, sc.cbuf, err = cutC(s.jb, s.ch, norm[p:e], search, s.hmm, sc.words, sc.cbuf)
		}
		if err != nil {
			return p, err
		}
		if p > 0 {
			for k := n0; k < len(sc.words); k++ {
				sc.words[k].s += p
				sc.words[k].e += p
			}
		}
		p = e
		if safeBreak(sc.runs, p) {
			break
		}
	}
	return p, nil
}

// safeBreak reports whether a piece of text may end at b: b is not inside
// an ASCII technical token nor right after one (where the token could
// form a compound with the word after it). runs are sorted and disjoint.
func safeBreak(runs []span, b int) bool {
	k := sort.Search(len(runs), func(k int) bool { return runs[k].e >= b })
	return k == len(runs) || runs[k].s >= b
}

// noteCut records n as the length of a text handed to jieba: longestCut
// keeps the maximum (tests assert it never exceeds the bound).
func (s *Segmenter) noteCut(n int) {
	for {
		old := s.longestCut.Load()
		if int64(n) <= old || s.longestCut.CompareAndSwap(old, int64(n)) {
			return
		}
	}
}
