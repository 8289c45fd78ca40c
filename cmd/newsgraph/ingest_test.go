package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/extract"
)

// formats holds two articles in every input format besides plain text.
const formats = "../../testdata/formats"

// ingestJSON runs ingest --json and decodes the summary.
func ingestJSON(t *testing.T, args ...string) (ingestSummary, result) {
	t.Helper()
	r := newsgraph("", append(args, "--json")...)
	var sum ingestSummary
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil {
		t.Fatalf("ingest %v: exit %d, summary: %v\n%s\n%s", args, r.code, err, r.stdout, r.stderr)
	}
	return sum, r
}

// TestIngestFormats ingests HTML pages, a JSON Lines file and RSS and Atom
// feeds, checks that each article becomes a document with its provenance,
// and that ingesting them again skips them all as unchanged.
func TestIngestFormats(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	sum, r := ingestJSON(t, "--db", db, "ingest", formats)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	// 2 pages, 2 lines, 2 RSS items, 2 Atom entries.
	if sum.Added != 8 || len(sum.Skipped) != 0 {
		t.Fatalf("added %d, skipped %+v; want 8 and none", sum.Added, sum.Skipped)
	}
	m := newsgraph("", "--db", db, "match", "--format", "json", "--evidence", "? spoke_with ?")
	for _, want := range []string{`"publisher": "World Desk Digest"`, `"url": "https://`} {
		if !strings.Contains(m.stdout, want) {
			t.Errorf("match evidence lacks %s:\n%s", want, m.stdout)
		}
	}
	again, _ := ingestJSON(t, "--db", db, "ingest", formats)
	if again.Unchanged != 8 || again.Added+again.Replaced != 0 {
		t.Errorf("second ingest: %d unchanged, %d added, %d replaced; want 8, 0, 0", again.Unchanged, again.Added, again.Replaced)
	}
}

// TestIngestBadRecord checks that a bad line of a JSON Lines file is
// reported with its line number while the other lines are ingested.
func TestIngestBadRecord(t *testing.T) {
	dir := t.TempDir()
	lines := `{"id":"a","text":"Kenya accused Uganda of arming the rebels on Monday.","date":"2026-03-02"}
{"id":"b","text":
{"id":"c","text":"Uganda denied the charge and criticized Kenya.","date":"2026-03-03"}
`
	if err := os.WriteFile(filepath.Join(dir, "news.jsonl"), []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, r := ingestJSON(t, "--db", filepath.Join(dir, "db"), "ingest", filepath.Join(dir, "news.jsonl"))
	if r.code != 0 || sum.Added != 2 {
		t.Fatalf("exit %d, added %d; want 0 and 2\n%s", r.code, sum.Added, r.stderr)
	}
	if len(sum.Skipped) != 1 || !strings.Contains(sum.Skipped[0].Error, "news.jsonl:2") || sum.Skipped[0].Reason != reasonMalformed {
		t.Errorf("skipped %+v, want line 2 as malformed", sum.Skipped)
	}
}

// TestWorkersDeterministic checks that the output does not depend on the
// number of workers or on the batch size.
func TestWorkersDeterministic(t *testing.T) {
	one := newsgraph("", "extract", "--workers", "1", seeds, formats)
	three := newsgraph("", "extract", "--workers", "3", seeds, formats)
	if one.code != 0 || three.code != 0 {
		t.Fatalf("exit %d and %d\n%s%s", one.code, three.code, one.stderr, three.stderr)
	}
	if diff := cmp.Diff(one.stdout, three.stdout); diff != "" {
		t.Errorf("extract --workers 1 and 3 differ (-1 +3):\n%s", diff)
	}
	export := func(args ...string) []string {
		db := filepath.Join(t.TempDir(), "db")
		if r := newsgraph("", append([]string{"--db", db, "ingest", "--quiet"}, append(args, seeds, formats)...)...); r.code != 0 || r.stderr != "" && !strings.Contains(r.stderr, "without a date") {
			t.Fatalf("ingest %v: exit %d, stderr %q", args, r.code, r.stderr)
		}
		r := newsgraph("", "--db", db, "export", "--format", "nquads")
		lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
		sort.Strings(lines)
		return lines
	}
	a := export("--workers", "1", "--batch", "1")
	b := export("--workers", "2", "--batch", "7")
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("stores differ by workers and batch (-1/1 +2/7):\n%s", diff)
	}
}

// countStage counts the documents a pipeline runs over.
type countStage struct{ n *atomic.Int64 }

func (countStage) Name() string { return "count" }
func (c countStage) Run(*extract.State) error {
	c.n.Add(1)
	return nil
}

// TestStreamSkipsKnown checks that an article the store holds with the
// same content is passed on as unchanged without being extracted.
func TestStreamSkipsKnown(t *testing.T) {
	var n atomic.Int64
	p := &extract.Pipeline{Stages: []extract.Stage{countStage{&n}}}
	ins, _ := collectInputs([]string{seeds})
	known := map[string]string{} // document → content hash
	s := &stream{p: p, workers: 2, known: func(id, hash string) bool { return known[id] == hash }}
	for i, in := range ins[:3] {
		raw, err := os.ReadFile(in.path)
		if err != nil {
			t.Fatal(err)
		}
		if i == 2 {
			raw = append(raw, " changed"...) // stored with other content
		}
		sum := sha256.Sum256(raw)
		known[filepath.Base(in.path)] = hex.EncodeToString(sum[:])
	}
	var unchanged, done int
	err := s.run(context.Background(), ins, func(r extracted) error {
		if r.unchanged {
			unchanged++
		} else if r.doc != nil {
			done++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if unchanged != 2 || done != len(ins)-2 || n.Load() != int64(len(ins)-2) {
		t.Errorf("unchanged %d, extracted %d, pipeline runs %d; want 2, %d, %d", unchanged, done, n.Load(), len(ins)-2, len(ins)-2)
	}
}
