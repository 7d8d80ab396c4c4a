package main

import (
	"bufio"
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/internal/inert"
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
		asg        assignFlags
		fold       bool
		progMode   string
		pageBreak  bool
		vf         viewFlags
		wsf        wsFlags
	)
	cmd := &cobra.Command{
		Use:   "match",
		Short: "Print each need's top achievements (or each achievement's top needs) as JSON Lines or CSV",
		Example: `  techmatch match --achievements testdata/achievements.jsonl --needs testdata/needs.jsonl --top 10
  techmatch match --achievements a.xlsx --needs n.csv --format csv --out pairs.csv --industries auto,materials`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			start := time.Now()
			stderr := cmd.ErrOrStderr()
			fmtw := techmatch.Format(format)
			if fmtw != techmatch.FormatJSONL && fmtw != techmatch.FormatCSV && !isReportFormat(format) {
				return fmt.Errorf("--format %q: want jsonl, csv, xlsx or html", format)
			}
			if err := checkProgress(progMode); err != nil {
				return err
			}
			if progMode == progressAuto && out == "" {
				progMode = progressNever // the output is on the terminal
			}
			if isReportFormat(format) {
				if err := checkReportFlags(format, out, direction); err != nil {
					return err
				}
			}
			if direction != "need" && direction != "achievement" {
				return fmt.Errorf("--direction %q: want need or achievement", direction)
			}
			if err := checkRange("--top", top, 1, match.MaxTop); err != nil {
				return err
			}
			if err := checkRange("--workers", workers, 1, match.MaxWorkers); err != nil {
				return err
			}
			if recip < 0 || recip > 1 || recip != recip {
				return fmt.Errorf("--reciprocal %v: want a weight in [0,1] (0: off)", recip)
			}
			if recip > 0 && direction != "need" {
				return fmt.Errorf("--reciprocal works with --direction need only")
			}
			inds, err := parseIndustries(industries)
			if err != nil {
				return err
			}
			caps, err := asg.check(cmd.Flags(), top, direction, recip)
			if err != nil {
				return err
			}
			since, err := wsf.check(&cf, format, direction, recip, asg.on)
			if err != nil {
				return err
			}
			cf.progress = progMode
			data, err := cf.load(ctx, stderr)
			if err != nil {
				return err
			}
			defer data.close()
			if fold {
				if err := foldDuplicates(ctx, data); err != nil {
					return err
				}
			}
			data.progress = progMode
			if data.view, err = vf.build(ctx, cmd.Flags(), data, &cf, top, direction == "achievement", asg.on); err != nil {
				return err
			}
			opt := match.Options{Top: top, Industries: inds, Workers: workers, NoExplain: noExplain}
			cfg := data.config(match.QueryConfig{})
			if wsf.on() {
				return deltaRun(ctx, cmd.OutOrStdout(), stderr, data, cfg, opt, since, format, out, describeRun(cmd), start)
			}
			queries, docs, qnoun, dnoun := len(data.needs), len(data.achs), "needs", "achievements"
			if direction == "achievement" {
				queries, docs, qnoun, dnoun = docs, queries, dnoun, qnoun
			}
			dst, err := createOutput(cmd.OutOrStdout(), out)
			if err != nil {
				return err
			}
			defer dst.discard()
			bw := bufio.NewWriterSize(dst, 1<<16)
			var pw pairSink
			if isReportFormat(format) {
				rs, err := newReportSink(ctx, bw, format, data, pageBreak)
				if err != nil {
					return err
				}
				rs.title = reportTitle(out)
				pw = rs
			} else if pw, err = techmatch.NewPairWriter(bw, fmtw); err != nil {
				return err
			}
			bar := newProgress(progMode, stderr, queries, "matching")
			written, skipped := 0, 0
			opt.OnSkip = func(_ int, err error) {
				skipped++
				fmt.Fprintln(stderr, "skipped:", err)
			}
			if asg.on {
				return assignRun(ctx, data, cfg, opt, caps, bw, fmtw, dst, out, &skipped, start)
			}
			opt = data.view.widen(opt)
			emit := func(_ int, pairs []techmatch.Pair) error {
				pairs = data.view.filter(pairs)
				for _, p := range pairs {
					if err := pw.Write(p); err != nil {
						return err
					}
				}
				written += len(pairs)
				bar.Add(1)
				return nil
			}
			emit = data.recordPairs(emit)
			if direction == "need" {
				err = matchNeeds(ctx, data, cfg, opt, recip, emit)
			} else {
				err = matchAchievements(ctx, data, cfg, opt, emit)
			}
			bar.Finish()
			if err != nil {
				return err
			}
			if err := pw.Flush(); err != nil {
				return err
			}
			if err := bw.Flush(); err != nil {
				return err
			}
			summary := fmt.Sprintf("matched %d %s (%d skipped) against %d %s: %d pairs written to %s in %s",
				queries-skipped, qnoun, skipped, docs, dnoun, written, outName(out), time.Since(start).Round(10*time.Millisecond))
			if written == 0 {
				return fmt.Errorf("no pairs: %s; no %s shares a searchable term with any of the %s%s", summary, dnoun, qnoun, filterNote(inds))
			}
			if err := dst.commit(); err != nil {
				return err
			}
			data.view.summary(stderr)
			if err := data.recordRun(ctx, describeRun(cmd)); err != nil {
				return err
			}
			fmt.Fprintln(stderr, summary)
			return nil
		},
	}
	f := cmd.Flags()
	cf.add(f)
	f.StringVar(&cf.indexPath, "index", "", "keep the index on disk in this directory, synced to the achievements given (default: in memory)")
	f.DurationVar(&cf.indexWait, "index-wait", 0, "wait this long for another process using --index DIR (default: fail at once)")
	f.IntVar(&top, "top", match.DefaultTop, fmt.Sprintf("results per need (per achievement with --direction achievement), 1..%d", match.MaxTop))
	f.StringVar(&out, "out", "", "write to this file (created 0600, replaced only when the run succeeds) instead of stdout")
	f.StringVar(&format, "format", "jsonl", "output format: jsonl, csv (UTF-8 with BOM; text cells made inert for spreadsheets), xlsx or html (a report for agencies: needs, recommended achievements, reasons, every catalog column; xlsx needs --out)")
	f.StringVar(&progMode, "progress", progressAuto, "progress on stderr: auto (a bar when stderr is a terminal and the output is not), always, never, or log (a line per 10%)")
	f.BoolVar(&pageBreak, "page-break", false, "--format html: start every need on a new page when printed")
	f.StringVar(&direction, "direction", "need", "need: each need's top achievements; achievement: each achievement's top needs")
	f.StringSliceVar(&industries, "industries", nil, "only propose records of these industries (codes or Chinese names, comma-separated)")
	f.IntVar(&workers, "workers", runtime.GOMAXPROCS(0), fmt.Sprintf("worker goroutines, 1..%d", match.MaxWorkers))
	f.BoolVar(&noExplain, "no-explain", false, "omit the explain object")
	asg.add(f)
	vf.add(f)
	wsf.add(f, &cf)
	f.BoolVar(&fold, "fold-duplicates", false, "match each cluster of near-duplicate records (see techmatch duplicates) as its newest member only")
	f.Float64Var(&recip, "reciprocal", 0, "fuse each pair's score in the achievement→need view with this weight in [0,1], e.g. 0.3 (0: off; --direction need only)")
	return cmd
}

// matchNeeds runs the need → achievements direction.
func matchNeeds(ctx context.Context, data *loaded, cfg match.Config, opt match.Options, recip float64, emit func(int, []techmatch.Pair) error) error {
	idx, err := openIndex(ctx, data, data.achs)
	if err != nil {
		return err
	}
	defer idx.Close()
	eng, err := match.New(ctx, idx, cfg)
	if err != nil {
		return err
	}
	if err := checkFilter(opt.Industries, idx.IndustryCounts(), "achievement"); err != nil {
		return err
	}
	if recip > 0 {
		pairs, err := reciprocal(ctx, data, eng, cfg, opt, recip)
		if err != nil {
			return err
		}
		return emit(0, pairs)
	}
	return eng.MatchEach(ctx, data.needs, opt, emit)
}

// matchAchievements runs the achievement → needs direction.
func matchAchievements(ctx context.Context, data *loaded, cfg match.Config, opt match.Options, emit func(int, []techmatch.Pair) error) error {
	idx, err := openIndex(ctx, data, data.needs)
	if err != nil {
		return err
	}
	defer idx.Close()
	eng, err := match.NewReverse(ctx, idx, cfg)
	if err != nil {
		return err
	}
	if err := checkFilter(opt.Industries, idx.IndustryCounts(), "need"); err != nil {
		return err
	}
	return eng.MatchEach(ctx, data.achs, opt, emit)
}

// checkRange reports a flag value outside lo..hi.
func checkRange(flag string, v, lo, hi int) error {
	if v < lo || v > hi {
		return fmt.Errorf("%s %d: want %d..%d", flag, v, lo, hi)
	}
	return nil
}

// outName names the output in messages.
func outName(path string) string {
	if path == "" {
		return "stdout"
	}
	return inert.Terminal(path)
}

// filterNote explains an empty result under an industry filter.
func filterNote(inds []techmatch.Industry) string {
	if len(inds) == 0 {
		return ""
	}
	return fmt.Sprintf(" within --industries %v", inds)
}

// parseIndustries turns --industries values (codes or Chinese names) into
// codes.
func parseIndustries(vals []string) ([]techmatch.Industry, error) {
	var inds []techmatch.Industry
	for _, s := range vals {
		ind, err := techmatch.ParseIndustry(s)
		if err != nil {
			return nil, fmt.Errorf("--industries: %w", err)
		}
		inds = append(inds, ind)
	}
	return inds, nil
}

// checkFilter refuses an industry filter naming a code that no record to
// be proposed has (given or inferred; count is the index's
// IndustryCounts): a typo such as "materail" would otherwise give an
// empty or partial result that looks like an answer.
func checkFilter(inds []techmatch.Industry, count map[techmatch.Industry]int, noun string) error {
	for _, ind := range inds {
		if count[ind] == 0 {
			return fmt.Errorf("--industries %s: no %s has this industry (present: %s)", inert.Terminal(string(ind)), noun, industryCounts(count))
		}
	}
	return nil
}

// industryCounts lists industries by falling count, then code.
func industryCounts(count map[techmatch.Industry]int) string {
	inds := make([]techmatch.Industry, 0, len(count))
	for ind := range count {
		inds = append(inds, ind)
	}
	slices.SortFunc(inds, func(a, b techmatch.Industry) int {
		if c := cmp.Compare(count[b], count[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	var b strings.Builder
	for i, ind := range inds {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %d", inert.Terminal(string(ind)), count[ind])
	}
	if b.Len() == 0 {
		return "none"
	}
	return b.String()
}
