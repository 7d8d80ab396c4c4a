package audience_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/match"
	"github.com/techmatch/techmatch/match/audience"
	"github.com/techmatch/techmatch/match/report"
	"github.com/techmatch/techmatch/rank"
	"github.com/techmatch/techmatch/segment"
)

func TestConfidential(t *testing.T) {
	tests := []struct {
		name  string
		extra techmatch.Extra
		want  bool
		bad   bool
	}{
		{"no column", nil, false, false},
		{"other columns", techmatch.Extra{{Name: "联系人", Value: "张三"}}, false, false},
		{"是否公开 否", techmatch.Extra{{Name: "是否公开", Value: "否"}}, true, false},
		{"是否公开 是", techmatch.Extra{{Name: "是否公开", Value: "是"}}, false, false},
		{"是否公开 empty", techmatch.Extra{{Name: "是否公开", Value: " "}}, false, false},
		{"公开 不公开", techmatch.Extra{{Name: "公开", Value: "不公开"}}, true, false},
		{"公开 公开", techmatch.Extra{{Name: "公开", Value: "公开"}}, false, false},
		{"public false", techmatch.Extra{{Name: "Public", Value: "FALSE"}}, true, false},
		{"public 0", techmatch.Extra{{Name: "public", Value: "0"}}, true, false},
		{"public 1", techmatch.Extra{{Name: "public", Value: "1"}}, false, false},
		{"保密 是", techmatch.Extra{{Name: "保密", Value: "是"}}, true, false},
		{"confidential yes", techmatch.Extra{{Name: " confidential ", Value: "yes"}}, true, false},
		{"confidential no", techmatch.Extra{{Name: "confidential", Value: "no"}}, false, false},
		{"是否保密 保密", techmatch.Extra{{Name: "是否保密", Value: "保密"}}, true, false},
		{"unclear value fails closed", techmatch.Extra{{Name: "是否公开", Value: "待定"}}, true, true},
		{"disagreeing columns fail closed", techmatch.Extra{{Name: "是否公开", Value: "是"}, {Name: "保密", Value: "是"}}, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := audience.Confidential(tt.extra)
			assert.Equal(t, tt.want, got, "Confidential(%v): got %v, want %v", tt.extra, got, tt.want)
			errs := audience.Check([]techmatch.Need{{ID: "N1", Extra: tt.extra}}, nil)
			assert.Equal(t, tt.bad, len(errs) > 0, "Check: got %v, want an error: %v", errs, tt.bad)
			for _, err := range errs {
				assert.ErrorIs(t, err, audience.ErrMarker)
				assert.Contains(t, err.Error(), "need N1")
			}
		})
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want audience.Audience
		err  bool
	}{
		{"", audience.Internal, false}, {"internal", audience.Internal, false}, {"agency", audience.Internal, false},
		{"Supplier", audience.Supplier, false}, {"enterprise", audience.Enterprise, false}, {"demand", audience.Enterprise, false},
		{"public", "", true},
	}
	for _, tt := range tests {
		got, err := audience.Parse(tt.in)
		assert.Equal(t, tt.want, got, "Parse(%q): got %q, want %q", tt.in, got, tt.want)
		assert.Equal(t, tt.err, errors.Is(err, audience.ErrAudience), "Parse(%q): err %v", tt.in, err)
	}
}

// Secrets of the confidential records of the leak test: each must be
// absent from every output a wrong audience gets, present in internal's.
const (
	needOrg     = "龙江精工集团有限公司"
	needPhone   = "13912345678"
	needBudget  = "4321.5"
	needSecret  = "第三代密封总成"
	achOwner    = "松花江理工大学"
	achPhone    = "045186660000"
	achPrice    = "8765.25"
	achSecret   = "专有涂层配方"
	publicOrg   = "公开需求有限公司"
	publicPhone = "13800001111"
)

func leakCatalogs() ([]techmatch.Need, []techmatch.Achievement) {
	needs := []techmatch.Need{
		{ID: "N1", Title: "新能源汽车电池包热管理", Description: "需要电池包液冷热管理方案，" + needSecret + "需耐高温，预算" + needBudget + "万元。",
			Keywords: []string{"热管理", "液冷"}, Industries: []techmatch.Industry{techmatch.Auto}, Org: needOrg, OrgType: techmatch.Leading,
			Region: "黑龙江省哈尔滨市", Budget: 4321.5,
			Extra: techmatch.Extra{{Name: "是否公开", Value: "否"}, {Name: "联系人", Value: "王经理"}, {Name: "联系电话", Value: needPhone}}},
		{ID: "N2", Title: "电池液冷板轻量化", Description: "寻求铝合金液冷板轻量化技术。", Keywords: []string{"液冷板"},
			Industries: []techmatch.Industry{techmatch.Auto}, Org: publicOrg, Region: "吉林省长春市", Budget: 50,
			Extra: techmatch.Extra{{Name: "联系电话", Value: publicPhone}}},
	}
	achs := []techmatch.Achievement{
		{ID: "A1", Title: "动力电池液冷热管理系统", Description: "电池包液冷板与热管理控制，" + achSecret + "耐高温。", Keywords: []string{"液冷", "热管理"},
			Industries: []techmatch.Industry{techmatch.Auto}, Owner: achOwner, OwnerType: techmatch.University, Region: "黑龙江省哈尔滨市",
			Maturity: 6, Price: 8765.25,
			Extra: techmatch.Extra{{Name: "保密", Value: "是"}, {Name: "联系电话", Value: achPhone}}},
		{ID: "A2", Title: "铝合金液冷板轻量化设计", Description: "液冷板拓扑优化，减重20%。", Keywords: []string{"液冷板", "轻量化"},
			Industries: []techmatch.Industry{techmatch.Auto}, Owner: "长春工业研究院", OwnerType: techmatch.Institute, Region: "吉林省长春市", Price: 30},
	}
	return needs, achs
}

// outputs matches the leak catalogs and returns every output format's
// bytes for aud (XLSX: all its parts unpacked).
func outputs(t *testing.T, aud audience.Audience) map[string]string {
	t.Helper()
	ctx := context.Background()
	needs, achs := leakCatalogs()
	seg, err := segment.Default()
	require.NoError(t, err)
	idx, err := index.New[techmatch.Achievement](ctx, index.Config{Segmenter: seg})
	require.NoError(t, err)
	defer idx.Close()
	require.NoError(t, idx.Add(ctx, achs...))
	eng, err := match.New(ctx, idx, match.Config{})
	require.NoError(t, err)
	view, err := audience.New(aud, needs, achs)
	require.NoError(t, err)

	var pairs []techmatch.Pair
	for _, n := range needs {
		ps, err := eng.Match(ctx, n, match.Options{Top: 2})
		require.NoError(t, err)
		require.NotEmpty(t, ps, "need %s: no pairs", n.ID)
		for _, p := range ps {
			pairs = append(pairs, view.Pair(p))
		}
	}
	out := map[string]string{}
	for _, f := range []techmatch.Format{techmatch.FormatJSONL, techmatch.FormatCSV} {
		var b bytes.Buffer
		pw, err := techmatch.NewPairWriter(&b, f)
		require.NoError(t, err)
		for _, p := range pairs {
			require.NoError(t, pw.Write(p))
		}
		require.NoError(t, pw.Flush())
		out[string(f)] = b.String()
	}
	// The report as the CLI builds it: records from the catalogs, reasons
	// and terms from the explanation; then the view.
	byID := map[string]techmatch.Achievement{}
	for _, a := range achs {
		byID[a.ID] = a
	}
	var r report.Report
	for _, n := range needs {
		rn := report.Need{Need: n}
		for _, p := range pairs {
			if p.NeedID == n.ID {
				rn.Matches = append(rn.Matches, report.Match{Achievement: byID[p.AchievementID], Rank: p.Rank, Score: p.Score,
					Explanation: p.Explain, Reasons: rank.Reasons(*p.Explain), MatchedTerms: p.Explain.MatchedTerms})
			}
		}
		r.Needs = append(r.Needs, rn)
	}
	r = view.Report(r)
	var h bytes.Buffer
	require.NoError(t, report.WriteHTML(ctx, &h, r, report.Options{}))
	out["html"] = h.String()
	var x bytes.Buffer
	require.NoError(t, report.WriteXLSX(ctx, &x, r, report.Options{}))
	zr, err := zip.NewReader(bytes.NewReader(x.Bytes()), int64(x.Len()))
	require.NoError(t, err)
	var all strings.Builder
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		all.Write(b)
	}
	out["xlsx"] = all.String()
	return out
}

func TestNoLeak(t *testing.T) {
	needSecrets := []string{needOrg, needPhone, needBudget, needSecret, "王经理"}
	achSecrets := []string{achOwner, achPhone, achPrice, achSecret}
	tests := []struct {
		aud            audience.Audience
		hidden, shown  []string
		reportOnlyShow []string
	}{
		{audience.Internal, nil, []string{needBudget, achPrice}, []string{needOrg, needPhone, "王经理", achOwner, achPhone, publicOrg, publicPhone}},
		{audience.Supplier, needSecrets, []string{achPrice}, []string{achOwner, achPhone, publicOrg, publicPhone, audience.HiddenNeedOrg}},
		{audience.Enterprise, achSecrets, []string{needBudget}, []string{needOrg, needPhone, publicOrg, publicPhone, audience.HiddenUniversity}},
	}
	for _, tt := range tests {
		t.Run(string(tt.aud), func(t *testing.T) {
			out := outputs(t, tt.aud)
			for format, got := range out {
				for _, s := range tt.hidden {
					if strings.Contains(got, s) {
						t.Errorf("%s output for %s: got %q in it, want it hidden", format, tt.aud, s)
					}
				}
				for _, s := range tt.shown { // in the explanations of every format
					if !strings.Contains(got, s) {
						t.Errorf("%s output for %s: got no %q, want it (visible to this audience)", format, tt.aud, s)
					}
				}
				if format == "html" || format == "xlsx" {
					for _, s := range tt.reportOnlyShow {
						if !strings.Contains(got, s) {
							t.Errorf("%s report for %s: got no %q, want it", format, tt.aud, s)
						}
					}
				}
				if format == "html" && tt.aud == audience.Internal && !strings.Contains(got, needSecret) {
					t.Errorf("html report for internal: got no %q (need description), want it", needSecret)
				}
			}
		})
	}
}

func TestViewKeepsPublicAndInputs(t *testing.T) {
	needs, achs := leakCatalogs()
	v, err := audience.New(audience.Supplier, needs, achs)
	require.NoError(t, err)
	gotN, gotA := v.Hidden()
	assert.Equal(t, [2]int{1, 0}, [2]int{gotN, gotA}, "Hidden: got %d needs, %d achievements", gotN, gotA)
	assert.Equal(t, needs[1], v.Need(needs[1]), "a public need is shown as it is")
	red := v.Need(needs[0])
	assert.Equal(t, audience.HiddenNeedOrg, red.Org)
	assert.Equal(t, needs[0].Title, red.Title, "the title stays")
	assert.Equal(t, needs[0].Region, red.Region, "the region stays")
	assert.Equal(t, needOrg, needs[0].Org, "the input is not modified")
	e := &techmatch.Explanation{Features: []techmatch.Contribution{{Feature: rank.FeatureBudget, Need: []string{needBudget}, Status: techmatch.StatusBad, Violated: true}},
		MatchedTerms: []string{"液冷", "密封"}, Reasons: []string{"price 9000万元 > budget " + needBudget + "万元 ×1.5", "maturity TRL 3 < required 5"}}
	p := v.Pair(techmatch.Pair{NeedID: "N1", AchievementID: "A2", Explain: e})
	assert.Equal(t, []string{"液冷"}, p.Explain.MatchedTerms, "terms only in the hidden description are dropped")
	assert.Equal(t, []string{audience.HiddenBudgetReason, "maturity TRL 3 < required 5"}, p.Explain.Reasons)
	assert.Nil(t, p.Explain.Features[0].Need)
	assert.Equal(t, []string{needBudget}, e.Features[0].Need, "the original explanation is not modified")
	var nilView *audience.View
	assert.Equal(t, needs[0], nilView.Need(needs[0]))
}
