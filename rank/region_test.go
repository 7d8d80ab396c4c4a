package rank

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

func TestParseRegion(t *testing.T) {
	tests := []struct {
		in   string
		want Region
	}{
		{"黑龙江省哈尔滨市", Region{"黑龙江", "哈尔滨", true}},
		{"哈尔滨市南岗区", Region{"黑龙江", "哈尔滨", true}},
		{"哈尔滨", Region{"黑龙江", "哈尔滨", true}},
		{"吉林长春", Region{"吉林", "长春", true}},
		{"长春", Region{"吉林", "长春", true}},
		{"吉林省吉林市", Region{"吉林", "吉林", true}},
		{"吉林省长春市", Region{"吉林", "长春", true}},
		{"吉林市船营区", Region{"吉林", "吉林", true}},
		{"吉林", Region{"吉林", "", false}},
		{"吉林省", Region{"吉林", "", false}},
		{"吉林省通化市", Region{"吉林", "通化", false}},
		{"延边朝鲜族自治州延吉市", Region{"吉林", "延边", true}},
		{"延边州", Region{"吉林", "延边", true}},
		{"北京", Region{"北京", "北京", false}},
		{"北京市", Region{"北京", "北京", false}},
		{"北京市海淀区", Region{"北京", "北京", false}},
		{"上海市浦东新区", Region{"上海", "上海", false}},
		{"内蒙古自治区呼和浩特市", Region{"内蒙古", "呼和浩特", false}},
		{"内蒙古包头", Region{"内蒙古", "包头", false}},
		{"广西壮族自治区南宁市", Region{"广西", "南宁", false}},
		{"黑龙江省", Region{"黑龙江", "", false}},
		{"黑龙江 大庆", Region{"黑龙江", "大庆", true}},
		{"黑龙江省大兴安岭地区", Region{"黑龙江", "大兴安岭", false}},
		{"黑河市", Region{"黑龙江", "黑河", false}},
		{"中国黑龙江省齐齐哈尔市", Region{"黑龙江", "齐齐哈尔", true}},
		{"  辽宁省沈阳市 ", Region{"辽宁", "沈阳", false}},
		{"海南", Region{"海南", "", false}},
		{"海南省海口市", Region{"海南", "海口", false}},
		{"海南藏族自治州", Region{"青海", "海南州", false}},
		{"深圳", Region{"广东", "深圳", false}},
		{"位于江苏苏州工业园区", Region{"江苏", "苏州", false}},
		{"新疆维吾尔自治区乌鲁木齐市", Region{"新疆", "乌鲁木齐", false}},
		{"", Region{}},
		{"garbage", Region{}},
		{"随便写写", Region{}},
		{"\xff\xfe", Region{}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := ParseRegion(tt.in)
			assert.Equal(t, tt.want, got, "ParseRegion(%q): got %+v, want %+v", tt.in, got, tt.want)
		})
	}
}

func TestRegionTable(t *testing.T) {
	// 34 province-level divisions, every Heilongjiang (13) and Jilin (9)
	// prefecture-level division, and every line of the data file parsed.
	assert.Len(t, regions.provs, 34, "provinces: got %d, want 34", len(regions.provs))
	lines := 0
	for l := range strings.Lines(regionsData) {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			lines++
		}
	}
	assert.Equal(t, lines, len(regions.provs), "data lines: got %d provinces, want %d", len(regions.provs), lines)
	count := map[string]int{}
	for _, p := range regions.provs {
		count[p.short] = len(p.cities)
	}
	assert.Equal(t, 13, count["黑龙江"], "黑龙江 cities: got %d, want 13", count["黑龙江"])
	assert.Equal(t, 10, count["吉林"], "吉林 cities (9 + 梅河口): got %d, want 10", count["吉林"])
	cities := 0
	for _, p := range regions.provs {
		cities += len(p.cities)
	}
	assert.GreaterOrEqual(t, cities, 333, "cities: got %d, want ≥ 333", cities)
	// Every cluster city is found in its province.
	for c, p := range clusterCities {
		got := ParseRegion(p + c)
		require.Equal(t, Region{p, c, true}, got, "cluster city %s%s: got %+v", p, c, got)
	}
}

func TestRegionString(t *testing.T) {
	tests := []struct {
		in   Region
		want string
	}{
		{Region{}, "unknown"},
		{Region{Province: "北京", City: "北京"}, "北京"},
		{Region{Province: "吉林"}, "吉林"},
		{Region{Province: "吉林", City: "吉林", HarbinChangchun: true}, "吉林吉林"},
		{Region{Province: "黑龙江", City: "哈尔滨"}, "黑龙江哈尔滨"},
	}
	for _, tt := range tests {
		got := tt.in.String()
		assert.Equal(t, tt.want, got, "String(%+v): got %q, want %q", tt.in, got, tt.want)
		assert.Equal(t, tt.in.Province != "", tt.in.Known(), "Known(%+v)", tt.in)
	}
}

// FuzzParseRegion checks ParseRegion's contract on any string: the result
// is the zero Region or a province of the table with, optionally, one of
// that province's cities; HarbinChangchun is set exactly for the cluster
// cities; leading spaces do not matter; a parsed region reads back as
// itself from its String form; and a Scorer's memoised profile agrees.
func FuzzParseRegion(f *testing.F) {
	for _, s := range []string{"黑龙江省哈尔滨市", "吉林长春", "北京", "garbage", "", "吉林省吉林市",
		"海南藏族自治州", "中国 吉林省 吉林市", "内蒙古自治区呼和浩特市", "位于江苏苏州工业园区", "\xff\xfe"} {
		f.Add(s)
	}
	s := newScorer(f, nil)
	f.Fuzz(func(t *testing.T, in string) {
		r := ParseRegion(in)
		if r == (Region{}) {
			if r.Known() {
				t.Fatalf("ParseRegion(%q): zero Region is Known", in)
			}
		} else {
			pi, ok := regions.provNames[r.Province]
			if !ok || regions.provs[pi].short != r.Province {
				t.Fatalf("ParseRegion(%q) = %+v: province is not a short name of the table", in, r)
			}
			if r.City != "" && !slices.Contains(regions.provs[pi].cities, r.City) {
				t.Fatalf("ParseRegion(%q) = %+v: city is not a city of %s", in, r, r.Province)
			}
			if back := ParseRegion(r.String()); back != r {
				t.Fatalf("ParseRegion(%q) = %+v, but ParseRegion(%q) = %+v", in, r, r.String(), back)
			}
		}
		if want := r.City != "" && clusterCities[r.City] == r.Province; r.HarbinChangchun != want {
			t.Fatalf("ParseRegion(%q) = %+v: HarbinChangchun should be %v", in, r, want)
		}
		if got := ParseRegion(" \t" + in); got != r {
			t.Fatalf("ParseRegion with leading space = %+v, want %+v", got, r)
		}
		if got := s.Achievement(&techmatch.Achievement{Region: in}).Region(); got != r {
			t.Fatalf("profile region of %q = %+v, ParseRegion = %+v", in, got, r)
		}
	})
}
