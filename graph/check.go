package graph

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/schema"
)

// ProblemKind names one kind of inconsistency Check finds.
type ProblemKind string

// The problems Check reports.
const (
	// ProblemStatementField: a statement node lacks one of the attributes
	// every statement has (rdf:type, rdf:subject, rdf:predicate,
	// rdf:object, source, sentence, start, end, modality, confidence), or
	// has one of them twice with different values.
	ProblemStatementField ProblemKind = "statement-field"
	// ProblemStatementGraph: a statement's quads are not in the named graph
	// of its source document.
	ProblemStatementGraph ProblemKind = "statement-graph"
	// ProblemStatementDocument: a statement's source document is not
	// stored.
	ProblemStatementDocument ProblemKind = "statement-document"
	// ProblemRelationMissing: a statement has no relation quad labelled
	// with it, or one that does not match its reification.
	ProblemRelationMissing ProblemKind = "relation-missing"
	// ProblemRelationOrphan: a relation quad is labelled with something
	// that is not a complete statement.
	ProblemRelationOrphan ProblemKind = "relation-orphan"
	// ProblemDocumentField: a document node lacks its rdf:type, ID, hash
	// or path, or its ID does not match its IRI.
	ProblemDocumentField ProblemKind = "document-field"
	// ProblemEntityDescription: a document mentions an entity but does not
	// describe it (type and name) in its graph, or describes an entity it
	// does not mention.
	ProblemEntityDescription ProblemKind = "entity-description"
	// ProblemOrphanQuad: a quad outside the layout: without a graph label,
	// in the graph of a document that is not stored, or of no known shape.
	ProblemOrphanQuad ProblemKind = "orphan-quad"
	// ProblemOrphanNode: the backend holds nodes that no quad uses.
	ProblemOrphanNode ProblemKind = "orphan-node"
	// ProblemCount: a count the store keeps (quads) or Stats reports
	// disagrees with a scan of every quad.
	ProblemCount ProblemKind = "count"
)

// Problem is one inconsistency found by Check. Doc is the document ID
// concerned and Statement the statement IRI, when there is one.
type Problem struct {
	Kind      ProblemKind `json:"kind"`
	Doc       string      `json:"doc,omitempty"`
	Statement string      `json:"statement,omitempty"`
	Detail    string      `json:"detail"`
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(string(p.Kind))
	if p.Doc != "" {
		fmt.Fprintf(&b, " doc %s", p.Doc)
	}
	if p.Statement != "" {
		fmt.Fprintf(&b, " statement %s", p.Statement)
	}
	b.WriteString(": ")
	b.WriteString(p.Detail)
	return b.String()
}

// CheckReport is the outcome of Check: what a scan of every quad counted,
// and every problem found (none for a consistent store), sorted by
// document, statement, kind and detail. Nodes is -1 when the backend
// cannot count its nodes exactly.
type CheckReport struct {
	Quads      int64     `json:"quads"`
	Nodes      int64     `json:"nodes"`
	Documents  int64     `json:"documents"`
	Statements int64     `json:"statements"`
	Entities   int64     `json:"entities"`
	Problems   []Problem `json:"problems"`
}

// OK reports whether Check found no problem.
func (r CheckReport) OK() bool { return len(r.Problems) == 0 }

// stmtFields are the attributes every statement node has; each but
// rdf:type holds exactly one value.
var stmtFields = []string{
	schema.RDFType, RDFSubject, RDFPredicate, RDFObject, schema.AttrSource,
	schema.AttrSentence, schema.AttrStart, schema.AttrEnd, schema.AttrModality, schema.AttrConfidence,
}

// checkStmt is what the scan learnt about one statement node.
type checkStmt struct {
	fields map[string]map[string]bool // predicate IRI → distinct object terms
	graphs map[string]bool            // labels of its quads
	typed  bool
	rels   []quad.Quad // quads labelled with it
}

// checkDoc is what the scan learnt about one document IRI.
type checkDoc struct {
	fields   map[string]map[string]bool // predicate IRI → distinct lexical values
	typed    bool
	graph    int               // quads labelled with the document
	mentions map[string]bool   // entity IRIs it mentions
	descs    map[string]string // entity IRI → "t", "n" or "tn": type and name given
}

// Check verifies that the store holds exactly what the layout of the
// package comment allows: every statement node is complete (relation quad,
// reification, source document, sentence, offsets, modality, confidence),
// in the graph of its source document, which is stored; every relation
// quad is labelled with a complete statement; every document node has its
// type, ID, hash and path; every entity a document mentions is described
// in the document's graph and no other; no quad lies outside the layout;
// the backend holds no node that no quad uses; and the quad count the
// backend keeps and the counts of Stats agree with a scan of every quad.
// It only reads. A problem found is reported in CheckReport, not as an
// error; the error is for a store that cannot be read.
func (s *Store) Check(ctx context.Context) (CheckReport, error) {
	if err := s.rlock(); err != nil {
		return CheckReport{}, fmt.Errorf("check %s: %w", s.where(), err)
	}
	defer s.runlock()
	rep, err := s.check(ctx)
	if err != nil {
		return CheckReport{}, fmt.Errorf("check %s: %w", s.where(), err)
	}
	return rep, nil
}

func (s *Store) check(ctx context.Context) (CheckReport, error) {
	var (
		rep     = CheckReport{Nodes: -1, Problems: []Problem{}}
		stmts   = map[string]*checkStmt{}
		docs    = map[string]*checkDoc{}
		nodes   = map[string]bool{}
		ents    = map[string]bool{}
		stmtPre = schema.StatementIRI("")
		docPre  = schema.DocumentIRI("")
	)
	add := func(p Problem) { rep.Problems = append(rep.Problems, p) }
	stmt := func(iri string) *checkStmt {
		st := stmts[iri]
		if st == nil {
			st = &checkStmt{fields: map[string]map[string]bool{}, graphs: map[string]bool{}}
			stmts[iri] = st
		}
		return st
	}
	doc := func(iri string) *checkDoc {
		d := docs[iri]
		if d == nil {
			d = &checkDoc{fields: map[string]map[string]bool{}, mentions: map[string]bool{}, descs: map[string]string{}}
			docs[iri] = d
		}
		return d
	}
	docID := func(iri string) string {
		if d := docs[iri]; d != nil {
			for id := range d.fields[schema.AttrDocID] {
				return id
			}
		}
		if strings.HasPrefix(iri, docPre) {
			return docIDFromIRI(iri)
		}
		return ""
	}

	err := s.scan(ctx, names{}, nil, func(q quad.Quad) error {
		rep.Quads++
		for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			if v != nil {
				nodes[v.String()] = true
			}
		}
		subj, pred, label := lexical(q.Subject), lexical(q.Predicate), lexical(q.Label)
		_, subjIRI := q.Subject.(quad.IRI)
		_, labelIRI := q.Label.(quad.IRI)
		switch {
		case q.Label == nil:
			add(Problem{Kind: ProblemOrphanQuad, Detail: "quad without a graph label: " + q.NQuad()})
		case labelIRI && strings.HasPrefix(label, stmtPre):
			stmt(label).rels = append(stmt(label).rels, q)
		case subjIRI && strings.HasPrefix(subj, stmtPre):
			st := stmt(subj)
			st.graphs[label] = true
			if st.fields[pred] == nil {
				st.fields[pred] = map[string]bool{}
			}
			st.fields[pred][q.Object.String()] = true
			if pred == schema.RDFType && lexical(q.Object) == schema.ClassStatement {
				st.typed = true
			}
		case !labelIRI || !strings.HasPrefix(label, docPre):
			add(Problem{Kind: ProblemOrphanQuad, Detail: "quad in a graph that is neither a document nor a statement: " + q.NQuad()})
		case subjIRI && subj == label:
			d := doc(label)
			d.graph++
			if d.fields[pred] == nil {
				d.fields[pred] = map[string]bool{}
			}
			d.fields[pred][lexical(q.Object)] = true
			switch {
			case pred == schema.RDFType && lexical(q.Object) == schema.ClassDocument:
				d.typed = true
			case pred == AttrMentions:
				d.mentions[lexical(q.Object)] = true
			}
		case subjIRI && (pred == schema.RDFType || pred == schema.Name || pred == schema.AlternateName):
			d := doc(label)
			d.graph++
			switch pred {
			case schema.RDFType:
				d.descs[subj] += "t"
				if entityType(lexical(q.Object)) != "" {
					ents[subj] = true
				}
			case schema.Name:
				d.descs[subj] += "n"
			default: // an alias: the entity is described, not necessarily fully
				d.descs[subj] += ""
			}
		default:
			doc(label).graph++
			add(Problem{Kind: ProblemOrphanQuad, Doc: docID(label), Detail: "quad of no known shape in a document graph: " + q.NQuad()})
		}
		return nil
	})
	if err != nil {
		return rep, err
	}
	rep.Entities = int64(len(ents))

	// Documents.
	for iri, d := range docs {
		id := docID(iri)
		if !d.typed {
			add(Problem{Kind: ProblemOrphanQuad, Doc: id, Detail: fmt.Sprintf("%d quads in the graph of a document that is not stored (no rdf:type Document)", d.graph)})
			continue
		}
		rep.Documents++
		for _, f := range []struct{ pred, name string }{{schema.AttrDocID, "ID"}, {schema.AttrHash, "hash"}, {schema.AttrPath, "path"}} {
			switch n := len(d.fields[f.pred]); {
			case n == 0:
				add(Problem{Kind: ProblemDocumentField, Doc: id, Detail: "document has no " + f.name})
			case n > 1:
				add(Problem{Kind: ProblemDocumentField, Doc: id, Detail: fmt.Sprintf("document has %d different %ss", n, f.name)})
			}
		}
		if ids := d.fields[schema.AttrDocID]; len(ids) == 1 && schema.DocumentIRI(id) != iri {
			add(Problem{Kind: ProblemDocumentField, Doc: id, Detail: "document ID does not match its IRI " + iri})
		}
		for e := range d.mentions {
			desc := d.descs[e]
			if !strings.Contains(desc, "t") || !strings.Contains(desc, "n") {
				add(Problem{Kind: ProblemEntityDescription, Doc: id, Detail: "mentions " + e + " but does not describe it (type and name) in its graph"})
			}
		}
		for e := range d.descs {
			if !d.mentions[e] {
				add(Problem{Kind: ProblemEntityDescription, Doc: id, Detail: "describes " + e + " but does not mention it"})
			}
		}
	}

	// Statements and relation quads.
	for iri, st := range stmts {
		if len(st.fields) == 0 {
			for _, q := range st.rels {
				add(Problem{Kind: ProblemRelationOrphan, Statement: iri, Detail: "relation quad labelled with a statement that is not stored: " + q.NQuad()})
			}
			continue
		}
		var source string
		for v := range st.fields[schema.AttrSource] {
			source = lexical(termValue(v))
		}
		id := docID(source)
		if !st.typed {
			add(Problem{Kind: ProblemStatementField, Doc: id, Statement: iri, Detail: "statement node has no rdf:type Statement"})
			for _, q := range st.rels {
				add(Problem{Kind: ProblemRelationOrphan, Doc: id, Statement: iri, Detail: "relation quad labelled with an incomplete statement: " + q.NQuad()})
			}
			continue
		}
		rep.Statements++
		for _, f := range stmtFields {
			switch n := len(st.fields[f]); {
			case n == 0:
				add(Problem{Kind: ProblemStatementField, Doc: id, Statement: iri, Detail: "statement has no <" + f + ">"})
			case n > 1 && f != schema.RDFType:
				add(Problem{Kind: ProblemStatementField, Doc: id, Statement: iri, Detail: fmt.Sprintf("statement has %d different <%s>", n, f)})
			}
		}
		if source == "" {
			continue
		}
		if d := docs[source]; d == nil || !d.typed {
			add(Problem{Kind: ProblemStatementDocument, Doc: id, Statement: iri, Detail: "source document " + source + " is not stored"})
		}
		for g := range st.graphs {
			if g != source {
				add(Problem{Kind: ProblemStatementGraph, Doc: id, Statement: iri, Detail: "statement quads in graph " + g + ", not in its source document's"})
			}
		}
		want := func(pred string) string {
			for v := range st.fields[pred] {
				return v
			}
			return ""
		}
		ws, wp, wo := want(RDFSubject), want(RDFPredicate), want(RDFObject)
		switch {
		case len(st.rels) == 0:
			add(Problem{Kind: ProblemRelationMissing, Doc: id, Statement: iri, Detail: "statement has no relation quad"})
		case len(st.rels) > 1:
			add(Problem{Kind: ProblemRelationMissing, Doc: id, Statement: iri, Detail: fmt.Sprintf("statement has %d relation quads, want 1", len(st.rels))})
		default:
			r := st.rels[0]
			if r.Subject.String() != ws || r.Predicate.String() != wp || r.Object.String() != wo {
				add(Problem{Kind: ProblemRelationMissing, Doc: id, Statement: iri, Detail: "relation quad " + r.NQuad() + " does not match the statement's rdf:subject, rdf:predicate and rdf:object"})
			}
		}
	}

	// Counts: the backend's own, its nodes, and Stats.
	cs, err := s.qs.Stats(ctx, s.exactStats())
	if err != nil && !errors.Is(err, kv.ErrNoBucket) {
		return rep, fmt.Errorf("backend counts: %w", err)
	}
	if err == nil {
		if cs.Quads.Size != rep.Quads {
			add(Problem{Kind: ProblemCount, Detail: fmt.Sprintf("the backend counts %d quads, a scan finds %d", cs.Quads.Size, rep.Quads)})
		}
		if cs.Nodes.Exact {
			rep.Nodes = cs.Nodes.Size
			if used := int64(len(nodes)); cs.Nodes.Size != used {
				add(Problem{Kind: ProblemOrphanNode, Detail: fmt.Sprintf("the backend holds %d nodes, quads use %d", cs.Nodes.Size, used)})
			}
		}
	}
	if err := s.checkSQL(ctx, add); err != nil {
		return rep, err
	}
	st, err := s.stats(ctx)
	if err != nil {
		return rep, fmt.Errorf("stats: %w", err)
	}
	for _, c := range []struct {
		what       string
		stats, got int64
	}{{"statements", st.Statements, rep.Statements}, {"documents", st.Documents, rep.Documents}, {"entities", st.Entities, rep.Entities}} {
		if c.stats != c.got {
			add(Problem{Kind: ProblemCount, Detail: fmt.Sprintf("Stats counts %d %s, a scan finds %d", c.stats, c.what, c.got)})
		}
	}

	sort.Slice(rep.Problems, func(i, j int) bool {
		a, b := rep.Problems[i], rep.Problems[j]
		switch {
		case a.Doc != b.Doc:
			return a.Doc < b.Doc
		case a.Statement != b.Statement:
			return a.Statement < b.Statement
		case a.Kind != b.Kind:
			return a.Kind < b.Kind
		}
		return a.Detail < b.Detail
	})
	return rep, nil
}

// termValue parses an N-Quads term kept by the scan back into a value.
func termValue(term string) quad.Value {
	if strings.HasPrefix(term, "<") && strings.HasSuffix(term, ">") {
		return quad.IRI(term[1 : len(term)-1])
	}
	return quad.String(term)
}
