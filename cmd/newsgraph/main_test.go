package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// seeds is the bundled corpus, relative to this package.
const seeds = "../../testdata/seeds"

// seeded is a store holding the seed articles, shared by read-only cases.
var seeded struct {
	once sync.Once
	dir  string // parent temp directory
	db   string
	err  error
}

func TestMain(m *testing.M) {
	flag.Parse()
	// The query index cache of the SQL backends goes to a directory of the
	// test run, not the user's cache directory.
	cache, err := os.MkdirTemp("", "newsgraph-index-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv(indexCacheEnv, cache)
	code := m.Run()
	if seeded.dir != "" {
		os.RemoveAll(seeded.dir)
	}
	os.RemoveAll(cache)
	os.Exit(code)
}

// seededDB returns the path of the shared store holding the seed articles.
func seededDB(t *testing.T) string {
	t.Helper()
	seeded.once.Do(func() {
		seeded.dir, seeded.err = os.MkdirTemp("", "newsgraph-cli-")
		if seeded.err != nil {
			return
		}
		seeded.db = filepath.Join(seeded.dir, "seeds.db")
		var stderr bytes.Buffer
		if code := runIO([]string{"newsgraph", "--db", seeded.db, "ingest", seeds}, strings.NewReader(""), io.Discard, &stderr); code != 0 {
			seeded.err = fmt.Errorf("ingest %s: exit %d: %s", seeds, code, stderr.String())
		}
	})
	if seeded.err != nil {
		t.Fatal(seeded.err)
	}
	return seeded.db
}

// result is the outcome of one in-process run.
type result struct {
	code           int
	stdout, stderr string
}

// newsgraph runs the CLI in process with the given arguments and stdin.
func newsgraph(stdin string, args ...string) result {
	var out, errb bytes.Buffer
	code := runIO(append([]string{"newsgraph"}, args...), strings.NewReader(stdin), &out, &errb)
	return result{code, out.String(), errb.String()}
}

// cliCase is one command-line case. In args, $DB is the case's store (the
// shared seeded store unless fresh is set), $TMP its temporary directory and
// $SEEDS the bundled seed articles.
type cliCase struct {
	name   string
	args   []string
	stdin  string
	env    map[string]string
	fresh  bool                           // use an empty store instead of the seeded one
	setup  func(t *testing.T, tmp string) // prepares files in $TMP
	exit   int
	golden bool     // compare normalised stdout with testdata/NAME.golden
	stdout []string // substrings stdout must contain
	stderr []string // substrings stderr must contain
	check  func(t *testing.T, r result, tmp, db string)
}

var cliCases = []cliCase{
	// The main job.
	{
		name: "path trump maduro", args: []string{"--db", "$DB", "path", "Donald Trump", "Nicolás Maduro"},
		golden: true, stdout: []string{"Donald Trump → Nicolás Maduro"},
	},
	{
		name: "path trump maduro json", args: []string{"--db", "$DB", "path", "--format", "json", "Donald Trump", "Nicolás Maduro"},
		golden: true, check: checkTrumpMaduro,
	},
	{
		name: "path flags after arguments", args: []string{"path", "donald trump", "NICOLAS MADURO", "--db", "$DB", "--format=json", "--max-hops", "2"},
		check: checkTrumpMaduro,
	},
	{
		name: "path unknown entity", args: []string{"--db", "$DB", "path", "Donald Trmp", "Nicolás Maduro"},
		exit: 1, stderr: []string{`no entity named "Donald Trmp"`, `did you mean "Donald Trump"`},
	},
	{name: "entities json", args: []string{"--db", "$DB", "entities", "--format", "json"}, golden: true},
	{name: "entities persons", args: []string{"--db", "$DB", "entities", "--type", "person"}, golden: true, stdout: []string{"Donald Trump"}},
	{name: "neighbors json", args: []string{"--db", "$DB", "neighbors", "--format", "json", "Gustavo Petro"}, golden: true},
	{name: "neighbors table", args: []string{"--db", "$DB", "neighbors", "petro"}, golden: true, stdout: []string{"Gustavo Petro (Person)"}},
	{name: "neighbors depth 2", args: []string{"--db", "$DB", "neighbors", "--depth", "2", "--min-sources", "2", "Nicolás Maduro"}, golden: true, stdout: []string{"DEPTH", "VIA"}},
	{name: "neighbors limit", args: []string{"--db", "$DB", "neighbors", "--limit", "2", "Gustavo Petro"}, stdout: []string{"(list cut at --limit)"}},
	{
		name: "path k shortest", args: []string{"--db", "$DB", "path", "--k", "3", "Marco Rubio", "Nicolás Maduro"},
		golden: true, stdout: []string{"Marco Rubio → Nicolás Maduro: 3 shortest paths", "1. Marco Rubio —official_of→ United States —captured→ Nicolás Maduro"},
	},
	{
		name: "path dot", args: []string{"--db", "$DB", "path", "--format", "dot", "Donald Trump", "Nicolás Maduro"},
		golden: true, stdout: []string{"digraph path {", `[label="captured (2)"]`},
	},
	{
		name: "path svg without graphviz", args: []string{"--db", "$DB", "path", "--format", "svg", "Donald Trump", "Nicolás Maduro"},
		env: map[string]string{"PATH": "$TMP"}, exit: 1, stderr: []string{"Graphviz's dot program is not on PATH", "--format dot"},
	},
	{
		name: "path filters", args: []string{"--db", "$DB", "path", "--format", "json", "--via", "sanctioned,met", "--min-sources", "2", "Donald Trump", "United States"},
		check: func(t *testing.T, r result, _, _ string) {
			var out pathOutput
			if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
				t.Fatalf("stdout is not a path: %v\n%s", err, r.stdout)
			}
			for _, p := range out.Paths {
				for _, h := range p.Hops {
					if h.Predicate != "sanctioned" && h.Predicate != "met" || h.Sources < 2 || len(docsOfEvidence(h.Evidence)) != h.Sources {
						t.Errorf("hop %s→%s %s with %d sources (%d documents of evidence) breaks the filters", h.From.Name, h.To.Name, h.Predicate, h.Sources, len(docsOfEvidence(h.Evidence)))
					}
				}
			}
		},
	},
	{
		name: "path window from env", args: []string{"--db", "$DB", "path", "--format", "json", "Donald Trump", "Gustavo Petro"},
		env: map[string]string{"NEWSGRAPH_PATH_SINCE": "2026-02", "NEWSGRAPH_PATH_UNTIL": "2026-02"},
		check: func(t *testing.T, r result, _, _ string) {
			var out pathOutput
			if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
				t.Fatalf("stdout is not a path: %v\n%s", err, r.stdout)
			}
			for _, p := range out.Paths {
				for _, h := range p.Hops {
					for _, e := range h.Evidence {
						if !strings.HasPrefix(e.When, "2026-02") {
							t.Errorf("evidence dated %q outside the window: %q", e.When, e.Sentence)
						}
					}
				}
			}
			if len(out.Paths) == 0 {
				t.Errorf("no path in the window")
			}
		},
	},
	{name: "path bad filter", args: []string{"--db", "$DB", "path", "--via", "flew", "a", "b"}, exit: 2, stderr: []string{`unknown predicate "flew"`}},
	{name: "path bad date", args: []string{"--db", "$DB", "path", "--since", "last week", "a", "b"}, exit: 2, stderr: []string{"YYYY-MM-DD"}},
	{name: "path bad modality", args: []string{"--db", "$DB", "path", "--modality", "rumoured", "a", "b"}, exit: 2, stderr: []string{"rumoured"}},
	{name: "match who sanctioned", args: []string{"--db", "$DB", "match", "? sanctioned Gustavo Petro"}, golden: true, stdout: []string{"United States  —sanctioned→  Gustavo Petro"}},
	{name: "match json with evidence", args: []string{"--db", "$DB", "match", "--format", "json", "--evidence", "Donald Trump", "met", "?"}, golden: true, stdout: []string{`"predicate": "met"`, `"sentence":`, `"attribution": "Donald Trump"`}},
	{name: "match with attribution", args: []string{"--db", "$DB", "match", "--evidence", "Donald Trump", "met", "?"}, stdout: []string{"according to Donald Trump"}},
	{name: "match bad pattern", args: []string{"--db", "$DB", "match", "Trump likes Petro"}, exit: 2, stderr: []string{"no predicate"}},
	{name: "match unknown name", args: []string{"--db", "$DB", "match", "? met Donald Trmp"}, exit: 1, stderr: []string{`did you mean "Donald Trump"`}},
	{name: "timeline", args: []string{"--db", "$DB", "timeline", "petro"}, golden: true, stdout: []string{"Gustavo Petro: ", " dated events", "2025-10"}},
	{name: "timeline json until", args: []string{"--db", "$DB", "timeline", "--format", "json", "--until", "2025", "Gustavo Petro"}, stdout: []string{`"when": "2025-10"`}},
	{name: "stats json", args: []string{"--db", "$DB", "stats", "--format", "json"}, golden: true, stdout: []string{`"documents": 5`}},
	{name: "stats table", args: []string{"--db", "$DB", "stats"}, golden: true},
	{name: "export nquads", args: []string{"--db", "$DB", "export"}, check: checkNQuads},
	{
		name: "export to file", args: []string{"--db", "$DB", "export", "--format", "graphml", "-o", "$TMP/g.graphml"},
		check: func(t *testing.T, r result, tmp, _ string) {
			b, err := os.ReadFile(filepath.Join(tmp, "g.graphml"))
			if err != nil || !bytes.Contains(b, []byte("<graphml")) {
				t.Errorf("g.graphml: %v; content starts %q", err, b[:min(len(b), 80)])
			}
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
		},
	},
	{name: "export jsonld", args: []string{"--db", "$DB", "export", "--format", "jsonld"}, check: checkJSONLD},
	{name: "export graphml", args: []string{"--db", "$DB", "export", "-f", "graphml"}, check: checkGraphML},
	{name: "export gml", args: []string{"--db", "$DB", "export", "--format", "gml"}, stdout: []string{"graph [\n  directed 1\n  multigraph 1\n", `label "Gustavo Petro"`}},
	{name: "export dot", args: []string{"--db", "$DB", "export", "--format", "dot"}, stdout: []string{"digraph newsgraph {", "-> n"}},
	{name: "export jsonl", args: []string{"--db", "$DB", "export", "--format", "jsonl"}, check: checkExportJSONL(func(graph.JSONLEdge) bool { return true })},
	{
		name: "export csv", args: []string{"--db", "$DB", "export", "--format", "csv", "-o", "$TMP/csv"},
		check: checkExportCSV("Id,Label,type,aliases\n", "Source,Target,Type,Id,Label,symmetric,doc,"),
	},
	{
		name: "export csv neo4j", args: []string{"--db", "$DB", "export", "--format", "csv", "--csv-shape", "neo4j", "-o", "$TMP/csv"},
		check: checkExportCSV("id:ID,name,:LABEL,aliases:string[]\n", ":START_ID,:END_ID,:TYPE,statement,symmetric:boolean,doc,"),
	},
	{name: "export csv without directory", args: []string{"--db", "$DB", "export", "--format", "csv"}, exit: 2, stderr: []string{"-o DIR"}},
	{name: "export bad csv shape", args: []string{"--db", "$DB", "export", "--format", "csv", "--csv-shape", "excel", "-o", "$TMP/x"}, exit: 2, stderr: []string{`unknown --csv-shape "excel"`}},
	{name: "export unknown format", args: []string{"--db", "$DB", "export", "--format", "xml"}, exit: 2, stderr: []string{`unknown --format "xml"`, "csv, jsonl"}},
	{
		name: "export entity", args: []string{"--db", "$DB", "export", "--format", "jsonl", "--entity", "marco rubio", "--depth", "1"},
		golden: true, check: checkExportJSONL(func(e graph.JSONLEdge) bool { return e.Source != "" }),
	},
	{
		name: "export entity nquads", args: []string{"--db", "$DB", "export", "--entity", "Gustavo Petro"},
		stdout: []string{"<http://newsgraph.org/kg/entity/gustavo_petro> <http://newsgraph.org/kg/rel/leader_of> <http://newsgraph.org/kg/entity/colombia>"},
		check:  checkNQuads,
	},
	{name: "export unknown entity", args: []string{"--db", "$DB", "export", "--entity", "Donald Trmp"}, exit: 1, stderr: []string{`no entity named "Donald Trmp"`, `did you mean "Donald Trump"`}},
	{name: "export depth without entity", args: []string{"--db", "$DB", "export", "--depth", "2"}, exit: 2, stderr: []string{"--depth needs --entity"}},
	{
		name: "export predicates", args: []string{"--db", "$DB", "export", "--format", "jsonl", "--predicate", "sanctioned", "--predicate", "MET"},
		check: checkExportJSONL(func(e graph.JSONLEdge) bool { return e.Predicate == "sanctioned" || e.Predicate == "met" }),
	},
	{
		name: "export predicates from env", args: []string{"--db", "$DB", "export", "--format", "jsonl"},
		env:   map[string]string{"NEWSGRAPH_EXPORT_PREDICATE": "leader_of,title"},
		check: checkExportJSONL(func(e graph.JSONLEdge) bool { return e.Predicate == "leader_of" || e.Predicate == "title" }),
	},
	{name: "export bad predicate", args: []string{"--db", "$DB", "export", "--predicate", "flew"}, exit: 2, stderr: []string{`unknown predicate "flew"`}},
	{
		name: "export document", args: []string{"--db", "$DB", "export", "--format", "jsonl", "--doc", "001_6350596d2d625a4d.txt"},
		check: checkExportJSONL(func(e graph.JSONLEdge) bool { return e.Doc == "001_6350596d2d625a4d.txt" }),
	},
	{name: "export unknown document", args: []string{"--db", "$DB", "export", "--doc", "001.txt"}, exit: 1, stderr: []string{`no document "001.txt"`, `did you mean "001_6350596d2d625a4d.txt"?`}},
	{
		name: "export window", args: []string{"--db", "$DB", "export", "--format", "jsonl", "--since", "2026-01", "--until", "2026-01"},
		check: checkExportJSONL(func(e graph.JSONLEdge) bool {
			return e.When == "2026" || strings.HasPrefix(e.When, "2026-01")
		}),
	},
	{name: "export bad date", args: []string{"--db", "$DB", "export", "--until", "yesterday"}, exit: 2, stderr: []string{"YYYY-MM-DD"}},
	{
		name: "export failure keeps the file", setup: writeFile("g.nq", "old\n"),
		args: []string{"--db", "$DB", "export", "--doc", "nope.txt", "-o", "$TMP/g.nq"}, exit: 1, stderr: []string{`no document "nope.txt"`},
		check: func(t *testing.T, _ result, tmp, _ string) {
			if b, err := os.ReadFile(filepath.Join(tmp, "g.nq")); err != nil || string(b) != "old\n" {
				t.Errorf("g.nq = %q, %v; want it untouched", b, err)
			}
			if m, _ := filepath.Glob(filepath.Join(tmp, ".g.nq.tmp*")); len(m) > 0 {
				t.Errorf("temporary files left: %v", m)
			}
		},
	},
	{
		name: "query gizmo", args: []string{"--db", "$DB", "query", `g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<http://newsgraph.org/kg/Document>").All()`},
		check: func(t *testing.T, r result, _, _ string) {
			var res []map[string]any
			if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
				t.Fatalf("stdout is not a JSON array of objects: %v\n%s", err, r.stdout)
			}
			if len(res) != 5 {
				t.Errorf("got %d documents, want 5:\n%s", len(res), r.stdout)
			}
		},
	},
	{
		name: "query from stdin with limit", args: []string{"--db", "$DB", "query", "--limit", "2", "-"},
		stdin: `g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<http://newsgraph.org/kg/Document>").All()`,
		check: func(t *testing.T, r result, _, _ string) {
			var res []any
			if err := json.Unmarshal([]byte(r.stdout), &res); err != nil || len(res) != 2 {
				t.Errorf("got %d results (%v), want 2:\n%s", len(res), err, r.stdout)
			}
		},
	},
	{
		name: "query graphql", args: []string{"--db", "$DB", "query", "--lang", "graphql", `{ nodes(id: <http://newsgraph.org/kg/entity/gustavo_petro>) { id name: <http://schema.org/name> } }`},
		stdout: []string{`"name": "Gustavo Petro"`},
	},
	{
		name: "query from file", setup: writeFile("q.js", `g.V("<http://newsgraph.org/kg/entity/gustavo_petro>").Out("<http://newsgraph.org/kg/rel/leader_of>").Unique().All()`),
		args: []string{"--db", "$DB", "query", "@$TMP/q.js"}, stdout: []string{`"id": "<http://newsgraph.org/kg/entity/colombia>"`},
	},
	{name: "query syntax error", args: []string{"--db", "$DB", "query", "g.V(("}, exit: 1, stderr: []string{"gizmo"}},
	{
		name: "env NEWSGRAPH_DB", args: []string{"stats", "--format", "json"}, env: map[string]string{"NEWSGRAPH_DB": "$DB"},
		stdout: []string{`"documents": 5`},
	},
	{
		name: "env command flag", args: []string{"--db", "$DB", "path", "Donald Trump", "Nicolás Maduro"},
		env: map[string]string{"NEWSGRAPH_PATH_FORMAT": "json"}, check: checkTrumpMaduro,
	},
	{
		name: "missing store", args: []string{"--db", "$TMP/nothing.db", "path", "a", "b"},
		exit: 1, stderr: []string{"no store at", "nothing.db", "ingest"},
		check: func(t *testing.T, _ result, tmp, _ string) {
			if _, err := os.Stat(filepath.Join(tmp, "nothing.db")); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a read-only command created the store: %v", err)
			}
		},
	},

	// Ingesting.
	{
		name: "ingest json summary", fresh: true, args: []string{"--db", "$DB", "ingest", "--format", "json", "$SEEDS"},
		golden: true, stdout: []string{`"added": 5`},
	},
	{
		name: "ingest twice is unchanged", fresh: true,
		setup: func(t *testing.T, tmp string) {
			if r := newsgraph("", "--db", filepath.Join(tmp, "db"), "ingest", seeds); r.code != 0 {
				t.Fatalf("first ingest: %+v", r)
			}
		},
		args: []string{"--db", "$DB", "ingest", "$SEEDS"}, stderr: []string{"ingested 5 documents (0 added, 0 replaced, 5 unchanged)"},
	},
	{
		name: "ingest stdin", fresh: true, args: []string{"--db", "$DB", "ingest", "-"},
		stdin:  "date 2026-01-05\nPresident Donald Trump met Colombian President Gustavo Petro in Washington on Monday.\n",
		stderr: []string{"ingested 1 document (1 added"},
		check: func(t *testing.T, _ result, _, db string) {
			r := newsgraph("", "--db", db, "stats", "--format", "json")
			if !strings.Contains(r.stdout, `"documents": 1`) {
				t.Errorf("stats after ingesting stdin: %s", r.stdout)
			}
		},
	},
	{
		name: "ingest binary file", fresh: true, setup: writeFile("photo.txt", "GIF89a\x00\x01\x02\x03\x00\x00binary"),
		args: []string{"--db", "$DB", "ingest", "$TMP/photo.txt"},
		exit: 1, stderr: []string{"photo.txt", "binary", "nothing ingested"}, check: checkNoDocuments,
	},
	{
		name: "ingest invalid utf-8", fresh: true, setup: writeFile("latin1.txt", "date 2026-01-05\nPresident Petro visited Bogot\xe1 on Monday.\n"),
		args: []string{"--db", "$DB", "ingest", "$TMP/latin1.txt"},
		exit: 1, stderr: []string{"latin1.txt", "UTF-8", "nothing ingested"}, check: checkNoDocuments,
	},
	{
		name: "ingest empty file", fresh: true, setup: writeFile("empty.txt", ""),
		args: []string{"--db", "$DB", "ingest", "$TMP/empty.txt"},
		exit: 1, stderr: []string{"empty.txt", "empty", "nothing ingested"}, check: checkNoDocuments,
	},
	{
		name: "ingest directory without articles", fresh: true, setup: writeFile("empty-dir/notes.pdf", "%PDF"),
		args: []string{"--db", "$DB", "ingest", "$TMP/empty-dir"},
		exit: 1, stderr: []string{"no articles found in", "empty-dir", "nothing ingested"},
		check: func(t *testing.T, _ result, _, db string) {
			if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("ingesting nothing created the store: %v", err)
			}
		},
	},
	{
		name: "ingest missing file", fresh: true, args: []string{"--db", "$DB", "ingest", "$TMP/nope.txt"},
		exit: 1, stderr: []string{"nope.txt: no such file or directory"},
	},
	{
		name: "ingest skips bad files and keeps good ones", fresh: true,
		setup: func(t *testing.T, tmp string) {
			writeFile("mixed/bad.txt", "\x00\x01\x02\x03")(t, tmp)
			writeFile("mixed/empty.md", "  \n")(t, tmp)
			b, err := os.ReadFile(filepath.Join(seeds, "000_81440262383a513b.txt"))
			if err != nil {
				t.Fatal(err)
			}
			writeFile("mixed/good.txt", string(b))(t, tmp)
		},
		args:   []string{"--db", "$DB", "ingest", "$TMP/mixed"},
		stderr: []string{"bad.txt", "empty.md", "ingested 1 document (1 added", "skipped 2 (1 binary, 1 empty)"},
	},
	{
		name: "ingest into a regular file", fresh: true, setup: writeFile("notes.db", "my precious notes\n"),
		args: []string{"--db", "$TMP/notes.db", "ingest", "$SEEDS"},
		exit: 1, stderr: []string{"notes.db", "not a newsgraph store"},
		check: func(t *testing.T, _ result, tmp, _ string) {
			b, err := os.ReadFile(filepath.Join(tmp, "notes.db"))
			if err != nil || string(b) != "my precious notes\n" {
				t.Errorf("--db file changed: %q, %v", b, err)
			}
		},
	},
	{
		name: "ingest into a locked store", fresh: true,
		setup: func(t *testing.T, tmp string) {
			s, err := graph.Open(context.Background(), graph.Config{Address: filepath.Join(tmp, "db")})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
		},
		args: []string{"--db", "$DB", "ingest", "$SEEDS"},
		exit: 1, stderr: []string{"locked", "another newsgraph process"},
	},
	{
		name: "stats of an empty store", fresh: true,
		setup: func(t *testing.T, tmp string) {
			s, err := graph.Open(context.Background(), graph.Config{Address: filepath.Join(tmp, "db")})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
		},
		args: []string{"--db", "$DB", "stats", "--format", "json"}, stdout: []string{`"documents": 0`, `"statements": 0`},
	},
	{
		name: "unknown backend", fresh: true, args: []string{"--db", "$DB", "--backend", "mysql", "ingest", "$SEEDS"},
		exit: 1, stderr: []string{"unknown backend", "mysql"},
	},

	// Extracting without a store.
	{name: "extract jsonl", args: []string{"extract", "$SEEDS/000_81440262383a513b.txt"}, check: checkJSONL},
	{name: "extract table", args: []string{"extract", "--format", "table", "$SEEDS/000_81440262383a513b.txt"}, stdout: []string{"== 000_81440262383a513b.txt", "SUBJECT", "PREDICATE"}},
	{
		name: "extract conllu", args: []string{"extract", "--format", "conllu", "-"}, golden: true, check: checkCoNLLU,
		stdin:  "date 2026-01-05\nColombian President Gustavo Petro met Ana Ruiz-Soto, the foreign minister of Peru, on Monday. Petro’s aides praised her.\n",
		stdout: []string{"# sent_id = stdin-1", "# relation = Gustavo Petro | met | Ana Ruiz-Soto | asserted", "NER=B-PER|Offset="},
	},
	{name: "extract binary", setup: writeFile("x.txt", "\x00\x00"), args: []string{"extract", "$TMP/x.txt"}, exit: 1, stderr: []string{"x.txt", "binary"}},
	{
		name: "eval seeds", args: []string{"eval", "--gold", "../../testdata/gold", "--set", "seeds", "$SEEDS"},
		stdout: []string{"predicate                  tp   fp   fn       P       R      F1", "(all relations)", "entities  P ", "relations P "},
	},
	{
		name: "eval verbose", args: []string{"eval", "-v", "--gold", "../../testdata/gold", "--set", "seeds", "$SEEDS"},
		stdout: []string{"false positives (", "misses (", "(all relations)"},
	},
	{
		name: "eval score format", args: []string{"eval", "--format", "score", "--gold", "../../testdata/gold", "--set", "seeds", "$SEEDS"},
		stdout: []string{"predicate                  tp   fp   fn\n", "relations P "},
	},

	// Undated articles: relative dates resolve against the story's date or --reference-date.
	{
		name: "story date for an undated article",
		setup: twoFiles(
			"a.txt", "date 2026-03-06\nKenya said on Friday that talks resume.\n",
			"b.txt", "Kenya attacked Ethiopia in February.\n"),
		args:   []string{"extract", "$TMP"},
		stdout: []string{`"when":"2026-02"`},
		stderr: []string{"1 article without a date", "resolved against 2026-03-06"},
	},
	{
		name:   "reference date flag",
		setup:  writeFile("b.txt", "Kenya attacked Ethiopia in February.\n"),
		args:   []string{"extract", "--reference-date", "2024-01-15", "$TMP/b.txt"},
		stdout: []string{`"when":"2023-02"`},
	},
	{name: "bad reference date", args: []string{"extract", "--reference-date", "March 3", "$SEEDS"}, exit: 2, stderr: []string{"--reference-date", "YYYY-MM-DD"}},

	// Usage errors.
	{name: "no command", exit: 2, stderr: []string{"no command"}},
	{name: "unknown command", args: []string{"frobnicate"}, exit: 2, stderr: []string{`unknown command "frobnicate"`}},
	{name: "path with one name", args: []string{"--db", "$DB", "path", "Donald Trump"}, exit: 2, stderr: []string{"two entity names", "newsgraph path --help"}},
	{name: "unknown flag", args: []string{"--db", "$DB", "path", "--hops", "2", "a", "b"}, exit: 2, stderr: []string{"hops"}},
	{name: "flag without value", args: []string{"--db", "$DB", "export", "-o"}, exit: 2, stderr: []string{"-o needs a value"}},
	{name: "bad flag value", args: []string{"--db", "$DB", "path", "--max-hops", "many", "a", "b"}, exit: 2, stderr: []string{"max-hops"}},
	{name: "zero max hops", args: []string{"--db", "$DB", "path", "--max-hops", "0", "a", "b"}, exit: 2, stderr: []string{"--max-hops"}},
	{name: "bad format", args: []string{"--db", "$DB", "stats", "--format", "xml"}, exit: 2, stderr: []string{`unknown --format "xml"`}},
	{name: "bad entity type", args: []string{"--db", "$DB", "entities", "--type", "Planet"}, exit: 2, stderr: []string{`unknown --type "Planet"`}},
	{name: "ingest without paths", args: []string{"--db", "$DB", "ingest"}, exit: 2, stderr: []string{"at least one PATH"}},
	{name: "eval without gold", args: []string{"eval", "$SEEDS"}, exit: 2, stderr: []string{"--gold"}},
	{name: "query bad language", args: []string{"--db", "$DB", "query", "--lang", "sparql", "x"}, exit: 2, stderr: []string{"sparql"}},
	{name: "help", args: []string{"--help"}, golden: true, stdout: []string{"COMMANDS", "Example:"}},
}

func TestCLI(t *testing.T) {
	for _, tc := range cliCases {
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			db := filepath.Join(tmp, "db")
			if !tc.fresh {
				db = seededDB(t)
			}
			r := tc.run(t, db, tmp)
			if tc.golden {
				checkGolden(t, tc.name, normalise(r.stdout, tmp, db))
			}
			if tc.check != nil {
				tc.check(t, r, tmp, db)
			}
		})
	}
}

// run sets the case up in tmp with its store at db, runs it and checks its
// exit status, the texts its output must hold and that no Go stack trace
// shows; the caller checks the golden file and tc.check.
func (tc cliCase) run(t *testing.T, db, tmp string) result {
	t.Helper()
	if tc.setup != nil {
		tc.setup(t, tmp)
	}
	expand := func(s string) string {
		return strings.NewReplacer("$DB", db, "$TMP", tmp, "$SEEDS", seeds).Replace(s)
	}
	for k, v := range tc.env {
		t.Setenv(k, expand(v))
	}
	args := make([]string, len(tc.args))
	for i, a := range tc.args {
		args[i] = expand(a)
	}
	r := newsgraph(tc.stdin, args...)
	if r.code != tc.exit {
		t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tc.exit, r.stdout, r.stderr)
	}
	for _, s := range tc.stdout {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("stdout lacks %q:\n%s", s, r.stdout)
		}
	}
	for _, s := range tc.stderr {
		if !strings.Contains(r.stderr, s) {
			t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
		}
	}
	if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic:") {
		t.Errorf("stderr shows a Go stack trace:\n%s", r.stderr)
	}
	return r
}

// TestHelpEveryCommand checks that every command has a help text with a
// usage line and an example.
func TestHelpEveryCommand(t *testing.T) {
	app := newApp(strings.NewReader(""), io.Discard, io.Discard)
	for _, cmd := range app.Commands {
		t.Run(cmd.Name, func(t *testing.T) {
			r := newsgraph("", cmd.Name, "--help")
			if r.code != 0 {
				t.Fatalf("exit %d; stderr:\n%s", r.code, r.stderr)
			}
			for _, want := range []string{"USAGE:", "newsgraph " + cmd.Name, "Example:", "newsgraph " + cmd.Name + " "} {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("help lacks %q:\n%s", want, r.stdout)
				}
			}
			for _, f := range cmd.Flags {
				if _, ok := f.(interface{ GetEnvVars() []string }); !ok {
					continue
				}
				if envs := f.(interface{ GetEnvVars() []string }).GetEnvVars(); len(envs) == 0 || !strings.HasPrefix(envs[0], "NEWSGRAPH_") {
					t.Errorf("flag %v has no NEWSGRAPH_ environment variable", f.Names())
				}
			}
		})
	}
}

var reorderTests = []struct {
	name string
	in   []string
	want []string
}{
	{"flags first stay", []string{"ng", "path", "--max-hops", "2", "a", "b"}, []string{"ng", "path", "--max-hops", "2", "--", "a", "b"}},
	{"flags after arguments move", []string{"ng", "path", "a", "b", "--max-hops", "2", "--directed"}, []string{"ng", "path", "--max-hops", "2", "--directed", "--", "a", "b"}},
	{"global flag after command", []string{"ng", "path", "a", "--db", "x", "b"}, []string{"ng", "--db", "x", "path", "--", "a", "b"}},
	{"value with equals", []string{"ng", "stats", "--db=x", "--format=json"}, []string{"ng", "--db=x", "stats", "--format=json"}},
	{"double dash keeps dashes", []string{"ng", "path", "a", "--", "-b"}, []string{"ng", "path", "--", "a", "-b"}},
	{"stdin dash is an argument", []string{"ng", "ingest", "-", "--format", "json"}, []string{"ng", "ingest", "--format", "json", "--", "-"}},
	{"unknown command untouched", []string{"ng", "nope", "--x"}, []string{"ng", "nope", "--x"}},
	{"unknown flag kept for the parser", []string{"ng", "path", "a", "--bogus"}, []string{"ng", "path", "--bogus", "--", "a"}},
	{"no command", []string{"ng", "--db", "x"}, []string{"ng", "--db", "x"}},
	{"value flag at the end", []string{"ng", "export", "-o"}, nil},
	{"value flag at the end after an argument", []string{"ng", "path", "a", "--max-hops"}, nil},
}

func TestReorderArgs(t *testing.T) {
	app := newApp(strings.NewReader(""), io.Discard, io.Discard)
	for _, tc := range reorderTests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := reorderArgs(app, tc.in)
			if tc.want == nil {
				var ue *usageError
				if !errors.As(err, &ue) {
					t.Errorf("reorderArgs(%q) = %q, %v; want a usage error", tc.in, got, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("reorderArgs(%q): %v", tc.in, err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("reorderArgs(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

// FuzzReorderArgs checks that reordering never loses or invents an
// argument (apart from a "--" separator) and is idempotent.
func FuzzReorderArgs(f *testing.F) {
	for _, tc := range reorderTests {
		f.Add(strings.Join(tc.in[1:], " "))
	}
	app := newApp(strings.NewReader(""), io.Discard, io.Discard)
	f.Fuzz(func(t *testing.T, line string) {
		args := append([]string{"ng"}, strings.Fields(line)...)
		out, err := reorderArgs(app, args)
		if err != nil {
			return // a flag without its value
		}
		count := func(xs []string) map[string]int {
			m := map[string]int{}
			for _, x := range xs {
				if x != "--" {
					m[x]++
				}
			}
			return m
		}
		if diff := cmp.Diff(count(args), count(out)); diff != "" {
			t.Fatalf("reorderArgs(%q) = %q changes the arguments (-in +out):\n%s", args, out, diff)
		}
		if again, err := reorderArgs(app, out); err != nil || !cmp.Equal(out, again) {
			t.Fatalf("reorderArgs is not idempotent: %q → %q → %q, %v", args, out, again, err)
		}
	})
}

// twoFiles returns a setup that writes two files under $TMP.
func twoFiles(name1, content1, name2, content2 string) func(*testing.T, string) {
	return func(t *testing.T, tmp string) {
		t.Helper()
		writeFile(name1, content1)(t, tmp)
		writeFile(name2, content2)(t, tmp)
	}
}

// writeFile returns a setup that writes content to name under $TMP.
func writeFile(name, content string) func(*testing.T, string) {
	return func(t *testing.T, tmp string) {
		t.Helper()
		p := filepath.Join(tmp, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// checkNoDocuments checks that a failed ingest left no document behind.
func checkNoDocuments(t *testing.T, _ result, _, db string) {
	t.Helper()
	if _, err := os.Stat(db); errors.Is(err, os.ErrNotExist) {
		return // never created: consistent
	}
	r := newsgraph("", "--db", db, "stats", "--format", "json")
	if r.code != 0 || !strings.Contains(r.stdout, `"documents": 0`) {
		t.Errorf("store after a failed ingest: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// checkTrumpMaduro checks the JSON answer of the main job: a path of at most
// two hops whose every hop has evidence sentences taken from the articles.
func checkTrumpMaduro(t *testing.T, r result, _, _ string) {
	t.Helper()
	var out pathOutput
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("stdout is not a path: %v\n%s", err, r.stdout)
	}
	if len(out.Paths) == 0 || out.Hops < 1 || out.Hops > 2 {
		t.Fatalf("got %d paths of %d hops, want a path of at most 2 hops", len(out.Paths), out.Hops)
	}
	if out.From.Name != "Donald Trump" || out.To.Name != "Nicolás Maduro" {
		t.Errorf("path from %q to %q", out.From.Name, out.To.Name)
	}
	for _, p := range out.Paths {
		for _, h := range p.Hops {
			if len(h.Evidence) == 0 {
				t.Errorf("hop %s %s %s has no evidence", h.From.Name, h.Predicate, h.To.Name)
			}
			for _, e := range h.Evidence {
				text, err := os.ReadFile(filepath.Join(seeds, e.Doc))
				if err != nil {
					t.Fatalf("evidence document %q: %v", e.Doc, err)
				}
				if e.Sentence == "" || e.End > len(text) || string(text[e.Start:e.End]) != e.Sentence {
					t.Errorf("evidence %q is not the text of %s at %d-%d", e.Sentence, e.Doc, e.Start, e.End)
				}
			}
		}
	}
}

// checkNQuads checks that every exported line parses as an N-Quad whose IRIs
// are absolute.
func checkNQuads(t *testing.T, r result, _, _ string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) < 100 {
		t.Fatalf("only %d lines exported", len(lines))
	}
	for i, line := range lines {
		q, err := nquads.NewReader(strings.NewReader(line+"\n"), false).ReadQuad()
		if err != nil {
			t.Fatalf("line %d does not parse: %v\n%s", i+1, err, line)
		}
		for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			iri, ok := v.(quad.IRI)
			if !ok {
				continue
			}
			if u, err := url.Parse(string(iri)); err != nil || !u.IsAbs() {
				t.Errorf("line %d: IRI %q is not absolute", i+1, iri)
			}
		}
		if _, ok := q.Subject.(quad.IRI); !ok {
			t.Errorf("line %d: subject %v is not an IRI", i+1, q.Subject)
		}
	}
}

// checkJSONLD checks that the export is a JSON array of node objects with
// IRIs for @id.
func checkJSONLD(t *testing.T, r result, _, _ string) {
	t.Helper()
	var items []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &items); err != nil {
		t.Fatalf("stdout is not a JSON array of objects: %v", err)
	}
	if len(items) < 100 {
		t.Fatalf("only %d items", len(items))
	}
	for _, it := range items {
		if id, _ := it["@id"].(string); !strings.HasPrefix(id, "http://newsgraph.org/kg/") {
			t.Fatalf("item with @id %v", it["@id"])
		}
	}
}

// checkGraphML checks that the export is well-formed XML whose edges join
// declared nodes.
func checkGraphML(t *testing.T, r result, _, _ string) {
	t.Helper()
	var g struct {
		Nodes []struct {
			ID string `xml:"id,attr"`
		} `xml:"graph>node"`
		Edges []struct {
			Source string `xml:"source,attr"`
			Target string `xml:"target,attr"`
		} `xml:"graph>edge"`
	}
	if err := xml.Unmarshal([]byte(r.stdout), &g); err != nil {
		t.Fatalf("stdout is not XML: %v", err)
	}
	ids := map[string]bool{}
	for _, n := range g.Nodes {
		ids[n.ID] = true
	}
	for _, e := range g.Edges {
		if !ids[e.Source] || !ids[e.Target] {
			t.Fatalf("edge %s → %s to an undeclared node", e.Source, e.Target)
		}
	}
	if len(g.Edges) < 100 {
		t.Errorf("only %d edges", len(g.Edges))
	}
}

// checkExportJSONL returns a check that stdout is jsonl export lines, nodes
// then at least one edge, every edge passing keep and joining listed nodes.
func checkExportJSONL(keep func(graph.JSONLEdge) bool) func(*testing.T, result, string, string) {
	return func(t *testing.T, r result, _, _ string) {
		t.Helper()
		nodes := map[string]bool{}
		edges := 0
		for i, line := range strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n") {
			var e graph.JSONLEdge
			dec := json.NewDecoder(strings.NewReader(line))
			if strings.HasPrefix(line, `{"kind":"node"`) {
				var n graph.JSONLNode
				if err := dec.Decode(&n); err != nil || edges > 0 {
					t.Fatalf("line %d: node %v after %d edges: %s", i+1, err, edges, line)
				}
				nodes[n.ID] = true
				continue
			}
			dec.DisallowUnknownFields()
			if err := dec.Decode(&e); err != nil || e.Kind != "edge" {
				t.Fatalf("line %d is not an edge: %v: %s", i+1, err, line)
			}
			edges++
			if !keep(e) {
				t.Errorf("line %d: edge %s %s %s (%s, %s) should not be exported", i+1, e.Source, e.Predicate, e.Target, e.Doc, e.When)
			}
			if !nodes[e.Source] || !nodes[e.Target] || e.Sentence == "" {
				t.Errorf("line %d: edge without its nodes or its sentence: %s", i+1, line)
			}
		}
		if edges == 0 {
			t.Errorf("no edges exported")
		}
	}
}

// checkExportCSV returns a check that $TMP/csv holds nodes.csv and
// edges.csv with these header starts, and nothing went to stdout.
func checkExportCSV(nodesHeader, edgesHeader string) func(*testing.T, result, string, string) {
	return func(t *testing.T, r result, tmp, _ string) {
		t.Helper()
		for name, head := range map[string]string{"nodes.csv": nodesHeader, "edges.csv": edgesHeader} {
			b, err := os.ReadFile(filepath.Join(tmp, "csv", name))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(b), head) {
				t.Errorf("%s starts %.80q, want %q", name, b, head)
			}
			rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
			if err != nil || len(rows) < 20 {
				t.Errorf("%s: %d rows, %v", name, len(rows), err)
			}
		}
		if r.stdout != "" {
			t.Errorf("stdout = %.80q, want nothing", r.stdout)
		}
	}
}

// checkCoNLLU checks that every line of extract --format conllu is a
// comment, a blank line or a token line of ten fields whose HEAD points
// inside its sentence.
func checkCoNLLU(t *testing.T, r result, tmp, db string) {
	t.Helper()
	n := 0
	var heads []int
	flush := func() {
		for _, h := range heads {
			if h < 0 || h > n {
				t.Errorf("head %d outside a sentence of %d tokens", h, n)
			}
		}
		n, heads = 0, nil
	}
	for _, line := range strings.Split(r.stdout, "\n") {
		switch {
		case line == "":
			flush()
		case strings.HasPrefix(line, "# "):
		default:
			f := strings.Split(line, "\t")
			if len(f) != 10 {
				t.Fatalf("token line with %d fields: %q", len(f), line)
			}
			n++
			if f[0] != fmt.Sprint(n) {
				t.Errorf("token ID %s, want %d", f[0], n)
			}
			h, err := strconv.Atoi(f[6])
			if err != nil {
				t.Fatalf("HEAD %q: %v", f[6], err)
			}
			heads = append(heads, h)
		}
	}
	flush()
}

// checkJSONL checks that extract prints exactly one extraction record a line.
func checkJSONL(t *testing.T, r result, _, _ string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	kinds := map[string]int{}
	for i, line := range lines {
		var rec extract.Record
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rec); err != nil {
			t.Fatalf("line %d is not a record: %v\n%s", i+1, err, line)
		}
		again, err := json.Marshal(rec)
		if err != nil || string(again) != line {
			t.Errorf("line %d does not round-trip:\n%s\n%s", i+1, line, again)
		}
		if rec.Doc != "000_81440262383a513b.txt" {
			t.Errorf("line %d: doc %q, want the file's base name", i+1, rec.Doc)
		}
		kinds[rec.Kind]++
	}
	if kinds["entity"] == 0 || kinds["relation"] == 0 || len(kinds) != 2 {
		t.Errorf("record kinds %v, want entities and relations only", kinds)
	}
}

var (
	elapsedJSON   = regexp.MustCompile(`"elapsed_seconds": [0-9.e+-]+`)
	indexJSONTime = regexp.MustCompile(`"(scan|build)_seconds": [0-9.e+-]+`)
	indexTime     = regexp.MustCompile(`index build(\s+)\S+ \(scan \S+\)`)
)

// normalise removes what varies between runs from output: temporary paths
// and timings.
func normalise(s, tmp, db string) string {
	s = strings.ReplaceAll(s, db, "$DB")
	s = strings.ReplaceAll(s, tmp, "$TMP")
	s = indexJSONTime.ReplaceAllString(s, `"${1}_seconds": 0`)
	s = indexTime.ReplaceAllString(s, `index build${1}0s (scan 0s)`)
	return elapsedJSON.ReplaceAllString(s, `"elapsed_seconds": 0`)
}

// checkGolden compares got with testdata/NAME.golden, or rewrites it with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", strings.ReplaceAll(name, " ", "_")+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/newsgraph -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}

// docsOfEvidence returns the distinct documents of a hop's evidence.
func docsOfEvidence(ev []evidenceJSON) map[string]bool {
	out := map[string]bool{}
	for _, e := range ev {
		out[e.Doc] = true
	}
	return out
}

// storeStats opens the store cfg names read-only and returns its Stats.
func storeStats(t *testing.T, cfg graph.Config) graph.Stats {
	t.Helper()
	cfg.ReadOnly = true
	s, err := graph.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}
