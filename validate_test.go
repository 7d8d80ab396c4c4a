package techmatch

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAchievementNormalize(t *testing.T) {
	tests := []struct {
		name string
		in   Achievement
		want Achievement
	}{
		{
			name: "trims, canonicalises and dedupes",
			in: Achievement{ID: " A1 ", Title: " 标题 ", Owner: " 吉大 ", Keywords: []string{" 钢 ", "", "钢", "铝"},
				Industries: []Industry{"汽车", "auto", " 新材料", "Robotics", "未知行业"}, OwnerType: "高校",
				TransferModes: []TransferMode{"转让", "assign", "许可"}},
			want: Achievement{ID: "A1", Title: "标题", Owner: "吉大", Keywords: []string{"钢", "铝"},
				Industries: []Industry{Auto, Materials, "robotics", "未知行业"}, OwnerType: University,
				TransferModes: []TransferMode{Assign, License}},
		},
		{
			name: "only empty keywords become nil",
			in:   Achievement{ID: "A", Title: "t", Keywords: []string{" ", ""}},
			want: Achievement{ID: "A", Title: "t"},
		},
		{
			name: "unknown owner type is kept for Validate",
			in:   Achievement{ID: "A", Title: "t", OwnerType: " 外星 "},
			want: Achievement{ID: "A", Title: "t", OwnerType: "外星"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.in
			got.Normalize()
			assert.Equal(t, tt.want, got, "got %+v, want %+v", got, tt.want)
			again := got
			again.Normalize()
			assert.Equal(t, got, again, "Normalize is not idempotent: got %+v, want %+v", again, got)
		})
	}
	// Canonical lists are kept, not copied.
	kw := []string{"a", "b"}
	a := Achievement{Keywords: kw}
	a.Normalize()
	assert.Same(t, &kw[0], &a.Keywords[0], "canonical keywords were copied")
}

func TestNeedNormalize(t *testing.T) {
	n := Need{ID: " N ", Org: " 一汽 ", OrgType: "龙头企业", Industries: []Industry{"医疗器械", "生物医药"}}
	n.Normalize()
	want := Need{ID: "N", Org: "一汽", OrgType: Leading, Industries: []Industry{Biomed}}
	assert.Equal(t, want, n, "got %+v, want %+v", n, want)
}

func TestValidate(t *testing.T) {
	type fieldKind struct {
		field string
		kind  error
	}
	tests := []struct {
		name string
		rec  interface{ Validate() error }
		want []fieldKind
	}{
		{name: "valid achievement", rec: Achievement{ID: "A", Title: "t", Maturity: 9, Price: 0, OwnerType: Enterprise}},
		{name: "valid need", rec: Need{ID: "N", Description: "d", MinMaturity: 1, Budget: 5, OrgType: Hospital}},
		{name: "missing id and text", rec: Achievement{}, want: []fieldKind{{"id", ErrMissingID}, {"title", ErrNoText}}},
		{name: "maturity", rec: Achievement{ID: "A", Title: "t", Maturity: 10}, want: []fieldKind{{"maturity", ErrOutOfRange}}},
		{name: "negative maturity", rec: Need{ID: "N", Title: "t", MinMaturity: -1}, want: []fieldKind{{"min_maturity", ErrOutOfRange}}},
		{name: "negative price", rec: Achievement{ID: "A", Title: "t", Price: -0.5}, want: []fieldKind{{"price", ErrNegative}}},
		{name: "NaN budget", rec: Need{ID: "N", Title: "t", Budget: math.NaN()}, want: []fieldKind{{"budget", ErrBadNumber}}},
		{name: "infinite price", rec: Achievement{ID: "A", Title: "t", Price: math.Inf(1)}, want: []fieldKind{{"price", ErrBadNumber}}},
		{name: "Chinese names need Normalize", rec: Achievement{ID: "A", Title: "t", OwnerType: "高校", Industries: []Industry{"汽车"}, TransferModes: []TransferMode{"转让"}},
			want: []fieldKind{{"industries", ErrUnknownValue}, {"transfer_modes", ErrUnknownValue}, {"owner_type", ErrUnknownValue}}},
		{name: "unknown org type", rec: Need{ID: "N", Title: "t", OrgType: "x"}, want: []fieldKind{{"org_type", ErrUnknownValue}}},
		{name: "invalid UTF-8", rec: Need{ID: "N", Title: "t\xff", Keywords: []string{"ok", "\xfe"}}, want: []fieldKind{{"title", ErrInvalidUTF8}, {"keywords", ErrInvalidUTF8}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.rec.Validate()
			if len(tt.want) == 0 {
				assert.NoError(t, err, "got %v, want nil", err)
				return
			}
			require.Error(t, err, "got nil, want %v", tt.want)
			joined, ok := err.(interface{ Unwrap() []error })
			require.True(t, ok, "got %T, want a joined error", err)
			errs := joined.Unwrap()
			require.Len(t, errs, len(tt.want), "got %v, want %v", errs, tt.want)
			for i, w := range tt.want {
				var p Problem
				require.True(t, errors.As(errs[i], &p), "error %d: got %T, want Problem", i, errs[i])
				assert.Equal(t, w.field, p.Field, "error %d field: got %q, want %q", i, p.Field, w.field)
				assert.ErrorIs(t, p, w.kind, "error %d: got %v, want kind %v", i, p, w.kind)
			}
		})
	}
}
