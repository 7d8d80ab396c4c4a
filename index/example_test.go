package index_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

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

// Sync refreshes an on-disk index from a new catalog: the index holds
// exactly the new records afterwards, and only what changed is analysed
// and written.
func ExampleIndex_Sync() {
	ctx := context.Background()
	seg, err := segment.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, err := os.MkdirTemp("", "techmatch-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "achievements")
	open := func(recs ...techmatch.Achievement) {
		ix, err := index.New[techmatch.Achievement](ctx, index.Config{Segmenter: seg, Path: path})
		if err != nil {
			fmt.Println(err)
			return
		}
		defer ix.Close()
		rep, err := ix.Sync(ctx, recs)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%+v, %d records\n", rep, ix.Len())
	}
	open(
		techmatch.Achievement{ID: "A1", Title: "动力电池热管理系统"},
		techmatch.Achievement{ID: "A2", Title: "医用钛合金骨科植入物"},
	)
	open( // next quarter's catalog
		techmatch.Achievement{ID: "A1", Title: "动力电池热管理系统"},
		techmatch.Achievement{ID: "A3", Title: "激光焊接机器人"},
	)

	// A second Index on the same directory is refused while one is open.
	first, err := index.New[techmatch.Achievement](ctx, index.Config{Segmenter: seg, Path: path})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer first.Close()
	_, err = index.New[techmatch.Achievement](ctx, index.Config{Segmenter: seg, Path: path})
	fmt.Println(errors.Is(err, index.ErrLocked))
	// Output:
	// {Added:2 Updated:0 Deleted:0 Unchanged:0 Skipped:0}, 2 records
	// {Added:1 Updated:0 Deleted:1 Unchanged:1 Skipped:0}, 2 records
	// true
}

// SetLabeler makes records without industries visible to industry
// filters under the industries inferred from their text.
func ExampleIndex_SetLabeler() {
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
	err = ix.Add(ctx, techmatch.Achievement{ID: "A1", Title: "动力电池热管理系统"})
	if err != nil {
		fmt.Println(err)
		return
	}
	n, err := ix.SetLabeler(ctx, func(rec techmatch.Record) []techmatch.Industry {
		if title, _, _ := rec.Text(); strings.Contains(title, "电池") {
			return []techmatch.Industry{techmatch.Auto}
		}
		return nil
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	a, _ := ix.Get("A1")
	fmt.Println(n, a.Industries, a.IndustriesInferred)
	// Output:
	// 1 [auto] true
}
