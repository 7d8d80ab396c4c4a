//go:build race

package index

// raceEnabled is true in a -race build: TestKill9 runs fewer rounds there
// (the plain run covers crashes; the race run is for the concurrency
// contracts, and every helper process is slower under the detector).
const raceEnabled = true
