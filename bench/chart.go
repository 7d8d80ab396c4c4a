package bench

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"math"
	"strconv"
)

// Series is one line of a chart panel: the metric unit of the benchmark
// named by fmt.Sprintf(Name, n) for each catalog size n.
type Series struct {
	Label  string
	Name   string // format with one %d for n
	Unit   string
	Color  string
	Dashed bool
}

// Panel is one plot: log-scale x (catalog size) and log-scale y.
type Panel struct {
	Title  string
	YLabel string
	Series []Series
}

// DefaultPanels are the two plots of bench/chart.svg: single-need Match
// latency p50/p99 and MatchAll throughput, ours vs the naive baseline.
var DefaultPanels = []Panel{
	{
		Title: "Match latency, one need, top-10 (unfiltered)", YLabel: "ms (log)",
		Series: []Series{
			{"techmatch p50", "BenchmarkMatch/n=%d/filter=none", "p50-ms", "#1f77b4", false},
			{"techmatch p99", "BenchmarkMatch/n=%d/filter=none", "p99-ms", "#17becf", false},
			{"naive bleve p50", "BenchmarkNaiveMatch/n=%d/filter=none", "p50-ms", "#d62728", true},
			{"naive bleve p99", "BenchmarkNaiveMatch/n=%d/filter=none", "p99-ms", "#ff7f0e", true},
		},
	},
	{
		Title: "MatchAll throughput, top-10", YLabel: "needs/s (log)",
		Series: []Series{
			{"techmatch NoExplain", "BenchmarkMatchAll/n=%d/explain=false", "needs/s", "#1f77b4", false},
			{"techmatch with explain", "BenchmarkMatchAll/n=%d/explain=true", "needs/s", "#17becf", false},
			{"naive bleve", "BenchmarkNaiveMatchAll/n=%d", "needs/s", "#d62728", true},
		},
	},
}

// chart geometry (pixels).
const (
	panelW, panelH       = 480, 400
	marginL, marginR     = 70, 20
	marginT, marginB     = 50, 130
	plotW                = panelW - marginL - marginR
	plotH                = panelH - marginT - marginB
	headerH              = 30
	legendRow, legendGap = 16, 4
)

// WriteSVG draws panels side by side from r as a standalone SVG document:
// catalog size on a log x axis, values on a log y axis, one polyline per
// series, missing points skipped. It fails when r has no catalog sizes or
// no panel has a point.
func WriteSVG(w io.Writer, r *Results, panels []Panel) error {
	sizes := r.Sizes()
	if len(sizes) == 0 {
		return fmt.Errorf("bench: chart: results have no catalog sizes (no \"n=\" benchmarks)")
	}
	bw := bufio.NewWriter(w)
	W, H := panelW*len(panels), panelH+headerH
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n", W, H, W, H)
	fmt.Fprintf(bw, `<rect width="%d" height="%d" fill="white"/>`+"\n", W, H)
	sub := fmt.Sprintf("techmatch vs naive bleve (same jieba analyzer) — %s, %d CPUs, git %.10s (+%d dirty paths), %s",
		r.Time, r.GOMAXPROCS, r.Git, r.GitDirty, r.GoVersion)
	fmt.Fprintf(bw, `<text x="10" y="20" font-size="13">%s</text>`+"\n", html.EscapeString(sub))
	points := 0
	for pi, p := range panels {
		points += drawPanel(bw, r, p, sizes, pi*panelW, headerH)
	}
	fmt.Fprintln(bw, `</svg>`)
	if points == 0 {
		return fmt.Errorf("bench: chart: no panel has a data point (did the Match benchmarks run?)")
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("bench: chart: %w", err)
	}
	return nil
}

type pt struct{ n, v float64 }

func drawPanel(w io.Writer, r *Results, p Panel, sizes []int, ox, oy int) int {
	data := make([][]pt, len(p.Series))
	ymin, ymax := math.Inf(1), math.Inf(-1)
	for i, s := range p.Series {
		for _, n := range sizes {
			v, ok := r.Lookup(fmt.Sprintf(s.Name, n), s.Unit)
			if !ok || v <= 0 || math.IsInf(v, 0) || math.IsNaN(v) {
				continue
			}
			data[i] = append(data[i], pt{float64(n), v})
			ymin, ymax = math.Min(ymin, v), math.Max(ymax, v)
		}
	}
	x0, y0 := float64(ox+marginL), float64(oy+marginT)
	fmt.Fprintf(w, `<text x="%d" y="%d" font-size="14" font-weight="bold">%s</text>`+"\n", ox+marginL, oy+marginT-20, html.EscapeString(p.Title))
	fmt.Fprintf(w, `<rect x="%g" y="%g" width="%d" height="%d" fill="none" stroke="#444"/>`+"\n", x0, y0, plotW, plotH)
	if math.IsInf(ymin, 1) {
		fmt.Fprintf(w, `<text x="%g" y="%g">no data</text>`+"\n", x0+10, y0+20)
		return 0
	}
	// Axis ranges: whole decades around the data.
	xlo := math.Floor(math.Log10(float64(sizes[0])))
	xhi := math.Ceil(math.Log10(float64(sizes[len(sizes)-1])))
	if xhi == xlo {
		xlo, xhi = xlo-0.5, xhi+0.5
	}
	ylo, yhi := math.Floor(math.Log10(ymin)), math.Ceil(math.Log10(ymax))
	if yhi == ylo {
		yhi++
	}
	px := func(n float64) float64 { return x0 + (math.Log10(n)-xlo)/(xhi-xlo)*plotW }
	py := func(v float64) float64 { return y0 + plotH - (math.Log10(v)-ylo)/(yhi-ylo)*plotH }
	// Grid and ticks: decades, plus 2 and 5 on y.
	for d := ylo; d <= yhi; d++ {
		for _, m := range []float64{1, 2, 5} {
			v := m * math.Pow(10, d)
			if math.Log10(v) > yhi+1e-9 {
				break
			}
			y := py(v)
			fmt.Fprintf(w, `<line x1="%g" y1="%.1f" x2="%g" y2="%.1f" stroke="#ddd"/>`+"\n", x0, y, x0+plotW, y)
			fmt.Fprintf(w, `<text x="%g" y="%.1f" text-anchor="end">%s</text>`+"\n", x0-4, y+4, tick(v))
		}
	}
	for _, n := range sizes {
		x := px(float64(n))
		fmt.Fprintf(w, `<line x1="%.1f" y1="%g" x2="%.1f" y2="%g" stroke="#ddd"/>`+"\n", x, y0, x, y0+plotH)
		fmt.Fprintf(w, `<text x="%.1f" y="%g" text-anchor="middle">%s</text>`+"\n", x, y0+plotH+16, tick(float64(n)))
	}
	fmt.Fprintf(w, `<text x="%g" y="%g" text-anchor="middle">catalog size (achievements, log)</text>`+"\n", x0+plotW/2, y0+plotH+34)
	fmt.Fprintf(w, `<text transform="translate(%d,%g) rotate(-90)" text-anchor="middle">%s</text>`+"\n", ox+16, y0+plotH/2, html.EscapeString(p.YLabel))
	points := 0
	for i, s := range p.Series {
		dash := ""
		if s.Dashed {
			dash = ` stroke-dasharray="6,4"`
		}
		if len(data[i]) > 1 {
			fmt.Fprintf(w, `<polyline fill="none" stroke="%s" stroke-width="2"%s points="`, s.Color, dash)
			for _, q := range data[i] {
				fmt.Fprintf(w, "%.1f,%.1f ", px(q.n), py(q.v))
			}
			fmt.Fprintln(w, `"/>`)
		}
		for _, q := range data[i] {
			fmt.Fprintf(w, `<circle cx="%.1f" cy="%.1f" r="3.5" fill="%s"><title>%s n=%d: %s</title></circle>`+"\n",
				px(q.n), py(q.v), s.Color, html.EscapeString(s.Label), int(q.n), strconv.FormatFloat(q.v, 'g', 4, 64))
			points++
		}
		ly := y0 + plotH + 52 + float64(i*(legendRow+legendGap))
		fmt.Fprintf(w, `<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="%s" stroke-width="2"%s/>`+"\n", x0, ly-4, x0+28, ly-4, s.Color, dash)
		fmt.Fprintf(w, `<text x="%g" y="%g">%s</text>`+"\n", x0+34, ly, html.EscapeString(s.Label))
	}
	return points
}

// tick formats an axis value compactly: 1000 → 1k, 0.5 → 0.5.
func tick(v float64) string {
	switch {
	case v >= 1e6 && math.Mod(v, 1e6) == 0:
		return strconv.FormatFloat(v/1e6, 'g', 4, 64) + "M"
	case v >= 1e3 && math.Mod(v, 1e3) == 0:
		return strconv.FormatFloat(v/1e3, 'g', 4, 64) + "k"
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}
