// Package knowledge is techmatch's domain knowledge base: the links a
// technology-transfer agent uses to bridge an enterprise's problem language
// (起毛断丝, 冬季续航缩水, 焊缝气孔, 收率低) and a researcher's solution language
// (上浆剂界面改性, 电池热管理, 激光-电弧复合焊, 连续流工艺), plus synonyms,
// abbreviations and broader/narrower terms (锂离子电池/动力电池/锂电,
// 碳纤维增强复合材料/CFRP, 单克隆抗体/单抗, 数控机床/CNC).
//
// # Data format
//
// The knowledge lives in UTF-8 text files, one statement per line, fields
// separated by TAB, alternatives inside a field separated by '|'. Blank lines
// and lines starting with '#' (including "## section" headers) are ignored.
//
//	syn<TAB>锂离子电池|动力电池|锂电池|锂电|LIB
//	    a synonym set; the first term is canonical. Sets sharing a term merge.
//	narrower<TAB>复合材料<TAB>碳纤维增强复合材料|玻璃纤维增强复合材料
//	    broader → narrower terms.
//	problem<TAB>冬季续航缩水|低温续航衰减<TAB>低温电解液|电池热管理<TAB>0.8
//	    symptom phrases → technique families, with a weight in (0,1]
//	    (optional, default 1).
//	related<TAB>热泵空调|电池热管理<TAB>整车热管理<TAB>0.6
//	    a symmetric association between two term lists, weight optional.
//	industry<TAB>auto
//	    sets the industry of the terms of the following lines.
//
// The industry of a file defaults to its base name without extension when
// that is an industry code or Chinese name accepted by
// techmatch.ParseIndustry (auto.tsv → auto); an "industry" line overrides it.
// Each term remembers every industry it was stated under; Classify uses that.
//
// The embedded defaults are data/*.tsv (one file per industry area); users
// add their own files in the same format with LoadFiles or Extend and combine
// graphs with Merge.
//
// # Matching
//
// Text and terms are normalised the same way (full-width ASCII and the
// ideographic space folded to half-width, letters lower-cased). Expand and
// Classify find every KB term in the text with an Aho–Corasick automaton over
// runes (time O(len(text) + matches)) and keep the maximal matches: a match
// lying inside a longer match is dropped ("longest match"), overlapping
// matches are both kept. Terms that begin or end with an ASCII letter or
// digit only match at ASCII word boundaries, so "PAT" does not match inside
// "patent".
//
// The segment package loads segment/dict/lexicon_knowledge.txt, generated
// from the embedded data by "go generate" (internal/gen) so the KB terms stay
// whole words; TestLexiconUpToDate fails when it is stale.
package knowledge

//go:generate go run ./internal/gen -o ../../segment/dict/lexicon_knowledge.txt
