package effect_test

import (
	"fmt"

	"github.com/techmatch/techmatch/rank/effect"
)

func Example() {
	a, err := effect.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	need := a.Extract("空压机耗电翻倍，漏气严重。希望降低能耗", effect.Need)
	for _, s := range need {
		fmt.Println(s)
	}
	// A leak tester shares the words but states no effect.
	tester := a.Extract("压缩空气泄漏检测仪，可检出泄漏率低于1×10⁻⁶ Pa·m³/s", effect.Achievement)
	fmt.Println(len(tester), len(a.Answers(need, tester)))

	ach := a.Extract("新型密封结构使泄漏量降低80%，电耗降低12%，成本较高", effect.Achievement)
	links := a.Answers(need, ach)
	for _, l := range links {
		fmt.Println(l.Answers, effect.Explain(l, need, ach))
	}
	pro, con := effect.Evidence(links)
	fmt.Printf("%.2f %.2f\n", pro, con)
	// Output:
	// symptom 能耗↓ 1.00 「耗电翻倍」
	// symptom 泄漏↓ 0.40 「漏气严重」
	// wish 能耗↓ 0.70 「降低能耗」
	// 0 0
	// true 能耗↓：需求「耗电翻倍」，成果「电耗降低12%」
	// true 泄漏↓：需求「漏气严重」，成果「泄漏量降低80%」
	// true 能耗↓：需求「降低能耗」，成果「电耗降低12%」
	// 1.00 0.00
}

func ExampleAnalyzer_Extract() {
	a, err := effect.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	text := "在不降低强度的前提下，重量较铸铁件减轻40%"
	for _, s := range a.Extract(text, effect.Achievement) {
		fmt.Printf("%s %s %s %q", s.Kind, s.Property, s.Direction, s.Term)
		for _, c := range s.Cues {
			fmt.Printf(" %s:%s@%d", c.Kind, c.Text, c.Span.Start)
		}
		fmt.Println()
	}
	// Output:
	// effect 强度 keep "强度" verb:不降低@3
	// effect 重量 down "重量" verb:减轻@51 number:40%@57
}
