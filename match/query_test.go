package match

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/segment"
)

func TestSubwords(t *testing.T) {
	tok := func(term string, s, e, pos int) segment.Token {
		return segment.Token{Term: term, Start: s, End: e, Position: pos}
	}
	for _, tc := range []struct {
		name string
		toks []segment.Token
		want []bool
	}{
		{"none", nil, nil},
		{"disjoint", []segment.Token{tok("电池", 0, 6, 1), tok("寿命", 6, 12, 2)}, []bool{false, false}},
		{"search mode parts before the compound",
			[]segment.Token{tok("长寿", 0, 6, 1), tok("寿命", 3, 9, 1), tok("长寿命", 0, 9, 1), tok("电池", 9, 15, 2)},
			[]bool{true, true, false, false}},
		{"prefix and suffix of the compound",
			[]segment.Token{tok("处理", 3, 9, 1), tok("后", 0, 3, 1), tok("后处理", 0, 9, 1)},
			[]bool{true, true, false}},
		{"same span twice is not a part", []segment.Token{tok("a", 0, 1, 1), tok("a", 0, 1, 1)}, []bool{false, false}},
		{"overlapping words of their own", []segment.Token{tok("ab", 0, 2, 1), tok("bc", 1, 3, 2)}, []bool{false, false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf []bool
			got := subwords(tc.toks, &buf)
			if len(tc.want) == 0 {
				assert.Empty(t, got, "got %v, want none", got)
				return
			}
			assert.Equal(t, tc.want, got, "got %v, want %v", got, tc.want)
		})
	}
}

// TestSubwordsOfRealCut checks the Position contract subwords relies on,
// on the segmenter's own search-mode cut.
func TestSubwordsOfRealCut(t *testing.T) {
	toks, err := seg.Tokenize("长寿命电芯", segment.ModeSearch)
	require.NoError(t, err)
	var buf []bool
	got := map[string]bool{}
	for i, part := range subwords(toks, &buf) {
		got[toks[i].Term] = part
	}
	assert.Equal(t, map[string]bool{"长寿命": false, "长寿": true, "寿命": true, "电芯": false}, got, "got %v", got)
}

// TestSubwordWeightKeepsCompoundsWhole checks the effect the weighting is
// for: against a document that names the need's compound (长寿命), a
// document that only shares a part of it (寿命), however often, scores
// lower relative to the top when parts weigh less than whole words.
func TestSubwordWeightKeepsCompoundsWhole(t *testing.T) {
	achs := []techmatch.Achievement{
		{ID: "A1", Title: "长寿命储能电芯", Description: "磷酸铁锂电芯，循环4000次。"},
		{ID: "A2", Title: "工业机器人减速器寿命评估", Description: "减速器寿命试验、寿命预测与寿命管理方法，覆盖寿命全周期。"},
	}
	idx := newIndex(t, achs)
	need := techmatch.Need{ID: "N1", Title: "长寿命电芯", Description: "需要长寿命的电芯。"}
	text := map[float64]float64{} // subword weight → A2's text value
	for _, w := range []float64{0.15, 1} {
		eng, err := New(context.Background(), idx, Config{Query: QueryConfig{SubwordWeight: w}})
		require.NoError(t, err)
		pairs, err := eng.Match(context.Background(), need, Options{Top: 2})
		require.NoError(t, err)
		require.Len(t, pairs, 2)
		assert.Equal(t, "A1", pairs[0].AchievementID, "subword weight %v: got top %s, want A1", w, pairs[0].AchievementID)
		text[w] = pairs[1].Explain.Features[0].Value
	}
	assert.Less(t, text[0.15], text[1], "part-only document's text value: got %v at 0.15, want below %v at 1", text[0.15], text[1])
	_, err := New(context.Background(), idx, Config{Query: QueryConfig{SubwordWeight: -1}})
	assert.Error(t, err, "a negative subword weight is rejected")
}

// TestExpansionsOnlyMatchableTerms checks that every knowledge-base
// expansion in a built query names a term some document contains, and
// that the expansion the one document does contain is kept.
func TestExpansionsOnlyMatchableTerms(t *testing.T) {
	achs := []techmatch.Achievement{
		{ID: "A1", Title: "宽温域低温电解液", Description: "新型锂盐与共溶剂配方，-30℃容量保持率85%。"},
		{ID: "A2", Title: "汽车座椅面料阻燃整理", Description: "织物阻燃后整理工艺，氧指数32。"},
	}
	idx := newIndex(t, achs)
	eng, err := New(context.Background(), idx, Config{})
	require.NoError(t, err)
	need := techmatch.Need{ID: "N1", Title: "电动车冬季续航缩水", Description: "北方用户反映冬天掉电快，电池低温性能差，希望改善。"}
	q, err := eng.qb.build(need, &matchScratch{})
	require.NoError(t, err)
	var kept []string
	for i, term := range q.terms {
		if q.expansion[i] == nil || q.expansion[i].Kind == associationKind {
			continue
		}
		kept = append(kept, term.Term)
		assert.Positive(t, idx.DocFreq(term.Field, term.Term), "expansion term %q (from %q) is in no document", term.Term, q.expansion[i].From)
	}
	assert.Contains(t, kept, "低温电解液", "got expansions %v, want the one the catalog has", kept)
}

// TestExpansionPartsStandIn checks that a knowledge-base technique no
// document names whole (气凝胶隔热) still reaches the achievement that
// names its parts (气凝胶 … 隔热), shown in explain, and that the ablation
// switch removes exactly that.
func TestExpansionPartsStandIn(t *testing.T) {
	achs := []techmatch.Achievement{
		{ID: "A1", Title: "纳米二氧化硅气凝胶复合毡", Description: "常压干燥制备，导热系数0.02，用于电芯间隔热。"},
		{ID: "A2", Title: "汽车座椅面料阻燃整理", Description: "织物阻燃后整理工艺，氧指数32。"},
	}
	idx := newIndex(t, achs)
	require.Zero(t, idx.DocFreq(index.FieldWords, "气凝胶隔热"), "the test needs the whole term absent")
	need := techmatch.Need{ID: "N1", Title: "模组热失控试验未通过", Description: "触发后相邻单体相继失控。"}
	expanded := func(cfg QueryConfig) []string {
		eng, err := New(context.Background(), idx, Config{Query: cfg})
		require.NoError(t, err)
		pairs, err := eng.Match(context.Background(), need, Options{Top: 2})
		require.NoError(t, err)
		for _, p := range pairs {
			if p.AchievementID == "A1" {
				var to []string
				for _, e := range p.Explain.Expansions {
					to = append(to, e.To)
				}
				return to
			}
		}
		return nil
	}
	assert.Contains(t, expanded(QueryConfig{}), "气凝胶隔热", "with parts: A1 is reached through 气凝胶隔热")
	assert.NotContains(t, expanded(QueryConfig{NoExpansionParts: true}), "气凝胶隔热", "without parts: no match through 气凝胶隔热")
}
