package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/internal/eval"
	"github.com/techmatch/techmatch/internal/tune"
	"github.com/techmatch/techmatch/match"
	"github.com/techmatch/techmatch/rank"
)

func newTuneCmd() *cobra.Command {
	var (
		cf    catalogFlags
		qrels string
		tf    tuneFeedback
		out   string
		pool  int
		cfg   tune.Config
	)
	cmd := &cobra.Command{
		Use:   "tune",
		Short: "Fit the scorer's feature weights to judgments and report held-out nDCG@k, Recall@k, P@1 and MRR",
		Long: `tune computes, once, the candidate pool (top --pool achievements by text) of every
judged need with its unweighted feature values, then fits the feature weights by
coordinate ascent on mean nDCG@k (random restarts, seeded).

It reports HELD-OUT figures: the judged needs are split into --folds folds (seeded);
each fold is scored with weights fitted on the other folds, and beside them with the
start weights (--weights, or the defaults) on the same folds, so the gain is honest.
Training figures are printed too: a large gap between training and held-out means
overfitting.

Finally it fits on all judged needs and writes the full scorer configuration
(fitted weights, every other setting from --weights or the defaults) to --out,
as YAML or JSON by extension. Weights are normalised to sum to 1. demand_priority
is constant within a need, so per-need rankings cannot learn it: it keeps its
share of the start weights (as does any feature constant within every need).`,
		Example: `  techmatch tune --achievements testdata/achievements.jsonl --needs testdata/needs.jsonl --qrels testdata/qrels.tsv --out weights.yaml`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			switch strings.ToLower(filepath.Ext(out)) {
			case ".yaml", ".yml", ".json":
			default:
				return fmt.Errorf("--out %q: want a .yaml, .yml or .json file", out)
			}
			if pool < 1 {
				return fmt.Errorf("--pool %d: want ≥ 1", pool)
			}
			if err := cfg.Validate(); err != nil {
				return err
			}
			if (qrels == "") == (tf.path == "") {
				return fmt.Errorf("tune needs judgments: --qrels FILE or --feedback FILE (one of them)")
			}
			var q eval.Qrels
			var err error
			if qrels != "" {
				if q, err = eval.LoadQrels(qrels); err != nil {
					return err
				}
			}
			data, err := cf.load(ctx, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			if tf.path != "" {
				if q, err = tf.judgments(ctx, &cf, data, cfg.Folds); err != nil {
					return err
				}
			}
			rc, seg := data.rank, data.seg
			t0 := time.Now()
			idx, err := buildIndex(ctx, seg, data.achs)
			if err != nil {
				return err
			}
			defer idx.Close()
			eng, err := match.New(ctx, idx, data.config(match.QueryConfig{}))
			if err != nil {
				return err
			}
			needs, recs, err := featureRows(ctx, eng, data, q, pool)
			if err != nil {
				return err
			}
			if missing := len(q) - len(needs); missing > 0 {
				fmt.Fprintf(cmd.ErrOrStderr(), "tune: %d judged needs are not in %s; skipped\n", missing, strings.Join(cf.needs, ", "))
			}
			tFeat := time.Since(t0)
			t0 = time.Now()
			cv, err := tune.CrossValidate(ctx, needs, rc.Weights, cfg)
			if err != nil {
				return err
			}
			all, err := tune.Fit(ctx, needs, rc.Weights, cfg)
			if err != nil {
				return err
			}
			tFit := time.Since(t0)
			fitted := *rc
			fitted.Weights = all.Weights
			if err := rank.Save(fitted, out); err != nil {
				return err
			}
			t0 = time.Now()
			check, err := engineCheck(ctx, eng, idx, data.config(match.QueryConfig{}), recs, q, cv, all, cfg.K)
			if err != nil {
				return err
			}
			printTune(cmd.OutOrStdout(), tuneReport{
				needs: len(needs), pool: pool, cfg: cfg, out: out,
				cv: cv, all: all, check: check, tFeat: tFeat, tFit: tFit, tCheck: time.Since(t0),
			})
			return nil
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&cf.achievements, "achievements", nil, "achievement catalog; several: repeat the flag or separate with commas")
	f.StringSliceVar(&cf.needs, "needs", nil, "need catalog; several: repeat the flag or separate with commas")
	f.StringVar(&cf.weights, "weights", "", "start configuration file (.json or .yaml); default: the built-in defaults")
	f.BoolVar(&cf.lenient, "lenient", false, "skip bad records instead of failing")
	f.StringVar(&cf.sheet, "sheet", "", "XLSX catalogs: the sheet to read (default: the first)")
	addLimitFlags(f, &cf.limits)
	f.StringVar(&qrels, "qrels", "", "judgments: need_id<TAB>achievement_id<TAB>grade (this or --feedback)")
	tf.add(f)
	f.StringVar(&out, "out", "", "file to write the fitted configuration to, .yaml or .json (required)")
	f.IntVar(&pool, "pool", 100, "candidates per need: the top achievements by text that the weights re-rank")
	f.IntVar(&cfg.Folds, "folds", tune.DefaultFolds, "cross-validation folds (≥ 2)")
	f.Uint64Var(&cfg.Seed, "seed", 1, "seed of the fold assignment and the random restarts")
	f.IntVar(&cfg.K, "k", tune.DefaultK, "cutoff of nDCG (the objective) and Recall")
	f.IntVar(&cfg.Passes, "passes", tune.DefaultPasses, "most coordinate-ascent passes per start")
	f.IntVar(&cfg.Restarts, "restarts", tune.DefaultRestarts, "random starting points besides the start weights (negative: none)")
	_ = cmd.MarkFlagRequired("out")
	return cmd
}

// featureRows computes the candidate rows of every judged need of the
// catalog, in catalog order, with eng (default query configuration, the
// start rank configuration for the constraint modes and value tables).
// recs are the need records, aligned with needs.
func featureRows(ctx context.Context, eng *match.Engine, data *loaded, q eval.Qrels, pool int) ([]tune.Need, []techmatch.Need, error) {
	var needs []tune.Need
	var recs []techmatch.Need
	seen := make(map[string]bool, len(data.needs))
	for _, n := range data.needs {
		if q[n.ID] != nil && !seen[n.ID] {
			seen[n.ID] = true
			needs = append(needs, tune.Need{ID: n.ID, Judged: q[n.ID]})
			recs = append(recs, n)
		}
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), len(needs)))
	next := make(chan int)
	errs := make([]error, len(needs))
	skips := make([]error, len(needs))
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				rows, err := eng.Features(ctx, recs[i], pool)
				var re *match.RecordError
				if errors.As(err, &re) {
					skips[i] = err // judged, but nothing to rank: scores 0
					continue
				}
				if err != nil {
					errs[i] = fmt.Errorf("tune: features of need %s: %w", needs[i].ID, err)
					continue
				}
				needs[i].Rows = make([]tune.Row, len(rows))
				for j, r := range rows {
					needs[i].Rows[j] = tune.Row{ID: r.AchievementID, Values: r.Values, Keep: r.Keep}
				}
			}
		})
	}
	for i := range needs {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("tune: features: %w", err)
	}
	for _, err := range errs {
		if err != nil {
			return nil, nil, err
		}
	}
	for _, err := range skips {
		if err != nil {
			fmt.Fprintln(data.stderr, "skipped:", err)
		}
	}
	return needs, recs, nil
}

// engineFigures are the cross-validation and final figures measured with
// the engine itself (full retrieval, as eval measures), not by rescoring
// the candidate pool: the engine may bring in candidates deeper than the
// pool when the weights favour non-text features.
type engineFigures struct {
	heldOut, heldOutStart, all eval.Scores
}

// engineCheck ranks every need with the engine under the start weights,
// under its fold's fitted weights, and under the weights fitted on all.
func engineCheck(ctx context.Context, start *match.Engine, idx *index.Index[techmatch.Achievement], base match.Config,
	recs []techmatch.Need, q eval.Qrels, cv tune.CVResult, all tune.Result, k int) (engineFigures, error) {
	if k == 0 {
		k = tune.DefaultK
	}
	score := func(eng *match.Engine, recs []techmatch.Need) ([]eval.Scores, error) {
		per := make([]eval.Scores, len(recs))
		// A need with no searchable text scores 0, as when nothing is
		// found; featureRows reported it already.
		err := eng.MatchEach(ctx, recs, match.Options{Top: k, NoExplain: true, OnSkip: func(int, error) {}}, func(i int, pairs []techmatch.Pair) error {
			ids := make([]string, len(pairs))
			for j, p := range pairs {
				ids[j] = p.AchievementID
			}
			per[i] = eval.Score(ids, q[recs[i].ID], k)
			return nil
		})
		return per, err
	}
	with := func(w rank.Weights) (*match.Engine, error) {
		c := *base.Rank
		c.Weights = w
		cfg := base
		cfg.Rank = &c
		return match.New(ctx, idx, cfg)
	}
	var f engineFigures
	per, err := score(start, recs)
	if err != nil {
		return f, err
	}
	f.heldOutStart = eval.Mean(per)
	at := make(map[string]int, len(recs))
	for i, n := range recs {
		at[n.ID] = i
	}
	held := make([]eval.Scores, 0, len(recs))
	for _, fd := range cv.Folds {
		eng, err := with(fd.Fit.Weights)
		if err != nil {
			return f, err
		}
		test := make([]techmatch.Need, len(fd.Test))
		for i, id := range fd.Test {
			test[i] = recs[at[id]]
		}
		per, err := score(eng, test)
		if err != nil {
			return f, err
		}
		held = append(held, per...)
	}
	f.heldOut = eval.Mean(held)
	eng, err := with(all.Weights)
	if err != nil {
		return f, err
	}
	if per, err = score(eng, recs); err != nil {
		return f, err
	}
	f.all = eval.Mean(per)
	return f, nil
}

type tuneReport struct {
	needs, pool int
	cfg         tune.Config
	out         string
	cv          tune.CVResult
	all         tune.Result
	check       engineFigures

	tFeat, tFit, tCheck time.Duration
}

func printTune(w io.Writer, r tuneReport) {
	k := r.cfg.K
	if k == 0 {
		k = tune.DefaultK
	}
	fmt.Fprintf(w, "tune: %d judged needs, pool %d, objective nDCG@%d, %d folds, seed %d (features %.1fs, fitting %.1fs, engine check %.1fs)\n\n",
		r.needs, r.pool, k, len(r.cv.Folds), r.cfg.Seed, r.tFeat.Seconds(), r.tFit.Seconds(), r.tCheck.Seconds())

	row := func(tw io.Writer, name string, s eval.Scores) {
		fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%.4f\t%.4f\n", name, s.NDCG, s.Recall, s.P1, s.MRR)
	}
	fmt.Fprintf(w, "HELD-OUT (%d-fold cross-validation: each need scored by weights fitted without it)\n", len(r.cv.Folds))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "weights\tnDCG@%d\tRecall@%d\tP@1\tMRR\n", k, k)
	gain := func(tw io.Writer, name string, h, s eval.Scores) {
		fmt.Fprintf(tw, "%s\t%+.4f\t%+.4f\t%+.4f\t%+.4f\n", name, h.NDCG-s.NDCG, h.Recall-s.Recall, h.P1-s.P1, h.MRR-s.MRR)
	}
	row(tw, "start", r.cv.HeldOutStart)
	row(tw, "fitted", r.cv.HeldOut)
	gain(tw, "gain", r.cv.HeldOut, r.cv.HeldOutStart)
	row(tw, "engine start", r.check.heldOutStart)
	row(tw, "engine fitted", r.check.heldOut)
	gain(tw, "engine gain", r.check.heldOut, r.check.heldOutStart)
	tw.Flush()
	fmt.Fprintf(w, "(start/fitted: the pool of %d rescored; engine: full retrieval, what eval measures)\n", r.pool)

	fmt.Fprintln(w, "\ntraining (mean over folds of the fitted needs; a gap above held-out is overfitting)")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "weights\tnDCG@%d\tRecall@%d\tP@1\tMRR\n", k, k)
	row(tw, "start", r.cv.TrainStart)
	row(tw, "fitted", r.cv.Train)
	tw.Flush()

	fmt.Fprintln(w, "\nper fold")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "fold\theld out\tstart nDCG@%d\tfitted nDCG@%d\ttrain nDCG@%d\tstart P@1\tfitted P@1\n", k, k, k)
	for i, f := range r.cv.Folds {
		fmt.Fprintf(tw, "%d\t%d\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\n", i+1, len(f.Test),
			f.HeldOutStart.NDCG, f.HeldOut.NDCG, f.Fit.Train.NDCG, f.HeldOutStart.P1, f.HeldOut.P1)
	}
	tw.Flush()

	fmt.Fprintf(w, "\nweights fitted on all %d needs, written to %s (training nDCG@%d %.4f, engine %.4f, start %.4f)\n",
		r.needs, r.out, k, r.all.Train.NDCG, r.check.all.NDCG, r.all.TrainStart.NDCG)
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "feature\tstart\tfitted\tfolds min–max\t")
	start, fitted := r.all.Start.Vector(), r.all.Weights.Vector()
	for j, name := range tune.Names {
		lo, hi := fitted[j], fitted[j]
		for _, f := range r.cv.Folds {
			v := f.Fit.Weights.Vector()[j]
			lo, hi = min(lo, v), max(hi, v)
		}
		note := ""
		switch {
		case name == rank.FeatureDemandPriority:
			note = "not learned: constant within a need, it cannot change a need's ranking; kept at its start share"
		case !r.all.Learned[j]:
			note = "not learned: constant within every need (off or no data); kept at its start share"
		}
		fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%.4f–%.4f\t%s\n", name, start[j], fitted[j], lo, hi, note)
	}
	tw.Flush()
}
