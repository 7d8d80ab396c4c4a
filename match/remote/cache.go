package remote

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
	"path/filepath"
	"sync"

	"github.com/gofrs/flock"
)

// DefaultCacheMaxEntries bounds a Cache: one entry per record, so a
// million records of 1024 dimensions take about 4 GiB on disk.
const DefaultCacheMaxEntries = 1_000_000

// maxCacheDims and maxCacheID bound what one cache record may claim, so a
// damaged file cannot make Open allocate without limit.
const (
	maxCacheDims = 1 << 16
	maxCacheID   = 1 << 10
)

// Cache keeps vectors on disk by record id and text hash: a record whose
// text is unchanged is not embedded again, an updated one replaces its
// entry. The file is an append-only log (created 0600 in a 0700
// directory), one record per entry:
//
//	u32 id length | id | u64 text hash | u32 dims | dims × float32 | u32 CRC-32 (IEEE) of the preceding bytes
//
// all little-endian. Open reads it once (O(file size)); a torn or damaged
// tail (a crash during a write) is cut off at the last whole record. When
// the log holds more than twice the live entries plus 1024 it is
// rewritten. At most maxEntries ids are kept; beyond that new ids are
// embedded but not cached. One process at a time: the file is locked
// (ErrCacheLocked).
//
// A Cache is safe for concurrent use.
type Cache struct {
	mu      sync.Mutex
	path    string
	lock    *flock.Flock
	f       *os.File
	w       *bufio.Writer
	m       map[string]cacheEntry
	records int // records in the log, live or not
	max     int
}

type cacheEntry struct {
	hash uint64
	v    []float32
}

// ErrCacheLocked is returned by OpenCache when another Cache holds the
// file.
var ErrCacheLocked = errors.New("remote: vector cache in use by another process")

// OpenCache opens (creating) the cache of one model in dir: the file is
// named after key (the model and dimensions), so that vectors of another
// model are never mixed in. maxEntries ≤ 0 means DefaultCacheMaxEntries.
func OpenCache(dir, key string, maxEntries int) (*Cache, error) {
	if maxEntries <= 0 {
		maxEntries = DefaultCacheMaxEntries
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("remote: cache: %w", err)
	}
	sum := sha256.Sum256([]byte(key))
	path := filepath.Join(dir, "vectors-"+hex.EncodeToString(sum[:8])+".log")
	lk := flock.New(path + ".lock")
	ok, err := lk.TryLock()
	if err != nil {
		return nil, fmt.Errorf("remote: cache %s: %w", path, err)
	}
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrCacheLocked, path)
	}
	c := &Cache{path: path, lock: lk, m: map[string]cacheEntry{}, max: maxEntries}
	if err := c.load(); err != nil {
		_ = lk.Unlock()
		return nil, err
	}
	if c.records > 2*len(c.m)+1024 {
		err = c.compact()
	} else {
		err = c.openAppend()
	}
	if err != nil {
		_ = lk.Unlock()
		return nil, err
	}
	return c, nil
}

// load reads the log, keeping the last entry of each id, and truncates a
// damaged tail.
func (c *Cache) load() error {
	f, err := os.OpenFile(c.path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("remote: cache: %w", err)
	}
	defer f.Close()
	r := bufio.NewReader(f)
	var good int64
	for {
		id, e, n, err := readEntry(r)
		if err != nil {
			break // io.EOF, or a torn/damaged record: cut here
		}
		good += n
		c.records++
		if _, ok := c.m[id]; ok || len(c.m) < c.max {
			c.m[id] = e
		}
	}
	if fi, err := f.Stat(); err == nil && fi.Size() > good {
		if err := f.Truncate(good); err != nil {
			return fmt.Errorf("remote: cache %s: cutting a damaged tail: %w", c.path, err)
		}
	}
	return nil
}

func readEntry(r io.Reader) (string, cacheEntry, int64, error) {
	h := crc32.NewIEEE()
	tr := io.TeeReader(r, h)
	var hdr [4]byte
	if _, err := io.ReadFull(tr, hdr[:]); err != nil {
		return "", cacheEntry{}, 0, err
	}
	idLen := binary.LittleEndian.Uint32(hdr[:])
	if idLen == 0 || idLen > maxCacheID {
		return "", cacheEntry{}, 0, errors.New("bad id length")
	}
	buf := make([]byte, idLen+12)
	if _, err := io.ReadFull(tr, buf); err != nil {
		return "", cacheEntry{}, 0, err
	}
	id := string(buf[:idLen])
	hash := binary.LittleEndian.Uint64(buf[idLen:])
	dims := binary.LittleEndian.Uint32(buf[idLen+8:])
	if dims == 0 || dims > maxCacheDims {
		return "", cacheEntry{}, 0, errors.New("bad dimension")
	}
	vb := make([]byte, 4*dims)
	if _, err := io.ReadFull(tr, vb); err != nil {
		return "", cacheEntry{}, 0, err
	}
	want := h.Sum32()
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return "", cacheEntry{}, 0, err
	}
	if binary.LittleEndian.Uint32(hdr[:]) != want {
		return "", cacheEntry{}, 0, errors.New("checksum")
	}
	v := make([]float32, dims)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(vb[4*i:]))
	}
	return id, cacheEntry{hash: hash, v: v}, int64(4 + len(buf) + len(vb) + 4), nil
}

func appendEntry(w io.Writer, id string, e cacheEntry) error {
	b := make([]byte, 0, 4+len(id)+12+4*len(e.v)+4)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(id)))
	b = append(b, id...)
	b = binary.LittleEndian.AppendUint64(b, e.hash)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(e.v)))
	for _, x := range e.v {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(x))
	}
	b = binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
	_, err := w.Write(b)
	return err
}

func (c *Cache) openAppend() error {
	f, err := os.OpenFile(c.path, os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("remote: cache: %w", err)
	}
	c.f, c.w = f, bufio.NewWriter(f)
	return nil
}

// compact rewrites the log with the live entries only (temp file,
// rename). Caller holds mu or owns c.
func (c *Cache) compact() error {
	if c.f != nil {
		if err := c.closeFile(); err != nil {
			return err
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.path), ".vectors-*.tmp")
	if err != nil {
		return fmt.Errorf("remote: cache: %w", err)
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	for id, e := range c.m {
		if err := appendEntry(w, id, e); err != nil {
			tmp.Close()
			return fmt.Errorf("remote: cache: %w", err)
		}
	}
	if err := errors.Join(w.Flush(), tmp.Sync(), tmp.Close()); err != nil {
		return fmt.Errorf("remote: cache: %w", err)
	}
	if err := os.Rename(tmp.Name(), c.path); err != nil {
		return fmt.Errorf("remote: cache: %w", err)
	}
	c.records = len(c.m)
	return c.openAppend()
}

// Get returns the vector of id when it was cached for this text hash.
func (c *Cache) Get(id string, hash uint64) ([]float32, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[id]
	if !ok || e.hash != hash {
		return nil, false
	}
	return e.v, true
}

// Put caches v for id and text hash, replacing the id's earlier entry
// (dropped silently when the cache is full and id is new, or when id or
// v are beyond the format's bounds). The entry reaches the file by the
// next Flush or Close.
func (c *Cache) Put(id string, hash uint64, v []float32) error {
	if len(id) == 0 || len(id) > maxCacheID || len(v) == 0 || len(v) > maxCacheDims {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.w == nil {
		return errors.New("remote: cache closed")
	}
	if _, ok := c.m[id]; !ok && len(c.m) >= c.max {
		return nil
	}
	e := cacheEntry{hash: hash, v: v}
	c.m[id] = e
	c.records++
	if err := appendEntry(c.w, id, e); err != nil {
		return fmt.Errorf("remote: cache: %w", err)
	}
	if c.records > 2*len(c.m)+1024 {
		return c.compact()
	}
	return nil
}

// Len returns the number of cached ids.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}

// Flush writes buffered entries to the file.
func (c *Cache) Flush() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.w == nil {
		return nil
	}
	return c.w.Flush()
}

func (c *Cache) closeFile() error {
	err := errors.Join(c.w.Flush(), c.f.Close())
	c.f, c.w = nil, nil
	return err
}

// Close flushes and closes the file and releases the lock; idempotent.
func (c *Cache) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lock == nil {
		return nil
	}
	var err error
	if c.f != nil {
		err = c.closeFile()
	}
	err = errors.Join(err, c.lock.Unlock())
	c.lock = nil
	return err
}

// textHash is the cache key of a text.
func textHash(s string) uint64 {
	sum := sha256.Sum256([]byte(s))
	return binary.LittleEndian.Uint64(sum[:8])
}
