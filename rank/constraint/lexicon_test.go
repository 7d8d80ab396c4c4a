package constraint

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLexiconClean keeps the embedded lexicon free of malformed lines (at
// run time they would be skipped silently).
func TestLexiconClean(t *testing.T) {
	l, errs := parseLexicon(lexiconData)
	require.Empty(t, errs, "data/lexicon.tsv has malformed lines")
	assert.NotEmpty(t, l.groupTerms)
	assert.NotEmpty(t, l.subjects)
	assert.NotEmpty(t, l.kinds)
	assert.True(t, l.element["铅"])
	assert.Equal(t, "life", l.subjectClass["使用寿命"])
}

func TestLexiconErrors(t *testing.T) {
	data := "# comment\nsame\ta|b\nbogus\tx\nsame\tb|c\nkind\tk\tmaybe\tx\nnarrower\ta\n\nsubject\tc1\tx\nsubject\tc2\tx\n"
	_, errs := parseLexicon(data)
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := []string{
		`data/lexicon.tsv:3: unknown statement "bogus"`,
		`data/lexicon.tsv:4: term "b" is already in a same line`,
		`data/lexicon.tsv:5: kind k: want meta or concept, have "maybe"`,
		`data/lexicon.tsv:6: narrower wants 3 fields, has 2`,
		`data/lexicon.tsv:9: subject "x" is in classes c1 and c2`,
	}
	assert.Equal(t, want, got)
}
