package segment

import (
	"strings"
	"testing"
	"unicode/utf8"
)

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
		for _, mode := range []Mode{ModeSearch, ModePrecise, ModeBigram} {
			toks, err := seg.Tokenize(text, mode)
			if err != nil {
				t.Fatalf("Tokenize(%q, %v): %v", text, mode, err)
			}
			last := 0
			for _, tok := range toks {
				if tok.Start < 0 || tok.End > len(text) || tok.Start >= tok.End {
					t.Fatalf("%v token %+v out of bounds for len %d (text %q)", mode, tok, len(text), text)
				}
				if tok.Position < 1 || tok.Position < last {
					t.Fatalf("%v token %+v: position goes from %d to %d", mode, tok, last, tok.Position)
				}
				last = tok.Position
				if tok.Term == "" || !utf8.ValidString(tok.Term) {
					t.Fatalf("%v token %+v: empty or invalid term", mode, tok)
				}
				if got := Normalize(text[tok.Start:tok.End]); !strings.Contains(got, tok.Term) {
					t.Fatalf("%v token %+v: text[Start:End] normalises to %q, want it to contain the term", mode, tok, got)
				}
			}
		}
	})
}
