package techmatch

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/techmatch/techmatch/internal/inert"
)

// scoreDecimals is how many decimals pairing output keeps of every float
// (scores, feature values, weights), so output is byte-for-byte
// reproducible across platforms and summation orders.
const scoreDecimals = 6

// pairsCSVHeader is the header row of CSV pairing output.
var pairsCSVHeader = []string{"need_id", "achievement_id", "rank", "score", "explain"}

// PairWriter writes pairing output one pair at a time, as JSON Lines
// (FormatJSONL) or CSV (FormatCSV).
//
// JSONL: one object per line with the keys need_id, achievement_id, rank,
// score, explain (omitted when nil), HTML escaping off. CSV: a UTF-8 BOM
// (for Excel), the header need_id,achievement_id,rank,score,explain, then
// one row per pair with explain as compact JSON in one cell. Every float is
// rounded to 6 decimals.
//
// CSV output is meant for spreadsheets, so every text cell (the ids and
// the explanation, which quote catalog text) goes through inert.Cell, the
// OWASP "CSV Injection" rule: a cell starting with = + - @, a tab or a
// carriage return (or their full-width forms) gets a leading apostrophe,
// so Excel, LibreOffice and WPS show it as text instead of evaluating a
// formula such as =HYPERLINK(…) or =cmd|' /C calc'!A0. The numbers the
// program computes (rank, score) are written as numbers. JSONL output is
// data, not a spreadsheet, and is written as is.
//
// Output is buffered: call Flush when done. After the first error every
// call returns it. A PairWriter is for one goroutine; guard it with a
// mutex to share it.
type PairWriter struct {
	format Format
	bw     *bufio.Writer
	csv    *csv.Writer
	buf    bytes.Buffer  // one encoded JSON value
	enc    *json.Encoder // writes to buf
	header bool          // CSV BOM and header written
	err    error
}

// NewPairWriter returns a writer of pairs to w in format (FormatJSONL or
// FormatCSV).
func NewPairWriter(w io.Writer, format Format) (*PairWriter, error) {
	if w == nil {
		return nil, fmt.Errorf("pair writer: nil io.Writer")
	}
	pw := &PairWriter{format: format, bw: bufio.NewWriterSize(w, 64<<10)}
	switch format {
	case FormatJSONL:
	case FormatCSV:
		pw.csv = csv.NewWriter(pw.bw)
	default:
		return nil, fmt.Errorf("pair writer: unsupported format %q (want jsonl or csv)", format)
	}
	pw.enc = json.NewEncoder(&pw.buf)
	pw.enc.SetEscapeHTML(false)
	return pw, nil
}

// Write writes one pair.
func (pw *PairWriter) Write(p Pair) error {
	if pw.err != nil {
		return pw.err
	}
	if err := pw.write(p); err != nil {
		pw.err = fmt.Errorf("write pair (need %s, achievement %s, rank %d): %w", inert.Terminal(p.NeedID), inert.Terminal(p.AchievementID), p.Rank, err)
	}
	return pw.err
}

func (pw *PairWriter) write(p Pair) error {
	p.Score = roundScore(p.Score)
	p.Explain = roundExplanation(p.Explain)
	if pw.format == FormatJSONL {
		pw.buf.Reset()
		if err := pw.enc.Encode(p); err != nil {
			return err
		}
		_, err := pw.bw.Write(pw.buf.Bytes())
		return err
	}
	if err := pw.writeHeader(); err != nil {
		return err
	}
	explain := ""
	if p.Explain != nil {
		pw.buf.Reset()
		if err := pw.enc.Encode(p.Explain); err != nil {
			return err
		}
		explain = string(bytes.TrimSuffix(pw.buf.Bytes(), []byte("\n")))
	}
	if math.IsNaN(p.Score) || math.IsInf(p.Score, 0) {
		return fmt.Errorf("score %v is not a finite number", p.Score)
	}
	return pw.csv.Write([]string{inert.Cell(p.NeedID), inert.Cell(p.AchievementID), strconv.Itoa(p.Rank),
		strconv.FormatFloat(p.Score, 'f', -1, 64), inert.Cell(explain)})
}

func (pw *PairWriter) writeHeader() error {
	if pw.header {
		return nil
	}
	pw.header = true
	if _, err := pw.bw.WriteString(bom); err != nil {
		return err
	}
	return pw.csv.Write(pairsCSVHeader)
}

// Flush writes buffered output to the underlying writer. For CSV it writes
// the BOM and header even when no pair was written.
func (pw *PairWriter) Flush() error {
	if pw.err != nil {
		return pw.err
	}
	if pw.csv != nil {
		if err := pw.writeHeader(); err != nil {
			pw.err = fmt.Errorf("write pairs: %w", err)
			return pw.err
		}
		pw.csv.Flush()
		if err := pw.csv.Error(); err != nil {
			pw.err = fmt.Errorf("write pairs: %w", err)
			return pw.err
		}
	}
	if err := pw.bw.Flush(); err != nil {
		pw.err = fmt.Errorf("write pairs: %w", err)
	}
	return pw.err
}

// WritePairsJSONL writes pairs to w as JSON Lines; see PairWriter.
func WritePairsJSONL(w io.Writer, pairs []Pair) error { return writePairs(w, FormatJSONL, pairs) }

// WritePairsCSV writes pairs to w as CSV with a UTF-8 BOM; see PairWriter.
func WritePairsCSV(w io.Writer, pairs []Pair) error { return writePairs(w, FormatCSV, pairs) }

func writePairs(w io.Writer, format Format, pairs []Pair) error {
	pw, err := NewPairWriter(w, format)
	if err != nil {
		return err
	}
	for _, p := range pairs {
		if err := pw.Write(p); err != nil {
			return err
		}
	}
	return pw.Flush()
}

// roundScore rounds x to scoreDecimals decimals; -0 becomes 0.
func roundScore(x float64) float64 {
	scale := math.Pow10(scoreDecimals)
	r := math.Round(x*scale) / scale
	if r == 0 {
		return 0
	}
	return r
}

// roundExplanation returns a copy of e with every float rounded; e is not
// modified.
func roundExplanation(e *Explanation) *Explanation {
	if e == nil {
		return nil
	}
	c := *e
	if e.Features != nil {
		c.Features = make([]Contribution, len(e.Features))
		for i, f := range e.Features {
			f.Value, f.Weight, f.Score = roundScore(f.Value), roundScore(f.Weight), roundScore(f.Score)
			c.Features[i] = f
		}
	}
	if e.Expansions != nil {
		c.Expansions = make([]Expansion, len(e.Expansions))
		for i, x := range e.Expansions {
			x.Weight = roundScore(x.Weight)
			c.Expansions[i] = x
		}
	}
	return &c
}
