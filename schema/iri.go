package schema

import "net/url"

// Base is the IRI under which every node and predicate of the graph lives.
const Base = "http://newsgraph.org/kg/"

// Well-known IRIs of other vocabularies used in the store.
const (
	RDFType       = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
	Name          = "http://schema.org/name"
	AlternateName = "http://schema.org/alternateName"
	XSDDate       = "http://www.w3.org/2001/XMLSchema#date"
	XSDGYearMonth = "http://www.w3.org/2001/XMLSchema#gYearMonth"
	XSDGYear      = "http://www.w3.org/2001/XMLSchema#gYear"
	XSDFloat      = "http://www.w3.org/2001/XMLSchema#float"
	XSDInteger    = "http://www.w3.org/2001/XMLSchema#integer"
	XSDAnyURI     = "http://www.w3.org/2001/XMLSchema#anyURI"
)

// Attribute IRIs carried by statement and document nodes.
const (
	AttrSource     = Base + "source"     // statement → document
	AttrSentence   = Base + "sentence"   // statement → evidence sentence
	AttrStart      = Base + "start"      // statement → byte offset of the sentence
	AttrEnd        = Base + "end"        // statement → end byte offset
	AttrModality   = Base + "modality"   // statement → "asserted" | …
	AttrWhen       = Base + "when"       // statement → ISO date literal
	AttrCAMEO      = Base + "cameo"      // statement → CAMEO code
	AttrConfidence = Base + "confidence" // statement → xsd:float
	AttrPath       = Base + "path"       // document → file path
	AttrTitle      = Base + "title"      // document → title
	AttrDate       = Base + "date"       // document → xsd:date
	AttrHash       = Base + "hash"       // document → sha256 of content
	AttrDocID      = Base + "doc"        // document → its record name
	AttrURL        = Base + "url"        // document → canonical address (xsd:anyURI)
	AttrPublisher  = Base + "publisher"  // document → publication name
	ClassStatement = Base + "Statement"
	ClassDocument  = Base + "Document"
)

// EntityIRI returns the IRI of the entity with canonical name name.
// Names that Fold alike share an IRI, which merges entities across documents.
func EntityIRI(name string) string { return Base + "entity/" + Slug(name) }

// TypeIRI returns the class IRI of an entity type.
func TypeIRI(t EntityType) string { return Base + "type/" + string(t) }

// PredicateIRI returns the IRI of a predicate name.
func PredicateIRI(name string) string { return Base + "rel/" + url.PathEscape(name) }

// DocumentIRI returns the IRI of a document given its record name (the
// input's base name).
func DocumentIRI(doc string) string { return Base + "doc/" + url.PathEscape(doc) }

// StatementIRI returns the IRI of a statement node given its identifier,
// a hex digest computed by the graph package.
func StatementIRI(id string) string { return Base + "stmt/" + id }
