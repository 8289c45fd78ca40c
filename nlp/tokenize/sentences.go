package tokenize

import (
	"strings"
	"unicode"
)

// sentences groups toks into sentences. A sentence ends after terminal
// punctuation ("." "!" "?" and runs of them, with any closing quotes or
// brackets attached to it) unless more terminal punctuation follows; after
// an ellipsis only when the next token starts with an upper-case letter; after an abbreviation such as "U.S." or "etc." only when the next
// token is a common sentence opener ("The", "He", …); and always at a blank
// line.
func sentences(text string, toks []Token) []Sentence {
	var out []Sentence
	start := 0
	cut := func(end int) {
		if end > start {
			out = append(out, Sentence{Start: toks[start].Start, End: toks[end-1].End, Tokens: toks[start:end:end]})
		}
		start = end
	}
	for i := 0; i < len(toks); i++ {
		if i > start && blankLine(text[toks[i-1].End:toks[i].Start]) {
			cut(i)
		}
		tk := toks[i]
		kind := endKind(tk.Text)
		if kind == notEnd {
			continue
		}
		// Attach closing quotes and brackets that follow without space.
		j := i + 1
		for j < len(toks) && toks[j].Start == toks[j-1].End && isCloser(toks[j].Text) {
			j++
		}
		if j == len(toks) {
			i = j - 1
			continue
		}
		next := toks[j].Text
		r := firstRune(next)
		var end bool
		switch kind {
		case terminal:
			// Web text often starts sentences in lower case, so any word
			// may follow; more terminal punctuation joins this end.
			end = endKind(next) == notEnd || endKind(next) == abbrev
		case ellipsis:
			end = unicode.IsUpper(r)
		case abbrev:
			end = openers[next]
		}
		if end {
			cut(j)
			i = j - 1
		}
	}
	cut(len(toks))
	return out
}

type endType int

const (
	notEnd endType = iota
	terminal
	ellipsis
	abbrev
)

func endKind(s string) endType {
	if s == "" {
		return notEnd
	}
	allTerm := true
	hasBangQ := false
	dots := 0
	for _, r := range s {
		switch r {
		case '!', '?':
			hasBangQ = true
		case '.':
			dots++
		case '…':
			dots += 3
		default:
			allTerm = false
		}
	}
	if allTerm {
		if hasBangQ || dots == 1 {
			return terminal
		}
		return ellipsis
	}
	if strings.HasSuffix(s, ".") && len(s) > 1 {
		if titles[strings.ToLower(s[:len(s)-1])] {
			return notEnd
		}
		return abbrev
	}
	return notEnd
}

func isCloser(s string) bool {
	switch s {
	case `"`, "'", ")", "]", "}", "»", "''":
		return true
	}
	return false
}

// blankLine reports whether the white space gap holds two or more line breaks.
func blankLine(gap string) bool {
	return strings.Count(gap, "\n") >= 2 || strings.Count(gap, "\r") >= 2 || strings.Contains(gap, "\u2029")
}

// titles are abbreviations that precede a name or number and so never end
// a sentence.
var titles = setOf("mr", "mrs", "ms", "dr", "st", "sen", "sens", "rep", "reps", "gov", "govs",
	"gen", "lt", "col", "maj", "sgt", "capt", "cmdr", "adm", "cpl", "pvt", "pres", "prof", "rev",
	"hon", "fr", "supt", "amb", "atty", "no", "nos", "vs", "mt", "ft", "fig", "vol", "pp",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"e.g", "i.e", "cf", "viz", "ca", "approx", "messrs", "mssrs")

// openers are words that commonly start a sentence; after an abbreviation
// ("in the U.S. The …") they signal a sentence boundary.
var openers = setOf("The", "He", "She", "It", "They", "We", "I", "You", "But", "And", "In",
	"This", "That", "These", "Those", "A", "An", "There", "His", "Her", "Their", "Our", "My",
	"Its", "On", "At", "For", "As", "If", "When", "After", "Before", "While", "However",
	"Meanwhile", "So", "Then", "Now", "Also", "Some", "Many", "Most", "What", "Why", "How",
	"Who", "Where", "Thanks", "Thank", "Please", "Yes", "No", "Not", "Our", "Last", "Earlier")
