package rank_test

import (
	"fmt"

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
	score, ex, keep := s.Score(need, ach, rank.Candidate{Text: 0.8, MatchedTerms: []string{"铝合金", "车身"}})
	fmt.Printf("score %.4f (max %.2f) kept %v feasible %v\n", score, rank.DefaultConfig().Weights.Sum(), keep, ex.Feasible)
	for _, f := range ex.Features {
		fmt.Printf("%-15s %5.2f × %4.2f = %+.4f  %s\n", f.Feature, f.Value, f.Weight, f.Score, f.Note)
	}
	for _, r := range ex.Reasons {
		fmt.Println("-", r)
	}
	// Output:
	// score 0.5560 (max 1.00) kept true feasible false
	// text             0.80 × 0.60 = +0.4800  2 matched terms
	// industry         1.00 × 0.10 = +0.1000  shared key industry auto
	// maturity        -1.00 × 0.06 = -0.0600  TRL 3 far below 6
	// budget          -1.00 × 0.05 = -0.0500  price 800万元 > budget 200万元 ×2
	// transfer_mode   -1.00 × 0.04 = -0.0400  offered assign, wanted license
	// region           0.60 × 0.06 = +0.0360  哈长城市群 长春–哈尔滨
	// supplier_tier    1.00 × 0.05 = +0.0500  double_first_class
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
	// Output: kept: false max prior: 0.40
}
