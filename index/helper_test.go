package index

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/techmatch/techmatch"
)

// Helper processes: the test binary re-executed with helperEnv set runs
// runHelper instead of the tests (see TestMain), so that locks and
// crashes are tested across real processes.
const (
	helperEnv  = "TECHMATCH_INDEX_HELPER" // mode: "hold" or "add"
	helperDir  = "TECHMATCH_INDEX_DIR"    // the index directory
	helperHold = "TECHMATCH_INDEX_HOLD"   // hold: how long to hold the index open (Go duration; "" = until killed)
	helperFrom = "TECHMATCH_INDEX_FROM"   // add: number of the first record
)

// runHelper runs a helper process and returns its exit code. It writes
// one line per event to stdout:
//
//	hold: "open <pid>" once the index is open, "closed" after Close.
//	add:  "open <pid>", then for every batch "try <first> <n>" before Add
//	      and "ack <id>" for each record after Add returned nil.
func runHelper(mode string) int {
	ctx := context.Background()
	ix, err := New[techmatch.Achievement](ctx, Config{Segmenter: testSeg, Path: os.Getenv(helperDir)})
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		return 2
	}
	fmt.Printf("open %d\n", os.Getpid())
	switch mode {
	case "hold":
		d, err := time.ParseDuration(os.Getenv(helperHold))
		if err != nil {
			d = time.Hour
		}
		time.Sleep(d)
		if err := ix.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "helper:", err)
			return 2
		}
		fmt.Println("closed")
		return 0
	case "add":
		from, err := strconv.Atoi(os.Getenv(helperFrom))
		if err != nil {
			fmt.Fprintln(os.Stderr, "helper:", err)
			return 2
		}
		for i := from; i < from+1_000_000; i += killBatch {
			batch := make([]techmatch.Achievement, killBatch)
			for j := range batch {
				batch[j] = killRecord(i + j)
			}
			fmt.Printf("try %d %d\n", i, killBatch)
			if err := ix.Add(ctx, batch...); err != nil {
				fmt.Fprintln(os.Stderr, "helper:", err)
				return 2
			}
			for _, a := range batch {
				fmt.Printf("ack %s\n", a.ID)
			}
		}
		return 0
	}
	fmt.Fprintln(os.Stderr, "helper: unknown mode", mode)
	return 2
}

// helper is a running helper process.
type helper struct {
	cmd   *exec.Cmd
	mu    sync.Mutex
	lines []string      // complete stdout lines so far
	done  chan struct{} // closed when stdout is at EOF
	open  chan int      // receives the pid from the "open" line
}

// startHelper starts the test binary as a helper in mode with env.
func startHelper(t *testing.T, mode string, env ...string) *helper {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), append([]string{helperEnv + "=" + mode}, env...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	h := &helper{cmd: cmd, done: make(chan struct{}), open: make(chan int, 1)}
	go h.read(out)
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	return h
}

// read collects complete lines (a line cut by a kill has no newline and
// is dropped).
func (h *helper) read(r io.Reader) {
	defer close(h.done)
	br := bufio.NewReader(r)
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimSuffix(line, "\n")
		if pid, ok := strings.CutPrefix(line, "open "); ok {
			n, _ := strconv.Atoi(pid)
			h.open <- n
		}
		h.mu.Lock()
		h.lines = append(h.lines, line)
		h.mu.Unlock()
	}
}

// waitOpen waits until the helper has the index open and returns its pid.
func (h *helper) waitOpen(t *testing.T) int {
	t.Helper()
	select {
	case pid := <-h.open:
		return pid
	case <-h.done:
		t.Fatalf("helper exited before opening the index: %v", h.cmd.Wait())
	case <-time.After(60 * time.Second):
		t.Fatal("helper did not open the index within 60 s")
	}
	return 0
}

// kill sends SIGKILL, reaps the process and returns its complete stdout
// lines.
func (h *helper) kill(t *testing.T) []string {
	t.Helper()
	require.NoError(t, h.cmd.Process.Kill())
	<-h.done // the pipe's EOF: read everything before Wait closes it
	_ = h.cmd.Wait()
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.lines
}
