package queries

import (
	"sort"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// Neighborhood is what the graph says about one entity.
type Neighborhood struct {
	Entity graph.Entity
	// Titles lists the distinct title literals of the entity, sorted; titles
	// that differ only in case or accents are listed once.
	Titles []string
	// Groups lists its edges grouped by predicate and direction, sorted by
	// predicate, outgoing before incoming.
	Groups []NeighborGroup
}

// NeighborGroup is every neighbor linked to the entity by one predicate in
// one direction.
type NeighborGroup struct {
	Predicate string
	// Forward is true when the entity is the subject (entity —Predicate→
	// neighbor); always true for symmetric predicates.
	Forward   bool
	Symmetric bool
	// Statements counts the statements of the group.
	Statements int
	// Neighbors are sorted by statement count (descending), then name.
	Neighbors []Neighbor
}

// Neighbor is one entity linked to the entity of a Neighborhood.
type Neighbor struct {
	Entity graph.Entity
	// Statements counts the supporting statements; Sources their distinct documents.
	Statements, Sources int
	// Dates lists the distinct non-empty event dates ("when") of the
	// statements, sorted.
	Dates []string
	// Evidence lists the supporting statements, in store order.
	Evidence []graph.Statement
}

// Neighbors returns the neighborhood of the entity x. It fails with a
// *ResolveError wrapping ErrNotFound when x is not in the graph.
func (g *Graph) Neighbors(x graph.Entity) (Neighborhood, error) {
	i, ok := g.byIRI[x.IRI]
	if !ok {
		return Neighborhood{}, &ResolveError{Name: x.Name, Err: ErrNotFound}
	}
	nb := Neighborhood{Entity: g.nodes[i], Titles: []string{}, Groups: []NeighborGroup{}}
	var lits []string
	for _, si := range g.titles[i] {
		if l := g.stmts[si].Literal; l != "" {
			lits = append(lits, l)
		}
	}
	sort.Strings(lits) // capitalised forms first: "President" before "president"
	seen := map[string]bool{}
	for _, l := range lits {
		if k := schema.Fold(l); !seen[k] {
			seen[k] = true
			nb.Titles = append(nb.Titles, l)
		}
	}

	type key struct {
		pred    string
		forward bool
	}
	groups := map[key]*NeighborGroup{}
	var keys []key
	for _, r := range g.adj[i] {
		k := key{r.e.pred, r.forward}
		grp := groups[k]
		if grp == nil {
			grp = &NeighborGroup{Predicate: r.e.pred, Forward: r.forward, Symmetric: r.e.symmetric}
			groups[k] = grp
			keys = append(keys, k)
		}
		dates := map[string]bool{}
		for _, si := range r.e.stmts {
			if w := g.stmts[si].When; w != "" {
				dates[w] = true
			}
		}
		n := Neighbor{
			Entity: g.nodes[r.other], Statements: len(r.e.stmts), Sources: g.distinctDocs(r.e.stmts),
			Dates: sortedKeys(dates), Evidence: g.evidence(r.e.stmts),
		}
		grp.Neighbors = append(grp.Neighbors, n)
		grp.Statements += n.Statements
	}
	sort.Slice(keys, func(a, b int) bool {
		if keys[a].pred != keys[b].pred {
			return keys[a].pred < keys[b].pred
		}
		return keys[a].forward && !keys[b].forward
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

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
