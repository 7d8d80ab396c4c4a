package index

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/kelindar/bitmap"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

// fakeTerms splits on spaces (words) and cuts each word into rune bigrams
// (bigrams); one-rune words are their own bigram.
func fakeTerms(dst []string, text string, f Field) ([]string, error) {
	for _, w := range strings.Fields(text) {
		if f == FieldWords {
			dst = append(dst, w)
			continue
		}
		r := []rune(w)
		if len(r) == 1 {
			dst = append(dst, w)
		}
		for i := 0; i+1 < len(r); i++ {
			dst = append(dst, string(r[i:i+2]))
		}
	}
	return dst, nil
}

var testVocab = strings.Fields("电池 电极 材料 涂层 焊接 机器人 轴承 疫苗 抗体 诊断 传感器 芯片 复合 陶瓷 合金 铝 钢 检测 影像 算法 控制 电机 驱动 轮胎 刹车 激光 切割 打印 纳米 石墨烯")

var testIndustries = []techmatch.Industry{techmatch.Auto, techmatch.Equipment, techmatch.Biomed, techmatch.Materials, "energy"}

func randWords(r *rand.Rand, n int) string {
	ws := make([]string, n)
	for i := range ws {
		// Zipf-like skew so some terms are frequent.
		ws[i] = testVocab[int(float64(len(testVocab))*math.Pow(r.Float64(), 2))]
	}
	return strings.Join(ws, " ")
}

// randCatalog makes n normalised achievements with reproducible random
// text.
func randCatalog(seed uint64, n int) []techmatch.Achievement {
	r := rand.New(rand.NewPCG(seed, 7))
	out := make([]techmatch.Achievement, n)
	for i := range out {
		a := techmatch.Achievement{
			ID:          fmt.Sprintf("a%05d", r.IntN(n*3)), // duplicates → updates
			Title:       randWords(r, 1+r.IntN(4)),
			Description: randWords(r, r.IntN(30)),
		}
		for range r.IntN(3) {
			a.Keywords = append(a.Keywords, randWords(r, 1))
		}
		for range r.IntN(3) {
			a.Industries = append(a.Industries, testIndustries[r.IntN(len(testIndustries))])
		}
		a.Normalize() // what Index.Add holds (repeated keywords and industries dropped)
		out[i] = a
	}
	return out
}

// oracle scores records directly from their tokens, by the quantised
// fixed-point scorer documented on Index.Search, computed independently of
// the core's postings.
type oracle struct {
	t    testing.TB
	fn   termsFunc
	recs map[string]techmatch.Achievement

	// statistics, computed by the first search after recs change
	ready bool
	bags  [numFields]map[string]map[string]float64 // field → id → term → tf
	lens  [numFields]map[string]float64
	avg   [numFields]float64
	df    [numFields]map[string]int
	maxI  [numFields]map[string]float64 // largest impact of each term
}

func (o *oracle) bag(a techmatch.Achievement, f Field) (map[string]float64, float64) {
	bag := map[string]float64{}
	length := 0.0
	add := func(text string, boost float64) {
		toks, err := o.fn(nil, text, f)
		require.NoError(o.t, err, "oracle: analyse %q", text)
		for _, t := range toks {
			bag[t] += boost
			length += boost
		}
	}
	add(a.Title, DefaultTitleBoost)
	add(a.Description, 1)
	for _, k := range a.Keywords {
		add(k, DefaultKeywordBoost)
	}
	return bag, length
}

// impact is plain BM25 of term t (field f) in document id.
func (o *oracle) impact(f Field, t, id string) float64 {
	n := float64(len(o.recs))
	df := float64(o.df[f][t])
	w := math.Log(1 + (n-df+0.5)/(df+0.5))
	tf := o.bags[f][id][t]
	norm := 1 - DefaultB + DefaultB*o.lens[f][id]/o.avg[f]
	return w * tf * (DefaultK1 + 1) / (tf + DefaultK1*norm)
}

func (o *oracle) prepare() {
	if o.ready {
		return
	}
	o.ready = true
	n := len(o.recs)
	for f := range numFields {
		o.bags[f], o.lens[f], o.df[f], o.maxI[f] = map[string]map[string]float64{}, map[string]float64{}, map[string]int{}, map[string]float64{}
		o.avg[f] = 0
		for id, a := range o.recs {
			b, l := o.bag(a, Field(f))
			o.bags[f][id], o.lens[f][id] = b, l
			o.avg[f] += l
			for t := range b {
				o.df[f][t]++
			}
		}
		if n > 0 {
			o.avg[f] /= float64(n)
		}
		for id, b := range o.bags[f] {
			for t := range b {
				o.maxI[f][t] = max(o.maxI[f][t], o.impact(Field(f), t, id))
			}
		}
	}
}

func (o *oracle) search(q Query) []Hit {
	o.prepare()
	// Fixed-point unit and per-term factors.
	bound := 0.0
	for _, qt := range q.Terms {
		bound += math.Abs(qt.Weight) * (o.maxI[qt.Field][qt.Term] / 255) * 255
	}
	u := 1.0
	if bound > 0 {
		_, e := math.Frexp(bound)
		u = math.Ldexp(1, e-52)
	}
	type hit struct {
		Hit
		fixed int64
	}
	var hits []hit
	for id, a := range o.recs {
		if len(q.Industries) > 0 && !slices.ContainsFunc(a.Industries, func(ind techmatch.Industry) bool { return slices.Contains(q.Industries, ind) }) {
			continue
		}
		var fixed int64
		var matched uint64
		found := false
		for i, qt := range q.Terms {
			if _, ok := o.bags[qt.Field][id][qt.Term]; !ok {
				continue
			}
			found = true
			if i < 64 {
				matched |= 1 << i
			}
			m := o.maxI[qt.Field][qt.Term]
			qi := min(255, max(1, math.Round(o.impact(qt.Field, qt.Term, id)/(m/255))))
			fixed += int64(math.Round(qt.Weight*(m/255)/u)) * int64(qi)
		}
		if found {
			hits = append(hits, hit{Hit{ID: id, Score: float64(fixed) * u, Matched: matched}, fixed})
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if a.fixed != b.fixed {
			if a.fixed > b.fixed {
				return -1
			}
			return 1
		}
		return strings.Compare(a.ID, b.ID)
	})
	if len(hits) > q.Top {
		hits = hits[:q.Top]
	}
	out := make([]Hit, len(hits))
	for i, h := range hits {
		out[i] = h.Hit
	}
	return out
}

// testCore builds a core over recs with fakeTerms, deleting every id in del.
func testCore(t testing.TB, recs []techmatch.Achievement, del []string) (*core, *oracle) {
	t.Helper()
	c := newCore(DefaultK1, DefaultB)
	o := &oracle{t: t, fn: fakeTerms, recs: map[string]techmatch.Achievement{}}
	for _, a := range recs {
		var fields [numFields]analysed
		for f := range fields {
			var err error
			fields[f], _, err = analyse(fakeTerms, Field(f), a.Title, a.Description, a.Keywords, DefaultTitleBoost, DefaultKeywordBoost, nil)
			require.NoError(t, err)
		}
		_, err := c.add(a.ID, a.Industries, fields)
		require.NoError(t, err)
		o.recs[a.ID] = a
	}
	for _, id := range del {
		if doc, ok := c.byID[id]; ok {
			c.remove(doc)
			delete(o.recs, id)
		}
	}
	return c, o
}

func randQuery(r *rand.Rand, withFilter bool) Query {
	q := Query{Top: 1 + r.IntN(20)}
	for range 1 + r.IntN(8) {
		term := testVocab[r.IntN(len(testVocab))]
		f := Field(r.IntN(numFields))
		if f == FieldBigrams {
			rs := []rune(term)
			if len(rs) > 1 {
				term = string(rs[:2])
			}
		}
		q.Terms = append(q.Terms, QueryTerm{Term: term, Field: f, Weight: 0.25 + r.Float64()})
	}
	if withFilter {
		for range 1 + r.IntN(2) {
			q.Industries = append(q.Industries, testIndustries[r.IntN(len(testIndustries))])
		}
	}
	return q
}

func TestCoreSearchMatchesOracle(t *testing.T) {
	tests := []struct {
		name      string
		seed      uint64
		n         int
		delEvery  int // delete every k-th distinct id (0: none)
		compact   bool
		filter    bool
		nQueries  int
		wantEmpty bool
	}{
		{name: "empty", seed: 1, n: 0, nQueries: 3, wantEmpty: true},
		{name: "n=10", seed: 2, n: 10, nQueries: 30},
		{name: "n=200", seed: 3, n: 200, nQueries: 50},
		{name: "n=200 filtered", seed: 4, n: 200, filter: true, nQueries: 50},
		{name: "n=1000 deletes", seed: 5, n: 1000, delEvery: 7, nQueries: 50},
		{name: "n=1000 deletes compacted filtered", seed: 6, n: 1000, delEvery: 3, compact: true, filter: true, nQueries: 50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs := randCatalog(tt.seed, tt.n)
			var del []string
			if tt.delEvery > 0 {
				for i, a := range recs {
					if i%tt.delEvery == 0 {
						del = append(del, a.ID)
					}
				}
			}
			c, o := testCore(t, recs, del)
			if tt.compact {
				kept := c.compact()
				assert.Equal(t, len(o.recs), len(kept), "survivors after compaction")
				assert.Equal(t, 0, c.dead(), "dead after compaction")
			}
			c.refresh()
			r := rand.New(rand.NewPCG(tt.seed, 99))
			for qi := range tt.nQueries {
				q := randQuery(r, tt.filter)
				got, err := c.search(context.Background(), &q)
				require.NoError(t, err)
				want := o.search(q)
				if tt.wantEmpty {
					assert.Empty(t, got, "query %d", qi)
				}
				require.Equal(t, len(want), len(got), "query %d %+v: hit count", qi, q)
				for i := range want {
					assert.Equal(t, want[i].ID, got[i].ID, "query %d hit %d id: got %v want %v", qi, i, got[i], want[i])
					assert.InDelta(t, want[i].Score, got[i].Score, 1e-5, "query %d hit %d score", qi, i)
					assert.Equal(t, want[i].Matched, got[i].Matched, "query %d hit %d matched", qi, i)
					assert.Equal(t, got[i].ID, c.ids[got[i].Doc], "query %d hit %d doc→id", qi, i)
				}
			}
		})
	}
}

func TestCoreFilterMatchesBruteForce(t *testing.T) {
	recs := randCatalog(11, 500)
	var del []string
	for i, a := range recs {
		if i%5 == 0 {
			del = append(del, a.ID)
		}
	}
	c, o := testCore(t, recs, del)
	filters := [][]techmatch.Industry{
		nil,
		{techmatch.Auto},
		{techmatch.Biomed, techmatch.Materials},
		{"energy", techmatch.Equipment, techmatch.Auto},
		{"unknown"},
		{"unknown", techmatch.Biomed},
	}
	for _, inds := range filters {
		t.Run(fmt.Sprint(inds), func(t *testing.T) {
			bm := make([]uint64, len(c.live)+3) // dirty pooled buffer: must be overwritten
			for i := range bm {
				bm[i] = ^uint64(0)
			}
			var got []string
			if len(inds) == 0 {
				c.live.Range(func(d uint32) { got = append(got, c.ids[d]) })
			} else if c.buildFilter(&bm, inds) {
				bitmap.Bitmap(bm).Range(func(d uint32) { got = append(got, c.ids[d]) })
			}
			var want []string
			for id, a := range o.recs {
				if len(inds) == 0 || slices.ContainsFunc(a.Industries, func(x techmatch.Industry) bool { return slices.Contains(inds, x) }) {
					want = append(want, id)
				}
			}
			slices.Sort(got)
			slices.Sort(want)
			assert.Equal(t, want, got, "filter %v: got %d docs, want %d", inds, len(got), len(want))
		})
	}
}

func TestQueryValidate(t *testing.T) {
	tests := []struct {
		name    string
		q       Query
		wantErr string
	}{
		{name: "ok", q: Query{Top: 1, Terms: []QueryTerm{{Term: "a", Weight: 1}}}},
		{name: "top zero", q: Query{}, wantErr: "Top = 0"},
		{name: "bad field", q: Query{Top: 1, Terms: []QueryTerm{{Term: "a", Field: 9}}}, wantErr: "unknown field"},
		{name: "nan weight", q: Query{Top: 1, Terms: []QueryTerm{{Term: "a", Weight: math.NaN()}}}, wantErr: "not finite"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.q.validate()
			if tt.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr, "got %v, want it to contain %q", err, tt.wantErr)
		})
	}
}

// bigCatalog makes n achievements over a vocabulary of nVocab synthetic
// two- and three-character words with Zipf-like frequencies, so that the
// core spans several windows and pruning matters.
func bigCatalog(seed uint64, n, nVocab int) ([]techmatch.Achievement, []string) {
	r := rand.New(rand.NewPCG(seed, 17))
	chars := []rune("电池材料涂层焊接机器人轴承疫苗抗体诊断传感器芯片复合陶瓷合金检测影像算法控制驱动轮胎激光切割打印纳米石墨烯")
	vocab := make([]string, nVocab)
	for i := range vocab {
		w := make([]rune, 2+r.IntN(2))
		for j := range w {
			w[j] = chars[r.IntN(len(chars))]
		}
		vocab[i] = string(w)
	}
	pick := func() string { return vocab[int(float64(len(vocab))*math.Pow(r.Float64(), 3))] }
	words := func(k int) string {
		ws := make([]string, k)
		for i := range ws {
			ws[i] = pick()
		}
		return strings.Join(ws, " ")
	}
	out := make([]techmatch.Achievement, n)
	for i := range out {
		a := techmatch.Achievement{ID: fmt.Sprintf("g%06d", r.IntN(n*11/10)), Title: words(2 + r.IntN(4)), Description: words(10 + r.IntN(60))}
		for range r.IntN(3) {
			a.Keywords = append(a.Keywords, pick())
		}
		for range r.IntN(3) {
			a.Industries = append(a.Industries, testIndustries[r.IntN(len(testIndustries))])
		}
		a.Normalize() // what Index.Add holds (repeated keywords and industries dropped)
		out[i] = a
	}
	return out, vocab
}

// TestCoreSearchPruningMatchesOracle checks the pruned search against the
// exhaustive oracle on catalogs of several windows with long, need-like
// queries, for Top 1, 10, 64 and 1000, with and without filters, after
// deletes and after compaction.
func TestCoreSearchPruningMatchesOracle(t *testing.T) {
	recs, vocab := bigCatalog(3, 3*winSize+500, 3000)
	var del []string
	for i, a := range recs {
		if i%9 == 0 {
			del = append(del, a.ID)
		}
	}
	c, o := testCore(t, recs, del)
	for _, compacted := range []bool{false, true} {
		if compacted {
			c.compact()
		} else {
			c.refresh()
		}
		r := rand.New(rand.NewPCG(5, 5))
		for _, top := range []int{1, 10, 64, 1000} {
			for _, filtered := range []bool{false, true} {
				t.Run(fmt.Sprintf("compacted=%v top=%d filter=%v", compacted, top, filtered), func(t *testing.T) {
					for qi := range 4 {
						// Zero and negative weights among the terms must not
						// break pruning.
						q := longQuery(r, vocab, top)
						if filtered {
							q.Industries = []techmatch.Industry{testIndustries[r.IntN(len(testIndustries))]}
						}
						got, err := c.search(context.Background(), &q)
						require.NoError(t, err)
						want := o.search(q)
						require.Equal(t, len(want), len(got), "query %d: hit count", qi)
						for i := range want {
							require.Equal(t, want[i].ID, got[i].ID, "query %d hit %d: got %+v want %+v", qi, i, got[i], want[i])
							assert.InDelta(t, want[i].Score, got[i].Score, 1e-5, "query %d hit %d score", qi, i)
							assert.Equal(t, want[i].Matched, got[i].Matched, "query %d hit %d matched", qi, i)
						}
					}
				})
			}
		}
	}
}

// TestCoreSearchSpansMatchesOracle checks the search against the
// exhaustive oracle on a catalog of more than one span, so that the later
// spans take the θ > 0 accumulator scan, for several Top values, with and
// without filters, with tombstones.
func TestCoreSearchSpansMatchesOracle(t *testing.T) {
	recs, vocab := bigCatalog(11, spanSize+2*winSize+300, 4000)
	var del []string
	for i, a := range recs {
		if i%13 == 0 {
			del = append(del, a.ID)
		}
	}
	c, o := testCore(t, recs, del)
	c.refresh()
	require.Greater(t, c.built, spanSize, "catalog must span more than one span")
	r := rand.New(rand.NewPCG(8, 8))
	for _, top := range []int{1, 64, 1000} {
		for _, filtered := range []bool{false, true} {
			t.Run(fmt.Sprintf("top=%d filter=%v", top, filtered), func(t *testing.T) {
				for qi := range 3 {
					q := Query{Top: top}
					for range 20 + r.IntN(60) {
						term := vocab[int(float64(len(vocab))*math.Pow(r.Float64(), 2))]
						f := Field(r.IntN(numFields))
						w := 1 + r.Float64()
						if f == FieldBigrams {
							term = string([]rune(term)[:2])
							w = 0.25 + r.Float64()/4
						}
						q.Terms = append(q.Terms, QueryTerm{Term: term, Field: f, Weight: w})
					}
					if filtered {
						q.Industries = []techmatch.Industry{testIndustries[r.IntN(len(testIndustries))]}
					}
					got, err := c.search(context.Background(), &q)
					require.NoError(t, err)
					want := o.search(q)
					require.Equal(t, len(want), len(got), "query %d: hit count", qi)
					for i := range want {
						require.Equal(t, want[i].ID, got[i].ID, "query %d hit %d: got %+v want %+v", qi, i, got[i], want[i])
						assert.InDelta(t, want[i].Score, got[i].Score, 1e-5, "query %d hit %d score", qi, i)
						assert.Equal(t, want[i].Matched, got[i].Matched, "query %d hit %d matched", qi, i)
					}
				}
			})
		}
	}
}
