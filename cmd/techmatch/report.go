package main

// This file holds the agency reports of `techmatch match --format
// xlsx|html` (package match/report) and the --progress flag.

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/internal/inert"
	mreport "github.com/techmatch/techmatch/match/report"
	"github.com/techmatch/techmatch/rank"
)

// Report formats of --format, beside the pairing formats jsonl and csv.
const (
	formatXLSX = "xlsx"
	formatHTML = "html"
)

// isReportFormat reports whether --format names an agency report.
func isReportFormat(format string) bool { return format == formatXLSX || format == formatHTML }

// checkReportFlags refuses the flag combinations a report cannot honour:
// xlsx to stdout, the achievement direction, the reciprocal view.
func checkReportFlags(format, out, direction string) error {
	if format == formatXLSX && out == "" {
		return fmt.Errorf("--format xlsx needs --out FILE.xlsx (a workbook is not written to stdout)")
	}
	if direction != "need" {
		return fmt.Errorf("--format %s works with --direction need only (a report lists each need's achievements)", format)
	}
	return nil
}

// pairSink receives a run's pairs: a techmatch.PairWriter, or a
// reportSink.
type pairSink interface {
	Write(techmatch.Pair) error
	Flush() error
}

// reportSink collects the pairs of a run and writes them as a report on
// Flush: needs in catalog order, each with its pairs in rank order, the
// degree from the run's scorer (Scorer.Degree, rank.Degree under the
// default weights), the reasons from rank.Reasons and, to highlight, the
// matched terms that are not generic (rank.IsGeneric).
type reportSink struct {
	ctx    context.Context
	w      io.Writer
	format string
	data   *loaded
	scorer *rank.Scorer
	title  string
	pairs  map[string][]techmatch.Pair // need id → pairs
	opts   mreport.Options
}

func newReportSink(ctx context.Context, w io.Writer, format string, data *loaded, pageBreak bool) (*reportSink, error) {
	cfg := rank.DefaultConfig()
	if data.rank != nil {
		cfg = *data.rank
	}
	sc, err := rank.New(cfg)
	if err != nil {
		return nil, err
	}
	return &reportSink{ctx: ctx, w: w, format: format, data: data, scorer: sc, pairs: map[string][]techmatch.Pair{},
		opts: mreport.Options{PageBreak: pageBreak}}, nil
}

func (s *reportSink) Write(p techmatch.Pair) error {
	s.pairs[p.NeedID] = append(s.pairs[p.NeedID], p)
	return nil
}

// Flush builds the report and writes it.
func (s *reportSink) Flush() error {
	r := s.build()
	if s.format == formatXLSX {
		return mreport.WriteXLSX(s.ctx, s.w, r, s.opts)
	}
	return mreport.WriteHTML(s.ctx, s.w, r, s.opts)
}

// build turns the collected pairs into a mreport.Report. Pairs naming an
// achievement the catalog lacks (never, for pairs of this run) are left
// out.
func (s *reportSink) build() mreport.Report {
	achs := make(map[string]*techmatch.Achievement, len(s.data.achs))
	for i := range s.data.achs {
		achs[s.data.achs[i].ID] = &s.data.achs[i]
	}
	r := mreport.Report{Title: s.title, Subtitle: s.subtitle()}
	for _, n := range s.data.needs {
		rn := mreport.Need{Need: n}
		for _, p := range s.pairs[n.ID] {
			a, ok := achs[p.AchievementID]
			if !ok {
				continue
			}
			m := mreport.Match{Achievement: *a, Rank: p.Rank, Score: p.Score, Degree: s.scorer.Degree(p.Score), Explanation: p.Explain}
			if p.Explain != nil {
				m.Reasons = rank.Reasons(*p.Explain)
				for _, term := range p.Explain.MatchedTerms {
					if !rank.IsGeneric(term) { // 技术, 系统 … would light up every text
						m.MatchedTerms = append(m.MatchedTerms, term)
					}
				}
			}
			rn.Matches = append(rn.Matches, m)
		}
		r.Needs = append(r.Needs, rn)
	}
	return r
}

// subtitle names the run: catalogs and date.
func (s *reportSink) subtitle() string {
	return fmt.Sprintf("成果 %d 项，需求 %d 项 · 生成于 %s", len(s.data.achs), len(s.data.needs), time.Now().Format("2006-01-02"))
}

// reportTitle is the report's title from the output file's name
// (对接推荐2026Q4.xlsx → 对接推荐2026Q4), or mreport.DefaultTitle.
func reportTitle(out string) string {
	if out == "" {
		return ""
	}
	return strings.TrimSuffix(filepath.Base(out), filepath.Ext(out))
}

// Values of --progress.
const (
	progressAuto   = "auto"
	progressAlways = "always"
	progressNever  = "never"
	progressLog    = "log"
)

// progress counts a long step on stderr: a bar with counts and ETA
// (progressbar), one line per 10% (log), or nothing.
type progress interface {
	Add(n int)
	Finish()
}

type noProgress struct{}

func (noProgress) Add(int) {}
func (noProgress) Finish() {}

// logProgress prints "matching: 30% (48/160), ETA 2s" at every 10%.
type logProgress struct {
	w           io.Writer
	desc        string
	total, done int
	next        int // next tenth to print
	start       time.Time
}

func (p *logProgress) Add(n int) {
	p.done += n
	for p.total > 0 && p.next <= 10 && p.done*10 >= p.next*p.total {
		eta := ""
		if p.done > 0 && p.done < p.total {
			left := time.Duration(float64(time.Since(p.start)) * float64(p.total-p.done) / float64(p.done))
			eta = ", ETA " + left.Round(time.Second).String()
		}
		fmt.Fprintf(p.w, "%s: %d%% (%d/%d)%s\n", p.desc, p.next*10, p.done, p.total, eta)
		p.next++
	}
}

func (p *logProgress) Finish() {}

type barProgress struct{ bar *progressbar.ProgressBar }

func (p barProgress) Add(n int) { _ = p.bar.Add(n) }
func (p barProgress) Finish()   { _ = p.bar.Finish() }

// checkProgress validates a --progress value.
func checkProgress(mode string) error {
	switch mode {
	case progressAuto, progressAlways, progressNever, progressLog:
		return nil
	}
	return fmt.Errorf("--progress %s: want auto, always, never or log", inert.Terminal(mode))
}

// newProgress returns the progress display of a step of total units on
// stderr for mode: auto draws a bar only when stderr is a terminal.
func newProgress(mode string, stderr io.Writer, total int, desc string) progress {
	switch {
	case mode == progressLog:
		return &logProgress{w: stderr, desc: desc, total: total, next: 1, start: time.Now()}
	case mode == progressAlways || mode == progressAuto && stderrIsTerminal():
		return barProgress{progressbar.NewOptions(total, progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription(desc),
			progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true), progressbar.OptionShowElapsedTimeOnFinish(),
			progressbar.OptionOnCompletion(func() { fmt.Fprintln(stderr) }), progressbar.OptionThrottle(100*time.Millisecond))}
	}
	return noProgress{}
}

// indexChunks is the number of parts buildIndexShown adds records in, so
// that its progress moves; a part holds at least minIndexChunk records
// (the index analyses records in batches: smaller parts would slow it).
const (
	indexChunks   = 20
	minIndexChunk = 1024 // index.Add's batch size (index/write.go batchSize)
)

// buildIndexShown is buildIndex with a progress display of data.progress
// ("indexing", records added): the records are added in up to indexChunks
// parts. A record the index rejects is reported with its position in its
// part and its id.
func buildIndexShown[R techmatch.Record](ctx context.Context, data *loaded, recs []R) (*index.Index[R], error) {
	if data.progress == "" || data.progress == progressNever {
		return buildIndex(ctx, data.seg, recs)
	}
	idx, err := index.New[R](ctx, index.Config{Segmenter: data.seg, CoreOnly: true})
	if err != nil {
		return nil, err
	}
	bar := newProgress(data.progress, data.stderr, len(recs), "indexing")
	chunk := max(len(recs)/indexChunks, minIndexChunk)
	for start := 0; start < len(recs); start += chunk {
		part := recs[start:min(start+chunk, len(recs))]
		if err := idx.Add(ctx, part...); err != nil {
			idx.Close()
			return nil, err
		}
		bar.Add(len(part))
	}
	bar.Finish()
	return idx, nil
}
