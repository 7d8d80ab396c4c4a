package assoc

import (
	"fmt"
	"math"
)

// Methods accepted by Config.Method.
const (
	// MethodNPMI links terms that co-occur in documents more often than
	// chance: weight = normalised pointwise mutual information (NPMI) of
	// their document co-occurrence. It finds first-order associations
	// (正极材料 ↔ 锂离子电池, 热处理 ↔ 淬火) and problem ↔ solution pairs
	// that are written in the same documents.
	MethodNPMI = "npmi"
	// MethodSVD links terms whose rows of the TF-IDF term–document matrix are
	// close in a rank-k truncated SVD space (latent semantic analysis):
	// weight = cosine of the term vectors U·Σ. It also finds second-order
	// associations: two terms that never co-occur but appear in the same
	// contexts (锂离子电池 / 动力电池, 数控机床 / CNC).
	MethodSVD = "svd"
)

// Defaults applied by Config for zero-valued fields.
const (
	DefaultMethod     = MethodSVD
	DefaultMinDF      = 3
	DefaultMaxDFRatio = 0.2
	DefaultTopM       = 10
	// DefaultMinWeightNPMI is the NPMI floor: below about 0.2 NPMI pairs
	// are mostly chance co-occurrences of frequent terms.
	DefaultMinWeightNPMI = 0.2
	// DefaultMinWeightSVD is the cosine floor in the SVD space.
	DefaultMinWeightSVD = 0.5
	DefaultMinCoDF      = 2
	DefaultRank         = 64
	DefaultOversample   = 10
	DefaultPowerIters   = 2
	DefaultProbes       = 4
	// MaxRank bounds Config.Rank: the dense k×k routines are written for
	// small k (Jacobi eigen-decomposition, O(k³) per sweep).
	MaxRank = 400
)

// Config tunes Build. The zero value means every default; a field left 0
// takes its default.
//
// Config is a plain value, safe to copy and share.
type Config struct {
	// Method is MethodNPMI or MethodSVD (default DefaultMethod, "svd").
	Method string
	// MinDF drops terms found in fewer than MinDF documents (default 3).
	MinDF int
	// MaxDFRatio drops terms found in more than MaxDFRatio × len(docs)
	// documents: such terms are too general to carry an association
	// (default 0.2; must be in (0,1]).
	MaxDFRatio float64
	// TopM is the number of neighbours kept per term (default 10).
	TopM int
	// MinWeight drops neighbours whose weight is below it (default
	// DefaultMinWeightNPMI for "npmi", DefaultMinWeightSVD for "svd"; must
	// be in [0,1), 0 = default).
	MinWeight float64
	// MinCoDF ("npmi" only) is the minimum number of documents in which two
	// terms must co-occur to be linked (default 2).
	MinCoDF int
	// Rank ("svd" only) is the number k of singular vectors kept (default
	// 64, at most MaxRank). It is reduced to the rank of the matrix on
	// small corpora. Synonyms that never co-occur are linked only when Rank
	// is well below the vocabulary size (at full rank a term vector is its
	// raw document row).
	Rank int
	// Oversample ("svd" only) is the number of extra random directions of
	// the randomized range finder (default 10).
	Oversample int
	// PowerIters ("svd" only) is the number of power iterations of the
	// randomized range finder (default 2; negative = none). More iterations
	// sharpen the spectrum at O(nnz·(k+Oversample)) each.
	PowerIters int
	// Probes ("svd" only, large vocabularies) is the number of nearest
	// k-means cells whose terms are compared with a term (default 4); more
	// probes raise recall at cost ∝ √Probes; at most 64. See svdNeighbors.
	Probes int
	// Exact ("svd" only) compares every pair of terms, O(V²·k), instead of
	// probing cells; meant for tests and recall measurements.
	Exact bool
	// Seed seeds the random test matrix of "svd". Builds with the same docs,
	// Config and Seed give identical models, whatever Workers is.
	Seed uint64
	// Workers bounds the goroutines Build uses (default runtime.GOMAXPROCS).
	Workers int
}

// Validate reports the first out-of-range field.
func (c Config) Validate() error {
	switch c.Method {
	case "", MethodNPMI, MethodSVD:
	default:
		return fmt.Errorf("assoc: Config.Method is %q, want %q or %q (empty = %q)", c.Method, MethodNPMI, MethodSVD, DefaultMethod)
	}
	if c.MinDF < 0 {
		return fmt.Errorf("assoc: Config.MinDF is %d, want >= 0 (0 = default %d)", c.MinDF, DefaultMinDF)
	}
	if math.IsNaN(c.MaxDFRatio) || c.MaxDFRatio < 0 || c.MaxDFRatio > 1 {
		return fmt.Errorf("assoc: Config.MaxDFRatio is %v, want in (0,1] (0 = default %v)", c.MaxDFRatio, DefaultMaxDFRatio)
	}
	if c.TopM < 0 {
		return fmt.Errorf("assoc: Config.TopM is %d, want >= 0 (0 = default %d)", c.TopM, DefaultTopM)
	}
	if math.IsNaN(c.MinWeight) || c.MinWeight < 0 || c.MinWeight >= 1 {
		return fmt.Errorf("assoc: Config.MinWeight is %v, want in [0,1) (0 = default)", c.MinWeight)
	}
	if c.MinCoDF < 0 {
		return fmt.Errorf("assoc: Config.MinCoDF is %d, want >= 0 (0 = default %d)", c.MinCoDF, DefaultMinCoDF)
	}
	if c.Rank < 0 || c.Rank > MaxRank {
		return fmt.Errorf("assoc: Config.Rank is %d, want in [0,%d] (0 = default %d)", c.Rank, MaxRank, DefaultRank)
	}
	if c.Oversample < 0 || c.Oversample > MaxRank {
		return fmt.Errorf("assoc: Config.Oversample is %d, want in [0,%d] (0 = default %d)", c.Oversample, MaxRank, DefaultOversample)
	}
	if c.PowerIters > 20 {
		return fmt.Errorf("assoc: Config.PowerIters is %d, want at most 20 (0 = default %d, negative = none)", c.PowerIters, DefaultPowerIters)
	}
	if c.Probes < 0 || c.Probes > 64 {
		return fmt.Errorf("assoc: Config.Probes is %d, want in [0,64] (0 = default %d)", c.Probes, DefaultProbes)
	}
	if c.Workers < 0 {
		return fmt.Errorf("assoc: Config.Workers is %d, want >= 0 (0 = GOMAXPROCS)", c.Workers)
	}
	return nil
}

// withDefaults returns c with every zero field replaced by its default.
// c must be valid.
func (c Config) withDefaults(gomaxprocs int) Config {
	if c.Method == "" {
		c.Method = DefaultMethod
	}
	if c.MinDF == 0 {
		c.MinDF = DefaultMinDF
	}
	if c.MaxDFRatio == 0 {
		c.MaxDFRatio = DefaultMaxDFRatio
	}
	if c.TopM == 0 {
		c.TopM = DefaultTopM
	}
	if c.MinWeight == 0 {
		if c.Method == MethodNPMI {
			c.MinWeight = DefaultMinWeightNPMI
		} else {
			c.MinWeight = DefaultMinWeightSVD
		}
	}
	if c.MinCoDF == 0 {
		c.MinCoDF = DefaultMinCoDF
	}
	if c.Rank == 0 {
		c.Rank = DefaultRank
	}
	if c.Oversample == 0 {
		c.Oversample = DefaultOversample
	}
	if c.PowerIters == 0 {
		c.PowerIters = DefaultPowerIters
	} else if c.PowerIters < 0 {
		c.PowerIters = 0
	}
	if c.Probes == 0 {
		c.Probes = DefaultProbes
	}
	if c.Workers == 0 {
		c.Workers = max(gomaxprocs, 1)
	}
	return c
}
