package graph

import (
	"context"
	"encoding/binary"
	"fmt"
	"strings"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/schema"
)

// checkStore runs Check and fails the test on error.
func checkStore(t *testing.T, s *Store) CheckReport {
	t.Helper()
	rep, err := s.Check(context.Background())
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	return rep
}

// TestCheckClean checks that stores written by WriteDocument,
// WriteDocuments (the kv fast path), a replacement and a removal pass
// Check on every backend, with the counts of Stats.
func TestCheckClean(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			if rep := checkStore(t, s); !rep.OK() || rep.Quads != 0 {
				t.Fatalf("empty store: %+v, want no quads and no problem", rep)
			}
			if _, err := s.WriteDocuments(ctx, []*extract.Document{docA(), docB()}); err != nil {
				t.Fatal(err)
			}
			steps := []struct {
				name string
				do   func()
			}{
				{"written", func() {}},
				{"replaced", func() { write(t, s, docA2()) }},
				{"removed", func() {
					if _, err := s.RemoveDocument(ctx, "b.txt"); err != nil {
						t.Fatal(err)
					}
				}},
			}
			for _, step := range steps {
				step.do()
				rep := checkStore(t, s)
				if !rep.OK() {
					t.Errorf("%s: problems %v", step.name, rep.Problems)
				}
				st := stats(t, s)
				if rep.Quads != st.Quads || rep.Statements != st.Statements || rep.Documents != st.Documents || rep.Entities != st.Entities {
					t.Errorf("%s: report %+v, Stats %+v", step.name, rep, st)
				}
				if b.name != "memstore" && rep.Nodes <= 0 {
					t.Errorf("%s: nodes %d, want an exact count", step.name, rep.Nodes)
				}
			}
		})
	}
}

// corruption changes a store holding docA and docB behind the layout's
// back, with Cayley's own API, as a crash or a bug could.
type corruption struct {
	name string
	// del selects quads to delete: its non-nil directions must match.
	del func(s *Store, stmt string) quad.Quad
	add func(stmt string) []quad.Quad
	// want lists a kind and a substring of the detail of each problem that
	// must be reported; doc and statement say whether it must name them.
	want []wantProblem
}

type wantProblem struct {
	kind   ProblemKind
	detail string
	doc    bool // names a.txt
	stmt   bool // names the statement
}

// TestCheckCorrupt corrupts a store in one way per case and checks that
// Check reports the problem, naming the document and statement.
func TestCheckCorrupt(t *testing.T) {
	docIRI := quad.IRI(schema.DocumentIRI("a.txt"))
	p := func(pred string) quad.Value { return quad.IRI(pred) }
	stmtQuad := func(pred string) func(*Store, string) quad.Quad {
		return func(_ *Store, st string) quad.Quad {
			return quad.Quad{Subject: quad.IRI(st), Predicate: p(pred), Label: docIRI}
		}
	}
	docQuad := func(pred string) func(*Store, string) quad.Quad {
		return func(*Store, string) quad.Quad { return quad.Quad{Subject: docIRI, Predicate: p(pred), Label: docIRI} }
	}
	cases := []corruption{
		{name: "relation quad deleted",
			del:  func(_ *Store, st string) quad.Quad { return quad.Quad{Label: quad.IRI(st)} },
			want: []wantProblem{{ProblemRelationMissing, "no relation quad", true, true}}},
		{name: "sentence deleted", del: stmtQuad(schema.AttrSentence),
			want: []wantProblem{{ProblemStatementField, "no <" + schema.AttrSentence + ">", true, true}}},
		{name: "start deleted", del: stmtQuad(schema.AttrStart),
			want: []wantProblem{{ProblemStatementField, "no <" + schema.AttrStart + ">", true, true}}},
		{name: "modality deleted", del: stmtQuad(schema.AttrModality),
			want: []wantProblem{{ProblemStatementField, "no <" + schema.AttrModality + ">", true, true}}},
		{name: "confidence deleted", del: stmtQuad(schema.AttrConfidence),
			want: []wantProblem{{ProblemStatementField, "no <" + schema.AttrConfidence + ">", true, true}}},
		{name: "source deleted", del: stmtQuad(schema.AttrSource),
			want: []wantProblem{{ProblemStatementField, "no <" + schema.AttrSource + ">", false, true}}},
		{name: "statement type deleted", del: stmtQuad(schema.RDFType),
			want: []wantProblem{
				{ProblemStatementField, "no rdf:type Statement", true, true},
				{ProblemRelationOrphan, "incomplete statement", true, true},
			}},
		{name: "document hash deleted", del: docQuad(schema.AttrHash),
			want: []wantProblem{{ProblemDocumentField, "no hash", true, false}}},
		{name: "document path deleted", del: docQuad(schema.AttrPath),
			want: []wantProblem{{ProblemDocumentField, "no path", true, false}}},
		{name: "document type deleted", del: docQuad(schema.RDFType),
			want: []wantProblem{
				{ProblemOrphanQuad, "not stored", true, false},
				{ProblemStatementDocument, "is not stored", true, true},
			}},
		{name: "entity name deleted",
			del: func(*Store, string) quad.Quad {
				return quad.Quad{Subject: quad.IRI(schema.EntityIRI("Colombia")), Predicate: p(schema.Name), Label: docIRI}
			},
			want: []wantProblem{{ProblemEntityDescription, "does not describe", true, false}}},
		{name: "mention deleted",
			del: func(*Store, string) quad.Quad {
				return quad.Quad{Subject: docIRI, Predicate: p(AttrMentions), Object: quad.IRI(schema.EntityIRI("Colombia")), Label: docIRI}
			},
			want: []wantProblem{{ProblemEntityDescription, "does not mention", true, false}}},
		{name: "relation quad of no statement",
			add: func(string) []quad.Quad {
				return []quad.Quad{{Subject: quad.IRI(schema.EntityIRI("X")), Predicate: quad.IRI(schema.PredicateIRI(schema.Met)),
					Object: quad.IRI(schema.EntityIRI("Y")), Label: quad.IRI(schema.StatementIRI("0123"))}}
			},
			want: []wantProblem{{ProblemRelationOrphan, "not stored", false, false}}},
		{name: "quad without label",
			add: func(string) []quad.Quad {
				return []quad.Quad{{Subject: quad.IRI(schema.EntityIRI("X")), Predicate: p(schema.Name), Object: quad.String("X")}}
			},
			want: []wantProblem{{ProblemOrphanQuad, "without a graph label", false, false}}},
		{name: "relation quad changed",
			del: func(_ *Store, st string) quad.Quad { return quad.Quad{Label: quad.IRI(st)} },
			add: func(st string) []quad.Quad {
				return []quad.Quad{{Subject: quad.IRI(schema.EntityIRI("Donald Trump")), Predicate: quad.IRI(schema.PredicateIRI(schema.Met)),
					Object: quad.IRI(schema.EntityIRI("Venezuela")), Label: quad.IRI(st)}}
			},
			want: []wantProblem{{ProblemRelationMissing, "does not match", true, true}}},
		{name: "statement in another document's graph",
			add: func(st string) []quad.Quad {
				return []quad.Quad{{Subject: quad.IRI(st), Predicate: p(schema.AttrCAMEO), Object: quad.String("010"),
					Label: quad.IRI(schema.DocumentIRI("b.txt"))}}
			},
			want: []wantProblem{{ProblemStatementGraph, "not in its source document's", true, true}}},
	}
	for _, b := range backends {
		for _, c := range cases {
			t.Run(b.name+"/"+c.name, func(t *testing.T) {
				s := b.open(t)
				write(t, s, docA(), docB())
				st := statements(t, s, Filter{Doc: "a.txt", Predicates: []string{schema.LeaderOf}})
				if len(st) != 1 {
					t.Fatalf("statements: %v", st)
				}
				stmt := st[0].IRI
				var deltas []cgraph.Delta
				if c.del != nil {
					for _, q := range matching(t, s, c.del(s, stmt)) {
						deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
					}
					if len(deltas) == 0 {
						t.Fatal("no quad to delete")
					}
				}
				if c.add != nil {
					for _, q := range c.add(stmt) {
						deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
					}
				}
				dels, adds := splitDeltas(deltas)
				for _, ds := range [][]cgraph.Delta{dels, adds} {
					if len(ds) > 0 {
						if err := s.qs.ApplyDeltas(ds, cgraph.IgnoreOpts{}); err != nil {
							t.Fatalf("corrupt: %v", err)
						}
					}
				}
				rep := checkStore(t, s)
				if rep.OK() {
					t.Fatal("Check found no problem")
				}
			want:
				for _, w := range c.want {
					for _, p := range rep.Problems {
						if p.Kind == w.kind && strings.Contains(p.Detail, w.detail) &&
							(!w.doc || p.Doc == "a.txt") && (!w.stmt || p.Statement == stmt) {
							continue want
						}
					}
					t.Errorf("no %s problem with %q (doc %v, statement %v) in\n%s", w.kind, w.detail, w.doc, w.stmt, problems(rep))
				}
			})
		}
	}
}

// matching returns the stored quads whose non-nil directions equal those of
// pattern's (Subject or Label must be set).
func matching(t *testing.T, s *Store, pattern quad.Quad) []quad.Quad {
	t.Helper()
	filter := map[quad.Direction]quad.Value{}
	for _, d := range quad.Directions {
		if v := pattern.Get(d); v != nil {
			filter[d] = v
		}
	}
	if pattern.Subject == nil {
		filter = map[quad.Direction]quad.Value{quad.Label: pattern.Label}
	}
	var out []quad.Quad
	err := s.scan(context.Background(), names{}, filter, func(q quad.Quad) error {
		for _, d := range quad.Directions {
			if v := pattern.Get(d); v != nil && q.Get(d).String() != v.String() {
				return nil
			}
		}
		out = append(out, q)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func problems(rep CheckReport) string {
	var b strings.Builder
	for _, p := range rep.Problems {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// TestCheckCountMismatch raises the quad count that Cayley's kv layout
// keeps (meta "size", 8 bytes little-endian) behind its back and checks
// that Check reports the disagreement with its scan.
func TestCheckCountMismatch(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends[1:3] { // the kv backends
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			write(t, s, docA())
			before := checkStore(t, s)
			if !before.OK() {
				t.Fatalf("clean store: %v", before.Problems)
			}
			key := hkv.Key{[]byte("meta"), []byte("size")}
			err := hkv.Update(ctx, s.batch.KV, func(tx hkv.Tx) error {
				v := make([]byte, 8)
				binary.LittleEndian.PutUint64(v, uint64(before.Quads+3))
				return tx.Put(key, v)
			})
			if err != nil {
				t.Fatal(err)
			}
			rep := checkStore(t, s)
			want := fmt.Sprintf("the backend counts %d quads, a scan finds %d", before.Quads+3, before.Quads)
			if len(rep.Problems) == 0 || rep.Problems[0].Kind != ProblemCount || rep.Problems[0].Detail != want {
				t.Errorf("problems %v, want one %s: %s", rep.Problems, ProblemCount, want)
			}
		})
	}
}
