package workspace

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

// The kill test's child process: the test binary re-executed with
// helperEnv set imports version helperVersion and exits.
const (
	helperEnv     = "TECHMATCH_WS_HELPER"
	helperDir     = "TECHMATCH_WS_DIR"
	helperVersion = "TECHMATCH_WS_VERSION"
)

// Sizes of the kill test's catalogs.
const killAchs, killNeeds = 40, 10

// versioned returns version v of the kill test's catalogs: every title
// carries " v<v>", and version v adds achievement killAchs+v.
func versioned(v int) ([]techmatch.Achievement, []techmatch.Need) {
	achs := append([]techmatch.Achievement(nil), testAchs[:killAchs+v]...)
	for i := range achs {
		achs[i].Title = fmt.Sprintf("%s v%d", achs[i].Title, v)
	}
	needs := append([]techmatch.Need(nil), testNeeds[:killNeeds]...)
	for i := range needs {
		needs[i].Title = fmt.Sprintf("%s v%d", needs[i].Title, v)
	}
	return achs, needs
}

// runHelper imports version helperVersion into helperDir, printing
// "open" when the workspace is open and "done" when Import returned.
func runHelper(string) int {
	ctx := context.Background()
	v, err := strconv.Atoi(os.Getenv(helperVersion))
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		return 2
	}
	w, err := Open(ctx, os.Getenv(helperDir), Config{Segmenter: testSeg})
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		return 2
	}
	fmt.Println("open")
	achs, needs := versioned(v)
	if _, err := w.Import(ctx, achs, needs, ImportOptions{}); err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		return 2
	}
	fmt.Println("done")
	if err := w.Close(); err != nil {
		return 2
	}
	return 0
}

// killRounds is TECHMATCH_KILL_ROUNDS, else 20 with -short and 40
// without.
func killRounds(t *testing.T) int {
	if s := os.Getenv("TECHMATCH_KILL_ROUNDS"); s != "" {
		n, err := strconv.Atoi(s)
		require.NoError(t, err, "TECHMATCH_KILL_ROUNDS")
		return n
	}
	if testing.Short() {
		return 20
	}
	return 40
}

// versionOf returns the version a title carries (-1: none).
func versionOf(title string) int {
	i := strings.LastIndex(title, " v")
	if i < 0 {
		return -1
	}
	v, err := strconv.Atoi(title[i+2:])
	if err != nil {
		return -1
	}
	return v
}

// checkVersion checks that the workspace in dir holds exactly one
// version of both catalogs, in its state and its indexes, and returns it
// and whether a snapshot had to be rebuilt.
func checkVersion(t *testing.T, dir string) (int, bool) {
	t.Helper()
	w, err := Open(context.Background(), dir, Config{Segmenter: testSeg})
	require.NoError(t, err, "reopen after kill")
	defer w.Close()
	achs, err := w.Achievements()
	require.NoError(t, err)
	needs, err := w.Needs()
	require.NoError(t, err)
	require.NotEmpty(t, achs)
	v := versionOf(achs[0].Record.Title)
	wantA, wantN := versioned(v)
	require.Len(t, achs, len(wantA), "achievements of version %d", v)
	require.Len(t, needs, len(wantN), "needs of version %d", v)
	for i, e := range achs {
		assert.Equal(t, v, versionOf(e.Record.Title), "achievement %s", e.Record.ID)
		got, ok := w.achs.Get(e.Record.ID)
		if assert.True(t, ok, "indexed %s", e.Record.ID) {
			assert.Equal(t, wantA[i].Title, got.Title, "index holds version %d of %s", v, e.Record.ID)
		}
	}
	for i, e := range needs {
		assert.Equal(t, v, versionOf(e.Record.Title), "need %s", e.Record.ID)
		got, ok := w.needs.Get(e.Record.ID)
		if assert.True(t, ok, "indexed %s", e.Record.ID) {
			assert.Equal(t, wantN[i].Title, got.Title, "index holds version %d of %s", v, e.Record.ID)
		}
	}
	assert.Equal(t, len(wantA), w.achs.Len(), "achievement index size")
	assert.Equal(t, len(wantN), w.needs.Len(), "need index size")
	op := w.Opened()
	return v, !op.Achievements.Used || !op.Needs.Used
}

// TestKill imports new versions in a child process killed (SIGKILL) at a
// random point, then reopens: the workspace holds the version before or
// the one after, whole, in both catalogs, their indexes and snapshots.
func TestKill(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	func() {
		w := openTest(t, dir, newClock())
		achs, needs := versioned(0)
		_, err := w.Import(context.Background(), achs, needs, ImportOptions{})
		require.NoError(t, err)
		require.NoError(t, w.Close())
	}()
	exe, err := os.Executable()
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(7, 11))
	have, after, before, repaired := 0, 0, 0, 0
	for round := 1; round <= killRounds(t); round++ {
		next := have + 1
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), helperEnv+"=import", helperDir+"="+dir, helperVersion+"="+strconv.Itoa(next))
		out, err := cmd.StdoutPipe()
		require.NoError(t, err)
		cmd.Stderr = os.Stderr
		require.NoError(t, cmd.Start())
		sc := bufio.NewScanner(out)
		require.True(t, sc.Scan(), "child opened")
		require.Equal(t, "open", sc.Text())
		// The commit point comes a few ms after "open", then the indexes
		// and snapshots take 0.1–1 s: half the kills land in the first
		// 15 ms, the others anywhere.
		delay := time.Duration(rng.IntN(600_000)) * time.Microsecond
		if round%2 == 0 {
			delay = time.Duration(rng.IntN(15_000)) * time.Microsecond
		}
		time.Sleep(delay)
		require.NoError(t, cmd.Process.Kill())
		done := sc.Scan() && sc.Text() == "done"
		_ = cmd.Wait()
		got, rebuilt := checkVersion(t, dir)
		if rebuilt {
			repaired++
		}
		if done {
			assert.Equal(t, next, got, "round %d: an import that returned is kept", round)
		} else {
			assert.Contains(t, []int{have, next}, got, "round %d: before or after", round)
		}
		if got == next {
			after++
		} else {
			before++
		}
		have = got
	}
	t.Logf("%d rounds: %d killed before the commit, %d after it or done; %d reopened without a valid snapshot", before+after, before, after, repaired)
	assert.Positive(t, before, "some kills before the commit")
	assert.Positive(t, after, "some imports committed")
}
