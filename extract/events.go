package extract

import (
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// Predicates whose object must be a person or an organisation, and those
// whose object may be a place.
var (
	personObject = set(schema.Captured, schema.Charged, schema.Killed, schema.Ousted, schema.Expelled)
	placeObject  = set(schema.Visited, schema.Attacked, schema.Threatened, schema.Protested, schema.Sanctioned, schema.Criticized, schema.Accused, schema.Opposed, schema.Demanded, schema.Praised, schema.Aided)
	// patientOf: predicates whose nominal takes its target with "of"
	// ("the capture of X") and whose possessor is the target ("X's arrest").
	patientOf = set(schema.Captured, schema.Killed, schema.Ousted, schema.Charged, schema.Expelled, schema.Criticized, schema.Praised, schema.Attacked)
	// thatClause: verbs whose target may be the subject of a that-clause
	// ("alleging that Colombia operates ...").
	thatClause = set(schema.Accused, schema.Criticized, schema.Demanded)
)

// events finds the events of sentence a: trigger verbs with their subject
// and object (or by-agent and subject, when passive), labelling verbs ("call
// X a 'lunatic'"), and trigger nouns with their agent (a modifier, a
// by-phrase, the subject of the light verb that governs them) and target (a
// prepositional complement). The dependency tree gives the arguments first
// (clauses.go); the chunk rules fill what it leaves out.
func (rx *relater) events(a *sent) {
	for gi := range a.vgs {
		rx.verbEvent(a, gi)
	}
	for k := range a.toks {
		// A capital is a name's, except a common noun's first word ("Sanctions imposed by").
		if a.covered[k] || a.ment[k] >= 0 || a.vgAt[k] >= 0 || !isNounTag(a.toks[k].Tag) || startsUpper(a.toks[k].Norm) && (k > 0 || a.toks[k].Tag == "NNP" || a.toks[k].Tag == "NNPS") {
			continue
		}
		rx.nounEvent(a, k)
	}
}

// triggerFor looks up the most specific trigger phrase for the verb group gi:
// particles ("push back against"), an object frame ("remove * from power",
// "add * to * list"), the object's head noun ("revoke visa"), or the verb.
// It returns the trigger, the token after the consumed particles, and the
// object noun the phrase names ("sanctions" of "impose sanction"), or -1;
// that noun is marked covered, so that it is not read again as a nominal
// event.
func (rx *relater) triggerFor(a *sent, gi int) (schema.Trigger, int, int, bool) {
	g := a.vgs[gi]
	gaz := rx.st.Gaz
	n := len(a.toks)
	lemmas := verbLemmas(a.low[g.head])
	look := func(key string) (schema.Trigger, bool) {
		if ts := gaz.Triggers(key, "verb"); len(ts) > 0 {
			return ts[0], true
		}
		return schema.Trigger{}, false
	}
	// particles, skipping "-ly" adverbs ("worked closely with") and an
	// adverb of continuing before "to" ("travel on to")
	var parts []int
	for j := g.end; j < n && len(parts) < 3; j++ {
		if len(parts) == 0 && onwardWords[a.low[j]] && j+1 < n && a.low[j+1] == "to" {
			continue
		}
		t := a.toks[j].Tag
		if t == "RB" && strings.HasSuffix(a.low[j], "ly") && len(parts) == 0 {
			continue
		}
		if t == "RP" || t == "IN" || t == "TO" || (t == "RB" && (a.low[j] == "back" || a.low[j] == "out" || a.low[j] == "up" || a.low[j] == "down" || a.low[j] == "together")) {
			parts = append(parts, j)
			continue
		}
		break
	}
	for _, l := range lemmas {
		for p := len(parts); p >= 1; p-- {
			key := l
			for _, j := range parts[:p] {
				key += " " + a.low[j]
			}
			if t, ok := look(key); ok {
				return t, parts[p-1] + 1, -1, true
			}
		}
	}
	// a particle the parser attaches past an adjunct: "spoke by phone with"
	for _, l := range lemmas {
		has := func(key string) bool { _, ok := look(key); return ok }
		if p, next := a.treeParticle(g.head, has, l); p != "" {
			t, _ := look(l + " " + p)
			return t, next, -1, true
		}
	}
	// object frames
	oe := g.end
	for oe < n && a.toks[oe].Tag == "RB" {
		oe++
	}
	ostart := oe
	oe = a.npEndAt(oe)
	// "sign a trade deal next month": the object ends before its date
	for oe-2 > ostart && (timeNouns[a.low[oe-1]] || isDateWord(a.low[oe-1])) && relativeTimeWords[a.low[oe-2]] {
		oe -= 2
	}
	for oe > ostart && oe+1 < n && (a.low[oe] == "," || a.low[oe] == "and") {
		x := oe + 1
		if a.low[x] == "and" && x+1 < n {
			x++
		}
		if !a.inNP(x) {
			break
		}
		oe = a.npEndAt(x)
	}
	if oe > ostart {
		for _, l := range lemmas {
			if oe < n {
				w1 := a.low[oe]
				if oe+1 < n {
					if t, ok := look(l + " * " + w1 + " " + a.low[oe+1]); ok {
						return t, g.end, -1, true
					}
				}
				if t, ok := look(l + " * " + w1); ok {
					return t, g.end, -1, true
				}
				for j := oe + 1; j < n && j < oe+8; j++ {
					if isNounTag(a.toks[j].Tag) {
						for _, nl := range nounLemmas(a.low[j]) {
							if t, ok := look(l + " * " + w1 + " * " + nl); ok {
								a.covered[j] = true
								return t, g.end, -1, true
							}
						}
					}
				}
			}
			if isNounTag(a.toks[oe-1].Tag) {
				for _, nl := range nounLemmas(a.low[oe-1]) {
					if t, ok := look(l + " " + nl); ok {
						a.covered[oe-1] = true
						return t, g.end, oe - 1, true
					}
				}
			}
		}
	}
	for _, l := range lemmas {
		if t, ok := look(l); ok {
			return t, g.end, -1, true
		}
	}
	return schema.Trigger{}, 0, -1, false
}

// timeNouns and relativeTimeWords make a date of two words: "next month",
// "last week", "this year".
var (
	timeNouns         = set("week", "month", "year", "weekend", "spring", "summer", "autumn", "fall", "winter", "morning", "evening", "night")
	relativeTimeWords = set("next", "last", "this", "early", "late")
)

// recast returns trigger t read as predicate pred with CAMEO code cameo:
// "clashed with" as fighting, "welcomed" a deed as praise.
func recast(t schema.Trigger, pred, cameo string) schema.Trigger {
	return schema.Trigger{Lemma: t.Lemma, POS: t.POS, Predicate: pred, CAMEO: cameo}
}

// onwardWords continue a journey: "travel on to", "flew onward to".
var onwardWords = set("on", "onward", "onwards")

// verbEvent extracts the event of verb group gi, if its verb is a trigger.
// An event whose two sides the tree gave (see verbArgs) is more confident
// than one the chunk rules completed.
func (rx *relater) verbEvent(a *sent, gi int) {
	g := a.vgs[gi]
	if rx.labelEvent(a, gi) {
		return
	}
	t, after, noun, ok := rx.triggerFor(a, gi)
	if !ok {
		return
	}
	// "called", "phoned": a one-word verb of contact, active
	phoned := t.Predicate == schema.SpokeWith && !strings.Contains(t.Lemma, " ") && !g.passive
	if phoned {
		// "called the march", "called an election": a thing called is no
		// telephone call
		if o := a.dep(g.head, "obj"); o >= 0 && a.ment[o] < 0 && isNounTag(a.toks[o].Tag) && !personNouns[a.low[o]] {
			if _, isTitle := a.st.Gaz.Title(a.low[o]); !isTitle && !actorHeads[a.low[o]] {
				return
			}
		}
	}
	agents, patients, tree := rx.verbArgs(a, gi, t, after, noun)
	if len(patients) == 0 && evaluative[t.Predicate] && !g.passive {
		patients = rx.eventTarget(a, g.head)
	}
	if len(patients) == 0 && receptionVerbs[t.Lemma] && !g.passive {
		// "welcomed the decision by Rwanda": welcoming a deed praises
		// its doer (051), as only people are received
		if p := rx.eventTarget(a, g.head); len(p) > 0 {
			t, patients = recast(t, schema.Praised, "051"), p
		}
	}
	if len(agents) == 0 && len(patients) > 0 {
		agents = rx.implicitAgents(a, gi, t.Predicate, patients)
	}
	if strings.HasPrefix(t.Lemma, "clash") && a.armed(agents) {
		// "troops clashed with X" is fighting, not a war of words
		t = recast(t, schema.Attacked, "190")
	}
	conf := 0.9
	if phoned {
		conf = 0.75
	}
	if tree {
		conf += treeVerbBonus
	}
	// "threatened to attack X" is a threat (138), made by the threat verb.
	if tv := a.threatController(g.head); tv >= 0 && t.Predicate == schema.Attacked {
		t = recast(t, schema.Threatened, "138")
		rx.relate(a, t, agents, patients, tv, a.vgAt[tv], conf)
		return
	}
	rx.relate(a, t, agents, patients, g.head, gi, conf)
}

// verbArgs returns the agents and patients of trigger t carried by verb
// group gi (after is the token after its particles, noun the object noun
// the trigger phrase names, or -1). The tree gives them first (verbFrame);
// the chunker's subject and object rules fill a side the tree leaves empty,
// or complete a list the parser broke. tree reports whether the tree gave
// both sides.
func (rx *relater) verbArgs(a *sent, gi int, t schema.Trigger, after, noun int) (agents, patients []arg, tree bool) {
	g := a.vgs[gi]
	tAgents, tPatients := a.verbFrame(g.head, t, g.passive)
	if noun >= 0 {
		// "imposed sanctions on X", "revoked X's visa": the target is the
		// object noun's, as for a nominal event.
		tPatients = rx.objectNounTarget(a, g.head, noun, t.Predicate).args
	}
	var cAgents, cPatients []arg
	if g.passive {
		cAgents, cPatients = a.byAgent(g.end), a.subject(gi, 0)
	} else {
		cAgents, cPatients = a.subject(gi, 0), a.objects(after, thatClause[t.Predicate])
	}
	if (t.Predicate == schema.SpokeWith || receptionVerbs[t.Lemma]) && !strings.Contains(t.Lemma, " ") && !g.passive {
		cPatients, tPatients = directObjects(cPatients), directObjects(tPatients)
	}
	agents = extendList(tAgents, cAgents)
	if len(agents) == 0 {
		agents = cAgents
	}
	patients = extendList(tPatients, cPatients)
	// "Chile and Peru met on Monday to discuss Bolivia": two agents of a
	// symmetric event are its two sides.
	pairOnly := len(tAgents) >= 2 && isSymmetric(t.Predicate)
	if len(patients) == 0 && !pairOnly {
		patients = cPatients
	}
	return agents, patients, len(tAgents) > 0 && (len(tPatients) > 0 || pairOnly)
}

// armedNouns are armed bodies: "Thai troops", "rebels".
var armedNouns = set("troops", "forces", "soldiers", "army", "police", "militants", "rebels",
	"fighters", "guerrillas", "militia", "militias", "navy", "units", "gunmen", "insurgents")

// armed reports whether an agent is an armed body: a name modifying an
// armed noun ("Thai troops"), or such a noun itself.
func (a *sent) armed(agents []arg) bool {
	for _, g := range agents {
		if g.tok < 0 || g.tok >= len(a.toks) {
			continue
		}
		if armedNouns[a.low[g.tok]] {
			return true
		}
		if h := a.toks[g.tok].Head; h >= 0 && armedNouns[a.low[h]] {
			return true
		}
	}
	return false
}

// evaluative predicates judge a deed, so that their object may be an
// event: "condemned the strike", "praised the release".
var evaluative = set(schema.Criticized, schema.Praised, schema.Opposed, schema.Protested)

// eventTarget returns the target of an evaluation whose object names its
// author (see authoredObject), or whose object is a definite event noun
// ("condemned the strike", "criticised the use of force", "denounced the
// takeover"): the doer of the deed the noun refers back to (see
// nounDoer); nil when there is none.
func (rx *relater) eventTarget(a *sent, h int) []arg {
	if by := a.authoredObject(h); len(by) > 0 {
		return by
	}
	o := a.dep(h, "obj")
	if o < 0 || a.ment[o] >= 0 || !a.definite(o) {
		return nil
	}
	cands := []int{o}
	for _, c := range a.kids[o] {
		if a.toks[c].Deprel == "nmod" && a.caseWord(c) == "of" && a.ment[c] < 0 {
			cands = append(cands, c) // "the use of force"
		}
	}
	for _, x := range cands {
		if doer, ok := rx.nounDoer(a, x); ok {
			return doer
		}
	}
	return nil
}

// authoredObject returns the author of the thing verb h judges, when its
// object (or its complement, "voted against") is a noun with a participle
// naming its author: "rejected the plan proposed by X", "vetoed the
// resolution drafted by X", "dismissed the claims made by X".
func (a *sent) authoredObject(h int) []arg {
	for _, o := range a.kids[h] {
		if r := a.toks[o].Deprel; r != "obj" && r != "obl" || a.ment[o] >= 0 || !isNounTag(a.toks[o].Tag) {
			continue
		}
		// The participle hangs on the noun, or right after it on the verb
		// ("voted against the resolution sponsored by X", as parsed).
		parts := a.kids[o]
		if o+1 < len(a.toks) && a.toks[o+1].Head == h && a.toks[o+1].Deprel == "advcl" {
			parts = append(parts[:len(parts):len(parts)], o+1)
		}
		for _, c := range parts {
			if a.toks[c].Deprel == "nmod" && a.caseWord(c) == "by" {
				// "welcomed the decision by Rwanda"
				if args := a.nominal(c, true); len(args) > 0 {
					return scale(args, inheritConf)
				}
			}
			if r := a.toks[c].Deprel; r != "acl" && r != "advcl" || a.toks[c].Tag != "VBN" {
				continue
			}
			if b := a.byPhrase(c); b >= 0 {
				return scale(a.nominal(b, true), inheritConf)
			}
		}
	}
	return nil
}

// nounDoer returns, when the noun at x is an event trigger (ok), the one
// doer of such events reported before (see priorDoer); nil when the doer is unknown or ambiguous, as the doers of a meeting or
// an accord always are.
func (rx *relater) nounDoer(a *sent, x int) (doer []arg, ok bool) {
	t, _, ok := rx.nounTrigger(a, x)
	if !ok {
		return nil, false
	}
	if isSymmetric(t.Predicate) {
		return nil, true // "the accord", "the talks": made by both sides
	}
	e := rx.priorDoer(a.si, t.Predicate)
	if e < 0 {
		return nil, true
	}
	rx.anchor(a.si, e)
	return []arg{{ent: e, tok: x, conf: 0.7}}, true
}

// deedDoer returns the doer of the deed that the definite event noun at k
// refers back to ("the strikes", "the expulsions"; see nounDoer); nil when
// k is no such noun.
func (rx *relater) deedDoer(a *sent, k int) []arg {
	if k < 0 || k >= len(a.toks) || a.ment[k] >= 0 || !a.definite(k) {
		return nil
	}
	doer, _ := rx.nounDoer(a, k)
	return doer
}

// definite reports whether noun k has a definite determiner: "the strike",
// "this attack".
func (a *sent) definite(k int) bool {
	for _, c := range a.kids[k] {
		if a.toks[c].Deprel == "det" {
			switch a.low[c] {
			case "the", "this", "that", "these", "those":
				return true
			}
		}
	}
	return false
}

// priorDoer returns the subject of the asserted events of predicate pred
// (or, for a violent one, of any violent predicate) found so far in
// sentence si or the one before, or, when those sentences report none, of
// pred itself earlier in the document: the doer a definite event noun
// ("the strikes", "the expulsions") refers back to. It returns -1 when
// there is none, or when the events it looked at have more than one doer
// ("X struck Y after Y fired at X"): the noun's antecedent is then
// ambiguous.
func (rx *relater) priorDoer(si int, pred string) int {
	e, seen := rx.doerSince(rx.st.Sentences[max(si-1, 0)].Start, pred, violent)
	if !seen {
		e, _ = rx.doerSince(0, pred, nil)
	}
	return e
}

// doerSince returns the one subject of the asserted events of pred (or,
// when class has pred, of any predicate of class) found from byte offset
// from on, or -1 when there is none or more than one; seen reports whether
// there was any such event.
func (rx *relater) doerSince(from int, pred string, class map[string]bool) (e int, seen bool) {
	rs := rx.st.Relations
	doer := ""
	for i := len(rs) - 1; i >= 0; i-- {
		r := rs[i]
		if r.Start < from {
			break
		}
		if r.CAMEO == "" || r.Modality != schema.Asserted || !(r.Predicate == pred || class[pred] && class[r.Predicate]) {
			continue
		}
		if doer != "" && r.Subject != doer {
			return -1, true
		}
		doer = r.Subject
	}
	if doer == "" {
		return -1, false
	}
	return rx.entityNamed(doer, ""), true
}

// receptionVerbs are meetings only with a person received: "welcomed
// the prime minister", not "welcomed the sanctions on X" or "received a
// letter from X".
var receptionVerbs = set("greet", "welcome", "receive")

// directObjects keeps the arguments that are a direct object itself (a
// name or a pronoun, not a possessor or modifier): "X called Y" has only
// that other party, not the one of "called to discuss ... between the two
// countries" or "calling Y's allegations false".
func directObjects(args []arg) []arg {
	var direct []arg
	for _, p := range args {
		if p.conf >= 0.99 || p.pron != "" && p.conf >= 0.79 {
			direct = append(direct, p)
		}
	}
	return direct
}

// labelEvent handles "called him a 'lunatic'", "referring to Petro as 'a
// sick man'", "calling Trump's allegations false": a labelling verb, an
// entity, then a quotation or a predicative adjective is criticism.
func (rx *relater) labelEvent(a *sent, gi int) bool {
	g := a.vgs[gi]
	l := lemmaOf(a.low[g.head], labelVerbs)
	if !labelVerbs[l] || g.passive {
		return false
	}
	n := len(a.toks)
	k := g.end
	if k < n && (a.low[k] == "to" || a.low[k] == "on") && l == "refer" {
		k++
	}
	if k >= n || !a.inNP(k) {
		return false
	}
	e := a.npEndAt(k)
	objs := a.npArgs(k, e, false)
	if len(objs) == 0 {
		// "called the expulsions 'a provocation'": the doer of the deed.
		objs = rx.deedDoer(a, e-1)
	}
	if len(objs) == 0 || objs[0].pron != "" && !personPronouns[objs[0].pron] {
		return false
	}
	j := e
	if j < n && a.low[j] == "as" {
		j++
	}
	for j < n && (a.toks[j].Tag == "DT" || a.toks[j].Tag == "RB") {
		j++
	}
	if j >= n {
		return false
	}
	quoted := a.toks[j].Tag == "``"
	pred := j > e && (a.toks[j].Tag == "JJ" || a.toks[j].Tag == "JJR") || a.toks[j].Tag == "JJ" && (j+1 >= n || !isNounTag(a.toks[j+1].Tag))
	if !quoted && !pred {
		return false
	}
	t := schema.Trigger{Lemma: l, POS: "verb", Predicate: schema.Criticized}
	if a.praisingLabel(j, quoted) {
		// "called him 'a serious man for serious times'"
		t = recast(t, schema.Praised, "051")
	}
	rx.relate(a, t, a.subject(gi, 0), objs, g.head, gi, 0.8)
	return true
}

// praisingLabel reports whether the label starting at token j (a
// quotation when quoted, else a predicative adjective) has words of praise
// and none of blame. A label with neither is blame, as news reports
// labels mostly when they wound.
func (a *sent) praisingLabel(j int, quoted bool) bool {
	end := j + 1
	if quoted {
		j++
		for end = j; end < len(a.toks) && a.toks[end].Tag != "''" && end < j+20; end++ {
		}
	}
	good, bad := false, false
	for k := j; k < end && k < len(a.toks); k++ {
		good = good || praiseWords[a.low[k]]
		bad = bad || blameWords[a.low[k]] || a.low[k] == "not" || a.low[k] == "no" || a.low[k] == "n't"
	}
	return good && !bad
}

// nounTrigger returns the trigger of the noun at k: a two-word one ("phone
// call", "military action", "use of force") before a single word.
func (rx *relater) nounTrigger(a *sent, k int) (schema.Trigger, int, bool) {
	gaz := rx.st.Gaz
	look := func(key string) (schema.Trigger, bool) {
		if ts := gaz.Triggers(key, "noun"); len(ts) > 0 {
			return ts[0], true
		}
		return schema.Trigger{}, false
	}
	sing := nounLemmas(a.low[k])
	// A noun before another noun is a modifier ("strike force").
	if k+1 < len(a.toks) && isNounTag(a.toks[k+1].Tag) && a.ment[k+1] < 0 {
		return schema.Trigger{}, 0, false
	}
	for _, s := range sing {
		if k >= 2 && a.low[k-1] == "of" {
			if t, ok := look(a.low[k-2] + " of " + s); ok {
				return t, k - 2, true
			}
		}
		if k >= 1 && a.ment[k-1] < 0 {
			if t, ok := look(a.low[k-1] + " " + s); ok {
				return t, k - 1, true
			}
		}
	}
	for _, s := range sing {
		if t, ok := look(s); ok {
			return t, k, true
		}
	}
	return schema.Trigger{}, 0, false
}

// nounEvent extracts the event of a trigger noun at k: the tree's reading
// (nounFrame) first, the chunker's (chunkNounArgs) for a side the tree
// leaves empty or a list it broke.
func (rx *relater) nounEvent(a *sent, k int) {
	t, first, ok := rx.nounTrigger(a, k)
	if !ok || a.undone(k) {
		return
	}
	ag, pa, gov := rx.nounFrame(a, k, t)
	cAgents, cPatients, gi := rx.chunkNounArgs(a, k, first, t)
	agents, patients := extendList(ag.args, cAgents), extendList(pa.args, cPatients)
	conf := 0.75
	if len(agents) > 0 && len(patients) > 0 {
		conf += treeNounBonus
	}
	if len(agents) == 0 {
		agents, conf = cAgents, 0.75
	}
	if len(patients) == 0 {
		patients, conf = cPatients, 0.75
	}
	if gov >= 0 {
		gi = a.vgAt[gov]
	}
	// Force talked about, suggested or threatened is a threat (138).
	if t.Predicate == schema.Attacked && (a.threatBefore(k) || gi >= 0 && a.modality(k, gi) != schema.Asserted) {
		t = recast(t, schema.Threatened, "138")
	}
	rx.relate(a, t, agents, patients, k, gi, conf)
}

// undoVerbs end what their object names: "lifted the sanctions", "eased
// the embargo", "suspended aid" report no sanction, embargo or aid being
// given. (A plan called off is a negated event instead: see negVerbs.)
var undoVerbs = set("lift", "ease", "relax", "remove", "drop", "scrap", "waive", "revoke",
	"rescind", "suspend", "withdraw")

// undone reports whether the trigger noun k is the object (or passive
// subject) of an undoing verb: "lift sanctions on X", "the sanctions were
// eased".
func (a *sent) undone(k int) bool {
	v := a.toks[k].Head
	if r := a.toks[k].Deprel; v < 0 || r != "obj" && r != "nsubj:pass" && !(r == "conj" && a.toks[v].Deprel == "obj") {
		return false
	}
	if a.toks[k].Deprel == "conj" {
		v = a.toks[v].Head // "lifted the embargo and the sanctions"
	}
	if v < 0 || !isVerbTag(a.toks[v].Tag) {
		return false
	}
	for _, l := range verbLemmas(a.low[v]) {
		if undoVerbs[l] {
			return true
		}
	}
	return false
}

// chunkNounArgs reads the agents and patients of trigger noun k (whose
// trigger phrase starts at first) with the chunker's rules: a prepositional
// complement after the noun, a modifier or possessor inside its phrase, a
// by-phrase, the subject of the verb that governs the phrase. It returns
// them with that verb group, or -1.
func (rx *relater) chunkNounArgs(a *sent, k, first int, t schema.Trigger) (agents, patients []arg, gi int) {
	n := len(a.toks)
	pred := t.Predicate
	// The target: a prepositional complement after the noun.
	j := k + 1
	if j < n {
		switch p := a.low[j]; {
		case p == "between" || p == "among":
			if j+1 < n && a.inNP(j+1) {
				e := a.npEndAt(j + 1)
				for e+1 < n && a.low[e] == "and" && a.inNP(e+1) {
					e = a.npEndAt(e + 1)
				}
				agents = a.npArgs(j+1, e, false)
			}
		case p == "with" || p == "on" || p == "against" || p == "toward" || p == "towards" || p == "to" || p == "for" || p == "into" || p == "at" || p == "over" ||
			(p == "of" && patientOf[pred]) || (p == "in" && (pred == schema.Attacked || pred == schema.Threatened)):
			if j+1 < n && a.inNP(j+1) {
				e := a.npEndAt(j + 1)
				patients = a.npArgs(j+1, e, false)
				if p == "in" {
					patients = rx.countryOfPlace(a, patients, e)
				}
			}
		}
	}
	// The agent: a modifier inside the noun phrase ("US military raid",
	// "Trump's threats"); for captures and the like the possessor is the target.
	s := a.npStartAt(first)
	for x := s; x < first; x++ {
		if a.ment[x] >= 0 {
			m := rx.st.Mentions[a.ment[x]]
			x = m.End - 1
			isPoss := m.End < n && (a.low[m.End] == "'s" || a.low[m.End] == "'")
			g := arg{ent: m.Entity, tok: m.Start, conf: 0.85}
			if t := rx.st.Entities[m.Entity].Type; t == schema.Location || t == schema.Other {
				continue // "a White House meeting": where, not who
			}
			if isPoss && patientOf[pred] && len(patients) == 0 {
				patients = []arg{g}
			} else if len(agents) == 0 || isPoss {
				agents = []arg{g}
			}
		} else if a.toks[x].Tag == "PRP$" && possPronouns[a.low[x]] {
			g := arg{ent: -1, pron: a.low[x], tok: x, conf: 0.7}
			if patientOf[pred] && len(patients) == 0 {
				patients = []arg{g}
			} else if len(agents) == 0 {
				agents = []arg{g}
			}
		}
	}
	g, gargs := rx.governor(a, s)
	if len(agents) == 0 {
		if by := a.byAgent(k + 1); len(by) > 0 {
			agents = by
		} else if g >= 0 {
			gov := a.vgs[g]
			// A speaker is not the agent of a violent event he reports.
			if !(reportingVerbs[gov.lemma] && !lightVerbs[gov.lemma] && violent[pred]) || threatVerbs[gov.lemma] {
				agents = gargs
			}
		}
	}
	return agents, patients, g
}

// violent predicates are not done by whoever reports them.
var violent = set(schema.Attacked, schema.Killed, schema.Captured, schema.Charged, schema.Expelled, schema.Ousted, schema.Sanctioned, schema.Aided)

// threatVerbs turn talk of force into a threat: "suggested military action".
var threatVerbs = set("threaten", "suggest", "warn", "propose", "consider", "weigh", "mull", "float", "vow")

// threatBefore reports whether a threat verb governs the clause before k:
// "threatened to order a military intervention", "suggested that military action".
func (a *sent) threatBefore(k int) bool {
	for j := k - 1; j >= 0 && j >= k-10; j-- {
		if vi := a.vgAt[j]; vi >= 0 && a.vgs[vi].head == j && threatVerbs[a.vgs[vi].lemma] {
			return true
		}
		if a.clauseStop(j) {
			return false
		}
	}
	return false
}

// isSymmetric reports whether pred holds in both directions.
func isSymmetric(pred string) bool {
	p, _ := schema.LookupPredicate(pred)
	return p.Symmetric
}

// governor finds the verb group that governs the noun phrase starting at s:
// walking left over prepositions, noun phrases and "that", to a light verb
// ("impose sanctions", "announced plans for a meeting"), a reporting verb, or
// through a copula ("arrangements are underway for talks"). A passive light
// verb after the phrase gives its by-agent ("The invitation ... was issued by
// X"). It returns the group and the agent arguments.
func (rx *relater) governor(a *sent, s int) (int, []arg) {
	conf := 1.0
	for j := s - 1; j >= 0 && j >= s-25; j-- {
		if a.vgAt[j] >= 0 {
			gi := a.vgAt[j]
			g := a.vgs[gi]
			switch {
			case lightVerbs[g.lemma] || reportingVerbs[g.lemma]:
				if g.passive {
					return gi, scale(a.byAgent(g.end), conf)
				}
				return gi, scale(a.subject(gi, 0), conf)
			case copulaVerbs[g.lemma] || g.inf:
				if args := a.subject(gi, 0); len(args) > 0 && !copulaVerbs[g.lemma] {
					return gi, scale(args, conf*0.8)
				}
				conf *= 0.8
				j = g.start
				continue
			}
			return -1, nil
		}
		w := a.low[j]
		if a.clauseStop(j) || w == ";" {
			break
		}
		if w == "," {
			conf *= 0.9
		}
	}
	// The phrase as subject of a passive light verb.
	e := a.npEndAt(s)
	for j := e; j < len(a.toks) && j < e+12; j++ {
		if a.vgAt[j] >= 0 {
			gi := a.vgAt[j]
			g := a.vgs[gi]
			if g.passive && lightVerbs[g.lemma] {
				return gi, a.byAgent(g.end)
			}
			break
		}
	}
	return -1, nil
}

// countryOfPlace replaces a place in "in Caracas, Venezuela" by its country;
// a bare place after "in" is where, not whom.
func (rx *relater) countryOfPlace(a *sent, args []arg, e int) []arg {
	var out []arg
	for _, g := range args {
		if g.ent >= 0 && rx.st.Entities[g.ent].Type == schema.Location {
			if e+1 < len(a.toks) && a.low[e] == "," && a.ment[e+1] >= 0 {
				if c := rx.st.Mentions[a.ment[e+1]].Entity; c >= 0 && rx.st.Entities[c].Type == schema.Country {
					out = append(out, arg{ent: c, tok: e + 1, conf: g.conf * 0.9})
				}
			}
			continue
		}
		out = append(out, g)
	}
	return out
}

// relate resolves agents and patients and emits the event relations.
func (rx *relater) relate(a *sent, t schema.Trigger, agents, patients []arg, tok, gi int, conf float64) {
	pred := t.Predicate
	sym := isSymmetric(pred)
	if sym {
		// "agreed to meet again in Beijing": a place is not the other party.
		var kept []arg
		for _, p := range patients {
			if p.ent < 0 || rx.st.Entities[p.ent].Type != schema.Location {
				kept = append(kept, p)
			}
		}
		patients = kept
	}
	// A symmetric event with two agents and no target: "Trump and Petro
	// spoke"; not the by-agents of a passive ("the march was called by X
	// and Y": they called it, they did not call each other).
	passive := gi >= 0 && gi < len(a.vgs) && a.vgs[gi].head == tok && a.vgs[gi].passive
	if len(patients) == 0 && sym && len(agents) >= 2 && !passive {
		patients = agents[1:]
		agents = agents[:1]
	}
	// One agent that stands for several: "they agreed to meet", "the two
	// leaders spoke".
	if len(patients) == 0 && sym && len(agents) == 1 {
		ents := rx.resolve(a, rx.settled(a, agents[0]), nil)
		for i := range ents {
			for _, o := range ents[i+1:] {
				if rx.typesFit(pred, ents[i], o) {
					rx.emitEvent(a, t, ents[i], o, tok, gi, conf*agents[0].conf)
				}
			}
		}
		return
	}
	for _, ag := range agents {
		ag = rx.settled(a, ag)
		for _, pa := range patients {
			pa = rx.settled(a, pa)
			// Resolve a named side first, then the other excluding it; with
			// two pronouns the subject first ("he invited him").
			var sEnts, oEnts []int
			if ag.ent >= 0 || pa.ent < 0 && pa.desc == nil {
				sEnts = rx.resolve(a, ag, nil)
				oEnts = rx.resolve(a, pa, toSet(sEnts))
			} else {
				oEnts = rx.resolve(a, pa, nil)
				sEnts = rx.resolve(a, ag, toSet(oEnts))
			}
			for _, se := range sEnts {
				for _, oe := range oEnts {
					if pred == schema.Visited {
						oe = rx.capitalState(a, oe)
					}
					// A state's diplomats expelled, its soldiers killed or
					// captured: the state is the one acted on.
					stateAgents := pa.actor && (pred == schema.Expelled || (pred == schema.Killed || pred == schema.Captured) && a.armed([]arg{pa}))
					if !rx.typesFit(pred, se, oe) && !stateAgents || receptionVerbs[t.Lemma] && t.Predicate == schema.Met && rx.st.Entities[oe].Type != schema.Person {
						continue
					}
					c := conf * ag.conf * pa.conf
					rx.emitEvent(a, t, se, oe, tok, gi, c)
				}
			}
		}
	}
}

// capitalState returns, for a capital city visited ("arrived in Ottawa"),
// the state the gazetteer makes it the capital of, when the document names
// that state; else e. The city then stands for its state in the sentence.
func (rx *relater) capitalState(a *sent, e int) int {
	ent := rx.st.Entities[e]
	if ent.Type != schema.Location || rx.st.Gaz == nil {
		return e
	}
	m, ok := rx.st.Gaz.Lookup(ent.Name)
	if !ok || m.Via != schema.ViaCapital || m.Entry.Type != schema.Country {
		return e
	}
	if c := rx.entityNamed(m.Entry.Name, schema.Country); c >= 0 {
		rx.anchor(a.si, c)
		return c
	}
	return e
}

// entityNamed returns the entity of the document named name, of type typ
// when typ is not "", or -1.
func (rx *relater) entityNamed(name string, typ schema.EntityType) int {
	for e, ent := range rx.st.Entities {
		if ent.Name == name && (typ == "" || ent.Type == typ) {
			return e
		}
	}
	return -1
}

// settled returns a description argument as the entity the description
// pass resolved it to in its place ("his Ethiopian counterpart", with the
// possessor's role), or g unchanged.
func (rx *relater) settled(a *sent, g arg) arg {
	if g.desc == nil || rx.extra == nil {
		return g
	}
	for _, p := range rx.extra[a.si] {
		if p.tok == g.tok {
			g.ent, g.desc = p.ent, nil
			rx.anchor(a.si, p.ent)
			return g
		}
	}
	return g
}

func toSet(xs []int) map[int]bool {
	m := make(map[int]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// typesFit checks the entity types a predicate accepts.
func (rx *relater) typesFit(pred string, s, o int) bool {
	st, ot := rx.st.Entities[s].Type, rx.st.Entities[o].Type
	if st == schema.Other || ot == schema.Other {
		return false
	}
	if personObject[pred] && ot != schema.Person && ot != schema.Organization {
		return false
	}
	if ot == schema.Location && !placeObject[pred] {
		return false
	}
	if pred == schema.Visited && ot == schema.Person {
		return false
	}
	return true
}

// emitEvent adds one event with its modality, date and attribution.
func (rx *relater) emitEvent(a *sent, t schema.Trigger, s, o, tok, gi int, conf float64) {
	mod := a.modality(tok, gi)
	c := cand{subj: s, obj: o, pred: t.Predicate, cameo: t.CAMEO, tok: tok, gi: gi, conf: conf, modality: mod}
	c.when = rx.when(a, tok, mod)
	c.attributed = rx.attribution(a, tok, gi)
	rx.emit(a, c)
}

// attribution names the speaker when the event is reported speech: "Trump
// said ... ", or a quotation followed by "X wrote".
func (rx *relater) attribution(a *sent, tok, gi int) string {
	for vi, g := range a.vgs {
		if vi == gi || !reportingVerbs[g.lemma] || g.lemma == "warn" || g.lemma == "suggest" || g.lemma == "describe" {
			continue
		}
		if !(g.head < tok || (a.quot[tok] && !a.quot[g.head])) {
			continue
		}
		subj := a.subject(vi, 0)
		if len(subj) == 0 && g.head > tok {
			// "..., wrote Trump": the subject after the verb.
			if g.end < len(a.toks) && a.ment[g.end] >= 0 {
				subj = []arg{{ent: rx.st.Mentions[a.ment[g.end]].Entity, conf: 1}}
			}
		}
		for _, sg := range subj {
			if ents := rx.resolve(a, sg, nil); len(ents) == 1 {
				return rx.st.Entities[ents[0]].Name
			}
		}
	}
	return ""
}
