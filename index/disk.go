package index

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

// openDisk opens the on-disk index at ix.cfg.Path, creating it when the
// directory is absent or empty: lock, manifest, bleve, then reload. On
// error nothing stays open or locked.
func (ix *Index[R]) openDisk(ctx context.Context, im *mapping.IndexMappingImpl) (err error) {
	dir := ix.cfg.Path
	if abs, aerr := filepath.Abs(dir); aerr == nil {
		dir = abs
	}
	if err := prepareDir(dir); err != nil {
		return err
	}
	aid, err := analysisID(ix.cfg.Segmenter)
	if err != nil {
		return err
	}
	lk, err := lockDir(ctx, dir, ix.cfg.LockWait)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = lk.unlock()
		}
	}()
	if err := removeManifestTemps(dir); err != nil {
		return err
	}
	want := manifest{Format: formatVersion, Kind: recordKind[R](), Analysis: aid}
	have, ok, err := readManifest(dir)
	if err != nil {
		return err
	}
	bdir := filepath.Join(dir, bleveDir)
	_, statErr := os.Stat(bdir)
	hasBleve := statErr == nil
	if !ok {
		if hasBleve {
			return &IncompatibleError{Path: dir, Field: "manifest", Have: "no " + manifestName, Err: errors.New("a bleve index without manifest")}
		}
		if err := writeManifest(dir, want); err != nil {
			return err
		}
	} else if err := have.check(dir, want); err != nil {
		return err
	}
	if !hasBleve {
		if err := createBleve(dir, im); err != nil {
			return err
		}
	}
	ix.bl, err = bleve.Open(bdir)
	if err != nil {
		return fmt.Errorf("index: open %s: %w", bdir, err)
	}
	if err := ix.load(ctx); err != nil {
		_ = ix.bl.Close()
		ix.bl = nil
		return err
	}
	ix.lock = lk
	return nil
}

// prepareDir makes sure dir can hold an index: created (0700) when
// absent; otherwise a directory holding nothing but the files of an index
// (lock, manifest, bleve index). A bleve index without manifest (written
// before format 1) is an *IncompatibleError.
func prepareDir(dir string) error {
	fi, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("index: create %s: %w", dir, err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("index: stat %s: %w", dir, err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("index: %s is a file, want a directory", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("index: read %s: %w", dir, err)
	}
	for _, e := range entries {
		switch name := e.Name(); {
		case name == lockName, name == manifestName, name == bleveDir, name == bleveTmp,
			strings.HasPrefix(name, manifestName+".tmp"):
		case name == "index_meta.json":
			return &IncompatibleError{Path: dir, Field: "manifest", Have: "no " + manifestName,
				Err: errors.New("a bleve index written by an older techmatch (before format 1)")}
		default:
			return fmt.Errorf("index: %s is a non-empty directory that is not a techmatch index (it holds %q)", dir, name)
		}
	}
	return nil
}

// removeManifestTemps removes the temporary files of a manifest write
// that a crash interrupted. Caller holds the directory's lock.
func removeManifestTemps(dir string) error {
	tmps, err := filepath.Glob(filepath.Join(dir, manifestName+".tmp*"))
	if err != nil {
		return fmt.Errorf("index %s: %w", dir, err)
	}
	for _, p := range tmps {
		if err := os.Remove(p); err != nil {
			return fmt.Errorf("index %s: remove the unfinished %s: %w", dir, p, err)
		}
	}
	return nil
}

// createBleve creates an empty bleve index in dir/bleveTmp and renames it
// to dir/bleveDir, so that a crash never leaves a half-created index
// under bleveDir. Cost: one scorch create, close and rename (~10 ms).
func createBleve(dir string, im *mapping.IndexMappingImpl) error {
	tmp := filepath.Join(dir, bleveTmp)
	if err := os.RemoveAll(tmp); err != nil {
		return fmt.Errorf("index: remove the unfinished %s: %w", tmp, err)
	}
	bl, err := bleve.NewUsing(tmp, im, scorch.Name, scorch.Name, nil)
	if err != nil {
		return fmt.Errorf("index: create %s: %w", tmp, err)
	}
	if err := bl.Close(); err != nil {
		return fmt.Errorf("index: create %s: close: %w", tmp, err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, bleveDir)); err != nil {
		return fmt.Errorf("index: create %s: %w", dir, err)
	}
	return syncDir(dir)
}

// reloadPage is the number of stored records fetched per bleve request
// when reopening.
const reloadPage = 1000

// reload rebuilds recs, their hashes and the core from the _source
// fields of an opened bleve index, in id order. Cost: one segmentation
// of every record (as Add).
func (ix *Index[R]) reload(ctx context.Context) error {
	var after []string
	a := newAnalyser(ix.terms, ix.cfg.TitleBoost, ix.cfg.KeywordBoost)
	for {
		req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), reloadPage, 0, false)
		req.Fields = []string{FieldSource}
		req.SortBy([]string{"_id"})
		if after != nil {
			req.SetSearchAfter(after)
		}
		res, err := ix.bl.SearchInContext(ctx, req)
		if err != nil {
			return fmt.Errorf("index: reload %s: %w", ix.cfg.Path, err)
		}
		for _, h := range res.Hits {
			src, ok := h.Fields[FieldSource].(string)
			if !ok {
				return fmt.Errorf("index: reload %s: document %q has no stored %s field", ix.cfg.Path, h.ID, FieldSource)
			}
			var rec R
			if err := json.Unmarshal([]byte(src), &rec); err != nil {
				return fmt.Errorf("index: reload %s: document %q: decode %s: %w", ix.cfg.Path, h.ID, FieldSource, err)
			}
			if err := validRecord(rec); err != nil {
				return fmt.Errorf("index: reload %s: document %q: %w", ix.cfg.Path, h.ID, err)
			}
			if rec.RecordID() != h.ID {
				return fmt.Errorf("index: reload %s: document %q holds record id %q", ix.cfg.Path, h.ID, rec.RecordID())
			}
			title, desc, kws := rec.Text()
			ra, err := a.record(title, desc, kws, false)
			if err != nil {
				return fmt.Errorf("index: reload %s: document %q: %w", ix.cfg.Path, h.ID, err)
			}
			doc, err := ix.core.add(h.ID, rec.RecordIndustries(), ra.fields)
			if err != nil {
				return fmt.Errorf("index: reload %s: document %q: %w", ix.cfg.Path, h.ID, err)
			}
			ix.setRec(doc, rec, docMeta[R]{sum: sha256.Sum256([]byte(src))})
		}
		if len(res.Hits) < reloadPage {
			return nil
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}
