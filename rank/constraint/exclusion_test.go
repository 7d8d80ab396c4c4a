package constraint

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch/rank/knowledge"
)

// exKey renders an exclusion compactly for table tests: kind:term、term, or
// kind:#category when it has no terms.
func exKey(e Exclusion) string {
	var terms []string
	for _, t := range e.Terms {
		terms = append(terms, t.Text)
	}
	if len(terms) == 0 {
		return e.Kind.String() + ":#" + strings.Join(e.Categories, ",")
	}
	return e.Kind.String() + ":" + strings.Join(terms, "、")
}

func exKeys(es []Exclusion) []string {
	var out []string
	for _, e := range es {
		out = append(out, exKey(e))
	}
	return out
}

// exclusionCases are real-looking need sentences (written for this test,
// not taken from any catalog), with the exclusions an agent would read.
var exclusionCases = []struct {
	text string
	want []string
}{
	// Plain exclusions of a thing.
	{"动力电池方案不考虑三元锂电池，希望采用磷酸铁锂或钠离子路线。", []string{"thing:三元锂电池"}},
	{"驾驶员状态监测不采用车内摄像头，希望用方向盘电容传感方案。", []string{"thing:车内摄像头"}},
	{"需求：不使用氢氟酸的石墨提纯技术，产品固定碳≥99.95%。", []string{"thing:氢氟酸"}},
	{"涂层不含重金属，满足出口欧盟要求。", []string{"thing:重金属"}},
	{"外墙保温材料达到B1级且不得含卤系阻燃剂。", []string{"thing:卤系阻燃剂"}},
	{"不考虑加装隔声罩、包覆等增重方案。", []string{"thing:隔声罩、包覆、增重"}},
	{"环保部门已禁止浓水回灌，急需彻底解决浓水出路。", []string{"thing:浓水回灌"}},
	{"为电动两轮车开发一款不用锂的低成本电芯，要求能量密度≥120 Wh/kg。", []string{"thing:锂"}},
	{"连续血糖监测传感器，佩戴14天，无需指血校准。", []string{"thing:指血校准"}},
	{"不采用用水清洗的方案，现场没有排水条件。", []string{"thing:水清洗"}},
	{"可许可或转让，预算200万元，不考虑技术入股。", []string{"thing:#equity"}},
	{"不要还在研发中的东西，最好已有量产案例。", []string{"thing:#low_maturity"}},
	{"排除进口设备，优先国产化方案。", []string{"thing:进口设备"}},
	{"禁用含铅焊料，产线需符合RoHS。", []string{"thing:铅焊料"}},
	{"要求无铅、无卤，符合RoHS和REACH。", []string{"thing:铅", "thing:卤"}},
	{"镀锌线要求无氰工艺。", []string{"thing:氰"}},
	{"避免使用含氟润滑脂，防止与密封件反应。", []string{"thing:氟润滑脂"}},
	{"尽量不用化学药剂，降低二次污染。", []string{"thing:化学药剂"}},
	{"不接受动物源原料，培养基需无血清。", []string{"thing:动物源原料"}},
	{"除尘改造不选用湿式电除尘，场地受限。", []string{"thing:湿式电除尘"}},
	{"烟气处理不考虑焚烧和填埋，希望资源化利用。", []string{"thing:焚烧、填埋"}},
	{"叶片除冰不采用电加热或热风方案，成本太高。", []string{"thing:电加热、热风"}},
	{"检测环节不依赖人工目检，要求在线自动识别。", []string{"thing:人工目检"}},
	{"培养过程严禁使用抗生素。", []string{"thing:抗生素"}},
	{"不需要人工干预，系统全自动运行。", []string{"thing:人工干预"}},
	{"采用被动散热而不是风扇，整机须静音。", []string{"thing:风扇"}},
	{"我们要的不是检测设备，而是能消除漏气的工艺。", []string{"thing:检测设备"}},
	{"除磷酸铁锂外，其他电池体系均可考虑。", []string{"thing:磷酸铁锂"}},
	{"优先考虑非三元锂方案。", []string{"thing:三元锂"}},
	{"又有出血倾向的患者又不能多用抗凝剂，处理困难。", []string{"thing:抗凝剂"}},
	{"不用再安排人工巡检，无需停机即可完成检测。", []string{"thing:人工巡检", "thing:#downtime"}},
	{"农残降解不使用化学农药和激素类产品。", []string{"thing:化学农药、激素"}},
	// Changes that must not be made.
	{"现有模具价值高，不能更换模具，希望通过工艺优化解决。", []string{"change:模具"}},
	{"不改硬件，通过软件算法升级实现。", []string{"change:硬件"}},
	{"安装不改动机床结构，能与西门子840D系统通讯。", []string{"change:机床结构"}},
	{"散热受限，且不允许加风扇。寻求高效被动散热技术。", []string{"change:风扇"}},
	{"希望在不更换细胞株的前提下提高表达量。", []string{"change:细胞株"}},
	{"不改变现有产线布局，改造周期不超过一周。", []string{"change:产线布局"}},
	{"不新增占地，不拆除原有除尘器。", []string{"preserve:占地", "change:除尘器"}},
	{"不得增加额外传感器，只用现有CAN信号。", []string{"change:传感器"}},
	// Properties to preserve.
	{"希望在不改变药效的前提下改善服用体验。", []string{"preserve:药效"}},
	{"模组空间有限，不能明显增加重量和成本。", []string{"preserve:重量、成本"}},
	{"激光清洗除漆，不损伤铝合金基材。", []string{"preserve:铝合金基材"}},
	{"提高再生制动回收比例，不改变驾驶感受。", []string{"preserve:驾驶感受"}},
	{"改造期间不影响正常生产。", []string{"preserve:正常生产"}},
	{"不增加操作人员，不降低产品强度。", []string{"preserve:操作人员", "preserve:产品强度"}},
	// Symptoms and other negations that are not exclusions.
	{"铸件合格率不高，尺寸不稳定，组织不均匀。", nil},
	{"现有方法效果不明显，不能满足要求，出水不达标。", nil},
	{"冬季续航不足，电池低温性能不理想。", nil},
	{"不仅要提高效率，还要降低能耗。", nil},
	{"设备不使用时自动断电，待机功耗低。", nil},
	{"避免轴承电腐蚀，延长电机寿命。", nil},
	{"跟车时自动调整光型，避免晃对面司机。", nil},
	{"塑料件不能与车身共线烘烤，能耗高。", nil},
	{"单体热失控后5分钟内不得起火爆炸。", nil},
	{"对技术路线不做要求，可合作开发。", nil},
	{"不要求一次性投入，可分期付款。", nil},
	{"价格不含税，可开具发票。", nil},
	{"原有设备不能用于高温工况，需要升级。", nil},
	{"现有刀具不能加工深孔。", nil},
	{"公司热电车间转动设备突发故障、非计划停机多。", nil},
	{"采用非接触式测量，精度±0.01mm。", nil},
	{"304不锈钢管道焊缝不锈蚀，无损检测合格。", nil},
	{"无人值守，无线传输数据。", nil},
	{"出水COD不能稳定达到排放标准，面临处罚。", nil},
	{"是否可以不考虑运输成本，可不考虑。", nil},
	{"", nil},
}

func TestExclusions(t *testing.T) {
	g, err := knowledge.Default()
	require.NoError(t, err)
	for _, c := range exclusionCases {
		got := exKeys(Exclusions(c.text, g))
		assert.Equal(t, c.want, got, "Exclusions(%q): got %v, want %v", c.text, got, c.want)
	}
}

func TestExclusionsWithoutGraph(t *testing.T) {
	for _, c := range exclusionCases {
		got := exKeys(Exclusions(c.text, nil))
		assert.Equal(t, c.want, got, "Exclusions(%q, nil): got %v, want %v", c.text, got, c.want)
	}
}

func TestExclusionSpansAndCues(t *testing.T) {
	text := "动力电池方案不考虑三元锂电池，不能更换模具。"
	got := Exclusions(text, nil)
	require.Len(t, got, 2)
	for _, e := range got {
		assert.Equal(t, e.Cue, text[e.CueSpan.Start:e.CueSpan.End], "cue span of %v", e)
		assert.Equal(t, e.Phrase, text[e.Span.Start:e.Span.End], "phrase span of %v", e)
		for _, tm := range e.Terms {
			assert.Equal(t, tm.Text, text[tm.Span.Start:tm.Span.End], "term span of %v", tm)
		}
	}
	assert.Equal(t, "不考虑：三元锂电池", got[0].String())
	assert.Equal(t, "不能更换：模具", got[1].String())
	assert.Equal(t, "三元锂电池", got[0].Phrase)
	// The scorer drops exactly these bytes from the positive query.
	assert.Equal(t, "三元锂电池", text[got[0].Span.Start:got[0].Span.End])
}

func TestExclusionConcepts(t *testing.T) {
	g, err := knowledge.Default()
	require.NoError(t, err)
	cases := []struct {
		text    string
		graph   *knowledge.Graph
		want    []string // must all be among the concepts
		notWant []string // must not be
	}{
		{"不含重金属", nil, []string{"重金属", "铅", "镉", "汞", "铬", "六价铬"}, []string{"无铅"}},
		{"不考虑三元锂电池", nil, []string{"三元锂电池", "ncm", "nca", "三元锂"}, []string{"磷酸铁锂"}},
		{"不考虑三元锂电池", g, []string{"三元电池", "镍钴锰"}, nil},
		// 阻燃 and 无卤阻燃 (its KB synonym) are what the need wants.
		{"不得含卤系阻燃剂", g, []string{"卤系阻燃剂", "溴系阻燃剂"}, []string{"阻燃", "阻燃剂", "无卤阻燃"}},
		{"不采用复合材料", g, []string{"复合材料", "碳纤维增强复合材料"}, nil},
		{"不改变药效", g, nil, []string{"药效"}},
	}
	for _, c := range cases {
		got := Exclusions(c.text, c.graph)
		require.Len(t, got, 1, "Exclusions(%q)", c.text)
		for _, w := range c.want {
			assert.Contains(t, got[0].Concepts, w, "Exclusions(%q).Concepts = %v, want %q in it", c.text, got[0].Concepts, w)
		}
		for _, w := range c.notWant {
			assert.NotContains(t, got[0].Concepts, w, "Exclusions(%q).Concepts = %v, want no %q", c.text, got[0].Concepts, w)
		}
		assert.LessOrEqual(t, len(got[0].Concepts), MaxConcepts)
	}
}

func TestExclusionKindsAndConfidence(t *testing.T) {
	cases := []struct {
		text     string
		kind     ExclusionKind
		cats     []string
		minConf  float64
		maxConf  float64
		wantCues string
	}{
		{"不考虑三元锂电池", ExcludeThing, nil, .85, 1, "不考虑"},
		{"不能更换模具", ExcludeChange, []string{"tooling_change"}, .8, .9, "不能更换"},
		{"不能明显增加重量", Preserve, nil, .6, .75, "不能明显增加"},
		{"我们要的不是检测设备，而是工艺", ExcludeThing, nil, .5, .65, "不是"},
		{"不改硬件", ExcludeChange, []string{"hardware_change"}, .75, .85, "不改"},
		{"不采用用水清洗的方案", ExcludeThing, []string{"wet_process"}, .85, 1, "不采用"},
		// Cues after their object are less sure, more so across a clause.
		{"燃油加热器就不用考虑了。", ExcludeThing, nil, .6, .7, "不用考虑"},
		{"化学药剂法我们不接受。", ExcludeThing, []string{"chemical"}, .6, .7, "不接受"},
		{"全部换成不锈钢或钛材管束投资太大，不考虑。", ExcludeThing, nil, .5, .6, "不考虑"},
		{"硬件改造不在考虑范围内。", ExcludeChange, []string{"hardware_change"}, .6, .7, "不在考虑范围内"},
		{"可采用各种加热方式（电加热方案除外）。", ExcludeThing, nil, .6, .7, "除外"},
		{"原有管网不做改动。", ExcludeChange, nil, .6, .7, "不做改动"},
		{"不对现有生产线进行改造。", ExcludeChange, nil, .8, .9, "不对"},
		{"保持原有产线布局不变的前提下提升产能。", ExcludeChange, nil, .7, .8, "保持"},
		{"设备不能拆下返厂。", ExcludeChange, nil, .8, .9, "不能"},
		// A product's requirement: its own kind in a detection need, a
		// weak exclusion otherwise.
		{"为满足出口客户的无卤要求，需要对来料进行卤素快速筛查。", ProductSpec, nil, .75, .85, "无"},
		{"为满足客户的无铅要求，希望开发低温焊料。", ExcludeThing, nil, .4, .5, "无"},
		{"客户要求涂层不含六价铬，希望开发三价铬钝化工艺。", ExcludeThing, nil, .4, .5, "不含"},
		{"涂层不含六价铬，希望开发三价铬钝化工艺。", ExcludeThing, nil, .85, 1, "不含"},
	}
	for _, c := range cases {
		got := Exclusions(c.text, nil)
		require.Len(t, got, 1, "Exclusions(%q)", c.text)
		e := got[0]
		assert.Equal(t, c.kind, e.Kind, "Exclusions(%q).Kind: got %v, want %v", c.text, e.Kind, c.kind)
		assert.Equal(t, c.cats, e.Categories, "Exclusions(%q).Categories", c.text)
		assert.Equal(t, c.wantCues, e.Cue, "Exclusions(%q).Cue", c.text)
		assert.True(t, e.Confidence >= c.minConf && e.Confidence <= c.maxConf,
			"Exclusions(%q).Confidence = %v, want in [%v, %v]", c.text, e.Confidence, c.minConf, c.maxConf)
	}
}

// TestExclusionSpansAround checks the spans of cues after their phrase and
// of cues in two parts, and how they render.
func TestExclusionSpansAround(t *testing.T) {
	cases := []struct {
		text, phrase, cue, verb, str string
	}{
		{"燃油加热器就不用考虑了。", "燃油加热器", "不用考虑", "", "不用考虑：燃油加热器"},
		{"全部换成不锈钢或钛材管束投资太大，不考虑。", "全部换成不锈钢或钛材管束", "不考虑", "", "不考虑：不锈钢、钛材"},
		{"可采用各种加热方式（电加热方案除外）。", "电加热方案", "除外", "", "除外：电加热"},
		{"不对现有生产线进行改造。", "现有生产线", "不对", "进行改造", "不对…进行改造：生产线"},
		{"尽量不对厂房结构做任何改动。", "厂房结构", "尽量不对", "做任何改动", "尽量不对…做任何改动：厂房结构"},
		{"保持原有产线布局基本不变的前提下提升产能。", "原有产线布局", "保持", "不变", "保持…不变：产线布局"},
		{"设备不能拆下返厂。", "拆下返厂", "不能", "", "不能：拆下返厂"},
	}
	for _, c := range cases {
		got := Exclusions(c.text, nil)
		require.Len(t, got, 1, "Exclusions(%q)", c.text)
		e := got[0]
		assert.Equal(t, c.phrase, e.Phrase, "Exclusions(%q).Phrase", c.text)
		assert.Equal(t, c.phrase, c.text[e.Span.Start:e.Span.End], "Exclusions(%q).Span", c.text)
		assert.Equal(t, c.cue, e.Cue, "Exclusions(%q).Cue", c.text)
		assert.Equal(t, c.cue, c.text[e.CueSpan.Start:e.CueSpan.End], "Exclusions(%q).CueSpan", c.text)
		assert.Equal(t, c.verb, e.Verb.Text, "Exclusions(%q).Verb", c.text)
		assert.Equal(t, c.verb, c.text[e.Verb.Span.Start:e.Verb.Span.End], "Exclusions(%q).Verb.Span", c.text)
		assert.Equal(t, c.str, e.String(), "Exclusions(%q).String()", c.text)
		for _, tm := range e.Terms {
			assert.Equal(t, tm.Text, c.text[tm.Span.Start:tm.Span.End], "term span in %q", c.text)
		}
	}
}

func TestExclusionKindExcludes(t *testing.T) {
	for k, want := range map[ExclusionKind]bool{ExcludeThing: true, ExcludeChange: true, Preserve: false, ProductSpec: false} {
		assert.Equal(t, want, k.Excludes(), "%v.Excludes()", k)
	}
	assert.Equal(t, "product", ProductSpec.String())
}

// TestGenericTermsAreNoConcepts: 不能对原有工艺进行调整 names 工艺 but must not
// demote every achievement with 工艺 in its title.
func TestGenericTermsAreNoConcepts(t *testing.T) {
	for _, text := range []string{"不能对原有工艺进行大的调整。", "除了更换整机之外的方案都可以谈。", "不改动原有结构。", "不能更换设备。"} {
		got := Exclusions(text, nil)
		require.Len(t, got, 1, "Exclusions(%q)", text)
		assert.NotEmpty(t, got[0].Terms, "Exclusions(%q).Terms", text)
		assert.Empty(t, got[0].Concepts, "Exclusions(%q).Concepts", text)
		assert.Nil(t, ExcludedBy(got[0], "铝合金压铸工艺优化与整机结构设备", nil), "ExcludedBy for %q", text)
	}
}

func TestExcludedBy(t *testing.T) {
	g, err := knowledge.Default()
	require.NoError(t, err)
	cases := []struct {
		need     string
		title    string
		keywords []string
		want     []string
	}{
		{"不考虑三元锂电池", "高镍三元NCM811正极材料及其制备方法", nil, []string{"高镍三元", "ncm811"}},
		{"不考虑三元锂电池", "磷酸铁锂电池快充技术", []string{"磷酸铁锂", "快充"}, nil},
		{"不考虑三元锂电池", "锂离子电池热管理系统", []string{"NCM电池"}, []string{"ncm电池", "ncm"}},
		{"不考虑三元锂电池", "钠离子电池层状氧化物正极", []string{"NCMA"}, nil},
		{"不含重金属", "含铅玻璃釉料", nil, []string{"铅", "含铅"}},
		{"不含重金属", "无铅环保焊料", nil, nil},
		{"不含重金属", "重金属废水吸附材料", nil, []string{"重金属"}},
		{"不含重金属", "去除重金属的螯合沉淀工艺", nil, nil},
		{"不含重金属", "无铬钝化与三价铬替代六价铬镀层", nil, []string{"铬"}},
		{"不使用氢氟酸的石墨提纯", "氢氟酸替代的碱熔法石墨提纯技术", nil, nil},
		{"不使用氢氟酸的石墨提纯", "石墨氢氟酸法提纯工艺", nil, []string{"氢氟酸"}},
		{"不采用车内摄像头", "基于座舱摄像头的疲劳驾驶预警", nil, []string{"座舱摄像头"}},
		{"不采用车内摄像头", "方向盘电容式握持检测", nil, nil},
		{"不能更换模具", "压铸模具随形冷却优化设计", nil, []string{"模具"}},
		{"不允许加风扇", "LED灯具强制风冷散热模组", nil, []string{"风冷", "强制风冷"}},
		{"不允许加风扇", "均温板被动散热", []string{"热管", "均温板"}, nil},
		{"不得含卤系阻燃剂", "十溴二苯乙烷阻燃聚丙烯", nil, []string{"十溴二苯乙烷"}},
		{"不得含卤系阻燃剂", "无卤阻燃聚烯烃电缆料", []string{"无卤阻燃"}, nil},
		{"不改变药效", "掩味技术提高药效", nil, nil},
		{"不要还在研发中的东西", "实验室阶段的新型电解液", nil, nil},
		{"不考虑加装隔声罩、包覆等增重方案", "发动机隔声罩轻量化设计", nil, []string{"隔声罩"}},
		{"不用锂的低成本电芯", "磷酸铁锂储能电芯", nil, []string{"锂"}},
		{"不用锂的低成本电芯", "钠离子电池硬碳负极", nil, nil},
		// The replacement materials are excluded, not the replaced object.
		{"全部换成不锈钢或钛材管束投资太大，不考虑。", "钛材管束换热器", nil, []string{"钛材", "钛"}},
		{"全部换成不锈钢或钛材管束投资太大，不考虑。", "双相不锈钢换热管", nil, []string{"不锈钢", "双相不锈钢"}},
		{"全部换成不锈钢或钛材管束投资太大，不考虑。", "换热器管束在线防腐涂层技术", nil, nil},
		// A material named by its form excludes the material (an element, or a stem of two runes or more).
		{"全部换成不锈钢或钛材管束投资太大，不考虑。", "换热器用TA2钛管与钛-钢复合管板", []string{"钛管"}, []string{"钛"}},
		{"不考虑铝合金型材", "6061铝合金车身骨架", nil, []string{"铝合金"}},
		{"不考虑钢材", "高强钢热成形", nil, nil},
		{"燃油加热器就不用考虑了。", "燃油加热器低温启动技术", nil, []string{"燃油加热器"}},
		// A requirement on the product of a detection need demotes nothing.
		{"为满足出口客户的无卤要求，需要对来料进行卤素快速筛查。", "卤素快速检测试纸", nil, nil},
		{"产品需满足RoHS（不含铅镉），需要一种快速检测方法。", "铅镉X射线荧光快速检测", nil, nil},
		{"检测试剂不含汞，需要建立快速检测方法。", "含汞试剂比色检测", nil, []string{"汞"}},
	}
	for _, c := range cases {
		exs := Exclusions(c.need, g)
		require.Len(t, exs, 1, "Exclusions(%q)", c.need)
		got := ExcludedBy(exs[0], c.title, c.keywords)
		assert.Equal(t, c.want, got, "ExcludedBy(%q, %q, %v): got %v, want %v", c.need, c.title, c.keywords, got, c.want)
	}
}

func TestExclusionsRound2(t *testing.T) {
	g, err := knowledge.Default()
	require.NoError(t, err)
	for _, gr := range []*knowledge.Graph{nil, g} {
		for _, c := range round2Cases {
			got := exKeys(Exclusions(c.text, gr))
			assert.Equal(t, c.want, got, "Exclusions(%q): got %v, want %v", c.text, got, c.want)
		}
	}
}
