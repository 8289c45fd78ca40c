// Package score measures extraction records (schema v1 JSONL) against a gold
// set. It is a port of the project's reference scorer, score.py, with the
// same matching rules, the same figures and the same printed report:
//
//   - A predicted name counts as a gold entity when it equals one of that
//     entity's aliases (or its id with '_' read as ' ') after folding case,
//     diacritics, dashes, single quotes, periods, white space, a leading "the"
//     and a trailing "'s". Within a document, the aliases of the entities the
//     document lists win over the global table.
//   - A gold relation lists alternatives for subject, predicate and object;
//     symmetric predicates match in either order. Each gold relation is matched
//     to at most one predicted triple by a maximum matching (augmenting paths,
//     required gold relations first); a predicted triple that fits a gold
//     relation but is not its match is another reading of it and is ignored.
//   - Optional gold relations and entities are neither missed nor counted
//     wrong. Relations with the predicate "title" are not scored. Of several
//     records for one triple, the one with the highest confidence counts.
//   - Only documents the set lists are scored.
package score

import (
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/schema"
)

// symmetric and states are the predicate sets of the reference scorer; they
// agree with the schema package's table (see TestPredicateSetsMatchSchema).
var (
	symmetric = setOf(schema.Met, schema.SpokeWith, schema.CooperatedWith, schema.NegotiatedWith,
		schema.SignedAgreementWith, schema.SpouseOf, schema.RelativeOf, schema.AlliedWith)
	states = setOf(schema.LeaderOf, schema.OfficialOf, schema.MemberOf, schema.EmployeeOf, schema.CitizenOf,
		schema.LivesIn, schema.SpouseOf, schema.RelativeOf, schema.AlliedWith, schema.LocatedIn, schema.BasedIn,
		schema.Title)
)

func setOf(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// PRF is a precision, recall and F1 triple.
type PRF struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// RelationScore is the score over all relations, with its counts.
type RelationScore struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
}

// EntityScore is the entity score: precision, recall, F1, and the share of
// found entities whose predicted type is the gold type.
type EntityScore struct {
	Precision    float64 `json:"precision"`
	Recall       float64 `json:"recall"`
	F1           float64 `json:"f1"`
	TypeAccuracy float64 `json:"type_accuracy"`
}

// Counts are true positives, false positives and false negatives.
type Counts struct {
	TP int `json:"tp"`
	FP int `json:"fp"`
	FN int `json:"fn"`
}

// Result is the outcome of Score. Its JSON form has the fields and names of
// score.py --json; Report holds the lines score.py --verbose prints.
type Result struct {
	Relations        RelationScore     `json:"relations"`
	Events           PRF               `json:"events"`
	States           PRF               `json:"states"`
	Entities         EntityScore       `json:"entities"`
	ModalityAccuracy float64           `json:"modality_accuracy"`
	WhenAccuracy     float64           `json:"when_accuracy"`
	PerPredicate     map[string]Counts `json:"per_predicate"`
	// Report lists each entity and relation counted wrong or missed, one
	// line each, in the order score.py --verbose prints them.
	Report []string `json:"-"`
	// ByConfidence counts the predicted relations (one per distinct triple,
	// at its highest confidence) in the ConfidenceBands, and how many of
	// them are readings of a gold relation: whether confidence ranks real
	// relations above guesses. score.py does not print it.
	ByConfidence []Band `json:"-"`
}

// ConfidenceBands are the lower bounds of the bands of Result.ByConfidence,
// highest first; the last band takes everything below the one before.
var ConfidenceBands = []float64{0.8, 0.6, 0}

// Band counts the predicted relations whose confidence is at least Min
// (and below the previous band's Min): Correct of them are readings of a
// gold relation, Predicted in all.
type Band struct {
	Min                float64
	Predicted, Correct int
}

// prf is score.py's prf: zero where a ratio is undefined.
func prf(tp, fp, fn int) (p, r, f float64) {
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// relKey identifies a predicted triple; symmetric triples are stored with
// their two entities sorted.
type relKey struct{ p, a, b string }

func keyOf(s, p, o string) relKey {
	if symmetric[p] && o < s {
		s, o = o, s
	}
	return relKey{p, s, o}
}

// predRel is the record kept for one predicted triple, with its resolved
// subject, predicate and object.
type predRel struct {
	rec     extract.Record
	s, p, o string
}

// fits reports whether the triple (s, p, o) is a reading of gold relation g.
func fits(g *GoldRelation, s, p, o string) bool {
	if !contains(g.P, p) {
		return false
	}
	if contains(g.S, s) && contains(g.O, o) {
		return true
	}
	return symmetric[p] && contains(g.S, o) && contains(g.O, s)
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// orderedEnt maps entity ids to predicted types in order of first insertion.
type orderedEnt struct {
	keys []string
	typ  map[string]string
}

// orderedRel maps triples to their best record in order of first insertion.
type orderedRel struct {
	keys []relKey
	recs map[relKey]*predRel
}

// Score scores recs against g. Records of documents g does not list are
// ignored. The result does not depend on the order of g's entities beyond
// score.py's rule that the first entity listing an alias owns it.
func Score(g *Gold, recs []extract.Record) *Result {
	etype := map[string]string{}
	names := map[string][]string{}
	alias := map[string]string{}
	for _, e := range g.Entities {
		etype[e.ID] = e.Type
		ns := make([]string, 0, len(e.Aliases)+1)
		for _, a := range e.Aliases {
			ns = append(ns, normName(a))
		}
		ns = append(ns, normName(strings.ReplaceAll(e.ID, "_", " ")))
		names[e.ID] = ns
		for _, a := range ns {
			if _, ok := alias[a]; !ok {
				alias[a] = e.ID
			}
		}
	}
	docs := map[string]*GoldDoc{}
	for i := range g.Docs {
		docs[g.Docs[i].Doc] = &g.Docs[i]
	}
	local := map[string]map[string]string{}
	for doc, d := range docs {
		m := map[string]string{}
		listed := append(append([]string{}, d.Entities...), d.OptionalEntities...)
		for _, e := range listed {
			for _, a := range names[e] {
				if _, ok := m[a]; !ok {
					m[a] = e
				}
			}
		}
		local[doc] = m
	}
	goldRel := map[string][]*GoldRelation{}
	for i := range g.Relations {
		r := &g.Relations[i]
		goldRel[r.Doc] = append(goldRel[r.Doc], r)
	}

	ident := func(doc, n string) string {
		k := normName(n)
		if id := local[doc][k]; id != "" {
			return id
		}
		if id, ok := alias[k]; ok {
			return id
		}
		return "?" + k
	}

	predEnt := map[string]*orderedEnt{}
	predRels := map[string]*orderedRel{}
	for _, rec := range recs {
		doc := rec.Doc
		if _, ok := docs[doc]; !ok {
			continue
		}
		switch {
		case rec.Kind == "entity":
			pe := predEnt[doc]
			if pe == nil {
				pe = &orderedEnt{typ: map[string]string{}}
				predEnt[doc] = pe
			}
			id := ident(doc, rec.Name)
			if _, ok := pe.typ[id]; !ok {
				pe.keys = append(pe.keys, id)
				pe.typ[id] = rec.Type
			}
		case rec.Kind == "relation" && rec.Predicate != schema.Title:
			s, p, o := ident(doc, rec.Subject), rec.Predicate, ident(doc, rec.Object)
			k := keyOf(s, p, o)
			pr := predRels[doc]
			if pr == nil {
				pr = &orderedRel{recs: map[relKey]*predRel{}}
				predRels[doc] = pr
			}
			old, ok := pr.recs[k]
			if !ok {
				pr.keys = append(pr.keys, k)
			}
			if !ok || rec.Confidence > old.rec.Confidence {
				pr.recs[k] = &predRel{rec: rec, s: s, p: p, o: o}
			}
		}
	}

	var ent struct{ tp, fp, fn, typed int }
	rel := map[string]*Counts{}
	count := func(name string) *Counts {
		c := rel[name]
		if c == nil {
			c = &Counts{}
			rel[name] = c
		}
		return c
	}
	var modRight, modOf, whenRight, whenOf int
	res := &Result{ByConfidence: make([]Band, len(ConfidenceBands))}
	for i, m := range ConfidenceBands {
		res.ByConfidence[i].Min = m
	}

	docNames := make([]string, 0, len(docs))
	for doc := range docs {
		docNames = append(docNames, doc)
	}
	sort.Strings(docNames)
	for _, doc := range docNames {
		d := docs[doc]
		want, maybe := setOf(d.Entities...), setOf(d.OptionalEntities...)
		got := predEnt[doc]
		if got == nil {
			got = &orderedEnt{typ: map[string]string{}}
		}
		for _, e := range got.keys {
			t := got.typ[e]
			if want[e] {
				ent.tp++
				if gt, ok := etype[e]; ok && gt == t {
					ent.typed++
				}
			} else if !maybe[e] {
				ent.fp++
				res.Report = append(res.Report, doc+"  entity FP  "+e)
			}
		}
		var missed []string
		for e := range want {
			if _, ok := got.typ[e]; !ok {
				missed = append(missed, e)
			}
		}
		sort.Strings(missed)
		for _, e := range missed {
			ent.fn++
			res.Report = append(res.Report, doc+"  entity FN  "+e)
		}

		preds := predRels[doc]
		if preds == nil {
			preds = &orderedRel{recs: map[relKey]*predRel{}}
		}
		golds := goldRel[doc]
		fit := make([][]relKey, len(golds))
		fitsAny := map[relKey]bool{}
		for i, gr := range golds {
			for _, k := range preds.keys {
				r := preds.recs[k]
				if fits(gr, r.s, r.p, r.o) {
					fit[i] = append(fit[i], k)
					fitsAny[k] = true
				}
			}
		}
		match := map[relKey]int{} // predicted triple -> gold index, one to one
		var assign func(i int, seen map[relKey]bool) bool
		assign = func(i int, seen map[relKey]bool) bool {
			for _, k := range fit[i] {
				if seen[k] {
					continue
				}
				seen[k] = true
				j, taken := match[k]
				if !taken || assign(j, seen) {
					match[k] = i
					return true
				}
			}
			return false
		}
		order := make([]int, len(golds))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool { return !golds[order[a]].Optional && golds[order[b]].Optional })
		for _, i := range order {
			assign(i, map[relKey]bool{})
		}
		hit := map[int]relKey{}
		for k, i := range match {
			hit[i] = k
		}
		for i, gr := range golds {
			if gr.Optional {
				continue
			}
			bucket := "event"
			if allStates(gr.P) {
				bucket = "state"
			}
			k, ok := hit[i]
			if !ok {
				count(bucket).FN++
				count(first(gr.P)).FN++
				res.Report = append(res.Report, doc+"  FN  "+first(gr.S)+" "+first(gr.P)+" "+first(gr.O)+"  | "+gr.Evidence)
				continue
			}
			best := preds.recs[k]
			count(bucket).TP++
			count(best.p).TP++
			modOf++
			if modalityOf(best.rec.Modality) == modalityOf(gr.Modality) {
				modRight++
			}
			if gr.When != "" {
				whenOf++
				if prefix(best.rec.When, len([]rune(gr.When))) == gr.When {
					whenRight++
				}
			}
		}
		for _, k := range preds.keys {
			res.countBand(preds.recs[k].rec.Confidence, fitsAny[k])
			if fitsAny[k] {
				continue // a hit, or another reading of a gold relation
			}
			r := preds.recs[k]
			bucket := "event"
			if states[r.p] {
				bucket = "state"
			}
			count(bucket).FP++
			count(r.p).FP++
			res.Report = append(res.Report, doc+"  FP  "+r.s+" "+r.p+" "+r.o+"  | "+prefix(r.rec.Sentence, 120))
		}
	}

	ev, st := count("event"), count("state")
	tot := Counts{TP: st.TP + ev.TP, FP: st.FP + ev.FP, FN: st.FN + ev.FN}
	p, r, f := prf(tot.TP, tot.FP, tot.FN)
	res.Relations = RelationScore{Precision: p, Recall: r, F1: f, TP: tot.TP, FP: tot.FP, FN: tot.FN}
	p, r, f = prf(ev.TP, ev.FP, ev.FN)
	res.Events = PRF{p, r, f}
	p, r, f = prf(st.TP, st.FP, st.FN)
	res.States = PRF{p, r, f}
	p, r, f = prf(ent.tp, ent.fp, ent.fn)
	res.Entities = EntityScore{Precision: p, Recall: r, F1: f}
	if ent.tp > 0 {
		res.Entities.TypeAccuracy = float64(ent.typed) / float64(ent.tp)
	}
	if modOf > 0 {
		res.ModalityAccuracy = float64(modRight) / float64(modOf)
	}
	if whenOf > 0 {
		res.WhenAccuracy = float64(whenRight) / float64(whenOf)
	}
	res.PerPredicate = map[string]Counts{}
	for name, c := range rel {
		if name != "state" && name != "event" {
			res.PerPredicate[name] = *c
		}
	}
	return res
}

// countBand counts one predicted relation of confidence c in its band.
func (r *Result) countBand(c float64, correct bool) {
	for i := range r.ByConfidence {
		b := &r.ByConfidence[i]
		if c >= b.Min || i == len(r.ByConfidence)-1 {
			b.Predicted++
			if correct {
				b.Correct++
			}
			return
		}
	}
}

// allStates reports whether every predicate of ps is a state (true for none).
func allStates(ps []string) bool {
	for _, p := range ps {
		if !states[p] {
			return false
		}
	}
	return true
}

// modalityOf returns m, or "asserted" when m is empty.
func modalityOf(m string) string {
	if m == "" {
		return string(schema.Asserted)
	}
	return m
}

// first returns the first alternative of a gold list, "" for none.
func first(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return xs[0]
}

// prefix returns the first n code points of s, as a Python slice s[:n] does.
func prefix(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}
