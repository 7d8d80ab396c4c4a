package report

import (
	"context"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/internal/inert"
)

// Sheet names and headers of the workbook.
const (
	SummarySheet = "汇总"
	DetailSheet  = "推荐明细"
)

// SummaryHeaders are the columns of sheet 汇总, one row per need.
var SummaryHeaders = []string{"编号", "需求名称", "需求单位", "行业", "地区", "最佳匹配成果编号", "最佳匹配成果名称", "匹配度", "推荐数"}

// DetailHeaders are the first columns of sheet 推荐明细, one row per pair;
// the extra columns of the needs then of the achievements follow.
var DetailHeaders = []string{"需求编号", "需求名称", "需求单位", "需求地区", "排名", "成果编号", "成果名称", "完成单位", "单位类型",
	"成果地区", "成熟度", "价格（万元）", "转化方式", "匹配度", "推荐理由"}

// Columns of DetailHeaders that hold titles with highlighted terms, and
// numbers.
const (
	detailNeedTitle = 1
	detailAchTitle  = 6
)

// maxSheetRows is Excel's row limit, header included.
const maxSheetRows = 1 << 20

// hitFont is the font of matched terms inside titles: bold, dark red.
var hitFont = &excelize.Font{Bold: true, Color: "C00000"}

// WriteXLSX writes r to w as an Excel workbook with two sheets:
//
//   - 汇总 (SummaryHeaders): one row per need, its best match and its
//     degree, and the number of matches (a need without matches has
//     empty best-match cells and 0);
//   - 推荐明细 (DetailHeaders, then every extra column of the needs and
//     then of the achievements, in first-seen order; a name both sides
//     use, or equal to a fixed header, is prefixed 需求· or 成果·): one row
//     per pair, needs in r's order, matches in theirs.
//
// Headers are bold on a grey fill, the header row is frozen and has an
// autofilter, columns get a width from their content (4 to 60
// characters, CJK counted double), text wraps, and matched terms are bold
// dark red inside the titles (rich text). Ranks, degrees, maturity and
// prices are numbers (a price or budget of 0 is the text 面议); every
// other cell is a string passed through inert.Cell, never a formula: a
// value starting with = + - @, a tab or a carriage return is written with
// a leading apostrophe. Reasons are one per line in their cell.
//
// The rows are collected in memory (their cells, about 1 KiB per pair),
// then streamed into the workbook, which is written at the end: time and
// memory are linear in the pairs (BenchmarkWriteXLSX). ctx is checked
// between needs. More pairs than Excel's
// 1,048,575 data rows is an error. WriteXLSX is safe for concurrent use
// on different writers.
func WriteXLSX(ctx context.Context, w io.Writer, r Report, opts Options) error {
	if w == nil {
		return fmt.Errorf("report: write xlsx: nil io.Writer")
	}
	if err := opts.Validate(); err != nil {
		return fmt.Errorf("report: write xlsx: %w", err)
	}
	pairs := 0
	for i := range r.Needs {
		pairs += len(r.Needs[i].Matches)
	}
	if pairs+1 > maxSheetRows || len(r.Needs)+1 > maxSheetRows {
		return fmt.Errorf("report: write xlsx: %d pairs of %d needs do not fit in a sheet of %d rows", pairs, len(r.Needs), maxSheetRows)
	}
	f := excelize.NewFile()
	defer f.Close()
	b, err := newBook(f)
	if err != nil {
		return fmt.Errorf("report: write xlsx: %w", err)
	}
	if err := b.write(ctx, &r); err != nil {
		return fmt.Errorf("report: write xlsx: %w", err)
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: inert.Cell(r.title()), Creator: "techmatch", Language: "zh-CN"}); err != nil {
		return fmt.Errorf("report: write xlsx: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("report: write xlsx: %w", err)
	}
	return nil
}

// book is a workbook being written, with its styles (created once).
type book struct {
	f                   *excelize.File
	head, text, numeric int
}

func newBook(f *excelize.File) (*book, error) {
	b := &book{f: f}
	border := []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}
	var err error
	if b.head, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
		Border:    border,
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	}); err != nil {
		return nil, err
	}
	if b.text, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}); err != nil {
		return nil, err
	}
	if b.numeric, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}}); err != nil {
		return nil, err
	}
	if err := f.SetSheetName("Sheet1", SummarySheet); err != nil {
		return nil, err
	}
	if _, err := f.NewSheet(DetailSheet); err != nil {
		return nil, err
	}
	return b, nil
}

// sheet collects one sheet's rows (cells and rich-text titles) and the
// widths of its columns; finish streams them out.
type sheet struct {
	b       *book
	name    string
	rows    [][]any
	width   []float64
	numeric []bool // per column
}

func (b *book) sheet(name string, headers []string, numeric ...int) *sheet {
	s := &sheet{b: b, name: name, width: make([]float64, len(headers)), numeric: make([]bool, len(headers))}
	for _, c := range numeric {
		s.numeric[c] = true
	}
	cells := make([]any, len(headers))
	for i, h := range headers {
		cells[i] = inert.Cell(h)
	}
	s.add(cells)
	return s
}

// add appends a row of string and number cells (copied).
func (s *sheet) add(cells []any) {
	for i, c := range cells {
		if t, ok := c.(string); ok {
			s.measure(i, t)
		} else {
			s.measure(i, "0000")
		}
	}
	s.rows = append(s.rows, append([]any(nil), cells...))
}

// rich makes column col of the last row text (made inert) with terms
// highlighted; it stays plain text when none is found.
func (s *sheet) rich(col int, text string, terms []string) {
	segs := highlight(inert.Cell(text), terms)
	if len(segs) == 1 && !segs[0].Hit {
		return
	}
	runs := make([]excelize.RichTextRun, len(segs))
	for i, sg := range segs {
		runs[i] = excelize.RichTextRun{Text: sg.Text}
		if sg.Hit {
			runs[i].Font = hitFont
		}
	}
	s.rows[len(s.rows)-1][col] = runs
}

// measure widens column i for text: the longest line, CJK counted double.
func (s *sheet) measure(i int, text string) {
	for _, line := range strings.Split(text, "\n") {
		w := 0.0
		for _, r := range line {
			if r > 0x2E7F && unicode.IsGraphic(r) {
				w += 2
			} else {
				w++
			}
		}
		s.width[i] = max(s.width[i], w)
	}
}

// finish streams the sheet out: column widths, frozen header, the rows
// with their styles (header, text, numbers), then the autofilter.
// Streaming writes rich text inline: SetCellRichText's shared strings
// cost a comparison with every earlier one (quadratic in the pairs).
func (s *sheet) finish() error {
	f := s.b.f
	sw, err := f.NewStreamWriter(s.name)
	if err != nil {
		return err
	}
	for i, w := range s.width {
		if err := sw.SetColWidth(i+1, i+1, min(max(w+2, 6), 60)); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	cells := make([]any, len(s.width))
	for r, row := range s.rows {
		for i, v := range row {
			style := s.b.text
			switch {
			case r == 0:
				style = s.b.head
			case s.numeric[i]:
				style = s.b.numeric
			}
			cells[i] = excelize.Cell{StyleID: style, Value: v}
		}
		cell, err := excelize.CoordinatesToCellName(1, r+1)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, cells[:len(row)]); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	last, err := excelize.CoordinatesToCellName(len(s.width), len(s.rows))
	if err != nil {
		return err
	}
	return f.AutoFilter(s.name, "A1:"+last, nil)
}

func (b *book) write(ctx context.Context, r *Report) error {
	sum := b.sheet(SummarySheet, SummaryHeaders, 7, 8)
	needNames, achNames, needHeads, achHeads := extraColumns(r, DetailHeaders)
	headers := append(append(append([]string(nil), DetailHeaders...), needHeads...), achHeads...)
	det := b.sheet(DetailSheet, headers, 4, 10, 11, 13)
	row := make([]any, len(headers))
	for i := range r.Needs {
		if err := ctx.Err(); err != nil {
			return err
		}
		rn := &r.Needs[i]
		n := &rn.Need
		best := []any{"", "", ""}
		if len(rn.Matches) > 0 {
			m := &rn.Matches[0]
			best = []any{inert.Cell(m.Achievement.ID), inert.Cell(m.Achievement.Title), m.degree()}
		}
		sum.add(append([]any{inert.Cell(n.ID), inert.Cell(n.Title), inert.Cell(n.Org),
			inert.Cell(industries(n.Industries, n.IndustriesInferred)), inert.Cell(n.Region)}, append(best, len(rn.Matches))...))
		var needTerms []string
		for j := range rn.Matches {
			needTerms = append(needTerms, rn.Matches[j].MatchedTerms...)
		}
		sum.rich(1, n.Title, needTerms)
		for j := range rn.Matches {
			m := &rn.Matches[j]
			a := &m.Achievement
			clear(row)
			copy(row, []any{inert.Cell(n.ID), inert.Cell(n.Title), inert.Cell(n.Org), inert.Cell(n.Region), m.rank(j),
				inert.Cell(a.ID), inert.Cell(a.Title), inert.Cell(a.Owner), inert.Cell(label(ownerNames, a.OwnerType)),
				inert.Cell(a.Region), levelCell(a.Maturity), priceCell(a.Price), inert.Cell(labels(modeNames, a.TransferModes)),
				m.degree(), inert.Cell(strings.Join(m.Reasons, "\n"))})
			fillExtra(row[len(DetailHeaders):], needNames, n.Extra)
			fillExtra(row[len(DetailHeaders)+len(needNames):], achNames, a.Extra)
			for k, c := range row {
				if c == nil {
					row[k] = ""
				}
			}
			det.add(row)
			det.rich(detailNeedTitle, n.Title, m.MatchedTerms)
			det.rich(detailAchTitle, a.Title, m.MatchedTerms)
		}
	}
	if err := sum.finish(); err != nil {
		return err
	}
	return det.finish()
}

// fillExtra puts the values of e under names into row (inert), "" for a
// name e lacks.
func fillExtra(row []any, names []string, e techmatch.Extra) {
	for i, name := range names {
		v, _ := e.Get(name)
		row[i] = inert.Cell(v)
	}
}

// levelCell is a maturity level as a number, "" when unknown.
func levelCell(l int) any {
	if l <= 0 {
		return ""
	}
	return l
}

// priceCell is a price as a number of 万元, 面议 for 0.
func priceCell(x float64) any {
	if s := amount(x); s == "面议" {
		return s
	}
	return x
}
