package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/segment"
)

// envArgs carries the arguments of a CLI run in a child process: the test
// binary re-executed runs main with them (see TestMain).
const envArgs = "TECHMATCH_CLI_TEST_ARGS"

func TestMain(m *testing.M) {
	if a := os.Getenv(envArgs); a != "" {
		var args []string
		if err := json.Unmarshal([]byte(a), &args); err != nil {
			fmt.Fprintln(os.Stderr, "bad", envArgs, err)
			os.Exit(2)
		}
		os.Args = append([]string{"techmatch"}, args...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// result is what a CLI process left.
type result struct {
	stdout, stderr string
	code           int
}

// cli runs the CLI in a child process with extra environment env
// ("K=V"), so that exit codes, process-wide state (the jieba dictionary,
// locks) and crashes are real.
func cli(t *testing.T, env []string, args ...string) result {
	t.Helper()
	a, err := json.Marshal(args)
	require.NoError(t, err)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), envArgs+"="+string(a)), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return result{out.String(), errb.String(), code}
}

// write writes content to dir/name and returns the path.
func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
	return p
}

// jsonl encodes records one per line.
func jsonl[R any](t *testing.T, recs ...R) string {
	t.Helper()
	var b strings.Builder
	for _, r := range recs {
		line, err := json.Marshal(r)
		require.NoError(t, err)
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

var (
	smallAchs = []techmatch.Achievement{
		{ID: "A1", Title: "碳纤维增强复合材料汽车轻量化车身", Description: "热塑性碳纤维模压成型，减重40%。", Maturity: 7},
		{ID: "A2", Title: "铝合金铸件微孔浸渗密封工艺", Description: "真空浸渗，铸件气密性合格率提高到99%。", Maturity: 8},
		{ID: "A3", Title: "单克隆抗体连续流层析纯化", Description: "收率提高15%。", Maturity: 6},
	}
	smallNeeds = []techmatch.Need{
		{ID: "N1", Title: "车身轻量化", Description: "寻求碳纤维复合材料车身部件。"},
		{ID: "N2", Title: "铸件漏气", Description: "铝合金铸件气密性不合格。"},
	}
)

// pairIDs returns the achievement ids named in JSONL pairing output.
func pairIDs(t *testing.T, out string) map[string]bool {
	t.Helper()
	ids := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		var p techmatch.Pair
		require.NoError(t, json.Unmarshal([]byte(l), &p), l)
		ids[p.AchievementID] = true
	}
	return ids
}

// xlsx writes a workbook whose first sheet holds rows (the first is the
// header).
func xlsx(t *testing.T, dir, name string, rows [][]string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for r, row := range rows {
		for c, v := range row {
			cell, err := excelize.CoordinatesToCellName(c+1, r+1)
			require.NoError(t, err)
			require.NoError(t, f.SetCellStr("Sheet1", cell, v))
		}
	}
	p := filepath.Join(dir, name)
	require.NoError(t, f.SaveAs(p))
	return p
}

// inflating rewrites the workbook at src so that its first sheet's XML
// inflates to n bytes (a comment of repeated letters), keeping every other
// part: a zip bomb of the smallest kind.
func inflating(t *testing.T, src, dst string, n int) string {
	t.Helper()
	zr, err := zip.OpenReader(src)
	require.NoError(t, err)
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		require.NoError(t, err)
		r, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(r)
		require.NoError(t, err)
		if f.Name == "xl/worksheets/sheet1.xml" {
			i := bytes.Index(b, []byte("<sheetData"))
			require.Positive(t, i)
			_, err = w.Write(b[:i])
			require.NoError(t, err)
			_, err = io.WriteString(w, "<!--")
			require.NoError(t, err)
			chunk := bytes.Repeat([]byte("a"), 1<<20)
			for k := 0; k < n>>20; k++ {
				_, err = w.Write(chunk)
				require.NoError(t, err)
			}
			_, err = io.WriteString(w, "-->")
			require.NoError(t, err)
			b = b[i:]
		}
		_, err = w.Write(b)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	require.NoError(t, os.WriteFile(dst, buf.Bytes(), 0o600))
	return dst
}

// TestBadInputs runs the CLI, as a process, on the inputs a security
// review found it mishandled; each case names the review's row.
func TestBadInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the CLI as child processes (-short)")
	}
	dir := t.TempDir()
	achsFile := write(t, dir, "a.jsonl", jsonl(t, smallAchs...))
	needsFile := write(t, dir, "n.jsonl", jsonl(t, smallNeeds...))
	base := []string{"match", "--achievements", achsFile, "--needs", needsFile, "--no-explain"}
	with := func(args ...string) []string { return append(append([]string(nil), base...), args...) }

	t.Run("1 index reused with another catalog", func(t *testing.T) {
		ix := filepath.Join(t.TempDir(), "ix")
		r := cli(t, nil, with("--index", ix)...)
		require.Equal(t, 0, r.code, r.stderr)
		other := []techmatch.Achievement{
			{ID: "B1", Title: "碳纤维复合材料车身部件回收", Description: "热解回收碳纤维。"},
			{ID: "B2", Title: "铸件气密性浸渗材料", Description: "铸件漏气修补。"},
		}
		r = cli(t, nil, "match", "--achievements", write(t, dir, "b.jsonl", jsonl(t, other...)), "--needs", needsFile, "--index", ix, "--no-explain")
		require.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, map[string]bool{"B1": true, "B2": true}, pairIDs(t, r.stdout), "only the new catalog's achievements")
		assert.Contains(t, r.stderr, "2 added, 0 updated, 3 removed, 0 unchanged")
	})
	t.Run("2 XLSX that inflates far beyond its size", func(t *testing.T) {
		ok := xlsx(t, dir, "ok.xlsx", [][]string{{"编号", "成果名称"}, {"A1", "碳纤维复合材料"}})
		bomb := inflating(t, ok, filepath.Join(dir, "bomb.xlsx"), 64<<20)
		fi, err := os.Stat(bomb)
		require.NoError(t, err)
		require.Less(t, fi.Size(), int64(1<<20), "64 MiB inflated from under 1 MiB")
		r := cli(t, nil, "match", "--achievements", bomb, "--needs", needsFile)
		assert.Equal(t, 1, r.code)
		assert.Contains(t, r.stderr, "compression ratio")
		assert.Empty(t, r.stdout)
	})
	t.Run("3 XLSX cell over the field limit", func(t *testing.T) {
		big := strings.Repeat("碳纤维", 30000) // 270 KB
		p := xlsx(t, dir, "cell.xlsx", [][]string{{"编号", "成果名称", "成果简介"}, {"A1", "碳纤维复合材料", big}, {"A2", "铝合金铸件浸渗", "气密性"}})
		r := cli(t, nil, "match", "--achievements", p, "--needs", needsFile)
		assert.Equal(t, 1, r.code)
		assert.Contains(t, r.stderr, `field "description" (id A1)`)
		r = cli(t, nil, "match", "--achievements", p, "--needs", needsFile, "--lenient", "--no-explain")
		require.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, map[string]bool{"A2": true}, pairIDs(t, r.stdout), "the good record survives")
	})
	t.Run("4 CSV with a 20 MB field, JSONL with a 5 MB description", func(t *testing.T) {
		csv := "id,title,description\nA1,碳纤维复合材料," + strings.Repeat("x", 20<<20) + "\nA2,铝合金铸件浸渗,气密性\n"
		r := cli(t, nil, "match", "--achievements", write(t, dir, "big.csv", csv), "--needs", needsFile, "--lenient", "--no-explain")
		require.Equal(t, 0, r.code, r.stderr)
		assert.Contains(t, r.stderr, "2 records, 1 skipped")
		assert.Equal(t, map[string]bool{"A2": true}, pairIDs(t, r.stdout))
		big := smallAchs[0]
		big.Description = strings.Repeat("碳", 5<<20/3)
		r = cli(t, nil, "match", "--achievements", write(t, dir, "big.jsonl", jsonl(t, big, smallAchs[1])), "--needs", needsFile, "--lenient")
		require.Equal(t, 0, r.code, r.stderr)
		assert.Contains(t, r.stderr, "2 records, 1 skipped")
	})
	t.Run("5 garbage line in a jieba dictionary", func(t *testing.T) {
		seg, err := segment.Default()
		require.NoError(t, err)
		dict := t.TempDir()
		for _, f := range []string{"jieba.dict.utf8", "hmm_model.utf8", "user.dict.utf8", "idf.utf8", "stop_words.utf8"} {
			b, err := os.ReadFile(filepath.Join(seg.DictDir(), f))
			require.NoError(t, err)
			if f == "jieba.dict.utf8" {
				b = append(b, "垃圾行没有词频\n"...)
			}
			require.NoError(t, os.WriteFile(filepath.Join(dict, f), b, 0o600))
		}
		r := cli(t, []string{segment.EnvDictDir + "=" + dict}, base...)
		assert.Equal(t, 1, r.code, "an error, not SIGABRT: %s", r.stderr)
		assert.Contains(t, r.stderr, "jieba.dict.utf8:")
	})
	t.Run("7 CSV with an unterminated quote on row 4 of 7", func(t *testing.T) {
		csv := "id,title\nN1,车身轻量化\nN2,铸件漏气\n" + `N3,"碳纤维` + "\nN4,抗体纯化\nN5,铸件气密性\nN6,车身碳纤维\n"
		p := write(t, dir, "quote.csv", csv)
		r := cli(t, nil, "match", "--achievements", achsFile, "--needs", p)
		assert.Equal(t, 1, r.code)
		assert.Contains(t, r.stderr, "quote.csv:4")
		r = cli(t, nil, "match", "--achievements", achsFile, "--needs", p, "--lenient", "--no-explain", "--top", "1")
		require.Equal(t, 0, r.code, r.stderr)
		for _, id := range []string{"N4", "N5", "N6"} {
			assert.Contains(t, r.stdout, `"need_id":"`+id+`"`, "rows after the bad one are read")
		}
	})
	t.Run("8 formula ids in CSV output", func(t *testing.T) {
		ids := []string{`=HYPERLINK("http://x","y")`, `=cmd|' /C calc'!A0`, "+1+1", "@SUM(1)"}
		var recs []techmatch.Achievement
		for i, id := range ids {
			recs = append(recs, techmatch.Achievement{ID: id, Title: smallAchs[i%2].Title})
		}
		out := filepath.Join(t.TempDir(), "pairs.csv")
		r := cli(t, nil, "match", "--achievements", write(t, dir, "formula.jsonl", jsonl(t, recs...)), "--needs", needsFile, "--format", "csv", "--out", out, "--no-explain")
		require.Equal(t, 0, r.code, r.stderr)
		b, err := os.ReadFile(out)
		require.NoError(t, err)
		for _, line := range strings.Split(string(b), "\n")[1:] {
			for _, cell := range strings.Split(line, ",") {
				cell = strings.TrimPrefix(cell, `"`)
				assert.False(t, cell != "" && strings.ContainsAny(cell[:1], "=+@"), "cell %q of line %q would run as a formula", cell, line)
			}
		}
		assert.Contains(t, string(b), `'=HYPERLINK`)
		fi, err := os.Stat(out)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "output is private")
	})
	t.Run("9 nothing usable", func(t *testing.T) {
		for name, content := range map[string]string{
			"empty.jsonl":  "",
			"header.csv":   "id,title,description\n",
			"allbad.jsonl": `{"id":"A1","maturity":42,"title":"x"}` + "\n" + `{"title":"no id"}` + "\n",
		} {
			r := cli(t, nil, "match", "--achievements", write(t, dir, name, content), "--needs", needsFile, "--lenient")
			assert.Equal(t, 1, r.code, name)
			assert.Contains(t, r.stderr, "no usable record", name)
			assert.Empty(t, r.stdout, name)
		}
		r := cli(t, nil, with("--industries", "materail")...)
		assert.Equal(t, 1, r.code)
		assert.Contains(t, r.stderr, "--industries materail: no achievement has this industry")
	})
	t.Run("10 control characters in ids", func(t *testing.T) {
		for _, id := range []string{"A\x1b[31m", "A\nB"} {
			bad := smallAchs[0]
			bad.ID = id
			r := cli(t, nil, "match", "--achievements", write(t, dir, "ctl.jsonl", jsonl(t, bad, smallAchs[1])), "--needs", needsFile)
			assert.Equal(t, 1, r.code)
			assert.NotContains(t, r.stderr, "\x1b", "no raw ESC reaches the terminal")
			assert.Contains(t, r.stderr, strconv.Quote(id)[1:len(strconv.Quote(id))-1])
		}
	})
	t.Run("11 index in use by another process", func(t *testing.T) {
		seg, err := segment.Default()
		require.NoError(t, err)
		ixDir := filepath.Join(t.TempDir(), "ix")
		ix, err := index.New[techmatch.Achievement](t.Context(), index.Config{Segmenter: seg, Path: ixDir})
		require.NoError(t, err)
		defer ix.Close()
		r := cli(t, nil, with("--index", ixDir)...)
		assert.Equal(t, 1, r.code)
		assert.Contains(t, r.stderr, "in use by process "+strconv.Itoa(os.Getpid()))
		// Waiting only when asked: the run goes on once the holder closes.
		closed := make(chan error, 1)
		go func() {
			time.Sleep(time.Second)
			closed <- ix.Close()
		}()
		r = cli(t, nil, with("--index", ixDir, "--index-wait", "2m")...)
		require.NoError(t, <-closed)
		assert.Equal(t, 0, r.code, r.stderr)
		assert.NotEmpty(t, r.stdout)
	})
	t.Run("13 weights that overflow; duplicate keys", func(t *testing.T) {
		for name, content := range map[string]string{
			"huge.yaml": "weights:\n  text: 1e308\n",
			"dup.yaml":  "weights:\n  text: 0.5\n  text: 0.6\n",
			"dup.json":  `{"weights": {"text": 0.5, "text": 0.6}}`,
		} {
			r := cli(t, nil, with("--weights", write(t, dir, name, content))...)
			assert.Equal(t, 1, r.code, name)
			assert.Contains(t, r.stderr, name+":", name)
			assert.Contains(t, r.stderr, "weights.text", name)
		}
	})
	t.Run("14 flags out of range", func(t *testing.T) {
		for _, args := range [][]string{
			{"--top", "0"}, {"--top", "-1"}, {"--workers", "0"}, {"--workers", "-1"}, {"--workers", "10000"},
			{"--reciprocal", "-1"}, {"--reciprocal", "1.5"}, {"--max-field-bytes", "-1"},
		} {
			r := cli(t, nil, with(args...)...)
			assert.Equal(t, 1, r.code, "%v", args)
			assert.Contains(t, r.stderr, args[0], "%v", args)
			assert.Empty(t, r.stdout, "%v", args)
		}
	})
}

// TestInMemoryIndexIsCoreOnly: a run without --index builds only what it
// queries (row 16 of the review: bleve doubled time and memory).
func TestInMemoryIndexIsCoreOnly(t *testing.T) {
	seg, err := segment.Default()
	require.NoError(t, err)
	idx, err := openIndex(t.Context(), &loaded{seg: seg, stderr: io.Discard}, smallAchs)
	require.NoError(t, err)
	defer idx.Close()
	assert.Nil(t, idx.Bleve())
	assert.Equal(t, len(smallAchs), idx.Len())
}
