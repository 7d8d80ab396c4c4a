package knowledge

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/techmatch/techmatch"
)

//go:embed data/*.tsv
var dataFS embed.FS

// stmtKind is the kind of one data line.
type stmtKind uint8

const (
	stmtSyn stmtKind = iota
	stmtNarrower
	stmtProblem
	stmtRelated
)

// stmt is one parsed data line.
type stmt struct {
	kind stmtKind
	// a: the synonym set, the broader terms, the symptoms, the first list.
	a []string
	// b: the narrower terms, the techniques, the second list (nil for syn).
	b        []string
	w        float64
	industry techmatch.Industry
	src      string // "file:line"
	source   string // file name, for Stats
}

// maxLineBytes bounds one data line.
const maxLineBytes = 1 << 20

var (
	defaultOnce  sync.Once
	defaultGraph *Graph
	defaultErr   error
)

// Default returns the knowledge base built from the embedded data/*.tsv
// files. It is parsed once per process (about 20 ms) and shared; the result
// is immutable and safe for concurrent use. The error names file:line of
// every malformed line and is only possible if the embedded data is broken
// (a test guards against that).
func Default() (*Graph, error) {
	defaultOnce.Do(func() {
		defaultGraph, defaultErr = loadFS(dataFS, "data")
	})
	return defaultGraph, defaultErr
}

// loadFS loads every *.tsv file of dir in fsys, in name order.
func loadFS(fsys fs.FS, dir string) (*Graph, error) {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("knowledge: read %s: %w", dir, err)
	}
	var stmts []stmt
	var errs []error
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tsv") {
			continue
		}
		name := path.Join(dir, e.Name())
		f, err := fsys.Open(name)
		if err != nil {
			errs = append(errs, fmt.Errorf("knowledge: open %s: %w", name, err))
			continue
		}
		st, err := parse(f, name)
		_ = f.Close()
		stmts = append(stmts, st...)
		if err != nil {
			errs = append(errs, err)
		}
	}
	return build(stmts), errors.Join(errs...)
}

// Load parses one data file read from r; name is used in error messages
// ("name:line: …") and, through its base name without extension, as the
// default industry of its terms (auto.tsv → auto) when techmatch.ParseIndustry
// accepts it.
//
// A malformed line never loses the good ones: on error Load returns the graph
// of the well-formed lines together with an error listing every bad line; the
// caller decides whether to use it. A read error is returned as is (wrapped),
// with the graph of the lines read so far.
func Load(r io.Reader, name string) (*Graph, error) {
	st, err := parse(r, name)
	return build(st), err
}

// LoadFiles loads the files at paths (in the given order) into one graph; it
// does not include the embedded defaults (see Extend). Errors are collected
// per file as in Load.
func LoadFiles(paths ...string) (*Graph, error) {
	var stmts []stmt
	var errs []error
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("knowledge: %w", err))
			continue
		}
		st, err := parse(f, p)
		_ = f.Close()
		stmts = append(stmts, st...)
		if err != nil {
			errs = append(errs, err)
		}
	}
	return build(stmts), errors.Join(errs...)
}

// Extend returns the embedded defaults merged with the files at paths.
func Extend(paths ...string) (*Graph, error) {
	d, err := Default()
	if err != nil {
		return nil, err
	}
	u, err := LoadFiles(paths...)
	return Merge(d, u), err
}

// defaultIndustry derives the industry of a file from its base name.
func defaultIndustry(name string) techmatch.Industry {
	base := filepath.Base(name)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	ind, err := techmatch.ParseIndustry(base)
	if err != nil {
		return ""
	}
	return ind
}

// parse reads statements from r; see the package doc for the format.
func parse(r io.Reader, name string) ([]stmt, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), maxLineBytes)
	ind := defaultIndustry(name)
	source := filepath.Base(name)
	var out []stmt
	var errs []error
	lineNo := 0
	for sc.Scan() {
		lineNo++
		line := sc.Text()
		if lineNo == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		line = strings.TrimRight(line, "\r")
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		where := fmt.Sprintf("%s:%d", name, lineNo)
		fields := strings.Split(line, "\t")
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		for len(fields) > 1 && fields[len(fields)-1] == "" {
			fields = fields[:len(fields)-1]
		}
		kind := strings.ToLower(fields[0])
		if kind == "industry" {
			if len(fields) != 2 {
				errs = append(errs, fmt.Errorf("%s: industry line wants 2 tab-separated fields, got %d", where, len(fields)))
				continue
			}
			v, err := techmatch.ParseIndustry(fields[1])
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", where, err))
				continue
			}
			ind = v
			continue
		}
		s, err := parseStmt(kind, fields[1:])
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", where, err))
			continue
		}
		s.industry, s.src, s.source = ind, where, source
		out = append(out, s)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s: after line %d: read: %w", name, lineNo, err))
	}
	return out, errors.Join(errs...)
}

// parseStmt parses the fields after the kind.
func parseStmt(kind string, f []string) (stmt, error) {
	var s stmt
	var err error
	switch kind {
	case "syn":
		s.kind = stmtSyn
		if len(f) != 1 {
			return s, fmt.Errorf("syn wants 1 field (a|b|…) after the kind, got %d", len(f))
		}
		if s.a, err = terms(f[0], "synonyms"); err != nil {
			return s, err
		}
		if len(s.a) < 2 {
			return s, fmt.Errorf("syn set %q has fewer than 2 distinct terms", f[0])
		}
		s.w = 1
		return s, nil
	case "narrower", "problem", "related":
		s.kind = map[string]stmtKind{"narrower": stmtNarrower, "problem": stmtProblem, "related": stmtRelated}[kind]
		if len(f) != 2 && len(f) != 3 {
			return s, fmt.Errorf("%s wants 2 or 3 fields (terms, terms, optional weight) after the kind, got %d", kind, len(f))
		}
		if s.a, err = terms(f[0], "first field"); err != nil {
			return s, err
		}
		if s.b, err = terms(f[1], "second field"); err != nil {
			return s, err
		}
		s.w = 1
		if len(f) == 3 {
			w, err := strconv.ParseFloat(f[2], 64)
			if err != nil {
				return s, fmt.Errorf("weight %q: %w", f[2], err)
			}
			if !(w > 0 && w <= 1) {
				return s, fmt.Errorf("weight %v out of range (0,1]", w)
			}
			s.w = w
		}
		return s, nil
	}
	return s, fmt.Errorf("unknown kind %q (want syn, narrower, problem, related or industry)", kind)
}

// terms splits a '|' list, rejecting empty and punctuation-only terms and
// dropping duplicates (by normalised form).
func terms(field, what string) ([]string, error) {
	parts := strings.Split(field, "|")
	out := make([]string, 0, len(parts))
	seen := make(map[string]bool, len(parts))
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			return nil, fmt.Errorf("%s: term %d of %q is empty", what, i+1, field)
		}
		if onlyPunct(p) {
			return nil, fmt.Errorf("%s: term %q has no letter or digit", what, p)
		}
		k := Normalize(p)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, p)
	}
	return out, nil
}

// sortedIndustries returns the keys of set in order.
func sortedIndustries(set map[techmatch.Industry]bool) []techmatch.Industry {
	out := make([]techmatch.Industry, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
