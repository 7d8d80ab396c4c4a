// Package segment is techmatch's Chinese text analysis over gojieba:
// normalisation, cutting with byte offsets and positions, a domain lexicon,
// stop words and need boilerplate, TF-IDF keywords and bleve analyzers.
//
// # Pipeline
//
// Text is first normalised (Normalize: full-width letters, digits and
// connectors → ASCII, lower case, control characters and invalid UTF-8 →
// space), rune for rune, so token offsets are reported against the
// original bytes. ASCII technical tokens (NCM811, Ti-6Al-4V, PM2.5,
// 7075-T6, CO2) are found by a scan of our own: maximal runs of letters
// and digits joined by '-', '.', '/', '_' or '+'. jieba cuts the text in
// one call (gojieba's C function, called directly: see cjieba.go), or in
// chunks of at most 16 KiB when it is longer (see Long texts); its words
// inside those tokens are dropped and words straddling them trimmed. A number or grade (304, 3d, 7075-t6) or a single
// letter directly followed by a Han word of two or more characters becomes
// a compound token (304不锈钢, 3d打印, x射线), as does a short model code
// before a one-character material suffix (q235钢); units of measure never
// compound (10万元, 3个月). Lexicon terms mixing ASCII and Han are always
// compounds.
//
// Modes: ModeSearch (index mode: words plus their dictionary sub-words,
// and compounds plus their parts, all sharing the word's position),
// ModePrecise (jieba's precise cut, compounds whole) and ModeBigram (CJK
// character bigrams, a backoff field that needs no dictionary).
//
// # Lexicon
//
// The embedded domain lexicon (dict/lexicon*.txt, one `term [freq] [tag]`
// per line) covers automotive, high-end equipment, biomedicine and new
// materials, plus energy, electronics, agriculture and environment, so
// that terms such as 新能源汽车, 碳纤维增强复合材料 and 单克隆抗体 stay
// whole. It is added to jieba when the Segmenter is built and never
// changed afterwards.
//
// # Long texts
//
// cppjieba needs ~300 bytes of memory per character of a piece of text
// and aborts the process when an allocation fails. A text longer than
// 16 KiB is therefore handed to jieba in chunks of at most 16 KiB, cut
// after a 。 when the chunk has one (cppjieba itself splits there, so the
// words are those of one call), else after another sentence end or a
// '，' or space, other punctuation, or a character boundary outside ASCII
// technical tokens. Offsets and positions are those of the whole text;
// only the words around a break that is not a sentence end can differ
// from an unchunked cut. The text is turned into tokens piece by piece,
// so memory beyond the result stays bounded; the result itself is about
// 0.17 tokens per input byte (TestLargeTextMemory: a 50 MB text peaks at
// 1.1 GB more resident memory for Tokenize in ModeSearch, 0.7 GB for
// AppendTerms).
//
// # Dictionaries
//
// jieba's five dictionary files (gojieba v1.4.6's, MIT licence, in
// dict/jieba/) are embedded in the package, gzip-compressed, and written
// once into Config.CacheDir (default os.UserCacheDir()/techmatch), in a
// directory named after their checksums; every process verifies the
// cached files once against the embedded checksums and rewrites any that
// differ. Config.DictDir or the environment variable TECHMATCH_JIEBA_DICT
// name other dictionaries instead; their files are checked line by line
// (see DictError) before jieba reads them, since jieba would abort the
// process on a malformed line.
//
// # Sharing
//
// A Segmenter costs about 0.4 s and 130 MB to build. Build one (or use
// Default) and share it: every method is safe for concurrent use.
//
// # Speed
//
// ModeSearch runs at about 0.89 of the throughput of gojieba's own
// Jieba.Tokenize in search mode on the same text (BenchmarkTokenizeVsRaw,
// cpu_ratio), 4–6.6 MB/s or 11–18k documents of ~365 bytes per second on
// one core of the development machine, depending on its load; jieba's C++
// is ~85% of the CPU time. Normalised text passes through without a copy,
// and a call allocates only its result (plus the normalised text when it
// differs).
//
// # bleve
//
// The package registers the bleve tokenizer type TokenizerType in init;
// Segmenter.AddAnalyzers adds AnalyzerWords and AnalyzerBigrams to an index
// mapping.
package segment
