package extract

import (
	"time"

	"github.com/newsgraph/newsgraph/schema"
)

// State is the per-document working data that the stages of a Pipeline read
// and extend, in order: Sentences and their Tokens (Segmenter), tags and
// entity labels (Tagger), dependency trees (Parser), Mentions (Mentioner),
// Entities (Resolver), Relations (Relater), and finally Doc's Entities and
// Relations (Assembler).
type State struct {
	// Doc is the result being built; NewState fills its provenance fields.
	Doc *Document
	// Body is the byte offset in Doc.Text where the article starts (after a
	// date line).
	Body int
	// Ref is the date that relative date expressions resolve against: the
	// date line, or a dateline; zero when unknown.
	Ref time.Time
	// Gaz is the gazetteer of general knowledge.
	Gaz *schema.Gazetteer

	// Home is the name of the country the story is filed from (its
	// dateline, else the country it names most); "" when none stands out.
	// The entity pass sets it.
	Home string

	Sentences []Sentence
	Mentions  []Mention
	Entities  []*EntityInfo
	Relations []Relation
}

// Sentence is one sentence of the body with byte offsets into Doc.Text.
type Sentence struct {
	Start, End int
	// Para is true when the sentence starts a paragraph (a new line).
	Para   bool
	Tokens []Token
	// Mentions indexes State.Mentions of this sentence, in token order.
	Mentions []int
	// Titles are the role words found in the sentence ("President",
	// "Secretary of State", "ambassador to").
	Titles []TitleSpan
}

// TitleSpan is a title or role phrase in a sentence.
type TitleSpan struct {
	Start, End int // token indices, End exclusive
	Text       string
	Info       schema.TitleInfo
}

// Token is one word or punctuation mark with byte offsets into Doc.Text.
// Tokens follow the Universal Dependencies English conventions of
// nlp/tokenize: clitics and the possessive are tokens of their own ("Petro"
// "'s", "he" "'d"), and a hyphen between words is a token ("García" "-"
// "Peña"), adjacent to its neighbours (no space between their offsets).
type Token struct {
	Text       string // as written in the text
	Norm       string // Text with dashes, quotes and spaces made plain ASCII
	Word       string // the form the models read: Text with curly quotes and Unicode hyphens made ASCII
	Start, End int
	Tag        string // Penn Treebank part-of-speech tag (XPOS), set by Tagger
	UPOS       string // Universal part-of-speech tag, set by Tagger
	NER        string // IOB entity label from the tagger ("B-PER", "I-GPE", "O"); "" without NER
	// Head is the index in the sentence of the token's syntactic head, -1
	// for the root of the sentence; Deprel is the Universal Dependencies
	// relation to it ("nsubj", "obj", "appos" ...). Both are set by Parser;
	// Head means nothing while Deprel is "".
	Head   int
	Deprel string
}

// Mention is a span of tokens naming (or describing) an entity.
type Mention struct {
	Sent       int // sentence index
	Start, End int // token indices within the sentence, End exclusive
	Text       string
	Type       schema.EntityType
	// Entry is the gazetteer entry the mention names, or nil.
	Entry *schema.Entry
	Via   schema.Via
	// Cue records why Type was chosen ("title", "ner", "head", "gazetteer" ...).
	Cue string
	// Weak mentions (headline-case lines, sentence-initial words) only count
	// when they resolve to an entity that strong mentions established.
	Weak bool
	// Locative is true for a place named after "in", "at", "near" and the like.
	Locative bool
	// Qualified names a generic organisation by its country: "Foreign
	// Ministry" after "Colombia's" is "Colombian Foreign Ministry".
	Qualified string
	// Entity is the index of the resolved entity in State.Entities, or -1.
	Entity int
}

// EntityInfo is an entity of the document during extraction.
type EntityInfo struct {
	Name     string
	Type     schema.EntityType
	Entry    *schema.Entry
	Forms    map[string]bool // surface forms seen
	Mentions int
	First    int // index of the first mention
	tokens   []string
	votes    map[schema.EntityType]int
}
