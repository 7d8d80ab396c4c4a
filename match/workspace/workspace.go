package workspace

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gofrs/flock"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/internal/atomicfile"
	"github.com/techmatch/techmatch/segment"
)

// Names in a workspace directory.
const (
	lockName    = "lock"
	currentName = "CURRENT"
	achDir      = "achievements"
	needDir     = "needs"
)

// stateName is the state file of generation gen.
func stateName(gen int) string { return fmt.Sprintf("state-%06d.json", gen) }

// snapName is the snapshot of the core of catalog kind (achDir or
// needDir) at generation gen.
func snapName(kind string, gen int) string { return fmt.Sprintf("%s-%06d.snap", kind, gen) }

// ErrLocked matches (errors.Is) the error of Open when another process
// holds the workspace.
var ErrLocked = errors.New("workspace: in use by another process")

// ErrCorrupt matches (errors.Is) the error of Open when the state file
// that CURRENT names is missing or does not match its checksum: the
// workspace was damaged outside techmatch (a crash never does this).
var ErrCorrupt = errors.New("workspace: corrupt")

// ErrNeedsReopen matches (errors.Is) the errors of calls after an
// import failed (not crashed) after its commit point: the state on disk
// is the new one, the indexes in memory may lag; Open repairs them.
var ErrNeedsReopen = errors.New("workspace: an import failed after its commit; close and open the workspace again")

// Config configures Open. The zero value of every field but Segmenter
// means its documented default (the CLI's).
//
// A Config is a plain value: safe to copy and to read concurrently.
type Config struct {
	// Segmenter analyses text. Required; share one per process.
	Segmenter *segment.Segmenter
	// LockWait is how long Open waits for a workspace another process
	// holds. Default 0: fail at once (ErrLocked).
	LockWait time.Duration
	// Now is the clock of record dates (history, runs). Default
	// time.Now.
	Now func() time.Time
}

// Validate reports the invalid fields of c.
func (c Config) Validate() error {
	var errs []error
	if c.Segmenter == nil {
		errs = append(errs, errors.New("workspace: Config.Segmenter is required"))
	}
	if c.LockWait < 0 {
		errs = append(errs, fmt.Errorf("workspace: Config.LockWait = %v, want ≥ 0", c.LockWait))
	}
	return errors.Join(errs...)
}

// Status is a record's status in the workspace (a plain string value).
type Status string

// The statuses.
const (
	// Live records take part in matching.
	Live Status = "live"
	// Withdrawn records stay in the workspace with their history but
	// leave matching; importing the id again makes it live.
	Withdrawn Status = "withdrawn"
)

// Event is one change of a record.
//
// An Event is a plain value: safe to copy and share.
type Event struct {
	At time.Time `json:"at"`
	// Action is "added", "updated", "withdrawn" or "restored" (imported
	// again after a withdrawal).
	Action string `json:"action"`
	// Generation is the workspace generation the change made.
	Generation int `json:"generation"`
}

// Entry is a record with its status and history. Entries returned by the
// workspace are copies: safe to keep and modify.
type Entry[R techmatch.Record] struct {
	Record R      `json:"record"`
	Status Status `json:"status"`
	// Added is when the id was first imported, Changed when its content
	// last changed (added, updated or restored): delta matching uses it.
	Added   time.Time `json:"added"`
	Changed time.Time `json:"changed"`
	// Withdrawn is when it was withdrawn (zero while live).
	Withdrawn time.Time `json:"withdrawn,omitzero"`
	History   []Event   `json:"history"`
}

// state is one generation of the workspace: every record ever imported
// (live and withdrawn) with its history, the imports and the match runs.
// A state is immutable once committed; writers build a new one.
type state struct {
	Generation   int                             `json:"generation"`
	Achievements []*Entry[techmatch.Achievement] `json:"achievements"`
	Needs        []*Entry[techmatch.Need]        `json:"needs"`
	Imports      []ImportReport                  `json:"imports"`
	Runs         []Run                           `json:"runs"`
}

// OpenReport says how Open found the workspace.
//
// An OpenReport is a plain value: safe to copy and share.
type OpenReport struct {
	// Generation is the committed generation (0: empty workspace).
	Generation int
	// Achievements and Needs say how each catalog's match core was
	// filled: from its snapshot (Used) or by segmenting every record
	// again, and why.
	Achievements, Needs index.SnapshotStatus
	// Repaired counts records the indexes had to change to match the
	// committed state (an import interrupted after its commit point).
	Repaired int
	// Removed lists leftovers of interrupted imports that Open deleted.
	Removed []string
}

// Workspace holds both catalogs of an agency in one directory, across
// imports: every record with its status and history, the match runs and
// their pairs, a bleve index per catalog (the live records) and a
// snapshot of each analysed match core, so that reopening does not
// segment the catalogs again.
//
// Layout of the directory (created 0700, files 0600): lock (flock),
// CURRENT (the committed generation and the SHA-256 of its state file),
// state-NNNNNN.json, achievements/ and needs/ (index directories, see
// index.Config.Path) and achievements-NNNNNN.snap, needs-NNNNNN.snap.
//
// Every write (Import, Withdraw, RecordRun) is atomic: it writes the new
// state file, fsyncs it, then replaces CURRENT by rename (the commit
// point), then brings the indexes and snapshots to the new state. A
// crash before the rename leaves the old generation; a crash after it
// leaves the new one, whose indexes Open repairs (index.Sync to the
// state's live records) and whose snapshots it rewrites. A snapshot is
// only written once its generation is applied, and is checked when read
// (index.Config.Snapshot), so a stale or damaged one is never trusted.
//
// Concurrency: one process holds a workspace at a time (flock on lock;
// others get ErrLocked or wait Config.LockWait). Within the process all
// methods are safe for concurrent use: writers are serialised, and
// readers (View, Entries, Status) run concurrently with each other and
// see the generation before or after a concurrent write, never part of
// it (the write holds the view lock exclusively while it applies).
type Workspace struct {
	dir  string
	cfg  Config
	lock *flock.Flock

	wmu sync.Mutex   // serialises writers
	mu  sync.RWMutex // guards st, broken, closed; readers of the indexes hold it
	st  *state
	// achs and needs index the live records of st. Set by Open.
	achs   *index.Index[techmatch.Achievement]
	needs  *index.Index[techmatch.Need]
	broken bool
	closed bool
	opened OpenReport
}

// Open opens the workspace in dir, creating it (0700) when absent or
// empty. It takes the workspace's lock, removes the leftovers of
// interrupted writes, reads the committed state and opens both indexes
// from their snapshots, rebuilding and repairing what does not match the
// state. Cost with valid snapshots: reading and decoding the state and
// the snapshots, and one id lookup per live record (BenchmarkReopen);
// without: index.Sync of both catalogs to the state (one encoding and
// hash of every live record) after one segmentation of every live
// record, and two snapshots written.
func Open(ctx context.Context, dir string, cfg Config) (*Workspace, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("workspace %s: create: %w", dir, err)
	}
	fl, err := lockWorkspace(ctx, dir, cfg.LockWait)
	if err != nil {
		return nil, err
	}
	w := &Workspace{dir: dir, cfg: cfg, lock: fl}
	if err := w.open(ctx); err != nil {
		w.closeIndexes()
		_ = fl.Unlock()
		return nil, err
	}
	return w, nil
}

// lockWorkspace takes the workspace's flock, waiting up to wait.
func lockWorkspace(ctx context.Context, dir string, wait time.Duration) (*flock.Flock, error) {
	fl := flock.New(filepath.Join(dir, lockName), flock.SetPermissions(0o600))
	deadline := time.Now().Add(wait)
	for {
		ok, err := fl.TryLock()
		if err != nil {
			return nil, fmt.Errorf("workspace %s: lock: %w", dir, err)
		}
		if ok {
			return fl, nil
		}
		if !time.Now().Before(deadline) {
			return nil, fmt.Errorf("workspace %s: %w", dir, ErrLocked)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("workspace %s: waiting for the lock: %w", dir, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// open reads the committed state and opens the indexes. Caller holds the
// flock; nothing else sees w yet.
func (w *Workspace) open(ctx context.Context) error {
	gen, sum, err := w.readCurrent()
	if err != nil {
		return err
	}
	removed, err := w.removeLeftovers(gen)
	if err != nil {
		return err
	}
	w.opened = OpenReport{Generation: gen, Removed: removed}
	// The state is decoded while the indexes load (two cores: about
	// half the wall time of a large reopen).
	st, stErr := &state{}, make(chan error, 1)
	go func() {
		var err error
		if gen > 0 {
			st, err = w.readState(gen, sum)
		}
		stErr <- err
	}()
	if err := w.openIndexes(ctx, gen); err != nil {
		<-stErr
		return err
	}
	if err := <-stErr; err != nil {
		return err
	}
	w.st = st
	w.opened.Achievements, w.opened.Needs = w.achs.SnapshotStatus(), w.needs.SnapshotStatus()
	if w.opened.Achievements.Used && w.opened.Needs.Used && holds(w.achs, st.Achievements) && holds(w.needs, st.Needs) {
		// The snapshots passed their checks (checksum, generation, bleve's
		// count) and hold exactly the live ids: nothing to repair.
		return nil
	}
	n, err := w.apply(ctx, st, true)
	w.opened.Repaired = n
	return err
}

// openIndexes opens both indexes with the snapshots of generation gen.
func (w *Workspace) openIndexes(ctx context.Context, gen int) error {
	var err error
	icfg := func(kind string) index.Config {
		c := index.Config{Segmenter: w.cfg.Segmenter, Path: filepath.Join(w.dir, kind)}
		if gen > 0 {
			c.Snapshot = filepath.Join(w.dir, snapName(kind, gen))
		}
		return c
	}
	if w.achs, err = index.New[techmatch.Achievement](ctx, icfg(achDir)); err != nil {
		return fmt.Errorf("workspace %s: %w", w.dir, err)
	}
	if w.needs, err = index.New[techmatch.Need](ctx, icfg(needDir)); err != nil {
		return fmt.Errorf("workspace %s: %w", w.dir, err)
	}
	return nil
}

// holds reports whether ix holds exactly the live ids of es. Cost
// O(len(es)) map lookups.
func holds[R techmatch.Record](ix *index.Index[R], es []*Entry[R]) bool {
	live := 0
	for _, e := range es {
		if e.Status != Live {
			continue
		}
		live++
		if _, ok := ix.Doc(e.Record.RecordID()); !ok {
			return false
		}
	}
	return live == ix.Len()
}

// apply brings both indexes to st's live records (index.Sync: unchanged
// records cost a hash) and, when anything changed or force, writes the
// snapshots of st's generation. It returns how many index records
// changed.
func (w *Workspace) apply(ctx context.Context, st *state, force bool) (int, error) {
	ra, err := w.achs.Sync(ctx, liveRecords(st.Achievements))
	if err != nil {
		return 0, fmt.Errorf("workspace %s: apply generation %d to the achievements: %w", w.dir, st.Generation, err)
	}
	rn, err := w.needs.Sync(ctx, liveRecords(st.Needs))
	if err != nil {
		return 0, fmt.Errorf("workspace %s: apply generation %d to the needs: %w", w.dir, st.Generation, err)
	}
	n := ra.Added + ra.Updated + ra.Deleted + rn.Added + rn.Updated + rn.Deleted
	if st.Generation > 0 && (force || n > 0 || !exists(filepath.Join(w.dir, snapName(achDir, st.Generation)))) {
		if err := w.achs.WriteSnapshot(ctx, filepath.Join(w.dir, snapName(achDir, st.Generation))); err != nil {
			return n, fmt.Errorf("workspace %s: %w", w.dir, err)
		}
		if err := w.needs.WriteSnapshot(ctx, filepath.Join(w.dir, snapName(needDir, st.Generation))); err != nil {
			return n, fmt.Errorf("workspace %s: %w", w.dir, err)
		}
	}
	return n, nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// liveRecords returns the records of the live entries, in order.
func liveRecords[R techmatch.Record](es []*Entry[R]) []R {
	out := make([]R, 0, len(es))
	for _, e := range es {
		if e.Status == Live {
			out = append(out, e.Record)
		}
	}
	return out
}

// readCurrent reads CURRENT: "<generation> <sha256 of the state file>".
// A missing CURRENT is generation 0 (nothing committed).
func (w *Workspace) readCurrent() (int, string, error) {
	b, err := os.ReadFile(filepath.Join(w.dir, currentName))
	if errors.Is(err, os.ErrNotExist) {
		return 0, "", nil
	}
	if err != nil {
		return 0, "", fmt.Errorf("workspace %s: read %s: %w", w.dir, currentName, err)
	}
	f := strings.Fields(string(b))
	gen, perr := 0, error(nil)
	if len(f) == 2 {
		gen, perr = strconv.Atoi(f[0])
	}
	if len(f) != 2 || perr != nil || gen < 1 || len(f[1]) != 2*sha256.Size {
		return 0, "", fmt.Errorf("%w: %s: %s holds %q, want \"<generation> <sha256>\"", ErrCorrupt, w.dir, currentName, b)
	}
	return gen, f[1], nil
}

// readState reads and checks the state file of gen.
func (w *Workspace) readState(gen int, sum string) (*state, error) {
	p := filepath.Join(w.dir, stateName(gen))
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: generation %d: %w", ErrCorrupt, w.dir, gen, err)
	}
	if got := sha256.Sum256(b); hex.EncodeToString(got[:]) != sum {
		return nil, fmt.Errorf("%w: %s: checksum mismatch (CURRENT says %s)", ErrCorrupt, p, sum)
	}
	st := &state{}
	if err := json.Unmarshal(b, st); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrCorrupt, p, err)
	}
	if st.Generation != gen {
		return nil, fmt.Errorf("%w: %s holds generation %d", ErrCorrupt, p, st.Generation)
	}
	return st, nil
}

// removeLeftovers deletes the state files and snapshots of other
// generations than gen and temporary files of interrupted writes.
func (w *Workspace) removeLeftovers(gen int) ([]string, error) {
	ents, err := os.ReadDir(w.dir)
	if err != nil {
		return nil, fmt.Errorf("workspace %s: %w", w.dir, err)
	}
	keep := map[string]bool{stateName(gen): true, snapName(achDir, gen): true, snapName(needDir, gen): true}
	var removed []string
	for _, e := range ents {
		name := e.Name()
		stale := strings.Contains(name, ".tmp") ||
			(strings.HasPrefix(name, "state-") || strings.HasSuffix(name, ".snap")) && !keep[name]
		if !stale || e.IsDir() {
			continue
		}
		if err := os.Remove(filepath.Join(w.dir, name)); err != nil {
			return removed, fmt.Errorf("workspace %s: remove leftover %s: %w", w.dir, name, err)
		}
		removed = append(removed, name)
	}
	return removed, nil
}

// commit writes st as the next generation: the state file (fsync), then
// CURRENT by rename (the commit point), then the directory (fsync).
func (w *Workspace) commit(st *state) error {
	b, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("workspace %s: encode generation %d: %w", w.dir, st.Generation, err)
	}
	if err := writeFileAtomic(w.dir, stateName(st.Generation), b); err != nil {
		return err
	}
	sum := sha256.Sum256(b)
	return writeFileAtomic(w.dir, currentName, fmt.Appendf(nil, "%d %x\n", st.Generation, sum))
}

// writeFileAtomic writes data to dir/name atomically (0600).
func writeFileAtomic(dir, name string, data []byte) error {
	if err := atomicfile.WriteFile(dir, name, data); err != nil {
		return fmt.Errorf("workspace %s: %w", dir, err)
	}
	return nil
}

// Opened returns how Open found the workspace.
func (w *Workspace) Opened() OpenReport {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.opened
}

// Dir returns the workspace's directory.
func (w *Workspace) Dir() string { return w.dir }

// rlock takes the read lock of a usable workspace.
func (w *Workspace) rlock(op string) error {
	w.mu.RLock()
	switch {
	case w.closed:
		w.mu.RUnlock()
		return fmt.Errorf("workspace %s: %s: %w", w.dir, op, index.ErrClosed)
	case w.broken:
		w.mu.RUnlock()
		return fmt.Errorf("workspace %s: %s: %w", w.dir, op, ErrNeedsReopen)
	}
	return nil
}

// Close closes both indexes and releases the lock. It is idempotent.
func (w *Workspace) Close() error {
	w.wmu.Lock()
	defer w.wmu.Unlock()
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	w.closed = true
	err := w.closeIndexes()
	if uerr := w.lock.Unlock(); uerr != nil {
		err = errors.Join(err, fmt.Errorf("workspace %s: unlock: %w", w.dir, uerr))
	}
	return err
}

func (w *Workspace) closeIndexes() error {
	var errs []error
	if w.achs != nil {
		errs = append(errs, w.achs.Close())
	}
	if w.needs != nil {
		errs = append(errs, w.needs.Close())
	}
	return errors.Join(errs...)
}

// Achievements returns copies of every achievement entry (live and
// withdrawn) in import order.
func (w *Workspace) Achievements() ([]Entry[techmatch.Achievement], error) {
	if err := w.rlock("achievements"); err != nil {
		return nil, err
	}
	defer w.mu.RUnlock()
	return copyEntries(w.st.Achievements), nil
}

// Needs returns copies of every need entry (live and withdrawn) in
// import order.
func (w *Workspace) Needs() ([]Entry[techmatch.Need], error) {
	if err := w.rlock("needs"); err != nil {
		return nil, err
	}
	defer w.mu.RUnlock()
	return copyEntries(w.st.Needs), nil
}

func copyEntries[R techmatch.Record](es []*Entry[R]) []Entry[R] {
	out := make([]Entry[R], len(es))
	for i, e := range es {
		out[i] = *e
		out[i].History = append([]Event(nil), e.History...)
		// Records are values; their slices are never modified in place
		// by the workspace, but the caller may: give it its own.
		b, _ := json.Marshal(e.Record)
		var r R
		if json.Unmarshal(b, &r) == nil {
			out[i].Record = r
		}
	}
	return out
}

// Summary counts what a workspace holds.
//
// A Summary is a plain value: safe to copy and share.
type Summary struct {
	Generation                          int
	Achievements, WithdrawnAchievements int // live, withdrawn
	Needs, WithdrawnNeeds               int
	LastImport                          *ImportReport
	LastRun                             *RunInfo
	Runs                                int
}

// RunInfo is a run without its pairs.
//
// A RunInfo is a plain value: safe to copy and share.
type RunInfo struct {
	At    time.Time
	Since time.Time
	Pairs int
}

// Summary returns the counts, the last import and the last run.
func (w *Workspace) Summary() (Summary, error) {
	if err := w.rlock("status"); err != nil {
		return Summary{}, err
	}
	defer w.mu.RUnlock()
	s := Summary{Generation: w.st.Generation, Runs: len(w.st.Runs)}
	for _, e := range w.st.Achievements {
		if e.Status == Live {
			s.Achievements++
		} else {
			s.WithdrawnAchievements++
		}
	}
	for _, e := range w.st.Needs {
		if e.Status == Live {
			s.Needs++
		} else {
			s.WithdrawnNeeds++
		}
	}
	if n := len(w.st.Imports); n > 0 {
		imp := w.st.Imports[n-1]
		s.LastImport = &imp
	}
	if n := len(w.st.Runs); n > 0 {
		r := w.st.Runs[n-1]
		s.LastRun = &RunInfo{At: r.At, Since: r.Since, Pairs: len(r.Pairs)}
	}
	return s, nil
}

// sameRecord reports whether two records encode to the same JSON.
func sameRecord(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}
