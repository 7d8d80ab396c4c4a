package assign

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSolveCases(t *testing.T) {
	for _, tc := range []struct {
		name      string
		pairs     []Pair
		caps      Caps
		chosen    []PairKey
		displaced map[PairKey]Reason
	}{
		{
			name:      "achievement cap displaces the weaker need",
			pairs:     []Pair{{"N1", "A1", "", 0.9}, {"N2", "A1", "", 0.8}, {"N2", "A2", "", 0.5}},
			caps:      Caps{PerNeed: 1, PerAchievement: 1},
			chosen:    []PairKey{{"N1", "A1"}, {"N2", "A2"}},
			displaced: map[PairKey]Reason{{"N2", "A1"}: ReasonAchievementFull},
		},
		{
			name:      "optimum beats greedy",
			pairs:     []Pair{{"N1", "A1", "", 0.9}, {"N1", "A2", "", 0.8}, {"N2", "A1", "", 0.85}},
			caps:      Caps{PerNeed: 1, PerAchievement: 1},
			chosen:    []PairKey{{"N1", "A2"}, {"N2", "A1"}},
			displaced: map[PairKey]Reason{{"N1", "A1"}: ReasonAchievementFull},
		},
		{
			name:      "owner cap",
			pairs:     []Pair{{"N1", "A1", "U", 0.9}, {"N2", "A2", "U", 0.8}, {"N2", "A3", "V", 0.3}},
			caps:      Caps{PerNeed: 1, PerOwner: 1},
			chosen:    []PairKey{{"N1", "A1"}, {"N2", "A3"}},
			displaced: map[PairKey]Reason{{"N2", "A2"}: ReasonOwnerFull},
		},
		{
			name:      "need cap",
			pairs:     []Pair{{"N1", "A1", "U", 0.9}, {"N1", "A2", "U", 0.5}},
			caps:      Caps{PerNeed: 1},
			chosen:    []PairKey{{"N1", "A1"}},
			displaced: map[PairKey]Reason{{"N1", "A2"}: ReasonNeedFull},
		},
		{
			name:      "ownerless achievement takes the smaller of its caps",
			pairs:     []Pair{{"N1", "A1", "", 0.9}, {"N2", "A1", "", 0.8}},
			caps:      Caps{PerAchievement: 5, PerOwner: 1},
			chosen:    []PairKey{{"N1", "A1"}},
			displaced: map[PairKey]Reason{{"N2", "A1"}: ReasonAchievementFull},
		},
		{
			name:      "scores not positive are never chosen",
			pairs:     []Pair{{"N1", "A1", "", 0}, {"N1", "A2", "", -1}, {"N1", "A3", "", 1e-10}},
			caps:      Caps{},
			displaced: map[PairKey]Reason{{"N1", "A1"}: ReasonNotPositive, {"N1", "A2"}: ReasonNotPositive, {"N1", "A3"}: ReasonNotPositive},
		},
		{
			name:      "tie goes to the smaller need id",
			pairs:     []Pair{{"N2", "A1", "", 0.5}, {"N1", "A1", "", 0.5}},
			caps:      Caps{PerAchievement: 1},
			chosen:    []PairKey{{"N1", "A1"}},
			displaced: map[PairKey]Reason{{"N2", "A1"}: ReasonAchievementFull},
		},
		{
			name:      "tie goes to the smaller achievement id",
			pairs:     []Pair{{"N1", "A2", "", 0.5}, {"N1", "A1", "", 0.5}},
			caps:      Caps{PerNeed: 1},
			chosen:    []PairKey{{"N1", "A1"}},
			displaced: map[PairKey]Reason{{"N1", "A2"}: ReasonNeedFull},
		},
		{name: "empty input", caps: Caps{PerNeed: 3}, displaced: map[PairKey]Reason{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Solve(context.Background(), tc.pairs, tc.caps)
			require.NoError(t, err)
			checkResult(t, tc.pairs, tc.caps, got)
			var keys []PairKey
			for _, p := range got.Chosen {
				keys = append(keys, p.Key())
			}
			require.Equal(t, tc.chosen, keys, "chosen: got %v, want %v", keys, tc.chosen)
			require.Equal(t, tc.displaced, got.Displaced, "displaced: got %v, want %v", got.Displaced, tc.displaced)
		})
	}
}

func TestSolveErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		pairs []Pair
		caps  Caps
		want  error
		index int // -1: not a *PairError
	}{
		{"negative cap", nil, Caps{PerOwner: -1}, ErrInvalidCaps, -1},
		{"empty need", []Pair{{"N1", "A1", "", 1}, {"", "A1", "", 1}}, Caps{}, ErrEmptyID, 1},
		{"empty achievement", []Pair{{"N1", "", "", 1}}, Caps{}, ErrEmptyID, 0},
		{"NaN", []Pair{{"N1", "A1", "", math.NaN()}}, Caps{}, ErrBadScore, 0},
		{"Inf", []Pair{{"N1", "A1", "", math.Inf(-1)}}, Caps{}, ErrBadScore, 0},
		{"duplicate", []Pair{{"N1", "A1", "", 1}, {"N2", "A1", "", 1}, {"N1", "A1", "", 2}}, Caps{}, ErrDuplicatePair, 2},
		{"two owners", []Pair{{"N1", "A1", "U", 1}, {"N2", "A1", "V", 1}}, Caps{}, ErrOwnerConflict, 1},
		{"owner and none", []Pair{{"N1", "A1", "U", 1}, {"N2", "A1", "", 1}}, Caps{}, ErrOwnerConflict, 1},
		{"total too large", []Pair{{"N1", "A1", "", 6e7}, {"N2", "A1", "", 6e7}}, Caps{}, ErrTooLarge, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Solve(context.Background(), tc.pairs, tc.caps)
			require.ErrorIs(t, err, tc.want, "got %v, want %v", err, tc.want)
			var pe *PairError
			if tc.index < 0 {
				require.False(t, errors.As(err, &pe), "got a *PairError %v, want another error", err)
				return
			}
			require.ErrorAs(t, err, &pe)
			require.Equal(t, tc.index, pe.Index, "index: got %d, want %d (%v)", pe.Index, tc.index, err)
			require.Contains(t, err.Error(), fmt.Sprintf("pair %d (need %q", tc.index, tc.pairs[tc.index].Need))
		})
	}
}

func TestSolveContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Solve(ctx, []Pair{{"N1", "A1", "", 1}}, Caps{})
	require.ErrorIs(t, err, context.Canceled)
}

func TestReasonText(t *testing.T) {
	for _, tc := range []struct {
		r          Reason
		code, text string
	}{
		{ReasonNotPositive, "not_positive", "匹配分数过低"},
		{ReasonAchievementFull, "achievement_full", "该成果本季对接名额已满"},
		{ReasonOwnerFull, "owner_full", "该单位本季对接名额已满"},
		{ReasonNeedFull, "need_full", "需求已有更合适的推荐"},
		{Reason(0), "Reason(0)", "Reason(0)"},
		{Reason(9), "Reason(9)", "Reason(9)"},
	} {
		require.Equal(t, tc.code, tc.r.String(), "String of %d", int(tc.r))
		require.Equal(t, tc.text, tc.r.Text(), "Text of %d", int(tc.r))
	}
}

// FuzzSolve decodes the input into a tiny instance (each 3 bytes a pair:
// need, achievement with its owner, score level; the first 3 bytes the
// caps) and checks Solve against exhaustive search.
func FuzzSolve(f *testing.F) {
	f.Add([]byte{1, 1, 2, 0, 0, 5, 1, 0, 4, 0, 1, 3})
	f.Add([]byte{0, 0, 0, 0, 0, 1, 0, 0, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 3 {
			return
		}
		caps := Caps{PerNeed: int(data[0] % 4), PerAchievement: int(data[1] % 4), PerOwner: int(data[2] % 4)}
		seen := map[PairKey]bool{}
		var pairs []Pair
		for b := data[3:]; len(b) >= 3 && len(pairs) < 12; b = b[3:] {
			a := int(b[1] % 6)
			owner := ""
			if a%3 != 0 {
				owner = fmt.Sprintf("O%d", a%2)
			}
			p := Pair{Need: fmt.Sprintf("N%d", b[0]%4), Achievement: fmt.Sprintf("A%d", a), Owner: owner,
				Score: float64(int(b[2]%8)-1) / 4}
			if !seen[p.Key()] {
				seen[p.Key()] = true
				pairs = append(pairs, p)
			}
		}
		got, err := Solve(context.Background(), pairs, caps)
		require.NoError(t, err)
		checkResult(t, pairs, caps, got)
		gotTotal, gotPrio := unitsOf(pairs, got)
		wantTotal, wantPrio := exhaustive(pairs, caps)
		require.Equal(t, wantTotal, gotTotal, "rounded total (%+v, %v)", caps, pairs)
		require.Equal(t, wantPrio, gotPrio, "tie priority (%+v, %v)", caps, pairs)
	})
}
