package queries

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

var filterTests = []struct {
	name     string
	from, to graph.Entity
	opts     PathOptions
	want     []string
	err      error
}{
	{name: "via keeps listed predicates", from: trump, to: colombia, opts: PathOptions{Filter: Filter{Via: []string{schema.Met, schema.LeaderOf}}},
		want: []string{"Donald Trump -met- Gustavo Petro [2] -leader_of-> Colombia [1]"}},
	{name: "exclude drops a predicate", from: trump, to: colombia, opts: PathOptions{Filter: Filter{Exclude: []string{schema.Met}}},
		want: []string{"Donald Trump <-criticized- Gustavo Petro [1] -leader_of-> Colombia [1]"}},
	{name: "min sources", from: trump, to: petro, opts: PathOptions{Filter: Filter{MinSources: 2}},
		want: []string{"Donald Trump -met- Gustavo Petro [2]"}},
	{name: "min sources leaves no path", from: trump, to: colombia, opts: PathOptions{Filter: Filter{MinSources: 2}}, err: ErrNoPath},
	{name: "min confidence drops statements", from: trump, to: petro, opts: PathOptions{Filter: Filter{MinConfidence: 0.85}},
		want: []string{"Donald Trump -met- Gustavo Petro [1]"}},
	{name: "modality", from: trump, to: petro, opts: PathOptions{Filter: Filter{Modality: []schema.Modality{schema.Planned}}}, err: ErrNoPath},
	{name: "since keeps later statements", from: trump, to: petro, opts: PathOptions{Filter: Filter{Since: "2026-02"}},
		want: []string{"Donald Trump -met- Gustavo Petro [2]"}},
	{name: "since a day inside a month keeps the month", from: trump, to: petro, opts: PathOptions{Filter: Filter{Since: "2026-02-10"}},
		want: []string{"Donald Trump -met- Gustavo Petro [1]"}},
	{name: "until keeps earlier statements", from: trump, to: petro, opts: PathOptions{Filter: Filter{Until: "2026-01-31"}},
		want: []string{"Donald Trump <-criticized- Gustavo Petro [1]"}},
	{name: "a window drops undated statements", from: trump, to: colombia, opts: PathOptions{Filter: Filter{Since: "2025"}}, err: ErrNoPath},
	{name: "unknown predicate", from: trump, to: petro, opts: PathOptions{Filter: Filter{Via: []string{"flew_to"}}}, err: ErrFilter},
	{name: "bad date", from: trump, to: petro, opts: PathOptions{Filter: Filter{Since: "yesterday"}}, err: ErrFilter},
	{name: "empty window", from: trump, to: petro, opts: PathOptions{Filter: Filter{Since: "2026-03", Until: "2026-01"}}, err: ErrFilter},
	{name: "bad modality", from: trump, to: petro, opts: PathOptions{Filter: Filter{Modality: []schema.Modality{"rumoured"}}}, err: ErrFilter},
	{name: "k paths", from: rubio, to: petro, opts: PathOptions{K: 3},
		want: []string{"Marco Rubio -official_of-> United States [1] <-leader_of- Donald Trump [1] -met- Gustavo Petro [2]"}},
}

func TestPathFilters(t *testing.T) {
	g := loadFixture(t)
	for _, tc := range filterTests {
		t.Run(tc.name, func(t *testing.T) {
			paths, err := g.Paths(context.Background(), tc.from, tc.to, tc.opts)
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
				got = append(got, render(p))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("paths (-want +got):\n%s", diff)
			}
			for _, p := range paths {
				for _, h := range p.Hops {
					docs := map[string]bool{}
					for _, s := range h.Evidence {
						docs[s.Doc] = true
					}
					if len(docs) != h.Sources {
						t.Errorf("hop %s: %d sources but evidence from %d documents", h.Predicate, h.Sources, len(docs))
					}
				}
			}
		})
	}
}

// randomCase is a random small graph with random query options.
type randomCase struct {
	ents     []graph.Entity
	stmts    []graph.Statement
	from, to graph.Entity
	opts     PathOptions
}

// randomPublishers are the publisher names of random cases, each with the
// publication it names (written out by hand rather than computed with
// schema.Fold): "" is unknown.
var randomPublishers = map[string]string{
	"": "", "Alpha": "alpha", "ALPHA": "alpha", "The Beta": "beta", "beta": "beta", "Gamma": "gamma",
}

func newRandomCase(rng *rand.Rand) randomCase {
	preds := []string{schema.Met, schema.Criticized, schema.LeaderOf, schema.AlliedWith}
	whens := []string{"", "", "2025", "2026-01", "2026-02-03"}
	pubs := slices.Sorted(maps.Keys(randomPublishers))
	n := 2 + rng.IntN(7)
	c := randomCase{ents: make([]graph.Entity, n)}
	for i := range c.ents {
		c.ents[i] = ent(fmt.Sprintf("E%d", i), schema.Person)
	}
	// Each document has one publisher, often unknown, sometimes shared.
	docPub := make([]string, 4)
	for d := range docPub {
		if rng.IntN(3) > 0 {
			docPub[d] = pubs[rng.IntN(len(pubs))]
		}
	}
	for range rng.IntN(3 * n) {
		a, b := c.ents[rng.IntN(n)], c.ents[rng.IntN(n)]
		d := rng.IntN(len(docPub))
		s := stmt(fmt.Sprintf("d%d", d), a, preds[rng.IntN(len(preds))], b, []float64{0.5, 0.7, 0.9}[rng.IntN(3)], whens[rng.IntN(len(whens))], "s")
		s.IRI += fmt.Sprint(len(c.stmts))
		s.Modality = schema.Modalities[rng.IntN(2)]
		s.DocPublisher = docPub[d]
		c.stmts = append(c.stmts, s)
	}
	c.from, c.to = c.ents[rng.IntN(n)], c.ents[rng.IntN(n)]
	o := &c.opts
	o.MaxHops = 1 + rng.IntN(n)
	o.Directed = rng.IntN(3) == 0
	o.Limit = 1 << 20
	if rng.IntN(4) == 0 {
		o.Via = []string{preds[rng.IntN(len(preds))], preds[rng.IntN(len(preds))]}
	}
	if rng.IntN(4) == 0 {
		o.Exclude = []string{preds[rng.IntN(len(preds))]}
	}
	if rng.IntN(4) == 0 {
		o.MinConfidence = 0.6
	}
	if rng.IntN(5) == 0 {
		o.Modality = []schema.Modality{schema.Asserted}
	}
	if rng.IntN(5) == 0 {
		o.Since = "2026"
	}
	if rng.IntN(5) == 0 {
		o.Until = "2026-01"
	}
	o.MinSources = rng.IntN(3)
	o.MinPublishers = rng.IntN(3)
	return c
}

// bruteStep is one usable hop of the brute-force enumeration.
type bruteStep struct {
	to, label string
	tally
}

// tri is a relation by entity names, a symmetric pair in name order.
type tri struct{ s, p, o string }

// tally is the support of a relation: its distinct documents and
// publishers (a publication, or "doc:" and the document when it has none).
type tally struct{ docs, pubs map[string]bool }

func (t tally) String() string { return fmt.Sprintf("%d/%d", len(t.docs), len(t.pubs)) }

// bruteTally returns the relations usable under the options (self-loops
// included) with their support, computed straight from the statements
// with the documented filter semantics.
func (c randomCase) bruteTally() map[tri]tally {
	o := c.opts
	out := map[tri]tally{}
	for _, st := range c.stmts {
		if len(o.Via) > 0 && !slices.Contains(o.Via, st.Predicate) || slices.Contains(o.Exclude, st.Predicate) {
			continue
		}
		if st.Confidence < o.MinConfidence || len(o.Modality) > 0 && !slices.Contains(o.Modality, st.Modality) {
			continue
		}
		if o.Since != "" || o.Until != "" {
			if st.When == "" {
				continue
			}
			w := st.When + "-00-00"[len(st.When)-4:] // 2025 → 2025-00-00, 2026-01 → 2026-01-00
			lo, hi := "0000", "9999"
			if o.Since != "" {
				lo = o.Since
			}
			if o.Until != "" {
				hi = o.Until + "-99"
			}
			end := st.When + "-99-99"[len(st.When)-4:]
			if end < lo || w > hi {
				continue
			}
		}
		k := tri{st.Subject.Name, st.Predicate, st.Object.Name}
		if p, _ := schema.LookupPredicate(st.Predicate); p.Symmetric && k.o < k.s {
			k.s, k.o = k.o, k.s
		}
		t, ok := out[k]
		if !ok {
			t = tally{map[string]bool{}, map[string]bool{}}
			out[k] = t
		}
		t.docs[st.Doc] = true
		pub, ok := randomPublishers[st.DocPublisher]
		if !ok {
			panic("test: publisher " + st.DocPublisher + " not in randomPublishers")
		}
		if pub == "" {
			pub = "doc:" + st.Doc
		}
		t.pubs[pub] = true
	}
	for k, t := range out {
		if len(t.docs) < max(1, o.MinSources) || len(t.pubs) < o.MinPublishers {
			delete(out, k)
		}
	}
	return out
}

// bruteSteps returns the usable hops out of each entity (bruteTally
// without self-loops, in both directions unless directed).
func (c randomCase) bruteSteps() map[string][]bruteStep {
	out := map[string][]bruteStep{}
	for e, t := range c.bruteTally() {
		if e.s == e.o {
			continue
		}
		p, _ := schema.LookupPredicate(e.p)
		out[e.s] = append(out[e.s], bruteStep{e.o, fmt.Sprintf(" %s/%v %s", e.p, true, e.o), t})
		if !c.opts.Directed || p.Symmetric {
			out[e.o] = append(out[e.o], bruteStep{e.s, fmt.Sprintf(" %s/%v %s", e.p, p.Symmetric, e.s), t})
		}
	}
	return out
}

// hopLabel renders a hop like a bruteStep's label.
func hopLabel(h Hop) string { return fmt.Sprintf(" %s/%v %s", h.Predicate, h.Forward, h.To.Name) }

// checkSupport compares the support of every hop and path with the
// brute-force tallies: each hop's sources and publishers with its
// relation's, each path's with the union over its hops.
func checkSupport(steps map[string][]bruteStep, paths []Path) error {
	for _, p := range paths {
		docs, pubs := map[string]bool{}, map[string]bool{}
		minDocs, minPubs := 0, 0
		for i, h := range p.Hops {
			var want *tally
			for _, s := range steps[h.From.Name] {
				if s.label == hopLabel(h) {
					want = &s.tally
				}
			}
			if want == nil {
				return fmt.Errorf("hop %s%s is not a usable relation", h.From.Name, hopLabel(h))
			}
			if got := fmt.Sprintf("%d/%d", h.Sources, h.Publishers); got != want.String() {
				return fmt.Errorf("hop %s%s: sources/publishers %s, want %s", h.From.Name, hopLabel(h), got, want)
			}
			maps.Copy(docs, want.docs)
			maps.Copy(pubs, want.pubs)
			if i == 0 || len(want.docs) < minDocs {
				minDocs = len(want.docs)
			}
			if i == 0 || len(want.pubs) < minPubs {
				minPubs = len(want.pubs)
			}
		}
		got := fmt.Sprintf("%d/%d min %d/%d", p.Sources, p.Publishers, p.MinSources, p.MinPublishers)
		if want := fmt.Sprintf("%d/%d min %d/%d", len(docs), len(pubs), minDocs, minPubs); got != want {
			return fmt.Errorf("path %s: sources/publishers %s, want %s", renderBare(p), got, want)
		}
	}
	return nil
}

// brutePaths enumerates every simple path of at most MaxHops hops: the
// predicate-level renderings and the distinct entity sequences.
func (c randomCase) brutePaths() (labels []string, seqs map[string]int) {
	steps := c.bruteSteps()
	seqs = map[string]int{}
	var walk func(at string, seen map[string]bool, label, seq string, hops int)
	walk = func(at string, seen map[string]bool, label, seq string, hops int) {
		if at == c.to.Name {
			labels = append(labels, fmt.Sprintf("%d|%s", hops, label))
			seqs[seq] = hops
			return
		}
		if hops >= c.opts.MaxHops {
			return
		}
		for _, s := range steps[at] {
			if seen[s.to] {
				continue
			}
			seen[s.to] = true
			walk(s.to, seen, label+s.label, seq+" "+s.to, hops+1)
			delete(seen, s.to)
		}
	}
	walk(c.from.Name, map[string]bool{c.from.Name: true}, c.from.Name, c.from.Name, 0)
	return labels, seqs
}

// TestPathsMatchBruteForce compares both search modes, under random
// filters, with an exhaustive enumeration of simple paths on random small
// graphs: the shortest-paths mode must return exactly the shortest
// predicate-level paths, and the k-shortest mode k distinct valid entity
// sequences whose lengths are the k smallest.
func TestPathsMatchBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for iter := range 2000 {
		c := newRandomCase(rng)
		if c.from.IRI == c.to.IRI {
			continue
		}
		g := New(c.ents, c.stmts)
		labels, seqs := c.brutePaths()
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("iteration %d: %s→%s %+v: %s\nstatements:\n%s", iter, c.from.Name, c.to.Name, c.opts, fmt.Sprintf(format, args...), dump(c.stmts))
		}
		// Shortest mode.
		paths, err := g.ShortestPaths(c.from, c.to, c.opts)
		if len(labels) == 0 {
			if !errors.Is(err, ErrNoPath) {
				fail("err = %v, want ErrNoPath", err)
			}
			continue
		}
		if err != nil {
			fail("%v", err)
		}
		best := c.opts.MaxHops + 1
		for _, l := range labels {
			var h int
			fmt.Sscanf(l, "%d|", &h)
			best = min(best, h)
		}
		var want, got []string
		for _, l := range labels {
			if strings.HasPrefix(l, fmt.Sprintf("%d|", best)) {
				want = append(want, l[strings.Index(l, "|")+1:])
			}
		}
		for _, p := range paths {
			got = append(got, renderBare(p))
		}
		sort.Strings(want)
		sort.Strings(got)
		if diff := cmp.Diff(want, got); diff != "" {
			fail("shortest (-brute +bfs):\n%s", diff)
		}
		steps := c.bruteSteps()
		if err := checkSupport(steps, paths); err != nil {
			fail("shortest: %v", err)
		}
		// K mode.
		k := 1 + rng.IntN(4)
		opts := c.opts
		opts.K = k
		kp, err := g.ShortestPaths(c.from, c.to, opts)
		if err != nil {
			fail("k=%d: %v", k, err)
		}
		var lens []int
		for _, h := range seqs {
			lens = append(lens, h)
		}
		sort.Ints(lens)
		wantLens := lens[:min(k, len(lens))]
		var gotLens []int
		distinct := map[string]bool{}
		for _, p := range kp {
			seq := c.from.Name
			for _, h := range p.Hops {
				seq += " " + h.To.Name
			}
			if _, ok := seqs[seq]; !ok {
				fail("k=%d: %q is not a valid simple path", k, seq)
			}
			if distinct[seq] {
				fail("k=%d: %q returned twice", k, seq)
			}
			distinct[seq] = true
			gotLens = append(gotLens, len(p.Hops))
			// Each hop's edge must be usable: its label must be a step.
			if !slices.Contains(labels, fmt.Sprintf("%d|%s", len(p.Hops), renderBare(p))) {
				fail("k=%d: hops %q use an edge the filters drop", k, renderBare(p))
			}
		}
		if diff := cmp.Diff(wantLens, gotLens); diff != "" {
			fail("k=%d lengths (-brute +yen):\n%s", k, diff)
		}
		if err := checkSupport(steps, kp); err != nil {
			fail("k=%d: %v", k, err)
		}
	}
}

func TestNeighborsDepth(t *testing.T) {
	g := loadFixture(t)
	nb, err := g.NeighborsOf(context.Background(), trump, NeighborOptions{Depth: 2})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, grp := range nb.Groups {
		for _, n := range grp.Neighbors {
			got = append(got, fmt.Sprintf("%d %s/%v %s via %q %d %v", grp.Depth, grp.Predicate, grp.Forward, n.Entity.Name, n.Via.Name, n.Sources, n.Documents))
		}
	}
	want := []string{
		`1 criticized/false Gustavo Petro via "" 1 [d4]`,
		`1 leader_of/true United States via "" 1 [d3]`,
		`1 met/true Gustavo Petro via "" 2 [d1 d2]`,
		`2 captured/true Nicolás Maduro via "United States" 1 [d3]`,
		`2 leader_of/true Colombia via "Gustavo Petro" 1 [d1]`,
		`2 official_of/false Marco Rubio via "United States" 1 [d5]`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("neighbors (-want +got):\n%s", diff)
	}
	if nb.Reached != 5 {
		t.Errorf("Reached = %d, want 5", nb.Reached)
	}
	lim, err := g.NeighborsOf(context.Background(), trump, NeighborOptions{Depth: 2, Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, grp := range lim.Groups {
		n += len(grp.Neighbors)
	}
	if n != 2 || !lim.Truncated {
		t.Errorf("with Limit 2: %d neighbors, truncated %v; want 2, true", n, lim.Truncated)
	}
}

func TestParsePattern(t *testing.T) {
	tests := []struct {
		in   string
		want Pattern
		err  error
	}{
		{"? sanctioned Gustavo Petro", Pattern{"?", "sanctioned", "Gustavo Petro"}, nil},
		{"Donald Trump ? ?", Pattern{"Donald Trump", "?", "?"}, nil},
		{`"Donald Trump" met ?`, Pattern{"Donald Trump", "met", "?"}, nil},
		{`? "leader of" Colombia`, Pattern{"?", "leader_of", "Colombia"}, nil},
		{"Trump met Petro", Pattern{"Trump", "met", "Petro"}, nil},
		{"? ? ?", Pattern{"?", "?", "?"}, nil},
		{"Trump Petro", Pattern{}, ErrFilter},
		{"Trump likes Petro", Pattern{}, ErrFilter},
		{`"Trump met ?`, Pattern{}, ErrFilter},
	}
	for _, tc := range tests {
		got, err := ParsePattern(tc.in)
		if !errors.Is(err, tc.err) {
			t.Errorf("ParsePattern(%q) error = %v, want %v", tc.in, err, tc.err)
			continue
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("ParsePattern(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
}

func TestMatch(t *testing.T) {
	g := loadFixture(t)
	tests := []struct {
		pattern string
		opts    MatchOptions
		want    []string
		err     error
	}{
		{pattern: "? met ?", want: []string{"Donald Trump met Gustavo Petro [2]"}},
		{pattern: "? captured maduro", want: []string{"United States captured Nicolás Maduro [1]"}},
		{pattern: "Petro met ?", want: []string{"Gustavo Petro met Donald Trump [2]"}},
		{pattern: "Donald Trump ? ?", want: []string{
			"Donald Trump met Gustavo Petro [2]", "Donald Trump leader_of United States [1]",
			`Donald Trump title "President" [1]`, `Donald Trump title "president" [1]`,
		}},
		{pattern: "? ? Donald Trump", want: []string{"Gustavo Petro met Donald Trump [2]", "Gustavo Petro criticized Donald Trump [1]"}},
		{pattern: "? title secretary of state", want: []string{`Marco Rubio title "Secretary of State" [2]`}},
		{pattern: "Donald Trump ? ?", opts: MatchOptions{Filter: Filter{Since: "2026"}, Limit: 1}, want: []string{"Donald Trump met Gustavo Petro [2]"}},
		{pattern: "Nobody ? ?", err: ErrNotFound},
		{pattern: "? flew Petro", err: ErrFilter},
	}
	for _, tc := range tests {
		t.Run(tc.pattern, func(t *testing.T) {
			ms, err := g.Match(context.Background(), tc.pattern, tc.opts)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("error = %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, m := range ms {
				o := m.Object.Name
				if o == "" {
					o = fmt.Sprintf("%q", m.Literal)
				}
				got = append(got, fmt.Sprintf("%s %s %s [%d]", m.Subject.Name, m.Predicate, o, m.Sources))
			}
			if tc.want == nil {
				tc.want = []string{}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("matches (-want +got):\n%s", diff)
			}
		})
	}
	ms, err := g.Match(context.Background(), "? met ?", MatchOptions{Evidence: true})
	if err != nil || len(ms) != 1 || len(ms[0].Evidence) != 2 {
		t.Fatalf("Match with evidence = %+v, %v; want one match with 2 statements", ms, err)
	}
}

func TestTimeline(t *testing.T) {
	g := loadFixture(t)
	for _, evidence := range []bool{false, true} {
		evs, err := g.Timeline(context.Background(), trump, TimelineOptions{Evidence: evidence})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range evs {
			got = append(got, fmt.Sprintf("%s %s %s %s %s %q", e.When, e.Subject.Name, e.Predicate, e.Object.Name, e.Doc, e.Sentence))
		}
		sent := func(s string) string {
			if evidence {
				return fmt.Sprintf("%q", s)
			}
			return `""`
		}
		want := []string{
			"2026-01-05 Gustavo Petro criticized Donald Trump d4 " + sent("Petro criticized Trump."),
			"2026-02 Donald Trump met Gustavo Petro d1 " + sent("Trump will meet Petro."),
			"2026-02-03 Donald Trump met Gustavo Petro d2 " + sent("Trump met Petro."),
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("timeline, evidence %v (-want +got):\n%s", evidence, diff)
		}
	}
	cut, err := g.Timeline(context.Background(), trump, TimelineOptions{Limit: 2, Evidence: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range cut {
		got = append(got, e.When+" "+e.Sentence)
	}
	if diff := cmp.Diff([]string{"2026-01-05 Petro criticized Trump.", "2026-02 Trump will meet Petro."}, got); diff != "" {
		t.Errorf("timeline limit 2 with evidence (-want +got):\n%s", diff)
	}
	evs, err := g.Timeline(context.Background(), trump, TimelineOptions{Filter: Filter{Until: "2026-01"}})
	if err != nil || len(evs) != 1 {
		t.Errorf("timeline until 2026-01 = %d events, %v; want 1", len(evs), err)
	}
	if _, err := g.Timeline(context.Background(), ent("Nobody", schema.Person), TimelineOptions{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("Timeline(unknown) error = %v, want ErrNotFound", err)
	}
}

func TestStats(t *testing.T) {
	g := loadFixture(t)
	st := g.Stats()
	if st.Entities != len(fixture().ents) || st.Statements != len(fixture().stmts) || st.Bytes <= 0 {
		t.Errorf("Stats = %+v; want %d entities, %d statements, some bytes", st, len(fixture().ents), len(fixture().stmts))
	}
	// Trump–Petro met (d1, d2) and Rubio's title (d1, d2) are one group each.
	if st.Groups != len(fixture().stmts)-2 {
		t.Errorf("Groups = %d, want %d", st.Groups, len(fixture().stmts)-2)
	}
}

// TestConcurrentQueries runs queries on one Graph from several goroutines
// (run with -race) and checks they all get the same answers.
func TestConcurrentQueries(t *testing.T) {
	g := loadFixture(t)
	want, err := g.Paths(context.Background(), rubio, petro, PathOptions{K: 2, Filter: Filter{MinConfidence: 0.5}})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	for w := range 8 {
		go func() {
			for i := range 50 {
				got, err := g.Paths(context.Background(), rubio, petro, PathOptions{K: 2, Filter: Filter{MinConfidence: 0.5}})
				if err == nil && !cmp.Equal(want, got) {
					err = fmt.Errorf("worker %d run %d: different paths", w, i)
				}
				if err == nil {
					_, err = g.NeighborsOf(context.Background(), trump, NeighborOptions{Depth: 2})
				}
				if err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestNeighborsMatchBruteForce checks, on random small graphs under random
// filters, that NeighborsOf reaches exactly the entities a plain
// breadth-first search over the usable edges reaches, each at its
// distance, and lists every usable edge of the entity at depth 1.
func TestNeighborsMatchBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for iter := range 1000 {
		c := newRandomCase(rng)
		g := New(c.ents, c.stmts)
		depth := 1 + rng.IntN(3)
		steps := c.bruteSteps()
		dist := map[string]int{c.from.Name: 0}
		front := []string{c.from.Name}
		firstHop := map[string]string{}
		for d := 1; d <= depth; d++ {
			var next []string
			for _, u := range front {
				for _, s := range steps[u] {
					if d == 1 && s.to != c.from.Name {
						firstHop[s.label] = s.tally.String()
					}
					if _, ok := dist[s.to]; !ok {
						dist[s.to] = d
						next = append(next, s.to)
					}
				}
			}
			front = next
		}
		delete(dist, c.from.Name)
		nb, err := g.NeighborsOf(context.Background(), c.from, NeighborOptions{Filter: c.opts.Filter, Depth: depth, Directed: c.opts.Directed})
		if err != nil {
			t.Fatalf("iteration %d: %v", iter, err)
		}
		got := map[string]int{}
		gotFirst := map[string]string{}
		for _, grp := range nb.Groups {
			for _, n := range grp.Neighbors {
				if d, ok := got[n.Entity.Name]; !ok || grp.Depth < d {
					got[n.Entity.Name] = grp.Depth
				}
				if grp.Depth == 1 {
					gotFirst[fmt.Sprintf(" %s/%v %s", grp.Predicate, grp.Forward, n.Entity.Name)] = fmt.Sprintf("%d/%d", n.Sources, n.Publishers)
				}
			}
		}
		if diff := cmp.Diff(dist, got); diff != "" || nb.Reached != len(dist) {
			t.Fatalf("iteration %d: %s depth %d %+v: reached %d (-brute +got):\n%s\nstatements:\n%s", iter, c.from.Name, depth, c.opts, nb.Reached, diff, dump(c.stmts))
		}
		if diff := cmp.Diff(firstHop, gotFirst); diff != "" {
			t.Fatalf("iteration %d: %+v: depth-1 edges with sources/publishers (-brute +got):\n%s\nstatements:\n%s", iter, c.opts, diff, dump(c.stmts))
		}
		// Match "? ? ?" lists every usable relation, self-loops included.
		want := map[string]string{}
		for e, t := range c.bruteTally() {
			want[fmt.Sprintf("%s %s %s", e.s, e.p, e.o)] = t.String()
		}
		ms, err := g.Match(context.Background(), "? ? ?", MatchOptions{Filter: c.opts.Filter})
		if err != nil {
			t.Fatalf("iteration %d: %v", iter, err)
		}
		gotMatch := map[string]string{}
		for _, m := range ms {
			gotMatch[fmt.Sprintf("%s %s %s", m.Subject.Name, m.Predicate, m.Object.Name)] = fmt.Sprintf("%d/%d", m.Sources, m.Publishers)
		}
		if diff := cmp.Diff(want, gotMatch); diff != "" {
			t.Fatalf("iteration %d: %+v: matches with sources/publishers (-brute +got):\n%s\nstatements:\n%s", iter, c.opts, diff, dump(c.stmts))
		}
	}
}
