package eval

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Qrels maps need id → achievement id → grade (1 partial, 2 strong).
// A Qrels is read-only after loading and safe for concurrent reads.
type Qrels map[string]map[string]int

// ReadQrels parses judgments: one `need_id<TAB>achievement_id<TAB>grade`
// per line (spaces also separate fields); blank lines and lines starting
// with '#' are skipped. name is used in error messages.
func ReadQrels(r io.Reader, name string) (Qrels, error) {
	q := Qrels{}
	err := scanFields(r, name, 3, "need_id, achievement_id, grade", func(line int, f []string) error {
		g, err := strconv.Atoi(f[2])
		if err != nil || g < 0 {
			return fmt.Errorf("%s:%d: grade %q is not a non-negative integer", name, line, f[2])
		}
		if q[f[0]] == nil {
			q[f[0]] = map[string]int{}
		}
		q[f[0]][f[1]] = g
		return nil
	})
	if err != nil {
		return nil, err
	}
	return q, nil
}

// LoadQrels reads a qrels file.
func LoadQrels(path string) (Qrels, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("qrels: %w", err)
	}
	defer f.Close()
	return ReadQrels(f, path)
}

// ReadTypes parses need types: one `need_id<TAB>type` per line (lexical,
// paraphrase, problem, …), with the same blank and comment rules as
// ReadQrels. It returns need id → type.
func ReadTypes(r io.Reader, name string) (map[string]string, error) {
	m := map[string]string{}
	err := scanFields(r, name, 2, "need_id, type", func(_ int, f []string) error {
		m[f[0]] = f[1]
		return nil
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// scanFields calls fn with the white-space separated fields of each
// non-blank, non-comment line, which must number exactly n.
func scanFields(r io.Reader, name string, n int, want string, fn func(line int, f []string) error) error {
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		f := strings.Fields(s)
		if len(f) != n {
			return fmt.Errorf("%s:%d: want %s; got %d fields", name, line, want, len(f))
		}
		if err := fn(line, f); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
