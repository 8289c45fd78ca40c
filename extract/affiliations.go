package extract

import (
	"github.com/newsgraph/newsgraph/schema"
)

// affiliations reads the descriptions of the named entity of mention mn
// (see descriptions) as standing facts: kinship ("his wife, X": spouse_of,
// relative_of), membership ("X, a member of NATO", "the Labour Party
// candidate X": member_of), employment ("a reporter for the newspaper El
// Sol, X": employee_of), nationality ("a Belarusian citizen, X": citizen_of,
// unless a role says more), residence ("a resident of Lyon": lives_in),
// place ("Rzeszów, a city in southeastern Poland": located_in), seat ("the
// Abuja-based bloc": based_in), alliance ("China, the junta's closest
// ally") and office ("a spokesman for the military government, X").
func (rx *relater) affiliations(a *sent, mn Mention) {
	rx.partyOf(a, mn)
	for _, d := range a.descriptions(mn) {
		if d.former {
			continue
		}
		rx.describeEntity(a, mn, d)
	}
}

// describeEntity emits what description d says of the entity of mn.
func (rx *relater) describeEntity(a *sent, mn Mention, d *apposDesc) {
	x := mn.Entity
	xt := rx.st.Entities[x].Type
	if d.based >= 0 && xt == schema.Organization {
		rx.seat(a, x, a.st.Mentions[d.based])
	}
	pred, title := rx.roleOf(a, d)
	switch pred {
	case schema.SpouseOf, schema.RelativeOf:
		if xt != schema.Person || d.poss == nil {
			return
		}
		for _, y := range rx.resolve(a, *d.poss, map[int]bool{x: true}) {
			if rx.st.Entities[y].Type == schema.Person {
				rx.emit(a, cand{subj: y, obj: x, pred: pred, conf: 0.85 * d.poss.conf, gi: -1})
			}
		}
	case schema.MemberOf:
		if xt == schema.Location || xt == schema.Other {
			return
		}
		for _, y := range rx.descObjects(a, d, x, "of", "from") {
			if a.orgLike(y) {
				rx.emit(a, cand{subj: x, obj: y.ent, pred: pred, conf: 0.85, gi: -1})
			}
		}
	case schema.EmployeeOf:
		if xt != schema.Person {
			return
		}
		for _, y := range rx.descObjects(a, d, x, "for", "at", "of", "with") {
			if rx.st.Entities[y.ent].Type == schema.Organization {
				rx.emit(a, cand{subj: x, obj: y.ent, pred: pred, conf: 0.8, gi: -1})
			}
		}
		rx.nationality(a, x, d)
	case schema.CitizenOf:
		if xt != schema.Person {
			return
		}
		for _, y := range rx.descObjects(a, d, x, "of") {
			if rx.st.Entities[y.ent].Type == schema.Country {
				rx.citizen(a, x, y.ent, 0.85)
			}
		}
		rx.nationality(a, x, d)
	case schema.LivesIn:
		if xt != schema.Person {
			return
		}
		for _, y := range rx.descObjects(a, d, x, "of", "in") {
			if t := rx.st.Entities[y.ent].Type; t == schema.Location || t == schema.Country {
				rx.emit(a, cand{subj: x, obj: y.ent, pred: pred, conf: 0.8, gi: -1})
			}
		}
	case schema.LocatedIn:
		if xt != schema.Location {
			return
		}
		for _, pc := range d.pps {
			if pc.prep != "in" && pc.prep != "of" {
				continue
			}
			for _, y := range rx.resolveAll(a, pc.args, x) {
				if t := rx.st.Entities[y].Type; t == schema.Location || t == schema.Country {
					rx.emit(a, cand{subj: x, obj: y, pred: pred, conf: 0.85, gi: -1})
				}
			}
		}
	case schema.AlliedWith:
		rx.allyDesc(a, x, d)
	case schema.LeaderOf, schema.OfficialOf:
		rx.officeDesc(a, x, d, title)
	case "":
		rx.nationality(a, x, d)
	}
}

// partyOf handles "Ana Ruiz of the Labour Party", "Ana Ruiz of the
// ruling Morena party": a person named with her party is its member.
func (rx *relater) partyOf(a *sent, mn Mention) {
	k := mn.End
	if k+1 >= len(a.toks) || a.low[k] != "of" || rx.st.Entities[mn.Entity].Type != schema.Person {
		return
	}
	e := a.npEnd(k+1, len(a.toks))
	if e <= k+1 || a.low[e-1] != "party" {
		return
	}
	for _, g := range a.denotes(k+1, e) {
		if g.ent >= 0 && g.ent != mn.Entity && a.orgLike(objArg{ent: g.ent, tok: g.tok}) {
			rx.emit(a, cand{subj: mn.Entity, obj: g.ent, pred: schema.MemberOf, conf: 0.8, gi: -1})
		}
	}
}

// objArg is an entity a description relates its subject to.
type objArg struct {
	ent int
	tok int
}

// descObjects returns the entities of description d's possessor, its
// premodifier names and its complements introduced by preps (excluding x).
func (rx *relater) descObjects(a *sent, d *apposDesc, x int, preps ...string) []objArg {
	var out []objArg
	add := func(g arg) {
		for _, e := range rx.resolve(a, g, map[int]bool{x: true}) {
			out = append(out, objArg{ent: e, tok: g.tok})
		}
	}
	if d.poss != nil && d.poss.ent >= 0 {
		add(*d.poss)
	}
	for _, mi := range d.pre {
		m := a.st.Mentions[mi]
		if m.Via != schema.ViaDemonym && m.Entity >= 0 {
			add(arg{ent: m.Entity, tok: m.Start, conf: 1})
		}
	}
	for _, pc := range d.pps {
		for _, p := range preps {
			if pc.prep == p {
				for _, g := range pc.args {
					add(g)
				}
			}
		}
	}
	return out
}

// resolveAll resolves args, excluding x.
func (rx *relater) resolveAll(a *sent, args []arg, x int) []int {
	var out []int
	for _, g := range args {
		out = append(out, rx.resolve(a, g, map[int]bool{x: true})...)
	}
	return out
}

// orgLike reports whether y names a body one can be a member of: an
// organisation, or a name the text calls a party ("the Morena party").
func (a *sent) orgLike(y objArg) bool {
	t := a.st.Entities[y.ent].Type
	if t == schema.Organization {
		return true
	}
	if t == schema.Country || y.tok < 0 || a.ment[y.tok] < 0 {
		return false
	}
	m := a.st.Mentions[a.ment[y.tok]]
	return m.End < len(a.toks) && groupHeads[a.low[m.End]]
}

// nationality emits citizen_of for a person described with a demonym and
// a noun that is no office: "an Argentine financier", "a Kenyan national".
func (rx *relater) nationality(a *sent, x int, d *apposDesc) {
	if rx.st.Entities[x].Type != schema.Person || d.head < 0 || !startsLower(a.toks[d.head].Norm) {
		return
	}
	for _, mi := range d.pre {
		m := a.st.Mentions[mi]
		if m.Via == schema.ViaDemonym && m.Entity >= 0 && rx.st.Entities[m.Entity].Type == schema.Country {
			rx.citizen(a, x, m.Entity, 0.75)
		}
	}
}

// citizen emits (x citizen_of c) unless the text gives x an office of c,
// which says more.
func (rx *relater) citizen(a *sent, x, c int, conf float64) {
	for _, r := range rx.roles[x] {
		if r.of == c && (r.pred == schema.LeaderOf || r.pred == schema.OfficialOf) {
			return
		}
	}
	rx.emit(a, cand{subj: x, obj: c, pred: schema.CitizenOf, conf: conf, gi: -1})
}

// dropCitizen removes (x citizen_of c), which an office of x in c makes
// redundant.
func (rx *relater) dropCitizen(x, c int) {
	xn, cn := rx.st.Entities[x].Name, rx.st.Entities[c].Name
	out := rx.st.Relations[:0]
	for _, r := range rx.st.Relations {
		if !(r.Predicate == schema.CitizenOf && r.Subject == xn && r.Object == cn) {
			out = append(out, r)
		}
	}
	rx.st.Relations = out
}

// seat emits (x based_in y) for "the Y-based X": y must be a place, or a
// country named as such (not a capital standing for its government).
func (rx *relater) seat(a *sent, x int, y Mention) {
	if y.Entity < 0 || y.Entity == x {
		return
	}
	t := rx.st.Entities[y.Entity].Type
	if t == schema.Location || t == schema.Country && y.Via != schema.ViaCapital {
		rx.emit(a, cand{subj: x, obj: y.Entity, pred: schema.BasedIn, conf: 0.85, gi: -1})
	}
}

// allyDesc handles an apposition with the head "ally": "China, the junta's
// closest ally", "Russia, a military ally of both countries".
func (rx *relater) allyDesc(a *sent, x int, d *apposDesc) {
	if t := rx.st.Entities[x].Type; t != schema.Country && t != schema.Organization {
		return
	}
	args := []arg{}
	if d.poss != nil && d.poss.pair == "" {
		args = append(args, *d.poss) // "the junta's ally": whose junta is unsure
	}
	for _, pc := range d.pps {
		if pc.prep == "of" {
			args = append(args, pc.args...)
		}
	}
	var ys []int
	for _, g := range args {
		if g.pair == "country" {
			ys = append(ys, rx.mainCountries(a.si, x)...)
		} else {
			ys = append(ys, rx.resolve(a, g, map[int]bool{x: true})...)
		}
	}
	for _, y := range ys {
		if t := rx.st.Entities[y].Type; t == schema.Country || t == schema.Organization {
			rx.emit(a, cand{subj: x, obj: y, pred: schema.AlliedWith, conf: 0.8, gi: -1})
		}
	}
}

// mainCountries returns "both countries" of sentence si: the two
// countries, other than x, that the document names most up to there; nil
// when they are not two clear ones.
func (rx *relater) mainCountries(si, x int) []int {
	count := map[int]int{}
	for s := 0; s <= si; s++ {
		for _, mi := range rx.st.Sentences[s].Mentions {
			if e := rx.st.Mentions[mi].Entity; e >= 0 && e != x && rx.st.Entities[e].Type == schema.Country {
				count[e]++
			}
		}
	}
	var top [3]int
	var n [3]int
	for e, c := range count {
		for i := 0; i < 3; i++ {
			if c > n[i] || c == n[i] && c > 0 && e < top[i] {
				copy(top[i+1:], top[i:2])
				copy(n[i+1:], n[i:2])
				top[i], n[i] = e, c
				break
			}
		}
	}
	if n[1] == 0 || n[2] == n[1] {
		return nil
	}
	for _, e := range []int{top[0], top[1]} {
		rx.anchor(si, e)
	}
	return []int{top[0], top[1]}
}

// officeDesc handles a title whose state is named by a possessor or a
// complement the title rules do not read: "a spokesman for the military
// government, X" (the state of that government), "Kenya's army chief,
// General X".
func (rx *relater) officeDesc(a *sent, x int, d *apposDesc, t *TitleSpan) {
	if t == nil || rx.st.Entities[x].Type != schema.Person || len(t.Info.Phrase) > 3 && t.Info.Phrase[len(t.Info.Phrase)-3:] == " to" {
		return
	}
	var args []arg
	if d.poss != nil {
		args = append(args, *d.poss)
	}
	for _, pc := range d.pps {
		if pc.prep == "of" || pc.prep == "for" {
			args = append(args, pc.args...)
		}
	}
	for _, mi := range d.pre {
		if m := a.st.Mentions[mi]; m.Entity >= 0 {
			args = append(args, arg{ent: m.Entity, tok: m.Start, conf: 1})
		}
	}
	for _, y := range rx.resolveAll(a, args, x) {
		if ty := rx.st.Entities[y].Type; ty == schema.Country || ty == schema.Organization {
			rx.role(a, x, *t, y, t.Text, 0.85)
			return
		}
	}
}
