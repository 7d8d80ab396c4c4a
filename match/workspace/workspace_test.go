package workspace

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/segment"
)

var (
	testSeg   *segment.Segmenter
	testAchs  []techmatch.Achievement
	testNeeds []techmatch.Need
)

func TestMain(m *testing.M) {
	var err error
	if testSeg, err = segment.Default(); err != nil {
		panic(err)
	}
	ctx := context.Background()
	if testAchs, _, err = techmatch.LoadAchievements(ctx, "../../testdata/achievements.jsonl", techmatch.ReadOptions{}); err != nil {
		panic(err)
	}
	if testNeeds, _, err = techmatch.LoadNeeds(ctx, "../../testdata/needs.jsonl", techmatch.ReadOptions{}); err != nil {
		panic(err)
	}
	if mode := os.Getenv(helperEnv); mode != "" {
		os.Exit(runHelper(mode))
	}
	os.Exit(m.Run())
}

// clock is a test clock that advances one minute per call.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)} }

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Minute)
	return c.t
}

func openTest(t *testing.T, dir string, c *clock) *Workspace {
	t.Helper()
	w, err := Open(context.Background(), dir, Config{Segmenter: testSeg, Now: c.now})
	require.NoError(t, err, "Open(%s)", dir)
	t.Cleanup(func() { _ = w.Close() })
	return w
}

// liveCounts returns the index lengths and the live record counts of a view.
func liveCounts(t *testing.T, w *Workspace) (idxA, idxN, liveA, liveN int) {
	t.Helper()
	require.NoError(t, w.View(func(v *View) error {
		idxA, idxN, liveA, liveN = v.Achs.Len(), v.Needs.Len(), len(v.LiveAchievements()), len(v.LiveNeeds())
		return nil
	}))
	return
}

func TestImportWithdrawReopen(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ws")
	c := newClock()
	w := openTest(t, dir, c)

	rep, err := w.Import(ctx, testAchs[:30], testNeeds[:10], ImportOptions{})
	require.NoError(t, err)
	assert.Len(t, rep.Achievements.Added, 30, "achievements added")
	assert.Len(t, rep.Needs.Added, 10, "needs added")
	assert.Equal(t, 1, rep.Generation)

	// Second quarter: 2 changed, 10 unchanged, 5 new; an id that exists is an update.
	q2 := append([]techmatch.Achievement(nil), testAchs[20:35]...)
	q2[0].Title += "（改进型）"
	q2[1].Price = 99
	rep, err = w.Import(ctx, q2, nil, ImportOptions{})
	require.NoError(t, err)
	assert.Equal(t, []string{q2[0].ID, q2[1].ID}, rep.Achievements.Updated, "updated")
	assert.Len(t, rep.Achievements.Unchanged, 8, "unchanged")
	assert.Len(t, rep.Achievements.Added, 5, "added")

	rep, err = w.Withdraw(ctx, []string{testAchs[0].ID, testNeeds[0].ID})
	require.NoError(t, err)
	assert.Equal(t, []string{testAchs[0].ID}, rep.Achievements.Withdrawn)
	assert.Equal(t, []string{testNeeds[0].ID}, rep.Needs.Withdrawn)
	_, err = w.Withdraw(ctx, []string{"NO-SUCH-ID"})
	assert.ErrorContains(t, err, "NO-SUCH-ID", "unknown id")

	idxA, idxN, liveA, liveN := liveCounts(t, w)
	assert.Equal(t, 34, idxA, "achievements indexed")
	assert.Equal(t, 34, liveA, "live achievements")
	assert.Equal(t, 9, idxN, "needs indexed")
	assert.Equal(t, 9, liveN, "live needs")

	es, err := w.Achievements()
	require.NoError(t, err)
	require.Len(t, es, 35, "withdrawn records stay")
	assert.Equal(t, Withdrawn, es[0].Status)
	assert.False(t, es[0].Withdrawn.IsZero(), "withdrawal dated")
	assert.Equal(t, []string{"added", "withdrawn"}, actions(es[0].History))
	assert.Equal(t, []string{"added", "updated"}, actions(es[20].History))
	assert.Contains(t, es[20].Record.Title, "改进型")
	require.NoError(t, w.Close())

	// Reopen: from the snapshots, same records, same counts.
	w = openTest(t, dir, c)
	op := w.Opened()
	assert.True(t, op.Achievements.Used, "achievement snapshot used (%s)", op.Achievements.Reason)
	assert.True(t, op.Needs.Used, "need snapshot used (%s)", op.Needs.Reason)
	assert.Zero(t, op.Repaired)
	got, err := w.Achievements()
	require.NoError(t, err)
	assert.Equal(t, es, got, "entries after reopening")
	idxA, idxN, _, _ = liveCounts(t, w)
	assert.Equal(t, 34, idxA)
	assert.Equal(t, 9, idxN)
	_, ok := w.achs.Get(testAchs[0].ID)
	assert.False(t, ok, "a withdrawn record is not in the index")

	// Importing a withdrawn id restores it.
	rep, err = w.Import(ctx, testAchs[:1], nil, ImportOptions{})
	require.NoError(t, err)
	assert.Equal(t, []string{testAchs[0].ID}, rep.Achievements.Restored)
	idxA, _, _, _ = liveCounts(t, w)
	assert.Equal(t, 35, idxA)
	sum, err := w.Summary()
	require.NoError(t, err)
	assert.Equal(t, 35, sum.Achievements)
	assert.Equal(t, 1, sum.WithdrawnNeeds)
	require.NotNil(t, sum.LastImport)
	assert.Equal(t, sum.Generation, sum.LastImport.Generation)

	// Files are private.
	for _, name := range []string{currentName, stateName(sum.Generation), snapName(achDir, sum.Generation)} {
		fi, err := os.Stat(filepath.Join(dir, name))
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "%s mode", name)
	}
	fi, err := os.Stat(dir)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), fi.Mode().Perm(), "directory mode")
}

func actions(h []Event) []string {
	var out []string
	for _, e := range h {
		out = append(out, e.Action)
	}
	return out
}

func TestImportErrors(t *testing.T) {
	ctx := context.Background()
	w := openTest(t, filepath.Join(t.TempDir(), "ws"), newClock())
	_, err := w.Import(ctx, testAchs[:5], testNeeds[:5], ImportOptions{})
	require.NoError(t, err)
	bad := testAchs[10]
	bad.Maturity = 42
	tests := []struct {
		name   string
		achs   []techmatch.Achievement
		wantIs error
		want   string
	}{
		{"bad maturity", []techmatch.Achievement{testAchs[6], bad}, techmatch.ErrOutOfRange, `record 1 (id "` + bad.ID + `")`},
		{"duplicate id", []techmatch.Achievement{testAchs[6], testAchs[6]}, techmatch.ErrDuplicateID, "first at record 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.Import(ctx, tt.achs, nil, ImportOptions{})
			require.Error(t, err)
			assert.True(t, errors.Is(err, tt.wantIs), "errors.Is(%v, %v)", err, tt.wantIs)
			assert.ErrorContains(t, err, tt.want)
			sum, err := w.Summary()
			require.NoError(t, err)
			assert.Equal(t, 1, sum.Generation, "nothing committed")
			assert.Equal(t, 5, sum.Achievements)
		})
	}
}

func TestLocked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	openTest(t, dir, newClock())
	_, err := Open(context.Background(), dir, Config{Segmenter: testSeg})
	assert.ErrorIs(t, err, ErrLocked)
}

func TestBadSnapshotRebuilt(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ws")
	c := newClock()
	w := openTest(t, dir, c)
	_, err := w.Import(ctx, testAchs[:40], testNeeds[:10], ImportOptions{})
	require.NoError(t, err)
	require.NoError(t, w.Close())
	p := filepath.Join(dir, snapName(achDir, 1))
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	b[len(b)/3] ^= 0x40
	require.NoError(t, os.WriteFile(p, b, 0o600))

	w = openTest(t, dir, c)
	op := w.Opened()
	assert.False(t, op.Achievements.Used, "damaged snapshot not trusted")
	assert.Contains(t, op.Achievements.Reason, "checksum")
	assert.True(t, op.Needs.Used, "need snapshot used")
	idxA, _, _, _ := liveCounts(t, w)
	assert.Equal(t, 40, idxA)
	require.NoError(t, w.Close())
	// Rewritten: the next open uses it.
	w = openTest(t, dir, c)
	assert.True(t, w.Opened().Achievements.Used, "rewritten snapshot used (%s)", w.Opened().Achievements.Reason)

	// A damaged state file is an error, not a silent empty workspace.
	require.NoError(t, w.Close())
	require.NoError(t, os.WriteFile(filepath.Join(dir, stateName(1)), []byte("{}"), 0o600))
	_, err = Open(ctx, dir, Config{Segmenter: testSeg})
	assert.ErrorIs(t, err, ErrCorrupt)
}

func TestDelta(t *testing.T) {
	ctx := context.Background()
	c := newClock()
	w := openTest(t, filepath.Join(t.TempDir(), "ws"), c)
	_, err := w.Import(ctx, testAchs[:60], testNeeds[:10], ImportOptions{})
	require.NoError(t, err)
	opt := DeltaOptions{Match: matchOpts(3)}

	// First run: everything is new in both directions.
	res, err := w.MatchDelta(ctx, opt)
	require.NoError(t, err)
	assert.Equal(t, 10, res.Needs)
	assert.Equal(t, 60, res.Achievements)
	require.NotEmpty(t, res.Pairs)
	for _, p := range res.Pairs {
		assert.Equal(t, MarkNew, p.Mark, "first run: %s–%s", p.NeedID, p.AchievementID)
	}
	first := len(res.Pairs)

	// Nothing changed since the last run: no pairs, run still recorded.
	res, err = w.MatchDelta(ctx, opt)
	require.NoError(t, err)
	assert.Zero(t, res.Needs+res.Achievements)
	assert.Empty(t, res.Pairs)

	// One need updated, one new need, one new achievement.
	upd := testNeeds[1]
	upd.Description += "。要求成本低"
	_, err = w.Import(ctx, []techmatch.Achievement{testAchs[60]}, []techmatch.Need{upd, testNeeds[10]}, ImportOptions{})
	require.NoError(t, err)
	res, err = w.MatchDelta(ctx, opt)
	require.NoError(t, err)
	assert.Equal(t, 2, res.Needs)
	assert.Equal(t, 1, res.Achievements)
	marks := map[string]int{}
	for _, p := range res.Pairs {
		marks[p.Mark]++
		switch p.From {
		case "need":
			assert.Contains(t, []string{upd.ID, testNeeds[10].ID}, p.NeedID)
		case "achievement":
			assert.Equal(t, testAchs[60].ID, p.AchievementID)
		default:
			t.Errorf("From = %q", p.From)
		}
		if p.NeedID == testNeeds[10].ID || p.AchievementID == testAchs[60].ID {
			assert.Equal(t, MarkNew, p.Mark, "a pair with a new record is new")
		}
	}
	assert.Positive(t, marks[MarkSeen], "the updated need's earlier pairs are 已推荐")
	runs, err := w.Runs()
	require.NoError(t, err)
	require.Len(t, runs, 3, "runs kept")
	assert.Len(t, runs[0].Pairs, first)

	// An explicit date before everything: all live records again.
	res, err = w.MatchDelta(ctx, DeltaOptions{Since: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), Match: matchOpts(3), NoRecord: true})
	require.NoError(t, err)
	assert.Equal(t, 11, res.Needs)
	assert.Equal(t, 61, res.Achievements)
	runs, err = w.Runs()
	require.NoError(t, err)
	assert.Len(t, runs, 3, "NoRecord records nothing")
}

func TestConcurrentViewsDuringImport(t *testing.T) {
	ctx := context.Background()
	w := openTest(t, filepath.Join(t.TempDir(), "ws"), newClock())
	_, err := w.Import(ctx, testAchs[:20], testNeeds[:5], ImportOptions{})
	require.NoError(t, err)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				idxA, idxN, liveA, liveN := liveCounts(t, w)
				assert.Equal(t, liveA, idxA, "a view sees one generation (achievements)")
				assert.Equal(t, liveN, idxN, "a view sees one generation (needs)")
			}
		})
	}
	for i := range 6 {
		_, err := w.Import(ctx, testAchs[20+10*i:30+10*i], testNeeds[5+i:6+i], ImportOptions{Withdraw: []string{testAchs[i].ID}})
		require.NoError(t, err)
	}
	close(stop)
	wg.Wait()
	idxA, _, _, _ := liveCounts(t, w)
	assert.Equal(t, 74, idxA)
}
