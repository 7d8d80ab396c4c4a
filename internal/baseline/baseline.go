package baseline

import (
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/cjk" // registers "cjk"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/techmatch/techmatch"
)

// Config selects the analyzer. The zero value is the stock cjk baseline.
type Config struct {
	// Analyzer names a registered bleve analyzer; default "cjk".
	Analyzer string
	// Mapping, when set, is called on the new index mapping before the
	// index is created (to add custom analyzers, such as techmatch's).
	Mapping func(*mapping.IndexMappingImpl) error
	// BatchSize is the number of documents per bleve batch; default 1000.
	BatchSize int
}

// Matcher is a bleve index over records. Search is safe for concurrent
// use; Add is not safe concurrently with itself.
type Matcher struct {
	idx bleve.Index
	cfg Config
}

type doc struct {
	Text       string   `json:"text"`
	Industries []string `json:"industries"`
}

// New creates an empty in-memory scorch index with BM25 scoring.
func New(cfg Config) (*Matcher, error) {
	if cfg.Analyzer == "" {
		cfg.Analyzer = "cjk"
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 1000
	}
	im := bleve.NewIndexMapping()
	im.ScoringModel = index.BM25Scoring
	if cfg.Mapping != nil {
		if err := cfg.Mapping(im); err != nil {
			return nil, fmt.Errorf("baseline: mapping: %w", err)
		}
	}
	dm := bleve.NewDocumentStaticMapping()
	text := bleve.NewTextFieldMapping()
	text.Analyzer = cfg.Analyzer
	text.Store = false
	text.IncludeTermVectors = false
	dm.AddFieldMappingsAt("text", text)
	ind := bleve.NewKeywordFieldMapping()
	ind.Analyzer = keyword.Name
	ind.Store = false
	dm.AddFieldMappingsAt("industries", ind)
	im.DefaultMapping = dm
	idx, err := bleve.NewUsing("", im, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	return &Matcher{idx: idx, cfg: cfg}, nil
}

// Add indexes records in batches.
func (m *Matcher) Add(ctx context.Context, recs ...techmatch.Record) error {
	b := m.idx.NewBatch()
	for i, r := range recs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := b.Index(r.RecordID(), toDoc(r)); err != nil {
			return fmt.Errorf("baseline: record %s: %w", r.RecordID(), err)
		}
		if b.Size() >= m.cfg.BatchSize || i == len(recs)-1 {
			if err := m.idx.Batch(b); err != nil {
				return fmt.Errorf("baseline: batch: %w", err)
			}
			b.Reset()
		}
	}
	return nil
}

func toDoc(r techmatch.Record) doc {
	d := doc{Text: QueryText(r)}
	for _, ind := range r.RecordIndustries() {
		d.Industries = append(d.Industries, string(ind))
	}
	return d
}

// QueryText is the text of a record as the baseline sees it: title,
// description and keywords joined by spaces.
func QueryText(r techmatch.Record) string {
	title, desc, kw := r.Text()
	parts := append([]string{title, desc}, kw...)
	return strings.Join(parts, " ")
}

// Search runs one match query for text, restricted to any of industries
// when given, and returns the ids of the top hits, best first (ties in
// bleve's order).
func (m *Matcher) Search(ctx context.Context, text string, industries []techmatch.Industry, top int) ([]string, []float64, error) {
	mq := bleve.NewMatchQuery(text)
	mq.SetField("text")
	var q query.Query = mq
	if len(industries) > 0 {
		ors := make([]query.Query, len(industries))
		for i, ind := range industries {
			tq := bleve.NewTermQuery(string(ind))
			tq.SetField("industries")
			ors[i] = tq
		}
		q = bleve.NewConjunctionQuery(mq, bleve.NewDisjunctionQuery(ors...))
	}
	req := bleve.NewSearchRequestOptions(q, top, 0, false)
	res, err := m.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, nil, fmt.Errorf("baseline: search: %w", err)
	}
	ids := make([]string, len(res.Hits))
	scores := make([]float64, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
		scores[i] = h.Score
	}
	return ids, scores, nil
}

// Close releases the index.
func (m *Matcher) Close() error { return m.idx.Close() }
