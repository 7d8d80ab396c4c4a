package match

import (
	"context"
	"errors"
	"hash/fnv"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

// bigramEmbedder is a small deterministic embedder for tests: feature
// hashing of character bigrams into dim dimensions, after mapping each
// alias to its concept, so that texts that say the same thing in
// different words get close vectors (what a real model is for).
type bigramEmbedder struct {
	dim     int
	aliases map[string]string
	mu      sync.Mutex
	calls   int
	texts   int
}

func (e *bigramEmbedder) Embed(_ context.Context, texts []string) ([][]float32, error) {
	e.mu.Lock()
	e.calls++
	e.texts += len(texts)
	e.mu.Unlock()
	out := make([][]float32, len(texts))
	for i, t := range texts {
		for from, to := range e.aliases {
			t = strings.ReplaceAll(t, from, to)
		}
		v := make([]float32, e.dim)
		r := []rune(t)
		for j := 0; j+1 < len(r); j++ {
			h := fnv.New32a()
			h.Write([]byte(string(r[j : j+2])))
			v[h.Sum32()%uint32(e.dim)]++
		}
		v[0] += 0.01 // never the zero vector
		out[i] = v
	}
	return out, nil
}

func TestEmbeddingFusion(t *testing.T) {
	achs := []techmatch.Achievement{
		{ID: "A1", Title: "锂电池隔膜涂覆设备", Description: "隔膜涂覆生产线，幅宽1.2米。"},
		{ID: "A2", Title: "动力电池热失控预警系统", Description: "电芯温度与气体监测，提前预警热失控。"},
	}
	idx := newIndex(t, achs)
	need := techmatch.Need{ID: "N1", Title: "电池起火前报警", Description: "电池包着火前希望能提早发现并报警。"}

	plain, err := New(context.Background(), idx, Config{})
	require.NoError(t, err)
	base, err := plain.Match(context.Background(), need, Options{Top: 2})
	require.NoError(t, err)

	emb := &bigramEmbedder{dim: 64, aliases: map[string]string{"起火": "热失控", "着火": "热失控", "报警": "预警"}}
	fused, err := New(context.Background(), idx, Config{Embedding: EmbeddingConfig{Embedder: emb, Weight: 0.6}})
	require.NoError(t, err)
	got, err := fused.Match(context.Background(), need, Options{Top: 2})
	require.NoError(t, err)
	require.NotEmpty(t, got)
	assert.Equal(t, "A2", got[0].AchievementID, "the embedding knows 起火 ≈ 热失控 and 报警 ≈ 预警")
	if len(base) > 0 && base[0].AchievementID == "A2" {
		t.Logf("lexical ranking already had A2 first; fusion kept it")
	}
	var textFeature float64
	for _, c := range got[0].Explain.Features {
		if c.Feature == "text" {
			textFeature = c.Value
		}
	}
	assert.Greater(t, textFeature, 0.0)

	// Vectors of indexed records are cached: a second query embeds only
	// the query text.
	before := emb.texts
	_, err = fused.Match(context.Background(), need, Options{Top: 2})
	require.NoError(t, err)
	assert.Equal(t, before+1, emb.texts, "only the query is embedded again")

	// An updated record is embedded again.
	require.NoError(t, idx.Add(context.Background(), techmatch.Achievement{ID: "A1", Title: "锂电池隔膜涂覆设备", Description: "新版说明。"}))
	before = emb.texts
	_, err = fused.Match(context.Background(), need, Options{Top: 2})
	require.NoError(t, err)
	assert.Equal(t, before+2, emb.texts, "the query and the updated record")
}

type failingEmbedder struct{}

func (failingEmbedder) Embed(context.Context, []string) ([][]float32, error) {
	return nil, errors.New("model server down")
}

type shortEmbedder struct{}

func (shortEmbedder) Embed(_ context.Context, texts []string) ([][]float32, error) {
	return [][]float32{{1, 0}}, nil
}

// scoreReranker scores a document by the share of the query's characters
// it contains (deterministic), or fails as told.
type scoreReranker struct {
	err   error
	short bool
	nan   bool
	calls int
	mu    sync.Mutex
}

func (r *scoreReranker) Rerank(ctx context.Context, q string, docs []string) ([]float64, error) {
	r.mu.Lock()
	r.calls++
	r.mu.Unlock()
	if r.err != nil {
		return nil, r.err
	}
	out := make([]float64, len(docs))
	qr := []rune(q)
	for i, d := range docs {
		n := 0
		for _, c := range qr {
			if strings.ContainsRune(d, c) {
				n++
			}
		}
		out[i] = float64(n) / float64(len(qr))
		if r.nan {
			out[i] = math.NaN()
		}
	}
	if r.short {
		out = out[:len(out)/2]
	}
	return out, nil
}

func textNote(p techmatch.Pair) string {
	for _, f := range p.Explain.Features {
		if f.Feature == "text" {
			return f.Note
		}
	}
	return ""
}

// TestSemanticFallback: a failing or malformed service never fails a
// match; the pairs are the lexical ones and the explanation says so. The
// caller's context ending still stops the match.
func TestSemanticFallback(t *testing.T) {
	idx := newIndex(t, catalog.achs[:60])
	need := techmatch.Need{ID: "N", Title: catalog.needs[0].Title, Description: catalog.needs[0].Description}
	plain, err := New(context.Background(), idx, Config{})
	require.NoError(t, err)
	want, err := plain.Match(context.Background(), need, Options{Top: 5})
	require.NoError(t, err)
	require.NotEmpty(t, want)
	for _, tt := range []struct {
		name string
		cfg  EmbeddingConfig
		note string
	}{
		{"embedder down", EmbeddingConfig{Embedder: failingEmbedder{}}, "lexical only: embedding failed: match: embedder: model server down"},
		{"embedder short answer", EmbeddingConfig{Embedder: shortEmbedder{}}, "lexical only: embedding failed: match: embedder returned 1 vectors for"},
		{"reranker down", EmbeddingConfig{Reranker: &scoreReranker{err: errors.New("503 busy")}}, "lexical only: re-ranking failed: 503 busy"},
		{"reranker short answer", EmbeddingConfig{Reranker: &scoreReranker{short: true}}, "lexical only: re-ranking failed: "},
		{"reranker NaN", EmbeddingConfig{Reranker: &scoreReranker{nan: true}}, "want a value in [0,1]"},
		{"both down", EmbeddingConfig{Embedder: failingEmbedder{}, Reranker: &scoreReranker{err: errors.New("503 busy")}}, "embedding failed: match: embedder: model server down; re-ranking failed: 503 busy"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			eng, err := New(context.Background(), idx, Config{Embedding: tt.cfg})
			require.NoError(t, err)
			got, err := eng.Match(context.Background(), need, Options{Top: 5})
			require.NoError(t, err, "a service failure is no match failure")
			require.Len(t, got, len(want))
			for i := range want {
				assert.Equal(t, want[i].AchievementID, got[i].AchievementID, "rank %d: lexical order", i+1)
				assert.InDelta(t, want[i].Score, got[i].Score, 1e-9)
				assert.Contains(t, textNote(got[i]), tt.note)
			}
			all, err := eng.MatchAll(context.Background(), catalog.needs[:5], Options{Top: 3})
			require.NoError(t, err, "nor a batch failure")
			assert.NotEmpty(t, all)
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			_, err = eng.Match(ctx, need, Options{})
			assert.ErrorIs(t, err, context.Canceled)
		})
	}
	_, err = New(context.Background(), idx, Config{Embedding: EmbeddingConfig{Embedder: failingEmbedder{}, Weight: 1.5}})
	assert.ErrorContains(t, err, "embedding weight")
	_, err = New(context.Background(), idx, Config{Embedding: EmbeddingConfig{RerankWeight: -1}})
	assert.ErrorContains(t, err, "rerank weight")
}

// TestReranker: the re-ranker re-scores the top RerankTop candidates'
// text feature with its weight; with weight 1 the text contribution of a
// re-scored pair is the re-ranker's score.
func TestReranker(t *testing.T) {
	idx := newIndex(t, catalog.achs[:60])
	need := techmatch.Need{ID: "N", Title: catalog.needs[0].Title, Description: catalog.needs[0].Description}
	rr := &scoreReranker{}
	eng, err := New(context.Background(), idx, Config{Embedding: EmbeddingConfig{Reranker: rr, RerankWeight: 1, RerankTop: 1000}})
	require.NoError(t, err)
	got, err := eng.Match(context.Background(), need, Options{Top: 5})
	require.NoError(t, err)
	require.NotEmpty(t, got)
	assert.Equal(t, 1, rr.calls, "one re-rank call per query")
	q := recordText(need)
	for _, p := range got {
		a, ok := idx.Get(p.AchievementID)
		require.True(t, ok)
		s, _ := rr.Rerank(context.Background(), q, []string{recordText(a)})
		for _, f := range p.Explain.Features {
			if f.Feature == "text" {
				assert.InDelta(t, s[0], f.Value, 1e-9, "%s: text value is the re-rank score", p.AchievementID)
				assert.NotContains(t, f.Note, "lexical only")
			}
		}
	}
}
