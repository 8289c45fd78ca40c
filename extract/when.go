package extract

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/schema"
)

// dateExpr is a date expression in a sentence.
type dateExpr struct {
	start, end int    // token span
	value      string // ISO 8601 at the precision given, "" when unresolvable
	speech     bool   // dates the reporting ("said Friday"), not the event
	// modifies is the end of the noun phrase a date premodifies ("February
	// talks", "the January 3 raid"), or -1: such a date belongs to that noun.
	modifies int
}

// resolveOpts say how to read a date expression without a year or day.
type resolveOpts struct {
	ref    time.Time // the article date; zero when unknown
	future bool      // the event is planned: read "Friday", "in March" forward
}

// dateExprs finds the date expressions of a sentence and resolves them.
func (a *sent) dateExprs(o resolveOpts) []dateExpr {
	var out []dateExpr
	n := len(a.toks)
	for i := 0; i < n; i++ {
		e, v, ok := a.dateAt(i, o)
		if !ok {
			continue
		}
		d := dateExpr{start: i, end: e, value: v, modifies: -1}
		if e < n && (isNounTag(a.toks[e].Tag) || a.toks[e].Tag == "JJ" || a.ment[e] >= 0) && a.toks[e].Norm != "," {
			d.modifies = a.npEndAt(e)
		}
		// A dateline ("Washington, Jan 8, 2026:") dates the article.
		if i <= 3 && e < n && (a.low[e] == ":" || a.low[e] == "-" || a.low[e] == "--") {
			i = e - 1
			continue
		}
		// "said Friday", "announced on Friday": the date of the saying.
		j := i - 1
		if j >= 0 && a.low[j] == "on" {
			j--
		}
		if j >= 0 && a.vgAt[j] >= 0 {
			if g := a.vgs[a.vgAt[j]]; reportingVerbs[g.lemma] && g.head == j {
				d.speech = true
			}
		}
		out = append(out, d)
		i = e - 1
	}
	return out
}

// dateAt reads a date expression starting at token i: its end, its value.
func (a *sent) dateAt(i int, o resolveOpts) (int, string, bool) {
	n := len(a.toks)
	w := trimDot(a.low[i])
	next := func(k int) string {
		if k < n {
			return trimDot(a.low[k])
		}
		return ""
	}
	// ISO date
	if t, err := time.Parse("2006-01-02", a.toks[i].Norm); err == nil {
		return i + 1, t.Format("2006-01-02"), true
	}
	if (w == "first" || w == "second" || w == "third" || w == "fourth" || w == "last") && next(i+1) == "week" && next(i+2) == "of" {
		if m, ok := monthNames[next(i+3)]; ok && i+3 < n && startsUpper(a.toks[i+3].Norm) {
			return i + 4, month(o, m, a.yearAfter(i+4)), true
		}
	}
	// relative words
	switch w {
	case "yesterday":
		return i + 1, shift(o.ref, -1), true
	case "today":
		return i + 1, shift(o.ref, 0), true
	case "tomorrow":
		return i + 1, shift(o.ref, 1), true
	case "last", "this", "next", "earlier", "later":
		k := i + 1
		if (w == "earlier" || w == "later") && next(k) == "this" {
			k++
		}
		switch u := next(k); u {
		case "week", "weekend":
			return k + 1, "", true
		case "month":
			if o.ref.IsZero() {
				return k + 1, "", true
			}
			m := o.ref
			if w == "last" {
				m = m.AddDate(0, -1, 0)
			} else if w == "next" {
				m = m.AddDate(0, 1, 0)
			}
			return k + 1, m.Format("2006-01"), true
		case "year":
			if o.ref.IsZero() {
				return k + 1, "", true
			}
			y := o.ref.Year()
			if w == "last" {
				y--
			} else if w == "next" {
				y++
			}
			return k + 1, strconv.Itoa(y), true
		}
		if wd, ok := weekdayNames[next(k)]; ok && len(next(k)) > 3 && (w == "last" || w == "next" || w == "this") {
			return k + 1, weekday(o.ref, wd, w), true
		}
		return 0, "", false
	}
	if wd, ok := weekdayNames[w]; ok && len(w) > 3 && startsUpper(a.toks[i].Norm) {
		mode := ""
		if o.future {
			mode = "next-or-same"
		}
		e := i + 1
		if p := next(e); p == "morning" || p == "afternoon" || p == "evening" || p == "night" {
			e++
		}
		return e, weekday(o.ref, wd, mode), true
	}
	// "mid-February", "early February", "late February", "the first week of February"
	if strings.HasPrefix(w, "mid-") {
		if m, ok := monthNames[w[4:]]; ok {
			return i + 1, month(o, m, a.yearAfter(i+1)), true
		}
	}
	if w == "early" || w == "late" || w == "mid" {
		if m, ok := monthNames[next(i+1)]; ok && startsUpper(a.toks[i+1].Norm) {
			return i + 2, month(o, m, a.yearAfter(i+2)), true
		}
	}
	// Month day[, year] | Month year | Month
	if m, ok := monthNames[w]; ok && startsUpper(a.toks[i].Norm) && (w != "may" || i+1 < n && isNum(a.toks[i+1].Norm) || i > 0 && a.low[i-1] == "in") {
		if i+1 < n {
			if d, y, ok := dayYear(a.toks[i+1].Norm); ok {
				e := i + 2
				if y == 0 {
					if yy, ok2 := a.yearTok(e); ok2 {
						y, e = yy, e+1
						if e-1 < n && a.low[e-1] == "," {
							y, e = a.yearTokAt(e)
						}
					}
				}
				return e, day(o, m, d, y), true
			}
			if y, ok := year(a.toks[i+1].Norm); ok {
				return i + 2, fmt.Sprintf("%04d-%02d", y, m), true
			}
		}
		return i + 1, month(o, m, 0), true
	}
	// day Month [year]
	if d, err := strconv.Atoi(w); err == nil && d >= 1 && d <= 31 && i+1 < n {
		if m, ok := monthNames[next(i+1)]; ok && startsUpper(a.toks[i+1].Norm) {
			e := i + 2
			y := 0
			if yy, ok := a.yearTok(e); ok {
				y, e = yy, e+1
			}
			return e, day(o, m, d, y), true
		}
	}
	// a year: "in 2023", "Germany's 1937 bombing"
	if y, ok := year(a.toks[i].Norm); ok && a.toks[i].Tag == "CD" {
		if i+1 < n && (a.low[i+1] == "%" || a.low[i+1] == "percent") {
			return 0, "", false
		}
		return i + 1, strconv.Itoa(y), true
	}
	return 0, "", false
}

// yearAfter reads a year right after token k (", 2026" or "2026").
func (a *sent) yearAfter(k int) int {
	if y, ok := a.yearTok(k); ok {
		return y
	}
	if k+1 < len(a.toks) && a.low[k] == "," {
		if y, ok := a.yearTok(k + 1); ok {
			return y
		}
	}
	return 0
}

func (a *sent) yearTok(k int) (int, bool) {
	if k >= len(a.toks) {
		return 0, false
	}
	if a.low[k] == "," && k+1 < len(a.toks) {
		if y, ok := year(a.toks[k+1].Norm); ok {
			return y, true
		}
		return 0, false
	}
	return year(a.toks[k].Norm)
}

// yearTokAt reads ", YYYY" at k-1, k and returns the year and the end.
func (a *sent) yearTokAt(k int) (int, int) {
	if k < len(a.toks) {
		if y, ok := year(a.toks[k].Norm); ok {
			return y, k + 1
		}
	}
	return 0, k - 1
}

func isNum(s string) bool {
	_, err := strconv.Atoi(strings.TrimRight(s, ","))
	return err == nil || strings.Contains(s, ",")
}

// year reads a four-digit year (also "2025and", a year glued to a word).
func year(s string) (int, bool) {
	if len(s) < 4 {
		return 0, false
	}
	for i := 0; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	if len(s) > 4 && s[4] >= '0' && s[4] <= '9' {
		return 0, false
	}
	y, _ := strconv.Atoi(s[:4])
	if y < 1800 || y > 2200 {
		return 0, false
	}
	return y, true
}

// dayYear reads "3", "3rd", "8,2026" (a day, with a year glued on).
func dayYear(s string) (int, int, bool) {
	s = strings.TrimSuffix(s, ",")
	yr := 0
	if c := strings.IndexByte(s, ','); c > 0 {
		y, ok := year(s[c+1:])
		if !ok {
			return 0, 0, false
		}
		yr, s = y, s[:c]
	}
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		s = strings.TrimSuffix(s, suf)
	}
	d, err := strconv.Atoi(s)
	if err != nil || d < 1 || d > 31 {
		return 0, 0, false
	}
	return d, yr, true
}

func shift(ref time.Time, days int) string {
	if ref.IsZero() {
		return ""
	}
	return ref.AddDate(0, 0, days).Format("2006-01-02")
}

// weekday resolves a weekday: by default the most recent such day on or
// before the article date; "last" strictly before; "next" strictly after;
// "next-or-same" (a planned event) on or after; "this" the one in the
// article's week.
func weekday(ref time.Time, wd int, mode string) string {
	if ref.IsZero() {
		return ""
	}
	cur := int(ref.Weekday())
	switch mode {
	case "last":
		d := (cur - wd + 7) % 7
		if d == 0 {
			d = 7
		}
		return ref.AddDate(0, 0, -d).Format("2006-01-02")
	case "next":
		d := (wd - cur + 7) % 7
		if d == 0 {
			d = 7
		}
		return ref.AddDate(0, 0, d).Format("2006-01-02")
	case "next-or-same":
		return ref.AddDate(0, 0, (wd-cur+7)%7).Format("2006-01-02")
	case "this":
		return ref.AddDate(0, 0, wd-cur).Format("2006-01-02")
	}
	return ref.AddDate(0, 0, -((cur - wd + 7) % 7)).Format("2006-01-02")
}

// month resolves a month without a year: in the past relative to the article
// (the article's own month counts), or the next one for a planned event.
func month(o resolveOpts, m, y int) string {
	if y > 0 {
		return fmt.Sprintf("%04d-%02d", y, m)
	}
	if o.ref.IsZero() {
		return ""
	}
	y = o.ref.Year()
	rm := int(o.ref.Month())
	if o.future {
		if m < rm {
			y++
		}
	} else if m > rm {
		y--
	}
	return fmt.Sprintf("%04d-%02d", y, m)
}

// day resolves a day of a month, with the year given or chosen as month does.
func day(o resolveOpts, m, d, y int) string {
	if y == 0 {
		if o.ref.IsZero() {
			return ""
		}
		y = o.ref.Year()
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if o.future && t.Before(o.ref) {
			y++
		} else if !o.future && t.After(o.ref) {
			y--
		}
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return ""
	}
	return t.Format("2006-01-02")
}

// when picks the date of the event at tok: the nearest date expression of
// the sentence that does not date the reporting, preferring one in the same
// clause. The dependency tree settles two readings the surface cannot:
// a date whose phrase hangs from the event's own verb (through its noun
// arguments: "adding X to the list of sanctioned individuals in October")
// dates the event however far it stands, and a planned event does not take
// the date of the past-tense verb that planned it ("on January 8 they agreed
// to a meeting" dates the agreement). An event in a relative clause takes the
// date of the noun the clause describes ("the January 3 raid, in which
// forces captured X").
func (rx *relater) when(a *sent, tok int, mod schema.Modality) string {
	o := resolveOpts{ref: rx.st.Ref, future: mod == schema.Planned}
	exprs := a.dateExprs(o)
	bestScore, bestVal := 1<<30, ""
	seg := a.segment(tok)
	ev := a.clauseVerb(tok)
	for _, d := range exprs {
		if d.speech {
			continue
		}
		dv := a.clauseVerb(d.start)
		if dv < 0 {
			dv = a.nextFinite(d.end)
		}
		if mod == schema.Planned && dv >= 0 && dv != tok && a.toks[dv].Tag == "VBD" && !a.forDate(d) {
			continue // the date of the planning, not of the planned event
		}
		if d.modifies >= 0 && !(tok >= d.start && tok < d.modifies) {
			if a.describedBy(tok, d) {
				bestScore, bestVal = 0, d.value
			}
			continue
		}
		dist := d.start - tok
		if dist < 0 {
			dist = tok - d.end
		}
		own := ev >= 0 && dv == ev && (ev == tok || a.vgAt[ev] >= 0 && a.vgAt[ev] == a.vgAt[tok])
		if !own && (dist > 12 && d.start > 2 || a.subordinateBetween(d, tok) || a.verbBetween(d, tok)) {
			continue
		}
		if a.segment(d.start) != seg && !(d.start <= 1 && seg == 0) && !own {
			dist += 20
		}
		if dist < bestScore {
			bestScore, bestVal = dist, d.value
		}
	}
	if bestVal == "" && ev >= 0 && mod != schema.Planned {
		// A participle clause or a coordinated verb with no date of its
		// own happened with the clause it hangs on: "imposed sanctions on
		// Tuesday, accusing X", "condemned X on Monday and called on Y".
		t := a.toks[ev]
		// Not from a relative clause the parser joined it to ("X, who
		// took office in December, praised Y").
		if h := t.Head; h >= 0 && h < ev && isVerbTag(a.toks[h].Tag) && !strings.HasPrefix(a.toks[h].Deprel, "acl") &&
			(t.Deprel == "advcl" && t.Tag == "VBG" || t.Deprel == "conj" && isVerbTag(t.Tag)) {
			return rx.when(a, h, mod)
		}
	}
	return bestVal
}

// clauseVerb returns the verb whose clause token k belongs to: k itself
// when it is a verb, else the first verb up the dependency tree through
// nominal and prepositional attachments; -1 at the root or a clause
// boundary without a verb, or when the sentence was not parsed.
func (a *sent) clauseVerb(k int) int {
	for steps := 0; k >= 0 && k < len(a.toks) && steps < len(a.toks); steps++ {
		t := a.toks[k]
		if t.Deprel == "" {
			return -1
		}
		if strings.HasPrefix(t.Tag, "VB") && t.Deprel != "amod" {
			return k
		}
		k = t.Head
	}
	return -1
}

// nextFinite returns the main verb of the first finite verb group at or
// after token k, or -1: the verb a fronted adverbial ("On March 2, they
// agreed") belongs to when the tree does not say.
func (a *sent) nextFinite(k int) int {
	for ; k < len(a.toks); k++ {
		if v := a.vgAt[k]; v >= 0 && a.vgs[v].finite {
			return a.vgs[v].head
		}
	}
	return -1
}

// forDate reports whether date d is introduced by "for", the preposition of
// a scheduled time ("set the talks for March 3").
func (a *sent) forDate(d dateExpr) bool {
	k := d.start - 1
	if k >= 0 && a.low[k] == "the" {
		k--
	}
	return k >= 0 && a.low[k] == "for"
}

// describedBy reports whether the event at tok lies in a relative clause
// (its verb, through coordinated verbs) attached to the noun that date d
// premodifies.
func (a *sent) describedBy(tok int, d dateExpr) bool {
	k := a.clauseVerb(tok)
	for steps := 0; k >= 0 && k < len(a.toks) && steps < 8; steps++ {
		t := a.toks[k]
		switch {
		case t.Deprel == "conj" && isVerbTag(t.Tag):
			k = t.Head
		case t.Deprel == "acl:relcl" || t.Deprel == "acl":
			h := t.Head
			return h >= d.end && h <= d.modifies
		default:
			return false
		}
	}
	return false
}

// subordinateBetween reports whether a relative pronoun or subordinator
// separates date d from the trigger at tok.
func (a *sent) subordinateBetween(d dateExpr, tok int) bool {
	lo, hi := d.end, tok
	if tok < d.start {
		lo, hi = tok+1, d.start
	}
	for k := lo; k < hi; k++ {
		if o := a.relativeOpen(k); o >= 0 && o < d.start {
			return true // the date is inside ", who ... ," and the trigger is not
		}
		switch a.low[k] {
		case "who", "which", "because", "after", "before", "when", "while", "since", "if", "although", "though", "whereas":
			return true
		case "that":
			if a.toks[k].Tag == "WDT" {
				return true
			}
		}
	}
	return false
}

// verbBetween reports whether another verb group stands between the trigger
// at tok and a date after it: "invited her to visit Buenos Aires in
// September" dates the visit.
func (a *sent) verbBetween(d dateExpr, tok int) bool {
	if d.start < tok {
		return false
	}
	own := a.vgAt[tok]
	for k := tok + 1; k < d.start; k++ {
		if v := a.vgAt[k]; v >= 0 && v != own && a.vgs[v].head == k {
			return true
		}
	}
	return false
}

// segment numbers the coordinated clauses of the sentence: a new one starts
// at ", and", ", but", ";" and "while".
func (a *sent) segment(tok int) int {
	seg := 0
	for j := 1; j <= tok && j < len(a.toks); j++ {
		w := a.low[j]
		if (w == "and" || w == "but") && a.low[j-1] == "," || w == ";" || w == "while" || w == "whereas" {
			seg++
		}
	}
	return seg
}
