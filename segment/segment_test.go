package segment

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tk is a compact Token literal for tables.
func tk(term string, start, end, pos int) Token {
	return Token{Term: term, Start: start, End: end, Position: pos}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		text string
		mode Mode
		want []Token
	}{
		{"lexicon terms stay whole", "新能源汽车轻量化，碳纤维增强复合材料，单克隆抗体", ModePrecise, []Token{
			tk("新能源汽车", 0, 15, 1), tk("轻量化", 15, 24, 2), tk("碳纤维增强复合材料", 27, 54, 3), tk("单克隆抗体", 57, 72, 4),
		}},
		{"search sub-tokens share the position", "新能源汽车，碳纤维增强复合材料", ModeSearch, []Token{
			tk("新能源汽车", 0, 15, 1), tk("新能源", 0, 9, 1), tk("能源", 3, 9, 1), tk("汽车", 9, 15, 1),
			tk("碳纤维增强复合材料", 18, 45, 2), tk("碳纤维", 18, 27, 2), tk("纤维", 21, 27, 2), tk("增强", 27, 33, 2),
			tk("复合", 33, 39, 2), tk("复合材料", 33, 45, 2), tk("材料", 39, 45, 2),
		}},
		{"full-width input, offsets into the original bytes", "Ｔｉ－６Ａｌ－４Ｖ钛合金用于ＮＣＭ８１１电池", ModePrecise, []Token{
			tk("ti-6al-4v", 0, 27, 1), tk("钛合金", 27, 36, 2), tk("用于", 36, 42, 3), tk("ncm811", 42, 60, 4), tk("电池", 60, 66, 5),
		}},
		{"full-width input, search parts", "Ｔｉ－６Ａｌ－４Ｖ钛合金", ModeSearch, []Token{
			tk("ti-6al-4v", 0, 27, 1), tk("ti", 0, 6, 1), tk("6al", 9, 18, 1), tk("4v", 21, 27, 1),
			tk("钛合金", 27, 36, 2), tk("合金", 30, 36, 2),
		}},
		{"compounds, stop words leave gaps", "采用3D打印与激光熔覆修复304不锈钢阀体", ModePrecise, []Token{
			tk("3d打印", 6, 14, 2), tk("激光熔覆", 17, 29, 4), tk("修复", 29, 35, 5), tk("304不锈钢", 35, 47, 6), tk("阀体", 47, 53, 7),
		}},
		{"compounds emit their parts in search mode", "3D打印修复304不锈钢", ModeSearch, []Token{
			tk("3d打印", 0, 8, 1), tk("3d", 0, 2, 1), tk("打印", 2, 8, 1), tk("修复", 8, 14, 2),
			tk("304不锈钢", 14, 26, 3), tk("304", 14, 17, 3), tk("不锈钢", 17, 26, 3), tk("不锈", 17, 23, 3),
		}},
		{"mixed ASCII technical tokens", "PM2.5和CO2在线监测，5G网络", ModePrecise, []Token{
			tk("pm2.5", 0, 5, 1), tk("co2", 8, 11, 3), tk("在线监测", 11, 23, 4), tk("5g网络", 26, 34, 5),
		}},
		{"grades and tempers", "AZ91D镁合金与7075-T6铝合金的疲劳性能", ModeSearch, []Token{
			tk("az91d", 0, 5, 1), tk("镁合金", 5, 14, 2), tk("合金", 8, 14, 2),
			tk("7075-t6铝合金", 17, 33, 4), tk("7075-t6", 17, 24, 4), tk("7075", 17, 21, 4), tk("t6", 22, 24, 4),
			tk("铝合金", 24, 33, 4), tk("合金", 27, 33, 4), tk("疲劳性能", 36, 48, 6), tk("疲劳", 36, 42, 6), tk("性能", 42, 48, 6),
		}},
		{"units do not form compounds", "预算10万元", ModePrecise, []Token{
			tk("预算", 0, 6, 1), tk("10", 6, 8, 2), tk("万元", 8, 14, 3),
		}},
		{"pure ASCII skips jieba", "Lithium-ion NCM811 cathode", ModeSearch, []Token{
			tk("lithium-ion", 0, 11, 1), tk("lithium", 0, 7, 1), tk("ion", 8, 11, 1), tk("ncm811", 12, 18, 2), tk("cathode", 19, 26, 3),
		}},
		{"bigrams", "激光熔覆Ｘ射线，钢", ModeBigram, []Token{
			tk("激光", 0, 6, 1), tk("光熔", 3, 9, 2), tk("熔覆", 6, 12, 3), tk("x", 12, 15, 4), tk("射线", 15, 21, 5), tk("钢", 24, 27, 6),
		}},
		{"empty", "", ModeSearch, []Token{}},
		{"only punctuation", "，。！？  ...", ModePrecise, []Token{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := seg.Tokenize(tt.text, tt.mode)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got, "Tokenize(%q, %v): got %v, want %v", tt.text, tt.mode, got, tt.want)
			terms, err := seg.AppendTerms(nil, tt.text, tt.mode)
			require.NoError(t, err)
			wantTerms := make([]string, len(tt.want))
			for i, w := range tt.want {
				wantTerms[i] = w.Term
			}
			if len(terms) == 0 {
				terms = []string{}
			}
			assert.Equal(t, wantTerms, terms, "AppendTerms: got %v, want %v", terms, wantTerms)
		})
	}
}

// TestTechnicalTokensWhole checks the general ASCII mechanism in context.
func TestTechnicalTokensWhole(t *testing.T) {
	tests := []struct{ text, want string }{
		{"高镍NCM811正极材料", "ncm811"},
		{"医用Ti-6Al-4V植入物", "ti-6al-4v"},
		{"采用304不锈钢制造", "304不锈钢"},
		{"基于5G的远程控制", "5g"},
		{"CO2捕集与封存", "co2"},
		{"室内PM2.5净化", "pm2.5"},
		{"金属3D打印技术", "3d打印"},
		{"AZ91D压铸件", "az91d"},
		{"7075-T6的板材", "7075-t6"},
		{"LiFePO4/C复合正极", "lifepo4/c"},
		{"Q235钢焊接", "q235钢"},
	}
	for _, tt := range tests {
		for _, mode := range []Mode{ModePrecise, ModeSearch} {
			got, err := seg.AppendTerms(nil, tt.text, mode)
			require.NoError(t, err)
			assert.Contains(t, got, tt.want, "%v terms of %q: got %v, want to contain %q", mode, tt.text, got, tt.want)
		}
	}
}

func TestLexiconTermsWhole(t *testing.T) {
	terms := []string{"新能源汽车", "轻量化", "碳纤维增强复合材料", "单克隆抗体", "数控机床", "激光熔覆",
		"一体化压铸", "固态电池", "高温合金", "体外诊断", "工业机器人", "增材制造", "抗体药物偶联物"}
	for _, term := range terms {
		text := "本项目研究" + term + "的关键技术"
		got, err := seg.AppendTerms(nil, text, ModePrecise)
		require.NoError(t, err)
		assert.Contains(t, got, term, "precise terms of %q: got %v, want to contain %q", text, got, term)
		assert.True(t, seg.InLexicon(term), "InLexicon(%q): got false, want true", term)
	}
}

func TestLexiconSize(t *testing.T) {
	curated := map[string]bool{}
	for _, p := range curatedLexicon {
		f, err := os.Open(p)
		require.NoError(t, err)
		es, err := readLexicon(p, f, nil)
		f.Close()
		require.NoError(t, err)
		for _, e := range es {
			curated[e.term] = true
		}
	}
	assert.GreaterOrEqual(t, len(curated), 800, "distinct curated lexicon terms: got %d, want ≥ 800", len(curated))
	assert.Equal(t, len(curated), seg.LexiconSize(), "LexiconSize: got %d, want %d", seg.LexiconSize(), len(curated))

	// The embedded lexicon holds every dict/lexicon*.txt file, including
	// the generated knowledge terms when present.
	all, err := EmbeddedLexicon()
	require.NoError(t, err)
	embedded := map[string]bool{}
	for _, term := range all {
		embedded[term] = true
	}
	for term := range curated {
		require.True(t, embedded[term], "curated term %q missing from the embedded lexicon", term)
	}
}

// TestDefaultKeepsLexiconTermsWhole runs the full embedded lexicon (with
// whatever the generated knowledge file adds).
func TestDefaultKeepsLexiconTermsWhole(t *testing.T) {
	d, err := Default()
	require.NoError(t, err)
	for _, term := range []string{"新能源汽车", "碳纤维增强复合材料", "单克隆抗体", "数控机床", "激光熔覆", "304不锈钢", "3d打印"} {
		text := "本项目研究" + term + "的关键技术"
		got, err := d.AppendTerms(nil, text, ModePrecise)
		require.NoError(t, err)
		assert.Contains(t, got, term, "Default precise terms of %q: got %v, want to contain %q", text, got, term)
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"abc 中文", "abc 中文"},
		{"ＡＢＣ１２３", "abc123"},
		{"Ｔｉ－６Ａｌ－４Ｖ", "ti-6al-4v"},
		{"全角　空格", "全角 空格"},
		{"NCM811", "ncm811"},
		{"Ti‐6Al–4V", "ti-6al-4v"},
		{"a\x00b\tc\n", "a b c "},
		{"bad\xffbyte", "bad byte"},
		{"ΑΒΓ", "αβγ"},
		{"（括号）！，。", "（括号）！，。"},
		{"ＧＢ／Ｔ　３０７７％", "gb/t 3077%"},
	}
	for _, tt := range tests {
		got := Normalize(tt.in)
		assert.Equal(t, tt.want, got, "Normalize(%q): got %q, want %q", tt.in, got, tt.want)
	}
}

func TestNormalizeNoAllocWhenUnchanged(t *testing.T) {
	text := "新能源汽车轻量化技术 ncm811 ti-6al-4v"
	allocs := testing.AllocsPerRun(100, func() { _ = Normalize(text) })
	assert.Equal(t, 0.0, allocs, "Normalize allocations on normalised text: got %v, want 0", allocs)
}

func TestStopAndBoilerplate(t *testing.T) {
	tests := []struct {
		term       string
		stop, boil bool
	}{
		{"的", true, false},
		{"，", true, false},
		{" ", true, false},
		{"The", true, false},
		{"我公司", false, true},
		{"急需", false, true},
		{"寻求合作", false, true},
		{"欢迎洽谈", false, true},
		{"有意者", false, true},
		{"现面向社会", false, true},
		{"技术需求", false, true},
		{"解决", false, true},
		{"问题", false, true},
		{"碳纤维", false, false},
		{"NCM811", false, false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.stop, seg.IsStop(tt.term), "IsStop(%q): got %v, want %v", tt.term, seg.IsStop(tt.term), tt.stop)
		assert.Equal(t, tt.boil, seg.IsBoilerplate(tt.term), "IsBoilerplate(%q): got %v, want %v", tt.term, seg.IsBoilerplate(tt.term), tt.boil)
	}
}

func TestKeywords(t *testing.T) {
	text := "我公司急需解决新能源汽车电池包轻量化问题，寻求碳纤维增强复合材料技术合作，" +
		"碳纤维增强复合材料需满足电池包强度要求。有意者欢迎洽谈，联系电话13800000000。"
	got, err := seg.Keywords(text, 5)
	require.NoError(t, err)
	require.Len(t, got, 5, "Keywords(k=5): got %v", got)
	top2 := []string{got[0].Term, got[1].Term}
	assert.ElementsMatch(t, []string{"碳纤维增强复合材料", "电池包"}, top2, "top keywords (tf 2 each): got %v", got)
	terms := map[string]bool{}
	for i, k := range got {
		terms[k.Term] = true
		assert.False(t, seg.IsStop(k.Term) || seg.IsBoilerplate(k.Term), "keyword %q is stop/boilerplate", k.Term)
		if i > 0 {
			assert.GreaterOrEqual(t, got[i-1].Weight, k.Weight, "weights not descending: %v", got)
		}
	}
	for _, want := range []string{"新能源汽车", "轻量化"} {
		assert.True(t, terms[want], "Keywords: got %v, want to contain %q", got, want)
	}
	all, err := seg.Keywords(text, 0)
	require.NoError(t, err)
	assert.Greater(t, len(all), 5, "Keywords(k=0) returns all: got %d", len(all))
	none, err := seg.Keywords("", 3)
	require.NoError(t, err)
	assert.Empty(t, none, "Keywords of empty text: got %v", none)
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		wantErr string
	}{
		{"zero", Config{}, ""},
		{"reserved name", Config{Name: "default"}, "reserved"},
		{"space in name", Config{Name: "a b"}, "white space"},
		{"empty user dict", Config{UserDicts: []string{" "}}, "UserDicts[0]"},
		{"bad extra word", Config{ExtraWords: []string{"ok", "a b c d"}}, "ExtraWords[1]"},
		{"bad freq", Config{ExtraWords: []string{"词 x n"}}, "not an integer"},
		{"empty stop word", Config{StopWords: []string{""}}, "StopWords[0]"},
		{"good extra words", Config{ExtraWords: []string{"氢燃料 100 n", "钠电池", "# comment only"}}, "ExtraWords[2]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			if tt.wantErr == "" {
				assert.NoError(t, err, "Validate: got %v, want nil", err)
				return
			}
			require.Error(t, err, "Validate: got nil, want error containing %q", tt.wantErr)
			assert.Contains(t, err.Error(), tt.wantErr, "Validate: got %v", err)
		})
	}
}

func TestParseLexiconLine(t *testing.T) {
	tests := []struct {
		line    string
		want    lexEntry
		ok      bool
		wantErr bool
	}{
		{"新能源汽车", lexEntry{"新能源汽车", DefaultLexiconFreq, "n"}, true, false},
		{"钠电池 500", lexEntry{"钠电池", 500, "n"}, true, false},
		{"钠电池 500 nz # comment", lexEntry{"钠电池", 500, "nz"}, true, false},
		{"ＣＴ扫描 vn", lexEntry{"ct扫描", DefaultLexiconFreq, "vn"}, true, false},
		{"c# 10", lexEntry{"c#", 10, "n"}, true, false},
		{"   # only a comment", lexEntry{}, false, false},
		{"", lexEntry{}, false, false},
		{"词 0", lexEntry{}, false, true},
		{"词 x y", lexEntry{}, false, true},
		{"，，", lexEntry{}, false, true},
	}
	for _, tt := range tests {
		got, ok, err := parseLexiconLine(tt.line)
		if tt.wantErr {
			assert.Error(t, err, "parseLexiconLine(%q): got nil error", tt.line)
			continue
		}
		require.NoError(t, err, "parseLexiconLine(%q)", tt.line)
		assert.Equal(t, tt.ok, ok, "parseLexiconLine(%q) ok: got %v, want %v", tt.line, ok, tt.ok)
		if ok {
			assert.Equal(t, tt.want, got, "parseLexiconLine(%q): got %+v, want %+v", tt.line, got, tt.want)
		}
	}
}

func TestUserDictErrorNamesFileAndLine(t *testing.T) {
	p := filepath.Join(t.TempDir(), "user.txt")
	require.NoError(t, os.WriteFile(p, []byte("# header\n好词\n坏 词 x y\n"), 0o644))
	_, err := New(Config{UserDicts: []string{p}, NoLexicon: true})
	require.Error(t, err)
	assert.Contains(t, err.Error(), p+":3", "error: got %v, want file:line", err)

	_, err = New(Config{UserDicts: []string{filepath.Join(t.TempDir(), "missing.txt")}})
	require.Error(t, err)
	assert.ErrorIs(t, err, os.ErrNotExist, "missing user dict: got %v", err)
}

// copyDicts makes a dictionary directory with the embedded files, except
// skip (missing) and empty (zero length).
func copyDicts(t *testing.T, skip, empty string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range dictFiles {
		if f == skip {
			continue
		}
		var b []byte
		if f != empty {
			b = bundled(t, f)
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), b, 0o644))
	}
	return dir
}

func TestMissingDictionaryIsAnError(t *testing.T) {
	tests := []struct {
		name        string
		skip, empty string
		wantSub     string
	}{
		{"missing main dict", "jieba.dict.utf8", "", "jieba.dict.utf8"},
		{"missing hmm", "hmm_model.utf8", "", "hmm_model.utf8"},
		{"missing idf", "idf.utf8", "", "idf.utf8"},
		{"empty stop words", "", "stop_words.utf8", "empty file"},
		{"empty user dict", "", "user.dict.utf8", "user.dict.utf8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyDicts(t, tt.skip, tt.empty)
			s, err := New(Config{DictDir: dir})
			require.Error(t, err, "New with %s: got nil error", tt.name)
			assert.Nil(t, s)
			assert.Contains(t, err.Error(), dir, "error names the path: got %v", err)
			assert.Contains(t, err.Error(), tt.wantSub, "error: got %v, want %q", err, tt.wantSub)
		})
	}
	t.Run("complete copy", func(t *testing.T) {
		dir := copyDicts(t, "", "")
		assertSegmenterFrom(t, Config{DictDir: dir, NoLexicon: true}, dir)
	})
	t.Run("env variable", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "nowhere")
		t.Setenv(EnvDictDir, dir)
		_, err := New(Config{})
		require.Error(t, err)
		assert.Contains(t, err.Error(), dir, "error names the env dir: got %v", err)
	})
}

func TestDefaultIsSharedAndCloseIsNoop(t *testing.T) {
	d1, err := Default()
	require.NoError(t, err)
	d2, err := Default()
	require.NoError(t, err)
	assert.Same(t, d1, d2, "Default returns one segmenter")
	assert.Equal(t, DefaultName, d1.Name())
	require.NoError(t, d1.Close())
	got, err := d2.AppendTerms(nil, "数控机床", ModePrecise)
	require.NoError(t, err, "Default after Close")
	assert.Equal(t, []string{"数控机床"}, got)
}

// TestCloseRacesTokenize closes a segmenter while goroutines cut with it:
// every call returns either terms or ErrClosed, never crashes (run -race).
func TestCloseRacesTokenize(t *testing.T) {
	s, err := New(Config{Name: "close-race", ExtraWords: []string{"超声滚压强化 500 vn"}, StopWords: []string{"研究"},
		Boilerplate: []string{"揭榜单位"}, NoHMM: true})
	require.NoError(t, err)
	_, err = New(Config{Name: "close-race"})
	assert.Error(t, err, "second New with the same name: got nil error")

	// Config plumbing: extra words stay whole, extra stop words go.
	got, err := s.AppendTerms(nil, "研究超声滚压强化工艺", ModePrecise)
	require.NoError(t, err)
	assert.Equal(t, []string{"超声滚压强化", "工艺"}, got, "terms with ExtraWords/StopWords: got %v", got)
	assert.True(t, s.IsBoilerplate("揭榜单位"), "Config.Boilerplate not applied")
	assert.True(t, s.IsStop("研究"), "Config.StopWords not applied")
	assert.False(t, seg.IsStop("研究"), "StopWords leaked into another segmenter")

	text := strings.Repeat("新能源汽车用碳纤维增强复合材料与Ti-6Al-4V钛合金，", 20)
	var wg sync.WaitGroup
	start := make(chan struct{})
	errs := make(chan error, 64)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			<-start
			for i := 0; i < 30; i++ {
				var err error
				switch (g + i) % 4 {
				case 0:
					_, err = s.Tokenize(text, ModeSearch)
				case 1:
					_, err = s.AppendTerms(nil, text, ModePrecise)
				case 2:
					_, err = s.Tokenize(text, ModeBigram)
				case 3:
					_, err = s.Keywords(text, 3)
				}
				if err != nil && !errors.Is(err, ErrClosed) {
					errs <- err
					return
				}
			}
		}(g)
	}
	close(start)
	require.NoError(t, s.Close())
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("unexpected error: %v", err)
	}
	require.NoError(t, s.Close(), "second Close")

	_, err = s.Tokenize("数控机床", ModeSearch)
	assert.ErrorIs(t, err, ErrClosed, "Tokenize after Close")
	_, err = s.AppendTerms(nil, "数控机床", ModeBigram)
	assert.ErrorIs(t, err, ErrClosed, "AppendTerms after Close")
	_, err = s.Keywords("数控机床", 1)
	assert.ErrorIs(t, err, ErrClosed, "Keywords after Close")
	assert.Nil(t, lookup("close-race"), "closed segmenter is unregistered")
	assert.ErrorIs(t, s.AddAnalyzers(mapping.NewIndexMapping()), ErrClosed, "AddAnalyzers after Close")

	// A bleve tokenizer bound to the closed segmenter falls back to Default.
	bt := &bleveTokenizer{seg: s, mode: ModePrecise}
	var terms []string
	for _, tok := range bt.Tokenize([]byte("数控机床")) {
		terms = append(terms, string(tok.Term))
	}
	assert.Equal(t, []string{"数控机床"}, terms, "closed-segmenter tokenizer terms: got %v", terms)
}

func TestModeStrings(t *testing.T) {
	for _, m := range []Mode{ModeSearch, ModePrecise, ModeBigram} {
		got, err := ParseMode(m.String())
		require.NoError(t, err)
		assert.Equal(t, m, got, "ParseMode(%q): got %v, want %v", m.String(), got, m)
	}
	_, err := ParseMode("fast")
	assert.Error(t, err)
	_, err = seg.Tokenize("x", Mode(42))
	assert.Error(t, err, "unknown mode: got nil error")
}
