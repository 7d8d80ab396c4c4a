package gen

import (
	"math/rand/v2"
	"strings"

	"github.com/techmatch/techmatch"
)

// Connective templates; placeholders are documented at rec.fill. The
// technical vocabulary itself comes from the repository's data (see
// Vocabulary); these are the glue phrases of real catalogs.

var achievementTitles = []string{
	"一种{k}的{k}制备方法",
	"{k}{k}关键技术",
	"基于{k}的{k}技术",
	"高性能{k}及其制备工艺",
	"{k}用{k}研制及应用",
	"面向{k}的{k}装置",
	"{k}与{k}一体化技术",
	"{k}{k}及产业化应用",
	"新型{k}开发与示范",
	"{k}在{k}中的应用技术",
	"低成本{k}规模化制备技术",
	"{c}{k}成套技术",
}

var achievementOpen = []string{
	"本成果采用{k}与{t}技术，解决了{t}中{d}的问题。",
	"本发明公开了一种基于{k}的{t}方法，具有{a}、{a}等优点。",
	"项目团队围绕{k}开展研究，突破了{t}、{t}等关键技术。",
	"针对{t}{d}的难题，本成果研发了{k}技术。",
	"该成果以{c}为对象，通过{k}工艺优化实现了{t}。",
}

var achievementBody = []string{
	"性能指标：{m}提高{p}%，{m}降低{p}%。",
	"性能指标：{m}达到{n}{u}，优于国家标准。",
	"与传统{t}相比，成本降低{p}%，能耗降低{p}%。",
	"该技术适用于{t}、{t}等领域，可替代进口{t}。",
	"采用{c}材料，{m}达到{n}{u}，{m}提升{p}%。",
	"通过{t}与{k}的协同设计，{a}。",
	"已授权发明专利{s}项，{g}。",
	"核心设备包括{t}和{t}，{g}。",
	"经第三方检测，{m}为{n}{u}，{m}满足{c}要求。",
	"成果可用于{k}的{t}，{a}，{a}。",
	"{g}，可在{t}企业推广应用。",
}

var achievementFillers = []string{
	"欢迎洽谈合作。", "可提供技术培训与指导。", "{g}。", "具备批量生产条件。",
}

var needTitles = []string{
	"{k}{k}技术需求",
	"寻求{k}{k}解决方案",
	"{k}问题解决方案征集",
	"{k}工艺改进技术需求",
	"急需{k}与{k}技术",
	"{k}国产化替代技术征集",
	"提升{k}{m}的技术需求",
	"{k}{d}问题攻关",
}

var needOpen = []string{
	"我公司主要从事{t}的研发与生产，目前{k}{d}，急需{k}方面的技术支持。",
	"我公司现有{k}生产线，{t}工艺{d}，{m}仅为{n}{u}。",
	"我单位在{k}方面存在{d}的问题，希望与高校院所合作攻关。",
	"目前{k}依赖进口，价格高、供货周期长，急需国产化{t}技术。",
	"我公司急需{k}、{k}相关技术，用于{t}产品升级。",
}

var needBody = []string{
	"希望将{m}提高到{n}{u}以上，{m}降低{p}%。",
	"要求{m}≥{n}{u}，可在{t}工况下长期稳定运行。",
	"拟通过{x}方式合作，预算{b}万元。",
	"产品主要用于{t}和{t}，年产能{n}万件。",
	"现有{t}{d}，导致{m}下降{p}%。",
	"希望寻找能够解决{t}问题的成熟技术，最好有{c}应用案例。",
	"需要配套的{t}与{k}技术，可提供中试场地。",
	"已尝试{t}方案，效果不理想。",
}

var needFillers = []string{
	"欢迎洽谈。", "有意者请联系。", "可提供试验条件。", "预算{b}万元。",
}

var titleTails = []string{"及其应用", "关键技术研究", "及产业化", "技术开发"}

// metrics pair a quantity with its usual units.
var metrics = []struct {
	name  string
	units []string
}{
	{"强度", []string{"MPa", "GPa"}}, {"效率", []string{"%"}}, {"寿命", []string{"h", "万次"}},
	{"精度", []string{"μm", "mm"}}, {"良品率", []string{"%"}}, {"能量密度", []string{"Wh/kg"}},
	{"收率", []string{"%"}}, {"纯度", []string{"%"}}, {"导热系数", []string{"W/(m·K)"}},
	{"疲劳寿命", []string{"万次", "h"}}, {"检测灵敏度", []string{"ng/mL", "pg/mL"}},
	{"产能", []string{"t/h", "件/h"}}, {"转化率", []string{"%"}}, {"响应时间", []string{"ms", "s"}},
	{"噪声", []string{"dB"}}, {"功率密度", []string{"kW/kg", "kW/L"}}, {"工作温度", []string{"℃"}},
	{"去除率", []string{"%"}}, {"排放浓度", []string{"mg/m³", "mg/L"}}, {"亩产", []string{"kg"}},
}

var defects = []string{
	"稳定性差", "效率偏低", "成本过高", "依赖进口", "良品率低", "寿命短", "一致性差", "能耗高",
	"精度不足", "易开裂", "噪声大", "污染严重",
}

var advantages = []string{
	"成本低", "效率高", "工艺简单", "环境友好", "可靠性高", "易于产业化", "适用范围广", "操作简便",
}

var stages = []string{
	"已完成中试", "已完成小试", "已具备批量生产条件", "已在企业开展应用示范", "已完成样机研制",
	"已完成工程化验证", "已建成示范生产线",
}

var modeNames = []string{"技术转让", "技术许可", "作价入股", "合作开发"}

// grades are technical tokens of the kind catalogs are full of.
var grades = []string{
	"NCM811", "7075-T6", "Ti-6Al-4V", "304不锈钢", "AZ91D", "Cr12MoV", "TC4", "6061-T6", "H13",
	"GaN", "SiC", "IGBT", "PEEK", "PM2.5", "CO2", "Q345B", "42CrMo", "DP980", "22MnB5", "LFP",
	"316L", "PA66", "Inconel 718", "TRL7", "5G", "GB/T 3077",
}

// owner is a real university or institute and its region.
type owner struct {
	name   string
	kind   techmatch.OwnerType
	region string
}

// owners: Heilongjiang and Jilin first (repeated to weigh them), then the
// wider north-east and national institutions.
var owners = func() []owner {
	hlj := []owner{
		{"哈尔滨工业大学", techmatch.University, "黑龙江省哈尔滨市"},
		{"哈尔滨工程大学", techmatch.University, "黑龙江省哈尔滨市"},
		{"哈尔滨理工大学", techmatch.University, "黑龙江省哈尔滨市"},
		{"东北林业大学", techmatch.University, "黑龙江省哈尔滨市"},
		{"东北农业大学", techmatch.University, "黑龙江省哈尔滨市"},
		{"黑龙江大学", techmatch.University, "黑龙江省哈尔滨市"},
		{"哈尔滨医科大学", techmatch.University, "黑龙江省哈尔滨市"},
		{"黑龙江中医药大学", techmatch.University, "黑龙江省哈尔滨市"},
		{"东北石油大学", techmatch.University, "黑龙江省大庆市"},
		{"齐齐哈尔大学", techmatch.University, "黑龙江省齐齐哈尔市"},
		{"佳木斯大学", techmatch.University, "黑龙江省佳木斯市"},
		{"黑龙江八一农垦大学", techmatch.University, "黑龙江省大庆市"},
		{"黑龙江省科学院", techmatch.Institute, "黑龙江省哈尔滨市"},
		{"黑龙江省农业科学院", techmatch.Institute, "黑龙江省哈尔滨市"},
		{"中国船舶集团有限公司第七〇三研究所", techmatch.Institute, "黑龙江省哈尔滨市"},
		{"哈尔滨焊接研究院有限公司", techmatch.Institute, "黑龙江省哈尔滨市"},
	}
	jl := []owner{
		{"吉林大学", techmatch.University, "吉林省长春市"},
		{"东北师范大学", techmatch.University, "吉林省长春市"},
		{"长春理工大学", techmatch.University, "吉林省长春市"},
		{"长春工业大学", techmatch.University, "吉林省长春市"},
		{"吉林农业大学", techmatch.University, "吉林省长春市"},
		{"长春中医药大学", techmatch.University, "吉林省长春市"},
		{"东北电力大学", techmatch.University, "吉林省吉林市"},
		{"北华大学", techmatch.University, "吉林省吉林市"},
		{"延边大学", techmatch.University, "吉林省延吉市"},
		{"中国科学院长春光学精密机械与物理研究所", techmatch.Institute, "吉林省长春市"},
		{"中国科学院长春应用化学研究所", techmatch.Institute, "吉林省长春市"},
		{"中国科学院东北地理与农业生态研究所", techmatch.Institute, "吉林省长春市"},
		{"吉林省农业科学院", techmatch.Institute, "吉林省长春市"},
	}
	other := []owner{
		{"大连理工大学", techmatch.University, "辽宁省大连市"},
		{"东北大学", techmatch.University, "辽宁省沈阳市"},
		{"中国科学院金属研究所", techmatch.Institute, "辽宁省沈阳市"},
		{"中国科学院大连化学物理研究所", techmatch.Institute, "辽宁省大连市"},
		{"清华大学", techmatch.University, "北京市"},
		{"北京航空航天大学", techmatch.University, "北京市"},
		{"上海交通大学", techmatch.University, "上海市"},
		{"浙江大学", techmatch.University, "浙江省杭州市"},
		{"华中科技大学", techmatch.University, "湖北省武汉市"},
		{"中国科学院宁波材料技术与工程研究所", techmatch.Institute, "浙江省宁波市"},
		{"一汽解放汽车有限公司", techmatch.Enterprise, "吉林省长春市"},
		{"哈电集团哈尔滨电机厂有限责任公司", techmatch.Enterprise, "黑龙江省哈尔滨市"},
	}
	var out []owner
	for range 3 {
		out = append(out, hlj...)
		out = append(out, jl...)
	}
	return append(out, other...)
}()

// needRegions: mostly Heilongjiang and Jilin.
var needRegions = []string{
	"黑龙江省哈尔滨市", "黑龙江省哈尔滨市", "黑龙江省哈尔滨市", "黑龙江省大庆市", "黑龙江省齐齐哈尔市",
	"黑龙江省牡丹江市", "黑龙江省佳木斯市", "吉林省长春市", "吉林省长春市", "吉林省长春市",
	"吉林省吉林市", "吉林省四平市", "吉林省通化市", "辽宁省沈阳市", "辽宁省大连市", "北京市",
	"江苏省苏州市", "广东省深圳市",
}

var hospitals = []string{
	"哈尔滨医科大学附属第一医院", "哈尔滨医科大学附属第二医院", "哈尔滨医科大学附属肿瘤医院",
	"黑龙江省医院", "吉林大学第一医院", "吉林大学白求恩第一医院", "吉林大学中日联谊医院",
	"吉林省人民医院", "长春中医药大学附属医院",
}

func hospitalRegion(name string) string {
	if strings.HasPrefix(name, "哈尔滨") || strings.HasPrefix(name, "黑龙江") {
		return "黑龙江省哈尔滨市"
	}
	return "吉林省长春市"
}

var brandWords = []string{"华源", "龙江", "北方", "金桥", "恒通", "宏达", "鑫达", "长城", "东方", "瑞丰", "松花江", "一鸣", "天成", "启航", "中科"}

var industryWords = map[techmatch.Industry][]string{
	techmatch.Auto:      {"汽车零部件", "汽车部件", "车桥", "新能源汽车科技", "汽车电子"},
	techmatch.Equipment: {"重型机械", "数控装备", "智能装备", "精密机械", "电机"},
	techmatch.Biomed:    {"生物医药", "制药", "医疗器械", "生物科技", "药业"},
	techmatch.Materials: {"新材料", "复合材料", "特种合金", "化工新材料", "碳纤维"},
	"energy":            {"新能源", "能源科技", "电力设备", "储能科技"},
	"electronics":       {"电子科技", "光电", "信息技术", "半导体"},
	"agriculture":       {"农业科技", "种业", "农牧", "食品"},
	"environment":       {"环保科技", "环境工程", "水处理", "节能科技"},
}

// companyName builds a plausible enterprise name in the need's region.
func companyName(r *rand.Rand, region string, ind techmatch.Industry) string {
	city := region
	if i := strings.Index(region, "省"); i >= 0 {
		city = region[i+len("省"):]
	}
	city = strings.TrimSuffix(city, "市")
	words := industryWords[ind]
	if len(words) == 0 {
		words = []string{"科技"}
	}
	suffix := []string{"有限公司", "股份有限公司", "集团有限公司"}[r.IntN(3)]
	return city + pick(r, brandWords) + pick(r, words) + suffix
}
