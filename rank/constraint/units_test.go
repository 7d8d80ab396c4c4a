package constraint

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUnitConversion reads one quantity per text and checks its dimension
// and value in the canonical unit.
func TestUnitConversion(t *testing.T) {
	cases := []struct {
		text string
		dim  Dimension
		want float64
	}{
		{"5μm", DimLength, 0.005},
		{"5µm", DimLength, 0.005}, // micro sign U+00B5
		{"5um", DimLength, 0.005},
		{"3丝", DimLength, 0.03},
		{"0.3mm", DimLength, 0.3},
		{"2.5厘米", DimLength, 25},
		{"1.2m", DimLength, 1200},
		{"3 km", DimLength, 3e6},
		{"50纳米", DimLength, 5e-5},
		{"30秒", DimTime, 30.0 / 3600},
		{"2分钟", DimTime, 2.0 / 60},
		{"90 min", DimTime, 1.5},
		{"2小时", DimTime, 2},
		{"3天", DimTime, 72},
		{"2周", DimTime, 336},
		{"9个月", DimTime, 9 * 730},
		{"3年", DimTime, 3 * 8760},
		{"两年", DimTime, 2 * 8760},
		{"十二个月", DimTime, 12 * 730},
		{"200ms", DimTime, 0.2 / 3600},
		{"28d", DimTime, 28 * 24},
		{"8万模次", DimCount, 80000},
		{"10万次", DimCount, 1e5},
		{"1亿次", DimCount, 1e8},
		{"3千次", DimCount, 3000},
		{"十万次", DimCount, 1e5},
		{"1.5‰", DimPercent, 0.15},
		{"200 ppm", DimPercent, 0.02},
		{"85%", DimPercent, 85},
		{"85％", DimPercent, 85}, // full-width
		{"500W", DimPower, 0.5},
		{"15kW", DimPower, 15},
		{"15 KW", DimPower, 15},
		{"3千瓦", DimPower, 3},
		{"2MW", DimPower, 2000},
		{"10 MPa", DimPressure, 10},
		{"10 Mpa", DimPressure, 10},
		{"10000 kPa", DimPressure, 10},
		{"2.5 GPa", DimPressure, 2500},
		{"3 bar", DimPressure, 0.3},
		{"600V", DimVoltage, 600},
		{"10 kV", DimVoltage, 1e4},
		{"500 mA", DimCurrent, 0.5},
		{"100 kHz", DimFrequency, 1e5},
		{"3 kg", DimMass, 3},
		{"500克", DimMass, 0.5},
		{"2吨", DimMass, 2000},
		{"3 L", DimVolume, 3},
		{"200 mL", DimVolume, 0.2},
		{"2 m³", DimVolume, 2000},
		{"5 dB(A)", DimSound, 5},
		{"1.5亿元", DimMoney, 15000},
		{"300万元", DimMoney, 300},
		{"50元", DimMoney, 0.005},
		{"4.5kW/kg", "power/mass", 4.5},
		{"4500 W/kg", "power/mass", 4.5},
		{"280 Wh/kg", "energy/mass", 0.28},
		{"60秒/件", "time/pieces", 60.0 / 3600},
		{"1分钟/件", "time/pieces", 1.0 / 60},
		{"120 mg/L", "mass/volume", 1.2e-4},
		{"0.12 g/L", "mass/volume", 1.2e-4},
		{"10 m/s", "length/time", 1e4 * 3600},
		{"36 km/h", "length/time", 36e6},
		{"1×10⁻⁶Pa·m³/s", "pressure·volume/time", 1e-6 * 1e-6 * 1000 * 3600},
		{"1.0E-6 Pa·m3/s", "pressure·volume/time", 1e-6 * 1e-6 * 1000 * 3600},
		{"1×10-3 mbar·L/s", "pressure·volume/time", 1e-3 * 1e-4 * 3600},
		{"3000 rpm", DimRotation, 3000},
		{"50 r/s", DimRotation, 3000},
		{"58HRC", DimHardnessHRC, 58},
		{"HV600", DimHardnessHV, 600},
		{"100 kWh", DimEnergy, 100},
		{"3.6 MJ", DimEnergy, 1},
		{"1,200 kg", DimMass, 1200},
		{"-35℃", DimTemperature, -35},
		{"−35 °C", DimTemperature, -35}, // U+2212 minus
		{"零下35摄氏度", DimTemperature, -35},
	}
	for _, c := range cases {
		qs := Quantities(c.text)
		require.Len(t, qs, 1, "Quantities(%q): got %d quantities, want 1", c.text, len(qs))
		got := qs[0]
		assert.Equal(t, c.dim, got.Dim, "Quantities(%q).Dim: got %v, want %v", c.text, got.Dim, c.dim)
		assert.InEpsilon(t, c.want, got.Value, 1e-9, "Quantities(%q).Value: got %v, want %v", c.text, got.Value, c.want)
	}
}

// TestUnitTable checks every table entry: a positive factor, a canonical
// unit, and that the canonical unit itself (when a table key) has factor 1.
func TestUnitTable(t *testing.T) {
	require.NotEmpty(t, units)
	for k, u := range units {
		assert.True(t, u.factor > 0 && !math.IsInf(u.factor, 0), "unit %q factor %v, want positive finite", k, u.factor)
		assert.NotEmpty(t, u.canon, "unit %q has no canonical unit", k)
		if c, ok := units[u.canon]; ok {
			assert.Equal(t, u.dim, c.dim, "unit %q and its canonical %q differ in dimension", k, u.canon)
			assert.InDelta(t, 1.0, c.factor, 1e-12, "canonical unit %q has factor %v, want 1", u.canon, c.factor)
		}
	}
}

// TestUnitBoundaries: units must not be read inside other words.
func TestUnitBoundaries(t *testing.T) {
	for _, text := range []string{
		"3周期", "2年级", "一次性", "5丝杠", "5A级景区", "316L不锈钢", "3D打印", "5G通信", "40K芯片",
		"R407C", "Ti6Al4V", "NCM811", "M8", "DN100", "IP67", "第3代", "2023年", "2008-2010年", "4-1BB",
		"三元材料", "十分重要", "一体化", "5mmol", "1C/1C",
	} {
		assert.Empty(t, Quantities(text), "Quantities(%q) should find nothing", text)
	}
}
