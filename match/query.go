package match

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/segment"
)

// QueryConfig shapes the query built from a record's text. Zero fields
// take the documented defaults.
type QueryConfig struct {
	// TitleBoost multiplies the weight of terms in the title; default 2.
	TitleBoost float64 `json:"title_boost" yaml:"title_boost"`
	// KeywordBoost multiplies the weight of terms in the keywords; default 2.
	KeywordBoost float64 `json:"keyword_boost" yaml:"keyword_boost"`
	// BigramWeight is the weight of the character-bigram backoff terms
	// relative to words; default 0.25. NoBigrams turns them off.
	BigramWeight float64 `json:"bigram_weight" yaml:"bigram_weight"`
	NoBigrams    bool    `json:"no_bigrams" yaml:"no_bigrams"`
	// MaxTerms caps the number of query terms (the most informative are
	// kept, by weight × idf); default 64.
	MaxTerms int `json:"max_terms" yaml:"max_terms"`
}

// Validate reports the first invalid field.
func (c QueryConfig) Validate() error {
	for _, f := range []struct {
		name string
		v    float64
	}{{"title_boost", c.TitleBoost}, {"keyword_boost", c.KeywordBoost}, {"bigram_weight", c.BigramWeight}} {
		if f.v < 0 || math.IsNaN(f.v) || math.IsInf(f.v, 0) {
			return fmt.Errorf("match: query config: %s = %v, want a finite value ≥ 0", f.name, f.v)
		}
	}
	if c.MaxTerms < 0 {
		return fmt.Errorf("match: query config: max_terms = %d, want ≥ 0", c.MaxTerms)
	}
	return nil
}

func (c QueryConfig) withDefaults() QueryConfig {
	if c.TitleBoost == 0 {
		c.TitleBoost = 2
	}
	if c.KeywordBoost == 0 {
		c.KeywordBoost = 2
	}
	if c.BigramWeight == 0 {
		c.BigramWeight = 0.25
	}
	if c.MaxTerms == 0 {
		c.MaxTerms = 64
	}
	return c
}

// queryBuilder turns records into weighted query terms. It is immutable
// and safe for concurrent use; per-call buffers live in matchScratch.
type queryBuilder struct {
	seg *segment.Segmenter
	cfg QueryConfig
}

func newQueryBuilder(seg *segment.Segmenter, cfg QueryConfig) (*queryBuilder, error) {
	if seg == nil {
		return nil, errors.New("match: index has no segmenter")
	}
	return &queryBuilder{seg: seg, cfg: cfg}, nil
}

// matchScratch holds buffers reused across the calls of one worker.
type matchScratch struct {
	best  []candidate
	terms []string
	w     map[termKey]float64
}

type termKey struct {
	term  string
	field index.Field
}

// query is a built query: the index terms and, per term, where it came from.
type query struct {
	terms []index.QueryTerm
	// expansion[i] is the expansion that produced term i, or nil for a
	// term of the record's own text.
	expansion []*techmatch.Expansion
}

// build analyses a record. O(text length) plus O(t log t) for t distinct terms.
func (b *queryBuilder) build(rec techmatch.Record, s *matchScratch) (query, error) {
	if s.w == nil {
		s.w = make(map[termKey]float64)
	}
	clear(s.w)
	title, desc, kws := rec.Text()
	add := func(text string, mode segment.Mode, field index.Field, boost float64) error {
		var err error
		s.terms, err = b.seg.AppendTerms(s.terms[:0], text, mode)
		if err != nil {
			return fmt.Errorf("match: analysing %s: %w", rec.RecordID(), err)
		}
		for _, t := range s.terms {
			if field == index.FieldWords && b.seg.IsBoilerplate(t) {
				continue
			}
			s.w[termKey{t, field}] += boost
		}
		return nil
	}
	type part struct {
		text  string
		boost float64
	}
	parts := []part{{title, b.cfg.TitleBoost}, {desc, 1}}
	for _, k := range kws {
		parts = append(parts, part{k, b.cfg.KeywordBoost})
	}
	for _, p := range parts {
		if p.text == "" {
			continue
		}
		if err := add(p.text, segment.ModeSearch, index.FieldWords, p.boost); err != nil {
			return query{}, err
		}
		if !b.cfg.NoBigrams {
			if err := add(p.text, segment.ModeBigram, index.FieldBigrams, p.boost*b.cfg.BigramWeight); err != nil {
				return query{}, err
			}
		}
	}
	var q query
	for k, raw := range s.w {
		// Sublinear query term frequency: repeating a word helps, but less
		// and less.
		w := 1 + math.Log(raw)
		if raw < 1 {
			w = raw
		}
		q.terms = append(q.terms, index.QueryTerm{Term: k.term, Field: k.field, Weight: w})
	}
	sort.Slice(q.terms, func(i, j int) bool {
		a, c := q.terms[i], q.terms[j]
		if a.Field != c.Field {
			return a.Field < c.Field // words first: they carry the explanation bits
		}
		if a.Weight != c.Weight {
			return a.Weight > c.Weight
		}
		return a.Term < c.Term
	})
	if len(q.terms) > b.cfg.MaxTerms {
		q.terms = q.terms[:b.cfg.MaxTerms]
	}
	q.expansion = make([]*techmatch.Expansion, len(q.terms))
	return q, nil
}

// matchedTerms lists the record's own word terms whose bit is set.
func (q query) matchedTerms(mask uint64) []string {
	var out []string
	for i, t := range q.terms {
		if i >= 64 {
			break
		}
		if mask&(1<<uint(i)) != 0 && t.Field == index.FieldWords && q.expansion[i] == nil {
			out = append(out, t.Term)
		}
	}
	sort.Strings(out)
	return out
}

// matchedExpansions lists the expansions whose term matched.
func (q query) matchedExpansions(mask uint64) []techmatch.Expansion {
	var out []techmatch.Expansion
	for i := range q.terms {
		if i >= 64 {
			break
		}
		if mask&(1<<uint(i)) != 0 && q.expansion[i] != nil {
			out = append(out, *q.expansion[i])
		}
	}
	return out
}
