package dedup

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/techmatch/techmatch"
)

// loadCatalogs reads the bundled catalogs and the hold-out's, for the
// evaluation set.
func loadCatalogs(t testing.TB) ([]techmatch.Achievement, []techmatch.Need) {
	t.Helper()
	ctx := context.Background()
	var achs []techmatch.Achievement
	var needs []techmatch.Need
	for _, dir := range []string{"../../testdata/", "../../testdata/holdout/"} {
		a, _, err := techmatch.LoadAchievements(ctx, dir+"achievements.jsonl", techmatch.ReadOptions{})
		require.NoError(t, err)
		n, _, err := techmatch.LoadNeeds(ctx, dir+"needs.jsonl", techmatch.ReadOptions{})
		require.NoError(t, err)
		achs, needs = append(achs, a...), append(needs, n...)
	}
	return achs, needs
}

// evalResult is one row of the evaluation.
type evalResult struct {
	name string
	s    scores
}

func evaluate[R techmatch.Record](t *testing.T, name string, e evalSet[R], cfg Config) evalResult {
	t.Helper()
	cs, err := Find(context.Background(), e.recs, cfg)
	require.NoError(t, err)
	s := e.score(cs)
	t.Logf("%-28s records %4d copy pairs %3d found %3d precision %.3f recall %.3f (light %d/%d medium %d/%d heavy %d/%d) originals merged %d",
		name, len(e.recs), s.truePairs, s.found, s.precision(), s.recall(),
		s.byStrength[light][0], s.byStrength[light][1], s.byStrength[medium][0], s.byStrength[medium][1],
		s.byStrength[heavy][0], s.byStrength[heavy][1], len(s.origMerged))
	return evalResult{name, s}
}

// TestEvaluation measures precision and recall on perturbed copies of 20 %
// of the bundled catalogs (achievements and needs, testdata and hold-out)
// and requires that no two originals are merged at the defaults: the
// catalogs hold deliberate look-alikes (several battery or casting
// achievements of one owner with different techniques).
func TestEvaluation(t *testing.T) {
	achs, needs := loadCatalogs(t)
	for _, cfg := range []struct {
		name string
		cfg  Config
		// minPrecision, minRecall bound the figures at this config.
		minPrecision, minRecall float64
		// noOriginals: no pair of two originals may be merged.
		noOriginals bool
	}{
		{"default", Config{}, 0.99, 0.85, true},
		{"default exact", Config{Exact: true}, 0.99, 0.85, true},
	} {
		for seed := uint64(1); seed <= 3; seed++ {
			for _, r := range []evalResult{
				evaluate(t, cfg.name+" achievements", withCopies(achs, seed, 0.2, achievementCopy), cfg.cfg),
				evaluate(t, cfg.name+" needs", withCopies(needs, seed, 0.2, needCopy), cfg.cfg),
			} {
				if cfg.noOriginals {
					require.Empty(t, r.s.origMerged, "%s seed %d: originals merged: got %v, want none", r.name, seed, r.s.origMerged)
				}
				require.GreaterOrEqual(t, r.s.precision(), cfg.minPrecision, "%s seed %d: precision", r.name, seed)
				require.GreaterOrEqual(t, r.s.recall(), cfg.minRecall, "%s seed %d: recall", r.name, seed)
			}
		}
	}
}

// TestThresholdSweep logs the figures at other thresholds (run with -v);
// it checks only that recall does not rise with the threshold.
func TestThresholdSweep(t *testing.T) {
	if testing.Short() {
		t.Skip("sweep")
	}
	achs, needs := loadCatalogs(t)
	prev := 2.0
	for _, th := range []float64{0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6} {
		a := evaluate(t, "threshold "+ftoa(th)+" achievements", withCopies(achs, 1, 0.2, achievementCopy), Config{Threshold: th, Exact: true})
		n := evaluate(t, "threshold "+ftoa(th)+" needs", withCopies(needs, 1, 0.2, needCopy), Config{Threshold: th, Exact: true})
		r := (a.s.recall() + n.s.recall()) / 2
		require.LessOrEqual(t, r, prev, "threshold %v: recall %v above the lower threshold's %v", th, r, prev)
		prev = r
	}
}

func ftoa(f float64) string { return string(rune('0'+int(f*10))) + string(rune('0'+int(f*100)%10)) }
