package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

// killBatch is the number of records per Add in the kill test's helper.
const killBatch = 3

// killRecord is record i of the kill test: deterministic, normalised, so
// that any stored record can be checked against it.
func killRecord(i int) techmatch.Achievement {
	r := rand.New(rand.NewPCG(uint64(i), 99))
	words := func(n int) string {
		ws := make([]string, n)
		for k := range ws {
			ws[k] = testVocab[r.IntN(len(testVocab))]
		}
		return strings.Join(ws, "")
	}
	a := techmatch.Achievement{
		ID:          fmt.Sprintf("k%07d", i),
		Title:       words(2 + r.IntN(3)),
		Description: words(5 + r.IntN(20)),
		Maturity:    1 + r.IntN(9),
		Keywords:    []string{words(1)},
	}
	if r.IntN(2) == 0 {
		a.Industries = []techmatch.Industry{testIndustries[r.IntN(4)]}
	}
	a.Normalize()
	return a
}

// killRounds is the number of kill rounds: TECHMATCH_KILL_ROUNDS, else
// 10 (3 under -race).
func killRounds(t *testing.T) int {
	if s := os.Getenv("TECHMATCH_KILL_ROUNDS"); s != "" {
		n, err := strconv.Atoi(s)
		require.NoError(t, err, "TECHMATCH_KILL_ROUNDS")
		return n
	}
	if raceEnabled {
		return 3
	}
	return 10
}

// killLanes is the number of helper processes killed side by side (each
// in its own directory), to keep the CI-size run short.
const killLanes = 2

// TestKill9 kills processes adding records to an on-disk index with
// SIGKILL at random points (before, during and after they open the index,
// mostly while they add) and checks after each kill that the index opens
// (no stale lock), holds every acknowledged record exactly, holds no
// record that differs from what was added, and that Len, Get, bleve and
// Search agree. killRounds kills in all, shared by killLanes parallel
// lanes. A long run: TECHMATCH_KILL_ROUNDS=200 (a fresh directory every
// 20 rounds of a lane keeps reopening cheap).
func TestKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("kills helper processes; skipped with -short")
	}
	rounds := killRounds(t)
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	for lane := range killLanes {
		n := rounds / killLanes
		if lane < rounds%killLanes {
			n++
		}
		t.Run(fmt.Sprintf("lane=%d", lane), func(t *testing.T) {
			t.Parallel()
			killLane(t, lane, n, rand.New(rand.NewPCG(seed, uint64(lane))))
		})
	}
}

// killLane runs rounds kills of TestKill9 in lane.
func killLane(t *testing.T, lane, rounds int, r *rand.Rand) {
	ctx := context.Background()
	var dir string
	var acked map[string]bool
	var tried []int // first record number of every batch tried in dir
	openTime := time.Second
	for round := range rounds {
		if round%20 == 0 {
			dir = filepath.Join(t.TempDir(), "ix")
			acked = map[string]bool{}
			tried = nil
		}
		from := (lane*100_000 + round) * 1_000_000
		h := startHelper(t, "add", helperDir+"="+dir, helperFrom+"="+strconv.Itoa(from))
		start := time.Now()
		if round%4 == 3 {
			// Anywhere from exec to the first Adds: startup, New creating
			// or reloading the index.
			time.Sleep(time.Duration(r.Int64N(int64(openTime + openTime/4))))
		} else {
			h.waitOpen(t)
			openTime = time.Since(start)
			time.Sleep(time.Duration(r.Int64N(int64(300 * time.Millisecond))))
		}
		lines := h.kill(t)
		for _, l := range lines {
			if id, ok := strings.CutPrefix(l, "ack "); ok {
				acked[id] = true
			}
			if f, ok := strings.CutPrefix(l, "try "); ok {
				first, _, _ := strings.Cut(f, " ")
				n, err := strconv.Atoi(first)
				require.NoError(t, err, "line %q", l)
				tried = append(tried, n)
			}
		}
		t.Logf("round %d: killed after %v, %d lines, %d acknowledged records in the directory", round, time.Since(start).Round(time.Millisecond), len(lines), len(acked))
		checkAfterKill(t, ctx, dir, acked, tried)
	}
}

// checkAfterKill reopens dir and checks it against the records
// acknowledged and the batches tried.
func checkAfterKill(t *testing.T, ctx context.Context, dir string, acked map[string]bool, tried []int) {
	t.Helper()
	ix, err := New[techmatch.Achievement](ctx, Config{Segmenter: testSeg, Path: dir})
	require.NoError(t, err, "reopen after kill -9")
	defer func() { require.NoError(t, ix.Close()) }()
	present := 0
	for _, first := range tried {
		for i := first; i < first+killBatch; i++ {
			want := killRecord(i)
			got, ok := ix.Get(want.ID)
			if !ok {
				require.False(t, acked[want.ID], "acknowledged record %s lost", want.ID)
				continue
			}
			present++
			require.Equal(t, want, got, "record %s differs from what was added", want.ID)
		}
	}
	require.Equal(t, present, ix.Len(), "Len = records found by Get among those tried")
	require.Equal(t, ix.Len(), docCount(t, ix), "Len = bleve DocCount")
	for id := range acked {
		_, ok := ix.Get(id)
		require.True(t, ok, "acknowledged record %s lost", id)
	}
	// Every record is found by Search through its own title.
	n := 0
	for _, first := range tried {
		a := killRecord(first)
		if _, ok := ix.Get(a.ID); !ok || n >= 50 {
			continue
		}
		n++
		terms, _, err := ix.Analyze(a, FieldWords)
		require.NoError(t, err)
		q := Query{Top: ix.Len()}
		for _, tw := range terms {
			q.Terms = append(q.Terms, QueryTerm{Term: tw.Term, Field: FieldWords, Weight: tw.TF})
		}
		hits, err := ix.Search(ctx, q)
		require.NoError(t, err)
		found := false
		for _, h := range hits {
			found = found || h.ID == a.ID
		}
		require.True(t, found, "Search by its title finds %s", a.ID)
	}
}
