package graph

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/schema"
)

// benchDoc is a document of n relations over n/2+2 entities.
func benchDoc(id, hash string, n int) *extract.Document {
	d := &extract.Document{ID: id, Path: id, Title: "bench " + id, Date: "2026-01-03", Hash: hash}
	name := func(i int) string { return fmt.Sprintf("Entity %d", i) }
	for i := 0; i < n/2+2; i++ {
		d.Entities = append(d.Entities, extract.Entity{Name: name(i), Type: schema.Person, Aliases: []string{fmt.Sprintf("E%d", i)}})
	}
	preds := []string{schema.Met, schema.Criticized, schema.LeaderOf, schema.Praised}
	for i := 0; i < n; i++ {
		sent := fmt.Sprintf("Sentence %d of %s says something about two people.", i, id)
		d.Relations = append(d.Relations, extract.Relation{
			Subject: name(i % (n/2 + 2)), SubjectType: schema.Person, Predicate: preds[i%len(preds)],
			Object: name((i + 1) % (n/2 + 2)), ObjectType: schema.Person, Modality: schema.Asserted,
			When: "2026-01", Confidence: 0.7, Sentence: sent, Start: i * 60, End: i*60 + len(sent),
		})
		d.Text += sent + " "
	}
	return d
}

// BenchmarkWriteDocument measures WriteDocument into bolt: "add" writes a
// new 50-relation document per iteration, "replace" rewrites one document
// with a new hash and half of its relations changed.
func BenchmarkWriteDocument(b *testing.B) {
	ctx := context.Background()
	b.Run("add", func(b *testing.B) {
		s, err := Open(ctx, Config{Address: filepath.Join(b.TempDir(), "bench.db")})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		quads := 0
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			res, err := s.WriteDocument(ctx, benchDoc(fmt.Sprintf("doc-%d", i), fmt.Sprint(i), 50))
			if err != nil {
				b.Fatal(err)
			}
			quads += res.Inserted
		}
		b.ReportMetric(float64(quads)/b.Elapsed().Seconds(), "quads/s")
	})
	b.Run("replace", func(b *testing.B) {
		s, err := Open(ctx, Config{Address: filepath.Join(b.TempDir(), "bench.db")})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		for i := 0; i < 20; i++ { // other documents in the store
			if _, err := s.WriteDocument(ctx, benchDoc(fmt.Sprintf("other-%d", i), "x", 50)); err != nil {
				b.Fatal(err)
			}
		}
		quads := 0
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			d := benchDoc("doc", fmt.Sprint(i), 50)
			for j := i % 2; j < len(d.Relations); j += 2 {
				d.Relations[j].When = fmt.Sprintf("2026-%02d", 1+i%12)
			}
			res, err := s.WriteDocument(ctx, d)
			if err != nil {
				b.Fatal(err)
			}
			quads += res.Inserted + res.Deleted
		}
		b.ReportMetric(float64(quads)/b.Elapsed().Seconds(), "quads/s")
	})
}
