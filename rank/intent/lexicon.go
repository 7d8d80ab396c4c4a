package intent

import (
	"bufio"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed lexicon.tsv
var defaultLexicon string

// ErrLexicon is matched (errors.Is) by every error of Load, LoadFile and
// Default: a malformed lexicon line. Each problem is a *LexiconError.
var ErrLexicon = errors.New("bad lexicon line")

// LexiconError is one malformed lexicon line. Plain data, safe to share.
type LexiconError struct {
	// File is the name given to Load (the path for LoadFile).
	File string
	// Line is the 1-based line number.
	Line int
	// Msg says what is wrong.
	Msg string
	// Err is the underlying cause (a read error or a number syntax
	// error), or nil.
	Err error
}

// Error returns "file:line: message[: cause]".
func (e *LexiconError) Error() string {
	s := fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Is reports whether target is ErrLexicon.
func (e *LexiconError) Is(target error) bool { return target == ErrLexicon }

// Unwrap returns the underlying cause.
func (e *LexiconError) Unwrap() error { return e.Err }

// concept is what a cue means before it is mapped to a NeedIntent or a
// Role; see the header of lexicon.tsv.
type concept uint8

const (
	cMon     concept = iota // monitoring, measuring, diagnosing, evaluating
	cTestSvc                // testing as a service, certification, acceptance
	cInfo                   // software, data, information management
	cSvc                    // consulting, training, design or other service
	cProc                   // process, method, acting verb
	cMat                    // material, formulation, substance
	cDev                    // device, machine, component
	cBuy                    // purchase
	cSym                    // symptom, problem (bad direction)
	cImp                    // improvement wanted (降低, 提高, 解决)

	numConcepts = iota
)

var conceptNames = [numConcepts]string{"mon", "testsvc", "info", "svc", "proc", "mat", "dev", "buy", "sym", "imp"}

// carrier is the kind of a head noun whose meaning depends on the word
// before it (监测+系统 is monitoring, 焊接+系统 a device, 管理+系统 software).
type carrier uint8

const (
	carNone     carrier = iota
	carHW               // 装置 设备 装备 机器人 仪 器 机
	carMethod           // 技术 方法 工艺 方案 办法 手段
	carSystem           // 系统
	carPlatform         // 平台
	carSoftware         // 软件
	carService          // 服务
	carProduct          // 产品 试剂
	carPurchase         // 采购 购置 (X采购: the object is on the left)
	carSuffix           // 自动化 国产化: X自动化 means what X means

	numCarriers = iota
)

var carrierNames = [numCarriers]string{"", "hw", "method", "system", "platform", "software", "service", "product", "purchase", "suffix"}

// flag marks structural and contextual cue words.
type flag uint16

const (
	fReq       flag = 1 << iota // request verb: 需要 希望 寻求
	fNow                        // current-state marker: 目前 现有 只能
	fObsAfter                   // after a detection word, makes it an observation: 发现 显示 中
	fObsBefore                  // before a detection word, makes it an observation: 经 通过 已完成
	fLack                       // lack or slowness: 慢 无法 缺少 漏检 人工
	fNeg                        // exclusion: 不需要 不考虑 不采用
	fDe                         // 的
	fJiqi                       // 及其
	fConj                       // 与 和 及 或 并
	fMod                        // 用 (车用, 检测用: what precedes is a modifier)
	fNull                       // a word that only blocks shorter matches
	fReqWeak                    // a weak request verb (需, 拟, 欢迎): its object weighs less
	fEarly                      // 提前 尽早 早期: with a detection word after it, early warning
	fFind                       // 发现 识别 预警: the detection word 提前 looks for
	fTech                       // 技术 专利 配方: buying it is acquiring a technique, not a purchase
	fNegEnd                     // 即可 就能 而是: ends the scope of an exclusion

	numFlags = iota
)

var flagNames = [numFlags]string{"req", "now", "obs-after", "obs-before", "lack", "neg", "de", "jiqi", "conj", "mod", "null", "req-weak", "early", "find", "tech", "neg-end"}

// entry is what the lexicon says about one term.
type entry struct {
	vec   [numConcepts]float32
	car   carrier
	flags flag
	ascii bool // the term starts or ends with an ASCII letter or digit
	first bool // first rune is ASCII alnum
	last  bool // last rune is ASCII alnum
}

// content reports whether the entry carries meaning (a concept or a carrier).
func (e *entry) content() bool {
	if e.car != carNone {
		return true
	}
	for _, v := range e.vec {
		if v != 0 {
			return true
		}
	}
	return false
}

// Classifier classifies need intents and achievement roles with one
// lexicon. It is immutable after Load: safe for concurrent use by any
// number of goroutines.
type Classifier struct {
	entries []entry
	terms   []string // normalised term of each entry, for Terms and tests
	// trie over folded runes: node 0 is the root. root[r] is the child of
	// the root for a BMP rune r (0: none); other children are the sorted
	// edges[nodes[n].first : nodes[n].first+nodes[n].n].
	root    []int32
	nodes   []trieNode
	edges   []trieEdge
	maxRune int
	// next is the build-time child map, dropped once the trie is packed.
	next map[uint64]int32
}

type trieNode struct {
	first, n int32 // child edges
	term     int32 // entry index or -1
}

type trieEdge struct {
	r     rune
	child int32
}

// child returns the child of node for rune r, or 0 when there is none.
func (c *Classifier) child(node int32, r rune) int32 {
	if node == 0 {
		if r >= 0 && int(r) < len(c.root) {
			return c.root[r]
		}
	}
	nd := c.nodes[node]
	es := c.edges[nd.first : nd.first+nd.n]
	lo, hi := 0, len(es)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if es[m].r < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(es) && es[lo].r == r {
		return es[lo].child
	}
	return 0
}

// pack turns the build-time child map into the root table and sorted edge
// lists.
func (c *Classifier) pack() {
	c.root = make([]int32, 0x10000)
	per := make([][]trieEdge, len(c.nodes))
	for k, child := range c.next {
		node, r := int32(k>>32), rune(uint32(k))
		per[node] = append(per[node], trieEdge{r, child})
	}
	for n, es := range per {
		sort.Slice(es, func(i, j int) bool { return es[i].r < es[j].r })
		c.nodes[n].first, c.nodes[n].n = int32(len(c.edges)), int32(len(es))
		c.edges = append(c.edges, es...)
		if n == 0 {
			for _, e := range es {
				if e.r < 0x10000 {
					c.root[e.r] = e.child
				}
			}
		}
	}
	c.next = nil
}

// Terms returns the normalised terms of the lexicon, sorted. Mainly for
// tests and tools.
func (c *Classifier) Terms() []string {
	out := append([]string(nil), c.terms...)
	sort.Strings(out)
	return out
}

var defaultClassifier = sync.OnceValues(func() (*Classifier, error) {
	return Load(strings.NewReader(defaultLexicon), "lexicon.tsv")
})

// Default returns the classifier of the embedded lexicon (lexicon.tsv),
// built once per process (about 7 ms of CPU) and shared. The error
// is only possible if the embedded data is broken; a test guards against
// that.
func Default() (*Classifier, error) { return defaultClassifier() }

// maxLexiconLine bounds one lexicon line; maxTermRunes one term.
const (
	maxLexiconLine = 1 << 16
	maxTermRunes   = 24
	maxWeight      = 4
)

// LoadFile reads a lexicon file (format: see Load). Errors name the path.
func LoadFile(path string) (*Classifier, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("intent: %w", err)
	}
	defer f.Close()
	return Load(f, path)
}

// Load builds a classifier from a lexicon in the format of the embedded
// lexicon.tsv: UTF-8 lines "kind[:weight]<TAB>term|term|…"; blank lines
// and lines starting with '#' are ignored. kind is a concept (mon testsvc
// info svc proc mat dev buy sym imp, with a weight in (0,4], default 1), a
// carrier (car-hw car-method car-system car-platform car-software
// car-service car-product car-purchase car-suffix) or a flag (req req-weak now
// obs-after obs-before lack neg neg-end de jiqi conj mod null early find
// tech). A term may appear on several
// lines; its concepts add up. Terms are matched after folding full-width
// ASCII to half-width and letters to lower case.
//
// Every malformed line is reported (a *LexiconError naming name and line,
// all joined); a bad line never loses a good one, but the classifier is
// only returned when there is none.
func Load(r io.Reader, name string) (*Classifier, error) {
	type acc struct {
		e    entry
		line int
		// seen: line of each kind already given (concepts, carrier, flags),
		// so that a term listed twice for one kind is reported.
		seen map[string]int
	}
	byTerm := map[string]*acc{}
	var order []string
	var errs []error
	bad := func(line int, err error, format string, args ...any) {
		errs = append(errs, &LexiconError{File: name, Line: line, Msg: fmt.Sprintf(format, args...), Err: err})
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLexiconLine)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if strings.TrimSpace(text) == "" || strings.HasPrefix(strings.TrimSpace(text), "#") {
			continue
		}
		if !utf8.ValidString(text) {
			bad(line, nil, "invalid UTF-8")
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) != 2 {
			bad(line, nil, "want 2 TAB-separated fields (kind, terms), got %d", len(f))
			continue
		}
		kind, wtext, hasW := strings.Cut(strings.TrimSpace(f[0]), ":")
		w := 1.0
		if hasW {
			v, err := strconv.ParseFloat(wtext, 64)
			if err != nil {
				bad(line, err, "weight %q", wtext)
				continue
			}
			if !(v > 0 && v <= maxWeight) {
				bad(line, nil, "weight %s out of range (0,%d]", wtext, maxWeight)
				continue
			}
			w = v
		}
		apply, err := kindSetter(kind, hasW, w)
		if err != nil {
			bad(line, nil, "%v", err)
			continue
		}
		var terms []string
		ok := true
		for _, t := range strings.Split(f[1], "|") {
			n := normalize(t)
			if msg := termProblem(n); msg != "" {
				bad(line, nil, "term %q: %s", t, msg)
				ok = false
				break
			}
			terms = append(terms, n)
		}
		if !ok {
			continue
		}
		for _, t := range terms {
			a := byTerm[t]
			if a == nil {
				a = &acc{line: line, seen: map[string]int{}}
				byTerm[t] = a
				order = append(order, t)
			}
			if first, dup := a.seen[kind]; dup {
				bad(line, nil, "term %q already listed for %s on line %d", t, kind, first)
				continue
			}
			a.seen[kind] = line
			if err := apply(&a.e); err != nil {
				bad(line, nil, "term %q: %v", t, err)
			}
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, &LexiconError{File: name, Line: line + 1, Msg: "read", Err: err})
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("intent: %w", errors.Join(errs...))
	}
	c := &Classifier{next: map[uint64]int32{}, nodes: []trieNode{{term: -1}}}
	for _, t := range order {
		e := byTerm[t].e
		rs := []rune(t)
		e.first = isASCIIAlnum(rs[0])
		e.last = isASCIIAlnum(rs[len(rs)-1])
		e.ascii = e.first || e.last
		c.insert(rs, int32(len(c.entries)))
		c.entries = append(c.entries, e)
		c.terms = append(c.terms, t)
		if len(rs) > c.maxRune {
			c.maxRune = len(rs)
		}
	}
	c.pack()
	return c, nil
}

// kindSetter returns the function that applies one line's kind to an
// entry.
func kindSetter(kind string, hasW bool, w float64) (func(*entry) error, error) {
	for i, n := range conceptNames {
		if kind == n {
			return func(e *entry) error {
				e.vec[i] += float32(w)
				if e.vec[i] > maxWeight {
					return fmt.Errorf("weight of %s adds up to more than %d", n, maxWeight)
				}
				return nil
			}, nil
		}
	}
	if hasW {
		return nil, fmt.Errorf("kind %q takes no weight", kind)
	}
	if name, ok := strings.CutPrefix(kind, "car-"); ok {
		for i, n := range carrierNames {
			if i > 0 && name == n {
				return func(e *entry) error {
					if e.car != carNone && e.car != carrier(i) {
						return fmt.Errorf("carrier %s conflicts with %s", n, carrierNames[e.car])
					}
					e.car = carrier(i)
					return nil
				}, nil
			}
		}
	}
	for i, n := range flagNames {
		if kind == n {
			return func(e *entry) error { e.flags |= 1 << i; return nil }, nil
		}
	}
	return nil, fmt.Errorf("unknown kind %q", kind)
}

// termProblem says why a normalised term cannot be matched ("" if it can).
func termProblem(t string) string {
	if t == "" {
		return "empty"
	}
	n := 0
	for _, r := range t {
		n++
		if r == utf8.RuneError {
			return "holds U+FFFD"
		}
		if boundaryOf(r) != bNone || unicode.IsSpace(r) || unicode.IsControl(r) {
			return fmt.Sprintf("holds the separator %q", r)
		}
	}
	if n > maxTermRunes {
		return fmt.Sprintf("longer than %d runes", maxTermRunes)
	}
	return ""
}

// insert adds a term to the trie.
func (c *Classifier) insert(rs []rune, e int32) {
	node := int32(0)
	for _, r := range rs {
		k := uint64(node)<<32 | uint64(uint32(r))
		nx, ok := c.next[k]
		if !ok {
			nx = int32(len(c.nodes))
			c.nodes = append(c.nodes, trieNode{term: -1})
			c.next[k] = nx
		}
		node = nx
	}
	c.nodes[node].term = e
}

// foldRune maps a rune to its matching form: full-width ASCII and the
// ideographic space to half-width, letters to lower case.
func foldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x3000:
		r = ' '
	}
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}
	if r >= 0x2E80 && r < 0xA4D0 || r >= 0xAC00 && r < 0xD7B0 {
		return r // CJK, kana, Hangul: no case
	}
	return unicode.ToLower(r)
}

// normalize folds every rune of s and trims surrounding space.
func normalize(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(foldRune(r))
	}
	return strings.TrimSpace(b.String())
}

func isASCIIAlnum(r rune) bool {
	return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')
}

// boundary is the kind of a separator rune.
type boundary uint8

const (
	bNone     boundary = iota
	bSentence          // 。！？；\n
	bClause            // ，、：/ and quotes
	bOpen              // （ ( 【 [
	bClose             // ） ) 】 ]
)

// boundaryOf classifies a rune (already folded) as a separator.
func boundaryOf(r rune) boundary {
	switch r {
	case '。', '!', '?', ';', '\n', '\r', '…', '｡':
		return bSentence
	case ',', '、', ':', '/', '"', '“', '”', '‘', '’', '「', '」', '『', '』', '《', '》', '—', '～', '~', '|', '\t', '+', '，':
		return bClause
	case '(', '[', '【', '〔', '{':
		return bOpen
	case ')', ']', '】', '〕', '}':
		return bClose
	}
	return bNone
}

// hit is one lexicon match in a field.
type hit struct {
	start, end int32 // byte offsets in the field
	e          int32 // entry index
	clause     int32 // index of the clause (between separators)
	sent       int32 // index of the sentence
	paren      bool  // inside brackets
	drop       bool  // negated or observational: no evidence
	// early: the hit is the detection word of an early-warning pair
	// (提前…发现); its meaning becomes strong monitoring and its span
	// starts at estart (the 提前).
	early  bool
	estart int32
}

// scan finds the lexicon terms of s, leftmost-longest, non-overlapping,
// and records the clause and sentence of each. Time O(len(s) × depth of
// the longest match attempt); no allocation beyond the appended hits.
func (c *Classifier) scan(s string, hits []hit) []hit {
	var clause, sent int32
	depth := 0
	prevAlnum := false
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		fr := foldRune(r)
		if r == utf8.RuneError && w == 1 {
			fr = ',' // an invalid byte separates clauses: no cue spans it
		}
		switch boundaryOf(fr) {
		case bSentence:
			sent++
			clause++
			i += w
			prevAlnum = false
			continue
		case bClause:
			clause++
			i += w
			prevAlnum = false
			continue
		case bOpen:
			depth++
			clause++
			i += w
			prevAlnum = false
			continue
		case bClose:
			if depth > 0 {
				depth--
			}
			clause++
			i += w
			prevAlnum = false
			continue
		}
		best, bestEnd := int32(-1), 0
		if r != utf8.RuneError || w > 1 {
			node := int32(0)
			for j, n := i, 0; j < len(s) && n < c.maxRune; n++ {
				r2, w2 := r, w
				if j > i {
					r2, w2 = utf8.DecodeRuneInString(s[j:])
					if r2 == utf8.RuneError && w2 == 1 {
						break
					}
					r2 = foldRune(r2)
				} else {
					r2 = fr
				}
				nx := c.child(node, r2)
				if nx == 0 {
					break
				}
				node = nx
				j += w2
				if e := c.nodes[node].term; e >= 0 && c.boundaryOK(e, s, j, prevAlnum) {
					best, bestEnd = e, j
				}
			}
		}
		if best >= 0 {
			hits = append(hits, hit{start: int32(i), end: int32(bestEnd), e: best, clause: clause, sent: sent, paren: depth > 0})
			last, _ := utf8.DecodeLastRuneInString(s[:bestEnd])
			prevAlnum = isASCIIAlnum(foldRune(last))
			i = bestEnd
			continue
		}
		prevAlnum = isASCIIAlnum(fr)
		i += w
	}
	return hits
}

// boundaryOK reports whether a match of entry e ending at end respects
// ASCII word boundaries ("mes" does not match inside "homes").
func (c *Classifier) boundaryOK(e int32, s string, end int, prevAlnum bool) bool {
	en := &c.entries[e]
	if !en.ascii {
		return true
	}
	if en.first && prevAlnum {
		return false
	}
	if en.last && end < len(s) {
		r, _ := utf8.DecodeRuneInString(s[end:])
		if isASCIIAlnum(foldRune(r)) {
			return false
		}
	}
	return true
}
