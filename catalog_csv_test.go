package techmatch

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// csvLines joins lines with "\n" and ends the text with one.
func csvLines(lines ...string) string { return strings.Join(lines, "\n") + "\n" }

func TestReadCSVResync(t *testing.T) {
	const header = "id,title,description"
	tests := []struct {
		name    string
		in      string
		opt     ReadOptions
		wantIDs []string
		want    []wantProblem
	}{
		{
			name:    "unterminated quote on row 4 of 7 loses no later row",
			in:      csvLines(header, "A1,t,d", "A2,t,d", `A3,"broken,d`, "A4,t,d", "A5,t,d", "A6,t,d"),
			wantIDs: []string{"A1", "A2", "A4", "A5", "A6"},
			want:    []wantProblem{{line: 4, kind: ErrMalformed, msg: "f.csv:4: unterminated quote from line 4"}},
		},
		{
			name:    "unterminated quote on the last line",
			in:      header + "\nA1,t,d\nA2,t,\"d",
			wantIDs: []string{"A1"},
			want:    []wantProblem{{line: 3, kind: ErrMalformed, msg: "unterminated quote from line 3"}},
		},
		{
			name:    "several runaways, each one problem",
			in:      csvLines(header, `A1,"x,d`, "A2,t,d", `A3,t,"y`, "A4,t,d", "A5,t,d"),
			wantIDs: []string{"A2", "A4", "A5"},
			want:    []wantProblem{{line: 2, kind: ErrMalformed}, {line: 4, kind: ErrMalformed}},
		},
		{
			name: "a lone quote closing a field across lines makes a well-quoted record",
			// Lines 4–6 are one record: id A3, description "y\nA4,t,d\n".
			in:      csvLines(header, "A1,t,d", "A2,t,d", `A3,t,"y`, "A4,t,d", `"`, "A5,t,d"),
			wantIDs: []string{"A1", "A2", "A3", "A5"},
		},
		{
			name:    "well-quoted multi-line record is kept, lines after it counted right",
			in:      csvLines(header, `A1,"two`, `lines, with comma",d`, `A2,"say ""hi""",d`, "A3,t,x\"y"),
			wantIDs: []string{"A1", "A2", "A3"},
		},
		{
			name: "multi-line record with the wrong field count is read again",
			// The quote opened on line 2 closes at the end of line 4, the
			// commas between are inside it: 2 fields. Reported, then lines
			// 3 and 4 are records of their own.
			in:      csvLines(header, `A1,"t,d`, "A2,t,d", `A3,t,"d"`, "A4,t,d"),
			wantIDs: []string{"A2", "A3", "A4"},
			want:    []wantProblem{{line: 2, kind: ErrFieldCount, msg: "2 fields, header has 3 (record on lines 2–4"}},
		},
		{
			name: "multi-line record with the right count but a bare quote is read again",
			// LazyQuotes would make lines 2–4 one record with title
			// `bad\nA2,t,d\nA3,"t` and lose A2 and A3.
			in:      csvLines(header, `A1,"bad`, "A2,t,d", `A3,"t",d`, "A4,t,d"),
			wantIDs: []string{"A2", "A3", "A4"},
			want:    []wantProblem{{line: 2, kind: ErrMalformed, msg: "bare quote in a quoted field (record on lines 2–4"}},
		},
		{
			name:    "bare quotes on one line are accepted as before",
			in:      csvLines(header, `A1,5" screen,"a "b" c"`),
			wantIDs: []string{"A1"},
		},
		{
			name:    "CRLF line ends, quoted field closing before CRLF",
			in:      header + "\r\nA1,\"t\",\"d\"\r\nA2,\"x\r\ny\",d\r\n\r\nA3,t,\"unterminated\r\nA4,t,d\r\n",
			wantIDs: []string{"A1", "A2", "A4"},
			want:    []wantProblem{{line: 6, kind: ErrMalformed}}, // line 5 is blank
		},
		{
			name:    "no line end at the end of the file",
			in:      header + "\nA1,t,\"d\"",
			wantIDs: []string{"A1"},
		},
		{
			name:    "runaway past the record limit is one problem, the lines after it are read",
			in:      csvLines(header, "A1,t,d", `A2,"`+strings.Repeat("长", 30), strings.Repeat("x", 40), "A3,t,d", strings.Repeat("y", 40), "A4,t,d"),
			opt:     ReadOptions{Limits: Limits{MaxRecordBytes: 100}},
			wantIDs: []string{"A1", "A3", "A4"},
			want: []wantProblem{
				{line: 3, kind: ErrLineTooLong, msg: "record from line 3 is longer than 100 bytes"},
				{line: 4, id: strings.Repeat("x", 40), kind: ErrFieldCount}, {line: 6, id: strings.Repeat("y", 40), kind: ErrFieldCount},
			},
		},
		{
			name:    "one physical line over the record limit",
			in:      csvLines(header, "A1,t,d", "A2,t,"+strings.Repeat("z", 200), "A3,t,d"),
			opt:     ReadOptions{Limits: Limits{MaxRecordBytes: 100}},
			wantIDs: []string{"A1", "A3"},
			want:    []wantProblem{{line: 3, kind: ErrTooLarge}},
		},
		{
			name:    "one physical line over the record limit, with a quote after the limit",
			in:      csvLines(header, "A1,t,"+strings.Repeat("z", 200)+`"q`, "A2,t,d", "A3,t,d"),
			opt:     ReadOptions{Limits: Limits{MaxRecordBytes: 100}},
			wantIDs: []string{"A2", "A3"},
			want:    []wantProblem{{line: 2, kind: ErrTooLarge}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := tt.opt
			opt.Lenient = true
			got, probs, err := ReadAchievements(context.Background(), strings.NewReader(tt.in), "f.csv", opt)
			require.NoError(t, err, "got %v, want nil", err)
			assert.Equal(t, tt.wantIDs, achievementIDs(got), "ids: got %v, want %v", achievementIDs(got), tt.wantIDs)
			checkProblems(t, "f.csv", probs, tt.want)
		})
	}
}

func TestReadCSVHeaderErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opt  ReadOptions
		kind error
		want string
	}{
		{name: "unterminated quote in the header", in: "id,\"title\nA1,t\n", kind: ErrMalformed, want: "h.csv: header at line 1: unterminated quote"},
		{name: "header over the record limit", in: "id," + strings.Repeat("h", 200) + "\nA1,t\n", opt: ReadOptions{Limits: Limits{MaxRecordBytes: 100}},
			kind: ErrTooLarge, want: "h.csv: line 1: header: more than 100 (Limits.MaxRecordBytes)"},
	}
	for _, tt := range tests {
		_, _, err := ReadAchievements(context.Background(), strings.NewReader(tt.in), "h.csv", tt.opt)
		require.ErrorIs(t, err, tt.kind, "%s: got %v, want %v", tt.name, err, tt.kind)
		assert.Contains(t, err.Error(), tt.want, "%s: got %q, want it to contain %q", tt.name, err, tt.want)
	}
}

// TestReadCSVLongRecordMemory checks that a record far over the limit is
// skipped in memory bounded by the limit, not by the record.
func TestReadCSVLongRecordMemory(t *testing.T) {
	const fieldBytes, limit = 20 << 20, 1 << 20
	read := func(in string) ([]Achievement, []Problem) {
		got, probs, err := ReadAchievements(context.Background(), strings.NewReader(in), "big.csv",
			ReadOptions{Lenient: true, Limits: Limits{MaxRecordBytes: limit}})
		require.NoError(t, err, "got %v, want nil", err)
		assert.Equal(t, []string{"A1", "A3"}, achievementIDs(got), "ids: got %v", achievementIDs(got))
		require.NotEmpty(t, probs, "want problems")
		assert.ErrorIs(t, probs[0], ErrTooLarge, "first problem: got %v, want ErrTooLarge", probs[0])
		assert.Equal(t, 3, probs[0].Line, "first problem line: got %d, want 3", probs[0].Line)
		return got, probs
	}
	field := func(line string) string {
		return "id,title,description\nA1,t,d\nA2,t,\"" + strings.Repeat(line, fieldBytes/len(line)) + "\"\nA3,t,d\n"
	}

	// One 20 MB physical line: one problem, and a few times the limit
	// allocated in all (the line buffer grows to the limit), where it once
	// took 3 GB.
	in := field("长文本,")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, probs := read(in)
	runtime.ReadMemStats(&after)
	assert.Len(t, probs, 1, "problems: got %v", probs)
	alloc := after.TotalAlloc - before.TotalAlloc
	assert.Less(t, alloc, uint64(6*limit), "allocated %d bytes for a %d-byte record", alloc, fieldBytes)

	// A 20 MB quoted field over 20,000 lines: the record is one problem,
	// its inner lines, read again, are records of 101 fields each (the
	// rule: what follows a failed record is read again). The window of
	// pending lines never holds much more than the limit.
	in = field(strings.Repeat("长文本,", 100) + "\n")
	_, probs = read(in)
	assert.Len(t, probs, 1+fieldBytes/1001, "problems: got %d", len(probs))
	rs := &csvRecords{br: bufio.NewReader(strings.NewReader(in)), max: limit}
	rs.resetParser()
	for {
		rec, err := rs.next()
		require.NoError(t, err)
		if rec.kind == csvEOF {
			break
		}
	}
	assert.LessOrEqual(t, rs.peak, 2*limit, "window peak: got %d bytes, want at most %d", rs.peak, 2*limit)
	assert.Greater(t, rs.peak, limit, "window peak: got %d bytes, want the record tried up to the limit", rs.peak)
}

// TestCSVRecordsMatchEncodingCSV checks record assembly against
// encoding/csv on well-quoted input: the same records, and each physical
// line read once.
func TestCSVRecordsMatchEncodingCSV(t *testing.T) {
	in := "h1,h2,h3\n" +
		"a,b,c\n" +
		"\"multi\nline\",\"with \"\"quotes\"\"\",x\r\n" +
		"\n" +
		",,\n" +
		"\"\",\"a,b\",\"\r\n\"\n" +
		"d,e,\"f\"\n" +
		"x,y,z"
	cr := csv.NewReader(strings.NewReader(in))
	cr.FieldsPerRecord = -1
	want, err := cr.ReadAll()
	require.NoError(t, err)

	rs := &csvRecords{br: bufio.NewReader(strings.NewReader(in)), max: 1 << 20}
	rs.resetParser()
	var got [][]string
	for {
		rec, err := rs.next()
		require.NoError(t, err)
		if rec.kind == csvEOF {
			break
		}
		require.Equal(t, csvFields, rec.kind, "record at line %d: got kind %d", rec.line, rec.kind)
		got = append(got, slices.Clone(rec.fields))
	}
	assert.Equal(t, want, got, "got %q, want %q", got, want)
	assert.Equal(t, 10, rs.lineNo, "lines read: got %d, want 10", rs.lineNo)
	// Every byte is parsed once, but the blank line (skipped), plus a line
	// end for the last line.
	assert.Equal(t, int64(len(in)), rs.feed.n, "bytes parsed: got %d, want %d", rs.feed.n, len(in))
}

func BenchmarkReadCSVRunaway(b *testing.B) {
	// Every line opens a quote that never closes: each is a runaway of its
	// own. Linear: time per line does not grow with n.
	for _, n := range []int{1000, 10000} {
		in := "id,title\n" + strings.Repeat("A,\"x\n", n)
		b.Run("n="+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, probs, err := ReadAchievements(context.Background(), strings.NewReader(in), "r.csv", ReadOptions{Lenient: true})
				if !errors.Is(err, ErrEmptyCatalog) || len(probs) != n {
					b.Fatalf("got %d problems, %v", len(probs), err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
		})
	}
}
