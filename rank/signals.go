package rank

import (
	"hash/maphash"
	"strings"
	"sync"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/rank/constraint"
	"github.com/techmatch/techmatch/rank/effect"
	"github.com/techmatch/techmatch/rank/intent"
	"github.com/techmatch/techmatch/rank/knowledge"
)

// Signals are what the text analyzers read in a record's free text, for
// the features that need more than its fields: a need's stated exclusions
// and numeric requirements (rank/constraint), an achievement's stated
// figures and its core (title and keywords) that exclusions are matched
// against. They depend only on the record's text, are computed once per
// distinct record by a Scorer (cached, see signalCache) and are immutable
// afterwards.
type needSignals struct {
	intent       intent.NeedResult
	wants        []effect.Statement // symptoms and wishes
	exclusions   []constraint.Exclusion
	requirements []constraint.Quantity
}

type achievementSignals struct {
	role       intent.RoleResult
	effects    []effect.Statement
	title      string
	keywords   []string
	quantities []constraint.Quantity
}

// maxSignals bounds the signal cache: past it the cache is emptied and
// refilled (a record's signals are then computed again, ≈0.1 ms).
const maxSignals = 1 << 18

// signalCache memoises signals by record kind and a 64-bit hash of the
// record's id and text; an entry also keeps the id and text lengths, so a
// hash collision would also need equal lengths to return another record's
// signals. Safe for concurrent use.
type signalCache struct {
	seed  maphash.Seed
	kb    *knowledge.Graph
	cls   *intent.Classifier
	eff   *effect.Analyzer
	mu    sync.RWMutex
	needs map[uint64]*needEntry
	achs  map[uint64]*achEntry
}

type sigKey struct {
	id         string
	tl, dl, kl int
}

type needEntry struct {
	key sigKey
	sig *needSignals
}

type achEntry struct {
	key sigKey
	sig *achievementSignals
}

func newSignalCache(kb *knowledge.Graph, cls *intent.Classifier, eff *effect.Analyzer) *signalCache {
	return &signalCache{seed: maphash.MakeSeed(), kb: kb, cls: cls, eff: eff, needs: map[uint64]*needEntry{}, achs: map[uint64]*achEntry{}}
}

// intentText is a record's text as the intent classifier reads it.
func intentText(rec techmatch.Record) intent.Text {
	t, d, kws := rec.Text()
	return intent.Text{Title: t, Description: d, Keywords: kws}
}

// key hashes a record's id and text.
func (c *signalCache) key(rec techmatch.Record) (uint64, sigKey) {
	t, d, kws := rec.Text()
	var h maphash.Hash
	h.SetSeed(c.seed)
	h.WriteString(rec.RecordID())
	h.WriteByte(0)
	h.WriteString(t)
	h.WriteByte(0)
	h.WriteString(d)
	kl := 0
	for _, k := range kws {
		h.WriteByte(0)
		h.WriteString(k)
		kl += len(k) + 1
	}
	return h.Sum64(), sigKey{rec.RecordID(), len(t), len(d), kl}
}

// recordText joins a record's text fields as the analyzers read them.
func recordText(rec techmatch.Record) string {
	t, d, kws := rec.Text()
	return t + "\n" + d + "\n" + strings.Join(kws, "，")
}

func (c *signalCache) need(n *techmatch.Need) *needSignals {
	h, k := c.key(n)
	c.mu.RLock()
	e := c.needs[h]
	c.mu.RUnlock()
	if e != nil && e.key == k {
		return e.sig
	}
	text := recordText(n)
	sig := &needSignals{
		intent:       c.cls.Need(intentText(n)),
		wants:        c.eff.Extract(text, effect.Need),
		exclusions:   constraint.Exclusions(text, c.kb),
		requirements: constraint.Requirements(text),
	}
	c.mu.Lock()
	if len(c.needs) >= maxSignals {
		clear(c.needs)
	}
	c.needs[h] = &needEntry{k, sig}
	c.mu.Unlock()
	return sig
}

func (c *signalCache) achievement(a *techmatch.Achievement) *achievementSignals {
	h, k := c.key(a)
	c.mu.RLock()
	e := c.achs[h]
	c.mu.RUnlock()
	if e != nil && e.key == k {
		return e.sig
	}
	sig := &achievementSignals{
		role:       c.cls.Achievement(intentText(a)),
		effects:    c.eff.Extract(recordText(a), effect.Achievement),
		title:      a.Title,
		keywords:   a.Keywords,
		quantities: constraint.Quantities(recordText(a)),
	}
	c.mu.Lock()
	if len(c.achs) >= maxSignals {
		clear(c.achs)
	}
	c.achs[h] = &achEntry{k, sig}
	c.mu.Unlock()
	return sig
}

// excludedBy returns the first of the need's exclusions the achievement
// falls under, the concepts that made it (nil for an excluded kind shown
// by a field) and whether there is one.
func excludedBy(n *NeedProfile, a *AchievementProfile) (constraint.Exclusion, []string, bool) {
	if n.sig == nil || a.sig == nil {
		return constraint.Exclusion{}, nil, false
	}
	for _, ex := range n.sig.exclusions {
		if ex.Kind == constraint.Preserve {
			continue
		}
		if hit := constraint.ExcludedBy(ex, a.sig.title, a.sig.keywords); len(hit) > 0 {
			return ex, hit, true
		}
		for _, cat := range ex.Categories {
			switch {
			case cat == "low_maturity" && a.maturity > 0 && a.maturity < minDevelopedTRL:
				return ex, nil, true
			case cat == "equity" && a.modeBits == modeBit(techmatch.Equity) && !a.otherMode:
				return ex, nil, true
			}
		}
	}
	return constraint.Exclusion{}, nil, false
}

// minDevelopedTRL is the TRL from which an achievement is no longer "still
// in development" (不要还在研发中的): TRL 6, a prototype demonstrated in a
// relevant environment.
const minDevelopedTRL = 6

// numericFit returns the need's requirements an achievement's figures meet
// and fail.
func numericFit(n *NeedProfile, a *AchievementProfile) (met, failed int, verdicts []constraint.Verdict) {
	if n.sig == nil || a.sig == nil || len(n.sig.requirements) == 0 || len(a.sig.quantities) == 0 {
		return 0, 0, nil
	}
	verdicts = constraint.FitAll(n.sig.requirements, a.sig.quantities)
	for _, v := range verdicts {
		switch v.Outcome {
		case constraint.Meets:
			met++
		case constraint.Fails:
			failed++
		}
	}
	return met, failed, verdicts
}

// effects links the need's symptoms and wishes to the achievement's
// effects (rank/effect.Answers) and sums them into evidence for and
// against the pair.
func (s *Scorer) effects(n *NeedProfile, a *AchievementProfile) (links []effect.Link, pro, con float64) {
	if n.sig == nil || a.sig == nil || len(n.sig.wants) == 0 || len(a.sig.effects) == 0 {
		return nil, 0, 0
	}
	links = s.signals.eff.Answers(n.sig.wants, a.sig.effects)
	pro, con = effect.Evidence(links)
	return links, pro, con
}
