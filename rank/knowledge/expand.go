package knowledge

import (
	"fmt"
	"math"
	"sort"

	"github.com/techmatch/techmatch"
)

// Default expansion weights (see Options).
const (
	DefaultSynonym   = 0.8
	DefaultNarrower  = 0.6
	DefaultBroader   = 0.4
	DefaultProblem   = 0.7
	DefaultSolves    = 0.5
	DefaultRelated   = 0.5
	DefaultMinWeight = 0.05
	DefaultMax       = 40
)

// Options tunes Expand. The zero value means every default. A weight field
// left 0 takes its default; a negative weight disables that kind of link.
//
// Options is a plain value, safe to copy and share.
type Options struct {
	// Synonym is the weight of a synonym of a matched term (default 0.8).
	// It also multiplies the one-hop-further synonyms of a linked term.
	Synonym float64
	// Narrower is the weight of a narrower term (default 0.6).
	Narrower float64
	// Broader is the weight of a broader term (default 0.4).
	Broader float64
	// Problem multiplies a symptom → technique link's weight (default 0.7).
	Problem float64
	// Solves multiplies the reverse technique → symptom link (default 0.5),
	// which helps when the text is an achievement's solution language.
	Solves float64
	// Related multiplies a related link's weight (default 0.5).
	Related float64
	// MinWeight drops expansions lighter than it (default 0.05; negative:
	// keep all).
	MinWeight float64
	// Max caps the number of expansions returned (default 40).
	Max int
}

// Validate reports the first out-of-range field: weights must be finite and
// at most 1, Max must not be negative, MinWeight must be below 1.
func (o Options) Validate() error {
	for _, f := range []struct {
		name string
		v    float64
	}{{"Synonym", o.Synonym}, {"Narrower", o.Narrower}, {"Broader", o.Broader},
		{"Problem", o.Problem}, {"Solves", o.Solves}, {"Related", o.Related}, {"MinWeight", o.MinWeight}} {
		if math.IsNaN(f.v) || math.IsInf(f.v, 0) {
			return fmt.Errorf("knowledge: Options.%s is %v, want a finite number", f.name, f.v)
		}
		if f.v > 1 || (f.name == "MinWeight" && f.v == 1) {
			return fmt.Errorf("knowledge: Options.%s is %v, want at most 1 (0 = default, negative = off)", f.name, f.v)
		}
	}
	if o.Max < 0 {
		return fmt.Errorf("knowledge: Options.Max is %d, want >= 0 (0 = default %d)", o.Max, DefaultMax)
	}
	return nil
}

// resolved are the effective weights, indexed by edgeKind.
type resolved struct {
	w   [6]float64
	min float64
	max int
}

// resolve applies defaults. Invalid values (see Validate) fall back to the
// default so Expand never fails.
func (o Options) resolve() resolved {
	pick := func(v, def float64) float64 {
		switch {
		case math.IsNaN(v) || math.IsInf(v, 0) || v > 1 || v == 0:
			return def
		case v < 0:
			return 0
		}
		return v
	}
	var r resolved
	r.w[kindSynonym] = pick(o.Synonym, DefaultSynonym)
	r.w[kindNarrower] = pick(o.Narrower, DefaultNarrower)
	r.w[kindBroader] = pick(o.Broader, DefaultBroader)
	r.w[kindProblem] = pick(o.Problem, DefaultProblem)
	r.w[kindSolves] = pick(o.Solves, DefaultSolves)
	r.w[kindRelated] = pick(o.Related, DefaultRelated)
	switch {
	case o.MinWeight < 0:
		r.min = 0
	case o.MinWeight == 0 || o.MinWeight >= 1 || math.IsNaN(o.MinWeight):
		r.min = DefaultMinWeight
	default:
		r.min = o.MinWeight
	}
	r.max = o.Max
	if r.max <= 0 {
		r.max = DefaultMax
	}
	return r
}

// Match is one KB term found in a text.
type Match struct {
	// Term is the KB term (display form).
	Term string
	// Start and End are byte offsets of the occurrence in the original text.
	Start, End int
}

// scan folds text and returns its runes, the byte offset of each rune (plus
// one past the end), every match and the maximal matches.
func (g *Graph) scan(text string) (runes []rune, offs []int, all, max []match) {
	runes = make([]rune, 0, len(text)/2)
	offs = make([]int, 0, len(text)/2+1)
	for i, r := range text {
		runes = append(runes, foldRune(r))
		offs = append(offs, i)
	}
	offs = append(offs, len(text))
	all = g.m.findAll(runes)
	return runes, offs, all, maximal(all)
}

// Find returns the maximal KB term occurrences in text (see the package doc
// for the matching rules), in text order, with byte offsets into text.
// Time O(len(text) + matches).
func (g *Graph) Find(text string) []Match {
	_, offs, _, ms := g.scan(text)
	out := make([]Match, len(ms))
	for i, m := range ms {
		out[i] = Match{Term: g.terms[m.term].display, Start: offs[m.start], End: offs[m.end]}
	}
	return out
}

// Expand finds the KB terms in text (maximal matches, see the package doc)
// and returns the weighted related terms:
//
//   - the matched term's synonyms (Kind "synonym", weight Synonym);
//   - narrower and broader terms of its synonym set ("narrower", "broader");
//   - for a symptom, the techniques addressing it ("problem", line weight ×
//     Problem), for a technique the symptoms it addresses ("solves", line
//     weight × Solves), associations ("related", line weight × Related);
//   - one hop further, the synonyms of each linked term (kind of the link,
//     weight the product of the link weight and Synonym).
//
// Each target term appears once, with its largest weight (ties: the match
// earliest in the text, then kind order synonym, narrower, broader, problem,
// solves, related); terms occurring in the text are excluded, weights below
// MinWeight are dropped. Order: weight descending, then To ascending; at most
// Max results. From and To are display forms. Invalid Options fields fall
// back to their defaults (use Options.Validate to reject them).
//
// Time O(len(text) + matches × links); safe for concurrent use.
func (g *Graph) Expand(text string, opt Options) []techmatch.Expansion {
	r := opt.resolve()
	_, _, all, ms := g.scan(text)
	if len(ms) == 0 {
		return nil
	}
	present := make(map[int32]bool, len(all))
	for _, m := range all {
		present[m.term] = true
	}
	type cand struct {
		from int32
		kind edgeKind
		w    float64
	}
	best := map[int32]cand{}
	offer := func(from, to int32, k edgeKind, w float64) {
		if present[to] || w <= 0 || w < r.min {
			return
		}
		if old, ok := best[to]; ok && old.w >= w {
			return
		}
		best[to] = cand{from: from, kind: k, w: w}
	}
	done := make(map[int32]bool, len(ms))
	for _, m := range ms {
		t := m.term
		if done[t] {
			continue
		}
		done[t] = true
		c := g.terms[t].concept
		if ws := r.w[kindSynonym]; ws > 0 {
			for _, s := range g.members[c] {
				if s != t {
					offer(t, s, kindSynonym, ws)
				}
			}
		}
		for _, e := range g.edges[c] {
			w := e.w * r.w[e.kind]
			if w <= 0 || w < r.min {
				continue
			}
			offer(t, e.to, e.kind, w)
			if ws := r.w[kindSynonym]; ws > 0 {
				for _, s := range g.members[g.terms[e.to].concept] {
					if s != e.to {
						offer(t, s, e.kind, w*ws)
					}
				}
			}
		}
	}
	out := make([]techmatch.Expansion, 0, len(best))
	for to, c := range best {
		out = append(out, techmatch.Expansion{
			From:   g.terms[c.from].display,
			To:     g.terms[to].display,
			Kind:   c.kind.String(),
			Weight: round4(c.w),
		})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Weight != out[j].Weight {
			return out[i].Weight > out[j].Weight
		}
		return out[i].To < out[j].To
	})
	if len(out) > r.max {
		out = out[:r.max]
	}
	return out
}

// round4 rounds to 4 decimals so products like 0.7×0.8 print cleanly.
func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }
