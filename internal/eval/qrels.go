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
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		f := strings.Fields(s)
		if len(f) != 3 {
			return nil, fmt.Errorf("%s:%d: want need_id, achievement_id, grade; got %d fields", name, line, len(f))
		}
		g, err := strconv.Atoi(f[2])
		if err != nil || g < 0 {
			return nil, fmt.Errorf("%s:%d: grade %q is not a non-negative integer", name, line, f[2])
		}
		if q[f[0]] == nil {
			q[f[0]] = map[string]int{}
		}
		q[f[0]][f[1]] = g
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
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
