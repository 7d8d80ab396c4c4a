package dedup

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/internal/inert"
)

// Cluster is one group of records that are the same record submitted
// more than once.
//
// Values are plain data: safe to copy and to read from many goroutines.
type Cluster struct {
	// Members are the records' ids, newest first: by date (unknown dates
	// last), then by id. Members[0], the newest, is the representative:
	// every other member is similar to it (not merely to another member),
	// so no chain of small edits joins two different records.
	Members []string
	// Similarity is the lowest similarity of a member to Members[0]
	// (Jaccard of shingle sets, in [Threshold,1]).
	Similarity float64
	// Diffs lists, member by member (in Members order), the fields in
	// which a member differs from Members[0].
	Diffs []Diff
}

// Diff is one field in which a member of a cluster differs from the
// cluster's newest member.
//
// Values are plain data: safe to copy and to read from many goroutines.
type Diff struct {
	// ID is the member that differs.
	ID string `json:"id"`
	// Field is the field's catalog name: title, description, keywords,
	// industries, and for achievements owner, owner_type, region,
	// maturity, price, transfer_modes, date (for needs org, org_type,
	// region, min_maturity, budget, transfer_modes, date). Lists are
	// joined with ","; an unknown number is "".
	Field string `json:"field"`
	// Newest is the field in Members[0]; Value is the field in ID.
	Newest string `json:"newest"`
	Value  string `json:"value"`
	// Change says how much changed, in [0,1]: for title and description
	// the share of shingles not shared (1 − Jaccard; 0 when only spacing,
	// punctuation or figures differ), for keywords, industries and
	// transfer modes the share of items not shared, for maturity, price and
	// budget |a−b|/max(a,b), for other fields 1.
	Change float64 `json:"change"`
}

// Newest returns the id of the cluster's newest member, the one Fold
// keeps ("" for an empty cluster).
func Newest(c Cluster) string {
	if len(c.Members) == 0 {
		return ""
	}
	return c.Members[0]
}

// Errors of Find and Fold, for errors.Is. Find also reports
// techmatch.ErrMissingID and techmatch.ErrDuplicateID in a *RecordError.
var (
	// ErrNilRecord is a nil record (a nil pointer or interface).
	ErrNilRecord = errors.New("nil record")
	// ErrUnknownMember is a cluster given to Fold that does not fit its
	// records: an id not among them, an id listed twice, or an empty
	// cluster.
	ErrUnknownMember = errors.New("cluster does not fit the records")
)

// RecordError is a record Find cannot use.
type RecordError struct {
	// Index is the record's position in recs.
	Index int
	// ID is its id ("" when it has none).
	ID  string
	Err error
}

// Error reads like `dedup: record 12 (A0012): duplicate id: also record 3`.
func (e *RecordError) Error() string {
	if e.ID == "" {
		return fmt.Sprintf("dedup: record %d: %v", e.Index, e.Err)
	}
	return fmt.Sprintf("dedup: record %d (%s): %v", e.Index, inert.Terminal(e.ID), e.Err)
}

// Unwrap returns the cause.
func (e *RecordError) Unwrap() error { return e.Err }

// maxRecordErrors bounds the errors Find lists at once.
const maxRecordErrors = 20

// Find returns the clusters of near-duplicate records of recs, in the
// order of their newest member in recs. Records that belong to no cluster
// are not listed.
//
// Method: each record's title, description and keywords, normalised
// (see content), become a set of character shingles (Config.Shingle
// characters). MinHash signatures banded into an LSH index (Config.Bands
// × Config.Rows) propose candidate pairs; each candidate is verified with
// the exact Jaccard similarity of the two sets and the owner rule: records
// of different catalogs are never merged, records whose owners are both
// known and differ only with Config.CrossOwner (never by default), other
// records at Config.Threshold. Clusters are then formed newest first: the
// newest record not yet in a cluster takes every verified neighbour not
// yet in one, so every member is similar to its cluster's newest member.
// A record with no letter or digit in its text is never merged.
//
// Records must have distinct, non-empty ids; a nil record, an empty or a
// repeated id is a *RecordError (all such records are reported, up to
// 20). Cost: O(L·Bands·Rows) per record of L characters, plus sorting
// n·Bands band keys and verifying the candidates; with Exact, O(n²·L).
// Find checks ctx between batches of records and of candidate pairs. The
// result does not depend on Workers or on the order of recs.
func Find[R techmatch.Record](ctx context.Context, recs []R, cfg Config) ([]Cluster, error) {
	cs, _, err := find(ctx, recs, cfg)
	return cs, err
}

// stats are figures of one Find, for benchmarks and tests.
type stats struct {
	candidates int // pairs verified
	edges      int // pairs verified similar
}

func find[R techmatch.Record](ctx context.Context, recs []R, cfg Config) ([]Cluster, stats, error) {
	var st stats
	if err := cfg.Validate(); err != nil {
		return nil, st, err
	}
	cfg = cfg.withDefaults()
	workers := cfg.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if err := checkRecords(recs); err != nil {
		return nil, st, err
	}
	n := len(recs)
	as := make([]attrs, n)
	ids := make([]string, n)
	for i, r := range recs {
		as[i], ids[i] = attrsOf(r), r.RecordID()
	}
	// order[p] is the record at position p newest first.
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int {
		if c := cmp.Compare(as[y].date, as[x].date); c != 0 {
			return c
		}
		return cmp.Compare(ids[x], ids[y])
	})

	sets := make([][]uint32, n) // by position
	var keys []uint64
	if !cfg.Exact {
		keys = make([]uint64, n*cfg.Bands)
	}
	h := newMinHasher(cfg.Seed, cfg.Bands, cfg.Rows)
	err := parallel(ctx, workers, n, func(lo, hi int) {
		var runes []rune
		mins := make([]uint64, cfg.Bands*cfg.Rows)
		for p := lo; p < hi; p++ {
			title, desc, kws := recs[order[p]].Text()
			runes = content(runes[:0], title)
			runes = content(runes, desc)
			for _, k := range kws {
				runes = content(runes, k)
			}
			sets[p] = shingles(nil, runes, cfg.Shingle)
			if keys != nil && len(sets[p]) > 0 {
				h.bandKeys(keys[p*cfg.Bands:(p+1)*cfg.Bands], mins, sets[p])
			}
		}
	})
	if err != nil {
		return nil, st, err
	}

	v := verifier{cfg: cfg, sets: sets, as: make([]attrs, n)}
	for p, i := range order {
		v.as[p] = as[i]
	}
	var edges []edge
	if cfg.Exact {
		st.candidates = n * (n - 1) / 2
		edges, err = v.all(ctx, workers)
	} else {
		empty := make([]bool, n)
		for p := range sets {
			empty[p] = len(sets[p]) == 0
		}
		var pairs []uint64
		if pairs, err = candidates(ctx, keys, empty, cfg.Bands); err == nil {
			st.candidates = len(pairs)
			edges, err = v.pairs(ctx, workers, pairs)
		}
	}
	if err != nil {
		return nil, st, err
	}
	st.edges = len(edges)
	return clusters(recs, order, edges, cfg.Shingle), st, nil
}

// checkRecords reports nil records and missing or repeated ids.
func checkRecords[R techmatch.Record](recs []R) error {
	var errs []error
	seen := make(map[string]int, len(recs))
	bad := 0
	for i, r := range recs {
		var err error
		id := ""
		switch {
		case isNil(r):
			err = ErrNilRecord
		default:
			id = r.RecordID()
			if id == "" {
				err = techmatch.ErrMissingID
			} else if j, dup := seen[id]; dup {
				err = fmt.Errorf("%w: also record %d", techmatch.ErrDuplicateID, j)
			} else {
				seen[id] = i
			}
		}
		if err != nil {
			if bad++; bad <= maxRecordErrors {
				errs = append(errs, &RecordError{Index: i, ID: id, Err: err})
			}
		}
	}
	if bad > maxRecordErrors {
		errs = append(errs, fmt.Errorf("dedup: %d more bad records", bad-maxRecordErrors))
	}
	return errors.Join(errs...)
}

// edge is a verified pair: positions p < q (newest first) and their
// similarity.
type edge struct {
	p, q int32
	sim  float64
}

// verifier checks candidate pairs. It is read-only: safe for concurrent
// use.
type verifier struct {
	cfg  Config
	sets [][]uint32 // by position
	as   []attrs    // by position
}

// check returns the similarity of positions p and q and whether they are
// the same record under the owner rule (see Find).
func (v *verifier) check(p, q int) (float64, bool) {
	a, b := v.as[p], v.as[q]
	if a.kind != b.kind {
		return 0, false
	}
	t := v.cfg.Threshold
	if a.owner != "" && b.owner != "" && a.owner != b.owner {
		if v.cfg.CrossOwner == 0 {
			return 0, false
		}
		t = v.cfg.CrossOwner
	}
	x, y := v.sets[p], v.sets[q]
	if len(x) == 0 || len(y) == 0 {
		return 0, false
	}
	// Jaccard ≤ min/max of the sizes: skip pairs of very different length.
	if lo, hi := min(len(x), len(y)), max(len(x), len(y)); float64(lo) < t*float64(hi) {
		return 0, false
	}
	s := jaccard(x, y)
	return s, s >= t
}

// pairs verifies candidate pairs (as returned by candidates).
func (v *verifier) pairs(ctx context.Context, workers int, pairs []uint64) ([]edge, error) {
	var mu sync.Mutex
	var edges []edge
	err := parallel(ctx, workers, len(pairs), func(lo, hi int) {
		var local []edge
		for _, pq := range pairs[lo:hi] {
			p, q := int(pq>>32), int(uint32(pq))
			if s, ok := v.check(p, q); ok {
				local = append(local, edge{int32(p), int32(q), s})
			}
		}
		mu.Lock()
		edges = append(edges, local...)
		mu.Unlock()
	})
	return edges, err
}

// all verifies every pair of records.
func (v *verifier) all(ctx context.Context, workers int) ([]edge, error) {
	var mu sync.Mutex
	var edges []edge
	err := parallel(ctx, workers, len(v.sets), func(lo, hi int) {
		var local []edge
		for p := lo; p < hi; p++ {
			for q := p + 1; q < len(v.sets); q++ {
				if s, ok := v.check(p, q); ok {
					local = append(local, edge{int32(p), int32(q), s})
				}
			}
		}
		mu.Lock()
		edges = append(edges, local...)
		mu.Unlock()
	})
	return edges, err
}

// chunk is the number of items a worker of parallel takes at a time, and
// so the granularity of its ctx checks.
const chunk = 64

// parallel runs fn over [0,n) in chunks on up to workers goroutines,
// stopping between chunks when ctx is done (and then returning its error).
func parallel(ctx context.Context, workers, n int, fn func(lo, hi int)) error {
	workers = max(1, min(workers, (n+chunk-1)/chunk))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for ctx.Err() == nil {
				lo := int(next.Add(chunk)) - chunk
				if lo >= n {
					return
				}
				fn(lo, min(lo+chunk, n))
			}
		})
	}
	wg.Wait()
	return ctx.Err()
}

// clusters forms the clusters from the verified edges (see Find).
func clusters[R techmatch.Record](recs []R, order []int, edges []edge, shingle int) []Cluster {
	n := len(order)
	// adjacency from each position to its later (older) neighbours
	start := make([]int, n+1)
	for _, e := range edges {
		start[e.p+1]++
	}
	for p := range n {
		start[p+1] += start[p]
	}
	adj := make([]edge, len(edges))
	fill := slices.Clone(start[:n])
	for _, e := range edges {
		adj[fill[e.p]] = e
		fill[e.p]++
	}
	taken := make([]bool, n)
	var out []Cluster
	var reps []int // recs index of each cluster's newest member
	for p := range n {
		if taken[p] || start[p] == start[p+1] {
			continue
		}
		nb := adj[start[p]:start[p+1]]
		slices.SortFunc(nb, func(x, y edge) int { return cmp.Compare(x.q, y.q) })
		members := []int{order[p]}
		sim := 1.0
		for _, e := range nb {
			if !taken[e.q] {
				taken[e.q] = true
				members = append(members, order[e.q])
				sim = min(sim, e.sim)
			}
		}
		if len(members) < 2 {
			continue
		}
		taken[p] = true
		c := Cluster{Members: make([]string, len(members)), Similarity: sim}
		for k, i := range members {
			c.Members[k] = recs[i].RecordID()
		}
		newest := fieldsOf(recs[members[0]])
		for _, i := range members[1:] {
			c.Diffs = appendDiffs(c.Diffs, recs[i].RecordID(), newest, fieldsOf(recs[i]), shingle)
		}
		out = append(out, c)
		reps = append(reps, members[0])
	}
	// in the order of their newest member in recs
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(x, y int) int { return cmp.Compare(reps[x], reps[y]) })
	sorted := make([]Cluster, len(out))
	for k, i := range idx {
		sorted[k] = out[i]
	}
	return sorted
}

// Fold returns the records to match when each cluster is represented by
// its newest member: recs without the other members, in their order, and
// a map from each folded id to the id kept in its place. clusters must
// come from Find on these records (or a subset of them): an unknown id,
// an id listed twice or an empty cluster is an error wrapping
// ErrUnknownMember. O(len(recs) + members).
func Fold[R techmatch.Record](recs []R, clusters []Cluster) ([]R, map[string]string, error) {
	pos := make(map[string]int, len(recs))
	for i, r := range recs {
		if isNil(r) {
			return nil, nil, &RecordError{Index: i, Err: ErrNilRecord}
		}
		pos[r.RecordID()] = i
	}
	folded := make(map[string]string)
	seen := make(map[string]bool)
	for ci, c := range clusters {
		if len(c.Members) == 0 {
			return nil, nil, fmt.Errorf("dedup: fold: cluster %d: %w: no members", ci, ErrUnknownMember)
		}
		for _, id := range c.Members {
			if _, ok := pos[id]; !ok {
				return nil, nil, fmt.Errorf("dedup: fold: cluster %d: %w: id %s is not a record", ci, ErrUnknownMember, inert.Terminal(id))
			}
			if seen[id] {
				return nil, nil, fmt.Errorf("dedup: fold: cluster %d: %w: id %s is listed twice", ci, ErrUnknownMember, inert.Terminal(id))
			}
			seen[id] = true
		}
		for _, id := range c.Members[1:] {
			folded[id] = c.Members[0]
		}
	}
	out := make([]R, 0, len(recs)-len(folded))
	for _, r := range recs {
		if _, ok := folded[r.RecordID()]; !ok {
			out = append(out, r)
		}
	}
	return out, folded, nil
}
