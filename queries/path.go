package queries

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"sync"

	"github.com/newsgraph/newsgraph/graph"
)

// Defaults and caps of path search.
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

// PathOptions tunes Paths. The zero value means: every shortest path of at
// most DefaultMaxHops hops, edges followed in either direction, no filter,
// at most DefaultPathLimit paths, with evidence.
type PathOptions struct {
	Filter
	// MaxHops is the longest path considered; 0 means DefaultMaxHops.
	MaxHops int
	// Directed follows edges only from subject to object (symmetric
	// predicates both ways).
	Directed bool
	// K, when positive, asks for the K shortest loop-free paths (distinct
	// entity sequences, Yen's algorithm), each hop carried by its
	// best-supported edge. When 0, Paths returns every shortest path, one
	// per choice of edge at each hop, up to Limit.
	K int
	// Limit is the number of paths returned when K is 0; 0 means
	// DefaultPathLimit.
	Limit int
	// SkipEvidence leaves Hop.Evidence empty (no store reads).
	SkipEvidence bool
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
	// Sources counts the distinct documents of the statements that pass
	// the filter; Publishers their distinct publishers (a document whose
	// publisher is unknown counts as its own; see the package comment).
	Sources, Publishers int
	// Confidence is the highest confidence among those statements.
	Confidence float64
	// Dates lists their distinct event dates, sorted.
	Dates []string
	// Evidence lists those statements, by document then offset (empty
	// with PathOptions.SkipEvidence).
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
	// Publishers counts the distinct publishers across all hops, and
	// MinPublishers is the fewest of any hop.
	Publishers, MinPublishers int
	// Confidence is the lowest hop confidence.
	Confidence float64
}

// ShortestPaths is Paths without a context.
func (g *Graph) ShortestPaths(from, to graph.Entity, opts PathOptions) ([]Path, error) {
	return g.Paths(context.Background(), from, to, opts)
}

// Paths returns paths from one entity to another of at most opts.MaxHops
// hops over the edges that pass opts.Filter (title literals are not edges).
//
// With opts.K = 0 it finds the shortest distance by a bidirectional
// breadth-first search and returns every shortest path (up to internal
// caps), one per choice of edge at each hop. With opts.K > 0 it returns the
// K shortest loop-free entity sequences (Yen's algorithm); each hop takes
// its best-supported edge; among paths as long as the K-th, the best
// supported of up to 2K found are kept.
//
// Paths are ranked by length, then by the sources of their weakest hop
// (MinSources), the sum of their hops' sources, and their weakest
// confidence (all descending), then by names. Evidence is read only for the
// paths returned. A path from an entity to itself has no hops. It fails
// with a *ResolveError wrapping ErrNotFound when an entity is not in the
// graph, ErrFilter for a bad filter, and an error wrapping ErrNoPath when no
// path is found within the limit.
func (g *Graph) Paths(ctx context.Context, from, to graph.Entity, opts PathOptions) ([]Path, error) {
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
	f, err := g.compile(opts.Filter)
	if err != nil {
		return nil, err
	}
	if s == t {
		return []Path{{}}, nil
	}
	se := g.newSearch(f, opts.Directed)
	defer se.release()
	var cands []cand
	limit := opts.Limit
	if opts.K > 0 {
		cands = se.yen(int32(s), int32(t), opts.MaxHops, opts.K)
		limit = opts.K
	} else {
		cands = se.allShortest(int32(s), int32(t), opts.MaxHops)
	}
	if len(cands) == 0 {
		return nil, fmt.Errorf("%w from %q to %q within %d hops", ErrNoPath, g.nodes[s].Name, g.nodes[t].Name, opts.MaxHops)
	}
	sort.SliceStable(cands, func(i, j int) bool { return g.better(&cands[i], &cands[j]) })
	if len(cands) > limit {
		cands = cands[:limit]
	}
	out := make([]Path, 0, len(cands))
	var evc map[int32][]graph.Statement
	if !opts.SkipEvidence {
		evc = map[int32][]graph.Statement{}
	}
	for i := range cands {
		p, err := g.makePath(ctx, &cands[i], f, evc)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// cand is a path before it is materialised: its nodes, one group per hop,
// and its ranking figures.
type cand struct {
	nodes   []int32
	groups  []int32
	minSrc  int32
	sumSrc  int32
	minConf float32
}

// better orders candidates: shorter, then better supported, then by names.
func (g *Graph) better(a, b *cand) bool {
	if len(a.groups) != len(b.groups) {
		return len(a.groups) < len(b.groups)
	}
	if a.minSrc != b.minSrc {
		return a.minSrc > b.minSrc
	}
	if a.sumSrc != b.sumSrc {
		return a.sumSrc > b.sumSrc
	}
	if a.minConf != b.minConf {
		return a.minConf > b.minConf
	}
	for i := range a.groups {
		x, y := g.nodes[a.nodes[i+1]].Name, g.nodes[b.nodes[i+1]].Name
		if x != y {
			return x < y
		}
		px, py := g.preds[g.gPred[a.groups[i]]].name, g.preds[g.gPred[b.groups[i]]].name
		if px != py {
			return px < py
		}
		fx, fy := g.forward(a.groups[i], a.nodes[i]), g.forward(b.groups[i], b.nodes[i])
		if fx != fy {
			return fx
		}
	}
	return false
}

// forward reports whether group gi read from node a is forward (a is the
// subject, or the predicate is symmetric).
func (g *Graph) forward(gi, a int32) bool {
	return g.gSubj[gi] == a || g.preds[g.gPred[gi]].symmetric
}

// rate fills the ranking figures of c.
func (f *cfilter) rate(c *cand) {
	c.minSrc, c.sumSrc, c.minConf = 0, 0, 0
	for i, gi := range c.groups {
		sp := f.support(gi)
		d, conf := sp.docs, sp.conf
		if i == 0 || d < c.minSrc {
			c.minSrc = d
		}
		if i == 0 || conf < c.minConf {
			c.minConf = conf
		}
		c.sumSrc += d
	}
}

// f64 widens a stored confidence to the decimal it was written as.
func f64(c float32) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(float64(c), 'g', -1, 32), 64)
	return v
}

// makePath materialises a candidate, reading evidence when evc (a cache of
// the evidence of groups) is not nil.
func (g *Graph) makePath(ctx context.Context, c *cand, f *cfilter, evc map[int32][]graph.Statement) (Path, error) {
	p := Path{Hops: make([]Hop, len(c.groups))}
	docs, pubs := map[string]bool{}, map[int32]bool{}
	for i, gi := range c.groups {
		h, err := g.hop(ctx, c.nodes[i], c.nodes[i+1], gi, f, evc)
		if err != nil {
			return Path{}, err
		}
		p.Hops[i] = h
		f.docIDs(gi, docs)
		f.pubIDs(gi, pubs)
		if i == 0 || h.Sources < p.MinSources {
			p.MinSources = h.Sources
		}
		if i == 0 || h.Publishers < p.MinPublishers {
			p.MinPublishers = h.Publishers
		}
		if i == 0 || h.Confidence < p.Confidence {
			p.Confidence = h.Confidence
		}
	}
	p.Sources, p.Publishers = len(docs), len(pubs)
	return p, nil
}

// hop describes group gi read from a to b, with its evidence when evc (a
// cache) is not nil.
func (g *Graph) hop(ctx context.Context, a, b, gi int32, f *cfilter, evc map[int32][]graph.Statement) (Hop, error) {
	sp := f.support(gi)
	pi := g.preds[g.gPred[gi]]
	dates := map[string]bool{}
	f.dates(gi, dates)
	h := Hop{
		From: g.nodes[a], To: g.nodes[b], Predicate: pi.name, Forward: g.forward(gi, a), Symmetric: pi.symmetric,
		Sources: int(sp.docs), Publishers: int(sp.pubs), Confidence: f64(sp.conf), Dates: sortedKeys(dates),
	}
	if evc != nil {
		ev, ok := evc[gi]
		if !ok {
			var err error
			if ev, err = g.evidence(ctx, gi, f); err != nil {
				return Hop{}, err
			}
			evc[gi] = ev
		}
		h.Evidence = ev
	}
	return h, nil
}

// scratch holds the per-search arrays, reused through a pool; an entry is
// valid when its mark equals the current epoch.
type scratch struct {
	ds, dt   []int32
	ms, mt   []uint32
	ban      []uint32
	epoch    uint32
	banEpoch uint32
}

var scratchPool sync.Pool

// search is one query's traversal state.
type search struct {
	g        *Graph
	f        *cfilter
	directed bool
	sc       *scratch
	spur     int32   // with banNext: edges spur→x that may not be used
	banNext  []int32 // (Yen)
	banning  bool
}

func (g *Graph) newSearch(f *cfilter, directed bool) *search {
	n := len(g.nodes)
	sc, _ := scratchPool.Get().(*scratch)
	if sc == nil || len(sc.ds) < n {
		sc = &scratch{ds: make([]int32, n), dt: make([]int32, n), ms: make([]uint32, n), mt: make([]uint32, n), ban: make([]uint32, n)}
	}
	return &search{g: g, f: f, directed: directed, sc: sc, spur: -1}
}

func (se *search) release() { scratchPool.Put(se.sc) }

// reset starts a new traversal: every distance becomes unknown.
func (se *search) reset() {
	sc := se.sc
	sc.epoch++
	if sc.epoch == 0 {
		clear(sc.ms)
		clear(sc.mt)
		sc.epoch = 1
	}
}

func (se *search) distS(v int32) int32 {
	if se.sc.ms[v] == se.sc.epoch {
		return se.sc.ds[v]
	}
	return -1
}

func (se *search) distT(v int32) int32 {
	if se.sc.mt[v] == se.sc.epoch {
		return se.sc.dt[v]
	}
	return -1
}

// usable reports whether adjacency entry i of node near may be traversed:
// near→far in path direction when fromS, far→near otherwise.
func (se *search) usable(near int32, i int32, fromS bool) bool {
	g := se.g
	if !se.f.allow[g.epred[i]] {
		return false
	}
	gi := g.egrp[i]
	if se.directed && !g.preds[g.epred[i]].symmetric {
		fwd := g.gSubj[gi] == near
		if fwd != fromS {
			return false
		}
	}
	return se.f.groupOK(gi)
}

// allowed is usable plus Yen's bans on nodes and edges.
func (se *search) allowed(near int32, i int32, fromS bool) bool {
	if !se.banning {
		return se.usable(near, i, fromS)
	}
	far := se.g.nbr[i]
	if se.sc.ban[far] == se.sc.banEpoch {
		return false
	}
	a, b := near, far
	if !fromS {
		a, b = far, near
	}
	if a == se.spur && slices.Contains(se.banNext, b) {
		return false
	}
	return se.usable(near, i, fromS)
}

// bibfs runs a bidirectional breadth-first search from s to t (s ≠ t) of at
// most maxHops hops, always growing the smaller frontier by one full layer.
// It returns the layer depths reached from each side when they meet: the
// distance is ks+kt and every shortest path passes through a node at
// distance ks from s and kt from t.
func (se *search) bibfs(s, t int32, maxHops int) (ks, kt int32, met bool) {
	g, sc := se.g, se.sc
	se.reset()
	sc.ds[s], sc.ms[s] = 0, sc.epoch
	sc.dt[t], sc.mt[t] = 0, sc.epoch
	frontS, frontT := []int32{s}, []int32{t}
	for !met && int(ks+kt) < maxHops {
		fromS := len(frontS) <= len(frontT)
		front := frontT
		if fromS {
			front = frontS
		}
		var next []int32
		for _, u := range front {
			for i := g.off[u]; i < g.off[u+1]; i++ {
				v := g.nbr[i]
				if fromS {
					if sc.ms[v] == sc.epoch || !se.allowed(u, i, true) {
						continue
					}
					sc.ds[v], sc.ms[v] = sc.ds[u]+1, sc.epoch
					if sc.mt[v] == sc.epoch {
						met = true
					}
				} else {
					if sc.mt[v] == sc.epoch || !se.allowed(u, i, false) {
						continue
					}
					sc.dt[v], sc.mt[v] = sc.dt[u]+1, sc.epoch
					if sc.ms[v] == sc.epoch {
						met = true
					}
				}
				next = append(next, v)
			}
		}
		if fromS {
			frontS, ks = next, ks+1
		} else {
			frontT, kt = next, kt+1
		}
		if len(next) == 0 {
			return ks, kt, false
		}
	}
	return ks, kt, met
}

// mids returns the nodes at distance ks from s and kt from t, in order.
func (se *search) mids(ks, kt int32) []int32 {
	var out []int32
	for v := range int32(len(se.g.nodes)) {
		if se.sc.ms[v] == se.sc.epoch && se.sc.mt[v] == se.sc.epoch && se.sc.ds[v] == ks && se.sc.dt[v] == kt {
			out = append(out, v)
		}
	}
	return out
}

// allShortest enumerates every shortest path (entity sequences up to
// maxSequences, edge choices up to maxExpansions).
func (se *search) allShortest(s, t int32, maxHops int) []cand {
	ks, kt, met := se.bibfs(s, t, maxHops)
	if !met {
		return nil
	}
	var seqs [][]int32
	for _, m := range se.mids(ks, kt) {
		for _, pre := range se.walkBack(m) {
			for _, suf := range se.walkForward(m) {
				if len(seqs) == maxSequences {
					break
				}
				seqs = append(seqs, append(append([]int32(nil), pre...), suf[1:]...))
			}
		}
	}
	var out []cand
	for _, seq := range seqs {
		if len(out) >= maxExpansions {
			break
		}
		out = se.expand(out, seq)
	}
	return out
}

// walkBack returns every sequence s…v along decreasing distance from s.
func (se *search) walkBack(v int32) [][]int32 {
	dv := se.distS(v)
	if dv == 0 {
		return [][]int32{{v}}
	}
	var out [][]int32
	for _, u := range se.stepNodes(v, dv, se.distS, false) {
		for _, p := range se.walkBack(u) {
			if len(out) == maxSequences {
				return out
			}
			out = append(out, append(p, v))
		}
	}
	return out
}

// walkForward returns every sequence v…t along decreasing distance to t.
func (se *search) walkForward(v int32) [][]int32 {
	dv := se.distT(v)
	if dv == 0 {
		return [][]int32{{v}}
	}
	var out [][]int32
	for _, w := range se.stepNodes(v, dv, se.distT, true) {
		for _, p := range se.walkForward(w) {
			if len(out) == maxSequences {
				return out
			}
			out = append(out, append([]int32{v}, p...))
		}
	}
	return out
}

// stepNodes returns the distinct neighbours u of v, in adjacency order, with
// dist(u) = dv - 1 over entries that may be traversed (toward u when
// forward, from u otherwise).
func (se *search) stepNodes(v, dv int32, dist func(int32) int32, forward bool) []int32 {
	g := se.g
	var out []int32
	for i := g.off[v]; i < g.off[v+1]; i++ {
		u := g.nbr[i]
		if dist(u) != dv-1 || slices.Contains(out, u) || !se.allowed(v, i, forward) {
			continue
		}
		out = append(out, u)
	}
	return out
}

// expand appends one candidate per combination of usable edges along seq.
func (se *search) expand(out []cand, seq []int32) []cand {
	g := se.g
	choices := make([][]int32, len(seq)-1)
	for k := range choices {
		a, b := seq[k], seq[k+1]
		for i := g.off[a]; i < g.off[a+1]; i++ {
			if g.nbr[i] == b && se.usable(a, i, true) {
				choices[k] = append(choices[k], g.egrp[i])
			}
		}
		if len(choices[k]) == 0 {
			return out
		}
	}
	idx := make([]int, len(choices))
	for len(out) < maxExpansions {
		c := cand{nodes: seq, groups: make([]int32, len(choices))}
		for k, ch := range choices {
			c.groups[k] = ch[idx[k]]
		}
		se.f.rate(&c)
		out = append(out, c)
		k := len(idx) - 1
		for ; k >= 0; k-- {
			idx[k]++
			if idx[k] < len(choices[k]) {
				break
			}
			idx[k] = 0
		}
		if k < 0 {
			break
		}
	}
	return out
}

// onePath returns one shortest entity sequence from s to t of at most
// maxHops hops under the current bans, or nil.
func (se *search) onePath(s, t int32, maxHops int) []int32 {
	if maxHops <= 0 {
		return nil
	}
	ks, kt, met := se.bibfs(s, t, maxHops)
	if !met {
		return nil
	}
	ms := se.mids(ks, kt)
	if len(ms) == 0 {
		return nil
	}
	m := ms[0]
	path := []int32{m}
	for v := m; se.distS(v) > 0; {
		next := se.stepNodes(v, se.distS(v), se.distS, false)
		if len(next) == 0 {
			return nil
		}
		v = next[0]
		path = append(path, v)
	}
	slices.Reverse(path)
	for v := m; se.distT(v) > 0; {
		next := se.stepNodes(v, se.distT(v), se.distT, true)
		if len(next) == 0 {
			return nil
		}
		v = next[0]
		path = append(path, v)
	}
	return path
}

// best returns the best-supported usable edge from a to b (-1 when none).
func (se *search) best(a, b int32) int32 {
	g := se.g
	bestG := int32(-1)
	var bd int32
	var bc float32
	for i := g.off[a]; i < g.off[a+1]; i++ {
		if g.nbr[i] != b || !se.usable(a, i, true) {
			continue
		}
		gi := g.egrp[i]
		sp := se.f.support(gi)
		d, c := sp.docs, sp.conf
		if bestG < 0 || d > bd || d == bd && (c > bc || c == bc && g.preds[g.gPred[gi]].name < g.preds[g.gPred[bestG]].name) {
			bestG, bd, bc = gi, d, c
		}
	}
	return bestG
}

// seqCand turns an entity sequence into a rated candidate.
func (se *search) seqCand(seq []int32) (cand, bool) {
	c := cand{nodes: seq, groups: make([]int32, len(seq)-1)}
	for k := range c.groups {
		c.groups[k] = se.best(seq[k], seq[k+1])
		if c.groups[k] < 0 {
			return c, false
		}
	}
	se.f.rate(&c)
	return c, true
}

func seqKey(seq []int32) string {
	b := make([]byte, 0, 4*len(seq))
	for _, v := range seq {
		b = append(b, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
	}
	return string(b)
}

// yen returns up to k shortest loop-free entity sequences from s to t (plus
// ties at the k-th length, up to 2k in all), by Yen's algorithm over
// unweighted bidirectional searches.
func (se *search) yen(s, t int32, maxHops, k int) []cand {
	first := se.onePath(s, t, maxHops)
	if first == nil {
		return nil
	}
	c0, ok := se.seqCand(first)
	if !ok {
		return nil
	}
	A := []cand{c0}
	var B []cand
	seen := map[string]bool{seqKey(first): true}
	sc := se.sc
	for len(A) < 2*k {
		last := A[len(A)-1].nodes
		for i := 0; i+1 < len(last); i++ {
			spur := last[i]
			root := last[:i+1]
			se.banNext = se.banNext[:0]
			for _, p := range A {
				if len(p.nodes) > i+1 && slices.Equal(p.nodes[:i+1], root) && !slices.Contains(se.banNext, p.nodes[i+1]) {
					se.banNext = append(se.banNext, p.nodes[i+1])
				}
			}
			sc.banEpoch++
			if sc.banEpoch == 0 {
				clear(sc.ban)
				sc.banEpoch = 1
			}
			for _, v := range root[:i] {
				sc.ban[v] = sc.banEpoch
			}
			se.spur, se.banning = spur, true
			sub := se.onePath(spur, t, maxHops-i)
			se.banning, se.spur = false, -1
			if sub == nil {
				continue
			}
			seq := append(append([]int32(nil), root[:i]...), sub...)
			key := seqKey(seq)
			if seen[key] {
				continue
			}
			seen[key] = true
			if c, ok := se.seqCand(seq); ok {
				B = append(B, c)
			}
		}
		if len(B) == 0 {
			break
		}
		bi := 0
		for j := 1; j < len(B); j++ {
			if se.g.better(&B[j], &B[bi]) {
				bi = j
			}
		}
		next := B[bi]
		if len(A) >= k && len(next.nodes) > len(A[k-1].nodes) {
			break
		}
		B[bi] = B[len(B)-1]
		B = B[:len(B)-1]
		A = append(A, next)
	}
	return A
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
