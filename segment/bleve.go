package segment

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// Names of the bleve components this package provides.
const (
	// TokenizerType is the bleve tokenizer type registered by this package.
	// Its configuration keys: "segmenter" (a registered segmenter name;
	// when no open segmenter has that name, Default() is used, which is
	// what happens when an index is reopened in a new process) and "mode"
	// ("search", "precise" or "bigram").
	TokenizerType = "techmatch_segment"
	// AnalyzerWords is the word analyzer: ModeSearch, stop words removed.
	AnalyzerWords = "techmatch_jieba"
	// AnalyzerBigrams is the CJK bigram analyzer (ModeBigram).
	AnalyzerBigrams = "techmatch_bigram"

	tokenizerWords   = "techmatch_jieba_tokenizer"
	tokenizerBigrams = "techmatch_bigram_tokenizer"
)

func init() {
	if err := registry.RegisterTokenizer(TokenizerType, newBleveTokenizer); err != nil {
		// Only a second registration of the same name can fail, which
		// would be a programming error in this package's init.
		panic(fmt.Sprintf("segment: %v", err))
	}
}

// bleveTokenizer adapts a Segmenter to bleve's analysis.Tokenizer.
//
// It is safe for concurrent use (bleve analyses documents in parallel).
// When its segmenter has been closed it falls back to Default(); if that
// fails too it returns no tokens (bleve's interface has no error).
type bleveTokenizer struct {
	seg  *Segmenter
	mode Mode
}

func newBleveTokenizer(config map[string]interface{}, _ *registry.Cache) (analysis.Tokenizer, error) {
	name, _ := config["segmenter"].(string)
	modeName, _ := config["mode"].(string)
	mode, err := ParseMode(modeName)
	if err != nil {
		return nil, fmt.Errorf("segment: bleve tokenizer config: %w", err)
	}
	seg := lookup(name)
	if seg == nil {
		if seg, err = Default(); err != nil {
			return nil, fmt.Errorf("segment: bleve tokenizer: segmenter %q is not open and Default failed: %w", name, err)
		}
	}
	return &bleveTokenizer{seg: seg, mode: mode}, nil
}

// Tokenize implements analysis.Tokenizer.
func (t *bleveTokenizer) Tokenize(input []byte) analysis.TokenStream {
	norm, omap := prepare(string(input))
	var spans []span // normalised coordinates of each token's term
	stream := make(analysis.TokenStream, 0, len(norm)/4+1)
	size := 0
	emit := func(st, en, pos int) {
		tok := &analysis.Token{Start: st, End: en, Position: pos, Type: tokenType(norm[st:en])}
		if omap != nil {
			tok.Start, tok.End = omap.orig(st), omap.orig(en)
		}
		stream = append(stream, tok)
		spans = append(spans, span{st, en})
		size += en - st
	}
	err := t.seg.run(norm, t.mode, emit)
	if err == ErrClosed {
		if d, derr := Default(); derr == nil {
			stream, spans, size = stream[:0], spans[:0], 0
			err = d.run(norm, t.mode, emit)
		}
	}
	if err != nil {
		return analysis.TokenStream{}
	}
	// One backing array for all terms; each Term is a capped sub-slice.
	buf := make([]byte, 0, size)
	for i, tok := range stream {
		b := len(buf)
		buf = append(buf, norm[spans[i].s:spans[i].e]...)
		tok.Term = buf[b:len(buf):len(buf)]
	}
	return stream
}

func tokenType(t string) analysis.TokenType {
	r, _ := utf8.DecodeRuneInString(t)
	switch {
	case unicode.Is(unicode.Han, r):
		return analysis.Ideographic
	case r >= '0' && r <= '9':
		return analysis.Numeric
	}
	return analysis.AlphaNumeric
}

// AddAnalyzers adds the analyzers AnalyzerWords and AnalyzerBigrams, bound
// to this segmenter by name, to m. The mapping records the segmenter's
// name; an index reopened where no segmenter has that name uses Default().
// It fails when m already defines these names.
func (s *Segmenter) AddAnalyzers(m *mapping.IndexMappingImpl) error {
	if m == nil {
		return fmt.Errorf("segment: AddAnalyzers: nil mapping")
	}
	if err := s.check(); err != nil {
		return err
	}
	for _, a := range []struct {
		tok, analyzer string
		mode          Mode
	}{
		{tokenizerWords, AnalyzerWords, ModeSearch},
		{tokenizerBigrams, AnalyzerBigrams, ModeBigram},
	} {
		if err := m.AddCustomTokenizer(a.tok, map[string]interface{}{
			"type":      TokenizerType,
			"segmenter": s.name,
			"mode":      a.mode.String(),
		}); err != nil {
			return fmt.Errorf("segment: add tokenizer %s: %w", a.tok, err)
		}
		if err := m.AddCustomAnalyzer(a.analyzer, map[string]interface{}{
			"type":      custom.Name,
			"tokenizer": a.tok,
		}); err != nil {
			return fmt.Errorf("segment: add analyzer %s: %w", a.analyzer, err)
		}
	}
	return nil
}

// check returns ErrClosed after Close.
func (s *Segmenter) check() error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.jb == nil {
		return ErrClosed
	}
	return nil
}
