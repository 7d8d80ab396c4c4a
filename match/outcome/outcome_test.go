package outcome_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/match/outcome"
)

func TestRead(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		file     string
		in       string
		want     []outcome.Record // strict read
		wantErrs []error          // problem kinds in order (strict read fails)
		lines    []int
	}{
		{
			name: "csv chinese header with BOM",
			file: "f.csv",
			in:   "\ufeff需求编号,成果编号,对接结果,原因,日期,备注\nN1,A1,已对接,,2026/10/12,签约\nN1,A2,不合适,价格,20261013,\n",
			want: []outcome.Record{
				{NeedID: "N1", AchievementID: "A1", Outcome: outcome.Connected, Date: "2026-10-12", Note: "签约", File: "f.csv", Line: 2},
				{NeedID: "N1", AchievementID: "A2", Outcome: outcome.Rejected, Reason: outcome.ReasonPrice, Date: "2026-10-13", File: "f.csv", Line: 3},
			},
		},
		{
			name: "csv english header, extra column, blank row",
			file: "f.csv",
			in:   "need_id,achievement_id,outcome,reason,contact\nN2,A3,interested,,张三\n,,,,\nN3,A3,rejected,maturity,\n",
			want: []outcome.Record{
				{NeedID: "N2", AchievementID: "A3", Outcome: outcome.Interested, File: "f.csv", Line: 2},
				{NeedID: "N3", AchievementID: "A3", Outcome: outcome.Rejected, Reason: outcome.ReasonMaturity, File: "f.csv", Line: 4},
			},
		},
		{
			name:     "csv problems",
			file:     "f.csv",
			in:       "need_id,achievement_id,outcome,reason,date\nN1,A1,成功了,,\n,A1,已对接,,\nN1,A1,不合适,太贵,\nN1,A1,有意向,,昨天\nN1,A1,有意向,,\n",
			wantErrs: []error{outcome.ErrUnknownOutcome, outcome.ErrMissing, outcome.ErrUnknownReason, outcome.ErrBadDate},
			lines:    []int{2, 3, 4, 5},
		},
		{
			name: "jsonl",
			file: "f.jsonl",
			in:   `{"need_id":"N1","achievement_id":"A1","outcome":"已对接","date":"2026-10-01"}` + "\n\n" + `{"需求编号":"N2","成果编号":7,"对接结果":0,"原因":"地域"}` + "\n",
			want: []outcome.Record{
				{NeedID: "N1", AchievementID: "A1", Outcome: outcome.Connected, Date: "2026-10-01", File: "f.jsonl", Line: 1},
				{NeedID: "N2", AchievementID: "7", Outcome: outcome.Rejected, Reason: outcome.ReasonRegion, File: "f.jsonl", Line: 3},
			},
		},
		{
			name:     "jsonl problems",
			file:     "f.jsonl",
			in:       "{\"need_id\":\"N1\"\n{\"need_id\":\"N1\",\"achievement_id\":\"A\\u001b1\",\"outcome\":\"已对接\"}\n{\"need_id\":[1],\"achievement_id\":\"A1\",\"outcome\":\"已对接\"}\n",
			wantErrs: []error{outcome.ErrMalformed, techmatch.ErrInvalidID, outcome.ErrMalformed},
			lines:    []int{1, 2, 3},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, probs, err := outcome.Read(ctx, strings.NewReader(tt.in), tt.file, outcome.Options{})
			if len(tt.wantErrs) == 0 {
				require.NoError(t, err)
				assert.Empty(t, probs)
				assert.Equal(t, tt.want, got, "records: got %+v, want %+v", got, tt.want)
				return
			}
			var re *techmatch.CatalogError
			require.ErrorAs(t, err, &re, "strict read: got %v, want a *techmatch.CatalogError", err)
			require.Len(t, probs, len(tt.wantErrs), "problems: got %v", probs)
			for i, p := range probs {
				assert.ErrorIs(t, p, tt.wantErrs[i], "problem %d: got %v, want kind %v", i, p, tt.wantErrs[i])
				assert.Equal(t, tt.lines[i], p.Line, "problem %d line: got %d, want %d", i, p.Line, tt.lines[i])
				assert.Contains(t, p.Error(), fmt.Sprintf("%s:%d", tt.file, tt.lines[i]))
			}
			assert.ErrorIs(t, err, tt.wantErrs[0])
			// Lenient: the good records are kept.
			got, probs, err = outcome.Read(ctx, strings.NewReader(tt.in), tt.file, outcome.Options{Lenient: true})
			if err == nil {
				assert.Len(t, probs, len(tt.wantErrs))
				assert.NotEmpty(t, got)
			}
		})
	}
}

func TestReadXLSX(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"需求编号", "成果编号", "对接结果", "原因", "日期"},
		{"N1", "A1", "不合适", "技术不符", 46307}, // an Excel serial date: 2026-10-12
		{"N2", "A2", "已对接", "", "2026-10-01"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, f.SetSheetRow("Sheet1", cell, &r))
	}
	var b bytes.Buffer
	require.NoError(t, f.Write(&b))
	data := b.Bytes()
	got, _, err := outcome.Read(context.Background(), bytes.NewReader(data), "fb.xlsx", outcome.Options{})
	require.NoError(t, err)
	for _, lim := range []techmatch.Limits{{MaxRows: 2}, {MaxCells: 12}, {MaxColumns: 4}, {MaxUnzippedBytes: 1000}, {MaxFileBytes: 100}} {
		_, _, err := outcome.Read(context.Background(), bytes.NewReader(data), "fb.xlsx", outcome.Options{Limits: lim})
		assert.ErrorIs(t, err, techmatch.ErrTooLarge, "limits %+v: got %v, want ErrTooLarge", lim, err)
	}
	// A zip bomb: one part inflating far over 100× is refused before
	// excelize unpacks it.
	bomb := excelize.NewFile()
	defer bomb.Close()
	require.NoError(t, bomb.SetSheetRow("Sheet1", "A1", &[]any{"need_id", "achievement_id", "outcome", "note"}))
	for r := 2; r < 100; r++ { // distinct strings: excelize shares equal ones
		cell, _ := excelize.CoordinatesToCellName(1, r)
		require.NoError(t, bomb.SetSheetRow("Sheet1", cell, &[]any{"N1", "A1", "已对接", strings.Repeat("a", 30000) + cell}))
	}
	var bb bytes.Buffer
	require.NoError(t, bomb.Write(&bb))
	_, _, err = outcome.Read(context.Background(), &bb, "bomb.xlsx", outcome.Options{})
	assert.ErrorIs(t, err, techmatch.ErrTooLarge, "compression ratio: got %v", err)
	assert.ErrorContains(t, err, "inflates")

	want := []outcome.Record{
		{NeedID: "N1", AchievementID: "A1", Outcome: outcome.Rejected, Reason: outcome.ReasonTechnology, Date: "2026-10-12", File: "fb.xlsx", Line: 2},
		{NeedID: "N2", AchievementID: "A2", Outcome: outcome.Connected, Date: "2026-10-01", File: "fb.xlsx", Line: 3},
	}
	assert.Equal(t, want, got, "got %+v, want %+v", got, want)
}

func TestReadLimits(t *testing.T) {
	ctx := context.Background()
	head := "need_id,achievement_id,outcome,note\n"
	tests := []struct {
		name   string
		file   string
		in     string
		lim    techmatch.Limits
		whole  bool // a file-wide limit: error, no records
		probIs error
	}{
		{"file bytes", "f.csv", head + strings.Repeat("N1,A1,已对接,x\n", 100), techmatch.Limits{MaxFileBytes: 200}, true, nil},
		{"records", "f.csv", head + strings.Repeat("N1,A1,已对接,x\n", 10), techmatch.Limits{MaxRecords: 5}, true, nil},
		{"field bytes", "f.csv", head + "N1,A1,已对接," + strings.Repeat("长", 100) + "\nN2,A1,已对接,ok\n", techmatch.Limits{MaxFieldBytes: 100}, false, techmatch.ErrTooLarge},
		{"jsonl line", "f.jsonl", `{"need_id":"N1","achievement_id":"A1","outcome":"已对接","note":"` + strings.Repeat("x", 500) + "\"}\n" + `{"need_id":"N2","achievement_id":"A1","outcome":"已对接"}` + "\n", techmatch.Limits{MaxRecordBytes: 200}, false, techmatch.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, probs, err := outcome.Read(ctx, strings.NewReader(tt.in), tt.file, outcome.Options{Limits: tt.lim, Lenient: true})
			if tt.whole {
				assert.ErrorIs(t, err, techmatch.ErrTooLarge, "got %v, want ErrTooLarge", err)
				assert.Empty(t, got)
				return
			}
			require.NoError(t, err)
			require.Len(t, probs, 1, "problems: got %v", probs)
			assert.ErrorIs(t, probs[0], tt.probIs)
			assert.Len(t, got, 1, "the good record is kept")
		})
	}
}

func TestLoadAndCheckIDs(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "fb.csv")
	require.NoError(t, os.WriteFile(path, []byte("need_id,achievement_id,outcome\nN1,A1,已对接\nN9,A1,不合适\n"), 0o600))
	recs, _, err := outcome.Load(context.Background(), path, outcome.Options{})
	require.NoError(t, err)
	has := func(ids ...string) func(string) bool {
		return func(id string) bool {
			for _, x := range ids {
				if x == id {
					return true
				}
			}
			return false
		}
	}
	probs := outcome.CheckIDs(recs, has("N1"), has("A1"))
	require.Len(t, probs, 1)
	assert.ErrorIs(t, probs[0], outcome.ErrUnknownID)
	assert.Contains(t, probs[0].Error(), "fb.csv:3")
	assert.Contains(t, probs[0].Error(), "N9")

	_, _, err = outcome.Load(context.Background(), path, outcome.Options{Limits: techmatch.Limits{MaxFileBytes: 10}})
	assert.ErrorIs(t, err, techmatch.ErrTooLarge, "the size is checked before reading: got %v", err)
	_, _, err = outcome.Load(context.Background(), filepath.Join(dir, "none.csv"), outcome.Options{})
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestSet(t *testing.T) {
	recs := []outcome.Record{
		{NeedID: "N1", AchievementID: "A1", Outcome: outcome.Rejected, Date: "2026-10-12"},
		{NeedID: "N1", AchievementID: "A1", Outcome: outcome.Interested, Date: "2026-09-01"}, // older: ignored
		{NeedID: "N1", AchievementID: "A2", Outcome: outcome.Interested},
		{NeedID: "N1", AchievementID: "A2", Outcome: outcome.Connected}, // same date (none): later line wins
		{NeedID: "N2", AchievementID: "A1", Outcome: outcome.Rejected, Reason: outcome.ReasonPrice},
	}
	s := outcome.NewSet(recs)
	got := s.Judgments()
	want := map[string]map[string]int{"N1": {"A1": 0, "A2": 2}, "N2": {"A1": 0}}
	assert.Equal(t, want, got, "Judgments: got %v, want %v", got, want)
	assert.True(t, s.Rejected("N1", "A1"))
	assert.False(t, s.Rejected("N1", "A2"))
	assert.False(t, s.Rejected("N3", "A1"))
	assert.Equal(t, 1, s.JudgedNeeds(nil), "only N1 has a positive outcome")
	assert.Equal(t, 0, s.JudgedNeeds(func(id string) bool { return id == "N2" }))
	r, _ := s.Get("N2", "A1")
	assert.Equal(t, "曾被标记不合适（价格）", outcome.Mark(r))
	var nilSet *outcome.Set
	assert.False(t, nilSet.Rejected("N1", "A1"))
	assert.Equal(t, 0, nilSet.Len())
}

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want outcome.Outcome
		err  error
	}{
		{"已对接", outcome.Connected, nil}, {" Interested ", outcome.Interested, nil}, {"0", outcome.Rejected, nil}, {"也许", "", outcome.ErrUnknownOutcome},
	} {
		got, err := outcome.ParseOutcome(tt.in)
		assert.Equal(t, tt.want, got, "ParseOutcome(%q): got %q, want %q", tt.in, got, tt.want)
		if tt.err != nil {
			assert.True(t, errors.Is(err, tt.err), "ParseOutcome(%q): err %v", tt.in, err)
		}
	}
	assert.Equal(t, 2, outcome.Connected.Grade())
	assert.Equal(t, 1, outcome.Interested.Grade())
	assert.Equal(t, 0, outcome.Rejected.Grade())
}
