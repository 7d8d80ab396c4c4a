// Command latency is a quick probe of single-need Match latency on a
// generated catalog, without the full benchmark suite: it builds a
// core-only index of n achievements (bench/gen, seed 1), matches q
// generated needs one at a time for several query configurations, and
// prints p50 and p99 per configuration.
//
//	go run ./bench/cmd/latency -n 100000 -q 300 [-cpuprofile FILE]
//
// The configurations show what each part of the query costs: the default,
// at most 16 bigram terms, no bigrams, no knowledge-base expansion, and
// neither. With -cpuprofile only the default configuration runs, profiled.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"slices"
	"time"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/bench/gen"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/match"
	"github.com/techmatch/techmatch/segment"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "latency:", err)
		os.Exit(1)
	}
}

func run() error {
	n := flag.Int("n", 100000, "achievements in the catalog")
	q := flag.Int("q", 300, "needs to match")
	prof := flag.String("cpuprofile", "", "write a CPU profile of the default configuration to this file")
	flag.Parse()
	ctx := context.Background()
	g, err := gen.New(1)
	if err != nil {
		return err
	}
	achs, err := g.Achievements(ctx, *n)
	if err != nil {
		return err
	}
	needs, err := g.Needs(ctx, *q)
	if err != nil {
		return err
	}
	seg, err := segment.Default()
	if err != nil {
		return err
	}
	t0 := time.Now()
	idx, err := index.New[techmatch.Achievement](ctx, index.Config{Segmenter: seg, CoreOnly: true})
	if err != nil {
		return err
	}
	defer idx.Close()
	if err := idx.Add(ctx, achs...); err != nil {
		return err
	}
	// The first search computes the impacts: count it in the build.
	if _, err := idx.Search(ctx, index.Query{Terms: []index.QueryTerm{{Term: achs[0].Keywords[0], Weight: 1}}, Top: 1}); err != nil {
		return err
	}
	fmt.Printf("indexed %d achievements (core only) in %v\n", *n, time.Since(t0).Round(time.Millisecond))

	configs := []struct {
		name string
		q    match.QueryConfig
	}{
		{"default", match.QueryConfig{}},
		{"bigrams≤16", match.QueryConfig{MaxBigrams: 16}},
		{"min idf 1", match.QueryConfig{MinIDF: 1}},
		{"min idf 1.6", match.QueryConfig{MinIDF: 1.6}},
		{"no bigrams", match.QueryConfig{NoBigrams: true}},
		{"no expansion", match.QueryConfig{NoExpansion: true}},
		{"neither", match.QueryConfig{NoBigrams: true, NoExpansion: true}},
	}
	if *prof != "" {
		f, err := os.Create(*prof)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
		configs = configs[:1]
	}
	for _, c := range configs {
		eng, err := match.New(ctx, idx, match.Config{Query: c.q})
		if err != nil {
			return err
		}
		d := make([]time.Duration, 0, len(needs))
		for _, nd := range needs {
			t := time.Now()
			if _, err := eng.Match(ctx, nd, match.Options{Top: 10}); err != nil {
				return err
			}
			d = append(d, time.Since(t))
		}
		slices.Sort(d)
		fmt.Printf("%-13s p50 %8v  p99 %8v\n", c.name, d[len(d)/2].Round(time.Microsecond), d[len(d)*99/100].Round(time.Microsecond))
	}
	return nil
}
