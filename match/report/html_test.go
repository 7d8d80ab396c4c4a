package report

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/techmatch/techmatch"
)

func renderHTML(t *testing.T, r Report, opts Options) (string, *html.Node) {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, WriteHTML(context.Background(), &buf, r, opts))
	doc, err := html.Parse(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	return buf.String(), doc
}

// walk calls fn on every node of the tree.
func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *html.Node, class string) bool {
	v, _ := attr(n, "class")
	for _, c := range strings.Fields(v) {
		if c == class {
			return true
		}
	}
	return false
}

func text(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

func TestWriteHTMLSections(t *testing.T) {
	r := fixture(t, 12, 3)
	r.Needs = append(r.Needs, Need{Need: techmatch.Need{ID: "N-none", Title: "无匹配的需求"}})
	out, doc := renderHTML(t, r, Options{})
	var sections, rows []*html.Node
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "section" && hasClass(n, "need") {
			sections = append(sections, n)
		}
		if n.Type == html.ElementNode && n.Data == "tr" {
			if _, ok := attr(n, "data-need"); ok {
				rows = append(rows, n)
			}
		}
	})
	require.Len(t, sections, len(r.Needs), "one section per need")
	require.Len(t, rows, len(r.Needs), "one summary row per need")
	for i, s := range sections {
		rn := r.Needs[i]
		var cards, needMarks, cardMarks int
		walk(s, func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			if n.Data == "article" && hasClass(n, "card") {
				cards++
				walk(n, func(m *html.Node) {
					if m.Type == html.ElementNode && m.Data == "mark" {
						cardMarks++
					}
				})
			}
			if n.Data == "mark" {
				needMarks++
			}
		})
		assert.Equal(t, len(rn.Matches), cards, "%s: cards", rn.Need.ID)
		assert.Contains(t, text(s), rn.Need.ID)
		for _, f := range rn.Need.Extra {
			assert.Contains(t, text(s), f.Name+f.Value, "%s: extra field %s", rn.Need.ID, f.Name)
		}
		if len(rn.Matches) > 0 {
			assert.Greater(t, cardMarks, 0, "%s: terms highlighted in the achievements", rn.Need.ID)
			assert.Greater(t, needMarks, cardMarks, "%s: terms highlighted in the need too", rn.Need.ID)
			for _, f := range rn.Matches[0].Achievement.Extra {
				assert.Contains(t, text(s), f.Name+f.Value, "%s: achievement extra field %s", rn.Need.ID, f.Name)
			}
		}
		inds, _ := attr(s, "data-industries")
		var want []string
		for _, ind := range rn.Need.Industries {
			want = append(want, string(ind))
		}
		assert.Equal(t, strings.Join(want, " "), inds, "%s: data-industries", rn.Need.ID)
	}
	assert.Contains(t, out, `"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC"`, "font stack")
	assert.NotContains(t, out, "http://", "no network resource")
	assert.NotContains(t, out, "https://", "no network resource")
	assert.NotContains(t, out, `class="pagebreak"`)
	out, _ = renderHTML(t, r, Options{PageBreak: true})
	assert.Contains(t, out, `<body class="pagebreak">`)
}

// TestWriteHTMLInert feeds markup, event handlers and javascript: URLs in
// every text field and extra column: the page keeps its one script, no
// element gets an event handler or a link out, and the values come back
// as text.
func TestWriteHTMLInert(t *testing.T) {
	for _, v := range []string{
		`<script>alert(1)</script>`,
		`"><img src=x onerror=alert(1)>`,
		`'><svg onload=alert(1)>`,
		`javascript:alert(1)`,
		`</style><script>alert(1)</script>`,
		`</textarea><a href="javascript:alert(1)">x</a>`,
		`{{.Title}}`,
		"\u202e<b>x</b>",
	} {
		t.Run(v, func(t *testing.T) {
			n := techmatch.Need{ID: v, Title: v + "钢", Description: v, Org: v, Region: v, Date: v, Keywords: []string{v},
				Industries: []techmatch.Industry{techmatch.Industry(v)}, Extra: techmatch.Extra{{Name: v, Value: v}}}
			a := techmatch.Achievement{ID: v, Title: v + "钢", Description: v + "钢", Owner: v, Region: v,
				Industries: []techmatch.Industry{techmatch.Industry(v)}, Extra: techmatch.Extra{{Name: v, Value: v}}}
			r := Report{Title: v, Subtitle: v, Needs: []Need{{Need: n, Matches: []Match{{Achievement: a, Reasons: []string{v, "⚠ " + v},
				MatchedTerms: []string{"钢", v}}}}}}
			_, doc := renderHTML(t, r, Options{})
			scripts := 0
			var body *html.Node
			walk(doc, func(n *html.Node) {
				if n.Type != html.ElementNode {
					return
				}
				switch n.Data {
				case "script":
					scripts++
				case "img", "svg", "iframe", "object", "embed", "b":
					t.Errorf("element <%s> from catalog text", n.Data)
				case "body":
					body = n
				}
				for _, at := range n.Attr {
					if strings.HasPrefix(at.Key, "on") || at.Key == "src" {
						t.Errorf("<%s %s=%q>", n.Data, at.Key, at.Val)
					}
					if at.Key == "href" && !strings.HasPrefix(at.Val, "#need-") {
						t.Errorf("<%s href=%q>: a link out", n.Data, at.Val)
					}
				}
			})
			assert.Equal(t, 1, scripts, "only the page's own script")
			require.NotNil(t, body)
			// The value is shown as text, where the catalog put it: title,
			// fields, extra names and values, reasons.
			got := text(body)
			assert.GreaterOrEqual(t, strings.Count(got, v), 14, "the value as text: %q", got)
		})
	}
}
