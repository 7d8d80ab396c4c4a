package segment

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMergeLexiconKeepsHighestFrequency(t *testing.T) {
	got := mergeLexicon([]lexEntry{
		{"新能源汽车", 1000, "n"}, {"汽车轻量化", 2, "nz"}, {"新能源汽车", 2, "nz"}, {"轻量化", 5, "n"}, {"轻量化", 1000, "nz"},
	})
	want := []lexEntry{{"新能源汽车", 1000, "n"}, {"汽车轻量化", 2, "nz"}, {"轻量化", 1000, "nz"}}
	assert.Equal(t, want, got)
}

// TestPhraseDoesNotDemoteCuratedTerm: a curated term keeps beating an
// overlapping low-frequency knowledge-base phrase.
func TestPhraseDoesNotDemoteCuratedTerm(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.AppendTerms(nil, "新能源汽车轻量化", ModePrecise)
	assert.NoError(t, err)
	assert.Equal(t, []string{"新能源汽车", "轻量化"}, got)
}
