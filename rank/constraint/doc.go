// Package constraint reads the constraints a technology need (技术需求)
// states in free text — what the solution must not use or change, and the
// numbers it must reach — and checks an achievement (科技成果) against them.
// It is a pure text analyzer for the scorer in package rank: functions of
// strings, no segmenter, no I/O at call time.
//
// # Exclusions
//
// Exclusions finds stated exclusions: 不考虑三元锂电池, 不采用车内摄像头,
// 不能更换模具, 不得含卤系阻燃剂, 不允许加风扇, 禁止浓水回灌, 无需指血校准,
// 不考虑加装隔声罩、包覆等增重方案, 不要还在研发中的东西, 要求无铅、无卤,
// 采用被动散热而不是风扇, 不是检测设备而是…, 除磷酸铁锂外…均可, 非三元锂方案.
// A cue is a fixed cue word (不考虑, 不采用, 不使用, 不含, 排除, 禁用, 无需, 不更换,
// 不改动, 不增加, 不影响 …) or a modal, an optional adverb and a verb
// (不能|不得|不允许|避免|尽量不 … + 明显|额外 … + 使用|采用|含|加装|更换|改动 …);
// the verb says whether the object is excluded (use, contain), must not be
// changed or added (change, add) or is a property to preserve (影响, 损伤,
// 降低, and change/add verbs whose objects are all property words:
// 不改变药效, 不能明显增加重量和成本). The excluded phrase runs from the cue
// to the end of the clause, 的 (不用锂的电芯 → 锂), another cue or a stop word
// (而是, 以免, 前提, 同时 …), at most 24 runes; it is split into items at
// 、/和及与或等 and each item loses its verbs, determiners and generic heads
// (方案, 技术, 工艺, 东西) to give the Terms. Terms are expanded into
// Concepts through the package lexicon (data/lexicon.tsv: 重金属 →
// 铅、镉、汞、铬…; 三元锂电池 → NCM、NCA…) and, when a *knowledge.Graph is given, its
// synonym sets and narrower terms. Items that name a kind of solution set
// Categories (low_maturity, equity, hardware_change, …).
//
// Symptoms are not exclusions: 不合格, 不达标, 不足, 不稳定, 不均匀, 不能满足要求,
// 不理想, 不明显 carry no cue verb and are never read as one; neither are
// 不仅…还…, 不要求, 不用于, 可不考虑, 避免 + a symptom (避免轴承电腐蚀), a time
// clause (不使用时), nor 非 in fixed terms (非接触式, 非晶, 非计划停机).
//
// ExcludedBy tells which excluded concepts an achievement's title and
// keywords are built on, ignoring negated occurrences (无铅焊料, 替代氢氟酸).
//
// # Quantities
//
// Quantities finds numbers with units and comparisons: ≤0.3mm, -35℃,
// 零下40℃, 9个月以上, ≥4.5kW/kg, 2小时, 不低于90%, 30%以上, 1×10⁻⁶Pa·m³/s,
// 600V, 8万模次, -40℃~60℃, 30%–40%, ±0.01mm, HRC58-62, 三个月内. Each
// gets a Dimension, a value in the dimension's canonical unit (mm, ℃, h,
// MPa, kW, %, …; composite units such as kW/kg, mg/L, 秒/件 are converted
// part by part), a Comparison (from symbols, 不低于/不超过/控制在/达到/降至
// before the number, 以上/以下/以内/左右 after it), a relative Change
// (降低15%, 延长2倍, 减重30%), the Subject (the words right before it in its
// clause, cut after cue and function words: 寿命, 最低气温, 能量密度), and a
// Role from the nearest cue — a current cue in its clause (现有, 目前, 仅,
// 不足, 由…), a required cue in its sentence (要求, 希望, 需), or else an
// explicit ≤ ≥ 不低于 (required) — or a use condition (an ambient
// temperature, -40℃环境下, 海拔); otherwise stated. Requirements keeps
// a need's required quantities and conditions. Years (2023年) and numbers
// inside technical tokens (NCM811, Ti6Al4V, M8, 304不锈钢) are skipped.
//
// Fit checks one requirement against an achievement's quantities: same
// dimension, same kind of change, compatible subject (the lexicon's subject
// classes, or a shared ending for unknown subjects, or a specific composite
// unit when a subject is missing); the result is Meets, Fails or Unknown
// with the deciding pair and a line "要求寿命≥9个月，成果寿命12个月：满足".
// Working temperatures are compared as capabilities (a need at -35℃ ambient
// is met by an achievement working at -40℃~60℃).
//
// # Limits
//
// The rules are lexical: they read cue words and patterns, not syntax, so
// they miss exclusions stated without a cue (锂电池就算了), may take a
// subject too long or too short in unusual word orders, and do not know
// which of two figures of an achievement applies to the need. Confidence
// values are heuristics for weighting, not probabilities. Numbers in words
// are read only for small Chinese numerals with a time unit, 倍 or 次
// (三个月, 两倍). Output is bounded: MaxExclusions, MaxTerms, MaxConcepts,
// MaxQuantities.
//
// # Cost and concurrency
//
// Every function is linear in its text: word lists are indexed by first
// and last rune behind a 1024-bit filter, so a position costs a few
// comparisons. On a 261-rune need (bench_test.go; CPU time per call, one
// core, measured on a shared, loaded machine): Exclusions ≈ 52 µs without a
// knowledge graph and ≈ 65 µs with knowledge.Default (13 KB, 42–73
// allocations), Quantities ≈ 46 µs (11 KB, 16 allocations), FitAll of its
// 7 requirements against a 14-quantity achievement ≈ 20 µs, ExcludedBy of
// its 7 exclusions ≈ 6 µs. Nothing has state; everything is safe for
// concurrent use; the lexicon is embedded and parsed once.
package constraint
