package match

import (
	"context"
	"errors"
	"runtime"
	"sync"

	"github.com/techmatch/techmatch"
)

// MatchAll matches every need and returns all pairs, needs in input order,
// ranks 1..k within each need. The output does not depend on Workers.
func (e *Engine) MatchAll(ctx context.Context, needs []techmatch.Need, opt Options) ([]techmatch.Pair, error) {
	return collect(ctx, &e.core, needs, opt)
}

// MatchEach matches every need with a pool of opt.Workers goroutines and
// calls fn with each need's pairs in input order (fn runs on the calling
// goroutine, one call at a time, so it may write to a file without
// locking). A non-nil error from fn or a cancelled ctx stops the batch and
// is returned. A need that cannot be matched (a *RecordError, see
// Engine.Match) stops the batch too, unless opt.OnSkip is set: then
// OnSkip is called for it instead of fn, so every need gets exactly one
// of the two calls. The needs are not modified.
func (e *Engine) MatchEach(ctx context.Context, needs []techmatch.Need, opt Options, fn func(i int, pairs []techmatch.Pair) error) error {
	return each(ctx, &e.core, needs, opt, fn)
}

// MatchAll matches every achievement to its top needs; see Engine.MatchAll.
func (r *Reverse) MatchAll(ctx context.Context, achs []techmatch.Achievement, opt Options) ([]techmatch.Pair, error) {
	return collect(ctx, &r.core, achs, opt)
}

// MatchEach is Engine.MatchEach in the reverse direction.
func (r *Reverse) MatchEach(ctx context.Context, achs []techmatch.Achievement, opt Options, fn func(i int, pairs []techmatch.Pair) error) error {
	return each(ctx, &r.core, achs, opt, fn)
}

func collect[Q, D techmatch.Record](ctx context.Context, c *core[Q, D], qs []Q, opt Options) ([]techmatch.Pair, error) {
	out := make([]techmatch.Pair, 0, len(qs)*opt.top())
	err := each(ctx, c, qs, opt, func(_ int, p []techmatch.Pair) error {
		out = append(out, p...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// each fans the queries out to workers and hands results back in input
// order. Memory: at most window finished-but-undelivered results are held.
func each[Q, D techmatch.Record](ctx context.Context, c *core[Q, D], qs []Q, opt Options, fn func(int, []techmatch.Pair) error) error {
	if err := opt.Validate(); err != nil {
		return err
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, max(len(qs), 1))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type result struct {
		i     int
		pairs []techmatch.Pair
		err   error
	}
	// window bounds how far workers may run ahead of delivery.
	window := workers * 16
	jobs := make(chan int)
	results := make(chan result, window)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var s matchScratch
			for i := range jobs {
				q := qs[i] // match normalises its query: never the caller's
				p, err := c.match(ctx, &q, opt, &s)
				var re *RecordError
				if errors.As(err, &re) {
					re.Index = i
				}
				select {
				case results <- result{i, p, err}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	// sem limits dispatched-but-undelivered jobs to window, so the pending
	// map below stays bounded even when one query is slow.
	sem := make(chan struct{}, window)
	go func() {
		defer close(jobs)
		for i := range qs {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	pending := make(map[int]result, window)
	next := 0
	var firstErr error
	for r := range results {
		if firstErr != nil {
			continue // drain
		}
		pending[r.i] = r
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			<-sem
			var re *RecordError
			switch {
			case p.err != nil && opt.OnSkip != nil && errors.As(p.err, &re):
				opt.OnSkip(next, p.err)
			case p.err != nil:
				firstErr = p.err
			default:
				if err := fn(next, p.pairs); err != nil {
					firstErr = err
				}
			}
			next++
			if firstErr != nil {
				cancel()
				break
			}
		}
	}
	if firstErr != nil {
		return firstErr
	}
	if next < len(qs) {
		return ctx.Err()
	}
	return nil
}
