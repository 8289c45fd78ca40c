package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Segmenter splits the body into sentences with byte offsets. A line break
// ends a sentence unless the text is hard-wrapped (the next line goes on in
// lower case after a line with no final punctuation); within a line a
// sentence ends at . ! ? (and closing quotes) before a capital, a digit or an
// opening quote, except after abbreviations ("Mr.", "Jan.") and initials.
type Segmenter struct{}

var _ Stage = Segmenter{}

// Name returns "segment".
func (Segmenter) Name() string { return "segment" }

// Run fills st.Sentences from st.Doc.Text[st.Body:].
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
		first := true
		for _, s := range splitParagraph(text, p.start, p.end) {
			out = append(out, Sentence{Start: s.start, End: s.end, Para: first})
			first = false
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

// abbreviations never end a sentence when followed by a period.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "gov": true,
	"sen": true, "rep": true, "st": true, "jr": true, "sr": true, "lt": true, "col": true,
	"capt": true, "sgt": true, "maj": true, "adm": true, "cmdr": true, "rev": true, "hon": true,
	"pres": true, "supt": true, "insp": true, "fr": true, "messrs": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"no": true, "nos": true, "inc": true, "corp": true, "co": true, "ltd": true, "vs": true,
	"approx": true, "est": true, "dept": true, "univ": true, "fig": true, "vol": true, "ft": true, "mt": true,
}

// sentenceStarters are words that, after an initialism ("U.S."), show that a
// new sentence begins.
var sentenceStarters = map[string]bool{
	"the": true, "a": true, "an": true, "he": true, "she": true, "it": true, "they": true,
	"we": true, "i": true, "but": true, "and": true, "in": true, "on": true, "this": true,
	"that": true, "these": true, "those": true, "his": true, "her": true, "its": true,
	"their": true, "there": true, "however": true, "meanwhile": true, "still": true,
	"yet": true, "after": true, "before": true, "when": true, "while": true, "if": true,
	"as": true, "at": true, "for": true, "our": true, "my": true, "some": true, "many": true,
}

// splitParagraph splits text[start:end] into sentences.
func splitParagraph(text string, start, end int) []span {
	var out []span
	segStart := start
	i := start
	for i < end {
		c := text[i]
		if c != '.' && c != '!' && c != '?' {
			_, n := utf8.DecodeRuneInString(text[i:end])
			i += n
			continue
		}
		j := i + 1
		for j < end && (text[j] == '.' || text[j] == '!' || text[j] == '?') {
			j++
		}
		for j < end {
			r, n := utf8.DecodeRuneInString(text[j:end])
			if r == '"' || r == '\'' || r == '”' || r == '’' || r == ')' || r == ']' {
				j += n
				continue
			}
			break
		}
		k := j
		for k < end {
			r, n := utf8.DecodeRuneInString(text[k:end])
			if !unicode.IsSpace(r) {
				break
			}
			k += n
		}
		if k == j || k >= end {
			i = j
			continue
		}
		if !startsSentence(text[k:end]) || (c == '.' && j == i+1 && !endsSentence(text[segStart:i], text[k:end])) {
			i = j
			continue
		}
		if s, e := trimSpan(text, segStart, j); s < e {
			out = append(out, span{s, e})
		}
		segStart = k
		i = k
	}
	if s, e := trimSpan(text, segStart, end); s < e {
		out = append(out, span{s, e})
	}
	return out
}

// startsSentence reports whether rest begins like a sentence: a capital, a
// digit, or an opening quote or bracket.
func startsSentence(rest string) bool {
	r, n := utf8.DecodeRuneInString(rest)
	if r == '"' || r == '\'' || r == '“' || r == '‘' || r == '(' || r == '[' {
		r, _ = utf8.DecodeRuneInString(rest[n:])
	}
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// endsSentence decides whether a period after before (the sentence so far)
// ends the sentence, given the text after it.
func endsSentence(before, after string) bool {
	w := before
	if sp := strings.LastIndexFunc(before, unicode.IsSpace); sp >= 0 {
		w = before[sp+1:]
	}
	w = strings.TrimLeft(w, "\"'“‘([")
	if w == "" {
		return true
	}
	if abbreviations[strings.ToLower(w)] {
		return false
	}
	// Initials and initialisms: "J.", "U.S", "U.N".
	initial := true
	for i, r := range w {
		if i%2 == 0 && !unicode.IsLetter(r) || i%2 == 1 && r != '.' {
			initial = false
			break
		}
	}
	if initial && utf8.RuneCountInString(w) <= 1 {
		return false
	}
	if initial {
		next := after
		if e := strings.IndexFunc(after, func(r rune) bool { return !unicode.IsLetter(r) }); e >= 0 {
			next = after[:e]
		}
		return sentenceStarters[strings.ToLower(next)]
	}
	return true
}
