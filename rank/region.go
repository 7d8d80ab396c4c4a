package rank

import (
	"cmp"
	_ "embed"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed regions.txt
var regionsData string

// Region is a parsed region string: a province-level division and, when
// known, a prefecture-level city, both by short name (黑龙江, 哈尔滨). For a
// municipality (北京, 上海, 天津, 重庆) the city is the municipality. The zero
// Region is unknown. Plain data: safe to copy and to read concurrently.
type Region struct {
	Province string `json:"province,omitempty"`
	City     string `json:"city,omitempty"`
	// HarbinChangchun is true when City is in the Harbin–Changchun city
	// cluster (哈长城市群).
	HarbinChangchun bool `json:"harbin_changchun,omitempty"`
}

// Known reports whether r names at least a province.
func (r Region) Known() bool { return r.Province != "" }

// String returns the province and city joined, e.g. "黑龙江哈尔滨" or
// "吉林吉林" (the city 吉林 of 吉林 province), the municipality alone
// ("北京"), or "unknown". ParseRegion(r.String()) == r for every Region
// ParseRegion returns.
func (r Region) String() string {
	switch {
	case r.Province == "":
		return "unknown"
	case r.City == "" || r.City == r.Province && isMunicipality(r.Province):
		return r.Province
	}
	return r.Province + r.City
}

// isMunicipality reports whether short names a municipality (北京, 上海,
// 天津, 重庆).
func isMunicipality(short string) bool {
	pi, ok := regions.provNames[short]
	return ok && regions.provs[pi].municipality
}

// clusterCities is the Harbin–Changchun city cluster (哈长城市群, State
// Council plan 2016): Heilongjiang's 哈尔滨 大庆 齐齐哈尔 绥化 牡丹江 and
// Jilin's 长春 吉林 四平 辽源 松原 延边.
var clusterCities = map[string]string{
	"哈尔滨": "黑龙江", "大庆": "黑龙江", "齐齐哈尔": "黑龙江", "绥化": "黑龙江", "牡丹江": "黑龙江",
	"长春": "吉林", "吉林": "吉林", "四平": "吉林", "辽源": "吉林", "松原": "吉林", "延边": "吉林",
}

// regionID is a parsed region by index: prov and city index the region
// table (-1 unknown).
type regionID struct {
	prov, city int16
	cluster    bool
}

var unknownRegion = regionID{prov: -1, city: -1}

type province struct {
	name, short  string
	municipality bool
	cities       []string         // short names; index = city id
	cityNames    map[string]int16 // full and short names → city id
	cityIdx      prefixIndex[int16]
	cluster      map[int16]bool // city ids in the cluster
}

// regionTable is the parsed regions.txt.
type regionTable struct {
	provs     []province
	provNames map[string]int16 // full and short names → province
	// cityNames maps every city's full and short names to (province, city)
	// for strings that start with a city.
	cityNames map[string][2]int16
	provIdx   prefixIndex[int16]
	cityIdx   prefixIndex[[2]int16]
}

var regions = buildRegions(regionsData)

// buildRegions parses the embedded table; the table is part of the source,
// so a malformed line is a programming error caught by the tests (it is
// skipped, never a panic).
func buildRegions(data string) *regionTable {
	t := &regionTable{provNames: map[string]int16{}, cityNames: map[string][2]int16{}}
	for line := range strings.Lines(data) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		head, tail, ok := strings.Cut(line, "|")
		names := strings.Fields(head)
		if !ok || len(names) != 2 {
			continue
		}
		pi := int16(len(t.provs))
		p := province{name: names[0], short: names[1], cityNames: map[string]int16{}, cluster: map[int16]bool{}}
		t.provNames[p.name] = pi
		t.provNames[p.short] = pi
		cities := strings.Fields(tail)
		if len(cities) == 0 {
			p.municipality = true
			p.cities = []string{p.short}
			p.cityNames[p.name] = 0
			p.cityNames[p.short] = 0
		}
		for _, c := range cities {
			full, short, explicit := strings.Cut(c, "=")
			if !explicit {
				short = full
				for _, suf := range []string{"市", "地区", "盟"} {
					if s, ok := strings.CutSuffix(full, suf); ok && utf8.RuneCountInString(s) >= 2 {
						short = s
						break
					}
				}
			}
			ci := int16(-1)
			for i, s := range p.cities {
				if s == short {
					ci = int16(i)
				}
			}
			if ci < 0 {
				ci = int16(len(p.cities))
				p.cities = append(p.cities, short)
			}
			if cp, ok := clusterCities[short]; ok && cp == p.short {
				p.cluster[ci] = true
			}
			for _, n := range []string{full, short} {
				p.cityNames[n] = ci
				if _, dup := t.cityNames[n]; !dup {
					t.cityNames[n] = [2]int16{pi, ci}
				}
			}
		}
		p.cityIdx = newPrefixIndex(p.cityNames)
		t.provs = append(t.provs, p)
	}
	t.provIdx = newPrefixIndex(t.provNames)
	t.cityIdx = newPrefixIndex(t.cityNames)
	return t
}

// prefixIndex finds the longest key that prefixes a string: keys grouped by
// first rune, longest first. A lookup is one map access and a few
// strings.HasPrefix; it does not allocate.
type prefixIndex[V any] struct {
	byFirst map[rune][]prefixEntry[V]
}

type prefixEntry[V any] struct {
	key string
	v   V
}

func newPrefixIndex[V any](m map[string]V) prefixIndex[V] {
	ix := prefixIndex[V]{byFirst: map[rune][]prefixEntry[V]{}}
	for k, v := range m {
		r, _ := utf8.DecodeRuneInString(k)
		ix.byFirst[r] = append(ix.byFirst[r], prefixEntry[V]{k, v})
	}
	for _, es := range ix.byFirst {
		slices.SortFunc(es, func(a, b prefixEntry[V]) int {
			if c := cmp.Compare(len(b.key), len(a.key)); c != 0 {
				return c
			}
			return strings.Compare(a.key, b.key)
		})
	}
	return ix
}

// longest returns the value and byte length of the longest key that is a
// prefix of s (length 0 when none).
func (ix *prefixIndex[V]) longest(s string) (V, int) {
	r, _ := utf8.DecodeRuneInString(s)
	for _, e := range ix.byFirst[r] {
		if strings.HasPrefix(s, e.key) {
			return e.v, len(e.key)
		}
	}
	var zero V
	return zero, 0
}

// ParseRegion parses a free-form region string such as 黑龙江省哈尔滨市,
// 哈尔滨市南岗区, 哈尔滨, 吉林长春, 北京市, 内蒙古自治区呼和浩特市 or
// "中国 吉林省 吉林市". It recognises every province-level division and
// prefecture-level city by full or short name; a leading province narrows
// the city (吉林省吉林市 is the city 吉林, 吉林 alone the province). When the
// string does not start with a known name, the leftmost known name inside it
// is used. Unrecognised strings give the zero (unknown) Region.
func ParseRegion(s string) Region { return parseRegionID(s).export() }

func parseRegionID(s string) regionID {
	s = trimRegion(s)
	for len(s) > 0 {
		if id, ok := parseRegionAt(s); ok {
			return id
		}
		_, size := utf8.DecodeRuneInString(s)
		s = s[size:]
	}
	return unknownRegion
}

// trimRegion drops leading spaces, punctuation and the country name.
func trimRegion(s string) string {
	s = strings.TrimLeftFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
	for _, p := range []string{"中华人民共和国", "中国"} {
		if t, ok := strings.CutPrefix(s, p); ok {
			return strings.TrimLeftFunc(t, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
		}
	}
	return s
}

// parseRegionAt parses a region that starts at s[0].
func parseRegionAt(s string) (regionID, bool) {
	t := regions
	pi, pn := t.provIdx.longest(s)
	cv, cn := t.cityIdx.longest(s)
	if cn > pn {
		// A city name longer than any province prefix: 吉林市 over 吉林,
		// 哈尔滨市南岗区.
		return makeRegionID(cv[0], cv[1]), true
	}
	if pn == 0 {
		return unknownRegion, false
	}
	p := &t.provs[pi]
	if p.municipality {
		return makeRegionID(pi, 0), true
	}
	rest := strings.TrimLeftFunc(s[pn:], func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
	if ci, n := p.cityIdx.longest(rest); n > 0 {
		return makeRegionID(pi, ci), true
	}
	return makeRegionID(pi, -1), true
}

func makeRegionID(pi, ci int16) regionID {
	id := regionID{prov: pi, city: ci}
	if ci >= 0 {
		id.cluster = regions.provs[pi].cluster[ci]
	}
	return id
}
