package report

import (
	"bufio"
	"context"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/techmatch/techmatch"
)

//go:embed report.html.tmpl
var pageSource string

// page is the parsed template, shared: a *template.Template is safe for
// concurrent Execute.
var page = template.Must(template.New("report").Parse(pageSource))

// FontStack is the CSS font-family of the page: the usual Chinese fonts
// of Windows, macOS and Linux, then generic fallbacks.
const FontStack = `"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Hiragino Sans GB", sans-serif`

// WriteHTML writes r to w as one self-contained HTML page (UTF-8): inline
// CSS and a little inline JavaScript, no external resource, so it opens
// from a USB stick without network. It shows a summary table (one row per
// need, linking to its section), then one <section class="need"> per need
// with its details and extra fields and its matches as cards (rank,
// degree, achievement, owner, reasons, extra fields; matched terms
// highlighted with <mark> in both records' titles and descriptions; a pair
// that is not feasible is marked). A search box and industry and region
// filters hide the needs that do not match, offline. Printing hides the
// controls and never splits a card; with opts.PageBreak (or the page's
// own checkbox) every need starts a page.
//
// All catalog text goes through html/template's contextual escaping as
// text content or quoted attribute values; no catalog value becomes a
// URL, a script, a style or markup, and highlighting is done by splitting
// text into segments, never by concatenating HTML. ctx is checked between
// needs while the page data is built. Output is buffered; memory is
// about the page's size. WriteHTML is safe for concurrent use on
// different writers.
func WriteHTML(ctx context.Context, w io.Writer, r Report, opts Options) error {
	if w == nil {
		return fmt.Errorf("report: write html: nil io.Writer")
	}
	if err := opts.Validate(); err != nil {
		return fmt.Errorf("report: write html: %w", err)
	}
	data, err := pageData(ctx, &r, opts)
	if err != nil {
		return fmt.Errorf("report: write html: %w", err)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := page.Execute(bw, data); err != nil {
		return fmt.Errorf("report: write html: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("report: write html: %w", err)
	}
	return nil
}

// The template's data.
type (
	htmlPage struct {
		Title, Subtitle string
		Font            template.CSS
		PageBreak       bool
		Needs           []htmlNeed
		Pairs           int
		Industries      []option
		Regions         []string
	}
	option   struct{ Value, Label string }
	htmlNeed struct {
		N                              int // 1-based, for anchors
		ID, Org, OrgType, Region, Date string
		Title, Description             []segment
		PlainTitle                     string
		Industries, IndustryCodes      string
		Maturity, Budget, Modes        string
		Keywords                       string
		Extra                          techmatch.Extra
		Matches                        []htmlMatch
	}
	htmlMatch struct {
		Rank, Degree                       int
		Score                              string
		ID, Owner, OwnerType, Region       string
		Title, Description                 []segment
		PlainTitle                         string
		Industries, Maturity, Price, Modes string
		Reasons                            []reason
		Terms                              []string
		Feasible                           bool
		Extra                              techmatch.Extra
	}
	reason struct {
		Text string
		Warn bool
	}
)

func pageData(ctx context.Context, r *Report, opts Options) (*htmlPage, error) {
	p := &htmlPage{Title: r.title(), Subtitle: r.Subtitle, Font: template.CSS(FontStack), PageBreak: opts.PageBreak}
	inds, regions := map[techmatch.Industry]bool{}, map[string]bool{}
	for i := range r.Needs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rn := &r.Needs[i]
		n := &rn.Need
		var terms []string
		for j := range rn.Matches {
			terms = append(terms, rn.Matches[j].MatchedTerms...)
		}
		codes := make([]string, len(n.Industries))
		for k, ind := range n.Industries {
			codes[k] = string(ind)
			inds[ind] = true
		}
		if n.Region != "" {
			regions[n.Region] = true
		}
		hn := htmlNeed{N: i + 1, ID: n.ID, Org: n.Org, OrgType: label(orgNames, n.OrgType), Region: n.Region, Date: n.Date,
			Title: highlight(n.Title, terms), Description: highlight(n.Description, terms), PlainTitle: n.Title,
			Industries: industries(n.Industries, n.IndustriesInferred), IndustryCodes: strings.Join(codes, " "),
			Maturity: maturity(n.MinMaturity), Budget: amount(n.Budget), Modes: labels(modeNames, n.TransferModes),
			Keywords: strings.Join(n.Keywords, "、"), Extra: n.Extra}
		for j := range rn.Matches {
			m := &rn.Matches[j]
			a := &m.Achievement
			hm := htmlMatch{Rank: m.rank(j), Degree: m.degree(), Score: fmt.Sprintf("%.3f", m.Score), ID: a.ID, Owner: a.Owner,
				OwnerType: label(ownerNames, a.OwnerType), Region: a.Region,
				Title: highlight(a.Title, m.MatchedTerms), Description: highlight(a.Description, m.MatchedTerms), PlainTitle: a.Title,
				Industries: industries(a.Industries, a.IndustriesInferred), Maturity: maturity(a.Maturity), Price: amount(a.Price),
				Modes: labels(modeNames, a.TransferModes), Terms: m.MatchedTerms, Feasible: m.feasible(), Extra: a.Extra}
			for _, s := range m.Reasons {
				t, warn := strings.CutPrefix(s, "⚠")
				hm.Reasons = append(hm.Reasons, reason{Text: strings.TrimSpace(t), Warn: warn})
			}
			hn.Matches = append(hn.Matches, hm)
			p.Pairs++
		}
		p.Needs = append(p.Needs, hn)
	}
	for _, ind := range techmatch.KeyIndustries {
		if inds[ind] {
			p.Industries = append(p.Industries, option{string(ind), label(industryNames, ind)})
			delete(inds, ind)
		}
	}
	rest := make([]string, 0, len(inds))
	for ind := range inds {
		rest = append(rest, string(ind))
	}
	slices.Sort(rest)
	for _, ind := range rest {
		p.Industries = append(p.Industries, option{ind, label(industryNames, techmatch.Industry(ind))})
	}
	for reg := range regions {
		p.Regions = append(p.Regions, reg)
	}
	slices.Sort(p.Regions)
	return p, nil
}
