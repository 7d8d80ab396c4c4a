package assoc

import (
	"cmp"
	"slices"
	"strings"
)

// Neighbor is an associated term and the strength of the association, in
// (0,1]. A plain value, safe to copy and share.
type Neighbor struct {
	Term   string
	Weight float64
}

// before is the deterministic order of neighbour lists: weight descending,
// then term ascending.
func before(a, b Neighbor) bool {
	if a.Weight != b.Weight {
		return a.Weight > b.Weight
	}
	return a.Term < b.Term
}

// compareNeighbors is before as a three-way comparison for slices.SortFunc.
func compareNeighbors(a, b Neighbor) int {
	if c := cmp.Compare(b.Weight, a.Weight); c != 0 {
		return c
	}
	return strings.Compare(a.Term, b.Term)
}

// topM keeps the best m candidates seen, in the order of before. Insertion
// is O(m), fine for the small m of neighbour lists. Not safe for concurrent
// use; each worker owns one.
type topM struct {
	m     int
	items []Neighbor
}

// full reports whether m candidates are held, so a new one must beat the
// worst to enter.
func (t *topM) full() bool { return len(t.items) >= t.m }

// floor is the weight of the worst held candidate when full, else -Inf-like 0.
func (t *topM) floor() float64 {
	if !t.full() || t.m == 0 {
		return 0
	}
	return t.items[len(t.items)-1].Weight
}

// push offers a candidate.
func (t *topM) push(n Neighbor) {
	if t.m <= 0 {
		return
	}
	if t.full() && !before(n, t.items[len(t.items)-1]) {
		return
	}
	i, _ := slices.BinarySearchFunc(t.items, n, compareNeighbors)
	if t.full() {
		t.items = t.items[:len(t.items)-1]
	}
	t.items = slices.Insert(t.items, i, n)
}

// take returns the held candidates (sorted) and resets t.
func (t *topM) take() []Neighbor {
	if len(t.items) == 0 {
		return nil
	}
	out := slices.Clone(t.items)
	t.items = t.items[:0]
	return out
}
