package queries

import (
	"fmt"
	"sort"

	"github.com/newsgraph/newsgraph/graph"
)

// Defaults and caps of ShortestPaths.
const (
	// DefaultMaxHops is the hop limit when PathOptions.MaxHops is 0.
	DefaultMaxHops = 4
	// DefaultPathLimit is the number of paths returned when PathOptions.Limit is 0.
	DefaultPathLimit = 10
	// maxSequences caps the entity sequences enumerated before ranking.
	maxSequences = 1000
	// maxExpansions caps the predicate-level paths built before ranking.
	maxExpansions = 10000
)

// PathOptions tunes ShortestPaths. The zero value means: at most
// DefaultMaxHops hops, edges followed in either direction, at most
// DefaultPathLimit paths.
type PathOptions struct {
	// MaxHops is the longest path considered; 0 means DefaultMaxHops.
	MaxHops int
	// Directed follows edges only from subject to object (symmetric
	// predicates both ways).
	Directed bool
	// Limit is the number of paths returned; 0 means DefaultPathLimit.
	Limit int
}

// Hop is one step of a path: From and To are linked by Predicate, supported
// by every statement in Evidence.
type Hop struct {
	From, To  graph.Entity
	Predicate string
	// Forward is true when the relation reads From —Predicate→ To (From is
	// the subject); false when it reads To —Predicate→ From. It is always
	// true for symmetric predicates.
	Forward   bool
	Symmetric bool
	// Sources counts the distinct documents among Evidence.
	Sources int
	// Confidence is the highest confidence among Evidence.
	Confidence float64
	// Evidence lists every statement of the triple, in store order.
	Evidence []graph.Statement
}

// Path is a sequence of hops from one entity to another; To of each hop is
// From of the next.
type Path struct {
	Hops []Hop
	// Sources counts the distinct documents across all hops.
	Sources int
	// MinSources is the fewest distinct documents of any hop: the support
	// of the weakest link.
	MinSources int
	// Confidence is the lowest hop confidence.
	Confidence float64
}

// ShortestPaths returns the shortest paths from one entity to another of at
// most opts.MaxHops hops, found by a bidirectional breadth-first search over
// the entity graph (title literals are not edges). Every shortest entity
// sequence (up to an internal cap) is expanded into one path per choice of
// predicate at each hop; the paths are ranked by MinSources, then Sources,
// then Confidence (all descending), then by names, and the first opts.Limit
// are returned. A path from an entity to itself has no hops. It fails with a
// *ResolveError wrapping ErrNotFound when an entity is not in the graph and
// with an error wrapping ErrNoPath when none is found within the limit.
func (g *Graph) ShortestPaths(from, to graph.Entity, opts PathOptions) ([]Path, error) {
	if opts.MaxHops <= 0 {
		opts.MaxHops = DefaultMaxHops
	}
	if opts.Limit <= 0 {
		opts.Limit = DefaultPathLimit
	}
	s, ok := g.byIRI[from.IRI]
	if !ok {
		return nil, &ResolveError{Name: from.Name, Err: ErrNotFound}
	}
	t, ok := g.byIRI[to.IRI]
	if !ok {
		return nil, &ResolveError{Name: to.Name, Err: ErrNotFound}
	}
	if s == t {
		return []Path{{}}, nil
	}
	seqs := g.shortestSequences(s, t, opts.MaxHops, opts.Directed)
	if len(seqs) == 0 {
		return nil, fmt.Errorf("%w from %q to %q within %d hops", ErrNoPath, g.nodes[s].Name, g.nodes[t].Name, opts.MaxHops)
	}
	var paths []Path
	for _, seq := range seqs {
		if len(paths) >= maxExpansions {
			break
		}
		paths = g.expand(paths, seq, opts.Directed)
	}
	sort.SliceStable(paths, func(i, j int) bool { return better(paths[i], paths[j]) })
	if len(paths) > opts.Limit {
		paths = paths[:opts.Limit]
	}
	return paths, nil
}

// better orders paths for ShortestPaths.
func better(a, b Path) bool {
	if a.MinSources != b.MinSources {
		return a.MinSources > b.MinSources
	}
	if a.Sources != b.Sources {
		return a.Sources > b.Sources
	}
	if a.Confidence != b.Confidence {
		return a.Confidence > b.Confidence
	}
	for i := range a.Hops {
		x, y := a.Hops[i], b.Hops[i]
		if x.To.Name != y.To.Name {
			return x.To.Name < y.To.Name
		}
		if x.Predicate != y.Predicate {
			return x.Predicate < y.Predicate
		}
		if x.Forward != y.Forward {
			return x.Forward
		}
	}
	return false
}

// canStep reports whether a search may go from the near end of r to its far end.
func canStep(r edgeRef, directed bool) bool { return !directed || r.forward }

// canStepBack reports whether a search may go from the far end of r to its near end.
func canStepBack(r edgeRef, directed bool) bool {
	return !directed || r.e.symmetric || !r.forward
}

// shortestSequences returns every shortest node sequence from s to t (s ≠ t)
// of at most maxHops hops, up to maxSequences of them, in a deterministic
// order. It searches from both ends, always growing the smaller frontier by
// one full layer; the first layer that reaches a node labelled from the
// other side fixes the distance d = ks + kt, and every shortest path passes
// through exactly one node at distance ks from s and kt from t.
func (g *Graph) shortestSequences(s, t, maxHops int, directed bool) [][]int {
	n := len(g.nodes)
	ds, dt := make([]int, n), make([]int, n)
	for i := range ds {
		ds[i], dt[i] = -1, -1
	}
	ds[s], dt[t] = 0, 0
	frontS, frontT := []int{s}, []int{t}
	ks, kt := 0, 0
	met := false
	for !met && ks+kt < maxHops {
		fromS := len(frontS) <= len(frontT)
		front, dist, other := frontT, dt, ds
		if fromS {
			front, dist, other = frontS, ds, dt
		}
		var next []int
		for _, u := range front {
			for _, r := range g.adj[u] {
				if fromS && !canStep(r, directed) || !fromS && !canStepBack(r, directed) {
					continue
				}
				v := r.other
				if dist[v] >= 0 {
					continue
				}
				dist[v] = dist[u] + 1
				next = append(next, v)
				if other[v] >= 0 {
					met = true
				}
			}
		}
		if fromS {
			frontS, ks = next, ks+1
		} else {
			frontT, kt = next, kt+1
		}
		if len(next) == 0 {
			return nil
		}
	}
	if !met {
		return nil
	}
	var mids []int
	for v := range n {
		if ds[v] == ks && dt[v] == kt {
			mids = append(mids, v)
		}
	}
	var out [][]int
	for _, m := range mids {
		for _, pre := range g.walkBack(m, ds, directed) {
			for _, suf := range g.walkForward(m, dt, directed) {
				if len(out) == maxSequences {
					return out
				}
				seq := append(append([]int(nil), pre...), suf[1:]...)
				out = append(out, seq)
			}
		}
	}
	return out
}

// walkBack returns every sequence s…v along decreasing ds (ds[s] = 0).
func (g *Graph) walkBack(v int, ds []int, directed bool) [][]int {
	if ds[v] == 0 {
		return [][]int{{v}}
	}
	var out [][]int
	for _, u := range g.stepNodes(v, ds, func(r edgeRef) bool { return canStepBack(r, directed) }) {
		for _, p := range g.walkBack(u, ds, directed) {
			if len(out) == maxSequences {
				return out
			}
			out = append(out, append(p, v))
		}
	}
	return out
}

// walkForward returns every sequence v…t along decreasing dt (dt[t] = 0).
func (g *Graph) walkForward(v int, dt []int, directed bool) [][]int {
	if dt[v] == 0 {
		return [][]int{{v}}
	}
	var out [][]int
	for _, w := range g.stepNodes(v, dt, func(r edgeRef) bool { return canStep(r, directed) }) {
		for _, p := range g.walkForward(w, dt, directed) {
			if len(out) == maxSequences {
				return out
			}
			out = append(out, append([]int{v}, p...))
		}
	}
	return out
}

// stepNodes returns the distinct neighbours u of v, in adjacency order, with
// dist[u] = dist[v] - 1 over edges that ok accepts.
func (g *Graph) stepNodes(v int, dist []int, ok func(edgeRef) bool) []int {
	var out []int
	for _, r := range g.adj[v] {
		u := r.other
		if dist[u] != dist[v]-1 || !ok(r) {
			continue
		}
		dup := false
		for _, x := range out {
			dup = dup || x == u
		}
		if !dup {
			out = append(out, u)
		}
	}
	return out
}

// hopsBetween returns one Hop per edge from a to b that a search may follow.
func (g *Graph) hopsBetween(a, b int, directed bool) []Hop {
	var out []Hop
	for _, r := range g.adj[a] {
		if r.other != b || !canStep(r, directed) {
			continue
		}
		out = append(out, Hop{
			From: g.nodes[a], To: g.nodes[b],
			Predicate: r.e.pred, Forward: r.forward, Symmetric: r.e.symmetric,
			Sources: g.distinctDocs(r.e.stmts), Confidence: g.maxConfidence(r.e.stmts),
			Evidence: g.evidence(r.e.stmts),
		})
	}
	return out
}

// expand appends to paths one Path per combination of hops along seq,
// stopping at maxExpansions paths in all.
func (g *Graph) expand(paths []Path, seq []int, directed bool) []Path {
	choices := make([][]Hop, len(seq)-1)
	for i := range choices {
		choices[i] = g.hopsBetween(seq[i], seq[i+1], directed)
		if len(choices[i]) == 0 {
			return paths // cannot happen for a sequence found by the search
		}
	}
	idx := make([]int, len(choices))
	for len(paths) < maxExpansions {
		hops := make([]Hop, len(choices))
		for i, c := range choices {
			hops[i] = c[idx[i]]
		}
		paths = append(paths, g.summarise(hops))
		// advance the odometer
		i := len(idx) - 1
		for ; i >= 0; i-- {
			idx[i]++
			if idx[i] < len(choices[i]) {
				break
			}
			idx[i] = 0
		}
		if i < 0 {
			break
		}
	}
	return paths
}

// summarise builds a Path with its support figures.
func (g *Graph) summarise(hops []Hop) Path {
	p := Path{Hops: hops}
	docs := map[string]bool{}
	for i, h := range hops {
		for _, s := range h.Evidence {
			docs[s.Doc] = true
		}
		if i == 0 || h.Sources < p.MinSources {
			p.MinSources = h.Sources
		}
		if i == 0 || h.Confidence < p.Confidence {
			p.Confidence = h.Confidence
		}
	}
	p.Sources = len(docs)
	return p
}
