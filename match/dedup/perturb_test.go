package dedup

// The evaluation set: perturbed copies ("re-submissions") of a sample of
// the bundled catalogs' records, mixed into the catalogs. Deterministic
// for a seed.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/techmatch/techmatch"
)

// strength is how heavily a copy is edited.
type strength int

const (
	light  strength = iota // one edit: sentences swapped, a few synonyms or figures
	medium                 // sentences re-ordered, synonyms, figures, a sentence added or removed, keywords edited
	heavy                  // all of medium at full rate, a sentence added and one removed, the title re-worded, price and maturity changed
	strengths
)

func (s strength) String() string { return [...]string{"light", "medium", "heavy"}[s] }

// synonyms are common technical near-synonyms; a copy swaps either way.
var synonyms = [][2]string{
	{"提高", "提升"}, {"降低", "减少"}, {"技术", "工艺"}, {"装置", "设备"}, {"方法", "方案"},
	{"采用", "利用"}, {"制备", "制造"}, {"显著", "明显"}, {"实现", "达到"}, {"适用于", "可用于"},
	{"具有", "具备"}, {"性能", "特性"}, {"优化", "改进"}, {"研制", "开发"}, {"应用", "使用"},
	{"检测", "检验"}, {"良好", "优良"}, {"有效", "切实"}, {"目前", "当前"}, {"解决", "克服"},
}

// addedSentences are what a re-submission typically adds.
var addedSentences = []string{
	"该成果已在多家企业推广应用，经济效益显著。",
	"可提供技术培训、工艺包和售后服务。",
	"项目团队拥有多年产业化经验，欢迎洽谈合作。",
	"相关产品已通过第三方检测机构检测。",
	"技术成熟度较上次申报有所提升。",
	"已与省内龙头企业签订合作意向书。",
}

// titlePrefixes and titleSuffixes re-word a title.
var (
	titlePrefixes = []string{"一种", "新型", "高性能", "面向产业化的"}
	titleSuffixes = []string{"及其应用", "技术", "及产业化", "关键技术", "研究与应用"}
	titleDrops    = []string{"及其制备方法", "及其制备技术", "及其应用", "技术", "方法", "系统", "装置"}
)

// perturber makes copies with one random stream.
type perturber struct{ r *rand.Rand }

// sentences splits text after 。；！？ (the mark stays with its sentence).
func sentences(text string) []string {
	var out []string
	start := 0
	for i, r := range text {
		if r == '。' || r == '；' || r == '！' || r == '？' {
			end := i + utf8.RuneLen(r)
			out = append(out, text[start:end])
			start = end
		}
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

func (p *perturber) swapSentences(text string, all bool) string {
	s := sentences(text)
	if len(s) < 2 {
		return text
	}
	if all {
		p.r.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
	} else {
		i := p.r.IntN(len(s) - 1)
		s[i], s[i+1] = s[i+1], s[i]
	}
	return strings.Join(s, "")
}

// synonymSwap replaces each occurrence of a table word with its partner
// with probability rate.
func (p *perturber) synonymSwap(text string, rate float64) string {
	var b strings.Builder
	for i := 0; i < len(text); {
		done := false
		for _, pair := range synonyms {
			for k, w := range pair {
				if strings.HasPrefix(text[i:], w) && p.r.Float64() < rate {
					b.WriteString(pair[1-k])
					i += len(w)
					done = true
					break
				}
			}
			if done {
				break
			}
		}
		if !done {
			_, n := utf8.DecodeRuneInString(text[i:])
			b.WriteString(text[i : i+n])
			i += n
		}
	}
	return b.String()
}

// changeNumbers changes each figure (digits with an optional decimal
// part) with probability rate by a factor in [0.6,1.4], keeping its
// number of decimals.
func (p *perturber) changeNumbers(text string, rate float64) string {
	var b strings.Builder
	for i := 0; i < len(text); {
		c := text[i]
		if c < '0' || c > '9' {
			b.WriteByte(c)
			i++
			continue
		}
		j := i
		for j < len(text) && (text[j] >= '0' && text[j] <= '9' || text[j] == '.' && j+1 < len(text) && text[j+1] >= '0' && text[j+1] <= '9') {
			j++
		}
		num := text[i:j]
		if p.r.Float64() < rate {
			dec := 0
			if k := strings.IndexByte(num, '.'); k >= 0 {
				dec = len(num) - k - 1
			}
			v, _ := strconv.ParseFloat(num, 64)
			w := v * (0.6 + 0.8*p.r.Float64())
			if s := strconv.FormatFloat(w, 'f', dec, 64); s != num && !math.IsInf(w, 0) {
				num = s
			} else {
				num = strconv.FormatFloat(v+1, 'f', dec, 64)
			}
		}
		b.WriteString(num)
		i = j
	}
	return b.String()
}

func (p *perturber) addSentence(text string) string {
	s := sentences(text)
	add := addedSentences[p.r.IntN(len(addedSentences))]
	at := p.r.IntN(len(s) + 1)
	return strings.Join(slices.Insert(s, at, add), "")
}

func (p *perturber) removeSentence(text string) string {
	s := sentences(text)
	if len(s) < 3 {
		return text
	}
	i := p.r.IntN(len(s))
	return strings.Join(slices.Delete(s, i, i+1), "")
}

// retitle re-words a title: a suffix dropped or added, a prefix added,
// synonyms swapped.
func (p *perturber) retitle(t string) string {
	for _, d := range titleDrops {
		if strings.HasSuffix(t, d) && utf8.RuneCountInString(t)-utf8.RuneCountInString(d) >= 6 {
			t = strings.TrimSuffix(t, d)
			break
		}
	}
	switch p.r.IntN(3) {
	case 0:
		t = titlePrefixes[p.r.IntN(len(titlePrefixes))] + t
	case 1:
		t += titleSuffixes[p.r.IntN(len(titleSuffixes))]
	}
	return p.synonymSwap(t, 1)
}

// editKeywords drops a keyword, adds a synonym-swapped one and shuffles.
func (p *perturber) editKeywords(kws []string) []string {
	kws = slices.Clone(kws)
	if len(kws) > 2 {
		i := p.r.IntN(len(kws))
		kws = slices.Delete(kws, i, i+1)
	}
	if len(kws) > 0 {
		if k := p.synonymSwap(kws[p.r.IntN(len(kws))], 1); !slices.Contains(kws, k) {
			kws = append(kws, k)
		}
	}
	p.r.Shuffle(len(kws), func(i, j int) { kws[i], kws[j] = kws[j], kws[i] })
	return kws
}

// text edits a record's text at strength s.
func (p *perturber) text(title, desc string, kws []string, s strength) (string, string, []string) {
	switch s {
	case light:
		switch p.r.IntN(3) {
		case 0:
			desc = p.swapSentences(desc, false)
		case 1:
			desc = p.synonymSwap(desc, 0.3)
		default:
			desc = p.changeNumbers(desc, 0.3)
		}
	case medium:
		desc = p.swapSentences(desc, true)
		desc = p.synonymSwap(desc, 0.5)
		desc = p.changeNumbers(desc, 0.5)
		if p.r.IntN(2) == 0 {
			desc = p.addSentence(desc)
		} else {
			desc = p.removeSentence(desc)
		}
		kws = p.editKeywords(kws)
	case heavy:
		desc = p.swapSentences(desc, true)
		desc = p.synonymSwap(desc, 1)
		desc = p.changeNumbers(desc, 1)
		desc = p.removeSentence(desc)
		desc = p.addSentence(desc)
		title = p.changeNumbers(p.retitle(title), 1)
		kws = p.editKeywords(kws)
	}
	return title, desc, kws
}

// later returns date moved q quarters on (dates that do not parse are
// kept).
func later(date string, q int) string {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return date
	}
	return t.AddDate(0, 3*q, 0).Format("2006-01-02")
}

func (p *perturber) achievement(a techmatch.Achievement, id string, s strength, q int) techmatch.Achievement {
	c := a
	c.ID = id
	c.Title, c.Description, c.Keywords = p.text(a.Title, a.Description, a.Keywords, s)
	c.Date = later(a.Date, q)
	if s == heavy {
		c.Maturity = min(9, a.Maturity+1)
		c.Price = math.Round(a.Price * 1.2)
	}
	return c
}

func (p *perturber) need(n techmatch.Need, id string, s strength, q int) techmatch.Need {
	c := n
	c.ID = id
	c.Title, c.Description, c.Keywords = p.text(n.Title, n.Description, n.Keywords, s)
	c.Date = later(n.Date, q)
	if s == heavy {
		c.Budget = math.Round(n.Budget * 1.2)
	}
	return c
}

// evalSet is a catalog with known copies.
type evalSet[R techmatch.Record] struct {
	recs []R
	// group maps every id to its original's id.
	group map[string]string
	// copyOf maps a copy's id to its strength.
	copyOf map[string]strength
}

// withCopies returns recs with perturbed copies of a sample mixed in:
// each record is copied with probability rate; a copied record gets a
// second, independent copy with probability 1/4. Strengths cycle light,
// medium, heavy. Copies take new ids (original id + "-R1", "-R2"), the
// same owner, and a date one or two quarters later. The result is
// shuffled. Deterministic for seed.
func withCopies[R techmatch.Record](recs []R, seed uint64, rate float64, copyFn func(p *perturber, r R, id string, s strength, q int) R) evalSet[R] {
	p := &perturber{r: rand.New(rand.NewPCG(seed, 0xd0d0))}
	e := evalSet[R]{group: map[string]string{}, copyOf: map[string]strength{}}
	next := strength(0)
	for _, r := range recs {
		id := r.RecordID()
		e.recs = append(e.recs, r)
		e.group[id] = id
		if p.r.Float64() >= rate {
			continue
		}
		copies := 1
		if p.r.IntN(4) == 0 {
			copies = 2
		}
		for q := 1; q <= copies; q++ {
			cid := fmt.Sprintf("%s-R%d", id, q)
			e.recs = append(e.recs, copyFn(p, r, cid, next, q))
			e.group[cid], e.copyOf[cid] = id, next
			next = (next + 1) % strengths
		}
	}
	p.r.Shuffle(len(e.recs), func(i, j int) { e.recs[i], e.recs[j] = e.recs[j], e.recs[i] })
	return e
}

func achievementCopy(p *perturber, a techmatch.Achievement, id string, s strength, q int) techmatch.Achievement {
	return p.achievement(a, id, s, q)
}

func needCopy(p *perturber, n techmatch.Need, id string, s strength, q int) techmatch.Need {
	return p.need(n, id, s, q)
}

// pairKey is an unordered pair of ids.
type pairKey [2]string

func newPair(a, b string) pairKey {
	if a > b {
		a, b = b, a
	}
	return pairKey{a, b}
}

// scores are precision and recall of found pairs against the copy pairs.
type scores struct {
	truePairs, found, correct int
	// origMerged are found pairs of two originals (false positives on the
	// catalog's own look-alikes).
	origMerged []pairKey
	// recall per strength of the pair (original, copy).
	byStrength [strengths][2]int // correct, total
}

func (s scores) precision() float64 {
	if s.found == 0 {
		return 1
	}
	return float64(s.correct) / float64(s.found)
}

func (s scores) recall() float64 {
	if s.truePairs == 0 {
		return 1
	}
	return float64(s.correct) / float64(s.truePairs)
}

// score compares the pairs within clusters with the known copy pairs: all
// pairs of records of one group (original and copies).
func (e evalSet[R]) score(cs []Cluster) scores {
	var s scores
	members := map[string][]string{}
	for id, g := range e.group {
		members[g] = append(members[g], id)
	}
	truth := map[pairKey]bool{}
	for _, ids := range members {
		for i := range ids {
			for j := i + 1; j < len(ids); j++ {
				truth[newPair(ids[i], ids[j])] = true
			}
		}
	}
	s.truePairs = len(truth)
	found := map[pairKey]bool{}
	for _, c := range cs {
		for i := range c.Members {
			for j := i + 1; j < len(c.Members); j++ {
				found[newPair(c.Members[i], c.Members[j])] = true
			}
		}
	}
	s.found = len(found)
	for k := range found {
		if truth[k] {
			s.correct++
		}
		_, c0 := e.copyOf[k[0]]
		_, c1 := e.copyOf[k[1]]
		if !c0 && !c1 {
			s.origMerged = append(s.origMerged, k)
		}
	}
	slices.SortFunc(s.origMerged, func(a, b pairKey) int { return strings.Compare(a[0]+a[1], b[0]+b[1]) })
	for id, st := range e.copyOf {
		k := newPair(id, e.group[id])
		s.byStrength[st][1]++
		if found[k] {
			s.byStrength[st][0]++
		}
	}
	return s
}
