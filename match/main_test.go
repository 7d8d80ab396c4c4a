package match

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/segment"
)

// seg is shared by the package's tests: a Segmenter costs ~0.4 s, 130 MB.
var seg *segment.Segmenter

// catalog is the bundled testdata, loaded once.
var catalog struct {
	achs  []techmatch.Achievement
	needs []techmatch.Need
}

func TestMain(m *testing.M) {
	var err error
	if seg, err = segment.Default(); err != nil {
		fmt.Fprintln(os.Stderr, "match tests:", err)
		os.Exit(1)
	}
	ctx := context.Background()
	if catalog.achs, _, err = techmatch.LoadAchievements(ctx, "../testdata/achievements.jsonl", techmatch.ReadOptions{}); err != nil {
		fmt.Fprintln(os.Stderr, "match tests:", err)
		os.Exit(1)
	}
	if catalog.needs, _, err = techmatch.LoadNeeds(ctx, "../testdata/needs.jsonl", techmatch.ReadOptions{}); err != nil {
		fmt.Fprintln(os.Stderr, "match tests:", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// newIndex indexes recs in memory; the index is closed when t ends.
func newIndex[R techmatch.Record](t testing.TB, recs []R) *index.Index[R] {
	t.Helper()
	idx, err := index.New[R](context.Background(), index.Config{Segmenter: seg})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	if err := idx.Add(context.Background(), recs...); err != nil {
		t.Fatal(err)
	}
	return idx
}
