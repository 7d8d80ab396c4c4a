package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

// lockedBuffer is a bytes.Buffer safe for the server's log goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServe runs `techmatch serve args…` on 127.0.0.1:0 and returns its
// base URL, a stop function that cancels it (as SIGTERM would) and
// returns its error, and its stderr.
func startServe(t *testing.T, args ...string) (string, func() error, *lockedBuffer) {
	t.Helper()
	addr := make(chan string, 1)
	f := &serveFlags{ready: func(a string) { addr <- a }}
	cmd := serveCmd(f)
	stderr := &lockedBuffer{}
	cmd.SetErr(stderr)
	cmd.SetArgs(append([]string{"--addr", "127.0.0.1:0"}, args...))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- cmd.ExecuteContext(ctx) }()
	select {
	case a := <-addr:
		stopped := false
		var stopErr error
		stop := func() error {
			if !stopped {
				stopped = true
				cancel()
				stopErr = <-done
			}
			return stopErr
		}
		t.Cleanup(func() { _ = stop() })
		return "http://" + a, stop, stderr
	case err := <-done:
		cancel()
		t.Fatalf("serve stopped: %v\n%s", err, stderr.String())
		return "", nil, nil
	}
}

func send(t *testing.T, method, url, body string, header ...string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

func TestServeRestartKeepsWrites(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	tok := filepath.Join(t.TempDir(), "token")
	require.NoError(t, os.WriteFile(tok, []byte("t0k\n"), 0o600))
	url, stop, stderr := startServe(t, "--achievements", achs, "--needs", needs, "--index", dir, "--token-file", tok)
	auth := []string{"Authorization", "Bearer t0k"}

	code, body := send(t, "POST", url+"/v1/match/need", `{"need":{"id":"Q","title":"冲压模具型面磨损翻新"},"top":2}`, auth...)
	require.Equal(t, 200, code, body)
	var got struct{ Pairs []techmatch.Pair }
	require.NoError(t, json.Unmarshal([]byte(body), &got))
	assert.Len(t, got.Pairs, 2)
	code, _ = send(t, "POST", url+"/v1/match/need", `{"need":{"id":"Q","title":"冲压模具"}}`)
	assert.Equal(t, 401, code, "the token is required")

	code, body = send(t, "PUT", url+"/v1/achievements/NEW1", `{"title":"氧化锆陶瓷牙冠数字化切削","description":"氧化锆牙冠切削工艺"}`, auth...)
	require.Equal(t, 201, code, body)
	code, body = send(t, "DELETE", url+"/v1/needs/N0001", "", auth...)
	require.Equal(t, 204, code, body)
	require.NoError(t, stop(), "a cancelled serve shuts down cleanly")
	assert.Contains(t, stderr.String(), "shutting down")
	assert.NotContains(t, stderr.String(), "氧化锆", "no record text in the logs")

	// Restarted without catalogs: the index holds the writes.
	url, stop, _ = startServe(t, "--index", dir)
	code, body = send(t, "GET", url+"/v1/achievements/NEW1", "")
	require.Equal(t, 200, code, body)
	assert.Contains(t, body, "氧化锆陶瓷牙冠")
	code, _ = send(t, "GET", url+"/v1/needs/N0001", "")
	assert.Equal(t, 404, code, "a withdrawal persists")
	code, _ = send(t, "GET", url+"/v1/needs/N0002", "")
	assert.Equal(t, 200, code)
	require.NoError(t, stop())
}

func TestServeFlagErrors(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "empty")
	require.NoError(t, os.WriteFile(empty, []byte("\n"), 0o600))
	tests := []struct {
		args []string
		want string
	}{
		{nil, "--achievements is required"},
		{[]string{"--achievements", achs, "--max-batch", "0"}, "--max-batch"},
		{[]string{"--achievements", achs, "--log-level", "loud"}, "--log-level"},
		{[]string{"--achievements", achs, "--token-file", empty}, "--token-file"},
		{[]string{"--achievements", achs, "--addr", "127.0.0.1:99999"}, "--addr"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, _, err := run(t, append([]string{"serve"}, tt.args...)...)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

// TestServeWithRemoteServices: --embed-url and --rerank-url reach the
// services; with the re-ranker down, matches still answer, saying so.
func TestServeWithRemoteServices(t *testing.T) {
	var embedded atomic.Int64
	emb := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct{ Input []string }
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		embedded.Add(int64(len(req.Input)))
		type item struct {
			Index     int       `json:"index"`
			Embedding []float64 `json:"embedding"`
		}
		var out struct {
			Data []item `json:"data"`
		}
		for i, s := range req.Input {
			out.Data = append(out.Data, item{i, []float64{1, float64(len(s) % 7), float64(strings.Count(s, "模"))}})
		}
		_ = json.NewEncoder(w).Encode(out)
	}))
	defer emb.Close()
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "no GPU", http.StatusServiceUnavailable)
	}))
	defer down.Close()
	cache := filepath.Join(t.TempDir(), "vectors")
	url, stop, _ := startServe(t, "--achievements", achs, "--needs", needs, "--embed-url", emb.URL+"/v1/embeddings",
		"--embed-model", "fake", "--embed-dims", "3", "--embed-cache", cache, "--rerank-url", down.URL+"/rerank")
	code, body := send(t, "POST", url+"/v1/match/need", `{"need":{"id":"Q","title":"冲压模具型面磨损翻新"},"top":2}`)
	require.Equal(t, 200, code, body)
	assert.Contains(t, body, "lexical only: re-ranking failed")
	assert.NotContains(t, body, "embedding failed")
	assert.Positive(t, embedded.Load())
	require.NoError(t, stop())
	files, err := filepath.Glob(filepath.Join(cache, "vectors-*.log"))
	require.NoError(t, err)
	require.Len(t, files, 1, "the vector cache is written")
	fi, err := os.Stat(files[0])
	require.NoError(t, err)
	assert.Positive(t, fi.Size())

	_, _, err = run(t, "serve", "--achievements", achs, "--embed-url", emb.URL)
	assert.ErrorContains(t, err, "--embed-model is required")
}
