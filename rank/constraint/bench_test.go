package constraint

import (
	"testing"
	"unicode/utf8"

	"github.com/techmatch/techmatch/rank/knowledge"
)

// benchNeed is a need of about 300 characters with exclusions and numbers.
const benchNeed = "新能源商用车电池包低温性能提升。我公司为东北地区城市公交提供纯电动客车，冬季最低气温-35℃，" +
	"现有磷酸铁锂电池包低温下续航衰减超过40%，充电时间由1小时延长至3小时以上，司机和乘客投诉多。" +
	"希望引进电池包低温自加热或热管理技术，要求-30℃环境下30分钟内将电芯加热至10℃以上，加热能耗不超过电池容量的5%，" +
	"系统寿命不少于8年，循环寿命不少于3000次。方案不考虑三元锂电池，不能更换现有电池模组，" +
	"不允许加装燃油加热器，不改动整车高压架构，尽量不增加重量和成本。可接受技术许可或合作开发，不考虑技术入股，预算300万元。"

const benchAchievement = "电池包脉冲自加热与热管理集成技术。利用电机控制器产生高频交变电流对电芯内部加热，-30℃下15分钟升温至10℃，" +
	"加热能耗约为电池容量的3%，无需外加加热器，工作温度-40℃~60℃，系统寿命10年，已在北方多个城市装车运行三个冬季，" +
	"循环寿命5000次容量保持率80%，能量密度160 Wh/kg，充电时间缩短50%。已授权发明专利6项。"

func BenchmarkExclusions(b *testing.B) {
	g, err := knowledge.Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		g    *knowledge.Graph
	}{{"lexicon", nil}, {"knowledge", g}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Exclusions(benchNeed, c.g)
			}
			b.ReportMetric(float64(utf8.RuneCountInString(benchNeed)), "runes")
		})
	}
}

func BenchmarkQuantities(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Quantities(benchNeed)
	}
	b.ReportMetric(float64(utf8.RuneCountInString(benchNeed)), "runes")
}

func BenchmarkFit(b *testing.B) {
	reqs := Requirements(benchNeed)
	stated := Quantities(benchAchievement)
	b.ReportAllocs()
	for b.Loop() {
		FitAll(reqs, stated)
	}
	b.ReportMetric(float64(len(reqs)), "reqs")
}

func BenchmarkExcludedBy(b *testing.B) {
	exs := Exclusions(benchNeed, nil)
	b.ReportAllocs()
	for b.Loop() {
		for _, e := range exs {
			ExcludedBy(e, "高镍三元锂电池低温快充与自加热技术", []string{"三元锂电池", "自加热", "热管理"})
		}
	}
}
