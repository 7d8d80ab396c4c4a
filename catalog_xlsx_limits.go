package techmatch

// This file checks an XLSX workbook against Limits before excelize opens
// it: the zip central directory (entry count, total uncompressed size,
// compression ratio per entry) without inflating anything, then every
// entry's XML streamed through a small tag scanner that counts rows and
// cells and measures rows and shared strings, stopping at the first limit.

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// maxZipDirectoryBytes bounds the bytes archive/zip may read while it
// parses the central directory: it keeps every entry it finds there in
// memory (a few hundred bytes each), whatever the count the directory's
// end record states. Real workbooks have tens of entries, a few KiB.
const maxZipDirectoryBytes = 4 << 20

// maxNamingPartBytes bounds the workbook parts read to name the sheets in
// messages (workbook.xml and its relationships).
const maxNamingPartBytes = 4 << 20

// budgetReaderAt is an io.ReaderAt over data that fails once more than
// budget bytes were read while armed.
type budgetReaderAt struct {
	data   []byte
	budget int64
	armed  bool
}

// errZipDirectory is what budgetReaderAt returns past its budget.
var errZipDirectory = errors.New("zip central directory too large")

func (b *budgetReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if b.armed {
		b.budget -= int64(len(p))
		if b.budget < 0 {
			return 0, errZipDirectory
		}
	}
	if off < 0 || off >= int64(len(b.data)) {
		return 0, io.EOF
	}
	n := copy(p, b.data[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// workbookInfo is what checkWorkbook learnt of a workbook.
type workbookInfo struct {
	// sheets maps sheet names to their parts (zip entry names), as far as
	// they could be resolved.
	sheets map[string]string
	// lastRow is, per part, the number of its last row (its r attribute,
	// or one more than the row before).
	lastRow map[string]int
}

// checkWorkbook checks the workbook in data against lim before anything
// is unpacked by excelize. Errors over a limit are *LimitError; a file
// that is not a zip is returned as excelize would see it (a wrapped
// zip error).
func checkWorkbook(ctx context.Context, data []byte, file string, lim Limits) (*workbookInfo, error) {
	ra := &budgetReaderAt{data: data, budget: maxZipDirectoryBytes + 128<<10, armed: true}
	zr, err := zip.NewReader(ra, int64(len(data)))
	ra.armed = false
	if errors.Is(err, errZipDirectory) {
		return nil, fmt.Errorf("read %s: open workbook: zip central directory over %d bytes: %w", file, maxZipDirectoryBytes, ErrTooLarge)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: open workbook: %w", file, err)
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(lim.MaxUnzippedBytes) || total < f.UncompressedSize64 {
			return nil, &LimitError{File: file, Limit: "MaxUnzippedBytes", Max: lim.MaxUnzippedBytes, Got: clampInt64(totalUnzipped(zr)),
				What: "uncompressed size of the workbook"}
		}
		if f.UncompressedSize64 > ratioMinBytes {
			ratio := uint64(0)
			if f.CompressedSize64 > 0 {
				ratio = f.UncompressedSize64 / f.CompressedSize64
			}
			if f.CompressedSize64 == 0 || ratio > uint64(lim.MaxCompressionRatio) {
				return nil, &LimitError{File: file, Limit: "MaxCompressionRatio", Max: int64(lim.MaxCompressionRatio), Got: clampInt64(ratio),
					What: fmt.Sprintf("compression ratio of zip entry %s (%d bytes from %d)", f.Name, f.UncompressedSize64, f.CompressedSize64)}
			}
		}
	}
	names := sheetParts(zr)
	info := &workbookInfo{sheets: map[string]string{}, lastRow: map[string]int{}}
	for part, name := range names {
		info.sheets[name] = part
	}
	for _, f := range zr.File {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("read %s: %w", file, err)
		}
		lastRow, err := scanEntry(ctx, f, lim)
		if err != nil {
			var le *LimitError
			if errors.As(err, &le) {
				le.File = file
				if name := names[normalizePart(f.Name)]; le.Sheet != "" && name != "" {
					le.Sheet = name
				}
				return nil, le
			}
			return nil, fmt.Errorf("read %s: open workbook: %s: %w", file, f.Name, err)
		}
		if lastRow > 0 {
			info.lastRow[normalizePart(f.Name)] = lastRow
		}
	}
	return info, nil
}

func totalUnzipped(zr *zip.Reader) uint64 {
	var t uint64
	for _, f := range zr.File {
		if t+f.UncompressedSize64 < t {
			return 1<<63 - 1
		}
		t += f.UncompressedSize64
	}
	return t
}

func clampInt64(x uint64) int64 {
	if x > 1<<63-1 {
		return 1<<63 - 1
	}
	return int64(x)
}

// normalizePart is a zip entry name as excelize keys it.
func normalizePart(name string) string {
	return strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/")
}

// sheetParts maps worksheet parts (zip entry names) to sheet names, the
// way excelize resolves them: the office document from _rels/.rels
// (default xl/workbook.xml), its <sheet name r:id> elements and its
// relationships. It is best effort, for messages only: the limits are
// checked on every entry whatever its name.
func sheetParts(zr *zip.Reader) map[string]string {
	entries := map[string]*zip.File{}
	for _, f := range zr.File {
		entries[normalizePart(f.Name)] = f
	}
	attrsOf := func(name, local string) []map[string]string {
		f := entries[name]
		if f == nil || f.UncompressedSize64 > maxNamingPartBytes {
			return nil
		}
		rc, err := f.Open()
		if err != nil {
			return nil
		}
		defer rc.Close()
		var out []map[string]string
		d := xml.NewDecoder(io.LimitReader(rc, maxNamingPartBytes))
		for {
			tok, err := d.Token()
			if err != nil {
				return out
			}
			if se, ok := tok.(xml.StartElement); ok && se.Name.Local == local {
				m := map[string]string{}
				for _, a := range se.Attr {
					m[a.Name.Local] = a.Value
				}
				out = append(out, m)
			}
		}
	}
	wb := "xl/workbook.xml"
	for _, rel := range attrsOf("_rels/.rels", "Relationship") {
		if strings.HasSuffix(rel["Type"], "/officeDocument") {
			wb = strings.TrimPrefix(rel["Target"], "/")
			break
		}
	}
	targets := map[string]string{}
	for _, rel := range attrsOf(path.Join(path.Dir(wb), "_rels", path.Base(wb)+".rels"), "Relationship") {
		targets[rel["Id"]] = rel["Target"]
	}
	names := map[string]string{}
	for _, sh := range attrsOf(wb, "sheet") {
		target, ok := targets[sh["id"]]
		if !ok {
			continue
		}
		target = strings.ReplaceAll(target, `\`, "/")
		p := path.Join(path.Dir(wb), target)
		if strings.HasPrefix(target, "/") {
			p = path.Clean(target)
		}
		names[strings.TrimPrefix(p, "/")] = sh["name"]
	}
	return names
}

// scanEntry streams one zip entry through xmlScan and returns the number
// of its last row (0 without rows).
func scanEntry(ctx context.Context, f *zip.File, lim Limits) (lastRow int, err error) {
	rc, err := f.Open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	s := xmlScan{ctx: ctx, br: bufio.NewReaderSize(rc, 64<<10), lim: lim, part: f.Name}
	err = s.run()
	return s.rowNo, err
}

// xmlScan finds the tags of an XML document in a byte stream, cheaply and
// conservatively: comments, CDATA sections and processing instructions are
// skipped as XML does, quoted attribute values may hold '>', anything else
// that looks like a tag counts as one (so counts may be too high, never
// too low, whatever encoding/xml makes of the document). It counts rows
// and cells (elements named row and c, any namespace), measures rows and
// shared strings (si), and checks a <dimension ref>, returning a
// *LimitError (File unset) at the first limit exceeded. It is used by one
// goroutine.
type xmlScan struct {
	ctx  context.Context
	br   *bufio.Reader
	lim  Limits
	part string
	off  int64 // bytes consumed
	tag  []byte

	rows, rowNo, cells, rowCells int
	inRow                        bool
	rowStart                     int64
	strings                      int
	inSI                         bool
	siStart                      int64
}

// ctxEvery is how many bytes xmlScan reads between context checks.
const ctxEvery = 1 << 20

func (s *xmlScan) run() error {
	nextCheck := int64(ctxEvery)
	for {
		// Text up to the next tag.
		for {
			chunk, err := s.br.ReadSlice('<')
			s.off += int64(len(chunk))
			if err := s.checkOpen(); err != nil {
				return err
			}
			if s.off >= nextCheck {
				nextCheck = s.off + ctxEvery
				if err := s.ctx.Err(); err != nil {
					return err
				}
			}
			if err == nil {
				break
			}
			if errors.Is(err, bufio.ErrBufferFull) {
				continue
			}
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		start := s.off - 1
		if err := s.readTag(start); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

// checkOpen checks the size of an open row or shared string.
func (s *xmlScan) checkOpen() error {
	if s.inRow && s.off-s.rowStart > int64(s.lim.MaxRecordBytes) {
		return &LimitError{Sheet: s.part, Line: s.rowNo, Limit: "MaxRecordBytes", Max: int64(s.lim.MaxRecordBytes), What: "XML of the row"}
	}
	if s.inSI && s.off-s.siStart > int64(s.lim.MaxRecordBytes) {
		return &LimitError{Limit: "MaxRecordBytes", Max: int64(s.lim.MaxRecordBytes),
			What: fmt.Sprintf("shared string %d of %s", s.strings, s.part)}
	}
	return nil
}

// maxTagBytes is the longest tag text xmlScan keeps to parse: tags of
// interest are short; longer ones are still skipped correctly.
const maxTagBytes = 4 << 10

// readTag reads the tag whose '<' is at start and acts on it.
func (s *xmlScan) readTag(start int64) error {
	if p, _ := s.br.Peek(8); len(p) > 0 {
		switch {
		case bytes.HasPrefix(p, []byte("!--")):
			return s.skipPast("-->")
		case bytes.HasPrefix(p, []byte("![CDATA[")):
			return s.skipPast("]]>")
		case p[0] == '?':
			return s.skipPast("?>")
		}
	}
	// Up to the '>' outside quotes.
	s.tag = s.tag[:0]
	var quote byte
	for {
		chunk, err := s.br.ReadSlice('>')
		s.off += int64(len(chunk))
		for _, ch := range chunk {
			switch {
			case quote != 0 && ch == quote:
				quote = 0
			case quote == 0 && (ch == '"' || ch == '\''):
				quote = ch
			}
		}
		if room := maxTagBytes - len(s.tag); room > 0 {
			s.tag = append(s.tag, chunk[:min(room, len(chunk))]...)
		}
		if err := s.checkOpen(); err != nil {
			return err
		}
		if err == nil && quote == 0 {
			break
		}
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return err
		}
	}
	t := bytes.TrimSuffix(s.tag, []byte(">"))
	if len(t) == 0 || t[0] == '!' {
		return nil
	}
	end := t[0] == '/'
	if end {
		t = t[1:]
	}
	selfClosing := bytes.HasSuffix(t, []byte("/"))
	name := t
	if i := bytes.IndexAny(t, " \t\r\n/"); i >= 0 {
		name = t[:i]
	}
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	attrs := t[len(name):]
	switch string(name) {
	case "row":
		return s.row(start, end, selfClosing, attrs)
	case "c":
		if end {
			return nil
		}
		s.cells++
		if s.cells > s.lim.MaxCells {
			return &LimitError{Sheet: s.part, Line: s.rowNo, Limit: "MaxCells", Max: int64(s.lim.MaxCells), What: "cells in the sheet"}
		}
		if s.inRow {
			s.rowCells++
			if s.rowCells > s.lim.MaxColumns {
				return &LimitError{Sheet: s.part, Line: s.rowNo, Limit: "MaxColumns", Max: int64(s.lim.MaxColumns), What: "cells in the row"}
			}
		}
	case "si":
		switch {
		case end:
			s.inSI = false
		default:
			s.strings++
			if s.strings > s.lim.MaxCells {
				return &LimitError{Limit: "MaxCells", Max: int64(s.lim.MaxCells), What: "shared strings in " + s.part}
			}
			s.inSI, s.siStart = !selfClosing, start
		}
	case "dimension":
		if !end {
			return s.dimension(attrValue(attrs, "ref"))
		}
	}
	return nil
}

// row acts on a row tag at start.
func (s *xmlScan) row(start int64, end, selfClosing bool, attrs []byte) error {
	if end {
		s.inRow = false
		return nil
	}
	s.rows++
	s.rowNo++
	if r, err := strconv.Atoi(string(attrValue(attrs, "r"))); err == nil && r > 0 {
		s.rowNo = r
	}
	if s.rows > s.lim.MaxRows || s.rowNo > s.lim.MaxRows {
		return &LimitError{Sheet: s.part, Line: s.rowNo, Limit: "MaxRows", Max: int64(s.lim.MaxRows), What: "rows in the sheet"}
	}
	s.inRow, s.rowStart, s.rowCells = !selfClosing, start, 0
	return nil
}

// dimension checks a sheet's declared range (ref="A1:M1001") against the
// row, column and cell limits.
func (s *xmlScan) dimension(ref []byte) error {
	from, to, ok := bytes.Cut(ref, []byte(":"))
	if !ok {
		to = from
	}
	c1, r1, ok1 := cellRef(from)
	c2, r2, ok2 := cellRef(to)
	if !ok1 || !ok2 {
		return nil // excelize decides what a bad ref means
	}
	rows, cols := abs(r2-r1)+1, abs(c2-c1)+1
	what := func(s string) string { return s + " in the sheet's <dimension ref=\"" + string(ref) + "\">" }
	switch {
	case rows > int64(s.lim.MaxRows):
		return &LimitError{Sheet: s.part, Limit: "MaxRows", Max: int64(s.lim.MaxRows), Got: rows, What: what("rows")}
	case cols > int64(s.lim.MaxColumns):
		return &LimitError{Sheet: s.part, Limit: "MaxColumns", Max: int64(s.lim.MaxColumns), Got: cols, What: what("columns")}
	case rows*cols > int64(s.lim.MaxCells):
		return &LimitError{Sheet: s.part, Limit: "MaxCells", Max: int64(s.lim.MaxCells), Got: rows * cols, What: what("cells")}
	}
	return nil
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// cellRef parses a cell reference such as "XFD1048576" ("$A$1" too) into
// its column and row numbers (1-based); numbers are capped at 1<<31 so
// products stay in range.
func cellRef(b []byte) (col, row int64, ok bool) {
	const huge = 1 << 31
	b = bytes.ReplaceAll(b, []byte("$"), nil)
	i := 0
	for ; i < len(b); i++ {
		ch := b[i] | 0x20 // lower case
		if ch < 'a' || ch > 'z' {
			break
		}
		col = min(col*26+int64(ch-'a'+1), huge)
	}
	if i == 0 || i == len(b) {
		return 0, 0, false
	}
	for _, ch := range b[i:] {
		if ch < '0' || ch > '9' {
			return 0, 0, false
		}
		row = min(row*10+int64(ch-'0'), huge)
	}
	return col, row, true
}

// attrValue returns the value of the attribute with the given local name
// in a tag's attribute text, or nil.
func attrValue(attrs []byte, local string) []byte {
	for len(attrs) > 0 {
		attrs = bytes.TrimLeft(attrs, " \t\r\n/")
		eq := bytes.IndexByte(attrs, '=')
		if eq < 0 {
			return nil
		}
		name := bytes.TrimSpace(attrs[:eq])
		if i := bytes.LastIndexByte(name, ':'); i >= 0 {
			name = name[i+1:]
		}
		rest := bytes.TrimLeft(attrs[eq+1:], " \t\r\n")
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return nil
		}
		close := bytes.IndexByte(rest[1:], rest[0])
		if close < 0 {
			return nil
		}
		if string(name) == local {
			return rest[1 : 1+close]
		}
		attrs = rest[close+2:]
	}
	return nil
}

// skipPast consumes input up to and including seq (whose last byte is
// '>'), keeping open rows and strings measured.
func (s *xmlScan) skipPast(seq string) error {
	var tail []byte // the last bytes before the current chunk
	for {
		chunk, err := s.br.ReadSlice('>')
		s.off += int64(len(chunk))
		if err := s.checkOpen(); err != nil {
			return err
		}
		if err == nil {
			joined := append(tail, chunk...)
			if bytes.HasSuffix(joined, []byte(seq)) {
				return nil
			}
		} else if !errors.Is(err, bufio.ErrBufferFull) {
			return err
		}
		if len(chunk) >= len(seq) {
			tail = append(tail[:0], chunk[len(chunk)-len(seq):]...)
		} else {
			tail = append(tail, chunk...)
			if len(tail) > len(seq) {
				tail = tail[len(tail)-len(seq):]
			}
		}
	}
}
