package graph

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/piprate/json-gold/ld"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/schema"
)

// The sentences of docTricky: quotes, backslashes, commas, non-ASCII, a
// line break, a tab, a carriage return, a control character, and starts
// that a spreadsheet would run as formulas.
var trickySentences = []string{
	"Ana \"La Jefa\" O'Neil met =Bob <b> in Zürich, \\ they said.",
	"=SUM(A1) Владимир Путин criticized A, B & C.\n\tIt was\r\nloud\x01.",
	"Ana \"La Jefa\" O'Neil, the -Chief \"of\" <Staff>\\, spoke.",
	"@home: A, B & C is based in Zürich.",
}

const trickyTitle = "-Chief \"of\" <Staff>\\"

// docTricky is a document whose every string needs escaping somewhere.
func docTricky() *extract.Document {
	text := strings.Join(trickySentences, " ")
	r := func(i int, subj string, st schema.EntityType, pred, obj string, ot schema.EntityType) extract.Relation {
		return rel(text, trickySentences[i], subj, st, pred, obj, ot)
	}
	met := r(0, `Ana "La Jefa" O'Neil`, schema.Person, schema.Met, "=Bob <b>", schema.Person)
	met.When, met.Modality, met.Attribution, met.Confidence = "2026-03", schema.Planned, "=cmd|' /C calc'!A0", 0.7
	crit := r(1, "Владимир Путин", schema.Person, schema.Criticized, "A, B & C", schema.Organization)
	crit.When, crit.Confidence = "2026", 0.55
	return &extract.Document{
		ID: `weird "doc", 1.txt`, Path: `news/weird "doc", 1.txt`, Title: "+Quotes \"&<>\" and\nnewlines", Date: "2026-03-05",
		Hash: "hash-t", Text: text,
		Entities: []extract.Entity{
			{Name: `Ana "La Jefa" O'Neil`, Type: schema.Person, Aliases: []string{"=Ana", "@ana"}},
			{Name: "=Bob <b>", Type: schema.Person, Aliases: []string{"+Bob", `-Bob\x`}},
			{Name: "Владимир Путин", Type: schema.Person},
			{Name: "A, B & C", Type: schema.Organization},
			{Name: "Zürich", Type: schema.Location},
			{Name: "Nobody Special", Type: schema.Other}, // in no relation
		},
		Relations: []extract.Relation{
			met, crit,
			r(2, `Ana "La Jefa" O'Neil`, schema.Person, schema.Title, trickyTitle, ""),
			r(3, "A, B & C", schema.Organization, "based_in", "Zürich", schema.Location),
		},
	}
}

// exportStore returns a memstore holding docA, docB and docTricky.
func exportStore(t *testing.T) *Store {
	t.Helper()
	s := mustOpen(t, Config{Backend: BackendMemstore})
	write(t, s, docA(), docB(), docTricky())
	return s
}

// exportString exports s in format with filter f.
func exportString(t *testing.T, s *Store, format string, f ExportFilter) string {
	t.Helper()
	var buf bytes.Buffer
	if err := s.ExportFiltered(context.Background(), &buf, format, f); err != nil {
		t.Fatalf("ExportFiltered(%s, %+v): %v", format, f, err)
	}
	return buf.String()
}

// exportCSV exports s as CSV in shape with filter f.
func exportCSV(t *testing.T, s *Store, shape string, f ExportFilter) (nodes, edges string) {
	t.Helper()
	var n, e bytes.Buffer
	if err := s.ExportCSV(context.Background(), &n, &e, shape, f); err != nil {
		t.Fatalf("ExportCSV(%s, %+v): %v", shape, f, err)
	}
	return n.String(), e.String()
}

// parseNQ parses N-Quads with quad's reader.
func parseNQ(t *testing.T, data string) []quad.Quad {
	t.Helper()
	qs, err := quad.ReadAll(nquads.NewReader(strings.NewReader(data), false))
	if err != nil {
		t.Fatalf("N-Quads do not parse: %v\n%.2000s", err, data)
	}
	return qs
}

// exportGoldens are the formats pinned by golden files, unfiltered and
// around one entity.
var exportGoldens = []struct {
	name   string
	format string // or "csv-gephi", "csv-neo4j"
	filter ExportFilter
}{
	{"all.nq", "nquads", ExportFilter{}},
	{"all.jsonld", "jsonld", ExportFilter{}},
	{"all.graphml", "graphml", ExportFilter{}},
	{"all.dot", "dot", ExportFilter{}},
	{"all.gml", "gml", ExportFilter{}},
	{"all.jsonl", "jsonl", ExportFilter{}},
	{"all.gephi", "csv-gephi", ExportFilter{}},
	{"all.neo4j", "csv-neo4j", ExportFilter{}},
	{"petro-depth-1.nq", "nquads", ExportFilter{EntityIRI: iri("Gustavo Petro"), Depth: 1}},
	{"petro-depth-1.jsonl", "jsonl", ExportFilter{EntityIRI: iri("Gustavo Petro"), Depth: 1}},
	{"tricky-doc.gephi", "csv-gephi", ExportFilter{Docs: []string{`weird "doc", 1.txt`}}},
}

// TestExportFormatsGolden pins every format's output on the fixture store.
func TestExportFormatsGolden(t *testing.T) {
	s := exportStore(t)
	for _, tc := range exportGoldens {
		t.Run(tc.name, func(t *testing.T) {
			if shape, ok := strings.CutPrefix(tc.format, "csv-"); ok {
				nodes, edges := exportCSV(t, s, shape, tc.filter)
				checkGolden(t, filepath.Join("testdata", "export", tc.name+".nodes.csv"), nodes)
				checkGolden(t, filepath.Join("testdata", "export", tc.name+".edges.csv"), edges)
				return
			}
			checkGolden(t, filepath.Join("testdata", "export", tc.name), exportString(t, s, tc.format, tc.filter))
		})
	}
}

// TestExportBackendsAgree exports the same documents from every backend and
// compares the sorted N-Quads, unfiltered and filtered, and checks that an
// unfiltered export holds every quad of the store.
func TestExportBackendsAgree(t *testing.T) {
	filters := []ExportFilter{{}, {EntityIRI: iri("Donald Trump"), Depth: 1}, {Predicates: []string{"met", "title"}}, {Since: "2026"}}
	var first []string
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			// docA2 replaces docA: the log holds deleted quads to skip.
			write(t, s, docA(), docB(), docTricky(), docA2())
			var got []string
			for i, f := range filters {
				out := exportString(t, s, "nquads", f)
				lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
				sort.Strings(lines)
				got = append(got, strings.Join(lines, "\n"))
				if i == 0 {
					if n := int64(len(parseNQ(t, out))); n != stats(t, s).Quads {
						t.Errorf("unfiltered export has %d quads, the store %d", n, stats(t, s).Quads)
					}
				}
			}
			if first == nil {
				first = got
				return
			}
			if diff := cmp.Diff(first, got); diff != "" {
				t.Errorf("%s exports differ from memstore's (-memstore +%s):\n%s", b.name, b.name, diff)
			}
		})
	}
}

// TestExportEmptyStore checks that every format writes a valid empty
// document for a store that holds nothing.
func TestExportEmptyStore(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			want := map[string]string{
				"nquads": "", "jsonld": "[\n]\n", "jsonl": "", "dot": "digraph newsgraph {\n  node [shape=box];\n}\n",
				"gml":     "Creator \"newsgraph\"\ngraph [\n  directed 1\n  multigraph 1\n]\n",
				"graphml": graphMLHeader + "  </graph>\n</graphml>\n",
			}
			for _, format := range ExportFormats {
				if format == "csv" {
					n, e := exportCSV(t, s, "", ExportFilter{})
					if n != "Id,Label,type,aliases\n" || !strings.HasPrefix(e, "Source,Target,") || strings.Count(e, "\n") != 1 {
						t.Errorf("empty CSV export: %q, %q", n, e)
					}
					continue
				}
				if got := exportString(t, s, format, ExportFilter{}); got != want[format] {
					t.Errorf("empty %s export = %q, want %q", format, got, want[format])
				}
			}
			var v any
			if err := json.Unmarshal([]byte(want["jsonld"]), &v); err != nil {
				t.Error(err)
			}
		})
	}
}

// shortTerm names an entity IRI or a literal in the filter cases.
func shortTerm(v quad.Value) string {
	if i, ok := v.(quad.IRI); ok {
		return strings.TrimPrefix(string(i), schema.Base+"entity/")
	}
	return strconv.Quote(lexical(v))
}

// exportFilterCases give, for each filter, the relations ("subject
// predicate object") the export must keep.
var exportFilterCases = []struct {
	name   string
	filter ExportFilter
	want   []string
}{
	{"petro depth 1", ExportFilter{EntityIRI: iri("Gustavo Petro"), Depth: 1}, []string{
		"donald_trump met gustavo_petro", "donald_trump spoke_with gustavo_petro", "gustavo_petro leader_of colombia"}},
	{"petro depth 2", ExportFilter{EntityIRI: iri("Gustavo Petro"), Depth: 2}, []string{
		"donald_trump criticized nicolas_maduro", "donald_trump met gustavo_petro", "donald_trump spoke_with gustavo_petro",
		"gustavo_petro leader_of colombia"}},
	{"petro depth 1 over met", ExportFilter{EntityIRI: iri("Gustavo Petro"), Depth: 1, Predicates: []string{"met"}}, []string{
		"donald_trump met gustavo_petro"}},
	{"rubio depth 0 keeps his title", ExportFilter{EntityIRI: iri("Marco Rubio")}, []string{`marco_rubio title "Secretary of State"`}},
	{"predicate", ExportFilter{Predicates: []string{"leader_of"}}, []string{
		"gustavo_petro leader_of colombia", "nicolas_maduro leader_of venezuela"}},
	{"two predicates", ExportFilter{Predicates: []string{"criticized", "title"}}, []string{
		"ana_la_jefa_o_neil title " + strconv.Quote(trickyTitle), "donald_trump criticized nicolas_maduro",
		`marco_rubio title "Secretary of State"`, "владимир_путин criticized a_b_c"}},
	{"document", ExportFilter{Docs: []string{"b.txt"}}, []string{
		"donald_trump criticized nicolas_maduro", "nicolas_maduro leader_of venezuela"}},
	{"document and predicate", ExportFilter{Docs: []string{"a.txt"}, Predicates: []string{"title"}}, []string{
		`marco_rubio title "Secretary of State"`}},
	{"february 2026", ExportFilter{Since: "2026-02", Until: "2026-02"}, []string{
		"donald_trump met gustavo_petro", "владимир_путин criticized a_b_c"}},
	{"since march 2026", ExportFilter{Since: "2026-03-01"}, []string{
		"ana_la_jefa_o_neil met bob_b", "владимир_путин criticized a_b_c"}},
	{"until 2025", ExportFilter{Until: "2025"}, nil},
	{"window and entity", ExportFilter{EntityIRI: iri("Donald Trump"), Depth: 3, Since: "2026-02-10"}, []string{
		"donald_trump met gustavo_petro"}},
}

// TestExportFilters checks, for every filter, the relations kept and that
// the export is complete and holds nothing else: each kept relation quad
// with every quad of its statement node, its document's quads (mentions
// only of kept entities) and its entities' quads in that document's graph.
func TestExportFilters(t *testing.T) {
	s := exportStore(t)
	full := parseNQ(t, exportString(t, s, "nquads", ExportFilter{}))
	for _, tc := range exportFilterCases {
		t.Run(tc.name, func(t *testing.T) {
			got := parseNQ(t, exportString(t, s, "nquads", tc.filter))
			var rels []string
			stmts, docs, ents := map[quad.Value]bool{}, map[quad.Value]bool{}, map[quad.Value]bool{}
			for _, q := range got {
				if predicateName(lexical(q.Predicate)) == "" {
					continue
				}
				rels = append(rels, shortTerm(q.Subject)+" "+predicateName(lexical(q.Predicate))+" "+shortTerm(q.Object))
				stmts[q.Label] = true
				ents[q.Subject] = true
				if _, ok := q.Object.(quad.IRI); ok {
					ents[q.Object] = true
				}
			}
			sort.Strings(rels)
			if diff := cmp.Diff(tc.want, rels, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("relations (-want +got):\n%s", diff)
			}
			for _, q := range full {
				if stmts[q.Subject] && q.Predicate == quad.IRI(schema.AttrSource) {
					docs[q.Object] = true
				}
			}
			want := map[string]bool{}
			for _, q := range full {
				keep := stmts[q.Label] && predicateName(lexical(q.Predicate)) != "" ||
					stmts[q.Subject] ||
					docs[q.Subject] && q.Label == q.Subject && (q.Predicate != quad.IRI(AttrMentions) || ents[q.Object]) ||
					ents[q.Subject] && docs[q.Label]
				if keep {
					want[quadKey(q)] = true
				}
			}
			have := map[string]bool{}
			for _, q := range got {
				have[quadKey(q)] = true
			}
			for k := range want {
				if !have[k] {
					t.Errorf("export lacks %q", strings.ReplaceAll(k, "\x00", " "))
				}
			}
			for k := range have {
				if !want[k] {
					t.Errorf("export has the unrelated %q", strings.ReplaceAll(k, "\x00", " "))
				}
			}
			if len(got) != len(have) {
				t.Errorf("export has %d quads, %d distinct", len(got), len(have))
			}
			// Every statement node kept carries its evidence.
			for st := range stmts {
				attrs := map[string]bool{}
				for _, q := range got {
					if q.Subject == st {
						attrs[lexical(q.Predicate)] = true
					}
				}
				for _, p := range []string{schema.AttrSource, schema.AttrSentence, schema.AttrStart, schema.AttrEnd, schema.AttrModality, schema.AttrConfidence, RDFSubject} {
					if !attrs[p] {
						t.Errorf("statement %v lacks %s", st, p)
					}
				}
			}
		})
	}
}

// TestExportDocumentOnly checks that a filter of documents alone exports
// exactly their named graphs (with the entities they mention in no
// relation) and the relation quads of their statements.
func TestExportDocumentOnly(t *testing.T) {
	s := exportStore(t)
	full := parseNQ(t, exportString(t, s, "nquads", ExportFilter{}))
	for _, ids := range [][]string{{"a.txt"}, {docTricky().ID}, {"b.txt", docTricky().ID}} {
		docs := map[quad.Value]bool{}
		for _, id := range ids {
			docs[quad.IRI(schema.DocumentIRI(id))] = true
		}
		stmts := map[quad.Value]bool{}
		for _, q := range full {
			if q.Predicate == quad.IRI(schema.AttrSource) && docs[q.Object] {
				stmts[q.Subject] = true
			}
		}
		var want []string
		for _, q := range full {
			if docs[q.Label] || stmts[q.Label] {
				want = append(want, quadKey(q))
			}
		}
		var got []string
		for _, q := range parseNQ(t, exportString(t, s, "nquads", ExportFilter{Docs: ids})) {
			got = append(got, quadKey(q))
		}
		sort.Strings(want)
		sort.Strings(got)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("export of %q (-want +got):\n%s", ids, diff)
		}
		if ids[0] != "a.txt" && !strings.Contains(strings.Join(got, "\n"), iri("Nobody Special")) {
			t.Errorf("export of %q lacks the entity mentioned in no relation", ids)
		}
	}
}

func TestExportErrors(t *testing.T) {
	s := exportStore(t)
	ctx := context.Background()
	cases := []struct {
		name   string
		format string
		filter ExportFilter
		want   error
	}{
		{"unknown format", "pquads", ExportFilter{}, ErrFormat},
		{"csv needs two writers", "csv", ExportFilter{}, ErrFormat},
		{"unknown predicate", "nquads", ExportFilter{Predicates: []string{"flew"}}, ErrFilter},
		{"bad date", "nquads", ExportFilter{Since: "last week"}, ErrFilter},
		{"window backwards", "nquads", ExportFilter{Since: "2026-03", Until: "2026-02"}, ErrFilter},
		{"negative depth", "nquads", ExportFilter{EntityIRI: iri("Gustavo Petro"), Depth: -1}, ErrFilter},
		{"unknown document", "graphml", ExportFilter{Docs: []string{"nope.txt"}}, ErrNotFound},
		{"unknown entity", "nquads", ExportFilter{EntityIRI: iri("Nobody"), Depth: 1}, ErrNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := s.ExportFiltered(ctx, &buf, tc.format, tc.filter)
			if !errors.Is(err, tc.want) || buf.Len() != 0 {
				t.Errorf("ExportFiltered = %v with %d bytes written, want %v and nothing written", err, buf.Len(), tc.want)
			}
		})
	}
	var n, e bytes.Buffer
	if err := s.ExportCSV(ctx, &n, &e, "excel", ExportFilter{}); !errors.Is(err, ErrFormat) || n.Len()+e.Len() != 0 {
		t.Errorf("ExportCSV(excel) = %v, want ErrFormat and nothing written", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := s.Export(cctx, io.Discard, "nquads"); !errors.Is(err, context.Canceled) {
		t.Errorf("Export with a cancelled context = %v, want context.Canceled", err)
	}
	s.Close()
	if err := s.Export(ctx, io.Discard, "nquads"); !errors.Is(err, ErrClosed) {
		t.Errorf("Export after Close = %v, want ErrClosed", err)
	}
}

// TestExportNQuadsTyped checks the literal types and the escaping of the
// N-Quads export.
func TestExportNQuadsTyped(t *testing.T) {
	out := exportString(t, exportStore(t), "nquads", ExportFilter{})
	xsd := "http://www.w3.org/2001/XMLSchema#"
	for _, want := range []string{
		`<` + schema.AttrWhen + `> "2026-02"^^<` + xsd + `gYearMonth>`,
		`<` + schema.AttrWhen + `> "2026"^^<` + xsd + `gYear>`,
		`<` + schema.AttrDate + `> "2026-03-05"^^<` + xsd + `date>`,
		`<` + schema.AttrConfidence + `> "0.55"^^<` + xsd + `float>`,
		`<` + schema.AttrStart + `> "0"^^<` + xsd + `integer>`,
		`"=SUM(A1) Владимир Путин criticized A, B & C.\n\tIt was\r\nloud\u0001."`,
		`"Ana \"La Jefa\" O'Neil met =Bob <b> in Zürich, \\ they said."`,
		`<` + schema.Base + `doc/weird%20%22doc%22%2C%201.txt>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %s", want)
		}
	}
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if !utf8.ValidString(line) || strings.ContainsAny(line, "\r\t\x01") {
			t.Errorf("line %d holds a raw control character: %q", i+1, line)
		}
	}
}

// TestExportJSONLDRoundTrip converts the JSON-LD export to RDF with
// json-gold and compares the quads with the N-Quads export.
func TestExportJSONLDRoundTrip(t *testing.T) {
	s := exportStore(t)
	for _, f := range []ExportFilter{{}, {EntityIRI: iri("Gustavo Petro"), Depth: 1}, {Docs: []string{`weird "doc", 1.txt`}}} {
		t.Run(fmt.Sprintf("%+v", f), func(t *testing.T) {
			var doc interface{}
			if err := json.Unmarshal([]byte(exportString(t, s, "jsonld", f)), &doc); err != nil {
				t.Fatalf("JSON-LD export is not JSON: %v", err)
			}
			opts := ld.NewJsonLdOptions("")
			opts.Format = "application/n-quads"
			rdf, err := ld.NewJsonLdProcessor().ToRDF(doc, opts)
			if err != nil {
				t.Fatalf("json-gold ToRDF: %v", err)
			}
			norm := func(qs []quad.Quad) []string {
				var out []string
				for _, q := range qs {
					if ts, ok := q.Object.(quad.TypedString); ok && ts.Type == "http://www.w3.org/2001/XMLSchema#string" {
						q.Object = ts.Value
					}
					out = append(out, q.NQuad())
				}
				sort.Strings(out)
				return out
			}
			want := norm(parseNQ(t, exportString(t, s, "nquads", f)))
			got := norm(parseNQ(t, rdf.(string)))
			if len(want) == 0 {
				t.Fatal("empty export")
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("JSON-LD → RDF differs from the N-Quads export (-nquads +jsonld):\n%s", diff)
			}
		})
	}
}

// TestExportRapper runs raptor's N-Quads parser (rapper, from Debian's
// raptor2-utils) over the export; it is skipped when rapper is not on PATH.
func TestExportRapper(t *testing.T) {
	rapper, err := exec.LookPath("rapper")
	if err != nil {
		t.Skip("rapper is not on PATH (apt-get install raptor2-utils)")
	}
	s := exportStore(t)
	out := exportString(t, s, "nquads", ExportFilter{})
	file := filepath.Join(t.TempDir(), "export.nq")
	if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	msg, err := exec.Command(rapper, "-i", "nquads", "-c", file).CombinedOutput()
	if err != nil {
		t.Fatalf("rapper: %v\n%s", err, msg)
	}
	if bytes.Contains(msg, []byte("Error")) || bytes.Contains(msg, []byte("Warning")) {
		t.Errorf("rapper reports problems:\n%s", msg)
	}
	m := regexp.MustCompile(`returned (\d+) (triples|statements)`).FindSubmatch(msg)
	if m == nil {
		t.Fatalf("rapper printed no count:\n%s", msg)
	}
	if n, _ := strconv.ParseInt(string(m[1]), 10, 64); n != stats(t, s).Quads {
		t.Errorf("rapper read %d quads, the store holds %d", n, stats(t, s).Quads)
	}
}

// graphML is the part of GraphML the tests read.
type graphML struct {
	XMLName xml.Name `xml:"graphml"`
	Keys    []struct {
		ID  string `xml:"id,attr"`
		For string `xml:"for,attr"`
	} `xml:"key"`
	Graph struct {
		Nodes []struct {
			ID   string `xml:"id,attr"`
			Data []struct {
				Key  string `xml:"key,attr"`
				Text string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			Source string `xml:"source,attr"`
			Target string `xml:"target,attr"`
			Data   []struct {
				Key  string `xml:"key,attr"`
				Text string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

// TestExportGraphML parses the GraphML export with encoding/xml and checks
// one node per distinct subject or object, one edge per quad between
// declared nodes, and the escaped texts.
func TestExportGraphML(t *testing.T) {
	s := exportStore(t)
	for _, f := range []ExportFilter{{}, {Predicates: []string{"met"}}} {
		quads := parseNQ(t, exportString(t, s, "nquads", f))
		var g graphML
		dec := xml.NewDecoder(strings.NewReader(exportString(t, s, "graphml", f)))
		dec.Strict = true
		if err := dec.Decode(&g); err != nil {
			t.Fatalf("GraphML is not well-formed XML: %v", err)
		}
		terms := map[string]bool{}
		for _, q := range quads {
			terms[q.Subject.String()] = true
			terms[q.Object.String()] = true
		}
		if len(g.Graph.Nodes) != len(terms) || len(g.Graph.Edges) != len(quads) {
			t.Errorf("%+v: %d nodes and %d edges, want %d and %d", f, len(g.Graph.Nodes), len(g.Graph.Edges), len(terms), len(quads))
		}
		declared := map[string]bool{}
		labels := map[string]bool{}
		for _, n := range g.Graph.Nodes {
			declared[n.ID] = true
			for _, d := range n.Data {
				if d.Key == "label" {
					labels[d.Text] = true
				}
			}
		}
		for _, e := range g.Graph.Edges {
			if !declared[e.Source] || !declared[e.Target] {
				t.Errorf("edge %s → %s to an undeclared node", e.Source, e.Target)
			}
		}
		if f.IsZero() {
			for _, want := range []string{trickySentences[0], strings.ReplaceAll(trickySentences[1], "\x01", "\uFFFD"), trickyTitle, "+Quotes \"&<>\" and\nnewlines"} {
				if !labels[want] {
					t.Errorf("no node labelled %q", want)
				}
			}
		}
	}
}

// TestExportDOT renders the DOT export with Graphviz when it is installed.
func TestExportDOT(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("Graphviz's dot is not on PATH")
	}
	cmd := exec.Command(dot, "-Tcanon")
	cmd.Stdin = strings.NewReader(exportString(t, exportStore(t), "dot", ExportFilter{}))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Errorf("dot: %v\n%s", err, stderr.String())
	}
}

// readCSV parses a CSV export strictly.
func readCSV(t *testing.T, data string) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(data))
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v\n%s", err, data)
	}
	return rows
}

// TestExportCSV checks both shapes: headers, one edge row per statement,
// endpoints that are nodes, the escaping and the neutralised formulas.
func TestExportCSV(t *testing.T) {
	s := exportStore(t)
	statements := len(statementsOf(t, s))
	for _, tc := range []struct {
		shape                string
		nodeHeader, edgeHead []string
		label                string
	}{
		{CSVGephi, []string{"Id", "Label", "type", "aliases"}, []string{"Source", "Target", "Type", "Id", "Label", "symmetric", "doc"}, "Person"},
		{CSVNeo4j, []string{"id:ID", "name", ":LABEL", "aliases:string[]"}, []string{":START_ID", ":END_ID", ":TYPE", "statement", "symmetric:boolean", "doc"}, "Entity;Person"},
	} {
		t.Run(tc.shape, func(t *testing.T) {
			n, e := exportCSV(t, s, tc.shape, ExportFilter{})
			nodes, edges := readCSV(t, n), readCSV(t, e)
			if diff := cmp.Diff(tc.nodeHeader, nodes[0]); diff != "" {
				t.Errorf("nodes header (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.edgeHead, edges[0][:len(tc.edgeHead)]); diff != "" {
				t.Errorf("edges header (-want +got):\n%s", diff)
			}
			if len(edges)-1 != statements {
				t.Errorf("%d edge rows, want one per statement (%d)", len(edges)-1, statements)
			}
			ids := map[string]string{}
			for _, row := range nodes[1:] {
				ids[row[0]] = row[1]
			}
			col := map[string]int{}
			for i, h := range edges[0] {
				col[h] = i
			}
			sentences := map[string]bool{}
			for _, row := range edges[1:] {
				if _, ok := ids[row[0]]; !ok {
					t.Errorf("edge source %q is not a node", row[0])
				}
				if _, ok := ids[row[1]]; !ok {
					t.Errorf("edge target %q is not a node", row[1])
				}
				sentences[row[col["sentence"]]] = true
				for _, cell := range row {
					if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
						t.Errorf("cell %q starts a formula", cell)
					}
				}
			}
			for _, cell := range nodes[1:] {
				for _, c := range cell {
					if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
						t.Errorf("node cell %q starts a formula", c)
					}
				}
			}
			// encoding/csv reads a quoted CR LF as LF.
			for _, want := range []string{trickySentences[0], "'" + strings.ReplaceAll(trickySentences[1], "\r\n", "\n"), "'" + trickySentences[3]} {
				if !sentences[want] {
					t.Errorf("no edge with the sentence %q", want)
				}
			}
			if got := ids[iri("=Bob <b>")]; got != "'=Bob <b>" {
				t.Errorf("node =Bob <b> labelled %q, want the formula neutralised", got)
			}
			if got := ids[titleNodePrefix+trickyTitle]; got != "'"+trickyTitle {
				t.Errorf("title node labelled %q", got)
			}
			var types []string
			for _, row := range nodes[1:] {
				if row[0] == iri("Donald Trump") {
					types = append(types, row[2])
				}
			}
			if diff := cmp.Diff([]string{tc.label}, types); diff != "" {
				t.Errorf("Donald Trump's type (-want +got):\n%s", diff)
			}
		})
	}
}

// statementsOf lists every statement of s.
func statementsOf(t *testing.T, s *Store) []Statement {
	t.Helper()
	st, err := s.Statements(context.Background(), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// gmlItem is a parsed GML value: a number, a string or a list.
type gmlItem struct {
	key  string
	str  *string
	num  string
	list []gmlItem
}

// parseGML parses GML (keys, numbers, quoted strings, [ lists ]) strictly:
// keys are letters and digits, strings hold no raw quote and only
// printable ASCII.
func parseGML(data string) ([]gmlItem, error) {
	tok := regexp.MustCompile(`\s*(?:([A-Za-z][A-Za-z0-9]*)|(-?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)|"([^"]*)"|(\[)|(\]))`)
	pos := 0
	var list func(depth int) ([]gmlItem, error)
	list = func(depth int) ([]gmlItem, error) {
		var out []gmlItem
		for {
			if strings.TrimSpace(data[pos:]) == "" {
				if depth > 0 {
					return nil, fmt.Errorf("unclosed list")
				}
				return out, nil
			}
			m := tok.FindStringSubmatchIndex(data[pos:])
			if m == nil || m[0] != 0 {
				return nil, fmt.Errorf("bad token at %d: %.20q", pos, data[pos:])
			}
			if m[10] >= 0 { // ]
				pos += m[1]
				if depth == 0 {
					return nil, fmt.Errorf("unbalanced ]")
				}
				return out, nil
			}
			if m[2] < 0 {
				return nil, fmt.Errorf("value without a key at %d", pos)
			}
			it := gmlItem{key: data[pos+m[2] : pos+m[3]]}
			pos += m[1]
			m = tok.FindStringSubmatchIndex(data[pos:])
			if m == nil || m[0] != 0 {
				return nil, fmt.Errorf("key %s without a value", it.key)
			}
			switch {
			case m[4] >= 0:
				it.num = data[pos+m[4] : pos+m[5]]
				pos += m[1]
			case m[6] >= 0:
				raw := data[pos+m[6] : pos+m[7]]
				for _, r := range raw {
					if r < 0x20 || r > 0x7E {
						return nil, fmt.Errorf("string %q holds %q", raw, r)
					}
				}
				str := html.UnescapeString(raw)
				it.str = &str
				pos += m[1]
			case m[8] >= 0:
				pos += m[1]
				sub, err := list(depth + 1)
				if err != nil {
					return nil, err
				}
				it.list = sub
			default:
				return nil, fmt.Errorf("key %s without a value", it.key)
			}
			out = append(out, it)
		}
	}
	return list(0)
}

// TestExportGML parses the GML export, counts its nodes and edges, checks
// that edges join declared nodes and that escaped strings decode to the
// original text; when python3 with networkx is installed, networkx reads
// it too.
func TestExportGML(t *testing.T) {
	s := exportStore(t)
	out := exportString(t, s, "gml", ExportFilter{})
	items, err := parseGML(out)
	if err != nil {
		t.Fatalf("GML does not parse: %v", err)
	}
	var g []gmlItem
	for _, it := range items {
		if it.key == "graph" {
			g = it.list
		}
	}
	ids := map[string]bool{}
	var edges int
	texts := map[string]bool{}
	for _, it := range g {
		attrs := map[string]gmlItem{}
		for _, a := range it.list {
			attrs[a.key] = a
			if a.str != nil {
				texts[*a.str] = true
			}
		}
		switch it.key {
		case "node":
			ids[attrs["id"].num] = true
		case "edge":
			edges++
			if !ids[attrs["source"].num] || !ids[attrs["target"].num] {
				t.Errorf("edge %s → %s to an undeclared node", attrs["source"].num, attrs["target"].num)
			}
		}
	}
	if want := len(statementsOf(t, s)); edges != want {
		t.Errorf("%d edges, want one per statement (%d)", edges, want)
	}
	for _, want := range []string{trickySentences[0], gmlText(trickySentences[1]), trickyTitle, "Владимир Путин", "=Bob <b>"} {
		if !texts[want] {
			t.Errorf("no string decodes to %q", want)
		}
	}
	py, err := exec.LookPath("python3")
	if err != nil || exec.Command(py, "-c", "import networkx").Run() != nil {
		t.Log("python3 with networkx is not installed: skipping the networkx check")
		return
	}
	file := filepath.Join(t.TempDir(), "g.gml")
	if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	msg, err := exec.Command(py, "-c", `import sys, networkx
g = networkx.read_gml(sys.argv[1], label="id")
print(g.number_of_nodes(), g.number_of_edges())`, file).CombinedOutput()
	if err != nil {
		t.Fatalf("networkx.read_gml: %v\n%s", err, msg)
	}
	if got, want := strings.TrimSpace(string(msg)), fmt.Sprintf("%d %d", len(ids), edges); got != want {
		t.Errorf("networkx reads %s nodes and edges, want %s", got, want)
	}
}

// TestExportJSONL reads the jsonl export back: nodes first, then edges
// whose endpoints are nodes, one per statement, with the evidence intact.
func TestExportJSONL(t *testing.T) {
	s := exportStore(t)
	out := exportString(t, s, "jsonl", ExportFilter{})
	ids := map[string]bool{}
	var edges []JSONLEdge
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var kind struct{ Kind string }
		if err := json.Unmarshal([]byte(line), &kind); err != nil {
			t.Fatalf("line %d is not JSON: %v", i+1, err)
		}
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		switch kind.Kind {
		case "node":
			var n JSONLNode
			if err := dec.Decode(&n); err != nil {
				t.Fatalf("line %d: %v", i+1, err)
			}
			if len(edges) > 0 {
				t.Errorf("line %d: node after edges", i+1)
			}
			ids[n.ID] = true
		case "edge":
			var e JSONLEdge
			if err := dec.Decode(&e); err != nil {
				t.Fatalf("line %d: %v", i+1, err)
			}
			if !ids[e.Source] || !ids[e.Target] {
				t.Errorf("line %d: edge %s → %s to an unknown node", i+1, e.Source, e.Target)
			}
			edges = append(edges, e)
		default:
			t.Fatalf("line %d: kind %q", i+1, kind.Kind)
		}
	}
	sts := statementsOf(t, s)
	if len(edges) != len(sts) {
		t.Fatalf("%d edges, want %d", len(edges), len(sts))
	}
	byIRI := map[string]Statement{}
	for _, st := range sts {
		byIRI[st.IRI] = st
	}
	for _, e := range edges {
		st := byIRI[e.ID]
		got := Statement{IRI: e.ID, Predicate: e.Predicate, Literal: e.Literal, Doc: e.Doc, DocPath: e.DocPath, DocTitle: e.DocTitle,
			DocDate: e.DocDate, Sentence: e.Sentence, Start: e.Start, End: e.End, Modality: schema.Modality(e.Modality), When: e.When,
			CAMEO: e.CAMEO, Attribution: e.Attribution, Confidence: e.Confidence}
		want := st
		want.Subject, want.Object = Entity{}, Entity{}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("edge %s (-statement +edge):\n%s", e.ID, diff)
		}
		if e.Source != st.Subject.IRI || st.Object.IRI != "" && e.Target != st.Object.IRI {
			t.Errorf("edge %s joins %s → %s, the statement %s → %s", e.ID, e.Source, e.Target, st.Subject.IRI, st.Object.IRI)
		}
	}
}

func TestDatePeriod(t *testing.T) {
	cases := []struct {
		in       string
		from, to int32
		ok       bool
	}{
		{"2026", 20260101, 20261231, true},
		{"2026-02", 20260201, 20260231, true},
		{"2026-02-03", 20260203, 20260203, true},
		{" 2026-12 ", 20261201, 20261231, true},
		{"0000", 0, 0, false},
		{"2026-13", 0, 0, false},
		{"2026-02-32", 0, 0, false},
		{"2026-2", 0, 0, false},
		{"2026-2-3", 0, 0, false},
		{"26", 0, 0, false},
		{"2026-02-03-04", 0, 0, false},
		{"+202", 0, 0, false},
		{"", 0, 0, false},
		{"2026-02-03T10:00", 0, 0, false},
	}
	for _, tc := range cases {
		from, to, ok := DatePeriod(tc.in)
		if from != tc.from || to != tc.to || ok != tc.ok {
			t.Errorf("DatePeriod(%q) = %d, %d, %v; want %d, %d, %v", tc.in, from, to, ok, tc.from, tc.to, tc.ok)
		}
	}
}

// FuzzDatePeriod checks DatePeriod's invariants: a period is a valid range
// of yyyymmdd days within one year, exactly the strings of the documented shapes parse, and
// WhenLiteral types every date that parses.
func FuzzDatePeriod(f *testing.F) {
	for _, s := range []string{"2026", "2026-02", "2026-02-03", " 2026-12 ", "0000", "2026-13", "2026-02-32", "x", "2026-02-03-04", "٢٠٢٦", "", "9999-12-31", "2026-2"} {
		f.Add(s)
	}
	shape := regexp.MustCompile(`^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`)
	f.Fuzz(func(t *testing.T, s string) {
		from, to, ok := DatePeriod(s)
		trimmed := strings.TrimSpace(s)
		if !ok {
			if from != 0 || to != 0 {
				t.Fatalf("DatePeriod(%q) failed with %d, %d", s, from, to)
			}
			return
		}
		if !shape.MatchString(trimmed) {
			t.Fatalf("DatePeriod(%q) accepts a string that is not YYYY[-MM[-DD]]", s)
		}
		if from > to || from/10000 != to/10000 || from < 10101 || to > 99991231 || from%100 < 1 || to%100 > 31 || from/100%100 < 1 || to/100%100 > 12 {
			t.Fatalf("DatePeriod(%q) = %d, %d: not a range of days", s, from, to)
		}
		if _, typed := WhenLiteral(trimmed).(quad.TypedString); !typed {
			t.Fatalf("WhenLiteral(%q) is not typed though DatePeriod parses it", trimmed)
		}
		if f2, t2, ok2 := DatePeriod(trimmed); f2 != from || t2 != to || !ok2 {
			t.Fatalf("DatePeriod depends on surrounding spaces")
		}
	})
}

// FuzzExportEscaping checks every escaper of the exports on arbitrary
// strings: N-Quads literals and IRIs parse back (literals to the same
// text), JSON strings decode to the text, GML strings are printable ASCII
// that decodes to the text, CSV cells read back as written (after the
// formula guard), DOT strings hold no raw line break or bare quote.
func FuzzExportEscaping(f *testing.F) {
	for _, s := range append(append([]string(nil), trickySentences...), trickyTitle, "", "\x00", "\u2028", "a\xffb", "=1+1", "<>\"{}|^`\\ ", "\U0001F600", "\xa2\xa2") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		valid := strings.Map(func(r rune) rune { return r }, s) // each invalid byte → U+FFFD
		line := appendIRI(nil, "http://example.org/"+s)
		line = append(line, " <http://example.org/p> "...)
		line = appendLiteral(line, s)
		line = append(line, " .\n"...)
		q, err := nquads.NewReader(bytes.NewReader(line), false).ReadQuad()
		if err != nil {
			t.Fatalf("N-Quads line %q does not parse: %v", line, err)
		}
		if got := lexical(q.Object); got != valid {
			t.Fatalf("literal %q reads back as %q", valid, got)
		}
		iri := exportIRI("http://example.org/" + s)
		if !utf8.ValidString(iri) || exportIRI(iri) != iri || strings.ContainsAny(iri, " <>\"{}|^`\\\n") {
			t.Fatalf("exportIRI(%q) = %q is not a clean IRI", s, iri)
		}
		if lexical(q.Subject) != iri {
			t.Fatalf("IRI %q reads back as %q", iri, lexical(q.Subject))
		}
		var back string
		if err := json.Unmarshal(appendJSONString(nil, s), &back); err != nil || back != valid {
			t.Fatalf("JSON string of %q decodes to %q, %v", s, back, err)
		}
		g := gmlString(valid)
		inner := g[1 : len(g)-1]
		for _, r := range inner {
			if r < 0x20 || r > 0x7E || r == '"' {
				t.Fatalf("GML string %q holds %q", g, r)
			}
		}
		if got, want := html.UnescapeString(inner), gmlText(valid); got != want {
			t.Fatalf("GML string %q decodes to %q, want %q", g, got, want)
		}
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Write([]string{csvSafe(valid), "x"})
		w.Flush()
		rows, err := csv.NewReader(&buf).ReadAll()
		if want := strings.ReplaceAll(csvSafe(valid), "\r\n", "\n"); err != nil || len(rows) != 1 || rows[0][0] != want {
			t.Fatalf("CSV cell %q reads back as %q, %v", csvSafe(valid), rows, err)
		}
		if c := csvSafe(valid); c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			t.Fatalf("csvSafe(%q) = %q still starts a formula", valid, c)
		}
		d := dotQuoted(s)
		if !strings.HasPrefix(d, `"`) || !strings.HasSuffix(d, `"`) || strings.ContainsAny(d, "\n\r") {
			t.Fatalf("DOT string %q is not one quoted line", d)
		}
		for i := 1; i < len(d)-1; i++ {
			switch d[i] {
			case '\\':
				i++
			case '"':
				t.Fatalf("DOT string %q has a bare quote", d)
			}
		}
		if i := len(d) - 2; i > 0 && d[i] == '\\' && (i < 2 || d[i-1] != '\\') {
			t.Fatalf("DOT string %q escapes its closing quote", d)
		}
	})
}

// BenchmarkExport measures the N-Quads export of a bolt store of about
// 60,000 quads and reports quads/s (bench/export.sh measures 1M quads).
func BenchmarkExport(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, Config{Address: filepath.Join(b.TempDir(), "db")})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var docs []*extract.Document
	for i := 0; i < 1000; i++ {
		for _, d := range []*extract.Document{docA(), docB(), docTricky()} {
			d.ID = fmt.Sprintf("%d-%s", i, d.ID)
			for k := range d.Relations {
				d.Relations[k].Confidence = float64(i%100) / 100
			}
			docs = append(docs, d)
		}
	}
	n, err := s.BulkLoad(ctx, docs, 0)
	if err != nil {
		b.Fatal(err)
	}
	for _, format := range []string{"nquads", "jsonld", "graphml"} {
		b.Run(format, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if err := s.Export(ctx, io.Discard, format); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
		})
	}
}
