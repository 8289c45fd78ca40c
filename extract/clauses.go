package extract

import (
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// Clause patterns over the dependency tree. The frame finder reads who did
// what to whom from Token.Head and Token.Deprel: the subject and object of a
// trigger verb (or the by-phrase and the subject of a passive), the subject
// a verb shares through coordination, control or a relative clause, and the
// complements of a trigger noun and of the light verb that governs it. The
// arguments it returns are only entity mentions, pronouns and role
// descriptions (as conjunctArgs reads a phrase), so a wrong attachment that
// lands on a common noun gives nothing rather than a wrong entity.

// Confidence: an argument a verb inherits (coordination, control, a
// participle) is less sure than its own subject; an event whose two sides
// both come from the tree is surer than one the chunk rules completed; a
// chunk argument that only extends a list the tree began is less sure.
const (
	inheritConf   = 0.9
	chunkConf     = 0.85
	treeVerbBonus = 0.05
	treeNounBonus = 0.1
)

// relativeWords are relative pronouns that stand for the noun a relative
// clause modifies.
var relativeWords = set("who", "whom", "which", "that")

// nounTargetPreps mark the target of a trigger noun ("sanctions on X",
// "talks with X", "threats against X").
var nounTargetPreps = set("with", "on", "against", "toward", "towards", "to", "for", "into", "at", "over")

// verbTargetPreps mark the target of a nominal event when the parser hangs
// the prepositional phrase on the light verb ("imposed sanctions on X",
// "held talks with X").
var verbTargetPreps = set("with", "on", "against", "toward", "towards", "to", "into", "at")

// complementPreps join a nominal event to the noun it complements ("plans
// for a meeting", "a round of talks"), unlike "after months of talks".
var complementPreps = set("for", "of", "on", "to", "about")

// governedPreps mark a nominal event a light verb governs through a
// preposition ("agreed to a meeting", "called for talks").
var governedPreps = set("to", "for", "on")

// motionVerbs take a purpose phrase whose event their subject goes to
// hold: "flew to Lima for talks with X".
var motionVerbs = set("travel", "go", "fly", "come", "head", "arrive", "return", "leave", "sail", "drive")

// topicPreps introduce what is talked about, not with whom.
var topicPreps = set("about", "regarding", "concerning", "over", "on")

// particleWords may end a phrasal trigger lemma ("meet with", "push back
// against") and then mark its object.
var particleWords = set("with", "to", "on", "upon", "against", "at", "in", "into", "for", "from", "about", "over", "toward", "towards")

// hasTree reports whether the parser set the dependency tree of a.
func (a *sent) hasTree() bool { return len(a.toks) > 0 && a.toks[0].Deprel != "" }

// buildKids fills a.kids, the dependents of each token in order.
func (a *sent) buildKids() {
	a.kids = make([][]int, len(a.toks))
	if !a.hasTree() {
		return
	}
	for k, t := range a.toks {
		if h := t.Head; h >= 0 && h < len(a.toks) && h != k {
			a.kids[h] = append(a.kids[h], k)
		}
	}
}

// dep returns the first dependent of h with relation rel, or -1.
func (a *sent) dep(h int, rel string) int {
	for _, c := range a.kids[h] {
		if a.toks[c].Deprel == rel {
			return c
		}
	}
	return -1
}

// subj returns the subject of h with relation rel ("nsubj" or
// "nsubj:pass"), or -1. When the parser gives several, the nearest before h
// is the subject (a dateline or a fronted phrase is not): "BRUSSELS - X met
// Y"; one cut off from the verb by a dash is none.
func (a *sent) subj(h int, rel string) int {
	best := -1
	for _, c := range a.kids[h] {
		if a.toks[c].Deprel != rel || a.cutOff(c, h) || a.inAdjunct(c, h) {
			continue
		}
		if best < 0 || c < h && (best > h || c > best) {
			best = c
		}
	}
	return best
}

// inAdjunct reports whether subject candidate c of verb h lies inside a
// participial phrase that closes before h: "X, accompanied by her husband,
// Y, was greeted" (Y is no subject of "greeted").
func (a *sent) inAdjunct(c, h int) bool {
	for k := c + 1; k < h; k++ {
		if a.low[k] == "," {
			if o := a.participialOpen(k); o >= 0 && o < c {
				return true
			}
		}
	}
	return false
}

// cutOff reports whether an odd number of dashes or colons stands between
// subject c and its verb h: "NAIROBI (Reuters) - X met Y" (a dateline), "X:
// ..."; a pair encloses a parenthesis ("X - a general - said").
func (a *sent) cutOff(c, h int) bool {
	lo, hi := c, h
	if lo > hi {
		lo, hi = hi, lo
	}
	n := 0
	for x := lo + 1; x < hi; x++ {
		if a.toks[x].Tag == ":" {
			n++
		}
	}
	return n%2 == 1
}

// caseWord returns the lower-case preposition that marks nominal k ("on" in
// "on Iran"), or "".
func (a *sent) caseWord(k int) string {
	for _, c := range a.kids[k] {
		if a.toks[c].Deprel == "case" && a.toks[c].Tag != "POS" {
			return a.low[c]
		}
	}
	return ""
}

// treePassive reports whether verb h is passive in the tree: it has a
// passive subject or auxiliary, or it is a participle modifying a noun
// ("sanctions imposed by X").
func (a *sent) treePassive(h int) bool {
	if a.subj(h, "nsubj:pass") >= 0 || a.dep(h, "aux:pass") >= 0 {
		return true
	}
	return a.toks[h].Deprel == "acl" && a.toks[h].Tag == "VBN"
}

// byPhrase returns the by-agent of passive verb h, or -1.
func (a *sent) byPhrase(h int) int {
	if b := a.dep(h, "obl:agent"); b >= 0 {
		return b
	}
	for _, c := range a.kids[h] {
		if a.toks[c].Deprel == "obl" && a.caseWord(c) == "by" {
			return c
		}
	}
	return -1
}

// isNominal reports whether token k can head a noun phrase argument.
func (a *sent) isNominal(k int) bool {
	t := a.toks[k].Tag
	return a.ment[k] >= 0 || isNounTag(t) || t == "PRP" || t == "WP" || t == "WDT" || a.toks[k].UPOS == "NOUN" || a.toks[k].UPOS == "PROPN"
}

// conjuncts returns the heads of the phrases coordinated with nominal k,
// k first. A list the parser reads as an apposition with conjuncts ("X, his
// wife, his son and Y") counts as coordination. A conjunct needs its
// coordinator or comma: a bare "conj" inside a name with a title is a
// misparse ("Chilean President Pablo Soto").
func (a *sent) conjuncts(k int, depth int) []int {
	out := []int{k}
	if depth > 8 {
		return out
	}
	for _, c := range a.phraseKids(k) {
		switch a.toks[c].Deprel {
		case "conj":
			if a.isNominal(c) && a.coordinated(c) && !a.commaAppos(k, c) {
				out = append(out, a.conjuncts(c, depth+1)...)
			}
		case "appos":
			if a.dep(c, "conj") >= 0 {
				out = append(out, a.conjuncts(c, depth+1)...)
			}
		}
	}
	return out
}

// phraseKids returns the dependents of k, or of every token of the mention
// that covers k, that lie outside that mention: the parser may hang a
// conjunct on any word of a name ("Pablo Soto and Ana Ortiz").
func (a *sent) phraseKids(k int) []int {
	mi := a.ment[k]
	if mi < 0 {
		return a.kids[k]
	}
	m := a.st.Mentions[mi]
	var out []int
	for x := m.Start; x < m.End; x++ {
		for _, c := range a.kids[x] {
			if c < m.Start || c >= m.End {
				out = append(out, c)
			}
		}
	}
	return out
}

// coordinated reports whether conjunct c has a coordinator or a comma before it.
func (a *sent) coordinated(c int) bool {
	for _, d := range a.kids[c] {
		if d < c && (a.toks[d].Deprel == "cc" || a.toks[d].Deprel == "punct" && a.low[d] == ",") {
			return true
		}
	}
	return false
}

// nominal returns the arguments the nominal headed by k denotes: each
// conjunct's phrase, or the named entity in apposition to a phrase that is
// not itself a name ("its neighbour, Chile", "his counterpart, X").
func (a *sent) nominal(k int, subject bool) []arg {
	var out []arg
	for _, c := range a.conjuncts(k, 0) {
		args := a.phrase(c, subject)
		if ap := a.appos(c); ap >= 0 && a.dep(ap, "conj") < 0 && a.ment[c] < 0 {
			if named := a.phrase(ap, subject); len(named) > 0 && (len(args) == 0 || a.ment[ap] >= 0) {
				args = named
			}
		}
		out = append(out, args...)
	}
	return out
}

// appos returns the apposition of the phrase headed by k, or -1.
func (a *sent) appos(k int) int {
	for _, c := range a.phraseKids(k) {
		if r := a.toks[c].Deprel; r == "appos" || r == "conj" && a.commaAppos(k, c) {
			return c
		}
	}
	return -1
}

// commaAppos reports whether conjunct c of k is an apposition the parser
// read as coordination: joined by a comma alone, with no coordinator in the
// list ("The outgoing president, Jorge Matos, received X").
func (a *sent) commaAppos(k, c int) bool {
	if a.hasCoordinator(c, 0) {
		return false
	}
	for _, d := range a.phraseKids(k) {
		if a.toks[d].Deprel == "conj" && a.hasCoordinator(d, 0) {
			return false
		}
	}
	return true
}

// hasCoordinator reports whether conjunct c, or one coordinated with it
// further down, has a coordinating conjunction ("and", "or").
func (a *sent) hasCoordinator(c, depth int) bool {
	if depth > 8 {
		return false
	}
	for _, d := range a.kids[c] {
		switch a.toks[d].Deprel {
		case "cc":
			return true
		case "conj":
			if a.hasCoordinator(d, depth+1) {
				return true
			}
		}
	}
	return false
}

// phrase returns the arguments of the single noun phrase headed by k: an
// entity mention, a pronoun, a role description, or the entity a modifier
// or an "of" complement of an actor noun stands for ("the governments of X").
// A relative pronoun stands for the noun its clause modifies.
func (a *sent) phrase(k int, subject bool) []arg {
	if mi := a.ment[k]; mi >= 0 {
		m := a.st.Mentions[mi]
		if m.Via == schema.ViaDemonym && m.End < len(a.toks) && a.inNP(m.End) {
			return nil // "Chilean" of "Chilean President X" heads nothing
		}
		return []arg{{ent: m.Entity, tok: m.Start, conf: 1}}
	}
	if relativeWords[a.low[k]] && (a.toks[k].Tag == "WP" || a.toks[k].Tag == "WDT") {
		if n := a.antecedent(a.toks[k].Head); n >= 0 && !relativeWords[a.low[n]] {
			return a.nominal(n, subject)
		}
		return nil
	}
	if !isNounTag(a.toks[k].Tag) && a.toks[k].Tag != "PRP" && a.toks[k].UPOS != "NOUN" {
		return nil
	}
	// The phrase's words around k, as the chunker reads a noun phrase; a
	// title reaches right to the name it introduces ("Secretary of State X").
	s, e := k, k+1
	for s > 0 && a.inNP(s-1) && a.dominates(k, s-1) {
		s--
	}
	for e < len(a.toks) && a.inNP(e) && a.dominates(k, e) && a.toks[e].Tag != "POS" {
		e++
	}
	if args := a.conjunctArgs(s, e, subject); len(args) > 0 {
		return args
	}
	// "the governments of X and Y", "the President of Chile".
	for _, c := range a.kids[k] {
		if a.toks[c].Deprel != "nmod" || a.caseWord(c) != "of" {
			continue
		}
		hw := a.low[k]
		if actorHeads[hw] {
			return scale(a.nominal(c, false), inheritConf)
		}
		if ti, ok := a.st.Gaz.Title(hw); ok && a.toks[k].Tag == "NN" && a.ment[c] >= 0 {
			if of := a.st.Mentions[a.ment[c]].Entity; of >= 0 && a.st.Entities[of].Type != schema.Person {
				return []arg{{ent: -1, desc: &desc{title: ti.Phrase, pred: ti.Predicate, of: of}, tok: k, conf: 0.7}}
			}
		}
	}
	return nil
}

// antecedent returns the noun that the relative clause containing verb v
// modifies, through coordinated verbs ("who called X and praised Y"), or -1.
// A clause the parser coordinates with a noun ("X, which shares ...") is
// read as relative to it.
func (a *sent) antecedent(v int) int {
	for n := 0; v >= 0 && n < 4; n++ {
		p := a.toks[v].Head
		switch a.toks[v].Deprel {
		case "acl:relcl":
			return p
		case "conj":
			if p >= 0 && !a.isVerbLike(p) && a.isNominal(p) {
				return p
			}
			v = p
			continue
		}
		return -1
	}
	return -1
}

// surfaceSubject returns the arguments of the grammatical subject of verb h
// (active or passive), or the subject it shares with the verb it depends on.
func (a *sent) surfaceSubject(h, depth int) []arg {
	if s := a.subj(h, "nsubj"); s >= 0 {
		return a.nominal(s, true)
	}
	if s := a.subj(h, "nsubj:pass"); s >= 0 {
		return a.nominal(s, true)
	}
	return a.sharedSubject(h, depth)
}

// sharedSubject returns the subject verb h takes from the tree above it
// when it has none of its own: the verb it is coordinated with ("arrested X
// and charged him"), its controller ("agreed to meet", "invited X to visit":
// an object controls when there is one), the clause a participle or purpose
// infinitive depends on, or the noun a participle modifies ("forces
// attacking X").
func (a *sent) sharedSubject(h, depth int) []arg {
	p := a.toks[h].Head
	if depth > 6 || p < 0 {
		return nil
	}
	switch a.toks[h].Deprel {
	case "conj":
		if a.isVerbLike(p) {
			return scale(a.surfaceSubject(p, depth+1), inheritConf)
		}
		// "thanked voters and praised X", the verb hung on the object
		// before it: it shares the subject of that object's verb.
		if q := a.toks[p].Head; isVerbTag(a.toks[h].Tag) && q >= 0 && a.toks[p].Deprel == "obj" && a.isVerbLike(q) {
			return scale(a.surfaceSubject(q, depth+1), inheritConf)
		}
	case "xcomp", "advcl":
		// "invited X to visit", "urged X to release", "accused X of
		// attacking": the object controls; "travelled to Lima to meet X":
		// the subject does.
		if o := a.controller(p); o >= 0 && (a.toks[h].Deprel == "xcomp" || a.toks[h].Tag == "VB" && controlVerbs[a.vgs[a.vgAt[p]].lemma] || a.toks[h].Tag == "VBG" && gerundMarks[a.markOf(h)]) {
			return scale(a.nominal(o, false), inheritConf)
		}
		if a.isVerbLike(p) {
			return scale(a.surfaceSubject(p, depth+1), inheritConf)
		}
		if a.isNominal(p) && a.toks[h].Tag == "VBG" {
			// "accused X of attacking Y", the gerund hung on X
			return scale(a.nominal(p, false), inheritConf)
		}
	case "acl":
		if a.subj(p, "nsubj") >= 0 || a.subj(p, "nsubj:pass") >= 0 {
			// "X plans to visit", with "plans" read as a noun
			return scale(a.surfaceSubject(p, depth+1), inheritConf)
		}
		if a.toks[h].Tag == "VBG" {
			return scale(a.nominal(p, true), inheritConf)
		}
	}
	return nil
}

// gerundMarks introduce a gerund whose subject is the object of the verb
// before it: "accused X of attacking", "blamed X for", "charged X with".
var gerundMarks = set("of", "for", "with")

// markOf returns the lower-case subordinator or preposition that
// introduces clause h ("of" in "of attacking"), or "".
func (a *sent) markOf(h int) string {
	for _, c := range a.kids[h] {
		if r := a.toks[c].Deprel; r == "mark" || r == "case" {
			return a.low[c]
		}
	}
	return ""
}

// controller returns the object of verb p that controls an infinitive
// after it: its obj or iobj, or for a control verb the object of "on"
// ("called on X to"; the object of "call" itself is the party phoned); -1
// when there is none.
func (a *sent) controller(p int) int {
	if a.vgAt[p] < 0 {
		return -1
	}
	// "called X to congratulate him" is a telephone call, made to
	// congratulate: only "called on X to" hands the infinitive to X.
	phoned := a.vgs[a.vgAt[p]].lemma == "call"
	if o := a.dep(p, "obj"); o >= 0 && !phoned {
		return o
	}
	if o := a.dep(p, "iobj"); o >= 0 && !phoned || !controlVerbs[a.vgs[a.vgAt[p]].lemma] {
		return o
	}
	for _, c := range a.kids[p] {
		if a.toks[c].Deprel == "obl" && (a.caseWord(c) == "on" || a.caseWord(c) == "upon") {
			return c
		}
	}
	return -1
}

// isVerbLike reports whether token k heads a clause: a verb, or a
// predicate the parser gave a subject.
func (a *sent) isVerbLike(k int) bool {
	return isVerbTag(a.toks[k].Tag) || a.subj(k, "nsubj") >= 0 || a.subj(k, "nsubj:pass") >= 0
}

// triggerParticle returns the preposition that ends a phrasal trigger lemma
// ("with" of "meet with"), or "" for a single verb or an object frame.
func triggerParticle(t schema.Trigger) string {
	if strings.Contains(t.Lemma, "*") {
		return ""
	}
	f := strings.Fields(t.Lemma)
	if len(f) < 2 || !particleWords[f[len(f)-1]] {
		return ""
	}
	return f[len(f)-1]
}

// particleObl returns the complement of verb h marked by preposition prep:
// its own obl, or one the parser hung on a manner or time phrase between
// them ("spoke by telephone with X", "met on Monday with X"); -1 if none.
func (a *sent) particleObl(h int, prep string) int {
	for _, c := range a.kids[h] {
		if r := a.toks[c].Deprel; (r == "obl" || r == "nmod") && a.caseWord(c) == prep {
			return c
		}
	}
	for _, c := range a.kids[h] {
		if a.toks[c].Deprel != "obl" || a.ment[c] >= 0 || c < h {
			continue
		}
		for _, d := range a.kids[c] {
			if a.toks[d].Deprel == "nmod" && a.caseWord(d) == prep {
				return d
			}
		}
	}
	return -1
}

// treeParticle returns the preposition of a complement of intransitive verb
// h that completes a phrasal trigger ("with" of "spoke by phone with X"),
// with the token after it; "" when there is none.
func (a *sent) treeParticle(h int, look func(string) bool, lemma string) (string, int) {
	if !a.hasTree() || a.dep(h, "obj") >= 0 {
		return "", 0
	}
	for _, c := range a.kids[h] {
		if r := a.toks[c].Deprel; !strings.HasPrefix(r, "obl") || c < h {
			continue
		}
		cands := []int{c}
		if a.ment[c] < 0 && !topicPreps[a.caseWord(c)] {
			// "spoke by phone with X"; not "talked about his meeting
			// with X", whose "with" is the meeting's
			for _, d := range a.kids[c] {
				if a.toks[d].Deprel == "nmod" {
					cands = append(cands, d)
				}
			}
		}
		for _, x := range cands {
			p := a.caseWord(x)
			if particleWords[p] && look(lemma+" "+p) {
				for _, d := range a.kids[x] {
					if a.toks[d].Deprel == "case" {
						return p, d + 1
					}
				}
			}
		}
	}
	return "", 0
}

// slot is what the tree says about one side of a nominal event: whether
// a phrase fills that role (which then takes precedence over later cues),
// and the arguments it denotes.
type slot struct {
	found bool
	args  []arg
}

// verbFrame reads the agents and patients of trigger verb h from the tree:
// active nsubj and obj (or iobj, an obl marked by the trigger's particle,
// the subject of a that-clause for verbs that take one); passive by-agent
// and subject. chunkPassive is the chunker's reading of the voice.
func (a *sent) verbFrame(h int, t schema.Trigger, chunkPassive bool) (agents, patients []arg) {
	if !a.hasTree() {
		return nil, nil
	}
	if a.treePassive(h) || chunkPassive && a.subj(h, "nsubj") < 0 {
		if b := a.byPhrase(h); b >= 0 {
			agents = a.nominal(b, true)
		}
		switch {
		case a.subj(h, "nsubj:pass") >= 0:
			patients = a.nominal(a.subj(h, "nsubj:pass"), false)
		case a.subj(h, "nsubj") >= 0:
			patients = a.nominal(a.subj(h, "nsubj"), false)
		case a.toks[h].Deprel == "acl":
			patients = a.nominal(a.toks[h].Head, false)
		default:
			patients = a.sharedSubject(h, 0)
		}
		return agents, patients
	}
	if s := a.subj(h, "nsubj"); s >= 0 {
		agents = a.nominal(s, true)
	} else {
		agents = a.sharedSubject(h, 0)
	}
	for _, rel := range []string{"obj", "iobj"} {
		if o := a.dep(h, rel); o >= 0 {
			if args := a.nominal(o, false); len(args) > 0 {
				return agents, args
			}
		}
	}
	if prep := triggerParticle(t); prep != "" {
		if c := a.particleObl(h, prep); c >= 0 {
			return agents, a.nominal(c, false)
		}
	}
	if thatClause[t.Predicate] {
		if cc := a.dep(h, "ccomp"); cc >= 0 {
			if s := a.subj(cc, "nsubj"); s >= 0 {
				return agents, scale(a.nominal(s, false), inheritConf)
			}
		}
	}
	return agents, nil
}

// nounFrame reads the agents and patients of trigger noun k from the tree:
// its complements ("sanctions on X", "the capture of X", "a call between X
// and Y", "by Y"), its possessor ("X's visit") and entity modifiers ("the
// Chilean raid"), and through the light or reporting verb that governs it
// ("imposed sanctions on X", "the invitation was issued by X"). It returns
// the governing verb token, or -1.
func (rx *relater) nounFrame(a *sent, k int, t schema.Trigger) (agent, patient slot, gov int) {
	gov = -1
	if !a.hasTree() {
		return
	}
	pred := t.Predicate
	var poss []arg
	for _, c := range a.kids[k] {
		switch rel := a.toks[c].Deprel; {
		case rel == "nmod" || rel == "obl":
			switch p := a.caseWord(c); {
			case p == "between" || p == "among":
				agent = slot{true, a.nominal(c, false)}
			case p == "by":
				if !agent.found {
					agent = slot{true, a.nominal(c, true)}
				}
			case nounTargetPreps[p] || p == "of" && patientOf[pred] || p == "in" && (pred == schema.Attacked || pred == schema.Threatened):
				if !patient.found {
					args := a.nominal(c, false)
					if p == "in" {
						args = rx.placeCountries(a, args)
					}
					patient = slot{true, args}
				}
			}
		case rel == "nmod:poss" && a.possessive(c):
			if a.toks[c].Tag == "PRP$" {
				if possPronouns[a.low[c]] {
					poss = []arg{{ent: -1, pron: a.low[c], tok: c, conf: 0.7}}
				}
			} else {
				poss = a.nominal(c, false)
			}
		case rel == "amod" || rel == "compound":
			if mi := a.ment[c]; mi >= 0 && !agent.found && len(poss) == 0 && a.npStartAt(k) <= c {
				m := a.st.Mentions[mi]
				if et := rx.st.Entities[m.Entity].Type; et != schema.Location && et != schema.Other {
					agent = slot{true, []arg{{ent: m.Entity, tok: m.Start, conf: 0.85}}}
				}
			}
		}
	}
	// "sanctions imposed by X on Y": a participle modifying the noun.
	if v := a.dep(k, "acl"); v >= 0 && a.toks[v].Tag == "VBN" {
		if b := a.byPhrase(v); b >= 0 && !agent.found {
			agent = slot{true, a.nominal(b, true)}
		}
		if !patient.found {
			patient = rx.targetObl(a, v, pred)
		}
	}
	if len(poss) > 0 {
		if patientOf[pred] && !patient.found {
			patient = slot{true, poss}
		} else {
			agent = slot{true, poss}
		}
	}
	// "Modi is on a visit to Russia": the subject of the copula clause
	// the noun heads.
	if s := a.subj(k, "nsubj"); s >= 0 && !agent.found && a.dep(k, "cop") >= 0 {
		if args := a.nominal(s, true); len(args) > 0 {
			agent = slot{true, args}
		}
	}
	gov = a.governingVerb(k)
	if gov < 0 {
		return agent, patient, -1
	}
	if !agent.found {
		if args := rx.governorAgents(a, gov, pred); len(args) > 0 {
			agent = slot{true, args}
		}
	}
	if !patient.found {
		patient = rx.targetObl(a, gov, pred)
	}
	return agent, patient, gov
}

// targetObl returns the target of a nominal event that the parser hangs on
// verb v: an obl marked by a target preposition ("imposed sanctions on X"),
// or "in" a country for force ("an intervention in X"). A name takes no
// such complement, so one hung on a name beside the verb is the verb's
// ("imposed by X on Y").
func (rx *relater) targetObl(a *sent, v int, pred string) slot {
	for _, c := range a.kids[v] {
		if r := a.toks[c].Deprel; r != "obl" && r != "obl:agent" {
			continue
		}
		cands := []int{c}
		if a.ment[c] >= 0 {
			for _, d := range a.phraseKids(c) {
				if a.toks[d].Deprel == "nmod" {
					cands = append(cands, d)
				}
			}
		}
		for _, x := range cands {
			p := a.caseWord(x)
			if !verbTargetPreps[p] && !(p == "in" && (pred == schema.Attacked || pred == schema.Threatened)) {
				continue
			}
			args := a.nominal(x, false)
			if p == "in" {
				args = rx.placeCountries(a, args)
			}
			if len(args) > 0 {
				return slot{true, args}
			}
		}
	}
	return slot{}
}

// extendList completes the tree's arguments of one side with the chunker's
// when the chunker reads a longer list that starts with the same phrase: a
// list the parser broke ("sanctions against X, his brother, his wife and
// Y", with "his brother" hung on the verb).
func extendList(tree, chunk []arg) []arg {
	if len(tree) == 0 || len(chunk) <= len(tree) || !sameArg(tree[0], chunk[0]) {
		return tree
	}
	out := tree
	for _, c := range chunk[1:] {
		dup := false
		for _, t := range tree {
			dup = dup || sameArg(t, c)
		}
		if !dup {
			c.conf *= chunkConf
			out = append(out, c)
		}
	}
	return out
}

// sameArg reports whether two arguments read the same phrase.
func sameArg(x, y arg) bool {
	if x.ent >= 0 || y.ent >= 0 {
		return x.ent == y.ent
	}
	return x.tok == y.tok
}

// possessive reports whether possessor c is written as one: a possessive
// pronoun, or a phrase with "'s" (a parser's nmod:poss without it is a
// misparse).
func (a *sent) possessive(c int) bool {
	if a.toks[c].Tag == "PRP$" {
		return true
	}
	for _, d := range a.phraseKids(c) {
		if a.toks[d].Tag == "POS" || a.low[d] == "'" {
			return true
		}
	}
	return false
}

// threatController returns the threat verb ("threatened", "warned") that
// controls verb h through the tree ("threatened to attack X"), or that
// reports it as what its subject will do ("warned that it would retaliate
// against X"), or -1.
func (a *sent) threatController(h int) int {
	v := h
	for n := 0; n < 3; n++ {
		rel, p := a.toks[v].Deprel, a.toks[v].Head
		if p < 0 || a.vgAt[p] < 0 {
			return -1
		}
		g := a.vgs[a.vgAt[p]]
		if rel == "ccomp" && a.vgAt[v] >= 0 && futureModals[a.vgs[a.vgAt[v]].modal] {
			if g.head == p && warnVerbs[g.lemma] {
				return p
			}
			return -1
		}
		if !(rel == "xcomp" || rel == "advcl" && a.markOf(v) == "to") {
			return -1
		}
		if g.head == p && threatVerbs[g.lemma] {
			return p
		}
		v = p
	}
	return -1
}

// warnVerbs report a threat in a that-clause: "warned that it would
// strike".
var warnVerbs = set("warn", "threaten", "vow")

// futureModals put a that-clause in the future: "would retaliate".
var futureModals = set("will", "would", "'ll", "could")

// objectNounTarget returns the target of a trigger phrase that names its
// object noun (verb v and noun k of "impose sanction", "revoke visa"): the
// noun's possessor or complement ("X's visa", "sanctions on X"), else a
// target obl of the verb.
func (rx *relater) objectNounTarget(a *sent, v, k int, pred string) slot {
	for _, c := range a.kids[k] {
		switch a.toks[c].Deprel {
		case "nmod:poss":
			if !a.possessive(c) {
				continue
			}
			if a.toks[c].Tag == "PRP$" {
				if possPronouns[a.low[c]] {
					return slot{true, []arg{{ent: -1, pron: a.low[c], tok: c, conf: 0.8}}}
				}
				continue
			}
			if args := a.nominal(c, false); len(args) > 0 {
				return slot{true, args}
			}
		case "nmod":
			if p := a.caseWord(c); nounTargetPreps[p] || p == "of" {
				if args := a.nominal(c, false); len(args) > 0 {
					return slot{true, args}
				}
			}
		}
	}
	if actorHeads[a.low[k]] {
		// "expelled three Russian diplomats": the actor noun's state
		if args := a.nominal(k, false); len(args) > 0 {
			return slot{true, args}
		}
	}
	return rx.targetObl(a, v, pred)
}

// governingVerb returns the light or reporting verb whose object (or
// passive subject) is the trigger noun k, directly or through a noun it
// complements ("announced plans for a meeting"); -1 when there is none.
func (a *sent) governingVerb(k int) int {
	v := k
	for n := 0; n < 3; n++ {
		p := a.toks[v].Head
		if p < 0 {
			return -1
		}
		rel := a.toks[v].Deprel
		if a.vgAt[p] >= 0 && a.vgs[a.vgAt[p]].head == p {
			l := a.vgs[a.vgAt[p]].lemma
			if (rel == "obj" || rel == "nsubj:pass" || rel == "obl" && governedPreps[a.caseWord(v)]) && (lightVerbs[l] || reportingVerbs[l]) {
				return p
			}
			if rel == "obl" && a.caseWord(v) == "for" && motionVerbs[l] {
				return p // "will travel to X for talks with Y": its subject's talks
			}
			return -1
		}
		if rel != "nmod" || !isNounTag(a.toks[p].Tag) || !complementPreps[a.caseWord(v)] {
			return -1
		}
		v = p
	}
	return -1
}

// governorAgents returns the agents of the nominal event that light verb v
// carries: its subject, or its by-agent when passive. A speaker is not the
// agent of a violent event he reports, unless he threatens it.
func (rx *relater) governorAgents(a *sent, v int, pred string) []arg {
	l := a.vgs[a.vgAt[v]].lemma
	if reportingVerbs[l] && !lightVerbs[l] && violent[pred] && !threatVerbs[l] {
		return nil
	}
	if a.treePassive(v) {
		if b := a.byPhrase(v); b >= 0 {
			return a.nominal(b, true)
		}
		return nil
	}
	if s := a.subj(v, "nsubj"); s >= 0 {
		return a.nominal(s, true)
	}
	return a.sharedSubject(v, 0)
}

// placeCountries replaces a place by the country the tree attaches to it
// ("in Caracas, Venezuela"); a bare place is where, not whom.
func (rx *relater) placeCountries(a *sent, args []arg) []arg {
	var out []arg
	for _, g := range args {
		if g.ent < 0 || rx.st.Entities[g.ent].Type != schema.Location {
			out = append(out, g)
			continue
		}
		for _, c := range a.phraseKids(g.tok) {
			if r := a.toks[c].Deprel; (r == "appos" || r == "conj" || r == "nmod") && a.ment[c] >= 0 {
				if e := a.st.Mentions[a.ment[c]].Entity; e >= 0 && rx.st.Entities[e].Type == schema.Country {
					out = append(out, arg{ent: e, tok: c, conf: g.conf * 0.9})
				}
			}
		}
	}
	return out
}
