package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Names of the bleve document fields.
const (
	FieldTitle             = "title"
	FieldDescription       = "description"
	FieldKeywords          = "keywords"
	FieldTitleBigram       = "title_bigram"
	FieldDescriptionBigram = "description_bigram"
	FieldIndustries        = "industries"
	// FieldSource holds the record as JSON; stored, not indexed.
	FieldSource = "_source"
)

// newMapping builds the bleve mapping: words fields analysed by
// wordsAnalyzer, bigram fields by bigramAnalyzer, industries as keywords,
// _source stored only. addAnalyzers registers the custom analyzers. The
// index-level scoring model is BM25.
func newMapping(wordsAnalyzer, bigramAnalyzer string, addAnalyzers func(*mapping.IndexMappingImpl) error) (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	if addAnalyzers != nil {
		if err := addAnalyzers(im); err != nil {
			return nil, fmt.Errorf("index: add analyzers to mapping: %w", err)
		}
	}
	im.ScoringModel = bleveindex.BM25Scoring
	im.DefaultAnalyzer = wordsAnalyzer
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false

	text := func(analyzer string) *mapping.FieldMapping {
		fm := mapping.NewTextFieldMapping()
		fm.Analyzer = analyzer
		fm.Store = false
		fm.DocValues = false
		fm.IncludeInAll = false
		fm.IncludeTermVectors = false
		return fm
	}
	dm := mapping.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(FieldTitle, text(wordsAnalyzer))
	dm.AddFieldMappingsAt(FieldDescription, text(wordsAnalyzer))
	dm.AddFieldMappingsAt(FieldKeywords, text(wordsAnalyzer))
	dm.AddFieldMappingsAt(FieldTitleBigram, text(bigramAnalyzer))
	dm.AddFieldMappingsAt(FieldDescriptionBigram, text(bigramAnalyzer))
	dm.AddFieldMappingsAt(FieldIndustries, text(keyword.Name))

	src := mapping.NewTextFieldMapping()
	src.Index = false
	src.Store = true
	src.IncludeInAll = false
	src.IncludeTermVectors = false
	src.DocValues = false
	dm.AddFieldMappingsAt(FieldSource, src)

	im.DefaultMapping = dm
	if err := im.Validate(); err != nil {
		return nil, fmt.Errorf("index: bleve mapping: %w", err)
	}
	return im, nil
}
