package techmatch

// This file holds the catalog readers' entry points, options, problems and
// errors. The format-specific readers are in catalog_jsonl.go,
// catalog_csv.go and catalog_xlsx.go; field aliases and value parsing in
// fields.go; record rules in validate.go.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/techmatch/techmatch/internal/inert"
)

// Format is a catalog or pairing file format. It is a plain value, safe to
// share.
type Format string

// Supported formats.
const (
	FormatJSONL Format = "jsonl" // JSON Lines: one object per line
	FormatCSV   Format = "csv"   // comma-separated values with a header row
	FormatXLSX  Format = "xlsx"  // Excel workbook, header row on the sheet's first non-empty row
)

// DefaultMaxLineBytes is the longest JSON line (and CSV record) the readers
// accept when neither ReadOptions.MaxLineBytes nor Limits.MaxRecordBytes is
// set (16 MiB). Longer lines are one problem each; the following lines are
// still read.
const DefaultMaxLineBytes = DefaultMaxRecordBytes

// ctxCheckEvery is how many records the readers read between two checks of
// the context.
const ctxCheckEvery = 256

// ReadOptions configure the catalog readers. The zero value reads strictly,
// with the format taken from the file name and DefaultLimits. Options are
// plain values, safe to copy and share between goroutines; the readers do
// not modify them.
type ReadOptions struct {
	// Format forces the format; empty means "from the file extension"
	// (.jsonl, .ndjson, .json, .jsonlines → JSONL; .csv; .xlsx).
	Format Format
	// Lenient skips bad records and reports them as problems with a nil
	// error. By default (strict) the readers still return every valid
	// record and all problems, but also a *CatalogError. In both modes a
	// catalog without a usable record is an error (ErrEmptyCatalog).
	Lenient bool
	// Sheet is the XLSX sheet to read; empty means the first sheet.
	Sheet string
	// Limits bound what reading one file may cost; zero fields are the
	// defaults (DefaultLimits).
	Limits Limits
	// MaxLineBytes is the older name of Limits.MaxRecordBytes, used when
	// that is 0; 0 means the default (DefaultMaxLineBytes).
	MaxLineBytes int
}

// Validate reports whether the options are usable.
func (o ReadOptions) Validate() error {
	switch o.Format {
	case "", FormatJSONL, FormatCSV, FormatXLSX:
	default:
		return fmt.Errorf("read options: unknown format %q (want jsonl, csv or xlsx)", o.Format)
	}
	if o.MaxLineBytes < 0 {
		return fmt.Errorf("read options: MaxLineBytes %d is negative", o.MaxLineBytes)
	}
	if err := o.Limits.Validate(); err != nil {
		return fmt.Errorf("read options: %w", err)
	}
	return nil
}

// limits returns the limits in force: Limits with defaults, MaxLineBytes
// standing for MaxRecordBytes when that is unset.
func (o ReadOptions) limits() Limits {
	l := o.Limits
	if l.MaxRecordBytes == 0 {
		l.MaxRecordBytes = o.MaxLineBytes
	}
	return l.withDefaults()
}

// Kinds of record problems; test them with errors.Is on a Problem, its Err
// or a *CatalogError.
var (
	ErrMalformed    = errors.New("malformed record")
	ErrInvalidUTF8  = errors.New("invalid UTF-8")
	ErrMissingID    = errors.New("missing id")
	ErrDuplicateID  = errors.New("duplicate id")
	ErrNoText       = errors.New("no searchable text")
	ErrOutOfRange   = errors.New("value out of range")
	ErrNegative     = errors.New("negative value")
	ErrUnknownValue = errors.New("unknown value")
	ErrBadNumber    = errors.New("not a number")
	ErrLineTooLong  = errors.New("line too long")
	ErrFieldCount   = errors.New("wrong number of fields")
	// ErrInvalidID is an id that is not valid UTF-8, longer than MaxIDBytes
	// or holds a character that is not printable (control characters,
	// bidirectional overrides, zero-width and other format characters).
	ErrInvalidID = errors.New("invalid id")
	// ErrNoIDColumn is returned (not as a problem: nothing can be read)
	// when a CSV or XLSX header row has no id column.
	ErrNoIDColumn = errors.New("header has no id column")
	// ErrEmptyCatalog is returned, in both modes, when a catalog yields no
	// usable record: an empty file, a header alone, blank lines only, or
	// every record skipped.
	ErrEmptyCatalog = errors.New("no usable record")
)

// kindError is an error of one or more of the kinds above with its own
// message.
type kindError struct {
	kinds []error
	err   error
}

func (e *kindError) Error() string   { return e.err.Error() }
func (e *kindError) Unwrap() []error { return append(e.kinds[:len(e.kinds):len(e.kinds)], e.err) }

// tag returns an error reading like format/args that also matches kind.
func tag(kind error, format string, args ...any) error {
	return &kindError{kinds: []error{kind}, err: fmt.Errorf(format, args...)}
}

// tag2 is tag with two kinds.
func tag2(kind1, kind2 error, format string, args ...any) error {
	return &kindError{kinds: []error{kind1, kind2}, err: fmt.Errorf(format, args...)}
}

// inertError is an error whose message is escaped for terminals (see
// inert.Terminal): errors that may quote catalog text (file names, sheet
// names, header cells) leave the readers through it.
type inertError struct{ err error }

func (e *inertError) Error() string { return inert.Terminal(e.err.Error()) }
func (e *inertError) Unwrap() error { return e.err }

// safe returns err, wrapped in an inertError when its message has
// something to escape.
func safe(err error) error {
	if err == nil {
		return nil
	}
	if m := err.Error(); inert.Terminal(m) == m {
		return err
	}
	return &inertError{err}
}

// Problem is one thing wrong with one record of a catalog: where it is, in
// which field of which record, and why. Validate returns problems without
// File and Line.
//
// Problems are plain values, safe to copy and share between goroutines.
type Problem struct {
	File string
	// Sheet is the XLSX sheet; empty for the other formats.
	Sheet string
	// Line is the 1-based line (JSONL), physical line where the record
	// starts (CSV) or row (XLSX); 0 when unknown.
	Line  int
	Field string
	ID    string
	Err   error
}

// Error reads like `needs.csv:17: field "maturity" (id N012): 12 is outside
// 1–9`. Catalog text in it (file, sheet, field, id, quoted values) is
// escaped for terminals with inert.Terminal: control characters, bidi
// overrides and invalid UTF-8 appear as Go escapes (\x1b, \u202e, \xff).
func (p Problem) Error() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		if p.Sheet != "" {
			b.WriteString("[" + p.Sheet + "]")
		}
		if p.Line > 0 {
			b.WriteString(":" + strconv.Itoa(p.Line))
		}
		b.WriteString(": ")
	} else if p.Line > 0 {
		b.WriteString("line " + strconv.Itoa(p.Line) + ": ")
	}
	switch {
	case p.Field != "" && p.ID != "":
		fmt.Fprintf(&b, "field %q (id %s): ", p.Field, p.ID)
	case p.Field != "":
		fmt.Fprintf(&b, "field %q: ", p.Field)
	case p.ID != "":
		fmt.Fprintf(&b, "id %s: ", p.ID)
	}
	if p.Err != nil {
		b.WriteString(p.Err.Error())
	} else {
		b.WriteString("invalid record")
	}
	return inert.Terminal(b.String())
}

// Unwrap returns the cause.
func (p Problem) Unwrap() error { return p.Err }

// CatalogError is returned by the strict readers when a catalog has
// problems. errors.Is and errors.As see through it to every Problem.
//
// A CatalogError is not modified after it is returned; it is safe to read
// from many goroutines.
type CatalogError struct {
	File     string
	Problems []Problem
}

// maxListed is how many problems CatalogError.Error lists.
const maxListed = 10

// Error lists the first problems, one per line, escaped for terminals like
// Problem.Error.
func (e *CatalogError) Error() string {
	var b strings.Builder
	n := len(e.Problems)
	fmt.Fprintf(&b, "catalog %s: %d problem", inert.Terminal(e.File), n)
	if n != 1 {
		b.WriteString("s")
	}
	for i, p := range e.Problems {
		if i == maxListed {
			fmt.Fprintf(&b, "\n\t… and %d more", n-maxListed)
			break
		}
		b.WriteString("\n\t" + p.Error())
	}
	return b.String()
}

// Unwrap returns every problem, for errors.Is and errors.As.
func (e *CatalogError) Unwrap() []error {
	errs := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		errs[i] = p
	}
	return errs
}

// DetectFormat returns the catalog format for a file name from its
// extension (case-insensitive).
func DetectFormat(name string) (Format, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl", ".ndjson", ".json", ".jsonlines":
		return FormatJSONL, nil
	case ".csv":
		return FormatCSV, nil
	case ".xlsx":
		return FormatXLSX, nil
	}
	return "", safe(fmt.Errorf("%s: cannot tell the catalog format from the extension (want .jsonl, .ndjson, .json, .csv or .xlsx, or set ReadOptions.Format)", name))
}

// LoadAchievements reads an achievements catalog file; see
// ReadAchievements. The format comes from opt.Format or the extension. A
// file larger than opt.Limits.MaxFileBytes is refused before it is read.
func LoadAchievements(ctx context.Context, path string, opt ReadOptions) ([]Achievement, []Problem, error) {
	return load(ctx, achievementKind, path, opt)
}

// LoadNeeds reads a needs catalog file; see LoadAchievements and
// ReadAchievements.
func LoadNeeds(ctx context.Context, path string, opt ReadOptions) ([]Need, []Problem, error) {
	return load(ctx, needKind, path, opt)
}

// ReadAchievements reads an achievements catalog from r. name is used in
// problems and errors, and for the format when opt.Format is empty.
//
// Field names (CSV/XLSX headers, JSON keys) are matched case-insensitively
// and with Chinese aliases: 编号→id, 成果名称/需求名称/名称/标题→title,
// 成果简介/需求描述/简介/描述→description, 关键词→keywords,
// 所属行业/行业→industries, 单位/成果单位/需求单位/完成单位→owner (needs:
// org), 单位类型→owner_type (needs: org_type), 地区/所在地区→region,
// 成熟度/技术成熟度→maturity (needs: min_maturity, as is 最低成熟度),
// 价格/转让价格/意向价格→price, 预算/预算金额→budget (needs also
// 意向价格), 转化方式/合作方式→transfer_modes, 日期/发布日期→date; see
// fields.go for the full table. In CSV/XLSX a list is one cell split on ,
// ， ; ； 、 |; in JSON a list is an array or such a string.
//
// Fields the contract does not know are kept, never dropped, in the
// record's Extra (see Extra), in the file's order. The first column or key
// naming a contract field sets it; every other one — unknown, or a second
// one for a field already set (名称 after 成果名称) — is an extra field
// under its header or key. CSV/XLSX: every named column the contract does
// not know gives every record a field, "" for an empty cell, so all
// records have the same names in the header's order; a non-blank cell
// under a blank header cell, or beyond the header in XLSX, is a problem of
// its record; a header naming two such columns alike, with a name that is
// not valid (see Extra) or with more than Limits.MaxExtraFields of them is
// an error. JSONL: unknown keys in their order, with null as ""; the
// members of an "extra" object (how WriteAchievements writes them) at the
// place of that key, whatever their names; an "extra" key holding
// anything but an object or null is an ordinary unknown key. An extra
// name given twice in one record (an unknown key repeated, a key also in
// "extra") is a problem, ErrDuplicateField. Values are text: numbers and booleans as
// written, objects and arrays as compact JSON. Numbers may be JSON numbers or text (" 50 ", "7.0",
// "1,200", "50万元"); maturity also "TRL7" or "7级"; a price or budget of
// 面议 is 0. A UTF-8 BOM at the start is skipped.
//
// Every record is normalised (see Achievement.Normalize) and checked with
// Validate's rules, with opt.Limits.MaxFieldBytes and MaxExtraFields.
// The valid records are returned in file order, whatever the mode.
// Problems list every skipped record with file, line, field, id and
// reason; SkippedRecords counts the records they concern. In strict mode
// (the default) a catalog with problems also returns a *CatalogError; with
// opt.Lenient the error is nil. In both modes a catalog that yields no
// record (empty, header only, blank lines only, every record skipped)
// returns an error matching ErrEmptyCatalog, with the problems. I/O
// errors, an unreadable XLSX workbook, a header without an id column, a
// file over a file-wide limit (a *LimitError, errors.Is ErrTooLarge) and
// cancellation of ctx are returned as errors (with no records) in both
// modes. Error messages escape catalog text for terminals.
//
// Limits (opt.Limits, see Limits): the bytes read are counted and stop at
// MaxFileBytes; a JSON line or CSV record over MaxRecordBytes and a field
// over MaxFieldBytes are problems for that record; more than MaxRecords
// records end the read. XLSX workbooks are checked from the zip central
// directory (total uncompressed size, compression ratio per entry) and
// their sheets' XML streamed for rows, cells and row size before anything
// is unpacked by excelize.
//
// CSV resynchronises: a record whose quoted field never closes (runs to
// the end of the file or past MaxRecordBytes) is one problem
// ("unterminated quote from line 4") and the lines after its first are
// read again as records, so a stray quote loses no good record. A record
// spanning several lines whose field count differs from the header's, or
// that holds a bare quote inside a quoted field (`"a"b`; write `""`), is
// reported the same way and its lines read again. Each physical line is
// scanned once each way (as a record start, as a continuation), so this
// stays linear. Problems name the physical line where the record starts.
//
// JSONL and CSV are streamed (memory grows with the records kept, not the
// file, plus at most about 2×MaxRecordBytes); XLSX is read whole into
// memory, then by excelize (large worksheets unpacked to a private
// temporary directory removed before returning). Time is linear in the
// input; ctx is checked every 256 records.
func ReadAchievements(ctx context.Context, r io.Reader, name string, opt ReadOptions) ([]Achievement, []Problem, error) {
	return read(ctx, achievementKind, r, name, opt)
}

// ReadNeeds reads a needs catalog from r; see ReadAchievements.
func ReadNeeds(ctx context.Context, r io.Reader, name string, opt ReadOptions) ([]Need, []Problem, error) {
	return read(ctx, needKind, r, name, opt)
}

func load[T any](ctx context.Context, k *kind[T], path string, opt ReadOptions) ([]T, []Problem, error) {
	if err := opt.Validate(); err != nil {
		return nil, nil, safe(fmt.Errorf("load %s: %w", path, err))
	}
	if opt.Format == "" {
		f, err := DetectFormat(path)
		if err != nil {
			return nil, nil, err
		}
		opt.Format = f
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, safe(fmt.Errorf("load %ss: %w", k.noun, err))
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		if max := opt.limits().MaxFileBytes; fi.Size() > max {
			return nil, nil, &LimitError{File: path, Limit: "MaxFileBytes", Max: max, Got: fi.Size(), What: "file size"}
		}
	}
	return read(ctx, k, f, path, opt)
}

func read[T any](ctx context.Context, k *kind[T], r io.Reader, name string, opt ReadOptions) ([]T, []Problem, error) {
	if err := opt.Validate(); err != nil {
		return nil, nil, safe(fmt.Errorf("read %s: %w", name, err))
	}
	if r == nil {
		return nil, nil, safe(fmt.Errorf("read %s: nil reader", name))
	}
	format := opt.Format
	if format == "" {
		f, err := DetectFormat(name)
		if err != nil {
			return nil, nil, err
		}
		format = f
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, safe(fmt.Errorf("read %s: %w", name, err))
	}
	lim := opt.limits()
	c := &collector[T]{kind: k, file: name, seen: map[string]int{}, limits: lim}
	r = &countingReader{r: r, max: lim.MaxFileBytes, file: name}
	var err error
	switch format {
	case FormatJSONL:
		err = readJSONL(ctx, r, c)
	case FormatCSV:
		err = readCSV(ctx, r, c)
	case FormatXLSX:
		err = readXLSX(ctx, r, c, opt.Sheet)
	}
	if err != nil {
		return nil, nil, safe(err)
	}
	if len(c.recs) == 0 {
		empty := c.emptyError()
		if len(c.problems) > 0 && !opt.Lenient {
			empty = joinedError{&CatalogError{File: name, Problems: c.problems}, empty}
		}
		return nil, c.problems, empty
	}
	if len(c.problems) > 0 && !opt.Lenient {
		return c.recs, c.problems, &CatalogError{File: name, Problems: c.problems}
	}
	return c.recs, c.problems, nil
}

// joinedError is errors.Join with CatalogError's layout: the errors'
// messages on lines indented by a tab after the first.
type joinedError []error

func (e joinedError) Error() string {
	parts := make([]string, len(e))
	for i, err := range e {
		parts[i] = err.Error()
	}
	return strings.Join(parts, "\n\t")
}

func (e joinedError) Unwrap() []error { return e }

// emptyError is the ErrEmptyCatalog error of a catalog that kept no
// record: `needs.csv: no usable record (7 read, 7 skipped)`.
func (c *collector[T]) emptyError() error {
	counts := fmt.Sprintf("%d read", c.n)
	if c.n > 0 {
		counts += fmt.Sprintf(", %d skipped", SkippedRecords(c.problems))
	}
	return safe(fmt.Errorf("%s: %w (%s)", c.file, ErrEmptyCatalog, counts))
}

// SkippedRecords returns how many records problems concern: one per
// distinct file, sheet and line (a record may have several problems).
// Problems without a line (from Validate) count once per id.
func SkippedRecords(probs []Problem) int {
	type key struct {
		file, sheet, id string
		line            int
	}
	seen := make(map[key]bool, len(probs))
	for _, p := range probs {
		k := key{file: p.File, sheet: p.Sheet, line: p.Line}
		if p.Line <= 0 {
			k.id = p.ID
		}
		seen[k] = true
	}
	return len(seen)
}

// collector keeps the valid records of one catalog and the problems of the
// others. It is used by one goroutine.
type collector[T any] struct {
	kind     *kind[T]
	file     string
	sheet    string
	limits   Limits // with defaults
	recs     []T
	problems []Problem
	seen     map[string]int // id → line of the kept record
	n        int            // records read (not blank), kept or not
	members  []jsonMember   // reused by jsonRecord
}

// tick counts a record read at line, ends the read past Limits.MaxRecords
// and reports cancellation every ctxCheckEvery records.
func (c *collector[T]) tick(ctx context.Context, line int) error {
	c.n++
	if c.n > c.limits.MaxRecords {
		return &LimitError{File: c.file, Sheet: c.sheet, Line: line, Limit: "MaxRecords", Max: int64(c.limits.MaxRecords), What: "records"}
	}
	if c.n%ctxCheckEvery == 0 {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("read %s: %w", c.file, err)
		}
	}
	return nil
}

// problem records one problem at line.
func (c *collector[T]) problem(line int, field, id string, err error) {
	c.problems = append(c.problems, Problem{File: c.file, Sheet: c.sheet, Line: line, Field: field, ID: id, Err: err})
}

// add normalises and validates rec, read at line, whose parse problems are
// probs (without location), and keeps it if it has none.
func (c *collector[T]) add(line int, rec *T, probs []Problem) {
	c.kind.normalize(rec)
	probs = append(probs, c.kind.problems(rec, c.limits)...)
	id := c.kind.id(rec)
	if len(probs) == 0 && id != "" {
		if first, dup := c.seen[id]; dup {
			where := "line"
			if c.sheet != "" {
				where = "row"
			}
			probs = append(probs, Problem{Field: "id", Err: tag(ErrDuplicateID, "duplicate id %q (first at %s %d)", id, where, first)})
		}
	}
	if len(probs) > 0 {
		for _, p := range probs {
			c.problem(line, p.Field, id, p.Err)
		}
		return
	}
	c.seen[id] = line
	c.recs = append(c.recs, *rec)
}
