//go:build !race

package nlp

const raceEnabled = false
