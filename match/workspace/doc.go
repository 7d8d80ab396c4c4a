// Package workspace keeps an agency's two catalogs — achievements and
// needs — in one directory across quarters: imports that add, update
// and withdraw records (an id that exists is an update, never an error),
// every record's status and history, the match runs with the pairs they
// proposed, and delta matching of what changed since a date or the last
// run, each pair marked 新增 or 已推荐.
//
// Durability: every write commits a new generation atomically (state
// file, fsync, rename of CURRENT); a crash or kill -9 at any point leaves
// the generation before or the one after, never half (TestKill kills a
// child process at random points and reopens). The live records of each
// catalog are kept in an on-disk index (bleve scorch, see index.Config.Path)
// and a snapshot of its analysed match core (index.Index.WriteSnapshot),
// so reopening reads the snapshot instead of segmenting every record; a
// snapshot is checked (checksum, generation, record count) and rebuilt
// when stale or damaged. Reopen figures: BenchmarkReopen.
//
// The state file holds every record as JSON (the store the history and
// withdrawn records live in); the indexes are derived from it and
// repaired to it at Open.
package workspace
