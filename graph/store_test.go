package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/schema"
)

// backends are the stores every conformance test runs over.
var backends = []struct {
	name string
	open func(t *testing.T) *Store
}{
	{"memstore", func(t *testing.T) *Store { return mustOpen(t, Config{Backend: BackendMemstore}) }},
	{"bolt", func(t *testing.T) *Store {
		return mustOpen(t, Config{Backend: BackendBolt, Address: filepath.Join(t.TempDir(), "store.db")})
	}},
	{"leveldb", func(t *testing.T) *Store {
		return mustOpen(t, Config{Backend: BackendLevelDB, Address: filepath.Join(t.TempDir(), "store.db")})
	}},
	// PostgreSQL when NEWSGRAPH_TEST_POSTGRES names a server (skipped
	// otherwise): a fresh database for each store (see sql_test.go).
	{"postgres", func(t *testing.T) *Store {
		return mustOpen(t, Config{Backend: BackendPostgres, Address: testPostgresDB(t)})
	}},
}

func mustOpen(t *testing.T, cfg Config) *Store {
	t.Helper()
	s, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Open(%+v): %v", cfg, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestStore(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { testStore(t, b.open) })
	}
}

// write stores docs in order and fails the test on error.
func write(t *testing.T, s *Store, docs ...*extract.Document) []WriteResult {
	t.Helper()
	var out []WriteResult
	for _, d := range docs {
		r, err := s.WriteDocument(context.Background(), d)
		if err != nil {
			t.Fatalf("WriteDocument(%s): %v", d.ID, err)
		}
		out = append(out, r)
	}
	return out
}

func entities(t *testing.T, s *Store) []Entity {
	t.Helper()
	es, err := s.Entities(context.Background())
	if err != nil {
		t.Fatalf("Entities: %v", err)
	}
	return es
}

func statements(t *testing.T, s *Store, f Filter) []Statement {
	t.Helper()
	ss, err := s.Statements(context.Background(), f)
	if err != nil {
		t.Fatalf("Statements(%+v): %v", f, err)
	}
	return ss
}

func stats(t *testing.T, s *Store) Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

// short is a statement reduced to what most tests compare.
type short struct {
	Doc, Subject, Predicate, Object string
}

func shorten(ss []Statement) []short {
	out := make([]short, 0, len(ss))
	for _, s := range ss {
		o := s.Object.Name
		if s.Literal != "" {
			o = "\"" + s.Literal + "\""
		}
		out = append(out, short{s.Doc, s.Subject.Name, s.Predicate, o})
	}
	return out
}

func entityNames(es []Entity) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Name)
	}
	return out
}

var (
	trump    = Entity{IRI: iri("Donald Trump"), Name: "Donald Trump", Type: schema.Person, Aliases: []string{"Trump"}}
	petro    = Entity{IRI: iri("Gustavo Petro"), Name: "Gustavo Petro", Type: schema.Person, Aliases: []string{"Petro"}}
	colombia = Entity{IRI: iri("Colombia"), Name: "Colombia", Type: schema.Country}
	rubio    = Entity{IRI: iri("Marco Rubio"), Name: "Marco Rubio", Type: schema.Person, Aliases: []string{"Rubio"}}
)

// wantStatementsA is what docA reads back as.
func wantStatementsA() []Statement {
	d := docA()
	base := Statement{Doc: "a.txt", DocPath: "testdata/a.txt", DocTitle: "Trump and Petro", DocDate: "2026-01-03",
		Modality: schema.Asserted, Confidence: 0.8}
	with := func(r extract.Relation, f func(*Statement)) Statement {
		s := base
		s.Sentence, s.Start, s.End, s.CAMEO = r.Sentence, r.Start, r.End, r.CAMEO
		f(&s)
		return s
	}
	return []Statement{
		with(d.Relations[0], func(s *Statement) {
			s.Subject, s.Predicate, s.Object = trump, schema.Met, petro
			s.Modality, s.When, s.CAMEO, s.Confidence, s.Attribution = schema.Planned, "2026-02", "036", 0.9, "Donald Trump"
		}),
		with(d.Relations[1], func(s *Statement) { s.Subject, s.Predicate, s.Object = petro, schema.LeaderOf, colombia }),
		with(d.Relations[2], func(s *Statement) { s.Subject, s.Predicate, s.Literal = rubio, schema.Title, "Secretary of State" }),
		with(d.Relations[3], func(s *Statement) { s.Subject, s.Predicate, s.Object = trump, schema.SpokeWith, petro }),
	}
}

var ignoreIRI = cmpopts.IgnoreFields(Statement{}, "IRI")

// testStore is the conformance suite every backend must pass; open returns
// a fresh, empty store.
func testStore(t *testing.T, open func(t *testing.T) *Store) {
	ctx := context.Background()
	tests := []struct {
		name string
		run  func(t *testing.T, s *Store)
	}{
		{"write then read back", func(t *testing.T, s *Store) {
			res := write(t, s, docA())[0]
			if res.Status != Added || res.Statements != 4 || res.Inserted != res.Quads || res.Deleted != 0 {
				t.Errorf("WriteDocument = %+v, want added with 4 statements and every quad inserted", res)
			}
			if diff := cmp.Diff([]Entity{colombia, trump, petro, rubio}, entities(t, s)); diff != "" {
				t.Errorf("Entities (-want +got):\n%s", diff)
			}
			got := statements(t, s, Filter{})
			if diff := cmp.Diff(wantStatementsA(), got, ignoreIRI); diff != "" {
				t.Errorf("Statements (-want +got):\n%s", diff)
			}
			seen := map[string]bool{}
			for _, st := range got {
				if !strings.HasPrefix(st.IRI, schema.Base+"stmt/") || seen[st.IRI] {
					t.Errorf("statement IRI %q: want a unique IRI under %sstmt/", st.IRI, schema.Base)
				}
				seen[st.IRI] = true
			}
			docs, err := s.Documents(ctx)
			if err != nil {
				t.Fatal(err)
			}
			want := []DocInfo{{ID: "a.txt", IRI: schema.DocumentIRI("a.txt"), Path: "testdata/a.txt", Title: "Trump and Petro",
				Date: "2026-01-03", Hash: "hash-a-1", Statements: 4}}
			if diff := cmp.Diff(want, docs); diff != "" {
				t.Errorf("Documents (-want +got):\n%s", diff)
			}
			if st := stats(t, s); st.Quads != int64(res.Quads) {
				t.Errorf("Stats.Quads = %d, WriteResult.Quads = %d: want equal for one document", st.Quads, res.Quads)
			}
		}},
		{"unchanged rewrite is a no-op", func(t *testing.T, s *Store) {
			first := write(t, s, docA(), docB())
			before := stats(t, s)
			again := write(t, s, docA())[0]
			want := WriteResult{Doc: "a.txt", Status: Unchanged, Statements: 4, Quads: first[0].Quads}
			if diff := cmp.Diff(want, again); diff != "" {
				t.Errorf("second WriteDocument (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(before, stats(t, s)); diff != "" {
				t.Errorf("Stats changed by an unchanged rewrite (-before +after):\n%s", diff)
			}
		}},
		{"same content under a new hash rewrites nothing", func(t *testing.T, s *Store) {
			write(t, s, docA())
			d := docA()
			d.Hash = "hash-a-other"
			res := write(t, s, d)[0]
			// Only the hash quad differs.
			if res.Status != Replaced || res.Inserted != 1 || res.Deleted != 1 {
				t.Errorf("WriteDocument = %+v, want replaced with 1 inserted and 1 deleted", res)
			}
		}},
		{"replace with a changed hash", func(t *testing.T, s *Store) {
			oldA := write(t, s, docA(), docB())[0]
			oldIRIs := map[string]bool{}
			for _, st := range statements(t, s, Filter{Doc: "a.txt"}) {
				oldIRIs[st.IRI] = true
			}
			res := write(t, s, docA2())[0]
			if res.Status != Replaced || res.Statements != 2 || res.Deleted == 0 || res.Inserted == 0 {
				t.Errorf("WriteDocument = %+v, want replaced with 2 statements", res)
			}
			_ = oldA
			want := []short{
				{"a.txt", "Donald Trump", "met", "Gustavo Petro"},
				{"a.txt", "Gustavo Petro", "criticized", "Donald Trump"},
				{"b.txt", "Donald Trump", "criticized", "Nicolás Maduro"},
				{"b.txt", "Nicolás Maduro", "leader_of", "Venezuela"},
			}
			got := statements(t, s, Filter{})
			if diff := cmp.Diff(want, shorten(got)); diff != "" {
				t.Errorf("Statements (-want +got):\n%s", diff)
			}
			for _, st := range got {
				if oldIRIs[st.IRI] {
					t.Errorf("statement %s of the old version survived", st.IRI)
				}
			}
			if got[0].When != "2026-01-03" || got[0].DocTitle != "Trump and Petro met" || got[0].Modality != schema.Asserted {
				t.Errorf("replaced statement = %+v, want the new version's attributes", got[0])
			}
			// Rubio and Colombia were only in the old version; Trump is
			// shared with b.txt and keeps b.txt's alias.
			wantNames := []string{"Donald Trump", "Gustavo Petro", "Nicolás Maduro", "Venezuela"}
			es := entities(t, s)
			if diff := cmp.Diff(wantNames, entityNames(es)); diff != "" {
				t.Errorf("entity names (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{"President Trump", "Trump"}, es[0].Aliases); diff != "" {
				t.Errorf("Donald Trump's aliases (-want +got):\n%s", diff)
			}
			// The store holds exactly what writing A2 and B into an empty store gives.
			fresh := open(t)
			write(t, fresh, docA2(), docB())
			if got, want := stats(t, s).Quads, stats(t, fresh).Quads; got != want {
				t.Errorf("Quads after replace = %d, want %d as in a fresh store", got, want)
			}
		}},
		{"remove", func(t *testing.T, s *Store) {
			write(t, s, docA(), docB())
			ok, err := s.RemoveDocument(ctx, "a.txt")
			if err != nil || !ok {
				t.Fatalf("RemoveDocument(a.txt) = %v, %v; want true, nil", ok, err)
			}
			want := []short{
				{"b.txt", "Donald Trump", "criticized", "Nicolás Maduro"},
				{"b.txt", "Nicolás Maduro", "leader_of", "Venezuela"},
			}
			if diff := cmp.Diff(want, shorten(statements(t, s, Filter{}))); diff != "" {
				t.Errorf("Statements (-want +got):\n%s", diff)
			}
			wantTrump := Entity{IRI: trump.IRI, Name: "Donald Trump", Type: schema.Person, Aliases: []string{"President Trump"}}
			es := entities(t, s)
			if diff := cmp.Diff([]string{"Donald Trump", "Nicolás Maduro", "Venezuela"}, entityNames(es)); diff != "" {
				t.Errorf("entity names (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(wantTrump, es[0]); diff != "" {
				t.Errorf("Donald Trump (-want +got):\n%s", diff)
			}
			fresh := open(t)
			write(t, fresh, docB())
			if diff := cmp.Diff(stats(t, fresh), stats(t, s), cmpopts.IgnoreFields(Stats{}, "Address")); diff != "" {
				t.Errorf("Stats after remove differ from a store with only b.txt (-fresh +got):\n%s", diff)
			}
			if ok, err := s.RemoveDocument(ctx, "a.txt"); err != nil || ok {
				t.Errorf("second RemoveDocument(a.txt) = %v, %v; want false, nil", ok, err)
			}
			if ok, err := s.RemoveDocument(ctx, "b.txt"); err != nil || !ok {
				t.Errorf("RemoveDocument(b.txt) = %v, %v; want true, nil", ok, err)
			}
			if st := stats(t, s); st.Quads != 0 || st.Entities != 0 {
				t.Errorf("Stats after removing everything = %+v, want an empty store", st)
			}
		}},
		{"documents share an entity", func(t *testing.T, s *Store) {
			write(t, s, docA(), docB())
			es := entities(t, s)
			var got []Entity
			for _, e := range es {
				if e.IRI == trump.IRI {
					got = append(got, e)
				}
			}
			want := []Entity{{IRI: trump.IRI, Name: "Donald Trump", Type: schema.Person, Aliases: []string{"President Trump", "Trump"}}}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Donald Trump (-want +got):\n%s", diff)
			}
			wantSt := []short{
				{"a.txt", "Donald Trump", "met", "Gustavo Petro"},
				{"a.txt", "Donald Trump", "spoke_with", "Gustavo Petro"},
				{"b.txt", "Donald Trump", "criticized", "Nicolás Maduro"},
			}
			if diff := cmp.Diff(wantSt, shorten(statements(t, s, Filter{EntityIRI: trump.IRI}))); diff != "" {
				t.Errorf("Statements about Trump (-want +got):\n%s", diff)
			}
			one, err := s.Entity(ctx, trump.IRI)
			if err != nil || one.Name != "Donald Trump" {
				t.Errorf("Entity(trump) = %+v, %v", one, err)
			}
			if _, err := s.Entity(ctx, iri("Nobody")); !errors.Is(err, ErrNotFound) {
				t.Errorf("Entity(nobody) error = %v, want ErrNotFound", err)
			}
		}},
		{"names merge across documents", func(t *testing.T, s *Store) {
			b := docB()
			c := &extract.Document{ID: "c.txt", Hash: "c", Text: "Nicolas Maduro spoke.",
				Entities: []extract.Entity{{Name: "Nicolas Maduro", Type: schema.Person}}}
			write(t, s, b, c)
			var got Entity
			for _, e := range entities(t, s) {
				if e.IRI == iri("Nicolás Maduro") {
					got = e
				}
			}
			want := Entity{IRI: iri("Nicolas Maduro"), Name: "Nicolás Maduro", Type: schema.Person, Aliases: []string{"Maduro", "Nicolas Maduro"}}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("merged entity (-want +got):\n%s", diff)
			}
		}},
		{"symmetric predicate stored once", func(t *testing.T, s *Store) {
			d := docA()
			r := d.Relations[3] // Petro spoke_with Trump
			r.Subject, r.Object = r.Object, r.Subject
			d.Relations = append(d.Relations, r) // Trump spoke_with Petro, same sentence
			res := write(t, s, d)[0]
			if res.Statements != 4 {
				t.Errorf("Statements = %d, want 4 (the reversed duplicate merges)", res.Statements)
			}
			got := statements(t, s, Filter{Predicates: []string{schema.SpokeWith}})
			want := []short{{"a.txt", "Donald Trump", "spoke_with", "Gustavo Petro"}}
			if diff := cmp.Diff(want, shorten(got)); diff != "" {
				t.Errorf("spoke_with statements (-want +got):\n%s", diff)
			}
		}},
		{"relation endpoints written as aliases resolve", func(t *testing.T, s *Store) {
			d := docA()
			d.Relations[1].Subject = "Petro" // alias of Gustavo Petro
			d.Relations[0].Object = "PETRO"  // folds to the same alias
			write(t, s, d)
			got := shorten(statements(t, s, Filter{Predicates: []string{schema.Met, schema.LeaderOf}}))
			want := []short{
				{"a.txt", "Donald Trump", "met", "Gustavo Petro"},
				{"a.txt", "Gustavo Petro", "leader_of", "Colombia"},
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Statements (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{"Colombia", "Donald Trump", "Gustavo Petro", "Marco Rubio"}, entityNames(entities(t, s))); diff != "" {
				t.Errorf("entity names (-want +got):\n%s", diff)
			}
		}},
		{"title has a literal object", func(t *testing.T, s *Store) {
			write(t, s, docA())
			got := statements(t, s, Filter{Predicates: []string{schema.Title}})
			if len(got) != 1 || got[0].Literal != "Secretary of State" || got[0].Object.IRI != "" {
				t.Errorf("title statements = %+v, want one with Literal \"Secretary of State\" and a zero Object", got)
			}
		}},
		{"filters", func(t *testing.T, s *Store) {
			write(t, s, docA(), docB())
			cases := []struct {
				f    Filter
				want []short
			}{
				{Filter{Predicates: []string{schema.LeaderOf, schema.Criticized}}, []short{
					{"a.txt", "Gustavo Petro", "leader_of", "Colombia"},
					{"b.txt", "Donald Trump", "criticized", "Nicolás Maduro"},
					{"b.txt", "Nicolás Maduro", "leader_of", "Venezuela"},
				}},
				{Filter{Doc: "b.txt"}, []short{
					{"b.txt", "Donald Trump", "criticized", "Nicolás Maduro"},
					{"b.txt", "Nicolás Maduro", "leader_of", "Venezuela"},
				}},
				{Filter{Doc: "a.txt", Predicates: []string{schema.Met}}, []short{{"a.txt", "Donald Trump", "met", "Gustavo Petro"}}},
				{Filter{EntityIRI: iri("Venezuela")}, []short{{"b.txt", "Nicolás Maduro", "leader_of", "Venezuela"}}},
				{Filter{EntityIRI: trump.IRI, Doc: "b.txt"}, []short{{"b.txt", "Donald Trump", "criticized", "Nicolás Maduro"}}},
				{Filter{Doc: "missing.txt"}, []short{}},
				{Filter{Predicates: []string{"no_such_predicate"}}, []short{}},
			}
			for _, c := range cases {
				if diff := cmp.Diff(c.want, shorten(statements(t, s, c.f))); diff != "" {
					t.Errorf("Statements(%+v) (-want +got):\n%s", c.f, diff)
				}
			}
		}},
		{"invalid document writes nothing", func(t *testing.T, s *Store) {
			d := docA()
			d.Relations[1].Predicate = "no_such_predicate"
			if _, err := s.WriteDocument(ctx, d); !errors.Is(err, ErrInvalid) {
				t.Errorf("WriteDocument error = %v, want ErrInvalid", err)
			}
			if _, err := s.WriteDocument(ctx, &extract.Document{}); !errors.Is(err, ErrInvalid) {
				t.Errorf("WriteDocument(no ID) error = %v, want ErrInvalid", err)
			}
			if st := stats(t, s); st.Quads != 0 {
				t.Errorf("Quads = %d after failed writes, want 0", st.Quads)
			}
		}},
		{"export nquads parses back with absolute IRIs", func(t *testing.T, s *Store) {
			write(t, s, docA(), docB())
			var buf bytes.Buffer
			if err := s.Export(ctx, &buf, "nquads"); err != nil {
				t.Fatal(err)
			}
			qs, err := quad.ReadAll(nquads.NewReader(bytes.NewReader(buf.Bytes()), false))
			if err != nil {
				t.Fatalf("reading exported N-Quads: %v", err)
			}
			if got, want := int64(len(qs)), stats(t, s).Quads; got != want {
				t.Errorf("exported %d quads, store holds %d", got, want)
			}
			for _, q := range qs {
				for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
					var iri string
					switch v := v.(type) {
					case quad.IRI:
						iri = string(v)
					case quad.TypedString:
						iri = string(v.Type)
					case quad.BNode:
						t.Errorf("blank node in %v", q)
					}
					if u, err := url.Parse(iri); iri != "" && (err != nil || !u.IsAbs()) {
						t.Errorf("IRI %q in %v is not absolute", iri, q)
					}
				}
			}
			for _, line := range []string{
				`"2026-02"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>`,
				`"0.9"^^<http://www.w3.org/2001/XMLSchema#float>`,
				`<http://newsgraph.org/kg/entity/donald_trump> <http://newsgraph.org/kg/rel/met> <http://newsgraph.org/kg/entity/gustavo_petro> <http://newsgraph.org/kg/stmt/`,
				`<http://newsgraph.org/kg/doc/b.txt> <http://newsgraph.org/kg/date> "2025-10" <http://newsgraph.org/kg/doc/b.txt> .`,
			} {
				if !strings.Contains(buf.String(), line) {
					t.Errorf("export lacks %s", line)
				}
			}
		}},
		{"export other formats", func(t *testing.T, s *Store) {
			write(t, s, docA())
			for _, f := range []string{"jsonld", "graphml", "dot"} {
				var buf bytes.Buffer
				if err := s.Export(ctx, &buf, f); err != nil {
					t.Errorf("Export(%s): %v", f, err)
					continue
				}
				if !strings.Contains(buf.String(), "donald_trump") {
					t.Errorf("Export(%s) lacks donald_trump:\n%.300s", f, buf.String())
				}
				if f == "jsonld" && !json.Valid(buf.Bytes()) {
					t.Errorf("Export(jsonld) is not JSON:\n%.300s", buf.String())
				}
			}
			var buf bytes.Buffer
			if err := s.Export(ctx, &buf, "pquads"); !errors.Is(err, ErrFormat) || buf.Len() != 0 {
				t.Errorf("Export(pquads) = %v with %d bytes, want ErrFormat and nothing written", err, buf.Len())
			}
		}},
		{"gizmo query", func(t *testing.T, s *Store) {
			write(t, s, docA(), docB())
			script := `g.V("<` + trump.IRI + `>").Out("<` + schema.PredicateIRI(schema.Criticized) + `>").Out("<` + schema.Name + `>").Unique().All()`
			got, err := s.Query(ctx, "gizmo", script, 0)
			if err != nil {
				t.Fatal(err)
			}
			want := []interface{}{map[string]interface{}{"id": "Nicolás Maduro"}}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Query (-want +got):\n%s", diff)
			}
			all, err := s.Query(ctx, "gizmo", `g.V().All()`, 3)
			if err != nil || len(all) != 3 {
				t.Errorf("Query(g.V().All(), limit 3) = %d results, %v; want 3", len(all), err)
			}
			if _, err := s.Query(ctx, "gizmo", `g.V(`, 0); err == nil {
				t.Errorf("Query with a syntax error succeeded")
			}
			if _, err := s.Query(ctx, "sparql", `SELECT *`, 0); !errors.Is(err, ErrFormat) {
				t.Errorf("Query(sparql) error = %v, want ErrFormat", err)
			}
		}},
		{"graphql query", func(t *testing.T, s *Store) {
			write(t, s, docA(), docB())
			script := `{ e(<` + schema.RDFType + `>: <` + schema.TypeIRI(schema.Country) + `>) { name: <` + schema.Name + `> } }`
			got, err := s.Query(ctx, "graphql", script, 0)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, r := range got {
				m, _ := r.(map[string]interface{})
				for _, e := range asList(m["e"]) {
					em, _ := e.(map[string]interface{})
					for _, n := range asList(em["name"]) {
						names = append(names, n.(string))
					}
				}
			}
			sort.Strings(names)
			if diff := cmp.Diff([]string{"Colombia", "Venezuela"}, names); diff != "" {
				t.Errorf("GraphQL country names (-want +got):\n%s\nraw: %#v", diff, got)
			}
		}},
		{"stats", func(t *testing.T, s *Store) {
			rs := write(t, s, docA(), docB())
			got := stats(t, s)
			want := Stats{
				Backend: got.Backend, Address: got.Address,
				Quads: int64(rs[0].Quads + rs[1].Quads), Entities: 6, Statements: 6, Documents: 2,
				ByPredicate: map[string]int64{"met": 1, "leader_of": 2, "title": 1, "spoke_with": 1, "criticized": 1},
				ByType:      map[string]int64{"Person": 4, "Country": 2},
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Stats (-want +got):\n%s", diff)
			}
		}},
		{"cancelled context", func(t *testing.T, s *Store) {
			write(t, s, docA())
			cctx, cancel := context.WithCancel(ctx)
			cancel()
			if _, err := s.WriteDocument(cctx, docA2()); !errors.Is(err, context.Canceled) {
				t.Errorf("WriteDocument error = %v, want context.Canceled", err)
			}
			if _, err := s.Query(cctx, "gizmo", `g.V().All()`, 0); !errors.Is(err, context.Canceled) {
				t.Errorf("Query error = %v, want context.Canceled", err)
			}
			if diff := cmp.Diff(wantStatementsA(), statements(t, s, Filter{}), ignoreIRI); diff != "" {
				t.Errorf("Statements after a cancelled replace (-want +got):\n%s", diff)
			}
		}},
		{"failure inside the transaction keeps the old version", func(t *testing.T, s *Store) {
			write(t, s, docA(), docB())
			before := stats(t, s)
			beforeSt := statements(t, s, Filter{})
			// Append an insert of a quad that exists (b.txt's type quad):
			// the backend rejects it in the middle of the transaction.
			dup := quad.Quad{Subject: quad.IRI(schema.DocumentIRI("b.txt")), Predicate: quad.IRI(schema.RDFType),
				Object: quad.IRI(schema.ClassDocument), Label: quad.IRI(schema.DocumentIRI("b.txt"))}
			s.beforeApply = func(d []cgraph.Delta) []cgraph.Delta { return append(d, cgraph.Delta{Quad: dup, Action: cgraph.Add}) }
			_, err := s.WriteDocument(ctx, docA2())
			s.beforeApply = nil
			if err == nil {
				t.Fatal("WriteDocument succeeded despite the injected failure")
			}
			if diff := cmp.Diff(before, stats(t, s)); diff != "" {
				t.Errorf("Stats changed by a failed write (-before +after):\n%s", diff)
			}
			if diff := cmp.Diff(beforeSt, statements(t, s, Filter{})); diff != "" {
				t.Errorf("Statements changed by a failed write (-before +after):\n%s", diff)
			}
			// The store still works: the same write now succeeds.
			if res := write(t, s, docA2())[0]; res.Status != Replaced {
				t.Errorf("WriteDocument after the failure = %+v, want replaced", res)
			}
		}},
		{"concurrent readers and writers", func(t *testing.T, s *Store) {
			var wg sync.WaitGroup
			errs := make(chan error, 64)
			for w := 0; w < 2; w++ {
				wg.Add(1)
				go func(w int) {
					defer wg.Done()
					for i := 0; i < 5; i++ {
						for _, d := range []*extract.Document{docA(), docA2(), docB()} {
							d.ID = fmt.Sprintf("w%d-%s", w, d.ID)
							if _, err := s.WriteDocument(ctx, d); err != nil {
								errs <- err
							}
						}
					}
				}(w)
			}
			for r := 0; r < 2; r++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := 0; i < 5; i++ {
						if _, err := s.Statements(ctx, Filter{}); err != nil {
							errs <- err
						}
						if _, err := s.Stats(ctx); err != nil {
							errs <- err
						}
						if _, err := s.Query(ctx, "gizmo", `g.V().Out("<`+schema.Name+`>").All()`, 5); err != nil {
							errs <- err
						}
						if err := s.Export(ctx, io.Discard, "nquads"); err != nil {
							errs <- err
						}
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
			// Each writer's last version of a.txt is docB-free docA2.
			if got := len(statements(t, s, Filter{})); got != 8 {
				t.Errorf("%d statements, want 8 (two writers × (a2: 2 + b: 2))", got)
			}
		}},
		{"gizmo query stops when the context ends", func(t *testing.T, s *Store) {
			write(t, s, docA())
			cctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
			defer cancel()
			start := time.Now()
			_, err := s.Query(cctx, "gizmo", `while (true) {}`, 0)
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("Query error = %v, want context.DeadlineExceeded", err)
			}
			if took := time.Since(start); took > 2*time.Second {
				t.Errorf("Query returned after %v, want soon after the 200ms deadline", took)
			}
			// The store is usable (the interrupted script no longer holds it).
			write(t, s, docB())
		}},
		{"closed store", func(t *testing.T, s *Store) {
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if _, err := s.WriteDocument(ctx, docA()); !errors.Is(err, ErrClosed) {
				t.Errorf("WriteDocument after Close = %v, want ErrClosed", err)
			}
			if _, err := s.Entities(ctx); !errors.Is(err, ErrClosed) {
				t.Errorf("Entities after Close = %v, want ErrClosed", err)
			}
			if err := s.Close(); err != nil {
				t.Errorf("second Close = %v, want nil", err)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, open(t)) })
	}
}

func asList(v interface{}) []interface{} {
	switch v := v.(type) {
	case nil:
		return nil
	case []interface{}:
		return v
	case []map[string]interface{}:
		out := make([]interface{}, len(v))
		for i := range v {
			out[i] = v[i]
		}
		return out
	}
	return []interface{}{v}
}
