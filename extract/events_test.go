package extract

import "testing"

// eventClassCases are short articles, one for each class of event the
// frame finder must read beyond a plain clause: anaphors as arguments,
// phrasal triggers split by an adjunct, agents named through an event
// noun, event nouns as the object of an evaluation, control, participial
// adjuncts, modality, adjuncts and appositions that are no arguments, and
// journeys to a capital.
var eventClassCases = []eventCase{
	// anaphors
	{"they: a symmetric event with a plural subject",
		"Amina Wekesa and Joseph Okello signed a trade pact. They agreed to meet again in March.",
		[]string{"Amina Wekesa signed_agreement_with Joseph Okello asserted", "Amina Wekesa met Joseph Okello planned"}},
	{"the two leaders: a symmetric event with a pair subject",
		"Chilean President Pablo Soto praised Peruvian President Ana Ortiz. The two leaders met in Lima on Tuesday.",
		[]string{"Pablo Soto praised Ana Ortiz asserted", "Pablo Soto met Ana Ortiz asserted"}},
	{"a description without a state",
		"Chilean Foreign Minister Luis Vera arrived in Lima on Monday. Peru praised the foreign minister.",
		[]string{"Luis Vera visited Peru asserted", "Peru praised Luis Vera asserted"}},
	{"his counterpart of a state",
		"Kenyan Foreign Minister Grace Wanjiru flew to Addis Ababa. Ethiopian Foreign Minister Abebe Tadesse welcomed her. She later met her Ethiopian counterpart.",
		[]string{"Abebe Tadesse met Grace Wanjiru asserted", "Grace Wanjiru met Abebe Tadesse asserted"}},
	{"a ranking description after a name is that name",
		"Chile criticized Pablo Soto, the first socialist president in the country's history.",
		[]string{"Chile criticized Pablo Soto asserted"}},
	// a phrasal trigger split by an adjunct; a pair as object
	{"spoke by telephone with",
		"Kenyan President Amina Wekesa spoke by telephone with Ugandan President Joseph Okello on Tuesday.",
		[]string{"Amina Wekesa spoke_with Joseph Okello asserted"}},
	{"spoke by phone with both leaders",
		"Chilean President Pablo Soto accused Peruvian President Ana Ortiz of lying. Bolivian President Luis Arce spoke by phone with both leaders on Friday.",
		[]string{"Pablo Soto accused Ana Ortiz asserted", "Luis Arce spoke_with Pablo Soto asserted", "Luis Arce spoke_with Ana Ortiz asserted"}},
	// agents named through an event noun
	{"killed by a drone strike of a state",
		"Captain Omar Haddad, who was killed by a Syrian drone strike on his convoy, was buried on Monday.",
		[]string{"Syria killed Omar Haddad asserted", "Syria attacked Omar Haddad asserted"}},
	// an event noun as the object of an evaluation
	{"an event noun with two possible doers refers to neither",
		"Israel bombed Hezbollah after Hezbollah fired rockets at Israel. Lebanon condemned the strikes.",
		[]string{"Israel attacked Hezbollah asserted", "Hezbollah attacked Israel asserted"}},
	{"condemned the attack of the sentence before",
		"Azerbaijani forces shelled Armenian villages on Sunday. The European Union condemned the attack.",
		[]string{"Azerbaijan attacked Armenia asserted", "European Union criticized Azerbaijan asserted"}},
	{"criticised the use of force",
		"Chilean police detained Pablo Soto on Sunday. Amnesty International criticised the use of force.",
		[]string{"Chile captured Pablo Soto asserted", "Amnesty International criticized Chile asserted"}},
	{"an event no sentence reported has no target",
		"Amnesty International condemned the strike.", nil},
	// control
	{"called on X to",
		"Norway called on Belarus to release all political prisoners.",
		[]string{"Norway demanded Belarus asserted"}},
	{"urged him to",
		"Lithuanian President Rasa Jonaitis said she had spoken with Omar Haddad and urged him to free the hostages.",
		[]string{"Rasa Jonaitis spoke_with Omar Haddad asserted", "Rasa Jonaitis demanded Omar Haddad asserted"}},
	// a participial adjunct shares the subject
	{"imposed sanctions, accusing",
		"Canada imposed sanctions on Belarus on Monday, accusing Belarus of rigging the vote.",
		[]string{"Canada sanctioned Belarus asserted", "Canada accused Belarus asserted"}},
	{"welcoming a measure is not taking it",
		"Chile welcomed the sanctions on Peru.",
		nil},
	{"expelled diplomats of a state",
		"Poland on Tuesday expelled three Russian diplomats.",
		[]string{"Poland expelled Russia asserted"}},
	// modality
	{"would not expel is negated",
		"Norway said it would not expel Russian diplomats for now.",
		[]string{"Norway expelled Russia negated"}},
	{"would impose if is hypothetical",
		"Ghana said it would impose sanctions on Togo if the soldiers did not return to barracks.",
		[]string{"Ghana sanctioned Togo hypothetical"}},
	// adjuncts and appositions that are no arguments
	{"a participial adjunct of the subject",
		"Ortiz, accompanied by her husband, the lawyer Marco Ruiz, was greeted at the airport by President Pablo Soto.",
		[]string{"Pablo Soto met Ortiz asserted"}},
	{"a participial adjunct with a list",
		"Amina Wekesa, flanked by her aides, Joseph Okello and Ruth Achieng, was received in Kampala by President Yoweri Bosco.",
		[]string{"Yoweri Bosco met Amina Wekesa asserted"}},
	{"a relative clause with an apposition inside",
		"Pablo Soto, who was joined on stage by his wife, Ana Ortiz, thanked voters and praised Peru.",
		[]string{"Pablo Soto praised Peru asserted"}},
	{"a name after a description is an apposition",
		"The outgoing president, Jorge Matos, received Pablo Soto at the palace on Monday.",
		[]string{"Jorge Matos met Pablo Soto asserted"}},
	{"a relative clause with a fronted preposition",
		"Soto has not said whether he will attend the Copa America final in June, to which Ortiz invited him on Thursday.",
		[]string{"Ortiz invited Soto asserted"}},
	// reception verbs meet only a person received
	{"welcomed a person", "Joseph Okello welcomed Amina Wekesa at the airport.",
		[]string{"Joseph Okello met Amina Wekesa asserted"}},
	{"received a letter is no meeting", "Amina Wekesa received a letter from Joseph Okello on Monday.", nil},
	{"welcomed a decision is no meeting but praise of its maker", "Kenya welcomed the decision by Uganda.", []string{"Kenya praised Uganda asserted"}},
	// journeys
	{"travel on to a capital for talks",
		"Pablo Soto will travel on to Lima on Saturday for talks with Peruvian President Ana Ortiz.",
		[]string{"Pablo Soto visited Peru planned", "Pablo Soto met Ana Ortiz planned"}},
	{"a British spelling of travel",
		"Kenyan President Amina Wekesa travelled to Uganda on Monday.",
		[]string{"Amina Wekesa visited Uganda asserted"}},
}

func TestEventClasses(t *testing.T) { checkEvents(t, eventClassCases) }

// triggerLemmaCases check the base forms tried for a verb form.
var triggerLemmaCases = []struct {
	form string
	want string // a base form that must be among the candidates
}{
	{"expelled", "expel"},
	{"travelling", "travel"},
	{"called", "call"},
	{"met", "meet"},
}

func TestVerbLemmas(t *testing.T) {
	for _, tc := range triggerLemmaCases {
		t.Run(tc.form, func(t *testing.T) {
			got := verbLemmas(tc.form)
			for _, l := range got {
				if l == tc.want {
					return
				}
			}
			t.Errorf("verbLemmas(%q) = %q, want it to hold %q", tc.form, got, tc.want)
		})
	}
}
