package rank

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

// ctb builds a contribution for the hand-built explanations.
func ctb(feature string, score float64, edit func(*techmatch.Contribution)) techmatch.Contribution {
	c := techmatch.Contribution{Feature: feature, Value: score, Weight: 1, Score: score}
	if edit != nil {
		edit(&c)
	}
	return c
}

func TestReasonsTable(t *testing.T) {
	bad := func(need, ach string) func(*techmatch.Contribution) {
		return func(c *techmatch.Contribution) {
			c.Status, c.Violated, c.Need, c.Achievement = techmatch.StatusBad, true, []string{need}, []string{ach}
		}
	}
	tests := []struct {
		name string
		ex   techmatch.Explanation
		want []string
	}{
		{"empty", techmatch.Explanation{}, []string{}},
		{"shared points without generic words, contained terms or duplicates",
			techmatch.Explanation{
				Features:     []techmatch.Contribution{ctb(FeatureText, 0.5, nil)},
				MatchedTerms: []string{"技术", "冲压", "冲压模具", "系统", "钢", "2024", "轻量化", "冲压", "一种", "方法"},
			},
			[]string{"共同技术要点：冲压模具、轻量化"}},
		{"only generic terms: the relevance instead",
			techmatch.Explanation{
				Features:     []techmatch.Contribution{ctb(FeatureText, 0.3, func(c *techmatch.Contribution) { c.Value = 0.42 })},
				MatchedTerms: []string{"技术", "装置", "研究"},
			},
			[]string{"技术内容相关（文本相关度 42%）"}},
		{"expansions, generic targets skipped",
			techmatch.Explanation{
				Features:     []techmatch.Contribution{ctb(FeatureText, 0.5, nil)},
				MatchedTerms: []string{"高强钢"},
				Expansions: []techmatch.Expansion{{From: "轻量化", To: "高强钢", Kind: "problem"},
					{From: "轻量化", To: "材料", Kind: "problem"}, {From: "车身", To: "白车身", Kind: "narrower"}},
			},
			[]string{"共同技术要点：高强钢", "知识关联：轻量化→高强钢（问题→技术）、车身→白车身（下位）"}},
		{"the brief's pair: ordered by |score|, the warning last",
			techmatch.Explanation{Features: []techmatch.Contribution{
				ctb(FeatureText, 0.48, nil),
				ctb(FeatureIndustry, 0.1, func(c *techmatch.Contribution) {
					c.Status, c.For = techmatch.StatusGood, []string{"auto"}
				}),
				ctb(FeatureMaturity, 0.06, func(c *techmatch.Contribution) {
					c.Status, c.Need, c.Achievement = techmatch.StatusGood, []string{"6"}, []string{"7"}
				}),
				ctb(FeatureBudget, 0.05, func(c *techmatch.Contribution) {
					c.Status, c.Need, c.Achievement = techmatch.StatusGood, []string{"100"}, []string{"80"}
				}),
				ctb(FeatureTransferMode, -0.04, func(c *techmatch.Contribution) {
					c.Status, c.Violated, c.Need, c.Achievement = techmatch.StatusBad, true, []string{"license"}, []string{"assign", "equity"}
				}),
				ctb(FeatureRegion, 0.036, func(c *techmatch.Contribution) {
					c.Status, c.Need, c.Achievement = techmatch.StatusCluster, []string{"吉林", "长春"}, []string{"黑龙江", "哈尔滨"}
				}),
			}, MatchedTerms: []string{"碳纤维", "轻量化", "技术"}},
			[]string{"共同技术要点：碳纤维、轻量化", "行业一致：汽车", "成熟度满足（7 ≥ 6）", "预算内（80万元 ≤ 100万元）",
				"同在哈长城市群（长春、哈尔滨）", "⚠ 转化方式不一致（成果：转让、作价入股；需求：许可）"}},
		{"ties in feature order, at most MaxReasons favourable sentences",
			techmatch.Explanation{Features: []techmatch.Contribution{
				ctb(FeatureIndustry, 0.05, func(c *techmatch.Contribution) {
					c.Status, c.For = techmatch.StatusPartial, []string{"energy", "robotics"}
				}),
				ctb(FeatureMaturity, 0.05, func(c *techmatch.Contribution) {
					c.Status, c.Need, c.Achievement = techmatch.StatusPartial, []string{"6"}, []string{"5"}
				}),
				ctb(FeatureBudget, 0.05, func(c *techmatch.Contribution) {
					c.Status, c.Need, c.Achievement = techmatch.StatusPartial, []string{"100"}, []string{"120"}
				}),
				ctb(FeatureTransferMode, 0.05, func(c *techmatch.Contribution) {
					c.Status, c.For = techmatch.StatusGood, []string{"license", "co_develop"}
				}),
				ctb(FeatureRegion, 0.05, func(c *techmatch.Contribution) {
					c.Status, c.Need, c.Achievement = techmatch.StatusGood, []string{"黑龙江", "哈尔滨"}, []string{"黑龙江", "哈尔滨"}
				}),
				ctb(FeatureSupplierTier, 0.05, func(c *techmatch.Contribution) { c.Achievement = []string{"national_institute"} }),
				ctb(FeatureDemandPriority, 0.05, func(c *techmatch.Contribution) { c.Need = []string{"leading"} }),
			}},
			[]string{"行业一致：新能源、robotics", "成熟度略低于要求（5 < 6）", "价格略超预算（120万元 > 100万元）",
				"转化方式一致：许可、合作开发", "同在哈尔滨"}},
		{"violated constraints with weight 0 still warn; zero scores say nothing else",
			techmatch.Explanation{Features: []techmatch.Contribution{
				ctb(FeatureExclusion, 0, func(c *techmatch.Contribution) {
					c.Status, c.Violated, c.Need, c.Against = techmatch.StatusBad, true, []string{"不考虑：三元锂电池"}, []string{"ncm", "三元锂电池"}
				}),
				ctb(FeatureMaturity, 0, bad("6", "3")),
				ctb(FeatureBudget, 0, bad("200", "800")),
				ctb(FeatureIndustry, 0, func(c *techmatch.Contribution) { c.Status, c.For = techmatch.StatusGood, []string{"auto"} }),
				ctb(FeatureRole, 0, nil),
			}},
			[]string{"⚠ 需求已排除此类成果（不考虑：三元锂电池）：成果涉及三元锂电池、ncm", "⚠ 成熟度不足（3 < 6）",
				"⚠ 价格超出预算（800万元 > 200万元）"}},
		{"positive fill-in values of unfavourable or unknown verdicts say nothing",
			techmatch.Explanation{Features: []techmatch.Contribution{
				ctb(FeatureIndustry, 0.02, func(c *techmatch.Contribution) { c.Status = techmatch.StatusBad }),
				ctb(FeatureIndustry, 0.04, func(c *techmatch.Contribution) { c.Status = techmatch.StatusUnknown }),
				ctb(FeatureMaturity, 0.03, func(c *techmatch.Contribution) { c.Status = techmatch.StatusNoMinimum }),
				ctb(FeatureBudget, 0.03, func(c *techmatch.Contribution) { c.Status = techmatch.StatusUnknown }),
				ctb(FeatureRegion, 0.01, func(c *techmatch.Contribution) { c.Status = techmatch.StatusBad }),
				ctb(FeatureSupplierTier, 0.02, func(c *techmatch.Contribution) { c.Achievement = []string{"unknown"} }),
				ctb(FeatureDemandPriority, 0.02, nil),
			}},
			[]string{}},
		{"numeric met and failed, effect for, role against, bigram, negotiable",
			techmatch.Explanation{Features: []techmatch.Contribution{
				ctb(FeatureNumeric, 0.01, func(c *techmatch.Contribution) {
					c.Status, c.Violated = techmatch.StatusBad, true
					c.For = []string{"要求寿命≥9个月，成果寿命12个月：满足", "要求温度≤60℃，成果温度50℃：满足"}
					c.Against = []string{"要求精度≤0.1mm，成果精度0.5mm：不满足"}
				}),
				ctb(FeatureEffect, 0.03, func(c *techmatch.Contribution) {
					c.For = []string{"能耗↓：需求「耗电翻倍」，成果「能耗降低15%」"}
					c.Against = []string{"强度↑：需求「强度不够」，成果却「强度下降10%」"}
				}),
				ctb(FeatureRole, -0.02, func(c *techmatch.Contribution) {
					c.Need, c.Achievement = []string{"检测监测"}, []string{"材料"}
				}),
				ctb(FeatureBigram, 0.04, func(c *techmatch.Contribution) { c.Value = 0.634 }),
				ctb(FeatureBudget, 0.035, func(c *techmatch.Contribution) {
					c.Status, c.Need = techmatch.StatusNegotiable, []string{"50"}
				}),
			}},
			[]string{"字面重合：需求的 63% 字符对见于成果文本", "价格面议（预算50万元）", "效果对应（能耗↓：需求「耗电翻倍」，成果「能耗降低15%」）",
				"类型不符（需求为检测监测，成果为材料）",
				"指标满足（要求寿命≥9个月，成果寿命12个月：满足，要求温度≤60℃，成果温度50℃：满足）",
				"⚠ 指标未达（要求精度≤0.1mm，成果精度0.5mm：不满足）"}},
		{"effect against, with more readings than shown",
			techmatch.Explanation{Features: []techmatch.Contribution{
				ctb(FeatureEffect, -0.02, func(c *techmatch.Contribution) {
					c.For = []string{"能耗↓：需求「耗电翻倍」，成果「能耗降低15%」"}
					c.Against = []string{"强度↑：需求「强度不够」，成果却「强度下降10%」", "寿命↑：需求「寿命短」，成果却「寿命缩短」"}
				}),
			}},
			[]string{"效果相悖（强度↑：需求「强度不够」，成果却「强度下降10%」 等2项）"}},
		{"catalog text is cleaned",
			techmatch.Explanation{Features: []techmatch.Contribution{
				ctb(FeatureText, 0.2, nil),
				ctb(FeatureRegion, 0.06, func(c *techmatch.Contribution) {
					c.Status, c.Need = techmatch.StatusPartial, []string{"黑\x1b[31m龙江\u202e"}
				}),
			}, MatchedTerms: []string{"碳\x00纤维", "\xff\xfe钛合金"}},
			[]string{"共同技术要点：\uFFFD钛合金、碳纤维", "同省：黑[31m龙江"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Reasons(tt.ex)
			assert.Equal(t, tt.want, got, "got %q, want %q", got, tt.want)
		})
	}
}

func TestReasonsOfMax(t *testing.T) {
	ex := techmatch.Explanation{Features: []techmatch.Contribution{
		ctb(FeatureText, 0.5, nil),
		ctb(FeatureMaturity, -0.06, func(c *techmatch.Contribution) {
			c.Status, c.Violated, c.Need, c.Achievement = techmatch.StatusBad, true, []string{"6"}, []string{"2"}
		}),
		ctb(FeatureDemandPriority, 0.04, func(c *techmatch.Contribution) { c.Need = []string{"hospital"} }),
	}, MatchedTerms: []string{"内窥镜"}}
	tests := []struct {
		max  int
		want []string
	}{
		{1, []string{"共同技术要点：内窥镜", "⚠ 成熟度不足（2 < 6）"}},
		{0, []string{"共同技术要点：内窥镜", "需求方为医院", "⚠ 成熟度不足（2 < 6）"}},
		{-1, []string{"共同技术要点：内窥镜", "需求方为医院", "⚠ 成熟度不足（2 < 6）"}},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range ReasonsOf(ex, tt.max) {
			got = append(got, r.String())
		}
		assert.Equal(t, tt.want, got, "max %d: got %q, want %q", tt.max, got, tt.want)
	}
	assert.Equal(t, "共同技术要点：内窥镜；需求方为医院；⚠ 成熟度不足（2 < 6）", ReasonText(ex), "ReasonText")
}

func TestGenericWordsNeverSharedPoints(t *testing.T) {
	for _, w := range GenericWords {
		got := SharedPoints([]string{w, "碳纤维"}, 0)
		assert.Equal(t, []string{"碳纤维"}, got, "generic word %q: got %q", w, got)
		assert.True(t, IsGeneric(w), "IsGeneric(%q)", w)
	}
	tests := []struct {
		term string
		want bool
	}{
		{"碳纤维", false}, {"ncm811", false}, {"Ti-6Al-4V", false}, {"钢", true}, {"2024", true}, {"3.5%", true},
		{"", true}, {"kw", true}, {"5G", true}, {"CFRP", false}, {" 技术 ", true}, {"系统", true}, {"控制系统", false}, {"不足", true}, {"续航不足", false},
	}
	for _, tt := range tests {
		got := IsGeneric(tt.term)
		assert.Equal(t, tt.want, got, "IsGeneric(%q): got %v, want %v", tt.term, got, tt.want)
	}
	assert.Equal(t, []string{"abc1", "b22"}, SharedPoints([]string{"b22", "abc1", "c33"}, 2), "longest first, ties in order, limit")
}

// positiveWords and negativeWords are what a sentence says of a feature's
// verdict; a sentence of a negative contribution never holds a positive
// word and a favourable sentence never holds a negative one.
var (
	positiveWords = []string{"满足（", "一致", "预算内", "类型相符", "效果对应", "同在", "同省", "共同技术要点"}
	negativeWords = []string{"不足", "超出", "不一致", "类型不符", "相悖", "排除", "未达"}
)

// TestReasonsAgreeWithScore scores pairs that take every branch of every
// feature (each constraint good, partial, bad, unknown; regions, tiers,
// org types; an exclusion; effects and figures in the text) and checks
// every sentence against its contribution: its sign, its violation, its
// words.
func TestReasonsAgreeWithScore(t *testing.T) {
	needs := []*techmatch.Need{
		{ID: "N1", Title: "新能源汽车电池包轻量化", Description: "要求使用寿命不低于10年，不考虑三元锂电池。耗电太高",
			Industries: []ind{"auto"}, OrgType: techmatch.Leading, Region: "吉林省长春市", MinMaturity: 6, Budget: 100,
			TransferModes: []tm{"license"}},
		{ID: "N2", Title: "医用内窥镜图像检测", Industries: []ind{"biomed", "energy"}, IndustriesInferred: true,
			OrgType: techmatch.Hospital, Region: "北京", MinMaturity: 8, Budget: 50, TransferModes: []tm{"assign", "co_develop"}},
		{ID: "N3", Title: "焊接工艺改进", Region: "黑龙江省大庆市"},
	}
	achs := []*techmatch.Achievement{
		{ID: "A1", Title: "三元锂电池轻量化电池包", Description: "使用寿命12年，能耗降低15%", Keywords: []string{"三元锂电池"},
			Industries: []ind{"auto", "materials"}, Owner: "哈尔滨工业大学", Region: "黑龙江省哈尔滨市", Maturity: 7, Price: 80,
			TransferModes: []tm{"license", "assign"}},
		{ID: "A2", Title: "内窥镜图像增强算法", Description: "使用寿命5年", Industries: []ind{"energy"}, Owner: "中国科学院长春光学精密机械与物理研究所",
			Region: "吉林省长春市", Maturity: 6, Price: 90, TransferModes: []tm{"equity"}},
		{ID: "A3", Title: "激光焊接工艺", Industries: []ind{"equipment"}, Owner: "某某科技有限公司", OwnerType: techmatch.Enterprise,
			Region: "黑龙江省哈尔滨市", Maturity: 2, Price: 500},
		{ID: "A4", Title: "焊缝检测", Region: "广东省深圳市"},
	}
	configs := map[string]func(*Config){
		"default": nil,
		"every weight": func(c *Config) {
			for _, name := range Names() {
				_ = c.Weights.Set(name, 0.1)
			}
		},
		"constraints off": func(c *Config) {
			c.Maturity.Mode, c.Budget.Mode, c.TransferMode.Mode, c.Exclusion.Mode, c.Numeric.Mode = Off, Off, Off, Off, Off
		},
	}
	seen := map[string]bool{}
	for cname, edit := range configs {
		s := newScorer(t, edit)
		for _, n := range needs {
			for _, a := range achs {
				for _, text := range []float64{0, 0.7} {
					score, ex, _ := s.Score(n, a, Candidate{Text: text, Bigram: text / 2, MatchedTerms: []string{"轻量化", "技术"}})
					CheckReasons(t, cname+" "+n.ID+" "+a.ID, score, ex)
					for _, r := range ReasonsOf(ex, 0) {
						kind := "+"
						switch {
						case r.Warning:
							kind = "⚠"
						case r.Score < 0:
							kind = "-"
						}
						seen[r.Feature+kind] = true
					}
				}
			}
		}
	}
	t.Logf("sentences seen: %v", seen)
	for _, f := range []string{"text+", "bigram+", "role+", "role-", "effect+", "exclusion⚠", "numeric+", "numeric⚠",
		"industry+", "maturity+", "maturity⚠", "budget+", "budget⚠", "transfer_mode+", "transfer_mode⚠", "region+",
		"supplier_tier+", "demand_priority+"} {
		assert.True(t, seen[f], "no pair gave a sentence %s", f)
	}
}

// CheckReasons checks ReasonsOf(ex, 0) against ex (see
// TestReasonsAgreeWithScore). Exported for the testdata property test
// in package rank_test.
func CheckReasons(t *testing.T, pair string, score float64, ex techmatch.Explanation) {
	t.Helper()
	byName := map[string]techmatch.Contribution{}
	sum := 0.0
	for _, c := range ex.Features {
		byName[c.Feature] = c
		sum += c.Score
	}
	require.InDelta(t, score, sum, 1e-9, "%s: contributions sum", pair)
	warned := map[string]bool{}
	for _, r := range ReasonsOf(ex, 0) {
		c, ok := byName[r.Feature]
		require.True(t, ok, "%s: reason %q of unknown feature %q", pair, r, r.Feature)
		assert.Equal(t, c.Score, r.Score, "%s: %q score", pair, r)
		if r.Warning {
			warned[r.Feature] = true
			assert.True(t, c.Violated, "%s: warning %q for a feature not violated", pair, r)
			continue
		}
		assert.NotZero(t, c.Score, "%s: %q from a zero contribution", pair, r)
		if r.Feature == FeatureText {
			continue // catalog words (续航不足), and text is never negative
		}
		words := negativeWords
		if c.Score < 0 {
			words = positiveWords
		}
		for _, w := range words {
			assert.NotContains(t, r.Text, w, "%s: %q of a contribution %+.4f", pair, r, c.Score)
		}
	}
	for _, c := range ex.Features {
		if c.Violated {
			assert.True(t, warned[c.Feature], "%s: %s violated and no warning", pair, c.Feature)
		}
	}
	assert.Equal(t, ex.Feasible, len(warned) == 0, "%s: feasible %v, warnings %v", pair, ex.Feasible, warned)
	// A reader of the JSON output gets the same sentences.
	data, err := json.Marshal(ex)
	require.NoError(t, err, "%s: marshal", pair)
	var back techmatch.Explanation
	require.NoError(t, json.Unmarshal(data, &back), "%s: unmarshal", pair)
	got, want := Reasons(back), Reasons(ex)
	assert.Equal(t, want, got, "%s: after a JSON round trip got %q, want %q", pair, got, want)
}

func TestDegree(t *testing.T) {
	m := DegreeReference
	tests := []struct {
		score float64
		want  int
	}{
		{math.NaN(), 0}, {math.Inf(-1), 0}, {-0.3, 0}, {0, 0}, {0.004 * m, 0}, {0.005 * m, 1}, {0.5 * m, 50}, {0.784 * m, 78},
		{0.999 * m, 100}, {m, 100}, {1.7 * m, 100}, {math.Inf(1), 100},
	}
	for _, tt := range tests {
		got := Degree(tt.score)
		assert.Equal(t, tt.want, got, "Degree(%v): got %d, want %d", tt.score, got, tt.want)
	}
	s := newScorer(t, nil)
	assert.InDelta(t, defWeightText+candidateMax+priorMax, s.MaxScore(), 1e-9, "default MaxScore")
	assert.InDelta(t, s.MaxScore(), DefaultMaxScore(), 1e-12, "DefaultMaxScore is the default scorer's MaxScore")
	heavy := newScorer(t, func(c *Config) { c.Weights.Text *= 2 })
	prev := -1
	for i := -100; i <= 2100; i++ {
		x := float64(i) / 1000
		got := Degree(x)
		require.GreaterOrEqual(t, got, prev, "Degree not monotone at %v", x)
		require.True(t, got >= 0 && got <= 100, "Degree(%v) = %d out of [0,100]", x, got)
		assert.Equal(t, got, s.Degree(x), "Scorer.Degree(%v) under the defaults", x)
		hd := heavy.Degree(x)
		require.True(t, hd >= 0 && hd <= 100, "heavy Degree(%v) = %d", x, hd)
		prev = got
	}
	assert.Equal(t, 100, heavy.Degree(heavy.MaxScore()), "a scorer's max score is 100")
	ref := DegreeReference * heavy.MaxScore() / DefaultMaxScore()
	assert.Equal(t, 50, heavy.Degree(ref/2), "half the scaled reference is 50")
	assert.Equal(t, 100, heavy.Degree(ref), "the scaled reference is 100")
}

// FuzzReasons renders hand-built explanations from arbitrary text and
// numbers: no panic, valid UTF-8 without control characters, no generic
// word as a shared point, at most MaxReasons favourable sentences.
func FuzzReasons(f *testing.F) {
	f.Add("碳纤维,技术,轻量化", "吉林,长春", "6", 0.5, -0.04, uint8(3))
	f.Add("\x1b[31m,\xff,系统,一种", "\u202e", "", math.NaN(), math.Inf(1), uint8(255))
	f.Add("", "", "1e300", 0.0, 0.0, uint8(0))
	f.Fuzz(func(t *testing.T, terms, region, num string, text, other float64, status uint8) {
		statuses := []string{techmatch.StatusGood, techmatch.StatusPartial, techmatch.StatusBad, techmatch.StatusUnknown,
			techmatch.StatusOff, techmatch.StatusNoMinimum, techmatch.StatusNegotiable, techmatch.StatusCluster, ""}
		list := strings.Split(terms, ",")
		parts := strings.Split(region, ",")
		ex := techmatch.Explanation{MatchedTerms: list, Expansions: []techmatch.Expansion{{From: region, To: terms, Kind: num}}}
		ex.Features = append(ex.Features, ctb(FeatureText, text, nil))
		for i, name := range Names() {
			ex.Features = append(ex.Features, techmatch.Contribution{
				Feature: name, Value: other, Score: other, Status: statuses[(int(status)+i)%len(statuses)],
				Violated: (int(status)>>i)&1 == 1, Need: []string{num, region}, Achievement: parts, For: list, Against: parts,
			})
		}
		rs := ReasonsOf(ex, MaxReasons)
		plain := 0
		for _, r := range rs {
			s := r.String()
			require.True(t, utf8.ValidString(s), "invalid UTF-8 in %q", s)
			for _, c := range s {
				require.False(t, unicode.IsControl(c) || unicode.Is(unicode.Cf, c), "control or format character %U in %q", c, s)
			}
			if !r.Warning {
				plain++
			}
			if pts, ok := strings.CutPrefix(r.Text, "共同技术要点："); ok {
				for _, p := range strings.Split(pts, "、") {
					require.False(t, IsGeneric(p), "generic word %q as a shared point in %q", p, s)
				}
			}
		}
		require.LessOrEqual(t, plain, MaxReasons, "favourable sentences")
	})
}

// BenchmarkReasons renders the reasons of an explained pair with every
// kind of sentence (the Example's pair).
func BenchmarkReasons(b *testing.B) {
	s := newScorer(b, nil)
	need := &techmatch.Need{Title: "汽车轻量化车身材料", Industries: []ind{"auto"}, OrgType: techmatch.Leading,
		Region: "吉林省长春市", MinMaturity: 6, Budget: 100, TransferModes: []tm{"license"}}
	ach := &techmatch.Achievement{Title: "碳纤维复合材料车身轻量化技术", Industries: []ind{"auto", "materials"},
		Owner: "哈尔滨工业大学", Region: "黑龙江省哈尔滨市", Maturity: 7, Price: 80, TransferModes: []tm{"assign"}}
	_, ex, _ := s.Score(need, ach, Candidate{Text: 0.8, MatchedTerms: []string{"碳纤维", "轻量化", "技术", "车身"},
		Expansions: []techmatch.Expansion{{From: "轻量化", To: "碳纤维", Kind: "problem"}}})
	b.ReportAllocs()
	for b.Loop() {
		if len(Reasons(ex)) == 0 {
			b.Fatal("no reasons")
		}
	}
}
