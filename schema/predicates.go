package schema

import "sort"

// Kind separates dated events from standing facts.
type Kind string

// The two kinds of predicate.
const (
	Event Kind = "event"
	State Kind = "state"
)

// Predicate describes one relation name of the schema.
type Predicate struct {
	// Name is the predicate as written in records and queries ("met").
	Name string
	// Kind is Event for things that happen, State for facts that hold.
	Kind Kind
	// CAMEO is the event's CAMEO code; empty for states.
	CAMEO string
	// PlannedCAMEO, when set, replaces CAMEO for planned events
	// (a planned meeting is 036, "express intent to meet").
	PlannedCAMEO string
	// Symmetric predicates hold in both directions and are stored once per pair.
	Symmetric bool
	// LiteralObject is true when the object is a string, not an entity (title).
	LiteralObject bool
}

// CodeFor returns the CAMEO code of p for a relation of modality m.
func (p Predicate) CodeFor(m Modality) string {
	if m == Planned && p.PlannedCAMEO != "" {
		return p.PlannedCAMEO
	}
	return p.CAMEO
}

// The predicates of schema v1, by name.
const (
	Met                 = "met"
	SpokeWith           = "spoke_with"
	Invited             = "invited"
	Visited             = "visited"
	Praised             = "praised"
	CooperatedWith      = "cooperated_with"
	Aided               = "aided"
	NegotiatedWith      = "negotiated_with"
	SignedAgreementWith = "signed_agreement_with"
	Criticized          = "criticized"
	Accused             = "accused"
	Opposed             = "opposed"
	Demanded            = "demanded"
	Threatened          = "threatened"
	Protested           = "protested"
	Sanctioned          = "sanctioned"
	Expelled            = "expelled"
	Charged             = "charged"
	Captured            = "captured"
	Ousted              = "ousted"
	Attacked            = "attacked"
	Killed              = "killed"

	LeaderOf   = "leader_of"
	OfficialOf = "official_of"
	MemberOf   = "member_of"
	EmployeeOf = "employee_of"
	CitizenOf  = "citizen_of"
	LivesIn    = "lives_in"
	SpouseOf   = "spouse_of"
	RelativeOf = "relative_of"
	AlliedWith = "allied_with"
	LocatedIn  = "located_in"
	BasedIn    = "based_in"
	Title      = "title"
)

var predicates = map[string]Predicate{}

func init() {
	for _, p := range []Predicate{
		{Name: Met, Kind: Event, CAMEO: "040", PlannedCAMEO: "036", Symmetric: true},
		{Name: SpokeWith, Kind: Event, CAMEO: "041", Symmetric: true},
		{Name: Invited, Kind: Event, CAMEO: "036"},
		{Name: Visited, Kind: Event, CAMEO: "042"},
		{Name: Praised, Kind: Event, CAMEO: "051"},
		{Name: CooperatedWith, Kind: Event, CAMEO: "060", Symmetric: true},
		{Name: Aided, Kind: Event, CAMEO: "070"},
		{Name: NegotiatedWith, Kind: Event, CAMEO: "046", Symmetric: true},
		{Name: SignedAgreementWith, Kind: Event, CAMEO: "057", Symmetric: true},
		{Name: Criticized, Kind: Event, CAMEO: "111"},
		{Name: Accused, Kind: Event, CAMEO: "112"},
		{Name: Opposed, Kind: Event, CAMEO: "120"},
		{Name: Demanded, Kind: Event, CAMEO: "100"},
		{Name: Threatened, Kind: Event, CAMEO: "130"},
		{Name: Protested, Kind: Event, CAMEO: "140"},
		{Name: Sanctioned, Kind: Event, CAMEO: "163"},
		{Name: Expelled, Kind: Event, CAMEO: "174"},
		{Name: Charged, Kind: Event, CAMEO: "173"},
		{Name: Captured, Kind: Event, CAMEO: "173"},
		{Name: Ousted, Kind: Event, CAMEO: "175"},
		{Name: Attacked, Kind: Event, CAMEO: "190"},
		{Name: Killed, Kind: Event, CAMEO: "186"},

		{Name: LeaderOf, Kind: State},
		{Name: OfficialOf, Kind: State},
		{Name: MemberOf, Kind: State},
		{Name: EmployeeOf, Kind: State},
		{Name: CitizenOf, Kind: State},
		{Name: LivesIn, Kind: State},
		{Name: SpouseOf, Kind: State, Symmetric: true},
		{Name: RelativeOf, Kind: State, Symmetric: true},
		{Name: AlliedWith, Kind: State, Symmetric: true},
		{Name: LocatedIn, Kind: State},
		{Name: BasedIn, Kind: State},
		{Name: Title, Kind: State, LiteralObject: true},
	} {
		predicates[p.Name] = p
	}
}

// LookupPredicate returns the predicate called name and whether it exists.
func LookupPredicate(name string) (Predicate, bool) {
	p, ok := predicates[name]
	return p, ok
}

// Predicates returns every predicate of the schema sorted by name.
func Predicates() []Predicate {
	out := make([]Predicate, 0, len(predicates))
	for _, p := range predicates {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
