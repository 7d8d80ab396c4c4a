package outcome

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/internal/inert"
)

// The fields of a record, and the header names and JSON keys of each
// (compared after trimming, ASCII case ignored).
const (
	fNeed = iota
	fAch
	fOutcome
	fReason
	fDate
	fNote
	numFields
)

var fieldNames = [numFields]string{"need_id", "achievement_id", "outcome", "reason", "date", "note"}

var headerNames = map[string]int{
	"need_id": fNeed, "need": fNeed, "需求编号": fNeed, "需求id": fNeed, "需求": fNeed,
	"achievement_id": fAch, "achievement": fAch, "成果编号": fAch, "成果id": fAch, "成果": fAch,
	"outcome": fOutcome, "对接结果": fOutcome, "结果": fOutcome, "状态": fOutcome,
	"reason": fReason, "reason_code": fReason, "原因": fReason, "原因代码": fReason, "不合适原因": fReason,
	"date": fDate, "日期": fDate, "反馈日期": fDate,
	"note": fNote, "备注": fNote, "说明": fNote,
}

// Load reads a feedback file; the format comes from the extension (.csv,
// .xlsx, .jsonl or .json). The file's size is checked against
// Limits.MaxFileBytes before reading.
func Load(ctx context.Context, path string, opt Options) ([]Record, []Problem, error) {
	if err := opt.Validate(); err != nil {
		return nil, nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("feedback: %w", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > opt.limits().MaxFileBytes {
		return nil, nil, fmt.Errorf("%s: %d bytes, over the limit of %d: %w", inert.Terminal(path), st.Size(), opt.limits().MaxFileBytes, techmatch.ErrTooLarge)
	}
	return Read(ctx, f, path, opt)
}

// Read reads a feedback file from r; name gives the format (its extension)
// and is used in messages. See the package documentation for the columns,
// limits and modes. In strict mode any problem fails the read with a
// *techmatch.CatalogError; in lenient mode the good records are returned with the
// problems of the bad ones. A limit on the whole file (ErrTooLarge) or a
// CSV that cannot be parsed on ends the read in both modes.
func Read(ctx context.Context, r io.Reader, name string, opt Options) ([]Record, []Problem, error) {
	if err := opt.Validate(); err != nil {
		return nil, nil, err
	}
	rd := &reader{ctx: ctx, name: name, lim: opt.limits()}
	cr := &countReader{r: r, left: rd.lim.MaxFileBytes, name: name}
	var err error
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".csv":
		err = rd.csv(cr)
	case ".jsonl", ".json", ".ndjson":
		err = rd.jsonl(cr)
	case ".xlsx":
		err = rd.xlsx(cr, opt.Sheet)
	default:
		return nil, nil, fmt.Errorf("%s: unknown feedback format %q: want .csv, .xlsx or .jsonl", inert.Terminal(name), ext)
	}
	if err != nil {
		return nil, rd.probs, err
	}
	if len(rd.probs) > 0 && !opt.Lenient {
		return nil, rd.probs, &techmatch.CatalogError{File: name, Problems: rd.probs}
	}
	if len(rd.recs) == 0 {
		return nil, rd.probs, fmt.Errorf("%s: no usable feedback record (%d skipped)", inert.Terminal(name), len(rd.probs))
	}
	return rd.recs, rd.probs, nil
}

// reader collects the records and problems of one file.
type reader struct {
	ctx   context.Context
	name  string
	lim   techmatch.Limits
	recs  []Record
	probs []Problem
	n     int // records seen, good and bad
}

func (rd *reader) problem(line int, field string, err error) {
	rd.probs = append(rd.probs, Problem{File: rd.name, Line: line, Field: field, Err: err})
}

// tick counts a record and checks the record limit and the context.
func (rd *reader) tick(line int) error {
	rd.n++
	if rd.n > rd.lim.MaxRecords {
		return fmt.Errorf("%s:%d: more than %d records: %w", inert.Terminal(rd.name), line, rd.lim.MaxRecords, techmatch.ErrTooLarge)
	}
	if rd.n%1024 == 0 {
		return rd.ctx.Err()
	}
	return nil
}

// record validates one record's values (by field index) and keeps it.
func (rd *reader) record(line int, vals [numFields]string) {
	bad := false
	fail := func(f int, err error) {
		rd.problem(line, fieldNames[f], err)
		bad = true
	}
	for f, v := range vals {
		if !utf8.ValidString(v) {
			fail(f, fmt.Errorf("invalid UTF-8: %w", ErrMalformed))
			return
		}
		if len(v) > rd.lim.MaxFieldBytes {
			fail(f, fmt.Errorf("%d bytes, over the limit of %d: %w", len(v), rd.lim.MaxFieldBytes, techmatch.ErrTooLarge))
			return
		}
	}
	rec := Record{NeedID: strings.TrimSpace(vals[fNeed]), AchievementID: strings.TrimSpace(vals[fAch]),
		Note: strings.TrimSpace(vals[fNote]), File: rd.name, Line: line}
	for _, f := range []int{fNeed, fAch} {
		id := strings.TrimSpace(vals[f])
		if id == "" {
			fail(f, fmt.Errorf("empty: %w", ErrMissing))
		} else if err := checkID(id); err != nil {
			fail(f, err)
		}
	}
	var err error
	if strings.TrimSpace(vals[fOutcome]) == "" {
		fail(fOutcome, fmt.Errorf("empty: want 已对接, 有意向 or 不合适: %w", ErrMissing))
	} else if rec.Outcome, err = ParseOutcome(vals[fOutcome]); err != nil {
		fail(fOutcome, err)
	}
	if rec.Reason, err = ParseReason(vals[fReason]); err != nil {
		fail(fReason, err)
	}
	if rec.Date, err = parseDate(vals[fDate]); err != nil {
		fail(fDate, err)
	}
	if !bad {
		rd.recs = append(rd.recs, rec)
	}
}

// parseDate normalises a date to YYYY-MM-DD: 2026-10-12, 2026/10/12,
// 2026.10.12, 20261012, 2026年10月12日, or an Excel serial date number
// (1..2958465, as XLSX stores dates). "" stays "".
func parseDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil && n >= 1 && n <= 2958465 && !strings.ContainsAny(s, "-/.年") && len(s) != 8 {
		t, err := excelize.ExcelDateToTime(n, false)
		if err == nil {
			return t.Format(time.DateOnly), nil
		}
	}
	r := strings.NewReplacer("/", "-", ".", "-", "年", "-", "月", "-", "日", "")
	norm := r.Replace(s)
	for _, layout := range []string{"2006-1-2", "20060102", "2006-1-2 15:04:05", "2006-1-2T15:04:05Z07:00"} {
		if t, err := time.Parse(layout, norm); err == nil {
			return t.Format(time.DateOnly), nil
		}
	}
	return "", fmt.Errorf("%q: want a date such as 2026-10-12: %w", inert.Terminal(s), ErrBadDate)
}

// header maps a header row to field indexes (-1: ignored column) and
// checks the required ones are there.
func (rd *reader) header(line int, cells []string) ([]int, error) {
	idx := make([]int, len(cells))
	seen := [numFields]bool{}
	for i, c := range cells {
		c = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(c, "\ufeff")))
		f, ok := headerNames[c]
		if !ok || seen[f] {
			idx[i] = -1
			continue
		}
		seen[f] = true
		idx[i] = f
	}
	var missing []string
	for _, f := range []int{fNeed, fAch, fOutcome} {
		if !seen[f] {
			missing = append(missing, fieldNames[f])
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s:%d: header lacks %s (want need_id/需求编号, achievement_id/成果编号, outcome/对接结果, and optionally reason/原因, date/日期, note/备注): %w",
			inert.Terminal(rd.name), line, strings.Join(missing, ", "), ErrMalformed)
	}
	return idx, nil
}

// row turns a data row into field values by the header's indexes.
func row(idx []int, cells []string) (vals [numFields]string, empty bool) {
	empty = true
	for i, c := range cells {
		if strings.TrimSpace(c) != "" {
			empty = false
		}
		if i < len(idx) && idx[i] >= 0 {
			vals[idx[i]] = c
		}
	}
	return vals, empty
}

func (rd *reader) csv(r io.Reader) error {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\ufeff")) {
		_, _ = br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	var idx []int
	for {
		cells, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var le *limitError
			if errors.As(err, &le) {
				return le
			}
			return fmt.Errorf("%s:%d: %w: %w", inert.Terminal(rd.name), line, ErrMalformed, err)
		}
		if idx == nil {
			if idx, err = rd.header(line, cells); err != nil {
				return err
			}
			continue
		}
		if err := rd.tick(line); err != nil {
			return err
		}
		if n := recordBytes(cells); n > rd.lim.MaxRecordBytes {
			rd.problem(line, "", fmt.Errorf("record of %d bytes, over the limit of %d: %w", n, rd.lim.MaxRecordBytes, techmatch.ErrTooLarge))
			continue
		}
		if vals, empty := row(idx, cells); !empty {
			rd.record(line, vals)
		}
	}
	if idx == nil {
		return fmt.Errorf("%s: empty file, no header: %w", inert.Terminal(rd.name), ErrMalformed)
	}
	return nil
}

func recordBytes(cells []string) int {
	n := 0
	for _, c := range cells {
		n += len(c) + 1
	}
	return n
}

func (rd *reader) jsonl(r io.Reader) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for line := 1; ; line++ {
		b, tooLong, err := readLine(br, rd.lim.MaxRecordBytes)
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		if len(bytes.TrimSpace(b)) > 0 || tooLong {
			if terr := rd.tick(line); terr != nil {
				return terr
			}
			if tooLong {
				rd.problem(line, "", fmt.Errorf("line over the limit of %d bytes: %w", rd.lim.MaxRecordBytes, techmatch.ErrTooLarge))
			} else {
				rd.jsonRecord(line, b)
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
	}
}

// readLine reads one line of at most max bytes (without its newline);
// a longer line is consumed and reported as tooLong.
func readLine(br *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	for {
		frag, err := br.ReadSlice('\n')
		if !tooLong {
			if len(line)+len(frag) > max+2 {
				tooLong, line = true, nil
			} else {
				line = append(line, frag...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimRight(line, "\r\n"), tooLong, err
	}
}

func (rd *reader) jsonRecord(line int, b []byte) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		rd.problem(line, "", fmt.Errorf("%w: %w", ErrMalformed, err))
		return
	}
	var vals [numFields]string
	for k, raw := range obj {
		f, ok := headerNames[strings.ToLower(strings.TrimSpace(k))]
		if !ok {
			continue
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			// Numbers (a grade, an id) as their literal text; null as "".
			if t := strings.TrimSpace(string(raw)); t != "null" && len(t) > 0 && t[0] != '{' && t[0] != '[' && t[0] != '"' {
				s = t
			} else if t != "null" {
				rd.problem(line, fieldNames[f], fmt.Errorf("want a string: %w", ErrMalformed))
				return
			}
		}
		vals[f] = s
	}
	rd.record(line, vals)
}

// xlsx reads the sheet after checking the zip directory against the
// limits (uncompressed total, compression ratio of large parts).
func (rd *reader) xlsx(r io.Reader, sheet string) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("%s: not an XLSX workbook: %w: %w", inert.Terminal(rd.name), ErrMalformed, err)
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if f.UncompressedSize64 > 1<<20 && f.UncompressedSize64 > uint64(rd.lim.MaxCompressionRatio)*max(f.CompressedSize64, 1) {
			return fmt.Errorf("%s: part %s inflates %d×, over the limit of %d×: %w", inert.Terminal(rd.name), inert.Terminal(f.Name),
				f.UncompressedSize64/max(f.CompressedSize64, 1), rd.lim.MaxCompressionRatio, techmatch.ErrTooLarge)
		}
	}
	if total > uint64(rd.lim.MaxUnzippedBytes) {
		return fmt.Errorf("%s: %d bytes uncompressed, over the limit of %d: %w", inert.Terminal(rd.name), total, rd.lim.MaxUnzippedBytes, techmatch.ErrTooLarge)
	}
	xf, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: rd.lim.MaxUnzippedBytes, UnzipXMLSizeLimit: rd.lim.MaxUnzippedBytes})
	if err != nil {
		return fmt.Errorf("%s: %w: %w", inert.Terminal(rd.name), ErrMalformed, err)
	}
	defer xf.Close()
	if sheet == "" {
		sheet = xf.GetSheetName(0)
	}
	rows, err := xf.Rows(sheet)
	if err != nil {
		return fmt.Errorf("%s: sheet %s: %w", inert.Terminal(rd.name), inert.Terminal(sheet), err)
	}
	defer rows.Close()
	var idx []int
	cellCount := 0
	for n := 1; rows.Next(); n++ {
		if n > rd.lim.MaxRows {
			return fmt.Errorf("%s: sheet %s: more than %d rows: %w", inert.Terminal(rd.name), inert.Terminal(sheet), rd.lim.MaxRows, techmatch.ErrTooLarge)
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return fmt.Errorf("%s: sheet %s row %d: %w", inert.Terminal(rd.name), inert.Terminal(sheet), n, err)
		}
		if cellCount += len(cells); cellCount > rd.lim.MaxCells {
			return fmt.Errorf("%s: sheet %s row %d: more than %d cells: %w", inert.Terminal(rd.name), inert.Terminal(sheet), n, rd.lim.MaxCells, techmatch.ErrTooLarge)
		}
		if len(cells) > rd.lim.MaxColumns {
			return fmt.Errorf("%s: sheet %s row %d: %d cells, over the limit of %d: %w", inert.Terminal(rd.name), inert.Terminal(sheet), n, len(cells), rd.lim.MaxColumns, techmatch.ErrTooLarge)
		}
		if idx == nil {
			if _, empty := row(nil, cells); empty {
				continue
			}
			if idx, err = rd.header(n, cells); err != nil {
				return err
			}
			continue
		}
		if err := rd.tick(n); err != nil {
			return err
		}
		if vals, empty := row(idx, cells); !empty {
			rd.record(n, vals)
		}
	}
	if idx == nil {
		return fmt.Errorf("%s: sheet %s: empty, no header: %w", inert.Terminal(rd.name), inert.Terminal(sheet), ErrMalformed)
	}
	return rows.Error()
}

// countReader stops a stream at the file limit.
type countReader struct {
	r    io.Reader
	left int64
	name string
}

type limitError struct{ msg string }

func (e *limitError) Error() string        { return e.msg }
func (e *limitError) Is(target error) bool { return target == techmatch.ErrTooLarge }

func (c *countReader) Read(p []byte) (int, error) {
	if c.left < 0 {
		return 0, &limitError{fmt.Sprintf("%s: over the limit of the file's bytes", inert.Terminal(c.name))}
	}
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		return n, &limitError{fmt.Sprintf("%s: over the limit of the file's bytes", inert.Terminal(c.name))}
	}
	return n, err
}

// checkID applies the catalog's id rule: at most techmatch.MaxIDBytes
// bytes, no control or format characters (techmatch.ErrInvalidID).
func checkID(id string) error {
	if len(id) > techmatch.MaxIDBytes {
		return fmt.Errorf("id of %d bytes, over the limit of %d: %w", len(id), techmatch.MaxIDBytes, techmatch.ErrInvalidID)
	}
	for i, r := range id {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return fmt.Errorf("id has the non-printable character %U at byte %d: %w", r, i, techmatch.ErrInvalidID)
		}
	}
	return nil
}
