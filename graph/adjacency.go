package graph

import (
	"context"
	"encoding/binary"
	"fmt"
	"reflect"
	"sort"
	"strconv"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	hkv "github.com/hidal-go/hidalgo/kv"

	"github.com/newsgraph/newsgraph/schema"
)

// Generation identifies one state of a store's contents: two reads that
// return equal Generations saw the same quads. On the kv backends it is
// Cayley's ID horizon (which every insert advances and nothing lowers) with
// the quad count (which every delete lowers), read from the store itself, so
// it also sees writes made by another process; on memstore it is the same
// pair taken from the in-process store. On the SQL backends it is the
// largest horizon (the serial key of Cayley's quads table) with the quad
// count, read from the server, so it too sees other processes' writes.
type Generation struct {
	Horizon int64
	Quads   int64
}

// Generation returns the store's current Generation. It is cheap (two keys
// of the kv metadata, or two fields of memstore).
func (s *Store) Generation(ctx context.Context) (Generation, error) {
	if err := s.rlock(); err != nil {
		return Generation{}, err
	}
	defer s.runlock()
	g, err := s.generation(ctx)
	if err != nil {
		return g, fmt.Errorf("read generation of %s: %w", s.where(), err)
	}
	return g, nil
}

func (s *Store) generation(ctx context.Context) (Generation, error) {
	var g Generation
	if s.sql != nil {
		return s.sql.generation(ctx)
	}
	if s.batch == nil {
		st, err := s.qs.Stats(ctx, false)
		if err != nil {
			return g, err
		}
		g.Quads = st.Quads.Size
		v := reflect.ValueOf(s.qs)
		if v.Kind() == reflect.Pointer {
			if f := v.Elem().FieldByName("last"); f.IsValid() && f.CanInt() {
				g.Horizon = f.Int()
			}
		}
		return g, nil
	}
	err := hkv.View(s.batch.KV, func(tx hkv.Tx) error {
		for _, k := range []struct {
			name string
			dst  *int64
		}{{"horizon", &g.Horizon}, {"size", &g.Quads}} {
			b, err := tx.Get(ctx, hkv.Key{[]byte("meta"), []byte(k.name)})
			if err == hkv.ErrNotFound {
				continue
			}
			if err != nil {
				return err
			}
			if len(b) == 8 {
				*k.dst = int64(binary.LittleEndian.Uint64(b))
			}
		}
		return nil
	})
	return g, err
}

// DocRef is a document as Relations lists it.
type DocRef struct {
	ID   string
	Date string
	// Publisher is the publication's name as stored on the document node
	// (schema.AttrPublisher), or "" when the document's reader did not know
	// it.
	Publisher string
}

// Arc is one stored relation (one statement) in the compact form of
// Relations: entity and document numbers index Relations.Entities and
// Relations.Docs.
type Arc struct {
	Subject int32
	// Object is the object entity, or -1 for a literal object (title).
	Object  int32
	Literal string
	// Predicate is the schema predicate name.
	Predicate string
	// Doc is the statement's document, or -1 when it names none.
	Doc int32
	// When indexes Relations.Whens (0 is the empty string: no date).
	When       int32
	Confidence float32
	Modality   schema.Modality
}

// Relations is every relation of a store with the statement attributes that
// queries filter on, read in one pass by ScanRelations.
type Relations struct {
	Generation Generation
	// Entities lists every entity a document describes or a relation names,
	// merged over documents as Entities does, sorted by Name then IRI.
	Entities []Entity
	Docs     []DocRef
	// Whens lists the distinct `when` values; Whens[0] is "".
	Whens []string
	// Arcs lists one entry per stored statement, in store order.
	Arcs []Arc
}

// scan kinds of ScanRelations.
const (
	kindRel = iota + 1
	kindSource
	kindConfidence
	kindModality
	kindWhen
	kindName
	kindAlias
	kindType
	kindDocID
	kindDate
	kindPublisher
)

// ScanRelations reads every relation quad and the few attributes of its
// statement that queries filter on (document, confidence, modality, when),
// plus the names, aliases and types of entities and the IDs, dates and
// publishers of documents, in one pass over the store's quads. Each
// distinct node is resolved once, in batches, so the cost grows with the
// number of quads, not with the number of reads. The result carries the
// Generation it was read at (under the read lock, so no write
// interleaves): what is derived from it, such as the number of distinct
// documents and publishers stating each relation, holds for as long as the
// store's Generation does not change.
func (s *Store) ScanRelations(ctx context.Context) (*Relations, error) {
	if err := s.rlock(); err != nil {
		return nil, err
	}
	defer s.runlock()
	r, err := s.scanRelations(ctx)
	if err != nil {
		return nil, fmt.Errorf("scan relations of %s: %w", s.where(), err)
	}
	return r, nil
}

type rawPair struct{ a, b uint64 }

type rawRel struct {
	s, o, label uint64
	pred        string
}

type stmtAttrs struct {
	doc, conf, mod, when uint64
}

// relSink collects, by node ID, the quads ScanRelations needs.
type relSink struct {
	kinds   map[uint64]int
	relName map[uint64]string
	typeOf  map[uint64]schema.EntityType

	rels                  []rawRel
	names, aliases, types []rawPair
	docIDs, docDates      []rawPair
	docPubs               []rawPair
	attrs                 map[uint64]*stmtAttrs
}

func (k *relSink) attr(id uint64) *stmtAttrs {
	a := k.attrs[id]
	if a == nil {
		a = &stmtAttrs{}
		k.attrs[id] = a
	}
	return a
}

// quad records one quad given by node IDs (0: none).
func (k *relSink) quad(sub, pred, obj, label uint64) {
	kind := k.kinds[pred]
	if kind == 0 || sub == 0 || obj == 0 {
		return
	}
	switch kind {
	case kindRel:
		if label != 0 {
			k.rels = append(k.rels, rawRel{s: sub, o: obj, label: label, pred: k.relName[pred]})
		}
	case kindSource:
		k.attr(sub).doc = obj
	case kindConfidence:
		k.attr(sub).conf = obj
	case kindModality:
		k.attr(sub).mod = obj
	case kindWhen:
		k.attr(sub).when = obj
	case kindName:
		k.names = append(k.names, rawPair{sub, obj})
	case kindAlias:
		k.aliases = append(k.aliases, rawPair{sub, obj})
	case kindType:
		if _, ok := k.typeOf[obj]; ok {
			k.types = append(k.types, rawPair{sub, obj})
		}
	case kindDocID:
		k.docIDs = append(k.docIDs, rawPair{sub, obj})
	case kindDate:
		k.docDates = append(k.docDates, rawPair{sub, obj})
	case kindPublisher:
		k.docPubs = append(k.docPubs, rawPair{sub, obj})
	}
}

// needed returns the IDs of every node whose value the result needs.
func (k *relSink) needed() []uint64 {
	seen := map[uint64]bool{}
	var out []uint64
	need := func(id uint64) {
		if id != 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, r := range k.rels {
		need(r.s)
		need(r.o)
	}
	for _, set := range [][]rawPair{k.names, k.aliases, k.types, k.docIDs, k.docDates, k.docPubs} {
		for _, p := range set {
			need(p.a)
			need(p.b)
		}
	}
	for _, a := range k.attrs {
		need(a.doc)
		need(a.conf)
		need(a.mod)
		need(a.when)
	}
	return out
}

// nodeIDs numbers the nodes of a quad store that has no numeric IDs of
// its own (memstore), keeping each node's ref for resolution.
type nodeIDs struct {
	ids  map[interface{}]uint64
	refs []cgraph.Ref
}

func (n *nodeIDs) id(r cgraph.Ref) uint64 {
	if r == nil {
		return 0
	}
	k := r.Key()
	if id, ok := n.ids[k]; ok {
		return id
	}
	n.refs = append(n.refs, r)
	id := uint64(len(n.refs))
	n.ids[k] = id
	return id
}

func (s *Store) scanRelations(ctx context.Context) (*Relations, error) {
	gen, err := s.generation(ctx)
	if err != nil {
		return nil, err
	}
	sink := &relSink{kinds: map[uint64]int{}, relName: map[uint64]string{}, typeOf: map[uint64]schema.EntityType{}, attrs: map[uint64]*stmtAttrs{}}
	var nodes *nodeIDs
	refID := func(r cgraph.Ref) uint64 {
		if r == nil {
			return 0
		}
		if nodes != nil {
			return nodes.id(r)
		}
		if v, ok := r.(kv.Int64Value); ok {
			return uint64(v)
		}
		return 0
	}
	if s.batch == nil {
		nodes = &nodeIDs{ids: map[interface{}]uint64{}}
	}
	addKind := func(iri string, k int) uint64 {
		id := refID(s.qs.ValueOf(quad.IRI(iri)))
		if id != 0 {
			sink.kinds[id] = k
		}
		return id
	}
	for _, p := range schema.Predicates() {
		if id := addKind(schema.PredicateIRI(p.Name), kindRel); id != 0 {
			sink.relName[id] = p.Name
		}
	}
	addKind(schema.AttrSource, kindSource)
	addKind(schema.AttrConfidence, kindConfidence)
	addKind(schema.AttrModality, kindModality)
	addKind(schema.AttrWhen, kindWhen)
	addKind(schema.Name, kindName)
	addKind(schema.AlternateName, kindAlias)
	addKind(schema.RDFType, kindType)
	addKind(schema.AttrDocID, kindDocID)
	addKind(schema.AttrDate, kindDate)
	addKind(schema.AttrPublisher, kindPublisher)
	for _, t := range schema.EntityTypes {
		if id := refID(s.qs.ValueOf(quad.IRI(schema.TypeIRI(t)))); id != 0 {
			sink.typeOf[id] = t
		}
	}

	vals := map[uint64]quad.Value{}
	if s.batch != nil {
		// The kv backends: one cursor over Cayley's log, which holds every
		// node and quad primitive in ID order; node values are kept raw
		// and decoded only when needed.
		var arena []byte
		type span struct{ off, n uint32 }
		raw := map[uint64]span{}
		err := hkv.View(s.batch.KV, func(tx hkv.Tx) error {
			return scanLog(ctx, tx, func(p *proto.Primitive) error {
				if p.Subject == 0 && p.Predicate == 0 && p.Object == 0 {
					if len(p.Value) > 0 {
						raw[p.ID] = span{uint32(len(arena)), uint32(len(p.Value))}
						arena = append(arena, p.Value...)
					}
					return nil
				}
				sink.quad(p.Subject, p.Predicate, p.Object, p.Label)
				return nil
			})
		})
		if err != nil {
			return nil, err
		}
		for _, id := range sink.needed() {
			sp, ok := raw[id]
			if !ok {
				continue
			}
			v, err := pquads.UnmarshalValue(arena[sp.off : sp.off+sp.n])
			if err != nil {
				return nil, fmt.Errorf("decode node %d: %w", id, err)
			}
			vals[id] = v
		}
	} else {
		it := s.qs.QuadsAllIterator()
		defer it.Close()
		for it.Next(ctx) {
			q := it.Result()
			sink.quad(refID(s.qs.QuadDirection(q, quad.Subject)), refID(s.qs.QuadDirection(q, quad.Predicate)),
				refID(s.qs.QuadDirection(q, quad.Object)), refID(s.qs.QuadDirection(q, quad.Label)))
		}
		if err := it.Err(); err != nil {
			return nil, err
		}
		need := sink.needed()
		refs := make([]cgraph.Ref, len(need))
		for i, id := range need {
			refs[i] = nodes.refs[id-1]
		}
		got, err := cgraph.ValuesOf(ctx, s.qs, refs)
		if err != nil {
			return nil, fmt.Errorf("resolve %d nodes: %w", len(refs), err)
		}
		for i, id := range need {
			vals[id] = got[i]
		}
	}
	rels, names, aliases, types, attrs := sink.rels, sink.names, sink.aliases, sink.types, sink.attrs
	typeOf := sink.typeOf
	str := func(id uint64) string {
		if id == 0 {
			return ""
		}
		return lexical(vals[id])
	}

	// Entities, merged like Entities does.
	type entAcc struct {
		names   map[string]int
		types   map[schema.EntityType]int
		aliases map[string]bool
	}
	ents := map[string]*entAcc{}
	ent := func(iri string) *entAcc {
		e := ents[iri]
		if e == nil {
			e = &entAcc{names: map[string]int{}, types: map[schema.EntityType]int{}, aliases: map[string]bool{}}
			ents[iri] = e
		}
		return e
	}
	for _, p := range types {
		ent(str(p.a)).types[typeOf[p.b]]++
	}
	for _, p := range names {
		if e := ents[str(p.a)]; e != nil {
			e.names[str(p.b)]++
		}
	}
	for _, p := range aliases {
		if e := ents[str(p.a)]; e != nil {
			e.aliases[str(p.b)] = true
		}
	}
	for _, r := range rels {
		ent(str(r.s))
		if _, ok := vals[r.o].(quad.IRI); ok {
			ent(str(r.o))
		}
	}
	out := &Relations{Generation: gen, Whens: []string{""}}
	out.Entities = make([]Entity, 0, len(ents))
	for iri, e := range ents {
		out.Entities = append(out.Entities, mergeEntity(iri, e.names, e.types, e.aliases))
	}
	sort.Slice(out.Entities, func(i, j int) bool {
		a, b := out.Entities[i], out.Entities[j]
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.IRI < b.IRI
	})
	entNum := make(map[string]int32, len(out.Entities))
	for i, e := range out.Entities {
		entNum[e.IRI] = int32(i)
	}

	// Documents.
	docAttr := func(pairs []rawPair) map[string]string {
		m := make(map[string]string, len(pairs))
		for _, p := range pairs {
			m[str(p.a)] = str(p.b)
		}
		return m
	}
	docID, docDate, docPub := docAttr(sink.docIDs), docAttr(sink.docDates), docAttr(sink.docPubs)
	docNum := map[string]int32{}
	doc := func(iri string) int32 {
		if iri == "" {
			return -1
		}
		if n, ok := docNum[iri]; ok {
			return n
		}
		id := docID[iri]
		if id == "" {
			id = docIDFromIRI(iri)
		}
		n := int32(len(out.Docs))
		out.Docs = append(out.Docs, DocRef{ID: id, Date: docDate[iri], Publisher: docPub[iri]})
		docNum[iri] = n
		return n
	}
	whenNum := map[string]int32{"": 0}
	when := func(w string) int32 {
		if n, ok := whenNum[w]; ok {
			return n
		}
		n := int32(len(out.Whens))
		out.Whens = append(out.Whens, w)
		whenNum[w] = n
		return n
	}

	out.Arcs = make([]Arc, 0, len(rels))
	for _, r := range rels {
		a := Arc{Subject: entNum[str(r.s)], Object: -1, Predicate: r.pred, Doc: -1, Modality: schema.Asserted}
		if _, ok := vals[r.o].(quad.IRI); ok {
			a.Object = entNum[str(r.o)]
		} else {
			a.Literal = str(r.o)
		}
		if at := attrs[r.label]; at != nil {
			a.Doc = doc(str(at.doc))
			if at.conf != 0 {
				c, _ := strconv.ParseFloat(str(at.conf), 32)
				a.Confidence = float32(c)
			}
			if m := str(at.mod); m != "" {
				a.Modality = schema.Modality(m)
			}
			a.When = when(str(at.when))
		}
		out.Arcs = append(out.Arcs, a)
	}
	return out, nil
}

// RelationStatements returns the stored statements of one relation: the
// statements whose relation quad is (subjectIRI, predicate, object), where
// object is an entity IRI, or a literal when literal is true. It reads only
// the statement nodes and their documents: Subject and Object carry the
// IRI alone (the caller knows the entities). They are sorted by Doc, then
// Start. No match is an empty result.
func (s *Store) RelationStatements(ctx context.Context, subjectIRI, predicate, object string, literal bool) ([]Statement, error) {
	if err := s.rlock(); err != nil {
		return nil, err
	}
	defer s.runlock()
	out, err := s.relationStatements(ctx, subjectIRI, predicate, object, literal)
	if err != nil {
		return nil, fmt.Errorf("read statements of %s %s %s in %s: %w", subjectIRI, predicate, object, s.where(), err)
	}
	return out, nil
}

func (s *Store) relationStatements(ctx context.Context, subjectIRI, predicate, object string, literal bool) ([]Statement, error) {
	var o quad.Value = quad.IRI(object)
	if literal {
		o = quad.String(object)
	}
	cache := names{}
	var labels []string
	err := s.scan(ctx, cache, map[quad.Direction]quad.Value{
		quad.Subject: quad.IRI(subjectIRI), quad.Predicate: quad.IRI(schema.PredicateIRI(predicate)), quad.Object: o,
	}, func(q quad.Quad) error {
		if q.Label != nil {
			labels = append(labels, lexical(q.Label))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	docs := map[string]*DocInfo{}
	var out []Statement
	for _, l := range labels {
		st := Statement{IRI: l, Predicate: predicate, Subject: Entity{IRI: subjectIRI}}
		if literal {
			st.Literal = object
		} else {
			st.Object = Entity{IRI: object}
		}
		var docIRI string
		err := s.scan(ctx, cache, map[quad.Direction]quad.Value{quad.Subject: quad.IRI(l)}, func(q quad.Quad) error {
			v := lexical(q.Object)
			switch pred := lexical(q.Predicate); pred {
			case schema.AttrSource:
				docIRI = v
			default:
				st.setAttr(pred, v)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if docIRI == "" {
			continue // not a complete statement
		}
		d := docs[docIRI]
		if d == nil {
			d = &DocInfo{IRI: docIRI}
			err := s.scan(ctx, cache, map[quad.Direction]quad.Value{quad.Subject: quad.IRI(docIRI)}, func(q quad.Quad) error {
				d.setAttr(lexical(q.Predicate), lexical(q.Object))
				return nil
			})
			if err != nil {
				return nil, err
			}
			if d.ID == "" {
				d.ID = docIDFromIRI(docIRI)
			}
			docs[docIRI] = d
		}
		st.setDoc(*d)
		out = append(out, st)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := &out[i], &out[j]
		if c := compareDocPosition(a, b); c != 0 {
			return c < 0
		}
		return a.IRI < b.IRI
	})
	return out, nil
}
