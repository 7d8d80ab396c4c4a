package knowledge

import "slices"

// matcher is an Aho–Corasick automaton over the runes of the normalised
// terms. Built once, read-only afterwards: safe for concurrent use.
type matcher struct {
	nodes []acNode
}

type acNode struct {
	next map[rune]int32
	fail int32
	// out is the term ending at this node, -1 if none.
	out int32
	// dict is the nearest node on the fail chain with out >= 0, -1 if none.
	dict int32
	// depth is the node's length in runes.
	depth int32
}

// match is one occurrence of a term in a rune slice: runes [start,end).
type match struct {
	start, end int
	term       int32
}

// newMatcher builds the automaton for keys; keys[i] is term i's normalised
// form. Empty keys are skipped. Time O(total runes).
func newMatcher(keys []string) *matcher {
	m := &matcher{nodes: []acNode{{out: -1, dict: -1}}}
	for id, k := range keys {
		if k == "" {
			continue
		}
		s := int32(0)
		for _, r := range k {
			nx, ok := m.nodes[s].next[r]
			if !ok {
				nx = int32(len(m.nodes))
				m.nodes = append(m.nodes, acNode{out: -1, dict: -1, depth: m.nodes[s].depth + 1})
				if m.nodes[s].next == nil {
					m.nodes[s].next = make(map[rune]int32, 2)
				}
				m.nodes[s].next[r] = nx
			}
			s = nx
		}
		m.nodes[s].out = int32(id)
	}
	// Breadth-first fail links.
	queue := make([]int32, 0, len(m.nodes))
	for _, c := range m.nodes[0].next {
		m.nodes[c].fail = 0
		queue = append(queue, c)
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for r, c := range m.nodes[s].next {
			f := m.nodes[s].fail
			for {
				if nx, ok := m.nodes[f].next[r]; ok && nx != c {
					m.nodes[c].fail = nx
					break
				}
				if f == 0 {
					m.nodes[c].fail = 0
					break
				}
				f = m.nodes[f].fail
			}
			fl := m.nodes[c].fail
			if m.nodes[fl].out >= 0 {
				m.nodes[c].dict = fl
			} else {
				m.nodes[c].dict = m.nodes[fl].dict
			}
			queue = append(queue, c)
		}
	}
	return m
}

// findAll returns every occurrence of every term in text (already folded
// runes), honouring ASCII word boundaries for terms that start or end with an
// ASCII letter or digit. Order: by end position, then longer first.
func (m *matcher) findAll(text []rune) []match {
	var out []match
	s := int32(0)
	for i, r := range text {
		for {
			if nx, ok := m.nodes[s].next[r]; ok {
				s = nx
				break
			}
			if s == 0 {
				break
			}
			s = m.nodes[s].fail
		}
		o := s
		if m.nodes[o].out < 0 {
			o = m.nodes[o].dict
		}
		for o > 0 {
			n := &m.nodes[o]
			start := i + 1 - int(n.depth)
			if boundaryOK(text, start, i+1) {
				out = append(out, match{start: start, end: i + 1, term: n.out})
			}
			o = n.dict
		}
	}
	return out
}

// boundaryOK reports whether text[start:end] may stand as a match: a match
// that begins (ends) with an ASCII letter or digit must not be preceded
// (followed) by one.
func boundaryOK(text []rune, start, end int) bool {
	if isASCIIAlnum(text[start]) && start > 0 && isASCIIAlnum(text[start-1]) {
		return false
	}
	if isASCIIAlnum(text[end-1]) && end < len(text) && isASCIIAlnum(text[end]) {
		return false
	}
	return true
}

// maximal keeps the matches not contained in a longer match. Overlapping
// matches are both kept. The result is ordered by start position.
func maximal(ms []match) []match {
	if len(ms) == 0 {
		return nil
	}
	sorted := make([]match, len(ms))
	copy(sorted, ms)
	sortMatches(sorted)
	out := sorted[:0]
	maxEnd := -1
	for _, x := range sorted {
		if x.end <= maxEnd {
			continue // inside an earlier match that starts no later and ends no earlier
		}
		maxEnd = x.end
		out = append(out, x)
	}
	return out
}

// sortMatches orders by start ascending, end descending.
func sortMatches(ms []match) {
	slices.SortFunc(ms, func(a, b match) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
}
