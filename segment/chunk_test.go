package segment

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// alt is a second segmenter with seg's configuration whose chunk bound
// (maxCut) tests set as they need; tests using it do not run in parallel.
var alt struct {
	once sync.Once
	s    *Segmenter
	err  error
}

func altSeg(tb testing.TB, maxCut int) *Segmenter {
	tb.Helper()
	alt.once.Do(func() {
		alt.s, alt.err = New(Config{Name: "test-alt", NoLexicon: true, UserDicts: curatedLexicon})
	})
	require.NoError(tb, alt.err)
	alt.s.maxCut = maxCut
	alt.s.longestCut.Store(0)
	return alt.s
}

// testdataTexts returns the titles and descriptions of the bundled
// catalogs (../testdata/*.jsonl), in file order.
func testdataTexts(tb testing.TB) []string {
	tb.Helper()
	paths, err := filepath.Glob("../testdata/*.jsonl")
	require.NoError(tb, err)
	require.NotEmpty(tb, paths, "no ../testdata/*.jsonl")
	var out []string
	for _, p := range paths {
		f, err := os.Open(p)
		require.NoError(tb, err)
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var r struct{ Title, Description string }
			require.NoError(tb, json.Unmarshal(sc.Bytes(), &r), "%s", p)
			out = append(out, r.Title, r.Description)
		}
		require.NoError(tb, sc.Err())
		f.Close()
	}
	return out
}

// joinUpTo concatenates texts (each followed by sep) while the result
// stays at most max bytes.
func joinUpTo(texts []string, sep string, max int) string {
	var b strings.Builder
	for _, t := range texts {
		if b.Len()+len(t)+len(sep) > max {
			break
		}
		b.WriteString(t)
		b.WriteString(sep)
	}
	return b.String()
}

func TestChunkEnd(t *testing.T) {
	// Every rune here is 3 bytes except the ASCII ones.
	tests := []struct {
		name  string
		text  string
		limit int
		runs  []span
		want  int
	}{
		{"last 。 wins over a later ，", "甲乙。丙丁，戊己庚辛", 18, nil, 9},
		{"later 。 wins over an earlier one", "甲。乙。丙丁戊己庚辛", 18, nil, 12},
		{"sentence end beyond the window is not seen", "甲乙丙丁，戊。己庚辛", 18, nil, 15},
		{"！ then ， are level 2, last wins", "甲！乙，丙丁戊己庚辛", 18, nil, 12},
		{"other punctuation", "甲乙、丙丁戊己庚辛", 18, nil, 9},
		{"rune boundary at the limit", "甲乙丙丁戊己庚辛", 10, nil, 9},
		{"never inside an ASCII token", "甲乙ab-12cd丙", 12, []span{{6, 13}}, 6},
		{"'.' inside a token is no break", "甲pm2.5xyz丙丁", 9, []span{{3, 11}}, 3},
		{"token longer than the window: cut inside", "abcdefghijklmnop中", 8, []span{{0, 16}}, 8},
		{"space is level 2", "ab cd,ef中文字", 9, []span{{0, 2}, {3, 5}, {6, 8}}, 3},
		{"from an offset", "甲乙。丙丁。戊己庚辛壬", 12, nil, 18},
		{"not right after a token", "甲乙abc丙丁", 9, []span{{6, 9}}, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := 0
			if tt.name == "from an offset" {
				p = 9
			}
			got := chunkEnd(tt.text, p, tt.limit, tt.runs)
			assert.Equal(t, tt.want, got, "chunkEnd(%q, %d, %d): got %d, want %d", tt.text, p, tt.limit, got, tt.want)
			assert.True(t, utf8.ValidString(tt.text[p:got]), "chunk %q is not whole runes", tt.text[p:got])
		})
	}
}

func TestSafeBreak(t *testing.T) {
	runs := []span{{2, 5}, {8, 9}}
	for b, want := range []bool{true, true, true, false, false, false, true, true, true, false, true} {
		assert.Equal(t, want, safeBreak(runs, b), "safeBreak(%v, %d)", runs, b)
	}
	assert.True(t, safeBreak(nil, 3))
}

// TestChunkedEqualsUnchunked: cutting at the chunk breaks gives the very
// tokens (terms, offsets, positions) and keywords of one jieba call, on
// text made of the bundled catalogs.
func TestChunkedEqualsUnchunked(t *testing.T) {
	texts := testdataTexts(t)
	below := joinUpTo(texts, "", maxJiebaText) // one jieba call for seg
	require.Greater(t, len(below), maxJiebaText-1024)
	whole := strings.Join(texts, "\n") // all the catalogs
	require.Greater(t, len(whole), 8*maxJiebaText)
	require.Less(t, len(whole), maxJiebaCall)

	for _, mode := range []Mode{ModeSearch, ModePrecise, ModeBigram} {
		want, err := seg.Tokenize(below, mode)
		require.NoError(t, err)
		for _, limit := range []int{256, 1000, 4096} {
			s := altSeg(t, limit)
			got, err := s.Tokenize(below, mode)
			require.NoError(t, err)
			assertSameTokens(t, want, got, "%v, %d-byte text, chunks of %d", mode, len(below), limit)
			if mode != ModeBigram {
				assert.LessOrEqual(t, s.longestCut.Load(), int64(limit), "longest text handed to jieba")
				assert.Greater(t, s.longestCut.Load(), int64(limit/2), "chunks are not tiny")
			}
		}
		// The whole catalogs in one call against chunks of maxJiebaText.
		one := altSeg(t, maxJiebaCall)
		want, err = one.Tokenize(whole, mode)
		require.NoError(t, err)
		seg.longestCut.Store(0)
		got, err := seg.Tokenize(whole, mode)
		require.NoError(t, err)
		assertSameTokens(t, want, got, "%v, %d-byte text, chunks of %d", mode, len(whole), maxJiebaText)
		if mode != ModeBigram {
			assert.Equal(t, int64(len(Normalize(whole))), one.longestCut.Load(), "the reference is one jieba call")
			assert.LessOrEqual(t, seg.longestCut.Load(), int64(maxJiebaText))
		}
	}

	want, err := seg.Keywords(below, 20)
	require.NoError(t, err)
	got, err := altSeg(t, 512).Keywords(below, 20)
	require.NoError(t, err)
	assert.Equal(t, want, got, "Keywords with chunks of 512: got %v, want %v", got, want)
}

// assertSameTokens compares token lists, reporting the first difference.
func assertSameTokens(t *testing.T, want, got []Token, msg string, args ...any) {
	t.Helper()
	for i := 0; i < len(want) && i < len(got); i++ {
		if want[i] != got[i] {
			t.Fatalf("%s: token %d: got %+v, want %+v", fmtMsg(msg, args...), i, got[i], want[i])
		}
	}
	require.Equal(t, len(want), len(got), "%s: number of tokens", fmtMsg(msg, args...))
}

func fmtMsg(msg string, args ...any) string { return fmt.Sprintf(msg, args...) }

// TestJiebaNeverSeesMoreThanBound tokenizes a multi-MB text through every
// path that reaches jieba and checks the longest text jieba was handed.
func TestJiebaNeverSeesMoreThanBound(t *testing.T) {
	text := longText(t, 2<<20)
	seg.longestCut.Store(0)
	for _, mode := range []Mode{ModeSearch, ModePrecise} {
		toks, err := seg.Tokenize(text, mode)
		require.NoError(t, err)
		checkTokens(t, text, toks, mode)
		if mode == ModeSearch {
			terms, err := seg.AppendTerms(nil, text, mode)
			require.NoError(t, err)
			require.Len(t, terms, len(toks), "AppendTerms and Tokenize agree")
		}
	}
	kws, err := seg.Keywords(text, 10)
	require.NoError(t, err)
	assert.Len(t, kws, 10)
	stream := (&bleveTokenizer{seg: seg, mode: ModeSearch}).Tokenize([]byte(text))
	assert.NotEmpty(t, stream)
	got := seg.longestCut.Load()
	assert.LessOrEqual(t, got, int64(maxJiebaText), "longest text handed to jieba: got %d bytes, want ≤ %d", got, maxJiebaText)
	assert.Greater(t, got, int64(maxJiebaText/2), "longest text handed to jieba: got %d bytes", got)
}

// longText builds about n bytes of text: the bundled catalogs repeated,
// with a 200 kB Han run without punctuation, a 40 kB ASCII token and
// full-width and invalid bytes between them.
func longText(tb testing.TB, n int) string {
	tb.Helper()
	texts := testdataTexts(tb)
	var b strings.Builder
	b.WriteString(strings.Repeat("碳纤维增强复合材料", 200<<10/27))
	b.WriteString(strings.Repeat("ab", 20<<10))
	b.WriteString("Ｔｉ－６Ａｌ－４Ｖ\xff\n")
	for b.Len() < n {
		for _, t := range texts {
			b.WriteString(t)
		}
	}
	return b.String()
}

// checkTokens asserts Tokenize's contract on text: offsets in range and on
// the term's bytes (text[Start:End] normalises to Term), positions from 1
// and never decreasing.
func checkTokens(tb testing.TB, text string, toks []Token, mode Mode) {
	tb.Helper()
	last := 0
	for i, tok := range toks {
		if tok.Start < 0 || tok.End > len(text) || tok.Start >= tok.End {
			tb.Fatalf("%v token %d %+v: offsets out of range for a %d-byte text", mode, i, tok, len(text))
		}
		if tok.Position < 1 || tok.Position < last {
			tb.Fatalf("%v token %d %+v: position goes from %d to %d", mode, i, tok, last, tok.Position)
		}
		last = tok.Position
		if got := Normalize(text[tok.Start:tok.End]); got != tok.Term {
			tb.Fatalf("%v token %d %+v: text[Start:End] %q normalises to %q, want the term", mode, i, tok, text[tok.Start:tok.End], got)
		}
	}
}

// randomLongText draws n bytes from pieces that stress the chunk breaks:
// lexicon terms, ASCII codes, every kind of break punctuation, long runs
// without any break, full-width forms and invalid bytes.
func randomLongText(r *rand.Rand, lex []string, n int) string {
	pieces := []string{"。", "！", "？", "；", "!", "?", ";", "，", " ", "\n", "、", "：", "（", "）", ".", "-", "\xff",
		"NCM811", "Ti-6Al-4V", "pm2.5", "304不锈钢", "3D打印", "ＧＢ／Ｔ　３０７７", "x射线", "Q235钢", "b超"}
	var b strings.Builder
	for b.Len() < n {
		switch k := r.IntN(20); {
		case k < 10:
			b.WriteString(lex[r.IntN(len(lex))])
		case k < 17:
			b.WriteString(pieces[r.IntN(len(pieces))])
		case k < 18:
			b.WriteString(strings.Repeat(lex[r.IntN(len(lex))], 1+r.IntN(40)))
		case k < 19:
			b.WriteString(strings.Repeat("a1", 1+r.IntN(200)))
		default:
			b.WriteString(strings.Repeat("的", 1+r.IntN(100)))
		}
	}
	return b.String()
}

// TestChunkedTokensProperties: on random long texts cut in small chunks,
// Tokenize keeps its contract and jieba never sees more than the bound.
func TestChunkedTokensProperties(t *testing.T) {
	lex, err := EmbeddedLexicon()
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(7, 11))
	for i := 0; i < 20; i++ {
		limit := 16 + r.IntN(2000)
		s := altSeg(t, limit)
		text := randomLongText(r, lex, 2000+r.IntN(60000))
		for _, mode := range []Mode{ModeSearch, ModePrecise, ModeBigram} {
			toks, err := s.Tokenize(text, mode)
			require.NoError(t, err)
			checkTokens(t, text, toks, mode)
		}
		require.LessOrEqual(t, s.longestCut.Load(), int64(limit), "text %d: longest text handed to jieba", i)
	}
}

// TestLargeTextMemory tokenizes a 50 MB text (behind
// TECHMATCH_SEGMENT_LARGE=1) and logs the process's peak resident memory
// (Linux): jieba's share stays that of one 16 KiB chunk; the rest is the
// text, its normalised copy and the tokens.
func TestLargeTextMemory(t *testing.T) {
	if os.Getenv("TECHMATCH_SEGMENT_LARGE") == "" {
		t.Skip("set TECHMATCH_SEGMENT_LARGE=1 to tokenize 50 MB")
	}
	text := longText(t, 50<<20)
	t.Logf("text: %d bytes; before: %s", len(text), memStatus())
	seg.longestCut.Store(0)
	terms, err := seg.AppendTerms(nil, text, ModeSearch)
	require.NoError(t, err)
	t.Logf("AppendTerms: %d terms; %s", len(terms), memStatus())
	terms = nil
	toks, err := seg.Tokenize(text, ModeSearch)
	require.NoError(t, err)
	t.Logf("Tokenize: %d tokens; %s", len(toks), memStatus())
	assert.LessOrEqual(t, seg.longestCut.Load(), int64(maxJiebaText))
}

// memStatus returns the VmHWM and VmRSS lines of /proc/self/status.
func memStatus() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "(no /proc/self/status)"
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmHWM") || strings.HasPrefix(l, "VmRSS") {
			out = append(out, strings.Join(strings.Fields(l), " "))
		}
	}
	return strings.Join(out, ", ")
}
