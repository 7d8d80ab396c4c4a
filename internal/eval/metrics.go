package eval

import (
	"math"
	"sort"
)

// Scores holds the metrics of one need, or their mean over needs.
type Scores struct {
	NDCG   float64 `json:"ndcg"`
	Recall float64 `json:"recall"`
	P1     float64 `json:"p1"`
	MRR    float64 `json:"mrr"`
}

// Score computes the metrics at cutoff k for one ranked list of
// achievement ids against the judgments of one need. O(len(ranked) + j log j)
// for j judged documents.
func Score(ranked []string, judged map[string]int, k int) Scores {
	var s Scores
	if len(judged) == 0 {
		return s
	}
	if len(ranked) > k {
		ranked = ranked[:k]
	}
	relevant := 0
	grades := make([]int, 0, len(judged))
	for _, g := range judged {
		if g > 0 {
			relevant++
			grades = append(grades, g)
		}
	}
	if relevant == 0 {
		return s
	}
	sort.Sort(sort.Reverse(sort.IntSlice(grades)))
	var dcg, idcg float64
	found := 0
	for i, id := range ranked {
		g := judged[id]
		if g <= 0 {
			continue
		}
		dcg += gain(g) / math.Log2(float64(i)+2)
		found++
		if s.MRR == 0 {
			s.MRR = 1 / float64(i+1)
		}
		if i == 0 {
			s.P1 = 1
		}
	}
	for i, g := range grades {
		if i >= k {
			break
		}
		idcg += gain(g) / math.Log2(float64(i)+2)
	}
	s.NDCG = dcg / idcg
	s.Recall = float64(found) / float64(relevant)
	return s
}

func gain(grade int) float64 { return math.Exp2(float64(grade)) - 1 }

// Mean averages per-need scores; the mean of nothing is all zeros.
func Mean(per []Scores) Scores {
	var m Scores
	if len(per) == 0 {
		return m
	}
	for _, s := range per {
		m.NDCG += s.NDCG
		m.Recall += s.Recall
		m.P1 += s.P1
		m.MRR += s.MRR
	}
	n := float64(len(per))
	return Scores{NDCG: m.NDCG / n, Recall: m.Recall / n, P1: m.P1 / n, MRR: m.MRR / n}
}

// Run is the evaluation of one system over a set of needs.
type Run struct {
	// PerNeed holds the scores of every judged need, keyed by need id.
	PerNeed map[string]Scores
	// Mean is the average over PerNeed.
	Mean Scores
}

// Evaluate scores ranked lists (need id → achievement ids, best first) at
// cutoff k. Needs absent from qrels are skipped; judged needs missing from
// rankings score 0.
func Evaluate(rankings map[string][]string, q Qrels, k int) Run {
	r := Run{PerNeed: make(map[string]Scores, len(q))}
	per := make([]Scores, 0, len(q))
	for need, judged := range q {
		s := Score(rankings[need], judged, k)
		r.PerNeed[need] = s
		per = append(per, s)
	}
	r.Mean = Mean(per)
	return r
}

// MeanOver averages the run's scores over a subset of needs (for per-type
// reports); ids without judgments are ignored.
func (r Run) MeanOver(ids []string) Scores {
	per := make([]Scores, 0, len(ids))
	for _, id := range ids {
		if s, ok := r.PerNeed[id]; ok {
			per = append(per, s)
		}
	}
	return Mean(per)
}
