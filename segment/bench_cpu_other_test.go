//go:build !linux

package segment

import "time"

var benchEpoch = time.Now()

// threadCPU falls back to monotonic wall time outside Linux.
func threadCPU() time.Duration { return time.Since(benchEpoch) }
