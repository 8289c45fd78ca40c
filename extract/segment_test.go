package extract

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var splitCases = []struct {
	name string
	text string
	want []string
}{
	{"two sentences", "Talks ended. Both sides left.", []string{"Talks ended.", "Both sides left."}},
	{"question and exclamation", "Will they meet? Yes! They will.", []string{"Will they meet?", "Yes!", "They will."}},
	{"title line without period", "Leaders meet in Rome\nThe leaders met on Monday.", []string{"Leaders meet in Rome", "The leaders met on Monday."}},
	{"abbreviations", "Mr. Smith met Gen. Lee on Jan. 5 in St. Louis. It rained.", []string{"Mr. Smith met Gen. Lee on Jan. 5 in St. Louis.", "It rained."}},
	{"initialism inside", "The U.S. President spoke. He left.", []string{"The U.S. President spoke.", "He left."}},
	{"initialism at end", "Troops left the U.S. The move surprised allies.", []string{"Troops left the U.S.", "The move surprised allies."}},
	{"initials of a name", "J. R. Smith arrived. He spoke.", []string{"J. R. Smith arrived.", "He spoke."}},
	{"closing quote", `"We agree," she said. "Good."`, []string{`"We agree," she said.`, `"Good."`}},
	{"curly quotes", "“It is over.” He left.", []string{"“It is over.”", "He left."}},
	{"ellipsis goes on", "I prepared a speech… the first was harsh.", []string{"I prepared a speech… the first was harsh."}},
	{"lower case after period", "It cost 3.5 million dollars. fine.", []string{"It cost 3.5 million dollars.", "fine."}},
	{"time abbreviation goes on", "They met at 3 p.m. on Monday. It rained.", []string{"They met at 3 p.m. on Monday.", "It rained."}},
	{"hard wrapped", "The minister said the talks\nwould resume next week.\nNo date was set.", []string{"The minister said the talks\nwould resume next week.", "No date was set."}},
	{"blank lines and bullets", "# Heading\n\n- First point here.\n- Second point.", []string{"Heading", "First point here.", "Second point."}},
	{"digit starts sentence", "They met twice. 2025 was busy.", []string{"They met twice.", "2025 was busy."}},
}

func TestSplitSentences(t *testing.T) {
	for _, tc := range splitCases {
		t.Run(tc.name, func(t *testing.T) {
			ss := splitSentences(tc.text, 0)
			var got []string
			for _, s := range ss {
				if s.Start < 0 || s.End > len(tc.text) || s.Start >= s.End {
					t.Fatalf("bad offsets [%d,%d) for text of %d bytes", s.Start, s.End, len(tc.text))
				}
				got = append(got, tc.text[s.Start:s.End])
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("sentences (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSplitSentencesOffsetFrom(t *testing.T) {
	text := "date 2026-01-09 First one. Second one."
	ss := splitSentences(text, strings.Index(text, "First"))
	got := []Sentence{}
	for _, s := range ss {
		got = append(got, Sentence{Start: s.Start, End: s.End, Para: s.Para})
	}
	want := []Sentence{{Start: 16, End: 26, Para: true}, {Start: 27, End: 38}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sentences (-want +got):\n%s", diff)
	}
}

var tokenCases = []struct {
	name string
	text string
	want []string // token text/tag
}{
	{"possessive and curly apostrophe", "Colombia’s minister", []string{"Colombia/NNP", "’s/POS", "minister/NN"}},
	{"compound of names", "U.S.-Colombia ties", []string{"U.S./NNP", "-/HYPH", "Colombia/NNP", "ties/NNS"}},
	{"prefix split off a name", "a pro-Palestinian rally", []string{"a/DT", "pro/AFX", "-/HYPH", "Palestinian/JJ", "rally/NN"}},
	{"hyphenated name split", "Daniel García‑Peña spoke", []string{"Daniel/NNP", "García/NNP", "‑/HYPH", "Peña/NNP", "spoke/VBD"}},
	{"clitic d", "he'd invited him", []string{"he/PRP", "'d/VBD", "invited/VBN", "him/PRP"}},
	{"quotes", "“a great honor”", []string{"“/``", "a/DT", "great/JJ", "honor/NN", "”/''"}},
	{"name before final period", "She met Laura Kim.", []string{"She/PRP", "met/VBD", "Laura/NNP", "Kim/NNP", "./."}},
	{"irregular past after a noun", "Israeli warplanes struck targets.", []string{"Israeli/JJ", "warplanes/NNS", "struck/VBD", "targets/NNS", "./."}},
	{"present tense after a name", "Ana Ortiz plans to visit Lima.", []string{"Ana/NNP", "Ortiz/NNP", "plans/VBZ", "to/TO", "visit/VB", "Lima/NNP", "./."}},
	{"a verb after a relative pronoun", "Unions, which accuse Ana Ruiz of fraud, marched.", []string{"Unions/NNS", ",/,", "which/WDT", "accuse/VBP", "Ana/NNP", "Ruiz/NNP", "of/IN", "fraud/NN", ",/,", "marched/VBD", "./."}},
	{"a known verb after 'to' before its object", "Ghana asked Kenya to sanction Togo.", []string{"Ghana/NNP", "asked/VBD", "Kenya/NNP", "to/TO", "sanction/VB", "Togo/NNP", "./."}},
	{"participle before a preposition in a verbless clause", "Thai troops clashed with Cambodian forces.", []string{"Thai/JJ", "troops/NNS", "clashed/VBD", "with/IN", "Cambodian/JJ", "forces/NNS", "./."}},
	{"a headline's passive stays a participle", "Soldier killed by rebels in Mali.", []string{"Soldier/NN", "killed/VBN", "by/IN", "rebels/NNS", "in/IN", "Mali/NNP", "./."}},
	{"participle with an object in a verbless clause", "In May, the council imposed limits on imports.", []string{"In/IN", "May/NNP", ",/,", "the/DT", "council/NN", "imposed/VBD", "limits/NNS", "on/IN", "imports/NNS", "./."}},
}

// TestTagger runs the Segmenter and the Tagger and checks tokens, tags and
// offsets.
func TestTagger(t *testing.T) {
	for _, tc := range tokenCases {
		t.Run(tc.name, func(t *testing.T) {
			st, err := NewState("t", "t", []byte(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			if err := (&Pipeline{Stages: []Stage{Segmenter{}, &Tagger{}}}).Run(st); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range st.Sentences {
				for _, tk := range s.Tokens {
					if tc.text[tk.Start:tk.End] != tk.Text {
						t.Errorf("token %q has offsets [%d,%d) holding %q", tk.Text, tk.Start, tk.End, tc.text[tk.Start:tk.End])
					}
					got = append(got, tk.Text+"/"+tk.Tag)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("tokens (-want +got):\n%s", diff)
			}
		})
	}
}
