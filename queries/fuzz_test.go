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

// FuzzDateInterval checks that a date accepted by dateInterval names a
// non-empty period whose bounds are dates of its own year.
func FuzzDateInterval(f *testing.F) {
	for _, s := range []string{"2026", "2026-02", "2026-02-03", "2026-13", "", "0000", "9999-12-31", "2026-2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		from, to, ok := dateInterval(s)
		if !ok {
			if from != 0 || to != 0 {
				t.Fatalf("dateInterval(%q) = %d, %d for a rejected date", s, from, to)
			}
			return
		}
		if from > to || from/10000 != to/10000 || from < 10101 {
			t.Fatalf("dateInterval(%q) = %d, %d", s, from, to)
		}
		if _, _, again := dateInterval(strings.TrimSpace(s)); !again {
			t.Fatalf("dateInterval(%q) accepted, but not once trimmed", s)
		}
	})
}
