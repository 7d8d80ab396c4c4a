package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/match"
	"github.com/techmatch/techmatch/segment"
)

var (
	seg   *segment.Segmenter
	achs  []techmatch.Achievement
	needs []techmatch.Need
)

func TestMain(m *testing.M) {
	var err error
	ctx := context.Background()
	if seg, err = segment.Default(); err == nil {
		if achs, _, err = techmatch.LoadAchievements(ctx, "../../testdata/achievements.jsonl", techmatch.ReadOptions{}); err == nil {
			needs, _, err = techmatch.LoadNeeds(ctx, "../../testdata/needs.jsonl", techmatch.ReadOptions{})
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "server tests:", err)
		os.Exit(1)
	}
	achs, needs = achs[:80], needs[:40]
	os.Exit(m.Run())
}

// fixture is a server over in-memory indexes of part of the testdata.
type fixture struct {
	srv  *Server
	http *httptest.Server
	logs *syncBuffer
	aidx *index.Index[techmatch.Achievement]
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newFixture(t testing.TB, cfg Config) *fixture {
	t.Helper()
	ctx := context.Background()
	aidx, err := index.New[techmatch.Achievement](ctx, index.Config{Segmenter: seg})
	require.NoError(t, err)
	t.Cleanup(func() { aidx.Close() })
	require.NoError(t, aidx.Add(ctx, achs...))
	nidx, err := index.New[techmatch.Need](ctx, index.Config{Segmenter: seg})
	require.NoError(t, err)
	t.Cleanup(func() { nidx.Close() })
	require.NoError(t, nidx.Add(ctx, needs...))
	eng, err := match.New(ctx, aidx, match.Config{})
	require.NoError(t, err)
	rev, err := match.NewReverse(ctx, nidx, match.Config{})
	require.NoError(t, err)
	logs := &syncBuffer{}
	cfg.Achievements, cfg.Needs, cfg.Reverse = aidx, nidx, rev
	cfg.Logger = slog.New(slog.NewJSONHandler(logs, nil))
	srv, err := New(eng, cfg)
	require.NoError(t, err)
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return &fixture{srv: srv, http: hs, logs: logs, aidx: aidx}
}

// do sends a request (body: nil, a string sent as is, or a value sent as
// JSON) and returns the status and body.
func (f *fixture) do(t *testing.T, method, path string, body any, header ...string) (int, []byte) {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		require.NoError(t, err)
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, f.http.URL+path, rd)
	require.NoError(t, err)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := f.http.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, got
}

func decodeAs[T any](t *testing.T, b []byte) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal(b, &v), "body %s", b)
	return v
}

func TestMatchNeedAgreesWithEngine(t *testing.T) {
	f := newFixture(t, Config{})
	n := needs[3]
	code, body := f.do(t, "POST", "/v1/match/need", NeedRequest{Need: n, Options: Options{Top: 5}})
	require.Equal(t, http.StatusOK, code, "body %s", body)
	got := decodeAs[MatchResponse](t, body)
	want, err := f.srv.eng.Match(context.Background(), n, match.Options{Top: 5})
	require.NoError(t, err)
	require.Len(t, got.Pairs, len(want))
	for i := range want {
		assert.Equal(t, want[i].AchievementID, got.Pairs[i].AchievementID, "rank %d", i+1)
		assert.InDelta(t, want[i].Score, got.Pairs[i].Score, 1e-12)
		assert.NotNil(t, got.Pairs[i].Explain, "explain is on by default")
		assert.Nil(t, got.Pairs[i].Feasible, "reasons are off by default")
	}
}

func TestMatchOptions(t *testing.T) {
	f := newFixture(t, Config{})
	no := false
	tests := []struct {
		name        string
		opt         Options
		wantExplain bool
		wantReasons bool
	}{
		{"explain off", Options{Top: 3, Explain: &no}, false, false},
		{"reasons only", Options{Top: 3, Explain: &no, Reasons: true}, false, true},
		{"both", Options{Top: 3, Reasons: true}, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body := f.do(t, "POST", "/v1/match/need", NeedRequest{Need: needs[0], Options: tt.opt})
			require.Equal(t, http.StatusOK, code, "body %s", body)
			got := decodeAs[MatchResponse](t, body)
			require.NotEmpty(t, got.Pairs)
			assert.LessOrEqual(t, len(got.Pairs), 3)
			for _, p := range got.Pairs {
				assert.Equal(t, tt.wantExplain, p.Explain != nil, "explain")
				assert.Equal(t, tt.wantReasons, p.Feasible != nil, "feasible")
			}
		})
	}
	// An industry filter keeps only that industry's records.
	code, body := f.do(t, "POST", "/v1/match/need", NeedRequest{Need: needs[0], Options: Options{Industries: []string{"新材料"}}})
	require.Equal(t, http.StatusOK, code, "body %s", body)
	for _, p := range decodeAs[MatchResponse](t, body).Pairs {
		a, ok := f.aidx.Get(p.AchievementID)
		require.True(t, ok)
		assert.Contains(t, a.Industries, techmatch.Materials, "achievement %s", a.ID)
	}
}

func TestMatchAchievement(t *testing.T) {
	f := newFixture(t, Config{})
	code, body := f.do(t, "POST", "/v1/match/achievement", AchievementRequest{Achievement: achs[0], Options: Options{Top: 4}})
	require.Equal(t, http.StatusOK, code, "body %s", body)
	got := decodeAs[MatchResponse](t, body)
	want, err := f.srv.cfg.Reverse.Match(context.Background(), achs[0], match.Options{Top: 4})
	require.NoError(t, err)
	require.Len(t, got.Pairs, len(want))
	for i := range want {
		assert.Equal(t, want[i].NeedID, got.Pairs[i].NeedID)
		assert.Equal(t, achs[0].ID, got.Pairs[i].AchievementID)
	}
}

func TestBadRequests(t *testing.T) {
	f := newFixture(t, Config{MaxBodyBytes: 4096, MaxBatch: 3})
	big := `{"need":{"id":"X","title":"` + strings.Repeat("材料", 2000) + `"}}`
	tests := []struct {
		name, method, path string
		body               any
		want               int
	}{
		{"malformed", "POST", "/v1/match/need", `{"need":`, 400},
		{"unknown field", "POST", "/v1/match/need", `{"need":{"id":"X","title":"钛合金"},"topp":3}`, 400},
		{"two values", "POST", "/v1/match/need", `{"need":{"id":"X","title":"钛合金"}} {}`, 400},
		{"too large", "POST", "/v1/match/need", big, 413},
		{"top out of range", "POST", "/v1/match/need", NeedRequest{Need: needs[0], Options: Options{Top: -1}}, 400},
		{"unknown industry", "POST", "/v1/match/need", NeedRequest{Need: needs[0], Options: Options{Industries: []string{"materail"}}}, 400},
		{"no text", "POST", "/v1/match/need", NeedRequest{Need: techmatch.Need{ID: "X"}}, 422},
		{"only boilerplate", "POST", "/v1/match/need", NeedRequest{Need: techmatch.Need{ID: "X", Title: "急需，欢迎洽谈"}}, 422},
		{"batch too big", "POST", "/v1/match/batch", BatchRequest{Needs: needs[:4]}, 400},
		{"put invalid", "PUT", "/v1/achievements/Z1", techmatch.Achievement{Title: "钛合金", Maturity: 42}, 422},
		{"put id mismatch", "PUT", "/v1/achievements/Z1", techmatch.Achievement{ID: "Z2", Title: "钛合金"}, 400},
		{"get unknown", "GET", "/v1/needs/nope", nil, 404},
		{"delete unknown", "DELETE", "/v1/achievements/nope", nil, 404},
		{"wrong method", "GET", "/v1/match/need", nil, 405},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body := f.do(t, tt.method, tt.path, tt.body)
			assert.Equal(t, tt.want, code, "body %s", body)
			if code != 405 {
				assert.NotEmpty(t, decodeAs[ErrorBody](t, body).Error)
			}
		})
	}
}

func TestBatchGoesOnPastABadRecord(t *testing.T) {
	f := newFixture(t, Config{})
	req := BatchRequest{Needs: []techmatch.Need{needs[0], {ID: "BAD", Title: "欢迎洽谈"}, needs[1]},
		Achievements: achs[:1], Options: Options{Top: 2}}
	code, body := f.do(t, "POST", "/v1/match/batch", req)
	require.Equal(t, http.StatusOK, code, "body %s", body)
	got := decodeAs[BatchResponse](t, body).Results
	require.Len(t, got, 4)
	for i, want := range []struct{ kind, id string }{{"need", needs[0].ID}, {"need", "BAD"}, {"need", needs[1].ID}, {"achievement", achs[0].ID}} {
		assert.Equal(t, want.kind, got[i].Kind)
		assert.Equal(t, want.id, got[i].ID)
	}
	assert.NotEmpty(t, got[0].Pairs)
	assert.Empty(t, got[1].Pairs)
	assert.Contains(t, got[1].Error, "no searchable text")
	assert.NotEmpty(t, got[2].Pairs)
	assert.Equal(t, achs[0].ID, got[3].Pairs[0].AchievementID)
}

func TestWritesAreSeenByTheNextMatch(t *testing.T) {
	f := newFixture(t, Config{})
	a := techmatch.Achievement{Title: "钇稳定氧化锆陶瓷牙冠的数字化切削工艺", Description: "氧化锆陶瓷牙冠数字化切削与烧结工艺，透光性好。",
		Keywords: []string{"氧化锆牙冠"}, Industries: []techmatch.Industry{techmatch.Biomed}}
	q := NeedRequest{Need: techmatch.Need{ID: "Q", Title: "氧化锆陶瓷牙冠切削", Description: "需要氧化锆陶瓷牙冠数字化切削工艺"}, Options: Options{Top: 1}}
	top := func() string {
		code, body := f.do(t, "POST", "/v1/match/need", q)
		require.Equal(t, http.StatusOK, code, "body %s", body)
		if ps := decodeAs[MatchResponse](t, body).Pairs; len(ps) > 0 {
			return ps[0].AchievementID
		}
		return ""
	}
	require.NotEqual(t, "ZR1", top())
	code, body := f.do(t, "PUT", "/v1/achievements/ZR1", a)
	require.Equal(t, http.StatusCreated, code, "body %s", body)
	assert.Equal(t, WriteResponse{ID: "ZR1", Created: true}, decodeAs[WriteResponse](t, body))
	assert.Equal(t, "ZR1", top(), "an add is seen by the next match")

	code, body = f.do(t, "GET", "/v1/achievements/ZR1", nil)
	require.Equal(t, http.StatusOK, code)
	assert.Equal(t, a.Title, decodeAs[techmatch.Achievement](t, body).Title)

	a.Title, a.Description, a.Keywords = "高强铝合金挤压型材", "铝合金型材挤压工艺", nil
	code, body = f.do(t, "PUT", "/v1/achievements/ZR1", a)
	require.Equal(t, http.StatusOK, code, "body %s", body)
	assert.False(t, decodeAs[WriteResponse](t, body).Created)
	assert.NotEqual(t, "ZR1", top(), "an update is seen by the next match")

	code, _ = f.do(t, "DELETE", "/v1/achievements/ZR1", nil)
	require.Equal(t, http.StatusNoContent, code)
	code, _ = f.do(t, "GET", "/v1/achievements/ZR1", nil)
	assert.Equal(t, http.StatusNotFound, code, "a withdrawn record is gone")

	// Needs likewise, seen by the reverse direction.
	n := techmatch.Need{Title: "氧化锆陶瓷牙冠切削", Description: "需要氧化锆陶瓷牙冠数字化切削工艺"}
	code, body = f.do(t, "PUT", "/v1/needs/NZ", n)
	require.Equal(t, http.StatusCreated, code, "body %s", body)
	a.Title, a.Description = "钇稳定氧化锆陶瓷牙冠的数字化切削工艺", "氧化锆陶瓷牙冠数字化切削与烧结工艺"
	a.ID = "ZR2"
	code, body = f.do(t, "POST", "/v1/match/achievement", AchievementRequest{Achievement: a, Options: Options{Top: 1}})
	require.Equal(t, http.StatusOK, code, "body %s", body)
	ps := decodeAs[MatchResponse](t, body).Pairs
	require.NotEmpty(t, ps)
	assert.Equal(t, "NZ", ps[0].NeedID)
}

func TestWritesPersistThroughADiskIndex(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir() + "/idx"
	open := func() (*index.Index[techmatch.Achievement], *httptest.Server) {
		idx, err := index.New[techmatch.Achievement](ctx, index.Config{Segmenter: seg, Path: dir})
		require.NoError(t, err)
		eng, err := match.New(ctx, idx, match.Config{})
		require.NoError(t, err)
		srv, err := New(eng, Config{Achievements: idx})
		require.NoError(t, err)
		return idx, httptest.NewServer(srv)
	}
	idx, hs := open()
	f := &fixture{http: hs}
	code, body := f.do(t, "PUT", "/v1/achievements/P1", achs[0])
	require.Equal(t, http.StatusBadRequest, code, "body id A0001 differs: %s", body)
	a := achs[0]
	a.ID = ""
	code, body = f.do(t, "PUT", "/v1/achievements/P1", a)
	require.Equal(t, http.StatusCreated, code, "body %s", body)
	code, _ = f.do(t, "GET", "/v1/needs/N1", nil)
	assert.Equal(t, http.StatusNotImplemented, code, "no need index")
	hs.Close()
	require.NoError(t, idx.Close())

	idx, hs = open()
	defer idx.Close()
	defer hs.Close()
	f.http = hs
	code, body = f.do(t, "GET", "/v1/achievements/P1", nil)
	require.Equal(t, http.StatusOK, code, "body %s", body)
	assert.Equal(t, achs[0].Title, decodeAs[techmatch.Achievement](t, body).Title)
}

func TestAuth(t *testing.T) {
	f := newFixture(t, Config{Token: "s3cret"})
	tests := []struct {
		name, method, path string
		header             []string
		want               int
	}{
		{"no token", "GET", "/v1/achievements/A0001", nil, 401},
		{"wrong token", "GET", "/v1/achievements/A0001", []string{"Authorization", "Bearer s3cres"}, 401},
		{"wrong scheme", "GET", "/v1/achievements/A0001", []string{"Authorization", "Basic s3cret"}, 401},
		{"right token", "GET", "/v1/achievements/A0001", []string{"Authorization", "Bearer s3cret"}, 200},
		{"metrics need it", "GET", "/metrics", nil, 401},
		{"healthz is public", "GET", "/healthz", nil, 200},
		{"readyz is public", "GET", "/readyz", nil, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body := f.do(t, tt.method, tt.path, nil, tt.header...)
			assert.Equal(t, tt.want, code, "body %s", body)
		})
	}
}

func TestTimeout(t *testing.T) {
	f := newFixture(t, Config{Timeout: time.Nanosecond})
	code, body := f.do(t, "POST", "/v1/match/need", NeedRequest{Need: needs[0]})
	assert.Equal(t, http.StatusGatewayTimeout, code, "body %s", body)
}

func TestDrain(t *testing.T) {
	f := newFixture(t, Config{})
	f.srv.Drain()
	code, _ := f.do(t, "GET", "/readyz", nil)
	assert.Equal(t, http.StatusServiceUnavailable, code)
	code, _ = f.do(t, "GET", "/healthz", nil)
	assert.Equal(t, http.StatusOK, code, "a draining server is alive")
}

func TestMetricsAndLogs(t *testing.T) {
	f := newFixture(t, Config{})
	code, _ := f.do(t, "POST", "/v1/match/need", NeedRequest{Need: needs[0]}, "X-Request-Id", "req-42")
	require.Equal(t, http.StatusOK, code)
	a := techmatch.Achievement{Title: "保密的秘密配方陶瓷", Description: "秘密配方陶瓷的烧结工艺"}
	code, _ = f.do(t, "PUT", "/v1/achievements/S1", a)
	require.Equal(t, http.StatusCreated, code)
	code, body := f.do(t, "GET", "/metrics", nil)
	require.Equal(t, http.StatusOK, code)
	m := string(body)
	for _, want := range []string{
		`techmatch_http_requests_total{code="200",route="POST /v1/match/need"} 1`,
		`techmatch_http_requests_total{code="201",route="PUT /v1/achievements/{id}"} 1`,
		`techmatch_http_request_duration_seconds_count{route="POST /v1/match/need"} 1`,
		fmt.Sprintf(`techmatch_index_records{kind="achievement"} %d`, len(achs)+1),
		fmt.Sprintf(`techmatch_index_records{kind="need"} %d`, len(needs)),
	} {
		assert.Contains(t, m, want)
	}
	logs := f.logs.String()
	assert.Contains(t, logs, `"request_id":"req-42"`)
	assert.Contains(t, logs, `"record_id":"`+needs[0].ID+`"`)
	assert.Contains(t, logs, `"record_id":"S1"`)
	for _, text := range []string{needs[0].Title, "秘密配方"} {
		assert.NotContains(t, logs, text, "record text is never logged at info level")
	}
}

func TestConfigValidate(t *testing.T) {
	idx := &index.Index[techmatch.Achievement]{}
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"no index", Config{}, "Achievements is required"},
		{"needs without reverse", Config{Achievements: idx, Needs: &index.Index[techmatch.Need]{}}, "go together"},
		{"negative body", Config{Achievements: idx, MaxBodyBytes: -1}, "MaxBodyBytes"},
		{"negative timeout", Config{Achievements: idx, Timeout: -1}, "Timeout"},
		{"huge batch", Config{Achievements: idx, MaxBatch: match.MaxTop + 1}, "MaxBatch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	assert.NoError(t, Config{Achievements: idx}.Validate())
}
