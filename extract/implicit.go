package extract

import (
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// Implicit agents. News leaves the doer of a state's routine acts unnamed
// when the reader can supply it: "Prosecutors charged X" (the prosecutors
// of the country the story is about), "Police detained X" (the police force
// the story named), "X was indicted in Buenos Aires" (Argentina), "two
// firms were added to the sanctions list" (whoever imposed the sanctions
// the story reported). implicitAgents supplies that doer, with less
// confidence than a named one; it never overrides an agent the sentence
// gives.

// stateActions are the deeds a state does through its institutions, whose
// unnamed agent is a state: charging, arresting, sanctioning, expelling.
var stateActions = set(schema.Charged, schema.Captured, schema.Sanctioned, schema.Expelled)

// implicitConf scales an agent the sentence does not name.
const implicitConf = 0.65

// implicitAgents returns the unnamed agent of the event of trigger verb
// group gi with predicate pred, or nil:
//   - an active verb whose subject is a bare institution noun ("Police",
//     "prosecutors", "the court"): the one organisation of the document
//     whose name has that noun ("the Peruvian National Police"); else, for
//     a state action, the document's home country;
//   - a passive state action with no by-agent: the country of the place
//     it happened in ("was indicted in Buenos Aires"), else the one doer
//     of the state actions earlier in the document, else, for a charge,
//     the accused's own country, else the home country.
func (rx *relater) implicitAgents(a *sent, gi int, pred string, patients []arg) []arg {
	g := a.vgs[gi]
	if !g.passive && !a.treePassive(g.head) {
		s := a.subj(g.head, "nsubj")
		if s < 0 || a.ment[s] >= 0 || !institutionNouns[singular(a.low[s])] || a.modifiedByName(s) {
			return nil
		}
		if e := rx.namedInstitution(singular(a.low[s])); e >= 0 {
			return rx.implicitArg(a, e, s)
		}
		if stateActions[pred] {
			return rx.homeAgent(a, s)
		}
		return nil
	}
	if !stateActions[pred] || a.byPhrase(g.head) >= 0 {
		return nil
	}
	for _, c := range a.kids[g.head] {
		if a.toks[c].Deprel != "obl" || a.caseWord(c) != "in" || a.ment[c] < 0 {
			continue
		}
		e := a.st.Mentions[a.ment[c]].Entity
		if e < 0 {
			continue
		}
		if rx.st.Entities[e].Type == schema.Location {
			e = rx.capitalState(a, e)
		}
		if rx.st.Entities[e].Type == schema.Country {
			return []arg{{ent: e, tok: c, conf: implicitConf}}
		}
	}
	if e, _ := rx.doerSince(0, pred, stateActions); e >= 0 {
		return rx.implicitArg(a, e, g.head)
	}
	if pred == schema.Charged {
		// Only a state indicts (others arrest too: "was also arrested",
		// by the soldiers of a coup); most often the accused's own.
		if e := rx.ownState(patients); e >= 0 {
			return rx.implicitArg(a, e, g.head)
		}
		return rx.homeAgent(a, g.head)
	}
	return nil
}

// ownState returns the one country the text makes the first named patient
// a citizen, leader or official of, or -1.
func (rx *relater) ownState(patients []arg) int {
	if len(patients) == 0 || patients[0].ent < 0 {
		return -1
	}
	name := rx.st.Entities[patients[0].ent].Name
	state := ""
	for _, r := range rx.st.Relations {
		if r.Subject != name || r.Predicate != schema.CitizenOf && r.Predicate != schema.LeaderOf && r.Predicate != schema.OfficialOf {
			continue
		}
		if state != "" && r.Object != state {
			return -1
		}
		state = r.Object
	}
	if state == "" {
		return -1
	}
	return rx.entityNamed(state, schema.Country)
}

// modifiedByName reports whether noun k has a modifier or complement that
// is a name ("Peruvian police", "the police of Lima"): the phrase rules
// read those, and a name they could not use is no licence to guess.
func (a *sent) modifiedByName(k int) bool {
	for _, c := range a.kids[k] {
		switch a.toks[c].Deprel {
		case "amod", "compound", "nmod", "nmod:poss":
			if a.ment[c] >= 0 || a.toks[c].Tag == "NNP" || a.toks[c].Tag == "PRP$" {
				return true
			}
		}
	}
	return false
}

// namedInstitution returns the one organisation of the document whose
// name contains the institution noun w ("police" → "Peruvian National
// Police"), or -1 when none or several do.
func (rx *relater) namedInstitution(w string) int {
	found := -1
	for e, ent := range rx.st.Entities {
		if ent.Type != schema.Organization {
			continue
		}
		for _, f := range strings.Fields(strings.ToLower(ent.Name)) {
			if singular(strings.Trim(f, "'’s")) == w {
				if found >= 0 && found != e {
					return -1
				}
				found = e
				break
			}
		}
	}
	return found
}

// homeAgent returns the document's home country as the agent at token
// tok, or nil when the story has none or never names it.
func (rx *relater) homeAgent(a *sent, tok int) []arg {
	if rx.st.Home == "" {
		return nil
	}
	if e := rx.entityNamed(rx.st.Home, schema.Country); e >= 0 {
		return rx.implicitArg(a, e, tok)
	}
	return nil
}

// implicitArg returns entity e as the implicit agent at token tok, anchored
// in the sentence although the sentence does not name it.
func (rx *relater) implicitArg(a *sent, e, tok int) []arg {
	rx.anchor(a.si, e)
	return []arg{{ent: e, tok: tok, conf: implicitConf}}
}
