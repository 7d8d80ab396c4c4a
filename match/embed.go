package match

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"math"
	"sync"

	"github.com/techmatch/techmatch"
)

// Embedder supplies dense vectors for texts: the extension point for
// platforms that run their own embedding model (a sentence encoder behind
// an RPC, say). techmatch ships none and downloads nothing.
//
// Embed returns one vector per text, all of one dimension; vectors need not
// be normalised. Implementations must be safe for concurrent use.
type Embedder interface {
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

// EmbeddingConfig fuses an Embedder's similarity with the lexical score.
// The text feature becomes (1−Weight)·lexical + Weight·max(0, cosine),
// where lexical is the BM25F score normalised by the best candidate's.
// The embedding re-ranks the lexical candidate pool (the top Pool
// documents by lexical score); it does not retrieve documents that share
// no term, character bigram or expansion with the query, so results are
// exact over that pool.
type EmbeddingConfig struct {
	Embedder Embedder
	// Weight is the share of the embedding in the text feature, in [0,1];
	// default 0.3 when an Embedder is set.
	Weight float64
	// Pool is the number of lexical candidates re-ranked; default 200.
	Pool int
}

// Validate reports the first invalid field.
func (c EmbeddingConfig) Validate() error {
	if c.Weight < 0 || c.Weight > 1 || math.IsNaN(c.Weight) {
		return fmt.Errorf("match: embedding weight %v, want a value in [0,1]", c.Weight)
	}
	if c.Pool < 0 {
		return fmt.Errorf("match: embedding pool %d, want ≥ 0", c.Pool)
	}
	return nil
}

func (c EmbeddingConfig) withDefaults() EmbeddingConfig {
	if c.Weight == 0 {
		c.Weight = 0.3
	}
	if c.Pool == 0 {
		c.Pool = 200
	}
	return c
}

// vectors caches the normalised embedding of each record by id, keyed by a
// hash of the record's text so that an update re-embeds it. Safe for
// concurrent use.
type vectors struct {
	emb  Embedder
	seed maphash.Seed
	mu   sync.RWMutex
	m    map[string]cachedVec
}

type cachedVec struct {
	hash uint64
	v    []float32
}

func newVectors(emb Embedder) *vectors {
	return &vectors{emb: emb, seed: maphash.MakeSeed(), m: map[string]cachedVec{}}
}

// of returns the normalised vectors of recs, embedding the ones not cached
// (in one Embed call).
func (vs *vectors) of(ctx context.Context, recs []techmatch.Record) ([][]float32, error) {
	out := make([][]float32, len(recs))
	var missing []int
	var texts []string
	hashes := make([]uint64, len(recs))
	vs.mu.RLock()
	for i, r := range recs {
		t := recordText(r)
		hashes[i] = maphash.String(vs.seed, t)
		if c, ok := vs.m[r.RecordID()]; ok && c.hash == hashes[i] {
			out[i] = c.v
			continue
		}
		missing = append(missing, i)
		texts = append(texts, t)
	}
	vs.mu.RUnlock()
	if len(missing) == 0 {
		return out, nil
	}
	got, err := vs.emb.Embed(ctx, texts)
	if err != nil {
		return nil, fmt.Errorf("match: embedder: %w", err)
	}
	if len(got) != len(texts) {
		return nil, fmt.Errorf("match: embedder returned %d vectors for %d texts", len(got), len(texts))
	}
	vs.mu.Lock()
	defer vs.mu.Unlock()
	for j, i := range missing {
		v, err := normalise(got[j])
		if err != nil {
			return nil, fmt.Errorf("match: embedder: vector of %s: %w", recs[i].RecordID(), err)
		}
		out[i] = v
		vs.m[recs[i].RecordID()] = cachedVec{hash: hashes[i], v: v}
	}
	return out, nil
}

// embedOne embeds a query record (not cached: queries rarely repeat).
func (vs *vectors) embedOne(ctx context.Context, r techmatch.Record) ([]float32, error) {
	got, err := vs.emb.Embed(ctx, []string{recordText(r)})
	if err != nil {
		return nil, fmt.Errorf("match: embedder: %w", err)
	}
	if len(got) != 1 {
		return nil, fmt.Errorf("match: embedder returned %d vectors for 1 text", len(got))
	}
	return normalise(got[0])
}

func normalise(v []float32) ([]float32, error) {
	var ss float64
	for _, x := range v {
		ss += float64(x) * float64(x)
	}
	if ss == 0 || math.IsNaN(ss) || math.IsInf(ss, 0) {
		return nil, errors.New("zero, NaN or infinite vector")
	}
	inv := 1 / math.Sqrt(ss)
	out := make([]float32, len(v))
	for i, x := range v {
		out[i] = float32(float64(x) * inv)
	}
	return out, nil
}

// cosine of two normalised vectors, clamped to [0,1]; 0 when the
// dimensions differ.
func cosine(a, b []float32) float64 {
	if len(a) != len(b) {
		return 0
	}
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return min(max(s, 0), 1)
}
