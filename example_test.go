package techmatch_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/techmatch/techmatch"
)

func ExampleReadAchievements() {
	const catalog = `{"id":"A1","title":"高强钢热成形技术","industries":["汽车","新材料"],"maturity":"7","price":"面议","transfer_modes":"转让、许可"}
{"id":"A2","title":"可降解镁合金支架","maturity":12}
{"id":"A3","description":"五轴数控机床误差补偿","owner_type":"科研院所","price":80}
`
	recs, problems, err := techmatch.ReadAchievements(context.Background(),
		strings.NewReader(catalog), "achievements.jsonl", techmatch.ReadOptions{Lenient: true})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	for _, a := range recs {
		fmt.Printf("%s industries=%v maturity=%d price=%g modes=%v owner_type=%q\n",
			a.ID, a.Industries, a.Maturity, a.Price, a.TransferModes, a.OwnerType)
	}
	for _, p := range problems {
		fmt.Println("skipped:", p)
	}
	// Output:
	// A1 industries=[auto materials] maturity=7 price=0 modes=[assign license] owner_type=""
	// A3 industries=[] maturity=0 price=80 modes=[] owner_type="institute"
	// skipped: achievements.jsonl:2: field "maturity" (id A2): 12 is outside 1–9
}

func ExampleReadNeeds_strict() {
	const catalog = "编号,需求名称,最低成熟度,预算\nN1,车身轻量化,5,300\nN2,医用钛合金,,-10\n"
	recs, _, err := techmatch.ReadNeeds(context.Background(),
		strings.NewReader(catalog), "needs.csv", techmatch.ReadOptions{})
	fmt.Println(len(recs), "valid need(s)")
	var ce *techmatch.CatalogError
	if errors.As(err, &ce) {
		for _, p := range ce.Problems {
			fmt.Println(p)
		}
	}
	fmt.Println(errors.Is(err, techmatch.ErrNegative))
	// Output:
	// 1 valid need(s)
	// needs.csv:3: field "budget" (id N2): -10 is negative
	// true
}

func ExampleWritePairsJSONL() {
	pairs := []techmatch.Pair{
		{NeedID: "N1", AchievementID: "A1", Rank: 1, Score: 0.87654321},
		{NeedID: "N1", AchievementID: "A3", Rank: 2, Score: 0.5,
			Explain: &techmatch.Explanation{Feasible: false, Reasons: []string{"maturity 4 < 5"}}},
	}
	if err := techmatch.WritePairsJSONL(os.Stdout, pairs); err != nil {
		fmt.Println("error:", err)
	}
	// Output:
	// {"need_id":"N1","achievement_id":"A1","rank":1,"score":0.876543}
	// {"need_id":"N1","achievement_id":"A3","rank":2,"score":0.5,"explain":{"features":null,"feasible":false,"reasons":["maturity 4 < 5"]}}
}

func ExamplePairWriter() {
	var out strings.Builder
	pw, err := techmatch.NewPairWriter(&out, techmatch.FormatCSV)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	for i, id := range []string{"A7", "A2"} {
		if err := pw.Write(techmatch.Pair{NeedID: "N1", AchievementID: id, Rank: i + 1, Score: 1 / float64(i+3)}); err != nil {
			fmt.Println("error:", err)
			return
		}
	}
	if err := pw.Flush(); err != nil {
		fmt.Println("error:", err)
		return
	}
	csv, hasBOM := strings.CutPrefix(out.String(), "\uFEFF")
	fmt.Println("BOM:", hasBOM)
	fmt.Print(csv)
	// Output:
	// BOM: true
	// need_id,achievement_id,rank,score,explain
	// N1,A7,1,0.333333,
	// N1,A2,2,0.25,
}

func ExampleLimits() {
	// A stray quote on line 3 and a field over a lowered field limit: each
	// costs its own record only.
	const catalog = "id,title,description\n" +
		"A1,激光熔覆修复,轴类零件\n" +
		"A2,\"未闭合的引号,描述\n" +
		"A3,医用钛合金," + "很长的描述很长的描述很长的描述很长的描述很长的描述很长的描述很长的描述" + "\n" +
		"A4,高强钢热成形,车身轻量化\n"
	opt := techmatch.ReadOptions{Lenient: true, Limits: techmatch.Limits{MaxFieldBytes: 64}}
	recs, problems, err := techmatch.ReadAchievements(context.Background(), strings.NewReader(catalog), "a.csv", opt)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	for _, a := range recs {
		fmt.Println("kept", a.ID)
	}
	for _, p := range problems {
		fmt.Println("skipped:", p, "| too large:", errors.Is(p, techmatch.ErrTooLarge))
	}
	fmt.Println(techmatch.SkippedRecords(problems), "record(s) skipped; default field limit", techmatch.DefaultLimits().MaxFieldBytes)
	// Output:
	// kept A1
	// kept A4
	// skipped: a.csv:3: unterminated quote from line 3 (the lines after it are read again) | too large: false
	// skipped: a.csv:4: field "description" (id A3): 105 bytes, over the limit of 64 (Limits.MaxFieldBytes) | too large: true
	// 2 record(s) skipped; default field limit 65536
}

func ExampleSkippedRecords() {
	// Every record bad: an error in both modes, with the counts.
	const catalog = `{"id":"A1","title":"t","maturity":42,"price":-1}
{"id":"A2"}
`
	_, problems, err := techmatch.ReadAchievements(context.Background(),
		strings.NewReader(catalog), "a.jsonl", techmatch.ReadOptions{Lenient: true})
	fmt.Println(err)
	fmt.Println(errors.Is(err, techmatch.ErrEmptyCatalog), len(problems), "problems,", techmatch.SkippedRecords(problems), "records")
	// Output:
	// a.jsonl: no usable record (2 read, 2 skipped)
	// true 3 problems, 2 records
}
