package schema

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"
	"unicode"
)

// dataFS holds the gazetteer's data: tab-separated files, '#' starting a
// comment line. entities*.tsv list type, name, aliases, demonyms and
// capitals (lists separated by '|'; a form written with a leading '=' is
// case-sensitive, see Match.CaseSensitive); titles*.tsv list a title and the
// role state it implies; names*.tsv list common given names and the gender
// they usually give (m, f); seats*.tsv list a place (an entry of the
// entities files) and the country whose government it houses; triggers*.tsv
// list lemma, part of speech, event predicate and an optional CAMEO code.
//
//go:embed data/*.tsv
var dataFS embed.FS

// Via says how a phrase names a gazetteer entry.
type Via string

// The ways a phrase can name an entry.
const (
	ViaName    Via = "name"    // the canonical name itself
	ViaAlias   Via = "alias"   // another name: "U.S.", "America"
	ViaDemonym Via = "demonym" // an adjective or inhabitant: "Colombian"
	ViaCapital Via = "capital" // a capital or seat used as metonymy: "Washington"
)

// Entry is one thing the gazetteer knows: a country, a well-known place or
// organization, or another named thing. Its forms are as listed in the data,
// without the '=' that marks a case-sensitive one.
type Entry struct {
	Name     string     // canonical name: "United States"
	Type     EntityType // Country, Location, Organization or Other
	Aliases  []string   // other names, abbreviations
	Demonyms []string   // adjectives and inhabitants
	Capitals []string   // capitals and seats used as metonyms for the actor
	// SeatOf is, for a place that houses a state's government ("White
	// House", "Kremlin"), that state's entry: the place named as an actor
	// ("the Kremlin warned") is the state. Nil for other entries.
	SeatOf *Entry
}

// Match is the result of looking a phrase up.
type Match struct {
	Entry *Entry
	Via   Via
	// CaseSensitive is true when the listed form that matched must be
	// written with its own capitals to name the entry: short acronyms
	// ("US", "UN", "WHO", "AP", "EU": all capitals, at most three letters)
	// and forms marked with '=' in the data because they are common words
	// in lower case ("Turkey", "China", "Poles"). Lookup ignores case and
	// reports the flag; LookupExact enforces it.
	CaseSensitive bool
}

// TitleInfo describes a title or role word ("President", "Secretary of State").
type TitleInfo struct {
	Phrase    string // as listed: "Secretary of State"
	Predicate string // LeaderOf or OfficialOf: the state the title implies
}

// Trigger maps a word to an event predicate.
type Trigger struct {
	Lemma     string // base form: "sanction", "meet"
	POS       string // "verb" or "noun"
	Predicate string // a predicate name of the schema
	CAMEO     string // the CAMEO code; empty means the predicate's own
}

// Gazetteer holds general knowledge loaded from the embedded data files.
// It is read-only after loading and safe for concurrent use.
type Gazetteer struct {
	entries  []*Entry
	byFold   map[string]Match // every listed form, keyed by Fold
	loose    map[string]Match // forms that match in any case, keyed by Fold
	exact    map[string]Match // case-sensitive forms, keyed by caseKey
	maxWords int
	titles   map[string]TitleInfo
	maxTitle int
	given    map[string]Gender    // given names, keyed by Fold
	triggers map[string][]Trigger // key: pos + "\x00" + lemma
	// triggerFile is, by the same key, the file that listed it first.
	triggerFile map[string]string
}

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
	defaultErr  error
)

// Default returns the gazetteer built from the data embedded in the binary.
// It is loaded once; a malformed data file is a build defect and panics.
func Default() *Gazetteer {
	defaultOnce.Do(func() { defaultGaz, defaultErr = load() })
	if defaultErr != nil {
		panic(defaultErr)
	}
	return defaultGaz
}

func load() (*Gazetteer, error) { return loadFS(dataFS, "data") }

// loadFS builds a gazetteer from the TSV files in directory dir of fsys:
// entities*.tsv, names*.tsv, titles*.tsv and triggers*.tsv, in name order. Errors name
// the file and line.
func loadFS(fsys fs.FS, dir string) (*Gazetteer, error) {
	g := &Gazetteer{byFold: map[string]Match{}, loose: map[string]Match{}, exact: map[string]Match{}, titles: map[string]TitleInfo{}, given: map[string]Gender{}, triggers: map[string][]Trigger{}}
	files, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("schema: read gazetteer data: %w", err)
	}
	var seats []string // seats*.tsv files, read once every entry is known
	for _, f := range files {
		var parse func([]string) error
		switch {
		case strings.HasPrefix(f.Name(), "entities"):
			parse = g.addEntry
		case strings.HasPrefix(f.Name(), "seats"):
			seats = append(seats, f.Name())
			continue
		case strings.HasPrefix(f.Name(), "titles"):
			parse = g.addTitle
		case strings.HasPrefix(f.Name(), "names"):
			parse = g.addGivenName
		case strings.HasPrefix(f.Name(), "triggers"):
			file := f.Name()
			parse = func(cols []string) error { return g.addTrigger(file, cols) }
		default:
			continue
		}
		if err := readTSV(fsys, path.Join(dir, f.Name()), parse); err != nil {
			return nil, err
		}
	}
	for _, name := range seats {
		if err := readTSV(fsys, path.Join(dir, name), g.addSeat); err != nil {
			return nil, err
		}
	}
	return g, nil
}

func readTSV(fsys fs.FS, name string, parse func([]string) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := parse(strings.Split(line, "\t")); err != nil {
			return fmt.Errorf("schema: %s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("schema: read %s: %w", name, err)
	}
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, "|") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// addEntry parses: type, name, aliases, demonyms, capitals ('|'-separated
// lists). Which forms are case-sensitive is decided by parseForm.
func (g *Gazetteer) addEntry(cols []string) error {
	if len(cols) > 5 {
		return fmt.Errorf("want at most 5 columns, got %d", len(cols))
	}
	for len(cols) < 5 {
		cols = append(cols, "")
	}
	t := EntityType(strings.TrimSpace(cols[0]))
	if !t.Valid() || t == Person {
		return fmt.Errorf("bad entity type %q", cols[0])
	}
	name, nameCS := parseForm(cols[1])
	if name == "" {
		return fmt.Errorf("empty name")
	}
	e := &Entry{Name: name, Type: t}
	type form struct {
		phrase string
		via    Via
		cs     bool
	}
	forms := []form{{name, ViaName, nameCS}}
	for _, col := range []struct {
		list *[]string
		via  Via
		raw  string
	}{{&e.Aliases, ViaAlias, cols[2]}, {&e.Demonyms, ViaDemonym, cols[3]}, {&e.Capitals, ViaCapital, cols[4]}} {
		for _, x := range splitList(col.raw) {
			p, cs := parseForm(x)
			if p == "" {
				return fmt.Errorf("%s: empty form %q", col.via, x)
			}
			*col.list = append(*col.list, p)
			forms = append(forms, form{p, col.via, cs})
		}
	}
	g.entries = append(g.entries, e)
	for _, f := range forms {
		k := Fold(f.phrase)
		if k == "" {
			return fmt.Errorf("%s %q folds to nothing", f.via, f.phrase)
		}
		m := Match{Entry: e, Via: f.via, CaseSensitive: f.cs}
		put(g.byFold, k, m)
		if f.cs {
			ck := caseKey(f.phrase)
			put(g.exact, ck, m)
			if up := strings.ToUpper(ck); up != ck {
				put(g.exact, up, m) // headline capitals: "TURKEY"
			}
		} else {
			put(g.loose, k, m)
		}
		if n := len(strings.Fields(k)); n > g.maxWords {
			g.maxWords = n
		}
	}
	return nil
}

// put records m under k unless k is taken: the first entry listed wins,
// except that a canonical name always wins over another entry's alias.
func put(index map[string]Match, k string, m Match) {
	if old, ok := index[k]; ok && (old.Via == ViaName || m.Via != ViaName) {
		return
	}
	index[k] = m
}

// parseForm trims a listed form and reports whether it is case-sensitive:
// marked with a leading '=' ("=Turkey"), or an acronym short enough to be an
// ordinary word in lower case: all capitals, at most three letters ("US",
// "U.N.", "WHO"). Longer acronyms ("NATO") match in any case ("Nato").
func parseForm(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "=") {
		return strings.TrimSpace(s[1:]), true
	}
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return s, false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return s, letters > 0 && letters <= maxAcronym
}

// maxAcronym is the longest all-capitals form that is case-sensitive.
const maxAcronym = 3

// caseKey is Fold without the lower-casing: typographic variants, diacritics,
// periods and white space are normalised, a leading "the " (in any case) and
// a trailing "'s" dropped, but capitals are kept ("U.S." → "US").
func caseKey(name string) string {
	s := StripDiacritics(NormalizeText(name))
	s = strings.ReplaceAll(s, ".", "")
	s = strings.Join(strings.Fields(s), " ")
	if len(s) >= 4 && strings.EqualFold(s[:4], "the ") {
		s = s[4:]
	}
	if strings.HasSuffix(s, "'s") || strings.HasSuffix(s, "'S") {
		s = s[:len(s)-2]
	}
	return s
}

// addSeat parses: place, country. Both must name entries already loaded by
// their canonical names: a Location and a Country.
func (g *Gazetteer) addSeat(cols []string) error {
	if len(cols) != 2 {
		return fmt.Errorf("want place and country")
	}
	place, ok := g.byFold[Fold(cols[0])]
	if !ok || place.Via != ViaName || place.Entry.Type != Location {
		return fmt.Errorf("seat %q is not the name of a Location entry", strings.TrimSpace(cols[0]))
	}
	state, ok := g.byFold[Fold(cols[1])]
	if !ok || state.Via != ViaName || state.Entry.Type != Country {
		return fmt.Errorf("seat %q: %q is not the name of a Country entry", place.Entry.Name, strings.TrimSpace(cols[1]))
	}
	place.Entry.SeatOf = state.Entry
	return nil
}

// Gender is the grammatical gender a given name usually gives its bearer.
type Gender string

// The genders of given names.
const (
	Male   Gender = "m"
	Female Gender = "f"
)

// addGivenName parses: given name, gender (m or f).
func (g *Gazetteer) addGivenName(cols []string) error {
	if len(cols) != 2 {
		return fmt.Errorf("want given name and gender")
	}
	gen := Gender(strings.TrimSpace(cols[1]))
	if gen != Male && gen != Female {
		return fmt.Errorf("gender %q is not m or f", gen)
	}
	g.given[Fold(cols[0])] = gen
	return nil
}

// GivenName reports whether word, written with a capital ("Isabel", not
// "isabel"), is a common given name, and the gender it usually gives.
func (g *Gazetteer) GivenName(word string) (Gender, bool) {
	if word == "" || !unicode.IsUpper([]rune(word)[0]) {
		return "", false
	}
	gen, ok := g.given[Fold(word)]
	return gen, ok
}

// addTitle parses: phrase, predicate.
func (g *Gazetteer) addTitle(cols []string) error {
	if len(cols) < 2 {
		return fmt.Errorf("want phrase and predicate")
	}
	p := strings.TrimSpace(cols[1])
	if p != LeaderOf && p != OfficialOf && p != MemberOf && p != EmployeeOf {
		return fmt.Errorf("title predicate %q is not a role state", p)
	}
	phrase := strings.TrimSpace(cols[0])
	k := Fold(phrase)
	g.titles[k] = TitleInfo{Phrase: phrase, Predicate: p}
	if n := len(strings.Fields(k)); n > g.maxTitle {
		g.maxTitle = n
	}
	return nil
}

// addTrigger parses a line of trigger file file: lemma, pos, predicate,
// optional CAMEO code. The first file (in name order) that lists a lemma and
// pos owns it: a later file's triggers for it are checked, then ignored, so
// the hand-written triggers.tsv wins over the generated triggers_cameo.tsv.
func (g *Gazetteer) addTrigger(file string, cols []string) error {
	if len(cols) < 3 {
		return fmt.Errorf("want lemma, pos and predicate")
	}
	t := Trigger{Lemma: strings.ToLower(strings.TrimSpace(cols[0])), POS: strings.TrimSpace(cols[1]), Predicate: strings.TrimSpace(cols[2])}
	if len(cols) > 3 {
		t.CAMEO = strings.TrimSpace(cols[3])
	}
	p, ok := LookupPredicate(t.Predicate)
	if !ok || p.Kind != Event {
		return fmt.Errorf("trigger %q: %q is not an event predicate", t.Lemma, t.Predicate)
	}
	if t.POS != "verb" && t.POS != "noun" {
		return fmt.Errorf("trigger %q: pos must be verb or noun", t.Lemma)
	}
	if t.CAMEO == "" {
		t.CAMEO = p.CAMEO
	}
	k := t.POS + "\x00" + t.Lemma
	if g.triggerFile == nil {
		g.triggerFile = map[string]string{}
	}
	if owner, ok := g.triggerFile[k]; ok && owner != file {
		return nil
	}
	g.triggerFile[k] = file
	g.triggers[k] = append(g.triggers[k], t)
	return nil
}

// Lookup finds the entry that phrase names, by canonical name, alias, demonym
// or capital, matching as Fold does (case, diacritics, periods). It ignores
// case even for case-sensitive forms, so Lookup("us") finds the United
// States; the match then has CaseSensitive set, and a caller holding the
// phrase as written should use LookupExact instead.
func (g *Gazetteer) Lookup(phrase string) (Match, bool) {
	m, ok := g.byFold[Fold(phrase)]
	return m, ok
}

// LookupExact is Lookup for a phrase as written in running text: a
// case-sensitive form (see Match.CaseSensitive) matches only when the phrase
// has the same capitals, after the typographic, diacritic, period and "the"
// folding of Fold ("U.S." and "US" match "US"; "us" and "Us" do not), or is
// written all in capitals ("TURKEY" matches "Turkey", "turkey" does not).
// Other forms match in any case, as with Lookup.
func (g *Gazetteer) LookupExact(phrase string) (Match, bool) {
	if m, ok := g.exact[caseKey(phrase)]; ok {
		return m, true
	}
	m, ok := g.loose[Fold(phrase)]
	return m, ok
}

// MaxEntryWords is the number of words, after Fold, in the longest form the
// gazetteer lists: the longest phrase worth looking up.
func (g *Gazetteer) MaxEntryWords() int { return g.maxWords }

// Entries returns every entry in file order. Callers must not modify them.
func (g *Gazetteer) Entries() []*Entry { return g.entries }

// Title reports whether phrase is a known title or role, matching as Fold does.
func (g *Gazetteer) Title(phrase string) (TitleInfo, bool) {
	t, ok := g.titles[Fold(phrase)]
	return t, ok
}

// MaxTitleWords is the number of words in the longest known title.
func (g *Gazetteer) MaxTitleWords() int { return g.maxTitle }

// Triggers returns the event triggers for a lemma of part of speech pos
// ("verb" or "noun"), as listed by the first trigger file that lists them
// (see addTrigger); nil when the word triggers nothing.
func (g *Gazetteer) Triggers(lemma, pos string) []Trigger {
	return g.triggers[pos+"\x00"+strings.ToLower(lemma)]
}
