// Package queries answers questions over the statements of a newsgraph store:
// which entity a name means, the shortest paths between two entities, the
// neighbors of an entity and a listing of entities with their statement
// counts.
//
// It reads the store once through the small Source interface (which
// *graph.Store satisfies) and builds an in-memory adjacency: one node per
// entity, one edge per (subject, predicate, object) triple carrying every
// statement that supports it. Queries on a Graph are then pure in-memory
// work; a Graph is immutable once built and safe for concurrent use.
package queries

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// Source is what queries read from a store. *graph.Store implements it; tests
// use fakes.
type Source interface {
	// Entities returns every entity of the store.
	Entities(ctx context.Context) ([]graph.Entity, error)
	// Statements returns the statements matching f (the zero Filter: all).
	Statements(ctx context.Context, f graph.Filter) ([]graph.Statement, error)
}

var _ Source = (*graph.Store)(nil)

// Sentinel errors of the package. Errors returned by Resolve and
// ShortestPaths wrap them; use errors.Is.
var (
	// ErrNotFound means no entity has the given name or alias.
	ErrNotFound = errors.New("queries: entity not found")
	// ErrAmbiguous means several entities share the given name or alias.
	ErrAmbiguous = errors.New("queries: ambiguous entity name")
	// ErrNoPath means the two entities are not connected within the hop limit.
	ErrNoPath = errors.New("queries: no path")
)

// Graph is the in-memory adjacency of a store's entities and statements.
// Build it with Load or New; it is read-only afterwards.
type Graph struct {
	nodes  []graph.Entity // sorted by Name, then IRI
	byIRI  map[string]int // entity IRI → node index
	adj    [][]edgeRef    // node → incident edges, in deterministic order
	edges  []*edge        // every entity-to-entity triple
	titles [][]int        // node → indexes into stmts of its title literals
	stmts  []graph.Statement
	// per node: indexes into stmts of every statement naming it
	// (as subject or entity object), titles included
	touch [][]int
	// name index for Resolve: folded name → nodes; folded alias → nodes
	names   map[string][]int
	aliases map[string][]int
}

// edge is one (subject, predicate, object) triple between two entities
// with every statement that supports it. For a symmetric predicate the pair
// is stored once, with subject ≤ object by node index.
type edge struct {
	subj, obj int
	pred      string
	symmetric bool
	stmts     []int // indexes into Graph.stmts, in store order
}

// edgeRef is an edge seen from one of its ends.
type edgeRef struct {
	e       *edge
	other   int  // the node at the far end
	forward bool // the near end is the subject (always true for symmetric edges)
}

// Load reads every entity and statement of src and builds the Graph.
func Load(ctx context.Context, src Source) (*Graph, error) {
	ents, err := src.Entities(ctx)
	if err != nil {
		return nil, fmt.Errorf("queries: read entities: %w", err)
	}
	stmts, err := src.Statements(ctx, graph.Filter{})
	if err != nil {
		return nil, fmt.Errorf("queries: read statements: %w", err)
	}
	return New(ents, stmts), nil
}

// New builds a Graph from entities and statements. Entities that statements
// name but ents lacks are added; entities are identified by IRI. Statements
// with a literal object (title) or without an object entity are kept for
// Neighbors and Entities but are not edges. New keeps its own copies; the
// arguments may be reused afterwards.
func New(ents []graph.Entity, stmts []graph.Statement) *Graph {
	g := &Graph{byIRI: map[string]int{}}
	seen := map[string]graph.Entity{}
	add := func(e graph.Entity) {
		if e.IRI == "" {
			return
		}
		if old, ok := seen[e.IRI]; ok {
			if old.Name == "" {
				seen[e.IRI] = e
			}
			return
		}
		seen[e.IRI] = e
	}
	for _, e := range ents {
		add(e)
	}
	for _, s := range stmts {
		add(s.Subject)
		if isEntityEdge(s) {
			add(s.Object)
		}
	}
	for _, e := range seen {
		e.Aliases = append([]string(nil), e.Aliases...)
		g.nodes = append(g.nodes, e)
	}
	sort.Slice(g.nodes, func(i, j int) bool {
		a, b := g.nodes[i], g.nodes[j]
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.IRI < b.IRI
	})
	for i, e := range g.nodes {
		g.byIRI[e.IRI] = i
	}
	n := len(g.nodes)
	g.adj = make([][]edgeRef, n)
	g.titles = make([][]int, n)
	g.touch = make([][]int, n)
	g.stmts = append([]graph.Statement(nil), stmts...)

	type key struct {
		s, o int
		p    string
	}
	byKey := map[key]*edge{}
	for i, s := range g.stmts {
		si, ok := g.byIRI[s.Subject.IRI]
		if !ok {
			continue // a statement without a subject entity
		}
		g.touch[si] = append(g.touch[si], i)
		if !isEntityEdge(s) {
			if s.Predicate == schema.Title || s.Literal != "" {
				g.titles[si] = append(g.titles[si], i)
			}
			continue
		}
		oi := g.byIRI[s.Object.IRI]
		if oi != si {
			g.touch[oi] = append(g.touch[oi], i)
		}
		p, _ := schema.LookupPredicate(s.Predicate)
		k := key{si, oi, s.Predicate}
		if p.Symmetric && oi < si {
			k.s, k.o = oi, si
		}
		e := byKey[k]
		if e == nil {
			e = &edge{subj: k.s, obj: k.o, pred: s.Predicate, symmetric: p.Symmetric}
			byKey[k] = e
			g.edges = append(g.edges, e)
		}
		e.stmts = append(e.stmts, i)
	}
	sort.Slice(g.edges, func(i, j int) bool {
		a, b := g.edges[i], g.edges[j]
		if a.subj != b.subj {
			return a.subj < b.subj
		}
		if a.obj != b.obj {
			return a.obj < b.obj
		}
		return a.pred < b.pred
	})
	for _, e := range g.edges {
		if e.subj == e.obj {
			continue // a self-loop never shortens a path
		}
		g.adj[e.subj] = append(g.adj[e.subj], edgeRef{e: e, other: e.obj, forward: true})
		g.adj[e.obj] = append(g.adj[e.obj], edgeRef{e: e, other: e.subj, forward: e.symmetric})
	}

	g.names = map[string][]int{}
	g.aliases = map[string][]int{}
	for i, e := range g.nodes {
		addKey(g.names, schema.Fold(e.Name), i)
		for _, a := range e.Aliases {
			addKey(g.aliases, schema.Fold(a), i)
		}
	}
	return g
}

// isEntityEdge reports whether s links two entities (not a title literal).
func isEntityEdge(s graph.Statement) bool {
	if s.Object.IRI == "" || s.Predicate == schema.Title {
		return false
	}
	if p, ok := schema.LookupPredicate(s.Predicate); ok && p.LiteralObject {
		return false
	}
	return true
}

func addKey(m map[string][]int, k string, i int) {
	if k == "" {
		return
	}
	for _, j := range m[k] {
		if j == i {
			return
		}
	}
	m[k] = append(m[k], i)
}

// Len returns the number of entities in the graph.
func (g *Graph) Len() int { return len(g.nodes) }

// Entity returns the entity with the given IRI and whether it exists.
func (g *Graph) Entity(iri string) (graph.Entity, bool) {
	i, ok := g.byIRI[iri]
	if !ok {
		return graph.Entity{}, false
	}
	return g.nodes[i], true
}

// EntityCount is one row of an entity listing.
type EntityCount struct {
	Entity graph.Entity
	// Statements counts the statements naming the entity as subject or object
	// (titles included).
	Statements int
	// Documents counts the distinct documents of those statements.
	Documents int
	// Degree counts the distinct entities linked to it by an edge.
	Degree int
}

// Entities lists the entities of the graph, sorted by name, with their
// statement counts. A non-empty typ keeps only entities of that type.
func (g *Graph) Entities(typ schema.EntityType) []EntityCount {
	out := []EntityCount{}
	for i, e := range g.nodes {
		if typ != "" && e.Type != typ {
			continue
		}
		docs := map[string]bool{}
		for _, si := range g.touch[i] {
			docs[g.stmts[si].Doc] = true
		}
		others := map[int]bool{}
		for _, r := range g.adj[i] {
			others[r.other] = true
		}
		out = append(out, EntityCount{Entity: e, Statements: len(g.touch[i]), Documents: len(docs), Degree: len(others)})
	}
	return out
}

// distinctDocs counts the distinct documents of the statements idx.
func (g *Graph) distinctDocs(idx []int) int {
	docs := map[string]bool{}
	for _, i := range idx {
		docs[g.stmts[i].Doc] = true
	}
	return len(docs)
}

// maxConfidence returns the highest confidence among the statements idx.
func (g *Graph) maxConfidence(idx []int) float64 {
	m := 0.0
	for _, i := range idx {
		if c := g.stmts[i].Confidence; c > m {
			m = c
		}
	}
	return m
}

// evidence copies the statements idx.
func (g *Graph) evidence(idx []int) []graph.Statement {
	out := make([]graph.Statement, len(idx))
	for k, i := range idx {
		out[k] = g.stmts[i]
	}
	return out
}
