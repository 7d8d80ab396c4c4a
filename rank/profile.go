package rank

import (
	"math"
	"sync"

	"github.com/techmatch/techmatch"
)

// AchievementProfile is the pre-parsed, scoring-relevant part of an
// Achievement (region, owner tier, industry and transfer-mode sets), built
// once per record by Scorer.Achievement so that ScoreProfiles does no parsing
// and no allocation.
//
// A profile depends only on the record, not on the Scorer's Config: it may
// be reused with any Scorer (e.g. while tuning weights). It refers to the
// record's slices, which must not be mutated. Profiles are immutable after
// construction and safe for concurrent use.
type AchievementProfile struct {
	side
	maturity int
	price    float64 // 0 = negotiable (negative or non-finite inputs are 0)
	tier     Tier
	sig      *achievementSignals // nil for the empty profile
}

// NeedProfile is the pre-parsed, scoring-relevant part of a Need, built by
// Scorer.Need. Same contract as AchievementProfile.
type NeedProfile struct {
	side
	minMaturity int
	budget      float64 // 0 = unknown
	orgType     techmatch.OrgType
	sig         *needSignals // nil for the empty profile
}

// side is what both records have.
type side struct {
	industries []techmatch.Industry
	keyInd     uint8 // bit i: KeyIndustries[i]
	otherInd   bool  // has a non-key industry
	inferred   bool
	modes      []techmatch.TransferMode
	modeBits   uint8 // bit per standard mode
	otherMode  bool  // has a non-standard mode
	region     regionID
}

func newSide(inds []techmatch.Industry, inferred bool, modes []techmatch.TransferMode, region regionID) side {
	s := side{industries: inds, inferred: inferred, modes: modes, region: region}
	for _, ind := range inds {
		if b := keyBit(ind); b != 0 {
			s.keyInd |= b
		} else if ind != "" {
			s.otherInd = true
		}
	}
	for _, m := range modes {
		if b := modeBit(m); b != 0 {
			s.modeBits |= b
		} else if m != "" {
			s.otherMode = true
		}
	}
	return s
}

func keyBit(ind techmatch.Industry) uint8 {
	switch ind {
	case techmatch.Auto:
		return 1
	case techmatch.Equipment:
		return 2
	case techmatch.Biomed:
		return 4
	case techmatch.Materials:
		return 8
	}
	return 0
}

func modeBit(m techmatch.TransferMode) uint8 {
	switch m {
	case techmatch.Assign:
		return 1
	case techmatch.License:
		return 2
	case techmatch.Equity:
		return 4
	case techmatch.CoDevelop:
		return 8
	}
	return 0
}

func hasIndustries(s *side) bool { return s.keyInd != 0 || s.otherInd }
func hasModes(s *side) bool      { return s.modeBits != 0 || s.otherMode }

// sharedOther reports whether a and b share a non-key industry.
func sharedOther(a, b *side) bool {
	if !a.otherInd || !b.otherInd {
		return false
	}
	for _, x := range a.industries {
		if x == "" || x.IsKey() {
			continue
		}
		for _, y := range b.industries {
			if x == y {
				return true
			}
		}
	}
	return false
}

// sharedMode reports whether a and b share a transfer mode.
func sharedMode(a, b *side) bool {
	if a.modeBits&b.modeBits != 0 {
		return true
	}
	if !a.otherMode || !b.otherMode {
		return false
	}
	for _, x := range a.modes {
		if x == "" || modeBit(x) != 0 {
			continue
		}
		for _, y := range b.modes {
			if x == y {
				return true
			}
		}
	}
	return false
}

// amount returns v when it is a finite positive amount, else 0 (unknown).
func amount(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return 0
	}
	return v
}

// trl returns a valid TRL 1–9, else 0 (unknown).
func trl(v int) int {
	if v < 1 || v > 9 {
		return 0
	}
	return v
}

// Achievement returns a's profile; nil gives the profile of a record with
// every field unknown.
func (s *Scorer) Achievement(a *techmatch.Achievement) *AchievementProfile {
	p := s.achievementValue(a)
	return &p
}

func (s *Scorer) achievementValue(a *techmatch.Achievement) AchievementProfile {
	if a == nil {
		return emptyAchievement
	}
	return AchievementProfile{
		side:     newSide(a.Industries, a.IndustriesInferred, a.TransferModes, s.cache.region(a.Region)),
		maturity: trl(a.Maturity),
		price:    amount(a.Price),
		tier:     s.cache.tier(a.Owner, a.OwnerType),
		sig:      s.signals.achievement(a),
	}
}

// Need returns n's profile; nil gives the profile of a record with every
// field unknown.
func (s *Scorer) Need(n *techmatch.Need) *NeedProfile {
	p := s.needValue(n)
	return &p
}

func (s *Scorer) needValue(n *techmatch.Need) NeedProfile {
	if n == nil {
		return emptyNeed
	}
	return NeedProfile{
		side:        newSide(n.Industries, n.IndustriesInferred, n.TransferModes, s.cache.region(n.Region)),
		minMaturity: trl(n.MinMaturity),
		budget:      amount(n.Budget),
		orgType:     n.OrgType,
		sig:         s.signals.need(n),
	}
}

// Region returns the parsed region of the profile's record.
func (p *AchievementProfile) Region() Region { return p.region.export() }

// Tier returns the owner's tier.
func (p *AchievementProfile) Tier() Tier { return p.tier }

// Region returns the parsed region of the profile's record.
func (p *NeedProfile) Region() Region { return p.region.export() }

func (id regionID) export() Region {
	if id.prov < 0 {
		return Region{}
	}
	p := &regions.provs[id.prov]
	r := Region{Province: p.short}
	if id.city >= 0 {
		r.City = p.cities[id.city]
		r.HarbinChangchun = id.cluster
	}
	return r
}

// maxCached bounds each parse cache; past it, strings are parsed on every
// call (correct, just slower).
const maxCached = 1 << 16

// parseCache memoises region parsing and owner classification, the costly
// part of a profile (≈0.4 µs and ≈1 µs), for callers that score records
// rather than profiles. Safe for concurrent use.
type parseCache struct {
	mu      sync.RWMutex
	regions map[string]regionID
	tiers   map[tierKey]Tier
}

type tierKey struct {
	owner string
	typ   techmatch.OwnerType
}

func newParseCache() *parseCache {
	return &parseCache{regions: map[string]regionID{}, tiers: map[tierKey]Tier{}}
}

func (c *parseCache) region(s string) regionID {
	if s == "" {
		return unknownRegion
	}
	c.mu.RLock()
	id, ok := c.regions[s]
	c.mu.RUnlock()
	if ok {
		return id
	}
	id = parseRegionID(s)
	c.mu.Lock()
	if len(c.regions) < maxCached {
		c.regions[s] = id
	}
	c.mu.Unlock()
	return id
}

func (c *parseCache) tier(owner string, typ techmatch.OwnerType) Tier {
	if owner == "" {
		return ClassifyOwner(owner, typ)
	}
	k := tierKey{owner, typ}
	c.mu.RLock()
	t, ok := c.tiers[k]
	c.mu.RUnlock()
	if ok {
		return t
	}
	t = ClassifyOwner(owner, typ)
	c.mu.Lock()
	if len(c.tiers) < maxCached {
		c.tiers[k] = t
	}
	c.mu.Unlock()
	return t
}
