package index

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

// searchRef is the exhaustive reference scorer: every posting of every
// query term is added into a per-document accumulator over the whole
// core, then all matched documents are sorted. It shares the resolution
// of terms and the fixed-point unit with search (resolve, itself checked
// against the independent oracle by the other tests), so search must
// return exactly its hits: the fast oracle of catalogs too large for the
// map-based one.
func (c *core) searchRef(q *Query) []Hit {
	if c.nLive == 0 {
		return []Hit{}
	}
	var filter []uint64
	if len(q.Industries) > 0 {
		if !c.buildFilter(&filter, q.Industries) {
			return []Hit{}
		}
	}
	sc := &scratch{pos: map[uint64]int{}}
	terms, u := c.resolve(sc, q)
	acc := make([]int64, c.built)
	matched := make([]uint64, c.built)
	seen := make([]bool, c.built)
	for i := range terms {
		t := &terms[i]
		s := t.s
		lo, hi := s.runs(t.tid)
		for r := lo; r < hi; r++ {
			base := s.runWin[r] << winShift
			for p := s.runOff[r]; p < s.runOff[r+1]; p++ {
				doc := base | uint32(s.pDoc[p])
				if filter != nil && (int(doc>>6) >= len(filter) || filter[doc>>6]&(1<<(doc&63)) == 0) {
					continue
				}
				acc[doc] += t.factor * int64(s.pImp[p])
				matched[doc] |= t.bits
				seen[doc] = true
			}
		}
	}
	var hs []cand
	for d, ok := range seen {
		if ok {
			hs = append(hs, cand{score: acc[d], doc: uint32(d)})
		}
	}
	slices.SortFunc(hs, func(a, b cand) int {
		if c.worse(&a, &b) {
			return 1
		}
		if c.worse(&b, &a) {
			return -1
		}
		return 0
	})
	hs = hs[:min(len(hs), q.Top)]
	out := make([]Hit, len(hs))
	for i, x := range hs {
		out[i] = Hit{Doc: x.doc, ID: c.ids[x.doc], Score: float64(x.score) * u, Matched: matched[x.doc]}
	}
	return out
}

// longQuery draws a need-like query of 20–150 terms over vocab (Zipf-like,
// so frequent terms recur), words at weight 1–2 and bigrams at 0.25–0.5,
// with a few zero and negative weights.
func longQuery(r *rand.Rand, vocab []string, top int) Query {
	q := Query{Top: top}
	for range 20 + r.IntN(130) {
		term := vocab[int(float64(len(vocab))*math.Pow(r.Float64(), 2))]
		f := Field(r.IntN(numFields))
		w := 1 + r.Float64()
		if f == FieldBigrams {
			term = string([]rune(term)[:2])
			w = 0.25 + r.Float64()/4
		}
		switch r.IntN(30) {
		case 0:
			w = 0
		case 1:
			w = -w
		}
		q.Terms = append(q.Terms, QueryTerm{Term: term, Field: f, Weight: w})
	}
	return q
}

// TestCoreSearchMatchesReference checks search against the exhaustive
// reference on a catalog of several spans (the doubling first spans
// before the heap is full, then full spans read by the θ scan), for Top 1
// to 500, with zero and negative weights, without a filter, with dense
// filters (tested late) and a sparse one (tested per posting), with
// tombstones and after compaction.
func TestCoreSearchMatchesReference(t *testing.T) {
	recs, vocab := bigCatalog(21, 4*spanSize+77, 5000)
	for i := range recs {
		if i%23 == 0 {
			recs[i].Industries = append(recs[i].Industries, "rare")
		}
	}
	var del []string
	for i, a := range recs {
		if i%17 == 0 {
			del = append(del, a.ID)
		}
	}
	c, _ := testCore(t, recs, del)
	filters := map[string][]techmatch.Industry{
		"none":   nil,
		"dense":  {techmatch.Auto},
		"two":    {techmatch.Biomed, "energy"},
		"sparse": {"rare"},
	}
	for _, compacted := range []bool{false, true} {
		if compacted {
			c.compact()
		} else {
			c.refresh()
		}
		require.Greater(t, c.built, 7*winSize+spanSize, "catalog must cover the doubling spans and more than one full span")
		r := rand.New(rand.NewPCG(21, 4))
		for _, top := range []int{1, 10, 64, 500} {
			for _, name := range []string{"none", "dense", "two", "sparse"} {
				t.Run(fmt.Sprintf("compacted=%v top=%d filter=%s", compacted, top, name), func(t *testing.T) {
					for qi := range 6 {
						q := longQuery(r, vocab, top)
						q.Industries = filters[name]
						got, err := c.search(context.Background(), &q)
						require.NoError(t, err)
						want := c.searchRef(&q)
						require.Equal(t, len(want), len(got), "query %d: hit count", qi)
						for i := range want {
							require.Equal(t, want[i], got[i], "query %d hit %d: got %+v want %+v", qi, i, got[i], want[i])
						}
					}
				})
			}
		}
	}
}

// TestCoreSearchConcurrent runs searches from several goroutines at once
// (pooled scratch, shared read-only core; meaningful under -race) and
// checks each result against the sequential one.
func TestCoreSearchConcurrent(t *testing.T) {
	recs, vocab := bigCatalog(31, spanSize+winSize, 2000)
	c, _ := testCore(t, recs, nil)
	c.refresh()
	r := rand.New(rand.NewPCG(31, 1))
	qs := make([]Query, 24)
	want := make([][]Hit, len(qs))
	for i := range qs {
		qs[i] = longQuery(r, vocab, 1+r.IntN(100))
		if i%3 == 0 {
			qs[i].Industries = []techmatch.Industry{testIndustries[i%len(testIndustries)]}
		}
		var err error
		want[i], err = c.search(context.Background(), &qs[i])
		require.NoError(t, err)
	}
	got := make([][]Hit, len(qs))
	errs := make([]error, len(qs))
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(qs); i += 4 {
				got[i], errs[i] = c.search(context.Background(), &qs[i])
			}
		})
	}
	wg.Wait()
	for i := range qs {
		require.NoError(t, errs[i], "query %d", i)
		assert.Equal(t, want[i], got[i], "query %d: concurrent result differs from sequential", i)
	}
}

// TestCoreSearchCanceled checks that a canceled context stops the search
// with an error wrapping context.Canceled.
func TestCoreSearchCanceled(t *testing.T) {
	recs, vocab := bigCatalog(41, 3*winSize, 500)
	c, _ := testCore(t, recs, nil)
	c.refresh()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	q := longQuery(rand.New(rand.NewPCG(41, 1)), vocab, 10)
	got, err := c.search(ctx, &q)
	require.ErrorIs(t, err, context.Canceled, "got %v, want context.Canceled", err)
	assert.Nil(t, got, "hits of a canceled search")
}
