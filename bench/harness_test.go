package bench

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/bench/gen"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/internal/baseline"
	"github.com/techmatch/techmatch/match"
	"github.com/techmatch/techmatch/segment"
)

// Environment variables selecting the benchmark configuration.
const (
	// envQuick selects the CI configuration: n=1000 and 200 needs.
	envQuick = "TECHMATCH_BENCH_QUICK"
	// envLarge adds n=1000000.
	envLarge = "TECHMATCH_BENCH_LARGE"
	// envResults names the results.json file to write at the end.
	envResults = "TECHMATCH_BENCH_RESULTS"
)

// seed of every generated catalog.
const seed = 1

// top is the k of every match.
const top = 10

// config is the run configuration read from the environment.
type config struct {
	quick bool
	sizes []int
	// needs is the number of needs of MatchAll.
	needs int
	// latencySample and naiveSample are the needs timed one by one per
	// benchmark iteration (ours, naive).
	latencySample, naiveSample int
}

var cfg = func() config {
	c := config{sizes: []int{1000, 10000, 100000}, needs: 10000, latencySample: 1000, naiveSample: 500}
	if os.Getenv(envQuick) != "" {
		c = config{quick: true, sizes: []int{1000}, needs: 200, latencySample: 200, naiveSample: 200}
	}
	if os.Getenv(envLarge) != "" && !c.quick {
		c.sizes = append(c.sizes, 1000000)
	}
	return c
}()

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if path := os.Getenv(envResults); path != "" && len(collector.entries) > 0 {
		if err := writeResults(path); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			code = 1
		}
	}
	os.Exit(code)
}

// collector keeps every metric reported through report, for results.json
// and for ratios computed across benchmarks of the same run.
var collector = struct {
	mu      sync.Mutex
	entries []Entry
}{}

// report calls b.ReportMetric and records the value under b.Name().
func report(b *testing.B, v float64, unit string) {
	b.ReportMetric(v, unit)
	collector.mu.Lock()
	defer collector.mu.Unlock()
	name := b.Name()
	for i := range collector.entries {
		if collector.entries[i].Name == name {
			collector.entries[i].Metrics[unit] = v
			return
		}
	}
	collector.entries = append(collector.entries, Entry{Name: name, N: ParseN(name), Metrics: map[string]float64{unit: v}})
}

// recorded returns a metric reported earlier in this run.
func recorded(name, unit string) (float64, bool) {
	collector.mu.Lock()
	defer collector.mu.Unlock()
	r := Results{Benchmarks: collector.entries}
	return r.Lookup(name, unit)
}

func writeResults(path string) error {
	r := Results{
		Time:       time.Now().Format(time.RFC3339),
		GoVersion:  runtime.Version(),
		GOOS:       runtime.GOOS,
		GOARCH:     runtime.GOARCH,
		CPUs:       runtime.NumCPU(),
		GOMAXPROCS: runtime.GOMAXPROCS(0),
		Quick:      cfg.quick,
		Needs:      cfg.needs,
		Benchmarks: collector.entries,
	}
	if out, err := exec.Command("git", "rev-parse", "HEAD").Output(); err == nil {
		r.Git = strings.TrimSpace(string(out))
	}
	if out, err := exec.Command("git", "status", "--porcelain").Output(); err == nil {
		for _, line := range strings.Split(string(out), "\n") {
			if strings.TrimSpace(line) != "" {
				r.GitDirty++
			}
		}
	}
	if hwm, err := peakRSS(); err == nil {
		r.PeakRSSMB = float64(hwm) / (1 << 20)
	}
	return r.Save(path)
}

// peakRSS returns VmHWM of /proc/self/status in bytes.
func peakRSS() (uint64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			fs := strings.Fields(v) // "123456 kB"
			if len(fs) != 2 || fs[1] != "kB" {
				return 0, fmt.Errorf("/proc/self/status: VmHWM %q: want \"<n> kB\"", v)
			}
			kb, err := strconv.ParseUint(fs[0], 10, 64)
			if err != nil {
				return 0, fmt.Errorf("/proc/self/status: VmHWM: %w", err)
			}
			return kb << 10, nil
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("/proc/self/status: no VmHWM line")
}

// heapInuse returns HeapInuse after a full GC.
func heapInuse() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// ---- fixtures: built once per process, shared by sub-benchmarks ----

var (
	genOnce sync.Once
	genG    *gen.Generator
	genErr  error
)

func generator(tb testing.TB) *gen.Generator {
	tb.Helper()
	genOnce.Do(func() { genG, genErr = gen.New(seed) })
	if genErr != nil {
		tb.Fatal(genErr)
	}
	return genG
}

func segmenter(tb testing.TB) *segment.Segmenter {
	tb.Helper()
	s, err := segment.Default()
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// lazy is a value built once on first use.
type lazy[T any] struct {
	once sync.Once
	v    T
	err  error
}

func (l *lazy[T]) get(tb testing.TB, build func() (T, error)) T {
	tb.Helper()
	l.once.Do(func() { l.v, l.err = build() })
	if l.err != nil {
		tb.Fatal(l.err)
	}
	return l.v
}

// lazyMap holds one lazy value per catalog size.
type lazyMap[T any] struct {
	mu sync.Mutex
	m  map[int]*lazy[T]
}

func (lm *lazyMap[T]) get(tb testing.TB, n int, build func() (T, error)) T {
	tb.Helper()
	lm.mu.Lock()
	if lm.m == nil {
		lm.m = map[int]*lazy[T]{}
	}
	l := lm.m[n]
	if l == nil {
		l = &lazy[T]{}
		lm.m[n] = l
	}
	lm.mu.Unlock()
	return l.get(tb, build)
}

var (
	achCatalogs lazyMap[[]techmatch.Achievement]
	needCatalog lazy[[]techmatch.Need]
	engines     lazyMap[*engineFixture]
	naives      lazyMap[*naiveFixture]
)

func achievements(tb testing.TB, n int) []techmatch.Achievement {
	tb.Helper()
	g := generator(tb)
	return achCatalogs.get(tb, n, func() ([]techmatch.Achievement, error) {
		return g.Achievements(context.Background(), n)
	})
}

func needs(tb testing.TB) []techmatch.Need {
	tb.Helper()
	g := generator(tb)
	return needCatalog.get(tb, func() ([]techmatch.Need, error) {
		return g.Needs(context.Background(), cfg.needs)
	})
}

// engineFixture is an in-memory index of n achievements and its engine.
type engineFixture struct {
	idx *index.Index[techmatch.Achievement]
	eng *match.Engine
	// build is the time of index.New + Add + the first Search; heap the
	// HeapInuse delta it caused.
	build time.Duration
	heap  int64
}

func buildIndex(ctx context.Context, cfg index.Config, achs []techmatch.Achievement) (*index.Index[techmatch.Achievement], error) {
	idx, err := index.New[techmatch.Achievement](ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("index.New: %w", err)
	}
	if err := idx.Add(ctx, achs...); err != nil {
		idx.Close()
		return nil, fmt.Errorf("index.Add: %w", err)
	}
	// Impacts are computed lazily by the first Search after a write:
	// include it so that "indexed" means "searchable".
	q := index.Query{Terms: []index.QueryTerm{{Term: achs[0].Keywords[0], Field: index.FieldWords, Weight: 1}}, Top: 1}
	if _, err := idx.Search(ctx, q); err != nil {
		idx.Close()
		return nil, fmt.Errorf("index.Search: %w", err)
	}
	return idx, nil
}

func engine(tb testing.TB, n int) *engineFixture {
	tb.Helper()
	achs := achievements(tb, n)
	seg := segmenter(tb)
	return engines.get(tb, n, func() (*engineFixture, error) {
		before := heapInuse()
		t0 := time.Now()
		idx, err := buildIndex(context.Background(), index.Config{Segmenter: seg}, achs)
		if err != nil {
			return nil, fmt.Errorf("n=%d: %w", n, err)
		}
		d := time.Since(t0)
		after := heapInuse()
		eng, err := match.New(context.Background(), idx, match.Config{})
		if err != nil {
			return nil, fmt.Errorf("n=%d: match.New: %w", n, err)
		}
		return &engineFixture{idx: idx, eng: eng, build: d, heap: int64(after) - int64(before)}, nil
	})
}

// naiveFixture is the naive baseline over n achievements: internal/baseline
// with the techmatch jieba word analyzer.
type naiveFixture struct {
	m     *baseline.Matcher
	build time.Duration
	heap  int64
}

func newNaive(seg *segment.Segmenter) (*baseline.Matcher, error) {
	return baseline.New(baseline.Config{Analyzer: segment.AnalyzerWords, Mapping: seg.AddAnalyzers})
}

func naive(tb testing.TB, n int) *naiveFixture {
	tb.Helper()
	achs := achievements(tb, n)
	seg := segmenter(tb)
	return naives.get(tb, n, func() (*naiveFixture, error) {
		before := heapInuse()
		t0 := time.Now()
		m, err := newNaive(seg)
		if err != nil {
			return nil, err
		}
		recs := make([]techmatch.Record, len(achs))
		for i := range achs {
			recs[i] = achs[i]
		}
		if err := m.Add(context.Background(), recs...); err != nil {
			m.Close()
			return nil, fmt.Errorf("n=%d: baseline.Add: %w", n, err)
		}
		d := time.Since(t0)
		after := heapInuse()
		return &naiveFixture{m: m, build: d, heap: int64(after) - int64(before)}, nil
	})
}

// percentile returns the p-quantile (0..1) of sorted durations, in ms.
func percentile(sorted []time.Duration, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p*float64(len(sorted)-1) + 0.5)
	return float64(sorted[i]) / float64(time.Millisecond)
}

func sortedCopy(ds []time.Duration) []time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s
}

func sizeName(n int) string { return "n=" + strconv.Itoa(n) }
