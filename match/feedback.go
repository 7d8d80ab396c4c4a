package match

import (
	"context"
	"math"
	"sort"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/segment"
)

// Pseudo-relevance feedback (RM3-style): the most salient words of the top
// FeedbackDocs documents of a first retrieval are added to the query with
// a weight that decays with their salience, and the query runs again. It
// bridges paraphrase (the best documents name the technique in the words
// the other relevant documents use) at the cost of a second search and the
// analysis of FeedbackDocs documents.

// feedbackKind is the Expansion.Kind of a feedback term.
const feedbackKind = "feedback"

// feedback extends q with the salient words of the top documents of a
// first search. It returns q unchanged when feedback is off or nothing is
// found. Terms already in q are not added.
func (c *core[Q, D]) feedback(ctx context.Context, q query, opt Options, s *matchScratch) (query, error) {
	cfg := c.qb.cfg
	if cfg.FeedbackDocs <= 0 || cfg.FeedbackTerms <= 0 {
		return q, nil
	}
	hits, err := c.idx.Search(ctx, index.Query{Terms: q.terms, Industries: opt.Industries, Top: cfg.FeedbackDocs})
	if err != nil || len(hits) == 0 {
		return q, err
	}
	have := make(map[string]bool, len(q.terms))
	for _, t := range q.terms {
		if t.Field == index.FieldWords {
			have[t.Term] = true
		}
	}
	// Each feedback document votes for its words with tf/len × idf, scaled
	// by the document's share of the top score (RM3's P(w|d)·P(d|q)).
	votes := map[string]float64{}
	from := map[string]string{}
	top := hits[0].Score
	for _, h := range hits {
		d, ok := c.idx.Record(h.Doc)
		if !ok {
			continue
		}
		s.terms, err = c.qb.seg.AppendTerms(s.terms[:0], recordText(d), segment.ModePrecise)
		if err != nil {
			return q, err
		}
		if len(s.terms) == 0 {
			continue
		}
		tf := map[string]float64{}
		for _, t := range s.terms {
			if len([]rune(t)) < 2 || c.qb.seg.IsBoilerplate(t) {
				continue
			}
			tf[t]++
		}
		docW := h.Score / top
		for t, f := range tf {
			if have[t] {
				continue
			}
			v := docW * f / float64(len(s.terms)) * c.qb.idf.IDF(index.FieldWords, t)
			if v > votes[t] {
				from[t] = d.RecordID()
			}
			votes[t] += v
		}
	}
	type tv struct {
		t string
		v float64
	}
	var ranked []tv
	for t, v := range votes {
		if v > 0 && !math.IsNaN(v) {
			ranked = append(ranked, tv{t, v})
		}
	}
	sort.Slice(ranked, func(i, j int) bool {
		if ranked[i].v != ranked[j].v {
			return ranked[i].v > ranked[j].v
		}
		return ranked[i].t < ranked[j].t
	})
	if len(ranked) > cfg.FeedbackTerms {
		ranked = ranked[:cfg.FeedbackTerms]
	}
	if len(ranked) == 0 {
		return q, nil
	}
	// Insert after the own words and expansions, before the bigrams, so
	// the explanation bits cover them when there is room.
	nb := 0
	for i := len(q.terms) - 1; i >= 0 && q.terms[i].Field == index.FieldBigrams; i-- {
		nb++
	}
	cut := len(q.terms) - nb
	out := query{
		terms:     make([]index.QueryTerm, 0, len(q.terms)+len(ranked)),
		expansion: make([]*techmatch.Expansion, 0, len(q.terms)+len(ranked)),
	}
	out.terms = append(out.terms, q.terms[:cut]...)
	out.expansion = append(out.expansion, q.expansion[:cut]...)
	max := ranked[0].v
	for _, r := range ranked {
		w := cfg.FeedbackWeight * r.v / max
		out.terms = append(out.terms, index.QueryTerm{Term: r.t, Field: index.FieldWords, Weight: w})
		out.expansion = append(out.expansion, &techmatch.Expansion{From: from[r.t], To: r.t, Kind: feedbackKind, Weight: w})
	}
	out.terms = append(out.terms, q.terms[cut:]...)
	out.expansion = append(out.expansion, q.expansion[cut:]...)
	return out, nil
}
