package dedup

import (
	"math"
	"strconv"
	"strings"
)

// appendDiffs appends to dst a Diff for every field of member (id) that
// differs from the same field of newest (both from fieldsOf of records of
// one kind). Fields are compared as written: a Diff whose Change is 0
// says the field was re-punctuated, re-spaced or had a figure changed.
func appendDiffs(dst []Diff, id string, newest, member []field, shingle int) []Diff {
	for k, f := range member {
		if k >= len(newest) || newest[k].name != f.name || newest[k].value == f.value {
			continue
		}
		dst = append(dst, Diff{ID: id, Field: f.name, Newest: newest[k].value, Value: f.value,
			Change: change(f.name, newest[k].value, f.value, f.text, shingle)})
	}
	return dst
}

// change is Diff.Change of a field whose values a and b differ.
func change(name, a, b string, text bool, shingle int) float64 {
	switch name {
	case "keywords", "industries", "transfer_modes":
		return 1 - itemJaccard(a, b)
	case "maturity", "min_maturity", "price", "budget":
		x, errA := strconv.ParseFloat(a, 64)
		y, errB := strconv.ParseFloat(b, 64)
		if errA != nil || errB != nil || max(x, y) <= 0 {
			return 1 // unknown on one side
		}
		return math.Abs(x-y) / max(x, y)
	}
	if text {
		return 1 - jaccardOrSame(textShingles(a, shingle), textShingles(b, shingle))
	}
	return 1
}

// jaccardOrSame is jaccard, except that two empty sets (texts without a
// letter or digit) are the same.
func jaccardOrSame(a, b []uint32) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	return jaccard(a, b)
}

// itemJaccard is the Jaccard similarity of two ","-joined lists, items
// compared as normOwner compares names (case, width, spacing and
// punctuation ignored).
func itemJaccard(a, b string) float64 {
	set := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, it := range strings.Split(s, ",") {
			if it = normOwner(it); it != "" {
				m[it] = true
			}
		}
		return m
	}
	x, y := set(a), set(b)
	if len(x) == 0 && len(y) == 0 {
		return 1
	}
	inter := 0
	for it := range x {
		if y[it] {
			inter++
		}
	}
	return float64(inter) / float64(len(x)+len(y)-inter)
}
