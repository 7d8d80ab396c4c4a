package segment

import (
	"sort"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newTestIndex(t *testing.T) bleve.Index {
	t.Helper()
	m := bleve.NewIndexMapping()
	require.NoError(t, seg.AddAnalyzers(m))
	words := bleve.NewTextFieldMapping()
	words.Analyzer = AnalyzerWords
	words.IncludeTermVectors = true
	bigram := bleve.NewTextFieldMapping()
	bigram.Analyzer = AnalyzerBigrams
	doc := bleve.NewDocumentMapping()
	doc.AddFieldMappingsAt("text", words)
	doc.AddFieldMappingsAt("text_bigram", bigram)
	m.DefaultMapping = doc
	idx, err := bleve.NewMemOnly(m)
	require.NoError(t, err)
	t.Cleanup(func() { idx.Close() })
	docs := map[string]string{
		"a1": "碳纤维增强复合材料汽车车身轻量化技术",
		"a2": "304不锈钢管激光熔覆修复工艺",
		"a3": "单克隆抗体药物的连续流纯化",
		"a4": "Ti-6Al-4V钛合金3D打印骨科植入物",
	}
	for id, text := range docs {
		require.NoError(t, idx.Index(id, map[string]string{"text": text, "text_bigram": text}))
	}
	return idx
}

func TestBleveAnalyzers(t *testing.T) {
	idx := newTestIndex(t)
	tests := []struct {
		field, query string
		want         []string
	}{
		{"text", "复合材料", []string{"a1"}}, // search-mode sub-token
		{"text", "碳纤维增强复合材料", []string{"a1"}},
		{"text", "ＴＩ－６ＡＬ－４Ｖ", []string{"a4"}}, // full-width query
		{"text", "6al", []string{"a4"}},
		{"text", "304", []string{"a2"}},
		{"text", "不锈钢", []string{"a2"}},
		{"text", "3D打印", []string{"a4"}},
		{"text", "抗体", []string{"a3"}},
		{"text", "的", nil}, // stop word
		{"text_bigram", "熔覆", []string{"a2"}},
		{"text_bigram", "纤维", []string{"a1"}},
	}
	for _, tt := range tests {
		q := bleve.NewMatchQuery(tt.query)
		q.SetField(tt.field)
		res, err := idx.Search(bleve.NewSearchRequest(q))
		require.NoError(t, err)
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		sort.Strings(got)
		assert.Equal(t, tt.want, got, "%s:%q: got %v, want %v", tt.field, tt.query, got, tt.want)
	}

	// Phrase over positions: sub-tokens share a position, so the phrase
	// of two precise words matches.
	pq := bleve.NewMatchPhraseQuery("车身轻量化")
	pq.SetField("text")
	res, err := idx.Search(bleve.NewSearchRequest(pq))
	require.NoError(t, err)
	require.Len(t, res.Hits, 1, "phrase 车身轻量化: got %v", res.Hits)
	assert.Equal(t, "a1", res.Hits[0].ID)
}

func TestAddAnalyzersTwiceFails(t *testing.T) {
	m := mapping.NewIndexMapping()
	require.NoError(t, seg.AddAnalyzers(m))
	assert.Error(t, seg.AddAnalyzers(m), "second AddAnalyzers: got nil error")
	assert.Error(t, seg.AddAnalyzers(nil), "nil mapping: got nil error")
}

// TestTokenizerFallsBackToDefault is what happens when an index is
// reopened in a process where the named segmenter does not exist.
func TestTokenizerFallsBackToDefault(t *testing.T) {
	tok, err := newBleveTokenizer(map[string]interface{}{"segmenter": "gone-seg", "mode": "precise"}, registry.NewCache())
	require.NoError(t, err)
	d, err := Default()
	require.NoError(t, err)
	assert.Same(t, d, tok.(*bleveTokenizer).seg, "fallback segmenter")
	ts := tok.Tokenize([]byte("ＮＣＭ８１１正极材料"))
	var got []string
	for _, x := range ts {
		got = append(got, string(x.Term))
	}
	assert.Equal(t, []string{"ncm811", "正极材料"}, got, "terms: got %v", got)
	require.Len(t, ts, 2)
	assert.Equal(t, 0, ts[0].Start)
	assert.Equal(t, 18, ts[0].End, "original-byte end of ＮＣＭ８１１")
	assert.Equal(t, 1, ts[0].Position)

	_, err = newBleveTokenizer(map[string]interface{}{"segmenter": "x", "mode": "nope"}, registry.NewCache())
	assert.Error(t, err, "bad mode: got nil error")
}
