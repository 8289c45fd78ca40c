// Package pgtest gives tests a throwaway PostgreSQL database on the server
// that NEWSGRAPH_TEST_POSTGRES names (.ci/run starts one).
package pgtest

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/lib/pq" // the "postgres" driver
)

// Env names a PostgreSQL server for the tests, as the URL of a database on
// it that the user may create databases from, e.g.
// postgres://newsgraph@127.0.0.1:5432/postgres?sslmode=disable. Unset, the
// PostgreSQL cases are skipped.
const Env = "NEWSGRAPH_TEST_POSTGRES"

var seq atomic.Int64

// DB creates a fresh, empty database named prefix_… on the server that Env
// names, drops it when the test ends, and returns its URL. It skips the
// test when Env is unset. Errors name the server with its password
// replaced by redact.
func DB(t testing.TB, prefix string, redact func(string) string) string {
	t.Helper()
	base := os.Getenv(Env)
	if base == "" {
		t.Skip(Env + " is not set: skipping the PostgreSQL case (see README, Testing)")
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", Env, err)
	}
	admin, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("%s_%d_%d_%d", strings.ToLower(prefix), os.Getpid(), time.Now().UnixNano()%1e9, seq.Add(1))
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		admin.Close()
		t.Fatalf("create test database on %s: %v", redact(base), err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}
