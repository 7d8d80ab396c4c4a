package main

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/pflag"

	"github.com/techmatch/techmatch/match"
	"github.com/techmatch/techmatch/match/remote"
)

// envAPIKey names the environment variable holding the embedding and
// re-ranking services' API key (kept out of flags, which other users of
// the machine can read in the process list).
const envAPIKey = "TECHMATCH_REMOTE_API_KEY"

// remoteFlags are the flags that connect the engine to a platform's
// embedding and re-ranking services (package match/remote).
type remoteFlags struct {
	embedURL, embedModel, embedCache string
	embedDims                        int
	embedWeight                      float64
	rerankURL, rerankModel, format   string
	rerankWeight                     float64
	rerankTop                        int
	timeout                          time.Duration
}

func (r *remoteFlags) add(fs *pflag.FlagSet) {
	fs.StringVar(&r.embedURL, "embed-url", "", "OpenAI-compatible embeddings endpoint, e.g. http://127.0.0.1:8000/v1/embeddings (default: none; API key from $"+envAPIKey+")")
	fs.StringVar(&r.embedModel, "embed-model", "", "embedding model name the service knows, e.g. BAAI/bge-m3 (required with --embed-url)")
	fs.IntVar(&r.embedDims, "embed-dims", 0, "vector length every answer must have, e.g. 1024 (0: the first answer's)")
	fs.StringVar(&r.embedCache, "embed-cache", "", "directory of the on-disk vector cache (by record id and text hash; default: none)")
	fs.Float64Var(&r.embedWeight, "embed-weight", 0.3, "share of the embedding in the text feature, in (0,1]")
	fs.StringVar(&r.rerankURL, "rerank-url", "", "re-rank endpoint, e.g. http://127.0.0.1:8081/rerank (default: none)")
	fs.StringVar(&r.rerankModel, "rerank-model", "", "re-rank model name (sent in the cohere format)")
	fs.StringVar(&r.format, "rerank-format", remote.FormatCohere, "re-rank request format: cohere (documents) or tei (texts)")
	fs.Float64Var(&r.rerankWeight, "rerank-weight", 0.5, "share of the re-rank score in the text feature of the candidates it scores, in (0,1]")
	fs.IntVar(&r.rerankTop, "rerank-top", 50, "candidates re-scored per query")
	fs.DurationVar(&r.timeout, "remote-timeout", remote.DefaultTimeout, "deadline of one call to the embedding or re-rank service (then: retries, then the lexical score)")
}

// config returns the engine's embedding configuration and a function that
// closes the clients (flushing the vector cache).
func (r *remoteFlags) config() (match.EmbeddingConfig, func() error, error) {
	var cfg match.EmbeddingConfig
	closeFn := func() error { return nil }
	if r.embedURL == "" && r.rerankURL == "" {
		return cfg, closeFn, nil
	}
	if !(r.embedWeight > 0 && r.embedWeight <= 1) || !(r.rerankWeight > 0 && r.rerankWeight <= 1) {
		return cfg, closeFn, fmt.Errorf("--embed-weight %v, --rerank-weight %v: want values in (0,1]", r.embedWeight, r.rerankWeight)
	}
	if r.rerankTop < 1 || r.rerankTop > match.MaxTop {
		return cfg, closeFn, fmt.Errorf("--rerank-top %d: want 1..%d", r.rerankTop, match.MaxTop)
	}
	if r.timeout <= 0 {
		return cfg, closeFn, fmt.Errorf("--remote-timeout %v: want > 0", r.timeout)
	}
	hc := remote.HTTPConfig{APIKey: os.Getenv(envAPIKey), Timeout: r.timeout}
	cfg.Weight, cfg.RerankWeight, cfg.RerankTop = r.embedWeight, r.rerankWeight, r.rerankTop
	if r.embedURL != "" {
		if r.embedModel == "" {
			return cfg, closeFn, errors.New("--embed-model is required with --embed-url")
		}
		emb, err := remote.NewEmbedder(remote.EmbedderConfig{URL: r.embedURL, Model: r.embedModel, Dimensions: r.embedDims,
			Cache: r.embedCache, HTTP: hc})
		if err != nil {
			return cfg, closeFn, fmt.Errorf("--embed-url: %w", err)
		}
		cfg.Embedder, closeFn = emb, emb.Close
	}
	if r.rerankURL != "" {
		rr, err := remote.NewReranker(remote.RerankerConfig{URL: r.rerankURL, Model: r.rerankModel, Format: r.format, HTTP: hc})
		if err != nil {
			_ = closeFn()
			return cfg, func() error { return nil }, fmt.Errorf("--rerank-url: %w", err)
		}
		cfg.Reranker = rr
	}
	return cfg, closeFn, nil
}
