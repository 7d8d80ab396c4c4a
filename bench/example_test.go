package bench_test

import (
	"fmt"
	"os"

	"github.com/techmatch/techmatch/bench"
)

// Example renders the Markdown table for a results file written by the
// benchmark harness (TECHMATCH_BENCH_RESULTS).
func Example() {
	r := &bench.Results{Benchmarks: []bench.Entry{
		{Name: "BenchmarkMatch/n=1000/filter=none", N: 1000, Metrics: map[string]float64{"p50-ms": 0.8}},
		{Name: "BenchmarkNaiveMatch/n=1000/filter=none", N: 1000, Metrics: map[string]float64{"p50-ms": 4, "speedup-p50": 5}},
	}}
	if err := bench.WriteMarkdown(os.Stdout, r); err != nil {
		fmt.Println(err)
	}
	// Output:
	// **n = 1000 achievements**
	//
	// | metric | techmatch | naive bleve | ratio |
	// |---|---:|---:|---:|
	// | Match p50, ms (unfiltered) | 0.800 | 4.00 | 5.00 |
	// | Match p99, ms (unfiltered) | – | – | – |
	// | Match p50, ms (one industry) | – | – | – |
	// | Match p99, ms (one industry) | – | – | – |
	// | MatchAll needs/s, NoExplain | – | – | – |
	// | MatchAll needs/s, with explain | – | – | – |
	// | index docs/s (memory) | – | – | – |
	// | index docs/s (disk) | – | – | – |
	// | heap bytes/achievement (memory) | – | – | – |
	// | heap bytes/achievement (disk) | – | – | – |
	// | segmentation MB/s (ours / raw jieba) | – | – | – |
}
