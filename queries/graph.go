// Package queries answers questions over the statements of a newsgraph store:
// which entity a name means, the shortest and the k shortest paths between
// two entities with their evidence, the neighbors of an entity to some
// depth, "subject predicate object" patterns with wildcards, an entity's
// timeline, and a listing of entities with their statement counts.
//
// Queries run on a Graph: a compact in-memory index of the store's
// relations built once (Load, or an Index that rebuilds it when the store
// changes). Entities are numbered (int32) in name order; every distinct
// (subject, predicate, object) triple is a statement group carrying the
// aggregated evidence of its statements (distinct documents and publishers,
// highest confidence, modalities, dates) and, per statement, the document,
// confidence, modality and date that filters look at; the adjacency is in
// compressed sparse row form (per-entity offsets into arrays of neighbour,
// predicate and group). Evidence sentences are not held: they are read from
// the store only for the hops a query returns. A Graph is immutable once
// built and safe for concurrent use; an Index keeps one in step with a
// store that is being written, rebuilding it when the store's Generation
// changes.
//
// # Corroboration
//
// Every relation (statement group) carries two counts of how widely it is
// reported: its sources, the distinct documents of its statements, and its
// publishers, the distinct publications of those documents. A document's
// publisher is the name stored on its document node (graph.DocInfo.Publisher,
// graph.DocRef.Publisher), and two documents have the same publisher when
// their names are equal after schema.Fold (case, accents, dots and a leading
// "The" do not count). A document whose publisher is unknown (or folds to
// nothing) counts as a publisher of its own, and so does a statement without
// a document; hence 1 ≤ publishers ≤ sources for every relation, with
// publishers = sources when no publisher is known. Filter.MinSources and
// Filter.MinPublishers keep the relations with enough of each; the
// statement-level conditions of a Filter recompute both counts over the
// statements that pass.
//
// The counts are not written to the store as quads of their own: the store
// holds each document's publisher and each statement's document, and the
// counts are derived from them when the index is built (one scan of the
// store, Load or FromRelations), then kept in the Graph. An Index caches
// the Graph, counts included, for as long as the store's Generation stays
// the same, so they always describe the store's current documents: adding,
// replacing or removing a document changes the Generation and the next
// query rebuilds them.
package queries

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

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

// Scanner is a Source that can also read its relations in one pass and the
// statements of one relation on demand; Load uses it when the Source has
// it. *graph.Store implements it.
type Scanner interface {
	Source
	// ScanRelations reads every relation with the attributes filters use.
	ScanRelations(ctx context.Context) (*graph.Relations, error)
	// RelationStatements returns the statements of one relation.
	RelationStatements(ctx context.Context, subjectIRI, predicate, object string, literal bool) ([]graph.Statement, error)
	// Generation identifies the current contents of the store.
	Generation(ctx context.Context) (graph.Generation, error)
}

var (
	_ Source  = (*graph.Store)(nil)
	_ Scanner = (*graph.Store)(nil)
)

// Sentinel errors of the package. Errors returned by Resolve and the query
// methods wrap them; use errors.Is.
var (
	// ErrNotFound means no entity has the given name or alias.
	ErrNotFound = errors.New("queries: entity not found")
	// ErrAmbiguous means several entities share the given name or alias.
	ErrAmbiguous = errors.New("queries: ambiguous entity name")
	// ErrNoPath means the two entities are not connected within the hop
	// limit by edges that pass the filters.
	ErrNoPath = errors.New("queries: no path")
	// ErrFilter means a filter or pattern is malformed: an unknown
	// predicate or modality, a date that is not YYYY, YYYY-MM or
	// YYYY-MM-DD, a pattern that is not "S P O".
	ErrFilter = errors.New("queries: invalid filter")
)

// predInfo describes one predicate of the index.
type predInfo struct {
	name      string
	symmetric bool
}

// Graph is the in-memory index of a store's entities and relations. Build
// it with Load, New or an Index; it is read-only afterwards.
type Graph struct {
	nodes []graph.Entity // sorted by Name, then IRI; index = entity number
	byIRI map[string]int
	// name index for Resolve: folded name → nodes; folded alias → nodes
	names   map[string][]int
	aliases map[string][]int

	preds  []predInfo
	predID map[string]uint8

	// Statement groups: one per distinct (subject, predicate, object)
	// triple; a symmetric predicate's pair is stored with subject ≤
	// object. gObj is -1 for a literal object (gLit).
	gSubj, gObj []int32
	gPred       []uint8
	gLit        []string
	gStmt       []int32   // offsets into the statement arrays; len = groups+1
	gDocs       []int32   // distinct documents
	gPubs       []int32   // distinct publishers (see the package comment)
	gConf       []float32 // highest confidence
	gMods       []uint8   // set of modalities (bit per modalityBit)
	gFrom, gTo  []int32   // earliest and latest date (yyyymmdd) of dated statements; 0: none

	// Statements, grouped, sorted by publisher then document within a
	// group (so the statements of one document, and those of one
	// publisher, are contiguous).
	sDoc  []int32
	sConf []float32
	sMod  []uint8 // modality bit
	sWhen []int32 // index into whens
	sOrig []int32 // index into stmts (New); nil when evidence comes from the store

	whens            []string
	whenFrom, whenTo []int32
	docs             []graph.DocRef
	// docPub numbers each document's publisher: known publishers (folded
	// names) 0…len(pubNames)-1, then one number per document whose
	// publisher is unknown. pubNames holds each known publisher's name as
	// first seen.
	docPub   []int32
	pubNames []string

	// Adjacency (CSR) over entity groups without self-loops: the arcs of
	// node u are [off[u], off[u+1]).
	off   []int32
	nbr   []int32
	egrp  []int32
	epred []uint8

	// Incidence (CSR) of every group naming a node (titles and self-loops
	// included).
	incOff []int32
	incGrp []int32

	stmts []graph.Statement // New only: the statements themselves
	src   Scanner           // Load from a Scanner: where evidence is read

	gen       graph.Generation
	hasGen    bool
	scanTime  time.Duration
	buildTime time.Duration
}

// Load reads src and builds the Graph. When src is a Scanner (a store) it
// reads the relations in one pass and fetches evidence sentences lazily;
// otherwise it reads every entity and statement.
func Load(ctx context.Context, src Source) (*Graph, error) {
	if sc, ok := src.(Scanner); ok {
		t0 := time.Now()
		rel, err := sc.ScanRelations(ctx)
		if err != nil {
			return nil, fmt.Errorf("queries: scan relations: %w", err)
		}
		scan := time.Since(t0)
		g := FromRelations(rel, sc)
		g.scanTime = scan
		return g, nil
	}
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

// arcIn is one statement as the builder takes it.
type arcIn struct {
	s, o int32 // o = -1: literal object
	lit  string
	pred string
	doc  int32
	when int32
	conf float32
	mod  schema.Modality
	orig int32
}

// FromRelations builds a Graph from a store's scanned relations; src, when
// not nil, supplies evidence sentences on demand (RelationStatements).
func FromRelations(rel *graph.Relations, src Scanner) *Graph {
	t0 := time.Now()
	arcs := make([]arcIn, 0, len(rel.Arcs))
	for i, a := range rel.Arcs {
		arcs = append(arcs, arcIn{s: a.Subject, o: a.Object, lit: a.Literal, pred: a.Predicate, doc: a.Doc,
			when: a.When, conf: a.Confidence, mod: a.Modality, orig: int32(i)})
	}
	nodes := make([]graph.Entity, len(rel.Entities))
	copy(nodes, rel.Entities)
	g := build(nodes, append([]graph.DocRef(nil), rel.Docs...), append([]string(nil), rel.Whens...), arcs, false)
	g.src = src
	g.gen, g.hasGen = rel.Generation, true
	g.buildTime = time.Since(t0)
	return g
}

// New builds a Graph from entities and statements held in memory (evidence
// comes from stmts). Entities that statements name but ents lacks are
// added; entities are identified by IRI. Statements with a literal object
// (title) or without an object entity are kept for Neighbors, Match,
// Timeline and Entities but are not edges. New keeps its own copies; the
// arguments may be reused afterwards.
func New(ents []graph.Entity, stmts []graph.Statement) *Graph {
	t0 := time.Now()
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
	nodes := make([]graph.Entity, 0, len(seen))
	for _, e := range seen {
		e.Aliases = append([]string(nil), e.Aliases...)
		nodes = append(nodes, e)
	}
	sortEntities(nodes)
	byIRI := make(map[string]int32, len(nodes))
	for i, e := range nodes {
		byIRI[e.IRI] = int32(i)
	}
	var docs []graph.DocRef
	docNum := map[string]int32{}
	whens := []string{""}
	whenNum := map[string]int32{"": 0}
	var arcs []arcIn
	for i, s := range stmts {
		si, ok := byIRI[s.Subject.IRI]
		if !ok {
			continue // a statement without a subject entity
		}
		a := arcIn{s: si, o: -1, pred: s.Predicate, conf: float32(s.Confidence), mod: s.Modality, orig: int32(i)}
		if isEntityEdge(s) {
			a.o = byIRI[s.Object.IRI]
		} else {
			a.lit = s.Literal
		}
		d, ok := docNum[s.Doc]
		if !ok {
			d = int32(len(docs))
			docs = append(docs, graph.DocRef{ID: s.Doc, Date: s.DocDate, Publisher: s.DocPublisher})
			docNum[s.Doc] = d
		}
		a.doc = d
		w, ok := whenNum[s.When]
		if !ok {
			w = int32(len(whens))
			whens = append(whens, s.When)
			whenNum[s.When] = w
		}
		a.when = w
		arcs = append(arcs, a)
	}
	g := build(nodes, docs, whens, arcs, true)
	g.stmts = append([]graph.Statement(nil), stmts...)
	g.buildTime = time.Since(t0)
	return g
}

func sortEntities(nodes []graph.Entity) {
	sort.Slice(nodes, func(i, j int) bool {
		a, b := nodes[i], nodes[j]
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.IRI < b.IRI
	})
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

// modalityBit numbers a modality for the modality sets (unknown: bit 7).
func modalityBit(m schema.Modality) uint8 {
	if m == "" {
		m = schema.Asserted
	}
	for i, x := range schema.Modalities {
		if x == m && i < 7 {
			return uint8(i)
		}
	}
	return 7
}

// numberPublishers fills g.docPub and g.pubNames from g.docs (see the
// package comment for when two documents share a publisher).
func (g *Graph) numberPublishers() {
	g.docPub = make([]int32, len(g.docs))
	byKey := map[string]int32{}  // folded name → number
	byName := map[string]int32{} // name as stored → number, or -1: unknown
	var unknown []int
	for d, doc := range g.docs {
		n, ok := byName[doc.Publisher]
		if !ok {
			n = -1
			if k := schema.Fold(doc.Publisher); k != "" {
				if n, ok = byKey[k]; !ok {
					n = int32(len(g.pubNames))
					byKey[k] = n
					g.pubNames = append(g.pubNames, doc.Publisher)
				}
			}
			byName[doc.Publisher] = n
		}
		if n < 0 {
			unknown = append(unknown, d)
			continue
		}
		g.docPub[d] = n
	}
	for i, d := range unknown {
		g.docPub[d] = int32(len(g.pubNames) + i)
	}
}

// pubOf returns the publisher number of document d; -1 (a publisher of its
// own) for a statement without a document.
func (g *Graph) pubOf(d int32) int32 {
	if d < 0 {
		return -1
	}
	return g.docPub[d]
}

// build assembles the index. nodes must be sorted by name; arcs name nodes
// by position.
func build(nodes []graph.Entity, docs []graph.DocRef, whens []string, arcs []arcIn, keepOrig bool) *Graph {
	g := &Graph{nodes: nodes, byIRI: make(map[string]int, len(nodes)), docs: docs, whens: whens, predID: map[string]uint8{}}
	for i, e := range nodes {
		g.byIRI[e.IRI] = i
	}
	g.numberPublishers()
	for _, p := range schema.Predicates() {
		g.predID[p.Name] = uint8(len(g.preds))
		g.preds = append(g.preds, predInfo{name: p.Name, symmetric: p.Symmetric})
	}
	g.whenFrom = make([]int32, len(whens))
	g.whenTo = make([]int32, len(whens))
	for i, w := range whens {
		g.whenFrom[i], g.whenTo[i], _ = graph.DatePeriod(w)
	}
	pid := func(name string) uint8 {
		if id, ok := g.predID[name]; ok {
			return id
		}
		if len(g.preds) >= 255 {
			return 254
		}
		id := uint8(len(g.preds))
		g.predID[name] = id
		g.preds = append(g.preds, predInfo{name: name})
		return id
	}
	// Normalise symmetric pairs, then order the statements by group.
	preds := make([]uint8, len(arcs))
	for i := range arcs {
		a := &arcs[i]
		preds[i] = pid(a.pred)
		if a.o >= 0 && a.o < a.s && g.preds[preds[i]].symmetric {
			a.s, a.o = a.o, a.s
		}
	}
	order := make([]int32, len(arcs))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int {
		a, b := &arcs[x], &arcs[y]
		if c := cmp.Compare(a.s, b.s); c != 0 {
			return c
		}
		if c := cmp.Compare(a.o, b.o); c != 0 {
			return c
		}
		if c := cmp.Compare(g.preds[preds[x]].name, g.preds[preds[y]].name); c != 0 {
			return c
		}
		if c := cmp.Compare(a.lit, b.lit); c != 0 {
			return c
		}
		if c := cmp.Compare(g.pubOf(a.doc), g.pubOf(b.doc)); c != 0 {
			return c
		}
		if c := cmp.Compare(a.doc, b.doc); c != 0 {
			return c
		}
		return cmp.Compare(a.orig, b.orig)
	})
	n := len(arcs)
	g.sDoc = make([]int32, n)
	g.sConf = make([]float32, n)
	g.sMod = make([]uint8, n)
	g.sWhen = make([]int32, n)
	if keepOrig {
		g.sOrig = make([]int32, n)
	}
	for k, i := range order {
		a := &arcs[i]
		same := k > 0 && func() bool {
			b := &arcs[order[k-1]]
			return a.s == b.s && a.o == b.o && preds[i] == preds[order[k-1]] && a.lit == b.lit
		}()
		if !same {
			g.gSubj = append(g.gSubj, a.s)
			g.gObj = append(g.gObj, a.o)
			g.gPred = append(g.gPred, preds[i])
			g.gLit = append(g.gLit, a.lit)
			g.gStmt = append(g.gStmt, int32(k))
			g.gDocs = append(g.gDocs, 0)
			g.gPubs = append(g.gPubs, 0)
			g.gConf = append(g.gConf, 0)
			g.gMods = append(g.gMods, 0)
			g.gFrom = append(g.gFrom, 0)
			g.gTo = append(g.gTo, 0)
		}
		gi := len(g.gSubj) - 1
		if !same || a.doc != arcs[order[k-1]].doc {
			g.gDocs[gi]++
		}
		if !same || g.pubOf(a.doc) != g.pubOf(arcs[order[k-1]].doc) {
			g.gPubs[gi]++
		}
		if !same || a.conf > g.gConf[gi] {
			g.gConf[gi] = a.conf
		}
		mb := modalityBit(a.mod)
		g.gMods[gi] |= 1 << mb
		if f, t := g.whenFrom[a.when], g.whenTo[a.when]; f != 0 {
			if g.gFrom[gi] == 0 || f < g.gFrom[gi] {
				g.gFrom[gi] = f
			}
			if t > g.gTo[gi] {
				g.gTo[gi] = t
			}
		}
		g.sDoc[k], g.sConf[k], g.sMod[k], g.sWhen[k] = a.doc, a.conf, mb, a.when
		if keepOrig {
			g.sOrig[k] = a.orig
		}
	}
	g.gStmt = append(g.gStmt, int32(n))

	// Adjacency and incidence.
	nn := len(nodes)
	g.off = make([]int32, nn+1)
	g.incOff = make([]int32, nn+1)
	for gi := range g.gSubj {
		s, o := g.gSubj[gi], g.gObj[gi]
		g.incOff[s+1]++
		if o >= 0 && o != s {
			g.incOff[o+1]++
			g.off[s+1]++
			g.off[o+1]++
		}
	}
	for i := 0; i < nn; i++ {
		g.off[i+1] += g.off[i]
		g.incOff[i+1] += g.incOff[i]
	}
	g.nbr = make([]int32, g.off[nn])
	g.egrp = make([]int32, g.off[nn])
	g.epred = make([]uint8, g.off[nn])
	g.incGrp = make([]int32, g.incOff[nn])
	pos := append([]int32(nil), g.off[:nn]...)
	ipos := append([]int32(nil), g.incOff[:nn]...)
	for gi := range g.gSubj {
		s, o := g.gSubj[gi], g.gObj[gi]
		g.incGrp[ipos[s]] = int32(gi)
		ipos[s]++
		if o < 0 || o == s {
			continue
		}
		g.incGrp[ipos[o]] = int32(gi)
		ipos[o]++
		g.nbr[pos[s]], g.egrp[pos[s]], g.epred[pos[s]] = o, int32(gi), g.gPred[gi]
		pos[s]++
		g.nbr[pos[o]], g.egrp[pos[o]], g.epred[pos[o]] = s, int32(gi), g.gPred[gi]
		pos[o]++
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

// Publishers returns the number of distinct known publishers of the graph's
// documents: 0 when no document names its publisher.
func (g *Graph) Publishers() int { return len(g.pubNames) }

// Generation returns the store generation the graph was built from; ok is
// false for a graph not built from a store scan.
func (g *Graph) Generation() (gen graph.Generation, ok bool) { return g.gen, g.hasGen }

// IndexStats describes the size of a Graph and what it cost to build.
type IndexStats struct {
	Entities   int
	Groups     int // distinct (subject, predicate, object) triples
	Arcs       int // adjacency entries (two per entity-to-entity group)
	Statements int
	Documents  int
	// Publishers counts the distinct known publishers of the documents
	// that state a relation (documents without one not counted).
	Publishers int
	// Bytes is the memory held by the index's arrays, maps and strings
	// (an estimate from their lengths; entity names and aliases included).
	Bytes int64
	// ScanTime is the time spent reading the store; BuildTime the time
	// spent building the index from what was read.
	ScanTime, BuildTime time.Duration
}

// Stats returns the size of the graph and its build times.
func (g *Graph) Stats() IndexStats {
	st := IndexStats{Entities: len(g.nodes), Groups: len(g.gSubj), Arcs: len(g.nbr), Statements: len(g.sDoc),
		Documents: len(g.docs), Publishers: len(g.pubNames), ScanTime: g.scanTime, BuildTime: g.buildTime}
	b := int64(0)
	b += int64(len(g.gSubj)) * (4 + 4 + 1 + 16 + 4 + 4 + 4 + 4 + 1 + 4 + 4)
	b += int64(len(g.sDoc)) * (4 + 4 + 1 + 4)
	b += int64(len(g.sOrig)) * 4
	b += int64(len(g.nbr)) * (4 + 4 + 1)
	b += int64(len(g.off)+len(g.incOff)+len(g.incGrp)) * 4
	for _, l := range g.gLit {
		b += int64(len(l))
	}
	for _, e := range g.nodes {
		b += 80 + int64(len(e.IRI)+len(e.Name)+len(e.Type))
		for _, a := range e.Aliases {
			b += 16 + int64(len(a))
		}
	}
	b += int64(len(g.byIRI)) * 48
	for k, v := range g.names {
		b += 48 + int64(len(k)) + int64(len(v))*8
	}
	for k, v := range g.aliases {
		b += 48 + int64(len(k)) + int64(len(v))*8
	}
	for _, d := range g.docs {
		b += 48 + 4 + int64(len(d.ID)+len(d.Date)+len(d.Publisher))
	}
	for _, w := range g.whens {
		b += 24 + int64(len(w))
	}
	st.Bytes = b
	return st
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
		docs := map[int32]bool{}
		n := 0
		for _, gi := range g.incGrp[g.incOff[i]:g.incOff[i+1]] {
			for k := g.gStmt[gi]; k < g.gStmt[gi+1]; k++ {
				docs[g.sDoc[k]] = true
				n++
			}
		}
		others := map[int32]bool{}
		for _, v := range g.nbr[g.off[i]:g.off[i+1]] {
			others[v] = true
		}
		out = append(out, EntityCount{Entity: e, Statements: n, Documents: len(docs), Degree: len(others)})
	}
	return out
}

// evidence returns the statements of group gi that pass f, sorted by
// document then offset: from memory for a Graph built by New, otherwise read
// from the store.
func (g *Graph) evidence(ctx context.Context, gi int32, f *cfilter) ([]graph.Statement, error) {
	if g.sOrig != nil {
		var out []graph.Statement
		for k := g.gStmt[gi]; k < g.gStmt[gi+1]; k++ {
			if f.stmtOK(k) {
				out = append(out, g.stmts[g.sOrig[k]])
			}
		}
		sort.SliceStable(out, func(i, j int) bool {
			if out[i].Doc != out[j].Doc {
				return out[i].Doc < out[j].Doc
			}
			return out[i].Start < out[j].Start
		})
		return out, nil
	}
	if g.src == nil {
		return nil, nil
	}
	subj := g.nodes[g.gSubj[gi]].IRI
	obj, lit := g.gLit[gi], true
	if o := g.gObj[gi]; o >= 0 {
		obj, lit = g.nodes[o].IRI, false
		if g.preds[g.gPred[gi]].symmetric && obj < subj {
			subj, obj = obj, subj // the store keeps a symmetric pair in IRI order
		}
	}
	all, err := g.src.RelationStatements(ctx, subj, g.preds[g.gPred[gi]].name, obj, lit)
	if err != nil {
		return nil, fmt.Errorf("queries: read evidence: %w", err)
	}
	out := all[:0]
	for _, s := range all {
		if f.statementOK(s) {
			// The store returns the ends by IRI; name them from the index.
			if i, ok := g.byIRI[s.Subject.IRI]; ok {
				s.Subject = g.nodes[i]
			}
			if i, ok := g.byIRI[s.Object.IRI]; ok && s.Object.IRI != "" {
				s.Object = g.nodes[i]
			}
			out = append(out, s)
		}
	}
	return out, nil
}
