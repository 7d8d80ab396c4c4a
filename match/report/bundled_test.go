package report

import (
	"bytes"
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/techmatch/techmatch"
)

// update rewrites the bundled Excel catalogs (go generate ./match/report,
// or go test ./match/report -run TestBundledXLSXMatchesJSONL -update).
var update = flag.Bool("update", false, "rewrite testdata/catalog/*_zh.xlsx from testdata/*.jsonl")

// generateBundled writes testdata/catalog/achievements_zh.xlsx and
// needs_zh.xlsx from testdata/achievements.jsonl and needs.jsonl: Chinese
// headers, codes as their Chinese names, and extra columns the catalog
// contract does not know (联系人, 联系电话, 专利号 / 备注) filled with
// synthetic values derived from each id (no real person's data).
func generateBundled(t testing.TB, achs []techmatch.Achievement, needs []techmatch.Need) {
	t.Helper()
	dir := filepath.Join("..", "..", "testdata", "catalog")
	rows := [][]any{{"成果编号", "成果名称", "成果简介", "关键词", "所属行业", "完成单位", "单位类型", "所在地区", "技术成熟度", "转让价格", "转化方式", "发布日期", "联系人", "联系电话", "专利号"}}
	for _, a := range achs {
		h := hash(a.ID)
		rows = append(rows, []any{a.ID, a.Title, a.Description, strings.Join(a.Keywords, "；"), labels(industryNames, a.Industries),
			a.Owner, label(ownerNames, a.OwnerType), a.Region, levelCell(a.Maturity), priceCell(a.Price), labels(modeNames, a.TransferModes), a.Date,
			contact(h), phone(h), fmt.Sprintf("ZL20%02d1%07d.%d", 15+h%10, h%10000000, h%10)})
	}
	require.NoError(t, writeSheet(filepath.Join(dir, "achievements_zh.xlsx"), "成果", rows))
	notes := []string{"可安排现场考察", "希望年内完成中试", "", "优先考虑省内单位", "需签署保密协议后提供图纸"}
	rows = [][]any{{"需求编号", "需求名称", "需求描述", "关键词", "所属行业", "需求单位", "单位类型", "所在地区", "最低成熟度", "预算（万元）", "合作方式", "发布日期", "联系人", "联系电话", "备注"}}
	for _, n := range needs {
		h := hash(n.ID)
		rows = append(rows, []any{n.ID, n.Title, n.Description, strings.Join(n.Keywords, "；"), labels(industryNames, n.Industries),
			n.Org, label(orgNames, n.OrgType), n.Region, levelCell(n.MinMaturity), priceCell(n.Budget), labels(modeNames, n.TransferModes), n.Date,
			contact(h), phone(h), notes[h%uint32(len(notes))]})
	}
	require.NoError(t, writeSheet(filepath.Join(dir, "needs_zh.xlsx"), "需求", rows))
}

func hash(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

func contact(h uint32) string {
	surnames := []rune("王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗")
	titles := []string{"老师", "工", "经理", "主任"}
	return string(surnames[h%uint32(len(surnames))]) + titles[(h/7)%uint32(len(titles))]
}

func phone(h uint32) string {
	codes := []string{"0431", "0451", "0452", "0432", "0459"}
	return codes[h%5] + "-" + strconv.Itoa(80000000+int(h%9999999))
}

func writeSheet(path, sheet string, rows [][]any) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o600)
}
