package extract

import (
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// apposDesc is a common-noun phrase that describes a named entity, in
// apposition ("Poland, a member of NATO", "his wife, Ana Ruiz") or before
// its name ("the Labour Party candidate Ana Ruiz"): its head noun, its
// possessor, the entities named before the head, and the complements of the
// head ("of NATO and the European Union").
type apposDesc struct {
	start, end int // token span, end exclusive
	head       int // the head noun or title word
	word       string
	poss       *arg   // "his", "Kamara's", "the junta's"; nil when none
	pre        []int  // mentions between the determiner and the head
	pps        []pcmp // complements of the head, in order
	based      int    // the mention of "Abuja-based", or -1
	former     bool   // "former", "ex-", "late"
}

// pcmp is a prepositional complement: the preposition and what its noun
// phrase denotes.
type pcmp struct {
	prep string
	args []arg
}

// descPreps introduce a complement of a description's head.
var descPreps = set("of", "for", "at", "in", "with", "from")

// formerWords say that a role no longer holds.
var formerWords = set("former", "ex", "late", "then", "onetime", "erstwhile")

// governmentHeads stand for the state whose government they are: "a
// spokesman for the military government", "the junta's closest ally".
var governmentHeads = set("government", "junta", "regime", "administration", "authorities", "cabinet")

// groupHeads follow a name that is their own: "the ruling Morena party".
var groupHeads = set("party", "movement", "alliance", "coalition", "bloc", "front", "union", "group", "council", "newspaper", "agency", "network", "broadcaster")

// closers end an apposition.
var closers = set(",", ".", ";", ":", ")", "--", "—", "–", "and", "''")

// closes reports whether an apposition may end before token k: at the end
// of the sentence, punctuation, "and", or a relative clause ("the bloc of
// which X is a member").
func (a *sent) closes(k int) bool {
	if k >= len(a.toks) || closers[a.low[k]] || relativeStarts[a.low[k]] {
		return true
	}
	// a reduced relative: "a financier wanted in his home country" (the
	// tagger may read the participle as a past tense)
	if t := a.toks[k].Tag; (t == "VBN" || t == "VBG" || t == "VBD" && strings.HasSuffix(a.low[k], "ed")) && k+1 < len(a.toks) && a.toks[k+1].Tag == "IN" {
		return true
	}
	return k+1 < len(a.toks) && descPreps[a.low[k]] && (a.low[k+1] == "which" || a.low[k+1] == "whom")
}

// relativeStarts open a relative clause.
var relativeStarts = set("who", "whom", "which", "whose", "where")

// readDesc reads a description from token s up to limit (exclusive): the
// noun phrase and its prepositional complements. It returns nil when the
// phrase has no common-noun head.
func (a *sent) readDesc(s, limit int) *apposDesc {
	d := &apposDesc{start: s, head: -1, based: -1}
	k := s
	for k < limit && a.low[k] != "," && a.inNP(k) {
		if mi := a.ment[k]; mi >= 0 {
			m := a.st.Mentions[mi]
			switch {
			case m.End < limit && (a.low[m.End] == "'s" || a.low[m.End] == "'"):
				d.poss = &arg{ent: m.Entity, tok: m.Start, conf: 1}
				d.pre, d.head = nil, -1
				k = m.End + 1
			case m.End+1 < limit && a.low[m.End] == "-" && a.low[m.End+1] == "based":
				d.based = mi
				k = m.End + 2
			default:
				d.pre = append(d.pre, mi)
				k = m.End
			}
			continue
		}
		w := a.low[k]
		switch {
		case w == "'s" || w == "'":
			d.poss = nil // "his wife's lawyer": the lawyer is no relative
			if d.head >= 0 && governmentHeads[d.word] {
				d.poss = &arg{ent: -1, pair: "government", tok: d.head, conf: 0.8}
			}
			d.pre, d.head, d.word = nil, -1, ""
		case a.toks[k].Tag == "PRP$":
			d.poss = &arg{ent: -1, pron: w, tok: k, conf: 0.8}
		case formerWords[w]:
			d.former = true
		case a.ttl[k] || startsLower(a.toks[k].Norm) && isWord(w) && (isNounTag(a.toks[k].Tag) || schemaRole(w) != ""):
			d.head, d.word = k, singular(w)
		}
		k++
	}
	if d.head < 0 {
		return nil
	}
	for k+1 < limit && descPreps[a.low[k]] {
		args, next := a.complement(k+1, limit)
		if next == k+1 {
			break
		}
		d.pps = append(d.pps, pcmp{prep: a.low[k], args: args})
		k = next
	}
	d.end = k
	return d
}

// schemaRole returns the predicate of role noun w (see schema.Roles), or "".
func schemaRole(w string) string {
	r, ok := schema.DefaultRoles().Lookup(w)
	if !ok {
		return ""
	}
	return r.Predicate
}

// complement reads the noun phrases coordinated after a preposition from
// token s: "NATO and the European Union". It returns what they denote and
// the token after them.
func (a *sent) complement(s, limit int) ([]arg, int) {
	var out []arg
	k := s
	for {
		e := k
		for e < limit && a.low[e] != "," && a.inNP(e) {
			e++
		}
		if e == k {
			return out, k
		}
		out = append(out, a.denotes(k, e)...)
		k = e
		if k+1 < limit && (a.low[k] == "and" || a.low[k] == "or") && len(a.denotes(k+1, a.npEnd(k+1, limit))) > 0 {
			k++
			continue
		}
		return out, k
	}
}

// npEnd returns the end of the noun phrase from s, within limit.
func (a *sent) npEnd(s, limit int) int {
	e := s
	for e < limit && a.low[e] != "," && a.inNP(e) {
		e++
	}
	return e
}

// denotes returns what the noun phrase [s, e) names: the entity it ends
// with ("the European Union"), the name before a group noun ("the ruling
// Morena party"), the state of a government noun ("the military
// government"), or the pair of "both countries".
func (a *sent) denotes(s, e int) []arg {
	if e <= s {
		return nil
	}
	last := e - 1
	if mi := a.ment[last]; mi >= 0 {
		m := a.st.Mentions[mi]
		if m.End < len(a.toks) && (a.low[m.End] == "'s" || a.low[m.End] == "'") {
			return nil
		}
		return []arg{{ent: m.Entity, tok: m.Start, conf: 1}}
	}
	w := a.low[last]
	switch {
	case groupHeads[w] && last > s && a.ment[last-1] >= 0:
		m := a.st.Mentions[a.ment[last-1]]
		if m.Via == schema.ViaDemonym {
			return nil // "the Russian government" is no name of a party
		}
		return []arg{{ent: m.Entity, tok: m.Start, conf: 0.9}}
	case governmentHeads[w] && a.low[s] == "the" && !a.hasMention(s, last):
		return []arg{{ent: -1, pair: "government", tok: last, conf: 0.7}}
	case (w == "countries" || w == "nations") && last > s && (a.low[last-1] == "two" || a.low[s] == "both"):
		return []arg{{ent: -1, pair: "country", tok: last, conf: 0.7}}
	}
	return nil
}

// hasMention reports whether a mention covers a token of [s, e).
func (a *sent) hasMention(s, e int) bool {
	for k := s; k < e; k++ {
		if a.ment[k] >= 0 {
			return true
		}
	}
	return false
}

// descsAfter returns the descriptions in apposition after mention mn:
// "Poland, a member of NATO and the European Union,", "Miguel Soto, a
// former minister and a member of the Labour Party,". Each must be closed
// by punctuation, the end of the sentence or "and" another description.
func (a *sent) descsAfter(mn Mention) []*apposDesc {
	n := len(a.toks)
	k := mn.End
	if k < n && a.low[k] == ")" {
		k++ // "the Economic Community of West African States (ECOWAS),"
	}
	if k+1 >= n || a.low[k] != "," {
		return nil
	}
	var out []*apposDesc
	for s := k + 1; s < n; {
		if !a.descStart(s) {
			break
		}
		d := a.readDesc(s, n)
		if d == nil || !a.closes(d.end) {
			break
		}
		out = append(out, d)
		if d.end+1 >= n || a.low[d.end] != "and" {
			break
		}
		s = d.end + 1
	}
	return out
}

// descStart reports whether a description may start at token s: a
// determiner, a possessive, or a lower-case word ("spokesman for").
func (a *sent) descStart(s int) bool {
	if mi := a.ment[s]; mi >= 0 {
		m := a.st.Mentions[mi]
		return m.End < len(a.toks) && (a.low[m.End] == "'s" || a.low[m.End] == "'")
	}
	switch a.toks[s].Tag {
	case "DT", "PRP$":
		return a.low[s] != "that" && a.low[s] != "this" && a.low[s] != "these" && a.low[s] != "those"
	}
	return startsLower(a.toks[s].Norm) && a.inNP(s)
}

// descsBefore returns the descriptions of mention mn that precede it: its
// premodifiers ("the economist Ana Ruiz", "the Labour Party candidate Ana
// Ruiz") and a phrase in apposition before it ("his wife, Ana Ruiz,", "a
// reporter for the newspaper El Sol, Ana Ruiz,"), which the name must close.
func (a *sent) descsBefore(mn Mention) []*apposDesc {
	var out []*apposDesc
	ps := mn.Start
	for ps > 0 && a.low[ps-1] != "," && a.inNP(ps-1) {
		ps--
	}
	if ps < mn.Start {
		if d := a.readDesc(ps, mn.Start); d != nil && d.end == mn.Start && d.head == mn.Start-1 {
			out = append(out, d)
		}
	}
	e := ps - 1
	if e < 1 || a.low[e] != "," || !a.closes(mn.End) {
		return out
	}
	s := a.npStartAt(e)
	for s >= 2 && descPreps[a.low[s-1]] && a.inNP(s-2) {
		s = a.npStartAt(s - 1)
	}
	if s < e && a.descStart(s) {
		if d := a.readDesc(s, e); d != nil && d.end == e {
			out = append(out, d)
		}
	}
	return out
}

// appositionHead returns the mention whose descriptions in apposition end
// at the comma at k ("Poland, a member of NATO and the European Union,"),
// or nil.
func (a *sent) appositionHead(k int) *Mention {
	for _, mi := range a.st.Sentences[a.si].Mentions {
		m := a.st.Mentions[mi]
		if m.End >= k || m.Entity < 0 {
			continue
		}
		if ds := a.descsAfter(m); len(ds) > 0 && ds[len(ds)-1].end == k {
			return &m
		}
	}
	return nil
}

// descriptions returns every description of mention mn, before and after it.
func (a *sent) descriptions(mn Mention) []*apposDesc {
	return append(a.descsBefore(mn), a.descsAfter(mn)...)
}

// roleOf returns the predicate a description's head names: a role noun of
// schema.Roles ("wife", "citizen", "city", also as the last word of two:
// "port city"), else a title ("commander"), else "".
func (rx *relater) roleOf(a *sent, d *apposDesc) (string, *TitleSpan) {
	if d.head > d.start {
		if p := schemaRole(a.low[d.head-1] + " " + d.word); p != "" {
			return p, nil
		}
	}
	if a.ttl[d.head] {
		if t, ok := rx.titleSpanAt(a, d.head); ok {
			return t.Info.Predicate, &t
		}
	}
	if p := schemaRole(d.word); p != "" {
		return p, nil
	}
	return "", nil
}
