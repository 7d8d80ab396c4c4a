package gen

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
)

// chunk is the number of records generated per batch when streaming.
const chunk = 8192

// WriteJSONL writes records 0..n-1 of kind as JSON Lines (the catalog
// format techmatch.LoadAchievements and LoadNeeds read), one record per
// line, HTML characters unescaped. It streams in chunks, so memory stays
// bounded for any n. Output for a (seed, kind, n) is byte-identical across
// runs and machines.
func (g *Generator) WriteJSONL(ctx context.Context, w io.Writer, kind Kind, n int) error {
	if n < 0 {
		return fmt.Errorf("gen: negative count %d", n)
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		var err error
		switch kind {
		case KindAchievements:
			var recs []any
			recs, err = batch(ctx, lo, hi, g.Achievement)
			if err == nil {
				err = encodeAll(enc, recs, lo)
			}
		case KindNeeds:
			var recs []any
			recs, err = batch(ctx, lo, hi, g.Need)
			if err == nil {
				err = encodeAll(enc, recs, lo)
			}
		default:
			return fmt.Errorf("gen: unknown kind %q", kind)
		}
		if err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("gen: write: %w", err)
	}
	return nil
}

func batch[T any](ctx context.Context, lo, hi int, f func(int) T) ([]any, error) {
	recs, err := fill(ctx, hi-lo, func(i int) T { return f(lo + i) })
	if err != nil {
		return nil, err
	}
	out := make([]any, len(recs))
	for i := range recs {
		out[i] = recs[i]
	}
	return out, nil
}

func encodeAll(enc *json.Encoder, recs []any, lo int) error {
	for i, r := range recs {
		if err := enc.Encode(r); err != nil {
			return fmt.Errorf("gen: record %d: %w", lo+i, err)
		}
	}
	return nil
}
