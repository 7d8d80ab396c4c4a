package dedup

import (
	"errors"
	"fmt"
	"math"
)

// Defaults applied by Config for zero-valued fields. They are measured on
// the evaluation set of eval_test.go (TestEvaluation) and the benchmark
// BenchmarkFind; doc.go has the figures.
const (
	// DefaultThreshold is the lowest Jaccard similarity of shingle sets at
	// which two records of the same owner are the same record.
	DefaultThreshold = 0.4
	// DefaultShingle is the shingle length in characters.
	DefaultShingle = 3
	// DefaultBands and DefaultRows shape the LSH banding: a pair of
	// Jaccard similarity s becomes a candidate with probability
	// 1-(1-s^Rows)^Bands.
	DefaultBands = 128
	DefaultRows  = 4
	// DefaultSeed seeds the MinHash functions when Config.Seed is 0.
	DefaultSeed = 0x5eed_d0d0
)

// Bounds of Config fields.
const (
	MaxShingle = 16
	MaxBands   = 1024
	MaxRows    = 16
	// MaxHashes bounds Bands×Rows, the MinHash functions computed per
	// record (cost O(shingles × Bands × Rows) per record).
	MaxHashes = 4096
)

// ErrConfig is wrapped by every error of Config.Validate.
var ErrConfig = errors.New("invalid dedup config")

// Config tunes Find. The zero value means every default; a field left 0
// takes its default.
//
// Config is a plain value, safe to copy and share.
type Config struct {
	// Threshold is the lowest similarity (Jaccard of the shingle sets of
	// title, description and keywords) at which two records of the same
	// owner are merged (default DefaultThreshold; in (0,1]).
	Threshold float64
	// CrossOwner is the lowest similarity at which two records whose
	// owners (Achievement.Owner, Need.Org, normalised) are both known and
	// differ are merged. 0, the default, never merges them: a licensee
	// re-offering a university's achievement is another offer, with
	// another party to contact. Otherwise in [Threshold,1].
	CrossOwner float64
	// Shingle is the shingle length in characters (default
	// DefaultShingle; 1..MaxShingle).
	Shingle int
	// Bands and Rows shape the MinHash LSH index (defaults DefaultBands,
	// DefaultRows; Bands 1..MaxBands, Rows 1..MaxRows, Bands×Rows at most
	// MaxHashes). More bands find more pairs just above Threshold; more
	// rows make fewer candidates of dissimilar pairs.
	Bands, Rows int
	// Exact compares every pair of records, O(n²), instead of the LSH
	// candidates: for tests and for measuring what LSH misses.
	Exact bool
	// Seed seeds the MinHash functions (0 = DefaultSeed). The result of
	// Exact does not depend on it.
	Seed uint64
	// Workers bounds the goroutines of Find (0 = GOMAXPROCS). The result
	// does not depend on it.
	Workers int
}

// Validate reports the first invalid field, wrapping ErrConfig.
func (c Config) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("dedup: %w: %s", ErrConfig, fmt.Sprintf(format, args...))
	}
	if math.IsNaN(c.Threshold) || c.Threshold < 0 || c.Threshold > 1 {
		return bad("Threshold is %v, want in (0,1] (0 = default %v)", c.Threshold, DefaultThreshold)
	}
	t := c.withDefaults().Threshold
	if math.IsNaN(c.CrossOwner) || (c.CrossOwner != 0 && (c.CrossOwner < t || c.CrossOwner > 1)) {
		return bad("CrossOwner is %v, want 0 (never) or in [Threshold %v, 1]", c.CrossOwner, t)
	}
	if c.Shingle < 0 || c.Shingle > MaxShingle {
		return bad("Shingle is %d, want in [1,%d] (0 = default %d)", c.Shingle, MaxShingle, DefaultShingle)
	}
	if c.Bands < 0 || c.Bands > MaxBands {
		return bad("Bands is %d, want in [1,%d] (0 = default %d)", c.Bands, MaxBands, DefaultBands)
	}
	if c.Rows < 0 || c.Rows > MaxRows {
		return bad("Rows is %d, want in [1,%d] (0 = default %d)", c.Rows, MaxRows, DefaultRows)
	}
	if d := c.withDefaults(); d.Bands*d.Rows > MaxHashes {
		return bad("Bands×Rows is %d×%d, want at most %d", d.Bands, d.Rows, MaxHashes)
	}
	if c.Workers < 0 {
		return bad("Workers is %d, want >= 0 (0 = GOMAXPROCS)", c.Workers)
	}
	return nil
}

// withDefaults returns c with zero fields set to their defaults (Workers
// is resolved by Find).
func (c Config) withDefaults() Config {
	if c.Threshold == 0 {
		c.Threshold = DefaultThreshold
	}
	if c.Shingle == 0 {
		c.Shingle = DefaultShingle
	}
	if c.Bands == 0 {
		c.Bands = DefaultBands
	}
	if c.Rows == 0 {
		c.Rows = DefaultRows
	}
	if c.Seed == 0 {
		c.Seed = DefaultSeed
	}
	return c
}
