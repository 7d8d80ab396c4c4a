package assoc

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// topic is one technology field of the planted corpus: every document of
// the topic uses exactly one of the synonyms (so synonyms never co-occur),
// a random subset of the context terms, and the always-together pair.
type topic struct {
	synonyms []string
	context  []string
	pair     [2]string
}

var plantedTopics = []topic{
	{[]string{"锂离子电池", "动力电池"}, []string{"正极材料", "电解液", "隔膜", "能量密度", "循环寿命", "快充", "负极", "电芯"}, [2]string{"热失控", "热管理"}},
	{[]string{"数控机床", "CNC"}, []string{"主轴", "五轴联动", "加工精度", "刀具", "伺服", "导轨", "切削", "床身"}, [2]string{"热处理", "淬火"}},
	{[]string{"轻量化", "减重"}, []string{"铝合金", "车身", "碳纤维", "一体化压铸", "白车身", "强度", "镁合金", "结构件"}, [2]string{"焊缝", "气孔"}},
	{[]string{"单克隆抗体", "单抗"}, []string{"细胞株", "抗体药物", "表达量", "纯化", "靶点", "临床前", "亲和力", "培养基"}, [2]string{"收率", "连续流"}},
	{[]string{"人工关节", "关节假体"}, []string{"钛合金", "骨科", "生物相容性", "涂层", "植入物", "磨损", "3D打印", "多孔结构"}, [2]string{"灭菌", "包装"}},
}

// noise is general vocabulary spread over all topics.
var noise = []string{"技术", "系统", "方法", "装置", "研究", "应用", "提高", "降低", "成本", "效率",
	"企业", "产品", "工艺", "性能", "开发", "设计", "检测", "控制", "优化", "产业化"}

// plantedCorpus builds n documents over plantedTopics, deterministic in seed.
func plantedCorpus(n int, seed uint64) []Doc {
	rng := rand.New(rand.NewPCG(seed, 11))
	docs := make([]Doc, n)
	for i := range docs {
		tp := plantedTopics[i%len(plantedTopics)]
		d := Doc{{Text: tp.synonyms[rng.IntN(len(tp.synonyms))], Weight: 2}}
		for _, c := range tp.context {
			if rng.Float64() < 0.5 {
				d = append(d, Term{Text: c, Weight: 1})
			}
		}
		if rng.Float64() < 0.6 {
			d = append(d, Term{Text: tp.pair[0]}, Term{Text: tp.pair[1]})
		}
		for range 4 {
			d = append(d, Term{Text: noise[rng.IntN(len(noise))]})
		}
		docs[i] = d
	}
	return docs
}

// testConfig relaxes the document-frequency ceiling for the small corpus,
// where one topic covers 20% of the documents, and sets the SVD rank to its 5 topics, well
// below its ~70-term vocabulary: at full rank, term vectors are the raw
// document rows and never co-occurring synonyms stay orthogonal.
func testConfig(method string) Config {
	return Config{Method: method, MaxDFRatio: 0.5, Seed: 42, Rank: 5}
}

func neighborTerms(ns []Neighbor) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Term
	}
	return out
}

func TestPlantedSynonymsSVD(t *testing.T) {
	cfg := testConfig(MethodSVD)
	cfg.TopM = 20 // a topic has 12 terms; all of them are close in the latent space
	m, err := Build(context.Background(), plantedCorpus(500, 1), cfg)
	require.NoError(t, err)
	for _, tp := range plantedTopics {
		a, b := tp.synonyms[0], tp.synonyms[1]
		got := m.Related(a)
		t.Logf("svd %s → %v", a, got)
		i := slices.Index(neighborTerms(got), b)
		if assert.GreaterOrEqualf(t, i, 0, "Related(%q) = %v, want it to contain the never co-occurring synonym %q", a, got, b) {
			assert.Greaterf(t, got[i].Weight, 0.8, "weight(%q, %q) = %v, want > 0.8", a, b, got[i].Weight)
		}
		for _, other := range plantedTopics {
			if other.synonyms[0] != a {
				assert.NotContainsf(t, neighborTerms(got), other.synonyms[0], "Related(%q) = %v, want no term of another topic", a, got)
			}
		}
	}
}

func TestPlantedPairsNPMI(t *testing.T) {
	m, err := Build(context.Background(), plantedCorpus(500, 1), testConfig(MethodNPMI))
	require.NoError(t, err)
	for _, tp := range plantedTopics {
		got := m.Related(tp.pair[0])
		t.Logf("npmi %s → %v", tp.pair[0], got)
		require.NotEmptyf(t, got, "Related(%q) is empty, want the co-occurring %q", tp.pair[0], tp.pair[1])
		assert.Equalf(t, tp.pair[1], got[0].Term, "Related(%q)[0] = %v, want the always co-occurring %q first", tp.pair[0], got[0], tp.pair[1])
		assert.InDeltaf(t, 1.0, got[0].Weight, 1e-9, "NPMI of always co-occurring pair %v: got %v, want 1", tp.pair, got[0].Weight)
		syn := m.Related(tp.synonyms[0])
		assert.NotContainsf(t, neighborTerms(syn), tp.synonyms[1], "NPMI Related(%q) = %v, want no never co-occurring synonym", tp.synonyms[0], syn)
	}
}

func TestWeightsOrderAndBounds(t *testing.T) {
	for _, method := range []string{MethodNPMI, MethodSVD} {
		t.Run(method, func(t *testing.T) {
			cfg := testConfig(method)
			cfg.TopM = 3
			cfg.MinWeight = 0.3
			m, err := Build(context.Background(), plantedCorpus(300, 2), cfg)
			require.NoError(t, err)
			require.Positive(t, m.Stats().Pairs)
			for _, term := range m.Terms() {
				got := m.Related(term)
				assert.LessOrEqualf(t, len(got), 3, "len(Related(%q)) = %d, want <= TopM 3", term, len(got))
				assert.Truef(t, slices.IsSortedFunc(got, compareNeighbors), "Related(%q) = %v, want weight desc, term asc", term, got)
				for _, n := range got {
					assert.NotEqualf(t, term, n.Term, "Related(%q) contains the term itself", term)
					assert.Truef(t, n.Weight >= 0.3 && n.Weight <= 1, "Related(%q) weight %v of %q, want in [0.3,1]", term, n.Weight, n.Term)
				}
			}
		})
	}
}

func TestDocumentFrequencyBounds(t *testing.T) {
	docs := plantedCorpus(200, 3)
	for i := range docs {
		docs[i] = append(docs[i], Term{Text: "everywhere"}) // df = 100%
	}
	docs[0] = append(docs[0], Term{Text: "rare"}, Term{Text: "正极材料"})
	docs[1] = append(docs[1], Term{Text: "rare"}) // df = 2
	tests := []struct {
		name     string
		cfg      Config
		term     string
		wantKept bool
	}{
		{"ubiquitous term dropped by MaxDFRatio", Config{Method: MethodNPMI, MaxDFRatio: 0.5}, "everywhere", false},
		{"ubiquitous term kept at MaxDFRatio 1", Config{Method: MethodNPMI, MaxDFRatio: 1}, "everywhere", true},
		{"rare term dropped by default MinDF 3", Config{Method: MethodNPMI, MaxDFRatio: 0.5}, "rare", false},
		{"rare term kept at MinDF 2", Config{Method: MethodNPMI, MaxDFRatio: 0.5, MinDF: 2}, "rare", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Build(context.Background(), docs, tt.cfg)
			require.NoError(t, err)
			_, got := slices.BinarySearch(m.Terms(), tt.term)
			assert.Equalf(t, tt.wantKept, got, "term %q kept = %v, want %v", tt.term, got, tt.wantKept)
			if !tt.wantKept {
				assert.Nilf(t, m.Related(tt.term), "Related(%q) of a dropped term, want nil", tt.term)
			}
		})
	}
}

func TestDeterminism(t *testing.T) {
	docs := synthCorpus(600, 40, 9)
	for _, method := range []string{MethodNPMI, MethodSVD} {
		t.Run(method, func(t *testing.T) {
			build := func(workers int, exact bool) *Model {
				m, err := Build(context.Background(), docs, Config{Method: method, Seed: 7, Workers: workers, MaxDFRatio: 0.5, Exact: exact})
				require.NoError(t, err)
				return m
			}
			a, b := build(1, false), build(3, false)
			require.Equal(t, a.Terms(), b.Terms())
			for _, term := range a.Terms() {
				require.Equalf(t, a.Related(term), b.Related(term), "Related(%q) differs between Workers 1 and 3", term)
			}
			// Reversing the document order must not change the vocabulary.
			rev := slices.Clone(docs)
			slices.Reverse(rev)
			m, err := Build(context.Background(), rev, Config{Method: method, Seed: 7, MaxDFRatio: 0.5})
			require.NoError(t, err)
			assert.Equal(t, a.Terms(), m.Terms(), "vocabulary depends on document order")
		})
	}
}

func TestBuildErrors(t *testing.T) {
	good := plantedCorpus(20, 1)
	tests := []struct {
		name string
		docs []Doc
		cfg  Config
		want string
	}{
		{"unknown method", good, Config{Method: "lsa"}, `Config.Method is "lsa"`},
		{"negative MinDF", good, Config{MinDF: -1}, "Config.MinDF is -1"},
		{"MaxDFRatio above 1", good, Config{MaxDFRatio: 1.5}, "Config.MaxDFRatio is 1.5"},
		{"MaxDFRatio NaN", good, Config{MaxDFRatio: math.NaN()}, "Config.MaxDFRatio is NaN"},
		{"negative TopM", good, Config{TopM: -2}, "Config.TopM is -2"},
		{"MinWeight 1", good, Config{MinWeight: 1}, "Config.MinWeight is 1"},
		{"negative MinWeight", good, Config{MinWeight: -0.1}, "Config.MinWeight is -0.1"},
		{"negative MinCoDF", good, Config{MinCoDF: -1}, "Config.MinCoDF is -1"},
		{"Rank too large", good, Config{Rank: MaxRank + 1}, "Config.Rank is 401"},
		{"negative Oversample", good, Config{Oversample: -1}, "Config.Oversample is -1"},
		{"PowerIters too large", good, Config{PowerIters: 21}, "Config.PowerIters is 21"},
		{"Probes too large", good, Config{Probes: 65}, "Config.Probes is 65"},
		{"negative Workers", good, Config{Workers: -1}, "Config.Workers is -1"},
		{"NaN weight", []Doc{{{Text: "a"}}, {{Text: "b"}, {Text: "c", Weight: math.NaN()}}}, Config{}, `docs[1][1] (term "c"): weight NaN`},
		{"negative weight", []Doc{{{Text: "a", Weight: -1}}}, Config{}, `docs[0][0] (term "a"): weight -1`},
		{"infinite weight", []Doc{{{Text: "a", Weight: math.Inf(1)}}}, Config{}, `docs[0][0] (term "a"): weight +Inf`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Build(context.Background(), tt.docs, tt.cfg)
			require.Errorf(t, err, "Build: got model %v, want an error containing %q", m, tt.want)
			assert.Containsf(t, err.Error(), tt.want, "got error %q, want it to contain %q", err, tt.want)
		})
	}
}

func TestBuildCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, method := range []string{MethodNPMI, MethodSVD} {
		_, err := Build(ctx, plantedCorpus(100, 1), testConfig(method))
		require.Errorf(t, err, "%s: Build with a cancelled context: got nil error", method)
		assert.Truef(t, errors.Is(err, context.Canceled), "%s: got %v, want it to wrap context.Canceled", method, err)
	}
}

func TestDegenerateInputs(t *testing.T) {
	tests := []struct {
		name string
		docs []Doc
	}{
		{"no docs", nil},
		{"empty docs", []Doc{{}, {}, {}}},
		{"blank terms only", []Doc{{{Text: " "}}, {{Text: ""}}}},
		{"one repeated term", []Doc{{{Text: "a"}, {Text: "a"}}, {{Text: "a"}}, {{Text: "a"}}}},
		{"identical docs", []Doc{{{Text: "a"}, {Text: "b"}}, {{Text: "a"}, {Text: "b"}}, {{Text: "a"}, {Text: "b"}}}},
	}
	for _, tt := range tests {
		for _, method := range []string{MethodNPMI, MethodSVD} {
			t.Run(tt.name+"/"+method, func(t *testing.T) {
				m, err := Build(context.Background(), tt.docs, Config{Method: method, MaxDFRatio: 1, MinDF: 1})
				require.NoError(t, err)
				for _, term := range m.Terms() {
					for _, n := range m.Related(term) {
						assert.Truef(t, n.Weight > 0 && n.Weight <= 1, "weight %v of %q→%q, want in (0,1]", n.Weight, term, n.Term)
					}
				}
				assert.Nil(t, m.Expand([]Term{{Text: "unknown"}}, 5), "Expand of unknown terms, want nil")
			})
		}
	}
}

// handModel builds a Model with the given neighbour lists, for exact
// checks of Expand.
func handModel(links map[string][]Neighbor) *Model {
	m := &Model{ids: map[string]int32{}}
	keys := make([]string, 0, len(links))
	for k := range links {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		m.ids[k] = int32(len(m.neigh))
		m.neigh = append(m.neigh, links[k])
	}
	return m
}

func TestExpand(t *testing.T) {
	m := handModel(map[string][]Neighbor{
		"锂电":   {{"动力电池", 0.9}, {"电解液", 0.5}, {"数控机床", 0.2}},
		"数控机床": {{"CNC", 0.8}, {"电解液", 0.5}},
		"轻量化":  {{"减重", 0.6}},
	})
	tests := []struct {
		name   string
		terms  []Term
		maxOut int
		want   []Neighbor
	}{
		{"single term, unit weight", []Term{{Text: "锂电"}}, 0,
			[]Neighbor{{"动力电池", 0.9}, {"电解液", 0.5}, {"数控机床", 0.2}}},
		{"query terms excluded, noisy-OR combination", []Term{{Text: "锂电", Weight: 1}, {Text: "数控机床", Weight: 1}}, 0,
			[]Neighbor{{"动力电池", 0.9}, {"CNC", 0.8}, {"电解液", 0.75}}},
		{"weights scaled by the heaviest query term", []Term{{Text: "锂电", Weight: 4}, {Text: "轻量化", Weight: 2}}, 0,
			[]Neighbor{{"动力电池", 0.9}, {"电解液", 0.5}, {"减重", 0.3}, {"数控机床", 0.2}}},
		{"maxOut", []Term{{Text: "锂电"}, {Text: "轻量化"}}, 2,
			[]Neighbor{{"动力电池", 0.9}, {"减重", 0.6}}},
		{"bad weights dropped but still excluded", []Term{{Text: "锂电"}, {Text: "数控机床", Weight: math.NaN()}}, 0,
			[]Neighbor{{"动力电池", 0.9}, {"电解液", 0.5}}},
		{"repeated query term keeps largest weight", []Term{{Text: "轻量化", Weight: 0.5}, {Text: "轻量化", Weight: 1}, {Text: "锂电", Weight: 1}}, 1,
			[]Neighbor{{"动力电池", 0.9}}},
		{"unknown only", []Term{{Text: "未知"}}, 0, nil},
		{"no usable weight", []Term{{Text: "锂电", Weight: -1}}, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := m.Expand(tt.terms, tt.maxOut)
			require.Lenf(t, got, len(tt.want), "Expand(%v) = %v, want %v", tt.terms, got, tt.want)
			for i := range got {
				assert.Equalf(t, tt.want[i].Term, got[i].Term, "Expand(%v)[%d] = %v, want %v", tt.terms, i, got[i], tt.want[i])
				assert.InDeltaf(t, tt.want[i].Weight, got[i].Weight, 1e-12, "Expand(%v)[%d] = %v, want %v", tt.terms, i, got[i], tt.want[i])
			}
		})
	}
}

func TestExpandOnLearnedModel(t *testing.T) {
	cfg := testConfig(MethodSVD)
	cfg.TopM = 20
	m, err := Build(context.Background(), plantedCorpus(500, 1), cfg)
	require.NoError(t, err)
	query := []Term{{Text: "锂离子电池", Weight: 3}, {Text: "正极材料", Weight: 1}}
	got := m.Expand(query, 20)
	t.Logf("Expand(%v) = %v", query, got)
	require.NotEmpty(t, got)
	assert.LessOrEqual(t, len(got), 20)
	for _, n := range got {
		assert.NotContainsf(t, []string{"锂离子电池", "正极材料"}, n.Term, "Expand returned query term %q", n.Term)
	}
	assert.Contains(t, neighborTerms(got), "动力电池", "Expand of 锂离子电池 should reach its synonym 动力电池")
	assert.True(t, slices.IsSortedFunc(got, compareNeighbors), "Expand = %v, want weight desc, term asc", got)
}

func TestRelatedReturnsCopy(t *testing.T) {
	m := handModel(map[string][]Neighbor{"a": {{"b", 0.5}}})
	got := m.Related("a")
	got[0].Weight = 0.9
	assert.Equal(t, 0.5, m.Related("a")[0].Weight, "mutating Related's result changed the model")
}
