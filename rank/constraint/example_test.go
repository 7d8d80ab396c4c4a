package constraint_test

import (
	"fmt"

	"github.com/techmatch/techmatch/rank/constraint"
)

func Example() {
	need := "动力电池包热管理改造：不考虑三元锂电池，不能更换模具。冬季最低气温-35℃，希望寿命达到9个月以上。"
	for _, ex := range constraint.Exclusions(need, nil) {
		fmt.Println(ex, ex.Kind, ex.Span)
	}
	// The scorer demotes achievements built on an excluded concept.
	ex := constraint.Exclusions(need, nil)[0]
	fmt.Println(constraint.ExcludedBy(ex, "高镍三元NCM811正极材料", nil))
	fmt.Println(constraint.ExcludedBy(ex, "磷酸铁锂电池低温加热技术", nil))

	achievement := "电池包低温自加热系统，工作温度-40℃~60℃，服役寿命12个月以上。"
	stated := constraint.Quantities(achievement)
	for _, req := range constraint.Requirements(need) {
		v := constraint.Fit(req, stated)
		fmt.Println(v.Outcome, v.Explain)
	}
	// Output:
	// 不考虑：三元锂电池 thing {42 57}
	// 不能更换：模具 change {72 78}
	// [高镍三元 ncm811]
	// []
	// meets 工况冬季最低气温-35℃，成果工作温度-40℃~60℃：满足
	// meets 要求寿命≥9个月，成果服役寿命≥12个月：满足
}
