package match

import (
	"slices"
	"strings"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/rank/constraint"
	"github.com/techmatch/techmatch/segment"
)

// evidence is a query record's own text, kept for the coverage features
// the scorer weighs beside BM25 (rank.Candidate.Title and Bigram): the
// distinct words of its title and every CJK character bigram of its text
// (not only the MaxBigrams the query retrieves with), each weighted by its
// idf in the index. Terms no document has are left out: they lower every
// document's coverage alike.
//
// The bigram coverage is the baseline's evidence — plain BM25 over
// bigrams matches every bigram of a need — in a form that does not depend
// on the other candidates, so the engine's exact top-k still holds (its
// bound counts the feature's weight, see core.match).
type evidence struct {
	title, bigrams []weightedTerm
	titleSum       float64
	bigramSum      float64
}

type weightedTerm struct {
	term string
	w    float64
}

// evidence weighs the record's title words and bigrams by idf.
func (b *queryBuilder) evidence(titles []string, bigrams []index.QueryTerm) evidence {
	var e evidence
	for _, t := range titles {
		if slices.ContainsFunc(e.title, func(x weightedTerm) bool { return x.term == t }) || b.idf.DocFreq(index.FieldWords, t) == 0 {
			continue
		}
		w := b.idf.IDF(index.FieldWords, t)
		e.title = append(e.title, weightedTerm{t, w})
		e.titleSum += w
	}
	for _, t := range bigrams {
		if b.idf.DocFreq(index.FieldBigrams, t.Term) == 0 {
			continue
		}
		w := b.idf.IDF(index.FieldBigrams, t.Term)
		e.bigrams = append(e.bigrams, weightedTerm{t.Term, w})
		e.bigramSum += w
	}
	return e
}

// coverage returns the idf-weighted share of the query's title words found
// in doc's title and of its bigrams found anywhere in doc's text, each in
// [0,1]. Cost: O(terms × text length) substring tests on normalised text,
// a few µs for a catalog record.
func (e *evidence) coverage(doc techmatch.Record) (title, bigram float64) {
	if e.titleSum == 0 && e.bigramSum == 0 {
		return 0, 0
	}
	t, d, kws := doc.Text()
	nt := segment.Normalize(t)
	if e.titleSum > 0 {
		got := 0.0
		for _, x := range e.title {
			if strings.Contains(nt, x.term) {
				got += x.w
			}
		}
		title = got / e.titleSum
	}
	if e.bigramSum > 0 {
		all := nt + "\n" + segment.Normalize(d) + "\n" + segment.Normalize(strings.Join(kws, " "))
		got := 0.0
		for _, x := range e.bigrams {
			if strings.Contains(all, x.term) {
				got += x.w
			}
		}
		bigram = got / e.bigramSum
	}
	return min(title, 1), min(bigram, 1)
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
