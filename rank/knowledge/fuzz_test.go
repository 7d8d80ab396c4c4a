package knowledge

import (
	"bytes"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// badLine matches the "name:line:" that starts each error of Load.
var badLine = regexp.MustCompile(`(?m)^fuzz/auto\.tsv:(\d+): `)

// FuzzKnowledge checks the parser of user knowledge files (the format
// LoadFiles and Extend read) on any input:
//   - Load never panics and always returns a graph;
//   - every error line names the file and a line of the input;
//   - a bad line never loses a good one: blanking the lines the error names
//     gives no error and the same graph (terms, synonym sets, industries,
//     stats);
//   - every term is found in its own text, and expanding the input text
//     gives weights in (0,1] to terms of the graph.
func FuzzKnowledge(f *testing.F) {
	f.Add([]byte(small))
	f.Add([]byte("industry\tbiomed\nsyn\t单克隆抗体|单抗\nproblem\t收率低\t连续流工艺\t0.8\n"))
	f.Add([]byte("syn\ta|b\nfoo\tx\nnarrower\t\nproblem\t漏油\t密封\tNaN\nindustry\t!!\n"))
	f.Add([]byte("\ufeffsyn\t甲醇|木醇\r\nrelated\tCFRP|ｃｆｒｐ\tPAT\t1e-300\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := Load(bytes.NewReader(data), "fuzz/auto.tsv")
		if g == nil {
			t.Fatalf("Load returned a nil graph (err %v)", err)
		}
		lines := strings.Split(string(data), "\n")
		if err != nil {
			msg := err.Error()
			if strings.Contains(msg, ": read: ") {
				return // a line over the length limit stops the scan
			}
			for _, l := range strings.Split(msg, "\n") {
				if !badLine.MatchString(l) {
					t.Fatalf("error line %q does not start with file:line", l)
				}
			}
			for _, m := range badLine.FindAllStringSubmatch(msg, -1) {
				n, _ := strconv.Atoi(m[1])
				if n < 1 || n > len(lines) {
					t.Fatalf("error names line %d of %d", n, len(lines))
				}
				lines[n-1] = ""
			}
			clean, err := Load(strings.NewReader(strings.Join(lines, "\n")), "fuzz/auto.tsv")
			if err != nil {
				t.Fatalf("the input without its bad lines still fails: %v", err)
			}
			sameGraph(t, g, clean)
		}
		for _, term := range g.Terms() {
			ms := g.Find(term)
			if !slices.Contains(ms, Match{Term: term, Start: 0, End: len(term)}) {
				t.Fatalf("Find(%q) = %v: the term is not found in its own text", term, ms)
			}
		}
		for _, e := range g.Expand(string(data), Options{MinWeight: -1, Max: 1000}) {
			if !(e.Weight > 0 && e.Weight <= 1) || math.IsNaN(e.Weight) {
				t.Fatalf("expansion %+v: weight not in (0,1]", e)
			}
			if _, ok := g.Canonical(e.To); !ok {
				t.Fatalf("expansion %+v: To is not a term of the graph", e)
			}
		}
	})
}

// sameGraph fails unless a and b hold the same terms, synonym sets,
// industries and statistics.
func sameGraph(t *testing.T, a, b *Graph) {
	t.Helper()
	if !slices.Equal(a.Terms(), b.Terms()) {
		t.Fatalf("terms: %v vs %v", a.Terms(), b.Terms())
	}
	for _, term := range a.Terms() {
		if !slices.Equal(a.Synonyms(term), b.Synonyms(term)) || !slices.Equal(a.Industries(term), b.Industries(term)) {
			t.Fatalf("term %q: synonyms %v vs %v, industries %v vs %v", term,
				a.Synonyms(term), b.Synonyms(term), a.Industries(term), b.Industries(term))
		}
	}
	if !reflect.DeepEqual(a.Stats(), b.Stats()) {
		t.Fatalf("stats: %+v vs %+v", a.Stats(), b.Stats())
	}
}
