package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/techmatch/techmatch"
)

// Synthetic Chinese catalog for benchmarks: titles and descriptions
// composed from domain phrases, Zipf-skewed.
var (
	benchPrefix  = strings.Fields("高性能 新型 智能 低成本 高精度 绿色 高效 轻量化 可降解 高强度 耐高温 柔性 便携式 自动化 微型 大功率")
	benchObjects = strings.Fields("锂离子电池 固态电解质 正极材料 电机控制器 轮毂电机 制动系统 车身结构件 激光焊接 数控机床 工业机器人 减速器 轴承 液压系统 增材制造 传感器 视觉检测 单克隆抗体 疫苗佐剂 基因测序 医用导管 骨科植入物 诊断试剂 缓释制剂 中药提取 石墨烯 碳纤维 复合材料 钛合金 陶瓷涂层 高分子膜 纳米材料 稀土永磁 铝合金 特种钢 聚氨酯 光纤 芯片封装 储能系统 燃料电池 氢能")
	benchSuffix  = strings.Fields("制备方法 系统 装置 关键技术 工艺 平台 及其应用 检测方法 优化设计 产业化")
	benchVerbs   = strings.Fields("提高 降低 解决 实现 优化 改善 突破 替代 缩短 延长")
	benchProps   = strings.Fields("能量密度 循环寿命 加工精度 生产效率 制造成本 安全性 稳定性 可靠性 灵敏度 生物相容性 耐腐蚀性 疲劳强度 导热性能 响应速度 良品率")
)

func zipfPick(r *rand.Rand, words []string) string {
	return words[int(float64(len(words))*r.Float64()*r.Float64())]
}

func benchCatalog(seed uint64, n int) []techmatch.Achievement {
	r := rand.New(rand.NewPCG(seed, 13))
	out := make([]techmatch.Achievement, n)
	for i := range out {
		obj := zipfPick(r, benchObjects)
		var d strings.Builder
		for range 2 + r.IntN(4) {
			fmt.Fprintf(&d, "本项目采用%s%s技术，%s%s，%s%s。", zipfPick(r, benchPrefix), zipfPick(r, benchObjects),
				zipfPick(r, benchVerbs), zipfPick(r, benchProps), zipfPick(r, benchVerbs), zipfPick(r, benchProps))
		}
		a := techmatch.Achievement{
			ID:          fmt.Sprintf("B%07d", i),
			Title:       zipfPick(r, benchPrefix) + obj + zipfPick(r, benchSuffix),
			Description: d.String(),
			Keywords:    []string{obj, zipfPick(r, benchProps)},
			Industries:  []techmatch.Industry{testIndustries[r.IntN(len(testIndustries))]},
		}
		out[i] = a
	}
	return out
}

// benchSizes are the catalog sizes; TECHMATCH_BENCH_LARGE=1 adds 100000.
func benchSizes() []int {
	sizes := []int{1000, 10000}
	if os.Getenv("TECHMATCH_BENCH_LARGE") != "" {
		sizes = append(sizes, 100000)
	}
	return sizes
}

// BenchmarkAdd measures Add (segmentation, bleve batches, core) into a
// fresh in-memory index.
func BenchmarkAdd(b *testing.B) {
	for _, n := range benchSizes() {
		recs := benchCatalog(1, n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			ctx := context.Background()
			start := time.Now()
			iters := 0
			for b.Loop() {
				ix, err := New[techmatch.Achievement](ctx, Config{Segmenter: testSeg})
				if err != nil {
					b.Fatal(err)
				}
				if err := ix.Add(ctx, recs...); err != nil {
					b.Fatal(err)
				}
				if err := ix.Close(); err != nil {
					b.Fatal(err)
				}
				iters++
			}
			b.ReportMetric(float64(n*iters)/time.Since(start).Seconds(), "docs/s")
		})
	}
}

// BenchmarkSearch measures the match core: need-like queries (the words
// and bigrams of a synthetic record, 20–60 terms) top 50 over n documents,
// half of them filtered on two industries.
func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes() {
		ix, err := New[techmatch.Achievement](ctx, Config{Segmenter: testSeg})
		if err != nil {
			b.Fatal(err)
		}
		if err := ix.Add(ctx, benchCatalog(1, n)...); err != nil {
			b.Fatal(err)
		}
		var queries []Query
		for i, a := range benchCatalog(2, 64) {
			q := Query{Top: 50}
			if i%2 == 0 {
				q.Industries = []techmatch.Industry{techmatch.Auto, techmatch.Materials}
			}
			for f := range Field(numFields) {
				terms, _, err := ix.Analyze(a, f)
				if err != nil {
					b.Fatal(err)
				}
				for _, tw := range terms {
					q.Terms = append(q.Terms, QueryTerm{Term: tw.Term, Field: f, Weight: tw.TF})
				}
			}
			queries = append(queries, q)
		}
		if _, err := ix.Search(ctx, queries[0]); err != nil { // refresh impacts outside the loop
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var lat []time.Duration
			i := 0
			start := time.Now()
			for b.Loop() {
				t0 := time.Now()
				if _, err := ix.Search(ctx, queries[i%len(queries)]); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t0))
				i++
			}
			el := time.Since(start).Seconds()
			slices.Sort(lat)
			b.ReportMetric(float64(i)/el, "queries/s")
			b.ReportMetric(float64(i*n)/el, "docs/s")
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
		})
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
