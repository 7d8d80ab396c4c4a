package index

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/segment"
)

// requireIncompatible asserts err is an *IncompatibleError on field.
func requireIncompatible(t *testing.T, err error, field string) *IncompatibleError {
	t.Helper()
	require.ErrorIs(t, err, ErrIncompatible)
	var ie *IncompatibleError
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, field, ie.Field, "IncompatibleError.Field (%v)", err)
	return ie
}

// editManifest rewrites the manifest of the index at path with edit.
func editManifest(t *testing.T, path string, edit func(m map[string]any)) {
	t.Helper()
	p := filepath.Join(path, manifestName)
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	edit(m)
	b, err = json.Marshal(m)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(p, b, 0o600))
}

func TestManifestKind(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ix")
	ix := newTestIndex(t, path)
	require.NoError(t, ix.Add(ctx, techmatch.Achievement{ID: "A1", Title: "激光切割"}))
	require.NoError(t, ix.Close())

	_, err := New[techmatch.Need](ctx, Config{Segmenter: testSeg, Path: path})
	ie := requireIncompatible(t, err, "kind")
	assert.Equal(t, "github.com/techmatch/techmatch.Achievement", ie.Have)
	assert.Equal(t, "github.com/techmatch/techmatch.Need", ie.Want)
	assert.Contains(t, err.Error(), `holds kind "github.com/techmatch/techmatch.Achievement", opened as "github.com/techmatch/techmatch.Need"`)

	// The refused open released the lock; the right kind opens, and so
	// does a pointer to it (same JSON).
	ix2 := newTestIndex(t, path)
	assert.Equal(t, 1, ix2.Len())
	require.NoError(t, ix2.Close())
	ixp, err := New[*techmatch.Achievement](ctx, Config{Segmenter: testSeg, Path: path})
	require.NoError(t, err, "open as *Achievement")
	got, ok := ixp.Get("A1")
	require.True(t, ok)
	assert.Equal(t, "激光切割", got.Title)
	require.NoError(t, ixp.Close())

	// A needs index is refused as achievements.
	npath := filepath.Join(t.TempDir(), "needs")
	nix, err := New[techmatch.Need](ctx, Config{Segmenter: testSeg, Path: npath})
	require.NoError(t, err)
	require.NoError(t, nix.Close())
	_, err = New[techmatch.Achievement](ctx, Config{Segmenter: testSeg, Path: npath})
	requireIncompatible(t, err, "kind")
}

func TestManifestAnalysis(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ix")
	newTestIndex(t, path).Close()

	other, err := segment.New(segment.Config{NoLexicon: true})
	require.NoError(t, err)
	defer other.Close()
	a, err := analysisID(testSeg)
	require.NoError(t, err)
	b, err := analysisID(other)
	require.NoError(t, err)
	require.NotEqual(t, a, b, "a segmenter without the domain lexicon has another analysis id")

	_, err = New[techmatch.Achievement](ctx, Config{Segmenter: other, Path: path})
	ie := requireIncompatible(t, err, "analysis")
	assert.Equal(t, a, ie.Have)
	assert.Equal(t, b, ie.Want)
	// Same segmenter: same id, opens.
	again, err := analysisID(testSeg)
	require.NoError(t, err)
	assert.Equal(t, a, again, "analysisID is deterministic")
	newTestIndex(t, path)
}

func TestManifestErrors(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		setup func(t *testing.T, path string)
		field string // "" = opens
	}{
		{name: "format", field: "format", setup: func(t *testing.T, path string) {
			newTestIndex(t, path).Close()
			editManifest(t, path, func(m map[string]any) { m["format"] = 99 })
		}},
		{name: "unreadable", field: "manifest", setup: func(t *testing.T, path string) {
			newTestIndex(t, path).Close()
			require.NoError(t, os.WriteFile(filepath.Join(path, manifestName), []byte("{not json"), 0o600))
		}},
		{name: "unknown field", field: "manifest", setup: func(t *testing.T, path string) {
			newTestIndex(t, path).Close()
			editManifest(t, path, func(m map[string]any) { m["extra"] = 1 })
		}},
		{name: "manifest removed", field: "manifest", setup: func(t *testing.T, path string) {
			newTestIndex(t, path).Close()
			require.NoError(t, os.Remove(filepath.Join(path, manifestName)))
		}},
		{name: "bleve index of an older techmatch", field: "manifest", setup: func(t *testing.T, path string) {
			require.NoError(t, os.MkdirAll(filepath.Join(path, "store"), 0o700))
			require.NoError(t, os.WriteFile(filepath.Join(path, "index_meta.json"), []byte(`{"storage":"boltdb","index_type":"scorch"}`), 0o600))
		}},
		{name: "crash after the manifest, before bleve", setup: func(t *testing.T, path string) {
			newTestIndex(t, path).Close()
			require.NoError(t, os.RemoveAll(filepath.Join(path, bleveDir)))
			require.NoError(t, os.MkdirAll(filepath.Join(path, bleveTmp, "store"), 0o700))
			require.NoError(t, os.WriteFile(filepath.Join(path, bleveTmp, "index_meta.json"), []byte("half"), 0o600))
		}},
		{name: "crash while writing the manifest", setup: func(t *testing.T, path string) {
			require.NoError(t, os.MkdirAll(path, 0o700))
			require.NoError(t, os.WriteFile(filepath.Join(path, manifestName+".tmp123"), []byte(`{"for`), 0o600))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "ix")
			tt.setup(t, path)
			ix, err := New[techmatch.Achievement](ctx, Config{Segmenter: testSeg, Path: path})
			if tt.field == "" {
				require.NoError(t, err)
				require.NoError(t, ix.Add(ctx, techmatch.Achievement{ID: "A", Title: "激光"}))
				require.NoError(t, ix.Close())
				ix = newTestIndex(t, path)
				assert.Equal(t, 1, ix.Len(), "records survive a reopen")
				entries, err := os.ReadDir(path)
				require.NoError(t, err)
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				assert.ElementsMatch(t, []string{bleveDir, lockName, manifestName}, names, "directory after recovery")
				return
			}
			requireIncompatible(t, err, tt.field)
			assert.Contains(t, err.Error(), "remove this one to rebuild it", "got %v", err)
			// The refused directory is not locked.
			_, err = New[techmatch.Achievement](ctx, Config{Segmenter: testSeg, Path: path})
			assert.NotErrorIs(t, err, ErrLocked)
		})
	}
}

func FuzzParseManifest(f *testing.F) {
	f.Add([]byte(`{"format":1,"kind":"github.com/techmatch/techmatch.Achievement","analysis":"segment lexicon=1 probe=00"}`))
	f.Add([]byte(`{"format":1,"kind":"x","analysis":"y"} {}`))
	f.Add([]byte(`{"format":0}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := parseManifest(b)
		if err != nil {
			return
		}
		if m.Format <= 0 || m.Kind == "" || m.Analysis == "" {
			t.Fatalf("parseManifest(%q) accepted %+v with an empty field", b, m)
		}
		again, err := json.Marshal(m)
		if err != nil {
			t.Fatalf("encode %+v: %v", m, err)
		}
		got, err := parseManifest(again)
		if err != nil || got != m {
			t.Fatalf("round trip of %+v: got %+v, %v", m, got, err)
		}
		if err := m.check("dir", m); err != nil {
			t.Fatalf("a manifest is incompatible with itself: %v", err)
		}
	})
}
