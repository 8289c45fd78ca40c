package graph

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/schema"
)

func generation(t *testing.T, s *Store) Generation {
	t.Helper()
	g, err := s.Generation(context.Background())
	if err != nil {
		t.Fatalf("Generation: %v", err)
	}
	return g
}

// TestGeneration checks that every write that changes the store changes its
// generation, and that an unchanged write and reads do not.
func TestGeneration(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			seen := map[Generation]string{}
			step := func(what string, changes bool, fn func()) {
				t.Helper()
				before := generation(t, s)
				fn()
				after := generation(t, s)
				if changes {
					if after == before {
						t.Errorf("%s: generation stayed %+v", what, after)
					}
					if prev, ok := seen[after]; ok {
						t.Errorf("%s: generation %+v already seen after %s", what, after, prev)
					}
					seen[after] = what
				} else if after != before {
					t.Errorf("%s: generation changed %+v → %+v", what, before, after)
				}
			}
			seen[generation(t, s)] = "open"
			step("write a", true, func() { write(t, s, docA()) })
			step("write b", true, func() { write(t, s, docB()) })
			step("write a unchanged", false, func() { write(t, s, docA()) })
			step("read", false, func() { statements(t, s, Filter{}) })
			step("replace a", true, func() { write(t, s, docA2()) })
			step("replace a back", true, func() { write(t, s, docA()) })
			step("remove b", true, func() {
				if ok, err := s.RemoveDocument(ctx, "b.txt"); err != nil || !ok {
					t.Fatalf("RemoveDocument = %v, %v", ok, err)
				}
			})
		})
	}
}

// TestScanRelations checks that the one-pass scan agrees with Statements
// and Entities, document publishers included (docA names its publisher,
// docB does not).
func TestScanRelations(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			a := docA()
			a.Publisher = "The Daily Planet"
			write(t, s, a, docB())
			rel, err := s.ScanRelations(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(entities(t, s), rel.Entities); diff != "" {
				t.Errorf("entities (-Entities +scan):\n%s", diff)
			}
			type row struct {
				Subject, Predicate, Object, Literal, Doc, DocDate, DocPublisher, When string
				Modality                                                              schema.Modality
				Confidence                                                            float32
			}
			var want, got []row
			for _, st := range statements(t, s, Filter{}) {
				want = append(want, row{st.Subject.IRI, st.Predicate, st.Object.IRI, st.Literal, st.Doc, st.DocDate, st.DocPublisher, st.When, st.Modality, float32(st.Confidence)})
			}
			for _, a := range rel.Arcs {
				d := rel.Docs[a.Doc]
				r := row{Subject: rel.Entities[a.Subject].IRI, Predicate: a.Predicate, Literal: a.Literal,
					Doc: d.ID, DocDate: d.Date, DocPublisher: d.Publisher, When: rel.Whens[a.When], Modality: a.Modality, Confidence: a.Confidence}
				if a.Object >= 0 {
					r.Object = rel.Entities[a.Object].IRI
				}
				got = append(got, r)
			}
			less := func(rs []row) {
				sort.Slice(rs, func(i, j int) bool {
					a, b := rs[i], rs[j]
					if a.Doc != b.Doc {
						return a.Doc < b.Doc
					}
					if a.Predicate != b.Predicate {
						return a.Predicate < b.Predicate
					}
					return a.Subject+a.Object+a.Literal < b.Subject+b.Object+b.Literal
				})
			}
			less(want)
			less(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("arcs (-Statements +scan):\n%s", diff)
			}
			pubs := map[string]string{}
			for _, d := range rel.Docs {
				pubs[d.ID] = d.Publisher
			}
			if diff := cmp.Diff(map[string]string{"a.txt": "The Daily Planet", "b.txt": ""}, pubs); diff != "" {
				t.Errorf("document publishers (-want +scan):\n%s", diff)
			}
			if rel.Generation != generation(t, s) {
				t.Errorf("scan generation %+v, store %+v", rel.Generation, generation(t, s))
			}
		})
	}
}

func TestRelationStatements(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t, Config{Backend: BackendMemstore})
	write(t, s, docA(), docB())
	tests := []struct {
		name         string
		subj, pred   string
		obj          string
		literal      bool
		wantSentence []string
	}{
		{"entity object", iri("Donald Trump"), schema.Met, iri("Gustavo Petro"), false, []string{"Trump will meet Petro in February."}},
		{"literal object", iri("Marco Rubio"), schema.Title, "Secretary of State", true, []string{"Rubio, the Secretary of State, spoke."}},
		{"wrong direction", iri("Gustavo Petro"), schema.Met, iri("Donald Trump"), false, nil},
		{"unknown entity", iri("Nobody"), schema.Met, iri("Donald Trump"), false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.RelationStatements(ctx, tc.subj, tc.pred, tc.obj, tc.literal)
			if err != nil {
				t.Fatal(err)
			}
			var sents []string
			for _, st := range got {
				sents = append(sents, st.Sentence)
			}
			if diff := cmp.Diff(tc.wantSentence, sents); diff != "" {
				t.Errorf("sentences (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBulkLoad(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			bulk, one := b.open(t), b.open(t)
			n, err := bulk.BulkLoad(ctx, []*extract.Document{docA(), docB()}, 7)
			if err != nil {
				t.Fatal(err)
			}
			write(t, one, docA(), docB())
			if st := stats(t, one); int64(n) != st.Quads {
				t.Errorf("BulkLoad inserted %d quads, WriteDocument stores %d", n, st.Quads)
			}
			if diff := cmp.Diff(statements(t, one, Filter{}), statements(t, bulk, Filter{})); diff != "" {
				t.Errorf("statements (-WriteDocument +BulkLoad):\n%s", diff)
			}
			if _, err := bulk.BulkLoad(ctx, []*extract.Document{docA2()}, 0); !errors.Is(err, ErrInvalid) {
				t.Errorf("BulkLoad of a stored document: error %v, want ErrInvalid", err)
			}
			if _, err := one.BulkLoad(ctx, nil, 0); err != nil {
				t.Errorf("BulkLoad(nil): %v", err)
			}
		})
	}
}

func TestPathAPIDistance(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t, Config{Backend: BackendBolt, Address: t.TempDir() + "/db"})
	write(t, s, docA(), docB())
	tests := []struct {
		name     string
		from, to string
		max      int
		want     int
	}{
		{"one hop", "Donald Trump", "Gustavo Petro", 4, 1},
		{"two hops backwards", "Colombia", "Donald Trump", 4, 2},
		{"three hops", "Colombia", "Nicolás Maduro", 4, 3},
		{"beyond the limit", "Colombia", "Venezuela", 3, -1},
		{"titles are not edges", "Marco Rubio", "Donald Trump", 4, -1},
		{"same", "Venezuela", "Venezuela", 4, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.PathAPIDistance(ctx, iri(tc.from), iri(tc.to), tc.max)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("PathAPIDistance = %d, want %d", got, tc.want)
			}
		})
	}
}

// BenchmarkScanRelations measures ScanRelations over a bolt store of 400
// documents of 50 relations (about 250k quads), whose relations repeat
// across documents: with no document naming its publisher, and with each
// naming one of 20.
func BenchmarkScanRelations(b *testing.B) {
	ctx := context.Background()
	for _, pubs := range []int{0, 20} {
		b.Run(fmt.Sprintf("publishers=%d", pubs), func(b *testing.B) {
			s, err := Open(ctx, Config{Backend: BackendBolt, Address: filepath.Join(b.TempDir(), "bench.db")})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			docs := make([]*extract.Document, 400)
			for i := range docs {
				docs[i] = benchDoc(fmt.Sprintf("doc-%d", i), fmt.Sprint(i), 50)
				if pubs > 0 {
					docs[i].Publisher = fmt.Sprintf("Publisher %d", i%pubs)
				}
			}
			quads, err := s.BulkLoad(ctx, docs, 0)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				rel, err := s.ScanRelations(ctx)
				if err != nil {
					b.Fatal(err)
				}
				if len(rel.Docs) != len(docs) || rel.Docs[0].Publisher == "" != (pubs == 0) {
					b.Fatalf("scan read %d documents, first publisher %q", len(rel.Docs), rel.Docs[0].Publisher)
				}
			}
			b.ReportMetric(float64(quads)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
		})
	}
}
