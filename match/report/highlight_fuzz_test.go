package report

import (
	"strings"
	"testing"
)

// FuzzHighlight checks highlight on any text and terms (separated by
// "|"): the segments give back the text byte for byte, every highlighted
// segment is one of the terms (ASCII case aside), and plain segments never
// follow each other. Seeds are in testdata/fuzz/FuzzHighlight/.
func FuzzHighlight(f *testing.F) {
	f.Add("冲压模具型面磨损拉伤", "模具|冲压模具|磨损")
	f.Fuzz(func(t *testing.T, text, terms string) {
		ts := strings.Split(terms, "|")
		segs := highlight(text, ts)
		var b strings.Builder
		for i, s := range segs {
			b.WriteString(s.Text)
			if s.Hit {
				found := false
				for _, term := range ts {
					found = found || term != "" && strings.EqualFold(term, s.Text)
				}
				if !found {
					t.Fatalf("highlighted %q is none of %q", s.Text, ts)
				}
			} else if i > 0 && !segs[i-1].Hit {
				t.Fatalf("two plain segments in a row: %+v", segs)
			}
		}
		if b.String() != text {
			t.Fatalf("segments give %q, want %q", b.String(), text)
		}
	})
}
