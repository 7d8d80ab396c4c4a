package intent_test

import (
	"fmt"

	"github.com/techmatch/techmatch/rank/intent"
)

func Example() {
	c, err := intent.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	need := c.Need(intent.Text{
		Title:       "铸铝壳体渗漏问题",
		Description: "加压试漏检测发现约6%的壳体渗漏。急需解决铸件漏气问题，降低废品率。",
		Keywords:    []string{"铸件漏气", "渗漏"},
	})
	tester := c.Achievement(intent.Text{Title: "铸件气密性在线检测装置"})
	remedy := c.Achievement(intent.Text{Title: "铝合金压铸件真空浸渗补缩工艺"})
	compat := intent.DefaultCompatibility()

	fmt.Println(need.Kind, need.Kind.Label())
	for _, a := range []intent.RoleResult{tester, remedy} {
		fmt.Printf("%s %+.2f %s\n", a.Kind, compat.Score(need, a), intent.Explain(need, a))
	}
	top := need.Cues[0]
	fmt.Printf("%s %q in the %s at bytes [%d,%d)\n", top.Kind, top.Word, top.Field, top.Start, top.End)
	// Output:
	// remedy 解决问题
	// monitoring -0.48 需求为解决问题（降低、问题）；该成果为检测监测分析（在线检测装置）
	// process +0.37 需求为解决问题（降低、问题）；该成果为工艺技术（补缩工艺、浸渗）
	// remedy "降低" in the description at bytes [80,86)
}
