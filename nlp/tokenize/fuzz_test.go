package tokenize

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzTokens checks the tokenizer alone: it never panics, is deterministic,
// every token covers a non-empty byte range inside the text with no white
// space, in order and without overlap, its Text is its surface normalised
// (quotes and hyphens; see normalise), and Split gives
// exactly the same tokens.
func FuzzTokens(f *testing.F) {
	for _, tc := range tokenCases {
		f.Add(tc.in)
	}
	for _, s := range []string{"", " ", "\xff", "a\u200bb", "\u202eabc\u202c", "x\x00y", "U.S.-Colombia", "‘it’s’", strings.Repeat("a", 5000)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := Tokens(text)
		if !reflect.DeepEqual(got, Tokens(text)) {
			t.Fatal("not deterministic")
		}
		last := 0
		for _, tk := range got {
			if tk.Start < last || tk.End <= tk.Start || tk.End > len(text) {
				t.Fatalf("token %+v outside text of %d bytes or before offset %d", tk, len(text), last)
			}
			surface := text[tk.Start:tk.End]
			if strings.ContainsFunc(surface, isSpace) {
				t.Fatalf("token %+v contains white space", tk)
			}
			if tk.Text != normalise(surface) {
				t.Fatalf("token text %q is not its surface %q normalised", tk.Text, surface)
			}
			last = tk.End
		}
		var flat []Token
		for _, s := range Split(text) {
			flat = append(flat, s.Tokens...)
		}
		if len(flat) != len(got) || (len(got) > 0 && !reflect.DeepEqual(flat, got)) {
			t.Fatalf("Split's tokens differ from Tokens: %d vs %d", len(flat), len(got))
		}
	})
}

// FuzzSentences checks the sentence splitter: sentences are non-empty, in
// order, do not overlap, span exactly their tokens, and together hold every
// token of the text once; sentence text is valid UTF-8 whenever the text is.
func FuzzSentences(f *testing.F) {
	for _, tc := range sentenceCases {
		f.Add(tc.in)
	}
	for _, s := range []string{"Ok. Ok. Ok.", "Mr. X. Dr. Y.", "“Hi.” He left.\n\nNext", "a.b.c. d", "...!?", "\n\n\n", "U.S. officials said. Then", strings.Repeat("A. ", 1000)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		sents := Split(text)
		if !reflect.DeepEqual(sents, Split(text)) {
			t.Fatal("not deterministic")
		}
		end, n := 0, 0
		for i, s := range sents {
			if len(s.Tokens) == 0 {
				t.Fatalf("sentence %d is empty", i)
			}
			if s.Start < end || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("sentence %d [%d,%d) out of order or outside text of %d bytes", i, s.Start, s.End, len(text))
			}
			if s.Start != s.Tokens[0].Start || s.End != s.Tokens[len(s.Tokens)-1].End {
				t.Fatalf("sentence %d [%d,%d) does not span its tokens", i, s.Start, s.End)
			}
			if utf8.ValidString(text) && !utf8.ValidString(text[s.Start:s.End]) {
				t.Fatalf("sentence %d cuts a character", i)
			}
			end = s.End
			n += len(s.Tokens)
		}
		if want := len(Tokens(text)); n != want {
			t.Fatalf("sentences hold %d tokens, the text has %d", n, want)
		}
	})
}
