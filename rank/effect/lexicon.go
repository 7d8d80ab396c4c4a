package effect

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed data/*.tsv
var dataFS embed.FS

// ErrLexicon is the error kind of a malformed lexicon line; every such error
// is a *LexiconError naming file and line (errors.Is(err, ErrLexicon)).
var ErrLexicon = errors.New("effect: bad lexicon")

// LexiconError is one malformed lexicon line. A plain value once returned.
type LexiconError struct {
	File string
	Line int
	Msg  string
}

// Error returns "file:line: message".
func (e *LexiconError) Error() string { return e.File + ":" + strconv.Itoa(e.Line) + ": " + e.Msg }

// Is makes errors.Is(err, ErrLexicon) true.
func (e *LexiconError) Is(target error) bool { return target == ErrLexicon }

// class is the lexical class of a lexicon word or a scanned token.
type class uint8

const (
	cNone class = iota
	cTarget
	cClaim
	cDown
	cSlow
	cFall
	cDownTo
	cUp
	cRise
	cUpTo
	cRemove
	cRemedy
	cAddress
	cLimit
	cLimitTo
	cKeep
	cKeepTo
	cReach
	cReqUp
	cReqDown
	cMore
	cLess
	cAbove
	cWithin
	cHigh
	cLow
	cBad
	cGood
	cNeg
	cUnable
	cWish
	cBackground
	cTried
	cCompare
	cSelf
	cMeasure
	cOccur
	cProblem
	cSoon
	cConj
	cEnum
	cCond
	cHead
	cBlock
	// Made by the scanner, never in the lexicon.
	cNumber
	cBreak // clause break: ，,：:()
	cStop  // sentence end: 。；;！？!?, new line
)

// cueClasses maps the class names of "cue" lines to classes.
var cueClasses = map[string]class{
	"down": cDown, "slow": cSlow, "fall": cFall, "down-to": cDownTo,
	"up": cUp, "rise": cRise, "up-to": cUpTo,
	"remove": cRemove, "remedy": cRemedy, "address": cAddress,
	"limit": cLimit, "limit-to": cLimitTo, "keep": cKeep, "keep-to": cKeepTo,
	"reach": cReach, "req-up": cReqUp, "req-down": cReqDown, "more": cMore,
	"less": cLess, "above": cAbove, "within": cWithin, "high": cHigh,
	"low": cLow, "bad": cBad, "good": cGood, "neg": cNeg, "unable": cUnable,
	"wish": cWish, "background": cBackground, "tried": cTried,
	"compare": cCompare, "self": cSelf, "measure": cMeasure, "occur": cOccur,
	"problem": cProblem, "soon": cSoon, "conj": cConj, "enum": cEnum,
	"cond": cCond, "head": cHead, "block": cBlock,
}

// entry is what a lexicon word means.
type entry struct {
	cls    class
	prop   int32     // cTarget, cClaim: the property
	sign   int8      // cTarget: -1 for an inverse name
	defect bool      // cTarget: names an occurring defect or event
	dir    Direction // cClaim: the value asserted
}

// prop is a canonical property.
type prop struct {
	name string
	good Direction // Up, Down or 0 (any)
	spec float64
}

// Relation says how the properties of a need statement and an achievement
// statement are related in a Link.
type Relation uint8

const (
	// Same property (寿命 and 使用寿命 are both 寿命).
	Same Relation = iota + 1
	// Narrower: the achievement's property is a kind of the need's
	// (need 缺陷, achievement 气孔).
	Narrower
	// Broader: the achievement's property contains the need's
	// (need 气孔, achievement 缺陷率).
	Broader
	// Related: a curated partial relation (续航 and 能耗, opposite).
	Related
)

// String returns "same", "narrower", "broader" or "related".
func (r Relation) String() string {
	switch r {
	case Same:
		return "same"
	case Narrower:
		return "narrower"
	case Broader:
		return "broader"
	case Related:
		return "related"
	}
	return "relation(" + strconv.Itoa(int(r)) + ")"
}

// Weights of the relations other than Same (1), used by Answers. Curated,
// not fitted: a narrower achievement speaks more directly to a need than a
// broader one.
const (
	weightNarrower = 0.7
	weightBroader  = 0.5
	weightRelated  = 0.6
)

type relation struct {
	kind   Relation
	sign   int8
	weight float64
}

// Analyzer extracts statements and links them. It is immutable after
// construction and safe for concurrent use by any number of goroutines.
type Analyzer struct {
	props   []prop
	byName  map[string]int32
	entries []entry
	root    map[rune]int32 // children of the trie's root
	rootCJK []int32        // the same for cjkLo ≤ rune < cjkHi, dense (-1: none)
	nodes   []node
	rels    map[[2]int32]relation
	life    int32 // the property 寿命, or -1
}

// node is a trie node over folded runes.
type node struct {
	kids  map[rune]int32
	entry int32 // index into entries, or -1
}

// The CJK Unified Ideographs block, where most words start: the trie's
// root is a dense table there (84 KB), a map elsewhere.
const (
	cjkLo = 0x4E00
	cjkHi = 0xA000
)

// maxWordRunes bounds one lexicon word.
const maxWordRunes = 32

var defaultAnalyzer = sync.OnceValues(func() (*Analyzer, error) {
	return loadFS(dataFS, "data")
})

// Default returns the analyzer built from the embedded lexicon
// (data/properties.tsv and data/cues.tsv). It is parsed once per process
// (about 5 ms) and shared. The error is only possible if the embedded data
// is broken, which a test guards against.
func Default() (*Analyzer, error) { return defaultAnalyzer() }

// loadFS parses every *.tsv file of dir in fsys, in name order, as one
// lexicon.
func loadFS(fsys fs.FS, dir string) (*Analyzer, error) {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("effect: read %s: %w", dir, err)
	}
	var lines []line
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tsv") {
			continue
		}
		name := path.Join(dir, e.Name())
		f, err := fsys.Open(name)
		if err != nil {
			return nil, fmt.Errorf("effect: %w", err)
		}
		ls, err := readLines(f, name)
		_ = f.Close()
		if err != nil {
			return nil, err
		}
		lines = append(lines, ls...)
	}
	return build(lines)
}

// Load builds an analyzer from one lexicon in the format of doc.go
// ("Lexicon format"); name is used in error messages. Every malformed line
// is reported (a *LexiconError each, joined); the analyzer is nil then.
func Load(r io.Reader, name string) (*Analyzer, error) {
	lines, err := readLines(r, name)
	if err != nil {
		return nil, err
	}
	return build(lines)
}

// line is one non-blank, non-comment lexicon line split into fields.
type line struct {
	file string
	n    int
	f    []string
}

func (l line) errf(format string, args ...any) error {
	return &LexiconError{File: l.file, Line: l.n, Msg: fmt.Sprintf(format, args...)}
}

// maxLineBytes bounds one lexicon line.
const maxLineBytes = 1 << 16

func readLines(r io.Reader, name string) ([]line, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLineBytes)
	var out []line
	var errs []error
	n := 0
	for sc.Scan() {
		n++
		s := sc.Text()
		if n == 1 {
			s = strings.TrimPrefix(s, "\ufeff")
		}
		if !utf8.ValidString(s) {
			errs = append(errs, &LexiconError{File: name, Line: n, Msg: "invalid UTF-8"})
			continue
		}
		s = strings.TrimSpace(s)
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		out = append(out, line{file: name, n: n, f: strings.Fields(s)})
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, &LexiconError{File: name, Line: n + 1, Msg: "read: " + err.Error()})
	}
	return out, errors.Join(errs...)
}

// builder accumulates a lexicon.
type builder struct {
	a     *Analyzer
	where map[string]string // folded word → "file:line" of its definition
	errs  []error
}

// build parses lines in three passes (properties, words, relations), so
// their order in the files does not matter.
func build(lines []line) (*Analyzer, error) {
	b := &builder{
		a: &Analyzer{
			byName: map[string]int32{},
			root:   map[rune]int32{},
			rels:   map[[2]int32]relation{},
			life:   -1,
		},
		where: map[string]string{},
	}
	for _, l := range lines {
		if l.f[0] == "prop" {
			b.prop(l)
		}
	}
	for _, l := range lines {
		switch l.f[0] {
		case "prop", "broader", "related":
		case "term", "defect", "inverse", "inverse-defect":
			b.terms(l)
		case "claim":
			b.claim(l)
		case "cue":
			b.cue(l)
		default:
			b.errs = append(b.errs, l.errf("unknown line kind %q (want prop, term, defect, inverse, inverse-defect, claim, broader, related or cue)", l.f[0]))
		}
	}
	for _, l := range lines {
		switch l.f[0] {
		case "broader":
			b.broader(l)
		case "related":
			b.related(l)
		}
	}
	if len(b.errs) > 0 {
		return nil, errors.Join(b.errs...)
	}
	a := b.a
	a.rootCJK = make([]int32, cjkHi-cjkLo)
	for i := range a.rootCJK {
		a.rootCJK[i] = -1
	}
	for r, n := range a.root {
		if r >= cjkLo && r < cjkHi {
			a.rootCJK[r-cjkLo] = n
		}
	}
	if i, ok := b.a.byName["寿命"]; ok {
		b.a.life = i
	}
	return b.a, nil
}

// fields checks that line l has n fields after its kind (what names them).
func (b *builder) fields(l line, n int, what string) bool {
	if len(l.f)-1 != n {
		b.errs = append(b.errs, l.errf("%s wants %d fields (%s), got %d", l.f[0], n, what, len(l.f)-1))
		return false
	}
	return true
}

// head checks the field count of line l and resolves its first field, a
// property name.
func (b *builder) head(l line, n int, what string) (int32, bool) {
	if !b.fields(l, n, what) {
		return 0, false
	}
	return b.property(l, l.f[1])
}

func (b *builder) prop(l line) {
	if !b.fields(l, 3, "name, polarity, specificity") {
		return
	}
	name := l.f[1]
	if err := checkWord(name); err != "" {
		b.errs = append(b.errs, l.errf("property %q: %s", name, err))
		return
	}
	if _, dup := b.a.byName[name]; dup {
		b.errs = append(b.errs, l.errf("property %q declared twice", name))
		return
	}
	var good Direction
	switch l.f[2] {
	case "up":
		good = Up
	case "down":
		good = Down
	case "any":
	default:
		b.errs = append(b.errs, l.errf("polarity %q: want up, down or any", l.f[2]))
		return
	}
	spec, err := strconv.ParseFloat(l.f[3], 64)
	if err != nil || !(spec > 0 && spec <= 1) {
		b.errs = append(b.errs, l.errf("specificity %q: want a number in (0,1]", l.f[3]))
		return
	}
	b.a.byName[name] = int32(len(b.a.props))
	b.a.props = append(b.a.props, prop{name: name, good: good, spec: spec})
}

// property resolves a property name of line l.
func (b *builder) property(l line, name string) (int32, bool) {
	i, ok := b.a.byName[name]
	if !ok {
		b.errs = append(b.errs, l.errf("unknown property %q (declare it with a prop line)", name))
	}
	return i, ok
}

func (b *builder) terms(l line) {
	p, ok := b.head(l, 2, "property, words")
	if !ok {
		return
	}
	e := entry{cls: cTarget, prop: p, sign: 1}
	good := b.a.props[p].good
	switch l.f[0] {
	case "defect":
		e.defect = true
		if good != Down {
			b.errs = append(b.errs, l.errf("defect words need a property whose polarity is down (%s is %s); use inverse-defect", l.f[1], polarityName(good)))
			return
		}
	case "inverse":
		e.sign = -1
	case "inverse-defect":
		e.sign, e.defect = -1, true
		if good != Up {
			b.errs = append(b.errs, l.errf("inverse-defect words need a property whose polarity is up (%s is %s)", l.f[1], polarityName(good)))
			return
		}
	}
	for _, w := range strings.Split(l.f[2], "|") {
		b.add(l, w, e)
	}
}

func polarityName(d Direction) string {
	if d == 0 {
		return "any"
	}
	return d.String()
}

func (b *builder) claim(l line) {
	p, ok := b.head(l, 3, "property, up|down, words")
	if !ok {
		return
	}
	var d Direction
	switch l.f[2] {
	case "up":
		d = Up
	case "down":
		d = Down
	default:
		b.errs = append(b.errs, l.errf("claim direction %q: want up or down", l.f[2]))
		return
	}
	for _, w := range strings.Split(l.f[3], "|") {
		b.add(l, w, entry{cls: cClaim, prop: p, dir: d})
	}
}

func (b *builder) cue(l line) {
	if !b.fields(l, 2, "class, words") {
		return
	}
	c, ok := cueClasses[l.f[1]]
	if !ok {
		b.errs = append(b.errs, l.errf("unknown cue class %q", l.f[1]))
		return
	}
	for _, w := range strings.Split(l.f[2], "|") {
		b.add(l, w, entry{cls: c})
	}
}

// checkWord returns why w cannot be a lexicon word, or "".
func checkWord(w string) string {
	if w == "" {
		return "empty word"
	}
	n := 0
	for _, r := range w {
		n++
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == utf8.RuneError {
			return "space, control character or invalid UTF-8"
		}
	}
	if n > maxWordRunes {
		return fmt.Sprintf("longer than %d runes", maxWordRunes)
	}
	return ""
}

// add inserts word w with meaning e into the trie.
func (b *builder) add(l line, w string, e entry) {
	if err := checkWord(w); err != "" {
		b.errs = append(b.errs, l.errf("word %q: %s", w, err))
		return
	}
	key := fold(w)
	if at, dup := b.where[key]; dup {
		b.errs = append(b.errs, l.errf("word %q already defined at %s", w, at))
		return
	}
	b.where[key] = l.file + ":" + strconv.Itoa(l.n)
	a := b.a
	ei := int32(len(a.entries))
	a.entries = append(a.entries, e)
	kids := a.root
	var cur int32 = -1
	for _, r := range key {
		next, ok := kids[r]
		if !ok {
			next = int32(len(a.nodes))
			a.nodes = append(a.nodes, node{entry: -1})
			kids[r] = next
		}
		cur = next
		if a.nodes[cur].kids == nil {
			a.nodes[cur].kids = map[rune]int32{}
		}
		kids = a.nodes[cur].kids
	}
	a.nodes[cur].entry = ei
}

func (b *builder) broader(l line) {
	parent, ok := b.head(l, 2, "property, narrower properties")
	if !ok {
		return
	}
	for _, c := range strings.Split(l.f[2], "|") {
		child, ok := b.property(l, c)
		if !ok {
			continue
		}
		if child == parent {
			b.errs = append(b.errs, l.errf("%q is broader than itself", c))
			continue
		}
		s := relSign(b.a.props[parent].good, b.a.props[child].good)
		b.setRel(parent, child, relation{Narrower, s, weightNarrower})
		b.setRel(child, parent, relation{Broader, s, weightBroader})
	}
}

func (b *builder) related(l line) {
	x, ok1 := b.head(l, 3, "property, property, same|opposite")
	if !ok1 {
		return
	}
	y, ok2 := b.property(l, l.f[2])
	if !ok2 {
		return
	}
	var s int8
	switch l.f[3] {
	case "same":
		s = 1
	case "opposite":
		s = -1
	default:
		b.errs = append(b.errs, l.errf("related sign %q: want same or opposite", l.f[3]))
		return
	}
	if x == y {
		b.errs = append(b.errs, l.errf("%q is related to itself", l.f[1]))
		return
	}
	b.setRel(x, y, relation{Related, s, weightRelated})
	b.setRel(y, x, relation{Related, s, weightRelated})
}

// relSign is -1 when two properties have opposite known polarities (缺陷
// Down under 合格率 Up), else +1.
func relSign(a, b Direction) int8 {
	if a != 0 && b != 0 && a != b {
		return -1
	}
	return 1
}

// setRel keeps the stronger of two relations between the same properties.
func (b *builder) setRel(need, ach int32, r relation) {
	k := [2]int32{need, ach}
	if old, ok := b.a.rels[k]; ok && old.weight >= r.weight {
		return
	}
	b.a.rels[k] = r
}

// fold maps full-width ASCII forms and the ideographic space to ASCII and
// upper-case ASCII letters to lower case, rune for rune.
func foldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x3000:
		r = ' '
	}
	if r >= 'A' && r <= 'Z' {
		r += 'a' - 'A'
	}
	return r
}

// fold applies foldRune to every rune of s.
func fold(s string) string {
	return strings.Map(foldRune, s)
}

// Properties returns the canonical property names, in lexicon order.
func (a *Analyzer) Properties() []string {
	out := make([]string, len(a.props))
	for i, p := range a.props {
		out[i] = p.name
	}
	return out
}

// Polarity returns the good direction of a canonical property (Up, Down, or
// 0 when it depends on the application, like 温度 or 硬度) and whether the
// property is known.
func (a *Analyzer) Polarity(property string) (Direction, bool) {
	i, ok := a.byName[property]
	if !ok {
		return 0, false
	}
	return a.props[i].good, true
}
