package segment

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// jiebaFS holds cppjieba's five dictionary files as shipped in gojieba
// v1.4.6, gzip-compressed (4.2 MB instead of 11.6 MB in the repository
// and the binary; see dict/jieba/README.md), and SHA256SUMS, the SHA-256
// of each uncompressed file.
//
//go:embed dict/jieba/*.gz dict/jieba/SHA256SUMS
var jiebaFS embed.FS

const jiebaFSDir = "dict/jieba"

// cacheSubdir is the directory under os.UserCacheDir() that holds the
// materialised dictionaries by default.
const cacheSubdir = "techmatch"

// jiebaManifest is the parsed SHA256SUMS of the embedded dictionaries.
type jiebaManifest struct {
	sums map[string][sha256.Size]byte // by file name
	// id is the first 12 hex digits of the SHA-256 of SHA256SUMS itself:
	// the materialised directory is named jieba-<id>, so dictionaries of
	// another build never mix with these.
	id string
}

var manifestOnce struct {
	sync.Once
	m   *jiebaManifest
	err error
}

// embeddedManifest parses SHA256SUMS once per process.
func embeddedManifest() (*jiebaManifest, error) {
	manifestOnce.Do(func() {
		b, err := jiebaFS.ReadFile(jiebaFSDir + "/SHA256SUMS")
		if err != nil {
			manifestOnce.err = fmt.Errorf("segment: embedded jieba dictionaries: %w", err)
			return
		}
		manifestOnce.m, manifestOnce.err = parseManifest(b)
	})
	return manifestOnce.m, manifestOnce.err
}

// parseManifest parses sha256sum output (`<64 hex>  <name>` per line),
// which must list exactly the files of dictFiles.
func parseManifest(b []byte) (*jiebaManifest, error) {
	m := &jiebaManifest{sums: map[string][sha256.Size]byte{}}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		var sum [sha256.Size]byte
		if len(f) != 2 || hex.DecodedLen(len(f[0])) != sha256.Size {
			return nil, fmt.Errorf("segment: embedded %s/SHA256SUMS:%d: want `sha256  name`", jiebaFSDir, n)
		}
		if _, err := hex.Decode(sum[:], []byte(f[0])); err != nil {
			return nil, fmt.Errorf("segment: embedded %s/SHA256SUMS:%d: %w", jiebaFSDir, n, err)
		}
		m.sums[f[1]] = sum
	}
	for _, name := range dictFiles {
		if _, ok := m.sums[name]; !ok {
			return nil, fmt.Errorf("segment: embedded %s/SHA256SUMS lacks %s", jiebaFSDir, name)
		}
	}
	if len(m.sums) != len(dictFiles) {
		return nil, fmt.Errorf("segment: embedded %s/SHA256SUMS lists %d files, want %d", jiebaFSDir, len(m.sums), len(dictFiles))
	}
	id := sha256.Sum256(b)
	m.id = hex.EncodeToString(id[:6])
	return m, nil
}

// embeddedDict returns the uncompressed embedded dictionary file name,
// checked against its SHA-256 and by checkJiebaData.
func embeddedDict(m *jiebaManifest, name string) ([]byte, error) {
	src := jiebaFSDir + "/" + name + ".gz"
	f, err := jiebaFS.Open(src)
	if err != nil {
		return nil, fmt.Errorf("segment: embedded jieba dictionary %s: %w", src, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("segment: embedded jieba dictionary %s: %w", src, err)
	}
	data, err := io.ReadAll(io.LimitReader(zr, maxDictFile+1))
	if err != nil {
		return nil, fmt.Errorf("segment: embedded jieba dictionary %s: %w", src, err)
	}
	if sha256.Sum256(data) != m.sums[name] {
		return nil, fmt.Errorf("segment: embedded jieba dictionary %s does not match SHA256SUMS", src)
	}
	if err := checkJiebaData(src, name, data); err != nil {
		return nil, err
	}
	return data, nil
}

// materialised remembers, per process, the directories already verified
// (or written) by embeddedDictDir, with each file's size and modification
// time then; its lock serialises the work.
var materialised = struct {
	sync.Mutex
	ok map[string][]fileStamp // dictFiles' stamps, in order
}{ok: map[string][]fileStamp{}}

// dirStamps returns the stamps of dictFiles in dir, nil if one is missing.
func dirStamps(dir string) []fileStamp {
	out := make([]fileStamp, len(dictFiles))
	for i, name := range dictFiles {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil || !fi.Mode().IsRegular() {
			return nil
		}
		out[i] = fileStamp{fi.Size(), fi.ModTime()}
	}
	return out
}

// sameStamps reports whether a and b are the same non-nil stamps.
func sameStamps(a, b []fileStamp) bool {
	if a == nil || len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].size != b[i].size || !a[i].mtime.Equal(b[i].mtime) {
			return false
		}
	}
	return true
}

// embeddedDictDir returns a directory holding the embedded dictionaries,
// writing them on first use: <root>/jieba-<id>/, root being cacheDir or,
// when empty, os.UserCacheDir()/techmatch (see cacheRoot).
//
// The directory is created 0700 with files 0600, written atomically: all
// files go to a temporary directory in root, are synced, and the
// directory is renamed into place; a process that loses the race to
// another uses the winner's directory. An existing directory is verified
// file by file against SHA256SUMS once per process (hashing 11.6 MB,
// ~15 ms), and again when a later call finds a file missing or with
// another size or modification time (a stat per file); a missing,
// truncated or corrupted file is rewritten (temporary file, sync, rename
// over it), never used. The embedded content is checked
// by checkJiebaData when it is written; afterwards the checksum vouches
// for it.
func embeddedDictDir(cacheDir string) (string, error) {
	m, err := embeddedManifest()
	if err != nil {
		return "", err
	}
	root, err := cacheRoot(cacheDir)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(root, "jieba-"+m.id)
	materialised.Lock()
	defer materialised.Unlock()
	if prev, ok := materialised.ok[dir]; ok && sameStamps(dirStamps(dir), prev) {
		return dir, nil // verified before, and no file was replaced since
	}
	if strings.ContainsAny(dir, "|;") {
		return "", fmt.Errorf("segment: jieba dictionary cache %s contains '|' or ';', which cppjieba reads as a list separator: set Config.CacheDir or %s", dir, EnvDictDir)
	}
	if err := installDicts(root, dir, m); err != nil {
		return "", err
	}
	materialised.ok[dir] = dirStamps(dir)
	return dir, nil
}

// cacheRoot returns the directory under which jieba-<id>/ lives:
// cacheDir when set (created if missing); else os.UserCacheDir()/techmatch;
// else, when there is no user cache directory (no $HOME nor
// $XDG_CACHE_HOME), os.TempDir()/techmatch-<uid>, which must then be a
// directory of this user that nobody else can write (checked, as /tmp is
// shared).
func cacheRoot(cacheDir string) (string, error) {
	if cacheDir != "" {
		if err := os.MkdirAll(cacheDir, 0o700); err != nil {
			return "", fmt.Errorf("segment: Config.CacheDir: %w", err)
		}
		return cacheDir, nil
	}
	if uc, err := os.UserCacheDir(); err == nil {
		root := filepath.Join(uc, cacheSubdir)
		if err := os.MkdirAll(root, 0o700); err != nil {
			return "", fmt.Errorf("segment: jieba dictionary cache (set Config.CacheDir or %s): %w", EnvDictDir, err)
		}
		return root, nil
	}
	root := filepath.Join(os.TempDir(), fmt.Sprintf("%s-%d", cacheSubdir, os.Getuid()))
	if err := os.Mkdir(root, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("segment: jieba dictionary cache: no user cache directory, and %w (set Config.CacheDir or %s)", err, EnvDictDir)
	}
	fi, err := os.Lstat(root)
	if err != nil {
		return "", fmt.Errorf("segment: jieba dictionary cache: %w", err)
	}
	if !privateDir(fi) {
		return "", fmt.Errorf("segment: jieba dictionary cache: no user cache directory, and the fallback %s is not a private directory of this user (mode %v): set Config.CacheDir or %s", root, fi.Mode(), EnvDictDir)
	}
	return root, nil
}

// installDicts makes dir hold verified copies of the embedded files.
func installDicts(root, dir string, m *jiebaManifest) error {
	for attempt := 0; ; attempt++ {
		fi, err := os.Lstat(dir)
		switch {
		case err == nil && fi.IsDir():
			return repairDicts(dir, m)
		case err == nil:
			return fmt.Errorf("segment: jieba dictionary cache %s exists and is not a directory", dir)
		case !errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("segment: jieba dictionary cache: %w", err)
		case attempt > 0:
			return fmt.Errorf("segment: jieba dictionary cache %s vanished while it was being written", dir)
		}
		won, err := writeDictDir(root, dir, m)
		if err != nil || won {
			return err
		}
		// Another process renamed its directory into place first: verify it.
	}
}

// writeDictDir writes all files into a temporary directory in root and
// renames it to dir. won is false when dir appeared meanwhile (another
// process won the race); the temporary directory is then removed.
func writeDictDir(root, dir string, m *jiebaManifest) (won bool, err error) {
	tmp, err := os.MkdirTemp(root, ".jieba-tmp-") // 0700
	if err != nil {
		return false, fmt.Errorf("segment: jieba dictionary cache: %w", err)
	}
	defer os.RemoveAll(tmp) // nothing left to remove after the rename
	for _, name := range dictFiles {
		data, err := embeddedDict(m, name)
		if err != nil {
			return false, err
		}
		if err := writeSynced(filepath.Join(tmp, name), data); err != nil {
			return false, err
		}
	}
	if err := syncDir(tmp); err != nil {
		return false, err
	}
	if err := os.Rename(tmp, dir); err != nil {
		if _, serr := os.Lstat(dir); serr == nil {
			return false, nil
		}
		return false, fmt.Errorf("segment: jieba dictionary cache: %w", err)
	}
	return true, syncDir(root)
}

// repairDicts verifies every file of dir against the manifest and
// rewrites the ones that differ.
func repairDicts(dir string, m *jiebaManifest) error {
	for _, name := range dictFiles {
		p := filepath.Join(dir, name)
		if fileHasSum(p, m.sums[name]) {
			continue
		}
		data, err := embeddedDict(m, name)
		if err != nil {
			return err
		}
		f, err := os.CreateTemp(dir, "."+name+".tmp-*") // 0600
		if err != nil {
			return fmt.Errorf("segment: jieba dictionary cache: %w", err)
		}
		tmp := f.Name()
		_, werr := f.Write(data)
		if werr == nil {
			werr = f.Sync()
		}
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr == nil {
			werr = os.Rename(tmp, p)
		}
		if werr != nil {
			os.Remove(tmp)
			return fmt.Errorf("segment: jieba dictionary cache: rewriting %s: %w", p, werr)
		}
		if err := syncDir(dir); err != nil {
			return err
		}
	}
	return nil
}

// fileHasSum reports whether path is a regular file with SHA-256 sum.
func fileHasSum(path string, sum [sha256.Size]byte) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return false
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return false
	}
	return bytes.Equal(h.Sum(nil), sum[:])
}

// writeSynced creates path (0600, must not exist), writes data and syncs.
func writeSynced(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("segment: jieba dictionary cache: %w", err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("segment: jieba dictionary cache: writing %s: %w", path, err)
	}
	return nil
}

// syncDir flushes a directory's entries (renames) to disk. Platforms that
// cannot sync a directory (Windows) are not an error.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("segment: jieba dictionary cache: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) && !errors.Is(err, os.ErrInvalid) {
		return syncDirError(dir, err)
	}
	return nil
}
