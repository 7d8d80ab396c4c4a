package rank

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Kinds of configuration error, for errors.Is on the errors of Load, Parse
// and Validate (each is wrapped by a *ConfigError).
var (
	// ErrSyntax: the file is not well-formed JSON or YAML, holds more than
	// one YAML document, or has a mapping key that is not a scalar.
	ErrSyntax = errors.New("syntax error")
	// ErrUnknownField: a key that names no configuration field.
	ErrUnknownField = errors.New("unknown field")
	// ErrDuplicateKey: a key given twice in the same mapping, at any depth.
	ErrDuplicateKey = errors.New("duplicate key")
	// ErrInvalidValue: a value of the wrong type or outside its range (see
	// Config.Validate).
	ErrInvalidValue = errors.New("invalid value")
)

// ConfigError is one problem of a configuration: where it is (file, line,
// field path) and what is wrong. Load, Parse and Validate return every
// problem they find, joined (errors.Join) and prefixed "rank config: ";
// errors.As finds each one and errors.Is matches its Kind.
//
// A ConfigError is plain data: safe to copy and to read concurrently.
type ConfigError struct {
	// File is the path given to Load; "" for Parse and Validate.
	File string
	// Line is the 1-based line of the field (of its key) in the file; 0
	// when not known (Validate, or a field the file does not set).
	Line int
	// Path is the field's configuration path, such as "weights.text" or
	// "budget" (a YAML sequence item is "key[i]"); "" for the whole file.
	Path string
	// Value is the offending value (as written in the file for type and
	// syntax problems, formatted by strconv for range problems); "" when
	// there is none.
	Value string
	// Kind is ErrSyntax, ErrUnknownField, ErrDuplicateKey or
	// ErrInvalidValue.
	Kind error
	// Msg says what is wrong, in words.
	Msg string
	// Err is the underlying cause (a decoder's error), or nil.
	Err error
}

// Error returns "file:line: path: message[: cause]", leaving out the parts
// that are not known ("line N: …" without a file).
func (e *ConfigError) Error() string {
	var b strings.Builder
	switch {
	case e.File != "" && e.Line > 0:
		fmt.Fprintf(&b, "%s:%d: ", e.File, e.Line)
	case e.File != "":
		b.WriteString(e.File + ": ")
	case e.Line > 0:
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Path != "" {
		b.WriteString(e.Path + ": ")
	}
	b.WriteString(e.Msg)
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

// Unwrap returns Kind and, when set, Err.
func (e *ConfigError) Unwrap() []error {
	if e.Err != nil {
		return []error{e.Kind, e.Err}
	}
	return []error{e.Kind}
}

// joinProblems joins ps under the "rank config: " prefix; nil when ps is
// empty.
func joinProblems(ps []*ConfigError) error {
	if len(ps) == 0 {
		return nil
	}
	errs := make([]error, len(ps))
	for i, p := range ps {
		errs[i] = p
	}
	return fmt.Errorf("rank config: %w", errors.Join(errs...))
}

// Load reads a configuration file: JSON when the name ends in .json, YAML
// when it ends in .yaml or .yml (see Parse for the rules). Every
// *ConfigError of the result names path.
func Load(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("rank: load config: %w", err)
	}
	return parse(data, filepath.Ext(path), path)
}

// Parse decodes a configuration in the given format (".json", ".yaml" or
// ".yml", or the same without the dot) over DefaultConfig and validates the
// result.
//
// Both formats follow the same rules, enforced by one decoder: fields
// absent from the input (or null) keep their DefaultConfig values; keys
// match field names exactly (case-sensitive); an unknown key, a key given
// twice in the same mapping (at any depth, even inside an unknown field), a
// non-scalar key, a value of the wrong type (a string or bool for a number,
// a number for a mode, a fraction such as 2.5 or 2.0 for maturity.near_gap,
// a mapping for a number), a number outside float64 range (1e400) and any
// value rejected by Config.Validate are errors. A YAML input holds at most
// one document; an empty YAML input is the defaults, an empty JSON input is
// a syntax error. Every problem found is reported, each as a *ConfigError
// naming the line and the field path.
func Parse(data []byte, format string) (Config, error) {
	return parse(data, format, "")
}

func parse(data []byte, format, file string) (Config, error) {
	var root *yaml.Node
	var perr *ConfigError
	switch strings.ToLower(strings.TrimPrefix(format, ".")) {
	case "json":
		root, perr = jsonTree(data)
	case "yaml", "yml":
		root, perr = yamlTree(data)
	default:
		where := ""
		if file != "" {
			where = file + ": "
		}
		return Config{}, fmt.Errorf("rank config: %sunknown config format %q (want .json, .yaml or .yml)", where, format)
	}
	if perr != nil {
		perr.File = file
		return Config{}, joinProblems([]*ConfigError{perr})
	}
	cfg := DefaultConfig()
	d := decoder{lines: map[string]int{}}
	if root != nil {
		d.checkKeys(root, "")
		d.decode(root, reflect.ValueOf(&cfg).Elem(), "", 0)
	}
	if len(d.errs) == 0 {
		for _, p := range cfg.problems() {
			p.Line = d.lines[p.Path]
			d.errs = append(d.errs, p)
		}
	}
	if len(d.errs) > 0 {
		for _, p := range d.errs {
			p.File = file
		}
		return Config{}, joinProblems(d.errs)
	}
	return cfg, nil
}

// yamlTree parses exactly one YAML document; nil for an empty input.
func yamlTree(data []byte) (*yaml.Node, *ConfigError) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, &ConfigError{Kind: ErrSyntax, Msg: "invalid YAML", Err: err}
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return nil, &ConfigError{Kind: ErrSyntax, Msg: "invalid YAML", Err: err}
	default:
		return nil, &ConfigError{Line: extra.Line, Kind: ErrSyntax, Msg: "more than one YAML document (want one mapping of fields)"}
	}
	return &doc, nil
}

// jsonTree parses one JSON value into the node tree the YAML decoder
// produces, so that both formats go through one decoder: objects become
// mappings (keys in order, duplicates kept for checkKeys to report),
// strings double-quoted !!str scalars, numbers plain scalars (resolved as
// YAML resolves them: !!int, !!float, or !!str when out of float64 range),
// true/false !!bool and null !!null. Lines come from the decoder's offsets.
//
// encoding/json does the tokenising, so every valid JSON input is accepted
// with JSON's own string escapes (the YAML parser rejects some, e.g. "\/").
func jsonTree(data []byte) (*yaml.Node, *ConfigError) {
	nl := newlines(data)
	if !json.Valid(data) {
		var v any
		err := json.Unmarshal(data, &v)
		line := 0
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line = lineAt(nl, se.Offset)
		}
		return nil, &ConfigError{Line: line, Kind: ErrSyntax, Msg: "invalid JSON", Err: err}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	w := jsonWalker{dec: dec, nl: nl}
	n, err := w.value()
	if err != nil {
		// Unreachable after json.Valid; kept so that a decoder surprise is
		// an error, not a panic.
		return nil, &ConfigError{Line: lineAt(nl, dec.InputOffset()), Kind: ErrSyntax, Msg: "invalid JSON", Err: err}
	}
	return n, nil
}

// newlines returns the offsets of the line ends of data: "\n", "\r\n"
// (at its '\n') and a lone "\r", the line breaks YAML counts, so both
// formats number lines alike.
func newlines(data []byte) []int64 {
	var nl []int64
	for i, b := range data {
		if b == '\n' || b == '\r' && (i+1 == len(data) || data[i+1] != '\n') {
			nl = append(nl, int64(i))
		}
	}
	return nl
}

// lineAt returns the 1-based line of byte offset off (O(log lines)).
func lineAt(nl []int64, off int64) int {
	return 1 + sort.Search(len(nl), func(i int) bool { return nl[i] >= off })
}

type jsonWalker struct {
	dec *json.Decoder
	nl  []int64
}

// line returns the line of the token just read (JSON tokens hold no raw
// newline, so the line of its end is its line).
func (w *jsonWalker) line() int { return lineAt(w.nl, w.dec.InputOffset()-1) }

func (w *jsonWalker) value() (*yaml.Node, error) {
	tok, err := w.dec.Token()
	if err != nil {
		return nil, err
	}
	line := w.line()
	switch t := tok.(type) {
	case json.Delim:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: line}
		if t == '[' {
			n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		}
		for w.dec.More() {
			if n.Kind == yaml.MappingNode {
				kt, err := w.dec.Token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.DoubleQuotedStyle, Value: k, Line: w.line()})
			}
			v, err := w.value()
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, v)
		}
		if _, err := w.dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
		return n, nil
	case string:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.DoubleQuotedStyle, Value: t, Line: line}, nil
	case json.Number:
		return &yaml.Node{Kind: yaml.ScalarNode, Value: t.String(), Line: line}, nil
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(t), Line: line}, nil
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null", Line: line}, nil
}

// decoder decodes a node tree into a Config, collecting every problem and
// the line of every field it sets.
type decoder struct {
	lines map[string]int // field path → line of its key
	errs  []*ConfigError
}

// fail records a problem of node n at line (n's own line when 0).
func (d *decoder) fail(n *yaml.Node, line int, path string, kind error, cause error, format string, args ...any) {
	if line == 0 {
		line = n.Line
	}
	e := &ConfigError{Line: line, Path: path, Kind: kind, Msg: fmt.Sprintf(format, args...), Err: cause}
	if n.Kind == yaml.ScalarNode && kind != ErrDuplicateKey {
		e.Value = n.Value
	}
	d.errs = append(d.errs, e)
}

// deref follows the document and alias wrappers to the content node; nil
// for an empty document.
func deref(n *yaml.Node) *yaml.Node {
	for n != nil && (n.Kind == yaml.DocumentNode || n.Kind == yaml.AliasNode) {
		if n.Kind == yaml.AliasNode {
			n = n.Alias
			continue
		}
		if len(n.Content) == 0 {
			return nil
		}
		n = n.Content[0]
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == 0 || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

func subPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// checkKeys reports duplicate and non-scalar keys in every mapping of the
// tree, known fields or not. Aliases are not followed: the node they name
// is checked where it is defined, so the walk is linear in the input.
func (d *decoder) checkKeys(n *yaml.Node, path string) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			d.checkKeys(c, path)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			d.checkKeys(c, fmt.Sprintf("%s[%d]", path, i))
		}
	case yaml.MappingNode:
		first := make(map[string]int, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if r := deref(k); r != nil && r.Kind == yaml.ScalarNode {
				k = r
			}
			if k.Kind != yaml.ScalarNode {
				d.fail(n.Content[i], 0, path, ErrSyntax, nil, "mapping key is not a scalar (%s)", k.ShortTag())
				continue
			}
			sub := subPath(path, k.Value)
			if line, dup := first[k.Value]; dup {
				d.fail(k, 0, sub, ErrDuplicateKey, nil, "duplicate key %q (first at line %d)", k.Value, line)
			} else {
				first[k.Value] = k.Line
			}
			d.checkKeys(n.Content[i+1], sub)
		}
	}
}

// fieldNames returns the yaml names of t's fields.
func fieldNames(t reflect.Type) []string {
	names := make([]string, t.NumField())
	for j := range names {
		names[j], _, _ = strings.Cut(t.Field(j).Tag.Get("yaml"), ",")
	}
	return names
}

// decode decodes n into v (a struct, recursively, or a scalar), keeping the
// fields absent from n and reporting every unknown or ill-typed field at
// line, the line of the field's key (0 for the root: n's line).
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string, line int) {
	n = deref(n)
	if isNull(n) {
		return // empty input or explicit null keeps the default
	}
	name := path
	if name == "" {
		name = "config"
	}
	if v.Kind() != reflect.Struct {
		d.scalar(n, v, name, line)
		return
	}
	if n.Kind != yaml.MappingNode {
		d.fail(n, line, path, ErrInvalidValue, nil, "want a mapping of fields for %s, got %s", name, n.ShortTag())
		return
	}
	names := fieldNames(v.Type())
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := deref(n.Content[i]), n.Content[i+1]
		if key == nil || key.Kind != yaml.ScalarNode {
			continue // reported by checkKeys
		}
		sub := subPath(path, key.Value)
		field := -1
		for j, nm := range names {
			if nm == key.Value {
				field = j
				break
			}
		}
		if field < 0 {
			d.fail(key, 0, sub, ErrUnknownField, nil, "unknown field (%s has %s)", name, strings.Join(names, ", "))
			continue
		}
		if _, seen := d.lines[sub]; !seen {
			d.lines[sub] = key.Line
		}
		d.decode(val, v.Field(field), sub, key.Line)
	}
}

// scalar decodes the scalar n into v (float64, int or string), with the
// same type rules for both formats: a number is !!int or !!float, an
// integer !!int, a string !!str. Problems are reported at line.
func (d *decoder) scalar(n *yaml.Node, v reflect.Value, path string, line int) {
	if n.Kind != yaml.ScalarNode {
		d.fail(n, line, path, ErrInvalidValue, nil, "want a %s, got %s", v.Type(), n.ShortTag())
		return
	}
	tag := n.ShortTag()
	switch v.Kind() {
	case reflect.Float64:
		if tag == "!!int" || tag == "!!float" {
			break
		}
		if _, err := strconv.ParseFloat(n.Value, 64); tag == "!!str" && n.Style == 0 && errors.Is(err, strconv.ErrRange) {
			d.fail(n, line, path, ErrInvalidValue, nil, "number %s is outside the float64 range", n.Value)
			return
		}
		d.fail(n, line, path, ErrInvalidValue, nil, "cannot use %s %q as a number", tag, n.Value)
		return
	case reflect.Int:
		if tag != "!!int" {
			d.fail(n, line, path, ErrInvalidValue, nil, "%s %q is not an integer", tag, n.Value)
			return
		}
	case reflect.String:
		if tag != "!!str" {
			d.fail(n, line, path, ErrInvalidValue, nil, "cannot use %s %q as a string", tag, n.Value)
			return
		}
	}
	if err := n.Decode(v.Addr().Interface()); err != nil {
		d.fail(n, line, path, ErrInvalidValue, err, "cannot use %s %q as %s", tag, n.Value, v.Type())
	}
}
