package assoc

import (
	"context"
	"sync"
	"sync/atomic"
)

// forChunks splits [0,n) into nChunks contiguous ranges (fewer when n is
// small) and calls fn(chunk, lo, hi) for each, on up to workers goroutines.
// The split depends only on n and nChunks, never on workers, so a reduction
// that stores one partial result per chunk and sums them in chunk order is
// deterministic. It stops handing out chunks once ctx is done and then
// returns ctx's error.
func forChunks(ctx context.Context, n, nChunks, workers int, fn func(chunk, lo, hi int)) error {
	if n <= 0 {
		return ctx.Err()
	}
	nChunks = max(min(nChunks, n), 1)
	workers = max(min(workers, nChunks), 1)
	bounds := func(c int) (int, int) { return c * n / nChunks, (c + 1) * n / nChunks }
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				c := int(next.Add(1) - 1)
				if c >= nChunks || ctx.Err() != nil {
					return
				}
				lo, hi := bounds(c)
				fn(c, lo, hi)
			}
		})
	}
	wg.Wait()
	return ctx.Err()
}

// chunksFor is the number of chunks forChunks should use for n items of
// roughly equal cost: enough for load balance and prompt cancellation.
func chunksFor(n int) int { return max(min(n/64, 256), 1) }
