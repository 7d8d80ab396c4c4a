package bench

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
)

// Results is the content of results.json: one run of the benchmark suite.
//
// A Results is plain data: safe to read concurrently, not to mutate
// concurrently.
type Results struct {
	// Time is when the run ended (RFC 3339).
	Time string `json:"time"`
	// Git is the HEAD commit of the working tree; GitDirty the number of
	// paths git status reports as modified or untracked (the tree is
	// shared with engineers working concurrently).
	Git       string `json:"git"`
	GitDirty  int    `json:"git_dirty"`
	GoVersion string `json:"go_version"`
	GOOS      string `json:"goos"`
	GOARCH    string `json:"goarch"`
	// CPUs is runtime.NumCPU; GOMAXPROCS the setting during the run.
	CPUs       int `json:"cpus"`
	GOMAXPROCS int `json:"gomaxprocs"`
	// Quick is true for the CI configuration (TECHMATCH_BENCH_QUICK).
	Quick bool `json:"quick"`
	// Needs is the number of needs of the MatchAll benchmarks.
	Needs int `json:"needs"`
	// PeakRSSMB is the process's VmHWM at the end of the run, in MiB.
	PeakRSSMB float64 `json:"peak_rss_mb"`
	// Benchmarks are the metrics each benchmark reported, in run order.
	Benchmarks []Entry `json:"benchmarks"`
}

// Entry is one (sub-)benchmark's reported metrics.
type Entry struct {
	// Name is the full benchmark name, e.g. "BenchmarkMatch/n=100000/filter=none".
	Name string `json:"name"`
	// N is the catalog size parsed from the "n=" element of Name (0 if none).
	N int `json:"n"`
	// Metrics maps a b.ReportMetric unit ("p50-ms", "needs/s") to its value.
	Metrics map[string]float64 `json:"metrics"`
}

// ParseN returns the catalog size in a benchmark name's "n=" element, or 0.
func ParseN(name string) int {
	for _, el := range strings.Split(name, "/") {
		if v, ok := strings.CutPrefix(el, "n="); ok {
			// go test may append "#01" for duplicate names.
			v, _, _ = strings.Cut(v, "#")
			n, err := strconv.Atoi(v)
			if err == nil {
				return n
			}
		}
	}
	return 0
}

// Lookup returns the value of metric unit for the benchmark named name.
func (r *Results) Lookup(name, unit string) (float64, bool) {
	for i := len(r.Benchmarks) - 1; i >= 0; i-- {
		e := r.Benchmarks[i]
		if e.Name == name {
			v, ok := e.Metrics[unit]
			return v, ok
		}
	}
	return 0, false
}

// Sizes returns the distinct catalog sizes of the entries, ascending.
func (r *Results) Sizes() []int {
	var out []int
	for _, e := range r.Benchmarks {
		if e.N > 0 && !slices.Contains(out, e.N) {
			out = append(out, e.N)
		}
	}
	slices.Sort(out)
	return out
}

// Load reads a results file.
func Load(path string) (*Results, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	var r Results
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("bench: %s: %w", path, err)
	}
	for i, e := range r.Benchmarks {
		if e.Name == "" {
			return nil, fmt.Errorf("bench: %s: benchmarks[%d] has no name", path, i)
		}
	}
	return &r, nil
}

// Save writes r to path as indented JSON.
func (r *Results) Save(path string) error {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	return nil
}
