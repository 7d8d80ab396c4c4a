package effect

import "strings"

// Link says that an achievement statement answers a need statement (moves
// the need's property the wanted way) or goes against it (moves it the
// wrong way, or admits the bad state as a drawback).
// A plain value, safe to copy and share.
type Link struct {
	// Need and Achievement index the statements given to Answers.
	Need, Achievement int
	// Property is the need statement's property; Via the achievement
	// statement's (the same unless Relation is not Same).
	Property, Via string
	Relation      Relation
	// Answers is true for evidence for the pair, false for evidence against.
	Answers bool
	// Weight in (0,1]: the product of both strengths, the relation's weight
	// (Same 1, Narrower 0.7, Related 0.6, Broader 0.5), the need property's
	// specificity, and 0.5 for a drawback or for an effect on a need's Keep.
	Weight float64
}

// Answers links a need's statements (Symptom, Wish) to an achievement's
// (Effect, Drawback): for every need statement, the strongest achievement
// statement that moves its property in the wanted direction and the
// strongest that goes against it, at most one of each. An achievement's
// Symptom (background: 传统工艺能耗高) links nothing, so a text that only
// describes or measures the need's symptom does not answer it; nor does an
// effect that keeps a property the need wants moved. Links come in need
// order, the answer before the contrary one. Time O(len(need) ×
// len(achievement)); safe for concurrent use.
func (a *Analyzer) Answers(need, ach []Statement) []Link {
	var out []Link
	for i, n := range need {
		if n.Kind != Symptom && n.Kind != Wish {
			continue
		}
		np, ok := a.byName[n.Property]
		if !ok {
			continue
		}
		good, spec := a.props[np].good, a.props[np].spec
		pro, con := Link{Need: -1}, Link{Need: -1}
		for j, s := range ach {
			if s.Kind != Effect && s.Kind != Drawback {
				continue
			}
			sp, ok := a.byName[s.Property]
			if !ok {
				continue
			}
			rel := relation{Same, 1, 1}
			if sp != np {
				if rel, ok = a.rels[[2]int32{np, sp}]; !ok {
					continue
				}
			}
			ad := s.Direction.times(rel.sign)
			w := n.Strength * s.Strength * rel.weight * spec
			forIt, against := linkSign(n.Direction, good, s.Kind, ad)
			l := Link{Need: i, Achievement: j, Property: n.Property, Via: s.Property, Relation: rel.kind}
			switch {
			case forIt > 0 && w*forIt > pro.Weight:
				l.Answers, l.Weight = true, w*forIt
				pro = l
			case against > 0 && w*against > con.Weight:
				l.Weight = w * against
				con = l
			}
		}
		if pro.Need >= 0 {
			out = append(out, pro)
		}
		if con.Need >= 0 {
			out = append(out, con)
		}
	}
	return out
}

// linkSign returns the factor for and against a need that wants direction
// want of a property whose good direction is good, from an achievement
// statement of kind k whose direction on the need's axis is ad.
func linkSign(want, good Direction, k Kind, ad Direction) (forIt, against float64) {
	if k == Drawback {
		switch {
		case (want == Up || want == Down) && ad == want.opposite():
			return 0, 0.5
		case want == Keep && good != 0 && ad == good.opposite():
			return 0, 0.5
		}
		return 0, 0
	}
	switch want {
	case Up, Down:
		switch ad {
		case want:
			return 1, 0
		case want.opposite():
			return 0, 1
		}
	case Keep:
		switch {
		case good == 0:
		case ad == good:
			return 0.5, 0
		case ad == good.opposite():
			return 0, 1
		}
	}
	return 0, 0
}

// Evidence sums links into one score for and one against, each in [0,1]:
// per need property the strongest link, combined over properties as
// 1 − Π(1 − w), so two answered symptoms count more than one and the same
// symptom stated twice (in title and description) counts once.
func Evidence(links []Link) (pro, con float64) {
	type best struct {
		prop string
		w    float64
		for_ bool
	}
	var bs []best
	for _, l := range links {
		found := false
		for k := range bs {
			if bs[k].prop == l.Property && bs[k].for_ == l.Answers {
				bs[k].w = max(bs[k].w, l.Weight)
				found = true
				break
			}
		}
		if !found {
			bs = append(bs, best{l.Property, l.Weight, l.Answers})
		}
	}
	notPro, notCon := 1.0, 1.0
	for _, b := range bs {
		w := min(max(b.w, 0), 1)
		if b.for_ {
			notPro *= 1 - w
		} else {
			notCon *= 1 - w
		}
	}
	return 1 - notPro, 1 - notCon
}

// Explain renders a link for an agency, in Chinese:
// "能耗↓：需求「耗电翻倍」，成果「能耗降低15%」" for an answer,
// "强度↑：需求「强度不够」，成果却「强度下降10%」" against. need and ach are
// the slices given to Answers; a link that does not index them gives "".
func Explain(l Link, need, ach []Statement) string {
	if l.Need < 0 || l.Need >= len(need) || l.Achievement < 0 || l.Achievement >= len(ach) {
		return ""
	}
	n, s := need[l.Need], ach[l.Achievement]
	var b strings.Builder
	b.WriteString(l.Property)
	b.WriteString(n.Direction.Arrow())
	b.WriteString("：需求「")
	b.WriteString(n.Phrase)
	if l.Answers {
		b.WriteString("」，成果「")
	} else {
		b.WriteString("」，成果却「")
	}
	b.WriteString(s.Phrase)
	b.WriteString("」")
	return b.String()
}
