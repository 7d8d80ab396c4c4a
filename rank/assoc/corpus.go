package assoc

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
)

// corpus is the input after interning, merging and document-frequency
// filtering. Kept term ids follow the sorted order of their texts, so the
// ids do not depend on document order.
type corpus struct {
	nDocs int      // number of input documents (the N of probabilities)
	terms []string // kept term id → text, sorted
	df    []int32  // kept term id → document frequency

	// Document rows over kept terms: docs d's terms are
	// docTerm[docOff[d]:docOff[d+1]], ascending ids, with merged weights
	// docW (Σ of the input weights of the term in the document).
	docOff  []int32
	docTerm []int32
	docW    []float64
}

// doc returns the kept term ids and weights of document d.
func (c *corpus) doc(d int) ([]int32, []float64) {
	lo, hi := c.docOff[d], c.docOff[d+1]
	return c.docTerm[lo:hi], c.docW[lo:hi]
}

// newCorpus interns docs, merges repeated terms inside a document and keeps
// the terms whose document frequency is in [minDF, maxDF].
//
// A term whose Text is empty after trimming spaces is skipped; a weight of 0
// counts as 1 (an unweighted term); a negative, NaN or infinite weight is an
// error naming the document and term index.
//
// Time O(T + V log V) for T input terms and V distinct terms; memory O(T).
func newCorpus(ctx context.Context, docs []Doc, minDF, maxDF int) (*corpus, error) {
	ids := make(map[string]int32)
	var texts []string
	var df []int32
	var last []int32 // term id → last document that counted it, +1
	total := 0
	for _, d := range docs {
		total += len(d)
	}
	rawOff := make([]int32, 1, len(docs)+1)
	rawTerm := make([]int32, 0, total)
	rawW := make([]float64, 0, total)
	var pos []int32 // term id → index in rawTerm for the current doc
	for di, d := range docs {
		if di%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("assoc: build interrupted reading docs: %w", err)
			}
		}
		for ti, t := range d {
			w := t.Weight
			if math.IsNaN(w) || math.IsInf(w, 0) || w < 0 {
				return nil, fmt.Errorf("assoc: docs[%d][%d] (term %q): weight %v, want a finite number >= 0", di, ti, t.Text, w)
			}
			if w == 0 {
				w = 1
			}
			text := t.Text
			if strings.TrimSpace(text) == "" {
				continue
			}
			id, ok := ids[text]
			if !ok {
				id = int32(len(texts))
				ids[text] = id
				texts = append(texts, text)
				df = append(df, 0)
				last = append(last, 0)
				pos = append(pos, 0)
			}
			if last[id] == int32(di+1) {
				rawW[pos[id]] += w
				continue
			}
			last[id] = int32(di + 1)
			df[id]++
			pos[id] = int32(len(rawTerm))
			rawTerm = append(rawTerm, id)
			rawW = append(rawW, w)
		}
		rawOff = append(rawOff, int32(len(rawTerm)))
	}

	// Keep terms within the DF bounds, renumbered in text order.
	var kept []int32
	for id, n := range df {
		if int(n) >= minDF && int(n) <= maxDF {
			kept = append(kept, int32(id))
		}
	}
	slices.SortFunc(kept, func(a, b int32) int { return strings.Compare(texts[a], texts[b]) })
	remap := make([]int32, len(texts))
	for i := range remap {
		remap[i] = -1
	}
	c := &corpus{nDocs: len(docs), terms: make([]string, len(kept)), df: make([]int32, len(kept))}
	for nid, id := range kept {
		remap[id] = int32(nid)
		c.terms[nid] = texts[id]
		c.df[nid] = df[id]
	}

	c.docOff = make([]int32, 1, len(docs)+1)
	type tw struct {
		id int32
		w  float64
	}
	var row []tw
	for d := range len(docs) {
		row = row[:0]
		for i := rawOff[d]; i < rawOff[d+1]; i++ {
			if nid := remap[rawTerm[i]]; nid >= 0 {
				row = append(row, tw{nid, rawW[i]})
			}
		}
		slices.SortFunc(row, func(a, b tw) int { return int(a.id) - int(b.id) })
		for _, e := range row {
			c.docTerm = append(c.docTerm, e.id)
			c.docW = append(c.docW, e.w)
		}
		c.docOff = append(c.docOff, int32(len(c.docTerm)))
	}
	return c, nil
}

// postings returns, for every kept term, the ascending list of documents
// containing it, as offsets into one flat slice: term t's documents are
// docs[off[t]:off[t+1]]. Time and memory O(nnz).
func (c *corpus) postings() (off []int32, docs []int32) {
	off = make([]int32, len(c.terms)+1)
	for _, t := range c.docTerm {
		off[t+1]++
	}
	for i := 1; i < len(off); i++ {
		off[i] += off[i-1]
	}
	docs = make([]int32, len(c.docTerm))
	fill := slices.Clone(off[:len(c.terms)])
	for d := range c.nDocs {
		terms, _ := c.doc(d)
		for _, t := range terms {
			docs[fill[t]] = int32(d)
			fill[t]++
		}
	}
	return off, docs
}
