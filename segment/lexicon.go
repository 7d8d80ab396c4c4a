package segment

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// lexiconFS holds the domain lexicon: every dict/lexicon*.txt file.
//
//go:embed dict/lexicon*.txt
var lexiconFS embed.FS

// DefaultLexiconFreq is the jieba frequency given to lexicon terms without
// an explicit one. jieba's dictionary totals about 6.0e7, so a term gets
// log(1000/6e7) ≈ -11.0, above any split of it into two common words
// (汽车 + 零部件 ≈ -19.3), which keeps domain terms whole.
const DefaultLexiconFreq = 1000

const kindLexicon = "lexicon"

// extraWordError is the error for Config.ExtraWords[i].
func extraWordError(i int, err error) error {
	return &DictError{Kind: kindLexicon, Path: fmt.Sprintf("Config.ExtraWords[%d]", i), Err: err}
}

// lexEntry is one lexicon line.
type lexEntry struct {
	term string
	freq int
	tag  string
}

// parseLexiconLine parses `term [freq] [tag]` ('#' starts a comment).
// ok is false for blank and comment lines. The term is normalised and has
// a letter or digit and at most maxWordRunes characters (jieba never
// finds longer words); freq is in 1..2147483647 (jieba's C int; cppjieba
// would take the log of a zero or negative one). Terms reach jieba through
// AddWordEx, so they are never empty or invalid UTF-8 (Normalize replaces
// invalid bytes by spaces, which split fields).
func parseLexiconLine(line string) (e lexEntry, ok bool, err error) {
	if i := strings.IndexByte(line, '#'); i >= 0 {
		// '#' inside a term (c#) is allowed when not preceded by space.
		if i == 0 || unicode.IsSpace(rune(line[i-1])) {
			line = line[:i]
		}
	}
	f := strings.Fields(line)
	if len(f) == 0 {
		return e, false, nil
	}
	if len(f) > 3 {
		return e, false, fmt.Errorf("%d fields in %q, want `term [freq] [tag]`", len(f), strings.TrimSpace(line))
	}
	e = lexEntry{term: Normalize(f[0]), freq: DefaultLexiconFreq, tag: "n"}
	if !hasWordRune(e.term) {
		return e, false, fmt.Errorf("term %q has no letter or digit", f[0])
	}
	if n := runeCount(e.term); n > maxWordRunes {
		return e, false, fmt.Errorf("term of %d characters, more than jieba's %d", n, maxWordRunes)
	}
	rest := f[1:]
	if len(rest) > 0 {
		if n, err := strconv.Atoi(rest[0]); err == nil {
			if n <= 0 || n > math.MaxInt32 {
				return e, false, fmt.Errorf("frequency %d of %q is not in 1..%d", n, f[0], math.MaxInt32)
			}
			e.freq = n
			rest = rest[1:]
		} else if len(rest) == 2 {
			return e, false, fmt.Errorf("frequency %q of %q is not an integer", rest[0], f[0])
		}
	}
	if len(rest) == 1 {
		e.tag = rest[0]
	}
	return e, true, nil
}

// readLexicon parses one lexicon source; name is used in errors.
func readLexicon(name string, r io.Reader, out []lexEntry) ([]lexEntry, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		e, ok, err := parseLexiconLine(sc.Text())
		if err != nil {
			return out, &DictError{Kind: kindLexicon, Path: name, Line: line, Err: err}
		}
		if ok {
			out = append(out, e)
		}
	}
	if err := sc.Err(); err != nil {
		return out, &DictError{Kind: kindLexicon, Path: name, Line: line + 1, Err: err}
	}
	return out, nil
}

// loadLexicon gathers the embedded lexicon (unless NoLexicon), the user
// dictionaries and the extra words, in that order.
func loadLexicon(cfg Config) ([]lexEntry, error) {
	var out []lexEntry
	if !cfg.NoLexicon {
		names, err := fs.Glob(lexiconFS, "dict/lexicon*.txt")
		if err != nil {
			return nil, fmt.Errorf("segment: embedded lexicon: %w", err)
		}
		sort.Strings(names)
		for _, n := range names {
			b, err := lexiconFS.ReadFile(n)
			if err != nil {
				return nil, fmt.Errorf("segment: embedded lexicon %s: %w", n, err)
			}
			if out, err = readLexicon(n, strings.NewReader(string(b)), out); err != nil {
				return nil, err
			}
		}
	}
	for _, p := range cfg.UserDicts {
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("segment: user dictionary: %w", err)
		}
		out, err = readLexicon(p, f, out)
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	for i, w := range cfg.ExtraWords {
		e, ok, err := parseLexiconLine(w)
		if err != nil {
			return nil, extraWordError(i, err)
		}
		if ok {
			out = append(out, e)
		}
	}
	return mergeLexicon(out), nil
}

// mergeLexicon keeps one entry per term, in first-seen order: a term
// listed by several sources keeps its highest frequency (and that entry's
// tag), so a low-frequency phrase list can never demote a curated term.
func mergeLexicon(es []lexEntry) []lexEntry {
	at := make(map[string]int, len(es))
	out := es[:0]
	for _, e := range es {
		if i, ok := at[e.term]; ok {
			if e.freq > out[i].freq {
				out[i] = e
			}
			continue
		}
		at[e.term] = len(out)
		out = append(out, e)
	}
	return out
}

// EmbeddedLexicon returns the terms of the embedded domain lexicon,
// normalised, in file order (files sorted by name), each term once.
func EmbeddedLexicon() ([]string, error) {
	es, err := loadLexicon(Config{})
	if err != nil {
		return nil, err
	}
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.term
	}
	return out, nil
}
