package main

import (
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// Entry is one generated trigger: a line of the trigger file.
type Entry struct {
	Lemma     string // "denounce", "impose sanction", "put * on * trial"
	POS       string // always "verb": the dictionary lists verbs
	Predicate string
	CAMEO     string
}

// Reason says why a dictionary item gave no entry; the values are the
// sentences of the generated file's header.
type Reason string

// Why items are dropped.
const (
	DropNullCode    Reason = "null code (the verb alone or in this pattern is no event)"
	DropCode        Reason = "CAMEO code with no schema predicate"
	DropStop        Reason = "verb on the stop list (too generic or ambiguous for its predicate)"
	DropLoose       Reason = "synonym of a block too loose for its predicate (met, cooperated_with, aided, opposed, demanded: their patterns are kept)"
	DropSet         Reason = "pattern on a synset too large or too vague to spell out (currencies, weapons, aircraft, leaders)"
	DropLiteral     Reason = "multi-word verb written inflected (\"+KILLED_AND {}\"), not as a base form"
	DropMultiword   Reason = "multi-word verb that is neither VERB PARTICLE nor VERB OBJECT-HEAD"
	DropPre         Reason = "pattern with words before the verb (subject side), which the extractor does not check"
	DropShape       Reason = "pattern shape with no extractor form (several elements, phrase objects, markers, alternatives)"
	DropOrigin      Reason = "pattern written for a verb outside its block (its comment names another verb, or none and no verb is the block's name)"
	DropAmbiguous   Reason = "phrase that the dictionary maps to more than one predicate"
	DropReport      Reason = "pattern on a verb of reporting (\"announce arrest\"): its subject is not the actor"
	DropUnconfirmed Reason = "pattern phrase whose verb and object are no trigger of its predicate (\"raise concern\" as met, \"hold talks\" as negotiated_with)"
)

// Report counts what a conversion kept and dropped: dictionary items
// (verb lines and pattern lines) by reason, and entries by predicate.
type Report struct {
	Verbs, Patterns int            // items read
	Dropped         map[Reason]int // items (or, for DropAmbiguous, phrases) dropped
	Kept            map[string]int // entries by predicate
	Duplicates      int            // candidate entries merged into another one
	Malformed       int            // lines the parser skipped
}

// codePredicates maps CAMEO code prefixes to schema predicates; the longest
// matching prefix wins, and a code matching none gives no entry. Left out on
// purpose: 036 (intent to meet: the extractor derives planned modality from
// the clause, not the verb), 045 mediate, 050 and 052–056 (other diplomatic
// cooperation), 110 and 113–116 (disapproval that is not criticism or
// accusation), 15x force posture, 16x other than sanctions, 170–172 (other
// coercion), 175 (violent repression: the dictionary's 175 patterns are
// "disperse protest", "use water cannon", not removal from power), 180
// (unspecified violence: "hurt", "abuse"), 184, 20x other than mass killing.
var codePredicates = []struct{ prefix, predicate string }{
	{"040", schema.Met}, {"043", schema.Met}, {"044", schema.Met},
	{"041", schema.SpokeWith},
	{"042", schema.Visited},
	{"046", schema.NegotiatedWith},
	{"051", schema.Praised},
	{"057", schema.SignedAgreementWith},
	{"06", schema.CooperatedWith},
	{"07", schema.Aided},
	{"10", schema.Demanded},
	{"111", schema.Criticized},
	{"112", schema.Accused},
	{"12", schema.Opposed},
	{"13", schema.Threatened},
	{"14", schema.Protested},
	{"163", schema.Sanctioned},
	{"173", schema.Captured}, // or Charged: see legalWords
	{"174", schema.Expelled},
	{"181", schema.Captured},
	{"182", schema.Attacked}, {"1821", ""}, {"1822", ""}, // assault, not sexual assault or torture
	{"1823", schema.Killed},
	{"183", schema.Attacked},
	{"185", schema.Attacked},
	{"186", schema.Killed},
	{"19", schema.Attacked},
	{"202", schema.Killed},
}

// legalWords turn a 173 entry (arrest, detain or charge) into charged: the
// verb or a word of its pattern is about courts rather than custody.
var legalWords = set("charge", "indict", "prosecute", "try", "convict", "arraign", "condemn", "trial", "court", "verdict", "hearing", "lawsuit", "sentence", "prosecution", "indictment", "tribunal")

// blockPredicates override the predicate of a whole verb block whose code
// is coarser than the schema: the KILL block is coded 190 (use of force),
// but its verbs (behead, slay, strangle) and their patterns ("kill * in *
// clash") say that someone was killed. Only entries already mapped to
// attacked or killed change.
var blockPredicates = map[string]string{"KILL": schema.Killed}

// looseBlocks are the predicates whose blocks list WordNet synonyms that
// mostly do not mean the event: the 040 blocks hold "think", "ponder",
// "journey", "amass"; the 06x blocks "administer", "enhance", "govern";
// the 07x blocks "tend", "ward", "interfere"; the 120 block "postpone",
// "hamper"; the 100 block "need", "bid", "push". Their synonym lines give
// no entry (the hand-written file has the good ones); their patterns do.
var looseBlocks = set(schema.Met, schema.CooperatedWith, schema.Aided, schema.Opposed, schema.Demanded)

// stopVerbs are synonyms too generic or too ambiguous in news text for the
// predicate their block gives them. Their patterns still count when the
// object is a trigger noun of the predicate (see confirmed).
var stopVerbs = set(
	// attacked (18x, 19x): contests, damage and struggle in other senses
	"altercate", "beat", "best", "blow", "break", "bust", "circle", "clobber",
	"conflict", "crush", "defeat", "desolate", "despoil", "detonate",
	"disarm", "dishonor", "dishonour", "dominate", "duel", "dynamite",
	"eradicate", "explode", "foray", "grapple", "hammer", "infest", "inhabit",
	"master", "match", "obliterate", "overcome", "overshadow", "overtake",
	"overwhelm", "pit", "quarrel", "ravish", "reave", "reside", "ring", "ruin",
	"shatter", "smash", "snipe", "struggle", "surmount", "surround", "thump",
	"engage", "target", "pound", "destroy", "die", "flatten", "encircle",
	"ransack", "gunfire", "shoot", "hit", "hang", "strike", "stone",
	"fire", "occupy", "storm", "battle", "combat", "fight", "devastate",
	"square off",
	// visited (042): attending or convening is no visit to a place
	"attend", "convene",
	// expelled (174), killed (KILL block): particle verbs with other senses
	"beef up", "stamp out", "shoot down",
	// threatened (13x)
	"caution", "risk", "endanger",
	// protested (14x): annoyance verbs and words with everyday senses
	"agitate", "agonise", "agonize", "annoy", "arouse", "badger", "bother",
	"discomfit", "disconcert", "disquiet", "enkindle", "harass", "harry",
	"hassle", "irk", "irritate", "pester", "plague", "rag", "torment",
	"upset", "vex", "demonstrate", "loot", "disturb", "march", "provoke",
	// criticized (111)
	"abhor", "chasten", "crucify", "lecture", "reprobate", "snub", "express",
	// praised (051): approval, encouragement and ceremony, not praise
	"affirm", "appreciate", "bless", "celebrate", "cheer", "clap",
	"commemorate", "embolden", "encourage", "enliven", "esteem", "favor",
	"favour", "galvanize", "greet", "honor", "honour", "inspire",
	"invigorate", "legitimise", "legitimize", "prefer", "prize", "reassert",
	"reassure", "recognise", "recognize", "respect", "revitalize", "reward",
	"rouse", "sanctify", "spur", "value", "welcome", "admire", "toast",
	// expelled (174)
	"remove",
	// captured, charged (173)
	"confine", "sue",
)

// particles may follow a verb in a VERB PARTICLE form: prepositions and
// adverbial particles.
var particles = set("about", "across", "against", "ahead", "along", "around", "at", "away", "back", "by", "down", "for", "from", "in", "into", "of", "off", "on", "onto", "out", "over", "through", "to", "toward", "towards", "under", "up", "upon", "with", "within")

func set(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// candidate is an entry before conflicts are settled, with the line that
// gave it.
type candidate struct {
	Entry
	line int
}

// Lexicon maps a trigger's part of speech and lemma, joined by a blank
// ("noun summit", "verb impose"), to its predicate: the hand-written
// triggers a generated phrase must agree with.
type Lexicon map[string]string

// Convert turns the dictionary into trigger entries: verb synonyms with
// their own or their block's code, and patterns that fit a phrase form of
// the extractor (see patternTails), each mapped to a predicate by
// codePredicates. A pattern's phrase is kept only when it is confirmed: its
// verb, or its object or complement head, is a trigger of the same
// predicate in hand (a verb also counts when it is a kept synonym). A
// phrase that maps to two predicates is dropped; one that maps to one
// predicate under several codes keeps its most frequent code (the first
// listed on a tie). Entries come sorted by predicate, then lemma.
func Convert(d *Dict, hand Lexicon) ([]Entry, Report) {
	rep := Report{Dropped: map[Reason]int{}, Kept: map[string]int{}}
	var cands []candidate
	known := Lexicon{}
	for k, v := range hand {
		known[k] = v
	}
	for _, b := range d.Blocks {
		for _, v := range b.Verbs {
			rep.Verbs++
			c, why := verbEntry(b, v)
			if why != "" {
				rep.Dropped[why]++
				continue
			}
			cands = append(cands, c)
			if _, ok := known["verb "+c.Lemma]; !ok {
				known["verb "+c.Lemma] = c.Predicate
			}
		}
	}
	for _, b := range d.Blocks {
		for _, p := range b.Patterns {
			rep.Patterns++
			cs, why := patternEntries(d, b, p, known)
			if why != "" {
				rep.Dropped[why]++
				continue
			}
			cands = append(cands, cs...)
		}
	}
	out := settle(cands, &rep)
	for _, e := range out {
		rep.Kept[e.Predicate]++
	}
	return out, rep
}

// verbEntry maps one synonym line.
func verbEntry(b Block, v Verb) (candidate, Reason) {
	code := b.Code
	if v.HasCode {
		code = v.Code
	}
	if code == "" {
		return candidate{}, DropNullCode
	}
	if v.Literal {
		return candidate{}, DropLiteral
	}
	lemma, ok := verbLemma(v.Words)
	if !ok {
		return candidate{}, DropMultiword
	}
	pred := predicateFor(b.Name, code, v.Words)
	switch {
	case pred == "":
		return candidate{}, DropCode
	case looseBlocks[pred]:
		return candidate{}, DropLoose
	case stopVerbs[lemma]:
		return candidate{}, DropStop
	}
	return candidate{Entry{lemma, "verb", pred, code}, v.Line}, ""
}

// verbLemma writes a synonym as a trigger lemma: a single verb, "re-" +
// verb for the dictionary's "RE_" prefix, VERB PARTICLE... ("meet with",
// "live up to") or VERB OBJECT-HEAD ("take control").
func verbLemma(ws []string) (string, bool) {
	if len(ws) >= 2 && ws[0] == "re" {
		ws = append([]string{"re-" + ws[1]}, ws[2:]...)
	}
	for _, w := range ws {
		if !isWord(w) {
			return "", false
		}
	}
	if len(ws) == 1 {
		return ws[0], true
	}
	allParticles := true
	for _, w := range ws[1:] {
		allParticles = allParticles && particles[w]
	}
	if allParticles || len(ws) == 2 {
		return strings.Join(ws, " "), true
	}
	return "", false
}

// isWord reports whether w is a plain word: letters, inner hyphens and
// apostrophes.
func isWord(w string) bool {
	for i, r := range w {
		if !(r >= 'a' && r <= 'z' || i > 0 && (r == '-' || r == '\'')) {
			return false
		}
	}
	return w != "" && !strings.HasSuffix(w, "-")
}

// patternEntries maps one pattern line to an entry for each verb of its
// block that the pattern was written for (all single-word verbs of the block
// when its comment names none).
func patternEntries(d *Dict, b Block, p Pattern, known Lexicon) ([]candidate, Reason) {
	if p.Code == "" {
		return nil, DropNullCode
	}
	if len(p.Pre) > 0 {
		return nil, DropPre
	}
	if usesBadSet(d, p.Post) {
		return nil, DropSet
	}
	tails := patternTails(d, p.Post)
	if len(tails) == 0 {
		return nil, DropShape
	}
	verbs := patternVerbs(b, p)
	if len(verbs) == 0 {
		return nil, DropOrigin
	}
	var out []candidate
	var why Reason
	for _, v := range verbs {
		if len(v.Words) != 1 || v.Literal || !isWord(v.Words[0]) {
			continue
		}
		for _, t := range tails {
			pred := predicateFor(b.Name, p.Code, append([]string{v.Words[0]}, t.words...))
			if pred == "" {
				why = DropCode
				continue
			}
			if reportVerbs[v.Words[0]] {
				why = DropReport
				continue
			}
			if !confirmed(known, v.Words[0], t.head, pred) {
				why = DropUnconfirmed
				continue
			}
			out = append(out, candidate{Entry{t.lemma(v.Words[0]), "verb", pred, p.Code}, p.Line})
		}
	}
	if len(out) == 0 {
		if why == "" {
			why = DropShape
		}
		return nil, why
	}
	return out, ""
}

// patternVerbs returns the verbs of b that pattern p applies to: those its
// comment names, or when it names none the verb that gives the block its
// name. PETRARCH applies a pattern to every synonym of the block, but the
// loose blocks would turn "- * BACK" into "rule back" and "govern back".
func patternVerbs(b Block, p Pattern) []Verb {
	names := p.Origins
	if len(names) == 0 {
		names = []string{strings.Join(words(b.Name), " ")}
	}
	var out []Verb
	for _, v := range b.Verbs {
		name := strings.Join(v.Words, " ")
		for _, o := range names {
			if o == name {
				out = append(out, v)
				break
			}
		}
	}
	return out
}

// confirmed reports whether the schema's triggers agree that verb with
// object or complement head means pred: the verb is a trigger of pred, or
// it triggers nothing and head is a trigger noun of pred ("hold summit").
// A verb that triggers another predicate is not confirmed by its object
// ("demand detention" is no capture).
func confirmed(known Lexicon, verb, head, pred string) bool {
	if vp, ok := known["verb "+verb]; ok {
		return vp == pred
	}
	return head != "" && known["noun "+head] == pred
}

// reportVerbs report or acknowledge an event ("announce arrest", "report
// attack", "confirm boycott"): their subject is the one who reports, not the
// actor, so their patterns give no entry.
var reportVerbs = set("announce", "report", "confirm", "quote", "admit", "publish", "release", "claim", "say", "tell", "reveal")

// maxSet is the largest synset spelled out into phrases.
const maxSet = 20

// vagueSets are synsets of titles: as an object they say whom an event
// touched, not what it was ("tarnish president").
var vagueSets = set("LEADER")

// usesBadSet reports whether elems refer to a synset larger than maxSet or
// in vagueSets.
func usesBadSet(d *Dict, elems []Elem) bool {
	for _, e := range elems {
		if e.Kind == Set && (len(d.Synsets[e.Words[0]].Members) > maxSet || vagueSets[e.Words[0]]) {
			return true
		}
		if e.Kind == PP && usesBadSet(d, e.Sub) {
			return true
		}
	}
	return false
}

// tail is the part of a phrase after the verb: a particle, an object head,
// or a preposition and the head of its complement.
type tail struct {
	prep, head string
	words      []string // the pattern's words, for the legal test
}

// lemma writes the phrase for verb: "verb prep", "verb head" or
// "verb * prep * head".
func (t tail) lemma(verb string) string {
	switch {
	case t.prep != "" && t.head != "":
		return verb + " * " + t.prep + " * " + t.head
	case t.prep != "":
		return verb + " " + t.prep
	default:
		return verb + " " + t.head
	}
}

// patternTails converts what follows the verb into the extractor's forms.
// Only one element is accepted:
//
//	(PREP)            → VERB PREP            "- * (AGAINST)"
//	PARTICLE          → VERB PARTICLE        "- * BACK"
//	NOUN or &SET      → VERB OBJECT-HEAD     "- * SANCTIONS", "- * &WEAPON"
//	(PREP NOUN|&SET)  → VERB * PREP * HEAD   "- * (ON TRIAL)"
//
// Nouns are made singular and sets expand to their one-word members. Any
// other shape gives nothing.
func patternTails(d *Dict, post []Elem) []tail {
	if len(post) != 1 {
		return nil
	}
	e := post[0]
	switch e.Kind {
	case Word:
		w := e.Words[0]
		if particles[w] {
			return []tail{{prep: w, words: e.Words}}
		}
		if !isWord(w) {
			return nil
		}
		return []tail{{head: singular(w), words: []string{singular(w)}}}
	case Set:
		var out []tail
		for _, h := range setHeads(d, e.Words[0]) {
			out = append(out, tail{head: h, words: []string{h}})
		}
		return out
	case PP:
		return ppTails(d, e.Sub)
	}
	return nil
}

// ppTails converts the content of a prepositional phrase: a preposition
// alone, or a preposition and one noun or set.
func ppTails(d *Dict, sub []Elem) []tail {
	if len(sub) == 0 || len(sub) > 2 || sub[0].Kind != Word || !particles[sub[0].Words[0]] {
		return nil
	}
	prep := sub[0].Words[0]
	if len(sub) == 1 {
		return []tail{{prep: prep, words: []string{prep}}}
	}
	var heads []string
	switch c := sub[1]; c.Kind {
	case Word:
		if isWord(c.Words[0]) && !particles[c.Words[0]] {
			heads = []string{singular(c.Words[0])}
		}
	case Set:
		heads = setHeads(d, c.Words[0])
	}
	var out []tail
	for _, h := range heads {
		out = append(out, tail{prep: prep, head: h, words: []string{prep, h}})
	}
	return out
}

// setHeads returns the one-word members of synset label, singular; nil for
// an unknown set.
func setHeads(d *Dict, label string) []string {
	var out []string
	for _, m := range d.Synsets[label].Members {
		if len(m) == 1 && isWord(m[0]) {
			out = append(out, singular(m[0]))
		}
	}
	return out
}

// singular undoes the regular English plural, as the extractor's noun
// lemmas do: "sanctions" → "sanction", "allies" → "ally", "taxes" → "tax".
func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "xes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

// predicateFor maps code to a predicate, splitting 173 between captured and
// charged by ws (the verb and its pattern's words) and applying the
// block's override.
func predicateFor(block, code string, ws []string) string {
	pred, best := "", 0
	for _, cp := range codePredicates {
		if strings.HasPrefix(code, cp.prefix) && len(cp.prefix) > best {
			pred, best = cp.predicate, len(cp.prefix)
		}
	}
	if pred == schema.Captured && strings.HasPrefix(code, "173") {
		for _, w := range ws {
			if legalWords[w] {
				pred = schema.Charged
			}
		}
	}
	if o, ok := blockPredicates[block]; ok && (pred == schema.Attacked || pred == schema.Killed) {
		pred = o
	}
	return pred
}

// settle merges candidates with the same lemma, drops the ambiguous ones and
// sorts the rest.
func settle(cands []candidate, rep *Report) []Entry {
	byLemma := map[string][]candidate{}
	var lemmas []string
	for _, c := range cands {
		if _, ok := byLemma[c.Lemma]; !ok {
			lemmas = append(lemmas, c.Lemma)
		}
		byLemma[c.Lemma] = append(byLemma[c.Lemma], c)
	}
	var out []Entry
	for _, l := range lemmas {
		cs := byLemma[l]
		preds := map[string]bool{}
		for _, c := range cs {
			preds[c.Predicate] = true
		}
		if len(preds) > 1 {
			rep.Dropped[DropAmbiguous]++
			continue
		}
		out = append(out, mostFrequent(cs))
		rep.Duplicates += len(cs) - 1
	}
	order := map[string]int{}
	for i, cp := range codePredicates {
		if _, ok := order[cp.predicate]; !ok {
			order[cp.predicate] = i
		}
	}
	order[schema.Charged] = order[schema.Captured]
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if order[a.Predicate] != order[b.Predicate] {
			return order[a.Predicate] < order[b.Predicate]
		}
		if a.Predicate != b.Predicate {
			return a.Predicate < b.Predicate
		}
		return a.Lemma < b.Lemma
	})
	return out
}

// mostFrequent returns the entry of cs (one lemma, one predicate) with the
// code given most often, the earliest line winning ties.
func mostFrequent(cs []candidate) Entry {
	count := map[string]int{}
	first := map[string]int{}
	for _, c := range cs {
		count[c.CAMEO]++
		if l, ok := first[c.CAMEO]; !ok || c.line < l {
			first[c.CAMEO] = c.line
		}
	}
	best := cs[0]
	for _, c := range cs {
		if count[c.CAMEO] > count[best.CAMEO] || count[c.CAMEO] == count[best.CAMEO] && first[c.CAMEO] < first[best.CAMEO] {
			best = c
		}
	}
	return best.Entry
}
