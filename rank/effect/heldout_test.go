package effect

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// heldOutTable was written after the rules were frozen, without running
// them, as a check of generalisation: its wants are what an expert reads in
// each text, including statements the rules are known to miss (hard cases
// stay in, so the figures are honest). Never tune the rules on it; add new
// traps to extractTable instead.
var heldOutTable = []extractCase{
	{N, "电机轴承运行三个月就出现异响", []string{"S 寿命↑", "S 噪声↓"}},
	{N, "车间粉尘浓度超标，工人投诉多", []string{"S 粉尘↓"}},
	{N, "压缩机排气温度偏高，润滑油容易结焦", []string{"S 温升↓", "S 结垢↓"}},
	{N, "希望将注塑周期缩短到30秒以内", []string{"W 周期↓"}},
	{N, "焊接变形大，矫正工作量大", []string{"S 变形↓"}},
	{N, "要求密封件在-50℃不失效", []string{"W 故障↓"}},
	{N, "热处理后零件硬度不均匀", []string{"S 一致性↑"}},
	{N, "发酵罐染菌率高，批次报废多", []string{"S 感染↓", "S 合格率↑"}},
	{N, "冬季管道冻裂，漏水严重", []string{"S 裂纹↓", "S 泄漏↓"}},
	{N, "希望提高涂层的耐盐雾性能，达到1000小时以上", []string{"W 腐蚀↓"}},
	{N, "齿轮箱温升过高，油温超过90℃", []string{"S 温升↓", "S 温升↓"}},
	{N, "客户要求产品不良率控制在0.5%以内", []string{"W 合格率↑"}},
	{N, "锂电池低温下放电容量只有常温的60%", []string{"S 容量↑"}},
	{N, "现有中央空调系统运行费用高，耗电量大", []string{"S 成本↓", "S 能耗↓"}},
	{N, "数控机床主轴热变形导致加工精度不稳定", []string{"S 变形↓", "S 精度↑"}},
	{N, "产品外观有气泡、缩痕，良品率偏低", []string{"S 气孔↓", "S 缩松↓", "S 合格率↑"}},
	{N, "需要一种能检测焊缝裂纹的无损检测设备", nil},
	{N, "我公司拟引进一条年产5万吨的生产线", nil},
	{N, "铸造车间烟尘排放不达标", []string{"S 排放↓"}},
	{N, "希望在保证强度的前提下把壁厚减薄", []string{"W 强度="}},
	{N, "光伏组件衰减快，发电效率逐年下降", []string{"S 效率↑"}},
	{N, "患者术后疼痛明显，镇痛药用量大", []string{"S 疼痛↓", "S 用量↓"}},
	{N, "奶牛乳房炎发病率高，抗生素用量大", []string{"S 病害↓", "S 用量↓"}},
	{N, "高速列车车内噪声大，乘坐舒适性差", []string{"S 噪声↓", "S 舒适性↑"}},
	{N, "要求续航里程不低于500公里", []string{"W 续航↑"}},
	{N, "电池充电时间长达8小时", []string{"S 充电速度↑"}},
	{N, "希望降低药品生产中的有机溶剂残留", []string{"W 残留↓"}},
	{N, "设备故障率高，维修成本大", []string{"S 故障↓", "S 成本↓"}},
	{N, "不接受含氟材料", nil},
	{N, "刀具容易崩刃，加工表面粗糙度达不到要求", []string{"S 断裂↓", "S 粗糙度↓"}},
	{N, "浇注系统设计不合理导致卷气严重", []string{"S 气孔↓"}},
	{N, "希望软件界面友好", nil},
	{N, "作物产量低且品质差", []string{"S 产量↑"}},
	{N, "冷库能耗占运营成本的40%以上", []string{"S 能耗↓", "S 成本↓"}},
	{A, "采用新型隔热材料，窑炉热损失降低35%", []string{"E 损耗↓"}},
	{A, "电机效率提升至96%，噪声低于65分贝", []string{"E 效率↑", "E 噪声↓"}},
	{A, "该涂层可使管道使用寿命延长至20年以上", []string{"E 寿命↑"}},
	{A, "通过结构优化，车身扭转刚度提高25%，重量减轻12%", []string{"E 刚度↑", "E 重量↓"}},
	{A, "新工艺使焊缝一次合格率达到99.5%", []string{"E 合格率↑"}},
	{A, "有效减少了铸件缩孔和气孔缺陷", []string{"E 缩松↓", "E 气孔↓"}},
	{A, "膜材料抗污染性能优异，清洗周期延长一倍", []string{"E 结垢↓", "E 寿命↑"}},
	{A, "可在线检测变压器绕组温度并报警", nil},
	{A, "材料不含卤素，燃烧时烟密度低", nil},
	{A, "电解液在-40℃下电导率仍保持在1 mS/cm以上", []string{"E 导电性↑"}},
	{A, "较进口产品价格低40%", []string{"E 成本↓"}},
	{A, "传统人工检测漏检率高达5%，本系统漏检率低于0.1%", []string{"S 误报↓", "E 误报↓"}},
	{A, "解决了高温合金切削过程中刀具磨损快的难题", []string{"E 磨损↓"}},
	{A, "采用该方法后，产品返修率下降60%", []string{"E 合格率↑"}},
	{A, "实现零泄漏", []string{"E 泄漏↓"}},
	{A, "疫苗保护率达到95%", []string{"E 疗效↑"}},
	{A, "降低了药物的肝毒性", []string{"E 副作用↓"}},
	{A, "种子发芽率提高10个百分点", []string{"E 发芽率↑"}},
	{A, "生产过程中不产生废水", []string{"E 排放↓"}},
	{A, "本装置体积小、重量轻、安装方便", []string{"E 体积↓", "E 重量↓"}},
	{A, "电池组温差控制在2℃以内", []string{"E 温差↓"}},
	{A, "可将图像分辨率提升4倍", []string{"E 分辨率↑"}},
	{A, "与现有产品相比，响应速度提高3倍，功耗降低50%", []string{"E 响应速度↑", "E 能耗↓"}},
	{A, "抗拉强度比普通钢材高30%，但成本增加约15%", []string{"E 强度↑", "E 成本↑"}},
	{A, "目前尚存在循环寿命较短的不足", []string{"D 寿命↓"}},
	{A, "研制了一种用于检测管道腐蚀的超声传感器", nil},
	{A, "提高了锂电池的安全性", []string{"E 安全性↑"}},
	{A, "可有效防止冬季管道冻结", nil},
	{A, "催化剂选择性达到98%，转化率提高15%", []string{"E 收率↑", "E 收率↑"}},
	{A, "使用该菌剂后土壤板结明显改善", []string{"E 板结↓"}},
	{A, "加工后表面无毛刺、无划痕", []string{"E 毛刺↓", "E 划伤↓"}},
	{A, "振动幅值降低至原来的三分之一", []string{"E 振动↓"}},
	{A, "整机噪音小、运行平稳", []string{"E 噪声↓"}},
	{A, "实现了设备故障的早期诊断与预测", nil},
	{A, "将焊接速度提高到每分钟2米", []string{"E 效率↑"}},
	{A, "成本较进口同类产品降低约三成", []string{"E 成本↓"}},
}

// TestPrecisionRecallHeldOut measures the frozen rules on heldOutTable.
// Measured when the table was written: 86 statements wanted, 76 found, 74
// right (precision 0.974, recall 0.860). The floors guard against
// regressions.
func TestPrecisionRecallHeldOut(t *testing.T) {
	a, err := Default()
	require.NoError(t, err)
	tp, found, wanted, misses := score(a, heldOutTable)
	p, r := float64(tp)/float64(max(found, 1)), float64(tp)/float64(max(wanted, 1))
	t.Logf("held-out table: %d texts, %d statements wanted, %d found, %d right: precision %.3f, recall %.3f",
		len(heldOutTable), wanted, found, tp, p, r)
	for _, m := range misses {
		t.Log(m)
	}
	assert.GreaterOrEqual(t, p, 0.9, "precision")
	assert.GreaterOrEqual(t, r, 0.8, "recall")
}
