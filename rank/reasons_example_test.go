package rank_test

import (
	"fmt"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/rank"
)

func ExampleReasons() {
	s, err := rank.New(rank.DefaultConfig())
	if err != nil {
		fmt.Println(err)
		return
	}
	need := &techmatch.Need{
		ID: "N1", Title: "汽车轻量化车身材料", Industries: []techmatch.Industry{techmatch.Auto},
		OrgType: techmatch.Leading, Region: "吉林省长春市", MinMaturity: 6, Budget: 100,
		TransferModes: []techmatch.TransferMode{techmatch.License},
	}
	ach := &techmatch.Achievement{
		ID: "A1", Title: "碳纤维复合材料车身轻量化技术", Industries: []techmatch.Industry{techmatch.Auto, techmatch.Materials},
		Owner: "哈尔滨工业大学", Region: "黑龙江省哈尔滨市", Maturity: 7, Price: 80,
		TransferModes: []techmatch.TransferMode{techmatch.Assign},
	}
	score, ex, _ := s.Score(need, ach, rank.Candidate{Text: 0.8, Bigram: 0.7, MatchedTerms: []string{"碳纤维", "轻量化", "技术", "车身"}})
	fmt.Printf("匹配度 %d\n", rank.Degree(score))
	for _, r := range rank.Reasons(ex) {
		fmt.Println(r)
	}
	fmt.Println(rank.ReasonText(ex) != "")
	// Output:
	// 匹配度 90
	// 字面重合：需求的 70% 字符对见于成果文本
	// 共同技术要点：碳纤维、轻量化、车身
	// 类型相符（需求为解决问题，成果为工艺技术）
	// 需求方为龙头企业
	// 预算内（80万元 ≤ 100万元）
	// ⚠ 转化方式不一致（成果：转让；需求：许可）
	// true
}
