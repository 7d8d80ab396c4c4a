// Command gen writes the jieba user dictionary of the knowledge base's
// embedded terms (segment/dict/lexicon_knowledge.txt). Run it with
// "go generate ./rank/knowledge".
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/techmatch/techmatch/rank/knowledge"
)

func main() {
	out := flag.String("o", "lexicon_knowledge.txt", "output file")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	g, err := knowledge.Default()
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := g.WriteLexicon(&b); err != nil {
		return err
	}
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	return nil
}
