package report

// The browser check: a real Chromium renders the report of the bundled
// catalogs. It runs when TECHMATCH_BROWSER=1 (.ci/browser installs
// Chromium and the Noto CJK fonts and sets it); TECHMATCH_CHROMIUM names
// the browser binary (default: chromium, chromium-browser or
// google-chrome from PATH) and TECHMATCH_SCREENSHOT a file to copy the
// report's screenshot to (the README's docs/report.png is made that way).

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

// chromium returns the browser binary, skipping the test unless
// TECHMATCH_BROWSER=1.
func chromium(t *testing.T) string {
	t.Helper()
	if os.Getenv("TECHMATCH_BROWSER") != "1" {
		t.Skip("set TECHMATCH_BROWSER=1 to render the report in Chromium (.ci/browser)")
	}
	if bin := os.Getenv("TECHMATCH_CHROMIUM"); bin != "" {
		return bin
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if bin, err := exec.LookPath(name); err == nil {
			return bin
		}
	}
	t.Fatal("TECHMATCH_BROWSER=1 but no chromium, chromium-browser or google-chrome in PATH (run .ci/browser)")
	return ""
}

// headless runs the browser on the file page with args and returns its
// standard output and error.
func headless(t *testing.T, bin, page string, args ...string) (string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	args = append([]string{"--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
		"--user-data-dir=" + t.TempDir()}, args...)
	cmd := exec.CommandContext(ctx, bin, append(args, "file://"+page)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	require.NoError(t, cmd.Run(), "%s %v: %s", bin, args, errb.String())
	return out.String(), errb.String()
}

// screenshot renders page at width×height and decodes the PNG.
func screenshot(t *testing.T, bin, page string, width, height int) (image.Image, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "shot.png")
	headless(t, bin, page, "--screenshot="+path, fmt.Sprintf("--window-size=%d,%d", width, height))
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	return img, path
}

// ink returns the share of pixels that are not near-white.
func ink(img image.Image) float64 {
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xe000 || g < 0xe000 || bl < 0xe000 {
				n++
			}
		}
	}
	return float64(n) / float64(b.Dx()*b.Dy())
}

// differ returns the share of pixels that differ between a and b.
func differ(a, b image.Image) float64 {
	if a.Bounds() != b.Bounds() {
		return 1
	}
	n := 0
	bb := a.Bounds()
	for y := bb.Min.Y; y < bb.Max.Y; y++ {
		for x := bb.Min.X; x < bb.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				n++
			}
		}
	}
	return float64(n) / float64(bb.Dx()*bb.Dy())
}

var consoleLine = regexp.MustCompile(`(?m)^.*:CONSOLE[:(].*$`)

func TestBrowserRendersReport(t *testing.T) {
	bin := chromium(t)
	r := fixture(t, 1000, 5)
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	var buf bytes.Buffer
	require.NoError(t, WriteHTML(context.Background(), &buf, r, Options{}))
	require.NoError(t, os.WriteFile(page, buf.Bytes(), 0o600))

	// The DOM after the page's script ran, and every console message: the
	// page logs nothing, so any message (an uncaught error above all) is
	// a failure.
	dom, logs := headless(t, bin, page, "--dump-dom", "--enable-logging=stderr", "--v=0")
	if msgs := consoleLine.FindAllString(logs, -1); len(msgs) > 0 {
		t.Errorf("console messages:\n%s", strings.Join(msgs, "\n"))
	}
	doc, err := html.Parse(strings.NewReader(dom))
	require.NoError(t, err)
	sections := 0
	var count string
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "section" && hasClass(n, "need") {
			sections++
		}
		if id, _ := attr(n, "id"); id == "count" {
			count = text(n)
		}
	})
	assert.Equal(t, len(r.Needs), sections, "one section per need in the rendered DOM")
	assert.Equal(t, fmt.Sprintf("显示 %d / %d 项需求", len(r.Needs), len(r.Needs)), count, "the filter script ran")

	// The screenshot is not blank.
	img, path := screenshot(t, bin, page, 1280, 2000)
	got := ink(img)
	t.Logf("report screenshot %s: %.1f%% ink", path, 100*got)
	assert.Greater(t, got, 0.02, "the report's screenshot is blank")
	if dst := os.Getenv("TECHMATCH_SCREENSHOT"); dst != "" {
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(dst, b, 0o644))
	}
}

// TestBrowserRendersCJK checks that Chinese renders as Chinese, not as
// tofu boxes, in the page's font stack. A font without a glyph draws
// every missing character as the same .notdef box, so a string and its
// reverse render identically; and private-use characters (which no font
// has) draw exactly those boxes. Real glyphs differ: 科技成果 and 果成技科
// give different pictures, and neither looks like the private-use one.
func TestBrowserRendersCJK(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	render := func(name, s string) image.Image {
		page := filepath.Join(dir, name+".html")
		doc := fmt.Sprintf(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>body{margin:0;background:#fff}
div{font-family:%s;font-size:96px;line-height:1;padding:20px;color:#000}</style></head><body><div>%s</div></body></html>`, FontStack, s)
		require.NoError(t, os.WriteFile(page, []byte(doc), 0o600))
		img, _ := screenshot(t, bin, page, 480, 140)
		return img
	}
	cjk, rev, pua := render("cjk", "科技成果"), render("rev", "果成技科"), render("pua", "\ue000\ue001\ue002\ue003")
	t.Logf("ink: cjk %.3f, reversed %.3f, private use %.3f; cjk vs reversed differ %.3f, cjk vs private use %.3f",
		ink(cjk), ink(rev), ink(pua), differ(cjk, rev), differ(cjk, pua))
	assert.Greater(t, ink(cjk), 0.02, "nothing drawn for 科技成果")
	assert.Greater(t, differ(cjk, rev), 0.01, "科技成果 and 果成技科 render alike: every character is the same box (no CJK font)")
	assert.Greater(t, differ(cjk, pua), 0.01, "科技成果 renders like private-use characters: tofu")
}
