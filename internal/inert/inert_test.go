package inert

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"A001", "A001"},
		{"碳纤维", "碳纤维"},
		{`=HYPERLINK("http://x","y")`, `'=HYPERLINK("http://x","y")`},
		{`=cmd|' /C calc'!A0`, `'=cmd|' /C calc'!A0`},
		{"+1+1", "'+1+1"},
		{"-2+3", "'-2+3"},
		{"@SUM(1)", "'@SUM(1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"＝1+1", "'＝1+1"},
		{"＠SUM(1)", "'＠SUM(1)"},
		{"a=1", "a=1"},
		{" =1", " =1"},
	} {
		got := Cell(tc.in)
		assert.Equal(t, tc.want, got, "Cell(%q)", tc.in)
		assert.Equal(t, got != tc.in, NeedsQuote(tc.in), "NeedsQuote(%q)", tc.in)
	}
}

func TestTerminal(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"A001 碳纤维", "A001 碳纤维"},
		{"a\x1b[31mred", `a\x1b[31mred`},
		{"two\nlines\r", `two\nlines\r`},
		{"bell\a", `bell\a`},
		{"del\x7f", `del\x7f`},
		{"c1\u0085", `c1\u0085`},
		{"bidi\u202egnp.exe", `bidi\u202egnp.exe`},
		{"iso\u2066x\u2069", `iso\u2066x\u2069`},
		{"bad\xffutf8", `bad\xffutf8`},
		{"tab\there", `tab\there`},
		{`back\slash`, `back\slash`},
	} {
		assert.Equal(t, tc.want, Terminal(tc.in), "Terminal(%q)", tc.in)
	}
}

func FuzzTerminal(f *testing.F) {
	f.Add("a\x1b[2Jb")
	f.Add("中文\u202e")
	f.Fuzz(func(t *testing.T, s string) {
		out := Terminal(s)
		if firstUnsafe(out) >= 0 {
			t.Fatalf("Terminal(%q) = %q still has an unsafe byte", s, out)
		}
		if firstUnsafe(s) < 0 && out != s {
			t.Fatalf("Terminal(%q) changed a safe string to %q", s, out)
		}
	})
}
