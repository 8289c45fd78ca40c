package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Dict is a parsed PETRARCH verb dictionary: synonym sets and verb blocks,
// in file order.
type Dict struct {
	Synsets map[string]Synset // by label without '&' or trailing '_'
	Blocks  []Block
	// Malformed lists the verb and pattern lines that were skipped because
	// they are not in the format ("- * VENTURE (WITH VISIT) VISIT)").
	Malformed []LineError
}

// LineError is a skipped line and what is wrong with it.
type LineError struct {
	Line int
	Err  error
}

func (e LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

// Synset is a labelled list of words or phrases ("&WEAPON": "gun", "rocket
// launcher"); a member is its words in lower case.
type Synset struct {
	Label   string
	Members [][]string
}

// Block is one verb block: "--- NAME [CODE] ---", its verb synonyms and its
// patterns.
type Block struct {
	Name     string // the header's description: "MEET_PEOPLE"
	Code     string // the default code of its verbs; "" for the null code "---"
	Line     int
	Verbs    []Verb
	Patterns []Pattern
}

// Verb is a verb synonym line: "MEET {MEETS MET MEETING} [040]", or a
// multi-word one written with '+' and '_': "+MEET_WITH {...}".
type Verb struct {
	Words []string // lower case: ["meet", "with"]
	// Literal is true for a multi-word verb whose inflections are listed as
	// "{}": the phrase is written as it occurs ("+KILLED_AND {}"), not as
	// a base form.
	Literal bool
	Code    string // own code ("" for the null code), when HasCode
	HasCode bool
	Line    int
}

// Pattern is a pattern line: "- PRE * POST [CODE]", where * is the verb.
type Pattern struct {
	Pre, Post []Elem
	Code      string // the active direction's code; "" when null
	// Origins are the verbs its comment names as the ones the pattern was
	// written for ("# RUSH" → "rush"; "# KILLED_AND" → "killed and"); none
	// when the comment names no verb.
	Origins []string
	Line    int
}

// ElemKind says what a pattern element is.
type ElemKind int

// The kinds of pattern element.
const (
	Word   ElemKind = iota // a bare word: "SANCTIONS"
	Phrase                 // consecutive words in braces: "{AIR STRIKE}"
	Set                    // a synset reference: "&WEAPON"
	PP                     // a prepositional phrase: "(ON TRIAL)"
	Marker                 // an actor or skip marker: $ + ^ %
)

// Elem is one element of a pattern.
type Elem struct {
	Kind  ElemKind
	Words []string // Word: one word; Phrase: its words; Set: the label; Marker: the mark
	Sub   []Elem   // PP: its content, the preposition first
}

// errSyntax marks a line that is not in the dictionary's format.
var errSyntax = errors.New("cameogen: bad dictionary line")

// Parse reads a PETRARCH verb dictionary. Comments ('#' or ';' to the end
// of the line) and blank lines are skipped; a synset runs from its "&LABEL"
// line to the next blank line or header. A verb or pattern line that is not
// in the format is skipped and listed in Malformed; a bad block header, a
// synset member without '+' or a line outside any block or synset is an
// error naming the line.
func Parse(r io.Reader) (*Dict, error) {
	d := &Dict{Synsets: map[string]Synset{}}
	var syn *Synset
	var blk *Block
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		raw := sc.Text()
		body, comment := splitComment(raw)
		line := strings.TrimSpace(body)
		var err error
		switch {
		case line == "":
			if strings.TrimSpace(raw) == "" && syn != nil {
				d.Synsets[syn.Label] = *syn
				syn = nil
			}
		case strings.HasPrefix(line, "---"):
			var b Block
			if b, err = parseHeader(line); err == nil {
				b.Line = n
				d.Blocks = append(d.Blocks, b)
				blk = &d.Blocks[len(d.Blocks)-1]
			}
		case strings.HasPrefix(line, "&"):
			if syn != nil {
				d.Synsets[syn.Label] = *syn
			}
			syn = &Synset{Label: label(line)}
		case syn != nil:
			if !strings.HasPrefix(line, "+") {
				err = fmt.Errorf("synset %s: member without '+'", syn.Label)
				break
			}
			if ws := words(line[1:]); len(ws) > 0 {
				syn.Members = append(syn.Members, ws)
			}
		case blk == nil:
			err = fmt.Errorf("outside a verb block")
		case strings.HasPrefix(line, "-"):
			if p, perr := parsePattern(line[1:]); perr != nil {
				d.Malformed = append(d.Malformed, LineError{n, perr})
			} else {
				p.Line, p.Origins = n, origins(comment)
				blk.Patterns = append(blk.Patterns, p)
			}
		default:
			if v, verr := parseVerb(line); verr != nil {
				d.Malformed = append(d.Malformed, LineError{n, verr})
			} else {
				v.Line = n
				blk.Verbs = append(blk.Verbs, v)
			}
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %w: %w", n, errSyntax, err)
		}
	}
	if syn != nil {
		d.Synsets[syn.Label] = *syn
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("cameogen: read dictionary: %w", err)
	}
	return d, nil
}

// splitComment cuts a line at '#' or ';' into its content and its comment.
func splitComment(s string) (body, comment string) {
	if i := strings.IndexAny(s, "#;"); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

// origins reads the verbs a pattern's comment names: the leading words in
// capitals, separated by blanks or commas, up to the first other word
// ("CALL , CALL", "ANNOUNCE <ab 02 Dec 2005>"), in lower case with '_' as
// a blank.
func origins(comment string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(comment, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		if !isVerbName(f) {
			break
		}
		out = append(out, strings.Join(words(f), " "))
	}
	return out
}

// isVerbName reports whether s is a verb as the dictionary writes it: capital
// letters, '_' and '-', starting with a letter.
func isVerbName(s string) bool {
	for i, r := range s {
		if !(r >= 'A' && r <= 'Z' || i > 0 && (r == '_' || r == '-')) {
			return false
		}
	}
	return s != ""
}

// label is a synset's name without '&' and the trailing '_' that only stops
// plurals: "&AUXVERB1_" → "AUXVERB1".
func label(s string) string {
	return strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s), "&"), "_")
}

// words splits a dictionary phrase on blanks and '_' into lower-case words.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == '_' || r == ' ' || r == '\t' })
}

// parseHeader parses "--- NAME [CODE] ---".
func parseHeader(line string) (Block, error) {
	body := strings.TrimSpace(strings.Trim(line, "-"))
	code, rest, err := takeCode(body)
	if err != nil {
		return Block{}, err
	}
	name := strings.TrimSpace(rest)
	if name == "" {
		return Block{}, fmt.Errorf("verb block without a name")
	}
	return Block{Name: name, Code: code}, nil
}

// takeCode removes the first "[...]" from s and returns its active code:
// "[042:043]" → "042", "[:173]" and "[---]" → "". A missing code is the
// null code.
func takeCode(s string) (code, rest string, err error) {
	i := strings.IndexByte(s, '[')
	if i < 0 {
		return "", s, nil
	}
	j := strings.IndexByte(s[i:], ']')
	if j < 0 {
		return "", "", fmt.Errorf("unclosed '['")
	}
	inner := strings.TrimSpace(s[i+1 : i+j])
	rest = s[:i] + " " + s[i+j+1:]
	if k := strings.IndexByte(inner, ':'); k >= 0 {
		inner = inner[:k]
	}
	inner = strings.TrimSpace(inner)
	if strings.Trim(inner, "-") == "" {
		return "", rest, nil
	}
	for _, r := range inner {
		if r < '0' || r > '9' {
			return "", "", fmt.Errorf("bad code %q", inner)
		}
	}
	return inner, rest, nil
}

// parseVerb parses a synonym line: "WORD {FORMS} [CODE]" or "+A_B {FORMS}".
func parseVerb(line string) (Verb, error) {
	var v Verb
	v.HasCode = strings.Contains(line, "[")
	code, rest, err := takeCode(line)
	if err != nil {
		return v, err
	}
	v.Code = code
	head := rest
	if i := strings.IndexByte(rest, '{'); i >= 0 {
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return v, fmt.Errorf("unclosed '{'")
		}
		v.Literal = strings.TrimSpace(rest[i+1:i+j]) == ""
		head = rest[:i]
	}
	fs := strings.Fields(head)
	if len(fs) != 1 {
		return v, fmt.Errorf("want one verb, got %q", strings.TrimSpace(head))
	}
	v.Words = words(strings.TrimPrefix(fs[0], "+"))
	if len(v.Words) == 0 {
		return v, fmt.Errorf("empty verb")
	}
	return v, nil
}

// parsePattern parses the part of a pattern line after '-'.
func parsePattern(s string) (Pattern, error) {
	var p Pattern
	code, rest, err := takeCode(s)
	if err != nil {
		return p, err
	}
	p.Code = code
	elems, err := parseElems(rest, true)
	if err != nil {
		return p, err
	}
	star := -1
	for i, e := range elems {
		if e.Kind == Marker && e.Words[0] == "*" {
			if star >= 0 {
				return p, fmt.Errorf("two verb places '*'")
			}
			star = i
		}
	}
	if star < 0 {
		return p, fmt.Errorf("pattern without the verb place '*'")
	}
	p.Pre, p.Post = elems[:star], elems[star+1:]
	return p, nil
}

// parseElems splits pattern text into elements; top is false inside
// parentheses, where a nested '(' or a '*' is an error.
func parseElems(s string, top bool) ([]Elem, error) {
	var out []Elem
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case c == '{' || c == '(':
			closer := byte('}')
			if c == '(' {
				closer = ')'
			}
			j := strings.IndexByte(s[i+1:], closer)
			if j < 0 {
				return nil, fmt.Errorf("unclosed %q", c)
			}
			inner := s[i+1 : i+1+j]
			i += j + 2
			if c == '{' {
				ws := words(inner)
				if len(ws) == 0 || strings.ContainsAny(inner, "{(*") {
					return nil, fmt.Errorf("bad phrase {%s}", inner)
				}
				out = append(out, Elem{Kind: Phrase, Words: ws})
				continue
			}
			if !top {
				return nil, fmt.Errorf("nested '('")
			}
			sub, err := parseElems(inner, false)
			if err != nil {
				return nil, err
			}
			out = append(out, Elem{Kind: PP, Sub: sub})
		case c == '}' || c == ')':
			return nil, fmt.Errorf("unopened %q", c)
		default:
			j := i + 1
			if c == '*' { // the verb place, even when glued to a word: "*SCEPTICAL"
				for j < len(s) && s[j] == '*' {
					j++
				}
			} else {
				for j < len(s) && !strings.ContainsRune(" \t{}()*", rune(s[j])) {
					j++
				}
			}
			e, err := atom(s[i:j], top)
			if err != nil {
				return nil, err
			}
			out = append(out, e)
			i = j
		}
	}
	return out, nil
}

// atom classifies one blank-free token of a pattern.
func atom(tok string, top bool) (Elem, error) {
	switch {
	case tok == "*" || tok == "**":
		if !top {
			return Elem{}, fmt.Errorf("verb place inside '()'")
		}
		return Elem{Kind: Marker, Words: []string{"*"}}, nil
	case tok == "$" || tok == "+" || tok == "^" || tok == "%":
		return Elem{Kind: Marker, Words: []string{tok}}, nil
	case strings.HasPrefix(tok, "&") && len(tok) > 1:
		return Elem{Kind: Set, Words: []string{label(tok)}}, nil
	}
	ws := words(tok)
	if len(ws) == 0 {
		return Elem{}, fmt.Errorf("bad token %q", tok)
	}
	if len(ws) > 1 {
		return Elem{Kind: Phrase, Words: ws}, nil
	}
	return Elem{Kind: Word, Words: ws}, nil
}
