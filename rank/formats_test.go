package rank

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// configErrors returns every *ConfigError joined in err.
func configErrors(err error) []*ConfigError {
	var out []*ConfigError
	var walk func(error)
	walk = func(e error) {
		if ce, ok := e.(*ConfigError); ok {
			out = append(out, ce)
			return
		}
		switch u := e.(type) {
		case interface{ Unwrap() []error }:
			for _, x := range u.Unwrap() {
				walk(x)
			}
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		}
	}
	walk(err)
	return out
}

// wantProblem is one expected *ConfigError.
type wantProblem struct {
	kind error
	path string
	line int
	text string // a substring of its message
}

// TestFormatsAgree runs every case through Parse as YAML and as JSON (the
// two inputs have the same fields on the same lines) and checks that both
// formats give the same configuration or the same errors, with the same
// field paths and lines.
func TestFormatsAgree(t *testing.T) {
	tests := []struct {
		name       string
		yaml, json string
		edit       func(*Config) // for a valid input: what differs from DefaultConfig
		want       []wantProblem // for an invalid input: every problem
	}{
		{name: "partial", yaml: "weights:\n  text: 0.7\nmaturity:\n  near_gap: 3\n",
			json: "{\"weights\": {\n  \"text\": 0.7},\n\"maturity\": {\n  \"near_gap\": 3}}",
			edit: func(c *Config) { c.Weights.Text, c.Maturity.NearGap = 0.7, 3 }},
		{name: "null section and null value keep defaults", yaml: "weights:\nregion:\n  unknown: null\n",
			json: "{\"weights\": null,\n\"region\": {\n  \"unknown\": null}}", edit: func(*Config) {}},
		{name: "integer for a number, negative zero", yaml: "weights:\n  text: 2\n  region: -0\n",
			json: "{\"weights\": {\n  \"text\": 2,\n  \"region\": -0}}",
			edit: func(c *Config) { c.Weights.Text, c.Weights.Region = 2, 0 }},
		{name: "bounds are inclusive", yaml: "weights:\n  text: 1e6\nbudget:\n  far_ratio: 1e6\n  penalty: -10\n",
			json: "{\"weights\": {\n  \"text\": 1e6},\n\"budget\": {\n  \"far_ratio\": 1e6,\n  \"penalty\": -10}}",
			edit: func(c *Config) {
				c.Weights.Text, c.Budget.FarRatio, c.Budget.Penalty = MaxWeight, MaxFarRatio, MinPenalty
			}},
		{name: "duplicate field", yaml: "weights:\n  text: 0.1\n  text: 0.9\n",
			json: "{\"weights\": {\n  \"text\": 0.1,\n  \"text\": 0.9}}",
			want: []wantProblem{{ErrDuplicateKey, "weights.text", 3, `duplicate key "text" (first at line 2)`}}},
		{name: "duplicate section", yaml: "weights:\n  text: 0.1\nweights:\n  region: 0.9\n",
			json: "{\"weights\": {\n  \"text\": 0.1},\n\"weights\": {\n  \"region\": 0.9}}",
			want: []wantProblem{{ErrDuplicateKey, "weights", 3, "first at line 1"}}},
		{name: "duplicate same value", yaml: "budget:\n  mode: hard\n  mode: hard\n",
			json: "{\"budget\": {\n  \"mode\": \"hard\",\n  \"mode\": \"hard\"}}",
			want: []wantProblem{{ErrDuplicateKey, "budget.mode", 3, "duplicate"}}},
		{name: "duplicate inside an unknown field", yaml: "extra:\n  a: 1\n  a: 2\n",
			json: "{\"extra\": {\n  \"a\": 1,\n  \"a\": 2}}",
			want: []wantProblem{{ErrDuplicateKey, "extra.a", 3, "duplicate"}, {ErrUnknownField, "extra", 1, "unknown field"}}},
		{name: "duplicate inside a list", yaml: "extra:\n- a: 1\n  a: 2\n",
			json: "{\"extra\": [{\n  \"a\": 1,\n  \"a\": 2}]}",
			want: []wantProblem{{ErrDuplicateKey, "extra[0].a", 3, "duplicate"}, {ErrUnknownField, "extra", 1, "unknown field"}}},
		{name: "unknown field", yaml: "weights:\n  txt: 0.5\n", json: "{\"weights\": {\n  \"txt\": 0.5}}",
			want: []wantProblem{{ErrUnknownField, "weights.txt", 2, "weights has text, bigram, role, effect, exclusion, numeric, industry"}}},
		{name: "keys are case-sensitive", yaml: "Weights:\n  text: 0.5\n", json: "{\"Weights\": {\n  \"text\": 0.5}}",
			want: []wantProblem{{ErrUnknownField, "Weights", 1, "unknown field"}}},
		{name: "every problem reported", yaml: "weights:\n  txt: 0.5\n  text: x\n", json: "{\"weights\": {\n  \"txt\": 0.5,\n  \"text\": \"x\"}}",
			want: []wantProblem{{ErrUnknownField, "weights.txt", 2, "unknown"}, {ErrInvalidValue, "weights.text", 3, `"x" as a number`}}},
		{name: "string for a number", yaml: "weights:\n  text: \"0.5\"\n", json: "{\"weights\": {\n  \"text\": \"0.5\"}}",
			want: []wantProblem{{ErrInvalidValue, "weights.text", 2, `cannot use !!str "0.5" as a number`}}},
		{name: "bool for a number", yaml: "weights:\n  text: true\n", json: "{\"weights\": {\n  \"text\": true}}",
			want: []wantProblem{{ErrInvalidValue, "weights.text", 2, "!!bool"}}},
		{name: "number for a mode", yaml: "budget:\n  mode: 1\n", json: "{\"budget\": {\n  \"mode\": 1}}",
			want: []wantProblem{{ErrInvalidValue, "budget.mode", 2, `cannot use !!int "1" as a string`}}},
		{name: "fraction for an integer", yaml: "maturity:\n  near_gap: 2.5\n", json: "{\"maturity\": {\n  \"near_gap\": 2.5}}",
			want: []wantProblem{{ErrInvalidValue, "maturity.near_gap", 2, "not an integer"}}},
		{name: "2.0 for an integer", yaml: "maturity:\n  near_gap: 2.0\n", json: "{\"maturity\": {\n  \"near_gap\": 2.0}}",
			want: []wantProblem{{ErrInvalidValue, "maturity.near_gap", 2, "not an integer"}}},
		{name: "huge integer", yaml: "maturity:\n  near_gap: 99999999999999999999\n", json: "{\"maturity\": {\n  \"near_gap\": 99999999999999999999}}",
			want: []wantProblem{{ErrInvalidValue, "maturity.near_gap", 2, "not an integer"}}},
		{name: "weight 1e308", yaml: "weights:\n  text: 1e308\n", json: "{\"weights\": {\n  \"text\": 1e308}}",
			want: []wantProblem{{ErrInvalidValue, "weights.text", 2, "weight 1e+308 is not in [0, 1e+06]"}}},
		{name: "far_ratio 1e308", yaml: "budget:\n  far_ratio: 1e308\n", json: "{\"budget\": {\n  \"far_ratio\": 1e308}}",
			want: []wantProblem{{ErrInvalidValue, "budget.far_ratio", 2, "1e+308 is not in (1, 1e+06]"}}},
		{name: "number beyond float64", yaml: "weights:\n  text: 1e400\n", json: "{\"weights\": {\n  \"text\": 1e400}}",
			want: []wantProblem{{ErrInvalidValue, "weights.text", 2, "1e400 is outside the float64 range"}}},
		{name: "all weights 0", yaml: "weights:\n  text: 0\n  bigram: 0\n  role: 0\n  effect: 0\n  exclusion: 0\n  numeric: 0\n  industry: 0\n  maturity: 0\n  budget: 0\n  transfer_mode: 0\n  region: 0\n  supplier_tier: 0\n  demand_priority: 0\n",
			json: "{\"weights\": {\n  \"text\": 0,\n  \"bigram\": 0,\n  \"role\": 0,\n  \"effect\": 0,\n  \"exclusion\": 0,\n  \"numeric\": 0,\n  \"industry\": 0,\n  \"maturity\": 0,\n  \"budget\": 0,\n  \"transfer_mode\": 0,\n  \"region\": 0,\n  \"supplier_tier\": 0,\n  \"demand_priority\": 0}}",
			want: []wantProblem{{ErrInvalidValue, "weights", 1, "all weights are 0"}}},
		{name: "mapping for a number", yaml: "weights:\n  text:\n    a: 1\n", json: "{\"weights\": {\n  \"text\": {\n    \"a\": 1}}}",
			want: []wantProblem{{ErrInvalidValue, "weights.text", 2, "want a float64, got !!map"}}},
		{name: "list for a section", yaml: "weights:\n- 1\n", json: "{\"weights\": [\n 1]}",
			want: []wantProblem{{ErrInvalidValue, "weights", 1, "want a mapping of fields for weights, got !!seq"}}},
		{name: "CR and CRLF line ends", yaml: "weights:\r  text: 0.1\r\n  text: 0.2\n",
			json: "{\"weights\": {\r  \"text\": 0.1,\r\n  \"text\": 0.2}}",
			want: []wantProblem{{ErrDuplicateKey, "weights.text", 3, "first at line 2"}}},
		{name: "not a mapping", yaml: "- 1\n", json: "[1]",
			want: []wantProblem{{ErrInvalidValue, "", 1, "want a mapping of fields for config, got !!seq"}}},
	}
	for _, tt := range tests {
		for _, format := range []string{"yaml", "json"} {
			t.Run(tt.name+"/"+format, func(t *testing.T) {
				in := tt.yaml
				if format == "json" {
					in = tt.json
				}
				got, err := Parse([]byte(in), format)
				if tt.want == nil {
					require.NoError(t, err, "Parse(%q)", in)
					want := DefaultConfig()
					tt.edit(&want)
					assert.Equal(t, want, got, "Parse(%q): got %+v, want %+v", in, got, want)
					return
				}
				require.Error(t, err, "Parse(%q): want an error", in)
				ps := configErrors(err)
				require.Len(t, ps, len(tt.want), "Parse(%q): got problems %v, want %d", in, err, len(tt.want))
				for _, w := range tt.want {
					found := false
					for _, p := range ps {
						if errors.Is(p, w.kind) && p.Path == w.path {
							found = true
							assert.Equal(t, w.line, p.Line, "%s: line: got %d, want %d", w.path, p.Line, w.line)
							assert.Contains(t, p.Error(), w.text, "%s: message %q should contain %q", w.path, p, w.text)
						}
					}
					assert.True(t, found, "Parse(%q): no %v at %q in %v", in, w.kind, w.path, err)
				}
				assert.True(t, strings.HasPrefix(err.Error(), "rank config: "), "error %q starts with rank config:", err)
			})
		}
	}
}

// TestJSONEscapes checks that JSON is tokenised by encoding/json: escapes
// the YAML parser rejects ("\/") or decodes differently are JSON's.
func TestJSONEscapes(t *testing.T) {
	got, err := Parse([]byte(`{"budget": {"mode": "h\u0061rd"}, "we\u0069ghts": {"text": 0.5}}`), "json")
	require.NoError(t, err, "escaped keys and values")
	assert.Equal(t, Hard, got.Budget.Mode, "mode: got %q, want hard", got.Budget.Mode)
	assert.InDelta(t, 0.5, got.Weights.Text, 0, "weights.text")
	_, err = Parse([]byte(`{"budget": {"mode": "h\/rd"}}`), "json")
	require.Error(t, err, "h/rd is not a mode")
	assert.Contains(t, err.Error(), `mode "h/rd" is not soft, hard or off`, "the escape is decoded, not a syntax error: %v", err)
	_, err = Parse([]byte(`{"weights": {"text": 0.1}, "weights": {"te\u0078t": 0.2}}`), "json")
	assert.ErrorIs(t, err, ErrDuplicateKey, "an escaped key is the same key: %v", err)
}

func TestConfigErrorFormat(t *testing.T) {
	tests := []struct {
		in   ConfigError
		want string
	}{
		{ConfigError{File: "w.yaml", Line: 3, Path: "weights.text", Kind: ErrInvalidValue, Msg: "bad"}, "w.yaml:3: weights.text: bad"},
		{ConfigError{File: "w.yaml", Kind: ErrSyntax, Msg: "invalid YAML", Err: errors.New("yaml: x")}, "w.yaml: invalid YAML: yaml: x"},
		{ConfigError{Line: 2, Path: "budget", Kind: ErrDuplicateKey, Msg: "dup"}, "line 2: budget: dup"},
		{ConfigError{Path: "weights", Kind: ErrInvalidValue, Msg: "all weights are 0"}, "weights: all weights are 0"},
	}
	for _, tt := range tests {
		got := tt.in.Error()
		assert.Equal(t, tt.want, got, "Error(): got %q, want %q", got, tt.want)
		assert.ErrorIs(t, &tt.in, tt.in.Kind, "Is(Kind)")
		if tt.in.Err != nil {
			assert.ErrorIs(t, &tt.in, tt.in.Err, "Is(Err)")
		}
	}
	c := DefaultConfig()
	c.Weights.Text, c.Region.Unknown = math.NaN(), 2
	ps := configErrors(c.Validate())
	require.Len(t, ps, 2, "Validate reports both fields")
	assert.Equal(t, []string{"weights.text", "region.unknown"}, []string{ps[0].Path, ps[1].Path}, "paths in field order")
	assert.Equal(t, []string{"NaN", "2"}, []string{ps[0].Value, ps[1].Value}, "values")
	assert.Zero(t, ps[0].Line, "Validate knows no line")
}
