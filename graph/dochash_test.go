package graph

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/extract"
)

// DocumentHashes agrees with Documents on every backend, before and after
// a document is replaced and another removed.
func TestDocumentHashes(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			check := func(want map[string]string) {
				t.Helper()
				got, err := s.DocumentHashes(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("DocumentHashes (-want +got):\n%s", diff)
				}
				docs, err := s.Documents(ctx)
				if err != nil {
					t.Fatal(err)
				}
				fromDocs := map[string]string{}
				for _, d := range docs {
					fromDocs[d.ID] = d.Hash
				}
				if diff := cmp.Diff(fromDocs, got); diff != "" {
					t.Errorf("DocumentHashes and Documents disagree (-Documents +DocumentHashes):\n%s", diff)
				}
			}
			check(map[string]string{})
			if _, err := s.WriteDocuments(ctx, []*extract.Document{docA(), docB()}); err != nil {
				t.Fatal(err)
			}
			check(map[string]string{"a.txt": docA().Hash, "b.txt": docB().Hash})
			if _, err := s.WriteDocument(ctx, docA2()); err != nil {
				t.Fatal(err)
			}
			if _, err := s.RemoveDocument(ctx, "b.txt"); err != nil {
				t.Fatal(err)
			}
			check(map[string]string{"a.txt": docA2().Hash})
		})
	}
}
