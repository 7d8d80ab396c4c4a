package assign

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// lpOptimum solves the linear relaxation of the assignment with gonum's
// simplex, independently of Solve: a variable 0 ≤ x ≤ 1 per pair with a
// positive score, and per need, achievement and owner (an achievement
// without owner is its own) a row Σx ≤ cap; unlimited caps have no row.
// Standard form: one slack per row, which also gives the initial basis.
func lpOptimum(t *testing.T, pairs []Pair, caps Caps) float64 {
	t.Helper()
	var pos []Pair
	for _, p := range pairs {
		if units(p.Score) > 0 {
			pos = append(pos, p)
		}
	}
	if len(pos) == 0 {
		return 0
	}
	type row struct {
		cap  float64
		cols []int
	}
	var rows []row
	group := func(capacity int, key func(Pair) string) {
		if capacity == Unlimited {
			return
		}
		at := map[string]int{}
		for j, p := range pos {
			k := key(p)
			i, ok := at[k]
			if !ok {
				i = len(rows)
				at[k] = i
				rows = append(rows, row{cap: float64(capacity)})
			}
			rows[i].cols = append(rows[i].cols, j)
		}
	}
	for j := range pos {
		rows = append(rows, row{cap: 1, cols: []int{j}})
	}
	group(caps.PerNeed, func(p Pair) string { return p.Need })
	group(caps.PerAchievement, func(p Pair) string { return p.Achievement })
	group(caps.PerOwner, ownerKey)

	vars := len(pos) + len(rows)
	a := mat.NewDense(len(rows), vars, nil)
	b := make([]float64, len(rows))
	c := make([]float64, vars)
	basic := make([]int, len(rows))
	for j, p := range pos {
		c[j] = -p.Score
	}
	for i, r := range rows {
		for _, j := range r.cols {
			a.Set(i, j, 1)
		}
		a.Set(i, len(pos)+i, 1)
		b[i] = r.cap
		basic[i] = len(pos) + i
	}
	opt, _, err := lp.Simplex(c, a, b, 1e-10, basic)
	require.NoError(t, err, "simplex")
	return -opt
}

func TestSolveMatchesExhaustive(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for trial := range 400 {
		s := shape{needs: 1 + rnd.IntN(4), achs: 1 + rnd.IntN(5), owners: rnd.IntN(4), k: 1 + rnd.IntN(4),
			levels: []int{0, 2, 3}[rnd.IntN(3)], ownerless: 0.3, nonPositive: 0.1}
		for s.needs*min(s.k, s.achs) > 12 {
			s.k--
		}
		pairs := randomPairs(rnd, s)
		caps := Caps{PerNeed: rnd.IntN(4), PerAchievement: rnd.IntN(4), PerOwner: rnd.IntN(4)}
		got, err := Solve(context.Background(), pairs, caps)
		require.NoError(t, err)
		checkResult(t, pairs, caps, got)
		gotTotal, gotPrio := unitsOf(pairs, got)
		wantTotal, wantPrio := exhaustive(pairs, caps)
		require.Equal(t, wantTotal, gotTotal, "trial %d %+v %+v: rounded total: got %d, want %d (exhaustive)\n%v", trial, s, caps, gotTotal, wantTotal, pairs)
		require.Equal(t, wantPrio, gotPrio, "trial %d %+v %+v: tie priority: got %d, want %d (exhaustive)\n%v", trial, s, caps, gotPrio, wantPrio, pairs)
	}
}

func TestSolveMatchesLP(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	for trial := range 150 {
		s := shape{needs: 1 + rnd.IntN(8), achs: 2 + rnd.IntN(14), owners: rnd.IntN(6), k: 1 + rnd.IntN(5),
			ownerless: 0.2, nonPositive: 0.1, skew: 2}
		pairs := randomPairs(rnd, s)
		caps := Caps{PerNeed: rnd.IntN(4), PerAchievement: rnd.IntN(3), PerOwner: rnd.IntN(5)}
		got, err := Solve(context.Background(), pairs, caps)
		require.NoError(t, err)
		checkResult(t, pairs, caps, got)
		want := lpOptimum(t, pairs, caps)
		require.InDelta(t, want, got.Total, 1e-6, "trial %d %+v %+v: total: got %v, want %v (simplex)", trial, s, caps, got.Total, want)
		require.GreaterOrEqual(t, got.Total, greedy(pairs, caps)-1e-9, "trial %d: below greedy", trial)
	}
}

// TestSolveLarger checks the properties and the greedy bound on instances
// too large for the other solvers, with caps that bind.
func TestSolveLarger(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	for trial, s := range []shape{
		{needs: 300, achs: 1500, owners: 80, k: 9, skew: 3, ownerless: 0.1, nonPositive: 0.05},
		{needs: 300, achs: 600, owners: 20, k: 9, levels: 4, skew: 2, ownerless: 0.3},
		{needs: 50, achs: 40, owners: 5, k: 20, skew: 1},
	} {
		pairs := randomPairs(rnd, s)
		for _, caps := range []Caps{{3, 2, 6}, {3, 5, 20}, {1, 1, 0}, {0, 2, 0}, {2, 0, 3}} {
			got, err := Solve(context.Background(), pairs, caps)
			require.NoError(t, err)
			checkResult(t, pairs, caps, got)
			g := greedy(pairs, caps)
			require.GreaterOrEqual(t, got.Total, g-1e-9, "shape %d caps %+v: total %v below greedy %v", trial, caps, got.Total, g)
		}
	}
}

func TestSolveUnconstrained(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	pairs := randomPairs(rnd, shape{needs: 40, achs: 60, owners: 6, k: 6, skew: 3, ownerless: 0.2, nonPositive: 0.2})
	want := 0
	for _, p := range pairs {
		if units(p.Score) > 0 {
			want++
		}
	}
	for _, caps := range []Caps{{}, {PerNeed: 6, PerAchievement: 40, PerOwner: 240}} {
		got, err := Solve(context.Background(), pairs, caps)
		require.NoError(t, err)
		checkResult(t, pairs, caps, got)
		require.Len(t, got.Chosen, want, "caps %+v: got %d chosen, want every positive pair (%d)", caps, len(got.Chosen), want)
	}
}

// TestSolveShuffled checks that the result depends only on the set of
// pairs, on instances full of ties.
func TestSolveShuffled(t *testing.T) {
	rnd := rand.New(rand.NewPCG(9, 10))
	for _, s := range []shape{
		{needs: 60, achs: 80, owners: 10, k: 8, levels: 3, skew: 2, ownerless: 0.2},
		{needs: 30, achs: 10, owners: 3, k: 6, levels: 1},
	} {
		pairs := randomPairs(rnd, s)
		caps := Caps{PerNeed: 2, PerAchievement: 2, PerOwner: 5}
		want, err := Solve(context.Background(), pairs, caps)
		require.NoError(t, err)
		for range 5 {
			rnd.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
			got, err := Solve(context.Background(), pairs, caps)
			require.NoError(t, err)
			require.Equal(t, want, got, "shuffled input: got another result")
		}
	}
}
