package extract

import (
	"testing"
	"time"
)

// whenCases resolve date expressions against Friday 9 January 2026.
var whenCases = []struct {
	name   string
	text   string
	future bool
	want   string
}{
	{"weekday", "They met Friday.", false, "2026-01-09"},
	{"on weekday", "They met on Monday.", false, "2026-01-05"},
	{"weekday with time of day", "They met Wednesday afternoon.", false, "2026-01-07"},
	{"planned weekday", "They will meet on Monday.", true, "2026-01-12"},
	{"last weekday", "They met last Saturday.", false, "2026-01-03"},
	{"last same weekday", "They met last Friday.", false, "2026-01-02"},
	{"next weekday", "They meet next Monday.", true, "2026-01-12"},
	{"month in the past", "They met in October.", false, "2025-10"},
	{"month of the article", "They met in January.", false, "2026-01"},
	{"month ahead when planned", "They will meet in October.", true, "2026-10"},
	{"month and day", "They met on January 3.", false, "2026-01-03"},
	{"month and day last year", "They met on December 25.", false, "2025-12-25"},
	{"abbreviated with year", "They met on Jan. 3, 2025.", false, "2025-01-03"},
	{"year glued to day", "They met Jan 8,2026 in Rome.", false, "2026-01-08"},
	{"day month year", "They met on 3 March 2024.", false, "2024-03-03"},
	{"month and year", "They met in September 2025.", false, "2025-09"},
	{"first week of", "They meet during the first week of February.", true, "2026-02"},
	{"first week of past", "They met during the first week of February.", false, "2025-02"},
	{"early month", "They will meet in early March.", true, "2026-03"},
	{"mid month", "They will meet in mid-March.", true, "2026-03"},
	{"year", "They met in 2023.", false, "2023"},
	{"yesterday", "They met yesterday.", false, "2026-01-08"},
	{"last month", "They met last month.", false, "2025-12"},
	{"last year", "They met last year.", false, "2025"},
	{"earlier this week", "They met earlier this week.", false, ""},
	{"last week", "They met last week.", false, ""},
}

func firstDate(t *testing.T, text string, o resolveOpts) (string, bool) {
	t.Helper()
	st, err := NewState("x", "x", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	st.Ref = o.ref
	p := &Pipeline{Stages: []Stage{Segmenter{}, &Tagger{}, Mentioner{}, Resolver{}}}
	if err := p.Run(st); err != nil {
		t.Fatal(err)
	}
	a := newSent(st, 0)
	ds := a.dateExprs(o)
	if len(ds) == 0 {
		return "", false
	}
	return ds[0].value, true
}

func TestWhen(t *testing.T) {
	ref := time.Date(2026, 1, 9, 0, 0, 0, 0, time.UTC)
	for _, tc := range whenCases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := firstDate(t, tc.text, resolveOpts{ref: ref, future: tc.future})
			if !ok {
				t.Fatalf("no date expression found in %q", tc.text)
			}
			if got != tc.want {
				t.Errorf("%q resolved to %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestWhenWithoutArticleDate(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"They met on Friday.", ""},
		{"They met in October.", ""},
		{"They met on Jan. 3, 2025.", "2025-01-03"},
		{"They met in 2023.", "2023"},
	} {
		got, _ := firstDate(t, tc.text, resolveOpts{})
		if got != tc.want {
			t.Errorf("%q without article date resolved to %q, want %q", tc.text, got, tc.want)
		}
	}
}
