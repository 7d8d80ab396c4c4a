// Package effect reads what a text says about properties and which way:
// the symptoms and wishes of a need (技术需求: 裂纹多, 耗电翻倍, 半年就穿孔,
// 希望寿命达到9个月以上, 降低能耗) and the effects of an achievement (科技成果:
// 能耗降低15%, 寿命延长2倍, 减少飞溅, 耐腐蚀, 无裂纹), and links an achievement's
// effects to the symptoms they remedy. An achievement that moves a need's
// property the wanted way is strong evidence that it answers the need; one
// that only names, measures or monitors the same symptom (泄漏检测系统) is
// none, because only direction-bearing words make statements.
//
// It is a pure text analyzer: functions of strings over an embedded
// lexicon, no segmenter, no I/O after Default, safe for concurrent use.
//
//	a, _ := effect.Default()
//	need := a.Extract("空压机耗电翻倍，漏气严重", effect.Need)
//	ach := a.Extract("新型密封结构使泄漏量降低80%", effect.Achievement)
//	for _, l := range a.Answers(need, ach) {
//		fmt.Println(effect.Explain(l, need, ach))
//	}
//	// 泄漏↓：需求「漏气严重」，成果「泄漏量降低80%」
//
// # Statements
//
// A Statement is a canonical property (能耗, 泄漏, 寿命, 合格率 … 110 of them,
// general to engineering, medicine and agriculture), a Direction (Up, Down
// or Keep) on that property's axis, a Kind (Symptom, Wish, Effect,
// Drawback), the property word as written and every cue word with its byte
// span, and a Strength: 1 with an explicit number (15%, 2倍, 9个月以上), 0.7
// for a direction verb or comparator, 0.4 for an adjective, claim word,
// negated defect, occurrence or short life, 0.2 for a defect a need merely
// names. Property words have synonyms (耗电, 电耗, 功耗 are 能耗; 啸叫, 异响
// are 噪声) and inverse names (气密性 Up is 泄漏 Down; 废品率 Down is 合格率
// Up; 响应时间 Down is 响应速度 Up).
//
// # Rules
//
// Text is cut into tokens: at each place the longest lexicon word (over
// runes folded to half-width lower case; words with ASCII letters only at
// ASCII word boundaries), numbers with their units (15%, 2–4万公里, 1×10⁻⁶,
// 半年, 两倍), clause breaks (，：()) and sentence ends (。；！？ new line).
// Within a clause, in this order, a word used by one pattern is not used by
// a later one:
//
//  1. A property right after a measuring word (检测泄漏, 监测温升, 可检出泄漏率)
//     or right before one (寿命预测, 气密性检测) is measured, not changed: it
//     makes no statement. A property that is good when high keeps its
//     statement (检测效率, 探伤合格率 are properties of the inspection), and
//     so does one after a measuring noun (气密性试验不合格率). A property
//     right before a head noun is its modifier (堵塞时间, 故障提前30天预警,
//     费用预算) and makes no statement either.
//  2. Direction verbs with their object after them (降低能耗, 消除啸叫, 针对…
//     缩松的问题), else their subject before them (能耗降低15%, 续航掉得快,
//     重量较铸铁盘减轻60%). Intransitive verbs (下降, 衰减, 损失, 上升, 增长)
//     only take a subject. An object followed by a condition word (老化后,
//     高温时) is a condition, not the object, and so is a subject. Remedy verbs (改善, 解决, 克服) and remove verbs
//     (消除, 避免, 抑制) take the property's good direction and invert a
//     nested symptom (解决温升过高的问题 → 温升 Down). Comparators and level
//     verbs read the property before them (透光率≥88%, 温差控制在3℃以内, 寿命
//     可达30万公里). A required bound below a property that is good when high
//     bounds its error (精度≤0.3 μm, 重复性≤0.05 mm: 精度 Up). A change bounded from above is a limited change: 强度
//     损失<3% keeps 强度, while a bad property's bounded increase lowers it
//     (裂纹增加率控制在3%以内 → Down). Negation: 不降低强度 keeps it; 无法降低
//     能耗 still wants it lower.
//  3. A number with 以上/以内 after a property (寿命10年以上).
//  4. Adjectives after a property (裂纹多, 合格率低, 噪声比竞品高4 dB, 寿命不长)
//     and one-rune magnitude words right before one (高能耗, 低合格率).
//  5. A negated defect (无裂纹, 不析锂, 零泄漏, 不含重金属) and a negated claim
//     word (不耐腐蚀).
//  6. A defect said to occur (容易开裂, 出现异响和啸叫).
//  7. A property named as a problem (色差问题, 泄漏隐患).
//  8. In a need, a failure after a short time (半年就穿孔, 200 h即出现起泡):
//     寿命 Up besides the failure.
//  9. Claim words, which state a good value by themselves (耐腐蚀, 降噪,
//     轻量化, 节能50%以上).
//  10. In a need, a defect named with no cue at all (铸件漏气).
//
// Lists share their cue (降低能耗和噪声, 能耗和噪声分别降低15%和3 dB);
// adjacent property words form a list only when both are good the same way
// (起泡腐蚀), else the last is the head (裂纹检出率 is about 检出率, 充电桩
// 利用率 about 利用率).
//
// A change or a state followed by a problem word (接触电阻增大问题, 能耗高的
// 问题) describes a problem: a Symptom in either role, unless a remedy verb
// governs it (解决了…能耗高的问题 is an Effect).
//
// The role decides the kind. In a need a good state or change is a Wish and
// a bad one a Symptom whose wanted direction is the property's good one;
// for a property good either way (温度, 硬度) a wish word before it (希望,
// 要求, 需要, 把, 使 …) makes a wish, else the reported state is a symptom
// (温度高 → Down). Statements in a clause that reports what was tried (已
// 尝试把齿轮精度提高到5级) are not wishes. In an achievement a change or a
// good state is an Effect and a bad state a Drawback (成本较高), except in
// background clauses (传统工艺能耗高, 现有方法存在…的问题, up to a clause naming
// the achievement: 本技术, 该方法 …), which give Symptoms that are never
// evidence. A background word next to a comparison (与传统工艺相比, 较传统方法)
// or right after a comparing or level word (替代传统电解氧化, 仅为传统炭黑的1/3)
// or after a verb (降低了传统工艺的成本, 针对现有…) is not background.
//
// Answers links each need statement (Symptom, Wish) to the strongest
// achievement statement (Effect, Drawback) moving the same property, or a
// related one (broader/narrower: 缺陷 and 气孔; curated relations: 续航 and
// 能耗, opposite), in the wanted direction, and to the strongest going the
// wrong way (重量增加 for a need that wants 重量 Down; a Drawback on the
// property; an effect against a need's Keep). Evidence folds links into one
// score for and one against.
//
// # Lexicon format
//
// The embedded lexicon is data/properties.tsv and data/cues.tsv; Load reads
// the same format. One statement per line, fields separated by spaces or
// tabs, alternatives by '|'; blank lines and lines starting with '#' are
// ignored. Words are folded like the text; a word may be defined once. A
// property's name is a word only when a list names it (距离 is a property,
// not a word: 识别距离 and 探测距离 are).
//
//	prop     能耗  down  1         a property: good direction up|down|any, specificity in (0,1]
//	term     能耗  耗电|电耗|功耗    names of the property
//	defect   泄漏  漏气|渗漏         names of an occurring defect (property good when down)
//	inverse  泄漏  气密性|密封性      names of the opposite quantity
//	inverse-defect 合格率 废品|报废   defects naming the opposite of a property good when up
//	claim    腐蚀  down  耐腐蚀|防腐  words that assert a good value
//	broader  缺陷  裂纹|气孔         narrower properties (partial links both ways)
//	related  续航  能耗  opposite    a curated partial link (same|opposite)
//	cue      down  降低|减少|下降     cue words of a class
//
// Cue classes: down, slow (减缓, 延缓: also take a nested change), fall
// (intransitive: 下降, 衰减), down-to, up, rise (上升, 增长), up-to (verbs
// with a target value: 降至, 提高到), remove, remedy,
// address (针对), limit (控制), limit-to (控制在), keep, keep-to, reach
// (达到), req-up, req-down (≥, 不超过: a requirement), more, less (超过, 低于:
// a reported level), above, within (以上, 以内), high, low, bad, good
// (adjectives), neg, unable, wish, background, tried, compare, self,
// measure, occur, problem, soon (就, 即), conj, enum (、 joins a list but
// not a verb to its object), cond (后, 时, 条件下), head (时间, 阈值, 预算,
// 提前: nouns whose modifier a property before them is), block (compounds
// that must not be read as cues: 高温, 大型, 压缩机, 无线, 控制器 …).
//
// # Limits
//
// The rules are lexical: a property the lexicon does not know makes no
// statement (回馈少, 脱不净), a cue far from its property (more than 8–12
// runes, or across a comma) is not bound, and a sentence whose sense is
// carried by world knowledge (耐不了高温 → 耐温) is missed. Direction words
// that are also common nouns are kept out of the lexicon (损失 is only a
// verb; 燃烧, 氧化 are no properties). The polarity of a property is one per
// lexicon (免疫原性 is any: good for a vaccine, bad for an antibody drug).
// Need statements in a "tried" clause are dropped only when the clause has a
// tried word (尝试, 已采用, 虽然 …).
//
// # Complexity
//
// Extract is O(n) in the text's length n (bounded to MaxBytes): one pass of
// trie lookups (each at most the longest word, 32 runes), then patterns
// that look a bounded number of tokens around each cue. It allocates the
// tokens and the statements; about 10–20 µs for a 300-character text (see
// BenchmarkExtract). Answers is O(len(need) × len(achievement)). Output is
// bounded: at most 64 statements per text, 8 cues per statement, 2 links
// per need statement.
package effect
