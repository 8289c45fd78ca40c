package graph

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/boltdb/bolt"
	"github.com/google/go-cmp/cmp"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
	"github.com/syndtr/goleveldb/leveldb"
)

func TestOpenRejectsWhatIsNotAStore(t *testing.T) {
	tests := []struct {
		name    string
		backend string
		setup   func(t *testing.T, dir string) string // returns the address
		want    error
	}{
		{"text file for bolt", BackendBolt, func(t *testing.T, dir string) string {
			return writeFile(t, filepath.Join(dir, "notes.txt"), "date 2026-01-03\nnot a database\n")
		}, ErrNotStore},
		{"empty file for bolt", BackendBolt, func(t *testing.T, dir string) string {
			return writeFile(t, filepath.Join(dir, "empty"), "")
		}, ErrNotStore},
		{"text file for leveldb", BackendLevelDB, func(t *testing.T, dir string) string {
			return writeFile(t, filepath.Join(dir, "notes.txt"), "hello\n")
		}, ErrNotStore},
		{"non-empty directory for bolt", BackendBolt, func(t *testing.T, dir string) string {
			writeFile(t, filepath.Join(dir, "article.txt"), "text\n")
			return dir
		}, ErrNotStore},
		{"non-empty directory for leveldb", BackendLevelDB, func(t *testing.T, dir string) string {
			writeFile(t, filepath.Join(dir, "article.txt"), "text\n")
			return dir
		}, ErrNotStore},
		{"corrupt indexes.bolt", BackendBolt, func(t *testing.T, dir string) string {
			writeFile(t, filepath.Join(dir, "indexes.bolt"), strings.Repeat("x", 8192))
			return dir
		}, ErrNotStore},
		{"unknown backend", "mysql", func(t *testing.T, dir string) string { return dir }, ErrBackend},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			addr := tc.setup(t, dir)
			before := snapshot(t, dir)
			s, err := Open(context.Background(), Config{Backend: tc.backend, Address: addr})
			if err == nil {
				s.Close()
				t.Fatalf("Open(%s) succeeded, want %v", addr, tc.want)
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("Open error = %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), addr) {
				t.Errorf("error %q does not name the address %s", err, addr)
			}
			if diff := cmp.Diff(before, snapshot(t, dir)); diff != "" {
				t.Errorf("Open modified %s (-before +after):\n%s", dir, diff)
			}
		})
	}
}

func writeFile(t *testing.T, path, content string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// snapshot maps every file under dir to its content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if fi.Mode().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[p] = string(b)
		} else {
			out[p] = fi.Mode().String()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestOpenCreatesAndReopens(t *testing.T) {
	for _, backend := range []string{BackendBolt, BackendLevelDB} {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			addr := filepath.Join(t.TempDir(), "nested", "store.db")
			s := mustOpen(t, Config{Backend: backend, Address: addr})
			write(t, s, docA(), docB())
			want := statements(t, s, Filter{})
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			s2 := mustOpen(t, Config{Backend: backend, Address: addr})
			if diff := cmp.Diff(want, statements(t, s2, Filter{})); diff != "" {
				t.Errorf("Statements after reopening (-want +got):\n%s", diff)
			}
			if res := write(t, s2, docA())[0]; res.Status != Unchanged {
				t.Errorf("rewrite after reopening = %+v, want unchanged", res)
			}
			s2.Close()

			// Read-only: reads work, writes fail, nothing changes.
			ro := mustOpen(t, Config{Backend: backend, Address: addr, ReadOnly: true})
			if diff := cmp.Diff(want, statements(t, ro, Filter{})); diff != "" {
				t.Errorf("Statements read-only (-want +got):\n%s", diff)
			}
			if _, err := ro.WriteDocument(ctx, docA2()); !errors.Is(err, ErrReadOnly) {
				t.Errorf("WriteDocument on a read-only store = %v, want ErrReadOnly", err)
			}
			if _, err := ro.RemoveDocument(ctx, "a.txt"); !errors.Is(err, ErrReadOnly) {
				t.Errorf("RemoveDocument on a read-only store = %v, want ErrReadOnly", err)
			}
		})
	}
}

func TestOpenBoltFileDirectly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store.db")
	s := mustOpen(t, Config{Address: dir})
	write(t, s, docB())
	s.Close()
	f := mustOpen(t, Config{Address: filepath.Join(dir, "indexes.bolt")})
	if got := len(statements(t, f, Filter{})); got != 2 {
		t.Errorf("opening indexes.bolt directly: %d statements, want 2", got)
	}
}

func TestOpenReadOnlyMissing(t *testing.T) {
	for _, backend := range []string{BackendBolt, BackendLevelDB} {
		addr := filepath.Join(t.TempDir(), "missing.db")
		_, err := Open(context.Background(), Config{Backend: backend, Address: addr, ReadOnly: true})
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("%s: Open read-only of a missing store = %v, want ErrNotFound", backend, err)
		}
		if _, serr := os.Stat(addr); !errors.Is(serr, os.ErrNotExist) {
			t.Errorf("%s: read-only Open created %s", backend, addr)
		}
	}
}

func TestOpenDefaults(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	s := mustOpen(t, Config{})
	if s.Backend() != BackendBolt || s.Address() != DefaultAddress {
		t.Errorf("Open(Config{}) = backend %q at %q, want bolt at %s", s.Backend(), s.Address(), DefaultAddress)
	}
	if _, err := os.Stat(filepath.Join(dir, "newsgraph.db", "indexes.bolt")); err != nil {
		t.Errorf("default store not created: %v", err)
	}
}

// TestOpenLocked opens a store twice in this process: bolt and leveldb lock
// their files with flock, which conflicts between open file descriptions.
func TestOpenLocked(t *testing.T) {
	for _, backend := range []string{BackendBolt, BackendLevelDB} {
		t.Run(backend, func(t *testing.T) {
			addr := filepath.Join(t.TempDir(), "store.db")
			mustOpen(t, Config{Backend: backend, Address: addr})
			for _, ro := range []bool{false, true} {
				start := time.Now()
				cfg := Config{Backend: backend, Address: addr, ReadOnly: ro}
				if ro {
					cfg.LockTimeout = 200 * time.Millisecond
				}
				s, err := Open(context.Background(), cfg)
				took := time.Since(start)
				if err == nil {
					s.Close()
					t.Fatalf("second Open (read-only %v) succeeded, want ErrLocked", ro)
				}
				if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), addr) {
					t.Errorf("second Open (read-only %v) = %v, want ErrLocked naming %s", ro, err, addr)
				}
				if took > 2*time.Second {
					t.Errorf("ErrLocked after %v, want within 2s", took)
				}
			}
		})
	}
}

// TestOpenLockedByAnotherProcess runs this test binary as a second process
// that holds the store open, then checks that Open reports ErrLocked.
func TestOpenLockedByAnotherProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	addr := filepath.Join(t.TempDir(), "store.db")
	s := mustOpen(t, Config{Address: addr})
	s.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockHolderProcess$")
	cmd.Env = append(os.Environ(), holdEnv+"="+addr)
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
	defer func() {
		stdin.Close()
		cmd.Wait()
	}()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != "holding" {
		t.Fatalf("lock holder said %q, %v", line, err)
	}
	start := time.Now()
	_, err = Open(context.Background(), Config{Address: addr})
	if !errors.Is(err, ErrLocked) {
		t.Errorf("Open while another process holds the store = %v, want ErrLocked", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("ErrLocked after %v, want within 2s", took)
	}
	// Once the other process exits, the store opens.
	stdin.Close()
	cmd.Wait()
	s2, err := Open(context.Background(), Config{Address: addr})
	if err != nil {
		t.Fatalf("Open after the other process exited: %v", err)
	}
	s2.Close()
}

const holdEnv = "GRAPH_TEST_HOLD_STORE"

// TestLockHolderProcess is the second process of
// TestOpenLockedByAnotherProcess; it does nothing unless holdEnv is set.
func TestLockHolderProcess(t *testing.T) {
	addr := os.Getenv(holdEnv)
	if addr == "" {
		t.Skip("only run by TestOpenLockedByAnotherProcess")
	}
	s, err := Open(context.Background(), Config{Address: addr})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("holding")
	bufio.NewReader(os.Stdin).ReadString('\n') // until stdin closes
	s.Close()
	os.Exit(0)
}

func TestReadOnlyBoltSharesTheLock(t *testing.T) {
	addr := filepath.Join(t.TempDir(), "store.db")
	s := mustOpen(t, Config{Address: addr})
	write(t, s, docB())
	s.Close()
	a := mustOpen(t, Config{Address: addr, ReadOnly: true})
	b := mustOpen(t, Config{Address: addr, ReadOnly: true, LockTimeout: 100 * time.Millisecond})
	if len(statements(t, a, Filter{})) != 2 || len(statements(t, b, Filter{})) != 2 {
		t.Error("two read-only opens should both read the store")
	}
	_, err := Open(context.Background(), Config{Address: addr, LockTimeout: 100 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Errorf("writable Open while readers hold the store = %v, want ErrLocked", err)
	}
}

// TestOpenInterruptedCreation covers what a process killed while creating a
// store leaves behind: read-only opens say there is no store yet and touch
// nothing; a writable open initialises the store and it works.
func TestOpenInterruptedCreation(t *testing.T) {
	tests := []struct {
		name    string
		backend string
		setup   func(t *testing.T, addr string)
	}{
		{"empty directory", BackendBolt, func(t *testing.T, addr string) {}},
		{"empty indexes.bolt", BackendBolt, func(t *testing.T, addr string) {
			writeFile(t, filepath.Join(addr, boltFile), "")
		}},
		{"bolt file without a quad store", BackendBolt, func(t *testing.T, addr string) {
			db, err := bolt.Open(filepath.Join(addr, boltFile), 0o644, nil)
			if err != nil {
				t.Fatal(err)
			}
			db.Close()
		}},
		{"leveldb without a quad store", BackendLevelDB, func(t *testing.T, addr string) {
			db, err := leveldb.OpenFile(addr, nil)
			if err != nil {
				t.Fatal(err)
			}
			db.Close()
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			addr := filepath.Join(t.TempDir(), "store.db")
			if err := os.Mkdir(addr, 0o755); err != nil {
				t.Fatal(err)
			}
			tc.setup(t, addr)
			before := snapshot(t, addr)
			_, err := Open(ctx, Config{Backend: tc.backend, Address: addr, ReadOnly: true})
			if !errors.Is(err, ErrNotFound) {
				t.Errorf("read-only Open = %v, want ErrNotFound", err)
			}
			if diff := cmp.Diff(before, snapshot(t, addr)); diff != "" {
				t.Errorf("read-only Open modified the store (-before +after):\n%s", diff)
			}
			s := mustOpen(t, Config{Backend: tc.backend, Address: addr})
			write(t, s, docB())
			s.Close()
			ro := mustOpen(t, Config{Backend: tc.backend, Address: addr, ReadOnly: true})
			defer ro.Close()
			if got := len(statements(t, ro, Filter{})); got != 2 {
				t.Errorf("after initialising: %d statements, want 2", got)
			}
		})
	}
}

// commitCounter counts the write transactions committed on a database.
type commitCounter struct {
	hkv.KV
	commits int
}

func (c *commitCounter) Tx(rw bool) (hkv.Tx, error) {
	tx, err := c.KV.Tx(rw)
	if err != nil || !rw {
		return tx, err
	}
	return countedTx{tx, c}, nil
}

type countedTx struct {
	hkv.Tx
	c *commitCounter
}

func (t countedTx) Commit(ctx context.Context) error {
	t.c.commits++
	return t.Tx.Commit(ctx)
}

// TestInitIsOneTransaction: a kill during initialisation must leave either
// a whole quad store or nothing, so it is written in one commit.
func TestInitIsOneTransaction(t *testing.T) {
	db, err := bolt.Open(filepath.Join(t.TempDir(), boltFile), 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	counter := &commitCounter{KV: hbolt.New(db)}
	qs, err := newKV(context.Background(), &batchKV{KV: counter}, false, true)
	if err != nil {
		t.Fatal(err)
	}
	defer qs.Close()
	if counter.commits != 1 {
		t.Errorf("initialising the quad store took %d commits, want 1", counter.commits)
	}
}
