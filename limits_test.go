package techmatch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLimitsValidateAndDefaults(t *testing.T) {
	d := DefaultLimits()
	assert.Equal(t, Limits{}.withDefaults(), d, "zero limits: got %+v, want the defaults %+v", Limits{}.withDefaults(), d)
	assert.Equal(t, int64(1<<30), d.MaxFileBytes, "MaxFileBytes: got %d", d.MaxFileBytes)
	assert.Equal(t, 16<<20, d.MaxRecordBytes, "MaxRecordBytes: got %d", d.MaxRecordBytes)
	assert.Equal(t, DefaultMaxLineBytes, d.MaxRecordBytes, "the older name's default: got %d, want %d", DefaultMaxLineBytes, d.MaxRecordBytes)
	assert.Equal(t, 64<<10, d.MaxFieldBytes, "MaxFieldBytes: got %d", d.MaxFieldBytes)
	assert.NoError(t, d.Validate(), "defaults must validate")

	custom := Limits{MaxFieldBytes: 10, MaxRows: 3}.withDefaults()
	assert.Equal(t, 10, custom.MaxFieldBytes, "set fields are kept: got %d", custom.MaxFieldBytes)
	assert.Equal(t, d.MaxCells, custom.MaxCells, "zero fields get defaults: got %d", custom.MaxCells)

	tests := []struct {
		l    Limits
		want string
	}{
		{Limits{MaxFileBytes: -1}, "MaxFileBytes -1 is negative"},
		{Limits{MaxColumns: -2}, "MaxColumns -2 is negative"},
		{Limits{MaxFieldBytes: DefaultMaxFieldBytes + 1}, "MaxFieldBytes 65537 is above 65536"},
	}
	for _, tt := range tests {
		err := tt.l.Validate()
		require.Error(t, err, "%+v: got nil, want %q", tt.l, tt.want)
		assert.Contains(t, err.Error(), tt.want, "got %q, want it to contain %q", err, tt.want)
		_, _, err = ReadNeeds(context.Background(), strings.NewReader("id,title\nN,t\n"), "n.csv", ReadOptions{Limits: tt.l})
		assert.ErrorContains(t, err, tt.want, "ReadNeeds must validate the limits: got %v", err)
	}
	// MaxLineBytes stands for MaxRecordBytes when that is unset.
	assert.Equal(t, 77, ReadOptions{MaxLineBytes: 77}.limits().MaxRecordBytes, "MaxLineBytes")
	assert.Equal(t, 88, ReadOptions{MaxLineBytes: 77, Limits: Limits{MaxRecordBytes: 88}}.limits().MaxRecordBytes, "Limits wins")
}

// endless reads a line of text forever, like a pipe that never closes.
type endless struct{ line []byte }

func (e endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = e.line[i%len(e.line)]
	}
	// Whole lines only, so line numbers are easy to check.
	n := len(p) - len(p)%len(e.line)
	if n == 0 {
		n = copy(p, e.line)
	}
	return n, nil
}

func TestReadFileBytesLimit(t *testing.T) {
	const max = 64 << 10
	opt := ReadOptions{Lenient: true, Limits: Limits{MaxFileBytes: max}}
	ctx := context.Background()
	// The streams end after 16 times the limit, so that a reader that
	// ignores it fails the test instead of hanging it.
	pipe := func(r io.Reader) io.Reader { return io.LimitReader(r, 16*max) }
	for _, tc := range []struct {
		file string
		r    io.Reader
	}{
		{"pipe.jsonl", pipe(endless{[]byte(`{"id":"A","title":"t"}` + "\n")})},
		{"pipe.csv", pipe(io.MultiReader(strings.NewReader("id,title\n"), endless{[]byte("A,t\n")}))},
		{"pipe.xlsx", pipe(endless{[]byte("PK\x03\x04")})},
	} {
		got, _, err := ReadAchievements(ctx, tc.r, tc.file, opt)
		var le *LimitError
		require.ErrorAs(t, err, &le, "%s: got %v, want a *LimitError", tc.file, err)
		assert.ErrorIs(t, err, ErrTooLarge, "%s: got %v", tc.file, err)
		assert.Equal(t, "MaxFileBytes", le.Limit, "%s: limit: got %q", tc.file, le.Limit)
		assert.Equal(t, int64(max), le.Max, "%s: max: got %d", tc.file, le.Max)
		assert.Equal(t, tc.file, le.File, "%s: file: got %q", tc.file, le.File)
		assert.Nil(t, got, "%s: got records, want none", tc.file)
		assert.Contains(t, err.Error(), tc.file+": ", "%s: got %q", tc.file, err)
		assert.Contains(t, err.Error(), "more than 65536 (Limits.MaxFileBytes)", "%s: got %q", tc.file, err)
	}

	// Load checks the size before reading.
	dir := t.TempDir()
	path := filepath.Join(dir, "big.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(strings.Repeat(`{"id":"A","title":"t"}`+"\n", 10000)), 0o600))
	_, _, err := LoadAchievements(ctx, path, opt)
	var le *LimitError
	require.ErrorAs(t, err, &le, "load: got %v, want a *LimitError", err)
	assert.Equal(t, int64(230000), le.Got, "load: size: got %d", le.Got)
	assert.Contains(t, err.Error(), "big.jsonl: file size: 230000, over the limit of 65536 (Limits.MaxFileBytes)", "got %q", err)

	// A device has no size: reading is counted.
	if _, err := os.Stat("/dev/zero"); err == nil {
		_, _, err := LoadAchievements(ctx, "/dev/zero", ReadOptions{Format: FormatCSV, Limits: Limits{MaxFileBytes: max}})
		assert.ErrorIs(t, err, ErrTooLarge, "/dev/zero: got %v, want ErrTooLarge", err)
	}
}

func TestReadMaxRecords(t *testing.T) {
	opt := ReadOptions{Lenient: true, Limits: Limits{MaxRecords: 3}}
	for _, tc := range []struct{ file, in string }{
		{"a.jsonl", strings.Repeat(`{"id":"A","title":"t","maturity":99}`+"\n", 4)},
		{"a.csv", "id,title\n" + strings.Repeat("A,t,extra\n", 4)},
	} {
		_, _, err := ReadAchievements(context.Background(), strings.NewReader(tc.in), tc.file, opt)
		var le *LimitError
		require.ErrorAs(t, err, &le, "%s: got %v, want a *LimitError", tc.file, err)
		assert.Equal(t, "MaxRecords", le.Limit, "%s: got %q", tc.file, le.Limit)
		assert.Contains(t, err.Error(), ": line ", "%s: got %q, want the line", tc.file, err)
		// Three records are within the limit.
		in := strings.Join(strings.SplitAfter(tc.in, "\n")[:3], "")
		if strings.HasSuffix(tc.file, ".csv") {
			in = strings.Join(strings.SplitAfter(tc.in, "\n")[:4], "")
		}
		_, probs, err := ReadAchievements(context.Background(), strings.NewReader(in), tc.file, opt)
		assert.ErrorIs(t, err, ErrEmptyCatalog, "%s: 3 records: got %v, want only ErrEmptyCatalog", tc.file, err)
		assert.Equal(t, 3, SkippedRecords(probs), "%s: got %v", tc.file, probs)
	}
}

func TestReadFieldLimit(t *testing.T) {
	ctx := context.Background()
	big := strings.Repeat("长", 30) // 90 bytes
	opt := ReadOptions{Lenient: true, Limits: Limits{MaxFieldBytes: 64}}

	jsonl := fmt.Sprintf(`{"id":"A1","title":"ok"}
{"id":"A2","title":"%s"}
{"id":"A3","title":"t","keywords":["k","%s"]}
{"id":"A4","title":"t","homepage":"%s"}
`, big, big, big)
	got, probs, err := ReadAchievements(ctx, strings.NewReader(jsonl), "f.jsonl", opt)
	require.NoError(t, err, "got %v", err)
	assert.Equal(t, []string{"A1"}, achievementIDs(got), "ids: got %v", achievementIDs(got))
	checkProblems(t, "f.jsonl", probs, []wantProblem{
		{line: 2, field: "title", id: "A2", kind: ErrTooLarge, msg: `field "title" (id A2): 90 bytes, over the limit of 64 (Limits.MaxFieldBytes)`},
		{line: 3, field: "keywords", id: "A3", kind: ErrTooLarge, msg: "item 2: 90 bytes"},
		// An extra field is bounded like the others.
		{line: 4, field: "homepage", id: "A4", kind: ErrTooLarge, msg: `field "homepage" (id A4): 90 bytes`},
	})

	csvIn := "id,title,keywords,note\nA1,ok,,\nA2," + big + ",,\nA3,t,k;" + big + ",\nA4,t,," + big + "\n"
	got, probs, err = ReadAchievements(ctx, strings.NewReader(csvIn), "f.csv", opt)
	require.NoError(t, err, "got %v", err)
	assert.Equal(t, []string{"A1"}, achievementIDs(got), "ids: got %v", achievementIDs(got))
	checkProblems(t, "f.csv", probs, []wantProblem{
		{line: 3, field: "title", id: "A2", kind: ErrTooLarge},
		{line: 4, field: "keywords", id: "A3", kind: ErrTooLarge},
		{line: 5, field: "note", id: "A4", kind: ErrTooLarge},
	})

	path := filepath.Join(t.TempDir(), "f.xlsx")
	writeXLSX(t, path, []string{"S"}, map[string][][]any{"S": {
		{"id", "title", "description"}, {"A1", "ok"}, {"A2", "t", big}, {"A3", "t"},
	}})
	got, probs, err = LoadAchievements(ctx, path, opt)
	require.NoError(t, err, "got %v", err)
	assert.Equal(t, []string{"A1", "A3"}, achievementIDs(got), "ids: got %v", achievementIDs(got))
	checkProblems(t, path, probs, []wantProblem{{line: 3, field: "description", id: "A2", kind: ErrTooLarge}})

	// The default limit is Validate's: 64 KiB.
	huge := strings.Repeat("x", DefaultMaxFieldBytes+1)
	_, probs, err = ReadAchievements(ctx, strings.NewReader(`{"id":"A","description":"`+huge+`"}`), "d.jsonl", ReadOptions{Lenient: true})
	assert.ErrorIs(t, err, ErrEmptyCatalog, "got %v", err)
	checkProblems(t, "d.jsonl", probs, []wantProblem{{line: 1, field: "description", id: "A", kind: ErrTooLarge}})
	assert.ErrorIs(t, Achievement{ID: "A", Description: huge}.Validate(), ErrTooLarge, "Validate must apply the default field limit")
}

func TestLimitErrorMessage(t *testing.T) {
	tests := []struct {
		e    *LimitError
		want string
	}{
		{&LimitError{File: "a.csv", Limit: "MaxFileBytes", Max: 10, What: "file"}, "a.csv: file: more than 10 (Limits.MaxFileBytes)"},
		{&LimitError{File: "a.csv", Line: 7, Limit: "MaxRecords", Max: 3, What: "records"}, "a.csv: line 7: records: more than 3 (Limits.MaxRecords)"},
		{&LimitError{File: "b.xlsx", Sheet: "成果", Line: 5, Limit: "MaxColumns", Max: 4, What: "cells in the row"}, "b.xlsx[成果]: row 5: cells in the row: more than 4 (Limits.MaxColumns)"},
		{&LimitError{File: "b.xlsx", Limit: "MaxUnzippedBytes", Max: 4, Got: 9}, "b.xlsx: 9, over the limit of 4 (Limits.MaxUnzippedBytes)"},
		{&LimitError{File: "evil\x1b[2J.xlsx", Sheet: "s\u202e", Limit: "MaxRows", Max: 1, Line: 2}, `evil\x1b[2J.xlsx[s\u202e]: row 2: more than 1 (Limits.MaxRows)`},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.e.Error(), "got %q, want %q", tt.e.Error(), tt.want)
		assert.True(t, errors.Is(tt.e, ErrTooLarge), "errors.Is ErrTooLarge")
	}
}

func TestValidateIDs(t *testing.T) {
	tests := []struct {
		name string
		id   string
		kind error // nil: valid
	}{
		{name: "plain", id: "A001"},
		{name: "Chinese and inner space", id: "成果 2024-01"},
		{name: "formula-like ids are data", id: `=HYPERLINK("http://x","y")`},
		{name: "256 bytes", id: strings.Repeat("a", MaxIDBytes)},
		{name: "257 bytes", id: strings.Repeat("a", MaxIDBytes+1), kind: ErrTooLarge},
		{name: "ESC", id: "A\x1b[31m", kind: ErrInvalidID},
		{name: "newline", id: "A\nB", kind: ErrInvalidID},
		{name: "tab", id: "A\tB", kind: ErrInvalidID},
		{name: "DEL", id: "A\x7f", kind: ErrInvalidID},
		{name: "C1", id: "A\u0085", kind: ErrInvalidID},
		{name: "bidi override", id: "A\u202eB", kind: ErrInvalidID},
		{name: "bidi isolate", id: "A\u2066B", kind: ErrInvalidID},
		{name: "zero-width space", id: "A\u200bB", kind: ErrInvalidID},
		{name: "invalid UTF-8", id: "A\xff", kind: ErrInvalidUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, rec := range []interface{ Validate() error }{
				Achievement{ID: tt.id, Title: "t"}, Need{ID: tt.id, Title: "t"},
			} {
				err := rec.Validate()
				if tt.kind == nil {
					assert.NoError(t, err, "%T %q: got %v, want nil", rec, tt.id, err)
					continue
				}
				assert.ErrorIs(t, err, ErrInvalidID, "%T %q: got %v, want ErrInvalidID", rec, tt.id, err)
				assert.ErrorIs(t, err, tt.kind, "%T %q: got %v, want %v", rec, tt.id, err, tt.kind)
				var p Problem
				require.ErrorAs(t, err, &p, "%T: want a Problem", rec)
				assert.Equal(t, "id", p.Field, "field: got %q", p.Field)
				assert.LessOrEqual(t, len(p.ID), MaxIDBytes+len("…"), "problem id: got %d bytes", len(p.ID))
				assert.NotContains(t, err.Error(), "\x1b", "message must be terminal-safe: %q", err.Error())
			}
		})
	}
	// A smaller field limit applies to ids too.
	v := validator{id: "ABCDEFGHIJ", maxField: 4}
	v.checkID("ABCDEFGHIJ")
	require.Len(t, v.out, 1, "got %v", v.out)
	assert.ErrorIs(t, v.out[0], ErrTooLarge, "got %v", v.out[0])
}

func TestReadersRejectBadIDs(t *testing.T) {
	ctx := context.Background()
	jsonl := `{"id":"A\u001b[2J","title":"t"}` + "\n" + `{"id":"A\u202egnp.exe","title":"t"}` + "\n" + `{"id":"OK","title":"t"}` + "\n"
	got, probs, err := ReadAchievements(ctx, strings.NewReader(jsonl), "a.jsonl", ReadOptions{Lenient: true})
	require.NoError(t, err)
	assert.Equal(t, []string{"OK"}, achievementIDs(got), "ids: got %v", achievementIDs(got))
	checkProblems(t, "a.jsonl", probs, []wantProblem{
		{line: 1, field: "id", id: "A\x1b[2J", kind: ErrInvalidID, msg: `a.jsonl:1: field "id" (id A\x1b[2J): id has the non-printable character U+001B at byte 1`},
		{line: 2, field: "id", id: "A\u202egnp.exe", kind: ErrInvalidID, msg: `(id A\u202egnp.exe)`},
	})
	csvIn := "id,title\n\"A\nB\",t\nA\xff,t\nOK,t\n"
	_, probs, err = ReadAchievements(ctx, strings.NewReader(csvIn), "a.csv", ReadOptions{Lenient: true})
	require.NoError(t, err)
	checkProblems(t, "a.csv", probs, []wantProblem{
		{line: 2, field: "id", id: "A\nB", kind: ErrInvalidID, msg: `(id A\nB)`},
		{line: 4, field: "id", id: "A\uFFFD", kind: ErrInvalidID, msg: "invalid UTF-8 in id"},
	})
	// JSON decoding repairs invalid UTF-8 before Validate sees the id: the
	// reader reports it as an invalid id too.
	_, probs, err = ReadAchievements(ctx, strings.NewReader("{\"id\":\"A\xff\",\"title\":\"t\"}\n{\"id\":\"OK\",\"title\":\"t\"}"), "u.jsonl", ReadOptions{Lenient: true})
	require.NoError(t, err)
	checkProblems(t, "u.jsonl", probs, []wantProblem{{line: 1, field: "id", id: "A\uFFFD", kind: ErrInvalidID}})
	assert.ErrorIs(t, probs[0], ErrInvalidUTF8, "got %v", probs[0])
}

func TestMessagesAreTerminalSafe(t *testing.T) {
	const esc = "\x1b]0;pwned\a\x1b[2J"
	ctx := context.Background()
	// A file name, a header cell and a sheet name with control sequences.
	_, _, err := ReadNeeds(ctx, strings.NewReader("名称"+esc+"\nx\n"), "n"+esc+".csv", ReadOptions{})
	require.ErrorIs(t, err, ErrNoIDColumn)
	assertTerminalSafe(t, err.Error())
	assert.Contains(t, err.Error(), `n\x1b]0;pwned\a\x1b[2J.csv:1: header has no id column (header 名称\x1b]0;pwned\a\x1b[2J; want a column named id or 编号)`, "got %q", err)

	_, _, err = ReadNeeds(ctx, strings.NewReader(""), "e"+esc+".csv", ReadOptions{})
	require.ErrorIs(t, err, ErrEmptyCatalog)
	assertTerminalSafe(t, err.Error())

	_, _, err = ReadNeeds(ctx, strings.NewReader("x"), "bad"+esc+".txt", ReadOptions{})
	require.Error(t, err)
	assertTerminalSafe(t, err.Error())

	_, _, err = LoadNeeds(ctx, filepath.Join(t.TempDir(), "missing"+esc+".csv"), ReadOptions{})
	require.ErrorIs(t, err, os.ErrNotExist)
	assertTerminalSafe(t, err.Error())

	// A header cell naming an extra field with control sequences.
	_, _, err = ReadNeeds(ctx, strings.NewReader("id,title,备注"+esc+"\nN,t,x\n"), "h"+esc+".csv", ReadOptions{Lenient: true})
	require.ErrorIs(t, err, ErrInvalidFieldName)
	assertTerminalSafe(t, err.Error())
	assert.Contains(t, err.Error(), `h\x1b]0;pwned\a\x1b[2J.csv:1: header column 3 (C): name "备注\x1b]0;pwned\a\x1b[2J" has the non-printable character U+001B`, "got %q", err)

	// Problems and CatalogError: ids, fields, values, file names.
	in := "id,title,maturity,备注\nN" + esc + ",t,12,\nM,t,5,\xff" + esc + "\n"
	_, probs, err := ReadNeeds(ctx, strings.NewReader(in), "p"+esc+".csv", ReadOptions{})
	var ce *CatalogError
	require.ErrorAs(t, err, &ce, "got %v", err)
	require.NotEmpty(t, probs)
	assertTerminalSafe(t, err.Error())
	for _, p := range probs {
		assertTerminalSafe(t, p.Error())
	}
	assert.Contains(t, err.Error(), "catalog p\\x1b]0;pwned\\a\\x1b[2J.csv: ", "got %q", err)

	// XLSX sheet names.
	path := filepath.Join(t.TempDir(), "s.xlsx")
	writeXLSX(t, path, []string{"S"}, map[string][][]any{"S": {{"id", "title"}, {"A", "t"}}})
	_, _, err = LoadNeeds(ctx, path, ReadOptions{Sheet: "no" + esc})
	require.Error(t, err)
	assertTerminalSafe(t, err.Error())
}

// assertTerminalSafe fails when msg holds something that acts on a
// terminal: invalid UTF-8, control characters (but CatalogError's "\n\t"
// layout), DEL, C1, bidi overrides and isolates.
func assertTerminalSafe(t *testing.T, msg string) {
	t.Helper()
	if !utf8.ValidString(msg) {
		t.Errorf("message is not valid UTF-8: %q", msg)
		return
	}
	layout := strings.ReplaceAll(msg, "\n\t", " ")
	for i, r := range layout {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			t.Errorf("message has %U at byte %d: %q", r, i, msg)
			return
		}
	}
}
