package constraint

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wq is an expected quantity: subject, dimension, comparison, value and max
// in canonical units, change, role.
type wq struct {
	subj   string
	dim    Dimension
	cmp    Comparison
	v, max float64
	change int8
	role   Role
}

func (w wq) String() string {
	return fmt.Sprintf("%s|%s|%s|%.6g|%.6g|%d|%s", w.subj, w.dim, w.cmp, w.v, w.max, w.change, w.role)
}

func qKeys(qs []Quantity) []string {
	var out []string
	for _, q := range qs {
		out = append(out, wq{q.Subject, q.Dim, q.Cmp, q.Value, q.Max, q.Change, q.Role}.String())
	}
	return out
}

func wKeys(ws []wq) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.String())
	}
	return out
}

const (
	month = 730.0
	year  = 8760.0
	day   = 24.0
)

// quantityCases are real-looking sentences of needs and achievements written
// for this test.
var quantityCases = []struct {
	text string
	want []wq
}{
	{"要求能量密度≥120 Wh/kg，循环寿命不少于2000次。", []wq{
		{"能量密度", "energy/mass", CmpGe, 0.12, 0.12, 0, RoleRequired},
		{"循环寿命", DimCount, CmpGe, 2000, 2000, 0, RoleRequired}}},
	{"我公司在黑龙江，冬季最低气温-35℃，希望寿命达到9个月以上。", []wq{
		{"冬季最低气温", DimTemperature, CmpEq, -35, -35, 0, RoleCondition},
		{"寿命", DimTime, CmpGe, 9 * month, 9 * month, 0, RoleRequired}}},
	{"目前寿命仅3个月，希望达到9个月以上。", []wq{
		{"寿命", DimTime, CmpEq, 3 * month, 3 * month, 0, RoleCurrent},
		{"寿命", DimTime, CmpGe, 9 * month, 9 * month, 0, RoleRequired}}},
	{"泄漏率≤1×10⁻⁶Pa·m³/s，电机功率密度≥4.5kW/kg。", []wq{
		{"泄漏率", "pressure·volume/time", CmpLe, 1e-6 * 1e-6 * 1000 * 3600, 1e-6 * 1e-6 * 1000 * 3600, 0, RoleRequired},
		{"电机功率密度", "power/mass", CmpGe, 4.5, 4.5, 0, RoleRequired}}},
	{"漏率不大于5×10^-7 Pa·m3/s。", []wq{
		{"漏率", "pressure·volume/time", CmpLe, 5e-7 * 1e-6 * 1000 * 3600, 5e-7 * 1e-6 * 1000 * 3600, 0, RoleRequired}}},
	{"工作温度-40℃~60℃，耐压600V。", []wq{
		{"工作温度", DimTemperature, CmpRange, -40, 60, 0, RoleStated},
		{"耐压", DimVoltage, CmpEq, 600, 600, 0, RoleStated}}},
	{"使用温度-40～85 ℃，防护等级IP67。", []wq{
		{"使用温度", DimTemperature, CmpRange, -40, 85, 0, RoleStated}}},
	{"裂纹增加率控制在3%以内，能耗降低15%，寿命延长2倍。", []wq{
		{"裂纹增加率", DimPercent, CmpLe, 3, 3, 0, RoleStated},
		{"能耗", DimPercent, CmpEq, 15, 15, -1, RoleStated},
		{"寿命", DimMultiple, CmpEq, 2, 2, 1, RoleStated}}},
	{"模具寿命8万模次，节拍60秒/件。", []wq{
		{"模具寿命", DimCount, CmpEq, 80000, 80000, 0, RoleStated},
		{"节拍", "time/pieces", CmpEq, 60.0 / 3600, 60.0 / 3600, 0, RoleStated}}},
	{"要求2小时内充满，充电效率不低于90%。", []wq{
		{"", DimTime, CmpLe, 2, 2, 0, RoleRequired},
		{"充电效率", DimPercent, CmpGe, 90, 90, 0, RoleRequired}}},
	{"出水COD不能稳定达到排放标准（≤120mg/L），面临处罚。", []wq{
		{"排放标准", "mass/volume", CmpLe, 120e-6, 120e-6, 0, RoleRequired}}},
	{"清洗效率≥10m²/h，响应时间<100ms。", []wq{
		{"清洗效率", "area/time", CmpGe, 10, 10, 0, RoleRequired},
		{"响应时间", DimTime, CmpLt, 0.1 / 3600, 0.1 / 3600, 0, RoleRequired}}},
	{"表面粗糙度Ra≤0.4μm，硬度HRC58-62。", []wq{
		{"表面粗糙度Ra", DimLength, CmpLe, 0.0004, 0.0004, 0, RoleRequired},
		{"硬度", DimHardnessHRC, CmpRange, 58, 62, 0, RoleStated}}},
	{"铸件硬度达到HB90以上。", []wq{
		{"铸件硬度", DimHardnessHB, CmpGe, 90, 90, 0, RoleStated}}},
	{"电导率≥10 μS/cm，pH值≥7。", []wq{
		{"pH值", DimNumber, CmpGe, 7, 7, 0, RoleRequired}}},
	{"-25 ℃下制热COP≥1.6，冬季空调能耗降低40%以上。", []wq{
		{"环境", DimTemperature, CmpEq, -25, -25, 0, RoleCondition},
		{"制热COP", DimNumber, CmpGe, 1.6, 1.6, 0, RoleRequired},
		{"冬季空调能耗", DimPercent, CmpGe, 40, 40, -1, RoleStated}}},
	{"单次损失超过50万元，去年因轴承损坏造成非计划停机6次。", []wq{
		{"单次损失", DimMoney, CmpGt, 50, 50, 0, RoleCurrent},
		{"非计划停机", DimCount, CmpEq, 6, 6, 0, RoleCurrent}}},
	{"三个月内完成验证，半年就穿孔。", []wq{
		{"", DimTime, CmpLe, 3 * month, 3 * month, 0, RoleStated},
		{"", DimTime, CmpEq, 0.5 * year, 0.5 * year, 0, RoleStated}}},
	{"有效部位纯度由15–30%提高至60–80%。", []wq{
		{"有效部位纯度", DimPercent, CmpRange, 15, 30, 0, RoleCurrent},
		{"有效部位纯度", DimPercent, CmpRange, 60, 80, 0, RoleStated}}},
	{"较钢制件减重30%–40%。", []wq{
		{"重量", DimPercent, CmpRange, 30, 40, -1, RoleStated}}},
	{"定位精度±0.01mm，零下40℃可正常启动。", []wq{
		{"定位精度", DimLength, CmpTol, 0.01, 0.01, 0, RoleStated},
		{"工作温度", DimTemperature, CmpEq, -40, -40, 0, RoleStated}}},
	{"产品固定碳≥99.95%，保温材料氧指数仅24%左右。", []wq{
		{"产品固定碳", DimPercent, CmpGe, 99.95, 99.95, 0, RoleRequired},
		{"保温材料氧指数", DimPercent, CmpApprox, 24, 24, 0, RoleCurrent}}},
	{"厚度25–100 μm，面内导热系数800–1200 W/(m·K)。", []wq{
		{"厚度", DimLength, CmpRange, 0.025, 0.1, 0, RoleStated}}},
	{"体外浸泡降解速率<0.3 mm/年，12周仍保持70%以上力学强度。", []wq{
		{"体外浸泡降解速率", "length/time", CmpLt, 0.3 / year, 0.3 / year, 0, RoleRequired},
		{"", DimTime, CmpEq, 12 * 168, 12 * 168, 0, RoleStated},
		{"", DimPercent, CmpGe, 70, 70, 0, RoleStated}}},
	{"280 Ah方形电芯25 ℃下1C/1C循环8000次容量保持率80%。", []wq{
		{"", DimCharge, CmpEq, 280, 280, 0, RoleStated},
		{"环境", DimTemperature, CmpEq, 25, 25, 0, RoleCondition},
		{"1C循环", DimCount, CmpEq, 8000, 8000, 0, RoleStated},
		{"容量保持率", DimPercent, CmpEq, 80, 80, 0, RoleStated}}},
	{"驱动电压<30 V，开态透过率>80%，雾度切换<0.5 s。", []wq{
		{"驱动电压", DimVoltage, CmpLt, 30, 30, 0, RoleRequired},
		{"开态透过率", DimPercent, CmpGt, 80, 80, 0, RoleRequired},
		{"雾度切换", DimTime, CmpLt, 0.5 / 3600, 0.5 / 3600, 0, RoleRequired}}},
	{"采用Ti6Al4V与NCM811，2023年完成中试，304不锈钢、M8螺栓、R407C冷媒。", nil},
	{"GB/T 10095-2008的4级精度，CD19/CD22双靶点。", nil},
	{"一次性投入，统一管理，一体化设计。", nil},
	{"要求在-40℃环境下正常工作。", []wq{
		{"环境", DimTemperature, CmpEq, -40, -40, 0, RoleCondition}}},
	{"希望使用寿命5年以上，质保期不少于两年。", []wq{
		{"使用寿命", DimTime, CmpGe, 5 * year, 5 * year, 0, RoleRequired},
		{"质保期", DimTime, CmpGe, 2 * year, 2 * year, 0, RoleRequired}}},
	{"处理量约5 t/h，吨水能耗0.8 kWh。", []wq{
		{"处理量", "mass/time", CmpApprox, 5000, 5000, 0, RoleStated},
		{"吨水能耗", DimEnergy, CmpEq, 0.8, 0.8, 0, RoleStated}}},
	{"最高转速18000 rpm，主轴功率15kW。", []wq{
		{"最高转速", DimRotation, CmpEq, 18000, 18000, 0, RoleStated},
		{"主轴功率", DimPower, CmpEq, 15, 15, 0, RoleStated}}},
	{"降噪6–10 dB，啸叫声压级降低10dB(A)以上。", []wq{
		{"噪声", DimSound, CmpRange, 6, 10, -1, RoleStated},
		{"啸叫声压级", DimSound, CmpGe, 10, 10, -1, RoleStated}}},
	{"续航里程不低于400 km，百公里电耗≤13 kWh。", []wq{
		{"续航里程", DimLength, CmpGe, 4e8, 4e8, 0, RoleRequired},
		{"百公里电耗", DimEnergy, CmpLe, 13, 13, 0, RoleRequired}}},
	{"检出限0.1 ng/mL，检测时间15分钟以内。", []wq{
		{"检测时间", DimTime, CmpLe, 0.25, 0.25, 0, RoleStated}}},
	{"抗拉强度≥1500 MPa，延伸率大于10%。", []wq{
		{"抗拉强度", DimPressure, CmpGe, 1500, 1500, 0, RoleRequired},
		{"延伸率", DimPercent, CmpGt, 10, 10, 0, RoleStated}}},
	{"涂层厚度3丝以内。", []wq{
		{"涂层厚度", DimLength, CmpLe, 0.03, 0.03, 0, RoleStated}}},
	{"年产1.5亿元，投资不超过800万元。", []wq{
		{"年产", DimMoney, CmpEq, 15000, 15000, 0, RoleStated},
		{"投资", DimMoney, CmpLe, 800, 800, 0, RoleRequired}}},
	{"盐雾试验1000h无红锈，附着力0级。", []wq{
		{"盐雾试验", DimTime, CmpEq, 1000, 1000, 0, RoleStated}}},
	{"镀层厚度8~12μm，孔隙率≤5‰。", []wq{
		{"镀层厚度", DimLength, CmpRange, 0.008, 0.012, 0, RoleStated},
		{"孔隙率", DimPercent, CmpLe, 0.5, 0.5, 0, RoleRequired}}},
	{"残留溶剂低于50 ppm。", []wq{
		{"残留溶剂", DimPercent, CmpLt, 0.005, 0.005, 0, RoleStated}}},
	{"海拔3000m以上地区使用。", []wq{
		{"海拔", DimLength, CmpGe, 3e6, 3e6, 0, RoleCondition}}},
	{"工作电流10 A，待机电流小于50μA。", []wq{
		{"工作电流", DimCurrent, CmpEq, 10, 10, 0, RoleStated},
		{"待机电流", DimCurrent, CmpLt, 50e-6, 50e-6, 0, RoleStated}}},
	{"频率范围20–300 Hz，采样率1 kHz。", []wq{
		{"频率范围", DimFrequency, CmpRange, 20, 300, 0, RoleStated},
		{"采样率", DimFrequency, CmpEq, 1000, 1000, 0, RoleStated}}},
	{"吊重残余摆角<1°，定位精度±10mm。", []wq{
		{"吊重残余摆角", DimAngle, CmpLt, 1, 1, 0, RoleRequired},
		{"定位精度", DimLength, CmpTol, 10, 10, 0, RoleStated}}},
	{"要求寿命：10年。", []wq{
		{"寿命", DimTime, CmpEq, 10 * year, 10 * year, 0, RoleRequired}}},
	{"单套设计时间缩短至30分钟。", []wq{
		{"单套设计时间", DimTime, CmpLe, 0.5, 0.5, 0, RoleStated}}},
	{"育种周期缩短3–4年。", []wq{
		{"育种周期", DimTime, CmpRange, 3 * year, 4 * year, -1, RoleStated}}},
	{"筛选效率提高100倍，产量提高20–50%。", []wq{
		{"筛选效率", DimMultiple, CmpEq, 100, 100, 1, RoleStated},
		{"产量", DimPercent, CmpRange, 20, 50, 1, RoleStated}}},
	{"饱和磁感1.25 T，100 kHz下损耗降低40%。", []wq{
		{"饱和磁感", DimFlux, CmpEq, 1.25, 1.25, 0, RoleStated},
		{"", DimFrequency, CmpEq, 1e5, 1e5, 0, RoleStated},
		{"损耗", DimPercent, CmpEq, 40, 40, -1, RoleStated}}},
	{"粘度3000 mPa·s，固含量≥60 wt%。", []wq{
		{"粘度", DimViscosity, CmpEq, 3000, 3000, 0, RoleStated},
		{"固含量", DimPercent, CmpGe, 60, 60, 0, RoleRequired}}},
	{"扭矩200 N·m，转速3000 r/min。", []wq{
		{"扭矩", DimTorque, CmpEq, 200, 200, 0, RoleStated},
		{"转速", DimRotation, CmpEq, 3000, 3000, 0, RoleStated}}},
	{"含水率较主推品种低3–4个百分点。", []wq{
		{"含水率", DimPoints, CmpRange, 3, 4, -1, RoleStated}}},
	{"平均愈合时间超过3周，每日需更换1–2次。", []wq{
		{"平均愈合时间", DimTime, CmpGt, 3 * 168, 3 * 168, 0, RoleStated},
		{"更换", DimCount, CmpRange, 1, 2, 0, RoleRequired}}},
	{"设备重量不超过50公斤，体积小于0.5 m³。", []wq{
		{"设备重量", DimMass, CmpLe, 50, 50, 0, RoleRequired},
		{"体积", DimVolume, CmpLt, 500, 500, 0, RoleStated}}},
	{"拉伸强度提高到600兆帕。", []wq{
		{"拉伸强度", DimPressure, CmpGe, 600, 600, 0, RoleStated}}},
	{"Φ50mm管材，壁厚2.5毫米。", []wq{
		{"直径", DimLength, CmpEq, 50, 50, 0, RoleStated},
		{"壁厚", DimLength, CmpEq, 2.5, 2.5, 0, RoleStated}}},
	{"气温常年在零下20度，风速12 m/s。", []wq{
		{"风速", "length/time", CmpEq, 12000 * 3600, 12000 * 3600, 0, RoleCondition}}},
	{"需连续运行8000小时无故障，故障率低于0.5%。", []wq{
		{"连续运行", DimTime, CmpEq, 8000, 8000, 0, RoleRequired},
		{"故障率", DimPercent, CmpLt, 0.5, 0.5, 0, RoleRequired}}},
	{"响应时间优于10ms，转换效率优于95%。", []wq{
		{"响应时间", DimTime, CmpLe, 0.01 / 3600, 0.01 / 3600, 0, RoleStated},
		{"转换效率", DimPercent, CmpGe, 95, 95, 0, RoleStated}}},
	{"10余年行业经验，200多家客户。", []wq{
		{"", DimTime, CmpGt, 10 * year, 10 * year, 0, RoleStated}}},
	{"", nil},
}

func TestQuantities(t *testing.T) {
	for _, c := range quantityCases {
		got := qKeys(Quantities(c.text))
		want := wKeys(c.want)
		assert.Equal(t, want, got, "Quantities(%q):\n got %v\nwant %v", c.text, got, want)
	}
}

func TestQuantitySpans(t *testing.T) {
	text := "要求寿命达到9个月以上，工作温度-40℃~60℃，泄漏率≤1×10⁻⁶Pa·m³/s。"
	qs := Quantities(text)
	require.Len(t, qs, 3)
	wantLit := []string{"9个月", "-40℃~60℃", "1×10⁻⁶Pa·m³/s"}
	wantText := []string{"达到9个月以上", "-40℃~60℃", "≤1×10⁻⁶Pa·m³/s"}
	for i, q := range qs {
		assert.Equal(t, wantLit[i], q.Literal, "Literal %d", i)
		assert.Equal(t, q.Literal, text[q.LiteralSpan.Start:q.LiteralSpan.End], "LiteralSpan %d", i)
		assert.Equal(t, wantText[i], q.Text, "Text %d", i)
		assert.Equal(t, q.Text, text[q.Span.Start:q.Span.End], "Span %d", i)
		assert.Equal(t, q.Subject, text[q.SubjectSpan.Start:q.SubjectSpan.End], "SubjectSpan %d", i)
		for _, c := range q.Cues {
			assert.Equal(t, c.Text, text[c.Span.Start:c.Span.End], "cue %v of %d", c, i)
		}
	}
	var cues []string
	for _, c := range qs[0].Cues {
		cues = append(cues, c.Text)
	}
	assert.Equal(t, []string{"要求", "达到", "以上"}, cues)
}

func TestRequirements(t *testing.T) {
	text := "现有铸件寿命仅3个月，冬季最低气温-35℃，希望寿命达到9个月以上。单件成本约20元。"
	var got []string
	for _, q := range Requirements(text) {
		got = append(got, q.Subject+" "+q.Role.String())
	}
	assert.Equal(t, []string{"冬季最低气温 condition", "寿命 required"}, got)
}
