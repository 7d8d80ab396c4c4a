package intent

// The development tables: real-looking needs and achievements written for
// these tests (not records of testdata), with traps. The rules were tuned
// on them; holdout_test.go holds the tables written after the rules were
// frozen.

// kindCase is one record and its expected kind. alsoOK, when not the
// unknown kind, is a second acceptable answer for a genuinely mixed record.
type kindCase[K Kind] struct {
	name   string
	t      Text
	want   K
	alsoOK K
}

type (
	needCase = kindCase[NeedIntent]
	roleCase = kindCase[Role]
)

func kw(k ...string) []string { return k }

var needCases = []needCase{
	// ---- remedy: symptoms, wanted improvements, techniques wanted
	{name: "weld spatter", want: NeedRemedy, t: Text{
		Title:       "焊接机器人焊缝成形不良、飞溅大",
		Description: "我厂采用CO2气体保护焊焊接挖掘机动臂，焊缝飞溅大、成形不良，焊后打磨工作量大。希望找到减少飞溅的焊接工艺或焊材。",
		Keywords:    kw("飞溅", "焊接工艺")}},
	{name: "leak found by testing (trap: 检测发现 + 急需解决)", want: NeedRemedy, t: Text{
		Title:       "铸铝电机壳体渗漏问题",
		Description: "我公司生产电机铸铝壳体，加压试漏检测发现约6%的壳体渗漏，主要集中在厚壁处。急需解决铸件漏气问题，降低废品率。",
		Keywords:    kw("铸件漏气", "渗漏", "废品率")}},
	{name: "compressor energy", want: NeedRemedy, t: Text{
		Title:       "空压站能耗高、管网压力波动大",
		Description: "我厂空压站6台螺杆空压机全年运行，电费占车间能耗四成。希望通过节能改造把用电量降低20%以上。",
		Keywords:    kw("空压机", "节能")}},
	{name: "winter range", want: NeedRemedy, t: Text{
		Title:       "纯电动环卫车冬季续航掉得快",
		Description: "冬季-20℃时续航只剩夏季的一半，暖风一开电量掉得更快。希望提升低温续航，可在20台车上试点。",
		Keywords:    kw("低温续航", "环卫车")}},
	{name: "pump vibration", want: NeedRemedy, t: Text{
		Title:       "循环水泵振动大、轴承寿命短",
		Description: "泵组运行时振动值超过7 mm/s，轴承平均三个月就要更换。请有经验的团队帮助找到根源并整改。"}},
	{name: "curtailment", want: NeedRemedy, t: Text{
		Title:       "风电场供暖期弃风限电严重",
		Description: "我场冬季供暖期弃风率超过20%，希望引入储能或电热转换技术，把弃掉的风电用起来。",
		Keywords:    kw("弃风限电", "储能")}},
	{name: "molding sink marks", want: NeedRemedy, t: Text{
		Title:       "汽车保险杠注塑件缩痕、翘曲",
		Description: "注塑成型后保险杠表面有明显缩痕，装车后翘曲，合格率只有85%。希望改进模具和注塑工艺，提高合格率。"}},
	{name: "gear whine, measured in test (trap: 测试 in context)", want: NeedRemedy, t: Text{
		Title:       "减速机1500转啸叫",
		Description: "我司减速机在1500 r/min时啸叫明显，台架测试噪声82 dB，客户要求降到75 dB以下，希望通过齿轮修形等手段解决。",
		Keywords:    kw("啸叫", "齿轮修形")}},
	{name: "winter nitrification", want: NeedRemedy, t: Text{
		Title:       "冬季低水温出水总氮时常超标",
		Description: "进水水温低于10℃时硝化效果变差，出水总氮、氨氮时常超标。希望在不新建构筑物的前提下稳定达标。"}},
	{name: "tool life", want: NeedRemedy, t: Text{
		Title:       "高温合金车削刀具磨损快",
		Description: "加工GH4169涡轮盘时刀具寿命只有20分钟，换刀频繁。希望获得新的刀具涂层或切削工艺，使刀具寿命提高一倍。"}},
	{name: "odour, third-party test as observation (trap)", want: NeedRemedy, t: Text{
		Title:       "新车内饰异味投诉多",
		Description: "新车型上市后异味投诉集中，经第三方检测车内甲醛、乙醛接近限值。需要从内饰材料和胶粘剂源头降低气味的整体方案。",
		Keywords:    kw("车内异味", "甲醛")}},
	{name: "mastitis", want: NeedRemedy, t: Text{
		Title:       "奶牛乳房炎发病率高、抗生素用量大",
		Description: "牧场存栏1800头，乳房炎反复发作，治疗后需弃奶。希望找到替代抗生素的防治办法。"}},
	{name: "plating wastewater", want: NeedRemedy, t: Text{
		Title:       "电镀废水重金属超标限期整改",
		Description: "我厂电镀线废水镍、铬时有超标，环保部门要求三个月内整改。寻求稳定达标的处理工艺，运行费用尽量低。"}},
	{name: "generic drug dissolution (trap: 一致性评价)", want: NeedRemedy, t: Text{
		Title:       "缓释片溶出曲线与参比制剂不一致",
		Description: "我公司正在开展仿制药一致性评价，某缓释片在pH6.8介质中溶出偏快，多次调整处方仍不达标。需要改进处方和制剂工艺。"}},
	{name: "bridge coating", want: NeedRemedy, t: Text{
		Title:       "钢桥涂层三年即起泡锈蚀",
		Description: "沿海钢结构桥梁防腐涂层投用三年就大面积起泡、锈蚀，重涂需封路。希望找到寿命15年以上的长效防腐方案。"}},
	{name: "thermal drift", want: NeedRemedy, t: Text{
		Title:       "精密镗床连续加工后尺寸漂移",
		Description: "镗床连续工作3小时后孔径尺寸漂移超过15 μm，只能频繁停机补偿。希望获得热误差补偿技术。"}},
	{name: "technique wanted: PEEK synthesis", want: NeedRemedy, t: Text{
		Title:       "高性能PEEK树脂合成技术引进",
		Description: "我公司拟建设千吨级PEEK树脂生产线，需要成熟的聚合与后处理工艺技术，可采用技术转让方式。",
		Keywords:    kw("PEEK", "聚合工艺")}},
	{name: "cost down", want: NeedRemedy, t: Text{
		Title:       "磷酸铁锂正极材料降本",
		Description: "受原料价格影响，我公司磷酸铁锂正极材料毛利下降。希望降低烧结能耗和锂源消耗，使吨成本下降8%。"}},
	{name: "buying a technique is not a purchase (trap: 求购+工艺)", want: NeedRemedy, t: Text{
		Title:       "求购高强耐磨钢板生产工艺",
		Description: "我公司拟上马NM450耐磨钢板产线，求购成熟的控轧控冷及热处理工艺，要求技术已在产线验证。"}},
	{name: "culture yield", want: NeedRemedy, t: Text{
		Title:       "CHO细胞表达量偏低",
		Description: "我公司抗体药物细胞培养表达量仅1.5 g/L，寻求能提高表达量的培养基配方和补料工艺。"}},
	{name: "saline rice", want: NeedRemedy, t: Text{
		Title:       "盐碱地水稻产量低",
		Description: "农场有2万亩苏打盐碱地，水稻亩产不足350公斤。希望引进盐碱地改良和耐盐品种配套栽培技术。"}},
	{name: "thermal runaway with alarm wanted too (mixed)", want: NeedRemedy, alsoOK: NeedDetect, t: Text{
		Title:       "储能电池柜热失控蔓延问题",
		Description: "电池柜单体热失控后5分钟内蔓延到整簇。希望找到阻断蔓延的隔热与消防方案，同时能在起火前及时报警。",
		Keywords:    kw("热失控", "蔓延", "报警")}},
	{name: "exclusion is not a cue (trap: 不考虑三元锂电池)", want: NeedRemedy, t: Text{
		Title:       "严寒地区户外储能电池选型",
		Description: "需要在-30℃下仍能正常充放电的储能电池，不考虑三元锂电池，循环寿命4000次以上。"}},
	{name: "monitoring excluded (trap: 而不是…检测和监测预警)", want: NeedRemedy, t: Text{
		Title:       "铸件热裂",
		Description: "希望根治热裂，而不是加装在线检测和监测预警设备。"}},
	{name: "exclusion scope ends at 即可", want: NeedDetect, t: Text{
		Title:       "输电线路覆冰",
		Description: "希望不需要停电即可在线监测导线覆冰厚度并提前预警。"}},
	{name: "current-state 需要 is context (trap: 目前需要…检测)", want: NeedRemedy, t: Text{
		Title:       "破碎机衬板更换频繁",
		Description: "现在需要定期停机检测和测量衬板厚度。"}},
	{name: "nanocellulose production", want: NeedRemedy, t: Text{
		Title:       "纳米纤维素规模化生产技术合作",
		Description: "我公司有充足的秸秆浆料，拟建设纳米纤维素中试线，需要低能耗制备工艺，欢迎技术入股。"}},
	{name: "detection mentioned as how it was found (trap)", want: NeedRemedy, t: Text{
		Title:       "齿轮渗碳层出现磨削裂纹",
		Description: "磁粉探伤检测发现部分齿轮齿面有网状裂纹，报废率达5%。急需解决磨削裂纹问题。",
		Keywords:    kw("磨削裂纹", "渗碳")}},
	{name: "heat pump instead of coal", want: NeedRemedy, t: Text{
		Title:       "乡镇供暖燃煤锅炉替代",
		Description: "镇区供暖仍使用燃煤锅炉，面临淘汰。希望采用空气源热泵等清洁供暖技术替代，冬季室外-30℃也能稳定供热。"}},

	// ---- detect: monitoring, inspection, early warning asked for on purpose
	{name: "switchgear PD on purpose (trap: symptoms + 在线监测)", want: NeedDetect, t: Text{
		Title:       "高压开关柜局部放电在线监测",
		Description: "我单位运维的10 kV开关柜近年多次发生绝缘击穿，目前只能定期停电试验。需要能在运行中在线监测局部放电并提前预警的装置。",
		Keywords:    kw("局部放电", "在线监测", "开关柜")}},
	{name: "belt rip", want: NeedDetect, t: Text{
		Title:       "输送带纵向撕裂检测与预警",
		Description: "主运输皮带曾发生纵向撕裂，损失巨大。希望加装撕裂在线检测和预警装置，发现撕裂后自动停机。"}},
	{name: "casting X-ray", want: NeedDetect, t: Text{
		Title:       "铝合金轮毂内部缺陷在线X射线检测系统",
		Description: "我公司需要对每个轮毂进行内部气孔、缩松的在线X射线检测，节拍45秒，能自动判定合格与否。"}},
	{name: "bridge health", want: NeedDetect, t: Text{
		Title:       "大跨度桥梁结构健康监测",
		Description: "需要对斜拉桥索力、主梁挠度和振动进行长期健康监测，异常时自动报警，数据接入管养平台。"}},
	{name: "manual inspection misses (detection problem)", want: NeedDetect, t: Text{
		Title:       "轴承滚子表面缺陷靠人工目检、漏检率高",
		Description: "目前全部靠人工目检，漏检率约1%，劳动强度大，客户多次投诉。",
		Keywords:    kw("人工目检", "漏检")}},
	{name: "tool wear monitoring", want: NeedDetect, t: Text{
		Title:       "缸盖生产线刀具磨损状态监测",
		Description: "生产线刀具常在磨损后继续加工造成批量超差。希望实时监测刀具磨损状态，破损时立即报警停机。"}},
	{name: "motor early warning with a gap (提前…发现)", want: NeedDetect, t: Text{
		Title:       "矿井主扇风机电机故障",
		Description: "主扇电机去年两次轴承烧毁导致停风。希望在轴承损坏前两周以上发现异常，提前安排检修。",
		Keywords:    kw("电机故障", "预警")}},
	{name: "ASF rapid test", want: NeedDetect, t: Text{
		Title:       "猪场非洲猪瘟现场快速检测",
		Description: "送检实验室出结果要两天，疫情扩散快。希望引进场内现场快速检测方法，30分钟出结果。"}},
	{name: "dissolved gas", want: NeedDetect, t: Text{
		Title:       "主变压器油中溶解气体在线监测装置",
		Description: "我公司110 kV主变需要加装油色谱在线监测装置，替代每年两次的离线取样。"}},
	{name: "tunnel inspection", want: NeedDetect, t: Text{
		Title:       "地铁隧道衬砌病害智能巡检",
		Description: "夜间天窗时间短，人工巡检效率低，难以及时发现衬砌裂缝和渗水。需要车载快速巡检和病害自动识别技术。"}},
	{name: "tank leak warning (trap: 泄漏 symptom)", want: NeedDetect, t: Text{
		Title:       "危化品储罐区泄漏监测预警",
		Description: "罐区曾发生微量泄漏未被及时发现。需要泄漏在线监测与预警系统，能定位泄漏点。"}},
	{name: "slow battery grading (detection problem)", want: NeedDetect, t: Text{
		Title:       "退役电池分选检测效率低",
		Description: "每个模组容量检测需要两小时，检测效率低，无法满足产线节拍。希望有快速评估剩余容量和健康状态的方法。"}},
	{name: "cold chain temperature", want: NeedDetect, t: Text{
		Title:       "疫苗冷链运输全程温度监测",
		Description: "需要对疫苗冷藏车和冷藏箱进行全程温度实时监测，超温自动报警并留存记录。"}},
	{name: "weld inspection by sampling (detection problem)", want: NeedDetect, t: Text{
		Title:       "管道环焊缝质量检测",
		Description: "目前焊缝质量靠人工抽检，抽检比例低。需要能在线检测全部焊缝的自动化检测技术。"}},
	{name: "ECG diagnosis capacity", want: NeedDetect, alsoOK: NeedService, t: Text{
		Title:       "乡镇卫生院心电图判读不准",
		Description: "乡镇卫生院缺少心电图诊断医生，判读不准。希望引进智能辅助诊断技术，快速给出诊断结论。"}},
	{name: "vision inspection bought (mixed with buy)", want: NeedDetect, alsoOK: NeedBuy, t: Text{
		Title:       "机器视觉外观检测设备采购",
		Description: "我公司需要采购一套机器视觉外观检测设备，用于手机中框划痕和凹坑检测。"}},
	{name: "slope monitoring", want: NeedDetect, t: Text{
		Title:       "露天矿边坡位移监测预警",
		Description: "需要对露天矿高陡边坡进行毫米级位移实时监测，发现滑坡前兆时提前预警。"}},
	{name: "gas overrun alarm", want: NeedDetect, t: Text{
		Title:       "井下瓦斯超限报警与人员定位",
		Description: "需要对采掘工作面瓦斯浓度进行连续监测，超限时自动报警断电，并能实时定位井下人员。"}},
	{name: "automation of inspection is inspection (-化 suffix)", want: NeedDetect, t: Text{
		Title:       "光伏组件EL缺陷检测自动化",
		Description: "目前EL图像由人工判读，希望实现隐裂、黑片等缺陷的自动判定。"}},
	{name: "inspection too slow, no request (detection problem only)", want: NeedDetect, t: Text{
		Title:       "产品出厂检测速度慢",
		Description: "每批产品出厂前检测要8小时，影响发货。"}},
	{name: "diagnosis too slow (detection problem)", want: NeedDetect, t: Text{
		Title:       "术中病理诊断耗时长",
		Description: "冰冻切片从送检到诊断平均40分钟，手术等待时间长。希望有更快的术中诊断手段。"}},

	// ---- test: testing, certification, reports, as a service
	{name: "third-party battery test", want: NeedTest, t: Text{
		Title:       "动力电池包第三方检测服务",
		Description: "我公司电池包需要按GB 38031进行安全检测并出具报告，寻求具备CNAS资质的检测机构长期合作。"}},
	{name: "registration test", want: NeedTest, t: Text{
		Title:       "一次性输液器注册检验",
		Description: "我公司研发的一次性输液器需要进行注册检验，寻求有资质的检验机构，要求三个月内出具检验报告。"}},
	{name: "CE certification", want: NeedTest, t: Text{
		Title:       "出口电动工具CE认证",
		Description: "产品出口欧盟，需要进行CE认证相关的EMC和安全测试，希望对方能提供测试和认证一站式服务。"}},
	{name: "fire rating report", want: NeedTest, t: Text{
		Title:       "保温板燃烧性能等级检测",
		Description: "需要对我公司生产的岩棉保温板进行燃烧性能等级检测，出具检验报告，用于工程验收。"}},
	{name: "reliability evaluation service", want: NeedTest, t: Text{
		Title:       "车载控制器可靠性试验与评价服务",
		Description: "新开发的车载控制器需要委托第三方完成高低温、振动、盐雾等可靠性试验，并出具评价报告。"}},
	{name: "salt spray outsourced", want: NeedTest, t: Text{
		Title:       "汽车零部件盐雾试验外包",
		Description: "我公司试验室产能不足，需要将中性盐雾试验外包给有资质的实验室。"}},
	{name: "pesticide residue testing", want: NeedTest, t: Text{
		Title:       "蔬菜农药残留检测服务",
		Description: "合作社供应商超，需要定期对蔬菜进行农药残留检测并出具检测报告。"}},
	{name: "EIA", want: NeedTest, t: Text{
		Title:       "新建厂区环境影响评价",
		Description: "我公司新建化工项目需要编制环境影响评价报告并通过审批，寻求有经验的环评单位。"}},
	{name: "software assessment", want: NeedTest, t: Text{
		Title:       "医疗软件第三方测评",
		Description: "我公司医学影像软件申报注册前，需要第三方机构进行软件测评并出具测试报告。"}},

	// ---- buy: equipment or material as such
	{name: "ULT freezers", want: NeedBuy, t: Text{
		Title:       "采购实验室超低温冰箱",
		Description: "我院拟采购-80℃超低温冰箱10台，要求国产品牌，带远程温度报警。"}},
	{name: "used molding machine", want: NeedBuy, t: Text{
		Title:       "求购二手注塑机",
		Description: "求购锁模力800吨以上的二手注塑机两台，成色较新，可上门看货。"}},
	{name: "alumina supplier", want: NeedBuy, t: Text{
		Title:       "寻找高纯氧化铝粉体供应商",
		Description: "需要能批量供货的高纯氧化铝粉体，纯度99.99%，月用量5吨，长期稳定供货。"}},
	{name: "mobile DR", want: NeedBuy, t: Text{
		Title:       "医院移动DR设备采购",
		Description: "我院计划购置移动DR设备两台，用于床旁摄片，预算120万元，直接购买。"}},
	{name: "sludge dewatering machine", want: NeedBuy, t: Text{
		Title:       "购置污泥脱水设备",
		Description: "污水站需要购置叠螺式污泥脱水机一台，处理量每小时2立方米，要求设备成熟、交货期短。"}},
	{name: "prepreg purchase", want: NeedBuy, t: Text{
		Title:       "碳纤维预浸料采购",
		Description: "我公司每月需采购T700级碳纤维预浸料3吨，寻求国产稳定供应商。"}},
	{name: "equipment, no technology transfer", want: NeedBuy, t: Text{
		Title:       "采购成熟的一体化污水处理设备",
		Description: "乡镇污水站直接购买成熟的一体化处理设备，不需要技术转让，设备到货即可安装运行。"}},

	// ---- service: software, platform, consulting, training
	{name: "digital transformation consulting", want: NeedService, t: Text{
		Title:       "中小制造企业数字化转型咨询",
		Description: "我公司希望请咨询团队诊断现有生产管理流程，制定数字化转型规划。"}},
	{name: "MES development", want: NeedService, t: Text{
		Title:       "机加车间MES系统开发",
		Description: "需要开发一套制造执行系统，实现工单派工、报工、质量追溯和设备数据采集。"}},
	{name: "agri big data platform", want: NeedService, t: Text{
		Title:       "智慧农业大数据平台建设",
		Description: "拟建设县域智慧农业大数据平台，整合土壤、气象、农机作业数据，为农户提供种植决策支持。"}},
	{name: "welder training", want: NeedService, t: Text{
		Title:       "焊工技能培训",
		Description: "我公司新招焊工40人，需要专业机构开展焊接技能培训和考证辅导。"}},
	{name: "industrial design", want: NeedService, t: Text{
		Title:       "新产品外观与结构设计服务",
		Description: "我公司开发家用制氧机，需要工业设计公司提供外观设计和结构设计服务。"}},
	{name: "maintenance app", want: NeedService, t: Text{
		Title:       "设备点巡检管理APP开发",
		Description: "需要开发设备管理APP，支持扫码巡检、缺陷上报和维修工单流转，并与现有ERP对接。"}},
	{name: "IP consulting", want: NeedService, t: Text{
		Title:       "专利布局与知识产权咨询",
		Description: "公司新产品即将上市，需要知识产权服务机构提供专利检索、布局和风险分析咨询。"}},
	{name: "pharmacy information system", want: NeedService, t: Text{
		Title:       "医院智慧药房信息系统",
		Description: "需要建设门诊智慧药房信息系统，实现处方自动审核、发药排队和库存管理。"}},

	// ---- unknown: no evidence
	{name: "boilerplate only", want: NeedUnknown, t: Text{
		Title:       "寻求合作",
		Description: "欢迎有意向的单位联系洽谈。"}},
	{name: "title only, no cue", want: NeedUnknown, t: Text{Title: "项目合作"}},
	{name: "empty", want: NeedUnknown, t: Text{}},
	{name: "place name", want: NeedUnknown, t: Text{Title: "黑龙江省哈尔滨市", Keywords: kw("哈尔滨")}},
}

var roleCases = []roleCase{
	// ---- process
	{name: "impregnation", want: RoleProcess, t: Text{
		Title:       "铝合金压铸件真空浸渗补缩工艺",
		Description: "采用真空-加压浸渗将有机密封剂渗入铸件微孔，封堵渗漏通道，浸渗后气密合格率由92%提高到99.5%。",
		Keywords:    kw("浸渗", "压铸件", "气密性")}},
	{name: "cladding with online inspection (trap)", want: RoleProcess, t: Text{
		Title:       "带在线检测的激光熔覆修复工艺",
		Description: "在熔覆过程中实时检测熔池温度与形貌并闭环调节功率，修复层稀释率低于5%，无裂纹。",
		Keywords:    kw("激光熔覆", "修复")}},
	{name: "slag heat recovery", want: RoleProcess, t: Text{
		Title:       "高炉渣余热回收与资源化利用技术",
		Description: "采用干式粒化与气固换热回收高炉渣显热，热回收率60%以上，粒化渣可作水泥掺合料。"}},
	{name: "bio-oxidation", want: RoleProcess, t: Text{
		Title:       "难处理金矿生物氧化预处理技术",
		Description: "利用嗜热菌氧化分解包裹金的硫化物，金浸出率由40%提高到92%。"}},
	{name: "rail grinding parameters", want: RoleProcess, t: Text{
		Title:       "钢轨打磨作业参数优化方法",
		Description: "根据轨面廓形与病害类型优化打磨速度、角度和遍数，延长打磨周期50%。"}},
	{name: "tooth modification", want: RoleProcess, t: Text{
		Title:       "斜齿轮齿面修形设计方法",
		Description: "以传递误差波动最小为目标优化齿向和齿廓修形量，啸叫噪声降低5 dB。",
		Keywords:    kw("齿面修形", "传递误差", "啸叫")}},
	{name: "MPC is control, not forecasting (trap: 预测)", want: RoleProcess, t: Text{
		Title:       "基于模型预测控制的动力电池热管理策略",
		Description: "建立电池包热模型，通过模型预测控制优化冷却液流量和压缩机转速，低温加热能耗降低18%。"}},
	{name: "tomato cultivation", want: RoleProcess, t: Text{
		Title:       "日光温室番茄高产栽培技术",
		Description: "集成嫁接育苗、水肥一体化与熊蜂授粉技术，亩产提高25%。"}},
	{name: "continuous flow synthesis", want: RoleProcess, t: Text{
		Title:       "原料药关键中间体连续流微反应合成工艺",
		Description: "将间歇釜式硝化反应改为微通道连续流工艺，收率由72%提高到91%，本质安全。"}},
	{name: "sludge drying", want: RoleProcess, t: Text{
		Title:       "市政污泥低温干化处理技术",
		Description: "利用热泵回收冷凝热，在60℃以下将污泥含水率由80%降至30%。"}},
	{name: "thermal error compensation", want: RoleProcess, t: Text{
		Title:       "数控机床热误差实时补偿技术",
		Description: "选取4个温度敏感点建立热误差模型，通过数控系统原点偏移实时补偿，热漂移减少80%。"}},
	{name: "chatter suppression", want: RoleProcess, t: Text{
		Title:       "钛合金薄壁件铣削振动抑制方法",
		Description: "通过变齿距刀具与主轴转速优化避开颤振区，表面粗糙度降到Ra0.8。"}},
	{name: "fed-batch culture", want: RoleProcess, t: Text{
		Title:       "CHO细胞高密度流加培养工艺",
		Description: "优化补料策略与温度切换，抗体表达量提高到5 g/L。"}},
	{name: "chromium wastewater", want: RoleProcess, t: Text{
		Title:       "含铬废水还原沉淀处理方法",
		Description: "采用亚硫酸氢钠还原六价铬后加碱沉淀，出水总铬小于0.5 mg/L。"}},

	// ---- material
	{name: "polyimide film", want: RoleMaterial, t: Text{
		Title:       "耐高温聚酰亚胺薄膜及其制备方法",
		Description: "通过分子结构设计与双向拉伸制备聚酰亚胺薄膜，玻璃化温度超过400℃。",
		Keywords:    kw("聚酰亚胺", "薄膜")}},
	{name: "casting alloy", want: RoleMaterial, t: Text{
		Title:       "高强韧免热处理压铸铝合金",
		Description: "设计Al-Si-Mg-Mn系合金成分，铸态屈服强度超过140 MPa，延伸率大于10%。"}},
	{name: "graphene coating", want: RoleMaterial, t: Text{
		Title:       "石墨烯改性环氧防腐涂料",
		Description: "少层石墨烯在涂层中形成片层屏蔽，盐雾3000 h无起泡。"}},
	{name: "test grade powder (trap: 测试级)", want: RoleMaterial, t: Text{
		Title:       "测试级高纯氧化铝粉",
		Description: "以改良拜耳法制备纯度99.99%的氧化铝粉体，粒径分布窄。"}},
	{name: "cathode", want: RoleMaterial, t: Text{
		Title:       "锂电池用高镍三元正极材料",
		Description: "通过梯度掺杂与表面包覆提升循环稳定性，1000次循环容量保持率90%。"}},
	{name: "powder coating", want: RoleMaterial, t: Text{
		Title:       "一种低温固化粉末涂料",
		Description: "140℃/15 min固化，适用于木材和塑料基材。"}},
	{name: "antibody", want: RoleMaterial, t: Text{
		Title:       "抗PD-L1人源化单克隆抗体",
		Description: "亲和力达到皮摩尔级，小鼠模型抑瘤率70%。"}},
	{name: "maize variety", want: RoleMaterial, t: Text{
		Title:       "早熟耐密玉米新品种",
		Description: "适宜第二积温带种植，区试平均亩产780公斤，抗大斑病。"}},
	{name: "superplasticizer", want: RoleMaterial, t: Text{
		Title:       "聚羧酸高性能减水剂配方",
		Description: "减水率35%以上，坍落度保持2小时。"}},
	{name: "brake friction formula", want: RoleMaterial, t: Text{
		Title:       "汽车刹车片低铜摩擦材料配方",
		Description: "以钢纤维和芳纶替代铜纤维，铜含量低于0.5%，制动噪声降低。"}},
	{name: "waterborne adhesive", want: RoleMaterial, t: Text{
		Title:       "汽车内饰用水性聚氨酯胶粘剂",
		Description: "无溶剂、低VOC，剥离强度大于5 N/mm。"}},
	{name: "HPLC-grade solvent and its refining (trap: 色谱纯)", want: RoleMaterial, t: Text{
		Title:       "色谱纯乙腈及其精制方法",
		Description: "采用萃取精馏与吸附除杂，紫外截止波长小于190 nm。"}},

	// ---- device
	{name: "vision seam tracking welding system (trap: 视觉, 跟踪)", want: RoleDevice, t: Text{
		Title:       "基于机器视觉的焊缝跟踪与自适应焊接系统",
		Description: "激光视觉传感器实时识别焊缝位置与坡口尺寸，焊接机器人自适应调整轨迹和焊接参数。",
		Keywords:    kw("焊缝跟踪", "自适应焊接", "焊接机器人")}},
	{name: "heat pump unit", want: RoleDevice, t: Text{
		Title:       "低温空气源热泵机组",
		Description: "采用喷气增焓压缩机，-30℃环境下制热能效比大于2.0。"}},
	{name: "wireless charger", want: RoleDevice, t: Text{
		Title:       "电动汽车大功率无线充电装置",
		Description: "11 kW无线充电效率92%，集成异物检测与活体检测功能。"}},
	{name: "cobot", want: RoleDevice, t: Text{
		Title:       "六自由度轻型协作机器人",
		Description: "关节集成力矩传感器，负载5 kg，重复定位精度±0.02 mm。"}},
	{name: "baler", want: RoleDevice, t: Text{
		Title:       "自走式秸秆捡拾打捆机",
		Description: "作业效率每小时30亩，草捆密度可调。"}},
	{name: "motorised spindle", want: RoleDevice, t: Text{
		Title:       "高速加工中心用电主轴",
		Description: "最高转速40000 r/min，采用陶瓷球轴承与油气润滑。"}},
	{name: "PV cleaning robot", want: RoleDevice, t: Text{
		Title:       "光伏组件无水清扫机器人",
		Description: "沿组件阵列自动行走清扫，适应-30℃低温，节水率100%。"}},
	{name: "storage converter", want: RoleDevice, t: Text{
		Title:       "模块化储能变流器",
		Description: "单模块100 kW，支持并离网切换，转换效率98.5%。"}},
	{name: "stapler", want: RoleDevice, t: Text{
		Title:       "腔镜用智能电动吻合器",
		Description: "根据组织厚度自动调节击发力度，降低吻合口漏风险。"}},
	{name: "heat pump AC system", want: RoleDevice, t: Text{
		Title:       "电动汽车热泵空调系统",
		Description: "采用R290冷媒与二次回路，-20℃制热COP大于1.8。"}},
	{name: "crop protection drone", want: RoleDevice, t: Text{
		Title:       "大载重农业植保无人机",
		Description: "载药量40 L，离心雾化喷头，支持仿地飞行。"}},
	{name: "load-sensing valve", want: RoleDevice, t: Text{
		Title:       "工程机械负载敏感多路阀",
		Description: "压力补偿精度高，微动性好，节能15%。"}},
	{name: "exoskeleton", want: RoleDevice, t: Text{
		Title:       "下肢康复外骨骼机器人",
		Description: "辅助偏瘫患者步行训练，步态轨迹可个性化设置。"}},
	{name: "monitoring words in the modifier (trap: 基于…监测…的)", want: RoleDevice, t: Text{
		Title: "基于振动监测、油液分析与温度检测的智能润滑装置"}},
	{name: "infusion pump and its alarm method (trap: 及其)", want: RoleDevice, t: Text{
		Title:       "一种智能输液泵及其阻塞报警方法",
		Description: "蠕动泵配合压力传感器识别管路阻塞，报警响应小于30秒。"}},

	// ---- monitoring
	{name: "DGA monitor", want: RoleMonitoring, t: Text{
		Title:       "变压器油中溶解气体在线监测装置",
		Description: "光声光谱检测七种故障气体，无需载气，可远程诊断。",
		Keywords:    kw("在线监测", "油色谱")}},
	{name: "tool wear monitoring system", want: RoleMonitoring, t: Text{
		Title:       "刀具磨损状态在线监测系统",
		Description: "融合主轴功率与声发射信号识别刀具磨损阶段，断刀报警时间小于50 ms。"}},
	{name: "phased array", want: RoleMonitoring, t: Text{
		Title:       "厚壁焊缝超声相控阵检测技术",
		Description: "相控阵扇扫与TOFD联合成像，缺陷定量误差小于1 mm。"}},
	{name: "gearbox diagnosis and life prediction", want: RoleMonitoring, t: Text{
		Title:       "风电齿轮箱故障诊断与剩余寿命预测方法",
		Description: "基于振动信号与深度学习提前30天预警齿面点蚀和轴承故障。"}},
	{name: "thermal runaway warning", want: RoleMonitoring, t: Text{
		Title:       "动力电池热失控早期预警系统",
		Description: "监测电池包内气体与温度变化，提前5分钟以上发出预警。"}},
	{name: "health monitoring platform (monitoring or software)", want: RoleMonitoring, alsoOK: RoleSoftware, t: Text{
		Title:       "桥梁结构健康监测平台",
		Description: "接入应变、位移与加速度传感器数据，自动评估结构状态并分级报警。"}},
	{name: "antigen kit", want: RoleMonitoring, t: Text{
		Title:       "呼吸道病毒抗原快速检测试剂盒",
		Description: "胶体金法15分钟出结果，灵敏度95%，抗体标记工艺稳定。",
		Keywords:    kw("抗原", "胶体金", "抗体")}},
	{name: "wheel tread vision inspection", want: RoleMonitoring, t: Text{
		Title:       "高铁车轮踏面缺陷视觉检测装置",
		Description: "列车低速通过时采集踏面图像，自动识别擦伤、剥离等缺陷。"}},
	{name: "fatigue test bench", want: RoleMonitoring, t: Text{
		Title:       "驱动电机振动疲劳试验台",
		Description: "可模拟整车工况对电机进行三轴振动耐久试验。"}},
	{name: "casting simulation", want: RoleMonitoring, t: Text{
		Title:       "铸造充型凝固过程数值模拟",
		Description: "预测卷气、缩孔等缺陷位置，指导浇注系统设计。"}},
	{name: "soil heavy metal analyser", want: RoleMonitoring, t: Text{
		Title:       "土壤重金属便携式快速检测仪",
		Description: "X射线荧光原理，10分钟完成镉、铅、砷等8种元素测定。"}},
	{name: "predictive maintenance platform (trap)", want: RoleMonitoring, alsoOK: RoleSoftware, t: Text{
		Title:       "旋转设备预测性维护平台",
		Description: "采集振动与温度数据，识别早期故障并给出检修建议，已接入300台风机水泵。"}},
	{name: "battery life assessment", want: RoleMonitoring, t: Text{
		Title:       "退役动力电池剩余寿命快速评估方法",
		Description: "基于脉冲激励与阻抗谱特征，3分钟内评估电池健康状态。"}},
	{name: "chemiluminescence analyser", want: RoleMonitoring, t: Text{
		Title:       "全自动化学发光免疫分析仪",
		Description: "每小时测试200个样本，可检测心肌标志物和肿瘤标志物。"}},
	{name: "a bare instrument measures (仪)", want: RoleMonitoring, t: Text{
		Title: "高精度数字倾角仪"}},
	{name: "thermal imager", want: RoleMonitoring, t: Text{
		Title: "非制冷红外热像仪"}},
	{name: "inspection robot", want: RoleMonitoring, t: Text{
		Title:       "煤矿井下防爆巡检机器人",
		Description: "沿巷道自主巡检，红外测温、气体检测与异常声音识别。"}},

	// ---- software
	{name: "MES", want: RoleSoftware, t: Text{
		Title:       "面向中小企业的制造执行系统（MES）",
		Description: "支持工单派工、扫码报工、质量追溯与设备数据采集，云端部署。"}},
	{name: "hospital logistics platform", want: RoleSoftware, t: Text{
		Title:       "医院智慧物流管理平台",
		Description: "统一调度物流机器人与气动物流，实现药品耗材全程追溯。"}},
	{name: "traceability system", want: RoleSoftware, t: Text{
		Title:       "农产品质量安全追溯系统",
		Description: "基于二维码与区块链记录种植、加工、流通全过程信息。"}},
	{name: "low-code platform", want: RoleSoftware, t: Text{
		Title:       "工业APP低代码开发平台",
		Description: "拖拽式建模，快速生成设备管理、报工等应用。"}},
	{name: "CAD software", want: RoleSoftware, t: Text{
		Title:       "国产三维CAD设计软件",
		Description: "支持参数化建模与装配设计，兼容主流格式。"}},

	// ---- service
	{name: "testing service", want: RoleService, t: Text{
		Title:       "汽车零部件第三方检测服务",
		Description: "具备CNAS资质，可开展材料、环境可靠性与电磁兼容检测并出具报告。"}},
	{name: "energy audit", want: RoleService, t: Text{
		Title:       "企业能源审计与节能诊断服务",
		Description: "为企业开展能源审计，提出节能改造方案与合同能源管理服务。"}},
	{name: "design consulting", want: RoleService, t: Text{
		Title:       "工业产品设计与结构优化咨询",
		Description: "为企业提供外观设计、结构设计与轻量化咨询服务。"}},
	{name: "welder training", want: RoleService, t: Text{
		Title:       "焊接工艺评定与焊工培训",
		Description: "依据标准开展焊接工艺评定，提供焊工技能培训与考证服务。"}},
	{name: "CRO", want: RoleService, t: Text{
		Title:       "新药临床前药效评价服务（CRO）",
		Description: "提供肿瘤、代谢类疾病动物模型药效评价服务。"}},

	// ---- unknown
	{name: "no cue", want: RoleUnknown, t: Text{Title: "合作项目"}},
	{name: "test results are not a role (trap: 经第三方检测, 检测结果表明)", want: RoleUnknown, t: Text{
		Title:       "龙江一号",
		Description: "经第三方检测，各项指标达到国际先进水平；检测结果表明寿命提高30%，已通过型式试验。"}},
	{name: "empty", want: RoleUnknown, t: Text{}},
	{name: "team name", want: RoleUnknown, t: Text{Title: "哈尔滨某大学青年科研团队", Keywords: kw("哈尔滨")}},
}
