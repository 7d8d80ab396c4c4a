package match

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/rank/constraint"
	"github.com/techmatch/techmatch/segment"
)

// evidence is a query record's own text kept for the bigram feature the
// scorer weighs beside BM25 (rank.Candidate.Bigram): every CJK character
// bigram of its text (not only the MaxBigrams the query retrieves with),
// each weighted by its idf in the index. Bigrams no document has are left
// out: they lower every document's coverage alike.
//
// This is the plain BM25 baseline's evidence — it matches every bigram of
// a need — in a form that does not depend on the other candidates, so the
// engine's top-k stays exact (its bound counts the feature's weight, see
// core.match). On text written by others the capped word query misses
// matches the baseline makes; the feature recovers them (docs/ranking.md).
type evidence struct {
	bigrams []weightedTerm
	sum     float64
	// pairs maps a bigram of two Han characters, as r1<<32|r2, to its index
	// in bigrams; filter has the bit hash(r1, r2) set for every key of
	// pairs, so most rune pairs of a document cost one bit test. long holds
	// the indexes of any other term, matched as a substring of the
	// normalised text.
	pairs  map[uint64]int32
	filter []uint64
	long   []int32
	// seen[i] == gen when bigram i was counted for the current document:
	// scratch, so an evidence is used by one goroutine at a time (each
	// Match builds its own).
	seen []uint32
	gen  uint32
}

type weightedTerm struct {
	term string
	w    float64
}

// filterBits is the size of evidence.filter in bits: 2^16 bits (8 KiB), so
// that the ~100–300 bigrams of a need set few bits and a document's rune
// pairs almost never reach the map.
const filterBits = 1 << 16

func pairHash(key uint64) uint32 { return uint32((key * 0x9E3779B97F4A7C15) >> 48) }

// evidence weighs the record's bigrams by idf. The bigrams are kept in
// term order, whatever order they come in (the query builder collects them
// from a map), so the floating-point sums of coverage are the same on
// every run.
func (b *queryBuilder) evidence(bigrams []index.QueryTerm) evidence {
	var e evidence
	for _, t := range bigrams {
		if b.idf.DocFreq(index.FieldBigrams, t.Term) == 0 {
			continue
		}
		e.bigrams = append(e.bigrams, weightedTerm{t.Term, b.idf.IDF(index.FieldBigrams, t.Term)})
	}
	return newEvidence(e.bigrams)
}

// newEvidence indexes weighted bigrams for coverage, in term order.
func newEvidence(bigrams []weightedTerm) evidence {
	e := evidence{bigrams: bigrams}
	slices.SortFunc(e.bigrams, func(x, y weightedTerm) int { return strings.Compare(x.term, y.term) })
	e.pairs = make(map[uint64]int32, len(e.bigrams))
	e.filter = make([]uint64, filterBits/64)
	e.seen = make([]uint32, len(e.bigrams))
	for i, t := range e.bigrams {
		e.sum += t.w
		r1, n1 := utf8.DecodeRuneInString(t.term)
		r2, n2 := utf8.DecodeRuneInString(t.term[n1:])
		if n1+n2 != len(t.term) || !unicode.Is(unicode.Han, r1) || !unicode.Is(unicode.Han, r2) {
			e.long = append(e.long, int32(i))
			continue
		}
		key := uint64(r1)<<32 | uint64(r2)
		e.pairs[key] = int32(i)
		h := pairHash(key)
		e.filter[h/64] |= 1 << (h % 64)
	}
	return e
}

// coverage returns the idf-weighted share of the query's bigrams found in
// doc's text, in [0,1]: a bigram counts once when it occurs in the
// normalised title, description or a keyword. Cost: one pass over the
// document's runes with a bit test per rune pair (a map lookup for the
// few that pass), about 1 µs for a catalog record; it was a substring
// search per bigram, 30–50 times slower.
func (e *evidence) coverage(doc techmatch.Record) float64 {
	if e.sum == 0 {
		return 0
	}
	e.gen++
	if e.gen == 0 { // wrapped: clear the stamps
		clear(e.seen)
		e.gen = 1
	}
	// Normalize maps rune for rune and leaves Han characters alone, and no
	// other rune becomes one, so a pair of Han characters occurs in the
	// normalised text exactly where it occurs in the raw text: the raw
	// text is scanned.
	t, d, kws := doc.Text()
	got := e.scan(t) + e.scan(d)
	for _, k := range kws {
		got += e.scan(k)
	}
	if len(e.long) > 0 {
		all := segment.Normalize(t) + "\n" + segment.Normalize(d) + "\n" + segment.Normalize(strings.Join(kws, " "))
		for _, i := range e.long {
			if strings.Contains(all, e.bigrams[i].term) {
				got += e.bigrams[i].w
			}
		}
	}
	return min(got/e.sum, 1)
}

// scan adds the weights of the query bigrams in text not yet counted for
// this document.
func (e *evidence) scan(text string) float64 {
	var got float64
	prev := rune(-1)
	for _, r := range text {
		if prev >= 0 {
			key := uint64(prev)<<32 | uint64(r)
			if h := pairHash(key); e.filter[h/64]&(1<<(h%64)) != 0 {
				if i, ok := e.pairs[key]; ok && e.seen[i] != e.gen {
					e.seen[i] = e.gen
					got += e.bigrams[i].w
				}
			}
		}
		prev = r
	}
	return got
}

// excludedSpans returns the byte spans of text that state what the need
// excludes (不考虑三元锂电池, 不能更换模具; rank/constraint): their words are
// not what it searches for, so they stay out of the query. Properties to
// preserve (不改变药效) are kept. Nil with QueryConfig.KeepExcluded.
func (b *queryBuilder) excludedSpans(text string) []constraint.Span {
	if b.cfg.KeepExcluded {
		return nil
	}
	var out []constraint.Span
	for _, ex := range constraint.Exclusions(text, b.kb) {
		if ex.Kind != constraint.Preserve {
			out = append(out, ex.Span)
		}
	}
	return out
}

// inSpans reports whether byte offset i falls in one of spans.
func inSpans(spans []constraint.Span, i int) bool {
	for _, sp := range spans {
		if i >= sp.Start && i < sp.End {
			return true
		}
	}
	return false
}
