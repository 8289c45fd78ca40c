package schema

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// dashes are every dash variant the schema folds to '-'.
var dashes = []rune{'\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212'}

var normalizeRuneCases = []struct {
	name string
	in   rune
	want rune
}{
	{"hyphen", '\u2010', '-'},
	{"non-breaking hyphen", '\u2011', '-'},
	{"figure dash", '\u2012', '-'},
	{"en dash", '\u2013', '-'},
	{"em dash", '\u2014', '-'},
	{"horizontal bar", '\u2015', '-'},
	{"minus sign", '\u2212', '-'},
	{"soft hyphen", '\u00ad', '-'},
	{"ascii hyphen", '-', '-'},
	{"left single quote", '\u2018', '\''},
	{"right single quote", '\u2019', '\''},
	{"low single quote", '\u201a', '\''},
	{"reversed single quote", '\u201b', '\''},
	{"backtick", '`', '\''},
	{"acute accent", '\u00b4', '\''},
	{"prime", '\u2032', '\''},
	{"left double quote", '\u201c', '"'},
	{"right double quote", '\u201d', '"'},
	{"low double quote", '\u201e', '"'},
	{"left guillemet", '\u00ab', '"'},
	{"right guillemet", '\u00bb', '"'},
	{"no-break space", '\u00a0', ' '},
	{"thin space", '\u2009', ' '},
	{"ideographic space", '\u3000', ' '},
	{"newline kept", '\n', '\n'},
	{"tab kept", '\t', '\t'},
	{"carriage return kept", '\r', '\r'},
	{"letter kept", 'a', 'a'},
	{"accented letter kept", 'á', 'á'},
	{"period kept", '.', '.'},
}

func TestNormalizeRune(t *testing.T) {
	for _, tc := range normalizeRuneCases {
		t.Run(tc.name, func(t *testing.T) {
			if got := NormalizeRune(tc.in); got != tc.want {
				t.Errorf("NormalizeRune(%U) = %U, want %U", tc.in, got, tc.want)
			}
		})
	}
}

func TestNormalizeText(t *testing.T) {
	in := "García\u2011Peña said \u201cno\u201d\u00a0to Colombia\u2019s plan \u2014 twice"
	want := "García-Peña said \"no\" to Colombia's plan - twice"
	if diff := cmp.Diff(want, NormalizeText(in)); diff != "" {
		t.Errorf("NormalizeText (-want +got):\n%s", diff)
	}
	if got := NormalizeText(in); len(got) > len(in) {
		t.Errorf("NormalizeText grew the text: %d > %d bytes", len(got), len(in))
	}
}

var stripDiacriticsCases = []struct {
	name, in, want string
}{
	{"acute", "Nicolás", "Nicolas"},
	{"capital acute", "Bogotá", "Bogota"},
	{"tilde", "Peña", "Pena"},
	{"cedilla", "Curaçao", "Curacao"},
	{"circumflex", "Côte", "Cote"},
	{"comma below", "Chișinău", "Chisinau"},
	{"combining mark", "Bogota\u0301", "Bogota"},
	{"plain ascii", "Washington", "Washington"},
	{"non-latin kept", "Москва", "Москва"},
	{"empty", "", ""},
}

func TestStripDiacritics(t *testing.T) {
	for _, tc := range stripDiacriticsCases {
		t.Run(tc.name, func(t *testing.T) {
			if got := StripDiacritics(tc.in); got != tc.want {
				t.Errorf("StripDiacritics(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

var foldCases = []struct {
	name, in, want string
}{
	{"periods", "U.S.", "us"},
	{"acronym", "US", "us"},
	{"dotted acronym with spaces", "U. S. A.", "u s a"},
	{"lower case", "United States", "united states"},
	{"leading the", "the United States", "united states"},
	{"leading The", "The White House", "white house"},
	{"the is a prefix only once", "the the band", "the band"},
	{"the inside a word is kept", "Theodore", "theodore"},
	{"the alone is kept", "The", "the"},
	{"trailing possessive", "Colombia's", "colombia"},
	{"curly possessive", "Colombia\u2019s", "colombia"},
	{"backtick possessive", "Colombia`s", "colombia"},
	{"plural possessive kept", "Americans'", "americans'"},
	{"the and possessive", "the U.S.'s", "us"},
	{"diacritics", "Nicolás Maduro", "nicolas maduro"},
	{"capital outside the table lower-cases first", "\u212Bland", "aland"},
	{"capital diacritics", "ÉLYSÉE", "elysee"},
	{"hyphen", "García\u2010Peña", "garcia-pena"},
	{"non-breaking hyphen", "García\u2011Peña", "garcia-pena"},
	{"figure dash", "García\u2012Peña", "garcia-pena"},
	{"en dash", "García\u2013Peña", "garcia-pena"},
	{"em dash", "García\u2014Peña", "garcia-pena"},
	{"horizontal bar", "García\u2015Peña", "garcia-pena"},
	{"minus sign", "García\u2212Peña", "garcia-pena"},
	{"ascii hyphen", "García-Peña", "garcia-pena"},
	{"curly apostrophe", "Côte d\u2019Ivoire", "cote d'ivoire"},
	{"straight apostrophe", "Côte d'Ivoire", "cote d'ivoire"},
	{"spaces collapse", "  New \t York\n City  ", "new york city"},
	{"no-break space", "New\u00a0York", "new york"},
	{"comma kept", "Washington, D.C.", "washington, dc"},
	{"empty", "", ""},
	{"only periods", "...", ""},
	{"digits", "Kurdistan24", "kurdistan24"},
	{"non-latin lower-cased", "МОСКВА", "москва"},
}

func TestFold(t *testing.T) {
	for _, tc := range foldCases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Fold(tc.in); got != tc.want {
				t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestFoldSameEntity checks the schema's promise that spelling variants never
// create a second entity: each group folds, slugs and IRIs alike.
func TestFoldSameEntity(t *testing.T) {
	groups := [][]string{
		{"U.S.", "US", "u.s.", "the U.S.", "U.S.'s"},
		{"Nicolás Maduro", "Nicolas Maduro", "NICOLÁS MADURO", "Nicolás  Maduro", "Nicola\u0301s Maduro"},
		{"Côte d'Ivoire", "Côte d\u2019Ivoire", "Cote d\u2018Ivoire", "cote d'ivoire"},
		{"Bogotá", "Bogota", "BOGOTÁ", "the Bogotá"},
	}
	var garcia []string
	for _, d := range dashes {
		garcia = append(garcia, "Daniel García"+string(d)+"Peña")
	}
	groups = append(groups, append(garcia, "Daniel Garcia-Pena"))
	for _, g := range groups {
		t.Run(g[0], func(t *testing.T) {
			for _, v := range g[1:] {
				if Fold(v) != Fold(g[0]) {
					t.Errorf("Fold(%q) = %q, want %q like %q", v, Fold(v), Fold(g[0]), g[0])
				}
				if Slug(v) != Slug(g[0]) {
					t.Errorf("Slug(%q) = %q, want %q like %q", v, Slug(v), Slug(g[0]), g[0])
				}
				if EntityIRI(v) != EntityIRI(g[0]) {
					t.Errorf("EntityIRI(%q) = %q, want %q", v, EntityIRI(v), EntityIRI(g[0]))
				}
			}
		})
	}
}

var slugCases = []struct {
	name, in, want string
}{
	{"person", "Nicolás Maduro", "nicolas_maduro"},
	{"acronym", "U.S.", "us"},
	{"hyphenated", "García\u2011Peña", "garcia_pena"},
	{"apostrophe", "Côte d\u2019Ivoire", "cote_d_ivoire"},
	{"leading the and possessive", "  the White House's ", "white_house"},
	{"punctuation runs", "Radio Free Europe/Radio Liberty", "radio_free_europe_radio_liberty"},
	{"digits", "Group of 20", "group_of_20"},
	{"trailing punctuation", "Yahoo!", "yahoo"},
	{"leading punctuation", "#hashtag", "hashtag"},
	{"non-latin letters kept", "Москва", "москва"},
	{"empty", "", "_"},
	{"no letters", "!!!", "_"},
	{"only periods", "...", "_"},
}

func TestSlug(t *testing.T) {
	for _, tc := range slugCases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Slug(tc.in); got != tc.want {
				t.Errorf("Slug(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// checkFold asserts the invariants of Fold and Slug on one input.
func checkFold(t *testing.T, s string) {
	t.Helper()
	f := Fold(s)
	if utf8.ValidString(s) && !utf8.ValidString(f) {
		t.Fatalf("Fold(%q) = %q: invalid UTF-8", s, f)
	}
	if strings.Contains(f, ".") {
		t.Errorf("Fold(%q) = %q: keeps a period", s, f)
	}
	for _, d := range dashes {
		if strings.ContainsRune(f, d) {
			t.Errorf("Fold(%q) = %q: keeps dash %U", s, f, d)
		}
	}
	if strings.Contains(f, "  ") {
		t.Errorf("Fold(%q) = %q: keeps a run of spaces", s, f)
	}
	// Fold drops one leading "the " and one trailing "'s"; what remains after
	// that is stable. Dropping "'s" can bare a space ("x 's" → "x "), which a
	// second Fold trims, so that case is exempt too.
	if !strings.HasPrefix(f, "the ") && !strings.HasSuffix(f, "'s") && !strings.HasSuffix(f, " ") {
		if ff := Fold(f); ff != f {
			t.Errorf("Fold not idempotent: Fold(%q) = %q, Fold(%q) = %q", s, f, f, ff)
		}
	}
	sl := Slug(s)
	if sl == "" {
		t.Fatalf("Slug(%q) is empty", s)
	}
	if sl != "_" && (strings.HasPrefix(sl, "_") || strings.HasSuffix(sl, "_") || strings.Contains(sl, "__")) {
		t.Errorf("Slug(%q) = %q: stray underscore", s, sl)
	}
	for _, r := range sl {
		ascii := r == '_' || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9')
		other := r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
		if !ascii && !other {
			t.Errorf("Slug(%q) = %q: rune %q is not [a-z0-9_] or a letter", s, sl, r)
		}
	}
	// The same exemptions as for idempotence: a second Fold may drop another
	// "the ", "'s" or a space the first one bared ("'s 's" → "'s ").
	if Slug(f) != sl && !strings.HasPrefix(f, "the ") && !strings.HasSuffix(f, "'s") && !strings.HasSuffix(f, " ") {
		t.Errorf("Slug(Fold(%q)) = %q, Slug = %q", s, Slug(f), sl)
	}
}

func TestFoldInvariants(t *testing.T) {
	for _, tc := range foldCases {
		t.Run(tc.name, func(t *testing.T) { checkFold(t, tc.in) })
	}
}

func FuzzFold(f *testing.F) {
	for _, tc := range foldCases {
		f.Add(tc.in)
	}
	for _, tc := range slugCases {
		f.Add(tc.in)
	}
	f.Add("the the U.S.'s")
	f.Add("x 's")
	f.Add("\xff\xfe")
	f.Fuzz(func(t *testing.T, s string) { checkFold(t, s) })
}
