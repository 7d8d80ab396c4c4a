package match

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
)

// FuzzQuery builds the query of an arbitrary need against the bundled
// catalog: it never fails on valid text, its terms are non-empty valid
// UTF-8 with finite positive weights, and a record with no word of its
// own has no query.
func FuzzQuery(f *testing.F) {
	for _, s := range [][3]string{
		{"新能源汽车车身轻量化", "寻求碳纤维复合材料车身部件技术，要求减重30%以上。", "碳纤维,轻量化"},
		{"铸件漏气", "我公司铝合金铸件气密性不合格，急需解决，欢迎洽谈！", ""},
		{"", "Ti-6Al-4V 304不锈钢 NCM811 PM2.5", "3D打印"},
		{"的了和", "，。！", ""},
		{"\x00\xff", "\u202e\x1b[2J", "=cmd|' /C calc'!A0"},
	} {
		f.Add(s[0], s[1], s[2])
	}
	idx := newIndex(f, catalog.achs)
	eng, err := New(context.Background(), idx, Config{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, title, desc, kws string) {
		need := techmatch.Need{ID: "F", Title: title, Description: desc, Keywords: strings.Split(kws, ",")}
		need.Normalize()
		if need.Validate() != nil {
			return // Match rejects it (TestMatchRejectsBadQueries)
		}
		var s matchScratch
		q, err := eng.qb.build(need, &s)
		if err != nil {
			t.Fatalf("build(%q, %q, %q): %v", title, desc, kws, err)
		}
		if len(q.terms) != len(q.expansion) {
			t.Fatalf("%d terms but %d expansion slots", len(q.terms), len(q.expansion))
		}
		own := 0
		for i, qt := range q.terms {
			if qt.Term == "" || !utf8.ValidString(qt.Term) {
				t.Fatalf("term %d %q is empty or not UTF-8", i, qt.Term)
			}
			if !(qt.Weight > 0) || math.IsInf(qt.Weight, 0) {
				t.Fatalf("term %q has weight %v", qt.Term, qt.Weight)
			}
			if qt.Field == index.FieldWords && q.expansion[i] == nil {
				own++
			}
		}
		if len(q.terms) > 0 && own == 0 {
			t.Fatalf("query of %q %q has terms %v but no word of its own", title, desc, q.terms)
		}
	})
}

// FuzzAddMatch indexes a small fuzzed catalog and matches a fuzzed need:
// Add reports bad records with the readers' error kinds and keeps the
// others; Match either refuses the need with a *RecordError or returns
// pairs ranked 1..k, best first, of indexed achievements, with finite
// scores their explanations sum to and that encode as JSON.
func FuzzAddMatch(f *testing.F) {
	f.Add("碳纤维增强复合材料车身", "热塑性碳纤维模压成型，减重40%。", "单克隆抗体纯化", "连续流层析", 7, "车身轻量化碳纤维", "减重30%", 6, 100.0)
	f.Add("", "", "铸造浸渗", "铝合金铸件微孔浸渗密封", 42, "铸件漏气", "气密性不合格", 0, -1.0)
	f.Add("A\x1b[31m", "\xff", "=HYPERLINK(\"x\")", "@SUM(1)", 3, "+1+1", "", 10, math.Inf(1))
	f.Fuzz(func(t *testing.T, t1, d1, t2, d2 string, mat int, nt, nd string, minMat int, budget float64) {
		ctx := context.Background()
		idx, err := index.New[techmatch.Achievement](ctx, index.Config{Segmenter: seg, CoreOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer idx.Close()
		achs := []techmatch.Achievement{
			{ID: "A1", Title: t1, Description: d1, Maturity: mat},
			{ID: "A2", Title: t2, Description: d2, Maturity: 9 - mat%9, Price: budget},
		}
		addErr := idx.Add(ctx, achs...)
		for _, a := range achs {
			a.Normalize()
			_, in := idx.Get(a.ID)
			if valid := a.Validate() == nil; in != valid {
				t.Fatalf("achievement %+v: in index %v, valid %v (Add error: %v)", a, in, valid, addErr)
			}
		}
		eng, err := New(context.Background(), idx, Config{})
		if err != nil {
			t.Fatal(err)
		}
		need := techmatch.Need{ID: "N", Title: nt, Description: nd, MinMaturity: minMat, Budget: budget}
		pairs, err := eng.Match(ctx, need, Options{Top: 3})
		if err != nil {
			var re *RecordError
			if !errors.As(err, &re) {
				t.Fatalf("Match: %v is not a *RecordError", err)
			}
			return
		}
		for i, p := range pairs {
			if p.Rank != i+1 || p.NeedID != "N" {
				t.Fatalf("pair %d: %+v", i, p)
			}
			if _, ok := idx.Get(p.AchievementID); !ok {
				t.Fatalf("pair %d names %q, not in the index", i, p.AchievementID)
			}
			if math.IsNaN(p.Score) || math.IsInf(p.Score, 0) {
				t.Fatalf("pair %d score %v", i, p.Score)
			}
			if i > 0 && pairs[i-1].Score < p.Score {
				t.Fatalf("pair %d outranks pair %d", i, i-1)
			}
			sum := 0.0
			for _, c := range p.Explain.Features {
				sum += c.Score
			}
			if math.Abs(sum-p.Score) > 1e-9 {
				t.Fatalf("pair %d: contributions sum to %v, score %v", i, sum, p.Score)
			}
			if _, err := json.Marshal(p); err != nil {
				t.Fatalf("pair %d does not encode: %v", i, err)
			}
		}
	})
}
