package constraint

// round2Cases are the need sentences of the second pass (written for this
// test, not taken from any catalog): exclusions stated after their object,
// change exclusions with the object before the verb, requirements on the
// enterprise's product in detection needs, and verb-complement phrases.
var round2Cases = []struct {
	text string
	want []string
}{
	// Post-position exclusions: the object first, the cue after it, often
	// with a reason between.
	{"全部换成不锈钢或钛材管束投资太大，不考虑。", []string{"thing:不锈钢、钛材"}},
	{"燃油加热器就不用考虑了。", []string{"thing:燃油加热器"}},
	{"进口设备价格太高，不在考虑范围内。", []string{"thing:进口设备"}},
	{"化学药剂法我们不接受。", []string{"thing:化学药剂"}},
	{"可采用各种加热方式（电加热方案除外）。", []string{"thing:电加热"}},
	{"希望找到除了加药以外的办法。", []string{"thing:加药"}},
	{"三元锂电池不考虑，优先磷酸铁锂。", []string{"thing:三元锂电池"}},
	{"锂电池就算了，安全风险太大。", []string{"thing:锂电池"}},
	{"湿法脱硫会产生废水，不考虑。", []string{"thing:湿法脱硫"}},
	{"改用碳纤维复合材料叶片成本太高，暂不考虑。", []string{"thing:碳纤维复合材料"}},
	{"不采用电加热，热风也不考虑。", []string{"thing:电加热", "thing:热风"}},
	{"除了更换整机之外的方案都可以谈。", []string{"change:整机"}},
	// Traps: a symptom, a cost, a condition or a time before the cue.
	{"漏气率高，客户不能接受。", nil},
	{"价格太高的不考虑。", nil},
	{"如果周期太长，则不考虑。", nil},
	{"运输成本暂不考虑。", nil},
	{"其他因素暂不考虑。", nil},
	{"周末和节假日除外。", nil},
	{"现有设备性能不行，不考虑。", nil},
	{"这种情况不能接受。", nil},
	{"去除了以外的杂质后再检测。", nil},
	{"消除了噪声以外的所有故障。", nil},
	// Change exclusions with the object before the verb.
	{"原有管网不做改动，只在末端加装设备。", []string{"change:管网"}},
	{"不对现有生产线进行改造。", []string{"change:生产线"}},
	{"不对主机进行改动，以外挂方式实现。", []string{"change:主机"}},
	{"不能对原有工艺进行大的调整。", []string{"change:工艺"}},
	{"尽量不对厂房结构做改动。", []string{"change:厂房结构"}},
	{"不对基材造成损伤。", []string{"preserve:基材"}},
	{"炉体结构保持不变。", []string{"change:炉体结构"}},
	{"保持原有产线布局不变的前提下提升产能。", []string{"change:产线布局"}},
	{"工艺参数保持不变。", []string{"preserve:工艺参数"}},
	{"原有PLC程序尽量不改动。", []string{"change:PLC程序"}},
	{"现有模具不允许更换，希望通过工艺优化解决。", []string{"change:模具"}},
	{"车身结构维持原状。", []string{"change:车身结构"}},
	// Traps: capability and other words.
	{"滤芯不能更换，只能整体报废。", nil},
	{"电机转不动，卡滞严重。", nil},
	{"不对称磨损严重。", nil},
	{"方法不对，效果差。", nil},
	{"温度保持稳定。", nil},
	// Requirements on the product in a detection need.
	{"为满足出口客户的无卤要求，需要对来料进行卤素快速筛查。", []string{"product:卤"}},
	{"产品需满足RoHS（不含铅镉），需要一种快速检测方法。", []string{"product:铅、镉"}},
	{"客户要求产品不含邻苯类增塑剂，希望建立快速检测方法。", []string{"product:邻苯类增塑剂"}},
	{"出口欧盟的玩具须不含邻苯，需要快速筛查手段。", []string{"product:邻苯"}},
	// Not a detection need: the product is the solution.
	{"为满足客户的无铅要求，希望开发低温无铅焊料。", []string{"thing:铅", "thing:铅"}},
	{"焊料需无铅，要求焊点X光检测无气孔。", []string{"thing:铅"}},
	{"检测试剂不含汞，需要建立快速检测方法。", []string{"thing:汞"}},
	{"要求涂料不含铅镉汞。", []string{"thing:铅、镉、汞"}},
	// Verb-complement phrases.
	{"设备不能拆下返厂，需要在线修复。", []string{"change:拆下返厂"}},
	{"电机不能取下维修，只能在线处理。", []string{"change:取下维修"}},
	{"转子不允许拆卸。", []string{"change:转子"}},
	{"不能拆下电机。", []string{"change:电机"}},
	{"不得卸下防护罩进行作业。", []string{"change:防护罩"}},
}
