package assoc

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestIVFRecall compares the clustered neighbour search with the exact one
// on a vocabulary above exactMaxTerms: most exact neighbours must be found.
func TestIVFRecall(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two SVD models")
	}
	docs := synthCorpus(2000, 80, 3)
	ctx := context.Background()
	approx, err := Build(ctx, docs, Config{Method: MethodSVD, Seed: 5})
	require.NoError(t, err)
	exact, err := Build(ctx, docs, Config{Method: MethodSVD, Seed: 5, Exact: true})
	require.NoError(t, err)
	require.Greater(t, exact.Stats().Terms, exactMaxTerms, "vocabulary must exceed the exact-search limit")
	found, total := 0, 0
	for _, term := range exact.Terms() {
		got := map[string]bool{}
		for _, n := range approx.Related(term) {
			got[n.Term] = true
		}
		for _, n := range exact.Related(term) {
			total++
			if got[n.Term] {
				found++
			}
		}
	}
	require.Positive(t, total)
	recall := float64(found) / float64(total)
	t.Logf("IVF recall@%d = %.3f over %d exact neighbours (%d terms)", DefaultTopM, recall, total, exact.Stats().Terms)
	require.GreaterOrEqualf(t, recall, 0.8, "got recall %.3f, want >= 0.8", recall)
}
