// Package conllu reads the CoNLL-U format of Universal Dependencies
// treebanks (https://universaldependencies.org/format.html).
//
// Only basic word lines are kept: multiword-token range lines ("1-2") and
// empty nodes ("1.1") are skipped, so a Sentence's Tokens are numbered
// 1..len(Tokens) in order.
package conllu

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Token is one syntactic word of a sentence: the ten CoNLL-U columns.
// Underscore fields are kept as "_" except Head, which is -1 when "_".
type Token struct {
	ID     int
	Form   string
	Lemma  string
	UPOS   string
	XPOS   string
	Feats  string
	Head   int
	Deprel string
	Deps   string
	Misc   string
}

// Sentence is one sentence: its "# sent_id =" and "# text =" comments (empty
// when absent) and its word tokens.
type Sentence struct {
	ID, Text string
	Tokens   []Token
}

// Read parses CoNLL-U from r. Sentences are separated by blank lines; a
// final sentence without a trailing blank line is kept, and blocks with no
// word lines (comments only, or only multiword/empty-node lines) are dropped. Malformed word
// lines (not ten tab-separated columns, bad ID or HEAD) fail with an error
// naming the line number.
func Read(r io.Reader) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	var (
		out  []Sentence
		cur  Sentence
		open bool
		line int
	)
	flush := func() {
		if open && len(cur.Tokens) > 0 {
			out = append(out, cur)
		}
		cur = Sentence{}
		open = false
	}
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(s) == "" {
			flush()
			continue
		}
		if s[0] == '#' {
			open = true
			c := strings.TrimSpace(s[1:])
			if k, v, ok := strings.Cut(c, "="); ok {
				switch strings.TrimSpace(k) {
				case "sent_id":
					cur.ID = strings.TrimSpace(v)
				case "text":
					cur.Text = strings.TrimSpace(v)
				}
			}
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) != 10 {
			return out, fmt.Errorf("conllu: line %d: want 10 tab-separated fields, got %d", line, len(f))
		}
		if strings.ContainsAny(f[0], "-.") {
			open = true
			continue // multiword token or empty node
		}
		id, err := strconv.Atoi(f[0])
		if err != nil {
			return out, fmt.Errorf("conllu: line %d: bad ID %q: %w", line, f[0], err)
		}
		head := -1
		if f[6] != "_" {
			head, err = strconv.Atoi(f[6])
			if err != nil {
				return out, fmt.Errorf("conllu: line %d: bad HEAD %q: %w", line, f[6], err)
			}
		}
		open = true
		cur.Tokens = append(cur.Tokens, Token{
			ID: id, Form: f[1], Lemma: f[2], UPOS: f[3], XPOS: f[4], Feats: f[5],
			Head: head, Deprel: f[7], Deps: f[8], Misc: f[9],
		})
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("conllu: line %d: %w", line+1, err)
	}
	flush()
	return out, nil
}

// ReadFile reads the CoNLL-U file at path; errors name the file.
func ReadFile(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("conllu: %w", err)
	}
	defer f.Close()
	s, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}
