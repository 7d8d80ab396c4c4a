// Package bench measures techmatch's matching core against the naive
// baseline (one bleve query per need, same jieba analyzer, same filters)
// on synthetic catalogs from bench/gen, and renders the results.
//
// The measurements are Go benchmarks in this package's test files (see
// README.md for the commands and the environment variables selecting
// catalog sizes). With TECHMATCH_BENCH_RESULTS=path the harness also
// writes every reported metric as JSON (Results); the command bench/cmd/chart
// turns that file into an SVG chart (WriteSVG).
//
// The non-test code is small and dependency-free: the Results format
// (Load, Save) and the chart (WriteSVG).
package bench
