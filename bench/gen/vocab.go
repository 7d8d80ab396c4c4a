package gen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/rank/knowledge"
	"github.com/techmatch/techmatch/segment"
)

// Industries lists the industry areas the generator draws from, in a fixed
// order: the four key industries, then the other areas of the knowledge
// base.
var Industries = []techmatch.Industry{
	techmatch.Auto, techmatch.Equipment, techmatch.Biomed, techmatch.Materials,
	"energy", "electronics", "agriculture", "environment",
}

// industryWeights are the shares of primary industries (sum 1), in the
// order of Industries: the key industries dominate, as in the Harbin and
// Changchun agencies' catalogs.
var industryWeights = []float64{0.20, 0.19, 0.17, 0.16, 0.08, 0.08, 0.06, 0.06}

// IndustryMix returns the expected share of each primary industry.
func IndustryMix() map[techmatch.Industry]float64 {
	m := make(map[techmatch.Industry]float64, len(Industries))
	for i, ind := range Industries {
		m[ind] = industryWeights[i]
	}
	return m
}

// Zipf parameters of term draws: P(rank k) ∝ (k+zipfV)^-zipfS.
const (
	zipfS = 1.1
	zipfV = 3
)

// Vocabulary is the technical vocabulary per industry, each list in Zipf
// rank order (index 0 the most frequent).
//
// A Vocabulary is immutable after NewVocabulary: safe for concurrent use.
type Vocabulary struct {
	// Terms per industry code: Chinese or mixed terms of 2–12 runes.
	Terms map[techmatch.Industry][]string
	// Codes per industry code: pure-ASCII terms of the knowledge base
	// (abbreviations, grades), used as technical tokens.
	Codes map[techmatch.Industry][]string
	// General are lexicon terms without a known industry.
	General []string
}

// NewVocabulary reads the knowledge base and the embedded lexicon and ranks
// each industry's terms by a shuffle seeded with seed.
func NewVocabulary(seed uint64) (*Vocabulary, error) {
	g, err := knowledge.Default()
	if err != nil {
		return nil, fmt.Errorf("gen: knowledge base: %w", err)
	}
	lex, err := segment.EmbeddedLexicon()
	if err != nil {
		return nil, fmt.Errorf("gen: lexicon: %w", err)
	}
	v := &Vocabulary{
		Terms: map[techmatch.Industry][]string{},
		Codes: map[techmatch.Industry][]string{},
	}
	known := map[techmatch.Industry]bool{}
	for _, ind := range Industries {
		known[ind] = true
	}
	seen := map[string]bool{}
	add := func(t string, inds []techmatch.Industry) {
		key := knowledge.Normalize(t) // lexicon terms are lower-cased KB terms
		if seen[key] {
			return
		}
		seen[key] = true
		ascii, ok := usable(t)
		if !ok {
			return
		}
		if len(inds) == 0 {
			if !ascii {
				v.General = append(v.General, t)
			}
			return
		}
		for _, ind := range inds {
			if !known[ind] {
				continue
			}
			if ascii {
				v.Codes[ind] = append(v.Codes[ind], t)
			} else {
				v.Terms[ind] = append(v.Terms[ind], t)
			}
		}
	}
	for _, t := range g.Terms() {
		add(t, g.Industries(t))
	}
	for _, t := range lex {
		add(t, g.Industries(t))
	}
	for _, ind := range Industries {
		if len(v.Terms[ind]) < 20 {
			return nil, fmt.Errorf("gen: industry %s has %d terms in the knowledge base, want ≥ 20", ind, len(v.Terms[ind]))
		}
	}
	if len(v.General) == 0 {
		v.General = append(v.General, "关键技术")
	}
	r := rand.New(rand.NewPCG(seed, 0x766f636162)) // "vocab"
	for _, ind := range Industries {
		r.Shuffle(len(v.Terms[ind]), func(i, j int) { v.Terms[ind][i], v.Terms[ind][j] = v.Terms[ind][j], v.Terms[ind][i] })
		r.Shuffle(len(v.Codes[ind]), func(i, j int) { v.Codes[ind][i], v.Codes[ind][j] = v.Codes[ind][j], v.Codes[ind][i] })
	}
	r.Shuffle(len(v.General), func(i, j int) { v.General[i], v.General[j] = v.General[j], v.General[i] })
	return v, nil
}

// usable reports whether t is a term worth drawing (ok) and whether it is
// pure ASCII (a code such as PHEV or 7075).
func usable(t string) (ascii, ok bool) {
	n := utf8.RuneCountInString(t)
	ascii = true
	for _, r := range t {
		if r >= utf8.RuneSelf {
			ascii = false
		}
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return false, false
		}
	}
	if ascii {
		return true, n >= 2 && n <= 12 && slices.ContainsFunc([]rune(t), unicode.IsUpper)
	}
	return false, n >= 2 && n <= 12
}
