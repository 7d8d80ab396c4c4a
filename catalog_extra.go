package techmatch

// This file holds the rules of extra fields (Extra): name normalisation
// and checks, and the JSON helpers that keep an object's key order (an
// object scanner over valid JSON, value-to-text conversion, string
// encoding).

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxFieldNameBytes is the longest extra field name (a header cell or JSON
// key the catalog contract does not know) Validate accepts, in bytes.
const MaxFieldNameBytes = 256

// Kinds of extra-field problems; test them with errors.Is like the kinds
// in catalog.go.
var (
	// ErrInvalidFieldName is an extra field whose name is empty, not
	// valid UTF-8, longer than MaxFieldNameBytes, not normalised or holds
	// a character that is not printable; in CSV and XLSX also a value in
	// a column whose header cell is blank.
	ErrInvalidFieldName = errors.New("invalid field name")
	// ErrDuplicateField is an extra field name given twice in one record
	// (or one CSV/XLSX header).
	ErrDuplicateField = errors.New("duplicate field")
)

// isNameBreak reports whether r is a line break or tab, which Normalize
// turns into a space inside an extra field name.
func isNameBreak(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', '\u0085', '\u2028', '\u2029':
		return true
	}
	return false
}

// normalizeFieldName returns an extra field name in canonical form: a
// leading BOM dropped, trimmed, and every run of line breaks and tabs
// (with the spaces around it) turned into one space, so that a header
// cell typed over two lines ("联系电话\n(手机)") becomes "联系电话 (手机)".
func normalizeFieldName(s string) string {
	t := strings.TrimSpace(strings.TrimPrefix(s, bom))
	if strings.IndexFunc(t, isNameBreak) < 0 {
		return t
	}
	parts := strings.FieldsFunc(t, isNameBreak)
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}

// fieldNameError returns what is wrong with an extra field name, or nil:
// empty, invalid UTF-8, not normalised, a character that is not
// printable (unicode.IsGraphic: spaces allowed, control and format
// characters not), or longer than MaxFieldNameBytes.
func fieldNameError(name string) error {
	if name == "" {
		return tag(ErrInvalidFieldName, "empty name")
	}
	if !utf8.ValidString(name) {
		return tag2(ErrInvalidFieldName, ErrInvalidUTF8, "invalid UTF-8 in name %q", strings.ToValidUTF8(name, "\uFFFD"))
	}
	if n := normalizeFieldName(name); n != name {
		return tag(ErrInvalidFieldName, "name %q is not normalised (Normalize turns it into %q)", name, n)
	}
	for i, r := range name {
		if !unicode.IsGraphic(r) {
			return tag(ErrInvalidFieldName, "name %q has the non-printable character %U at byte %d", name, r, i)
		}
	}
	if len(name) > MaxFieldNameBytes {
		return tag2(ErrInvalidFieldName, ErrTooLarge, "name is %d bytes, over the limit of %d", len(name), MaxFieldNameBytes)
	}
	return nil
}

// normalizeExtra returns e with every name normalised; e itself when
// nothing changes (it is never modified).
func normalizeExtra(e Extra) Extra {
	var out Extra
	for i, f := range e {
		n := normalizeFieldName(f.Name)
		if n == f.Name && out == nil {
			continue
		}
		if out == nil {
			out = append(make(Extra, 0, len(e)), e[:i]...)
		}
		out = append(out, Field{Name: n, Value: f.Value})
	}
	if out == nil {
		return e
	}
	return out
}

// extra records the problems of a record's extra fields: more than
// maxExtra of them, a bad name (field "extra"), a name given twice, a
// value that is not valid UTF-8 or longer than the field limit (field:
// the name).
func (v *validator) extra(e Extra, maxExtra int) {
	if len(e) > maxExtra {
		v.add("extra", tag(ErrTooLarge, "%d extra fields, over the limit of %d (Limits.MaxExtraFields)", len(e), maxExtra))
	}
	var index map[string]int // name → position, for long lists
	if len(e) > 16 {
		index = make(map[string]int, len(e))
	}
	for i, f := range e {
		if err := fieldNameError(f.Name); err != nil {
			v.add("extra", fmt.Errorf("extra field %d: %w", i+1, err))
			continue
		}
		first := -1
		if index != nil {
			if j, ok := index[f.Name]; ok {
				first = j
			} else {
				index[f.Name] = i
			}
		} else {
			for j := range i {
				if e[j].Name == f.Name {
					first = j
					break
				}
			}
		}
		if first >= 0 {
			v.add("extra", tag(ErrDuplicateField, "extra field %d: name %q is given twice (first as extra field %d)", i+1, f.Name, first+1))
			continue
		}
		if !v.utf8(f.Name, f.Value) {
			v.size(f.Name, -1, f.Value)
		}
	}
}

// columnName names the 0-based column i for messages: "column 7 (G)".
func columnName(i int) string {
	letters := ""
	for n := i + 1; n > 0; n = (n - 1) / 26 {
		letters = string(rune('A'+(n-1)%26)) + letters
	}
	return fmt.Sprintf("column %d (%s)", i+1, letters)
}

// errJSONShape is what objectMembers returns on input that is not a
// well-formed JSON object.
var errJSONShape = errors.New("not a JSON object")

// objectMembers calls fn with the raw key (quotes included) and the raw
// value of every member of the JSON object b, in order, and stops at fn's
// first error. b should be valid JSON (json.Valid); whatever it is,
// objectMembers never reads out of bounds and returns errJSONShape when
// the object does not scan. A JSON null is an object without members.
// One pass over b, no allocation.
func objectMembers(b []byte, fn func(key, raw []byte) error) error {
	i := skipSpace(b, 0)
	if i < len(b) && b[i] == 'n' {
		return nil
	}
	if i >= len(b) || b[i] != '{' {
		return errJSONShape
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return nil
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return errJSONShape
		}
		kstart, kend := i, valueEnd(b, i)
		if kend < 0 {
			return errJSONShape
		}
		i = skipSpace(b, kend)
		if i >= len(b) || b[i] != ':' {
			return errJSONShape
		}
		vstart := skipSpace(b, i+1)
		vend := valueEnd(b, vstart)
		if vend < 0 {
			return errJSONShape
		}
		if err := fn(b[kstart:kend], b[vstart:vend]); err != nil {
			return err
		}
		i = skipSpace(b, vend)
		if i >= len(b) {
			return errJSONShape
		}
		switch b[i] {
		case '}':
			return nil
		case ',':
			i = skipSpace(b, i+1)
		default:
			return errJSONShape
		}
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// valueEnd returns the index just past the JSON value starting at b[i]
// (a string, an object or array with everything nested in it, or a
// literal), or -1 when it does not end within b.
func valueEnd(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		for j := i + 1; j < len(b); j++ {
			switch b[j] {
			case '\\':
				j++
			case '"':
				return j + 1
			}
		}
		return -1
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				end := valueEnd(b, j)
				if end < 0 {
					return -1
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(b) {
		switch b[j] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return j
		}
		j++
	}
	return j
}

// appendMembers appends the members of the JSON object b (or null) to e
// as fields, in order, values as jsonText makes them.
func appendMembers(e Extra, b []byte) (Extra, error) {
	err := objectMembers(b, func(rawKey, raw []byte) error {
		key, err := jsonString(rawKey)
		if err != nil {
			return err
		}
		v, err := jsonText(raw)
		e = append(e, Field{Name: key, Value: v})
		return err
	})
	return e, err
}

// jsonString decodes the JSON string raw (quotes included). Invalid UTF-8
// becomes U+FFFD, as encoding/json decodes it.
func jsonString(raw []byte) (string, error) {
	if len(raw) >= 2 {
		body := raw[1 : len(raw)-1]
		if bytes.IndexByte(body, '\\') < 0 && bytes.IndexByte(body, '"') < 0 && utf8.Valid(body) {
			return string(body), nil // fast path: no escapes
		}
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err
}

// jsonText returns a JSON value as the text of an extra field: a string
// as it is, a number or boolean as its literal text, null as "", an
// object or array as its compact JSON text.
func jsonText(raw []byte) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "", nil
	}
	switch raw[0] {
	case 'n':
		return "", nil
	case '"':
		return jsonString(raw)
	case '{', '[':
		var buf bytes.Buffer
		if err := json.Compact(&buf, raw); err != nil {
			return "", err
		}
		return buf.String(), nil
	}
	return string(raw), nil
}

// appendJSONString appends s to b as a JSON string, escaping what JSON
// requires and, like encoding/json, U+2028 and U+2029; invalid UTF-8
// becomes \ufffd. HTML characters are not escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += n
			continue
		}
		i += n
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
