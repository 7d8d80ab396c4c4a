package effect

import (
	"testing"
	"unicode/utf8"
)

// benchNeed and benchAchievement are texts of about 300 characters in the
// style of the catalogs.
const (
	benchNeed = "我公司为主机厂配套生产铝合金转向节，采用低压铸造。近一年X光探伤发现厚壁处缺陷集中，" +
		"断面呈海绵状疏松，废品率约7%，部分件台架疲劳试验提前断裂。目前靠加大冒口、延长保压时间缓解，" +
		"但材料利用率已降到55%。冬季-25 ℃时续航只有夏天的55%左右，暖风一开电量掉得更快。" +
		"希望找到能从根本上解决问题的工艺方案，要求废品率控制在2%以内，不增加成本，寿命达到9个月以上，可合作开发。" +
		"设备噪声超标，油温高，密封处漏油严重，半年就要更换一次密封件。"
	benchAchievement = "针对铝合金铸件易出现缩松、气孔的问题，开发了局部挤压补缩与真空浸渗复合工艺。" +
		"与传统工艺相比，铸件内部缺陷减少80%以上，气密性试验合格率由85%提高到99%，" +
		"疲劳寿命延长2倍，单件能耗降低15%，生产节拍缩短20%。涂层耐腐蚀、耐磨损，" +
		"在不降低强度的前提下减重12%，盐雾试验1000 h无腐蚀。已在多家汽车零部件企业应用，" +
		"工艺成熟，成本较低。已授权发明专利6项，可技术转让或许可。"
)

func BenchmarkExtract(b *testing.B) {
	a, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		text string
		role Role
	}{
		{"need", benchNeed, Need},
		{"achievement", benchAchievement, Achievement},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				n = len(a.Extract(bc.text, bc.role))
			}
			b.ReportMetric(float64(n), "statements")
			b.ReportMetric(float64(utf8.RuneCountInString(bc.text)), "runes")
		})
	}
}

func BenchmarkAnswers(b *testing.B) {
	a, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	need := a.Extract(benchNeed, Need)
	ach := a.Extract(benchAchievement, Achievement)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = len(a.Answers(need, ach))
	}
	b.ReportMetric(float64(n), "links")
}

func BenchmarkDefaultLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loadFS(dataFS, "data"); err != nil {
			b.Fatal(err)
		}
	}
}
