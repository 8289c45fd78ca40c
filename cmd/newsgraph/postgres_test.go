package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	_ "github.com/lib/pq"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/pgtest"
)

// The CLI against PostgreSQL, when NEWSGRAPH_TEST_POSTGRES names a server
// (a URL of a database the user may create databases from, as .ci/run
// sets it); skipped otherwise. Every test gets a database of its own,
// dropped at the end.

const testPostgresEnv = pgtest.Env

// testPostgresDB creates a fresh database and returns its URL; it skips the
// test when NEWSGRAPH_TEST_POSTGRES is unset.
func testPostgresDB(t testing.TB) string {
	t.Helper()
	return pgtest.DB(t, "ngclitest", graph.RedactURL)
}

// pgSeeded is the seed articles ingested into PostgreSQL once, shared by
// the read-only cases of TestPostgresCLI.
var pgSeeded struct {
	once sync.Once
	url  string
	err  error
}

// TestPostgresCLI runs every case of TestCLI that reads the shared seeded
// store against the same articles ingested into PostgreSQL
// (NEWSGRAPH_BACKEND=postgres, $DB the database URL): same exit codes,
// same output, same golden files.
func TestPostgresCLI(t *testing.T) {
	db := testPostgresDB(t)
	pgSeeded.once.Do(func() {
		if r := newsgraph("", "--backend", "postgres", "--db", db, "ingest", seeds); r.code != 0 {
			pgSeeded.err = fmt.Errorf("ingest %s: exit %d: %s", seeds, r.code, r.stderr)
		}
		pgSeeded.url = db
	})
	if pgSeeded.err != nil {
		t.Fatal(pgSeeded.err)
	}
	for _, tc := range cliCases {
		if tc.fresh || tc.name == "missing store" {
			continue // stores of their own, or a path, on disk
		}
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			t.Setenv("NEWSGRAPH_BACKEND", "postgres")
			r := tc.run(t, db, tmp)
			if tc.golden {
				got := normalise(r.stdout, tmp, db)
				got = strings.NewReplacer("backend      postgres", "backend      bolt", `"backend": "postgres"`, `"backend": "bolt"`).Replace(got)
				checkGolden(t, tc.name, got)
			}
			if tc.check != nil {
				tc.check(t, r, tmp, db)
			}
		})
	}
}

// exportSorted exports the store as N-Quads and returns its lines sorted.
func exportSorted(t *testing.T, args ...string) []string {
	t.Helper()
	r := newsgraph("", append(args, "export", "--format", "nquads")...)
	if r.code != 0 {
		t.Fatalf("export: exit %d\n%s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	sort.Strings(lines)
	return lines
}

// sharedSeeds is the seed corpus of the shared spec, beside the checkout;
// the bundled copy when it is not there.
func sharedSeeds() string {
	p := filepath.Join("..", "..", "..", "shared", "corpus", "seeds")
	if fi, err := os.Stat(p); err == nil && fi.IsDir() {
		return p
	}
	return seeds
}

// TestPostgresExportMatchesBolt ingests the seed corpus into bolt and into
// PostgreSQL: the sorted N-Quads exports are identical.
func TestPostgresExportMatchesBolt(t *testing.T) {
	pg := testPostgresDB(t)
	bolt := filepath.Join(t.TempDir(), "db")
	corpus := sharedSeeds()
	for _, args := range [][]string{{"--db", bolt}, {"--backend", "postgres", "--db", pg}} {
		if r := newsgraph("", append(args, "ingest", "--reference-date", "2026-01-09", corpus)...); r.code != 0 {
			t.Fatalf("%v ingest: exit %d\n%s", args, r.code, r.stderr)
		}
	}
	want := exportSorted(t, "--db", bolt)
	got := exportSorted(t, "--backend", "postgres", "--db", pg)
	if !slices.Equal(want, got) {
		t.Errorf("PostgreSQL export (%d quads) differs from bolt's (%d quads)", len(got), len(want))
		for _, l := range got {
			if !slices.Contains(want, l) {
				t.Errorf("only in PostgreSQL: %s", l)
			}
		}
	}
	t.Logf("%s: bolt and PostgreSQL export the same %d quads (sorted N-Quads)", corpus, len(want))
}

// buildCLI builds the newsgraph binary into a temporary directory.
func buildCLI(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "newsgraph")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestPostgresConcurrentIngest runs two `newsgraph ingest` processes into
// one PostgreSQL database at once, over overlapping sets of articles (15 of
// 25 in both, in different orders): both succeed, check passes (node
// reference counts included), every document is stored complete, and the
// store holds exactly what one ingest of all the articles into bolt holds
// (no statement twice).
func TestPostgresConcurrentIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	pg := testPostgresDB(t)
	bin := buildCLI(t)
	files := func(dir string) []string {
		m, err := filepath.Glob(filepath.Join("..", "..", "testdata", dir, "*.txt"))
		if err != nil || len(m) == 0 {
			t.Fatalf("no articles in testdata/%s: %v", dir, err)
		}
		sort.Strings(m)
		return m
	}
	dev, test, seedFiles := files("dev"), files("test"), files("seeds")
	setA := slices.Concat(seedFiles, dev, test[:5])
	setB := slices.Concat(test, dev[5:], seedFiles)
	slices.Reverse(setB)
	all := slices.Concat(seedFiles, dev, test)
	// A fixed reference date: ingest otherwise takes the median date of
	// the articles it reads, which differs between the two sets.
	common := []string{"--backend", "postgres", "--db", pg}
	ingest := []string{"ingest", "--reference-date", "2026-01-09", "--batch", "2"}

	var wg sync.WaitGroup
	outs := make([]bytes.Buffer, 2)
	errs := make([]error, 2)
	for i, set := range [][]string{setA, setB} {
		wg.Add(1)
		go func(i int, set []string) {
			defer wg.Done()
			cmd := exec.Command(bin, slices.Concat(common, ingest, set)...)
			cmd.Stdout, cmd.Stderr = &outs[i], &outs[i]
			cmd.Stdin = strings.NewReader("")
			errs[i] = cmd.Run()
		}(i, set)
	}
	wg.Wait()
	for i := range errs {
		if errs[i] != nil {
			t.Fatalf("ingest process %d: %v\n%s", i+1, errs[i], outs[i].String())
		}
		t.Logf("ingest process %d: %s", i+1, strings.TrimSpace(outs[i].String()))
	}

	r := newsgraph("", append(common, "check")...)
	if r.code != 0 {
		t.Fatalf("check after concurrent ingest: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	t.Logf("check: %s", strings.TrimSpace(r.stdout))

	// Every document, complete: the same quads as one ingest of every
	// article into bolt.
	bolt := filepath.Join(t.TempDir(), "db")
	if r := newsgraph("", slices.Concat([]string{"--db", bolt}, ingest, all)...); r.code != 0 {
		t.Fatalf("bolt ingest: exit %d\n%s", r.code, r.stderr)
	}
	want := exportSorted(t, "--db", bolt)
	got := exportSorted(t, common...)
	if !slices.Equal(want, got) {
		t.Errorf("after concurrent ingest PostgreSQL exports %d quads, one bolt ingest of the same articles %d", len(got), len(want))
	}
	st := storeStats(t, graph.Config{Backend: graph.BackendPostgres, Address: pg})
	if st.Documents != int64(len(all)) {
		t.Errorf("%d documents stored, want %d", st.Documents, len(all))
	}
	t.Logf("two processes, %d and %d articles (%d in both): %d documents, %d statements, %d quads, identical to one bolt ingest",
		len(setA), len(setB), len(setA)+len(setB)-len(all), st.Documents, st.Statements, st.Quads)
}

// TestSQLUnreachableCLI: a server that is not there (nothing listens on
// port 1) is a runtime error naming the URL, password redacted, for both
// SQL backends and for reading and writing commands. No server needed.
func TestSQLUnreachableCLI(t *testing.T) {
	url := "postgres://newsgraph:s3cret@127.0.0.1:1/news?sslmode=disable&connect_timeout=5"
	for _, backend := range []string{"postgres", "cockroach"} {
		for _, args := range [][]string{{"stats"}, {"ingest", seeds}} {
			r := newsgraph("", append([]string{"--backend", backend, "--db", url}, args...)...)
			if r.code != 1 || !strings.Contains(r.stderr, "cannot reach the database server") ||
				!strings.Contains(r.stderr, "127.0.0.1:1/news") || strings.Contains(r.stderr, "s3cret") {
				t.Errorf("%s %s: exit %d, want 1 with a clear error and no password\n%s", backend, args[0], r.code, r.stderr)
			}
		}
	}
	// A path given as the URL of a SQL backend.
	r := newsgraph("", "--backend", "postgres", "--db", filepath.Join(t.TempDir(), "db"), "stats")
	if r.code != 1 || !strings.Contains(r.stderr, "not a database URL") {
		t.Errorf("a path as --db of postgres: exit %d\n%s", r.code, r.stderr)
	}
	_ = io.Discard
}
