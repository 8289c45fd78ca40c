package graph

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// The RDF writers of Export: N-Quads and JSON-LD, both streamed.

// appendNQ appends the N-Quads (RDF 1.1) form of v to b: <iri> (see
// exportIRI), _:label (see exportBNode), and "literal", "literal"^^<type>
// or "literal"@lang with the canonical escapes of N-Triples (\" \\ \n \r
// \t \b \f, \u00XX for other controls and DEL; invalid UTF-8 becomes
// U+FFFD). A value that is none of these (quad's native numbers, booleans,
// times) is written as its typed literal.
func appendNQ(b []byte, v quad.Value) ([]byte, error) {
	switch v := v.(type) {
	case quad.IRI:
		return appendIRI(b, string(v)), nil
	case quad.BNode:
		return append(append(b, "_:"...), exportBNode(string(v))...), nil
	case quad.String:
		return appendLiteral(b, string(v)), nil
	case quad.TypedString:
		b = appendLiteral(b, string(v.Value))
		b = append(b, "^^"...)
		return appendIRI(b, string(v.Type)), nil
	case quad.LangString:
		b = appendLiteral(b, string(v.Value))
		b = append(b, '@')
		return append(b, string(v.Lang)...), nil
	case quad.TypedStringer:
		return appendNQ(b, v.TypedString())
	case nil:
		return b, fmt.Errorf("no value")
	}
	return b, fmt.Errorf("value %v of type %T has no RDF form", v, v)
}

// iriForbidden reports whether the ASCII byte c may not appear in an IRI
// (RFC 3987; the IRIREF production of N-Quads): controls, space, and
// <>"{}|^`\.
func iriForbidden(c byte) bool {
	return c <= 0x20 || c == 0x7F || strings.IndexByte("<>\"{}|^`\\", c) >= 0
}

// exportIRI returns iri as the exports write it: unchanged when it is a
// valid IRI, else with every forbidden ASCII character and every byte of
// invalid UTF-8 percent-encoded (%20 for a space), the mapping RFC 3987
// gives from such strings to IRIs. newsgraph's own IRIs never need it;
// IRIs imported from elsewhere might.
func exportIRI(iri string) string {
	clean := utf8.ValidString(iri)
	for i := 0; clean && i < len(iri); i++ {
		clean = iri[i] >= utf8.RuneSelf || !iriForbidden(iri[i])
	}
	if clean {
		return iri
	}
	var b strings.Builder
	for i := 0; i < len(iri); {
		c := iri[i]
		if c < utf8.RuneSelf {
			if iriForbidden(c) {
				b.WriteByte('%')
				b.WriteByte(hexDigits[c>>4])
				b.WriteByte(hexDigits[c&0xF])
			} else {
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(iri[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&0xF])
		} else {
			b.WriteString(iri[i : i+n])
		}
		i += n
	}
	return b.String()
}

// exportBNode returns a blank node label as the exports write it:
// unchanged when it is made of ASCII letters, digits, "_" and "-" (and
// starts with neither "-"), else "b" and the hexadecimal of its bytes, so
// that the label is valid N-Quads and distinct labels stay distinct.
func exportBNode(label string) string {
	ok := label != "" && label[0] != '-'
	for i := 0; ok && i < len(label); i++ {
		c := label[i]
		ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
	}
	if ok {
		return label
	}
	return "b" + hex.EncodeToString([]byte(label))
}

const hexDigits = "0123456789ABCDEF"

func appendUCHAR(b []byte, r rune) []byte {
	if r > 0xFFFF {
		b = append(b, `\U`...)
		for shift := 28; shift >= 0; shift -= 4 {
			b = append(b, hexDigits[(r>>uint(shift))&0xF])
		}
		return b
	}
	b = append(b, `\u`...)
	for shift := 12; shift >= 0; shift -= 4 {
		b = append(b, hexDigits[(r>>uint(shift))&0xF])
	}
	return b
}

// appendIRI appends <iri> to b (see exportIRI).
func appendIRI(b []byte, iri string) []byte {
	b = append(b, '<')
	b = append(b, exportIRI(iri)...)
	return append(b, '>')
}

// appendLiteral appends "s" to b.
func appendLiteral(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case '"':
				b = append(b, `\"`...)
			case '\\':
				b = append(b, `\\`...)
			case '\n':
				b = append(b, `\n`...)
			case '\r':
				b = append(b, `\r`...)
			case '\t':
				b = append(b, `\t`...)
			case '\b':
				b = append(b, `\b`...)
			case '\f':
				b = append(b, `\f`...)
			default:
				if c < 0x20 || c == 0x7F {
					b = appendUCHAR(b, rune(c))
				} else {
					b = append(b, c)
				}
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b = append(b, "\uFFFD"...)
		} else {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return append(b, '"')
}

// termCacheSize is the number of slots of the writers' caches of encoded
// terms.
const termCacheSize = 1 << 12

// termCache remembers the encodings of recently written nodes by node ID
// (direct-mapped: predicates, graph labels and a statement's subject repeat
// quad after quad).
type termCache struct {
	slots [termCacheSize]struct {
		id  uint64
		enc []byte
	}
}

// get returns the cached encoding of node id, or encodes v with enc and
// caches it.
func (c *termCache) get(id uint64, v quad.Value, enc func([]byte, quad.Value) ([]byte, error)) ([]byte, error) {
	slot := &c.slots[id%termCacheSize]
	if slot.id == id && slot.enc != nil {
		return slot.enc, nil
	}
	b, err := enc(slot.enc[:0], v)
	if err != nil {
		return nil, err
	}
	slot.id, slot.enc = id, b
	return b, nil
}

// nquadsSink writes N-Quads, one quad a line.
type nquadsSink struct {
	w     *bufio.Writer
	terms termCache
	line  []byte
}

func newNQuadsSink(w io.Writer) *nquadsSink {
	return &nquadsSink{w: bufio.NewWriterSize(w, 1<<16)}
}

func (n *nquadsSink) write(x *exportQuad) error {
	n.line = n.line[:0]
	for i, v := range x.vals {
		if v == nil {
			continue
		}
		t, err := n.terms.get(x.ids[i], v, appendNQ)
		if err != nil {
			return fmt.Errorf("quad %v: %w", x.quad(), err)
		}
		if i > 0 {
			n.line = append(n.line, ' ')
		}
		n.line = append(n.line, t...)
	}
	n.line = append(n.line, " .\n"...)
	_, err := n.w.Write(n.line)
	return err
}

func (n *nquadsSink) close() error { return n.w.Flush() }

// jsonldSink writes expanded JSON-LD 1.0: a top-level array whose items are
// a named graph ({"@id": graph, "@graph": [node]}) or, for quads without a
// label, a node of the default graph. Each run of consecutive quads that
// share their graph and subject becomes one node object holding every
// property of the run; a JSON-LD processor merges the objects that name the
// same graph or node. Memory is bounded by the longest run (at most
// maxJSONLDRun quads; a longer run is split).
type jsonldSink struct {
	w     *bufio.Writer
	n     int // items written
	run   []jsonldProp
	runS  uint64
	runL  uint64
	subj  quad.Value
	label quad.Value
	buf   []byte
	inRun bool
}

// maxJSONLDRun bounds the quads of one node object.
const maxJSONLDRun = 4096

type jsonldProp struct {
	pred string
	objs [][]byte
}

func newJSONLDSink(w io.Writer) *jsonldSink {
	return &jsonldSink{w: bufio.NewWriterSize(w, 1<<16)}
}

func (j *jsonldSink) write(x *exportQuad) error {
	if j.inRun && (x.ids[0] != j.runS || x.ids[3] != j.runL || len(j.run) >= maxJSONLDRun) {
		if err := j.flush(); err != nil {
			return err
		}
	}
	if !j.inRun {
		j.inRun, j.runS, j.runL = true, x.ids[0], x.ids[3]
		j.subj, j.label = x.vals[0], x.vals[3]
		j.run = j.run[:0]
	}
	pred, ok := x.vals[1].(quad.IRI)
	if !ok {
		return fmt.Errorf("quad %v: predicate is not an IRI", x.quad())
	}
	obj, err := appendJSONLDObject(nil, x.vals[2])
	if err != nil {
		return fmt.Errorf("quad %v: %w", x.quad(), err)
	}
	for i := range j.run {
		if j.run[i].pred == string(pred) {
			j.run[i].objs = append(j.run[i].objs, obj)
			return nil
		}
	}
	j.run = append(j.run, jsonldProp{pred: string(pred), objs: [][]byte{obj}})
	return nil
}

// flush writes the current run as one item.
func (j *jsonldSink) flush() error {
	if !j.inRun {
		return nil
	}
	j.inRun = false
	b := j.buf[:0]
	if j.n == 0 {
		b = append(b, "[\n"...)
	} else {
		b = append(b, ",\n"...)
	}
	j.n++
	if j.label != nil {
		id, err := jsonldID(j.label)
		if err != nil {
			return err
		}
		b = append(b, `{"@id":`...)
		b = appendJSONString(b, id)
		b = append(b, `,"@graph":[`...)
	}
	id, err := jsonldID(j.subj)
	if err != nil {
		return err
	}
	b = append(b, `{"@id":`...)
	b = appendJSONString(b, id)
	for _, p := range j.run {
		b = append(b, ',')
		b = appendJSONString(b, exportIRI(p.pred))
		b = append(b, ":["...)
		for k, o := range p.objs {
			if k > 0 {
				b = append(b, ',')
			}
			b = append(b, o...)
		}
		b = append(b, ']')
	}
	b = append(b, '}')
	if j.label != nil {
		b = append(b, "]}"...)
	}
	j.buf = b
	_, err = j.w.Write(b)
	return err
}

func (j *jsonldSink) close() error {
	if err := j.flush(); err != nil {
		return err
	}
	if j.n == 0 {
		j.w.WriteString("[")
	}
	j.w.WriteString("\n]\n")
	return j.w.Flush()
}

// jsonldID returns the @id of a subject or graph: an IRI, or _:label.
func jsonldID(v quad.Value) (string, error) {
	switch v := v.(type) {
	case quad.IRI:
		return exportIRI(string(v)), nil
	case quad.BNode:
		return "_:" + exportBNode(string(v)), nil
	}
	return "", fmt.Errorf("%v cannot name a node or a graph", v)
}

// appendJSONLDObject appends the expanded JSON-LD form of an object value:
// {"@id": …} for an IRI or blank node, {"@value": …} with "@type" or
// "@language" for a literal.
func appendJSONLDObject(b []byte, v quad.Value) ([]byte, error) {
	switch v := v.(type) {
	case quad.IRI, quad.BNode:
		id, _ := jsonldID(v)
		b = append(b, `{"@id":`...)
		b = appendJSONString(b, id)
		return append(b, '}'), nil
	case quad.String:
		b = append(b, `{"@value":`...)
		b = appendJSONString(b, string(v))
		return append(b, '}'), nil
	case quad.TypedString:
		b = append(b, `{"@value":`...)
		b = appendJSONString(b, string(v.Value))
		b = append(b, `,"@type":`...)
		b = appendJSONString(b, exportIRI(string(v.Type)))
		return append(b, '}'), nil
	case quad.LangString:
		b = append(b, `{"@value":`...)
		b = appendJSONString(b, string(v.Value))
		b = append(b, `,"@language":`...)
		b = appendJSONString(b, string(v.Lang))
		return append(b, '}'), nil
	case quad.TypedStringer:
		return appendJSONLDObject(b, v.TypedString())
	}
	return b, fmt.Errorf("value %v of type %T has no RDF form", v, v)
}

// appendJSONString appends s as a JSON string: quotes, backslashes and
// control characters escaped, invalid UTF-8 replaced by U+FFFD, U+2028 and
// U+2029 escaped (JavaScript reads them as line ends), everything else as
// UTF-8.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"':
				b = append(b, `\"`...)
			case c == '\\':
				b = append(b, `\\`...)
			case c == '\n':
				b = append(b, `\n`...)
			case c == '\r':
				b = append(b, `\r`...)
			case c == '\t':
				b = append(b, `\t`...)
			case c < 0x20:
				b = append(b, `\u00`...)
				b = append(b, hexDigits[c>>4], hexDigits[c&0xF])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, `\u`...)
			b = strconv.AppendInt(b, int64(r), 16)
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return append(b, '"')
}
