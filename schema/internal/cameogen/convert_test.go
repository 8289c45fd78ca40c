package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// testHand stands for the hand-written triggers a generated phrase must
// agree with.
var testHand = Lexicon{
	"noun summit":    "met",
	"noun talk":      "met",
	"noun custody":   "captured",
	"noun detention": "captured",
	"noun sanction":  "sanctioned",
	"verb arrest":    "captured",
	"verb demand":    "demanded",
}

func TestConvert(t *testing.T) {
	d := parseFile(t, "convert.txt")
	got, rep := Convert(d, testHand)
	want := []Entry{
		{"hold summit", "verb", "met", "040"},          // confirmed by the trigger noun
		{"meet summit", "verb", "met", "040"},          // the synonym is dropped, the pattern kept
		{"acclaim", "verb", "praised", "051"},          // synonym with the block's code
		{"laud", "verb", "praised", "051"},             //
		{"demand release", "verb", "demanded", "1053"}, // confirmed by the trigger verb
		{"arrest", "verb", "captured", "173"},          // 173 without a court word
		{"hold * in * custody", "verb", "captured", "173"},
		{"try", "verb", "charged", "173"},                // 173 about courts
		{"behead", "verb", "killed", "190"},              // the KILL block's override
		{"behead * in * clash", "verb", "killed", "193"}, // confirmed by a kept synonym
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Convert entries (-want +got):\n%s", diff)
	}
	wantRep := Report{
		Verbs: 11, Patterns: 13,
		Dropped: map[Reason]int{
			DropLoose:       3, // meet, ponder, demand
			DropNullCode:    1, // hold
			DropStop:        1, // welcome
			DropCode:        3, // announce (010), "behead demonstrator" (175), "announce truce" (0871)
			DropUnconfirmed: 5, // meet concern, hold talks, welcome arrest, arrest on charges, demand detention
			DropReport:      1, // announce sanctions
		},
		Kept: map[string]int{"met": 2, "praised": 2, "demanded": 1, "captured": 2, "charged": 1, "killed": 2},
	}
	if diff := cmp.Diff(wantRep, rep); diff != "" {
		t.Errorf("Convert report (-want +got):\n%s", diff)
	}
}

var tailCases = []struct {
	name    string
	pattern string
	want    []string // lemmas for the verb "strike"
}{
	{"preposition alone", "* (AGAINST)", []string{"strike against"}},
	{"particle", "* BACK", []string{"strike back"}},
	{"object noun made singular", "* BASES", []string{"strike base"}},
	{"object set spelled out, one-word members", "* &OUTPOST", []string{"strike fort", "strike garrison"}},
	{"preposition and noun", "* (ON TARGETS)", []string{"strike * on * target"}},
	{"preposition and set", "* (AT &OUTPOST)", []string{"strike * at * fort", "strike * at * garrison"}},
	{"phrase object has no form", "* {AIR BASE}", nil},
	{"two elements have no form", "* BASE (IN CITY)", nil},
	{"marker has no form", "* (WITH +)", nil},
	{"alternatives have no form", "* (BY/WITH FORCE)", nil},
}

func TestPatternTails(t *testing.T) {
	d := parseFile(t, "synsets.txt")
	for _, tc := range tailCases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := parsePattern(tc.pattern + " [190]")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, tl := range patternTails(d, p.Post) {
				got = append(got, tl.lemma("strike"))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("patternTails(%q) (-want +got):\n%s", tc.pattern, diff)
			}
		})
	}
}

var singularCases = map[string]string{
	"sanctions": "sanction", "allies": "ally", "taxes": "tax", "marches": "march",
	"bus": "bus", "press": "press", "talks": "talk", "gas": "gas",
}

func TestSingular(t *testing.T) {
	for in, want := range singularCases {
		if got := singular(in); got != want {
			t.Errorf("singular(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestGenerateDeterministic runs the command twice on a fragment and wants
// the same bytes, with the header's counts and the entries.
func TestGenerateDeterministic(t *testing.T) {
	dir := t.TempDir()
	hand := filepath.Join(dir, "triggers.tsv")
	if err := os.WriteFile(hand, []byte("# lemma\tpos\tpredicate\nsummit\tnoun\tmet\ncustody\tnoun\tcaptured\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var outs [][]byte
	for i := range 2 {
		out := filepath.Join(dir, "out"+string(rune('a'+i))+".tsv")
		var stderr bytes.Buffer
		if code := run([]string{"-in", filepath.Join("testdata", "convert.txt"), "-hand", hand, "-out", out}, &stderr); code != 0 {
			t.Fatalf("run: exit %d: %s", code, stderr.String())
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Fatal("two runs wrote different files")
	}
	text := string(outs[0])
	for _, want := range []string{"hold summit\tverb\tmet\t040\n", "hold * in * custody\tverb\tcaptured\t173\n", "#       2 met\n", "Read 11 verb lines and 13 pattern lines"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestRunUsage(t *testing.T) {
	var stderr bytes.Buffer
	if code := run([]string{"-in", "x"}, &stderr); code != 2 {
		t.Errorf("run without -hand and -out: exit %d, want 2", code)
	}
}
