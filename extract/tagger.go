package extract

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
	"github.com/newsgraph/newsgraph/schema"
)

// Tagger tokenises each sentence and tags its tokens with Penn Treebank
// parts of speech (and, when NER is set, prose's IOB entity labels, a feature
// for the Mentioner). It uses github.com/jdkato/prose/v2 with one model,
// loaded on first use and shared by every Tagger; tagging never mutates the
// model, so Taggers are safe for concurrent use. Token offsets are byte
// offsets into the document text.
type Tagger struct {
	// NER turns on prose's named-entity labels (most of the tagging time).
	NER bool
}

var _ Stage = (*Tagger)(nil)

var (
	modelOnce  sync.Once
	modelValue *prose.Model
	modelLoads atomic.Int64
)

// sharedModel returns the prose model, loading it once per process.
func sharedModel() *prose.Model {
	modelOnce.Do(func() {
		modelLoads.Add(1)
		modelValue = prose.ModelFromData("newsgraph")
	})
	return modelValue
}

// ModelLoads reports how many times the tagging model has been loaded in this
// process: 0 before the first Extract, 1 ever after.
func ModelLoads() int64 { return modelLoads.Load() }

// Name returns "tag".
func (*Tagger) Name() string { return "tag" }

// Run fills the Tokens of every sentence of st.
func (t *Tagger) Run(st *State) error {
	model := sharedModel()
	for i := range st.Sentences {
		s := &st.Sentences[i]
		s.Tokens = t.tagSentence(model, st.Doc.Text, s.Start, s.End)
	}
	return nil
}

// tagSentence tokenises and tags text[start:end].
func (t *Tagger) tagSentence(model *prose.Model, text string, start, end int) []Token {
	src := text[start:end]
	// norm is src with typographic variants made ASCII; off maps each byte of
	// norm (and its end) back to a byte offset in src.
	var nb strings.Builder
	off := make([]int, 0, len(src)+1)
	for i, r := range src {
		m := schema.NormalizeRune(r)
		if m == utf8.RuneError {
			m = r
		}
		before := nb.Len()
		nb.WriteRune(m)
		for k := before; k < nb.Len(); k++ {
			off = append(off, i)
		}
	}
	off = append(off, len(src))
	norm := nb.String()
	doc, err := prose.NewDocument(norm,
		prose.UsingModel(model),
		prose.WithSegmentation(false),
		prose.WithExtraction(t.NER))
	if err != nil {
		return nil
	}
	var toks []Token
	cur := 0
	for _, pt := range doc.Tokens() {
		if pt.Text == "" {
			continue
		}
		idx := strings.Index(norm[cur:], pt.Text)
		if idx < 0 {
			continue
		}
		a, b := cur+idx, cur+idx+len(pt.Text)
		cur = b
		s, e := start+off[a], start+off[b]
		toks = append(toks, Token{Text: text[s:e], Norm: norm[a:b], Start: s, End: e, Tag: pt.Tag, NER: pt.Label})
	}
	return fixTokens(toks, text)
}

// fixTokens repairs tokenisation and tagging habits of the tagger: quote
// tokens get quote tags, a leading apostrophe is split off a word, compounds
// of known names ("U.S.-Colombia", "pro-Palestinian") are split, and a past
// form mis-tagged as an adjective after a name or pronoun becomes a verb.
func fixTokens(toks []Token, text string) []Token {
	gaz := schema.Default()
	out := make([]Token, 0, len(toks))
	for _, tk := range toks {
		n := tk.Norm
		if len(n) > 1 && n[0] == '\'' && isLetterByte(n[1]) && !isClitic(n) {
			q := len(tk.Text) - len(strings.TrimLeft(tk.Text, "'‘’`"))
			if q > 0 {
				out = append(out, Token{Text: tk.Text[:q], Norm: "'", Start: tk.Start, End: tk.Start + q, Tag: "``", NER: "O"})
				tk.Text, tk.Norm, tk.Start, tk.Tag = tk.Text[q:], n[1:], tk.Start+q, retagWord(n[1:], tk.Tag)
			}
		}
		// "he'd", "they've": the tagger leaves these clitics on.
		if l := strings.ToLower(n); len(l) > 3 && (strings.HasSuffix(l, "'d") || strings.HasSuffix(l, "'ve")) {
			c := strings.LastIndexByte(n, '\'')
			cut := len(tk.Text) - (len(n) - c) // the apostrophe may be wider in the source
			for cut > 0 && !strings.HasPrefix(schema.NormalizeText(tk.Text[cut:]), "'") {
				cut--
			}
			word, clitic := tk.Text[:cut], tk.Text[cut:]
			tag := "MD"
			if strings.HasSuffix(l, "'ve") {
				tag = "VBP"
			}
			out = append(out,
				Token{Text: word, Norm: n[:c], Start: tk.Start, End: tk.Start + cut, Tag: "PRP", NER: "O"},
				Token{Text: clitic, Norm: n[c:], Start: tk.Start + cut, End: tk.End, Tag: tag, NER: "O"})
			continue
		}
		if parts := splitCompound(tk, gaz); parts != nil {
			out = append(out, parts...)
			continue
		}
		out = append(out, tk)
	}
	// "Kim." at the end of a sentence: the period is not part of the name.
	if n := len(out); n > 0 {
		last := out[n-1]
		if w := last.Norm; len(w) > 1 && strings.HasSuffix(w, ".") && !strings.Contains(w[:len(w)-1], ".") && !abbreviations[strings.ToLower(w[:len(w)-1])] {
			out[n-1].Text, out[n-1].Norm, out[n-1].End = last.Text[:len(last.Text)-1], w[:len(w)-1], last.End-1
			out = append(out, Token{Text: ".", Norm: ".", Start: last.End - 1, End: last.End, Tag: ".", NER: "O"})
		}
	}
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
			if tk.Tag != "HYPH" {
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
		}
	}
	return out
}

// compoundPrefixes may precede a name in a hyphenated compound: "pro-Palestinian".
var compoundPrefixes = set("pro", "anti", "non", "ex", "post", "pre", "neo", "trans", "inter", "intra", "pan", "mid")

func isLetterByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

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

// isClitic reports whether n is an English clitic such as 's or 'll.
func isClitic(n string) bool {
	switch strings.ToLower(n) {
	case "'s", "'ll", "'re", "'m", "'ve", "'d":
		return true
	}
	return false
}

// retagWord guesses a tag for a word split off a token whose tag was for
// the whole.
func retagWord(w, tag string) string {
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		return "NNP"
	}
	return tag
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

// splitCompound splits a hyphenated token whose parts include a known name
// ("U.S.-Colombia" → "U.S." "-" "Colombia"); nil when it is not such a compound.
func splitCompound(tk Token, gaz *schema.Gazetteer) []Token {
	if !strings.Contains(tk.Norm, "-") || len(tk.Norm) < 4 {
		return nil
	}
	parts := strings.Split(tk.Norm, "-")
	known := false
	for _, p := range parts {
		if p == "" {
			return nil
		}
		r, _ := utf8.DecodeRuneInString(p)
		if !unicode.IsUpper(r) {
			if !compoundPrefixes[strings.ToLower(p)] {
				return nil
			}
			continue
		}
		m, ok := gaz.Lookup(p)
		if !ok || m.Entry.Type == schema.Person {
			return nil // "Agence France-Presse", "García-Peña"
		}
		known = true
	}
	if !known {
		return nil
	}
	// Walk the source text: Norm and Text differ only in dash runes.
	var out []Token
	pos := tk.Start
	src := tk.Text
	si := 0
	for pi, p := range parts {
		if pi > 0 {
			// one dash rune in the source
			r, n := utf8.DecodeRuneInString(src[si:])
			if schema.NormalizeRune(r) != '-' {
				return nil
			}
			out = append(out, Token{Text: src[si : si+n], Norm: "-", Start: pos + si, End: pos + si + n, Tag: "HYPH", NER: "O"})
			si += n
		}
		if si+len(p) > len(src) || schema.NormalizeText(src[si:si+len(p)]) != p {
			return nil
		}
		w := src[si : si+len(p)]
		tag := "JJ"
		r, _ := utf8.DecodeRuneInString(p)
		if unicode.IsUpper(r) {
			tag = "NNP"
		}
		out = append(out, Token{Text: w, Norm: p, Start: pos + si, End: pos + si + len(p), Tag: tag, NER: "O"})
		si += len(p)
	}
	return out
}
