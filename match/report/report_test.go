package report

import (
	"context"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

// bundled loads the bundled Excel catalogs (testdata/catalog/*_zh.xlsx).
func bundled(t testing.TB) ([]techmatch.Achievement, []techmatch.Need) {
	t.Helper()
	dir := filepath.Join("..", "..", "testdata", "catalog")
	achs, probs, err := techmatch.LoadAchievements(context.Background(), filepath.Join(dir, "achievements_zh.xlsx"), techmatch.ReadOptions{})
	require.NoError(t, err)
	require.Empty(t, probs)
	needs, probs, err := techmatch.LoadNeeds(context.Background(), filepath.Join(dir, "needs_zh.xlsx"), techmatch.ReadOptions{})
	require.NoError(t, err)
	require.Empty(t, probs)
	return achs, needs
}

// fixture builds a report of the bundled catalogs without the engine:
// for each need, up to top achievements naming most of its keywords.
// Scores, terms and reasons are plain data for the writers, not a
// ranking.
func fixture(t testing.TB, maxNeeds, top int) Report {
	achs, needs := bundled(t)
	r := Report{Title: "测试报告", Subtitle: "bundled testdata"}
	for _, n := range needs[:min(maxNeeds, len(needs))] {
		rn := Need{Need: n}
		for _, a := range achs {
			var terms []string
			for _, k := range n.Keywords {
				if strings.Contains(a.Title+a.Description, k) {
					terms = append(terms, k)
				}
			}
			if len(terms) == 0 || len(rn.Matches) >= top {
				continue
			}
			score := float64(len(terms)) / float64(len(n.Keywords))
			ex := &techmatch.Explanation{Features: []techmatch.Contribution{{Feature: "text", Value: score, Weight: 1, Score: score, Note: "BM25"}},
				MatchedTerms: terms, Feasible: len(rn.Matches) != 1}
			rn.Matches = append(rn.Matches, Match{Achievement: a, Score: score, Degree: int(math.Round(100 * score)),
				Reasons: []string{"共同技术要点：" + strings.Join(terms, "、"), "⚠ 转化方式不一致"}, MatchedTerms: terms, Explanation: ex})
		}
		r.Needs = append(r.Needs, rn)
	}
	return r
}

// TestBundledXLSXMatchesJSONL checks that the bundled Excel catalogs read
// as the JSONL ones plus their extra columns; with -update it writes them
// first.
func TestBundledXLSXMatchesJSONL(t *testing.T) {
	ja, _, err := techmatch.LoadAchievements(context.Background(), filepath.Join("..", "..", "testdata", "achievements.jsonl"), techmatch.ReadOptions{})
	require.NoError(t, err)
	jn, _, err := techmatch.LoadNeeds(context.Background(), filepath.Join("..", "..", "testdata", "needs.jsonl"), techmatch.ReadOptions{})
	require.NoError(t, err)
	if *update {
		generateBundled(t, ja, jn)
	}
	achs, needs := bundled(t)
	require.Len(t, achs, len(ja))
	require.Len(t, needs, len(jn))
	for i := range achs {
		got := achs[i]
		assert.Equal(t, []string{"联系人", "联系电话", "专利号"}, names(got.Extra), "%s: extra names", got.ID)
		got.Extra = nil
		assert.Equal(t, ja[i], got, "achievement %d: the XLSX reads as the JSONL (go generate ./match/report to refresh)", i)
	}
	for i := range needs {
		got := needs[i]
		assert.Equal(t, []string{"联系人", "联系电话", "备注"}, names(got.Extra), "%s: extra names", got.ID)
		got.Extra = nil
		assert.Equal(t, jn[i], got, "need %d: the XLSX reads as the JSONL", i)
	}
}

func names(e techmatch.Extra) []string {
	var out []string
	for _, f := range e {
		out = append(out, f.Name)
	}
	return out
}

func TestHighlight(t *testing.T) {
	for _, tc := range []struct {
		text  string
		terms []string
		want  []segment
	}{
		{"高强钢热成形", nil, []segment{{"高强钢热成形", false}}},
		{"", []string{"钢"}, []segment{{"", false}}},
		{"高强钢热成形", []string{"热成形"}, []segment{{"高强钢", false}, {"热成形", true}}},
		{"高强钢热成形高强钢", []string{"钢", "高强钢", ""}, []segment{{"高强钢", true}, {"热成形", false}, {"高强钢", true}}},
		{"CFRP复合材料", []string{"cfrp"}, []segment{{"CFRP", true}, {"复合材料", false}}},
		{"<b>钢</b>", []string{"钢"}, []segment{{"<b>", false}, {"钢", true}, {"</b>", false}}},
		{"ab", []string{"ab", "b"}, []segment{{"ab", true}}},
	} {
		got := highlight(tc.text, tc.terms)
		assert.Equal(t, tc.want, got, "highlight(%q, %q): got %+v, want %+v", tc.text, tc.terms, got, tc.want)
	}
}

func TestExtraColumns(t *testing.T) {
	r := Report{Needs: []Need{
		{Need: techmatch.Need{ID: "N1", Extra: techmatch.Extra{{Name: "联系人"}, {Name: "排名"}, {Name: "备注"}}},
			Matches: []Match{{Achievement: techmatch.Achievement{ID: "A1", Extra: techmatch.Extra{{Name: "专利号"}, {Name: "联系人"}}}}}},
		{Need: techmatch.Need{ID: "N2", Extra: techmatch.Extra{{Name: "邮箱"}, {Name: "成果·联系人"}}},
			Matches: []Match{{Achievement: techmatch.Achievement{ID: "A2", Extra: techmatch.Extra{{Name: "邮箱"}}}}}},
	}}
	nn, an, nh, ah := extraColumns(&r, DetailHeaders)
	assert.Equal(t, []string{"联系人", "排名", "备注", "邮箱", "成果·联系人"}, nn)
	assert.Equal(t, []string{"专利号", "联系人", "邮箱"}, an)
	assert.Equal(t, []string{"需求·联系人", "需求·排名", "备注", "需求·邮箱", "成果·联系人"}, nh, "need headers")
	assert.Equal(t, []string{"专利号", "成果·联系人 (2)", "成果·邮箱"}, ah, "achievement headers")
}

func TestWritersCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := fixture(t, 3, 2)
	var sb strings.Builder
	assert.ErrorIs(t, WriteXLSX(ctx, &sb, r, Options{}), context.Canceled)
	assert.ErrorIs(t, WriteHTML(ctx, &sb, r, Options{}), context.Canceled)
	assert.Zero(t, sb.Len(), "nothing written when cancelled")
	assert.EqualError(t, WriteXLSX(context.Background(), nil, r, Options{}), "report: write xlsx: nil io.Writer")
	assert.EqualError(t, WriteHTML(context.Background(), nil, r, Options{}), "report: write html: nil io.Writer")
}
