// Package tune fits the scorer's feature weights (rank.Weights) to graded
// judgments and measures the fit on needs it was not fitted on.
//
// # Data
//
// The input is one Need per judged need: its candidate pool (the top
// achievements by text relevance, as match.Engine.Features returns them)
// with the unweighted feature values of every candidate, and the need's
// judgments (achievement id → grade, as in an eval.Qrels). A candidate's
// score under weights w is Σ w[i]×Values[i] in rank feature order
// (rank.Weights.Vector); candidates with Keep=false (a violated hard
// constraint) are dropped; ties are broken by achievement id, as the engine
// does. Rescoring these rows is pure arithmetic, so the whole search runs
// without touching the index again.
//
// # Method
//
// Fit runs coordinate ascent on mean nDCG@K over the needs: for each
// learnable weight in turn it tries a grid of values — the current value
// times each of Config.Steps, 0 (except for text, which stays > 0), and
// fixed fractions of the current total weight (so that a weight at 0 can
// come back) — and keeps the best strictly improving one. Passes repeat
// until one changes nothing or Config.Passes is reached. The search starts
// from the start weights and from Config.Restarts random points drawn from
// a generator seeded with Config.Seed; the best training objective wins
// (earlier starts win ties), so results are deterministic.
//
// Only ratios between weights matter for the order of one need's
// candidates, so fitted weights are normalised to sum to 1. A feature that
// is constant within every need cannot be learned from per-need rankings:
// demand_priority always is (it depends on the need only) and so is a
// feature switched off or without variation in the data. Such features keep
// their share of the (normalised) start weights and are listed in
// Result.Learned as false; adding a per-need constant does not change a
// need's ranking, so this normalisation is exact.
//
// CrossValidate splits the needs into Config.Folds folds (a seeded,
// deterministic shuffle of the sorted need ids), fits on all folds but one
// and scores the held-out fold with both the fitted and the start weights.
// Every need is held out exactly once, so the held-out means are means over
// all needs of scores from weights that never saw that need; compare them
// with the training means to see overfitting.
//
// Metrics are those of internal/eval (nDCG@K, Recall@K, P@1, MRR; gain
// 2^grade−1). Recall is bounded by the pool: a relevant achievement outside
// a need's candidate rows is never retrieved.
//
// # Cost
//
// One objective evaluation costs O(rows × relevant rows) per need. A full
// 5-fold run over 160 needs × 100 rows takes well under a second on one
// core; folds run concurrently.
package tune
