// Package gen generates realistic, deterministic synthetic catalogs of
// technology achievements (科技成果) and needs (技术需求) for benchmarks.
//
// # Vocabulary
//
// The technical vocabulary is not a hand list: it is read from the
// repository's data, the knowledge base (knowledge.Default: Terms and the
// industries each term was stated under, eight areas: auto, equipment,
// biomed, materials, energy, electronics, agriculture, environment) and the
// embedded segmentation lexicon (segment.EmbeddedLexicon; lexicon terms the
// knowledge base does not know form a general pool). Each industry's terms
// are shuffled with the seed and drawn with Zipf-like frequencies
// (P(rank k) ∝ (k+3)^-1.1, so the most frequent term of an industry takes
// about 7 % of its draws and the tail is long), as in real catalogs.
// Pure-ASCII terms (PHEV, IGBT) and a list of grades and designations
// (NCM811, 7075-T6, Ti-6Al-4V) fill the technical-token slots.
//
// # Records
//
// Text is glued from connective templates (一种…的制备方法, 本成果采用…,
// 性能指标…, 我公司…急需…) with numbers and technical tokens. Lengths: titles
// 12–30 runes, descriptions 80–300 runes, 3–6 keywords. Every field is
// filled: owners from a list of real universities and institutes (regions
// mostly Heilongjiang and Jilin), owner/org types, maturity, price or budget,
// transfer modes and dates. Primary industries follow IndustryMix; about a
// third of the records get a second industry. Every record passes
// Normalize unchanged and Validate.
//
// # Determinism
//
// Record i depends only on the seed, the kind and i (each record has its
// own PCG stream), so the same seed gives byte-identical output for any n,
// catalogs of different sizes share their prefixes, and generation runs in
// parallel without changing the output. The output depends on the
// repository's vocabulary files: editing the knowledge base or the lexicon
// changes the catalogs.
package gen
