package assoc

import (
	"context"
	"fmt"
	"math"
)

// npmiNeighbors computes, for every kept term a, the TopM terms b with
// NPMI(a,b) ≥ MinWeight over document co-occurrence, where with N
// documents, df the document frequencies and co the co-occurrence count:
//
//	NPMI(a,b) = ln(co·N / (df_a·df_b)) / −ln(co/N)
//
// Pairs co-occurring in fewer than MinCoDF documents are skipped.
//
// Each worker owns a dense counter over the vocabulary and walks, for term
// a, the documents containing a: time O(Σ_d |d|²) over the kept terms of
// each document, memory O(V) per worker plus O(V·TopM) for the result.
func npmiNeighbors(ctx context.Context, c *corpus, cfg Config) ([][]Neighbor, error) {
	v := len(c.terms)
	out := make([][]Neighbor, v)
	postOff, postDocs := c.postings()
	n := float64(c.nDocs)
	lnN := math.Log(n)
	nChunks := chunksFor(v)
	type scratch struct {
		cnt     []int32
		touched []int32
		top     topM
	}
	pool := make(chan *scratch, cfg.Workers)
	for range cfg.Workers {
		pool <- &scratch{cnt: make([]int32, v), top: topM{m: cfg.TopM}}
	}
	err := forChunks(ctx, v, nChunks, cfg.Workers, func(_, lo, hi int) {
		s := <-pool
		defer func() { pool <- s }()
		for a := lo; a < hi; a++ {
			s.touched = s.touched[:0]
			for _, d := range postDocs[postOff[a]:postOff[a+1]] {
				terms, _ := c.doc(int(d))
				for _, b := range terms {
					if s.cnt[b] == 0 {
						s.touched = append(s.touched, b)
					}
					s.cnt[b]++
				}
			}
			lnDfA := math.Log(float64(c.df[a]))
			for _, b := range s.touched {
				co := s.cnt[b]
				s.cnt[b] = 0
				if int(b) == a || int(co) < cfg.MinCoDF {
					continue
				}
				lnCo := math.Log(float64(co))
				denom := lnN - lnCo // −ln(co/N)
				var w float64
				if denom <= 0 {
					w = 1 // both terms in every document
				} else {
					pmi := (lnCo + lnN) - (lnDfA + math.Log(float64(c.df[b]))) // symmetric in a, b
					w = pmi / denom
				}
				w = min(w, 1)
				if w < cfg.MinWeight || w <= 0 {
					continue
				}
				if s.top.full() && w < s.top.floor() {
					continue
				}
				s.top.push(Neighbor{Term: c.terms[b], Weight: w})
			}
			out[a] = s.top.take()
		}
	})
	if err != nil {
		return nil, fmt.Errorf("assoc: npmi interrupted: %w", err)
	}
	return out, nil
}
