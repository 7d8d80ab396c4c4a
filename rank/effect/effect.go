package effect

import (
	"strconv"
	"strings"
)

// Direction is the way a statement moves, wants or holds a property.
// The zero value means "no direction" and never appears in a Statement.
// Like every enumeration of this package it is a plain value, safe to copy
// and use from any goroutine.
type Direction int8

const (
	// Down: lower, less, shorter, fewer (能耗降低, 裂纹少).
	Down Direction = -1
	// Up: higher, more, longer (寿命延长, 合格率提高到99%).
	Up Direction = 1
	// Keep: not worse than now (不降低强度, 剩磁基本不降, 不影响透光率).
	Keep Direction = 2
)

// String returns "up", "down", "keep" or "none".
func (d Direction) String() string {
	switch d {
	case Up:
		return "up"
	case Down:
		return "down"
	case Keep:
		return "keep"
	}
	return "none"
}

// Arrow returns ↑, ↓ or = for explanations ("" for no direction).
func (d Direction) Arrow() string {
	switch d {
	case Up:
		return "↑"
	case Down:
		return "↓"
	case Keep:
		return "="
	}
	return ""
}

// opposite returns the other of Up and Down; Keep and none are unchanged.
func (d Direction) opposite() Direction {
	if d == Up || d == Down {
		return -d
	}
	return d
}

// times maps a direction through a sign (+1 or -1): an inverse name's Up is
// its property's Down. Keep is unchanged.
func (d Direction) times(sign int8) Direction {
	if sign < 0 {
		return d.opposite()
	}
	return d
}

// Kind says what a statement is.
type Kind uint8

const (
	// Symptom: a bad state or bad change the text reports as existing. In a
	// need it is the enterprise's problem; Direction is the direction wanted
	// (裂纹多 → 裂纹 Down). In an achievement it is background (传统工艺能耗高)
	// and never evidence.
	Symptom Kind = iota + 1
	// Wish: a need's explicit wanted direction (降低能耗, 希望寿命达到9个月以上,
	// 要求透光率≥88%, 不影响透光率 = Keep).
	Wish
	// Effect: an achievement's claimed change or good property (能耗降低15%,
	// 耐腐蚀, 无裂纹, 强度损失<3% = Keep). Direction is the one achieved.
	Effect
	// Drawback: an achievement's admitted bad state of its own (成本较高).
	// Direction is the bad direction it has (成本 Up).
	Drawback
)

// String returns "symptom", "wish", "effect" or "drawback".
func (k Kind) String() string {
	switch k {
	case Symptom:
		return "symptom"
	case Wish:
		return "wish"
	case Effect:
		return "effect"
	case Drawback:
		return "drawback"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Role says whose text is analysed: a need's (技术需求) or an achievement's
// (科技成果). The same words mean different things in each: 能耗降低 is an
// effect in an achievement and (usually) a wish in a need; 能耗高 is a need's
// symptom and an achievement's drawback or background.
type Role uint8

const (
	// Need: an enterprise's or hospital's problem text.
	Need Role = iota + 1
	// Achievement: a university's or institute's technology text.
	Achievement
)

// String returns "need" or "achievement".
func (r Role) String() string {
	switch r {
	case Need:
		return "need"
	case Achievement:
		return "achievement"
	}
	return "role(" + strconv.Itoa(int(r)) + ")"
}

// Span is a half-open range of byte offsets into the analysed text; both
// ends lie on rune boundaries. A plain value.
type Span struct {
	Start, End int
}

// CueKind is the part a cue word played in a statement.
type CueKind uint8

const (
	// CueVerb: a direction verb (降低, 提高, 消除, 改善, 控制在, 达到, 保持).
	CueVerb CueKind = iota + 1
	// CueAdjective: a state word (多, 高, 差, 不足, 超标, 只有).
	CueAdjective
	// CueComparator: a bound (≥, 不超过, 高于, 以上, 以内).
	CueComparator
	// CueNumber: a number bound to the statement (15%, 2倍, 9个月).
	CueNumber
	// CueNegation: 不, 无, 零, 无法 ….
	CueNegation
	// CueClaim: a word that asserts a good value by itself (耐腐蚀, 降噪, 轻量化).
	CueClaim
	// CueOccurrence: 出现, 容易, 存在, 导致 … before a defect.
	CueOccurrence
	// CueProblem: 问题, 现象, 隐患 … after a property.
	CueProblem
	// CueTime: a duration followed by 就/即/便 (半年就穿孔: too short a life).
	CueTime
	// CueMention: a defect named in a need with no other cue (铸件漏气).
	CueMention
)

var cueKindNames = [...]string{
	CueVerb: "verb", CueAdjective: "adjective", CueComparator: "comparator",
	CueNumber: "number", CueNegation: "negation", CueClaim: "claim",
	CueOccurrence: "occurrence", CueProblem: "problem", CueTime: "time",
	CueMention: "mention",
}

// String returns the kind's lower-case English name.
func (k CueKind) String() string {
	if int(k) < len(cueKindNames) && cueKindNames[k] != "" {
		return cueKindNames[k]
	}
	return "cue(" + strconv.Itoa(int(k)) + ")"
}

// Cue is one word that produced a statement: its text as written, its span
// in the analysed text and its part. A plain value.
type Cue struct {
	Text string
	Span Span
	Kind CueKind
}

// Statement is one (property, direction) read from a text, with the words
// that produced it. Statements are values; their strings are substrings of
// the analysed text. Extract never touches a statement after returning it:
// it may be read from any number of goroutines, and Cues must not be
// modified while others read it.
type Statement struct {
	Kind Kind
	// Property is the canonical property (能耗, 泄漏, 寿命, 合格率 …).
	Property string
	// Direction is on Property's axis: wanted (Symptom, Wish), achieved
	// (Effect) or held (Drawback). An inverse name is already mapped:
	// 气密性提高 is 泄漏 Down.
	Direction Direction
	// Term is the property's word as written (耗电, 气密性, 啸叫) and Target
	// its span. For a statement inferred from a duration (半年就穿孔 → 寿命
	// Up) Term is the failure word (穿孔).
	Term   string
	Target Span
	// Inverse is true when Term names the opposite of Property (气密性 for
	// 泄漏, 废品率 for 合格率).
	Inverse bool
	// Cues are the cue words, in text order.
	Cues []Cue
	// Phrase is the shortest piece of text holding Term and every cue, for
	// explanations (能耗降低15%), and Span its span.
	Phrase string
	Span   Span
	// Strength in (0,1]: 1 with an explicit number, 0.7 for a direction verb
	// or comparator, 0.4 for an adjective, claim word, negated defect,
	// occurrence or duration, 0.2 for a bare mention of a defect in a need.
	Strength float64
}

// String renders the statement compactly for logs and tests:
// "wish 能耗↓ 0.70 「降低能耗」".
func (s Statement) String() string {
	var b strings.Builder
	b.WriteString(s.Kind.String())
	b.WriteByte(' ')
	b.WriteString(s.Property)
	b.WriteString(s.Direction.Arrow())
	b.WriteByte(' ')
	b.WriteString(strconv.FormatFloat(s.Strength, 'f', 2, 64))
	b.WriteString(" 「")
	b.WriteString(s.Phrase)
	b.WriteString("」")
	return b.String()
}
