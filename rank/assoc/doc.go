// Package assoc learns term associations from the catalog being matched,
// for query expansion: a need and an achievement often name the same
// technology in different words (锂离子电池/动力电池/锂电, 数控机床/CNC,
// 轻量化/减重), or the need states a problem and the achievement its
// solution. It is the data-driven complement of the hand-written knowledge
// base in rank/knowledge.
//
// Input is a slice of Doc, each a list of already segmented terms with
// weights (for example index.TermWeight converted to Term). Build keeps the
// terms whose document frequency lies in [MinDF, MaxDFRatio·N] and links
// them with one of two methods (Config.Method):
//
//   - "npmi": normalised pointwise mutual information of document
//     co-occurrence, NPMI = ln(p(a,b)/(p(a)p(b))) / −ln p(a,b), for pairs
//     co-occurring in at least MinCoDF documents. First-order: terms written
//     together (热处理 ↔ 淬火, a symptom ↔ its usual remedy).
//   - "svd" (default): latent semantic analysis. The TF-IDF term–document
//     matrix (ln(1+tf)·ln(1+N/df), documents scaled to unit length) is
//     factorised by a seeded randomized truncated SVD written in pure Go
//     (Halko–Martinsson–Tropp range finder with power iterations, SVQB
//     orthonormalisation, Jacobi eigen-decomposition of the small
//     projected matrix); a term's vector is its row of U_k·Σ_k, normalised,
//     and neighbours are found by cosine, exactly up to 3000 terms and
//     through a spherical k-means inverted file (Probes cells) above.
//     Second-order: terms used in the same contexts although they never
//     co-occur (synonyms). The rank must be well below the vocabulary size
//     for this effect; at full rank term vectors are the raw document rows.
//
// For each term the TopM neighbours with weight ≥ MinWeight are kept,
// weights in (0,1], ordered by weight descending then term ascending.
// Model.Related returns them; Model.Expand aggregates the neighbours of a
// weighted query (noisy-OR of query-weight × association weight) and
// excludes the query terms.
//
// # Determinism and concurrency
//
// Build is deterministic for the same documents, Config and Seed whatever
// Workers is: work is split into chunks that do not depend on the worker
// count and reductions sum partial results in chunk order. A Model is
// immutable and safe for concurrent use.
//
// # Cost
//
// BenchmarkBuild, synthetic catalog of 10 000 documents × 80 terms (48 576
// terms kept, a pessimistic vocabulary), 2 shared cores under load: NPMI
// ≈ 1.7 s CPU, SVD (Rank 64, PowerIters 2, Probes 4) ≈ 5.5 s CPU, i.e.
// about 1 s and 3 s of wall time on two idle cores; 1 000 documents: NPMI
// ≈ 0.07 s, SVD ≈ 0.4 s CPU. The clustered search found 94% of the exact
// top-10 SVD neighbours (TestIVFRecall, 12 329 terms).
package assoc
