package extract

import (
	"math"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// Relater finds the relations of each sentence: states from titles,
// appositions, "X, Country" and alliances, then events from trigger verbs and
// nouns, with modality, date and confidence. Anaphors resolve within the
// document (see coref.go): personal pronouns ("he", "her") to the most
// salient person of compatible gender, plural ones ("they", "their") to the
// nearest plural phrase, descriptions ("the Colombian leader") to the
// person the text gave that role, "the administration" to a state. A
// relation is emitted only when its subject and object are named, or
// referred to by an anaphor, in its evidence sentence.
type Relater struct{}

var _ Stage = Relater{}

// Name returns "relations".
func (Relater) Name() string { return "relations" }

// Run fills st.Relations.
func (Relater) Run(st *State) error {
	rx := &relater{st: st, roles: map[int][]role{}, pron: map[[2]int]int{}, plur: map[[2]int][]int{}, anchored: map[[2]int]bool{}}
	rx.sents = make([]*sent, len(st.Sentences))
	for si := range st.Sentences {
		rx.sents[si] = newSent(st, si)
	}
	rx.salienceRoles()
	rx.initGenders()
	for _, a := range rx.sents {
		if len(a.toks) <= maxRelationTokens {
			rx.states(a)
		}
	}
	rx.extra = make([][]pseudo, len(rx.sents))
	for _, a := range rx.sents {
		rx.descriptions(a)
	}
	for _, a := range rx.sents {
		if len(a.toks) <= maxRelationTokens {
			rx.events(a)
		}
	}
	return nil
}

// maxRelationTokens bounds the sentences searched for relations: longer
// "sentences" are lists or unpunctuated text where the clause rules do not
// hold, and the rules' cost grows with the square of the length.
const maxRelationTokens = 200

// role is a title a person holds in the document, with its affiliation
// (an entity index, or -1) and the sentence that first gives it.
type role struct {
	title string
	pred  string
	of    int
	si    int
}

type relater struct {
	st    *State
	sents []*sent
	// weight of each mention for salience: its grammatical prominence.
	weight []float64
	roles  map[int][]role // person entity → roles read from the text
	// extra are resolved descriptions ("the Colombian president"), which
	// count for salience like mentions.
	extra [][]pseudo
	// pron holds the antecedent of each resolved personal pronoun, and plur
	// those of each plural pronoun, by sentence and token.
	pron map[[2]int]int
	plur map[[2]int][]int
	// gender of each person entity, as far as the text tells.
	gender map[int]gender
	// anchored marks the entities an anaphor of a sentence resolved to, by
	// sentence and entity.
	anchored map[[2]int]bool
}

// pseudo is a resolved description in a sentence.
type pseudo struct {
	ent, tok int
	weight   float64
}

// descriptions resolves the personal and plural pronouns and the definite
// role descriptions of sentence a, in order, so that later anaphors can
// refer to what earlier ones resolved to: each resolved one counts for
// salience like a mention.
func (rx *relater) descriptions(a *sent) {
	for k := range a.toks {
		w := a.low[k]
		e, w8 := -1, 50.0
		switch {
		case a.toks[k].Tag == "PRP" || a.toks[k].Tag == "PRP$":
			if pluralPronouns[w] && !a.quot[k] {
				if ents := rx.pluralAntecedent(a, k); len(ents) > 0 {
					rx.plur[[2]int{a.si, k}] = ents
				}
				continue
			}
			if !personPronouns[w] {
				continue
			}
			if e = rx.personAntecedent(a, k); e >= 0 {
				rx.pron[[2]int{a.si, k}] = e
			}
			if personSubjPronouns[w] {
				w8 = 80
			}
		case startsLower(a.toks[k].Norm) && isNounTag(a.toks[k].Tag):
			d := rx.descAt(a, k)
			if d == nil {
				continue
			}
			e = rx.describe(a.si, k, d, nil)
			if j := k + 1; j < len(a.toks) && a.vgAt[j] >= 0 && a.vgs[a.vgAt[j]].finite {
				w8 = 80
			}
		}
		if e >= 0 {
			rx.extra[a.si] = append(rx.extra[a.si], pseudo{ent: e, tok: k, weight: w8})
		}
	}
}

// salienceRoles weights each mention: subjects (a mention followed by its
// verb, or the possessor of a subject) count more than other mentions.
func (rx *relater) salienceRoles() {
	rx.weight = make([]float64, len(rx.st.Mentions))
	for _, a := range rx.sents {
		first := true
		for _, mi := range rx.st.Sentences[a.si].Mentions {
			mn := rx.st.Mentions[mi]
			w := 50.0
			e := mn.End
			if e < len(a.toks) && (a.low[e] == "'s" || a.low[e] == "'") {
				e = a.npEndAt(e + 1)
			}
			j := e
			for j < len(a.toks) && a.toks[j].Tag == "RB" {
				j++
			}
			if j < len(a.toks) && a.vgAt[j] >= 0 && a.vgs[a.vgAt[j]].finite {
				w = 80
			}
			if first {
				w += 20
				first = false
			}
			rx.weight[mi] = w
		}
	}
}

// salience scores entity candidates at token tok of sentence si from their
// mentions before that point in this and the two previous sentences.
// Mentions inside a quotation belong to the quoted speaker's words: they do
// not count for a pronoun of the same sentence outside it, and count less
// in other sentences.
func (rx *relater) salience(si, tok int, ok func(int) bool) map[int]float64 {
	score := map[int]float64{}
	inQuote := rx.sents[si].quot[tok]
	for d := 0; d <= 2 && si-d >= 0; d++ {
		q := rx.sents[si-d].quot
		f := func(t int) float64 {
			x := math.Pow(0.5, float64(d))
			if q[t] && !inQuote {
				if d == 0 {
					return 0
				}
				x *= 0.3
			}
			return x
		}
		for _, mi := range rx.st.Sentences[si-d].Mentions {
			mn := rx.st.Mentions[mi]
			if mn.Entity < 0 || (d == 0 && mn.Start >= tok) || !ok(mn.Entity) {
				continue
			}
			score[mn.Entity] += (100 + rx.weight[mi]) * f(mn.Start)
		}
		if rx.extra == nil {
			continue
		}
		for _, p := range rx.extra[si-d] {
			if (d == 0 && p.tok >= tok) || !ok(p.ent) {
				continue
			}
			score[p.ent] += (100 + p.weight) * f(p.tok)
		}
	}
	for e, s := range score {
		if s == 0 {
			delete(score, e)
		}
	}
	return score
}

func best(score map[int]float64, exclude map[int]bool) int {
	b, bs := -1, 0.0
	for e, s := range score {
		if exclude[e] {
			continue
		}
		if s > bs || s == bs && e < b {
			b, bs = e, s
		}
	}
	return b
}

// resolve turns an argument into entity indices, excluding those in
// exclude, and anchors an anaphor's entities in sentence a. A personal
// pronoun inside a quotation resolves only as descriptions resolved it
// (never to the quotation's speaker).
func (rx *relater) resolve(a *sent, g arg, exclude map[int]bool) []int {
	var out []int
	switch {
	case g.ent >= 0:
		out = []int{g.ent}
	case pluralPronouns[g.pron]:
		for _, e := range rx.plur[[2]int{a.si, g.tok}] {
			if !exclude[e] {
				out = append(out, e)
			}
		}
	case personPronouns[g.pron]:
		if e, ok := rx.pron[[2]int{a.si, g.tok}]; ok && !exclude[e] {
			out = []int{e}
		} else if !a.quot[g.tok] {
			ok := func(e int) bool {
				return rx.st.Entities[e].Type == schema.Person && compatible(rx.gender[e], pronounGender(g.pron))
			}
			if e := best(rx.salience(a.si, g.tok, ok), exclude); e >= 0 {
				out = []int{e}
			}
		}
	case thingPronouns[g.pron]:
		if a.quot[g.tok] {
			return nil
		}
		ok := func(e int) bool {
			t := rx.st.Entities[e].Type
			return t == schema.Country || t == schema.Organization
		}
		if e := best(rx.salience(a.si, g.tok, ok), exclude); e >= 0 {
			out = []int{e}
		}
	case g.desc != nil:
		if e := rx.describe(a.si, g.tok, g.desc, exclude); e >= 0 {
			out = []int{e}
		}
	case g.pair == "government":
		if e := rx.government(a.si, g.tok, exclude); e >= 0 {
			out = []int{e}
		}
	case g.pair != "":
		out = rx.pair(a, g, exclude)
	}
	for _, e := range out {
		rx.anchor(a.si, e)
	}
	return out
}

// pair resolves "the two leaders" or "both countries": the two most
// salient people, or countries. "Leaders" and "presidents" are people the
// text gave a leader's title, when it gave one to two of them.
func (rx *relater) pair(a *sent, g arg, exclude map[int]bool) []int {
	if g.pair == "two" {
		g.pair = "person"
		if two := rx.pair(a, g, exclude); len(two) == 2 {
			return two
		}
		g.pair = "country"
		return rx.pair(a, g, exclude)
	}
	ok := func(e int) bool { return rx.st.Entities[e].Type == schema.Person }
	if g.pair == "country" {
		ok = func(e int) bool { return rx.st.Entities[e].Type == schema.Country }
	}
	score := rx.salience(a.si, g.tok, ok)
	if w := a.low[g.tok]; w == "leaders" || w == "presidents" {
		if leaders := rx.leadersBefore(a, g.tok, score, exclude); len(leaders) >= 2 {
			score = leaders
		}
	}
	x := best(score, exclude)
	if x < 0 {
		return nil
	}
	ex := map[int]bool{x: true}
	for k := range exclude {
		ex[k] = true
	}
	y := best(score, ex)
	if y < 0 {
		return nil
	}
	return []int{x, y}
}

// leadersBefore scores the people named before token tok of sentence a
// whom the text gave a leader's title: by salience, and those out of its
// reach by how recently they were named.
func (rx *relater) leadersBefore(a *sent, tok int, score map[int]float64, exclude map[int]bool) map[int]float64 {
	out := map[int]float64{}
	for _, mn := range rx.st.Mentions {
		e := mn.Entity
		if e < 0 || exclude[e] || !rx.isLeader(e) || mn.Sent > a.si || mn.Sent == a.si && mn.Start >= tok {
			continue
		}
		if s, ok := score[e]; ok {
			out[e] = s
		} else {
			out[e] = 1 / float64(1+a.si-mn.Sent)
		}
	}
	return out
}

// isLeader reports whether the text gives person e a leader's title.
func (rx *relater) isLeader(e int) bool {
	for _, r := range rx.roles[e] {
		if r.pred == schema.LeaderOf {
			return true
		}
	}
	return false
}

// describe resolves a definite description at token tok of sentence si to
// the most salient person the text gave that role in that sentence or an
// earlier one (see titleFits), or -1; a headline, written to sum up the
// article, may use any role of it. A description that names no state ("the
// foreign minister") fits a holder of any state.
func (rx *relater) describe(si, tok int, d *desc, exclude map[int]bool) int {
	if t, ok := rx.titleSpanAt(rx.sents[si], tok); ok && d.title != "counterpart" {
		full := *d // the whole title: "prime minister", not "minister"
		full.title, full.pred = t.Info.Phrase, t.Info.Predicate
		d = &full
	}
	score := rx.salience(si, tok, func(e int) bool { return rx.st.Entities[e].Type == schema.Person })
	cands := map[int]float64{}
	for e, rs := range rx.roles {
		if exclude[e] {
			continue
		}
		for _, r := range rs {
			if (r.si <= si || rx.isHeadline(si)) && (d.of < 0 || r.of == d.of) && titleFits(d, r) {
				cands[e] = score[e] + 1
			}
		}
	}
	return best(cands, nil)
}

// isHeadline reports whether sentence si is the article's title: the
// first sentence, alone on its line, of an article of several lines.
func (rx *relater) isHeadline(si int) bool {
	ss := rx.st.Sentences
	return si == 0 && rx.st.Doc.Title != "" && len(ss) > 1 && ss[1].Para
}

// isGenericTitle reports whether a title word names any holder of a role
// of its kind ("leader").
func isGenericTitle(t string) bool {
	switch strings.ToLower(t) {
	case "leader", "ruler", "head of state", "head of government", "official", "senior official", "strongman":
		return true
	}
	return false
}

// cand is a relation found in a sentence before it becomes a Relation.
type cand struct {
	subj, obj  int // entity indices
	pred       string
	literal    string // the object of "title"
	cameo      string
	tok        int // the trigger token, for modality and date
	gi         int // the verb group that carries modality, or -1
	conf       float64
	modality   schema.Modality
	when       string
	attributed string
}

// emit adds a relation of sentence a to the state.
func (rx *relater) emit(a *sent, c cand) {
	if c.subj < 0 || (c.literal == "" && c.obj < 0) || c.subj == c.obj {
		return
	}
	if !rx.inSentence(a.si, c.subj) || c.literal == "" && !rx.inSentence(a.si, c.obj) {
		return // the evidence must name both sides, or refer to them
	}
	p, ok := schema.LookupPredicate(c.pred)
	if !ok {
		return
	}
	se := rx.st.Entities[c.subj]
	r := Relation{
		Subject: se.Name, SubjectType: se.Type, Predicate: c.pred,
		Modality: schema.Asserted, Confidence: math.Round(clamp(c.conf)*100) / 100,
	}
	if c.literal != "" {
		r.Object = c.literal
	} else {
		oe := rx.st.Entities[c.obj]
		r.Object, r.ObjectType = oe.Name, oe.Type
	}
	if p.Kind == schema.Event {
		r.Modality = c.modality
		if r.Modality == "" {
			r.Modality = schema.Asserted
		}
		r.CAMEO = c.cameo
		if r.CAMEO == "" || r.CAMEO == p.CAMEO {
			r.CAMEO = p.CodeFor(r.Modality)
		}
		r.When = c.when
		r.Attribution = c.attributed
	}
	s := rx.st.Sentences[a.si]
	r.Sentence, r.Start, r.End = rx.st.Doc.Text[s.Start:s.End], s.Start, s.End
	rx.st.Relations = append(rx.st.Relations, r)
}

func clamp(x float64) float64 {
	if x < 0.05 {
		return 0.05
	}
	if x > 0.99 {
		return 0.99
	}
	return x
}
