package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/internal/inert"
	"github.com/techmatch/techmatch/match/dedup"
)

// dupRow is one member of a cluster in duplicates output.
type dupRow struct {
	Catalog    string       `json:"catalog"`
	Cluster    int          `json:"cluster"`
	ID         string       `json:"id"`
	Newest     string       `json:"newest"`
	Similarity float64      `json:"similarity"`
	Diffs      []dedup.Diff `json:"diffs,omitempty"`
}

var dupCSVHeader = []string{"catalog", "cluster", "id", "newest", "similarity", "differs"}

func newDuplicatesCmd() *cobra.Command {
	var (
		cf     catalogFlags
		out    string
		format string
	)
	cmd := &cobra.Command{
		Use:     "duplicates",
		Short:   "List near-duplicate records (the same achievement or need re-submitted) as clusters",
		Example: `  techmatch duplicates --achievements 成果2026Q3.xlsx,成果2026Q4.xlsx --needs 需求.xlsx --format csv --out 疑似重复.csv`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			start := time.Now()
			stderr := cmd.ErrOrStderr()
			fmtw := techmatch.Format(format)
			if fmtw != techmatch.FormatJSONL && fmtw != techmatch.FormatCSV {
				return fmt.Errorf("--format %q: want jsonl or csv", format)
			}
			if len(cf.achievements) == 0 && len(cf.needs) == 0 {
				return fmt.Errorf("--achievements or --needs is required")
			}
			opt := techmatch.ReadOptions{Lenient: cf.lenient, Sheet: cf.sheet, Limits: cf.limits}
			if err := checkLimitFlags(cf.limits); err != nil {
				return err
			}
			if err := opt.Validate(); err != nil {
				return err
			}
			var achs []techmatch.Achievement
			var needs []techmatch.Need
			var err error
			if len(cf.achievements) > 0 {
				if achs, err = loadAll(ctx, cf.achievements, opt, stderr, techmatch.LoadAchievements); err != nil {
					return err
				}
			}
			if len(cf.needs) > 0 {
				if needs, err = loadAll(ctx, cf.needs, opt, stderr, techmatch.LoadNeeds); err != nil {
					return err
				}
			}
			ac, err := dedup.Find(ctx, achs, dedup.Config{})
			if err != nil {
				return err
			}
			nc, err := dedup.Find(ctx, needs, dedup.Config{})
			if err != nil {
				return err
			}
			dst, err := createOutput(cmd.OutOrStdout(), out)
			if err != nil {
				return err
			}
			defer dst.discard()
			bw := bufio.NewWriterSize(dst, 1<<16)
			rows := 0
			if fmtw == techmatch.FormatCSV {
				rows, err = writeDupCSV(bw, ac, nc)
			} else {
				rows, err = writeDupJSONL(bw, ac, nc)
			}
			if err != nil {
				return err
			}
			if err := bw.Flush(); err != nil {
				return err
			}
			if err := dst.commit(); err != nil {
				return err
			}
			fmt.Fprintf(stderr, "duplicates: %d achievements, %d needs read; %d achievement clusters (%d records), %d need clusters (%d records): %d rows written to %s in %s\n",
				len(achs), len(needs), len(ac), members(ac), len(nc), members(nc), rows, outName(out), time.Since(start).Round(10*time.Millisecond))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&cf.achievements, "achievements", nil, "achievement catalog(s) (JSONL, CSV or XLSX; repeat or separate with commas)")
	f.StringSliceVar(&cf.needs, "needs", nil, "need catalog(s)")
	f.BoolVar(&cf.lenient, "lenient", false, "skip bad records instead of failing")
	f.StringVar(&cf.sheet, "sheet", "", "XLSX sheet to read (default: the first)")
	addLimitFlags(f, &cf.limits)
	f.StringVar(&out, "out", "", "write to this file (created 0600, replaced only when the run succeeds) instead of stdout")
	f.StringVar(&format, "format", "jsonl", "output format: jsonl or csv (UTF-8 with BOM)")
	return cmd
}

func members(cs []dedup.Cluster) int {
	n := 0
	for _, c := range cs {
		n += len(c.Members)
	}
	return n
}

// dupRows lists the clusters member by member, numbering clusters from 1.
func dupRows(ac, nc []dedup.Cluster) []dupRow {
	var rows []dupRow
	k := 0
	for _, part := range []struct {
		name string
		cs   []dedup.Cluster
	}{{"achievements", ac}, {"needs", nc}} {
		for _, c := range part.cs {
			k++
			for _, id := range c.Members {
				r := dupRow{Catalog: part.name, Cluster: k, ID: id, Newest: dedup.Newest(c), Similarity: roundTo(c.Similarity, 4)}
				for _, d := range c.Diffs {
					if d.ID == id {
						d.Change = roundTo(d.Change, 4)
						r.Diffs = append(r.Diffs, d)
					}
				}
				rows = append(rows, r)
			}
		}
	}
	return rows
}

func roundTo(x float64, dec int) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', dec, 64), 64)
	return v
}

func writeDupJSONL(w io.Writer, ac, nc []dedup.Cluster) (int, error) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	rows := dupRows(ac, nc)
	for _, r := range rows {
		if err := enc.Encode(r); err != nil {
			return 0, err
		}
	}
	return len(rows), nil
}

// writeDupCSV writes one row per member; "differs" lists the fields in
// which it differs from the newest member, e.g. "description 23%; price
// 200→260".
func writeDupCSV(w io.Writer, ac, nc []dedup.Cluster) (int, error) {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return 0, err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(dupCSVHeader); err != nil {
		return 0, err
	}
	rows := dupRows(ac, nc)
	for _, r := range rows {
		var diffs []string
		for _, d := range r.Diffs {
			switch d.Field {
			case "title", "description", "keywords":
				diffs = append(diffs, fmt.Sprintf("%s %.0f%%", d.Field, 100*d.Change))
			default:
				diffs = append(diffs, fmt.Sprintf("%s %s→%s", d.Field, d.Value, d.Newest))
			}
		}
		if err := cw.Write([]string{r.Catalog, strconv.Itoa(r.Cluster), inert.Cell(r.ID), inert.Cell(r.Newest),
			strconv.FormatFloat(r.Similarity, 'f', -1, 64), inert.Cell(strings.Join(diffs, "; "))}); err != nil {
			return 0, err
		}
	}
	cw.Flush()
	return len(rows), cw.Error()
}

// foldDuplicates replaces both catalogs of data by their folded forms
// (dedup.Fold: each cluster of near-duplicates kept as its newest member)
// and reports how many records were folded.
func foldDuplicates(ctx context.Context, data *loaded) error {
	ac, err := dedup.Find(ctx, data.achs, dedup.Config{})
	if err != nil {
		return err
	}
	nc, err := dedup.Find(ctx, data.needs, dedup.Config{})
	if err != nil {
		return err
	}
	achs, af, err := dedup.Fold(data.achs, ac)
	if err != nil {
		return err
	}
	needs, nf, err := dedup.Fold(data.needs, nc)
	if err != nil {
		return err
	}
	data.achs, data.needs = achs, needs
	fmt.Fprintf(data.stderr, "folded duplicates: %d achievements into %d clusters' newest, %d needs into %d clusters' newest; matching %d achievements and %d needs\n",
		len(af), len(ac), len(nf), len(nc), len(achs), len(needs))
	return nil
}
