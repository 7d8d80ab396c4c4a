package intent

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDefaultLexicon(t *testing.T) {
	c, err := Default()
	require.NoError(t, err)
	got := len(c.Terms())
	assert.Greater(t, got, 1500, "terms: got %d, want the full embedded lexicon", got)
	c2, err := Default()
	require.NoError(t, err)
	assert.Same(t, c, c2, "Default builds once")
}

// TestFlagOnlyTermsBlockNothing guards against a flag-only term (a request
// verb, an observation word…) that swallows a content cue inside it, as
// "配方技术" once hid 配方 and 技术. Blockers (null) do that on purpose.
func TestFlagOnlyTermsBlockNothing(t *testing.T) {
	c := mustDefault(t)
	content := map[string]bool{}
	for i, term := range c.terms {
		if c.entries[i].content() {
			content[term] = true
		}
	}
	for i, term := range c.terms {
		e := &c.entries[i]
		if e.content() || e.flags&fNull != 0 {
			continue
		}
		for sub := range content {
			if sub != term && strings.Contains(term, sub) {
				// allowed when the inner cue is itself only part of a longer
				// flag phrase whose meaning is the flag (显示不准: lack)
				if e.flags&(fLack|fNeg|fObsAfter|fObsBefore|fNow|fEarly|fFind) != 0 {
					continue
				}
				t.Errorf("flag-only term %q hides the cue %q", term, sub)
			}
		}
	}
}

var lexLine = regexp.MustCompile(`^lex\.tsv:(\d+): `)

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		wantLine []string // "lex.tsv:N:" prefixes, in order
		wantMsg  []string // substrings
	}{
		{"good", "mon\t检测|监测\nreq\t需要\n# c\n\n", nil, nil},
		{"unknown kind", "mon\t检测\nfoo\t需要\n", []string{"lex.tsv:2:"}, []string{`unknown kind "foo"`}},
		{"one field", "mon 检测\n", []string{"lex.tsv:1:"}, []string{"want 2 TAB-separated fields"}},
		{"three fields", "mon\t检测\textra\n", []string{"lex.tsv:1:"}, []string{"got 3"}},
		{"bad weight", "mon:abc\t检测\n", []string{"lex.tsv:1:"}, []string{`weight "abc"`}},
		{"weight range", "mon:5\t检测\n", []string{"lex.tsv:1:"}, []string{"out of range"}},
		{"zero weight", "mon:0\t检测\n", []string{"lex.tsv:1:"}, []string{"out of range"}},
		{"weight on a flag", "req:0.5\t需要\n", []string{"lex.tsv:1:"}, []string{"takes no weight"}},
		{"empty term", "mon\t检测||监测\n", []string{"lex.tsv:1:"}, []string{"empty"}},
		{"separator in term", "mon\t检，测\n", []string{"lex.tsv:1:"}, []string{"separator"}},
		{"space in term", "mon\t检 测\n", []string{"lex.tsv:1:"}, []string{"separator"}},
		{"too long", "mon\t" + strings.Repeat("检", maxTermRunes+1) + "\n", []string{"lex.tsv:1:"}, []string{"longer than"}},
		{"duplicate kind", "mon\t检测\nmon:0.5\t检测\n", []string{"lex.tsv:2:"}, []string{"already listed for mon on line 1"}},
		{"carrier conflict", "car-hw\t系统\ncar-system\t系统\n", []string{"lex.tsv:2:"}, []string{"conflicts"}},
		{"invalid UTF-8", "mon\t检\xff测\n", []string{"lex.tsv:1:"}, []string{"invalid UTF-8"}},
		{"bad lines keep counting", "mon\t检测\nfoo\tx\nmon:9\t测\nsym\t漏气\n", []string{"lex.tsv:2:", "lex.tsv:3:"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(strings.NewReader(tc.data), "lex.tsv")
			if tc.wantLine == nil {
				require.NoError(t, err)
				require.NotNil(t, c)
				return
			}
			require.Error(t, err)
			assert.Nil(t, c)
			assert.ErrorIs(t, err, ErrLexicon)
			var le *LexiconError
			require.ErrorAs(t, err, &le)
			assert.Equal(t, "lex.tsv", le.File)
			msg := err.Error()
			var got []string
			for _, l := range strings.Split(strings.TrimPrefix(msg, "intent: "), "\n") {
				if m := lexLine.FindStringSubmatch(l); m != nil {
					got = append(got, "lex.tsv:"+m[1]+":")
				}
			}
			assert.Equal(t, tc.wantLine, got, "error lines of %q", msg)
			for _, w := range tc.wantMsg {
				assert.Contains(t, msg, w)
			}
		})
	}
}

func TestLoadFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "extra.tsv")
	require.NoError(t, os.WriteFile(p, []byte("mon\t探伤\ncar-hw\t装置\n"), 0o600))
	c, err := LoadFile(p)
	require.NoError(t, err)
	got := c.Achievement(Text{Title: "超声探伤装置"})
	assert.Equal(t, RoleMonitoring, got.Kind, "got %v", got)

	_, err = LoadFile(filepath.Join(dir, "missing.tsv"))
	assert.ErrorIs(t, err, os.ErrNotExist)

	require.NoError(t, os.WriteFile(p, []byte("mon\t探伤\nbad\n"), 0o600))
	_, err = LoadFile(p)
	assert.ErrorIs(t, err, ErrLexicon)
	assert.Contains(t, err.Error(), p+":2:")
}

// TestLoadLongLine checks that a line over the scanner's limit is an error
// naming the line, not a panic or a silent cut.
func TestLoadLongLine(t *testing.T) {
	data := "mon\t检测\nmon\t" + strings.Repeat("检测|", maxLexiconLine/4) + "测\n"
	_, err := Load(strings.NewReader(data), "lex.tsv")
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrLexicon)
	assert.Contains(t, err.Error(), "lex.tsv:2: read")
}

func TestScanBoundaries(t *testing.T) {
	c, err := Load(strings.NewReader("info\tmes\nmon\t检测\nnull\t检测级\n"), "lex.tsv")
	require.NoError(t, err)
	tests := []struct {
		text string
		want []string
	}{
		{"MES系统", []string{"MES"}},
		{"ＭＥＳ系统", []string{"ＭＥＳ"}}, // full-width folds
		{"homes系统", nil},           // ASCII word boundary
		{"MES2", nil},
		{"x MES y", []string{"MES"}},
		{"检测级试剂检测", []string{"检测级", "检测"}}, // longest match blocks the shorter
		{"检\xff测", nil},                    // invalid UTF-8 breaks a match
	}
	for _, tc := range tests {
		var got []string
		for _, h := range c.scan(tc.text, nil) {
			require.True(t, onBoundary(tc.text, int(h.start)) && onBoundary(tc.text, int(h.end)))
			got = append(got, tc.text[h.start:h.end])
		}
		assert.Equal(t, tc.want, got, "scan(%q)", tc.text)
	}
}

func TestLexiconErrorUnwrap(t *testing.T) {
	cause := errors.New("boom")
	e := &LexiconError{File: "f", Line: 3, Msg: "read", Err: cause}
	assert.ErrorIs(t, e, cause)
	assert.ErrorIs(t, e, ErrLexicon)
	assert.Equal(t, "f:3: read: boom", e.Error())
}
