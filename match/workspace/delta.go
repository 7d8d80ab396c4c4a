package workspace

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/match"
)

// Run is one recorded match run: when, what it matched and the pairs it
// proposed. Runs are kept in the workspace; a later delta run marks a
// pair proposed by any earlier run as already proposed (已推荐).
//
// A Run is a plain value once recorded: safe to copy and share.
type Run struct {
	At time.Time `json:"at"`
	// Since is the delta run's cut-off (zero: a full run).
	Since time.Time `json:"since,omitzero"`
	// Options describes the run (flags), for people reading the state.
	Options string    `json:"options,omitempty"`
	Pairs   []RunPair `json:"pairs"`
}

// RunPair is a proposed pair as a run records it.
//
// A RunPair is a plain value: safe to copy and share.
type RunPair struct {
	NeedID        string  `json:"need_id"`
	AchievementID string  `json:"achievement_id"`
	Score         float64 `json:"score"`
}

type pairKey struct{ need, ach string }

// The marks of a delta pair.
const (
	// MarkNew marks a pair no earlier run proposed.
	MarkNew = "新增"
	// MarkSeen marks a pair an earlier run proposed.
	MarkSeen = "已推荐"
)

// DeltaPair is a pair of a delta run with its mark.
//
// A DeltaPair is a plain value: safe to copy and share.
type DeltaPair struct {
	techmatch.Pair
	// Mark is MarkNew or MarkSeen.
	Mark string `json:"mark"`
	// From says which side changed: "need" (the need is new or updated,
	// matched against all live achievements; Rank is in the need's list)
	// or "achievement" (matched against all live needs; Rank is in the
	// achievement's list).
	From string `json:"from"`
}

// RecordRun records a run (a full run's pairs, so that later delta runs
// mark them 已推荐) as a new generation, atomically. The indexes are not
// touched. run.At zero means now.
func (w *Workspace) RecordRun(ctx context.Context, run Run) error {
	return w.write(ctx, "record run", func(old, next *state, now time.Time) (bool, error) {
		if run.At.IsZero() {
			run.At = now
		}
		run.Pairs = slices.Clone(run.Pairs)
		next.Runs = append(slices.Clip(old.Runs), run)
		return false, nil
	})
}

// Runs returns the recorded runs, oldest first (pairs included).
func (w *Workspace) Runs() ([]Run, error) {
	if err := w.rlock("runs"); err != nil {
		return nil, err
	}
	defer w.mu.RUnlock()
	out := slices.Clone(w.st.Runs)
	for i := range out {
		out[i].Pairs = slices.Clone(out[i].Pairs)
	}
	return out, nil
}

// View is a consistent read view of one generation: the live records of
// both catalogs and their indexes. It is only valid inside the function
// given to Workspace.View; its methods and indexes are safe for
// concurrent use by goroutines fn starts and waits for.
type View struct {
	st    *state
	Achs  *index.Index[techmatch.Achievement]
	Needs *index.Index[techmatch.Need]
}

// Generation is the view's generation.
func (v *View) Generation() int { return v.st.Generation }

// LiveAchievements returns the live achievements in import order.
func (v *View) LiveAchievements() []techmatch.Achievement { return liveRecords(v.st.Achievements) }

// LiveNeeds returns the live needs in import order.
func (v *View) LiveNeeds() []techmatch.Need { return liveRecords(v.st.Needs) }

// LastRun returns the time of the last recorded run (zero: none).
func (v *View) LastRun() time.Time {
	if n := len(v.st.Runs); n > 0 {
		return v.st.Runs[n-1].At
	}
	return time.Time{}
}

// ChangedSince returns the live records added, updated or restored at
// or after since, in import order.
func (v *View) ChangedSince(since time.Time) ([]techmatch.Achievement, []techmatch.Need) {
	return changedSince(v.st.Achievements, since), changedSince(v.st.Needs, since)
}

func changedSince[R techmatch.Record](es []*Entry[R], since time.Time) []R {
	var out []R
	for _, e := range es {
		if e.Status == Live && !e.Changed.Before(since) {
			out = append(out, e.Record)
		}
	}
	return out
}

// View calls fn with a read view of the committed generation. Views run
// concurrently with each other; a write waits until they return, and a
// view started during a write sees it whole (before or after). fn must
// not call the workspace's writers (they would wait for fn).
func (w *Workspace) View(fn func(v *View) error) error {
	if err := w.rlock("view"); err != nil {
		return err
	}
	defer w.mu.RUnlock()
	return fn(&View{st: w.st, Achs: w.achs, Needs: w.needs})
}

// DeltaOptions are the options of MatchDelta. The zero value matches
// what changed since the last run with the engine's defaults (the
// CLI's) and records the run.
//
// A DeltaOptions is a plain value: safe to copy; do not modify it while
// MatchDelta runs.
type DeltaOptions struct {
	// Since is the cut-off: records changed at or after it are matched.
	// Zero means the last recorded run's time (every live record when
	// there is none).
	Since time.Time
	// Match are the per-call options of both directions.
	Match match.Options
	// Config is the engines' configuration (the zero value: the CLI's
	// defaults).
	Config match.Config
	// NoRecord leaves the run unrecorded (a dry run).
	NoRecord bool
	// Describe is stored as Run.Options.
	Describe string
}

// DeltaResult is what MatchDelta found.
//
// A DeltaResult is a plain value: safe to copy and share.
type DeltaResult struct {
	// Since is the cut-off used.
	Since time.Time
	// Needs and Achievements are the numbers of changed live records
	// matched.
	Needs, Achievements int
	// Pairs: the changed needs' pairs (in import order of the needs, rank
	// order), then the changed achievements' pairs not already among
	// them. Empty when nothing changed.
	Pairs []DeltaPair
}

// MatchDelta matches what changed since opt.Since in both directions:
// changed live needs against all live achievements, changed live
// achievements against all live needs. Each pair is marked MarkNew
// unless an earlier run proposed it. Unless opt.NoRecord, the run and
// its pairs are recorded (RecordRun), also when nothing changed.
//
// Cost: one engine query per changed record (see match.Engine), plus
// building the engines (query statistics) once.
func (w *Workspace) MatchDelta(ctx context.Context, opt DeltaOptions) (DeltaResult, error) {
	var res DeltaResult
	err := w.View(func(v *View) error {
		since := opt.Since
		if since.IsZero() {
			since = v.LastRun()
		}
		res.Since = since
		achs, needs := v.ChangedSince(since)
		res.Needs, res.Achievements = len(needs), len(achs)
		seen := make(map[pairKey]bool)
		for _, r := range v.st.Runs {
			for _, p := range r.Pairs {
				seen[pairKey{p.NeedID, p.AchievementID}] = true
			}
		}
		got := make(map[pairKey]bool)
		add := func(from string, pairs []techmatch.Pair) {
			for _, p := range pairs {
				k := pairKey{p.NeedID, p.AchievementID}
				if got[k] {
					continue
				}
				got[k] = true
				mark := MarkNew
				if seen[k] {
					mark = MarkSeen
				}
				res.Pairs = append(res.Pairs, DeltaPair{Pair: p, Mark: mark, From: from})
			}
		}
		if len(needs) > 0 && v.Achs.Len() > 0 {
			eng, err := match.New(ctx, v.Achs, opt.Config)
			if err != nil {
				return err
			}
			if err := eng.MatchEach(ctx, needs, opt.Match, func(_ int, ps []techmatch.Pair) error {
				add("need", ps)
				return nil
			}); err != nil {
				return fmt.Errorf("workspace: delta run, changed needs: %w", err)
			}
		}
		if len(achs) > 0 && v.Needs.Len() > 0 {
			rev, err := match.NewReverse(ctx, v.Needs, opt.Config)
			if err != nil {
				return err
			}
			if err := rev.MatchEach(ctx, achs, opt.Match, func(_ int, ps []techmatch.Pair) error {
				add("achievement", ps)
				return nil
			}); err != nil {
				return fmt.Errorf("workspace: delta run, changed achievements: %w", err)
			}
		}
		return nil
	})
	if err != nil || opt.NoRecord {
		return res, err
	}
	run := Run{Since: res.Since, Options: opt.Describe, Pairs: make([]RunPair, len(res.Pairs))}
	if run.Since.IsZero() {
		run.Since = time.Unix(0, 0).UTC() // a delta run over everything
	}
	for i, p := range res.Pairs {
		run.Pairs[i] = RunPair{NeedID: p.NeedID, AchievementID: p.AchievementID, Score: p.Score}
	}
	return res, w.RecordRun(ctx, run)
}

// Indexes returns the indexes of the live records, for a program that
// makes no write while it uses them (the CLI: open, match, close). They
// stay valid until Close; a concurrent write changes them under the
// caller, so programs that write meanwhile use View.
func (w *Workspace) Indexes() (*index.Index[techmatch.Achievement], *index.Index[techmatch.Need], error) {
	if err := w.rlock("indexes"); err != nil {
		return nil, nil, err
	}
	defer w.mu.RUnlock()
	return w.achs, w.needs, nil
}
