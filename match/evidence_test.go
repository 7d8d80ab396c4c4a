package match

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/segment"
)

// bruteCoverage is the definition of coverage: the idf-weighted share of
// the query's bigrams that occur, as substrings, in the normalised title,
// description or keywords.
func bruteCoverage(e *evidence, doc techmatch.Record) float64 {
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

// TestCoverageOracle: the one-pass coverage equals the substring
// definition on every pair of a sample of the testdata, and a document
// scanned twice in a row gets the same value (the stamps reset).
func TestCoverageOracle(t *testing.T) {
	idx := newIndex(t, catalog.achs)
	eng, err := New(context.Background(), idx, Config{})
	require.NoError(t, err)
	for _, n := range catalog.needs[:40] {
		require.NoError(t, eng.prepare(&n))
		q, err := eng.qb.build(n, &matchScratch{})
		require.NoError(t, err)
		require.NotEmpty(t, q.ev.bigrams, "need %s has bigram evidence", n.ID)
		for _, a := range catalog.achs {
			want := bruteCoverage(&q.ev, a)
			got := q.ev.coverage(a)
			assert.InDelta(t, want, got, 1e-12, "need %s achievement %s: got %v, want %v", n.ID, a.ID, got, want)
			again := q.ev.coverage(a)
			assert.Equal(t, got, again, "need %s achievement %s: second scan", n.ID, a.ID)
		}
	}
}

// TestCoverageLongTerms: terms that are not two Han characters (a
// defensive path) are matched as substrings of the normalised text.
func TestCoverageLongTerms(t *testing.T) {
	e := newEvidence([]weightedTerm{{"储能", 2}, {"锂电池", 1}, {"ab", 1}})
	doc := techmatch.Achievement{Title: "储能用锂电池", Description: "储能储能", Keywords: []string{"AB"}}
	got, want := e.coverage(doc), 1.0
	assert.InDelta(t, want, got, 1e-12, "got %v, want %v", got, want)
	doc = techmatch.Achievement{Title: "锂电", Description: "池"}
	got, want = e.coverage(doc), 0.0
	assert.InDelta(t, want, got, 1e-12, "bigrams across fields do not count: got %v, want %v", got, want)
}
