package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/match"
)

func newMatchCmd() *cobra.Command {
	var (
		cf         catalogFlags
		top        int
		out        string
		format     string
		direction  string
		industries []string
		workers    int
		noExplain  bool
		recip      float64
	)
	cmd := &cobra.Command{
		Use:   "match",
		Short: "Print each need's top achievements (or each achievement's top needs) as JSON Lines or CSV",
		Example: `  techmatch match --achievements testdata/achievements.jsonl --needs testdata/needs.jsonl --top 10
  techmatch match --achievements a.xlsx --needs n.csv --format csv --out pairs.csv --industries auto,materials`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			fmtw := techmatch.Format(format)
			if fmtw != techmatch.FormatJSONL && fmtw != techmatch.FormatCSV {
				return fmt.Errorf("--format %q: want jsonl or csv", format)
			}
			if direction != "need" && direction != "achievement" {
				return fmt.Errorf("--direction %q: want need or achievement", direction)
			}
			var inds []techmatch.Industry
			for _, s := range industries {
				ind, err := techmatch.ParseIndustry(s)
				if err != nil {
					return fmt.Errorf("--industries: %w", err)
				}
				inds = append(inds, ind)
			}
			data, err := cf.load(ctx, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			rc, seg := data.rank, data.seg
			var w io.Writer = cmd.OutOrStdout()
			if out != "" {
				f, err := os.Create(out)
				if err != nil {
					return err
				}
				defer f.Close()
				w = f
			}
			bw := bufio.NewWriterSize(w, 1<<16)
			pw, err := techmatch.NewPairWriter(bw, fmtw)
			if err != nil {
				return err
			}
			opt := match.Options{Top: top, Industries: inds, Workers: workers, NoExplain: noExplain}
			cfg := match.Config{Rank: rc}
			n := len(data.needs)
			if direction == "achievement" {
				n = len(data.achs)
			}
			var bar *progressbar.ProgressBar
			if stderrIsTerminal() && out != "" {
				bar = progressbar.Default(int64(n), "matching")
			}
			emit := func(_ int, pairs []techmatch.Pair) error {
				for _, p := range pairs {
					if err := pw.Write(p); err != nil {
						return err
					}
				}
				if bar != nil {
					bar.Add(1)
				}
				return nil
			}
			if direction == "need" {
				idx, err := buildIndex(ctx, seg, cf.indexPath, data.achs)
				if err != nil {
					return err
				}
				defer idx.Close()
				eng, err := match.New(idx, cfg)
				if err != nil {
					return err
				}
				if recip > 0 {
					pairs, err := reciprocal(ctx, data, eng, cfg, opt, recip)
					if err != nil {
						return err
					}
					if err := emit(0, pairs); err != nil {
						return err
					}
				} else if err := eng.MatchEach(ctx, data.needs, opt, emit); err != nil {
					return err
				}
			} else {
				idx, err := buildIndex(ctx, seg, cf.indexPath, data.needs)
				if err != nil {
					return err
				}
				defer idx.Close()
				eng, err := match.NewReverse(idx, cfg)
				if err != nil {
					return err
				}
				if err := eng.MatchEach(ctx, data.achs, opt, emit); err != nil {
					return err
				}
			}
			if err := pw.Flush(); err != nil {
				return err
			}
			return bw.Flush()
		},
	}
	f := cmd.Flags()
	cf.add(f)
	f.StringVar(&cf.indexPath, "index", "", "keep the index on disk in this directory (default: in memory)")
	f.IntVar(&top, "top", 10, "results per need (per achievement with --direction achievement)")
	f.StringVar(&out, "out", "", "write to this file instead of stdout")
	f.StringVar(&format, "format", "jsonl", "output format: jsonl or csv (UTF-8 with BOM)")
	f.StringVar(&direction, "direction", "need", "need: each need's top achievements; achievement: each achievement's top needs")
	f.StringSliceVar(&industries, "industries", nil, "only propose records of these industries (codes or Chinese names, comma-separated)")
	f.IntVar(&workers, "workers", 0, "worker goroutines (default: number of CPUs)")
	f.BoolVar(&noExplain, "no-explain", false, "omit the explain object")
	f.Float64Var(&recip, "reciprocal", 0, "fuse each pair's score in the achievement→need view with this weight, e.g. 0.3 (0: off; --direction need only)")
	return cmd
}
