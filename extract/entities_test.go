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
