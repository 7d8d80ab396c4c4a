package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Secrets of the confidential need of TestAudienceOutputs.
const (
	secretOrg    = "龙江精工集团有限公司"
	secretPhone  = "13912345678"
	secretBudget = "4321.5"
	secretText   = "专有工艺XQ77"
)

// writeNeeds writes a needs catalog with one confidential need (是否公开 =
// 否) and one public need.
func writeNeeds(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "needs.jsonl")
	lines := []string{
		`{"id":"S1","title":"冲压模具型面磨损拉伤的修复","description":"冲压模具型面磨损、拉伤，需要激光熔覆或堆焊修复，` + secretText + `配套。","industries":["auto"],"org":"` + secretOrg + `","org_type":"leading","region":"黑龙江省哈尔滨市","budget":` + secretBudget + `,"是否公开":"否","联系人":"王经理","联系电话":"` + secretPhone + `"}`,
		`{"id":"P1","title":"注塑模具表面强化","description":"注塑模具型腔表面磨损，需要表面强化处理。","org":"公开模具有限公司","budget":80,"联系电话":"13800001111"}`,
	}
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600))
	return path
}

// readAll returns a file's bytes, an XLSX workbook's parts unpacked.
func readAll(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	if !strings.HasSuffix(path, ".xlsx") {
		return string(b)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	var all strings.Builder
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		part, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		all.Write(part)
	}
	return all.String()
}

func TestAudienceOutputs(t *testing.T) {
	dir := t.TempDir()
	nf := writeNeeds(t, dir)
	secrets := []string{secretOrg, secretPhone, secretBudget, secretText, "王经理"}
	for _, aud := range []string{"internal", "supplier"} {
		for _, format := range []string{"jsonl", "csv", "xlsx", "html"} {
			t.Run(aud+"/"+format, func(t *testing.T) {
				out := filepath.Join(dir, aud+"."+format)
				_, stderr, err := run(t, "match", "--achievements", achs, "--needs", nf, "--top", "5", "--format", format, "--out", out, "--audience", aud)
				require.NoError(t, err, "stderr: %s", stderr)
				fi, err := os.Stat(out)
				require.NoError(t, err)
				assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "the output is private")
				got := readAll(t, out)
				require.Contains(t, got, "公开模具有限公司"[:0]+"P1", "the public need is there")
				for _, s := range secrets {
					if format != "html" && s == secretText || (format == "jsonl" || format == "csv") && s != secretBudget {
						continue // pairing output has no records' text; xlsx no descriptions
					}
					if has := strings.Contains(got, s); has != (aud == "internal") {
						t.Errorf("%s for %s: contains %q: got %v, want %v", format, aud, s, has, aud == "internal")
					}
				}
				if aud == "supplier" {
					assert.Contains(t, stderr, "fields of 1 confidential needs")
					if format == "html" || format == "xlsx" {
						assert.Contains(t, got, "某企业（保密）")
						assert.Contains(t, got, "13800001111", "a public need's contacts stay")
					}
				}
			})
		}
	}
	// --assign writes through the same view.
	for _, aud := range []string{"internal", "supplier"} {
		out, stderr, err := run(t, "match", "--achievements", achs, "--needs", nf, "--top", "5", "--assign", "--per-achievement", "1", "--audience", aud)
		require.NoError(t, err, "stderr: %s", stderr)
		if has := strings.Contains(out, secretBudget); has != (aud == "internal") {
			t.Errorf("--assign for %s: contains %q: got %v, want %v", aud, secretBudget, has, aud == "internal")
		}
	}
	_, _, err := run(t, "match", "--achievements", achs, "--needs", nf, "--audience", "public")
	assert.ErrorContains(t, err, "--audience")
}

// pairsOf parses JSONL pairing output into need → achievement ids in
// rank order, and the reasons of each pair.
func pairsOf(t *testing.T, out string) (map[string][]string, map[[2]string][]string) {
	t.Helper()
	ids := map[string][]string{}
	reasons := map[[2]string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var p struct {
			NeedID        string `json:"need_id"`
			AchievementID string `json:"achievement_id"`
			Rank          int    `json:"rank"`
			Explain       struct {
				Reasons []string `json:"reasons"`
			} `json:"explain"`
		}
		require.NoError(t, json.Unmarshal([]byte(line), &p))
		require.Equal(t, len(ids[p.NeedID])+1, p.Rank, "ranks 1.. within the need: %s", line)
		ids[p.NeedID] = append(ids[p.NeedID], p.AchievementID)
		reasons[[2]string{p.NeedID, p.AchievementID}] = p.Explain.Reasons
	}
	return ids, reasons
}

func TestMatchFeedback(t *testing.T) {
	dir := t.TempDir()
	base, _, err := run(t, "match", "--achievements", achs, "--needs", needs, "--top", "3")
	require.NoError(t, err)
	before, _ := pairsOf(t, base)
	first, second := before["N0001"][0], before["N0002"][0]
	fb := filepath.Join(dir, "对接结果.csv")
	require.NoError(t, os.WriteFile(fb, []byte("需求编号,成果编号,对接结果,原因,日期\nN0001,"+first+",不合适,技术不符,2026-10-12\nN0002,"+second+",有意向,,\nN9999,A0001,不合适,,\n"), 0o600))

	out, stderr, err := run(t, "match", "--achievements", achs, "--needs", needs, "--top", "3", "--feedback", fb)
	require.NoError(t, err, "stderr: %s", stderr)
	got, _ := pairsOf(t, out)
	want := append(append([]string(nil), before["N0001"][1:]...), "")
	assert.Equal(t, want[:2], got["N0001"][:2], "the rejected pair is left out and the others move up")
	assert.Len(t, got["N0001"], 3, "the list is filled from the next achievement")
	assert.NotContains(t, got["N0001"], first)
	assert.Equal(t, before["N0002"], got["N0002"], "有意向 changes nothing")
	assert.Contains(t, stderr, "N9999")
	assert.Contains(t, stderr, "1 pairs marked 不合适 earlier left out")

	out, _, err = run(t, "match", "--achievements", achs, "--needs", needs, "--top", "3", "--feedback", fb, "--hide-rejected=false")
	require.NoError(t, err)
	got, reasons := pairsOf(t, out)
	assert.Equal(t, before, got, "shown, in place")
	assert.Contains(t, reasons[[2]string{"N0001", first}], "曾被标记不合适（技术不符，2026-10-12）")

	html := filepath.Join(dir, "r.html")
	_, _, err = run(t, "match", "--achievements", achs, "--needs", needs, "--top", "3", "--feedback", fb, "--hide-rejected=false", "--format", "html", "--out", html)
	require.NoError(t, err)
	assert.Contains(t, readAll(t, html), "曾被标记不合适（技术不符，2026-10-12）", "the report marks it too")

	bad := filepath.Join(dir, "bad.csv")
	require.NoError(t, os.WriteFile(bad, []byte("need_id,achievement_id,outcome\nN0001,A0001,成功了\n"), 0o600))
	_, stderr, err = run(t, "match", "--achievements", achs, "--needs", needs, "--feedback", bad)
	assert.ErrorContains(t, err, "--feedback")
	assert.Contains(t, stderr, "bad.csv:2")
	_, _, err = run(t, "match", "--achievements", achs, "--needs", needs, "--hide-rejected")
	assert.ErrorContains(t, err, "--feedback")
}

func TestMatchFeedbackReverse(t *testing.T) {
	dir := t.TempDir()
	args := []string{"match", "--achievements", achs, "--needs", needs, "--top", "2", "--direction", "achievement", "--no-explain"}
	base, _, err := run(t, args...)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(base), "\n")
	var first struct {
		NeedID        string `json:"need_id"`
		AchievementID string `json:"achievement_id"`
	}
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &first))
	fb := filepath.Join(dir, "fb.jsonl")
	require.NoError(t, os.WriteFile(fb, []byte(`{"need_id":"`+first.NeedID+`","achievement_id":"`+first.AchievementID+`","outcome":"不合适"}`+"\n"), 0o600))
	out, _, err := run(t, append(args, "--feedback", fb)...)
	require.NoError(t, err)
	got := strings.Split(strings.TrimSpace(out), "\n")
	assert.Len(t, got, len(lines), "every achievement still gets 2 needs")
	assert.NotContains(t, out, `{"need_id":"`+first.NeedID+`","achievement_id":"`+first.AchievementID+`"`)
	assert.Equal(t, strings.Replace(lines[1], `"rank":2`, `"rank":1`, 1), got[0], "the second need moves up to rank 1")
	assert.Equal(t, lines[2:], got[2:], "the other achievements are unchanged")
}
