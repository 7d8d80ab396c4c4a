package index

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"

	"github.com/techmatch/techmatch/internal/atomicfile"
	"github.com/techmatch/techmatch/segment"
)

// Names in an index directory.
const (
	// manifestName is the manifest: what the directory holds (manifest).
	manifestName = "techmatch-index.json"
	// bleveDir is the bleve index; bleveTmp is where a new one is
	// created before it is renamed into place.
	bleveDir = "bleve"
	bleveTmp = "bleve.tmp"
)

// formatVersion is the on-disk layout version. 1: lock file, manifest,
// bleve index in bleveDir with the mapping of newMapping, _source holding
// the normalised record as JSON.
const formatVersion = 1

// manifest records what an index directory holds. It is written once,
// atomically, when the directory is created, and checked on every open.
type manifest struct {
	// Format is formatVersion at creation.
	Format int `json:"format"`
	// Kind is the record type, e.g.
	// "github.com/techmatch/techmatch.Achievement".
	Kind string `json:"kind"`
	// Analysis identifies the segmenter that produced the tokens bleve
	// stores (see analysisID).
	Analysis string `json:"analysis"`
}

// ErrIncompatible matches (errors.Is) the *IncompatibleError New returns
// when an index directory holds another kind of record, another format or
// tokens of another analysis.
var ErrIncompatible = errors.New("index: incompatible index directory")

// IncompatibleError says why an index directory cannot be opened as
// asked: Field is "format", "kind", "analysis" or "manifest" (missing or
// unreadable), Have is what the directory holds, Want what New needs.
//
// An IncompatibleError is not modified after it is returned: safe to
// share.
type IncompatibleError struct {
	Path  string
	Field string
	Have  string
	Want  string
	// Err is the cause for Field "manifest", else nil.
	Err error
}

// Error reads like `index /data/ix: holds kind
// "github.com/techmatch/techmatch.Achievement", opened as
// "github.com/techmatch/techmatch.Need": use another directory, or remove
// this one to rebuild it`.
func (e *IncompatibleError) Error() string {
	const fix = "use another directory, or remove this one to rebuild it"
	if e.Field == "manifest" {
		return fmt.Sprintf("index %s: %s: %v: %s", e.Path, e.Have, e.Err, fix)
	}
	return fmt.Sprintf("index %s: holds %s %q, opened as %q: %s", e.Path, e.Field, e.Have, e.Want, fix)
}

// Is reports whether target is ErrIncompatible.
func (e *IncompatibleError) Is(target error) bool { return target == ErrIncompatible }

// Unwrap returns the cause, if any.
func (e *IncompatibleError) Unwrap() error { return e.Err }

// recordKind names the record type R for the manifest: package path and
// type name ("github.com/techmatch/techmatch.Achievement"); a pointer type
// is named as its element (same JSON).
func recordKind[R any]() string {
	t := reflect.TypeFor[R]()
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Name() == "" || t.PkgPath() == "" {
		return t.String()
	}
	return t.PkgPath() + "." + t.Name()
}

// analysisProbe is analysed by analysisID: Chinese technical text with
// lexicon terms, stop words, boilerplate, technical tokens, full-width
// characters, digits and ASCII words.
const analysisProbe = "本项目研发一种高能量密度锂离子电池正极材料NCM811及其制备方法，" +
	"用于新能源汽车动力电池热管理；采用Ti-6Al-4V钛合金3D打印骨科植入物，" +
	"以及单克隆抗体药物筛选平台和304不锈钢激光焊接机器人视觉引导系统。" +
	"ＡＢＣ１２３ the quick brown fox 的了和与及其等"

// analysisID identifies a segmenter's analysis: its lexicon size and a
// hash of the terms of analysisProbe in both cut modes. Tokens stored by
// bleve are only valid for queries analysed the same way. It detects a
// changed lexicon, dictionary, HMM or stop-word setting when they change
// the probe's terms or the lexicon's size; it cannot prove two segmenters
// equal.
func analysisID(s *segment.Segmenter) (string, error) {
	h := sha256.New()
	var terms []string
	for _, mode := range []segment.Mode{segment.ModeSearch, segment.ModeBigram} {
		var err error
		if terms, err = s.AppendTerms(terms[:0], analysisProbe, mode); err != nil {
			return "", fmt.Errorf("index: analysis fingerprint: %w", err)
		}
		for _, t := range terms {
			h.Write([]byte(t))
			h.Write([]byte{0})
		}
		h.Write([]byte{1})
	}
	return fmt.Sprintf("segment lexicon=%d probe=%x", s.LexiconSize(), h.Sum(nil)[:8]), nil
}

// readManifest reads dir's manifest; ok is false when there is none.
func readManifest(dir string) (m manifest, ok bool, err error) {
	b, err := os.ReadFile(filepath.Join(dir, manifestName))
	if errors.Is(err, os.ErrNotExist) {
		return manifest{}, false, nil
	}
	if err != nil {
		return manifest{}, false, fmt.Errorf("index %s: read %s: %w", dir, manifestName, err)
	}
	m, err = parseManifest(b)
	if err != nil {
		return manifest{}, false, &IncompatibleError{Path: dir, Field: "manifest", Have: "unreadable " + manifestName, Err: err}
	}
	return m, true, nil
}

// parseManifest decodes a manifest strictly: unknown fields, trailing
// data and missing fields are errors.
func parseManifest(b []byte) (manifest, error) {
	var m manifest
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return manifest{}, err
	}
	if dec.More() {
		return manifest{}, errors.New("data after the manifest object")
	}
	if m.Format <= 0 || m.Kind == "" || m.Analysis == "" {
		return manifest{}, fmt.Errorf("format, kind and analysis are required, got %+v", m)
	}
	return m, nil
}

// check returns an *IncompatibleError when have (in dir) cannot be
// opened as want.
func (have manifest) check(dir string, want manifest) error {
	switch {
	case have.Format != want.Format:
		return &IncompatibleError{Path: dir, Field: "format", Have: fmt.Sprint(have.Format), Want: fmt.Sprint(want.Format)}
	case have.Kind != want.Kind:
		return &IncompatibleError{Path: dir, Field: "kind", Have: have.Kind, Want: want.Kind}
	case have.Analysis != want.Analysis:
		return &IncompatibleError{Path: dir, Field: "analysis", Have: have.Analysis, Want: want.Analysis}
	}
	return nil
}

// writeManifest writes m into dir atomically: a private temporary file,
// synced, renamed over the manifest, then the directory synced.
func writeManifest(dir string, m manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("index %s: encode manifest: %w", dir, err)
	}
	return writeFileAtomic(dir, manifestName, append(b, '\n'))
}

// writeFileAtomic writes data to dir/name through a temporary file
// (mode 0600) and a rename, syncing the file and the directory.
func writeFileAtomic(dir, name string, data []byte) error {
	if err := atomicfile.WriteFile(dir, name, data); err != nil {
		return fmt.Errorf("index %s: %w", dir, err)
	}
	return nil
}

// syncDir makes the entries of dir (a rename) durable.
func syncDir(dir string) error {
	if err := atomicfile.SyncDir(dir); err != nil {
		return fmt.Errorf("index %s: %w", dir, err)
	}
	return nil
}
