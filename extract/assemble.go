package extract

import (
	"sort"

	"github.com/newsgraph/newsgraph/schema"
)

// Assembler writes the Document's Entities and Relations from the State:
// entities in order of first mention with their other surface forms as
// sorted aliases; relations in order of their evidence, one per subject,
// predicate, object and sentence (either order for symmetric predicates),
// keeping the most confident reading.
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
	doc.Relations = out
	return nil
}
