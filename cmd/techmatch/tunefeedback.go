package main

import (
	"context"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/techmatch/techmatch/internal/eval"
	"github.com/techmatch/techmatch/internal/inert"
	"github.com/techmatch/techmatch/match/outcome"
)

// tuneFeedback is tune's --feedback and --min-judged: outcomes of earlier
// rounds as judgments (已对接 2, 有意向 1, 不合适 0).
type tuneFeedback struct {
	path      string
	minJudged int
}

func (f *tuneFeedback) add(fs *pflag.FlagSet) {
	fs.StringVar(&f.path, "feedback", "", "judgments from outcomes (CSV, XLSX or JSONL as for match --feedback): 已对接 = 2, 有意向 = 1, 不合适 = 0; instead of --qrels")
	fs.IntVar(&f.minJudged, "min-judged", outcome.MinJudgedNeeds, "with --feedback: the fewest needs of the catalog with a 已对接 or 有意向 outcome to fit weights on; fewer is an error and nothing is written")
}

// judgments reads the feedback file (the catalogs' limits and mode),
// drops outcomes naming ids the catalogs lack (warnings) and refuses too
// few judged needs, before any fitting.
func (f *tuneFeedback) judgments(ctx context.Context, cf *catalogFlags, data *loaded, folds int) (eval.Qrels, error) {
	if f.minJudged < 1 {
		return nil, fmt.Errorf("--min-judged %d: want ≥ 1", f.minJudged)
	}
	set, err := loadFeedback(ctx, f.path, cf, data)
	if err != nil {
		return nil, err
	}
	needs, achs := catalogIDs(data)
	q := eval.Qrels{}
	for need, js := range set.Judgments() {
		for ach, g := range js {
			if needs[need] && achs[ach] {
				if q[need] == nil {
					q[need] = map[string]int{}
				}
				q[need][ach] = g
			}
		}
	}
	judged := 0
	for _, js := range q {
		for _, g := range js {
			if g > 0 {
				judged++
				break
			}
		}
	}
	if want := max(f.minJudged, folds); judged < want {
		return nil, fmt.Errorf("tune --feedback %s: %d needs of the catalog have a 已对接 or 有意向 outcome; fitting weights needs at least %d (--min-judged; and one per fold): no weights written. Gather more outcomes, or tune with --qrels",
			inert.Terminal(f.path), judged, want)
	}
	fmt.Fprintf(data.stderr, "tune: %d judged needs from %s (%d with a positive outcome)\n", len(q), inert.Terminal(f.path), judged)
	return q, nil
}
