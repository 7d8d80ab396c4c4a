package dedup

import (
	"context"
	"math/rand/v2"
	"slices"
)

// maxBucket bounds the pairs one LSH bucket yields: in a bucket of m
// records, each is paired with the (at most) maxBucket newest records
// before it, not with all m-1. A bucket that large holds copies of one
// text (a template, a boilerplate record), whose newest members are the
// representatives every member is compared with anyway. It keeps the
// candidates O(n·Bands·maxBucket) in the worst case instead of O(n²).
const maxBucket = 256

// minHasher computes MinHash signatures and their LSH band keys.
//
// Hash function k maps a shingle x to a_k·x + b_k mod 2⁶⁴ (a_k odd, drawn
// from the seed): a permutation of the 64-bit values, whose high bits
// order the shingles; the shingle hashes themselves are already mixed
// (hashRunes), so the minima of different k behave as independent draws.
// The probability that two sets have the same minimum under one function
// is their Jaccard similarity.
//
// A minHasher is immutable: safe for concurrent use.
type minHasher struct {
	a, b        []uint64
	bands, rows int
}

func newMinHasher(seed uint64, bands, rows int) *minHasher {
	r := rand.New(rand.NewPCG(seed, 0x6d696e68617368)) // "minhash"
	k := bands * rows
	h := &minHasher{a: make([]uint64, k), b: make([]uint64, k), bands: bands, rows: rows}
	for i := range k {
		h.a[i] = r.Uint64() | 1
		h.b[i] = r.Uint64()
	}
	return h
}

// bandKeys writes the Bands band keys of set into keys, using mins (length
// Bands×Rows) as scratch. Each key hashes the band's Rows minima (their
// high 32 bits) with the band's number. O(|set|·Bands·Rows).
func (h *minHasher) bandKeys(keys, mins []uint64, set []uint32) {
	for i := range mins {
		mins[i] = ^uint64(0)
	}
	a, b := h.a[:len(mins)], h.b[:len(mins)]
	for _, s := range set {
		x := uint64(s)
		for k := range mins {
			if v := a[k]*x + b[k]; v < mins[k] {
				mins[k] = v
			}
		}
	}
	for j := range keys {
		key := uint64(j) * 0x9e3779b97f4a7c15
		for _, m := range mins[j*h.rows : (j+1)*h.rows] {
			key = mix64(key ^ m>>32)
		}
		keys[j] = key
	}
}

// bandEntry is one record's key in one band. pos is the record's
// position in newest-first order.
type bandEntry struct {
	key uint64
	pos int32
}

// candidates returns the pairs of records that share a band key, as
// pos(i)<<32 | pos(j) with i < j in newest-first order, sorted without
// repeats. keys holds each record's Bands keys (record p's at
// keys[p*bands:]); records with empty are left out. O(Bands·n·log n) plus
// the pairs.
func candidates(ctx context.Context, keys []uint64, empty []bool, bands int) ([]uint64, error) {
	n := len(empty)
	entries := make([]bandEntry, 0, n)
	var pairs []uint64
	limit := 4*n + 1024
	for j := range bands {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		entries = entries[:0]
		for p := range n {
			if !empty[p] {
				entries = append(entries, bandEntry{keys[p*bands+j], int32(p)})
			}
		}
		slices.SortFunc(entries, func(x, y bandEntry) int {
			switch {
			case x.key < y.key:
				return -1
			case x.key > y.key:
				return 1
			}
			return int(x.pos - y.pos)
		})
		for lo := 0; lo < len(entries); {
			hi := lo + 1
			for hi < len(entries) && entries[hi].key == entries[lo].key {
				hi++
			}
			for k := lo + 1; k < hi; k++ {
				for i := lo; i < k && i < lo+maxBucket; i++ {
					pairs = append(pairs, uint64(entries[i].pos)<<32|uint64(entries[k].pos))
				}
			}
			lo = hi
		}
		if len(pairs) > limit { // keep the slice near its distinct pairs
			slices.Sort(pairs)
			pairs = slices.Compact(pairs)
			limit = max(limit, 2*len(pairs))
		}
	}
	slices.Sort(pairs)
	return slices.Compact(pairs), nil
}
