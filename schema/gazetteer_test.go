package schema

import (
	"bufio"
	"io/fs"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// fileType is the entity type every entry of an entities file must have.
var fileType = map[string]EntityType{
	"entities_countries.tsv":     Country,
	"entities_organizations.tsv": Organization,
	"entities_places.tsv":        Location,
	"entities_other.tsv":         Other,
}

// dataLines calls fn for every data line (not blank, not a comment) of every
// embedded file whose name starts with prefix.
func dataLines(t *testing.T, prefix string, fn func(file string, line int, cols []string)) {
	t.Helper()
	files, err := fs.ReadDir(dataFS, "data")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if !strings.HasPrefix(f.Name(), prefix) {
			continue
		}
		b, err := fs.ReadFile(dataFS, "data/"+f.Name())
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(strings.NewReader(string(b)))
		for i := 1; sc.Scan(); i++ {
			line := sc.Text()
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			n++
			fn(f.Name(), i, strings.Split(line, "\t"))
		}
	}
	if n == 0 {
		t.Fatalf("no data lines in data/%s*", prefix)
	}
}

func TestDefaultLoads(t *testing.T) {
	g := Default()
	if g != Default() {
		t.Error("Default() returned two gazetteers")
	}
	if len(g.Entries()) == 0 {
		t.Fatal("no entries")
	}
}

func TestEntityLinesParse(t *testing.T) {
	names := map[string]string{}
	dataLines(t, "entities", func(file string, line int, cols []string) {
		g := &Gazetteer{byFold: map[string]Match{}, loose: map[string]Match{}, exact: map[string]Match{}}
		if err := g.addEntry(cols); err != nil {
			t.Errorf("%s:%d: %v", file, line, err)
			return
		}
		e := g.entries[0]
		if want, ok := fileType[file]; !ok {
			t.Errorf("%s: no expected type for this file; add it to fileType", file)
		} else if e.Type != want {
			t.Errorf("%s:%d: %s has type %s, want %s", file, line, e.Name, e.Type, want)
		}
		for i, c := range cols {
			for _, item := range strings.Split(c, "|") {
				if item != strings.TrimSpace(item) {
					t.Errorf("%s:%d: column %d: stray space around %q", file, line, i+1, item)
				}
				if item == "" && c != "" {
					t.Errorf("%s:%d: column %d: empty list item in %q", file, line, i+1, c)
				}
			}
		}
		if other, ok := names[e.Name]; ok {
			t.Errorf("%s:%d: %q is listed twice (also %s)", file, line, e.Name, other)
		}
		names[e.Name] = file
		seen := map[string]bool{}
		for _, f := range entryForms(e) {
			if seen[f] {
				t.Errorf("%s:%d: %s lists %q twice", file, line, e.Name, f)
			}
			seen[f] = true
		}
	})
}

func TestTitleLinesParse(t *testing.T) {
	dataLines(t, "titles", func(file string, line int, cols []string) {
		g := &Gazetteer{titles: map[string]TitleInfo{}}
		if err := g.addTitle(cols); err != nil {
			t.Errorf("%s:%d: %v", file, line, err)
		}
	})
}

func TestTriggerLinesParse(t *testing.T) {
	dataLines(t, "triggers", func(file string, line int, cols []string) {
		g := &Gazetteer{triggers: map[string][]Trigger{}}
		if err := g.addTrigger(file, cols); err != nil {
			t.Errorf("%s:%d: %v", file, line, err)
		}
	})
}

// entryForms lists every form of an entry: name, aliases, demonyms, capitals.
func entryForms(e *Entry) []string {
	var out []string
	out = append(out, e.Name)
	out = append(out, e.Aliases...)
	out = append(out, e.Demonyms...)
	return append(out, e.Capitals...)
}

// collisions maps each Fold key that two or more entries list to the sorted
// names of those entries.
func collisions(g *Gazetteer) map[string][]string {
	owners := map[string]map[string]bool{}
	for _, e := range g.Entries() {
		for _, f := range entryForms(e) {
			k := Fold(f)
			if owners[k] == nil {
				owners[k] = map[string]bool{}
			}
			owners[k][e.Name] = true
		}
	}
	out := map[string][]string{}
	for k, names := range owners {
		if len(names) < 2 {
			continue
		}
		for n := range names {
			out[k] = append(out[k], n)
		}
		sort.Strings(out[k])
	}
	return out
}

// allowedCollisions lists the forms that knowingly name two entries, with the
// entries' names sorted. Lookup returns the one listed first in the data (a
// canonical name wins over another entry's alias). Every entry here must
// still collide, so the list cannot go stale.
var allowedCollisions = map[string][]string{}

func TestNoUnintendedCollisions(t *testing.T) {
	got := collisions(Default())
	for k, names := range got {
		want, ok := allowedCollisions[k]
		if !ok {
			t.Errorf("%q names %s; remove the ambiguous form or add it to allowedCollisions", k, strings.Join(names, " and "))
			continue
		}
		if diff := cmp.Diff(want, names); diff != "" {
			t.Errorf("collision %q (-want +got):\n%s", k, diff)
		}
	}
	for k := range allowedCollisions {
		if _, ok := got[k]; !ok {
			t.Errorf("allowed collision %q no longer occurs; remove it from allowedCollisions", k)
		}
	}
}

// TestCollisionsAreFound checks the collision finder and the first-listed
// rule on a small data set with known collisions.
func TestCollisionsAreFound(t *testing.T) {
	fsys := fstest.MapFS{
		"d/entities_a.tsv": {Data: []byte("Country\tDominican Republic\t\tDominican\nCountry\tDominica\t\tDominican\n" +
			"Organization\tGeorgia Power\tGeorgia\nCountry\tGeorgia\n")},
	}
	g, err := loadFS(fsys, "d")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"dominican": {"Dominica", "Dominican Republic"},
		"georgia":   {"Georgia", "Georgia Power"},
	}
	if diff := cmp.Diff(want, collisions(g)); diff != "" {
		t.Errorf("collisions (-want +got):\n%s", diff)
	}
	if m, _ := g.Lookup("Dominican"); m.Entry.Name != "Dominican Republic" {
		t.Errorf("Lookup(Dominican) = %s, want the entry listed first", m.Entry.Name)
	}
	if m, _ := g.Lookup("Georgia"); m.Entry.Name != "Georgia" || m.Via != ViaName {
		t.Errorf("Lookup(Georgia) = %s via %s, want the canonical name over an earlier alias", m.Entry.Name, m.Via)
	}
}

// TestEveryFormResolves looks every listed form up and expects its own
// entry back, through Lookup and, as written, through LookupExact.
func TestEveryFormResolves(t *testing.T) {
	g := Default()
	for _, e := range g.Entries() {
		for _, f := range entryForms(e) {
			if _, ok := allowedCollisions[Fold(f)]; ok {
				continue
			}
			if m, ok := g.Lookup(f); !ok || m.Entry != e {
				t.Errorf("Lookup(%q) = %v, %v; want %s", f, m.Entry, ok, e.Name)
			}
			if m, ok := g.LookupExact(f); !ok || m.Entry != e {
				t.Errorf("LookupExact(%q) = %v, %v; want %s", f, m.Entry, ok, e.Name)
			}
		}
	}
}

type lookupWant struct {
	name string // entry name; "" for not found
	typ  EntityType
	via  Via
	cs   bool
}

var lookupCases = []struct {
	phrase string
	want   lookupWant
}{
	{"United States", lookupWant{"United States", Country, ViaName, false}},
	{"the United States", lookupWant{"United States", Country, ViaName, false}},
	{"United States's", lookupWant{"United States", Country, ViaName, false}},
	{"U.S.", lookupWant{"United States", Country, ViaAlias, true}},
	{"US", lookupWant{"United States", Country, ViaAlias, true}},
	{"us", lookupWant{"United States", Country, ViaAlias, true}},
	{"USA", lookupWant{"United States", Country, ViaAlias, true}},
	{"U.S.A.", lookupWant{"United States", Country, ViaAlias, true}},
	{"America", lookupWant{"United States", Country, ViaAlias, false}},
	{"United States of America", lookupWant{"United States", Country, ViaAlias, false}},
	{"American", lookupWant{"United States", Country, ViaDemonym, false}},
	{"Americans", lookupWant{"United States", Country, ViaDemonym, false}},
	{"Washington", lookupWant{"United States", Country, ViaCapital, false}},
	{"Washington, D.C.", lookupWant{"United States", Country, ViaCapital, false}},
	{"Colombia", lookupWant{"Colombia", Country, ViaName, false}},
	{"Colombian", lookupWant{"Colombia", Country, ViaDemonym, false}},
	{"Colombians", lookupWant{"Colombia", Country, ViaDemonym, false}},
	{"Bogotá", lookupWant{"Colombia", Country, ViaCapital, false}},
	{"Bogota", lookupWant{"Colombia", Country, ViaCapital, false}},
	{"Venezuelan", lookupWant{"Venezuela", Country, ViaDemonym, false}},
	{"Caracas", lookupWant{"Venezuela", Country, ViaCapital, false}},
	{"Moscow", lookupWant{"Russia", Country, ViaCapital, false}},
	{"Beijing", lookupWant{"China", Country, ViaCapital, false}},
	{"UK", lookupWant{"United Kingdom", Country, ViaAlias, true}},
	{"U.K.", lookupWant{"United Kingdom", Country, ViaAlias, true}},
	{"Britain", lookupWant{"United Kingdom", Country, ViaAlias, false}},
	{"Great Britain", lookupWant{"United Kingdom", Country, ViaAlias, false}},
	{"British", lookupWant{"United Kingdom", Country, ViaDemonym, false}},
	{"DRC", lookupWant{"Democratic Republic of the Congo", Country, ViaAlias, true}},
	{"Ivory Coast", lookupWant{"Ivory Coast", Country, ViaName, false}},
	{"Côte d\u2019Ivoire", lookupWant{"Ivory Coast", Country, ViaAlias, false}},
	{"Cote d'Ivoire", lookupWant{"Ivory Coast", Country, ViaAlias, false}},
	{"Türkiye", lookupWant{"Turkey", Country, ViaAlias, false}},
	{"Taiwan", lookupWant{"Taiwan", Country, ViaName, false}},
	{"Kosovo", lookupWant{"Kosovo", Country, ViaName, false}},
	{"Palestinian", lookupWant{"Palestine", Country, ViaDemonym, false}},
	{"Vatican", lookupWant{"Holy See", Country, ViaAlias, false}},
	{"Soviet Union", lookupWant{"Soviet Union", Country, ViaName, false}},
	{"USSR", lookupWant{"Soviet Union", Country, ViaAlias, false}},
	{"Nazi Germany", lookupWant{"Nazi Germany", Country, ViaName, false}},
	{"Germany", lookupWant{"Germany", Country, ViaName, false}},
	{"Kremlin", lookupWant{"Kremlin", Location, ViaName, false}},
	{"the White House", lookupWant{"White House", Location, ViaName, false}},
	{"the Caribbean", lookupWant{"Caribbean", Location, ViaName, false}},
	{"Latin America", lookupWant{"Latin America", Location, ViaName, false}},
	{"the Andes", lookupWant{"Andes", Location, ViaName, false}},
	{"eastern Pacific", lookupWant{"eastern Pacific", Location, ViaName, false}},
	{"Gaza", lookupWant{"Gaza Strip", Location, ViaAlias, false}},
	{"New York", lookupWant{"New York", Location, ViaName, false}},
	{"UN", lookupWant{"United Nations", Organization, ViaAlias, true}},
	{"U.N.", lookupWant{"United Nations", Organization, ViaAlias, true}},
	{"NATO", lookupWant{"North Atlantic Treaty Organization", Organization, ViaAlias, false}},
	{"EU", lookupWant{"European Union", Organization, ViaAlias, true}},
	{"AP", lookupWant{"Associated Press", Organization, ViaAlias, true}},
	{"the Associated Press", lookupWant{"Associated Press", Organization, ViaName, false}},
	{"Agence France\u2010Presse", lookupWant{"Agence France-Presse", Organization, ViaName, false}},
	{"AFP", lookupWant{"Agence France-Presse", Organization, ViaAlias, true}},
	{"Pentagon", lookupWant{"United States Department of Defense", Organization, ViaAlias, true}},
	{"pentagon", lookupWant{"United States Department of Defense", Organization, ViaAlias, true}},
	{"State Department", lookupWant{"United States Department of State", Organization, ViaAlias, true}},
	{"Treasury Department", lookupWant{"United States Department of the Treasury", Organization, ViaAlias, true}},
	{"OFAC", lookupWant{"Office of Foreign Assets Control", Organization, ViaAlias, false}},
	{"Truth Social", lookupWant{"Truth Social", Other, ViaName, false}},
	{"X", lookupWant{}},
	{"Donald Trump", lookupWant{}},
	{"Korea", lookupWant{}},
	{"", lookupWant{}},
}

func TestLookup(t *testing.T) {
	g := Default()
	for _, tc := range lookupCases {
		t.Run(tc.phrase, func(t *testing.T) {
			m, ok := g.Lookup(tc.phrase)
			var got lookupWant
			if ok {
				got = lookupWant{m.Entry.Name, m.Entry.Type, m.Via, m.CaseSensitive}
			}
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(lookupWant{})); diff != "" {
				t.Errorf("Lookup(%q) (-want +got):\n%s", tc.phrase, diff)
			}
		})
	}
}

var lookupExactCases = []struct {
	phrase string
	want   string // entry name; "" for not found
}{
	{"US", "United States"},
	{"U.S.", "United States"},
	{"U.S.'s", "United States"},
	{"us", ""},
	{"Us", ""},
	{"u.s.", ""},
	{"United States", "United States"},
	{"united states", "United States"},
	{"UNITED STATES", "United States"},
	{"the States", "United States"},
	{"The States", "United States"},
	{"states", ""},
	{"UN", "United Nations"},
	{"un", ""},
	{"EU", "European Union"},
	{"E.U.", "European Union"},
	{"eu", ""},
	{"AP", "Associated Press"},
	{"ap", ""},
	{"WHO", "World Health Organization"},
	{"who", ""},
	{"Who", ""},
	{"ICE", "U.S. Immigration and Customs Enforcement"},
	{"ice", ""},
	{"NATO", "North Atlantic Treaty Organization"},
	{"Nato", "North Atlantic Treaty Organization"},
	{"Turkey", "Turkey"},
	{"TURKEY", "Turkey"},
	{"turkey", ""},
	{"China", "China"},
	{"china", ""},
	{"Poles", "Poland"},
	{"poles", ""},
	{"Fed", "Federal Reserve"},
	{"fed", ""},
	{"The Guardian", "The Guardian"},
	{"the guardian", ""},
	{"Colombian", "Colombia"},
	{"colombian", "Colombia"},
	{"Bogota", "Colombia"},
	{"Polish", "Poland"},
	{"polish", ""},
	{"the Pentagon", "United States Department of Defense"},
	{"pentagon", ""},
	{"Cold War", "Cold War"},
	{"cold war", ""},
	{"Pacific", "Pacific Ocean"},
	{"pacific", ""},
}

func TestLookupExact(t *testing.T) {
	g := Default()
	for _, tc := range lookupExactCases {
		t.Run(tc.phrase, func(t *testing.T) {
			m, ok := g.LookupExact(tc.phrase)
			got := ""
			if ok {
				got = m.Entry.Name
			}
			if got != tc.want {
				t.Errorf("LookupExact(%q) = %q, want %q", tc.phrase, got, tc.want)
			}
		})
	}
}

var parseFormCases = []struct {
	in     string
	want   string
	wantCS bool
}{
	{"US", "US", true},
	{"U.S.", "U.S.", true},
	{"WHO", "WHO", true},
	{"G7", "G7", true},
	{"NATO", "NATO", false},
	{"DoD", "DoD", false},
	{"America", "America", false},
	{"=Turkey", "Turkey", true},
	{" =the States ", "the States", true},
	{"2024", "2024", false},
}

func TestParseForm(t *testing.T) {
	for _, tc := range parseFormCases {
		t.Run(tc.in, func(t *testing.T) {
			got, cs := parseForm(tc.in)
			if got != tc.want || cs != tc.wantCS {
				t.Errorf("parseForm(%q) = %q, %v; want %q, %v", tc.in, got, cs, tc.want, tc.wantCS)
			}
		})
	}
}

var loadErrorCases = []struct {
	name, file, data, want string
}{
	{"person entry", "entities_x.tsv", "# c\nPerson\tDonald Trump\n", "d/entities_x.tsv:2: bad entity type"},
	{"unknown type", "entities_x.tsv", "City\tCaracas\n", "d/entities_x.tsv:1: bad entity type"},
	{"too many columns", "entities_x.tsv", "Country\tA\tB\tC\tD\tE\n", "d/entities_x.tsv:1: want at most 5 columns"},
	{"empty name", "entities_x.tsv", "Country\t\tB\n", "d/entities_x.tsv:1: empty name"},
	{"empty marked form", "entities_x.tsv", "Country\tA\t=\n", "d/entities_x.tsv:1: alias: empty form"},
	{"form folds to nothing", "entities_x.tsv", "Country\tA\t...\n", "d/entities_x.tsv:1: alias \"...\" folds to nothing"},
	{"title without predicate", "titles_x.tsv", "President\n", "d/titles_x.tsv:1: want phrase and predicate"},
	{"title with event", "titles_x.tsv", "President\tmet\n", "d/titles_x.tsv:1: title predicate \"met\" is not a role state"},
	{"trigger with state", "triggers_x.tsv", "lead\tverb\tleader_of\n", "d/triggers_x.tsv:1: trigger \"lead\": \"leader_of\" is not an event predicate"},
	{"trigger with bad pos", "triggers_x.tsv", "meet\tadj\tmet\n", "d/triggers_x.tsv:1: trigger \"meet\": pos must be verb or noun"},
	{"trigger too short", "triggers_x.tsv", "meet\tverb\n", "d/triggers_x.tsv:1: want lemma, pos and predicate"},
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range loadErrorCases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadFS(fstest.MapFS{"d/" + tc.file: {Data: []byte(tc.data)}}, "d")
			if err == nil {
				t.Fatalf("loadFS: no error, want %q", tc.want)
			}
			if !strings.HasPrefix(err.Error(), "schema: ") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("loadFS error %q, want it to contain %q", err, tc.want)
			}
		})
	}
	if _, err := loadFS(fstest.MapFS{}, "missing"); err == nil {
		t.Error("loadFS of a missing directory: no error")
	}
}

func TestLoadSmall(t *testing.T) {
	fsys := fstest.MapFS{
		"d/entities_a.tsv": {Data: []byte("# comment\n\nCountry\tAtlantis\tATL|=Sunken Land\tAtlantean|Atlanteans\tPoseidonia\n")},
		"d/titles_a.tsv":   {Data: []byte("High King\tleader_of\nenvoy to the court of\tofficial_of\n")},
		"d/triggers_a.tsv": {Data: []byte("sink\tverb\tattacked\t195\nflood\tnoun\tattacked\n")},
		"d/README":         {Data: []byte("not data")},
	}
	g, err := loadFS(fsys, "d")
	if err != nil {
		t.Fatal(err)
	}
	want := []*Entry{{Name: "Atlantis", Type: Country, Aliases: []string{"ATL", "Sunken Land"}, Demonyms: []string{"Atlantean", "Atlanteans"}, Capitals: []string{"Poseidonia"}}}
	if diff := cmp.Diff(want, g.Entries()); diff != "" {
		t.Errorf("Entries (-want +got):\n%s", diff)
	}
	if m, ok := g.LookupExact("sunken land"); ok {
		t.Errorf("LookupExact(sunken land) = %s, want not found (marked case-sensitive)", m.Entry.Name)
	}
	if m, ok := g.LookupExact("Sunken Land"); !ok || !m.CaseSensitive {
		t.Errorf("LookupExact(Sunken Land) = %+v, %v", m, ok)
	}
	if got := g.MaxEntryWords(); got != 2 {
		t.Errorf("MaxEntryWords = %d, want 2", got)
	}
	if got := g.MaxTitleWords(); got != 5 {
		t.Errorf("MaxTitleWords = %d, want 5", got)
	}
	wantTriggers := []Trigger{{Lemma: "sink", POS: "verb", Predicate: Attacked, CAMEO: "195"}}
	if diff := cmp.Diff(wantTriggers, g.Triggers("Sink", "verb")); diff != "" {
		t.Errorf("Triggers(sink) (-want +got):\n%s", diff)
	}
	wantTriggers = []Trigger{{Lemma: "flood", POS: "noun", Predicate: Attacked, CAMEO: "190"}}
	if diff := cmp.Diff(wantTriggers, g.Triggers("flood", "noun")); diff != "" {
		t.Errorf("Triggers(flood) (-want +got):\n%s", diff)
	}
	if got := g.Triggers("flood", "verb"); got != nil {
		t.Errorf("Triggers(flood, verb) = %v, want nil", got)
	}
}

// unMembers are the 193 member states of the United Nations, by the
// gazetteer's canonical names.
var unMembers = strings.Split("Afghanistan|Albania|Algeria|Andorra|Angola|Antigua and Barbuda|Argentina|"+
	"Armenia|Australia|Austria|Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|"+
	"Bhutan|Bolivia|Bosnia and Herzegovina|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cape Verde|"+
	"Cambodia|Cameroon|Canada|Central African Republic|Chad|Chile|China|Colombia|Comoros|Republic of the Congo|"+
	"Costa Rica|Ivory Coast|Croatia|Cuba|Cyprus|Czech Republic|North Korea|Democratic Republic of the Congo|"+
	"Denmark|Djibouti|Dominica|Dominican Republic|Ecuador|Egypt|El Salvador|Equatorial Guinea|Eritrea|Estonia|"+
	"Eswatini|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Grenada|Guatemala|Guinea|"+
	"Guinea-Bissau|Guyana|Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|"+
	"Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|"+
	"Libya|Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Marshall Islands|"+
	"Mauritania|Mauritius|Mexico|Micronesia|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Namibia|"+
	"Nauru|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria|North Macedonia|Norway|Oman|Pakistan|Palau|"+
	"Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|South Korea|Moldova|Romania|"+
	"Russia|Rwanda|Saint Kitts and Nevis|Saint Lucia|Saint Vincent and the Grenadines|Samoa|San Marino|"+
	"São Tomé and Príncipe|Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|"+
	"Solomon Islands|Somalia|South Africa|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|"+
	"Tajikistan|Thailand|East Timor|Togo|Tonga|Trinidad and Tobago|Tunisia|Turkey|Turkmenistan|Tuvalu|Uganda|"+
	"Ukraine|United Arab Emirates|United Kingdom|Tanzania|United States|Uruguay|Uzbekistan|Vanuatu|Venezuela|"+
	"Vietnam|Yemen|Zambia|Zimbabwe", "|")

func TestEveryUNStateIsACountry(t *testing.T) {
	if len(unMembers) != 193 {
		t.Fatalf("test table lists %d UN members, want 193", len(unMembers))
	}
	g := Default()
	for _, name := range append(unMembers, "Holy See", "Palestine", "Taiwan", "Kosovo") {
		m, ok := g.Lookup(name)
		if !ok || m.Via != ViaName || m.Entry.Type != Country {
			t.Errorf("%s: want a Country entry of that name, got %+v, %v", name, m, ok)
		}
	}
}

var titleCases = []struct {
	phrase, want string
}{
	{"President", LeaderOf},
	{"president", LeaderOf},
	{"Prime Minister", LeaderOf},
	{"Secretary of State", OfficialOf},
	{"Interior Minister", OfficialOf},
	{"ambassador to", OfficialOf},
	{"Ambassador to", OfficialOf},
}

func TestTitles(t *testing.T) {
	g := Default()
	for _, tc := range titleCases {
		t.Run(tc.phrase, func(t *testing.T) {
			ti, ok := g.Title(tc.phrase)
			if !ok || ti.Predicate != tc.want {
				t.Errorf("Title(%q) = %+v, %v; want predicate %s", tc.phrase, ti, ok, tc.want)
			}
		})
	}
	if _, ok := g.Title("Donald"); ok {
		t.Error("Title(Donald) found")
	}
	if g.MaxTitleWords() < 3 {
		t.Errorf("MaxTitleWords = %d, want at least 3 (Secretary of State)", g.MaxTitleWords())
	}
	for k, ti := range g.titles {
		if n := len(strings.Fields(k)); n > g.MaxTitleWords() {
			t.Errorf("title %q has %d words, more than MaxTitleWords %d", ti.Phrase, n, g.MaxTitleWords())
		}
	}
}

func TestTriggers(t *testing.T) {
	g := Default()
	meet := g.Triggers("meet", "verb")
	if len(meet) == 0 || meet[0].Predicate != Met || meet[0].CAMEO != "040" {
		t.Errorf("Triggers(meet, verb) = %+v, want met with CAMEO 040", meet)
	}
	if got := g.Triggers("MEET", "verb"); len(got) != len(meet) {
		t.Errorf("Triggers(MEET, verb) = %+v, want the same as meet", got)
	}
	if got := g.Triggers("zzz", "verb"); got != nil {
		t.Errorf("Triggers(zzz) = %+v, want nil", got)
	}
	if len(g.triggers) == 0 {
		t.Fatal("no triggers loaded")
	}
	for k, ts := range g.triggers {
		for _, tr := range ts {
			p, ok := LookupPredicate(tr.Predicate)
			if !ok || p.Kind != Event {
				t.Errorf("trigger %q: predicate %q is not an event", k, tr.Predicate)
			}
			if len(tr.CAMEO) < 3 {
				t.Errorf("trigger %q: CAMEO %q", k, tr.CAMEO)
			}
			if tr.POS+"\x00"+tr.Lemma != k {
				t.Errorf("trigger %+v filed under %q", tr, k)
			}
		}
	}
}

func TestMaxEntryWords(t *testing.T) {
	g := Default()
	longest := 0
	for _, e := range g.Entries() {
		for _, f := range entryForms(e) {
			if n := len(strings.Fields(Fold(f))); n > longest {
				longest = n
			}
		}
	}
	if got := g.MaxEntryWords(); got != longest {
		t.Errorf("MaxEntryWords = %d, want %d", got, longest)
	}
}

func FuzzLookup(f *testing.F) {
	for _, tc := range lookupCases {
		f.Add(tc.phrase)
	}
	for _, tc := range lookupExactCases {
		f.Add(tc.phrase)
	}
	g := Default()
	f.Fuzz(func(t *testing.T, s string) {
		m, ok := g.Lookup(s)
		if ok != (m.Entry != nil) {
			t.Fatalf("Lookup(%q) = %+v, %v", s, m, ok)
		}
		e, eok := g.LookupExact(s)
		if eok != (e.Entry != nil) {
			t.Fatalf("LookupExact(%q) = %+v, %v", s, e, eok)
		}
		// Whatever LookupExact finds, Lookup finds too, unless two entries
		// share the Fold key.
		if eok && !ok {
			t.Errorf("LookupExact(%q) found %s but Lookup found nothing", s, e.Entry.Name)
		}
		if eok && ok && e.Entry != m.Entry {
			if _, allowed := allowedCollisions[Fold(s)]; !allowed {
				t.Errorf("Lookup(%q) = %s, LookupExact = %s", s, m.Entry.Name, e.Entry.Name)
			}
		}
	})
}
