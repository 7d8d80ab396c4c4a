package match

import (
	"context"
	"errors"
	"hash/fnv"
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

func TestEmbeddingErrors(t *testing.T) {
	idx := newIndex(t, catalog.achs[:30])
	need := catalog.needs[0]
	for _, tt := range []struct {
		name string
		emb  Embedder
		want string
	}{
		{"failing", failingEmbedder{}, "model server down"},
		{"wrong count", shortEmbedder{}, "vectors for"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			eng, err := New(context.Background(), idx, Config{Embedding: EmbeddingConfig{Embedder: tt.emb}})
			require.NoError(t, err)
			_, err = eng.Match(context.Background(), techmatch.Need{ID: "N", Title: need.Title, Description: need.Description}, Options{})
			if tt.name == "wrong count" {
				// the query embeds fine (one text); the documents do not
				assert.ErrorContains(t, err, tt.want)
				return
			}
			assert.ErrorContains(t, err, tt.want)
		})
	}
	_, err := New(context.Background(), idx, Config{Embedding: EmbeddingConfig{Embedder: failingEmbedder{}, Weight: 1.5}})
	assert.ErrorContains(t, err, "embedding weight")
}
