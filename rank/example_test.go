package rank_test

import (
	"fmt"
	"strings"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/rank"
)

func Example() {
	s, err := rank.New(rank.DefaultConfig())
	if err != nil {
		fmt.Println(err)
		return
	}
	need := &techmatch.Need{
		ID: "N1", Title: "新能源汽车轻量化车身材料", Industries: []techmatch.Industry{techmatch.Auto},
		OrgType: techmatch.Leading, Region: "吉林省长春市", MinMaturity: 6, Budget: 200,
		TransferModes: []techmatch.TransferMode{techmatch.License},
	}
	ach := &techmatch.Achievement{
		ID: "A1", Title: "高强铝合金车身结构件成形技术", Industries: []techmatch.Industry{techmatch.Auto, techmatch.Materials},
		Owner: "哈尔滨工业大学", Region: "黑龙江省哈尔滨市", Maturity: 3, Price: 800,
		TransferModes: []techmatch.TransferMode{techmatch.Assign},
	}
	score, ex, keep := s.Score(need, ach, rank.Candidate{Text: 0.8, Bigram: 0.6, MatchedTerms: []string{"铝合金", "车身"}})
	fmt.Printf("score %.4f (max %.2f) kept %v feasible %v\n", score, rank.DefaultConfig().Weights.Sum(), keep, ex.Feasible)
	for _, f := range ex.Features {
		line := fmt.Sprintf("%-15s %5.2f × %4.2f = %+.4f  %s", f.Feature, f.Value, f.Weight, f.Score, f.Note)
		fmt.Println(strings.TrimSpace(line))
	}
	for _, r := range ex.Reasons {
		fmt.Println("-", r)
	}
	// Output:
	// score 0.3313 (max 1.00) kept true feasible false
	// text             0.80 × 0.13 = +0.1008  2 matched terms
	// bigram           0.60 × 0.26 = +0.1572  60% of the need's character pairs in the text
	// role             0.20 × 0.15 = +0.0293  需求为解决问题（材料、轻量化）；该成果为工艺技术（成形技术）
	// effect           0.00 × 0.04 = +0.0000
	// exclusion        0.00 × 0.18 = +0.0000
	// numeric          0.00 × 0.09 = +0.0000
	// industry         1.00 × 0.03 = +0.0250  shared key industry auto
	// maturity        -1.00 × 0.01 = -0.0110  TRL 3 far below 6
	// budget          -1.00 × 0.04 = -0.0350  price 800万元 > budget 200万元 ×2
	// transfer_mode   -1.00 × 0.01 = -0.0100  offered assign, wanted license
	// region           0.60 × 0.01 = +0.0060  哈长城市群 长春–哈尔滨
	// supplier_tier    1.00 × 0.03 = +0.0290  double_first_class
	// demand_priority  1.00 × 0.04 = +0.0400  leading
	// - maturity TRL 3 < required 6
	// - price 800万元 > budget 200万元 ×2
	// - no common transfer mode: offered assign, wanted license
}

func ExampleLoad() {
	// A weights file written by `techmatch tune` (or by hand) need only list
	// what differs from the defaults:
	//
	//	weights:
	//	  text: 0.7
	//	maturity:
	//	  mode: hard
	cfg := rank.DefaultConfig()
	cfg.Weights.Text = 0.7
	cfg.Maturity.Mode = rank.Hard
	s, err := rank.New(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	_, keep := s.ScoreOnly(&techmatch.Need{MinMaturity: 7}, &techmatch.Achievement{Maturity: 2}, rank.Candidate{Text: 0.9})
	fmt.Println("kept:", keep, "max prior:", fmt.Sprintf("%.2f", s.MaxPrior()))
	// Output: kept: false max prior: 0.67
}
