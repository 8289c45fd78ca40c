package extract

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// eventTuples renders the events of doc as "Subject predicate Object modality".
func eventTuples(doc *Document) []string {
	var out []string
	for _, r := range doc.Relations {
		if r.CAMEO == "" {
			continue
		}
		out = append(out, r.Subject+" "+r.Predicate+" "+r.Object+" "+string(r.Modality))
	}
	return out
}

// clauseCases are one-sentence articles, each showing one clause pattern of
// the tree frame finder, and the events they must (or must not) yield.
var clauseCases = []eventCase{
	// active clauses
	{"active with the trigger's preposition", "Kenya's president, Amina Wekesa, met with Joseph Okello in Nairobi.",
		[]string{"Amina Wekesa met Joseph Okello asserted"}},
	{"active direct object", "Ghana condemned Togo on Monday.",
		[]string{"Ghana criticized Togo asserted"}},
	// passive clauses
	{"passive with a by-agent", "Rebel leader Omar Haddad was captured by Jordanian forces on Sunday.",
		[]string{"Jordan captured Omar Haddad asserted"}},
	{"by-agent far from the verb", "Omar Haddad was captured early on Sunday in a village near the Syrian border by Jordanian special forces.",
		[]string{"Jordan captured Omar Haddad asserted"}},
	{"reduced passive after a noun", "Sanctions imposed by Norway on Belarus took effect.",
		[]string{"Norway sanctioned Belarus asserted"}},
	{"passive relative clause", "Samir Khalil, who was detained by Egyptian police last week, appeared in court.",
		[]string{"Egypt captured Samir Khalil asserted"}},
	// nominal events
	{"light verb and sanctions on", "Norway imposed sanctions on Belarus in March.",
		[]string{"Norway sanctioned Belarus asserted"}},
	{"sanctions against a list", "Canada imposed sanctions against Omar Haddad, his brother, his wife and Samir Khalil.",
		[]string{"Canada sanctioned Omar Haddad asserted", "Canada sanctioned Samir Khalil asserted"}},
	{"the capture of X by Y", "The capture of Omar Haddad by Iraqi troops ended the siege.",
		[]string{"Iraq captured Omar Haddad asserted"}},
	{"possessor of a capture is the captor", "Jordan's capture of Omar Haddad angered Syria.",
		[]string{"Jordan captured Omar Haddad asserted"}},
	{"a call between X and Y", "A phone call between Amina Wekesa and Joseph Okello took place on Monday.",
		[]string{"Amina Wekesa spoke_with Joseph Okello asserted"}},
	{"X's visit to Y", "Amina Wekesa's visit to Tanzania lasted two days.",
		[]string{"Amina Wekesa visited Tanzania asserted"}},
	// light verbs
	{"hold a summit with", "Sweden held a summit with Finland in Stockholm.",
		[]string{"Sweden met Finland asserted"}},
	{"extend an invitation to", "Amina Wekesa extended an invitation to Ugandan President Joseph Okello.",
		[]string{"Amina Wekesa invited Joseph Okello asserted"}},
	{"invitation issued by", "The invitation to Senegal was issued by Mali on Friday.",
		[]string{"Mali invited Senegal asserted"}},
	{"launch strikes against", "Azerbaijan launched strikes against Armenia.",
		[]string{"Azerbaijan attacked Armenia asserted"}},
	{"make a call to", "Amina Wekesa made a call to Ugandan President Joseph Okello.",
		[]string{"Amina Wekesa spoke_with Joseph Okello asserted"}},
	// control and raising
	{"agreed to meet", "Amina Wekesa and Joseph Okello agreed to meet in March.",
		[]string{"Amina Wekesa met Joseph Okello planned"}},
	{"threatened to order an intervention in X", "Russian President Ivan Petrov threatened to order a military intervention in Moldova.",
		[]string{"Ivan Petrov threatened Moldova asserted"}},
	{"plans to visit", "Amina Wekesa plans to visit Rwanda.",
		[]string{"Amina Wekesa visited Rwanda planned"}},
	{"object control", "Amina Wekesa invited Joseph Okello to visit Kenya.",
		[]string{"Amina Wekesa invited Joseph Okello asserted", "Joseph Okello visited Kenya planned"}},
	{"gerund controlled by the object", "Sweden accused Russia of attacking Finland.",
		[]string{"Sweden accused Russia asserted", "Russia attacked Finland asserted"}},
	{"called on X to", "Ghana called on the United Nations to pressure Togo.",
		[]string{"Ghana demanded United Nations asserted", "United Nations demanded Togo hypothetical"}},
	{"declined to meet", "Kenya declined to meet Somalia.",
		[]string{"Kenya met Somalia negated"}},
	{"threatened to attack is a threat", "Iran threatened to attack Israel.",
		[]string{"Iran threatened Israel asserted"}},
	{"threatened to expel is no expulsion yet", "Sudan threatened to expel Omar Haddad.",
		[]string{"Sudan threatened Omar Haddad asserted", "Sudan expelled Omar Haddad hypothetical"}},
	// coordination
	{"coordinated subjects", "Ghana, Togo and Benin condemned Niger.",
		[]string{"Ghana criticized Niger asserted", "Togo criticized Niger asserted", "Benin criticized Niger asserted"}},
	{"two sides of a symmetric event", "Amina Wekesa and Joseph Okello met in Kampala on Tuesday to discuss Sudan.",
		[]string{"Amina Wekesa met Joseph Okello asserted"}},
	{"coordinated verbs share the subject", "Egyptian police arrested Samir Khalil and charged him with fraud.",
		[]string{"Egypt captured Samir Khalil asserted", "Egypt charged Samir Khalil asserted"}},
	// relative clauses and appositions
	{"relative clause subject", "Amina Wekesa, who called Joseph Okello on Monday, praised Uganda.",
		[]string{"Amina Wekesa spoke_with Joseph Okello asserted", "Amina Wekesa praised Uganda asserted"}},
	{"apposition names the object", "Ghana criticized its neighbor, Togo.",
		[]string{"Ghana criticized Togo asserted"}},
	{"actor noun with an of-complement", "Norway accused the government of Belarus of fraud.",
		[]string{"Norway accused Belarus asserted"}},
	{"subject across a participle clause", "Iraqi troops, acting on a tip from local residents, captured Omar Haddad.",
		[]string{"Iraq captured Omar Haddad asserted"}},
	{"a dateline is not the subject", "NAIROBI (Reuters) - Kenyan President Amina Wekesa met Ugandan President Joseph Okello.",
		[]string{"Amina Wekesa met Joseph Okello asserted"}},
	{"a title reaches its name", "Amina Wekesa will meet with U.S. Secretary of State Laura Kim.",
		[]string{"Amina Wekesa met Laura Kim planned"}},
	// modality
	{"negated", "Norway did not sanction Belarus.",
		[]string{"Norway sanctioned Belarus negated"}},
	{"hypothetical", "Amina Wekesa would meet Joseph Okello if Uganda agreed.",
		[]string{"Amina Wekesa met Joseph Okello hypothetical"}},
	{"the two", "Kyrgyz President Almaz Toktogulov phoned Tajik President Davron Saidov. The two agreed to meet in Astana.",
		[]string{"Almaz Toktogulov spoke_with Davron Saidov asserted", "Almaz Toktogulov met Davron Saidov planned"}},
	{"the two countries when no two people were named", "Kyrgyzstan accused Tajikistan of shelling border villages. The two agreed to meet in Astana.",
		[]string{"Kyrgyzstan accused Tajikistan asserted", "Kyrgyzstan met Tajikistan planned"}},
	{"worked together", "Spain and Portugal worked together on the plan.",
		[]string{"Spain cooperated_with Portugal asserted"}},
	{"a call made to congratulate", "Kenyan President Amina Wekesa called Joseph Okello on Monday to congratulate him.",
		[]string{"Amina Wekesa spoke_with Joseph Okello asserted", "Amina Wekesa praised Joseph Okello asserted"}},
	// nothing to extract
	{"not ruling out is no event", "Norway said it would not rule out strikes on Belarus.", nil},
	{"agentless passive", "Omar Haddad was arrested on Sunday.", nil},
	{"arguments that are not entities", "The committee criticized the decision.", nil},
	{"a place is not a party", "Amina Wekesa met reporters in Nairobi.", nil},
}

// eventCase is a sentence and the events extracted from it, as
// eventTuples renders them.
type eventCase struct {
	name string
	text string
	want []string
}

// checkEvents extracts each case's text, after a date line, and compares
// its events with the case's.
func checkEvents(t *testing.T, cases []eventCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := eventTuples(extractText(t, dateLine+tc.text))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("events of %q (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

func TestClauses(t *testing.T) { checkEvents(t, clauseCases) }

// TestTreeConfidence checks that an event whose arguments the tree gives
// ranks above the same event found by the chunk rules alone (the sentence
// analysed again with its tree removed).
func TestTreeConfidence(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"active clause", "Ghana condemned Togo.", "Ghana criticized Togo"},
		{"nominal event", "Norway imposed sanctions on Belarus.", "Norway sanctioned Belarus"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, err := NewState("t.txt", "t.txt", []byte(dateLine+tc.text))
			if err != nil {
				t.Fatal(err)
			}
			var before []Stage
			for _, s := range NewPipeline().Stages {
				switch s.(type) {
				case Relater, Assembler:
				default:
					before = append(before, s)
				}
			}
			if err := (&Pipeline{Stages: before}).Run(st); err != nil {
				t.Fatal(err)
			}
			tree := relationConfidence(t, st, tc.want)
			for si := range st.Sentences {
				for k := range st.Sentences[si].Tokens {
					st.Sentences[si].Tokens[k].Deprel = ""
				}
			}
			chunk := relationConfidence(t, st, tc.want)
			if tree <= chunk {
				t.Errorf("%s: tree %.2f <= chunk %.2f", tc.want, tree, chunk)
			}
		})
	}
}

// relationConfidence runs Relater over st and returns the confidence of the
// relation "Subject predicate Object".
func relationConfidence(t *testing.T, st *State, want string) float64 {
	t.Helper()
	st.Relations = nil
	if err := (Relater{}).Run(st); err != nil {
		t.Fatal(err)
	}
	for _, r := range st.Relations {
		if r.Subject+" "+r.Predicate+" "+r.Object == want {
			return r.Confidence
		}
	}
	t.Fatalf("no %q in %+v", want, st.Relations)
	return 0
}
