package segment

import (
	"testing"
)

// fuzzChunk is the chunk bound of the second segmenter FuzzTokenize runs,
// small so that short inputs cross chunk breaks.
const fuzzChunk = 64

// FuzzTokenize checks Tokenize's contract (see checkTokens) on any text,
// with the default chunk bound and with chunks of fuzzChunk bytes, and
// that jieba is never handed a longer text than the bound. The seed
// corpus (testdata/fuzz/FuzzTokenize) has texts longer than maxJiebaText
// and texts with ASCII tokens and break punctuation around byte 64.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"新能源汽车用碳纤维增强复合材料",
		"Ｔｉ－６Ａｌ－４Ｖ钛合金，ＮＣＭ８１１",
		"304不锈钢 PM2.5 CO2 5G 3D打印 AZ91D 7075-T6",
		"bad\xff\xfeutf8\x00nul",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		small := altSeg(t, fuzzChunk)
		for _, s := range []*Segmenter{seg, small} {
			for _, mode := range []Mode{ModeSearch, ModePrecise, ModeBigram} {
				toks, err := s.Tokenize(text, mode)
				if err != nil {
					t.Fatalf("Tokenize(%q, %v) with chunks of %d: %v", text, mode, s.maxCut, err)
				}
				checkTokens(t, text, toks, mode)
			}
		}
		if got := small.longestCut.Load(); got > fuzzChunk {
			t.Fatalf("jieba was handed %d bytes, more than the bound %d (text %q)", got, fuzzChunk, text)
		}
		if got := seg.longestCut.Load(); got > maxJiebaText {
			t.Fatalf("jieba was handed %d bytes, more than the bound %d", got, maxJiebaText)
		}
	})
}
