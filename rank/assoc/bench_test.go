package assoc

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
)

// synthCorpus generates n documents of about termsPerDoc terms with topic
// structure resembling a technology catalog: 400 topics of 120 terms each
// (a document draws ~60% of its terms from two topics, Zipf-skewed inside
// the topic) plus a Zipf background vocabulary of 20 000 terms. Weights are
// small term frequencies. Deterministic in seed.
func synthCorpus(n, termsPerDoc int, seed uint64) []Doc {
	const topics, perTopic, background = 400, 120, 20000
	rng := rand.New(rand.NewPCG(seed, 7))
	topicZipf := rand.NewZipf(rng, 1.1, 4, perTopic-1)
	bgZipf := rand.NewZipf(rng, 1.05, 2, background-1)
	docs := make([]Doc, n)
	for i := range docs {
		t1, t2 := rng.IntN(topics), rng.IntN(topics)
		d := make(Doc, 0, termsPerDoc)
		for j := range termsPerDoc {
			var text string
			switch r := rng.Float64(); {
			case r < 0.4:
				text = "t" + strconv.Itoa(t1) + "_" + strconv.Itoa(int(topicZipf.Uint64()))
			case r < 0.6:
				text = "t" + strconv.Itoa(t2) + "_" + strconv.Itoa(int(topicZipf.Uint64()))
			default:
				text = "b" + strconv.Itoa(int(bgZipf.Uint64()))
			}
			d = append(d, Term{Text: text, Weight: float64(1 + j%3)})
		}
		docs[i] = d
	}
	return docs
}

// BenchmarkBuild measures Build on synthCorpus (80 terms per document).
// Sizes beyond 10 000 run when ASSOC_BENCH_LARGE is set.
func BenchmarkBuild(b *testing.B) {
	sizes := []int{1000, 10000}
	if os.Getenv("ASSOC_BENCH_LARGE") != "" {
		sizes = append(sizes, 50000)
	}
	for _, method := range []string{MethodNPMI, MethodSVD} {
		for _, n := range sizes {
			docs := synthCorpus(n, 80, 1)
			b.Run(fmt.Sprintf("method=%s/n=%d", method, n), func(b *testing.B) {
				b.ReportAllocs()
				var m *Model
				for b.Loop() {
					var err error
					if m, err = Build(context.Background(), docs, Config{Method: method, Seed: 1}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
				b.ReportMetric(float64(m.Stats().Terms), "terms")
				b.ReportMetric(float64(m.Stats().Pairs), "pairs")
			})
		}
	}
}
