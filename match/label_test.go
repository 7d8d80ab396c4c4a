package match

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

func TestLabelerInfersAndFiltersFind(t *testing.T) {
	l, err := NewLabeler(nil, 0)
	require.NoError(t, err)
	achs := []techmatch.Achievement{
		{ID: "A1", Title: "单克隆抗体药物连续流纯化工艺", Description: "蛋白A亲和层析与病毒灭活一体化，宿主蛋白残留低于10ppm。"},
		{ID: "A2", Title: "动力电池包热管理系统", Description: "液冷板与热泵耦合，新能源汽车冬季续航提升15%。", Industries: []techmatch.Industry{"energy"}},
		{ID: "A3", Title: "一种方法", Description: "本成果提供一种方法。"},
	}
	assert.Equal(t, 1, l.Achievements(achs), "only records without industries are labelled, and only with evidence")
	assert.Contains(t, achs[0].Industries, techmatch.Biomed, "got %v", achs[0].Industries)
	assert.True(t, achs[0].IndustriesInferred)
	assert.Equal(t, []techmatch.Industry{"energy"}, achs[1].Industries, "given industries are never overwritten")
	assert.False(t, achs[1].IndustriesInferred)
	assert.Empty(t, achs[2].Industries, "no evidence, no label")

	idx := newIndex(t, achs)
	eng, err := New(context.Background(), idx, Config{})
	require.NoError(t, err)
	need := techmatch.Need{ID: "N1", Title: "抗体纯化收率低", Description: "单抗下游纯化收率不足60%，宿主蛋白残留超标。"}
	pairs, err := eng.Match(context.Background(), need, Options{Industries: []techmatch.Industry{techmatch.Biomed}})
	require.NoError(t, err)
	require.NotEmpty(t, pairs)
	assert.Equal(t, "A1", pairs[0].AchievementID, "an industry filter finds the inferred record")

	needs := []techmatch.Need{need}
	assert.Equal(t, 1, l.Needs(needs))
	assert.True(t, needs[0].IndustriesInferred)
}
