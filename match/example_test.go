package match_test

import (
	"context"
	"fmt"
	"log"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/match"
	"github.com/techmatch/techmatch/segment"
)

func Example() {
	ctx := context.Background()
	seg, err := segment.Default() // shared: built once per process
	if err != nil {
		log.Fatal(err)
	}
	idx, err := index.New[techmatch.Achievement](ctx, index.Config{Segmenter: seg})
	if err != nil {
		log.Fatal(err)
	}
	defer idx.Close()
	err = idx.Add(ctx,
		techmatch.Achievement{ID: "A1", Title: "碳纤维增强复合材料汽车轻量化车身部件", Description: "热塑性碳纤维复合材料模压成型，减重40%。",
			Industries: []techmatch.Industry{techmatch.Auto, techmatch.Materials}, Maturity: 7, Owner: "哈尔滨工业大学", OwnerType: techmatch.University},
		techmatch.Achievement{ID: "A2", Title: "单克隆抗体连续流纯化工艺", Description: "层析连续流工艺，收率提高15%。",
			Industries: []techmatch.Industry{techmatch.Biomed}, Maturity: 6},
	)
	if err != nil {
		log.Fatal(err)
	}
	eng, err := match.New(ctx, idx, match.Config{})
	if err != nil {
		log.Fatal(err)
	}
	need := techmatch.Need{ID: "N1", Title: "新能源汽车车身轻量化", Description: "寻求碳纤维复合材料车身部件技术，要求减重30%以上。", MinMaturity: 6}
	pairs, err := eng.Match(ctx, need, match.Options{Top: 10})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range pairs {
		fmt.Println(p.Rank, p.AchievementID, p.Explain.Feasible)
	}
	// Output:
	// 1 A1 true
}
