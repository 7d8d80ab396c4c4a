package remote_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/techmatch/techmatch/match/remote"
)

// An Embedder talks to any OpenAI-compatible embeddings endpoint; here a
// stand-in that answers every text with the same 3-dimensional vector.
func ExampleEmbedder() {
	svc := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct{ Input []string }
		_ = json.NewDecoder(r.Body).Decode(&req)
		type item struct {
			Index     int       `json:"index"`
			Embedding []float64 `json:"embedding"`
		}
		var out struct {
			Data []item `json:"data"`
		}
		for i := range req.Input {
			out.Data = append(out.Data, item{i, []float64{0.1, 0.2, 0.3}})
		}
		_ = json.NewEncoder(w).Encode(out)
	}))
	defer svc.Close()
	emb, err := remote.NewEmbedder(remote.EmbedderConfig{URL: svc.URL + "/v1/embeddings", Model: "BAAI/bge-m3", Dimensions: 3})
	if err != nil {
		panic(err)
	}
	defer emb.Close()
	vs, err := emb.Embed(context.Background(), []string{"激光熔覆", "氧化锆陶瓷"})
	if err != nil {
		panic(err)
	}
	fmt.Println(len(vs), len(vs[0]), emb.Requests())
	// Output: 2 3 1
}
