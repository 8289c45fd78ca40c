package queries

import (
	"context"
	"fmt"
	"sync"
)

// Index keeps the Graph of a store current: Graph returns the graph built
// at the store's current generation, rebuilding it when the store has
// changed since the last build, so a query never sees a stale edge. An
// Index is safe for concurrent use.
type Index struct {
	src    Source
	mu     sync.Mutex
	g      *Graph
	builds int
}

// NewIndex returns an Index over src. Nothing is read until Graph.
func NewIndex(src Source) *Index { return &Index{src: src} }

// Graph returns a Graph of the store's current contents. For a Scanner it
// compares the store's Generation with the one the cached graph was built
// at and rebuilds only when they differ; a Source without generations is
// read again every time. Evidence read through the returned graph comes
// from the store at the time of reading; a write made after Graph returns
// is seen by the next call.
func (ix *Index) Graph(ctx context.Context) (*Graph, error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if sc, ok := ix.src.(Scanner); ok && ix.g != nil {
		gen, err := sc.Generation(ctx)
		if err != nil {
			return nil, fmt.Errorf("queries: check store generation: %w", err)
		}
		if ix.g.hasGen && gen == ix.g.gen {
			return ix.g, nil
		}
	}
	g, err := Load(ctx, ix.src)
	if err != nil {
		return nil, err
	}
	ix.g = g
	ix.builds++
	return g, nil
}

// Builds returns how many times the Index has built its graph.
func (ix *Index) Builds() int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.builds
}
