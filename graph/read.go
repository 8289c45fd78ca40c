package graph

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/shape"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/schema"
)

// Entity is an entity as the store holds it, merged over every document that
// mentions it.
type Entity struct {
	IRI  string
	Name string // the name most documents use (ties: the longer, then the smaller)
	Type schema.EntityType
	// Aliases lists every other surface form seen, sorted, without Name.
	Aliases []string
}

// Statement is one stored relation with its evidence.
type Statement struct {
	IRI       string
	Subject   Entity
	Predicate string // schema predicate name
	Object    Entity // zero for literal objects
	Literal   string // object of "title"
	Doc       string // document ID (record name)
	DocPath   string
	DocTitle  string
	DocDate   string
	// DocURL and DocPublisher are the document's address and publication,
	// when its reader knew them.
	DocURL, DocPublisher string
	Sentence             string
	Start                int
	End                  int
	Modality             schema.Modality
	When                 string
	CAMEO                string
	// Attribution is who the sentence reports as saying it, or "".
	Attribution string
	Confidence  float64
}

// Filter selects statements; a zero field does not constrain. Predicates
// holds schema predicate names (any of them matches), Doc a document ID,
// EntityIRI an entity that is the subject or the object.
type Filter struct {
	Predicates []string
	Doc        string
	EntityIRI  string
}

// DocInfo describes a stored document.
type DocInfo struct {
	ID, IRI, Path, Title, Date, Hash string
	URL, Publisher                   string // "" when the reader did not know them
	Statements                       int
}

// Stats counts what the store holds. ByPredicate counts statements by
// predicate name, ByType entities by type; zero counts are left out.
type Stats struct {
	Backend     string
	Address     string
	Quads       int64
	Entities    int64
	Statements  int64
	Documents   int64
	ByPredicate map[string]int64
	ByType      map[string]int64
}

// rlock takes the lock for a read and fails when the store is closed. The
// lock is shared on the kv backends and exclusive on memstore, whose
// iterators share unlocked state (two memstore readers race).
func (s *Store) rlock() error {
	if s.batch == nil {
		s.mu.Lock()
	} else {
		s.mu.RLock()
	}
	if s.closed {
		s.runlock()
		return ErrClosed
	}
	return nil
}

// runlock releases what rlock took.
func (s *Store) runlock() {
	if s.batch == nil {
		s.mu.Unlock()
		return
	}
	s.mu.RUnlock()
}

// names caches the values of node refs during one read or write; node IDs
// are never reused, so a cache is valid for as long as the lock is held.
type names map[interface{}]quad.Value

// scan calls fn for every quad whose directions have the values in filter
// (at least one of Subject or Object should be set: those are indexed by
// every backend). It uses the kv backends' composite indexes when they fit,
// compares directions by node ref, and resolves each distinct node once
// through cache.
func (s *Store) scan(ctx context.Context, cache names, filter map[quad.Direction]quad.Value, fn func(quad.Quad) error) error {
	refs := make(map[quad.Direction]cgraph.Ref, len(filter))
	for d, v := range filter {
		r := s.qs.ValueOf(v)
		if r == nil {
			return nil // a value that is not in the store matches nothing
		}
		refs[d] = r
	}
	var it cgraph.Iterator
	exact := false
	if len(refs) > 1 {
		sh, _ := shape.Optimize(shape.QuadsAction{Result: quad.Subject, Filter: refs}, s.qs)
		if nf, ok := sh.(shape.NodesFrom); ok && nf.Quads != nil {
			if _, isQuads := nf.Quads.(shape.Quads); !isQuads {
				it = nf.Quads.BuildIterator(s.qs)
				exact = true
			}
		}
	}
	if it == nil {
		dir := quad.Any
		for _, d := range []quad.Direction{quad.Subject, quad.Object, quad.Predicate, quad.Label} {
			if _, ok := refs[d]; ok {
				dir = d
				break
			}
		}
		if dir == quad.Any {
			it = s.qs.QuadsAllIterator()
		} else {
			it = s.qs.QuadIterator(dir, refs[dir])
		}
	}
	defer it.Close()
	name := func(r cgraph.Ref) quad.Value {
		if r == nil {
			return nil
		}
		k := r.Key()
		v, ok := cache[k]
		if !ok {
			v = s.qs.NameOf(r)
			cache[k] = v
		}
		return v
	}
next:
	for it.Next(ctx) {
		r := it.Result()
		if !exact {
			for d, want := range refs {
				got := s.qs.QuadDirection(r, d)
				if got == nil || got.Key() != want.Key() {
					continue next
				}
			}
		}
		var q quad.Quad
		for _, d := range quad.Directions {
			q.Set(d, name(s.qs.QuadDirection(r, d)))
		}
		if q.Subject == nil || q.Predicate == nil || q.Object == nil {
			return fmt.Errorf("quad %v: cannot resolve its nodes", r)
		}
		if err := fn(q); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	return ctx.Err()
}

// subjectsOf returns the distinct subjects of quads (?, pred, obj), in the
// order the index yields them.
func (s *Store) subjectsOf(ctx context.Context, cache names, pred, obj quad.Value) ([]quad.Value, error) {
	var out []quad.Value
	seen := make(map[string]bool)
	err := s.scan(ctx, cache, map[quad.Direction]quad.Value{quad.Predicate: pred, quad.Object: obj}, func(q quad.Quad) error {
		k := q.Subject.String()
		if !seen[k] {
			seen[k] = true
			out = append(out, q.Subject)
		}
		return nil
	})
	return out, err
}

// reader reads entities, documents and statements with per-call caches.
type reader struct {
	s        *Store
	names    names
	entities map[string]*Entity
	docs     map[string]*DocInfo
}

func (s *Store) newReader() *reader {
	return &reader{s: s, names: names{}, entities: map[string]*Entity{}, docs: map[string]*DocInfo{}}
}

// entity merges the name, type and alias quads of the entity iri over all
// documents.
func (r *reader) entity(ctx context.Context, iri string) (Entity, error) {
	if e := r.entities[iri]; e != nil {
		return *e, nil
	}
	names := map[string]int{}
	types := map[schema.EntityType]int{}
	aliases := map[string]bool{}
	subj := quad.IRI(iri)
	err := r.s.scan(ctx, r.names, map[quad.Direction]quad.Value{quad.Subject: subj, quad.Predicate: quad.IRI(schema.Name)}, func(q quad.Quad) error {
		names[lexical(q.Object)]++
		return nil
	})
	if err == nil {
		err = r.s.scan(ctx, r.names, map[quad.Direction]quad.Value{quad.Subject: subj, quad.Predicate: quad.IRI(schema.RDFType)}, func(q quad.Quad) error {
			if t := entityType(lexical(q.Object)); t != "" {
				types[t]++
			}
			return nil
		})
	}
	if err == nil {
		err = r.s.scan(ctx, r.names, map[quad.Direction]quad.Value{quad.Subject: subj, quad.Predicate: quad.IRI(schema.AlternateName)}, func(q quad.Quad) error {
			aliases[lexical(q.Object)] = true
			return nil
		})
	}
	if err != nil {
		return Entity{}, fmt.Errorf("read entity %s: %w", iri, err)
	}
	e := mergeEntity(iri, names, types, aliases)
	r.entities[iri] = &e
	return e, nil
}

// mergeEntity resolves an entity's name and type from the counts of the
// documents that describe it: the most frequent name (ties: the longer in
// bytes, which keeps diacritics, then the smaller) and the most frequent type
// (ties: schema.EntityTypes order). Other names join the aliases.
func mergeEntity(iri string, names map[string]int, types map[schema.EntityType]int, aliases map[string]bool) Entity {
	e := Entity{IRI: iri}
	best := -1
	for n, c := range names {
		if c > best || c == best && (len(n) > len(e.Name) || len(n) == len(e.Name) && n < e.Name) {
			e.Name, best = n, c
		}
	}
	best = -1
	for _, t := range schema.EntityTypes {
		if c, ok := types[t]; ok && c > best {
			e.Type, best = t, c
		}
	}
	if e.Type == "" {
		e.Type = schema.Other
	}
	set := map[string]bool{}
	for n := range names {
		set[n] = true
	}
	for a := range aliases {
		set[a] = true
	}
	delete(set, e.Name)
	delete(set, "")
	if len(set) > 0 {
		e.Aliases = make([]string, 0, len(set))
		for a := range set {
			e.Aliases = append(e.Aliases, a)
		}
		sort.Strings(e.Aliases)
	}
	if e.Name == "" {
		e.Name = iri
	}
	return e
}

// doc reads the document node iri.
func (r *reader) doc(ctx context.Context, iri string) (DocInfo, error) {
	if d := r.docs[iri]; d != nil {
		return *d, nil
	}
	d, err := r.docNode(ctx, iri)
	if err == nil {
		err = r.s.scan(ctx, r.names, map[quad.Direction]quad.Value{quad.Object: quad.IRI(iri), quad.Predicate: quad.IRI(schema.AttrSource)}, func(quad.Quad) error {
			d.Statements++
			return nil
		})
	}
	if err != nil {
		return DocInfo{}, fmt.Errorf("read document %s: %w", iri, err)
	}
	if d.ID == "" {
		d.ID = docIDFromIRI(iri)
	}
	r.docs[iri] = &d
	return d, nil
}

// docNode reads the attributes of the document node iri (not its
// statement count).
func (r *reader) docNode(ctx context.Context, iri string) (DocInfo, error) {
	d := DocInfo{IRI: iri}
	err := r.s.scan(ctx, r.names, map[quad.Direction]quad.Value{quad.Subject: quad.IRI(iri)}, func(q quad.Quad) error {
		d.setAttr(lexical(q.Predicate), lexical(q.Object))
		return nil
	})
	if err == nil && d.ID == "" {
		d.ID = docIDFromIRI(iri)
	}
	return d, err
}

// statement reads the statement node iri; ok is false when it is not a
// complete statement.
func (r *reader) statement(ctx context.Context, iri string) (st Statement, ok bool, err error) {
	st.IRI = iri
	var subj, obj, docIRI string
	objIsIRI := false
	isStmt := false
	err = r.s.scan(ctx, r.names, map[quad.Direction]quad.Value{quad.Subject: quad.IRI(iri)}, func(q quad.Quad) error {
		v := lexical(q.Object)
		switch pred := lexical(q.Predicate); pred {
		case schema.RDFType:
			isStmt = isStmt || v == schema.ClassStatement
		case RDFSubject:
			subj = v
		case RDFPredicate:
			st.Predicate = predicateName(v)
		case RDFObject:
			obj = v
			_, objIsIRI = q.Object.(quad.IRI)
		case schema.AttrSource:
			docIRI = v
		default:
			st.setAttr(pred, v)
		}
		return nil
	})
	if err != nil {
		return st, false, fmt.Errorf("read statement %s: %w", iri, err)
	}
	if !isStmt || subj == "" || st.Predicate == "" || docIRI == "" {
		return st, false, nil
	}
	if st.Subject, err = r.entity(ctx, subj); err != nil {
		return st, false, err
	}
	if objIsIRI {
		if st.Object, err = r.entity(ctx, obj); err != nil {
			return st, false, err
		}
	} else {
		st.Literal = obj
	}
	d, err := r.doc(ctx, docIRI)
	if err != nil {
		return st, false, err
	}
	st.setDoc(d)
	return st, true, nil
}

// Entities returns every entity mentioned by a stored document, sorted by
// Name (then IRI).
func (s *Store) Entities(ctx context.Context) ([]Entity, error) {
	if err := s.rlock(); err != nil {
		return nil, err
	}
	defer s.runlock()
	out, err := s.newReader().allEntities(ctx)
	if err != nil {
		return nil, fmt.Errorf("list entities in %s: %w", s.where(), err)
	}
	return out, nil
}

func (r *reader) allEntities(ctx context.Context) ([]Entity, error) {
	var out []Entity
	seen := map[string]bool{}
	for _, t := range schema.EntityTypes {
		subs, err := r.s.subjectsOf(ctx, r.names, quad.IRI(schema.RDFType), quad.IRI(schema.TypeIRI(t)))
		if err != nil {
			return nil, err
		}
		for _, sub := range subs {
			iri := lexical(sub)
			if seen[iri] {
				continue
			}
			seen[iri] = true
			e, err := r.entity(ctx, iri)
			if err != nil {
				return nil, err
			}
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].IRI < out[j].IRI
	})
	return out, nil
}

// Entity returns the stored entity with IRI iri, or ErrNotFound.
func (s *Store) Entity(ctx context.Context, iri string) (Entity, error) {
	if err := s.rlock(); err != nil {
		return Entity{}, err
	}
	defer s.runlock()
	found := false
	err := s.scan(ctx, names{}, map[quad.Direction]quad.Value{quad.Subject: quad.IRI(iri), quad.Predicate: quad.IRI(schema.Name)}, func(quad.Quad) error {
		found = true
		return errStop
	})
	if err != nil && !errors.Is(err, errStop) {
		return Entity{}, fmt.Errorf("read entity %s: %w", iri, err)
	}
	if !found {
		return Entity{}, fmt.Errorf("entity %s: %w", iri, ErrNotFound)
	}
	return s.newReader().entity(ctx, iri)
}

// errStop ends a scan early.
var errStop = errors.New("graph: stop scan")

// Statements returns the stored statements that f selects, sorted by Doc,
// Start, Predicate (then subject, object and IRI).
func (s *Store) Statements(ctx context.Context, f Filter) ([]Statement, error) {
	if err := s.rlock(); err != nil {
		return nil, err
	}
	defer s.runlock()
	out, err := s.statements(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("list statements in %s: %w", s.where(), err)
	}
	return out, nil
}

func (s *Store) statements(ctx context.Context, f Filter) ([]Statement, error) {
	// Start from the most selective constraint; check the others per statement.
	r := s.newReader()
	var cands []quad.Value
	var err error
	preds := map[string]bool{}
	for _, p := range f.Predicates {
		preds[p] = true
	}
	switch {
	case f.Doc != "":
		cands, err = s.subjectsOf(ctx, r.names, quad.IRI(schema.AttrSource), quad.IRI(schema.DocumentIRI(f.Doc)))
	case f.EntityIRI != "":
		cands, err = s.subjectsOf(ctx, r.names, quad.IRI(RDFSubject), quad.IRI(f.EntityIRI))
		if err == nil {
			var more []quad.Value
			more, err = s.subjectsOf(ctx, r.names, quad.IRI(RDFObject), quad.IRI(f.EntityIRI))
			cands = append(cands, more...)
		}
	case len(f.Predicates) > 0:
		for _, p := range f.Predicates {
			var more []quad.Value
			more, err = s.subjectsOf(ctx, r.names, quad.IRI(RDFPredicate), quad.IRI(schema.PredicateIRI(p)))
			if err != nil {
				break
			}
			cands = append(cands, more...)
		}
	default:
		cands, err = s.subjectsOf(ctx, r.names, quad.IRI(schema.RDFType), quad.IRI(schema.ClassStatement))
	}
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []Statement
	for _, c := range cands {
		iri := lexical(c)
		if seen[iri] {
			continue
		}
		seen[iri] = true
		st, ok, err := r.statement(ctx, iri)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		if f.Doc != "" && st.Doc != f.Doc ||
			len(preds) > 0 && !preds[st.Predicate] ||
			f.EntityIRI != "" && st.Subject.IRI != f.EntityIRI && st.Object.IRI != f.EntityIRI {
			continue
		}
		out = append(out, st)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := &out[i], &out[j]
		if c := compareDocPosition(a, b); c != 0 {
			return c < 0
		}
		switch {
		case a.Predicate != b.Predicate:
			return a.Predicate < b.Predicate
		case a.Subject.Name != b.Subject.Name:
			return a.Subject.Name < b.Subject.Name
		case a.Object.Name != b.Object.Name:
			return a.Object.Name < b.Object.Name
		case a.Literal != b.Literal:
			return a.Literal < b.Literal
		}
		return a.IRI < b.IRI
	})
	return out, nil
}

// Documents returns every stored document, sorted by ID.
func (s *Store) Documents(ctx context.Context) ([]DocInfo, error) {
	if err := s.rlock(); err != nil {
		return nil, err
	}
	defer s.runlock()
	out, err := s.newReader().allDocs(ctx)
	if err != nil {
		return nil, fmt.Errorf("list documents in %s: %w", s.where(), err)
	}
	return out, nil
}

func (r *reader) allDocs(ctx context.Context) ([]DocInfo, error) {
	subs, err := r.s.subjectsOf(ctx, r.names, quad.IRI(schema.RDFType), quad.IRI(schema.ClassDocument))
	if err != nil {
		return nil, err
	}
	out := make([]DocInfo, 0, len(subs))
	for _, sub := range subs {
		d, err := r.doc(ctx, lexical(sub))
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// DocumentHashes returns the content hash of every stored document by
// document ID. It reads only the document nodes, so it is much cheaper
// than Documents on a large store (which counts every document's
// statements): ingest uses it to skip unchanged articles.
func (s *Store) DocumentHashes(ctx context.Context) (map[string]string, error) {
	if err := s.rlock(); err != nil {
		return nil, err
	}
	defer s.runlock()
	r := s.newReader()
	subs, err := s.subjectsOf(ctx, r.names, quad.IRI(schema.RDFType), quad.IRI(schema.ClassDocument))
	if err != nil {
		return nil, fmt.Errorf("list documents in %s: %w", s.where(), err)
	}
	out := make(map[string]string, len(subs))
	for i, sub := range subs {
		if i%256 == 255 {
			// The scan touches pages all over the store file.
			releaseMapped(s.boltDB())
		}
		d, err := r.docNode(ctx, lexical(sub))
		if err != nil {
			return nil, fmt.Errorf("list documents in %s: read %s: %w", s.where(), lexical(sub), err)
		}
		out[d.ID] = d.Hash
	}
	releaseMapped(s.boltDB())
	return out, nil
}

// Document returns the stored document with ID id, or ErrNotFound.
func (s *Store) Document(ctx context.Context, id string) (DocInfo, error) {
	if err := s.rlock(); err != nil {
		return DocInfo{}, err
	}
	defer s.runlock()
	d, ok, err := s.newReader().lookupDoc(ctx, id)
	if err != nil {
		return DocInfo{}, err
	}
	if !ok {
		return DocInfo{}, fmt.Errorf("document %q: %w", id, ErrNotFound)
	}
	return d, nil
}

// lookupDoc reads the document with ID id; ok is false when it is not stored.
func (r *reader) lookupDoc(ctx context.Context, id string) (DocInfo, bool, error) {
	iri := schema.DocumentIRI(id)
	isDoc := false
	err := r.s.scan(ctx, r.names, map[quad.Direction]quad.Value{quad.Subject: quad.IRI(iri), quad.Predicate: quad.IRI(schema.RDFType)}, func(q quad.Quad) error {
		isDoc = isDoc || lexical(q.Object) == schema.ClassDocument
		return nil
	})
	if err != nil || !isDoc {
		return DocInfo{}, false, err
	}
	d, err := r.doc(ctx, iri)
	return d, err == nil, err
}

// Stats counts the store's quads, entities, statements and documents.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	if err := s.rlock(); err != nil {
		return Stats{}, err
	}
	defer s.runlock()
	st, err := s.stats(ctx)
	if err != nil {
		return Stats{}, fmt.Errorf("stats of %s: %w", s.where(), err)
	}
	return st, nil
}

func (s *Store) stats(ctx context.Context) (Stats, error) {
	out := Stats{Backend: s.backend, Address: s.address, ByPredicate: map[string]int64{}, ByType: map[string]int64{}}
	cs, err := s.qs.Stats(ctx, false)
	if err != nil && !errors.Is(err, kv.ErrNoBucket) { // a new kv store has no size yet
		return out, err
	}
	out.Quads = cs.Quads.Size
	r := s.newReader()
	count := func(pred, obj string) (int64, error) {
		subs, err := s.subjectsOf(ctx, r.names, quad.IRI(pred), quad.IRI(obj))
		return int64(len(subs)), err
	}
	if out.Statements, err = count(schema.RDFType, schema.ClassStatement); err != nil {
		return out, err
	}
	if out.Documents, err = count(schema.RDFType, schema.ClassDocument); err != nil {
		return out, err
	}
	for _, p := range schema.Predicates() {
		n, err := count(RDFPredicate, schema.PredicateIRI(p.Name))
		if err != nil {
			return out, err
		}
		if n > 0 {
			out.ByPredicate[p.Name] = n
		}
	}
	ents, err := r.allEntities(ctx)
	if err != nil {
		return out, err
	}
	out.Entities = int64(len(ents))
	for _, e := range ents {
		out.ByType[string(e.Type)]++
	}
	return out, nil
}

// setAttr sets the evidence attribute that predicate IRI pred names on st from
// its lexical value v; other predicates are ignored. Malformed numbers leave
// the field at zero.
func (st *Statement) setAttr(pred, v string) {
	switch pred {
	case schema.AttrSentence:
		st.Sentence = v
	case schema.AttrStart:
		st.Start, _ = strconv.Atoi(v)
	case schema.AttrEnd:
		st.End, _ = strconv.Atoi(v)
	case schema.AttrModality:
		st.Modality = schema.Modality(v)
	case schema.AttrWhen:
		st.When = v
	case schema.AttrCAMEO:
		st.CAMEO = v
	case schema.AttrConfidence:
		st.Confidence, _ = strconv.ParseFloat(v, 64)
	case AttrAttribution:
		st.Attribution = v
	}
}

// compareDocPosition orders statements by document ID, then by start
// offset in the document: the leading keys of every statement listing. It
// returns -1, 0 or +1.
func compareDocPosition(a, b *Statement) int {
	return cmp.Or(cmp.Compare(a.Doc, b.Doc), cmp.Compare(a.Start, b.Start))
}

// setDoc copies the provenance of document d onto the statement.
func (st *Statement) setDoc(d DocInfo) {
	st.Doc, st.DocPath, st.DocTitle, st.DocDate = d.ID, d.Path, d.Title, d.Date
	st.DocURL, st.DocPublisher = d.URL, d.Publisher
}

// setAttr sets the document attribute that predicate IRI pred names on d
// from its lexical value v; other predicates are ignored.
func (d *DocInfo) setAttr(pred, v string) {
	switch pred {
	case schema.AttrDocID:
		d.ID = v
	case schema.AttrPath:
		d.Path = v
	case schema.AttrTitle:
		d.Title = v
	case schema.AttrDate:
		d.Date = v
	case schema.AttrHash:
		d.Hash = v
	case schema.AttrURL:
		d.URL = v
	case schema.AttrPublisher:
		d.Publisher = v
	}
}
