package extract

import (
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// Assembler writes the Document's Entities and Relations from the State:
// entities in order of first mention with their other surface forms as
// sorted aliases; relations in order of their evidence, one per subject,
// predicate, object and sentence (either order for symmetric predicates),
// keeping the most confident reading. Mentions of one event in one article
// share its date: an undated event statement takes the date of the other
// statements with the same subject, predicate, object and modality when
// their dates agree (see shareEventDates).
type Assembler struct{}

var _ Stage = Assembler{}

// Name returns "assemble".
func (Assembler) Name() string { return "assemble" }

// Run fills st.Doc.Entities and st.Doc.Relations.
func (Assembler) Run(st *State) error {
	doc := st.Doc
	doc.Entities = make([]Entity, 0, len(st.Entities))
	for _, e := range st.Entities {
		var aliases []string
		for f := range e.Forms {
			if f != e.Name {
				aliases = append(aliases, f)
			}
		}
		sort.Strings(aliases)
		doc.Entities = append(doc.Entities, Entity{Name: e.Name, Type: e.Type, Aliases: aliases, Mentions: e.Mentions})
	}
	type key struct {
		s, p, o string
		start   int
	}
	seen := map[key]int{}
	var out []Relation
	for _, r := range st.Relations {
		s, o := r.Subject, r.Object
		if p, ok := schema.LookupPredicate(r.Predicate); ok && p.Symmetric && o < s {
			s, o = o, s
		}
		k := key{s, r.Predicate, o, r.Start}
		if i, ok := seen[k]; ok {
			if r.Confidence > out[i].Confidence {
				out[i] = r
			}
			continue
		}
		seen[k] = len(out)
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	shareEventDates(out)
	doc.Relations = out
	return nil
}

// shareEventDates dates the undated event statements of one document that
// repeat a dated one: same subject, predicate, object (either order for a
// symmetric predicate) and modality. An article that tells of "the January
// 3 raid" and later of "the raid" tells of one event. The dates of a group
// must agree, each a prefix of the most precise ("2026-01", "2026-01-03"),
// which is then given to the undated ones; a group with dates that disagree
// is left as it is (it holds more than one event).
func shareEventDates(rels []Relation) {
	type key struct{ s, p, o, m string }
	keyOf := func(r Relation) key {
		s, o := r.Subject, r.Object
		if p, ok := schema.LookupPredicate(r.Predicate); ok && p.Symmetric && o < s {
			s, o = o, s
		}
		return key{s, r.Predicate, o, string(r.Modality)}
	}
	date := map[key]string{}
	clash := map[key]bool{}
	for _, r := range rels {
		if r.When == "" {
			continue
		}
		if p, ok := schema.LookupPredicate(r.Predicate); !ok || p.Kind != schema.Event {
			continue
		}
		k := keyOf(r)
		switch d := date[k]; {
		case d == "" || strings.HasPrefix(r.When, d):
			date[k] = r.When
		case !strings.HasPrefix(d, r.When):
			clash[k] = true
		}
	}
	for i, r := range rels {
		if r.When != "" {
			continue
		}
		if k := keyOf(r); date[k] != "" && !clash[k] {
			rels[i].When = date[k]
		}
	}
}
