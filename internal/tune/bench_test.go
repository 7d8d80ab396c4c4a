package tune

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/techmatch/techmatch/rank"
)

// realistic builds needs shaped like `techmatch tune` input: 100 rows per
// need, 3 relevant, text ordered like a retriever's (descending, relevant
// rows somewhat higher) and relevance weakly signalled by two features.
func realistic(seed uint64, needs int) []Need {
	rng := rand.New(rand.NewPCG(seed, 3))
	out := make([]Need, needs)
	for n := range out {
		nd := Need{ID: fmt.Sprintf("N%04d", n), Judged: map[string]int{}}
		prio := rng.Float64()
		for r := range 100 {
			row := Row{ID: fmt.Sprintf("A%04d-%03d", n, r), Keep: rng.IntN(20) != 0}
			for j := range row.Values {
				row.Values[j] = float64(rng.IntN(5)) / 4
			}
			row.Values[idxText] = 1 / (1 + 0.05*float64(r)) * (0.8 + 0.2*rng.Float64())
			row.Values[idxPriority] = prio
			if rng.IntN(33) == 0 || r == 3 {
				nd.Judged[row.ID] = 1 + rng.IntN(2)
				row.Values[idxText] += 0.2
				if rng.IntN(3) != 0 {
					row.Values[1] = 1
				}
			}
			nd.Rows = append(nd.Rows, row)
		}
		out[n] = nd
	}
	return out
}

// BenchmarkCrossValidate: a default 5-fold run (4 restarts) over needs of
// 100 rows; n=160 is the shape of testdata, n=1000 of csl-dev.
func BenchmarkCrossValidate(b *testing.B) {
	for _, n := range []int{160, 1000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			needs := realistic(1, n)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := CrossValidate(context.Background(), needs, rank.DefaultConfig().Weights, Config{Seed: 1}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "needs/s")
		})
	}
}
