package intent

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
)

// ErrCompatValue is matched (errors.Is) when a compatibility value is not
// a finite number in [-1, 1].
var ErrCompatValue = errors.New("compatibility value not in [-1, 1]")

// Compatibility is a table NeedIntent × Role → value in [-1, 1]: how well
// an achievement of that role answers a need of that intent (1: what the
// need asks for; -1: what an agent would never propose). The unknown kinds
// always give 0. The zero value is all zeros; start from
// DefaultCompatibility.
//
// A plain value (an array): safe to copy, and to read from any number of
// goroutines; Set and the Unmarshal methods modify it and must not run
// concurrently with readers.
//
// In JSON and YAML it is a mapping need → role → value with the kind names
// ({"remedy": {"monitoring": -0.8}}); unmarshalling overlays the entries
// given onto the current table, so decoding a weights file into
// DefaultCompatibility() changes only what the file names.
type Compatibility struct {
	v [numNeeds][numRoles]float64
}

// DefaultCompatibility returns the table an experienced technology-transfer
// agent would agree with:
//
//	          process material device monitoring software service
//	remedy       0.6     0.6    0.5      -0.8     -0.3   -0.2
//	detect      -0.3    -0.4    0.1       0.8      0.3    0.1
//	test        -0.5    -0.5   -0.3       0.3     -0.2    0.8
//	buy         -0.3     0.4    0.6       0.1     -0.2   -0.5
//	service     -0.3    -0.6   -0.4       0.2      0.7    0.6
//
// Reasoning:
//   - remedy: a plant whose castings leak wants what removes the cause — an
//     impregnation process, a new alloy, a heat pump; an agent never
//     proposes a leak tester, a monitoring platform or a forecasting model
//     (monitoring -0.8: it shares the symptom's words but leaves the
//     problem in place). Software rarely removes a physical cause (-0.3);
//     a consulting or testing service may help find it but does not fix it
//     (-0.2). Devices are slightly below processes and materials because a
//     remedy is often a change of process or material in existing
//     equipment.
//   - detect: the need asks for detection on purpose, so monitoring,
//     inspection and diagnosis fit (0.8) and monitoring platforms fit
//     (0.3); a device may carry the sensing (0.1); a process or material
//     is what the need does not ask for (-0.3, -0.4: mildly negative, the
//     "remedy" of a detection need is still detection).
//   - test: the need wants something tested, certified or evaluated,
//     usually by others: a testing service fits best (0.8); a test method
//     or bench helps (0.3); processes, materials and devices do not answer
//     it.
//   - buy: equipment or material bought as such: devices (0.6) and
//     materials (0.4) that are products fit; monitoring equipment is
//     equipment too (0.1); a process to license or a service is not a
//     purchase (-0.3, -0.5). A need that buys a detection instrument is
//     classified detect, not buy (the object of the purchase decides:
//     采购|自动检漏设备, 检测设备+供货商), so this row meets purchases of other
//     equipment, for which a monitoring system of the same machine is a
//     look-alike.
//   - service: software, platforms, consulting, training: software (0.7)
//     and services (0.6) fit; analysis and monitoring platforms a little
//     (0.2); hardware and materials do not.
func DefaultCompatibility() Compatibility {
	var c Compatibility
	rows := [...]struct {
		n NeedIntent
		v [numRoles]float64
	}{
		//                  unknown process material device monitoring software service
		{NeedRemedy, [numRoles]float64{0, 0.6, 0.6, 0.5, -0.8, -0.3, -0.2}},
		{NeedDetect, [numRoles]float64{0, -0.3, -0.4, 0.1, 0.8, 0.3, 0.1}},
		{NeedTest, [numRoles]float64{0, -0.5, -0.5, -0.3, 0.3, -0.2, 0.8}},
		{NeedBuy, [numRoles]float64{0, -0.3, 0.4, 0.6, 0.1, -0.2, -0.5}},
		{NeedService, [numRoles]float64{0, -0.3, -0.6, -0.4, 0.2, 0.7, 0.6}},
	}
	for _, r := range rows {
		c.v[r.n] = r.v
	}
	return c
}

// Get returns the value for a need intent and a role; 0 when either is
// unknown or out of range.
func (c Compatibility) Get(n NeedIntent, r Role) float64 {
	if n == NeedUnknown || r == RoleUnknown || int(n) >= numNeeds || int(r) >= numRoles {
		return 0
	}
	return c.v[n][r]
}

// Set sets one value. It fails (ErrUnknownKind) for an unknown or
// out-of-range kind and (ErrCompatValue) for a value that is not finite or
// not in [-1, 1], leaving the table unchanged.
func (c *Compatibility) Set(n NeedIntent, r Role, v float64) error {
	if n == NeedUnknown || int(n) >= numNeeds {
		return fmt.Errorf("intent: compatibility: %w: need intent %s", ErrUnknownKind, n)
	}
	if r == RoleUnknown || int(r) >= numRoles {
		return fmt.Errorf("intent: compatibility: %w: role %s", ErrUnknownKind, r)
	}
	if math.IsNaN(v) || v < -1 || v > 1 {
		return fmt.Errorf("intent: compatibility %s.%s = %v: %w", n, r, v, ErrCompatValue)
	}
	c.v[n][r] = v
	return nil
}

// Map returns the table as need name → role name → value (known kinds
// only), the form written to weights files.
func (c Compatibility) Map() map[string]map[string]float64 {
	m := make(map[string]map[string]float64, numNeeds-1)
	for _, n := range NeedIntents() {
		row := make(map[string]float64, numRoles-1)
		for _, r := range Roles() {
			row[r.String()] = c.v[n][r]
		}
		m[n.String()] = row
	}
	return m
}

// Apply sets the entries of m (need name → role name → value; names as
// ParseNeedIntent and ParseRole accept them). It reports every bad entry,
// naming it ("remedy.monitorin: unknown kind"), joined; the table is only
// changed when there is none.
func (c *Compatibility) Apply(m map[string]map[string]float64) error {
	next := *c
	var errs []error
	for _, ns := range sortedKeys(m) {
		n, err := ParseNeedIntent(ns)
		if err == nil && n == NeedUnknown {
			err = fmt.Errorf("intent: %w %q: the unknown intent has no row", ErrUnknownKind, ns)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("compatibility %s: %w", ns, err))
			continue
		}
		for _, rs := range sortedKeys(m[ns]) {
			r, err := ParseRole(rs)
			if err == nil && r == RoleUnknown {
				err = fmt.Errorf("intent: %w %q: the unknown role has no column", ErrUnknownKind, rs)
			}
			if err != nil {
				errs = append(errs, fmt.Errorf("compatibility %s.%s: %w", ns, rs, err))
				continue
			}
			if err := next.Set(n, r, m[ns][rs]); err != nil {
				errs = append(errs, fmt.Errorf("compatibility %s.%s: %w", ns, rs, err))
			}
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	*c = next
	return nil
}

// sortedKeys returns the keys of m, sorted (errors come in a stable order).
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// MarshalJSON writes the table as Map does.
func (c Compatibility) MarshalJSON() ([]byte, error) { return json.Marshal(c.Map()) }

// UnmarshalJSON overlays the entries of a JSON mapping (see Apply).
func (c *Compatibility) UnmarshalJSON(b []byte) error {
	var m map[string]map[string]float64
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("intent: compatibility: %w", err)
	}
	return c.Apply(m)
}

// MarshalYAML returns the table as Map does (for go.yaml.in/yaml/v3 and
// gopkg.in/yaml.v3).
func (c Compatibility) MarshalYAML() (any, error) { return c.Map(), nil }

// UnmarshalYAML overlays the entries of a YAML mapping (see Apply).
func (c *Compatibility) UnmarshalYAML(unmarshal func(any) error) error {
	var m map[string]map[string]float64
	if err := unmarshal(&m); err != nil {
		return fmt.Errorf("intent: compatibility: %w", err)
	}
	return c.Apply(m)
}

// Score returns the expected compatibility of a need and an achievement
// over their decisions and runner-ups, weighted by confidence:
// Σ p(need kind) × p(role) × value, with p the Confidence of Kind and
// RunnerUpConfidence of RunnerUp. It is in [-1, 1] (the confidences of one
// result sum to at most 1), and 0 when either side is unknown. O(1).
func (c Compatibility) Score(n NeedResult, a RoleResult) float64 {
	ns := [2]struct {
		k NeedIntent
		p float64
	}{{n.Kind, n.Confidence}, {n.RunnerUp, n.RunnerUpConfidence}}
	as := [2]struct {
		k Role
		p float64
	}{{a.Kind, a.Confidence}, {a.RunnerUp, a.RunnerUpConfidence}}
	s := 0.0
	for _, x := range ns {
		for _, y := range as {
			s += x.p * y.p * c.Get(x.k, y.k)
		}
	}
	return math.Max(-1, math.Min(1, s))
}

// Explain returns a one-line Chinese explanation of the pair for an agency,
// with up to two cue words per side, such as
// "需求为解决问题（漏气、降低）；该成果为检测监测分析（在线监测系统）". It is "" when
// either side is unknown.
func Explain(n NeedResult, a RoleResult) string {
	if n.Kind == NeedUnknown || a.Kind == RoleUnknown {
		return ""
	}
	return "需求为" + n.Kind.Label() + cueSuffix(n.CuesOf(n.Kind)) + "；该成果为" + a.Kind.Label() + cueSuffix(a.CuesOf(a.Kind))
}

// cueSuffix formats up to two distinct cue words as "（a、b）".
func cueSuffix[K Kind](cs []Cue[K]) string {
	var words []string
	for _, c := range cs {
		if len(words) == 2 {
			break
		}
		dup := false
		for _, w := range words {
			if w == c.Word {
				dup = true
			}
		}
		if !dup {
			words = append(words, c.Word)
		}
	}
	if len(words) == 0 {
		return ""
	}
	return "（" + strings.Join(words, "、") + "）"
}
