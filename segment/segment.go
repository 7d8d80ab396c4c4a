package segment

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/yanyiwu/gojieba"
)

// ErrClosed is returned by every method of a Segmenter after Close.
var ErrClosed = errors.New("segment: segmenter is closed")

// EnvDictDir is the environment variable naming the jieba dictionary
// directory when Config.DictDir is empty.
const EnvDictDir = "TECHMATCH_JIEBA_DICT"

// DefaultName is the registry name of the shared segmenter returned by
// Default. It is reserved: New refuses it.
const DefaultName = "default"

// Dictionary files that must exist, be readable and be non-empty in the
// dictionary directory, in the order gojieba.NewJieba takes them.
var dictFiles = [...]string{
	"jieba.dict.utf8",
	"hmm_model.utf8",
	"user.dict.utf8",
	"idf.utf8",
	"stop_words.utf8",
}

// Config configures a Segmenter. The zero value is valid and is what
// Default uses: jieba's dictionaries found automatically, the embedded
// domain lexicon, the built-in stop words and boilerplate, HMM on.
type Config struct {
	// Name registers the segmenter under this name so that bleve analyzers
	// (see AddAnalyzers) can find it. Empty means an automatic unique name
	// ("seg1", "seg2", …). "default" is reserved for Default. A name may be
	// used by one open segmenter at a time.
	Name string
	// DictDir is the directory holding jieba.dict.utf8, hmm_model.utf8,
	// user.dict.utf8, idf.utf8 and stop_words.utf8 in cppjieba's formats.
	// Empty means the environment variable TECHMATCH_JIEBA_DICT, then the
	// copy of gojieba v1.4.6's dictionaries embedded in this package,
	// written once into CacheDir. Every file of a DictDir is checked line
	// by line before jieba reads it (once per process and file version):
	// a line jieba would abort on is a *DictError naming the file and line.
	DictDir string
	// CacheDir is where the embedded dictionaries are written, in a
	// subdirectory jieba-<12 hex digits of their checksums>/ (0700, files
	// 0600, 11.6 MB), when neither DictDir nor TECHMATCH_JIEBA_DICT is
	// set. Empty means os.UserCacheDir()/techmatch (~/.cache/techmatch on
	// Linux); when there is no user cache directory ($XDG_CACHE_HOME and
	// $HOME unset), os.TempDir()/techmatch-<uid>, which must be a private
	// directory of this user (New fails otherwise).
	CacheDir string
	// UserDicts are extra lexicon files, same format as the embedded
	// lexicon: one `term [freq] [tag]` per line, '#' starts a comment.
	UserDicts []string
	// ExtraWords are extra lexicon entries, each in the lexicon line format.
	ExtraWords []string
	// NoLexicon disables the embedded domain lexicon (UserDicts and
	// ExtraWords still apply).
	NoLexicon bool
	// StopWords are added to the built-in stop words.
	StopWords []string
	// Boilerplate terms are added to the built-in need boilerplate list.
	Boilerplate []string
	// NoHMM turns off jieba's HMM recognition of unknown words (default on).
	NoHMM bool
}

// Validate reports the first problem with c, naming the field and index.
func (c Config) Validate() error {
	if c.Name == DefaultName {
		return fmt.Errorf("segment: Config.Name %q is reserved for Default()", c.Name)
	}
	if strings.IndexFunc(c.Name, unicode.IsSpace) >= 0 {
		return fmt.Errorf("segment: Config.Name %q contains white space", c.Name)
	}
	for i, p := range c.UserDicts {
		if strings.TrimSpace(p) == "" {
			return fmt.Errorf("segment: Config.UserDicts[%d] is empty", i)
		}
	}
	for i, w := range c.ExtraWords {
		if _, ok, err := parseLexiconLine(w); err != nil {
			return extraWordError(i, err)
		} else if !ok {
			return extraWordError(i, fmt.Errorf("%q has no term", w))
		}
	}
	for i, w := range c.StopWords {
		if strings.TrimSpace(w) == "" {
			return fmt.Errorf("segment: Config.StopWords[%d] is empty", i)
		}
	}
	for i, w := range c.Boilerplate {
		if strings.TrimSpace(w) == "" {
			return fmt.Errorf("segment: Config.Boilerplate[%d] is empty", i)
		}
		if n := runeCount(Normalize(strings.TrimSpace(w))); n > maxWordRunes {
			return fmt.Errorf("segment: Config.Boilerplate[%d] has %d characters, more than jieba's %d", i, n, maxWordRunes)
		}
	}
	return nil
}

// Segmenter cuts Chinese (and mixed ASCII) technical text into terms.
//
// A Segmenter is created once (New costs about 0.4 s and 130 MB, mostly
// jieba's dictionary) and is safe for concurrent use by any number of
// goroutines, including calls racing with Close: calls hold a read lock on
// the jieba handle, Close takes the write lock, frees jieba and makes every
// later call return ErrClosed. The lexicon is added to jieba during New
// only; it is never modified afterwards.
type Segmenter struct {
	mu sync.RWMutex
	jb *gojieba.Jieba // nil after Close
	// ch is jb's C handle for the direct call (cjieba.go), nil when the
	// direct call is unavailable (then gojieba's wrapper is used) or
	// after Close.
	ch     unsafe.Pointer
	name   string
	shared bool // Default's segmenter: Close is a no-op
	hmm    bool
	dir    string
	// maxCut is the longest text handed to jieba in one call (see
	// jiebaCut): maxJiebaText; tests lower it to exercise chunking.
	maxCut int
	// longestCut is the longest text ever handed to jieba (noteCut).
	longestCut atomic.Int64

	stop      map[string]struct{}
	stopOne   [0x10000 / 64]uint64 // one-rune stop words (BMP)
	stopFirst [0x10000 / 64]uint64 // first runes (BMP) of longer stop words
	stopPair  [0x10000 / 64]uint64 // pairHash(first, last rune) of longer stop words
	boiler    map[string]struct{}
	lexicon   map[string]struct{} // normalised lexicon terms
	compounds map[string]struct{} // lexicon terms mixing ASCII and CJK
	lexPrefix map[string]struct{} // first two runes of lexicon terms of 4+ runes
	maxLexLen int                 // longest lexicon term in runes
	// lexSubs holds, for every lexicon term of 5+ runes, the lexicon
	// terms of 4+ runes inside it (search-mode kids), precomputed.
	lexSubs map[string][]span
}

// segRegistry maps names to open segmenters, for the bleve tokenizer.
var segRegistry = struct {
	sync.Mutex
	m map[string]*Segmenter
	n int
}{m: map[string]*Segmenter{}}

// lookup returns the open segmenter registered under name, or nil.
func lookup(name string) *Segmenter {
	segRegistry.Lock()
	defer segRegistry.Unlock()
	return segRegistry.m[name]
}

// New builds a Segmenter from cfg. It checks every dictionary file before
// handing them to jieba, so a missing or empty dictionary is an error
// naming the path (jieba itself would abort the process). Cost: about
// 0.4 s and 130 MB; create one and share it.
func New(cfg Config) (*Segmenter, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return newSegmenter(cfg, false)
}

func newSegmenter(cfg Config, shared bool) (*Segmenter, error) {
	dir, embedded, err := resolveDictDir(cfg)
	if err != nil {
		return nil, err
	}
	paths := make([]string, len(dictFiles))
	for i, f := range dictFiles {
		paths[i] = filepath.Join(dir, f)
		if embedded {
			continue // verified against the embedded checksums
		}
		if err := checkJiebaFileOnce(paths[i], f); err != nil {
			return nil, err
		}
	}
	entries, err := loadLexicon(cfg)
	if err != nil {
		return nil, err
	}
	s := &Segmenter{
		hmm:       !cfg.NoHMM,
		dir:       dir,
		maxCut:    maxJiebaText,
		shared:    shared,
		stop:      builtinStop(cfg.StopWords),
		boiler:    builtinBoilerplate(cfg.Boilerplate),
		lexicon:   make(map[string]struct{}, len(entries)),
		compounds: map[string]struct{}{},
		lexPrefix: map[string]struct{}{},
	}
	for w := range s.stop {
		r, n := utf8.DecodeRuneInString(w)
		l, _ := utf8.DecodeLastRuneInString(w)
		h := pairHash(r, l)
		s.stopPair[h>>6] |= 1 << (h & 63)
		switch {
		case r >= 0x10000:
		case n == len(w):
			s.stopOne[r>>6] |= 1 << (r & 63)
		default:
			s.stopFirst[r>>6] |= 1 << (r & 63)
		}
	}
	// Reserve the name before the expensive part.
	segRegistry.Lock()
	name := cfg.Name
	if shared {
		name = DefaultName
	}
	if name == "" {
		for {
			segRegistry.n++
			name = fmt.Sprintf("seg%d", segRegistry.n)
			if _, taken := segRegistry.m[name]; !taken {
				break
			}
		}
	}
	if _, taken := segRegistry.m[name]; taken {
		segRegistry.Unlock()
		return nil, fmt.Errorf("segment: a segmenter named %q is already open", name)
	}
	segRegistry.m[name] = s
	segRegistry.Unlock()
	s.name = name

	jb := gojieba.NewJieba(paths...)
	for _, e := range entries {
		s.lexicon[e.term] = struct{}{}
		n := runeCount(e.term)
		if n > s.maxLexLen {
			s.maxLexLen = n
		}
		if n >= 4 {
			s.lexPrefix[prefix2(e.term)] = struct{}{}
		}
		if hasASCIIAlnum(e.term) {
			// jieba never sees ASCII (see cut); mixed terms are kept
			// whole by the compound rule instead.
			if hasNonASCII(e.term) {
				s.compounds[e.term] = struct{}{}
			}
			continue
		}
		jb.AddWordEx(e.term, e.freq, e.tag)
	}
	s.lexSubs = make(map[string][]span)
	for t := range s.lexicon {
		if runeCount(t) >= 5 {
			s.lexSubs[t] = s.lexSubstrings(t, 0, nil)
		}
	}
	// Boilerplate phrases become words (at jieba's median weight) so that
	// 有意者, 寻求合作 come out whole and IsBoilerplate can see them.
	for t := range s.boiler {
		if _, lex := s.lexicon[t]; !lex && allHan(t) && runeCount(t) >= 2 {
			jb.AddWord(t)
		}
	}
	s.ch = directHandle(jb, s.hmm)
	s.jb = jb
	return s, nil
}

// resolveDictDir applies the Config.DictDir → $TECHMATCH_JIEBA_DICT →
// embedded copy order; embedded reports the last case.
func resolveDictDir(cfg Config) (dir string, embedded bool, err error) {
	switch {
	case cfg.DictDir != "":
		return cfg.DictDir, false, nil
	case os.Getenv(EnvDictDir) != "":
		return os.Getenv(EnvDictDir), false, nil
	}
	dir, err = embeddedDictDir(cfg.CacheDir)
	return dir, err == nil, err
}

var defaultSeg struct {
	once sync.Once
	s    *Segmenter
	err  error
}

// Default returns the process-wide shared Segmenter built from Config{}
// (registered as "default"). It is built on first use; a failure is
// remembered and returned by every later call. Close on the shared
// segmenter is a no-op, so one user cannot break the others.
func Default() (*Segmenter, error) {
	defaultSeg.once.Do(func() {
		defaultSeg.s, defaultSeg.err = newSegmenter(Config{}, true)
	})
	return defaultSeg.s, defaultSeg.err
}

// Name returns the name the segmenter is registered under.
func (s *Segmenter) Name() string { return s.name }

// DictDir returns the jieba dictionary directory in use.
func (s *Segmenter) DictDir() string { return s.dir }

// Close frees jieba's memory and unregisters the segmenter; later calls
// return ErrClosed. Close waits for calls in progress, is idempotent and
// always returns nil. On the shared segmenter from Default it does nothing.
func (s *Segmenter) Close() error {
	if s == nil || s.shared {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.jb == nil {
		return nil
	}
	s.jb.Free()
	s.jb, s.ch = nil, nil
	segRegistry.Lock()
	if segRegistry.m[s.name] == s {
		delete(segRegistry.m, s.name)
	}
	segRegistry.Unlock()
	return nil
}

// IsStop reports whether term (normalised first) is a stop word: a
// function word, or text with no letter or digit (punctuation, space).
func (s *Segmenter) IsStop(term string) bool {
	t := Normalize(strings.TrimSpace(term))
	if !hasWordRune(t) {
		return true
	}
	_, ok := s.stop[t]
	return ok
}

// IsBoilerplate reports whether term (normalised first) is boilerplate of
// need postings (我公司, 急需, 寻求合作, 欢迎洽谈, …): words that say nothing
// about the technology and are dropped from keywords and need queries.
func (s *Segmenter) IsBoilerplate(term string) bool {
	_, ok := s.boiler[Normalize(strings.TrimSpace(term))]
	return ok
}

// InLexicon reports whether term (normalised first) is in the domain
// lexicon this segmenter loaded.
func (s *Segmenter) InLexicon(term string) bool {
	_, ok := s.lexicon[Normalize(strings.TrimSpace(term))]
	return ok
}

// LexiconSize returns the number of distinct lexicon terms loaded.
func (s *Segmenter) LexiconSize() int { return len(s.lexicon) }
