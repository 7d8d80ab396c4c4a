package match

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"math"
	"strings"
	"sync"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/rank"
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

// RecordEmbedder is an Embedder that is also told whose texts it embeds,
// so that it can keep vectors by record id and text (a disk cache that a
// quarterly re-run hits for every unchanged record: remote.Embedder with
// a remote.Cache). The engine calls EmbedRecords for indexed records and
// Embed for query records. ids[i] is the id of texts[i].
type RecordEmbedder interface {
	Embedder
	EmbedRecords(ctx context.Context, ids, texts []string) ([][]float32, error)
}

// Reranker re-scores documents for a query: a cross-encoder such as
// bge-reranker behind a /rerank endpoint (remote.Reranker). Rerank
// returns one score per document, in [0,1] (higher is more relevant);
// implementations must be safe for concurrent use.
type Reranker interface {
	Rerank(ctx context.Context, query string, docs []string) ([]float64, error)
}

// EmbeddingConfig fuses an Embedder's similarity and a Reranker's scores
// with the lexical score.
// The text feature becomes (1−Weight)·lexical + Weight·max(0, cosine),
// where lexical is the BM25F score normalised by the best candidate's.
// The embedding re-ranks the lexical candidate pool (the top Pool
// documents by lexical score); it does not retrieve documents that share
// no term, character bigram or expansion with the query, so results are
// exact over that pool.
//
// A Reranker then re-scores the best RerankTop of that pool by lexical
// score: their text feature becomes (1−RerankWeight)·text +
// RerankWeight·rerank score, before the scorer's other features.
//
// Fallback: when the embedding or re-ranking service fails (an error, a
// timeout of its own, a malformed answer — but not the caller's context
// ending, which stops the match), the query's text feature falls back to
// the lexical score for that part and the text contribution's Note says
// so ("lexical only: embedding failed: …"); the match, and a batch, go
// on.
type EmbeddingConfig struct {
	Embedder Embedder
	// Weight is the share of the embedding in the text feature, in [0,1];
	// default 0.3 when an Embedder is set.
	Weight float64
	// Pool is the number of lexical candidates re-ranked; default 200.
	Pool int
	// Reranker, when set, re-scores the top RerankTop candidates.
	Reranker Reranker
	// RerankTop is the number of candidates re-scored; default 50.
	RerankTop int
	// RerankWeight is the re-ranker's share of the text feature of the
	// candidates it scores, in [0,1]; default 0.5.
	RerankWeight float64
}

// Validate reports the first invalid field.
func (c EmbeddingConfig) Validate() error {
	if c.Weight < 0 || c.Weight > 1 || math.IsNaN(c.Weight) {
		return fmt.Errorf("match: embedding weight %v, want a value in [0,1]", c.Weight)
	}
	if c.Pool < 0 {
		return fmt.Errorf("match: embedding pool %d, want ≥ 0", c.Pool)
	}
	if c.RerankWeight < 0 || c.RerankWeight > 1 || math.IsNaN(c.RerankWeight) {
		return fmt.Errorf("match: rerank weight %v, want a value in [0,1]", c.RerankWeight)
	}
	if c.RerankTop < 0 {
		return fmt.Errorf("match: rerank top %d, want ≥ 0", c.RerankTop)
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
	if c.RerankTop == 0 {
		c.RerankTop = 50
	}
	if c.RerankWeight == 0 {
		c.RerankWeight = 0.5
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
	var texts, ids []string
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
		ids = append(ids, r.RecordID())
	}
	vs.mu.RUnlock()
	if len(missing) == 0 {
		return out, nil
	}
	var got [][]float32
	var err error
	if re, ok := vs.emb.(RecordEmbedder); ok {
		got, err = re.EmbedRecords(ctx, ids, texts)
	} else {
		got, err = vs.emb.Embed(ctx, texts)
	}
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

// fusion is one query's semantic evidence: its vector, and per retrieval
// round the candidates' vectors and re-rank scores. A nil *fusion (no
// Embedder, no Reranker) leaves the lexical score as it is.
type fusion struct {
	cfg EmbeddingConfig
	qv  []float32
	dv  [][]float32
	rr  []float64 // by hit position; shorter than the hits: not re-ranked
	// notes say which service failed for this query (fallback).
	notes []string
	// rrFailed stops re-ranking for the rest of the query once it failed.
	rrFailed bool
}

// fixedPool reports whether the query's candidates are re-ranked by a
// service, so the engine scores a fixed pool instead of widening until
// the exact top-k is known (see EmbeddingConfig). After every service
// failed, the query is matched exactly as without them.
func (f *fusion) fixedPool() bool {
	return f != nil && (f.qv != nil || (f.cfg.Reranker != nil && !f.rrFailed))
}

// maxNote bounds the cause quoted in a fallback note.
const maxNote = 160

// fail records a fallback; err is the service's error.
func (f *fusion) fail(what string, err error) {
	msg := err.Error()
	if len(msg) > maxNote {
		msg = strings.ToValidUTF8(msg[:maxNote], "") + "…"
	}
	f.notes = append(f.notes, what+" failed: "+msg)
}

// startFusion embeds the query record. A service error is a fallback;
// only the caller's ctx ending is returned.
func (c *core[Q, D]) startFusion(ctx context.Context, q Q) (*fusion, error) {
	if c.vec == nil && c.emb.Reranker == nil {
		return nil, nil
	}
	f := &fusion{cfg: c.emb}
	if c.vec != nil {
		v, err := c.vec.embedOne(ctx, q)
		switch {
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case err != nil:
			f.fail("embedding", err)
		default:
			f.qv = v
		}
	}
	return f, nil
}

// round gathers the candidates' vectors (when the query has one) and the
// re-rank scores of the first RerankTop docs (in lexical order). Deleted
// docs (empty id) get no score. Service errors are fallbacks; only the
// caller's ctx ending is returned.
func (c *core[Q, D]) round(ctx context.Context, f *fusion, q Q, docs []D) error {
	if f == nil {
		return nil
	}
	f.dv, f.rr = nil, nil
	if f.qv != nil {
		recs := make([]techmatch.Record, len(docs))
		for i := range docs {
			recs[i] = docs[i]
		}
		dv, err := c.vec.of(ctx, recs)
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case err != nil:
			f.fail("embedding", err)
		default:
			f.dv = dv
		}
	}
	if rr := f.cfg.Reranker; rr != nil && !f.rrFailed {
		n := min(len(docs), f.cfg.RerankTop)
		texts := make([]string, n)
		for i := range texts {
			if docs[i].RecordID() != "" {
				texts[i] = recordText(docs[i])
			}
		}
		scores, err := rr.Rerank(ctx, recordText(q), texts)
		if err == nil {
			err = checkScores(scores, n)
		}
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case err != nil:
			f.fail("re-ranking", err)
			f.rrFailed = true
		default:
			f.rr = scores
		}
	}
	return nil
}

// checkScores refuses a re-ranker answer of the wrong length or with a
// score outside [0,1] (NaN included).
func checkScores(s []float64, n int) error {
	if len(s) != n {
		return fmt.Errorf("%d scores for %d documents", len(s), n)
	}
	for i, x := range s {
		if !(x >= 0 && x <= 1) {
			return fmt.Errorf("score %d is %v, want a value in [0,1]", i, x)
		}
	}
	return nil
}

// text is the text feature of the candidate at hit position i whose
// normalised lexical score is lexical.
func (f *fusion) text(i int, lexical float64) float64 {
	if f == nil {
		return lexical
	}
	tv := lexical
	if f.dv != nil {
		tv = (1-f.cfg.Weight)*tv + f.cfg.Weight*cosine(f.qv, f.dv[i])
	}
	if i < len(f.rr) {
		tv = (1-f.cfg.RerankWeight)*tv + f.cfg.RerankWeight*f.rr[i]
	}
	return tv
}

// annotate adds the fallback notes to the text contribution of ex.
func (f *fusion) annotate(ex *techmatch.Explanation) {
	if f == nil || len(f.notes) == 0 {
		return
	}
	note := "lexical only: " + strings.Join(f.notes, "; ")
	for i := range ex.Features {
		if ex.Features[i].Feature == rank.FeatureText {
			if ex.Features[i].Note != "" {
				note = ex.Features[i].Note + "; " + note
			}
			ex.Features[i].Note = note
			return
		}
	}
}
