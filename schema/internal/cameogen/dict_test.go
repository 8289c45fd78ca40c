package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func word(w string) Elem       { return Elem{Kind: Word, Words: []string{w}} }
func synset(l string) Elem     { return Elem{Kind: Set, Words: []string{l}} }
func mark(m string) Elem       { return Elem{Kind: Marker, Words: []string{m}} }
func pp(sub ...Elem) Elem      { return Elem{Kind: PP, Sub: sub} }
func phrase(ws ...string) Elem { return Elem{Kind: Phrase, Words: ws} }

var parseCases = []struct {
	name      string
	file      string
	want      *Dict
	malformed []int
}{
	{
		name: "synsets and a block",
		file: "synsets.txt",
		want: &Dict{
			Synsets: map[string]Synset{
				"OUTPOST": {Label: "OUTPOST", Members: [][]string{{"fort"}, {"garrison"}, {"border", "post"}}},
				"TITLE":   {Label: "TITLE", Members: [][]string{{"governor"}, {"mayor"}}},
			},
			Blocks: []Block{{
				Name: "DENOUNCE", Code: "111", Line: 11,
				Verbs:    []Verb{{Words: []string{"denounce"}, Line: 12}, {Words: []string{"rebuke"}, Line: 13}},
				Patterns: []Pattern{{Post: []Elem{pp(word("for"))}, Code: "111", Origins: []string{"rebuke"}, Line: 14}},
			}},
		},
	},
	{
		name: "pattern shapes",
		file: "patterns.txt",
		want: &Dict{
			Synsets: map[string]Synset{},
			Blocks: []Block{{
				Name: "STORM", Code: "190", Line: 2,
				Verbs: []Verb{
					{Words: []string{"storm"}, Line: 3},
					{Words: []string{"raid", "on"}, Line: 4},
					{Words: []string{"stormed", "and"}, Literal: true, Line: 5},
					{Words: []string{"overrun"}, Code: "192", HasCode: true, Line: 6},
				},
				Patterns: []Pattern{
					{Post: []Elem{synset("OUTPOST")}, Code: "192", Origins: []string{"storm"}, Line: 7},
					{Post: []Elem{pp(word("into"), word("compounds"))}, Code: "190", Origins: []string{"overrun"}, Line: 8},
					{Post: []Elem{pp(word("against"))}, Code: "190", Line: 9},
					{Post: []Elem{phrase("air", "base")}, Code: "195", Origins: []string{"storm"}, Line: 10},
					{Pre: []Elem{mark("$")}, Post: []Elem{pp(word("with"), mark("+"))}, Code: "190", Origins: []string{"storm"}, Line: 11},
					{Pre: []Elem{synset("MILITARY")}, Post: []Elem{word("barracks")}, Origins: []string{"storm"}, Line: 12},
					{Post: []Elem{word("out")}, Origins: []string{"storm"}, Line: 13},
				},
			}},
		},
	},
	{
		name: "malformed patterns are skipped",
		file: "malformed.txt",
		want: &Dict{
			Synsets: map[string]Synset{},
			Blocks: []Block{{
				Name: "VISIT", Code: "042", Line: 1,
				Verbs:    []Verb{{Words: []string{"visit"}, Line: 2}},
				Patterns: []Pattern{{Post: []Elem{word("tour")}, Code: "042", Origins: []string{"visit"}, Line: 5}},
			}},
		},
		malformed: []int{3, 4},
	},
}

func TestParse(t *testing.T) {
	for _, tc := range parseCases {
		t.Run(tc.name, func(t *testing.T) {
			d := parseFile(t, tc.file)
			var lines []int
			for _, m := range d.Malformed {
				lines = append(lines, m.Line)
			}
			d.Malformed = nil
			if diff := cmp.Diff(tc.want, d, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Parse(%s) (-want +got):\n%s", tc.file, diff)
			}
			if diff := cmp.Diff(tc.malformed, lines); diff != "" {
				t.Errorf("malformed lines (-want +got):\n%s", diff)
			}
		})
	}
}

var parseErrorCases = []struct {
	name, text string
	line       int
}{
	{"verb outside a block", "# no header yet\nMEET\n", 2},
	{"synset member without +", "&WEAPON\n+GUN\nRIFLE\n", 3},
	{"header without a name", "---  [040]  ---\n", 1},
	{"header with a bad code", "---  MEET  [04x]  ---\n", 1},
	{"pattern outside a block", "- * SUMMIT [040]\n", 1},
}

func TestParseErrors(t *testing.T) {
	for _, tc := range parseErrorCases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.text))
			if !errors.Is(err, errSyntax) {
				t.Fatalf("Parse: got %v, want an error wrapping errSyntax", err)
			}
			if want := "line " + itoa(tc.line) + ":"; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("Parse: error %q does not start with %q", err, want)
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// parseFile parses a dictionary fragment of testdata.
func parseFile(t testing.TB, name string) *Dict {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := Parse(f)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return d
}

// FuzzParse checks that Parse never panics, that it is deterministic, and
// that what it returns keeps its invariants: codes are digits, every
// pattern has its verb place outside it and a line inside the input.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Add("---  X  [1:2]  ---\nX {}\n- ( ) [3]\n")
	f.Fuzz(func(t *testing.T, text string) {
		d, err := Parse(strings.NewReader(text))
		d2, err2 := Parse(strings.NewReader(text))
		if fmt.Sprint(err) != fmt.Sprint(err2) || fmt.Sprintf("%+v", d) != fmt.Sprintf("%+v", d2) {
			t.Fatalf("Parse is not deterministic")
		}
		if err != nil {
			return
		}
		lines := strings.Count(text, "\n") + 1
		for _, b := range d.Blocks {
			checkCode(t, b.Code)
			for _, v := range b.Verbs {
				checkCode(t, v.Code)
				if len(v.Words) == 0 || v.Line < 1 || v.Line > lines {
					t.Fatalf("bad verb %+v", v)
				}
			}
			for _, p := range b.Patterns {
				checkCode(t, p.Code)
				if p.Line < 1 || p.Line > lines {
					t.Fatalf("pattern line %d outside 1..%d", p.Line, lines)
				}
				for _, e := range append(append([]Elem{}, p.Pre...), p.Post...) {
					if e.Kind == Marker && e.Words[0] == "*" {
						t.Fatalf("verb place inside a pattern's elements: %+v", p)
					}
				}
			}
		}
		Convert(d, Lexicon{"noun summit": "met"}) // must not panic either
	})
}

func checkCode(t *testing.T, code string) {
	t.Helper()
	for _, r := range code {
		if r < '0' || r > '9' {
			t.Fatalf("code %q is not digits", code)
		}
	}
}
