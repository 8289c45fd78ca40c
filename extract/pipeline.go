// Package extract turns one news article into a Document: its sentences,
// the entities it names and the relations between them, each relation with
// its evidence sentence and byte offsets.
//
// Extraction is a Pipeline: a list of Stages run in order over a State, the
// per-document working data. NewPipeline returns the default stages:
// sentence splitting and tokenising, tagging, dependency parsing, mentions,
// entities, relations and the assembly of the Document. The tokenizer,
// tagger, entity recognizer and parser are the project's own models
// (packages nlp/tokenize, nlp/pos, nlp/ner, nlp/depparse), embedded in the
// binary. Models are loaded once and shared, so a Pipeline is safe for
// concurrent Extract calls.
package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/newsgraph/newsgraph/schema"
)

// The errors Extract returns when it refuses its input. Each is wrapped with
// detail (the byte offset of invalid UTF-8, for one); test with errors.Is.
var (
	// ErrEmpty means the input holds no text once trimmed, or only a date line.
	ErrEmpty = errors.New("extract: empty document")
	// ErrBinary means the input has NUL bytes or is mostly control bytes.
	ErrBinary = errors.New("extract: binary content")
	// ErrEncoding means the input is not valid UTF-8.
	ErrEncoding = errors.New("extract: invalid UTF-8")
)

// Stage is one step of a Pipeline. Run reads and extends the State; an error
// stops the pipeline and is returned by Extract, wrapped with the stage name.
type Stage interface {
	Name() string
	Run(*State) error
}

// Pipeline is plain data: its Stages run in order over one document. A test
// may build a Pipeline of a few stages to look at the State they leave.
type Pipeline struct {
	Stages []Stage
	// Ref is the date that relative dates resolve against in an article
	// that carries no date of its own (no date line, no dateline): the
	// date the caller knows the articles were written, or StoryDate of the
	// articles read with it. Zero leaves such dates unresolved. An
	// article's own date always wins, and Document.Date stays "" for an
	// undated article whatever Ref is.
	Ref time.Time
}

// NewPipeline returns the default pipeline: Segmenter, Tagger (with entity
// labels), Parser, Mentioner, Resolver, Relater and Assembler. The models
// are loaded lazily, once per process, and shared by every pipeline; Extract
// is safe for concurrent use.
func NewPipeline() *Pipeline {
	return &Pipeline{Stages: []Stage{
		Segmenter{},
		&Tagger{NER: true},
		Parser{},
		Mentioner{},
		Resolver{},
		Relater{},
		Assembler{},
	}}
}

// Extract reads one article (the raw bytes of a .txt or .md file) and returns
// its Document. id is the record name (the file's base name, or "stdin") and
// path where the text came from. The input is validated first: the error
// wraps ErrBinary, ErrEncoding or ErrEmpty when it is refused. Offsets in the
// result are byte offsets into Document.Text, which is raw unchanged.
func (p *Pipeline) Extract(id, path string, raw []byte) (*Document, error) {
	st, err := p.Analyze(id, path, raw)
	if err != nil {
		return nil, err
	}
	return st.Doc, nil
}

// Analyze runs the pipeline over one article like Extract and returns the
// State the stages leave: the Document (st.Doc) with the sentences, tokens,
// tags, trees and mentions it was read from. Errors are those of Extract.
func (p *Pipeline) Analyze(id, path string, raw []byte) (*State, error) {
	st, err := NewState(id, path, raw)
	if err != nil {
		return nil, err
	}
	if st.Ref.IsZero() {
		st.Ref = p.Ref
	}
	if err := p.Run(st); err != nil {
		return nil, err
	}
	return st, nil
}

// AnalyzeArticle runs the pipeline over an Article a reader found (see
// Read) like Analyze over its Input, and keeps the reader's provenance on
// the Document: its URL and Publisher, and its headline as Title when the
// reader found one (a page's or item's title beats a first line).
func (p *Pipeline) AnalyzeArticle(a Article) (*State, error) {
	st, err := p.Analyze(a.ID, a.Path, a.Input())
	if err != nil {
		return nil, err
	}
	st.Doc.URL, st.Doc.Publisher = a.URL, a.Publisher
	if a.Title != "" {
		st.Doc.Title = a.Title
	}
	return st, nil
}

// Run runs every stage over st in order and stops at the first error.
func (p *Pipeline) Run(st *State) error {
	for _, s := range p.Stages {
		if err := s.Run(st); err != nil {
			return fmt.Errorf("extract %s: stage %s: %w", st.Doc.ID, s.Name(), err)
		}
	}
	return nil
}

// NewState validates raw and prepares the State for the stages: the
// Document's ID, Path, Hash, Text, Date and Title are set, and Body marks where
// the article text starts. It returns an error wrapping ErrBinary, ErrEncoding
// or ErrEmpty when raw is not an article.
func NewState(id, path string, raw []byte) (*State, error) {
	if err := validate(raw); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(raw)
	text := string(raw)
	h := parseHeader(text)
	if h.empty {
		return nil, ErrEmpty
	}
	doc := &Document{
		ID:    id,
		Path:  path,
		Hash:  hex.EncodeToString(sum[:]),
		Text:  text,
		Date:  h.date,
		Title: h.title,
	}
	st := &State{Doc: doc, Body: h.body, Ref: h.ref, Gaz: schema.Default()}
	return st, nil
}
