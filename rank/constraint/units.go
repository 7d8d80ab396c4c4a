package constraint

import "strings"

// Dimension names what a quantity measures. Simple dimensions are the
// constants below; a unit written as a product or quotient of known units
// (Pa·m³/s, kW/kg, m²/h, 秒/件) has the composite dimension built from its
// parts with "·" and "/" ("pressure·volume/time", "power/mass"), so two
// quantities are comparable exactly when their dimensions are equal.
type Dimension string

// The simple dimensions and, in comments, their canonical units (the unit of
// Quantity.Value).
const (
	DimNone        Dimension = ""
	DimNumber      Dimension = "number"      // a bare number with an explicit comparison (COP≥3)
	DimLength      Dimension = "length"      // mm
	DimArea        Dimension = "area"        // m²
	DimVolume      Dimension = "volume"      // L
	DimMass        Dimension = "mass"        // kg
	DimTime        Dimension = "time"        // h
	DimTemperature Dimension = "temperature" // ℃
	DimPressure    Dimension = "pressure"    // MPa (also stress and strength)
	DimForce       Dimension = "force"       // N
	DimTorque      Dimension = "torque"      // N·m
	DimPower       Dimension = "power"       // kW
	DimEnergy      Dimension = "energy"      // kWh
	DimVoltage     Dimension = "voltage"     // V
	DimCurrent     Dimension = "current"     // A
	DimCharge      Dimension = "charge"      // Ah
	DimFrequency   Dimension = "frequency"   // Hz
	DimPercent     Dimension = "percent"     // %
	DimPoints      Dimension = "points"      // percentage points (个百分点)
	DimMultiple    Dimension = "multiple"    // 倍
	DimCount       Dimension = "count"       // 次 (cycles, shots, times)
	DimPieces      Dimension = "pieces"      // 件 (pieces, units, sets)
	DimSound       Dimension = "sound"       // dB
	DimAngle       Dimension = "angle"       // °
	DimMoney       Dimension = "money"       // 万元
	DimRotation    Dimension = "rotation"    // r/min
	DimFlux        Dimension = "flux"        // T
	DimViscosity   Dimension = "viscosity"   // mPa·s
	DimHardnessHRC Dimension = "hardness_HRC"
	DimHardnessHRB Dimension = "hardness_HRB"
	DimHardnessHV  Dimension = "hardness_HV"
	DimHardnessHB  Dimension = "hardness_HB"
)

// unit is one entry of the unit table: value in the canonical unit of dim =
// written value × factor.
type unit struct {
	dim    Dimension
	factor float64
	canon  string
}

// units is the unit table, keyed by the unit as written (after folding
// full-width forms). Case matters where it carries meaning (MPa, mPa·s);
// common sloppy spellings (Mpa, kw, KW) are listed explicitly.
var units = map[string]unit{}

// denominators are units accepted only after '/' (秒/件, 元/月, 转/分).
var denominators = map[string]unit{}

// cjkUnits are the units a Chinese numeral may carry (三个月, 两倍, 十万次).
var cjkUnits = map[string]bool{}

func init() {
	add := func(dim Dimension, canon string, factor float64, keys ...string) {
		for _, k := range keys {
			units[k] = unit{dim: dim, factor: factor, canon: canon}
		}
	}
	const mm, h, kw, mpa = "mm", "h", "kW", "MPa"
	add(DimLength, mm, 1e-6, "nm", "纳米")
	add(DimLength, mm, 1e-3, "μm", "um", "微米")
	add(DimLength, mm, 1, "mm", "毫米", "MM")
	add(DimLength, mm, 0.01, "丝")
	add(DimLength, mm, 10, "cm", "厘米")
	add(DimLength, mm, 100, "dm", "分米")
	add(DimLength, mm, 1000, "m", "米")
	add(DimLength, mm, 1e6, "km", "千米", "公里", "KM")
	add(DimArea, "m²", 1e-6, "mm²", "mm2", "平方毫米")
	add(DimArea, "m²", 1e-4, "cm²", "cm2", "平方厘米")
	add(DimArea, "m²", 1, "m²", "m2", "平方米", "㎡")
	add(DimArea, "m²", 666.67, "亩")
	add(DimArea, "m²", 1e4, "公顷", "hm²")
	add(DimArea, "m²", 1e6, "km²", "km2", "平方公里", "平方千米")
	add(DimVolume, "L", 1e-6, "μL", "uL", "微升")
	add(DimVolume, "L", 1e-3, "mL", "ml", "毫升", "cm³", "cm3")
	add(DimVolume, "L", 1, "L", "升")
	add(DimVolume, "L", 1000, "m³", "m3", "立方米", "Nm³", "Nm3")
	add(DimMass, "kg", 1e-9, "μg", "ug", "微克")
	add(DimMass, "kg", 1e-6, "mg", "毫克")
	add(DimMass, "kg", 1e-3, "g", "克")
	add(DimMass, "kg", 1, "kg", "千克", "公斤", "KG", "Kg")
	add(DimMass, "kg", 0.5, "斤")
	add(DimMass, "kg", 1000, "t", "吨")
	add(DimTime, h, 1.0/3.6e9, "μs", "us", "微秒")
	add(DimTime, h, 1.0/3.6e6, "ms", "毫秒")
	add(DimTime, h, 1.0/3600, "s", "秒", "秒钟", "sec")
	add(DimTime, h, 1.0/60, "min", "分钟", "mins")
	add(DimTime, h, 1, "h", "小时", "个小时", "钟头", "hr", "hrs")
	add(DimTime, h, 24, "d", "天", "昼夜")
	add(DimTime, h, 168, "周", "星期", "个星期")
	add(DimTime, h, 730, "个月")
	add(DimTime, h, 8760, "年")
	add(DimTemperature, "℃", 1, "℃", "°C", "°c", "摄氏度", "度C")
	add(DimPressure, mpa, 1e-6, "Pa", "帕")
	add(DimPressure, mpa, 1e-3, "kPa", "KPa", "kpa", "Kpa", "千帕")
	add(DimPressure, mpa, 1, "MPa", "Mpa", "MPA", "兆帕")
	add(DimPressure, mpa, 1000, "GPa", "Gpa")
	add(DimPressure, mpa, 1e-4, "mbar")
	add(DimPressure, mpa, 0.1, "bar")
	add(DimPressure, mpa, 0.101325, "atm")
	add(DimPressure, mpa, 0.00689476, "psi")
	add(DimPressure, mpa, 1.33322e-4, "mmHg", "Torr", "torr")
	add(DimForce, "N", 1, "N", "牛", "牛顿")
	add(DimForce, "N", 1000, "kN", "KN", "千牛")
	add(DimTorque, "N·m", 1, "N·m", "N.m", "Nm", "牛·米", "牛米")
	add(DimTorque, "N·m", 1000, "kN·m", "kN.m")
	add(DimPower, kw, 1e-6, "mW")
	add(DimPower, kw, 1e-3, "W", "瓦")
	add(DimPower, kw, 1, "kW", "kw", "KW", "Kw", "千瓦")
	add(DimPower, kw, 1000, "MW", "兆瓦")
	add(DimPower, kw, 1e6, "GW", "吉瓦")
	add(DimEnergy, "kWh", 1.0/3.6e6, "J", "焦")
	add(DimEnergy, "kWh", 1.0/3600, "kJ", "千焦")
	add(DimEnergy, "kWh", 1.0/3.6, "MJ", "兆焦")
	add(DimEnergy, "kWh", 1000.0/3.6, "GJ")
	add(DimEnergy, "kWh", 1e-3, "Wh")
	add(DimEnergy, "kWh", 1, "kWh", "KWh", "kwh", "kW·h", "kw·h", "千瓦时", "度电")
	add(DimEnergy, "kWh", 1000, "MWh")
	add(DimEnergy, "kWh", 1e6, "GWh")
	add(DimVoltage, "V", 1e-3, "mV", "毫伏")
	add(DimVoltage, "V", 1, "V", "伏", "伏特")
	add(DimVoltage, "V", 1000, "kV", "KV", "千伏")
	add(DimCurrent, "A", 1e-6, "μA", "uA")
	add(DimCurrent, "A", 1e-3, "mA", "毫安")
	add(DimCurrent, "A", 1, "A", "安培")
	add(DimCurrent, "A", 1000, "kA")
	add(DimCharge, "Ah", 1e-3, "mAh")
	add(DimCharge, "Ah", 1, "Ah", "安时")
	add(DimFrequency, "Hz", 1, "Hz", "赫兹", "赫")
	add(DimFrequency, "Hz", 1e3, "kHz", "KHz")
	add(DimFrequency, "Hz", 1e6, "MHz")
	add(DimFrequency, "Hz", 1e9, "GHz")
	add(DimPercent, "%", 1, "%", "wt%", "wt.%", "vol%", "mol%", "at%")
	add(DimPercent, "%", 0.1, "‰")
	add(DimPercent, "%", 1e-4, "ppm")
	add(DimPercent, "%", 1e-7, "ppb")
	add(DimPoints, "个百分点", 1, "个百分点", "百分点")
	add(DimMultiple, "倍", 1, "倍")
	add(DimCount, "次", 1, "次", "模次", "周次", "次循环", "个循环", "循环", "cycles", "圈")
	add(DimPieces, "件", 1, "件", "台", "套", "片", "pcs", "台套", "辆")
	add(DimSound, "dB", 1, "dB", "dB(A)", "dBA", "dB(a)", "分贝")
	add(DimAngle, "°", 1, "°")
	add(DimMoney, "万元", 1e-4, "元", "块钱")
	add(DimMoney, "万元", 0.1, "千元")
	add(DimMoney, "万元", 1, "万元")
	add(DimMoney, "万元", 1e4, "亿元")
	add(DimRotation, "r/min", 1, "rpm", "r/min", "转/分", "转/分钟", "RPM")
	add(DimRotation, "r/min", 60, "r/s", "转/秒")
	add(DimFlux, "T", 1, "T", "特斯拉")
	add(DimFlux, "T", 1e-3, "mT")
	add(DimViscosity, "mPa·s", 1, "mPa·s", "mPa.s", "cP", "cp")
	add(DimViscosity, "mPa·s", 1000, "Pa·s", "Pa.s")
	add(DimHardnessHRC, "HRC", 1, "HRC")
	add(DimHardnessHRB, "HRB", 1, "HRB")
	add(DimHardnessHV, "HV", 1, "HV", "HV0.1", "HV1", "HV10")
	add(DimHardnessHB, "HB", 1, "HB", "HBW", "HBS")
	for _, k := range []string{"年", "个月", "周", "星期", "个星期", "天", "小时", "个小时", "分钟", "秒", "秒钟", "倍", "次", "万次", "个百分点", "百分点"} {
		cjkUnits[k] = true
	}
	for k, u := range units {
		denominators[k] = u
	}
	for k, u := range map[string]unit{
		"分": {DimTime, 1.0 / 60, h}, "月": {DimTime, 730, h}, "日": {DimTime, 24, h},
		"人": {DimPieces, 1, "件"}, "个": {DimPieces, 1, "件"}, "只": {DimPieces, 1, "件"},
		"批": {DimPieces, 1, "件"}, "炉": {DimPieces, 1, "件"}, "班": {DimPieces, 1, "件"},
		"株": {DimPieces, 1, "件"}, "头": {DimPieces, 1, "件"}, "根": {DimPieces, 1, "件"},
		"块": {DimPieces, 1, "件"}, "车": {DimPieces, 1, "件"}, "例": {DimPieces, 1, "件"},
	} {
		denominators[k] = u
	}
	unitKeys = newWords(keys(units)...)
	denomKeys = newWords(keys(denominators)...)
}

var unitKeys, denomKeys *wordSet

// unitFollowBad lists, for Chinese units, runes that turn unit + rune into
// another word (周期, 年级, 天然, 次性, 丝杠), so the unit is not read there.
var unitFollowBad = map[string]string{
	"周": "期边围转年长", "年": "级代龄度份底初末间", "天": "然线气车窗", "次": "性级生数序要",
	"丝": "杠锥网印材束扣", "米": "粒饭粉", "吨": "位", "台": "阶湾风", "片": "区面状", "套": "管筒装",
	"件": "数", "倍": "数频", "圈": "数", "秒": "表", "克": "隆服", "升": "级高温压", "度": "数",
	"帕": "金", "牛": "奶", "瓦": "片斯", "赫": "兹", "辆": "次",
	"L": "不钢型级", "A": "级股类轮", "T": "型级恤", "V": "型", "N": "型级",
}

// asciiUnitBadFollow: after a one-letter ASCII unit, these runes mean a grade
// or model name (5A级, 3D打印 is caught by the letter rule).
const asciiUnitBadFollow = "级类型号版代系款"

// unitAt returns the longest unit written at rune index i of t, from keys
// (units or denominators), and the index after it. ASCII units must end at
// an ASCII word boundary; Chinese units must not start a longer word.
func unitAt(t *text, i int, keys *wordSet, table map[string]unit) (string, unit, int, bool) {
	if i >= len(t.rs) {
		return "", unit{}, i, false
	}
	for _, w := range keys.first[t.rs[i]] {
		if !runesAt(t.rs, i, w.rs) {
			continue
		}
		k, n := w.s, len(w.rs)
		j := i + n
		last := w.rs[n-1]
		if j < len(t.rs) {
			next := t.rs[j]
			if isASCIIAlnum(last) && (isASCIIAlnum(next) || next == '_') {
				continue
			}
			if n == 1 && isASCIILetter(last) && strings.ContainsRune(asciiUnitBadFollow, next) {
				continue
			}
			if bad, ok := unitFollowBad[k]; ok && strings.ContainsRune(bad, next) {
				continue
			}
			if k == "°" && (next == 'C' || next == 'c') {
				continue
			}
		}
		return k, table[k], j, true
	}
	return "", unit{}, i, false
}

// compositeUnitAt reads a unit with optional products (·) and one quotient
// (/) at rune index i: kW/kg, Pa·m³/s, 秒/件, mg/L. The dimension and
// canonical unit of a composite are built from the parts, the factor is the
// product / quotient of the parts' factors.
func compositeUnitAt(t *text, i int) (written string, u unit, end int, ok bool) {
	k, u, j, ok := unitAt(t, i, unitKeys, units)
	if !ok {
		return "", unit{}, i, false
	}
	// Products: Pa·m³, N·m is already a table entry.
	for j < len(t.rs) && (t.rs[j] == '·' || t.rs[j] == '•' || t.rs[j] == '*') {
		_, u2, j2, ok2 := unitAt(t, j+1, unitKeys, units)
		if !ok2 {
			break
		}
		u = unit{dim: u.dim + "·" + u2.dim, factor: u.factor * u2.factor, canon: u.canon + "·" + u2.canon}
		j = j2
	}
	if j < len(t.rs) && t.rs[j] == '/' && !strings.Contains(k, "/") {
		if _, u2, j2, ok2 := unitAt(t, j+1, denomKeys, denominators); ok2 {
			u = unit{dim: u.dim + "/" + u2.dim, factor: u.factor / u2.factor, canon: u.canon + "/" + u2.canon}
			j = j2
		} else if j+1 < len(t.rs) && !isDigit(t.rs[j+1]) && !isSpace(t.rs[j+1]) {
			// W/(m·K), cN/dtex: a unit we cannot convert is not read as
			// its numerator.
			return "", unit{}, i, false
		}
	}
	if u.dim == DimPower+"·"+DimTime {
		u.dim, u.canon = DimEnergy, "kWh"
	}
	return t.str(i, j), u, j, true
}

// multipliers are the Chinese magnitude words between a number and its unit
// (8万模次, 1.5亿元 is a table unit, 3千次).
var multipliers = []struct {
	w string
	f float64
}{{"千万", 1e7}, {"百万", 1e6}, {"万", 1e4}, {"亿", 1e8}, {"千", 1e3}, {"百", 1e2}}
