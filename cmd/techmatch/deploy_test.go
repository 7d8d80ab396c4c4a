package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDeployedBinary builds the CLI as it is deployed (-trimpath, copied
// elsewhere) and runs `techmatch match` on a tiny catalog from an empty
// directory, with HOME, XDG_CACHE_HOME, GOPATH and GOMODCACHE pointing at
// empty directories and TECHMATCH_JIEBA_DICT unset: nothing of the Go
// toolchain or the module cache may be needed at run time. A second run
// without any user cache directory uses the private fallback under
// TMPDIR.
func TestDeployedBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI with -trimpath (-short)")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the CLI with")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "bin", "techmatch")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	start := time.Now()
	build := exec.Command(goTool, "build", "-trimpath", "-o", bin, ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build -trimpath: %s", out)
	t.Logf("go build -trimpath ./cmd/techmatch: %v", time.Since(start).Round(time.Millisecond))

	data := filepath.Join(tmp, "data")
	require.NoError(t, os.Mkdir(data, 0o700))
	achs := filepath.Join(data, "achievements.jsonl")
	needs := filepath.Join(data, "needs.jsonl")
	require.NoError(t, os.WriteFile(achs, []byte(strings.Join([]string{
		`{"id":"A1","title":"碳纤维复合材料车身轻量化技术","description":"面向新能源汽车车身的碳纤维增强复合材料模压成型工艺，减重30%。","industries":["auto","materials"]}`,
		`{"id":"A2","title":"Ti-6Al-4V钛合金骨科植入物3D打印","description":"基于激光选区熔化的钛合金多孔骨科植入物制备方法。","industries":["biomed"]}`,
		`{"id":"A3","title":"数控机床主轴热误差补偿","description":"数控机床主轴热变形在线测量与误差补偿系统。","industries":["equipment"]}`,
	}, "\n")+"\n"), 0o600))
	require.NoError(t, os.WriteFile(needs, []byte(strings.Join([]string{
		`{"id":"N1","title":"电动汽车电池包壳体轻量化","description":"我公司急需碳纤维复合材料电池包壳体的轻量化成型技术。"}`,
		`{"id":"N2","title":"机床加工精度受热变形影响","description":"数控机床长时间加工后主轴发热导致精度下降，寻求补偿方案。"}`,
	}, "\n")+"\n"), 0o600))

	empty := func(name string) string {
		d := filepath.Join(tmp, name)
		require.NoError(t, os.Mkdir(d, 0o700))
		return d
	}
	home, gopath, modcache, work := empty("home"), empty("gopath"), empty("gomodcache"), empty("work")
	xdg := empty("xdg")
	env := func(extra ...string) []string {
		var e []string
		for _, kv := range os.Environ() {
			switch strings.SplitN(kv, "=", 2)[0] {
			case "HOME", "XDG_CACHE_HOME", "GOPATH", "GOMODCACHE", "TECHMATCH_JIEBA_DICT", "TMPDIR":
				continue
			}
			e = append(e, kv)
		}
		return append(e, extra...)
	}
	runMatch := func(env []string) {
		t.Helper()
		cmd := exec.Command(bin, "match", "--achievements", achs, "--needs", needs, "--top", "2")
		cmd.Dir = work
		cmd.Env = env
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		require.NoError(t, cmd.Run(), "techmatch match: stderr:\n%s", stderr.String())
		lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
		require.Len(t, lines, 4, "2 needs × top 2: got\n%s", stdout.String())
		var first struct {
			NeedID        string `json:"need_id"`
			AchievementID string `json:"achievement_id"`
			Rank          int    `json:"rank"`
		}
		require.NoError(t, json.Unmarshal([]byte(lines[0]), &first))
		assert.Equal(t, "N1", first.NeedID)
		assert.Equal(t, "A1", first.AchievementID, "the lightweight-body achievement answers the battery-case need")
		assert.Equal(t, 1, first.Rank)
	}

	runMatch(env("HOME="+home, "XDG_CACHE_HOME="+xdg, "GOPATH="+gopath, "GOMODCACHE="+modcache, "TMPDIR="+tmp))
	cached, err := filepath.Glob(filepath.Join(xdg, "techmatch", "jieba-*", "jieba.dict.utf8"))
	require.NoError(t, err)
	assert.Len(t, cached, 1, "the dictionaries are written to the user cache directory")
	entries, err := os.ReadDir(work)
	require.NoError(t, err)
	assert.Empty(t, entries, "nothing is written to the working directory")

	if runtime.GOOS != "linux" {
		return
	}
	fallbackTmp := empty("tmp")
	runMatch(env("GOPATH="+gopath, "GOMODCACHE="+modcache, "TMPDIR="+fallbackTmp))
	cached, err = filepath.Glob(filepath.Join(fallbackTmp, "techmatch-"+strconv.Itoa(os.Getuid()), "jieba-*", "jieba.dict.utf8"))
	require.NoError(t, err)
	assert.Len(t, cached, 1, "without HOME the dictionaries go to the private fallback under TMPDIR")
}
