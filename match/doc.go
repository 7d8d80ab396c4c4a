// Package match is the engine users call: one need → its top-k
// achievements (Engine.Match), a whole catalog of needs in one job
// (Engine.MatchAll, MatchEach), and the reverse direction, one achievement →
// its top-k needs (Reverse).
//
// Pipeline per query record:
//
//  1. analyse the record's text with the index's segmenter into weighted
//     query terms (words from title, description and keywords; CJK
//     character bigrams as a low-weight backoff), dropping stop words and
//     need boilerplate (我公司, 急需, 欢迎洽谈 …);
//  2. retrieve candidates from the index's match core (BM25F impacts,
//     industry bitmap filter, exact top-n);
//  3. score each candidate with the rank.Scorer: text relevance normalised
//     by the best candidate's, plus the non-text features (industry,
//     feasibility, region, tiers);
//  4. keep the top-k by score, ties broken by id, so output is
//     byte-for-byte reproducible.
//
// Step 2 widens n until no unseen candidate can enter the top-k: an unseen
// candidate's score is at most Text·s_n/s_1 + rank.Scorer.MaxPrior, where
// s_n is the n-th text score. The result therefore equals exhaustive
// scoring of every document with a non-zero text match under the same
// scorer. A pair needs some text evidence: documents sharing no query term
// are never proposed.
package match
