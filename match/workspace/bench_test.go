package workspace

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/bench/gen"
	"github.com/techmatch/techmatch/index"
)

// cpuTime is the process's user + system CPU time: on a shared machine
// it says more than the wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reopenSizes are BenchmarkReopen's numbers of achievements (needs: a
// tenth): 1000 and 10000; TECHMATCH_BENCH_LARGE=1 adds 100000 and
// TECHMATCH_BENCH_HUGE=1 adds 1000000.
func reopenSizes() []int {
	sizes := []int{1000, 10000}
	if os.Getenv("TECHMATCH_BENCH_LARGE") != "" {
		sizes = append(sizes, 100000)
	}
	if os.Getenv("TECHMATCH_BENCH_HUGE") != "" {
		sizes = append(sizes, 1000000)
	}
	return sizes
}

// BenchmarkReopen measures reopening a workspace of n generated
// achievements and n/10 needs from its snapshots ("snapshot": Open and
// Close, which also checks every live record against the state) beside
// today's re-segmenting reopen of the same two on-disk indexes
// ("resegment": index.New with Path, as --index DIR does). Building the
// workspace (one Import) is outside the timed loop; its time is reported
// as import-s.
func BenchmarkReopen(b *testing.B) {
	ctx := context.Background()
	g, err := gen.New(1)
	require.NoError(b, err)
	for _, n := range reopenSizes() {
		dir := filepath.Join(b.TempDir(), "ws")
		var importTime time.Duration
		build := func(b *testing.B) {
			if importTime > 0 {
				return
			}
			achs := make([]techmatch.Achievement, n)
			for i := range achs {
				achs[i] = g.Achievement(i)
			}
			needs := make([]techmatch.Need, n/10)
			for i := range needs {
				needs[i] = g.Need(i)
			}
			start := time.Now()
			w, err := Open(ctx, dir, Config{Segmenter: testSeg})
			require.NoError(b, err)
			_, err = w.Import(ctx, achs, needs, ImportOptions{})
			require.NoError(b, err)
			require.NoError(b, w.Close())
			importTime = time.Since(start)
		}
		b.Run(fmt.Sprintf("n=%d/snapshot", n), func(b *testing.B) {
			build(b)
			b.ReportAllocs()
			cpu0 := cpuTime()
			for b.Loop() {
				w, err := Open(ctx, dir, Config{Segmenter: testSeg})
				require.NoError(b, err)
				if op := w.Opened(); !op.Achievements.Used || !op.Needs.Used {
					b.Fatalf("snapshot not used: %+v", op)
				}
				require.NoError(b, w.Close())
			}
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/reopen")
			b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/reopen")
			b.ReportMetric(importTime.Seconds(), "import-s")
		})
		b.Run(fmt.Sprintf("n=%d/resegment", n), func(b *testing.B) {
			build(b)
			b.ReportAllocs()
			cpu0 := cpuTime()
			for b.Loop() {
				a, err := index.New[techmatch.Achievement](ctx, index.Config{Segmenter: testSeg, Path: filepath.Join(dir, achDir)})
				require.NoError(b, err)
				nd, err := index.New[techmatch.Need](ctx, index.Config{Segmenter: testSeg, Path: filepath.Join(dir, needDir)})
				require.NoError(b, err)
				require.NoError(b, a.Close())
				require.NoError(b, nd.Close())
			}
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/reopen")
			b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/reopen")
		})
	}
}
