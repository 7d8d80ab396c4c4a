package techmatch

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxXMLInMemory is the largest worksheet or shared-strings part excelize
// keeps in memory (its default, 16 MiB); larger ones it unpacks to a
// temporary file. A variable so that tests can reach that path with small
// workbooks.
var xlsxXMLInMemory int64 = 16 << 20

// readXLSX reads the named sheet (default: the first) of a workbook. The
// first non-empty row is the header; rows are numbered as in Excel. Cells
// are read as displayed (formatted values), extra fields too. Missing
// trailing cells are empty; a non-blank cell beyond the header is a
// problem of its row (see table.row).
//
// The workbook is read into memory (at most Limits.MaxFileBytes) and
// checked by checkWorkbook before excelize opens it, with its unzip limits
// set from Limits and its temporary files in a private directory removed
// before returning, whatever happened.
func readXLSX[T any](ctx context.Context, r io.Reader, c *collector[T], sheet string) (err error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return readError(c.file, 0, err)
	}
	lim := c.limits
	info, err := checkWorkbook(ctx, data, c.file, lim)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "techmatch-xlsx-*") // mode 0700
	if err != nil {
		return fmt.Errorf("read %s: %w", c.file, err)
	}
	defer func() {
		if rerr := os.RemoveAll(tmp); rerr != nil && err == nil {
			err = fmt.Errorf("read %s: remove temporary files: %w", c.file, rerr)
		}
	}()
	defer func() {
		// excelize is a large third-party parser: a panic in it on a
		// malformed workbook must not take the caller down.
		if p := recover(); p != nil {
			err = fmt.Errorf("read %s: workbook: excelize failed: %v", c.file, p)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    lim.MaxUnzippedBytes,
		UnzipXMLSizeLimit: min(xlsxXMLInMemory, lim.MaxUnzippedBytes),
		TmpDir:            tmp,
	})
	data = nil
	if f != nil {
		defer func() {
			if cerr := f.Close(); cerr != nil && err == nil {
				err = fmt.Errorf("read %s: close workbook: %w", c.file, cerr)
			}
		}()
	}
	if err != nil {
		return fmt.Errorf("read %s: open workbook: %w", c.file, err)
	}
	sheets := f.GetSheetList()
	if sheet == "" {
		if len(sheets) == 0 {
			return fmt.Errorf("read %s: workbook has no sheets", c.file)
		}
		sheet = sheets[0]
	}
	found := false
	for _, s := range sheets {
		found = found || s == sheet
	}
	if !found {
		return fmt.Errorf("read %s: no sheet %q (sheets: %s)", c.file, sheet, strings.Join(sheets, ", "))
	}
	c.sheet = sheet
	rows, err := f.Rows(sheet)
	if err != nil {
		return fmt.Errorf("read %s[%s]: %w", c.file, sheet, err)
	}
	defer rows.Close()
	var t *table[T]
	n := 1
	for ; rows.Next(); n++ {
		cells, err := rows.Columns()
		if err != nil {
			return fmt.Errorf("read %s[%s]: row %d: %w", c.file, sheet, n, err)
		}
		if t == nil {
			if len(strings.TrimSpace(strings.Join(cells, ""))) == 0 {
				continue
			}
			if t, err = newTable(c, cells, n); err != nil {
				return err
			}
			continue
		}
		if err := t.row(ctx, cells, n, false); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		return fmt.Errorf("read %s[%s]: %w", c.file, sheet, err)
	}
	// excelize ends the rows silently when the sheet's XML does not
	// decode (an invalid character, a broken tag): every row after it
	// would be lost without a word.
	// The last row it yields may be the broken one, read in part.
	if last := info.lastRow[info.sheets[sheet]]; n-1 < last {
		return tag(ErrMalformed, "read %s[%s]: row %d: the sheet's XML does not decode from this row on (%d of %d rows read; an invalid character or broken markup)",
			c.file, sheet, max(n-1, 1), n-1, last)
	}
	return nil
}
