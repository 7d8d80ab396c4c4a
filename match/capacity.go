package match

import (
	"context"
	"fmt"
	"slices"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/match/assign"
)

// Assignment is the result of Engine.Assign. It is plain data: safe to
// copy and to read from many goroutines.
type Assignment struct {
	// Pairs are the chosen pairs, need by need in catalog order, each
	// need's by score (descending, then achievement id), ranked 1.. within
	// the need.
	Pairs []techmatch.Pair
	// Displaced are the pairs of a need's unconstrained top Options.Top
	// that the caps kept out, in the same order, with their unconstrained
	// rank and the cap that displaced them.
	Displaced []Displaced
	// Total is the sum of the chosen pairs' scores.
	Total float64
	// Candidates is the number of candidate pairs given to the solver.
	Candidates int
}

// Displaced is a pair of a need's top-k that the assignment did not
// choose. Pair.Rank is its rank in the unconstrained top-k.
type Displaced struct {
	techmatch.Pair
	// Reason is the cap that kept it out (Reason.Text is the Chinese
	// sentence, e.g. 该成果本季对接名额已满).
	Reason assign.Reason
}

// CandidatesPerNeed returns the candidates per need Assign takes: K =
// max(top, 3 × caps.PerNeed), so the solver has room to move a need to
// its next choices when its first ones are full. With an unlimited
// PerNeed it is top.
func CandidatesPerNeed(top int, caps assign.Caps) int {
	if top == 0 {
		top = DefaultTop
	}
	return min(MaxTop, max(top, 3*caps.PerNeed))
}

// Assign proposes achievements to needs under capacities: each need's
// top K candidates (K = CandidatesPerNeed(opt.Top, caps)) by the engine's
// score, then the set of pairs of largest total score that gives no need
// more than caps.PerNeed pairs, no achievement more than
// caps.PerAchievement and no owner (Achievement.Owner; an achievement
// without owner is its own) more than caps.PerOwner (assign.Solve; 0 =
// unlimited, pairs with a score ≤ 0 are never chosen). With every cap
// unlimited, or caps.PerNeed = opt.Top and the others unlimited, the
// chosen pairs are the top-k of MatchEach.
//
// opt is as for MatchEach (OnSkip, Workers, Industries, NoExplain). The
// cost is MatchEach's with Top = K, plus assign.Solve's. Assign is safe
// for concurrent use, like the engine.
func (e *Engine) Assign(ctx context.Context, needs []techmatch.Need, opt Options, caps assign.Caps) (Assignment, error) {
	if err := caps.Validate(); err != nil {
		return Assignment{}, fmt.Errorf("match: assign: %w", err)
	}
	if err := opt.Validate(); err != nil {
		return Assignment{}, err
	}
	top := opt.Top
	if top == 0 {
		top = DefaultTop
	}
	wide := opt
	wide.Top = CandidatesPerNeed(top, caps)
	// found[i] are need i's candidates, by rank.
	found := make([][]techmatch.Pair, len(needs))
	n := 0
	err := e.MatchEach(ctx, needs, wide, func(i int, pairs []techmatch.Pair) error {
		found[i] = pairs
		n += len(pairs)
		return nil
	})
	if err != nil {
		return Assignment{}, err
	}
	cands := make([]assign.Pair, 0, n)
	for _, ps := range found {
		for _, p := range ps {
			owner := ""
			if a, ok := e.idx.Get(p.AchievementID); ok {
				owner = a.Owner
			}
			cands = append(cands, assign.Pair{Need: p.NeedID, Achievement: p.AchievementID, Owner: owner, Score: p.Score})
		}
	}
	res, err := assign.Solve(ctx, cands, caps)
	if err != nil {
		return Assignment{}, fmt.Errorf("match: assign: %w", err)
	}
	chosen := make(map[assign.PairKey]bool, len(res.Chosen))
	for _, p := range res.Chosen {
		chosen[p.Key()] = true
	}
	out := Assignment{Total: res.Total, Candidates: len(cands)}
	for _, ps := range found {
		var mine []techmatch.Pair
		for _, p := range ps {
			k := assign.PairKey{Need: p.NeedID, Achievement: p.AchievementID}
			switch {
			case chosen[k]:
				mine = append(mine, p)
			case p.Rank <= top:
				out.Displaced = append(out.Displaced, Displaced{Pair: p, Reason: res.Displaced[k]})
			}
		}
		// found is by rank (score, then id): the chosen keep that order.
		slices.SortStableFunc(mine, func(a, b techmatch.Pair) int { return a.Rank - b.Rank })
		for r := range mine {
			mine[r].Rank = r + 1
		}
		out.Pairs = append(out.Pairs, mine...)
	}
	return out, nil
}
