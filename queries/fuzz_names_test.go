package queries

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/schema"
)

// FuzzPatternRoundTrip checks the query-name parser beyond FuzzParsePattern:
// parsing is deterministic; the terms are trimmed and the predicate is "?"
// or a schema predicate; and writing the parsed pattern back with quoted
// names ("S" P "O") parses to the same pattern.
func FuzzPatternRoundTrip(f *testing.F) {
	for _, s := range []string{"? met ?", `"Donald  Trump" leader_of "U.S."`, `a b "leader of" c d`, "x ? y ? z", "\u202e? met ?", "a\tmet\nb", `""" met ?`, `? met "`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePattern(s)
		again, err2 := ParsePattern(s)
		if p != again || (err == nil) != (err2 == nil) {
			t.Fatalf("ParsePattern(%q) not deterministic: %+v, %+v", s, p, again)
		}
		if err != nil {
			if !errors.Is(err, ErrFilter) {
				t.Fatalf("ParsePattern(%q) error %v does not wrap ErrFilter", s, err)
			}
			return
		}
		for _, term := range []string{p.Subject, p.Object} {
			if term == "" || strings.TrimSpace(term) != term {
				t.Fatalf("ParsePattern(%q) = %+v: term %q empty or untrimmed", s, p, term)
			}
		}
		if p.Predicate != Wildcard {
			if _, ok := schema.LookupPredicate(p.Predicate); !ok {
				t.Fatalf("ParsePattern(%q) = %+v: unknown predicate", s, p)
			}
		}
		if strings.Contains(p.Subject+p.Object, `"`) {
			return // a quote in a name cannot be written back quoted
		}
		canon := `"` + p.Subject + `" ` + p.Predicate + ` "` + p.Object + `"`
		back, err := ParsePattern(canon)
		if err != nil || back != p {
			t.Fatalf("ParsePattern(%q) = %+v; written back as %q it parses to %+v, %v", s, p, canon, back, err)
		}
	})
}

// FuzzResolveNames checks name resolution beyond FuzzResolve: it is
// deterministic, padding a name with white space does not change the
// entity it resolves to, a failure is a *ResolveError naming the input
// with at most ten candidates, all of them entities of the graph.
func FuzzResolveNames(f *testing.F) {
	for _, tc := range resolveTests {
		f.Add(tc.in)
	}
	for _, s := range []string{"", " ", "maduro", "MADURO", "Nicolás  Maduro", "the United States", "\u200bTrump", "smith", "\xff"} {
		f.Add(s)
	}
	g := New(fixture().ents, fixture().stmts)
	f.Fuzz(func(t *testing.T, name string) {
		e, err := g.Resolve(name)
		e2, err2 := g.Resolve(name)
		if !reflect.DeepEqual(e, e2) || !reflect.DeepEqual(err, err2) {
			t.Fatalf("Resolve(%q) not deterministic", name)
		}
		if err == nil {
			if padded, perr := g.Resolve("  " + name + "\t"); perr != nil || padded.IRI != e.IRI {
				t.Fatalf("Resolve(%q) = %s, padded gives %s, %v", name, e.IRI, padded.IRI, perr)
			}
			return
		}
		var re *ResolveError
		if !errors.As(err, &re) {
			t.Fatalf("Resolve(%q) error %T is not a *ResolveError", name, err)
		}
		if re.Name != name || len(re.Candidates) > 2*maxCandidates {
			t.Fatalf("Resolve(%q): error names %q with %d candidates", name, re.Name, len(re.Candidates))
		}
		for _, c := range re.Candidates {
			if _, ok := g.Entity(c.IRI); !ok {
				t.Fatalf("Resolve(%q): candidate %s not in the graph", name, c.IRI)
			}
		}
	})
}
