package graph

import (
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/cayleygraph/quad/pquads"
	"github.com/google/go-cmp/cmp"
	hkv "github.com/hidal-go/hidalgo/kv"
)

// textInput is an import input holding text.
func textInput(name, text string) ImportInput {
	return ImportInput{Name: name, Open: func() (io.ReadCloser, error) {
		return io.NopCloser(strings.NewReader(text)), nil
	}}
}

// importText imports text into s as one input and fails the test on error.
func importText(t *testing.T, s *Store, name, text string, opts ImportOptions) ImportStats {
	t.Helper()
	st, err := s.Import(context.Background(), []ImportInput{textInput(name, text)}, opts)
	if err != nil {
		t.Fatalf("Import(%s): %v", name, err)
	}
	if len(st) != 1 {
		t.Fatalf("Import returned %d stats, want 1", len(st))
	}
	return st[0]
}

func exportedNQuads(t *testing.T, s *Store) string {
	t.Helper()
	var b bytes.Buffer
	if err := s.Export(context.Background(), &b, "nquads"); err != nil {
		t.Fatalf("Export: %v", err)
	}
	return b.String()
}

func sortedDocuments(t *testing.T, s *Store) []DocInfo {
	t.Helper()
	ds, err := s.Documents(context.Background())
	if err != nil {
		t.Fatalf("Documents: %v", err)
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i].ID < ds[j].ID })
	return ds
}

func sortedStatements(t *testing.T, s *Store) []Statement {
	t.Helper()
	ss := statements(t, s, Filter{})
	sort.Slice(ss, func(i, j int) bool { return ss[i].IRI < ss[j].IRI })
	return ss
}

// TestImportRoundTrip checks, on every backend, that the N-Quads export of
// a store imported into an empty store exports the same quads, reads the
// same (documents, entities, statements), answers writes like the
// original, and that importing the same file again adds nothing.
func TestImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			orig := b.open(t)
			// docA replaced by docA2 leaves deleted quads in the kv log.
			write(t, orig, docA(), docB(), docA2())
			write(t, orig, docA())
			exported := exportedNQuads(t, orig)
			lines := nquadLines(t, orig)

			dst := b.open(t)
			before := generation(t, dst)
			st := importText(t, dst, "export.nq", exported, ImportOptions{Batch: 7})
			want := ImportStats{Name: "export.nq", Read: int64(len(lines)), Added: int64(len(lines))}
			if diff := cmp.Diff(want, st); diff != "" {
				t.Errorf("first import (-want +got):\n%s", diff)
			}
			after := generation(t, dst)
			if after == before || after.Quads != int64(len(lines)) {
				t.Errorf("generation %+v after importing %d quads (before: %+v)", after, len(lines), before)
			}
			if diff := cmp.Diff(lines, nquadLines(t, dst)); diff != "" {
				t.Errorf("export of the imported store (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(sortedDocuments(t, orig), sortedDocuments(t, dst)); diff != "" {
				t.Errorf("Documents (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(entities(t, orig), entities(t, dst)); diff != "" {
				t.Errorf("Entities (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(sortedStatements(t, orig), sortedStatements(t, dst)); diff != "" {
				t.Errorf("Statements (-want +got):\n%s", diff)
			}

			again := importText(t, dst, "export.nq", exported, ImportOptions{})
			want = ImportStats{Name: "export.nq", Read: int64(len(lines)), Present: int64(len(lines))}
			if diff := cmp.Diff(want, again); diff != "" {
				t.Errorf("second import (-want +got):\n%s", diff)
			}
			if g := generation(t, dst); g != after {
				t.Errorf("generation %+v after importing nothing new, want %+v", g, after)
			}

			// The imported documents are stored like written ones: a
			// changed version replaces them, removal removes them.
			for _, s := range []*Store{orig, dst} {
				if r, err := s.WriteDocument(ctx, docA2()); err != nil || r.Status != Replaced {
					t.Fatalf("WriteDocument(docA2) = %+v, %v; want replaced", r, err)
				}
				if ok, err := s.RemoveDocument(ctx, docB().ID); err != nil || !ok {
					t.Fatalf("RemoveDocument(b) = %v, %v", ok, err)
				}
			}
			if diff := cmp.Diff(nquadLines(t, orig), nquadLines(t, dst)); diff != "" {
				t.Errorf("after replacing a and removing b (-orig +imported):\n%s", diff)
			}
			if dst.batch != nil {
				readKV(t, dst) // checks the reference counts
			}
		})
	}
}

// TestImportArbitraryRDF checks that quads outside newsgraph's layout are
// stored as they are (typed literals keep their lexical form and type)
// and that the readers of documents, entities and statements ignore them.
func TestImportArbitraryRDF(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("testdata", "import", "rdf.nq"))
	if err != nil {
		t.Fatal(err)
	}
	want := readNQuads(t, string(text))
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			st := importText(t, s, "rdf.nq", string(text), ImportOptions{Batch: 4})
			if st.Read != 14 || st.Added != 13 || st.Present != 1 {
				t.Errorf("import = %+v, want 14 read, 13 added, 1 present (a repeated quad)", st)
			}
			if diff := cmp.Diff(nquadForms(distinctQuads(want)), nquadForms(quadsOf(t, s))); diff != "" {
				t.Errorf("stored quads (-want +got):\n%s", diff)
			}
			if es, ss, ds := entities(t, s), statements(t, s, Filter{}), sortedDocuments(t, s); len(es)+len(ss)+len(ds) != 0 {
				t.Errorf("readers see %d entities, %d statements, %d documents in arbitrary RDF; want none", len(es), len(ss), len(ds))
			}
		})
	}
}

// quadsOf returns every quad of the store through Cayley.
func quadsOf(t *testing.T, s *Store) []quad.Quad {
	t.Helper()
	it := s.qs.QuadsAllIterator()
	defer it.Close()
	var out []quad.Quad
	for it.Next(context.Background()) {
		out = append(out, s.qs.Quad(it.Result()))
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// nquadForms returns the quads' N-Quads lines (Cayley's String form), sorted.
func nquadForms(qs []quad.Quad) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.NQuad()
	}
	sort.Strings(out)
	return out
}

func distinctQuads(qs []quad.Quad) []quad.Quad {
	seen := map[string]bool{}
	var out []quad.Quad
	for _, q := range qs {
		if k := q.NQuad(); !seen[k] {
			seen[k] = true
			out = append(out, q)
		}
	}
	return out
}

// readNQuads parses text with the import reader and fails the test on error.
func readNQuads(t *testing.T, text string) []quad.Quad {
	t.Helper()
	r := newNQReader(strings.NewReader(text), "test.nq")
	var out []quad.Quad
	for {
		q, err := r.next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, q)
	}
}

// TestImportWritesCayleyLayout checks the kv writer against Cayley's own
// (ApplyDeltas): on a store that already holds quads, importing quads in
// small batches (with repeats, within and across batches, and quads already
// stored) leaves exactly the nodes, reference counts, quads and index
// entries that ApplyDeltas leaves, and Cayley can then delete them all,
// leaving no node behind.
func TestImportWritesCayleyLayout(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("testdata", "import", "rdf.nq"))
	if err != nil {
		t.Fatal(err)
	}
	all := readNQuads(t, string(text))
	first := all[:5] // stored before the import
	ctx := context.Background()
	for _, b := range backends {
		if b.name == BackendMemstore || b.name == BackendPostgres { // kv only
			continue
		}
		t.Run(b.name, func(t *testing.T) {
			cay, imp := b.open(t), b.open(t)
			for _, s := range []*Store{cay, imp} {
				write(t, s, docB())
				cayleyApply(t, s, distinctQuads(first), cgraph.Add)
			}
			// Cayley: only the quads not stored yet, each once.
			stored := map[string]bool{}
			for _, q := range quadsOf(t, cay) {
				stored[q.NQuad()] = true
			}
			var rest []quad.Quad
			for _, q := range distinctQuads(all) {
				if !stored[q.NQuad()] {
					rest = append(rest, q)
				}
			}
			cayleyApply(t, cay, rest[:3], cgraph.Add)
			cayleyApply(t, cay, rest[3:], cgraph.Add)
			// Import: everything, twice over, in batches of 3.
			st := importText(t, imp, "rdf.nq", string(text)+string(text), ImportOptions{Batch: 3})
			if st.Added != int64(len(rest)) || st.Read != int64(2*len(all)) {
				t.Errorf("import = %+v, want %d read and %d added", st, 2*len(all), len(rest))
			}
			want, got := readKV(t, cay), readKV(t, imp)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("kv contents (-ApplyDeltas +Import):\n%s", diff)
			}

			// Cayley deletes what Import wrote, down to the last node.
			if ok, err := imp.RemoveDocument(ctx, docB().ID); err != nil || !ok {
				t.Fatalf("RemoveDocument = %v, %v", ok, err)
			}
			cayleyApply(t, imp, quadsOf(t, imp), cgraph.Delete)
			if c := readKV(t, imp); len(c.Quads)+len(c.Refs) != 0 || c.Size != 0 {
				t.Errorf("after deleting every quad: %d quads, %d nodes, size %d; want none", len(c.Quads), len(c.Refs), c.Size)
			}
			if n := countValueKeys(t, imp); n != 0 {
				t.Errorf("%d value hashes left after deleting every quad", n)
			}
		})
	}
}

// cayleyApply applies quads with Cayley's ApplyDeltas.
func cayleyApply(t *testing.T, s *Store, qs []quad.Quad, action cgraph.Procedure) {
	t.Helper()
	ds := make([]cgraph.Delta, len(qs))
	for i, q := range qs {
		ds[i] = cgraph.Delta{Quad: q, Action: action}
	}
	if err := s.qs.ApplyDeltas(ds, cgraph.IgnoreOpts{}); err != nil {
		t.Fatalf("ApplyDeltas: %v", err)
	}
}

// countValueKeys counts the entries of the value-hash buckets (v..).
func countValueKeys(t *testing.T, s *Store) int {
	t.Helper()
	n := 0
	err := hkv.View(s.batch.KV, func(tx hkv.Tx) error {
		it := tx.Scan(hkv.Key{})
		defer it.Close()
		for it.Next(context.Background()) {
			if k := it.Key(); len(k) == 2 && len(k[0]) == 3 && k[0][0] == 'v' {
				n++
			}
		}
		return it.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestImportBadInputWritesNothing checks that a syntax error anywhere in
// any input stops the import before anything is written, and names the
// input, the line and the column.
func TestImportBadInputWritesNothing(t *testing.T) {
	good := "<http://example.org/a> <http://example.org/p> \"x\" .\n"
	bad := "# header\n\n" + good + "<http://example.org/a> <http://example.org/p> <b> .\n" + good
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			before := generation(t, s)
			_, err := s.Import(context.Background(), []ImportInput{textInput("good.nq", good), textInput("bad.nq", bad)}, ImportOptions{Batch: 1})
			var se *SyntaxError
			if !errors.As(err, &se) || !errors.Is(err, ErrSyntax) {
				t.Fatalf("Import = %v, want a *SyntaxError wrapping ErrSyntax", err)
			}
			if se.File != "bad.nq" || se.Line != 4 || se.Col != 47 || !strings.Contains(err.Error(), "bad.nq:4:47: bad IRI") {
				t.Errorf("error %q (%+v), want bad.nq line 4 column 47, a bad IRI", err, se)
			}
			if g := generation(t, s); g != before {
				t.Errorf("generation %+v after a failed import, want %+v", g, before)
			}
		})
	}
}

// TestImportPartlyStored checks the counts when some of the input is
// stored already, and the progress reports.
func TestImportPartlyStored(t *testing.T) {
	s := mustOpen(t, Config{Address: filepath.Join(t.TempDir(), "db")})
	src := mustOpen(t, Config{Backend: BackendMemstore})
	write(t, src, docA(), docB())
	lines := nquadLines(t, src)
	half := strings.Join(lines[:len(lines)/2], "\n") + "\n"
	importText(t, s, "half.nq", half, ImportOptions{})
	var reports []ImportProgress
	st := importText(t, s, "all.nq", strings.Join(lines, "\n"), ImportOptions{Batch: 10, Progress: func(p ImportProgress) {
		reports = append(reports, p)
	}})
	want := ImportStats{Name: "all.nq", Read: int64(len(lines)), Added: int64(len(lines) - len(lines)/2), Present: int64(len(lines) / 2)}
	if diff := cmp.Diff(want, st); diff != "" {
		t.Errorf("import (-want +got):\n%s", diff)
	}
	batches := (len(lines) + 9) / 10
	if len(reports) != 1+batches || reports[0].Phase != ImportChecking || reports[0].Read != int64(len(lines)) ||
		reports[len(reports)-1].Phase != ImportLoading || reports[len(reports)-1].ImportStats != want {
		t.Errorf("progress reports %+v: want one for the check, then one per batch of 10 ending with %+v", reports, want)
	}
	if diff := cmp.Diff(lines, nquadLines(t, s)); diff != "" {
		t.Errorf("stored (-want +got):\n%s", diff)
	}
}

// TestImportCanceled checks that a done context stops an import.
func TestImportCanceled(t *testing.T) {
	s := mustOpen(t, Config{Address: filepath.Join(t.TempDir(), "db")})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.Import(ctx, []ImportInput{textInput("a.nq", "<http://a/s> <http://a/p> <http://a/o> .\n")}, ImportOptions{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Import = %v, want context.Canceled", err)
	}
	if g := generation(t, s); g.Quads != 0 {
		t.Errorf("%d quads stored by a canceled import", g.Quads)
	}
}

// readerTests are N-Quads inputs and what the import reader makes of them:
// the quads (as N-Quads lines of Cayley's writer), or an error at a line
// and column.
var readerTests = []struct {
	name      string
	in        string
	want      []string
	line      int64
	col       int
	errSubstr string
}{
	{name: "quad", in: "<http://a/s> <http://a/p> <http://a/o> <http://a/g> .\n", want: []string{"<http://a/s> <http://a/p> <http://a/o> <http://a/g> ."}},
	{name: "triple in the default graph", in: "<http://a/s> <http://a/p> <http://a/o> .", want: []string{"<http://a/s> <http://a/p> <http://a/o> ."}},
	{name: "no spaces around the dot", in: "<http://a/s><http://a/p>\"o\"<http://a/g>.", want: []string{`<http://a/s> <http://a/p> "o" <http://a/g> .`}},
	{name: "blank nodes", in: "_:b1 <http://a/p> _:b.2 _:g.\n", want: []string{"_:b1 <http://a/p> _:b.2 _:g ."}},
	{name: "typed literal kept as written", in: `<http://a/s> <http://a/p> "0.50"^^<http://www.w3.org/2001/XMLSchema#float> .`, want: []string{`<http://a/s> <http://a/p> "0.50"^^<http://www.w3.org/2001/XMLSchema#float> .`}},
	{name: "language tag", in: `<http://a/s> <http://a/p> "chat"@fr-CA .`, want: []string{`<http://a/s> <http://a/p> "chat"@fr-CA .`}},
	{name: "escapes", in: `<http://a/s> <http://a/p> "a\tb\nc\"d\\e\u00E9\U0001F600\'" .`, want: []string{"<http://a/s> <http://a/p> \"a\\tb\\nc\\\"d\\\\eé😀'\" ."}},
	{name: "escape in an IRI", in: `<http://a/\u00E9> <http://a/p> "x" .`, want: []string{`<http://a/é> <http://a/p> "x" .`}},
	{name: "comments, blank lines, CRLF, tabs", in: "# c\r\n\r\n\t<http://a/s>\t<http://a/p> \"x\" . # end\r\n   \n", want: []string{`<http://a/s> <http://a/p> "x" .`}},
	{name: "urn", in: "<urn:isbn:0451450523> <http://a/p> \"x\" .", want: []string{`<urn:isbn:0451450523> <http://a/p> "x" .`}},
	{name: "empty", in: "", want: nil},

	{name: "relative IRI", in: "\n<s> <http://a/p> <http://a/o> .", line: 2, col: 1, errSubstr: `bad IRI "<s>": not absolute`},
	{name: "space in an IRI", in: "<http://a/s x> <http://a/p> <http://a/o> .", line: 1, col: 12, errSubstr: "space not allowed in IRIs"},
	{name: "escaped tab in an IRI", in: "<t:\\u0009> <http://a/p> \"\" .", line: 1, col: 4, errSubstr: "escaped '\\t' not allowed in IRIs"},
	{name: "escaped '<' in an IRI", in: "<http://a/\\u003C> <http://a/p> <http://a/o> .", line: 1, col: 11, errSubstr: "escaped '<' not allowed in IRIs"},
	{name: "unclosed IRI", in: "<http://a/s", line: 1, col: 1, errSubstr: "no closing '>'"},
	{name: "missing dot", in: "<http://a/s> <http://a/p> <http://a/o>", line: 1, col: 39, errSubstr: "missing '.'"},
	{name: "literal subject", in: `"s" <http://a/p> <http://a/o> .`, line: 1, col: 1, errSubstr: "subject must be an IRI or a blank node"},
	{name: "blank node predicate", in: `<http://a/s> _:p <http://a/o> .`, line: 1, col: 14, errSubstr: "predicate must be an IRI"},
	{name: "literal graph", in: `<http://a/s> <http://a/p> <http://a/o> "g" .`, line: 1, col: 40, errSubstr: "graph label must be an IRI or a blank node"},
	{name: "bad escape", in: `<http://a/s> <http://a/p> "a\x" .`, line: 1, col: 29, errSubstr: `unknown escape "\\x"`},
	{name: "surrogate escape", in: `<http://a/s> <http://a/p> "\uD800" .`, line: 1, col: 28, errSubstr: "not a Unicode character"},
	{name: "short escape", in: `<http://a/s> <http://a/p> "\u12" .`, line: 1, col: 28, errSubstr: "bad escape"},
	{name: "unclosed literal", in: `<http://a/s> <http://a/p> "abc .`, line: 1, col: 27, errSubstr: "no closing '\"'"},
	{name: "empty language tag", in: `<http://a/s> <http://a/p> "a"@ .`, line: 1, col: 30, errSubstr: "bad language tag"},
	{name: "datatype not an IRI", in: `<http://a/s> <http://a/p> "a"^^xsd:int .`, line: 1, col: 30, errSubstr: "want ^^<IRI>"},
	{name: "empty blank node", in: `_: <http://a/p> "a" .`, line: 1, col: 1, errSubstr: "bad blank node"},
	{name: "text after the dot", in: `<http://a/s> <http://a/p> "a" . x`, line: 1, col: 33, errSubstr: "unexpected"},
	{name: "invalid UTF-8", in: "<http://a/s> <http://a/p> \"a\xff\" .", line: 1, col: 29, errSubstr: "invalid UTF-8"},
	{name: "raw carriage return", in: "<http://a/s> <http://a/p> \"a\rb\" .", line: 1, col: 29, errSubstr: "carriage return"},
	{name: "turtle prefix", in: "@prefix ex: <http://a/> .", line: 1, col: 1, errSubstr: "subject must be"},
}

func TestNQuadsReader(t *testing.T) {
	for _, tc := range readerTests {
		t.Run(tc.name, func(t *testing.T) {
			r := newNQReader(strings.NewReader(tc.in), "in.nq")
			var got []string
			var err error
			for {
				var q quad.Quad
				if q, err = r.next(); err != nil {
					break
				}
				got = append(got, q.NQuad())
			}
			if tc.errSubstr == "" {
				if err != io.EOF {
					t.Fatalf("error %v, want none", err)
				}
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("quads (-want +got):\n%s", diff)
				}
				return
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %v, want a *SyntaxError", err)
			}
			if se.File != "in.nq" || se.Line != tc.line || se.Col != tc.col || !strings.Contains(se.Msg, tc.errSubstr) {
				t.Errorf("error %q, want in.nq:%d:%d: …%s…", err, tc.line, tc.col, tc.errSubstr)
			}
		})
	}
}

// TestNQuadsReaderAgreesWithRapper checks the reader against an
// independent parser: rapper (raptor2-utils) rewrites testdata/import's
// N-Quads in its own spelling, and both spellings must read as the same
// quads. Skipped when rapper is not installed.
func TestNQuadsReaderAgreesWithRapper(t *testing.T) {
	rapper, err := exec.LookPath("rapper")
	if err != nil {
		t.Skip("rapper (raptor2-utils) is not installed")
	}
	path := filepath.Join("testdata", "import", "rdf.nq")
	out, err := exec.Command(rapper, "-q", "-i", "nquads", "-o", "nquads", path).Output()
	if err != nil {
		t.Fatalf("rapper: %v", err)
	}
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Language tags are case-insensitive; rapper writes them in lower case.
	want := nquadForms(readNQuads(t, strings.ReplaceAll(string(text), "@en-GB", "@en-gb")))
	got := nquadForms(readNQuads(t, string(out)))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("quads read from rapper's rewrite (-ours +rapper's):\n%s", diff)
	}
}

// FuzzNQuadsReader checks the import reader on any input: it never panics;
// an error is a *SyntaxError at a line of the input; the check pass and
// the load pass agree; what it reads, written back by Cayley's N-Quads
// writer, reads back the same.
func FuzzNQuadsReader(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "import", "rdf.nq")); err == nil {
		f.Add(string(b))
	}
	if b, err := os.ReadFile(filepath.Join("testdata", "export.golden.nq")); err == nil {
		f.Add(string(b))
	}
	for _, tc := range readerTests {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		lines := int64(strings.Count(in, "\n") + 1)
		var got []quad.Quad
		r := newNQReader(strings.NewReader(in), "f.nq")
		var err error
		for {
			var q quad.Quad
			if q, err = r.next(); err != nil {
				break
			}
			if q.Subject == nil || q.Predicate == nil || q.Object == nil {
				t.Fatalf("incomplete quad %#v", q)
			}
			got = append(got, q)
		}
		n, cerr := checkReader(context.Background(), strings.NewReader(in), "f.nq", nil)
		if err != io.EOF {
			var se *SyntaxError
			if !errors.As(err, &se) || !errors.Is(err, ErrSyntax) {
				t.Fatalf("error %v is not a *SyntaxError", err)
			}
			if se.Line < 1 || se.Line > lines || se.Col < 1 {
				t.Fatalf("error at line %d column %d of %d lines", se.Line, se.Col, lines)
			}
			if cerr == nil || cerr.Error() != err.Error() {
				t.Fatalf("check pass error %v, load pass error %v", cerr, err)
			}
			return
		}
		if cerr != nil || n != int64(len(got)) {
			t.Fatalf("check pass: %d quads, %v; load pass: %d quads", n, cerr, len(got))
		}
		var buf bytes.Buffer
		w := nquads.NewWriter(&buf)
		if _, err := w.WriteQuads(got); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		again := readNQuads(t, buf.String())
		if diff := cmp.Diff(nquadForms(got), nquadForms(again)); diff != "" {
			t.Fatalf("written back and read again (-first +second):\n%s", diff)
		}
	})
}

// kvContents describes what a kv store holds by value, independent of the
// IDs its writer chose, so that stores written by different writers can be
// compared.
type kvContents struct {
	Quads   []string            // live quads, sorted
	Refs    map[string]uint64   // node → its reference count (bucket n)
	Indexes map[string][]string // index name and key (by values) → its quads
	Size    int64
}

func primitiveString(vals map[uint64]string, p *proto.Primitive) string {
	var b strings.Builder
	for i, id := range []uint64{p.Subject, p.Predicate, p.Object, p.Label} {
		if i > 0 {
			b.WriteByte(' ')
		}
		if id != 0 {
			b.WriteString(vals[id])
		}
	}
	if p.Deleted {
		b.WriteString(" (deleted)")
	}
	return b.String()
}

// readKV reads every key of a kv store and checks the invariants of
// Cayley's layout: every value hash (buckets v..) maps to the node of that
// value; every node's reference count (buckets n..) is the number of live
// quads using it; every index entry lists, in increasing order, quads
// whose directions give its key; meta/size counts the live quads and
// meta/horizon is at least every ID.
func readKV(t *testing.T, s *Store) kvContents {
	t.Helper()
	ctx := context.Background()
	c := kvContents{Refs: map[string]uint64{}, Indexes: map[string][]string{}}
	type pair struct {
		key hkv.Key
		val []byte
	}
	var all []pair
	err := hkv.View(s.batch.KV, func(tx hkv.Tx) error {
		it := tx.Scan(hkv.Key{})
		defer it.Close()
		for it.Next(ctx) {
			all = append(all, pair{it.Key().Clone(), append([]byte(nil), it.Val()...)})
		}
		return it.Err()
	})
	if err != nil {
		t.Fatalf("scan store: %v", err)
	}
	vals := map[uint64]string{}
	prims := map[uint64]*proto.Primitive{}
	var maxID uint64
	for _, kv := range all {
		if string(kv.key[0]) != "log" || len(kv.key) != 2 {
			continue
		}
		p := &proto.Primitive{}
		if err := p.Unmarshal(kv.val); err != nil {
			t.Fatalf("log entry %x: %v", kv.key[1], err)
		}
		if id := binary.BigEndian.Uint64(kv.key[1]); id != p.ID {
			t.Fatalf("log key %d holds primitive %d", id, p.ID)
		}
		maxID = max(maxID, p.ID)
		prims[p.ID] = p
		if p.IsNode() {
			v, err := pquads.UnmarshalValue(p.Value)
			if err != nil {
				t.Fatalf("node %d: %v", p.ID, err)
			}
			vals[p.ID] = v.String()
		}
	}
	uses := map[uint64]uint64{}
	for _, p := range prims {
		if p.IsNode() || p.Deleted {
			continue
		}
		c.Quads = append(c.Quads, primitiveString(vals, p))
		for _, id := range []uint64{p.Subject, p.Predicate, p.Object, p.Label} {
			if id != 0 {
				uses[id]++
			}
		}
	}
	sort.Strings(c.Quads)
	byHash := make(map[string]uint64, len(vals))
	for id, v := range vals {
		h := sha1.Sum([]byte(v)) // quad.HashOf: the SHA-1 of the N-Quads form
		byHash[string(h[:])] = id
	}
	var horizon uint64
	for _, kv := range all {
		if len(kv.key) == 1 && len(kv.val) == 0 {
			continue // leveldb: the marker of a bucket
		}
		if len(kv.key) != 2 {
			t.Fatalf("key %q: want a bucket and a key", kv.key)
		}
		b, k := string(kv.key[0]), kv.key[1]
		switch {
		case b == "log":
		case b == "meta":
			switch string(k) {
			case "size":
				c.Size = int64(binary.LittleEndian.Uint64(kv.val))
			case "horizon":
				horizon = binary.LittleEndian.Uint64(kv.val)
			}
		case len(b) == 3 && (b[0] == 'v' || b[0] == 'n'):
			id, ok := byHash[string(k)]
			if !ok || len(k) < 2 || b[1] != k[0] || b[2] != k[1] {
				t.Errorf("bucket %q holds hash %x, which is no node's or belongs elsewhere", b, k)
				continue
			}
			n, _ := binary.Uvarint(kv.val)
			if b[0] == 'v' {
				if n != id {
					t.Errorf("hash of %s maps to %d, want its node %d", vals[id], n, id)
				}
				continue
			}
			if uses[id] != n {
				t.Errorf("node %s: reference count %d, used by %d quads", vals[id], n, uses[id])
			}
			c.Refs[vals[id]] = n
		default: // a quad index, named by its directions' prefixes
			var ids []uint64
			for rest := kv.val; len(rest) > 0; {
				id, n := binary.Uvarint(rest)
				if n <= 0 {
					t.Fatalf("index %s %x: bad entry", b, k)
				}
				ids = append(ids, id)
				rest = rest[n:]
			}
			if !sort.SliceIsSorted(ids, func(i, j int) bool { return ids[i] < ids[j] }) {
				t.Errorf("index %s %x: IDs not sorted: %v", b, k, ids)
			}
			var key []string
			for i := 0; i+8 <= len(k); i += 8 {
				key = append(key, vals[binary.BigEndian.Uint64(k[i:])])
			}
			name := b + " " + strings.Join(key, " ")
			for _, id := range ids {
				p := prims[id]
				if p == nil {
					t.Errorf("index %s lists %d, which is not in the log", name, id)
					continue
				}
				for i, d := range []byte(b) {
					dirs := map[byte]uint64{'s': p.Subject, 'p': p.Predicate, 'o': p.Object, 'c': p.Label}
					if dirs[d] != binary.BigEndian.Uint64(k[8*i:]) {
						t.Errorf("index %s lists quad %s", name, primitiveString(vals, p))
					}
				}
				c.Indexes[name] = append(c.Indexes[name], primitiveString(vals, p))
			}
			sort.Strings(c.Indexes[name])
		}
	}
	if c.Size != int64(len(c.Quads)) {
		t.Errorf("meta/size = %d, want %d live quads", c.Size, len(c.Quads))
	}
	if horizon < maxID {
		t.Errorf("meta/horizon = %d, below ID %d", horizon, maxID)
	}
	return c
}
