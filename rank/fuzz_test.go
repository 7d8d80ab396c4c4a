package rank

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/techmatch/techmatch"
)

// fuzzPairs are the fixed pairs the weights fuzz targets score under every
// configuration that parses: ordinary, extreme (price 1e300, subnormal
// budget, TRL 9 vs 1) and empty records.
var fuzzPairs = []struct {
	n    *techmatch.Need
	a    *techmatch.Achievement
	text float64
}{
	{&techmatch.Need{Industries: []ind{"auto"}, OrgType: techmatch.Leading, Region: "哈尔滨", MinMaturity: 5, Budget: 100, TransferModes: []tm{"assign"}},
		&techmatch.Achievement{Industries: []ind{"auto"}, Owner: "哈尔滨工业大学", Region: "哈尔滨", Maturity: 7, Price: 80, TransferModes: []tm{"assign"}}, 0.8},
	{&techmatch.Need{Industries: []ind{"energy"}, IndustriesInferred: true, Region: "吉林长春", MinMaturity: 9, Budget: 5e-324, TransferModes: []tm{"assign"}},
		&techmatch.Achievement{Industries: []ind{"energy"}, IndustriesInferred: true, Region: "北京", Maturity: 1, Price: 1e300, TransferModes: []tm{"license"}}, 1},
	{&techmatch.Need{MinMaturity: 8, Budget: 100, OrgType: techmatch.Hospital},
		&techmatch.Achievement{Maturity: 7, Price: 150, Owner: "中国科学院长春应用化学研究所"}, math.NaN()},
	{&techmatch.Need{Budget: math.MaxFloat64, MinMaturity: 9}, &techmatch.Achievement{Price: math.MaxFloat64, Maturity: 9}, math.Inf(1)},
	{&techmatch.Need{}, &techmatch.Achievement{}, 0},
	{nil, nil, -1},
}

// fuzzWeights is the body of FuzzWeightsJSON and FuzzWeightsYAML: Parse
// never panics; a rejection is a list of *ConfigError of a known kind on a
// line of the input; an accepted configuration is valid, scores the fixed
// pairs finitely with contributions summing to the score and
// JSON-encodable explanations, and survives Marshal → Parse unchanged.
func fuzzWeights(t *testing.T, data []byte, format string) {
	cfg, err := Parse(data, format)
	if err != nil {
		ps := configErrors(err)
		if len(ps) == 0 {
			t.Fatalf("Parse error %v holds no *ConfigError", err)
		}
		// At most one line per break YAML knows ("\r\n" counts twice here).
		lines := 1
		for _, br := range []string{"\n", "\r", "\u0085", "\u2028", "\u2029"} {
			lines += bytes.Count(data, []byte(br))
		}
		for _, p := range ps {
			if !errors.Is(p, ErrSyntax) && !errors.Is(p, ErrUnknownField) && !errors.Is(p, ErrDuplicateKey) && !errors.Is(p, ErrInvalidValue) {
				t.Fatalf("problem %v has kind %v", p, p.Kind)
			}
			if p.Line < 0 || p.Line > lines {
				t.Fatalf("problem %v: line %d outside 0–%d", p, p.Line, lines)
			}
		}
		return
	}
	if err := cfg.Validate(); err != nil {
		t.Fatalf("Parse accepted a config Validate rejects: %v", err)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	for _, p := range fuzzPairs {
		checkFinite(t, s, p.n, p.a, p.text)
	}
	out, err := Marshal(cfg, format)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	back, err := Parse(out, format)
	if err != nil {
		t.Fatalf("Parse(Marshal(cfg)): %v\n%s", err, out)
	}
	if back != cfg {
		t.Fatalf("round trip: got %+v, want %+v", back, cfg)
	}
}

func FuzzWeightsJSON(f *testing.F) {
	def, err := Marshal(DefaultConfig(), "json")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{string(def), `{"weights": {"text": 0.7}}`, `{"weights": {"text": 1e308}}`,
		`{"weights": {"text": 0.1, "text": 0.9}}`, `{"maturity": {"near_gap": 2.0}}`, `{"budget": {"mode": "h\u0061rd"}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzWeights(t, data, "json")
		cfg, err := Parse(data, "json")
		if err != nil {
			return
		}
		// Differential check: what Parse accepts, encoding/json decodes
		// (strictly) to the same configuration.
		want := DefaultConfig()
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&want); err != nil {
			t.Fatalf("Parse accepted %q, encoding/json rejects it: %v", data, err)
		}
		if want != cfg {
			t.Fatalf("Parse(%q) = %+v, encoding/json gives %+v", data, cfg, want)
		}
	})
}

func FuzzWeightsYAML(f *testing.F) {
	def, err := Marshal(DefaultConfig(), "yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{string(def), "weights:\n  text: 0.7\n", "weights:\n  text: 1e308\n",
		"weights:\n  text: 0.1\n  text: 0.9\n", "a: &x {b: 1}\nweights: *x\n", "weights:\n  text: 1\n---\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzWeights(t, data, "yaml") })
}
