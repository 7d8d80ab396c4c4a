// Package eval measures ranking quality against graded judgments: it reads
// qrels files (need_id TAB achievement_id TAB grade) and computes nDCG@k,
// Recall@k, P@1 and MRR per need and averaged over needs.
//
// Conventions (the TREC ones): gain is 2^grade − 1, discount log2(rank+1),
// the ideal ranking is every judged document sorted by grade; Recall@k and
// MRR count a document as relevant when its grade is ≥ 1; P@1 counts the
// first result as a hit when its grade is ≥ 1. Needs without judgments are
// skipped (they cannot be measured), needs with judgments but no results
// score 0.
package eval
