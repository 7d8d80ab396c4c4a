package gen

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/techmatch/techmatch"
)

// Length bounds of generated text, in runes.
const (
	MinTitle       = 12
	MaxTitle       = 30
	MinDescription = 80
	MaxDescription = 300
	MinKeywords    = 3
	MaxKeywords    = 6
)

// Generator produces catalogs for one seed.
//
// A Generator is immutable after New: safe for concurrent use by many
// goroutines. Record i of either kind depends only on the seed and i.
type Generator struct {
	seed  uint64
	vocab *Vocabulary
	cum   []float64 // cumulative industryWeights
}

// New returns a generator for seed, reading the vocabulary from the
// repository's knowledge base and lexicon (about 50 ms).
func New(seed uint64) (*Generator, error) {
	v, err := NewVocabulary(seed)
	if err != nil {
		return nil, err
	}
	return NewWithVocabulary(seed, v)
}

// NewWithVocabulary returns a generator over a given vocabulary, which must
// have at least one term for every industry of Industries. v must not be
// modified afterwards.
func NewWithVocabulary(seed uint64, v *Vocabulary) (*Generator, error) {
	if v == nil {
		return nil, fmt.Errorf("gen: nil vocabulary")
	}
	for _, ind := range Industries {
		if len(v.Terms[ind]) == 0 {
			return nil, fmt.Errorf("gen: vocabulary has no terms for industry %s", ind)
		}
	}
	if len(v.General) == 0 {
		return nil, fmt.Errorf("gen: vocabulary has no general terms")
	}
	g := &Generator{seed: seed, vocab: v}
	s := 0.0
	for _, w := range industryWeights {
		s += w
		g.cum = append(g.cum, s)
	}
	return g, nil
}

// Seed returns the generator's seed.
func (g *Generator) Seed() uint64 { return g.seed }

// Kind names a catalog.
type Kind string

// The two catalog kinds.
const (
	KindAchievements Kind = "achievements"
	KindNeeds        Kind = "needs"
)

// ParseKind accepts "achievements"/"achievement"/"a" and "needs"/"need"/"n".
func ParseKind(s string) (Kind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "achievements", "achievement", "a":
		return KindAchievements, nil
	case "needs", "need", "n":
		return KindNeeds, nil
	}
	return "", fmt.Errorf("gen: unknown kind %q (want achievements or needs)", s)
}

// stream salts of the per-record PCG streams.
const (
	saltAchievement = 0x616368 // "ach"
	saltNeed        = 0x6e6565 // "nee"
)

// rec is the per-record drawing state.
type rec struct {
	g     *Generator
	r     *rand.Rand
	inds  []techmatch.Industry
	zipfs map[techmatch.Industry]*rand.Zipf
	used  map[string]bool
	unit  string // unit of the last metric drawn
	kseq  int    // ≥ 0: {k} takes keywords in turn from this index (titles)
}

func (g *Generator) newRec(salt uint64, i int) *rec {
	r := rand.New(rand.NewPCG(g.seed, salt<<40^uint64(i)))
	x := &rec{g: g, r: r, zipfs: map[techmatch.Industry]*rand.Zipf{}, used: map[string]bool{}, kseq: -1}
	p := g.pickIndustry(r.Float64())
	x.inds = []techmatch.Industry{p}
	if r.IntN(3) == 0 {
		for {
			s := g.pickIndustry(r.Float64())
			if s != p {
				x.inds = append(x.inds, s)
				break
			}
		}
	}
	return x
}

func (g *Generator) pickIndustry(u float64) techmatch.Industry {
	for i, c := range g.cum {
		if u < c {
			return Industries[i]
		}
	}
	return Industries[len(Industries)-1]
}

// term draws a term of ind by Zipf rank.
func (x *rec) term(ind techmatch.Industry) string {
	ts := x.g.vocab.Terms[ind]
	z := x.zipfs[ind]
	if z == nil {
		z = rand.NewZipf(x.r, zipfS, zipfV, uint64(len(ts)-1))
		x.zipfs[ind] = z
	}
	return ts[z.Uint64()]
}

// any draws a term of the record's industries (primary 70 %), now and then
// a general lexicon term.
func (x *rec) any() string {
	u := x.r.IntN(100)
	switch {
	case u < 6:
		return pick(x.r, x.g.vocab.General)
	case u < 76 || len(x.inds) == 1:
		return x.term(x.inds[0])
	default:
		return x.term(x.inds[1])
	}
}

// fresh draws a term not used yet in this record (tries a few times).
func (x *rec) fresh() string {
	var t string
	for range 8 {
		t = x.any()
		if !x.used[t] {
			break
		}
	}
	x.used[t] = true
	return t
}

// code is a technical token: a grade or designation, or an ASCII term of
// the record's primary industry.
func (x *rec) code() string {
	cs := x.g.vocab.Codes[x.inds[0]]
	if len(cs) > 0 && x.r.IntN(2) == 0 {
		return cs[x.r.IntN(len(cs))]
	}
	return pick(x.r, grades)
}

func pick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

func runes(s string) int { return utf8.RuneCountInString(s) }

// keywords draws k distinct keywords, mostly of the primary industry.
func (x *rec) keywords() []string {
	k := MinKeywords + x.r.IntN(MaxKeywords-MinKeywords+1)
	out := make([]string, 0, k)
	for tries := 0; len(out) < k && tries < 64; tries++ {
		var t string
		if len(out) < 2 || len(x.inds) == 1 || x.r.IntN(3) > 0 {
			t = x.term(x.inds[0])
		} else {
			t = x.term(x.inds[1])
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
			x.used[t] = true
		}
	}
	for len(out) < MinKeywords { // tiny vocabularies only
		out = append(out, x.g.vocab.Terms[x.inds[0]][len(out)])
	}
	return out
}

// fill expands a template: {k} a keyword, {t} a fresh term, {c} a code,
// {p} a percentage, {n} a number, {s} a small count, {m} a metric, {u} the
// unit of the last metric, {d} a defect, {a} an advantage, {g} a stage, {x} a transfer mode
// in Chinese, {b} a budget.
func (x *rec) fill(tpl string, kw []string, b *strings.Builder) {
	for i := 0; i < len(tpl); i++ {
		c := tpl[i]
		if c != '{' || i+2 >= len(tpl) || tpl[i+2] != '}' {
			b.WriteByte(c)
			continue
		}
		switch tpl[i+1] {
		case 'k':
			if x.kseq >= 0 {
				b.WriteString(kw[x.kseq%len(kw)])
				x.kseq++
			} else {
				b.WriteString(kw[x.r.IntN(len(kw))])
			}
		case 't':
			b.WriteString(x.fresh())
		case 'c':
			b.WriteString(x.code())
		case 'p':
			b.WriteString(strconv.Itoa(5 + x.r.IntN(60)))
		case 'n':
			b.WriteString(number(x.r))
		case 's':
			b.WriteString(strconv.Itoa(1 + x.r.IntN(12)))
		case 'm':
			m := metrics[x.r.IntN(len(metrics))]
			b.WriteString(m.name)
			x.unit = m.units[x.r.IntN(len(m.units))]
		case 'u':
			if x.unit == "" {
				x.unit = "%"
			}
			b.WriteString(x.unit)
		case 'd':
			b.WriteString(pick(x.r, defects))
		case 'a':
			b.WriteString(pick(x.r, advantages))
		case 'g':
			b.WriteString(pick(x.r, stages))
		case 'x':
			b.WriteString(pick(x.r, modeNames))
		case 'b':
			b.WriteString(strconv.Itoa(budget(x.r)))
		default:
			b.WriteString(tpl[i : i+3])
		}
		i += 2
	}
}

// number is a plausible measured value: an integer or one decimal.
func number(r *rand.Rand) string {
	if r.IntN(3) == 0 {
		return strconv.FormatFloat(float64(r.IntN(1000))/10, 'f', 1, 64)
	}
	return strconv.Itoa(1 + int(math.Exp(r.Float64()*7)))
}

// minMaturity is 0 (no minimum) for 30 % of needs, else TRL 3–7.
func minMaturity(r *rand.Rand) int {
	if r.IntN(10) < 3 {
		return 0
	}
	return 3 + r.IntN(5)
}

// budget is a price or budget in 万元: 10 to about 2000, multiples of 5,
// log-uniform.
func budget(r *rand.Rand) int {
	return 5 * (1 + int(math.Exp(r.Float64()*6)))
}

// title builds a title of MinTitle–MaxTitle runes from templates.
func (x *rec) title(tpls []string, kw []string) string {
	var b strings.Builder
	defer func() { x.kseq = -1 }()
	for try := 0; try < 12; try++ {
		b.Reset()
		x.kseq = x.r.IntN(len(kw)) // distinct keywords in one title
		x.fill(pick(x.r, tpls), kw, &b)
		n := runes(b.String())
		for n < MinTitle {
			b.WriteString(pick(x.r, titleTails))
			n = runes(b.String())
		}
		if n <= MaxTitle {
			return b.String()
		}
	}
	return string([]rune(b.String())[:MaxTitle])
}

// description glues sentences until a target length drawn in
// [MinDescription, MaxDescription], never exceeding MaxDescription.
func (x *rec) description(open, body, fillers []string, kw []string) string {
	// Target: a triangular-ish spread with its mode near 150 runes.
	target := MinDescription + int(float64(MaxDescription-MinDescription)*x.r.Float64()*x.r.Float64()*1.6)
	target = min(target, MaxDescription)
	var b, s strings.Builder
	x.fill(pick(x.r, open), kw, &b)
	n := runes(b.String())
	for fails := 0; n < target && fails < 6; {
		s.Reset()
		x.fill(pick(x.r, body), kw, &s)
		m := runes(s.String())
		if n+m > MaxDescription {
			fails++
			continue
		}
		b.WriteString(s.String())
		n += m
	}
	for n < MinDescription {
		s.Reset()
		x.fill(pick(x.r, fillers), kw, &s)
		b.WriteString(s.String())
		n += runes(s.String())
	}
	out := b.String()
	if n > MaxDescription {
		out = string([]rune(out)[:MaxDescription])
	}
	return out
}

func (x *rec) date() string {
	d := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, x.r.IntN(7*365))
	return d.Format(time.DateOnly)
}

func (x *rec) modes() []techmatch.TransferMode {
	all := []techmatch.TransferMode{techmatch.Assign, techmatch.License, techmatch.Equity, techmatch.CoDevelop}
	k := 1 + x.r.IntN(3)
	var out []techmatch.TransferMode
	for _, i := range x.r.Perm(len(all))[:k] {
		out = append(out, all[i])
	}
	slices.SortFunc(out, func(a, b techmatch.TransferMode) int {
		return slices.Index(all, a) - slices.Index(all, b)
	})
	return out
}

// Achievement returns achievement i (0-based) of the seed's catalog; its id
// is "A" followed by i+1 in 7 digits.
func (g *Generator) Achievement(i int) techmatch.Achievement {
	x := g.newRec(saltAchievement, i)
	kw := x.keywords()
	o := owners[x.r.IntN(len(owners))]
	a := techmatch.Achievement{
		ID:            fmt.Sprintf("A%07d", i+1),
		Title:         x.title(achievementTitles, kw),
		Description:   x.description(achievementOpen, achievementBody, achievementFillers, kw),
		Keywords:      kw,
		Industries:    x.inds,
		Owner:         o.name,
		OwnerType:     o.kind,
		Region:        o.region,
		Maturity:      3 + x.r.IntN(7),
		TransferModes: x.modes(),
		Date:          x.date(),
	}
	if x.r.IntN(10) >= 3 { // 30 % negotiable
		a.Price = float64(budget(x.r))
	}
	return a
}

// Need returns need i (0-based); its id is "N" followed by i+1 in 7 digits.
func (g *Generator) Need(i int) techmatch.Need {
	x := g.newRec(saltNeed, i)
	kw := x.keywords()
	n := techmatch.Need{
		ID:            fmt.Sprintf("N%07d", i+1),
		Title:         x.title(needTitles, kw),
		Description:   x.description(needOpen, needBody, needFillers, kw),
		Keywords:      kw,
		Industries:    x.inds,
		Region:        pick(x.r, needRegions),
		MinMaturity:   minMaturity(x.r),
		TransferModes: x.modes(),
		Date:          x.date(),
	}
	if x.inds[0] == techmatch.Biomed && x.r.IntN(3) == 0 {
		n.Org = pick(x.r, hospitals)
		n.OrgType = techmatch.Hospital
		n.Region = hospitalRegion(n.Org)
	} else {
		n.Org = companyName(x.r, n.Region, x.inds[0])
		n.OrgType = []techmatch.OrgType{techmatch.Leading, techmatch.HighTech, techmatch.HighTech, techmatch.SME, techmatch.SME, techmatch.SME}[x.r.IntN(6)]
	}
	if x.r.IntN(10) >= 2 {
		n.Budget = float64(budget(x.r))
	}
	return n
}

// Achievements returns achievements 0..n-1, generated in parallel.
func (g *Generator) Achievements(ctx context.Context, n int) ([]techmatch.Achievement, error) {
	return fill(ctx, n, g.Achievement)
}

// Needs returns needs 0..n-1, generated in parallel.
func (g *Generator) Needs(ctx context.Context, n int) ([]techmatch.Need, error) {
	return fill(ctx, n, g.Need)
}

// fill generates n records with GOMAXPROCS goroutines; the output does not
// depend on the number of goroutines.
func fill[T any](ctx context.Context, n int, f func(int) T) ([]T, error) {
	if n < 0 {
		return nil, fmt.Errorf("gen: negative count %d", n)
	}
	out := make([]T, n)
	workers := min(runtime.GOMAXPROCS(0), max(n/1024, 1))
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j, i := 0, w; i < n; j, i = j+1, i+workers {
				if j%1024 == 0 && ctx.Err() != nil {
					errs[w] = ctx.Err()
					return
				}
				out[i] = f(i)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("gen: %w", err)
		}
	}
	return out, nil
}
