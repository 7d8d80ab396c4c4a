package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/techmatch/techmatch"
)

// termsFunc appends the terms of text in field space f to dst. The index
// uses the segmenter; the core's tests use a fake.
type termsFunc func(dst []string, text string, f Field) ([]string, error)

// analysed is one document's weighted bag of terms in one field space.
// Terms are distinct, in no particular order.
type analysed struct {
	terms  []string
	tfs    []float32 // weighted term frequency, parallel to terms
	length float32   // Σ boost × tokens (the BM25F document length)
}

// analyser computes weighted bags of terms. It keeps scratch between
// calls and is not safe for concurrent use: one per goroutine.
type analyser struct {
	fn                  termsFunc
	titleBoost, kwBoost float64
	bag                 map[string]float64
	buf                 []string
}

func newAnalyser(fn termsFunc, titleBoost, kwBoost float64) *analyser {
	return &analyser{fn: fn, titleBoost: titleBoost, kwBoost: kwBoost, bag: make(map[string]float64)}
}

// recordAnalysis is a record analysed once for the core and for bleve.
type recordAnalysis struct {
	fields [numFields]analysed
	// tokens[f][i] are the tokens of text i (0 title, 1 description, 2+
	// keywords) in field space f; nil unless asked for.
	tokens [numFields][][]string
}

// record analyses a record's texts in both field spaces; with keep, the
// token lists are kept for bleve.
func (a *analyser) record(title, desc string, kws []string, keep bool) (recordAnalysis, error) {
	var out recordAnalysis
	for f := range Field(numFields) {
		var toks [][]string
		if keep {
			toks = make([][]string, 2+len(kws))
		}
		var err error
		out.fields[f], err = a.bagOf(f, title, desc, kws, toks)
		if err != nil {
			return out, err
		}
		out.tokens[f] = toks
	}
	return out, nil
}

// bagOf computes the BM25F-style weighted bag of terms of a record's text
// in field space f: title × titleBoost, description × 1, keywords ×
// kwBoost. When toks is not nil, toks[i] receives the tokens of text i.
func (a *analyser) bagOf(f Field, title, desc string, kws []string, toks [][]string) (analysed, error) {
	clear(a.bag)
	var length float64
	add := func(i int, text string, boost float64) error {
		if text == "" {
			return nil
		}
		var err error
		dst := a.buf[:0]
		if toks != nil {
			dst = nil
		}
		dst, err = a.fn(dst, text, f)
		if err != nil {
			what := "title"
			switch {
			case i == 1:
				what = "description"
			case i >= 2:
				what = fmt.Sprintf("keywords[%d]", i-2)
			}
			return fmt.Errorf("analyse %s (%s): %w", what, f, err)
		}
		if toks != nil {
			toks[i] = dst
		} else {
			a.buf = dst
		}
		for _, t := range dst {
			if t == "" {
				continue
			}
			a.bag[t] += boost
			length += boost
		}
		return nil
	}
	if err := add(0, title, a.titleBoost); err != nil {
		return analysed{}, err
	}
	if err := add(1, desc, 1); err != nil {
		return analysed{}, err
	}
	for i, kw := range kws {
		if err := add(2+i, kw, a.kwBoost); err != nil {
			return analysed{}, err
		}
	}
	out := analysed{terms: make([]string, 0, len(a.bag)), tfs: make([]float32, 0, len(a.bag)), length: float32(length)}
	for t, w := range a.bag {
		out.terms = append(out.terms, t)
		out.tfs = append(out.tfs, float32(w))
	}
	return out, nil
}

// analyse computes the weighted bag of terms of one field space (a
// one-shot analyser; tests and Analyze use it). scratch is returned for
// reuse.
func analyse(fn termsFunc, f Field, title, desc string, keywords []string, titleBoost, kwBoost float64, scratch []string) (analysed, []string, error) {
	a := newAnalyser(fn, titleBoost, kwBoost)
	a.buf = scratch
	out, err := a.bagOf(f, title, desc, keywords, nil)
	return out, a.buf, err
}

// preAnalyzed is a bleve analyzer that returns tokens computed before: the
// index analyses each record once and hands bleve the result.
type preAnalyzed analysis.TokenStream

// Analyze implements analysis.Analyzer; the input is ignored.
func (p preAnalyzed) Analyze([]byte) analysis.TokenStream { return analysis.TokenStream(p) }

// tokenStream builds a bleve token stream for terms with one allocation
// for the tokens and one for the term bytes.
func tokenStream(terms []string) preAnalyzed {
	n := 0
	for _, t := range terms {
		n += len(t)
	}
	buf := make([]byte, 0, n)
	toks := make([]analysis.Token, len(terms))
	out := make(preAnalyzed, len(terms))
	for i, t := range terms {
		b := len(buf)
		buf = append(buf, t...)
		toks[i] = analysis.Token{Term: buf[b:len(buf):len(buf)], Position: i + 1, Type: analysis.AlphaNumeric}
		out[i] = &toks[i]
	}
	return out
}

// bleveFieldNames are the indexed bleve fields, excluded from _all as the
// mapping does.
var bleveFieldNames = []string{FieldTitle, FieldDescription, FieldKeywords, FieldTitleBigram, FieldDescriptionBigram, FieldIndustries, FieldSource}

// bleveDocument builds the bleve document of rec from its analysis (tokens
// kept), equivalent to what the mapping (newMapping) makes of the record
// but without analysing the text again.
func bleveDocument(rec techmatch.Record, ra *recordAnalysis, source []byte) *document.Document {
	title, desc, kws := rec.Text()
	doc := document.NewDocument(rec.RecordID())
	opts := bleveindex.IndexField
	text := func(name string, pos []uint64, value string, toks []string) {
		doc.AddField(document.NewTextFieldCustom(name, pos, []byte(value), opts, tokenStream(toks)))
	}
	words, bigrams := ra.tokens[FieldWords], ra.tokens[FieldBigrams]
	if title != "" {
		text(FieldTitle, []uint64{}, title, words[0])
		text(FieldTitleBigram, []uint64{}, title, bigrams[0])
	}
	if desc != "" {
		text(FieldDescription, []uint64{}, desc, words[1])
		text(FieldDescriptionBigram, []uint64{}, desc, bigrams[1])
	}
	for i, kw := range kws {
		text(FieldKeywords, []uint64{uint64(i)}, kw, words[2+i])
	}
	for i, ind := range rec.RecordIndustries() {
		text(FieldIndustries, []uint64{uint64(i)}, string(ind), []string{string(ind)})
	}
	doc.AddField(document.NewTextFieldWithIndexingOptions(FieldSource, []uint64{}, source, bleveindex.StoreField))
	doc.AddField(document.NewCompositeFieldWithIndexingOptions("_all", true, []string{}, bleveFieldNames, bleveindex.IndexField|bleveindex.IncludeTermVectors))
	doc.SetIndexed()
	return doc
}
