package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// On PostgreSQL the query index is cached on local disk while the store's
// generation holds: a second query reads the cache and answers the same;
// a write by another command makes the next query read the server again;
// a damaged cache file is read past.
func TestPostgresIndexCache(t *testing.T) {
	db := testPostgresDB(t)
	dir := t.TempDir()
	t.Setenv(indexCacheEnv, dir)
	t.Setenv("NEWSGRAPH_BACKEND", "postgres")
	t.Setenv("NEWSGRAPH_DB", db)
	arts := t.TempDir()
	files, err := filepath.Glob(filepath.Join(seeds, "*.txt"))
	if err != nil || len(files) < 2 {
		t.Fatalf("seed articles: %v (%d)", err, len(files))
	}
	ingest := func(src string) {
		t.Helper()
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(arts, filepath.Base(src))
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if r := newsgraph("", "ingest", "--quiet", dst); r.code != 0 {
			t.Fatalf("ingest %s: exit %d\n%s", src, r.code, r.stderr)
		}
	}
	relations := func() int {
		t.Helper()
		r := newsgraph("", "stats", "--format", "json")
		if r.code != 0 {
			t.Fatalf("stats: exit %d\n%s", r.code, r.stderr)
		}
		var st struct {
			Index struct {
				Relations int `json:"relations"`
			} `json:"index"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &st); err != nil {
			t.Fatalf("stats output: %v\n%s", err, r.stdout)
		}
		return st.Index.Relations
	}
	cached := func() []string {
		t.Helper()
		m, err := filepath.Glob(filepath.Join(dir, "index-*.gob"))
		if err != nil {
			t.Fatal(err)
		}
		return m
	}

	ingest(files[0])
	if n := len(cached()); n != 0 {
		t.Fatalf("%d cache files before any query, want 0", n)
	}
	first := relations()
	if first == 0 {
		t.Fatal("no relations after ingesting a seed article")
	}
	files1 := cached()
	if len(files1) != 1 {
		t.Fatalf("cache files after a query: %v, want one", files1)
	}
	info1, err := os.Stat(files1[0])
	if err != nil {
		t.Fatal(err)
	}
	if got := relations(); got != first {
		t.Errorf("relations from the cache = %d, from the server = %d", got, first)
	}
	if info, err := os.Stat(files1[0]); err != nil || !info.ModTime().Equal(info1.ModTime()) {
		t.Errorf("the cache was written again although the store did not change (%v)", err)
	}

	ingest(files[1])
	second := relations()
	if second <= first {
		t.Errorf("relations after a second article = %d, before = %d: the cache hid the write", second, first)
	}

	if err := os.WriteFile(files1[0], []byte("not a cache"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := relations(); got != second {
		t.Errorf("relations with a damaged cache = %d, want %d", got, second)
	}
	if got := relations(); got != second {
		t.Errorf("relations from the rewritten cache = %d, want %d", got, second)
	}
}
