package assign

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"
)

// envLarge adds n=100000 (1,000,000 achievements, 3,000,000 pairs) and
// the tight-owner shape at n=10000 to BenchmarkSolve; envQuick keeps
// n=1000 only.
const (
	envLarge = "TECHMATCH_BENCH_LARGE"
	envQuick = "TECHMATCH_BENCH_QUICK"
)

// benchShape is the benchmark instance for n needs: 10n achievements, n/2
// owners (20 achievements each on average, 10% without owner), K = 30
// candidates per need drawn with popularity skew 2 (the top 1% of
// achievements hold about 10% of all candidate slots, so their caps bind).
func benchShape(n int) shape {
	return shape{needs: n, achs: 10 * n, owners: n / 2, k: 30, skew: 2, ownerless: 0.1}
}

// tightShape is the hard case: n/10 owners (100 achievements each) and
// skew 3, so most owners' caps bind and a search must look past many full
// owners for the cheapest pair to give up.
func tightShape(n int) shape {
	return shape{needs: n, achs: 10 * n, owners: n / 10, k: 30, skew: 3, ownerless: 0.1}
}

// BenchmarkSolve times Solve with caps 3 per need, 5 per achievement and
// 20 per owner; the figures are in doc.go.
func BenchmarkSolve(b *testing.B) {
	sizes := []int{1000, 10000}
	if os.Getenv(envQuick) != "" {
		sizes = sizes[:1]
	}
	if os.Getenv(envLarge) != "" {
		sizes = append(sizes, 100000)
	}
	type run struct {
		name string
		s    shape
	}
	var runs []run
	for _, n := range sizes {
		runs = append(runs, run{fmt.Sprintf("n=%d", n), benchShape(n)})
	}
	if os.Getenv(envLarge) != "" {
		runs = append(runs, run{"n=10000/owners=tight", tightShape(10000)})
	} else if os.Getenv(envQuick) == "" {
		runs = append(runs, run{"n=1000/owners=tight", tightShape(1000)})
	}
	caps := Caps{PerNeed: 3, PerAchievement: 5, PerOwner: 20}
	for _, r := range runs {
		pairs := randomPairs(rand.New(rand.NewPCG(1, uint64(r.s.needs))), r.s)
		b.Run(r.name, func(b *testing.B) {
			b.ReportAllocs()
			var r Result
			for b.Loop() {
				var err error
				if r, err = Solve(context.Background(), pairs, caps); err != nil {
					b.Fatal(err)
				}
			}
			sec := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(float64(len(pairs))/sec, "pairs/s")
			b.ReportMetric(float64(len(r.Chosen)), "chosen")
			b.ReportMetric(r.Total/greedy(pairs, caps), "total/greedy")
		})
	}
}
