package main

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/techmatch/techmatch"
)

type assignRow struct {
	NeedID          string                 `json:"need_id"`
	AchievementID   string                 `json:"achievement_id"`
	Rank            int                    `json:"rank"`
	Score           float64                `json:"score"`
	Chosen          bool                   `json:"chosen"`
	Displaced       string                 `json:"displaced"`
	DisplacedReason string                 `json:"displaced_reason"`
	Explain         *techmatch.Explanation `json:"explain"`
}

func TestMatchAssign(t *testing.T) {
	owner := map[string]string{}
	recs, _, err := techmatch.LoadAchievements(t.Context(), achs, techmatch.ReadOptions{})
	require.NoError(t, err)
	for _, a := range recs {
		owner[a.ID] = a.Owner
	}
	out, stderr, err := run(t, "match", "--achievements", achs, "--needs", needs, "--top", "3",
		"--assign", "--per-achievement", "1", "--per-owner", "10")
	require.NoError(t, err)
	require.Contains(t, stderr, "assigned ")
	require.Contains(t, stderr, "read ../../testdata/needs.jsonl: 160 records, 0 skipped")
	perNeed, perAch, perOwner := map[string]int{}, map[string]int{}, map[string]int{}
	reasons := map[string]int{}
	for line := range strings.Lines(out) {
		var r assignRow
		require.NoError(t, json.Unmarshal([]byte(line), &r), "line %q", line)
		require.NotNil(t, r.Explain)
		if r.Chosen {
			require.Empty(t, r.Displaced)
			perNeed[r.NeedID]++
			perAch[r.AchievementID]++
			perOwner[owner[r.AchievementID]]++
			require.Equal(t, perNeed[r.NeedID], r.Rank, "need %s: chosen ranks 1..", r.NeedID)
			continue
		}
		require.NotEmpty(t, r.DisplacedReason)
		reasons[r.Displaced]++
		require.LessOrEqual(t, r.Rank, 3)
		if r.Displaced == "achievement_full" {
			require.Equal(t, "该成果本季对接名额已满", r.DisplacedReason)
		}
	}
	for id, c := range perAch {
		require.LessOrEqual(t, c, 1, "achievement %s chosen %d times", id, c)
	}
	for o, c := range perOwner {
		require.LessOrEqual(t, c, 10, "owner %s chosen %d times", o, c)
	}
	for n, c := range perNeed {
		require.LessOrEqual(t, c, 3, "need %s: %d pairs", n, c)
	}
	require.Positive(t, reasons["achievement_full"], "no pair displaced by a full achievement")
	require.Positive(t, reasons["owner_full"], "no pair displaced by a full owner")

	csvOut, _, err := run(t, "match", "--achievements", achs, "--needs", needs, "--top", "3",
		"--assign", "--per-achievement", "1", "--per-owner", "10", "--format", "csv", "--no-explain")
	require.NoError(t, err)
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(csvOut, "\ufeff"))).ReadAll()
	require.NoError(t, err)
	require.Equal(t, assignCSVHeader, rows[0])
	require.Len(t, rows, 1+strings.Count(out, "\n"), "CSV rows: got %d, want one per JSONL line + header", len(rows))
}

func TestMatchAssignUnconstrainedIsTopK(t *testing.T) {
	plain, _, err := run(t, "match", "--achievements", achs, "--needs", needs, "--top", "2", "--no-explain")
	require.NoError(t, err)
	asg, _, err := run(t, "match", "--achievements", achs, "--needs", needs, "--top", "2", "--no-explain", "--assign")
	require.NoError(t, err)
	require.Equal(t, plain, strings.ReplaceAll(asg, `,"chosen":true}`, "}"), "--assign without caps: got another output than plain top-k")
}

func TestMatchAssignFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--per-need", "2"}, "--per-need works with --assign only"},
		{[]string{"--assign", "--per-owner", "-1"}, "--per-owner"},
		{[]string{"--assign", "--direction", "achievement"}, "--assign works with --direction need only"},
		{[]string{"--assign", "--reciprocal", "0.3"}, "do not combine"},
	} {
		_, _, err := run(t, append([]string{"match", "--achievements", achs, "--needs", needs}, tc.args...)...)
		require.ErrorContains(t, err, tc.want, "args %v", tc.args)
	}
}
