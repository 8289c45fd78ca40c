package graph

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/schema"
)

// The property-graph writers of Export: CSV (nodes and edges), GML and
// JSON lines. They collect the exported quads into a graph of entities and
// statements, then write it.

// titleNodePrefix starts the node ID of a title string (the object of a
// title statement); entity IDs are their IRIs.
const titleNodePrefix = "title:"

// TitleType is the node type of title strings in the property graphs.
const TitleType = "Title"

// pgNode is a node of the property graph: an entity, or a title string.
type pgNode struct {
	ID      string
	Label   string
	Type    string
	Aliases []string
}

// pgEdge is a statement of the property graph.
type pgEdge struct {
	Source, Target string
	Predicate      string
	Symmetric      bool
	// Literal is the object of a title statement ("" for entities).
	Literal string
	// Statement holds the evidence; its Predicate, Subject and Object are
	// not used (Predicate above is the relation's).
	Statement
}

// propertyGraph collects exported quads into entities and statements.
type propertyGraph struct {
	names   map[string]map[string]int
	types   map[string]map[schema.EntityType]int
	aliases map[string]map[string]bool
	stmts   map[string]*Statement
	stmtDoc map[string]string
	docs    map[string]*DocInfo
	rels    []pgEdge
}

func newPropertyGraph() *propertyGraph {
	return &propertyGraph{
		names: map[string]map[string]int{}, types: map[string]map[schema.EntityType]int{},
		aliases: map[string]map[string]bool{}, stmts: map[string]*Statement{},
		stmtDoc: map[string]string{}, docs: map[string]*DocInfo{},
	}
}

func (pg *propertyGraph) entity(iri string) {
	if pg.names[iri] == nil {
		pg.names[iri] = map[string]int{}
		pg.types[iri] = map[schema.EntityType]int{}
		pg.aliases[iri] = map[string]bool{}
	}
}

func (pg *propertyGraph) stmt(iri string) *Statement {
	st := pg.stmts[iri]
	if st == nil {
		st = &Statement{IRI: iri}
		pg.stmts[iri] = st
	}
	return st
}

func (pg *propertyGraph) doc(iri string) *DocInfo {
	d := pg.docs[iri]
	if d == nil {
		d = &DocInfo{IRI: iri}
		pg.docs[iri] = d
	}
	return d
}

// add records one quad.
func (pg *propertyGraph) add(q quad.Quad) {
	subj, ok := q.Subject.(quad.IRI)
	if !ok {
		return
	}
	s, pred, obj := string(subj), lexical(q.Predicate), lexical(q.Object)
	switch pred {
	case schema.RDFType:
		if t := entityType(obj); t != "" {
			pg.entity(s)
			pg.types[s][t]++
		}
		return
	case schema.Name:
		pg.entity(s)
		pg.names[s][obj]++
		return
	case schema.AlternateName:
		pg.entity(s)
		pg.aliases[s][obj] = true
		return
	case schema.AttrSource:
		pg.stmt(s)
		pg.stmtDoc[s] = obj
		return
	case schema.AttrSentence, schema.AttrStart, schema.AttrEnd, schema.AttrModality, schema.AttrWhen,
		schema.AttrCAMEO, schema.AttrConfidence, AttrAttribution:
		pg.stmt(s).setAttr(pred, obj)
		return
	case schema.AttrDocID, schema.AttrPath, schema.AttrTitle, schema.AttrDate, schema.AttrHash:
		pg.doc(s).setAttr(pred, obj)
		return
	}
	name := predicateName(pred)
	label, ok := q.Label.(quad.IRI)
	if name == "" || !ok {
		return
	}
	p, _ := schema.LookupPredicate(name)
	e := pgEdge{Source: s, Predicate: name, Symmetric: p.Symmetric}
	e.IRI = string(label)
	pg.entity(s)
	if o, isIRI := q.Object.(quad.IRI); isIRI {
		e.Target = string(o)
		pg.entity(e.Target)
	} else {
		e.Literal = obj
		e.Target = titleNodePrefix + obj
	}
	pg.rels = append(pg.rels, e)
}

// build returns the nodes, sorted by label then ID, and the edges with
// their evidence, sorted by document, offset, predicate and statement.
func (pg *propertyGraph) build() ([]pgNode, []pgEdge) {
	nodes := make([]pgNode, 0, len(pg.names))
	for iri := range pg.names {
		e := mergeEntity(iri, pg.names[iri], pg.types[iri], pg.aliases[iri])
		nodes = append(nodes, pgNode{ID: iri, Label: e.Name, Type: string(e.Type), Aliases: e.Aliases})
	}
	titles := map[string]bool{}
	edges := make([]pgEdge, len(pg.rels))
	for i, r := range pg.rels {
		e := r
		if st := pg.stmts[r.IRI]; st != nil {
			e.Statement = *st
			if e.Modality == "" {
				e.Modality = schema.Asserted
			}
		}
		if docIRI := pg.stmtDoc[r.IRI]; docIRI != "" {
			d := pg.docs[docIRI]
			if d == nil {
				d = &DocInfo{IRI: docIRI}
			}
			e.Doc, e.DocPath, e.DocTitle, e.DocDate = d.ID, d.Path, d.Title, d.Date
			if e.Doc == "" {
				e.Doc = docIDFromIRI(docIRI)
			}
		}
		if r.Target == titleNodePrefix+r.Literal && !titles[r.Target] {
			titles[r.Target] = true
			nodes = append(nodes, pgNode{ID: r.Target, Label: r.Literal, Type: TitleType})
		}
		edges[i] = e
	}
	sort.Slice(nodes, func(i, j int) bool {
		a, b := nodes[i], nodes[j]
		if a.Label != b.Label {
			return a.Label < b.Label
		}
		return a.ID < b.ID
	})
	sort.Slice(edges, func(i, j int) bool {
		a, b := &edges[i], &edges[j]
		if c := compareDocPosition(&a.Statement, &b.Statement); c != 0 {
			return c < 0
		}
		if a.Predicate != b.Predicate {
			return a.Predicate < b.Predicate
		}
		return a.IRI < b.IRI
	})
	return nodes, edges
}

// propertySink collects the quads and writes the property graph on close.
type propertySink struct {
	pg   *propertyGraph
	emit func(*propertyGraph) error
}

func newPropertySink(emit func(*propertyGraph) error) *propertySink {
	return &propertySink{pg: newPropertyGraph(), emit: emit}
}

func (p *propertySink) write(x *exportQuad) error {
	p.pg.add(x.quad())
	return nil
}

func (p *propertySink) close() error { return p.emit(p.pg) }

// csvSafe neutralises a cell that a spreadsheet would run as a formula
// (one starting with =, +, -, @, a tab or a carriage return) by prefixing
// a single quote.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// writeCSV writes the nodes and edges CSV files in shape (CSVGephi or
// CSVNeo4j); see ExportCSV.
func (pg *propertyGraph) writeCSV(nodesW, edgesW io.Writer, shape string) error {
	nodes, edges := pg.build()
	neo := shape == CSVNeo4j
	write := func(w io.Writer, header []string, rows func(emit func([]string) error) error) error {
		bw := bufio.NewWriterSize(w, 1<<16)
		cw := csv.NewWriter(bw)
		if err := cw.Write(header); err != nil {
			return err
		}
		err := rows(func(row []string) error {
			for i := range row {
				row[i] = csvSafe(row[i])
			}
			return cw.Write(row)
		})
		if err != nil {
			return err
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		return bw.Flush()
	}
	nodeHeader := []string{"Id", "Label", "type", "aliases"}
	if neo {
		nodeHeader = []string{"id:ID", "name", ":LABEL", "aliases:string[]"}
	}
	err := write(nodesW, nodeHeader, func(emit func([]string) error) error {
		for _, n := range nodes {
			typ := n.Type
			if neo {
				if n.Type == TitleType {
					typ = TitleType
				} else {
					typ = "Entity;" + n.Type
				}
			}
			if err := emit([]string{n.ID, n.Label, typ, strings.Join(n.Aliases, ";")}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	evidence := []string{"doc", "doc_path", "doc_title", "doc_date", "sentence", "sentence_start", "sentence_end",
		"when", "modality", "confidence", "cameo", "attribution"}
	edgeHeader := append([]string{"Source", "Target", "Type", "Id", "Label", "symmetric"}, evidence...)
	if neo {
		edgeHeader = []string{":START_ID", ":END_ID", ":TYPE", "statement", "symmetric:boolean", "doc", "doc_path", "doc_title",
			"doc_date", "sentence", "sentence_start:int", "sentence_end:int", "when", "modality", "confidence:float", "cameo", "attribution"}
	}
	return write(edgesW, edgeHeader, func(emit func([]string) error) error {
		for _, e := range edges {
			row := []string{e.Source, e.Target}
			if neo {
				row = append(row, e.Predicate, e.IRI)
			} else {
				dir := "Directed"
				if e.Symmetric {
					dir = "Undirected"
				}
				row = append(row, dir, e.IRI, e.Predicate)
			}
			row = append(row, strconv.FormatBool(e.Symmetric), e.Doc, e.DocPath, e.DocTitle, e.DocDate, e.Sentence,
				strconv.Itoa(e.Start), strconv.Itoa(e.End), e.When, string(e.Modality), formatFloat(e.Confidence), e.CAMEO, e.Attribution)
			if err := emit(row); err != nil {
				return err
			}
		}
		return nil
	})
}

// gmlString returns s as a GML string: 7-bit ASCII as the GML format asks,
// with &, ", \ (which some readers take for an escape) and every character
// outside printable ASCII written as an HTML character entity (&amp;
// &quot; &#92; &#225; &#10;), which networkx and igraph decode; control characters other than tab, LF and CR become
// U+FFFD (see gmlText).
func gmlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range gmlText(s) {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '"':
			b.WriteString("&quot;")
		case r < 0x20 || r >= 0x7F || r == '\\':
			b.WriteString("&#")
			b.WriteString(strconv.Itoa(int(r)))
			b.WriteByte(';')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// gmlText returns the text a GML string of s carries: s with control
// characters other than tab, LF and CR (C0, DEL, C1) replaced by U+FFFD,
// since HTML character references cannot carry them.
func gmlText(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7F && r <= 0x9F {
			return '\uFFFD'
		}
		return r
	}, s)
}

// gmlReal writes f as a GML real (always with a decimal point).
func gmlReal(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// writeGML writes the property graph as GML: a directed multigraph (two
// statements may join the same entities) whose nodes
// have an integer id (their rank in the node order), label, iri (the
// entity IRI, or "title:" and the title), type and aliases (joined with
// ";"), and whose edges have source, target, label (the predicate),
// symmetric (0 or 1), statement, the document (doc, docPath, docTitle,
// docDate), sentence, sentenceStart, sentenceEnd, when, modality,
// confidence, cameo and attribution; empty strings are left out.
func (pg *propertyGraph) writeGML(w io.Writer) error {
	nodes, edges := pg.build()
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("Creator \"newsgraph\"\ngraph [\n  directed 1\n  multigraph 1\n")
	num := make(map[string]int, len(nodes))
	for i, n := range nodes {
		num[n.ID] = i
		bw.WriteString("  node [\n    id " + strconv.Itoa(i) + "\n    label " + gmlString(n.Label) +
			"\n    iri " + gmlString(n.ID) + "\n    type " + gmlString(n.Type) + "\n")
		if len(n.Aliases) > 0 {
			bw.WriteString("    aliases " + gmlString(strings.Join(n.Aliases, ";")) + "\n")
		}
		bw.WriteString("  ]\n")
	}
	for _, e := range edges {
		sym := "0"
		if e.Symmetric {
			sym = "1"
		}
		bw.WriteString("  edge [\n    source " + strconv.Itoa(num[e.Source]) + "\n    target " + strconv.Itoa(num[e.Target]) +
			"\n    label " + gmlString(e.Predicate) + "\n    symmetric " + sym + "\n    statement " + gmlString(e.IRI) + "\n")
		for _, kv := range [][2]string{{"doc", e.Doc}, {"docPath", e.DocPath}, {"docTitle", e.DocTitle}, {"docDate", e.DocDate}, {"sentence", e.Sentence}} {
			if kv[1] != "" {
				bw.WriteString("    " + kv[0] + " " + gmlString(kv[1]) + "\n")
			}
		}
		bw.WriteString("    sentenceStart " + strconv.Itoa(e.Start) + "\n    sentenceEnd " + strconv.Itoa(e.End) + "\n")
		for _, kv := range [][2]string{{"when", e.When}, {"modality", string(e.Modality)}} {
			if kv[1] != "" {
				bw.WriteString("    " + kv[0] + " " + gmlString(kv[1]) + "\n")
			}
		}
		bw.WriteString("    confidence " + gmlReal(e.Confidence) + "\n")
		for _, kv := range [][2]string{{"cameo", e.CAMEO}, {"attribution", e.Attribution}} {
			if kv[1] != "" {
				bw.WriteString("    " + kv[0] + " " + gmlString(kv[1]) + "\n")
			}
		}
		bw.WriteString("  ]\n")
	}
	bw.WriteString("]\n")
	return bw.Flush()
}

// JSONLNode is a node line of the jsonl export.
type JSONLNode struct {
	Kind    string   `json:"kind"` // "node"
	ID      string   `json:"id"`
	Label   string   `json:"label"`
	Type    string   `json:"type"`
	Aliases []string `json:"aliases"`
}

// JSONLEdge is an edge line of the jsonl export: one statement with its
// evidence.
type JSONLEdge struct {
	Kind        string  `json:"kind"` // "edge"
	ID          string  `json:"id"`   // the statement IRI
	Source      string  `json:"source"`
	Target      string  `json:"target"`
	Predicate   string  `json:"predicate"`
	Symmetric   bool    `json:"symmetric"`
	Literal     string  `json:"literal,omitempty"`
	Doc         string  `json:"doc"`
	DocPath     string  `json:"doc_path,omitempty"`
	DocTitle    string  `json:"doc_title,omitempty"`
	DocDate     string  `json:"doc_date,omitempty"`
	Sentence    string  `json:"sentence"`
	Start       int     `json:"start"`
	End         int     `json:"end"`
	When        string  `json:"when,omitempty"`
	Modality    string  `json:"modality"`
	Confidence  float64 `json:"confidence"`
	CAMEO       string  `json:"cameo,omitempty"`
	Attribution string  `json:"attribution,omitempty"`
}

// writeJSONL writes the property graph as JSON lines: every node
// (JSONLNode, kind "node") first, then every edge (JSONLEdge, kind
// "edge"), one object a line.
func (pg *propertyGraph) writeJSONL(w io.Writer) error {
	nodes, edges := pg.build()
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, n := range nodes {
		a := n.Aliases
		if a == nil {
			a = []string{}
		}
		if err := enc.Encode(JSONLNode{Kind: "node", ID: n.ID, Label: n.Label, Type: n.Type, Aliases: a}); err != nil {
			return err
		}
	}
	for _, e := range edges {
		err := enc.Encode(JSONLEdge{
			Kind: "edge", ID: e.IRI, Source: e.Source, Target: e.Target, Predicate: e.Predicate, Symmetric: e.Symmetric,
			Literal: e.Literal, Doc: e.Doc, DocPath: e.DocPath, DocTitle: e.DocTitle, DocDate: e.DocDate,
			Sentence: e.Sentence, Start: e.Start, End: e.End, When: e.When, Modality: string(e.Modality),
			Confidence: e.Confidence, CAMEO: e.CAMEO, Attribution: e.Attribution,
		})
		if err != nil {
			return err
		}
	}
	return bw.Flush()
}
