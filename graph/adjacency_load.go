package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"

	"github.com/newsgraph/newsgraph/extract"
)

// DefaultBulkBatch is the number of quads BulkLoad applies per transaction
// when batch is 0.
const DefaultBulkBatch = 100000

// BulkLoad stores many new documents quickly, for filling a store: it builds
// every document's quads (the layout WriteDocument writes) and inserts them
// in transactions of about batch quads (0 means DefaultBulkBatch), with no
// per-document comparison. A document already stored, or given twice, is
// ErrInvalid and nothing is written; a failure part way leaves the batches
// already committed in the store. It returns the number of quads inserted.
func (s *Store) BulkLoad(ctx context.Context, docs []*extract.Document, batch int) (int, error) {
	n, err := s.bulkLoad(ctx, docs, batch)
	if err != nil {
		return n, fmt.Errorf("bulk load %d documents into %s: %w", len(docs), s.where(), err)
	}
	return n, nil
}

func (s *Store) bulkLoad(ctx context.Context, docs []*extract.Document, batch int) (int, error) {
	if batch <= 0 {
		batch = DefaultBulkBatch
	}
	if err := s.wlock(); err != nil {
		return 0, err
	}
	defer s.mu.Unlock()
	seen := make(map[string]bool, len(docs))
	r := s.newReader()
	for _, d := range docs {
		if d == nil {
			return 0, fmt.Errorf("%w: nil document", ErrInvalid)
		}
		if seen[d.ID] {
			return 0, fmt.Errorf("%w: document %q given twice", ErrInvalid, d.ID)
		}
		seen[d.ID] = true
		if _, found, err := r.lookupDoc(ctx, d.ID); err != nil {
			return 0, err
		} else if found {
			return 0, fmt.Errorf("%w: document %q is already stored", ErrInvalid, d.ID)
		}
	}
	total := 0
	var deltas []cgraph.Delta
	flush := func() error {
		if len(deltas) == 0 {
			return nil
		}
		if err := s.apply(ctx, deltas); err != nil {
			return err
		}
		total += len(deltas)
		deltas = deltas[:0]
		return nil
	}
	for _, d := range docs {
		l, err := buildLayout(d)
		if err != nil {
			return total, fmt.Errorf("document %q: %w", d.ID, err)
		}
		for _, q := range l.quads {
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
		}
		if len(deltas) >= batch {
			if err := flush(); err != nil {
				return total, err
			}
		}
	}
	return total, flush()
}
