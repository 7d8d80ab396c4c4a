package effect

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzExtract checks Extract and Answers on any text, valid UTF-8 or not,
// in both roles:
//   - no panic, the same result twice, at most maxStatements statements of
//     at most maxCues cues;
//   - every span lies in the text, on rune boundaries, Term and Phrase are
//     the text at their spans and the phrase holds the target and the cues;
//   - kinds, directions and properties are valid, strengths in (0,1];
//   - Answers gives at most two links per need statement, with valid
//     indexes and weights in (0,1], and Evidence stays in [0,1].
func FuzzExtract(f *testing.F) {
	for _, tt := range extractTable[:20] {
		f.Add(tt.text, uint8(tt.role))
	}
	f.Add("能耗降低15%，寿命延长2倍；无裂纹、无气孔。成本较高", uint8(Achievement))
	f.Add("半年就穿孔\xff\xfe，ＮＯｘ排放超标，温差控制在3℃以内", uint8(Need))
	f.Add(strings.Repeat("降低", 100)+"能耗", uint8(Achievement))
	f.Fuzz(func(t *testing.T, text string, role uint8) {
		a, err := Default()
		if err != nil {
			t.Fatal(err)
		}
		r := Role(role%3 + 1) // Need, Achievement, and 3: no role
		got := a.Extract(text, r)
		if r != Need && r != Achievement && got != nil {
			t.Fatalf("role %d: got %v, want nil", r, got)
		}
		if again := a.Extract(text, r); !slices.EqualFunc(got, again, sameStatement) {
			t.Fatalf("Extract is not deterministic: %v then %v", got, again)
		}
		if len(got) > maxStatements {
			t.Fatalf("%d statements, want at most %d", len(got), maxStatements)
		}
		props := map[string]bool{}
		for _, p := range a.Properties() {
			props[p] = true
		}
		for _, s := range got {
			checkStatement(t, text, s, props)
		}
		other := a.Extract(text, Achievement)
		links := a.Answers(got, other)
		if len(links) > 2*len(got) {
			t.Fatalf("%d links for %d need statements", len(links), len(got))
		}
		for _, l := range links {
			if l.Need < 0 || l.Need >= len(got) || l.Achievement < 0 || l.Achievement >= len(other) {
				t.Fatalf("link %+v indexes out of range", l)
			}
			if !(l.Weight > 0 && l.Weight <= 1) {
				t.Fatalf("link weight %v not in (0,1]", l.Weight)
			}
			if Explain(l, got, other) == "" {
				t.Fatalf("no explanation for %+v", l)
			}
		}
		pro, con := Evidence(links)
		if pro < 0 || pro > 1 || con < 0 || con > 1 {
			t.Fatalf("evidence %v %v not in [0,1]", pro, con)
		}
	})
}

func sameStatement(a, b Statement) bool {
	return a.String() == b.String() && a.Target == b.Target && slices.Equal(a.Cues, b.Cues)
}

// checkStatement asserts the invariants of one statement of text.
func checkStatement(t *testing.T, text string, s Statement, props map[string]bool) {
	t.Helper()
	// Rune boundaries as range sees them: an invalid byte is one rune.
	bounds := map[int]bool{len(text): true}
	for i := range text {
		bounds[i] = true
	}
	span := func(what string, sp Span) {
		if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End {
			t.Fatalf("%s span %+v out of [0,%d] or empty", what, sp, len(text))
		}
		if !bounds[sp.Start] || !bounds[sp.End] {
			t.Fatalf("%s span %+v not on rune boundaries of %q", what, sp, text)
		}
		if !utf8.ValidString(text[sp.Start:sp.End]) {
			t.Fatalf("%s span %+v holds invalid UTF-8", what, sp)
		}
	}
	span("target", s.Target)
	span("phrase", s.Span)
	if s.Term != text[s.Target.Start:s.Target.End] || s.Phrase != text[s.Span.Start:s.Span.End] {
		t.Fatalf("term %q or phrase %q is not the text at its span", s.Term, s.Phrase)
	}
	if s.Target.Start < s.Span.Start || s.Target.End > s.Span.End {
		t.Fatalf("phrase %+v does not hold the target %+v", s.Span, s.Target)
	}
	if len(s.Cues) > maxCues {
		t.Fatalf("%d cues, want at most %d", len(s.Cues), maxCues)
	}
	for i, c := range s.Cues {
		span("cue", c.Span)
		if c.Text != text[c.Span.Start:c.Span.End] || c.Span.Start < s.Span.Start || c.Span.End > s.Span.End {
			t.Fatalf("cue %+v is not in the phrase %+v", c, s.Span)
		}
		if i > 0 && c.Span.Start < s.Cues[i-1].Span.Start {
			t.Fatalf("cues out of text order: %+v", s.Cues)
		}
		if c.Kind < CueVerb || c.Kind > CueMention {
			t.Fatalf("cue kind %d", c.Kind)
		}
	}
	if s.Kind < Symptom || s.Kind > Drawback {
		t.Fatalf("kind %d", s.Kind)
	}
	if s.Direction != Up && s.Direction != Down && s.Direction != Keep {
		t.Fatalf("direction %d", s.Direction)
	}
	if !(s.Strength > 0 && s.Strength <= 1) {
		t.Fatalf("strength %v not in (0,1]", s.Strength)
	}
	if !props[s.Property] {
		t.Fatalf("unknown property %q", s.Property)
	}
}

// badLine matches the "name:line:" that starts each error of Load.
var badLine = regexp.MustCompile(`^fuzz\.tsv:(\d+): `)

// FuzzLoad checks the lexicon parser on any input: Load never panics,
// returns an analyzer or an error, never both; every error line names the
// file and a line of the input; a loaded analyzer extracts without panic.
func FuzzLoad(f *testing.F) {
	f.Add([]byte("prop 漏气 down 1\ndefect 漏气 漏风\ninverse 漏气 密封性\ncue down 降低\ncue high 多\n"))
	f.Add([]byte("prop x up 1\nterm x a||b\nfoo\nclaim x sideways c\nbroader x x\n"))
	f.Add([]byte("\ufeffprop 寿命 up 0.5\r\nrelated 寿命 寿命 same\r\ncue soon 就\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Load(bytes.NewReader(data), "fuzz.tsv")
		if (a == nil) == (err == nil) {
			t.Fatalf("Load: analyzer %v and error %v", a != nil, err)
		}
		if err != nil {
			lines := bytes.Count(data, []byte("\n")) + 1
			for _, l := range strings.Split(err.Error(), "\n") {
				m := badLine.FindStringSubmatch(l)
				if m == nil {
					t.Fatalf("error line %q does not start with file:line", l)
				}
				if n, _ := strconv.Atoi(m[1]); n < 1 || n > lines+1 {
					t.Fatalf("error names line %d of %d", n, lines)
				}
			}
			return
		}
		text := string(data)
		a.Extract(text, Need)
		a.Answers(a.Extract(text, Need), a.Extract(text, Achievement))
	})
}
