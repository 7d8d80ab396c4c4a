package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// output is the destination of a run: stdout, or a private temporary file
// beside the target that replaces it only on commit, so a failed run never
// leaves a half-written file in its place.
type output struct {
	io.Writer
	commit  func() error
	discard func()
}

// createOutput returns the destination for path: stdout when path is
// empty, else a temporary file created 0600 in path's directory that
// commit renames onto path (discard removes it; after commit it does
// nothing).
func createOutput(stdout io.Writer, path string) (*output, error) {
	if path == "" {
		return &output{Writer: stdout, commit: func() error { return nil }, discard: func() {}}, nil
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("--out: %w", err)
	}
	done := false
	o := &output{Writer: f}
	o.commit = func() error {
		if err := f.Sync(); err != nil {
			return fmt.Errorf("--out %s: %w", path, err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("--out %s: %w", path, err)
		}
		if err := os.Rename(f.Name(), path); err != nil {
			return fmt.Errorf("--out %s: %w", path, err)
		}
		done = true
		return nil
	}
	o.discard = func() {
		if !done {
			f.Close()
			os.Remove(f.Name())
		}
	}
	return o, nil
}
