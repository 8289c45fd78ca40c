package extract

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsgraph/newsgraph/schema"
)

// tupleList renders the relations of doc as "Subject predicate Object",
// leaving titles out unless titles is true ("Subject title "T"").
func tupleList(doc *Document, titles bool) []string {
	var out []string
	for _, r := range doc.Relations {
		switch {
		case r.Predicate != schema.Title:
			out = append(out, r.Subject+" "+r.Predicate+" "+r.Object)
		case titles:
			out = append(out, r.Subject+" title "+strconv.Quote(r.Object))
		}
	}
	return out
}

// corefCases are short articles; each lists the relations (subject,
// predicate, object) the pipeline must find, all of them and nothing else;
// titles count only in the cases that list one.
var corefCases = []struct {
	name string
	text string
	want []string
}{
	// Seats of government: the actor is the state, the building a place.
	{"seat as subject",
		"The Kremlin warned Germany on Tuesday.",
		[]string{"Russia threatened Germany"}},
	{"seat at sentence start",
		"Downing Street criticized Ethiopia.",
		[]string{"United Kingdom criticized Ethiopia"}},
	{"seat by its short name",
		"The Élysée praised Kenya.",
		[]string{"France praised Kenya"}},
	{"two seats coordinated",
		"The Blue House and the Kremlin signed an agreement.",
		[]string{"South Korea signed_agreement_with Russia"}},
	{"seat before an actor noun",
		"White House officials criticized Argentina.",
		[]string{"United States criticized Argentina"}},
	{"seat visited is a place",
		"German Chancellor Lena Vogel visited the White House.",
		[]string{"Lena Vogel leader_of Germany", "Lena Vogel visited White House"}},

	// Personal pronouns: gender from honorifics and earlier pronouns.
	{"she and him by gender",
		"Kenyan President Grace Wanjiru met Mr. Tesfaye Bekele. She praised him.",
		[]string{"Grace Wanjiru leader_of Kenya", "Grace Wanjiru met Tesfaye Bekele", "Grace Wanjiru praised Tesfaye Bekele"}},
	{"she skips the more salient man",
		"Mr. Tesfaye Bekele met Mrs. Hana Girma on Monday. She later criticized Kenya.",
		[]string{"Tesfaye Bekele met Hana Girma", "Hana Girma criticized Kenya"}},
	{"pronoun across a sentence",
		"Argentine President Lucia Ferrer spoke in Brasilia on Friday. She met Brazilian President Paulo Mendes.",
		[]string{"Lucia Ferrer leader_of Argentina", "Paulo Mendes leader_of Brazil", "Lucia Ferrer met Paulo Mendes"}},
	{"she with no woman named",
		"Mr. Tesfaye Bekele spoke on Monday. She criticized Kenya.",
		nil},
	{"quoted pronoun is not the speaker",
		"Mr. Tesfaye Bekele met Mr. Dawit Alemu on Monday. \"He threatened Ethiopia,\" Alemu said.",
		[]string{"Tesfaye Bekele met Dawit Alemu", "Tesfaye Bekele threatened Ethiopia"}},
	{"gender learnt from a pronoun",
		"Carlos Diaz spoke on Monday. He praised Germany. Ana Souza met Diaz on Tuesday. She criticized Kenya.",
		[]string{"Carlos Diaz praised Germany", "Ana Souza met Carlos Diaz", "Ana Souza criticized Kenya"}},

	// Role descriptions, through roles read earlier in the document.
	{"the leader and the prime minister",
		"Kenyan President Grace Wanjiru met Ethiopian Prime Minister Abebe Tadesse. The Kenyan leader praised the Ethiopian prime minister.",
		[]string{"Grace Wanjiru leader_of Kenya", "Abebe Tadesse leader_of Ethiopia", "Grace Wanjiru met Abebe Tadesse", "Grace Wanjiru praised Abebe Tadesse"}},
	{"the U.S. president",
		"U.S. President John Harlan spoke with German Chancellor Lena Vogel on Monday. On Tuesday the U.S. president criticized Brazil.",
		[]string{"John Harlan leader_of United States", "Lena Vogel leader_of Germany", "John Harlan spoke_with Lena Vogel", "John Harlan criticized Brazil"}},
	{"a role not yet read",
		"The Kenyan leader criticized Ethiopia. Kenyan President Grace Wanjiru spoke later.",
		[]string{"Grace Wanjiru leader_of Kenya"}},
	{"a role of another state",
		"Kenyan President Grace Wanjiru spoke on Monday. The Ethiopian leader criticized Germany.",
		[]string{"Grace Wanjiru leader_of Kenya"}},

	// Possessive roles.
	{"ambassador to",
		"Brazil's ambassador to Argentina, Rosa Lima, spoke on Monday.",
		[]string{`Rosa Lima title "ambassador to Argentina"`, "Rosa Lima official_of Brazil"}},
	{"possessive president",
		"Kenya's president Grace Wanjiru criticized Ethiopia.",
		[]string{"Grace Wanjiru leader_of Kenya", "Grace Wanjiru criticized Ethiopia"}},

	// "The administration": the state of the leader in context.
	{"the administration",
		"Kenyan President Grace Wanjiru criticized Ethiopia on Monday. The administration sanctioned Tesfaye Bekele.",
		[]string{"Grace Wanjiru leader_of Kenya", "Grace Wanjiru criticized Ethiopia", "Kenya sanctioned Tesfaye Bekele"}},
	{"the government is not its target's",
		"Ethiopian Prime Minister Abebe Tadesse met German officials. The government sanctioned Tadesse.",
		[]string{"Abebe Tadesse leader_of Ethiopia", "Abebe Tadesse met Germany", "Germany sanctioned Abebe Tadesse"}},
}

// hasTitle reports whether a list of tuples has a title.
func hasTitle(tuples []string) bool {
	for _, x := range tuples {
		if strings.Contains(x, " title ") {
			return true
		}
	}
	return false
}

func TestCoreference(t *testing.T) {
	for _, tc := range corefCases {
		t.Run(tc.name, func(t *testing.T) {
			got := tupleList(extractText(t, dateLine+tc.text), hasTitle(tc.want))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("relations (-want +got):\n%s", diff)
			}
		})
	}
}

// seatEntityCases check that a seat of government named as an actor is
// its state and named as a place stays a Location.
var seatEntityCases = []struct {
	name string
	text string
	want []string
}{
	{"actor and place",
		"The White House said on Monday that talks would be held at the White House.",
		[]string{"United States/Country[White House]", "White House/Location[]"}},
	{"place after a preposition",
		"Chancellor Lena Vogel arrived at the Kremlin on Monday.",
		[]string{"Lena Vogel/Person[]", "Kremlin/Location[]"}},
	{"place modifying a noun",
		"Brazil's president attended a Zhongnanhai banquet.",
		[]string{"Brazil/Country[]", "Zhongnanhai/Location[]"}},
	{"courtesy title is no part of the name",
		"Mrs. Hana Girma spoke. Girma left.",
		[]string{"Hana Girma/Person[Girma]"}},
}

func TestSeatEntities(t *testing.T) {
	for _, tc := range seatEntityCases {
		t.Run(tc.name, func(t *testing.T) {
			got := entityList(extractText(t, dateLine+tc.text))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("entities (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSeatData checks the seats of government the gazetteer knows.
func TestSeatData(t *testing.T) {
	g := schema.Default()
	for place, state := range map[string]string{"White House": "United States", "Kremlin": "Russia", "10 Downing Street": "United Kingdom", "Élysée": "France", "Zhongnanhai": "China", "Blue House": "South Korea"} {
		m, ok := g.Lookup(place)
		if !ok || m.Entry.Type != schema.Location || m.Entry.SeatOf == nil || m.Entry.SeatOf.Name != state {
			t.Errorf("Lookup(%q): want a Location that is the seat of %s, got %+v", place, state, m.Entry)
		}
	}
	if m, _ := g.Lookup("Caracas"); m.Entry.SeatOf != nil {
		t.Errorf("Lookup(Caracas).SeatOf = %s, want nil (a capital names its country directly)", m.Entry.SeatOf.Name)
	}
}

// TestRelationNeedsItsSides checks that a relation is emitted only when its
// evidence sentence names both sides or refers to them by an anaphor.
func TestRelationNeedsItsSides(t *testing.T) {
	st, err := NewState("t.txt", "t.txt", []byte(dateLine+"Kenyan President Grace Wanjiru spoke. Ethiopia protested."))
	if err != nil {
		t.Fatal(err)
	}
	p := NewPipeline()
	p.Stages = p.Stages[:5] // up to the Resolver
	if err := p.Run(st); err != nil {
		t.Fatal(err)
	}
	ent := func(name string) int {
		for i, e := range st.Entities {
			if e.Name == name {
				return i
			}
		}
		t.Fatalf("no entity %s", name)
		return -1
	}
	person, country := ent("Grace Wanjiru"), ent("Ethiopia")
	rx := &relater{st: st, roles: map[int][]role{}, pron: map[[2]int]int{}, plur: map[[2]int][]int{}, anchored: map[[2]int]bool{}}
	a := newSent(st, 1)
	c := cand{subj: person, obj: country, pred: schema.Criticized, conf: 0.9, gi: -1}
	rx.emit(a, c)
	if len(st.Relations) != 0 {
		t.Fatalf("a subject the sentence does not name: got %+v, want nothing", st.Relations)
	}
	rx.anchor(1, person) // "She protested": an anaphor resolved to her
	rx.emit(a, c)
	if got := tupleList(&Document{Relations: st.Relations}, false); !cmp.Equal(got, []string{"Grace Wanjiru criticized Ethiopia"}) {
		t.Errorf("a subject referred to by an anaphor: got %v", got)
	}
}

// anaphorClassCases cover how names and anaphors find their entity: a
// pronoun by the gender of a known given name, "the two leaders" and "both
// leaders" by leaders' titles, a bare surname by the person rather than a
// relative, a ministry by its own country. Each lists all the relations
// the pipeline must find; titles are left out.
var anaphorClassCases = []struct {
	name string
	text string
	want []string
}{
	{"a pronoun skips a more salient person of the other gender",
		"Prime Minister Tomas Ibarra welcomed President Ana Robles on Monday. She praised Chile.",
		[]string{"Tomas Ibarra met Ana Robles", "Ana Robles praised Chile"}},
	{"the two leaders are the leaders, not a spouse",
		"Mexican President Ana Robles, accompanied by her husband, the economist Jorge Pardo, was welcomed by Chilean Prime Minister Tomas Ibarra. The two leaders signed a trade agreement.",
		[]string{"Ana Robles leader_of Mexico", "Tomas Ibarra leader_of Chile", "Tomas Ibarra met Ana Robles", "Ana Robles signed_agreement_with Tomas Ibarra"}},
	{"both leaders named sentences before",
		"Kenyan President Grace Wanjiru and Ugandan President Moses Kato met in Nairobi on Monday. Troops clashed on the border on Tuesday. Dozens were killed. Tanzanian President Juma Mrisho spoke by phone with both leaders on Wednesday.",
		[]string{"Grace Wanjiru leader_of Kenya", "Moses Kato leader_of Uganda", "Juma Mrisho leader_of Tanzania", "Juma Mrisho spoke_with Grace Wanjiru", "Juma Mrisho spoke_with Moses Kato"}},
	{"a bare surname is the person, not the relative",
		"President Elena Rojas addressed the nation. Her brother, Mario Rojas, was charged with fraud. Rojas criticized Chile.",
		[]string{"Elena Rojas relative_of Mario Rojas", "Elena Rojas criticized Chile"}},
	{"ministries act for their own countries",
		"Russia's Foreign Ministry criticized Tbilisi. Georgia's Foreign Ministry thanked Ankara.",
		[]string{"Russian Foreign Ministry based_in Russia", "Russian Foreign Ministry criticized Georgia", "Georgian Foreign Ministry based_in Georgia", "Georgian Foreign Ministry praised Turkey"}},
}

func TestAnaphorClasses(t *testing.T) {
	for _, tc := range anaphorClassCases {
		t.Run(tc.name, func(t *testing.T) {
			got := tupleList(extractText(t, dateLine+tc.text), false)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("relations (-want +got):\n%s", diff)
			}
		})
	}
}

// TestGivenNames checks the given names the gazetteer knows and that place
// names are not among them.
func TestGivenNames(t *testing.T) {
	g := schema.Default()
	for name, want := range map[string]schema.Gender{"Ana": schema.Female, "Tomas": schema.Male, "Fatima": schema.Female, "Kwame": schema.Male} {
		if got, ok := g.GivenName(name); !ok || got != want {
			t.Errorf("GivenName(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
	for _, w := range []string{"Victoria", "Jordan", "Santa", "ana"} {
		if _, ok := g.GivenName(w); ok {
			t.Errorf("GivenName(%q) is known, want unknown", w)
		}
	}
}
