package index

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

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

// randCatalog makes n achievements with reproducible random text.
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
		out[i] = a
	}
	return out
}

// oracle scores records directly from their tokens.
type oracle struct {
	t    testing.TB
	fn   termsFunc
	recs map[string]techmatch.Achievement
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

func (o *oracle) search(q Query) []Hit {
	n := len(o.recs)
	var bags [numFields]map[string]map[string]float64
	var lens [numFields]map[string]float64
	var avg [numFields]float64
	df := [numFields]map[string]int{{}, {}}
	for f := range numFields {
		bags[f], lens[f] = map[string]map[string]float64{}, map[string]float64{}
		for id, a := range o.recs {
			b, l := o.bag(a, Field(f))
			bags[f][id], lens[f][id] = b, l
			avg[f] += l
			for t := range b {
				df[f][t]++
			}
		}
		if n > 0 {
			avg[f] /= float64(n)
		}
	}
	var hits []Hit
	for id, a := range o.recs {
		if len(q.Industries) > 0 && !slices.ContainsFunc(a.Industries, func(ind techmatch.Industry) bool { return slices.Contains(q.Industries, ind) }) {
			continue
		}
		var score float64
		var matched uint64
		found := false
		for i, qt := range q.Terms {
			tf, ok := bags[qt.Field][id][qt.Term]
			if !ok {
				continue
			}
			found = true
			if i < 64 {
				matched |= 1 << i
			}
			w := math.Log(1 + (float64(n)-float64(df[qt.Field][qt.Term])+0.5)/(float64(df[qt.Field][qt.Term])+0.5))
			norm := 1 - DefaultB + DefaultB*lens[qt.Field][id]/avg[qt.Field]
			imp := float32(w * tf * (DefaultK1 + 1) / (tf + DefaultK1*norm))
			score += qt.Weight * float64(imp)
		}
		if found {
			hits = append(hits, Hit{ID: id, Score: score, Matched: matched})
		}
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.ID, b.ID)
	})
	if len(hits) > q.Top {
		hits = hits[:q.Top]
	}
	return hits
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
		c.add(a.ID, a.Industries, fields)
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
					assert.Equal(t, got[i].ID, c.docs[got[i].Doc].id, "query %d hit %d doc→id", qi, i)
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
			var bm = c.live.Clone(nil) // dirty pooled buffer: must be overwritten
			for i := range bm {
				bm[i] = ^uint64(0)
			}
			ok := c.buildFilter(&bm, inds)
			var got []string
			if ok {
				bm.Range(func(d uint32) { got = append(got, c.docs[d].id) })
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
