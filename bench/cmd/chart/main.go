// Command chart renders benchmark results (written by the bench harness
// with TECHMATCH_BENCH_RESULTS=path) as an SVG chart:
//
//	go run ./bench/cmd/chart -in bench/results.json -out bench/chart.svg
//
// It plots single-need Match latency p50/p99 and MatchAll throughput
// against catalog size (log x), techmatch vs the naive bleve baseline.
// With -table it also prints the Markdown tables of bench/README.md.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/techmatch/techmatch/bench"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "chart:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("chart", flag.ContinueOnError)
	in := fs.String("in", "bench/results.json", "results file")
	out := fs.String("out", "bench/chart.svg", "SVG output file")
	table := fs.Bool("table", false, "also print the Markdown results tables to standard output")
	if err := fs.Parse(args); err != nil {
		return err
	}
	r, err := bench.Load(*in)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := bench.WriteSVG(&buf, r, bench.DefaultPanels); err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	if *table {
		return bench.WriteMarkdown(os.Stdout, r)
	}
	return nil
}
