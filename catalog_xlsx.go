package techmatch

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// readXLSX reads the named sheet (default: the first) of a workbook. The
// first non-empty row is the header; rows are numbered as in Excel. Cells
// are read as displayed (formatted values). Missing trailing cells are
// empty; cells beyond the header are ignored. excelize loads the whole
// workbook into memory.
func readXLSX[T any](ctx context.Context, r io.Reader, c *collector[T], sheet string) (err error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return fmt.Errorf("read %s: open workbook: %w", c.file, err)
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("read %s: close workbook: %w", c.file, cerr)
		}
	}()
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
	for n := 1; rows.Next(); n++ {
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
	return nil
}
