package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// extractText runs the default pipeline over text.
func extractText(t *testing.T, text string) *Document {
	t.Helper()
	doc, err := NewPipeline().Extract("t.txt", "t.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// entityList renders entities as "Name/Type[aliases]".
func entityList(doc *Document) []string {
	var out []string
	for _, e := range doc.Entities {
		out = append(out, fmt.Sprintf("%s/%s%v", e.Name, e.Type, e.Aliases))
	}
	return out
}

var entityCases = []struct {
	name string
	text string
	want []string
}{
	{"name forms merge to the fullest",
		"Trump arrived late. President Donald Trump then addressed the crowd, and Trump left.",
		[]string{"Donald Trump/Person[Trump]"}},
	{"aliases of a country",
		"Washington said the U.S. would act. America's allies agreed, and the United States thanked them.",
		[]string{"United States/Country[America U.S. Washington]"}},
	{"demonym and title",
		"Colombian President Gustavo Petro spoke to reporters.",
		[]string{"Colombia/Country[Colombian]", "Gustavo Petro/Person[]"}},
	{"capital as place and as actor",
		"Talks were held in Caracas. Caracas rejected the offer.",
		[]string{"Caracas/Location[]", "Venezuela/Country[Caracas]"}},
	{"acronym of an organisation",
		"The Andean Water Council (AWC) warned of drought. The AWC met on Monday.",
		[]string{"Andean Water Council/Organization[AWC]"}},
	{"place followed by its country",
		"Floods hit Mendoza, Argentina, on Sunday.",
		[]string{"Mendoza/Location[]", "Argentina/Country[]"}},
	{"emphasis and common nouns are not names",
		"Drugs must be STOPPED, he said. It was a Great Honor.",
		nil},
	{"name particles",
		"Brazil's president, Luiz Inácio Lula da Silva, spoke. Lula smiled.",
		[]string{"Brazil/Country[]", "Luiz Inácio Lula da Silva/Person[Lula]"}},
	{"diacritics and dashes fold to one entity",
		"Daniel García‑Peña spoke. Later García-Peña left.",
		[]string{"Daniel García-Peña/Person[García-Peña]"}},
	{"generic ministry named by its country",
		"Peru's Foreign Ministry said it was surprised.",
		[]string{"Peru/Country[]", "Peruvian Foreign Ministry/Organization[]"}},
	{"hyphenated name joined from its pieces",
		"Foreign Minister Ana Ruiz-Soto spoke. Ruiz-Soto later left.",
		[]string{"Ana Ruiz-Soto/Person[Ruiz-Soto]"}},
	{"compound of two country names",
		"The U.S.-Mexico talks resumed.",
		[]string{"United States/Country[U.S.]", "Mexico/Country[]"}},
	{"prefix before a demonym",
		"A pro-Russian rally was held in Kyiv.",
		[]string{"Russia/Country[Russian]", "Kyiv/Location[]"}},
	{"headline word the tagger misreads joins its name",
		"Soto announces trade deal\nPresident Pablo Soto spoke on Monday.",
		[]string{"Pablo Soto/Person[Soto]"}},
	{"person in apposition to a person noun",
		"Ana Ortiz met her Kenyan counterpart, Henry Okello-Oryem, in Nairobi.",
		[]string{"Ana Ortiz/Person[]", "Kenya/Country[Kenyan]", "Henry Okello-Oryem/Person[]", "Nairobi/Location[]"}},
	{"particle joined by a hyphen",
		"Syrian President Bashar al-Assad spoke. Assad left.",
		[]string{"Syria/Country[Syrian]", "Bashar al-Assad/Person[Assad]"}},
	{"headline case line",
		"Related Articles & Comments\nThe Senate adjourned.",
		nil},
}

func TestEntities(t *testing.T) {
	for _, tc := range entityCases {
		t.Run(tc.name, func(t *testing.T) {
			got := entityList(extractText(t, tc.text))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("entities (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEntityMentions(t *testing.T) {
	doc := extractText(t, "Trump arrived late. President Donald Trump then addressed the crowd, and Trump left.")
	if len(doc.Entities) != 1 || doc.Entities[0].Mentions != 3 {
		t.Errorf("entities = %+v, want one with 3 mentions", doc.Entities)
	}
	for _, e := range doc.Entities {
		if strings.Contains(e.Name, "President") {
			t.Errorf("title kept in name %q", e.Name)
		}
	}
}

// entityClassCases cover classes of naming: ranks before names, long names
// of organisations, classifier nouns, given names after prepositions,
// surnames shared by relatives, capitals in compounds.
var entityClassCases = []struct {
	name string
	text string
	want []string
}{
	{"a rank is a title, not part of the name",
		"Colonel Amadou Traore addressed the troops, and Traore said they would stay.",
		[]string{"Amadou Traore/Person[Traore]"}},
	{"a two-word rank and a rank alone",
		"A spokesman, Brigadier General Tomas Rivas, denied it. Lieutenant Ana Kovac and Admiral Pedro Lins agreed.",
		[]string{"Tomas Rivas/Person[]", "Ana Kovac/Person[]", "Pedro Lins/Person[]"}},
	{"long name with of and a parenthesised acronym",
		"The strike was called by the Federation of Mine Workers of Bolivia (FSTMB). The FSTMB said it would continue.",
		[]string{"Federation of Mine Workers of Bolivia/Organization[FSTMB]"}},
	{"a head noun before for",
		"The National Union for Democracy protested.",
		[]string{"National Union for Democracy/Organization[]"}},
	{"a collective possessor inside a name",
		"The opposition United Farmers' Alliance and the Democratic People's Front walked out.",
		[]string{"United Farmers' Alliance/Organization[]", "Democratic People's Front/Organization[]"}},
	{"a company head and a country name inside it",
		"Kenya Tea Enterprise was fined.",
		[]string{"Kenya Tea Enterprise/Organization[]"}},
	{"a body of a known organisation",
		"The U.N. refugee agency warned of new arrivals.",
		[]string{"U.N. refugee agency/Organization[]"}},
	{"an indefinite organisation name",
		"He was named head of a Provisional Military Council.",
		[]string{"Provisional Military Council/Organization[]"}},
	{"a sentence-initial adjective is no name",
		"Armed men stormed the station. Furious protesters blocked roads in Kenya.",
		[]string{"Kenya/Country[]"}},
	{"given name after a preposition",
		"The minister sent a message to Peter Njoroge and confirmed the arrest of Fatima Bello.",
		[]string{"Peter Njoroge/Person[]", "Fatima Bello/Person[]"}},
	{"places after a preposition stay places",
		"Officials met near Santa Cruz and in Kampala.",
		[]string{"Santa Cruz/Location[]", "Kampala/Location[]"}},
	{"classifier nouns",
		"A reporter for the newspaper El Heraldo said a mining firm, Cobre Andino, paid Grupo Sur, a lender, and the ruling Unity party.",
		[]string{"El Heraldo/Organization[]", "Cobre Andino/Organization[]", "Grupo Sur/Organization[]", "Unity/Organization[]"}},
	{"a reporting clause is no apposition",
		"They formed a new party, Ana Ruiz said.",
		[]string{"Ana Ruiz/Person[]"}},
	{"capitals as actors",
		"Moscow would respond in kind. Kyiv said the talks had failed. Moscow's Foreign Ministry criticized Kyiv.",
		[]string{"Russia/Country[Moscow]", "Ukraine/Country[Kyiv]", "Russian Foreign Ministry/Organization[]"}},
	{"an age and a person noun in apposition",
		"Police detained Vasco Lemos Pinto, 61, and Ilir Bardhi, an Albanian businessman.",
		[]string{"Vasco Lemos Pinto/Person[]", "Ilir Bardhi/Person[]", "Albania/Country[Albanian]"}},
	{"events and works by their heads",
		"Fans arrived for the Africa Cup near the Kariba Dam.",
		[]string{"Africa Cup/Other[]", "Kariba Dam/Location[]"}},
	{"a surname goes to the person, not the relative introduced later",
		"Jorge Mendes Duarte won the vote. Duarte, joined by his wife, Paula Duarte, thanked voters. Duarte will take office in May.",
		[]string{"Jorge Mendes Duarte/Person[Duarte]", "Paula Duarte/Person[]"}},
	{"a surname before its relative's full name",
		"President Luis Abara was detained. Abara's son, Kofi Abara, was also arrested. Abara denied the charges.",
		[]string{"Luis Abara/Person[Abara]", "Kofi Abara/Person[]"}},
	{"a capital in a compound adjective is the city",
		"The Nairobi-based agency condemned the attack. Nairobi later responded.",
		[]string{"Nairobi/Location[]", "Kenya/Country[Nairobi]"}},
	{"ministries of two countries stay apart",
		"Chile's Foreign Ministry protested. Peru's Foreign Ministry replied.",
		[]string{"Chile/Country[]", "Chilean Foreign Ministry/Organization[]", "Peru/Country[]", "Peruvian Foreign Ministry/Organization[]"}},
	{"an organisation named after a place is not the place",
		"Students at the University of Lusaka marched in Lusaka.",
		[]string{"University of Lusaka/Organization[]", "Lusaka/Location[]"}},
	{"a job at a name makes it a body",
		"John Smith, an analyst at Goldman Sachs, said markets fell.",
		[]string{"John Smith/Person[]", "Goldman Sachs/Organization[]"}},
	{"a name before a job title is a body",
		"Goldman Sachs analyst John Smith said markets fell.",
		[]string{"Goldman Sachs/Organization[]", "John Smith/Person[]"}},
	{"a name after 'in' is a place",
		"Sudan's army accused the Rapid Support Forces of killing civilians in El Fasher.",
		[]string{"Sudan/Country[]", "Rapid Support Forces/Organization[]", "El Fasher/Location[]"}},
	{"a generic body takes the dateline's country",
		"QUITO (Reuters) - The Interior Ministry said protesters gathered near Congress.",
		[]string{"QUITO/Location[]", "Reuters/Organization[]", "Ecuadorian Interior Ministry/Organization[]", "Ecuadorian Congress/Organization[]"}},
}

func TestEntityClasses(t *testing.T) {
	for _, tc := range entityClassCases {
		t.Run(tc.name, func(t *testing.T) {
			got := entityList(extractText(t, tc.text))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("entities (-want +got):\n%s", diff)
			}
		})
	}
}
