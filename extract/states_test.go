package extract

import (
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsgraph/newsgraph/schema"
)

// stateTuple is a standing fact as (subject, predicate, object).
type stateTuple struct{ S, P, O string }

// standingCases are sentences of other stories with every standing fact (but
// titles) the extractor must read from them, and no other.
var standingCases = []struct {
	name, text string
	want       []stateTuple
}{
	// kinship
	{"wife in apposition, pronoun possessor",
		"Police arrested Peter Otieno on Monday. His wife, Grace Wanjiru, was questioned.",
		[]stateTuple{{"Peter Otieno", "spouse_of", "Grace Wanjiru"}}},
	{"X and his wife, Y",
		"Peter Otieno and his wife, Grace Wanjiru, left the court in Nairobi.",
		[]stateTuple{{"Peter Otieno", "spouse_of", "Grace Wanjiru"}}},
	{"named possessor's son",
		"Police in Lima arrested Pedro Castillo. Castillo's son, Arnulfo Castillo, was also detained.",
		[]stateTuple{{"Pedro Castillo", "relative_of", "Arnulfo Castillo"}}},
	{"her brother",
		"Senator Maria Lopez defended her brother, Jorge Lopez, against the charges.",
		[]stateTuple{{"Maria Lopez", "relative_of", "Jorge Lopez"}}},
	{"accompanied by her husband, the economist X",
		"Senator Lucia Marin arrived in Vienna on Monday, accompanied by her husband, the architect Tomas Ruiz.",
		[]stateTuple{{"Lucia Marin", "spouse_of", "Tomas Ruiz"}}},
	{"his wife's lawyer is no spouse",
		"Farmers blocked roads. Ahmed Bello said his wife's lawyer, Musa Garba, had resigned.",
		nil},
	{"a former wife is none",
		"Ahmed Bello said his former wife, Amina Yusuf, had left Kano.",
		nil},
	// membership
	{"member of two bodies",
		"Hungary, a member of NATO and the European Union, objected to the plan.",
		[]stateTuple{{"Hungary", "member_of", "European Union"}, {"Hungary", "member_of", "North Atlantic Treaty Organization"}}},
	{"X of the Y party",
		"Police detained the opposition lawmaker Paul Mwangi of the Orange Democratic Movement party on Friday.",
		[]stateTuple{{"Paul Mwangi", "member_of", "Orange Democratic Movement"}}},
	{"party candidate before the name",
		"The Labour Party candidate Sarah Jones won the seat in Leeds.",
		[]stateTuple{{"Sarah Jones", "member_of", "Labour Party"}}},
	{"a minister and a member of the party",
		"Carlos Mendes, a veteran diplomat and a member of the Socialist Party, won the vote.",
		[]stateTuple{{"Carlos Mendes", "member_of", "Socialist Party"}}},
	{"joined",
		"Finland joined NATO in 2023 after decades of neutrality.",
		[]stateTuple{{"Finland", "member_of", "North Atlantic Treaty Organization"}}},
	{"hoping to join is no membership",
		"Georgia hopes to join NATO within a decade.",
		nil},
	{"bloc of which X is a member",
		"The Southern African Development Community (SADC), the regional bloc of which Malawi is a member, condemned the vote.",
		[]stateTuple{{"Malawi", "member_of", "Southern African Development Community"}}},
	// work
	{"economist at a bank",
		"Julia Roth, chief economist at Deutsche Bank, expects growth.",
		[]stateTuple{{"Julia Roth", "employee_of", "Deutsche Bank"}}},
	{"professor at a university",
		"Ana Torres, a professor of politics at the University of Chile, said the vote was close.",
		[]stateTuple{{"Ana Torres", "employee_of", "University of Chile"}}},
	{"head of an agency",
		"Filippo Grandi, the head of the UN refugee agency, visited the camp.",
		[]stateTuple{{"Filippo Grandi", "leader_of", "UN refugee agency"}}},
	{"a job with a demonym is a nationality",
		"Police freed a Chilean economist, Rosa Vidal, on Sunday.",
		[]stateTuple{{"Rosa Vidal", "citizen_of", "Chile"}}},
	{"seat in a relative clause",
		"Amnesty International, which is based in London, condemned the arrests.",
		[]stateTuple{{"Amnesty International", "based_in", "London"}}},
	{"heads a body",
		"Jean Dupont, who heads the Alliance for Democracy, arrived on Monday.",
		[]stateTuple{{"Jean Dupont", "leader_of", "Alliance for Democracy"}}},
	{"led a state's delegation",
		"Hiroshi Tanaka, who led Japan's negotiating team, said the talks were hard.",
		[]stateTuple{{"Hiroshi Tanaka", "official_of", "Japan"}}},
	{"led a state once", "Maria Silva, who led Brazil in the 1990s, died.", nil},
	{"leads in the polls", "Pedro Gil leads Chile in the polls.", nil},
	{"the mayor of a capital leads the city, not the state",
		"Carolina Cosse, the mayor of Montevideo, spoke.", nil},
	{"a resident of a capital lives in the city",
		"Juan Perez, a resident of Caracas, said prices had doubled.",
		[]stateTuple{{"Juan Perez", "lives_in", "Caracas"}}},
	{"became a body's member", "Finland became NATO's 31st member in April 2023.",
		[]stateTuple{{"Finland", "member_of", "North Atlantic Treaty Organization"}}},
	{"became a member of", "Juan Gil became a member of the Socialist Party.",
		[]stateTuple{{"Juan Gil", "member_of", "Socialist Party"}}},
	{"a lawmaker from a party", "Ana Ruiz, a lawmaker from the Socialist Party, spoke first.",
		[]stateTuple{{"Ana Ruiz", "member_of", "Socialist Party"}}},
	{"title before the name, country after it", "Foreign Minister Penny Wong of Australia arrived in Jakarta.",
		[]stateTuple{{"Penny Wong", "official_of", "Australia"}}},
	{"serves as", "Penny Wong, who serves as Australia's foreign minister, arrived.",
		[]stateTuple{{"Penny Wong", "official_of", "Australia"}}},
	{"became a state's minister", "Ana Ruiz became Chile's foreign minister in 2024.",
		[]stateTuple{{"Ana Ruiz", "official_of", "Chile"}}},
	{"served once", "Pedro Gil, who served as Peru's president in the 1990s, died.", nil},
	{"a former holder with a demonym", "Former Brazilian President Jair Bolsonaro spoke.", nil},
	{"a nationality before a participle the tagger reads as past", "Italian police arrested Rodrigo Valdés Ortiz, an Argentine financier wanted in his home country over a pyramid scheme.",
		[]stateTuple{{"Rodrigo Valdés Ortiz", "citizen_of", "Argentina"}}},
	// nationality
	{"demonym and occupation before the name",
		"Police freed an Argentine engineer, Carlos Medina, on Sunday.",
		[]stateTuple{{"Carlos Medina", "citizen_of", "Argentina"}}},
	{"citizen",
		"Iran detained a French citizen, Julie Morel, in Tehran.",
		[]stateTuple{{"Julie Morel", "citizen_of", "France"}}},
	{"national after the name",
		"Ahmed Warsame, a Somali national, was deported on Friday.",
		[]stateTuple{{"Ahmed Warsame", "citizen_of", "Somalia"}}},
	{"an office says more than nationality",
		"A Ugandan border commander, Colonel Moses Okello, was killed in the raid.",
		[]stateTuple{{"Moses Okello", "official_of", "Uganda"}}},
	// employment
	{"photographer for the newspaper X",
		"A photographer for the newspaper Daily Nation, Mary Achieng, was injured.",
		[]stateTuple{{"Mary Achieng", "employee_of", "Daily Nation"}}},
	{"correspondent at X",
		"John Kamau, a correspondent at the BBC, said the vote was calm.",
		[]stateTuple{{"John Kamau", "employee_of", "BBC"}}},
	// residence
	{"who lives in",
		"Peter Lang, who lives in Mombasa, was freed on Monday.",
		[]stateTuple{{"Peter Lang", "lives_in", "Mombasa"}}},
	{"where he had been living",
		"Police found Omar Haddad at a flat in Lyon, France, where he had been living under a false name.",
		[]stateTuple{{"Omar Haddad", "lives_in", "Lyon"}, {"Lyon", "located_in", "France"}}},
	// places
	{"a city in a region of a country",
		"Strikes hit Kharkiv, a city in northeastern Ukraine, overnight.",
		[]stateTuple{{"Kharkiv", "located_in", "Ukraine"}}},
	{"a city in Y for a person is nothing",
		"Maria Sanz, a teacher in Spain, wrote to the minister.",
		nil},
	// seats
	{"Y-based bloc",
		"The Economic Community of West African States (ECOWAS), the Abuja-based regional bloc, met on Monday.",
		[]stateTuple{{"Economic Community of West African States", "based_in", "Abuja"}}},
	{"headquartered in",
		"Amnesty International, headquartered in London, criticised the arrests.",
		[]stateTuple{{"Amnesty International", "based_in", "London"}}},
	// alliances
	{"possessor's closest ally",
		"Uganda, Kenya's closest ally, objected to the sanctions.",
		[]stateTuple{{"Uganda", "allied_with", "Kenya"}}},
	{"ally of both countries",
		"Armenia and Azerbaijan traded fire. Armenia accused Azerbaijan of shelling. Iran, a close ally of both countries, offered to mediate.",
		[]stateTuple{{"Iran", "allied_with", "Armenia"}, {"Iran", "allied_with", "Azerbaijan"}}},
	{"one of the possessor's allies after an apposition",
		"Lithuania, a member of NATO and the European Union, has been one of Kyiv's most steadfast allies.",
		[]stateTuple{{"Lithuania", "allied_with", "Ukraine"}, {"Lithuania", "member_of", "European Union"}, {"Lithuania", "member_of", "North Atlantic Treaty Organization"}}},
	{"a trading partner is no ally",
		"The minister will travel to Germany, France's largest trading partner, next week.",
		nil},
	// offices
	{"whose president",
		"The attack was condemned by Tanzania, whose president, Amina Hassan, called for calm.",
		[]stateTuple{{"Amina Hassan", "leader_of", "Tanzania"}}},
	{"named head of a council",
		"Colonel Ibrahim Diallo was named head of the National Transitional Council on Sunday.",
		[]stateTuple{{"Ibrahim Diallo", "leader_of", "National Transitional Council"}}},
	{"army chief with a rank",
		"Kenya's army chief, General Robert Kibet, resigned on Monday.",
		[]stateTuple{{"Robert Kibet", "official_of", "Kenya"}}},
	{"spokesman for the military government",
		"Guinea's junta suspended the newspaper. A spokesman for the military government, Colonel Amara Camara, denied it.",
		[]stateTuple{{"Amara Camara", "official_of", "Guinea"}}},
}

func TestStandingFacts(t *testing.T) {
	p := NewPipeline()
	for _, c := range standingCases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := p.Extract("x.txt", "x.txt", []byte("date 2025-03-10\nNews of the day\n\n"+c.text))
			if err != nil {
				t.Fatal(err)
			}
			var got []stateTuple
			seen := map[stateTuple]bool{}
			for _, r := range doc.Relations {
				pr, ok := schema.LookupPredicate(r.Predicate)
				if !ok || pr.Kind != schema.State || pr.LiteralObject {
					continue
				}
				k := stateTuple{r.Subject, r.Predicate, r.Object}
				if !seen[k] {
					seen[k] = true
					got = append(got, k)
				}
			}
			sort.Slice(got, func(i, j int) bool {
				x, y := got[i], got[j]
				if x.P != y.P {
					return x.P < y.P
				}
				if x.S != y.S {
					return x.S < y.S
				}
				return x.O < y.O
			})
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("states of %q (-want +got)\n%s", c.text, diff)
			}
		})
	}
}
