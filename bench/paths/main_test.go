package main

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestRunTiny runs the whole benchmark on a tiny generated store and checks
// that it succeeds and that the index and the path-API search agree on
// every distance.
func TestRunTiny(t *testing.T) {
	var out, errOut bytes.Buffer
	dir := filepath.Join(t.TempDir(), "store")
	code := run([]string{"-quads", "6000", "-entities", "400", "-pairs", "40", "-kpairs", "10", "-cayley-pairs", "20", "-dir", dir}, &out, &errOut)
	if code != 0 {
		t.Fatalf("run exited %d: %s\n%s", code, errOut.String(), out.String())
	}
	m := regexp.MustCompile(`distances agree with the path-API BFS\s+(\d+)/(\d+)`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no agreement line in output:\n%s", out.String())
	}
	if m[1] != m[2] || m[2] == "0" {
		t.Errorf("distances agree on %s of %s pairs:\n%s", m[1], m[2], out.String())
	}
	for _, want := range []string{"cold open + index build", "shortest paths p50", "k=5 shortest paths p50", "neighbors p50", "speed-up"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q", want)
		}
	}
	// A second run reuses the store.
	out.Reset()
	if code := run([]string{"-quads", "6000", "-entities", "400", "-pairs", "10", "-kpairs", "5", "-cayley-pairs", "5", "-dir", dir}, &out, &errOut); code != 0 {
		t.Fatalf("second run exited %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "using the existing store") {
		t.Errorf("second run did not reuse the store:\n%s", out.String())
	}
}

func TestBadFlag(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"-nope"}, &out, &errOut); code != 2 {
		t.Errorf("run(-nope) = %d, want 2", code)
	}
}
