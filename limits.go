package techmatch

// This file holds the size limits of the catalog readers: the Limits
// configuration, the typed errors for input over a limit and the counting
// reader that stops a stream at the file limit.

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/techmatch/techmatch/internal/inert"
)

// Default limits; see Limits for what each bounds. They are sized for
// catalogs of a million records with room to spare.
const (
	DefaultMaxFileBytes     int64 = 1 << 30    // 1 GiB per catalog file
	DefaultMaxRecordBytes         = 16 << 20   // 16 MiB per record (= DefaultMaxLineBytes)
	DefaultMaxFieldBytes          = 64 << 10   // 64 KiB per field value or list item
	DefaultMaxRecords             = 10_000_000 // records per file, good and bad
	DefaultMaxUnzippedBytes int64 = 1 << 30    // 1 GiB uncompressed per XLSX workbook
	// DefaultMaxCompressionRatio is Apache POI's zip-bomb rule (minimum
	// inflate ratio 0.01).
	DefaultMaxCompressionRatio = 100
	DefaultMaxRows             = 1 << 20 // 1,048,576: Excel's maximum rows per sheet
	DefaultMaxColumns          = 1 << 14 // 16,384: Excel's maximum columns per sheet
	DefaultMaxCells            = 1 << 25 // 33,554,432 cells per sheet: a million rows of 32 columns
	// DefaultMaxExtraFields bounds the extra fields (Extra) of one record:
	// with DefaultMaxFieldBytes per value, 256 fields fill
	// DefaultMaxRecordBytes.
	DefaultMaxExtraFields = 256
)

// MaxIDBytes is the longest record id Validate accepts, in bytes.
const MaxIDBytes = 256

// ratioMinBytes is the uncompressed size from which an XLSX zip entry's
// compression ratio is checked: smaller entries cannot inflate to anything
// that matters, and tiny XML parts legitimately compress 200× and more.
const ratioMinBytes = 1 << 20

// Limits bound what one catalog file may cost to read. A zero field means
// its default (the Default… constants; see DefaultLimits). Limits are plain
// values, safe to copy and share between goroutines.
//
// Two kinds of limits: MaxFieldBytes and MaxRecordBytes concern one record,
// which becomes a problem (kind ErrTooLarge) while the others are still
// read. The other limits concern the whole file: going over them ends the
// read with a *LimitError (errors.Is ErrTooLarge) that names the file, the
// sheet and the line or row, and no record is returned.
type Limits struct {
	// MaxFileBytes bounds the bytes of one catalog. LoadAchievements and
	// LoadNeeds check the file's size before reading; every reader counts
	// the bytes it reads, so a pipe or /dev/zero stops at the limit.
	MaxFileBytes int64
	// MaxRecordBytes bounds one record: a JSON line, a CSV record (all its
	// physical lines, quoted line breaks included), an XLSX row's XML or
	// one shared string of the workbook. A JSONL or CSV record over it is a
	// problem and reading continues after it in memory bounded by the
	// limit; in XLSX it ends the read (excelize would inflate the row).
	// ReadOptions.MaxLineBytes is the older name of this limit.
	MaxRecordBytes int
	// MaxFieldBytes bounds every field value and list item of a record, in
	// bytes after trimming. It may be lowered, not raised above
	// DefaultMaxFieldBytes: Validate, which indexes apply to every record,
	// refuses longer fields whatever the reader accepted. Columns and keys
	// the catalog contract does not know are kept in the record's Extra
	// and bounded like the others.
	MaxFieldBytes int
	// MaxExtraFields bounds the extra fields (Extra) of one record. Like
	// MaxFieldBytes it may be lowered, not raised above
	// DefaultMaxExtraFields, and a record over it is a problem; a CSV or
	// XLSX header with more such columns ends the read at once (a
	// *LimitError), since every record would be over it.
	MaxExtraFields int
	// MaxRecords bounds the records of one file, good and bad: the
	// problems kept for a lenient read grow with them.
	MaxRecords int
	// MaxUnzippedBytes bounds the total uncompressed size of an XLSX
	// workbook, read from the zip central directory before anything is
	// inflated (archive/zip refuses to inflate an entry beyond its declared
	// size, so the declared sizes are upper bounds).
	MaxUnzippedBytes int64
	// MaxCompressionRatio bounds uncompressed/compressed size of every XLSX
	// zip entry larger than 1 MiB uncompressed, also from the central
	// directory: the zip-bomb rule of Apache POI.
	MaxCompressionRatio int
	// MaxRows, MaxCells and MaxColumns bound the rows and cells of every
	// worksheet of an XLSX workbook, and the cells of one row. They are
	// counted on the sheet's XML, streamed, before excelize reads it (a
	// <dimension> that already exceeds them refuses the sheet at once).
	// Every worksheet is checked, not only the one read: excelize
	// unpacks them all.
	MaxRows    int
	MaxCells   int
	MaxColumns int
}

// DefaultLimits returns the limits used for zero fields: the Default…
// constants.
func DefaultLimits() Limits {
	return Limits{
		MaxFileBytes:        DefaultMaxFileBytes,
		MaxRecordBytes:      DefaultMaxRecordBytes,
		MaxFieldBytes:       DefaultMaxFieldBytes,
		MaxRecords:          DefaultMaxRecords,
		MaxUnzippedBytes:    DefaultMaxUnzippedBytes,
		MaxCompressionRatio: DefaultMaxCompressionRatio,
		MaxRows:             DefaultMaxRows,
		MaxCells:            DefaultMaxCells,
		MaxColumns:          DefaultMaxColumns,
		MaxExtraFields:      DefaultMaxExtraFields,
	}
}

// Validate reports whether the limits are usable: no negative field,
// MaxFieldBytes at most DefaultMaxFieldBytes and MaxExtraFields at most
// DefaultMaxExtraFields.
func (l Limits) Validate() error {
	for _, f := range []struct {
		name string
		v    int64
	}{
		{"MaxFileBytes", l.MaxFileBytes}, {"MaxRecordBytes", int64(l.MaxRecordBytes)},
		{"MaxFieldBytes", int64(l.MaxFieldBytes)}, {"MaxRecords", int64(l.MaxRecords)},
		{"MaxUnzippedBytes", l.MaxUnzippedBytes}, {"MaxCompressionRatio", int64(l.MaxCompressionRatio)},
		{"MaxRows", int64(l.MaxRows)}, {"MaxCells", int64(l.MaxCells)}, {"MaxColumns", int64(l.MaxColumns)},
		{"MaxExtraFields", int64(l.MaxExtraFields)},
	} {
		if f.v < 0 {
			return fmt.Errorf("limits: %s %d is negative", f.name, f.v)
		}
	}
	if l.MaxFieldBytes > DefaultMaxFieldBytes {
		return fmt.Errorf("limits: MaxFieldBytes %d is above %d, the most Validate accepts", l.MaxFieldBytes, DefaultMaxFieldBytes)
	}
	if l.MaxExtraFields > DefaultMaxExtraFields {
		return fmt.Errorf("limits: MaxExtraFields %d is above %d, the most Validate accepts", l.MaxExtraFields, DefaultMaxExtraFields)
	}
	return nil
}

// WithDefaults returns l with every zero field set to its default
// (DefaultLimits), as every reader applies them.
func (l Limits) WithDefaults() Limits { return l.withDefaults() }

// withDefaults returns l with every zero field set to its default.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	set := func(p *int, def int) {
		if *p == 0 {
			*p = def
		}
	}
	set64 := func(p *int64, def int64) {
		if *p == 0 {
			*p = def
		}
	}
	set64(&l.MaxFileBytes, d.MaxFileBytes)
	set(&l.MaxRecordBytes, d.MaxRecordBytes)
	set(&l.MaxFieldBytes, d.MaxFieldBytes)
	set(&l.MaxRecords, d.MaxRecords)
	set64(&l.MaxUnzippedBytes, d.MaxUnzippedBytes)
	set(&l.MaxCompressionRatio, d.MaxCompressionRatio)
	set(&l.MaxRows, d.MaxRows)
	set(&l.MaxCells, d.MaxCells)
	set(&l.MaxColumns, d.MaxColumns)
	set(&l.MaxExtraFields, d.MaxExtraFields)
	return l
}

// ErrTooLarge is the kind of every size problem and limit error: a field
// or record over its limit (a Problem) or a file over a file-wide limit (a
// *LimitError).
var ErrTooLarge = errors.New("over a size limit")

// LimitError is returned by the readers when a catalog goes over a limit
// that leaves the rest of the file unreadable (see Limits). errors.Is(err,
// ErrTooLarge) is true. It is not modified after it is returned; it is safe
// to read from many goroutines.
type LimitError struct {
	File string
	// Sheet is the XLSX worksheet (its name, or its part in the zip when
	// the name is unknown); empty for the other formats.
	Sheet string
	// Line is the line (JSONL, CSV) or row (XLSX) where the limit was
	// reached; 0 when it is not about a line (file size, zip entries).
	Line int
	// Limit names the Limits field, e.g. "MaxFileBytes".
	Limit string
	// Max is the limit's value; Got the value found, or 0 when reading
	// stopped as soon as it went over Max.
	Max, Got int64
	// What says what went over the limit, e.g. "zip entry xl/worksheets/sheet1.xml".
	What string
}

// Error reads like `big.xlsx[Sheet1]: row 5: cells in the row: more than
// 16384 (Limits.MaxColumns)`; catalog text in it is escaped for terminals.
func (e *LimitError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Sheet != "" {
		b.WriteString("[" + e.Sheet + "]")
	}
	b.WriteString(": ")
	if e.Line > 0 {
		unit := "line"
		if e.Sheet != "" {
			unit = "row"
		}
		fmt.Fprintf(&b, "%s %d: ", unit, e.Line)
	}
	if e.What != "" {
		b.WriteString(e.What + ": ")
	}
	if e.Got > 0 {
		fmt.Fprintf(&b, "%d, over the limit of %d", e.Got, e.Max)
	} else {
		fmt.Fprintf(&b, "more than %d", e.Max)
	}
	fmt.Fprintf(&b, " (Limits.%s)", e.Limit)
	return inert.Terminal(b.String())
}

// Unwrap returns ErrTooLarge.
func (e *LimitError) Unwrap() error { return ErrTooLarge }

// countingReader reads from r and fails with a *LimitError once more than
// max bytes were read. It is used by one goroutine.
type countingReader struct {
	r    io.Reader
	n    int64
	max  int64
	file string
	err  error
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	// Read at most one byte beyond the limit: enough to know it is over.
	if rest := c.max - c.n + 1; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.n > c.max {
		c.err = &LimitError{File: c.file, Limit: "MaxFileBytes", Max: c.max, What: "file"}
		return n - int(c.n-c.max), c.err
	}
	return n, err
}

// readError wraps an error met reading line of file: a *LimitError gets
// the line and is returned as is, other errors are wrapped with the place.
func readError(file string, line int, err error) error {
	var le *LimitError
	if errors.As(err, &le) {
		if le.Line == 0 {
			c := *le
			c.Line = line
			return &c
		}
		return le
	}
	return fmt.Errorf("read %s: line %d: %w", file, line, err)
}
