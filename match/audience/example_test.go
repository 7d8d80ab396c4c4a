package audience_test

import (
	"fmt"
	"log"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/match/audience"
)

func Example() {
	needs := []techmatch.Need{{
		ID: "N1", Title: "电池包液冷热管理", Org: "某某汽车集团", Budget: 300, Region: "吉林省长春市",
		Extra: techmatch.Extra{{Name: "是否公开", Value: "否"}, {Name: "联系电话", Value: "0431-8000000"}},
	}}
	// The view a university gets: confidential needs redacted.
	v, err := audience.New(audience.Supplier, needs, nil)
	if err != nil {
		log.Fatal(err)
	}
	n := v.Need(needs[0])
	fmt.Println(n.Title, n.Org, n.Region, n.Budget, len(n.Extra))
	p := v.Pair(techmatch.Pair{NeedID: "N1", AchievementID: "A1", Explain: &techmatch.Explanation{
		Reasons: []string{"price 500万元 > budget 300万元 ×1.5"},
	}})
	fmt.Println(p.Explain.Reasons)
	// The agency's view shows everything.
	all, _ := audience.New(audience.Internal, needs, nil)
	fmt.Println(all.Need(needs[0]).Org)
	// Output:
	// 电池包液冷热管理 某企业（保密） 吉林省长春市 0 0
	// [price over budget (budget or price confidential)]
	// 某某汽车集团
}
