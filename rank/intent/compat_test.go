package intent

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

func TestDefaultCompatibility(t *testing.T) {
	c := DefaultCompatibility()
	for _, n := range NeedIntents() {
		for _, r := range Roles() {
			v := c.Get(n, r)
			assert.True(t, v >= -1 && v <= 1, "%s×%s = %v", n, r, v)
		}
		assert.Zero(t, c.Get(n, RoleUnknown))
	}
	for _, r := range Roles() {
		assert.Zero(t, c.Get(NeedUnknown, r))
	}
	assert.Zero(t, c.Get(NeedIntent(99), RoleProcess))
	// what an agent agrees with (the brief's examples)
	signs := []struct {
		n    NeedIntent
		r    Role
		want string // "+", "-", "--" (≤ -0.6), "++" (≥ 0.6)
	}{
		{NeedRemedy, RoleMonitoring, "--"},
		{NeedRemedy, RoleProcess, "+"},
		{NeedRemedy, RoleMaterial, "+"},
		{NeedRemedy, RoleDevice, "+"},
		{NeedDetect, RoleMonitoring, "++"},
		{NeedDetect, RoleProcess, "-"},
		{NeedTest, RoleService, "++"},
		{NeedBuy, RoleDevice, "+"},
		{NeedService, RoleSoftware, "++"},
	}
	for _, s := range signs {
		v := c.Get(s.n, s.r)
		switch s.want {
		case "+":
			assert.Greater(t, v, 0.0, "%s×%s", s.n, s.r)
		case "-":
			assert.True(t, v < 0 && v > -0.6, "%s×%s = %v: want mildly negative", s.n, s.r, v)
		case "--":
			assert.LessOrEqual(t, v, -0.6, "%s×%s", s.n, s.r)
		case "++":
			assert.GreaterOrEqual(t, v, 0.6, "%s×%s", s.n, s.r)
		}
	}
	// each need's best role is the one that answers it
	best := map[NeedIntent]Role{NeedRemedy: RoleProcess, NeedDetect: RoleMonitoring, NeedTest: RoleService, NeedBuy: RoleDevice, NeedService: RoleSoftware}
	for n, want := range best {
		got := RoleUnknown
		for _, r := range Roles() {
			if got == RoleUnknown || c.Get(n, r) > c.Get(n, got) {
				got = r
			}
		}
		assert.Equal(t, c.Get(n, want), c.Get(n, got), "best role of %s: got %s", n, got)
	}
}

func TestCompatibilitySet(t *testing.T) {
	c := DefaultCompatibility()
	require.NoError(t, c.Set(NeedRemedy, RoleMonitoring, -1))
	assert.Equal(t, -1.0, c.Get(NeedRemedy, RoleMonitoring))
	for _, v := range []float64{1.01, -1.5, math.NaN(), math.Inf(1)} {
		err := c.Set(NeedRemedy, RoleMonitoring, v)
		assert.ErrorIs(t, err, ErrCompatValue, "value %v", v)
	}
	assert.Equal(t, -1.0, c.Get(NeedRemedy, RoleMonitoring), "a refused Set leaves the table")
	assert.ErrorIs(t, c.Set(NeedUnknown, RoleProcess, 0.5), ErrUnknownKind)
	assert.ErrorIs(t, c.Set(NeedRemedy, RoleUnknown, 0.5), ErrUnknownKind)
	assert.ErrorIs(t, c.Set(NeedIntent(40), RoleProcess, 0.5), ErrUnknownKind)
}

func TestCompatibilityApply(t *testing.T) {
	c := DefaultCompatibility()
	require.NoError(t, c.Apply(map[string]map[string]float64{"Remedy": {"monitoring": -0.9}, "测试评价": {"服务": 1}}))
	assert.Equal(t, -0.9, c.Get(NeedRemedy, RoleMonitoring))
	assert.Equal(t, 1.0, c.Get(NeedTest, RoleService))
	assert.Equal(t, 0.6, c.Get(NeedRemedy, RoleProcess), "untouched entries keep their value")

	before := c
	err := c.Apply(map[string]map[string]float64{
		"remedy":  {"monitorin": 0.1, "process": 2},
		"fix":     {"process": 0.1},
		"unknown": {"process": 0.1},
		"detect":  {"unknown": 0.3, "device": 0.2},
	})
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrUnknownKind)
	assert.ErrorIs(t, err, ErrCompatValue)
	for _, want := range []string{"compatibility remedy.monitorin", "compatibility remedy.process", "compatibility fix", "compatibility unknown", "compatibility detect.unknown"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Equal(t, before, c, "a failed Apply changes nothing, not even its good entries")
}

func TestCompatibilityJSONYAML(t *testing.T) {
	c := DefaultCompatibility()
	b, err := json.Marshal(c)
	require.NoError(t, err)
	var back Compatibility
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, c, back)

	// a weights file overrides what it names, over the defaults
	type weights struct {
		Compatibility Compatibility `yaml:"compatibility" json:"compatibility"`
	}
	w := weights{Compatibility: DefaultCompatibility()}
	require.NoError(t, yaml.Unmarshal([]byte("compatibility:\n  remedy:\n    monitoring: -0.95\n"), &w))
	assert.Equal(t, -0.95, w.Compatibility.Get(NeedRemedy, RoleMonitoring))
	assert.Equal(t, 0.8, w.Compatibility.Get(NeedDetect, RoleMonitoring))

	w = weights{Compatibility: DefaultCompatibility()}
	require.NoError(t, json.Unmarshal([]byte(`{"compatibility":{"buy":{"device":0.9}}}`), &w))
	assert.Equal(t, 0.9, w.Compatibility.Get(NeedBuy, RoleDevice))

	err = yaml.Unmarshal([]byte("compatibility:\n  remedy:\n    monitoring: 3\n"), &w)
	assert.ErrorIs(t, err, ErrCompatValue)
	err = json.Unmarshal([]byte(`{"compatibility":{"remedy":{"monitoring":"x"}}}`), &w)
	assert.Error(t, err)

	out, err := yaml.Marshal(weights{Compatibility: DefaultCompatibility()})
	require.NoError(t, err)
	assert.Contains(t, string(out), "remedy:")
	assert.Contains(t, string(out), "monitoring: -0.8")
	var again weights
	require.NoError(t, yaml.Unmarshal(out, &again))
	assert.Equal(t, DefaultCompatibility(), again.Compatibility)
}

func TestScoreAndExplain(t *testing.T) {
	c := DefaultCompatibility()
	need := NeedResult{Kind: NeedRemedy, Confidence: 0.8, RunnerUp: NeedDetect, RunnerUpConfidence: 0.2,
		Cues: []Cue[NeedIntent]{{Kind: NeedRemedy, Word: "漏气", Weight: 1}, {Kind: NeedRemedy, Word: "漏气", Weight: 0.5}, {Kind: NeedDetect, Word: "检测", Weight: 0.4}, {Kind: NeedRemedy, Word: "降低", Weight: 0.3}, {Kind: NeedRemedy, Word: "废品率", Weight: 0.2}}}
	tester := RoleResult{Kind: RoleMonitoring, Confidence: 0.9, Cues: []Cue[Role]{{Kind: RoleMonitoring, Word: "检测装置", Weight: 1}}}
	got := c.Score(need, tester)
	want := 0.8*0.9*-0.8 + 0.2*0.9*0.8
	assert.InDelta(t, want, got, 1e-12)
	assert.Equal(t, "需求为解决问题（漏气、降低）；该成果为检测监测分析（检测装置）", Explain(need, tester))

	assert.Zero(t, c.Score(NeedResult{}, tester), "unknown need")
	assert.Zero(t, c.Score(need, RoleResult{}), "unknown role")
	assert.Empty(t, Explain(NeedResult{}, tester))
	assert.Equal(t, "需求为解决问题；该成果为检测监测分析", Explain(NeedResult{Kind: NeedRemedy, Confidence: 1}, RoleResult{Kind: RoleMonitoring, Confidence: 1}))

	// bounded whatever the table
	var extreme Compatibility
	for _, n := range NeedIntents() {
		for _, r := range Roles() {
			require.NoError(t, extreme.Set(n, r, 1))
		}
	}
	full := NeedResult{Kind: NeedRemedy, Confidence: 0.6, RunnerUp: NeedDetect, RunnerUpConfidence: 0.4}
	fullA := RoleResult{Kind: RoleProcess, Confidence: 0.7, RunnerUp: RoleDevice, RunnerUpConfidence: 0.3}
	assert.InDelta(t, 1.0, extreme.Score(full, fullA), 1e-12)
}
