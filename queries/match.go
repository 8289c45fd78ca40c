package queries

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// Wildcard is the pattern term that matches anything.
const Wildcard = "?"

// MatchOptions tunes Match.
type MatchOptions struct {
	Filter
	// Limit caps the matches returned (0: all).
	Limit int
	// Evidence reads the supporting statements of every match returned.
	Evidence bool
}

// MatchResult is one relation that a pattern matches, with its support.
type MatchResult struct {
	Subject   graph.Entity
	Predicate string
	// Object is the object entity; zero when the object is Literal (title).
	Object    graph.Entity
	Literal   string
	Symmetric bool
	// Statements counts the statements that pass the filter; Sources their
	// distinct documents and Publishers their distinct publishers (see the
	// package comment); Confidence is their highest confidence.
	Statements, Sources, Publishers int
	Confidence                      float64
	// Dates and Documents list the distinct event dates and documents, sorted.
	Dates, Documents []string
	// Evidence lists the statements (MatchOptions.Evidence).
	Evidence []graph.Statement
}

// Pattern is a parsed "SUBJECT PREDICATE OBJECT" pattern; a field holding
// Wildcard matches anything.
type Pattern struct {
	Subject, Predicate, Object string
}

// ParsePattern splits "S P O" into its terms. Names may span several words
// or be double-quoted; the predicate is a single word, a schema predicate
// name ("leader_of", or "leader of" in quotes) or "?". When several splits
// are possible, a named predicate is preferred to a wildcard, and the
// leftmost wins. It fails with ErrFilter.
func ParsePattern(s string) (Pattern, error) {
	toks, err := tokenize(s)
	if err != nil {
		return Pattern{}, err
	}
	if len(toks) < 3 {
		return Pattern{}, fmt.Errorf("%w: pattern %q is not SUBJECT PREDICATE OBJECT (use ? for any)", ErrFilter, s)
	}
	pick := -1
	for i := 1; i+1 < len(toks); i++ {
		if _, ok := schema.LookupPredicate(predName(toks[i])); ok {
			pick = i
			break
		}
	}
	if pick < 0 {
		for i := 1; i+1 < len(toks); i++ {
			if toks[i] == Wildcard {
				pick = i
				break
			}
		}
	}
	if pick < 0 {
		return Pattern{}, fmt.Errorf("%w: no predicate in pattern %q (a predicate name such as %s, or ?)", ErrFilter, s, schema.Met)
	}
	p := Pattern{Subject: strings.Join(toks[:pick], " "), Predicate: toks[pick], Object: strings.Join(toks[pick+1:], " ")}
	if p.Predicate != Wildcard {
		p.Predicate = predName(p.Predicate)
	}
	return p, nil
}

func predName(s string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), " ", "_")
}

// tokenize splits on spaces, keeping double-quoted runs as one token.
func tokenize(s string) ([]string, error) {
	var out []string
	var b strings.Builder
	quoted, any := false, false
	flush := func() {
		if t := strings.TrimSpace(b.String()); any && t != "" {
			out = append(out, t)
		}
		b.Reset()
		any = false
	}
	for _, r := range s {
		switch {
		case r == '"':
			if quoted {
				any = true
				flush()
			} else {
				flush()
			}
			quoted = !quoted
		case !quoted && (r == ' ' || r == '\t' || r == '\n'):
			flush()
		default:
			b.WriteRune(r)
			any = true
		}
	}
	if quoted {
		return nil, fmt.Errorf("%w: unbalanced quote in pattern %q", ErrFilter, s)
	}
	flush()
	return out, nil
}

// Match returns the relations that pattern ("S P O", see ParsePattern)
// matches over the edges that pass opts.Filter: a named subject or object
// resolves like Resolve (an unknown name is a *ResolveError); for a
// literal-object predicate (title) the object is compared with the literal
// after schema.Fold. A symmetric relation matches in either order.
// Matches are sorted by sources, statements (descending), then names.
func (g *Graph) Match(ctx context.Context, pattern string, opts MatchOptions) ([]MatchResult, error) {
	p, err := ParsePattern(pattern)
	if err != nil {
		return nil, err
	}
	f, err := g.compile(opts.Filter)
	if err != nil {
		return nil, err
	}
	var pred int = -1
	literal := false
	if p.Predicate != Wildcard {
		pd, ok := schema.LookupPredicate(p.Predicate)
		if !ok {
			return nil, fmt.Errorf("%w: unknown predicate %q", ErrFilter, p.Predicate)
		}
		literal = pd.LiteralObject
		id, ok := g.predID[p.Predicate]
		if !ok {
			return []MatchResult{}, nil
		}
		pred = int(id)
	}
	subj, obj := int32(-1), int32(-1)
	if p.Subject != Wildcard {
		e, err := g.Resolve(p.Subject)
		if err != nil {
			return nil, err
		}
		subj = int32(g.byIRI[e.IRI])
	}
	litKey := ""
	if p.Object != Wildcard {
		if literal {
			litKey = schema.Fold(p.Object)
		} else {
			e, err := g.Resolve(p.Object)
			if err != nil {
				return nil, err
			}
			obj = int32(g.byIRI[e.IRI])
		}
	}
	// Candidate groups: those naming a bound end, or all.
	var cands []int32
	switch {
	case subj >= 0:
		cands = g.incGrp[g.incOff[subj]:g.incOff[subj+1]]
	case obj >= 0:
		cands = g.incGrp[g.incOff[obj]:g.incOff[obj+1]]
	default:
		cands = make([]int32, len(g.gSubj))
		for i := range cands {
			cands[i] = int32(i)
		}
	}
	var out []MatchResult
	var groups []int32 // the group of each match
	for _, gi := range cands {
		if pred >= 0 && int(g.gPred[gi]) != pred {
			continue
		}
		s, o := g.gSubj[gi], g.gObj[gi]
		sym := g.preds[g.gPred[gi]].symmetric
		ok := func(s, o int32) bool {
			if subj >= 0 && s != subj {
				return false
			}
			if p.Object != Wildcard {
				if literal || o < 0 {
					return o < 0 && litKey != "" && schema.Fold(g.gLit[gi]) == litKey
				}
				return o == obj
			}
			return true
		}
		switch {
		case ok(s, o):
		case sym && o >= 0 && ok(o, s):
			s, o = o, s
		default:
			continue
		}
		if !f.groupOK(gi) {
			continue
		}
		m := MatchResult{Subject: g.nodes[s], Predicate: g.preds[g.gPred[gi]].name, Symmetric: sym}
		if o >= 0 {
			m.Object = g.nodes[o]
		} else {
			m.Literal = g.gLit[gi]
		}
		for k := g.gStmt[gi]; k < g.gStmt[gi+1]; k++ {
			if f.stmtOK(k) {
				m.Statements++
			}
		}
		sp := f.support(gi)
		m.Sources, m.Publishers, m.Confidence = int(sp.docs), int(sp.pubs), f64(sp.conf)
		dates, docs := map[string]bool{}, map[string]bool{}
		f.dates(gi, dates)
		f.docIDs(gi, docs)
		m.Dates, m.Documents = sortedKeys(dates), sortedKeys(docs)
		out = append(out, m)
		groups = append(groups, gi)
	}
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := out[order[i]], out[order[j]]
		switch {
		case a.Sources != b.Sources:
			return a.Sources > b.Sources
		case a.Statements != b.Statements:
			return a.Statements > b.Statements
		case a.Subject.Name != b.Subject.Name:
			return a.Subject.Name < b.Subject.Name
		case a.Predicate != b.Predicate:
			return a.Predicate < b.Predicate
		case a.Object.Name != b.Object.Name:
			return a.Object.Name < b.Object.Name
		}
		return a.Literal < b.Literal
	})
	if opts.Limit > 0 && len(order) > opts.Limit {
		order = order[:opts.Limit]
	}
	sorted := make([]MatchResult, 0, len(order))
	for _, i := range order {
		m := out[i]
		if opts.Evidence {
			ev, err := g.evidence(ctx, groups[i], f)
			if err != nil {
				return nil, err
			}
			m.Evidence = ev
		}
		sorted = append(sorted, m)
	}
	return sorted, nil
}

// TimelineOptions tunes Timeline.
type TimelineOptions struct {
	Filter
	// Limit caps the events returned (0: all), keeping the earliest.
	Limit int
	// Evidence reads the statements to give each event its sentence.
	Evidence bool
}

// Event is one dated statement involving an entity.
type Event struct {
	// When is the statement's event date (YYYY, YYYY-MM or YYYY-MM-DD).
	When      string
	Subject   graph.Entity
	Predicate string
	Object    graph.Entity
	Literal   string
	Symmetric bool
	Doc       string
	DocDate   string
	Modality  schema.Modality
	// Confidence is the statement's confidence.
	Confidence float64
	// Sentence is the evidence sentence (TimelineOptions.Evidence).
	Sentence string
}

// Timeline returns the dated statements involving x (as subject or object)
// that pass opts.Filter, in date order (a coarser date before the finer
// dates it contains: 2026-02 before 2026-02-03), then by predicate, names
// and document. It fails with a *ResolveError wrapping ErrNotFound when x is
// not in the graph and with ErrFilter for a bad filter.
func (g *Graph) Timeline(ctx context.Context, x graph.Entity, opts TimelineOptions) ([]Event, error) {
	xi, ok := g.byIRI[x.IRI]
	if !ok {
		return nil, &ResolveError{Name: x.Name, Err: ErrNotFound}
	}
	f, err := g.compile(opts.Filter)
	if err != nil {
		return nil, err
	}
	type ev struct {
		Event
		from, to int32
	}
	less := func(a, b *ev) bool {
		switch {
		case a.from != b.from:
			return a.from < b.from
		case a.to != b.to:
			return a.to > b.to
		case a.Predicate != b.Predicate:
			return a.Predicate < b.Predicate
		case a.Subject.Name != b.Subject.Name:
			return a.Subject.Name < b.Subject.Name
		case a.Object.Name != b.Object.Name:
			return a.Object.Name < b.Object.Name
		case a.Literal != b.Literal:
			return a.Literal < b.Literal
		}
		return a.Doc < b.Doc
	}
	base := func(gi int32) Event {
		e := Event{Subject: g.nodes[g.gSubj[gi]], Predicate: g.preds[g.gPred[gi]].name, Symmetric: g.preds[g.gPred[gi]].symmetric}
		if o := g.gObj[gi]; o >= 0 {
			e.Object = g.nodes[o]
		} else {
			e.Literal = g.gLit[gi]
		}
		return e
	}
	// The events from the index; each remembers its group.
	var evs []ev
	var groups []int32
	for _, gi := range g.incGrp[g.incOff[xi]:g.incOff[xi+1]] {
		if !f.groupOK(gi) {
			continue
		}
		for k := g.gStmt[gi]; k < g.gStmt[gi+1]; k++ {
			w := g.sWhen[k]
			if g.whenFrom[w] == 0 || !f.stmtOK(k) {
				continue
			}
			e := base(gi)
			e.When, e.Confidence = g.whens[w], f64(g.sConf[k])
			if b := int(g.sMod[k]); b < len(schema.Modalities) {
				e.Modality = schema.Modalities[b]
			}
			if d := g.sDoc[k]; d >= 0 {
				e.Doc, e.DocDate = g.docs[d].ID, g.docs[d].Date
			}
			evs = append(evs, ev{e, g.whenFrom[w], g.whenTo[w]})
			groups = append(groups, gi)
		}
	}
	order := make([]int, len(evs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return less(&evs[order[i]], &evs[order[j]]) })
	sorted := make([]ev, len(order))
	for i, k := range order {
		sorted[i] = evs[k]
	}
	if opts.Limit > 0 && len(order) > opts.Limit {
		order = order[:opts.Limit]
		sorted = sorted[:opts.Limit]
	}
	evs = sorted
	if opts.Evidence {
		// Read the statements of the groups that made the cut only; they
		// carry the same dated events, now with their sentences.
		seen := map[int32]bool{}
		evs = nil
		for _, k := range order {
			gi := groups[k]
			if seen[gi] {
				continue
			}
			seen[gi] = true
			stmts, err := g.evidence(ctx, gi, f)
			if err != nil {
				return nil, err
			}
			for _, s := range stmts {
				from, to, ok := graph.DatePeriod(s.When)
				if !ok {
					continue
				}
				e := base(gi)
				e.When, e.Doc, e.DocDate, e.Modality, e.Confidence, e.Sentence = s.When, s.Doc, s.DocDate, s.Modality, s.Confidence, s.Sentence
				evs = append(evs, ev{e, from, to})
			}
		}
		sort.SliceStable(evs, func(i, j int) bool { return less(&evs[i], &evs[j]) })
		if opts.Limit > 0 && len(evs) > opts.Limit {
			evs = evs[:opts.Limit]
		}
	}
	out := make([]Event, len(evs))
	for i, e := range evs {
		out[i] = e.Event
	}
	return out, nil
}
