package assoc

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// sparse is the TF-IDF term–document matrix A (V terms × N docs) stored
// twice: by term rows (for A·Z) and by document columns (for Aᵀ·Q).
type sparse struct {
	v, n int
	// term rows: term t has docs rowDoc[rowOff[t]:rowOff[t+1]], values rowVal.
	rowOff []int32
	rowDoc []int32
	rowVal []float64
	// doc columns: the corpus's docTerm with values colVal (same layout).
	colOff  []int32
	colTerm []int32
	colVal  []float64
}

// newSparse weights a_td = ln(1+w_td)·ln(1+N/df_t), then scales each
// document column to unit L2 norm so long documents do not dominate.
// Time and memory O(nnz).
func newSparse(c *corpus) *sparse {
	s := &sparse{v: len(c.terms), n: c.nDocs, colOff: c.docOff, colTerm: c.docTerm}
	idf := make([]float64, len(c.terms))
	for t, df := range c.df {
		idf[t] = math.Log(1 + float64(c.nDocs)/float64(df))
	}
	s.colVal = make([]float64, len(c.docW))
	for d := range c.nDocs {
		lo, hi := c.docOff[d], c.docOff[d+1]
		var norm float64
		for i := lo; i < hi; i++ {
			x := math.Log1p(c.docW[i]) * idf[c.docTerm[i]]
			s.colVal[i] = x
			norm += x * x
		}
		if norm > 0 {
			inv := 1 / math.Sqrt(norm)
			for i := lo; i < hi; i++ {
				s.colVal[i] *= inv
			}
		}
	}
	s.rowOff, s.rowDoc = c.postings()
	// postings lists documents in ascending order, as does the scan below,
	// so the k-th occurrence of t in document order is rowDoc[rowOff[t]+k].
	s.rowVal = make([]float64, len(s.rowDoc))
	fill := make([]int32, s.v)
	copy(fill, s.rowOff[:s.v])
	for d := range c.nDocs {
		for i := c.docOff[d]; i < c.docOff[d+1]; i++ {
			t := c.docTerm[i]
			s.rowVal[fill[t]] = s.colVal[i]
			fill[t]++
		}
	}
	return s
}

// mulA returns A·z for z (N×c). Time O(nnz·c).
func (s *sparse) mulA(ctx context.Context, z *dense, workers int) (*dense, error) {
	out := newDense(s.v, z.c)
	err := forChunks(ctx, s.v, chunksFor(s.v), workers, func(_, lo, hi int) {
		for t := lo; t < hi; t++ {
			dst := out.row(t)
			for i := s.rowOff[t]; i < s.rowOff[t+1]; i++ {
				axpy(dst, s.rowVal[i], z.row(int(s.rowDoc[i])))
			}
		}
	})
	return out, err
}

// mulAT returns Aᵀ·q for q (V×c). Time O(nnz·c).
func (s *sparse) mulAT(ctx context.Context, q *dense, workers int) (*dense, error) {
	out := newDense(s.n, q.c)
	err := forChunks(ctx, s.n, chunksFor(s.n), workers, func(_, lo, hi int) {
		for d := lo; d < hi; d++ {
			dst := out.row(d)
			for i := s.colOff[d]; i < s.colOff[d+1]; i++ {
				axpy(dst, s.colVal[i], q.row(int(s.colTerm[i])))
			}
		}
	})
	return out, err
}

// axpy sets dst += a·x.
func axpy(dst []float64, a float64, x []float64) {
	x = x[:len(dst)]
	for i := range dst {
		dst[i] += a * x[i]
	}
}

// termVectors returns the rows of U_k·Σ_k of the truncated SVD of A, each
// scaled to unit length (zero rows stay zero), as a V×k' float32 matrix,
// k' ≤ cfg.Rank. It uses the randomized range finder of Halko, Martinsson
// and Tropp (2011) on the document side, which is the smaller one for a
// catalog (N docs < V terms): Z = orth(Aᵀ·Ω) with Gaussian Ω (V×l,
// l = k+Oversample), PowerIters rounds of Z = orth(Aᵀ·A·Z), then
// Y = A·Z ≈ U·Σ·Wᵀ where YᵀY = W·Σ²·Wᵀ, so U·Σ = Y·W.
//
// Time O((2·PowerIters+2)·nnz·l + (PowerIters+1)·3·N·l² + V·l·(l+k) + l³);
// memory O((V+N)·l).
func termVectors(ctx context.Context, a *sparse, cfg Config) (vecs []float32, k int, err error) {
	l := min(cfg.Rank+cfg.Oversample, a.v, a.n)
	if l == 0 {
		return nil, 0, nil
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5eed_a55c))
	omega := newDense(a.v, l)
	for i := range omega.a {
		omega.a[i] = rng.NormFloat64()
	}
	z, err := a.mulAT(ctx, omega, cfg.Workers)
	if err != nil {
		return nil, 0, err
	}
	omega = nil
	// One SVQB pass is enough between power iterations; the basis that
	// defines Y gets two.
	passes := 1
	if cfg.PowerIters == 0 {
		passes = 2
	}
	if z, err = orthonormalize(ctx, z, passes, cfg.Workers); err != nil {
		return nil, 0, err
	}
	for i := range cfg.PowerIters {
		if i == cfg.PowerIters-1 {
			passes = 2
		}
		y, err := a.mulA(ctx, z, cfg.Workers)
		if err != nil {
			return nil, 0, err
		}
		if z, err = a.mulAT(ctx, y, cfg.Workers); err != nil {
			return nil, 0, err
		}
		if z, err = orthonormalize(ctx, z, passes, cfg.Workers); err != nil {
			return nil, 0, err
		}
	}
	if z.c == 0 {
		return nil, 0, nil
	}
	y, err := a.mulA(ctx, z, cfg.Workers)
	if err != nil {
		return nil, 0, err
	}
	g, err := gram(ctx, y, cfg.Workers)
	if err != nil {
		return nil, 0, err
	}
	vals, w, err := symEigen(g, y.c)
	if err != nil {
		return nil, 0, err
	}
	for k < min(cfg.Rank, y.c) && vals[k] > 1e-12*vals[0] && vals[k] > 0 {
		k++
	}
	if k == 0 {
		return nil, 0, nil
	}
	m := newDense(y.c, k)
	for i := range y.c {
		copy(m.row(i), w.row(i)[:k])
	}
	x, err := mulSmall(ctx, y, m, cfg.Workers)
	if err != nil {
		return nil, 0, err
	}
	vecs = make([]float32, a.v*k)
	for t := range a.v {
		row := x.row(t)
		var norm float64
		for _, e := range row {
			norm += e * e
		}
		if norm == 0 {
			continue
		}
		inv := 1 / math.Sqrt(norm)
		dst := vecs[t*k : (t+1)*k]
		for j, e := range row {
			dst[j] = float32(e * inv)
		}
	}
	return vecs, k, nil
}

// exactMaxTerms is the vocabulary size up to which svdNeighbors compares
// every pair; above it an inverted-file index over spherical k-means
// clusters limits the comparisons (BenchmarkBuild; recall in TestIVFRecall).
const exactMaxTerms = 3000

// svdNeighbors finds, for every term, the TopM other terms whose unit
// vectors have cosine ≥ MinWeight.
//
// Up to exactMaxTerms live terms (or with Config.Exact) it is an exact
// brute force, O(V²·k). Above, it clusters the vectors with spherical
// k-means into C = √V cells (see cluster), files every term under its
// nearest centroid, and compares a term only with the terms of its Probes
// nearest cells: O(V·C·k + V·Probes·(V/C)·k) = O(V^1.5·k·Probes). Neighbours missed are those in
// cells whose centroid is far from the term; TestIVFRecall measures the
// recall against the exact search. Parallel over terms, deterministic.
func svdNeighbors(ctx context.Context, terms []string, vecs []float32, k int, cfg Config) ([][]Neighbor, error) {
	v := len(terms)
	out := make([][]Neighbor, v)
	if k == 0 {
		return out, nil
	}
	var live []int32
	for t := range v {
		for _, e := range vecs[t*k : (t+1)*k] {
			if e != 0 {
				live = append(live, int32(t))
				break
			}
		}
	}
	if len(live) == 0 {
		return out, nil
	}
	var cells [][]int32  // cell → live terms, ascending
	var visits [][]int32 // live term index → cells to scan
	if cfg.Exact || len(live) <= exactMaxTerms {
		cells = [][]int32{live}
	} else {
		var err error
		if cells, visits, err = cluster(ctx, live, vecs, k, cfg); err != nil {
			return nil, err
		}
	}
	// Pack the vectors cell by cell so a probe scans contiguous memory.
	cellOff := make([]int, len(cells)+1)
	packed := make([]float32, 0, len(live)*k)
	packedID := make([]int32, 0, len(live))
	for c, members := range cells {
		for _, t := range members {
			packed = append(packed, vecs[int(t)*k:(int(t)+1)*k]...)
			packedID = append(packedID, t)
		}
		cellOff[c+1] = len(packedID)
	}
	minW := float32(cfg.MinWeight)
	err := forChunks(ctx, len(live), chunksFor(len(live)), cfg.Workers, func(_, lo, hi int) {
		top := topM{m: cfg.TopM}
		all := []int32{0}
		for i := lo; i < hi; i++ {
			a := live[i]
			xa := vecs[int(a)*k : (int(a)+1)*k]
			visit := all
			if visits != nil {
				visit = visits[i]
			}
			for _, c := range visit {
				for i := cellOff[c]; i < cellOff[c+1]; i++ {
					b := packedID[i]
					if b == a {
						continue
					}
					cos := dot32(xa, packed[i*k:(i+1)*k])
					if cos < minW {
						continue
					}
					w := min(float64(cos), 1)
					if top.full() && w < top.floor() {
						continue
					}
					top.push(Neighbor{Term: terms[b], Weight: w})
				}
			}
			out[a] = top.take()
		}
	})
	if err != nil {
		return nil, fmt.Errorf("assoc: svd neighbours interrupted: %w", err)
	}
	return out, nil
}

// nearestCells appends to dst the indices of the p centroids (C×k rows of
// cent) with the largest dot product with x, best first, ties by index.
// O(C·(k+p)).
func nearestCells(dst []int, x, cent []float32, k, p int) []int {
	base := len(dst)
	var score [64]float32
	sc := score[:0]
	for c := 0; c*k < len(cent); c++ {
		d := dot32(x, cent[c*k:(c+1)*k])
		if len(dst)-base == p && d <= sc[p-1] {
			continue
		}
		i := len(dst) - base
		if i == p {
			i--
		} else {
			dst = append(dst, 0)
			sc = append(sc, 0)
		}
		for i > 0 && sc[i-1] < d {
			dst[base+i], sc[i] = dst[base+i-1], sc[i-1]
			i--
		}
		dst[base+i], sc[i] = c, d
	}
	return dst
}

// cluster runs seeded spherical k-means on the live term vectors with
// C = √V cells, trained on a sample of 16·C terms for 5 rounds (empty cells
// keep their previous centroid). It returns, per cell, its member terms in
// ascending order (every live term in its nearest cell) and, per live term
// (parallel to live), its Probes nearest cells, best first. Deterministic
// for a seed, whatever Workers is. Time O(V·C·k).
func cluster(ctx context.Context, live []int32, vecs []float32, k int, cfg Config) ([][]int32, [][]int32, error) {
	nc := min(max(int(math.Round(math.Sqrt(float64(len(live))))), 1), len(live))
	probes := min(cfg.Probes, nc)
	rng := rand.New(rand.NewPCG(cfg.Seed, 0xce11))
	sample := slices.Clone(live)
	rng.Shuffle(len(sample), func(i, j int) { sample[i], sample[j] = sample[j], sample[i] })
	sample = sample[:min(len(sample), 16*nc)]
	cent := make([]float32, nc*k)
	for c := range nc {
		t := int(sample[c])
		copy(cent[c*k:(c+1)*k], vecs[t*k:(t+1)*k])
	}
	near := make([]int32, len(live)*probes)
	assign := make([]int32, len(sample))
	sum := make([]float64, nc*k)
	for range 5 {
		err := forChunks(ctx, len(sample), chunksFor(len(sample)), cfg.Workers, func(_, lo, hi int) {
			var buf [1]int
			for i := lo; i < hi; i++ {
				t := int(sample[i])
				assign[i] = int32(nearestCells(buf[:0], vecs[t*k:(t+1)*k], cent, k, 1)[0])
			}
		})
		if err != nil {
			return nil, nil, err
		}
		clear(sum)
		for i, t := range sample {
			c := int(assign[i])
			axpy32(sum[c*k:(c+1)*k], vecs[int(t)*k:(int(t)+1)*k])
		}
		for c := range nc {
			row := sum[c*k : (c+1)*k]
			var norm float64
			for _, e := range row {
				norm += e * e
			}
			if norm == 0 {
				continue
			}
			inv := 1 / math.Sqrt(norm)
			for j, e := range row {
				cent[c*k+j] = float32(e * inv)
			}
		}
	}
	err := forChunks(ctx, len(live), chunksFor(len(live)), cfg.Workers, func(_, lo, hi int) {
		buf := make([]int, 0, probes)
		for i := lo; i < hi; i++ {
			t := int(live[i])
			buf = nearestCells(buf[:0], vecs[t*k:(t+1)*k], cent, k, probes)
			for j, c := range buf {
				near[i*probes+j] = int32(c)
			}
		}
	})
	if err != nil {
		return nil, nil, err
	}
	cells := make([][]int32, nc)
	visits := make([][]int32, len(live))
	for i, t := range live {
		visits[i] = near[i*probes : (i+1)*probes]
		cells[visits[i][0]] = append(cells[visits[i][0]], t)
	}
	return cells, visits, nil
}

// axpy32 sets dst += x.
func axpy32(dst []float64, x []float32) {
	x = x[:len(dst)]
	for i := range dst {
		dst[i] += float64(x[i])
	}
}

// dot32 returns Σ x_i·y_i, unrolled by four; y must be at least as long
// as x.
func dot32(x, y []float32) float32 {
	y = y[:len(x)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(x); i += 4 {
		s0 += x[i] * y[i]
		s1 += x[i+1] * y[i+1]
		s2 += x[i+2] * y[i+2]
		s3 += x[i+3] * y[i+3]
	}
	for ; i < len(x); i++ {
		s0 += x[i] * y[i]
	}
	return (s0 + s1) + (s2 + s3)
}
