package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The import cases run in TestCLI with the other command-line cases.
func init() { cliCases = append(cliCases, importCases...) }

// importRDFSample is N-Quads outside newsgraph's layout.
const importRDFSample = `<http://example.org/alice> <http://xmlns.com/foaf/0.1/name> "Alice" <http://example.org/g> .
<http://example.org/alice> <http://xmlns.com/foaf/0.1/knows> _:bob .
_:bob <http://xmlns.com/foaf/0.1/age> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .
`

// exportSeedsTo writes the N-Quads export of the seeded store to $TMP/NAME,
// gzipped when NAME ends in .gz.
func exportSeedsTo(name string) func(t *testing.T, tmp string) {
	return func(t *testing.T, tmp string) {
		r := newsgraph("", "--db", seededDB(t), "export", "--format", "nquads")
		if r.code != 0 {
			t.Fatalf("export: %+v", r)
		}
		data := []byte(r.stdout)
		if strings.HasSuffix(name, ".gz") {
			var b bytes.Buffer
			zw := gzip.NewWriter(&b)
			zw.Write(data)
			zw.Close()
			data = b.Bytes()
		}
		if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// importExportLines returns the sorted N-Quads lines of the store db.
func importExportLines(t *testing.T, db string) []string {
	t.Helper()
	r := newsgraph("", "--db", db, "export", "--format", "nquads")
	if r.code != 0 {
		t.Fatalf("export %s: %+v", db, r)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	sort.Strings(lines)
	return lines
}

// checkSameAsSeeds checks that the store db exports the quads of the
// seeded store and answers queries like it.
func checkSameAsSeeds(t *testing.T, _ result, _, db string) {
	seeds := seededDB(t)
	if diff := cmp.Diff(importExportLines(t, seeds), importExportLines(t, db)); diff != "" {
		t.Errorf("export of the imported store (-seeded +imported):\n%s", diff)
	}
	for _, args := range [][]string{
		{"entities", "--format", "json"},
		{"path", "--format", "json", "Donald Trump", "Nicolás Maduro"},
		{"stats", "--format", "json"},
	} {
		want := newsgraph("", append([]string{"--db", seeds}, args...)...)
		got := newsgraph("", append([]string{"--db", db}, args...)...)
		want.stdout = normalise(want.stdout, filepath.Dir(seeds), seeds)
		got.stdout = normalise(got.stdout, filepath.Dir(db), db)
		if want.code != 0 || got.code != 0 || want.stdout != got.stdout {
			t.Errorf("%v on the imported store: exit %d, %d; stdout (-seeded +imported):\n%s\nstderr:\n%s", args, want.code, got.code, cmp.Diff(want.stdout, got.stdout), got.stderr)
		}
	}
}

// checkImportLeftNoStore checks that the failed command did not create the store.
func checkImportLeftNoStore(t *testing.T, _ result, _, db string) {
	if _, err := os.Stat(db); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("store %s exists after a failed import (stat: %v)", db, err)
	}
}

// importOnce imports the seeded store's export into $TMP/db before the case.
func importOnce(t *testing.T, tmp string) {
	exportSeedsTo("graph.nq")(t, tmp)
	if r := newsgraph("", "--db", filepath.Join(tmp, "db"), "import", filepath.Join(tmp, "graph.nq")); r.code != 0 {
		t.Fatalf("first import: %+v", r)
	}
}

var importCases = []cliCase{
	{
		name: "import export round trip", fresh: true, setup: exportSeedsTo("graph.nq"),
		args:   []string{"--db", "$DB", "import", "$TMP/graph.nq"},
		stderr: []string{"/graph.nq: ", " already present; ", " quads/s"},
		check: func(t *testing.T, r result, tmp, db string) {
			n := len(importExportLines(t, seededDB(t)))
			want := strings.NewReplacer("$TMP", tmp, "$N", strconv.Itoa(n)).Replace("imported $TMP/graph.nq: $N quads read, $N added, 0 already present; ")
			if !strings.Contains(r.stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
			}
			checkSameAsSeeds(t, r, tmp, db)
		},
	},
	{
		name: "import twice adds nothing", fresh: true, setup: importOnce,
		args: []string{"--db", "$DB", "import", "--format", "json", "$TMP/graph.nq"},
		check: func(t *testing.T, r result, tmp, db string) {
			var sum importSummary
			if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil {
				t.Fatalf("summary: %v\n%s", err, r.stdout)
			}
			n := int64(len(importExportLines(t, seededDB(t))))
			want := importSummary{
				Files: []importedFile{{File: filepath.Join(tmp, "graph.nq"), Read: n, Present: n}},
				Read:  n, Present: n, Elapsed: sum.Elapsed, Rate: sum.Rate,
			}
			if diff := cmp.Diff(want, sum); diff != "" || sum.Elapsed <= 0 || sum.Rate <= 0 {
				t.Errorf("summary (-want +got):\n%s", diff)
			}
			checkSameAsSeeds(t, r, tmp, db)
		},
	},
	{
		name: "import gzip with progress", fresh: true, setup: exportSeedsTo("graph.nq.gz"),
		args:   []string{"--db", "$DB", "import", "--progress", "--batch", "100", "$TMP/graph.nq.gz"},
		stderr: []string{"import: checked ", "/graph.nq.gz: 100 quads read, 100 added, 0 already present (", "imported "},
		check:  checkSameAsSeeds,
	},
	{
		name: "import stdin and a file", fresh: true, setup: writeFile("rdf.nq", importRDFSample),
		args:  []string{"--db", "$DB", "import", "-", "$TMP/rdf.nq"},
		stdin: importRDFSample + "<http://example.org/carol> <http://xmlns.com/foaf/0.1/name> \"Carol\" .\n",
		// The file repeats what standard input brought.
		stderr: []string{"imported 2 files: 7 quads read, 4 added, 3 already present; "},
		check: func(t *testing.T, _ result, _, db string) {
			// Arbitrary RDF: the query language sees it, the newsgraph
			// readers do not.
			r := newsgraph("", "--db", db, "query", `g.V("<http://example.org/alice>").Out("<http://xmlns.com/foaf/0.1/name>").All()`)
			if r.code != 0 || !strings.Contains(r.stdout, "Alice") {
				t.Errorf("query for the imported name: %+v", r)
			}
			r = newsgraph("", "--db", db, "stats", "--format", "json")
			if !strings.Contains(r.stdout, `"quads": 4`) || !strings.Contains(r.stdout, `"entities": 0`) {
				t.Errorf("stats after importing arbitrary RDF: %s", r.stdout)
			}
		},
	},
	{
		name: "import bad line writes nothing", fresh: true,
		setup: func(t *testing.T, tmp string) {
			writeFile("good.nq", importRDFSample)(t, tmp)
			writeFile("bad.nq", importRDFSample+"\n<http://example.org/a> <http://example.org/p> <relative> .\n")(t, tmp)
		},
		args: []string{"--db", "$DB", "import", "$TMP/good.nq", "$TMP/bad.nq"},
		exit: 1, stderr: []string{"bad.nq:5:47: bad IRI \"<relative>\": not absolute", "nothing was imported"},
		check: checkImportLeftNoStore,
	},
	{
		name: "import gzip corrupt", fresh: true,
		setup: func(t *testing.T, tmp string) {
			var b bytes.Buffer
			zw := gzip.NewWriter(&b)
			zw.Write([]byte(importRDFSample))
			zw.Close()
			data := b.Bytes()
			data[len(data)-5] ^= 0xff // the checksum
			writeFile("bad.nq.gz", string(data))(t, tmp)
		},
		args: []string{"--db", "$DB", "import", "$TMP/bad.nq.gz"},
		exit: 1, stderr: []string{"bad.nq.gz:", "gzip: invalid checksum", "nothing was imported"},
		check: checkImportLeftNoStore,
	},
	{
		name: "import missing file", fresh: true, args: []string{"--db", "$DB", "import", "$TMP/missing.nq"},
		exit: 1, stderr: []string{"missing.nq", "no such file"}, check: checkImportLeftNoStore,
	},
	{
		name: "import not n-quads", fresh: true, args: []string{"--db", "$DB", "import", "graph.ttl"},
		exit: 2, stderr: []string{`import reads N-Quads files (.nq, .nquads or .nt, optionally gzipped: .nq.gz) or - for standard input, not "graph.ttl"`, "newsgraph import --help"},
	},
	{name: "import nothing", fresh: true, args: []string{"--db", "$DB", "import"}, exit: 2, stderr: []string{"import needs at least one FILE"}},
	{name: "import stdin twice", fresh: true, args: []string{"--db", "$DB", "import", "-", "-"}, exit: 2, stderr: []string{"only once"}},
	{name: "import bad batch", fresh: true, args: []string{"--db", "$DB", "import", "--batch", "0", "x.nq"}, exit: 2, stderr: []string{"--batch must be at least 1"}},
	{
		name: "import batch from the environment", fresh: true, setup: writeFile("rdf.nq", importRDFSample),
		env:  map[string]string{"NEWSGRAPH_IMPORT_BATCH": "1", "NEWSGRAPH_IMPORT_PROGRESS": "true"},
		args: []string{"--db", "$DB", "import", "$TMP/rdf.nq"}, stderr: []string{"rdf.nq: 1 quads read, 1 added", "rdf.nq: 3 quads read, 3 added"},
	},
}
