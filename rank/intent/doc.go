// Package intent classifies what a need (技术需求) asks for and what an
// achievement (科技成果) is, so that the scorer can tell a remedy from a
// look-alike: a plant whose castings leak wants an impregnation process,
// not a leak tester, unless it asked for inspection.
//
//	Need intent       remedy  detect  test  buy  service      (NeedIntent)
//	Achievement role  process material device monitoring software service (Role)
//
// Classifier.Need and Classifier.Achievement read a Text (title, keywords,
// description; the title weighs most) and return a Result: the kind, a
// confidence in [0,1], the runner-up when close, and the cues (word, byte
// span, field) that decided. DefaultCompatibility is a need × role table
// in [-1,1] with the reasoning of an agent (remedy × monitoring -0.8,
// detect × monitoring 0.8, test × service 0.8…); Compatibility.Score
// combines two results with it and Explain words the pair in Chinese
// (需求为解决问题（漏气）；该成果为检测监测分析（在线监测装置）). Kind names (String,
// Parse, MarshalText) are the lower-case English words, so tables can be
// written in JSON or YAML weights files.
//
// # Rules
//
// The cue words are a curated lexicon of Chinese technical and business
// language (lexicon.tsv, embedded; Load reads the same format), never
// words of particular records. Each term has concepts — monitoring,
// testing service, software, service, process, material, device,
// purchase, symptom, wanted improvement — and flags (request verb,
// current-state marker, observation, lack, exclusion, 的, 及其, conjunction,
// early warning). Matching is leftmost-longest over runes folded to
// half-width lower case, so a longer term blocks the cue inside it: 测试级
// (a grade: material) blocks 测试, 技术指标 blocks 技术, 预测控制 (control)
// blocks 预测, 中试 blocks 试.
//
// Titles and keywords are read as Chinese noun phrases, head last:
//   - the head is the last word after the last 的 or 用
//     (基于机器视觉的|焊缝跟踪与自适应焊接系统; 轴承用|陶瓷球) and before 及其
//     (what follows 及其 counts 0.4: 输液泵及其阻塞报警方法 is a pump); the
//     modifier counts 0.25, other words of the head phrase 0.25, earlier
//     conjuncts 0.7;
//   - a carrier head takes its meaning from the word before it: 监测+系统
//     is monitoring, 焊接+系统 a device, 管理+系统 software, 检测+服务 a testing
//     service, 制备+平台 a process, 预测+模型 forecasting, 控制+模型 control;
//     software and platforms named by an analysis function are that
//     function in software form (仿真分析+软件, 监测预警+平台: monitoring,
//     software the lesser share); coordinated functions share it
//     (状态监测与故障诊断|系统); a "-化" suffix takes the meaning of what it
//     applies to (无损检测自动化 is monitoring, 柱塞泵国产化 a device);
//   - what a detection head is about is its object, not a wish
//     (刀具磨损|在线监测: the wear is monitored, not remedied); when every
//     conjunct head of an achievement's title is a detection, measurement,
//     analysis or forecasting unit (…自动检漏系统, 寿命预测与健康状态评估系统),
//     the devices, materials and processes of its keywords and description
//     count 0.3: they name what is monitored and the instrument's parts
//     (压铸件, 真空箱, 抽真空机组, 电池包), not what is offered; a title that
//     also names an acting function (…检测与自动补偿系统, …监测与控制系统)
//     keeps them;
//   - a purchase verb makes its object a purchase unless it is a
//     technique, a service or a detection instrument: then the object
//     decides (求购|二手注塑机 is buy, 求购|生产工艺 remedy, 采购|自动检漏设备 and
//     检测设备+供货商 detect), so a need that buys a detection instrument
//     meets detection achievements with the detect row of the table;
//   - a title starting with a purchase verb is a verb phrase
//     (采购成熟的一体化设备).
//
// Descriptions are read sentence by sentence. For a need, the object of a
// request (after 需要, 希望, 寻求, 求购…; weaker after 需, 拟, 欢迎) weighs
// fully and the context little; a request after a current-state marker
// in its clause (目前需要人工调修) is context. Detection words are dropped
// when they report an observation (经第三方检测, 检测发现, 试验中,
// 已通过型式试验), so "急需解决…，检测发现…" stays remedy; an exclusion (不需要,
// 不考虑, 而不是) drops the rest of its clause up to 即可/就能/而是
// (而不是加装在线检测和监测预警设备; 不需要停电即可|在线监测). A clause that
// states a detection problem — a detection word with a lack (检测时间长,
// 靠人工目检、漏检率高, 难以及时发现) — is detection. An early-warning pair
// (提前两周以上发现异常, 损坏前…发现) is strong detection. Testing asked for
// as a service (第三方, 出具报告, CNAS, 认证) turns the request's detection
// words into test. In a description, what precedes a 的 inside a phrase is
// a modifier (具备异物检测的|无线充电系统) and counts 0.4. Symptoms count half
// as much as requests: they state the problem, not the kind of solution
// wanted.
//
// Keywords and descriptions are capped per kind (needs 1.5 and 2.5;
// achievements 1.0 each, because an achievement's keywords and description
// name its topic — 抗体 for a detection kit — more than its role). The
// confidence of a kind is its share of the evidence times
// 1-exp(-evidence/Saturation); below MinEvidence or MinConfidence the
// result is unknown: text without cues (a short title with no technical
// word, boilerplate only, no text) is unknown rather than guessed.
//
// # Limits
//
// The classifiers are lexical: a head noun absent from the lexicon leaves
// the decision to the words before it (隔热|垫 before 垫 was listed read as
// a process), unknown chemical or product names give no evidence, and
// leftmost-longest matching can cut across a word boundary (中厚|板结|构 —
// guarded for the cases found by listing the longer term). A need whose
// title lists symptoms and whose request asks for monitoring
// (热电厂设备故障多…希望提前发现异常) is close between remedy and detect; the
// runner-up then carries the second reading. An exclusion reaches the end of its
// clause only: "不需要在线检测。…检测…" in the next clause counts again. The
// detection-head rule trusts the title: an achievement titled as a
// detection system whose description shows that it also acts (监测后自动调节
// 阀门) is monitoring; the title must name the acting function for it to
// count. Stated exclusions themselves (不考虑三元锂电池) are not reported
// here: only their effect on the intent.
//
// # Complexity
//
// Load builds a rune trie of the lexicon (3,262 terms; about 7 ms of CPU,
// once per process for Default). Classification is O(n·d) for n runes of
// text and d the depth of the longest trie walk (≤ 24), plus O(m log m)
// for m raw cues; fields are read up to MaxFieldBytes and MaxKeywords
// keywords, and at most MaxCues cues are returned. On the 2-core dev box
// a 258-rune need takes about 21 µs of CPU and a 189-rune achievement 15
// µs (BenchmarkNeed, BenchmarkAchievement; 19 and 18 allocations), a
// 16 KiB description 0.44 ms (BenchmarkNeedLong); wall-clock figures
// vary with the machine's load. A Classifier is immutable after Load and
// safe for concurrent use; results are plain values.
package intent
