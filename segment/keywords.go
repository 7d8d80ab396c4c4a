package segment

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Keyword is a term with its TF-IDF weight.
type Keyword struct {
	Term   string
	Weight float64
}

// Keywords returns the k terms of text with the highest TF-IDF weight
// (all of them when k <= 0), heaviest first, ties by term.
//
// Terms come from the precise cut (ModePrecise), so compounds such as
// 304不锈钢 count whole. Stop words, need boilerplate, pure numbers,
// single ASCII characters and single Han characters are excluded.
// Weight = tf/total × idf, total being the number of counted terms and idf
// from jieba's idf.utf8; a term missing there (new technical words) gets
// the mean idf, and a lexicon term gets at least the mean. idf.utf8 is
// loaded on the first call (~260k entries, ~20 MB). O(len(text)).
func (s *Segmenter) Keywords(text string, k int) ([]Keyword, error) {
	idft, err := s.loadIDF()
	if err != nil {
		return nil, err
	}
	tf := map[string]int{}
	total := 0
	norm := Normalize(text)
	if err := s.run(norm, ModePrecise, func(st, en, _ int) {
		t := norm[st:en]
		if !keywordCandidate(t) {
			return
		}
		if _, b := s.boiler[t]; b {
			return
		}
		tf[t]++
		total++
	}); err != nil {
		return nil, err
	}
	out := make([]Keyword, 0, len(tf))
	for t, n := range tf {
		idf, ok := idft.m[t]
		if !ok {
			idf = idft.mean
		}
		if _, lex := s.lexicon[t]; lex && idf < idft.mean {
			idf = idft.mean
		}
		out = append(out, Keyword{Term: t, Weight: float64(n) / float64(total) * idf})
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Weight != out[b].Weight {
			return out[a].Weight > out[b].Weight
		}
		return out[a].Term < out[b].Term
	})
	if k > 0 && len(out) > k {
		out = out[:k]
	}
	return out, nil
}

// keywordCandidate excludes numbers, one-letter ASCII and one Han char.
func keywordCandidate(t string) bool {
	if utf8.RuneCountInString(t) < 2 {
		return false
	}
	digits := true
	for i := 0; i < len(t); i++ {
		if !(t[i] >= '0' && t[i] <= '9' || t[i] == '.') {
			digits = false
			break
		}
	}
	return !digits
}

// idfTable is a parsed idf.utf8, shared by all segmenters using the same
// dictionary directory (read-only after load).
type idfTable struct {
	once sync.Once
	m    map[string]float64
	mean float64
	err  error
}

var idfCache = struct {
	sync.Mutex
	m map[string]*idfTable
}{m: map[string]*idfTable{}}

// loadIDF returns the idf table of the segmenter's dictionary directory,
// reading it on first use; a failure is remembered.
func (s *Segmenter) loadIDF() (*idfTable, error) {
	path := filepath.Join(s.dir, "idf.utf8")
	idfCache.Lock()
	t := idfCache.m[path]
	if t == nil {
		t = &idfTable{}
		idfCache.m[path] = t
	}
	idfCache.Unlock()
	t.once.Do(func() { t.m, t.mean, t.err = readIDF(path) })
	return t, t.err
}

// readIDF parses `word idf` lines.
func readIDF(path string) (map[string]float64, float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, fmt.Errorf("segment: idf: %w", err)
	}
	defer f.Close()
	m := make(map[string]float64, 1<<18)
	sc := bufio.NewScanner(f)
	line, sum := 0, 0.0
	for sc.Scan() {
		line++
		l := strings.TrimSpace(sc.Text())
		if l == "" {
			continue
		}
		i := strings.LastIndexByte(l, ' ')
		if i <= 0 {
			return nil, 0, fmt.Errorf("segment: idf %s:%d: want `word idf`, got %q", path, line, l)
		}
		v, err := strconv.ParseFloat(l[i+1:], 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, 0, fmt.Errorf("segment: idf %s:%d: bad idf %q", path, line, l[i+1:])
		}
		m[Normalize(strings.TrimSpace(l[:i]))] = v
		sum += v
	}
	if err := sc.Err(); err != nil {
		return nil, 0, fmt.Errorf("segment: idf %s:%d: %w", path, line+1, err)
	}
	if len(m) == 0 {
		return nil, 0, fmt.Errorf("segment: idf %s: no entries", path)
	}
	return m, sum / float64(len(m)), nil
}
