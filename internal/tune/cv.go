package tune

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sort"
	"sync"

	"github.com/techmatch/techmatch/internal/eval"
	"github.com/techmatch/techmatch/rank"
)

// Fold is one cross-validation fold. Plain data: safe to copy and to read
// concurrently.
type Fold struct {
	// Test are the held-out need ids, in input order.
	Test []string
	// Fit is the fit on the other folds (its Train and TrainStart are
	// training figures).
	Fit Result
	// HeldOut are the mean scores of the Test needs under Fit.Weights,
	// HeldOutStart under the start weights.
	HeldOut, HeldOutStart eval.Scores
}

// CVResult is the outcome of CrossValidate. Plain data: safe to copy and to
// read concurrently.
type CVResult struct {
	// Folds are the folds in fold order.
	Folds []Fold
	// HeldOut is the mean over all needs of each need's score under the
	// weights fitted without it; HeldOutStart the same needs under the
	// start weights.
	HeldOut, HeldOutStart eval.Scores
	// Train and TrainStart are the means over folds of the folds' training
	// figures, to compare with HeldOut (the overfitting gap).
	Train, TrainStart eval.Scores
}

// Assign returns the fold (0 … folds−1) of each id, aligned with ids: the
// ids are sorted, shuffled by a generator seeded with seed, and dealt
// round-robin, so fold sizes differ by at most one and the assignment
// depends on the set of ids and the seed only, not on their order. ids must
// be distinct and 2 ≤ folds ≤ len(ids).
func Assign(ids []string, folds int, seed uint64) ([]int, error) {
	if folds < 2 || folds > len(ids) {
		return nil, fmt.Errorf("tune: %d folds for %d needs: want 2 ≤ folds ≤ needs", folds, len(ids))
	}
	order := make([]int, len(ids))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return ids[order[a]] < ids[order[b]] })
	for p := 1; p < len(order); p++ {
		if ids[order[p]] == ids[order[p-1]] {
			return nil, fmt.Errorf("tune: duplicate need id %q", ids[order[p]])
		}
	}
	rng := rand.New(rand.NewPCG(seed, 0x666f6c64)) // "fold"
	rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
	out := make([]int, len(ids))
	for p, i := range order {
		out[i] = p % folds
	}
	return out, nil
}

// CrossValidate runs Config.Folds-fold cross-validation over needs (see
// the package doc): for each fold it fits on the others, starting from
// start, and scores the held-out needs with the fitted and the start
// weights. Folds run concurrently on up to GOMAXPROCS goroutines; the
// result does not depend on scheduling. Safe to call concurrently.
func CrossValidate(ctx context.Context, needs []Need, start rank.Weights, cfg Config) (CVResult, error) {
	if err := cfg.Validate(); err != nil {
		return CVResult{}, err
	}
	if err := checkStart(start); err != nil {
		return CVResult{}, err
	}
	if err := checkNeeds(needs); err != nil {
		return CVResult{}, err
	}
	cfg = cfg.withDefaults()
	ids := make([]string, len(needs))
	for i, n := range needs {
		ids[i] = n.ID
	}
	of, err := Assign(ids, cfg.Folds, cfg.Seed)
	if err != nil {
		return CVResult{}, err
	}
	preps := make([]*prepared, len(needs))
	for i := range needs {
		preps[i] = prepare(needs[i], cfg.K)
	}

	folds := make([]Fold, cfg.Folds)
	errs := make([]error, cfg.Folds)
	heldOut := make([]eval.Scores, len(needs))
	heldOutStart := make([]eval.Scores, len(needs))
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	for fi := range folds {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			var train, test []Need
			var trainP []*prepared
			var testAt []int
			for i, n := range needs {
				if of[i] == fi {
					test = append(test, n)
					testAt = append(testAt, i)
				} else {
					train = append(train, n)
					trainP = append(trainP, preps[i])
				}
			}
			res, err := fit(ctx, train, trainP, start, cfg)
			if err != nil {
				errs[fi] = fmt.Errorf("fold %d: %w", fi+1, err)
				return
			}
			fd := Fold{Fit: res, Test: make([]string, len(test))}
			for i, n := range test {
				fd.Test[i] = n.ID
			}
			var per, perStart []eval.Scores
			fd.HeldOut, per = Evaluate(test, res.Weights, cfg.K)
			fd.HeldOutStart, perStart = Evaluate(test, start, cfg.K)
			for i, at := range testAt {
				heldOut[at], heldOutStart[at] = per[i], perStart[i]
			}
			folds[fi] = fd
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return CVResult{}, err
		}
	}
	r := CVResult{Folds: folds, HeldOut: eval.Mean(heldOut), HeldOutStart: eval.Mean(heldOutStart)}
	train := make([]eval.Scores, len(folds))
	trainStart := make([]eval.Scores, len(folds))
	for i, fd := range folds {
		train[i], trainStart[i] = fd.Fit.Train, fd.Fit.TrainStart
	}
	r.Train, r.TrainStart = eval.Mean(train), eval.Mean(trainStart)
	return r, nil
}
