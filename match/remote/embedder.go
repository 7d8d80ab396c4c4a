package remote

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
)

// DefaultBatchSize is the number of texts per embeddings request.
const DefaultBatchSize = 32

// EmbedderConfig configures NewEmbedder. URL and Model are required.
//
// An EmbedderConfig is plain data: safe to copy and to read from many goroutines.
type EmbedderConfig struct {
	// URL is the embeddings endpoint, e.g.
	// http://127.0.0.1:8000/v1/embeddings.
	URL string
	// Model is the model name the service knows, e.g. "BAAI/bge-m3".
	Model string
	// Dimensions is the vector length every answer must have (1024 for
	// bge-m3); 0 takes the first answer's and holds later ones to it.
	Dimensions int
	// RequestDimensions also sends Dimensions as the request's
	// "dimensions" (for models that can shorten their vectors; many
	// servers refuse the field for other models).
	RequestDimensions bool
	// BatchSize is the number of texts per request; default 32.
	BatchSize int
	// Cache, when set, is the directory of the on-disk vector cache
	// (see Cache), used by EmbedRecords.
	Cache string
	// CacheMaxEntries bounds the cache; default DefaultCacheMaxEntries.
	CacheMaxEntries int
	HTTP            HTTPConfig
}

// Validate reports the first invalid field.
func (c EmbedderConfig) Validate() error {
	switch {
	case c.Model == "":
		return errors.New("remote: EmbedderConfig.Model is required")
	case c.Dimensions < 0 || c.Dimensions > maxCacheDims:
		return fmt.Errorf("remote: EmbedderConfig.Dimensions = %d, want 0..%d", c.Dimensions, maxCacheDims)
	case c.BatchSize < 0 || c.BatchSize > 4096:
		return fmt.Errorf("remote: EmbedderConfig.BatchSize = %d, want 0..4096", c.BatchSize)
	case c.RequestDimensions && c.Dimensions == 0:
		return errors.New("remote: EmbedderConfig.RequestDimensions needs Dimensions")
	}
	return c.HTTP.validate()
}

// Embedder is an OpenAI-compatible embeddings client: it implements
// match.Embedder and match.RecordEmbedder.
//
// An Embedder is safe for concurrent use; Close it to flush its cache.
type Embedder struct {
	cfg   EmbedderConfig
	t     *transport
	dims  atomic.Int64
	cache *Cache // nil without EmbedderConfig.Cache
	calls atomic.Int64
	// cacheErr is the last cache write error.
	cacheErr atomic.Pointer[error]
}

// NewEmbedder returns a client; it opens the cache when one is
// configured (see OpenCache for ErrCacheLocked).
func NewEmbedder(cfg EmbedderConfig) (*Embedder, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.BatchSize == 0 {
		cfg.BatchSize = DefaultBatchSize
	}
	t, err := newTransport(cfg.URL, cfg.HTTP)
	if err != nil {
		return nil, err
	}
	e := &Embedder{cfg: cfg, t: t}
	e.dims.Store(int64(cfg.Dimensions))
	if cfg.Cache != "" {
		key := fmt.Sprintf("%s\x00%d", cfg.Model, cfg.Dimensions)
		if e.cache, err = OpenCache(cfg.Cache, key, cfg.CacheMaxEntries); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// Requests returns the number of embeddings requests answered so far.
func (e *Embedder) Requests() int64 { return e.calls.Load() }

// Close flushes and closes the cache; idempotent.
func (e *Embedder) Close() error {
	if e.cache == nil {
		return nil
	}
	return e.cache.Close()
}

type embedRequest struct {
	Model          string   `json:"model"`
	Input          []string `json:"input"`
	EncodingFormat string   `json:"encoding_format"`
	Dimensions     int      `json:"dimensions,omitempty"`
}

type embedResponse struct {
	Data []struct {
		Index     *int      `json:"index"`
		Embedding []float64 `json:"embedding"`
	} `json:"data"`
}

// Embed returns one vector per text, in batches of BatchSize sent
// concurrently (at most HTTPConfig.Concurrency at once). Any batch's
// failure fails the call.
func (e *Embedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	for start := 0; start < len(texts); start += e.cfg.BatchSize {
		end := min(start+e.cfg.BatchSize, len(texts))
		wg.Go(func() {
			vs, err := e.batch(ctx, texts[start:end])
			if err != nil {
				mu.Lock()
				if first == nil {
					first = err
					cancel()
				}
				mu.Unlock()
				return
			}
			copy(out[start:end], vs)
		})
	}
	wg.Wait()
	if first != nil {
		return nil, first
	}
	return out, nil
}

// batch embeds one request's texts and checks the answer's shape.
func (e *Embedder) batch(ctx context.Context, texts []string) ([][]float32, error) {
	req := embedRequest{Model: e.cfg.Model, Input: texts, EncodingFormat: "float"}
	if e.cfg.RequestDimensions {
		req.Dimensions = e.cfg.Dimensions
	}
	body, err := e.t.post(ctx, req)
	if err != nil {
		return nil, err
	}
	e.calls.Add(1)
	return e.parse(body, len(texts))
}

// parse checks an answer's shape and returns its n vectors in input
// order.
func (e *Embedder) parse(body []byte, n int) ([][]float32, error) {
	var resp embedResponse
	if err := json.Unmarshal(body, &resp); err != nil {
		return nil, malformed(e.cfg.URL, "%v", err)
	}
	if len(resp.Data) != n {
		return nil, malformed(e.cfg.URL, "%d vectors for %d texts", len(resp.Data), n)
	}
	out := make([][]float32, n)
	for i, d := range resp.Data {
		j := i
		if d.Index != nil {
			j = *d.Index
		}
		if j < 0 || j >= len(out) || out[j] != nil {
			return nil, malformed(e.cfg.URL, "vector index %d out of range or repeated", j)
		}
		dims := int(e.dims.Load())
		if dims == 0 {
			if len(d.Embedding) == 0 || len(d.Embedding) > maxCacheDims {
				return nil, malformed(e.cfg.URL, "vector of %d dimensions", len(d.Embedding))
			}
			e.dims.CompareAndSwap(0, int64(len(d.Embedding)))
			dims = int(e.dims.Load())
		}
		if len(d.Embedding) != dims {
			return nil, malformed(e.cfg.URL, "vector %d has %d dimensions, want %d", j, len(d.Embedding), dims)
		}
		v := make([]float32, dims)
		for k, x := range d.Embedding {
			f := float32(x)
			if math.IsNaN(x) || math.IsInf(float64(f), 0) {
				return nil, malformed(e.cfg.URL, "vector %d has a NaN or infinite value", j)
			}
			v[k] = f
		}
		out[j] = v
	}
	return out, nil
}

// EmbedRecords embeds the texts of records ids, taking unchanged ones
// from the cache and caching the others (without a cache it is Embed).
func (e *Embedder) EmbedRecords(ctx context.Context, ids, texts []string) ([][]float32, error) {
	if len(ids) != len(texts) {
		return nil, fmt.Errorf("remote: %d ids for %d texts", len(ids), len(texts))
	}
	if e.cache == nil {
		return e.Embed(ctx, texts)
	}
	out := make([][]float32, len(texts))
	hashes := make([]uint64, len(texts))
	var miss []int
	var missing []string
	for i, t := range texts {
		hashes[i] = textHash(t)
		if v, ok := e.cache.Get(ids[i], hashes[i]); ok {
			out[i] = v
			continue
		}
		miss = append(miss, i)
		missing = append(missing, t)
	}
	if len(miss) == 0 {
		return out, nil
	}
	got, err := e.Embed(ctx, missing)
	if err != nil {
		return nil, err
	}
	var errs []error
	for j, i := range miss {
		out[i] = got[j]
		errs = append(errs, e.cache.Put(ids[i], hashes[i], got[j]))
	}
	errs = append(errs, e.cache.Flush())
	if err := errors.Join(errs...); err != nil {
		// The vectors are good: a cache that cannot be written costs
		// only a later re-embedding, so it is reported by CacheError
		// instead of failing the match.
		e.cacheErr.Store(&err)
	}
	return out, nil
}

// CacheError returns the last error writing the cache, nil when none.
func (e *Embedder) CacheError() error {
	if p := e.cacheErr.Load(); p != nil {
		return *p
	}
	return nil
}
