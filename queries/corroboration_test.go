package queries

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// mustWrite stores d and fails the test on error.
func mustWrite(t *testing.T, s *graph.Store, d *extract.Document) {
	t.Helper()
	if _, err := s.WriteDocument(context.Background(), d); err != nil {
		t.Fatal(err)
	}
}

// published returns s stated by a document of the given publisher.
func published(pub string, s graph.Statement) graph.Statement {
	s.DocPublisher = pub
	return s
}

// publishedFixture tells some relations several times: d1 and d2 have the
// same publisher under two spellings, d3 another, d4 and d5 none.
func publishedFixture() *Graph {
	return New(nil, []graph.Statement{
		published("Reuters", stmt("d1", trump, schema.Met, petro, 0.9, "2026-02-03", "Trump met Petro.")),
		published("reuters", stmt("d2", trump, schema.Met, petro, 0.9, "2026-02-03", "Trump and Petro met.")),
		stmt("d4", trump, schema.Met, petro, 0.5, "2026-02", "Trump will meet Petro."),
		published("Reuters", stmt("d1", petro, schema.LeaderOf, colombia, 0.9, "", "Petro leads Colombia.")),
		published("AP", stmt("d3", petro, schema.LeaderOf, colombia, 0.9, "", "Colombia's Petro.")),
		stmt("d4", us, schema.Captured, maduro, 0.9, "2026-01-03", "U.S. forces captured Maduro."),
		stmt("d5", us, schema.Captured, maduro, 0.8, "2026-01-03", "Maduro was captured."),
		published("Reuters", stmt("d1", trump, schema.LeaderOf, us, 0.9, "", "Trump leads the U.S.")),
		published("The Reuters", stmt("d2", trump, schema.LeaderOf, us, 0.9, "", "President Trump.")),
	})
}

// renderSupport renders a path with each hop's sources/publishers and the
// path's totals.
func renderSupport(p Path) string {
	var b strings.Builder
	b.WriteString(p.Hops[0].From.Name)
	for _, h := range p.Hops {
		fmt.Fprintf(&b, " -%s- %s [%d/%d]", h.Predicate, h.To.Name, h.Sources, h.Publishers)
	}
	fmt.Fprintf(&b, " (%d/%d, weakest %d/%d)", p.Sources, p.Publishers, p.MinSources, p.MinPublishers)
	return b.String()
}

var publisherTests = []struct {
	name     string
	from, to graph.Entity
	filter   Filter
	want     []string
	err      error
}{
	{name: "counts", from: trump, to: colombia,
		want: []string{"Donald Trump -met- Gustavo Petro [3/2] -leader_of- Colombia [2/2] (4/3, weakest 2/2)"}},
	{name: "two spellings are one publisher", from: trump, to: us,
		want: []string{"Donald Trump -leader_of- United States [2/1] (2/1, weakest 2/1)"}},
	{name: "documents without a publisher count as their own", from: us, to: maduro,
		want: []string{"United States -captured- Nicolás Maduro [2/2] (2/2, weakest 2/2)"}},
	{name: "min publishers keeps", from: trump, to: colombia, filter: Filter{MinPublishers: 2},
		want: []string{"Donald Trump -met- Gustavo Petro [3/2] -leader_of- Colombia [2/2] (4/3, weakest 2/2)"}},
	{name: "min publishers drops one publisher twice", from: trump, to: maduro, filter: Filter{MinPublishers: 2}, err: ErrNoPath},
	{name: "min sources keeps it", from: trump, to: maduro, filter: Filter{MinSources: 2},
		want: []string{"Donald Trump -leader_of- United States [2/1] -captured- Nicolás Maduro [2/2] (4/3, weakest 2/1)"}},
	{name: "min publishers 3", from: trump, to: petro, filter: Filter{MinPublishers: 3}, err: ErrNoPath},
	{name: "min confidence recounts", from: trump, to: petro, filter: Filter{MinConfidence: 0.6},
		want: []string{"Donald Trump -met- Gustavo Petro [2/1] (2/1, weakest 2/1)"}},
	{name: "min publishers after min confidence", from: trump, to: petro, filter: Filter{MinConfidence: 0.6, MinPublishers: 2}, err: ErrNoPath},
	{name: "a window recounts", from: trump, to: petro, filter: Filter{Since: "2026-02-04"},
		want: []string{"Donald Trump -met- Gustavo Petro [1/1] (1/1, weakest 1/1)"}},
	{name: "min publishers after a window", from: trump, to: petro, filter: Filter{Until: "2026-02-03", MinPublishers: 2},
		want: []string{"Donald Trump -met- Gustavo Petro [3/2] (3/2, weakest 3/2)"}},
	{name: "negative min publishers", from: trump, to: petro, filter: Filter{MinPublishers: -1}, err: ErrFilter},
}

func TestPublishers(t *testing.T) {
	g := publishedFixture()
	for _, tc := range publisherTests {
		t.Run(tc.name, func(t *testing.T) {
			paths, err := g.Paths(context.Background(), tc.from, tc.to, PathOptions{Filter: tc.filter})
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("error = %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range paths {
				got = append(got, renderSupport(p))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("paths (-want +got):\n%s", diff)
			}
		})
	}
	if n, st := g.Publishers(), g.Stats(); n != 2 || st.Publishers != 2 {
		t.Errorf("Publishers() = %d, Stats().Publishers = %d; want 2 (Reuters, AP)", n, st.Publishers)
	}
	nb, err := g.NeighborsOf(context.Background(), petro, NeighborOptions{Filter: Filter{MinPublishers: 2}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, grp := range nb.Groups {
		for _, n := range grp.Neighbors {
			got = append(got, fmt.Sprintf("%s %s %d/%d", grp.Predicate, n.Entity.Name, n.Sources, n.Publishers))
		}
	}
	if diff := cmp.Diff([]string{"leader_of Colombia 2/2", "met Donald Trump 3/2"}, got); diff != "" {
		t.Errorf("neighbors of Petro with MinPublishers 2 (-want +got):\n%s", diff)
	}
	ms, err := g.Match(context.Background(), "? ? ?", MatchOptions{Filter: Filter{MinPublishers: 2, MinConfidence: 0.6}})
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, m := range ms {
		got = append(got, fmt.Sprintf("%s %s %s %d/%d", m.Subject.Name, m.Predicate, m.Object.Name, m.Sources, m.Publishers))
	}
	want := []string{"Gustavo Petro leader_of Colombia 2/2", "United States captured Nicolás Maduro 2/2"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("matches with MinPublishers 2, MinConfidence 0.6 (-want +got):\n%s", diff)
	}
}

// TestIndexPublishers checks that the publisher counts of an Index follow
// the store: a second telling by the same publisher adds a source and no
// publisher, one by another publisher adds both, and removing it takes
// them back.
func TestIndexPublishers(t *testing.T) {
	ctx := context.Background()
	for _, b := range storeBackends {
		t.Run(b.name, func(t *testing.T) {
			s := openStore(t, b.cfg(t), docOneRetold("one.txt", "Daily Planet"))
			ix := NewIndex(s)
			support := func(f Filter) string {
				t.Helper()
				g, err := ix.Graph(ctx)
				if err != nil {
					t.Fatal(err)
				}
				from, _ := g.Resolve("Trump")
				to, _ := g.Resolve("Petro")
				paths, err := g.Paths(ctx, from, to, PathOptions{Filter: f, SkipEvidence: true})
				if errors.Is(err, ErrNoPath) {
					return "no path"
				}
				if err != nil {
					t.Fatal(err)
				}
				return fmt.Sprintf("%d/%d", paths[0].Hops[0].Sources, paths[0].Hops[0].Publishers)
			}
			steps := []struct {
				what  string
				write func()
				all   string // support of Trump–Petro
				min2  string // with MinPublishers 2
			}{
				{"one telling", func() {}, "1/1", "no path"},
				{"same publisher again", func() { mustWrite(t, s, docOneRetold("two.txt", "daily planet")) }, "2/1", "no path"},
				{"another publisher", func() { mustWrite(t, s, docOneRetold("three.txt", "Global Wire")) }, "3/2", "3/2"},
				{"another publisher removed", func() {
					if ok, err := s.RemoveDocument(ctx, "three.txt"); err != nil || !ok {
						t.Fatalf("RemoveDocument = %v, %v", ok, err)
					}
				}, "2/1", "no path"},
				{"an unknown publisher", func() { mustWrite(t, s, docOneRetold("four.txt", "")) }, "3/2", "3/2"},
			}
			for i, st := range steps {
				st.write()
				if got := support(Filter{}); got != st.all {
					t.Errorf("%s: Trump–Petro %s, want %s", st.what, got, st.all)
				}
				if got := support(Filter{MinPublishers: 2}); got != st.min2 {
					t.Errorf("%s: with MinPublishers 2 %s, want %s", st.what, got, st.min2)
				}
				if ix.Builds() != i+1 {
					t.Errorf("%s: %d index builds, want %d (one per store change)", st.what, ix.Builds(), i+1)
				}
			}
		})
	}
}
