//go:build !race

package index

// raceEnabled is false without -race (see race_test.go).
const raceEnabled = false
