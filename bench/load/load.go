// Package load is the matching service's load test: a catalog of generated
// achievements (bench/gen), a number of concurrent clients sending a mix of
// matches and writes for a fixed time, first as in-process calls to the
// engine and the index, then as HTTP requests to match/server on
// 127.0.0.1. It reports throughput, latency percentiles and errors per
// phase, and checks that no acknowledged write is lost: after the run,
// every record a client was told it added is found by id, with the
// content of the last update acknowledged. With Config.Restart (an on-disk
// index), the server is shut down gracefully and reopened from disk in the
// middle of the HTTP phase, under load.
//
//	go run ./bench/cmd/loadtest -n 100000 -clients 32 -duration 60s [-index DIR -restart]
//
// Run stops by itself after the two phases (plus setup and the restart).
package load

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/bench/gen"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/match"
	"github.com/techmatch/techmatch/match/server"
	"github.com/techmatch/techmatch/segment"
)

// Config configures Run; zero values mean the defaults (the issue's
// figures).
//
// A Config is plain data: safe to copy and to read from many goroutines.
type Config struct {
	// Achievements is the catalog size; default 100,000.
	Achievements int
	// Needs is the number of distinct generated needs queried; default
	// 2,000.
	Needs int
	// Clients is the number of concurrent clients; default 32.
	Clients int
	// Duration is the length of each phase; default 60 s.
	Duration time.Duration
	// WriteShare is the share of writes (adds and updates) in the mix, in
	// [0,1]; default 0.1, a negative value means none (matches only).
	// Writes are half adds of new records, half updates of records the
	// same client added.
	WriteShare float64
	// IndexDir, when set, keeps the index on disk there (it must be empty
	// or absent); default in memory.
	IndexDir string
	// Restart restarts the server in the middle of the HTTP phase
	// (requires IndexDir).
	Restart bool
	// Seed of the catalog and of the clients' choices; default 1.
	Seed uint64
	// Progress, when set, receives one line per step.
	Progress io.Writer
}

func (c Config) withDefaults() Config {
	if c.Achievements == 0 {
		c.Achievements = 100_000
	}
	if c.Needs == 0 {
		c.Needs = 2000
	}
	if c.Clients == 0 {
		c.Clients = 32
	}
	if c.Duration == 0 {
		c.Duration = 60 * time.Second
	}
	if c.WriteShare == 0 {
		c.WriteShare = 0.1
	}
	if c.Seed == 0 {
		c.Seed = 1
	}
	if c.Progress == nil {
		c.Progress = io.Discard
	}
	return c
}

// Validate reports the first invalid field.
func (c Config) Validate() error {
	switch {
	case c.Achievements < 0 || c.Needs < 0 || c.Clients < 0 || c.Duration < 0:
		return errors.New("load: negative size, client count or duration")
	case c.Clients > 4096:
		return fmt.Errorf("load: %d clients, at most 4096", c.Clients)
	case math.IsNaN(c.WriteShare) || c.WriteShare > 1:
		return fmt.Errorf("load: write share %v, want [0,1] (negative: none)", c.WriteShare)
	case c.Restart && c.IndexDir == "":
		return errors.New("load: Restart needs IndexDir")
	}
	return nil
}

// Phase is what one phase measured.
//
// A Phase is plain data: safe to copy and to read from many goroutines.
type Phase struct {
	Name     string        `json:"name"`
	Duration time.Duration `json:"duration"`
	Matches  int           `json:"matches"`
	Writes   int           `json:"writes"`
	// Errors are failed requests other than those refused while the
	// server restarted (Unavailable).
	Errors      int `json:"errors"`
	Unavailable int `json:"unavailable"`
	// Throughput is completed requests per second.
	Throughput float64 `json:"throughput"`
	// Latency percentiles over all requests, and of matches and writes.
	P50, P99, P999           time.Duration `json:"-"`
	MatchP50, MatchP99       time.Duration `json:"-"`
	WriteP50, WriteP99       time.Duration `json:"-"`
	FirstError               string        `json:"first_error,omitempty"`
	Acknowledged, LostWrites int           `json:"-"`
}

// String is one report line.
func (p Phase) String() string {
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/1e6) }
	s := fmt.Sprintf("%-10s %6.0f req/s  p50 %s  p99 %s  p999 %s  (match p50 %s p99 %s; write p50 %s p99 %s)  %d matches, %d writes, %d errors, %d lost of %d acknowledged writes",
		p.Name, p.Throughput, ms(p.P50), ms(p.P99), ms(p.P999), ms(p.MatchP50), ms(p.MatchP99), ms(p.WriteP50), ms(p.WriteP99),
		p.Matches, p.Writes, p.Errors, p.LostWrites, p.Acknowledged)
	if p.Unavailable > 0 {
		s += fmt.Sprintf(", %d refused during the restart", p.Unavailable)
	}
	return s
}

// Report is the result of Run.
//
// A Report is plain data: safe to copy and to read from many goroutines.
type Report struct {
	Config    Config
	Setup     time.Duration // generating and indexing the catalog
	InProcess Phase
	HTTP      Phase
	// Restart is how long the server was down (shutdown, reopen, listen).
	Restart time.Duration
}

// backend is what a phase drives: match one need, add or update one
// achievement, read one back.
type backend interface {
	match(ctx context.Context, n techmatch.Need) error
	put(ctx context.Context, a techmatch.Achievement) error
	get(ctx context.Context, id string) (techmatch.Achievement, bool, error)
}

// Run generates and indexes the catalog, runs the in-process phase and
// the HTTP phase, and checks every acknowledged write after each.
func Run(ctx context.Context, cfg Config) (Report, error) {
	if err := cfg.Validate(); err != nil {
		return Report{}, err
	}
	cfg = cfg.withDefaults()
	rep := Report{Config: cfg}
	start := time.Now()
	g, err := gen.New(cfg.Seed)
	if err != nil {
		return rep, err
	}
	achs, err := g.Achievements(ctx, cfg.Achievements)
	if err != nil {
		return rep, err
	}
	needs, err := g.Needs(ctx, cfg.Needs)
	if err != nil {
		return rep, err
	}
	seg, err := segment.Default()
	if err != nil {
		return rep, err
	}
	st, err := openStack(ctx, seg, cfg.IndexDir)
	if err != nil {
		return rep, err
	}
	defer func() { st.close() }()
	if err := st.idx.Add(ctx, achs...); err != nil {
		return rep, err
	}
	// Warm up: the first search after a write refreshes the match core
	// (O(all postings), see index.Search); that belongs to the setup.
	if _, err := st.eng.Match(ctx, needs[0], match.Options{Top: 10}); err != nil {
		return rep, err
	}
	rep.Setup = time.Since(start)
	fmt.Fprintf(cfg.Progress, "indexed %d achievements in %v\n", st.idx.Len(), rep.Setup.Round(time.Millisecond))

	w := &workload{cfg: cfg, gen: g, needs: needs, next: atomic.Int64{}}
	w.next.Store(int64(cfg.Achievements))
	inproc := &direct{st: st}
	rep.InProcess, err = w.phase(ctx, "in-process", inproc, nil)
	if err != nil {
		return rep, err
	}
	fmt.Fprintln(cfg.Progress, rep.InProcess)

	hs, err := st.serve("127.0.0.1:0")
	if err != nil {
		return rep, err
	}
	client := &httpBackend{base: "http://" + hs.addr, c: &http.Client{Transport: &http.Transport{
		MaxIdleConnsPerHost: cfg.Clients, MaxConnsPerHost: cfg.Clients}}}
	var restart func() error
	if cfg.Restart {
		restart = func() error {
			t0 := time.Now()
			fmt.Fprintln(cfg.Progress, "restarting the server under load")
			if err := hs.stop(); err != nil {
				return err
			}
			if err := st.close(); err != nil {
				return err
			}
			if st, err = openStack(ctx, seg, cfg.IndexDir); err != nil {
				return err
			}
			if hs, err = st.serve(hs.addr); err != nil {
				return err
			}
			rep.Restart = time.Since(t0)
			fmt.Fprintf(cfg.Progress, "restarted in %v: %d achievements reloaded\n", rep.Restart.Round(time.Millisecond), st.idx.Len())
			return nil
		}
	}
	rep.HTTP, err = w.phase(ctx, "http", client, restart)
	if err != nil {
		return rep, err
	}
	fmt.Fprintln(cfg.Progress, rep.HTTP)
	if err := hs.stop(); err != nil {
		return rep, err
	}
	return rep, nil
}

// stack is an index with its engine.
type stack struct {
	idx *index.Index[techmatch.Achievement]
	eng *match.Engine
}

func openStack(ctx context.Context, seg *segment.Segmenter, dir string) (*stack, error) {
	cfg := index.Config{Segmenter: seg, CoreOnly: true}
	if dir != "" {
		cfg = index.Config{Segmenter: seg, Path: filepath.Join(dir, "achievements")}
	}
	idx, err := index.New[techmatch.Achievement](ctx, cfg)
	if err != nil {
		return nil, err
	}
	eng, err := match.New(ctx, idx, match.Config{})
	if err != nil {
		idx.Close()
		return nil, err
	}
	return &stack{idx: idx, eng: eng}, nil
}

func (s *stack) close() error { return s.idx.Close() }

// httpServer is a running server.
type httpServer struct {
	srv  *server.Server
	hs   *http.Server
	addr string
	done chan error
}

// serve listens on addr (retrying a moment while the old socket frees).
func (s *stack) serve(addr string) (*httpServer, error) {
	srv, err := server.New(s.eng, server.Config{Achievements: s.idx, MaxBatch: 100})
	if err != nil {
		return nil, err
	}
	var ln net.Listener
	for range 50 {
		if ln, err = net.Listen("tcp", addr); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		return nil, err
	}
	h := &httpServer{srv: srv, hs: &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}, addr: ln.Addr().String(), done: make(chan error, 1)}
	go func() { h.done <- h.hs.Serve(ln) }()
	return h, nil
}

// stop drains and shuts down gracefully: in-flight requests finish.
func (h *httpServer) stop() error {
	h.srv.Drain()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := h.hs.Shutdown(ctx); err != nil {
		return err
	}
	if err := <-h.done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// workload is the request mix shared by the phases.
type workload struct {
	cfg   Config
	gen   *gen.Generator
	needs []techmatch.Need
	next  atomic.Int64 // next generated achievement number for adds
}

// client is one client's record of what it was acknowledged.
type client struct {
	rng   *rand.Rand
	owned []string                         // ids this client added
	last  map[string]techmatch.Achievement // id → last acknowledged version
	// tried holds, per id, the titles of writes that failed after the
	// last acknowledged one: the server may have applied them before
	// the answer was lost, so the check accepts them too.
	tried map[string][]string
	lat   []sample
}

type sample struct {
	d     time.Duration
	write bool
}

// unavailable is a request refused while the server restarts.
var errUnavailable = errors.New("unavailable")

// phase runs the clients for cfg.Duration; restart, when set, runs once
// at half time while the clients go on. Then it checks the writes.
func (w *workload) phase(ctx context.Context, name string, b backend, restart func() error) (Phase, error) {
	p := Phase{Name: name}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	deadline := time.Now().Add(w.cfg.Duration)
	clients := make([]*client, w.cfg.Clients)
	var errs, unavailable atomic.Int64
	var firstErr atomic.Pointer[string]
	var wg sync.WaitGroup
	t0 := time.Now()
	for i := range clients {
		c := &client{rng: rand.New(rand.NewPCG(w.cfg.Seed, uint64(i)+uint64(len(name))<<32)), last: map[string]techmatch.Achievement{}, tried: map[string][]string{}}
		clients[i] = c
		wg.Go(func() {
			for time.Now().Before(deadline) && ctx.Err() == nil {
				write := c.rng.Float64() < w.cfg.WriteShare
				var a techmatch.Achievement
				start := time.Now()
				var err error
				if write {
					a = w.nextWrite(c, i)
					err = b.put(ctx, a)
				} else {
					err = b.match(ctx, w.needs[c.rng.IntN(len(w.needs))])
				}
				d := time.Since(start)
				if err != nil && write {
					c.tried[a.ID] = append(c.tried[a.ID], a.Title)
				}
				switch {
				case errors.Is(err, errUnavailable):
					unavailable.Add(1)
					time.Sleep(5 * time.Millisecond)
					continue
				case err != nil:
					if errs.Add(1) == 1 {
						msg := err.Error()
						firstErr.Store(&msg)
					}
					continue
				}
				c.lat = append(c.lat, sample{d, write})
				if write {
					if _, ok := c.last[a.ID]; !ok {
						c.owned = append(c.owned, a.ID)
					}
					c.last[a.ID] = a
					delete(c.tried, a.ID)
				}
			}
		})
	}
	var rerr error
	if restart != nil {
		select {
		case <-time.After(w.cfg.Duration / 2):
			rerr = restart()
			if rerr != nil {
				cancel()
			}
		case <-ctx.Done():
		}
	}
	wg.Wait()
	p.Duration = time.Since(t0)
	if rerr != nil {
		return p, fmt.Errorf("load: restart: %w", rerr)
	}
	p.Errors, p.Unavailable = int(errs.Load()), int(unavailable.Load())
	if s := firstErr.Load(); s != nil {
		p.FirstError = *s
	}
	var all, matches, writes []time.Duration
	for _, c := range clients {
		for _, s := range c.lat {
			all = append(all, s.d)
			if s.write {
				writes = append(writes, s.d)
			} else {
				matches = append(matches, s.d)
			}
		}
	}
	p.Matches, p.Writes = len(matches), len(writes)
	p.Throughput = float64(len(all)) / p.Duration.Seconds()
	p.P50, p.P99, p.P999 = pct(all, 0.5), pct(all, 0.99), pct(all, 0.999)
	p.MatchP50, p.MatchP99 = pct(matches, 0.5), pct(matches, 0.99)
	p.WriteP50, p.WriteP99 = pct(writes, 0.5), pct(writes, 0.99)
	// No lost write: every acknowledged add is there, as last updated.
	for _, c := range clients {
		for id, want := range c.last {
			p.Acknowledged++
			got, ok, err := b.get(context.Background(), id)
			if err != nil {
				return p, fmt.Errorf("load: reading back %s: %w", id, err)
			}
			if !ok || (got.Title != want.Title && !slices.Contains(c.tried[id], got.Title)) {
				p.LostWrites++
			}
		}
	}
	return p, nil
}

// nextWrite is an add of a new generated achievement or, half the time
// once the client owns one, an update (new title) of one it added.
func (w *workload) nextWrite(c *client, i int) techmatch.Achievement {
	if len(c.owned) > 0 && c.rng.IntN(2) == 0 {
		a := c.last[c.owned[c.rng.IntN(len(c.owned))]]
		a.Title = fmt.Sprintf("%s（第%d版）", trimVersion(a.Title), c.rng.IntN(1_000_000))
		return a
	}
	n := int(w.next.Add(1))
	a := w.gen.Achievement(n)
	a.ID = fmt.Sprintf("L%02d-%07d", i, n)
	return a
}

func trimVersion(s string) string {
	if i := bytes.LastIndex([]byte(s), []byte("（第")); i >= 0 {
		return s[:i]
	}
	return s
}

// pct is the q-quantile of ds (sorted in place); 0 for none.
func pct(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	return ds[min(len(ds)-1, int(q*float64(len(ds))))]
}

// direct calls the engine and the index in process.
type direct struct{ st *stack }

func (d *direct) match(ctx context.Context, n techmatch.Need) error {
	_, err := d.st.eng.Match(ctx, n, match.Options{Top: 10})
	return err
}

func (d *direct) put(ctx context.Context, a techmatch.Achievement) error {
	return d.st.idx.Add(ctx, a)
}

func (d *direct) get(_ context.Context, id string) (techmatch.Achievement, bool, error) {
	a, ok := d.st.idx.Get(id)
	return a, ok, nil
}

// httpBackend sends the same calls to the server.
type httpBackend struct {
	base string
	c    *http.Client
}

func (h *httpBackend) do(ctx context.Context, method, path string, body any, want ...int) ([]byte, int, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, 0, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, h.base+path, rd)
	if err != nil {
		return nil, 0, err
	}
	// Matches and PUTs are safe to replay: this lets the transport
	// resend one whose kept-alive connection the server closed (at a
	// graceful shutdown) before reading it.
	req.Header.Set("Idempotency-Key", "replayable")
	resp, err := h.c.Do(req)
	if err != nil {
		var op *net.OpError
		if errors.As(err, &op) && op.Op == "dial" {
			return nil, 0, errUnavailable // the server is restarting
		}
		return nil, 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, 0, err
	}
	if !slices.Contains(want, resp.StatusCode) {
		if resp.StatusCode == http.StatusServiceUnavailable {
			return nil, 0, errUnavailable
		}
		return nil, resp.StatusCode, fmt.Errorf("%s %s: HTTP %d: %s", method, path, resp.StatusCode, b[:min(len(b), 200)])
	}
	return b, resp.StatusCode, nil
}

func (h *httpBackend) match(ctx context.Context, n techmatch.Need) error {
	_, _, err := h.do(ctx, http.MethodPost, "/v1/match/need", server.NeedRequest{Need: n, Options: server.Options{Top: 10}}, http.StatusOK)
	return err
}

func (h *httpBackend) put(ctx context.Context, a techmatch.Achievement) error {
	_, _, err := h.do(ctx, http.MethodPut, "/v1/achievements/"+a.ID, a, http.StatusOK, http.StatusCreated)
	return err
}

func (h *httpBackend) get(ctx context.Context, id string) (techmatch.Achievement, bool, error) {
	b, code, err := h.do(ctx, http.MethodGet, "/v1/achievements/"+id, nil, http.StatusOK, http.StatusNotFound)
	if err != nil || code == http.StatusNotFound {
		return techmatch.Achievement{}, false, err
	}
	var a techmatch.Achievement
	return a, true, json.Unmarshal(b, &a)
}
