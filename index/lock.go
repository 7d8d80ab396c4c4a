package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gofrs/flock"
)

// lockName is the lock file in an index directory. It holds the pid of
// the process that has the index open, followed by a newline.
const lockName = "techmatch.lock"

// lockRetry is how often New retries a held lock while Config.LockWait
// lasts.
const lockRetry = 20 * time.Millisecond

// ErrLocked matches (errors.Is) the *LockedError New returns when another
// Index, in this process or another, holds the directory open.
var ErrLocked = errors.New("index: in use")

// LockedError is returned by New when the index directory is held open
// by another Index: another process, or this one (the lock is taken per
// open, so a second New on the same directory fails the same way).
//
// A LockedError is not modified after it is returned: safe to share.
type LockedError struct {
	// Path is the index directory.
	Path string
	// PID is the holder's process id as written in the lock file; 0 when
	// it could not be read.
	PID int
}

// Error reads like `index /data/ix: in use by process 12345`.
func (e *LockedError) Error() string {
	switch {
	case e.PID == 0:
		return fmt.Sprintf("index %s: in use by another process", e.Path)
	case e.PID == os.Getpid():
		return fmt.Sprintf("index %s: in use by process %d (this process: another Index holds it open)", e.Path, e.PID)
	}
	return fmt.Sprintf("index %s: in use by process %d", e.Path, e.PID)
}

// Is reports whether target is ErrLocked.
func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// dirLock is the exclusive lock on an index directory. flock(2) locks
// belong to the open file description, so each dirLock conflicts with
// every other, in this process or another, and the kernel releases the
// lock when the process dies (no stale lock after kill -9).
type dirLock struct {
	fl *flock.Flock
}

// lockDir takes the exclusive lock on dir (which must exist), waiting up
// to wait (0: not at all) while ctx lasts, and writes this process's pid
// into the lock file.
func lockDir(ctx context.Context, dir string, wait time.Duration) (*dirLock, error) {
	path := filepath.Join(dir, lockName)
	fl := flock.New(path, flock.SetPermissions(0o600))
	ok, err := fl.TryLock()
	if err != nil {
		return nil, fmt.Errorf("index %s: lock %s: %w", dir, path, err)
	}
	if !ok && wait > 0 {
		wctx, cancel := context.WithTimeout(ctx, wait)
		ok, err = fl.TryLockContext(wctx, lockRetry)
		cancel()
		switch {
		case ctx.Err() != nil:
			return nil, fmt.Errorf("index %s: waiting for the lock: %w", dir, ctx.Err())
		case err != nil && !errors.Is(err, context.DeadlineExceeded):
			return nil, fmt.Errorf("index %s: lock %s: %w", dir, path, err)
		}
	}
	if !ok {
		return nil, &LockedError{Path: dir, PID: readPID(path)}
	}
	if err := os.WriteFile(path, []byte(strconv.Itoa(os.Getpid())+"\n"), 0o600); err != nil {
		_ = fl.Unlock()
		return nil, fmt.Errorf("index %s: write pid to %s: %w", dir, path, err)
	}
	return &dirLock{fl: fl}, nil
}

// readPID reads the holder's pid from a lock file. The holder writes it
// just after taking the lock, so an empty file is retried briefly; 0
// means unknown.
func readPID(path string) int {
	for range 5 {
		b, err := os.ReadFile(path)
		if err != nil {
			return 0
		}
		if s := strings.TrimSpace(string(b)); s != "" {
			pid, err := strconv.Atoi(s)
			if err != nil || pid <= 0 {
				return 0
			}
			return pid
		}
		time.Sleep(10 * time.Millisecond)
	}
	return 0
}

// unlock releases the lock; the lock file stays (removing it would race
// with a process locking it).
func (l *dirLock) unlock() error {
	if l == nil {
		return nil
	}
	return l.fl.Unlock()
}
