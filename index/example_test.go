package index_test

import (
	"context"
	"fmt"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/segment"
)

func Example() {
	ctx := context.Background()
	seg, err := segment.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	ix, err := index.New[techmatch.Achievement](ctx, index.Config{Segmenter: seg})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ix.Close()
	err = ix.Add(ctx,
		techmatch.Achievement{ID: "A1", Title: "动力电池热管理系统", Description: "液冷板与相变材料结合的电池热管理", Industries: []techmatch.Industry{techmatch.Auto}},
		techmatch.Achievement{ID: "A2", Title: "医用钛合金骨科植入物", Description: "3D打印多孔钛合金", Industries: []techmatch.Industry{techmatch.Biomed, techmatch.Materials}},
	)
	if err != nil {
		fmt.Println(err)
		return
	}

	// Turn a need into match-core query terms and search.
	need := techmatch.Need{ID: "N1", Title: "电池热管理技术", Description: "解决新能源汽车电池过热问题"}
	terms, _, err := ix.Analyze(need, index.FieldWords)
	if err != nil {
		fmt.Println(err)
		return
	}
	q := index.Query{Top: 5, Industries: []techmatch.Industry{techmatch.Auto}}
	for _, tw := range terms {
		q.Terms = append(q.Terms, index.QueryTerm{Term: tw.Term, Field: index.FieldWords, Weight: tw.TF})
	}
	hits, err := ix.Search(ctx, q)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, h := range hits {
		fmt.Println(h.ID)
	}

	// Ad-hoc search through bleve.
	text, err := ix.SearchText(ctx, "钛合金植入物", nil, 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(text[0].ID)
	// Output:
	// A1
	// A2
}
