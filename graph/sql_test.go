package graph

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"sync"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/internal/pgtest"
)

// testPostgresEnv names the PostgreSQL server of the tests (pgtest.Env).
const testPostgresEnv = pgtest.Env

// testPostgresDB creates a fresh database and returns its URL; it skips the
// test when NEWSGRAPH_TEST_POSTGRES is unset.
func testPostgresDB(t testing.TB) string {
	t.Helper()
	return pgtest.DB(t, "ngtest", RedactURL)
}

func TestSQLBackendsRegistered(t *testing.T) {
	for _, b := range []string{BackendPostgres, BackendCockroach} {
		if !cgraph.IsRegistered(b) {
			t.Errorf("Cayley backend %q is not registered", b)
		}
	}
}

func TestRedactURL(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u:secret@h:5432/db?sslmode=disable":       "postgres://u:xxxxx@h:5432/db?sslmode=disable",
		"postgres://u@h/db":                                   "postgres://u@h/db",
		"postgresql://h/db?password=secret&sslmode=disable":   "postgresql://h/db?password=xxxxx&sslmode=disable",
		"host=h user=u password=secret dbname=db":             "host=h user=u password=xxxxx dbname=db",
		"host=h password='a secret' dbname=db":                "host=h password=xxxxx dbname=db",
		"cockroach://root:pw@127.0.0.1:26257/news?sslmode=on": "cockroach://root:xxxxx@127.0.0.1:26257/news?sslmode=on",
	} {
		if got := RedactURL(in); got != want {
			t.Errorf("RedactURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSQLUnreachable opens a server that is not there: a clear error that
// names the URL without its password, for both SQL backends (no server
// needed: nothing listens on port 1).
func TestSQLUnreachable(t *testing.T) {
	for _, b := range []string{BackendPostgres, BackendCockroach} {
		t.Run(b, func(t *testing.T) {
			addr := "postgres://newsgraph:s3cret@127.0.0.1:1/news?sslmode=disable&connect_timeout=5"
			_, err := Open(context.Background(), Config{Backend: b, Address: addr})
			if err == nil {
				t.Fatal("Open succeeded on an unreachable server")
			}
			msg := err.Error()
			if strings.Contains(msg, "s3cret") {
				t.Errorf("error shows the password: %v", err)
			}
			if !strings.Contains(msg, "postgres://newsgraph:xxxxx@127.0.0.1:1/news") || !strings.Contains(msg, "cannot reach the database server") {
				t.Errorf("error %q does not say which server it cannot reach", msg)
			}
		})
	}
}

func TestSQLMissingDatabase(t *testing.T) {
	addr := testPostgresDB(t)
	u, _ := url.Parse(addr)
	u.Path += "_missing"
	_, err := Open(context.Background(), Config{Backend: BackendPostgres, Address: u.String()})
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), u.Path[1:]) || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("Open of a missing database: %v, want ErrNotFound naming it", err)
	}
	// An empty database is no store to read; opening it for writing
	// creates Cayley's tables, after which it reads.
	if _, err := Open(context.Background(), Config{Backend: BackendPostgres, Address: addr, ReadOnly: true}); !errors.Is(err, ErrNotFound) {
		t.Errorf("read-only Open of an empty database: %v, want ErrNotFound", err)
	}
	mustOpen(t, Config{Backend: BackendPostgres, Address: addr}).Close()
	ro := mustOpen(t, Config{Backend: BackendPostgres, Address: addr, ReadOnly: true})
	if _, err := ro.WriteDocument(context.Background(), docA()); !errors.Is(err, ErrReadOnly) {
		t.Errorf("write to a read-only store: %v, want ErrReadOnly", err)
	}
}

// TestSQLGeneration opens two Stores on one database: the generation one
// reads changes when the other writes, replaces or removes a document.
func TestSQLGeneration(t *testing.T) {
	ctx := context.Background()
	addr := testPostgresDB(t)
	w := mustOpen(t, Config{Backend: BackendPostgres, Address: addr})
	r := mustOpen(t, Config{Backend: BackendPostgres, Address: addr, ReadOnly: true})
	gen := func() Generation {
		t.Helper()
		g, err := r.Generation(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	seen := map[Generation]string{}
	step := func(what string) {
		t.Helper()
		g := gen()
		if prev, ok := seen[g]; ok {
			t.Errorf("after %s the generation %+v is the same as after %s", what, g, prev)
		}
		seen[g] = what
		if g2 := gen(); g2 != g {
			t.Errorf("after %s: generation changed without a write: %+v then %+v", what, g, g2)
		}
	}
	step("open")
	write(t, w, docA())
	step("write docA")
	write(t, w, docA()) // unchanged: nothing written
	if g := gen(); seen[g] != "write docA" {
		t.Errorf("rewriting docA unchanged moved the generation to %+v", g)
	}
	write(t, w, docB())
	step("write docB")
	write(t, w, docA2())
	step("replace docA")
	if ok, err := w.RemoveDocument(ctx, "b.txt"); err != nil || !ok {
		t.Fatalf("RemoveDocument: %v %v", ok, err)
	}
	step("remove docB")
	rel, err := r.ScanRelations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rel.Generation != gen() {
		t.Errorf("Relations read at %+v, store is at %+v", rel.Generation, gen())
	}
}

// TestSQLConcurrentWriters writes overlapping documents from several Stores
// on one database at once (as several processes would): every document is
// stored once, complete, and Check (node reference counts included) passes.
func TestSQLConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	addr := testPostgresDB(t)
	docs := []func() *extract.Document{docA, docB, docTricky}
	const writers = 4
	var wg sync.WaitGroup
	errs := make(chan error, writers*len(docs)*2)
	for i := 0; i < writers; i++ {
		s := mustOpen(t, Config{Backend: BackendPostgres, Address: addr})
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := range docs {
				d := docs[(i+j)%len(docs)]()
				if _, err := s.WriteDocument(ctx, d); err != nil {
					errs <- err
				}
			}
			// And a batch holding them all, as ingest writes.
			var all []*extract.Document
			for _, d := range docs {
				all = append(all, d())
			}
			if _, err := s.WriteDocuments(ctx, all); err != nil {
				errs <- err
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	s := mustOpen(t, Config{Backend: BackendPostgres, Address: addr})
	rep := checkStore(t, s)
	if !rep.OK() {
		t.Fatalf("check after concurrent writes: %v", rep.Problems)
	}
	one := mustOpen(t, Config{Backend: BackendMemstore})
	for _, d := range docs {
		write(t, one, d())
	}
	if want := checkStore(t, one); rep.Quads != want.Quads || rep.Statements != want.Statements || rep.Documents != want.Documents {
		t.Errorf("concurrent writers stored %d quads, %d statements, %d documents; one writer stores %d, %d, %d",
			rep.Quads, rep.Statements, rep.Documents, want.Quads, want.Statements, want.Documents)
	}
}
