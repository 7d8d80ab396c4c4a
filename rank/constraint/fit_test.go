package constraint

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFit checks the first requirement of a need's sentence against an
// achievement's sentence.
func TestFit(t *testing.T) {
	cases := []struct {
		need, ach string
		want      Outcome
		explain   string // when not empty, the whole explanation line
	}{
		{"希望寿命达到9个月以上", "涂层防护寿命12个月", Meets, "要求寿命≥9个月，成果涂层防护寿命12个月：满足"},
		{"希望寿命达到9个月以上", "使用寿命6个月", Fails, "要求寿命≥9个月，成果使用寿命6个月：不满足"},
		{"希望寿命达到9个月以上", "服役寿命2年以上", Meets, ""},
		{"希望寿命达到9个月以上", "响应时间12个月", Unknown, ""},
		{"冬季最低气温-35℃", "工作温度-40℃~60℃", Meets, "工况冬季最低气温-35℃，成果工作温度-40℃~60℃：满足"},
		{"冬季最低气温-35℃", "工作温度-20℃~60℃", Fails, ""},
		{"冬季最低气温-35℃", "-40℃环境下可正常启动", Meets, ""},
		{"冬季最低气温-35℃", "零下25℃可正常工作", Fails, ""},
		{"冬季最低气温-35℃", "烧结温度1200℃", Unknown, ""},
		{"冬季最低气温-35℃", "25℃下循环8000次", Unknown, ""},
		{"要求工作温度-40~85℃", "工作温度-40~125℃", Meets, ""},
		{"要求工作温度-40~85℃", "工作温度-20~85℃", Fails, ""},
		{"要求耐温≥150℃", "使用温度-50~180℃", Meets, ""},
		{"要求耐温≥150℃", "工作温度-40~120℃", Fails, ""},
		{"要求裂纹深度≤0.3mm", "裂纹深度0.5mm", Fails, "要求裂纹深度≤0.3mm，成果裂纹深度0.5mm：不满足"},
		{"要求裂纹深度≤0.3mm", "裂纹深度0.2mm", Meets, ""},
		{"要求裂纹深度≤0.3mm", "涂层厚度0.2mm", Unknown, ""},
		{"功率密度≥4.5kW/kg", "电机功率密度5.2 kW/kg", Meets, ""},
		{"功率密度≥4.5kW/kg", "峰值功率密度3.8 kW/kg", Fails, ""},
		{"功率密度≥4.5kW/kg", "比功率达6000 W/kg", Meets, ""},
		{"要求能量密度≥120 Wh/kg", "方形电芯能量密度280 Wh/kg", Meets, ""},
		{"泄漏率≤1×10⁻⁶Pa·m³/s", "氦检漏率小于5×10⁻⁷ Pa·m³/s", Meets, ""},
		{"泄漏率≤1×10⁻⁶Pa·m³/s", "漏率1×10⁻⁵ Pa·m³/s", Fails, ""},
		{"泄漏率≤1×10⁻⁶Pa·m³/s", "密封性良好", Unknown, ""},
		{"要求充电效率不低于90%", "充电效率95%", Meets, ""},
		{"要求充电效率不低于90%", "充电效率85%～88%", Fails, ""},
		{"要求充电效率不低于90%", "充电效率85%～95%", Unknown, ""},
		{"要求充电效率不低于90%", "合格率95%", Unknown, ""},
		{"能耗降低20%以上", "综合能耗降低25%", Meets, "要求能耗降低≥20%，成果综合能耗降低25%：满足"},
		{"能耗降低20%以上", "能耗降低15%", Fails, ""},
		{"能耗降低20%以上", "能耗为行业平均的80%", Unknown, ""},
		{"能耗降低20%以上", "能耗提高20%", Unknown, ""},
		{"要求耐压600V", "额定电压200-1000V", Meets, ""},
		{"要求耐压600V", "耐压620V", Meets, ""},
		{"要求耐压600V", "耐压1200V", Unknown, ""},
		{"要求节拍≤60秒/件", "生产节拍45秒/件", Meets, ""},
		{"要求节拍≤60秒/件", "单件时间2分钟/件", Fails, ""},
		{"要求节拍≤60秒/件", "年产30万件", Unknown, ""},
		{"要求定位精度±0.01mm", "重复定位精度±0.005mm", Meets, ""},
		{"要求定位精度±0.01mm", "定位精度±0.02mm", Fails, ""},
		{"要求定位精度±0.01mm", "定位精度0.008mm", Meets, ""},
		{"要求氧指数≥32%", "氧指数达35%", Meets, ""},
		{"要求氧指数≥32%", "氧指数28%", Fails, ""},
		{"模具寿命要求8万模次以上", "模具寿命提高到10万模次", Meets, ""},
		{"模具寿命要求8万模次以上", "循环寿命5000次", Unknown, ""},
		{"响应时间<100ms", "响应时间小于50 ms", Meets, ""},
		{"响应时间<100ms", "响应时间100ms", Fails, ""},
		{"要求COD≤50 mg/L", "出水COD 30-45 mg/L", Meets, ""},
		{"要求2小时内充满", "快充时间1.5小时", Unknown, ""},
		{"要求硬度HRC58以上", "表面硬度60 HRC", Meets, ""},
		{"要求硬度HRC58以上", "显微硬度800 HV", Unknown, ""},
	}
	for _, c := range cases {
		reqs := Requirements(c.need)
		if len(reqs) == 0 {
			reqs = Quantities(c.need)
		}
		require.NotEmpty(t, reqs, "no requirement in %q", c.need)
		got := Fit(reqs[0], Quantities(c.ach))
		assert.Equal(t, c.want, got.Outcome, "Fit(%q, %q): got %v (%s), want %v", c.need, c.ach, got.Outcome, got.Explain, c.want)
		if c.explain != "" {
			assert.Equal(t, c.explain, got.Explain, "Fit(%q, %q).Explain", c.need, c.ach)
		}
		if got.Outcome != Unknown {
			assert.NotEmpty(t, got.Stated.Literal, "Fit(%q, %q) decided without a stated quantity", c.need, c.ach)
		}
	}
}

func TestFitPrefersMeets(t *testing.T) {
	req := Requirements("要求能量密度≥200 Wh/kg")
	require.Len(t, req, 1)
	got := Fit(req[0], Quantities("A型电芯能量密度160 Wh/kg，B型电芯能量密度230 Wh/kg"))
	assert.Equal(t, Meets, got.Outcome)
	assert.Equal(t, "230 Wh/kg", got.Stated.Literal)
}

func TestFitAll(t *testing.T) {
	reqs := Requirements("要求能量密度≥120 Wh/kg，循环寿命不少于2000次，成本降低20%")
	got := FitAll(reqs, Quantities("能量密度160 Wh/kg，循环寿命1500次"))
	var outs []Outcome
	for _, v := range got {
		outs = append(outs, v.Outcome)
	}
	assert.Equal(t, []Outcome{Meets, Fails, Unknown}, outs)
}

func TestOutcomeStrings(t *testing.T) {
	assert.Equal(t, []string{"unknown", "meets", "fails"}, []string{Unknown.String(), Meets.String(), Fails.String()})
	assert.Equal(t, []string{"无法判断", "满足", "不满足"}, []string{Unknown.Label(), Meets.Label(), Fails.Label()})
}
