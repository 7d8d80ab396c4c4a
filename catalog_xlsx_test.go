package techmatch

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
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
			Budget: 300.5, TransferModes: []TransferMode{CoDevelop}, OrgType: Leading, Extra: Extra{{Name: "无关列", Value: "x"}}},
		{ID: "N3", Description: "只有描述", Extra: Extra{{Name: "无关列", Value: ""}}},
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

// xlsxBytes returns a workbook with one sheet S holding rows.
func xlsxBytes(t *testing.T, rows [][]any) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "w.xlsx")
	writeXLSX(t, path, []string{"S"}, map[string][][]any{"S": rows})
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return data
}

// rezip copies the zip in data, replacing the entries named in replace
// (which must exist) and adding extra entries.
func rezip(t testing.TB, data []byte, replace map[string][]byte, extra ...func(*zip.Writer)) []byte {
	t.Helper()
	for name := range replace {
		require.Contains(t, string(data), name, "rezip: no entry %s to replace", name)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		require.NoError(t, err)
		if b, ok := replace[f.Name]; ok {
			_, err = w.Write(b)
		} else {
			rc, err := f.Open()
			require.NoError(t, err)
			_, err = io.Copy(w, rc)
			require.NoError(t, err)
			require.NoError(t, rc.Close())
		}
		require.NoError(t, err)
	}
	for _, e := range extra {
		e(zw)
	}
	require.NoError(t, zw.Close())
	return out.Bytes()
}

// sheetXML is a worksheet with a dimension (none when "") and raw rows.
func sheetXML(dim string, rows ...string) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	if dim != "" {
		b.WriteString(`<dimension ref="` + dim + `"/>`)
	}
	b.WriteString("<sheetData>")
	for _, r := range rows {
		b.WriteString(r)
	}
	b.WriteString("</sheetData></worksheet>")
	return []byte(b.String())
}

// inlineRow is a row of inline-string cells.
func inlineRow(n int, cells ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d">`, n)
	for i, c := range cells {
		ref, _ := excelize.CoordinatesToCellName(i+1, n)
		fmt.Fprintf(&b, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, c)
	}
	b.WriteString("</row>")
	return b.String()
}

func TestReadXLSXLimits(t *testing.T) {
	base := xlsxBytes(t, [][]any{{"id", "title", "description"}, {"A1", "t", "d"}, {"A2", "t", "d"}})
	const sheet = "xl/worksheets/sheet1.xml"
	rows := func(n int) []string {
		out := []string{inlineRow(1, "id", "title")}
		for i := 2; i <= n; i++ {
			out = append(out, inlineRow(i, fmt.Sprintf("A%d", i), "t"))
		}
		return out
	}
	tests := []struct {
		name  string
		data  []byte
		lim   Limits
		limit string
		want  string
	}{
		{
			name:  "zip bomb: one entry inflating 1000×",
			data:  rezip(t, base, map[string][]byte{sheet: sheetXML("", append(rows(3), strings.Repeat(" ", 4<<20))...)}),
			limit: "MaxCompressionRatio",
			want:  "w.xlsx: compression ratio of zip entry xl/worksheets/sheet1.xml (",
		},
		{
			name:  "total uncompressed size",
			data:  base,
			lim:   Limits{MaxUnzippedBytes: 4 << 10},
			limit: "MaxUnzippedBytes",
			want:  "uncompressed size of the workbook",
		},
		{
			name:  "rows",
			data:  rezip(t, base, map[string][]byte{sheet: sheetXML("", rows(10)...)}),
			lim:   Limits{MaxRows: 5},
			limit: "MaxRows",
			want:  "w.xlsx[S]: row 6: rows in the sheet: more than 5 (Limits.MaxRows)",
		},
		{
			name:  "a row number beyond the rows",
			data:  rezip(t, base, map[string][]byte{sheet: sheetXML("", inlineRow(1, "id", "title"), inlineRow(900, "A", "t"))}),
			lim:   Limits{MaxRows: 500},
			limit: "MaxRows",
			want:  "w.xlsx[S]: row 900: rows in the sheet",
		},
		{
			name:  "cells in a row",
			data:  rezip(t, base, map[string][]byte{sheet: sheetXML("", inlineRow(1, "id", "title"), inlineRow(2, "A", "t", "x", "y"))}),
			lim:   Limits{MaxColumns: 3},
			limit: "MaxColumns",
			want:  "w.xlsx[S]: row 2: cells in the row: more than 3 (Limits.MaxColumns)",
		},
		{
			name:  "cells in the sheet",
			data:  rezip(t, base, map[string][]byte{sheet: sheetXML("", rows(10)...)}),
			lim:   Limits{MaxCells: 7},
			limit: "MaxCells",
			want:  "w.xlsx[S]: row 4: cells in the sheet: more than 7",
		},
		{
			name:  "dimension over the cell limit refuses before any row",
			data:  rezip(t, base, map[string][]byte{sheet: sheetXML("A1:XFD1048576", rows(3)...)}),
			limit: "MaxCells",
			want:  `w.xlsx[S]: cells in the sheet's <dimension ref="A1:XFD1048576">: 17179869184, over the limit of 33554432`,
		},
		{
			name:  "dimension over the row limit",
			data:  rezip(t, base, map[string][]byte{sheet: sheetXML("B2:C$300", rows(3)...)}),
			lim:   Limits{MaxRows: 100},
			limit: "MaxRows",
			want:  `rows in the sheet's <dimension ref="B2:C$300">: 299, over the limit of 100`,
		},
		{
			name:  "row XML over the record limit",
			data:  rezip(t, base, map[string][]byte{sheet: sheetXML("", inlineRow(1, "id", "title"), inlineRow(2, "A", strings.Repeat("长", 1000)))}),
			lim:   Limits{MaxRecordBytes: 1000},
			limit: "MaxRecordBytes",
			want:  "w.xlsx[S]: row 2: XML of the row: more than 1000",
		},
		{
			name:  "shared string over the record limit",
			data:  xlsxBytes(t, [][]any{{"id", "title"}, {"A", strings.Repeat("长", 1000)}}),
			lim:   Limits{MaxRecordBytes: 1000},
			limit: "MaxRecordBytes",
			want:  "w.xlsx: shared string 4 of xl/sharedStrings.xml: more than 1000",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmp := t.TempDir()
			t.Setenv("TMPDIR", tmp)
			got, _, err := ReadAchievements(context.Background(), bytes.NewReader(tt.data), "w.xlsx", ReadOptions{Lenient: true, Limits: tt.lim})
			var le *LimitError
			require.ErrorAs(t, err, &le, "got %v, want a *LimitError", err)
			assert.ErrorIs(t, err, ErrTooLarge, "got %v", err)
			assert.Equal(t, tt.limit, le.Limit, "limit: got %q, want %q (%v)", le.Limit, tt.limit, err)
			assert.Contains(t, err.Error(), tt.want, "got %q, want it to contain %q", err, tt.want)
			assert.Nil(t, got, "got records, want none")
			left, err := os.ReadDir(tmp)
			require.NoError(t, err)
			assert.Empty(t, left, "temporary files left: %v", left)
		})
	}

	// Within the limits the same sheets read.
	got, _, err := ReadAchievements(context.Background(), bytes.NewReader(rezip(t, base, map[string][]byte{sheet: sheetXML("A1:B10", rows(10)...)})),
		"w.xlsx", ReadOptions{Limits: Limits{MaxRows: 10, MaxColumns: 2, MaxCells: 20}})
	require.NoError(t, err, "at the limits: got %v", err)
	assert.Len(t, got, 9, "got %d records, want 9", len(got))
}

func TestReadXLSXZipDirectory(t *testing.T) {
	// Entries with 64 KiB names, extras and comments: a central directory
	// of about 6 MiB that archive/zip would keep in memory entry by entry.
	base := xlsxBytes(t, [][]any{{"id", "title"}, {"A1", "t"}})
	data := rezip(t, base, nil, func(zw *zip.Writer) {
		for i := range 32 {
			name := fmt.Sprintf("x/%d/%s", i, strings.Repeat("n", 60000))
			_, err := zw.CreateHeader(&zip.FileHeader{Name: name, Comment: strings.Repeat("c", 60000), Extra: bytes.Repeat([]byte{0xff, 0xff, 0x0, 0x0}, 15000)})
			require.NoError(t, err)
		}
	})
	_, _, err := ReadAchievements(context.Background(), bytes.NewReader(data), "d.xlsx", ReadOptions{})
	require.ErrorIs(t, err, ErrTooLarge, "got %v", err)
	assert.Contains(t, err.Error(), "d.xlsx: open workbook: zip central directory over 4194304 bytes", "got %q", err)
}

func TestReadXLSXRemovesTemporaryFiles(t *testing.T) {
	// excelize unpacks worksheets larger than xlsxXMLInMemory to temporary
	// files; when opening fails later (here: broken styles) it returns
	// without removing them. The reader's private directory goes anyway.
	defer func(v int64) { xlsxXMLInMemory = v }(xlsxXMLInMemory)
	xlsxXMLInMemory = 1 << 10
	rows := [][]any{{"id", "title"}}
	for i := range 100 {
		rows = append(rows, []any{fmt.Sprintf("A%d", i), "标题"})
	}
	good := xlsxBytes(t, rows)
	broken := rezip(t, good, map[string][]byte{"xl/styles.xml": []byte("<styleSheet><numFmts count=\"x\"><bad")})

	// What excelize alone does: files left behind.
	leak := t.TempDir()
	f, err := excelize.OpenReader(bytes.NewReader(broken), excelize.Options{UnzipXMLSizeLimit: xlsxXMLInMemory, TmpDir: leak})
	require.Error(t, err, "broken styles must fail to open")
	_ = f
	left, _ := os.ReadDir(leak)
	require.NotEmpty(t, left, "test premise: excelize leaves its temporary files on this path")

	for _, data := range [][]byte{broken, good} {
		tmp := t.TempDir()
		t.Setenv("TMPDIR", tmp)
		got, _, err := ReadAchievements(context.Background(), bytes.NewReader(data), "t.xlsx", ReadOptions{})
		if bytes.Equal(data, good) {
			require.NoError(t, err, "good workbook: got %v", err)
			assert.Len(t, got, 100, "got %d records", len(got))
		} else {
			require.Error(t, err, "broken workbook: got nil")
		}
		left, err := os.ReadDir(tmp)
		require.NoError(t, err)
		assert.Empty(t, left, "temporary files left: %v", left)
	}
}

func TestReadXLSXMalformedSheetIsNotSilent(t *testing.T) {
	// excelize stops at the first XML error without reporting it: here an
	// ESC character reference (not allowed in XML 1.0) on row 3 would
	// lose rows 3–5 silently.
	base := xlsxBytes(t, [][]any{{"id", "title"}, {"A1", "t"}})
	data := rezip(t, base, map[string][]byte{"xl/worksheets/sheet1.xml": sheetXML("",
		inlineRow(1, "id", "title"), inlineRow(2, "A2", "t"), inlineRow(3, "A3&#x1b;", "t"), inlineRow(4, "A4", "t"), inlineRow(5, "A5", "t"))})
	for _, lenient := range []bool{false, true} {
		got, _, err := ReadAchievements(context.Background(), bytes.NewReader(data), "m.xlsx", ReadOptions{Lenient: lenient})
		require.ErrorIs(t, err, ErrMalformed, "lenient=%v: got %v, want ErrMalformed", lenient, err)
		assert.Contains(t, err.Error(), "m.xlsx[S]: row 3: the sheet's XML does not decode from this row on (3 of 5 rows read", "got %q", err)
		assert.Nil(t, got, "got records %v", got)
	}
}
