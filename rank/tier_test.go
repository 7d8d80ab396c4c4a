package rank

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/techmatch/techmatch"
)

func TestClassifyOwner(t *testing.T) {
	tests := []struct {
		owner string
		typ   techmatch.OwnerType
		want  Tier
	}{
		{"哈尔滨工业大学", "", TierDoubleFirstClass},
		{"哈尔滨工业大学（威海）", "", TierDoubleFirstClass},
		{"哈尔滨工业大学 机电工程学院", "", TierDoubleFirstClass},
		{"哈工大", "", TierDoubleFirstClass},
		{"吉林大学", techmatch.University, TierDoubleFirstClass},
		{"东北林业大学", "", TierDoubleFirstClass},
		{"中国石油大学(华东)", "", TierDoubleFirstClass},
		{"中国科学院大学", "", TierDoubleFirstClass},
		{"北京协和医学院", "", TierDoubleFirstClass},
		{"哈尔滨理工大学", "", TierUniversity},
		{"黑龙江大学", "", TierUniversity},
		{"长春理工大学", techmatch.University, TierUniversity},
		{"黑龙江工程学院", "", TierUniversity},
		{"中国科学院长春应用化学研究所", "", TierNationalInstitute},
		{"中科院长春光机所", "", TierNationalInstitute},
		{"中国科学院", "", TierNationalInstitute},
		{"中国工程物理研究院", "", TierNationalInstitute},
		{"中国农业科学院哈尔滨兽医研究所", "", TierNationalInstitute},
		{"国家新能源汽车技术创新中心", "", TierNationalInstitute},
		{"中国航天科工集团第三研究院", "", TierNationalInstitute},
		{"农业农村部规划设计研究院", "", TierNationalInstitute},
		{"黑龙江省科学院石油化学研究院", "", TierProvincialInstitute},
		{"黑龙江省农业科学院", "", TierProvincialInstitute},
		{"吉林省农业科学院", techmatch.Institute, TierProvincialInstitute},
		{"哈尔滨市农业科学院", "", TierInstitute},
		{"哈尔滨电气集团中央研究院", "", TierEnterprise},
		{"中国第一汽车集团有限公司", "", TierEnterprise},
		{"北大荒农垦集团有限公司", "", TierEnterprise},
		{"长春某某科技有限公司", techmatch.Enterprise, TierEnterprise},
		{"某某", techmatch.University, TierUniversity},
		{"某某", techmatch.Institute, TierInstitute},
		{"", techmatch.Enterprise, TierEnterprise},
		{"", "", TierUnknown},
		{"张三", "", TierUnknown},
		{"北大", "", TierDoubleFirstClass},
		{"北大荒", "", TierUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.owner+"/"+string(tt.typ), func(t *testing.T) {
			got := ClassifyOwner(tt.owner, tt.typ)
			assert.Equal(t, tt.want, got, "ClassifyOwner(%q, %q): got %s, want %s", tt.owner, tt.typ, got, tt.want)
		})
	}
}

func TestDoubleFirstClassList(t *testing.T) {
	n := 0
	for l := range strings.Lines(doubleFirstClassData) {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			n++
		}
	}
	// 144 universities (three with two campuses listed once) plus three
	// former names.
	assert.Equal(t, 147, n, "data lines: got %d, want 147", n)
	assert.Len(t, doubleFirstClass.full, n, "distinct full names: got %d, want %d", len(doubleFirstClass.full), n)
	got, ok := DoubleFirstClass("哈工程")
	assert.True(t, ok, "DoubleFirstClass(哈工程) ok")
	assert.Equal(t, "哈尔滨工程大学", got, "DoubleFirstClass(哈工程): got %q", got)
	for short, full := range doubleFirstClass.short {
		_, isFull := doubleFirstClass.full[full]
		assert.True(t, isFull, "short name %s → %s is not a listed full name", short, full)
	}
}

func TestTierString(t *testing.T) {
	tests := []struct {
		in   Tier
		want string
	}{
		{TierUnknown, "unknown"}, {TierDoubleFirstClass, "double_first_class"},
		{TierNationalInstitute, "national_institute"}, {TierProvincialInstitute, "provincial_institute"},
		{TierInstitute, "institute"}, {TierUniversity, "university"}, {TierEnterprise, "enterprise"}, {Tier(99), "unknown"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.in.String(), "Tier(%d).String(): got %q, want %q", tt.in, tt.in.String(), tt.want)
	}
}
