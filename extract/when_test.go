package extract

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/schema"
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

// TestEventWhen checks which date of a sentence dates the event at a trigger
// word, on parsed sentences, against Friday 6 March 2026.
func TestEventWhen(t *testing.T) {
	for _, tc := range []struct {
		name, text, trigger string
		mod                 schema.Modality
		want                string
	}{
		{"own verb", "Kenya and Ethiopia will meet on March 20.", "meet", schema.Planned, "2026-03-20"},
		{"planning date is not the event's", "On March 2, the two ministers agreed to a meeting in Nairobi.", "meeting", schema.Planned, ""},
		{"planning date dates the planning", "On March 2, the two ministers agreed to a meeting in Nairobi.", "agreed", schema.Asserted, "2026-03-02"},
		{"scheduled for", "The ministers scheduled the talks for April 14.", "talks", schema.Planned, "2026-04-14"},
		{"relative clause takes the noun's date", "The March 1 assault on Goma, in which the rebels seized the airport and captured the governor, ended the truce.", "captured", schema.Asserted, "2026-03-01"},
		{"premodifier dates its noun only", "The March 1 assault on Goma ended the truce that the rebels signed.", "signed", schema.Asserted, ""},
		{"far date on the event's own verb", "Brazil punished the diplomats, adding the ambassador, his deputy and two of their aides to the list of banned foreign officials in February.", "adding", schema.Asserted, "2026-02"},
		{"date of the reporting", "The minister said Friday that the army attacked the camp.", "attacked", schema.Asserted, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, err := NewState("x", "x", []byte("date 2026-03-06\n"+tc.text))
			if err != nil {
				t.Fatal(err)
			}
			p := &Pipeline{Stages: []Stage{Segmenter{}, &Tagger{NER: true}, Parser{}, Mentioner{}, Resolver{}}}
			if err := p.Run(st); err != nil {
				t.Fatal(err)
			}
			a := newSent(st, 0)
			tok := -1
			for i, w := range a.low {
				if w == tc.trigger {
					tok = i
					break
				}
			}
			if tok < 0 {
				t.Fatalf("no token %q in %q", tc.trigger, tc.text)
			}
			rx := &relater{st: st}
			if got := rx.when(a, tok, tc.mod); got != tc.want {
				t.Errorf("when(%q) = %q, want %q", tc.trigger, got, tc.want)
			}
		})
	}
}

func TestShareEventDates(t *testing.T) {
	rel := func(s, p, o, when string, m schema.Modality) Relation {
		return Relation{Subject: s, Predicate: p, Object: o, When: when, Modality: m}
	}
	a := schema.Asserted
	for _, tc := range []struct {
		name     string
		in, want []Relation
	}{
		{"undated repeat takes the date",
			[]Relation{rel("A", "attacked", "B", "", a), rel("A", "attacked", "B", "2026-01-03", a)},
			[]Relation{rel("A", "attacked", "B", "2026-01-03", a), rel("A", "attacked", "B", "2026-01-03", a)}},
		{"symmetric either order",
			[]Relation{rel("A", "met", "B", "2026-02", schema.Planned), rel("B", "met", "A", "", schema.Planned)},
			[]Relation{rel("A", "met", "B", "2026-02", schema.Planned), rel("B", "met", "A", "2026-02", schema.Planned)}},
		{"most precise of agreeing dates",
			[]Relation{rel("A", "attacked", "B", "2026-01", a), rel("A", "attacked", "B", "", a), rel("A", "attacked", "B", "2026-01-03", a)},
			[]Relation{rel("A", "attacked", "B", "2026-01", a), rel("A", "attacked", "B", "2026-01-03", a), rel("A", "attacked", "B", "2026-01-03", a)}},
		{"disagreeing dates are two events",
			[]Relation{rel("A", "attacked", "B", "2026-01-03", a), rel("A", "attacked", "B", "", a), rel("A", "attacked", "B", "2026-02-10", a)},
			[]Relation{rel("A", "attacked", "B", "2026-01-03", a), rel("A", "attacked", "B", "", a), rel("A", "attacked", "B", "2026-02-10", a)}},
		{"other modality is another event",
			[]Relation{rel("A", "met", "B", "2026-02", schema.Planned), rel("A", "met", "B", "", a)},
			[]Relation{rel("A", "met", "B", "2026-02", schema.Planned), rel("A", "met", "B", "", a)}},
		{"states are not dated",
			[]Relation{rel("A", "leader_of", "B", "", a), rel("A", "attacked", "B", "2026-01-03", a)},
			[]Relation{rel("A", "leader_of", "B", "", a), rel("A", "attacked", "B", "2026-01-03", a)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			shareEventDates(tc.in)
			if diff := cmp.Diff(tc.want, tc.in); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}
