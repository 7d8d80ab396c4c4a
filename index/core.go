package index

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/kelindar/bitmap"

	"github.com/techmatch/techmatch"
)

// Defaults for the zero fields of Config.
const (
	DefaultTitleBoost   = 2.0
	DefaultKeywordBoost = 1.5
	DefaultK1           = 1.2
	DefaultB            = 0.75
)

// Field is a term space of the match core.
type Field uint8

// The term spaces of the match core.
const (
	// FieldWords holds the jieba index words (segment.ModeSearch) of the
	// title, description and keywords.
	FieldWords Field = iota
	// FieldBigrams holds the CJK character bigrams (segment.ModeBigram) of
	// the same fields; it catches words the dictionary cuts differently.
	FieldBigrams

	numFields = 2
)

// String returns "words" or "bigrams".
func (f Field) String() string {
	switch f {
	case FieldWords:
		return "words"
	case FieldBigrams:
		return "bigrams"
	}
	return fmt.Sprintf("Field(%d)", uint8(f))
}

func (f Field) valid() bool { return f < numFields }

// TermWeight is a term with its weighted term frequency in one document:
// Σ over the fields title, description and keywords of boost × occurrences
// (title × Config.TitleBoost, keywords × Config.KeywordBoost).
type TermWeight struct {
	Term string
	TF   float64
}

// winShift sets the window of the match core: documents are grouped in
// windows of 1<<winShift consecutive numbers. Postings store a document
// as its 16-bit offset in the window and each (term, window) run carries
// its maximal impact (a block-max bound; core.search streams whole spans
// of windows and does not use it: MaxScore with these bounds was measured
// no faster, see doc.go).
// Chosen for the windowed search before the span rework: work per need
// query at n=10000 (instrumented search, 20 queries of ~280
// terms, 643k postings each): shift 10 scores 215k postings and probes
// 249k, 11 → 271k and 213k, 12 → 361k and 147k; 11 balances the two and
// keeps the accumulators (2 × 16 KiB) in L1/L2. BenchmarkSearch figures
// are in the package report (doc.go).
const (
	winShift = 11
	winSize  = 1 << winShift
	winMask  = winSize - 1
	winWords = winSize / 64
)

// maxQ is the largest quantised impact: impacts are stored as uint8 in
// 1..maxQ, linear in the term's maximal impact (see quantise).
const maxQ = 255

// quantise maps impact imp of a term whose largest impact is maxImp to
// 1..maxQ: round(imp / (maxImp/maxQ)), at least 1 so that a present term
// always counts as matched. The term's impact unit is maxImp/maxQ.
func quantise(imp, maxImp float64) uint8 {
	if maxImp <= 0 {
		return 1
	}
	q := math.Round(imp / (maxImp / maxQ))
	if q < 1 {
		return 1
	}
	if q > maxQ {
		return maxQ
	}
	return uint8(q)
}

// space is the term space of one Field: a dictionary, per-document
// lengths, the built postings of every document added before the last
// refresh and the pending postings of the later ones.
//
// Built postings are grouped by term, then by window (runs), then by
// document: term t's runs are runWin[tRun[t]:tRun[t+1]], run r's postings
// are pDoc/pTF/pImp[runOff[r]:runOff[r+1]]. A posting is 5 bytes: the
// document's offset in the window (uint16), the weighted tf as a code
// into core.tfVals (uint16) and the quantised impact (uint8). Tombstoned
// documents have no built postings.
type space struct {
	dict  map[string]uint32 // term → term id
	terms []string          // term id → term
	df    []uint32          // term id → live document frequency (fresh only)
	unit  []float64         // term id → impact of q = 1 (fresh only)
	lens  []float32         // doc → weighted length
	total float64           // Σ lens over live documents

	tRun   []uint32 // term id → first run; len = built terms + 1
	runWin []uint32 // run → window number
	runMax []uint8  // run → max quantised impact
	runOff []uint32 // run → first posting; len = runs + 1
	pDoc   []uint16
	pTF    []uint16
	pImp   []uint8

	// Pending postings of documents numbered ≥ core.built, in document
	// order: document built+i owns pendTid/pendTF[pendStart[i]:pendStart[i+1]].
	pendTid   []uint32
	pendTF    []uint16
	pendStart []uint32
}

// runs returns the range of term id tid's runs in the built postings.
func (s *space) runs(tid uint32) (lo, hi uint32) {
	if int(tid)+1 >= len(s.tRun) {
		return 0, 0
	}
	return s.tRun[tid], s.tRun[tid+1]
}

// core is the in-memory match core: per field space a dictionary and
// window-grouped postings with quantised BM25 impacts, the industry
// bitmaps and the live bitmap. It is not safe for concurrent use; Index
// guards it with a sync.RWMutex (search is read-only and may run
// concurrently with other searches once fresh).
type core struct {
	k1, b  float64
	spaces [numFields]space
	ids    []string          // doc number → id
	byID   map[string]uint32 // id → live doc number
	live   bitmap.Bitmap
	inds   map[techmatch.Industry]bitmap.Bitmap
	nLive  int
	built  int  // documents < built have built postings
	dirty  bool // impacts, df, unit or postings are stale

	tfVals []float32          // tf code → weighted tf
	tfCode map[float32]uint16 // weighted tf → code
}

func newCore(k1, b float64) *core {
	c := &core{k1: k1, b: b, byID: make(map[string]uint32), inds: make(map[techmatch.Industry]bitmap.Bitmap), tfCode: make(map[float32]uint16)}
	for f := range c.spaces {
		c.spaces[f].dict = make(map[string]uint32)
		c.spaces[f].pendStart = []uint32{0}
	}
	return c
}

// errTooManyTF is returned when a record would need a 65537th distinct
// weighted term frequency (only possible with exotic boosts and huge texts).
var errTooManyTF = errors.New("more than 65536 distinct weighted term frequencies in the index")

// code returns the tf code of tf, adding it to the table.
func (c *core) code(tf float32) (uint16, error) {
	if k, ok := c.tfCode[tf]; ok {
		return k, nil
	}
	if len(c.tfVals) > math.MaxUint16 {
		return 0, errTooManyTF
	}
	k := uint16(len(c.tfVals))
	c.tfVals = append(c.tfVals, tf)
	c.tfCode[tf] = k
	return k, nil
}

// maxDocs is the largest number of doc numbers (live and tombstoned) the
// core addresses.
const maxDocs = math.MaxUint32 - winSize

// add appends a document with a fresh doc number; a live document with the
// same id is tombstoned first. It returns the new doc number. Cost
// O(distinct terms) map operations; postings are merged by the next
// refresh.
func (c *core) add(id string, industries []techmatch.Industry, fields [numFields]analysed) (uint32, error) {
	if len(c.ids) >= maxDocs {
		return 0, fmt.Errorf("index: core is full (%d doc numbers)", len(c.ids))
	}
	// Encode tf codes first so that a failure leaves the core unchanged.
	var codes [numFields][]uint16
	for f := range fields {
		codes[f] = make([]uint16, len(fields[f].tfs))
		for i, tf := range fields[f].tfs {
			k, err := c.code(tf)
			if err != nil {
				return 0, err
			}
			codes[f][i] = k
		}
	}
	if old, ok := c.byID[id]; ok {
		c.remove(old)
	}
	doc := uint32(len(c.ids))
	c.addIndustries(doc, industries)
	for f := range fields {
		a := &fields[f]
		s := &c.spaces[f]
		for i, t := range a.terms {
			tid, ok := s.dict[t]
			if !ok {
				tid = uint32(len(s.terms))
				t = cloneString(t)
				s.dict[t] = tid
				s.terms = append(s.terms, t)
			}
			s.pendTid = append(s.pendTid, tid)
			s.pendTF = append(s.pendTF, codes[f][i])
		}
		s.pendStart = append(s.pendStart, uint32(len(s.pendTid)))
		s.lens = append(s.lens, a.length)
		s.total += float64(a.length)
	}
	c.ids = append(c.ids, id)
	c.byID[id] = doc
	c.live.Set(doc)
	c.nLive++
	c.dirty = true
	return doc, nil
}

// cloneString copies t so that the dictionary does not pin the text it
// was cut from.
func cloneString(t string) string { return string([]byte(t)) }

// isLive reports whether doc is a live document.
func (c *core) isLive(doc uint32) bool { return c.live.Contains(doc) }

// remove tombstones doc. Its postings are dropped by the next refresh.
func (c *core) remove(doc uint32) {
	if int(doc) >= len(c.ids) || !c.isLive(doc) {
		return
	}
	for ind, bm := range c.inds {
		if bm.Contains(doc) {
			bm.Remove(doc)
			c.inds[ind] = bm
		}
	}
	for f := range c.spaces {
		s := &c.spaces[f]
		s.total -= float64(s.lens[doc])
	}
	c.live.Remove(doc)
	delete(c.byID, c.ids[doc])
	c.nLive--
	c.dirty = true
}

// setIndustries moves live doc from the bitmaps of industries old to
// those of industries new (empty codes ignored). Cost O(len(old) +
// len(new)).
func (c *core) setIndustries(doc uint32, old, new []techmatch.Industry) {
	if int(doc) >= len(c.ids) || !c.isLive(doc) {
		return
	}
	for _, ind := range old {
		if bm, ok := c.inds[ind]; ok {
			bm.Remove(doc)
			c.inds[ind] = bm
		}
	}
	c.addIndustries(doc, new)
}

// addIndustries sets doc in the bitmaps of industries (empty codes
// ignored).
func (c *core) addIndustries(doc uint32, industries []techmatch.Industry) {
	for _, ind := range industries {
		if ind == "" {
			continue
		}
		bm := c.inds[ind]
		bm.Set(doc)
		c.inds[ind] = bm
	}
}

// dead is the number of tombstoned doc numbers.
func (c *core) dead() int { return len(c.ids) - c.nLive }

// needsCompaction reports whether more than compactDeadFraction of the doc
// numbers are tombstones.
func (c *core) needsCompaction() bool {
	return c.dead() > 0 && float64(c.dead()) > compactDeadFraction*float64(len(c.ids))
}

// compactDeadFraction is the share of tombstoned doc numbers above which
// the core is renumbered (see Index doc comment).
const compactDeadFraction = 0.25

// compact renumbers the live documents densely in their current order and
// rebuilds postings (fresh) and bitmaps. It returns the old doc numbers of
// the survivors, indexed by new doc number. Cost O(postings).
func (c *core) compact() []uint32 {
	kept := make([]uint32, 0, c.nLive)
	remap := make([]uint32, len(c.ids))
	for old := range c.ids {
		if c.isLive(uint32(old)) {
			remap[old] = uint32(len(kept))
			kept = append(kept, uint32(old))
		} else {
			remap[old] = math.MaxUint32
		}
	}
	c.rebuild(remap, len(kept))
	ids := make([]string, len(kept))
	for i, old := range kept {
		ids[i] = c.ids[old]
		c.byID[ids[i]] = uint32(i)
	}
	c.ids = ids
	for f := range c.spaces {
		s := &c.spaces[f]
		lens := make([]float32, len(kept))
		for i, old := range kept {
			lens[i] = s.lens[old]
		}
		s.lens = lens
	}
	remapBitmap := func(bm bitmap.Bitmap) bitmap.Bitmap {
		var out bitmap.Bitmap
		bm.Range(func(d uint32) {
			if nd := remap[d]; nd != math.MaxUint32 {
				out.Set(nd)
			}
		})
		return out
	}
	for ind, bm := range c.inds {
		if nb := remapBitmap(bm); nb.Count() > 0 {
			c.inds[ind] = nb
		} else {
			delete(c.inds, ind)
		}
	}
	c.live = remapBitmap(c.live)
	return kept
}

// idf is the BM25 inverse document frequency (Lucene's non-negative form)
// ln(1 + (N − df + 0.5)/(df + 0.5)).
func idf(n, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// impact is the BM25 contribution of a term with weighted frequency tf in a
// document of length dl.
func impact(idfv, tf, dl, avgdl, k1, b float64) float64 {
	norm := 1.0
	if avgdl > 0 {
		norm = 1 - b + b*dl/avgdl
	}
	return idfv * tf * (k1 + 1) / (tf + k1*norm)
}

// refresh merges the pending postings, drops those of tombstoned
// documents and recomputes df, impacts and run maxima from the live
// statistics. Cost O(postings) time, 2 × postings bytes of peak memory.
func (c *core) refresh() {
	c.rebuild(nil, len(c.ids))
}

// rebuild rebuilds every space's postings. remap, when not nil, gives the
// new number of each doc (MaxUint32 for dropped ones); nDocs is the number
// of doc numbers afterwards. Tombstoned documents are dropped either way.
func (c *core) rebuild(remap []uint32, nDocs int) {
	var imps []float64 // per-term scratch
	for f := range c.spaces {
		s := &c.spaces[f]
		nTerms := len(s.terms)
		// Group pending postings by term (counting sort, stable in doc order).
		pendCount := make([]uint32, nTerms+1)
		for _, tid := range s.pendTid {
			pendCount[tid+1]++
		}
		for t := 1; t <= nTerms; t++ {
			pendCount[t] += pendCount[t-1]
		}
		pendDoc := make([]uint32, len(s.pendTid))
		pendTF := make([]uint16, len(s.pendTid))
		next := slices.Clone(pendCount[:nTerms])
		for i := 0; i+1 < len(s.pendStart); i++ {
			doc := uint32(c.built + i)
			for j := s.pendStart[i]; j < s.pendStart[i+1]; j++ {
				tid := s.pendTid[j]
				k := next[tid]
				next[tid]++
				pendDoc[k], pendTF[k] = doc, s.pendTF[j]
			}
		}
		next = nil
		s.pendTid, s.pendTF, s.pendStart = nil, nil, []uint32{0}

		// Live df per term.
		df := make([]uint32, nTerms)
		total := 0
		for t := range nTerms {
			n := 0
			lo, hi := s.runs(uint32(t))
			for r := lo; r < hi; r++ {
				base := s.runWin[r] << winShift
				for p := s.runOff[r]; p < s.runOff[r+1]; p++ {
					if c.isLive(base | uint32(s.pDoc[p])) {
						n++
					}
				}
			}
			for k := pendCount[t]; k < pendCount[t+1]; k++ {
				if c.isLive(pendDoc[k]) {
					n++
				}
			}
			df[t] = uint32(n)
			total += n
		}

		avg := 0.0
		if c.nLive > 0 {
			avg = s.total / float64(c.nLive)
		}
		tRun := make([]uint32, nTerms+1)
		runWin := make([]uint32, 0, nTerms+nDocs/winSize)
		runMax := make([]uint8, 0, cap(runWin))
		runOff := make([]uint32, 1, cap(runWin)+1)
		pDoc := make([]uint16, 0, total)
		pTF := make([]uint16, 0, total)
		pImp := make([]uint8, 0, total)
		unit := make([]float64, nTerms)
		for t := range nTerms {
			tRun[t] = uint32(len(runWin))
			if df[t] == 0 {
				continue
			}
			w := idf(c.nLive, int(df[t]))
			imps = imps[:0]
			maxImp := 0.0
			emit := func(doc uint32, code uint16) {
				if !c.isLive(doc) {
					return
				}
				imp := impact(w, float64(c.tfVals[code]), float64(s.lens[doc]), avg, c.k1, c.b)
				maxImp = max(maxImp, imp)
				imps = append(imps, imp)
				nd := doc
				if remap != nil {
					nd = remap[doc]
				}
				win := nd >> winShift
				if len(runWin) == int(tRun[t]) || runWin[len(runWin)-1] != win {
					runWin = append(runWin, win)
					runMax = append(runMax, 0)
					runOff = append(runOff, 0)
				}
				pDoc = append(pDoc, uint16(nd&winMask))
				pTF = append(pTF, code)
				runOff[len(runOff)-1] = uint32(len(pDoc))
			}
			lo, hi := s.runs(uint32(t))
			for r := lo; r < hi; r++ {
				base := s.runWin[r] << winShift
				for p := s.runOff[r]; p < s.runOff[r+1]; p++ {
					emit(base|uint32(s.pDoc[p]), s.pTF[p])
				}
			}
			for k := pendCount[t]; k < pendCount[t+1]; k++ {
				emit(pendDoc[k], pendTF[k])
			}
			unit[t] = maxImp / maxQ
			for _, imp := range imps {
				pImp = append(pImp, quantise(imp, maxImp))
			}
			// Run maxima.
			for r := tRun[t]; r < uint32(len(runWin)); r++ {
				var m uint8
				for _, q := range pImp[runOff[r]:runOff[r+1]] {
					m = max(m, q)
				}
				runMax[r] = m
			}
		}
		tRun[nTerms] = uint32(len(runWin))
		s.df, s.unit = df, unit
		s.tRun, s.runWin, s.runMax, s.runOff = tRun, runWin, runMax, runOff
		s.pDoc, s.pTF, s.pImp = pDoc, pTF, pImp
	}
	c.built = nDocs
	c.dirty = false
}

// reserve makes sure add will accept a document with these fields: it
// assigns the tf codes (the table only grows) and checks capacity.
func (c *core) reserve(fields *[numFields]analysed) error {
	if len(c.ids) >= maxDocs {
		return fmt.Errorf("index: core is full (%d doc numbers)", len(c.ids))
	}
	for f := range fields {
		for _, tf := range fields[f].tfs {
			if _, err := c.code(tf); err != nil {
				return err
			}
		}
	}
	return nil
}
