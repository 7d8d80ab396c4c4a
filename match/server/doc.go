// Package server is techmatch's HTTP matching service: JSON endpoints to
// match one need or one achievement, to match a small batch, to add,
// update and withdraw records, plus /healthz, /readyz and /metrics
// (Prometheus text format). Platforms mount New's result as an
// http.Handler wherever they like; `techmatch serve` runs it on its own.
//
// Routes (docs/openapi.yaml is the contract; a test checks both agree):
//
//	POST   /v1/match/need          one need → its top achievements
//	POST   /v1/match/achievement   one achievement → its top needs
//	POST   /v1/match/batch         up to Config.MaxBatch needs and/or achievements
//	GET    /v1/achievements/{id}   one indexed achievement
//	PUT    /v1/achievements/{id}   add or update (visible to the next match)
//	DELETE /v1/achievements/{id}   withdraw
//	GET|PUT|DELETE /v1/needs/{id}  the same for needs
//	GET    /healthz  /readyz  /metrics
//
// Every request gets a request id (the X-Request-Id header when the client
// sends a valid one, else a random one), echoed in the response and in the
// structured log line (log/slog) of the request, which names route,
// status, duration and record ids but never record text. Request bodies
// are bounded (Config.MaxBodyBytes), each request runs under a deadline
// (Config.Timeout), and with Config.Token every route but /healthz and
// /readyz needs `Authorization: Bearer TOKEN` (compared in constant time).
//
// Writes go straight to the indexes given in Config: through an on-disk
// index they are persisted (and flushed by Index.Close), in memory
// otherwise. Errors are JSON objects {"error": "...", "id": "..."} with
// 400 (malformed request), 401, 404, 413 (body too large), 422 (a record
// that fails validation or has no searchable text), 501 (a direction
// without its index), 503 (draining) or 504 (deadline).
package server
