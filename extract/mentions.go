package extract

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/nlp/ner"
	"github.com/newsgraph/newsgraph/schema"
)

// nerType returns the entity type of an IOB label ("B-PER" → "PER"), or ""
// for "O" and no label.
func nerType(label string) string {
	if len(label) > 2 && label[1] == '-' {
		return label[2:]
	}
	return ""
}

// Mentioner finds the mentions of each sentence: gazetteer names (countries,
// their aliases, demonyms and capitals, known organisations and places; a
// seat of government named as an actor, "the Kremlin warned", is its state),
// capitalised name sequences with titles stripped off ("Kenyan President
// Amina Wekesa" gives Kenya, the title President and Amina Wekesa), and
// title phrases. Each mention gets a type from the best cue it has: the
// gazetteer, a title or apposition (Person), a head word ("Ministry",
// "River"), the tagger's entity label, a locative preposition.
type Mentioner struct{}

var _ Stage = Mentioner{}

// Name returns "mentions".
func (Mentioner) Name() string { return "mentions" }

// Run fills st.Mentions and each sentence's Mentions and Titles.
func (Mentioner) Run(st *State) error {
	for si := range st.Sentences {
		m := mentionFinder{st: st, si: si, s: &st.Sentences[si]}
		m.find()
	}
	return nil
}

type mentionFinder struct {
	st       *State
	si       int
	s        *Sentence
	headline bool
}

func (m *mentionFinder) toks() []Token { return m.s.Tokens }

func (m *mentionFinder) find() {
	toks := m.toks()
	m.headline = isHeadlineCase(toks)
	// Lower-case titles first: "leader", "foreign minister", "ambassador to".
	for k := 0; k < len(toks); k++ {
		if !startsLower(toks[k].Norm) || toks[k].Tag == "DT" {
			continue
		}
		if e, info := m.longestTitle(k, len(toks)); e > k {
			m.addTitle(k, e, info)
			k = e - 1
		}
	}
	for i := 0; i < len(toks); {
		if !m.capStart(i) {
			i++
			continue
		}
		j := m.runEnd(i)
		m.decompose(i, j)
		i = j
	}
	sortTitles(m.s.Titles)
}

func sortTitles(ts []TitleSpan) {
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && ts[j].Start < ts[j-1].Start; j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// isAllCaps reports whether s has at least two letters and no lower-case one.
func isAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// isHeadlineCase reports whether every longer word of the sentence is
// capitalised, as in "Related Articles & Comments".
func isHeadlineCase(toks []Token) bool {
	long, capd := 0, 0
	for _, t := range toks {
		if utf8.RuneCountInString(t.Norm) < 3 || !isWord(t.Norm) || functionWords[strings.ToLower(t.Norm)] {
			continue
		}
		long++
		if startsUpper(t.Norm) {
			capd++
		}
	}
	return long >= 2 && capd == long
}

func isWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

// capStart reports whether token i can start a name.
func (m *mentionFinder) capStart(i int) bool {
	t := m.toks()[i]
	if !startsUpper(t.Norm) {
		return false
	}
	l := strings.ToLower(t.Norm)
	if isDateWord(l) || l == "i" || l == "may" && i > 0 && monthPreps[strings.ToLower(m.toks()[i-1].Norm)] {
		return false
	}
	if utf8.RuneCountInString(trimDot(t.Norm)) == 1 {
		_, ok := m.st.Gaz.Lookup(t.Norm)
		return ok
	}
	return true
}

// monthPreps before "May" make it the month: "in May", "since May".
var monthPreps = set("in", "since", "until", "till", "by", "early", "late", "mid", "last", "next", "this", "during", "from")

// runEnd returns the end of the capitalised run starting at i: capitalised
// words, with lower-case name particles and the connectors "of", "for", "&"
// between them.
func (m *mentionFinder) runEnd(i int) int {
	toks := m.toks()
	j := i + 1
	for j < len(toks) {
		if m.capStart(j) {
			j++
			continue
		}
		l := toks[j].Norm
		if isJoiningHyphen(toks, j) && m.capStart(j+1) {
			j += 2 // "Ruiz-Soto", "U.S.-Kenya"
			continue
		}
		if (l == "'s" || l == "'") && orgPossessors[strings.ToLower(toks[j-1].Norm)] && j+1 < len(toks) && m.capStart(j+1) {
			j += 2 // "All People's Congress"
			continue
		}
		if nameParticles[l] && isJoiningHyphen(toks, j+1) && j+2 < len(toks) && m.capStart(j+2) {
			j += 3 // "Bashar al-Assad"
			continue
		}
		if j+1 < len(toks) && m.capStart(j+1) && (nameParticles[l] || l == "of" || l == "for" || l == "&" || l == "and" && m.connectsName(i, j)) {
			j += 2
			continue
		}
		break
	}
	return j
}

// connectsName reports whether "and" at j joins one gazetteer name
// ("Trinidad and Tobago") rather than two names.
func (m *mentionFinder) connectsName(i, j int) bool {
	toks := m.toks()
	for e := j + 2; e <= len(toks) && e <= j+4; e++ {
		for s := i; s < j; s++ {
			if _, ok := m.st.Gaz.Lookup(spanText(toks, s, e)); ok {
				return true
			}
		}
	}
	return false
}

// spanText returns the normalised text of tokens [s, e), joined as written
// (no space before "'s" or after "-").
func spanText(toks []Token, s, e int) string {
	var b strings.Builder
	for k := s; k < e; k++ {
		if k > s && toks[k].Start > toks[k-1].End {
			b.WriteByte(' ')
		}
		b.WriteString(toks[k].Norm)
	}
	return b.String()
}

// sentenceInitial reports whether token k starts the sentence or a quotation.
func (m *mentionFinder) sentenceInitial(k int) bool {
	if k == 0 {
		return true
	}
	p := m.toks()[k-1]
	switch p.Tag {
	case "``", ":", "(", "-LRB-":
		return true
	}
	return p.Norm == "(" || p.Norm == "[" || p.Norm == "-" || p.Norm == "--"
}

func isConnector(l string) bool { return l == "of" || l == "for" || l == "&" || l == "and" }

// inCompound reports whether token k is part of a hyphenated compound
// ("left" "-" "wing"): a joining hyphen or a word next to one.
func inCompound(toks []Token, k int) bool {
	return isJoiningHyphen(toks, k) || isJoiningHyphen(toks, k-1) || isJoiningHyphen(toks, k+1)
}

// isJoiningHyphen reports whether token j is a hyphen (not a dash) written
// between two words with no space ("Ruiz-Soto", "U.S.-Kenya"): the
// tokenizer splits such compounds, and names are joined back over it.
func isJoiningHyphen(toks []Token, j int) bool {
	return j > 0 && j+1 < len(toks) && toks[j].Word == "-" &&
		toks[j-1].End == toks[j].Start && toks[j].End == toks[j+1].Start
}

// decompose splits the capitalised run [i, j) into gazetteer names, titles
// and names.
func (m *mentionFinder) decompose(i, j int) {
	toks := m.toks()
	k := i
	for k < j && m.sentenceInitial(i) && k == i && m.commonInitial(k, j == i+1) {
		k++
	}
	for k < j && isConnector(toks[k].Norm) {
		k++
	}
	indefinite := i > 0 && (toks[i-1].Norm == "a" || toks[i-1].Norm == "an")
	if k == i && i > 0 && directionWords[toks[i-1].Norm] {
		if e, match := m.longestGaz(i-1, j); e > i {
			m.addGaz(i-1, e, match)
			k = e
		}
	}
	for k < j {
		if isConnector(toks[k].Norm) || nameParticles[toks[k].Norm] || isJoiningHyphen(toks, k) {
			k++
			continue
		}
		if k+1 < j && honorifics[strings.ToLower(trimDot(toks[k].Norm))] {
			k++ // "Mr. Carlos Diaz" is Carlos Diaz
			continue
		}
		if match, ok := m.st.Gaz.Lookup(spanText(toks, k, j)); ok && match.Entry.Type != schema.Person {
			m.addGaz(k, j, match)
			return
		}
		if last := strings.ToLower(toks[j-1].Norm); j-k > 1 && (otherHeads[last] || siteHeads[last]) && !indefinite {
			m.addName(k, j, "", "") // "Africa Cup", "Nile Dam": typed by the head
			return
		}
		if m.isOrgSpan(k, j) && (!indefinite || !m.allGeneric(k, j)) {
			m.addName(k, j, schema.Organization, "head")
			return
		}
		if e, match := m.longestGaz(k, j); e > k {
			m.addGaz(k, e, match)
			k = e
			continue
		}
		if e, info := m.longestTitle(k, j); e > k {
			m.addTitle(k, e, info)
			k = e
			continue
		}
		e := k
		for e < j && !isConnector(toks[e].Norm) {
			if e > k {
				if x, _ := m.longestTitle(e, j); x > e {
					break
				}
			}
			e++
		}
		if !indefinite {
			m.addName(k, e, "", "")
		}
		k = e
	}
}

// honorifics are courtesy titles before a name, not part of it.
var honorifics = set("mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame")

// commonInitial reports whether the capitalised sentence-initial token k is
// an ordinary word rather than the start of a name. A single capitalised
// word (alone is true) that only its tag calls common is kept: it becomes a
// weak mention, which counts only when it names an entity found elsewhere
// ("Okello announces ..." in a headline the tagger reads as "JJ NNS").
func (m *mentionFinder) commonInitial(k int, alone bool) bool {
	t := m.toks()[k]
	l := strings.ToLower(t.Norm)
	if _, ok := m.st.Gaz.Lookup(t.Norm); ok {
		return false
	}
	if e, _ := m.longestTitle(k, len(m.toks())); e > k {
		return false
	}
	if functionWords[l] {
		return true
	}
	if m.knownSurname(t.Norm) {
		return false // "Rojas criticized ..." after "Elena Rojas"
	}
	if e, _ := m.longestGaz(k, m.runEnd(k)); e > k+1 {
		return false // a known name of several words: "Downing Street said"
	}
	if k+1 < len(m.toks()) {
		switch strings.ToLower(m.toks()[k+1].Norm) {
		case "you", "me", "us", "him", "them", "it":
			return true // an imperative: "Thank you", "Let us"
		}
	}
	if strings.HasPrefix(t.Tag, "VB") || t.Tag == "NNS" {
		return true
	}
	if alone && k+1 < len(m.toks()) && m.toks()[k+1].Tag == "NNS" && startsLower(m.toks()[k+1].Norm) && adjectiveShaped(l) {
		return true // "Mutinous soldiers", "Armed men"
	}
	if t.Tag != "NNP" && t.Tag != "NNPS" && (t.NER == "O" || t.NER == "") {
		return !alone || t.Tag != "JJ" && t.Tag != "NN"
	}
	return false
}

// adjectiveSuffixes end English adjectives ("mutinous", "armed",
// "hostile"); names of people and bodies rarely end so.
var adjectiveSuffixes = []string{"ous", "ive", "ful", "less", "ic", "ical", "ed", "ing", "able", "ible", "ile", "ary"}

// adjectiveShaped reports whether the lower-case word w has an adjective's
// ending.
func adjectiveShaped(w string) bool {
	for _, suf := range adjectiveSuffixes {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}

// knownSurname reports whether word is a surname in a name of several
// words that an earlier sentence mentioned: its last word ("Rojas" after
// "Elena Rojas"), or a word between the given name and the last, as
// Spanish and Portuguese names carry two surnames ("Valdés" after "Rodrigo
// Valdés Ortiz").
func (m *mentionFinder) knownSurname(word string) bool {
	if startsLower(word) {
		return false
	}
	for _, mn := range m.st.Mentions {
		if mn.Sent >= m.si || mn.Entry != nil || mn.End-mn.Start < 2 {
			continue
		}
		toks := m.st.Sentences[mn.Sent].Tokens
		for k := mn.Start + 1; k < mn.End; k++ {
			if toks[k].Norm == word {
				return true
			}
		}
	}
	return false
}

// isOrgSpan reports whether [k, e) is an organisation's name by its head
// word: last ("Foreign Ministry", "All People's Congress") or before "of"
// or "for" ("Bank of England", "General Confederation of Workers of
// Peru", "National Federation of Students").
func (m *mentionFinder) isOrgSpan(k, e int) bool {
	toks := m.toks()
	if e-k < 2 {
		return false
	}
	if isOrgHead(toks[e-1].Norm) {
		return true
	}
	for x := k; x+2 < e; x++ {
		if c := toks[x+1].Norm; isOrgHead(toks[x].Norm) && (c == "of" || c == "for") {
			return true
		}
	}
	return false
}

// isOrgHead reports whether word w (any case) is the head noun of an
// organisation's name.
func isOrgHead(w string) bool {
	w = strings.ToLower(w)
	return orgHeads[w] || bodyHeads[w]
}

// bodyHeads are further head nouns of organisations' names: companies,
// confederations, societies.
var bodyHeads = set("enterprise", "enterprises", "holdings", "industries", "airlines", "airways",
	"confederation", "consortium", "cooperative", "society", "trust", "academy", "chamber",
	"syndicate", "conglomerate", "plc", "guild", "institution", "observatory", "commissariat",
	"directorate-general", "gendarmerie", "militia", "junta", "watch", "corps")

// orgPossessors are plural nouns that appear as possessors inside names of
// organisations: "All People's Congress", "Workers' Party".
var orgPossessors = set("people", "workers", "women", "children", "citizens", "farmers", "veterans",
	"students", "nations", "peoples", "men", "teachers", "journalists", "patriots")

// orgDescriptorHeads end a lower-case description that, after the name of
// an organisation, names one of its bodies: "the U.N. human rights office".
var orgDescriptorHeads = set("office", "agency", "commission", "committee", "council", "body",
	"mission", "tribunal", "programme", "program", "fund", "panel", "watchdog")

// descriptorEnd returns the end of a lower-case description of a body of
// the organisation named by the tokens before e ("human rights office"
// after "the U.N."): one to three modifiers and a head of
// orgDescriptorHeads; e when there is none.
func (m *mentionFinder) descriptorEnd(e int) int {
	toks := m.toks()
	for x := e; x < len(toks) && x <= e+3; x++ {
		t := toks[x]
		if !startsLower(t.Norm) || functionWords[t.Norm] || !isNounTag(t.Tag) && t.Tag != "JJ" {
			return e
		}
		if x > e && orgDescriptorHeads[t.Norm] {
			if x+1 < len(toks) && isNounTag(toks[x+1].Tag) && startsLower(toks[x+1].Norm) {
				return e // "the U.N. human rights office report"
			}
			return x + 1
		}
	}
	return e
}

// longestGaz returns the longest gazetteer match starting at k within [k, j).
func (m *mentionFinder) longestGaz(k, j int) (int, schema.Match) {
	toks := m.toks()
	for e := min(j, k+8); e > k; e-- {
		if isConnector(toks[e-1].Norm) {
			continue
		}
		if match, ok := m.st.Gaz.Lookup(spanText(toks, k, e)); ok && match.Entry.Type != schema.Person {
			return e, match
		}
	}
	return k, schema.Match{}
}

// longestTitle returns the longest title starting at k within [k, j),
// accepting a plural last word ("leaders").
func (m *mentionFinder) longestTitle(k, j int) (int, schema.TitleInfo) {
	toks := m.toks()
	maxW := m.st.Gaz.MaxTitleWords()
	for e := min(j, k+maxW); e > k; e-- {
		if !isWord(toks[e-1].Norm) {
			continue
		}
		phrase := spanText(toks, k, e)
		if info, ok := m.st.Gaz.Title(phrase); ok {
			return e, info
		}
		last := toks[e-1].Norm
		if strings.HasSuffix(last, "s") && isWord(last) {
			for _, sing := range nounLemmas(last)[1:] {
				if info, ok := m.st.Gaz.Title(spanText(toks, k, e-1) + " " + sing); e-1 > k && ok {
					return e, info
				} else if e-1 == k {
					if info, ok := m.st.Gaz.Title(sing); ok {
						return e, info
					}
				}
			}
		}
	}
	return k, schema.TitleInfo{}
}

func (m *mentionFinder) addTitle(k, e int, info schema.TitleInfo) {
	for _, t := range m.s.Titles {
		if t.Start < e && k < t.End {
			return
		}
	}
	m.s.Titles = append(m.s.Titles, TitleSpan{Start: k, End: e, Text: spanText(m.toks(), k, e), Info: info})
}

// titleEndsAt reports whether a title span ends at token k.
func (m *mentionFinder) titleEndsAt(k int) bool {
	for _, t := range m.s.Titles {
		if t.End == k {
			return true
		}
	}
	return false
}

func (m *mentionFinder) add(mn Mention) {
	mn.Sent = m.si
	mn.Entity = -1
	mn.Text = spanText(m.toks(), mn.Start, mn.End)
	m.st.Mentions = append(m.st.Mentions, mn)
	m.s.Mentions = append(m.s.Mentions, len(m.st.Mentions)-1)
}

// addGaz adds a gazetteer mention; a capital after a locative preposition, or
// followed by ", Country", is a place rather than the country's government.
func (m *mentionFinder) addGaz(k, e int, match schema.Match) {
	if match.Via == schema.ViaDemonym && match.Entry.Type != schema.Country {
		return // "South American ally": an adjective, not a mention of a place
	}
	if match.Entry.Type == schema.Organization {
		if x := m.descriptorEnd(e); x > e {
			m.add(Mention{Start: k, End: x, Type: schema.Organization, Cue: "head"})
			return
		}
	}
	mn := Mention{Start: k, End: e, Type: match.Entry.Type, Entry: match.Entry, Via: match.Via, Cue: "gazetteer"}
	if match.Via == schema.ViaCapital && (m.locative(k, e) || m.basedIn(e)) {
		mn.Type = schema.Location
		mn.Locative = true
	}
	if seat := match.Entry.SeatOf; seat != nil {
		if m.placeReading(k, e) {
			mn.Locative = m.locative(k, e)
		} else {
			// "the Kremlin warned": the state whose government it houses.
			mn.Entry, mn.Type, mn.Via = seat, schema.Country, schema.ViaCapital
		}
	}
	m.add(mn)
}

// placeReading reports whether the seat of government named by [k, e) is
// the building rather than its occupant: after a locative preposition ("a
// meeting at the White House"), as the object of a verb of movement
// ("visited the Kremlin"), or modifying a noun that is no actor, person or
// title ("the White House lawn", "a Kremlin meeting"; but "White House
// officials", "a Kremlin spokesman").
func (m *mentionFinder) placeReading(k, e int) bool {
	toks := m.toks()
	if m.locative(k, e) {
		return true
	}
	v := k - 1
	if v >= 0 && toks[v].Tag == "DT" {
		v--
	}
	if v >= 0 && strings.HasPrefix(toks[v].Tag, "VB") {
		for _, l := range verbLemmas(toks[v].Norm) {
			if movementVerbs[l] {
				return true
			}
		}
	}
	if e < len(toks) && isNounTag(toks[e].Tag) && startsLower(toks[e].Norm) {
		n := strings.ToLower(toks[e].Norm)
		if x, _ := m.longestTitle(e, len(toks)); x > e {
			return false
		}
		return !actorHeads[n] && !personNouns[n] && !actorHeads[singular(n)]
	}
	return false
}

// movementVerbs take a place as their object: "visited the White House".
var movementVerbs = set("visit", "tour", "enter", "leave", "storm", "reach", "surround", "approach", "occupy", "evacuate", "guard", "picket")

// basedIn reports whether the name ending at e is the place of a
// compound "X-based" or "X-headquartered": "the Abuja-based bloc" names
// the city, not the state (but "Moscow-backed rebels" names the state).
func (m *mentionFinder) basedIn(e int) bool {
	toks := m.toks()
	if !isJoiningHyphen(toks, e) {
		return false
	}
	w := strings.ToLower(toks[e+1].Norm)
	return w == "based" || w == "headquartered"
}

// locative reports whether the span [k, e) names a place: after a locative
// preposition, before ", <Country>", or as a dateline.
func (m *mentionFinder) locative(k, e int) bool {
	toks := m.toks()
	if k > 0 {
		p := toks[k-1].Norm
		if k > 1 && toks[k-1].Tag == "DT" {
			p = toks[k-2].Norm
		}
		if locativePreps[strings.ToLower(p)] {
			return true
		}
	}
	if e+1 < len(toks) && toks[e].Norm == "," {
		if match, ok := m.st.Gaz.Lookup(toks[e+1].Norm); ok && match.Entry.Type == schema.Country && match.Via != schema.ViaDemonym && match.Via != schema.ViaCapital {
			return true
		}
		if isDateWord(strings.ToLower(toks[e+1].Norm)) && k == 0 {
			return true
		}
	}
	// the city's own people, offices and places: "the mayor of Caracas",
	// "a resident of Lima", "Quito's streets"
	if k >= 2 && strings.EqualFold(toks[k-1].Norm, "of") && cityNouns[strings.ToLower(toks[k-2].Norm)] {
		return true
	}
	if e+1 < len(toks) && toks[e].Norm == "'s" && cityNouns[strings.ToLower(toks[e+1].Norm)] {
		return true
	}
	// a dateline: "BRUSSELS (Reuters) -", "KYIV -"
	if k == 0 && isAllCaps(toks[k].Norm) && e < len(toks) && (toks[e].Norm == "(" || toks[e].Norm == "-" || toks[e].Norm == "--" || toks[e].Norm == ":") {
		return true
	}
	return false
}

// cityNouns belong to a city, not to the state it is the capital of: its
// offices, its people and its parts.
var cityNouns = set("mayor", "governor", "resident", "residents", "native", "natives", "inhabitant",
	"inhabitants", "people", "streets", "outskirts", "suburbs", "suburb", "centre", "center",
	"downtown", "heart", "city", "airport", "port", "neighbourhood", "neighborhood", "district",
	"districts", "council", "mayoralty", "municipality", "metro", "subway")

// addName adds a name that the gazetteer does not know, typed by its cues.
func (m *mentionFinder) addName(k, e int, typ schema.EntityType, cue string) {
	toks := m.toks()
	if e <= k {
		return
	}
	// A lone all-capitals word inside a sentence is emphasis ("must be STOPPED").
	if e-k == 1 && k > 0 && !m.sentenceInitial(k) && isAllCaps(toks[k].Norm) && utf8.RuneCountInString(toks[k].Norm) >= 5 {
		return
	}
	// A lone head word ("Office") is not a name.
	if e-k == 1 && (isOrgHead(toks[k].Norm) || placeHeads[strings.ToLower(toks[k].Norm)]) {
		if !legislatures[strings.ToLower(toks[k].Norm)] || m.sentenceInitial(k) || toks[k-1].Tag == "DT" {
			return
		}
		typ, cue = schema.Organization, "head" // "protesters near Congress"
	}
	// "Latin American allies": an adjective of origin before a noun.
	last := strings.ToLower(toks[e-1].Norm)
	if e < len(toks) && (strings.HasSuffix(last, "an") || strings.HasSuffix(last, "ese") || strings.HasSuffix(last, "ish")) {
		if nt := toks[e].Tag; (nt == "NN" || nt == "NNS" || nt == "JJ") && startsLower(toks[e].Norm) {
			return
		}
	}
	mn := Mention{Start: k, End: e, Type: typ, Cue: cue}
	// "Nazi Germany": a country's name at the end (but "Bank of Peru" is
	// a bank).
	for s := k + 1; s < e && mn.Entry == nil && typ == ""; s++ {
		if match, ok := m.st.Gaz.Lookup(spanText(toks, s, e)); ok && match.Entry.Type == schema.Country && (match.Via == schema.ViaName || match.Via == schema.ViaAlias) {
			mn.Entry, mn.Via, mn.Type, mn.Cue = match.Entry, match.Via, match.Entry.Type, "gazetteer"
		}
	}
	if mn.Type == "" {
		mn.Type, mn.Cue = m.nameCue(k, e)
	}
	if mn.Type == schema.Organization {
		mn.Qualified = m.qualify(k, e)
	}
	if m.headline {
		mn.Weak = true
	}
	if m.sentenceInitial(k) && e-k == 1 && mn.Cue != "title" && (toks[k].NER == "O" || toks[k].NER == "") {
		mn.Weak = true
	}
	if mn.Type == schema.Location && k > 0 && locativePreps[strings.ToLower(toks[k-1].Norm)] {
		mn.Locative = true
	}
	m.add(mn)
}

// allGeneric reports whether every word of [k, e) is a generic word of
// organisations' names ("a Foreign Ministry spokesman").
func (m *mentionFinder) allGeneric(k, e int) bool {
	for x := k; x < e; x++ {
		if !genericOrgWords[strings.ToLower(m.toks()[x].Norm)] {
			return false
		}
	}
	return true
}

// legislatures are head words that, capitalised alone and without an
// article, name a state's legislature: "a motion in Congress".
var legislatures = set("congress", "parliament", "senate")

// qualify returns the name of a generic organisation ("Foreign Ministry")
// with the country before it ("Colombia's", "Colombian"), or "".
func (m *mentionFinder) qualify(k, e int) string {
	toks := m.toks()
	if !m.allGeneric(k, e) {
		return ""
	}
	j := k
	if j > 0 && (toks[j-1].Norm == "'s" || toks[j-1].Norm == "'") {
		j--
	}
	for i := len(m.s.Mentions) - 1; i >= 0; i-- {
		p := m.st.Mentions[m.s.Mentions[i]]
		if p.End != j {
			continue
		}
		if p.Entry == nil || p.Entry.Type != schema.Country {
			return ""
		}
		adj := p.Entry.Name
		if len(p.Entry.Demonyms) > 0 {
			adj = p.Entry.Demonyms[0]
		}
		return adj + " " + spanText(toks, k, e)
	}
	return ""
}

// nameCue types a name by its context.
func (m *mentionFinder) nameCue(k, e int) (schema.EntityType, string) {
	toks := m.toks()
	last := strings.ToLower(toks[e-1].Norm)
	if m.titleBefore(k) || k > 0 && honorifics[strings.ToLower(trimDot(toks[k-1].Norm))] {
		return schema.Person, "title"
	}
	if m.appositiveTitle(e) {
		return schema.Person, "title"
	}
	if k >= 2 && toks[k-1].Norm == "," && appositiveNouns[strings.ToLower(toks[k-2].Norm)] {
		return schema.Person, "apposition" // "his Ugandan counterpart, Henry Okello-Oryem"
	}
	if k == 1 && strings.EqualFold(toks[0].Norm, "by") && len(toks) <= 6 {
		return schema.Person, "byline"
	}
	if isOrgHead(last) && e-k > 1 {
		return schema.Organization, "head"
	}
	if placeHeads[last] && e-k > 1 {
		return schema.Location, "head"
	}
	if e+1 < len(toks) && toks[e].Norm == "," {
		if match, ok := m.st.Gaz.Lookup(toks[e+1].Norm); ok && match.Entry.Type == schema.Country && match.Via != schema.ViaDemonym && match.Via != schema.ViaCapital {
			return schema.Location, "place-of"
		}
	}
	if t := m.classifierType(k, e); t != "" {
		return t, "classifier"
	}
	if e-k >= 2 && e-k <= 4 && nameShaped(toks[k:e]) {
		if _, ok := m.st.Gaz.GivenName(toks[k].Norm); ok {
			return schema.Person, "given-name" // "a message to Peter Njoroge"
		}
	}
	switch nerType(toks[k].NER) {
	case ner.PER:
		if k > 0 && placePreps[strings.ToLower(toks[k-1].Norm)] {
			// "killed civilians in El Fasher": people are not "in" or
			// "near" a name, places are (given names were tried above).
			return schema.Location, "locative"
		}
		return schema.Person, "ner"
	case ner.GPE, ner.LOC:
		if k > 0 && locativePreps[strings.ToLower(toks[k-1].Norm)] {
			return schema.Location, "ner"
		}
		return schema.Location, "ner-weak"
	case ner.ORG:
		return schema.Organization, "ner"
	}
	if k > 0 && locativePreps[strings.ToLower(toks[k-1].Norm)] {
		return schema.Location, "locative"
	}
	if e-k >= 2 && e-k <= 4 && nameShaped(toks[k:e]) {
		return schema.Person, "shape"
	}
	return "", ""
}

// Classifier nouns tell the kind of the name they stand next to: "the
// newspaper El Sol", "a construction company, Obras Andinas", "Banco
// Sur, a lender", "the ruling Unity party", "the economist Ana Ruiz".
var (
	orgClassifiers = set("newspaper", "daily", "weekly", "broadcaster", "channel", "outlet", "agency",
		"company", "firm", "group", "party", "bank", "lender", "insurer", "carrier", "airline",
		"manufacturer", "producer", "conglomerate", "militia", "movement", "union", "coalition",
		"alliance", "organisation", "organization", "charity", "watchdog", "publisher", "magazine",
		"startup", "retailer", "bloc", "faction", "consortium", "cartel", "gang", "regulator",
		"miner", "operator", "network", "tabloid", "broadsheet", "club", "foundation")
	personClassifiers = set("economist", "financier", "businessman", "businesswoman", "lawyer",
		"activist", "journalist", "photographer", "doctor", "student", "teacher", "farmer", "priest",
		"cleric", "politician", "banker", "tycoon", "billionaire", "entrepreneur", "engineer",
		"scientist", "researcher", "professor", "writer", "author", "poet", "artist", "singer",
		"actor", "actress", "athlete", "soldier", "pilot", "citizen", "national", "resident",
		"native", "man", "woman", "veteran", "dissident", "blogger", "analyst", "academic",
		"investor", "candidate", "mogul", "magnate", "businessperson", "nurse", "surgeon", "judge")
	placeClassifiers = set("city", "town", "village", "region", "province", "district", "port",
		"river", "island", "valley", "county", "municipality", "neighbourhood", "neighborhood",
		"suburb", "enclave", "capital", "resort", "oasis")
	// memberNouns after a name make it a body: "Carabinieri officers".
	memberNouns = set("officers", "agents", "troops", "members", "fighters", "militants",
		"guerrillas", "commandos", "investigators", "inspectors", "employees", "staff", "workers")
	// otherHeads end names of events, contests, laws and the like.
	otherHeads = set("cup", "games", "olympics", "championship", "championships", "festival", "award",
		"prize", "treaty", "accord", "accords", "act", "doctrine", "initiative", "expo", "biennale",
		"marathon", "tournament", "prix")
	// siteHeads end names of places: works and buildings.
	siteHeads = set("dam", "reservoir", "pass", "refinery", "mine", "crossing", "checkpoint",
		"monastery", "cathedral", "mosque", "temple", "church", "villa", "compound", "barracks",
		"oilfield", "gasfield", "pipeline", "terminal", "zoo", "museum")
)

// classifierType types the name [k, e) by a classifier noun next to it, by
// its head ("World Cup", "Nile Dam"), or by an age after it ("Ana Ruiz,
// 58,"); "" when there is none.
func (m *mentionFinder) classifierType(k, e int) schema.EntityType {
	toks := m.toks()
	last := strings.ToLower(toks[e-1].Norm)
	switch {
	case e-k > 1 && otherHeads[last]:
		return schema.Other
	case e-k > 1 && siteHeads[last]:
		return schema.Location
	}
	low := func(x int) string { return strings.ToLower(toks[x].Norm) }
	// Before the name: "the newspaper X", "a construction company, X".
	b := k - 1
	if b >= 1 && toks[b].Norm == "," {
		b--
	}
	// "... formed a party, Ana Ruiz said" is no apposition.
	reporting := b < k-1 && e < len(toks) && strings.HasPrefix(toks[e].Tag, "VB")
	if b >= 0 && !reporting && startsLower(toks[b].Norm) && isNounTag(toks[b].Tag) {
		if t := classifierKind(low(b)); t != "" && m.determined(b) {
			return t
		}
	}
	if m.employerBefore(k) {
		return schema.Organization
	}
	if e+1 < len(toks) && m.isJobTitle(low(e)) && startsLower(toks[e].Norm) && !startsLower(toks[e+1].Norm) {
		return schema.Organization // "Goldman Sachs analyst John Smith"
	}
	if e < len(toks) {
		n := low(e)
		// Right after it: "the Unity party", "Carabinieri officers".
		if startsLower(toks[e].Norm) && (orgClassifiers[n] || memberNouns[n]) && !(e+1 < len(toks) && isNounTag(toks[e+1].Tag) && startsLower(toks[e+1].Norm)) {
			return schema.Organization
		}
		if n == "," && e+2 < len(toks) {
			// An age: "Ana Ruiz, 58,".
			if a, err := strconv.Atoi(toks[e+1].Norm); err == nil && a >= 16 && a <= 110 && (toks[e+2].Norm == "," || toks[e+2].Norm == ".") {
				return schema.Person
			}
			// An apposition: "X, a lender that", "X, an Argentine financier".
			if d := low(e + 1); d == "a" || d == "an" || d == "the" {
				for x := e + 2; x < len(toks) && x <= e+5; x++ {
					if startsLower(toks[x].Norm) && isNounTag(toks[x].Tag) {
						if x+1 < len(toks) && isNounTag(toks[x+1].Tag) && startsLower(toks[x+1].Norm) {
							continue // "a construction company spokesman"
						}
						return classifierKind(low(x))
					}
					if !npTag(toks[x].Tag) {
						break
					}
				}
			}
		}
	}
	return ""
}

// employerBefore reports whether the name at k follows "at" after a job,
// within its noun phrase: "an analyst at X", "chief economist at X", "a
// professor of politics at X". People hold jobs at bodies, not at people.
func (m *mentionFinder) employerBefore(k int) bool {
	toks := m.toks()
	if k < 2 || !strings.EqualFold(toks[k-1].Norm, "at") {
		return false
	}
	for x := k - 2; x >= 0 && x >= k-5; x-- {
		w := strings.ToLower(toks[x].Norm)
		if m.isJobTitle(w) && startsLower(toks[x].Norm) {
			return true
		}
		if !npTag(toks[x].Tag) && w != "of" {
			return false
		}
	}
	return false
}

// isJobTitle reports whether the lower-case noun w is a title of
// employment (titles.tsv: "analyst", "economist", "chief executive").
func (m *mentionFinder) isJobTitle(w string) bool {
	t, ok := m.st.Gaz.Title(w)
	return ok && t.Predicate == schema.EmployeeOf
}

// classifierKind returns the kind of name a classifier noun stands for, or "".
func classifierKind(n string) schema.EntityType {
	switch {
	case orgClassifiers[n]:
		return schema.Organization
	case personClassifiers[n]:
		return schema.Person
	case placeClassifiers[n]:
		return schema.Location
	}
	return ""
}

// determined reports whether the noun at b heads a phrase with a
// determiner: "the newspaper", "a construction company", "the ruling
// party's".
func (m *mentionFinder) determined(b int) bool {
	toks := m.toks()
	for x := b - 1; x >= 0 && x >= b-4; x-- {
		switch {
		case toks[x].Tag == "DT" || toks[x].Tag == "PRP$" || toks[x].Norm == "'s":
			return true
		case !npTag(toks[x].Tag):
			return false
		}
	}
	return false
}

// nameShaped reports whether tokens look like a personal name: capitalised
// words of letters (with particles and hyphens), none all capitals.
func nameShaped(toks []Token) bool {
	for _, t := range toks {
		w := t.Norm
		if nameParticles[w] || w == "-" {
			continue
		}
		if !startsUpper(w) || isAllCaps(w) {
			return false
		}
		for _, r := range w {
			if !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '.' {
				return false
			}
		}
	}
	return true
}

// titleBefore reports whether a title precedes the name at k, directly or
// through a place and a comma: "President X", "the President of Colombia, X",
// "ambassador to the United States, X".
func (m *mentionFinder) titleBefore(k int) bool {
	toks := m.toks()
	covered := func(j int) bool {
		for _, mi := range m.s.Mentions {
			mn := m.st.Mentions[mi]
			if mn.Start <= j && j < mn.End && mn.Entry != nil {
				return true
			}
		}
		return false
	}
	for j := k - 1; j >= 0 && j >= k-8; j-- {
		if m.titleEndsAt(j + 1) {
			return true
		}
		n := strings.ToLower(toks[j].Norm)
		if (n == "," && j == k-1) || n == "the" || n == "of" || n == "to" || n == "for" || n == "'s" || covered(j) {
			continue
		}
		break
	}
	return false
}

// appositiveTitle reports whether a title follows the name ending at e after
// a comma: "Amina Wekesa, the President of Kenya".
func (m *mentionFinder) appositiveTitle(e int) bool {
	toks := m.toks()
	if e >= len(toks) || toks[e].Norm != "," {
		return false
	}
	for k := e + 1; k < len(toks) && k <= e+6; k++ {
		n := toks[k].Norm
		if n == "," || n == "." || n == ";" {
			return false
		}
		if x, _ := m.longestTitle(k, len(toks)); x > k {
			return true
		}
	}
	return false
}
