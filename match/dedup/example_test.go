package dedup_test

import (
	"context"
	"fmt"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/match/dedup"
)

// A lab re-submits an achievement a quarter later under a new id, with
// its figures updated and a sentence moved; a look-alike of the same lab
// (another technique) stays apart.
func Example() {
	recs := []techmatch.Achievement{
		{ID: "A0132", Owner: "东北大学", Date: "2026-01-10", Price: 200,
			Title:       "高硅电工钢薄带连铸制备技术",
			Description: "采用双辊薄带连铸工艺制备高硅电工钢薄带，厚度0.2 mm，铁损低于10 W/kg，能耗降低40%。已完成中试。"},
		{ID: "A0311", Owner: "东北大学", Date: "2026-01-10",
			Title:       "高强度无取向硅钢冷轧退火技术",
			Description: "通过常化-冷轧-连续退火工艺控制织构，获得高磁感低铁损无取向硅钢，适用于驱动电机铁芯。"},
		{ID: "A0587", Owner: "东北大学", Date: "2026-04-08", Price: 260,
			Title:       "高硅电工钢薄带连铸制备技术",
			Description: "已完成中试。采用双辊薄带连铸工艺制备高硅电工钢薄带，厚度0.18 mm，铁损低于9 W/kg，能耗降低45%。"},
	}
	clusters, err := dedup.Find(context.Background(), recs, dedup.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range clusters {
		fmt.Println(c.Members, "newest", dedup.Newest(c))
		for _, d := range c.Diffs {
			fmt.Printf("  %s %s: %q → %q\n", d.ID, d.Field, d.Value, d.Newest)
		}
	}
	kept, folded, err := dedup.Fold(recs, clusters)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(kept), "to match;", "A0132 folded into", folded["A0132"])
	// Output:
	// [A0587 A0132] newest A0587
	//   A0132 description: "采用双辊薄带连铸工艺制备高硅电工钢薄带，厚度0.2 mm，铁损低于10 W/kg，能耗降低40%。已完成中试。" → "已完成中试。采用双辊薄带连铸工艺制备高硅电工钢薄带，厚度0.18 mm，铁损低于9 W/kg，能耗降低45%。"
	//   A0132 price: "200" → "260"
	//   A0132 date: "2026-01-10" → "2026-04-08"
	// 2 to match; A0132 folded into A0587
}
