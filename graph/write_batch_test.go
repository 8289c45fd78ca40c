package graph

import (
	"bytes"
	"context"
	"errors"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/extract"
)

// nquadLines exports the store as N-Quads and returns the lines sorted.
func nquadLines(t *testing.T, s *Store) []string {
	t.Helper()
	var b bytes.Buffer
	if err := s.Export(context.Background(), &b, "nquads"); err != nil {
		t.Fatalf("Export: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	sort.Strings(lines)
	return lines
}

func statuses(rs []WriteResult) []WriteStatus {
	var out []WriteStatus
	for _, r := range rs {
		out = append(out, r.Status)
	}
	return out
}

// TestWriteDocuments checks that a batch stores exactly what writing the
// documents one at a time stores, reports each one's status, and is all or
// nothing.
func TestWriteDocuments(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			one := b.open(t)
			write(t, one, docA(), docB())
			batch := b.open(t)
			rs, err := batch.WriteDocuments(ctx, []*extract.Document{docA(), docB()})
			if err != nil {
				t.Fatalf("WriteDocuments: %v", err)
			}
			if diff := cmp.Diff([]WriteStatus{Added, Added}, statuses(rs)); diff != "" {
				t.Errorf("first batch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(nquadLines(t, one), nquadLines(t, batch)); diff != "" {
				t.Errorf("batch store differs from one-at-a-time store (-one +batch):\n%s", diff)
			}

			// Again, with docA changed: docB is unchanged, docA replaced.
			rs, err = batch.WriteDocuments(ctx, []*extract.Document{docB(), docA2()})
			if err != nil {
				t.Fatalf("WriteDocuments again: %v", err)
			}
			if diff := cmp.Diff([]WriteStatus{Unchanged, Replaced}, statuses(rs)); diff != "" {
				t.Errorf("second batch (-want +got):\n%s", diff)
			}
			write(t, one, docA2())
			if diff := cmp.Diff(nquadLines(t, one), nquadLines(t, batch)); diff != "" {
				t.Errorf("after replacing (-one +batch):\n%s", diff)
			}

			// Documents a batch wrote come out again whole.
			for _, st := range []*Store{one, batch} {
				if _, err := st.RemoveDocument(ctx, docB().ID); err != nil {
					t.Fatalf("RemoveDocument: %v", err)
				}
			}
			if diff := cmp.Diff(nquadLines(t, one), nquadLines(t, batch)); diff != "" {
				t.Errorf("after removing (-one +batch):\n%s", diff)
			}
			if got, want := stats(t, batch), stats(t, one); got.Quads != want.Quads || got.Entities != want.Entities {
				t.Errorf("after removing: batch store %+v, one-at-a-time store %+v", got, want)
			}

			// A bad batch writes nothing, not even its good documents.
			before := nquadLines(t, batch)
			for name, docs := range map[string][]*extract.Document{
				"ID given twice":      {docA(), docA()},
				"document with no ID": {docA(), {Text: "x"}},
			} {
				if _, err := batch.WriteDocuments(ctx, docs); !errors.Is(err, ErrInvalid) {
					t.Errorf("%s: err = %v, want ErrInvalid", name, err)
				}
				if diff := cmp.Diff(before, nquadLines(t, batch)); diff != "" {
					t.Errorf("%s: store changed (-before +after):\n%s", name, diff)
				}
			}
		})
	}
}

// TestProvenance checks that a document's URL and publisher are stored on
// its node and come back on the document and on its statements.
func TestProvenance(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			d := docB()
			d.URL, d.Publisher = "https://news.example/2026/01/a?x=1&y=\"2\"", "The Example Times"
			write(t, s, d)
			info, err := s.Document(ctx, d.ID)
			if err != nil {
				t.Fatalf("Document: %v", err)
			}
			if info.URL != d.URL || info.Publisher != d.Publisher {
				t.Errorf("Document = %+v, want URL %q and publisher %q", info, d.URL, d.Publisher)
			}
			ss := statements(t, s, Filter{Doc: d.ID})
			if len(ss) == 0 {
				t.Fatal("no statements")
			}
			for _, st := range ss {
				if st.DocURL != d.URL || st.DocPublisher != d.Publisher {
					t.Errorf("statement %s: DocURL %q, DocPublisher %q", st.IRI, st.DocURL, st.DocPublisher)
				}
			}
		})
	}
}
