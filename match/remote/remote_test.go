package remote

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// vectorOf is the fake model: feature hashing of character bigrams into
// dim dimensions (deterministic; similar texts get close vectors).
func vectorOf(text string, dim int) []float64 {
	v := make([]float64, dim)
	r := []rune(text)
	for j := 0; j+1 < len(r); j++ {
		h := fnv.New32a()
		h.Write([]byte(string(r[j : j+2])))
		v[h.Sum32()%uint32(dim)]++
	}
	v[0] += 0.01
	return v
}

// fakeEmbeddings serves /v1/embeddings with vectorOf, answering items in
// reverse order (with their index) to check that the client reorders.
// hook, when set, may answer instead (returning true).
type fakeEmbeddings struct {
	dim      int
	requests atomic.Int64
	texts    atomic.Int64
	inFlight atomic.Int64
	maxIn    atomic.Int64
	delay    time.Duration
	hook     func(w http.ResponseWriter, n int64) bool
	lastReq  atomic.Pointer[embedRequest]
	auth     atomic.Pointer[string]
}

func (f *fakeEmbeddings) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := f.requests.Add(1)
	in := f.inFlight.Add(1)
	defer f.inFlight.Add(-1)
	for {
		m := f.maxIn.Load()
		if in <= m || f.maxIn.CompareAndSwap(m, in) {
			break
		}
	}
	a := r.Header.Get("Authorization")
	f.auth.Store(&a)
	if f.delay > 0 {
		select {
		case <-time.After(f.delay):
		case <-r.Context().Done():
			return
		}
	}
	if f.hook != nil && f.hook(w, n) {
		return
	}
	var req embedRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), 400)
		return
	}
	f.lastReq.Store(&req)
	f.texts.Add(int64(len(req.Input)))
	type item struct {
		Index     int       `json:"index"`
		Embedding []float64 `json:"embedding"`
		Object    string    `json:"object"`
	}
	var resp struct {
		Data  []item `json:"data"`
		Model string `json:"model"`
	}
	for i := len(req.Input) - 1; i >= 0; i-- {
		resp.Data = append(resp.Data, item{Index: i, Embedding: vectorOf(req.Input[i], f.dim), Object: "embedding"})
	}
	resp.Model = req.Model
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(resp)
}

func newEmbedder(t *testing.T, h http.Handler, cfg EmbedderConfig) *Embedder {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	cfg.URL = srv.URL + "/v1/embeddings"
	if cfg.Model == "" {
		cfg.Model = "fake-bge"
	}
	if cfg.HTTP.Backoff == 0 {
		cfg.HTTP.Backoff = time.Millisecond
	}
	e, err := NewEmbedder(cfg)
	require.NoError(t, err)
	t.Cleanup(func() { e.Close() })
	return e
}

func texts(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("第%d号 钛合金 激光熔覆 工艺 %d", i, i*i)
	}
	return out
}

func TestEmbedBatchesAndOrder(t *testing.T) {
	f := &fakeEmbeddings{dim: 16}
	e := newEmbedder(t, f, EmbedderConfig{Dimensions: 16, RequestDimensions: true, BatchSize: 3, HTTP: HTTPConfig{APIKey: "k"}})
	in := texts(8)
	got, err := e.Embed(context.Background(), in)
	require.NoError(t, err)
	require.Len(t, got, len(in))
	for i, v := range got {
		want := vectorOf(in[i], 16)
		for k := range want {
			assert.InDelta(t, want[k], v[k], 1e-6, "text %d dim %d", i, k)
		}
	}
	assert.Equal(t, int64(3), f.requests.Load(), "8 texts in batches of 3")
	assert.Equal(t, "fake-bge", f.lastReq.Load().Model)
	assert.Equal(t, 16, f.lastReq.Load().Dimensions)
	assert.Equal(t, "float", f.lastReq.Load().EncodingFormat)
	assert.Equal(t, "Bearer k", *f.auth.Load())
}

func TestEmbedConcurrencyLimit(t *testing.T) {
	f := &fakeEmbeddings{dim: 4, delay: 20 * time.Millisecond}
	e := newEmbedder(t, f, EmbedderConfig{BatchSize: 1, HTTP: HTTPConfig{Concurrency: 2}})
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			_, err := e.Embed(context.Background(), texts(4))
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	assert.Equal(t, int64(12), f.requests.Load())
	assert.LessOrEqual(t, f.maxIn.Load(), int64(2), "at most Concurrency requests in flight")
}

func TestEmbedRetries(t *testing.T) {
	tests := []struct {
		name      string
		status    int
		failures  int64
		attempts  int
		wantErr   bool
		wantCalls int64
	}{
		{"503 then ok", 503, 2, 4, false, 3},
		{"429 then ok", 429, 1, 4, false, 2},
		{"500 always", 500, 100, 3, true, 3},
		{"400 is not retried", 400, 100, 4, true, 1},
		{"401 is not retried", 401, 100, 4, true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeEmbeddings{dim: 4}
			f.hook = func(w http.ResponseWriter, n int64) bool {
				if n <= tt.failures {
					http.Error(w, `{"error":"busy"}`, tt.status)
					return true
				}
				return false
			}
			e := newEmbedder(t, f, EmbedderConfig{HTTP: HTTPConfig{MaxAttempts: tt.attempts}})
			_, err := e.Embed(context.Background(), texts(2))
			assert.Equal(t, tt.wantCalls, f.requests.Load(), "attempts")
			if !tt.wantErr {
				require.NoError(t, err)
				return
			}
			var se *StatusError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, tt.status, se.Code)
			assert.Contains(t, se.Body, "busy")
		})
	}
}

func TestEmbedSlowServer(t *testing.T) {
	f := &fakeEmbeddings{dim: 4, delay: 5 * time.Second}
	e := newEmbedder(t, f, EmbedderConfig{HTTP: HTTPConfig{Timeout: 30 * time.Millisecond, MaxAttempts: 2}})
	start := time.Now()
	_, err := e.Embed(context.Background(), texts(1))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 2*time.Second, "bounded by the per-attempt timeout")
	assert.Equal(t, int64(2), f.requests.Load(), "a timeout is retried")

	// The caller's context ending stops at once, without retries.
	f2 := &fakeEmbeddings{dim: 4, delay: 5 * time.Second}
	e2 := newEmbedder(t, f2, EmbedderConfig{HTTP: HTTPConfig{MaxAttempts: 5}})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	_, err = e2.Embed(ctx, texts(1))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, int64(1), f2.requests.Load())
}

func TestEmbedMalformed(t *testing.T) {
	raw := func(body string) func(http.ResponseWriter, int64) bool {
		return func(w http.ResponseWriter, _ int64) bool {
			_, _ = io.WriteString(w, body)
			return true
		}
	}
	tests := []struct {
		name string
		hook func(http.ResponseWriter, int64) bool
		want error
		msg  string
	}{
		{"not JSON", raw(`<html>`), ErrMalformed, "invalid character"},
		{"NaN", raw(`{"data":[{"index":0,"embedding":[NaN,1,1,1]},{"index":1,"embedding":[1,1,1,1]}]}`), ErrMalformed, "invalid character"},
		{"overflow", raw(`{"data":[{"index":0,"embedding":[1e300,1,1,1]},{"index":1,"embedding":[1,1,1,1]}]}`), ErrMalformed, "NaN or infinite"},
		{"wrong dims", raw(`{"data":[{"index":0,"embedding":[1,1,1]},{"index":1,"embedding":[1,1,1,1]}]}`), ErrMalformed, "3 dimensions, want 4"},
		{"short array", raw(`{"data":[{"index":0,"embedding":[1,1,1,1]}]}`), ErrMalformed, "1 vectors for 2 texts"},
		{"repeated index", raw(`{"data":[{"index":0,"embedding":[1,1,1,1]},{"index":0,"embedding":[1,1,1,1]}]}`), ErrMalformed, "repeated"},
		{"index out of range", raw(`{"data":[{"index":0,"embedding":[1,1,1,1]},{"index":7,"embedding":[1,1,1,1]}]}`), ErrMalformed, "out of range"},
		{"huge body", func(w http.ResponseWriter, _ int64) bool {
			_, _ = io.WriteString(w, `{"data":[{"index":0,"embedding":[`+strings.Repeat("1,", 1<<20)+`1]}]}`)
			return true
		}, ErrTooLarge, "over 65536 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeEmbeddings{dim: 4, hook: tt.hook}
			e := newEmbedder(t, f, EmbedderConfig{Dimensions: 4, HTTP: HTTPConfig{MaxResponseBytes: 1 << 16}})
			_, err := e.Embed(context.Background(), texts(2))
			require.ErrorIs(t, err, tt.want)
			assert.Contains(t, err.Error(), tt.msg)
			assert.Equal(t, int64(1), f.requests.Load(), "a malformed answer is not retried")
		})
	}
}

func TestEmbedRecordsCache(t *testing.T) {
	dir := t.TempDir()
	f := &fakeEmbeddings{dim: 8}
	e := newEmbedder(t, f, EmbedderConfig{Cache: dir})
	ids := []string{"A1", "A2", "A3"}
	in := texts(3)
	first, err := e.EmbedRecords(context.Background(), ids, in)
	require.NoError(t, err)
	assert.Equal(t, int64(3), f.texts.Load())
	again, err := e.EmbedRecords(context.Background(), ids, in)
	require.NoError(t, err)
	assert.Equal(t, first, again)
	assert.Equal(t, int64(3), f.texts.Load(), "unchanged records come from the cache")
	in[1] = "改过的文本 氧化锆"
	_, err = e.EmbedRecords(context.Background(), ids, in)
	require.NoError(t, err)
	assert.Equal(t, int64(4), f.texts.Load(), "only the changed record is embedded")

	// A second process is refused while the first holds the cache.
	_, err = NewEmbedder(EmbedderConfig{URL: "http://127.0.0.1:1/v1/embeddings", Model: "fake-bge", Cache: dir})
	require.ErrorIs(t, err, ErrCacheLocked)
	require.NoError(t, e.Close())

	// A re-run (new client, same model) embeds nothing; files are private.
	f2 := &fakeEmbeddings{dim: 8}
	e2 := newEmbedder(t, f2, EmbedderConfig{Cache: dir})
	got, err := e2.EmbedRecords(context.Background(), ids, in)
	require.NoError(t, err)
	assert.Equal(t, int64(0), f2.requests.Load(), "a re-run embeds only changes")
	assert.Equal(t, vectorOf(in[1], 8)[3], float64(got[1][3]))
	require.NoError(t, e2.Close())
	files, err := filepath.Glob(filepath.Join(dir, "vectors-*.log"))
	require.NoError(t, err)
	require.Len(t, files, 1)
	fi, err := os.Stat(files[0])
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())

	// Another model gets another file.
	f3 := &fakeEmbeddings{dim: 8}
	e3 := newEmbedder(t, f3, EmbedderConfig{Model: "other", Cache: dir})
	_, err = e3.EmbedRecords(context.Background(), ids, in)
	require.NoError(t, err)
	assert.Equal(t, int64(3), f3.texts.Load(), "vectors of another model are not reused")
}

func TestCacheSurvivesATornTail(t *testing.T) {
	dir := t.TempDir()
	c, err := OpenCache(dir, "m", 0)
	require.NoError(t, err)
	for i := range 5 {
		require.NoError(t, c.Put(fmt.Sprintf("R%d", i), uint64(i), []float32{float32(i), 1}))
	}
	require.NoError(t, c.Close())
	files, _ := filepath.Glob(filepath.Join(dir, "vectors-*.log"))
	require.Len(t, files, 1)
	b, err := os.ReadFile(files[0])
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(files[0], b[:len(b)-3], 0o600)) // a crash mid-write

	c, err = OpenCache(dir, "m", 0)
	require.NoError(t, err)
	assert.Equal(t, 4, c.Len(), "the torn record is dropped, the others kept")
	v, ok := c.Get("R3", 3)
	assert.True(t, ok)
	assert.Equal(t, []float32{3, 1}, v)
	_, ok = c.Get("R3", 4)
	assert.False(t, ok, "another text hash misses")
	require.NoError(t, c.Put("R4", 4, []float32{4, 1}))
	require.NoError(t, c.Close())

	// Garbage in the middle: everything before it is kept.
	b, err = os.ReadFile(files[0])
	require.NoError(t, err)
	b[len(b)/2] ^= 0xff
	require.NoError(t, os.WriteFile(files[0], b, 0o600))
	c, err = OpenCache(dir, "m", 2)
	require.NoError(t, err)
	defer c.Close()
	assert.LessOrEqual(t, c.Len(), 2, "bounded by maxEntries")
	require.NoError(t, c.Put("NEW", 1, []float32{1}))
	_, ok = c.Get("NEW", 1)
	assert.False(t, ok || c.Len() > 2, "a full cache takes no new id")
}

func TestCacheCompacts(t *testing.T) {
	dir := t.TempDir()
	c, err := OpenCache(dir, "m", 0)
	require.NoError(t, err)
	for i := range 3000 {
		require.NoError(t, c.Put("same", uint64(i), []float32{float32(i)}))
	}
	require.NoError(t, c.Close())
	files, _ := filepath.Glob(filepath.Join(dir, "vectors-*.log"))
	fi, err := os.Stat(files[0])
	require.NoError(t, err)
	assert.Less(t, fi.Size(), int64(1100*28), "updates of one id do not grow the log without bound")
	c, err = OpenCache(dir, "m", 0)
	require.NoError(t, err)
	defer c.Close()
	v, ok := c.Get("same", 2999)
	require.True(t, ok)
	assert.Equal(t, []float32{2999}, v)
}

// fakeRerank serves /rerank in both formats with a deterministic score:
// the share of the query's characters found in the document.
func fakeRerank(hook func(w http.ResponseWriter) bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if hook != nil && hook(w) {
			return
		}
		var req struct {
			Query     string   `json:"query"`
			Documents []string `json:"documents"`
			Texts     []string `json:"texts"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		score := func(d string) float64 {
			q := []rune(req.Query)
			n := 0
			for _, c := range q {
				if strings.ContainsRune(d, c) {
					n++
				}
			}
			return float64(n) / float64(max(1, len(q)))
		}
		w.Header().Set("Content-Type", "application/json")
		if req.Texts != nil { // TEI: best first
			type item struct {
				Index int     `json:"index"`
				Score float64 `json:"score"`
			}
			var out []item
			for i := len(req.Texts) - 1; i >= 0; i-- {
				out = append(out, item{i, score(req.Texts[i])})
			}
			_ = json.NewEncoder(w).Encode(out)
			return
		}
		type item struct {
			Index int     `json:"index"`
			Score float64 `json:"relevance_score"`
		}
		var out struct {
			Results []item `json:"results"`
		}
		for i := len(req.Documents) - 1; i >= 0; i-- {
			out.Results = append(out.Results, item{i, score(req.Documents[i])})
		}
		_ = json.NewEncoder(w).Encode(out)
	}
}

func TestRerank(t *testing.T) {
	docs := []string{"钛合金激光熔覆", "氧化锆陶瓷", "激光"}
	for _, format := range []string{FormatCohere, FormatTEI} {
		t.Run(format, func(t *testing.T) {
			srv := httptest.NewServer(fakeRerank(nil))
			defer srv.Close()
			r, err := NewReranker(RerankerConfig{URL: srv.URL + "/rerank", Model: "fake-reranker", Format: format})
			require.NoError(t, err)
			got, err := r.Rerank(context.Background(), "激光熔覆", docs)
			require.NoError(t, err)
			assert.Equal(t, []float64{1, 0, 0.5}, got)
		})
	}
	raw := func(body string) func(http.ResponseWriter) bool {
		return func(w http.ResponseWriter) bool { _, _ = io.WriteString(w, body); return true }
	}
	for _, tt := range []struct {
		name string
		hook func(http.ResponseWriter) bool
		want string
	}{
		{"short", raw(`{"results":[{"index":0,"relevance_score":0.5}]}`), "1 scores for 3 documents"},
		{"above 1", raw(`[{"index":0,"score":0.5},{"index":1,"score":7},{"index":2,"score":0.1}]`), "want a value in [0,1]"},
		{"repeated", raw(`[{"index":0,"score":0.5},{"index":0,"score":0.5},{"index":2,"score":0.1}]`), "repeated"},
		{"no score", raw(`[{"index":0},{"index":1,"score":0.5},{"index":2,"score":0.1}]`), "without index or score"},
		{"not JSON", raw(`oops`), "invalid character"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(fakeRerank(tt.hook))
			defer srv.Close()
			r, err := NewReranker(RerankerConfig{URL: srv.URL + "/rerank"})
			require.NoError(t, err)
			_, err = r.Rerank(context.Background(), "激光熔覆", docs)
			require.ErrorIs(t, err, ErrMalformed)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestConfigErrors(t *testing.T) {
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"no model", func() error { _, err := NewEmbedder(EmbedderConfig{URL: "http://x"}); return err }(), "Model is required"},
		{"bad url", func() error { _, err := NewEmbedder(EmbedderConfig{URL: "ftp://x", Model: "m"}); return err }(), "want http://"},
		{"dims", func() error {
			_, err := NewEmbedder(EmbedderConfig{URL: "http://x", Model: "m", Dimensions: -1})
			return err
		}(), "Dimensions"},
		{"request dims", func() error {
			_, err := NewEmbedder(EmbedderConfig{URL: "http://x", Model: "m", RequestDimensions: true})
			return err
		}(), "RequestDimensions"},
		{"negative", func() error {
			_, err := NewEmbedder(EmbedderConfig{URL: "http://x", Model: "m", HTTP: HTTPConfig{Timeout: -1}})
			return err
		}(), "negative"},
		{"format", func() error { _, err := NewReranker(RerankerConfig{URL: "http://x", Format: "soap"}); return err }(), "Format"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			require.Error(t, tt.err)
			assert.Contains(t, tt.err.Error(), tt.want)
		})
	}
	assert.True(t, errors.Is(fmt.Errorf("x: %w", ErrMalformed), ErrMalformed))
}

func TestCooldown(t *testing.T) {
	var fail atomic.Bool
	fail.Store(true)
	f := &fakeEmbeddings{dim: 4}
	f.hook = func(w http.ResponseWriter, _ int64) bool {
		if fail.Load() {
			http.Error(w, "down", http.StatusBadGateway)
			return true
		}
		return false
	}
	e := newEmbedder(t, f, EmbedderConfig{HTTP: HTTPConfig{MaxAttempts: 2, Cooldown: 200 * time.Millisecond}})
	_, err := e.Embed(context.Background(), texts(1))
	var se *StatusError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, int64(2), f.requests.Load())
	fail.Store(false)
	_, err = e.Embed(context.Background(), texts(1))
	require.ErrorIs(t, err, ErrUnavailable, "calls fail at once while cooling down")
	assert.Equal(t, int64(2), f.requests.Load(), "without reaching the service")
	time.Sleep(250 * time.Millisecond)
	_, err = e.Embed(context.Background(), texts(1))
	require.NoError(t, err, "after the cool-down the service is tried again")

	// A malformed answer (not retried) starts no cool-down; nor does a
	// negative Cooldown.
	g := &fakeEmbeddings{dim: 4, hook: func(w http.ResponseWriter, _ int64) bool { _, _ = io.WriteString(w, "x"); return true }}
	e2 := newEmbedder(t, g, EmbedderConfig{})
	for range 2 {
		_, err = e2.Embed(context.Background(), texts(1))
		require.ErrorIs(t, err, ErrMalformed)
	}
	fail.Store(true)
	e3 := newEmbedder(t, f, EmbedderConfig{HTTP: HTTPConfig{MaxAttempts: 1, Cooldown: -1}})
	for range 2 {
		_, err = e3.Embed(context.Background(), texts(1))
		require.ErrorAs(t, err, &se)
	}
}
