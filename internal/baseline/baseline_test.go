package baseline

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

func TestBaselineRanksAndFilters(t *testing.T) {
	m, err := New(Config{})
	require.NoError(t, err)
	defer m.Close()
	ctx := context.Background()
	recs := []techmatch.Record{
		techmatch.Achievement{ID: "A1", Title: "碳纤维复合材料车身", Industries: []techmatch.Industry{techmatch.Auto}},
		techmatch.Achievement{ID: "A2", Title: "碳纤维人工骨植入物", Industries: []techmatch.Industry{techmatch.Biomed}},
		techmatch.Achievement{ID: "A3", Title: "单克隆抗体纯化", Industries: []techmatch.Industry{techmatch.Biomed}},
	}
	require.NoError(t, m.Add(ctx, recs...))
	ids, scores, err := m.Search(ctx, "碳纤维车身", nil, 10)
	require.NoError(t, err)
	require.NotEmpty(t, ids)
	assert.Equal(t, "A1", ids[0], "got %v", ids)
	assert.NotContains(t, ids, "A3", "no shared bigram")
	assert.Len(t, scores, len(ids))

	ids, _, err = m.Search(ctx, "碳纤维车身", []techmatch.Industry{techmatch.Biomed}, 10)
	require.NoError(t, err)
	assert.Equal(t, []string{"A2"}, ids, "the industry filter keeps only biomed")
}
