package probe

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/techmatch/techmatch/rank/intent"
)

func TestProbe(t *testing.T) {
	c, _ := intent.Default()
	for _, f := range []string{"needs", "achievements"} {
		fh, _ := os.Open(os.Getenv("DIR") + "/" + f + ".jsonl")
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var r struct {
				ID, Title, Description string
				Keywords               []string
			}
			json.Unmarshal(sc.Bytes(), &r)
			if os.Getenv("IDS") != "" && !contains(os.Getenv("IDS"), r.ID) {
				continue
			}
			tx := intent.Text{Title: r.Title, Description: r.Description, Keywords: r.Keywords}
			if f == "needs" {
				res := c.Need(tx)
				fmt.Println(r.ID, res.Kind, fmt.Sprintf("%.2f", res.Confidence), res.RunnerUp, fmt.Sprintf("%.2f", res.RunnerUpConfidence), r.Title)
			} else {
				res := c.Achievement(tx)
				fmt.Println(r.ID, res.Kind, fmt.Sprintf("%.2f", res.Confidence), res.RunnerUp, fmt.Sprintf("%.2f", res.RunnerUpConfidence), r.Title)
			}
		}
	}
}

func contains(list, id string) bool {
	for _, x := range splitComma(list) {
		if x == id {
			return true
		}
	}
	return false
}

func splitComma(s string) []string {
	var out []string
	cur := ""
	for _, r := range s {
		if r == ',' {
			out = append(out, cur)
			cur = ""
		} else {
			cur += string(r)
		}
	}
	return append(out, cur)
}
