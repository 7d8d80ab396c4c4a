package constraint

// This file tells a substance the solution must not contain from a
// property the enterprise's product must have: 为满足出口客户的无卤要求，需要
// 对来料进行卤素快速筛查 asks for halogen screening; halogen detection is
// what it wants, not what it excludes.

var productSets = struct {
	opener, closer, holder, detect, detectMeans, detectNot, want, means *wordSet
}{
	// 为满足…要求, 符合RoHS: a clause stating what the product must meet.
	opener: newWords("为满足", "为了满足", "满足", "符合", "为符合", "为了符合", "为达到", "达到", "通过"),
	closer: newWords("要求", "标准", "规定", "指令", "法规", "认证", "规范", "RoHS", "ROHS", "rohs", "REACH",
		"reach", "环保"),
	// 客户要求产品不含…: someone else's requirement on the product.
	holder: newWords("客户要求", "客户的要求", "客户需要", "客户提出", "客户规定", "顾客要求", "出口要求",
		"欧盟要求", "主机厂要求", "整车厂要求", "下游要求", "下游客户要求", "终端客户要求"),
	detect: newWords("检测", "筛查", "检验", "测定", "测试", "鉴别", "鉴定", "检出", "快检", "监测", "测量",
		"分析方法", "定量分析"),
	// A detection word asked for: followed by a means (检测方法, 筛查手段) …
	detectMeans: newWords("方法", "技术", "设备", "仪器", "仪", "手段", "装置", "系统", "平台", "服务", "能力",
		"方案", "试剂盒", "试纸", "线"),
	// … but not a result or a report (X光检测无气孔, 提供检测报告).
	detectNot: newWords("报告", "合格", "结果", "数据", "无", "达", "不"),
	// … or preceded in its clause by a want cue (需要对来料进行卤素快速筛查).
	want: newWords("需要", "希望", "寻求", "急需", "亟需", "征集", "建立", "开发", "提供", "求购", "想要", "想找"),
	// The clause of the cue names the means of detection itself
	// (检测试剂不含汞): then the exclusion is on the solution.
	means: newWords("试剂", "试纸", "方法", "仪器", "设备", "检测", "传感器", "探头", "装置", "工艺", "技术",
		"方案", "系统", "耗材"),
}

// productKind returns the kind and confidence of a contain exclusion whose
// cue starts at rune cs and whose phrase is runes [ps, pe): ProductSpec when
// the need asks for detection or testing (a detection word followed by a
// means, 快速检测方法, or preceded in its clause by a want cue, 需要…筛查)
// and the cue's clause does not name the means itself (检测试剂不含汞);
// otherwise ExcludeThing, its confidence capped at 0.5 when the cue sits in
// a clause about the product's requirements (为满足客户的无铅要求,
// 客户要求…, 满足RoHS（不含铅镉）).
func productKind(t *text, cs, ps, pe int, conf float64) (ExclusionKind, float64) {
	if asksDetection(t, ps, pe) && !meansBefore(t, cs) {
		return ProductSpec, conf
	}
	if inProductClause(t, cs) {
		return ExcludeThing, min(conf, .5)
	}
	return ExcludeThing, conf
}

// asksDetection reports whether the text asks for detection or testing
// outside runes [ps, pe). The detection words of the text are found once
// per text (t.asks).
func asksDetection(t *text, ps, pe int) bool {
	if !t.asksDone {
		t.asks, t.asksDone = detectionAsks(t), true
	}
	for _, k := range t.asks {
		if k < ps || k >= pe {
			return true
		}
	}
	return false
}

// detectionAsks returns the rune indexes of the detection words the text
// asks for: followed by a means (快速检测方法) and not by a result (检测合格,
// 检测报告), or preceded in their clause by a want cue (需要…筛查).
func detectionAsks(t *text) []int {
	rs := t.rs
	var out []int
	for k := 0; k < len(rs); k++ {
		w, ok := t.longestAt(k, productSets.detect)
		if !ok {
			continue
		}
		e := k + runeLen(w)
		if _, ok := t.longestAt(e, productSets.detectNot); ok {
			continue
		}
		if _, ok := t.longestAt(e, productSets.detectMeans); ok {
			out = append(out, k)
			continue
		}
		for j := k; j > 0 && k-j <= 20 && !isClauseEnd(rs[j-1]); j-- {
			if _, _, ok := t.longestBefore(j, productSets.want); ok {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

// meansBefore reports whether the clause before rune cs names a means of
// detection (试剂, 方法, 仪器 …): 检测试剂不含汞 excludes from the solution.
func meansBefore(t *text, cs int) bool {
	for j := cs; j > 0 && cs-j <= 20 && !isClauseEnd(t.rs[j-1]); j-- {
		if _, _, ok := t.longestBefore(j, productSets.means); ok {
			return true
		}
	}
	return false
}

// inProductClause reports whether the cue at rune cs sits in a clause about
// the product's requirements: after 为满足/符合/达到 … 要求/标准/RoHS in its
// clause (parentheses do not end it: 产品需满足RoHS（不含铅镉）), or after a
// holder's requirement (客户要求, 出口要求).
func inProductClause(t *text, cs int) bool {
	rs := t.rs
	inClause := func(r rune) bool { return !isSentenceEnd(r) && r != ',' && r != ':' }
	for j := cs; j > 0 && cs-j <= 30 && inClause(rs[j-1]); j-- {
		if _, _, ok := t.longestBefore(j, productSets.holder); ok {
			return true
		}
		w, o, ok := t.longestBefore(j, productSets.opener)
		if !ok {
			continue
		}
		for k := o + runeLen(w); k < len(rs) && k-o <= 25 && inClause(rs[k]); k++ {
			if _, ok := t.longestAt(k, productSets.closer); ok {
				return true
			}
		}
	}
	return false
}
