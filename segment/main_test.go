package segment

import (
	"fmt"
	"os"
	"testing"
)

// seg is the Segmenter shared by the package's tests (each costs ~0.4 s
// and ~130 MB).
var seg *Segmenter

// curatedLexicon are this package's hand-written lexicon files.
var curatedLexicon = []string{
	"dict/lexicon_auto.txt", "dict/lexicon_equipment.txt", "dict/lexicon_biomed.txt",
	"dict/lexicon_materials.txt", "dict/lexicon_other.txt",
}

func TestMain(m *testing.M) {
	if dir := os.Getenv(envLoadJieba); dir != "" {
		loadJiebaAndExit(dir)
	}
	var err error
	// The curated lexicon files only: lexicon_knowledge.txt is generated
	// by another package and would make exact cuts depend on its content.
	seg, err = New(Config{Name: "test-shared", NoLexicon: true, UserDicts: curatedLexicon})
	if err != nil {
		fmt.Fprintln(os.Stderr, "segment tests: New:", err)
		os.Exit(1)
	}
	code := m.Run()
	seg.Close()
	if alt.s != nil {
		alt.s.Close()
	}
	os.Exit(code)
}
