package extract

import (
	"encoding/json"

	"github.com/newsgraph/newsgraph/schema"
)

// Document is the result of extracting one article: its provenance, its
// text, and the entities and relations found in it. It is the only type the
// graph package takes from extract.
type Document struct {
	// ID is the record name of the document: the input file's base name
	// ("000_81440262383a513b.txt"), or "stdin". It identifies the document in
	// the store: ingesting another text under the same ID replaces it.
	ID string
	// Path is where the text was read from ("-" for standard input).
	Path string
	// Title is the first line of the article body, or the title a reader found.
	Title string
	// Date is the article's publication date as YYYY-MM-DD, or "" if unknown.
	Date string
	// URL is the article's canonical address, and Publisher the name of the
	// publication, when the reader found them (HTML meta tags, a feed, a
	// JSON Lines record); "" otherwise.
	URL, Publisher string
	// Hash is the lowercase hex SHA-256 of the raw input bytes.
	Hash string
	// Text is the full raw text; evidence offsets index into it.
	Text string
	// Entities lists each distinct entity once, in order of first mention.
	Entities []Entity
	// Relations lists the relations found, in order of their evidence.
	Relations []Relation
}

// Entity is one distinct entity of a document.
type Entity struct {
	Name     string            // canonical name: the fullest proper name used
	Type     schema.EntityType // Person, Country, Location, Organization, Other
	Aliases  []string          // other surface forms seen in the document, sorted
	Mentions int               // how many mentions resolve to it
}

// Relation is one subject–predicate–object statement with its evidence.
// For the predicate "title" Object is the title string and ObjectType is "".
type Relation struct {
	Subject     string
	SubjectType schema.EntityType
	Predicate   string
	Object      string
	ObjectType  schema.EntityType
	Modality    schema.Modality
	When        string  // ISO 8601 at the precision the text gives, or ""
	CAMEO       string  // for events; "" for states
	Confidence  float64 // 0..1
	Sentence    string  // the evidence sentence, as in the text
	Start, End  int     // byte offsets of Sentence in Document.Text
	// Attribution names who is reported as saying it, when the sentence is
	// reported speech ("Okello said …"); "" otherwise.
	Attribution string
}

// Record is one line of `extract --format jsonl`: the schema v1 extraction
// record. Kind is "entity" or "relation"; the other fields are set as the
// kind requires, and empty ones are omitted.
type Record struct {
	Kind        string   `json:"kind"`
	Doc         string   `json:"doc"`
	Name        string   `json:"name,omitempty"`
	Type        string   `json:"type,omitempty"`
	Aliases     []string `json:"aliases,omitempty"`
	Mentions    int      `json:"mentions,omitempty"`
	Subject     string   `json:"subject,omitempty"`
	SubjectType string   `json:"subject_type,omitempty"`
	Predicate   string   `json:"predicate,omitempty"`
	Object      string   `json:"object,omitempty"`
	ObjectType  string   `json:"object_type,omitempty"`
	Modality    string   `json:"modality,omitempty"`
	When        string   `json:"when,omitempty"`
	CAMEO       string   `json:"cameo,omitempty"`
	Confidence  float64  `json:"confidence,omitempty"`
	Sentence    string   `json:"sentence,omitempty"`
	Start       int      `json:"start,omitempty"`
	End         int      `json:"end,omitempty"`
	Attribution string   `json:"attribution,omitempty"`
}

// Records returns the document as extraction records: one per entity, then
// one per relation, in the document's order.
func (d *Document) Records() []Record {
	out := make([]Record, 0, len(d.Entities)+len(d.Relations))
	for _, e := range d.Entities {
		out = append(out, Record{Kind: "entity", Doc: d.ID, Name: e.Name, Type: string(e.Type), Aliases: e.Aliases, Mentions: e.Mentions})
	}
	for _, r := range d.Relations {
		out = append(out, Record{
			Kind: "relation", Doc: d.ID,
			Subject: r.Subject, SubjectType: string(r.SubjectType),
			Predicate: r.Predicate,
			Object:    r.Object, ObjectType: string(r.ObjectType),
			Modality: string(r.Modality), When: r.When, CAMEO: r.CAMEO,
			Confidence: r.Confidence, Sentence: r.Sentence, Start: r.Start, End: r.End,
			Attribution: r.Attribution,
		})
	}
	return out
}

// MarshalJSON writes the record with empty fields omitted, except that a
// relation always carries its start and end offsets (a sentence may start at 0).
func (r Record) MarshalJSON() ([]byte, error) {
	type plain Record
	if r.Kind != "relation" {
		return json.Marshal(plain(r))
	}
	return json.Marshal(struct {
		plain
		Start int `json:"start"`
		End   int `json:"end"`
	}{plain(r), r.Start, r.End})
}
