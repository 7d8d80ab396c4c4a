package report

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/internal/inert"
)

func writeBook(t *testing.T, r Report) (*excelize.File, int) {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, WriteXLSX(context.Background(), &buf, r, Options{}))
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f, buf.Len()
}

func TestWriteXLSXRoundTrip(t *testing.T) {
	r := fixture(t, 20, 3)
	f, _ := writeBook(t, r)
	assert.Equal(t, []string{SummarySheet, DetailSheet}, f.GetSheetList())

	sum, err := f.GetRows(SummarySheet)
	require.NoError(t, err)
	require.Len(t, sum, len(r.Needs)+1)
	assert.Equal(t, SummaryHeaders, sum[0])
	det, err := f.GetRows(DetailSheet)
	require.NoError(t, err)
	wantHead := append(append([]string(nil), DetailHeaders...), "联系人", "联系电话", "备注", "成果·联系人", "成果·联系电话", "专利号")
	wantHead[15], wantHead[16] = "需求·联系人", "需求·联系电话"
	require.Equal(t, wantHead, det[0])

	row := 1
	for i, rn := range r.Needs {
		n := rn.Need
		want := []string{n.ID, n.Title, n.Org, industries(n.Industries, false), n.Region}
		if len(rn.Matches) > 0 {
			want = append(want, rn.Matches[0].Achievement.ID, rn.Matches[0].Achievement.Title, strconv.Itoa(rn.Matches[0].Degree))
		} else {
			want = append(want, "", "", "")
		}
		want = append(want, strconv.Itoa(len(rn.Matches)))
		assert.Equal(t, want, pad(sum[i+1], len(want)), "汇总 row %d", i+2)
		for j, m := range rn.Matches {
			a := m.Achievement
			want := []string{n.ID, n.Title, n.Org, n.Region, strconv.Itoa(j + 1), a.ID, a.Title, a.Owner, label(ownerNames, a.OwnerType),
				a.Region, strconv.Itoa(a.Maturity), priceText(a.Price), labels(modeNames, a.TransferModes), strconv.Itoa(m.Degree),
				strings.Join(m.Reasons, "\n")}
			for _, e := range []techmatch.Extra{n.Extra, a.Extra} {
				for _, f := range e {
					want = append(want, f.Value)
				}
			}
			assert.Equal(t, want, pad(det[row], len(want)), "推荐明细 row %d", row+1)
			row++
		}
	}
	require.Len(t, det, row, "one row per pair")

	// Titles are rich text with the matched terms bold and coloured.
	runs, err := f.GetCellRichText(DetailSheet, "G2")
	require.NoError(t, err)
	var hits []string
	for _, run := range runs {
		if run.Font != nil && run.Font.Bold {
			hits = append(hits, run.Text)
			assert.Equal(t, "C00000", strings.TrimPrefix(strings.ToUpper(run.Font.Color), "FF"), "hit colour")
		}
	}
	assert.NotEmpty(t, hits, "G2: got runs %+v", runs)
	for _, h := range hits {
		assert.Contains(t, r.Needs[0].Matches[0].MatchedTerms, h)
	}

	// Layout: frozen header, autofilter, widths, wrapped text.
	for _, s := range []string{SummarySheet, DetailSheet} {
		panes, err := f.GetPanes(s)
		require.NoError(t, err)
		assert.True(t, panes.Freeze, "%s: header frozen", s)
		assert.Equal(t, 1, panes.YSplit, "%s", s)
		w, err := f.GetColWidth(s, "B")
		require.NoError(t, err)
		assert.Greater(t, w, 12.0, "%s: column B width", s)
		id, err := f.GetCellStyle(s, "B2")
		require.NoError(t, err)
		st, err := f.GetStyle(id)
		require.NoError(t, err)
		assert.True(t, st.Alignment != nil && st.Alignment.WrapText, "%s: B2 wraps", s)
	}
	// The autofilter is a defined name _xlnm._FilterDatabase on each sheet.
	dn := f.GetDefinedName()
	assert.Len(t, dn, 2, "autofilters: %+v", dn)
	for _, d := range dn {
		assert.Equal(t, "_xlnm._FilterDatabase", d.Name)
	}
}

func pad(row []string, n int) []string {
	for len(row) < n {
		row = append(row, "")
	}
	return row
}

func priceText(x float64) string {
	if x == 0 {
		return "面议"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// TestWriteXLSXInert puts formula-like values in every text field and
// extra column: each comes back as a string cell with a leading
// apostrophe, never a formula.
func TestWriteXLSXInert(t *testing.T) {
	for _, v := range []string{"=1+1", "+SUM(A1:A2)", "-2+3", "@SUM(1)", "\t=1", "\r=1", `=HYPERLINK("http://x","y")`, "=cmd|' /C calc'!A0", "＝1"} {
		t.Run(strconv.Quote(v), func(t *testing.T) {
			n := techmatch.Need{ID: v + "N", Title: v, Org: v, Region: v, Extra: techmatch.Extra{{Name: v, Value: v}}}
			a := techmatch.Achievement{ID: v + "A", Title: v, Owner: v, Region: v, Extra: techmatch.Extra{{Name: "x", Value: v}}}
			r := Report{Needs: []Need{{Need: n, Matches: []Match{{Achievement: a, Reasons: []string{v}, MatchedTerms: []string{"1"}}}}}}
			f, _ := writeBook(t, r)
			want := inert.Cell(v)
			require.NotEqual(t, v, want, "the value is one inert.Cell changes")
			for _, s := range []string{SummarySheet, DetailSheet} {
				rows, err := f.GetRows(s, excelize.Options{RawCellValue: true})
				require.NoError(t, err)
				for r, row := range rows {
					for c, got := range row {
						cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
						formula, err := f.GetCellFormula(s, cell)
						require.NoError(t, err)
						assert.Empty(t, formula, "%s!%s is a formula", s, cell)
						if strings.Contains(got, strings.TrimLeft(v, "\t\r")) {
							assert.True(t, strings.HasPrefix(got, "'"), "%s!%s = %q: want the inert form %q", s, cell, got, want)
						}
					}
				}
			}
			det, err := f.GetRows(DetailSheet)
			require.NoError(t, err)
			assert.Equal(t, want, det[1][1], "need title")
			assert.Equal(t, want, det[1][6], "achievement title")
			assert.Equal(t, want, det[0][15], "extra header")
			assert.Equal(t, want, det[1][15], "need extra")
			assert.Equal(t, want, det[1][16], "achievement extra")
		})
	}
}

// TestWriteXLSXSize: the workbook of the bundled catalogs stays under
// twice the pairing CSV of the same pairs.
func TestWriteXLSXSize(t *testing.T) {
	r := fixture(t, 1000, 5)
	_, size := writeBook(t, r)
	var csv bytes.Buffer
	pw, err := techmatch.NewPairWriter(&csv, techmatch.FormatCSV)
	require.NoError(t, err)
	pairs := 0
	for _, rn := range r.Needs {
		for j, m := range rn.Matches {
			require.NoError(t, pw.Write(techmatch.Pair{NeedID: rn.Need.ID, AchievementID: m.Achievement.ID, Rank: j + 1, Score: m.Score, Explain: m.Explanation}))
			pairs++
		}
	}
	require.NoError(t, pw.Flush())
	require.Greater(t, pairs, 300)
	t.Logf("%d pairs: xlsx %d bytes, csv %d bytes (%.2f×)", pairs, size, csv.Len(), float64(size)/float64(csv.Len()))
	assert.Less(t, size, 2*csv.Len(), "xlsx %d bytes, csv %d", size, csv.Len())
}

func BenchmarkWriteXLSX(b *testing.B) {
	r := fixture(b, 1000, 5)
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteXLSX(context.Background(), &buf, r, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(r.Needs)), "needs")
}

func TestWriteXLSXEmpty(t *testing.T) {
	f, _ := writeBook(t, Report{Needs: []Need{{Need: techmatch.Need{ID: "N1", Title: "t"}}}})
	sum, err := f.GetRows(SummarySheet)
	require.NoError(t, err)
	assert.Equal(t, [][]string{SummaryHeaders, {"N1", "t", "", "", "", "", "", "", "0"}}, sum)
	det, err := f.GetRows(DetailSheet)
	require.NoError(t, err)
	assert.Equal(t, [][]string{DetailHeaders}, det, "a need without matches has no detail row")
}
