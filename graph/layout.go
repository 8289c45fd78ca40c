package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/schema"
)

// IRIs the graph package uses beyond those of schema.
const (
	// RDFSubject, RDFPredicate and RDFObject reify a statement: the
	// statement node names the subject, predicate and object of its relation
	// quad, so the statement is complete even where graph labels are lost.
	RDFSubject   = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject"
	RDFPredicate = "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate"
	RDFObject    = "http://www.w3.org/1999/02/22-rdf-syntax-ns#object"
	// AttrMentions links a document to every entity it mentions.
	AttrMentions = schema.Base + "mentions"
	// AttrAttribution carries who a statement is reported to have been said
	// by (extract.Relation.Attribution).
	AttrAttribution = schema.Base + "attribution"
)

var (
	reDate      = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
	reYearMonth = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}$`)
	reYear      = regexp.MustCompile(`^[0-9]{4}$`)
)

// WhenLiteral returns the literal stored for a relation's `when`: a date
// typed xsd:date (YYYY-MM-DD), xsd:gYearMonth (YYYY-MM) or xsd:gYear (YYYY),
// and a plain string for anything else.
func WhenLiteral(when string) quad.Value {
	switch {
	case reDate.MatchString(when):
		return quad.TypedString{Value: quad.String(when), Type: schema.XSDDate}
	case reYearMonth.MatchString(when):
		return quad.TypedString{Value: quad.String(when), Type: schema.XSDGYearMonth}
	case reYear.MatchString(when):
		return quad.TypedString{Value: quad.String(when), Type: schema.XSDGYear}
	}
	return quad.String(when)
}

// dateLiteral types a document date as xsd:date when it is one.
func dateLiteral(date string) quad.Value {
	if reDate.MatchString(date) {
		return quad.TypedString{Value: quad.String(date), Type: schema.XSDDate}
	}
	return quad.String(date)
}

func intLiteral(n int) quad.Value {
	return quad.TypedString{Value: quad.String(strconv.Itoa(n)), Type: schema.XSDInteger}
}

func floatLiteral(f float64) quad.Value {
	return quad.TypedString{Value: quad.String(strconv.FormatFloat(f, 'g', -1, 64)), Type: schema.XSDFloat}
}

// lexical returns the lexical form of a literal, or the IRI of an IRI.
func lexical(v quad.Value) string {
	switch v := v.(type) {
	case nil:
		return ""
	case quad.IRI:
		return string(v)
	case quad.String:
		return string(v)
	case quad.TypedString:
		return string(v.Value)
	case quad.LangString:
		return string(v.Value)
	case quad.BNode:
		return string(v)
	}
	return fmt.Sprint(v.Native())
}

// StatementID returns the hex identifier of a statement: a digest of the
// document ID, the subject and object (entity IRIs, or the literal of a
// literal object), the predicate name and the evidence offsets. Writing the
// same relation of the same document again yields the same statement.
func StatementID(doc, subjectIRI, predicate, object string, literal bool, start, end int) string {
	h := sha256.New()
	kind := "iri"
	if literal {
		kind = "literal"
	}
	for _, part := range []string{doc, subjectIRI, predicate, kind, object, strconv.Itoa(start), strconv.Itoa(end)} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// predicateName returns the schema predicate name of a predicate IRI, or ""
// when iri is not one.
func predicateName(iri string) string {
	rest, ok := strings.CutPrefix(iri, schema.Base+"rel/")
	if !ok {
		return ""
	}
	name, err := url.PathUnescape(rest)
	if err != nil {
		return ""
	}
	if _, ok := schema.LookupPredicate(name); !ok {
		return ""
	}
	return name
}

// docIDFromIRI returns the document ID that document IRI iri encodes (the
// inverse of schema.DocumentIRI), or "" when its rest does not unescape.
// Readers use it when a document node lacks its ID attribute.
func docIDFromIRI(iri string) string {
	id, err := url.PathUnescape(strings.TrimPrefix(iri, schema.Base+"doc/"))
	if err != nil {
		return ""
	}
	return id
}

// entityType returns the schema type of a type IRI, or "" when iri is not one.
func entityType(iri string) schema.EntityType {
	rest, ok := strings.CutPrefix(iri, schema.Base+"type/")
	if !ok {
		return ""
	}
	t := schema.EntityType(rest)
	if !t.Valid() {
		return ""
	}
	return t
}

// docEntity is one entity as a document contributes it.
type docEntity struct {
	iri     string
	name    string
	typ     schema.EntityType
	aliases map[string]bool
}

// layout is the set of quads that represent one document.
type layout struct {
	docID      string
	docIRI     string
	hash       string
	quads      []quad.Quad
	statements int
}

// buildLayout turns a document into its quads (see the package comment for
// the layout). The result is deterministic and free of duplicates. It fails
// with ErrInvalid when a relation cannot be stored.
func buildLayout(d *extract.Document) (*layout, error) {
	if d == nil || d.ID == "" {
		return nil, fmt.Errorf("%w: document has no ID", ErrInvalid)
	}
	if err := checkUTF8(d); err != nil {
		return nil, err
	}
	hash := d.Hash
	if hash == "" {
		sum := sha256.Sum256([]byte(d.Text))
		hash = hex.EncodeToString(sum[:])
	}
	docIRI := schema.DocumentIRI(d.ID)
	doc := quad.IRI(docIRI)
	l := &layout{docID: d.ID, docIRI: docIRI, hash: hash}
	// Quads are told apart by their values: the layout makes every term
	// with one Go type per kind of term, so equal terms are equal values.
	seen := make(map[quad.Quad]struct{})
	add := func(s, p, o, label quad.Value) {
		q := quad.Quad{Subject: s, Predicate: p, Object: o, Label: label}
		if _, dup := seen[q]; dup {
			return
		}
		seen[q] = struct{}{}
		l.quads = append(l.quads, q)
	}
	addLit := func(s quad.Value, p string, v string) {
		if v != "" {
			add(s, quad.IRI(p), quad.String(v), doc)
		}
	}

	// Entities, merged by IRI within the document: the first name seen is
	// the entity's name here, other names and aliases become aliases.
	ents := make(map[string]*docEntity)
	var order []string
	entity := func(name string, t schema.EntityType) *docEntity {
		name = strings.TrimSpace(name)
		iri := schema.EntityIRI(name)
		e := ents[iri]
		if e == nil {
			if !t.Valid() {
				t = schema.Other
			}
			e = &docEntity{iri: iri, name: name, typ: t, aliases: map[string]bool{}}
			ents[iri] = e
			order = append(order, iri)
		} else if name != e.name {
			e.aliases[name] = true
		}
		return e
	}
	// byAlias resolves a relation endpoint written as one of an entity's
	// aliases ("Petro") to that entity; an alias of two entities resolves
	// to neither.
	byAlias := make(map[string]*docEntity)
	ambiguous := make(map[string]bool)
	for _, e := range d.Entities {
		if strings.TrimSpace(e.Name) == "" {
			continue
		}
		de := entity(e.Name, e.Type)
		for _, a := range e.Aliases {
			if a = strings.TrimSpace(a); a != "" && a != de.name {
				de.aliases[a] = true
				k := schema.Fold(a)
				if prev := byAlias[k]; prev != nil && prev != de {
					ambiguous[k] = true
				}
				byAlias[k] = de
			}
		}
	}
	endpoint := func(name string, t schema.EntityType) *docEntity {
		name = strings.TrimSpace(name)
		if ents[schema.EntityIRI(name)] == nil {
			if k := schema.Fold(name); byAlias[k] != nil && !ambiguous[k] {
				e := byAlias[k]
				if name != e.name {
					e.aliases[name] = true
				}
				return e
			}
		}
		return entity(name, t)
	}

	// Statements.
	type stmt struct {
		iri  string
		subj *docEntity
		obj  *docEntity
		lit  string
		pred schema.Predicate
		rel  *extract.Relation
	}
	var stmts []stmt
	stmtSeen := make(map[string]bool)
	for i := range d.Relations {
		r := &d.Relations[i]
		p, ok := schema.LookupPredicate(r.Predicate)
		if !ok {
			return nil, fmt.Errorf("%w: relation %d: unknown predicate %q", ErrInvalid, i, r.Predicate)
		}
		if strings.TrimSpace(r.Subject) == "" || strings.TrimSpace(r.Object) == "" {
			return nil, fmt.Errorf("%w: relation %d (%s): empty subject or object", ErrInvalid, i, r.Predicate)
		}
		st := stmt{pred: p, rel: r, subj: endpoint(r.Subject, r.SubjectType)}
		if p.LiteralObject {
			st.lit = r.Object
		} else {
			st.obj = endpoint(r.Object, r.ObjectType)
			if p.Symmetric && st.obj.iri < st.subj.iri {
				st.subj, st.obj = st.obj, st.subj
			}
		}
		var id string
		if st.obj != nil {
			id = StatementID(d.ID, st.subj.iri, p.Name, st.obj.iri, false, r.Start, r.End)
		} else {
			id = StatementID(d.ID, st.subj.iri, p.Name, st.lit, true, r.Start, r.End)
		}
		st.iri = schema.StatementIRI(id)
		if stmtSeen[st.iri] {
			continue
		}
		stmtSeen[st.iri] = true
		stmts = append(stmts, st)
	}

	// Document node.
	rdfType := quad.IRI(schema.RDFType)
	add(doc, rdfType, quad.IRI(schema.ClassDocument), doc)
	addLit(doc, schema.AttrDocID, d.ID)
	addLit(doc, schema.AttrPath, d.Path)
	addLit(doc, schema.AttrTitle, d.Title)
	if d.Date != "" {
		add(doc, quad.IRI(schema.AttrDate), dateLiteral(d.Date), doc)
	}
	addLit(doc, schema.AttrHash, hash)
	if d.URL != "" {
		add(doc, quad.IRI(schema.AttrURL), quad.TypedString{Value: quad.String(d.URL), Type: schema.XSDAnyURI}, doc)
	}
	addLit(doc, schema.AttrPublisher, d.Publisher)
	for _, iri := range order {
		add(doc, quad.IRI(AttrMentions), quad.IRI(iri), doc)
	}

	// Entity nodes, as this document describes them.
	for _, iri := range order {
		e := ents[iri]
		s := quad.IRI(iri)
		add(s, rdfType, quad.IRI(schema.TypeIRI(e.typ)), doc)
		add(s, quad.IRI(schema.Name), quad.String(e.name), doc)
		aliases := make([]string, 0, len(e.aliases))
		for a := range e.aliases {
			aliases = append(aliases, a)
		}
		sort.Strings(aliases)
		for _, a := range aliases {
			add(s, quad.IRI(schema.AlternateName), quad.String(a), doc)
		}
	}

	// Relation quads and statement nodes.
	for _, st := range stmts {
		r := st.rel
		sn := quad.IRI(st.iri)
		var obj quad.Value
		if st.obj != nil {
			obj = quad.IRI(st.obj.iri)
		} else {
			obj = quad.String(st.lit)
		}
		pred := quad.IRI(schema.PredicateIRI(st.pred.Name))
		add(quad.IRI(st.subj.iri), pred, obj, sn)
		add(sn, rdfType, quad.IRI(schema.ClassStatement), doc)
		add(sn, quad.IRI(RDFSubject), quad.IRI(st.subj.iri), doc)
		add(sn, quad.IRI(RDFPredicate), pred, doc)
		add(sn, quad.IRI(RDFObject), obj, doc)
		add(sn, quad.IRI(schema.AttrSource), doc, doc)
		addLit(sn, schema.AttrSentence, r.Sentence)
		add(sn, quad.IRI(schema.AttrStart), intLiteral(r.Start), doc)
		add(sn, quad.IRI(schema.AttrEnd), intLiteral(r.End), doc)
		mod := r.Modality
		if mod == "" {
			mod = schema.Asserted
		}
		addLit(sn, schema.AttrModality, string(mod))
		if r.When != "" {
			add(sn, quad.IRI(schema.AttrWhen), WhenLiteral(r.When), doc)
		}
		addLit(sn, schema.AttrCAMEO, r.CAMEO)
		add(sn, quad.IRI(schema.AttrConfidence), floatLiteral(r.Confidence), doc)
		addLit(sn, AttrAttribution, r.Attribution)
	}
	l.statements = len(stmts)
	return l, nil
}

// checkUTF8 fails with ErrInvalid when a string the layout stores is not
// valid UTF-8 (N-Quads and JSON-LD could not carry it).
func checkUTF8(d *extract.Document) error {
	check := func(what, v string) error {
		if !utf8.ValidString(v) {
			return fmt.Errorf("%w: %s %q is not valid UTF-8", ErrInvalid, what, v)
		}
		return nil
	}
	fields := []struct{ what, v string }{{"ID", d.ID}, {"path", d.Path}, {"title", d.Title}, {"date", d.Date}, {"hash", d.Hash}}
	for _, e := range d.Entities {
		fields = append(fields, struct{ what, v string }{"entity", e.Name})
		for _, a := range e.Aliases {
			fields = append(fields, struct{ what, v string }{"alias", a})
		}
	}
	for _, r := range d.Relations {
		for _, v := range []string{r.Subject, r.Object, r.Sentence, r.When, r.CAMEO, r.Attribution, string(r.Modality)} {
			fields = append(fields, struct{ what, v string }{"relation field", v})
		}
	}
	for _, f := range fields {
		if err := check(f.what, f.v); err != nil {
			return err
		}
	}
	return nil
}

// quadKey is a quad's identity for set operations: its N-Quads terms.
func quadKey(q quad.Quad) string {
	var b strings.Builder
	for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
		if v != nil {
			b.WriteString(v.String())
		}
		b.WriteByte(0)
	}
	return b.String()
}
