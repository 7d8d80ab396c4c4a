package assign_test

import (
	"context"
	"fmt"

	"github.com/techmatch/techmatch/match/assign"
)

// One lab (A1) is the best match of two needs but takes one enterprise
// per quarter: the optimum gives A1 to the need that loses most without
// it and explains the displaced pair.
func Example() {
	pairs := []assign.Pair{
		{Need: "N1", Achievement: "A1", Owner: "哈尔滨工业大学", Score: 0.9},
		{Need: "N1", Achievement: "A2", Owner: "吉林大学", Score: 0.8},
		{Need: "N2", Achievement: "A1", Owner: "哈尔滨工业大学", Score: 0.85},
		{Need: "N2", Achievement: "A3", Owner: "吉林大学", Score: 0.2},
	}
	r, err := assign.Solve(context.Background(), pairs, assign.Caps{PerNeed: 1, PerAchievement: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range r.Chosen {
		fmt.Println(p.Need, p.Achievement, p.Score)
	}
	fmt.Printf("total %.2f\n", r.Total)
	k := assign.PairKey{Need: "N1", Achievement: "A1"}
	fmt.Println(k.Need, k.Achievement, r.Displaced[k], r.Displaced[k].Text())
	// Output:
	// N1 A2 0.8
	// N2 A1 0.85
	// total 1.65
	// N1 A1 achievement_full 该成果本季对接名额已满
}
