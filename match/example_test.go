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

// Example_readme is the embedding example of README.md, word for word
// (cmd/techmatch's TestReadmeExample checks that, and that these defaults
// give the CLI's pairs).
func Example_readme() {
	ctx := context.Background()
	achs, _, err := techmatch.LoadAchievements(ctx, "../testdata/achievements.jsonl", techmatch.ReadOptions{})
	if err != nil {
		log.Fatal(err)
	}
	needs, _, err := techmatch.LoadNeeds(ctx, "../testdata/needs.jsonl", techmatch.ReadOptions{})
	if err != nil {
		log.Fatal(err)
	}
	seg, err := segment.Default() // one jieba per process (~0.4 s, ~130 MB), shared
	if err != nil {
		log.Fatal(err)
	}
	// In memory; Config.Path keeps it on disk (idx.Sync(ctx, achs) then
	// makes it hold exactly this catalog).
	idx, err := index.New[techmatch.Achievement](ctx, index.Config{Segmenter: seg})
	if err != nil {
		log.Fatal(err)
	}
	defer idx.Close()
	if err := idx.Add(ctx, achs...); err != nil { // same id = update; idx.Delete(ctx, ids...)
		log.Fatal(err)
	}
	eng, err := match.New(ctx, idx, match.Config{}) // the CLI's defaults
	if err != nil {
		log.Fatal(err)
	}
	pairs, err := eng.Match(ctx, needs[0], match.Options{Top: 3})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range pairs {
		fmt.Println(p.NeedID, p.Rank, p.AchievementID, p.Explain.Feasible)
	}
	// A whole catalog, streamed in catalog order; OnSkip goes on past a
	// need with no searchable text instead of stopping.
	n := 0
	err = eng.MatchEach(ctx, needs, match.Options{Top: 10}, func(i int, pairs []techmatch.Pair) error {
		n += len(pairs)
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n, "pairs")
	// Output:
	// N0001 1 A0052 true
	// N0001 2 A0017 true
	// N0001 3 A0014 true
	// 1600 pairs
}
