package dedup

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/techmatch/techmatch/bench/gen"
)

// benchSizes are the catalog sizes of BenchmarkFind; 1M is behind
// TECHMATCH_BENCH_LARGE=1.
func benchSizes() []int {
	s := []int{1000, 10000, 100000}
	if os.Getenv("TECHMATCH_BENCH_LARGE") != "" {
		s = append(s, 1000000)
	}
	return s
}

// BenchmarkFind runs Find with the defaults on generated achievements
// (bench/gen) with re-submitted copies of 10 % of them mixed in.
func BenchmarkFind(b *testing.B) {
	g, err := gen.New(1)
	require.NoError(b, err)
	ctx := context.Background()
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			achs, err := g.Achievements(ctx, n)
			require.NoError(b, err)
			recs := withCopies(achs, 1, 0.1, achievementCopy).recs
			var st stats
			var cs []Cluster
			b.ReportAllocs()
			for b.Loop() {
				cs, st, err = find(ctx, recs, Config{})
				require.NoError(b, err)
			}
			b.ReportMetric(float64(len(recs))*float64(b.N)/b.Elapsed().Seconds(), "records/s")
			b.ReportMetric(float64(st.candidates), "candidates")
			b.ReportMetric(float64(len(cs)), "clusters")
		})
	}
}
