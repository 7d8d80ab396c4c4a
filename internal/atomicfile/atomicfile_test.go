package atomicfile

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, data string
	}{
		{"create", "one"},
		{"replace", "two"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, WriteFile(dir, "f", []byte(tt.data)))
			got, err := os.ReadFile(filepath.Join(dir, "f"))
			require.NoError(t, err)
			assert.Equal(t, tt.data, string(got), "content")
			fi, err := os.Stat(filepath.Join(dir, "f"))
			require.NoError(t, err)
			assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "mode")
			left, err := filepath.Glob(filepath.Join(dir, "f.tmp*"))
			require.NoError(t, err)
			assert.Empty(t, left, "no temporary file left")
		})
	}
	err := WriteFile(filepath.Join(dir, "missing"), "f", nil)
	assert.ErrorContains(t, err, filepath.Join(dir, "missing", "f"), "error names the file")
	assert.ErrorIs(t, err, os.ErrNotExist)
}
