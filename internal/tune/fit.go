package tune

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/techmatch/techmatch/internal/eval"
	"github.com/techmatch/techmatch/rank"
)

// Result is the outcome of one fit. Plain data: safe to copy and to read
// concurrently.
type Result struct {
	// Weights are the fitted weights, summing to 1.
	Weights rank.Weights
	// Start are the start weights normalised to sum to 1.
	Start rank.Weights
	// Learned says, in Names order, which weights were fitted; the others
	// (demand_priority, and features constant within every fitted need)
	// kept their share of Start.
	Learned [rank.NumFeatures]bool
	// Needs is the number of needs fitted on.
	Needs int
	// Train are the mean scores of the fitted needs under Weights,
	// TrainStart under the start weights.
	Train, TrainStart eval.Scores
}

// Fit fits weights to needs starting from start (finite, ≥ 0, text > 0;
// only its ratios matter) by coordinate ascent on mean nDCG@K (see the
// package doc). It is deterministic for a given Config.Seed and safe to
// call concurrently. Cost: O(starts × passes × features × grid × Σ rows ×
// relevant rows).
func Fit(ctx context.Context, needs []Need, start rank.Weights, cfg Config) (Result, error) {
	if err := cfg.Validate(); err != nil {
		return Result{}, err
	}
	if err := checkStart(start); err != nil {
		return Result{}, err
	}
	if err := checkNeeds(needs); err != nil {
		return Result{}, err
	}
	cfg = cfg.withDefaults()
	preps := make([]*prepared, len(needs))
	for i := range needs {
		preps[i] = prepare(needs[i], cfg.K)
	}
	return fit(ctx, needs, preps, start, cfg)
}

// fit runs Fit on validated input with defaults applied.
func fit(ctx context.Context, needs []Need, preps []*prepared, start rank.Weights, cfg Config) (Result, error) {
	f := newFitter(preps, cfg)
	share := normalised(start.Vector())
	f.share = share
	for j := range f.learn {
		f.learn[j] = j != idxPriority && (j == idxText || varies(preps, j))
	}
	best, bestObj, err := f.ascend(ctx, f.rescale(share))
	if err != nil {
		return Result{}, err
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x74756e65)) // "tune"
	for range cfg.Restarts {
		w := share
		for j := range w {
			if !f.learn[j] {
				continue
			}
			if j == idxText {
				w[j] = 0.2 + 0.8*rng.Float64()
			} else {
				w[j] = 0.4 * rng.Float64()
			}
		}
		got, obj, err := f.ascend(ctx, f.rescale(w))
		if err != nil {
			return Result{}, err
		}
		if obj > bestObj+eps {
			best, bestObj = got, obj
		}
	}
	res := Result{
		Weights: toWeights(best),
		Start:   toWeights(share),
		Learned: f.learn,
		Needs:   len(needs),
	}
	res.Train, _ = Evaluate(needs, res.Weights, cfg.K)
	res.TrainStart, _ = Evaluate(needs, start, cfg.K)
	return res, nil
}

// eps is the least objective gain that counts as an improvement.
const eps = 1e-12

// prepared is one need reduced to what the objective needs. Immutable
// once built: shared by concurrent fits.
type prepared struct {
	vals [][rank.NumFeatures]float64 // kept candidates
	cols [rank.NumFeatures][]float64 // the same, by feature (the line search reads one)
	flat [rank.NumFeatures]bool      // feature constant over the candidates: its weight cannot reorder them
	tie  []int32                     // each candidate's position in id order
	rel  []int32                     // candidates with a positive grade
	gain []float64                   // their gains
	idcg float64                     // ideal DCG@K of the judgments; 0: unmeasurable
}

func prepare(n Need, k int) *prepared {
	rows := candidates(n)
	p := &prepared{
		vals: make([][rank.NumFeatures]float64, len(rows)),
		tie:  make([]int32, len(rows)),
	}
	order := make([]int, len(rows))
	for i, r := range rows {
		p.vals[i] = r.Values
		order[i] = i
		if g := n.Judged[r.ID]; g > 0 {
			p.rel = append(p.rel, int32(i))
			p.gain = append(p.gain, gain(g))
		}
	}
	sort.Slice(order, func(a, b int) bool { return rows[order[a]].ID < rows[order[b]].ID })
	for pos, i := range order {
		p.tie[i] = int32(pos)
	}
	for j := range p.cols {
		p.cols[j] = make([]float64, len(rows))
		for i := range rows {
			p.cols[j][i] = rows[i].Values[j]
		}
		p.flat[j] = !slices.ContainsFunc(p.cols[j], func(v float64) bool { return v != p.cols[j][0] })
	}
	var grades []int
	for _, g := range n.Judged {
		if g > 0 {
			grades = append(grades, g)
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(grades)))
	for i, g := range grades {
		if i >= k {
			break
		}
		p.idcg += gain(g) / math.Log2(float64(i)+2)
	}
	return p
}

// gain is eval's gain, 2^grade − 1.
func gain(grade int) float64 { return math.Exp2(float64(grade)) - 1 }

// varies reports whether feature j takes two values within one need.
func varies(preps []*prepared, j int) bool {
	for _, p := range preps {
		for _, v := range p.vals {
			if v[j] != p.vals[0][j] {
				return true
			}
		}
	}
	return false
}

// fitter holds one fit's state; not safe for concurrent use.
type fitter struct {
	preps  []*prepared
	k      int
	passes int
	steps  []float64
	disc   []float64 // 1/log2(rank+2), rank < k
	share  [rank.NumFeatures]float64
	learn  [rank.NumFeatures]bool
	cur    [][]float64 // each need's candidate scores under the current weights
	curN   []float64   // each need's nDCG under the current weights
	tmp    []float64
}

func newFitter(preps []*prepared, cfg Config) *fitter {
	f := &fitter{preps: preps, k: cfg.K, passes: cfg.Passes, steps: cfg.Steps}
	f.disc = make([]float64, cfg.K)
	for r := range f.disc {
		f.disc[r] = 1 / math.Log2(float64(r)+2)
	}
	f.cur = make([][]float64, len(preps))
	f.curN = make([]float64, len(preps))
	most := 0
	for i, p := range preps {
		f.cur[i] = make([]float64, len(p.vals))
		most = max(most, len(p.vals))
	}
	f.tmp = make([]float64, most)
	return f
}

// rescale keeps the non-learned weights at their start share and scales
// the learned ones to fill the rest of a unit sum. Within-need rankings do
// not change: the non-learned features are constant within each need.
func (f *fitter) rescale(w [rank.NumFeatures]float64) [rank.NumFeatures]float64 {
	room, sum := 1.0, 0.0
	for j := range w {
		if f.learn[j] {
			sum += w[j]
		} else {
			room -= f.share[j]
		}
	}
	for j := range w {
		if f.learn[j] {
			w[j] *= room / sum
		} else {
			w[j] = f.share[j]
		}
	}
	return w
}

// score fills cur with the scores under w and returns the objective.
func (f *fitter) score(w [rank.NumFeatures]float64) float64 {
	total := 0.0
	for i, p := range f.preps {
		s := f.cur[i]
		for r := range p.vals {
			s[r] = dot(&w, &p.vals[r])
		}
		f.curN[i] = f.ndcg(p, s)
		total += f.curN[i]
	}
	return total / float64(len(f.preps))
}

// trial returns the objective with weight j moved by d.
func (f *fitter) trial(j int, d float64) float64 {
	total := 0.0
	for i, p := range f.preps {
		if p.idcg == 0 || len(p.rel) == 0 {
			continue
		}
		if p.flat[j] {
			total += f.curN[i]
			continue
		}
		col := p.cols[j]
		cur := f.cur[i][:len(col)]
		s := f.tmp[:len(col)]
		for r, v := range col {
			s[r] = cur[r] + d*v
		}
		total += f.ndcg(p, s)
	}
	return total / float64(len(f.preps))
}

// ndcg is nDCG@k of one need under scores s, ties broken by id.
func (f *fitter) ndcg(p *prepared, s []float64) float64 {
	if p.idcg == 0 {
		return 0
	}
	dcg := 0.0
	tie := p.tie[:len(s)]
	for n, r := range p.rel {
		sr, tr := s[r], tie[r]
		// rank counts the rows above r: a higher score, or an equal score
		// and a smaller id; this loop is the hot spot of the fit.
		rank := 0
		for i, si := range s {
			if si > sr || (si == sr && tie[i] < tr) {
				if rank++; rank >= f.k {
					break
				}
			}
		}
		if rank < f.k {
			dcg += p.gain[n] * f.disc[rank]
		}
	}
	return dcg / p.idcg
}

// grid returns the values tried for weight j, ascending, without the
// current value.
func (f *fitter) grid(j int, w [rank.NumFeatures]float64) []float64 {
	total := 0.0
	for _, v := range w {
		total += v
	}
	c := make([]float64, 0, len(f.steps)+len(probes)+1)
	if j != idxText {
		c = append(c, 0)
	}
	if w[j] > 0 {
		for _, s := range f.steps {
			c = append(c, w[j]*s)
		}
	}
	for _, p := range probes {
		c = append(c, total*p)
	}
	slices.Sort(c)
	c = slices.Compact(c)
	return slices.DeleteFunc(c, func(x float64) bool { return x == w[j] || (j == idxText && x <= 0) })
}

// ascend runs coordinate ascent from w and returns the final weights and
// objective.
func (f *fitter) ascend(ctx context.Context, w [rank.NumFeatures]float64) ([rank.NumFeatures]float64, float64, error) {
	obj := f.score(w)
	for range f.passes {
		changed := false
		for j := range w {
			if !f.learn[j] {
				continue
			}
			if err := ctx.Err(); err != nil {
				return w, 0, fmt.Errorf("tune: fit: %w", err)
			}
			bestX, bestObj := w[j], obj
			for _, x := range f.grid(j, w) {
				if o := f.trial(j, x-w[j]); o > bestObj+eps {
					bestX, bestObj = x, o
				}
			}
			if bestX != w[j] {
				w[j] = bestX
				obj = f.score(w)
				changed = true
			}
		}
		w = f.rescale(w)
		obj = f.score(w)
		if !changed {
			break
		}
	}
	return w, obj, nil
}
