package index

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/segment"
)

// Synthetic Chinese catalogs for benchmarks: domain terms of the embedded
// lexicon with Zipf frequencies (shuffled, so frequency is independent of
// the lexicon's file order), joined by common technical verbs and function
// words and punctuated into sentences; ~20-character titles and
// 100–300-character descriptions.
var (
	benchLexOnce sync.Once
	benchLex     []string
	benchGlue    = strings.Fields("本项目 采用 基于 一种 提高 降低 实现 解决 优化 改善 突破 用于 具有 通过 及其 的 和 与 在 中 了 关键技术 制备方法 系统 装置 工艺 应用 性能 研究 开发 成本 效率 稳定性 可靠性 国内 领先 自主 产业化")
	benchTails   = strings.Fields("制备方法 系统 装置 关键技术 工艺 平台 及其应用 检测方法 优化设计 产业化")
)

func benchLexicon(tb testing.TB) []string {
	benchLexOnce.Do(func() {
		lex, err := segment.EmbeddedLexicon()
		if err != nil {
			tb.Fatal(err)
		}
		slices.Sort(lex)
		lex = slices.Compact(lex)
		r := rand.New(rand.NewPCG(42, 42))
		r.Shuffle(len(lex), func(i, j int) { lex[i], lex[j] = lex[j], lex[i] })
		benchLex = lex
	})
	return benchLex
}

// benchGen generates records; not safe for concurrent use.
type benchGen struct {
	r    *rand.Rand
	zipf *rand.Zipf
	lex  []string
}

func newBenchGen(tb testing.TB, seed uint64) *benchGen {
	lex := benchLexicon(tb)
	r := rand.New(rand.NewPCG(seed, 13))
	return &benchGen{r: r, zipf: rand.NewZipf(r, 1.07, 2, uint64(len(lex)-1)), lex: lex}
}

func (g *benchGen) term() string { return g.lex[g.zipf.Uint64()] }

func (g *benchGen) text(minRunes, maxRunes int) string {
	target := minRunes + g.r.IntN(maxRunes-minRunes+1)
	var b strings.Builder
	n, inSentence := 0, 0
	for n < target {
		var w string
		if g.r.IntN(5) < 2 {
			w = benchGlue[g.r.IntN(len(benchGlue))]
		} else {
			w = g.term()
		}
		b.WriteString(w)
		n += utf8.RuneCountInString(w)
		if inSentence++; inSentence > 4+g.r.IntN(6) {
			if g.r.IntN(3) == 0 {
				b.WriteString("。")
			} else {
				b.WriteString("，")
			}
			n, inSentence = n+1, 0
		}
	}
	return b.String() + "。"
}

func (g *benchGen) achievement(i int) techmatch.Achievement {
	title := g.term() + g.term() + g.term() + benchTails[g.r.IntN(len(benchTails))]
	a := techmatch.Achievement{
		ID:          fmt.Sprintf("B%07d", i),
		Title:       title,
		Description: g.text(100, 300),
		Keywords:    []string{g.term(), g.term()},
		Industries:  []techmatch.Industry{testIndustries[g.r.IntN(len(testIndustries))]},
	}
	if g.r.IntN(4) == 0 {
		a.Industries = append(a.Industries, testIndustries[g.r.IntN(len(testIndustries))])
	}
	return a
}

func benchCatalog(tb testing.TB, seed uint64, n int) []techmatch.Achievement {
	g := newBenchGen(tb, seed)
	out := make([]techmatch.Achievement, n)
	for i := range out {
		out[i] = g.achievement(i)
	}
	return out
}

// needQuery turns a record into match-core terms the way the match
// package does: words (title × 2, description, keywords × 1.5) and bigrams
// at weight × 0.25, each with weight 1+ln(raw) (raw itself below 1).
func needQuery(tb testing.TB, seg *segment.Segmenter, n techmatch.Need, top int) Query {
	type key struct {
		t string
		f Field
	}
	w := map[key]float64{}
	add := func(text string, boost float64) {
		for f, mode := range []segment.Mode{segment.ModeSearch, segment.ModeBigram} {
			toks, err := seg.AppendTerms(nil, text, mode)
			if err != nil {
				tb.Fatal(err)
			}
			b := boost
			if Field(f) == FieldBigrams {
				b *= 0.25
			}
			for _, t := range toks {
				if Field(f) == FieldWords && seg.IsBoilerplate(t) {
					continue
				}
				w[key{t, Field(f)}] += b
			}
		}
	}
	add(n.Title, DefaultTitleBoost)
	add(n.Description, 1)
	for _, k := range n.Keywords {
		add(k, DefaultKeywordBoost)
	}
	q := Query{Top: top}
	for k, raw := range w {
		wt := raw
		if raw >= 1 {
			wt = 1 + math.Log(raw)
		}
		q.Terms = append(q.Terms, QueryTerm{Term: k.t, Field: k.f, Weight: wt})
	}
	slices.SortFunc(q.Terms, func(a, b QueryTerm) int {
		if a.Field != b.Field {
			return int(a.Field) - int(b.Field)
		}
		return strings.Compare(a.Term, b.Term)
	})
	return q
}

// benchNeeds makes need-like queries: 100–300-character texts from the
// same distribution as the catalog.
func benchNeeds(tb testing.TB, seg *segment.Segmenter, k, top int) []Query {
	g := newBenchGen(tb, 977)
	out := make([]Query, k)
	for i := range out {
		a := g.achievement(i)
		out[i] = needQuery(tb, seg, techmatch.Need{ID: a.ID, Title: a.Title, Description: a.Description, Keywords: a.Keywords}, top)
	}
	return out
}

// benchSizes are the catalog sizes; TECHMATCH_BENCH_LARGE=1 adds 100000.
func benchSizes() []int {
	sizes := []int{1000, 10000}
	if os.Getenv("TECHMATCH_BENCH_LARGE") != "" {
		sizes = append(sizes, 100000)
	}
	return sizes
}

// BenchmarkSegment measures segmentation alone: what Add's analysis runs
// per record (words of title, description and keywords; bigrams of the
// same), on one goroutine.
func BenchmarkSegment(b *testing.B) {
	recs := benchCatalog(b, 1, 2000)
	b.ReportAllocs()
	var toks []string
	docs, bytes := 0, 0
	start := time.Now()
	for b.Loop() {
		a := recs[docs%len(recs)]
		for _, mode := range []segment.Mode{segment.ModeSearch, segment.ModeBigram} {
			for _, text := range append([]string{a.Title, a.Description}, a.Keywords...) {
				var err error
				if toks, err = testSeg.AppendTerms(toks[:0], text, mode); err != nil {
					b.Fatal(err)
				}
				if mode == segment.ModeSearch {
					bytes += len(text)
				}
			}
		}
		docs++
	}
	el := time.Since(start).Seconds()
	b.ReportMetric(float64(docs)/el, "docs/s")
	b.ReportMetric(float64(bytes)/el/1e6, "jiebaMB/s")
}

// BenchmarkAdd measures Add of n records into a fresh index: core only
// (Config.CoreOnly), core + in-memory bleve, core + on-disk bleve. The
// first Search's refresh (merging postings, computing impacts) is
// included, so docs/s is the rate to a searchable core.
func BenchmarkAdd(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes() {
		recs := benchCatalog(b, 1, n)
		for _, mode := range []string{"core", "mem", "disk"} {
			if n > 10000 && mode == "disk" && os.Getenv("TECHMATCH_BENCH_LARGE") == "" {
				continue
			}
			b.Run(fmt.Sprintf("store=%s/n=%d", mode, n), func(b *testing.B) {
				b.ReportAllocs()
				var el time.Duration
				iters := 0
				for b.Loop() {
					cfg := Config{Segmenter: testSeg, CoreOnly: mode == "core"}
					if mode == "disk" {
						cfg.Path = b.TempDir() + "/ix"
					}
					start := time.Now()
					ix, err := New[techmatch.Achievement](ctx, cfg)
					if err != nil {
						b.Fatal(err)
					}
					if err := ix.Add(ctx, recs...); err != nil {
						b.Fatal(err)
					}
					if _, err := ix.Search(ctx, Query{Top: 1, Terms: []QueryTerm{{Term: "材料", Weight: 1}}}); err != nil {
						b.Fatal(err)
					}
					el += time.Since(start)
					if err := ix.Close(); err != nil {
						b.Fatal(err)
					}
					iters++
				}
				b.ReportMetric(float64(n*iters)/el.Seconds(), "docs/s")
			})
		}
	}
}

// BenchmarkCheck measures the door every record passes in Add and Sync
// (check: normalised copy, Validate and, with encode, JSON encoding and
// SHA-256), one goroutine, per record: to compare with BenchmarkSegment's
// analysis. A core-only Add runs it without encode.
func BenchmarkCheck(b *testing.B) {
	recs := benchCatalog(b, 1, 2000)
	for _, encode := range []bool{false, true} {
		b.Run(fmt.Sprintf("encode=%v", encode), func(b *testing.B) {
			b.ReportAllocs()
			var p prepared[techmatch.Achievement]
			i := 0
			for b.Loop() {
				check(recs[i%len(recs)], i, "add", encode, &p)
				if p.err != nil {
					b.Fatal(p.err)
				}
				i++
			}
		})
	}
}

// BenchmarkNewLocked measures how long New takes to refuse a directory
// another Index holds (the *LockedError path).
func BenchmarkNewLocked(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "ix")
	ix, err := New[techmatch.Achievement](ctx, Config{Segmenter: testSeg, Path: path})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New[techmatch.Achievement](ctx, Config{Segmenter: testSeg, Path: path}); !errors.Is(err, ErrLocked) {
			b.Fatalf("got %v, want ErrLocked", err)
		}
	}
}

// BenchmarkSearch measures the match core on need-like queries (~40–80
// word terms and ~60–150 bigram terms), Top 64, over n achievements,
// without a filter and with a one-industry filter.
func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes() {
		ix, err := New[techmatch.Achievement](ctx, Config{Segmenter: testSeg, CoreOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		if err := ix.Add(ctx, benchCatalog(b, 1, n)...); err != nil {
			b.Fatal(err)
		}
		queries := benchNeeds(b, testSeg, 200, 64)
		if _, err := ix.Search(ctx, queries[0]); err != nil { // refresh outside the loop
			b.Fatal(err)
		}
		for _, filter := range []string{"none", "one"} {
			b.Run(fmt.Sprintf("n=%d/filter=%s", n, filter), func(b *testing.B) {
				b.ReportAllocs()
				lat := make([]time.Duration, 0, 1<<16)
				i, hits := 0, 0
				for b.Loop() {
					q := queries[i%len(queries)]
					if filter == "one" {
						q.Industries = []techmatch.Industry{testIndustries[i%4]}
					}
					t0 := time.Now()
					res, err := ix.Search(ctx, q)
					if err != nil {
						b.Fatal(err)
					}
					lat = append(lat, time.Since(t0))
					hits += len(res)
					i++
				}
				slices.Sort(lat)
				ms := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }
				b.ReportMetric(ms(lat[len(lat)/2]), "p50_ms")
				b.ReportMetric(ms(lat[len(lat)*99/100]), "p99_ms")
				terms := 0
				for _, q := range queries {
					terms += len(q.Terms)
				}
				b.ReportMetric(float64(terms)/float64(len(queries)), "terms/query")
			})
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCoreMemory measures the match core's heap per document: the
// live heap after building a core of n records (without bleve, the
// records' text excluded: analysis outputs are added straight to a core)
// minus the heap before.
func BenchmarkCoreMemory(b *testing.B) {
	for _, n := range benchSizes() {
		recs := benchCatalog(b, 1, n)
		a := newAnalyser(segmenterTerms(testSeg), DefaultTitleBoost, DefaultKeywordBoost)
		fields := make([][numFields]analysed, n)
		for i, r := range recs {
			ra, err := a.record(r.Title, r.Description, r.Keywords, false)
			if err != nil {
				b.Fatal(err)
			}
			fields[i] = ra.fields
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var perDoc, postings float64
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				c := newCore(DefaultK1, DefaultB)
				for i, r := range recs {
					if _, err := c.add(r.ID, r.Industries, fields[i]); err != nil {
						b.Fatal(err)
					}
				}
				c.refresh()
				runtime.GC()
				runtime.ReadMemStats(&after)
				perDoc = (float64(after.HeapAlloc) - float64(before.HeapAlloc)) / float64(n)
				postings = float64(len(c.spaces[0].pDoc)+len(c.spaces[1].pDoc)) / float64(n)
				runtime.KeepAlive(c)
			}
			b.ReportMetric(perDoc, "bytes/doc")
			b.ReportMetric(postings, "postings/doc")
		})
	}
}
