package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

// run executes the CLI with args and returns stdout and stderr.
func run(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	root := newRoot()
	var out, errb bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errb)
	root.SetArgs(args)
	err := root.ExecuteContext(context.Background())
	return out.String(), errb.String(), err
}

const (
	achs  = "../../testdata/achievements.jsonl"
	needs = "../../testdata/needs.jsonl"
)

func TestMatchJSONL(t *testing.T) {
	out, _, err := run(t, "match", "--achievements", achs, "--needs", needs, "--top", "3")
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 160*3, "every need of the testdata gets 3 pairs")
	var first struct {
		NeedID        string                 `json:"need_id"`
		AchievementID string                 `json:"achievement_id"`
		Rank          int                    `json:"rank"`
		Score         float64                `json:"score"`
		Explain       *techmatch.Explanation `json:"explain"`
	}
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &first))
	assert.Equal(t, "N0001", first.NeedID, "needs in catalog order")
	assert.Equal(t, 1, first.Rank)
	assert.NotNil(t, first.Explain)
	assert.True(t, strings.HasPrefix(lines[0], `{"need_id":`), "field order need_id, achievement_id, rank, score, explain")

	again, _, err := run(t, "match", "--achievements", achs, "--needs", needs, "--top", "3", "--workers", "1")
	require.NoError(t, err)
	assert.Equal(t, out, again, "output is byte-for-byte reproducible")
}

func TestMatchCSVOut(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pairs.csv")
	_, _, err := run(t, "match", "--achievements", achs, "--needs", needs, "--top", "2", "--format", "csv", "--out", path, "--no-explain")
	require.NoError(t, err)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(b, []byte("\xef\xbb\xbfneed_id,achievement_id,rank,score")), "CSV starts with a BOM and the header")
}

func TestMatchReverseAndFilter(t *testing.T) {
	out, _, err := run(t, "match", "--achievements", achs, "--needs", needs, "--top", "1", "--direction", "achievement", "--no-explain")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(out, `{"need_id":`))
	assert.Contains(t, strings.SplitN(out, "\n", 2)[0], `"achievement_id":"A0001"`, "achievements in catalog order")

	out, _, err = run(t, "match", "--achievements", achs, "--needs", needs, "--top", "5", "--industries", "生物医药", "--no-explain")
	require.NoError(t, err)
	assert.NotEmpty(t, out)
}

func TestMatchErrors(t *testing.T) {
	_, _, err := run(t, "match", "--achievements", achs)
	assert.ErrorContains(t, err, "--needs")
	_, _, err = run(t, "match", "--achievements", achs, "--needs", needs, "--format", "xml")
	assert.ErrorContains(t, err, "xml")
	_, _, err = run(t, "match", "--achievements", "nope.jsonl", "--needs", needs)
	assert.ErrorContains(t, err, "nope.jsonl")
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	require.NoError(t, os.WriteFile(bad, []byte("{\"id\":\"A1\",\"title\":\"碳纤维\"}\n{\"id\":\"A2\",\"title\":\"x\",\"maturity\":12}\n"), 0o644))
	_, stderr, err := run(t, "match", "--achievements", bad, "--needs", needs)
	assert.ErrorContains(t, err, "1 bad record")
	assert.Contains(t, stderr, "error: "+bad+":2: ", "strict mode lists the problem once, as an error")
	assert.NotContains(t, stderr, "skipped:")
	_, stderr, err = run(t, "match", "--achievements", bad, "--needs", needs, "--lenient", "--top", "1")
	assert.NoError(t, err)
	assert.Equal(t, 1, strings.Count(stderr, "skipped: "+bad+":2: "), "lenient mode lists the skipped record once")
	assert.Contains(t, stderr, "read "+bad+": 2 records, 1 skipped")
}

func TestEval(t *testing.T) {
	out, _, err := run(t, "eval", "--achievements", achs, "--needs", needs, "--qrels", "../../testdata/qrels.tsv")
	require.NoError(t, err)
	assert.Contains(t, out, "techmatch")
	assert.Contains(t, out, "bleve-cjk")
	assert.Contains(t, out, "by need type")
}

func TestMatchReciprocal(t *testing.T) {
	out, _, err := run(t, "match", "--achievements", achs, "--needs", needs, "--top", "2", "--reciprocal", "0.3")
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	assert.Len(t, lines, 160*2, "every need still gets its pairs")
	assert.Contains(t, lines[0], `"feature":"reciprocal"`, "explain shows the reverse view's share")
}

// TestEvalSeveralCatalogs evaluates the blind hold-out needs against both
// achievement catalogs (repeated flag and comma list alike) and rejects an
// id found in two files.
func TestEvalSeveralCatalogs(t *testing.T) {
	const ho = "../../testdata/holdout/"
	out, _, err := run(t, "eval", "--achievements", achs+","+ho+"achievements.jsonl", "--needs", ho+"needs.jsonl", "--qrels", ho+"qrels.tsv", "--no-baseline")
	require.NoError(t, err)
	assert.Contains(t, out, "techmatch  70 ", "all 70 hold-out needs are judged and found")
	again, _, err := run(t, "eval", "--achievements", achs, "--achievements", ho+"achievements.jsonl", "--needs", ho+"needs.jsonl", "--qrels", ho+"qrels.tsv", "--no-baseline")
	require.NoError(t, err)
	assert.Equal(t, out, again, "a repeated flag reads the same files as a comma list")

	_, _, err = run(t, "match", "--achievements", achs+","+achs, "--needs", needs)
	assert.ErrorContains(t, err, `id "A0001" is also in`)
}

// TestEvalPool writes the blind pool: unjudged pairs of both systems' top
// 5, each once, with no system label, created private.
func TestEvalPool(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pool.jsonl")
	_, _, err := run(t, "eval", "--achievements", achs, "--needs", needs, "--qrels", "../../testdata/qrels.tsv", "--pool-out", path)
	require.NoError(t, err)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	fi, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
	judged := map[string]bool{}
	qb, err := os.ReadFile("../../testdata/qrels.tsv")
	require.NoError(t, err)
	for _, l := range strings.Split(string(qb), "\n") {
		if f := strings.Fields(l); len(f) == 3 {
			judged[f[0]+" "+f[1]] = true
		}
	}
	seen := map[string]bool{}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	require.NotEmpty(t, lines)
	for _, l := range lines {
		var it struct {
			NeedID        string `json:"need_id"`
			AchievementID string `json:"achievement_id"`
			Grade         *int   `json:"grade"`
		}
		require.NoError(t, json.Unmarshal([]byte(l), &it))
		k := it.NeedID + " " + it.AchievementID
		assert.False(t, judged[k], "%s is judged already", k)
		assert.False(t, seen[k], "%s twice", k)
		assert.Nil(t, it.Grade)
		assert.NotContains(t, l, "techmatch")
		assert.NotContains(t, l, "bleve")
		seen[k] = true
	}
}
