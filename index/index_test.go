package index

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/kelindar/bitmap"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/segment"
)

// testSeg is shared by every test of the package: a segmenter costs
// ~0.4 s and ~130 MB.
var testSeg *segment.Segmenter

func TestMain(m *testing.M) {
	var err error
	testSeg, err = segment.Default()
	if err != nil {
		fmt.Fprintln(os.Stderr, "index tests: segmenter:", err)
		os.Exit(1)
	}
	if mode := os.Getenv(helperEnv); mode != "" {
		os.Exit(runHelper(mode))
	}
	os.Exit(m.Run())
}

func newTestIndex(t testing.TB, path string) *Index[techmatch.Achievement] {
	t.Helper()
	ix, err := New[techmatch.Achievement](context.Background(), Config{Segmenter: testSeg, Path: path})
	require.NoError(t, err, "New(path %q)", path)
	t.Cleanup(func() { _ = ix.Close() })
	return ix
}

func docCount(t testing.TB, ix *Index[techmatch.Achievement]) int {
	t.Helper()
	n, err := ix.Bleve().DocCount()
	require.NoError(t, err)
	return int(n)
}

// checkConsistent asserts bleve, core, bitmaps and Get agree with want.
func checkConsistent(t *testing.T, ix *Index[techmatch.Achievement], want map[string]techmatch.Achievement) {
	t.Helper()
	assert.Equal(t, len(want), ix.Len(), "Len")
	assert.Equal(t, len(want), docCount(t, ix), "bleve DocCount")
	for id, w := range want {
		got, ok := ix.Get(id)
		assert.True(t, ok, "Get(%q) found", id)
		assert.Equal(t, w, got, "Get(%q)", id)
		doc, ok := ix.Doc(id)
		require.True(t, ok, "Doc(%q)", id)
		rec, ok := ix.Record(doc)
		assert.True(t, ok, "Record(%d)", doc)
		assert.Equal(t, w.ID, rec.ID, "Record(Doc(%q)).ID", id)
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	for _, ind := range testIndustries {
		var got []string
		var bm []uint64
		if ix.core.buildFilter(&bm, []techmatch.Industry{ind}) {
			bitmap.Bitmap(bm).Range(func(d uint32) { got = append(got, ix.core.ids[d]) })
		}
		var wantIDs []string
		for id, a := range want {
			if slices.Contains(a.Industries, ind) {
				wantIDs = append(wantIDs, id)
			}
		}
		slices.Sort(got)
		slices.Sort(wantIDs)
		assert.Equal(t, wantIDs, got, "bitmap of %s", ind)
	}
	assert.Equal(t, len(want), ix.core.live.Count(), "live bitmap count")
}

func TestAddUpdateDeleteConsistency(t *testing.T) {
	battery := techmatch.Achievement{ID: "a1", Title: "高能量密度锂电池正极材料", Description: "一种用于新能源汽车的锂离子电池正极材料制备方法", Industries: []techmatch.Industry{techmatch.Auto, techmatch.Materials}}
	robot := techmatch.Achievement{ID: "a2", Title: "焊接机器人视觉引导系统", Description: "基于激光传感器的焊缝跟踪", Keywords: []string{"焊接", "机器视觉"}, Industries: []techmatch.Industry{techmatch.Equipment}}
	vaccine := techmatch.Achievement{ID: "a3", Title: "重组蛋白疫苗佐剂", Description: "提高疫苗免疫原性", Industries: []techmatch.Industry{techmatch.Biomed}}
	battery2 := battery
	battery2.Title = "固态电池电解质"
	battery2.Industries = []techmatch.Industry{"energy"}

	type step struct {
		add  []techmatch.Achievement
		del  []string
		want []techmatch.Achievement
		// wantDeleted is Delete's count.
		wantDeleted int
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{name: "add", steps: []step{{add: []techmatch.Achievement{battery, robot, vaccine}, want: []techmatch.Achievement{battery, robot, vaccine}}}},
		{name: "update", steps: []step{
			{add: []techmatch.Achievement{battery, robot}, want: []techmatch.Achievement{battery, robot}},
			{add: []techmatch.Achievement{battery2}, want: []techmatch.Achievement{battery2, robot}},
		}},
		{name: "update twice in one call", steps: []step{{add: []techmatch.Achievement{battery, robot, battery2}, want: []techmatch.Achievement{battery2, robot}}}},
		{name: "delete", steps: []step{
			{add: []techmatch.Achievement{battery, robot, vaccine}, want: []techmatch.Achievement{battery, robot, vaccine}},
			{del: []string{"a2", "nope", "a2"}, wantDeleted: 1, want: []techmatch.Achievement{battery, vaccine}},
		}},
		{name: "delete all then re-add", steps: []step{
			{add: []techmatch.Achievement{battery, robot}, want: []techmatch.Achievement{battery, robot}},
			{del: []string{"a1", "a2"}, wantDeleted: 2},
			{add: []techmatch.Achievement{vaccine, battery2}, want: []techmatch.Achievement{vaccine, battery2}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := newTestIndex(t, "")
			for si, s := range tt.steps {
				if s.add != nil {
					require.NoError(t, ix.Add(context.Background(), s.add...), "step %d add", si)
				}
				if s.del != nil {
					n, err := ix.Delete(context.Background(), s.del...)
					require.NoError(t, err, "step %d delete", si)
					assert.Equal(t, s.wantDeleted, n, "step %d deleted count", si)
				}
				want := map[string]techmatch.Achievement{}
				for _, a := range s.want {
					want[a.ID] = a
				}
				checkConsistent(t, ix, want)
				// Every live record is found by the core through its own title.
				for _, a := range s.want {
					terms, _, err := ix.Analyze(a, FieldWords)
					require.NoError(t, err)
					q := Query{Top: 10}
					for _, tw := range terms {
						q.Terms = append(q.Terms, QueryTerm{Term: tw.Term, Field: FieldWords, Weight: tw.TF})
					}
					hits, err := ix.Search(context.Background(), q)
					require.NoError(t, err)
					require.NotEmpty(t, hits, "step %d: search for %q", si, a.ID)
					assert.Equal(t, a.ID, hits[0].ID, "step %d: top hit for its own text", si)
				}
				if si == len(tt.steps)-1 {
					ix.mu.RLock()
					assert.Equal(t, 0, ix.core.dead(), "dead docs after compaction threshold")
					ix.mu.RUnlock()
				}
			}
		})
	}
}

func TestAddBadRecordsKeepsGoodOnes(t *testing.T) {
	ix := newTestIndex(t, "")
	err := ix.Add(context.Background(),
		techmatch.Achievement{ID: "ok1", Title: "激光切割"},
		techmatch.Achievement{Title: "无编号"},
		techmatch.Achievement{ID: "ok2", Title: "纳米涂层"},
	)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "record 1 ", "got %v", err)
	assert.ErrorIs(t, err, techmatch.ErrMissingID)
	assert.Equal(t, 2, ix.Len(), "good records kept")
	_, ok := ix.Get("ok2")
	assert.True(t, ok, "Get(ok2)")
}

// realOracleCatalog makes n records in Chinese from testVocab.
func TestIndexSearchMatchesOracle(t *testing.T) {
	tests := []struct {
		seed   uint64
		n      int
		filter bool
		del    int // delete every del-th record
	}{
		{seed: 21, n: 50},
		{seed: 22, n: 300, filter: true},
		{seed: 23, n: 300, del: 3},
		{seed: 24, n: 600, del: 5, filter: true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("n=%d filter=%v del=%d", tt.n, tt.filter, tt.del), func(t *testing.T) {
			ix := newTestIndex(t, "")
			recs := randCatalog(tt.seed, tt.n)
			require.NoError(t, ix.Add(context.Background(), recs...))
			o := &oracle{t: t, fn: ix.terms, recs: map[string]techmatch.Achievement{}}
			for _, a := range recs {
				o.recs[a.ID] = a
			}
			if tt.del > 0 {
				var ids []string
				for i, a := range recs {
					if i%tt.del == 0 {
						ids = append(ids, a.ID)
						delete(o.recs, a.ID)
					}
				}
				_, err := ix.Delete(context.Background(), ids...)
				require.NoError(t, err)
			}
			require.Equal(t, len(o.recs), ix.Len(), "Len after deletes")
			r := rand.New(rand.NewPCG(tt.seed, 5))
			for qi := range 40 {
				q := randQuery(r, tt.filter)
				// Use the segmenter's own bigrams as bigram terms.
				for i, qt := range q.Terms {
					if qt.Field == FieldBigrams {
						bg, err := ix.terms(nil, testVocab[r.IntN(len(testVocab))], FieldBigrams)
						require.NoError(t, err)
						if len(bg) > 0 {
							q.Terms[i].Term = bg[0]
						}
					}
				}
				got, err := ix.Search(context.Background(), q)
				require.NoError(t, err)
				want := o.search(q)
				require.Equal(t, len(want), len(got), "query %d: hit count", qi)
				for i := range want {
					assert.Equal(t, want[i].ID, got[i].ID, "query %d hit %d: got %v want %v", qi, i, got[i], want[i])
					assert.InDelta(t, want[i].Score, got[i].Score, 1e-5, "query %d hit %d score", qi, i)
					assert.Equal(t, want[i].Matched, got[i].Matched, "query %d hit %d matched", qi, i)
				}
			}
		})
	}
}

func TestStats(t *testing.T) {
	ix := newTestIndex(t, "")
	recs := randCatalog(31, 200)
	require.NoError(t, ix.Add(context.Background(), recs...))
	last := map[string]techmatch.Achievement{}
	for _, a := range recs {
		last[a.ID] = a
	}
	for _, term := range testVocab[:10] {
		want := 0
		for _, a := range last {
			terms, _, err := ix.Analyze(a, FieldWords)
			require.NoError(t, err)
			if slices.ContainsFunc(terms, func(tw TermWeight) bool { return tw.Term == term }) {
				want++
			}
		}
		assert.Equal(t, want, ix.DocFreq(FieldWords, term), "DocFreq(%q)", term)
		assert.InDelta(t, idf(len(last), want), ix.IDF(FieldWords, term), 1e-12, "IDF(%q)", term)
	}
	doc, ok := ix.Doc(recs[0].ID)
	require.True(t, ok)
	got, length, ok := ix.DocTerms(doc, FieldWords)
	require.True(t, ok, "DocTerms")
	want, wantLen, err := ix.Analyze(last[recs[0].ID], FieldWords)
	require.NoError(t, err)
	assert.Equal(t, want, got, "DocTerms = Analyze of the record")
	assert.Equal(t, wantLen, length, "DocTerms length")
	assert.Positive(t, ix.AvgDocLen(FieldBigrams), "AvgDocLen(bigrams)")
	_, _, ok = ix.DocTerms(1<<30, FieldWords)
	assert.False(t, ok, "DocTerms of an unknown doc")
}

func TestInMemoryIsScorch(t *testing.T) {
	for _, path := range []string{"", filepath.Join(t.TempDir(), "ix")} {
		ix := newTestIndex(t, path)
		adv, err := ix.Bleve().Advanced()
		require.NoError(t, err)
		_, ok := adv.(*scorch.Scorch)
		assert.True(t, ok, "path %q: bleve internal index is %T, want *scorch.Scorch", path, adv)
		stats := ix.Bleve().StatsMap()
		_, ok = stats["index"].(map[string]interface{})["TotBatches"]
		assert.True(t, ok, "path %q: scorch stats (TotBatches) in %v", path, stats)
	}
}

func TestReopenOnDisk(t *testing.T) {
	path := filepath.Join(t.TempDir(), "achievements")
	recs := randCatalog(41, 400)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(41, 1))
	queries := make([]Query, 20)
	for i := range queries {
		queries[i] = randQuery(r, i%2 == 0)
	}
	run := func(ix *Index[techmatch.Achievement]) [][]Hit {
		var out [][]Hit
		for _, q := range queries {
			hits, err := ix.Search(ctx, q)
			require.NoError(t, err)
			for i := range hits {
				hits[i].Doc = 0 // doc numbers are renumbered by id on reload
			}
			out = append(out, hits)
		}
		return out
	}

	last := map[string]techmatch.Achievement{}
	for _, a := range recs {
		last[a.ID] = a
	}
	ix, err := New[techmatch.Achievement](ctx, Config{Segmenter: testSeg, Path: path})
	require.NoError(t, err)
	require.NoError(t, ix.Add(ctx, recs...))
	_, err = ix.Delete(ctx, recs[0].ID, recs[1].ID)
	require.NoError(t, err)
	before, n := run(ix), ix.Len()
	text, err := ix.SearchText(ctx, "激光切割", nil, 5)
	require.NoError(t, err)
	require.NoError(t, ix.Close())

	ix2, err := New[techmatch.Achievement](ctx, Config{Segmenter: testSeg, Path: path})
	require.NoError(t, err)
	defer ix2.Close()
	assert.Equal(t, n, ix2.Len(), "Len after reopen")
	after := run(ix2)
	require.Equal(t, len(before), len(after))
	for i := range before {
		require.Equal(t, len(before[i]), len(after[i]), "query %d hit count", i)
		for j := range before[i] {
			assert.Equal(t, before[i][j].ID, after[i][j].ID, "query %d hit %d id", i, j)
			assert.InDelta(t, before[i][j].Score, after[i][j].Score, 1e-9, "query %d hit %d score", i, j)
		}
	}
	text2, err := ix2.SearchText(ctx, "激光切割", nil, 5)
	require.NoError(t, err)
	require.Equal(t, len(text), len(text2), "SearchText hits after reopen")
	for i := range text {
		assert.Equal(t, text[i].ID, text2[i].ID, "SearchText hit %d", i)
	}
	for _, a := range recs {
		want, wantOK := last[a.ID], a.ID != recs[0].ID && a.ID != recs[1].ID
		got, ok := ix2.Get(a.ID)
		assert.Equal(t, wantOK, ok, "Get(%q) found after reopen", a.ID)
		if wantOK {
			assert.Equal(t, want, got, "Get(%q) after reopen", a.ID)
		}
	}
}

func TestNewPathErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	require.NoError(t, os.WriteFile(file, []byte("x"), 0o600))
	junk := filepath.Join(dir, "junk")
	require.NoError(t, os.MkdirAll(junk, 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(junk, "x"), []byte("x"), 0o600))
	empty := filepath.Join(dir, "empty")
	require.NoError(t, os.MkdirAll(empty, 0o700))
	tests := []struct {
		name    string
		cfg     Config
		wantErr string
	}{
		{name: "no segmenter", cfg: Config{}, wantErr: "Segmenter is required"},
		{name: "bad boost", cfg: Config{Segmenter: testSeg, TitleBoost: -1}, wantErr: "TitleBoost"},
		{name: "bad b", cfg: Config{Segmenter: testSeg, B: 2}, wantErr: "Config.B"},
		{name: "path is a file", cfg: Config{Segmenter: testSeg, Path: file}, wantErr: "is a file"},
		{name: "non-empty non-index dir", cfg: Config{Segmenter: testSeg, Path: junk}, wantErr: "non-empty directory"},
		{name: "empty dir is created", cfg: Config{Segmenter: testSeg, Path: empty}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix, err := New[techmatch.Achievement](context.Background(), tt.cfg)
			if tt.wantErr == "" {
				require.NoError(t, err)
				assert.NoError(t, ix.Close())
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr, "got %v", err)
		})
	}
}

func TestSearchTextChinese(t *testing.T) {
	ix := newTestIndex(t, "")
	ctx := context.Background()
	require.NoError(t, ix.Add(ctx,
		techmatch.Achievement{ID: "bat", Title: "高安全性锂离子电池隔膜", Description: "陶瓷涂覆隔膜提高动力电池热稳定性", Industries: []techmatch.Industry{techmatch.Auto, techmatch.Materials}},
		techmatch.Achievement{ID: "weld", Title: "搅拌摩擦焊接装备", Description: "铝合金车身结构件的高效焊接", Industries: []techmatch.Industry{techmatch.Equipment}},
		techmatch.Achievement{ID: "drug", Title: "单克隆抗体药物筛选平台", Description: "高通量抗体筛选", Industries: []techmatch.Industry{techmatch.Biomed}},
	))
	tests := []struct {
		text    string
		inds    []techmatch.Industry
		wantTop string // "" = no hits
	}{
		{text: "动力电池隔膜", wantTop: "bat"},
		{text: "铝合金焊接", wantTop: "weld"},
		{text: "抗体", wantTop: "drug"},
		{text: "抗体", inds: []techmatch.Industry{techmatch.Auto}},
		{text: "电池", inds: []techmatch.Industry{techmatch.Materials, techmatch.Biomed}, wantTop: "bat"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.text, tt.inds), func(t *testing.T) {
			hits, err := ix.SearchText(ctx, tt.text, tt.inds, 5)
			require.NoError(t, err)
			if tt.wantTop == "" {
				assert.Empty(t, hits, "hits for %q in %v", tt.text, tt.inds)
				return
			}
			require.NotEmpty(t, hits, "hits for %q", tt.text)
			assert.Equal(t, tt.wantTop, hits[0].ID, "top hit for %q: got %v", tt.text, hits)
			doc, _ := ix.Doc(hits[0].ID)
			assert.Equal(t, doc, hits[0].Doc, "Hit.Doc")
		})
	}
	_, err := ix.SearchText(ctx, "x", nil, 0)
	assert.Error(t, err, "top 0")
}

func TestConcurrentSearchAndAdd(t *testing.T) {
	ix := newTestIndex(t, "")
	ctx := context.Background()
	recs := randCatalog(51, 400)
	require.NoError(t, ix.Add(ctx, recs[:100]...))
	var wg sync.WaitGroup
	errc := make(chan error, 16)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 100; i < len(recs); i += 20 {
			if err := ix.Add(ctx, recs[i:i+20]...); err != nil {
				errc <- err
				return
			}
			if _, err := ix.Delete(ctx, recs[i-100].ID); err != nil {
				errc <- err
				return
			}
		}
	}()
	for g := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(g), 3))
			for range 60 {
				q := randQuery(r, r.IntN(2) == 0)
				hits, err := ix.Search(ctx, q)
				if err != nil {
					errc <- err
					return
				}
				for i := 1; i < len(hits); i++ {
					if hits[i-1].Score < hits[i].Score || hits[i-1].Score == hits[i].Score && hits[i-1].ID > hits[i].ID {
						errc <- fmt.Errorf("hits out of order: %v before %v", hits[i-1], hits[i])
						return
					}
				}
				if _, err := ix.SearchText(ctx, "激光 电池", nil, 3); err != nil {
					errc <- err
					return
				}
				ix.Get(recs[r.IntN(len(recs))].ID)
			}
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		assert.NoError(t, err)
	}
	assert.Equal(t, docCount(t, ix), ix.Len(), "bleve and core agree after concurrent writes")
}

func TestCloseSemantics(t *testing.T) {
	ctx := context.Background()
	ix, err := New[techmatch.Achievement](ctx, Config{Segmenter: testSeg})
	require.NoError(t, err)
	require.NoError(t, ix.Add(ctx, techmatch.Achievement{ID: "a", Title: "激光切割"}))
	require.NoError(t, ix.Close())
	require.NoError(t, ix.Close(), "second Close")
	tests := []struct {
		name string
		call func() error
	}{
		{"Add", func() error { return ix.Add(ctx, techmatch.Achievement{ID: "b", Title: "x"}) }},
		{"Delete", func() error { _, err := ix.Delete(ctx, "a"); return err }},
		{"Search", func() error {
			_, err := ix.Search(ctx, Query{Top: 1, Terms: []QueryTerm{{Term: "激光", Weight: 1}}})
			return err
		}},
		{"SearchText", func() error { _, err := ix.SearchText(ctx, "激光", nil, 1); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			assert.True(t, errors.Is(err, ErrClosed), "got %v, want ErrClosed", err)
		})
	}
	_, ok := ix.Get("a")
	assert.False(t, ok, "Get after Close")
	assert.Equal(t, 0, ix.Len(), "Len after Close")
}

func TestSearchContextCanceled(t *testing.T) {
	ix := newTestIndex(t, "")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ix.Search(ctx, Query{Top: 1, Terms: []QueryTerm{{Term: "a", Weight: 1}}})
	assert.ErrorIs(t, err, context.Canceled)
	err = ix.Add(ctx, techmatch.Achievement{ID: "a", Title: "激光"})
	assert.ErrorIs(t, err, context.Canceled)
}
