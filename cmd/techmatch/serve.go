package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/internal/inert"
	"github.com/techmatch/techmatch/match"
	"github.com/techmatch/techmatch/match/server"
	"github.com/techmatch/techmatch/segment"
)

// serveFlags are the flags of `techmatch serve`.
type serveFlags struct {
	cf        catalogFlags
	addr      string
	tokenFile string
	timeout   time.Duration
	maxBody   int64
	maxBatch  int
	logLevel  string
	grace     time.Duration
	remote    remoteFlags
	// ready, when set (tests), receives the listening address.
	ready func(addr string)
}

func newServeCmd() *cobra.Command { return serveCmd(&serveFlags{}) }

// serveCmd is the serve command over f (tests set f.ready).
func serveCmd(f *serveFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve matching over HTTP (JSON; docs/openapi.yaml) with record writes, health and metrics",
		Example: `  techmatch serve --achievements testdata/achievements.jsonl --needs testdata/needs.jsonl
  techmatch serve --index /var/lib/techmatch --addr 127.0.0.1:8080 --token-file /etc/techmatch/token`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runServe(cmd.Context(), f, cmd.ErrOrStderr())
		},
	}
	fs := cmd.Flags()
	f.cf.add(fs)
	fs.StringVar(&f.cf.indexPath, "index", "", "keep both indexes on disk under this directory (DIR/achievements, DIR/needs); writes persist and the catalogs given are added to what DIR holds (default: in memory)")
	fs.DurationVar(&f.cf.indexWait, "index-wait", 0, "wait this long for another process using --index DIR (default: fail at once)")
	fs.StringVar(&f.addr, "addr", "127.0.0.1:8080", "listen address (host:port; port 0 picks a free one)")
	fs.StringVar(&f.tokenFile, "token-file", "", "require `Authorization: Bearer TOKEN` on every route but /healthz and /readyz, TOKEN read from this file")
	fs.DurationVar(&f.timeout, "timeout", server.DefaultTimeout, "deadline of one request")
	fs.Int64Var(&f.maxBody, "max-body-bytes", server.DefaultMaxBodyBytes, "largest request body")
	fs.IntVar(&f.maxBatch, "max-batch", server.DefaultMaxBatch, fmt.Sprintf("records of one POST /v1/match/batch, 1..%d", match.MaxTop))
	fs.StringVar(&f.logLevel, "log-level", "info", "debug, info, warn or error (record text is never logged at info)")
	fs.DurationVar(&f.grace, "shutdown-grace", 30*time.Second, "on SIGTERM/SIGINT, how long in-flight requests may take to finish")
	f.remote.add(fs)
	return cmd
}

// runServe serves until ctx ends or SIGTERM/SIGINT arrives, then drains:
// /readyz turns 503, in-flight requests finish (up to --shutdown-grace)
// and the indexes are closed, which flushes an on-disk index.
func runServe(ctx context.Context, f *serveFlags, stderr io.Writer) error {
	if err := checkRange("--max-batch", f.maxBatch, 1, match.MaxTop); err != nil {
		return err
	}
	if f.maxBody < 1 {
		return fmt.Errorf("--max-body-bytes %d: want ≥ 1", f.maxBody)
	}
	if f.timeout <= 0 || f.grace < 0 {
		return fmt.Errorf("--timeout %v, --shutdown-grace %v: want > 0 and ≥ 0", f.timeout, f.grace)
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(f.logLevel)); err != nil {
		return fmt.Errorf("--log-level %q: want debug, info, warn or error", inert.Terminal(f.logLevel))
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	token, err := readToken(f.tokenFile)
	if err != nil {
		return err
	}
	if len(f.cf.achievements) == 0 && f.cf.indexPath == "" {
		return errors.New("--achievements is required without --index")
	}
	rc, err := f.cf.rankConfig()
	if err != nil {
		return err
	}
	opt := techmatch.ReadOptions{Lenient: f.cf.lenient, Sheet: f.cf.sheet, Limits: f.cf.limits}
	if err := checkLimitFlags(f.cf.limits); err != nil {
		return err
	}
	achs, err := loadAll(ctx, f.cf.achievements, opt, stderr, techmatch.LoadAchievements)
	if err != nil {
		return err
	}
	needs, err := loadAll(ctx, f.cf.needs, opt, stderr, techmatch.LoadNeeds)
	if err != nil {
		return err
	}
	emb, closeRemote, err := f.remote.config()
	if err != nil {
		return err
	}
	defer closeRemote()
	seg, err := segment.Default()
	if err != nil {
		return err
	}
	b, err := openBackend(ctx, seg, f.cf.indexPath, f.cf.indexWait, achs, needs, match.Config{Rank: rc, NoInfer: f.cf.noInfer, Embedding: emb})
	if err != nil {
		return err
	}
	defer b.close()
	srv, err := server.New(b.eng, server.Config{Achievements: b.achs, Needs: b.needs, Reverse: b.rev,
		Token: token, MaxBodyBytes: f.maxBody, Timeout: f.timeout, MaxBatch: f.maxBatch, Logger: log})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return fmt.Errorf("--addr: %w", err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM, os.Interrupt)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	log.Info("listening", "addr", "http://"+ln.Addr().String(), "achievements", b.achs.Len(), "needs", b.needs.Len(), "auth", token != "",
		"embed", f.remote.embedURL != "", "rerank", f.remote.rerankURL != "")
	if f.ready != nil {
		f.ready(ln.Addr().String())
	}
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", f.grace)
	srv.Drain()
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), f.grace)
	defer cancel()
	serr := hs.Shutdown(sctx)
	if cerr := errors.Join(b.close(), closeRemote()); cerr != nil {
		return errors.Join(serr, cerr)
	}
	if serr != nil {
		return fmt.Errorf("shutdown: %w", serr)
	}
	log.Info("stopped")
	return nil
}

// readToken reads the bearer token of --token-file ("" without one).
func readToken(path string) (string, error) {
	if path == "" {
		return "", nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("--token-file: %w", err)
	}
	tok := strings.TrimSpace(string(b))
	if tok == "" || strings.ContainsAny(tok, " \t\r\n") {
		return "", fmt.Errorf("--token-file %s: want one token on one line", inert.Terminal(path))
	}
	return tok, nil
}

// backend holds the two indexes and engines a server runs on.
type backend struct {
	achs   *index.Index[techmatch.Achievement]
	needs  *index.Index[techmatch.Need]
	eng    *match.Engine
	rev    *match.Reverse
	closed bool
}

// openBackend opens both indexes — in memory when dir is "", else on
// disk as dir/achievements and dir/needs — adds the records given (an id
// already there is updated; records added earlier through the API stay)
// and builds both engines. A workspace (--dir) would hand its own paths
// here.
func openBackend(ctx context.Context, seg *segment.Segmenter, dir string, wait time.Duration,
	achs []techmatch.Achievement, needs []techmatch.Need, cfg match.Config) (b *backend, err error) {
	b = &backend{}
	defer func() {
		if err != nil {
			b.close()
		}
	}()
	if b.achs, err = openStore(ctx, seg, dir, "achievements", wait, achs); err != nil {
		return nil, err
	}
	if b.needs, err = openStore(ctx, seg, dir, "needs", wait, needs); err != nil {
		return nil, err
	}
	if b.eng, err = match.New(ctx, b.achs, cfg); err != nil {
		return nil, err
	}
	if b.rev, err = match.NewReverse(ctx, b.needs, cfg); err != nil {
		return nil, err
	}
	return b, nil
}

func openStore[R techmatch.Record](ctx context.Context, seg *segment.Segmenter, dir, name string, wait time.Duration, recs []R) (*index.Index[R], error) {
	cfg := index.Config{Segmenter: seg, CoreOnly: true}
	if dir != "" {
		cfg = index.Config{Segmenter: seg, Path: filepath.Join(dir, name), LockWait: wait}
	}
	idx, err := index.New[R](ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := idx.Add(ctx, recs...); err != nil {
		idx.Close()
		return nil, err
	}
	return idx, nil
}

// close closes both indexes once (an on-disk index is flushed).
func (b *backend) close() error {
	if b.closed {
		return nil
	}
	b.closed = true
	var errs []error
	if b.achs != nil {
		errs = append(errs, b.achs.Close())
	}
	if b.needs != nil {
		errs = append(errs, b.needs.Close())
	}
	return errors.Join(errs...)
}
