package assoc

import (
	"context"
	"strings"
	"testing"
)

// FuzzBuild splits the input into documents (lines) of terms (fields) and
// checks that Build never panics and that every neighbour list respects the
// documented invariants.
func FuzzBuild(f *testing.F) {
	f.Add("锂电 正极 电解液\n动力电池 正极 电解液\n锂电 隔膜\n动力电池 隔膜\n", uint8(0))
	f.Add("a b\na b\na b\n\n \n", uint8(1))
	f.Add("x\n", uint8(2))
	f.Fuzz(func(t *testing.T, text string, mode uint8) {
		var docs []Doc
		for line := range strings.SplitSeq(text, "\n") {
			var d Doc
			for i, w := range strings.Fields(line) {
				d = append(d, Term{Text: w, Weight: float64(i % 3)})
			}
			docs = append(docs, d)
		}
		method := MethodNPMI
		if mode%2 == 1 {
			method = MethodSVD
		}
		m, err := Build(context.Background(), docs, Config{Method: method, MinDF: 1, MaxDFRatio: 1, Rank: 1 + int(mode%7), MinCoDF: 1, Seed: uint64(mode)})
		if err != nil {
			t.Fatalf("Build: %v", err)
		}
		for _, term := range m.Terms() {
			for _, n := range m.Related(term) {
				if !(n.Weight > 0 && n.Weight <= 1) || n.Term == term {
					t.Fatalf("Related(%q) has %v, want weight in (0,1] and another term", term, n)
				}
			}
		}
		var q []Term
		for _, term := range m.Terms() {
			q = append(q, Term{Text: term})
		}
		for _, n := range m.Expand(q, 0) {
			if !(n.Weight > 0 && n.Weight <= 1) {
				t.Fatalf("Expand weight %v, want in (0,1]", n)
			}
		}
	})
}
