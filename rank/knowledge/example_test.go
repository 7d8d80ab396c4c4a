package knowledge_test

import (
	"fmt"
	"strings"

	"github.com/techmatch/techmatch/rank/knowledge"
)

func Example() {
	data := "syn\t锂离子电池|锂电|LIB\n" +
		"syn\t电池热管理|BTMS\n" +
		"problem\t冬季续航缩水\t低温电解液|电池热管理\t0.8\n"
	g, err := knowledge.Load(strings.NewReader(data), "auto.tsv")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range g.Expand("锂电冬季续航缩水", knowledge.Options{}) {
		fmt.Printf("%s -> %s (%s %.3f)\n", e.From, e.To, e.Kind, e.Weight)
	}
	// Output:
	// 锂电 -> LIB (synonym 0.800)
	// 锂电 -> 锂离子电池 (synonym 0.800)
	// 冬季续航缩水 -> 低温电解液 (problem 0.560)
	// 冬季续航缩水 -> 电池热管理 (problem 0.560)
	// 冬季续航缩水 -> BTMS (problem 0.448)
}
