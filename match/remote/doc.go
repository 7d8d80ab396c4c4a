// Package remote connects techmatch to the embedding and re-ranking models
// a platform already serves: Embedder implements match.Embedder (and
// match.RecordEmbedder) over an OpenAI-compatible POST /v1/embeddings
// endpoint (vLLM, text-embeddings-inference, Xinference, Ollama, LocalAI,
// OpenAI itself), and Reranker implements match.Reranker over a /rerank
// endpoint (text-embeddings-inference's format or the Cohere/Jina/vLLM
// one). Cache keeps vectors on disk by record id and text hash, so that a
// quarterly re-run embeds only the records that changed.
//
// Every call is bounded: a deadline per attempt (HTTPConfig.Timeout),
// retries with exponential backoff on 429, 5xx and transport errors
// (HTTPConfig.MaxAttempts; Retry-After is honoured up to the backoff
// cap), at most HTTPConfig.Concurrency requests in flight per client, and
// answers read up to HTTPConfig.MaxResponseBytes. An answer of the wrong
// shape — wrong number of vectors or scores, wrong dimension, NaN or
// infinite values, indexes out of range — is an error (errors.Is
// ErrMalformed), never a silently wrong score. In the engine such errors
// make the query fall back to the lexical score (see
// match.EmbeddingConfig).
//
// Nothing here downloads a model: the clients talk to a service the
// platform runs. Pointing techmatch at a locally served bge-m3:
//
//	emb, err := remote.NewEmbedder(remote.EmbedderConfig{
//		URL: "http://127.0.0.1:8000/v1/embeddings", Model: "BAAI/bge-m3", Dimensions: 1024,
//		Cache: "/var/cache/techmatch/vectors"})
//	…
//	eng, err := match.New(ctx, idx, match.Config{Embedding: match.EmbeddingConfig{Embedder: emb}})
package remote
