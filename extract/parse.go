package extract

import (
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// sent is the shallow analysis of one sentence: which mention covers each
// token, the verb groups, and methods to find noun phrases, subjects and
// objects around a word. It is a chunker, not a parser: it reads the tags
// left to right with a few rules of English clause structure.
type sent struct {
	st   *State
	si   int
	toks []Token
	low  []string // lower-cased normalised token text
	ment []int    // token → mention index in State.Mentions, or -1
	vgs  []vgroup
	vgAt []int // token → verb group index, or -1
	quot []bool
	ttl  []bool  // token inside a title ("Secretary of State")
	kids [][]int // token → its dependents in the tree, in order
	// covered marks the object nouns a verb trigger phrase consumed
	// ("talks" of "hold talks").
	covered []bool
}

// vgroup is a verb group: auxiliaries, adverbs and a main verb ("has long
// been", "will meet", "to visit", "was captured").
type vgroup struct {
	start, end int // token span, end exclusive
	head       int // the main verb
	lemma      string
	finite     bool
	inf        bool // "to VB"
	passive    bool
	neg        bool
	modal      string // first modal, lower case ("will", "would", "'d")
	perfect    bool
}

func isVerbTag(t string) bool { return strings.HasPrefix(t, "VB") || t == "MD" }

func isNounTag(t string) bool { return strings.HasPrefix(t, "NN") }

// npTag reports whether a tag can be part of a noun phrase.
func npTag(t string) bool {
	switch t {
	case "DT", "PDT", "PRP$", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "POS", "HYPH", "FW":
		return true
	}
	return false
}

func newSent(st *State, si int) *sent {
	s := &st.Sentences[si]
	a := &sent{st: st, si: si, toks: s.Tokens}
	n := len(s.Tokens)
	a.low = make([]string, n)
	a.ment = make([]int, n)
	a.vgAt = make([]int, n)
	a.quot = make([]bool, n)
	a.ttl = make([]bool, n)
	a.covered = make([]bool, n)
	for _, t := range s.Titles {
		for k := t.Start; k < t.End && k < n; k++ {
			a.ttl[k] = true
		}
	}
	inQ := false
	for i, t := range s.Tokens {
		a.low[i] = strings.ToLower(t.Norm)
		a.ment[i] = -1
		a.vgAt[i] = -1
		if t.Tag == "``" {
			inQ = true
		}
		a.quot[i] = inQ
		if t.Tag == "''" {
			inQ = false
		}
	}
	for _, mi := range s.Mentions {
		mn := st.Mentions[mi]
		if mn.Entity < 0 {
			continue
		}
		for k := mn.Start; k < mn.End && k < n; k++ {
			a.ment[k] = mi
		}
	}
	a.verbGroups()
	a.buildKids()
	return a
}

// isVerb reports whether token i acts as a verb.
func (a *sent) isVerb(i int) bool {
	if a.ment[i] >= 0 {
		return false
	}
	t := a.toks[i].Tag
	if isVerbTag(t) {
		return true
	}
	return false
}

// verbGroups groups auxiliaries, adverbs and verbs.
func (a *sent) verbGroups() {
	n := len(a.toks)
	for i := 0; i < n; {
		start := i
		inf := false
		if a.low[i] == "to" && i+1 < n && (a.toks[i+1].Tag == "VB" || a.toks[i+1].Tag == "RB" && i+2 < n && a.toks[i+2].Tag == "VB") {
			inf = true
			i++
			for i < n && a.toks[i].Tag == "RB" {
				i++
			}
		}
		if !a.isVerb(i) {
			if inf {
				i = start + 1
				continue
			}
			i++
			continue
		}
		g := vgroup{start: start, inf: inf}
		j := i
		for j < n {
			if a.isVerb(j) {
				g.head = j
				j++
				continue
			}
			if (a.toks[j].Tag == "RB" || a.low[j] == "not" || a.low[j] == "n't") && j+1 < n && (a.isVerb(j+1) || a.toks[j+1].Tag == "RB" && j+2 < n && a.isVerb(j+2)) {
				j++
				continue
			}
			break
		}
		g.end = j
		a.fillGroup(&g)
		for k := g.start; k < g.end; k++ {
			a.vgAt[k] = len(a.vgs)
		}
		a.vgs = append(a.vgs, g)
		i = j
	}
}

func (a *sent) fillGroup(g *vgroup) {
	first := -1
	be := false
	for k := g.start; k < g.end; k++ {
		w := a.low[k]
		t := a.toks[k].Tag
		if w == "not" || w == "n't" || w == "never" {
			g.neg = true
		}
		if !isVerbTag(t) {
			continue
		}
		if first < 0 {
			first = k
		}
		if t == "MD" && g.modal == "" {
			g.modal = w
		}
		l := lemmaOf(w, nil)
		if l == "be" || l == "get" {
			be = true
		}
		if l == "have" && k < g.head {
			g.perfect = true
		}
	}
	head := a.low[g.head]
	g.lemma = lemmaOf(head, knownVerbs(a.st.Gaz))
	ht := a.toks[g.head].Tag
	if first >= 0 {
		ft := a.toks[first].Tag
		g.finite = !g.inf && (ft == "VBD" || ft == "VBZ" || ft == "VBP" || ft == "MD")
		if ft == "VB" && !g.inf && first > 0 {
			// "he 'd invited" tagged oddly, or an imperative; treat a bare verb
			// after a subject as finite.
			p := a.toks[first-1].Tag
			g.finite = p == "PRP" || p == "NNP" || p == "NNS" || p == "NN"
		}
	}
	g.passive = be && ht == "VBN" && g.head > g.start && head != "been"
	if g.modal == "'d" && (ht == "VBN" || ht == "VBD") {
		g.modal = "" // "he'd invited": had
		g.perfect = true
	}
	if ht == "VBN" && !be && !g.perfect && g.start == g.head && !g.inf {
		// A bare participle: after a noun it is a reduced passive ("sanctions
		// imposed by"); after a name or pronoun it is a past tense the tagger
		// got wrong.
		if g.start > 0 {
			p := a.toks[g.start-1].Tag
			if p == "NNP" || p == "NNPS" || p == "PRP" || a.ment[g.start-1] >= 0 {
				g.finite = true
			} else if p == "NN" || p == "NNS" {
				g.passive = true
			}
		}
	}
}

// knownVerbs returns the base forms the lemmatiser prefers.
func knownVerbs(*schema.Gazetteer) map[string]bool { return verbLexicon }

// verbLexicon lists base forms the lemmatiser should prefer: the verb classes
// of words.go and the modality and threat verbs. Trigger verbs are looked
// up form by form.
var verbLexicon = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range []map[string]bool{reportingVerbs, lightVerbs, copulaVerbs, labelVerbs, controlVerbs, plannedVerbs, negVerbs, hypoVerbs, threatVerbs} {
		for w := range s {
			m[w] = true
		}
	}
	return m
}()

// npStartAt returns the start of the noun phrase ending at end (exclusive),
// or end when token end-1 is not part of one.
func (a *sent) npStartAt(end int) int {
	k := end
	for k > 0 && a.inNP(k-1) {
		k--
	}
	return k
}

// npEndAt returns the end of the noun phrase starting at start.
func (a *sent) npEndAt(start int) int {
	k := start
	for k < len(a.toks) && a.inNP(k) {
		if a.toks[k].Tag == "PRP" {
			return k + 1
		}
		k++
	}
	return k
}

// inNP reports whether token k can be inside a noun phrase.
func (a *sent) inNP(k int) bool {
	if a.ment[k] >= 0 || a.ttl[k] {
		return true
	}
	t := a.toks[k].Tag
	if a.low[k] == "'" && k > 0 && (a.ment[k-1] >= 0 || isNounTag(a.toks[k-1].Tag)) && k+1 < len(a.toks) && (npTag(a.toks[k+1].Tag) || a.ment[k+1] >= 0) {
		return true // plural possessive: "the United States' operation"
	}
	if inCompound(a.toks, k) && a.toks[k].Tag != "VB" {
		return true // "left-wing", "long-time"
	}
	if npTag(t) {
		if t == "DT" && (a.low[k] == "that" || a.low[k] == "which") {
			return false
		}
		return true
	}
	if t == "PRP" {
		return true
	}
	if (t == "VBN" || t == "VBG") && k > 0 && k+1 < len(a.toks) {
		p, nx := a.toks[k-1].Tag, a.toks[k+1].Tag
		if (p == "DT" || p == "PRP$" || p == "JJ" || p == "POS") && (isNounTag(nx) || nx == "JJ") {
			return true
		}
	}
	return false
}

// arg is a candidate argument of a relation: one or more entities, or a
// pronoun to resolve.
type arg struct {
	ent  int    // entity index, or -1
	pron string // a pronoun to resolve ("he", "him", "his", "it")
	desc *desc  // a definite description to resolve ("the Colombian leader")
	pair string // "the two leaders": the two most salient entities of a kind
	tok  int    // where it is in the sentence
	conf float64
	// actor marks an entity that a noun of its agents stands for ("Russian
	// diplomats"): expelling them expels that state.
	actor bool
}

// desc is a definite description: a title with an optional affiliation.
type desc struct {
	title string
	pred  string
	of    int // entity index of the affiliation, or -1
}

// npArgs returns the arguments a noun phrase [s, e) denotes. subject selects
// how modifiers count: a subject "U.S. forces" stands for the United States
// only because "forces" is an actor noun, while an object's first entity is
// its target ("US military actions").
func (a *sent) npArgs(s, e int, subject bool) []arg {
	if s >= e {
		return nil
	}
	// Coordination: "he and Petro", "Bogotá and Washington".
	var out []arg
	cs := s
	for k := s; k <= e; k++ {
		if k == e || a.low[k] == "and" || a.low[k] == "or" || (a.low[k] == "," && k+1 < e) {
			if k > cs {
				out = append(out, a.conjunctArgs(cs, k, subject)...)
			}
			cs = k + 1
		}
	}
	return out
}

// conjunctArgs analyses one conjunct of a noun phrase.
func (a *sent) conjunctArgs(s, e int, subject bool) []arg {
	// Trim determiners and quotes at the edges.
	for e > s && (a.toks[e-1].Tag == "''" || a.toks[e-1].Tag == "``" || a.low[e-1] == ",") {
		e--
	}
	if e <= s {
		return nil
	}
	head := e - 1
	if mi := a.ment[head]; mi >= 0 {
		m := a.st.Mentions[mi]
		// "Trump's" as a whole phrase is the possessor, not the head; "the
		// United States" is the head.
		return []arg{{ent: m.Entity, tok: m.Start, conf: 1}}
	}
	hw := a.low[head]
	if a.toks[head].Tag == "PRP$" && e-s == 1 && (hw == "her" || hw == "him") {
		return []arg{{ent: -1, pron: hw, tok: head, conf: 0.8}} // "invited her to"
	}
	if a.toks[head].Tag == "PRP" {
		if personPronouns[hw] || thingPronouns[hw] || pluralPronouns[hw] {
			return []arg{{ent: -1, pron: hw, tok: head, conf: 0.8}}
		}
		return nil
	}
	// "the two met": the two people, else the two countries, just named.
	if e-s == 2 && a.low[s] == "the" && hw == "two" && a.toks[head].Tag == "CD" {
		return []arg{{ent: -1, pair: "two", tok: head, conf: 0.6}}
	}
	// "the two leaders", "both leaders".
	if (s+1 < e) && (a.low[head-1] == "two" || a.low[s] == "both") && isNounTag(a.toks[head].Tag) {
		switch hw {
		case "leaders", "men", "presidents", "foes", "rivals", "women", "sides", "countries", "nations", "governments", "allies", "neighbors", "neighbours":
			kind := "person"
			if hw == "countries" || hw == "nations" || hw == "governments" || hw == "sides" || hw == "neighbors" || hw == "neighbours" {
				kind = "country"
			}
			return []arg{{ent: -1, pair: kind, tok: head, conf: 0.6}}
		}
	}
	// Possessor and premodifier mentions.
	poss, pre := -1, -1
	possTok := -1
	for k := s; k < head; k++ {
		if mi := a.ment[k]; mi >= 0 {
			m := a.st.Mentions[mi]
			if m.End < e && (a.low[m.End] == "'s" || a.low[m.End] == "'") {
				poss, possTok = m.Entity, m.Start
			} else if pre < 0 {
				pre = m.Entity
			}
			k = m.End - 1
			continue
		}
		if a.toks[k].Tag == "PRP$" && possPronouns[a.low[k]] {
			poss, possTok = -2, k
		}
	}
	// An actor noun, or an event noun whose doer the modifier names ("a
	// Chilean air strike killed X"), stands for that entity.
	actor := actorHeads[hw] || subject && a.eventNoun(head)
	// A title head is a definite description: "the Colombian leader".
	if tinfo, ok := a.st.Gaz.Title(hw); ok && a.toks[head].Tag == "NN" && (a.low[s] == "the" || poss >= 0 || pre >= 0 && head-s == 1 && startsLower(a.toks[head].Norm)) {
		of := pre
		if poss >= 0 {
			of = poss
		}
		if of >= 0 && a.st.Entities[of].Type != schema.Person || of < 0 && poss == -1 && a.low[s] == "the" && !a.ranked(s, head) {
			// "the Colombian leader", "Chile's president", "the foreign minister"
			return []arg{{ent: -1, desc: &desc{title: tinfo.Phrase, pred: tinfo.Predicate, of: of}, tok: head, conf: 0.7}}
		}
	}
	if hw == "counterpart" && poss == -2 && pre >= 0 && a.st.Entities[pre].Type != schema.Person {
		// "his Ethiopian counterpart": the holder, for that state, of the
		// possessor's role.
		return []arg{{ent: -1, desc: &desc{title: "counterpart", of: pre}, tok: head, conf: 0.7}}
	}
	if _, isTitle := a.st.Gaz.Title(hw); personNouns[hw] || isTitle && a.toks[head].Tag == "NN" {
		// "his wife", "a senior Hezbollah commander": a person, not the modifier
		poss = -1
		pre = -1
	}
	switch {
	case poss >= 0 && (actor || !subject):
		return []arg{{ent: poss, tok: possTok, conf: 0.85, actor: actorHeads[hw]}}
	case poss == -2 && (actor || !subject):
		return []arg{{ent: -1, pron: a.low[possTok], tok: possTok, conf: 0.7}}
	case pre >= 0 && (actor || !subject):
		return []arg{{ent: pre, tok: s, conf: 0.8, actor: actorHeads[hw]}}
	case poss < 0 && pre < 0 && e-s == 2 && a.low[s] == "the" && bareGovernments[hw]:
		// "the administration", "the junta": the government the article
		// is about.
		return []arg{{ent: -1, pair: "government", tok: head, conf: 0.6}}
	}
	return nil
}

// ranked reports whether a superlative or ordinal modifies the phrase
// [s, head): "the first woman president" ranks a holder, it does not refer back to one.
func (a *sent) ranked(s, head int) bool {
	for k := s; k < head; k++ {
		if a.toks[k].Tag == "JJS" || rankWords[a.low[k]] {
			return true
		}
	}
	return false
}

// rankWords order the holders of a role.
var rankWords = set("first", "second", "third", "last", "only", "next", "youngest", "oldest")

// eventNoun reports whether the common noun at k names an event of the
// trigger lexicon ("strike", "raid", "talks").
func (a *sent) eventNoun(k int) bool {
	if a.st.Gaz == nil || !isNounTag(a.toks[k].Tag) {
		return false
	}
	for _, l := range nounLemmas(a.low[k]) {
		if len(a.st.Gaz.Triggers(l, "noun")) > 0 {
			return true
		}
	}
	return false
}

// singular returns the singular of a plural noun.
func singular(w string) string {
	c := nounLemmas(w)
	return c[len(c)-1]
}

// apposition reports whether the comma at k closes an apposition ", X ,"
// (a phrase with no verb) and returns the opening comma and, when X is one
// person's name, its entity (else -1).
func (a *sent) apposition(k int) (int, int) {
	if k < 1 || a.low[k] != "," {
		return -1, -1
	}
	for j := k - 1; j >= 1 && j >= k-12; j-- {
		if a.vgAt[j] >= 0 || a.low[j] == ";" || a.low[j] == ":" || a.toks[j].Tag == "``" || a.toks[j].Tag == "''" {
			return -1, -1
		}
		if a.low[j] != "," {
			continue
		}
		if j == k-1 {
			return -1, -1
		}
		name := -1
		if mi := a.ment[j+1]; mi >= 0 && a.st.Mentions[mi].End == k {
			if e := a.st.Mentions[mi].Entity; e >= 0 && a.st.Entities[e].Type == schema.Person {
				name = e
			}
		}
		for x := j + 1; x < k; x++ {
			if !a.inNP(x) && a.toks[x].Tag != "IN" && a.toks[x].Tag != "RB" {
				return -1, -1
			}
		}
		return j, name
	}
	return -1, -1
}

// relativeOpen returns, for a comma at k that closes a relative clause
// (", who ... ," or ", which ... ,", with any apposition inside: ", who was
// joined by his wife, Ana Ortiz,"), the index of the comma that opens it;
// -1 otherwise.
func (a *sent) relativeOpen(k int) int {
	if k < 0 || a.low[k] != "," {
		return -1
	}
	last := k // the comma after the segment being read
	for j := k - 1; j >= 1 && j >= k-30; j-- {
		switch a.low[j] {
		case ",":
			if !a.npSpan(j+1, last) {
				return -1
			}
			last = j
		case ";", ":":
			return -1
		case "who", "which":
			if a.low[j-1] == "," {
				return j - 1
			}
			return -1
		}
	}
	return -1
}

// npSpan reports whether tokens [s, e) form one noun phrase.
func (a *sent) npSpan(s, e int) bool {
	if s >= e {
		return false
	}
	for k := s; k < e; k++ {
		if !a.inNP(k) {
			return false
		}
	}
	return true
}

// participialOpen returns, for a comma at k that closes a participial
// phrase after a noun phrase (", accompanied by her husband, X,", ",
// flanked by officers,"), the index of the comma that opens it; -1
// otherwise. Such a phrase is no argument of the verb after it.
func (a *sent) participialOpen(k int) int {
	if k < 2 || a.low[k] != "," {
		return -1
	}
	for j := k - 1; j >= 1 && j >= k-20; j-- {
		if vi := a.vgAt[j]; vi >= 0 && a.vgs[vi].finite || a.low[j] == ";" || a.low[j] == ":" || a.quot[j] {
			return -1
		}
		if a.low[j] == "," && j+1 < k {
			if t := a.toks[j+1].Tag; (t == "VBN" || t == "VBG") && a.inNP(j-1) {
				return j
			}
		}
	}
	return -1
}

// skipBack moves k left past adverbs, a parenthetical ", adv ," and a
// relative clause ", who ... ,".
func (a *sent) skipBack(k int) int {
	for k >= 0 {
		if o := a.relativeOpen(k); o > 0 && a.inNP(o-1) {
			k = o - 1
			continue
		}
		if o := a.participialOpen(k); o > 0 {
			k = o - 1
			continue
		}
		if a.toks[k].Tag == "RB" && a.vgAt[k] < 0 {
			k--
			continue
		}
		// a time phrase: "agreed on Tuesday to", "said Friday he", "next week"
		if (a.low[k] == "week" || a.low[k] == "month" || a.low[k] == "year" || a.low[k] == "weekend") && k > 0 && (a.low[k-1] == "next" || a.low[k-1] == "last" || a.low[k-1] == "this") {
			k -= 2
			continue
		}
		if isDateWord(a.low[k]) && a.ment[k] < 0 {
			k--
			for k >= 0 && (a.low[k] == "on" || a.low[k] == "in" || a.low[k] == "last" || a.low[k] == "next" || a.low[k] == "this" || a.low[k] == "early" || a.low[k] == "late") {
				k--
			}
			continue
		}
		if a.low[k] == "," {
			// ", meanwhile," or ", who ... ," with no verb inside
			j := k - 1
			for j >= 0 && j >= k-6 && a.low[j] != "," {
				if a.vgAt[j] >= 0 && a.low[j] != "meanwhile" {
					break
				}
				j--
			}
			if j >= 0 && j < k-1 && a.low[j] == "," && j >= k-6 {
				inner := true
				for x := j + 1; x < k; x++ {
					if a.vgAt[x] >= 0 || a.ment[x] >= 0 {
						inner = false
					}
				}
				if inner {
					k = j - 1
					continue
				}
			}
		}
		break
	}
	return k
}

// subject returns the arguments of the subject of verb group gi: the noun
// phrase before it, the antecedent of "who"/"which"/"that", the subject of
// the verb it is coordinated with or controlled by.
func (a *sent) subject(gi int, depth int) []arg {
	args := a.chunkSubject(gi, depth)
	if len(args) == 0 && depth == 0 {
		args = a.treeSubject(gi)
	}
	return args
}

// treeSubject returns the subject of verb group gi that the dependency tree
// gives, read as a noun phrase by subjectNP: the nsubj (or nsubj:pass) of
// its main verb, before it, up to the end of that word's subtree. The tree
// reaches subjects the left-to-right rules lose, as across a participle
// clause ("Pablo Soto, speaking in Lima after the vote, accused Peru").
func (a *sent) treeSubject(gi int) []arg {
	g := a.vgs[gi]
	if a.toks[g.head].Deprel == "" {
		return nil
	}
	for k := g.start - 1; k >= 0; k-- {
		t := a.toks[k]
		if t.Head != g.head || t.Deprel != "nsubj" && t.Deprel != "nsubj:pass" {
			continue
		}
		end := k + 1
		for end < g.start && a.dominates(k, end) {
			end++
		}
		for end > k+1 && !a.inNP(end-1) {
			end--
		}
		if !a.inNP(end - 1) {
			return nil
		}
		return a.subjectNP(end, 0.8)
	}
	return nil
}

// dominates reports whether token d lies in the subtree of token h.
func (a *sent) dominates(h, d int) bool {
	for n := 0; d >= 0 && n <= len(a.toks); n++ {
		if d == h {
			return true
		}
		d = a.toks[d].Head
	}
	return false
}

// chunkSubject finds the subject of verb group gi with the chunker's rules.
func (a *sent) chunkSubject(gi int, depth int) []arg {
	if depth > 4 {
		return nil
	}
	g := a.vgs[gi]
	k := a.skipBack(g.start - 1)
	if k < 0 {
		return nil
	}
	if o, name := a.apposition(k); o > 0 && a.inNP(o-1) {
		// "Gustavo Petro, the President of Colombia, said"; "Marchenko and
		// his Polish counterpart, Piotr Nowak, agreed".
		args := a.subjectNP(o, 1)
		if name >= 0 && len(args) == 1 && args[0].desc != nil {
			// "the outgoing president, Jorge Matos,": the name says who.
			args = nil
		}
		if name >= 0 && (len(args) == 0 || personNouns[a.low[o-1]]) {
			args = append(args, arg{ent: name, tok: o + 1, conf: 0.9})
		}
		return args
	}
	w := a.low[k]
	switch {
	case w == "who" || w == "which" || (w == "that" && a.toks[k].Tag == "WDT"):
		j := k - 1
		if j >= 0 && a.low[j] == "," {
			j--
		}
		if j < 0 || !a.inNP(j) {
			return nil
		}
		return a.subjectNP(j+1, 0.9)
	case a.inNP(k):
		if g.inf {
			// "invited Petro to visit", "called on Kenya to release", "for
			// Petro to visit": the object is the subject. After a phrase
			// that is no object ("travel to Beirut next week to meet") the
			// main clause's subject is; "the operation to remove" has none.
			s := a.npStartAt(k + 1)
			// "called X to congratulate him": X was phoned, not asked.
			object := s > 0 && (a.vgAt[s-1] >= 0 && a.vgs[a.vgAt[s-1]].lemma != "call" || a.low[s-1] == "for" ||
				(a.toks[s-1].Tag == "IN" || a.toks[s-1].Tag == "RP") && s > 1 && a.vgAt[s-2] >= 0 && a.low[s-1] != "to")
			if object && a.entityish(k) {
				return a.subjectNP(k+1, 0.85)
			}
			if object || actorHeads[a.low[k]] || a.ment[k] < 0 && isNounTag(a.toks[k].Tag) && s > 0 && a.toks[s-1].Tag != "IN" && a.toks[s-1].Tag != "TO" {
				return nil
			}
			return a.governing(gi, depth, true)
		}
		if !g.finite && a.toks[g.head].Tag == "VBG" {
			if args := a.subjectNP(k+1, 0.85); len(args) > 0 {
				return args
			}
			return a.governing(gi, depth, false)
		}
		return a.subjectNP(k+1, 1)
	case w == "and" || w == "or" || w == "but" || w == ",":
		p := a.prevGroup(k)
		for g.finite && p >= 0 && !a.vgs[p].finite {
			p = a.prevGroup(a.vgs[p].start)
		}
		if p >= 0 {
			if args := a.subject(p, depth+1); len(args) > 0 {
				return scale(args, 0.9)
			}
		}
	case a.vgAt[k] >= 0 && g.inf:
		// "threatened to order": the subject of the controlling verb.
		return scale(a.subject(a.vgAt[k], depth+1), 0.9)
	}
	if !g.finite {
		return a.governing(gi, depth, true)
	}
	return nil
}

// governing returns the subject of the nearest finite verb group before gi;
// with mainOnly, of the nearest one not inside a subordinate clause (a
// participle after a comma belongs to the main clause).
func (a *sent) governing(gi, depth int, mainOnly bool) []arg {
	for p := gi - 1; p >= 0; p-- {
		if a.vgs[p].finite && !(mainOnly && a.subordinate(p)) {
			return scale(a.subject(p, depth+1), 0.8)
		}
	}
	return nil
}

// subordinate reports whether verb group p is introduced by a subordinator
// or relative pronoun since the verb group before it.
func (a *sent) subordinate(p int) bool {
	from := 0
	if p > 0 {
		from = a.vgs[p-1].end
	}
	for k := from; k < a.vgs[p].start; k++ {
		switch a.low[k] {
		case "that", "which", "who", "whom", "whose", "because", "if", "whether", "after", "before", "while", "when", "since", "although", "though", "unless", "until", "where":
			if a.low[k] != "that" || a.toks[k].Tag != "DT" {
				return true
			}
		}
	}
	return false
}

// entityish reports whether token k belongs to an entity mention or a pronoun.
func (a *sent) entityish(k int) bool {
	return a.ment[k] >= 0 || a.toks[k].Tag == "PRP" && (personPronouns[a.low[k]] || thingPronouns[a.low[k]] || pluralPronouns[a.low[k]])
}

// subjectNP returns the arguments of the subject phrase ending at end: a
// coordination of noun phrases, with "of" complements of an actor noun ("the
// governments of Bogotá and Washington").
func (a *sent) subjectNP(end int, conf float64) []arg {
	s := a.npStartAt(end)
	// Extend left over coordination: "he and Petro", "Trump and Petro".
	for s >= 2 && (a.low[s-1] == "and" || a.low[s-1] == "or") && a.inNP(s-2) {
		s = a.npStartAt(s - 1)
	}
	// "the governments of X and Y": the of-phrase belongs to an actor head.
	if s >= 2 && a.low[s-1] == "of" && a.inNP(s-2) {
		hs := a.npStartAt(s - 1)
		hw := a.low[s-2]
		if actorHeads[hw] && a.ment[s-2] < 0 {
			return scale(a.npArgs(s, end, false), conf*0.9)
		}
		_ = hs
	}
	return scale(a.npArgs(s, end, true), conf)
}

// prevGroup returns the verb group ending before token k, or -1.
func (a *sent) prevGroup(k int) int {
	for j := k - 1; j >= 0; j-- {
		if a.vgAt[j] >= 0 {
			return a.vgAt[j]
		}
		if a.low[j] == ";" {
			return -1
		}
	}
	return -1
}

func scale(args []arg, f float64) []arg {
	for i := range args {
		args[i].conf *= f
	}
	return args
}

// clauseStop reports whether token k ends the material a verb's object can
// be found in.
func (a *sent) clauseStop(k int) bool {
	switch a.low[k] {
	case ";", ":", ".", "?", "!", "who", "which", "while", "whereas", "although", "though", "because", "but", "--", "-", "after", "before", "since", "when", "as", "following", "despite", "if", "unless", "saying", "adding", "according", "where":
		return true
	}
	return false
}

// objects returns the arguments after verb group gi (or after token from):
// the direct object, or the first entity in the prepositional and
// infinitival material that follows, within the clause. A list of noun
// phrases ("the president, his wife, and Interior Minister X") gives each.
func (a *sent) objects(from int, thatClause bool) []arg {
	n := len(a.toks)
	conf := 1.0
	k := from
	for k < n && (a.toks[k].Tag == "RB" || a.toks[k].Tag == "RP") && a.ment[k] < 0 {
		k++
	}
	steps := 0
	for k < n && steps < 16 {
		steps++
		w := a.low[k]
		if a.clauseStop(k) {
			return nil
		}
		if w == "that" && a.toks[k].Tag != "DT" {
			if !thatClause {
				return nil
			}
			k++
			conf *= 0.9
			continue
		}
		if a.inNP(k) {
			e := a.npEndAt(k)
			args := a.npArgs(k, e, false)
			// a list of phrases: ", NP, and NP"
			j := e
			for j+1 < n && (a.low[j] == "," || a.low[j] == "and") {
				x := j + 1
				if a.low[x] == "and" {
					x++
				}
				if x >= n || !a.inNP(x) {
					break
				}
				xe := a.npEndAt(x)
				v := xe
				for v < n && a.toks[v].Tag == "RB" {
					v++
				}
				if v < n && a.vgAt[v] >= 0 && a.vgs[a.vgAt[v]].finite {
					break // the subject of a new clause: ", Ukrainian officials said"
				}
				more := a.npArgs(x, xe, false)
				// An apposition names the phrase before it: "his counterpart,
				// Gustavo Petro"; a description after a name is that name's
				// ("Petro, the president of Colombia").
				apposed := a.low[j] == "," && len(more) == 1 && more[0].desc != nil && len(args) > 0 && args[len(args)-1].ent >= 0
				switch {
				case len(args) == 0 && a.low[j] == ",":
					args = more
				case !apposed:
					args = append(args, more...)
				}
				j = xe
			}
			if len(args) > 0 {
				return scale(args, conf)
			}
			k = e
			conf *= 0.85
			continue
		}
		if a.toks[k].Tag == "IN" || a.toks[k].Tag == "TO" || a.toks[k].Tag == "RB" || a.toks[k].Tag == "RP" || a.toks[k].Tag == "``" || a.toks[k].Tag == "''" {
			k++
			continue
		}
		if a.vgAt[k] >= 0 {
			g := a.vgs[a.vgAt[k]]
			if g.inf || a.toks[g.head].Tag == "VBG" {
				k = g.end
				conf *= 0.85
				continue
			}
			return nil
		}
		if w == "," {
			return nil
		}
		k++
	}
	return nil
}

// byAgent returns the arguments of a "by X" phrase within a few tokens after k.
func (a *sent) byAgent(k int) []arg {
	for j := k; j < len(a.toks) && j < k+8; j++ {
		if a.clauseStop(j) || a.low[j] == "," {
			return nil
		}
		if a.low[j] == "by" && j+1 < len(a.toks) && a.inNP(j+1) {
			e := a.npEndAt(j + 1)
			return a.npArgs(j+1, e, true)
		}
	}
	return nil
}

// bareGovernments, after "the", stand for the government the article is
// about: "the administration sanctioned X", "accusing the junta of".
var bareGovernments = set("administration", "government", "junta", "regime")
