package extract

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/schema"
)

// relationList renders relations as "Subject predicate Object modality when";
// with states false only events are listed, with titles false titles are left out.
func relationList(doc *Document, events, states bool) []string {
	var out []string
	for _, r := range doc.Relations {
		isEvent := r.CAMEO != ""
		if isEvent && !events || !isEvent && (!states || r.Predicate == "title") {
			continue
		}
		s := fmt.Sprintf("%s %s %s", r.Subject, r.Predicate, r.Object)
		if isEvent {
			s += fmt.Sprintf(" %s %s", r.Modality, r.When)
		}
		out = append(out, s)
	}
	return out
}

// The article date of every case is Friday 9 January 2026.
const dateLine = "date 2026-01-09\n"

var stateCases = []struct {
	name string
	text string
	want []string
}{
	{"demonym title name", "Chilean President Pablo Soto spoke.", []string{"Pablo Soto leader_of Chile"}},
	{"country title name", "U.S. Secretary of State Laura Kim spoke.", []string{"Laura Kim official_of United States"}},
	{"lower-case title", "Venezuelan leader Rosa Mar spoke.", []string{"Rosa Mar leader_of Venezuela"}},
	{"title of country before name", "The President of Chile, Pablo Soto, spoke.", []string{"Pablo Soto leader_of Chile"}},
	{"apposition after name", "Pablo Soto, the President of Chile, spoke.", []string{"Pablo Soto leader_of Chile"}},
	{"possessive apposition", "Pablo Soto, Chile's president, spoke.", []string{"Pablo Soto leader_of Chile"}},
	{"apposition with adjectives", "Pablo Soto, the first left-wing president in Chile's history, spoke.", []string{"Pablo Soto leader_of Chile"}},
	{"ambassador to", "Chile's ambassador to France, Elena Ruiz, spoke.", []string{"Elena Ruiz official_of Chile"}},
	{"possessive title comma name", "Peru's left-wing president, Ana Ortiz, spoke.", []string{"Ana Ortiz leader_of Peru"}},
	{"title without country", "Interior Minister Jorge Paz spoke.", nil},
	{"former holder", "Former President Pablo Soto of Chile spoke.", nil},
	{"counterpart", "Chilean President Pablo Soto met his Peruvian counterpart, Ana Ortiz.", []string{"Pablo Soto leader_of Chile", "Ana Ortiz leader_of Peru"}},
	{"place of country", "Protests spread to Cusco, Peru.", []string{"Cusco located_in Peru"}},
	{"ally", "Chile has long been Argentina's closest ally.", []string{"Chile allied_with Argentina"}},
	{"ministry of country", "Peru's Foreign Ministry protested.", []string{"Peruvian Foreign Ministry based_in Peru"}},
}

func TestStates(t *testing.T) {
	for _, tc := range stateCases {
		t.Run(tc.name, func(t *testing.T) {
			got := relationList(extractText(t, dateLine+tc.text), false, true)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("states (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTitleRelation(t *testing.T) {
	doc := extractText(t, "Chile's ambassador to France, Elena Ruiz, spoke. U.S. Secretary of State Laura Kim listened.")
	var got []string
	for _, r := range doc.Relations {
		if r.Predicate == "title" {
			got = append(got, r.Subject+": "+r.Object+" "+string(r.ObjectType))
		}
	}
	want := []string{"Elena Ruiz: ambassador to France ", "Laura Kim: Secretary of State "}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("titles (-want +got):\n%s", diff)
	}
}

var eventCases = []struct {
	name string
	text string
	want []string
}{
	{"active", "Pablo Soto criticized Peru on Tuesday.", []string{"Pablo Soto criticized Peru asserted 2026-01-06"}},
	{"passive", "Rebel commander Juan Mora was captured by Colombian troops.", []string{"Colombia captured Juan Mora asserted "}},
	{"targeted with sanctions", "Britain targeted Russian oligarch Oleg Petrov with sanctions.", []string{"United Kingdom sanctioned Oleg Petrov asserted "}},
	{"blocked a bid", "Turkey blocked Sweden's bid to join NATO.", []string{"Turkey opposed Sweden asserted "}},
	{"warned that it would retaliate", "Russia warned that it would retaliate against Finland.", []string{"Russia threatened Finland asserted "}},
	{"vetoed what another drafted", "China vetoed the resolution drafted by the United States.", []string{"China opposed United States asserted "}},
	{"voted against what another sponsored", "Chile voted against the resolution sponsored by Venezuela.", []string{"Chile opposed Venezuela asserted "}},
	{"praised a plan by no one named", "Chile praised the plan drafted by diplomats.", nil},
	{"the junta as object", "Myanmar's army chief Min Aung met envoys. Britain accused the junta of bombing civilians.", []string{"United Kingdom accused Myanmar asserted "}},
	{"extradited", "Mexican authorities extradited drug lord Rafael Caro to the United States.", []string{"Mexico expelled Rafael Caro asserted "}},
	{"sentenced by a court", "A Pakistani court sentenced former prime minister Imran Qadir to 14 years in prison.", []string{"Pakistan charged Imran Qadir asserted "}},
	{"missiles for their state", "Russian missiles struck the Ukrainian city of Odesa overnight.", []string{"Russia attacked Ukraine asserted "}},
	{"aid pledged is planned", "Germany pledged 500 million euros in aid to Sudan.", []string{"Germany aided Sudan planned "}},
	{"sanctions lifted are no sanction", "The EU lifted its sanctions on Syria on Monday.", nil},
	{"sanctions eased, passive", "The sanctions on Cuba were eased by the United States.", nil},
	{"urged to lift sanctions", "Ghana urged ECOWAS to lift sanctions on Niger.", []string{"Ghana demanded Economic Community of West African States asserted "}},
	{"troops clash", "Thai troops clashed with Cambodian forces along the border.", []string{"Thailand attacked Cambodia asserted "}},
	{"states clash in words", "Chile clashed with Peru over fishing rights at the United Nations.", []string{"Chile criticized Peru asserted "}},
	{"a state's soldiers killed", "Al-Shabaab militants killed five Kenyan soldiers near the border.", []string{"al-Shabaab killed Kenya asserted "}},
	{"a state's nationals are not the state", "Kenyan police arrested three Somali nationals in Mombasa.", nil},
	{"a participle clause takes its clause's date", "LONDON — Britain on Tuesday imposed sanctions on Myanmar and on two companies owned by its armed forces and their families, accusing Myanmar of bombing civilians.",
		[]string{"United Kingdom sanctioned Myanmar asserted 2026-01-06", "United Kingdom accused Myanmar asserted 2026-01-06"}},
	{"a coordinated verb takes the first one's date", "LIMA — Chile on Monday condemned Peru for the raid on the fishing fleet off its northern coast and called on Peru to withdraw.",
		[]string{"Chile criticized Peru asserted 2026-01-05", "Chile demanded Peru asserted 2026-01-05"}},
	{"not the date of a relative clause", "Tomás Quiroga, who took office in December, praised Ana Ribeiro.",
		[]string{"Tomás Quiroga praised Ana Ribeiro asserted "}},
	{"what is urged has not happened", "Kenya urged Uganda to sanction Togo.", []string{"Kenya demanded Uganda asserted ", "Uganda sanctioned Togo hypothetical "}},
	{"a visit one is on", "Modi is on a two-day visit to Russia.", []string{"Modi visited Russia asserted "}},
	{"welcoming a deed praises its doer", "France welcomed the decision by Rwanda to withdraw its troops.", []string{"France praised Rwanda asserted "}},
	{"welcoming an accord praises neither side", "Chile and Peru signed a fishing accord on Monday. Bolivia welcomed the accord.", []string{"Chile signed_agreement_with Peru asserted 2026-01-05"}},
	{"paid tribute", "Chile paid tribute to Peru for its help.", []string{"Chile praised Peru asserted "}},
	{"a date after the object", "Vietnam and China are expected to sign a trade deal next month.", []string{"Vietnam signed_agreement_with China planned 2026-02"}},
	{"a planned visit cancelled", "Kenya cancelled a planned visit to Uganda.", []string{"Kenya visited Uganda negated "}},
	{"a label of praise", "Jorge Matos called Miguel Ferreira \"a serious man for serious times.\"", []string{"Jorge Matos praised Miguel Ferreira asserted "}},
	{"a label of blame", "Jorge Matos called Miguel Ferreira \"a dangerous man.\"", []string{"Jorge Matos criticized Miguel Ferreira asserted "}},
	{"praise words denied are no praise", "Jorge Matos called Miguel Ferreira \"no friend of Portugal.\"", []string{"Jorge Matos criticized Miguel Ferreira asserted "}},
	{"a passive call by two is no call between them", "The march was called by the Workers Union and the Farmers Union.", nil},
	{"a thing called is no phone call", "The Workers Union and the Farmers Union called the march.", nil},
	{"a relative clause of two bodies", "The march was called by the Workers Union and the Farmers Union, which accuse Carmen Villanueva of corruption.",
		[]string{"Workers Union accused Carmen Villanueva asserted ", "Farmers Union accused Carmen Villanueva asserted "}},
	{"talking about a meeting with someone", "Pedro Gil talked about his meeting with Ana Ruiz.", []string{"Pedro Gil met Ana Ruiz asserted "}},
	{"the object of a relative clause", "Peru, which Chile accuses of spying, rejected the claim.", []string{"Chile accused Peru asserted "}},
	{"help as aid", "Canada will help Mexico modernise its power grid.", []string{"Canada aided Mexico planned "}},
	{"arms sent", "Poland has sent tanks and ammunition to Ukraine.", []string{"Poland aided Ukraine asserted "}},
	{"help with no party helped", "The rains helped farmers in Chile.", nil},
	{"phrasal verb", "Ecuador pushed back against Peru on Monday.", []string{"Ecuador opposed Peru asserted 2026-01-05"}},
	{"adverb before particle", "Chile has worked closely with Peru.", []string{"Chile cooperated_with Peru asserted "}},
	{"coordinated verbs share the subject", "Ana Ortiz condemned the vote and accused Chile of fraud.", []string{"Ana Ortiz accused Chile asserted "}},
	{"nominal with light verb", "Canada imposed sanctions on Iran in October.", []string{"Canada sanctioned Iran asserted 2025-10"}},
	{"nominal with agent modifier", "The Chilean raid on Bolivia ended.", []string{"Chile attacked Bolivia asserted "}},
	{"phone call of two", "Pablo Soto and Ana Ortiz held a phone call.", []string{"Pablo Soto spoke_with Ana Ortiz asserted "}},
	{"object frame", "Guatemala removed Jorge Paz from power.", []string{"Guatemala ousted Jorge Paz asserted "}},
	{"object head", "France revoked Jorge Paz's visa.", []string{"France sanctioned Jorge Paz asserted "}},
	{"labelling is criticism", "Ana Ortiz called Jorge Paz a \"liar.\"", []string{"Ana Ortiz criticized Jorge Paz asserted "}},
	{"that-clause target", "Ana Ortiz alleged that Chile funds rebels.", []string{"Ana Ortiz accused Chile asserted "}},
	{"invitation to visit", "Pablo Soto invited Ana Ortiz to visit Chile.", []string{"Pablo Soto invited Ana Ortiz asserted ", "Ana Ortiz visited Chile planned "}},
	{"no event without an entity object", "Pablo Soto criticized the plan.", nil},
	{"participle read as past in a verbless clause", "In May, the Chilean government imposed sanctions on Peru.", []string{"Chile sanctioned Peru asserted 2025-05"}},
	{"participle with an object in a relative clause", "The raid, in which Chilean forces captured Jorge Paz, ended.", []string{"Chile captured Jorge Paz asserted "}},
	{"irregular past after a plural noun", "Chilean warplanes struck Peru on Monday.", []string{"Chile attacked Peru asserted 2026-01-05"}},
	{"subject across a participle clause, from the tree", "Chilean President Pablo Soto, speaking in Santiago after the vote, accused Peru of fraud.", []string{"Pablo Soto accused Peru asserted "}},
	{"hyphenated names on both sides", "Ana Ruiz-Soto met Jorge Paz-Mora in Lima.", []string{"Ana Ruiz-Soto met Jorge Paz-Mora asserted "}},
}

var modalityCases = []struct {
	name string
	text string
	want []string
}{
	{"will", "Pablo Soto will meet Ana Ortiz in February.", []string{"Pablo Soto met Ana Ortiz planned 2026-02"}},
	{"plans to", "Pablo Soto plans to visit Peru.", []string{"Pablo Soto visited Peru planned "}},
	{"is scheduled to", "Pablo Soto is scheduled to visit Peru on Monday.", []string{"Pablo Soto visited Peru planned 2026-01-12"}},
	{"agreed to", "Chile and Peru agreed to a meeting.", []string{"Chile met Peru planned "}},
	{"planned meeting", "The planned meeting between Chile and Peru was delayed.", []string{"Chile met Peru planned "}},
	{"would", "Chile would sanction Peru.", []string{"Chile sanctioned Peru hypothetical "}},
	{"could", "Chile could attack Peru.", []string{"Chile attacked Peru hypothetical "}},
	{"if", "Peru said that if Chile attacked Bolivia, it would respond.", []string{"Chile attacked Bolivia hypothetical "}},
	{"not", "Chile did not attack Peru.", []string{"Chile attacked Peru negated "}},
	{"never", "Chile would never negotiate with Peru.", []string{"Chile negotiated_with Peru negated "}},
	{"denied", "Chile denied attacking Peru.", []string{"Chile attacked Peru negated "}},
	{"past", "Chile attacked Peru last Saturday.", []string{"Chile attacked Peru asserted 2026-01-03"}},
	{"threat of force", "Pablo Soto threatened to order military action against Peru.", []string{"Pablo Soto threatened Peru asserted "}},
}

var pronounCases = []struct {
	name string
	text string
	want []string
}{
	{"he is the last subject", "Pablo Soto arrived in Lima on Monday. He praised Peru.", []string{"Pablo Soto visited Peru asserted 2026-01-05", "Pablo Soto praised Peru asserted "}},
	{"he and him", "Pablo Soto said he had invited him. Ana Ortiz agreed.", nil},
	{"he invited him", "Ana Ortiz spoke first. Pablo Soto said that he had invited her to Lima.", []string{"Pablo Soto invited Ana Ortiz asserted "}},
	{"not the object", "Ana Ortiz met Pablo Soto. Later he accused Ana Ortiz of lying.", []string{"Ana Ortiz met Pablo Soto asserted ", "Pablo Soto accused Ana Ortiz asserted "}},
	{"description", "Chilean President Pablo Soto arrived. Peru criticized the Chilean president.", []string{"Peru criticized Pablo Soto asserted "}},
	{"quoted mention is not an antecedent", "Pablo Soto spoke. \"I like Ana Ortiz,\" he said, and he thanked Peru.", []string{"Pablo Soto praised Peru asserted "}},
}

func TestEvents(t *testing.T) {
	for _, group := range []struct {
		name  string
		cases []struct {
			name string
			text string
			want []string
		}
	}{{"event", eventCases}, {"modality", modalityCases}, {"pronoun", pronounCases}} {
		for _, tc := range group.cases {
			t.Run(group.name+"/"+tc.name, func(t *testing.T) {
				got := relationList(extractText(t, dateLine+tc.text), true, false)
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("events (-want +got):\n%s", diff)
				}
			})
		}
	}
}

func TestEventAttributes(t *testing.T) {
	doc := extractText(t, dateLine+"Pablo Soto said he will meet Ana Ortiz.")
	if len(doc.Relations) != 1 {
		t.Fatalf("relations = %+v, want one", doc.Relations)
	}
	r := doc.Relations[0]
	if r.CAMEO != "036" {
		t.Errorf("planned meeting CAMEO = %q, want 036", r.CAMEO)
	}
	if r.Attribution != "Pablo Soto" {
		t.Errorf("attribution = %q, want Pablo Soto", r.Attribution)
	}
	if r.Confidence <= 0 || r.Confidence > 1 {
		t.Errorf("confidence %v outside (0, 1]", r.Confidence)
	}
	if doc.Text[r.Start:r.End] != r.Sentence {
		t.Errorf("Text[%d:%d] = %q, not the sentence", r.Start, r.End, doc.Text[r.Start:r.End])
	}
}

// TestConfidenceRanks checks that a clear active clause is more confident
// than a relation reached through a pronoun and a nominal pattern.
func TestConfidenceRanks(t *testing.T) {
	clear := extractText(t, "Pablo Soto criticized Ana Ortiz.").Relations
	guess := extractText(t, "Ana Ortiz spoke. Pablo Soto said he had talks with her.").Relations
	if len(clear) != 1 || len(guess) != 1 {
		t.Fatalf("relations: %+v and %+v", clear, guess)
	}
	if clear[0].Confidence <= guess[0].Confidence {
		t.Errorf("clear %.2f <= guess %.2f", clear[0].Confidence, guess[0].Confidence)
	}
}

// TestSymmetricOnce checks that a symmetric event is stored once per sentence.
func TestSymmetricOnce(t *testing.T) {
	doc := extractText(t, "Pablo Soto met Ana Ortiz, and Ana Ortiz met Pablo Soto.")
	got := relationList(doc, true, false)
	if len(got) != 1 {
		t.Errorf("symmetric relations %v, want one", got)
	}
}

// TestEvidenceMentionsArguments checks that both arguments of every relation
// are named, or referred to, in its evidence sentence: by name, by the
// capital of a state, or through a pronoun.
func TestEvidenceMentionsArguments(t *testing.T) {
	text := dateLine + "Chilean President Pablo Soto arrived in Lima. He praised Peru and met its leader, Ana Ortiz. Peru's Foreign Ministry welcomed him."
	st, err := NewState("x", "x", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if err := NewPipeline().Run(st); err != nil {
		t.Fatal(err)
	}
	named := map[int]map[string]bool{}
	for _, m := range st.Mentions {
		if m.Entity < 0 {
			continue
		}
		s := st.Sentences[m.Sent].Start
		if named[s] == nil {
			named[s] = map[string]bool{}
		}
		name := st.Entities[m.Entity].Name
		named[s][name] = true
		// A capital visited stands for its state ("arrived in Lima").
		if g, ok := st.Gaz.Lookup(name); ok && g.Via == schema.ViaCapital {
			named[s][g.Entry.Name] = true
		}
	}
	for _, r := range st.Doc.Relations {
		pron := false
		for _, tk := range st.Sentences[sentenceAt(st, r.Start)].Tokens {
			if personPronouns[toLower(tk.Norm)] {
				pron = true
			}
		}
		if !named[r.Start][r.Subject] && !pron {
			t.Errorf("%s %s %s: subject not in %q", r.Subject, r.Predicate, r.Object, r.Sentence)
		}
		if r.Predicate != "title" && !named[r.Start][r.Object] && !pron {
			t.Errorf("%s %s %s: object not in %q", r.Subject, r.Predicate, r.Object, r.Sentence)
		}
	}
}

func sentenceAt(st *State, start int) int {
	for i, s := range st.Sentences {
		if s.Start == start {
			return i
		}
	}
	return -1
}
