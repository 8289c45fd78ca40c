package queries

import (
	"context"
	"fmt"
	"math/rand"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// benchGraph builds an in-memory graph of n entities and m statements with
// Zipf-skewed degrees (no store: bench/paths measures the store path).
func benchGraph(n, m int) (*Graph, []graph.Entity) {
	rng := rand.New(rand.NewSource(1))
	z := rand.NewZipf(rng, 1.2, 8, uint64(n-1))
	preds := []string{schema.Met, schema.Criticized, schema.LeaderOf, schema.AlliedWith, schema.Sanctioned, schema.Captured}
	ents := make([]graph.Entity, n)
	for i := range ents {
		ents[i] = ent(fmt.Sprintf("Entity %06d", i), schema.Person)
	}
	stmts := make([]graph.Statement, 0, m)
	for k := 0; k < m; k++ {
		a, b := int(z.Uint64()), (k*7919)%n
		if a == b {
			continue
		}
		s := stmt(fmt.Sprintf("d%d", rng.Intn(m/10+1)), ents[a], preds[rng.Intn(len(preds))], ents[b], 0.5+0.1*float64(rng.Intn(5)), "", "s")
		s.IRI += fmt.Sprint(k)
		stmts = append(stmts, s)
	}
	return New(ents, stmts), ents
}

func BenchmarkPaths(b *testing.B) {
	g, ents := benchGraph(50000, 60000)
	rng := rand.New(rand.NewSource(2))
	ctx := context.Background()
	for _, bc := range []struct {
		name string
		opts PathOptions
	}{
		{"shortest", PathOptions{MaxHops: 6, SkipEvidence: true}},
		{"k5", PathOptions{MaxHops: 6, K: 5, SkipEvidence: true}},
		{"filtered", PathOptions{MaxHops: 6, SkipEvidence: true, Filter: Filter{MinConfidence: 0.6, Exclude: []string{schema.Met}}}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				g.Paths(ctx, ents[rng.Intn(len(ents))], ents[rng.Intn(len(ents))], bc.opts)
			}
		})
	}
	b.Run("neighbors", func(b *testing.B) {
		for b.Loop() {
			g.NeighborsOf(ctx, ents[rng.Intn(len(ents))], NeighborOptions{Depth: 1})
		}
	})
}
