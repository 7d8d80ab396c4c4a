package bench

import (
	"bytes"
	"encoding/xml"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sampleResults() *Results {
	r := &Results{Time: "2026-01-01T00:00:00Z", Git: "abc", GOMAXPROCS: 2, GoVersion: "go1.26"}
	for _, n := range []int{1000, 10000, 100000} {
		f := float64(n)
		add := func(name string, m map[string]float64) {
			r.Benchmarks = append(r.Benchmarks, Entry{Name: name, N: ParseN(name), Metrics: m})
		}
		add("BenchmarkMatch/"+sizeName(n)+"/filter=none", map[string]float64{"p50-ms": f / 1e4, "p99-ms": f / 2e3})
		add("BenchmarkNaiveMatch/"+sizeName(n)+"/filter=none", map[string]float64{"p50-ms": f / 1e3, "p99-ms": f / 2e2})
		add("BenchmarkMatchAll/"+sizeName(n)+"/explain=false", map[string]float64{"needs/s": 1e7 / f})
		add("BenchmarkMatchAll/"+sizeName(n)+"/explain=true", map[string]float64{"needs/s": 5e6 / f})
		add("BenchmarkNaiveMatchAll/"+sizeName(n), map[string]float64{"needs/s": 1e6 / f})
	}
	return r
}

// wellFormed decodes the whole document with encoding/xml.
func wellFormed(t *testing.T, svg []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		require.NoError(t, err, "SVG is not well-formed XML")
	}
}

func TestWriteSVG(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteSVG(&buf, sampleResults(), DefaultPanels))
	svg := buf.Bytes()
	wellFormed(t, svg)
	tests := []struct {
		what string
		sub  string
		want int
	}{
		{"polylines (one per series)", "<polyline", 7},
		{"points (7 series × 3 sizes)", "<circle", 21},
		{"x tick 100k", ">100k<", 2},
	}
	for _, tt := range tests {
		got := strings.Count(string(svg), tt.sub)
		assert.Equal(t, tt.want, got, "%s: got %d, want %d", tt.what, got, tt.want)
	}
}

func TestWriteSVGErrors(t *testing.T) {
	tests := []struct {
		name string
		r    *Results
	}{
		{"no sizes", &Results{}},
		{"no matching series", &Results{Benchmarks: []Entry{{Name: "BenchmarkOther/n=10", N: 10, Metrics: map[string]float64{"x": 1}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := WriteSVG(io.Discard, tt.r, DefaultPanels)
			assert.Error(t, err, "got nil, want an error")
		})
	}
}

func TestResultsRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.json")
	want := sampleResults()
	require.NoError(t, want.Save(path))
	got, err := Load(path)
	require.NoError(t, err)
	assert.Equal(t, want, got, "got %+v, want %+v", got, want)
	assert.Equal(t, []int{1000, 10000, 100000}, got.Sizes(), "sizes")
	v, ok := got.Lookup("BenchmarkMatchAll/n=1000/explain=true", "needs/s")
	assert.True(t, ok)
	assert.InDelta(t, 5000.0, v, 1e-9, "got %v, want 5000", v)

	_, err = Load(filepath.Join(t.TempDir(), "missing.json"))
	assert.Error(t, err, "missing file: got nil, want an error")
}

func TestWriteMarkdown(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteMarkdown(&buf, sampleResults()))
	out := buf.String()
	tests := []struct {
		what, sub string
	}{
		{"n=100000 header", "**n = 100000 achievements**"},
		{"p50 row at n=1000 (ours 0.1 ms, naive 1 ms)", "| Match p50, ms (unfiltered) | 0.100 | 1.00 | – |"},
		{"throughput row at n=10000", "| MatchAll needs/s, NoExplain | 1000 | 100 | – |"},
	}
	for _, tt := range tests {
		assert.Contains(t, out, tt.sub, "%s: got\n%s\nwant it to contain %q", tt.what, out, tt.sub)
	}
}
