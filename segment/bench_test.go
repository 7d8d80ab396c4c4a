package segment

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/yanyiwu/gojieba"
)

// benchCorpus builds ~1 MB of Chinese technical text in need/achievement
// style: lexicon terms, ASCII grades, full-width runs, punctuation.
// Deterministic (fixed seed).
func benchCorpus(tb testing.TB) []string {
	tb.Helper()
	lex, err := EmbeddedLexicon()
	if err != nil {
		tb.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	lead := []string{"本成果针对", "我公司急需解决", "项目围绕", "该技术采用", "团队研发了", "现面向社会征集", "本发明公开了一种基于"}
	mid := []string{"的关键技术，", "制备方法，", "与", "在", "的工艺优化及产业化应用，", "，显著提高了", "的性能与可靠性，", "，降低成本", "；"}
	code := []string{"NCM811", "Ti-6Al-4V", "304不锈钢", "5G", "CO2", "PM2.5", "3D打印", "AZ91D", "7075-T6", "ＧＢ／Ｔ　３０７７", "TRL7"}
	tail := []string{"已完成中试。", "具备批量生产条件。", "欢迎洽谈合作。", "拟以技术许可方式转化。", "适用于汽车及高端装备领域。"}
	var docs []string
	total := 0
	for total < 1<<20 {
		var b strings.Builder
		b.WriteString(pick(lead))
		n := 6 + r.IntN(10)
		for i := 0; i < n; i++ {
			b.WriteString(pick(lex))
			if r.IntN(4) == 0 {
				b.WriteString(pick(code))
			}
			b.WriteString(pick(mid))
		}
		b.WriteString(pick(tail))
		docs = append(docs, b.String())
		total += b.Len()
	}
	return docs
}

func corpusBytes(docs []string) int64 {
	n := 0
	for _, d := range docs {
		n += len(d)
	}
	return int64(n)
}

// BenchmarkTokenize measures Segmenter.Tokenize (ModeSearch) over ~1 MB;
// compare MB/s with BenchmarkRawGojiebaTokenize.
func BenchmarkTokenize(b *testing.B) {
	docs := benchCorpus(b)
	b.SetBytes(corpusBytes(docs))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if _, err := seg.Tokenize(d, ModeSearch); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkAppendTerms is the indexing fast path (no Token structs).
func BenchmarkAppendTerms(b *testing.B) {
	docs := benchCorpus(b)
	b.SetBytes(corpusBytes(docs))
	b.ReportAllocs()
	var dst []string
	for b.Loop() {
		for _, d := range docs {
			var err error
			if dst, err = seg.AppendTerms(dst[:0], d, ModeSearch); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkRawGojiebaTokenize is the baseline: gojieba's own search-mode
// Tokenize on the same documents, same jieba instance, no normalisation.
func BenchmarkRawGojiebaTokenize(b *testing.B) {
	docs := benchCorpus(b)
	b.SetBytes(corpusBytes(docs))
	b.ReportAllocs()
	jb := seg.jb
	for b.Loop() {
		for _, d := range docs {
			_ = jb.Tokenize(d, gojieba.SearchMode, true)
		}
	}
	b.ReportMetric(float64(len(docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkBigram measures ModeBigram (no jieba).
func BenchmarkBigram(b *testing.B) {
	docs := benchCorpus(b)
	b.SetBytes(corpusBytes(docs))
	b.ReportAllocs()
	var dst []string
	for b.Loop() {
		for _, d := range docs {
			dst, _ = seg.AppendTerms(dst[:0], d, ModeBigram)
		}
	}
}

// BenchmarkTokenizeVsRaw interleaves Segmenter.Tokenize (ModeSearch) and
// raw gojieba search-mode Tokenize document by document, so that CPU
// contention hits both alike, and reports speed_ratio = raw time / our
// time (1.0 = as fast as raw gojieba; the target is ≥ 0.85).
func BenchmarkTokenizeVsRaw(b *testing.B) {
	docs := benchCorpus(b)
	b.SetBytes(2 * corpusBytes(docs))
	jb := seg.jb
	var ours, raw time.Duration
	for b.Loop() {
		for i, d := range docs {
			// Alternate which goes first to cancel cache effects.
			if i%2 == 0 {
				t0 := time.Now()
				_ = jb.Tokenize(d, gojieba.SearchMode, true)
				t1 := time.Now()
				if _, err := seg.Tokenize(d, ModeSearch); err != nil {
					b.Fatal(err)
				}
				raw += t1.Sub(t0)
				ours += time.Since(t1)
			} else {
				t0 := time.Now()
				if _, err := seg.Tokenize(d, ModeSearch); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				_ = jb.Tokenize(d, gojieba.SearchMode, true)
				ours += t1.Sub(t0)
				raw += time.Since(t1)
			}
		}
	}
	b.ReportMetric(float64(raw)/float64(ours), "speed_ratio")
	b.ReportMetric(float64(corpusBytes(docs))*float64(b.N)/ours.Seconds()/1e6, "ours_MB/s")
	b.ReportMetric(float64(corpusBytes(docs))*float64(b.N)/raw.Seconds()/1e6, "raw_MB/s")
}
