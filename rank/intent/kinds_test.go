package intent

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNeedIntentNames(t *testing.T) {
	tests := []struct {
		k            NeedIntent
		name, label  string
		parseAliases []string
	}{
		{NeedUnknown, "unknown", "未知", nil},
		{NeedRemedy, "remedy", "解决问题", []string{"Remedy", " remedy ", "解决问题"}},
		{NeedDetect, "detect", "检测监测", []string{"DETECT", "检测监测"}},
		{NeedTest, "test", "测试评价", []string{"test", "测试评价"}},
		{NeedBuy, "buy", "采购", []string{"buy", "采购"}},
		{NeedService, "service", "软件服务", []string{"service", "软件服务"}},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.name, tc.k.String())
		assert.Equal(t, tc.label, tc.k.Label())
		for _, s := range append(tc.parseAliases, tc.name) {
			got, err := ParseNeedIntent(s)
			require.NoError(t, err, "ParseNeedIntent(%q)", s)
			assert.Equal(t, tc.k, got, "ParseNeedIntent(%q)", s)
		}
		b, err := tc.k.MarshalText()
		require.NoError(t, err)
		var back NeedIntent
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, tc.k, back)
	}
	assert.Equal(t, "NeedIntent(9)", NeedIntent(9).String())
	assert.Equal(t, "未知", NeedIntent(9).Label())
	_, err := NeedIntent(9).MarshalText()
	assert.ErrorIs(t, err, ErrUnknownKind)
	_, err = ParseNeedIntent("monitoring")
	assert.ErrorIs(t, err, ErrUnknownKind)
	assert.Contains(t, err.Error(), "remedy, detect, test, buy, service")
	var k NeedIntent
	assert.ErrorIs(t, k.UnmarshalText([]byte("fix")), ErrUnknownKind)
	assert.Len(t, NeedIntents(), numNeeds-1)
}

func TestRoleNames(t *testing.T) {
	tests := []struct {
		k           Role
		name, label string
	}{
		{RoleUnknown, "unknown", "未知"},
		{RoleProcess, "process", "工艺技术"},
		{RoleMaterial, "material", "材料"},
		{RoleDevice, "device", "装置设备"},
		{RoleMonitoring, "monitoring", "检测监测分析"},
		{RoleSoftware, "software", "软件平台"},
		{RoleService, "service", "服务"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.name, tc.k.String())
		assert.Equal(t, tc.label, tc.k.Label())
		for _, s := range []string{tc.name, tc.label} {
			got, err := ParseRole(s)
			require.NoError(t, err, "ParseRole(%q)", s)
			assert.Equal(t, tc.k, got)
		}
	}
	assert.Equal(t, "Role(200)", Role(200).String())
	_, err := Role(200).MarshalText()
	assert.ErrorIs(t, err, ErrUnknownKind)
	_, err = ParseRole("remedy")
	assert.ErrorIs(t, err, ErrUnknownKind)
	assert.Len(t, Roles(), numRoles-1)
}

func TestFieldNames(t *testing.T) {
	for _, f := range []Field{FieldTitle, FieldKeywords, FieldDescription} {
		b, err := f.MarshalText()
		require.NoError(t, err)
		var back Field
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, f, back)
		assert.NotEmpty(t, f.Label())
	}
	assert.Equal(t, "Field(7)", Field(7).String())
	var f Field
	assert.ErrorIs(t, f.UnmarshalText([]byte("body")), ErrUnknownKind)
	_, err := Field(7).MarshalText()
	assert.ErrorIs(t, err, ErrUnknownKind)
}

// TestResultJSON checks that a result encodes with kind names and decodes
// back to the same value.
func TestResultJSON(t *testing.T) {
	c := mustDefault(t)
	r := c.Need(Text{Title: "高压开关柜局部放电在线监测", Keywords: []string{"局部放电"}})
	require.Equal(t, NeedDetect, r.Kind)
	b, err := json.Marshal(r)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"kind":"detect"`)
	assert.Contains(t, string(b), `"field":"title"`)
	var back NeedResult
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, r, back)
}
