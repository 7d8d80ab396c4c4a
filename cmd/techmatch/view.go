package main

// This file holds what match output passes through before any writer
// sees it: the audience's redaction (--audience, package match/audience)
// and the outcomes of earlier rounds (--feedback, --hide-rejected,
// package match/outcome).

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/internal/inert"
	"github.com/techmatch/techmatch/match"
	"github.com/techmatch/techmatch/match/audience"
	"github.com/techmatch/techmatch/match/outcome"
	mreport "github.com/techmatch/techmatch/match/report"
)

// viewFlags are match's --audience, --feedback and --hide-rejected.
type viewFlags struct {
	audience string
	feedback string
	hide     bool
}

func (f *viewFlags) add(fs *pflag.FlagSet) {
	fs.StringVar(&f.audience, "audience", string(audience.Default), "who reads the output: internal (everything), supplier (a confidential need's organisation, contacts, description and budget hidden) or enterprise (a confidential achievement's owner, contacts, description and price hidden); a record is confidential when its 是否公开/公开/public column says 否/不公开 or its 保密/confidential column says 是")
	fs.StringVar(&f.feedback, "feedback", "", "outcomes of earlier rounds (CSV, XLSX or JSONL: need_id, achievement_id, outcome 已对接/有意向/不合适, reason, date, note); pairs marked 不合适 are hidden (see --hide-rejected) or marked 曾被标记不合适")
	fs.BoolVar(&f.hide, "hide-rejected", true, "with --feedback: leave out pairs whose latest outcome is 不合适 and fill the list from the next ones; --hide-rejected=false shows them marked 曾被标记不合适")
}

// pairView is the one step between the engine and every writer of a
// match run: it hides or marks pairs rejected in earlier rounds, then
// redacts what the audience may not see. A nil *pairView passes
// everything through. Not safe for concurrent use (it counts).
type pairView struct {
	aud    *audience.View
	fb     *outcome.Set
	hide   bool
	top    int
	byAch  bool // --direction achievement: lists are per achievement
	hidden int  // pairs left out
	marked int  // rejected pairs shown with the mark
}

// build returns the run's view, or nil when neither flag asks for one.
// It reads the feedback file (bounded by the catalogs' limits, strict
// unless --lenient), reports feedback naming ids the catalogs lack as
// warnings (those outcomes are ignored: feedback outlives the quarter's
// catalogs), and warns of unclear confidentiality columns.
func (f *viewFlags) build(ctx context.Context, fs *pflag.FlagSet, data *loaded, cf *catalogFlags, top int, byAch, assigning bool) (*pairView, error) {
	aud, err := audience.Parse(f.audience)
	if err != nil {
		return nil, fmt.Errorf("--audience: %w", err)
	}
	if f.feedback == "" && fs.Changed("hide-rejected") {
		return nil, fmt.Errorf("--hide-rejected works with --feedback FILE only")
	}
	if assigning && fs.Changed("hide-rejected") && f.hide {
		return nil, fmt.Errorf("--hide-rejected with --assign: not supported; with --assign, pairs rejected earlier are marked 曾被标记不合适, not left out")
	}
	v := &pairView{top: top, byAch: byAch, hide: f.hide && !assigning}
	if aud != audience.Internal {
		for _, err := range audience.Check(data.needs, data.achs) {
			fmt.Fprintln(data.stderr, "warning:", err)
		}
		if v.aud, err = audience.New(aud, data.needs, data.achs); err != nil {
			return nil, err
		}
		n, a := v.aud.Hidden()
		fmt.Fprintf(data.stderr, "audience %s: fields of %d confidential needs and %d confidential achievements hidden\n", aud, n, a)
	}
	if f.feedback != "" {
		if v.fb, err = loadFeedback(ctx, f.feedback, cf, data); err != nil {
			return nil, err
		}
	}
	if v.aud == nil && v.fb == nil {
		return nil, nil
	}
	return v, nil
}

// loadFeedback reads a feedback file with the catalogs' limits and mode
// (an XLSX file's first sheet: --sheet names the catalogs' sheet),
// reports its problems like a catalog's and warns of (and drops) outcomes
// naming ids the catalogs lack.
func loadFeedback(ctx context.Context, path string, cf *catalogFlags, data *loaded) (*outcome.Set, error) {
	recs, probs, err := outcome.Load(ctx, path, outcome.Options{Limits: cf.limits, Lenient: cf.lenient})
	report(data.stderr, probs, cf.lenient)
	if err != nil {
		return nil, fmt.Errorf("--feedback: %w", err)
	}
	needs, achs := catalogIDs(data)
	unknown := outcome.CheckIDs(recs, func(id string) bool { return needs[id] }, func(id string) bool { return achs[id] })
	for _, p := range unknown {
		fmt.Fprintln(data.stderr, "warning:", p.Error()+"; outcome ignored")
	}
	set := outcome.NewSet(recs)
	rejected := 0
	for _, r := range recs {
		if r.Outcome == outcome.Rejected {
			rejected++
		}
	}
	fmt.Fprintf(data.stderr, "read %s: %d outcomes (%d 不合适) on %d pairs, %d skipped, %d naming unknown ids\n",
		inert.Terminal(path), len(recs), rejected, set.Len(), techmatch.SkippedRecords(probs), len(unknown))
	return set, nil
}

// widen returns opt with Top raised so that hiding the rejected pairs of
// any one list can still leave top pairs: by the most rejected pairs of
// one need (achievement, --direction achievement), within match.MaxTop.
func (v *pairView) widen(opt match.Options) match.Options {
	if v == nil || v.fb == nil || !v.hide {
		return opt
	}
	per := map[string]int{}
	most := 0
	for need, js := range v.fb.Judgments() {
		for ach, g := range js {
			if g != 0 || !v.fb.Rejected(need, ach) {
				continue
			}
			k := need
			if v.byAch {
				k = ach
			}
			per[k]++
			most = max(most, per[k])
		}
	}
	opt.Top = min(opt.Top+most, max(match.MaxTop, opt.Top))
	return opt
}

// filter applies the view to one batch of pairs (lists of consecutive
// pairs of the same need, or achievement): rejected pairs left out (each
// list ranked again 1.. and cut at top) or marked, then redacted.
func (v *pairView) filter(pairs []techmatch.Pair) []techmatch.Pair {
	if v == nil {
		return pairs
	}
	out := pairs[:0:0]
	key, n := "", 0
	for _, p := range pairs {
		k := p.NeedID
		if v.byAch {
			k = p.AchievementID
		}
		if k != key || len(out) == 0 {
			key, n = k, 0
		}
		if v.fb != nil && v.hide && v.fb.Rejected(p.NeedID, p.AchievementID) {
			v.hidden++
			continue
		}
		if v.fb != nil && v.hide {
			if n == v.top {
				continue
			}
			n++
			p.Rank = n
		}
		out = append(out, v.pair(p))
	}
	return out
}

// pair redacts p for the audience and marks it when it was rejected
// earlier (the mark is added after redaction, which would hide it).
func (v *pairView) pair(p techmatch.Pair) techmatch.Pair {
	if v == nil {
		return p
	}
	p = v.aud.Pair(p)
	if r, ok := v.fb.Get(p.NeedID, p.AchievementID); ok && r.Outcome == outcome.Rejected && p.Explain != nil {
		e := *p.Explain
		e.Reasons = append(e.Reasons[:len(e.Reasons):len(e.Reasons)], outcome.Mark(r))
		p.Explain = &e
		v.marked++
	}
	return p
}

// report applies the audience to a report's records, explanations and
// terms, and adds the mark of earlier rejections to the reasons.
func (v *pairView) report(r mreport.Report) mreport.Report {
	if v == nil {
		return r
	}
	r = v.aud.Report(r)
	if v.fb == nil {
		return r
	}
	for i := range r.Needs {
		for j := range r.Needs[i].Matches {
			m := &r.Needs[i].Matches[j]
			if rec, ok := v.fb.Get(r.Needs[i].Need.ID, m.Achievement.ID); ok && rec.Outcome == outcome.Rejected {
				m.Reasons = append(m.Reasons[:len(m.Reasons):len(m.Reasons)], outcome.Mark(rec))
			}
		}
	}
	return r
}

// summary is the view's line for the run's stderr, "" when it did nothing
// worth saying.
func (v *pairView) summary(w io.Writer) {
	if v == nil || v.fb == nil {
		return
	}
	if v.hidden > 0 || v.marked > 0 {
		fmt.Fprintf(w, "feedback: %d pairs marked 不合适 earlier left out, %d shown marked\n", v.hidden, v.marked)
	}
}

// catalogIDs returns the sets of the run's need and achievement ids.
func catalogIDs(data *loaded) (needs, achs map[string]bool) {
	needs = make(map[string]bool, len(data.needs))
	for _, n := range data.needs {
		needs[n.ID] = true
	}
	achs = make(map[string]bool, len(data.achs))
	for _, a := range data.achs {
		achs[a.ID] = true
	}
	return needs, achs
}
