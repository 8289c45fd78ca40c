package schema

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
	"sync"
)

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
// organization.
type Entry struct {
	Name     string     // canonical name: "United States"
	Type     EntityType // Country, Location, Organization or Other
	Aliases  []string   // other names, abbreviations
	Demonyms []string   // adjectives and inhabitants
	Capitals []string   // capitals and seats used as metonyms for the actor
}

// Match is the result of looking a phrase up.
type Match struct {
	Entry *Entry
	Via   Via
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
	byFold   map[string]Match
	titles   map[string]TitleInfo
	maxTitle int
	triggers map[string][]Trigger // key: pos + "\x00" + lemma
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

func load() (*Gazetteer, error) {
	g := &Gazetteer{byFold: map[string]Match{}, titles: map[string]TitleInfo{}, triggers: map[string][]Trigger{}}
	files, err := dataFS.ReadDir("data")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		name := "data/" + f.Name()
		var parse func([]string) error
		switch {
		case strings.HasPrefix(f.Name(), "entities"):
			parse = g.addEntry
		case strings.HasPrefix(f.Name(), "titles"):
			parse = g.addTitle
		case strings.HasPrefix(f.Name(), "triggers"):
			parse = g.addTrigger
		default:
			continue
		}
		if err := readTSV(name, parse); err != nil {
			return nil, err
		}
	}
	return g, nil
}

func readTSV(name string, parse func([]string) error) error {
	f, err := dataFS.Open(name)
	if err != nil {
		return err
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
	return sc.Err()
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

// addEntry parses: type, name, aliases, demonyms, capitals ('|'-separated lists).
func (g *Gazetteer) addEntry(cols []string) error {
	for len(cols) < 5 {
		cols = append(cols, "")
	}
	t := EntityType(cols[0])
	if !t.Valid() || t == Person {
		return fmt.Errorf("bad entity type %q", cols[0])
	}
	e := &Entry{Name: strings.TrimSpace(cols[1]), Type: t, Aliases: splitList(cols[2]), Demonyms: splitList(cols[3]), Capitals: splitList(cols[4])}
	if e.Name == "" {
		return fmt.Errorf("empty name")
	}
	g.entries = append(g.entries, e)
	add := func(phrase string, via Via) {
		k := Fold(phrase)
		if old, ok := g.byFold[k]; ok && old.Via == ViaName {
			return // a canonical name always wins over another entry's alias
		}
		if _, ok := g.byFold[k]; ok && via != ViaName {
			return // first listed wins
		}
		g.byFold[k] = Match{Entry: e, Via: via}
	}
	add(e.Name, ViaName)
	for _, a := range e.Aliases {
		add(a, ViaAlias)
	}
	for _, d := range e.Demonyms {
		add(d, ViaDemonym)
	}
	for _, c := range e.Capitals {
		add(c, ViaCapital)
	}
	return nil
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

// addTrigger parses: lemma, pos, predicate, optional CAMEO code.
func (g *Gazetteer) addTrigger(cols []string) error {
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
	g.triggers[k] = append(g.triggers[k], t)
	return nil
}

// Lookup finds the entry that phrase names, by canonical name, alias, demonym
// or capital, matching as Fold does (case, diacritics, periods).
func (g *Gazetteer) Lookup(phrase string) (Match, bool) {
	m, ok := g.byFold[Fold(phrase)]
	return m, ok
}

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
// ("verb" or "noun"); nil when the word triggers nothing.
func (g *Gazetteer) Triggers(lemma, pos string) []Trigger {
	return g.triggers[pos+"\x00"+strings.ToLower(lemma)]
}
