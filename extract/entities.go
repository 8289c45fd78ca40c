package extract

import (
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// Resolver groups the mentions of a document into entities. Gazetteer
// mentions resolve to their entry ("U.S.", "America", "American" and
// "Washington" as an actor are one United States), except a capital named as
// a place ("in Caracas"), which is a Location of its own. Names resolve to
// the entity whose name contains them ("Trump" → "Donald Trump"), acronyms to
// the name they abbreviate ("AFP" → "Agence France-Presse"). An entity is
// named by its fullest form and typed by its strongest cue. Weak mentions
// only join entities that strong mentions established.
type Resolver struct{}

var _ Stage = Resolver{}

// Name returns "entities".
func (Resolver) Name() string { return "entities" }

// Run fills st.Entities and sets each mention's Entity.
func (Resolver) Run(st *State) error {
	r := resolver{st: st, byKey: map[string]int{}, of: map[int][]int{}, kin: map[int]bool{}}
	// Gazetteer mentions first, then longer names, then single words and
	// weak mentions, so that short forms find their full names.
	for mi := range st.Mentions {
		if st.Mentions[mi].Entry != nil {
			r.gazetteer(mi)
		}
	}
	r.qualifyGeneric()
	for mi := range st.Mentions {
		mn := &st.Mentions[mi]
		if mn.Entry == nil && !mn.Weak && len(r.words(mn)) > 1 {
			r.name(mi, true)
		}
	}
	for mi := range st.Mentions {
		mn := &st.Mentions[mi]
		if mn.Entry == nil && !mn.Weak && len(r.words(mn)) == 1 {
			r.name(mi, true)
		}
	}
	for mi := range st.Mentions {
		mn := &st.Mentions[mi]
		if mn.Entry == nil && mn.Weak {
			r.name(mi, false)
		}
	}
	r.finish()
	return nil
}

type resolver struct {
	st    *State
	ents  []*EntityInfo
	byKey map[string]int
	of    map[int][]int // entity → its mentions so far
	// kin marks the people introduced as another's relative: "his wife,
	// Ana Ortiz".
	kin map[int]bool
}

// nameOf returns the display form of a mention: typographic variants made plain.
func nameOf(mn *Mention) string {
	if mn.Qualified != "" {
		return strings.TrimSpace(schema.NormalizeText(mn.Qualified))
	}
	return strings.TrimSpace(schema.NormalizeText(mn.Text))
}

// words returns the folded words of a mention's name, particles left out;
// a qualified organisation counts with its country ("Peruvian Foreign
// Ministry").
func (r *resolver) words(mn *Mention) []string {
	var out []string
	for _, w := range strings.FieldsFunc(schema.Fold(nameOf(mn)), func(r rune) bool { return r == ' ' || r == '-' }) {
		if !nameParticles[w] {
			out = append(out, w)
		}
	}
	return out
}

func (r *resolver) attach(mi, ei int) {
	mn := &r.st.Mentions[mi]
	e := r.ents[ei]
	mn.Entity = ei
	r.of[ei] = append(r.of[ei], mi)
	e.Mentions++
	e.Forms[nameOf(mn)] = true
	if mi < e.First {
		e.First = mi
	}
	if e.votes == nil {
		e.votes = map[schema.EntityType]int{}
	}
	if w := cueWeight(mn.Cue); w > 0 && mn.Type != "" {
		if w > e.votes[mn.Type] {
			e.votes[mn.Type] = w
		}
		if mn.Cue == "ner" || mn.Cue == "ner-weak" {
			e.votes[mn.Type+"#"]++
		}
	}
}

// cueWeight ranks the evidence for a mention's type.
func cueWeight(cue string) int {
	switch cue {
	case "gazetteer":
		return 10
	case "title", "byline", "apposition":
		return 6
	case "head", "classifier":
		return 5
	case "place-of":
		return 4
	case "given-name":
		return 3
	case "ner":
		return 2
	case "ner-weak", "locative", "shape":
		return 1
	}
	return 0
}

func (r *resolver) newEntity(mi int, name string, typ schema.EntityType, entry *schema.Entry) int {
	mn := &r.st.Mentions[mi]
	e := &EntityInfo{Name: name, Type: typ, Entry: entry, Forms: map[string]bool{}, First: mi, tokens: r.words(mn)}
	r.ents = append(r.ents, e)
	return len(r.ents) - 1
}

func (r *resolver) gazetteer(mi int) {
	mn := &r.st.Mentions[mi]
	key, name, typ := "gaz:"+mn.Entry.Name, mn.Entry.Name, mn.Entry.Type
	if mn.Locative && mn.Entry.Type == schema.Country {
		name = nameOf(mn)
		key, typ = "loc:"+schema.Fold(name), schema.Location
	}
	ei, ok := r.byKey[key]
	if !ok {
		ei = r.newEntity(mi, name, typ, mn.Entry)
		if typ == schema.Location && mn.Entry.Type == schema.Country {
			r.ents[ei].Entry = nil
		}
		r.byKey[key] = ei
		r.byKey["fold:"+schema.Fold(name)] = ei
	}
	r.attach(mi, ei)
}

// name resolves a mention the gazetteer does not know; when create is false
// the mention only joins an existing entity.
func (r *resolver) name(mi int, create bool) {
	mn := &r.st.Mentions[mi]
	f := schema.Fold(nameOf(mn))
	if ei, ok := r.byKey["fold:"+f]; ok {
		r.attach(mi, ei)
		return
	}
	words := r.words(mn)
	if len(words) == 0 {
		return
	}
	if ei := r.parenthesised(mn); ei >= 0 {
		r.byKey["fold:"+f] = ei
		r.attach(mi, ei)
		return
	}
	best := -1
	for ei, e := range r.ents {
		if e.Entry != nil && e.Type != schema.Location {
			continue
		}
		if mn.Type == schema.Person && e.Type != "" && e.Type != schema.Person && e.votes[schema.Person] == 0 && cueWeight(mn.Cue) >= 5 {
			continue
		}
		if !r.kindsAgree(mn, e) {
			continue
		}
		if contains(e.tokens, words) || contains(words, e.tokens) && len(e.tokens) > 0 && sameLast(words, e.tokens) || acronymOf(mn.Text, e.Name) || acronymOf(e.Name, mn.Text) {
			if best < 0 || r.better(ei, best, mi) {
				best = ei
			}
		}
	}
	if best >= 0 {
		e := r.ents[best]
		if len(words) > len(e.tokens) {
			e.tokens = words
			if e.Entry == nil {
				e.Name = nameOf(mn)
			}
		}
		r.byKey["fold:"+f] = best
		r.attach(mi, best)
		return
	}
	if !create {
		return
	}
	ei := r.newEntity(mi, nameOf(mn), "", nil)
	r.kin[ei] = len(words) > 1 && r.kinApposition(mn)
	r.byKey["fold:"+f] = ei
	r.attach(mi, ei)
}

// qualifyGeneric names the generic organisations that no country
// qualifies ("the Interior Ministry", "Congress") by the document's home
// country: in a story about Peru, "Congress" is the Peruvian Congress.
func (r *resolver) qualifyGeneric() {
	entry := r.homeCountry()
	if entry == nil {
		return
	}
	r.st.Home = entry.Name
	adj := entry.Name
	if len(entry.Demonyms) > 0 {
		adj = entry.Demonyms[0]
	}
	for mi := range r.st.Mentions {
		mn := &r.st.Mentions[mi]
		if mn.Entry == nil && mn.Qualified == "" && mn.Type == schema.Organization && mn.Cue == "head" && allGenericWords(mn.Text) {
			mn.Qualified = adj + " " + mn.Text
		}
	}
}

// homeCountry returns the country a story is filed from, by its dateline
// ("ROME —", "LIMA, Peru (AP) —"), else the country it names most and
// more than any other; nil when none stands out.
func (r *resolver) homeCountry() *schema.Entry {
	for _, mn := range r.st.Mentions {
		if mn.Start == 0 && mn.Locative && mn.Entry != nil && mn.Via == schema.ViaCapital && isAllCaps(mn.Text) {
			return mn.Entry
		}
	}
	main, most, tie := -1, 0, false
	for ei, e := range r.ents {
		if e.Type != schema.Country || e.Entry == nil {
			continue
		}
		switch {
		case e.Mentions > most:
			main, most, tie = ei, e.Mentions, false
		case e.Mentions == most:
			tie = true
		}
	}
	if main < 0 || tie || most < 2 {
		return nil
	}
	return r.ents[main].Entry
}

// allGenericWords reports whether every word of name is a generic word of
// organisations' names ("Interior Ministry").
func allGenericWords(name string) bool {
	for _, w := range strings.Fields(name) {
		if !genericOrgWords[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// parenthesised returns the entity of the organisation named just before
// mention mn when mn is an acronym in parentheses after it ("the General
// Confederation of Workers of Peru (CGTP)"), whatever the order of its
// letters; -1 otherwise.
func (r *resolver) parenthesised(mn *Mention) int {
	toks := r.st.Sentences[mn.Sent].Tokens
	if mn.End-mn.Start != 1 || !isAllCaps(mn.Text) || mn.Start < 2 || toks[mn.Start-1].Norm != "(" ||
		mn.End >= len(toks) || toks[mn.End].Norm != ")" {
		return -1
	}
	for _, mi := range r.st.Sentences[mn.Sent].Mentions {
		p := r.st.Mentions[mi]
		if p.End == mn.Start-1 && p.Entity >= 0 && p.Entry == nil && r.ents[p.Entity].votes[schema.Organization] > 0 {
			return p.Entity
		}
	}
	return -1
}

// kinNouns name a relative, who may follow in apposition.
var kinNouns = set("wife", "husband", "son", "daughter", "brother", "sister", "father", "mother",
	"nephew", "niece", "cousin", "uncle", "aunt", "widow", "widower", "grandson", "granddaughter",
	"stepson", "stepdaughter")

// kinApposition reports whether mention mn stands in apposition to a
// possessed kinship noun: "his wife, Ana Ortiz", "Ortiz's son, Luis
// Ortiz", "Luis Ortiz, her brother".
func (r *resolver) kinApposition(mn *Mention) bool {
	toks := r.st.Sentences[mn.Sent].Tokens
	low := func(k int) string { return strings.ToLower(toks[k].Norm) }
	possessed := func(k int) bool { // the kinship noun at k has a possessor
		return k > 0 && (toks[k-1].Tag == "PRP$" || low(k-1) == "'s" || low(k-1) == "'")
	}
	if k := mn.Start - 2; k >= 0 && low(k+1) == "," && kinNouns[low(k)] && possessed(k) {
		return true
	}
	if k := mn.End + 2; k < len(toks) && low(mn.End) == "," && kinNouns[low(k)] && possessed(k) {
		return true
	}
	return false
}

// kindsAgree reports whether mention mn may join entity e: a name whose
// kind is certain (a gazetteer entry, an organisation's head word such as
// "University of Toronto") does not join an entity of another certain kind
// ("Toronto").
func (r *resolver) kindsAgree(mn *Mention, e *EntityInfo) bool {
	if cueWeight(mn.Cue) < 4 || mn.Type == "" {
		return true
	}
	for t, w := range e.votes {
		if w >= 4 && t != mn.Type && !strings.HasSuffix(string(t), "#") {
			return false
		}
	}
	return true
}

// better reports whether entity a is a better antecedent than entity b for
// the short name at mention mi: a person not introduced as someone's
// relative ("his wife, Ana Ortiz") before one who was, so that a bare
// "Ortiz" is the person the story is about; then one already named before
// mi; then the one named last.
func (r *resolver) better(a, b, mi int) bool {
	if r.kin[a] != r.kin[b] {
		return r.kin[b]
	}
	la, lb := r.lastMention(a, mi), r.lastMention(b, mi)
	if (la < mi) != (lb < mi) {
		return la < mi
	}
	return la > lb
}

// lastMention returns the latest mention index of entity ei before mi (or
// any, when none is before it), to prefer the most recent candidate.
func (r *resolver) lastMention(ei, mi int) int {
	last, any := -1, -1
	for _, k := range r.of[ei] {
		if k < mi && k > last {
			last = k
		}
		if k > any {
			any = k
		}
	}
	if last < 0 {
		return any
	}
	return last
}

// contains reports whether every word of part is in whole.
func contains(whole, part []string) bool {
	if len(part) == 0 || len(part) > len(whole) {
		return false
	}
	for _, p := range part {
		found := false
		for _, w := range whole {
			if w == p {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func sameLast(a, b []string) bool {
	return len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1]
}

// acronymOf reports whether short is the initials of long ("AFP",
// "Agence France-Presse").
func acronymOf(short, long string) bool {
	s := strings.ReplaceAll(short, ".", "")
	if len(s) < 2 || len(s) > 6 || !isAllCaps(s) {
		return false
	}
	var ini strings.Builder
	for _, w := range strings.FieldsFunc(long, func(r rune) bool { return r == ' ' || r == '-' }) {
		l := strings.ToLower(w)
		if l == "of" || l == "the" || l == "and" || l == "for" || l == "&" {
			continue
		}
		ini.WriteString(strings.ToUpper(w[:1]))
	}
	return ini.Len() >= 2 && ini.String() == s
}

// finish types and names the entities, drops empty ones, orders them by
// first mention and renumbers the mentions.
func (r *resolver) finish() {
	order := make([]int, 0, len(r.ents))
	for ei, e := range r.ents {
		if e.Mentions > 0 {
			order = append(order, ei)
		}
		if isAllCaps(e.Name) && len(e.Name) > 4 {
			// "KYIV" in a dateline: prefer the form written in running text
			for f := range e.Forms {
				if !isAllCaps(f) && schema.Fold(f) == schema.Fold(e.Name) {
					e.Name = f
				}
			}
		}
		if e.Entry != nil && e.Type != schema.Location {
			continue
		}
		if e.Type == "" || e.Entry == nil {
			e.Type = bestType(e.votes)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return r.ents[order[a]].First < r.ents[order[b]].First })
	renum := make(map[int]int, len(order))
	out := make([]*EntityInfo, 0, len(order))
	for _, ei := range order {
		renum[ei] = len(out)
		out = append(out, r.ents[ei])
	}
	for mi := range r.st.Mentions {
		mn := &r.st.Mentions[mi]
		if mn.Entity >= 0 {
			mn.Entity = renum[mn.Entity]
		}
	}
	r.st.Entities = out
}

// bestType picks the type with the strongest cue; among NER cues, the most
// frequent.
func bestType(votes map[schema.EntityType]int) schema.EntityType {
	best, bw := schema.Other, 0
	for _, t := range []schema.EntityType{schema.Person, schema.Organization, schema.Location, schema.Country, schema.Other} {
		w := votes[t]
		if w == 0 {
			continue
		}
		if w > bw || w == bw && w <= 2 && votes[t+"#"] > votes[best+"#"] {
			best, bw = t, w
		}
	}
	return best
}
