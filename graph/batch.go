package graph

import (
	"context"
	"errors"
	"fmt"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	hkv "github.com/hidal-go/hidalgo/kv"
)

// batchKV wraps the key-value database under Cayley's kv quad store so that
// several ApplyDeltas calls can share one database transaction.
//
// Cayley v0.7.7's kv ApplyDeltas mishandles a batch that both deletes and
// inserts quads when a node is referenced less after the batch than before
// and also appears in an inserted quad (the node is only resolved for the
// delete half, so the inserted quad is stored without it). Replacing a
// document is exactly such a batch. WriteDocument therefore applies the
// deletes and the inserts as two ApplyDeltas calls, and batchKV makes both
// run inside one transaction that commits only when both succeed.
//
// This is safe because the store is opened with no_bloom (Cayley keeps no
// in-memory bloom filter that a rollback could leave stale) and because the
// write lock keeps every reader out while a batch is open.
type batchKV struct {
	hkv.KV
	mu  sync.Mutex
	cur hkv.Tx // the open batch transaction, or nil
}

// Tx returns a view of the open batch transaction when there is one, and a
// transaction of the database otherwise.
func (b *batchKV) Tx(rw bool) (hkv.Tx, error) {
	b.mu.Lock()
	cur := b.cur
	b.mu.Unlock()
	if cur != nil {
		return sharedTx{cur}, nil
	}
	return b.KV.Tx(rw)
}

// run opens a write transaction, calls fn, and commits when fn succeeds;
// otherwise it rolls back.
func (b *batchKV) run(ctx context.Context, fn func() error) error {
	tx, err := b.KV.Tx(true)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	b.mu.Lock()
	b.cur = tx
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		b.cur = nil
		b.mu.Unlock()
	}()
	if err := fn(); err != nil {
		return errors.Join(err, tx.Close())
	}
	if err := tx.Commit(ctx); err != nil {
		tx.Close()
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// sharedTx is the batch transaction as one ApplyDeltas sees it: committing
// or closing it is left to batchKV.run.
type sharedTx struct{ hkv.Tx }

func (sharedTx) Commit(context.Context) error { return nil }
func (sharedTx) Close() error                 { return nil }

// splitDeltas separates deletes from inserts, keeping their order.
func splitDeltas(in []cgraph.Delta) (dels, adds []cgraph.Delta) {
	for _, d := range in {
		if d.Action == cgraph.Delete {
			dels = append(dels, d)
		} else {
			adds = append(adds, d)
		}
	}
	return dels, adds
}
