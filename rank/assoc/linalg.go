package assoc

import (
	"context"
	"errors"
	"math"
	"slices"
)

// dense is a row-major r×c matrix.
type dense struct {
	r, c int
	a    []float64
}

func newDense(r, c int) *dense { return &dense{r: r, c: c, a: make([]float64, r*c)} }

func (m *dense) row(i int) []float64 { return m.a[i*m.c : (i+1)*m.c] }

// errNoConverge reports a Jacobi eigen-decomposition that did not converge
// (only possible with non-finite input).
var errNoConverge = errors.New("assoc: symmetric eigen-decomposition did not converge")

// symEigen decomposes the symmetric n×n row-major matrix s (overwritten) as
// s = W·diag(λ)·Wᵀ with the cyclic Jacobi method. It returns the eigenvalues
// in descending order and W (n×n, row-major, eigenvector j in column j).
// Time O(n³) per sweep, typically 6–12 sweeps; meant for n ≤ a few hundred.
func symEigen(s []float64, n int) ([]float64, *dense, error) {
	w := newDense(n, n)
	for i := range n {
		w.a[i*n+i] = 1
	}
	var frob float64
	for _, x := range s {
		frob += x * x
	}
	if math.IsNaN(frob) || math.IsInf(frob, 0) {
		return nil, nil, errNoConverge
	}
	converged := false
	for sweep := 0; sweep < 100; sweep++ {
		var off float64
		for p := range n {
			for q := p + 1; q < n; q++ {
				off += s[p*n+q] * s[p*n+q]
			}
		}
		if off <= 1e-30*frob || off == 0 {
			converged = true
			break
		}
		for p := range n {
			for q := p + 1; q < n; q++ {
				apq := s[p*n+q]
				if apq == 0 {
					continue
				}
				app, aqq := s[p*n+p], s[q*n+q]
				theta := (aqq - app) / (2 * apq)
				t := 1 / (math.Abs(theta) + math.Sqrt(theta*theta+1))
				if theta < 0 {
					t = -t
				}
				c := 1 / math.Sqrt(t*t+1)
				sn := t * c
				for k := range n { // columns p, q
					akp, akq := s[k*n+p], s[k*n+q]
					s[k*n+p] = c*akp - sn*akq
					s[k*n+q] = sn*akp + c*akq
				}
				rp, rq := s[p*n:(p+1)*n], s[q*n:(q+1)*n]
				for k := range n { // rows p, q
					apk, aqk := rp[k], rq[k]
					rp[k] = c*apk - sn*aqk
					rq[k] = sn*apk + c*aqk
				}
				s[p*n+q], s[q*n+p] = 0, 0
				for k := range n {
					vkp, vkq := w.a[k*n+p], w.a[k*n+q]
					w.a[k*n+p] = c*vkp - sn*vkq
					w.a[k*n+q] = sn*vkp + c*vkq
				}
			}
		}
	}
	if !converged {
		return nil, nil, errNoConverge
	}
	// Sort eigenpairs by descending eigenvalue (stable on index for ties).
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		switch {
		case s[i*n+i] > s[j*n+j]:
			return -1
		case s[i*n+i] < s[j*n+j]:
			return 1
		}
		return 0
	})
	vals := make([]float64, n)
	sorted := newDense(n, n)
	for j, src := range order {
		vals[j] = s[src*n+src]
		for k := range n {
			sorted.a[k*n+j] = w.a[k*n+src]
		}
	}
	return vals, sorted, nil
}

// gram returns YᵀY (c×c) for the r×c matrix y, summing per-chunk partials
// in chunk order (deterministic for any worker count). Time O(r·c²).
func gram(ctx context.Context, y *dense, workers int) ([]float64, error) {
	c := y.c
	nChunks := chunksFor(y.r)
	parts := make([][]float64, nChunks)
	err := forChunks(ctx, y.r, nChunks, workers, func(ch, lo, hi int) {
		g := make([]float64, c*c)
		for i := lo; i < hi; i++ {
			row := y.row(i)
			for p, yp := range row {
				if yp == 0 {
					continue
				}
				gp := g[p*c : (p+1)*c]
				for q := p; q < c; q++ {
					gp[q] += yp * row[q]
				}
			}
		}
		parts[ch] = g
	})
	if err != nil {
		return nil, err
	}
	g := make([]float64, c*c)
	for _, part := range parts {
		if part == nil {
			continue
		}
		for i, x := range part {
			g[i] += x
		}
	}
	for p := range c {
		for q := p + 1; q < c; q++ {
			g[q*c+p] = g[p*c+q]
		}
	}
	return g, nil
}

// mulSmall returns y·t for the r×c matrix y and the c×k matrix t, row by
// row in parallel. Time O(r·c·k).
func mulSmall(ctx context.Context, y, t *dense, workers int) (*dense, error) {
	out := newDense(y.r, t.c)
	err := forChunks(ctx, y.r, chunksFor(y.r), workers, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			dst := out.row(i)
			for p, yp := range y.row(i) {
				if yp == 0 {
					continue
				}
				for q, tq := range t.row(p) {
					dst[q] += yp * tq
				}
			}
		}
	})
	return out, err
}

// orthonormalize returns a matrix whose columns are an orthonormal basis of
// the column space of y (r×c), dropping numerically dependent directions,
// by passes (1 or 2) of SVQB: G = YᵀY = W·Λ·Wᵀ, Q = Y·W·Λ^(−1/2), keeping
// λ > 1e−12·λmax. Unlike Cholesky QR it tolerates rank deficiency (tiny
// corpora). The result may have fewer columns than y, possibly none.
// Time O(r·c²) per pass.
func orthonormalize(ctx context.Context, y *dense, passes, workers int) (*dense, error) {
	for range passes {
		if y.c == 0 {
			return y, nil
		}
		g, err := gram(ctx, y, workers)
		if err != nil {
			return nil, err
		}
		vals, w, err := symEigen(g, y.c)
		if err != nil {
			return nil, err
		}
		keep := 0
		for _, l := range vals {
			if l > 1e-12*vals[0] && l > 0 {
				keep++
			}
		}
		t := newDense(y.c, keep)
		for j := range keep {
			inv := 1 / math.Sqrt(vals[j])
			for i := range y.c {
				t.a[i*keep+j] = w.a[i*y.c+j] * inv
			}
		}
		if y, err = mulSmall(ctx, y, t, workers); err != nil {
			return nil, err
		}
	}
	return y, nil
}
