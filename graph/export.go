package graph

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	hkv "github.com/hidal-go/hidalgo/kv"

	"github.com/newsgraph/newsgraph/schema"
)

// ExportFormats lists the formats Export writes:
//
//   - nquads: every quad as N-Quads (RDF 1.1), streamed in store order;
//   - jsonld: the same quads as expanded JSON-LD 1.0, streamed: a top-level
//     array of node objects, each named graph's quads inside an object
//     holding its IRI and "@graph";
//   - graphml, dot: the quads as a graph with one node per distinct subject
//     or object term and one edge per quad (labelled with its predicate and
//     its named graph);
//   - gml, csv, jsonl: a property graph with one node per entity (and per
//     distinct title string) and one edge per statement carrying its
//     evidence (see ExportCSV for the columns).
var ExportFormats = []string{"nquads", "jsonld", "graphml", "gml", "dot", "csv", "jsonl"}

// CSV shapes of ExportCSV: the headers that Gephi's spreadsheet importer
// expects, or those of `neo4j-admin database import`.
const (
	CSVGephi = "gephi"
	CSVNeo4j = "neo4j"
)

// CSVShapes lists the shapes ExportCSV writes, the default first.
var CSVShapes = []string{CSVGephi, CSVNeo4j}

// ErrFilter means an ExportFilter is malformed: an unknown predicate, a
// date that is not YYYY, YYYY-MM or YYYY-MM-DD, a window whose start is
// after its end, or a negative depth.
var ErrFilter = errors.New("graph: invalid export filter")

// ExportFilter selects part of the store for an export; the zero value
// selects every quad. The fields narrow the statements (relations with
// their evidence) that are exported, and a filtered export stays complete:
// every kept relation quad comes with all the quads of its statement node
// (source, sentence, offsets, modality, when, CAMEO code, confidence,
// attribution), the provenance quads of the statements' documents (ID,
// path, title, date, hash, and the mentions of kept entities), and the
// type, name and alias quads that those documents give the relations'
// entities. Quads that are not part of newsgraph's layout are only in an
// unfiltered export.
type ExportFilter struct {
	// EntityIRI, when set, keeps the subgraph within Depth hops of this
	// entity: the statements both of whose entities are at most Depth
	// relations away from it (relations followed in either direction, over
	// the statements the other fields keep), and the titles of those
	// entities. Depth 0 keeps the entity's titles alone.
	EntityIRI string
	Depth     int
	// Predicates keeps the statements of these predicates (schema names);
	// empty keeps all.
	Predicates []string
	// Docs keeps the statements of these documents (IDs); empty keeps all.
	// When Docs is the only field set, the export is exactly those
	// documents' named graphs and the relation quads of their statements,
	// so the entities they mention without a relation are included too.
	Docs []string
	// Since and Until bound the statements' event dates ("when"), each
	// YYYY, YYYY-MM or YYYY-MM-DD; empty is open. A statement is kept when
	// the period its date names (a day, a month or a year) overlaps the
	// window [first day of Since, last day of Until], as the path filters
	// do. When either is set, statements without a date are dropped.
	Since, Until string
}

// IsZero reports whether f selects every quad.
func (f ExportFilter) IsZero() bool {
	return f.EntityIRI == "" && len(f.Predicates) == 0 && len(f.Docs) == 0 && f.Since == "" && f.Until == ""
}

// Validate checks f without a store: known predicates, well-formed dates
// in order, a depth that is not negative. It fails with ErrFilter.
func (f ExportFilter) Validate() error {
	for _, p := range f.Predicates {
		if _, ok := schema.LookupPredicate(p); !ok {
			return fmt.Errorf("%w: unknown predicate %q", ErrFilter, p)
		}
	}
	if f.Depth < 0 {
		return fmt.Errorf("%w: negative depth %d", ErrFilter, f.Depth)
	}
	_, _, err := f.window()
	return err
}

// window returns the date window of f as yyyymmdd numbers (0 and
// 99999999 when open).
func (f ExportFilter) window() (since, until int32, err error) {
	since, until = 0, 99999999
	if f.Since != "" {
		var ok bool
		if since, _, ok = DatePeriod(f.Since); !ok {
			return 0, 0, fmt.Errorf("%w: since %q is not YYYY, YYYY-MM or YYYY-MM-DD", ErrFilter, f.Since)
		}
	}
	if f.Until != "" {
		var ok bool
		if _, until, ok = DatePeriod(f.Until); !ok {
			return 0, 0, fmt.Errorf("%w: until %q is not YYYY, YYYY-MM or YYYY-MM-DD", ErrFilter, f.Until)
		}
	}
	if since > until {
		return 0, 0, fmt.Errorf("%w: since %s is after until %s", ErrFilter, f.Since, f.Until)
	}
	return since, until, nil
}

// DatePeriod returns the first and last day, as yyyymmdd numbers, of the
// period a date names: a day (YYYY-MM-DD), a month (YYYY-MM, whose last day
// is taken as the 31st) or a year (YYYY). Surrounding spaces are ignored.
// ok is false, and both numbers 0, for anything else, including a month
// outside 01–12, a day outside 01–31 and the year 0000.
func DatePeriod(s string) (from, to int32, ok bool) {
	s = strings.TrimSpace(s)
	num := func(p string, n, lo, hi int) (int32, bool) {
		if len(p) != n {
			return 0, false
		}
		v := 0
		for i := 0; i < len(p); i++ {
			if p[i] < '0' || p[i] > '9' {
				return 0, false
			}
			v = v*10 + int(p[i]-'0')
		}
		return int32(v), v >= lo && v <= hi
	}
	parts := strings.Split(s, "-")
	y, ok := num(parts[0], 4, 1, 9999)
	if !ok {
		return 0, 0, false
	}
	switch len(parts) {
	case 1:
		return y*10000 + 101, y*10000 + 1231, true
	case 2:
		m, ok := num(parts[1], 2, 1, 12)
		if !ok {
			return 0, 0, false
		}
		return y*10000 + m*100 + 1, y*10000 + m*100 + 31, true
	case 3:
		m, ok1 := num(parts[1], 2, 1, 12)
		d, ok2 := num(parts[2], 2, 1, 31)
		if !ok1 || !ok2 {
			return 0, 0, false
		}
		return y*10000 + m*100 + d, y*10000 + m*100 + d, true
	}
	return 0, 0, false
}

// Export writes every quad of the store to w in format, one of
// ExportFormats except "csv" (which writes two files: see ExportCSV). It is
// ExportFiltered with the zero filter.
func (s *Store) Export(ctx context.Context, w io.Writer, format string) error {
	return s.ExportFiltered(ctx, w, format, ExportFilter{})
}

// ExportFiltered writes the quads that f selects to w in format, one of
// ExportFormats except "csv" (see ExportCSV). N-Quads, JSON-LD, GraphML
// and DOT are streamed in store order while the store is read: on bolt and
// leveldb one cursor walks Cayley's quad log and node values are looked up
// by ID through a fixed-size cache, so memory does not grow with the store,
// apart from GraphML's and DOT's record of the nodes already written (a bit
// per node ID) and, for a filtered export, the relations and their
// statements' sources and dates, read in a first pass. gml and jsonl
// collect the property graph in memory first. IRIs are written as stored
// (absolute: newsgraph's all live under schema.Base), except that N-Quads
// and JSON-LD percent-encode characters an IRI may not hold (see
// exportIRI); literals keep their datatypes (xsd:date, xsd:gYearMonth,
// xsd:gYear, xsd:float, xsd:integer); every string is escaped for its
// format.
//
// An unknown format (or "csv") is ErrFormat and a malformed filter
// ErrFilter, and nothing is written then; a filter naming a document or an
// entity the store lacks is ErrNotFound. A failure part way (ctx done, a
// write error) returns the error after a partial write.
func (s *Store) ExportFiltered(ctx context.Context, w io.Writer, format string, f ExportFilter) error {
	if err := s.exportTo(ctx, f, func() (quadSink, error) {
		switch format {
		case "nquads":
			return newNQuadsSink(w), nil
		case "jsonld":
			return newJSONLDSink(w), nil
		case "graphml":
			return newGraphMLSink(w), nil
		case "dot":
			return newDOTSink(w), nil
		case "gml":
			return newPropertySink(func(pg *propertyGraph) error { return pg.writeGML(w) }), nil
		case "jsonl":
			return newPropertySink(func(pg *propertyGraph) error { return pg.writeJSONL(w) }), nil
		case "csv":
			return nil, fmt.Errorf("%w %q: csv writes two files, nodes and edges (use ExportCSV)", ErrFormat, format)
		}
		return nil, fmt.Errorf("%w %q (want one of %v)", ErrFormat, format, ExportFormats)
	}); err != nil {
		return fmt.Errorf("export %s as %s: %w", s.where(), format, err)
	}
	return nil
}

// ExportCSV writes the property graph of the statements f selects as two
// CSV files: nodes (one row per entity, and per distinct title string that
// a title statement names) and edges (one row per statement, with its
// evidence: document ID, path, title and date, sentence and its offsets,
// event date, modality, confidence, CAMEO code, attribution). shape picks
// the headers: CSVGephi (Id, Label, …; Source, Target, Type, Id, Label, …
// where Type is Directed or Undirected, for symmetric predicates, and Label
// the predicate) or CSVNeo4j (id:ID, :LABEL, aliases:string[], …;
// :START_ID, :END_ID, :TYPE, sentence_start:int, confidence:float, …); "" means
// CSVGephi.
//
// Cells are quoted as RFC 4180 asks (a cell holding a quote, a comma or a
// line break is enclosed in quotes, quotes doubled), lines end with LF, and
// a cell that starts with =, +, -, @, a tab or a carriage return is
// prefixed with a single quote so that a spreadsheet does not run it as a
// formula. Aliases are joined with ";" (neo4j's array delimiter). Nodes are
// sorted by name then ID, edges by document, offset, predicate and
// statement. An unknown shape is ErrFormat.
func (s *Store) ExportCSV(ctx context.Context, nodes, edges io.Writer, shape string, f ExportFilter) error {
	if shape == "" {
		shape = CSVGephi
	}
	if err := s.exportTo(ctx, f, func() (quadSink, error) {
		if shape != CSVGephi && shape != CSVNeo4j {
			return nil, fmt.Errorf("%w: CSV shape %q (want one of %v)", ErrFormat, shape, CSVShapes)
		}
		return newPropertySink(func(pg *propertyGraph) error { return pg.writeCSV(nodes, edges, shape) }), nil
	}); err != nil {
		return fmt.Errorf("export %s as csv: %w", s.where(), err)
	}
	return nil
}

// exportTo checks f, makes the sink (whose error, such as an unknown
// format, comes before anything is read or written) and streams the
// selected quads into it.
func (s *Store) exportTo(ctx context.Context, f ExportFilter, sink func() (quadSink, error)) error {
	if err := f.Validate(); err != nil {
		return err
	}
	qw, err := sink()
	if err != nil {
		return err
	}
	if err := s.rlock(); err != nil {
		return err
	}
	defer s.runlock()
	err = s.withSource(ctx, func(src quadSource) error {
		var keep func(*[4]uint64) bool
		if !f.IsZero() {
			sel, err := s.selectQuads(ctx, src, f)
			if err != nil {
				return err
			}
			keep = sel.keep
		}
		var x exportQuad
		return src.each(ctx, func(ids *[4]uint64) error {
			if keep != nil && !keep(ids) {
				return nil
			}
			x.ids = *ids
			for i, id := range ids {
				if id == 0 {
					x.vals[i] = nil
					continue
				}
				v, err := src.value(id)
				if err != nil {
					return err
				}
				x.vals[i] = v
			}
			if x.vals[0] == nil || x.vals[1] == nil || x.vals[2] == nil {
				return fmt.Errorf("quad %v: cannot resolve its nodes", ids)
			}
			return qw.write(&x)
		})
	})
	if err != nil {
		return err
	}
	return qw.close()
}

// exportQuad is one quad on its way to a sink: the store's node IDs of its
// subject, predicate, object and label (0: no label) and their values.
type exportQuad struct {
	ids  [4]uint64
	vals [4]quad.Value
}

func (x *exportQuad) quad() quad.Quad {
	return quad.Quad{Subject: x.vals[0], Predicate: x.vals[1], Object: x.vals[2], Label: x.vals[3]}
}

// quadSink receives the exported quads in order; close ends the output.
// The exportQuad passed to write is reused after write returns.
type quadSink interface {
	write(x *exportQuad) error
	close() error
}

// quadSource reads a store's quads by node ID.
type quadSource interface {
	// each calls fn with the node IDs of every quad, in store order; the
	// array is reused after fn returns. An error of fn stops the scan and
	// is returned.
	each(ctx context.Context, fn func(ids *[4]uint64) error) error
	// value returns the value of node id.
	value(id uint64) (quad.Value, error)
	// id returns the node ID of v, or 0 when the store lacks it.
	id(v quad.Value) uint64
}

// withSource calls fn with a quadSource over the store; the caller holds
// the read lock. On bolt and leveldb the source reads Cayley's quad log
// directly (see scanLog) within one read transaction; on memstore it walks
// Cayley's iterator.
func (s *Store) withSource(ctx context.Context, fn func(quadSource) error) error {
	if s.batch == nil {
		return fn(&memSource{s: s, nodes: &nodeIDs{ids: map[interface{}]uint64{}}, vals: map[uint64]quad.Value{}})
	}
	return hkv.View(s.batch.KV, func(tx hkv.Tx) error {
		return fn(&logSource{s: s, tx: tx})
	})
}

// logKey is the bucket of Cayley's kv log: every node and quad primitive
// keyed by its ID, big-endian.
var logKey = []byte("log")

// scanLog calls fn for every live primitive of Cayley's kv log in tx, in ID
// order: nodes (no directions; Value holds the node's value as pquads) and
// quads (node IDs in Subject, Predicate, Object, Label). The primitive is
// reused after fn returns. Deleted primitives are skipped. It checks ctx
// every 65,536 entries.
func scanLog(ctx context.Context, tx hkv.Tx, fn func(p *proto.Primitive) error) error {
	it := tx.Scan(hkv.Key{logKey})
	defer it.Close()
	var p proto.Primitive
	n := 0
	for it.Next(ctx) {
		if n++; n%65536 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		buf := p.Value[:0]
		p.Reset()
		p.Value = buf
		if err := p.Unmarshal(it.Val()); err != nil {
			return fmt.Errorf("decode log entry: %w", err)
		}
		if p.Deleted {
			continue
		}
		if err := fn(&p); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	return ctx.Err()
}

// logCacheSize is the number of slots of logSource's value cache.
const logCacheSize = 1 << 14

// logSource reads a kv store's quads from Cayley's log and resolves node
// IDs by point lookups in the same log, through a direct-mapped cache, so
// its memory does not grow with the store.
type logSource struct {
	s     *Store
	tx    hkv.Tx
	cache [logCacheSize]struct {
		id uint64
		v  quad.Value
	}
	key  [8]byte
	prim proto.Primitive
}

func (l *logSource) each(ctx context.Context, fn func(*[4]uint64) error) error {
	var ids [4]uint64
	return scanLog(ctx, l.tx, func(p *proto.Primitive) error {
		if p.Subject == 0 && p.Predicate == 0 && p.Object == 0 {
			return nil // a node
		}
		ids = [4]uint64{p.Subject, p.Predicate, p.Object, p.Label}
		return fn(&ids)
	})
}

func (l *logSource) value(id uint64) (quad.Value, error) {
	slot := &l.cache[id%logCacheSize]
	if slot.id == id && slot.v != nil {
		return slot.v, nil
	}
	binary.BigEndian.PutUint64(l.key[:], id)
	b, err := l.tx.Get(context.Background(), hkv.Key{logKey, l.key[:]})
	if err != nil {
		return nil, fmt.Errorf("read node %d: %w", id, err)
	}
	buf := l.prim.Value[:0]
	l.prim.Reset()
	l.prim.Value = buf
	if err := l.prim.Unmarshal(b); err != nil {
		return nil, fmt.Errorf("decode node %d: %w", id, err)
	}
	v, err := pquads.UnmarshalValue(l.prim.Value)
	if err != nil {
		return nil, fmt.Errorf("decode node %d: %w", id, err)
	}
	if v == nil {
		return nil, fmt.Errorf("node %d has no value", id)
	}
	slot.id, slot.v = id, v
	return v, nil
}

func (l *logSource) id(v quad.Value) uint64 {
	if r, ok := l.s.qs.ValueOf(v).(kv.Int64Value); ok {
		return uint64(r)
	}
	return 0
}

// memSource reads memstore through Cayley's iterator, numbering nodes as
// it meets them.
type memSource struct {
	s     *Store
	nodes *nodeIDs
	vals  map[uint64]quad.Value
}

func (m *memSource) each(ctx context.Context, fn func(*[4]uint64) error) error {
	it := m.s.qs.QuadsAllIterator()
	defer it.Close()
	var ids [4]uint64
	for it.Next(ctx) {
		r := it.Result()
		for i, d := range quad.Directions {
			ids[i] = m.nodes.id(m.s.qs.QuadDirection(r, d))
		}
		if err := fn(&ids); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	return ctx.Err()
}

func (m *memSource) value(id uint64) (quad.Value, error) {
	if v, ok := m.vals[id]; ok {
		return v, nil
	}
	if id == 0 || id > uint64(len(m.nodes.refs)) {
		return nil, fmt.Errorf("unknown node %d", id)
	}
	v := m.s.qs.NameOf(m.nodes.refs[id-1])
	if v == nil {
		return nil, fmt.Errorf("node %d has no value", id)
	}
	m.vals[id] = v
	return v, nil
}

func (m *memSource) id(v quad.Value) uint64 {
	r := m.s.qs.ValueOf(v)
	if r == nil {
		return 0
	}
	return m.nodes.id(r)
}

// idSet is a set of node IDs.
type idSet map[uint64]struct{}

func (s idSet) add(id uint64) { s[id] = struct{}{} }
func (s idSet) has(id uint64) bool {
	_, ok := s[id]
	return ok
}

// selection is what a filtered export keeps, by node ID.
type selection struct {
	relPreds idSet // predicate IDs of relation quads
	mentions uint64
	stmts    idSet
	docs     idSet
	ents     idSet
}

// keep reports whether the quad with node IDs ids is exported.
func (sel *selection) keep(ids *[4]uint64) bool {
	s, p, o, l := ids[0], ids[1], ids[2], ids[3]
	switch {
	case sel.relPreds.has(p):
		return sel.stmts.has(l)
	case sel.stmts.has(s):
		return true
	case sel.docs.has(s):
		return l == s && (p != sel.mentions || sel.ents.has(o))
	case sel.ents.has(s):
		return sel.docs.has(l)
	}
	return false
}

// relQuad is a relation quad seen by selectQuads.
type relQuad struct {
	s, o, stmt uint64
	pred       string
	literal    bool
}

// selectQuads reads the relation quads and statement attributes of the
// store in one pass and decides what f keeps.
func (s *Store) selectQuads(ctx context.Context, src quadSource, f ExportFilter) (*selection, error) {
	since, until, err := f.window()
	if err != nil {
		return nil, err
	}
	window := f.Since != "" || f.Until != ""
	sel := &selection{relPreds: idSet{}, stmts: idSet{}, docs: idSet{}, ents: idSet{}}
	relName := map[uint64]schema.Predicate{}
	for _, p := range schema.Predicates() {
		if id := src.id(quad.IRI(schema.PredicateIRI(p.Name))); id != 0 {
			sel.relPreds.add(id)
			relName[id] = p
		}
	}
	sel.mentions = src.id(quad.IRI(AttrMentions))
	source := src.id(quad.IRI(schema.AttrSource))
	when := src.id(quad.IRI(schema.AttrWhen))
	wantPred := map[string]bool{}
	for _, p := range f.Predicates {
		wantPred[p] = true
	}
	wantDoc := idSet{}
	for _, d := range f.Docs {
		id := src.id(quad.IRI(schema.DocumentIRI(d)))
		if id == 0 {
			return nil, fmt.Errorf("document %q: %w", d, ErrNotFound)
		}
		wantDoc.add(id)
	}
	root := uint64(0)
	if f.EntityIRI != "" {
		if root = src.id(quad.IRI(f.EntityIRI)); root == 0 {
			return nil, fmt.Errorf("entity %s: %w", f.EntityIRI, ErrNotFound)
		}
	}
	docOnly := len(f.Docs) > 0 && f.EntityIRI == "" && len(f.Predicates) == 0 && !window

	var rels []relQuad
	stmtDoc := map[uint64]uint64{}
	stmtWhen := map[uint64]uint64{}
	mentioned := map[uint64][]uint64{} // document → entities, for docOnly
	err = src.each(ctx, func(ids *[4]uint64) error {
		sub, pred, obj, label := ids[0], ids[1], ids[2], ids[3]
		switch {
		case sel.relPreds.has(pred):
			if label != 0 {
				p := relName[pred]
				rels = append(rels, relQuad{s: sub, o: obj, stmt: label, pred: p.Name, literal: p.LiteralObject})
			}
		case pred == source && source != 0:
			stmtDoc[sub] = obj
		case pred == when && when != 0:
			stmtWhen[sub] = obj
		case docOnly && pred == sel.mentions && wantDoc.has(sub):
			mentioned[sub] = append(mentioned[sub], obj)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	// The statement-level conditions.
	periods := map[uint64][2]int32{}
	eligible := rels[:0]
	for _, r := range rels {
		if len(wantPred) > 0 && !wantPred[r.pred] {
			continue
		}
		if len(wantDoc) > 0 && !wantDoc.has(stmtDoc[r.stmt]) {
			continue
		}
		if window {
			w := stmtWhen[r.stmt]
			if w == 0 {
				continue
			}
			per, ok := periods[w]
			if !ok {
				v, err := src.value(w)
				if err != nil {
					return nil, err
				}
				from, to, _ := DatePeriod(lexical(v))
				per = [2]int32{from, to}
				periods[w] = per
			}
			if per[0] == 0 || per[1] < since || per[0] > until {
				continue
			}
		}
		eligible = append(eligible, r)
	}

	// The neighbourhood of the entity.
	if root != 0 {
		adj := map[uint64][]uint64{}
		for _, r := range eligible {
			if !r.literal && r.s != r.o {
				adj[r.s] = append(adj[r.s], r.o)
				adj[r.o] = append(adj[r.o], r.s)
			}
		}
		ball := idSet{root: {}}
		front := []uint64{root}
		for d := 0; d < f.Depth && len(front) > 0; d++ {
			var next []uint64
			for _, x := range front {
				for _, y := range adj[x] {
					if !ball.has(y) {
						ball.add(y)
						next = append(next, y)
					}
				}
			}
			front = next
		}
		kept := eligible[:0]
		for _, r := range eligible {
			if ball.has(r.s) && (r.literal || ball.has(r.o)) {
				kept = append(kept, r)
			}
		}
		eligible = kept
	}

	for _, r := range eligible {
		sel.stmts.add(r.stmt)
		if d := stmtDoc[r.stmt]; d != 0 {
			sel.docs.add(d)
		}
		sel.ents.add(r.s)
		if !r.literal {
			sel.ents.add(r.o)
		}
	}
	if docOnly {
		for d := range wantDoc {
			sel.docs.add(d)
			for _, e := range mentioned[d] {
				sel.ents.add(e)
			}
		}
	}
	return sel, nil
}

// compile-time checks of the sources and sinks.
var (
	_ quadSource = (*logSource)(nil)
	_ quadSource = (*memSource)(nil)
	_ quadSink   = (*nquadsSink)(nil)
	_ quadSink   = (*jsonldSink)(nil)
	_ quadSink   = (*graphMLSink)(nil)
	_ quadSink   = (*dotSink)(nil)
	_ quadSink   = (*propertySink)(nil)
)
