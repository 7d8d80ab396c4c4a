package match

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

// TestMatchRejectsBadQueries checks that Match applies the catalog
// readers' validation to its query and never answers "nothing found" for
// a query it could not read.
func TestMatchRejectsBadQueries(t *testing.T) {
	eng, err := New(context.Background(), newIndex(t, catalog.achs[:60]), Config{})
	require.NoError(t, err)
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		need techmatch.Need
		want error
	}{
		{"no text", techmatch.Need{ID: "N1"}, techmatch.ErrNoText},
		{"blank text", techmatch.Need{ID: "N1", Title: "  ", Description: "\t"}, techmatch.ErrNoText},
		{"only stop words and boilerplate", techmatch.Need{ID: "N1", Title: "的 了 和", Description: "我公司急需，欢迎洽谈！"}, techmatch.ErrNoText},
		{"maturity 42", techmatch.Need{ID: "N1", Title: "碳纤维复合材料", MinMaturity: 42}, techmatch.ErrOutOfRange},
		{"negative budget", techmatch.Need{ID: "N1", Title: "碳纤维复合材料", Budget: -1}, techmatch.ErrNegative},
		{"invalid UTF-8", techmatch.Need{ID: "N1", Title: "碳纤维\xff复合材料"}, techmatch.ErrInvalidUTF8},
		{"no id", techmatch.Need{Title: "碳纤维复合材料"}, techmatch.ErrMissingID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pairs, err := eng.Match(ctx, tc.need, Options{})
			require.Error(t, err)
			assert.Nil(t, pairs)
			assert.ErrorIs(t, err, tc.want)
			var re *RecordError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, tc.need.ID, re.ID)
		})
	}
	// A need in Chinese names (行业 汽车) is normalised, not rejected.
	_, err = eng.Match(ctx, techmatch.Need{ID: "N2", Title: "碳纤维复合材料", Industries: []techmatch.Industry{"汽车"}}, Options{})
	assert.NoError(t, err)
}

func TestOptionsValidate(t *testing.T) {
	for _, tc := range []struct {
		opt  Options
		good bool
	}{
		{Options{}, true},
		{Options{Top: 1, Workers: 1}, true},
		{Options{Top: MaxTop, Workers: MaxWorkers}, true},
		{Options{Top: -1}, false},
		{Options{Top: MaxTop + 1}, false},
		{Options{Workers: -1}, false},
		{Options{Workers: MaxWorkers + 1}, false},
		{Options{Industries: []techmatch.Industry{techmatch.Auto, "energy"}}, true},
		{Options{Industries: []techmatch.Industry{"汽车"}}, false}, // a name, not a code
		{Options{Industries: []techmatch.Industry{"bad code!"}}, false},
	} {
		got := tc.opt.Validate()
		assert.Equal(t, tc.good, got == nil, "%+v: %v", tc.opt, got)
	}
	eng, err := New(context.Background(), newIndex(t, catalog.achs[:10]), Config{})
	require.NoError(t, err)
	_, err = eng.Match(context.Background(), catalog.needs[0], Options{Top: -1})
	assert.Error(t, err)
	_, err = eng.MatchAll(context.Background(), catalog.needs[:2], Options{Workers: -1})
	assert.Error(t, err)
}

// TestBatchSkip checks that a batch stops at an unmatched record by
// default and, with OnSkip, reports it and goes on, every record getting
// exactly one call; the caller's records are not modified.
func TestBatchSkip(t *testing.T) {
	eng, err := New(context.Background(), newIndex(t, catalog.achs[:60]), Config{})
	require.NoError(t, err)
	ctx := context.Background()
	needs := []techmatch.Need{
		catalog.needs[0],
		{ID: "EMPTY", Title: "的了"},
		{ID: "BAD", Title: "碳纤维", MinMaturity: 42},
		{ID: " N-TRIM ", Title: "碳纤维复合材料", Industries: []techmatch.Industry{"汽车"}},
	}
	orig := append([]techmatch.Need(nil), needs...)

	_, err = eng.MatchAll(ctx, needs, Options{Workers: 2})
	require.Error(t, err, "without OnSkip an unmatched need stops the batch")
	assert.ErrorIs(t, err, techmatch.ErrNoText)

	var delivered, skipped []int
	var skipErrs []error
	err = eng.MatchEach(ctx, needs, Options{Workers: 2, OnSkip: func(i int, err error) {
		skipped = append(skipped, i)
		skipErrs = append(skipErrs, err)
	}}, func(i int, _ []techmatch.Pair) error {
		delivered = append(delivered, i)
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, []int{0, 3}, delivered)
	assert.Equal(t, []int{1, 2}, skipped)
	require.Len(t, skipErrs, 2)
	assert.ErrorIs(t, skipErrs[0], techmatch.ErrNoText)
	assert.ErrorIs(t, skipErrs[1], techmatch.ErrOutOfRange)
	var re *RecordError
	require.True(t, errors.As(skipErrs[1], &re))
	assert.Equal(t, 2, re.Index)
	assert.Equal(t, "BAD", re.ID)
	assert.Equal(t, orig, needs, "the batch must not normalise the caller's records")
}
