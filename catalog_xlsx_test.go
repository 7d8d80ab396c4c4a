package techmatch

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// writeXLSX writes sheets (name → rows, first row at A1) to a workbook.
func writeXLSX(t *testing.T, path string, sheets []string, rows map[string][][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range sheets {
		if i == 0 {
			require.NoError(t, f.SetSheetName("Sheet1", name))
		} else {
			_, err := f.NewSheet(name)
			require.NoError(t, err)
		}
		for r, row := range rows[name] {
			cell, err := excelize.CoordinatesToCellName(1, r+1)
			require.NoError(t, err)
			require.NoError(t, f.SetSheetRow(name, cell, &row))
		}
	}
	require.NoError(t, f.SaveAs(path))
}

func TestReadXLSX(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "needs.xlsx")
	writeXLSX(t, path, []string{"需求", "其他"}, map[string][][]any{
		"需求": {
			{}, // a blank first row: the header is the first non-empty row
			{"编号", "需求名称", "需求描述", "所属行业", "最低成熟度", "预算", "合作方式", "单位类型", "无关列"},
			{"N1", "轻量化车身", "高强钢", "汽车，新材料", 5, 300.5, "合作开发", "龙头企业", "x"},
			{"N2", "坏成熟度", "", "", 12, nil, nil, nil},
			{},
			{"N3", "", "只有描述"}, // missing trailing cells are empty
			{"N1", "重复", ""},
		},
		"其他": {
			{"id", "title"},
			{"X1", "第二张表"},
		},
	})
	ctx := context.Background()
	got, probs, err := LoadNeeds(ctx, path, ReadOptions{Lenient: true})
	require.NoError(t, err, "got %v, want nil", err)
	want := []Need{
		{ID: "N1", Title: "轻量化车身", Description: "高强钢", Industries: []Industry{Auto, Materials}, MinMaturity: 5,
			Budget: 300.5, TransferModes: []TransferMode{CoDevelop}, OrgType: Leading},
		{ID: "N3", Description: "只有描述"},
	}
	assert.Equal(t, want, got, "got %+v, want %+v", got, want)
	checkProblems(t, path, probs, []wantProblem{
		{line: 4, field: "min_maturity", id: "N2", kind: ErrOutOfRange},
		{line: 7, field: "id", id: "N1", kind: ErrDuplicateID, msg: "first at row 3"},
	})
	assert.Equal(t, "需求", probs[0].Sheet, "sheet: got %q, want 需求", probs[0].Sheet)
	assert.Contains(t, probs[0].Error(), "needs.xlsx[需求]:4: field \"min_maturity\" (id N2)", "got %q", probs[0].Error())

	// From a reader, another sheet.
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	got2, probs2, err := ReadNeeds(ctx, bytes.NewReader(data), "upload", ReadOptions{Format: FormatXLSX, Sheet: "其他"})
	require.NoError(t, err, "got %v, want nil", err)
	assert.Empty(t, probs2, "got %v, want no problems", probs2)
	assert.Equal(t, []Need{{ID: "X1", Title: "第二张表"}}, got2, "got %+v", got2)

	// Errors: missing sheet, not a workbook, no id column.
	_, _, err = ReadNeeds(ctx, bytes.NewReader(data), "upload.xlsx", ReadOptions{Sheet: "没有"})
	require.Error(t, err, "missing sheet: got nil")
	assert.Contains(t, err.Error(), `upload.xlsx: no sheet "没有" (sheets: 需求, 其他)`, "got %q", err)

	_, _, err = ReadNeeds(ctx, bytes.NewReader([]byte("id,title\n")), "fake.xlsx", ReadOptions{})
	require.Error(t, err, "not a workbook: got nil")
	assert.Contains(t, err.Error(), "fake.xlsx: open workbook", "got %q", err)

	noID := filepath.Join(dir, "noid.xlsx")
	writeXLSX(t, noID, []string{"S"}, map[string][][]any{"S": {{"名称"}, {"x"}}})
	_, _, err = LoadNeeds(ctx, noID, ReadOptions{})
	require.ErrorIs(t, err, ErrNoIDColumn, "got %v, want ErrNoIDColumn", err)
	assert.Contains(t, err.Error(), "noid.xlsx[S]:1", "got %q", err)
}

func TestXLSXRoundTripMatchesCSV(t *testing.T) {
	// The same catalog as XLSX and as CSV reads to the same records.
	header := []any{"id", "title", "description", "keywords", "industries", "owner", "owner_type", "region", "maturity", "price", "transfer_modes", "date"}
	rows := [][]any{
		{"A1", "激光熔覆修复技术", "轴类零件激光熔覆", "激光熔覆;再制造", "高端装备制造", "哈工大", "高校", "哈尔滨", 7, 80, "转让|许可", "2024-06-01"},
		{"A2", "医用钛合金", "", "钛合金", "生物医药,新材料", "研究院", "institute", "长春", "TRL6", "面议", "co_develop", "2024-06-02"},
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "a.xlsx")
	writeXLSX(t, path, []string{"Sheet1"}, map[string][][]any{"Sheet1": append([][]any{header}, rows...)})
	fromX, probs, err := LoadAchievements(context.Background(), path, ReadOptions{})
	require.NoError(t, err, "xlsx: got %v", err)
	assert.Empty(t, probs, "xlsx problems: got %v", probs)

	var csvBuf bytes.Buffer
	for _, row := range append([][]any{header}, rows...) {
		for i, c := range row {
			if i > 0 {
				csvBuf.WriteString(",")
			}
			csvBuf.WriteString(`"` + fmt.Sprint(c) + `"`)
		}
		csvBuf.WriteString("\n")
	}
	fromC, probs, err := ReadAchievements(context.Background(), &csvBuf, "a.csv", ReadOptions{})
	require.NoError(t, err, "csv: got %v", err)
	assert.Empty(t, probs, "csv problems: got %v", probs)
	assert.Equal(t, fromC, fromX, "xlsx records: got %+v, want (as CSV) %+v", fromX, fromC)
	require.Len(t, fromX, 2)
	assert.Equal(t, 7, fromX[0].Maturity, "maturity: got %d, want 7", fromX[0].Maturity)
	assert.Equal(t, []Industry{Biomed, Materials}, fromX[1].Industries, "industries: got %v", fromX[1].Industries)
}
