package audience

import (
	"errors"
	"fmt"
	"strings"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/internal/inert"
)

// Audience is who reads match output; see the package documentation. The
// zero value is Internal. It is a plain value, safe to share.
type Audience string

// The audiences.
const (
	Internal   Audience = "internal"
	Supplier   Audience = "supplier"
	Enterprise Audience = "enterprise"
)

// Default is the audience of the library and of the CLI's --audience.
const Default = Internal

// ErrAudience is wrapped by Parse's errors.
var ErrAudience = errors.New("unknown audience")

// Parse returns the audience named s: internal, supplier or enterprise,
// or their aliases agency, demand (the names) and 机构, 高校/成果方,
// 企业/需求方. "" is Default.
func Parse(s string) (Audience, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "internal", "agency", "机构":
		return Internal, nil
	case "supplier", "高校", "成果方":
		return Supplier, nil
	case "enterprise", "demand", "企业", "需求方":
		return Enterprise, nil
	}
	return "", fmt.Errorf("audience %q: want internal, supplier or enterprise: %w", inert.Terminal(s), ErrAudience)
}

// Validate reports whether a is one of the audiences ("" is Internal).
func (a Audience) Validate() error {
	if a == "" {
		return nil
	}
	_, err := Parse(string(a))
	if err == nil && a != Internal && a != Supplier && a != Enterprise {
		return fmt.Errorf("audience %q: use the canonical name from Parse: %w", inert.Terminal(string(a)), ErrAudience)
	}
	return err
}

// Marker columns: a "public" column says yes when the record is public, a
// "secret" column says yes when it is confidential.
var (
	publicNames = []string{"是否公开", "公开", "public", "is_public"}
	secretNames = []string{"是否保密", "保密", "confidential", "secret"}
	yesValues   = []string{"是", "yes", "y", "true", "1", "t", "√"}
	noValues    = []string{"否", "no", "n", "false", "0", "f", "×"}
)

// verdict of one marker value.
type verdict int

const (
	vEmpty verdict = iota
	vPublic
	vSecret
	vUnknown
)

func in(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// read returns the verdict of one extra field, and whether it is a marker.
func read(f techmatch.Field) (verdict, bool) {
	name := strings.TrimSpace(f.Name)
	v := strings.TrimSpace(f.Value)
	var yes, no verdict
	switch {
	case in(publicNames, name):
		yes, no = vPublic, vSecret
	case in(secretNames, name):
		yes, no = vSecret, vPublic
	default:
		return 0, false
	}
	switch {
	case v == "":
		return vEmpty, true
	case in(yesValues, v):
		return yes, true
	case in(noValues, v):
		return no, true
	case v == "公开":
		return vPublic, true
	case v == "不公开" || v == "保密" || v == "非公开":
		return vSecret, true
	}
	return vUnknown, true
}

// Confidential reports whether a record with these extra columns is
// confidential; see the package documentation. O(len(extra)).
func Confidential(extra techmatch.Extra) bool {
	c, _ := classify(extra)
	return c
}

// classify returns whether extra marks a confidential record and, when the
// marking is unclear, why.
func classify(extra techmatch.Extra) (bool, error) {
	var pub, sec bool
	var bad error
	for _, f := range extra {
		v, ok := read(f)
		if !ok {
			continue
		}
		switch v {
		case vPublic:
			pub = true
		case vSecret:
			sec = true
		case vUnknown:
			sec = true
			if bad == nil {
				bad = fmt.Errorf("field %q: %q is neither yes (是, 公开, yes, true, 1) nor no (否, 不公开, 保密, no, false, 0); treated as confidential: %w",
					inert.Terminal(f.Name), inert.Terminal(f.Value), ErrMarker)
			}
		}
	}
	if pub && sec && bad == nil {
		bad = fmt.Errorf("confidentiality columns disagree; treated as confidential: %w", ErrMarker)
	}
	return sec, bad
}

// ErrMarker is wrapped by the errors of Check: a confidentiality column
// whose value is unclear.
var ErrMarker = errors.New("unclear confidentiality marker")

// MarkerError is one record whose confidentiality marking is unclear. It
// is a plain value, safe to share.
type MarkerError struct {
	Kind string // "need" or "achievement"
	ID   string
	Err  error
}

// Error reads like `need N0012: field "是否公开": "待定" is neither …`.
func (e *MarkerError) Error() string {
	return fmt.Sprintf("%s %s: %v", e.Kind, inert.Terminal(e.ID), e.Err)
}

// Unwrap returns the cause (errors.Is ErrMarker).
func (e *MarkerError) Unwrap() error { return e.Err }

// Check returns a *MarkerError for every record whose marking is unclear
// (they are treated as confidential; callers print these as warnings).
// O(total extra fields).
func Check(needs []techmatch.Need, achs []techmatch.Achievement) []error {
	var errs []error
	for i := range needs {
		if _, err := classify(needs[i].Extra); err != nil {
			errs = append(errs, &MarkerError{Kind: "need", ID: needs[i].ID, Err: err})
		}
	}
	for i := range achs {
		if _, err := classify(achs[i].Extra); err != nil {
			errs = append(errs, &MarkerError{Kind: "achievement", ID: achs[i].ID, Err: err})
		}
	}
	return errs
}
