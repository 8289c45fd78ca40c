package queries

import (
	"context"
	"sort"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// NeighborOptions tunes NeighborsOf. The zero value lists the direct
// neighbors over every edge, without evidence.
type NeighborOptions struct {
	Filter
	// Depth is how many hops out to go; 0 means 1.
	Depth int
	// Directed follows edges only from subject to object (symmetric
	// predicates both ways).
	Directed bool
	// Limit caps the neighbors listed (0: no cap): the search stops once
	// it has listed Limit of them, and Neighborhood.Truncated says so.
	Limit int
	// Evidence reads the supporting statements of every neighbor listed.
	Evidence bool
}

// Neighborhood is what the graph says about one entity.
type Neighborhood struct {
	Entity graph.Entity
	// Titles lists the distinct title literals of the entity, sorted; titles
	// that differ only in case or accents are listed once.
	Titles []string
	// Groups lists the neighbors grouped by depth, predicate and
	// direction, sorted by depth, predicate, outgoing before incoming.
	Groups []NeighborGroup
	// Reached counts the distinct entities found within the depth (only
	// those found before the limit when Truncated).
	Reached int
	// Truncated is true when NeighborOptions.Limit cut the listing.
	Truncated bool
}

// NeighborGroup is every neighbor at one depth reached by one predicate in
// one direction.
type NeighborGroup struct {
	Depth     int
	Predicate string
	// Forward is true when the nearer entity is the subject (entity
	// —Predicate→ neighbor); always true for symmetric predicates.
	Forward   bool
	Symmetric bool
	// Statements counts the statements of the group.
	Statements int
	// Neighbors are sorted by statement count (descending), then name.
	Neighbors []Neighbor
}

// Neighbor is one entity linked to the entity of a Neighborhood: directly
// (Depth 1, every edge listed), or through Via (Depth > 1, each entity once,
// by the first edge that reached it).
type Neighbor struct {
	Entity graph.Entity
	Depth  int
	// Via is the entity one hop nearer; zero at depth 1.
	Via graph.Entity
	// Statements counts the supporting statements; Sources their distinct
	// documents and Publishers their distinct publishers (see the package
	// comment).
	Statements, Sources, Publishers int
	// Dates lists the distinct non-empty event dates ("when") of the
	// statements, sorted.
	Dates []string
	// Documents lists the distinct documents of the statements, sorted.
	Documents []string
	// Evidence lists the supporting statements (NeighborOptions.Evidence).
	Evidence []graph.Statement
}

// Neighbors returns the direct neighborhood of x with evidence. It fails
// with a *ResolveError wrapping ErrNotFound when x is not in the graph.
func (g *Graph) Neighbors(x graph.Entity) (Neighborhood, error) {
	return g.NeighborsOf(context.Background(), x, NeighborOptions{Depth: 1, Evidence: true})
}

// NeighborsOf returns the neighborhood of x to opts.Depth hops over the
// edges that pass opts.Filter. It fails with a *ResolveError wrapping
// ErrNotFound when x is not in the graph and with ErrFilter for a bad
// filter.
func (g *Graph) NeighborsOf(ctx context.Context, x graph.Entity, opts NeighborOptions) (Neighborhood, error) {
	xi, ok := g.byIRI[x.IRI]
	if !ok {
		return Neighborhood{}, &ResolveError{Name: x.Name, Err: ErrNotFound}
	}
	f, err := g.compile(opts.Filter)
	if err != nil {
		return Neighborhood{}, err
	}
	depth := max(opts.Depth, 1)
	i := int32(xi)
	nb := Neighborhood{Entity: g.nodes[i], Titles: g.titles(i), Groups: []NeighborGroup{}}

	type key struct {
		depth   int
		pred    string
		forward bool
	}
	groups := map[key]*NeighborGroup{}
	var keys []key
	se := g.newSearch(f, opts.Directed)
	defer se.release()
	se.reset()
	sc := se.sc
	sc.ds[i], sc.ms[i] = 0, sc.epoch
	front := []int32{i}
	listed := 0
	add := func(d int, u, v, gi int32) error {
		listed++
		pi := g.preds[g.gPred[gi]]
		k := key{d, pi.name, g.forward(gi, u)}
		grp := groups[k]
		if grp == nil {
			grp = &NeighborGroup{Depth: d, Predicate: pi.name, Forward: k.forward, Symmetric: pi.symmetric}
			groups[k] = grp
			keys = append(keys, k)
		}
		dates, docs := map[string]bool{}, map[string]bool{}
		f.dates(gi, dates)
		f.docIDs(gi, docs)
		n := Neighbor{Entity: g.nodes[v], Depth: d, Dates: sortedKeys(dates), Documents: sortedKeys(docs)}
		if d > 1 {
			n.Via = g.nodes[u]
		}
		for k := g.gStmt[gi]; k < g.gStmt[gi+1]; k++ {
			if f.stmtOK(k) {
				n.Statements++
			}
		}
		sp := f.support(gi)
		n.Sources, n.Publishers = int(sp.docs), int(sp.pubs)
		if opts.Evidence {
			ev, err := g.evidence(ctx, gi, f)
			if err != nil {
				return err
			}
			n.Evidence = ev
		}
		grp.Neighbors = append(grp.Neighbors, n)
		grp.Statements += n.Statements
		return nil
	}
	full := func() bool { return opts.Limit > 0 && listed >= opts.Limit }
search:
	for d := 1; d <= depth && len(front) > 0; d++ {
		var next []int32
		for _, u := range front {
			for e := g.off[u]; e < g.off[u+1]; e++ {
				v := g.nbr[e]
				if !se.usable(u, e, true) {
					continue
				}
				first := sc.ms[v] != sc.epoch
				if (d == 1 && v != i || first) && full() {
					nb.Truncated = true
					break search
				}
				if first {
					sc.ds[v], sc.ms[v] = int32(d), sc.epoch
					next = append(next, v)
					nb.Reached++
				}
				if d == 1 && v != i || first {
					if err := add(d, u, v, g.egrp[e]); err != nil {
						return Neighborhood{}, err
					}
				}
			}
		}
		front = next
	}
	sort.Slice(keys, func(a, b int) bool {
		x, y := keys[a], keys[b]
		if x.depth != y.depth {
			return x.depth < y.depth
		}
		if x.pred != y.pred {
			return x.pred < y.pred
		}
		return x.forward && !y.forward
	})
	for _, k := range keys {
		grp := groups[k]
		sort.SliceStable(grp.Neighbors, func(a, b int) bool {
			x, y := grp.Neighbors[a], grp.Neighbors[b]
			if x.Statements != y.Statements {
				return x.Statements > y.Statements
			}
			return x.Entity.Name < y.Entity.Name
		})
		nb.Groups = append(nb.Groups, *grp)
	}
	return nb, nil
}

// titles returns the distinct title literals of node i, sorted, folded
// duplicates removed (capitalised forms first).
func (g *Graph) titles(i int32) []string {
	var lits []string
	for _, gi := range g.incGrp[g.incOff[i]:g.incOff[i+1]] {
		if g.gObj[gi] < 0 && g.gSubj[gi] == i && g.gLit[gi] != "" {
			lits = append(lits, g.gLit[gi])
		}
	}
	sort.Strings(lits)
	out := []string{}
	seen := map[string]bool{}
	for _, l := range lits {
		if k := schema.Fold(l); !seen[k] {
			seen[k] = true
			out = append(out, l)
		}
	}
	return out
}
