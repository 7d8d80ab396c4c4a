package remote

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Sentinel errors, for errors.Is.
var (
	// ErrMalformed is an answer of the wrong shape: not JSON, wrong
	// number of items, wrong dimension, NaN or infinite values.
	ErrMalformed = errors.New("remote: malformed answer")
	// ErrTooLarge is an answer over HTTPConfig.MaxResponseBytes.
	ErrTooLarge = errors.New("remote: answer too large")
	// ErrUnavailable is a call not made because the service failed
	// shortly before (see HTTPConfig.Cooldown).
	ErrUnavailable = errors.New("remote: service unavailable (cooling down after a failure)")
)

// StatusError is an answer with a non-2xx status (after the retries, for
// the statuses that are retried).
//
// A StatusError is plain data: safe to copy and to read from many goroutines.
type StatusError struct {
	URL  string
	Code int
	// Body is the start of the answer (at most 200 bytes), for the log.
	Body string
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("remote: %s: HTTP %d: %s", e.URL, e.Code, e.Body)
}

// Defaults of HTTPConfig.
const (
	DefaultTimeout          = 30 * time.Second
	DefaultMaxAttempts      = 4
	DefaultBackoff          = 250 * time.Millisecond
	DefaultConcurrency      = 4
	DefaultMaxResponseBytes = 64 << 20
	DefaultCooldown         = 10 * time.Second
	// maxBackoff caps the wait between attempts (and a Retry-After).
	maxBackoff = 10 * time.Second
)

// HTTPConfig is the transport part of both clients' configurations. Zero
// values mean the documented defaults.
//
// An HTTPConfig is plain data: safe to copy and to read from many goroutines.
type HTTPConfig struct {
	// APIKey, when set, is sent as `Authorization: Bearer APIKey`.
	APIKey string
	// Timeout is the deadline of one attempt; default 30 s.
	Timeout time.Duration
	// MaxAttempts is the number of attempts of one request, retries
	// included; default 4. 1 means no retry.
	MaxAttempts int
	// Backoff is the wait before the first retry, doubled at each retry
	// (with ±20 % jitter, capped at 10 s); default 250 ms.
	Backoff time.Duration
	// Concurrency is the number of requests in flight at once; default 4.
	Concurrency int
	// MaxResponseBytes bounds an answer; default 64 MiB.
	MaxResponseBytes int64
	// Cooldown is how long calls fail at once with ErrUnavailable after
	// a request failed for good (its retries spent on 429, 5xx,
	// timeouts or transport errors), so that a batch against a dead
	// service falls back at once instead of waiting out the retries of
	// every query; default 10 s, negative: never.
	Cooldown time.Duration
	// Client is the HTTP client; nil means http.DefaultClient's transport
	// without an overall timeout (Timeout applies per attempt).
	Client *http.Client
}

func (c HTTPConfig) validate() error {
	if c.Timeout < 0 || c.MaxAttempts < 0 || c.Backoff < 0 || c.Concurrency < 0 || c.MaxResponseBytes < 0 {
		return errors.New("remote: negative HTTPConfig value")
	}
	if c.Concurrency > 1024 || c.MaxAttempts > 100 {
		return fmt.Errorf("remote: HTTPConfig.Concurrency %d (at most 1024) or MaxAttempts %d (at most 100)", c.Concurrency, c.MaxAttempts)
	}
	return nil
}

func (c HTTPConfig) withDefaults() HTTPConfig {
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	if c.MaxAttempts == 0 {
		c.MaxAttempts = DefaultMaxAttempts
	}
	if c.Backoff == 0 {
		c.Backoff = DefaultBackoff
	}
	if c.Concurrency == 0 {
		c.Concurrency = DefaultConcurrency
	}
	if c.MaxResponseBytes == 0 {
		c.MaxResponseBytes = DefaultMaxResponseBytes
	}
	if c.Cooldown == 0 {
		c.Cooldown = DefaultCooldown
	}
	if c.Client == nil {
		c.Client = &http.Client{}
	}
	return c
}

// transport posts JSON with retries, a concurrency limit and bounded
// reads. Safe for concurrent use.
type transport struct {
	cfg HTTPConfig
	url string
	sem chan struct{}
	// downUntil is the end of the cool-down (UnixNano), 0 when none.
	downUntil atomic.Int64
}

func newTransport(url string, cfg HTTPConfig) (*transport, error) {
	if !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") {
		return nil, fmt.Errorf("remote: URL %q, want http:// or https://", url)
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	return &transport{cfg: cfg, url: url, sem: make(chan struct{}, cfg.Concurrency)}, nil
}

// post sends in as JSON and returns the answer's body. It retries 429,
// 5xx and transport errors; the caller's ctx ending stops it at once.
func (t *transport) post(ctx context.Context, in any) ([]byte, error) {
	if until := t.downUntil.Load(); until != 0 && time.Now().UnixNano() < until {
		return nil, fmt.Errorf("%w: %s", ErrUnavailable, t.url)
	}
	body, err := json.Marshal(in)
	if err != nil {
		return nil, fmt.Errorf("remote: encoding the request: %w", err)
	}
	select {
	case t.sem <- struct{}{}:
		defer func() { <-t.sem }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	wait := t.cfg.Backoff
	var last error
	for attempt := 1; ; attempt++ {
		out, retry, after, err := t.once(ctx, body)
		if err == nil {
			t.downUntil.Store(0)
			return out, nil
		}
		last = err
		if ctx.Err() != nil {
			break
		}
		if retry && attempt >= t.cfg.MaxAttempts {
			if t.cfg.Cooldown > 0 {
				t.downUntil.Store(time.Now().Add(t.cfg.Cooldown).UnixNano())
			}
			break
		}
		if !retry {
			break
		}
		d := time.Duration(float64(wait) * (0.8 + 0.4*rand.Float64()))
		if after > d {
			d = after
		}
		d = min(d, maxBackoff)
		select {
		case <-time.After(d):
		case <-ctx.Done():
			return nil, errors.Join(last, ctx.Err())
		}
		wait = min(2*wait, maxBackoff)
	}
	if ctx.Err() != nil {
		return nil, errors.Join(last, ctx.Err())
	}
	return nil, last
}

// once makes one attempt: the body on success, else whether to retry and
// the server's Retry-After.
func (t *transport) once(ctx context.Context, body []byte) (out []byte, retry bool, after time.Duration, err error) {
	actx, cancel := context.WithTimeout(ctx, t.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodPost, t.url, bytes.NewReader(body))
	if err != nil {
		return nil, false, 0, fmt.Errorf("remote: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if t.cfg.APIKey != "" {
		req.Header.Set("Authorization", "Bearer "+t.cfg.APIKey)
	}
	resp, err := t.cfg.Client.Do(req)
	if err != nil {
		return nil, true, 0, fmt.Errorf("remote: %s: %w", t.url, err)
	}
	defer resp.Body.Close()
	out, err = io.ReadAll(io.LimitReader(resp.Body, t.cfg.MaxResponseBytes+1))
	if err != nil {
		return nil, true, 0, fmt.Errorf("remote: %s: reading the answer: %w", t.url, err)
	}
	if int64(len(out)) > t.cfg.MaxResponseBytes {
		return nil, false, 0, fmt.Errorf("%w: %s: over %d bytes", ErrTooLarge, t.url, t.cfg.MaxResponseBytes)
	}
	if resp.StatusCode/100 != 2 {
		snippet := strings.ToValidUTF8(string(out[:min(len(out), 200)]), "")
		retry = resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
			after = time.Duration(s) * time.Second
		}
		return nil, retry, after, &StatusError{URL: t.url, Code: resp.StatusCode, Body: snippet}
	}
	return out, false, 0, nil
}

// malformed wraps a shape error of an answer from url.
func malformed(url, f string, a ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrMalformed, url, fmt.Sprintf(f, a...))
}
