//go:build race

package nlp

// raceEnabled relaxes timing checks: the race detector slows loading.
const raceEnabled = true
