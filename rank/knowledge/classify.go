package knowledge

import (
	"math"
	"sort"
	"unicode/utf8"

	"github.com/techmatch/techmatch"
)

// IndustryScore is one industry suggested for a text by Classify.
//
// A plain value, safe to copy and share.
type IndustryScore struct {
	Industry techmatch.Industry `json:"industry"`
	// Score is the confidence in [0,1]; see Classify.
	Score float64 `json:"score"`
	// Terms are the KB terms that voted for this industry, in text order.
	Terms []string `json:"terms,omitempty"`
}

// classifySaturation is the total evidence (in "4-rune term" units) at which
// the confidence reaches 1-1/e of the industry's share.
const classifySaturation = 2.0

// Classify suggests industries for text from the industries of the KB terms
// it contains (each term knows the data files it was stated in).
//
// Each distinct maximal match votes with its specificity, min(runes, 8)/4
// (a 2-rune term 0.5, a 4-rune term 1, an 8-rune term 2), split evenly among
// the term's industries. An industry's Score is its share of all votes times
// the evidence saturation 1-exp(-total/2), so one short generic term gives a
// low confidence and several specific terms a high one. Results are sorted by
// Score descending, then industry code; industries without votes are
// omitted; a text without KB terms gives nil. Callers choose the threshold
// (0.3 keeps the clear cases). Time O(len(text) + matches); safe for
// concurrent use.
func (g *Graph) Classify(text string) []IndustryScore {
	_, _, _, ms := g.scan(text)
	votes := map[techmatch.Industry]float64{}
	terms := map[techmatch.Industry][]string{}
	seen := map[int32]bool{}
	total := 0.0
	for _, m := range ms {
		if seen[m.term] {
			continue
		}
		seen[m.term] = true
		t := g.terms[m.term]
		if len(t.industries) == 0 {
			continue
		}
		n := utf8.RuneCountInString(t.key)
		if n > 8 {
			n = 8
		}
		v := float64(n) / 4
		total += v
		for _, ind := range t.industries {
			votes[ind] += v / float64(len(t.industries))
			terms[ind] = append(terms[ind], t.display)
		}
	}
	if total == 0 {
		return nil
	}
	sat := 1 - math.Exp(-total/classifySaturation)
	out := make([]IndustryScore, 0, len(votes))
	for ind, v := range votes {
		out = append(out, IndustryScore{Industry: ind, Score: round4(v / total * sat), Terms: terms[ind]})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Industry < out[j].Industry
	})
	return out
}
