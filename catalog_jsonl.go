package techmatch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
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

// jsonRecord parses one JSON line read at line.
func (c *collector[T]) jsonRecord(line int, b []byte) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			err = fmt.Errorf("want one object per line, got %s", te.Value)
		}
		c.problem(line, "", "", tag(ErrMalformed, "malformed JSON: %w", err))
		return
	}
	var rec T
	var probs []Problem
	// Fields in a fixed order (map iteration is random): known fields by
	// name, then invalid UTF-8 anywhere.
	keys := make(map[string]string, len(obj)) // field → key
	for key := range obj {
		if name := c.kind.lookup(key); name != "" {
			if prev, ok := keys[name]; !ok || key < prev {
				keys[name] = key
			}
		}
	}
	if !utf8.Valid(b) {
		f := invalidUTF8Field(c.kind, obj)
		probs = append(probs, Problem{Field: f, Err: invalidUTF8(f)})
	}
	for _, name := range slices.Sorted(maps.Keys(keys)) {
		// Invalid UTF-8 (reported above) decodes as U+FFFD.
		v, skip, err := jsonValue(obj[keys[name]])
		if err == nil && !skip {
			err = c.kind.set(&rec, name, v)
		}
		if err != nil {
			probs = append(probs, Problem{Field: name, Err: err})
		}
	}
	c.add(line, &rec, probs)
}

// invalidUTF8Field names the first field (in key order) whose key or value
// is not valid UTF-8.
func invalidUTF8Field[T any](k *kind[T], obj map[string]json.RawMessage) string {
	names := map[string]string{}
	for key, raw := range obj {
		if utf8.ValidString(key) && utf8.Valid(raw) {
			continue
		}
		name := k.lookup(key)
		if name == "" {
			name = strings.ToValidUTF8(key, "\uFFFD")
		}
		names[name] = name
	}
	if f := slices.Sorted(maps.Keys(names)); len(f) > 0 {
		return f[0]
	}
	return ""
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
		if len(raw) >= 2 && bytes.IndexByte(raw[1:len(raw)-1], '\\') < 0 && bytes.IndexByte(raw[1:len(raw)-1], '"') < 0 && utf8.Valid(raw) {
			v.text = string(raw[1 : len(raw)-1]) // fast path: no escapes
			return v, false, nil
		}
		err = json.Unmarshal(raw, &v.text)
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
