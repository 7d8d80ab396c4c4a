package gen

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

func newGen(t testing.TB, seed uint64) *Generator {
	t.Helper()
	g, err := New(seed)
	require.NoError(t, err)
	return g
}

func jsonl(t *testing.T, g *Generator, kind Kind, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, g.WriteJSONL(context.Background(), &buf, kind, n))
	return buf.Bytes()
}

func TestDeterminism(t *testing.T) {
	tests := []struct {
		name string
		kind Kind
	}{
		{"achievements", KindAchievements},
		{"needs", KindNeeds},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := jsonl(t, newGen(t, 42), tt.kind, 3000)
			b := jsonl(t, newGen(t, 42), tt.kind, 3000)
			assert.True(t, bytes.Equal(a, b), "same seed: outputs differ (got %d bytes, want identical %d bytes)", len(b), len(a))
			c := jsonl(t, newGen(t, 43), tt.kind, 3000)
			assert.False(t, bytes.Equal(a, c), "seeds 42 and 43: got identical output, want different")
			// A smaller catalog is a prefix of a larger one.
			small := jsonl(t, newGen(t, 42), tt.kind, 1000)
			assert.True(t, bytes.HasPrefix(a, small), "n=1000 output is not a prefix of n=3000 output")
			lines := bytes.Count(a, []byte("\n"))
			assert.Equal(t, 3000, lines, "got %d lines, want 3000", lines)
		})
	}
}

func TestParallelMatchesSequential(t *testing.T) {
	g := newGen(t, 5)
	got, err := g.Achievements(context.Background(), 5000)
	require.NoError(t, err)
	for _, i := range []int{0, 1, 1023, 1024, 2047, 4999} {
		want := g.Achievement(i)
		assert.True(t, reflect.DeepEqual(got[i], want), "record %d: got %+v, want %+v", i, got[i], want)
	}
}

func TestRecordsValidate(t *testing.T) {
	g := newGen(t, 1)
	ctx := context.Background()
	achs, err := g.Achievements(ctx, 5000)
	require.NoError(t, err)
	needs, err := g.Needs(ctx, 5000)
	require.NoError(t, err)
	for _, a := range achs {
		b := a
		b.Normalize()
		require.True(t, reflect.DeepEqual(a, b), "%s: Normalize changed the record: got %+v, want %+v", a.ID, b, a)
		require.NoError(t, a.Validate(), "%s", a.ID)
		assert.NotEmpty(t, a.Owner, "%s owner", a.ID)
		assert.NotEmpty(t, a.OwnerType, "%s owner_type", a.ID)
		assert.NotEmpty(t, a.Region, "%s region", a.ID)
		assert.NotEmpty(t, a.Date, "%s date", a.ID)
		assert.NotEmpty(t, a.TransferModes, "%s transfer_modes", a.ID)
		assert.True(t, a.Maturity >= 1 && a.Maturity <= 9, "%s maturity: got %d, want 1–9", a.ID, a.Maturity)
	}
	for _, n := range needs {
		m := n
		m.Normalize()
		require.True(t, reflect.DeepEqual(n, m), "%s: Normalize changed the record: got %+v, want %+v", n.ID, m, n)
		require.NoError(t, n.Validate(), "%s", n.ID)
		assert.NotEmpty(t, n.Org, "%s org", n.ID)
		assert.NotEmpty(t, n.OrgType, "%s org_type", n.ID)
		assert.NotEmpty(t, n.Region, "%s region", n.ID)
		assert.NotEmpty(t, n.TransferModes, "%s transfer_modes", n.ID)
	}
}

func TestJSONLReadBack(t *testing.T) {
	g := newGen(t, 3)
	ctx := context.Background()
	for _, kind := range []Kind{KindAchievements, KindNeeds} {
		t.Run(string(kind), func(t *testing.T) {
			data := jsonl(t, g, kind, 2000)
			var gotN int
			var probs []techmatch.Problem
			var err error
			if kind == KindAchievements {
				var recs []techmatch.Achievement
				recs, probs, err = techmatch.ReadAchievements(ctx, bytes.NewReader(data), "a.jsonl", techmatch.ReadOptions{})
				gotN = len(recs)
				if err == nil {
					want, _ := g.Achievements(ctx, 2000)
					assert.True(t, reflect.DeepEqual(recs, want), "read back records differ from generated")
				}
			} else {
				var recs []techmatch.Need
				recs, probs, err = techmatch.ReadNeeds(ctx, bytes.NewReader(data), "n.jsonl", techmatch.ReadOptions{})
				gotN = len(recs)
				if err == nil {
					want, _ := g.Needs(ctx, 2000)
					assert.True(t, reflect.DeepEqual(recs, want), "read back records differ from generated")
				}
			}
			require.NoError(t, err)
			assert.Empty(t, probs, "problems")
			assert.Equal(t, 2000, gotN, "got %d records, want 2000", gotN)
		})
	}
}

func TestIndustryMix(t *testing.T) {
	g := newGen(t, 9)
	const n = 20000
	achs, err := g.Achievements(context.Background(), n)
	require.NoError(t, err)
	count := map[techmatch.Industry]int{}
	second := 0
	for _, a := range achs {
		count[a.Industries[0]]++
		if len(a.Industries) > 1 {
			second++
			assert.NotEqual(t, a.Industries[0], a.Industries[1], "%s: duplicate industry", a.ID)
		}
	}
	for ind, want := range IndustryMix() {
		got := float64(count[ind]) / n
		assert.InDelta(t, want, got, 0.015, "industry %s share: got %.3f, want %.3f", ind, got, want)
	}
	gotSecond := float64(second) / n
	assert.InDelta(t, 1.0/3, gotSecond, 0.02, "share with a second industry: got %.3f, want 1/3", gotSecond)
	key := 0
	for _, ind := range techmatch.KeyIndustries {
		key += count[ind]
	}
	assert.Greater(t, float64(key)/n, 0.65, "key industries share: got %.3f, want > 0.65", float64(key)/n)
}

func TestLengthDistribution(t *testing.T) {
	g := newGen(t, 11)
	ctx := context.Background()
	achs, err := g.Achievements(ctx, 5000)
	require.NoError(t, err)
	needs, err := g.Needs(ctx, 5000)
	require.NoError(t, err)
	type lens struct{ title, desc, kw []int }
	var al, nl lens
	for _, a := range achs {
		al.title = append(al.title, utf8.RuneCountInString(a.Title))
		al.desc = append(al.desc, utf8.RuneCountInString(a.Description))
		al.kw = append(al.kw, len(a.Keywords))
	}
	for _, n := range needs {
		nl.title = append(nl.title, utf8.RuneCountInString(n.Title))
		nl.desc = append(nl.desc, utf8.RuneCountInString(n.Description))
		nl.kw = append(nl.kw, len(n.Keywords))
	}
	tests := []struct {
		name             string
		vals             []int
		lo, hi           int
		medLo, medHi     int
		minDistinctCount int
	}{
		{"achievement title", al.title, MinTitle, MaxTitle, 14, 24, 10},
		{"achievement description", al.desc, MinDescription, MaxDescription, 120, 230, 100},
		{"achievement keywords", al.kw, MinKeywords, MaxKeywords, 4, 5, 4},
		{"need title", nl.title, MinTitle, MaxTitle, 12, 24, 10},
		{"need description", nl.desc, MinDescription, MaxDescription, 120, 230, 100},
		{"need keywords", nl.kw, MinKeywords, MaxKeywords, 4, 5, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := slices.Clone(tt.vals)
			slices.Sort(s)
			assert.GreaterOrEqual(t, s[0], tt.lo, "min: got %d, want ≥ %d", s[0], tt.lo)
			assert.LessOrEqual(t, s[len(s)-1], tt.hi, "max: got %d, want ≤ %d", s[len(s)-1], tt.hi)
			med := s[len(s)/2]
			assert.True(t, med >= tt.medLo && med <= tt.medHi, "median: got %d, want %d–%d", med, tt.medLo, tt.medHi)
			distinct := len(slices.Compact(s))
			assert.GreaterOrEqual(t, distinct, tt.minDistinctCount, "distinct lengths: got %d, want ≥ %d (a spread, not a constant)", distinct, tt.minDistinctCount)
		})
	}
}

func TestZipfFrequencies(t *testing.T) {
	g := newGen(t, 2)
	achs, err := g.Achievements(context.Background(), 20000)
	require.NoError(t, err)
	freq := map[string]int{}
	total := 0
	for _, a := range achs {
		if a.Industries[0] != techmatch.Auto {
			continue
		}
		for _, k := range a.Keywords {
			freq[k]++
			total++
		}
	}
	counts := make([]int, 0, len(freq))
	for _, c := range freq {
		counts = append(counts, c)
	}
	slices.Sort(counts)
	slices.Reverse(counts)
	head := float64(counts[0]) / float64(total)
	assert.True(t, head > 0.02 && head < 0.2, "top keyword share: got %.3f, want 0.02–0.2 (Zipf head)", head)
	assert.Greater(t, counts[0], 10*counts[len(counts)/2], "top count %d vs median %d: want a long tail", counts[0], counts[len(counts)/2])
	assert.Greater(t, len(freq), 300, "distinct auto keywords: got %d, want > 300", len(freq))
}

func TestVocabularyFromRepository(t *testing.T) {
	v, err := NewVocabulary(1)
	require.NoError(t, err)
	for _, ind := range Industries {
		assert.GreaterOrEqual(t, len(v.Terms[ind]), 100, "industry %s: got %d terms, want ≥ 100", ind, len(v.Terms[ind]))
	}
	// Known knowledge-base terms land in their industry.
	for _, c := range []struct {
		ind  techmatch.Industry
		term string
	}{
		{techmatch.Auto, "涡轮增压器"},
		{techmatch.Materials, "碳纤维增强复合材料"},
		{techmatch.Biomed, "单克隆抗体"},
	} {
		assert.True(t, slices.Contains(v.Terms[c.ind], c.term), "term %s: got missing from %s, want present", c.term, c.ind)
	}
}

func TestBadInput(t *testing.T) {
	g := newGen(t, 1)
	ctx := context.Background()
	tests := []struct {
		name string
		run  func() error
	}{
		{"negative n", func() error { _, err := g.Achievements(ctx, -1); return err }},
		{"negative n jsonl", func() error { return g.WriteJSONL(ctx, &bytes.Buffer{}, KindNeeds, -5) }},
		{"bad kind", func() error { return g.WriteJSONL(ctx, &bytes.Buffer{}, Kind("patents"), 5) }},
		{"nil vocabulary", func() error { _, err := NewWithVocabulary(1, nil); return err }},
		{"empty vocabulary", func() error { _, err := NewWithVocabulary(1, &Vocabulary{}); return err }},
		{"cancelled", func() error {
			c, cancel := context.WithCancel(ctx)
			cancel()
			_, err := g.Needs(c, 10)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			assert.Error(t, err, "got nil error, want one")
		})
	}
	_, err := ParseKind("x")
	assert.Error(t, err)
	k, err := ParseKind(" Needs ")
	require.NoError(t, err)
	assert.Equal(t, KindNeeds, k, "got %s, want needs", k)
}

func ExampleGenerator_Achievement() {
	g, err := New(1)
	if err != nil {
		fmt.Println(err)
		return
	}
	a := g.Achievement(0)
	fmt.Println(a.ID, a.Validate() == nil, len(a.Keywords) >= MinKeywords)
	// Output: A0000001 true true
}
