package constraint

import (
	"math"
	"strings"
	"testing"

	"github.com/techmatch/techmatch/rank/knowledge"
)

// FuzzConstraint runs every parser on arbitrary text and checks the
// documented invariants: no panic, bounded output, spans in range and on
// rune boundaries matching the strings they claim, confidences in (0,1],
// finite values, valid outcomes.
func FuzzConstraint(f *testing.F) {
	for _, s := range []string{
		"动力电池方案不考虑三元锂电池，不能更换模具，要求能量密度≥120 Wh/kg，冬季最低气温-35℃。",
		"不考虑加装隔声罩、包覆等增重方案；泄漏率≤1×10⁻⁶Pa·m³/s；寿命9个月以上",
		"\xff\xfe不考虑\xc0铅，≤0.3\xe4mm",
		"除外均可，非方案，不是而是，而不是",
		"零下-35℃~~60℃，1×10，1e999m，1e999 m，1×10⁹⁹⁹mm，HRC-，±±5%",
		"要求无铅、无卤、无",
		"全部换成不锈钢或钛材管束投资太大，不考虑。燃油加热器就不用考虑了。（电加热方案除外）除了加药以外的办法",
		"不对现有生产线进行改造，保持原有布局基本不变的前提下，原有管网不做改动。不能拆下返厂",
		"为满足出口客户的无卤要求，需要对来料进行卤素快速筛查；产品需满足RoHS（不含铅镉），需要快速检测方法",
		"不考虑，不对，保持不变，除外，就算了，不对进行，保持不变不变，\xff不考虑",
	} {
		f.Add(s)
	}
	g, err := knowledge.Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		bound := map[int]bool{len(text): true}
		for i := range text {
			bound[i] = true
		}
		checkSpan := func(what string, sp Span, want string) {
			if sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End || !bound[sp.Start] || !bound[sp.End] {
				t.Fatalf("%s span %v out of range or off a rune boundary (len %d)", what, sp, len(text))
			}
			if text[sp.Start:sp.End] != want {
				t.Fatalf("%s span %v is %q, want %q", what, sp, text[sp.Start:sp.End], want)
			}
		}
		for _, gr := range []*knowledge.Graph{nil, g} {
			exs := Exclusions(text, gr)
			if len(exs) > MaxExclusions {
				t.Fatalf("%d exclusions, want at most %d", len(exs), MaxExclusions)
			}
			for _, e := range exs {
				checkSpan("cue", e.CueSpan, e.Cue)
				if e.Verb != (Cue{}) {
					checkSpan("verb", e.Verb.Span, e.Verb.Text)
				}
				checkSpan("phrase", e.Span, e.Phrase)
				for _, tm := range e.Terms {
					checkSpan("term", tm.Span, tm.Text)
				}
				if !(e.Confidence > 0 && e.Confidence <= 1) {
					t.Fatalf("confidence %v, want in (0,1]", e.Confidence)
				}
				if len(e.Terms) > MaxTerms || len(e.Concepts) > MaxConcepts {
					t.Fatalf("%d terms, %d concepts: over the bounds", len(e.Terms), len(e.Concepts))
				}
				_ = e.String()
				for _, m := range ExcludedBy(e, text, strings.Fields(text)) {
					found := false
					for _, c := range e.Concepts {
						found = found || c == m
					}
					if !found {
						t.Fatalf("ExcludedBy returned %q, not a concept of %v", m, e.Concepts)
					}
				}
			}
		}
		qs := Quantities(text)
		if len(qs) > MaxQuantities {
			t.Fatalf("%d quantities, want at most %d", len(qs), MaxQuantities)
		}
		for _, q := range qs {
			checkSpan("literal", q.LiteralSpan, q.Literal)
			checkSpan("text", q.Span, q.Text)
			if q.Subject != "" {
				checkSpan("subject", q.SubjectSpan, q.Subject)
			}
			for _, c := range q.Cues {
				checkSpan("cue", c.Span, c.Text)
			}
			if math.IsNaN(q.Value) || math.IsInf(q.Value, 0) || math.IsNaN(q.Max) || math.IsInf(q.Max, 0) || q.Value > q.Max {
				t.Fatalf("quantity %q has value %v..%v", q.Text, q.Value, q.Max)
			}
			if q.Dim == DimNone {
				t.Fatalf("quantity %q has no dimension", q.Text)
			}
			v := Fit(q, qs)
			if v.Outcome > Fails {
				t.Fatalf("outcome %d", v.Outcome)
			}
		}
	})
}

// TestConcurrentUse runs the parsers from several goroutines (run with
// -race): the lexicon is parsed once, lazily, and shared.
func TestConcurrentUse(t *testing.T) {
	g, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	want := len(Exclusions(benchNeed, g))
	done := make(chan int)
	for range 4 {
		go func() {
			n := 0
			for range 20 {
				n = len(Exclusions(benchNeed, g))
				FitAll(Requirements(benchNeed), Quantities(benchAchievement))
			}
			done <- n
		}()
	}
	for range 4 {
		if got := <-done; got != want {
			t.Errorf("concurrent Exclusions found %d exclusions, want %d", got, want)
		}
	}
}
