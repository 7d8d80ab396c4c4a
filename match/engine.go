package match

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/internal/inert"
	"github.com/techmatch/techmatch/rank"
	"github.com/techmatch/techmatch/rank/assoc"
	"github.com/techmatch/techmatch/rank/knowledge"
)

// Config configures an Engine. The zero value is valid and means the
// documented defaults.
type Config struct {
	// Rank is the scorer configuration; the zero value means
	// rank.DefaultConfig().
	Rank *rank.Config
	// Query shapes how a record's text becomes weighted query terms.
	Query QueryConfig
	// Embedding fuses a platform's embedding model with the lexical
	// score; off unless Embedding.Embedder is set.
	Embedding EmbeddingConfig
	// Associations, when set, expands queries with terms learned from the
	// catalogs (see LearnAssociations); nil means none.
	Associations *assoc.Model
	// Knowledge is the domain knowledge base used for query expansion
	// and industry inference; nil means knowledge.Default() (the embedded
	// one). Extend it with knowledge.Extend(files…).
	Knowledge *knowledge.Graph
	// NoInfer turns industry inference off. By default (like the CLI) a
	// record without industries is seen with the industries its text is
	// classified into (Labeler, marked IndustriesInferred): query records
	// at every call, and the index's records through index.SetLabeler,
	// which New calls when the index has no labeler yet. With NoInfer the
	// engine infers nothing for queries and leaves the index as it is (an
	// index that already has a labeler keeps it).
	NoInfer bool
}

// Validate reports the first invalid field.
func (c Config) Validate() error {
	if c.Rank != nil {
		if err := c.Rank.Validate(); err != nil {
			return fmt.Errorf("match: %w", err)
		}
	}
	if err := c.Embedding.Validate(); err != nil {
		return err
	}
	return c.Query.Validate()
}

// Options are per-call options of Match and MatchAll. The zero value is
// valid: the documented defaults, the same as the CLI's.
type Options struct {
	// Top is the number of results per query record, 1..MaxTop; 0 means
	// DefaultTop.
	Top int
	// Industries, when non-empty, restricts results to documents in any
	// of these industries (given or inferred).
	Industries []techmatch.Industry
	// Workers is the number of goroutines of MatchAll and MatchEach,
	// 1..MaxWorkers; 0 means GOMAXPROCS.
	Workers int
	// NoExplain leaves Pair.Explain nil (faster for large batches).
	NoExplain bool
	// OnSkip, when set, makes a batch (MatchAll, MatchEach) go on past a
	// query record that cannot be matched — one that fails validation or
	// whose text has no searchable term (a *RecordError) — calling
	// OnSkip(i, err) for it, in input order on the delivering goroutine,
	// instead of the batch's fn. Nil (the default) stops the batch with
	// that record's error: a record is never dropped silently.
	OnSkip func(i int, err error)
}

// Bounds and defaults of Options.
const (
	// DefaultTop is the number of results per query record when
	// Options.Top is 0 (and the CLI's --top default).
	DefaultTop = 10
	// MaxTop bounds Options.Top: retrieval and explanation cost grow with
	// it, and no agency reads 10,000 proposals for one need.
	MaxTop = 10000
	// MaxWorkers bounds Options.Workers; more goroutines than that only
	// cost memory (each holds a scratch and up to 16 undelivered results).
	MaxWorkers = 1024
)

// Validate reports the first out-of-range field.
func (o Options) Validate() error {
	if o.Top < 0 || o.Top > MaxTop {
		return fmt.Errorf("match: Options.Top = %d, want 1..%d (0: %d)", o.Top, MaxTop, DefaultTop)
	}
	if o.Workers < 0 || o.Workers > MaxWorkers {
		return fmt.Errorf("match: Options.Workers = %d, want 1..%d (0: GOMAXPROCS)", o.Workers, MaxWorkers)
	}
	for i, ind := range o.Industries {
		if c, err := techmatch.ParseIndustry(string(ind)); err != nil || c != ind {
			return fmt.Errorf("match: Options.Industries[%d] = %q is not an industry code", i, inert.Terminal(string(ind)))
		}
	}
	return nil
}

func (o Options) top() int {
	if o.Top <= 0 {
		return DefaultTop
	}
	return o.Top
}

// RecordError is the error for one query record that cannot be matched:
// it fails validation (Err wraps the techmatch.Problem values, so
// errors.Is(err, techmatch.ErrOutOfRange) works) or its text has no
// searchable term (Err wraps techmatch.ErrNoText). Batches skip such
// records when Options.OnSkip is set.
type RecordError struct {
	// Index is the record's position in the batch (0 for Match).
	Index int
	ID    string
	Err   error
}

// Error reads like `match: need N12: no searchable text: …`.
func (e *RecordError) Error() string {
	return fmt.Sprintf("match: record %s: %v", inert.Terminal(e.ID), e.Err)
}

// Unwrap returns the cause.
func (e *RecordError) Unwrap() error { return e.Err }

// Engine matches needs to the achievements of an index.
//
// An Engine is safe for concurrent use by many goroutines; it reads the
// index, which may be updated concurrently (each call sees the index as it
// is when the call's search runs).
type Engine struct {
	core[techmatch.Need, techmatch.Achievement]
}

// New returns an engine over an achievement index. Unless cfg.NoInfer, it
// gives an index without a labeler the default one (see Config.NoInfer),
// which labels the records already there: O(their text), in parallel,
// stopped by ctx.
func New(ctx context.Context, idx *index.Index[techmatch.Achievement], cfg Config) (*Engine, error) {
	c, err := newCore[techmatch.Need, techmatch.Achievement](ctx, idx, cfg, func(s *rank.Scorer, q *techmatch.Need, d *techmatch.Achievement, cand rank.Candidate) (float64, techmatch.Explanation, bool) {
		return s.Score(q, d, cand)
	}, func(s *rank.Scorer, q *techmatch.Need, d *techmatch.Achievement, cand rank.Candidate) (float64, bool) {
		return s.ScoreOnly(q, d, cand)
	})
	if err != nil {
		return nil, err
	}
	return &Engine{core: *c}, nil
}

// Match returns the top achievements for one need, best first, ranks
// 1..k, ties broken by achievement id. The need is normalised and
// validated like a catalog record; one that fails, or whose text has no
// searchable term, gives a *RecordError (errors.Is(err,
// techmatch.ErrNoText) for the latter). An empty result with a nil error
// means no achievement shares a term with the need.
func (e *Engine) Match(ctx context.Context, need techmatch.Need, opt Options) ([]techmatch.Pair, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	return e.match(ctx, &need, opt, nil)
}

// Reverse matches achievements to the needs of a need index: for one
// achievement, the needs it could serve. Scores use the same scorer as
// Engine, so a pair scores the same in both directions up to the text
// normalisation, which is per query record.
//
// A Reverse is safe for concurrent use, like Engine.
type Reverse struct {
	core[techmatch.Achievement, techmatch.Need]
}

// NewReverse returns an engine over a need index; see New.
func NewReverse(ctx context.Context, idx *index.Index[techmatch.Need], cfg Config) (*Reverse, error) {
	c, err := newCore[techmatch.Achievement, techmatch.Need](ctx, idx, cfg, func(s *rank.Scorer, q *techmatch.Achievement, d *techmatch.Need, cand rank.Candidate) (float64, techmatch.Explanation, bool) {
		return s.Score(d, q, cand)
	}, func(s *rank.Scorer, q *techmatch.Achievement, d *techmatch.Need, cand rank.Candidate) (float64, bool) {
		return s.ScoreOnly(d, q, cand)
	})
	if err != nil {
		return nil, err
	}
	return &Reverse{core: *c}, nil
}

// Match returns the top needs for one achievement, best first; errors as
// for Engine.Match.
func (r *Reverse) Match(ctx context.Context, a techmatch.Achievement, opt Options) ([]techmatch.Pair, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	return r.match(ctx, &a, opt, nil)
}

// core is the direction-independent engine: Q is the query record type,
// D the indexed document type.
type core[Q, D techmatch.Record] struct {
	idx       *index.Index[D]
	scorer    *rank.Scorer
	textW     float64
	maxPrior  float64
	qb        *queryBuilder
	labeler   *Labeler // nil with Config.NoInfer
	coverage  bool     // the bigram feature has a weight
	vec       *vectors // nil without an Embedder
	emb       EmbeddingConfig
	score     func(*rank.Scorer, *Q, *D, rank.Candidate) (float64, techmatch.Explanation, bool)
	scoreOnly func(*rank.Scorer, *Q, *D, rank.Candidate) (float64, bool)
	pair      func(q *Q, d *D) techmatch.Pair
}

func newCore[Q, D techmatch.Record](ctx context.Context, idx *index.Index[D], cfg Config,
	score func(*rank.Scorer, *Q, *D, rank.Candidate) (float64, techmatch.Explanation, bool),
	scoreOnly func(*rank.Scorer, *Q, *D, rank.Candidate) (float64, bool)) (*core[Q, D], error) {
	if idx == nil {
		return nil, errors.New("match: nil index")
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	rc := rank.DefaultConfig()
	if cfg.Rank != nil {
		rc = *cfg.Rank
	}
	s, err := rank.New(rc)
	if err != nil {
		return nil, fmt.Errorf("match: %w", err)
	}
	kb := cfg.Knowledge
	if kb == nil && (!cfg.Query.NoExpansion || !cfg.NoInfer) {
		if kb, err = knowledge.Default(); err != nil {
			return nil, fmt.Errorf("match: %w", err)
		}
	}
	var labeler *Labeler
	if !cfg.NoInfer {
		if labeler, err = NewLabeler(kb, 0); err != nil {
			return nil, err
		}
		if !idx.HasLabeler() {
			if _, err := idx.SetLabeler(ctx, labeler.Infer); err != nil {
				return nil, fmt.Errorf("match: %w", err)
			}
		}
	}
	qkb := kb
	if cfg.Query.NoExpansion {
		qkb = nil
	}
	qb, err := newQueryBuilder(idx.Segmenter(), qkb, cfg.Associations, idx, cfg.Query.withDefaults())
	if err != nil {
		return nil, err
	}
	c := &core[Q, D]{
		idx: idx, scorer: s, textW: rc.Weights.Text, maxPrior: s.MaxPrior(), qb: qb, labeler: labeler,
		coverage: rc.Weights.Bigram > 0,
		score:    score, scoreOnly: scoreOnly,
	}
	if cfg.Embedding.Embedder != nil || cfg.Embedding.Reranker != nil {
		c.emb = cfg.Embedding.withDefaults()
	}
	if cfg.Embedding.Embedder != nil {
		c.vec = newVectors(c.emb.Embedder)
	}
	var zq Q
	if _, ok := any(zq).(techmatch.Need); ok {
		c.pair = func(q *Q, d *D) techmatch.Pair {
			return techmatch.Pair{NeedID: (*q).RecordID(), AchievementID: (*d).RecordID()}
		}
	} else {
		c.pair = func(q *Q, d *D) techmatch.Pair {
			return techmatch.Pair{NeedID: (*d).RecordID(), AchievementID: (*q).RecordID()}
		}
	}
	return c, nil
}

// candidate is a scored document during selection.
type candidate struct {
	hit   index.Hit
	rc    rank.Candidate // text evidence: Text, Bigram
	score float64
}

// better orders candidates by score descending, then id ascending.
func better(a, b *candidate) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return a.hit.ID < b.hit.ID
}

// minCandidates is the first retrieval depth; it grows ×4 while an unseen
// candidate could still enter the top-k (see the package doc).
const minCandidates = 64

// match runs the pipeline for one query record. scratch may be nil.
func (c *core[Q, D]) match(ctx context.Context, q *Q, opt Options, scratch *matchScratch) ([]techmatch.Pair, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if scratch == nil {
		scratch = &matchScratch{}
	}
	if err := c.prepare(q); err != nil {
		return nil, err
	}
	k := opt.top()
	qry, err := c.qb.build(*q, scratch)
	if err != nil {
		return nil, err
	}
	if len(qry.terms) == 0 {
		return nil, noWords((*q).RecordID())
	}
	if qry, err = c.feedback(ctx, qry, opt, scratch); err != nil {
		return nil, fmt.Errorf("match: %s: feedback: %w", (*q).RecordID(), err)
	}
	n := max(minCandidates, 4*k)
	fz, err := c.startFusion(ctx, *q)
	if err != nil {
		return nil, err
	}
	if fz != nil {
		n = max(n, c.emb.Pool)
	}
	pool := 0
	if c.coverage {
		pool = c.qb.cfg.BigramPool
		n = max(n, pool)
	}
	best := scratch.best[:0]
	for {
		hits, err := c.idx.Search(ctx, index.Query{Terms: qry.terms, Industries: opt.Industries, Top: n})
		if err != nil {
			return nil, fmt.Errorf("match: %s: %w", (*q).RecordID(), err)
		}
		if len(hits) == 0 {
			return nil, nil
		}
		top := hits[0].Score
		docs := make([]D, 0, len(hits))
		for _, h := range hits {
			d, _ := c.idx.Record(h.Doc)
			docs = append(docs, d)
		}
		if err := c.round(ctx, fz, *q, docs); err != nil {
			return nil, err
		}
		best = best[:0]
		for i, h := range hits {
			if docs[i].RecordID() == "" {
				continue // deleted since the search
			}
			tv := fz.text(i, h.Score/top)
			rc := rank.Candidate{Text: tv}
			if c.coverage {
				rc.Bigram = qry.ev.coverage(docs[i])
			}
			if len(best) == k && c.scorer.Bound(rc) < best[k-1].score {
				// Cannot enter the top k: skip the costly features
				// (role, effect, numeric, exclusion; rank.Scorer.Bound).
				continue
			}
			s, keep := c.scoreOnly(c.scorer, q, &docs[i], rc)
			if !keep {
				continue
			}
			best = pushTop(best, candidate{hit: h, rc: rc, score: s}, k)
		}
		if len(hits) < n || fz.fixedPool() {
			// Every document with a text match was scored, or the
			// embedding or re-ranker re-ranks a fixed pool (see
			// EmbeddingConfig).
			break
		}
		if pool > 0 && len(best) == k {
			// The bigram feature re-ranks a fixed pool
			// (QueryConfig.BigramPool).
			break
		}
		// Every document not retrieved yet has text relevance at most the
		// last hit's; its bigram coverage is unknown, so it counts 1.
		bound := c.scorer.Bound(rank.Candidate{Text: hits[len(hits)-1].Score / top, Bigram: 1})
		if len(best) == k && bound < best[len(best)-1].score {
			break
		}
		n *= 4
	}
	out := make([]techmatch.Pair, len(best))
	for i := range best {
		h := best[i].hit
		d, _ := c.idx.Record(h.Doc)
		p := c.pair(q, &d)
		p.Rank = i + 1
		p.Score = best[i].score
		if !opt.NoExplain {
			rc := best[i].rc
			rc.MatchedTerms = qry.matchedTerms(h.Matched)
			rc.Expansions = qry.matchedExpansions(h.Matched)
			_, ex, _ := c.score(c.scorer, q, &d, rc)
			fz.annotate(&ex)
			p.Explain = &ex
		}
		out[i] = p
	}
	scratch.best = best
	return out, nil
}

// pushTop inserts c into best, kept sorted by better and at most k long.
// O(k) per insertion; k is small (tens).
func pushTop(best []candidate, c candidate, k int) []candidate {
	if len(best) == k && !better(&c, &best[k-1]) {
		return best
	}
	i, _ := slices.BinarySearchFunc(best, c, func(a, b candidate) int {
		if better(&a, &b) {
			return -1
		}
		if better(&b, &a) {
			return 1
		}
		return 0
	})
	if len(best) < k {
		best = append(best, candidate{})
	}
	copy(best[i+1:], best[i:len(best)-1])
	best[i] = c
	return best
}

// prepare normalises the query record in place (callers pass a copy),
// validates it with the catalog readers' rules — the one validation every
// door applies — and, unless Config.NoInfer, infers its industries when it
// has none.
func (c *core[Q, D]) prepare(q *Q) error {
	if n, ok := any(q).(interface{ Normalize() }); ok {
		n.Normalize()
	}
	if v, ok := any(*q).(interface{ Validate() error }); ok {
		if err := v.Validate(); err != nil {
			return &RecordError{ID: (*q).RecordID(), Err: err}
		}
	}
	if c.labeler != nil && len((*q).RecordIndustries()) == 0 {
		if s, ok := any(q).(interface {
			SetInferredIndustries([]techmatch.Industry)
		}); ok {
			s.SetInferredIndustries(c.labeler.Infer(*q))
		}
	}
	return nil
}

// noWords is the error for a record whose text has no word of its own.
func noWords(id string) error {
	return &RecordError{ID: id, Err: fmt.Errorf("%w: only stop words, boilerplate or punctuation", techmatch.ErrNoText)}
}
