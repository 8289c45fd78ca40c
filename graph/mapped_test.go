package graph

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/newsgraph/newsgraph/extract"
)

// After a batch is written to bolt, the store file pages the writer mapped
// are given back once they pass the budget: the process's file-backed
// resident set shrinks, and the store still reads the same.
func TestReleaseMapped(t *testing.T) {
	checkRelease(t, filepath.Join(t.TempDir(), "store.db"))
}

// checkRelease writes a batch to a bolt store at addr, reads it all
// through the map, and checks that releaseMapped gives pages back.
func checkRelease(t *testing.T, addr string) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("mapped pages are released on Linux only")
	}
	ctx := context.Background()
	s := mustOpen(t, Config{Backend: BackendBolt, Address: addr})
	var docs []*extract.Document
	for i := range 40 {
		docs = append(docs, benchDoc(fmt.Sprintf("d%03d.txt", i), fmt.Sprintf("h%d", i), 60))
	}
	old := mappedBudget
	t.Cleanup(func() { mappedBudget = old })
	mappedBudget = 1 << 60 // never: keep what the writes mapped
	if _, err := s.WriteDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	n0, err := s.Statements(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	before, ok := residentFileBytes()
	if !ok {
		t.Skip("no /proc/self/statm")
	}
	db := s.boltDB()
	if db == nil {
		t.Fatal("a bolt store has no bolt database")
	}
	mappedBudget = 0
	releaseMapped(db)
	if after, _ := residentFileBytes(); after >= before {
		t.Errorf("file-backed resident bytes %d before the release, %d after: want fewer", before, after)
	}
	n1, err := s.Statements(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(n1) == 0 || len(n1) != len(n0) {
		t.Errorf("%d statements read after the release, %d before: want the same, not none", len(n1), len(n0))
	}
}

// mappingSize finds bolt's mapping of the store file, never a length
// taken from the file (which bolt grows ahead of its map), and nothing for
// another file.
func TestMappingSize(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("Linux only")
	}
	s := mustOpen(t, Config{Backend: BackendBolt, Address: filepath.Join(t.TempDir(), "store.db")})
	if _, err := s.WriteDocuments(context.Background(), []*extract.Document{benchDoc("a.txt", "h", 30)}); err != nil {
		t.Fatal(err)
	}
	db := s.boltDB()
	path, err := filepath.Abs(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	if path, err = filepath.EvalSymlinks(path); err != nil {
		t.Fatal(err)
	}
	info := db.Info()
	size, ok := mappingSize(info.Data, path)
	if !ok || size == 0 || size%uintptr(os.Getpagesize()) != 0 {
		t.Fatalf("mappingSize(%#x, %s) = %d, %v: want the map's page-aligned length", info.Data, path, size, ok)
	}
	if _, ok := mappingSize(info.Data, path+".other"); ok {
		t.Error("mappingSize found a mapping for a file that is not mapped there")
	}
	if _, ok := mappingSize(info.Data+uintptr(os.Getpagesize()), path); ok {
		t.Error("mappingSize found a mapping starting inside bolt's map")
	}
}

// A store reached through a symbolic link is released too: the kernel
// names the mapped file by its resolved path.
func TestReleaseMappedThroughLink(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "real"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "real"), filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	checkRelease(t, filepath.Join(dir, "link", "store.db"))
}
