// Package tokenize splits English text into sentences and tokens following
// the conventions of the Universal Dependencies English treebanks (EWT):
// clitics are split ("don't" → "do" "n't", "can't" → "ca" "n't", "Petro's"
// → "Petro" "'s"), punctuation, quotes and brackets are split off, hyphens
// between words are split off as in EWT ("Al-Zaman" → "Al" "-" "Zaman",
// while prefixes such as "co-", "non-", "e-" stay attached), abbreviations
// and initials keep their period ("U.S.", "Mr.", "Jan."), and numbers,
// URLs and e-mail addresses stay whole.
//
// Every token and sentence carries byte offsets into the original text.
// Token.Text may be normalised: curly quotes and apostrophes become
// straight ones and Unicode hyphens (U+2010, U+2011) become "-".
package tokenize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one token. Text[Start:End] of the original text is the token's
// surface; Text is that surface, possibly normalised.
type Token struct {
	Text       string
	Start, End int
}

// Sentence is a run of tokens; Start and End are the byte offsets of its
// first token's start and last token's end.
type Sentence struct {
	Start, End int
	Tokens     []Token
}

// Split tokenizes text and groups the tokens into sentences. Every token
// covers a non-empty byte range of text; tokens are in order and do not
// overlap; no token contains white space. Split is deterministic and never
// fails: invalid UTF-8 is passed through inside tokens.
func Split(text string) []Sentence {
	toks := Tokens(text)
	return sentences(text, toks)
}

// Tokens tokenizes text without sentence splitting.
func Tokens(text string) []Token {
	var tz tokenizer
	tz.text = text
	i := 0
	for i < len(text) {
		r, sz := utf8.DecodeRuneInString(text[i:])
		if isSpace(r) {
			i += sz
			continue
		}
		j := i + sz
		for j < len(text) {
			r, sz := utf8.DecodeRuneInString(text[j:])
			if isSpace(r) {
				break
			}
			j += sz
		}
		tz.next = 0
		for k := j; k < len(text); {
			r, sz := utf8.DecodeRuneInString(text[k:])
			if !isSpace(r) {
				tz.next = r
				break
			}
			k += sz
		}
		tz.chunk(i, j)
		i = j
	}
	return tz.out
}

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

type tokenizer struct {
	text string
	out  []Token
	next rune // first rune of the next chunk, 0 at the end of the text
}

func (tz *tokenizer) emit(s, e int) {
	if s >= e {
		return
	}
	tz.out = append(tz.out, Token{Text: normalise(tz.text[s:e]), Start: s, End: e})
}

// normalise maps curly quotes and Unicode hyphens to ASCII.
func normalise(s string) string {
	if !strings.ContainsAny(s, "‘’‚‛“”„‟\u2010\u2011′″") {
		return s
	}
	return normReplacer.Replace(s)
}

var normReplacer = strings.NewReplacer(
	"‘", "'", "’", "'", "‚", "'", "‛", "'", "′", "'",
	"“", `"`, "”", `"`, "„", `"`, "‟", `"`, "″", `"`,
	"\u2010", "-", "\u2011", "-",
)

func isOpen(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '«', '‹', '(', '[', '{', '<', '`', '¿', '¡', '„', '‚', '*':
		return true
	}
	return false
}

func isClose(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', '›', ')', ']', '}', '>', ',', ';', ':', '*', '`':
		return true
	}
	return false
}

func isTerminal(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

func isApos(r rune) bool { return r == '\'' || r == '’' || r == '‘' || r == '′' }

func isHyphen(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' }

func isDash(r rune) bool { return r == '–' || r == '—' || r == '―' || r == '\u2012' }

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

func lastRune(s string) (rune, int) { return utf8.DecodeLastRuneInString(s) }

// emoticons stay whole.
var emoticons = setOf(":)", ":-)", ":(", ":-(", ";)", ";-)", ":D", ":-D", ":P", ":-P", ":p",
	":-p", "=)", ":/", ":-/", ":'(", "<3", ":o", ":O", "XD", "xD")

// chunk tokenizes the white-space-free span text[s:e].
func (tz *tokenizer) chunk(s, e int) {
	t := tz.text
	if emoticons[t[s:e]] {
		tz.emit(s, e)
		return
	}
	{
		// An emoticon glued to a word ("family!:-)") is split off.
		for _, em := range []string{":-)", ":-(", ":-D", ":-P"} {
			if strings.HasSuffix(t[s:e], em) && e-s > len(em) {
				tz.chunk(s, e-len(em))
				tz.emit(e-len(em), e)
				return
			}
		}
	}
	// Leading opening punctuation, one token each; but a chunk that is
	// itself a clitic ("'s") or a decade ("'90s") keeps its apostrophe.
	for s < e {
		r, sz := utf8.DecodeRuneInString(t[s:e])
		if isApos(r) && (isClitic(t[s+sz:e]) || isDecade(t[s+sz:e]) || strings.EqualFold(t[s+sz:e], "em")) {
			break
		}
		if !isOpen(r) {
			break
		}
		// A run of the same quote character (`` or '') is one token.
		n := sz
		for s+n < e {
			r2, sz2 := utf8.DecodeRuneInString(t[s+n : e])
			if r2 != r || r == '(' || r == '[' || r == '{' {
				break
			}
			n += sz2
		}
		tz.emit(s, s+n)
		s += n
	}
	// Trailing punctuation, collected from the end.
	var tail [][2]int
	for s < e {
		r, sz := lastRune(t[s:e])
		if isTerminal(r) {
			// The whole run of terminal punctuation at the end.
			b := e - sz
			for b > s {
				r2, sz2 := lastRune(t[s:b])
				if !isTerminal(r2) {
					break
				}
				b -= sz2
			}
			run := t[b:e]
			if run == "." && b > s && keepsPeriod(t[s:b], tz.next) {
				break
			}
			if b == s { // chunk is all terminal punctuation
				break
			}
			tail = append(tail, [2]int{b, e})
			e = b
			continue
		}
		if isClose(r) {
			// Keep a possessive plural "'" and closing quotes as separate
			// tokens; ":)" style emoticons are left to the core.
			if r == ')' && e-s == 2 && (t[s] == ':' || t[s] == ';') {
				break
			}
			if (r == '>' || r == ':' || r == '*') && e-s == sz {
				break
			}
			n := sz
			for e-n > s {
				r2, sz2 := lastRune(t[s : e-n])
				if r2 != r || r == ')' || r == ']' || r == '}' {
					break
				}
				n += sz2
			}
			if e-n == s && n == e-s && r != '\'' && r != '’' {
				// chunk is entirely this punctuation: one token
				break
			}
			tail = append(tail, [2]int{e - n, e})
			e -= n
			continue
		}
		break
	}
	tz.core(s, e)
	for i := len(tail) - 1; i >= 0; i-- {
		tz.emit(tail[i][0], tail[i][1])
	}
}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }

// keepsPeriod reports whether word (without its final period) is an
// abbreviation or initial that keeps the period in the same token; next is
// the first rune of the following chunk of text (0 at the end).
func keepsPeriod(word string, next rune) bool {
	if word == "" {
		return false
	}
	lw := strings.ToLower(word)
	if alsoWords[lw] {
		// "No. 5" and "Mass. law" but "he said no." and "We miss. Then".
		return next != 0 && (unicode.IsLower(next) || unicode.IsDigit(next))
	}
	if abbreviations[lw] {
		return true
	}
	// Initials and dotted acronyms: "J", "U.S", "e.g", "a.m", "D.C".
	letters, dots := 0, 0
	prevLetter := false
	for _, r := range word {
		switch {
		case unicode.IsLetter(r):
			if prevLetter {
				return false
			}
			letters++
			prevLetter = true
		case r == '.':
			if !prevLetter {
				return false
			}
			dots++
			prevLetter = false
		default:
			return false
		}
	}
	if letters == 1 && dots == 0 {
		// A single letter: an initial when upper case ("J."), else a word
		// like "a." at a sentence end.
		return unicode.IsUpper(firstRune(word))
	}
	return letters >= 2 && dots == letters-1
}

// abbreviations are lower-cased words that, followed by a period, are
// abbreviations keeping it ("mr." → one token).
var abbreviations = setOf(
	"mr", "mrs", "ms", "mssrs", "messrs", "dr", "st", "jr", "sr", "sen", "sens", "rep", "reps",
	"gov", "govs", "gen", "lt", "col", "maj", "sgt", "capt", "cmdr", "adm", "cpl", "pvt", "pres",
	"prof", "rev", "hon", "fr", "supt", "insp", "amb", "atty", "asst", "assoc", "dept", "univ",
	"inc", "co", "corp", "ltd", "llc", "plc", "bros", "cie", "mfg",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
	"etc", "vs", "no", "nos", "ft", "mt", "ave", "blvd", "rd", "hwy", "approx", "est",
	"fig", "figs", "vol", "vols", "pp", "ed", "eds", "al", "attn", "tel", "ext", "min", "max",
	"lb", "lbs", "oz", "kg", "km", "cm", "mm", "yr", "yrs", "hr", "hrs", "sec", "wk",
	"ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan",
	"kans", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev",
	"okla", "ore", "pa", "penn", "tenn", "tex", "va", "vt", "wash", "wis", "wyo",
	"eg", "ie", "cf", "viz", "ca", "cca", "op", "dist", "intl", "natl", "govt", "comm",
)

// alsoWords are abbreviations that are also common words: they keep their
// period only before a lower-case word or a number.
var alsoWords = setOf("no", "nos", "ill", "mass", "miss", "wash", "ore", "sun", "sat", "wed",
	"mar", "sec", "min", "max", "ed", "al", "co", "op", "ind", "ark", "mo", "pa", "la", "est",
	"ext", "ca", "fig", "vol", "del", "comm", "tel", "ala", "cf", "eds", "figs", "vols", "mon",
	"fri", "tue", "thu", "penn", "mich", "cal", "dist")

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// clitics are the endings split off a word (after a straight or curly
// apostrophe), lower-cased.
var clitics = setOf("s", "re", "ve", "ll", "d", "m", "t")

func isClitic(s string) bool {
	return s != "" && clitics[strings.ToLower(s)] && s != "t" && s != "T"
}

func isDecade(s string) bool {
	return len(s) == 3 && isDigitByte(s[0]) && isDigitByte(s[1]) && (s[2] == 's')
}

// core tokenizes text[s:e], which has no leading opening or trailing
// closing punctuation (though it may have had them inside).
func (tz *tokenizer) core(s, e int) {
	if s >= e {
		return
	}
	t := tz.text
	w := t[s:e]
	if isURL(w) || isEmail(w) {
		tz.emit(s, e)
		return
	}
	// Split at inner break points: dashes, "--", brackets, quotes, slashes
	// and hyphens between words, commas and semicolons between non-digits.
	start := s
	i := s
	for i < e {
		r, sz := utf8.DecodeRuneInString(t[i:e])
		brk := 0 // length of a separator token at i; 0: none
		switch {
		case isDash(r) || r == '…':
			brk = sz
		case isHyphen(r):
			n := sz
			for i+n < e {
				r2, sz2 := utf8.DecodeRuneInString(t[i+n : e])
				if !isHyphen(r2) {
					break
				}
				n += sz2
			}
			if n > sz || tz.splitHyphen(start, i, i+sz, e) {
				brk = n
			} else {
				i += n
				continue
			}
		case r == '/' || r == '\\':
			if !(i > s && isDigitByte(t[i-1]) && i+1 < e && isDigitByte(t[i+1])) && i > s && i+sz < e {
				brk = sz
			}
		case r == ',' || r == ';':
			if !(r == ',' && i > s && isDigitByte(t[i-1]) && i+1 < e && isDigitByte(t[i+1])) {
				brk = sz
			}
		case r == '!' || r == '?':
			n := sz
			for i+n < e && (t[i+n] == '!' || t[i+n] == '?') {
				n++
			}
			brk = n
		case r == '(' || r == ')' || r == '[' || r == ']' || r == '{' || r == '}' || r == '"' || r == '“' || r == '”':
			// "(s)" style plurals stay inside the word.
			if r == '(' && strings.HasPrefix(t[i:e], "(s)") {
				i += 3
				continue
			}
			brk = sz
		case r == '.' && i+sz < e && t[i+1] == '.':
			// an inner ellipsis "...": split it off
			n := sz
			for i+n < e && t[i+n] == '.' {
				n++
			}
			brk = n
		}
		if brk > 0 {
			tz.word(start, i)
			tz.emit(i, i+brk)
			i += brk
			start = i
			continue
		}
		i += sz
	}
	tz.word(start, e)
}

// hyphenPrefixes are lower-cased word beginnings that keep their hyphen in
// EWT ("co-workers", "non-human", "e-mail").
var hyphenPrefixes = setOf("e", "co", "pre", "post", "non", "semi", "re", "pro", "multi", "mid",
	"ex", "anti", "sub", "vice", "un", "socio", "psycho", "inter", "counter", "over", "under",
	"cyber", "micro", "macro", "mini", "neo", "quasi", "ultra", "bi", "tri", "de", "mis")

// splitHyphen reports whether the hyphen text[h:h2] inside the word
// text[ws:we] (ws ≤ h) separates two tokens.
func (tz *tokenizer) splitHyphen(ws, h, h2, we int) bool {
	t := tz.text
	if h == ws || h2 == we {
		return true
	}
	left := t[ws:h]
	if k := strings.LastIndexAny(left, "-‐‑"); k >= 0 {
		left = left[k+1:]
		if left == "" {
			return true
		}
		_, sz := utf8.DecodeRuneInString(t[ws+k:])
		left = t[ws+k+sz : h]
	}
	if hyphenPrefixes[strings.ToLower(left)] {
		return false
	}
	// Phone numbers and codes: digit groups joined by hyphens with at
	// least three digits each side stay whole ("713-853-3989").
	if allDigits(left) {
		rest := t[h2:we]
		n := 0
		for n < len(rest) && isDigitByte(rest[n]) {
			n++
		}
		if (len(left) >= 3 && n >= 3) || n >= 4 {
			return false
		}
	}
	// Alphanumeric codes mixing letters and digits ("x3-9890", "ld2d-").
	return true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigitByte(s[i]) {
			return false
		}
	}
	return true
}

// word emits text[s:e], a piece without break points, splitting clitics,
// currency symbols and percent signs.
func (tz *tokenizer) word(s, e int) {
	if s >= e {
		return
	}
	t := tz.text
	// Currency and number signs before digits: "$5" → "$" "5".
	for s < e {
		r, sz := utf8.DecodeRuneInString(t[s:e])
		if (r == '$' || r == '€' || r == '£' || r == '¥' || r == '#' || r == '~') && s+sz < e {
			if strings.Trim(t[s:e], "$") == "" {
				break
			}
			tz.emit(s, s+sz)
			s += sz
			continue
		}
		// Remaining leading apostrophe or quote not caught before.
		if isApos(r) && s+sz < e && !isClitic(t[s+sz:e]) && !isDecade(t[s+sz:e]) {
			tz.emit(s, s+sz)
			s += sz
			continue
		}
		break
	}
	// Trailing percent: "5%" → "5" "%".
	var pct int
	if e-s > 1 && t[e-1] == '%' {
		pct = 1
		e--
	}
	tz.clitic(s, e)
	if pct > 0 {
		tz.emit(e, e+1)
	}
}

// clitic emits text[s:e], splitting contractions and possessives.
func (tz *tokenizer) clitic(s, e int) {
	t := tz.text
	w := t[s:e]
	lw := strings.ToLower(normalise(w))
	switch lw {
	case "cannot":
		tz.emit(s, s+3)
		tz.emit(s+3, e)
		return
	case "gonna", "wanna", "gotta", "gimme", "lemme":
		tz.emit(s, e-2)
		tz.emit(e-2, e)
		return
	}
	// n't, with a straight or curly apostrophe.
	if strings.HasSuffix(lw, "n't") && len(lw) > 3 {
		// Offsets: the apostrophe may be multi-byte in w.
		_, asz := lastRune(w[:len(w)-1]) // apostrophe before final t
		cut := e - 1 - asz - 1           // before the n
		if cut > s {
			tz.emit(s, cut)
			tz.emit(cut, e)
			return
		}
	}
	// 's 're 've 'll 'd 'm and a bare final apostrophe (plural possessive).
	for k := len(w) - 1; k > 0; k-- {
		r, sz := utf8.DecodeRuneInString(w[k:])
		if r == utf8.RuneError && sz == 1 {
			continue
		}
		if isApos(r) {
			rest := w[k+sz:]
			if isClitic(rest) && rest != "t" {
				tz.emit(s, s+k)
				tz.emit(s+k, e)
				return
			}
			break
		}
		if e-s-k > 3 {
			break
		}
	}
	tz.emit(s, e)
}

// isURL reports whether w looks like a URL.
func isURL(w string) bool {
	lw := strings.ToLower(w)
	if strings.Contains(lw, "://") || strings.HasPrefix(lw, "www.") {
		return true
	}
	// bare domain names with a common top-level domain: "example.com"
	for _, tld := range []string{".com", ".org", ".net", ".gov", ".edu", ".co.uk", ".html", ".htm"} {
		if i := strings.Index(lw, tld); i > 0 {
			j := i + len(tld)
			if j == len(lw) || lw[j] == '/' {
				return true
			}
		}
	}
	return false
}

// isEmail reports whether w looks like an e-mail address.
func isEmail(w string) bool {
	at := strings.IndexByte(w, '@')
	if at <= 0 || at == len(w)-1 {
		return false
	}
	dom := w[at+1:]
	return strings.Contains(dom, ".") && !strings.ContainsAny(w, "()[]<>,;\"“”")
}
