package techmatch

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestNamesParseBack checks that every code's Chinese name parses back to
// the code, and that unknown codes are returned as given.
func TestNamesParseBack(t *testing.T) {
	for _, ind := range append(KeyIndustries, "energy", "electronics", "agriculture", "environment") {
		got, err := ParseIndustry(ind.Name())
		assert.NoError(t, err, "ParseIndustry(%q)", ind.Name())
		assert.Equal(t, ind, got, "ParseIndustry(%q): got %q, want %q", ind.Name(), got, ind)
		assert.NotEqual(t, string(ind), ind.Name(), "%s has a Chinese name", ind)
	}
	for _, m := range []TransferMode{Assign, License, Equity, CoDevelop} {
		got, err := ParseTransferMode(m.Name())
		assert.NoError(t, err, "ParseTransferMode(%q)", m.Name())
		assert.Equal(t, m, got, "ParseTransferMode(%q): got %q, want %q", m.Name(), got, m)
	}
	for _, o := range []OwnerType{University, Institute, Enterprise} {
		got, err := ParseOwnerType(o.Name())
		assert.NoError(t, err, "ParseOwnerType(%q)", o.Name())
		assert.Equal(t, o, got, "ParseOwnerType(%q): got %q, want %q", o.Name(), got, o)
	}
	for _, o := range []OrgType{Leading, HighTech, SME, Hospital} {
		got, err := ParseOrgType(o.Name())
		assert.NoError(t, err, "ParseOrgType(%q)", o.Name())
		assert.Equal(t, o, got, "ParseOrgType(%q): got %q, want %q", o.Name(), got, o)
	}
	assert.Equal(t, "robotics", Industry("robotics").Name(), "unknown industry")
	assert.Equal(t, "barter", TransferMode("barter").Name(), "unknown mode")
	assert.Equal(t, "", OwnerType("").Name(), "empty owner type")
	assert.Equal(t, "ngo", OrgType("ngo").Name(), "unknown org type")
}
