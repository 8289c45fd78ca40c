package ner

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Sentence is one annotated sentence: its words, optionally their PTB
// part-of-speech tags (XPOS, nil when unknown) and its gold entity spans.
type Sentence struct {
	Words []string
	XPOS  []string // nil or len(Words)
	Spans []Span   // sorted by Start, non-overlapping
}

// GMBTypes maps the entity types of the GMB corpus to the recognizer's
// types: persons, organizations, geographical entities and geopolitical
// entities become PER, ORG, LOC and GPE; times become TIM and artifacts,
// events and natural phenomena MISC. The shipped model learns TIM and MISC
// to tell them apart from the others but does not report them.
var GMBTypes = map[string]string{
	"per": PER,
	"org": ORG,
	"geo": LOC,
	"gpe": GPE,
	"tim": TIM,
	"art": MISC,
	"eve": MISC,
	"nat": MISC,
}

// ReadGMB reads the GMB "entity annotated corpus" CSV (header
// "Sentence #,Word,POS,Tag"; a sentence starts on a row whose first column
// is "Sentence: N"; tags are IOB2 over geo, gpe, per, org, tim, art, eve,
// nat). Entity types are mapped through GMBTypes; other types become
// outside. Errors name the line.
func ReadGMB(r io.Reader) ([]Sentence, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 4
	cr.ReuseRecord = true
	var (
		sents []Sentence
		cur   *Sentence
		tags  []string
		first = true
	)
	flush := func() {
		if cur != nil {
			cur.Spans = SpansFromIOB2(tags, GMBTypes)
			sents = append(sents, *cur)
		}
		cur, tags = nil, nil
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("gmb csv: %w", err) // a csv.ParseError names the line
		}
		line, _ := cr.FieldPos(0)
		if first {
			first = false
			if strings.HasPrefix(rec[0], "Sentence") && rec[1] == "Word" {
				continue
			}
		}
		if strings.HasPrefix(rec[0], "Sentence:") {
			flush()
			cur = &Sentence{}
		} else if rec[0] != "" {
			return nil, fmt.Errorf("gmb csv: line %d: unexpected first column %q", line, rec[0])
		}
		if cur == nil {
			return nil, fmt.Errorf("gmb csv: line %d: token before the first sentence", line)
		}
		if rec[1] == "" {
			return nil, fmt.Errorf("gmb csv: line %d: empty word", line)
		}
		if err := checkIOB2(rec[3]); err != nil {
			return nil, fmt.Errorf("gmb csv: line %d: %w", line, err)
		}
		cur.Words = append(cur.Words, rec[1])
		cur.XPOS = append(cur.XPOS, rec[2])
		tags = append(tags, rec[3])
	}
	flush()
	return sents, nil
}

// ReadIOB2 reads the Universal NER format: '#' comment lines, then one token
// a line with tab-separated columns (index, word, IOB2 tag, ...), a blank
// line between sentences. Entity types are kept as written (PER, ORG, LOC).
// Errors name the line.
func ReadIOB2(r io.Reader) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	var (
		sents []Sentence
		cur   Sentence
		tags  []string
		line  int
	)
	flush := func() {
		if len(cur.Words) > 0 {
			cur.Spans = SpansFromIOB2(tags, nil)
			sents = append(sents, cur)
		}
		cur, tags = Sentence{}, nil
	}
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(s) == "" {
			flush()
			continue
		}
		if strings.HasPrefix(s, "#") {
			continue
		}
		cols := strings.Split(s, "\t")
		if len(cols) < 3 {
			return nil, fmt.Errorf("iob2: line %d: want at least 3 tab-separated columns, got %d", line, len(cols))
		}
		if cols[1] == "" {
			return nil, fmt.Errorf("iob2: line %d: empty word", line)
		}
		if err := checkIOB2(cols[2]); err != nil {
			return nil, fmt.Errorf("iob2: line %d: %w", line, err)
		}
		cur.Words = append(cur.Words, cols[1])
		tags = append(tags, cols[2])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("iob2: line %d: %w", line+1, err)
	}
	flush()
	return sents, nil
}

// ReadGMBFile and ReadIOB2File read a file; errors name it.
func ReadGMBFile(path string) ([]Sentence, error) { return readFile(path, ReadGMB) }

// ReadIOB2File reads a Universal NER IOB2 file; errors name it.
func ReadIOB2File(path string) ([]Sentence, error) { return readFile(path, ReadIOB2) }

func readFile(path string, read func(io.Reader) ([]Sentence, error)) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

var errBadTag = errors.New("bad IOB2 tag")

func checkIOB2(tag string) error {
	if tag == "O" {
		return nil
	}
	if len(tag) > 2 && (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-' {
		return nil
	}
	return fmt.Errorf("%w %q", errBadTag, tag)
}

// SpansFromIOB2 turns IOB2 tags into spans. An I- tag that does not continue
// an entity of its type starts one (CoNLL convention). When types is not
// nil, a type is mapped through it and spans of unlisted types are dropped.
func SpansFromIOB2(tags []string, types map[string]string) []Span {
	var spans []Span
	open := -1
	typ := ""
	closeAt := func(i int) {
		if open >= 0 {
			t := typ
			ok := true
			if types != nil {
				t, ok = types[typ]
			}
			if ok {
				spans = append(spans, Span{Start: open, End: i, Type: t})
			}
		}
		open, typ = -1, ""
	}
	for i, tag := range tags {
		if len(tag) < 3 || tag[1] != '-' {
			closeAt(i)
			continue
		}
		t := tag[2:]
		if tag[0] == 'B' || open < 0 || t != typ {
			closeAt(i)
			open, typ = i, t
		}
	}
	closeAt(len(tags))
	return spans
}
