package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/internal/inert"
	"github.com/techmatch/techmatch/match"
)

// Options are the match options of every match request.
//
// An Options is plain data: safe to copy and to read from many goroutines.
type Options struct {
	// Top is the number of results, 1..match.MaxTop; 0 means
	// match.DefaultTop.
	Top int `json:"top,omitempty"`
	// Industries restricts results to records of these industries
	// (codes or Chinese names; given or inferred).
	Industries []string `json:"industries,omitempty"`
	// Explain includes each pair's explanation (feature contributions,
	// matched terms, feasibility); default true, like the CLI.
	Explain *bool `json:"explain,omitempty"`
	// Reasons adds each pair's feasibility verdict and reasons at the top
	// level of the pair (useful with explain false).
	Reasons bool `json:"reasons,omitempty"`
}

// NeedRequest is the body of POST /v1/match/need.
//
// A NeedRequest is plain data: safe to copy and to read from many goroutines.
type NeedRequest struct {
	Need techmatch.Need `json:"need"`
	Options
}

// AchievementRequest is the body of POST /v1/match/achievement.
//
// An AchievementRequest is plain data: safe to copy and to read from many goroutines.
type AchievementRequest struct {
	Achievement techmatch.Achievement `json:"achievement"`
	Options
}

// BatchRequest is the body of POST /v1/match/batch: at most
// Config.MaxBatch records in all.
//
// A BatchRequest is plain data: safe to copy and to read from many goroutines.
type BatchRequest struct {
	Needs        []techmatch.Need        `json:"needs,omitempty"`
	Achievements []techmatch.Achievement `json:"achievements,omitempty"`
	Options
}

// Pair is one proposal of a match response.
//
// A Pair is plain data: safe to copy and to read from many goroutines.
type Pair struct {
	techmatch.Pair
	// Feasible and Reasons are set with Options.Reasons.
	Feasible *bool    `json:"feasible,omitempty"`
	Reasons  []string `json:"reasons,omitempty"`
}

// MatchResponse is the body of a successful single match.
//
// A MatchResponse is plain data: safe to copy and to read from many goroutines.
type MatchResponse struct {
	Pairs []Pair `json:"pairs"`
}

// BatchResult is one record's result in a batch: its pairs, or the error
// that kept it from being matched (the others are matched all the same).
//
// A BatchResult is plain data: safe to copy and to read from many goroutines.
type BatchResult struct {
	Kind  string `json:"kind"` // "need" or "achievement"
	ID    string `json:"id"`
	Pairs []Pair `json:"pairs"`
	Error string `json:"error,omitempty"`
}

// BatchResponse is the body of a successful batch: one result per record,
// needs first, each list in request order.
//
// A BatchResponse is plain data: safe to copy and to read from many goroutines.
type BatchResponse struct {
	Results []BatchResult `json:"results"`
}

// WriteResponse is the body of a successful PUT.
//
// A WriteResponse is plain data: safe to copy and to read from many goroutines.
type WriteResponse struct {
	ID string `json:"id"`
	// Created is true for a new id, false for an update.
	Created bool `json:"created"`
}

func (s *Server) matchNeed(w http.ResponseWriter, r *http.Request) error {
	var req NeedRequest
	if err := decode(r, &req); err != nil {
		return err
	}
	return matchOne(w, r, s.eng, s.cfg.Achievements.IndustryCounts, req.Need, req.Options)
}

func (s *Server) matchAchievement(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Reverse == nil {
		return noNeeds
	}
	var req AchievementRequest
	if err := decode(r, &req); err != nil {
		return err
	}
	return matchOne(w, r, s.cfg.Reverse, s.cfg.Needs.IndustryCounts, req.Achievement, req.Options)
}

var noNeeds = &apiError{status: http.StatusNotImplemented, msg: "this server has no need index"}

// matcher is what both directions' engines offer.
type matcher[Q techmatch.Record] interface {
	Match(ctx context.Context, q Q, opt match.Options) ([]techmatch.Pair, error)
	MatchEach(ctx context.Context, qs []Q, opt match.Options, fn func(int, []techmatch.Pair) error) error
}

func matchOne[Q techmatch.Record](w http.ResponseWriter, r *http.Request, m matcher[Q], counts func() map[techmatch.Industry]int, q Q, o Options) error {
	opt, err := o.options(counts)
	if err != nil {
		return err
	}
	annotate(r.Context(), slog.String("record_id", q.RecordID()))
	pairs, err := m.Match(r.Context(), q, opt)
	if err != nil {
		return err
	}
	annotate(r.Context(), slog.Int("pairs", len(pairs)))
	return writeJSON(w, http.StatusOK, MatchResponse{Pairs: o.pairs(pairs)})
}

func (s *Server) matchBatch(w http.ResponseWriter, r *http.Request) error {
	var req BatchRequest
	if err := decode(r, &req); err != nil {
		return err
	}
	n := len(req.Needs) + len(req.Achievements)
	if n > s.cfg.MaxBatch {
		return &apiError{status: http.StatusBadRequest, msg: fmt.Sprintf("batch of %d records, at most %d", n, s.cfg.MaxBatch)}
	}
	if len(req.Achievements) > 0 && s.cfg.Reverse == nil {
		return noNeeds
	}
	opt, err := req.options(s.cfg.Achievements.IndustryCounts)
	if err != nil {
		return err
	}
	if len(req.Achievements) > 0 {
		if _, err := req.options(s.cfg.Needs.IndustryCounts); err != nil {
			return err
		}
	}
	annotate(r.Context(), slog.Int("needs", len(req.Needs)), slog.Int("achievements", len(req.Achievements)))
	out := make([]BatchResult, 0, n)
	out, err = matchEach(r.Context(), s.eng, "need", req.Needs, opt, req.Options, out)
	if err != nil {
		return err
	}
	if len(req.Achievements) > 0 {
		if out, err = matchEach(r.Context(), s.cfg.Reverse, "achievement", req.Achievements, opt, req.Options, out); err != nil {
			return err
		}
	}
	return writeJSON(w, http.StatusOK, BatchResponse{Results: out})
}

// matchEach appends one result per query record to out; a record that
// cannot be matched gets its error, the batch goes on.
func matchEach[Q techmatch.Record](ctx context.Context, m matcher[Q], kind string, qs []Q, opt match.Options, o Options, out []BatchResult) ([]BatchResult, error) {
	base := len(out)
	for _, q := range qs {
		out = append(out, BatchResult{Kind: kind, ID: q.RecordID(), Pairs: []Pair{}})
	}
	opt.OnSkip = func(i int, err error) { out[base+i].Error = err.Error() }
	err := m.MatchEach(ctx, qs, opt, func(i int, pairs []techmatch.Pair) error {
		out[base+i].Pairs = o.pairs(pairs)
		return nil
	})
	return out, err
}

// options converts the request's options, refusing bad values with 400,
// among them an industry that no record to be proposed has (counts is the
// index's IndustryCounts): like the CLI, so that a typo such as
// "materail" is an error rather than an empty answer.
func (o Options) options(counts func() map[techmatch.Industry]int) (match.Options, error) {
	opt := match.Options{Top: o.Top, NoExplain: o.Explain != nil && !*o.Explain && !o.Reasons}
	for _, s := range o.Industries {
		ind, err := techmatch.ParseIndustry(s)
		if err != nil {
			return opt, &apiError{status: http.StatusBadRequest, msg: "industries", err: err}
		}
		opt.Industries = append(opt.Industries, ind)
	}
	if err := opt.Validate(); err != nil {
		return opt, &apiError{status: http.StatusBadRequest, msg: "options", err: err}
	}
	if len(opt.Industries) > 0 {
		have := counts()
		for _, ind := range opt.Industries {
			if have[ind] == 0 {
				return opt, &apiError{status: http.StatusBadRequest, msg: fmt.Sprintf("industries: no record to propose has industry %s", inert.Terminal(string(ind)))}
			}
		}
	}
	return opt, nil
}

// pairs shapes the engine's pairs as the request asked.
func (o Options) pairs(ps []techmatch.Pair) []Pair {
	out := make([]Pair, len(ps))
	for i, p := range ps {
		out[i].Pair = p
		if o.Reasons && p.Explain != nil {
			out[i].Feasible = &p.Explain.Feasible
			out[i].Reasons = p.Explain.Reasons
		}
		if o.Explain != nil && !*o.Explain {
			out[i].Explain = nil
		}
	}
	return out
}

// decode reads one JSON value into v: unknown fields, trailing data and
// a body over the limit are errors (400, 413).
func decode(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return err
		}
		return &apiError{status: http.StatusBadRequest, msg: "malformed JSON body", err: err}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return err
		}
		return &apiError{status: http.StatusBadRequest, msg: "malformed JSON body: more than one value"}
	}
	return nil
}

// store serves the record routes of one kind over its index; writes are
// serialised so that "created" is exact.
type store[R techmatch.Record] struct {
	kind string
	idx  *index.Index[R]
	mu   sync.Mutex
}

// handler returns the handler of method on /v1/{kind}s/{id}; a nil store
// (no index of that kind) answers 501.
func (st *store[R]) handler(method string) handlerFunc {
	if st == nil {
		return func(http.ResponseWriter, *http.Request) error { return noNeeds }
	}
	switch method {
	case http.MethodGet:
		return st.get
	case http.MethodPut:
		return st.put
	default:
		return st.delete
	}
}

func (st *store[R]) get(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	annotate(r.Context(), slog.String("record_id", id))
	rec, ok := st.idx.Get(id)
	if !ok {
		return st.notFound(id)
	}
	return writeJSON(w, http.StatusOK, rec)
}

func (st *store[R]) notFound(id string) error {
	return &apiError{status: http.StatusNotFound, msg: fmt.Sprintf("no %s %s", st.kind, inert.Terminal(id)), id: id}
}

func (st *store[R]) put(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	annotate(r.Context(), slog.String("record_id", id))
	var rec R
	if err := decode(r, &rec); err != nil {
		return err
	}
	// The path names the record: a body without id takes it, one with
	// another id is refused.
	switch got := rec.RecordID(); {
	case got == "":
		rec = withID(rec, id)
	case got != id:
		return &apiError{status: http.StatusBadRequest, id: id,
			msg: fmt.Sprintf("body id %s differs from the path's %s", inert.Terminal(got), inert.Terminal(id))}
	}
	if v, ok := any(&rec).(interface{ Normalize() }); ok {
		v.Normalize()
	}
	if v, ok := any(rec).(interface{ Validate() error }); ok {
		if err := v.Validate(); err != nil {
			return &apiError{status: http.StatusUnprocessableEntity, id: id, msg: st.kind + " " + inert.Terminal(id), err: err}
		}
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	_, existed := st.idx.Get(id)
	if err := st.idx.Add(r.Context(), rec); err != nil {
		return fmt.Errorf("%s %s: %w", st.kind, inert.Terminal(id), err)
	}
	status := http.StatusOK
	if !existed {
		status = http.StatusCreated
	}
	return writeJSON(w, status, WriteResponse{ID: id, Created: !existed})
}

func (st *store[R]) delete(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	annotate(r.Context(), slog.String("record_id", id))
	st.mu.Lock()
	defer st.mu.Unlock()
	n, err := st.idx.Delete(r.Context(), id)
	if err != nil {
		return fmt.Errorf("%s %s: %w", st.kind, inert.Terminal(id), err)
	}
	if n == 0 {
		return st.notFound(id)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// withID returns rec with its id set.
func withID[R techmatch.Record](rec R, id string) R {
	switch v := any(&rec).(type) {
	case *techmatch.Achievement:
		v.ID = id
	case *techmatch.Need:
		v.ID = id
	}
	return rec
}
