package index

import (
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

var update = flag.Bool("update", false, "rewrite the fuzz seed of FuzzSnapshot")

// hitsOf returns Search's hits (id and score) for the words of recs.
func hitsOf(t *testing.T, ix *Index[techmatch.Achievement], recs []techmatch.Achievement) []Hit {
	t.Helper()
	var out []Hit
	for _, r := range recs {
		terms, _, err := ix.Analyze(r, FieldWords)
		require.NoError(t, err)
		q := Query{Top: 20}
		for _, tw := range terms {
			q.Terms = append(q.Terms, QueryTerm{Term: tw.Term, Field: FieldWords, Weight: tw.TF})
		}
		hits, err := ix.Search(context.Background(), q)
		require.NoError(t, err)
		for _, h := range hits {
			out = append(out, Hit{ID: h.ID, Score: h.Score})
		}
	}
	return out
}

func TestSnapshot(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path, snap := filepath.Join(dir, "ix"), filepath.Join(dir, "core.snap")
	var recs []techmatch.Achievement
	for i := range 80 {
		recs = append(recs, killRecord(i))
	}
	ix := newTestIndex(t, path)
	require.NoError(t, ix.Add(ctx, recs...))
	_, err := ix.Delete(ctx, recs[0].ID, recs[1].ID) // tombstones in the snapshot
	require.NoError(t, err)
	live := recs[2:]
	want := hitsOf(t, ix, recs[:20])
	require.NoError(t, ix.WriteSnapshot(ctx, snap))
	require.NoError(t, ix.Close())
	fi, err := os.Stat(snap)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "snapshot mode")

	open := func() *Index[techmatch.Achievement] {
		ix, err := New[techmatch.Achievement](ctx, Config{Segmenter: testSeg, Path: path, Snapshot: snap})
		require.NoError(t, err)
		t.Cleanup(func() { _ = ix.Close() })
		return ix
	}
	ix = open()
	st := ix.SnapshotStatus()
	assert.True(t, st.Used, "snapshot used (reason %q)", st.Reason)
	checkConsistent(t, ix, wantMap(live))
	got := hitsOf(t, ix, recs[:20])
	assert.Equal(t, want, got, "hits from the snapshot")
	// The reopened index keeps working: an update and a new snapshot.
	upd := live[0]
	upd.Title += "改进型"
	require.NoError(t, ix.Add(ctx, upd))
	want2 := hitsOf(t, ix, recs[:20])
	require.NoError(t, ix.WriteSnapshot(ctx, snap))
	require.NoError(t, ix.Close())
	ix = open()
	assert.True(t, ix.SnapshotStatus().Used)
	assert.Equal(t, want2, hitsOf(t, ix, recs[:20]), "hits after update and second snapshot")
	require.NoError(t, ix.Close())

	good, err := os.ReadFile(snap)
	require.NoError(t, err)
	tests := []struct {
		name, reason string
		data         []byte
	}{
		{"flipped byte", "checksum", func() []byte { b := append([]byte(nil), good...); b[len(b)/2] ^= 1; return b }()},
		{"truncated", "checksum", good[:len(good)-100]},
		{"empty", "truncated", nil},
		{"missing", "missing", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "missing" {
				require.NoError(t, os.Remove(snap))
			} else {
				require.NoError(t, os.WriteFile(snap, tt.data, 0o600))
			}
			ix := open()
			st := ix.SnapshotStatus()
			assert.False(t, st.Used, "bad snapshot not used")
			assert.Contains(t, st.Reason, tt.reason, "reason")
			checkConsistent(t, ix, wantMap(append([]techmatch.Achievement{upd}, live[1:]...)))
			assert.Equal(t, want2, hitsOf(t, ix, recs[:20]), "hits after reload")
			require.NoError(t, ix.Close())
		})
	}

	// A snapshot of another state of the directory (stale) is refused.
	require.NoError(t, os.WriteFile(snap, good, 0o600))
	ix = newTestIndex(t, path)
	_, err = ix.Delete(ctx, live[5].ID)
	require.NoError(t, err)
	require.NoError(t, ix.Close())
	ix = open()
	assert.False(t, ix.SnapshotStatus().Used, "stale snapshot not used")
	assert.Contains(t, ix.SnapshotStatus().Reason, "bleve index holds")
}

// FuzzSnapshot feeds arbitrary snapshot bodies, with a valid checksum
// appended, to the snapshot loader of a core-only index: it must refuse
// them with ErrBadSnapshot or load a core that searches without
// panicking.
func FuzzSnapshot(f *testing.F) {
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, body []byte) {
		sum := sha256.Sum256(body)
		p := filepath.Join(t.TempDir(), "s.snap")
		require.NoError(t, os.WriteFile(p, append(body, sum[:]...), 0o600))
		ix, err := New[techmatch.Achievement](ctx, Config{Segmenter: testSeg, CoreOnly: true})
		require.NoError(t, err)
		defer ix.Close()
		if err := ix.loadSnapshot(ctx, p); err != nil {
			assert.ErrorIs(t, err, ErrBadSnapshot)
			return
		}
		q := Query{Top: 5}
		for f := range Field(numFields) {
			for _, term := range ix.core.spaces[f].terms {
				q.Terms = append(q.Terms, QueryTerm{Term: term, Field: f, Weight: 1})
			}
		}
		if len(q.Terms) > 0 {
			_, err := ix.Search(ctx, q)
			assert.NoError(t, err)
		}
	})
}

// TestWriteSnapshotSeed rewrites FuzzSnapshot's seed (a snapshot body of
// three records) with -update.
func TestWriteSnapshotSeed(t *testing.T) {
	if !*update {
		t.Skip("-update rewrites testdata/fuzz/FuzzSnapshot/seed")
	}
	ctx := context.Background()
	dir := t.TempDir()
	ix := newTestIndex(t, filepath.Join(dir, "ix"))
	require.NoError(t, ix.Add(ctx, killRecord(1), killRecord(2), killRecord(3)))
	snap := filepath.Join(dir, "s.snap")
	require.NoError(t, ix.WriteSnapshot(ctx, snap))
	b, err := os.ReadFile(snap)
	require.NoError(t, err)
	body := b[:len(b)-sha256.Size]
	seed := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", body)
	require.NoError(t, os.MkdirAll("testdata/fuzz/FuzzSnapshot", 0o755))
	require.NoError(t, os.WriteFile("testdata/fuzz/FuzzSnapshot/seed", []byte(seed), 0o644))
}
