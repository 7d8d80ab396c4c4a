package tune_test

import (
	"context"
	"fmt"
	"slices"

	"github.com/techmatch/techmatch/internal/tune"
	"github.com/techmatch/techmatch/rank"
)

// Text relevance alone ranks the wrong achievement first; the industry
// feature (index 1) tells the relevant one. Fitting moves weight to it.
func ExampleFit() {
	// Feature values are in rank.Names() order.
	names := rank.Names()
	idxText, idxIndustry := slices.Index(names[:], rank.FeatureText), slices.Index(names[:], rank.FeatureIndustry)
	row := func(id string, text, industry float64) tune.Row {
		var v [rank.NumFeatures]float64
		v[idxText], v[idxIndustry] = text, industry
		return tune.Row{ID: id, Keep: true, Values: v}
	}
	needs := []tune.Need{
		{ID: "N1", Rows: []tune.Row{row("a", 1, 0), row("b", 0.8, 1)}, Judged: map[string]int{"b": 2}},
		{ID: "N2", Rows: []tune.Row{row("c", 1, 0), row("d", 0.7, 1)}, Judged: map[string]int{"d": 1}},
	}
	res, err := tune.Fit(context.Background(), needs, rank.DefaultConfig().Weights, tune.Config{Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("P@1 %.2f → %.2f\n", res.TrainStart.P1, res.Train.P1)
	fmt.Println("N1:", tune.Rank(needs[0], res.Weights))
	fmt.Println("industry outweighs a 0.3 text gap:", res.Weights.Industry > 0.3*res.Weights.Text)
	// Output:
	// P@1 0.00 → 1.00
	// N1: [b a]
	// industry outweighs a 0.3 text gap: true
}
