package probe

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/techmatch/techmatch/rank/constraint"
	"github.com/techmatch/techmatch/rank/knowledge"
)

func TestExcl(t *testing.T) {
	kb, _ := knowledge.Default()
	fh, _ := os.Open(os.Getenv("DIR") + "/needs.jsonl")
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r struct {
			ID, Title, Description string
		}
		json.Unmarshal(sc.Bytes(), &r)
		if !strings.HasPrefix(r.ID, os.Getenv("PREFIX")) {
			continue
		}
		var parts []string
		for _, e := range constraint.Exclusions(r.Title+"\n"+r.Description, kb) {
			parts = append(parts, e.Kind.String()+":"+e.String())
		}
		fmt.Println(r.ID, parts)
	}
}
