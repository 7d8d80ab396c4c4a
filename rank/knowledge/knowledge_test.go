package knowledge

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

var update = flag.Bool("update", false, "rewrite segment/dict/lexicon_knowledge.txt")

const lexiconPath = "../../segment/dict/lexicon_knowledge.txt"

// small is a hand-made KB used by the behaviour tests.
const small = `# test data
## 电池
syn	锂离子电池|动力电池|锂电|LIB
syn	电池热管理|BTMS
syn	低温电解液|宽温电解液
narrower	复合材料	碳纤维增强复合材料|玻璃纤维增强复合材料
syn	碳纤维增强复合材料|CFRP|碳纤维复材
problem	冬季续航缩水|低温续航衰减	低温电解液|电池热管理	0.8
problem	起毛断丝	上浆剂界面改性	0.9
related	热泵空调	电池热管理	0.5
syn	过程分析技术|PAT
`

func mustLoad(t testing.TB, data, name string) *Graph {
	t.Helper()
	g, err := Load(strings.NewReader(data), name)
	require.NoError(t, err)
	return g
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, data string
		wantErr    []string // substrings
		wantTerms  int
	}{
		{"good", small, nil, 20},
		{"unknown kind", "syn\ta|b\nfoo\tx\n", []string{"t.tsv:2:", `unknown kind "foo"`}, 2},
		{"empty term", "syn\t锂电||动力电池\n", []string{"t.tsv:1:", "empty"}, 0},
		{"punct term", "syn\t锂电|--\n", []string{"t.tsv:1:", "no letter or digit"}, 0},
		{"single syn", "syn\t锂电\n", []string{"t.tsv:1:", "fewer than 2"}, 0},
		{"bad weight", "problem\t漏油\t密封\tabc\n", []string{"t.tsv:1:", `weight "abc"`}, 0},
		{"weight range", "problem\t漏油\t密封\t1.5\n", []string{"t.tsv:1:", "out of range"}, 0},
		{"zero weight", "problem\t漏油\t密封\t0\n", []string{"out of range"}, 0},
		{"missing field", "problem\t漏油\n", []string{"t.tsv:1:", "wants 2 or 3 fields"}, 0},
		{"bad industry", "industry\t!!\n", []string{"t.tsv:1:", "unknown industry"}, 0},
		{"bad line keeps good", "syn\t甲醇|木醇\nnarrower\t\n# c\nsyn\t乙醇|酒精\n", []string{"t.tsv:2:"}, 4},
		{"bom and crlf", "\ufeffsyn\t甲醇|木醇\r\n", nil, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := Load(strings.NewReader(tt.data), "t.tsv")
			if tt.wantErr == nil {
				assert.NoError(t, err)
			} else {
				require.Error(t, err)
				for _, w := range tt.wantErr {
					assert.Contains(t, err.Error(), w, "got %q, want it to contain %q", err, w)
				}
			}
			require.NotNil(t, g)
			assert.Equal(t, tt.wantTerms, len(g.Terms()), "terms: got %v", g.Terms())
		})
	}
}

func TestLoadFilesAndExtend(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "materials.tsv")
	require.NoError(t, os.WriteFile(p, []byte("syn\t氧化铝陶瓷|刚玉陶瓷|新造词陶瓷X\n"), 0o644))
	g, err := LoadFiles(p)
	require.NoError(t, err)
	assert.Equal(t, []techmatch.Industry{techmatch.Materials}, g.Industries("新造词陶瓷X"))

	_, err = LoadFiles(filepath.Join(dir, "missing.tsv"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "missing.tsv")

	e, err := Extend(p)
	require.NoError(t, err)
	syn := e.Synonyms("新造词陶瓷X")
	assert.Contains(t, syn, "Al2O3陶瓷", "user set merged with default set: got %v", syn)
	c, ok := e.Canonical("新造词陶瓷x")
	assert.True(t, ok)
	assert.Equal(t, "氧化铝陶瓷", c, "canonical: got %q", c)
}

func TestIndustryDirectiveAndMerge(t *testing.T) {
	a := mustLoad(t, "industry\tauto\nsyn\t甲|甲甲乙\n", "x.tsv")
	b := mustLoad(t, "syn\t甲甲乙|丙丙丁\n", "biomed.tsv")
	m := Merge(a, nil, b)
	assert.Equal(t, []string{"甲", "甲甲乙", "丙丙丁"}, m.Synonyms("丙丙丁"))
	assert.Equal(t, []techmatch.Industry{techmatch.Auto, techmatch.Biomed}, m.Industries("甲甲乙"))
	// inputs untouched
	assert.Nil(t, a.Synonyms("丙丙丁"))
}

func find(exps []techmatch.Expansion, to string) (techmatch.Expansion, bool) {
	for _, e := range exps {
		if e.To == to {
			return e, true
		}
	}
	return techmatch.Expansion{}, false
}

func TestExpand(t *testing.T) {
	g := mustLoad(t, small, "auto.tsv")
	tests := []struct {
		name    string
		text    string
		want    []techmatch.Expansion // must be present
		notWant []string
	}{
		{"symptom to technique", "我们的车冬季续航缩水严重", []techmatch.Expansion{
			{From: "冬季续航缩水", To: "低温电解液", Kind: KindProblem, Weight: 0.56},
			{From: "冬季续航缩水", To: "电池热管理", Kind: KindProblem, Weight: 0.56},
			{From: "冬季续航缩水", To: "宽温电解液", Kind: KindProblem, Weight: 0.448},
			{From: "冬季续航缩水", To: "BTMS", Kind: KindProblem, Weight: 0.448},
		}, []string{"冬季续航缩水"}},
		{"synonym forward", "锂离子电池", []techmatch.Expansion{{From: "锂离子电池", To: "锂电", Kind: KindSynonym, Weight: 0.8}}, []string{"锂离子电池"}},
		{"synonym backward, full-width and case", "ＬＩＢ pack", []techmatch.Expansion{{From: "LIB", To: "锂离子电池", Kind: KindSynonym, Weight: 0.8}}, []string{"LIB"}},
		{"longest match", "碳纤维增强复合材料层合板", []techmatch.Expansion{
			{From: "碳纤维增强复合材料", To: "CFRP", Kind: KindSynonym, Weight: 0.8},
		}, []string{"玻璃纤维增强复合材料", "复合材料"}}, // 复合材料 is in the text, so not matched on its own nor expanded to
		{"narrower", "复合材料", []techmatch.Expansion{
			{From: "复合材料", To: "碳纤维增强复合材料", Kind: KindNarrower, Weight: 0.6},
			{From: "复合材料", To: "CFRP", Kind: KindNarrower, Weight: 0.48},
		}, nil},
		{"solves", "采用上浆剂界面改性", []techmatch.Expansion{{From: "上浆剂界面改性", To: "起毛断丝", Kind: KindSolves, Weight: 0.45}}, nil},
		{"related", "热泵空调", []techmatch.Expansion{{From: "热泵空调", To: "电池热管理", Kind: KindRelated, Weight: 0.25}}, nil},
		{"present terms excluded", "锂电和动力电池", nil, []string{"锂电", "动力电池"}},
		{"ascii boundary", "patent library", nil, []string{"过程分析技术", "锂离子电池"}},
		{"no terms", "今天天气很好", nil, []string{"锂电"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := g.Expand(tt.text, Options{})
			for _, w := range tt.want {
				e, ok := find(got, w.To)
				if assert.True(t, ok, "got %v, want an expansion to %q", got, w.To) {
					assert.Equal(t, w, e, "got %+v, want %+v", e, w)
				}
			}
			for _, n := range tt.notWant {
				_, ok := find(got, n)
				assert.False(t, ok, "got %v, want no expansion to %q", got, n)
			}
			for i := 1; i < len(got); i++ {
				a, b := got[i-1], got[i]
				assert.True(t, a.Weight > b.Weight || (a.Weight == b.Weight && a.To < b.To), "order: got %v before %v", a, b)
			}
		})
	}
}

func TestExpandOptions(t *testing.T) {
	g := mustLoad(t, small, "auto.tsv")
	got := g.Expand("冬季续航缩水", Options{Max: 1})
	assert.Len(t, got, 1, "got %v", got)
	got = g.Expand("冬季续航缩水", Options{Synonym: -1, Solves: -1})
	_, ok := find(got, "BTMS")
	assert.False(t, ok, "synonym hop disabled: got %v", got)
	got = g.Expand("冬季续航缩水", Options{MinWeight: 0.5})
	for _, e := range got {
		assert.GreaterOrEqual(t, e.Weight, 0.5, "got %v", e)
	}
	got = g.Expand("冬季续航缩水", Options{Problem: 1})
	e, _ := find(got, "低温电解液")
	assert.Equal(t, 0.8, e.Weight, "got %v", e)
}

func TestOptionsValidate(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
		err  string
	}{
		{"zero", Options{}, ""},
		{"disable", Options{Synonym: -1, MinWeight: -1}, ""},
		{"too big", Options{Problem: 1.5}, "Options.Problem"},
		{"nan", Options{Broader: nan()}, "Options.Broader"},
		{"neg max", Options{Max: -1}, "Options.Max"},
		{"min one", Options{MinWeight: 1}, "Options.MinWeight"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.opt.Validate()
			if tt.err == "" {
				assert.NoError(t, err)
			} else if assert.Error(t, err) {
				assert.Contains(t, err.Error(), tt.err)
			}
		})
	}
}

func nan() float64 { var z float64; return z / z }

func TestFind(t *testing.T) {
	g := mustLoad(t, small, "auto.tsv")
	got := g.Find("用CFRP解决起毛断丝")
	want := []Match{{Term: "CFRP", Start: 3, End: 7}, {Term: "起毛断丝", Start: 13, End: 25}}
	assert.Equal(t, want, got)
}

func TestClassify(t *testing.T) {
	g, err := Default()
	require.NoError(t, err)
	tests := []struct {
		text string
		want techmatch.Industry
		min  float64
	}{
		{"新能源汽车动力电池冬季续航缩水，需要电池热管理和热泵空调方案", techmatch.Auto, 0.5},
		{"五轴联动加工中心加工钛合金时颤振严重，刀具磨损快", techmatch.Equipment, 0.4},
		{"单克隆抗体表达量低，需要优化CHO细胞株构建和灌流培养工艺", techmatch.Biomed, 0.5},
		{"碳纤维起毛断丝，复合材料层间剪切强度低，希望改进上浆剂", techmatch.Materials, 0.5},
		{"高盐废水零排放，蒸发结晶分盐", "environment", 0.5},
		{"盐碱地改良与水肥一体化提高单产", "agriculture", 0.4},
	}
	for _, tt := range tests {
		t.Run(string(tt.want), func(t *testing.T) {
			got := g.Classify(tt.text)
			require.NotEmpty(t, got)
			assert.Equal(t, tt.want, got[0].Industry, "got %+v, want top %s", got, tt.want)
			assert.GreaterOrEqual(t, got[0].Score, tt.min, "got %+v", got[0])
			for _, s := range got {
				assert.True(t, s.Score > 0 && s.Score <= 1, "score out of (0,1]: %+v", s)
			}
		})
	}
	assert.Nil(t, g.Classify("今天天气很好"), "no KB term: want nil")
}

// TestDefaultData is the consistency test over the embedded data.
func TestDefaultData(t *testing.T) {
	g, err := Default()
	require.NoError(t, err, "embedded data must parse cleanly")
	st := g.Stats()
	t.Logf("terms=%d concepts=%d synsets=%d links=%d", st.Terms, st.Concepts, st.SynSets, st.Links)
	for src, s := range st.BySource {
		t.Logf("%s: %+v", src, s)
	}
	assert.GreaterOrEqual(t, st.Links, 3000, "links")
	assert.GreaterOrEqual(t, st.SynSets, 400, "synonym sets")
	for _, ind := range techmatch.KeyIndustries {
		assert.Contains(t, st.BySource, string(ind)+".tsv")
	}
	for _, term := range g.terms {
		assert.NotEmpty(t, term.key)
		assert.False(t, onlyPunct(term.display), "punctuation-only term %q", term.display)
		assert.GreaterOrEqual(t, utf8.RuneCountInString(term.key), 2, "term %q is one rune: too ambiguous", term.display)
		assert.NotEmpty(t, term.industries, "term %q has no industry", term.display)
	}
	// No term in two syn lines: accidental merges of unrelated sets
	// (EMS, SOC, PET…) are the main data bug.
	where := map[string]string{}
	for _, s := range g.stmts {
		assert.True(t, s.w > 0 && s.w <= 1, "%s: weight %v", s.src, s.w)
		if s.kind != stmtSyn {
			continue
		}
		for _, x := range s.a {
			k := Normalize(x)
			if prev, ok := where[k]; ok {
				t.Errorf("%s: term %q already in the synonym set at %s", s.src, x, prev)
			}
			where[k] = s.src
		}
	}
	// Every problem edge's technique is reachable by expansion.
	for _, s := range g.stmts {
		if s.kind != stmtProblem {
			continue
		}
		for _, sym := range s.a {
			got := g.Expand(sym, Options{Max: 1 << 20, MinWeight: -1})
			for _, tech := range s.b {
				if strings.Contains(Normalize(sym), Normalize(tech)) {
					continue
				}
				_, ok := find(got, tech)
				if !ok {
					// The technique may be a synonym of a term in sym.
					c1, _ := g.Canonical(tech)
					ok = g.Synonyms(c1) != nil && containsAny(sym, g.Synonyms(c1))
				}
				assert.True(t, ok, "%s: %q does not expand to %q", s.src, sym, tech)
			}
		}
	}
}

func containsAny(s string, terms []string) bool {
	for _, t := range terms {
		if strings.Contains(Normalize(s), Normalize(t)) {
			return true
		}
	}
	return false
}

func TestLexiconUpToDate(t *testing.T) {
	g, err := Default()
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, g.WriteLexicon(&b))
	if *update {
		require.NoError(t, os.WriteFile(lexiconPath, b.Bytes(), 0o644))
	}
	got, err := os.ReadFile(lexiconPath)
	require.NoError(t, err, "run: go generate ./rank/knowledge (or go test ./rank/knowledge -run Lexicon -update)")
	assert.True(t, bytes.Equal(got, b.Bytes()), "%s is stale: run go generate ./rank/knowledge", lexiconPath)
	for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if !assert.Len(t, f, 3, "lexicon line %q: want term freq tag", line) {
			continue
		}
		want := strconv.Itoa(LexiconFreqShort)
		if utf8.RuneCountInString(f[0]) > LexiconShortRunes {
			want = strconv.Itoa(LexiconFreqPhrase)
		}
		assert.Equal(t, want, f[1], "lexicon line %q: frequency", line)
		assert.Equal(t, LexiconTag, f[2], "lexicon line %q: tag", line)
	}
}

func TestConcurrentUse(t *testing.T) {
	g, err := Default()
	require.NoError(t, err)
	want := g.Expand(needText, Options{})
	done := make(chan []techmatch.Expansion)
	for range 8 {
		go func() { done <- g.Expand(needText, Options{}) }()
	}
	for range 8 {
		assert.Equal(t, want, <-done)
	}
}

const needText = `我公司是一家新能源汽车零部件企业，主要生产动力电池包和电驱总成。目前存在以下问题：` +
	`一是冬季续航缩水明显，低温下电池内阻大、充电慢；二是电池包箱体采用铝合金焊接，焊缝气孔多、焊接变形大；` +
	`三是电机高速啸叫，NVH差；四是复合材料上盖层间剪切强度低。希望寻求电池热管理、激光焊接、` +
	`轻量化及在线监测方面的技术合作，要求技术成熟度较高，可快速产业化。`

func BenchmarkExpand(b *testing.B) {
	g, err := Default()
	require.NoError(b, err)
	b.ReportAllocs()
	b.ReportMetric(float64(utf8.RuneCountInString(needText)), "runes")
	for b.Loop() {
		_ = g.Expand(needText, Options{})
	}
}

func BenchmarkClassify(b *testing.B) {
	g, err := Default()
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		_ = g.Classify(needText)
	}
}

func BenchmarkDefaultBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loadFS(dataFS, "data"); err != nil {
			b.Fatal(err)
		}
	}
}
