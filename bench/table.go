package bench

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
)

// tableRow is one row of the Markdown summary: the benchmark name format
// (one %d for n), the unit, for ours and for the naive baseline ("" when
// there is no counterpart).
type tableRow struct {
	label                string
	ours, oursUnit       string
	naive, naiveUnit     string
	ratioName, ratioUnit string
}

var tableRows = []tableRow{
	{"Match p50, ms (unfiltered)", "BenchmarkMatch/n=%d/filter=none", "p50-ms", "BenchmarkNaiveMatch/n=%d/filter=none", "p50-ms", "BenchmarkNaiveMatch/n=%d/filter=none", "speedup-p50"},
	{"Match p99, ms (unfiltered)", "BenchmarkMatch/n=%d/filter=none", "p99-ms", "BenchmarkNaiveMatch/n=%d/filter=none", "p99-ms", "BenchmarkNaiveMatch/n=%d/filter=none", "speedup-p99"},
	{"Match p50, ms (one industry)", "BenchmarkMatch/n=%d/filter=industry", "p50-ms", "BenchmarkNaiveMatch/n=%d/filter=industry", "p50-ms", "BenchmarkNaiveMatch/n=%d/filter=industry", "speedup-p50"},
	{"Match p99, ms (one industry)", "BenchmarkMatch/n=%d/filter=industry", "p99-ms", "BenchmarkNaiveMatch/n=%d/filter=industry", "p99-ms", "BenchmarkNaiveMatch/n=%d/filter=industry", "speedup-p99"},
	{"MatchAll needs/s, NoExplain", "BenchmarkMatchAll/n=%d/explain=false", "needs/s", "BenchmarkNaiveMatchAll/n=%d", "needs/s", "BenchmarkNaiveMatchAll/n=%d", "speedup"},
	{"MatchAll needs/s, with explain", "BenchmarkMatchAll/n=%d/explain=true", "needs/s", "BenchmarkNaiveMatchAll/n=%d", "needs/s", "BenchmarkNaiveMatchAll/n=%d", "speedup-explain"},
	{"index docs/s (memory)", "BenchmarkIndex/n=%d/mem", "docs/s", "BenchmarkNaiveMatch/n=%d/filter=none", "index-docs/s", "", ""},
	{"index docs/s (disk)", "BenchmarkIndex/n=%d/disk", "docs/s", "", "", "", ""},
	{"heap bytes/achievement (memory)", "BenchmarkIndex/n=%d/mem", "B/doc", "BenchmarkNaiveMatch/n=%d/filter=none", "B/doc", "", ""},
	{"heap bytes/achievement (disk)", "BenchmarkIndex/n=%d/disk", "B/doc", "", "", "", ""},
	{"segmentation MB/s (ours / raw jieba)", "BenchmarkSegment/n=%d", "ours-MB/s", "BenchmarkSegment/n=%d", "jieba-MB/s", "BenchmarkSegment/n=%d", "speed-ratio"},
}

// WriteMarkdown writes one Markdown table per catalog size: techmatch,
// the naive baseline and the ratio, for the metrics of the suite. Missing
// values print as "–".
func WriteMarkdown(w io.Writer, r *Results) error {
	bw := bufio.NewWriter(w)
	for _, n := range r.Sizes() {
		fmt.Fprintf(bw, "\n**n = %d achievements**\n\n", n)
		fmt.Fprintln(bw, "| metric | techmatch | naive bleve | ratio |")
		fmt.Fprintln(bw, "|---|---:|---:|---:|")
		for _, row := range tableRows {
			cell := func(name, unit string) string {
				if name == "" {
					return "–"
				}
				v, ok := r.Lookup(fmt.Sprintf(name, n), unit)
				if !ok {
					return "–"
				}
				return strconv.FormatFloat(v, 'f', decimals(v), 64)
			}
			fmt.Fprintf(bw, "| %s | %s | %s | %s |\n", row.label, cell(row.ours, row.oursUnit),
				cell(row.naive, row.naiveUnit), cell(row.ratioName, row.ratioUnit))
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("bench: table: %w", err)
	}
	return nil
}

// decimals keeps about three significant digits.
func decimals(v float64) int {
	switch {
	case v >= 100:
		return 0
	case v >= 10:
		return 1
	case v >= 1:
		return 2
	}
	return 3
}
