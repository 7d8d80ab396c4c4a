package segment_test

import (
	"fmt"

	"github.com/techmatch/techmatch/segment"
)

func Example() {
	s, err := segment.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	toks, err := s.Tokenize("采用3D打印修复Ｔｉ－６Ａｌ－４Ｖ叶片", segment.ModePrecise)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range toks {
		fmt.Println(t.Term, t.Start, t.End, t.Position)
	}
	// Output:
	// 3d打印 6 14 2
	// 修复 14 20 3
	// ti-6al-4v 20 47 4
	// 叶片 47 53 5
}
