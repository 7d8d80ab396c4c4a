package match

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/rank/assoc"
)

// TestAssociationsExpandQueries: a model learned from the catalog adds
// associated terms to a query, and explain names them.
func TestAssociationsExpandQueries(t *testing.T) {
	idx := newIndex(t, catalog.achs)
	recs := make([]techmatch.Record, 0, len(catalog.achs)+len(catalog.needs))
	for _, a := range catalog.achs {
		recs = append(recs, a)
	}
	for _, n := range catalog.needs {
		recs = append(recs, n)
	}
	m, err := LearnAssociations(context.Background(), idx, recs, assoc.Config{Method: assoc.MethodNPMI})
	require.NoError(t, err)
	require.Positive(t, m.Stats().Linked, "some terms are linked")

	eng, err := New(context.Background(), idx, Config{Associations: m})
	require.NoError(t, err)
	plain, err := New(context.Background(), idx, Config{})
	require.NoError(t, err)
	added := 0
	for _, n := range catalog.needs[:40] {
		var s matchScratch
		withQ, err := eng.qb.build(n, &s)
		require.NoError(t, err)
		plainQ, err := plain.qb.build(n, &s)
		require.NoError(t, err)
		for _, e := range withQ.expansion {
			if e != nil && e.Kind == associationKind {
				added++
				assert.NotEmpty(t, e.From, "an association names the query word it came from")
			}
		}
		assert.GreaterOrEqual(t, len(withQ.terms), len(plainQ.terms))
	}
	assert.Positive(t, added, "associations were added to some queries")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = LearnAssociations(ctx, idx, recs, assoc.Config{})
	assert.ErrorIs(t, err, context.Canceled)
}
