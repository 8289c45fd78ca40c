package queries

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// Filter selects the statements and edges a query may use; the zero value
// keeps everything. Statement-level conditions (MinConfidence, Modality,
// Since, Until) drop statements; an edge (a subject, predicate, object
// triple) is usable when at least max(1, MinSources) distinct documents
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
	stmtLevel  bool
	memo       []int8 // by group: 0 unknown, 1 usable, -1 not
}

// dateInterval returns the first and last day (yyyymmdd) of the period a
// date names: YYYY-MM-DD, YYYY-MM or YYYY. ok is false (and both 0) for
// anything else.
func dateInterval(s string) (from, to int32, ok bool) {
	s = strings.TrimSpace(s)
	num := func(p string, lo, hi int) (int32, bool) {
		for _, r := range p {
			if r < '0' || r > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < lo || n > hi {
			return 0, false
		}
		return int32(n), true
	}
	parts := strings.Split(s, "-")
	if len(parts[0]) != 4 {
		return 0, 0, false
	}
	y, ok := num(parts[0], 1, 9999)
	if !ok {
		return 0, 0, false
	}
	switch len(parts) {
	case 1:
		return y*10000 + 101, y*10000 + 1231, true
	case 2:
		m, ok := num(parts[1], 1, 12)
		if !ok || len(parts[1]) != 2 {
			return 0, 0, false
		}
		return y*10000 + m*100 + 1, y*10000 + m*100 + 31, true
	case 3:
		m, ok1 := num(parts[1], 1, 12)
		d, ok2 := num(parts[2], 1, 31)
		if !ok1 || !ok2 || len(parts[1]) != 2 || len(parts[2]) != 2 {
			return 0, 0, false
		}
		return y*10000 + m*100 + d, y*10000 + m*100 + d, true
	}
	return 0, 0, false
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
		if since, _, ok = dateInterval(f.Since); !ok {
			return fmt.Errorf("%w: since %q is not YYYY, YYYY-MM or YYYY-MM-DD", ErrFilter, f.Since)
		}
	}
	if f.Until != "" {
		var ok bool
		if _, until, ok = dateInterval(f.Until); !ok {
			return fmt.Errorf("%w: until %q is not YYYY, YYYY-MM or YYYY-MM-DD", ErrFilter, f.Until)
		}
	}
	if since > until {
		return fmt.Errorf("%w: since %s is after until %s", ErrFilter, f.Since, f.Until)
	}
	if f.MinSources < 0 || f.MinConfidence < 0 {
		return fmt.Errorf("%w: negative minimum", ErrFilter)
	}
	return nil
}

// compile checks f and prepares it for g. It fails with ErrFilter.
func (g *Graph) compile(f Filter) (*cfilter, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	c := &cfilter{g: g, allow: make([]bool, len(g.preds)), minConf: float32(f.MinConfidence), minSources: int32(f.MinSources)}
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
		c.since, _, _ = dateInterval(f.Since)
		c.window = true
	}
	if f.Until != "" {
		_, c.until, _ = dateInterval(f.Until)
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
		f, t, ok := dateInterval(s.When)
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
		return g.gDocs[gi] >= c.minSources
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
	docs, _ := c.support(gi)
	return docs >= max(1, c.minSources)
}

// support returns the distinct documents and the highest confidence of the
// statements of group gi that pass the statement-level conditions.
func (c *cfilter) support(gi int32) (docs int32, conf float32) {
	g := c.g
	if !c.stmtLevel {
		return g.gDocs[gi], g.gConf[gi]
	}
	last := int32(-2)
	for k := g.gStmt[gi]; k < g.gStmt[gi+1]; k++ {
		if !c.stmtOK(k) {
			continue
		}
		if d := g.sDoc[k]; d != last {
			docs++
			last = d
		}
		conf = max(conf, g.sConf[k])
	}
	return docs, conf
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
