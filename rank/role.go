package rank

import "github.com/techmatch/techmatch/rank/intent"

// The intents and roles of RoleConfig, in its field order.
var (
	intentNames = [...]string{"remedy", "detect", "test", "buy", "service"}
	roleNames   = [...]string{"process", "material", "device", "monitoring", "software", "service"}
	intents     = [...]intent.NeedIntent{intent.NeedRemedy, intent.NeedDetect, intent.NeedTest, intent.NeedBuy, intent.NeedService}
	roles       = [...]intent.Role{intent.RoleProcess, intent.RoleMaterial, intent.RoleDevice, intent.RoleMonitoring, intent.RoleSoftware, intent.RoleService}
)

// defaultRole is intent.DefaultCompatibility as a RoleConfig.
func defaultRole() RoleConfig {
	d := intent.DefaultCompatibility()
	var c RoleConfig
	for i, row := range c.rows() {
		for j, v := range row.cells() {
			*v = d.Get(intents[i], roles[j])
		}
	}
	return c
}

// compatibility is c as an intent.Compatibility (c is valid).
func (c RoleConfig) compatibility() intent.Compatibility {
	var t intent.Compatibility
	for i, row := range c.rows() {
		for j, v := range row.cells() {
			_ = t.Set(intents[i], roles[j], *v) // in [-1,1]: Validate checked
		}
	}
	return t
}

// maxCell is the largest value of the table (0 when all are negative): the
// most the role feature can add per unit of weight, for MaxPrior.
func maxCell(c RoleConfig) float64 {
	m := 0.0
	for _, row := range c.rows() {
		for _, v := range row.cells() {
			m = max(m, *v)
		}
	}
	return m
}
