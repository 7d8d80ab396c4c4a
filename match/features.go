package match

import (
	"context"
	"fmt"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/rank"
)

// FeatureRow is one candidate of a need with its unweighted feature
// values: the pair's score under weights w is Σ w.Vector()[i]×Values[i],
// and the pair is dropped when Keep is false (a hard constraint).
type FeatureRow struct {
	AchievementID string
	Values        [rank.NumFeatures]float64
	Keep          bool
}

// Features returns the top n achievements of need by text relevance (the
// candidate pool the scorer re-ranks) with their feature values, best text
// first. Weight fitting (techmatch tune) rescores these rows under many
// weight vectors without searching again. The values do not depend on the
// weights, only on the query configuration and the constraint modes.
func (e *Engine) Features(ctx context.Context, need techmatch.Need, n int) ([]FeatureRow, error) {
	var s matchScratch
	if err := e.prepare(&need); err != nil {
		return nil, err
	}
	q, err := e.qb.build(need, &s)
	if err != nil {
		return nil, err
	}
	if len(q.terms) == 0 {
		return nil, noWords(need.ID)
	}
	if q, err = e.feedback(ctx, q, Options{}, &s); err != nil {
		return nil, err
	}
	hits, err := e.idx.Search(ctx, index.Query{Terms: q.terms, Top: n})
	if err != nil {
		return nil, fmt.Errorf("match: features of %s: %w", need.ID, err)
	}
	if len(hits) == 0 {
		return nil, nil
	}
	np := e.scorer.Need(&need)
	rows := make([]FeatureRow, 0, len(hits))
	for _, h := range hits {
		a, ok := e.idx.Record(h.Doc)
		if !ok {
			continue
		}
		rc := rank.Candidate{Text: h.Score / hits[0].Score}
		rc.Bigram = q.ev.coverage(a)
		v, keep := e.scorer.Values(np, e.scorer.Achievement(&a), rc)
		rows = append(rows, FeatureRow{AchievementID: a.ID, Values: v, Keep: keep})
	}
	return rows, nil
}
