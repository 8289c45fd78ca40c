package extract

import (
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// states finds the standing facts of sentence a: roles from titles before a
// name ("Colombian President Gustavo Petro", "the President of Colombia,
// Gustavo Petro", "Colombia's ambassador to the United States, Daniel X") and
// in an apposition after it ("Gustavo Petro, the President of Colombia");
// "Place, Country" (located_in); "X is Y's ally" (allied_with); "Colombia's
// Foreign Ministry" (based_in).
func (rx *relater) states(a *sent) {
	s := rx.st.Sentences[a.si]
	for _, mi := range s.Mentions {
		mn := rx.st.Mentions[mi]
		if mn.Entity < 0 {
			continue
		}
		rx.affiliations(a, mn)
		switch rx.st.Entities[mn.Entity].Type {
		case schema.Person:
			rx.titleBefore(a, mn)
			rx.titleAfter(a, mn)
			rx.counterpart(a, mn)
		case schema.Location, schema.Other:
			rx.placeOf(a, mn)
		case schema.Organization:
			rx.orgOf(a, mn)
		}
	}
	rx.clauseStates(a)
	for k := range a.toks {
		if a.ment[k] < 0 && isNounTag(a.toks[k].Tag) {
			switch a.low[k] {
			case "ally", "allies":
				rx.ally(a, k)
			case "partner", "partners":
				if k == 0 || !tradeWords[a.low[k-1]] {
					rx.ally(a, k)
				}
			}
		}
	}
}

// affiliation returns the entity of a country or organisation mention at
// token k, or -1.
func (rx *relater) affiliation(a *sent, k int) int {
	if k < 0 || k >= len(a.toks) || a.ment[k] < 0 {
		return -1
	}
	e := rx.st.Mentions[a.ment[k]].Entity
	if e < 0 {
		return -1
	}
	switch rx.st.Entities[e].Type {
	case schema.Country, schema.Organization:
		return e
	}
	return -1
}

// leftAffiliation looks left of token k, past adjectives and lower-case
// nouns, for "Colombian", "US", "Colombia's" ("a Kyrgyz border commander",
// "Colombia's army chief") or "Country, whose"; it reports whether a word
// such as "former" was seen.
func (rx *relater) leftAffiliation(a *sent, k int) (int, bool) {
	former := false
	j := k - 1
	for j >= 0 && (a.toks[j].Tag == "JJ" || a.toks[j].Tag == "HYPH" || a.toks[j].Tag == "RB" || a.toks[j].Tag == "JJS" || a.toks[j].Tag == "VBN" || inCompound(a.toks, j) || a.toks[j].Tag == "NN" && startsLower(a.toks[j].Norm) && !a.ttl[j]) && a.ment[j] < 0 {
		if a.low[j] == "former" || a.low[j] == "ex" || a.low[j] == "late" || a.low[j] == "then" {
			former = true
		}
		j--
	}
	if j >= 0 && (a.low[j] == "'s" || a.low[j] == "'") {
		j--
	} else if j >= 2 && a.low[j] == "whose" && a.low[j-1] == "," {
		j -= 2 // "Kazakhstan, whose president, X"
	}
	if j >= 0 && a.ment[j] >= 0 {
		// "Former Brazilian President X": "former" before the affiliation
		for x := a.st.Mentions[a.ment[j]].Start - 1; x >= 0 && x >= j-3; x-- {
			if formerWords[a.low[x]] {
				former = true
			}
			if a.toks[x].Tag != "JJ" && a.toks[x].Tag != "DT" && a.toks[x].Tag != "RB" {
				break
			}
		}
	}
	return rx.affiliation(a, j), former
}

// addRole records that person holds title t for of (or -1), as sentence
// si first says.
func (rx *relater) addRole(person int, t TitleSpan, of, si int) {
	for _, r := range rx.roles[person] {
		if r.of == of && strings.EqualFold(r.title, t.Info.Phrase) {
			return
		}
	}
	rx.roles[person] = append(rx.roles[person], role{title: t.Info.Phrase, pred: t.Info.Predicate, of: of, si: si})
}

// titleBefore handles a title before the name mn.
func (rx *relater) titleBefore(a *sent, mn Mention) {
	s := rx.st.Sentences[a.si]
	for _, t := range s.Titles {
		if t.End > mn.Start || t.End < mn.Start-7 {
			continue
		}
		// The gap between the title and the name: nothing, a comma, or
		// "of/to/for/in [the] Country ,".
		j := t.End
		after := -1
		to := strings.HasSuffix(strings.ToLower(t.Text), " to")
		if j < mn.Start && (a.low[j] == "of" || a.low[j] == "to" || a.low[j] == "for" || a.low[j] == "in") {
			to = to || a.low[j] == "to"
			j++
			if j < mn.Start && a.low[j] == "the" {
				j++
			}
			if j < mn.Start && a.ment[j] >= 0 {
				after = j
				j = rx.st.Mentions[a.ment[j]].End
			} else {
				continue
			}
		} else if to && j < mn.Start && a.ment[j] >= 0 {
			after = j
			j = rx.st.Mentions[a.ment[j]].End
		} else if to && j+1 < mn.Start && a.low[j] == "the" && a.ment[j+1] >= 0 {
			after = j + 1
			j = rx.st.Mentions[a.ment[j+1]].End
		}
		if j < mn.Start && a.low[j] == "," {
			j++
			j = rx.rankEnd(a, j, mn.Start) // "a border commander, Colonel X"
		}
		if j != mn.Start {
			continue
		}
		of, former := rx.leftAffiliation(a, t.Start)
		if former {
			continue
		}
		if of < 0 && after < 0 && mn.End+1 < len(a.toks) && a.low[mn.End] == "of" {
			// "Foreign Minister Penny Wong of Australia"
			if y := a.mentionAt(mn.End + 1); y != nil && rx.st.Entities[y.Entity].Type == schema.Country && y.Via != schema.ViaDemonym {
				of = y.Entity
			}
		}
		title := t.Text
		if after >= 0 {
			if to {
				title += " " + spanText(a.toks, t.End, rx.st.Mentions[a.ment[after]].End)
			} else if of < 0 {
				of = rx.affiliation(a, after)
			}
		}
		rx.role(a, mn.Entity, t, of, title, 0.95)
		return
	}
}

// rankEnd returns the end of the titles that run from token j to the name
// at token name ("Brigadier General" in ", Brigadier General X"), or j.
func (rx *relater) rankEnd(a *sent, j, name int) int {
	for _, t := range rx.st.Sentences[a.si].Titles {
		if t.Start == j && t.End <= name {
			j = t.End
		}
	}
	return j
}

// titleAfter handles an apposition after the name mn: ", the President of
// Colombia", ", Colombia's president", ", the first left-wing president in
// Colombia's history".
func (rx *relater) titleAfter(a *sent, mn Mention) {
	s := rx.st.Sentences[a.si]
	if mn.End >= len(a.toks) || a.low[mn.End] != "," {
		return
	}
	for _, t := range s.Titles {
		if t.Start <= mn.End || t.Start > mn.End+6 {
			continue
		}
		ok := true
		for k := mn.End + 1; k < t.Start; k++ {
			tg := a.toks[k].Tag
			if a.ment[k] >= 0 || tg == "DT" || tg == "PRP$" || tg == "JJ" || tg == "JJS" || tg == "RB" || tg == "HYPH" || tg == "CD" || tg == "POS" || tg == "VBN" || inCompound(a.toks, k) {
				if a.low[k] == "former" || a.low[k] == "late" {
					return
				}
				continue
			}
			ok = false
		}
		if !ok {
			return
		}
		of, _ := rx.leftAffiliation(a, t.Start)
		j := t.End
		if of < 0 && j < len(a.toks) && (a.low[j] == "of" || a.low[j] == "in" || a.low[j] == "for") {
			j++
			if j < len(a.toks) && a.low[j] == "the" {
				j++
			}
			of = rx.affiliation(a, j)
		}
		rx.role(a, mn.Entity, t, of, t.Text, 0.9)
		return
	}
}

// counterpart handles "his Colombian counterpart, Gustavo Petro": the named
// person holds, for the country, the role the possessor holds.
func (rx *relater) counterpart(a *sent, mn Mention) {
	k := mn.Start - 1
	if k < 2 || a.low[k] != "," || (a.low[k-1] != "counterpart" && a.low[k-1] != "opposite number") {
		return
	}
	of, _ := rx.leftAffiliation(a, k-1)
	if of < 0 {
		return
	}
	p := k - 2
	for p >= 0 && a.ment[p] >= 0 && rx.st.Mentions[a.ment[p]].Entity == of {
		p--
	}
	if p < 0 {
		return
	}
	var holder int = -1
	switch {
	case a.toks[p].Tag == "PRP$" && personPronouns[a.low[p]]:
		holder = best(rx.salience(a.si, p, func(e int) bool { return rx.st.Entities[e].Type == schema.Person }), map[int]bool{mn.Entity: true})
	case a.low[p] == "'s" && p > 0 && a.ment[p-1] >= 0:
		holder = rx.st.Mentions[a.ment[p-1]].Entity
	}
	if holder < 0 || len(rx.roles[holder]) == 0 {
		return
	}
	r := rx.roles[holder][0]
	t := TitleSpan{Text: r.title, Info: schema.TitleInfo{Phrase: r.title, Predicate: r.pred}}
	rx.role(a, mn.Entity, t, of, r.title, 0.7)
}

// role emits the title and, with an affiliation, the role's state.
func (rx *relater) role(a *sent, person int, t TitleSpan, of int, title string, conf float64) {
	rx.emit(a, cand{subj: person, pred: schema.Title, literal: schema.NormalizeText(title), conf: conf, gi: -1})
	rx.addRole(person, t, of, a.si)
	if of >= 0 && (t.Info.Predicate == schema.LeaderOf || t.Info.Predicate == schema.OfficialOf) {
		rx.dropCitizen(person, of)
	}
	if of >= 0 && t.Info.Predicate == schema.EmployeeOf && rx.st.Entities[of].Type != schema.Organization {
		return // "an Argentine engineer" works for no state: a nationality
	}
	if of >= 0 {
		rx.emit(a, cand{subj: person, obj: of, pred: t.Info.Predicate, conf: conf, gi: -1})
	}
}

// placeOf handles "Guernica, Spain", a place followed by its country, and
// "Kunduz in northern Afghanistan", "Tikrit in Salahuddin province".
func (rx *relater) placeOf(a *sent, mn Mention) {
	e := mn.End
	if e+1 < len(a.toks) && a.low[e] == "in" {
		rx.placeIn(a, mn, e+1)
	}
	if e+1 >= len(a.toks) || a.low[e] != "," || a.ment[e+1] < 0 {
		return
	}
	cm := rx.st.Mentions[a.ment[e+1]]
	if cm.Entity < 0 || rx.st.Entities[cm.Entity].Type != schema.Country || cm.Via == schema.ViaDemonym {
		return
	}
	// Not a list of countries: "Peru, Chile, and Bolivia".
	if x := cm.End; x+1 < len(a.toks) && (a.low[x] == "," || a.low[x] == "and") && a.ment[x+1] >= 0 {
		if o := rx.st.Mentions[a.ment[x+1]].Entity; o >= 0 && rx.st.Entities[o].Type == schema.Country {
			return
		}
	}
	rx.emit(a, cand{subj: mn.Entity, obj: cm.Entity, pred: schema.LocatedIn, conf: 0.85, gi: -1})
}

// placeIn handles the place named from token k after "Place in": a
// country or place, after direction words, closing its phrase or followed
// by a kind of region ("province").
func (rx *relater) placeIn(a *sent, mn Mention, k int) {
	for k < len(a.toks) && (a.low[k] == "the" || directionWords[a.low[k]] || a.low[k] == "southeastern" || a.low[k] == "southwestern" || a.low[k] == "northeastern" || a.low[k] == "northwestern") && a.ment[k] < 0 {
		k++
	}
	y := a.mentionAt(k)
	if y == nil || y.Entity == mn.Entity || rx.st.Entities[mn.Entity].Type != schema.Location {
		return
	}
	if t := rx.st.Entities[y.Entity].Type; t != schema.Location && t != schema.Country {
		return
	}
	if y.End < len(a.toks) && a.inNP(y.End) && schemaRole(singular(a.low[y.End])) != schema.LocatedIn {
		return // "Kabul in Kandahar talks"
	}
	rx.emit(a, cand{subj: mn.Entity, obj: y.Entity, pred: schema.LocatedIn, conf: 0.75, gi: -1})
}

// orgSeat handles "the London-based Amnesty International" and "Amnesty
// International, based in London" or "headquartered in London".
func (rx *relater) orgSeat(a *sent, mn Mention) {
	if k := mn.Start; k >= 3 && a.low[k-1] == "based" && a.low[k-2] == "-" && a.ment[k-3] >= 0 {
		rx.seat(a, mn.Entity, a.st.Mentions[a.ment[k-3]])
	}
	k := mn.End
	if k < len(a.toks) && a.low[k] == "," {
		k++
	}
	if k+1 < len(a.toks) && (a.low[k] == "based" || a.low[k] == "headquartered") && a.low[k+1] == "in" {
		if y := a.mentionAt(k + 2); y != nil {
			rx.seat(a, mn.Entity, *y)
		}
	}
}

// orgOf handles "Colombia's Foreign Ministry", "the Colombian Foreign Ministry".
func (rx *relater) orgOf(a *sent, mn Mention) {
	rx.orgSeat(a, mn)
	j := mn.Start - 1
	if j >= 0 && (a.low[j] == "'s" || a.low[j] == "'") {
		j--
	}
	of := rx.affiliation(a, j)
	if of < 0 || rx.st.Entities[of].Type != schema.Country || of == mn.Entity {
		return
	}
	rx.emit(a, cand{subj: mn.Entity, obj: of, pred: schema.BasedIn, conf: 0.6, gi: -1})
}

// tradeWords make a partner no ally: "its largest trading partner", "his
// business partner".
var tradeWords = set("trading", "trade", "business", "commercial", "economic", "sparring", "coalition", "junior", "negotiating")

// ally handles the noun "ally" at k: "X has long been Y's closest ally",
// "Y's ally, X", "X, an ally of Y".
func (rx *relater) ally(a *sent, k int) {
	partner := a.low[k] == "partner" || a.low[k] == "partners" // of states and bodies only
	s := a.npStartAt(k + 1)
	for s >= 2 && (a.toks[s-1].Tag == "RBS" || a.toks[s-1].Tag == "RB") && a.inNP(s-2) {
		s = a.npStartAt(s - 1) // "Kyiv's most steadfast allies"
	}
	y := -1
	var yArgs []arg
	for j := s; j < k; j++ {
		if a.ment[j] >= 0 {
			m := rx.st.Mentions[a.ment[j]]
			if m.End < len(a.toks) && (a.low[m.End] == "'s" || a.low[m.End] == "'") {
				y = m.Entity
			}
			j = m.End - 1
		} else if a.toks[j].Tag == "PRP$" && (a.low[j] == "its" || a.low[j] == "his" || a.low[j] == "her") {
			yArgs = []arg{{ent: -1, pron: a.low[j], tok: j, conf: 0.7}}
		}
	}
	if y < 0 && k+2 < len(a.toks) && a.low[k+1] == "of" {
		y = rx.affiliation(a, k+2)
		if y < 0 && k+3 < len(a.toks) && a.low[k+2] == "the" {
			y = rx.affiliation(a, k+3)
		}
	}
	if y >= 0 {
		yArgs = []arg{{ent: y, conf: 1}}
	}
	if len(yArgs) == 0 {
		return
	}
	// X: the subject of a copula before the phrase, or an apposition.
	var xArgs []arg
	j := s - 1
	for j >= 0 && (a.low[j] == "among" || a.low[j] == "one" || a.low[j] == "of" || a.toks[j].Tag == "RB") && a.vgAt[j] < 0 {
		j--
	}
	if j >= 0 && a.vgAt[j] >= 0 {
		g := a.vgs[a.vgAt[j]]
		if copulaVerbs[g.lemma] {
			xArgs = a.subject(a.vgAt[j], 0)
		}
	} else if j >= 1 && a.low[j] == "," && a.ment[j-1] >= 0 {
		xArgs = []arg{{ent: rx.st.Mentions[a.ment[j-1]].Entity, conf: 0.9}}
	}
	if len(xArgs) == 0 && j >= 1 && a.vgAt[j] >= 0 && copulaVerbs[a.vgs[a.vgAt[j]].lemma] {
		// "Poland, a member of NATO and the EU, has been one of Kyiv's allies"
		if m := a.appositionHead(a.vgs[a.vgAt[j]].start - 1); m != nil {
			xArgs = []arg{{ent: m.Entity, conf: 0.9}}
		}
	}
	if len(xArgs) == 0 {
		e := a.npEndAt(s)
		if e+1 < len(a.toks) && a.low[e] == "," && a.ment[e+1] >= 0 {
			xArgs = []arg{{ent: rx.st.Mentions[a.ment[e+1]].Entity, conf: 0.9}}
		}
	}
	for _, xa := range xArgs {
		for _, x := range rx.resolve(a, xa, nil) {
			if t := rx.st.Entities[x].Type; t != schema.Country && t != schema.Organization && (t != schema.Person || partner) {
				continue
			}
			for _, ya := range yArgs {
				for _, yy := range rx.resolve(a, ya, map[int]bool{x: true}) {
					if partner && rx.st.Entities[yy].Type == schema.Person {
						continue
					}
					rx.emit(a, cand{subj: x, obj: yy, pred: schema.AlliedWith, conf: 0.8 * xa.conf * ya.conf, gi: -1})
				}
			}
		}
	}
}
