package techmatch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// readCSV reads a CSV catalog: a header row, then one record per row.
// Quoted fields may hold commas, quotes and newlines; bare quotes are
// accepted (encoding/csv's LazyQuotes). Rows whose cells are all blank are
// skipped. A row whose field count differs from the header's is one
// problem. A record may span lines only if it is quoted properly: a
// multi-line record with the wrong field count or a bare quote inside a
// quoted field is one problem and its lines after the first are read
// again as records.
//
// Records are assembled from physical lines by csvRecords, which tracks the
// quote state itself, so a quote that never closes costs one problem, not
// the rest of the file; encoding/csv then parses each assembled record.
// Streamed: memory is one record (at most about 2×MaxRecordBytes) beyond
// the records kept.
func readCSV[T any](ctx context.Context, r io.Reader, c *collector[T]) error {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(len(bom)); err == nil && string(b) == bom {
		if _, err := br.Discard(len(bom)); err != nil {
			return fmt.Errorf("read %s: %w", c.file, err)
		}
	}
	rs := &csvRecords{br: br, max: c.limits.MaxRecordBytes}
	rs.resetParser()
	var t *table[T]
	for {
		rec, err := rs.next()
		if err != nil {
			return readError(c.file, rs.lineNo, err)
		}
		if rec.kind == csvEOF {
			return nil
		}
		if t == nil {
			// The header: nothing can be read without it.
			switch rec.kind {
			case csvRunaway:
				return tag(ErrMalformed, "read %s: header at line %d: unterminated quote", c.file, rec.line)
			case csvBareQuote:
				return tag(ErrMalformed, "read %s: header at line %d: bare quote in a quoted field across lines", c.file, rec.line)
			case csvTooLong:
				return &LimitError{File: c.file, Line: rec.line, Limit: "MaxRecordBytes", Max: int64(rs.max), What: "header"}
			}
			if t, err = newTable(c, slices.Clone(rec.fields), rec.line); err != nil {
				return err
			}
			rs.want = len(t.header)
			continue
		}
		switch rec.kind {
		case csvFields:
			err = t.row(ctx, rec.fields, rec.line, true)
		case csvRunaway:
			err = t.problem(ctx, rec.line, tag(ErrMalformed, "unterminated quote from line %d (the lines after it are read again)", rec.line))
		case csvTooLong:
			err = t.problem(ctx, rec.line, tag2(ErrLineTooLong, ErrTooLarge, "record from line %d is longer than %d bytes (Limits.MaxRecordBytes); the lines after its first are read again", rec.line, rs.max))
		case csvFieldCount:
			err = t.problem(ctx, rec.line, tag(ErrFieldCount, "%d fields, header has %d (record on lines %d–%d; a quote may be unterminated: its lines after the first are read again)", rec.nfields, rs.want, rec.line, rec.lastLine))
		case csvBareQuote:
			err = t.problem(ctx, rec.line, tag(ErrMalformed, `bare quote in a quoted field (record on lines %d–%d; write "" for a quote: its lines after the first are read again)`, rec.line, rec.lastLine))
		}
		if err != nil {
			return err
		}
	}
}

// csvScan is what scanning one physical line with the CSV quote rules
// tells: whether the record ends at the line's end, how many field
// separators the line holds, and whether it holds a bare quote inside a
// quoted field (`"a"b`, kept as a literal quote by LazyQuotes).
type csvScan struct {
	ends bool
	bare bool
	seps int
}

// Quote states of csvScanner, as encoding/csv with LazyQuotes moves
// through a record.
const (
	qFieldStart = iota // at the start of a field
	qUnquoted          // in an unquoted field: quotes are literal
	qQuoted            // in a quoted field
	qQuote             // a quote inside a quoted field: ends it, or is doubled, or literal
	qQuoteCR           // a quote then a carriage return
)

// csvScanner runs the quote state machine over a line's bytes, in one or
// more chunks, without the final "\n". It knows the state of the line's
// end as encoding/csv does: "\r\n" counts as "\n", so a quote followed
// by "\r" and the line end closes its field.
type csvScanner struct {
	state int
	seps  int
	bare  bool
}

func (s *csvScanner) feed(b []byte) {
	st, seps, bare := s.state, s.seps, s.bare
	for _, ch := range b {
		switch st {
		case qFieldStart:
			switch ch {
			case '"':
				st = qQuoted
			case ',':
				seps++
			default:
				st = qUnquoted
			}
		case qUnquoted:
			if ch == ',' {
				seps++
				st = qFieldStart
			}
		case qQuoted:
			if ch == '"' {
				st = qQuote
			}
		case qQuote:
			switch ch {
			case '"': // doubled quote
				st = qQuoted
			case ',':
				seps++
				st = qFieldStart
			case '\r':
				st = qQuoteCR
			default: // a bare quote, kept (LazyQuotes)
				st, bare = qQuoted, true
			}
		case qQuoteCR: // "\r" was not the line end: the quote was literal
			st, bare = qQuoted, true
			if ch == '"' {
				st = qQuote
			}
		}
	}
	s.state, s.seps, s.bare = st, seps, bare
}

// result returns the scan of the whole line.
func (s *csvScanner) result() csvScan {
	return csvScan{ends: s.state != qQuoted, seps: s.seps, bare: s.bare}
}

// csvLine is one physical line of a CSV file.
type csvLine struct {
	no   int    // 1-based
	text []byte // the raw line, line end included; nil when huge
	size int    // bytes, line end included
	eol  int    // bytes of the line end: 0 (last line), 1 or 2
	huge bool   // longer than the record limit: text not kept
	// blank: nothing but the line end (encoding/csv skips such lines
	// between records).
	blank bool
	// fresh is the scan from the start of a record, cont from inside a
	// quoted field.
	fresh, cont csvScan
}

// What csvRecords.next returns.
const (
	csvEOF        = iota
	csvFields     // fields parsed
	csvRunaway    // a quote opened on line does not close before the end of the file
	csvTooLong    // the record from line is longer than the limit
	csvFieldCount // a multi-line record with the wrong field count
	csvBareQuote  // a multi-line record with a bare quote in a quoted field
)

// csvRecord is one record, or one problem, of csvRecords.
type csvRecord struct {
	kind     int
	line     int // physical line where it starts
	lastLine int
	fields   []string
	nfields  int // csvFieldCount: the fields counted
}

// csvRecords assembles the records of a CSV file from its physical lines
// and resynchronises after a runaway quote. It is used by one goroutine.
//
// A line that ends its record where it starts (the usual case) is a
// record. Otherwise the record runs on, line after line, until a line
// ends it in the quote state it inherits. At line ends the state is one
// bit (inside a quoted field or not), so when a record from line s fails
// (no end before EOF, too long, wrong field count across lines) and line
// s+1 is read again as a record start, that record either ends on s+1 or
// continues exactly as the record from s did: the continuation scans
// already made (held in the window) are reused, never redone. Each line is
// scanned twice at most, once as a record start and once as a
// continuation: linear time, and memory bounded by the window, which never
// holds more than a record's worth of lines beyond the limit.
type csvRecords struct {
	br     *bufio.Reader
	max    int // Limits.MaxRecordBytes
	want   int // the header's field count; 0 before the header
	lineNo int // lines read
	eof    bool
	buf    []byte // a line longer than the bufio buffer, being assembled

	// win holds the lines from the current record start on. win[1:walked+1]
	// were scanned as continuation lines of the record from win[0]: size
	// is their bytes with win[0]'s, seps their separators and bare how many
	// hold a bare quote (not counting win[0]); found says win[walked] ends
	// that record.
	win    []*csvLine
	walked int
	size   int
	seps   int
	bare   int
	found  bool
	peak   int // the most bytes the window held: at most about 2×max

	feed   csvFeeder
	parser *csv.Reader
}

// next returns the next record or problem; kind csvEOF at the end.
func (rs *csvRecords) next() (csvRecord, error) {
	for {
		if len(rs.win) == 0 {
			l, err := rs.readLine()
			if err != nil || l == nil {
				return csvRecord{kind: csvEOF}, err
			}
			if l.blank {
				continue
			}
			if l.fresh.ends && !l.huge {
				// The usual case: one line, one record, parsed from the
				// bufio buffer without a copy.
				return rs.parse(l.no, l.no, l.text)
			}
			rs.push(l)
		}
		h := rs.win[0]
		if h.blank {
			rs.pop(1)
			continue
		}
		if h.fresh.ends {
			rs.pop(1)
			if h.huge {
				return csvRecord{kind: csvTooLong, line: h.no}, nil
			}
			return rs.parse(h.no, h.no, h.text)
		}
		for !rs.found && rs.size <= rs.max {
			if rs.walked+1 == len(rs.win) {
				l, err := rs.readLine()
				if err != nil {
					return csvRecord{}, err
				}
				if l == nil {
					break
				}
				rs.push(l)
			}
			rs.walked++
			l := rs.win[rs.walked]
			rs.size += l.size
			rs.seps += l.cont.seps
			rs.bare += b2i(l.cont.bare)
			rs.found = l.cont.ends
			rs.peak = max(rs.peak, rs.size)
		}
		end := rs.win[rs.walked]
		switch {
		case rs.found && rs.size-end.eol <= rs.max:
			if n := 1 + h.fresh.seps + rs.seps; rs.want > 0 && n != rs.want {
				rs.pop(1)
				return csvRecord{kind: csvFieldCount, line: h.no, lastLine: end.no, nfields: n}, nil
			}
			if h.fresh.bare || rs.bare > 0 {
				// Across lines a bare quote is how a stray quote shows:
				// LazyQuotes would glue the following records into a
				// field. Only well-quoted records may span lines.
				rs.pop(1)
				return csvRecord{kind: csvBareQuote, line: h.no, lastLine: end.no}, nil
			}
			lines := rs.win[:rs.walked+1]
			parts := make([][]byte, len(lines))
			for i, l := range lines {
				parts[i] = l.text
			}
			rec, err := rs.parse(h.no, end.no, parts...)
			rs.pop(len(lines))
			return rec, err
		case rs.size > rs.max || rs.found:
			rs.pop(1)
			return csvRecord{kind: csvTooLong, line: h.no}, nil
		default: // the end of the file inside a quoted field
			rs.pop(1)
			return csvRecord{kind: csvRunaway, line: h.no}, nil
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// push appends l, which must outlive the next read, to the window.
func (rs *csvRecords) push(l *csvLine) {
	if !l.huge {
		l.text = bytes.Clone(l.text)
	}
	rs.win = append(rs.win, l)
	if len(rs.win) == 1 {
		rs.walked, rs.size, rs.seps, rs.bare, rs.found = 0, l.size, 0, 0, false
	}
}

// pop drops the first n lines of the window, keeping the continuation
// scans of the others.
func (rs *csvRecords) pop(n int) {
	for range n {
		old := rs.win[0]
		rs.win[0] = nil
		rs.win = rs.win[1:]
		if len(rs.win) == 0 {
			rs.win = rs.win[:0:0]
			rs.walked, rs.size, rs.seps, rs.bare, rs.found = 0, 0, 0, 0, false
			return
		}
		if rs.walked == 0 {
			rs.size, rs.seps, rs.bare, rs.found = rs.win[0].size, 0, 0, false
			continue
		}
		// The new first line was scanned as a continuation; as a record
		// start its own separators come from its fresh scan.
		rs.walked--
		rs.size -= old.size
		rs.seps -= rs.win[0].cont.seps
		rs.bare -= b2i(rs.win[0].cont.bare)
		if rs.walked == 0 {
			rs.found = false
		}
	}
}

// readLine reads the next physical line, scanned both ways; nil at the end
// of the input. The text of a line that fits the bufio buffer aliases it
// until the next read. A line without a quote (the usual case) costs one
// bytes.IndexByte: it ends its record from a start and not from inside a
// quoted field, and its separators are never needed.
func (rs *csvRecords) readLine() (*csvLine, error) {
	if rs.eof {
		return nil, nil
	}
	var fresh, cont csvScanner
	quotes := false
	// Before the first quote of a long line: the separators seen and
	// whether the last byte was one, which is all the quote-free prefix
	// tells the scanners.
	preSeps, preSep := 0, true
	l := &csvLine{no: rs.lineNo + 1}
	rs.buf = rs.buf[:0]
	var text []byte
	for {
		chunk, err := rs.br.ReadSlice('\n')
		last := !errors.Is(err, bufio.ErrBufferFull)
		if err != nil && last && !errors.Is(err, io.EOF) {
			return nil, err
		}
		l.size += len(chunk)
		body := chunk
		if last && len(body) > 0 && body[len(body)-1] == '\n' {
			body = body[:len(body)-1]
			l.eol = 1
		}
		if !quotes {
			if bytes.IndexByte(body, '"') >= 0 {
				quotes = true
				fresh.state, fresh.seps = qUnquoted, preSeps
				if preSep {
					fresh.state = qFieldStart
				}
				cont.state = qQuoted
			} else if !last {
				preSeps += bytes.Count(body, []byte{','})
				preSep = len(body) == 0 && preSep || len(body) > 0 && body[len(body)-1] == ','
			}
		}
		if quotes {
			fresh.feed(body)
			cont.feed(body)
		}
		switch {
		case l.huge:
		case l.size > rs.max+2: // +2: the line end
			l.huge, text = true, nil
		case last && len(rs.buf) == 0:
			text = chunk // the whole line is in the bufio buffer
		default:
			rs.buf = append(rs.buf, chunk...)
			text = rs.buf
		}
		if last {
			if err != nil { // io.EOF
				rs.eof = true
				if l.size == 0 {
					return nil, nil
				}
			}
			break
		}
	}
	rs.lineNo++
	if !l.huge {
		content := text[:len(text)-l.eol]
		if l.eol == 1 && len(content) > 0 && content[len(content)-1] == '\r' {
			l.eol, content = 2, content[:len(content)-1]
		}
		if l.eol == 0 && len(content) > 0 && content[len(content)-1] == '\r' {
			content = content[:len(content)-1] // encoding/csv drops it at EOF
		}
		l.text, l.blank = text, len(content) == 0
		if l.size-l.eol > rs.max {
			l.huge, l.text = true, nil
		}
	}
	if quotes {
		l.fresh, l.cont = fresh.result(), cont.result()
	} else {
		l.fresh, l.cont = csvScan{ends: true}, csvScan{}
	}
	return l, nil
}

// parse parses one assembled record (its lines' text) with encoding/csv.
func (rs *csvRecords) parse(first, last int, parts ...[]byte) (csvRecord, error) {
	rs.feed.load(parts)
	fields, err := rs.parser.Read()
	if err == nil && rs.parser.InputOffset() != rs.feed.n {
		err = fmt.Errorf("parsed %d bytes of a %d-byte record", rs.parser.InputOffset()-rs.feed.start, rs.feed.n-rs.feed.start)
	}
	if err != nil {
		rs.resetParser()
		return csvRecord{}, fmt.Errorf("internal error: record boundaries disagree with encoding/csv at line %d: %w", first, err)
	}
	return csvRecord{kind: csvFields, line: first, lastLine: last, fields: fields}, nil
}

// resetParser starts a new encoding/csv reader on the feeder.
func (rs *csvRecords) resetParser() {
	rs.feed = csvFeeder{}
	rs.parser = csv.NewReader(&rs.feed)
	rs.parser.FieldsPerRecord = -1
	rs.parser.LazyQuotes = true
	rs.parser.ReuseRecord = true
}

// csvFeeder hands encoding/csv one record at a time, so that it never
// reads past the record csvRecords assembled. It is used by one goroutine.
type csvFeeder struct {
	parts [][]byte
	n     int64 // bytes handed out in all
	start int64 // n when the current record was loaded
}

var newline = []byte{'\n'}

func (f *csvFeeder) load(parts [][]byte) {
	f.parts, f.start = parts, f.n
	if last := parts[len(parts)-1]; len(last) == 0 || last[len(last)-1] != '\n' {
		f.parts = append(parts[:len(parts):len(parts)], newline)
	}
}

func (f *csvFeeder) Read(p []byte) (int, error) {
	for len(f.parts) > 0 && len(f.parts[0]) == 0 {
		f.parts = f.parts[1:]
	}
	if len(f.parts) == 0 {
		return 0, io.EOF
	}
	n := copy(p, f.parts[0])
	f.parts[0] = f.parts[0][n:]
	f.n += int64(n)
	return n, nil
}

// table turns header-and-rows input (CSV, XLSX) into records.
type table[T any] struct {
	c      *collector[T]
	header []string
	cols   []string // contract field name per column; "" for the others
	extras []string // extra field name per column; "" for the others
	nExtra int      // non-empty extras
	idCol  int
}

// newTable maps a header row read at line to fields. The first column
// naming a contract field (in any of its aliases) sets it; every other
// column with a name (unknown, or a second one for a field already set)
// is an extra field under its normalised header (see Extra). A header
// with an extra name that is not valid, given twice, or more extra
// columns than Limits.MaxExtraFields is an error, as is a header without
// an id column.
func newTable[T any](c *collector[T], header []string, line int) (*table[T], error) {
	t := &table[T]{c: c, header: header, cols: make([]string, len(header)), extras: make([]string, len(header)), idCol: -1}
	used := map[string]bool{}
	var extraCol map[string]int // extra name → column
	var bad error
	for i, h := range header {
		name := c.kind.lookup(h)
		if name != "" && !used[name] {
			used[name] = true
			t.cols[i] = name
			if name == "id" {
				t.idCol = i
			}
			continue
		}
		x := normalizeFieldName(h)
		if x == "" || bad != nil {
			continue // values under a blank header cell are problems
		}
		if err := fieldNameError(x); err != nil {
			bad = fmt.Errorf("header %s: %w", columnName(i), err)
			continue
		}
		if j, dup := extraCol[x]; dup {
			bad = tag(ErrDuplicateField, "header %s and %s are both named %q (rename one: columns the catalog contract does not know are kept under their names)", columnName(j), columnName(i), x)
			continue
		}
		if extraCol == nil {
			extraCol = map[string]int{}
		}
		extraCol[x] = i
		t.extras[i] = x
		t.nExtra++
	}
	where := fmt.Sprintf("%s:%d", c.file, line)
	if c.sheet != "" {
		where = fmt.Sprintf("%s[%s]:%d", c.file, c.sheet, line)
	}
	if t.idCol < 0 {
		return nil, safe(fmt.Errorf("%s: %w (header %s; want a column named id or 编号)",
			where, ErrNoIDColumn, strings.Join(header, ",")))
	}
	if bad != nil {
		return nil, safe(fmt.Errorf("%s: %w", where, bad))
	}
	if t.nExtra > c.limits.MaxExtraFields {
		return nil, &LimitError{File: c.file, Sheet: c.sheet, Line: line, Limit: "MaxExtraFields", Max: int64(c.limits.MaxExtraFields),
			Got: int64(t.nExtra), What: "header columns the catalog contract does not know"}
	}
	return t, nil
}

// problem counts a record read at line that is only a problem (no
// fields could be read from it).
func (t *table[T]) problem(ctx context.Context, line int, err error) error {
	if err := t.c.tick(ctx, line); err != nil {
		return err
	}
	t.c.problem(line, "", "", err)
	return nil
}

// row reads one data row at line. With exact, a field count different
// from the header's is a problem; without, missing trailing cells are
// empty. Every extra column gets a field in the record, "" for an empty
// or missing cell. A non-blank cell under a blank header cell or beyond
// the header is a problem (the value has no name to be kept under).
// Blank rows are skipped and not counted. The error is the end of the
// read (limits, cancellation).
func (t *table[T]) row(ctx context.Context, cells []string, line int, exact bool) error {
	blank := true
	for _, s := range cells {
		if strings.TrimSpace(s) != "" {
			blank = false
			break
		}
	}
	if blank {
		return nil
	}
	if err := t.c.tick(ctx, line); err != nil {
		return err
	}
	if exact && len(cells) != len(t.header) {
		id := ""
		if t.idCol < len(cells) {
			id = shownID(strings.ToValidUTF8(strings.TrimSpace(cells[t.idCol]), "\uFFFD"))
		}
		t.c.problem(line, "", id, tag(ErrFieldCount, "%d fields, header has %d", len(cells), len(t.header)))
		return nil
	}
	var rec T
	var probs []Problem
	var extra Extra
	if t.nExtra > 0 {
		extra = make(Extra, 0, t.nExtra)
	}
	for i, s := range cells {
		if i >= len(t.cols) {
			if strings.TrimSpace(s) != "" {
				probs = append(probs, Problem{Err: tag(ErrFieldCount, "a value in %s, beyond the header's %d columns (give the column a header to keep it)", columnName(i), len(t.cols))})
				break
			}
			continue
		}
		name := t.cols[i]
		if !utf8.ValidString(s) {
			f := name
			if f == "" {
				f = normalizeFieldName(strings.ToValidUTF8(t.header[i], "\uFFFD"))
			}
			probs = append(probs, Problem{Field: f, Err: invalidUTF8(f)})
			// Parse the repaired text: the id still names the record and
			// the other checks do not report the same cell again.
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
		switch {
		case name != "":
			if err := t.c.kind.set(&rec, name, value{text: s}); err != nil {
				probs = append(probs, Problem{Field: name, Err: err})
			}
		case t.extras[i] != "":
			extra = append(extra, Field{Name: t.extras[i], Value: s})
		case strings.TrimSpace(s) != "":
			probs = append(probs, Problem{Err: tag(ErrInvalidFieldName, "a value in %s, whose header cell is blank (give the column a header to keep it)", columnName(i))})
		}
	}
	for i := len(cells); i < len(t.extras); i++ {
		if t.extras[i] != "" {
			extra = append(extra, Field{Name: t.extras[i]})
		}
	}
	*t.c.kind.extra(&rec) = extra
	t.c.add(line, &rec, probs)
	return nil
}
