package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestFirstLines(t *testing.T) {
	tests := []struct {
		name   string
		writes []string
		left   int64
		want   string
	}{
		{"whole lines", []string{"a\nb\n", "c\n"}, 2, "a\nb\n"},
		{"line split over writes", []string{"a", "a\nb", "b\nc\n"}, 2, "aa\nbb\n"},
		{"fewer lines than asked", []string{"a\n"}, 3, "a\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			f := &firstLines{w: &b, left: tc.left}
			var err error
			for _, s := range tc.writes {
				if _, err = f.Write([]byte(s)); err != nil {
					break
				}
			}
			if err != nil && !errors.Is(err, errEnough) {
				t.Fatal(err)
			}
			if b.String() != tc.want {
				t.Errorf("wrote %q, want %q", b.String(), tc.want)
			}
		})
	}
}

func TestParseTimeV(t *testing.T) {
	report := "\tCommand being timed: \"x\"\n\tElapsed (wall clock) time (h:mm:ss or m:ss): 0:27.54\n\tMaximum resident set size (kbytes): 1276908\n\tExit status: 0\n"
	if got, err := parseTimeV(report); err != nil || got != 1276908 {
		t.Errorf("parseTimeV = %d, %v; want 1276908", got, err)
	}
	if _, err := parseTimeV("Command terminated by signal 9\n"); err == nil {
		t.Error("parseTimeV of a report without the figure: no error")
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-nope"}, {}, {"-newsgraph", "x", "-cayley", "y", "-rounds", "0"}} {
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code != 2 {
			t.Errorf("run(%q) = %d, want 2", args, code)
		}
	}
}

// TestGenerateAndMeasureTiny builds newsgraph and bench/paths, generates a
// small file and loads it with newsgraph import, as a run does for each
// loader.
func TestGenerateAndMeasureTiny(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two binaries")
	}
	ctx := context.Background()
	work := t.TempDir()
	bin := func(pkg string) string {
		out := filepath.Join(work, filepath.Base(pkg))
		cmd := exec.Command("go", "build", "-o", out, pkg)
		cmd.Dir = filepath.Join("..", "..")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build %s: %v\n%s", pkg, err, b)
		}
		return out
	}
	c := config{quads: 2000, work: work, file: filepath.Join(work, "q.nq"), paths: bin("./bench/paths"), newsgraph: bin("./cmd/newsgraph")}
	var log bytes.Buffer
	if err := generate(ctx, c, &log); err != nil {
		t.Fatalf("generate: %v\n%s", err, log.String())
	}
	if n, err := countLines(c.file); err != nil || n != c.quads {
		t.Fatalf("file has %d lines (%v), want %d", n, err, c.quads)
	}
	timeV, _ := exec.LookPath("/usr/bin/time")
	dir := filepath.Join(work, "store")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	l, err := measure(ctx, timeV, []string{c.newsgraph, "--db", dir, "import", c.file}, dir)
	if err != nil {
		t.Fatal(err)
	}
	if l.stored != c.quads || l.peakKiB <= 0 || l.elapsed <= 0 || l.bytes <= 0 || !strings.Contains(l.source, "time") && !strings.Contains(l.source, "rusage") {
		t.Errorf("measure = %+v, want %d quads stored and a peak RSS", l, c.quads)
	}
}
