package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/internal/inert"
	"github.com/techmatch/techmatch/match"
	"github.com/techmatch/techmatch/match/workspace"
	"github.com/techmatch/techmatch/segment"
)

// wsFlags are match's workspace flags.
type wsFlags struct {
	newSince string
	delta    bool
}

// add registers --dir (into cf, so that load reads the workspace),
// --dir-wait, --new-since and --delta.
func (w *wsFlags) add(fs *pflag.FlagSet, cf *catalogFlags) {
	fs.StringVar(&cf.dir, "dir", "", "take the live achievements and needs of this workspace (see techmatch workspace) instead of --achievements and --needs")
	fs.DurationVar(&cf.dirWait, "dir-wait", 0, "wait this long for another process using --dir (default: fail at once)")
	fs.StringVar(&w.newSince, "new-since", "", "with --dir: match only records added or changed since this date (2026-10-01 or RFC 3339), in both directions; pairs are marked 新增 or 已推荐")
	fs.BoolVar(&w.delta, "delta", false, "with --dir: as --new-since, since the workspace's last recorded run")
}

// on reports whether the run is a delta run.
func (w *wsFlags) on() bool { return w.delta || w.newSince != "" }

// check validates the delta flags against the other match flags and
// returns the cut-off (zero: the last run).
func (w *wsFlags) check(cf *catalogFlags, format, direction string, recip float64, assign bool) (time.Time, error) {
	if cf.dir != "" && (len(cf.achievements) > 0 || len(cf.needs) > 0 || cf.indexPath != "") {
		return time.Time{}, fmt.Errorf("--dir takes both catalogs from the workspace: leave out --achievements, --needs and --index")
	}
	if !w.on() {
		return time.Time{}, nil
	}
	switch {
	case cf.dir == "":
		return time.Time{}, fmt.Errorf("--new-since and --delta need --dir (a workspace records what changed and what was proposed)")
	case w.delta && w.newSince != "":
		return time.Time{}, fmt.Errorf("--delta and --new-since: give one (--delta means since the last run)")
	case format != "jsonl" && format != "csv":
		return time.Time{}, fmt.Errorf("--format %s with --new-since/--delta: want jsonl or csv", format)
	case direction != "need", recip > 0, assign:
		return time.Time{}, fmt.Errorf("--new-since/--delta match both directions themselves: leave out --direction, --reciprocal and --assign")
	}
	if w.delta {
		return time.Time{}, nil
	}
	return parseSince(w.newSince)
}

// parseSince reads a date (2006-01-02, local midnight) or an RFC 3339
// time.
func parseSince(s string) (time.Time, error) {
	if t, err := time.ParseInLocation(time.DateOnly, s, time.Local); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("--new-since %q: want a date such as 2026-10-01 or an RFC 3339 time", inert.Terminal(s))
}

// openWorkspace opens dir with the shared segmenter and reports how.
func openWorkspace(ctx context.Context, dir string, wait time.Duration, stderr io.Writer) (*workspace.Workspace, error) {
	seg, err := segment.Default()
	if err != nil {
		return nil, err
	}
	ws, err := workspace.Open(ctx, dir, workspace.Config{Segmenter: seg, LockWait: wait})
	if err != nil {
		return nil, err
	}
	op := ws.Opened()
	fmt.Fprintf(stderr, "workspace %s: generation %d opened in %s (achievements: %s; needs: %s)\n", inert.Terminal(dir), op.Generation,
		(op.Achievements.Load + op.Needs.Load).Round(time.Millisecond), snapNote(op.Achievements), snapNote(op.Needs))
	if op.Repaired > 0 {
		fmt.Fprintf(stderr, "workspace %s: %d index records repaired to the committed generation (an interrupted import)\n", inert.Terminal(dir), op.Repaired)
	}
	return ws, nil
}

// snapNote says how a core was filled.
func snapNote(s index.SnapshotStatus) string {
	switch {
	case s.Used:
		return "from snapshot"
	case s.Reason != "":
		return "rebuilt: " + inert.Terminal(s.Reason)
	}
	return "built"
}

// loadWorkspace is load for --dir: the live records of the workspace.
func (f *catalogFlags) loadWorkspace(ctx context.Context, stderr io.Writer) (*loaded, error) {
	rc, err := f.rankConfig()
	if err != nil {
		return nil, err
	}
	ws, err := openWorkspace(ctx, f.dir, f.dirWait, stderr)
	if err != nil {
		return nil, err
	}
	data := &loaded{rank: rc, stderr: stderr, noInfer: f.noInfer, ws: ws}
	if data.seg, err = segment.Default(); err != nil {
		ws.Close()
		return nil, err
	}
	if err := ws.View(func(v *workspace.View) error {
		data.achs, data.needs = v.LiveAchievements(), v.LiveNeeds()
		return nil
	}); err != nil {
		ws.Close()
		return nil, err
	}
	fmt.Fprintf(stderr, "read workspace %s: %d live achievements, %d live needs\n", inert.Terminal(f.dir), len(data.achs), len(data.needs))
	if len(data.achs) == 0 || len(data.needs) == 0 {
		ws.Close()
		return nil, fmt.Errorf("workspace %s: %w (%d live achievements, %d live needs; import with techmatch workspace import)",
			inert.Terminal(f.dir), techmatch.ErrEmptyCatalog, len(data.achs), len(data.needs))
	}
	return data, nil
}

// workspaceIndex returns the workspace's index of R when it holds
// exactly recs (the live records), else (--fold-duplicates dropped
// some) an in-memory index of recs.
func workspaceIndex[R techmatch.Record](ctx context.Context, data *loaded, recs []R) (*index.Index[R], error) {
	a, n, err := data.ws.Indexes()
	if err != nil {
		return nil, err
	}
	var ix *index.Index[R]
	if x, ok := any(a).(*index.Index[R]); ok {
		ix = x
	} else if x, ok := any(n).(*index.Index[R]); ok {
		ix = x
	}
	if ix == nil || ix.Len() != len(recs) {
		return buildIndexShown(ctx, data, recs)
	}
	return ix, nil
}

// close closes the workspace of a --dir run (nothing otherwise).
func (d *loaded) close() {
	if d.ws != nil {
		_ = d.ws.Close()
	}
}

// recordPairs wraps a match run's emit so that, with --dir, the pairs are
// kept for recordRun.
func (d *loaded) recordPairs(emit func(int, []techmatch.Pair) error) func(int, []techmatch.Pair) error {
	if d.ws == nil {
		return emit
	}
	return func(i int, pairs []techmatch.Pair) error {
		for _, p := range pairs {
			d.runPairs = append(d.runPairs, workspace.RunPair{NeedID: p.NeedID, AchievementID: p.AchievementID, Score: p.Score})
		}
		return emit(i, pairs)
	}
}

// recordRun records a full --dir run in the workspace, so that later
// delta runs mark its pairs 已推荐.
func (d *loaded) recordRun(ctx context.Context, describe string) error {
	if d.ws == nil {
		return nil
	}
	if err := d.ws.RecordRun(ctx, workspace.Run{Options: describe, Pairs: d.runPairs}); err != nil {
		return err
	}
	fmt.Fprintf(d.stderr, "workspace %s: run recorded (%d pairs)\n", inert.Terminal(d.ws.Dir()), len(d.runPairs))
	return nil
}

// deltaRun is match --new-since/--delta: what changed, both directions,
// each pair marked. "No changes" is a clean exit with a message.
func deltaRun(ctx context.Context, stdout, stderr io.Writer, data *loaded, cfg match.Config, opt match.Options,
	since time.Time, format, out, describe string, start time.Time) error {
	res, err := data.ws.MatchDelta(ctx, workspace.DeltaOptions{Since: since, Match: opt, Config: cfg, Describe: describe})
	if err != nil {
		return err
	}
	sinceText := "the beginning (no earlier run)"
	if !res.Since.IsZero() {
		sinceText = res.Since.Local().Format(time.DateTime)
	}
	if res.Needs+res.Achievements == 0 {
		fmt.Fprintf(stderr, "no changes since %s: no need or achievement was added or changed; nothing to match (run recorded)\n", sinceText)
		return nil
	}
	dst, err := createOutput(stdout, out)
	if err != nil {
		return err
	}
	defer dst.discard()
	bw := bufio.NewWriterSize(dst, 1<<16)
	if err := writeDelta(bw, format, res.Pairs); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := dst.commit(); err != nil {
		return err
	}
	fresh := 0
	for _, p := range res.Pairs {
		if p.Mark == workspace.MarkNew {
			fresh++
		}
	}
	fmt.Fprintf(stderr, "changed since %s: %d needs, %d achievements; %d pairs (%d 新增, %d 已推荐) written to %s in %s; run recorded\n",
		sinceText, res.Needs, res.Achievements, len(res.Pairs), fresh, len(res.Pairs)-fresh, outName(out), time.Since(start).Round(10*time.Millisecond))
	return nil
}

// writeDelta writes delta pairs as JSON Lines (a pair's fields plus mark
// and from) or as CSV (UTF-8 with BOM, text cells made inert).
func writeDelta(w io.Writer, format string, pairs []workspace.DeltaPair) error {
	if format == "jsonl" {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, p := range pairs {
			if err := enc.Encode(p); err != nil {
				return err
			}
		}
		return nil
	}
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"need_id", "achievement_id", "rank", "score", "mark", "from"}); err != nil {
		return err
	}
	for _, p := range pairs {
		rec := []string{inert.Cell(p.NeedID), inert.Cell(p.AchievementID), strconv.Itoa(p.Rank),
			strconv.FormatFloat(p.Score, 'f', 6, 64), p.Mark, p.From}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func newWorkspaceCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "workspace",
		Short: "Keep both catalogs in a directory across quarters: import, withdraw, status",
		Example: `  techmatch workspace import --dir ws --achievements 成果2026Q4.xlsx --needs 需求2026Q4.xlsx
  techmatch workspace withdraw --dir ws --ids A0132,N0077
  techmatch workspace status --dir ws
  techmatch match --dir ws --top 5 --new-since 2026-10-01`,
	}
	cmd.AddCommand(newWSImportCmd(), newWSWithdrawCmd(), newWSStatusCmd())
	return cmd
}

// wsDirFlags are the flags of every workspace subcommand.
type wsDirFlags struct {
	dir  string
	wait time.Duration
}

func (f *wsDirFlags) add(fs *pflag.FlagSet) {
	fs.StringVar(&f.dir, "dir", "", "the workspace directory (created 0700 when absent)")
	fs.DurationVar(&f.wait, "dir-wait", 0, "wait this long for another process using the workspace (default: fail at once)")
}

func (f *wsDirFlags) open(cmd *cobra.Command) (*workspace.Workspace, error) {
	if f.dir == "" {
		return nil, fmt.Errorf("--dir is required")
	}
	return openWorkspace(cmd.Context(), f.dir, f.wait, cmd.ErrOrStderr())
}

func newWSImportCmd() *cobra.Command {
	var (
		df   wsDirFlags
		cf   catalogFlags
		with []string
	)
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Add new records and update changed ones (same id = update), atomically",
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stderr := cmd.Context(), cmd.ErrOrStderr()
			if len(cf.achievements) == 0 && len(cf.needs) == 0 && len(with) == 0 {
				return fmt.Errorf("--achievements, --needs or --withdraw: give at least one")
			}
			opt := techmatch.ReadOptions{Lenient: cf.lenient, Sheet: cf.sheet, Limits: cf.limits}
			if err := checkLimitFlags(cf.limits); err != nil {
				return err
			}
			achs, err := loadAll(ctx, cf.achievements, opt, stderr, techmatch.LoadAchievements)
			if err != nil {
				return err
			}
			needs, err := loadAll(ctx, cf.needs, opt, stderr, techmatch.LoadNeeds)
			if err != nil {
				return err
			}
			ws, err := df.open(cmd)
			if err != nil {
				return err
			}
			defer ws.Close()
			rep, err := ws.Import(ctx, achs, needs, workspace.ImportOptions{Withdraw: with})
			if err != nil {
				return err
			}
			printImport(cmd.OutOrStdout(), df.dir, rep)
			return ws.Close()
		},
	}
	df.add(cmd.Flags())
	cf.add(cmd.Flags())
	cmd.Flags().StringSliceVar(&with, "withdraw", nil, "also withdraw these ids (comma-separated) in the same import")
	return cmd
}

// maxIDsShown is how many ids of one kind of change printImport lists.
const maxIDsShown = 20

// printImport prints what an import did: counts per catalog and the ids
// of the updated, restored and withdrawn records.
func printImport(w io.Writer, dir string, rep workspace.ImportReport) {
	fmt.Fprintf(w, "workspace %s: generation %d\n", inert.Terminal(dir), rep.Generation)
	for _, c := range []struct {
		name string
		ch   workspace.Changes
	}{{"achievements", rep.Achievements}, {"needs", rep.Needs}} {
		fmt.Fprintf(w, "%s: %d added, %d updated, %d restored, %d unchanged, %d withdrawn\n", c.name,
			len(c.ch.Added), len(c.ch.Updated), len(c.ch.Restored), len(c.ch.Unchanged), len(c.ch.Withdrawn))
		for _, l := range []struct {
			what string
			ids  []string
		}{{"updated", c.ch.Updated}, {"restored", c.ch.Restored}, {"withdrawn", c.ch.Withdrawn}} {
			if len(l.ids) == 0 {
				continue
			}
			shown := l.ids[:min(len(l.ids), maxIDsShown)]
			more := ""
			if len(l.ids) > len(shown) {
				more = fmt.Sprintf(" … and %d more", len(l.ids)-len(shown))
			}
			fmt.Fprintf(w, "  %s: %s%s\n", l.what, inert.Terminal(strings.Join(shown, ", ")), more)
		}
	}
}

func newWSWithdrawCmd() *cobra.Command {
	var (
		df  wsDirFlags
		ids []string
	)
	cmd := &cobra.Command{
		Use:   "withdraw",
		Short: "Withdraw records: they leave matching and stay in the workspace with their history",
		RunE: func(cmd *cobra.Command, _ []string) error {
			if len(ids) == 0 {
				return fmt.Errorf("--ids is required")
			}
			ws, err := df.open(cmd)
			if err != nil {
				return err
			}
			defer ws.Close()
			rep, err := ws.Withdraw(cmd.Context(), ids)
			if err != nil {
				return err
			}
			printImport(cmd.OutOrStdout(), df.dir, rep)
			return ws.Close()
		},
	}
	df.add(cmd.Flags())
	cmd.Flags().StringSliceVar(&ids, "ids", nil, "ids to withdraw (achievements or needs), comma-separated")
	return cmd
}

func newWSStatusCmd() *cobra.Command {
	var df wsDirFlags
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Print the workspace's counts, last import and last run",
		RunE: func(cmd *cobra.Command, _ []string) error {
			ws, err := df.open(cmd)
			if err != nil {
				return err
			}
			defer ws.Close()
			s, err := ws.Summary()
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "workspace %s: generation %d\n", inert.Terminal(df.dir), s.Generation)
			fmt.Fprintf(w, "achievements: %d live, %d withdrawn\n", s.Achievements, s.WithdrawnAchievements)
			fmt.Fprintf(w, "needs: %d live, %d withdrawn\n", s.Needs, s.WithdrawnNeeds)
			if s.LastImport != nil {
				li := s.LastImport
				fmt.Fprintf(w, "last import: %s (generation %d: achievements %d added, %d updated; needs %d added, %d updated; %d withdrawn)\n",
					li.At.Local().Format(time.DateTime), li.Generation, len(li.Achievements.Added), len(li.Achievements.Updated)+len(li.Achievements.Restored),
					len(li.Needs.Added), len(li.Needs.Updated)+len(li.Needs.Restored), len(li.Achievements.Withdrawn)+len(li.Needs.Withdrawn))
			} else {
				fmt.Fprintln(w, "last import: none")
			}
			if s.LastRun != nil {
				kind := "full"
				if !s.LastRun.Since.IsZero() {
					kind = "delta since " + s.LastRun.Since.Local().Format(time.DateTime)
				}
				fmt.Fprintf(w, "last run: %s (%s, %d pairs; %d runs recorded)\n", s.LastRun.At.Local().Format(time.DateTime), kind, s.LastRun.Pairs, s.Runs)
			} else {
				fmt.Fprintln(w, "last run: none")
			}
			return ws.Close()
		},
	}
	df.add(cmd.Flags())
	return cmd
}

// describeRun lists the flags a run was given, for the workspace's
// record of the run.
func describeRun(cmd *cobra.Command) string {
	var parts []string
	cmd.Flags().Visit(func(f *pflag.Flag) {
		parts = append(parts, "--"+f.Name+"="+f.Value.String())
	})
	return strings.Join(parts, " ")
}
