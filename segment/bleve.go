package segment

import (
	"fmt"
	"unicode"
	"unicode/utf8"
	"unsafe"

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

// Tokenize implements analysis.Tokenizer. The input is only read during
// the call (terms are copied), so it is viewed as a string without a copy.
// Allocations: the normalised text when normalisation changes it, then
// three per call whatever the number of tokens (the Token values, the
// stream of pointers to them and one backing array for all terms).
func (t *bleveTokenizer) Tokenize(input []byte) analysis.TokenStream {
	sc := getScratch()
	defer putScratch(sc)
	text := unsafe.String(unsafe.SliceData(input), len(input))
	norm := text
	sc.om.edits = sc.om.edits[:0]
	if from := firstChange(text); from >= 0 {
		norm = normalizeFrom(text, from, &sc.om)
	}
	hits := sc.hits[:0]
	size := 0
	emit := func(st, en, pos int) {
		hits = append(hits, hit{span{st, en}, pos})
		size += en - st
	}
	err := t.seg.runWith(sc, norm, t.mode, emit)
	if err == ErrClosed {
		if d, derr := Default(); derr == nil {
			hits, size = hits[:0], 0
			err = d.runWith(sc, norm, t.mode, emit)
		}
	}
	sc.hits = hits[:0]
	if err != nil || len(hits) == 0 {
		return analysis.TokenStream{}
	}
	toks := make([]analysis.Token, len(hits))
	stream := make(analysis.TokenStream, len(hits))
	buf := make([]byte, 0, size) // one backing array for all terms
	for i, h := range hits {
		b := len(buf)
		buf = append(buf, norm[h.s:h.e]...)
		tok := &toks[i]
		tok.Term = buf[b:len(buf):len(buf)] // capped: appends never overlap
		tok.Start, tok.End, tok.Position = h.s, h.e, h.pos
		if len(sc.om.edits) > 0 {
			tok.Start, tok.End = sc.om.orig(h.s), sc.om.orig(h.e)
		}
		tok.Type = tokenType(norm[h.s:h.e])
		stream[i] = tok
	}
	return stream
}

// hit is a token in normalised coordinates with its position.
type hit struct {
	span
	pos int
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
