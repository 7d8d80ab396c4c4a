package effect

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDefault(t *testing.T) {
	a, err := Default()
	require.NoError(t, err, "the embedded lexicon parses")
	b, err := Default()
	require.NoError(t, err)
	assert.Same(t, a, b, "parsed once, shared")
	props := a.Properties()
	assert.GreaterOrEqual(t, len(props), 80)
	for _, p := range []string{"寿命", "能耗", "噪声", "泄漏", "腐蚀", "变形", "振动", "效率", "温差", "排放", "合格率"} {
		assert.Contains(t, props, p)
	}
	g, ok := a.Polarity("合格率")
	assert.True(t, ok)
	assert.Equal(t, Up, g)
	g, ok = a.Polarity("温度")
	assert.True(t, ok)
	assert.Equal(t, Direction(0), g, "温度 is good either way")
	_, ok = a.Polarity("不存在")
	assert.False(t, ok)
	assert.GreaterOrEqual(t, a.life, int32(0), "寿命 is known, for 半年就穿孔")
}

// TestLexiconSynonyms checks the brief's synonym sets and inverse pairs.
func TestLexiconSynonyms(t *testing.T) {
	a, err := Default()
	require.NoError(t, err)
	tests := []struct {
		word, prop string
		inverse    bool
	}{
		{"使用寿命", "寿命", false}, {"服役寿命", "寿命", false},
		{"耗电", "能耗", false}, {"电耗", "能耗", false}, {"功耗", "能耗", false}, {"耗能", "能耗", false}, {"电费", "能耗", false},
		{"噪音", "噪声", false}, {"啸叫", "噪声", false}, {"异响", "噪声", false}, {"尖叫", "噪声", false},
		{"漏气", "泄漏", false}, {"漏液", "泄漏", false}, {"漏油", "泄漏", false}, {"渗漏", "泄漏", false}, {"气密性", "泄漏", true},
		{"锈蚀", "腐蚀", false}, {"点蚀", "腐蚀", false}, {"穿孔", "腐蚀", false},
		{"翘曲", "变形", false}, {"振纹", "振动", false},
		{"收率", "收率", false}, {"产率", "收率", false},
		{"温升", "温升", false}, {"NOx", "排放", false},
		{"不良率", "合格率", true}, {"废品率", "合格率", true},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			toks := a.scan(tt.word, nil)
			require.Len(t, toks, 1, "%q is one word", tt.word)
			require.Equal(t, cTarget, toks[0].cls)
			e := a.entries[toks[0].ent]
			assert.Equal(t, tt.prop, a.props[e.prop].name, "%q: got %s, want %s", tt.word, a.props[e.prop].name, tt.prop)
			assert.Equal(t, tt.inverse, e.sign < 0)
		})
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, data string
		want       []string // substrings of the error, in order
	}{
		{"unknown kind", "prop x up 1\nfoo x y\n", []string{"t.tsv:2: unknown line kind \"foo\""}},
		{"field count", "prop x up\n", []string{"t.tsv:1: prop wants 3 fields"}},
		{"polarity", "prop x sideways 1\n", []string{"t.tsv:1: polarity \"sideways\""}},
		{"specificity", "prop x up 0\nprop y up NaN\nprop z up 2\n", []string{"t.tsv:1: specificity", "t.tsv:2: specificity", "t.tsv:3: specificity"}},
		{"duplicate property", "prop x up 1\nprop x down 1\n", []string{"t.tsv:2: property \"x\" declared twice"}},
		{"unknown property", "term y a|b\n", []string{"t.tsv:1: unknown property \"y\""}},
		{"duplicate word", "prop x up 1\nterm x a|b\ncue down A\n", []string{"t.tsv:3: word \"A\" already defined at t.tsv:2"}},
		{"defect of a property good when up", "prop x up 1\ndefect x a\n", []string{"t.tsv:2: defect words need a property whose polarity is down"}},
		{"inverse-defect of a property good when down", "prop x down 1\ninverse-defect x a\n", []string{"t.tsv:2: inverse-defect words need"}},
		{"claim direction", "prop x up 1\nclaim x any a\n", []string{"t.tsv:2: claim direction"}},
		{"cue class", "cue sideways a\n", []string{"t.tsv:1: unknown cue class"}},
		{"empty word", "prop x up 1\nterm x a||b\n", []string{"t.tsv:2: word \"\": empty word"}},
		{"long word", "prop x up 1\nterm x " + strings.Repeat("长", 33) + "\n", []string{"t.tsv:2: word", "longer than 32 runes"}},
		{"broader", "prop x up 1\nbroader x x|y\n", []string{"t.tsv:2: \"x\" is broader than itself", "t.tsv:2: unknown property \"y\""}},
		{"related", "prop x up 1\nprop y up 1\nrelated x y both\nrelated x x same\n", []string{"t.tsv:3: related sign", "t.tsv:4: \"x\" is related to itself"}},
		{"invalid UTF-8", "prop x up 1\nterm x \xff\n", []string{"t.tsv:2: invalid UTF-8"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Load(strings.NewReader(tt.data), "t.tsv")
			require.Error(t, err)
			assert.Nil(t, a)
			assert.ErrorIs(t, err, ErrLexicon)
			var le *LexiconError
			assert.True(t, errors.As(err, &le), "a *LexiconError")
			msg := err.Error()
			at := 0
			for _, w := range tt.want {
				i := strings.Index(msg[at:], w)
				require.GreaterOrEqual(t, i, 0, "error %q: want %q after offset %d", msg, w, at)
				at += i + len(w)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	data := "\ufeff# a small lexicon\n" +
		"prop 漏气 down 1\n" +
		"defect 漏气 漏风\n" +
		"inverse 漏气 密封性\n" +
		"prop 缺陷 down 0.5\n" +
		"defect 缺陷 缺陷|瑕疵\n" +
		"broader 缺陷 漏气\n" +
		"cue down 降低|减少\n" +
		"cue high 多\n"
	a, err := Load(strings.NewReader(data), "small.tsv")
	require.NoError(t, err)
	assert.Equal(t, []string{"漏气", "缺陷"}, a.Properties())
	assert.Equal(t, []string{"E 漏气↑"}, render(a.Extract("密封性降低", Achievement)))
	assert.Empty(t, a.Extract("密封性提高", Achievement), "no 提高 in this lexicon")
	got := render(a.Extract("漏风多。减少缺陷", Need))
	assert.Equal(t, []string{"S 漏气↓", "W 缺陷↓"}, got)
	need := a.Extract("漏风多", Need)
	ach := a.Extract("减少缺陷", Achievement)
	assert.Equal(t, []string{"+ 漏气/缺陷 broader"}, renderLinks(a.Answers(need, ach)))
	assert.Equal(t, -1, int(a.life), "no 寿命: no life statements")
	assert.Equal(t, []string{"S 漏气↓"}, render(a.Extract("半年就漏风", Need)))
}
