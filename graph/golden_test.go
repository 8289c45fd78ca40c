package graph

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/schema"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// TestExportGolden pins the quad layout: the N-Quads of docA and docB,
// sorted, are compared with testdata/export.golden.nq.
func TestExportGolden(t *testing.T) {
	s := mustOpen(t, Config{Backend: BackendMemstore})
	write(t, s, docA(), docB())
	var buf bytes.Buffer
	if err := s.Export(context.Background(), &buf, "nquads"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	sort.Strings(lines)
	got := strings.Join(lines, "\n") + "\n"
	checkGolden(t, filepath.Join("testdata", "export.golden.nq"), got)
}

// checkGolden compares got with the golden file at path, or rewrites it
// with -update.
func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./graph -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}

func TestWhenLiteral(t *testing.T) {
	tests := []struct {
		in   string
		want quad.Value
	}{
		{"2026-01-03", quad.TypedString{Value: "2026-01-03", Type: schema.XSDDate}},
		{"2025-10", quad.TypedString{Value: "2025-10", Type: schema.XSDGYearMonth}},
		{"2026", quad.TypedString{Value: "2026", Type: schema.XSDGYear}},
		{"last Friday", quad.String("last Friday")},
		{"2026-1-3", quad.String("2026-1-3")},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, WhenLiteral(tc.in)); diff != "" {
			t.Errorf("WhenLiteral(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
}

func TestStatementIDDistinguishes(t *testing.T) {
	base := StatementID("a.txt", iri("A"), "met", iri("B"), false, 0, 10)
	if base != StatementID("a.txt", iri("A"), "met", iri("B"), false, 0, 10) {
		t.Error("StatementID is not deterministic")
	}
	for name, other := range map[string]string{
		"doc":       StatementID("b.txt", iri("A"), "met", iri("B"), false, 0, 10),
		"subject":   StatementID("a.txt", iri("C"), "met", iri("B"), false, 0, 10),
		"predicate": StatementID("a.txt", iri("A"), "praised", iri("B"), false, 0, 10),
		"object":    StatementID("a.txt", iri("A"), "met", iri("C"), false, 0, 10),
		"literal":   StatementID("a.txt", iri("A"), "met", iri("B"), true, 0, 10),
		"start":     StatementID("a.txt", iri("A"), "met", iri("B"), false, 1, 10),
		"end":       StatementID("a.txt", iri("A"), "met", iri("B"), false, 0, 11),
	} {
		if other == base {
			t.Errorf("changing the %s does not change the statement ID", name)
		}
	}
}

// FuzzWriteDocument writes a one-relation document built from fuzzed
// strings into memstore and checks the invariants: the write succeeds or is
// ErrInvalid; what was written reads back; the export parses back with as
// many quads as the store holds; a rewrite is a no-op; removing leaves an
// empty store.
func FuzzWriteDocument(f *testing.F) {
	f.Add("Donald Trump", "Gustavo Petro", "met", "Trump will meet Petro.", "2026-02", "Trump", "Title")
	f.Add("Marco Rubio", "Secretary of State", "title", "Rubio, the Secretary of State.", "", "", "")
	f.Add("Nicolás Maduro", "Venezuela", "leader_of", "Maduro \"leads\"\tVenezuela\n", "2026", "Maduro", "ünïcode")
	f.Add("A", "A", "spoke_with", "", "x", "a", "\x00")
	f.Add("—", "'", "criticized", "\\u0000", "2026-13-45", "<iri>", "_:b")
	f.Fuzz(func(t *testing.T, subj, obj, pred, sentence, when, alias, title string) {
		ctx := context.Background()
		s := mustOpen(t, Config{Backend: BackendMemstore})
		d := &extract.Document{
			ID: "fuzz.txt", Path: "fuzz.txt", Title: title, Hash: "h", Text: sentence,
			Entities: []extract.Entity{{Name: subj, Type: schema.Person, Aliases: []string{alias}}},
			Relations: []extract.Relation{{
				Subject: subj, SubjectType: schema.Person, Predicate: pred, Object: obj, ObjectType: schema.Country,
				When: when, Sentence: sentence, Start: 0, End: len(sentence), Confidence: 0.5,
			}},
		}
		res, err := s.WriteDocument(ctx, d)
		if errors.Is(err, ErrInvalid) {
			return
		}
		if err != nil {
			t.Fatalf("WriteDocument: %v", err)
		}
		sts := statements(t, s, Filter{})
		if len(sts) != 1 || sts[0].Predicate != pred || sts[0].Sentence != sentence || sts[0].When != when {
			t.Fatalf("read back %+v, want one %s statement with the written sentence and when", sts, pred)
		}
		var buf bytes.Buffer
		if err := s.Export(ctx, &buf, "nquads"); err != nil {
			t.Fatal(err)
		}
		qs, err := quad.ReadAll(nquads.NewReader(&buf, false))
		if err != nil {
			t.Fatalf("exported N-Quads do not parse: %v\n%s", err, buf.String())
		}
		if int64(len(qs)) != stats(t, s).Quads || len(qs) != res.Quads {
			t.Fatalf("export has %d quads, store %d, write reported %d", len(qs), stats(t, s).Quads, res.Quads)
		}
		if again, err := s.WriteDocument(ctx, d); err != nil || again.Status != Unchanged {
			t.Fatalf("rewrite = %+v, %v; want unchanged", again, err)
		}
		if ok, err := s.RemoveDocument(ctx, d.ID); err != nil || !ok {
			t.Fatalf("RemoveDocument = %v, %v", ok, err)
		}
		if n := stats(t, s).Quads; n != 0 {
			t.Fatalf("%d quads left after removing the only document", n)
		}
	})
}
