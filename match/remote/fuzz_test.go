package remote

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// FuzzAnswers feeds arbitrary answers to the embeddings and re-rank
// parsers: no panic, and an accepted answer has exactly n finite values
// per item (scores in [0,1]).
func FuzzAnswers(f *testing.F) {
	f.Add([]byte(`{"data":[{"index":1,"embedding":[1,2]},{"index":0,"embedding":[3,4]}]}`), uint8(2), uint8(2))
	f.Add([]byte(`{"data":[{"embedding":[1e39,2]}]}`), uint8(1), uint8(0))
	f.Add([]byte(`[{"index":0,"score":0.5},{"index":1,"score":1}]`), uint8(2), uint8(0))
	f.Add([]byte(`{"results":[{"index":0,"relevance_score":0.25}]}`), uint8(1), uint8(0))
	f.Add([]byte(`{"results":[{"index":-1,"relevance_score":2}]}`), uint8(1), uint8(0))
	f.Fuzz(func(t *testing.T, body []byte, n, dims uint8) {
		e := &Embedder{cfg: EmbedderConfig{URL: "http://fuzz"}}
		e.dims.Store(int64(dims))
		if vs, err := e.parse(body, int(n)); err == nil {
			if len(vs) != int(n) {
				t.Fatalf("%d vectors for %d", len(vs), n)
			}
			for _, v := range vs {
				if len(v) == 0 || (dims != 0 && len(v) != int(dims)) || len(v) != len(vs[0]) {
					t.Fatalf("vector of %d dimensions (dims %d)", len(v), dims)
				}
				for _, x := range v {
					if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
						t.Fatalf("non-finite value %v accepted", x)
					}
				}
			}
		}
		if ss, err := parseRerank("http://fuzz", body, int(n)); err == nil {
			if len(ss) != int(n) {
				t.Fatalf("%d scores for %d", len(ss), n)
			}
			for _, s := range ss {
				if !(s >= 0 && s <= 1) {
					t.Fatalf("score %v accepted", s)
				}
			}
		}
	})
}

// FuzzCacheFile opens a cache over arbitrary file contents: no panic, the
// cache works afterwards, and an entry put survives a reopen.
func FuzzCacheFile(f *testing.F) {
	dir := f.TempDir()
	c, err := OpenCache(dir, "seed", 0)
	if err != nil {
		f.Fatal(err)
	}
	_ = c.Put("A1", 7, []float32{1, 2, 3})
	_ = c.Put("A2", 8, []float32{4, 5, 6})
	if err := c.Close(); err != nil {
		f.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "vectors-*.log"))
	good, _ := os.ReadFile(files[0])
	f.Add(good)
	f.Add(good[:len(good)-1])
	f.Add([]byte{0xff, 0xff, 0xff, 0xff})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		c, err := OpenCache(dir, "k", 0)
		if err != nil {
			t.Fatal(err)
		}
		c.Close()
		files, _ := filepath.Glob(filepath.Join(dir, "vectors-*.log"))
		if err := os.WriteFile(files[0], data, 0o600); err != nil {
			t.Fatal(err)
		}
		c, err = OpenCache(dir, "k", 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Put("NEW", 42, []float32{0.5}); err != nil {
			t.Fatal(err)
		}
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
		c, err = OpenCache(dir, "k", 0)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if v, ok := c.Get("NEW", 42); !ok || len(v) != 1 || v[0] != 0.5 {
			t.Fatalf("the entry put after a damaged file is lost: %v %v", v, ok)
		}
	})
}
