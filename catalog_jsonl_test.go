package techmatch

import (
	"bytes"
	"context"
	"errors"
	"testing"
)

// FuzzReadAchievementsJSONL checks that the JSONL reader never panics, that
// every record it returns validates and has a unique id, and that every
// problem is located.
func FuzzReadAchievementsJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"A1","title":"高强钢","maturity":7,"price":"面议","industries":"汽车、新材料"}` + "\n"))
	f.Add([]byte("\uFEFF{\"id\":1}\n{bad\n\n{\"id\":\"A1\",\"description\":\"d\",\"transfer_modes\":[\"转让\",null]}\r\n"))
	f.Add([]byte(`{"id":"A\xff","title":{"x":1},"keywords":[[1]],"maturity":"TRL 99"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, probs, err := ReadAchievements(context.Background(), bytes.NewReader(data), "f.jsonl", ReadOptions{Lenient: true, MaxLineBytes: 4096})
		if err != nil && !errors.Is(err, ErrEmptyCatalog) {
			t.Fatalf("lenient read: got error %v, want nil", err)
		}
		checkFuzzResult(t, achievementIDs(recs), probs, func(i int) error { return recs[i].Validate() })
	})
}

// checkFuzzResult checks the invariants shared by the fuzz tests.
func checkFuzzResult(t *testing.T, ids []string, probs []Problem, validate func(int) error) {
	t.Helper()
	seen := map[string]bool{}
	for i, id := range ids {
		if err := validate(i); err != nil {
			t.Fatalf("record %d (id %q) does not validate: %v", i, id, err)
		}
		if seen[id] {
			t.Fatalf("duplicate id %q returned", id)
		}
		seen[id] = true
	}
	for _, p := range probs {
		if p.File == "" || p.Line <= 0 || p.Err == nil {
			t.Fatalf("problem without location or cause: %#v", p)
		}
		_ = p.Error()
	}
}
