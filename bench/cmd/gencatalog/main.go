// Command gencatalog writes a synthetic catalog (package bench/gen) as JSON
// Lines:
//
//	go run ./bench/cmd/gencatalog -n 100000 -seed 1 -kind achievements -out a.jsonl
//
// The same flags give byte-identical output. -out "" or "-" writes to
// standard output.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/techmatch/techmatch/bench/gen"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gencatalog:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("gencatalog", flag.ContinueOnError)
	n := fs.Int("n", 1000, "number of records")
	seed := fs.Uint64("seed", 1, "generator seed")
	kind := fs.String("kind", "achievements", "achievements or needs")
	out := fs.String("out", "-", "output file (- for standard output)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if *n < 0 {
		return fmt.Errorf("-n %d: want ≥ 0", *n)
	}
	k, err := gen.ParseKind(*kind)
	if err != nil {
		return err
	}
	g, err := gen.New(*seed)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if *out == "" || *out == "-" {
		return g.WriteJSONL(ctx, stdout, k, *n)
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	if err := g.WriteJSONL(ctx, f, k, *n); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", *out, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: %w", *out, err)
	}
	return nil
}
