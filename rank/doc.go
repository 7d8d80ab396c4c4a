// Package rank is techmatch's tunable scorer: it turns a need–achievement
// pair and the retriever's text relevance into a score made of named
// features, each a value times a configured weight, and explains it.
//
// Features (the names are the configuration keys):
//
//	text             normalised text relevance in [0,1], supplied by the caller (match)
//	industry         overlap of the two records' industries; inferred ones count less
//	maturity         achievement TRL vs the need's minimum            (constraint)
//	budget           asking price vs budget, 万元                     (constraint)
//	transfer_mode    a transfer mode both sides accept                (constraint)
//	region           same city > same province > 哈长城市群 > elsewhere
//	supplier_tier    owner standing: 双一流 > national > provincial institute > …
//	demand_priority  need organisation: leading > high_tech > sme = hospital
//
// Values are in [0,1]; a violated constraint has a penalty value ≤ 0. The
// pair score is Σ weight×value, so the sum of the weights is the largest
// score, and the explanation's contributions sum to the score. Unknown
// fields (zero values, see package techmatch) get a neutral value from the
// configuration, never the worst one.
//
// Each constraint has a Mode: Soft (default: penalty, pair kept, marked
// infeasible), Hard (violating pairs dropped: keep=false) or Off.
//
// Configuration: DefaultConfig holds the defaults (one commented constant
// block in config.go); Load reads JSON or YAML over the defaults with one
// set of rules for both formats, rejecting unknown fields, duplicate keys
// (at any depth), ill-typed values and out-of-range values; Save writes the
// full configuration (techmatch tune writes weights.yaml this way).
// Validate bounds every numeric knob (weights in [0, MaxWeight], penalties
// in [MinPenalty, 0], …) so that a valid configuration gives finite scores
// and JSON-encodable explanations for every pair, whatever the records.
// Errors are *ConfigError values naming the file, line, field path and
// value; errors.Is matches ErrSyntax, ErrUnknownField, ErrDuplicateKey or
// ErrInvalidValue.
//
// Speed: build a profile per record once (Scorer.Need, Scorer.Achievement:
// region parsing, owner classification) and call ScoreProfiles or
// PriorProfiles (≈65–115 ns on the 2-core dev box, no allocation); ScoreOnly and Prior take records
// and parse them on each call; MaxPrior bounds the non-text part for exact top-k
// pruning. Explain/Score build the explanation and allocate. See
// BenchmarkScoreOnly.
//
// Reasons: every Contribution of an explanation carries the facts behind
// its value (Status, Violated, the compared values, the evidence for and
// against); Reasons renders an explanation from them, and from its matched
// terms and expansions, as short Chinese sentences (共同技术要点：碳纤维、
// 轻量化；行业一致：汽车；成熟度满足（7 ≥ 6）；⚠ 转化方式不一致…), at most
// MaxReasons favourable ones plus a warning per violated constraint or
// exclusion, never a generic word (GenericWords) as a shared point.
// Degree maps a score to a 0–100 match degree (linear, clipped). Reasons
// reads only the explanation, so it cannot disagree with the score
// (TestReasonsAgreeOnTestdata checks every testdata pair; ≈17 µs per pair,
// BenchmarkReasons).
//
// Reference data is embedded: regions.txt (all province-level divisions and
// their prefecture-level cities) and double_first_class.txt (the 147 双一流
// 建设高校 of 2022 with common short names).
package rank
