package server

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/match"
)

// Defaults of Config (and of `techmatch serve`'s flags).
const (
	// DefaultMaxBodyBytes bounds a request body: 4 MiB holds a batch of
	// DefaultMaxBatch records of ordinary size (a few KiB each) with room
	// to spare, and a client cannot make the server buffer more.
	DefaultMaxBodyBytes = 4 << 20
	// DefaultTimeout is the deadline of one request, matching included.
	DefaultTimeout = 30 * time.Second
	// DefaultMaxBatch is the number of records POST /v1/match/batch takes.
	DefaultMaxBatch = 100
)

// Config configures New. Zero values mean the documented defaults; only
// Achievements is required.
//
// A Config is plain data: safe to copy and to read from many goroutines.
type Config struct {
	// Achievements is the index the engine given to New reads: PUT and
	// DELETE /v1/achievements/{id} write to it, so a write is seen by the
	// next match. Required.
	Achievements *index.Index[techmatch.Achievement]
	// Needs is the index Reverse reads, written by /v1/needs/{id}. Needs
	// and Reverse go together; without them POST /v1/match/achievement,
	// the achievements of a batch and /v1/needs answer 501.
	Needs   *index.Index[techmatch.Need]
	Reverse *match.Reverse
	// Token, when non-empty, is the bearer token every route but /healthz
	// and /readyz requires (compared in constant time).
	Token string
	// MaxBodyBytes bounds a request body; default DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// Timeout is the deadline of one request; default DefaultTimeout.
	Timeout time.Duration
	// MaxBatch bounds the records of one batch; default DefaultMaxBatch.
	MaxBatch int
	// Logger receives one structured line per request (info: route,
	// status, duration, request and record ids; never record text); nil
	// discards them.
	Logger *slog.Logger
	// Registry is where the metrics are registered and what /metrics
	// serves; nil means a new registry that also holds the Go runtime and
	// process collectors.
	Registry *prometheus.Registry
}

// Validate reports the first invalid field.
func (c Config) Validate() error {
	switch {
	case c.Achievements == nil:
		return errors.New("server: Config.Achievements is required")
	case (c.Needs == nil) != (c.Reverse == nil):
		return errors.New("server: Config.Needs and Config.Reverse go together")
	case c.MaxBodyBytes < 0:
		return fmt.Errorf("server: Config.MaxBodyBytes = %d, want ≥ 0", c.MaxBodyBytes)
	case c.Timeout < 0:
		return fmt.Errorf("server: Config.Timeout = %v, want ≥ 0", c.Timeout)
	case c.MaxBatch < 0 || c.MaxBatch > match.MaxTop:
		return fmt.Errorf("server: Config.MaxBatch = %d, want 0..%d", c.MaxBatch, match.MaxTop)
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.MaxBodyBytes == 0 {
		c.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	if c.MaxBatch == 0 {
		c.MaxBatch = DefaultMaxBatch
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// Server is the matching service, an http.Handler.
//
// A Server is safe for concurrent use: it serves requests concurrently,
// and the engines and indexes it holds are themselves safe for concurrent
// use. Writes to one kind of record are serialised.
type Server struct {
	cfg     Config
	mux     *http.ServeMux
	eng     *match.Engine
	achs    *store[techmatch.Achievement]
	needs   *store[techmatch.Need] // nil without Config.Needs
	ready   atomic.Bool
	routes  []Route
	reqs    *prometheus.CounterVec
	latency *prometheus.HistogramVec
}

// Route is one method and path pattern the server registers, as in
// net/http.ServeMux ("/v1/needs/{id}").
//
// A Route is plain data: safe to copy and to read from many goroutines.
type Route struct {
	Method, Path string
	// Public routes need no token.
	Public bool
}

// New returns the service over eng, which must read cfg.Achievements.
func New(eng *match.Engine, cfg Config) (*Server, error) {
	if eng == nil {
		return nil, errors.New("server: nil engine")
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	s := &Server{cfg: cfg, mux: http.NewServeMux(), eng: eng,
		achs: &store[techmatch.Achievement]{kind: "achievement", idx: cfg.Achievements}}
	if cfg.Needs != nil {
		s.needs = &store[techmatch.Need]{kind: "need", idx: cfg.Needs}
	}
	if err := s.metrics(); err != nil {
		return nil, err
	}
	s.handle("POST /v1/match/need", false, s.matchNeed)
	s.handle("POST /v1/match/achievement", false, s.matchAchievement)
	s.handle("POST /v1/match/batch", false, s.matchBatch)
	for _, m := range []string{"GET", "PUT", "DELETE"} {
		s.handle(m+" /v1/achievements/{id}", false, s.achs.handler(m))
		s.handle(m+" /v1/needs/{id}", false, s.needs.handler(m))
	}
	s.handle("GET /healthz", true, func(w http.ResponseWriter, _ *http.Request) error {
		return writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	s.handle("GET /readyz", true, s.readyz)
	metrics := promhttp.HandlerFor(s.cfg.Registry, promhttp.HandlerOpts{})
	s.handle("GET /metrics", false, func(w http.ResponseWriter, r *http.Request) error {
		metrics.ServeHTTP(w, r)
		return nil
	})
	s.ready.Store(true)
	return s, nil
}

// Routes returns the registered routes in registration order.
func (s *Server) Routes() []Route { return append([]Route(nil), s.routes...) }

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// Drain makes /readyz answer 503 so that load balancers stop sending
// requests; the server goes on serving the ones it gets. Call it before
// http.Server.Shutdown.
func (s *Server) Drain() { s.ready.Store(false) }

func (s *Server) readyz(w http.ResponseWriter, _ *http.Request) error {
	if !s.ready.Load() {
		return &apiError{status: http.StatusServiceUnavailable, msg: "draining"}
	}
	return writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

// metrics registers the request counters, latency histograms and index
// sizes.
func (s *Server) metrics() error {
	reg := s.cfg.Registry
	if reg == nil {
		reg = prometheus.NewRegistry()
		reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
		s.cfg.Registry = reg
	}
	s.reqs = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "techmatch_http_requests_total", Help: "HTTP requests by route and status code.",
	}, []string{"route", "code"})
	s.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "techmatch_http_request_duration_seconds", Help: "HTTP request latency by route.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
	}, []string{"route"})
	cs := []prometheus.Collector{s.reqs, s.latency, indexSize("achievement", s.cfg.Achievements.Len)}
	if s.cfg.Needs != nil {
		cs = append(cs, indexSize("need", s.cfg.Needs.Len))
	}
	for _, c := range cs {
		if err := reg.Register(c); err != nil {
			return fmt.Errorf("server: metrics: %w", err)
		}
	}
	return nil
}

func indexSize(kind string, n func() int) prometheus.Collector {
	return prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "techmatch_index_records", Help: "Records in the index.", ConstLabels: prometheus.Labels{"kind": kind},
	}, func() float64 { return float64(n()) })
}

// handlerFunc is a route's handler: it writes the response itself and
// returns nil, or returns an error that handle turns into a JSON error.
type handlerFunc func(http.ResponseWriter, *http.Request) error

// handle registers pattern with the common wrapping: request id, auth,
// body limit, deadline, metrics and the log line.
func (s *Server) handle(pattern string, public bool, h handlerFunc) {
	method, path, _ := strings.Cut(pattern, " ")
	s.routes = append(s.routes, Route{Method: method, Path: path, Public: public})
	reqs, lat := s.reqs.MustCurryWith(prometheus.Labels{"route": pattern}), s.latency.WithLabelValues(pattern)
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rid := requestID(r.Header.Get("X-Request-Id"))
		w.Header().Set("X-Request-Id", rid)
		rec := &recorder{ResponseWriter: w}
		info := &reqInfo{}
		ctx, cancel := context.WithTimeout(context.WithValue(r.Context(), infoKey{}, info), s.cfg.Timeout)
		defer cancel()
		r = r.WithContext(ctx)
		var err error
		if !public && !s.authorized(r) {
			rec.Header().Set("WWW-Authenticate", `Bearer realm="techmatch"`)
			err = &apiError{status: http.StatusUnauthorized, msg: "missing or wrong bearer token"}
		} else {
			r.Body = http.MaxBytesReader(rec, r.Body, s.cfg.MaxBodyBytes)
			err = h(rec, r)
		}
		if err != nil {
			writeError(rec, err)
		}
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		d := time.Since(start)
		reqs.WithLabelValues(fmt.Sprint(rec.status)).Inc()
		lat.Observe(d.Seconds())
		attrs := append([]slog.Attr{slog.String("request_id", rid), slog.String("route", pattern),
			slog.Int("status", rec.status), slog.Duration("duration", d)}, info.attrs...)
		level := slog.LevelInfo
		if rec.status >= 500 {
			level = slog.LevelError
		}
		if err != nil {
			attrs = append(attrs, slog.String("error", err.Error()))
		}
		s.cfg.Logger.LogAttrs(ctx, level, "request", attrs...)
	})
}

// authorized reports whether r carries the configured token.
func (s *Server) authorized(r *http.Request) bool {
	if s.cfg.Token == "" {
		return true
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	// Comparing digests keeps the time independent of the token's length
	// too.
	g, w := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(s.cfg.Token))
	return ok && subtle.ConstantTimeCompare(g[:], w[:]) == 1
}

// requestID returns the client's id when it is short and plain, else a
// new random one.
func requestID(h string) string {
	if h != "" && len(h) <= 64 && strings.Trim(h, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") == "" {
		return h
	}
	var b [8]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand)
	return hex.EncodeToString(b[:])
}

// reqInfo collects log attributes a handler adds (record ids, counts).
type reqInfo struct{ attrs []slog.Attr }

type infoKey struct{}

// annotate adds attributes to the request's log line.
func annotate(ctx context.Context, attrs ...slog.Attr) {
	if info, ok := ctx.Value(infoKey{}).(*reqInfo); ok {
		info.attrs = append(info.attrs, attrs...)
	}
}

// recorder remembers the status written.
type recorder struct {
	http.ResponseWriter
	status int
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// ErrorBody is the JSON body of every error response.
//
// An ErrorBody is plain data: safe to copy and to read from many goroutines.
type ErrorBody struct {
	Error string `json:"error"`
	// ID is the record concerned, when there is one.
	ID string `json:"id,omitempty"`
}

// apiError is an error with its HTTP status.
type apiError struct {
	status int
	msg    string
	id     string
	err    error
}

func (e *apiError) Error() string {
	if e.err != nil {
		return e.msg + ": " + e.err.Error()
	}
	return e.msg
}

func (e *apiError) Unwrap() error { return e.err }

// writeError answers err as JSON with its status: an *apiError's, 422 for
// a record the engine refuses, 504 past the deadline, 500 otherwise.
func writeError(w http.ResponseWriter, err error) {
	var ae *apiError
	var re *match.RecordError
	var mb *http.MaxBytesError
	body := ErrorBody{Error: err.Error()}
	status := http.StatusInternalServerError
	switch {
	case errors.As(err, &mb):
		status = http.StatusRequestEntityTooLarge
		body.Error = fmt.Sprintf("request body over %d bytes", mb.Limit)
	case errors.As(err, &ae):
		status, body.ID = ae.status, ae.id
	case errors.As(err, &re):
		status, body.ID = http.StatusUnprocessableEntity, re.ID
	case errors.Is(err, context.DeadlineExceeded):
		status = http.StatusGatewayTimeout
	}
	writeJSON(w, status, body)
}

// writeJSON writes v as JSON with status. v is encoded before anything
// is written, so an encoding failure is a clean 500, never a truncated
// body.
// A failed write (the client went away) is not reported: there is no one
// left to tell. It returns nil so that handlers can end with it.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b, _ = json.Marshal(ErrorBody{Error: "encoding the response: " + err.Error()})
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
	return nil
}
