package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

// openErr opens path with LockWait wait, closes it and returns how long
// New took and its error.
func openErr(ctx context.Context, path string, wait time.Duration) (time.Duration, error) {
	start := time.Now()
	ix, err := New[techmatch.Achievement](ctx, Config{Segmenter: testSeg, Path: path, LockWait: wait})
	el := time.Since(start)
	if err == nil {
		_ = ix.Close()
	}
	return el, err
}

// requireLocked asserts err is a *LockedError for path naming pid.
func requireLocked(t *testing.T, err error, path string, pid int) {
	t.Helper()
	require.ErrorIs(t, err, ErrLocked)
	var le *LockedError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, pid, le.PID, "LockedError.PID: got %d, want %d", le.PID, pid)
	abs, _ := filepath.Abs(path)
	assert.Equal(t, abs, le.Path, "LockedError.Path")
	assert.Contains(t, err.Error(), "index "+abs+": in use by process ", "got %v", err)
}

func TestLockOtherProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ix")
	h := startHelper(t, "hold", helperDir+"="+path)
	pid := h.waitOpen(t)
	require.Equal(t, h.cmd.Process.Pid, pid, "helper pid")

	el, err := openErr(context.Background(), path, 0)
	requireLocked(t, err, path, pid)
	assert.Less(t, el, time.Second, "New on a locked index took %v, want < 1 s", el)
	assert.Contains(t, err.Error(), "in use by process "+strconv.Itoa(pid), "got %v", err)
	t.Logf("refused in %v: %v", el, err)

	// kill -9 leaves no stale lock: the kernel drops it with the process.
	h.kill(t)
	_, err = openErr(context.Background(), path, 0)
	require.NoError(t, err, "open after the holder was killed")
}

func TestLockSameProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ix")
	ix := newTestIndex(t, path)
	el, err := openErr(context.Background(), path, 0)
	requireLocked(t, err, path, os.Getpid())
	assert.Contains(t, err.Error(), "this process", "got %v", err)
	assert.Less(t, el, time.Second, "took %v", el)
	// The failed open left the first Index working and locked.
	require.NoError(t, ix.Add(context.Background(), techmatch.Achievement{ID: "a", Title: "激光切割"}))
	_, err = openErr(context.Background(), path, 0)
	require.ErrorIs(t, err, ErrLocked, "still locked")
	// Close releases the lock.
	require.NoError(t, ix.Close())
	_, err = openErr(context.Background(), path, 0)
	require.NoError(t, err, "open after Close")
}

func TestLockWait(t *testing.T) {
	t.Run("holder closes while waiting", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "ix")
		h := startHelper(t, "hold", helperDir+"="+path, helperHold+"=300ms")
		h.waitOpen(t)
		el, err := openErr(context.Background(), path, 20*time.Second)
		require.NoError(t, err, "New with LockWait while the holder closes")
		assert.Less(t, el, 15*time.Second, "took %v", el)
	})
	t.Run("wait runs out", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "ix")
		ix := newTestIndex(t, path)
		el, err := openErr(context.Background(), path, 150*time.Millisecond)
		requireLocked(t, err, path, os.Getpid())
		assert.GreaterOrEqual(t, el, 150*time.Millisecond, "gave up after %v, before LockWait", el)
		_ = ix
	})
	t.Run("context ends the wait", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "ix")
		newTestIndex(t, path)
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		el, err := openErr(ctx, path, time.Minute)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.False(t, errors.Is(err, ErrLocked), "a context error is not ErrLocked: %v", err)
		assert.Less(t, el, 10*time.Second, "took %v", el)
	})
	t.Run("negative", func(t *testing.T) {
		err := Config{Segmenter: testSeg, LockWait: -time.Second}.Validate()
		assert.ErrorContains(t, err, "LockWait")
	})
}

func TestLockFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ix")
	newTestIndex(t, path)
	b, err := os.ReadFile(filepath.Join(path, lockName))
	require.NoError(t, err)
	assert.Equal(t, strconv.Itoa(os.Getpid())+"\n", string(b), "lock file content")
	for _, name := range []string{"", lockName, manifestName} {
		fi, err := os.Stat(filepath.Join(path, name))
		require.NoError(t, err)
		want := os.FileMode(0o600)
		if name == "" {
			want = 0o700 | os.ModeDir
		}
		assert.Equal(t, want, fi.Mode(), "mode of %q", name)
	}
}
