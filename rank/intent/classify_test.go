package intent

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mustDefault(t testing.TB) *Classifier {
	t.Helper()
	c, err := Default()
	require.NoError(t, err)
	return c
}

// cueWords lists the cue words of a result, for failure messages.
func cueWords[K Kind](r Result[K]) string {
	var b strings.Builder
	for _, c := range r.Cues {
		fmt.Fprintf(&b, " %s:%s(%s %.2f)", c.Kind, c.Word, c.Field, c.Weight)
	}
	return b.String()
}

// checkTable asserts the kind of every case.
func checkTable[K Kind](t *testing.T, cases []kindCase[K], classify func(Text) Result[K]) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := classify(tc.t)
			var unknown K
			ok := got.Kind == tc.want || (tc.alsoOK != unknown && got.Kind == tc.alsoOK)
			assert.True(t, ok, "classify(%q): got %s (%.2f, runner-up %s %.2f), want %s;%s",
				tc.t.Title, got.Kind, got.Confidence, got.RunnerUp, got.RunnerUpConfidence, tc.want, cueWords(got))
		})
	}
}

func TestClassifyNeed(t *testing.T) {
	checkTable(t, needCases, mustDefault(t).Need)
}

func TestClassifyAchievement(t *testing.T) {
	checkTable(t, roleCases, mustDefault(t).Achievement)
}

// prStats holds per-kind precision and recall over a table.
type prStats struct {
	tp, fp, fn map[string]int
	n, correct int
}

func newPR() *prStats {
	return &prStats{tp: map[string]int{}, fp: map[string]int{}, fn: map[string]int{}}
}

// add records one case; an acceptable second answer counts as the gold.
func (s *prStats) add(gold, alsoOK, got string) {
	s.n++
	if got == gold || (alsoOK != "unknown" && got == alsoOK) {
		s.correct++
		s.tp[got]++
		return
	}
	s.fp[got]++
	s.fn[gold]++
}

// report formats accuracy, per-kind precision/recall and the macro F1
// over the given kinds.
func (s *prStats) report(kinds []string) (string, float64) {
	var b strings.Builder
	fmt.Fprintf(&b, "accuracy %d/%d = %.3f\n", s.correct, s.n, float64(s.correct)/float64(s.n))
	f1sum := 0.0
	for _, k := range kinds {
		p := ratio(s.tp[k], s.tp[k]+s.fp[k])
		r := ratio(s.tp[k], s.tp[k]+s.fn[k])
		f1 := 0.0
		if p+r > 0 {
			f1 = 2 * p * r / (p + r)
		}
		f1sum += f1
		fmt.Fprintf(&b, "  %-10s P %.2f (%d/%d)  R %.2f (%d/%d)  F1 %.2f\n", k, p, s.tp[k], s.tp[k]+s.fp[k], r, s.tp[k], s.tp[k]+s.fn[k], f1)
	}
	macro := f1sum / float64(len(kinds))
	fmt.Fprintf(&b, "  macro F1 %.3f\n", macro)
	return b.String(), macro
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// scoreTable scores a table.
func scoreTable[K Kind](cases []kindCase[K], classify func(Text) Result[K]) *prStats {
	s := newPR()
	for _, tc := range cases {
		s.add(tc.want.String(), tc.alsoOK.String(), classify(tc.t).Kind.String())
	}
	return s
}

func names[K Kind](ks []K) []string {
	out := []string{"unknown"}
	for _, k := range ks {
		out = append(out, k.String())
	}
	return out
}

// TestPrecisionRecall prints precision and recall on the development
// tables (go test -run PrecisionRecall -v); TestHoldout does the same on
// the tables written after the rules were frozen and bounds them.
func TestPrecisionRecall(t *testing.T) {
	c := mustDefault(t)
	rep, _ := scoreTable(needCases, c.Need).report(names(NeedIntents()))
	t.Logf("need intent, development table:\n%s", rep)
	rep, _ = scoreTable(roleCases, c.Achievement).report(names(Roles()))
	t.Logf("achievement role, development table:\n%s", rep)
}

// TestCueSpans checks the cues of a record with every field: spans point
// at their words, keyword cues name their keyword, weights sum per kind
// to the evidence.
func TestCueSpans(t *testing.T) {
	c := mustDefault(t)
	tx := Text{
		Title:       "高压开关柜局部放电在线监测",
		Description: "近年多次发生绝缘击穿。需要能在运行中在线监测局部放电并提前预警的装置。",
		Keywords:    []string{"开关柜", "在线监测"},
	}
	r := c.Need(tx)
	checkResult(t, tx, r, numNeeds)
	require.Equal(t, NeedDetect, r.Kind)
	fields := map[Field]bool{}
	sum := 0.0
	for _, cue := range r.Cues {
		fields[cue.Field] = true
		if cue.Kind == r.Kind {
			sum += cue.Weight
		}
		if cue.Field == FieldKeywords {
			assert.Equal(t, tx.Keywords[cue.Keyword][cue.Start:cue.End], cue.Word)
		}
	}
	assert.Len(t, fields, 3, "cues from the three fields: %s", cueWords(r))
	assert.Equal(t, "在线监测", r.Cues[0].Word, "the strongest cue: %s", cueWords(r))
	top := r.CuesOf(NeedDetect)
	assert.NotEmpty(t, top)
	for _, cue := range top {
		assert.Equal(t, NeedDetect, cue.Kind)
	}
	assert.Greater(t, sum, 0.0)
	assert.LessOrEqual(t, sum, r.Evidence+1e-9)
}

// TestRunnerUp checks that a mixed need reports its second reading and a
// clear one does not.
func TestRunnerUp(t *testing.T) {
	c := mustDefault(t)
	mixed := c.Need(Text{
		Title:       "退役电池检测与重组技术",
		Description: "需要快速分选检测和成组技术。",
	})
	assert.NotEqual(t, NeedUnknown, mixed.RunnerUp, "mixed: %+v", mixed)
	assert.ElementsMatch(t, []NeedIntent{NeedRemedy, NeedDetect}, []NeedIntent{mixed.Kind, mixed.RunnerUp})
	assert.Greater(t, mixed.RunnerUpConfidence, 0.0)

	clear := c.Need(Text{Title: "注塑件缩痕翘曲问题", Description: "希望改进注塑工艺，降低不良率。"})
	assert.Equal(t, NeedRemedy, clear.Kind)
	assert.Equal(t, NeedUnknown, clear.RunnerUp)
	assert.Zero(t, clear.RunnerUpConfidence)
}

// TestGracefulDegradation: short or cue-less texts are unknown, weak
// evidence gives a low confidence, not a confident guess.
func TestGracefulDegradation(t *testing.T) {
	c := mustDefault(t)
	for _, title := range []string{"", "合作", "哈尔滨", "2024年度项目", "欢迎洽谈"} {
		n := c.Need(Text{Title: title})
		assert.Equal(t, NeedUnknown, n.Kind, "Need(%q)", title)
		assert.Zero(t, n.Confidence)
		a := c.Achievement(Text{Title: title})
		assert.Equal(t, RoleUnknown, a.Kind, "Achievement(%q)", title)
	}
	// one weak word: a decision with a modest confidence
	weak := c.Achievement(Text{Title: "新型涂层"})
	assert.Equal(t, RoleMaterial, weak.Kind)
	strong := c.Achievement(Text{Title: "石墨烯改性环氧防腐涂层材料", Keywords: []string{"涂料", "石墨烯"}, Description: "少层石墨烯与锌粉协同，盐雾3000 h。"})
	assert.Less(t, weak.Confidence, strong.Confidence, "weak %v, strong %v", weak.Confidence, strong.Confidence)
	// a bare title without keywords or description still classifies
	assert.Equal(t, RoleMonitoring, c.Achievement(Text{Title: "电缆局部放电在线监测装置"}).Kind)
	assert.Equal(t, NeedDetect, c.Need(Text{Title: "电缆局部放电在线监测"}).Kind)
}

// TestLongInput: fields are read up to MaxFieldBytes and MaxKeywords, the
// cues are bounded, and a cut never splits a rune.
func TestLongInput(t *testing.T) {
	c := mustDefault(t)
	long := strings.Repeat("需要在线监测装置，降低能耗。", MaxFieldBytes/20)
	kws := make([]string, 3*MaxKeywords)
	for i := range kws {
		kws[i] = "监测"
	}
	tx := Text{Title: long, Description: long, Keywords: kws}
	r := c.Need(tx)
	checkResult(t, tx, r, numNeeds)
	for _, cue := range r.Cues {
		assert.LessOrEqual(t, cue.End, MaxFieldBytes)
		if cue.Field == FieldKeywords {
			assert.Less(t, cue.Keyword, MaxKeywords)
		}
	}
	assert.Equal(t, "需要在线", truncate("需要在线监测", 13), "cut on a rune boundary")
	assert.Equal(t, "ab", truncate("ab", 5))
}

// TestConcurrentUse runs both classifiers from several goroutines (run with
// -race) and checks they agree with a sequential run.
func TestConcurrentUse(t *testing.T) {
	c := mustDefault(t)
	want := make([]NeedResult, len(needCases))
	for i, tc := range needCases {
		want[i] = c.Need(tc.t)
	}
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			ok := true
			for i, tc := range needCases {
				ok = ok && assert.Equal(t, want[i], c.Need(tc.t))
				c.Achievement(tc.t)
			}
			done <- ok
		}()
	}
	for g := 0; g < 4; g++ {
		assert.True(t, <-done)
	}
}
