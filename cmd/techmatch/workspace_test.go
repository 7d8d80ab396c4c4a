package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// headLines writes the first n lines of src to a new file in dir and
// returns its path; edit, when not nil, rewrites each line.
func headLines(t *testing.T, dir, name, src string, n int, edit func(i int, line string) string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	require.NoError(t, err)
	lines := strings.SplitN(string(b), "\n", n+1)[:n]
	for i := range lines {
		if edit != nil {
			lines[i] = edit(i, lines[i])
		}
	}
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o600))
	return p
}

type deltaLine struct {
	NeedID        string `json:"need_id"`
	AchievementID string `json:"achievement_id"`
	Mark          string `json:"mark"`
	From          string `json:"from"`
}

func TestWorkspaceCLI(t *testing.T) {
	tmp := t.TempDir()
	ws := filepath.Join(tmp, "ws")
	a1 := headLines(t, tmp, "a1.jsonl", achs, 120, nil)
	n1 := headLines(t, tmp, "n1.jsonl", needs, 30, nil)

	out, _, err := run(t, "workspace", "import", "--dir", ws, "--achievements", a1, "--needs", n1)
	require.NoError(t, err)
	assert.Contains(t, out, "achievements: 120 added, 0 updated, 0 restored, 0 unchanged, 0 withdrawn")
	assert.Contains(t, out, "needs: 30 added, 0 updated")

	// --dir feeds the ordinary pipeline: same pairs as the files.
	want, _, err := run(t, "match", "--achievements", a1, "--needs", n1, "--top", "2")
	require.NoError(t, err)
	got, stderr, err := run(t, "match", "--dir", ws, "--top", "2")
	require.NoError(t, err)
	assert.Equal(t, want, got, "match --dir = match on the same catalogs")
	assert.Contains(t, stderr, "from snapshot", "reopened from the snapshots")
	assert.Contains(t, stderr, "run recorded (60 pairs)")

	_, stderr, err = run(t, "match", "--dir", ws, "--delta")
	require.NoError(t, err, "no changes is a clean exit")
	assert.Contains(t, stderr, "no changes since")

	// Next quarter: need 2 edited, need 31 new; achievement 3 withdrawn.
	n2 := headLines(t, tmp, "n2.jsonl", needs, 31, func(i int, l string) string {
		if i == 1 {
			return strings.Replace(l, `"title": "`, `"title": "改进：`, 1)
		}
		return l
	})
	out, _, err = run(t, "workspace", "import", "--dir", ws, "--needs", n2, "--withdraw", "A0003")
	require.NoError(t, err)
	assert.Contains(t, out, "needs: 1 added, 1 updated, 0 restored, 29 unchanged, 0 withdrawn")
	assert.Contains(t, out, "updated: N0002")
	assert.Contains(t, out, "withdrawn: A0003")

	out, stderr, err = run(t, "match", "--dir", ws, "--delta", "--top", "2")
	require.NoError(t, err)
	assert.Contains(t, stderr, "2 needs, 0 achievements")
	var lines []deltaLine
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var d deltaLine
		require.NoError(t, json.Unmarshal([]byte(l), &d), "line %q", l)
		lines = append(lines, d)
	}
	require.Len(t, lines, 4, "2 changed needs × top 2")
	marks := map[string]string{}
	for _, d := range lines {
		assert.Equal(t, "need", d.From)
		assert.NotEqual(t, "A0003", d.AchievementID, "a withdrawn achievement is not proposed")
		marks[d.NeedID] += d.Mark
	}
	assert.Equal(t, "新增新增", marks["N0031"], "a new need's pairs are new")
	assert.Contains(t, want, `"need_id":"N0002"`)
	assert.Contains(t, marks["N0002"], "已推荐", "the edited need's earlier pairs are marked 已推荐")

	out, _, err = run(t, "workspace", "status", "--dir", ws)
	require.NoError(t, err)
	assert.Contains(t, out, "achievements: 119 live, 1 withdrawn")
	assert.Contains(t, out, "needs: 31 live, 0 withdrawn")
	assert.Contains(t, out, "3 runs recorded")

	// Other match flags keep working with --dir.
	_, _, err = run(t, "match", "--dir", ws, "--assign", "--per-achievement", "1", "--top", "2", "--no-explain")
	assert.NoError(t, err, "--assign with --dir")
}

func TestWorkspaceCLIErrors(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"delta without dir", []string{"match", "--achievements", achs, "--needs", needs, "--delta"}, "need --dir"},
		{"dir with files", []string{"match", "--dir", ws, "--achievements", achs}, "leave out --achievements"},
		{"bad date", []string{"match", "--dir", ws, "--new-since", "last tuesday"}, `--new-since "last tuesday"`},
		{"delta and assign", []string{"match", "--dir", ws, "--delta", "--assign"}, "leave out --direction, --reciprocal and --assign"},
		{"delta xlsx", []string{"match", "--dir", ws, "--delta", "--format", "xlsx", "--out", "x.xlsx"}, "want jsonl or csv"},
		{"empty workspace", []string{"match", "--dir", ws}, "no usable record"},
		{"withdraw unknown", []string{"workspace", "withdraw", "--dir", ws, "--ids", "X1"}, `unknown id(s): ["X1"]`},
		{"import nothing", []string{"workspace", "import", "--dir", ws}, "give at least one"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := run(t, tt.args...)
			require.Error(t, err)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

func TestWorkspaceCLIFold(t *testing.T) {
	tmp := t.TempDir()
	ws := filepath.Join(tmp, "ws")
	a := withResubmission(t)
	_, _, err := run(t, "workspace", "import", "--dir", ws, "--achievements", a, "--needs", needs)
	require.NoError(t, err)
	want, _, err := run(t, "match", "--achievements", a, "--needs", needs, "--top", "3", "--fold-duplicates", "--no-explain")
	require.NoError(t, err)
	got, _, err := run(t, "match", "--dir", ws, "--top", "3", "--fold-duplicates", "--no-explain")
	require.NoError(t, err)
	assert.Equal(t, want, got, "--fold-duplicates with --dir drops the folded records as with files")
}
