package segment

import (
	"bytes"
	"encoding/hex"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/yanyiwu/gojieba"
)

// forgetMaterialised drops the per-process memory of verified cache
// directories, as a new process would start.
func forgetMaterialised() {
	materialised.Lock()
	clear(materialised.ok)
	materialised.Unlock()
}

// TestEmbeddedDicts: the embedded files decompress to what SHA256SUMS
// says, pass the dictionary checks, and are gojieba v1.4.6's files.
func TestEmbeddedDicts(t *testing.T) {
	m, err := embeddedManifest()
	require.NoError(t, err)
	assert.Len(t, m.id, 12, "manifest id")
	for _, name := range dictFiles {
		data, err := embeddedDict(m, name) // checks sum and content
		require.NoError(t, err, "embedded %s", name)
		orig, err := os.ReadFile(filepath.Join(gojieba.DICT_DIR, name))
		if err != nil {
			t.Logf("gojieba's own %s is not available to compare: %v", name, err)
			continue
		}
		assert.True(t, bytes.Equal(orig, data), "embedded %s differs from gojieba's", name)
	}
}

func TestParseManifest(t *testing.T) {
	m, err := embeddedManifest()
	require.NoError(t, err)
	var good strings.Builder
	for _, name := range dictFiles {
		sum := m.sums[name]
		good.WriteString(hex.EncodeToString(sum[:]) + "  " + name + "\n")
	}
	_, err = parseManifest([]byte(good.String()))
	require.NoError(t, err)
	tests := map[string]string{
		"missing file": strings.Join(strings.SplitAfter(good.String(), "\n")[1:], ""),
		"extra file":   good.String() + strings.Repeat("0", 64) + "  other.utf8\n",
		"short sum":    "abcd  jieba.dict.utf8\n" + good.String(),
		"bad hex":      strings.Repeat("zz", 32) + "  jieba.dict.utf8\n",
	}
	for name, text := range tests {
		_, err := parseManifest([]byte(text))
		assert.Error(t, err, "parseManifest(%s): got nil error", name)
	}
}

// TestEmbeddedDictDir: the dictionaries are written once into
// <CacheDir>/jieba-<id>/, private, and a segmenter built from them works.
func TestEmbeddedDictDir(t *testing.T) {
	m, err := embeddedManifest()
	require.NoError(t, err)
	cache := filepath.Join(t.TempDir(), "new", "cache") // created as needed
	dir, err := embeddedDictDir(cache)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(cache, "jieba-"+m.id), dir)
	assertDictDir(t, dir, m)
	entries, err := os.ReadDir(cache)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "only jieba-<id> is left in the cache: %v", entries)

	assertSegmenterFrom(t, Config{CacheDir: cache, NoLexicon: true}, dir)
}

// assertSegmenterFrom builds a segmenter from cfg and checks that it reads
// its dictionaries from dir and cuts and weighs with them.
func assertSegmenterFrom(t *testing.T, cfg Config, dir string) {
	t.Helper()
	s, err := New(cfg)
	require.NoError(t, err)
	defer s.Close()
	assert.Equal(t, dir, s.DictDir())
	got, err := s.AppendTerms(nil, "我来到北京清华大学", ModePrecise)
	require.NoError(t, err)
	assert.Equal(t, []string{"来到", "北京", "清华大学"}, got)
	kws, err := s.Keywords("清华大学的计算机系", 1)
	require.NoError(t, err)
	assert.Len(t, kws, 1, "Keywords reads idf.utf8 from %s", dir)
}

// assertDictDir checks dir holds the verified files, 0700/0600.
func assertDictDir(t *testing.T, dir string, m *jiebaManifest) {
	t.Helper()
	fi, err := os.Stat(dir)
	require.NoError(t, err)
	if runtime.GOOS != "windows" {
		assert.Equal(t, os.FileMode(0o700), fi.Mode().Perm(), "mode of %s", dir)
	}
	for _, name := range dictFiles {
		p := filepath.Join(dir, name)
		fi, err := os.Stat(p)
		require.NoError(t, err)
		if runtime.GOOS != "windows" {
			assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "mode of %s", p)
		}
		assert.True(t, fileHasSum(p, m.sums[name]), "%s does not match SHA256SUMS", p)
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, len(dictFiles), "no temporary files left in %s: %v", dir, entries)
}

// TestEmbeddedDictDirRepairs: a truncated, corrupted (same size) or
// missing cached file is rewritten by the next process, never used.
func TestEmbeddedDictDirRepairs(t *testing.T) {
	m, err := embeddedManifest()
	require.NoError(t, err)
	cache := t.TempDir()
	dir, err := embeddedDictDir(cache)
	require.NoError(t, err)

	main := filepath.Join(dir, "jieba.dict.utf8")
	data, err := os.ReadFile(main)
	require.NoError(t, err)
	bad := bytes.Clone(data)
	copy(bad[len(bad)/2:], "坏") // same size, different bytes
	require.NoError(t, os.WriteFile(main, bad, 0o600))
	require.NoError(t, os.Truncate(filepath.Join(dir, "idf.utf8"), 1000))
	require.NoError(t, os.Remove(filepath.Join(dir, "hmm_model.utf8")))

	again, err := embeddedDictDir(cache) // files changed: verified again
	require.NoError(t, err)
	require.Equal(t, dir, again)
	assertDictDir(t, dir, m)

	// Same size and modification time: only a new process would see it.
	fi, err := os.Stat(main)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(main, bad, 0o600))
	require.NoError(t, os.Chtimes(main, fi.ModTime(), fi.ModTime()))
	_, err = embeddedDictDir(cache)
	require.NoError(t, err)
	assert.False(t, fileHasSum(main, m.sums["jieba.dict.utf8"]), "within a process, unchanged stamps are trusted")
	forgetMaterialised() // a new process
	_, err = embeddedDictDir(cache)
	require.NoError(t, err)
	assertDictDir(t, dir, m)
}

// TestEmbeddedDictDirRace: writers racing for one cache directory (as
// processes would: the per-process lock is bypassed) all succeed and
// leave one complete directory.
func TestEmbeddedDictDirRace(t *testing.T) {
	m, err := embeddedManifest()
	require.NoError(t, err)
	for round := 0; round < 2; round++ {
		root := t.TempDir()
		dir := filepath.Join(root, "jieba-"+m.id)
		var wg sync.WaitGroup
		errs := make([]error, 3)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = installDicts(root, dir, m)
			}()
		}
		wg.Wait()
		for i, err := range errs {
			assert.NoError(t, err, "round %d writer %d", round, i)
		}
		assertDictDir(t, dir, m)
		entries, err := os.ReadDir(root)
		require.NoError(t, err)
		assert.Len(t, entries, 1, "round %d: temporary directories left: %v", round, entries)
	}
}

// TestCacheRootFallback: without a user cache directory the dictionaries
// go to a private directory under os.TempDir, which must be private.
func TestCacheRootFallback(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("os.UserCacheDir's variables differ outside Linux")
	}
	tmp := t.TempDir()
	t.Setenv("HOME", "")
	t.Setenv("XDG_CACHE_HOME", "")
	t.Setenv("TMPDIR", tmp)
	root, err := cacheRoot("")
	require.NoError(t, err)
	want := filepath.Join(tmp, "techmatch-"+strconv.Itoa(os.Getuid()))
	assert.Equal(t, want, root)
	fi, err := os.Stat(root)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), fi.Mode().Perm())

	require.NoError(t, os.Chmod(root, 0o755))
	_, err = cacheRoot("")
	require.Error(t, err, "a fallback directory others can read: got nil error")
	assert.Contains(t, err.Error(), "Config.CacheDir")

	require.NoError(t, os.Remove(root))
	require.NoError(t, os.Symlink(t.TempDir(), root))
	_, err = cacheRoot("")
	require.Error(t, err, "a symbolic link as fallback directory: got nil error")

	t.Setenv("XDG_CACHE_HOME", filepath.Join(tmp, "xdg"))
	root, err = cacheRoot("")
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(tmp, "xdg", "techmatch"), root, "the user cache directory comes first")
}

// TestDictDirOrder: Config.DictDir, then TECHMATCH_JIEBA_DICT, then the
// embedded copy.
func TestDictDirOrder(t *testing.T) {
	m, err := embeddedManifest()
	require.NoError(t, err)
	cache := t.TempDir()
	embedded := filepath.Join(cache, "jieba-"+m.id)
	a, b := t.TempDir(), t.TempDir()

	t.Setenv(EnvDictDir, "")
	dir, isEmbedded, err := resolveDictDir(Config{CacheDir: cache})
	require.NoError(t, err)
	assert.Equal(t, embedded, dir)
	assert.True(t, isEmbedded)

	t.Setenv(EnvDictDir, b)
	dir, isEmbedded, err = resolveDictDir(Config{CacheDir: cache})
	require.NoError(t, err)
	assert.Equal(t, b, dir)
	assert.False(t, isEmbedded)

	dir, _, err = resolveDictDir(Config{CacheDir: cache, DictDir: a})
	require.NoError(t, err)
	assert.Equal(t, a, dir)
}

// TestCheckedOncePerFileVersion: a DictDir file is checked again only
// when its size or modification time changes.
func TestCheckedOncePerFileVersion(t *testing.T) {
	dir := writeMiniDicts(t, "", "", "")
	p := filepath.Join(dir, "idf.utf8")
	require.NoError(t, checkJiebaFileOnce(p, "idf.utf8"))
	require.NoError(t, os.WriteFile(p, []byte("中国 x.2\n北京 6.1\n"), 0o600)) // same size
	fi, err := os.Stat(p)
	require.NoError(t, err)
	require.NoError(t, os.Chtimes(p, fi.ModTime(), fi.ModTime().Add(-3600e9)))
	assert.Error(t, checkJiebaFileOnce(p, "idf.utf8"), "a changed file is checked again")
}

// BenchmarkEmbeddedDictDir measures what a new process pays to use the
// cached dictionaries: verifying the five files against SHA256SUMS.
func BenchmarkEmbeddedDictDir(b *testing.B) {
	cache := b.TempDir()
	if _, err := embeddedDictDir(cache); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		forgetMaterialised()
		if _, err := embeddedDictDir(cache); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(embeddedSize(b))
}

func embeddedSize(tb testing.TB) int64 {
	n := int64(0)
	for _, name := range dictFiles {
		n += int64(len(bundled(tb, name)))
	}
	return n
}

// bundledCache holds the embedded dictionaries, uncompressed, for tests.
var bundledCache struct {
	sync.Mutex
	m map[string][]byte
}

// bundled returns the embedded dictionary file name, uncompressed and
// checked by embeddedDict once per test process. Callers must not modify
// it.
func bundled(tb testing.TB, name string) []byte {
	tb.Helper()
	bundledCache.Lock()
	defer bundledCache.Unlock()
	if b, ok := bundledCache.m[name]; ok {
		return b
	}
	m, err := embeddedManifest()
	require.NoError(tb, err)
	b, err := embeddedDict(m, name)
	require.NoError(tb, err)
	if bundledCache.m == nil {
		bundledCache.m = map[string][]byte{}
	}
	bundledCache.m[name] = b
	return b
}
