package intent

import (
	"errors"
	"fmt"
	"strings"
)

// ErrUnknownKind is matched (errors.Is) by the errors of ParseNeedIntent,
// ParseRole and the UnmarshalText methods when a name is not a kind name.
var ErrUnknownKind = errors.New("unknown kind")

// NeedIntent is what a need (技术需求) asks for. The zero value is
// NeedUnknown. A plain value, safe to copy and share.
type NeedIntent uint8

// The need intents. Their names (String, Parse, weights files) are the
// lower-case English words; Label gives the Chinese label for explanations.
const (
	// NeedUnknown: no evidence either way.
	NeedUnknown NeedIntent = iota
	// NeedRemedy: remove a cause or improve a property, or acquire the
	// technology that does the job (漏气、啸叫、寿命短、希望降低能耗、提高合格率,
	// 需要…生产技术).
	NeedRemedy
	// NeedDetect: detect, inspect, monitor or early-warn, asked for on
	// purpose (需要在线监测、预警、探伤、巡检; 漏检率高、检测出报告慢).
	NeedDetect
	// NeedTest: have something tested, evaluated or certified, usually by
	// others (检测服务、第三方检测、出具报告、认证、验收).
	NeedTest
	// NeedBuy: buy equipment or material as such (采购、购置、供货、求购设备).
	NeedBuy
	// NeedService: software, platform, consulting, training, data service
	// (系统建设、平台、软件、咨询、培训).
	NeedService

	numNeeds = iota
)

// Role is what an achievement (科技成果) is. The zero value is RoleUnknown.
// A plain value, safe to copy and share.
type Role uint8

// The achievement roles. Their names are the lower-case English words;
// Label gives the Chinese label for explanations.
const (
	// RoleUnknown: no evidence either way.
	RoleUnknown Role = iota
	// RoleProcess: a process, technique or method that does the job
	// (工艺、方法、处理、修复、改性、控制方法).
	RoleProcess
	// RoleMaterial: a material, formulation or product substance (材料、合金、
	// 涂层、配方、粉体、催化剂、药物、疫苗).
	RoleMaterial
	// RoleDevice: a device, machine or component that does the job (装置、
	// 设备、acting 系统、机构、机器人、热泵).
	RoleDevice
	// RoleMonitoring: test, measurement, inspection, monitoring,
	// early-warning, diagnosis, analysis, simulation, forecasting or
	// evaluation (检测、监测、预警、诊断、试验台、仿真、预测、评估).
	RoleMonitoring
	// RoleSoftware: a software platform, information system, data
	// platform or app (管理系统、MES、云平台、APP).
	RoleSoftware
	// RoleService: consulting, design, testing or training offered as a
	// service (咨询、设计服务、检测服务、培训).
	RoleService

	numRoles = iota
)

var (
	needNames   = [numNeeds]string{"unknown", "remedy", "detect", "test", "buy", "service"}
	needLabels  = [numNeeds]string{"未知", "解决问题", "检测监测", "测试评价", "采购", "软件服务"}
	roleNames   = [numRoles]string{"unknown", "process", "material", "device", "monitoring", "software", "service"}
	roleLabels  = [numRoles]string{"未知", "工艺技术", "材料", "装置设备", "检测监测分析", "软件平台", "服务"}
	fieldNames  = [numFields]string{"title", "keywords", "description"}
	fieldLabels = [numFields]string{"标题", "关键词", "描述"}
)

// NeedIntents returns every need intent but NeedUnknown, in order.
func NeedIntents() []NeedIntent {
	return []NeedIntent{NeedRemedy, NeedDetect, NeedTest, NeedBuy, NeedService}
}

// Roles returns every role but RoleUnknown, in order.
func Roles() []Role {
	return []Role{RoleProcess, RoleMaterial, RoleDevice, RoleMonitoring, RoleSoftware, RoleService}
}

// String returns the kind's name ("remedy", …); an out-of-range value gives
// "NeedIntent(N)".
func (k NeedIntent) String() string { return kindName(needNames[:], int(k), "NeedIntent") }

// Label returns the Chinese label for explanations (解决问题, 检测监测, 测试评价,
// 采购, 软件服务; 未知 for NeedUnknown and out-of-range values).
func (k NeedIntent) Label() string { return kindLabel(needLabels[:], int(k)) }

// MarshalText returns the name; it fails for an out-of-range value. With
// UnmarshalText it lets a NeedIntent be a JSON or YAML value or map key.
func (k NeedIntent) MarshalText() ([]byte, error) {
	return kindText(needNames[:], int(k), "NeedIntent")
}

// UnmarshalText parses a name or label as ParseNeedIntent does.
func (k *NeedIntent) UnmarshalText(b []byte) error {
	v, err := ParseNeedIntent(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// ParseNeedIntent parses a need intent's name (any case, surrounding space
// ignored) or its Chinese label. The error wraps ErrUnknownKind and lists
// the names.
func ParseNeedIntent(s string) (NeedIntent, error) {
	i, err := parseKind(s, needNames[:], needLabels[:])
	return NeedIntent(i), err
}

// String returns the kind's name ("process", …); an out-of-range value
// gives "Role(N)".
func (k Role) String() string { return kindName(roleNames[:], int(k), "Role") }

// Label returns the Chinese label for explanations (工艺技术, 材料, 装置设备,
// 检测监测分析, 软件平台, 服务; 未知 for RoleUnknown and out-of-range values).
func (k Role) Label() string { return kindLabel(roleLabels[:], int(k)) }

// MarshalText returns the name; it fails for an out-of-range value.
func (k Role) MarshalText() ([]byte, error) { return kindText(roleNames[:], int(k), "Role") }

// UnmarshalText parses a name or label as ParseRole does.
func (k *Role) UnmarshalText(b []byte) error {
	v, err := ParseRole(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// ParseRole parses a role's name (any case, surrounding space ignored) or
// its Chinese label. The error wraps ErrUnknownKind and lists the names.
func ParseRole(s string) (Role, error) {
	i, err := parseKind(s, roleNames[:], roleLabels[:])
	return Role(i), err
}

// kindName returns names[i], or "typ(i)" when i is out of range.
func kindName(names []string, i int, typ string) string {
	if i < len(names) {
		return names[i]
	}
	return fmt.Sprintf("%s(%d)", typ, i)
}

// kindLabel returns labels[i], or labels[0] (未知) when i is out of range.
func kindLabel(labels []string, i int) string {
	if i < len(labels) {
		return labels[i]
	}
	return labels[0]
}

// kindText is MarshalText for a kind of names.
func kindText(names []string, i int, typ string) ([]byte, error) {
	if i >= len(names) {
		return nil, fmt.Errorf("intent: %w: %s(%d)", ErrUnknownKind, typ, i)
	}
	return []byte(names[i]), nil
}

// parseKind parses a name or label of a kind; the error lists the names.
func parseKind(s string, names, labels []string) (int, error) {
	if i, ok := parseName(s, names, labels); ok {
		return i, nil
	}
	return 0, fmt.Errorf("intent: %w %q: want one of %s", ErrUnknownKind, s, strings.Join(names, ", "))
}

// parseName finds s among names (case-insensitive) or labels.
func parseName(s string, names, labels []string) (int, bool) {
	s = strings.TrimSpace(s)
	for i, n := range names {
		if strings.EqualFold(s, n) || s == labels[i] {
			return i, true
		}
	}
	return 0, false
}

// Field is the part of a record a cue was found in. A plain value.
type Field uint8

// The fields, from the strongest evidence to the weakest.
const (
	FieldTitle Field = iota
	FieldKeywords
	FieldDescription

	numFields = iota
)

// String returns "title", "keywords" or "description" ("Field(N)" when out
// of range).
func (f Field) String() string { return kindName(fieldNames[:], int(f), "Field") }

// Label returns the Chinese name of the field (标题, 关键词, 描述).
func (f Field) Label() string {
	if int(f) < numFields {
		return fieldLabels[f]
	}
	return ""
}

// MarshalText returns the name, so cues encode readably in JSON.
func (f Field) MarshalText() ([]byte, error) { return kindText(fieldNames[:], int(f), "Field") }

// UnmarshalText parses "title", "keywords" or "description".
func (f *Field) UnmarshalText(b []byte) error {
	i, err := parseKind(string(b), fieldNames[:], fieldNames[:])
	if err == nil {
		*f = Field(i)
	}
	return err
}
