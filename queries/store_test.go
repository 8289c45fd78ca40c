package queries

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// relation builds a relation whose sentence is found in text.
func relation(text, sentence, subj, pred, obj, when string, conf float64) extract.Relation {
	i := strings.Index(text, sentence)
	if i < 0 {
		panic("test fixture: sentence not in text: " + sentence)
	}
	return extract.Relation{Subject: subj, SubjectType: schema.Person, Predicate: pred, Object: obj, ObjectType: schema.Person,
		Modality: schema.Asserted, When: when, Confidence: conf, Sentence: sentence, Start: i, End: i + len(sentence)}
}

func storeDoc(id, hash, text string, rels ...extract.Relation) *extract.Document {
	d := &extract.Document{ID: id, Path: "news/" + id, Title: "about " + id, Date: "2026-01-10", Hash: hash, Text: text, Relations: rels}
	seen := map[string]bool{}
	for _, r := range rels {
		for _, n := range []string{r.Subject, r.Object} {
			if !seen[n] {
				seen[n] = true
				d.Entities = append(d.Entities, extract.Entity{Name: n, Type: schema.Person, Mentions: 1})
			}
		}
	}
	return d
}

const (
	textOne = "Trump met Petro in Bogotá. Petro leads Colombia."
	textTwo = "U.S. forces captured Maduro. Trump leads the United States."
	textNew = "Rubio met Maduro in Caracas."
)

func docOne() *extract.Document {
	return storeDoc("one.txt", "h1", textOne,
		relation(textOne, "Trump met Petro in Bogotá.", "Donald Trump", schema.Met, "Gustavo Petro", "2026-01-09", 0.9),
		relation(textOne, "Petro leads Colombia.", "Gustavo Petro", schema.LeaderOf, "Colombia", "", 0.8))
}

func docTwo() *extract.Document {
	return storeDoc("two.txt", "h2", textTwo,
		relation(textTwo, "U.S. forces captured Maduro.", "United States", schema.Captured, "Nicolás Maduro", "2026-01-03", 0.9),
		relation(textTwo, "Trump leads the United States.", "Donald Trump", schema.LeaderOf, "United States", "", 0.95))
}

// docOneRetold is one.txt's text told again as document id by publisher
// pub ("" for none).
func docOneRetold(id, pub string) *extract.Document {
	d := docOne()
	d.ID, d.Path, d.Hash, d.Publisher = id, "news/"+id, "h-"+id, pub
	return d
}

// docTwoReplaced is a new version of two.txt: the capture is gone.
func docTwoReplaced() *extract.Document {
	return storeDoc("two.txt", "h2b", textNew,
		relation(textNew, "Rubio met Maduro in Caracas.", "Marco Rubio", schema.Met, "Nicolás Maduro", "", 0.7))
}

var storeBackends = []struct {
	name string
	cfg  func(t *testing.T) graph.Config
}{
	{"memstore", func(*testing.T) graph.Config { return graph.Config{Backend: graph.BackendMemstore} }},
	{"bolt", func(t *testing.T) graph.Config {
		return graph.Config{Backend: graph.BackendBolt, Address: filepath.Join(t.TempDir(), "db")}
	}},
}

func openStore(t *testing.T, cfg graph.Config, docs ...*extract.Document) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for _, d := range docs {
		if _, err := s.WriteDocument(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// evidenceOf renders each hop's evidence as "doc: sentence".
func evidenceOf(p Path) []string {
	var out []string
	for _, h := range p.Hops {
		for _, s := range h.Evidence {
			out = append(out, s.Doc+": "+s.Sentence)
		}
	}
	return out
}

// TestIndexFollowsWrites checks that an Index never answers from a stale
// graph: replacing or removing a document changes the answers at once, and
// an unchanged store is not read again.
func TestIndexFollowsWrites(t *testing.T) {
	ctx := context.Background()
	for _, b := range storeBackends {
		t.Run(b.name, func(t *testing.T) {
			s := openStore(t, b.cfg(t), docOne(), docTwo())
			ix := NewIndex(s)
			g, err := ix.Graph(ctx)
			if err != nil {
				t.Fatal(err)
			}
			from, _ := g.Resolve("Trump")
			to, _ := g.Resolve("Maduro")
			paths, err := g.Paths(ctx, from, to, PathOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]string{"Donald Trump -leader_of-> United States [1] -captured-> Nicolás Maduro [1]"}, []string{render(paths[0])}); diff != "" {
				t.Errorf("path (-want +got):\n%s", diff)
			}
			want := []string{"two.txt: Trump leads the United States.", "two.txt: U.S. forces captured Maduro."}
			if diff := cmp.Diff(want, evidenceOf(paths[0])); diff != "" {
				t.Errorf("evidence (-want +got):\n%s", diff)
			}
			if h := paths[0].Hops[0]; h.Evidence[0].Subject.Name != "Donald Trump" || h.Evidence[0].DocTitle != "about two.txt" {
				t.Errorf("evidence statement = %+v; want named ends and document details", h.Evidence[0])
			}
			if g2, err := ix.Graph(ctx); err != nil || g2 != g || ix.Builds() != 1 {
				t.Errorf("unchanged store: Graph = %p, %v, builds %d; want the same graph, 1 build", g2, err, ix.Builds())
			}
			// Same-hash rewrite: no change, no rebuild.
			if _, err := s.WriteDocument(ctx, docTwo()); err != nil {
				t.Fatal(err)
			}
			if _, err := ix.Graph(ctx); err != nil || ix.Builds() != 1 {
				t.Errorf("unchanged write: builds %d, %v; want 1", ix.Builds(), err)
			}

			if _, err := s.WriteDocument(ctx, docTwoReplaced()); err != nil {
				t.Fatal(err)
			}
			g, err = ix.Graph(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if ix.Builds() != 2 {
				t.Errorf("after a replace: builds %d, want 2", ix.Builds())
			}
			if _, ok := g.Entity(schema.EntityIRI("United States")); ok {
				t.Errorf("United States still in the graph after the only document naming it was replaced")
			}
			paths, err = g.Paths(ctx, from, to, PathOptions{K: 3})
			if !errors.Is(err, ErrNoPath) {
				t.Errorf("after the replace: paths %v, error %v; want ErrNoPath", paths, err)
			}
			rubio, err := g.Resolve("Rubio")
			if err != nil {
				t.Fatal(err)
			}
			paths, err = g.Paths(ctx, rubio, to, PathOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]string{"two.txt: Rubio met Maduro in Caracas."}, evidenceOf(paths[0])); diff != "" {
				t.Errorf("evidence after the replace (-want +got):\n%s", diff)
			}

			if _, err := s.RemoveDocument(ctx, "one.txt"); err != nil {
				t.Fatal(err)
			}
			g, err = ix.Graph(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := g.Resolve("Gustavo Petro"); !errors.Is(err, ErrNotFound) {
				t.Errorf("after removing one.txt: Resolve(Petro) error %v, want ErrNotFound", err)
			}
		})
	}
}

// TestScanMatchesStatements checks that the graph built from a store scan
// answers like the graph built from every entity and statement, sources
// and publishers included.
func TestScanMatchesStatements(t *testing.T) {
	ctx := context.Background()
	// one.txt with a publisher, told again below by another publisher
	// (wire.txt) and by one without (anon.txt).
	one := docOne()
	one.Publisher = "Daily Planet"
	for _, b := range storeBackends {
		t.Run(b.name, func(t *testing.T) {
			s := openStore(t, b.cfg(t), one, docTwo(), docTwoReplaced(), docOneRetold("wire.txt", "Global Wire"), docOneRetold("anon.txt", ""))
			s2 := openStore(t, graph.Config{Backend: graph.BackendMemstore}, docOne(), docTwo())
			for _, st := range []*graph.Store{s, s2} {
				fast, err := Load(ctx, st)
				if err != nil {
					t.Fatal(err)
				}
				ents, err := st.Entities(ctx)
				if err != nil {
					t.Fatal(err)
				}
				stmts, err := st.Statements(ctx, graph.Filter{})
				if err != nil {
					t.Fatal(err)
				}
				slow := New(ents, stmts)
				if diff := cmp.Diff(slow.Entities(""), fast.Entities("")); diff != "" {
					t.Errorf("entities (-statements +scan):\n%s", diff)
				}
				all := fast.Entities("")
				for _, a := range all {
					for _, z := range all {
						if a.Entity.IRI == z.Entity.IRI {
							continue
						}
						for _, opts := range []PathOptions{{}, {K: 2}, {Filter: Filter{Since: "2026-01-05"}},
							{Filter: Filter{MinPublishers: 3}}, {Filter: Filter{MinPublishers: 2, Since: "2026"}}} {
							pf, errF := fast.Paths(ctx, a.Entity, z.Entity, opts)
							ps, errS := slow.Paths(ctx, a.Entity, z.Entity, opts)
							if (errF == nil) != (errS == nil) {
								t.Fatalf("%s→%s %+v: scan error %v, statements error %v", a.Entity.Name, z.Entity.Name, opts, errF, errS)
							}
							if diff := cmp.Diff(ps, pf); diff != "" {
								t.Errorf("%s→%s %+v (-statements +scan):\n%s", a.Entity.Name, z.Entity.Name, opts, diff)
							}
						}
					}
				}
			}
		})
	}
}
