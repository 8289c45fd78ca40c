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

// BenchmarkFromRelations measures building the index from scanned
// relations: 50,000 entities, 200,000 statements over 20,000 documents
// whose relations repeat, with no publisher known and with 50 publishers.
func BenchmarkFromRelations(b *testing.B) {
	for _, pubs := range []int{0, 50} {
		b.Run(fmt.Sprintf("publishers=%d", pubs), func(b *testing.B) {
			rng := rand.New(rand.NewSource(3))
			const n, m, docs = 50000, 200000, 20000
			z := rand.NewZipf(rng, 1.2, 8, n-1)
			rel := &graph.Relations{Whens: []string{"", "2026-01", "2026-02-03"}}
			for i := range n {
				rel.Entities = append(rel.Entities, graph.Entity{IRI: schema.EntityIRI(fmt.Sprintf("Entity %06d", i)), Name: fmt.Sprintf("Entity %06d", i), Type: schema.Person})
			}
			for d := range docs {
				ref := graph.DocRef{ID: fmt.Sprintf("d%d", d), Date: "2026-01-03"}
				if pubs > 0 {
					ref.Publisher = fmt.Sprintf("Publisher %d", d%pubs)
				}
				rel.Docs = append(rel.Docs, ref)
			}
			preds := []string{schema.Met, schema.Criticized, schema.LeaderOf, schema.AlliedWith}
			for range m {
				rel.Arcs = append(rel.Arcs, graph.Arc{Subject: int32(z.Uint64()), Object: int32(rng.Intn(n / 10)), Predicate: preds[rng.Intn(len(preds))],
					Doc: int32(rng.Intn(docs)), When: int32(rng.Intn(3)), Confidence: 0.7, Modality: schema.Asserted})
			}
			for b.Loop() {
				FromRelations(rel, nil)
			}
		})
	}
}
