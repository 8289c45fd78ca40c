package score

import (
	"testing"

	"github.com/newsgraph/newsgraph/schema"
)

// normCases hold score.py's norm of each input, as Python 3 computes it.
// Where schema.Fold agrees, foldAgrees is set and checked too.
var normCases = []struct {
	name, in, want string
	foldAgrees     bool
}{
	{"periods", "U.S.", "us", true},
	{"acronym", "US", "us", true},
	{"leading the", "the United States", "united states", true},
	{"the after collapsing", "The  Caribbean", "caribbean", true},
	{"possessive", "Colombia's", "colombia", true},
	{"curly possessive", "Colombia’s", "colombia", true},
	{"the and possessive", "the U.S.'s", "us", true},
	{"diacritics", "Nicolás Maduro", "nicolas maduro", true},
	{"capital diacritics", "ÉLYSÉE", "elysee", true},
	{"curly apostrophe", "Côte d’Ivoire", "cote d'ivoire", true},
	{"acute accent as quote", "´acute", "'acute", true},
	{"dotted capital I", "İstanbul", "istanbul", true},
	{"hyphen", "García‐Peña", "garcia-pena", true},
	{"non-breaking hyphen", "García‑Peña", "garcia-pena", true},
	{"minus sign", "García−Peña", "garcia-pena", true},
	{"no-break space", "a\u00a0b", "a b", true},
	{"digits", "Kurdistan24", "kurdistan24", true},
	{"possessive bares a space", "x 's", "x ", true},
	{"the once", "the the x", "the x", true},
	{"empty", "", "", true},
	{"only periods", "...", "", true},
	{"sharp s is not decomposed", "Straße", "straße", false},
	{"ash is not decomposed", "Æsir", "æsir", false},
	{"slashed o is not decomposed", "Jonas Gahr Støre", "jonas gahr støre", false},
	{"stroked l is not decomposed", "Łukasz", "łukasz", false},
	{"stroked d is not decomposed", "Đoković", "đokovic", false},
	{"thorn is not decomposed", "Þór", "þor", false},
	{"dotless i is kept", "ı", "ı", false},
	{"ligature oe is kept", "Œuvre", "œuvre", false},
	{"double quotes are kept", "“Quoted”", "“quoted”", false},
	{"soft hyphen is kept", "soft\u00adhyphen", "soft\u00adhyphen", false},
	{"fi ligature decomposes", "ﬁnance", "finance", false},
	{"full-width letters decompose", "ＵＳＡ", "usa", false},
	{"superscript decomposes", "x²", "x2", false},
	{"cyrillic short i loses its breve", "Й", "и", false},
	{"greek accents drop", "Ελληνικά", "ελληνικα", false},
	{"greek final sigma", "ΟΔΥΣΣΕΥΣ", "οδυσσευς", false},
	{"ellipsis decomposes to periods", "…the", "the", false},
	{"angstrom sign", "\u212b", "a", false},
	{"information separator splits", "a\x1cb", "a b", false},
}

func TestNorm(t *testing.T) {
	for _, tc := range normCases {
		t.Run(tc.name, func(t *testing.T) {
			if got := normName(tc.in); got != tc.want {
				t.Errorf("normName(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if tc.foldAgrees {
				if got := schema.Fold(tc.in); got != tc.want {
					t.Errorf("schema.Fold(%q) = %q, want %q like score.py", tc.in, got, tc.want)
				}
			}
		})
	}
}

// TestNormMatchesFoldOnGazetteer checks that on every name the gazetteer
// knows, the scorer's folding and schema.Fold agree, so that names the
// extractor takes from the gazetteer are scored as they were matched.
func TestNormMatchesFoldOnGazetteer(t *testing.T) {
	for _, e := range schema.Default().Entries() {
		forms := append(append(append([]string{e.Name}, e.Aliases...), e.Demonyms...), e.Capitals...)
		for _, f := range forms {
			if n, fo := normName(f), schema.Fold(f); n != fo {
				t.Errorf("%q: score folds to %q, schema.Fold to %q", f, n, fo)
			}
		}
	}
}
