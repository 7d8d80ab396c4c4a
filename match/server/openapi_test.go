package server

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// spec is docs/openapi.yaml decoded as JSON values.
type spec map[string]any

func loadSpec(t *testing.T) spec {
	t.Helper()
	b, err := os.ReadFile("../../docs/openapi.yaml")
	require.NoError(t, err)
	var y any
	require.NoError(t, yaml.Unmarshal(b, &y))
	j, err := json.Marshal(y) // YAML maps and ints → JSON values
	require.NoError(t, err)
	var s spec
	require.NoError(t, json.Unmarshal(j, &s))
	return s
}

var methods = []string{"get", "put", "post", "delete", "patch", "head", "options"}

// operations returns "METHOD /path" → operation object.
func (s spec) operations() map[string]map[string]any {
	out := map[string]map[string]any{}
	for path, item := range s["paths"].(map[string]any) {
		for m, op := range item.(map[string]any) {
			if slices.Contains(methods, m) {
				out[strings.ToUpper(m)+" "+path] = op.(map[string]any)
			}
		}
	}
	return out
}

// resolve follows a local $ref.
func (s spec) resolve(v map[string]any) map[string]any {
	for {
		ref, ok := v["$ref"].(string)
		if !ok {
			return v
		}
		var cur any = map[string]any(s)
		for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			cur = cur.(map[string]any)[part]
		}
		v = cur.(map[string]any)
	}
}

// check validates v against schema (the subset of JSON Schema the
// document uses: type, properties, required, additionalProperties: false,
// items, enum, minimum, maximum) and returns the violations.
func (s spec) check(schema map[string]any, v any, at string) []string {
	schema = s.resolve(schema)
	var errs []string
	bad := func(f string, a ...any) { errs = append(errs, at+": "+fmt.Sprintf(f, a...)) }
	switch schema["type"] {
	case "object":
		obj, ok := v.(map[string]any)
		if !ok {
			bad("want an object, got %T", v)
			return errs
		}
		props, _ := schema["properties"].(map[string]any)
		req, _ := schema["required"].([]any)
		for _, r := range req {
			if _, ok := obj[r.(string)]; !ok {
				bad("missing required %s", r)
			}
		}
		for k, val := range obj {
			p, ok := props[k]
			if !ok {
				if schema["additionalProperties"] == false {
					bad("unknown property %s", k)
				}
				continue
			}
			errs = append(errs, s.check(p.(map[string]any), val, at+"."+k)...)
		}
	case "array":
		arr, ok := v.([]any)
		if !ok {
			bad("want an array, got %T", v)
			return errs
		}
		for i, val := range arr {
			errs = append(errs, s.check(schema["items"].(map[string]any), val, fmt.Sprintf("%s[%d]", at, i))...)
		}
	case "string":
		str, ok := v.(string)
		if !ok {
			bad("want a string, got %T", v)
		} else if enum, ok := schema["enum"].([]any); ok && !slices.Contains(enum, any(str)) {
			bad("%q not in %v", str, enum)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			bad("want a boolean, got %T", v)
		}
	case "integer", "number":
		x, ok := v.(float64)
		switch {
		case !ok:
			bad("want a number, got %T", v)
		case schema["type"] == "integer" && x != float64(int64(x)):
			bad("want an integer, got %v", x)
		}
		if lo, ok := schema["minimum"].(float64); ok && x < lo {
			bad("%v < minimum %v", x, lo)
		}
		if hi, ok := schema["maximum"].(float64); ok && x > hi {
			bad("%v > maximum %v", x, hi)
		}
	default:
		bad("schema without a type the check knows: %v", schema["type"])
	}
	return errs
}

func TestOpenAPIRoutesAreTheServers(t *testing.T) {
	s := loadSpec(t)
	f := newFixture(t, Config{})
	var doc, code, docPublic, codePublic []string
	for k, op := range s.operations() {
		doc = append(doc, k)
		if sec, ok := op["security"].([]any); ok && len(sec) == 0 {
			docPublic = append(docPublic, k)
		}
	}
	for _, r := range f.srv.Routes() {
		k := r.Method + " " + r.Path
		code = append(code, k)
		if r.Public {
			codePublic = append(codePublic, k)
		}
	}
	sort.Strings(doc)
	sort.Strings(code)
	sort.Strings(docPublic)
	sort.Strings(codePublic)
	assert.Equal(t, code, doc, "docs/openapi.yaml paths and methods, want the server's routes")
	assert.Equal(t, codePublic, docPublic, "operations with security: [], want the routes without token")
}

// TestOpenAPIExamples sends every request example to the server and
// checks the answer's status is documented and its body matches the
// documented schema; then the GET of each record written and a few
// errors.
func TestOpenAPIExamples(t *testing.T) {
	s := loadSpec(t)
	f := newFixture(t, Config{})
	ops := s.operations()
	send := func(key string, body any) {
		t.Helper()
		method, path, _ := strings.Cut(key, " ")
		op := ops[key]
		require.NotNil(t, op, key)
		code, got := f.do(t, method, strings.ReplaceAll(path, "{id}", "EX1"), body)
		resp, ok := op["responses"].(map[string]any)[fmt.Sprint(code)]
		require.True(t, ok, "%s answered %d, not documented; body %s", key, code, got)
		content, _ := s.resolve(resp.(map[string]any))["content"].(map[string]any)
		if js, ok := content["application/json"].(map[string]any); ok {
			var v any
			require.NoError(t, json.Unmarshal(got, &v), "%s: %s", key, got)
			assert.Empty(t, s.check(js["schema"].(map[string]any), v, key), "%s answered %s", key, got)
		}
	}
	order := []string{"PUT /v1/achievements/{id}", "PUT /v1/needs/{id}", "POST /v1/match/need",
		"POST /v1/match/achievement", "POST /v1/match/batch"}
	var withExample []string
	for k, op := range ops {
		if rb, ok := op["requestBody"].(map[string]any); ok {
			withExample = append(withExample, k)
			js := rb["content"].(map[string]any)["application/json"].(map[string]any)
			ex, ok := js["example"]
			require.True(t, ok, "%s has a request example", k)
			assert.Empty(t, s.check(js["schema"].(map[string]any), ex, k+" example"))
		}
	}
	assert.ElementsMatch(t, order, withExample, "every operation with a body is exercised")
	for _, k := range order {
		js := ops[k]["requestBody"].(map[string]any)["content"].(map[string]any)["application/json"].(map[string]any)
		send(k, js["example"])
	}
	send("PUT /v1/achievements/{id}", ops["PUT /v1/achievements/{id}"]["requestBody"].(map[string]any)["content"].(map[string]any)["application/json"].(map[string]any)["example"]) // 200: update
	for _, k := range []string{"GET /v1/achievements/{id}", "GET /v1/needs/{id}", "GET /healthz", "GET /readyz", "GET /metrics",
		"DELETE /v1/achievements/{id}", "DELETE /v1/needs/{id}", "GET /v1/needs/{id}", "DELETE /v1/needs/{id}"} {
		send(k, nil)
	}
	// A record's extra fields go in and come back.
	send("PUT /v1/needs/{id}", `{"title":"模具翻新","extra":{"联系人":"张三","电话":13800000000}}`)
	send("GET /v1/needs/{id}", nil)
	send("POST /v1/match/need", `{"need":{"id":"X","title":"欢迎洽谈"}}`) // 422
	send("POST /v1/match/need", `{"need":`)                           // 400
}
