package graph

import (
	"context"
	"errors"
	"fmt"
	"sort"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/schema"
)

// WriteStatus says what WriteDocument did.
type WriteStatus string

// The outcomes of WriteDocument.
const (
	Added     WriteStatus = "added"     // the document was not stored before
	Unchanged WriteStatus = "unchanged" // stored with the same hash: nothing written
	Replaced  WriteStatus = "replaced"  // stored with another hash: replaced
)

// WriteResult reports one WriteDocument. Statements and Quads count what the
// document holds in the store after the write; Inserted and Deleted count the
// quads the write added and removed (both 0 when Unchanged).
type WriteResult struct {
	Doc        string
	Status     WriteStatus
	Statements int
	Quads      int
	Inserted   int
	Deleted    int
}

// wlock takes the write lock and fails when the store is closed or read-only.
func (s *Store) wlock() error {
	s.mu.Lock()
	switch {
	case s.closed:
		s.mu.Unlock()
		return ErrClosed
	case s.readOnly:
		s.mu.Unlock()
		return ErrReadOnly
	}
	return nil
}

// WriteDocument stores one extracted document atomically (all or nothing).
// A document already stored under the same ID with the same Hash is left as
// it is (Unchanged); one stored with another Hash is replaced: its old quads
// that the new version does not have are deleted and the new ones inserted in
// one backend transaction, so a failure leaves the old version intact. An
// empty Hash is computed from Text. It fails with ErrInvalid for a document
// without ID or with a relation it cannot store, ErrReadOnly on a read-only
// store, and with ctx's error when ctx is done before the transaction.
func (s *Store) WriteDocument(ctx context.Context, d *extract.Document) (WriteResult, error) {
	var id string
	if d != nil {
		id = d.ID
	}
	res, err := writeRetry(ctx, s, func() (WriteResult, error) { return s.writeDocument(ctx, d) })
	if err != nil {
		return res, fmt.Errorf("write document %q to %s: %w", id, s.where(), err)
	}
	return res, nil
}

func (s *Store) writeDocument(ctx context.Context, d *extract.Document) (WriteResult, error) {
	l, err := buildLayout(d)
	if err != nil {
		return WriteResult{}, err
	}
	if err := ctx.Err(); err != nil {
		return WriteResult{Doc: d.ID}, err
	}
	if err := s.wlock(); err != nil {
		return WriteResult{Doc: d.ID}, err
	}
	defer s.mu.Unlock()
	res, deltas, err := s.plan(ctx, l)
	if err != nil {
		return res, err
	}
	return res, s.apply(ctx, deltas)
}

// plan compares the layout of a document with what the store holds under
// its ID and returns the outcome and the changes that store it: none when
// it is unchanged, its quads when it is new, and for a replacement the old
// quads it lacks to delete and its new quads to insert. The caller holds
// the write lock.
func (s *Store) plan(ctx context.Context, l *layout) (WriteResult, []cgraph.Delta, error) {
	res := WriteResult{Doc: l.docID, Statements: l.statements, Quads: len(l.quads)}
	old, found, err := s.newReader().lookupDoc(ctx, l.docID)
	if err != nil {
		return res, nil, err
	}
	var oldQuads []quad.Quad
	res.Status = Added
	if found {
		if old.Hash == l.hash {
			res.Status = Unchanged
			return res, nil, nil
		}
		res.Status = Replaced
		if oldQuads, err = s.documentQuads(ctx, l.docIRI); err != nil {
			return res, nil, err
		}
	}
	deltas := diff(oldQuads, l.quads)
	for _, dl := range deltas {
		if dl.Action == cgraph.Add {
			res.Inserted++
		} else {
			res.Deleted++
		}
	}
	return res, deltas, nil
}

// WriteDocuments stores several extracted documents in one backend
// transaction, each as WriteDocument would (added, unchanged or replaced),
// and returns their results in order. The batch is all or nothing: on an
// error no document of it is written. Writing documents in batches of a
// few dozen is much faster than one at a time on the kv backends, where
// every transaction is a disk sync. A document ID given twice is
// ErrInvalid.
func (s *Store) WriteDocuments(ctx context.Context, docs []*extract.Document) ([]WriteResult, error) {
	res, err := writeRetry(ctx, s, func() ([]WriteResult, error) { return s.writeDocuments(ctx, docs) })
	if err != nil {
		return res, fmt.Errorf("write %d documents to %s: %w", len(docs), s.where(), err)
	}
	return res, nil
}

func (s *Store) writeDocuments(ctx context.Context, docs []*extract.Document) ([]WriteResult, error) {
	layouts := make([]*layout, len(docs))
	seen := make(map[string]bool, len(docs))
	for i, d := range docs {
		l, err := buildLayout(d)
		if err != nil {
			return nil, err
		}
		if seen[l.docID] {
			return nil, fmt.Errorf("%w: document %q given twice", ErrInvalid, l.docID)
		}
		seen[l.docID] = true
		layouts[i] = l
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := s.wlock(); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	out := make([]WriteResult, len(docs))
	var all []cgraph.Delta
	onlyAdds := true
	for i, l := range layouts {
		res, deltas, err := s.plan(ctx, l)
		if err != nil {
			return nil, fmt.Errorf("document %q: %w", l.docID, err)
		}
		out[i] = res
		all = append(all, deltas...)
		onlyAdds = onlyAdds && res.Deleted == 0
	}
	if onlyAdds && s.batch != nil && len(all) > 0 {
		// New documents only: write Cayley's kv layout directly, as
		// Import does, several times faster than ApplyDeltas.
		return out, s.insertKV(ctx, all)
	}
	if err := s.apply(ctx, all); err != nil {
		return nil, err
	}
	return out, nil
}

// insertKV inserts the quads of deltas, all insertions of quads the store
// does not hold, in one transaction through the kv writer of Import. The
// caller holds the write lock.
func (s *Store) insertKV(ctx context.Context, deltas []cgraph.Delta) error {
	if s.kvw == nil {
		kw, err := newKVWriter(ctx, s.batch.KV)
		if err != nil {
			return err
		}
		s.kvw = kw
	}
	quads := make([]quad.Quad, len(deltas))
	for i, d := range deltas {
		quads[i] = d.Quad
	}
	_, werr := s.kvw.write(ctx, quads)
	if werr != nil {
		s.kvw = nil
	}
	// Start Cayley's quad store afresh, as Import does, so that no cached
	// state predates the write.
	qs, err := kv.New(s.batch, kvOptions)
	if err != nil {
		return errors.Join(werr, fmt.Errorf("reopen the quad store: %w", err))
	}
	s.qs = qs
	if werr != nil {
		return fmt.Errorf("insert %d quads: %w", len(quads), werr)
	}
	return nil
}

// apply runs deltas as one transaction. Deletes of quads that are already
// gone are ignored; inserting a quad that exists is an error (the layout
// never shares a quad between documents, so it means corruption). On the kv
// backends the deletes and the inserts are two ApplyDeltas calls inside one
// database transaction (see batchKV); memstore checks a whole batch before
// applying it.
func (s *Store) apply(ctx context.Context, deltas []cgraph.Delta) error {
	if s.beforeApply != nil {
		deltas = s.beforeApply(deltas)
	}
	if len(deltas) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.kvw = nil // deletes may remove nodes whose IDs it caches
	var err error
	if s.batch == nil {
		err = s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreMissing: true})
	} else {
		dels, adds := splitDeltas(deltas)
		err = s.batch.run(ctx, func() error {
			if len(dels) > 0 {
				if err := s.qs.ApplyDeltas(dels, cgraph.IgnoreOpts{IgnoreMissing: true}); err != nil {
					return err
				}
			}
			if len(adds) > 0 {
				return s.qs.ApplyDeltas(adds, cgraph.IgnoreOpts{})
			}
			return nil
		})
		if err != nil {
			// The rolled-back transaction may have left node IDs that no
			// longer exist in the quad store's value cache: start afresh.
			qs, rerr := kv.New(s.batch, kvOptions)
			if rerr != nil {
				return fmt.Errorf("apply %d changes: %w (and reopening the store: %w)", len(deltas), err, rerr)
			}
			s.qs = qs
		}
	}
	if err != nil {
		return fmt.Errorf("apply %d changes: %w", len(deltas), err)
	}
	return nil
}

// RemoveDocument deletes the document with ID id and everything it
// contributed (its statements, and its description of every entity it
// mentions; entities no other document mentions disappear) in one
// transaction. It reports whether the document was stored.
func (s *Store) RemoveDocument(ctx context.Context, id string) (bool, error) {
	ok, err := writeRetry(ctx, s, func() (bool, error) { return s.removeDocument(ctx, id) })
	if err != nil {
		return false, fmt.Errorf("remove document %q from %s: %w", id, s.where(), err)
	}
	return ok, nil
}

func (s *Store) removeDocument(ctx context.Context, id string) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	if err := s.wlock(); err != nil {
		return false, err
	}
	defer s.mu.Unlock()
	_, found, err := s.newReader().lookupDoc(ctx, id)
	if err != nil || !found {
		return false, err
	}
	old, err := s.documentQuads(ctx, schema.DocumentIRI(id))
	if err != nil {
		return false, err
	}
	if err := s.apply(ctx, diff(old, nil)); err != nil {
		return false, err
	}
	return true, nil
}

// documentQuads returns every quad the document docIRI contributed: the
// quads labelled with it (its own node, its statement nodes, its
// descriptions of entities) and the relation quads labelled with its
// statements.
func (s *Store) documentQuads(ctx context.Context, docIRI string) ([]quad.Quad, error) {
	doc := quad.IRI(docIRI)
	cache := names{}
	var out []quad.Quad
	own := func(q quad.Quad) error {
		if q.Label != nil && q.Label.String() == doc.String() {
			out = append(out, q)
		}
		return nil
	}
	// The document node, including its mentions of entities.
	var mentioned []quad.Value
	err := s.scan(ctx, cache, map[quad.Direction]quad.Value{quad.Subject: doc}, func(q quad.Quad) error {
		if lexical(q.Predicate) == AttrMentions {
			mentioned = append(mentioned, q.Object)
		}
		return own(q)
	})
	if err != nil {
		return nil, err
	}
	// Its descriptions of the entities it mentions.
	for _, e := range mentioned {
		for _, p := range []string{schema.RDFType, schema.Name, schema.AlternateName} {
			if err := s.scan(ctx, cache, map[quad.Direction]quad.Value{quad.Subject: e, quad.Predicate: quad.IRI(p)}, own); err != nil {
				return nil, err
			}
		}
	}
	// Its statements, each with its relation quad rebuilt from the
	// statement's reification.
	stmts, err := s.subjectsOf(ctx, cache, quad.IRI(schema.AttrSource), doc)
	if err != nil {
		return nil, err
	}
	for _, st := range stmts {
		var rel quad.Quad
		err := s.scan(ctx, cache, map[quad.Direction]quad.Value{quad.Subject: st}, func(q quad.Quad) error {
			switch lexical(q.Predicate) {
			case RDFSubject:
				rel.Subject = q.Object
			case RDFPredicate:
				rel.Predicate = q.Object
			case RDFObject:
				rel.Object = q.Object
			}
			return own(q)
		})
		if err != nil {
			return nil, err
		}
		if rel.Subject != nil && rel.Predicate != nil && rel.Object != nil {
			rel.Label = st
			out = append(out, rel)
		}
	}
	return out, nil
}

// diff returns the deltas that turn the quad set old into the set new:
// deletes of old quads new lacks, then inserts of new quads old lacks, each
// in a stable order. new holds each quad once (a layout's quads). No quad
// is both deleted and inserted (Cayley's kv
// backends apply inserts before deletes within a transaction).
func diff(old, new []quad.Quad) []cgraph.Delta {
	if len(old) == 0 {
		// A new document: its layout holds each quad once.
		out := make([]cgraph.Delta, len(new))
		for i, q := range new {
			out[i] = cgraph.Delta{Quad: q, Action: cgraph.Add}
		}
		return out
	}
	oldSet := make(map[string]quad.Quad, len(old))
	for _, q := range old {
		oldSet[quadKey(q)] = q
	}
	newSet := make(map[string]bool, len(new))
	for _, q := range new {
		newSet[quadKey(q)] = true
	}
	var dels []string
	for k := range oldSet {
		if !newSet[k] {
			dels = append(dels, k)
		}
	}
	sort.Strings(dels)
	out := make([]cgraph.Delta, 0, len(dels)+len(new))
	for _, k := range dels {
		out = append(out, cgraph.Delta{Quad: oldSet[k], Action: cgraph.Delete})
	}
	added := make(map[string]bool, len(new))
	for _, q := range new {
		k := quadKey(q)
		if _, ok := oldSet[k]; ok || added[k] {
			continue
		}
		added[k] = true
		out = append(out, cgraph.Delta{Quad: q, Action: cgraph.Add})
	}
	return out
}
