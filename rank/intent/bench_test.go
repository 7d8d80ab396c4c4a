package intent

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// benchNeed is a 300-character need, the size the scorer meets most.
var benchNeed = Text{
	Title: "电池托盘铝合金焊缝气孔多、气密性不合格问题",
	Description: "我公司生产铝合金电池托盘，目前采用MIG焊拼焊型材，焊缝气孔较多，X光检测不合格率约8%，" +
		"气密性测试泄漏返修多，焊后变形大需要校形，严重影响交付。希望引入新工艺或改进现有工艺，" +
		"降低气孔率和焊后变形，欢迎专家来厂指导。要求焊缝X光检测合格率达到98%以上，气密性一次合格率95%以上，" +
		"生产节拍不低于现有水平，改造投资控制在200万元以内。我公司具备中试条件，可提供试验场地和样件，" +
		"可接受技术许可或合作开发，也可考虑购买成熟的焊接设备与工艺包。",
	Keywords: []string{"焊缝气孔", "气密性泄漏", "焊后变形", "电池托盘"},
}

var benchAchievement = Text{
	Title: "基于主轴功率与声发射多源信息融合的刀具状态在线监测系统",
	Description: "同步采集主轴功率、声发射和振动信号，提取时频域特征，采用自适应阈值与隐马尔可夫模型识别刀具磨损阶段，" +
		"崩刃、断刀报警响应时间不超过50ms。功率传感器无需改动机床结构，可接入主流数控系统，已在发动机缸体缸盖生产线应用，" +
		"刀具消耗降低15%，因刀具失效造成的批量报废基本消除。已授权发明专利3项。",
	Keywords: []string{"刀具状态监测", "声发射", "主轴功率", "断刀报警"},
}

func runes(t Text) int {
	n := utf8.RuneCountInString(t.Title) + utf8.RuneCountInString(t.Description)
	for _, k := range t.Keywords {
		n += utf8.RuneCountInString(k)
	}
	return n
}

// BenchmarkNeed and BenchmarkAchievement classify one record of about 300
// runes (the figure in doc.go). BenchmarkNeedLong classifies a 16 KiB
// description (the field limit).
func BenchmarkNeed(b *testing.B) {
	c := mustDefault(b)
	benchClassify(b, benchNeed, func(t Text) { c.Need(t) })
}

func BenchmarkAchievement(b *testing.B) {
	c := mustDefault(b)
	benchClassify(b, benchAchievement, func(t Text) { c.Achievement(t) })
}

// benchClassify times classify on t and reports docs/s.
func benchClassify(b *testing.B, t Text, classify func(Text)) {
	b.ReportAllocs()
	b.ReportMetric(float64(runes(t)), "runes")
	for b.Loop() {
		classify(t)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

func BenchmarkNeedLong(b *testing.B) {
	c := mustDefault(b)
	t := benchNeed
	t.Description = truncate(strings.Repeat(benchNeed.Description, MaxFieldBytes/len(benchNeed.Description)+1), MaxFieldBytes)
	benchClassify(b, t, func(t Text) { c.Need(t) })
}

func BenchmarkLoadDefault(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(strings.NewReader(defaultLexicon), "lexicon.tsv"); err != nil {
			b.Fatal(err)
		}
	}
}
