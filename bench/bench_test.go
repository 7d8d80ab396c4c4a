package bench

import (
	"context"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/yanyiwu/gojieba"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/internal/baseline"
	"github.com/techmatch/techmatch/match"
	"github.com/techmatch/techmatch/segment"
)

// jiebaFiles are the dictionary files of gojieba.NewJieba, in its order
// (the same files segment.Config.DictDir names).
var jiebaFiles = []string{"jieba.dict.utf8", "hmm_model.utf8", "user.dict.utf8", "idf.utf8", "stop_words.utf8"}

// BenchmarkSegment measures segment.Segmenter.AppendTerms (ModeSearch)
// against raw gojieba search-mode Tokenize, built from the same dictionary
// directory, on the title + description of the first n achievements. The
// two alternate document by document (first one, then the other) so that
// CPU contention on the shared machine hits both alike. Metrics: ours-MB/s,
// jieba-MB/s and speed-ratio = ours MB/s ÷ jieba MB/s (1 = as fast as raw
// jieba; ours also normalises, protects technical tokens, drops stop words
// and adds lexicon sub-words).
func BenchmarkSegment(b *testing.B) {
	seg := segmenter(b)
	dir := seg.DictDir()
	paths := make([]string, len(jiebaFiles))
	for i, f := range jiebaFiles {
		paths[i] = filepath.Join(dir, f)
	}
	jb := gojieba.NewJieba(paths...)
	defer jb.Free()
	for _, n := range cfg.sizes {
		if n > 100000 {
			continue // 100k documents (≈60 MB) are plenty for a rate
		}
		b.Run(sizeName(n), func(b *testing.B) {
			achs := achievements(b, n)
			texts := make([]string, len(achs))
			bytes := 0
			for i, a := range achs {
				texts[i] = a.Title + "\n" + a.Description
				bytes += len(texts[i])
			}
			b.ReportAllocs()
			var ours, raw time.Duration
			var dst []string
			for b.Loop() {
				for i, t := range texts {
					var err error
					if i%2 == 0 {
						t0 := time.Now()
						dst, err = seg.AppendTerms(dst[:0], t, segment.ModeSearch)
						t1 := time.Now()
						_ = jb.Tokenize(t, gojieba.SearchMode, true)
						ours += t1.Sub(t0)
						raw += time.Since(t1)
					} else {
						t0 := time.Now()
						_ = jb.Tokenize(t, gojieba.SearchMode, true)
						t1 := time.Now()
						dst, err = seg.AppendTerms(dst[:0], t, segment.ModeSearch)
						raw += t1.Sub(t0)
						ours += time.Since(t1)
					}
					if err != nil {
						b.Fatalf("AppendTerms(%s): %v", achs[i].ID, err)
					}
				}
			}
			mb := float64(bytes) * float64(b.N) / 1e6
			report(b, mb/ours.Seconds(), "ours-MB/s")
			report(b, mb/raw.Seconds(), "jieba-MB/s")
			report(b, raw.Seconds()/ours.Seconds(), "speed-ratio")
		})
	}
}

// BenchmarkIndex measures indexing: index.New + Add of n achievements +
// the first Search (which computes the match core's impacts), in memory and
// on disk (b.TempDir). Metrics: docs/s; B/doc, the HeapInuse delta after a
// full GC divided by n (match core + bitmaps + the index's copy of the
// record headers, plus bleve for mem and disk; the record strings
// themselves are shared with the caller's slice and not counted);
// peak-RSS-MB, the process's VmHWM so far. "core" is index.Config.CoreOnly:
// the match core and bitmaps without bleve, what batch jobs need (the naive
// baseline's bleve-only B/doc is reported by BenchmarkNaiveMatch).
func BenchmarkIndex(b *testing.B) {
	for _, n := range cfg.sizes {
		for _, where := range []string{"core", "mem", "disk"} {
			b.Run(sizeName(n)+"/"+where, func(b *testing.B) {
				achs := achievements(b, n)
				seg := segmenter(b)
				ctx := context.Background()
				b.ReportAllocs()
				var heap int64
				for b.Loop() {
					b.StopTimer()
					path := ""
					if where == "disk" {
						path = filepath.Join(b.TempDir(), "idx")
					}
					before := heapInuse()
					b.StartTimer()
					idx, err := buildIndex(ctx, index.Config{Segmenter: seg, Path: path, CoreOnly: where == "core"}, achs)
					if err != nil {
						b.Fatal(err)
					}
					b.StopTimer()
					heap = int64(heapInuse()) - int64(before)
					if err := idx.Close(); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
				}
				report(b, float64(n)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
				report(b, float64(heap)/float64(n), "B/doc")
				if hwm, err := peakRSS(); err == nil {
					report(b, float64(hwm)/(1<<20), "peak-RSS-MB")
				}
			})
		}
	}
}

// filters are the two query shapes of the latency benchmarks.
var filters = []struct {
	name string
	inds func(techmatch.Need) []techmatch.Industry
}{
	{"filter=none", func(techmatch.Need) []techmatch.Industry { return nil }},
	{"filter=industry", func(n techmatch.Need) []techmatch.Industry { return n.Industries[:1] }},
}

// BenchmarkMatch measures single-need match.Engine.Match latency (top-10,
// explanations on, as an interactive caller gets them) over an in-memory
// index of n achievements, unfiltered and filtered to the need's first
// industry. One op is one pass over a fixed sample of needs, each timed
// alone; metrics p50-ms and p99-ms are over all timed calls. The index is
// built once per process and shared with BenchmarkMatchAll.
func BenchmarkMatch(b *testing.B) {
	for _, n := range cfg.sizes {
		for _, f := range filters {
			b.Run(sizeName(n)+"/"+f.name, func(b *testing.B) {
				fx := engine(b, n)
				sample := needs(b)[:min(cfg.latencySample, cfg.needs)]
				ctx := context.Background()
				b.ReportAllocs()
				var lat []time.Duration
				empty := 0
				for b.Loop() {
					for _, nd := range sample {
						opt := match.Options{Top: top, Industries: f.inds(nd)}
						t0 := time.Now()
						pairs, err := fx.eng.Match(ctx, nd, opt)
						lat = append(lat, time.Since(t0))
						if err != nil {
							b.Fatalf("Match(%s): %v", nd.ID, err)
						}
						if len(pairs) == 0 {
							empty++
						}
					}
				}
				s := sortedCopy(lat)
				report(b, percentile(s, 0.5), "p50-ms")
				report(b, percentile(s, 0.99), "p99-ms")
				report(b, float64(empty)/float64(len(lat)), "empty-frac")
			})
		}
	}
}

// BenchmarkNaiveMatch is BenchmarkMatch for the naive baseline: one bleve
// query per need (internal/baseline, BM25, the same jieba word analyzer
// segment.AnalyzerWords, the same industry filter, top-10). Metrics:
// p50-ms, p99-ms, speedup-p50 and speedup-p99 = naive ÷ ours (when
// BenchmarkMatch ran in the same process), and the baseline's index build
// (index-docs/s, B/doc, bleve only).
func BenchmarkNaiveMatch(b *testing.B) {
	for _, n := range cfg.sizes {
		for _, f := range filters {
			b.Run(sizeName(n)+"/"+f.name, func(b *testing.B) {
				fx := naive(b, n)
				sample := needs(b)[:min(cfg.naiveSample, cfg.needs)]
				texts := make([]string, len(sample))
				for i, nd := range sample {
					texts[i] = baseline.QueryText(nd)
				}
				ctx := context.Background()
				b.ReportAllocs()
				var lat []time.Duration
				for b.Loop() {
					for i, nd := range sample {
						t0 := time.Now()
						_, _, err := fx.m.Search(ctx, texts[i], f.inds(nd), top)
						lat = append(lat, time.Since(t0))
						if err != nil {
							b.Fatalf("baseline Search(%s): %v", nd.ID, err)
						}
					}
				}
				s := sortedCopy(lat)
				p50, p99 := percentile(s, 0.5), percentile(s, 0.99)
				report(b, p50, "p50-ms")
				report(b, p99, "p99-ms")
				ours := "BenchmarkMatch/" + sizeName(n) + "/" + f.name
				if o, ok := recorded(ours, "p50-ms"); ok && o > 0 {
					report(b, p50/o, "speedup-p50")
				}
				if o, ok := recorded(ours, "p99-ms"); ok && o > 0 {
					report(b, p99/o, "speedup-p99")
				}
				report(b, float64(n)/fx.build.Seconds(), "index-docs/s")
				report(b, float64(fx.heap)/float64(n), "B/doc")
			})
		}
	}
}

// BenchmarkMatchAll measures batch throughput: Engine.MatchAll of all the
// needs (10k; 200 in quick mode), top-10, Workers = GOMAXPROCS, with and
// without explanations. Metric: needs/s.
func BenchmarkMatchAll(b *testing.B) {
	for _, n := range cfg.sizes {
		for _, explain := range []bool{false, true} {
			name := sizeName(n) + "/explain=false"
			if explain {
				name = sizeName(n) + "/explain=true"
			}
			b.Run(name, func(b *testing.B) {
				fx := engine(b, n)
				nds := needs(b)
				ctx := context.Background()
				opt := match.Options{Top: top, NoExplain: !explain}
				b.ReportAllocs()
				for b.Loop() {
					pairs, err := fx.eng.MatchAll(ctx, nds, opt)
					if err != nil {
						b.Fatal(err)
					}
					if len(pairs) == 0 {
						b.Fatal("MatchAll returned no pairs")
					}
				}
				report(b, float64(len(nds))*float64(b.N)/b.Elapsed().Seconds(), "needs/s")
			})
		}
	}
}

// BenchmarkNaiveMatchAll is the naive baseline's batch throughput: one
// bleve query per need with GOMAXPROCS goroutines, on a sample of the
// needs (500; 200 in quick mode) because at 100k achievements the full 10k
// would take minutes. Metrics: needs/s, and speedup (ours NoExplain needs/s
// ÷ naive needs/s) and speedup-explain when BenchmarkMatchAll ran in the
// same process.
func BenchmarkNaiveMatchAll(b *testing.B) {
	for _, n := range cfg.sizes {
		b.Run(sizeName(n), func(b *testing.B) {
			fx := naive(b, n)
			sample := needs(b)[:min(cfg.naiveSample, cfg.needs)]
			texts := make([]string, len(sample))
			for i, nd := range sample {
				texts[i] = baseline.QueryText(nd)
			}
			ctx := context.Background()
			workers := runtime.GOMAXPROCS(0)
			b.ReportAllocs()
			for b.Loop() {
				var next atomic.Int64
				var wg sync.WaitGroup
				var failed atomic.Value
				for range workers {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for {
							i := int(next.Add(1) - 1)
							if i >= len(sample) {
								return
							}
							if _, _, err := fx.m.Search(ctx, texts[i], nil, top); err != nil {
								failed.Store(err)
								return
							}
						}
					}()
				}
				wg.Wait()
				if err := failed.Load(); err != nil {
					b.Fatal(err)
				}
			}
			rate := float64(len(sample)) * float64(b.N) / b.Elapsed().Seconds()
			report(b, rate, "needs/s")
			if o, ok := recorded("BenchmarkMatchAll/"+sizeName(n)+"/explain=false", "needs/s"); ok {
				report(b, o/rate, "speedup")
			}
			if o, ok := recorded("BenchmarkMatchAll/"+sizeName(n)+"/explain=true", "needs/s"); ok {
				report(b, o/rate, "speedup-explain")
			}
		})
	}
}
