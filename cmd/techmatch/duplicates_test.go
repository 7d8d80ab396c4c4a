package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/techmatch/techmatch"
)

// withResubmission writes the bundled achievements plus A9001, a
// re-submission of A0006 (one sentence added, price and date changed).
func withResubmission(t *testing.T) string {
	recs, _, err := techmatch.LoadAchievements(t.Context(), achs, techmatch.ReadOptions{})
	require.NoError(t, err)
	var orig techmatch.Achievement
	for _, a := range recs {
		if a.ID == "A0006" {
			orig = a
		}
	}
	c := orig
	c.ID, c.Date, c.Price = "A9001", "2027-01-01", orig.Price+50
	c.Description += "可提供技术培训。"
	path := filepath.Join(t.TempDir(), "achs.jsonl")
	var b strings.Builder
	for _, a := range append(recs, c) {
		line, err := json.Marshal(a)
		require.NoError(t, err)
		b.Write(line)
		b.WriteByte('\n')
	}
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o600))
	return path
}

func TestDuplicates(t *testing.T) {
	path := withResubmission(t)
	out, stderr, err := run(t, "duplicates", "--achievements", path, "--needs", needs)
	require.NoError(t, err)
	require.Contains(t, stderr, "1 achievement clusters (2 records), 0 need clusters (0 records): 2 rows written")
	var rows []dupRow
	for line := range strings.Lines(out) {
		var r dupRow
		require.NoError(t, json.Unmarshal([]byte(line), &r))
		rows = append(rows, r)
	}
	require.Len(t, rows, 2)
	require.Equal(t, []string{"A9001", "A0006"}, []string{rows[0].ID, rows[1].ID})
	require.Equal(t, "A9001", rows[1].Newest)
	var fields []string
	for _, d := range rows[1].Diffs {
		fields = append(fields, d.Field)
	}
	require.Equal(t, []string{"description", "price", "date"}, fields)

	csvOut, _, err := run(t, "duplicates", "--achievements", path, "--format", "csv")
	require.NoError(t, err)
	require.Contains(t, csvOut, "achievements,1,A0006,A9001,")
	require.Contains(t, csvOut, "date 2024-06-25→2027-01-01")

	_, _, err = run(t, "duplicates")
	require.ErrorContains(t, err, "--achievements or --needs is required")
}

func TestMatchFoldDuplicates(t *testing.T) {
	path := withResubmission(t)
	out, stderr, err := run(t, "match", "--achievements", path, "--needs", needs, "--top", "10", "--no-explain", "--fold-duplicates")
	require.NoError(t, err)
	require.Contains(t, stderr, "folded duplicates: 1 achievements into 1 clusters' newest, 0 needs")
	require.NotContains(t, out, `"A0006"`, "the folded record is still proposed")
	plain, _, err := run(t, "match", "--achievements", path, "--needs", needs, "--top", "10", "--no-explain")
	require.NoError(t, err)
	require.Contains(t, plain, `"A0006"`)
	require.Contains(t, plain, `"A9001"`)
}
