package schema

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// schemaPredicates transcribes the predicate tables of the schema contract.
var schemaPredicates = []Predicate{
	{Name: "met", Kind: Event, CAMEO: "040", PlannedCAMEO: "036", Symmetric: true},
	{Name: "spoke_with", Kind: Event, CAMEO: "041", Symmetric: true},
	{Name: "invited", Kind: Event, CAMEO: "036"},
	{Name: "visited", Kind: Event, CAMEO: "042"},
	{Name: "praised", Kind: Event, CAMEO: "051"},
	{Name: "cooperated_with", Kind: Event, CAMEO: "060", Symmetric: true},
	{Name: "aided", Kind: Event, CAMEO: "070"},
	{Name: "negotiated_with", Kind: Event, CAMEO: "046", Symmetric: true},
	{Name: "signed_agreement_with", Kind: Event, CAMEO: "057", Symmetric: true},
	{Name: "criticized", Kind: Event, CAMEO: "111"},
	{Name: "accused", Kind: Event, CAMEO: "112"},
	{Name: "opposed", Kind: Event, CAMEO: "120"},
	{Name: "demanded", Kind: Event, CAMEO: "100"},
	{Name: "threatened", Kind: Event, CAMEO: "130"},
	{Name: "protested", Kind: Event, CAMEO: "140"},
	{Name: "sanctioned", Kind: Event, CAMEO: "163"},
	{Name: "expelled", Kind: Event, CAMEO: "174"},
	{Name: "charged", Kind: Event, CAMEO: "173"},
	{Name: "captured", Kind: Event, CAMEO: "173"},
	{Name: "ousted", Kind: Event, CAMEO: "175"},
	{Name: "attacked", Kind: Event, CAMEO: "190"},
	{Name: "killed", Kind: Event, CAMEO: "186"},

	{Name: "leader_of", Kind: State},
	{Name: "official_of", Kind: State},
	{Name: "member_of", Kind: State},
	{Name: "employee_of", Kind: State},
	{Name: "citizen_of", Kind: State},
	{Name: "lives_in", Kind: State},
	{Name: "spouse_of", Kind: State, Symmetric: true},
	{Name: "relative_of", Kind: State, Symmetric: true},
	{Name: "allied_with", Kind: State, Symmetric: true},
	{Name: "located_in", Kind: State},
	{Name: "based_in", Kind: State},
	{Name: "title", Kind: State, LiteralObject: true},
}

func TestLookupPredicate(t *testing.T) {
	for _, want := range schemaPredicates {
		t.Run(want.Name, func(t *testing.T) {
			got, ok := LookupPredicate(want.Name)
			if !ok {
				t.Fatalf("LookupPredicate(%q): not found", want.Name)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("LookupPredicate(%q) (-want +got):\n%s", want.Name, diff)
			}
		})
	}
}

func TestPredicatesIsTheSchema(t *testing.T) {
	want := map[string]Predicate{}
	for _, p := range schemaPredicates {
		want[p.Name] = p
	}
	got := map[string]Predicate{}
	names := []string{}
	for _, p := range Predicates() {
		got[p.Name] = p
		names = append(names, p.Name)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Predicates() (-want +got):\n%s", diff)
	}
	for i := 1; i < len(names); i++ {
		if names[i-1] >= names[i] {
			t.Errorf("Predicates() not sorted by name: %q before %q", names[i-1], names[i])
		}
	}
}

func TestPredicateInvariants(t *testing.T) {
	for _, p := range Predicates() {
		t.Run(p.Name, func(t *testing.T) {
			switch p.Kind {
			case Event:
				if len(p.CAMEO) != 3 {
					t.Errorf("event %q: CAMEO %q is not a three-digit code", p.Name, p.CAMEO)
				}
			case State:
				if p.CAMEO != "" || p.PlannedCAMEO != "" {
					t.Errorf("state %q carries a CAMEO code", p.Name)
				}
			default:
				t.Errorf("%q: kind %q", p.Name, p.Kind)
			}
			if p.LiteralObject && p.Symmetric {
				t.Errorf("%q: a literal object cannot be symmetric", p.Name)
			}
		})
	}
}

func TestLookupPredicateUnknown(t *testing.T) {
	for _, name := range []string{"", "meet", "Met", "MET", "leader", "title "} {
		if p, ok := LookupPredicate(name); ok {
			t.Errorf("LookupPredicate(%q) = %+v, want not found", name, p)
		}
	}
}

var codeForCases = []struct {
	name      string
	predicate string
	modality  Modality
	want      string
}{
	{"planned meeting", Met, Planned, "036"},
	{"meeting", Met, Asserted, "040"},
	{"negated meeting", Met, Negated, "040"},
	{"hypothetical meeting", Met, Hypothetical, "040"},
	{"planned call has no planned code", SpokeWith, Planned, "041"},
	{"invitation", Invited, Asserted, "036"},
	{"planned sanction", Sanctioned, Planned, "163"},
	{"state", LeaderOf, Asserted, ""},
	{"planned state", LeaderOf, Planned, ""},
}

func TestCodeFor(t *testing.T) {
	for _, tc := range codeForCases {
		t.Run(tc.name, func(t *testing.T) {
			p, ok := LookupPredicate(tc.predicate)
			if !ok {
				t.Fatalf("LookupPredicate(%q): not found", tc.predicate)
			}
			if got := p.CodeFor(tc.modality); got != tc.want {
				t.Errorf("%s.CodeFor(%s) = %q, want %q", tc.predicate, tc.modality, got, tc.want)
			}
		})
	}
}

func TestEntityTypeValid(t *testing.T) {
	for _, tc := range []struct {
		in   EntityType
		want bool
	}{
		{Person, true}, {Country, true}, {Location, true}, {Organization, true}, {Other, true},
		{"", false}, {"person", false}, {"City", false},
	} {
		if got := tc.in.Valid(); got != tc.want {
			t.Errorf("EntityType(%q).Valid() = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestModalityValid(t *testing.T) {
	for _, tc := range []struct {
		in   Modality
		want bool
	}{
		{Asserted, true}, {Planned, true}, {Negated, true}, {Hypothetical, true},
		{"", false}, {"Asserted", false}, {"future", false},
	} {
		if got := tc.in.Valid(); got != tc.want {
			t.Errorf("Modality(%q).Valid() = %v, want %v", tc.in, got, tc.want)
		}
	}
}
