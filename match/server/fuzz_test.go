package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

// FuzzRequest sends arbitrary bodies to the routes that read one: never a
// 5xx, always a JSON answer (or 204).
func FuzzRequest(f *testing.F) {
	fx := newFixture(f, Config{MaxBodyBytes: 1 << 16, MaxBatch: 4})
	for _, s := range []string{
		`{"need":{"id":"N1","title":"冲压模具型面磨损翻新"},"top":3,"industries":["equipment"],"reasons":true}`,
		`{"achievement":{"id":"A1","title":"激光熔覆","maturity":7},"explain":false}`,
		`{"needs":[{"id":"Q","title":"欢迎洽谈"},{"id":"Q2","title":"钛合金"}],"achievements":[{"id":"A","title":"钛合金"}]}`,
		`{"title":"钛合金","maturity":42}`,
		`{"id":"F1","title":"氧化锆\u0000陶瓷","price":-1}`,
		`{"need":{"id":"\u202e","title":"x"},"top":100000}`,
		`[1,2,3]`, `null`, ``,
	} {
		for m := range byte(5) {
			f.Add(m, []byte(s))
		}
	}
	routes := []struct{ method, path string }{
		{"POST", "/v1/match/need"}, {"POST", "/v1/match/achievement"}, {"POST", "/v1/match/batch"},
		{"PUT", "/v1/achievements/F1"}, {"PUT", "/v1/needs/F1"},
	}
	f.Fuzz(func(t *testing.T, which byte, body []byte) {
		r := routes[int(which)%len(routes)]
		req := httptest.NewRequest(r.method, r.path, bytes.NewReader(body))
		rec := httptest.NewRecorder()
		fx.srv.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s %q: %d %s", r.method, r.path, body, rec.Code, rec.Body)
		}
		if rec.Code != http.StatusNoContent && !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%s %s %q: not JSON: %s", r.method, r.path, body, rec.Body)
		}
	})
}
