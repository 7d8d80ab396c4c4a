// Package assign chooses, under capacities, which candidate pairs a
// technology-transfer agency proposes: every need's candidate achievements
// (its top-K by score) go in, and the set of pairs with the largest total
// score that respects three caps comes out — at most Caps.PerNeed proposals
// per need, Caps.PerAchievement per achievement (a lab can take on a handful
// of enterprises) and Caps.PerOwner per owner (a university's total).
//
// # Model
//
// The choice is a maximum-weight flow in the network
//
//	need ──(pair, cap 1, cost −score)──▶ achievement ──(PerAchievement)──▶ owner ──(PerOwner)──▶ sink
//
// where every need has PerNeed units to place and may leave any of them
// unplaced at cost 0 (an edge need→sink). A pair whose score is not
// positive is never chosen: it would lower the total. An achievement
// without an owner (Pair.Owner empty) is its own owner: its edge goes
// straight to the sink with capacity min(PerAchievement, PerOwner), and it
// shares no cap with any other achievement. A cap of 0 means unlimited.
//
// Because every capacity is an integer, the flow's optimum is integral and
// equals the optimum of the linear program of the same caps; Solve finds it
// exactly.
//
// # Scores, resolution and ties
//
// Scores are rounded to integer multiples of Resolution (1e-9) before
// solving, so the arithmetic is exact and the result does not depend on
// the order of floating-point sums: the chosen set maximises the total of
// the rounded scores. It is therefore within len(Chosen)·Resolution/2 of
// the maximum of the float scores, and a pair whose score rounds to 0
// (below 5e-10) is treated as not positive. Result.Total is the sum of the
// chosen pairs' unrounded scores, added in the order of Result.Chosen.
//
// Ties are resolved by a second, lexicographically smaller objective: sort
// the positive pairs by need id, then achievement id (byte order), and give
// the pair at position i (0-based) of P the priority P−i. Among all sets
// with the same rounded total, Solve returns one with the largest sum of
// priorities. So when two pairs of equal score compete for one slot, the
// one with the smaller need id wins, then the one with the smaller
// achievement id. Sets equal on both objectives (rare: distinct pairs with
// equal priority sums) are decided by the fixed processing order below.
// The input is put in canonical order first, so the result depends only on
// the set of pairs, never on their order in the slice.
//
// # Algorithm and complexity
//
// Successive shortest paths on the residual network with node potentials
// (Ahuja, Magnanti and Orlin, Network Flows, §9.7), one need at a time in
// id order: each need's units are sent along shortest augmenting paths to
// the sink, found by Dijkstra's algorithm on reduced costs, stopping as
// soon as the sink is settled. Only the settled nodes' potentials change
// (by d(v)−d(sink)), which keeps every reduced cost non-negative, so each
// search costs time in the part of the network closer than the sink — in
// practice the need's candidates and the few pairs a full achievement or
// owner would have to give up — not in the whole network. Optimality
// follows from reduced-cost optimality holding after every augmentation;
// there is no approximation.
//
// With P positive pairs, V needs + achievements + owners and U = the sum
// over needs of min(PerNeed, positive candidates), Solve makes at most
// U + needs searches: O(P log P) to sort and build plus O((U+N)·(V+P)·log V)
// in the worst case. BenchmarkSolve measures it with caps 3 per need, 5
// per achievement and 20 per owner (2 shared cores, go1.26, one run each,
// other jobs on the machine):
//
//	10,000 needs × 100,000 achievements, K = 30 (300,000 pairs),
//	5,000 owners, popularity skew 2                          1.4–4.3 s, 89 MB
//	1,000 needs × 10,000 achievements, same shape            0.09 s, 10 MB
//	tight owners (100 achievements per owner, skew 3):
//	1,000 needs × 10,000 achievements                        2.7 s
//	10,000 needs × 100,000 achievements                      110 s
//
// In the tight shape most owners are full, so each search settles about
// 1,450 nodes (against 14 in the realistic one) looking for the cheapest
// pair to give up; a primal-dual variant augmenting many paths per search
// would cut that and is not done yet.
//
// Integer safety: costs are pairs of int64 (rounded score, priority). Every
// potential and distance is bounded by a small multiple of the sum of the
// costs' magnitudes, so Solve refuses inputs whose positive scores add up
// to more than MaxTotalScore or that hold more than MaxPairs pairs
// (ErrTooLarge) rather than risk an overflow.
//
// # Displacement
//
// Result.Displaced gives, for every candidate pair that was not chosen,
// the cap that kept it out, for explanations (Reason.Text is the Chinese
// sentence):
//
//   - ReasonNotPositive: the score is not positive (after rounding);
//   - ReasonAchievementFull: the achievement's cap is used up in the
//     optimum (for an achievement without owner: min(PerAchievement,
//     PerOwner));
//   - ReasonOwnerFull: the achievement has room but its owner's cap is
//     used up;
//   - ReasonNeedFull: neither is full, so the need's own cap is: it has
//     PerNeed chosen pairs, each scoring at least as much as this one.
//
// The first that applies is given. One always does: if the achievement,
// its owner and the need all had room, adding the pair would raise the
// total, contradicting optimality.
package assign
