package segment

/*
#include <stdlib.h>
#include <stddef.h>

// tmWord and Tokenize are gojieba's own C API (jieba.h of
// github.com/yanyiwu/gojieba v1.4.6: typedef struct { size_t offset;
// size_t len; } Word; Word* Tokenize(Jieba, const char*, TokenizeMode,
// int)). The function is compiled and linked by the gojieba package, which
// this package imports; it is only declared here, under the same C ABI
// (TokenizeMode is a C enum, passed as int).
typedef struct {
	size_t offset;
	size_t len;
} tmWord;

extern tmWord* Tokenize(void* handle, const char* sentence, int mode, int is_hmm_used);
*/
import "C"

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"unsafe"

	"github.com/yanyiwu/gojieba"
)

// Why this file exists: gojieba's Go wrapper (Jieba.Tokenize) copies the
// text with C.CString and converts jieba's offsets into a []gojieba.Word
// grown by append from zero capacity, one string header per word — about
// 7% of a search-mode cut and most of its garbage (BenchmarkTokenizeVsRaw,
// see bench_test.go). cutC calls the same C function directly, passes a
// pooled NUL-terminated copy of the text and appends plain offset pairs to
// a reused slice. The words are the very ones Jieba.Tokenize returns;
// newSegmenter checks that on a probe text and falls back to the wrapper
// if they ever differ (see directHandle).

// jiebaLayout mirrors gojieba.Jieba: { jieba C.Jieba; freed int32 }.
type jiebaLayout struct {
	handle unsafe.Pointer
	freed  int32
}

// gojiebaModule and gojiebaVersion name the one gojieba release whose
// layout and C API this file mirrors.
const (
	gojiebaModule  = "github.com/yanyiwu/gojieba"
	gojiebaVersion = "v1.4.6"
)

// knownGojieba reports whether the binary was built with gojiebaVersion
// (or the build records no module versions, as with a GOPATH or
// replace-free local build of this module, where go.mod pins it). Another
// version — a replace directive or a newer require in the embedding
// program — never reaches the unsafe path: a struct of the same size but
// another layout would hand C a garbage pointer before the probe texts
// could tell.
func knownGojieba() bool {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return true
	}
	for _, m := range info.Deps {
		if m.Path == gojiebaModule {
			if m.Replace != nil {
				return false
			}
			return m.Version == gojiebaVersion
		}
	}
	return true
}

// jiebaHandle returns the C handle inside jb, or nil when gojieba is not
// the release this file mirrors or gojieba.Jieba does not have the
// expected layout.
func jiebaHandle(jb *gojieba.Jieba) unsafe.Pointer {
	if jb == nil || !knownGojieba() || unsafe.Sizeof(*jb) != unsafe.Sizeof(jiebaLayout{}) || unsafe.Alignof(*jb) != unsafe.Alignof(jiebaLayout{}) {
		return nil
	}
	return (*jiebaLayout)(unsafe.Pointer(jb)).handle
}

// probeTexts exercise both modes, HMM words, ASCII, full-width
// punctuation and user words; directHandle compares them word for word.
var probeTexts = []string{
	"我来到北京清华大学，研究ncm811正极材料与碳纤维增强复合材料的制备方法。",
	"本发明公开了一种基于3d打印的ti-6al-4v钛合金骨科植入物，b超引导下微创手术；欢迎洽谈合作！",
	"abc def 123",
	"中",
}

// directHandle returns the handle cutC may use for jb, or nil when the
// direct call does not give exactly Jieba.Tokenize's words on the probe
// texts (then the segmenter uses the wrapper).
func directHandle(jb *gojieba.Jieba, hmm bool) unsafe.Pointer {
	h := jiebaHandle(jb)
	if h == nil {
		return nil
	}
	var got []span
	var buf []byte
	for _, text := range probeTexts {
		for _, search := range []bool{false, true} {
			var err error
			got, buf, err = cutC(jb, h, text, search, hmm, got[:0], buf)
			if err != nil {
				return nil
			}
			want, err := cutWrapper(jb, text, search, hmm, nil)
			if err != nil || len(got) != len(want) {
				return nil
			}
			for i := range got {
				if got[i] != want[i] {
					return nil
				}
			}
		}
	}
	return h
}

// cutC appends to dst the byte spans of jieba's words for text (precise
// or search mode), calling gojieba's C function directly; buf is scratch
// for the NUL-terminated copy and is returned for reuse. text must not
// contain NUL (normalised text never does: NUL becomes ' '; a NUL is an
// error rather than a silent truncation) and must be at most maxJiebaCall
// bytes (jiebaCut hands it chunks of at most maxJiebaText). jb must not
// be freed during the call (the caller holds the segmenter's read lock).
func cutC(jb *gojieba.Jieba, h unsafe.Pointer, text string, search, hmm bool, dst []span, buf []byte) ([]span, []byte, error) {
	if text == "" {
		return dst, buf, nil
	}
	if len(text) > maxJiebaCall {
		return dst, buf, errTooLong(len(text))
	}
	if i := strings.IndexByte(text, 0); i >= 0 {
		// C would stop there; Normalize never leaves a NUL.
		return dst, buf, fmt.Errorf("segment: NUL byte at offset %d of the text for jieba", i)
	}
	buf = append(buf[:0], text...)
	buf = append(buf, 0)
	var mode, useHMM C.int
	if search {
		mode = 1 // gojieba.SearchMode
	}
	if hmm {
		useHMM = 1
	}
	w := C.Tokenize(h, (*C.char)(unsafe.Pointer(unsafe.SliceData(buf))), mode, useHMM)
	runtime.KeepAlive(jb) // gojieba frees the handle in jb's finalizer
	if w == nil {
		return dst, buf, fmt.Errorf("segment: jieba returned no words for a %d-byte text", len(text))
	}
	defer C.free(unsafe.Pointer(w))
	var err error
	for p := w; p.len != 0; p = (*C.tmWord)(unsafe.Add(unsafe.Pointer(p), unsafe.Sizeof(*p))) {
		st, n := uint64(p.offset), uint64(p.len)
		if st > uint64(len(text)) || n > uint64(len(text))-st {
			err = fmt.Errorf("segment: jieba word at byte %d (+%d) is outside the %d-byte text", st, n, len(text))
			break
		}
		dst = append(dst, span{int(st), int(st + n)})
	}
	return dst, buf, err
}

// cutWrapper is cutC through gojieba's Go wrapper: the fallback.
func cutWrapper(jb *gojieba.Jieba, text string, search, hmm bool, dst []span) ([]span, error) {
	if len(text) > maxJiebaCall {
		return dst, errTooLong(len(text))
	}
	jm := gojieba.DefaultMode
	if search {
		jm = gojieba.SearchMode
	}
	for _, w := range jb.Tokenize(text, jm, hmm) {
		dst = append(dst, span{w.Start, w.End})
	}
	return dst, nil
}

// errTooLong is the error for a text above maxJiebaCall handed to cutC or
// cutWrapper (jiebaCut never does that).
func errTooLong(n int) error {
	return fmt.Errorf("segment: a %d-byte text for one jieba call, more than the %d allowed", n, maxJiebaCall)
}
