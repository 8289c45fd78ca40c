package extract

import "github.com/newsgraph/newsgraph/schema"

// Modality cues.
var (
	hypotheticalModals = set("would", "could", "might", "may", "can", "should", "'d", "ca")
	plannedModals      = set("will", "'ll", "shall", "wo")
	// plannedVerbs make the event they govern a plan: "plans to meet", "is
	// scheduled to visit", "agreed to a meeting", "look forward to meeting".
	plannedVerbs = set("plan", "schedule", "set", "expect", "agree", "intend", "aim", "prepare", "arrange", "look", "due", "promise", "pledge", "vow", "propose", "invite")
	// promiseVerbs carry an event they only promise: "pledged aid to X".
	promiseVerbs = set("pledge", "promise", "vow", "offer")
	plannedNouns = set("plans", "plan", "arrangements", "preparations", "preparation", "agreement", "invitation", "invitations")
	plannedAdjs  = set("planned", "upcoming", "scheduled", "forthcoming", "future", "coming", "expected", "proposed", "prospective")
	hypoAdjs     = set("possible", "potential", "hypothetical", "eventual", "any")
	negVerbs     = set("deny", "refuse", "decline", "fail", "cancel", "reject", "call")
	hypoVerbs    = set("consider", "weigh", "threaten", "want", "hope", "mull", "suggest")
	// appealVerbs ask for the event they govern: "urged X to release Y".
	appealVerbs = set("urge", "ask", "press", "request", "appeal", "implore", "exhort", "encourage", "beg", "pressure", "push")
)

// clauseStart returns the first token of the clause that contains tok, and
// whether the clause is conditional ("if", "whether", "unless").
func (a *sent) clauseStart(tok int) (int, bool) {
	for j := tok - 1; j >= 0; j-- {
		if o := a.relativeOpen(j); o >= 0 {
			j = o
			continue
		}
		switch a.low[j] {
		case ";", ":", "who", "which", "because", "after", "before", "since", "while", "although", "though", "when", "but", "--":
			return j + 1, false
		case "if", "whether", "unless":
			return j + 1, true
		case "that":
			if a.toks[j].Tag != "DT" {
				return j + 1, false
			}
		}
	}
	return 0, false
}

// modality reads how the event at tok (carried by verb group gi, or -1) is
// asserted: negated (not, never, denied), hypothetical (would, could, may,
// if), planned (will, plans to, is scheduled to, agreed to, upcoming), or
// asserted.
func (a *sent) modality(tok, gi int) schema.Modality {
	start, conditional := a.clauseStart(tok)
	// Modifiers of a noun: "the planned meeting", "no talks", "possible strikes".
	if gi < 0 || a.vgAt[tok] < 0 {
		for j := tok - 1; j >= start && j >= tok-4 && a.inNP(j); j-- {
			switch {
			case a.low[j] == "no":
				return schema.Negated
			case plannedAdjs[a.low[j]]:
				if gi >= 0 && negVerbs[a.vgs[gi].lemma] && a.vgs[gi].lemma != "call" && a.vgs[gi].lemma != "reject" {
					return schema.Negated // "cancelled a planned visit"
				}
				return schema.Planned
			case hypoAdjs[a.low[j]] && a.low[j] != "any":
				return schema.Hypothetical
			}
		}
	}
	neg, hypo, plan := false, conditional, false
	// The verb groups from the clause start to the trigger; a finite verb
	// group between a modal and the trigger belongs to another clause.
	own := -1
	if v := a.vgAt[tok]; v >= 0 {
		own = v
	} else if gi >= 0 {
		own = gi
	}
	if own >= 0 {
		g := a.vgs[own]
		neg = neg || g.neg
		if a.vgAt[tok] < 0 {
			// a noun's governing verb: "agreed to a meeting", "refused talks"
			switch {
			case negVerbs[g.lemma] && g.lemma != "call" && g.lemma != "reject":
				neg = true
			case plannedVerbs[g.lemma] && g.lemma != "look":
				plan = true
			}
		}
		// "denied attacking": a negating verb inside the group
		for k := g.start; k < g.head; k++ {
			if l := lemmaOf(a.low[k], negVerbs); negVerbs[l] && l != "call" && l != "reject" && isVerbTag(a.toks[k].Tag) {
				neg = true
			}
		}
		if hypotheticalModals[g.modal] {
			hypo = true
		}
		if plannedModals[g.modal] || a.vgAt[tok] >= 0 && promiseVerbs[g.lemma] {
			// "pledged aid to X": the trigger itself a promise
			plan = true
		}
	}
	blocked := false
	for j := tok - 1; j >= start; j-- {
		if o := a.relativeOpen(j); o >= 0 {
			j = o
			continue
		}
		w := a.low[j]
		if vi := a.vgAt[j]; vi >= 0 && vi != own {
			g := a.vgs[vi]
			if j == g.head {
				near := !blocked && tok-j <= 8
				switch {
				case near && negVerbs[g.lemma] && g.lemma != "call" && g.lemma != "reject":
					neg = true
				case near && plannedVerbs[g.lemma] && (g.lemma != "look" || j+1 < len(a.toks) && a.low[j+1] == "forward"):
					plan = true
				case near && hypoVerbs[g.lemma] && g.lemma != "threaten" && g.lemma != "suggest":
					hypo = true
				case near && appealVerbs[g.lemma]:
					hypo = true // "urged Israel to allow aid": not happened
				}
				if !blocked && g.neg && (g.inf || tok-j <= 3) {
					neg = true
				}
				if !blocked {
					if hypotheticalModals[g.modal] {
						hypo = true
					}
					if plannedModals[g.modal] {
						plan = true
					}
				}
				if g.finite && !copulaVerbs[g.lemma] {
					blocked = true
				}
			}
			continue
		}
		if plannedNouns[w] && !blocked && tok-j <= 8 {
			plan = true
		}
		if a.toks[j].Tag == "IN" && w != "for" && w != "to" && w != "of" && w != "with" && w != "that" && !(j+1 < len(a.toks) && isDateWord(a.low[j+1])) {
			blocked = true
		}
	}
	if a.hasTree() && a.vgAt[tok] >= 0 {
		n, h, p := a.controlModality(tok)
		neg, hypo, plan = neg || n, hypo || h, plan || p
	}
	switch {
	case neg:
		return schema.Negated
	case hypo:
		return schema.Hypothetical
	case plan:
		return schema.Planned
	}
	return schema.Asserted
}

// controlModality reads the modality that the verbs controlling verb tok
// give it through the tree, however far they stand: "refused to meet",
// "invited X, after weeks of talks, to visit", "threatened to expel". It
// follows xcomp and to-infinitive advcl links up to three verbs.
func (a *sent) controlModality(tok int) (neg, hypo, plan bool) {
	v := tok
	for n := 0; n < 3; n++ {
		rel, p := a.toks[v].Deprel, a.toks[v].Head
		if p < 0 || !(rel == "xcomp" || rel == "advcl" && a.markOf(v) == "to") || a.vgAt[p] < 0 {
			return
		}
		switch l := a.vgs[a.vgAt[p]].lemma; {
		case negVerbs[l] && l != "call" && l != "reject":
			neg = true
		case plannedVerbs[l] && l != "look":
			plan = true
		case hypoVerbs[l] && l != "suggest":
			hypo = true // "threatened to expel X": no expulsion yet
		case appealVerbs[l] || l == "call" && a.callsOn(p):
			hypo = true // "called on X to withdraw": asked for, not done
		}
		v = p
	}
	return
}

// callsOn reports whether the verb "call" at p calls on someone ("called
// on X to"), not merely on a day ("called X on Monday").
func (a *sent) callsOn(p int) bool {
	c := a.particleObl(p, "on")
	if c < 0 {
		c = a.particleObl(p, "upon")
	}
	return c >= 0 && !isDateWord(a.low[c])
}
