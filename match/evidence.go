package match

import (
	"slices"
	"strings"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/rank/constraint"
	"github.com/techmatch/techmatch/segment"
)

// evidence is a query record's own text kept for the bigram feature the
// scorer weighs beside BM25 (rank.Candidate.Bigram): every CJK character
// bigram of its text (not only the MaxBigrams the query retrieves with),
// each weighted by its idf in the index. Bigrams no document has are left
// out: they lower every document's coverage alike.
//
// This is the plain BM25 baseline's evidence — it matches every bigram of
// a need — in a form that does not depend on the other candidates, so the
// engine's top-k stays exact (its bound counts the feature's weight, see
// core.match). On text written by others the capped word query misses
// matches the baseline makes; the feature recovers them (docs/ranking.md).
type evidence struct {
	bigrams []weightedTerm
	sum     float64
}

type weightedTerm struct {
	term string
	w    float64
}

// evidence weighs the record's bigrams by idf. The bigrams are kept in
// term order, whatever order they come in (the query builder collects them
// from a map), so the floating-point sums of coverage are the same on
// every run.
func (b *queryBuilder) evidence(bigrams []index.QueryTerm) evidence {
	var e evidence
	for _, t := range bigrams {
		if b.idf.DocFreq(index.FieldBigrams, t.Term) == 0 {
			continue
		}
		e.bigrams = append(e.bigrams, weightedTerm{t.Term, b.idf.IDF(index.FieldBigrams, t.Term)})
	}
	slices.SortFunc(e.bigrams, func(x, y weightedTerm) int { return strings.Compare(x.term, y.term) })
	for _, t := range e.bigrams {
		e.sum += t.w
	}
	return e
}

// coverage returns the idf-weighted share of the query's bigrams found in
// doc's text, in [0,1]. Cost: O(bigrams × text length) substring tests on
// normalised text, a few µs for a catalog record.
func (e *evidence) coverage(doc techmatch.Record) float64 {
	if e.sum == 0 {
		return 0
	}
	t, d, kws := doc.Text()
	all := segment.Normalize(t) + "\n" + segment.Normalize(d) + "\n" + segment.Normalize(strings.Join(kws, " "))
	got := 0.0
	for _, x := range e.bigrams {
		if strings.Contains(all, x.term) {
			got += x.w
		}
	}
	return min(got/e.sum, 1)
}

// excludedSpans returns the byte spans of text that state what the need
// excludes (不考虑三元锂电池, 不能更换模具; rank/constraint): their words are
// not what it searches for, so they stay out of the query. Properties to
// preserve (不改变药效) are kept. Nil with QueryConfig.KeepExcluded.
func (b *queryBuilder) excludedSpans(text string) []constraint.Span {
	if b.cfg.KeepExcluded {
		return nil
	}
	var out []constraint.Span
	for _, ex := range constraint.Exclusions(text, b.kb) {
		if ex.Kind != constraint.Preserve {
			out = append(out, ex.Span)
		}
	}
	return out
}

// inSpans reports whether byte offset i falls in one of spans.
func inSpans(spans []constraint.Span, i int) bool {
	for _, sp := range spans {
		if i >= sp.Start && i < sp.End {
			return true
		}
	}
	return false
}
