package eval

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestScore(t *testing.T) {
	judged := map[string]int{"a": 2, "b": 1, "c": 0}
	ideal := (3/math.Log2(2) + 1/math.Log2(3))
	tests := []struct {
		name   string
		ranked []string
		want   Scores
	}{
		{"perfect", []string{"a", "b"}, Scores{NDCG: 1, Recall: 1, P1: 1, MRR: 1}},
		{"swapped", []string{"b", "a"}, Scores{NDCG: (1/math.Log2(2) + 3/math.Log2(3)) / ideal, Recall: 1, P1: 1, MRR: 1}},
		{"late", []string{"x", "c", "a"}, Scores{NDCG: (3 / math.Log2(4)) / ideal, Recall: 0.5, P1: 0, MRR: 1.0 / 3}},
		{"none", []string{"x", "y"}, Scores{}},
		{"cut off", []string{"x", "y", "z", "a"}, Scores{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Score(tt.ranked, judged, 3)
			assert.InDelta(t, tt.want.NDCG, got.NDCG, 1e-12, "ndcg: got %v, want %v", got.NDCG, tt.want.NDCG)
			assert.InDelta(t, tt.want.Recall, got.Recall, 1e-12, "recall")
			assert.InDelta(t, tt.want.P1, got.P1, 1e-12, "p1")
			assert.InDelta(t, tt.want.MRR, got.MRR, 1e-12, "mrr")
		})
	}
}

func TestReadQrels(t *testing.T) {
	q, err := ReadQrels(strings.NewReader("# c\nN1\tA1\t2\nN1 A2 1\n\nN2\tA9\t0\n"), "q.tsv")
	require.NoError(t, err)
	assert.Equal(t, Qrels{"N1": {"A1": 2, "A2": 1}, "N2": {"A9": 0}}, q)

	_, err = ReadQrels(strings.NewReader("N1\tA1\n"), "q.tsv")
	assert.ErrorContains(t, err, "q.tsv:1")
	_, err = ReadQrels(strings.NewReader("N1\tA1\tx\n"), "q.tsv")
	assert.ErrorContains(t, err, `grade "x"`)
}

func TestEvaluate(t *testing.T) {
	q := Qrels{"N1": {"A1": 2}, "N2": {"A2": 1}}
	r := Evaluate(map[string][]string{"N1": {"A1"}, "N3": {"A3"}}, q, 10)
	assert.Equal(t, 0.5, r.Mean.NDCG, "N2 has no results and scores 0; N3 is unjudged and skipped")
	assert.Equal(t, 1.0, r.MeanOver([]string{"N1", "N3"}).P1)
}

func TestReadTypes(t *testing.T) {
	m, err := ReadTypes(strings.NewReader("# type\nN1\tproblem\n\nN2 lexical\n"), "t.tsv")
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"N1": "problem", "N2": "lexical"}, m)
	_, err = ReadTypes(strings.NewReader("N1\tproblem\textra\n"), "t.tsv")
	assert.ErrorContains(t, err, "t.tsv:1")
}
