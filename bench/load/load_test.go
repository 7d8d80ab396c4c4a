package load

import (
	"bytes"
	"context"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLoadShort is the CI-sized run: 2,000 achievements, 8 clients, 3 s
// per phase, on disk with a restart under load. No error, no lost write.
func TestLoadShort(t *testing.T) {
	if testing.Short() {
		t.Skip("a 10-second load run")
	}
	var progress bytes.Buffer
	rep, err := Run(context.Background(), Config{Achievements: 2000, Needs: 200, Clients: 8, Duration: 3 * time.Second,
		IndexDir: filepath.Join(t.TempDir(), "idx"), Restart: true, Progress: &progress})
	require.NoError(t, err, progress.String())
	t.Log("\n" + progress.String())
	for _, p := range []Phase{rep.InProcess, rep.HTTP} {
		assert.Zero(t, p.Errors, "%s: %s", p.Name, p.FirstError)
		assert.Zero(t, p.LostWrites, p.Name)
		assert.Positive(t, p.Matches, p.Name)
		assert.Positive(t, p.Writes, p.Name)
		assert.Positive(t, p.Acknowledged, p.Name)
	}
	assert.Positive(t, rep.Restart, "the server restarted")
	assert.Contains(t, progress.String(), "restarted in")
}

func TestConfigValidate(t *testing.T) {
	for _, c := range []Config{{Clients: -1}, {WriteShare: 2}, {WriteShare: math.NaN()}, {Restart: true}, {Clients: 5000}} {
		assert.Error(t, c.Validate(), "%+v", c)
	}
	assert.NoError(t, Config{}.Validate())
}
