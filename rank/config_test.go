package rank

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644), "write %s", p)
	return p
}

func TestDefaultConfig(t *testing.T) {
	c := DefaultConfig()
	require.NoError(t, c.Validate(), "default config is valid")
	assert.InDelta(t, 1.0, c.Weights.Sum(), eps, "default weights sum: got %v, want 1", c.Weights.Sum())
	assert.Equal(t, Soft, c.Maturity.Mode, "maturity mode")
	assert.Equal(t, Soft, c.Budget.Mode, "budget mode")
	assert.Equal(t, Soft, c.TransferMode.Mode, "transfer_mode mode")
	p := c.DemandPriority
	assert.True(t, p.Leading > p.HighTech && p.HighTech > p.SME && p.SME == p.Hospital && p.SME > 0,
		"priority order leading > high_tech > sme = hospital > 0: %+v", p)
}

func TestLoad(t *testing.T) {
	tests := []struct {
		name, file, content string
		check               func(t *testing.T, c Config)
		wantErr             []string // substrings of the error; nil = success
		kind                error    // the *ConfigError's Kind; nil = not a ConfigError
		line                int      // its Line
	}{
		{
			name: "partial yaml keeps defaults", file: "w.yaml",
			content: "weights:\n  text: 0.7\n  region: 0.1\nmaturity:\n  mode: hard\n",
			check: func(t *testing.T, c Config) {
				want := DefaultConfig()
				want.Weights.Text, want.Weights.Region, want.Maturity.Mode = 0.7, 0.1, Hard
				assert.Equal(t, want, c, "got %+v, want %+v", c, want)
			},
		},
		{
			name: "partial json keeps defaults", file: "w.json",
			content: `{"weights": {"industry": 0.2}, "budget": {"far_ratio": 3, "mode": "off"}}`,
			check: func(t *testing.T, c Config) {
				want := DefaultConfig()
				want.Weights.Industry, want.Budget.FarRatio, want.Budget.Mode = 0.2, 3, Off
				assert.Equal(t, want, c, "got %+v, want %+v", c, want)
			},
		},
		{name: "yml extension", file: "w.yml", content: "region:\n  harbin_changchun: 0.65\n",
			check: func(t *testing.T, c Config) {
				assert.InDelta(t, 0.65, c.Region.Cluster, eps, "region.harbin_changchun: got %v", c.Region.Cluster)
			}},
		{name: "empty yaml is defaults", file: "w.yaml", content: "",
			check: func(t *testing.T, c Config) { assert.Equal(t, DefaultConfig(), c, "empty file") }},
		{name: "null section keeps defaults", file: "w.yaml", content: "weights:\n",
			check: func(t *testing.T, c Config) { assert.Equal(t, DefaultConfig(), c, "null section") }},
		{name: "unknown yaml key", file: "w.yaml", content: "weights:\n  txt: 0.5\n",
			wantErr: []string{"weights.txt", "unknown field", ":2:"}, kind: ErrUnknownField, line: 2},
		{name: "unknown top-level json key", file: "w.json", content: `{"wieghts": {}}`,
			wantErr: []string{"wieghts", "unknown field"}, kind: ErrUnknownField, line: 1},
		{name: "bad yaml value names field", file: "w.yaml", content: "weights:\n  text: abc\n",
			wantErr: []string{"weights.text", ":2:", `"abc"`}, kind: ErrInvalidValue, line: 2},
		{name: "bad json value names field", file: "w.json", content: "{\"maturity\":\n {\"near_gap\": \"two\"}}",
			wantErr: []string{"maturity.near_gap", `"two"`}, kind: ErrInvalidValue, line: 2},
		{name: "invalid value names field", file: "w.yaml", content: "weights:\n  budget: -0.1\n",
			wantErr: []string{"weights.budget", "-0.1"}, kind: ErrInvalidValue, line: 2},
		{name: "huge weight names field and value", file: "w.yaml", content: "budget:\n  mode: hard\nweights:\n  text: 1e308\n",
			wantErr: []string{"weights.text", "1e+308", "[0, 1e+06]"}, kind: ErrInvalidValue, line: 4},
		{name: "invalid mode names field", file: "w.json", content: `{"transfer_mode": {"mode": "strict"}}`,
			wantErr: []string{"transfer_mode.mode", "strict"}, kind: ErrInvalidValue, line: 1},
		{name: "section not a mapping", file: "w.yaml", content: "weights: 3\n",
			wantErr: []string{"weights", "mapping"}, kind: ErrInvalidValue, line: 1},
		{name: "json syntax error", file: "w.json", content: "{\"weights\":\n\n ",
			wantErr: []string{"invalid JSON"}, kind: ErrSyntax, line: 3},
		{name: "yaml syntax error", file: "w.yaml", content: "weights: [\n",
			wantErr: []string{"invalid YAML", "line 1"}, kind: ErrSyntax},
		{name: "two yaml documents", file: "w.yaml", content: "weights:\n  text: 1\n---\nweights:\n  text: 2\n",
			wantErr: []string{"more than one YAML document"}, kind: ErrSyntax, line: 3},
		{name: "unknown extension", file: "w.toml", content: "",
			wantErr: []string{"w.toml", "unknown config format"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, tt.file, tt.content)
			c, err := Load(p)
			if tt.wantErr != nil {
				require.Error(t, err, "Load(%s): want error", tt.content)
				for _, w := range tt.wantErr {
					assert.Contains(t, err.Error(), w, "error %q should contain %q", err, w)
				}
				assert.Contains(t, err.Error(), p, "error names the file")
				var ce *ConfigError
				if tt.kind == nil {
					assert.False(t, errors.As(err, &ce), "got a *ConfigError %v, want a plain error", err)
					return
				}
				require.ErrorAs(t, err, &ce, "error %v is a *ConfigError", err)
				assert.ErrorIs(t, err, tt.kind, "error %v: want kind %v", err, tt.kind)
				assert.Equal(t, p, ce.File, "ConfigError.File: got %q, want %q", ce.File, p)
				assert.Equal(t, tt.line, ce.Line, "ConfigError.Line: got %d, want %d", ce.Line, tt.line)
				return
			}
			require.NoError(t, err, "Load(%s)", tt.content)
			tt.check(t, c)
		})
	}
	_, err := Load(filepath.Join(t.TempDir(), "missing.yaml"))
	require.Error(t, err, "missing file")
	assert.ErrorIs(t, err, os.ErrNotExist, "missing file wraps the cause: %v", err)
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*Config)
		field string // "" = valid
	}{
		{"defaults", func(*Config) {}, ""},
		{"zero non-text weight ok", func(c *Config) { c.Weights.Region = 0 }, ""},
		{"penalty -5 ok", func(c *Config) { c.Budget.Penalty = -5 }, ""},
		{"negative weight", func(c *Config) { c.Weights.Industry = -0.1 }, "weights.industry"},
		{"NaN weight", func(c *Config) { c.Weights.Text = math.NaN() }, "weights.text"},
		{"infinite weight", func(c *Config) { c.Weights.DemandPriority = math.Inf(1) }, "weights.demand_priority"},
		{"all zero", func(c *Config) { c.Weights = Weights{} }, "all weights are 0"},
		{"bad mode", func(c *Config) { c.Maturity.Mode = "" }, "maturity.mode"},
		{"value > 1", func(c *Config) { c.Region.SameCity = 1.5 }, "region.same_city"},
		{"value < 0", func(c *Config) { c.SupplierTier.Enterprise = -0.1 }, "supplier_tier.enterprise"},
		{"positive penalty", func(c *Config) { c.TransferMode.Penalty = 0.5 }, "transfer_mode.penalty"},
		{"huge penalty", func(c *Config) { c.Maturity.Penalty = -20 }, "maturity.penalty"},
		{"inferred 0", func(c *Config) { c.Industry.Inferred = 0 }, "industry.inferred"},
		{"near gap", func(c *Config) { c.Maturity.NearGap = 9 }, "maturity.near_gap"},
		{"far ratio", func(c *Config) { c.Budget.FarRatio = 1 }, "budget.far_ratio"},
		{"priority NaN", func(c *Config) { c.DemandPriority.Hospital = math.NaN() }, "demand_priority.hospital"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig()
			tt.edit(&c)
			err := c.Validate()
			if tt.field == "" {
				assert.NoError(t, err, "Validate: got %v, want nil", err)
				return
			}
			require.Error(t, err, "Validate: want an error naming %s", tt.field)
			assert.Contains(t, err.Error(), tt.field, "error %q should name %q", err, tt.field)
		})
	}
	// Every invalid field is reported, not just the first.
	c := DefaultConfig()
	c.Weights.Text, c.Region.Unknown = -1, 2
	err := c.Validate()
	require.Error(t, err, "two errors")
	assert.Contains(t, err.Error(), "weights.text", "first field")
	assert.Contains(t, err.Error(), "region.unknown", "second field")
}

func TestSaveLoadRoundTrip(t *testing.T) {
	c := DefaultConfig()
	c.Weights.Text, c.Weights.Industry = 0.55, 0.15
	c.Budget.Mode = Hard
	c.Region.Cluster = 0.65
	for _, ext := range []string{".yaml", ".yml", ".json"} {
		t.Run(ext, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "weights"+ext)
			require.NoError(t, Save(c, p), "Save")
			got, err := Load(p)
			require.NoError(t, err, "Load")
			assert.Equal(t, c, got, "round trip: got %+v, want %+v", got, c)
		})
	}
	p := filepath.Join(t.TempDir(), "private.yaml")
	require.NoError(t, Save(c, p), "Save")
	fi, err := os.Stat(p)
	require.NoError(t, err, "stat")
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "Save creates a private file: got %v", fi.Mode().Perm())
	bad := DefaultConfig()
	bad.Weights.Text = -1
	err = Save(bad, filepath.Join(t.TempDir(), "bad.yaml"))
	require.Error(t, err, "Save validates")
	assert.Contains(t, err.Error(), "weights.text", "names the field")
	_, err = Marshal(c, "xml")
	assert.Error(t, err, "Marshal unknown format")
	b, err := Marshal(DefaultConfig(), "yaml")
	require.NoError(t, err, "Marshal yaml")
	assert.Contains(t, string(b), "transfer_mode:", "yaml uses feature keys")
	assert.Contains(t, string(b), "harbin_changchun: 0.6", "yaml has every field")
}

func TestWeightsByName(t *testing.T) {
	w := DefaultConfig().Weights
	for i, name := range featureNames {
		got, err := w.Get(name)
		require.NoError(t, err, "Get(%s)", name)
		assert.InDelta(t, w.Vector()[i], got, eps, "Get(%s): got %v, want %v", name, got, w.Vector()[i])
		require.NoError(t, w.Set(name, float64(i)), "Set(%s)", name)
		assert.InDelta(t, float64(i), w.Vector()[i], eps, "Set(%s)", name)
	}
	_, err := w.Get("colour")
	assert.ErrorContains(t, err, "colour", "unknown feature named")
	assert.Error(t, w.Set("colour", 1), "Set unknown feature")
}
