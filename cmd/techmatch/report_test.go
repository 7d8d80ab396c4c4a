package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"

	mreport "github.com/techmatch/techmatch/match/report"
)

// The bundled Excel catalogs: Chinese headers and extra columns.
const (
	achsXLSX  = "../../testdata/catalog/achievements_zh.xlsx"
	needsXLSX = "../../testdata/catalog/needs_zh.xlsx"
)

func TestMatchXLSXReport(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "对接推荐2026Q4.xlsx")
	_, stderr, err := run(t, "match", "--achievements", achsXLSX, "--needs", needsXLSX, "--top", "5", "--format", "xlsx", "--out", path)
	require.NoError(t, err, "stderr: %s", stderr)
	assert.Contains(t, stderr, "800 pairs written")
	fi, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "the report is private")

	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{mreport.SummarySheet, mreport.DetailSheet}, f.GetSheetList())
	sum, err := f.GetRows(mreport.SummarySheet)
	require.NoError(t, err)
	assert.Len(t, sum, 161, "a row per need")
	det, err := f.GetRows(mreport.DetailSheet)
	require.NoError(t, err)
	require.Len(t, det, 801, "a row per pair")
	want := append(append([]string(nil), mreport.DetailHeaders...), "需求·联系人", "需求·联系电话", "备注", "成果·联系人", "成果·联系电话", "专利号")
	assert.Equal(t, want, det[0])
	assert.Equal(t, "N0001", det[1][0])
	assert.Equal(t, "1", det[1][4])
	assert.NotEmpty(t, det[1][14], "reasons")
	assert.Regexp(t, `^\d{4}-\d{7,8}$`, det[1][16], "need's 联系电话 carried")
	assert.Regexp(t, `^ZL20`, det[1][20], "achievement's 专利号 carried")

	// Under twice the pairing CSV of the same run.
	csvPath := filepath.Join(dir, "pairs.csv")
	_, _, err = run(t, "match", "--achievements", achsXLSX, "--needs", needsXLSX, "--top", "5", "--format", "csv", "--out", csvPath)
	require.NoError(t, err)
	cfi, err := os.Stat(csvPath)
	require.NoError(t, err)
	t.Logf("xlsx %d bytes, csv %d bytes", fi.Size(), cfi.Size())
	assert.Less(t, fi.Size(), 2*cfi.Size())
}

func TestMatchHTMLReport(t *testing.T) {
	out, stderr, err := run(t, "match", "--achievements", achsXLSX, "--needs", needsXLSX, "--top", "3", "--format", "html", "--page-break", "--progress", "log")
	require.NoError(t, err, "stderr: %s", stderr)
	doc, err := html.Parse(strings.NewReader(out))
	require.NoError(t, err)
	sections, cards := 0, 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key == "class" && n.Data == "section" && a.Val == "need" {
					sections++
				}
				if a.Key == "class" && n.Data == "article" && strings.HasPrefix(a.Val, "card") {
					cards++
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	assert.Equal(t, 160, sections, "a section per need")
	assert.Equal(t, 480, cards, "a card per pair")
	assert.Contains(t, out, `<body class="pagebreak">`)
	assert.Contains(t, out, "共同技术要点", "reasons from rank.Reasons")
	assert.Contains(t, out, "<mark>冲压模具</mark>", "matched terms highlighted")
	assert.NotContains(t, out, "<mark>技术</mark>", "generic terms are not highlighted")
	assert.Equal(t, 10, strings.Count(stderr, "matching: "), "--progress log: a line per 10%%: %s", stderr)
	assert.Contains(t, stderr, "matching: 100% (160/160)")
	assert.Contains(t, stderr, "indexing: 100% (440/440)")
}

func TestMatchReportFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--format", "xlsx"}, "--format xlsx needs --out FILE.xlsx"},
		{[]string{"--format", "html", "--direction", "achievement"}, "--format html works with --direction need only"},
		{[]string{"--format", "pdf"}, `--format "pdf": want jsonl, csv, xlsx or html`},
		{[]string{"--progress", "sometimes"}, "--progress sometimes: want auto, always, never or log"},
	} {
		_, _, err := run(t, append([]string{"match", "--achievements", achs, "--needs", needs}, tc.args...)...)
		assert.ErrorContains(t, err, tc.want, "args %v: got %v", tc.args, err)
	}
}

func TestLogProgress(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(progressLog, &buf, 7, "indexing")
	for range 7 {
		p.Add(1)
	}
	p.Finish()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	require.Len(t, lines, 10, "got %q", buf.String())
	assert.True(t, strings.HasPrefix(lines[0], "indexing: 10% (1/7), ETA "), "got %q", lines[0])
	assert.Equal(t, "indexing: 100% (7/7)", lines[9])
	buf.Reset()
	newProgress(progressNever, &buf, 7, "x").Add(7)
	assert.Empty(t, buf.String())
}

// TestLoadProgress: with --progress log every catalog file's reading is
// shown by bytes read, up to 100%, and the records read are the same as
// without it.
func TestLoadProgress(t *testing.T) {
	args := []string{"match", "--achievements", "../../testdata/achievements.jsonl", "--needs", "../../testdata/needs.jsonl", "--top", "2", "--no-explain"}
	plain, _, err := run(t, args...)
	require.NoError(t, err)
	shown, stderr, err := run(t, append(args, "--progress", "log")...)
	require.NoError(t, err)
	assert.Equal(t, plain, shown, "the progress display changes no output")
	for _, f := range []string{"achievements.jsonl", "needs.jsonl"} {
		assert.Contains(t, stderr, "reading "+f+": 10% (", "stderr %q", stderr)
		assert.Regexp(t, "reading "+regexp.QuoteMeta(f)+`: 100% \(\d+/\d+\)`, stderr)
	}
	assert.Contains(t, stderr, "matching: 100%", "stderr %q", stderr)
}
