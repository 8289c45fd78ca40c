package extract

import "testing"

// TestImplicitAgents: the unnamed doer of a state's routine act is
// supplied from the story, and never where the sentence names one or the
// story gives no ground.
func TestImplicitAgents(t *testing.T) {
	tests := []eventCase{
		{"bare prosecutors act for the dateline's country",
			"LIMA (Reuters) - Protests against Peru's president grew. Prosecutors charged Oscar Vidal with bribery on Monday.",
			[]string{"Peru charged Oscar Vidal asserted"}},
		{"bare police are the police force the story named",
			"Officers of the Kenya National Police guarded the square. Police detained Daniel Otieno on Monday.",
			[]string{"Kenya National Police captured Daniel Otieno asserted"}},
		{"a passive charge takes the country of its place",
			"Rodrigo Valdés Ortiz, an Argentine financier, left Rome. Valdés was indicted in Buenos Aires in March.",
			[]string{"Argentina charged Rodrigo Valdés Ortiz asserted"}},
		{"a passive sanction takes the story's sanctioning state",
			"Britain imposed sanctions on General Aung Min on Tuesday. His son Thet Min was also sanctioned.",
			[]string{"United Kingdom sanctioned Aung Min asserted", "United Kingdom sanctioned Thet Min asserted"}},
		{"a passive charge takes the accused's own country before the dateline's",
			"ROME - Italian officials met on Monday. Rodrigo Vidal, an Argentine financier, was charged with fraud.",
			[]string{"Argentina charged Rodrigo Vidal asserted"}},
		{"no home country, no agent",
			"Prosecutors charged Oscar Vidal with bribery on Monday.",
			nil},
		{"a named agent is kept",
			"LIMA (Reuters) - Chilean prosecutors charged Oscar Vidal on Monday.",
			[]string{"Chile charged Oscar Vidal asserted"}},
		{"an arrest without a doer stays without one",
			"FREETOWN (Reuters) - Soldiers seized the state broadcaster. Minister Mohamed Kamara was also arrested.",
			nil},
	}
	checkEvents(t, tests)
}

// TestDeedReferences: a definite event noun names the doer of the deed it
// refers back to, however far back, unless two parties did it.
func TestDeedReferences(t *testing.T) {
	tests := []eventCase{
		{"a label on a deed reported paragraphs before",
			"WARSAW - Poland expelled two Russian diplomats on Monday. The Kremlin denied any role. It gave no details.\n\nRussian spokeswoman Irina Volkova called the expulsions \"a hysterical provocation.\"",
			[]string{"Poland expelled Russia asserted", "Irina Volkova criticized Poland asserted"}},
		{"two expelling states leave the noun unresolved",
			"Poland expelled two Russian diplomats on Monday. Russia expelled two Polish diplomats on Tuesday. The Kremlin denied any role. It gave no details.\n\nGerman spokeswoman Anna Weber called the expulsions \"regrettable.\"",
			[]string{"Poland expelled Russia asserted", "Russia expelled Poland asserted"}},
	}
	checkEvents(t, tests)
}
