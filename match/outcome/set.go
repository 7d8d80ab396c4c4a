package outcome

import "cmp"

// Set holds the latest outcome of every pair of some feedback records. It
// is read-only after NewSet and safe for concurrent use; a nil *Set holds
// nothing.
type Set struct {
	pairs map[[2]string]Record // (need id, achievement id) → latest record
}

// NewSet keeps, for every (need, achievement) pair, its latest record: the
// latest Date (a record without one is older than any dated one), then the
// later in recs. O(len(recs)).
func NewSet(recs []Record) *Set {
	s := &Set{pairs: make(map[[2]string]Record, len(recs))}
	for _, r := range recs {
		k := [2]string{r.NeedID, r.AchievementID}
		if old, ok := s.pairs[k]; ok && cmp.Compare(r.Date, old.Date) < 0 {
			continue
		}
		s.pairs[k] = r
	}
	return s
}

// Len returns the number of pairs with an outcome.
func (s *Set) Len() int {
	if s == nil {
		return 0
	}
	return len(s.pairs)
}

// Get returns the latest record of the pair and whether there is one.
func (s *Set) Get(needID, achievementID string) (Record, bool) {
	if s == nil {
		return Record{}, false
	}
	r, ok := s.pairs[[2]string{needID, achievementID}]
	return r, ok
}

// Rejected reports whether the pair's latest outcome is Rejected (不合适).
func (s *Set) Rejected(needID, achievementID string) bool {
	r, ok := s.Get(needID, achievementID)
	return ok && r.Outcome == Rejected
}

// Judgments returns the outcomes as graded judgments, need id →
// achievement id → grade (Outcome.Grade: 已对接 2, 有意向 1, 不合适 0), the
// form of qrels. The maps are new; the caller may keep them.
func (s *Set) Judgments() map[string]map[string]int {
	q := map[string]map[string]int{}
	if s == nil {
		return q
	}
	for k, r := range s.pairs {
		if q[k[0]] == nil {
			q[k[0]] = map[string]int{}
		}
		q[k[0]][k[1]] = r.Outcome.Grade()
	}
	return q
}

// MinJudgedNeeds is the fewest needs with a positive outcome (已对接 or
// 有意向) that weight fitting on feedback accepts (the CLI's tune
// --feedback default): below it, held-out figures over a few folds of a
// handful of needs say nothing, and fitted weights would chase noise.
const MinJudgedNeeds = 20

// JudgedNeeds returns how many needs have at least one positive outcome
// and are known to has (nil: every need counts): the needs weight fitting
// can learn from.
func (s *Set) JudgedNeeds(has func(needID string) bool) int {
	n := 0
	for need, js := range s.Judgments() {
		if has != nil && !has(need) {
			continue
		}
		for _, g := range js {
			if g > 0 {
				n++
				break
			}
		}
	}
	return n
}

// Mark is the note shown beside a pair marked 不合适 in an earlier round,
// with its reason and date when known: 曾被标记不合适（价格，2026-10-12）.
func Mark(r Record) string {
	s := "曾被标记不合适"
	switch {
	case r.Reason != "" && r.Date != "":
		s += "（" + string(r.Reason) + "，" + r.Date + "）"
	case r.Reason != "":
		s += "（" + string(r.Reason) + "）"
	case r.Date != "":
		s += "（" + r.Date + "）"
	}
	return s
}
