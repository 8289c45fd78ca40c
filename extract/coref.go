package extract

import (
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// Coreference within a document. The relater resolves, sentence by
// sentence and left to right, what each anaphor stands for: a personal
// pronoun the most salient person of compatible gender ("he", "her"), a
// plural pronoun the nearest plural phrase ("Kenya and Ethiopia ... they",
// "Kenyan troops ... their"), a role description the person the document
// gave that role ("the Kenyan leader", "his Ethiopian counterpart"), and
// "the administration" the state of the most salient leader or country.

// gender is a person's grammatical gender as the text shows it.
type gender int8

const (
	noGender gender = iota // unknown
	male
	female
)

// Pronoun classes and the words next to a name that give its gender.
var (
	malePronouns   = set("he", "him", "his", "himself")
	femalePronouns = set("she", "her", "hers", "herself")
	pluralPronouns = set("they", "them", "their", "theirs", "themselves")
	maleWords      = set("mr", "sir", "lord", "king", "prince", "emperor", "sheikh", "duke", "husband",
		"son", "brother", "father", "nephew", "uncle", "grandson", "grandfather", "widower",
		"spokesman", "chairman", "congressman", "businessman", "man", "boy")
	femaleWords = set("mrs", "ms", "miss", "madam", "dame", "lady", "queen", "princess", "empress",
		"sheikha", "duchess", "wife", "daughter", "sister", "mother", "niece", "aunt",
		"granddaughter", "grandmother", "widow", "spokeswoman", "chairwoman", "congresswoman",
		"businesswoman", "woman", "girl")
	// plural actor nouns stand, with a country or organisation before
	// them, for that actor: "Kenyan troops", "Ethiopia's officials".
	pluralActors = set("forces", "troops", "officials", "authorities", "soldiers", "diplomats",
		"lawmakers", "negotiators", "leaders", "prosecutors", "police", "militants", "fighters",
		"rebels", "ministers", "governments", "delegates", "envoys")
)

// pronounGender returns the gender a personal pronoun requires.
func pronounGender(w string) gender {
	switch {
	case malePronouns[w]:
		return male
	case femalePronouns[w]:
		return female
	}
	return noGender
}

// wordGender returns the gender a title, honorific or kinship word gives
// the person it names: "Mrs.", "Queen", "his wife".
func wordGender(w string) gender {
	w = strings.TrimSuffix(strings.ToLower(w), ".")
	if i := strings.LastIndexByte(w, ' '); i >= 0 {
		w = w[i+1:] // "First Lady", "Crown Prince"
	}
	switch {
	case maleWords[w]:
		return male
	case femaleWords[w]:
		return female
	}
	return noGender
}

// compatible reports whether a person of gender e may be called by a
// pronoun of gender p.
func compatible(e, p gender) bool { return e == noGender || p == noGender || e == p }

// initGenders reads each person's gender from the words around their
// names: an honorific or title before ("Mrs. Ortiz", "Queen Ana"), a kinship
// or role noun in apposition ("his wife, Ana Ortiz", "Ana Ortiz, his
// widow"). The first cue wins; a person with none takes the gender of a
// known given name ("Ana Ruiz").
func (rx *relater) initGenders() {
	rx.gender = map[int]gender{}
	for _, a := range rx.sents {
		for _, mi := range rx.st.Sentences[a.si].Mentions {
			mn := rx.st.Mentions[mi]
			if mn.Entity < 0 || rx.st.Entities[mn.Entity].Type != schema.Person || rx.gender[mn.Entity] != noGender {
				continue
			}
			rx.gender[mn.Entity] = rx.mentionGender(a, mn)
		}
	}
	for e, ent := range rx.st.Entities {
		if ent.Type == schema.Person && rx.gender[e] == noGender {
			rx.gender[e] = rx.givenGender(ent.Name)
		}
	}
}

// givenGender returns the gender the given name that starts a person's
// full name usually gives ("Ana Ruiz"), or noGender.
func (rx *relater) givenGender(name string) gender {
	first, _, full := strings.Cut(name, " ")
	if !full {
		return noGender
	}
	switch g, _ := rx.st.Gaz.GivenName(first); g {
	case schema.Male:
		return male
	case schema.Female:
		return female
	}
	return noGender
}

// mentionGender returns the gender the words around mention mn give.
func (rx *relater) mentionGender(a *sent, mn Mention) gender {
	if g := wordGender(a.low[mn.Start]); g != noGender {
		return g // "Mrs. Ortiz" read as one name
	}
	for _, t := range rx.st.Sentences[a.si].Titles {
		if t.End == mn.Start || t.End == mn.Start-1 && a.low[t.End] == "," {
			if g := wordGender(t.Text); g != noGender {
				return g
			}
		}
	}
	k := mn.Start - 1
	if k >= 1 && a.low[k] == "," {
		k--
	}
	if k >= 0 {
		if g := wordGender(a.low[k]); g != noGender {
			return g
		}
	}
	if e := mn.End; e+1 < len(a.toks) && a.low[e] == "," {
		for j := e + 1; j < len(a.toks) && j <= e+4 && a.low[j] != ","; j++ {
			if g := wordGender(a.low[j]); g != noGender {
				return g
			}
		}
	}
	return noGender
}

// personAntecedent resolves the personal pronoun at token k of sentence a
// to the most salient person of compatible gender, or -1. An object pronoun
// is not the subject of its own verb ("he invited him"); a pronoun inside a
// quotation is not its speaker ('"He lied," Ruto said'). A resolved pronoun
// gives its gender to a person whose gender was unknown.
func (rx *relater) personAntecedent(a *sent, k int) int {
	w := a.low[k]
	pg := pronounGender(w)
	ok := func(e int) bool {
		return rx.st.Entities[e].Type == schema.Person && compatible(rx.gender[e], pg)
	}
	ex := map[int]bool{}
	if personObjPronouns[w] {
		if p := a.prevGroup(k); p >= 0 {
			for _, e := range rx.argEntities(a, a.subject(p, 0)) {
				ex[e] = true
			}
		}
	}
	if a.quot[k] {
		for e := range rx.speakers(a) {
			ex[e] = true
		}
	}
	e := best(rx.salience(a.si, k, ok), ex)
	if e >= 0 && rx.gender[e] == noGender {
		rx.gender[e] = pg
	}
	return e
}

// argEntities returns the entities of named arguments and of pronouns
// already resolved.
func (rx *relater) argEntities(a *sent, args []arg) []int {
	var out []int
	for _, g := range args {
		if g.ent >= 0 {
			out = append(out, g.ent)
		} else if e, ok := rx.pron[[2]int{a.si, g.tok}]; ok && g.pron != "" {
			out = append(out, e)
		}
	}
	return out
}

// speakers returns the people sentence a reports as speaking: the subjects
// of its reporting verbs outside quotation marks ("Ruto said"), or the name
// after such a verb ("..., said Ruto").
func (rx *relater) speakers(a *sent) map[int]bool {
	out := map[int]bool{}
	for vi, g := range a.vgs {
		if !reportingVerbs[g.lemma] || a.quot[g.head] {
			continue
		}
		for _, e := range rx.argEntities(a, a.subject(vi, 0)) {
			out[e] = true
		}
		if g.end < len(a.toks) && a.ment[g.end] >= 0 {
			if e := rx.st.Mentions[a.ment[g.end]].Entity; e >= 0 {
				out[e] = true
			}
		}
	}
	return out
}

// pluralAntecedent resolves "they", "them" or "their" at token k of
// sentence a: the last plural phrase before it in this sentence or the two
// before (see lastPlural); nil when there is none.
func (rx *relater) pluralAntecedent(a *sent, k int) []int {
	for d := 0; d <= 2 && a.si-d >= 0; d++ {
		b := rx.sents[a.si-d]
		end := len(b.toks)
		if d == 0 {
			end = k
		}
		if ents := rx.lastPlural(b, end); len(ents) > 0 {
			return ents
		}
	}
	return rx.twoPeople(a, k)
}

// twoPeople returns, when this sentence before token k or the one before
// names two people or more ("Odhiambo met Tadesse. They agreed ..."), the
// two most salient of them; nil otherwise.
func (rx *relater) twoPeople(a *sent, k int) []int {
	named := map[int]bool{}
	for d := 0; d <= 1 && a.si-d >= 0; d++ {
		for _, mi := range rx.st.Sentences[a.si-d].Mentions {
			mn := rx.st.Mentions[mi]
			if mn.Entity >= 0 && rx.st.Entities[mn.Entity].Type == schema.Person && (d > 0 || mn.End <= k) {
				named[mn.Entity] = true
			}
		}
	}
	if len(named) < 2 {
		return nil
	}
	score := rx.salience(a.si, k, func(e int) bool { return named[e] })
	x := best(score, nil)
	y := best(score, map[int]bool{x: true})
	if x < 0 || y < 0 {
		return nil
	}
	return []int{x, y}
}

// lastPlural returns the entities of the last plural phrase of sentence b
// before token end: a coordination of names ("Odhiambo and Tadesse",
// "Kenya, Ethiopia and Somalia"), or a country or organisation with a plural
// actor noun ("Kenyan troops", "Ethiopia's officials").
func (rx *relater) lastPlural(b *sent, end int) []int {
	for k := end - 1; k >= 0; k-- {
		mi := b.ment[k]
		if mi < 0 {
			continue
		}
		m := rx.st.Mentions[mi]
		k = m.Start
		if !pluralKind(rx.st.Entities[m.Entity].Type) {
			continue
		}
		if ents := rx.conjuncts(b, m); len(ents) >= 2 {
			return ents
		}
		if rx.st.Entities[m.Entity].Type != schema.Person && rx.actorFollows(b, m.End, end) {
			return []int{m.Entity}
		}
	}
	return nil
}

// pluralKind reports whether entities of type t can be one side of "they".
func pluralKind(t schema.EntityType) bool {
	return t == schema.Person || t == schema.Country || t == schema.Organization
}

// conjuncts returns the entities of the coordination that mention m ends:
// m and the names joined to it on the left by "and", "or" or commas.
func (rx *relater) conjuncts(b *sent, m Mention) []int {
	ents := []int{m.Entity}
	seen := map[int]bool{m.Entity: true}
	k := m.Start
	for k >= 2 {
		j := k - 1
		if b.toks[j].Tag == "DT" {
			j--
		}
		if j < 1 || b.low[j] != "and" && b.low[j] != "or" && b.low[j] != "," {
			break
		}
		p := j - 1
		if b.low[j] == "and" && b.low[p] == "," {
			p-- // the serial comma
		}
		if p < 0 || b.ment[p] < 0 {
			break
		}
		pm := rx.st.Mentions[b.ment[p]]
		if !pluralKind(rx.st.Entities[pm.Entity].Type) {
			break
		}
		if !seen[pm.Entity] {
			seen[pm.Entity] = true
			ents = append([]int{pm.Entity}, ents...)
		}
		k = pm.Start
	}
	return ents
}

// actorFollows reports whether a plural actor noun follows token e (after
// a possessive and adjectives) before token end: "Kenyan troops",
// "Ethiopia's top officials".
func (rx *relater) actorFollows(b *sent, e, end int) bool {
	if e < end && (b.low[e] == "'s" || b.low[e] == "'") {
		e++
	}
	for e < end && (b.toks[e].Tag == "JJ" || b.toks[e].Tag == "HYPH") && b.ment[e] < 0 {
		e++
	}
	return e < end && b.ment[e] < 0 && pluralActors[b.low[e]]
}

// descAt reads the noun phrase whose head is the lower-case title noun at
// token k as a definite role description: "the Kenyan leader", "the U.S.
// president", "the foreign minister", "Ethiopia's prime minister", "his
// Ethiopian counterpart". It returns nil for an indefinite or plural phrase
// ("a minister", "ministers") and for one person's role in another's
// ("Ruto's spokesman").
func (rx *relater) descAt(a *sent, k int) *desc {
	if a.toks[k].Tag != "NN" || a.ment[k] >= 0 {
		return nil
	}
	d := &desc{of: -1}
	ts := k
	if a.low[k] == "counterpart" {
		d.title = "counterpart"
	} else if t, ok := rx.titleSpanAt(a, k); ok {
		d.title, d.pred, ts = t.Info.Phrase, t.Info.Predicate, t.Start
	} else {
		return nil
	}
	s := a.npStartAt(ts)
	definite := false
	poss := -1 // a possessive pronoun's token
	for j := s; j < ts; j++ {
		switch {
		case a.ment[j] >= 0:
			m := rx.st.Mentions[a.ment[j]]
			if rx.st.Entities[m.Entity].Type == schema.Person {
				return nil
			}
			d.of, definite = m.Entity, true
			j = m.End - 1
		case a.low[j] == "the" || a.low[j] == "'s":
			definite = true
		case a.toks[j].Tag == "DT":
			return nil
		case a.toks[j].Tag == "PRP$":
			poss, definite = j, true
		}
	}
	if !definite {
		return nil
	}
	if d.title == "counterpart" {
		// The counterpart holds, for the country named, the role the
		// possessor holds.
		if d.of < 0 || poss < 0 {
			return nil
		}
		if e, ok := rx.pron[[2]int{a.si, poss}]; ok && len(rx.roles[e]) > 0 {
			d.pred = rx.roles[e][0].pred
		}
		return d
	}
	if poss >= 0 {
		return nil // "his foreign minister": of the state he leads, not him
	}
	return d
}

// titleSpanAt returns the title span of sentence a that ends with token k.
func (rx *relater) titleSpanAt(a *sent, k int) (TitleSpan, bool) {
	for _, t := range rx.st.Sentences[a.si].Titles {
		if t.End == k+1 {
			return t, true
		}
	}
	return TitleSpan{}, false
}

// titleFits reports whether role r answers description d: the same title
// ("foreign minister", "Foreign Minister"), the same head noun and state
// ("minister", "Interior Minister"), a generic title of the same state
// ("leader", "President"), or any role of that kind for "counterpart".
func titleFits(d *desc, r role) bool {
	switch {
	case strings.EqualFold(r.title, d.title):
		return true
	case d.title == "counterpart":
		return d.pred == "" || d.pred == r.pred
	case d.pred != r.pred:
		return false
	}
	return isGenericTitle(d.title) || strings.EqualFold(lastWord(r.title), lastWord(d.title))
}

// lastWord returns the last word of a phrase.
func lastWord(s string) string {
	if i := strings.LastIndexAny(s, " -"); i >= 0 {
		return s[i+1:]
	}
	return s
}

// government resolves "the administration" or "the government" at token
// tok of sentence si: the state of the most salient leader or country in
// context, else the country the document names most; -1 if none. The
// state of an excluded leader is excluded too: "the administration
// sanctioned Tadesse" is not Tadesse's own government.
func (rx *relater) government(si, tok int, exclude map[int]bool) int {
	ex := map[int]bool{}
	for e := range exclude {
		ex[e] = true
		if c := rx.ledState(e); c >= 0 {
			ex[c] = true
		}
	}
	exclude = ex
	ok := func(e int) bool {
		t := rx.st.Entities[e].Type
		return t == schema.Country || t == schema.Person && rx.isLeader(e)
	}
	states := map[int]float64{}
	for e, s := range rx.salience(si, tok, ok) {
		if rx.st.Entities[e].Type == schema.Country {
			states[e] += s
			continue
		}
		if c := rx.ledState(e); c >= 0 {
			states[c] += s
		}
	}
	if c := best(states, exclude); c >= 0 {
		return c
	}
	b, bm := -1, 0
	for e, ent := range rx.st.Entities {
		if !exclude[e] && ent.Type == schema.Country && ent.Mentions > bm {
			b, bm = e, ent.Mentions
		}
	}
	return b
}

// ledState returns the country person e leads according to the text, or -1.
func (rx *relater) ledState(e int) int {
	for _, r := range rx.roles[e] {
		if r.pred == schema.LeaderOf && r.of >= 0 && rx.st.Entities[r.of].Type == schema.Country {
			return r.of
		}
	}
	return -1
}

// anchor records that entity e is referred to in sentence si by an anaphor
// (a pronoun, a description, "the two leaders"), so that a relation of
// that sentence may name it.
func (rx *relater) anchor(si, e int) { rx.anchored[[2]int{si, e}] = true }

// inSentence reports whether entity e is mentioned in sentence si, by name
// or by an anaphor resolved to it.
func (rx *relater) inSentence(si, e int) bool {
	if rx.anchored[[2]int{si, e}] {
		return true
	}
	for _, mi := range rx.st.Sentences[si].Mentions {
		if rx.st.Mentions[mi].Entity == e {
			return true
		}
	}
	return false
}
