package segment

import (
	_ "embed"
	"strings"
)

// stopText is the built-in stop list: Chinese function words, pronouns,
// conjunctions, generic verbs and a few English function words. One term
// per line, '#' comments.
//
//go:embed dict/stopwords.txt
var stopText string

// boilerText is the built-in boilerplate list of need postings.
//
//go:embed dict/boilerplate.txt
var boilerText string

// wordSet parses a one-term-per-line list, normalising terms.
func wordSet(text string, extra []string) map[string]struct{} {
	m := make(map[string]struct{}, 512)
	for _, line := range strings.Split(text, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		for _, f := range strings.Fields(line) {
			m[Normalize(f)] = struct{}{}
		}
	}
	for _, w := range extra {
		if w = strings.TrimSpace(w); w != "" {
			m[Normalize(w)] = struct{}{}
		}
	}
	return m
}

func builtinStop(extra []string) map[string]struct{}        { return wordSet(stopText, extra) }
func builtinBoilerplate(extra []string) map[string]struct{} { return wordSet(boilerText, extra) }

// StopWords returns the built-in stop words (normalised, unordered).
func StopWords() []string { return keys(builtinStop(nil)) }

// BoilerplateWords returns the built-in need boilerplate (unordered).
func BoilerplateWords() []string { return keys(builtinBoilerplate(nil)) }

func keys(m map[string]struct{}) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// unitWords are measure words and quantity phrases that never form a
// compound with a preceding number (10万元, 3个月, 20余年).
var unitWords = wordSet(`
万元 亿元 千元 百元 美元 万美元 元人民币 人民币 余万 余元 万余 多万
个月 余年 多年 年度 月份 年代 世纪 季度 小时 分钟 秒钟 天内 周年 年内 年来 年前 年后 日内
公里 千米 厘米 毫米 微米 纳米 公斤 千克 毫克 微克 公吨 万吨 千吨 吨级 平方米 立方米 平米 公顷 万亩 亩地
千瓦 兆瓦 瓦时 千瓦时 伏特 安培 赫兹 兆赫 摄氏度 百分点 百分比 分贝
万台 万套 万件 万辆 万只 万支 万片 万张 万个 余家 余项 余人 余名 多家 多项 多人 多名 多个 多种 余种
以上 以下 以内 左右 上下 之间 之内 之后 之前 以后 以前 多少 余个 几个 倍数
`, nil)

// oneCharSuffix are single characters that do form a compound with a
// preceding grade or model code (304钢 is not, but q235钢/h13钢 are).
var oneCharSuffix = wordSet(`钢 铝 铜 钛 镁 铁 锌 镍 胶 膜 泵 阀 型 级 线 纸 漆 油`, nil)
