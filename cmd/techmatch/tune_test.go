package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch/internal/eval"
	"github.com/techmatch/techmatch/rank"
)

const qrelsFile = "../../testdata/qrels.tsv"

// firstNDCG returns the nDCG column of the first table line starting with
// label.
func firstNDCG(t *testing.T, out, label string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^` + label + `\s+(?:\d+\s+)?([0-9.]+)`).FindStringSubmatch(out)
	require.NotNil(t, m, "no %q line in:\n%s", label, out)
	return m[1]
}

func TestTuneEndToEnd(t *testing.T) {
	dir := t.TempDir()
	yamlOut := filepath.Join(dir, "weights.yaml")
	// A pool larger than the catalog (440) holds every candidate, so the
	// rescored figures must equal the engine's.
	out, _, err := run(t, "tune", "--achievements", achs, "--needs", needs, "--qrels", qrelsFile,
		"--out", yamlOut, "--folds", "4", "--seed", "7", "--pool", "1000")
	require.NoError(t, err)
	for _, want := range []string{"HELD-OUT", "4-fold", "training", "per fold", "gain", "demand_priority", "not learned"} {
		assert.Contains(t, out, want, "output lacks %q:\n%s", want, out)
	}
	assert.Len(t, regexp.MustCompile(`(?m)^[1-4]\s+40\s`).FindAllString(out, -1), 4, "4 folds of 40 needs:\n%s", out)
	assert.Equal(t, firstNDCG(t, out, "engine start"), firstNDCG(t, out, "start"), "rescoring = engine, start weights")
	assert.Equal(t, firstNDCG(t, out, "engine fitted"), firstNDCG(t, out, "fitted"), "rescoring = engine, fitted weights")

	cfg, err := rank.Load(yamlOut)
	require.NoError(t, err, "rank.Load accepts the written file")
	assert.InDelta(t, 1.0, cfg.Weights.Sum(), 1e-9, "fitted weights sum to 1")
	def := rank.DefaultConfig()
	assert.InDelta(t, def.Weights.DemandPriority/def.Weights.Sum(), cfg.Weights.DemandPriority, 1e-12, "demand_priority keeps its start share")
	assert.Positive(t, cfg.Weights.Text)
	assert.Equal(t, def.Region, cfg.Region, "settings other than the weights come from the defaults")

	// The engine figures are what eval measures: with the start weights,
	// and with the written file.
	ev, _, err := run(t, "eval", "--achievements", achs, "--needs", needs, "--qrels", qrelsFile, "--no-baseline")
	require.NoError(t, err)
	assert.Equal(t, firstNDCG(t, ev, "techmatch"), firstNDCG(t, out, "engine start"), "start nDCG: eval vs tune")
	ev, _, err = run(t, "eval", "--achievements", achs, "--needs", needs, "--qrels", qrelsFile, "--no-baseline", "--weights", yamlOut)
	require.NoError(t, err)
	m := regexp.MustCompile(`training nDCG@10 ([0-9.]+), engine ([0-9.]+)`).FindStringSubmatch(out)
	require.NotNil(t, m, out)
	assert.Equal(t, firstNDCG(t, ev, "techmatch"), m[2], "fitted nDCG on all needs: eval with the written file vs tune's engine figure")
	assert.Equal(t, m[2], m[1], "fitted nDCG on all needs: rescoring vs engine")

	// A fit is a fixed point: starting from the written weights without
	// restarts, tune finds no better move and writes them again, as JSON.
	jsonOut := filepath.Join(dir, "weights.json")
	_, _, err = run(t, "tune", "--achievements", achs, "--needs", needs, "--qrels", qrelsFile,
		"--out", jsonOut, "--folds", "4", "--seed", "7", "--weights", yamlOut, "--restarts", "-1")
	require.NoError(t, err)
	cfg2, err := rank.Load(jsonOut)
	require.NoError(t, err)
	got, want := cfg2.Weights.Vector(), cfg.Weights.Vector()
	assert.InDeltaSlice(t, want[:], got[:], 1e-9, "got %v, want %v", got, want)
}

func TestTuneDeterministic(t *testing.T) {
	dir := t.TempDir()
	var outs [2]string
	for i := range outs {
		path := filepath.Join(dir, "w.yaml")
		out, _, err := run(t, "tune", "--achievements", achs, "--needs", needs, "--qrels", qrelsFile,
			"--out", path, "--folds", "3", "--seed", "3", "--restarts", "1")
		require.NoError(t, err)
		// Drop the timings of the first line.
		outs[i] = out[strings.Index(out, "\n"):]
	}
	assert.Equal(t, outs[0], outs[1], "same seed, same report")
}

func TestTuneErrors(t *testing.T) {
	base := []string{"tune", "--achievements", achs, "--needs", needs, "--qrels", qrelsFile}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no out", base, `"out" not set`},
		{"bad extension", append(base, "--out", "w.txt"), `--out "w.txt": want a .yaml`},
		{"bad pool", append(base, "--out", "w.yaml", "--pool", "0"), "--pool 0"},
		{"one fold", append(base, "--out", "w.yaml", "--folds", "1"), "folds 1"},
		{"missing qrels", []string{"tune", "--achievements", achs, "--needs", needs, "--qrels", "nope.tsv", "--out", "w.yaml"}, "nope.tsv"},
		{"bad weights file", append(base, "--out", "w.yaml", "--weights", "nope.yaml"), "nope.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := run(t, tt.args...)
			require.Error(t, err)
			assert.ErrorContains(t, err, tt.want, "got %v", err)
		})
	}
}

func TestTuneFeedback(t *testing.T) {
	dir := t.TempDir()
	// The testdata judgments as a feedback file: the same grades, so tune
	// must print the same figures as with --qrels.
	q, err := eval.LoadQrels(qrelsFile)
	require.NoError(t, err)
	names := map[int]string{2: "已对接", 1: "有意向", 0: "不合适"}
	var b strings.Builder
	b.WriteString("需求编号,成果编号,对接结果,原因,日期\n")
	for need, js := range q {
		for ach, g := range js {
			fmt.Fprintf(&b, "%s,%s,%s,,2026-10-01\n", need, ach, names[min(g, 2)])
		}
	}
	fb := filepath.Join(dir, "对接结果.csv")
	require.NoError(t, os.WriteFile(fb, []byte(b.String()), 0o600))
	args := []string{"tune", "--achievements", achs, "--needs", needs, "--folds", "3", "--restarts", "-1", "--passes", "2", "--pool", "50"}
	fromQrels, _, err := run(t, append(args, "--qrels", qrelsFile, "--out", filepath.Join(dir, "q.yaml"))...)
	require.NoError(t, err)
	fromFeedback, stderr, err := run(t, append(args, "--feedback", fb, "--out", filepath.Join(dir, "f.yaml"))...)
	require.NoError(t, err, "stderr: %s", stderr)
	strip := func(s string) string { // timings and the output file's name differ
		s = regexp.MustCompile(`[0-9.]+(ms|s|µs)\b`).ReplaceAllString(s, "T")
		return strings.ReplaceAll(strings.ReplaceAll(s, "q.yaml", "W"), "f.yaml", "W")
	}
	assert.Equal(t, strip(fromQrels), strip(fromFeedback), "same judgments, same figures")
	assert.Contains(t, fromFeedback, "HELD-OUT")

	// Too few judged needs: refused before fitting, nothing written.
	few := filepath.Join(dir, "few.csv")
	require.NoError(t, os.WriteFile(few, []byte("need_id,achievement_id,outcome\nN0001,A0052,已对接\nN0002,A0091,有意向\nN0003,A0001,不合适\n"), 0o600))
	w := filepath.Join(dir, "few.yaml")
	_, _, err = run(t, append(args, "--feedback", few, "--out", w)...)
	assert.ErrorContains(t, err, "2 needs of the catalog have a 已对接 or 有意向 outcome; fitting weights needs at least 20")
	assert.NoFileExists(t, w)

	_, _, err = run(t, append(args, "--out", w)...)
	assert.ErrorContains(t, err, "--qrels FILE or --feedback FILE")
	_, _, err = run(t, append(args, "--qrels", qrelsFile, "--feedback", few, "--out", w)...)
	assert.ErrorContains(t, err, "one of them")
}
