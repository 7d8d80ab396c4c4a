package index

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/techmatch/techmatch/segment"
)

// Config configures New. The zero value of every field but Segmenter means
// its documented default.
//
// A Config is a plain value: safe to copy and to read concurrently.
type Config struct {
	// Segmenter analyses text for both bleve and the match core. Required;
	// share one per process (each costs ~0.4 s and ~130 MB).
	Segmenter *segment.Segmenter
	// Path is the directory of an on-disk index. "" keeps everything in
	// memory (scorch without persistence). Otherwise the index is created
	// when Path is absent or an empty directory and reopened when it holds
	// an index: the records are reloaded from the stored _source field and
	// the match core is rebuilt from them. The directory holds a lock file
	// (see LockWait), a manifest naming the record kind and analysis (see
	// ErrIncompatible) and the bleve index; see the package doc.
	Path string
	// LockWait is how long New waits for an on-disk index that another
	// Index (in this or another process) holds open. Default 0: fail at
	// once with a *LockedError (errors.Is ErrLocked). New stops waiting
	// early when its context ends. Ignored without Path.
	LockWait time.Duration
	// CoreOnly builds the in-memory match core and industry bitmaps
	// only, without bleve: Add is about twice as fast and uses a fraction
	// of the memory, but SearchText returns ErrNoBleve, Bleve returns nil
	// and nothing is persisted. Use it for batch jobs (match a catalog
	// against another, then exit) that never need ad-hoc text search or a
	// disk index. Default false (bleve on). Incompatible with Path.
	CoreOnly bool
	// Snapshot is a file written by Index.WriteSnapshot. When set, New on
	// an existing on-disk index loads the match core and the records from
	// it instead of segmenting every stored record again; a missing,
	// corrupt or stale snapshot (checksum, record kind, analysis, BM25
	// settings, or a live count other than bleve's) is never trusted: New
	// reloads as without it and Index.SnapshotStatus says why. Default ""
	// (always reload). Requires Path.
	Snapshot string
	// TitleBoost weighs title occurrences in the match core's term
	// frequencies and in SearchText. Default DefaultTitleBoost (2.0).
	TitleBoost float64
	// KeywordBoost weighs keyword occurrences likewise. Default
	// DefaultKeywordBoost (1.5).
	KeywordBoost float64
	// K1 is the BM25 term-frequency saturation. Default DefaultK1 (1.2).
	K1 float64
	// B is the BM25 length normalisation in (0,1]. Default DefaultB (0.75);
	// since 0 means default, use a tiny value such as 1e-9 to switch
	// length normalisation off.
	B float64
}

// withDefaults returns c with zero fields set to their defaults.
func (c Config) withDefaults() Config {
	if c.TitleBoost == 0 {
		c.TitleBoost = DefaultTitleBoost
	}
	if c.KeywordBoost == 0 {
		c.KeywordBoost = DefaultKeywordBoost
	}
	if c.K1 == 0 {
		c.K1 = DefaultK1
	}
	if c.B == 0 {
		c.B = DefaultB
	}
	return c
}

// Validate reports every invalid field of c (after defaults), joined.
func (c Config) Validate() error {
	c = c.withDefaults()
	var errs []error
	if c.Segmenter == nil {
		errs = append(errs, errors.New("index: Config.Segmenter is required"))
	}
	positive := func(name string, v float64) {
		if math.IsNaN(v) || math.IsInf(v, 0) || v <= 0 {
			errs = append(errs, fmt.Errorf("index: Config.%s = %v, want a finite value > 0", name, v))
		}
	}
	if c.CoreOnly && c.Path != "" {
		errs = append(errs, fmt.Errorf("index: Config.CoreOnly with Path %q: a core-only index is never stored, leave Path empty", c.Path))
	}
	if c.Snapshot != "" && c.Path == "" {
		errs = append(errs, fmt.Errorf("index: Config.Snapshot %q without Path: only an on-disk index is reopened", c.Snapshot))
	}
	if c.LockWait < 0 {
		errs = append(errs, fmt.Errorf("index: Config.LockWait = %v, want ≥ 0", c.LockWait))
	}
	positive("TitleBoost", c.TitleBoost)
	positive("KeywordBoost", c.KeywordBoost)
	positive("K1", c.K1)
	if math.IsNaN(c.B) || c.B < 0 || c.B > 1 {
		errs = append(errs, fmt.Errorf("index: Config.B = %v, want a value in [0,1]", c.B))
	}
	return errors.Join(errs...)
}
