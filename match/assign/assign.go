package assign

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
)

// Resolution is the unit scores are rounded to before solving (see the
// package documentation).
const Resolution = 1e-9

// MaxTotalScore is the largest sum of the positive scores of one Solve
// call: it keeps every intermediate integer below 2^63.
const MaxTotalScore = 1e8

// MaxPairs is the largest number of pairs of one Solve call, for the same
// reason.
const MaxPairs = 1 << 26

// Unlimited is the cap value meaning "no limit".
const Unlimited = 0

// Errors of Solve and Caps.Validate; test them with errors.Is. Errors about
// one pair are *PairError values that also match one of the pair kinds.
var (
	// ErrInvalidCaps is a negative cap.
	ErrInvalidCaps = errors.New("invalid caps")
	// ErrEmptyID is a pair with an empty need or achievement id.
	ErrEmptyID = errors.New("empty id")
	// ErrBadScore is a score that is NaN or infinite.
	ErrBadScore = errors.New("score is not a finite number")
	// ErrDuplicatePair is the same need and achievement twice.
	ErrDuplicatePair = errors.New("duplicate pair")
	// ErrOwnerConflict is an achievement given two different owners
	// (an empty owner counts as a value).
	ErrOwnerConflict = errors.New("achievement has two owners")
	// ErrTooLarge is an input beyond MaxPairs or MaxTotalScore.
	ErrTooLarge = errors.New("input too large")
)

// Pair is one candidate proposal: an achievement for a need, with the
// achievement's owner (a university, an institute; empty when unknown) and
// the matching score. Pairs are plain values, safe to copy and share.
type Pair struct {
	Need        string
	Achievement string
	// Owner is the achievement's owner; every pair of one achievement must
	// give the same owner. Empty means the achievement is its own owner.
	Owner string
	Score float64
}

// PairKey names a pair by its ids.
type PairKey struct {
	Need, Achievement string
}

// Key returns the pair's ids.
func (p Pair) Key() PairKey { return PairKey{Need: p.Need, Achievement: p.Achievement} }

// Caps are the capacities of one assignment. The zero value (every cap
// Unlimited) chooses every pair with a positive score. Caps are plain
// values, safe to copy and share.
type Caps struct {
	// PerNeed is the most pairs chosen for one need (0: unlimited).
	PerNeed int
	// PerAchievement is the most pairs chosen for one achievement
	// (0: unlimited).
	PerAchievement int
	// PerOwner is the most pairs chosen for the achievements of one owner
	// together (0: unlimited).
	PerOwner int
}

// Validate reports a negative cap, naming the field (ErrInvalidCaps).
func (c Caps) Validate() error {
	for _, f := range []struct {
		name string
		v    int
	}{{"PerNeed", c.PerNeed}, {"PerAchievement", c.PerAchievement}, {"PerOwner", c.PerOwner}} {
		if f.v < 0 {
			return fmt.Errorf("%w: %s is %d, want ≥ 0 (0 = unlimited)", ErrInvalidCaps, f.name, f.v)
		}
	}
	return nil
}

// Reason says why a candidate pair was not chosen (see the package
// documentation for the precise rule).
type Reason int

// Reasons, in the order they are tested.
const (
	// ReasonNotPositive: the score is not positive after rounding.
	ReasonNotPositive Reason = iota + 1
	// ReasonAchievementFull: the achievement's cap is used up.
	ReasonAchievementFull
	// ReasonOwnerFull: the owner's cap is used up.
	ReasonOwnerFull
	// ReasonNeedFull: the need has its cap of better (or equal, earlier
	// in the tie order) pairs.
	ReasonNeedFull
)

var reasonNames = [...]string{"", "not_positive", "achievement_full", "owner_full", "need_full"}
var reasonTexts = [...]string{"", "匹配分数过低", "该成果本季对接名额已满", "该单位本季对接名额已满", "需求已有更合适的推荐"}

// String returns a stable code: not_positive, achievement_full,
// owner_full or need_full.
func (r Reason) String() string {
	if r <= 0 || int(r) >= len(reasonNames) {
		return fmt.Sprintf("Reason(%d)", int(r))
	}
	return reasonNames[r]
}

// Text returns the reason as a Chinese sentence for explanations, e.g.
// 该成果本季对接名额已满.
func (r Reason) Text() string {
	if r <= 0 || int(r) >= len(reasonTexts) {
		return r.String()
	}
	return reasonTexts[r]
}

// Result is an optimal assignment. It is not modified after Solve returns
// it; reading it from many goroutines is safe.
type Result struct {
	// Chosen are the chosen pairs, as given, sorted by need id, then score
	// descending, then achievement id.
	Chosen []Pair
	// Total is the sum of the chosen scores, added in Chosen's order.
	Total float64
	// Displaced has an entry for every pair given that was not chosen.
	Displaced map[PairKey]Reason
}

// PairError is a bad pair: its index in the slice given to Solve, its ids
// and the kind (ErrEmptyID, ErrBadScore, ErrDuplicatePair,
// ErrOwnerConflict), which errors.Is sees through Unwrap.
type PairError struct {
	Index       int
	Need        string
	Achievement string
	Err         error
}

// Error reads like `pair 17 (need "N1", achievement "A3"): duplicate pair:
// also at pair 4`; ids are quoted with Go escapes.
func (e *PairError) Error() string {
	return fmt.Sprintf("pair %d (need %q, achievement %q): %v", e.Index, e.Need, e.Achievement, e.Err)
}

// Unwrap returns the kind of problem.
func (e *PairError) Unwrap() error { return e.Err }

// Solve returns the set of pairs with the largest total score under caps
// (see the package documentation for the model, ties and complexity). It
// checks ctx between needs and returns its error, wrapped. An invalid
// pair is a *PairError; nothing is solved then.
//
// Solve keeps no state between calls and does not modify pairs: calls
// may run concurrently.
func Solve(ctx context.Context, pairs []Pair, caps Caps) (Result, error) {
	if err := caps.Validate(); err != nil {
		return Result{}, err
	}
	if err := ctx.Err(); err != nil {
		return Result{}, fmt.Errorf("assign: %w", err)
	}
	in, err := canonical(pairs)
	if err != nil {
		return Result{}, err
	}
	net := build(in, caps)
	if err := net.run(ctx); err != nil {
		return Result{}, fmt.Errorf("assign: after %d of %d needs: %w", net.needsDone, len(in.needs), err)
	}
	return net.result(in, pairs), nil
}

// instance is the input in canonical order.
type instance struct {
	needs, achs []string // sorted distinct ids
	// owner[a] is the owner index of achievement a; -1 for none.
	owner  []int32
	owners int
	// order lists the pairs' input indices sorted by (need, achievement).
	order []int32
	// need, ach are the need and achievement index of each input pair.
	need, ach []int32
	// units is each input pair's rounded score (0 when not positive).
	units []int64
}

// canonical checks pairs and puts them in canonical order.
func canonical(pairs []Pair) (*instance, error) {
	if len(pairs) > MaxPairs {
		return nil, fmt.Errorf("%w: %d pairs, over the limit of %d", ErrTooLarge, len(pairs), MaxPairs)
	}
	in := &instance{
		need:  make([]int32, len(pairs)),
		ach:   make([]int32, len(pairs)),
		units: make([]int64, len(pairs)),
	}
	needIdx := map[string]int32{}
	achIdx := map[string]int32{}
	ownerIdx := map[string]int32{}
	var achOwner []string // owner string of achievement (first-seen index)
	var achFirst []int    // input index that set it
	total := 0.0
	for i, p := range pairs {
		switch {
		case p.Need == "" || p.Achievement == "":
			return nil, &PairError{Index: i, Need: p.Need, Achievement: p.Achievement, Err: ErrEmptyID}
		case math.IsNaN(p.Score) || math.IsInf(p.Score, 0):
			return nil, &PairError{Index: i, Need: p.Need, Achievement: p.Achievement,
				Err: fmt.Errorf("%w: %v", ErrBadScore, p.Score)}
		}
		n, ok := needIdx[p.Need]
		if !ok {
			n = int32(len(needIdx))
			needIdx[p.Need] = n
		}
		a, ok := achIdx[p.Achievement]
		if !ok {
			a = int32(len(achIdx))
			achIdx[p.Achievement] = a
			achOwner = append(achOwner, p.Owner)
			achFirst = append(achFirst, i)
		} else if achOwner[a] != p.Owner {
			return nil, &PairError{Index: i, Need: p.Need, Achievement: p.Achievement,
				Err: fmt.Errorf("%w: owner %q here, %q at pair %d", ErrOwnerConflict, p.Owner, achOwner[a], achFirst[a])}
		}
		in.need[i], in.ach[i] = n, a
		if p.Score > 0 {
			total += p.Score
			if total > MaxTotalScore {
				return nil, fmt.Errorf("%w: the positive scores add up to more than %g (at pair %d); scale them down",
					ErrTooLarge, MaxTotalScore, i)
			}
			in.units[i] = int64(math.Round(p.Score / Resolution))
		}
	}
	// Rank the ids in byte order and renumber.
	in.needs = sortedKeys(needIdx)
	in.achs = sortedKeys(achIdx)
	needRank := ranks(in.needs, needIdx)
	achRank := ranks(in.achs, achIdx)
	for i := range pairs {
		in.need[i] = needRank[in.need[i]]
		in.ach[i] = achRank[in.ach[i]]
	}
	in.owner = make([]int32, len(in.achs))
	for _, name := range achOwner {
		if name != "" {
			ownerIdx[name] = 0
		}
	}
	for i, name := range sortedKeys(ownerIdx) {
		ownerIdx[name] = int32(i)
	}
	in.owners = len(ownerIdx)
	for a, name := range achOwner {
		o := int32(-1)
		if name != "" {
			o = ownerIdx[name]
		}
		in.owner[achRank[a]] = o
	}
	in.order = make([]int32, len(pairs))
	for i := range in.order {
		in.order[i] = int32(i)
	}
	slices.SortFunc(in.order, func(x, y int32) int {
		return cmp.Or(cmp.Compare(in.need[x], in.need[y]), cmp.Compare(in.ach[x], in.ach[y]), cmp.Compare(x, y))
	})
	for k := 1; k < len(in.order); k++ {
		x, y := in.order[k-1], in.order[k]
		if in.need[x] == in.need[y] && in.ach[x] == in.ach[y] {
			return nil, &PairError{Index: int(y), Need: pairs[y].Need, Achievement: pairs[y].Achievement,
				Err: fmt.Errorf("%w: also at pair %d", ErrDuplicatePair, x)}
		}
	}
	return in, nil
}

// sortedKeys returns m's keys in byte order.
func sortedKeys(m map[string]int32) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// ranks maps first-seen indices (m's values) to positions in sorted.
func ranks(sorted []string, m map[string]int32) []int32 {
	r := make([]int32, len(sorted))
	for pos, k := range sorted {
		r[m[k]] = int32(pos)
	}
	return r
}
