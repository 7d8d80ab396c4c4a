package knowledge

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// LexiconTag is the part-of-speech tag written for every lexicon term.
const LexiconTag = "nz"

// Lexicon frequencies. Short terms (up to LexiconShortRunes runes) get
// LexiconFreqShort, the segmenter's default for curated terms, so they stay
// whole. Longer terms are mostly phrases (汽车轻量化, 冬天掉电快) and get the
// much lower LexiconFreqPhrase: still whole when nothing better spans them,
// but they no longer split a curated term they overlap (新能源汽车轻量化 cuts
// 新能源汽车|轻量化, not 新能源|汽车轻量化).
const (
	LexiconShortRunes = 4
	LexiconFreqShort  = 1000
	LexiconFreqPhrase = 2
)

// WriteLexicon writes the graph's terms as a jieba user dictionary, one
// "term freq tag" line each (freq: see LexiconFreqShort), sorted, after a
// '#' header. Terms that
// contain white space or begin with '#' are skipped (the dictionary format
// cannot hold them), as are pure ASCII terms (jieba keeps ASCII runs whole
// anyway). The output is deterministic.
func (g *Graph) WriteLexicon(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# Generated from rank/knowledge/data by rank/knowledge/internal/gen (go generate ./rank/knowledge). DO NOT EDIT.")
	fmt.Fprintln(bw, "# Format: term freq tag. Domain terms of the techmatch knowledge base, kept whole by the segmenter.")
	for _, t := range g.Terms() {
		if !lexiconOK(t) {
			continue
		}
		freq := LexiconFreqShort
		if utf8.RuneCountInString(t) > LexiconShortRunes {
			freq = LexiconFreqPhrase
		}
		fmt.Fprintf(bw, "%s %d %s\n", t, freq, LexiconTag)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("knowledge: write lexicon: %w", err)
	}
	return nil
}

// lexiconOK reports whether t can and should go into the jieba dictionary.
func lexiconOK(t string) bool {
	if strings.HasPrefix(t, "#") {
		return false
	}
	ascii := true
	for _, r := range t {
		if unicode.IsSpace(r) {
			return false
		}
		if r >= unicode.MaxASCII {
			ascii = false
		}
	}
	return !ascii
}
