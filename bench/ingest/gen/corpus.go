package main

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/schema"
)

// errSource is wrapped in every error about the material the generator
// builds articles from: the source articles and the gazetteer's data files.
var errSource = errors.New("gen: bad source material")

// sourceDirs are the directories, relative to the repository root, whose
// .txt articles the generator recombines: the project's own articles,
// written for it. testdata/seeds holds excerpts of real articles and is
// never used.
var sourceDirs = []string{"testdata/dev", "testdata/test"}

// Zipf parameters of every draw (see rand.NewZipf): P(rank k) ∝ (zipfV +
// k)^-zipfS. A few countries, cities, organisations and names come up in a
// large share of the articles, most in a handful.
const (
	zipfS = 1.1
	zipfV = 8
)

// kind is what a piece of a source article is: literal text, or a slot
// that the generator fills with a substituted entity.
type kind int

const (
	literal       kind = iota
	countryName        // a country's name or alias: "Italy", "Britain"
	countryAdj         // an abbreviation used as an adjective: "U.S. tariffs"
	demonym            // an adjective or inhabitant: "Italian"
	demonymPlural      // inhabitants: "Italians"
	capital            // a capital ("Rome"), or a seat of government ("the Kremlin") named as its state
	city               // a city that is not a seat of government
	orgName            // an organisation's name
	orgAlias           // an organisation's alias: "IMF"
	givenName          // a person's given name
	surname            // a person's family name
)

// piece is a run of a source article's text: a literal, or a slot naming
// an entity to substitute.
type piece struct {
	kind  kind
	text  string        // the text as written in the source
	entry *schema.Entry // the gazetteer entry of a country, capital, city or organisation slot
	// key identifies a person's name token within its source article.
	key string
	// person is, for a name token, the index in source.persons of the
	// first person whose name has it.
	person int
	gender schema.Gender // of a given-name slot
	upper  bool          // the slot is written in capitals (a dateline)
}

// source is one source article, parsed into pieces.
type source struct {
	name     string
	dateline []piece   // the dateline's place ("ROME"), without its dash; empty when there is none
	headline []piece   // the first line of the body
	paras    [][]piece // the paragraphs after the headline, the first without its dateline
	words    []int     // words of each paragraph
	persons  [][]piece // the full names of the people found, for Article.Entities
}

// material is everything articles are built from, loaded once.
type material struct {
	gaz       *schema.Gazetteer
	sources   []*source
	countries []*schema.Entry            // countries that may replace another, in popularity order
	cities    []*schema.Entry            // cities, in popularity order
	orgs      map[string][]*schema.Entry // organisations by gazetteer section, in popularity order
	orgGroup  map[*schema.Entry]string   // the section of each organisation
	given     map[schema.Gender][]string // given names by gender, in popularity order
	surnames  []string                   // in popularity order
	people    []invented                 // the people that stand in for a source's, in popularity order
	isCity    map[*schema.Entry]bool     // the entries of cities
}

// loadMaterial reads the source articles under root and the gazetteer
// (schema.Default, plus its data files under root/schema/data for the
// given names and for the sections that group places and organisations),
// and orders every pool by a popularity drawn from seed.
func loadMaterial(root string, seed uint64) (*material, error) {
	m := &material{gaz: schema.Default(), orgs: map[string][]*schema.Entry{}, orgGroup: map[*schema.Entry]string{}, given: map[schema.Gender][]string{}, isCity: map[*schema.Entry]bool{}}
	sections := map[string]string{}
	for _, f := range []string{"entities_countries.tsv", "entities_places.tsv", "entities_organizations.tsv"} {
		if err := readSections(filepath.Join(root, "schema", "data", f), sections); err != nil {
			return nil, err
		}
	}
	for _, e := range m.gaz.Entries() {
		sec := sections[string(e.Type)+"\x00"+e.Name]
		switch e.Type {
		case schema.Country:
			if replaceable(e) && !strings.HasPrefix(sec, "Historical") {
				m.countries = append(m.countries, e)
			}
		case schema.Location:
			if strings.HasPrefix(sec, "Cities") {
				m.cities = append(m.cities, e)
				m.isCity[e] = true
			}
		case schema.Organization:
			m.orgs[sec] = append(m.orgs[sec], e)
			m.orgGroup[e] = sec
		}
	}
	if len(m.countries) < 20 || len(m.cities) < 10 || len(m.orgs) < 2 {
		return nil, fmt.Errorf("gazetteer under %s: %d replaceable countries, %d cities, %d organisation sections: %w", root, len(m.countries), len(m.cities), len(m.orgs), errSource)
	}
	if err := m.readGivenNames(filepath.Join(root, "schema", "data", "names_given.tsv")); err != nil {
		return nil, err
	}
	m.surnames = slices.Clone(surnames)

	// Popularity: a seeded shuffle of every pool, so that which countries
	// and names dominate depends on the seed, not on alphabetical order.
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	r.Shuffle(len(m.countries), func(i, j int) { m.countries[i], m.countries[j] = m.countries[j], m.countries[i] })
	r.Shuffle(len(m.cities), func(i, j int) { m.cities[i], m.cities[j] = m.cities[j], m.cities[i] })
	for _, k := range sortedKeys(m.orgs) {
		p := m.orgs[k]
		r.Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
	}
	for _, g := range []schema.Gender{schema.Male, schema.Female} {
		p := m.given[g]
		r.Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
	}
	r.Shuffle(len(m.surnames), func(i, j int) { m.surnames[i], m.surnames[j] = m.surnames[j], m.surnames[i] })
	for range populationSize {
		g := schema.Male
		if r.IntN(5) < 2 {
			g = schema.Female
		}
		m.people = append(m.people, invented{given: m.given[g][r.IntN(len(m.given[g]))], surname: m.surnames[r.IntN(len(m.surnames))], gender: g})
	}

	var files []string
	for _, d := range sourceDirs {
		fs, err := filepath.Glob(filepath.Join(root, d, "*.txt"))
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", d, err)
		}
		files = append(files, fs...)
	}
	slices.Sort(files)
	if len(files) < 3 {
		return nil, fmt.Errorf("source articles under %s: found %d .txt files in %s, need 3: %w", root, len(files), strings.Join(sourceDirs, " and "), errSource)
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("read source article: %w", err)
		}
		s, err := m.parseSource(filepath.Base(f), string(raw))
		if err != nil {
			return nil, fmt.Errorf("source article %s: %w", f, err)
		}
		m.sources = append(m.sources, s)
	}
	return m, nil
}

// invented is a person that stands in for a person of a source article.
type invented struct {
	given, surname string
	gender         schema.Gender
}

// populationSize is the number of invented people, of whom each article's
// are drawn by the Zipf law: at 10,000 articles of about 15 people each,
// a few are in hundreds of articles and most in a few.
const populationSize = 20000

// replaceable reports whether country e can stand in for another in any
// sentence: it has a demonym and a capital (for "Italian" and "Rome"), and
// its name reads without "the" ("Italy", not "the Netherlands").
func replaceable(e *schema.Entry) bool {
	if len(e.Demonyms) == 0 || len(e.Capitals) == 0 {
		return false
	}
	for _, w := range strings.Fields(e.Name) {
		switch w {
		case "Republic", "Kingdom", "States", "Islands", "Emirates", "Union", "Netherlands", "Philippines", "Gambia", "Bahamas", "Maldives", "Comoros", "Seychelles", "See":
			return false
		}
	}
	return true
}

// readSections records, for every entry line of the gazetteer data file
// path, the section it belongs to: the first line of the comment paragraph
// above it ("Cities that are not seats of government."), keyed by type and
// canonical name. A comment paragraph starts after a line that is "#" alone.
func readSections(path string, into map[string]string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("gazetteer sections: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sec, fresh := "", true
	for line := 1; sc.Scan(); line++ {
		t := sc.Text()
		switch {
		case strings.TrimSpace(t) == "#":
			fresh = true
		case strings.HasPrefix(t, "#"):
			if fresh {
				sec = strings.TrimSpace(strings.TrimPrefix(t, "#"))
				fresh = false
			}
		case strings.TrimSpace(t) != "":
			fresh = true
			cols := strings.Split(t, "\t")
			if len(cols) < 2 {
				return fmt.Errorf("%s:%d: want type and name: %w", path, line, errSource)
			}
			into[cols[0]+"\x00"+strings.TrimPrefix(strings.TrimSpace(cols[1]), "=")] = sec
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("gazetteer sections %s: %w", path, err)
	}
	return nil
}

// readGivenNames reads the gazetteer's given names (name, tab, m or f).
func (m *material) readGivenNames(path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("given names: %w", err)
	}
	for i, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 2 {
			return fmt.Errorf("%s:%d: want given name and gender: %w", path, i+1, errSource)
		}
		name, g := strings.TrimSpace(cols[0]), schema.Gender(strings.TrimSpace(cols[1]))
		// Names of one letter or with spaces would not read as names.
		if utf8.RuneCountInString(name) > 1 && !strings.Contains(name, " ") {
			m.given[g] = append(m.given[g], name)
		}
	}
	if len(m.given[schema.Male]) < 20 || len(m.given[schema.Female]) < 20 {
		return fmt.Errorf("%s: too few given names (%d m, %d f): %w", path, len(m.given[schema.Male]), len(m.given[schema.Female]), errSource)
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// datelineRe matches a dateline at the start of a paragraph: a place in
// capitals, optionally a date and an agency ("FREETOWN, Aug 18 (Reuters)"),
// and a dash.
var datelineRe = regexp.MustCompile(`^(\p{Lu}[\p{Lu}\p{M} .'’-]*\p{Lu})(?:,[^\n]*?\))?\s+[—–-]\s+`)

// blankLineRe separates paragraphs.
var blankLineRe = regexp.MustCompile(`\n\s*\n`)

// parseSource splits a source article into its optional dateline, headline
// and paragraphs, and finds the entities to substitute in each.
func (m *material) parseSource(name, text string) (*source, error) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if first, rest, ok := strings.Cut(text, "\n"); ok && strings.HasPrefix(first, "date ") {
		text = rest
	}
	var blocks []string
	for _, b := range blankLineRe.Split(strings.TrimSpace(text), -1) {
		if b = strings.Join(strings.Fields(b), " "); b != "" {
			blocks = append(blocks, b)
		}
	}
	if len(blocks) < 2 {
		return nil, fmt.Errorf("want a headline and paragraphs: %w", errSource)
	}
	s := &source{name: name}
	var dateline string
	if loc := datelineRe.FindStringSubmatchIndex(blocks[1]); loc != nil {
		dateline = blocks[1][loc[2]:loc[3]]
		blocks[1] = blocks[1][loc[1]:]
	}
	// People are found over the whole article, so that a surname alone
	// ("Valdés said") is recognised wherever it appears.
	all := strings.Join(blocks, "\n\n")
	people := m.findPeople(all)
	s.persons = people.names
	s.dateline = m.scan(dateline, people, true)
	s.headline = m.scan(blocks[0], people, false)
	for _, b := range blocks[1:] {
		s.paras = append(s.paras, m.scan(b, people, false))
		s.words = append(s.words, len(strings.Fields(b)))
	}
	return s, nil
}

// word is a word of a text: its byte span.
type word struct{ start, end int }

// wordRe matches a word: letters and digits, joined by inner hyphens or
// apostrophes ("Owusu-Ansah", "d'Orsay"), or an abbreviation ("U.S.").
var wordRe = regexp.MustCompile(`(?:\p{Lu}\.){2,}|[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*`)

// words splits text into words; a possessive "'s" is left out of its word.
func words(text string) []word {
	var ws []word
	for _, loc := range wordRe.FindAllStringIndex(text, -1) {
		w := word{loc[0], loc[1]}
		switch s := text[w.start:w.end]; {
		case len(s) > 2 && strings.HasSuffix(s, "'s"):
			w.end -= 2
		case len(s) > 4 && strings.HasSuffix(s, "’s"):
			w.end -= 4
		}
		ws = append(ws, w)
	}
	return ws
}

func capitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// match is a gazetteer entity found in a text: words [i, j).
type match struct {
	i, j int
	m    schema.Match
}

// entities finds the gazetteer entities of text, longest first, at
// capitalised words.
func (m *material) entities(text string, ws []word) []match {
	var out []match
	for i := 0; i < len(ws); i++ {
		// A match never starts at "The": Fold drops it, and it is not
		// part of the name ("The Kremlin said" is the Kremlin).
		if w := text[ws[i].start:ws[i].end]; !capitalised(w) || w == "The" {
			continue
		}
		for n := min(m.gaz.MaxEntryWords(), len(ws)-i); n >= 1; n-- {
			j := i + n
			if !adjacent(text, ws[i:j]) {
				continue
			}
			if e, ok := m.gaz.LookupExact(text[ws[i].start:ws[j-1].end]); ok {
				out = append(out, match{i, j, e})
				i = j - 1
				break
			}
		}
	}
	return out
}

// adjacent reports whether the words follow each other separated by one
// space each.
func adjacent(text string, ws []word) bool {
	for k := 1; k < len(ws); k++ {
		if text[ws[k-1].end:ws[k].start] != " " {
			return false
		}
	}
	return true
}

// people is what findPeople learnt of an article's people: the gender of
// each given-name token to substitute and the family-name tokens.
type people struct {
	given   map[string]schema.Gender
	surname map[string]bool
	owner   map[string]int // token → index in names of the first person with it
	names   [][]piece
}

// orgWords end a capitalised run that names a body, not a person
// ("Harcourt Lyle Capital").
var orgWords = map[string]bool{"Capital": true, "Party": true, "Group": true, "Bank": true, "Council": true, "Agency": true, "Ministry": true, "Works": true, "Enterprise": true, "Brigade": true, "Union": true, "Court": true, "Commission": true, "House": true, "Palace": true, "Hill": true, "Cathedral": true, "Congress": true, "Movement": true, "Federation": true, "Confederation": true, "Front": true, "Guard": true, "Office": true, "Renewal": true, "International": true}

// findPeople finds people's full names in text: a run of two to four
// capitalised words, not gazetteer entities, that starts with a known given
// name ("Mariano Quiroga") or follows a title ("President Abena Mensah",
// "opposition leader Tendai Moyo"). Its leading known given names are given
// names; the rest are family names. A person whose first word is not a
// known given name keeps it; only the family names are substituted.
func (m *material) findPeople(text string) people {
	p := people{given: map[string]schema.Gender{}, surname: map[string]bool{}, owner: map[string]int{}}
	ws := words(text)
	covered := make([]bool, len(ws))
	for _, e := range m.entities(text, ws) {
		for k := e.i; k < e.j; k++ {
			covered[k] = true
		}
	}
	seen := map[string]bool{}
	for i := 0; i < len(ws); {
		j := i
		for j < len(ws) && !covered[j] && capitalised(text[ws[j].start:ws[j].end]) && !strings.Contains(text[ws[j].start:ws[j].end], ".") && (j == i || text[ws[j-1].end:ws[j].start] == " ") {
			j++
		}
		if j == i {
			i++
			continue
		}
		run := make([]string, 0, j-i)
		for k := i; k < j; k++ {
			run = append(run, text[ws[k].start:ws[k].end])
		}
		titled := m.titleBefore(text, ws, i)
		for n := min(m.gaz.MaxTitleWords(), len(run)); n >= 1; n-- {
			if _, ok := m.gaz.Title(strings.Join(run[:n], " ")); ok {
				run, titled = run[n:], true
				break
			}
		}
		i = j
		if len(run) < 2 || len(run) > 4 {
			continue
		}
		if _, known := m.gaz.GivenName(run[0]); !known && !titled {
			continue
		}
		if slices.ContainsFunc(run, func(w string) bool { _, t := m.gaz.Title(w); return t || orgWords[w] }) {
			continue
		}
		g := 0
		for g < len(run)-1 {
			if _, ok := m.gaz.GivenName(run[g]); !ok {
				break
			}
			g++
		}
		full := strings.Join(run, " ")
		if seen[full] {
			continue
		}
		seen[full] = true
		idx := len(p.names)
		var name []piece
		for k, w := range run {
			if _, ok := p.owner[w]; !ok && (k < g || k > 0) {
				p.owner[w] = idx
			}
			switch {
			case k < g:
				wg, _ := m.gaz.GivenName(w)
				p.given[w] = wg
				name = append(name, piece{kind: givenName, text: w, key: w, gender: wg, person: idx})
			case k == 0:
				name = append(name, piece{kind: literal, text: w})
			default:
				p.surname[w] = true
				name = append(name, piece{kind: surname, text: w, key: w, person: idx})
			}
			if k < len(run)-1 {
				name = append(name, piece{kind: literal, text: " "})
			}
		}
		p.names = append(p.names, name)
	}
	return p
}

// titleBefore reports whether the words just before word i are a title or
// a role noun, followed by a space or a comma: "opposition leader Tendai
// Moyo", "justice minister, Mariano Quiroga", "his wife, Lucía Paredes".
func (m *material) titleBefore(text string, ws []word, i int) bool {
	if i == 0 {
		return false
	}
	if gap := text[ws[i-1].end:ws[i].start]; gap != " " && gap != ", " {
		return false
	}
	for n := 1; n <= m.gaz.MaxTitleWords() && n <= i; n++ {
		if !adjacent(text, ws[i-n:i]) {
			return false
		}
		phrase := text[ws[i-n].start:ws[i-1].end]
		if _, ok := m.gaz.Title(phrase); ok {
			return true
		}
		if _, ok := schema.DefaultRoles().Lookup(phrase); ok || appositives[strings.ToLower(phrase)] {
			return true
		}
	}
	return false
}

// appositives are nouns that, besides the gazetteer's titles and roles,
// often stand before a person's name ("his lawyer, Tomás Herrera").
var appositives = map[string]bool{"lawyer": true, "economist": true, "banker": true, "partner": true, "founder": true, "officer": true, "aide": true, "rival": true, "counterpart": true, "opponent": true}

// scan turns text into pieces: entities of the gazetteer that the
// generator substitutes (countries, their capitals and seats of
// government, cities, organisations) and the people's names of ppl become
// slots; everything else stays literal. upper marks slots written in
// capitals (a dateline).
func (m *material) scan(text string, ppl people, upper bool) []piece {
	ws := words(text)
	var out []piece
	lit := func(s string) {
		if s == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].kind == literal {
			out[n-1].text += s
			return
		}
		out = append(out, piece{kind: literal, text: s})
	}
	// dropThe removes a "the " or "The " just before a slot whose
	// replacement takes no article ("the Kremlin" becomes "Lima").
	dropThe := func() {
		n := len(out)
		if n == 0 || out[n-1].kind != literal {
			return
		}
		t := out[n-1].text
		for _, a := range []string{"the ", "The "} {
			if strings.HasSuffix(t, a) && (len(t) == len(a) || !unicode.IsLetter(rune(t[len(t)-len(a)-1]))) {
				out[n-1].text = t[:len(t)-len(a)]
				return
			}
		}
	}
	pos := 0
	ents := m.entities(text, ws)
	k := 0
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if k < len(ents) && ents[k].i == i {
			e := ents[k]
			k++
			span := text[w.start:ws[e.j-1].end]
			var prev string
			if i > 0 {
				prev = text[ws[i-1].start:ws[i-1].end]
				if text[ws[i-1].end:w.start] != " " {
					prev = ","
				}
			}
			sl, ok := m.slot(e.m, span, prev, text[ws[e.j-1].end:])
			if !ok {
				continue
			}
			lit(text[pos:w.start])
			if sl.kind == countryName || sl.kind == capital {
				dropThe()
			}
			sl.upper = upper
			out = append(out, sl)
			pos = ws[e.j-1].end
			i = e.j - 1
			continue
		}
		s := text[w.start:w.end]
		var sl piece
		switch {
		case ppl.surname[s]:
			sl = piece{kind: surname, text: s, key: s, person: ppl.owner[s]}
		case ppl.given[s] != "":
			sl = piece{kind: givenName, text: s, key: s, gender: ppl.given[s], person: ppl.owner[s]}
		default:
			continue
		}
		lit(text[pos:w.start])
		out = append(out, sl)
		pos = w.end
	}
	lit(text[pos:])
	return out
}

// slot returns the slot for a gazetteer match written as span, after the
// word prev (or "," when punctuation separates them, "" at the start) and
// before the text after, or false when the entity stays as written.
func (m *material) slot(g schema.Match, span, prev, after string) (piece, bool) {
	e := g.Entry
	p := piece{text: span, entry: e}
	switch e.Type {
	case schema.Country:
		if !replaceableSource(e) {
			return p, false
		}
		switch g.Via {
		case schema.ViaName, schema.ViaAlias:
			p.kind = countryName
			// "by U.S. tariffs": an abbreviation between a lower-case word
			// (not a conjunction) and another is an adjective; in
			// "Britain and U.S. condemn" it is a name.
			if strings.Contains(span, ".") || strings.ToUpper(span) == span {
				r, _ := utf8.DecodeRuneInString(strings.TrimPrefix(after, " "))
				if strings.HasPrefix(after, " ") && unicode.IsLower(r) && prev != "" && !capitalised(prev) && prev != "and" && prev != "or" {
					p.kind = countryAdj
				}
			}
		case schema.ViaDemonym:
			p.kind = demonym
			if strings.HasSuffix(span, "s") && slices.Contains(e.Demonyms, strings.TrimSuffix(span, "s")) {
				p.kind = demonymPlural
			}
		case schema.ViaCapital:
			p.kind = capital
		}
	case schema.Location:
		switch {
		case e.SeatOf != nil && replaceableSource(e.SeatOf):
			p.kind, p.entry = capital, e.SeatOf
		case m.isCity[e]:
			p.kind = city
		default:
			return p, false
		}
	case schema.Organization:
		// "Christian Democratic Party": the tail of a longer name is not
		// the organisation of the gazetteer.
		if capitalised(prev) && prev != "The" {
			return p, false
		}
		p.kind = orgName
		if g.Via == schema.ViaAlias {
			p.kind = orgAlias
		}
	default:
		return p, false
	}
	return p, true
}

// replaceableSource reports whether mentions of country e in a source
// article can be substituted: it needs a demonym and a capital, as its
// replacement has them.
func replaceableSource(e *schema.Entry) bool { return len(e.Demonyms) > 0 }

// Article is one generated article.
type Article struct {
	Name string // file name: "article-000001.txt"
	Date string // YYYY-MM-DD
	Text string // the whole file
	// Entities are the substituted entities the article names: countries,
	// cities and organisations by canonical name, people by full name.
	Entities []string
}

// config is what a corpus looks like.
type config struct {
	words int       // approximate words per article
	start time.Time // first date
	days  int       // dates spread over [start, start+days)
}

// article builds article i (0-based) of the corpus of seed. It depends on
// seed and i only, so the first n articles of a larger corpus are the
// corpus of n.
func (m *material) article(seed uint64, i int, c config) Article {
	st := newSubst(m, seed, i)
	r := st.r
	a := Article{Name: fmt.Sprintf("article-%06d.txt", i+1)}
	a.Date = c.start.AddDate(0, 0, r.IntN(max(c.days, 1))).Format("2006-01-02")
	order := r.Perm(len(m.sources))
	var b strings.Builder
	fmt.Fprintf(&b, "date %s\n", a.Date)
	first := m.sources[order[0]]
	b.WriteString(st.render(first, first.headline))
	b.WriteString("\n\n")
	if len(first.dateline) > 0 {
		b.WriteString(st.render(first, first.dateline))
		b.WriteString(" — ")
	}
	n := 0
	used := []*source{first}
	for _, si := range order {
		s := m.sources[si]
		if si != order[0] {
			used = append(used, s)
		}
		for k, p := range s.paras {
			if n >= c.words {
				break
			}
			if n > 0 {
				b.WriteString("\n\n")
			}
			text := st.render(s, p)
			if k == 0 && si != order[0] {
				text = capitalise(text)
			}
			b.WriteString(text)
			n += s.words[k]
		}
		if n >= c.words {
			break
		}
	}
	b.WriteString("\n")
	a.Text = b.String()
	a.Entities = st.names(used)
	return a
}

// subst holds one article's substitutions: each original entity's
// replacement, chosen on first use, so an article names its entities
// consistently.
type subst struct {
	m       *material
	r       *rand.Rand
	country map[*schema.Entry]*schema.Entry
	city    map[*schema.Entry]*schema.Entry
	org     map[*schema.Entry]*schema.Entry
	person  map[string]string // source name + "\x00" + token → replacement
	used    map[string]bool   // replacements taken: kind + "\x00" + name
}

// newSubst returns the empty substitutions of article i of the corpus of
// seed, with the article's own random source.
func newSubst(m *material, seed uint64, i int) *subst {
	return &subst{
		m:       m,
		r:       rand.New(rand.NewPCG(seed, uint64(i))),
		country: map[*schema.Entry]*schema.Entry{},
		city:    map[*schema.Entry]*schema.Entry{},
		org:     map[*schema.Entry]*schema.Entry{},
		person:  map[string]string{},
		used:    map[string]bool{},
	}
}

// pick draws an item of pool (in popularity order) by a Zipf law, avoiding
// replacements already taken in the article under tag.
func pick[T any](st *subst, tag string, pool []T, name func(T) string) T {
	z := rand.NewZipf(st.r, zipfS, zipfV, uint64(len(pool)-1))
	for range 64 {
		x := pool[z.Uint64()]
		if k := tag + "\x00" + name(x); !st.used[k] {
			st.used[k] = true
			return x
		}
	}
	for _, x := range pool {
		if k := tag + "\x00" + name(x); !st.used[k] {
			st.used[k] = true
			return x
		}
	}
	return pool[0] // every item taken: an article never names that many
}

func entryName(e *schema.Entry) string { return e.Name }
func self(s string) string             { return s }

// countryFor returns the replacement of country e in the article, drawing
// it on first use.
func (st *subst) countryFor(e *schema.Entry) *schema.Entry {
	if x, ok := st.country[e]; ok {
		return x
	}
	x := pick(st, "country", st.m.countries, entryName)
	st.country[e] = x
	return x
}

// assignPerson chooses the replacement of every token of the name of
// person idx of source s that has none yet. An invented person of the
// population, of the same gender, gives the first given name and the first
// family name; further ones ("Rodrigo Valdés Ortiz") are drawn alone. A
// family name already replaced (a relative named earlier) stays replaced,
// and no two people of an article get the same family name.
func (st *subst) assignPerson(s *source, idx int) {
	var gender schema.Gender
	var given, family []string
	for _, p := range s.persons[idx] {
		k := s.name + "\x00" + p.key
		switch p.kind {
		case givenName:
			if gender == "" {
				gender = p.gender
			}
			given = append(given, k)
		case surname:
			family = append(family, k)
		}
	}
	needGiven := len(given) > 0 && st.person[given[0]] == ""
	needFamily := len(family) > 0 && st.person[family[0]] == ""
	if needGiven || needFamily {
		z := rand.NewZipf(st.r, zipfS, zipfV, uint64(len(st.m.people)-1))
		var who invented
		for range 256 {
			who = st.m.people[z.Uint64()]
			if (!needGiven || gender == "" || who.gender == gender) && (!needFamily || !st.used["surname\x00"+who.surname]) {
				break
			}
		}
		if needGiven {
			if gender != "" && who.gender != gender {
				who.given = pick(st, "given"+string(gender), st.m.given[gender], self)
			}
			st.person[given[0]] = who.given
		}
		if needFamily {
			if st.used["surname\x00"+who.surname] {
				who.surname = pick(st, "surname", st.m.surnames, self)
			}
			st.used["surname\x00"+who.surname] = true
			st.person[family[0]] = who.surname
		}
	}
	for _, k := range given {
		if st.person[k] == "" {
			g := gender
			if len(st.m.given[g]) == 0 {
				g = schema.Male
			}
			st.person[k] = pick(st, "given"+string(g), st.m.given[g], self)
		}
	}
	for _, k := range family {
		if st.person[k] == "" {
			st.person[k] = pick(st, "surname", st.m.surnames, self)
		}
	}
}

// render writes the pieces of source s with the article's substitutions.
func (st *subst) render(s *source, ps []piece) string {
	var b []byte
	for _, p := range ps {
		var t string
		switch p.kind {
		case literal:
			t = p.text
		case countryName:
			t = st.countryFor(p.entry).Name
		case countryAdj, demonym:
			t = st.countryFor(p.entry).Demonyms[0]
		case demonymPlural:
			t = plural(st.countryFor(p.entry))
		case capital:
			t = st.countryFor(p.entry).Capitals[0]
		case city:
			x, ok := st.city[p.entry]
			if !ok {
				x = pick(st, "city", st.m.cities, entryName)
				st.city[p.entry] = x
			}
			t = x.Name
		case orgName, orgAlias:
			x, ok := st.org[p.entry]
			if !ok {
				x = pick(st, "org", st.m.orgs[st.m.orgGroup[p.entry]], entryName)
				st.org[p.entry] = x
			}
			t = x.Name
			if p.kind == orgAlias && len(x.Aliases) > 0 {
				t = x.Aliases[0]
			}
		case givenName, surname:
			k := s.name + "\x00" + p.key
			if _, ok := st.person[k]; !ok {
				st.assignPerson(s, p.person)
			}
			t = st.person[k]
		}
		if p.kind != literal {
			if p.upper {
				t = strings.ToUpper(t)
			}
			b = fixArticle(b, t)
		}
		b = append(b, t...)
	}
	return string(b)
}

// articleRe matches an indefinite article ending a text, before a space.
var articleRe = regexp.MustCompile(`(^|[^\p{L}])([Aa]n?) $`)

// fixArticle returns b, whose text is followed by the word next, with an
// indefinite article at its end made to agree with next: "a Italian"
// becomes "an Italian", "an Ukrainian" "a Ukrainian".
func fixArticle(b []byte, next string) []byte {
	loc := articleRe.FindSubmatchIndex(b[max(0, len(b)-4):])
	if loc == nil {
		return b
	}
	off := max(0, len(b)-4)
	start, end := off+loc[4], off+loc[5]
	old := string(b[start:end])
	art := indefinite(next)
	if old[0] == 'A' {
		art = strings.ToUpper(art[:1]) + art[1:]
	}
	if old == art {
		return b
	}
	return append(b[:start], append([]byte(art), b[end:]...)...)
}

// indefinite is the indefinite article before word, by its first letters:
// "an" before a vowel ("an Italian", "an Ugandan"), "a" before a
// consonant and before a "U" sounded "you" ("a Ukrainian", "a Uruguayan").
func indefinite(word string) string {
	w := strings.ToLower(word)
	switch {
	case strings.HasPrefix(w, "uk"), strings.HasPrefix(w, "ur"), strings.HasPrefix(w, "eu"), strings.HasPrefix(w, "uni"):
		return "a"
	case w != "" && strings.ContainsRune("aeiou", rune(w[0])):
		return "an"
	}
	return "a"
}

// names lists the substituted entities of the article, sorted: the
// replacements of its countries, cities and organisations, and the full
// names of the people of the sources used whose names were substituted.
func (st *subst) names(used []*source) []string {
	set := map[string]bool{}
	for _, mp := range []map[*schema.Entry]*schema.Entry{st.country, st.city, st.org} {
		for _, x := range mp {
			set[x.Name] = true
		}
	}
	for _, s := range used {
		for _, n := range s.persons {
			complete := true
			for _, p := range n {
				if p.kind != literal {
					if _, ok := st.person[s.name+"\x00"+p.key]; !ok {
						complete = false
					}
				}
			}
			if complete {
				set[st.render(s, n)] = true
			}
		}
	}
	return sortedKeys(set)
}

// plural is the inhabitants' form of a country's demonym: "Italians", or
// the adjective itself when the gazetteer lists no plural ("Vietnamese").
func plural(e *schema.Entry) string {
	adj := e.Demonyms[0]
	if slices.Contains(e.Demonyms, adj+"s") {
		return adj + "s"
	}
	return adj
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
