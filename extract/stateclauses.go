package extract

import (
	"github.com/newsgraph/newsgraph/schema"
)

// clauseStates finds the standing facts that a clause states with a verb:
// residence ("X, who lives in Y", "Y, where he had been living": lives_in),
// joining ("Finland joined NATO": member_of), appointment ("X was named
// head of the Y council": leader_of or official_of) and membership in a
// relative clause ("the bloc of which X is a member": member_of). A
// negated, modal or infinitive verb states nothing.
func (rx *relater) clauseStates(a *sent) {
	for gi, g := range a.vgs {
		if g.neg || g.modal != "" || g.inf {
			continue
		}
		switch stateVerb(a.low[g.head]) {
		case "live", "reside":
			rx.residence(a, gi)
		case "join":
			rx.joined(a, gi)
		case "name", "appoint", "elect", "become", "install", "serve":
			rx.appointed(a, gi)
		case "base", "headquarter":
			rx.seated(a, gi)
		case "head", "lead", "chair", "run":
			rx.heads(a, gi)
		}
	}
	for k := 0; k+1 < len(a.toks); k++ {
		if a.low[k] == "of" && (a.low[k+1] == "which" || a.low[k+1] == "whom") {
			rx.ofWhichMember(a, k)
		}
	}
}

// stateVerbs are the verbs clauseStates reads.
var stateVerbs = set("live", "reside", "join", "name", "appoint", "elect", "become", "install", "serve",
	"base", "headquarter", "head", "lead", "chair", "run")

// stateVerb returns the base form of verb form w when it is one of
// stateVerbs, else "".
func stateVerb(w string) string {
	for _, l := range verbLemmas(w) {
		if stateVerbs[l] {
			return l
		}
	}
	return ""
}

// subjects resolves the subject of verb group gi to entities of the given
// types.
func (rx *relater) subjects(a *sent, gi int, types ...schema.EntityType) []int {
	var out []int
	for _, g := range a.subject(gi, 0) {
		for _, e := range rx.resolve(a, g, nil) {
			for _, t := range types {
				if rx.st.Entities[e].Type == t {
					out = append(out, e)
				}
			}
		}
	}
	return out
}

// mentionAt returns the mention at token k, after an optional "the", or
// nil.
func (a *sent) mentionAt(k int) *Mention {
	if k < len(a.toks) && a.low[k] == "the" {
		k++
	}
	if k >= len(a.toks) || a.ment[k] < 0 {
		return nil
	}
	m := a.st.Mentions[a.ment[k]]
	if m.Entity < 0 {
		return nil
	}
	return &m
}

// seated handles "X, which is based in Y", "X is headquartered in Y": the
// seat of organisation X.
func (rx *relater) seated(a *sent, gi int) {
	g := a.vgs[gi]
	if !g.passive || g.end >= len(a.toks) || a.low[g.end] != "in" {
		return
	}
	y := a.mentionAt(g.end + 1)
	if y == nil {
		return
	}
	for _, x := range rx.subjects(a, gi, schema.Organization) {
		rx.seat(a, x, *y)
	}
}

// delegationHeads are a state's parties abroad: who leads "Japan's
// negotiating team" is Japan's official.
var delegationHeads = set("delegation", "team", "negotiators", "mission")

// heads handles "X heads Y", "X, who has led Y since 2019", "X chairs Y":
// X is the leader of the body or state Y. Leading a state's delegation
// ("who led Japan's negotiating team") makes X its official, whenever it
// was. Without the present or the perfect, leading a body may be over
// ("who led Chile in the 1990s"), and states nothing.
func (rx *relater) heads(a *sent, gi int) {
	g := a.vgs[gi]
	if g.passive || g.end >= len(a.toks) {
		return
	}
	y := a.mentionAt(g.end)
	if y == nil {
		return
	}
	t := rx.st.Entities[y.Entity].Type
	if y.End < len(a.toks) && a.low[y.End] == "'s" {
		// "Japan's negotiating team": the state's delegation.
		for j := y.End + 1; t == schema.Country && j < len(a.toks) && j <= y.End+3 && a.inNP(j); j++ {
			if delegationHeads[a.low[j]] {
				rx.emitHeads(a, gi, y.Entity, schema.OfficialOf)
				return
			}
		}
		return
	}
	if !a.current(g) || t != schema.Organization && t != schema.Country || y.Via == schema.ViaDemonym || a.rankingAfter(y.End) {
		return
	}
	rx.emitHeads(a, gi, y.Entity, schema.LeaderOf)
}

// current reports whether verb group g states the present: a present
// tense or a perfect ("heads", "has led ... since").
func (a *sent) current(g vgroup) bool {
	return g.perfect || a.toks[g.head].Tag == "VBZ" || a.toks[g.head].Tag == "VBP"
}

// emitHeads emits pred from each person subject of verb group gi to y.
func (rx *relater) emitHeads(a *sent, gi, y int, pred string) {
	for _, x := range rx.subjects(a, gi, schema.Person) {
		rx.emit(a, cand{subj: x, obj: y, pred: pred, conf: 0.8, gi: -1})
	}
}

// rankingWords end "leads X in the polls": a lead in a contest, not in
// office.
var rankingWords = set("poll", "polls", "polling", "race", "survey", "surveys", "standings", "ranking", "rankings", "vote", "count")

// rankingAfter reports whether a contest follows token k: "in the polls".
func (a *sent) rankingAfter(k int) bool {
	if k >= len(a.toks) || a.low[k] != "in" {
		return false
	}
	for j := k + 1; j < len(a.toks) && j <= k+4; j++ {
		if rankingWords[a.low[j]] {
			return true
		}
	}
	return false
}

// residence handles "X lives in Y" and "Y, where X had been living".
func (rx *relater) residence(a *sent, gi int) {
	g := a.vgs[gi]
	var place *Mention
	if g.end < len(a.toks) && (a.low[g.end] == "in" || a.low[g.end] == "at") {
		place = a.mentionAt(g.end + 1)
	}
	for k := g.start - 1; place == nil && k >= 2 && k >= g.start-4; k-- {
		if a.low[k] == "where" && a.low[k-1] == "," {
			place = rx.placeBefore(a, k-1)
		}
	}
	if place == nil {
		return
	}
	if t := rx.st.Entities[place.Entity].Type; t != schema.Location && t != schema.Country {
		return
	}
	for _, x := range rx.subjects(a, gi, schema.Person) {
		rx.emit(a, cand{subj: x, obj: place.Entity, pred: schema.LivesIn, conf: 0.8, gi: -1})
	}
}

// placeBefore returns the place named just before the comma at k: the
// place of "Como, Italy", else the mention that ends there.
func (rx *relater) placeBefore(a *sent, k int) *Mention {
	if k < 1 || a.ment[k-1] < 0 {
		return nil
	}
	m := a.st.Mentions[a.ment[k-1]]
	if m.Entity < 0 {
		return nil
	}
	if rx.st.Entities[m.Entity].Type == schema.Country && m.Start >= 2 && a.low[m.Start-1] == "," {
		if p := a.ment[m.Start-2]; p >= 0 {
			if pm := a.st.Mentions[p]; pm.Entity >= 0 && rx.st.Entities[pm.Entity].Type == schema.Location {
				return &pm
			}
		}
	}
	return &m
}

// joined handles "X joined Y": X became a member of the body Y.
func (rx *relater) joined(a *sent, gi int) {
	g := a.vgs[gi]
	if g.passive {
		return // "X was joined on stage by his wife"
	}
	y := a.mentionAt(g.end)
	if y == nil || !a.orgLike(objArg{ent: y.Entity, tok: y.Start}) {
		return
	}
	for _, x := range rx.subjects(a, gi, schema.Person, schema.Country, schema.Organization) {
		rx.emit(a, cand{subj: x, obj: y.Entity, pred: schema.MemberOf, conf: 0.8, gi: -1})
	}
}

// headWords head a body without being a title of its own.
var headWords = set("head", "chief", "chair", "leader")

// appointed handles "X was named head of the Y council", "X became
// president of Y": the role the complement names, in Y.
func (rx *relater) appointed(a *sent, gi int) {
	g := a.vgs[gi]
	verb := stateVerb(a.low[g.head])
	if verb == "serve" {
		// "X, who serves as Australia's foreign minister": now, not once
		if g.passive || !a.current(g) || g.end >= len(a.toks) || a.low[g.end] != "as" {
			return
		}
	} else if verb != "become" && !g.passive {
		return
	}
	k := g.end
	if k < len(a.toks) && a.low[k] == "as" {
		k++
	}
	for k < len(a.toks) && (a.toks[k].Tag == "DT" || a.toks[k].Tag == "JJ" && a.ment[k] < 0 && !a.ttl[k]) {
		k++
	}
	if k >= len(a.toks) {
		return
	}
	if y := a.mentionAt(k); y != nil && y.End+1 < len(a.toks) && a.low[y.End] == "'s" {
		// "Finland became NATO's 31st member"
		j := y.End + 1
		for j < len(a.toks) && (a.toks[j].Tag == "JJ" || a.toks[j].Tag == "CD" || a.toks[j].Tag == "JJS") {
			j++
		}
		if j < len(a.toks) && (a.low[j] == "member" || a.low[j] == "members") {
			rx.becameMember(a, gi, y.Entity)
			return
		}
		// "became Chile's foreign minister"
		if t, ok := rx.titleSpanFrom(a, y.End+1); ok {
			rx.appointedTo(a, gi, t, y)
		}
		return
	}
	var t TitleSpan
	switch {
	case a.ttl[k]:
		ts, ok := rx.titleSpanFrom(a, k)
		if !ok {
			return
		}
		t = ts
	case headWords[a.low[k]]:
		t = TitleSpan{Start: k, End: k + 1, Text: a.toks[k].Norm, Info: schema.TitleInfo{Phrase: a.low[k], Predicate: schema.LeaderOf}}
	default:
		return
	}
	if t.End+1 >= len(a.toks) || a.low[t.End] != "of" {
		return
	}
	j := t.End + 1
	if a.low[j] == "a" || a.low[j] == "an" {
		j++
	}
	y := a.mentionAt(j)
	if y == nil {
		return
	}
	rx.appointedTo(a, gi, t, y)
}

// appointedTo emits that the subjects of verb group gi hold title t in the
// state or body y.
func (rx *relater) appointedTo(a *sent, gi int, t TitleSpan, y *Mention) {
	if ty := rx.st.Entities[y.Entity].Type; ty != schema.Country && ty != schema.Organization {
		return
	}
	if t.Info.Predicate == schema.MemberOf && a.low[t.Start] == "member" {
		rx.becameMember(a, gi, y.Entity) // "Sweden became a member of NATO"
		return
	}
	for _, x := range rx.subjects(a, gi, schema.Person) {
		rx.role(a, x, t, y.Entity, t.Text, 0.85)
	}
}

// becameMember emits that the subjects of verb group gi are members of
// the body y: a person, a state or an organisation may join one.
func (rx *relater) becameMember(a *sent, gi, y int) {
	if !a.orgLike(objArg{ent: y, tok: -1}) {
		return
	}
	for _, x := range rx.subjects(a, gi, schema.Person, schema.Country, schema.Organization) {
		if x != y {
			rx.emit(a, cand{subj: x, obj: y, pred: schema.MemberOf, conf: 0.8, gi: -1})
		}
	}
}

// titleSpanFrom returns the title span of sentence a that starts at token k.
func (rx *relater) titleSpanFrom(a *sent, k int) (TitleSpan, bool) {
	for _, t := range rx.st.Sentences[a.si].Titles {
		if t.Start == k {
			return t, true
		}
	}
	return TitleSpan{}, false
}

// ofWhichMember handles "Y, ... of which X is a member" at the "of" of
// token k: X is a member of the body the relative clause describes.
func (rx *relater) ofWhichMember(a *sent, k int) {
	j := k + 2
	x := a.mentionAt(j)
	if x == nil {
		return
	}
	j = x.End
	for j < len(a.toks) && j < x.End+4 && a.low[j] != "member" && a.low[j] != "members" {
		if a.ment[j] >= 0 || a.low[j] == "," {
			return
		}
		j++
	}
	if j >= len(a.toks) || a.low[j] != "member" && a.low[j] != "members" {
		return
	}
	y := rx.relativeAntecedent(a, k)
	if y == nil || !a.orgLike(objArg{ent: y.Entity, tok: y.Start}) {
		return
	}
	rx.emit(a, cand{subj: x.Entity, obj: y.Entity, pred: schema.MemberOf, conf: 0.8, gi: -1})
}

// relativeAntecedent returns the named body that the noun phrase ending
// before token k denotes: its own name, or the name it is in apposition
// to ("ECOWAS, the regional bloc of which ...").
func (rx *relater) relativeAntecedent(a *sent, k int) *Mention {
	if k < 1 {
		return nil
	}
	if mi := a.ment[k-1]; mi >= 0 {
		m := a.st.Mentions[mi]
		return &m
	}
	s := a.npStartAt(k)
	if s < 2 || a.low[s-1] != "," {
		return nil
	}
	e := s - 1
	if a.low[e-1] == ")" {
		e--
	}
	if mi := a.ment[e-1]; mi >= 0 {
		m := a.st.Mentions[mi]
		if m.Entity >= 0 {
			return &m
		}
	}
	return nil
}
