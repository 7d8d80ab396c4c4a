package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/internal/baseline"
	"github.com/techmatch/techmatch/internal/eval"
	"github.com/techmatch/techmatch/match"
	"github.com/techmatch/techmatch/segment"
)

func newEvalCmd() *cobra.Command {
	var (
		cf      catalogFlags
		qrels   string
		types   string
		k       int
		perNeed bool
		noBase  bool
		qc      match.QueryConfig
		learn   string
		recip   float64
		pool    int
		poolOut string
	)
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Measure nDCG@k, Recall@k, P@1 and MRR against judgments, beside the plain bleve baseline",
		Long: `eval ranks every judged need with techmatch and with the plain bleve baseline
(stock cjk analyzer, BM25, one match query per need over title+description+keywords)
in the same run, and prints the metrics overall, per need type (when a types file
need_id<TAB>type is given or need_types.tsv sits beside the qrels) and per need.`,
		Example: `  techmatch eval --achievements testdata/achievements.jsonl --needs testdata/needs.jsonl --qrels testdata/qrels.tsv`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			q, err := eval.LoadQrels(qrels)
			if err != nil {
				return err
			}
			data, err := cf.load(ctx, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			// Judged needs that are not in the catalog are not ranked:
			// counting them as zeros would measure the catalog, not the
			// engine.
			inCatalog := make(map[string]bool, len(data.needs))
			for _, n := range data.needs {
				inCatalog[n.ID] = true
			}
			missing := 0
			for id := range q {
				if !inCatalog[id] {
					delete(q, id)
					missing++
				}
			}
			if missing > 0 {
				fmt.Fprintf(cmd.ErrOrStderr(), "eval: %d judged needs are not in %s; left out\n", missing, strings.Join(cf.needs, ", "))
			}
			if len(q) == 0 {
				return fmt.Errorf("eval: no judged need is in %s", strings.Join(cf.needs, ", "))
			}
			seg := data.seg
			typeOf, err := loadTypes(types, qrels)
			if err != nil {
				return err
			}
			runs := []namedRun{}
			ours, err := rankTechmatch(ctx, seg, data, data.config(qc), learn, recip, k)
			if err != nil {
				return err
			}
			runs = append(runs, namedRun{"techmatch", eval.Evaluate(ours, q, k)})
			var base map[string][]string
			if !noBase {
				if base, err = rankBaseline(ctx, data, k); err != nil {
					return err
				}
				runs = append(runs, namedRun{"bleve-cjk", eval.Evaluate(base, q, k)})
			}
			printRuns(cmd.OutOrStdout(), runs, typeOf, k, perNeed)
			if poolOut != "" {
				if noBase {
					return fmt.Errorf("--pool-out: the pool needs both systems (drop --no-baseline)")
				}
				return writePool(poolOut, pool, data, q, ours, base)
			}
			return nil
		},
	}
	f := cmd.Flags()
	cf.add(f)
	f.StringVar(&qrels, "qrels", "", "judgments: need_id<TAB>achievement_id<TAB>grade (required)")
	f.StringVar(&types, "types", "", "need types: need_id<TAB>type (default: need_types.tsv beside --qrels, if present)")
	f.IntVar(&k, "k", 10, "cutoff of nDCG and Recall")
	f.BoolVar(&perNeed, "per-need", false, "also print every need's scores")
	f.BoolVar(&noBase, "no-baseline", false, "skip the bleve baseline")
	f.StringVar(&poolOut, "pool-out", "", "write the unjudged pairs of both systems' top --pool to this JSONL file, shuffled and unlabelled, for a blind judge")
	f.IntVar(&pool, "pool", 5, "depth of the pool written by --pool-out")
	f.Float64Var(&qc.BigramWeight, "bigram-weight", 0, "weight of the character-bigram backoff terms (default 0.1)")
	f.IntVar(&qc.MaxWords, "max-words", 0, "most informative word terms kept per query (default 40)")
	f.IntVar(&qc.MaxBigrams, "max-bigrams", 0, "most informative bigram terms kept per query (default 32)")
	f.IntVar(&qc.MaxExpansions, "max-expansions", 0, "knowledge-base expansions kept per query (default 24)")
	f.Float64Var(&qc.ExpansionPartWeight, "expansion-part-weight", 0, "weight of the parts of an expansion term no document has whole (default 1)")
	f.BoolVar(&qc.NoExpansionParts, "no-expansion-parts", false, "ablation: drop expansion terms no document has whole instead of querying their parts")
	f.Float64Var(&qc.SubwordWeight, "subword-weight", 0, "weight of words cut out of a longer word, e.g. 寿命 in 长寿命 (default 0.15; 1: like whole words)")
	f.BoolVar(&qc.NoBigrams, "no-bigrams", false, "ablation: no character-bigram backoff")
	f.Float64Var(&qc.TitleBoost, "title-boost", 0, "query weight of title terms (default 1.5)")
	f.Float64Var(&qc.KeywordBoost, "keyword-boost", 0, "query weight of keyword terms (default 2)")
	f.BoolVar(&qc.NoExpansion, "no-expansion", false, "ablation: no knowledge-base expansion")
	f.BoolVar(&qc.KeepExcluded, "keep-excluded", false, "ablation: keep in the query the words of what a need excludes (不考虑…)")
	f.Float64Var(&qc.ExpansionWeight, "expansion-weight", 0, "weight of knowledge-base expansions (default 0.6)")
	f.IntVar(&qc.FeedbackDocs, "feedback-docs", 0, "pseudo-relevance feedback from this many top documents (default 0: off)")
	f.IntVar(&qc.FeedbackTerms, "feedback-terms", 0, "feedback words added (default 10)")
	f.Float64Var(&qc.FeedbackWeight, "feedback-weight", 0, "weight of the strongest feedback word (default 0.3)")
	f.StringVar(&learn, "associations", "", "expand with term associations learned from both catalogs: svd or npmi (default: off)")
	f.Float64Var(&qc.AssociationWeight, "association-weight", 0, "weight of learned associations (default 0.4)")
	f.Float64Var(&qc.MinIDF, "min-idf", 0, "drop query terms with an idf below this (default 0: keep all)")
	f.Float64Var(&recip, "reciprocal", 0, "fuse the achievement→need view with this weight (0: off)")
	f.Float64Var(&qc.SalienceBoost, "salience-boost", 0, "boost of the need's TF-IDF keywords, e.g. 1 (default 0: off)")
	_ = cmd.MarkFlagRequired("qrels")
	return cmd
}

type namedRun struct {
	name string
	run  eval.Run
}

// rankTechmatch returns each need's ranked achievement ids.
func rankTechmatch(ctx context.Context, seg *segment.Segmenter, data *loaded, cfg match.Config, learn string, recip float64, k int) (map[string][]string, error) {
	idx, err := buildIndex(ctx, seg, data.achs)
	if err != nil {
		return nil, err
	}
	defer idx.Close()
	if learn != "" {
		if cfg.Associations, err = learnAssociations(ctx, idx, data, learn); err != nil {
			return nil, err
		}
	}
	eng, err := match.New(ctx, idx, cfg)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]string, len(data.needs))
	collect := func(pairs []techmatch.Pair) {
		for _, p := range pairs {
			out[p.NeedID] = append(out[p.NeedID], p.AchievementID)
		}
	}
	opt := match.Options{Top: k, NoExplain: true, OnSkip: skipReporter(data.stderr)}
	if recip > 0 {
		pairs, err := reciprocal(ctx, data, eng, cfg, opt, recip)
		collect(pairs)
		return out, err
	}
	err = eng.MatchEach(ctx, data.needs, opt, func(_ int, pairs []techmatch.Pair) error {
		collect(pairs)
		return nil
	})
	return out, err
}

// rankBaseline runs the plain bleve baseline: stock cjk analyzer, BM25,
// one query per need.
func rankBaseline(ctx context.Context, data *loaded, k int) (map[string][]string, error) {
	m, err := baseline.New(baseline.Config{})
	if err != nil {
		return nil, err
	}
	defer m.Close()
	recs := make([]techmatch.Record, len(data.achs))
	for i, a := range data.achs {
		recs[i] = a
	}
	if err := m.Add(ctx, recs...); err != nil {
		return nil, err
	}
	out := make(map[string][]string, len(data.needs))
	for _, n := range data.needs {
		ids, _, err := m.Search(ctx, baseline.QueryText(n), nil, k)
		if err != nil {
			return nil, err
		}
		out[n.ID] = ids
	}
	return out, nil
}

// loadTypes reads need_id<TAB>type; with no explicit path it looks for
// need_types.tsv beside the qrels and returns nil when there is none.
func loadTypes(path, qrels string) (map[string]string, error) {
	explicit := path != ""
	if !explicit {
		dir := qrels[:strings.LastIndexAny(qrels, `/\`)+1]
		path = dir + "need_types.tsv"
	}
	f, err := os.Open(path)
	if err != nil {
		if !explicit && os.IsNotExist(err) {
			return nil, nil
		}
		return nil, fmt.Errorf("types: %w", err)
	}
	defer f.Close()
	return eval.ReadTypes(f, path)
}

func printRuns(w io.Writer, runs []namedRun, typeOf map[string]string, k int, perNeed bool) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "system\tneeds\tnDCG@%d\tRecall@%d\tP@1\tMRR\n", k, k)
	for _, r := range runs {
		m := r.run.Mean
		fmt.Fprintf(tw, "%s\t%d\t%.4f\t%.4f\t%.4f\t%.4f\n", r.name, len(r.run.PerNeed), m.NDCG, m.Recall, m.P1, m.MRR)
	}
	tw.Flush()
	if len(typeOf) > 0 {
		byType := map[string][]string{}
		for id := range runs[0].run.PerNeed {
			t := typeOf[id]
			if t == "" {
				t = "(untyped)"
			}
			byType[t] = append(byType[t], id)
		}
		names := make([]string, 0, len(byType))
		for t := range byType {
			names = append(names, t)
		}
		sort.Strings(names)
		fmt.Fprintf(w, "\nby need type (nDCG@%d / P@1):\n", k)
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprint(tw, "type\tneeds")
		for _, r := range runs {
			fmt.Fprintf(tw, "\t%s", r.name)
		}
		fmt.Fprintln(tw)
		for _, t := range names {
			fmt.Fprintf(tw, "%s\t%d", t, len(byType[t]))
			for _, r := range runs {
				m := r.run.MeanOver(byType[t])
				fmt.Fprintf(tw, "\t%.4f / %.2f", m.NDCG, m.P1)
			}
			fmt.Fprintln(tw)
		}
		tw.Flush()
	}
	if perNeed {
		ids := make([]string, 0, len(runs[0].run.PerNeed))
		for id := range runs[0].run.PerNeed {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		fmt.Fprintf(w, "\nper need (nDCG@%d):\n", k)
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprint(tw, "need\ttype")
		for _, r := range runs {
			fmt.Fprintf(tw, "\t%s", r.name)
		}
		fmt.Fprintln(tw)
		for _, id := range ids {
			fmt.Fprintf(tw, "%s\t%s", id, typeOf[id])
			for _, r := range runs {
				fmt.Fprintf(tw, "\t%.4f", r.run.PerNeed[id].NDCG)
			}
			fmt.Fprintln(tw)
		}
		tw.Flush()
	}
}
