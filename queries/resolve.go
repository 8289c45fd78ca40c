package queries

import (
	"fmt"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// maxCandidates bounds the suggestions of a ResolveError.
const maxCandidates = 5

// ResolveError is returned by Resolve when a name matches no entity
// (Err is ErrNotFound, Candidates are the closest names, possibly none) or
// several (Err is ErrAmbiguous, Candidates are the matches).
type ResolveError struct {
	Name       string
	Err        error
	Candidates []graph.Entity
}

// Error says what went wrong, with a "did you mean" list when there are
// candidates.
func (e *ResolveError) Error() string {
	var b strings.Builder
	if e.Err == ErrAmbiguous {
		fmt.Fprintf(&b, "%v: %q could be ", e.Err, e.Name)
	} else {
		fmt.Fprintf(&b, "%v: no entity named %q", e.Err, e.Name)
		if len(e.Candidates) == 0 {
			return b.String()
		}
		b.WriteString("; did you mean ")
	}
	for i, c := range e.Candidates {
		switch {
		case i > 0 && i == len(e.Candidates)-1:
			b.WriteString(" or ")
		case i > 0:
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q (%s)", c.Name, c.Type)
	}
	if e.Err != ErrAmbiguous {
		b.WriteString("?")
	}
	return b.String()
}

// Unwrap returns ErrNotFound or ErrAmbiguous.
func (e *ResolveError) Unwrap() error { return e.Err }

// Resolve returns the entity that name means. Names compare after
// schema.Fold (case, diacritics, dashes, quotes, periods, a leading "the").
// An entity's canonical name wins over other entities' aliases; an IRI or a
// slug ("nicolas_maduro") also resolves. Failing all these, whole words of
// a name resolve when exactly one entity has them ("Maduro" for "Nicolás
// Maduro"). When nothing matches it returns a *ResolveError wrapping
// ErrNotFound with up to five close names; when several entities match
// equally it wraps ErrAmbiguous with them (at most ten).
func (g *Graph) Resolve(name string) (graph.Entity, error) {
	if i, ok := g.byIRI[strings.TrimSpace(name)]; ok {
		return g.nodes[i], nil
	}
	k := schema.Fold(name)
	for _, m := range []map[string][]int{g.names, g.aliases} {
		switch hits := m[k]; len(hits) {
		case 0:
			continue
		case 1:
			return g.nodes[hits[0]], nil
		default:
			return graph.Entity{}, &ResolveError{Name: name, Err: ErrAmbiguous, Candidates: g.pick(hits)}
		}
	}
	if i, ok := g.byIRI[schema.EntityIRI(name)]; ok {
		return g.nodes[i], nil
	}
	switch hits := g.partial(k); {
	case len(hits) == 1:
		return g.nodes[hits[0]], nil
	case len(hits) > 1:
		if len(hits) > 2*maxCandidates {
			hits = hits[:2*maxCandidates]
		}
		return graph.Entity{}, &ResolveError{Name: name, Err: ErrAmbiguous, Candidates: g.pick(hits)}
	}
	return graph.Entity{}, &ResolveError{Name: name, Err: ErrNotFound, Candidates: g.closest(k)}
}

// partial returns the entities, in name order, whose name or an alias
// contains the words of the folded key k as a run of whole words ("maduro"
// in "Nicolás Maduro"). Keys shorter than three letters match nothing.
func (g *Graph) partial(k string) []int {
	if len(k) < 3 {
		return nil
	}
	words := strings.Fields(k)
	var out []int
	for i, e := range g.nodes {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if containsRun(strings.Fields(schema.Fold(n)), words) {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

// containsRun reports whether run occurs in words as consecutive elements.
func containsRun(words, run []string) bool {
	for i := 0; i+len(run) <= len(words); i++ {
		match := true
		for j, w := range run {
			if words[i+j] != w {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

func (g *Graph) pick(idx []int) []graph.Entity {
	out := make([]graph.Entity, len(idx))
	for i, j := range idx {
		out[i] = g.nodes[j]
	}
	return out
}

// closest returns up to maxCandidates entities whose name or an alias is
// near the folded key k: within an edit distance of about a third of its
// length, or sharing words with it (exactly or with a small typo: "trmp"
// is near "Donald Trump"). Closer names come first.
func (g *Graph) closest(k string) []graph.Entity {
	if k == "" {
		return nil
	}
	words := strings.Fields(k)
	type cand struct {
		node  int
		words int // word match score: 2 per exact word, 1 per near word
		dist  int // smallest edit distance of the name or an alias to k
	}
	var cands []cand
	limit := max(2, len([]rune(k))/3)
	for i, e := range g.nodes {
		best := cand{node: i, dist: -1}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			f := schema.Fold(n)
			if f == "" {
				continue
			}
			if d := editDistance(k, f); best.dist < 0 || d < best.dist {
				best.dist = d
			}
			best.words = max(best.words, wordScore(words, strings.Fields(f)))
		}
		if best.words > 0 || (best.dist >= 0 && best.dist <= limit) {
			cands = append(cands, best)
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.words != b.words {
			return a.words > b.words
		}
		if a.dist != b.dist {
			return a.dist < b.dist
		}
		return a.node < b.node
	})
	var out []graph.Entity
	for _, c := range cands {
		if len(out) == maxCandidates {
			break
		}
		out = append(out, g.nodes[c.node])
	}
	return out
}

// wordScore scores how well the words of a query match the words of a name:
// 2 for each query word found in the name, 1 for each within a small edit
// distance (one edit per four letters) of a name word. Query words shorter
// than three letters ("of", "us") count only when they are all there is.
func wordScore(query, name []string) int {
	n := 0
	for _, q := range query {
		if len(q) < 3 && len(query) > 1 {
			continue
		}
		best := 0
		for _, w := range name {
			switch {
			case q == w:
				best = 2
			case best == 0 && len(q) >= 4 && editDistance(q, w) <= len([]rune(q))/4:
				best = 1
			}
		}
		n += best
	}
	return n
}

// editDistance returns the Levenshtein distance between a and b in runes.
func editDistance(a, b string) int { return EditDistance([]rune(a), []rune(b)) }

// EditDistance returns the Levenshtein distance between a and b: the fewest
// insertions, deletions and substitutions of elements that turn a into b.
// Pass runes to count characters, bytes to count bytes.
func EditDistance[T comparable](a, b []T) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
