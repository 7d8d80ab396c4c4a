package segment

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/yanyiwu/gojieba"
)

// miniDicts are small valid jieba dictionary files (cppjieba loads them),
// the base the garbage lines of TestDictionaryChecks go into.
var miniDicts = map[string]string{
	"jieba.dict.utf8": "中国 100 ns\n北京 50 ns\n大学 80 n\n",
	"hmm_model.utf8": "#prob_start\n" + // line 1
		"-0.26 -3.14e+100 -3.14e+100 -1.46\n" + // 2
		"#prob_trans 4x4 matrix\n" + // 3
		"-3.14e+100 -0.51 -0.91 -3.14e+100\n" + // 4
		"-0.58 -3.14e+100 -3.14e+100 -0.81\n" + // 5
		"-3.14e+100 -0.33 -1.26 -3.14e+100\n" + // 6
		"-0.72 -3.14e+100 -3.14e+100 -0.66\n" + // 7
		"#prob_emit 4 lines\n" + // 8
		"中:-5.1,国:-6.2\n" + // 9
		"中:-5.3,国:-6.0\n" + // 10
		"中:-7.1,国:-6.8\n" + // 11
		"中:-4.1,国:-5.2\n", // 12
	"user.dict.utf8":  "云计算\n蓝翔 nz\n区块链 10 nz\n",
	"idf.utf8":        "中国 5.2\n北京 6.1\n",
	"stop_words.utf8": "的\n了\n",
}

// replaceLine returns text with line n (1-based) replaced by line;
// n = lines+1 appends it.
func replaceLine(text string, n int, line string) string {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if n == len(lines)+1 {
		lines = append(lines, line)
	} else {
		lines[n-1] = line
	}
	return strings.Join(lines, "\n") + "\n"
}

// insertLine returns text with line inserted before line n (1-based).
func insertLine(text string, n int, line string) string {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	lines = append(lines[:n-1], append([]string{line}, lines[n-1:]...)...)
	return strings.Join(lines, "\n") + "\n"
}

// dictCase is one dictionary file content and what is expected of it.
type dictCase struct {
	name, file, content string
	wantLine            int  // the line the error names; -1: no error
	aborts              bool // cppjieba aborts the process on it
	dir                 string
}

func dictCases() []dictCase {
	m, h, u, i, s := miniDicts["jieba.dict.utf8"], miniDicts["hmm_model.utf8"], miniDicts["user.dict.utf8"], miniDicts["idf.utf8"], miniDicts["stop_words.utf8"]
	const J, H, U, I, S = "jieba.dict.utf8", "hmm_model.utf8", "user.dict.utf8", "idf.utf8", "stop_words.utf8"
	return []dictCase{
		// Accepted: what cppjieba loads correctly.
		{name: "main: valid", file: J, content: m, wantLine: -1},
		{name: "main: CRLF and a trailing space", file: J, content: "中国 100 ns\r\n北京 50 ns \n", wantLine: -1},
		{name: "main: no final newline", file: J, content: "中国 100 ns\n北京 5e1 ns", wantLine: -1},
		{name: "hmm: valid", file: H, content: h, wantLine: -1},
		{name: "hmm: CRLF, blank lines, extra lines ignored", file: H, content: strings.ReplaceAll(insertLine(h, 2, "  "), "\n", "\r\n") + "whatever\n", wantLine: -1},
		{name: "user: valid with empty line", file: U, content: insertLine(u, 2, ""), wantLine: -1},
		{name: "idf: valid", file: I, content: i, wantLine: -1},
		{name: "idf: CRLF", file: I, content: "中国 5.2\r\n北京 6.1\r\n", wantLine: -1},
		{name: "stop: valid with empty line", file: S, content: s + "\n", wantLine: -1},

		// Garbage on which cppjieba aborts the process.
		{name: "main: empty line", file: J, content: insertLine(m, 2, ""), wantLine: 2, aborts: true},
		{name: "main: two fields", file: J, content: replaceLine(m, 2, "北京 50"), wantLine: 2, aborts: true},
		{name: "main: four fields", file: J, content: replaceLine(m, 3, "大学 80 n x"), wantLine: 3, aborts: true},
		{name: "main: two spaces", file: J, content: replaceLine(m, 2, "北京  50 ns"), wantLine: 2, aborts: true},
		{name: "main: tab separated", file: J, content: replaceLine(m, 1, "中国\t100\tns"), wantLine: 1, aborts: true},
		{name: "main: word instead of number", file: J, content: replaceLine(m, 2, "北京 ns 50"), wantLine: 2, aborts: true},
		{name: "main: zero frequency", file: J, content: replaceLine(m, 2, "北京 0 ns"), wantLine: 2, aborts: true},
		{name: "main: negative frequency", file: J, content: replaceLine(m, 3, "大学 -80 n"), wantLine: 3, aborts: true},
		{name: "main: NaN frequency", file: J, content: replaceLine(m, 2, "北京 nan ns"), wantLine: 2, aborts: true},
		{name: "main: empty file", file: J, content: "", wantLine: 0, aborts: true},
		{name: "hmm: start with 3 numbers", file: H, content: replaceLine(h, 2, "-0.26 -3.14e+100 -1.46"), wantLine: 2, aborts: true},
		{name: "hmm: transition row of 5", file: H, content: replaceLine(h, 5, "-0.58 -3.14e+100 -3.14e+100 -0.81 -1"), wantLine: 5, aborts: true},
		{name: "hmm: two spaces in a row", file: H, content: replaceLine(h, 6, "-3.14e+100  -0.33 -1.26 -3.14e+100"), wantLine: 6, aborts: true},
		{name: "hmm: emission without colon", file: H, content: replaceLine(h, 10, "中-5.3,国:-6.0"), wantLine: 10, aborts: true},
		{name: "hmm: emission of two characters", file: H, content: replaceLine(h, 11, "中国:-7.1"), wantLine: 11, aborts: true},
		{name: "hmm: emission of no character", file: H, content: replaceLine(h, 12, ":-4.1,国:-5.2"), wantLine: 12, aborts: true},
		{name: "hmm: empty emission entry", file: H, content: replaceLine(h, 9, "中:-5.1,,国:-6.2"), wantLine: 9, aborts: true},
		{name: "hmm: invalid UTF-8 rune", file: H, content: replaceLine(h, 9, "\xff:-5.1"), wantLine: 9, aborts: true},
		{name: "hmm: truncated", file: H, content: strings.Join(strings.SplitAfter(h, "\n")[:11], ""), wantLine: 11, aborts: true},
		{name: "hmm: a garbage line shifts the matrix", file: H, content: insertLine(h, 4, "garbage"), wantLine: 4, aborts: true},
		{name: "idf: mean not positive", file: I, content: "中国 -5\n北京 1\n", wantLine: 0, aborts: true},
		{name: "idf: NaN", file: I, content: replaceLine(i, 2, "北京 nan"), wantLine: 2, aborts: true},
		{name: "stop: empty file", file: S, content: "", wantLine: 0, aborts: true},
		{name: "user: ';' in the path", file: U, content: u, wantLine: 0, aborts: true, dir: "dicts;v2"},

		// Garbage cppjieba loads silently or with a logged error: still an
		// error here.
		{name: "main: empty word", file: J, content: replaceLine(m, 2, " 50 ns"), wantLine: 2},
		{name: "main: number with trailing garbage", file: J, content: replaceLine(m, 2, "北京 50abc ns"), wantLine: 2},
		{name: "main: infinite frequency", file: J, content: replaceLine(m, 2, "北京 inf ns"), wantLine: 2},
		{name: "main: invalid UTF-8 word", file: J, content: replaceLine(m, 2, "\xff\xfe 50 ns"), wantLine: 2},
		{name: "main: frequencies sum to infinity", file: J, content: "中国 1e308 ns\n北京 1e308 ns\n", wantLine: 0},
		{name: "hmm: not a number", file: H, content: replaceLine(h, 4, "a b c d"), wantLine: 4},
		{name: "hmm: emission not a number", file: H, content: replaceLine(h, 10, "中:x,国:-6.0"), wantLine: 10},
		{name: "user: four fields", file: U, content: replaceLine(u, 2, "蓝翔 10 nz x"), wantLine: 2},
		{name: "user: frequency not a number", file: U, content: replaceLine(u, 3, "区块链 x nz"), wantLine: 3},
		{name: "user: zero frequency", file: U, content: replaceLine(u, 3, "区块链 0 nz"), wantLine: 3},
		{name: "user: frequency beyond int", file: U, content: replaceLine(u, 3, "区块链 99999999999 nz"), wantLine: 3},
		{name: "user: empty word", file: U, content: replaceLine(u, 2, " nz"), wantLine: 2},
		{name: "user: invalid UTF-8", file: U, content: replaceLine(u, 1, "\xff\xfe"), wantLine: 1},
		{name: "idf: empty line", file: I, content: insertLine(i, 2, ""), wantLine: 2},
		{name: "idf: one field", file: I, content: replaceLine(i, 2, "北京"), wantLine: 2},
		{name: "idf: three fields", file: I, content: replaceLine(i, 1, "中国 5.2 x"), wantLine: 1},
		{name: "idf: not a number", file: I, content: replaceLine(i, 2, "北京 x"), wantLine: 2},
		{name: "idf: invalid UTF-8 word", file: I, content: replaceLine(i, 1, "\xff 5.2"), wantLine: 1},
		{name: "stop: invalid UTF-8", file: S, content: replaceLine(s, 2, "\xff"), wantLine: 2},
	}
}

// writeDictDir writes the mini dictionaries with file replaced by content
// into a new directory (named sub inside a temporary one when sub is set).
func writeMiniDicts(t *testing.T, file, content, sub string) string {
	t.Helper()
	dir := t.TempDir()
	if sub != "" {
		dir = filepath.Join(dir, sub)
		require.NoError(t, os.Mkdir(dir, 0o700))
	}
	for name, c := range miniDicts {
		if name == file {
			c = content
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(c), 0o600))
	}
	return dir
}

// TestDictionaryChecks: one garbage line of each kind in each kind of
// jieba dictionary file is a *DictError naming the file and line; the
// files cppjieba reads correctly pass.
func TestDictionaryChecks(t *testing.T) {
	for _, tt := range dictCases() {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeMiniDicts(t, tt.file, tt.content, tt.dir)
			path := filepath.Join(dir, tt.file)
			err := checkJiebaFile(path, tt.file)
			if tt.wantLine < 0 {
				assert.NoError(t, err, "checkJiebaFile(%s): got %v, want nil", tt.name, err)
				return
			}
			require.Error(t, err, "checkJiebaFile(%s): got nil, want an error on line %d", tt.name, tt.wantLine)
			assert.ErrorIs(t, err, ErrDictionary, "got %v, want errors.Is(err, ErrDictionary)", err)
			var de *DictError
			require.True(t, errors.As(err, &de), "got %T, want *DictError", err)
			assert.Equal(t, path, de.Path, "DictError.Path")
			assert.Equal(t, tt.wantLine, de.Line, "DictError.Line: got %d, want %d (%v)", de.Line, tt.wantLine, err)
			want := "segment: jieba dictionary " + path + ":"
			if tt.wantLine > 0 {
				want = fmt.Sprintf("segment: jieba dictionary %s:%d: ", path, tt.wantLine)
			}
			assert.True(t, strings.HasPrefix(err.Error(), want), "error: got %q, want prefix %q", err, want)
		})
	}
}

// TestDictionaryChecksMirrorCppjieba loads every case of dictCases with
// cppjieba itself, in a child process (an abort would kill the test):
// it must abort exactly on the cases marked aborts, and load the others.
// This is what says that the checks catch every abort they claim to.
func TestDictionaryChecksMirrorCppjieba(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process per case (-short)")
	}
	exe, err := os.Executable()
	require.NoError(t, err)
	for _, tt := range dictCases() {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeMiniDicts(t, tt.file, tt.content, tt.dir)
			aborted, out := loadJiebaInChild(t, exe, dir)
			assert.Equal(t, tt.aborts, aborted, "cppjieba aborted: got %v, want %v; output:\n%s", aborted, tt.aborts, out)
		})
	}
}

// TestNewRejectsGarbageDictionary: New with a DictDir holding one garbage
// line returns the error instead of letting jieba abort the process.
func TestNewRejectsGarbageDictionary(t *testing.T) {
	dir := copyDicts(t, "", "")
	garbage := insertLine(string(bundled(t, "jieba.dict.utf8")), 17, "坏行 only-two")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "jieba.dict.utf8"), []byte(garbage), 0o600))
	s, err := New(Config{DictDir: dir})
	require.Error(t, err, "New with a garbage line: got nil error")
	assert.Nil(t, s)
	assert.ErrorIs(t, err, ErrDictionary)
	want := filepath.Join(dir, "jieba.dict.utf8") + ":17: "
	assert.Contains(t, err.Error(), want, "error: got %v, want it to name %s", err, want)
}

func TestLexiconErrorsAreTyped(t *testing.T) {
	long := strings.Repeat("碳", maxWordRunes+1)
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"extra word too long", Config{ExtraWords: []string{"好词", long}}, "Config.ExtraWords[1]: term of 513 characters"},
		{"extra word frequency beyond int", Config{ExtraWords: []string{"好词 3000000000"}}, "Config.ExtraWords[0]: frequency 3000000000"},
		{"extra word without term", Config{ExtraWords: []string{"，，"}}, "Config.ExtraWords[0]: term"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrDictionary)
			assert.Contains(t, err.Error(), tt.want)
			_, err = New(tt.cfg)
			assert.ErrorIs(t, err, ErrDictionary, "New: got %v", err)
		})
	}
	t.Run("boilerplate too long", func(t *testing.T) {
		err := Config{Boilerplate: []string{long}}.Validate()
		require.Error(t, err)
		assert.Contains(t, err.Error(), "Config.Boilerplate[0] has 513 characters")
	})
	t.Run("user dictionary line", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "user.txt")
		require.NoError(t, os.WriteFile(p, []byte("好词\n"+long+"\n"), 0o600))
		_, err := New(Config{UserDicts: []string{p}, NoLexicon: true})
		require.Error(t, err)
		assert.ErrorIs(t, err, ErrDictionary)
		var de *DictError
		require.ErrorAs(t, err, &de)
		assert.Equal(t, DictError{Kind: "lexicon", Path: p, Line: 2, Err: de.Err}, *de)
	})
}

// envLoadJieba names a dictionary directory the test binary loads with
// gojieba.NewJieba and exits (see TestMain, loadJiebaInChild).
const envLoadJieba = "TECHMATCH_SEGMENT_TEST_LOAD_JIEBA"

// loadJiebaInChild runs this test binary to load dir with cppjieba and
// reports whether the child aborted, with its output. The Go runtime turns
// a SIGABRT raised in C into "SIGABRT: abort" and exit status 2.
func loadJiebaInChild(t *testing.T, exe, dir string) (bool, string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("abort is not a signal on Windows")
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), envLoadJieba+"="+dir, "GOTRACEBACK=none")
	out, err := cmd.CombinedOutput()
	if err == nil {
		return false, string(out)
	}
	require.True(t, strings.Contains(string(out), "SIGABRT"), "child failed otherwise (%v): %s", err, out)
	return true, string(out)
}

// loadJiebaAndExit is the child's side of loadJiebaInChild.
func loadJiebaAndExit(dir string) {
	paths := make([]string, len(dictFiles))
	for i, f := range dictFiles {
		paths[i] = filepath.Join(dir, f)
	}
	gojieba.NewJieba(paths...).Free()
	os.Exit(0)
}
