package assoc

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func randDense(r, c int, seed uint64) *dense {
	rng := rand.New(rand.NewPCG(seed, 1))
	m := newDense(r, c)
	for i := range m.a {
		m.a[i] = rng.NormFloat64()
	}
	return m
}

func TestSymEigenReconstructs(t *testing.T) {
	for _, n := range []int{1, 2, 5, 30} {
		b := randDense(n, n, uint64(n))
		s := make([]float64, n*n)
		for i := range n {
			for j := range n {
				s[i*n+j] = b.a[i*n+j] + b.a[j*n+i]
			}
		}
		orig := append([]float64(nil), s...)
		vals, w, err := symEigen(s, n)
		require.NoError(t, err)
		for j := 1; j < n; j++ {
			assert.GreaterOrEqualf(t, vals[j-1], vals[j], "n=%d: eigenvalues not descending: %v", n, vals)
		}
		for i := range n {
			for j := range n {
				var got float64
				for k := range n {
					got += w.a[i*n+k] * vals[k] * w.a[j*n+k]
				}
				require.InDeltaf(t, orig[i*n+j], got, 1e-9, "n=%d: (W·Λ·Wᵀ)[%d][%d] = %v, want %v", n, i, j, got, orig[i*n+j])
			}
		}
	}
	_, _, err := symEigen([]float64{math.NaN()}, 1)
	assert.ErrorIs(t, err, errNoConverge, "NaN input: got %v, want errNoConverge", err)
}

func TestOrthonormalizeRankDeficient(t *testing.T) {
	y := randDense(50, 6, 3)
	for i := range y.r { // column 5 = column 0 + column 1: rank 5
		y.a[i*6+5] = y.a[i*6] + y.a[i*6+1]
	}
	q, err := orthonormalize(context.Background(), y, 2, 2)
	require.NoError(t, err)
	assert.Equal(t, 5, q.c, "got %d columns, want rank 5", q.c)
	g, err := gram(context.Background(), q, 2)
	require.NoError(t, err)
	for i := range q.c {
		for j := range q.c {
			want := 0.0
			if i == j {
				want = 1
			}
			assert.InDeltaf(t, want, g[i*q.c+j], 1e-10, "QᵀQ[%d][%d] = %v, want %v", i, j, g[i*q.c+j], want)
		}
	}
}

// TestTermVectorsMatchExactSVD checks the randomized SVD against the exact
// one on a matrix of rank ≤ k+Oversample: the cosine of every term pair in
// U·Σ must equal the cosine of the rows of A (full rank), and with a
// truncated rank the randomized singular values match the top eigenvalues
// of A·Aᵀ.
func TestTermVectorsMatchExactSVD(t *testing.T) {
	docs := plantedCorpus(120, 4)
	c, err := newCorpus(context.Background(), docs, 1, len(docs))
	require.NoError(t, err)
	a := newSparse(c)
	cfg := Config{Rank: a.v, Oversample: 5, PowerIters: 2, Seed: 1}.withDefaults(2)
	vecs, k, err := termVectors(context.Background(), a, cfg)
	require.NoError(t, err)
	require.Positive(t, k)
	// Dense rows of A.
	rows := newDense(a.v, a.n)
	for tm := range a.v {
		for i := a.rowOff[tm]; i < a.rowOff[tm+1]; i++ {
			rows.a[tm*a.n+int(a.rowDoc[i])] = a.rowVal[i]
		}
	}
	cos := func(x, y []float64) float64 {
		var d, nx, ny float64
		for i := range x {
			d, nx, ny = d+x[i]*y[i], nx+x[i]*x[i], ny+y[i]*y[i]
		}
		return d / math.Sqrt(nx*ny)
	}
	for p := range a.v {
		for q := p + 1; q < a.v; q++ {
			want := cos(rows.row(p), rows.row(q))
			got := float64(dot32(vecs[p*k:(p+1)*k], vecs[q*k:(q+1)*k]))
			require.InDeltaf(t, want, got, 1e-4, "cos(%s, %s): got %v, want %v", c.terms[p], c.terms[q], got, want)
		}
	}
}

func TestNearestCells(t *testing.T) {
	cent := []float32{1, 0, 0, 1, -1, 0, 0.6, 0.8}
	got := nearestCells(nil, []float32{1, 0.1}, cent, 2, 2)
	assert.Equal(t, []int{0, 3}, got, "got cells %v, want [0 3]", got)
	got = nearestCells(nil, []float32{0, 1}, cent, 2, 4)
	assert.Equal(t, []int{1, 3, 0, 2}, got, "got cells %v, want [1 3 0 2]", got)
}
