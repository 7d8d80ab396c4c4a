package techmatch

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/golden")

// golden compares got with testdata/golden/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "read golden file (run go test -update to create it)")
	assert.Equal(t, string(want), string(got), "%s: got\n%s\nwant\n%s", name, got, want)
}

func samplePairs() []Pair {
	return []Pair{
		{NeedID: "N001", AchievementID: "A101", Rank: 1, Score: 0.8123456789,
			Explain: &Explanation{
				Features: []Contribution{
					{Feature: "text", Value: 0.71234567, Weight: 0.6, Score: 0.6 * 0.71234567, Note: "BM25 <高强钢>"},
					{Feature: "maturity", Value: 1, Weight: 0.1, Score: 0.1, Note: "TRL 7 ≥ 5"},
				},
				MatchedTerms: []string{"高强钢", "热成形"},
				Expansions:   []Expansion{{From: "轻量化", To: "高强钢", Kind: "problem", Weight: 1.0 / 3}},
				Feasible:     true,
			}},
		{NeedID: "N001", AchievementID: "A102", Rank: 2, Score: 1e-9},
		{NeedID: "N002", AchievementID: "A&B", Rank: 1, Score: 0.5,
			Explain: &Explanation{Feasible: false, Reasons: []string{"budget 50 < price 80, \"hard\""}}},
	}
}

func TestWritePairsJSONLGolden(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WritePairsJSONL(&buf, samplePairs()))
	golden(t, "pairs.jsonl", buf.Bytes())

	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	require.Len(t, lines, 3, "got %d lines, want 3", len(lines))
	assert.True(t, strings.HasPrefix(lines[0], `{"need_id":"N001","achievement_id":"A101","rank":1,"score":0.812346,"explain":`), "got %s", lines[0])
	assert.Contains(t, lines[0], "<高强钢>", "HTML escaping must be off: got %s", lines[0])
	assert.Equal(t, `{"need_id":"N001","achievement_id":"A102","rank":2,"score":0}`, lines[1], "got %s", lines[1])
	var p Pair
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &p), "line 1 must be valid JSON")
	assert.Equal(t, 0.333333, p.Explain.Expansions[0].Weight, "expansion weight: got %v, want 0.333333", p.Explain.Expansions[0].Weight)
}

func TestWritePairsCSVGolden(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WritePairsCSV(&buf, samplePairs()))
	golden(t, "pairs.csv", buf.Bytes())

	require.True(t, bytes.HasPrefix(buf.Bytes(), []byte(bom)), "missing BOM")
	rows, err := csv.NewReader(bytes.NewReader(buf.Bytes()[len(bom):])).ReadAll()
	require.NoError(t, err, "output must parse as CSV")
	require.Len(t, rows, 4, "got %d rows, want header + 3", len(rows))
	assert.Equal(t, pairsCSVHeader, rows[0], "header: got %v", rows[0])
	assert.Equal(t, "0.812346", rows[1][3], "score: got %q", rows[1][3])
	assert.Equal(t, "", rows[2][4], "nil explain: got %q, want empty", rows[2][4])
	var e Explanation
	require.NoError(t, json.Unmarshal([]byte(rows[3][4]), &e), "explain cell must be JSON: %q", rows[3][4])
	assert.Equal(t, []string{`budget 50 < price 80, "hard"`}, e.Reasons, "reasons: got %v", e.Reasons)
}

func TestPairWriterStreamingMatchesBatch(t *testing.T) {
	for _, f := range []Format{FormatJSONL, FormatCSV} {
		var batch, stream bytes.Buffer
		require.NoError(t, writePairs(&batch, f, samplePairs()))
		pw, err := NewPairWriter(&stream, f)
		require.NoError(t, err)
		for _, p := range samplePairs() {
			require.NoError(t, pw.Write(p))
		}
		require.NoError(t, pw.Flush())
		assert.Equal(t, batch.String(), stream.String(), "%s: streaming output differs from batch", f)
	}
	// An empty CSV still has BOM and header.
	var buf bytes.Buffer
	require.NoError(t, WritePairsCSV(&buf, nil))
	assert.Equal(t, bom+"need_id,achievement_id,rank,score,explain\n", buf.String(), "got %q", buf.String())
	buf.Reset()
	require.NoError(t, WritePairsJSONL(&buf, nil))
	assert.Empty(t, buf.String(), "empty JSONL: got %q", buf.String())
}

func TestPairWriterDoesNotModifyInput(t *testing.T) {
	ps := samplePairs()
	before := ps[0].Explain.Features[0].Value
	require.NoError(t, WritePairsJSONL(&bytes.Buffer{}, ps))
	assert.Equal(t, before, ps[0].Explain.Features[0].Value, "input explanation was rounded in place")
}

type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, errors.New("pipe closed") }

func TestPairWriterErrors(t *testing.T) {
	_, err := NewPairWriter(&bytes.Buffer{}, FormatXLSX)
	assert.ErrorContains(t, err, `unsupported format "xlsx"`, "got %v", err)
	_, err = NewPairWriter(nil, FormatJSONL)
	assert.ErrorContains(t, err, "nil io.Writer", "got %v", err)

	for _, f := range []Format{FormatJSONL, FormatCSV} {
		err := writePairs(&bytes.Buffer{}, f, []Pair{{NeedID: "N", AchievementID: "A", Rank: 1, Score: math.NaN()}})
		assert.ErrorContains(t, err, "need N, achievement A, rank 1", "%s NaN: got %v", f, err)

		pw, err := NewPairWriter(errWriter{}, f)
		require.NoError(t, err)
		require.NoError(t, pw.Write(Pair{NeedID: "N", AchievementID: "A", Rank: 1}), "buffered write")
		err = pw.Flush()
		assert.ErrorContains(t, err, "pipe closed", "%s flush: got %v", f, err)
		assert.Equal(t, err, pw.Write(Pair{}), "%s: errors must be sticky", f)
	}
}

func TestWritePairsCSVInert(t *testing.T) {
	ids := []string{
		`=HYPERLINK("http://x","y")`, `=cmd|' /C calc'!A0`, "+1+1", "@SUM(1)", "-2+3",
		"\t=1+1", "\r=1+1", "＝1+1", "A001", "碳纤维",
	}
	var pairs []Pair
	for i, id := range ids {
		pairs = append(pairs, Pair{NeedID: id, AchievementID: id, Rank: i + 1, Score: -0.5,
			Explain: &Explanation{Feasible: true, MatchedTerms: []string{id}}})
	}
	var buf bytes.Buffer
	require.NoError(t, WritePairsCSV(&buf, pairs))
	rows, err := csv.NewReader(bytes.NewReader(buf.Bytes()[len(bom):])).ReadAll()
	require.NoError(t, err, "output must parse as CSV")
	require.Len(t, rows, len(ids)+1, "got %d rows", len(rows))
	for i, id := range ids {
		row := rows[i+1]
		want := id
		if strings.ContainsAny(id[:1], "=+-@\t\r") || strings.HasPrefix(id, "＝") {
			want = "'" + id
		}
		assert.Equal(t, want, row[0], "need_id %q: got %q, want %q", id, row[0], want)
		assert.Equal(t, want, row[1], "achievement_id %q: got %q, want %q", id, row[1], want)
		// Numbers the program computed stay numbers, even negative ones.
		assert.Equal(t, strconv.Itoa(i+1), row[2], "rank: got %q", row[2])
		assert.Equal(t, "-0.5", row[3], "score: got %q", row[3])
		assert.True(t, strings.HasPrefix(row[4], "{"), "explain: got %q", row[4])
	}
	// JSON Lines is data, not a spreadsheet: ids are written as they are.
	buf.Reset()
	require.NoError(t, WritePairsJSONL(&buf, pairs[:1]))
	assert.Contains(t, buf.String(), `"need_id":"=HYPERLINK(\"http://x\",\"y\")"`, "got %s", buf.String())
}
