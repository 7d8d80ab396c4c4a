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
