package graph

import (
	"context"
	"fmt"

	"github.com/cayleygraph/cayley/graph/path"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/schema"
)

// PathAPIDistance returns the number of hops of a shortest path between two
// entities over the relations between entities (either direction), found by
// a bidirectional breadth-first search through Cayley's path API with
// Unique() on every hop: the way to answer the question without an index.
// It returns -1 when there is no path within maxHops. It exists to check
// and to measure the in-memory index against.
func (s *Store) PathAPIDistance(ctx context.Context, fromIRI, toIRI string, maxHops int) (int, error) {
	if err := s.rlock(); err != nil {
		return -1, err
	}
	defer s.runlock()
	d, err := s.pathAPIDistance(ctx, fromIRI, toIRI, maxHops)
	if err != nil {
		return -1, fmt.Errorf("path-API search %s → %s in %s: %w", fromIRI, toIRI, s.where(), err)
	}
	return d, nil
}

func (s *Store) pathAPIDistance(ctx context.Context, fromIRI, toIRI string, maxHops int) (int, error) {
	if fromIRI == toIRI {
		return 0, nil
	}
	var via []interface{}
	for _, p := range schema.Predicates() {
		if !p.LiteralObject {
			via = append(via, quad.IRI(schema.PredicateIRI(p.Name)))
		}
	}
	seenS := map[quad.IRI]bool{quad.IRI(fromIRI): true}
	seenT := map[quad.IRI]bool{quad.IRI(toIRI): true}
	frontS := []quad.Value{quad.IRI(fromIRI)}
	frontT := []quad.Value{quad.IRI(toIRI)}
	for hops := 1; hops <= maxHops; hops++ {
		fromS := len(frontS) <= len(frontT)
		front, seen, other := frontT, seenT, seenS
		if fromS {
			front, seen, other = frontS, seenS, seenT
		}
		var next []quad.Value
		met := false
		err := path.StartPath(s.qs, front...).Both(via...).Unique().Iterate(ctx).EachValue(s.qs, func(v quad.Value) {
			iri, ok := v.(quad.IRI)
			if !ok || seen[iri] {
				return
			}
			seen[iri] = true
			next = append(next, iri)
			if other[iri] {
				met = true
			}
		})
		if err != nil {
			return -1, err
		}
		if met {
			return hops, nil
		}
		if len(next) == 0 {
			return -1, nil
		}
		if fromS {
			frontS = next
		} else {
			frontT = next
		}
	}
	return -1, nil
}
