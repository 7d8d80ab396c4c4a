package techmatch

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeAchievements writes recs in format and returns the bytes.
func writeAchievements(t *testing.T, format Format, recs []Achievement) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, WriteAchievements(&buf, format, recs), "write %s", format)
	return buf.String()
}

// writeNeeds is writeAchievements for needs.
func writeNeeds(t *testing.T, format Format, recs []Need) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, WriteNeeds(&buf, format, recs), "write %s", format)
	return buf.String()
}

func readAchievements(t *testing.T, name, data string) []Achievement {
	t.Helper()
	recs, probs, err := ReadAchievements(context.Background(), strings.NewReader(data), name, ReadOptions{})
	require.NoError(t, err, "read %s back: %v", name, err)
	require.Empty(t, probs, "read %s back: problems %v", name, probs)
	return recs
}

func readNeeds(t *testing.T, name, data string) []Need {
	t.Helper()
	recs, probs, err := ReadNeeds(context.Background(), strings.NewReader(data), name, ReadOptions{})
	require.NoError(t, err, "read %s back: %v", name, err)
	require.Empty(t, probs, "read %s back: problems %v", name, probs)
	return recs
}

func TestWriteJSONLRoundTrip(t *testing.T) {
	// Unknown keys at the top level and in "extra", Chinese names, values
	// of every JSON type.
	in := `{"id":"A1","联系人":"张三","title":"高强钢<热成形>","maturity":7,"price":120.5,"extra":{"专利号":"ZL 2020 1","联系电话":13800000000},"备注":"需现场\n对接","industries":["汽车"]}` + "\n" +
		`{"id":"A2","description":"只有描述","负责人":null,"标签":["a","b"],"industries_inferred":true,"industries":["biomed"]}` + "\n" +
		`{"id":"A3","title":"无额外字段"}` + "\n"
	recs := readAchievements(t, "a.jsonl", in)
	require.Len(t, recs, 3)
	assert.Equal(t, Extra{{"联系人", "张三"}, {"专利号", "ZL 2020 1"}, {"联系电话", "13800000000"}, {"备注", "需现场\n对接"}}, recs[0].Extra, "got %q", recs[0].Extra)

	got := writeAchievements(t, FormatJSONL, recs)
	want := `{"id":"A1","title":"高强钢<热成形>","description":"","industries":["auto"],"maturity":7,"price":120.5,"extra":{"联系人":"张三","专利号":"ZL 2020 1","联系电话":"13800000000","备注":"需现场\n对接"}}` + "\n" +
		`{"id":"A2","title":"","description":"只有描述","industries":["biomed"],"industries_inferred":true,"extra":{"负责人":"","标签":"[\"a\",\"b\"]"}}` + "\n" +
		`{"id":"A3","title":"无额外字段","description":""}` + "\n"
	assert.Equal(t, want, got, "JSONL: got\n%s\nwant\n%s", got, want)

	// What the writer wrote reads back to the same records and writes
	// back byte for byte.
	back := readAchievements(t, "b.jsonl", got)
	assert.Equal(t, recs, back, "records after a round trip: got %+v, want %+v", back, recs)
	assert.Equal(t, got, writeAchievements(t, FormatJSONL, back), "JSONL → records → JSONL is not byte-identical")
}

func TestWriteCSVRoundTrip(t *testing.T) {
	// A CSV in the writer's form: BOM, contract columns, Chinese extra
	// columns; quoted commas, quotes and line breaks; empty extra cells.
	in := bom + "id,title,description,keywords,industries,industries_inferred,org,org_type,region,min_maturity,budget,transfer_modes,date,联系人,联系电话,备注\n" +
		`N1,轻量化,"要求：""高强""` + "\n" + `两行",铝合金|镁合金,auto|equipment,,一汽,leading,长春,5,300.5,co_develop|license,2024-01-02,张三,0431-1,"周二, 周四"` + "\n" +
		"N2,,只有描述,,biomed,true,,,,,,,,,,\n" +
		"N3,t,,,,,,,,,,,,王五,,'=SUM(A1)\n"
	recs := readNeeds(t, "n.csv", in)
	require.Len(t, recs, 3)
	assert.Equal(t, Extra{{"联系人", "张三"}, {"联系电话", "0431-1"}, {"备注", "周二, 周四"}}, recs[0].Extra, "got %q", recs[0].Extra)
	assert.Equal(t, Extra{{"联系人", ""}, {"联系电话", ""}, {"备注", ""}}, recs[1].Extra, "got %q", recs[1].Extra)

	got := writeNeeds(t, FormatCSV, recs)
	assert.Equal(t, in, got, "CSV → records → CSV: got\n%s\nwant\n%s", got, in)
	assert.Equal(t, recs, readNeeds(t, "b.csv", got), "records after a round trip")
}

func TestWriteXLSXToJSONL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.xlsx")
	writeXLSX(t, path, []string{"成果"}, map[string][][]any{"成果": {
		{"成果编号", "成果名称", "技术成熟度", "联系人", "联系电话", "完成单位", "专利号", "备注"},
		{"A1", "高强钢热成形", 7, "张三", "0431-88886666", "吉林大学", "ZL202010000001.X", "可\"现场\"演示"},
		{"A2", "镁合金支架", nil, "李四", nil, nil, "ZL2"},
	}})
	recs, probs, err := LoadAchievements(context.Background(), path, ReadOptions{})
	require.NoError(t, err, "got %v", err)
	require.Empty(t, probs)
	got := writeAchievements(t, FormatJSONL, recs)
	want := `{"id":"A1","title":"高强钢热成形","description":"","owner":"吉林大学","maturity":7,"extra":{"联系人":"张三","联系电话":"0431-88886666","专利号":"ZL202010000001.X","备注":"可\"现场\"演示"}}` + "\n" +
		`{"id":"A2","title":"镁合金支架","description":"","extra":{"联系人":"李四","联系电话":"","专利号":"ZL2","备注":""}}` + "\n"
	assert.Equal(t, want, got, "XLSX → records → JSONL: got\n%s\nwant\n%s", got, want)
	assert.Equal(t, recs, readAchievements(t, "a.jsonl", got), "JSONL back to the XLSX's records")
}

// TestNeedsExtraExample reads testdata/catalog/needs_extra.csv, the
// documented example of a catalog with columns the contract does not know,
// and writes it back both ways.
func TestNeedsExtraExample(t *testing.T) {
	path := filepath.Join("testdata", "catalog", "needs_extra.csv")
	recs, probs, err := LoadNeeds(context.Background(), path, ReadOptions{})
	require.NoError(t, err, "got %v", err)
	require.Empty(t, probs)
	require.Equal(t, []string{"N101", "N102", "N103"}, needIDs(recs))
	names := []string{"联系人", "联系电话", "邮箱", "负责人", "备注"}
	for i, values := range [][]string{
		{"张三", "0431-88886666", "zhangsan@example.com", "李四", "需现场对接, 周二至周四"},
		{"王五", "13800000000", "", "", ""},
		{"赵六", "0452-1234567", "zhaoliu@example.com", "赵六", "仅接受省内合作"},
	} {
		var want Extra
		for j, v := range values {
			want = append(want, Field{names[j], v})
		}
		assert.Equal(t, want, recs[i].Extra, "%s: got %q, want %q", recs[i].ID, recs[i].Extra, want)
	}
	assert.Equal(t, HighTech, recs[1].OrgType, "the contract fields are read as before")
	assert.Equal(t, 300.0, recs[0].Budget)

	for _, format := range []Format{FormatJSONL, FormatCSV} {
		out := writeNeeds(t, format, recs)
		back := readNeeds(t, "back."+string(format), out)
		assert.Equal(t, recs, back, "%s: records after a round trip", format)
		assert.Equal(t, out, writeNeeds(t, format, back), "%s: second write differs", format)
	}
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(raw, []byte(bom)), "the example starts with a BOM, as Excel writes")
}

func TestWriteCSVUnionAndInert(t *testing.T) {
	recs := []Achievement{
		{ID: "=HYPERLINK(\"x\")", Title: "+1", Description: "-d", Keywords: []string{"@k"}, Maturity: 3, Price: 12.25,
			Extra: Extra{{"备注", "=cmd|' /C calc'!A0"}, {"联系人", "张三"}}},
		{ID: "A2", Title: "t", Extra: Extra{{"专利号", "ZL1"}, {"备注", "\tx"}}},
		{ID: "A3", Title: "t", Extra: Extra{{"=名", "v"}}},
	}
	got := writeAchievements(t, FormatCSV, recs)
	want := bom + "id,title,description,keywords,industries,industries_inferred,owner,owner_type,region,maturity,price,transfer_modes,date,备注,联系人,专利号,'=名\n" +
		`"'=HYPERLINK(""x"")",'+1,'-d,'@k,,,,,,3,12.25,,,'=cmd|' /C calc'!A0,张三,,` + "\n" +
		"A2,t,,,,,,,,,,,,'\tx,,ZL1,\n" +
		"A3,t,,,,,,,,,,,,,,,v\n"
	assert.Equal(t, want, got, "got\n%q\nwant\n%q", got, want)
	back := readAchievements(t, "a.csv", got)
	assert.Equal(t, Extra{{"备注", "'=cmd|' /C calc'!A0"}, {"联系人", "张三"}, {"专利号", ""}, {"'=名", ""}}, back[0].Extra,
		"inert values read back with their apostrophe, missing names as \"\": got %q", back[0].Extra)
	assert.Equal(t, Extra{{"备注", "'\tx"}, {"联系人", ""}, {"专利号", "ZL1"}, {"'=名", ""}}, back[1].Extra, "header order: got %q", back[1].Extra)
}

func TestWriteCatalogErrors(t *testing.T) {
	var buf bytes.Buffer
	err := WriteAchievements(&buf, FormatXLSX, nil)
	assert.ErrorContains(t, err, `write achievements: unsupported format "xlsx" (want jsonl or csv)`)
	assert.ErrorContains(t, WriteNeeds(nil, FormatCSV, nil), "write needs: nil io.Writer")

	nan := []Need{{ID: "N1", Title: "t"}, {ID: "N\x1b2", Title: "t", Budget: math.NaN()}}
	assert.ErrorContains(t, WriteNeeds(&buf, FormatCSV, nan), `write needs: record 2 (id N\x1b2): budget NaN is not a finite number`)
	assert.ErrorContains(t, WriteNeeds(&buf, FormatJSONL, nan), `write needs: record 2 (id N\x1b2): json: unsupported value: NaN`)

	alike := []Achievement{{ID: "A1", Extra: Extra{{"=x", "1"}}}, {ID: "A2", Extra: Extra{{"'=x", "2"}}}}
	assert.ErrorContains(t, WriteAchievements(&buf, FormatCSV, alike), `record 2 (id A2): extra names "=x" and "'=x" are both written "'=x" in CSV`)

	for _, format := range []Format{FormatJSONL, FormatCSV} {
		err := WriteAchievements(errWriter{}, format, []Achievement{{ID: "A", Title: "t"}})
		assert.ErrorContains(t, err, "pipe closed", "%s: got %v", format, err)
	}

	// The input is not modified.
	recs := []Achievement{{ID: " A ", Title: "t", Extra: Extra{{" 名 ", " v "}}}}
	_ = writeAchievements(t, FormatCSV, recs)
	_ = writeAchievements(t, FormatJSONL, recs)
	assert.Equal(t, []Achievement{{ID: " A ", Title: "t", Extra: Extra{{" 名 ", " v "}}}}, recs, "got %+v", recs)
}
