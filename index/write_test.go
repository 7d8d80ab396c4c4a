package index

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

func TestAddValidates(t *testing.T) {
	ctx := context.Background()
	good1 := techmatch.Achievement{ID: "ok1", Title: "激光切割"}
	good2 := techmatch.Achievement{ID: "ok2", Title: "纳米涂层"}
	tests := []struct {
		name string
		rec  techmatch.Achievement
		kind error // nil: rejected exactly when the record's own Validate rejects it
	}{
		{name: "maturity 42", rec: techmatch.Achievement{ID: "m42", Title: "电池", Maturity: 42}, kind: techmatch.ErrOutOfRange},
		{name: "no text", rec: techmatch.Achievement{ID: "empty", Title: " ", Keywords: []string{"焊接"}}, kind: techmatch.ErrNoText},
		{name: "invalid UTF-8 id", rec: techmatch.Achievement{ID: "a\xff\xfe", Title: "电池"}, kind: techmatch.ErrInvalidUTF8},
		{name: "invalid UTF-8 text", rec: techmatch.Achievement{ID: "u", Title: "电池\xff"}, kind: techmatch.ErrInvalidUTF8},
		{name: "negative price", rec: techmatch.Achievement{ID: "p", Title: "电池", Price: -1}, kind: techmatch.ErrNegative},
		{name: "NaN price", rec: techmatch.Achievement{ID: "nan", Title: "电池", Price: math.NaN()}, kind: techmatch.ErrBadNumber},
		{name: "unknown transfer mode", rec: techmatch.Achievement{ID: "tm", Title: "电池", TransferModes: []techmatch.TransferMode{"lease"}}, kind: techmatch.ErrUnknownValue},
		{name: "blank id", rec: techmatch.Achievement{ID: "  ", Title: "电池"}, kind: techmatch.ErrMissingID},
		// The id rules (printable, ≤ 256 bytes) live in Validate: Add
		// agrees with it, whatever it says.
		{name: "id with ESC", rec: techmatch.Achievement{ID: "a\x1b[31mred", Title: "电池"}},
		{name: "id of 300 bytes", rec: techmatch.Achievement{ID: strings.Repeat("x", 300), Title: "电池"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			norm := tt.rec
			norm.Normalize()
			wantReject := tt.kind != nil || norm.Validate() != nil
			if tt.kind != nil {
				require.ErrorIs(t, norm.Validate(), tt.kind, "test case: Validate must reject it")
			}
			ix := newTestIndex(t, "")
			err := ix.Add(ctx, good1, tt.rec, good2)
			for _, id := range []string{"ok1", "ok2"} {
				_, ok := ix.Get(id)
				assert.True(t, ok, "good record %s kept", id)
			}
			_, stored := ix.Get(norm.ID)
			if !wantReject {
				require.NoError(t, err)
				assert.True(t, stored, "Get(%q)", norm.ID)
				assert.Equal(t, 3, ix.Len())
				return
			}
			require.Error(t, err)
			if tt.kind != nil {
				assert.ErrorIs(t, err, tt.kind)
			}
			assert.Contains(t, err.Error(), fmt.Sprintf("index: add: record 1 (id %q): ", norm.ID), "position and id in %v", err)
			assert.False(t, stored, "bad record stored")
			assert.Equal(t, 2, ix.Len())

			// Sync applies the same door.
			rep, err := ix.Sync(ctx, []techmatch.Achievement{good1, tt.rec})
			require.Error(t, err)
			if tt.kind != nil {
				assert.ErrorIs(t, err, tt.kind)
			}
			assert.Contains(t, err.Error(), fmt.Sprintf("index: sync: record 1 (id %q): ", norm.ID), "got %v", err)
			assert.Equal(t, SyncReport{Unchanged: 1, Deleted: 1, Skipped: 1}, rep)
		})
	}
}

func TestAddNormalizesACopy(t *testing.T) {
	ctx := context.Background()
	ix := newTestIndex(t, "")
	in := []techmatch.Achievement{{
		ID: " A1 ", Title: " 动力电池热管理 ", Keywords: []string{" 液冷 ", "液冷", ""},
		Industries: []techmatch.Industry{"汽车", "auto", "新材料"}, TransferModes: []techmatch.TransferMode{"许可"}, OwnerType: "高校",
	}}
	inds := in[0].Industries
	require.NoError(t, ix.Add(ctx, in...))
	got, ok := ix.Get("A1")
	require.True(t, ok, "stored under the trimmed id")
	want := techmatch.Achievement{
		ID: "A1", Title: "动力电池热管理", Keywords: []string{"液冷"},
		Industries: []techmatch.Industry{techmatch.Auto, techmatch.Materials}, TransferModes: []techmatch.TransferMode{techmatch.License}, OwnerType: techmatch.University,
	}
	assert.Equal(t, want, got)
	assert.Equal(t, " A1 ", in[0].ID, "the caller's record is not modified")
	assert.Equal(t, []techmatch.Industry{"汽车", "auto", "新材料"}, inds, "the caller's slices are not modified")
	hits, err := ix.Search(ctx, Query{Top: 5, Industries: []techmatch.Industry{techmatch.Materials}, Terms: []QueryTerm{{Term: "电池", Weight: 1}}})
	require.NoError(t, err)
	require.Len(t, hits, 1, "the Chinese industry name is filtered as its code")
}

// plainRec has no Normalize, Validate or SetInferredIndustries: only nil
// records and empty ids are refused.
type plainRec struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

func (p plainRec) RecordID() string                       { return p.ID }
func (p plainRec) Text() (string, string, []string)       { return p.Title, "", nil }
func (p plainRec) RecordIndustries() []techmatch.Industry { return nil }

// strictRec normalises its id to lower case and refuses control
// characters in it.
type strictRec struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

func (p strictRec) RecordID() string                       { return p.ID }
func (p strictRec) Text() (string, string, []string)       { return p.Title, "", nil }
func (p strictRec) RecordIndustries() []techmatch.Industry { return nil }
func (p *strictRec) Normalize()                            { p.ID = strings.ToLower(p.ID) }

var errControl = errors.New("control character in id")

func (p strictRec) Validate() error {
	if strings.ContainsFunc(p.ID, func(r rune) bool { return r < 0x20 }) {
		return fmt.Errorf("id %q: %w", p.ID, errControl)
	}
	return nil
}

func TestAddDoorByMethodSet(t *testing.T) {
	ctx := context.Background()
	strict, err := New[strictRec](ctx, Config{Segmenter: testSeg, CoreOnly: true})
	require.NoError(t, err)
	err = strict.Add(ctx, strictRec{ID: "AB", Title: "激光"}, strictRec{ID: "E\x1b", Title: "激光"})
	require.ErrorIs(t, err, errControl, "Validate of R is applied")
	assert.Contains(t, err.Error(), `record 1 (id "e\x1b")`, "normalised id, quoted")
	_, ok := strict.Get("ab")
	assert.True(t, ok, "Normalize of *R is applied before storing")
	assert.Equal(t, 1, strict.Len())

	plain, err := New[plainRec](ctx, Config{Segmenter: testSeg, CoreOnly: true})
	require.NoError(t, err)
	require.NoError(t, plain.Add(ctx, plainRec{ID: "E\x1b", Title: "激光"}), "no Validate: only the index's own checks")
	err = plain.Add(ctx, plainRec{Title: "激光"})
	assert.ErrorContains(t, err, "record 0: empty id")
	_, err = plain.SetLabeler(ctx, func(techmatch.Record) []techmatch.Industry { return nil })
	assert.ErrorContains(t, err, "no SetInferredIndustries method")

	ptr, err := New[*techmatch.Achievement](ctx, Config{Segmenter: testSeg, CoreOnly: true})
	require.NoError(t, err)
	err = ptr.Add(ctx, nil, &techmatch.Achievement{ID: "m", Title: "x", Maturity: 42})
	assert.ErrorContains(t, err, "record 0: nil record")
	assert.ErrorIs(t, err, techmatch.ErrOutOfRange, "Validate is in *Achievement's method set")
}

// FuzzAddValidates checks that Add accepts a record exactly when its
// normalised form validates, stores that normalised form, and never
// panics.
func FuzzAddValidates(f *testing.F) {
	f.Add("A1", "激光切割", "用于汽车", "焊接", "汽车", 5, 10.0)
	f.Add(" a\xff ", "", "", "", "", 0, 0.0)
	f.Add("x\x1b", "电池", "", " ", "auto,auto", 42, -1.0)
	f.Add("", "t", "d", "k", "新材料", 9, math.Inf(1))
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, id, title, desc, kw, inds string, maturity int, price float64) {
		a := techmatch.Achievement{ID: id, Title: title, Description: desc, Keywords: strings.Split(kw, ","), Maturity: maturity, Price: price}
		for _, s := range strings.Split(inds, ",") {
			a.Industries = append(a.Industries, techmatch.Industry(s))
		}
		norm := a
		norm.Normalize()
		valid := norm.Validate() == nil && norm.ID != ""
		ix, err := New[techmatch.Achievement](ctx, Config{Segmenter: testSeg, CoreOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		err = ix.Add(ctx, a)
		if valid != (err == nil) {
			t.Fatalf("Add(%+v): got error %v, want valid = %v", a, err, valid)
		}
		got, ok := ix.Get(norm.ID)
		if ok != valid || valid && !assert.ObjectsAreEqual(norm, got) {
			t.Fatalf("Get(%q) = %+v, %v; want %+v, %v", norm.ID, got, ok, norm, valid)
		}
	})
}
