package queries

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// FuzzParsePattern checks that ParsePattern never panics, fails only with
// ErrFilter, and returns three non-empty terms with a known or wildcard
// predicate; and that Match on the fixture never panics on the pattern.
func FuzzParsePattern(f *testing.F) {
	for _, s := range []string{"? sanctioned Gustavo Petro", "Donald Trump ? ?", `"Donald Trump" met ?`, `? "leader of" Colombia`, "? ? ?", `"a`, ""} {
		f.Add(s)
	}
	g := New(fixture().ents, fixture().stmts)
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePattern(s)
		if err != nil {
			if !errors.Is(err, ErrFilter) {
				t.Fatalf("ParsePattern(%q) error %v does not wrap ErrFilter", s, err)
			}
			return
		}
		if strings.TrimSpace(p.Subject) == "" || p.Predicate == "" || strings.TrimSpace(p.Object) == "" {
			t.Fatalf("ParsePattern(%q) = %+v: an empty term", s, p)
		}
		if _, err := g.Match(context.Background(), s, MatchOptions{Limit: 3}); err != nil &&
			!errors.Is(err, ErrFilter) && !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrAmbiguous) {
			t.Fatalf("Match(%q) error %v wraps no sentinel", s, err)
		}
	})
}
