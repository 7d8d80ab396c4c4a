package dedup

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/techmatch/techmatch"
)

const desc1 = "采用双辊薄带连铸工艺制备高硅电工钢薄带，厚度0.2 mm，铁损P1.0/400低于10 W/kg，较传统轧制流程缩短工序8道，能耗降低40%。已完成中试，已授权发明专利4项。"

func TestFindCases(t *testing.T) {
	base := techmatch.Achievement{ID: "A1", Title: "高硅电工钢薄带连铸制备技术", Description: desc1,
		Keywords: []string{"高硅钢", "薄带连铸"}, Owner: "东北大学", Maturity: 5, Price: 200, Date: "2026-01-10"}
	with := func(f func(a *techmatch.Achievement)) techmatch.Achievement {
		a := base
		a.Keywords = slices.Clone(base.Keywords)
		a.Date = "2026-04-10"
		f(&a)
		return a
	}
	for _, tc := range []struct {
		name  string
		other techmatch.Achievement
		merge bool
	}{
		{"re-submitted with new figures and date", with(func(a *techmatch.Achievement) {
			a.ID, a.Date, a.Price, a.Maturity = "A2", "2026-04-10", 260, 6
			a.Description = "采用双辊薄带连铸工艺制备高硅电工钢薄带，厚度0.18 mm，铁损P1.0/400低于9 W/kg，较传统轧制流程缩短工序8道，能耗减少45%。已完成中试，已授权发明专利5项。"
		}), true},
		{"sentences re-ordered and synonyms", with(func(a *techmatch.Achievement) {
			a.ID = "A2"
			a.Title = "高硅电工钢薄带连铸制造工艺"
			a.Description = "已完成中试，已授权发明专利4项。利用双辊薄带连铸技术制造高硅电工钢薄带，厚度0.2 mm，铁损P1.0/400低于10 W/kg，较传统轧制流程缩短工序8道，能耗减少40%。"
		}), true},
		{"owner written with full-width spaces", with(func(a *techmatch.Achievement) { a.ID, a.Owner = "A2", "东北　大学 " }), true},
		{"owner unknown on one side", with(func(a *techmatch.Achievement) { a.ID, a.Owner = "A2", "" }), true},
		{"same text, another owner", with(func(a *techmatch.Achievement) { a.ID, a.Owner = "A2", "哈尔滨工业大学" }), false},
		{"same owner, another technique", with(func(a *techmatch.Achievement) {
			a.ID, a.Title = "A2", "高强度无取向硅钢冷轧退火技术"
			a.Description = "通过成分设计和常化-冷轧-连续退火工艺控制织构，获得高磁感低铁损无取向硅钢，屈服强度>500 MPa，适用于新能源汽车驱动电机铁芯。已在钢厂试生产。"
			a.Keywords = []string{"无取向硅钢", "冷轧"}
		}), false},
		{"no letter or digit", with(func(a *techmatch.Achievement) {
			a.ID, a.Title, a.Description, a.Keywords = "A2", "——", "。。。", nil
		}), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, exact := range []bool{false, true} {
				got, err := Find(context.Background(), []techmatch.Achievement{base, tc.other}, Config{Exact: exact})
				require.NoError(t, err)
				require.Equal(t, tc.merge, len(got) == 1, "exact %v: got clusters %+v, want merged %v", exact, got, tc.merge)
				if tc.merge {
					require.Equal(t, "A2", Newest(got[0]), "newest: got %s", Newest(got[0]))
					require.GreaterOrEqual(t, got[0].Similarity, DefaultThreshold)
				}
			}
		})
	}
}

// TestLookAlikesNotMerged runs Find on the bundled catalogs as they are:
// their same-owner look-alikes (A0135/A0260 wireless charging, A0101/A0254,
// …, Jaccard up to 0.33) must stay apart.
func TestLookAlikesNotMerged(t *testing.T) {
	achs, needs := loadCatalogs(t)
	got, err := Find(context.Background(), achs, Config{Exact: true})
	require.NoError(t, err)
	require.Empty(t, got, "achievements: got clusters %+v, want none", got)
	gotN, err := Find(context.Background(), needs, Config{Exact: true})
	require.NoError(t, err)
	require.Empty(t, gotN, "needs: got clusters %+v, want none", gotN)
}

func TestFindDiffs(t *testing.T) {
	old := techmatch.Achievement{ID: "A1", Title: "高硅电工钢薄带连铸制备技术", Description: desc1,
		Keywords: []string{"高硅钢", "薄带连铸"}, Owner: "东北大学", Maturity: 5, Price: 200, Date: "2026-01-10"}
	nw := old
	nw.ID, nw.Date, nw.Maturity, nw.Price = "A9", "2026-04-10", 6, 250
	nw.Keywords = []string{"高硅钢", "连铸"}
	got, err := Find(context.Background(), []techmatch.Achievement{old, nw}, Config{})
	require.NoError(t, err)
	require.Len(t, got, 1)
	require.Equal(t, []string{"A9", "A1"}, got[0].Members)
	want := []Diff{
		{ID: "A1", Field: "keywords", Newest: "高硅钢,连铸", Value: "高硅钢,薄带连铸", Change: 1 - 1.0/3},
		{ID: "A1", Field: "maturity", Newest: "6", Value: "5", Change: 1.0 / 6},
		{ID: "A1", Field: "price", Newest: "250", Value: "200", Change: 50.0 / 250},
		{ID: "A1", Field: "date", Newest: "2026-04-10", Value: "2026-01-10", Change: 1},
	}
	require.Len(t, got[0].Diffs, len(want))
	for i, d := range got[0].Diffs {
		require.InDelta(t, want[i].Change, d.Change, 1e-12, "diff %d change", i)
		d.Change = want[i].Change
		require.Equal(t, want[i], d, "diff %d", i)
	}
}

// TestFindProperties: the result does not depend on the order of the
// records or on Workers; every member is similar to its newest member;
// no id is in two clusters; Fold keeps one record per cluster.
func TestFindProperties(t *testing.T) {
	achs, _ := loadCatalogs(t)
	e := withCopies(achs, 7, 0.3, achievementCopy)
	ctx := context.Background()
	want, err := Find(ctx, e.recs, Config{})
	require.NoError(t, err)
	require.NotEmpty(t, want)
	rnd := rand.New(rand.NewPCG(1, 1))
	for _, workers := range []int{1, 3} {
		recs := slices.Clone(e.recs)
		rnd.Shuffle(len(recs), func(i, j int) { recs[i], recs[j] = recs[j], recs[i] })
		got, err := Find(ctx, recs, Config{Workers: workers})
		require.NoError(t, err)
		require.ElementsMatch(t, want, got, "workers %d, shuffled: got other clusters", workers)
	}
	byID := map[string]techmatch.Achievement{}
	for _, r := range e.recs {
		byID[r.ID] = r
	}
	seen := map[string]bool{}
	set := func(a techmatch.Achievement) []uint32 {
		r := content(nil, a.Title)
		r = content(r, a.Description)
		for _, k := range a.Keywords {
			r = content(r, k)
		}
		return shingles(nil, r, DefaultShingle)
	}
	for _, c := range want {
		require.GreaterOrEqual(t, len(c.Members), 2)
		rep := byID[c.Members[0]]
		for k, id := range c.Members {
			require.False(t, seen[id], "%s in two clusters", id)
			seen[id] = true
			if k > 0 {
				require.GreaterOrEqual(t, jaccard(set(rep), set(byID[id])), DefaultThreshold, "%s vs newest %s", id, c.Members[0])
				require.GreaterOrEqual(t, dateKey(rep.Date), dateKey(byID[id].Date), "%s newer than newest %s", id, c.Members[0])
			}
		}
	}
	kept, folded, err := Fold(e.recs, want)
	require.NoError(t, err)
	require.Len(t, kept, len(e.recs)-len(folded))
	for _, c := range want {
		for _, id := range c.Members[1:] {
			require.Equal(t, c.Members[0], folded[id])
		}
	}
	for _, r := range kept {
		_, gone := folded[r.ID]
		require.False(t, gone, "%s kept and folded", r.ID)
	}
}

func TestFindErrors(t *testing.T) {
	ctx := context.Background()
	a := techmatch.Achievement{ID: "A1", Title: "t"}
	_, err := Find(ctx, []techmatch.Achievement{a, {Title: "x"}, a}, Config{})
	require.ErrorIs(t, err, techmatch.ErrMissingID)
	require.ErrorIs(t, err, techmatch.ErrDuplicateID)
	require.Contains(t, err.Error(), "record 2 (A1): duplicate id: also record 0")
	_, err = Find(ctx, []*techmatch.Achievement{&a, nil}, Config{})
	require.ErrorIs(t, err, ErrNilRecord)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err = Find(cctx, []techmatch.Achievement{a}, Config{})
	require.ErrorIs(t, err, context.Canceled)
	for _, cs := range [][]Cluster{{{}}, {{Members: []string{"A1", "B"}}}, {{Members: []string{"A1", "A1"}}}} {
		_, _, err := Fold([]techmatch.Achievement{a}, cs)
		require.ErrorIs(t, err, ErrUnknownMember, "clusters %v", cs)
	}
}

func TestConfigValidate(t *testing.T) {
	for _, tc := range []struct {
		cfg Config
		ok  bool
	}{
		{Config{}, true},
		{Config{Threshold: 0.5, CrossOwner: 0.8, Shingle: 2, Bands: 20, Rows: 5}, true},
		{Config{Threshold: -0.1}, false},
		{Config{Threshold: 1.1}, false},
		{Config{CrossOwner: 0.3}, false}, // below the default threshold
		{Config{CrossOwner: 1.5}, false},
		{Config{Shingle: MaxShingle + 1}, false},
		{Config{Bands: -1}, false},
		{Config{Rows: MaxRows + 1}, false},
		{Config{Bands: MaxBands, Rows: MaxRows}, false},
		{Config{Workers: -1}, false},
	} {
		err := tc.cfg.Validate()
		if tc.ok {
			require.NoError(t, err, "%+v", tc.cfg)
		} else {
			require.ErrorIs(t, err, ErrConfig, "%+v: got %v", tc.cfg, err)
		}
	}
}

func TestDateKey(t *testing.T) {
	for in, want := range map[string]int{
		"2024-02-08": 20240208, "2024/2/8": 20240208, "2024.02.08": 20240208, "20240208": 20240208,
		"2024年2月8日": 20240208, "2024-02": 20240200, "2024": 20240000, "2024-02-08 10:30": 20240208,
		"": 0, "soon": 0, "2024-13-01": 0, "99-01-01": 0,
	} {
		require.Equal(t, want, dateKey(in), "dateKey(%q)", in)
	}
}

// FuzzFind checks on arbitrary texts that Find does not fail, that a
// record is always merged with an exact copy of itself (when it has a
// letter or digit) and that clusters are consistent.
func FuzzFind(f *testing.F) {
	f.Add("高硅电工钢薄带连铸制备技术", desc1, "东北大学")
	f.Add("", "１２３ＡＢＣ", "")
	f.Add("——", "。。。", "x")
	f.Fuzz(func(t *testing.T, title, desc, owner string) {
		a := techmatch.Achievement{ID: "A1", Title: title, Description: desc, Owner: owner, Date: "2026-01-01"}
		b := a
		b.ID, b.Date = "A2", "2026-04-01"
		c := techmatch.Achievement{ID: "A3", Title: "燃料电池金属双极板碳基复合涂层技术", Owner: owner}
		got, err := Find(context.Background(), []techmatch.Achievement{a, b, c}, Config{})
		require.NoError(t, err)
		hasText := len(content(content(nil, title), desc)) > 0
		if !hasText {
			require.Empty(t, got)
			return
		}
		require.NotEmpty(t, got, "exact copies not merged")
		require.Equal(t, "A2", Newest(got[0]))
		_, folded, err := Fold([]techmatch.Achievement{a, b, c}, got)
		require.NoError(t, err)
		require.Equal(t, "A2", folded["A1"], fmt.Sprint(got))
	})
}
