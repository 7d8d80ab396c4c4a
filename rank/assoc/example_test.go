package assoc_test

import (
	"context"
	"fmt"

	"github.com/techmatch/techmatch/rank/assoc"
)

// Example learns from a tiny catalog that 动力电池 and 锂离子电池 are used in
// the same contexts although no document uses both.
func Example() {
	var docs []assoc.Doc
	for i := range 12 {
		battery := "锂离子电池"
		if i%2 == 1 {
			battery = "动力电池"
		}
		docs = append(docs,
			assoc.Doc{{Text: battery, Weight: 2}, {Text: "正极材料"}, {Text: "电解液"}, {Text: "能量密度"}},
			assoc.Doc{{Text: "数控机床"}, {Text: "主轴"}, {Text: "加工精度"}, {Text: "刀具"}},
			assoc.Doc{{Text: "轻量化"}, {Text: "铝合金"}, {Text: "车身"}, {Text: "一体化压铸"}},
		)
	}
	m, err := assoc.Build(context.Background(), docs, assoc.Config{
		Method: assoc.MethodSVD, Rank: 3, MaxDFRatio: 0.5, TopM: 5, Seed: 1,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, n := range m.Expand([]assoc.Term{{Text: "锂离子电池"}}, 4) {
		fmt.Printf("%s %.2f\n", n.Term, n.Weight)
	}
	// Output:
	// 动力电池 1.00
	// 正极材料 1.00
	// 电解液 1.00
	// 能量密度 1.00
}
