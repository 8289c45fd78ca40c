package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestRemove ingests the seed articles into a fresh store, removes one by
// its path and checks what is left: the document, its statements and the
// entities only it mentioned are gone, the rest stays, and removing it
// again reports it as not stored.
func TestRemove(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	if r := newsgraph("", "--db", db, "ingest", seeds); r.code != 0 {
		t.Fatalf("ingest: exit %d\n%s", r.code, r.stderr)
	}
	stats := func() (docs, entities, statements int) {
		t.Helper()
		r := newsgraph("", "--db", db, "stats", "--format", "json")
		var s struct{ Documents, Entities, Statements int }
		if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
			t.Fatalf("stats: %v\n%s", err, r.stdout)
		}
		return s.Documents, s.Entities, s.Statements
	}
	docs0, ents0, stmts0 := stats()

	r := newsgraph("", "--db", db, "remove", "--format", "json", filepath.Join(seeds, "000_81440262383a513b.txt"))
	if r.code != 0 {
		t.Fatalf("remove: exit %d\n%s", r.code, r.stderr)
	}
	var sum removeSummary
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil {
		t.Fatalf("remove output: %v\n%s", err, r.stdout)
	}
	if len(sum.Removed) != 1 || sum.Removed[0].Doc != "000_81440262383a513b.txt" || sum.Statements == 0 {
		t.Fatalf("removed %+v, want the one document with its statements", sum)
	}
	docs1, ents1, stmts1 := stats()
	if docs1 != docs0-1 || stmts1 != stmts0-sum.Statements {
		t.Errorf("after remove: %d documents, %d statements; want %d and %d", docs1, stmts1, docs0-1, stmts0-sum.Statements)
	}
	// Guernica, Spain and Nazi Germany are named only in that article.
	if ents1 >= ents0 {
		t.Errorf("after remove: %d entities, want fewer than %d", ents1, ents0)
	}
	for _, gone := range []string{"Guernica", "Nazi Germany"} {
		if r := newsgraph("", "--db", db, "neighbors", gone); r.code != 1 {
			t.Errorf("neighbors %s after remove: exit %d, want 1 (unknown entity)\n%s", gone, r.code, r.stdout)
		}
	}
	if r := newsgraph("", "--db", db, "path", "Donald Trump", "Nicolás Maduro"); r.code != 0 {
		t.Errorf("path after remove: exit %d; the other articles still connect them\n%s", r.code, r.stderr)
	}

	r = newsgraph("", "--db", db, "remove", "000_81440262383a513b.txt", "001_6350596d2d625a4d.txt")
	if r.code != 1 || !strings.Contains(r.stderr, "000_81440262383a513b.txt is not stored") || !strings.Contains(r.stdout, "removed 001_6350596d2d625a4d.txt") {
		t.Errorf("second remove: exit %d, want 1 naming the missing one and removing the other\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if r := newsgraph("", "--db", db, "remove"); r.code != 2 {
		t.Errorf("remove without DOC: exit %d, want 2", r.code)
	}
}
