package techmatch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wantProblem is the part of a Problem the tests check.
type wantProblem struct {
	line  int
	field string
	id    string
	kind  error  // nil: do not check the kind
	msg   string // substring of Error(); "" to skip
}

func checkProblems(t *testing.T, file string, got []Problem, want []wantProblem) {
	t.Helper()
	require.Len(t, got, len(want), "got problems %v, want %d", got, len(want))
	for i, w := range want {
		g := got[i]
		assert.Equal(t, file, g.File, "problem %d file: got %q, want %q", i, g.File, file)
		assert.Equal(t, w.line, g.Line, "problem %d (%v) line: got %d, want %d", i, g, g.Line, w.line)
		assert.Equal(t, w.field, g.Field, "problem %d (%v) field: got %q, want %q", i, g, g.Field, w.field)
		assert.Equal(t, w.id, g.ID, "problem %d (%v) id: got %q, want %q", i, g, g.ID, w.id)
		if w.kind != nil {
			assert.ErrorIs(t, g, w.kind, "problem %d (%v): got %v, want kind %v", i, g, g.Err, w.kind)
		}
		if w.msg != "" {
			assert.Contains(t, g.Error(), w.msg, "problem %d message: got %q, want it to contain %q", i, g.Error(), w.msg)
		}
	}
}

// checkLenientErr checks the error of a lenient read that kept kept
// records: nil, or ErrEmptyCatalog when it kept none.
func checkLenientErr(t *testing.T, err error, kept int) {
	t.Helper()
	if kept > 0 {
		require.NoError(t, err, "lenient: got %v, want nil", err)
		return
	}
	require.ErrorIs(t, err, ErrEmptyCatalog, "lenient, no record kept: got %v, want ErrEmptyCatalog", err)
	assert.Contains(t, err.Error(), "skipped)", "got %q, want the counts", err)
}

func achievementIDs(recs []Achievement) []string {
	var ids []string
	for _, r := range recs {
		ids = append(ids, r.ID)
	}
	return ids
}

func needIDs(recs []Need) []string {
	var ids []string
	for _, r := range recs {
		ids = append(ids, r.ID)
	}
	return ids
}

func TestReadAchievementsJSONLProblems(t *testing.T) {
	const ok = `{"id":"OK","title":"好记录"}`
	tests := []struct {
		name    string
		in      string
		opt     ReadOptions
		wantIDs []string
		want    []wantProblem
	}{
		{
			name:    "malformed JSON keeps the next record",
			in:      `{"id":"A1","title":"x"}` + "\n" + `{"id":"A2",` + "\n" + `{"id":"A3","title":"y"}`,
			wantIDs: []string{"A1", "A3"},
			want:    []wantProblem{{line: 2, kind: ErrMalformed, msg: "a.jsonl:2: malformed JSON"}},
		},
		{
			name:    "trailing garbage",
			in:      `{"id":"A1","title":"x"} x` + "\n" + ok,
			wantIDs: []string{"OK"},
			want:    []wantProblem{{line: 1, kind: ErrMalformed}},
		},
		{
			name:    "not an object",
			in:      ok + "\n" + `["A2","t"]`,
			wantIDs: []string{"OK"},
			want:    []wantProblem{{line: 2, kind: ErrMalformed, msg: "want one object per line"}},
		},
		{
			name:    "invalid UTF-8 in a known field",
			in:      `{"id":"A1","title":"x","description":"坏` + "\xff" + `"}` + "\n" + ok,
			wantIDs: []string{"OK"},
			want:    []wantProblem{{line: 1, field: "description", id: "A1", kind: ErrInvalidUTF8}},
		},
		{
			name:    "invalid UTF-8 in an unknown field",
			in:      ok + "\n" + `{"id":"A1","title":"x","extra":"` + "\xc3\x28" + `"}`,
			wantIDs: []string{"OK"},
			want:    []wantProblem{{line: 2, field: "extra", id: "A1", kind: ErrInvalidUTF8}},
		},
		{
			name:    "missing id",
			in:      `{"title":"x"}` + "\n" + `{"id":"  ","title":"x"}` + "\n" + ok,
			wantIDs: []string{"OK"},
			want: []wantProblem{
				{line: 1, field: "id", kind: ErrMissingID},
				{line: 2, field: "id", kind: ErrMissingID},
			},
		},
		{
			name:    "duplicate id names the first line",
			in:      `{"id":"A1","title":"x"}` + "\n\n" + `{"id":"A1","title":"y"}`,
			wantIDs: []string{"A1"},
			want:    []wantProblem{{line: 3, field: "id", id: "A1", kind: ErrDuplicateID, msg: "first at line 1"}},
		},
		{
			name:    "bad first occurrence does not hide a good duplicate",
			in:      `{"id":"A1","maturity":99,"title":"x"}` + "\n" + `{"id":"A1","title":"y"}`,
			wantIDs: []string{"A1"},
			want:    []wantProblem{{line: 1, field: "maturity", id: "A1", kind: ErrOutOfRange}},
		},
		{
			name:    "empty title and description",
			in:      `{"id":"A1","title":" ","description":""}` + "\n" + ok,
			wantIDs: []string{"OK"},
			want:    []wantProblem{{line: 1, field: "title", id: "A1", kind: ErrNoText}},
		},
		{
			name:    "maturity outside 1-9",
			in:      `{"id":"A1","title":"x","maturity":12}` + "\n" + `{"id":"A2","title":"x","maturity":"-1"}`,
			wantIDs: nil,
			want: []wantProblem{
				{line: 1, field: "maturity", id: "A1", kind: ErrOutOfRange, msg: `a.jsonl:1: field "maturity" (id A1): 12 is outside 1–9`},
				{line: 2, field: "maturity", id: "A2", kind: ErrOutOfRange},
			},
		},
		{
			name:    "maturity not whole",
			in:      `{"id":"A1","title":"x","maturity":7.5}`,
			wantIDs: nil,
			want:    []wantProblem{{line: 1, field: "maturity", id: "A1", kind: ErrBadNumber}},
		},
		{
			name:    "negative price",
			in:      `{"id":"A1","title":"x","price":-5}`,
			wantIDs: nil,
			want:    []wantProblem{{line: 1, field: "price", id: "A1", kind: ErrNegative, msg: "-5 is negative"}},
		},
		{
			name:    "unparsable price",
			in:      `{"id":"A1","title":"x","price":"很贵"}`,
			wantIDs: nil,
			want:    []wantProblem{{line: 1, field: "price", id: "A1", kind: ErrBadNumber, msg: `"很贵"`}},
		},
		{
			name:    "unknown transfer mode",
			in:      `{"id":"A1","title":"x","transfer_modes":["转让","赠送"]}`,
			wantIDs: nil,
			want:    []wantProblem{{line: 1, field: "transfer_modes", id: "A1", kind: ErrUnknownValue, msg: "赠送"}},
		},
		{
			name:    "unknown owner type",
			in:      `{"id":"A1","title":"x","owner_type":"外星人"}`,
			wantIDs: nil,
			want:    []wantProblem{{line: 1, field: "owner_type", id: "A1", kind: ErrUnknownValue}},
		},
		{
			name:    "unknown industry text",
			in:      `{"id":"A1","title":"x","industries":["不存在的行业"]}`,
			wantIDs: nil,
			want:    []wantProblem{{line: 1, field: "industries", id: "A1", kind: ErrUnknownValue}},
		},
		{
			name:    "object where text is wanted",
			in:      `{"id":"A1","title":{"zh":"x"}}`,
			wantIDs: nil,
			want: []wantProblem{
				{line: 1, field: "title", id: "A1", kind: ErrMalformed},
				{line: 1, field: "title", id: "A1", kind: ErrNoText},
			},
		},
		{
			name:    "several problems in one record are all reported",
			in:      `{"id":"A1","title":"x","maturity":10,"price":-1,"owner_type":"x"}`,
			wantIDs: nil,
			want: []wantProblem{
				{line: 1, field: "owner_type", id: "A1", kind: ErrUnknownValue},
				{line: 1, field: "maturity", id: "A1", kind: ErrOutOfRange},
				{line: 1, field: "price", id: "A1", kind: ErrNegative},
			},
		},
		{
			name:    "line too long",
			in:      ok + "\n" + `{"id":"A2","title":"` + strings.Repeat("长", 100) + `"}` + "\n" + `{"id":"A3","title":"z"}`,
			opt:     ReadOptions{MaxLineBytes: 200},
			wantIDs: []string{"OK", "A3"},
			want:    []wantProblem{{line: 2, kind: ErrLineTooLong}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			// Strict: valid records, all problems and a *CatalogError.
			got, probs, err := ReadAchievements(ctx, strings.NewReader(tt.in), "a.jsonl", tt.opt)
			require.Error(t, err, "strict: got nil error, want a *CatalogError")
			var ce *CatalogError
			require.ErrorAs(t, err, &ce, "strict: got %T, want *CatalogError", err)
			assert.Equal(t, probs, ce.Problems, "CatalogError problems: got %v, want %v", ce.Problems, probs)
			if tt.want[0].kind != nil {
				assert.ErrorIs(t, err, tt.want[0].kind, "errors.Is through CatalogError: got %v, want %v", err, tt.want[0].kind)
			}
			assert.Equal(t, len(tt.wantIDs) == 0, errors.Is(err, ErrEmptyCatalog), "strict: got %v, want ErrEmptyCatalog iff no record is kept", err)
			assert.Equal(t, tt.wantIDs, achievementIDs(got), "strict ids: got %v, want %v", achievementIDs(got), tt.wantIDs)
			checkProblems(t, "a.jsonl", probs, tt.want)

			// Lenient: same records and problems, nil error (ErrEmptyCatalog
			// when no record is kept).
			opt := tt.opt
			opt.Lenient = true
			got2, probs2, err := ReadAchievements(ctx, strings.NewReader(tt.in), "a.jsonl", opt)
			checkLenientErr(t, err, len(tt.wantIDs))
			assert.Equal(t, got, got2, "lenient records: got %v, want %v", got2, got)
			assert.Equal(t, probs, probs2, "lenient problems: got %v, want %v", probs2, probs)
			for _, r := range got {
				assert.NoError(t, r.Validate(), "returned record %s must validate", r.ID)
			}
		})
	}
}

func TestReadNeedsCSVProblems(t *testing.T) {
	const header = "编号,需求名称,需求描述,最低成熟度,预算,单位类型,合作方式,备注\n"
	tests := []struct {
		name    string
		in      string
		wantIDs []string
		want    []wantProblem
	}{
		{
			name:    "min_maturity outside 1-9",
			in:      header + "N001,好,,5,,,,\nN012,坏,,12,,,,\n",
			wantIDs: []string{"N001"},
			want:    []wantProblem{{line: 3, field: "min_maturity", id: "N012", kind: ErrOutOfRange, msg: `needs.csv:3: field "min_maturity" (id N012): 12 is outside 1–9`}},
		},
		{
			name:    "negative budget",
			in:      header + "N1,t,,,-3,,,\nN2,t,,,3,,,\n",
			wantIDs: []string{"N2"},
			want:    []wantProblem{{line: 2, field: "budget", id: "N1", kind: ErrNegative}},
		},
		{
			name:    "unparsable budget",
			in:      header + "N1,t,,,12abc,,,\n",
			want:    []wantProblem{{line: 2, field: "budget", id: "N1", kind: ErrBadNumber}},
			wantIDs: nil,
		},
		{
			name: "unknown org type and transfer mode",
			in:   header + "N1,t,,,,外企,,\nN2,t,,,,,转让;送人,\n",
			want: []wantProblem{
				{line: 2, field: "org_type", id: "N1", kind: ErrUnknownValue},
				{line: 3, field: "transfer_modes", id: "N2", kind: ErrUnknownValue},
			},
		},
		{
			name:    "wrong field count is one problem",
			in:      header + "N1,t,,,,,\nN2,t,,,,,,\nN3,t,,,,,,,\n",
			wantIDs: []string{"N2"},
			want: []wantProblem{
				{line: 2, id: "N1", kind: ErrFieldCount, msg: "7 fields, header has 8"},
				{line: 4, id: "N3", kind: ErrFieldCount},
			},
		},
		{
			name:    "invalid UTF-8 in a known and an unknown column",
			in:      header + "N1,t\xff,,,,,,\nN2,t,,,,,,x\xfe\n",
			wantIDs: nil,
			want: []wantProblem{
				{line: 2, field: "title", id: "N1", kind: ErrInvalidUTF8},
				{line: 3, field: "备注", id: "N2", kind: ErrInvalidUTF8},
			},
		},
		{
			name:    "missing id, duplicate id, no text",
			in:      header + ",t,,,,,,\nN1,t,,,,,,\nN1,u,,,,,,\nN2, , ,,,,,\n",
			wantIDs: []string{"N1"},
			want: []wantProblem{
				{line: 2, field: "id", kind: ErrMissingID},
				{line: 4, field: "id", id: "N1", kind: ErrDuplicateID, msg: "first at line 3"},
				{line: 5, field: "title", id: "N2", kind: ErrNoText},
			},
		},
		{
			name:    "line of a record after a multi-line quoted field",
			in:      header + "N1,\"多行\n标题, 含逗号\",,,,,,\nN2,t,,x,,,,\n",
			wantIDs: []string{"N1"},
			want:    []wantProblem{{line: 4, field: "min_maturity", id: "N2", kind: ErrBadNumber}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, probs, err := ReadNeeds(context.Background(), strings.NewReader(tt.in), "needs.csv", ReadOptions{})
			var ce *CatalogError
			require.ErrorAs(t, err, &ce, "strict: got %v, want *CatalogError", err)
			assert.Equal(t, tt.wantIDs, needIDs(got), "ids: got %v, want %v", needIDs(got), tt.wantIDs)
			checkProblems(t, "needs.csv", probs, tt.want)
			for _, r := range got {
				assert.NoError(t, r.Validate(), "returned record %s must validate", r.ID)
			}
			got2, probs2, err := ReadNeeds(context.Background(), strings.NewReader(tt.in), "needs.csv", ReadOptions{Lenient: true})
			checkLenientErr(t, err, len(tt.wantIDs))
			assert.Equal(t, got, got2, "lenient records: got %v, want %v", got2, got)
			assert.Equal(t, probs, probs2, "lenient problems: got %v, want %v", probs2, probs)
		})
	}
}

func TestReadValues(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		in     string
		wantA  []Achievement
		wantN  []Need
		isNeed bool
	}{
		{
			name: "JSONL numbers as strings, lists as strings, Chinese enums, unknown fields kept",
			file: "a.jsonl",
			in: "\uFEFF" + `{"id":" A1 ","title":"高强钢","description":"热成形","keywords":"高强钢，热成形、 轻量化|高强钢","industries":["汽车","新材料","robotics"],` +
				`"owner":"吉林大学","owner_type":"高校","region":"吉林","maturity":"7.0","price":"面议","transfer_modes":"转让;许可","date":"2024-05-01","homepage":"x","extra":{"a":[1]}}` + "\n" +
				`{"id":2,"description":"只有描述","maturity":"TRL 6","price":" 50 ","keywords":["a",1,null],"industries":null}` + "\r\n" +
				`{"id":"A3","title":"t","maturity":"8级","price":1200.5,"owner_type":"institute","industries_inferred":true}`,
			wantA: []Achievement{
				{ID: "A1", Title: "高强钢", Description: "热成形", Keywords: []string{"高强钢", "热成形", "轻量化"},
					Industries: []Industry{Auto, Materials, "robotics"}, Owner: "吉林大学", OwnerType: University, Region: "吉林",
					Maturity: 7, TransferModes: []TransferMode{Assign, License}, Date: "2024-05-01",
					Extra: Extra{{Name: "homepage", Value: "x"}, {Name: "a", Value: "[1]"}}},
				{ID: "2", Description: "只有描述", Maturity: 6, Price: 50, Keywords: []string{"a", "1"}},
				{ID: "A3", Title: "t", Maturity: 8, Price: 1200.5, OwnerType: Institute, IndustriesInferred: true},
			},
		},
		{
			name: "CSV Chinese headers, BOM, quoted commas and newlines, unknown columns kept",
			file: "n.csv",
			in: "\uFEFF编号,需求名称,需求描述,关键词,所属行业,需求单位,单位类型,地区,最低成熟度,预算金额,合作方式,发布日期,联系人\n" +
				`N1,"轻量化, 车身","要求：""高强""
两行",铝合金；镁合金,汽车、高端装备制造,一汽,龙头企业,长春,5, 300 ,合作开发|许可,2024-01-02,张三` + "\n" +
				"N2,,只有描述,,生物医药,,,,,面议,,,\n" +
				",,,,,,,,,,,,\n",
			isNeed: true,
			wantN: []Need{
				{ID: "N1", Title: "轻量化, 车身", Description: "要求：\"高强\"\n两行", Keywords: []string{"铝合金", "镁合金"},
					Industries: []Industry{Auto, Equipment}, Org: "一汽", OrgType: Leading, Region: "长春", MinMaturity: 5,
					Budget: 300, TransferModes: []TransferMode{CoDevelop, License}, Date: "2024-01-02",
					Extra: Extra{{Name: "联系人", Value: "张三"}}},
				{ID: "N2", Description: "只有描述", Industries: []Industry{Biomed}, Extra: Extra{{Name: "联系人", Value: ""}}},
			},
		},
		{
			name: "CSV English headers in any case",
			file: "a.csv",
			in:   "ID,Title,OWNER_TYPE,Maturity,Price,Transfer_Modes\nA1,t,enterprise,7,\"1,200\",equity\n",
			wantA: []Achievement{
				{ID: "A1", Title: "t", OwnerType: Enterprise, Maturity: 7, Price: 1200, TransferModes: []TransferMode{Equity}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			var probs []Problem
			var err error
			if tt.isNeed {
				var got []Need
				got, probs, err = ReadNeeds(ctx, strings.NewReader(tt.in), tt.file, ReadOptions{})
				assert.Equal(t, tt.wantN, got, "needs: got %+v, want %+v", got, tt.wantN)
			} else {
				var got []Achievement
				got, probs, err = ReadAchievements(ctx, strings.NewReader(tt.in), tt.file, ReadOptions{})
				assert.Equal(t, tt.wantA, got, "achievements: got %+v, want %+v", got, tt.wantA)
			}
			require.NoError(t, err, "got %v, want nil", err)
			assert.Empty(t, probs, "problems: got %v, want none", probs)
		})
	}
}

func TestReadHeaderErrors(t *testing.T) {
	tests := []struct {
		name string
		file string
		in   string
		want string
	}{
		{name: "no id column", file: "needs.csv", in: "名称,描述\nx,y\n", want: "needs.csv:1: header has no id column"},
		{name: "no id column after BOM and blank lines", file: "needs.csv", in: "\uFEFF\n\ntitle\nx\n", want: "needs.csv:3: header has no id column"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, lenient := range []bool{false, true} {
				got, probs, err := ReadNeeds(context.Background(), strings.NewReader(tt.in), tt.file, ReadOptions{Lenient: lenient})
				require.ErrorIs(t, err, ErrNoIDColumn, "lenient=%v: got %v, want ErrNoIDColumn", lenient, err)
				assert.Contains(t, err.Error(), tt.want, "got %q, want it to contain %q", err, tt.want)
				assert.Nil(t, got, "got records %v, want nil", got)
				assert.Nil(t, probs, "got problems %v, want nil", probs)
			}
		})
	}
}

func TestReadEmptyInputs(t *testing.T) {
	dir := t.TempDir()
	headerOnly := filepath.Join(dir, "header.xlsx")
	writeXLSX(t, headerOnly, []string{"S"}, map[string][][]any{"S": {{"id", "title"}, {}, {" "}}})
	emptySheet := filepath.Join(dir, "empty.xlsx")
	writeXLSX(t, emptySheet, []string{"S"}, map[string][][]any{"S": {}})
	allBad := "id,title,成熟度\n"
	for i := range 7 {
		allBad += fmt.Sprintf("A%d,t,12\n", i)
	}
	tests := []struct {
		file, in string
		want     string
	}{
		{file: "a.jsonl", in: "", want: "a.jsonl: no usable record (0 read)"},
		{file: "a.jsonl", in: "\uFEFF\n \n", want: "a.jsonl: no usable record (0 read)"},
		{file: "a.jsonl", in: `{"id":"A","maturity":1}` + "\n" + `{"id":"B","title":"t","price":-1}`, want: "a.jsonl: no usable record (2 read, 2 skipped)"},
		{file: "a.csv", in: "", want: "a.csv: no usable record (0 read)"},
		{file: "a.csv", in: "\uFEFF", want: "a.csv: no usable record (0 read)"},
		{file: "a.csv", in: "\n\r\n\n", want: "a.csv: no usable record (0 read)"},
		{file: "a.csv", in: "id,title\n", want: "a.csv: no usable record (0 read)"},
		{file: "a.csv", in: "id,title\n,\n \n\n", want: "a.csv: no usable record (0 read)"},
		// Seven records, one problem each: 7 skipped.
		{file: "needs.csv", in: allBad, want: "needs.csv: no usable record (7 read, 7 skipped)"},
		// Two problems in one record: still one skipped record.
		{file: "a.csv", in: "id,title,maturity,price\nA,t,12,-1\n", want: "a.csv: no usable record (1 read, 1 skipped)"},
		{file: headerOnly, want: ": no usable record (0 read)"},
		{file: emptySheet, want: ": no usable record (0 read)"},
	}
	for _, tc := range tests {
		for _, lenient := range []bool{false, true} {
			var got []Achievement
			var err error
			opt := ReadOptions{Lenient: lenient}
			if strings.HasSuffix(tc.file, ".xlsx") {
				got, _, err = LoadAchievements(context.Background(), tc.file, opt)
			} else {
				got, _, err = ReadAchievements(context.Background(), strings.NewReader(tc.in), tc.file, opt)
			}
			require.ErrorIs(t, err, ErrEmptyCatalog, "%s %q lenient=%v: got %v, want ErrEmptyCatalog", tc.file, tc.in, lenient, err)
			assert.Contains(t, err.Error(), tc.want, "%s %q lenient=%v: got %q, want it to contain %q", tc.file, tc.in, lenient, err, tc.want)
			assert.Empty(t, got, "%s %q: got %v, want no records", tc.file, tc.in, got)
		}
	}
	// Strict with every record bad: the problems and the empty catalog.
	_, probs, err := ReadNeeds(context.Background(), strings.NewReader(allBad), "needs.csv", ReadOptions{})
	var ce *CatalogError
	require.ErrorAs(t, err, &ce, "strict, all bad: got %v, want a *CatalogError", err)
	assert.Len(t, ce.Problems, 7, "got %d problems, want 7", len(ce.Problems))
	assert.Equal(t, probs, ce.Problems, "CatalogError problems: got %v, want %v", ce.Problems, probs)
}

func TestSkippedRecords(t *testing.T) {
	tests := []struct {
		name  string
		probs []Problem
		want  int
	}{
		{name: "none", want: 0},
		{name: "two problems of one record", probs: []Problem{{File: "a", Line: 3, Field: "x"}, {File: "a", Line: 3, Field: "y"}}, want: 1},
		{name: "two lines", probs: []Problem{{File: "a", Line: 3}, {File: "a", Line: 4}}, want: 2},
		{name: "two files", probs: []Problem{{File: "a", Line: 3}, {File: "b", Line: 3}}, want: 2},
		{name: "two sheets", probs: []Problem{{File: "a", Sheet: "S1", Line: 3}, {File: "a", Sheet: "S2", Line: 3}}, want: 2},
		{name: "no line: one per id", probs: []Problem{{ID: "A", Field: "x"}, {ID: "A", Field: "y"}, {ID: "B"}}, want: 2},
	}
	for _, tt := range tests {
		got := SkippedRecords(tt.probs)
		assert.Equal(t, tt.want, got, "%s: got %d, want %d", tt.name, got, tt.want)
	}
}

func TestReadLargeLine(t *testing.T) {
	// 3 MiB in a line: far beyond bufio.Scanner's 64 KiB default and the
	// 64 KiB field limit, within the 16 MiB record limit. A field over
	// the limit, known or not, is a problem for its record only.
	big := strings.Repeat("汽车轻量化", 3<<20/15)
	in := `{"id":"A1","title":"大","homepage":"` + big[:900] + `"}` + "\n" +
		`{"id":"A2","title":"大","description":"` + big + `"}` + "\n" +
		`{"id":"A3","title":"小"}` + "\n"
	got, probs, err := ReadAchievements(context.Background(), strings.NewReader(in), "big.jsonl", ReadOptions{Lenient: true})
	require.NoError(t, err, "got %v, want nil", err)
	assert.Equal(t, []string{"A1", "A3"}, achievementIDs(got), "ids: got %v, want [A1 A3]", achievementIDs(got))
	checkProblems(t, "big.jsonl", probs, []wantProblem{{line: 2, field: "description", id: "A2", kind: ErrTooLarge,
		msg: "big.jsonl:2: field \"description\" (id A2): 3145725 bytes, over the limit of 65536 (Limits.MaxFieldBytes)"}})
	assert.Equal(t, Extra{{Name: "homepage", Value: big[:900]}}, got[0].Extra, "A1 extra: got %v", got[0].Extra)

	// The same lines over a 1 MiB line limit are one problem each; the
	// next line is read. MaxLineBytes (the older name) and
	// Limits.MaxRecordBytes do the same.
	in = `{"id":"A1","title":"大","homepage":"` + big + `"}` + in[strings.IndexByte(in, '\n'):]
	for _, opt := range []ReadOptions{{MaxLineBytes: 1 << 20}, {Limits: Limits{MaxRecordBytes: 1 << 20}}} {
		opt.Lenient = true
		got, probs, err = ReadAchievements(context.Background(), strings.NewReader(in), "big.jsonl", opt)
		require.NoError(t, err, "lenient: got %v, want nil", err)
		assert.Equal(t, []string{"A3"}, achievementIDs(got), "ids: got %v, want [A3]", achievementIDs(got))
		checkProblems(t, "big.jsonl", probs, []wantProblem{{line: 1, kind: ErrLineTooLong}, {line: 2, kind: ErrTooLarge}})
	}
}

func TestReadOptionsAndFormats(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		file    string
		opt     ReadOptions
		wantErr string
	}{
		{name: "unknown extension", file: "a.txt", wantErr: "cannot tell the catalog format"},
		{name: "unknown format option", file: "a.csv", opt: ReadOptions{Format: "tsv"}, wantErr: `unknown format "tsv"`},
		{name: "negative max line", file: "a.csv", opt: ReadOptions{MaxLineBytes: -1}, wantErr: "MaxLineBytes -1 is negative"},
		{name: "format option wins over extension", file: "a.txt", opt: ReadOptions{Format: FormatJSONL}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ReadAchievements(ctx, strings.NewReader(`{"id":"A","title":"t"}`), tt.file, tt.opt)
			if tt.wantErr == "" {
				assert.NoError(t, err, "got %v, want nil", err)
				return
			}
			require.Error(t, err, "got nil, want %q", tt.wantErr)
			assert.Contains(t, err.Error(), tt.wantErr, "got %q, want it to contain %q", err, tt.wantErr)
		})
	}
	for ext, want := range map[string]Format{".jsonl": FormatJSONL, ".NDJSON": FormatJSONL, ".json": FormatJSONL, ".Csv": FormatCSV, ".xlsx": FormatXLSX} {
		got, err := DetectFormat("dir.x/cat" + ext)
		assert.NoError(t, err, "%s: got %v, want nil", ext, err)
		assert.Equal(t, want, got, "%s: got %q, want %q", ext, got, want)
	}
}

func TestLoadFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "needs.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(`{"id":"N1","title":"t","min_maturity":3}`+"\n"), 0o644))

	got, probs, err := LoadNeeds(ctx, path, ReadOptions{})
	require.NoError(t, err, "got %v, want nil", err)
	assert.Empty(t, probs, "got %v, want no problems", probs)
	assert.Equal(t, []Need{{ID: "N1", Title: "t", MinMaturity: 3}}, got, "got %+v", got)

	missing := filepath.Join(dir, "missing.csv")
	_, _, err = LoadAchievements(ctx, missing, ReadOptions{})
	require.ErrorIs(t, err, os.ErrNotExist, "got %v, want not-exist", err)
	assert.Contains(t, err.Error(), missing, "got %q, want the path in it", err)

	got2, probs2, err := LoadAchievements(ctx, filepath.Join("testdata", "catalog", "achievements_bad.csv"), ReadOptions{Lenient: true})
	require.NoError(t, err, "lenient fixture: got %v, want nil", err)
	assert.Equal(t, []string{"A001", "A004"}, achievementIDs(got2), "fixture ids: got %v", achievementIDs(got2))
	checkProblems(t, filepath.Join("testdata", "catalog", "achievements_bad.csv"), probs2, []wantProblem{
		{line: 3, field: "maturity", id: "A002", kind: ErrOutOfRange},
		{line: 4, field: "id", id: "A001", kind: ErrDuplicateID},
	})

	good, probs3, err := LoadAchievements(ctx, filepath.Join("testdata", "catalog", "achievements_good.jsonl"), ReadOptions{})
	require.NoError(t, err, "good fixture: got %v, want nil", err)
	assert.Empty(t, probs3, "good fixture: got problems %v", probs3)
	assert.Len(t, good, 3, "good fixture: got %d records, want 3", len(good))
}

func TestReadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var b strings.Builder
	for i := range 2 * ctxCheckEvery {
		b.WriteString(`{"id":"A` + strings.Repeat("x", i%7) + `","title":"t"}` + "\n")
	}
	for _, file := range []string{"a.jsonl", "a.csv"} {
		_, _, err := ReadAchievements(ctx, strings.NewReader(b.String()), file, ReadOptions{Lenient: true})
		assert.ErrorIs(t, err, context.Canceled, "%s: got %v, want context.Canceled", file, err)
	}
	// Cancellation mid-stream is seen within ctxCheckEvery records.
	ctx2, cancel2 := context.WithCancel(context.Background())
	r := &cancelAfter{r: strings.NewReader(b.String()), n: 100, cancel: cancel2}
	_, _, err := ReadAchievements(ctx2, r, "a.jsonl", ReadOptions{Lenient: true})
	assert.ErrorIs(t, err, context.Canceled, "mid-stream: got %v, want context.Canceled", err)
}

// cancelAfter cancels after n bytes were read.
type cancelAfter struct {
	r      *strings.Reader
	n      int
	cancel func()
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	if len(p) > 64 {
		p = p[:64]
	}
	n, err := c.r.Read(p)
	c.n -= n
	if c.n <= 0 {
		c.cancel()
	}
	return n, err
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestReadIOError(t *testing.T) {
	for _, file := range []string{"a.jsonl", "a.csv", "a.xlsx"} {
		_, _, err := ReadAchievements(context.Background(), failingReader{}, file, ReadOptions{Lenient: true})
		require.Error(t, err, "%s: got nil, want an error", file)
		assert.Contains(t, err.Error(), "disk on fire", "%s: got %q", file, err)
		assert.Contains(t, err.Error(), file, "%s: got %q, want the name in it", file, err)
	}
}

func TestCatalogErrorMessage(t *testing.T) {
	var ps []Problem
	for i := range 12 {
		ps = append(ps, Problem{File: "n.csv", Line: i + 2, Field: "budget", ID: "N", Err: ErrNegative})
	}
	e := &CatalogError{File: "n.csv", Problems: ps}
	msg := e.Error()
	assert.True(t, strings.HasPrefix(msg, "catalog n.csv: 12 problems\n\tn.csv:2: field \"budget\" (id N): negative value"), "got %q", msg)
	assert.Contains(t, msg, "… and 2 more", "got %q", msg)
	var p Problem
	require.ErrorAs(t, e, &p, "errors.As Problem")
	assert.Equal(t, 2, p.Line, "first problem line: got %d, want 2", p.Line)

	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "a.xlsx", Sheet: "成果", Line: 4, ID: "A1", Err: ErrFieldCount}, "a.xlsx[成果]:4: id A1: wrong number of fields"},
		{Problem{Field: "price", Err: ErrNegative}, `field "price": negative value`},
		{Problem{Line: 3}, "line 3: invalid record"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.p.Error(), "got %q, want %q", tt.p.Error(), tt.want)
	}
}

func BenchmarkReadAchievements(b *testing.B) {
	const n = 10000
	var jl, cs strings.Builder
	cs.WriteString("编号,成果名称,成果简介,关键词,所属行业,技术成熟度,转让价格,转化方式\n")
	for i := range n {
		id := "A" + strings.Repeat("0", 5) + string(rune('a'+i%26)) + strconv.Itoa(i)
		jl.WriteString(`{"id":"` + id + `","title":"高强钢热成形技术","description":"用于汽车车身轻量化的高强钢热成形工艺，降低重量百分之二十。","keywords":["高强钢","热成形"],"industries":["汽车"],"maturity":7,"price":120,"transfer_modes":["转让","许可"]}` + "\n")
		cs.WriteString(id + ",高强钢热成形技术,用于汽车车身轻量化的高强钢热成形工艺，降低重量百分之二十。,高强钢；热成形,汽车,7,120,转让、许可\n")
	}
	for _, tc := range []struct{ file, data string }{{"a.jsonl", jl.String()}, {"a.csv", cs.String()}} {
		b.Run(tc.file+"/n=10000", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(tc.data)))
			for b.Loop() {
				recs, _, err := ReadAchievements(context.Background(), strings.NewReader(tc.data), tc.file, ReadOptions{})
				if err != nil || len(recs) != n {
					b.Fatalf("got %d records, %v", len(recs), err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}
