package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/nlp/tokenize"
	"github.com/newsgraph/newsgraph/schema"
)

// Segmenter splits the body into sentences and their tokens, with byte
// offsets into the document text. A line break ends a sentence unless the
// text is hard-wrapped (the next line goes on in lower case after a line
// with no final punctuation), and Markdown line markers are skipped; within
// a paragraph, sentences and tokens are those of nlp/tokenize (Universal
// Dependencies conventions: "U.S." and "Mr." keep their period, "Petro's"
// is "Petro" "'s", a hyphen between words is a token of its own).
type Segmenter struct{}

var _ Stage = Segmenter{}

// Name returns "segment".
func (Segmenter) Name() string { return "segment" }

// Run fills st.Sentences, with their Tokens' Text, Norm, Word and offsets,
// from st.Doc.Text[st.Body:].
func (Segmenter) Run(st *State) error {
	st.Sentences = splitSentences(st.Doc.Text, st.Body)
	return nil
}

type span struct{ start, end int }

// splitSentences returns the sentences of text[from:] as offsets into text.
func splitSentences(text string, from int) []Sentence {
	var lines []span
	for off := from; off < len(text); {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += off
		}
		s, e := trimSpan(text, off, end)
		s = skipMarkup(text, s, e)
		if s < e {
			lines = append(lines, span{s, e})
		} else {
			lines = append(lines, span{-1, -1}) // blank line
		}
		off = end + 1
	}
	// Join hard-wrapped lines into paragraphs.
	var paras []span
	for i, ln := range lines {
		if ln.start < 0 {
			continue
		}
		if i > 0 && len(paras) > 0 && lines[i-1].start >= 0 && continues(text, lines[i-1], ln) {
			paras[len(paras)-1].end = ln.end
			continue
		}
		paras = append(paras, ln)
	}
	var out []Sentence
	for _, p := range paras {
		for i, s := range splitParagraph(text, p.start, p.end) {
			s.Para = i == 0
			out = append(out, s)
		}
	}
	return out
}

// continues reports whether line cur goes on the sentence of line prev.
func continues(text string, prev, cur span) bool {
	last, _ := utf8.DecodeLastRuneInString(text[prev.start:prev.end])
	if strings.ContainsRune(".!?:;\"”’')]…", last) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[cur.start:cur.end])
	return unicode.IsLower(r) || last == ',' || last == '-'
}

// trimSpan shrinks [s, e) of text past white space on both sides.
func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

// skipMarkup moves s past Markdown line markers: headings, quotes, bullets.
func skipMarkup(text string, s, e int) int {
	for s < e {
		c := text[s]
		if c == '#' || c == '>' {
			s++
			continue
		}
		if (c == '-' || c == '*' || c == '+') && s+1 < e && text[s+1] == ' ' {
			s += 2
			continue
		}
		break
	}
	for s < e && (text[s] == ' ' || text[s] == '\t') {
		s++
	}
	return s
}

// splitParagraph splits text[start:end] into sentences and tokens with
// nlp/tokenize, offsets made relative to text.
func splitParagraph(text string, start, end int) []Sentence {
	var out []Sentence
	for _, ts := range tokenize.Split(text[start:end]) {
		s := Sentence{Start: start + ts.Start, End: start + ts.End, Tokens: make([]Token, len(ts.Tokens))}
		for i, tt := range ts.Tokens {
			a, b := start+tt.Start, start+tt.End
			s.Tokens[i] = Token{Text: text[a:b], Norm: schema.NormalizeText(text[a:b]), Word: tt.Text, Start: a, End: b}
		}
		out = append(out, s)
	}
	return out
}

// normalizeWord maps curly quotes and Unicode hyphens to ASCII, as
// nlp/tokenize does for the words the models read.
func normalizeWord(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u2010', '\u2011':
			return '-'
		case '‘', '’', '‚', '‛', '′':
			return '\''
		case '“', '”', '„', '‟', '″':
			return '"'
		}
		return r
	}, s)
}
