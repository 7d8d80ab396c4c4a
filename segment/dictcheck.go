package segment

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// ErrDictionary is matched (errors.Is) by every error about the content of
// a dictionary: a jieba dictionary file, a lexicon file of
// Config.UserDicts, an entry of Config.ExtraWords. The error itself is a
// *DictError naming the file and line.
var ErrDictionary = errors.New("segment: bad dictionary")

// DictError reports a problem in a dictionary at a line. Its message reads
// "segment: jieba dictionary /path/jieba.dict.utf8:17: …" (Kind, Path,
// Line); Line is 0 when the problem is not on one line (an empty file,
// frequencies that sum to infinity). It matches ErrDictionary with
// errors.Is and unwraps to its cause.
//
// A DictError is a value: safe to read from any goroutine.
type DictError struct {
	Kind string // "jieba dictionary" or "lexicon"
	Path string // the file, or the Config field ("Config.ExtraWords[3]")
	Line int    // 1-based line number; 0 for the whole file
	Err  error  // what is wrong
}

// Error implements error.
func (e *DictError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("segment: %s %s:%d: %v", e.Kind, e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("segment: %s %s: %v", e.Kind, e.Path, e.Err)
}

// Unwrap returns the cause.
func (e *DictError) Unwrap() error { return e.Err }

// Is reports whether target is ErrDictionary.
func (e *DictError) Is(target error) bool { return target == ErrDictionary }

const kindJieba = "jieba dictionary"

// maxDictFile is the largest jieba dictionary file accepted (64 MiB, 10×
// the largest bundled file). cppjieba keeps about 25 bytes of memory per
// byte of dictionary (the bundled 11.6 MB cost ~130 MB) and aborts the
// process when an allocation fails, so a huge file is an error instead.
const maxDictFile = 64 << 20

// maxWordRunes is cppjieba's MAX_WORD_LENGTH (Trie.hpp): its segmenters
// never look further than 512 runes for a dictionary word, so a longer
// lexicon term could never be found and is an error.
const maxWordRunes = 512

// What each jieba dictionary file is checked against. The rules mirror
// cppjieba v5 as vendored by gojieba v1.4.6 (DictTrie.hpp, HMMModel.hpp,
// KeywordExtractor.hpp and limonp's Split/Trim): lines are what
// std::getline returns (split at '\n' only; a '\r' stays in the line), and
// fields are what limonp::Split returns (split at every single separator,
// so two spaces make an empty field; a separator at the very end makes no
// field). Every input on which cppjieba would abort (XCHECK/XLOG(FATAL) or
// a failed assert: gojieba compiles cppjieba without NDEBUG) is an error:
//
//   - jieba.dict.utf8: every line exactly 3 fields `word freq tag`, freq a
//     number > 0 (assert in CalculateWeight), the file not empty.
//   - hmm_model.utf8: after trimming and skipping blank and '#' lines, a
//     line of 4 start log-probabilities, 4 lines of 4 transition
//     log-probabilities and 4 emission lines `rune:logp,rune:logp,…`, each
//     rune exactly one character; lines after those 9 are ignored, as
//     cppjieba does.
//   - idf.utf8: the mean idf over all lines must be > 0 (assert).
//   - stop_words.utf8: at least one line (assert).
//   - user.dict.utf8: its path must not contain '|' or ';' (cppjieba
//     splits the path there and aborts when a piece does not open).
//
// Beyond that, the checks are stricter than cppjieba where it would load
// garbage silently or only log to stderr: words must be non-empty valid
// UTF-8; numbers must be the whole field (leading and trailing C white
// space allowed, as '\r' from CRLF files), decimal or hexadecimal as Go's
// strconv.ParseFloat reads them, and finite (atof would read "12abc" as
// 12 and "abc" as 0); idf.utf8 lines must have exactly 2 fields `word idf`
// and no line may be empty (cppjieba skips such lines with a logged
// error); user.dict.utf8 lines have 1 to 3 fields `word [tag]` or
// `word freq tag` with an integer freq in 1..2147483647 (cppjieba would
// take log of a zero or negative frequency); the frequencies of
// jieba.dict.utf8 must sum to a finite number.

// jiebaChecks maps each dictionary file name to its check.
var jiebaChecks = map[string]func(data []byte) *lineError{
	"jieba.dict.utf8": checkMainDict,
	"hmm_model.utf8":  checkHMMModel,
	"user.dict.utf8":  checkUserDict,
	"idf.utf8":        checkIDF,
	"stop_words.utf8": checkStopWords,
}

// lineError is a check's finding before the path is known.
type lineError struct {
	line int
	err  error
}

func lineErr(line int, format string, args ...any) *lineError {
	return &lineError{line, fmt.Errorf(format, args...)}
}

// checkJiebaData checks the content of the jieba dictionary file name
// (one of dictFiles) read from path.
func checkJiebaData(path, name string, data []byte) error {
	check, ok := jiebaChecks[name]
	if !ok {
		return &DictError{Kind: kindJieba, Path: path, Err: fmt.Errorf("unknown dictionary file %q", name)}
	}
	if len(data) == 0 {
		return &DictError{Kind: kindJieba, Path: path, Err: errors.New("empty file")}
	}
	if le := check(data); le != nil {
		return &DictError{Kind: kindJieba, Path: path, Line: le.line, Err: le.err}
	}
	return nil
}

// checkJiebaFile reads and checks the jieba dictionary file name at path:
// a regular, readable file of at most maxDictFile bytes whose content
// passes checkJiebaData.
func checkJiebaFile(path, name string) error {
	if name == "user.dict.utf8" && strings.ContainsAny(path, "|;") {
		return &DictError{Kind: kindJieba, Path: path, Err: errors.New("the path contains '|' or ';', which cppjieba reads as a list of user dictionaries")}
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("segment: jieba dictionary %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("segment: jieba dictionary %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("segment: jieba dictionary %s: not a regular file", path)
	}
	if fi.Size() > maxDictFile {
		return &DictError{Kind: kindJieba, Path: path, Err: fmt.Errorf("%d bytes, more than the %d accepted", fi.Size(), maxDictFile)}
	}
	data, err := io.ReadAll(io.LimitReader(f, maxDictFile+1))
	if err != nil {
		return fmt.Errorf("segment: jieba dictionary %s: unreadable: %w", path, err)
	}
	if len(data) > maxDictFile {
		return &DictError{Kind: kindJieba, Path: path, Err: fmt.Errorf("more than the %d bytes accepted", maxDictFile)}
	}
	return checkJiebaData(path, name, data)
}

// checkedFiles remembers, per process, the dictionary files that passed
// checkJiebaFile, by path, size and modification time, so that building
// several segmenters from one directory reads and checks it once.
var checkedFiles = struct {
	sync.Mutex
	m map[string]fileStamp
}{m: map[string]fileStamp{}}

type fileStamp struct {
	size  int64
	mtime time.Time
}

// checkJiebaFileOnce is checkJiebaFile, skipped when path was checked
// before with the same size and modification time.
func checkJiebaFileOnce(path, name string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("segment: jieba dictionary %s: %w", path, err)
	}
	stamp := fileStamp{fi.Size(), fi.ModTime()}
	checkedFiles.Lock()
	prev, ok := checkedFiles.m[path]
	checkedFiles.Unlock()
	if ok && prev.size == stamp.size && prev.mtime.Equal(stamp.mtime) {
		return nil
	}
	if err := checkJiebaFile(path, name); err != nil {
		return err
	}
	checkedFiles.Lock()
	checkedFiles.m[path] = stamp
	checkedFiles.Unlock()
	return nil
}

// forLines calls fn with each line of data as std::getline returns them
// (split at '\n'; a last line without '\n' counts; no line after a final
// '\n'), numbered from 1, until fn returns an error.
func forLines(data []byte, fn func(n int, line []byte) *lineError) *lineError {
	for n := 1; len(data) > 0; n++ {
		var line []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, nil
		}
		if le := fn(n, line); le != nil {
			return le
		}
	}
	return nil
}

// cppSplit appends to dst the fields of s as limonp::Split(s, sep) makes
// them: split at every sep, an empty field between two adjacent seps or
// before a leading one, none after a trailing one, none for empty s.
func cppSplit(dst [][]byte, s []byte, sep byte) [][]byte {
	for start := 0; start < len(s); {
		i := bytes.IndexByte(s[start:], sep)
		if i < 0 {
			return append(dst, s[start:])
		}
		dst = append(dst, s[start:start+i])
		start += i + 1
	}
	return dst
}

// isCSpace is C's isspace in the "C" locale.
func isCSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// cTrim is limonp::Trim: C white space removed at both ends.
func cTrim(s []byte) []byte {
	for len(s) > 0 && isCSpace(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isCSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// parseNumber reads a number field the way the checks require it: the
// whole field, C white space around it allowed, finite.
func parseNumber(field []byte) (float64, error) {
	t := cTrim(field)
	v, err := strconv.ParseFloat(string(t), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, fmt.Errorf("%q is not a finite number", field)
	}
	return v, nil
}

// checkWord checks a dictionary word: non-empty, valid UTF-8.
func checkWord(n int, w []byte) *lineError {
	if len(w) == 0 {
		return lineErr(n, "empty word")
	}
	if !utf8.Valid(w) {
		return lineErr(n, "word %q is not valid UTF-8", w)
	}
	return nil
}

// checkMainDict checks jieba.dict.utf8 (DictTrie::LoadDict).
func checkMainDict(data []byte) *lineError {
	var fields [][]byte
	sum := 0.0
	le := forLines(data, func(n int, line []byte) *lineError {
		fields = cppSplit(fields[:0], line, ' ')
		if len(fields) != 3 {
			return lineErr(n, "want 3 space-separated fields `word freq tag`, got %d in %q", len(fields), line)
		}
		if le := checkWord(n, fields[0]); le != nil {
			return le
		}
		v, err := parseNumber(fields[1])
		if err != nil {
			return lineErr(n, "frequency: %w", err)
		}
		if v <= 0 {
			return lineErr(n, "frequency %v is not positive", v)
		}
		sum += v
		return nil
	})
	if le != nil {
		return le
	}
	if math.IsInf(sum, 0) {
		return lineErr(0, "the frequencies sum to %v", sum)
	}
	return nil
}

// hmmLines is the number of lines HMMModel::LoadModel reads.
const hmmLines = 9

// checkHMMModel checks hmm_model.utf8 (HMMModel::LoadModel).
func checkHMMModel(data []byte) *lineError {
	var fields, pair [][]byte
	got, last := 0, 0
	le := forLines(data, func(n int, line []byte) *lineError {
		last = n
		if got == hmmLines {
			return nil // cppjieba ignores the rest
		}
		line = cTrim(line)
		if len(line) == 0 || line[0] == '#' {
			return nil
		}
		got++
		if got <= 5 {
			// Start probabilities, then the 4 rows of the transition matrix.
			fields = cppSplit(fields[:0], line, ' ')
			if len(fields) != 4 {
				what := "start probabilities"
				if got > 1 {
					what = fmt.Sprintf("transition row %d", got-1)
				}
				return lineErr(n, "%s: want 4 space-separated numbers, got %d fields", what, len(fields))
			}
			for _, f := range fields {
				if _, err := parseNumber(f); err != nil {
					return lineErr(n, "%w", err)
				}
			}
			return nil
		}
		// Emission probabilities of state B, E, M, S.
		fields = cppSplit(fields[:0], line, ',')
		for _, f := range fields {
			pair = cppSplit(pair[:0], f, ':')
			if len(pair) != 2 {
				return lineErr(n, "emission line %d: want `rune:logp`, got %q", got-5, f)
			}
			if !utf8.Valid(pair[0]) || utf8.RuneCount(pair[0]) != 1 {
				return lineErr(n, "emission line %d: %q is not one character", got-5, pair[0])
			}
			if _, err := parseNumber(pair[1]); err != nil {
				return lineErr(n, "emission line %d: %w", got-5, err)
			}
		}
		return nil
	})
	if le != nil {
		return le
	}
	if got < hmmLines {
		return lineErr(last, "the model ends after %d of its %d lines (start probabilities, 4 transition rows, 4 emission lines)", got, hmmLines)
	}
	return nil
}

// checkUserDict checks user.dict.utf8 (DictTrie::InserUserDictNode).
func checkUserDict(data []byte) *lineError {
	var fields [][]byte
	return forLines(data, func(n int, line []byte) *lineError {
		if len(line) == 0 {
			return nil // cppjieba skips empty lines
		}
		fields = cppSplit(fields[:0], line, ' ')
		if len(fields) < 1 || len(fields) > 3 {
			return lineErr(n, "want `word`, `word tag` or `word freq tag`, got %d space-separated fields in %q", len(fields), line)
		}
		if le := checkWord(n, fields[0]); le != nil {
			return le
		}
		if len(fields) == 3 {
			f, err := strconv.Atoi(string(cTrim(fields[1])))
			if err != nil || f < 1 || f > math.MaxInt32 {
				return lineErr(n, "frequency %q is not an integer in 1..%d", fields[1], math.MaxInt32)
			}
		}
		return nil
	})
}

// checkIDF checks idf.utf8 (KeywordExtractor::LoadIdfDict).
func checkIDF(data []byte) *lineError {
	var fields [][]byte
	sum, lines := 0.0, 0
	le := forLines(data, func(n int, line []byte) *lineError {
		lines = n
		fields = cppSplit(fields[:0], line, ' ')
		if len(fields) != 2 {
			return lineErr(n, "want 2 space-separated fields `word idf`, got %d in %q", len(fields), line)
		}
		if le := checkWord(n, fields[0]); le != nil {
			return le
		}
		v, err := parseNumber(fields[1])
		if err != nil {
			return lineErr(n, "idf: %w", err)
		}
		sum += v
		return nil
	})
	if le != nil {
		return le
	}
	if mean := sum / float64(lines); !(mean > 0) || math.IsInf(mean, 0) {
		return lineErr(0, "the mean idf over %d lines is %v, want a finite number > 0", lines, mean)
	}
	return nil
}

// checkStopWords checks stop_words.utf8 (KeywordExtractor::LoadStopWordDict).
func checkStopWords(data []byte) *lineError {
	return forLines(data, func(n int, line []byte) *lineError {
		if !utf8.Valid(line) {
			return lineErr(n, "%q is not valid UTF-8", line)
		}
		return nil
	})
}
