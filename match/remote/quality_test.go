package remote

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/internal/eval"
	"github.com/techmatch/techmatch/match"
	"github.com/techmatch/techmatch/segment"
)

// TestQualityEndToEnd runs the bundled testdata through the engine four
// ways — lexical, fused with the fake embedding service, fused and
// re-ranked, and with both services failing — and checks that fusion
// changes rankings while a failing service gives exactly the lexical
// rankings, every pair saying so. The figures are logged (go test -v).
func TestQualityEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes the testdata")
	}
	ctx := context.Background()
	achs, _, err := techmatch.LoadAchievements(ctx, "../../testdata/achievements.jsonl", techmatch.ReadOptions{})
	require.NoError(t, err)
	needs, _, err := techmatch.LoadNeeds(ctx, "../../testdata/needs.jsonl", techmatch.ReadOptions{})
	require.NoError(t, err)
	qrels, err := eval.LoadQrels("../../testdata/qrels.tsv")
	require.NoError(t, err)
	seg, err := segment.Default()
	require.NoError(t, err)
	idx, err := index.New[techmatch.Achievement](ctx, index.Config{Segmenter: seg, CoreOnly: true})
	require.NoError(t, err)
	defer idx.Close()
	require.NoError(t, idx.Add(ctx, achs...))

	emb := newEmbedder(t, &fakeEmbeddings{dim: 256}, EmbedderConfig{Dimensions: 256, Cache: t.TempDir()})
	rsrv := httptest.NewServer(fakeRerank(nil))
	defer rsrv.Close()
	rr, err := NewReranker(RerankerConfig{URL: rsrv.URL + "/rerank", Format: FormatTEI})
	require.NoError(t, err)
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "model loading", http.StatusServiceUnavailable)
	}))
	defer down.Close()
	fast := HTTPConfig{MaxAttempts: 2, Backoff: time.Millisecond}
	deadEmb, err := NewEmbedder(EmbedderConfig{URL: down.URL + "/v1/embeddings", Model: "m", HTTP: fast})
	require.NoError(t, err)
	deadRR, err := NewReranker(RerankerConfig{URL: down.URL + "/rerank", HTTP: fast})
	require.NoError(t, err)

	systems := []struct {
		name string
		cfg  match.EmbeddingConfig
	}{
		{"lexical", match.EmbeddingConfig{}},
		{"embedding 0.3", match.EmbeddingConfig{Embedder: emb}},
		{"embedding 0.3 + rerank 0.5", match.EmbeddingConfig{Embedder: emb, Reranker: rr}},
		{"services down (fallback)", match.EmbeddingConfig{Embedder: deadEmb, Reranker: deadRR}},
	}
	rankings := make([]map[string][]string, len(systems))
	pairs := make([][]techmatch.Pair, len(systems))
	for i, s := range systems {
		eng, err := match.New(ctx, idx, match.Config{Embedding: s.cfg})
		require.NoError(t, err)
		start := time.Now()
		pairs[i], err = eng.MatchAll(ctx, needs, match.Options{Top: 10})
		require.NoError(t, err, "%s: the batch never fails", s.name)
		rankings[i] = map[string][]string{}
		for _, p := range pairs[i] {
			rankings[i][p.NeedID] = append(rankings[i][p.NeedID], p.AchievementID)
		}
		m := eval.Evaluate(rankings[i], qrels, 10).Mean
		t.Logf("%-28s nDCG@10 %.4f  Recall@10 %.4f  P@1 %.4f  MRR %.4f  (%d needs, %v)",
			s.name, m.NDCG, m.Recall, m.P1, m.MRR, len(needs), time.Since(start).Round(time.Millisecond))
	}
	changed := 0
	for _, n := range needs {
		if strings.Join(rankings[0][n.ID], ",") != strings.Join(rankings[2][n.ID], ",") {
			changed++
		}
	}
	t.Logf("fusion + rerank changed the top 10 of %d of %d needs; %d embeddings requests", changed, len(needs), emb.Requests())
	assert.Positive(t, changed, "fusion changes rankings")
	assert.Equal(t, rankings[0], rankings[3], "a failing service gives the lexical rankings")
	for i, p := range pairs[3] {
		assert.InDelta(t, pairs[0][i].Score, p.Score, 1e-9)
		note := ""
		for _, f := range p.Explain.Features {
			if f.Feature == "text" {
				note = f.Note
			}
		}
		require.Contains(t, note, "lexical only: embedding failed", "pair %s/%s", p.NeedID, p.AchievementID)
		require.Contains(t, note, "re-ranking failed")
	}
}
