package index

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/kelindar/bitmap"
)

// ErrBadSnapshot matches (errors.Is) every reason a snapshot is refused:
// truncated, checksum mismatch, another format, record kind, analysis or
// BM25 setting, or a document count that differs from the bleve index.
var ErrBadSnapshot = errors.New("index: bad snapshot")

// snapMagic starts every snapshot; the digit is the snapshot format.
const snapMagic = "techmatch-core-snapshot 1\n"

// maxSnapSlice bounds every length read from a snapshot (elements), so a
// damaged length cannot make the reader allocate without bound.
const maxSnapSlice = 1 << 34

// SnapshotStatus says how New filled the match core of an on-disk index.
//
// A SnapshotStatus is a plain value: safe to copy and share.
type SnapshotStatus struct {
	// Used is true when the core and records came from Config.Snapshot
	// (no record was analysed again).
	Used bool
	// Reason says why the snapshot was not used ("" when it was, or when
	// Config.Snapshot is empty): missing, or the *ErrBadSnapshot cause.
	Reason string
	// Load is the time New spent filling the core (snapshot or reload).
	Load time.Duration
}

// SnapshotStatus returns how New filled the core (see SnapshotStatus).
func (ix *Index[R]) SnapshotStatus() SnapshotStatus {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.snap
}

// WriteSnapshot writes the analysed match core (dictionaries, postings
// with their impacts, document lengths, tf table, live set) and every
// live record as given (its JSON encoding, as bleve's _source holds it)
// to path, through a temporary file (mode 0600), fsync and rename. A
// later New with Config.Snapshot = path on the same directory loads the
// core from it instead of segmenting every record again.
//
// Format: snapMagic, then header strings (kind, analysis id) and the BM25
// settings, then length-prefixed little-endian arrays, then the SHA-256
// of everything before it. Size about 5 bytes per posting plus the
// records' JSON.
//
// WriteSnapshot is a writer (serialised with Add, Sync, Delete and
// Close); searches wait only while it refreshes a stale core, then run
// meanwhile (the snapshot is written under the read lock).
func (ix *Index[R]) WriteSnapshot(ctx context.Context, path string) error {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	if ix.isClosed() {
		return fmt.Errorf("index: write snapshot: %w", ErrClosed)
	}
	aid, err := analysisID(ix.cfg.Segmenter)
	if err != nil {
		return err
	}
	ix.rlockFresh()
	defer ix.mu.RUnlock()
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, name+".tmp*")
	if err != nil {
		return fmt.Errorf("index: write snapshot %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<20)
	w := &snapWriter{w: bw, h: sha256.New()}
	if err = ix.encodeSnapshot(ctx, w, aid); err != nil {
		return fmt.Errorf("index: write snapshot %s: %w", path, err)
	}
	if _, err = bw.Write(w.h.Sum(nil)); err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if err != nil {
		return fmt.Errorf("index: write snapshot %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("index: write snapshot %s: %w", path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("index: write snapshot %s: %w", path, err)
	}
	return syncDir(dir)
}

// encodeSnapshot writes the body. Caller holds mu (read) on a fresh core.
func (ix *Index[R]) encodeSnapshot(ctx context.Context, w *snapWriter, aid string) error {
	c := ix.core
	w.raw([]byte(snapMagic))
	w.str(recordKind[R]())
	w.str(aid)
	for _, v := range []float64{ix.cfg.TitleBoost, ix.cfg.KeywordBoost, c.k1, c.b, float64(len(c.ids)), float64(c.nLive), float64(c.built)} {
		w.u64(math.Float64bits(v))
	}
	w.strs(c.ids)
	w.u64s(c.live)
	w.f32s(c.tfVals)
	for f := range c.spaces {
		s := &c.spaces[f]
		w.strs(s.terms)
		w.u32s(s.df)
		w.f64s(s.unit)
		w.f32s(s.lens)
		w.u64(math.Float64bits(s.total))
		w.u32s(s.tRun)
		w.u32s(s.runWin)
		w.u8s(s.runMax)
		w.u32s(s.runOff)
		w.u16s(s.pDoc)
		w.u16s(s.pTF)
		w.u8s(s.pImp)
	}
	var src []byte
	for d := range c.ids {
		if err := ctx.Err(); err != nil {
			return err
		}
		src = src[:0]
		if c.isLive(uint32(d)) {
			b, err := json.Marshal(ix.given(uint32(d)))
			if err != nil {
				return fmt.Errorf("record %q: encode: %w", c.ids[d], err)
			}
			src = b
		}
		w.bytes(src)
	}
	return w.err
}

// loadSnapshot fills the core, recs and meta from the snapshot at path.
// It checks the checksum, kind, analysis, settings and that the live
// count equals bleve's document count; on any failure it returns an
// error wrapping ErrBadSnapshot (or os.ErrNotExist) and leaves the index
// empty. Caller is New (nothing else sees ix yet).
func (ix *Index[R]) loadSnapshot(ctx context.Context, path string) (err error) {
	aid, err := analysisID(ix.cfg.Segmenter)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w %s: %s", ErrBadSnapshot, path, fmt.Sprintf(format, args...))
	}
	if len(data) < len(snapMagic)+sha256.Size {
		return bad("truncated (%d bytes)", len(data))
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if got := sha256.Sum256(body); string(got[:]) != string(sum) {
		return bad("checksum mismatch")
	}
	r := &snapReader{b: body}
	if string(r.raw(len(snapMagic))) != snapMagic {
		return bad("not a snapshot of this format")
	}
	if kind := r.str(); kind != recordKind[R]() {
		return bad("holds kind %q, want %q", kind, recordKind[R]())
	}
	if a := r.str(); a != aid {
		return bad("analysis %q, want %q", a, aid)
	}
	var hdr [7]float64
	for i := range hdr {
		hdr[i] = math.Float64frombits(r.u64())
	}
	if hdr[0] != ix.cfg.TitleBoost || hdr[1] != ix.cfg.KeywordBoost || hdr[2] != ix.cfg.K1 || hdr[3] != ix.cfg.B {
		return bad("settings (title boost, keyword boost, k1, b) = %v, want %v", hdr[:4], []float64{ix.cfg.TitleBoost, ix.cfg.KeywordBoost, ix.cfg.K1, ix.cfg.B})
	}
	c := newCore(ix.cfg.K1, ix.cfg.B)
	c.ids = r.strs()
	c.live = bitmap.Bitmap(r.u64s())
	c.tfVals = r.f32s()
	for f := range c.spaces {
		s := &c.spaces[f]
		s.terms = r.strs()
		s.df = r.u32s()
		s.unit = r.f64s()
		s.lens = r.f32s()
		s.total = math.Float64frombits(r.u64())
		s.tRun = r.u32s()
		s.runWin = r.u32s()
		s.runMax = r.u8s()
		s.runOff = r.u32s()
		s.pDoc = r.u16s()
		s.pTF = r.u16s()
		s.pImp = r.u8s()
	}
	if r.err != nil {
		return bad("%v", r.err)
	}
	n := len(c.ids)
	if float64(n) != hdr[4] || c.built != 0 || hdr[6] != float64(n) {
		return bad("document count %d, header says %v built of %v", n, hdr[6], hdr[4])
	}
	c.built = n
	for f := range c.spaces {
		s := &c.spaces[f]
		if len(s.lens) != n || len(s.df) != len(s.terms) || len(s.unit) != len(s.terms) || len(s.tRun) != len(s.terms)+1 ||
			len(s.runMax) != len(s.runWin) || len(s.runOff) != len(s.runWin)+1 || len(s.pTF) != len(s.pDoc) || len(s.pImp) != len(s.pDoc) {
			return bad("inconsistent %s arrays", Field(f))
		}
		if err := checkPostings(s, n, len(c.tfVals)); err != nil {
			return bad("%s: %v", Field(f), err)
		}
		s.dict = make(map[string]uint32, len(s.terms))
		for i, t := range s.terms {
			s.dict[t] = uint32(i)
		}
	}
	for i, v := range c.tfVals {
		c.tfCode[v] = uint16(i)
	}
	recs := make([]R, n)
	meta := make([]docMeta[R], n)
	srcs := make([][]byte, n)
	for d := range n {
		srcs[d] = r.bytes()
	}
	if r.err != nil {
		return bad("%v", r.err)
	}
	// Decoding the records is most of a large load: in parallel.
	errs := make([]error, n)
	ix.forEach(n, func(_ *analyser, d int) {
		if !c.isLive(uint32(d)) || d%4096 == 0 && ctx.Err() != nil {
			return
		}
		var rec R
		if err := json.Unmarshal(srcs[d], &rec); err != nil {
			errs[d] = bad("record %d: %v", d, err)
			return
		}
		if rec.RecordID() != c.ids[d] {
			errs[d] = bad("record %d holds id %q, want %q", d, rec.RecordID(), c.ids[d])
			return
		}
		recs[d], meta[d] = rec, docMeta[R]{sum: sha256.Sum256(srcs[d])}
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for d := range n {
		if c.isLive(uint32(d)) {
			c.byID[c.ids[d]] = uint32(d)
			c.addIndustries(uint32(d), recs[d].RecordIndustries())
			c.nLive++
		}
	}
	if r.err == nil && len(r.b) != 0 {
		return bad("%d bytes after the records", len(r.b))
	}
	if float64(c.nLive) != hdr[5] {
		return bad("%d live records, header says %v", c.nLive, hdr[5])
	}
	if ix.bl != nil {
		dc, err := ix.bl.DocCount()
		if err != nil {
			return fmt.Errorf("index: snapshot %s: bleve document count: %w", path, err)
		}
		if dc != uint64(c.nLive) {
			return bad("%d live records, the bleve index holds %d", c.nLive, dc)
		}
	}
	ix.core, ix.recs, ix.meta = c, recs, meta
	return nil
}

// checkPostings checks the ranges that search indexes with, so that a
// snapshot with a valid checksum but inconsistent content (written by a
// buggy or foreign program) is refused instead of crashing a search.
func checkPostings(s *space, nDocs, nTF int) error {
	var prev uint32
	for t, v := range s.tRun {
		if v < prev || int(v) > len(s.runWin) {
			return fmt.Errorf("term %d: run %d out of order or range", t, v)
		}
		prev = v
	}
	prev = 0
	for r, v := range s.runOff {
		if v < prev || int(v) > len(s.pDoc) {
			return fmt.Errorf("run %d: offset %d out of order or range", r, v)
		}
		prev = v
	}
	if len(s.runOff) > 0 && (s.runOff[0] != 0 || int(s.runOff[len(s.runOff)-1]) != len(s.pDoc)) {
		return errors.New("run offsets do not cover the postings")
	}
	if len(s.tRun) > 0 && (s.tRun[0] != 0 || int(s.tRun[len(s.tRun)-1]) != len(s.runWin)) {
		return errors.New("term runs do not cover the runs")
	}
	for r, win := range s.runWin {
		for p := s.runOff[r]; p < s.runOff[r+1]; p++ {
			if int(win)<<winShift|int(s.pDoc[p]) >= nDocs || int(s.pTF[p]) >= nTF {
				return fmt.Errorf("run %d: posting %d out of range", r, p)
			}
		}
	}
	return nil
}

// load fills a reopened on-disk index: from Config.Snapshot when it is
// set and valid, else by reload (one segmentation of every record); the
// outcome is kept for SnapshotStatus.
func (ix *Index[R]) load(ctx context.Context) error {
	start := time.Now()
	if p := ix.cfg.Snapshot; p != "" {
		err := ix.loadSnapshot(ctx, p)
		if err == nil {
			ix.snap = SnapshotStatus{Used: true, Load: time.Since(start)}
			return nil
		}
		if ctx.Err() != nil {
			return fmt.Errorf("index: snapshot %s: %w", p, ctx.Err())
		}
		ix.core, ix.recs, ix.meta = newCore(ix.cfg.K1, ix.cfg.B), nil, nil
		ix.snap.Reason = err.Error()
		if errors.Is(err, os.ErrNotExist) {
			ix.snap.Reason = "snapshot " + p + " missing"
		}
	}
	err := ix.reload(ctx)
	ix.snap.Load = time.Since(start)
	return err
}

// snapWriter writes length-prefixed little-endian arrays and hashes them.
// The first error sticks.
type snapWriter struct {
	w   io.Writer
	h   hash.Hash
	buf []byte
	err error
}

func (w *snapWriter) raw(b []byte) {
	if w.err != nil {
		return
	}
	w.h.Write(b)
	_, w.err = w.w.Write(b)
}

// flush writes w.buf when it is large (or always with force).
func (w *snapWriter) flush(force bool) {
	if force || len(w.buf) >= 1<<16 {
		w.raw(w.buf)
		w.buf = w.buf[:0]
	}
}

func (w *snapWriter) u64(v uint64) {
	w.buf = binary.LittleEndian.AppendUint64(w.buf, v)
	w.flush(true)
}

func (w *snapWriter) n(n int) { w.buf = binary.LittleEndian.AppendUint64(w.buf, uint64(n)) }

func (w *snapWriter) str(s string) { w.bytes([]byte(s)) }

func (w *snapWriter) bytes(b []byte) {
	w.n(len(b))
	w.flush(true)
	w.raw(b)
}

func (w *snapWriter) strs(ss []string) {
	w.n(len(ss))
	for _, s := range ss {
		w.n(len(s))
		w.buf = append(w.buf, s...)
		w.flush(false)
	}
	w.flush(true)
}

func putSlice[T any](w *snapWriter, vs []T, put func([]byte, T) []byte) {
	w.n(len(vs))
	for _, v := range vs {
		w.buf = put(w.buf, v)
		if len(w.buf) >= 1<<16 {
			w.flush(false)
		}
	}
	w.flush(true)
}

func (w *snapWriter) u8s(vs []uint8) {
	putSlice(w, vs, func(b []byte, v uint8) []byte { return append(b, v) })
}
func (w *snapWriter) u16s(vs []uint16) {
	putSlice(w, vs, binary.LittleEndian.AppendUint16)
}
func (w *snapWriter) u32s(vs []uint32) {
	putSlice(w, vs, binary.LittleEndian.AppendUint32)
}
func (w *snapWriter) u64s(vs []uint64) {
	putSlice(w, vs, binary.LittleEndian.AppendUint64)
}
func (w *snapWriter) f32s(vs []float32) {
	putSlice(w, vs, func(b []byte, v float32) []byte { return binary.LittleEndian.AppendUint32(b, math.Float32bits(v)) })
}
func (w *snapWriter) f64s(vs []float64) {
	putSlice(w, vs, func(b []byte, v float64) []byte { return binary.LittleEndian.AppendUint64(b, math.Float64bits(v)) })
}

// snapReader reads what snapWriter wrote from a byte slice; the first
// error sticks and later reads return zero values.
type snapReader struct {
	b   []byte
	err error
}

func (r *snapReader) raw(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b) {
		r.err = fmt.Errorf("truncated: want %d bytes, %d left", n, len(r.b))
		return nil
	}
	out := r.b[:n:n]
	r.b = r.b[n:]
	return out
}

func (r *snapReader) u64() uint64 {
	b := r.raw(8)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint64(b)
}

// n reads a length of elements of size bytes each and checks it fits.
func (r *snapReader) n(size int) int {
	v := r.u64()
	if r.err == nil && (v > maxSnapSlice || v*uint64(size) > uint64(len(r.b))) {
		r.err = fmt.Errorf("length %d exceeds the %d bytes left", v, len(r.b))
		return 0
	}
	return int(v)
}

func (r *snapReader) bytes() []byte { return r.raw(r.n(1)) }
func (r *snapReader) str() string   { return string(r.bytes()) }

func (r *snapReader) strs() []string {
	n := r.n(8)
	out := make([]string, n)
	for i := range out {
		out[i] = r.str()
	}
	return out
}

func getSlice[T any](r *snapReader, size int, get func([]byte) T) []T {
	n := r.n(size)
	b := r.raw(n * size)
	if b == nil {
		return nil
	}
	out := make([]T, n)
	for i := range out {
		out[i] = get(b[i*size:])
	}
	return out
}

func (r *snapReader) u8s() []uint8 { return getSlice(r, 1, func(b []byte) uint8 { return b[0] }) }
func (r *snapReader) u16s() []uint16 {
	return getSlice(r, 2, binary.LittleEndian.Uint16)
}
func (r *snapReader) u32s() []uint32 {
	return getSlice(r, 4, binary.LittleEndian.Uint32)
}
func (r *snapReader) u64s() []uint64 {
	return getSlice(r, 8, binary.LittleEndian.Uint64)
}
func (r *snapReader) f32s() []float32 {
	return getSlice(r, 4, func(b []byte) float32 { return math.Float32frombits(binary.LittleEndian.Uint32(b)) })
}
func (r *snapReader) f64s() []float64 {
	return getSlice(r, 8, func(b []byte) float64 { return math.Float64frombits(binary.LittleEndian.Uint64(b)) })
}
