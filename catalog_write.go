package techmatch

// This file holds the catalog writers: records back to JSONL or CSV, extra
// fields included, in the forms the readers read back.

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/techmatch/techmatch/internal/inert"
)

// listSep joins list items in a CSV cell; the readers split on it (and on
// , ， ; ； 、).
const listSep = "|"

// WriteAchievements writes recs to w as an achievements catalog in format
// (FormatJSONL or FormatCSV) that ReadAchievements reads back. Records are
// written as given, in order: they are not normalised nor validated (the
// readers do that), and recs is not modified.
//
// JSONL: one object per line with the contract's keys (id, title and
// description always, the others when set) then "extra", an object in the
// record's Extra order; HTML characters are not escaped.
//
// CSV: a UTF-8 BOM (for Excel), a header of the contract columns (id,
// title, description, keywords, industries, industries_inferred, owner,
// owner_type, region, maturity, price, transfer_modes, date) followed by
// the union of the records' extra names in first-seen order, then one row
// per record: lists joined with "|", maturity and price as numbers (empty
// when 0, that is unknown), industries_inferred "true" or empty, a record
// without one of the extra names an empty cell. As in pairing output
// (PairWriter), every text cell, header cells included, goes through
// inert.Cell: a value starting with = + - @, a tab or a carriage return
// gets a leading apostrophe and reads back with it.
//
// Round trips: JSONL written here reads back to the same records, extra
// fields with their names, values and order. CSV reads back to the same
// records but where CSV cannot say it: the apostrophe above; "\r\n" in a
// value reads back as "\n" (encoding/csv); a list item holding a list
// separator reads back as several items; a record lacking an extra name
// of another record reads it back as ""; extra fields follow the header's
// order. Two extra names written alike (with and without the apostrophe)
// and a price that is not a finite number are errors.
//
// Output is buffered and flushed before returning; memory beyond it is one
// record (JSONL) or the header's extra names (CSV).
func WriteAchievements(w io.Writer, format Format, recs []Achievement) error {
	return writeCatalog(w, format, "achievements", recs, achievementColumns)
}

// WriteNeeds writes recs to w as a needs catalog; see WriteAchievements.
// The CSV columns are id, title, description, keywords, industries,
// industries_inferred, org, org_type, region, min_maturity, budget,
// transfer_modes, date, then the extra names.
func WriteNeeds(w io.Writer, format Format, recs []Need) error {
	return writeCatalog(w, format, "needs", recs, needColumns)
}

// recordView is what the CSV writer needs of a record, whichever its type:
// the owner or org, its type, the maturity level and the price or budget
// in the same places.
type recordView struct {
	id, title, desc string
	keywords        []string
	inds            []Industry
	inferred        bool
	org, orgType    string
	region, date    string
	level           int
	amountName      string
	amount          float64
	modes           []TransferMode
	extra           Extra
}

// catalogColumns names the contract columns of a record type for CSV and
// views its records.
type catalogColumns[T any] struct {
	names []string
	view  func(rec *T) recordView
}

var achievementColumns = catalogColumns[Achievement]{
	names: []string{"id", "title", "description", "keywords", "industries", "industries_inferred",
		"owner", "owner_type", "region", "maturity", "price", "transfer_modes", "date"},
	view: func(a *Achievement) recordView {
		return recordView{a.ID, a.Title, a.Description, a.Keywords, a.Industries, a.IndustriesInferred,
			a.Owner, string(a.OwnerType), a.Region, a.Date, a.Maturity, "price", a.Price, a.TransferModes, a.Extra}
	},
}

var needColumns = catalogColumns[Need]{
	names: []string{"id", "title", "description", "keywords", "industries", "industries_inferred",
		"org", "org_type", "region", "min_maturity", "budget", "transfer_modes", "date"},
	view: func(n *Need) recordView {
		return recordView{n.ID, n.Title, n.Description, n.Keywords, n.Industries, n.IndustriesInferred,
			n.Org, string(n.OrgType), n.Region, n.Date, n.MinMaturity, "budget", n.Budget, n.TransferModes, n.Extra}
	},
}

// cells fills the contract columns of row (in catalogColumns' order) with
// v's cells, text made inert.
func (v *recordView) cells(row []string) error {
	amount, err := amountCell(v.amountName, v.amount)
	inferred := ""
	if v.inferred {
		inferred = "true"
	}
	copy(row, []string{inert.Cell(v.id), inert.Cell(v.title), inert.Cell(v.desc),
		inert.Cell(strings.Join(v.keywords, listSep)), inert.Cell(joinCodes(v.inds)), inferred,
		inert.Cell(v.org), inert.Cell(v.orgType), inert.Cell(v.region), levelCell(v.level), amount,
		inert.Cell(joinCodes(v.modes)), inert.Cell(v.date)})
	return err
}

func joinCodes[E ~string](xs []E) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = string(x)
	}
	return strings.Join(s, listSep)
}

// levelCell writes a maturity level; 0 (unknown) is empty.
func levelCell(l int) string {
	if l == 0 {
		return ""
	}
	return strconv.Itoa(l)
}

// amountCell writes a price or budget; 0 (negotiable, unknown) is empty.
func amountCell(field string, x float64) (string, error) {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return "", fmt.Errorf("%s %v is not a finite number", field, x)
	case x == 0:
		return "", nil
	}
	return strconv.FormatFloat(x, 'f', -1, 64), nil
}

func writeCatalog[T any](w io.Writer, format Format, noun string, recs []T, cols catalogColumns[T]) error {
	if w == nil {
		return fmt.Errorf("write %s: nil io.Writer", noun)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var err error
	switch format {
	case FormatJSONL:
		err = writeCatalogJSONL(bw, recs, cols)
	case FormatCSV:
		err = writeCatalogCSV(bw, recs, cols)
	default:
		return fmt.Errorf("write %s: unsupported format %q (want jsonl or csv)", noun, format)
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return safe(fmt.Errorf("write %s: %w", noun, err))
	}
	return nil
}

// recordError names record i (0-based) and its id in a writer's error.
func recordError(i int, id string, err error) error {
	return fmt.Errorf("record %d (id %s): %w", i+1, shownID(id), err)
}

func writeCatalogJSONL[T any](bw *bufio.Writer, recs []T, cols catalogColumns[T]) error {
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range recs {
		if err := enc.Encode(&recs[i]); err != nil {
			return recordError(i, cols.view(&recs[i]).id, err)
		}
	}
	return nil
}

func writeCatalogCSV[T any](bw *bufio.Writer, recs []T, cols catalogColumns[T]) error {
	// The header: contract columns, then the extra names in first-seen
	// order.
	header := append([]string(nil), cols.names...)
	at := map[string]int{}         // extra name → column
	written := map[string]string{} // header cell → extra name
	for i := range recs {
		v := cols.view(&recs[i])
		for _, f := range v.extra {
			if _, ok := at[f.Name]; ok {
				continue
			}
			cell := inert.Cell(f.Name)
			if other, ok := written[cell]; ok {
				return recordError(i, v.id, fmt.Errorf("extra names %q and %q are both written %q in CSV", other, f.Name, cell))
			}
			written[cell] = f.Name
			at[f.Name] = len(header)
			header = append(header, cell)
		}
	}
	if _, err := bw.WriteString(bom); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	if err := cw.Write(header); err != nil {
		return err
	}
	row := make([]string, len(header))
	for i := range recs {
		clear(row)
		v := cols.view(&recs[i])
		if err := v.cells(row); err != nil {
			return recordError(i, v.id, err)
		}
		for j := len(v.extra) - 1; j >= 0; j-- { // backwards: a name given twice writes its first value
			row[at[v.extra[j].Name]] = inert.Cell(v.extra[j].Value)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
