package tune

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch/internal/eval"
	"github.com/techmatch/techmatch/rank"
)

// synthetic builds needs whose relevant rows (grade 1 or 2) differ from
// the others only by feature sep (grade/2 instead of 0); every other feature,
// text included, is uniform noise. demand_priority is constant per need.
func synthetic(seed uint64, needs, rows, rel, sep int) []Need {
	rng := rand.New(rand.NewPCG(seed, 1))
	out := make([]Need, needs)
	for n := range out {
		nd := Need{ID: fmt.Sprintf("N%03d", n), Judged: map[string]int{}}
		prio := rng.Float64()
		for r := range rows {
			row := Row{ID: fmt.Sprintf("A%03d-%02d", n, r), Keep: true}
			for j := range row.Values {
				row.Values[j] = rng.Float64()
			}
			row.Values[idxPriority] = prio
			row.Values[sep] = 0
			if r < rel {
				g := 1 + r%2
				row.Values[sep] = float64(g) / 2
				nd.Judged[row.ID] = g
			} else if r < 2*rel {
				nd.Judged[row.ID] = 0
			}
			nd.Rows = append(nd.Rows, row)
		}
		out[n] = nd
	}
	return out
}

// noise builds needs with random features and random judgments: nothing
// generalises, so any training gain is overfitting.
func noise(seed uint64, needs, rows int) []Need {
	rng := rand.New(rand.NewPCG(seed, 2))
	out := make([]Need, needs)
	for n := range out {
		nd := Need{ID: fmt.Sprintf("N%03d", n), Judged: map[string]int{}}
		for r := range rows {
			row := Row{ID: fmt.Sprintf("A%03d-%02d", n, r), Keep: true}
			for j := range row.Values {
				row.Values[j] = rng.Float64()
			}
			if rng.IntN(8) == 0 {
				nd.Judged[row.ID] = 1 + rng.IntN(2)
			}
			nd.Rows = append(nd.Rows, row)
		}
		out[n] = nd
	}
	return out
}

func TestFitRecoversSeparatingFeature(t *testing.T) {
	start := rank.DefaultConfig().Weights
	tests := []struct {
		name string
		sep  int
	}{
		{"industry", 1},
		{"region", 5},
		{"supplier_tier", 6},
		{"text", idxText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			needs := synthetic(7, 30, 40, 3, tt.sep)
			res, err := Fit(context.Background(), needs, start, Config{Seed: 1})
			require.NoError(t, err)
			assert.InDelta(t, 1.0, res.Train.NDCG, 1e-9, "training nDCG: got %v, want 1", res.Train.NDCG)
			if tt.sep != idxText {
				assert.Less(t, res.TrainStart.NDCG, 0.9, "the start weights must not already solve it")
			}
			for _, n := range needs {
				got := Rank(n, res.Weights)[:3]
				for _, id := range got {
					assert.Positive(t, n.Judged[id], "need %s: got %v first, want the relevant rows", n.ID, got)
				}
			}
			w := res.Weights.Vector()
			for j, v := range w {
				if j != tt.sep && j != idxPriority {
					assert.Less(t, v, w[tt.sep], "weight %s %v: want below the separating %s %v", Names[j], v, Names[tt.sep], w[tt.sep])
				}
			}
			assert.InDelta(t, 1.0, res.Weights.Sum(), 1e-9, "weights sum to 1")
			assert.False(t, res.Learned[idxPriority], "demand_priority is never learned")
			assert.InDelta(t, start.DemandPriority/start.Sum(), res.Weights.DemandPriority, 1e-12,
				"demand_priority keeps its start share")
			assert.Positive(t, res.Weights.Text, "text stays > 0")
		})
	}
}

func TestNotLearnedWhenConstant(t *testing.T) {
	needs := synthetic(3, 10, 20, 2, 5)
	for i := range needs {
		for r := range needs[i].Rows {
			needs[i].Rows[r].Values[idxMaturity] = 0 // maturity switched off
		}
	}
	start := rank.DefaultConfig().Weights
	res, err := Fit(context.Background(), needs, start, Config{Seed: 1, Restarts: -1})
	require.NoError(t, err)
	var want [rank.NumFeatures]bool
	for j := range want {
		want[j] = j != idxMaturity && j != idxPriority
	}
	assert.Equal(t, want, res.Learned, "got %v, want %v", res.Learned, want)
	assert.InDelta(t, start.Maturity/start.Sum(), res.Weights.Maturity, 1e-12, "an off feature keeps its start share")
}

// TestObjectiveMatchesEval: the fast objective is eval's nDCG@k.
func TestObjectiveMatchesEval(t *testing.T) {
	needs := noise(5, 20, 30)
	needs[0].Rows[3].Keep = false
	needs[0].Judged[needs[0].Rows[3].ID] = 2
	needs[1].Judged["missing"] = 2 // judged but not in the pool
	needs[2].Rows = append(needs[2].Rows, needs[2].Rows[0])
	rng := rand.New(rand.NewPCG(9, 9))
	for _, k := range []int{1, 3, 10} {
		preps := make([]*prepared, len(needs))
		for i := range needs {
			preps[i] = prepare(needs[i], k)
		}
		f := newFitter(preps, Config{K: k}.withDefaults())
		for range 20 {
			var w [rank.NumFeatures]float64
			for j := range w {
				w[j] = float64(rng.IntN(3)) / 2 // coarse values make ties
			}
			f.score(w)
			for i, n := range needs {
				want := eval.Score(Rank(n, toWeights(w)), n.Judged, k).NDCG
				got := f.ndcg(preps[i], f.cur[i])
				assert.InDelta(t, want, got, 1e-12, "k=%d need %s w=%v: got %v, want %v", k, n.ID, w, got, want)
			}
		}
	}
}

var (
	idxMaturity = slices.Index(Names[:], rank.FeatureMaturity)
	idxIndustry = slices.Index(Names[:], rank.FeatureIndustry)
)

// values is a row's feature values with the given text and industry.
func values(text, industry float64) [rank.NumFeatures]float64 {
	var v [rank.NumFeatures]float64
	v[idxText], v[idxIndustry] = text, industry
	return v
}

func TestRank(t *testing.T) {
	need := Need{ID: "N", Rows: []Row{
		{ID: "b", Values: [rank.NumFeatures]float64{0.5}, Keep: true},
		{ID: "a", Values: [rank.NumFeatures]float64{0.5}, Keep: true},
		{ID: "c", Values: [rank.NumFeatures]float64{0.9}, Keep: false},
		{ID: "d", Values: values(0.1, 1), Keep: true}, // text 0.1, industry 1
		{ID: "a", Values: [rank.NumFeatures]float64{0.0}, Keep: true},
	}}
	tests := []struct {
		name string
		w    rank.Weights
		want []string
	}{
		{"text only, ties by id, dropped and duplicate rows skipped", rank.Weights{Text: 1}, []string{"a", "b", "d"}},
		{"industry dominates", rank.Weights{Text: 1, Industry: 1}, []string{"d", "a", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Rank(need, tt.w)
			assert.Equal(t, tt.want, got, "got %v, want %v", got, tt.want)
		})
	}
}

func TestAssign(t *testing.T) {
	ids := make([]string, 23)
	for i := range ids {
		ids[i] = fmt.Sprintf("N%02d", i)
	}
	tests := []struct {
		name  string
		folds int
		seed  uint64
	}{
		{"2 folds", 2, 1},
		{"5 folds", 5, 1},
		{"5 folds other seed", 5, 2},
		{"leave one out", 23, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			of, err := Assign(ids, tt.folds, tt.seed)
			require.NoError(t, err)
			require.Len(t, of, len(ids))
			size := make([]int, tt.folds)
			for i, f := range of {
				require.True(t, f >= 0 && f < tt.folds, "id %s: fold %d out of range", ids[i], f)
				size[f]++
			}
			assert.LessOrEqual(t, slices.Max(size)-slices.Min(size), 1, "fold sizes %v differ by at most one", size)
			again, err := Assign(ids, tt.folds, tt.seed)
			require.NoError(t, err)
			assert.Equal(t, of, again, "same seed, same folds")
			rev := slices.Clone(ids)
			slices.Reverse(rev)
			ofRev, err := Assign(rev, tt.folds, tt.seed)
			require.NoError(t, err)
			for i := range ids {
				assert.Equal(t, of[i], ofRev[len(ids)-1-i], "id %s: the fold does not depend on input order", ids[i])
			}
		})
	}
	a, _ := Assign(ids, 5, 1)
	b, _ := Assign(ids, 5, 2)
	assert.NotEqual(t, a, b, "different seeds give different folds")

	bad := []struct {
		name  string
		ids   []string
		folds int
		want  string
	}{
		{"one fold", ids, 1, "want 2 ≤ folds"},
		{"more folds than needs", ids[:3], 4, "4 folds for 3 needs"},
		{"duplicate", []string{"x", "y", "x"}, 2, `duplicate need id "x"`},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Assign(tt.ids, tt.folds, 1)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

func TestCrossValidate(t *testing.T) {
	tests := []struct {
		name      string
		needs     []Need
		wantGain  bool // held-out beats start
		wantOverf bool // training beats held-out
	}{
		{"learnable", synthetic(11, 40, 30, 2, 5), true, false},
		{"noise overfits", noise(11, 40, 30), false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := Config{Folds: 4, Seed: 3}
			r, err := CrossValidate(context.Background(), tt.needs, rank.DefaultConfig().Weights, cfg)
			require.NoError(t, err)
			require.Len(t, r.Folds, 4)

			seen := map[string]int{}
			for i, f := range r.Folds {
				for _, id := range f.Test {
					seen[id]++
				}
				assert.Equal(t, len(tt.needs)-len(f.Test), f.Fit.Needs, "fold %d fits on the other folds", i)
			}
			assert.Len(t, seen, len(tt.needs), "every need is held out")
			for id, c := range seen {
				assert.Equal(t, 1, c, "need %s held out %d times, want once", id, c)
			}

			if tt.wantGain {
				assert.Greater(t, r.HeldOut.NDCG, r.HeldOutStart.NDCG+0.1, "held-out: got %v, start %v", r.HeldOut.NDCG, r.HeldOutStart.NDCG)
			}
			if tt.wantOverf {
				assert.Greater(t, r.Train.NDCG, r.HeldOut.NDCG, "training %v should beat held-out %v on noise", r.Train.NDCG, r.HeldOut.NDCG)
			}
			// The pooled held-out mean is the fold means weighted by size.
			var sum float64
			for _, f := range r.Folds {
				sum += f.HeldOut.NDCG * float64(len(f.Test))
			}
			assert.InDelta(t, sum/float64(len(tt.needs)), r.HeldOut.NDCG, 1e-12)

			again, err := CrossValidate(context.Background(), tt.needs, rank.DefaultConfig().Weights, cfg)
			require.NoError(t, err)
			assert.Equal(t, r, again, "deterministic for a seed")
		})
	}
}

func TestErrors(t *testing.T) {
	good := synthetic(1, 6, 5, 1, 1)
	def := rank.DefaultConfig().Weights
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name  string
		ctx   context.Context
		needs []Need
		start rank.Weights
		cfg   Config
		want  string
	}{
		{"no needs", context.Background(), nil, def, Config{}, "no needs"},
		{"duplicate need", context.Background(), []Need{{ID: "x"}, {ID: "x"}}, def, Config{}, `need "x" at 0 and 1`},
		{"zero text", context.Background(), good, rank.Weights{Industry: 1}, Config{}, "start weight text 0"},
		{"negative weight", context.Background(), good, rank.Weights{Text: 1, Region: -1}, Config{}, "start weight region -1"},
		{"bad step", context.Background(), good, def, Config{Steps: []float64{2, 1}}, "steps[1] 1"},
		{"one fold", context.Background(), good, def, Config{Folds: 1}, "folds 1"},
		{"negative k", context.Background(), good, def, Config{K: -1}, "k -1"},
		{"canceled", canceled, good, def, Config{}, "context canceled"},
		{"too many folds", context.Background(), good, def, Config{Folds: 7}, "7 folds for 6 needs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := CrossValidate(tt.ctx, tt.needs, tt.start, tt.cfg)
			assert.ErrorContains(t, err, tt.want)
			if tt.name != "too many folds" {
				_, err = Fit(tt.ctx, tt.needs, tt.start, tt.cfg)
				assert.ErrorContains(t, err, tt.want)
			}
		})
	}
}

// TestDegenerateNeeds: needs without rows, judgments or kept rows do not
// break the fit and score 0.
func TestDegenerateNeeds(t *testing.T) {
	needs := append(synthetic(2, 6, 10, 2, 3),
		Need{ID: "empty", Judged: map[string]int{"a": 2}},
		Need{ID: "unjudged", Rows: []Row{{ID: "a", Keep: true, Values: [rank.NumFeatures]float64{1}}}},
		Need{ID: "dropped", Rows: []Row{{ID: "a", Keep: false}}, Judged: map[string]int{"a": 1}},
	)
	res, err := Fit(context.Background(), needs, rank.DefaultConfig().Weights, Config{Seed: 1})
	require.NoError(t, err)
	_, per := Evaluate(needs, res.Weights, 10)
	for _, s := range per[6:] {
		assert.Equal(t, eval.Scores{}, s, "a degenerate need scores 0")
	}
	assert.InDelta(t, 6.0/9, res.Train.NDCG, 1e-9, "the 6 separable needs are solved, the 3 degenerate score 0")
}
