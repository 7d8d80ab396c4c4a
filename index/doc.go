// Package index stores one catalog (achievements or needs) and retrieves
// from it, three ways kept consistent by Index:
//
//   - bleve v2 (scorch, in memory or on disk, BM25 scoring) holds the
//     fields title, description, keywords (jieba words, analyzer
//     segment.AnalyzerWords), title_bigram and description_bigram (CJK
//     bigrams, segment.AnalyzerBigrams), industries (keyword) and _source
//     (the record as JSON, stored only). It is the durable store and serves
//     ad-hoc queries (Index.SearchText). Add hands bleve pre-analysed
//     documents (the tokens the core's analysis produced), so every text is
//     segmented once; the mapping's analyzers still analyse query text and
//     give the same tokens. On reopen the records are reloaded from _source
//     and the core is rebuilt. Config.CoreOnly leaves bleve out entirely.
//   - industry bitmaps (github.com/kelindar/bitmap) over dense internal
//     document numbers: one per industry code present plus a live bitmap.
//     A filter on industries is the OR of their bitmaps, built per request
//     into a pooled buffer and tested per posting during traversal.
//   - the in-memory match core, the fast path of the match engine.
//
// # Records
//
// Every record enters through one door (Index.Add, Index.Sync): a copy is
// normalised when *R has Normalize() and validated when R has
// Validate() error, so techmatch.Achievement and Need get the catalog
// readers' rules; a bad record is skipped and reported (position, id,
// cause kept for errors.Is), the others are added. Index.Sync makes the
// index hold exactly a given catalog, analysing and writing only the
// records whose JSON encoding changed (SHA-256 kept per record in memory).
// Index.SetLabeler installs a Labeler: records without industries are then
// seen (Get, Record, industry filters) with inferred ones, while bleve's
// _source and Sync's comparison keep the record as given.
//
// # On disk
//
// Config.Path is a directory (created 0700) holding:
//
//   - techmatch.lock: an exclusive flock(2) lock, taken without waiting
//     (Config.LockWait to wait) before anything else is opened, with the
//     holder's pid inside. A second Index on the directory, in this process
//     or another, gets a *LockedError (ErrLocked); the kernel drops the lock
//     when the holder exits or is killed, so no stale lock survives a crash.
//   - techmatch-index.json: the manifest (format version, record kind,
//     analysis id), written atomically at creation and checked at every
//     open: another kind, format or analysis gives an *IncompatibleError
//     (ErrIncompatible), never a silent mix.
//   - bleve/: the bleve index, created in bleve.tmp/ and renamed into place.
//     A record is durable once Add (or Sync) returned nil: each chunk is one
//     bleve batch, which scorch persists before returning; a process killed
//     mid-write loses at most the chunk in progress, never half a record
//     (TestKill9).
//
// # Match core format
//
// Per field space (FieldWords, FieldBigrams): a term dictionary
// (map[string]uint32), document lengths (float32), and postings grouped by
// term, then by window of 2048 document numbers (winShift = 11), then by
// document. A posting is 5 bytes: the document's 16-bit offset in its
// window, its weighted tf as a 16-bit code into a table of distinct values
// and its quantised impact (uint8, 1..255, linear in the term's largest
// impact). Each (term, window) run stores its window number, first posting
// and maximal impact (9 bytes): the block-max bounds. There is no forward
// index (DocTerms re-analyses the stored record).
//
// A document's term frequency is BM25F-style: title occurrences ×
// TitleBoost, description × 1, keywords × KeywordBoost, with one length
// normalisation over the weighted length. impact = idf × tf(k1+1)/(tf +
// k1(1−b+b·len/avglen)), idf = ln(1 + (N−df+0.5)/(df+0.5)); the score is
// defined on the quantised impacts in a per-query fixed-point unit (see
// Index.Search), so it is exact and independent of evaluation order.
//
// Writes: Add appends documents to pending per-document postings (O(terms)
// each); Delete tombstones. The first Search (or DocFreq/IDF) after a write
// rebuilds the postings: merges the pending ones, drops the tombstoned
// ones, recomputes df, impacts and run maxima (O(all postings), ~2× the
// postings' bytes of transient memory). When more than 25 % of the
// document numbers are tombstones the next write renumbers densely.
//
// Search (see core.search): exhaustive term-at-a-time over spans of
// consecutive documents, the first span one window and each next one
// twice as long up to 16384, so that the top-k heap fills (and its k-th
// score θ gates the heap) after few pushes. Each query term's postings of
// a span are one contiguous stretch of its posting list, streamed into a
// span accumulator (int64 scores, plus Matched bits only for the terms
// that carry some: 2 × 128 KiB of pooled scratch per concurrent search).
// A dense industry filter (≥ 1/8 of the span) is tested when documents
// are read out of the accumulator, a sparse one per posting. Once θ > 0 a
// span is read by a branch-free scan for scores ≥ θ. Exact: the oracle
// tests compare with exhaustive scoring (an independent map-based scorer
// and, on catalogs of several spans, the exhaustive reference
// core.searchRef, hit for hit).
//
// # Measurements
//
// 2 shared cores (AMD EPYC, 512 KiB L2, load from other jobs 2–4), so
// wall times vary by ±30 % between runs; the before/after ratios below
// come from in-process A/B runs (old and new search on the same core and
// query, alternating which runs first, CPU time of the thread).
//
// BenchmarkCoreMemory/n=100000 1903 bytes/doc (293 postings/doc).
// BenchmarkSearch (need-like queries of ~280 terms, Top 64), the previous
// search (one 16384-document first span, filter tested per posting,
// Matched written for every posting) → this one, wall p50: n=10000
// 3.28 → 1.65 ms unfiltered, 3.44 → 2.04 ms with a one-industry filter;
// n=100000 15.8 → 15.5 ms unfiltered, 29.8 → 15.4 ms filtered. In-process
// A/B at n=100000 (CPU time): 16.3 → 12.0 ms unfiltered, 29.9 → 12.2 ms
// filtered; short queries (their first 12 word terms) 0.81 → 0.85 ms
// unfiltered (noise), 1.42 → 0.83 ms filtered. Match-engine queries
// (bench/cmd/latency's catalog, 100000 achievements, ~100–130 terms, Top
// ≈ 165): A/B wall p50 0.84 → 0.76 ms unfiltered, 1.13 → 0.93 ms
// filtered (p99 2.1 → 2.0 and 3.0 → 2.1 ms). End to end (`go run
// ./bench/cmd/latency -n 100000 -q 1000`, unfiltered) Match p50 2.5–2.6
// ms before, 2.5–3.0 ms after: within the run-to-run noise.
//
// Why not more: the cost is ~2.5 ns per streamed posting on this machine
// (a read-only pass over the same postings already costs ~1.7 ns), and
// exactness needs nearly every posting of a need-like query. Query-level
// MaxScore (terms sorted by span bound = factor × the span's largest run
// maximum; the smallest bounds summing below θ non-essential; essential
// terms streamed, the others probed by galloping in their window runs or
// streamed through a candidate bitmap, candidates dropped as the
// remaining bounds shrink) was implemented, checked exact and measured:
// on the match queries the essential terms hold ~49 % of the postings;
// on the benchmark queries the candidates (documents of essential terms
// reaching θ − Σ non-essential bounds, ~75 % of a span's documents) drop
// by only ~3 % per non-essential term; and
// candidate work costs as much per candidate as streaming a posting.
// Pruning every span was 1.5–2× slower than streaming; gated to spans
// whose non-essential postings exceed 1× or 4× the essential ones it
// made no difference beyond the noise on any of the three query sets, so
// it was removed. Also tried: Matched bits only for the final hits, by
// probing each query term's runs (~0.4 ms a search: each probe is a
// cache miss); int32 accumulators and unrolled loops (no change in a
// micro-benchmark); spans of 32768 (no clear change). Earlier designs
// (best-first block order, per-span MaxScore) were measured slower too.
// BenchmarkAdd/n=10000: core only 1955 docs/s, core + in-memory bleve
// 810, core + on-disk bleve 676; BenchmarkSegment (one goroutine)
// 1330–3137 docs/s depending on load.
package index
