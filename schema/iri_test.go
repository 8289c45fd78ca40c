package schema

import (
	"net/url"
	"strings"
	"testing"
)

// checkIRI asserts that s is an absolute IRI under Base (when under is set)
// that net/url parses and that holds no white space.
func checkIRI(t *testing.T, s string, under bool) {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Errorf("IRI %q does not parse: %v", s, err)
		return
	}
	if !u.IsAbs() || u.Host == "" {
		t.Errorf("IRI %q is not absolute", s)
	}
	if strings.ContainsAny(s, " \t\r\n<>\"{}|\\^`") {
		t.Errorf("IRI %q holds a character N-Quads forbids", s)
	}
	if under && !strings.HasPrefix(s, Base) {
		t.Errorf("IRI %q is not under %q", s, Base)
	}
}

var iriCases = []struct {
	name string
	got  string
	want string
}{
	{"entity", EntityIRI("Nicolás Maduro"), Base + "entity/nicolas_maduro"},
	{"entity acronym", EntityIRI("U.S."), Base + "entity/us"},
	{"entity the", EntityIRI("the White House"), Base + "entity/white_house"},
	{"entity no letters", EntityIRI("!!"), Base + "entity/_"},
	{"type", TypeIRI(Country), Base + "type/Country"},
	{"predicate", PredicateIRI(Met), Base + "rel/met"},
	{"document", DocumentIRI("000_81440262383a513b.txt"), Base + "doc/000_81440262383a513b.txt"},
	{"document with space", DocumentIRI("a b.txt"), Base + "doc/a%20b.txt"},
	{"document with slash", DocumentIRI("a/b"), Base + "doc/a%2Fb"},
	{"stdin", DocumentIRI("stdin"), Base + "doc/stdin"},
	{"statement", StatementIRI("0123abcd"), Base + "stmt/0123abcd"},
}

func TestIRIs(t *testing.T) {
	for _, tc := range iriCases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
			checkIRI(t, tc.got, true)
		})
	}
}

func TestEveryIRIIsAbsolute(t *testing.T) {
	for _, p := range Predicates() {
		checkIRI(t, PredicateIRI(p.Name), true)
	}
	for _, ty := range EntityTypes {
		checkIRI(t, TypeIRI(ty), true)
	}
	for _, s := range []string{AttrSource, AttrSentence, AttrStart, AttrEnd, AttrModality, AttrWhen,
		AttrCAMEO, AttrConfidence, AttrPath, AttrTitle, AttrDate, AttrHash, AttrDocID, ClassStatement, ClassDocument} {
		checkIRI(t, s, true)
	}
	for _, s := range []string{RDFType, Name, AlternateName, XSDDate, XSDGYearMonth, XSDGYear, XSDFloat, XSDInteger} {
		checkIRI(t, s, false)
	}
	for _, e := range Default().Entries() {
		checkIRI(t, EntityIRI(e.Name), true)
	}
	for _, doc := range []string{"x.txt", "weird name?#.html", "ünïcode.txt", "100%.txt", "-"} {
		iri := DocumentIRI(doc)
		checkIRI(t, iri, true)
		u, err := url.Parse(iri)
		if err != nil {
			continue
		}
		if got := strings.TrimPrefix(u.Path, "/kg/doc/"); got != doc {
			t.Errorf("DocumentIRI(%q) path decodes to %q", doc, got)
		}
	}
}

func TestEntityIRIDistinct(t *testing.T) {
	seen := map[string]string{}
	for _, e := range Default().Entries() {
		iri := EntityIRI(e.Name)
		if other, ok := seen[iri]; ok {
			t.Errorf("entries %q and %q share IRI %s", other, e.Name, iri)
		}
		seen[iri] = e.Name
	}
}
