package match

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReciprocal(t *testing.T) {
	aidx := newIndex(t, catalog.achs)
	nidx := newIndex(t, catalog.needs)
	fwd, err := New(context.Background(), aidx, Config{})
	require.NoError(t, err)
	rev, err := NewReverse(context.Background(), nidx, Config{})
	require.NoError(t, err)
	ctx := context.Background()
	needs := catalog.needs[:30]
	got, err := Reciprocal(ctx, fwd, rev, needs, catalog.achs, Options{Top: 5, Workers: 2}, ReciprocalConfig{Weight: 0.3})
	require.NoError(t, err)
	again, err := Reciprocal(ctx, fwd, rev, needs, catalog.achs, Options{Top: 5, Workers: 1}, ReciprocalConfig{Weight: 0.3})
	require.NoError(t, err)
	assert.Equal(t, got, again, "deterministic whatever the workers")

	plain, err := fwd.MatchAll(ctx, needs, Options{Top: 5})
	require.NoError(t, err)
	differs := false
	for i := range got {
		p := got[i]
		if i > 0 && got[i-1].NeedID == p.NeedID {
			assert.Equal(t, got[i-1].Rank+1, p.Rank)
			assert.True(t, got[i-1].Score >= p.Score)
		}
		require.NotNil(t, p.Explain)
		var sum float64
		for _, c := range p.Explain.Features {
			sum += c.Score
		}
		assert.InDelta(t, p.Score, sum, 1e-9, "fused contributions sum to the fused score")
		assert.Equal(t, "reciprocal", p.Explain.Features[len(p.Explain.Features)-1].Feature)
		if i < len(plain) && plain[i].AchievementID != p.AchievementID {
			differs = true
		}
	}
	assert.True(t, differs, "the reverse view changes some rankings")

	_, err = Reciprocal(ctx, fwd, rev, needs, catalog.achs, Options{}, ReciprocalConfig{Weight: 2})
	assert.Error(t, err)
}
