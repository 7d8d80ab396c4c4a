package workspace

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/techmatch/techmatch"
)

// Changes lists the ids an import changed in one catalog, each list in
// input order.
//
// A Changes is a plain value: safe to copy and share.
type Changes struct {
	Added     []string `json:"added,omitempty"`
	Updated   []string `json:"updated,omitempty"`
	Restored  []string `json:"restored,omitempty"` // withdrawn before, imported again
	Unchanged []string `json:"unchanged,omitempty"`
	Withdrawn []string `json:"withdrawn,omitempty"`
}

// changed reports whether c changes the live records.
func (c Changes) changed() bool {
	return len(c.Added)+len(c.Updated)+len(c.Restored)+len(c.Withdrawn) > 0
}

// ImportReport says what one Import or Withdraw did.
//
// An ImportReport is a plain value: safe to copy and share.
type ImportReport struct {
	At time.Time `json:"at"`
	// Generation is the generation the import committed.
	Generation   int     `json:"generation"`
	Achievements Changes `json:"achievements"`
	Needs        Changes `json:"needs"`
}

// ImportOptions are the options of Import. The zero value imports
// records and withdraws nothing.
//
// An ImportOptions is a plain value: safe to copy; do not modify it
// while Import runs.
type ImportOptions struct {
	// Withdraw lists ids to withdraw in the same atomic import (see
	// Withdraw); an id in both catalogs is withdrawn from both.
	Withdraw []string
}

// normalizer is a record type that puts itself in canonical form.
type normalizer interface{ Normalize() }

// validator is a record type that checks itself.
type validator interface{ Validate() error }

// prepare normalises and validates copies of recs and rejects a second
// record of an id; errors name the catalog, position and id.
func prepare[R techmatch.Record](what string, recs []R) ([]R, error) {
	out := make([]R, len(recs))
	first := make(map[string]int, len(recs))
	var errs []error
	for i, r := range recs {
		if n, ok := any(&r).(normalizer); ok {
			n.Normalize()
		}
		if v, ok := any(r).(validator); ok {
			if err := v.Validate(); err != nil {
				errs = append(errs, fmt.Errorf("workspace: import %s: record %d (id %q): %w", what, i, r.RecordID(), err))
				continue
			}
		}
		id := r.RecordID()
		if j, dup := first[id]; dup {
			errs = append(errs, fmt.Errorf("workspace: import %s: record %d (id %q): %w (first at record %d)", what, i, id, techmatch.ErrDuplicateID, j))
			continue
		}
		first[id] = i
		out[i] = r
	}
	return out, errors.Join(errs...)
}

// Import adds the records of new ids and updates those whose content
// changed, in one atomic step (see Workspace); an id the workspace holds
// is an update, reported, never an error, and a withdrawn id imported
// again is live again (Restored). Records are normalised and validated
// as the catalog readers do; a bad record or an id given twice in one
// catalog is an error (joined, each with catalog, position and id) and
// then nothing changes. opt.Withdraw withdraws ids in the same step.
//
// Cost: O(records given + records held) to compare and encode, one
// state file written, then index.Sync of both catalogs (only added and
// changed records are analysed) and two snapshots. A context ended
// before the commit point leaves the workspace unchanged; after it, the
// import completes regardless.
func (w *Workspace) Import(ctx context.Context, achs []techmatch.Achievement, needs []techmatch.Need, opt ImportOptions) (ImportReport, error) {
	pa, errA := prepare("achievements", achs)
	pn, errN := prepare("needs", needs)
	if err := errors.Join(errA, errN); err != nil {
		return ImportReport{}, err
	}
	var rep ImportReport
	err := w.write(ctx, "import", func(old *state, next *state, now time.Time) (bool, error) {
		rep = ImportReport{At: now, Generation: next.Generation}
		next.Achievements = merge(old.Achievements, pa, now, next.Generation, &rep.Achievements)
		next.Needs = merge(old.Needs, pn, now, next.Generation, &rep.Needs)
		if err := withdraw(next, opt.Withdraw, now, &rep); err != nil {
			return false, err
		}
		next.Imports = append(slices.Clip(old.Imports), rep)
		return rep.Achievements.changed() || rep.Needs.changed(), nil
	})
	return rep, err
}

// Withdraw withdraws the records with these ids (from either catalog, or
// both when both hold the id) in one atomic step: they leave matching
// and stay in the workspace with status Withdrawn and their history. An
// id the workspace does not hold is an error and then nothing changes;
// an id already withdrawn is left alone.
func (w *Workspace) Withdraw(ctx context.Context, ids []string) (ImportReport, error) {
	return w.Import(ctx, nil, nil, ImportOptions{Withdraw: ids})
}

// merge returns old with recs applied, recording the changes in ch. The
// entries of old are never modified: changed ones are replaced by new
// entries.
func merge[R techmatch.Record](old []*Entry[R], recs []R, now time.Time, gen int, ch *Changes) []*Entry[R] {
	out := slices.Clone(old)
	pos := make(map[string]int, len(old))
	for i, e := range old {
		pos[e.Record.RecordID()] = i
	}
	for _, r := range recs {
		id := r.RecordID()
		i, ok := pos[id]
		if !ok {
			pos[id] = len(out)
			out = append(out, &Entry[R]{Record: r, Status: Live, Added: now, Changed: now,
				History: []Event{{At: now, Action: "added", Generation: gen}}})
			ch.Added = append(ch.Added, id)
			continue
		}
		e := *out[i]
		switch {
		case e.Status == Withdrawn:
			e.Status, e.Withdrawn = Live, time.Time{}
			e.History = append(slices.Clip(e.History), Event{At: now, Action: "restored", Generation: gen})
			ch.Restored = append(ch.Restored, id)
		case sameRecord(e.Record, r):
			ch.Unchanged = append(ch.Unchanged, id)
			continue
		default:
			e.History = append(slices.Clip(e.History), Event{At: now, Action: "updated", Generation: gen})
			ch.Updated = append(ch.Updated, id)
		}
		e.Record, e.Changed = r, now
		out[i] = &e
	}
	return out
}

// withdraw marks ids withdrawn in next (whose entry slices are its own).
func withdraw(next *state, ids []string, now time.Time, rep *ImportReport) error {
	var unknown []string
	for _, id := range ids {
		a := withdrawOne(next.Achievements, id, now, next.Generation, &rep.Achievements)
		n := withdrawOne(next.Needs, id, now, next.Generation, &rep.Needs)
		if !a && !n {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		return fmt.Errorf("workspace: withdraw: %d unknown id(s): %q", len(unknown), unknown)
	}
	return nil
}

// withdrawOne withdraws id in es if present; it reports whether es holds
// id.
func withdrawOne[R techmatch.Record](es []*Entry[R], id string, now time.Time, gen int, ch *Changes) bool {
	for i, e := range es {
		if e.Record.RecordID() != id {
			continue
		}
		if e.Status == Withdrawn {
			return true
		}
		c := *e
		c.Status, c.Withdrawn = Withdrawn, now
		c.History = append(slices.Clip(c.History), Event{At: now, Action: "withdrawn", Generation: gen})
		es[i] = &c
		ch.Withdrawn = append(ch.Withdrawn, id)
		return true
	}
	return false
}

// write runs one atomic write: build fills next (a shallow copy of the
// committed state with the next generation number) and reports whether
// the live records changed; write commits next (state file, then CURRENT
// by rename) and then, holding the view lock, applies it to the indexes
// and snapshots. Without a change of the live records the snapshots of
// the old generation are linked under the new one before the commit, so
// nothing is analysed again.
func (w *Workspace) write(ctx context.Context, op string, build func(old, next *state, now time.Time) (bool, error)) error {
	w.wmu.Lock()
	defer w.wmu.Unlock()
	if err := w.rlock(op); err != nil {
		return err
	}
	old := w.st
	w.mu.RUnlock()
	next := *old
	next.Generation = old.Generation + 1
	now := w.cfg.Now().UTC()
	changed, err := build(old, &next, now)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("workspace %s: %s: %w", w.dir, op, err)
	}
	if !changed && old.Generation > 0 {
		for _, kind := range []string{achDir, needDir} {
			src, dst := filepath.Join(w.dir, snapName(kind, old.Generation)), filepath.Join(w.dir, snapName(kind, next.Generation))
			if err := os.Link(src, dst); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("workspace %s: %s: %w", w.dir, op, err)
			}
		}
	}
	if err := w.commit(&next); err != nil {
		return err
	}
	// Committed: complete whatever the context says.
	w.mu.Lock()
	w.st = &next
	if changed || old.Generation == 0 {
		if _, err = w.apply(context.WithoutCancel(ctx), &next, true); err != nil {
			w.broken = true
		}
	}
	w.mu.Unlock()
	if err != nil {
		return err
	}
	if old.Generation > 0 {
		for _, name := range []string{stateName(old.Generation), snapName(achDir, old.Generation), snapName(needDir, old.Generation)} {
			_ = os.Remove(filepath.Join(w.dir, name)) // Open removes what is left
		}
	}
	return nil
}
