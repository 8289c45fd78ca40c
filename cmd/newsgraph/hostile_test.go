package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// hostileGood is the one good article ingested beside every hostile input.
const hostileGood = seeds + "/000_81440262383a513b.txt"

// hostileMemLimit bounds the heap a run with one hostile input may reach.
const hostileMemLimit = 1536 << 20

// hostileCase is one bad input. make writes it under dir and returns the
// path to give ingest. The outcome is a skip with reason skip (its message
// naming the file), or, when skip is "", anything but a crash: the input may
// be ingested as an article or skipped with any reason.
type hostileCase struct {
	name string
	make func(t *testing.T, dir string) string
	skip string
	big  bool // skipped under -short (a sparse file: cheap where the file system allows)
}

// writeHostile writes content to dir/name and returns the path.
func writeHostile(t *testing.T, dir, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// fileOf returns a maker writing content to name.
func fileOf(name string, content func() []byte) func(*testing.T, string) string {
	return func(t *testing.T, dir string) string { return writeHostile(t, dir, name, content()) }
}

// sparseFile writes head, then extends the file to size bytes of zeros
// without writing them (a sparse file where the file system allows).
func sparseFile(name, head string, size int64) func(*testing.T, string) string {
	return func(t *testing.T, dir string) string {
		p := writeHostile(t, dir, name, []byte(head))
		if err := os.Truncate(p, size); err != nil {
			t.Fatal(err)
		}
		return p
	}
}

// textRepeat returns a file maker of n copies of unit.
func textRepeat(name, prefix, unit string, n int, suffix string) func(*testing.T, string) string {
	return fileOf(name, func() []byte {
		var b bytes.Buffer
		b.Grow(len(prefix) + len(unit)*n + len(suffix))
		b.WriteString(prefix)
		for range n {
			b.WriteString(unit)
		}
		b.WriteString(suffix)
		return b.Bytes()
	})
}

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><guid>laughs-1</guid><title>&lol9;</title><description>&lol9; &lol9; &lol9;</description></item>
</channel></rss>
`

// hostileCases are the bad inputs of TestHostileInputs.
var hostileCases = []hostileCase{
	{name: "binary", skip: reasonBinary, make: fileOf("binary.txt", func() []byte {
		b := make([]byte, 64<<10)
		for i := range b {
			b[i] = byte(i * 7919 >> 3)
		}
		return b
	})},
	{name: "invalid UTF-8", skip: reasonEncoding, make: fileOf("invalid.txt", func() []byte {
		return []byte("President Maduro met \xff\xfe\xfd officials in Caracas.\n")
	})},
	{name: "NUL bytes", skip: reasonBinary, make: fileOf("nul.txt", func() []byte {
		return []byte("Maduro met Petro\x00 in Bogotá.\x00\x00\n")
	})},
	{name: "50 MB single line", skip: reasonMalformed,
		make: textRepeat("line50.txt", "", "Petro met Maduro and ", 50<<20/21, "\n")},
	{name: "200 MB file", skip: reasonMalformed, big: true,
		make: sparseFile("big200.txt", "Petro met Maduro in Caracas.\n", 200<<20)},
	{name: "deeply nested HTML", skip: reasonMalformed, make: textRepeat("nested.html",
		"<!DOCTYPE html><html><head><title>Deep</title></head><body><article><p>Petro met Maduro in Caracas.</p>",
		"<div>", 100_000, "deep</article></body></html>")},
	{name: "truncated HTML", make: fileOf("truncated.html", func() []byte {
		return []byte(`<!DOCTYPE html><html><head><title>Cut off</title><meta property="og:site_name" content="X"><body><article><p>Gustavo Petro met Nicolás Maduro in Car`)
	})},
	{name: "billion laughs feed", make: fileOf("laughs.xml", func() []byte { return []byte(billionLaughs) })},
	{name: "20 MB JSONL line", make: func(t *testing.T, dir string) string {
		var b bytes.Buffer
		b.WriteString(`{"id":"ok-1","text":"Petro met Maduro in Caracas on Monday."}` + "\n")
		b.WriteString(`{"id":"huge","text":"`)
		b.WriteString(strings.Repeat("Ab", 10<<20))
		b.WriteString(`"}` + "\n")
		return writeHostile(t, dir, "huge.jsonl", b.Bytes())
	}},
	{name: "JSONL line over the cap", skip: reasonMalformed, make: func(t *testing.T, dir string) string {
		var b bytes.Buffer
		b.WriteString(`{"id":"over","text":"`)
		b.WriteString(strings.Repeat("a", 33<<20))
		b.WriteString(`"}` + "\n")
		return writeHostile(t, dir, "over.jsonl", b.Bytes())
	}},
	{name: "malformed JSON", skip: reasonMalformed, make: fileOf("bad.jsonl", func() []byte {
		return []byte(`{"id":"a","text":"Petro met Maduro.` + "\n" + `{"id":1e999,"text":[}` + "\n" + `not json at all` + "\n")
	})},
	{name: "deeply nested JSON", skip: reasonMalformed, make: textRepeat("nestedjson.jsonl", `{"text":`, "[", 200_000, "\n")},
	{name: "empty file", skip: reasonEmpty, make: fileOf("empty.txt", func() []byte { return nil })},
	{name: "whitespace only", skip: reasonEmpty, make: fileOf("blank.txt", func() []byte { return []byte(" \n\t\r\n   \n\n") })},
	{name: "zero-width and bidi controls", make: fileOf("bidi.txt", func() []byte {
		return []byte("Pe\u200btro\u200d met \u202eorudaM\u202c in \u2066Caracas\u2069.\ufeff \u200f\u200e\u061c\n")
	})},
	{name: "only zero-width characters", make: textRepeat("zw.txt", "", "\u200b\u200c\u200d\ufeff\u2060", 10_000, "")},
	{name: "Latin-1 bytes in UTF-8 text", skip: reasonEncoding, make: fileOf("latin1.txt", func() []byte {
		return []byte("Nicolás Maduro met Gustavo Petro in Bogot\xe1 and Medell\xedn.\n")
	})},
	{name: "Latin-1 bytes in UTF-8 HTML", make: fileOf("latin1.html", func() []byte {
		return []byte("<html><head><title>Mixed</title></head><body><article><p>Nicolás Maduro met Gustavo Petro in Bogot\xe1.</p></article></body></html>")
	})},
	{name: "UTF-16 text", make: fileOf("utf16.txt", func() []byte {
		b := []byte{0xff, 0xfe}
		for _, c := range "Petro met Maduro in Caracas.\n" {
			b = append(b, byte(c), 0)
		}
		return b
	})},
	{name: "directory symlink loop", skip: reasonNoArticles, make: func(t *testing.T, dir string) string {
		d := filepath.Join(dir, "loop")
		if err := os.MkdirAll(filepath.Join(d, "a"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink("..", filepath.Join(d, "a", "up")); err != nil {
			t.Skip("no symlinks:", err)
		}
		return d
	}},
	{name: "self-referencing symlink", skip: reasonUnreadable, make: func(t *testing.T, dir string) string {
		p := filepath.Join(dir, "self.txt")
		if err := os.Symlink("self.txt", p); err != nil {
			t.Skip("no symlinks:", err)
		}
		return p
	}},
	{name: "FIFO in a directory", skip: reasonNoArticles, make: func(t *testing.T, dir string) string {
		d := filepath.Join(dir, "fifo")
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(filepath.Join(d, "pipe.txt"), 0o644); err != nil {
			t.Skip("no FIFOs:", err)
		}
		return d
	}},
	{name: "device file", skip: reasonNotFile, make: func(t *testing.T, dir string) string {
		if _, err := os.Stat("/dev/zero"); err != nil {
			t.Skip("no /dev/zero")
		}
		return "/dev/zero"
	}},
	{name: "no read permission", skip: reasonUnreadable, make: func(t *testing.T, dir string) string {
		if os.Geteuid() == 0 {
			t.Skip("root reads every file")
		}
		p := writeHostile(t, dir, "secret.txt", []byte("Petro met Maduro.\n"))
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		return p
	}},
	{name: "many tiny sentences", make: textRepeat("tiny.txt", "", "Ok. ", 100_000, "\n")},
	{name: "one 1 MB word", make: textRepeat("word.txt", "", "x", 1<<20, "\n")},
	{name: "control characters", skip: reasonBinary, make: textRepeat("ctl.txt", "", "a\x01\x02\x1b[31m", 1000, "\n")},
	{name: "control characters in a name", make: fileOf("evil\n\x1b[2Jname.txt", func() []byte {
		return []byte("Gustavo Petro met Nicolás Maduro in Caracas.\n")
	})},
}

// memSampler records the peak heap and the memory obtained from the OS
// while it runs.
type memSampler struct {
	stop     chan struct{}
	done     sync.WaitGroup
	mu       sync.Mutex
	peakHeap uint64
	peakSys  uint64
}

// startMemSampler samples runtime.MemStats every interval until stopped.
func startMemSampler(interval time.Duration) *memSampler {
	s := &memSampler{stop: make(chan struct{})}
	s.done.Add(1)
	go func() {
		defer s.done.Done()
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			s.sample()
			select {
			case <-s.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return s
}

func (s *memSampler) sample() {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	s.mu.Lock()
	s.peakHeap = max(s.peakHeap, m.HeapAlloc)
	s.peakSys = max(s.peakSys, m.Sys)
	s.mu.Unlock()
}

// Stop ends sampling and returns the peaks.
func (s *memSampler) Stop() (heap, sys uint64) {
	close(s.stop)
	s.done.Wait()
	s.sample()
	return s.peakHeap, s.peakSys
}

// TestHostileInputs ingests each hostile input together with one good
// article in the same run, and checks that the run does not crash, that the
// bad input is skipped with the expected reason and a message naming it
// (or, for inputs that may be read as articles, handled either way), that
// the good article is ingested, and that the heap stays under
// hostileMemLimit. Peak heap and time are logged per input.
func TestHostileInputs(t *testing.T) {
	type figure struct {
		name, outcome string
		heap, sys     uint64
		took          time.Duration
	}
	var figures []figure
	for _, tc := range hostileCases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.big && testing.Short() {
				t.Skip("a 200 MB input; skipped under -short")
			}
			dir := t.TempDir()
			bad := tc.make(t, dir)
			db := filepath.Join(dir, "db")
			runtime.GC()
			mem := startMemSampler(5 * time.Millisecond)
			start := time.Now()
			sum, r := ingestJSON(t, "--db", db, "ingest", "--workers", "2", hostileGood, bad)
			took := time.Since(start)
			heap, sys := mem.Stop()

			if strings.Contains(r.stderr, "internal error") || strings.Contains(r.stderr, "panic") {
				t.Fatalf("crashed: %s", r.stderr)
			}
			if r.code != 0 {
				t.Errorf("exit %d, want 0 (the good article is ingested)\n%s", r.code, r.stderr)
			}
			good := false
			for _, d := range sum.Documents {
				if d.Path == hostileGood && d.Statements > 0 {
					good = true
				}
			}
			if !good {
				t.Errorf("the good article was not ingested: %+v", sum.Documents)
			}
			var outcome []string
			var mine []skip
			for _, s := range sum.Skipped {
				if s.Path == hostileGood {
					t.Errorf("the good article was skipped: %+v", s)
					continue
				}
				mine = append(mine, s)
				outcome = append(outcome, "skipped: "+s.Reason)
				if s.Reason == "" || s.Error == "" {
					t.Errorf("skip without a reason or message: %+v", s)
				}
				if s.Path != bad && !strings.HasPrefix(s.Path, bad+string(filepath.Separator)) {
					t.Errorf("skip names %q, not the input %q", s.Path, bad)
				}
			}
			for _, d := range sum.Documents {
				if d.Path != hostileGood {
					outcome = append(outcome, fmt.Sprintf("ingested %q (%d statements)", trimID(d.Doc), d.Statements))
				}
			}
			if tc.skip != "" {
				found := false
				for _, s := range mine {
					if s.Reason == tc.skip {
						found = true
					}
				}
				if !found {
					t.Errorf("want a skip with reason %q, got %+v\nstderr: %s", tc.skip, mine, r.stderr)
				}
			}
			if heap > hostileMemLimit {
				t.Errorf("peak heap %d MiB, want under %d MiB", heap>>20, hostileMemLimit>>20)
			}
			if len(outcome) == 0 {
				outcome = []string{"nothing"}
			}
			figures = append(figures, figure{tc.name, strings.Join(outcome, "; "), heap, sys, took})
		})
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-30s %9s %9s %8s  %s\n", "input", "heap MiB", "sys MiB", "seconds", "outcome")
	for _, f := range figures {
		fmt.Fprintf(&b, "%-30s %9d %9d %8.2f  %s\n", f.name, f.heap>>20, f.sys>>20, f.took.Seconds(), f.outcome)
	}
	t.Logf("hostile inputs:\n%s", b.String())
}

// trimID shortens a document ID for the log.
func trimID(s string) string {
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}
