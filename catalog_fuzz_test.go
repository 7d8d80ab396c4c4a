package techmatch

// Fuzz targets, one per reader and record kind. Each reads with small
// limits and checks invariants, not only the absence of panics: every
// kept record validates, has a unique printable id and no field over the
// field limit; every problem is located and its message is safe for a
// terminal; kept and skipped records account for the input's records.
// Seed corpora, with the security review's attacks at small scale, are in
// testdata/fuzz/<Target>/.

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// fuzzLimits are small limits, so that the fuzzer reaches them.
var fuzzLimits = Limits{
	MaxFileBytes:     1 << 20,
	MaxRecordBytes:   512,
	MaxFieldBytes:    64,
	MaxUnzippedBytes: 4 << 20,
	MaxRows:          200,
	MaxCells:         2000,
	MaxColumns:       40,
}

// fuzzRecord is what the checks need of a record.
type fuzzRecord interface {
	Validate() error
	RecordID() string
	extraFields() Extra
}

// achievementTexts returns every text value of a: fields and list items.
func achievementTexts(a Achievement) []string {
	out := []string{a.ID, a.Title, a.Description, a.Owner, a.Region, a.Date, string(a.OwnerType)}
	out = append(out, a.Keywords...)
	for _, x := range a.Industries {
		out = append(out, string(x))
	}
	for _, x := range a.TransferModes {
		out = append(out, string(x))
	}
	return out
}

// needTexts is achievementTexts for a need.
func needTexts(n Need) []string {
	return achievementTexts(Achievement{ID: n.ID, Title: n.Title, Description: n.Description, Owner: n.Org, Region: n.Region,
		Date: n.Date, OwnerType: OwnerType(n.OrgType), Keywords: n.Keywords, Industries: n.Industries, TransferModes: n.TransferModes})
}

// checkFuzzResult checks the invariants shared by the fuzz targets on the
// outcome of a lenient read with limits lim.
func checkFuzzResult[T fuzzRecord](t *testing.T, recs []T, probs []Problem, err error, lim Limits, texts func(T) []string) {
	t.Helper()
	if err != nil {
		if msg := err.Error(); !terminalSafe(msg) {
			t.Fatalf("error message not terminal-safe: %q", msg)
		}
		if len(recs) > 0 {
			t.Fatalf("got %d records with error %v", len(recs), err)
		}
	}
	seen := map[string]bool{}
	for i, r := range recs {
		id := r.RecordID()
		if err := r.Validate(); err != nil {
			t.Fatalf("record %d (id %q) does not validate: %v", i, id, err)
		}
		if seen[id] {
			t.Fatalf("duplicate id %q returned", id)
		}
		seen[id] = true
		if len(id) > MaxIDBytes || !utf8.ValidString(id) || strings.IndexFunc(id, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
			t.Fatalf("id %q is not printable or too long", id)
		}
		for _, s := range texts(r) {
			if len(s) > lim.MaxFieldBytes {
				t.Fatalf("record %q: a %d-byte field over the %d-byte limit", id, len(s), lim.MaxFieldBytes)
			}
		}
	}
	checkWriteBack(t, recs, lim)
	for _, p := range probs {
		if p.File == "" || p.Line <= 0 || p.Err == nil {
			t.Fatalf("problem without location or cause: %#v", p)
		}
		if msg := p.Error(); !terminalSafe(msg) {
			t.Fatalf("problem message not terminal-safe: %q", msg)
		}
	}
}

// checkWriteBack writes the kept records as JSONL (WriteAchievements or
// WriteNeeds) and reads them back strictly with lim: the same records,
// extra fields included, come back.
func checkWriteBack[T fuzzRecord](t *testing.T, recs []T, lim Limits) {
	t.Helper()
	if len(recs) == 0 {
		return
	}
	lim.MaxRecordBytes = 1 << 20 // written lines are longer than read cells (escapes)
	var buf bytes.Buffer
	opt := ReadOptions{Limits: lim}
	var back any
	var err error
	switch rs := any(recs).(type) {
	case []Achievement:
		require.NoError(t, WriteAchievements(&buf, FormatJSONL, rs))
		back, _, err = ReadAchievements(context.Background(), &buf, "back.jsonl", opt)
	case []Need:
		require.NoError(t, WriteNeeds(&buf, FormatJSONL, rs))
		back, _, err = ReadNeeds(context.Background(), &buf, "back.jsonl", opt)
	default:
		t.Fatalf("unexpected record type %T", recs)
	}
	if err != nil {
		t.Fatalf("kept records written as JSONL do not read back: %v", err)
	}
	if !reflect.DeepEqual(back, any(recs)) {
		t.Fatalf("kept records written as JSONL read back different:\ngot  %+v\nwant %+v", back, recs)
	}
}

// terminalSafe reports whether msg is valid UTF-8 without control
// characters (but CatalogError's "\n\t" layout), DEL, C1 or bidi controls.
func terminalSafe(msg string) bool {
	if !utf8.ValidString(msg) {
		return false
	}
	for _, r := range strings.ReplaceAll(msg, "\n\t", " ") {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			return false
		}
	}
	return true
}

// fuzzJSONL reads data as a JSONL catalog and checks it; the records
// account exactly for the non-blank lines.
func fuzzJSONL[T fuzzRecord](t *testing.T, data []byte, read func(context.Context, *bytes.Reader, string, ReadOptions) ([]T, []Problem, error), texts func(T) []string) {
	lim := fuzzLimits.withDefaults()
	recs, probs, err := read(context.Background(), bytes.NewReader(data), "f.jsonl", ReadOptions{Lenient: true, Limits: lim})
	if err != nil && !errors.Is(err, ErrEmptyCatalog) {
		t.Fatalf("lenient read: got error %v", err)
	}
	checkFuzzResult(t, recs, probs, err, lim, texts)
	nonBlank := 0
	for i, line := range bytes.Split(data, []byte("\n")) {
		if i == 0 {
			line = bytes.TrimPrefix(line, []byte(bom))
		}
		if len(bytes.TrimSpace(line)) > 0 {
			nonBlank++
		}
	}
	if got := len(recs) + SkippedRecords(probs); got != nonBlank {
		t.Fatalf("kept %d + skipped %d records, want the %d non-blank lines", len(recs), SkippedRecords(probs), nonBlank)
	}
	if (len(recs) == 0) != errors.Is(err, ErrEmptyCatalog) {
		t.Fatalf("%d records kept, error %v: want ErrEmptyCatalog exactly when none is", len(recs), err)
	}
	// Extras survive: every top-level key the contract does not know is in
	// its record's Extra with its value as text.
	var lines [][]byte
	for i, line := range bytes.Split(data, []byte("\n")) {
		if i == 0 {
			line = bytes.TrimPrefix(line, []byte(bom))
		}
		lines = append(lines, line)
	}
	for i, line := range keptLines(lines, probs, len(recs)) {
		var obj map[string]json.RawMessage
		if json.Unmarshal(line, &obj) != nil {
			t.Fatalf("record %d kept from line %q that encoding/json does not read as an object", i, line)
		}
		checkExtraKept(t, recs[i], func(add func(name, value string)) {
			for key, raw := range obj {
				if achievementKind.lookup(key) == "" && needKind.lookup(key) == "" && key != "extra" && utf8.ValidString(key) {
					v, err := jsonText(raw)
					require.NoError(t, err)
					add(key, v)
				}
			}
		})
	}
}

// keptLines returns the lines (from 1) that kept records come from: the
// non-blank lines without a problem, in order, n of them.
func keptLines(lines [][]byte, probs []Problem, n int) [][]byte {
	bad := map[int]bool{}
	for _, p := range probs {
		bad[p.Line] = true
	}
	var out [][]byte
	for i, line := range lines {
		if len(bytes.TrimSpace(line)) > 0 && !bad[i+1] {
			out = append(out, line)
		}
	}
	if len(out) != n {
		return nil // the counts are checked elsewhere
	}
	return out
}

// extraFields gives the fuzz checks a record's Extra, whichever its type.
func (a Achievement) extraFields() Extra { return a.Extra }
func (n Need) extraFields() Extra        { return n.Extra }

// checkExtraKept checks that rec's Extra holds every field fields adds
// (name as in the input, normalised), with its value byte for byte.
func checkExtraKept[T fuzzRecord](t *testing.T, rec T, fields func(add func(name, value string))) {
	t.Helper()
	e := rec.extraFields()
	fields(func(name, value string) {
		t.Helper()
		name = normalizeFieldName(name)
		if name == "" {
			return
		}
		got, ok := e.Get(name)
		if !ok {
			t.Fatalf("record %q: extra field %q lost (got %q)", rec.RecordID(), name, e)
		}
		if got != value {
			t.Fatalf("record %q: extra field %q is %q, want %q", rec.RecordID(), name, got, value)
		}
	})
}

func FuzzReadAchievementsJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"A1","title":"高强钢","maturity":7,"price":"面议","industries":"汽车、新材料"}` + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzJSONL(t, data, func(ctx context.Context, r *bytes.Reader, name string, opt ReadOptions) ([]Achievement, []Problem, error) {
			return ReadAchievements(ctx, r, name, opt)
		}, achievementTexts)
	})
}

func FuzzReadNeedsJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"N1","title":"轻量化","min_maturity":5,"budget":"300万元","org_type":"龙头企业"}` + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzJSONL(t, data, func(ctx context.Context, r *bytes.Reader, name string, opt ReadOptions) ([]Need, []Problem, error) {
			return ReadNeeds(ctx, r, name, opt)
		}, needTexts)
	})
}

// fuzzCSV reads data as a CSV catalog and checks it. Kept and skipped
// records never exceed the non-blank lines; when encoding/csv reads the
// input strictly (no runaway or bare quote), every multi-line record has
// the header's field count and no record is over the limit, they account
// exactly for its non-blank records.
func fuzzCSV[T fuzzRecord](t *testing.T, data []byte, read func(context.Context, *bytes.Reader, string, ReadOptions) ([]T, []Problem, error), texts func(T) []string) {
	lim := fuzzLimits.withDefaults()
	recs, probs, err := read(context.Background(), bytes.NewReader(data), "f.csv", ReadOptions{Lenient: true, Limits: lim})
	if err != nil {
		var le *LimitError
		// Header errors: no id column, an extra column name that is not
		// valid or given twice (the catalog would lose that column).
		if !errors.Is(err, ErrNoIDColumn) && !errors.Is(err, ErrEmptyCatalog) && !errors.As(err, &le) && !errors.Is(err, ErrMalformed) &&
			!errors.Is(err, ErrInvalidFieldName) && !errors.Is(err, ErrDuplicateField) {
			t.Fatalf("lenient read: got error %v", err)
		}
		if strings.Contains(err.Error(), "internal error") {
			t.Fatalf("got %v", err)
		}
	}
	checkFuzzResult(t, recs, probs, err, lim, texts)
	if err != nil && !errors.Is(err, ErrEmptyCatalog) {
		return // no header
	}
	kept, skipped := len(recs), SkippedRecords(probs)
	lines := bytes.Count(data, []byte("\n")) + 1
	if kept+skipped > lines {
		t.Fatalf("kept %d + skipped %d records from %d lines", kept, skipped, lines)
	}
	if len(data) > lim.MaxRecordBytes {
		return
	}
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte(bom))))
	cr.FieldsPerRecord = -1
	var all [][]string
	var starts []int // line of each record
	for {
		rec, rerr := cr.Read()
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return
		}
		line, _ := cr.FieldPos(0)
		all, starts = append(all, rec), append(starts, line)
	}
	if len(all) == 0 {
		return
	}
	defer checkCSVExtras(t, all, starts, recs, probs)
	want := 0
	for _, rec := range all[1:] {
		if len(rec) != len(all[0]) && strings.Contains(strings.Join(rec, ""), "\n") {
			// A multi-line record with the wrong count, blank or not: it is
			// reported (it is not parsed, so not known blank) and its lines
			// are read again.
			return
		}
		if !blankCells(rec) {
			want++
		}
	}
	if kept+skipped != want {
		t.Fatalf("kept %d + skipped %d records, encoding/csv reads %d non-blank records: %v", kept, skipped, want, probs)
	}
}

// checkCSVExtras checks that every kept record of a CSV read (records
// rows, from encoding/csv, starting at lines starts) holds every column
// whose header the contract does not know in its Extra, with the cell's
// value ("" for a missing cell).
func checkCSVExtras[T fuzzRecord](t *testing.T, rows [][]string, starts []int, recs []T, probs []Problem) {
	t.Helper()
	bad := map[int]bool{}
	for _, p := range probs {
		bad[p.Line] = true
	}
	var kept [][]string
	for i, row := range rows[1:] {
		if !blankCells(row) && !bad[starts[i+1]] {
			kept = append(kept, row)
		}
	}
	if len(kept) != len(recs) {
		return // the counts are checked by fuzzCSV
	}
	for i, row := range kept {
		checkExtraKept(t, recs[i], func(add func(name, value string)) {
			for j, h := range rows[0] {
				if achievementKind.lookup(h) != "" || needKind.lookup(h) != "" {
					continue
				}
				v := ""
				if j < len(row) {
					v = row[j]
				}
				add(h, v)
			}
		})
	}
}

// blankCells reports whether every cell is blank, as table.row skips.
func blankCells(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func FuzzReadNeedsCSV(f *testing.F) {
	f.Add([]byte("编号,需求名称,最低成熟度,预算,合作方式\nN1,轻量化,5,面议,合作开发\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzCSV(t, data, func(ctx context.Context, r *bytes.Reader, name string, opt ReadOptions) ([]Need, []Problem, error) {
			return ReadNeeds(ctx, r, name, opt)
		}, needTexts)
	})
}

func FuzzReadAchievementsCSV(f *testing.F) {
	f.Add([]byte("编号,成果名称,成果简介,技术成熟度,转让价格,转化方式\nA1,高强钢,热成形,7,面议,转让、许可\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzCSV(t, data, func(ctx context.Context, r *bytes.Reader, name string, opt ReadOptions) ([]Achievement, []Problem, error) {
			return ReadAchievements(ctx, r, name, opt)
		}, achievementTexts)
	})
}

// Separators of FuzzReadAchievementsXLSX's grid: characters XML cannot
// hold, so cells never need them.
const (
	gridRowSep  = "\x1e"
	gridCellSep = "\x1f"
)

// xlsxCell makes s a cell value a workbook can hold: valid UTF-8, no
// character XML 1.0 forbids, no carriage return (XML turns "\r\n" into
// "\n"), at most 200 bytes.
func xlsxCell(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t' && r != '\n') || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)
	if len(s) > 200 {
		s = strings.ToValidUTF8(s[:200], "")
	}
	return s
}

// FuzzReadAchievementsXLSX writes a workbook from a grid of cells (rows
// separated by \x1e, cells by \x1f) under a fixed header with excelize and
// reads it back; the same grid written as CSV must read to the same
// records and the same problems (but line numbers).
func FuzzReadAchievementsXLSX(f *testing.F) {
	f.Add("A1\x1f高强钢\x1f热成形\x1f7\x1f面议\x1f转让、许可")
	header := []string{"id", "title", "description", "keywords", "maturity", "price", "transfer_modes", "industries", "联系人", "备注"}
	f.Fuzz(func(t *testing.T, grid string) {
		if len(grid) > 4096 {
			return
		}
		rows := [][]string{header}
		for _, line := range strings.Split(grid, gridRowSep) {
			cells := strings.Split(line, gridCellSep)
			if len(cells) > len(header) {
				cells = cells[:len(header)]
			}
			row := make([]string, len(header))
			for i, c := range cells {
				row[i] = xlsxCell(c)
			}
			rows = append(rows, row)
		}
		xf := excelize.NewFile()
		defer xf.Close()
		for r, row := range rows {
			cells := make([]any, len(row))
			for i, c := range row {
				cells[i] = c
			}
			cell, err := excelize.CoordinatesToCellName(1, r+1)
			if err != nil {
				t.Fatal(err)
			}
			if err := xf.SetSheetRow("Sheet1", cell, &cells); err != nil {
				t.Fatal(err)
			}
		}
		var xbuf, cbuf bytes.Buffer
		if err := xf.Write(&xbuf); err != nil {
			t.Fatal(err)
		}
		cw := csv.NewWriter(&cbuf)
		if err := cw.WriteAll(rows); err != nil {
			t.Fatal(err)
		}

		lim := fuzzLimits.withDefaults()
		lim.MaxRecordBytes = 64 << 10 // rows of this grid stay within it
		opt := ReadOptions{Lenient: true, Limits: lim}
		xrecs, xprobs, xerr := ReadAchievements(context.Background(), bytes.NewReader(xbuf.Bytes()), "f.xlsx", opt)
		if xerr != nil && !errors.Is(xerr, ErrEmptyCatalog) {
			t.Fatalf("xlsx: got error %v", xerr)
		}
		checkFuzzResult(t, xrecs, xprobs, xerr, lim, achievementTexts)
		crecs, cprobs, cerr := ReadAchievements(context.Background(), bytes.NewReader(cbuf.Bytes()), "f.csv", opt)
		if (cerr == nil) != (xerr == nil) {
			t.Fatalf("xlsx error %v, csv error %v", xerr, cerr)
		}
		if len(xrecs) != len(crecs) {
			t.Fatalf("xlsx kept %d records, csv %d", len(xrecs), len(crecs))
		}
		for i := range xrecs {
			if !equalAchievements(xrecs[i], crecs[i]) {
				t.Fatalf("record %d: xlsx %+v, csv %+v", i, xrecs[i], crecs[i])
			}
		}
		starts := make([]int, len(rows))
		for i := range starts {
			starts[i] = i + 1
		}
		checkCSVExtras(t, rows, starts, xrecs, xprobs)
		if len(xprobs) != len(cprobs) {
			t.Fatalf("xlsx problems %v, csv problems %v", xprobs, cprobs)
		}
		for i := range xprobs {
			x, c := xprobs[i], cprobs[i]
			// The same fault, located by row in XLSX and by line in CSV.
			xe := strings.ReplaceAll(x.Err.Error(), "first at row ", "first at line ")
			if x.Field != c.Field || x.ID != c.ID || xe != c.Err.Error() {
				t.Fatalf("problem %d: xlsx %v, csv %v", i, x, c)
			}
		}
		nonBlank := 0
		for _, row := range rows[1:] {
			if !blankCells(row) {
				nonBlank++
			}
		}
		if got := len(xrecs) + SkippedRecords(xprobs); got != nonBlank {
			t.Fatalf("kept %d + skipped %d records, want the %d non-blank rows", len(xrecs), SkippedRecords(xprobs), nonBlank)
		}
	})
}

// equalAchievements compares records, an empty list equal to nil, extra
// fields with their order.
func equalAchievements(a, b Achievement) bool {
	eq := func(x, y []string) bool {
		return len(x) == len(y) && (len(x) == 0 || strings.Join(x, "\x00") == strings.Join(y, "\x00"))
	}
	ta, tb := achievementTexts(a), achievementTexts(b)
	return eq(ta, tb) && a.Maturity == b.Maturity && a.Price == b.Price && a.IndustriesInferred == b.IndustriesInferred &&
		len(a.Keywords) == len(b.Keywords) && len(a.Industries) == len(b.Industries) && len(a.TransferModes) == len(b.TransferModes) &&
		reflect.DeepEqual(a.Extra, b.Extra)
}

// FuzzReadNeedsXLSX reads raw bytes as a workbook with small limits: the
// seeds are small workbooks and the zip bombs, oversized dimensions, rows
// and strings of the security review, scaled down.
func FuzzReadNeedsXLSX(f *testing.F) {
	f.Add(fuzzWorkbook(f, map[string]string{}))
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := fuzzLimits.withDefaults()
		lim.MaxRecordBytes = 64 << 10
		recs, probs, err := ReadNeeds(context.Background(), bytes.NewReader(data), "f.xlsx", ReadOptions{Lenient: true, Limits: lim})
		if err != nil && strings.Contains(err.Error(), "excelize failed") {
			t.Fatalf("excelize panicked: %v", err)
		}
		checkFuzzResult(t, recs, probs, err, lim, needTexts)
	})
}

// fuzzWorkbook returns a small needs workbook with the given parts
// replaced (name → content).
func fuzzWorkbook(tb testing.TB, parts map[string]string) []byte {
	xf := excelize.NewFile()
	defer xf.Close()
	for r, row := range [][]any{{"编号", "需求名称", "最低成熟度"}, {"N1", "轻量化", 5}, {"N2", "医用钛合金", "TRL 6"}} {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		require.NoError(tb, xf.SetSheetRow("Sheet1", cell, &row))
	}
	var buf bytes.Buffer
	require.NoError(tb, xf.Write(&buf))
	replace := map[string][]byte{}
	for name, p := range parts {
		replace[name] = []byte(p)
	}
	return rezip(tb, buf.Bytes(), replace)
}

// fuzzSeeds are the named seeds of each target beyond its f.Add seed:
// ordinary records and the security review's attacks at small scale
// (fuzzLimits: 512-byte records, 64-byte fields, 200 rows, 2000 cells, 40
// columns). TestFuzzSeeds writes them to testdata/fuzz/<Target>/ with
// -update.
func fuzzSeeds(tb testing.TB) map[string]map[string]any {
	long := strings.Repeat("长", 30)  // 90 bytes: over the field limit
	huge := strings.Repeat("x", 600) // over the record limit
	jsonlIDs := `{"id":"A\u001b[31m","title":"t"}` + "\n" + `{"id":"A\u202egnp.exe","title":"t"}` + "\n" +
		`{"id":"A\nB","title":"t"}` + "\n" + `{"id":"A` + "\xff" + `","title":"t"}` + "\n" +
		`{"id":"` + strings.Repeat("i", 300) + `","title":"t"}` + "\n" + `{"id":"OK","title":"t"}` + "\n"
	csvRows := func(header string, rows ...string) []byte {
		return []byte(strings.Join(append([]string{header}, rows...), "\n") + "\n")
	}
	const ah, nh = "id,title,description,maturity,price", "id,title,description,min_maturity,budget"
	csvSeeds := func(h string) map[string]any {
		return map[string]any{
			"attack_unterminated_row4": csvRows(h, "X1,t,d,,", "X2,t,d,,", `X3,"broken,d,,`, "X4,t,d,,", "X5,t,d,,", "X6,t,d,,"),
			"attack_bare_quote_lines":  csvRows(h, `X1,"bad,d,,`, "X2,t,d,,", `X3,"t",d,,`, "X4,t,d,,"),
			"attack_multiline_count":   csvRows(h, `X1,"t,d,,`, "X2,t,d,,", `X3,t,"d",,`, "X4,t,d,,"),
			"attack_long_field":        csvRows(h, "X1,"+long+",d,,", "X2,t,d,,"),
			"attack_long_record":       csvRows(h, "X1,t,"+huge+",,", `X2,"`+huge, "X3,t,d,,"),
			"attack_formula_ids":       csvRows(h, `"=HYPERLINK(""http://x"",""y"")",t,d,,`, `=cmd|' /C calc'!A0,t,d,,`, "+1+1,t,d,,", "@SUM(1),t,d,,"),
			"attack_control_ids":       csvRows(h, "\"X\x1b[2J\",t,d,,", "\"X\nY\",t,d,,", "X\u202e,t,d,,", "X\xfe,t,d,,", "OK,t,d,,"),
			"attack_header_only":       []byte(h + "\n"),
			"attack_blank_lines":       []byte("\n\r\n" + h + "\r\n\r\n,,,,\r\n \r\n"),
			"attack_all_bad":           csvRows(h, "X1,t,d,42,", "X2,,,,", "X3,t,d,,-1"),
			"good_extra": csvRows(h+",联系人,\" 联系电话\n(手机) \",名称,备注", `X1,t,d,,,张三,0431-1,别名,"周二, 周四"`, "X2,t,d,,,,,,", "X3,t,d,,,李四",
				"\"X4\",t,d,,,'=1,+86 1,\"两\n行\",\t@x"),
		}
	}
	jsonlSeeds := func(maturity string) map[string]any {
		return map[string]any{
			"attack_long_field": []byte(`{"id":"X1","title":"` + long + `"}` + "\n" + `{"id":"X2","title":"t","keywords":["k","` + long + `"]}` + "\n" + `{"id":"X3","title":"t"}`),
			"attack_long_line":  []byte(`{"id":"X1","title":"t","homepage":"` + huge + `"}` + "\n" + `{"id":"X2","title":"t"}` + "\n"),
			"attack_ids":        []byte(jsonlIDs),
			"attack_empty":      []byte(""),
			"attack_blank":      []byte("\uFEFF\n \r\n\t\n"),
			"attack_all_bad":    []byte(`{"id":"X1","title":"t","` + maturity + `":42}` + "\n" + `{"id":"X2"}` + "\n" + `{"id":"X\xff","title":"t"}` + "\n"),
			"good_extra": []byte(`{"id":"X1","title":"t","联系人":"张三","extra":{"专利号":"ZL1","电话":13800000000},"名称":"别名","备注":null}` + "\n" +
				`{"id":"X2","title":"t","标签":["a",{"b":1}],"extra":null,"是否":true}` + "\n" + `{"id":"X3","title":"t","extra":"文本"}` + "\n"),
		}
	}
	grid := func(rows ...[]string) string {
		var out []string
		for _, r := range rows {
			out = append(out, strings.Join(r, gridCellSep))
		}
		return strings.Join(out, gridRowSep)
	}
	sheet := func(dim string, rows ...string) string { return string(sheetXML(dim, rows...)) }
	var many []string
	for i := 1; i <= 250; i++ {
		many = append(many, inlineRow(i, "N", "t"))
	}
	wide := make([]string, 50)
	for i := range wide {
		wide[i] = "c"
	}
	const ws, sst = "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"
	return map[string]map[string]any{
		"FuzzReadAchievementsJSONL": jsonlSeeds("maturity"),
		"FuzzReadNeedsJSONL":        jsonlSeeds("min_maturity"),
		"FuzzReadAchievementsCSV":   csvSeeds(ah),
		"FuzzReadNeedsCSV":          csvSeeds(nh),
		"FuzzReadAchievementsXLSX": {
			"good":               grid([]string{"A1", "高强钢", "热成形", "高强钢；热成形", "7", "面议", "转让|许可", "汽车"}, []string{"A2", "", "只有描述", "", "TRL6"}),
			"attack_formula_ids": grid([]string{`=HYPERLINK("http://x","y")`, "t"}, []string{"=cmd|' /C calc'!A0", "t"}, []string{"+1+1", "t"}, []string{"@SUM(1)", "t"}),
			"attack_control":     grid([]string{"A\u202e1", "t"}, []string{"A\n2", "t"}, []string{"A3", "t\x1b[2J"}),
			"attack_long_cell":   grid([]string{"A1", long}, []string{"A2", "t", "", long + "," + long}),
			"attack_blank_rows":  grid([]string{}, []string{" ", "  "}, []string{"A1", "t"}, []string{}),
			"attack_all_bad":     grid([]string{"A1", "t", "", "", "42"}, []string{"A2"}, []string{"A3", "t", "", "", "", "-5"}),
			"attack_empty":       "",
			"good_extra":         grid([]string{"A1", "t", "", "", "", "", "", "", "张三", "周二, 周四"}, []string{"A2", "t"}, []string{"A3", "t", "", "", "", "", "", "", "=1", "\t@x\n两行"}),
		},
		"FuzzReadNeedsXLSX": {
			"good":                  fuzzWorkbook(tb, nil),
			"attack_ratio_bomb":     fuzzWorkbook(tb, map[string]string{ws: sheet("", inlineRow(1, "id", "title"), inlineRow(2, "N", "t"), strings.Repeat(" ", 1<<20+1))}),
			"attack_dimension":      fuzzWorkbook(tb, map[string]string{ws: sheet("A1:XFD1048576", inlineRow(1, "id", "title"), inlineRow(2, "N", "t"))}),
			"attack_many_rows":      fuzzWorkbook(tb, map[string]string{ws: sheet("", append([]string{inlineRow(1, "id", "title")}, many...)...)}),
			"attack_far_row":        fuzzWorkbook(tb, map[string]string{ws: sheet("", inlineRow(1, "id", "title"), inlineRow(1048576, "N", "t"))}),
			"attack_wide_row":       fuzzWorkbook(tb, map[string]string{ws: sheet("", inlineRow(1, "id", "title"), inlineRow(2, wide...))}),
			"attack_big_row":        fuzzWorkbook(tb, map[string]string{ws: sheet("", inlineRow(1, "id", "title"), inlineRow(2, "N", strings.Repeat("长", 30000)))}),
			"attack_long_cell":      fuzzWorkbook(tb, map[string]string{ws: sheet("", inlineRow(1, "id", "title"), inlineRow(2, "N", long), inlineRow(3, "M", "t"))}),
			"attack_control_ids":    fuzzWorkbook(tb, map[string]string{ws: sheet("", inlineRow(1, "id", "title"), inlineRow(2, "N&#x1b;[2J", "t"), inlineRow(3, "M&#x202e;", "t"), inlineRow(4, "OK", "t"))}),
			"attack_big_string":     fuzzWorkbook(tb, map[string]string{sst: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>` + strings.Repeat("长", 30000) + `</t></si></sst>`}),
			"attack_comment_rows":   fuzzWorkbook(tb, map[string]string{ws: sheet("", inlineRow(1, "id", "title"), "<!-- <row> -->", `<row r="2" x='>'><c t="inlineStr"><is><t>N</t></is></c><c t="inlineStr"><is><t><![CDATA[<c>]]></t></is></c></row>`)}),
			"attack_header_only":    fuzzWorkbook(tb, map[string]string{ws: sheet("A1:B1", inlineRow(1, "id", "title"))}),
			"attack_truncated":      fuzzWorkbook(tb, nil)[:1000],
			"attack_not_a_workbook": []byte("id,title\nN,t\n"),
		},
	}
}

// TestFuzzSeeds writes the seed corpora with -update, and checks they are
// there and that every seed passes its target's checks (go test runs the
// corpus files of each Fuzz function too; this names what is missing).
func TestFuzzSeeds(t *testing.T) {
	for target, seeds := range fuzzSeeds(t) {
		for name, v := range seeds {
			path := filepath.Join("testdata", "fuzz", target, name)
			var body string
			switch x := v.(type) {
			case []byte:
				body = "[]byte(" + strconv.Quote(string(x)) + ")"
			case string:
				body = "string(" + strconv.Quote(x) + ")"
			}
			want := "go test fuzz v1\n" + body + "\n"
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, []byte(want), 0o644))
			}
			got, err := os.ReadFile(path)
			require.NoError(t, err, "seed %s missing (run go test -run TestFuzzSeeds -update)", path)
			if target != "FuzzReadNeedsXLSX" { // workbooks: excelize's output may change with its version
				assert.Equal(t, want, string(got), "seed %s differs from fuzzSeeds (run -update)", path)
			}
		}
	}
}
