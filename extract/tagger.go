package extract

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/nlp/depparse"
	"github.com/newsgraph/newsgraph/nlp/ner"
	"github.com/newsgraph/newsgraph/nlp/pos"
	"github.com/newsgraph/newsgraph/schema"
)

// Tagger tags the tokens of every sentence with Penn Treebank (XPOS) and
// Universal (UPOS) parts of speech from nlp/pos and, when NER is set, with
// IOB entity labels from nlp/ner ("B-PER", "I-ORG", "B-GPE", "O"), a
// feature for the Mentioner. A person's title at the start of a PER span
// ("President" in "President Ana Ruiz") is taken out of the span. After
// tagging, a prefix is split off a name ("pro-Palestinian" becomes "pro"
// "-" "Palestinian", tagged AFX, HYPH and the word's tag), so that the name
// can be a mention. The
// models are embedded in the binary, loaded on first use and shared by
// every Tagger and Parser; they are read-only, so Taggers are safe for
// concurrent use.
type Tagger struct {
	// NER turns on the entity labels.
	NER bool
}

var _ Stage = (*Tagger)(nil)

// nlpModels are the project's models, loaded together once per process.
type nlpModels struct {
	tagger *pos.Tagger
	ner    *ner.Recognizer
	parser *depparse.Parser
}

var (
	modelOnce  sync.Once
	modelValue nlpModels
	modelLoads atomic.Int64
)

// sharedModels returns the models, loading them once per process.
func sharedModels() *nlpModels {
	modelOnce.Do(func() {
		modelLoads.Add(1)
		modelValue = nlpModels{tagger: pos.Default(), ner: ner.Default(), parser: depparse.Default()}
	})
	return &modelValue
}

// LoadModels loads the tagging, entity and parsing models now rather than
// on first use (a server may call it at start-up). It is cheap after the
// first call.
func LoadModels() { sharedModels() }

// ModelLoads reports how many times the models have been loaded in this
// process: 0 before the first Extract or LoadModels, 1 ever after.
func ModelLoads() int64 { return modelLoads.Load() }

// Name returns "tag".
func (*Tagger) Name() string { return "tag" }

// Run sets Tag, UPOS and (with NER) NER on every token of st.
func (t *Tagger) Run(st *State) error {
	m := sharedModels()
	var words []string
	for i := range st.Sentences {
		toks := st.Sentences[i].Tokens
		if len(toks) == 0 {
			continue
		}
		words = words[:0]
		for _, tk := range toks {
			words = append(words, tk.Word)
		}
		upos, xpos := m.tagger.Tag(words)
		for k := range toks {
			toks[k].UPOS, toks[k].Tag = upos[k], xpos[k]
		}
		var spans []ner.Span
		if t.NER {
			spans = m.ner.Recognize(words, xpos)
			for k := range toks {
				toks[k].NER = "O"
			}
			for _, sp := range spans {
				s := sp.Start
				if sp.Type == ner.PER {
					s = skipTitle(toks, sp.Start, sp.End, st.Gaz)
				}
				for k := s; k < sp.End; k++ {
					toks[k].NER = "I-" + sp.Type
				}
				if s < sp.End {
					toks[s].NER = "B-" + sp.Type
				}
			}
		}
		toks = splitPrefixed(toks)
		fixTags(toks, st.Doc.Text)
		st.Sentences[i].Tokens = toks
	}
	return nil
}

// skipTitle returns where the name starts in the person span [s, e): after
// the titles at its start ("President", "Foreign Minister"), keeping at
// least its last token.
func skipTitle(toks []Token, s, e int, gaz *schema.Gazetteer) int {
	for s < e-1 {
		end := s
		for x := min(e-1, s+gaz.MaxTitleWords()); x > s; x-- {
			if _, ok := gaz.Title(spanText(toks, s, x)); ok {
				end = x
				break
			}
		}
		if end == s {
			break
		}
		s = end
	}
	return s
}

// Parser fills the dependency tree of every sentence (each token's Head and
// Deprel) with nlp/depparse, from the words and the tags Tagger set. It
// shares the models Tagger loads and is safe for concurrent use.
type Parser struct{}

var _ Stage = Parser{}

// Name returns "parse".
func (Parser) Name() string { return "parse" }

// Run sets Head and Deprel on every token of st; the tokens must be tagged.
func (Parser) Run(st *State) error {
	m := sharedModels()
	var words, upos, xpos []string
	for i := range st.Sentences {
		toks := st.Sentences[i].Tokens
		if len(toks) == 0 {
			continue
		}
		words, upos, xpos = words[:0], upos[:0], xpos[:0]
		for _, tk := range toks {
			words, upos, xpos = append(words, tk.Word), append(upos, tk.UPOS), append(xpos, tk.Tag)
		}
		heads, rels := m.parser.Parse(words, upos, xpos)
		for k := range toks {
			toks[k].Head, toks[k].Deprel = heads[k]-1, rels[k]
		}
	}
	return nil
}

// fixTags repairs tagging habits the rules trip over: quote tokens get
// opening or closing quote tags from the text around them, a dash between
// clauses is ":", "ally" and "partner" are nouns, an irregular past form
// after its subject is a past tense ("warplanes struck"), a plural noun
// after a name and before an infinitive or object is a verb ("Petro plans
// to"), a gerund of a known verb
// before its object is a verb, and a past form taken for an adjective or
// participle after a name or pronoun, before an object, is a past tense,
// as is the first such participle after any noun in a sentence that has no
// finite verb.
func fixTags(out []Token, text string) {
	for i := range out {
		tk := &out[i]
		switch tk.Norm {
		case "\"", "'":
			if isOpeningQuote(text, tk.Start) {
				tk.Tag = "``"
			} else {
				tk.Tag = "''"
			}
			continue
		case "-", "--":
			if isJoiningHyphen(out, i) {
				tk.Tag = "HYPH"
			} else if tk.Tag != "HYPH" {
				tk.Tag = ":"
			}
			continue
		}
		switch tk.Norm {
		case "ally", "partner":
			tk.Tag = "NN"
		case "allies", "partners":
			tk.Tag = "NNS"
		}
		// "warplanes struck targets", "officials met reporters": an
		// irregular past form that is no noun, after its subject.
		if pastForms[tk.Norm] && !isVerbTag(tk.Tag) && i > 0 {
			if p := out[i-1].Tag; isNounTag(p) || p == "PRP" || p == "RB" || p == "," {
				tk.Tag = "VBD"
			}
		}
		// "Petro plans to visit", "Colombia calls on": a plural noun
		// right after a name or a subject pronoun, before an infinitive,
		// an object or a particle, is a verb in the present tense.
		if tk.Tag == "NNS" && i > 0 && i+1 < len(out) && startsLower(tk.Norm) && strings.HasSuffix(tk.Norm, "s") && !strings.HasSuffix(tk.Norm, "ss") {
			p, nx := out[i-1], out[i+1]
			subj := (p.Tag == "NNP" || p.Tag == "NNPS") && (i < 2 || out[i-2].Tag != "DT" && out[i-2].Tag != "POS") || personSubjPronouns[strings.ToLower(p.Norm)] || strings.EqualFold(p.Norm, "it")
			obj := nx.Tag == "TO" && i+2 < len(out) && out[i+2].Tag == "VB" || nx.Tag == "DT" || nx.Tag == "PRP$" || nx.Tag == "RP" ||
				nx.Tag == "IN" && isKnownVerb(tk.Norm) // "which Chile accuses of spying"
			if subj && obj {
				tk.Tag = "VBZ"
			}
		}
		// "X, which accuse Y of": a verb after a relative pronoun.
		if (tk.Tag == "NN" || tk.Tag == "NNS") && i > 0 && i+1 < len(out) && (out[i-1].Tag == "WDT" || out[i-1].Tag == "WP") && startsLower(tk.Norm) && objectStart(out[i+1].Tag) {
			if isBaseVerb(tk.Norm) {
				tk.Tag = "VBP" // "which accuse"
			} else if isKnownVerb(tk.Norm) {
				tk.Tag = "VBZ" // "which accuses"
			}
		}
		// "to sanction Togo": after the infinitive marker, a verb the
		// rules know, taken for a noun before its object.
		if tk.Tag == "NN" && i > 0 && i+1 < len(out) && strings.EqualFold(out[i-1].Norm, "to") && objectStart(out[i+1].Tag) && isBaseVerb(tk.Norm) {
			tk.Tag = "VB"
			out[i-1].Tag = "TO"
		}
		// "belittling Petro": a gerund of a known verb taken for a noun.
		if (tk.Tag == "NN" || tk.Tag == "JJ") && strings.HasSuffix(tk.Norm, "ing") && i > 0 && i+1 < len(out) && isKnownVerb(tk.Norm) {
			p, nx := out[i-1].Tag, out[i+1].Tag
			if p != "DT" && p != "PRP$" && p != "JJ" && p != "POS" && p != "IN" && (nx == "NNP" || nx == "PRP" || nx == "DT" || nx == "PRP$") {
				tk.Tag = "VBG"
			}
		}
		if (tk.Tag == "JJ" || tk.Tag == "VBN") && strings.HasSuffix(tk.Norm, "ed") && i > 0 && i+1 < len(out) {
			p, nx := out[i-1].Tag, out[i+1].Tag
			if (p == "NNP" || p == "NNPS" || p == "PRP") && (nx == "DT" || nx == "NNS" || nx == "NN" || nx == "PRP$" || nx == "PRP" || nx == "NNP" || nx == "JJ") {
				tk.Tag = "VBD"
			}
			// "US forces conducted strikes", "X, speaking after the vote,
			// accused Peru": a participle after a noun or a comma takes no
			// bare object (a reduced passive would: "sanctions
			// imposed by", "sanctions imposed last week"), except verbs of
			// naming and giving ("a man called X", "troops granted leave").
			if tk.Tag == "VBN" && (p == "NNS" || p == "NN" || p == ",") && (nx == "DT" || nx == "NNS" || nx == "PRP$" || nx == "NNP" || nx == "CD") &&
				!labelVerbs[lemmaOf(tk.Norm, labelVerbs)] && !givingVerbs[lemmaOf(tk.Norm, givingVerbs)] {
				tk.Tag = "VBD"
			}
		}
	}
	// A clause needs a finite verb: with none in the sentence, the first
	// participle after a noun phrase and before its object is the past
	// tense ("the administration imposed sanctions against X").
	for _, tk := range out {
		switch tk.Tag {
		case "VBD", "VBZ", "VBP", "MD":
			return
		}
	}
	for i := 1; i+1 < len(out); i++ {
		p, nx := out[i-1].Tag, out[i+1].Tag
		// before a preposition other than "by" too: "Thai troops clashed
		// with Cambodian forces" ("killed by" stays a passive)
		prep := (nx == "IN" || nx == "RP") && !strings.EqualFold(out[i+1].Norm, "by")
		if out[i].Tag == "VBN" && strings.HasSuffix(out[i].Norm, "ed") && (isNounTag(p) || p == "PRP" || p == "," || p == "RB") && (nx == "DT" || isNounTag(nx) || nx == "PRP$" || nx == "PRP" || nx == "JJ" || nx == "CD" || prep) {
			out[i].Tag = "VBD"
			return
		}
	}
}

// givingVerbs take two objects, so that their passive participle still has
// one: "officials awarded a medal".
var givingVerbs = set("award", "grant", "offer", "hand", "deny", "promise", "allow", "assign", "charge", "accord", "pay", "send", "show", "ask", "tell", "teach")

// compoundPrefixes may precede a name in a hyphenated compound: "pro-Palestinian".
var compoundPrefixes = set("pro", "anti", "non", "ex", "post", "pre", "neo", "trans", "inter", "intra", "pan", "mid")

// isKnownVerb reports whether an inflected word is a form of a trigger verb
// or of a verb the rules know.
func isKnownVerb(w string) bool {
	gaz := schema.Default()
	for _, l := range verbLemmas(w)[1:] {
		if verbLexicon[l] || len(gaz.Triggers(l, "verb")) > 0 {
			return true
		}
	}
	return false
}

// objectStart reports whether a token tagged tag may open a verb's object
// phrase: a name, a determiner or a pronoun.
func objectStart(tag string) bool {
	switch tag {
	case "NNP", "NNPS", "DT", "PRP", "PRP$":
		return true
	}
	return false
}

// isBaseVerb reports whether the word w is the base form of a trigger verb
// or of a verb the rules know.
func isBaseVerb(w string) bool {
	l := strings.ToLower(w)
	return verbLexicon[l] || len(schema.Default().Triggers(l, "verb")) > 0
}

// isOpeningQuote reports whether the quote character at text[i] opens a quotation.
func isOpeningQuote(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	switch r {
	case '“', '‘', '«':
		return true
	case '”', '’', '»':
		return false
	}
	if i == 0 {
		return true
	}
	p, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsSpace(p) || p == '(' || p == '[' || p == '—' || p == '-' || p == ':'
}

// splitPrefixed splits a prefix off a name: the tokenizer keeps prefixes
// such as "pro-" and "anti-" attached, but in "pro-Palestinian" and
// "anti-American" the name after the hyphen is a mention of its own. The
// prefix is tagged AFX, the hyphen HYPH, and the name keeps the tags and
// entity label of the whole.
func splitPrefixed(toks []Token) []Token {
	var out []Token
	for i, tk := range toks {
		h := strings.LastIndexByte(tk.Norm, '-')
		if h <= 0 || h == len(tk.Norm)-1 || !startsUpper(tk.Norm[h+1:]) || !compoundPrefixes[tk.Norm[:h]] {
			if out != nil {
				out = append(out, tk)
			}
			continue
		}
		if out == nil {
			out = append(make([]Token, 0, len(toks)+2), toks[:i]...)
		}
		// Norm maps runes one to one; find the hyphen in Text by runes.
		hr := utf8.RuneCountInString(tk.Norm[:h])
		ht := 0
		for n := 0; n < hr; n++ {
			_, sz := utf8.DecodeRuneInString(tk.Text[ht:])
			ht += sz
		}
		_, hsz := utf8.DecodeRuneInString(tk.Text[ht:])
		part := func(a, b int, upos, xpos, label string) Token {
			t := tk.Text[a:b]
			return Token{Text: t, Norm: schema.NormalizeText(t), Word: normalizeWord(t), Start: tk.Start + a, End: tk.Start + b, UPOS: upos, Tag: xpos, NER: label}
		}
		o := ""
		if tk.NER != "" {
			o = "O"
		}
		out = append(out, part(0, ht, "ADJ", "AFX", o), part(ht, ht+hsz, "PUNCT", "HYPH", o), part(ht+hsz, len(tk.Text), tk.UPOS, tk.Tag, tk.NER))
	}
	if out == nil {
		return toks
	}
	return out
}
