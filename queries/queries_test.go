package queries

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// fakeSource is an in-memory Source.
type fakeSource struct {
	ents  []graph.Entity
	stmts []graph.Statement
	err   error
}

func (f *fakeSource) Entities(context.Context) ([]graph.Entity, error) { return f.ents, f.err }

func (f *fakeSource) Statements(_ context.Context, flt graph.Filter) ([]graph.Statement, error) {
	if f.err != nil {
		return nil, f.err
	}
	var out []graph.Statement
	for _, s := range f.stmts {
		if flt.Doc != "" && s.Doc != flt.Doc {
			continue
		}
		out = append(out, s)
	}
	return out, nil
}

var _ Source = (*fakeSource)(nil)

func ent(name string, t schema.EntityType, aliases ...string) graph.Entity {
	return graph.Entity{IRI: schema.EntityIRI(name), Name: name, Type: t, Aliases: aliases}
}

var (
	trump      = ent("Donald Trump", schema.Person, "President Trump", "Trump")
	maduro     = ent("Nicolás Maduro", schema.Person, "Maduro")
	petro      = ent("Gustavo Petro", schema.Person, "Petro")
	rubio      = ent("Marco Rubio", schema.Person, "Rubio")
	johnSmith  = ent("John Smith", schema.Person, "Smith")
	janeSmith  = ent("Jane Smith", schema.Person, "Smith")
	us         = ent("United States", schema.Country, "America", "U.S.", "Washington")
	venezuela  = ent("Venezuela", schema.Country)
	colombia   = ent("Colombia", schema.Country)
	washington = ent("Washington", schema.Location)
	lonely     = ent("Lonely Island", schema.Location)
	un         = ent("United Nations", schema.Organization, "UN")
)

func stmt(doc string, s graph.Entity, pred string, o graph.Entity, conf float64, when, sentence string) graph.Statement {
	return graph.Statement{
		IRI:     schema.StatementIRI(fmt.Sprintf("%s-%s-%s-%s", doc, schema.Slug(s.Name), pred, schema.Slug(o.Name))),
		Subject: s, Predicate: pred, Object: o, Doc: doc, DocDate: "2026-01-09",
		Sentence: sentence, Modality: schema.Asserted, When: when, Confidence: conf,
	}
}

func title(doc string, s graph.Entity, lit string) graph.Statement {
	return graph.Statement{IRI: schema.StatementIRI(doc + "-title-" + schema.Slug(s.Name)), Subject: s, Predicate: schema.Title, Literal: lit, Doc: doc, Confidence: 1}
}

// fixture is a small news graph. Trump reaches Maduro in two hops (through
// the United States); Trump and Petro share two edges.
func fixture() *fakeSource {
	return &fakeSource{
		ents: []graph.Entity{trump, maduro, petro, rubio, johnSmith, janeSmith, us, venezuela, colombia, washington, lonely, un},
		stmts: []graph.Statement{
			stmt("d1", trump, schema.Met, petro, 0.9, "2026-02", "Trump will meet Petro."),
			stmt("d1", petro, schema.LeaderOf, colombia, 0.95, "", "Colombian President Gustavo Petro."),
			title("d1", trump, "President"),
			title("d2", trump, "president"),
			title("d1", petro, "President"),
			title("d1", rubio, "Secretary of State"),
			title("d2", rubio, "Secretary of State"),
			stmt("d2", trump, schema.Met, petro, 0.8, "2026-02-03", "Trump met Petro."),
			stmt("d3", us, schema.Captured, maduro, 0.9, "2026-01-03", "U.S. forces captured Maduro."),
			stmt("d3", trump, schema.LeaderOf, us, 0.95, "", "President Donald Trump of the United States."),
			stmt("d4", maduro, schema.LeaderOf, venezuela, 0.9, "", "Venezuelan leader Nicolás Maduro."),
			stmt("d4", petro, schema.Criticized, trump, 0.7, "2026-01-05", "Petro criticized Trump."),
			stmt("d5", rubio, schema.OfficialOf, us, 0.9, "", "Secretary of State Marco Rubio."),
			stmt("d5", johnSmith, schema.SpokeWith, janeSmith, 0.6, "", "John Smith spoke with Jane Smith."),
		},
	}
}

func loadFixture(t *testing.T) *Graph {
	t.Helper()
	g, err := Load(context.Background(), fixture())
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return g
}

func TestLoadError(t *testing.T) {
	boom := errors.New("boom")
	_, err := Load(context.Background(), &fakeSource{err: boom})
	if !errors.Is(err, boom) {
		t.Fatalf("Load error = %v, want one wrapping %v", err, boom)
	}
}

var resolveTests = []struct {
	name       string
	in         string
	want       string // IRI of the entity found
	err        error
	candidates []string
}{
	{name: "canonical name", in: "Donald Trump", want: trump.IRI},
	{name: "case insensitive", in: "donald TRUMP", want: trump.IRI},
	{name: "without diacritics", in: "Nicolas Maduro", want: maduro.IRI},
	{name: "with diacritics and spaces", in: "  nicolás   maduro ", want: maduro.IRI},
	{name: "alias", in: "Maduro", want: maduro.IRI},
	{name: "alias with periods", in: "US", want: us.IRI},
	{name: "alias with leading the", in: "the U.S.", want: us.IRI},
	{name: "name wins over alias", in: "Washington", want: washington.IRI},
	{name: "IRI", in: schema.EntityIRI("Gustavo Petro"), want: petro.IRI},
	{name: "slug", in: "nicolas_maduro", want: maduro.IRI},
	{name: "ambiguous alias", in: "smith", err: ErrAmbiguous, candidates: []string{"Jane Smith", "John Smith"}},
	{name: "words of one name", in: "island", want: lonely.IRI},
	{name: "words of one name, accents folded", in: "Nicolas", want: maduro.IRI},
	{name: "words of several names", in: "United", err: ErrAmbiguous, candidates: []string{"United Nations", "United States"}},
	{name: "words out of order", in: "Island Lonely", err: ErrNotFound, candidates: []string{"Lonely Island"}},
	{name: "typo", in: "Donald Trmp", err: ErrNotFound, candidates: []string{"Donald Trump"}},
	{name: "typo in a single word", in: "Trmp", err: ErrNotFound, candidates: []string{"Donald Trump"}},
	{name: "typo in an alias", in: "Madura", err: ErrNotFound, candidates: []string{"Nicolás Maduro"}},
	{name: "shared word", in: "Gustavo Perez", err: ErrNotFound, candidates: []string{"Gustavo Petro"}},
	{name: "nothing close", in: "Quetzalcoatl", err: ErrNotFound},
	{name: "empty", in: "", err: ErrNotFound},
}

func TestResolve(t *testing.T) {
	g := loadFixture(t)
	for _, tc := range resolveTests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := g.Resolve(tc.in)
			if tc.err == nil {
				if err != nil {
					t.Fatalf("Resolve(%q): %v", tc.in, err)
				}
				if diff := cmp.Diff(tc.want, got.IRI); diff != "" {
					t.Errorf("Resolve(%q) (-want +got):\n%s", tc.in, diff)
				}
				return
			}
			if !errors.Is(err, tc.err) {
				t.Fatalf("Resolve(%q) error = %v, want %v", tc.in, err, tc.err)
			}
			var re *ResolveError
			if !errors.As(err, &re) {
				t.Fatalf("Resolve(%q) error %T is not a *ResolveError", tc.in, err)
			}
			var names []string
			for _, c := range re.Candidates {
				names = append(names, c.Name)
			}
			if diff := cmp.Diff(tc.candidates, names); diff != "" {
				t.Errorf("candidates (-want +got):\n%s", diff)
			}
		})
	}
}

func TestResolveErrorMessage(t *testing.T) {
	g := loadFixture(t)
	tests := []struct{ in, want string }{
		{"Donald Trmp", `queries: entity not found: no entity named "Donald Trmp"; did you mean "Donald Trump" (Person)?`},
		{"Quetzalcoatl", `queries: entity not found: no entity named "Quetzalcoatl"`},
		{"Smith", `queries: ambiguous entity name: "Smith" could be "Jane Smith" (Person) or "John Smith" (Person)`},
	}
	for _, tc := range tests {
		_, err := g.Resolve(tc.in)
		if err == nil {
			t.Fatalf("Resolve(%q) succeeded", tc.in)
		}
		if diff := cmp.Diff(tc.want, err.Error()); diff != "" {
			t.Errorf("Resolve(%q) message (-want +got):\n%s", tc.in, diff)
		}
	}
}

// render writes a path compactly: "A -pred-> B" for a forward hop,
// "A <-pred- B" for a backward one, "A -pred- B" for a symmetric one, each
// hop followed by its source count.
func render(p Path) string {
	if len(p.Hops) == 0 {
		return "(empty)"
	}
	var b strings.Builder
	b.WriteString(p.Hops[0].From.Name)
	for _, h := range p.Hops {
		switch {
		case h.Symmetric:
			fmt.Fprintf(&b, " -%s- ", h.Predicate)
		case h.Forward:
			fmt.Fprintf(&b, " -%s-> ", h.Predicate)
		default:
			fmt.Fprintf(&b, " <-%s- ", h.Predicate)
		}
		fmt.Fprintf(&b, "%s [%d]", h.To.Name, h.Sources)
	}
	return b.String()
}

var pathTests = []struct {
	name     string
	from, to graph.Entity
	opts     PathOptions
	want     []string
	err      error
}{
	{
		name: "two hops through a country", from: trump, to: maduro,
		want: []string{"Donald Trump -leader_of-> United States [1] -captured-> Nicolás Maduro [1]"},
	},
	{
		name: "backwards when undirected", from: maduro, to: trump,
		want: []string{"Nicolás Maduro <-captured- United States [1] <-leader_of- Donald Trump [1]"},
	},
	{
		name: "directed follows subject to object", from: trump, to: maduro, opts: PathOptions{Directed: true},
		want: []string{"Donald Trump -leader_of-> United States [1] -captured-> Nicolás Maduro [1]"},
	},
	{
		name: "directed refuses to go backwards", from: maduro, to: trump, opts: PathOptions{Directed: true},
		err: ErrNoPath,
	},
	{
		name: "symmetric edge directed either way", from: petro, to: trump, opts: PathOptions{Directed: true},
		want: []string{"Gustavo Petro -met- Donald Trump [2]", "Gustavo Petro -criticized-> Donald Trump [1]"},
	},
	{
		name: "parallel edges ranked by sources then confidence", from: trump, to: colombia,
		want: []string{
			"Donald Trump -met- Gustavo Petro [2] -leader_of-> Colombia [1]",
			"Donald Trump <-criticized- Gustavo Petro [1] -leader_of-> Colombia [1]",
		},
	},
	{
		name: "limit", from: trump, to: colombia, opts: PathOptions{Limit: 1},
		want: []string{"Donald Trump -met- Gustavo Petro [2] -leader_of-> Colombia [1]"},
	},
	{
		name: "three hops", from: rubio, to: venezuela,
		want: []string{"Marco Rubio -official_of-> United States [1] -captured-> Nicolás Maduro [1] -leader_of-> Venezuela [1]"},
	},
	{name: "beyond max hops", from: rubio, to: venezuela, opts: PathOptions{MaxHops: 2}, err: ErrNoPath},
	{name: "titles are not edges", from: trump, to: johnSmith, err: ErrNoPath},
	{name: "isolated entity", from: lonely, to: trump, err: ErrNoPath},
	{name: "same entity", from: trump, to: trump, want: []string{"(empty)"}},
	{name: "unknown entity", from: ent("Nobody", schema.Person), to: trump, err: ErrNotFound},
}

func TestShortestPaths(t *testing.T) {
	g := loadFixture(t)
	for _, tc := range pathTests {
		t.Run(tc.name, func(t *testing.T) {
			paths, err := g.ShortestPaths(tc.from, tc.to, tc.opts)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("error = %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ShortestPaths: %v", err)
			}
			var got []string
			for _, p := range paths {
				got = append(got, render(p))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("paths (-want +got):\n%s", diff)
			}
		})
	}
}

func TestShortestPathsEvidence(t *testing.T) {
	g := loadFixture(t)
	paths, err := g.ShortestPaths(trump, colombia, PathOptions{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	h := paths[0].Hops[0]
	var got []string
	for _, s := range h.Evidence {
		got = append(got, s.Doc+": "+s.Sentence)
	}
	want := []string{"d1: Trump will meet Petro.", "d2: Trump met Petro."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("evidence (-want +got):\n%s", diff)
	}
	if h.Confidence != 0.9 {
		t.Errorf("hop confidence = %v, want 0.9", h.Confidence)
	}
	p := paths[0]
	if p.Sources != 2 || p.MinSources != 1 || p.Confidence != 0.9 {
		t.Errorf("path support = %d sources, %d min, %v confidence; want 2, 1, 0.9", p.Sources, p.MinSources, p.Confidence)
	}
}

func TestNeighbors(t *testing.T) {
	g := loadFixture(t)
	nb, err := g.Neighbors(trump)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Pred     string
		Forward  bool
		Neighbor string
		Stmts    int
		Sources  int
		Dates    []string
	}
	var got []row
	for _, grp := range nb.Groups {
		n := 0
		for _, x := range grp.Neighbors {
			got = append(got, row{grp.Predicate, grp.Forward, x.Entity.Name, x.Statements, x.Sources, x.Dates})
			n += x.Statements
		}
		if n != grp.Statements {
			t.Errorf("group %s: Statements = %d, want the sum %d", grp.Predicate, grp.Statements, n)
		}
	}
	want := []row{
		{"criticized", false, "Gustavo Petro", 1, 1, []string{"2026-01-05"}},
		{"leader_of", true, "United States", 1, 1, []string{}},
		{"met", true, "Gustavo Petro", 2, 2, []string{"2026-02", "2026-02-03"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("neighbors (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"President"}, nb.Titles); diff != "" {
		t.Errorf("titles (-want +got):\n%s", diff)
	}
	if _, err := g.Neighbors(ent("Nobody", schema.Person)); !errors.Is(err, ErrNotFound) {
		t.Errorf("Neighbors(unknown) error = %v, want ErrNotFound", err)
	}
}

func TestEntities(t *testing.T) {
	g := loadFixture(t)
	type row struct {
		Name                     string
		Statements, Docs, Degree int
	}
	tests := []struct {
		name string
		typ  schema.EntityType
		want []row
	}{
		{name: "countries", typ: schema.Country, want: []row{
			{"Colombia", 1, 1, 1}, {"United States", 3, 2, 3}, {"Venezuela", 1, 1, 1},
		}},
		{name: "no such type", typ: "Planet", want: []row{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := []row{}
			for _, e := range g.Entities(tc.typ) {
				got = append(got, row{e.Entity.Name, e.Statements, e.Documents, e.Degree})
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Entities(%q) (-want +got):\n%s", tc.typ, diff)
			}
		})
	}
	all := g.Entities("")
	if len(all) != g.Len() || g.Len() != len(fixture().ents) {
		t.Errorf("Entities(\"\") = %d rows, Len = %d, want %d", len(all), g.Len(), len(fixture().ents))
	}
	for i := 1; i < len(all); i++ {
		if all[i-1].Entity.Name > all[i].Entity.Name {
			t.Errorf("Entities not sorted: %q before %q", all[i-1].Entity.Name, all[i].Entity.Name)
		}
	}
	rubioRow := all[sort.Search(len(all), func(i int) bool { return all[i].Entity.Name >= "Marco Rubio" })]
	if rubioRow.Statements != 3 || rubioRow.Documents != 3 {
		t.Errorf("Marco Rubio: %d statements in %d documents, want 3 in 3 (titles count)", rubioRow.Statements, rubioRow.Documents)
	}
}

// TestResolveOwnNames checks that every entity's name, in any case, resolves
// to the entity itself.
func TestResolveOwnNames(t *testing.T) {
	g := loadFixture(t)
	for _, e := range g.Entities("") {
		for _, name := range []string{e.Entity.Name, strings.ToUpper(e.Entity.Name), schema.StripDiacritics(e.Entity.Name)} {
			got, err := g.Resolve(name)
			if err != nil || got.IRI != e.Entity.IRI {
				t.Errorf("Resolve(%q) = %q, %v; want %q", name, got.IRI, err, e.Entity.IRI)
			}
		}
	}
}

// TestNewAddsEntitiesFromStatements checks that an entity named only by a
// statement still becomes a node.
func TestNewAddsEntitiesFromStatements(t *testing.T) {
	g := New(nil, []graph.Statement{stmt("d", trump, schema.Met, petro, 1, "", "s")})
	if g.Len() != 2 {
		t.Fatalf("Len = %d, want 2", g.Len())
	}
	if _, err := g.ShortestPaths(petro, trump, PathOptions{}); err != nil {
		t.Errorf("ShortestPaths: %v", err)
	}
}

// TestShortestPathsMatchesBruteForce compares the bidirectional search with
// an exhaustive enumeration of simple paths on random small graphs.
func TestShortestPathsMatchesBruteForce(t *testing.T) {
	preds := []string{schema.Met, schema.Criticized, schema.LeaderOf, schema.AlliedWith}
	rng := rand.New(rand.NewPCG(1, 2))
	for iter := range 1500 {
		n := 2 + rng.IntN(7)
		ents := make([]graph.Entity, n)
		for i := range ents {
			ents[i] = ent(fmt.Sprintf("E%d", i), schema.Person)
		}
		var stmts []graph.Statement
		for range rng.IntN(2 * n) {
			a, b := ents[rng.IntN(n)], ents[rng.IntN(n)]
			p := preds[rng.IntN(len(preds))]
			stmts = append(stmts, stmt(fmt.Sprintf("d%d", rng.IntN(3)), a, p, b, 0.5, "", "s"))
		}
		if rng.IntN(4) == 0 {
			stmts = append(stmts, title("d0", ents[0], "T"), title("d0", ents[n-1], "T"))
		}
		g := New(ents, stmts)
		opts := PathOptions{MaxHops: 1 + rng.IntN(n), Directed: rng.IntN(2) == 0, Limit: 1 << 20}
		from, to := ents[rng.IntN(n)], ents[rng.IntN(n)]
		if from.IRI == to.IRI {
			continue
		}
		want := bruteForce(ents, stmts, from, to, opts)
		paths, err := g.ShortestPaths(from, to, opts)
		if len(want) == 0 {
			if !errors.Is(err, ErrNoPath) {
				t.Fatalf("iteration %d: %s→%s %+v: err = %v, want ErrNoPath; statements:\n%s", iter, from.Name, to.Name, opts, err, dump(stmts))
			}
			continue
		}
		if err != nil {
			t.Fatalf("iteration %d: %s→%s %+v: %v", iter, from.Name, to.Name, opts, err)
		}
		var got []string
		for _, p := range paths {
			got = append(got, renderBare(p))
		}
		sort.Strings(got)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("iteration %d: %s→%s %+v (-brute +bfs):\n%s\nstatements:\n%s", iter, from.Name, to.Name, opts, diff, dump(stmts))
		}
	}
}

func dump(stmts []graph.Statement) string {
	var b strings.Builder
	for _, s := range stmts {
		fmt.Fprintf(&b, "  %s %s %s%s (%s %q, %s, %s, %.1f)\n", s.Subject.Name, s.Predicate, s.Object.Name, s.Literal, s.Doc, s.DocPublisher, s.When, s.Modality, s.Confidence)
	}
	return b.String()
}

// renderBare is render without source counts.
func renderBare(p Path) string {
	var b strings.Builder
	b.WriteString(p.Hops[0].From.Name)
	for _, h := range p.Hops {
		fmt.Fprintf(&b, " %s/%v %s", h.Predicate, h.Forward, h.To.Name)
	}
	return b.String()
}

// bruteForce enumerates every simple path from one entity to another of at
// most opts.MaxHops hops straight from the statements and returns the
// shortest ones, rendered like renderBare and sorted.
func bruteForce(ents []graph.Entity, stmts []graph.Statement, from, to graph.Entity, opts PathOptions) []string {
	type tri struct{ s, p, o string }
	edges := map[tri]bool{}
	for _, st := range stmts {
		if st.Predicate == schema.Title || st.Subject.Name == st.Object.Name {
			continue
		}
		k := tri{st.Subject.Name, st.Predicate, st.Object.Name}
		if p, _ := schema.LookupPredicate(st.Predicate); p.Symmetric && k.o < k.s {
			k.s, k.o = k.o, k.s
		}
		edges[k] = true
	}
	type step struct {
		to, label string
	}
	steps := func(a string) []step {
		var out []step
		for e := range edges {
			sym := false
			if p, _ := schema.LookupPredicate(e.p); p.Symmetric {
				sym = true
			}
			if e.s == a {
				out = append(out, step{e.o, fmt.Sprintf(" %s/%v %s", e.p, true, e.o)})
			}
			if e.o == a && (!opts.Directed || sym) {
				out = append(out, step{e.s, fmt.Sprintf(" %s/%v %s", e.p, sym, e.s)})
			}
		}
		return out
	}
	var found []string
	best := opts.MaxHops + 1
	var walk func(at string, seen map[string]bool, prefix string, hops int)
	walk = func(at string, seen map[string]bool, prefix string, hops int) {
		if at == to.Name {
			if hops < best {
				best, found = hops, nil
			}
			if hops == best {
				found = append(found, prefix)
			}
			return
		}
		if hops >= opts.MaxHops {
			return
		}
		for _, s := range steps(at) {
			if seen[s.to] {
				continue
			}
			seen[s.to] = true
			walk(s.to, seen, prefix+s.label, hops+1)
			delete(seen, s.to)
		}
	}
	walk(from.Name, map[string]bool{from.Name: true}, from.Name, 0)
	sort.Strings(found)
	return found
}

// FuzzResolve checks that Resolve never panics, returns only entities of the
// graph, and fails only with its two sentinels.
func FuzzResolve(f *testing.F) {
	for _, tc := range resolveTests {
		f.Add(tc.in)
	}
	g := New(fixture().ents, fixture().stmts)
	f.Fuzz(func(t *testing.T, name string) {
		e, err := g.Resolve(name)
		if err == nil {
			if _, ok := g.Entity(e.IRI); !ok {
				t.Fatalf("Resolve(%q) returned %q, not in the graph", name, e.IRI)
			}
			return
		}
		if !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrAmbiguous) {
			t.Fatalf("Resolve(%q) error %v wraps neither sentinel", name, err)
		}
	})
}
