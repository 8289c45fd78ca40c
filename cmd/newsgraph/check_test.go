package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// TestCheck runs check on the seeded store (it passes, in text and JSON)
// and on stores imported from its export with one quad left out (it fails
// with exit 1 and names the document, the statement and what is missing).
func TestCheck(t *testing.T) {
	db := seededDB(t)
	r := newsgraph("", "--db", db, "check")
	if r.code != 0 || !strings.Contains(r.stdout, ": ok (5 documents") {
		t.Fatalf("check of the seeded store: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	r = newsgraph("", "--db", db, "check", "--format", "json")
	var out checkJSON
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || r.code != 0 || !out.OK || out.Statements == 0 || len(out.Problems) != 0 {
		t.Fatalf("check --format json: exit %d, %v\n%s", r.code, err, r.stdout)
	}

	r = newsgraph("", "--db", db, "export", "--format", "nquads")
	if r.code != 0 {
		t.Fatalf("export: exit %d\n%s", r.code, r.stderr)
	}
	lines := strings.SplitAfter(r.stdout, "\n")
	// drop returns the export without the first line containing all of subs.
	drop := func(subs ...string) (string, string) {
	line:
		for i, l := range lines {
			for _, s := range subs {
				if !strings.Contains(l, s) {
					continue line
				}
			}
			return strings.Join(lines[:i], "") + strings.Join(lines[i+1:], ""), l
		}
		t.Fatalf("no exported quad contains %q", subs)
		return "", ""
	}
	cases := []struct {
		name   string
		drop   []string
		kind   graph.ProblemKind
		detail string
	}{
		{"sentence", []string{"/kg/stmt/", "<" + schema.AttrSentence + ">"}, graph.ProblemStatementField, "sentence"},
		{"confidence", []string{"/kg/stmt/", "<" + schema.AttrConfidence + ">"}, graph.ProblemStatementField, "confidence"},
		{"hash", []string{"<" + schema.AttrHash + ">"}, graph.ProblemDocumentField, "no hash"},
		{"relation quad", []string{"/kg/rel/", "/kg/stmt/"}, graph.ProblemRelationMissing, "no relation quad"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tmp := t.TempDir()
			nq, gone := drop(c.drop...)
			file := filepath.Join(tmp, "broken.nq")
			if err := os.WriteFile(file, []byte(nq), 0o644); err != nil {
				t.Fatal(err)
			}
			broken := filepath.Join(tmp, "broken.db")
			if r := newsgraph("", "--db", broken, "import", file); r.code != 0 {
				t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
			}
			r := newsgraph("", "--db", broken, "check")
			if r.code != 1 || !strings.Contains(r.stdout, "1 problem") || !strings.Contains(r.stderr, "store check failed") {
				t.Errorf("check without %s: exit %d, want 1 with one problem\nstdout:\n%s\nstderr:\n%s", gone, r.code, r.stdout, r.stderr)
			}
			r = newsgraph("", "--db", broken, "check", "-f", "json")
			var out checkJSON
			if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || r.code != 1 || out.OK || len(out.Problems) != 1 {
				t.Fatalf("check --format json: exit %d, %v\n%s", r.code, err, r.stdout)
			}
			p := out.Problems[0]
			if p.Kind != c.kind || !strings.Contains(p.Detail, c.detail) || p.Doc == "" || !strings.Contains(gone, p.Doc[:3]) && !strings.Contains(gone, p.Statement) {
				t.Errorf("problem %+v, want %s %q naming what %s belonged to", p, c.kind, c.detail, gone)
			}
		})
	}
	if r := newsgraph("", "--db", db, "check", "extra"); r.code != 2 {
		t.Errorf("check with an argument: exit %d, want 2", r.code)
	}
}

// holdStoreEnv makes the test binary, run again as a second process, hold
// the store it names open (TestHoldStoreProcess); holdModeEnv is "write"
// or "read".
const (
	holdStoreEnv = "NEWSGRAPH_TEST_HOLD_STORE"
	holdModeEnv  = "NEWSGRAPH_TEST_HOLD_MODE"
)

// TestHoldStoreProcess is the second process of TestConcurrentProcesses:
// it opens the store, says "holding" and keeps it open until its standard
// input closes. It does nothing in a normal test run.
func TestHoldStoreProcess(t *testing.T) {
	addr := os.Getenv(holdStoreEnv)
	if addr == "" {
		t.Skip("only run as the second process of TestConcurrentProcesses")
	}
	s, err := graph.Open(context.Background(), graph.Config{Address: addr, ReadOnly: os.Getenv(holdModeEnv) == "read"})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("holding")
	bufio.NewReader(os.Stdin).ReadString('\n')
	s.Close()
	os.Exit(0)
}

// holdStore starts this test binary as a process that holds the store db
// open (mode "write" or "read") and returns a function that ends it.
func holdStore(t *testing.T, db, mode string) func() {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHoldStoreProcess$")
	cmd.Env = append(os.Environ(), holdStoreEnv+"="+db, holdModeEnv+"="+mode)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stop := func() {
		stdin.Close()
		cmd.Wait()
	}
	t.Cleanup(stop)
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != "holding" {
		stop()
		t.Fatalf("holding process said %q, %v", line, err)
	}
	return stop
}

// TestConcurrentProcesses runs a second process on the same bolt store:
// while it holds the store for writing, writing and reading commands fail
// within 2 s with "store is locked by another process"; while it only
// reads, read-only commands (path, query, export, stats, check) run and a
// writer is refused; once it exits, everything runs again.
func TestConcurrentProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	db := filepath.Join(t.TempDir(), "db")
	if r := newsgraph("", "--db", db, "ingest", seeds); r.code != 0 {
		t.Fatalf("ingest: exit %d\n%s", r.code, r.stderr)
	}
	reads := [][]string{
		{"path", "Donald Trump", "Nicolás Maduro"},
		{"query", `g.V("<http://newsgraph.org/kg/entity/gustavo_petro>").Out("<http://newsgraph.org/kg/rel/leader_of>").All()`},
		{"export", "--format", "nquads"},
		{"stats"},
		{"check"},
	}
	writes := [][]string{{"ingest", seeds}, {"remove", "000_81440262383a513b.txt"}}
	run := func(args []string) (result, time.Duration) {
		start := time.Now()
		r := newsgraph("", append([]string{"--db", db}, args...)...)
		return r, time.Since(start)
	}
	locked := func(t *testing.T, args []string) {
		t.Helper()
		r, took := run(args)
		if r.code != 1 || !strings.Contains(r.stderr, "store is locked by another process") || !strings.Contains(r.stderr, "another newsgraph process") {
			t.Errorf("%s: exit %d, want 1 with the lock message\n%s", args[0], r.code, r.stderr)
		}
		if took > 2*time.Second {
			t.Errorf("%s: refused after %v, want within 2s", args[0], took)
		}
	}
	works := func(t *testing.T, args []string) {
		t.Helper()
		if r, _ := run(args); r.code != 0 {
			t.Errorf("%s: exit %d, want 0\n%s", args[0], r.code, r.stderr)
		}
	}

	t.Run("writer holds the store", func(t *testing.T) {
		stop := holdStore(t, db, "write")
		defer stop()
		for _, args := range append(writes, reads...) {
			locked(t, args)
		}
	})
	t.Run("reader holds the store", func(t *testing.T) {
		stop := holdStore(t, db, "read")
		defer stop()
		for _, args := range reads {
			works(t, args)
		}
		locked(t, writes[0])
	})
	t.Run("nobody holds the store", func(t *testing.T) {
		for _, args := range append(reads, writes...) {
			works(t, args)
		}
	})
}
