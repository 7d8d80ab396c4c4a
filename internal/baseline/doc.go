// Package baseline is the plain bleve matcher that techmatch is measured
// against: one in-memory scorch index, one text field holding title,
// description and keywords, BM25, and one match query (a disjunction of the
// analysed need text) per need, optionally AND an industry term filter.
//
// With the stock "cjk" analyzer (unicode tokenizer, width folding, lower
// case, CJK bigrams) it is the baseline of the ranking reports; with the
// techmatch jieba analyzer it is the naive loop of the speed benchmarks.
package baseline
