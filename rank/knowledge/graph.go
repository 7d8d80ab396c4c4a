package knowledge

import (
	"sort"

	"github.com/techmatch/techmatch"
)

// Graph is a built knowledge base: terms, synonym sets (concepts) and the
// weighted links between them, plus the automaton that finds its terms in
// text.
//
// A Graph is immutable once built (by Default, Load, LoadFiles, Extend or
// Merge) and safe for concurrent use by any number of goroutines.
type Graph struct {
	stmts []stmt

	terms   []term
	byKey   map[string]int32
	members [][]int32 // concept → its terms, canonical first
	edges   [][]edge  // concept → outgoing links
	m       *matcher
	stats   Stats
}

// term is one KB term.
type term struct {
	display    string
	key        string
	concept    int32
	industries []techmatch.Industry
}

// edgeKind is the kind of a link; its String is the techmatch.Expansion Kind.
type edgeKind uint8

const (
	kindSynonym edgeKind = iota
	kindNarrower
	kindBroader
	kindProblem
	kindSolves
	kindRelated
)

// Expansion kinds, as reported in techmatch.Expansion.Kind.
const (
	// KindSynonym: To is in the same synonym set as From.
	KindSynonym = "synonym"
	// KindNarrower: To is a narrower term of From (or its synonym).
	KindNarrower = "narrower"
	// KindBroader: To is a broader term of From (or its synonym).
	KindBroader = "broader"
	// KindProblem: From is a symptom, To a technique that addresses it.
	KindProblem = "problem"
	// KindSolves: From is a technique, To a symptom it addresses.
	KindSolves = "solves"
	// KindRelated: a symmetric association.
	KindRelated = "related"
)

func (k edgeKind) String() string {
	return [...]string{KindSynonym, KindNarrower, KindBroader, KindProblem, KindSolves, KindRelated}[k]
}

// edge is a link from a concept to a term.
type edge struct {
	to   int32
	kind edgeKind
	w    float64
}

// Stats describes the size of a graph. Links are counted per statement:
// a synonym set of n terms is n-1 links, a narrower, problem or related line
// is |first list| × |second list| links.
type Stats struct {
	Terms    int
	Concepts int // synonym sets after merging, singletons excluded
	SynSets  int // syn lines
	Links    int
	// BySource is per file base name.
	BySource map[string]SourceStats
}

// SourceStats is the size of one data file.
type SourceStats struct {
	SynSets, Narrower, Problem, Related, Links int
}

// build makes a graph from statements. It cannot fail: statements were
// validated when parsed.
func build(stmts []stmt) *Graph {
	g := &Graph{stmts: stmts, byKey: make(map[string]int32)}
	inds := []map[techmatch.Industry]bool{}
	add := func(s string, ind techmatch.Industry) int32 {
		k := Normalize(s)
		id, ok := g.byKey[k]
		if !ok {
			id = int32(len(g.terms))
			g.byKey[k] = id
			g.terms = append(g.terms, term{display: s, key: k})
			inds = append(inds, map[techmatch.Industry]bool{})
		}
		if ind != "" {
			inds[id][ind] = true
		}
		return id
	}
	ids := make([][2][]int32, len(stmts))
	g.stats.BySource = map[string]SourceStats{}
	for i, s := range stmts {
		for _, t := range s.a {
			ids[i][0] = append(ids[i][0], add(t, s.industry))
		}
		for _, t := range s.b {
			ids[i][1] = append(ids[i][1], add(t, s.industry))
		}
		ss := g.stats.BySource[s.source]
		switch s.kind {
		case stmtSyn:
			ss.SynSets++
			ss.Links += len(s.a) - 1
			g.stats.SynSets++
		case stmtNarrower:
			ss.Narrower++
			ss.Links += len(s.a) * len(s.b)
		case stmtProblem:
			ss.Problem++
			ss.Links += len(s.a) * len(s.b)
		case stmtRelated:
			ss.Related++
			ss.Links += len(s.a) * len(s.b)
		}
		g.stats.BySource[s.source] = ss
	}
	for i := range g.terms {
		g.terms[i].industries = sortedIndustries(inds[i])
	}

	// Union-find over synonym statements. The canonical (root) of a set is
	// the first term of the earliest syn line that contributed to it.
	parent := make([]int32, len(g.terms))
	since := make([]int, len(g.terms)) // syn line that made a root canonical
	for i := range parent {
		parent[i] = int32(i)
		since[i] = len(stmts)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for i, s := range stmts {
		if s.kind != stmtSyn {
			continue
		}
		root := find(ids[i][0][0])
		if since[root] > i {
			since[root] = i
		}
		for _, t := range ids[i][0][1:] {
			r := find(t)
			if r == root {
				continue
			}
			if since[r] < since[root] {
				parent[root] = r
				root = r
			} else {
				parent[r] = root
			}
		}
	}
	conceptOf := make(map[int32]int32)
	for i := range g.terms {
		r := find(int32(i))
		c, ok := conceptOf[r]
		if !ok {
			c = int32(len(g.members))
			conceptOf[r] = c
			g.members = append(g.members, nil)
		}
		g.terms[i].concept = c
	}
	// Members: root (canonical) first, then in statement order.
	for i := range g.terms {
		c := g.terms[i].concept
		if find(int32(i)) == int32(i) {
			g.members[c] = append([]int32{int32(i)}, g.members[c]...)
		} else {
			g.members[c] = append(g.members[c], int32(i))
		}
	}
	for _, ms := range g.members {
		if len(ms) > 1 {
			g.stats.Concepts++
		}
	}

	// Links, deduplicated per (concept, to, kind) keeping the max weight.
	g.edges = make([][]edge, len(g.members))
	type ek struct {
		c, to int32
		k     edgeKind
	}
	best := map[ek]float64{}
	var order []ek
	link := func(from, to int32, k edgeKind, w float64) {
		c := g.terms[from].concept
		if c == g.terms[to].concept {
			return
		}
		key := ek{c, to, k}
		if old, ok := best[key]; !ok {
			order = append(order, key)
			best[key] = w
		} else if w > old {
			best[key] = w
		}
	}
	for i, s := range stmts {
		a, b := ids[i][0], ids[i][1]
		for _, x := range a {
			for _, y := range b {
				switch s.kind {
				case stmtNarrower:
					link(x, y, kindNarrower, s.w)
					link(y, x, kindBroader, s.w)
				case stmtProblem:
					link(x, y, kindProblem, s.w)
					link(y, x, kindSolves, s.w)
				case stmtRelated:
					link(x, y, kindRelated, s.w)
					link(y, x, kindRelated, s.w)
				}
			}
		}
	}
	for _, k := range order {
		g.edges[k.c] = append(g.edges[k.c], edge{to: k.to, kind: k.k, w: best[k]})
	}
	g.stats.Terms = len(g.terms)
	for _, ss := range g.stats.BySource {
		g.stats.Links += ss.Links
	}

	keys := make([]string, len(g.terms))
	for i, t := range g.terms {
		keys[i] = t.key
	}
	g.m = newMatcher(keys)
	return g
}

// Merge returns a graph holding the statements of every graph, in order:
// synonym sets sharing a term merge, duplicate links keep their largest
// weight, a term keeps the industries of all its statements. Nil graphs are
// skipped. The inputs are not modified. Time linear in the total data size.
func Merge(gs ...*Graph) *Graph {
	var all []stmt
	for _, g := range gs {
		if g != nil {
			all = append(all, g.stmts...)
		}
	}
	return build(all)
}

// Terms returns every term of the graph in its display form (as first
// written in the data), sorted.
func (g *Graph) Terms() []string {
	out := make([]string, len(g.terms))
	for i, t := range g.terms {
		out[i] = t.display
	}
	sort.Strings(out)
	return out
}

// Canonical returns the canonical term of term's synonym set and whether
// term is in the graph (matched after Normalize). A term without synonyms is
// its own canonical.
func (g *Graph) Canonical(s string) (string, bool) {
	id, ok := g.byKey[Normalize(s)]
	if !ok {
		return "", false
	}
	return g.terms[g.members[g.terms[id].concept][0]].display, true
}

// Synonyms returns the synonym set of s, canonical first (nil if s is not in
// the graph).
func (g *Graph) Synonyms(s string) []string {
	id, ok := g.byKey[Normalize(s)]
	if !ok {
		return nil
	}
	ms := g.members[g.terms[id].concept]
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = g.terms[m].display
	}
	return out
}

// Industries returns the industries s was stated under (nil if unknown).
func (g *Graph) Industries(s string) []techmatch.Industry {
	id, ok := g.byKey[Normalize(s)]
	if !ok {
		return nil
	}
	return append([]techmatch.Industry(nil), g.terms[id].industries...)
}

// Stats returns the size of the graph.
func (g *Graph) Stats() Stats {
	s := g.stats
	s.BySource = make(map[string]SourceStats, len(g.stats.BySource))
	for k, v := range g.stats.BySource {
		s.BySource[k] = v
	}
	return s
}
