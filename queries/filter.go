package queries

import (
	"fmt"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// Filter selects the statements and edges a query may use; the zero value
// keeps everything. Statement-level conditions (MinConfidence, Modality,
// Since, Until) drop statements; an edge (a subject, predicate, object
// triple) is usable when at least max(1, MinSources) distinct documents and
// at least MinPublishers distinct publishers (see the package comment)
// remain among its statements, and evidence lists only the statements
// that remain.
type Filter struct {
	// Via keeps only these predicates (names); empty keeps all.
	Via []string
	// Exclude drops these predicates.
	Exclude []string
	// MinConfidence drops statements with a lower confidence.
	MinConfidence float64
	// Modality keeps only statements with one of these modalities; empty
	// keeps all.
	Modality []schema.Modality
	// Since and Until bound the statements' event dates ("when"), each
	// YYYY, YYYY-MM or YYYY-MM-DD; empty is open. A statement is kept when
	// the period its date names (a day, a month or a year) overlaps the
	// window [start of Since, end of Until]. When either is set, statements
	// without a date are dropped; when neither is, they are kept.
	Since, Until string
	// MinSources drops edges reported by fewer distinct documents.
	MinSources int
	// MinPublishers drops edges reported by fewer distinct publishers; a
	// document whose publisher is unknown counts as a publisher of its own.
	MinPublishers int
}

// cfilter is a Filter compiled against one Graph for one query.
type cfilter struct {
	g          *Graph
	allow      []bool // by predicate id
	minConf    float32
	mods       uint8 // 0: any
	window     bool
	since      int32
	until      int32
	minSources int32
	minPubs    int32
	stmtLevel  bool
	memo       []int8 // by group: 0 unknown, 1 usable, -1 not
}

// Validate checks f without a graph: every predicate is a schema
// predicate, every modality valid, the dates are YYYY, YYYY-MM or
// YYYY-MM-DD and in order, and the minimums are not negative. It fails with
// ErrFilter.
func (f Filter) Validate() error {
	for _, p := range append(append([]string(nil), f.Via...), f.Exclude...) {
		if _, ok := schema.LookupPredicate(p); !ok {
			return fmt.Errorf("%w: unknown predicate %q", ErrFilter, p)
		}
	}
	for _, m := range f.Modality {
		if !m.Valid() {
			return fmt.Errorf("%w: unknown modality %q (want one of %v)", ErrFilter, m, schema.Modalities)
		}
	}
	since, until := int32(0), int32(99999999)
	if f.Since != "" {
		var ok bool
		if since, _, ok = graph.DatePeriod(f.Since); !ok {
			return fmt.Errorf("%w: since %q is not YYYY, YYYY-MM or YYYY-MM-DD", ErrFilter, f.Since)
		}
	}
	if f.Until != "" {
		var ok bool
		if _, until, ok = graph.DatePeriod(f.Until); !ok {
			return fmt.Errorf("%w: until %q is not YYYY, YYYY-MM or YYYY-MM-DD", ErrFilter, f.Until)
		}
	}
	if since > until {
		return fmt.Errorf("%w: since %s is after until %s", ErrFilter, f.Since, f.Until)
	}
	for _, m := range []struct {
		name string
		v    float64
	}{{"sources", float64(f.MinSources)}, {"publishers", float64(f.MinPublishers)}, {"confidence", f.MinConfidence}} {
		if m.v < 0 {
			return fmt.Errorf("%w: minimum %s %v is negative", ErrFilter, m.name, m.v)
		}
	}
	return nil
}

// compile checks f and prepares it for g. It fails with ErrFilter.
func (g *Graph) compile(f Filter) (*cfilter, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	c := &cfilter{g: g, allow: make([]bool, len(g.preds)), minConf: float32(f.MinConfidence), minSources: int32(f.MinSources), minPubs: int32(f.MinPublishers)}
	for i := range c.allow {
		c.allow[i] = len(f.Via) == 0
	}
	for _, p := range f.Via {
		if id, ok := g.predID[p]; ok {
			c.allow[id] = true
		}
	}
	for _, p := range f.Exclude {
		if id, ok := g.predID[p]; ok {
			c.allow[id] = false
		}
	}
	for _, m := range f.Modality {
		c.mods |= 1 << modalityBit(m)
	}
	c.until = 99999999
	if f.Since != "" {
		c.since, _, _ = graph.DatePeriod(f.Since)
		c.window = true
	}
	if f.Until != "" {
		_, c.until, _ = graph.DatePeriod(f.Until)
		c.window = true
	}
	c.stmtLevel = c.minConf > 0 || c.mods != 0 || c.window
	if c.stmtLevel {
		c.memo = make([]int8, len(g.gSubj))
	}
	return c, nil
}

// stmtOK reports whether statement slot k passes the statement-level
// conditions.
func (c *cfilter) stmtOK(k int32) bool {
	if c == nil || !c.stmtLevel {
		return true
	}
	g := c.g
	if g.sConf[k] < c.minConf {
		return false
	}
	if c.mods != 0 && c.mods&(1<<g.sMod[k]) == 0 {
		return false
	}
	if c.window {
		w := g.sWhen[k]
		f, t := g.whenFrom[w], g.whenTo[w]
		if f == 0 || t < c.since || f > c.until {
			return false
		}
	}
	return true
}

// statementOK applies the statement-level conditions to a statement read
// from the store.
func (c *cfilter) statementOK(s graph.Statement) bool {
	if c == nil || !c.stmtLevel {
		return true
	}
	if float32(s.Confidence) < c.minConf {
		return false
	}
	if c.mods != 0 && c.mods&(1<<modalityBit(s.Modality)) == 0 {
		return false
	}
	if c.window {
		f, t, ok := graph.DatePeriod(s.When)
		if !ok || t < c.since || f > c.until {
			return false
		}
	}
	return true
}

// groupOK reports whether group gi is usable under the filter.
func (c *cfilter) groupOK(gi int32) bool {
	g := c.g
	if !c.allow[g.gPred[gi]] {
		return false
	}
	if !c.stmtLevel {
		return g.gDocs[gi] >= c.minSources && g.gPubs[gi] >= c.minPubs
	}
	switch c.memo[gi] {
	case 1:
		return true
	case -1:
		return false
	}
	ok := c.groupCheck(gi)
	if ok {
		c.memo[gi] = 1
	} else {
		c.memo[gi] = -1
	}
	return ok
}

func (c *cfilter) groupCheck(gi int32) bool {
	g := c.g
	if g.gConf[gi] < c.minConf || c.mods != 0 && c.mods&g.gMods[gi] == 0 {
		return false
	}
	if c.window && (g.gFrom[gi] == 0 || g.gTo[gi] < c.since || g.gFrom[gi] > c.until) {
		return false
	}
	sp := c.support(gi)
	return sp.docs >= max(1, c.minSources) && sp.pubs >= c.minPubs
}

// support is what the statements of a group that pass a filter amount to.
type support struct {
	docs, pubs int32   // distinct documents and publishers
	conf       float32 // highest confidence
}

// support returns the distinct documents and publishers and the highest
// confidence of the statements of group gi that pass the statement-level
// conditions. A group's statements are ordered by publisher, then
// document, so one pass counts both.
func (c *cfilter) support(gi int32) support {
	g := c.g
	if !c.stmtLevel {
		return support{g.gDocs[gi], g.gPubs[gi], g.gConf[gi]}
	}
	var sp support
	lastDoc, lastPub, first := int32(0), int32(0), true
	for k := g.gStmt[gi]; k < g.gStmt[gi+1]; k++ {
		if !c.stmtOK(k) {
			continue
		}
		d := g.sDoc[k]
		p := g.pubOf(d)
		if first || d != lastDoc {
			sp.docs++
			lastDoc = d
		}
		if first || p != lastPub {
			sp.pubs++
			lastPub = p
		}
		first = false
		sp.conf = max(sp.conf, g.sConf[k])
	}
	return sp
}

// dates returns the distinct non-empty dates of the statements of group gi
// that pass the filter, in slot order (callers sort).
func (c *cfilter) dates(gi int32, into map[string]bool) {
	g := c.g
	for k := g.gStmt[gi]; k < g.gStmt[gi+1]; k++ {
		if c.stmtOK(k) {
			if w := g.whens[g.sWhen[k]]; w != "" {
				into[w] = true
			}
		}
	}
}

// pubIDs adds the distinct publishers (numbers) of the documents of the
// statements of group gi that pass the filter.
func (c *cfilter) pubIDs(gi int32, into map[int32]bool) {
	g := c.g
	for k := g.gStmt[gi]; k < g.gStmt[gi+1]; k++ {
		if c.stmtOK(k) && g.sDoc[k] >= 0 {
			into[g.docPub[g.sDoc[k]]] = true
		}
	}
}

// docIDs adds the distinct documents of the statements of group gi that pass
// the filter.
func (c *cfilter) docIDs(gi int32, into map[string]bool) {
	g := c.g
	for k := g.gStmt[gi]; k < g.gStmt[gi+1]; k++ {
		if c.stmtOK(k) && g.sDoc[k] >= 0 {
			into[g.docs[g.sDoc[k]].ID] = true
		}
	}
}
