package outcome_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/match/outcome"
)

// FuzzRead reads arbitrary bytes as each format: never a panic, every
// record kept is valid (ids non-empty, a known outcome), and every
// problem names the file.
func FuzzRead(f *testing.F) {
	f.Add([]byte("need_id,achievement_id,outcome,reason,date\nN1,A1,已对接,,2026-10-12\n"))
	f.Add([]byte(`{"need_id":"N1","achievement_id":"A1","outcome":"不合适","reason":"价格"}` + "\n"))
	f.Add([]byte("\"need_id\nN1,\"A1,已对接\n"))
	lim := techmatch.Limits{MaxFileBytes: 1 << 16, MaxRecordBytes: 1 << 12, MaxFieldBytes: 1 << 10, MaxRecords: 1000}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"f.csv", "f.jsonl", "f.xlsx"} {
			recs, probs, _ := outcome.Read(context.Background(), bytes.NewReader(data), name, outcome.Options{Limits: lim, Lenient: true})
			for _, r := range recs {
				if r.NeedID == "" || r.AchievementID == "" {
					t.Fatalf("%s: record with an empty id: %+v", name, r)
				}
				if _, err := outcome.ParseOutcome(string(r.Outcome)); err != nil {
					t.Fatalf("%s: record with outcome %q", name, r.Outcome)
				}
			}
			for _, p := range probs {
				if p.File != name || p.Err == nil {
					t.Fatalf("%s: problem without file or cause: %+v", name, p)
				}
			}
		}
	})
}
