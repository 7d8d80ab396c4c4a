package match

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

func TestFeedbackAddsTermsOfTopDocuments(t *testing.T) {
	achs := []techmatch.Achievement{
		{ID: "A1", Title: "废旧锂电池湿法回收", Description: "还原酸浸与萃取分离回收镍钴锂，浸出率99%。"},
		{ID: "A2", Title: "三元前驱体共沉淀制备", Description: "萃取分离所得硫酸盐溶液经共沉淀制备前驱体。"},
		{ID: "A3", Title: "汽车内饰低气味材料", Description: "低VOC聚丙烯改性材料。"},
	}
	idx := newIndex(t, achs)
	need := techmatch.Need{ID: "N1", Title: "废旧锂电池回收", Description: "回收镍钴锂金属。"}
	// Expansion off: the test isolates what feedback adds (knowledge-base
	// expansion alone links 锂电池 to 三元 and so to A2).
	eng, err := New(context.Background(), idx, Config{Query: QueryConfig{FeedbackDocs: 1, FeedbackTerms: 10, NoExpansion: true}})
	require.NoError(t, err)
	var s matchScratch
	q, err := eng.qb.build(need, &s)
	require.NoError(t, err)
	fq, err := eng.feedback(context.Background(), q, Options{}, &s)
	require.NoError(t, err)
	var fb []techmatch.Expansion
	for _, e := range fq.expansion {
		if e != nil && e.Kind == feedbackKind {
			fb = append(fb, *e)
		}
	}
	require.NotEmpty(t, fb, "feedback terms were added")
	assert.LessOrEqual(t, len(fb), 10)
	for _, e := range fb {
		assert.Equal(t, "A1", e.From, "the one feedback document is the best hit")
		assert.LessOrEqual(t, e.Weight, 0.3+1e-12, "weights scale down from FeedbackWeight")
	}
	pairs, err := eng.Match(context.Background(), need, Options{Top: 3})
	require.NoError(t, err)
	assert.Equal(t, []string{"A1", "A2"}, ids(pairs), "feedback words of A1 (萃取, 分离) bring in A2; A3 shares nothing")

	off, err := New(context.Background(), idx, Config{Query: QueryConfig{NoExpansion: true}})
	require.NoError(t, err)
	base, err := off.Match(context.Background(), need, Options{Top: 3})
	require.NoError(t, err)
	assert.NotContains(t, ids(base), "A2", "without feedback A2 shares no term with the need")
	oq, err := off.feedback(context.Background(), q, Options{}, &s)
	require.NoError(t, err)
	assert.Equal(t, q, oq, "feedback is off by default")
}
