// Package dedup finds near-duplicate records: the same achievement (or
// need) re-submitted under a new id, with a re-worded title, an edited
// description, changed figures, across quarters or within one file.
//
// # Method
//
// Find turns each record's title, description and keywords into a set of
// character shingles (3 characters by default) of the normalised text:
// segment.Normalize (full-width → ASCII, lower case), letters and digits
// only, every digit folded to 0 — so re-punctuation, re-spacing and
// changed figures leave the set unchanged. Character shingles need no
// word segmentation and are robust for Chinese.
//
// MinHash signatures (Bands × Rows hash functions, default 128 × 4)
// banded into an LSH index propose candidate pairs: a pair of Jaccard
// similarity s becomes a candidate with probability 1 − (1 − s⁴)¹²⁸
// (0.96 at s = 0.4, 0.19 at 0.2, 0.013 at 0.1). Each candidate is verified
// with the exact Jaccard similarity of the two sets and the field rule:
//
//   - records of different catalogs (an achievement and a need) never merge;
//   - records whose owners (Achievement.Owner, Need.Org; compared after
//     normalisation, ignoring spacing and punctuation) are both known and
//     differ never merge by default (Config.CrossOwner): a licensee
//     re-offering a university's achievement is another offer, with
//     another party to contact;
//   - other pairs merge at Jaccard ≥ Config.Threshold (default 0.4).
//
// Clusters are formed newest first (by date, then id): the newest record
// not yet clustered takes every verified neighbour not yet clustered, so
// every member is similar to its cluster's newest member, and no chain of
// small edits joins two different records through a middle one. Each
// cluster lists the fields in which every member differs from the newest
// (Diff). Fold drops all but the newest member of each cluster, returning
// a map from each dropped id to the id kept.
//
// # Measured quality
//
// TestEvaluation makes perturbed copies of 20 % of the bundled catalogs
// (testdata and hold-out: 580 achievements, 230 needs) — sentences
// re-ordered, technical synonyms swapped (提高/提升, 降低/减少, 技术/工艺,
// 装置/设备 …), figures changed, sentences added or removed, keywords
// edited, titles re-worded, new id, same owner, a later date — at three
// strengths, mixes them into the catalog and scores the found pairs
// against the known ones. At the defaults, over seeds 1–3:
//
//	              precision  recall   light   medium   heavy
//	achievements  1.000      0.90–0.94  100 %  91–98 %  80–88 %
//	needs         1.000      0.93–0.96  100 %  93–100 % 79–93 %
//
// and no two original records are merged: the catalogs' same-owner
// look-alikes (e.g. A0135/A0260, two wireless chargers of one university,
// Jaccard 0.33; A0101/A0254, 0.31) stay apart. The copies missed are
// heavy edits whose main technical sentence was removed, leaving a
// description of boilerplate (patents, team) of Jaccard 0.2–0.35 with the
// original. TestThresholdSweep shows the trade-off: at 0.3 recall rises
// to 0.91–1.0 but two original pairs merge; at 0.25, three.
//
// # Cost
//
// O(L·Bands·Rows) per record of L characters to hash, n·Bands band keys
// sorted, plus the candidate pairs verified in O(L) each; with
// Config.Exact every pair, O(n²·L). Buckets are capped (maxBucket) so a
// template copied many times cannot make the candidates quadratic.
// BenchmarkFind (generated achievements with 10 % re-submitted copies;
// bench/gen's vocabulary is small, so its records share far more shingles
// than real catalogs and yield many candidates): 1,000 records 0.15 s,
// 10,000 records 2.2–3.7 s (0.56 M candidates), 100,000 records 97 s
// (29.5 M candidates, 2.1 GB allocated) — over the one-minute target on
// this generated data; with Bands × Rows = 64 × 3 it was 125 s (91 M
// candidates).
package dedup
