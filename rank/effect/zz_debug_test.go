package effect

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZDebug(t *testing.T) {
	p := os.Getenv("EFFDBG")
	if p == "" {
		t.Skip()
	}
	a, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(p)
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		l := sc.Text()
		role := Need
		if strings.HasPrefix(l, "A ") {
			role = Achievement
		}
		l = strings.TrimPrefix(strings.TrimPrefix(l, "A "), "N ")
		fmt.Printf("%s %s\n", role.String()[:1], l)
		for _, s := range a.Extract(l, role) {
			fmt.Printf("    %s\n", s)
		}
	}
}

func TestZZTokens(t *testing.T) {
	p := os.Getenv("EFFTOK")
	if p == "" {
		t.Skip()
	}
	a, _ := Default()
	for _, tk := range a.scan(p, nil) {
		fmt.Printf("%q:%d ", p[tk.start:tk.end], tk.cls)
	}
	fmt.Println()
}
