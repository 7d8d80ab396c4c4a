package rank

import (
	"strconv"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/rank/constraint"
	"github.com/techmatch/techmatch/rank/effect"
)

// statusCodes maps the scorer's status codes to Contribution.Status.
var statusCodes = [...]string{
	stUnknown:   techmatch.StatusUnknown,
	stOff:       techmatch.StatusOff,
	stGood:      techmatch.StatusGood,
	stPartial:   techmatch.StatusPartial,
	stBad:       techmatch.StatusBad,
	stNoMin:     techmatch.StatusNoMinimum,
	stNegotiate: techmatch.StatusNegotiable,
	stCluster:   techmatch.StatusCluster,
}

// violatedBit is the eval.violated bit of each constraint feature (0 for
// the others).
var violatedBit = [NumFeatures]uint8{
	idxExclusion: bitExclusion, idxNumeric: bitNumeric, idxMaturity: bitMaturity,
	idxBudget: bitBudget, idxTransferMode: bitTransfer,
}

// facts fills the structured fields of feature i's contribution (Status,
// Violated, Need, Achievement, For, Against) from the same evaluation as
// its Value and Note, so a renderer of the facts agrees with the score.
func (s *Scorer) facts(i int, e *eval, n *NeedProfile, a *AchievementProfile, c *techmatch.Contribution) {
	st := e.st[i]
	c.Violated = e.violated&violatedBit[i] != 0
	switch i {
	case idxRole:
		if n.sig != nil && a.sig != nil && e.v[i] != 0 {
			c.Need = []string{n.sig.intent.Kind.Label()}
			c.Achievement = []string{a.sig.role.Kind.Label()}
		}
	case idxEffect:
		links, _, _ := s.effects(n, a)
		for _, l := range links {
			x := effect.Explain(l, n.sig.wants, a.sig.effects)
			switch {
			case x == "":
			case l.Answers:
				c.For = append(c.For, x)
			default:
				c.Against = append(c.Against, x)
			}
		}
	case idxExclusion:
		switch st {
		case stOff:
			c.Status = techmatch.StatusOff
		case stBad:
			c.Status = techmatch.StatusBad
			if ex, hit, ok := excludedBy(n, a); ok {
				c.Need = []string{ex.String()}
				c.Against = append([]string(nil), hit...)
			}
		}
	case idxNumeric:
		if st == stOff {
			c.Status = techmatch.StatusOff
			return
		}
		_, _, vs := numericFit(n, a)
		for _, v := range vs {
			switch {
			case v.Explain == "":
			case v.Outcome == constraint.Meets:
				c.For = append(c.For, v.Explain)
			case v.Outcome == constraint.Fails:
				c.Against = append(c.Against, v.Explain)
			}
		}
		if len(c.For)+len(c.Against) > 0 {
			c.Status = statusCodes[st]
		}
	case idxIndustry:
		c.Status = statusCodes[st]
		c.Need, c.Achievement = codes(n.industries), codes(a.industries)
		switch st {
		case stGood:
			for _, k := range techmatch.KeyIndustries {
				if n.keyInd&a.keyInd&keyBit(k) != 0 {
					c.For = append(c.For, string(k))
				}
			}
		case stPartial:
			for _, x := range n.industries {
				if x != "" && !x.IsKey() && contains(a.industries, x) && !contains(typed[techmatch.Industry](c.For), x) {
					c.For = append(c.For, string(x))
				}
			}
		}
	case idxMaturity:
		c.Status = statusCodes[st]
		if n.minMaturity > 0 {
			c.Need = []string{strconv.Itoa(n.minMaturity)}
		}
		if a.maturity > 0 {
			c.Achievement = []string{strconv.Itoa(a.maturity)}
		}
	case idxBudget:
		c.Status = statusCodes[st]
		if n.budget > 0 {
			c.Need = []string{num(n.budget)}
		}
		if a.price > 0 {
			c.Achievement = []string{num(a.price)}
		}
	case idxTransferMode:
		c.Status = statusCodes[st]
		c.Need, c.Achievement = codes(n.modes), codes(a.modes)
		if st == stGood {
			for _, m := range n.modes {
				if m != "" && contains(a.modes, m) && !contains(typed[techmatch.TransferMode](c.For), m) {
					c.For = append(c.For, string(m))
				}
			}
		}
	case idxRegion:
		c.Status = statusCodes[st]
		c.Need, c.Achievement = regionParts(n.region.export()), regionParts(a.region.export())
	case idxSupplierTier:
		c.Achievement = []string{a.tier.String()}
	case idxDemandPriority:
		if n.orgType != "" {
			c.Need = []string{string(n.orgType)}
		}
	}
}

func contains[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// codes returns the non-empty values of xs as strings.
func codes[T ~string](xs []T) []string {
	var out []string
	for _, x := range xs {
		if x != "" {
			out = append(out, string(x))
		}
	}
	return out
}

// typed converts strings back to a code type.
func typed[T ~string](xs []string) []T {
	out := make([]T, len(xs))
	for i, x := range xs {
		out[i] = T(x)
	}
	return out
}

// regionParts is a region as province and city short names (the city
// omitted when unknown; nil when the region is unknown).
func regionParts(r Region) []string {
	switch {
	case r.Province == "":
		return nil
	case r.City == "":
		return []string{r.Province}
	}
	return []string{r.Province, r.City}
}
