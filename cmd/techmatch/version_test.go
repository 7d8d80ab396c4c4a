package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteVersion(t *testing.T) {
	platform := " " + runtime.GOOS + "/" + runtime.GOARCH
	vcs := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i+1 < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	tests := []struct {
		name string
		bi   *debug.BuildInfo
		ok   bool
		want string
	}{
		{"checkout with changes", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: modulePath, Version: "(devel)"},
			Settings: vcs("vcs", "git", "vcs.revision", "0123abcd", "vcs.time", "2026-12-08T02:09:00Z", "vcs.modified", "true")}, true,
			"techmatch (devel)\nmodule:   github.com/techmatch/techmatch\nrevision: 0123abcd (modified)\ntime:     2026-12-08T02:09:00Z\ngo:       go1.26.0" + platform + "\n"},
		{"tagged install, clean tree", &debug.BuildInfo{GoVersion: "go1.26.1", Main: debug.Module{Path: modulePath, Version: "v1.2.3"},
			Settings: vcs("vcs.revision", "ffff", "vcs.modified", "false")}, true,
			"techmatch v1.2.3\nmodule:   github.com/techmatch/techmatch\nrevision: ffff\ngo:       go1.26.1" + platform + "\n"},
		{"no VCS information (-buildvcs=false)", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "example.com/fork", Version: "(devel)"}}, true,
			"techmatch (devel)\nmodule:   example.com/fork\ngo:       go1.26.0" + platform + "\n"},
		{"no build information", nil, false,
			"techmatch unknown\nmodule:   github.com/techmatch/techmatch\ngo:       " + runtime.Version() + platform + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, writeVersion(&b, tt.bi, tt.ok))
			got := b.String()
			assert.Equal(t, tt.want, got, "got %q, want %q", got, tt.want)
		})
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteVersionError(t *testing.T) {
	err := writeVersion(failWriter{}, nil, false)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "disk full", "the cause is wrapped")
}

func TestVersionCommand(t *testing.T) {
	out, _, err := run(t, "version")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(out, "techmatch "), "first line: got %q", out)
	assert.Contains(t, out, "\ngo:       "+runtime.Version(), "go version: got %q", out)
	_, _, err = run(t, "version", "extra")
	assert.Error(t, err, "version takes no arguments")
}

// TestVersionBinaryRevision builds the CLI in this checkout and checks that
// `techmatch version` reports the checkout's HEAD as the revision.
func TestVersionBinaryRevision(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI (-short)")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the CLI with")
	}
	head, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skip("not a git checkout")
	}
	top, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	require.NoError(t, err, "git rev-parse --show-toplevel")
	if fi, err := os.Stat(filepath.Join(strings.TrimSpace(string(top)), ".git")); err != nil || !fi.IsDir() {
		// The go command looks for a .git directory: a linked worktree
		// (whose .git is a file) gets no VCS stamp.
		t.Skip("a git worktree: the go command records no VCS information here")
	}
	bin := filepath.Join(t.TempDir(), "techmatch")
	out, err := exec.Command(goTool, "build", "-buildvcs=true", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	out, err = exec.Command(bin, "version").Output()
	require.NoError(t, err, "techmatch version")
	got := string(out)
	assert.Contains(t, got, "module:   "+modulePath+"\n", "got %q", got)
	assert.Contains(t, got, "revision: "+strings.TrimSpace(string(head)), "got %q", got)
	assert.Contains(t, got, "time:     ", "got %q", got)
}
