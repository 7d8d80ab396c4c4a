package knowledge

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// LexiconTag is the part-of-speech tag written for every lexicon term.
const LexiconTag = "nz"

// WriteLexicon writes the graph's terms as a jieba user dictionary, one
// "term tag" line each (no frequency: jieba then gives the term its highest
// user weight, so it stays one word), sorted, after a '#' header. Terms that
// contain white space or begin with '#' are skipped (the dictionary format
// cannot hold them), as are pure ASCII terms (jieba keeps ASCII runs whole
// anyway). The output is deterministic.
func (g *Graph) WriteLexicon(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# Generated from rank/knowledge/data by rank/knowledge/internal/gen (go generate ./rank/knowledge). DO NOT EDIT.")
	fmt.Fprintln(bw, "# Format: term tag. Domain terms of the techmatch knowledge base, kept whole by the segmenter.")
	for _, t := range g.Terms() {
		if !lexiconOK(t) {
			continue
		}
		fmt.Fprintf(bw, "%s %s\n", t, LexiconTag)
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
