package main

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/match"
	"github.com/techmatch/techmatch/segment"
)

// TestReadmeExample checks that README.md's embedding snippet is the body
// of match.Example_readme (which compiles and runs as a test), dedented,
// with paths from the repository root, and that those library defaults
// give exactly the CLI's pairs on the testdata.
func TestReadmeExample(t *testing.T) {
	src, err := os.ReadFile("../../match/example_test.go")
	require.NoError(t, err)
	body := between(t, string(src), "func Example_readme() {\n", "\t// Output:\n")
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(body, "\n"), "\n") {
		lines = append(lines, strings.TrimPrefix(l, "\t"))
	}
	want := strings.ReplaceAll(strings.Join(lines, "\n"), "../testdata/", "testdata/")
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	block := between(t, string(readme), "<!-- Example_readme:", "\n```\n")
	got := block[strings.Index(block, "```go\n")+len("```go\n"):]
	assert.Equal(t, want, got, "README's embedding snippet must be match.Example_readme's body")

	// The snippet's defaults rank exactly like the CLI.
	out, _, err := run(t, "match", "--achievements", achs, "--needs", needs, "--no-explain")
	require.NoError(t, err)
	var cli []techmatch.Pair
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var p techmatch.Pair
		require.NoError(t, json.Unmarshal([]byte(l), &p))
		cli = append(cli, p)
	}
	ctx := context.Background()
	as, _, err := techmatch.LoadAchievements(ctx, achs, techmatch.ReadOptions{})
	require.NoError(t, err)
	ns, _, err := techmatch.LoadNeeds(ctx, needs, techmatch.ReadOptions{})
	require.NoError(t, err)
	seg, err := segment.Default()
	require.NoError(t, err)
	idx, err := index.New[techmatch.Achievement](ctx, index.Config{Segmenter: seg})
	require.NoError(t, err)
	defer idx.Close()
	require.NoError(t, idx.Add(ctx, as...))
	eng, err := match.New(ctx, idx, match.Config{})
	require.NoError(t, err)
	lib, err := eng.MatchAll(ctx, ns, match.Options{NoExplain: true})
	require.NoError(t, err)
	require.Len(t, lib, len(cli))
	for i := range cli {
		assert.Equal(t, cli[i].NeedID+" "+cli[i].AchievementID, lib[i].NeedID+" "+lib[i].AchievementID, "pair %d", i)
		assert.InDelta(t, cli[i].Score, lib[i].Score, 1e-6, "pair %d", i)
	}
}

// between returns the text of s after start up to end.
func between(t *testing.T, s, start, end string) string {
	t.Helper()
	i := strings.Index(s, start)
	require.GreaterOrEqual(t, i, 0, "%q not found", start)
	s = s[i+len(start):]
	j := strings.Index(s, end)
	require.GreaterOrEqual(t, j, 0, "%q not found after %q", end, start)
	return s[:j]
}
