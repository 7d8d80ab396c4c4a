package techmatch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadExtraJSONL(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opt  ReadOptions
		want Extra         // of the one record, when it is kept
		prob []wantProblem // when it is not
	}{
		{
			name: "unknown keys in their order, Chinese names",
			in:   `{"联系人":"张三","id":"A1","邮箱":"a@b.cn","title":"t","专利号":"ZL2020 1"}`,
			want: Extra{{"联系人", "张三"}, {"邮箱", "a@b.cn"}, {"专利号", "ZL2020 1"}},
		},
		{
			name: "values as text: numbers and booleans literal, null empty, nested compact, escapes decoded",
			in:   `{"id":"A1","title":"t","电话":13800000000,"价":7.50,"是":true,"空":null,"表":{"a": [1, "x"]},"列":[ 1 ,2],"引":"\"a\"\\\u00e9<&>"}`,
			want: Extra{{"电话", "13800000000"}, {"价", "7.50"}, {"是", "true"}, {"空", ""}, {"表", `{"a":[1,"x"]}`}, {"列", "[1,2]"}, {"引", `"a"\é<&>`}},
		},
		{
			name: "an extra object's members at its place, whatever their names",
			in:   `{"id":"A1","备注":"x","extra":{"联系人":"张三","title":"别名"},"title":"t","负责人":"李四"}`,
			want: Extra{{"备注", "x"}, {"联系人", "张三"}, {"title", "别名"}, {"负责人", "李四"}},
		},
		{
			name: "extra null is nothing, extra text is an ordinary key",
			in:   `{"id":"A1","title":"t","extra":null}` + "\n" + `{"id":"A2","title":"t","extra":"备注文字"}`,
			want: nil,
		},
		{
			name: "a second key for a field already set is kept under its key",
			in:   `{"id":"A1","成果名称":"高强钢","title":"Hot stamping","编号":"X-9"}`,
			want: Extra{{"title", "Hot stamping"}, {"编号", "X-9"}},
		},
		{
			name: "names trimmed, line breaks and tabs inside become a space",
			in:   `{"id":"A1","title":"t"," 联系电话\n(手机) ":"1","备\t注":"2"}`,
			want: Extra{{"联系电话 (手机)", "1"}, {"备 注", "2"}},
		},
		{
			name: "values are not trimmed",
			in:   `{"id":"A1","title":"t","备注":"  两边有空格 "}`,
			want: Extra{{"备注", "  两边有空格 "}},
		},
		{
			name: "an unknown key twice is a problem",
			in:   `{"id":"A1","title":"t","备注":"a","备注":"b"}`,
			prob: []wantProblem{{line: 1, field: "extra", id: "A1", kind: ErrDuplicateField, msg: `extra field 2: name "备注" is given twice (first as extra field 1)`}},
		},
		{
			name: "a key also in extra is a problem",
			in:   `{"id":"A1","title":"t","备注":"a","extra":{"备注":"b"}}`,
			prob: []wantProblem{{line: 1, field: "extra", id: "A1", kind: ErrDuplicateField}},
		},
		{
			name: "an empty name is a problem",
			in:   `{"id":"A1","title":"t","  ":"a"}`,
			prob: []wantProblem{{line: 1, field: "extra", id: "A1", kind: ErrInvalidFieldName, msg: "extra field 1: empty name"}},
		},
		{
			name: "a control character in a name is a problem, shown escaped",
			in:   `{"id":"A1","title":"t","备\u001b[2J注":"a"}`,
			prob: []wantProblem{{line: 1, field: "extra", id: "A1", kind: ErrInvalidFieldName, msg: `name "备\x1b[2J注" has the non-printable character U+001B`}},
		},
		{
			name: "a name over MaxFieldNameBytes is a problem",
			in:   `{"id":"A1","title":"t","` + strings.Repeat("名", 86) + `":"a"}`,
			prob: []wantProblem{{line: 1, field: "extra", id: "A1", kind: ErrTooLarge, msg: "name is 258 bytes, over the limit of 256"}},
		},
		{
			name: "a value over MaxFieldBytes is a problem of the field",
			in:   `{"id":"A1","title":"t","备注":"` + strings.Repeat("长", 30) + `"}`,
			opt:  ReadOptions{Limits: Limits{MaxFieldBytes: 64}},
			prob: []wantProblem{{line: 1, field: "备注", id: "A1", kind: ErrTooLarge, msg: "90 bytes, over the limit of 64"}},
		},
		{
			name: "more than MaxExtraFields is a problem",
			in:   `{"id":"A1","title":"t","a":"1","b":"2","c":"3"}`,
			opt:  ReadOptions{Limits: Limits{MaxExtraFields: 2}},
			prob: []wantProblem{{line: 1, field: "extra", id: "A1", kind: ErrTooLarge, msg: "3 extra fields, over the limit of 2 (Limits.MaxExtraFields)"}},
		},
		{
			name: "invalid UTF-8 in a value inside extra names the key",
			in:   `{"id":"A1","title":"t","extra":{"备注":"` + "\xff" + `"}}`,
			prob: []wantProblem{{line: 1, field: "extra", id: "A1", kind: ErrInvalidUTF8}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := tt.opt
			opt.Lenient = true
			got, probs, err := ReadAchievements(context.Background(), strings.NewReader(tt.in), "a.jsonl", opt)
			if tt.prob != nil {
				assert.Empty(t, got, "got records %+v, want none", got)
				checkProblems(t, "a.jsonl", probs, tt.prob)
				return
			}
			require.NoError(t, err, "got %v, want nil", err)
			require.Empty(t, probs, "got problems %v, want none", probs)
			assert.Equal(t, tt.want, got[0].Extra, "extra: got %q, want %q", got[0].Extra, tt.want)
		})
	}
	// "extra" holding text is a field named extra.
	got, _, err := ReadAchievements(context.Background(), strings.NewReader(tests[3].in), "a.jsonl", ReadOptions{})
	require.NoError(t, err)
	assert.Equal(t, Extra{{"extra", "备注文字"}}, got[1].Extra, "got %q", got[1].Extra)
}

func TestReadExtraCSV(t *testing.T) {
	const header = "编号,需求名称,联系人,预算,联系电话,名称,备注\n"
	got, probs, err := ReadNeeds(context.Background(), strings.NewReader(header+
		"N1,轻量化,张三,300,0431-1,又一个名称, 注意 \n"+
		"N2,钛合金,,,,,\n"), "n.csv", ReadOptions{})
	require.NoError(t, err, "got %v", err)
	require.Empty(t, probs)
	want := []Need{
		{ID: "N1", Title: "轻量化", Budget: 300, Extra: Extra{{"联系人", "张三"}, {"联系电话", "0431-1"}, {"名称", "又一个名称"}, {"备注", " 注意 "}}},
		{ID: "N2", Title: "钛合金", Extra: Extra{{"联系人", ""}, {"联系电话", ""}, {"名称", ""}, {"备注", ""}}},
	}
	assert.Equal(t, want, got, "got %+v, want %+v", got, want)

	// Values under a blank header cell: a problem of their record only.
	got, probs, err = ReadNeeds(context.Background(), strings.NewReader("id,title,,备注\nN1,t,,a\nN2,t,孤儿值,b\n"), "n.csv", ReadOptions{Lenient: true})
	require.NoError(t, err, "got %v", err)
	assert.Equal(t, []string{"N1"}, needIDs(got), "ids: got %v", needIDs(got))
	assert.Equal(t, Extra{{"备注", "a"}}, got[0].Extra, "got %q", got[0].Extra)
	checkProblems(t, "n.csv", probs, []wantProblem{{line: 3, id: "N2", kind: ErrInvalidFieldName, msg: "a value in column 3 (C), whose header cell is blank"}})

	// Header errors end the read in both modes.
	for _, tc := range []struct {
		name, in string
		kind     error
		msg      string
	}{
		{"two columns named alike", "id,title,备注,联系人, 备注\nN1,t,a,b,c\n", ErrDuplicateField, `n.csv:1: header column 3 (C) and column 5 (E) are both named "备注"`},
		{"a name with a control character", "id,title,备\x7f注\nN1,t,a\n", ErrInvalidFieldName, `n.csv:1: header column 3 (C): name "备\x7f注" has the non-printable character U+007F`},
		{"a name too long", "id,title," + strings.Repeat("n", 300) + "\nN1,t,a\n", ErrTooLarge, "header column 3 (C): name is 300 bytes"},
		{"too many extra columns", "id,title,a,b,c\nN1,t,1,2,3\n", ErrTooLarge, "n.csv: line 1: header columns the catalog contract does not know: 3, over the limit of 2 (Limits.MaxExtraFields)"},
	} {
		for _, lenient := range []bool{false, true} {
			got, probs, err := ReadNeeds(context.Background(), strings.NewReader(tc.in), "n.csv", ReadOptions{Lenient: lenient, Limits: Limits{MaxExtraFields: 2}})
			require.ErrorIs(t, err, tc.kind, "%s: got %v", tc.name, err)
			assert.Contains(t, err.Error(), tc.msg, "%s: got %q", tc.name, err)
			assert.Nil(t, got, "%s: got records", tc.name)
			assert.Nil(t, probs, "%s: got problems", tc.name)
		}
	}
}

func TestReadExtraXLSX(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.xlsx")
	writeXLSX(t, path, []string{"成果"}, map[string][][]any{"成果": {
		{"编号", "成果名称", "联系人\n(负责人)", "专利号", "", "联系电话"},
		{"A1", "高强钢", "张三", "ZL 1", nil, 13800000000},
		{"A2", "镁合金"}, // missing trailing cells: ""
		{"A3", "钛合金", "李四", "", "无表头的值"},
		{"A4", "陶瓷", "王五", "", "", "", "", "表头之外"},
		{"A5", "涂层", "", "", "", "", "", ""},
	}})
	got, probs, err := LoadAchievements(context.Background(), path, ReadOptions{Lenient: true})
	require.NoError(t, err, "got %v", err)
	want := []Achievement{
		{ID: "A1", Title: "高强钢", Extra: Extra{{"联系人 (负责人)", "张三"}, {"专利号", "ZL 1"}, {"联系电话", "13800000000"}}},
		{ID: "A2", Title: "镁合金", Extra: Extra{{"联系人 (负责人)", ""}, {"专利号", ""}, {"联系电话", ""}}},
		{ID: "A5", Title: "涂层", Extra: Extra{{"联系人 (负责人)", ""}, {"专利号", ""}, {"联系电话", ""}}},
	}
	assert.Equal(t, want, got, "got %+v, want %+v", got, want)
	checkProblems(t, path, probs, []wantProblem{
		{line: 4, id: "A3", kind: ErrInvalidFieldName, msg: "column 5 (E), whose header cell is blank"},
		{line: 5, id: "A4", kind: ErrFieldCount, msg: "a value in column 8 (H), beyond the header's 6 columns"},
	})
}

func TestExtraJSON(t *testing.T) {
	e := Extra{{"联系人", "张三"}, {"备注", "<a&b>"}, {"z", "\u2028\x01\"\\"}, {"a", ""}}
	b, err := json.Marshal(e)
	require.NoError(t, err)
	// json.Marshal escapes HTML around a Marshaler; an encoder without
	// HTML escaping leaves it.
	assert.Equal(t, `{"联系人":"张三","备注":"\u003ca\u0026b\u003e","z":"\u2028\u0001\"\\","a":""}`, string(b), "got %s", b)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(e))
	assert.Equal(t, `{"联系人":"张三","备注":"<a&b>","z":"\u2028\u0001\"\\","a":""}`+"\n", buf.String(), "got %s", buf.String())

	var back Extra
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, e, back, "round trip: got %q, want %q", back, e)

	// Key order is kept on unmarshal; values become text.
	require.NoError(t, json.Unmarshal([]byte(` { "b" : 1 , "a" : [ true , null ] , "c":{ } , "d":null }`), &back))
	assert.Equal(t, Extra{{"b", "1"}, {"a", "[true,null]"}, {"c", "{}"}, {"d", ""}}, back, "got %q", back)

	// Records: nil omitted, empty object reads as nil, null leaves as is.
	rb, err := json.Marshal(Achievement{ID: "A"})
	require.NoError(t, err)
	assert.NotContains(t, string(rb), "extra", "got %s", rb)
	var a Achievement
	require.NoError(t, json.Unmarshal([]byte(`{"id":"A","extra":{}}`), &a))
	assert.Nil(t, a.Extra, "got %#v", a.Extra)
	a.Extra = Extra{{"k", "v"}}
	require.NoError(t, json.Unmarshal([]byte(`{"extra":null}`), &a))
	assert.Equal(t, Extra{{"k", "v"}}, a.Extra, "null: got %q", a.Extra)

	for _, bad := range []string{`[1]`, `"x"`, `{"a":}`, `{"a":1`, `7`} {
		var x Extra
		assert.Error(t, x.UnmarshalJSON([]byte(bad)), "%s: got nil, want an error", bad)
	}

	v, ok := e.Get("备注")
	assert.True(t, ok)
	assert.Equal(t, "<a&b>", v, "Get: got %q", v)
	_, ok = e.Get("无")
	assert.False(t, ok, "Get of a missing name")
}

func TestAppendJSONStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "abc", "中文", "\x00\x1f\x7f", "\"\\/", "\n\r\t\b\f", "\u2028\u2029", "a\xffb\xc3", "<&>", "\U0001F600"} {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		require.NoError(t, enc.Encode(s))
		want := strings.TrimSuffix(buf.String(), "\n")
		got := string(appendJSONString(nil, s))
		assert.Equal(t, want, got, "%q: got %s, want %s", s, got, want)
	}
}

func TestObjectMembers(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string // key=value pairs, raw
		err  bool
	}{
		{in: `{}`},
		{in: ` null `},
		{in: `{"a":1}`, want: []string{`"a"=1`}},
		{in: `{"a\"}":"x\\\"}","b":{"c":"}]","d":[{"e":"\""}]},"f" : -1.5e3 ,"g":[]}`,
			want: []string{`"a\"}"="x\\\"}"`, `"b"={"c":"}]","d":[{"e":"\""}]}`, `"f"=-1.5e3`, `"g"=[]`}},
		{in: `[1]`, err: true},
		{in: `{"a":1,}`, err: true},
		{in: `{"a" 1}`, err: true},
		{in: `{"a":"1`, err: true},
		{in: `{"a":{"b":1}`, err: true},
		{in: `{`, err: true},
		{in: ``, err: true},
	} {
		var got []string
		err := objectMembers([]byte(tc.in), func(k, v []byte) error {
			got = append(got, string(k)+"="+string(v))
			return nil
		})
		if tc.err {
			assert.ErrorIs(t, err, errJSONShape, "%s: got %v", tc.in, err)
			continue
		}
		require.NoError(t, err, "%s", tc.in)
		assert.Equal(t, tc.want, got, "%s: got %q, want %q", tc.in, got, tc.want)
	}
}

func TestValidateExtra(t *testing.T) {
	many := make(Extra, DefaultMaxExtraFields+1)
	for i := range many {
		many[i] = Field{Name: fmt.Sprintf("f%d", i), Value: "v"}
	}
	dupLong := append(Extra{}, many[:20]...)
	dupLong = append(dupLong, Field{"f3", "again"})
	tests := []struct {
		name  string
		extra Extra
		field string
		kind  error
		msg   string
	}{
		{"empty name", Extra{{"", "v"}}, "extra", ErrInvalidFieldName, "extra field 1: empty name"},
		{"not normalised", Extra{{"a", "1"}, {" 备注", "v"}}, "extra", ErrInvalidFieldName, `extra field 2: name " 备注" is not normalised (Normalize turns it into "备注")`},
		{"control character", Extra{{"a\u0007", "v"}}, "extra", ErrInvalidFieldName, "non-printable character U+0007"},
		{"format character", Extra{{"a\u202eb", "v"}}, "extra", ErrInvalidFieldName, "non-printable character U+202E"},
		{"invalid UTF-8 name", Extra{{"a\xff", "v"}}, "extra", ErrInvalidUTF8, "invalid UTF-8 in name"},
		{"name too long", Extra{{strings.Repeat("x", MaxFieldNameBytes+1), "v"}}, "extra", ErrTooLarge, "name is 257 bytes"},
		{"duplicate", Extra{{"a", "1"}, {"b", "2"}, {"a", "3"}}, "extra", ErrDuplicateField, "extra field 3: name \"a\" is given twice (first as extra field 1)"},
		{"duplicate in a long list", dupLong, "extra", ErrDuplicateField, "extra field 21: name \"f3\" is given twice (first as extra field 4)"},
		{"invalid UTF-8 value", Extra{{"备注", "\xfe"}}, "备注", ErrInvalidUTF8, ""},
		{"value too long", Extra{{"备注", strings.Repeat("x", DefaultMaxFieldBytes+1)}}, "备注", ErrTooLarge, "65537 bytes"},
		{"too many", many, "extra", ErrTooLarge, "257 extra fields, over the limit of 256"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, err := range []error{Achievement{ID: "A", Title: "t", Extra: tt.extra}.Validate(), Need{ID: "A", Title: "t", Extra: tt.extra}.Validate()} {
				require.ErrorIs(t, err, tt.kind, "got %v, want %v", err, tt.kind)
				var p Problem
				require.ErrorAs(t, err, &p)
				assert.Equal(t, tt.field, p.Field, "field: got %q, want %q", p.Field, tt.field)
				assert.Equal(t, "A", p.ID, "id: got %q", p.ID)
				assert.Contains(t, err.Error(), tt.msg, "got %q, want it to contain %q", err, tt.msg)
			}
		})
	}
	// Good extras: spaces (full-width too), an empty value, any value text.
	ok := Extra{{"联系 电话", ""}, {"备注 (2)", "\x1b 任何文本\n"}, {"E-mail", "a@b"}}
	assert.NoError(t, Achievement{ID: "A", Title: "t", Extra: ok}.Validate())
	assert.NoError(t, Need{ID: "A", Title: "t", Extra: many[:DefaultMaxExtraFields]}.Validate())
}

func TestNormalizeExtra(t *testing.T) {
	in := Extra{{"a", " v "}, {" 联系电话\r\n（手机） ", "1"}, {"\uFEFF备注", "2"}, {"x\t\ty", "3"}}
	keep := append(Extra(nil), in...)
	a := Achievement{ID: "A", Title: "t", Extra: in}
	a.Normalize()
	want := Extra{{"a", " v "}, {"联系电话 （手机）", "1"}, {"备注", "2"}, {"x y", "3"}}
	assert.Equal(t, want, a.Extra, "got %q, want %q", a.Extra, want)
	assert.Equal(t, keep, in, "Normalize modified the caller's slice: %q", in)
	assert.NoError(t, a.Validate())

	// Canonical extras are kept, not copied.
	n := Need{ID: "N", Title: "t", Extra: want}
	n.Normalize()
	assert.Same(t, &want[0], &n.Extra[0], "canonical extras were copied")
}
