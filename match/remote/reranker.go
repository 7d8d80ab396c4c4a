package remote

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
)

// Re-rank request formats.
const (
	// FormatCohere is {"model","query","documents"} → {"results": [{"index",
	// "relevance_score"}]}: Cohere, Jina, vLLM, Xinference.
	FormatCohere = "cohere"
	// FormatTEI is {"query","texts"} → [{"index","score"}]:
	// text-embeddings-inference.
	FormatTEI = "tei"
)

// RerankerConfig configures NewReranker. URL is required.
//
// A RerankerConfig is plain data: safe to copy and to read from many goroutines.
type RerankerConfig struct {
	// URL is the re-rank endpoint, e.g. http://127.0.0.1:8081/rerank.
	URL string
	// Model is sent with FormatCohere (e.g. "BAAI/bge-reranker-v2-m3").
	Model string
	// Format is FormatCohere (default) or FormatTEI. Either answer shape
	// is accepted whatever the format.
	Format string
	HTTP   HTTPConfig
}

// Validate reports the first invalid field.
func (c RerankerConfig) Validate() error {
	if c.Format != "" && c.Format != FormatCohere && c.Format != FormatTEI {
		return fmt.Errorf("remote: RerankerConfig.Format = %q, want %s or %s", c.Format, FormatCohere, FormatTEI)
	}
	return c.HTTP.validate()
}

// Reranker is a /rerank client: it implements match.Reranker. Scores must
// lie in [0,1] (text-embeddings-inference's default, Cohere's
// relevance_score); anything else is ErrMalformed.
//
// A Reranker is safe for concurrent use.
type Reranker struct {
	cfg RerankerConfig
	t   *transport
}

// NewReranker returns a client.
func NewReranker(cfg RerankerConfig) (*Reranker, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Format == "" {
		cfg.Format = FormatCohere
	}
	t, err := newTransport(cfg.URL, cfg.HTTP)
	if err != nil {
		return nil, err
	}
	return &Reranker{cfg: cfg, t: t}, nil
}

type rerankItem struct {
	Index          *int     `json:"index"`
	Score          *float64 `json:"score"`
	RelevanceScore *float64 `json:"relevance_score"`
}

// Rerank returns one score per document, in document order.
func (r *Reranker) Rerank(ctx context.Context, query string, docs []string) ([]float64, error) {
	if len(docs) == 0 {
		return nil, nil
	}
	var req any
	if r.cfg.Format == FormatTEI {
		req = struct {
			Query string   `json:"query"`
			Texts []string `json:"texts"`
		}{query, docs}
	} else {
		req = struct {
			Model     string   `json:"model,omitempty"`
			Query     string   `json:"query"`
			Documents []string `json:"documents"`
			TopN      int      `json:"top_n"`
		}{r.cfg.Model, query, docs, len(docs)}
	}
	body, err := r.t.post(ctx, req)
	if err != nil {
		return nil, err
	}
	return parseRerank(r.cfg.URL, body, len(docs))
}

// parseRerank reads either answer shape (a TEI array or a Cohere-style
// {"results": …}) and returns n scores in document order.
func parseRerank(url string, body []byte, n int) ([]float64, error) {
	var items []rerankItem
	var err error
	if b := bytes.TrimSpace(body); len(b) > 0 && b[0] == '[' {
		err = json.Unmarshal(b, &items)
	} else {
		var obj struct {
			Results []rerankItem `json:"results"`
		}
		err = json.Unmarshal(b, &obj)
		items = obj.Results
	}
	if err != nil {
		return nil, malformed(url, "%v", err)
	}
	return scores(url, items, n)
}

// scores puts the items' scores in document order, checking that every
// document has exactly one score in [0,1].
func scores(url string, items []rerankItem, n int) ([]float64, error) {
	if len(items) != n {
		return nil, malformed(url, "%d scores for %d documents", len(items), n)
	}
	out := make([]float64, n)
	seen := make([]bool, n)
	for _, it := range items {
		s := it.RelevanceScore
		if s == nil {
			s = it.Score
		}
		switch {
		case it.Index == nil || s == nil:
			return nil, malformed(url, "an item without index or score")
		case *it.Index < 0 || *it.Index >= n || seen[*it.Index]:
			return nil, malformed(url, "index %d out of range or repeated", *it.Index)
		case math.IsNaN(*s) || *s < 0 || *s > 1:
			return nil, malformed(url, "score %v of document %d, want a value in [0,1]", *s, *it.Index)
		}
		seen[*it.Index] = true
		out[*it.Index] = *s
	}
	return out, nil
}
