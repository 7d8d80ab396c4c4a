package match

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

// TestExpansionBridgesProblemLanguage checks that a need written in
// symptom language finds an achievement written in technique language
// through the knowledge base, that explain shows the link, and that the
// ablation switch really removes it.
func TestExpansionBridgesProblemLanguage(t *testing.T) {
	achs := []techmatch.Achievement{
		{ID: "A1", Title: "宽温域低温电解液及电池预热系统", Description: "新型锂盐与共溶剂配方，-30℃容量保持率85%。"},
		{ID: "A2", Title: "汽车座椅面料阻燃整理", Description: "织物阻燃后整理工艺，氧指数32。"},
	}
	idx := newIndex(t, achs)
	need := techmatch.Need{ID: "N1", Title: "电动车冬季续航缩水", Description: "北方用户反映冬天掉电快，希望改善。"}

	eng, err := New(context.Background(), idx, Config{})
	require.NoError(t, err)
	pairs, err := eng.Match(context.Background(), need, Options{Top: 5})
	require.NoError(t, err)
	require.NotEmpty(t, pairs, "the symptom must reach the technique")
	assert.Equal(t, "A1", pairs[0].AchievementID)
	require.NotEmpty(t, pairs[0].Explain.Expansions, "explain shows the knowledge link used")
	e := pairs[0].Explain.Expansions[0]
	assert.Equal(t, "problem", e.Kind, "got expansion %+v", e)

	off, err := New(context.Background(), idx, Config{Query: QueryConfig{NoExpansion: true}})
	require.NoError(t, err)
	pairs, err = off.Match(context.Background(), need, Options{Top: 5})
	require.NoError(t, err)
	for _, p := range pairs {
		assert.Empty(t, p.Explain.Expansions, "no expansion when switched off")
	}
}
