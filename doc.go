// Package techmatch holds the domain model shared by every package of the
// techmatch library: technology achievements (科技成果) offered by
// universities and institutes, technology needs (技术需求) posted by
// enterprises and hospitals, the industries they belong to, the catalog
// readers for JSON Lines, CSV and XLSX files, and the pairing output.
//
// The pipeline lives in sub-packages, each with one job:
//
//	segment  Chinese analysis over gojieba (normalisation, cutting, lexicon, stop words)
//	index    storage and retrieval (bleve v2, industry bitmaps, the in-memory match core)
//	rank     the tunable scorer (named features, weights, explanations)
//	match    the engine users call (need → achievements, the reverse, batches)
//
// This package imports none of them, so every package can import it.
package techmatch
