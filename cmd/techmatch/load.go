package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/pflag"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/internal/inert"
	"github.com/techmatch/techmatch/match"
	"github.com/techmatch/techmatch/match/workspace"
	"github.com/techmatch/techmatch/rank"
	"github.com/techmatch/techmatch/rank/assoc"
	"github.com/techmatch/techmatch/segment"
)

// catalogFlags are the input flags shared by the commands.
type catalogFlags struct {
	// achievements and needs are one or more catalog files each, read in
	// order and concatenated (an id may appear in one file only).
	achievements []string
	needs        []string
	weights      string
	lenient      bool
	sheet        string
	limits       techmatch.Limits
	indexPath    string
	indexWait    time.Duration
	noInfer      bool
	// dir and dirWait are match's --dir and --dir-wait: a workspace
	// instead of catalog files (see workspace.go).
	dir     string
	dirWait time.Duration
	// progress is --progress of the commands that have it: when it shows
	// anything, every catalog file's reading is shown by bytes read.
	progress string
}

// loaded holds what every command starts from: both catalogs, read and
// validated (industries inferred unless --no-infer), the scorer
// configuration and the shared segmenter.
type loaded struct {
	achs   []techmatch.Achievement
	needs  []techmatch.Need
	rank   *rank.Config
	seg    *segment.Segmenter
	stderr io.Writer // for reports of the run
	// noInfer is --no-infer: match.Config.NoInfer for every engine (the
	// library infers industries by default, as the CLI always has).
	noInfer bool
	// indexPath and indexWait are --index and --index-wait: where the
	// index of the records proposed is kept ("" in memory) and how long
	// to wait for another process using it.
	indexPath string
	indexWait time.Duration
	// progress is --progress of the commands that have it ("": none).
	progress string
	// view is what match output passes through before any writer
	// (--audience, --feedback; nil: nothing).
	view *pairView
	// ws is the workspace of a --dir run (nil otherwise): it supplies the
	// records and their indexes and records the run's pairs (runPairs).
	ws       *workspace.Workspace
	runPairs []workspace.RunPair
}

// config returns the engine configuration of the run: the scorer and the
// inference switch, plus the query settings q.
func (d *loaded) config(q match.QueryConfig) match.Config {
	return match.Config{Rank: d.rank, Query: q, NoInfer: d.noInfer}
}

func (f *catalogFlags) load(ctx context.Context, stderr io.Writer) (*loaded, error) {
	if f.dir != "" {
		return f.loadWorkspace(ctx, stderr)
	}
	if len(f.achievements) == 0 || len(f.needs) == 0 {
		return nil, fmt.Errorf("--achievements and --needs are required")
	}
	rc, err := f.rankConfig()
	if err != nil {
		return nil, err
	}
	opt := techmatch.ReadOptions{Lenient: f.lenient, Sheet: f.sheet, Limits: f.limits}
	if err := checkLimitFlags(f.limits); err != nil {
		return nil, err
	}
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	achs, err := loadAll(ctx, f.achievements, opt, stderr, shown(f, stderr, techmatch.LoadAchievements, techmatch.ReadAchievements))
	if err != nil {
		return nil, err
	}
	needs, err := loadAll(ctx, f.needs, opt, stderr, shown(f, stderr, techmatch.LoadNeeds, techmatch.ReadNeeds))
	if err != nil {
		return nil, err
	}
	seg, err := segment.Default()
	if err != nil {
		return nil, err
	}
	return &loaded{achs: achs, needs: needs, rank: rc, seg: seg, stderr: stderr, noInfer: f.noInfer,
		indexPath: f.indexPath, indexWait: f.indexWait}, nil
}

// shown returns load as it is when no progress is shown, else a loader
// that reads the file through a counter driving a progress display of its
// bytes ("reading FILE"). The file's size is checked against
// MaxFileBytes first, as load does; read counts and stops at it too.
func shown[R any](f *catalogFlags, stderr io.Writer,
	load func(context.Context, string, techmatch.ReadOptions) ([]R, []techmatch.Problem, error),
	read func(context.Context, io.Reader, string, techmatch.ReadOptions) ([]R, []techmatch.Problem, error),
) func(context.Context, string, techmatch.ReadOptions) ([]R, []techmatch.Problem, error) {
	if f.progress == "" || f.progress == progressNever || f.progress == progressAuto && !stderrIsTerminal() {
		return load
	}
	return func(ctx context.Context, path string, opt techmatch.ReadOptions) ([]R, []techmatch.Problem, error) {
		st, err := os.Stat(path)
		if err != nil || !st.Mode().IsRegular() || st.Size() > opt.Limits.MaxFileBytes && opt.Limits.MaxFileBytes > 0 {
			return load(ctx, path, opt) // its errors and refusals, worded as always
		}
		file, err := os.Open(path)
		if err != nil {
			return load(ctx, path, opt)
		}
		defer file.Close()
		bar := newProgress(f.progress, stderr, int(st.Size()), "reading "+inert.Terminal(filepath.Base(path)))
		defer bar.Finish()
		return read(ctx, &countingReader{r: file, bar: bar}, path, opt)
	}
}

// countingReader reports the bytes read from r to bar.
type countingReader struct {
	r   io.Reader
	bar progress
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.bar.Add(n)
	return n, err
}

// loadAll reads catalog files in order and concatenates their records; an
// id found in two files is an error naming both. Every file's problems are
// printed once to stderr (as "skipped:" when lenient, else "error:"),
// followed by a count line; a strict load with problems fails with a short
// error that points at that list.
func loadAll[R techmatch.Record](ctx context.Context, paths []string, opt techmatch.ReadOptions, stderr io.Writer,
	load func(context.Context, string, techmatch.ReadOptions) ([]R, []techmatch.Problem, error)) ([]R, error) {
	var all []R
	seen := map[string]string{} // id → file
	for _, path := range paths {
		recs, probs, err := load(ctx, path, opt)
		skipped := report(stderr, probs, opt.Lenient)
		var ce *techmatch.CatalogError
		if errors.As(err, &ce) {
			return nil, fmt.Errorf("%s: %d bad record(s), listed above (--lenient skips them)", inert.Terminal(path), skipped)
		}
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(stderr, "read %s: %d records, %d skipped\n", inert.Terminal(path), len(recs)+skipped, skipped)
		for _, r := range recs {
			if first, dup := seen[r.RecordID()]; dup {
				return nil, fmt.Errorf("%s: id %q is also in %s", inert.Terminal(path), r.RecordID(), inert.Terminal(first))
			}
			seen[r.RecordID()] = path
		}
		all = append(all, recs...)
	}
	return all, nil
}

// addCatalogFlags registers the input flags shared by match and eval.
func (f *catalogFlags) add(fs *pflag.FlagSet) {
	fs.StringSliceVar(&f.achievements, "achievements", nil, "achievement catalog (.jsonl, .csv or .xlsx); several: repeat the flag or separate with commas")
	fs.StringSliceVar(&f.needs, "needs", nil, "need catalog (.jsonl, .csv or .xlsx); several: repeat the flag or separate with commas")
	fs.StringVar(&f.weights, "weights", "", "scorer configuration file (.json or .yaml); default: built-in weights")
	fs.BoolVar(&f.lenient, "lenient", false, "skip bad records (listed on stderr) instead of failing")
	fs.BoolVar(&f.noInfer, "no-infer", false, "do not infer the industries of records that have none")
	fs.StringVar(&f.sheet, "sheet", "", "XLSX catalogs: the sheet to read (default: the first)")
	addLimitFlags(fs, &f.limits)
}

// limitFlags maps the readers' limits to their flags: one table for
// registering them and for naming them in errors.
var limitFlags = []struct {
	flag, help string
	field      func(*techmatch.Limits) any // *int or *int64
}{
	{"max-file-bytes", "bytes per catalog file", func(l *techmatch.Limits) any { return &l.MaxFileBytes }},
	{"max-record-bytes", "bytes per record (JSON line, CSV record, XLSX row)", func(l *techmatch.Limits) any { return &l.MaxRecordBytes }},
	{"max-field-bytes", fmt.Sprintf("bytes per field value or list item (at most %d)", techmatch.DefaultMaxFieldBytes), func(l *techmatch.Limits) any { return &l.MaxFieldBytes }},
	{"max-records", "records per catalog file", func(l *techmatch.Limits) any { return &l.MaxRecords }},
	{"max-unzipped-bytes", "uncompressed bytes per XLSX workbook", func(l *techmatch.Limits) any { return &l.MaxUnzippedBytes }},
	{"max-compression-ratio", "compression ratio of an XLSX part over 1 MiB", func(l *techmatch.Limits) any { return &l.MaxCompressionRatio }},
	{"max-rows", "rows per XLSX sheet", func(l *techmatch.Limits) any { return &l.MaxRows }},
	{"max-cells", "cells per XLSX sheet", func(l *techmatch.Limits) any { return &l.MaxCells }},
	{"max-columns", "cells per XLSX row", func(l *techmatch.Limits) any { return &l.MaxColumns }},
}

// addLimitFlags registers the catalog readers' limits; their defaults are
// the library's (techmatch.DefaultLimits).
func addLimitFlags(fs *pflag.FlagSet, l *techmatch.Limits) {
	*l = techmatch.DefaultLimits()
	for _, f := range limitFlags {
		switch p := f.field(l).(type) {
		case *int:
			fs.IntVar(p, f.flag, *p, "limit: "+f.help)
		case *int64:
			fs.Int64Var(p, f.flag, *p, "limit: "+f.help)
		}
	}
}

// checkLimitFlags reports a limit flag out of range by its name.
func checkLimitFlags(l techmatch.Limits) error {
	for _, f := range limitFlags {
		var v int64
		switch p := f.field(&l).(type) {
		case *int:
			v = int64(*p)
		case *int64:
			v = *p
		}
		if v < 1 {
			return fmt.Errorf("--%s %d: want ≥ 1", f.flag, v)
		}
	}
	if l.MaxFieldBytes > techmatch.DefaultMaxFieldBytes {
		return fmt.Errorf("--max-field-bytes %d: want at most %d", l.MaxFieldBytes, techmatch.DefaultMaxFieldBytes)
	}
	return l.Validate()
}

// maxListed is how many problems of one file report prints; the rest are
// counted.
const maxListed = 200

// report prints each problem once to w (the first maxListed of them) and
// returns the number of records they concern.
func report(w io.Writer, probs []techmatch.Problem, lenient bool) int {
	label := "error:"
	if lenient {
		label = "skipped:"
	}
	for i, p := range probs {
		if i == maxListed {
			fmt.Fprintf(w, "%s … and %d more problems\n", label, len(probs)-maxListed)
			break
		}
		fmt.Fprintln(w, label, p.Error())
	}
	return techmatch.SkippedRecords(probs)
}

func (f *catalogFlags) rankConfig() (*rank.Config, error) {
	if f.weights == "" {
		c := rank.DefaultConfig()
		return &c, nil
	}
	c, err := rank.Load(f.weights)
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// buildIndex indexes records with the shared segmenter in memory, core
// only: batch commands never run bleve queries, and bleve would double
// the time and memory of a run.
func buildIndex[R techmatch.Record](ctx context.Context, seg *segment.Segmenter, recs []R) (*index.Index[R], error) {
	idx, err := index.New[R](ctx, index.Config{Segmenter: seg, CoreOnly: true})
	if err != nil {
		return nil, err
	}
	if err := idx.Add(ctx, recs...); err != nil {
		idx.Close()
		return nil, err
	}
	return idx, nil
}

// openIndex returns an index holding exactly recs: built in memory (core
// only) when path is empty, else the on-disk index at path synced to recs
// (new, changed and removed records; what changed is reported on stderr),
// so records of an earlier catalog never mix with these.
func openIndex[R techmatch.Record](ctx context.Context, data *loaded, recs []R) (*index.Index[R], error) {
	if data.ws != nil {
		return workspaceIndex(ctx, data, recs)
	}
	path, stderr := data.indexPath, data.stderr
	if path == "" {
		return buildIndexShown(ctx, data, recs)
	}
	idx, err := index.New[R](ctx, index.Config{Segmenter: data.seg, Path: path, LockWait: data.indexWait})
	if err != nil {
		return nil, err
	}
	rep, err := idx.Sync(ctx, recs)
	if err != nil {
		idx.Close()
		return nil, err
	}
	fmt.Fprintf(stderr, "index %s: %d added, %d updated, %d removed, %d unchanged\n",
		inert.Terminal(path), rep.Added, rep.Updated, rep.Deleted, rep.Unchanged)
	return idx, nil
}

func stderrIsTerminal() bool {
	fi, err := os.Stderr.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// learnAssociations builds a term association model over both catalogs
// with the given method (svd or npmi).
func learnAssociations(ctx context.Context, idx *index.Index[techmatch.Achievement], data *loaded, method string) (*assoc.Model, error) {
	recs := make([]techmatch.Record, 0, len(data.achs)+len(data.needs))
	for _, a := range data.achs {
		recs = append(recs, a)
	}
	for _, n := range data.needs {
		recs = append(recs, n)
	}
	return match.LearnAssociations(ctx, idx, recs, assoc.Config{Method: method})
}

// reciprocal indexes the needs in memory and runs match.Reciprocal with
// weight w: each need's pairs with the achievement→need view fused in.
func reciprocal(ctx context.Context, data *loaded, eng *match.Engine, cfg match.Config, opt match.Options, w float64) ([]techmatch.Pair, error) {
	nidx, err := buildIndex(ctx, data.seg, data.needs)
	if err != nil {
		return nil, err
	}
	defer nidx.Close()
	rev, err := match.NewReverse(ctx, nidx, cfg)
	if err != nil {
		return nil, err
	}
	return match.Reciprocal(ctx, eng, rev, data.needs, data.achs, opt, match.ReciprocalConfig{Weight: w})
}

// skipReporter returns an Options.OnSkip that prints each record a batch
// could not match: it stays in the evaluation with no results.
func skipReporter(w io.Writer) func(int, error) {
	return func(_ int, err error) { fmt.Fprintln(w, "skipped:", err) }
}
