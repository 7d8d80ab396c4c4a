package intent

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The second-pass tables: achievements whose title is a detection,
// measurement, analysis or forecasting head before a generic carrier
// (系统, 装置, 设备, 平台, 仪, 模型, 软件), across industries, with the
// description and keywords that drown the head when the rest of the record
// is read as evidence of equal standing (the object monitored and the
// parts of the instrument: 壳体, 真空箱, 抽真空机组, 电池包). Written for these
// tests, not records of testdata.

// confCase is a record, the kind wanted and the least confidence wanted.
type confCase struct {
	name string
	t    Text
	want Role
	also Role // a second acceptable kind, or RoleUnknown
	min  float64
}

var detectionHeads = []confCase{
	// leak detection and NDT in manufacturing
	{name: "helium leak test system", want: RoleMonitoring, min: 0.6, t: Text{
		Title:       "压铸壳体氦质谱真空箱自动检漏系统",
		Description: "针对新能源汽车电机壳体、电池壳体等压铸件的气密性检测需求，研制氦质谱真空箱检漏系统。系统由真空箱、氦检漏仪、抽真空机组、充氦回收装置和PLC控制系统组成，可自动完成上料、抽真空、充氦、检测、回收、下料，漏率检测下限1×10^-6 Pa·m3/s，节拍60秒/件，可接入产线MES。",
		Keywords:    kw("氦质谱检漏", "压铸件", "气密性检测", "真空箱")}},
	{name: "helium leak test, title only", want: RoleMonitoring, min: 0.6, t: Text{Title: "压铸壳体氦质谱真空箱自动检漏系统"}},
	{name: "engine block leak tester", want: RoleMonitoring, min: 0.6, t: Text{
		Title:       "发动机缸体缸盖测漏装置",
		Description: "采用差压法测漏，测试压力0.2 MPa，泄漏量分辨率0.1 mL/min，配有自动夹紧工装和密封堵头，适用于缸体、缸盖、变速箱壳体。",
		Keywords:    kw("差压测漏", "缸体", "工装")}},
	{name: "air-tightness tester for battery packs", want: RoleMonitoring, min: 0.6, t: Text{
		Title:       "动力电池包气密性检测设备",
		Description: "可对电池包、水冷板进行气密性测试，自动充气保压，检测节拍3分钟，支持与MES对接上传数据。",
		Keywords:    kw("电池包", "气密性测试", "水冷板")}},
	{name: "x-ray flaw detection", want: RoleMonitoring, min: 0.6, t: Text{
		Title:       "铝合金轮毂X射线实时成像探伤系统",
		Description: "采用平板探测器实时成像，自动识别气孔、缩松、夹渣等铸造缺陷，可与生产线联动剔除不合格轮毂。",
		Keywords:    kw("轮毂", "探伤", "铸造缺陷")}},
	{name: "ultrasonic phased array weld inspection", want: RoleMonitoring, min: 0.6, t: Text{
		Title:       "压力容器焊缝超声相控阵检测装置",
		Description: "爬行器携带相控阵探头沿焊缝自动扫查，可检出未熔合、裂纹等缺陷，替代射线检测，无辐射。",
		Keywords:    kw("相控阵", "焊缝", "压力容器")}},
	{name: "SPC dimension inspection", want: RoleMonitoring, min: 0.6, t: Text{
		Title:       "注塑件尺寸在线SPC检测系统",
		Description: "在注塑机出口布置视觉测量工位，自动测量关键尺寸并进行SPC统计分析，超差实时报警。",
		Keywords:    kw("SPC", "尺寸检测", "注塑")}},
	{name: "motor test bench", want: RoleMonitoring, min: 0.6, t: Text{
		Title:       "驱动电机NVH测试台架",
		Description: "可测试驱动电机在全转速范围内的振动与噪声，配备半消声室与测功机，自动生成阶次分析报告。",
		Keywords:    kw("NVH", "驱动电机", "测功机")}},
	{name: "gearbox durability rig", want: RoleMonitoring, min: 0.6, t: Text{Title: "重型变速箱耐久试验台架"}},
	{name: "tool wear monitoring", want: RoleMonitoring, min: 0.6, t: Text{
		Title:       "数控机床刀具磨损在线监测装置",
		Description: "通过主轴功率和振动信号判断刀具磨损状态，断刀时自动停机报警，可接入主流数控系统。",
		Keywords:    kw("刀具磨损", "数控机床", "主轴功率")}},
	{name: "gauge (检具)", want: RoleMonitoring, min: 0.5, t: Text{Title: "汽车白车身综合检具"}},

	// energy
	{name: "transformer oil DGA", want: RoleMonitoring, min: 0.6, t: Text{
		Title:       "变压器油中溶解气体在线监测装置",
		Description: "装置安装于变压器本体，采用色谱分离与热导检测，自动分析氢气、甲烷、乙炔等七种气体含量，超限自动报警。",
		Keywords:    kw("油色谱", "变压器", "在线监测")}},
	{name: "battery thermal runaway warning", want: RoleMonitoring, min: 0.6, t: Text{
		Title:       "电动汽车电池包热失控预警系统",
		Description: "在电池包内布置温度、气体和压力传感器，融合多参数识别热失控前兆，提前5分钟以上发出预警，并联动BMS切断回路。",
		Keywords:    kw("热失控", "预警", "电池包", "BMS")}},
	{name: "PV power forecast", want: RoleMonitoring, min: 0.6, t: Text{
		Title:       "光伏电站短期发电功率预测系统",
		Description: "融合数值天气预报与历史发电数据，采用神经网络预测未来72小时发电功率，日前预测准确率92%。",
		Keywords:    kw("功率预测", "光伏电站")}},
	{name: "wind turbine CMS", want: RoleMonitoring, min: 0.6, t: Text{
		Title:       "风电机组传动链振动状态监测与故障诊断系统",
		Description: "在主轴承、齿轮箱、发电机布置振动传感器，通过频谱分析识别轴承剥落、齿面点蚀等早期故障，提前2-3个月预警。",
		Keywords:    kw("振动监测", "故障诊断", "齿轮箱")}},
	{name: "cable partial discharge", want: RoleMonitoring, min: 0.6, t: Text{
		Title:       "高压电缆局部放电带电检测仪",
		Description: "采用高频电流和超声联合检测，无需停电即可检测电缆终端和中间接头的局部放电，定位缺陷。",
		Keywords:    kw("局部放电", "带电检测", "电缆")}},
	{name: "pipeline leak warning platform", want: RoleMonitoring, min: 0.6, t: Text{
		Title:       "油气管道泄漏监测预警平台",
		Description: "沿管道布设分布式光纤和压力变送器，实时识别泄漏和第三方施工破坏，定位精度±50米。",
		Keywords:    kw("管道泄漏", "分布式光纤", "预警")}},
	{name: "water network leak location", want: RoleMonitoring, min: 0.6, t: Text{
		Title:       "城市供水管网漏损监测与定位系统",
		Description: "通过噪声记录仪和压力传感器监测管网，自动定位漏点，定位误差小于1米。",
		Keywords:    kw("漏损", "管网", "漏点定位")}},
	{name: "coal mine gas warning", want: RoleMonitoring, min: 0.6, t: Text{Title: "矿井瓦斯浓度监测预警系统"}},
	{name: "grid load forecast", want: RoleMonitoring, min: 0.6, t: Text{Title: "区域电网短期负荷预测系统"}},

	// agriculture
	{name: "rice disease diagnosis", want: RoleMonitoring, min: 0.6, t: Text{
		Title:       "水稻主要病害智能诊断系统",
		Description: "农户用手机拍摄叶片，系统基于图像识别诊断稻瘟病、纹枯病等12种病害，准确率90%，并推送防治建议。",
		Keywords:    kw("病害诊断", "水稻", "图像识别")}},
	{name: "pest forecasting", want: RoleMonitoring, min: 0.6, t: Text{Title: "玉米螟虫情自动测报系统"}},
	{name: "soil heavy metal kit", want: RoleMonitoring, min: 0.6, t: Text{
		Title:       "土壤重金属快速检测仪",
		Description: "便携式X荧光光谱仪，5分钟完成土壤中镉、铅、砷等8种重金属检测，适合现场筛查。",
		Keywords:    kw("土壤检测", "重金属")}},
	{name: "pesticide residue strips", want: RoleMonitoring, min: 0.6, t: Text{
		Title:       "农药残留胶体金快速检测试纸条",
		Description: "10分钟内判读蔬菜中有机磷农药残留，检出限0.05 mg/kg，无需仪器。",
		Keywords:    kw("农残检测", "胶体金")}},
	{name: "crop yield forecast platform", want: RoleMonitoring, min: 0.6, t: Text{
		Title:       "作物长势遥感监测与产量预测平台",
		Description: "利用卫星遥感影像反演作物长势，结合气象数据预测县域产量，为农业保险提供依据。",
		Keywords:    kw("遥感", "产量预测")}},
	{name: "livestock disease test card", want: RoleMonitoring, min: 0.6, t: Text{Title: "猪伪狂犬病抗体快速检测卡"}},

	// medicine
	{name: "ASF nucleic acid kit", want: RoleMonitoring, min: 0.6, t: Text{
		Title:       "非洲猪瘟病毒荧光定量PCR检测试剂盒",
		Description: "检测灵敏度10拷贝/反应，与猪瘟、蓝耳等病毒无交叉反应，适用于血液、组织样本。",
		Keywords:    kw("非洲猪瘟", "PCR", "试剂盒")}},
	{name: "newborn screening", want: RoleMonitoring, min: 0.6, t: Text{Title: "新生儿遗传代谢病串联质谱筛查试剂盒"}},
	{name: "CGM", want: RoleMonitoring, min: 0.6, t: Text{
		Title:       "植入式连续血糖监测系统",
		Description: "皮下传感器寿命14天，每5分钟上传一次血糖值，低血糖提前预警。",
		Keywords:    kw("血糖", "传感器")}},
	{name: "liquid biopsy", want: RoleMonitoring, min: 0.6, t: Text{Title: "结直肠癌早筛液体活检技术"}},

	// environment
	{name: "surface water station", want: RoleMonitoring, min: 0.6, t: Text{
		Title:       "地表水水质自动在线监测站",
		Description: "集成五参数、氨氮、总磷、COD在线分析仪，自动采样、分析、数据上传，无人值守运行。",
		Keywords:    kw("水质监测", "氨氮")}},
	{name: "PM source apportionment", want: RoleMonitoring, min: 0.5, t: Text{Title: "大气颗粒物来源解析技术"}},
	{name: "VOC emission monitoring", want: RoleMonitoring, min: 0.6, t: Text{Title: "工业园区VOCs走航监测系统"}},

	// analysis, evaluation, forecasting, simulation
	{name: "risk assessment model", want: RoleMonitoring, min: 0.6, t: Text{
		Title:       "燃气管网泄漏风险评估模型",
		Description: "综合管龄、材质、腐蚀、第三方施工等因素，建立泄漏风险评估模型，输出风险等级地图，指导巡检和改造计划。",
		Keywords:    kw("管网", "风险评估", "泄漏")}},
	{name: "loss assessment", want: RoleMonitoring, min: 0.6, t: Text{Title: "洪涝灾害损失评估系统"}},
	{name: "life prediction and SOH", want: RoleMonitoring, min: 0.6, t: Text{
		Title:       "锂电池剩余寿命预测与健康状态评估系统",
		Description: "基于充放电曲线和内阻数据评估电池SOH并预测剩余寿命，误差小于3%，可用于梯次利用分选。",
		Keywords:    kw("SOH", "寿命预测")}},
	{name: "forecast model", want: RoleMonitoring, min: 0.6, t: Text{Title: "污水处理厂出水水质预测模型"}},
	{name: "simulation software", want: RoleMonitoring, min: 0.45, t: Text{Title: "注塑模流仿真分析软件"}},
	{name: "numerical simulation", want: RoleMonitoring, min: 0.6, t: Text{Title: "高炉冶炼过程数值模拟"}},
	{name: "structural safety evaluation", want: RoleMonitoring, min: 0.6, t: Text{Title: "既有桥梁结构安全评估系统"}},

	{name: "rapid tester", want: RoleMonitoring, min: 0.6, t: Text{Title: "蔬菜农药残留速测仪"}},
	{name: "state estimation", want: RoleMonitoring, min: 0.6, t: Text{Title: "锂电池SOC在线估算方法"}},
	{name: "state estimation algorithm", want: RoleMonitoring, min: 0.6, t: Text{Title: "电网动态状态估计算法"}},
	// traps: an acting function in the title, consumables, retrofits
	{name: "trap: detection and compensation", want: RoleDevice, t: Text{
		Title:       "铸件缺陷检测与自动补偿系统",
		Description: "视觉检测铸件尺寸偏差，机器人自动补焊修复。"}},
	{name: "trap: monitoring and control", want: RoleDevice, t: Text{Title: "温室环境监测与控制系统"}},
	{name: "trap: inspection-guided sorting robot", want: RoleDevice, t: Text{Title: "基于视觉检测的煤矸石智能分拣机器人"}},
	{name: "trap: retrofit", want: RoleProcess, t: Text{
		Title:       "冷却塔节水消雾与风机变频节能改造",
		Description: "加装消雾换热模块，风机变频运行，节水15%，节电30%。"}},
	{name: "trap: electrode caps", want: RoleDevice, also: RoleMaterial, t: Text{
		Title:       "点焊电极帽",
		Description: "弥散强化铜合金电极帽，寿命是普通铬锆铜的3倍。",
		Keywords:    kw("电极帽", "点焊")}},
	{name: "trap: wear liners", want: RoleMaterial, also: RoleDevice, t: Text{
		Title:       "耐磨衬板",
		Description: "高铬铸铁复合衬板，用于球磨机和溜槽，寿命提高2倍。"}},
	{name: "trap: leak-free valve (sym, not detection)", want: RoleDevice, t: Text{Title: "零泄漏超低温球阀"}},
	{name: "trap: an animal model is no computation", want: RoleUnknown, t: Text{
		Title:       "肝纤维化大鼠模型",
		Description: "造模成功率90%，病理分级稳定。"}},
	{name: "instrument, title only", want: RoleMonitoring, min: 0.6, t: Text{Title: "便携式重金属检测仪"}},
	{name: "expert system named by its function", want: RoleMonitoring, t: Text{Title: "汽轮机振动故障诊断专家系统"}},
	{name: "image recognition head", want: RoleMonitoring, min: 0.6, t: Text{Title: "温室番茄病虫害图像识别系统"}},
	{name: "trap: a sorting line that inspects", want: RoleDevice, t: Text{Title: "果品糖度无损检测分选线"}},
	{name: "trap: a mechanical seal is a part", want: RoleDevice, t: Text{Title: "离心泵用集装式机械密封"}},
	{name: "trap: leak sealing process", want: RoleProcess, t: Text{
		Title:       "压铸件微孔真空浸渗堵漏工艺",
		Description: "真空浸渗后压铸件泄漏率由6%降到0.3%，可经受氦检漏。"}},
}

// TestDetectionHeads: a detection, measurement, analysis or forecasting
// head makes monitoring the clear decision (at least min), the object
// monitored and the instrument's parts in the description and keywords
// notwithstanding; a title that also names an acting function, a
// consumable, a retrofit or a leak-sealing process is not monitoring.
func TestDetectionHeads(t *testing.T) {
	c := mustDefault(t)
	for _, tc := range detectionHeads {
		t.Run(tc.name, func(t *testing.T) {
			got := c.Achievement(tc.t)
			ok := got.Kind == tc.want || (tc.also != RoleUnknown && got.Kind == tc.also)
			assert.True(t, ok, "Achievement(%q): got %s %.2f (runner-up %s %.2f), want %s;%s",
				tc.t.Title, got.Kind, got.Confidence, got.RunnerUp, got.RunnerUpConfidence, tc.want, cueWords(got))
			assert.GreaterOrEqual(t, got.Confidence, tc.min, "Achievement(%q) confidence: got %.2f, want >= %.2f;%s",
				tc.t.Title, got.Confidence, tc.min, cueWords(got))
		})
	}
}

// buyCase is a need that buys something, and achievements that are and
// are not what it buys.
type buyCase struct {
	name string
	need Text
	want NeedIntent
	// fits is what the need buys; misses are related achievements that
	// are not; each fit must score above every miss.
	fits, misses []Text
}

var (
	heliumLeakTester = Text{Title: "压铸壳体氦质谱真空箱自动检漏系统", Keywords: kw("氦质谱检漏", "压铸件")}
	dieCaster        = Text{Title: "铝合金高真空压铸机", Description: "锁模力800吨，真空度低于50 mbar，适合结构件压铸。"}
	impregnation     = Text{Title: "压铸件微孔真空浸渗堵漏工艺", Description: "真空浸渗后压铸件泄漏率由6%降到0.3%。"}
	flawDetector     = Text{Title: "便携式X射线探伤机", Description: "管电压300 kV，可穿透40 mm钢板。"}
	weldingMachine   = Text{Title: "压力容器埋弧自动焊接设备"}
	dgaMonitor       = Text{Title: "变压器油中溶解气体在线监测装置"}
)

var buyCases = []buyCase{
	{name: "leak tester to put in the line", want: NeedDetect,
		need: Text{Title: "压铸壳体气密性自动检测", Description: "我公司年产电机壳体30万件，目前采用水检人工判读，效率低、漏检多。需要一套可以接入产线的自动检漏设备，节拍不大于60秒。", Keywords: kw("检漏", "气密性")},
		fits: []Text{heliumLeakTester}, misses: []Text{dieCaster, impregnation}},
	{name: "the request as the title", want: NeedDetect,
		need: Text{Title: "需要一套可以接入产线的自动检漏设备"},
		fits: []Text{heliumLeakTester}, misses: []Text{dieCaster, impregnation}},
	{name: "purchase verb and a detection instrument", want: NeedDetect,
		need: Text{Title: "采购自动检漏设备", Description: "需要一套可以接入产线的自动检漏设备。"},
		fits: []Text{heliumLeakTester}, misses: []Text{dieCaster, impregnation}},
	{name: "wanted: a helium leak detector", want: NeedDetect,
		need: Text{Title: "求购氦质谱检漏仪", Description: "公司计划采购两台氦质谱检漏仪，用于空调换热器检漏。"},
		fits: []Text{heliumLeakTester}, misses: []Text{dieCaster, impregnation}},
	{name: "X-ray flaw detector", want: NeedDetect,
		need: Text{Title: "购置X射线探伤机", Description: "我厂焊接车间拟购置一台便携式X射线探伤机，用于压力容器焊缝检测。"},
		fits: []Text{flawDetector}, misses: []Text{weldingMachine}},
	{name: "supplier of a detection instrument", want: NeedDetect,
		need: Text{Title: "寻求电缆局部放电检测设备供货商", Description: "供电公司需要批量采购高压电缆局放带电检测仪。"},
		fits: []Text{{Title: "高压电缆局部放电带电检测仪"}}, misses: []Text{{Title: "高压电缆中间接头"}}},
	{name: "supplier of online monitors", want: NeedDetect,
		need: Text{Title: "变压器在线监测装置供应商"},
		fits: []Text{dgaMonitor}, misses: []Text{{Title: "非晶合金立体卷铁心变压器"}}},
	// a machine bought as such: the look-alike monitoring system is not it
	{name: "control: an injection moulding machine", want: NeedBuy,
		need: Text{Title: "采购二手注塑机", Description: "求购二手注塑机5台，锁模力200吨左右。"},
		fits: []Text{{Title: "伺服节能注塑机"}}, misses: []Text{{Title: "注塑机能耗在线监测系统"}}},
	{name: "control: a welding machine", want: NeedBuy,
		need: Text{Title: "购置自动焊接设备", Description: "拟购置两台埋弧自动焊接设备。"},
		fits: []Text{weldingMachine}, misses: []Text{{Title: "焊缝缺陷超声相控阵检测系统"}}},
}

// TestBuyByObject: a need that buys a detection instrument is a detection
// need (the object of the purchase decides), so a detection achievement
// scores above the machines and processes it shares words with; a need
// that buys a machine keeps preferring the machine.
func TestBuyByObject(t *testing.T) {
	c := mustDefault(t)
	compat := DefaultCompatibility()
	for _, tc := range buyCases {
		t.Run(tc.name, func(t *testing.T) {
			n := c.Need(tc.need)
			assert.Equal(t, tc.want, n.Kind, "Need(%q): got %s %.2f (runner-up %s %.2f);%s",
				tc.need.Title, n.Kind, n.Confidence, n.RunnerUp, n.RunnerUpConfidence, cueWords(n))
			for _, fit := range tc.fits {
				fs := compat.Score(n, c.Achievement(fit))
				assert.GreaterOrEqual(t, fs, 0.3, "Score(%q, %q)", tc.need.Title, fit.Title)
				for _, miss := range tc.misses {
					ms := compat.Score(n, c.Achievement(miss))
					assert.Greater(t, fs, ms, "Score(%q): fit %q %.2f, miss %q %.2f", tc.need.Title, fit.Title, fs, miss.Title, ms)
				}
			}
		})
	}
}

// leakNeeds: needs in the vocabulary of leak detection, gauges and
// forecasting; the detection words of an observation (经氦检漏发现) stay
// context.
var leakNeeds = []needCase{
	{name: "helium leak test as observation (trap)", want: NeedRemedy, t: Text{
		Title:       "空调换热器氦检漏泄漏率超标",
		Description: "我厂铜管换热器经氦检漏发现约3%泄漏，主要在钎焊焊点。希望改进钎焊工艺，降低泄漏率。"}},
	{name: "leak test rejects (trap)", want: NeedRemedy, t: Text{
		Title:       "压铸件试漏不合格率高",
		Description: "壳体试漏不合格率8%，需要从压铸工艺上减少气孔缩松。"}},
	{name: "leak location wanted", want: NeedDetect, t: Text{
		Title:       "供水管网漏点定位",
		Description: "目前靠人工听漏，漏点难以定位，需要一套能够自动定位漏点的监测系统。"}},
	{name: "air-tightness testing too slow", want: NeedDetect, t: Text{
		Title:       "电池包气密性检测效率低",
		Description: "目前人工检测单包需要20分钟，跟不上产线节拍。需要快速气密检测设备。"}},
	{name: "pest forecasting wanted", want: NeedDetect, t: Text{
		Title:       "玉米螟虫情测报",
		Description: "基层植保站缺少测报手段，需要自动虫情测报设备，提前预警。"}},
	{name: "pest damage (trap)", want: NeedRemedy, t: Text{
		Title:       "玉米螟虫害发生重",
		Description: "玉米螟危害造成减产15%，希望提供绿色防控技术。"}},
	{name: "gauge wanted", want: NeedDetect, t: Text{
		Title:       "需要白车身检具",
		Description: "新车型上市需要白车身综合检具一套，要求精度0.05mm。"}},
	{name: "body dimensions off (trap)", want: NeedRemedy, t: Text{
		Title:       "白车身尺寸偏差大",
		Description: "车身尺寸合格率只有85%，需要从焊装夹具和工艺上改进。"}},
	{name: "risk model wanted", want: NeedDetect, t: Text{
		Title:       "建立燃气管网泄漏风险评估模型",
		Description: "需要建立风险评估模型，指导巡检计划。"}},
	{name: "estimation inaccurate", want: NeedDetect, t: Text{
		Title:       "储能电池SOC估算误差大",
		Description: "现有BMS的SOC估算误差超过8%，经常提前停机。需要更准确的估算方法。"}},
	{name: "early screening wanted", want: NeedDetect, t: Text{
		Title:       "结直肠癌早筛",
		Description: "希望引进结直肠癌早筛液体活检技术，在体检中心推广。"}},
}

func TestLeakNeeds(t *testing.T) {
	checkTable(t, leakNeeds, mustDefault(t).Need)
}
