package intent

import (
	"math"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkResult fails unless r keeps the invariants of a Result for text t:
// kinds in range, confidences in [0,1] summing to at most 1, the unknown
// kind with confidence 0, at most MaxCues cues, each with a span inside
// its field on rune boundaries whose text is Word, a positive finite
// weight and a known kind.
func checkResult[K Kind](t *testing.T, t0 Text, r Result[K], nKinds int) {
	t.Helper()
	var unknown K
	if int(r.Kind) >= nKinds || int(r.RunnerUp) >= nKinds {
		t.Fatalf("kind out of range: %+v", r)
	}
	for _, c := range []float64{r.Confidence, r.RunnerUpConfidence, r.Evidence} {
		if math.IsNaN(c) || math.IsInf(c, 0) || c < 0 {
			t.Fatalf("bad number in %+v", r)
		}
	}
	if r.Confidence > 1 || r.RunnerUpConfidence > 1 || r.Confidence+r.RunnerUpConfidence > 1+1e-9 {
		t.Fatalf("confidences not in [0,1] or summing over 1: %+v", r)
	}
	if r.Kind == unknown && (r.Confidence != 0 || r.RunnerUp != unknown) {
		t.Fatalf("unknown with a confidence or a runner-up: %+v", r)
	}
	if r.Kind != unknown && (r.Confidence < MinConfidence || r.RunnerUp == r.Kind) {
		t.Fatalf("decision below MinConfidence or runner-up = kind: %+v", r)
	}
	if len(r.Cues) > MaxCues {
		t.Fatalf("%d cues, want at most %d", len(r.Cues), MaxCues)
	}
	for _, c := range r.Cues {
		var text string
		switch c.Field {
		case FieldTitle:
			text = t0.Title
		case FieldDescription:
			text = t0.Description
		case FieldKeywords:
			if c.Keyword < 0 || c.Keyword >= len(t0.Keywords) {
				t.Fatalf("cue %+v: keyword index out of range", c)
			}
			text = t0.Keywords[c.Keyword]
		default:
			t.Fatalf("cue %+v: bad field", c)
		}
		if c.Start < 0 || c.Start >= c.End || c.End > len(text) {
			t.Fatalf("cue %+v: span out of range of %d bytes", c, len(text))
		}
		if !onBoundary(text, c.Start) || !onBoundary(text, c.End) {
			t.Fatalf("cue %+v: span not on rune boundaries", c)
		}
		if text[c.Start:c.End] != c.Word || !utf8.ValidString(c.Word) {
			t.Fatalf("cue %+v: Word is not the span's text", c)
		}
		if c.Kind == unknown || int(c.Kind) >= nKinds || !(c.Weight > 0) || math.IsInf(c.Weight, 0) {
			t.Fatalf("cue %+v: bad kind or weight", c)
		}
	}
}

// onBoundary reports whether byte offset i of s is where utf8 decoding
// from the start of s puts a rune (an invalid byte decodes as one rune of
// width 1), or the end of s.
func onBoundary(s string, i int) bool {
	for j := 0; j < len(s); {
		if j == i {
			return true
		}
		if j > i {
			return false
		}
		_, w := utf8.DecodeRuneInString(s[j:])
		j += w
	}
	return i == len(s)
}

// FuzzClassify checks both classifiers and the compatibility score on
// any input (invalid UTF-8 included): no panic, the result invariants of
// checkResult, a score in [-1,1], and the same result on a second call.
// Keywords are the third argument split on '|'.
func FuzzClassify(f *testing.F) {
	for _, tc := range needCases[:12] {
		f.Add(tc.t.Title, tc.t.Description, strings.Join(tc.t.Keywords, "|"))
	}
	f.Add("检测\xff监测系统", "需要\xc3在线监测（", "a|\xe4\xb8|监测")
	f.Add("", "", "")
	f.Add("基于的的及其与用", "。。，，需要", "||")
	f.Add("提前提前提前发现", strings.Repeat("需要在线监测装置，", 50), "采购|求购")
	c, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	compat := DefaultCompatibility()
	f.Fuzz(func(t *testing.T, title, desc, kws string) {
		tx := Text{Title: title, Description: desc}
		if kws != "" {
			tx.Keywords = strings.Split(kws, "|")
		}
		n := c.Need(tx)
		a := c.Achievement(tx)
		checkResult(t, tx, n, numNeeds)
		checkResult(t, tx, a, numRoles)
		if s := compat.Score(n, a); math.IsNaN(s) || s < -1 || s > 1 {
			t.Fatalf("Score = %v", s)
		}
		if !reflect.DeepEqual(n, c.Need(tx)) || !reflect.DeepEqual(a, c.Achievement(tx)) {
			t.Fatalf("not deterministic")
		}
		_ = Explain(n, a)
	})
}

// FuzzLoad checks the lexicon parser on any input: no panic; an error is
// a LexiconError list naming "fuzz.tsv:N" with N a line of the input; a
// lexicon that loads classifies its own terms without breaking the
// invariants.
func FuzzLoad(f *testing.F) {
	f.Add("mon\t检测|监测\ncar-hw\t装置\nreq\t需要\n")
	f.Add("mon:0.5\t识别\nfoo\tx\n\nnull\t检测级\n")
	f.Add("# c\nmon:9\t检\ncar-hw\t系统\ncar-system\t系统\n")
	f.Add("\ufeffsym\t漏气\r\nimp\t降低|提高\n")
	f.Fuzz(func(t *testing.T, data string) {
		c, err := Load(strings.NewReader(data), "fuzz.tsv")
		if err != nil {
			if c != nil {
				t.Fatalf("classifier and error both returned")
			}
			lines := strings.Count(data, "\n") + 1
			for _, l := range strings.Split(strings.TrimPrefix(err.Error(), "intent: "), "\n") {
				var n int
				if !strings.HasPrefix(l, "fuzz.tsv:") {
					t.Fatalf("error line %q does not name the file", l)
				}
				rest := strings.TrimPrefix(l, "fuzz.tsv:")
				for _, r := range rest {
					if r < '0' || r > '9' {
						break
					}
					n = n*10 + int(r-'0')
				}
				if n < 1 || n > lines+1 {
					t.Fatalf("error %q names line %d of %d", l, n, lines)
				}
			}
			return
		}
		text := strings.Join(c.Terms(), "，")
		tx := Text{Title: text, Description: text, Keywords: c.Terms()}
		checkResult(t, tx, c.Need(tx), numNeeds)
		checkResult(t, tx, c.Achievement(tx), numRoles)
	})
}
