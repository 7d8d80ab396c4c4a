package constraint

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

//go:embed data/lexicon.tsv
var lexiconData string

// lexicon is the parsed data/lexicon.tsv (format in the file's header).
type lexicon struct {
	// groups: normalized term → index into groupTerms (a "same" line);
	// all terms are stored normalized.
	group      map[string]int
	groupTerms [][]string
	// narrower: normalized term → narrower terms (normalized).
	narrower map[string][]string
	element  map[string]bool
	free     *wordSet
	property map[string]bool
	propSet  *wordSet
	kinds    []kindDef
	// subjects: subject terms with their class.
	subjects     *wordSet
	subjectClass map[string]string
	condition    *wordSet
	ambient      *wordSet
	low, high    *wordSet
}

// kindDef is one "kind" line.
type kindDef struct {
	name     string
	meta     bool
	triggers *wordSet // normalized
}

var (
	lexOnce sync.Once
	lexVal  *lexicon
)

// lex returns the embedded lexicon, parsed once. Malformed lines are skipped
// (TestLexiconClean keeps the embedded file free of them).
func lex() *lexicon {
	lexOnce.Do(func() { lexVal, _ = parseLexicon(lexiconData) })
	return lexVal
}

// parseLexicon parses the lexicon format. It never fails as a whole: each
// malformed line is reported as an error naming its line and skipped.
func parseLexicon(data string) (*lexicon, []error) {
	l := &lexicon{
		group:        map[string]int{},
		narrower:     map[string][]string{},
		element:      map[string]bool{},
		property:     map[string]bool{},
		subjectClass: map[string]string{},
	}
	var errs []error
	var free, props, subjects, condition, ambient, low, high []string
	bad := func(n int, format string, a ...any) {
		errs = append(errs, fmt.Errorf("data/lexicon.tsv:%d: %s", n, fmt.Sprintf(format, a...)))
	}
	list := func(field string) []string {
		var out []string
		for _, t := range strings.Split(field, "|") {
			if t = strings.TrimSpace(t); t != "" {
				out = append(out, t)
			}
		}
		return out
	}
	for n, line := range strings.Split(data, "\n") {
		n++
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		want := map[string]int{"same": 2, "narrower": 3, "element": 2, "free": 2, "property": 2,
			"kind": 4, "subject": 3, "condition": 2, "ambient": 2, "low": 2, "high": 2}
		nf, ok := want[f[0]]
		if !ok {
			bad(n, "unknown statement %q", f[0])
			continue
		}
		if len(f) != nf {
			bad(n, "%s wants %d fields, has %d", f[0], nf, len(f))
			continue
		}
		terms := list(f[nf-1])
		if len(terms) == 0 {
			bad(n, "%s has no terms", f[0])
			continue
		}
		switch f[0] {
		case "same":
			for _, t := range terms {
				if _, dup := l.group[normalize(t)]; dup {
					bad(n, "term %q is already in a same line", t)
				}
			}
			for _, t := range terms {
				l.group[normalize(t)] = len(l.groupTerms)
			}
			l.groupTerms = append(l.groupTerms, normalizeAll(terms))
		case "narrower":
			k := normalize(f[1])
			l.narrower[k] = append(l.narrower[k], normalizeAll(terms)...)
		case "element":
			for _, t := range terms {
				l.element[normalize(t)] = true
			}
		case "free":
			free = append(free, terms...)
		case "property":
			for _, t := range terms {
				l.property[normalize(t)] = true
				props = append(props, normalize(t))
			}
		case "kind":
			if f[2] != "meta" && f[2] != "concept" {
				bad(n, "kind %s: want meta or concept, have %q", f[1], f[2])
				continue
			}
			var trig []string
			for _, t := range terms {
				trig = append(trig, normalize(t))
			}
			l.kinds = append(l.kinds, kindDef{name: f[1], meta: f[2] == "meta", triggers: newWords(trig...)})
		case "subject":
			for _, t := range terms {
				k := normalize(t)
				if c, dup := l.subjectClass[k]; dup && c != f[1] {
					bad(n, "subject %q is in classes %s and %s", t, c, f[1])
					continue
				}
				l.subjectClass[k] = f[1]
				subjects = append(subjects, k)
			}
		case "condition":
			condition = append(condition, normalizeAll(terms)...)
		case "ambient":
			ambient = append(ambient, normalizeAll(terms)...)
		case "low":
			low = append(low, normalizeAll(terms)...)
		case "high":
			high = append(high, normalizeAll(terms)...)
		}
	}
	for _, f := range free {
		if runeLen(f) == 1 {
			l.element[normalize(f)] = true // 无氰: 氰 is a term of its own
		}
	}
	l.free, l.propSet, l.subjects = newWords(free...), newWords(props...), newWords(subjects...)
	l.condition, l.ambient = newWords(condition...), newWords(ambient...)
	l.low, l.high = newWords(low...), newWords(high...)
	return l, errs
}

// isProperty reports whether a (normalized) noun phrase names a property to
// preserve: a property word, or a phrase ending in one of two runes or more
// (驾驶感受, 结构强度).
func (l *lexicon) isProperty(s string) bool {
	if l.property[s] {
		return true
	}
	w, ok := l.propSet.suffixOf(s)
	return ok && runeLen(w) >= 2
}

// subjectHead returns the subject term contained in s (normalized) that
// ends last (the longest among those), and its class; "" if none.
func (l *lexicon) subjectHead(s string) (term, class string) {
	w, _, ok := l.subjects.lastIn(s)
	if !ok {
		return "", ""
	}
	return w, l.subjectClass[w]
}

// normalizeAll normalizes every term.
func normalizeAll(ts []string) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = normalize(t)
	}
	return out
}
