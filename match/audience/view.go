package audience

import (
	"slices"
	"strings"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/match/report"
	"github.com/techmatch/techmatch/rank"
)

// Placeholders of hidden values.
const (
	HiddenNeedOrg         = "某企业（保密）"
	HiddenHospital        = "某医院（保密）"
	HiddenUniversity      = "某高校（保密）"
	HiddenInstitute       = "某科研院所（保密）"
	HiddenOwner           = "某单位（保密）"
	HiddenNeedText        = "需求详情保密"
	HiddenAchievementText = "成果详情保密"
	// HiddenReason replaces a constraint reason that quotes a hidden
	// value (Explanation.Reasons).
	HiddenBudgetReason = "price over budget (budget or price confidential)"
	HiddenReason       = "a requirement is not met (details confidential)"
)

// View redacts records, pairs and reports for one audience; see the
// package documentation. Build it once per run with New; it is read-only
// afterwards and safe for concurrent use. The zero value and a nil *View
// show everything (Internal).
type View struct {
	aud   Audience
	needs map[string]visible // confidential needs hidden from aud
	achs  map[string]visible // confidential achievements hidden from aud
}

// visible is the text of a hidden record that its reader may see (title
// and keywords), lower case, for filtering matched terms.
type visible struct{ text string }

func (v visible) has(term string) bool {
	return term != "" && strings.Contains(v.text, strings.ToLower(term))
}

// New returns the view of aud over the catalogs of a run: the confidential
// needs are hidden from Supplier, the confidential achievements from
// Enterprise. It fails only for an invalid aud. O(records × extra fields).
func New(aud Audience, needs []techmatch.Need, achs []techmatch.Achievement) (*View, error) {
	if err := aud.Validate(); err != nil {
		return nil, err
	}
	if aud == "" {
		aud = Internal
	}
	v := &View{aud: aud, needs: map[string]visible{}, achs: map[string]visible{}}
	switch aud {
	case Supplier:
		for i := range needs {
			if n := &needs[i]; Confidential(n.Extra) {
				v.needs[n.ID] = visibleText(n.Title, n.Keywords)
			}
		}
	case Enterprise:
		for i := range achs {
			if a := &achs[i]; Confidential(a.Extra) {
				v.achs[a.ID] = visibleText(a.Title, a.Keywords)
			}
		}
	}
	return v, nil
}

func visibleText(title string, kws []string) visible {
	return visible{strings.ToLower(title + "\x00" + strings.Join(kws, "\x00"))}
}

// Audience returns the view's audience.
func (v *View) Audience() Audience {
	if v == nil || v.aud == "" {
		return Internal
	}
	return v.aud
}

// Hidden returns how many needs and achievements the view hides fields
// of.
func (v *View) Hidden() (needs, achievements int) {
	if v == nil {
		return 0, 0
	}
	return len(v.needs), len(v.achs)
}

// Need returns n as the audience may see it: a redacted copy when n is a
// confidential need hidden from it, else n itself.
func (v *View) Need(n techmatch.Need) techmatch.Need {
	if v == nil {
		return n
	}
	if _, ok := v.needs[n.ID]; !ok {
		return n
	}
	n.Org = HiddenNeedOrg
	if n.OrgType == techmatch.Hospital {
		n.Org = HiddenHospital
	}
	n.Description = HiddenNeedText
	n.Budget = 0
	n.Extra = nil
	return n
}

// Achievement returns a as the audience may see it, like Need.
func (v *View) Achievement(a techmatch.Achievement) techmatch.Achievement {
	if v == nil {
		return a
	}
	if _, ok := v.achs[a.ID]; !ok {
		return a
	}
	switch a.OwnerType {
	case techmatch.University:
		a.Owner = HiddenUniversity
	case techmatch.Institute:
		a.Owner = HiddenInstitute
	default:
		a.Owner = HiddenOwner
	}
	a.Description = HiddenAchievementText
	a.Price = 0
	a.Extra = nil
	return a
}

// Pair returns p as the audience may see it: when its need or achievement
// is hidden from the audience, a copy whose explanation is redacted (the
// explanation p points to is never modified). Ids, rank and score are
// kept.
func (v *View) Pair(p techmatch.Pair) techmatch.Pair {
	if v == nil || p.Explain == nil {
		return p
	}
	if e, ok := v.explain(p.NeedID, p.AchievementID, p.Explain); ok {
		p.Explain = e
	}
	return p
}

// explain returns the redacted copy of e, and false when nothing of the
// pair is hidden.
func (v *View) explain(needID, achID string, e *techmatch.Explanation) (*techmatch.Explanation, bool) {
	nv, hideNeed := v.needs[needID]
	av, hideAch := v.achs[achID]
	if !hideNeed && !hideAch {
		return e, false
	}
	out := *e
	out.Features = make([]techmatch.Contribution, len(e.Features))
	for i, c := range e.Features {
		switch c.Feature {
		case rank.FeatureBudget:
			if hideNeed {
				c.Need = nil
			}
			if hideAch {
				c.Achievement = nil
			}
			c.Note, c.Status, c.For, c.Against = "", techmatch.StatusUnknown, nil, nil
		case rank.FeatureEffect, rank.FeatureNumeric, rank.FeatureExclusion:
			// Their readings quote both records' text.
			if hideNeed {
				c.Need = nil
			}
			if hideAch {
				c.Achievement = nil
			}
			c.Note, c.For, c.Against = "", nil, nil
		case rank.FeatureSupplierTier:
			if hideAch {
				c.Achievement, c.Note = nil, ""
			}
		}
		out.Features[i] = c
	}
	keep := func(term string) bool {
		return (!hideNeed || nv.has(term)) && (!hideAch || av.has(term))
	}
	out.MatchedTerms = slices.DeleteFunc(slices.Clone(e.MatchedTerms), func(t string) bool { return !keep(t) })
	out.Expansions = slices.DeleteFunc(slices.Clone(e.Expansions), func(x techmatch.Expansion) bool {
		return hideNeed && !nv.has(x.From) || hideAch && !av.has(x.To)
	})
	out.Reasons = make([]string, 0, len(e.Reasons))
	for _, r := range e.Reasons {
		switch {
		case strings.HasPrefix(r, "maturity TRL "), strings.HasPrefix(r, "no common transfer mode"):
			// Maturity and transfer modes are visible fields.
		case strings.HasPrefix(r, "price "):
			r = HiddenBudgetReason
		default:
			r = HiddenReason
		}
		if !slices.Contains(out.Reasons, r) || r != HiddenReason {
			out.Reasons = append(out.Reasons, r)
		}
	}
	if len(out.Reasons) == 0 {
		out.Reasons = nil
	}
	if len(out.MatchedTerms) == 0 {
		out.MatchedTerms = nil
	}
	if len(out.Expansions) == 0 {
		out.Expansions = nil
	}
	return &out, true
}

// Report returns r as the audience may see it: every need and achievement
// through Need and Achievement, every explanation through Pair, the
// reasons of a redacted explanation rendered again with rank.Reasons
// (reasons the caller added beside rank.Reasons' are kept) and the matched
// terms kept only where visible. r is not modified.
func (v *View) Report(r report.Report) report.Report {
	if v == nil || len(v.needs)+len(v.achs) == 0 {
		return r
	}
	out := r
	out.Needs = make([]report.Need, len(r.Needs))
	for i, rn := range r.Needs {
		rn.Need = v.Need(rn.Need)
		ms := make([]report.Match, len(rn.Matches))
		for j, m := range rn.Matches {
			nv, hideNeed := v.needs[rn.Need.ID]
			av, hideAch := v.achs[m.Achievement.ID]
			m.Achievement = v.Achievement(m.Achievement)
			if m.Explanation != nil {
				if e, ok := v.explain(rn.Need.ID, m.Achievement.ID, m.Explanation); ok {
					before := rank.Reasons(*m.Explanation)
					reasons := rank.Reasons(*e)
					for _, s := range m.Reasons {
						if !slices.Contains(before, s) {
							reasons = append(reasons, s)
						}
					}
					m.Explanation, m.Reasons = e, reasons
				}
			}
			m.MatchedTerms = slices.DeleteFunc(slices.Clone(m.MatchedTerms), func(t string) bool {
				return hideNeed && !nv.has(t) || hideAch && !av.has(t)
			})
			ms[j] = m
		}
		rn.Matches = ms
		out.Needs[i] = rn
	}
	return out
}
