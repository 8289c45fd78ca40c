package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		bad  bool
	}{
		{in: "0", want: 0},
		{in: "1048576", want: 1 << 20},
		{in: "320MiB", want: 320 << 20},
		{in: "320 mib", want: 320 << 20},
		{in: "2GB", want: 2e9},
		{in: "1.5g", want: 3 << 29},
		{in: "64k", want: 64 << 10},
		{in: "10B", want: 10},
		{in: "", bad: true},
		{in: "MiB", bad: true},
		{in: "-1MiB", bad: true},
		{in: "lots", bad: true},
		{in: "NaN", bad: true},
		{in: "1e30TB", bad: true},
	} {
		got, err := parseSize(tc.in)
		if tc.bad {
			if err == nil {
				t.Errorf("parseSize(%q) = %d, want an error", tc.in, got)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
}

// Without --memory-limit the limit follows the batch size, so that a
// larger batch does not leave the collector running all the time; a given
// limit wins, 0 included.
func TestMemoryLimit(t *testing.T) {
	for _, tc := range []struct {
		given string
		set   bool
		batch int
		want  int64
		bad   bool
	}{
		{batch: defaultIngestBatch, want: 384 << 20},
		{batch: 8, want: 384 << 20},
		{batch: 1, want: 384 << 20},
		{batch: 33, want: 388 << 20},
		{batch: 128, want: 768 << 20},
		{given: "1GiB", set: true, batch: 128, want: 1 << 30},
		{given: "0", set: true, batch: 32, want: 0},
		{given: "lots", set: true, batch: 32, bad: true},
	} {
		got, err := memoryLimit(tc.given, tc.set, tc.batch)
		if tc.bad {
			if err == nil {
				t.Errorf("memoryLimit(%q, %v, %d) = %d, want an error", tc.given, tc.set, tc.batch, got)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("memoryLimit(%q, %v, %d) = %d, %v; want %d", tc.given, tc.set, tc.batch, got, err, tc.want)
		}
	}
}

func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"0", "320MiB", "1.5g", "2 GB", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := parseSize(s)
		if err == nil && n < 0 {
			t.Fatalf("parseSize(%q) = %d: negative", s, n)
		}
	})
}

// A --memory-limit that is not a size is a usage error naming the flag;
// a good one lets the ingest run.
func TestIngestMemoryLimitFlag(t *testing.T) {
	dir := t.TempDir()
	article := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(article, []byte("Chancellor Anna Berg met President Ivo Tamm in Tallinn on Monday.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "store.db")
	var out, errb bytes.Buffer
	if code := run([]string{"newsgraph", "--db", db, "ingest", "--memory-limit", "lots", article}, &out, &errb); code != 2 {
		t.Fatalf("exit %d, want 2 (usage); stderr:\n%s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "--memory-limit") {
		t.Errorf("stderr does not name --memory-limit:\n%s", errb.String())
	}
	// The environment variable counts as given: a bad one is refused, not
	// replaced by the default.
	errb.Reset()
	t.Setenv("NEWSGRAPH_INGEST_MEMORY_LIMIT", "lots")
	if code := run([]string{"newsgraph", "--db", db, "ingest", article}, &out, &errb); code != 2 || !strings.Contains(errb.String(), "--memory-limit") {
		t.Fatalf("NEWSGRAPH_INGEST_MEMORY_LIMIT=lots: exit %d, want 2 naming --memory-limit; stderr:\n%s", code, errb.String())
	}
	t.Setenv("NEWSGRAPH_INGEST_MEMORY_LIMIT", "")
	errb.Reset()
	if code := run([]string{"newsgraph", "--db", db, "ingest", "--quiet", "--memory-limit", "512MiB", article}, &out, &errb); code != 0 {
		t.Fatalf("exit %d, want 0; stderr:\n%s", code, errb.String())
	}
}

// The limit set by a command is lifted when the command returns.
func TestMemoryLimitRestored(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	TestIngestMemoryLimitFlag(t)
	if after := debug.SetMemoryLimit(-1); after != before {
		t.Errorf("memory limit after ingest = %d, want %d as before", after, before)
	}
}
