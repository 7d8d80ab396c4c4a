// Command loadtest runs the matching service's load test (package
// bench/load) and prints one line per phase.
//
//	go run ./bench/cmd/loadtest [-n 100000] [-clients 32] [-duration 60s] [-writes 0.1] [-index DIR -restart]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"

	"github.com/techmatch/techmatch/bench/load"
)

func main() {
	var c load.Config
	flag.IntVar(&c.Achievements, "n", 100_000, "achievements in the generated catalog")
	flag.IntVar(&c.Needs, "needs", 2000, "distinct generated needs queried")
	flag.IntVar(&c.Clients, "clients", 32, "concurrent clients")
	flag.DurationVar(&c.Duration, "duration", 60_000_000_000, "length of each phase")
	flag.Float64Var(&c.WriteShare, "writes", 0.1, "share of writes (adds and updates) in the mix (negative: matches only)")
	flag.StringVar(&c.IndexDir, "index", "", "keep the index on disk in this (empty or absent) directory")
	flag.BoolVar(&c.Restart, "restart", false, "restart the server in the middle of the HTTP phase (needs -index)")
	flag.Parse()
	c.Progress = os.Stderr
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep, err := load.Run(ctx, c)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
	fmt.Printf("catalog %d achievements, %d clients, %v per phase, %.0f%% writes; setup %v\n",
		rep.Config.Achievements, rep.Config.Clients, rep.Config.Duration, 100*max(0, rep.Config.WriteShare), rep.Setup.Round(1e6))
	fmt.Println(rep.InProcess)
	fmt.Println(rep.HTTP)
	if rep.Restart > 0 {
		fmt.Printf("restart under load: down %v\n", rep.Restart.Round(1e6))
	}
	if rep.InProcess.Errors+rep.HTTP.Errors+rep.InProcess.LostWrites+rep.HTTP.LostWrites > 0 {
		os.Exit(1)
	}
}
