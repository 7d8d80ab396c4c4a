package outcome

import (
	"errors"
	"fmt"
	"strings"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/internal/inert"
)

// Outcome is what happened to a proposed pair, one of the constants. It is
// a plain value, safe to share.
type Outcome string

// The outcomes, by the Chinese terms staff use.
const (
	Connected  Outcome = "已对接"
	Interested Outcome = "有意向"
	Rejected   Outcome = "不合适"
)

// Grade returns the judgment grade of o: Connected 2, Interested 1,
// Rejected 0 (and 0 for anything else).
func (o Outcome) Grade() int {
	switch o {
	case Connected:
		return 2
	case Interested:
		return 1
	}
	return 0
}

// Reason is why a pair was judged as it was, one of the constants or ""
// (not given). It is a plain value, safe to share.
type Reason string

// The reason codes.
const (
	ReasonTechnology Reason = "技术不符"
	ReasonMaturity   Reason = "成熟度不够"
	ReasonPrice      Reason = "价格"
	ReasonRegion     Reason = "地域"
	ReasonSolved     Reason = "已有方案"
	ReasonOther      Reason = "其他"
)

// Kinds of problems, for errors.Is on a Problem or a *techmatch.CatalogError.
var (
	ErrMissing        = errors.New("missing value")
	ErrUnknownOutcome = errors.New("unknown outcome")
	ErrUnknownReason  = errors.New("unknown reason code")
	ErrBadDate        = errors.New("bad date")
	ErrUnknownID      = errors.New("unknown id")
	ErrMalformed      = errors.New("malformed record")
)

var outcomeNames = map[string]Outcome{
	"已对接": Connected, "对接成功": Connected, "已签约": Connected, "connected": Connected, "deal": Connected, "2": Connected,
	"有意向": Interested, "意向": Interested, "interested": Interested, "interest": Interested, "1": Interested,
	"不合适": Rejected, "不匹配": Rejected, "rejected": Rejected, "reject": Rejected, "unsuitable": Rejected, "0": Rejected,
}

var reasonNames = map[string]Reason{
	"技术不符": ReasonTechnology, "technology": ReasonTechnology, "tech": ReasonTechnology,
	"成熟度不够": ReasonMaturity, "成熟度不足": ReasonMaturity, "maturity": ReasonMaturity,
	"价格": ReasonPrice, "价格不合适": ReasonPrice, "price": ReasonPrice,
	"地域": ReasonRegion, "region": ReasonRegion,
	"已有方案": ReasonSolved, "solved": ReasonSolved, "has_solution": ReasonSolved,
	"其他": ReasonOther, "其它": ReasonOther, "other": ReasonOther,
}

// ParseOutcome returns the outcome written s: 已对接, 有意向, 不合适, the
// English connected, interested, rejected, or the grades 2, 1, 0 (a few
// synonyms too: 对接成功, 意向, 不匹配). Spaces around s and ASCII case are
// ignored.
func ParseOutcome(s string) (Outcome, error) {
	if o, ok := outcomeNames[strings.ToLower(strings.TrimSpace(s))]; ok {
		return o, nil
	}
	return "", fmt.Errorf("%q: want 已对接, 有意向 or 不合适: %w", inert.Terminal(s), ErrUnknownOutcome)
}

// ParseReason returns the reason code written s: 技术不符, 成熟度不够, 价格,
// 地域, 已有方案, 其他 or the English technology, maturity, price, region,
// solved, other; "" is no reason.
func ParseReason(s string) (Reason, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "", nil
	}
	if r, ok := reasonNames[s]; ok {
		return r, nil
	}
	return "", fmt.Errorf("%q: want 技术不符, 成熟度不够, 价格, 地域, 已有方案 or 其他: %w", inert.Terminal(s), ErrUnknownReason)
}

// Record is one line of a feedback file. File and Line say where it was
// read (Line is the 1-based line of JSONL and CSV, the row of XLSX).
// Records are plain values, safe to copy and share.
type Record struct {
	NeedID        string  `json:"need_id"`
	AchievementID string  `json:"achievement_id"`
	Outcome       Outcome `json:"outcome"`
	Reason        Reason  `json:"reason,omitempty"`
	// Date is YYYY-MM-DD or "".
	Date string `json:"date,omitempty"`
	Note string `json:"note,omitempty"`
	File string `json:"-"`
	Line int    `json:"-"`
}

// Problem is one thing wrong with one record of a feedback file, with
// the catalogs' type: file, line (XLSX: row), field, id and cause.
type Problem = techmatch.Problem

// Options configure reading. The zero value reads strictly with
// techmatch.DefaultLimits(), the CLI's defaults.
type Options struct {
	// Limits bound what the file may cost (zero fields: defaults).
	Limits techmatch.Limits
	// Lenient skips bad records and returns them as problems instead of
	// failing.
	Lenient bool
	// Sheet is the XLSX sheet to read; "" is the first.
	Sheet string
}

// Validate reports whether o is usable.
func (o Options) Validate() error { return o.Limits.Validate() }

// limits returns o's limits with defaults filled in.
func (o Options) limits() techmatch.Limits { return o.Limits.WithDefaults() }

// CheckIDs returns a problem (ErrUnknownID) for every record whose need or
// achievement id is not in the catalogs (hasNeed, hasAchievement report
// whether an id is). O(len(recs)).
func CheckIDs(recs []Record, hasNeed, hasAchievement func(id string) bool) []Problem {
	var probs []Problem
	for _, r := range recs {
		if !hasNeed(r.NeedID) {
			probs = append(probs, Problem{File: r.File, Line: r.Line, Field: "need_id", ID: r.NeedID, Err: fmt.Errorf("not in the needs catalog: %w", ErrUnknownID)})
		}
		if !hasAchievement(r.AchievementID) {
			probs = append(probs, Problem{File: r.File, Line: r.Line, Field: "achievement_id", ID: r.AchievementID, Err: fmt.Errorf("not in the achievements catalog: %w", ErrUnknownID)})
		}
	}
	return probs
}
