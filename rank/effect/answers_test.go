package effect

import (
	"fmt"
	"math"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// renderLinks writes links as "+ 泄漏 same" (an answer) or "- 重量 same"
// (against), with the achievement's property when it differs.
func renderLinks(ls []Link) []string {
	var out []string
	for _, l := range ls {
		s := "-"
		if l.Answers {
			s = "+"
		}
		s += " " + l.Property
		if l.Via != l.Property {
			s += "/" + l.Via
		}
		out = append(out, s+" "+l.Relation.String())
	}
	return out
}

func TestAnswers(t *testing.T) {
	a, err := Default()
	require.NoError(t, err)
	tests := []struct {
		name, need, ach string
		want            []string
	}{
		{"remedy answers the symptom", "铸件漏气，废品率高", "采用真空浸渗工艺，铸件漏气率降低90%以上",
			[]string{"+ 泄漏 same"}},
		{"a tester shares the words, not the effect", "铸件漏气，废品率高", "铸件气密性检测设备，可检出0.5 Pa的泄漏", nil},
		{"a monitoring platform", "电池热失控起火", "储能电站热失控监测预警平台，提前预警火灾", nil},
		{"synonyms", "空调耗电翻倍", "压缩机电耗降低12%", []string{"+ 能耗 same"}},
		{"for and against", "要求在不增加重量的前提下提高刚度", "刚度提高30%，重量增加15%",
			[]string{"- 重量 same", "+ 刚度 same"}},
		{"the wrong way", "车身减重15%以上", "重量增加约5%", []string{"- 重量 same"}},
		{"a drawback", "希望降低成本", "成本较高，目前为中试阶段", []string{"- 成本 same"}},
		{"related, opposite", "冬季续航掉得快", "整车能耗降低10%", []string{"+ 续航/能耗 related"}},
		{"narrower", "铸件缺陷多", "铸件气孔率降低60%", []string{"+ 缺陷/气孔 narrower"}},
		{"narrower, welding", "焊缝缺陷多", "焊缝气孔率降低60%", []string{"+ 焊接缺陷/气孔 narrower"}},
		{"broader", "焊缝气孔多", "焊缝内部缺陷显著减少", []string{"+ 气孔/缺陷 broader"}},
		{"broader, opposite polarity", "铸件缺陷多", "一次合格率提高到99%", []string{"+ 缺陷/合格率 broader"}},
		{"unrelated properties", "产品合格率低", "裂纹减少", nil},
		{"background is no effect", "烘干能耗高", "传统工艺能耗高、效率低，本技术采用热泵", nil},
		{"a need's keep answered", "在不影响透光率的前提下提高硬度", "透光率提高5%，硬度提高至HRC60",
			[]string{"+ 透光率 same", "+ 硬度 same"}},
		{"a need's keep broken", "不影响透光率", "透光率下降10%", []string{"- 透光率 same"}},
		{"an achievement's keep answers no move", "强度不够", "强度损失<3%", nil},
		{"same symptom, same direction, no verb", "电机啸叫严重", "电机啸叫问题分析与诊断服务", nil},
		{"life and wear", "轴承寿命短", "耐磨性提高3倍", []string{"+ 寿命/磨损 related"}},
		{"two symptoms", "空压机能耗高、漏气严重", "能耗降低20%，泄漏量降低80%",
			[]string{"+ 能耗 same", "+ 泄漏 same"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			need := a.Extract(tt.need, Need)
			ach := a.Extract(tt.ach, Achievement)
			links := a.Answers(need, ach)
			got := renderLinks(links)
			assert.Equal(t, tt.want, got, "Answers(%v, %v): got %v, want %v", need, ach, got, tt.want)
			for _, l := range links {
				assert.Greater(t, l.Weight, 0.0)
				assert.LessOrEqual(t, l.Weight, 1.0)
				assert.NotEmpty(t, Explain(l, need, ach))
			}
		})
	}
}

func TestAnswersWeights(t *testing.T) {
	a, err := Default()
	require.NoError(t, err)
	need := a.Extract("铸件缺陷多", Need)            // adjective: 0.4, 缺陷 specificity 0.6
	ach := a.Extract("铸件气孔率降低60%", Achievement) // number: 1
	links := a.Answers(need, ach)
	require.Len(t, links, 1)
	assert.InDelta(t, 0.4*1*weightNarrower*0.6, links[0].Weight, 1e-9)

	// Kinds that are not evidence are skipped on both sides.
	bg := a.Extract("传统工艺铸件缺陷多", Achievement)
	require.NotEmpty(t, bg)
	assert.Equal(t, Symptom, bg[0].Kind)
	assert.Empty(t, a.Answers(need, bg))
	assert.Empty(t, a.Answers(ach, need), "roles swapped: effects are no need statements")
	// Statements of an unknown property are skipped.
	odd := []Statement{{Kind: Wish, Property: "不存在", Direction: Up, Strength: 1}}
	assert.Empty(t, a.Answers(odd, ach))
	assert.Empty(t, a.Answers(need, odd))
}

func TestEvidence(t *testing.T) {
	tests := []struct {
		name     string
		links    []Link
		pro, con float64
	}{
		{"none", nil, 0, 0},
		{"one", []Link{{Property: "能耗", Answers: true, Weight: 0.5}}, 0.5, 0},
		{"same property counts once", []Link{
			{Property: "能耗", Answers: true, Weight: 0.5},
			{Property: "能耗", Answers: true, Weight: 0.3},
		}, 0.5, 0},
		{"two properties combine", []Link{
			{Property: "能耗", Answers: true, Weight: 0.5},
			{Property: "泄漏", Answers: true, Weight: 0.5},
		}, 0.75, 0},
		{"for and against apart", []Link{
			{Property: "重量", Answers: false, Weight: 0.7},
			{Property: "刚度", Answers: true, Weight: 0.7},
		}, 0.7, 0.7},
		{"out-of-range weights are clamped", []Link{
			{Property: "x", Answers: true, Weight: 3},
			{Property: "y", Answers: false, Weight: -1},
		}, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pro, con := Evidence(tt.links)
			assert.InDelta(t, tt.pro, pro, 1e-9, "pro: got %v, want %v", pro, tt.pro)
			assert.InDelta(t, tt.con, con, 1e-9, "con: got %v, want %v", con, tt.con)
		})
	}
}

func TestExplain(t *testing.T) {
	a, err := Default()
	require.NoError(t, err)
	need := a.Extract("要求在不增加重量的前提下提高刚度", Need)
	ach := a.Extract("刚度提高30%，重量增加15%", Achievement)
	var got []string
	for _, l := range a.Answers(need, ach) {
		got = append(got, Explain(l, need, ach))
	}
	assert.Equal(t, []string{
		"重量=：需求「不增加重量」，成果却「重量增加15%」",
		"刚度↑：需求「提高刚度」，成果「刚度提高30%」",
	}, got)
	assert.Empty(t, Explain(Link{Need: 5}, need, ach))
	assert.Empty(t, Explain(Link{Need: 0, Achievement: -1}, need, ach))
}

// TestConcurrentUse runs Extract and Answers from many goroutines on one
// analyzer (run with -race to check the contract).
func TestConcurrentUse(t *testing.T) {
	a, err := Default()
	require.NoError(t, err)
	want := make([][]string, len(extractTable))
	for i, tt := range extractTable {
		want[i] = render(a.Extract(tt.text, tt.role))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, tt := range extractTable {
				got := a.Extract(tt.text, tt.role)
				if fmt.Sprint(render(got)) != fmt.Sprint(want[i]) {
					errs <- tt.text
					return
				}
				a.Answers(got, got)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent Extract(%q) differs", e)
	}
}

func TestDirectionAndKindNames(t *testing.T) {
	assert.Equal(t, []string{"up", "down", "keep", "none"}, []string{Up.String(), Down.String(), Keep.String(), Direction(0).String()})
	assert.Equal(t, []string{"↑", "↓", "=", ""}, []string{Up.Arrow(), Down.Arrow(), Keep.Arrow(), Direction(0).Arrow()})
	assert.Equal(t, []string{"symptom", "wish", "effect", "drawback", "kind(9)"},
		[]string{Symptom.String(), Wish.String(), Effect.String(), Drawback.String(), Kind(9).String()})
	assert.Equal(t, []string{"need", "achievement", "role(0)"}, []string{Need.String(), Achievement.String(), Role(0).String()})
	assert.Equal(t, []string{"same", "narrower", "broader", "related", "relation(0)"},
		[]string{Same.String(), Narrower.String(), Broader.String(), Related.String(), Relation(0).String()})
	assert.Equal(t, "verb", CueVerb.String())
	assert.Equal(t, "mention", CueMention.String())
	assert.Equal(t, "cue(99)", CueKind(99).String())
	assert.False(t, math.IsNaN(Link{}.Weight))
}
