package techmatch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// readJSONL reads one JSON object per line. Blank lines are skipped; a
// UTF-8 BOM before the first line is ignored; lines longer than
// Limits.MaxRecordBytes are one problem each and skipped. Memory is
// O(MaxRecordBytes) beyond the records kept.
func readJSONL[T any](ctx context.Context, r io.Reader, c *collector[T]) error {
	maxLine := c.limits.MaxRecordBytes
	br := bufio.NewReaderSize(r, 64<<10)
	var buf []byte
	for line := 1; ; line++ {
		var tooLong bool
		var err error
		buf, tooLong, err = readLine(br, buf[:0], maxLine)
		if err != nil && !errors.Is(err, io.EOF) {
			return readError(c.file, line, err)
		}
		eof := err != nil
		if line == 1 {
			buf = bytes.TrimPrefix(buf, []byte(bom))
		}
		switch {
		case tooLong:
			if err := c.tick(ctx, line); err != nil {
				return err
			}
			c.problem(line, "", "", tag2(ErrLineTooLong, ErrTooLarge, "line longer than %d bytes (Limits.MaxRecordBytes)", maxLine))
		case len(bytes.TrimSpace(buf)) > 0:
			if err := c.tick(ctx, line); err != nil {
				return err
			}
			c.jsonRecord(line, buf)
		}
		if eof {
			return nil
		}
	}
}

// readLine appends the next line of br to buf, without its "\n" or
// "\r\n". When the line is longer than max it returns tooLong and skips the
// rest of it. err is io.EOF at the end of the input.
func readLine(br *bufio.Reader, buf []byte, max int) (_ []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > max+2 { // +2: the line end
				tooLong, buf = true, buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		buf = bytes.TrimSuffix(buf, []byte("\n"))
		buf = bytes.TrimSuffix(buf, []byte("\r"))
		if !tooLong && len(buf) > max {
			tooLong, buf = true, buf[:0]
		}
		return buf, tooLong, err
	}
}

// jsonMember is a key of a JSON line that names a contract field: the
// field and the raw value.
type jsonMember struct {
	name string
	raw  []byte
}

// jsonRecord parses one JSON line read at line. The object's members are
// taken in order: the first key naming a contract field (in any of its
// aliases) sets it; the members of an "extra" object, and every other key
// (unknown, or a second one for a field already set), go to the record's
// Extra in the order met. Contract fields are then parsed in the order of
// their names, so problems come in a fixed order.
func (c *collector[T]) jsonRecord(line int, b []byte) {
	if err := jsonObjectError(b); err != nil {
		c.problem(line, "", "", err)
		return
	}
	var rec T
	var probs []Problem
	var extra Extra
	known := c.members[:0]
	badName := ""          // the first name (in order) of a member with invalid UTF-8
	valid := utf8.Valid(b) // the usual case: no member to check
	err := objectMembers(b, func(rawKey, raw []byte) error {
		key, err := jsonString(rawKey)
		if err != nil {
			return err
		}
		name := c.kind.lookup(key)
		if !valid && (!utf8.Valid(rawKey) || !utf8.Valid(raw)) {
			shown := name
			if shown == "" {
				shown = normalizeFieldName(key)
			}
			if badName == "" || shown < badName {
				badName = shown
			}
		}
		if key == "extra" && len(raw) > 0 && (raw[0] == '{' || raw[0] == 'n') {
			var err error
			extra, err = appendMembers(extra, raw)
			return err
		}
		if name != "" && !slices.ContainsFunc(known, func(m jsonMember) bool { return m.name == name }) {
			known = append(known, jsonMember{name: name, raw: raw})
			return nil
		}
		v, err := jsonText(raw)
		extra = append(extra, Field{Name: key, Value: v})
		return err
	})
	c.members = known[:0]
	if err != nil {
		c.problem(line, "", "", tag(ErrMalformed, "malformed JSON: %w", err))
		return
	}
	if badName != "" {
		probs = append(probs, Problem{Field: badName, Err: invalidUTF8(badName)})
	}
	slices.SortFunc(known, func(x, y jsonMember) int { return strings.Compare(x.name, y.name) })
	for _, m := range known {
		// Invalid UTF-8 (reported above) decodes as U+FFFD.
		v, skip, err := jsonValue(m.raw)
		if err == nil && !skip {
			err = c.kind.set(&rec, m.name, v)
		}
		if err != nil {
			probs = append(probs, Problem{Field: m.name, Err: err})
		}
	}
	*c.kind.extra(&rec) = extra
	c.add(line, &rec, probs)
}

// jsonObjectError returns nil when b is one JSON object (or null, an
// object without members), else the problem, tagged ErrMalformed.
func jsonObjectError(b []byte) error {
	if json.Valid(b) {
		if i := skipSpace(b, 0); i < len(b) && (b[i] == '{' || b[i] == 'n') {
			return nil
		}
	}
	var obj map[string]json.RawMessage
	err := json.Unmarshal(b, &obj)
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &te):
		err = fmt.Errorf("want one object per line, got %s", te.Value)
	case err == nil:
		err = errJSONShape
	}
	return tag(ErrMalformed, "malformed JSON: %w", err)
}

// jsonValue converts a JSON value to a field value. null is skipped;
// objects and nested lists are errors.
func jsonValue(raw json.RawMessage) (v value, skip bool, err error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return v, true, nil
	}
	switch raw[0] {
	case 'n':
		return v, true, nil
	case 't', 'f':
		return value{text: string(raw), isBool: true}, false, nil
	case '{':
		return v, false, tag(ErrMalformed, "want text, a number or a list, got an object")
	case '"':
		v.text, err = jsonString(raw)
		return v, false, err
	case '[':
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return v, false, err
		}
		v.isList = true
		for _, it := range items {
			iv, skip, err := jsonValue(it)
			if err != nil || iv.isList || iv.isBool {
				return v, false, tag(ErrMalformed, "list items must be text or numbers, got %s", bytes.TrimSpace(it))
			}
			if !skip {
				v.items = append(v.items, iv.text)
			}
		}
		return v, false, nil
	}
	return value{text: string(raw)}, false, nil // a number
}
