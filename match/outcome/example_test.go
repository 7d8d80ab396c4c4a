package outcome_test

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/techmatch/techmatch/match/outcome"
)

func Example() {
	const feedback = `需求编号,成果编号,对接结果,原因,日期
N001,A017,已对接,,2026-11-02
N001,A044,不合适,价格,2026-11-05
N002,A017,有意向,,2026-11-07
`
	recs, _, err := outcome.Read(context.Background(), strings.NewReader(feedback), "对接结果.csv", outcome.Options{})
	if err != nil {
		log.Fatal(err)
	}
	s := outcome.NewSet(recs)
	fmt.Println(s.Rejected("N001", "A044"), s.Rejected("N001", "A017"))
	if r, ok := s.Get("N001", "A044"); ok {
		fmt.Println(outcome.Mark(r))
	}
	fmt.Println(s.Judgments()["N001"], s.JudgedNeeds(nil))
	// Output:
	// true false
	// 曾被标记不合适（价格，2026-11-05）
	// map[A017:2 A044:0] 2
}
