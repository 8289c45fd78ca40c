package schema

import (
	"bufio"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// generatedCases are sentences of other stories whose trigger phrase comes
// only from triggers_cameo.tsv (the CAMEO 2.0 verb dictionary), with the
// predicate and code the extractor must get for it.
var generatedCases = []struct {
	name, sentence, lemma, predicate, cameo string
}{
	{"siege", "Government troops besieged the rebel-held town of Kalima for three weeks.", "besiege", Attacked, "191"},
	{"seizing a consul", "Gunmen seized the Peruvian consul outside the mission in La Paz.", "seize consul", Captured, "173"},
	{"expelling diplomats", "Lithuania expelled two Belarusian diplomats on Monday.", "expel diplomat", Expelled, "174"},
	{"ratifying a treaty", "Norway and Chile ratified the fisheries treaty in Oslo.", "ratify treaty", SignedAgreementWith, "057"},
	{"pillorying", "Philippine senators pilloried the transport minister over the ferry disaster.", "pillory", Criticized, "111"},
	{"extolling", "The Kenyan president extolled the peacekeepers returning from Somalia.", "extol", Praised, "051"},
	{"placing in detention", "Thai police placed the student activist in detention overnight.", "place * in * detention", Captured, "173"},
	{"conviction", "A court in Accra convicted the former mayor of fraud.", "convict", Charged, "173"},
	{"eviction", "Bolivian officials evicted the settlers from the national park.", "evict", Expelled, "174"},
	{"beheading", "Militants beheaded a Nigerian aid worker, the army said.", "behead", Killed, "190"},
	{"massacre", "Soldiers massacred dozens of villagers in the province, witnesses said.", "massacre", Killed, "202"},
	{"bombardment", "Artillery bombarded the port of Hodeidah before dawn.", "bombard", Attacked, "190"},
	{"offensive", "Rebels launched an offensive against the capital, Bangui.", "launch offensive", Attacked, "190"},
	{"repeated warning", "Budapest reiterated its warning to Kyiv over the language law.", "reiterate warning", Threatened, "130"},
	{"staged protest", "Polish farmers staged protests outside parliament in Warsaw.", "stage protest", Protested, "141"},
	{"slapped sanctions", "Finland slapped sanctions on three Iranian officials.", "slap sanction", Sanctioned, "163"},
	{"summit", "The prime ministers of Vietnam and Laos will hold a summit in Hanoi.", "hold summit", Met, "040"},
	{"resumed negotiations", "Serbia and Kosovo resumed negotiations in Brussels.", "resume negotiation", NegotiatedWith, "046"},
	{"resumed aid", "Japan will resume aid to Myanmar next year.", "resume aid", Aided, "070"},
	{"demanding a release", "Reporters' groups demanded the release of two journalists held in Eritrea.", "demand release", Demanded, "1053"},
	{"accusation of expansionism", "Uruguay accused its neighbour of expansionism in the river dispute.", "accuse * of * expansionism", Accused, "1123"},
	{"rejected ceasefire", "The junta rejected the ceasefire proposed by ASEAN.", "reject ceasefire", Opposed, "1246"},
	{"paying a visit", "The Dutch prime minister will pay a visit to Suriname.", "pay visit", Visited, "042"},
	{"resumed cooperation", "Kazakhstan and Uzbekistan resumed cooperation on water.", "resume cooperation", CooperatedWith, "060"},
	{"discussed in a call", "The two presidents discussed the border in a call on Sunday.", "discuss * in * call", SpokeWith, "041"},
}

func TestGeneratedTriggers(t *testing.T) {
	g := Default()
	for _, tc := range generatedCases {
		t.Run(tc.name, func(t *testing.T) {
			low := strings.ToLower(tc.sentence)
			for _, w := range strings.Fields(tc.lemma) {
				if w != "*" && !strings.Contains(low, w[:min(len(w), 4)]) {
					t.Fatalf("sentence %q does not show %q", tc.sentence, w)
				}
			}
			want := []Trigger{{Lemma: tc.lemma, POS: "verb", Predicate: tc.predicate, CAMEO: tc.cameo}}
			if diff := cmp.Diff(want, g.Triggers(tc.lemma, "verb")); diff != "" {
				t.Errorf("Triggers(%q, verb) (-want +got):\n%s", tc.lemma, diff)
			}
		})
	}
}

// precedenceFS has a hand-written and a generated trigger file that both
// list "strike" as a verb.
var precedenceFS = fstest.MapFS{
	"data/triggers.tsv": {Data: []byte("# hand-written\n" +
		"strike\tverb\tattacked\n" +
		"fire at\tverb\tattacked\n" +
		"fire at\tverb\tattacked\t193\n")},
	"data/triggers_cameo.tsv": {Data: []byte("# generated\n" +
		"strike\tverb\tprotested\t143\n" +
		"fire at\tverb\tattacked\t190\n" +
		"storm\tverb\tattacked\t190\n" +
		"storm\tverb\tattacked\t192\n")},
}

var precedenceCases = []struct {
	name, lemma string
	want        []Trigger
}{
	{"hand-written wins over generated", "strike", []Trigger{{Lemma: "strike", POS: "verb", Predicate: Attacked, CAMEO: "190"}}},
	{"one file may list a lemma twice", "fire at", []Trigger{
		{Lemma: "fire at", POS: "verb", Predicate: Attacked, CAMEO: "190"},
		{Lemma: "fire at", POS: "verb", Predicate: Attacked, CAMEO: "193"},
	}},
	{"generated only", "storm", []Trigger{
		{Lemma: "storm", POS: "verb", Predicate: Attacked, CAMEO: "190"},
		{Lemma: "storm", POS: "verb", Predicate: Attacked, CAMEO: "192"},
	}},
}

func TestTriggerPrecedence(t *testing.T) {
	g, err := loadFS(precedenceFS, "data")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range precedenceCases {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, g.Triggers(tc.lemma, "verb")); diff != "" {
				t.Errorf("Triggers(%q, verb) (-want +got):\n%s", tc.lemma, diff)
			}
		})
	}
}

// TestDefaultHandWins checks the embedded data: for every lemma and pos
// that both triggers.tsv and triggers_cameo.tsv list, Triggers gives exactly
// the hand-written entries.
func TestDefaultHandWins(t *testing.T) {
	hand := triggerLines(t, "data/triggers.tsv")
	gen := triggerLines(t, "data/triggers_cameo.tsv")
	if len(gen) == 0 {
		t.Fatal("triggers_cameo.tsv lists no trigger")
	}
	shared := 0
	for k, want := range hand {
		if _, ok := gen[k]; !ok {
			continue
		}
		shared++
		pos, lemma, _ := strings.Cut(k, " ")
		var got []string
		for _, tr := range Default().Triggers(lemma, pos) {
			got = append(got, tr.Predicate)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Triggers(%q, %s) (-want +got):\n%s", lemma, pos, diff)
		}
	}
	if shared == 0 {
		t.Error("no lemma is in both files: the precedence rule is untested on the real data")
	}
}

// triggerLines reads a trigger file of the embedded data: the predicates
// listed for each "pos lemma".
func triggerLines(t *testing.T, name string) map[string][]string {
	t.Helper()
	f, err := dataFS.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		k := strings.TrimSpace(cols[1]) + " " + strings.ToLower(strings.TrimSpace(cols[0]))
		out[k] = append(out[k], strings.TrimSpace(cols[2]))
	}
	return out
}
