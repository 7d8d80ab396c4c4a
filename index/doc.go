// Package index stores one catalog (achievements or needs) and retrieves
// from it, three ways kept consistent by Index:
//
//   - bleve v2 (scorch, in memory or on disk, BM25 scoring) holds the
//     fields title, description, keywords (jieba words, analyzer
//     segment.AnalyzerWords), title_bigram and description_bigram (CJK
//     bigrams, segment.AnalyzerBigrams), industries (keyword) and _source
//     (the record as JSON, stored only). It is the durable store and serves
//     ad-hoc queries (Index.SearchText). On reopen the records are reloaded
//     from _source and everything else is rebuilt.
//   - industry bitmaps (github.com/kelindar/bitmap) over dense internal
//     document numbers: one per industry code present plus a live bitmap.
//     A filter on industries is the OR of their bitmaps AND live, built per
//     request into a private buffer.
//   - the in-memory match core, the fast path of the match engine: for each
//     field space (FieldWords, FieldBigrams) a term dictionary and flat
//     postings (term → doc numbers, BM25 impacts). A document's term
//     frequency is BM25F-style: title occurrences × TitleBoost, description
//     × 1, keywords × KeywordBoost, with one length normalisation over the
//     weighted length. impact = idf × tf(k1+1)/(tf + k1(1−b+b·len/avglen)),
//     idf = ln(1 + (N−df+0.5)/(df+0.5)). Index.Search is exact top-k by
//     Σ weight × impact, term at a time into a pooled dense accumulator,
//     with the industry filter tested during accumulation and ties broken
//     by record id, so results are reproducible.
//
// Document numbers are assigned at Add; updates and deletes tombstone and
// the core is compacted (renumbered) once more than 25 % of numbers are
// dead. Impacts are recomputed lazily by the first Search after a write.
package index
