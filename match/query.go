package match

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/rank/assoc"
	"github.com/techmatch/techmatch/rank/knowledge"
	"github.com/techmatch/techmatch/segment"
)

// QueryConfig shapes the query built from a record's text. Zero fields
// take the documented defaults; each component has a switch so that its
// effect can be measured (techmatch eval's ablation flags).
type QueryConfig struct {
	// TitleBoost multiplies the weight of terms in the title; default 1.5.
	TitleBoost float64 `json:"title_boost" yaml:"title_boost"`
	// KeywordBoost multiplies the weight of terms in the keywords; default 2.
	KeywordBoost float64 `json:"keyword_boost" yaml:"keyword_boost"`
	// BigramWeight is the weight of the character-bigram backoff terms
	// relative to words; default 0.1 (measured against 0.05–0.25 on three
	// catalogs, docs/ranking.md). NoBigrams turns them off.
	BigramWeight float64 `json:"bigram_weight" yaml:"bigram_weight"`
	NoBigrams    bool    `json:"no_bigrams" yaml:"no_bigrams"`
	// SubwordWeight multiplies the weight of a word that search mode cut
	// out of a longer word of the same text (寿命 inside 长寿命), so that a
	// compound does not count once per part; default 0.15, 1 weighs parts
	// like whole words.
	SubwordWeight float64 `json:"subword_weight" yaml:"subword_weight"`
	// ExpansionWeight multiplies the weight of knowledge-base expansions
	// (synonyms, problem → technique links); default 0.6. NoExpansion
	// turns domain-knowledge expansion off.
	ExpansionWeight float64 `json:"expansion_weight" yaml:"expansion_weight"`
	NoExpansion     bool    `json:"no_expansion" yaml:"no_expansion"`
	// KeepExcluded keeps in the query the words of what the need says it
	// excludes (不考虑三元锂电池: 三元锂电池); by default they are left out.
	KeepExcluded bool `json:"keep_excluded" yaml:"keep_excluded"`
	// ExpansionPartWeight multiplies the weight of the parts of an
	// expansion term that no document has whole (气凝胶 and 隔热 for
	// 气凝胶隔热); default 1. NoExpansionParts drops such expansions.
	ExpansionPartWeight float64 `json:"expansion_part_weight" yaml:"expansion_part_weight"`
	NoExpansionParts    bool    `json:"no_expansion_parts" yaml:"no_expansion_parts"`
	// SalienceBoost raises the weight of the record's TF-IDF keywords
	// (jieba extraction over the whole text): a keyword's weight is
	// multiplied by 1 + SalienceBoost × its normalised TF-IDF. Default 0
	// (off): in the ablation (docs/ranking.md) it did not help.
	SalienceBoost float64 `json:"salience_boost" yaml:"salience_boost"`
	// AssociationWeight multiplies the weight of learned associations
	// (Config.Associations); default 0.4. MaxAssociations caps them;
	// default 12.
	AssociationWeight float64 `json:"association_weight" yaml:"association_weight"`
	MaxAssociations   int     `json:"max_associations" yaml:"max_associations"`
	// FeedbackDocs is the number of top documents of a first retrieval
	// whose salient words are added to the query (pseudo-relevance
	// feedback); default 0 (off). FeedbackTerms caps the added words
	// (default 10) and FeedbackWeight is the weight of the most salient one
	// (default 0.3); see feedback.go.
	FeedbackDocs   int     `json:"feedback_docs" yaml:"feedback_docs"`
	FeedbackTerms  int     `json:"feedback_terms" yaml:"feedback_terms"`
	FeedbackWeight float64 `json:"feedback_weight" yaml:"feedback_weight"`
	// MinIDF drops query terms whose idf in the index is below it: words
	// in so many documents that they barely separate them but cost the most
	// to score (idf 1.6 ≈ in a fifth of the documents, 2.3 ≈ a tenth).
	// Default 0 (keep all).
	MinIDF float64 `json:"min_idf" yaml:"min_idf"`
	// MaxWords caps the record's own word terms (most informative kept, by
	// weight × idf); default 40. MaxExpansions caps expansion terms;
	// default 24. MaxBigrams caps bigram terms; default 32.
	MaxWords      int `json:"max_words" yaml:"max_words"`
	MaxExpansions int `json:"max_expansions" yaml:"max_expansions"`
	MaxBigrams    int `json:"max_bigrams" yaml:"max_bigrams"`
	// BigramPool is how many documents, the best by text relevance, the
	// bigram feature (rank.Candidate.Bigram) re-ranks; default 200. The
	// feature has no bound tied to text relevance, so without a pool every
	// document sharing a word with the query would be scored (50–100 times
	// slower at 10k–100k achievements). Past the pool the engine reads on
	// only while fewer than k pairs are kept. The top k is exact over the
	// pool, as with an embedding (EmbeddingConfig.Pool); the default
	// weights were fitted on pools of 100.
	BigramPool int `json:"bigram_pool" yaml:"bigram_pool"`
}

// Validate reports the first invalid field.
func (c QueryConfig) Validate() error {
	for _, f := range []struct {
		name string
		v    float64
	}{{"title_boost", c.TitleBoost}, {"keyword_boost", c.KeywordBoost}, {"bigram_weight", c.BigramWeight}, {"subword_weight", c.SubwordWeight},
		{"expansion_weight", c.ExpansionWeight}, {"expansion_part_weight", c.ExpansionPartWeight}, {"salience_boost", c.SalienceBoost}, {"feedback_weight", c.FeedbackWeight}, {"association_weight", c.AssociationWeight}, {"min_idf", c.MinIDF}} {
		if f.v < 0 || math.IsNaN(f.v) || math.IsInf(f.v, 0) {
			return fmt.Errorf("match: query config: %s = %v, want a finite value ≥ 0", f.name, f.v)
		}
	}
	for _, f := range []struct {
		name string
		v    int
	}{{"max_words", c.MaxWords}, {"max_expansions", c.MaxExpansions}, {"max_bigrams", c.MaxBigrams}, {"bigram_pool", c.BigramPool},
		{"feedback_docs", c.FeedbackDocs}, {"feedback_terms", c.FeedbackTerms}, {"max_associations", c.MaxAssociations}} {
		if f.v < 0 {
			return fmt.Errorf("match: query config: %s = %d, want ≥ 0", f.name, f.v)
		}
	}
	return nil
}

func (c QueryConfig) withDefaults() QueryConfig {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	def(&c.TitleBoost, 1.5)
	def(&c.KeywordBoost, 2)
	def(&c.BigramWeight, 0.1)
	def(&c.SubwordWeight, 0.15)
	def(&c.ExpansionWeight, 0.6)
	def(&c.ExpansionPartWeight, 1)
	def(&c.FeedbackWeight, 0.3)
	def(&c.AssociationWeight, 0.4)
	if c.MaxAssociations == 0 {
		c.MaxAssociations = 12
	}
	if c.FeedbackTerms == 0 {
		c.FeedbackTerms = 10
	}
	if c.MaxWords == 0 {
		c.MaxWords = 40
	}
	if c.MaxExpansions == 0 {
		c.MaxExpansions = 24
	}
	if c.MaxBigrams == 0 {
		c.MaxBigrams = 32
	}
	if c.BigramPool == 0 {
		c.BigramPool = defaultBigramPool
	}
	return c
}

// defaultBigramPool is QueryConfig.BigramPool's default: at 200 the
// figures of every judged catalog equal those of scoring every document
// with a text match (docs/ranking.md), and a 100k-achievement match stays
// a few milliseconds (bench/README.md).
const defaultBigramPool = 200

// idfSource gives the index's idf of a term, to rank query terms by how
// informative they are.
type idfSource interface {
	IDF(f index.Field, term string) float64
	DocFreq(f index.Field, term string) int
}

// queryBuilder turns records into weighted query terms. It is immutable
// and safe for concurrent use; per-call buffers live in matchScratch.
type queryBuilder struct {
	seg *segment.Segmenter
	kb  *knowledge.Graph // nil: no expansion
	as  *assoc.Model     // nil: no learned associations
	idf idfSource
	cfg QueryConfig
	// cuts caches the precise cut of expansion terms (string → []string).
	cuts sync.Map
}

func newQueryBuilder(seg *segment.Segmenter, kb *knowledge.Graph, as *assoc.Model, idf idfSource, cfg QueryConfig) (*queryBuilder, error) {
	if seg == nil {
		return nil, errors.New("match: index has no segmenter")
	}
	return &queryBuilder{seg: seg, kb: kb, as: as, idf: idf, cfg: cfg}, nil
}

// matchScratch holds buffers reused across the calls of one worker.
type matchScratch struct {
	sub   []bool
	exp   []string
	best  []candidate
	terms []string
	w     map[termKey]float64
}

type termKey struct {
	term  string
	field index.Field
}

// query is a built query: the index terms and, per term, where it came
// from. Terms are ordered: own words, then expansions, then bigrams, each
// by weight; the first 64 carry Hit.Matched bits.
type query struct {
	terms []index.QueryTerm
	// expansion[i] is the expansion that produced term i, or nil for a
	// term of the record's own text.
	expansion []*techmatch.Expansion
	// ev is the record's own evidence for the bigram feature (evidence.go):
	// every bigram of its text.
	ev evidence
}

// recordText joins a record's fields for whole-text analyses.
func recordText(rec techmatch.Record) string {
	title, desc, kws := rec.Text()
	return title + "\n" + desc + "\n" + strings.Join(kws, " ")
}

// build analyses a record: O(text length) for cutting and expansion plus
// O(t log t) for t distinct terms. A record with no word of its own (only
// stop words, boilerplate, punctuation) gets an empty query.
func (b *queryBuilder) build(rec techmatch.Record, s *matchScratch) (query, error) {
	if s.w == nil {
		s.w = make(map[termKey]float64)
	}
	clear(s.w)
	title, desc, kws := rec.Text()
	// Words: one cut of the joined text (one cgo call), each token weighted
	// by the boost of the part its offset falls in.
	whole := recordText(rec)
	toks, err := b.seg.Tokenize(whole, segment.ModeSearch)
	if err != nil {
		return query{}, fmt.Errorf("match: analysing %s: %w", rec.RecordID(), err)
	}
	titleEnd, descEnd := len(title), len(title)+1+len(desc)
	sub := subwords(toks, &s.sub)
	excluded := b.excludedSpans(whole)
	for i, t := range toks {
		if b.seg.IsBoilerplate(t.Term) || inSpans(excluded, t.Start) {
			continue
		}
		boost := b.cfg.KeywordBoost
		switch {
		case t.Start < titleEnd:
			boost = b.cfg.TitleBoost
		case t.Start < descEnd:
			boost = 1
		}
		if sub[i] {
			boost *= b.cfg.SubwordWeight
		}
		s.w[termKey{t.Term, index.FieldWords}] += boost
	}
	// Bigrams: pure Go, per part (the excluded phrases too: bigrams are a
	// low-weight backoff, and the scorer demotes what is excluded).
	if !b.cfg.NoBigrams {
		type part struct {
			text  string
			boost float64
		}
		parts := []part{{title, b.cfg.TitleBoost}, {desc, 1}}
		for _, k := range kws {
			parts = append(parts, part{k, b.cfg.KeywordBoost})
		}
		for _, p := range parts {
			if p.text == "" {
				continue
			}
			s.terms, err = b.seg.AppendTerms(s.terms[:0], p.text, segment.ModeBigram)
			if err != nil {
				return query{}, fmt.Errorf("match: analysing %s: %w", rec.RecordID(), err)
			}
			for _, t := range s.terms {
				s.w[termKey{t, index.FieldBigrams}] += p.boost * b.cfg.BigramWeight
			}
		}
	}
	salience := map[string]float64{}
	if b.cfg.SalienceBoost > 0 {
		kw, err := b.seg.Keywords(whole, 12)
		if err != nil {
			return query{}, fmt.Errorf("match: keywords of %s: %w", rec.RecordID(), err)
		}
		if len(kw) > 0 {
			top := kw[0].Weight
			for _, k := range kw {
				salience[k.Term] = k.Weight / top
			}
		}
	}

	var words, bigrams []index.QueryTerm
	for k, raw := range s.w {
		// Sublinear query term frequency: repeating a word helps, but less
		// and less.
		w := 1 + math.Log(raw)
		if raw < 1 {
			w = raw
		}
		qt := index.QueryTerm{Term: k.term, Field: k.field, Weight: w}
		if k.field == index.FieldWords {
			qt.Weight *= 1 + b.cfg.SalienceBoost*salience[k.term]
			words = append(words, qt)
		} else {
			bigrams = append(bigrams, qt)
		}
	}
	if len(words) == 0 {
		// Only stop words, boilerplate or punctuation: the bigrams of such
		// text would match noise, so the record has no query.
		return query{}, nil
	}
	ev := b.evidence(bigrams)
	words = b.topTerms(words, b.cfg.MaxWords)
	bigrams = b.topTerms(bigrams, b.cfg.MaxBigrams)

	q := query{ev: ev}
	q.terms = append(q.terms, words...)
	q.expansion = make([]*techmatch.Expansion, len(words))
	if b.kb != nil && !b.cfg.NoExpansion {
		own := make(map[string]bool, len(words))
		for _, t := range words {
			own[t.Term] = true
		}
		n := 0
		for _, e := range b.kb.Expand(whole, knowledge.Options{Max: 4 * b.cfg.MaxExpansions}) {
			if n == b.cfg.MaxExpansions {
				break
			}
			// A KB term is in the lexicon and stays whole (precise mode).
			// When no document has it whole, its parts stand in, weighted
			// by ExpansionPartWeight (气凝胶隔热 → 气凝胶, 隔热): achievements
			// rarely use the KB's exact phrase.
			ex, err := b.expansionTerms(e.To)
			if err != nil {
				return query{}, fmt.Errorf("match: analysing expansion %q: %w", e.To, err)
			}
			e := e
			e.Weight *= b.cfg.ExpansionWeight
			// A term no document has cannot match: it would only take the
			// place of one that can.
			w, terms := e.Weight, b.inIndex(ex.whole, s.exp[:0])
			if len(terms) == 0 && !b.cfg.NoExpansionParts {
				w, terms = w*b.cfg.ExpansionPartWeight, b.inIndex(ex.parts, terms)
			}
			s.exp = terms
			added := false
			for _, t := range terms {
				if own[t] || b.seg.IsBoilerplate(t) {
					continue
				}
				own[t] = true
				q.terms = append(q.terms, index.QueryTerm{Term: t, Field: index.FieldWords, Weight: w})
				q.expansion = append(q.expansion, &e)
				added = true
			}
			if added {
				n++
			}
		}
	}
	if b.as != nil {
		own := make(map[string]bool, len(q.terms))
		in := make([]assoc.Term, 0, len(words))
		for _, t := range q.terms {
			own[t.Term] = true
		}
		for _, t := range words {
			in = append(in, assoc.Term{Text: t.Term, Weight: t.Weight})
		}
		// The source shown in explain: the query word with the strongest
		// link to the neighbour.
		from := map[string]string{}
		fromW := map[string]float64{}
		for _, t := range words {
			for _, nb := range b.as.Related(t.Term) {
				if w := nb.Weight * t.Weight; w > fromW[nb.Term] {
					from[nb.Term], fromW[nb.Term] = t.Term, w
				}
			}
		}
		for _, nb := range b.as.Expand(in, 2*b.cfg.MaxAssociations) {
			if own[nb.Term] {
				continue
			}
			if len(q.terms)-len(words) >= b.cfg.MaxExpansions+b.cfg.MaxAssociations {
				break
			}
			w := nb.Weight * b.cfg.AssociationWeight
			q.terms = append(q.terms, index.QueryTerm{Term: nb.Term, Field: index.FieldWords, Weight: w})
			q.expansion = append(q.expansion, &techmatch.Expansion{From: from[nb.Term], To: nb.Term, Kind: associationKind, Weight: w})
		}
	}
	q.terms = append(q.terms, bigrams...)
	q.expansion = append(q.expansion, make([]*techmatch.Expansion, len(bigrams))...)
	return q, nil
}

// expansionCut is how a knowledge-base term is queried: whole, its precise
// cut (one lexicon word, usually), and parts, the shorter words search mode
// finds inside those.
type expansionCut struct {
	whole, parts []string
}

// expansionTerms returns the cut of a knowledge-base term, cached: the
// knowledge base is finite and the cut is a cgo call.
func (b *queryBuilder) expansionTerms(term string) (expansionCut, error) {
	if v, ok := b.cuts.Load(term); ok {
		return v.(expansionCut), nil
	}
	var c expansionCut
	var err error
	if c.whole, err = b.seg.AppendTerms(nil, term, segment.ModePrecise); err != nil {
		return c, err
	}
	toks, err := b.seg.Tokenize(term, segment.ModeSearch)
	if err != nil {
		return c, err
	}
	var buf []bool
	for i, part := range subwords(toks, &buf) {
		if part && !slices.Contains(c.parts, toks[i].Term) {
			c.parts = append(c.parts, toks[i].Term)
		}
	}
	b.cuts.Store(term, c)
	return c, nil
}

// inIndex appends to dst the terms some document has as a word.
func (b *queryBuilder) inIndex(terms, dst []string) []string {
	for _, t := range terms {
		if b.idf.DocFreq(index.FieldWords, t) > 0 {
			dst = append(dst, t)
		}
	}
	return dst
}

// topTerms keeps the max most informative terms (weight × idf), ordered by
// weight descending then term, so that the query is deterministic.
func (b *queryBuilder) topTerms(ts []index.QueryTerm, max int) []index.QueryTerm {
	if len(ts) > max || b.cfg.MinIDF > 0 {
		type ranked struct {
			t    index.QueryTerm
			info float64
		}
		rs := make([]ranked, 0, len(ts))
		for _, t := range ts {
			idf := b.idf.IDF(t.Field, t.Term)
			if idf < b.cfg.MinIDF {
				continue // in too many documents to tell them apart
			}
			rs = append(rs, ranked{t, t.Weight * idf})
		}
		slices.SortFunc(rs, func(a, c ranked) int {
			if a.info != c.info {
				return cmp.Compare(c.info, a.info)
			}
			return strings.Compare(a.t.Term, c.t.Term)
		})
		ts = ts[:0]
		for _, r := range rs[:min(max, len(rs))] {
			ts = append(ts, r.t)
		}
	}
	slices.SortFunc(ts, func(a, c index.QueryTerm) int {
		if a.Weight != c.Weight {
			return cmp.Compare(c.Weight, a.Weight)
		}
		return strings.Compare(a.Term, c.Term)
	})
	return ts
}

// matchedTerms lists the record's own word terms whose bit is set.
func (q query) matchedTerms(mask uint64) []string {
	var out []string
	for i, t := range q.terms {
		if i >= 64 {
			break
		}
		if mask&(1<<uint(i)) != 0 && t.Field == index.FieldWords && q.expansion[i] == nil {
			out = append(out, t.Term)
		}
	}
	sort.Strings(out)
	return out
}

// matchedExpansions lists the expansions whose term matched, once each.
func (q query) matchedExpansions(mask uint64) []techmatch.Expansion {
	var out []techmatch.Expansion
	var last *techmatch.Expansion
	for i := range q.terms {
		if i >= 64 {
			break
		}
		if e := q.expansion[i]; mask&(1<<uint(i)) != 0 && e != nil && e != last {
			out = append(out, *e)
			last = e
		}
	}
	return out
}

// subwords marks, per token, the parts of a word: search mode emits
// 长寿命 and also 长寿 and 寿命, and its parts share the word's Position
// (segment.ModeSearch). A token shorter than the longest token of its
// Position is a part. Weighting parts below the word keeps one concept
// from counting three times, while a document that has only a part still
// matches. O(t) for t tokens, which come in Position order.
func subwords(toks []segment.Token, buf *[]bool) []bool {
	out := slices.Grow((*buf)[:0], len(toks))[:len(toks)]
	*buf = out
	for i := 0; i < len(toks); {
		j, longest := i, 0
		for ; j < len(toks) && toks[j].Position == toks[i].Position; j++ {
			longest = max(longest, toks[j].End-toks[j].Start)
		}
		for k := i; k < j; k++ {
			out[k] = toks[k].End-toks[k].Start < longest
		}
		i = j
	}
	return out
}
