package graph

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// The quad-graph writers of Export: GraphML and DOT, one node per distinct
// subject or object term and one edge per quad, streamed.

// idBits is a growable set of node IDs, a bit each.
type idBits []uint64

// add adds id and reports whether it was new.
func (b *idBits) add(id uint64) bool {
	i := id / 64
	if i >= uint64(len(*b)) {
		n := make([]uint64, max(i+1, uint64(2*len(*b))))
		copy(n, *b)
		*b = n
	}
	m := uint64(1) << (id % 64)
	if (*b)[i]&m != 0 {
		return false
	}
	(*b)[i] |= m
	return true
}

// termParts describes a term for the graph formats: its kind (iri,
// literal, bnode), its text (the IRI, the literal's lexical form, the
// blank node's label) and a literal's datatype or language.
func termParts(v quad.Value) (kind, text, datatype, lang string) {
	switch v := v.(type) {
	case quad.IRI:
		return "iri", string(v), "", ""
	case quad.BNode:
		return "bnode", string(v), "", ""
	case quad.String:
		return "literal", string(v), "", ""
	case quad.TypedString:
		return "literal", string(v.Value), string(v.Type), ""
	case quad.LangString:
		return "literal", string(v.Value), "", string(v.Lang)
	case quad.TypedStringer:
		return termParts(v.TypedString())
	}
	return "literal", quad.StringOf(v), "", ""
}

// graphMLHeader declares the attributes of GraphML nodes and edges.
const graphMLHeader = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="kind" for="node" attr.name="kind" attr.type="string"/>
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <key id="datatype" for="node" attr.name="datatype" attr.type="string"/>
  <key id="lang" for="node" attr.name="lang" attr.type="string"/>
  <key id="predicate" for="edge" attr.name="predicate" attr.type="string"/>
  <key id="graph" for="edge" attr.name="graph" attr.type="string"/>
  <graph id="newsgraph" edgedefault="directed">
`

// graphMLSink writes GraphML: a node per distinct subject or object (id
// "n" and the store's node ID; data kind, label, and datatype or lang for
// literals), declared before its first edge, and an edge per quad (data
// predicate, and graph: the quad's label). Text is escaped by
// encoding/xml; characters XML 1.0 cannot carry (controls other than tab,
// LF and CR) become U+FFFD.
type graphMLSink struct {
	w     *bufio.Writer
	seen  idBits
	buf   bytes.Buffer
	edges int
}

func newGraphMLSink(w io.Writer) *graphMLSink {
	g := &graphMLSink{w: bufio.NewWriterSize(w, 1<<16)}
	g.w.WriteString(graphMLHeader)
	return g
}

func (g *graphMLSink) data(key, text string) {
	g.buf.WriteString(`<data key="`)
	g.buf.WriteString(key)
	g.buf.WriteString(`">`)
	xml.EscapeText(&g.buf, []byte(text))
	g.buf.WriteString(`</data>`)
}

func (g *graphMLSink) node(id uint64, v quad.Value) {
	if !g.seen.add(id) {
		return
	}
	kind, text, dt, lang := termParts(v)
	g.buf.WriteString(`    <node id="n`)
	g.buf.WriteString(strconv.FormatUint(id, 10))
	g.buf.WriteString(`">`)
	g.data("kind", kind)
	g.data("label", text)
	if dt != "" {
		g.data("datatype", dt)
	}
	if lang != "" {
		g.data("lang", lang)
	}
	g.buf.WriteString("</node>\n")
}

func (g *graphMLSink) write(x *exportQuad) error {
	g.buf.Reset()
	g.node(x.ids[0], x.vals[0])
	g.node(x.ids[2], x.vals[2])
	g.edges++
	fmt.Fprintf(&g.buf, `    <edge id="e%d" source="n%d" target="n%d">`, g.edges, x.ids[0], x.ids[2])
	_, pred, _, _ := termParts(x.vals[1])
	g.data("predicate", pred)
	if x.vals[3] != nil {
		_, label, _, _ := termParts(x.vals[3])
		g.data("graph", label)
	}
	g.buf.WriteString("</edge>\n")
	_, err := g.w.Write(g.buf.Bytes())
	return err
}

func (g *graphMLSink) close() error {
	g.w.WriteString("  </graph>\n</graphml>\n")
	return g.w.Flush()
}

// dotQuoted returns s as a DOT quoted string: backslashes and quotes
// escaped, line breaks as \n, other control characters as spaces.
func dotQuoted(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7F || r == utf8.RuneError:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// dotSink writes a Graphviz digraph: a node per distinct subject or object
// (id "n" and the store's node ID, labelled with the IRI or the literal's
// text), declared before its first edge, and an edge per quad labelled with
// its predicate, with the quad's label as the attribute named_graph.
type dotSink struct {
	w    *bufio.Writer
	seen idBits
}

func newDOTSink(w io.Writer) *dotSink {
	d := &dotSink{w: bufio.NewWriterSize(w, 1<<16)}
	d.w.WriteString("digraph newsgraph {\n  node [shape=box];\n")
	return d
}

func (d *dotSink) node(id uint64, v quad.Value) {
	if !d.seen.add(id) {
		return
	}
	kind, text, _, _ := termParts(v)
	shape := ""
	if kind == "literal" {
		shape = ", shape=plaintext"
	}
	fmt.Fprintf(d.w, "  n%d [label=%s%s];\n", id, dotQuoted(text), shape)
}

func (d *dotSink) write(x *exportQuad) error {
	d.node(x.ids[0], x.vals[0])
	d.node(x.ids[2], x.vals[2])
	_, pred, _, _ := termParts(x.vals[1])
	fmt.Fprintf(d.w, "  n%d -> n%d [label=%s", x.ids[0], x.ids[2], dotQuoted(pred))
	if x.vals[3] != nil {
		_, label, _, _ := termParts(x.vals[3])
		fmt.Fprintf(d.w, ", named_graph=%s", dotQuoted(label))
	}
	_, err := d.w.WriteString("];\n")
	return err
}

func (d *dotSink) close() error {
	d.w.WriteString("}\n")
	return d.w.Flush()
}
