package techmatch

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// readCSV reads a CSV catalog: a header row, then one record per row.
// Quoted fields may hold commas, quotes and newlines; bare quotes are
// accepted. A row whose field count differs from the header's is one
// problem. Rows whose cells are all blank are skipped. Streamed: memory is
// one row beyond the records kept.
func readCSV[T any](ctx context.Context, r io.Reader, c *collector[T]) error {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(len(bom)); err == nil && string(b) == bom {
		if _, err := br.Discard(len(bom)); err != nil {
			return fmt.Errorf("read %s: %w", c.file, err)
		}
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	var t *table[T]
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if t == nil {
				return fmt.Errorf("read %s: header: %w", c.file, err)
			}
			c.problem(pe.StartLine, "", "", tag(ErrMalformed, "malformed CSV: %w", pe.Err))
			continue
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", c.file, err)
		}
		line, _ := cr.FieldPos(0)
		if t == nil {
			if t, err = newTable(c, row, line); err != nil {
				return err
			}
			continue
		}
		if err := c.tick(ctx); err != nil {
			return err
		}
		t.row(row, line, true)
	}
	return nil
}

// table turns header-and-rows input (CSV, XLSX) into records.
type table[T any] struct {
	c      *collector[T]
	header []string
	cols   []string // field name per column; "" for ignored columns
	idCol  int
}

// newTable maps a header row read at line to fields. Unknown columns are
// ignored; a second column for the same field is ignored too.
func newTable[T any](c *collector[T], header []string, line int) (*table[T], error) {
	t := &table[T]{c: c, header: header, cols: make([]string, len(header)), idCol: -1}
	used := map[string]bool{}
	for i, h := range header {
		name := c.kind.lookup(h)
		if name == "" || used[name] {
			continue
		}
		used[name] = true
		t.cols[i] = name
		if name == "id" {
			t.idCol = i
		}
	}
	if t.idCol < 0 {
		where := fmt.Sprintf("%s:%d", c.file, line)
		if c.sheet != "" {
			where = fmt.Sprintf("%s[%s]:%d", c.file, c.sheet, line)
		}
		return nil, fmt.Errorf("%s: %w (header %s; want a column named id or 编号)",
			where, ErrNoIDColumn, strings.ToValidUTF8(strings.Join(header, ","), "\uFFFD"))
	}
	return t, nil
}

// row reads one data row at line. With exact, a field count different
// from the header's is a problem; without, missing trailing cells are
// empty and extra cells are ignored.
func (t *table[T]) row(cells []string, line int, exact bool) {
	blank := true
	for _, s := range cells {
		if strings.TrimSpace(s) != "" {
			blank = false
			break
		}
	}
	if blank {
		return
	}
	if exact && len(cells) != len(t.header) {
		id := ""
		if t.idCol < len(cells) {
			id = strings.ToValidUTF8(strings.TrimSpace(cells[t.idCol]), "\uFFFD")
		}
		t.c.problem(line, "", id, tag(ErrFieldCount, "%d fields, header has %d", len(cells), len(t.header)))
		return
	}
	var rec T
	var probs []Problem
	for i, s := range cells {
		if i >= len(t.cols) {
			break
		}
		name := t.cols[i]
		if !utf8.ValidString(s) {
			f := name
			if f == "" {
				f = strings.ToValidUTF8(strings.TrimSpace(t.header[i]), "\uFFFD")
			}
			probs = append(probs, Problem{Field: f, Err: tag(ErrInvalidUTF8, "invalid UTF-8")})
			// Parse the repaired text: the id still names the record and
			// the other checks do not report the same cell again.
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
		if name == "" {
			continue
		}
		if err := t.c.kind.set(&rec, name, value{text: s}); err != nil {
			probs = append(probs, Problem{Field: name, Err: err})
		}
	}
	t.c.add(line, &rec, probs)
}
