package match

import (
	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/rank/knowledge"
)

// DefaultMinConfidence is the Classify confidence an inferred industry
// needs (see knowledge.Graph.Classify: one short generic term stays below
// it, several specific terms reach it).
const DefaultMinConfidence = 0.3

// Labeler infers the industries of records that have none, from their
// text, with the knowledge base's classifier. Given industries are never
// overwritten; inferred ones are marked IndustriesInferred, so scorers
// can trust them less and filters still find the records.
//
// A Labeler is immutable and safe for concurrent use.
type Labeler struct {
	kb  *knowledge.Graph
	min float64
}

// NewLabeler returns a labeler over kb (nil: knowledge.Default()) keeping
// industries with confidence ≥ minConfidence (0: DefaultMinConfidence).
func NewLabeler(kb *knowledge.Graph, minConfidence float64) (*Labeler, error) {
	if kb == nil {
		var err error
		if kb, err = knowledge.Default(); err != nil {
			return nil, err
		}
	}
	if minConfidence <= 0 {
		minConfidence = DefaultMinConfidence
	}
	return &Labeler{kb: kb, min: minConfidence}, nil
}

// Infer returns the industries of a record's text with enough confidence,
// best first (nil when none reaches it). It has the signature of
// index.Labeler.
func (l *Labeler) Infer(rec techmatch.Record) []techmatch.Industry {
	var out []techmatch.Industry
	for _, s := range l.kb.Classify(recordText(rec)) {
		if s.Score >= l.min {
			out = append(out, s.Industry)
		}
	}
	return out
}

// Achievements labels, in place, the achievements without industries and
// returns how many got some. O(total text length).
func (l *Labeler) Achievements(achs []techmatch.Achievement) int {
	return label(l, achs, func(a *techmatch.Achievement, inds []techmatch.Industry) {
		a.Industries, a.IndustriesInferred = inds, true
	})
}

// Needs labels, in place, the needs without industries; see Achievements.
func (l *Labeler) Needs(needs []techmatch.Need) int {
	return label(l, needs, func(n *techmatch.Need, inds []techmatch.Industry) {
		n.Industries, n.IndustriesInferred = inds, true
	})
}

// label sets the inferred industries of the records that have none.
func label[R techmatch.Record](l *Labeler, recs []R, set func(*R, []techmatch.Industry)) int {
	n := 0
	for i := range recs {
		if len(recs[i].RecordIndustries()) > 0 {
			continue
		}
		if inds := l.Infer(recs[i]); len(inds) > 0 {
			set(&recs[i], inds)
			n++
		}
	}
	return n
}
