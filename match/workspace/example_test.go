package workspace_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/match"
	"github.com/techmatch/techmatch/match/workspace"
	"github.com/techmatch/techmatch/segment"
)

// A quarter in a workspace: import both catalogs, match everything once,
// then next quarter import again (same id = update), withdraw a record
// and match only what changed, each pair marked 新增 or 已推荐.
func Example() {
	ctx := context.Background()
	achs, _, err := techmatch.LoadAchievements(ctx, "../../testdata/achievements.jsonl", techmatch.ReadOptions{})
	if err != nil {
		log.Fatal(err)
	}
	needs, _, err := techmatch.LoadNeeds(ctx, "../../testdata/needs.jsonl", techmatch.ReadOptions{})
	if err != nil {
		log.Fatal(err)
	}
	seg, err := segment.Default()
	if err != nil {
		log.Fatal(err)
	}
	tmp, err := os.MkdirTemp("", "ws")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	ws, err := workspace.Open(ctx, filepath.Join(tmp, "ws"), workspace.Config{Segmenter: seg})
	if err != nil {
		log.Fatal(err)
	}
	defer ws.Close()

	rep, err := ws.Import(ctx, achs[:100], needs[:20], workspace.ImportOptions{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("Q3 added:", len(rep.Achievements.Added), len(rep.Needs.Added))
	opt := workspace.DeltaOptions{Match: match.Options{Top: 3, NoExplain: true}}
	res, err := ws.MatchDelta(ctx, opt) // the first run: everything
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("Q3 run matched:", res.Needs, "needs,", res.Achievements, "achievements")

	edited := needs[0]
	edited.Title += "（第二期）"
	rep, err = ws.Import(ctx, nil, []techmatch.Need{edited, needs[20]}, workspace.ImportOptions{Withdraw: []string{achs[5].ID}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("Q4 needs added/updated:", rep.Needs.Added, rep.Needs.Updated, "withdrawn:", rep.Achievements.Withdrawn)
	res, err = ws.MatchDelta(ctx, opt) // since the last run
	if err != nil {
		log.Fatal(err)
	}
	marks := map[string]int{}
	for _, p := range res.Pairs {
		marks[p.NeedID+" "+p.Mark]++
	}
	fmt.Println("Q4 run matched:", res.Needs, "needs,", res.Achievements, "achievements")
	fmt.Println(needs[20].ID, "新增:", marks[needs[20].ID+" 新增"])
	fmt.Println(edited.ID, "pairs:", marks[edited.ID+" 新增"]+marks[edited.ID+" 已推荐"])
	// Output:
	// Q3 added: 100 20
	// Q3 run matched: 20 needs, 100 achievements
	// Q4 needs added/updated: [N0021] [N0001] withdrawn: [A0006]
	// Q4 run matched: 2 needs, 0 achievements
	// N0021 新增: 3
	// N0001 pairs: 3
}
