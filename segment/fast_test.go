package segment

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Tests of the fast paths: each is checked against the plain definition
// it replaces.

func TestDirectCutMatchesGojieba(t *testing.T) {
	require.NotNil(t, seg.ch, "the direct C call is not in use: gojieba.Jieba's layout or words differ (see cjieba.go)")
	texts := append(benchCorpus(t)[:300], probeTexts...)
	texts = append(texts, " ", "，。", "a中b", "ｂ超检查", "\u3000全角空格\u3000")
	var got []span
	var buf []byte
	for i, text := range texts {
		norm := Normalize(text)
		for _, search := range []bool{false, true} {
			var err error
			got, buf, err = cutC(seg.jb, seg.ch, norm, search, seg.hmm, got[:0], buf)
			require.NoError(t, err)
			want, err := cutWrapper(seg.jb, norm, search, seg.hmm, nil)
			require.NoError(t, err)
			if len(want) == 0 {
				want = nil
			}
			var g []span
			if len(got) > 0 {
				g = got
			}
			require.Equal(t, want, g, "text %d %q search=%v: got (direct) vs want (gojieba.Tokenize)", i, text, search)
		}
	}
}

func TestDirectCutRejectsNUL(t *testing.T) {
	_, _, err := cutC(seg.jb, seg.ch, "中\x00文", true, true, nil, nil)
	require.Error(t, err, "got no error for a text with NUL, want one (C would truncate it)")
	assert.Contains(t, err.Error(), "offset 3", "got %q, want the NUL's offset", err)
	// Tokenize never passes a NUL: Normalize turns it into a space.
	toks, err := seg.Tokenize("中\x00文", ModeSearch)
	require.NoError(t, err)
	assert.NotEmpty(t, toks, "got no tokens for 中\\x00文")
}

func TestDecodeRuneMatchesUTF8(t *testing.T) {
	tests := []string{"", "a", "中", "中文", "\xe4\xb8", "\xed\xa0\x80", "\xe0\x80\x80", "\xef\xbf\xbf", "\xf0\x9f\x98\x80", "\xc3\xa9", "\xff", "\x80\x80\x80"}
	for _, s := range tests {
		gr, gn := decodeRune(s)
		wr, wn := utf8.DecodeRuneInString(s)
		assert.Equal(t, [2]int{int(wr), wn}, [2]int{int(gr), gn}, "decodeRune(%q): got %U/%d, want %U/%d", s, gr, gn, wr, wn)
	}
	// Every 3-byte string with a lead byte in E0–EF.
	b := []byte{0, 0, 0}
	for c := 0xE0; c <= 0xEF; c++ {
		for x := 0; x < 256; x++ {
			for y := 0; y < 256; y++ {
				b[0], b[1], b[2] = byte(c), byte(x), byte(y)
				gr, gn := decodeRune(string(b))
				wr, wn := utf8.DecodeRuneInString(string(b))
				if gr != wr || gn != wn {
					t.Fatalf("decodeRune(% x): got %U/%d, want %U/%d", b, gr, gn, wr, wn)
				}
			}
		}
	}
}

func TestWordRunesTable(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := (0x4E00 <= r && r <= 0x9FFF) || unicode.IsLetter(r) || unicode.IsNumber(r)
		if got := isWordRune(r); got != want {
			t.Fatalf("isWordRune(%U): got %v, want %v", r, got, want)
		}
	}
}

func TestCJKFastPathAgreesWithMapRune(t *testing.T) {
	var buf [4]byte
	for r := rune(0x3000); r <= 0x9FFF; r++ {
		n := utf8.EncodeRune(buf[:], r)
		text := string(buf[:n])
		got := cjkUnchanged(text, 0)
		want := mapRune(r, n) == r
		if got && !want {
			t.Fatalf("cjkUnchanged(%U): got true, but mapRune changes it to %U", r, mapRune(r, n))
		}
		if got != (r != 0x3000) {
			t.Fatalf("cjkUnchanged(%U): got %v, want %v", r, got, r != 0x3000)
		}
	}
}

func TestFirstChange(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"", -1},
		{"abc 中文，。", -1},
		{"中文Abc", 6},
		{"中\u3000文", 3},
		{"中文ｂ", 6},
		{"中文\xe4\xb8", 6}, // truncated sequence: invalid bytes become ' '
		{"中\x00", 3},
		{"中文\u2010", 6},
	}
	for _, tt := range tests {
		got := firstChange(tt.text)
		assert.Equal(t, tt.want, got, "firstChange(%q): got %d, want %d", tt.text, got, tt.want)
		// Consistent with Normalize: unchanged exactly when -1, and the
		// prefix before the first change is kept.
		norm := Normalize(tt.text)
		assert.Equal(t, tt.want < 0, norm == tt.text, "Normalize(%q) = %q: got unchanged=%v, want %v", tt.text, norm, norm == tt.text, tt.want < 0)
		if tt.want > 0 {
			assert.Equal(t, tt.text[:tt.want], norm[:tt.want], "prefix of Normalize(%q)", tt.text)
		}
	}
}

func TestStopTermMatchesMap(t *testing.T) {
	s, err := New(Config{NoLexicon: true, StopWords: []string{"𠀀", "𠀀𠀁", "测a试", "z"}})
	require.NoError(t, err)
	defer s.Close()
	terms := []string{"𠀀", "𠀀𠀁", "𠀁", "测a试", "测试", "z", "的", "我们", "我国", "技术", "a", "the", "和", "以及", "以上", ""}
	for w := range s.stop {
		terms = append(terms, w)
	}
	for _, d := range benchCorpus(t)[:200] {
		terms, _ = s.AppendTerms(terms, d, ModeBigram)
	}
	for _, w := range terms {
		_, want := s.stop[w]
		got := s.stopTerm(w)
		if got != want {
			t.Fatalf("stopTerm(%q): got %v, want %v (map)", w, got, want)
		}
	}
}

func TestAppendOutsideMatchesByteScan(t *testing.T) {
	// Reference: the byte-by-byte scan appendOutside replaces.
	ref := func(norm string, w span, runs []span) []span {
		in := func(x int) bool {
			for _, r := range runs {
				if r.s <= x && x < r.e {
					return true
				}
			}
			return false
		}
		var out []span
		for st := w.s; st < w.e; {
			en := st
			for en < w.e && !in(en) {
				en++
			}
			if en > st && hasWordRune(norm[st:en]) {
				out = append(out, span{st, en})
			}
			for en < w.e && in(en) {
				en++
			}
			st = en
		}
		return out
	}
	rng := rand.New(rand.NewPCG(3, 4))
	norm := "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz"
	for iter := 0; iter < 2000; iter++ {
		var runs []span
		for x := rng.IntN(4); x < len(norm); {
			e := x + 1 + rng.IntN(6)
			if e > len(norm) {
				e = len(norm)
			}
			runs = append(runs, span{x, e})
			x = e + 1 + rng.IntN(6)
		}
		ws := rng.IntN(len(norm) - 1)
		w := span{ws, ws + 1 + rng.IntN(len(norm)-ws)}
		first := 0
		for first < len(runs) && runs[first].e <= w.s {
			first++
		}
		want := ref(norm, w, runs)
		if first == len(runs) || runs[first].s >= w.e {
			continue // not overlapping: cutWords does not call it
		}
		got, par := appendOutside(nil, nil, norm, w, runs[first:])
		require.Equal(t, want, got, fmt.Sprintf("word %v runs %v: got vs want", w, runs))
		assert.Len(t, par, len(got))
	}
}

func TestAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items under the race detector")
	}
	bt := &bleveTokenizer{seg: seg, mode: ModeSearch}
	tests := []struct {
		name string
		fn   func()
		max  float64
	}{
		{"Tokenize, normalised text", func() {
			_, _ = seg.Tokenize("碳纤维增强复合材料汽车车身轻量化技术，304不锈钢", ModeSearch)
		}, 1},
		{"Tokenize, text to normalise", func() { _, _ = seg.Tokenize("Ti-6Al-4V钛合金３Ｄ打印骨科植入物", ModeSearch) }, 2},
		{"bleve tokenizer, normalised text", func() { _ = bt.Tokenize([]byte("碳纤维增强复合材料汽车车身轻量化技术")) }, 4}, // + the []byte conversion
		{"bleve tokenizer, text to normalise", func() { _ = bt.Tokenize([]byte("Ti-6Al-4V钛合金３Ｄ打印骨科植入物")) }, 5},
	}
	for _, tt := range tests {
		tt.fn() // warm the pool
		got := testing.AllocsPerRun(200, tt.fn)
		assert.LessOrEqual(t, got, tt.max, "%s: got %.1f allocations per call, want at most %.0f", tt.name, got, tt.max)
	}
}

func TestBleveTokenizeMatchesTokenize(t *testing.T) {
	bt := &bleveTokenizer{seg: seg, mode: ModeSearch}
	for i, d := range append(benchCorpus(t)[:100], "", "，。", "ＧＢ／Ｔ　３０７７标准") {
		want, err := seg.Tokenize(d, ModeSearch)
		require.NoError(t, err)
		got := bt.Tokenize([]byte(d))
		require.Len(t, got, len(want), "doc %d: got %d bleve tokens, want %d", i, len(got), len(want))
		for k, tok := range got {
			w := want[k]
			assert.Equal(t, analysis.Token{Start: w.Start, End: w.End, Term: []byte(w.Term), Position: w.Position, Type: tokenType(w.Term)}, *tok, "doc %d token %d", i, k)
		}
	}
}
