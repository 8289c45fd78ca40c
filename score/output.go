package score

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// predicateNames returns the keys of PerPredicate in sorted order.
func (r *Result) predicateNames() []string {
	names := make([]string, 0, len(r.PerPredicate))
	for p := range r.PerPredicate {
		names = append(names, p)
	}
	sort.Strings(names)
	return names
}

// WriteText writes the report score.py prints, byte for byte: with verbose,
// the Report lines and a blank line first; then the per-predicate counts and
// the entity, event, state, modality, when and relation figures.
func (r *Result) WriteText(w io.Writer, verbose bool) error {
	bw := bufio.NewWriter(w)
	if verbose {
		bw.WriteString(strings.Join(r.Report, "\n"))
		bw.WriteString("\n\n")
	}
	fmt.Fprintf(bw, "%-24s%5s%5s%5s\n", "predicate", "tp", "fp", "fn")
	for _, p := range r.predicateNames() {
		c := r.PerPredicate[p]
		fmt.Fprintf(bw, "%-24s%5d%5d%5d\n", p, c.TP, c.FP, c.FN)
	}
	return r.writeSummary(bw)
}

// writeSummary writes the entity, event, state, modality, when and relation
// figures in score.py's words and flushes bw.
func (r *Result) writeSummary(bw *bufio.Writer) error {
	e := r.Entities
	fmt.Fprintf(bw, "entities  P %.3f  R %.3f  F1 %.3f  types right %.3f\n", e.Precision, e.Recall, e.F1, e.TypeAccuracy)
	fmt.Fprintf(bw, "events    P %.3f  R %.3f  F1 %.3f\n", r.Events.Precision, r.Events.Recall, r.Events.F1)
	fmt.Fprintf(bw, "states    P %.3f  R %.3f  F1 %.3f\n", r.States.Precision, r.States.Recall, r.States.F1)
	fmt.Fprintf(bw, "modality right %.3f  when right %.3f\n", r.ModalityAccuracy, r.WhenAccuracy)
	fmt.Fprintf(bw, "relations P %.3f  R %.3f  F1 %.3f\n", r.Relations.Precision, r.Relations.Recall, r.Relations.F1)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("score: write report: %w", err)
	}
	return nil
}

// WriteJSON writes the result as score.py --json prints it, byte for byte:
// Python's json.dumps with indent=1 (floats as Python's repr, non-ASCII
// escaped) and a final newline.
func (r *Result) WriteJSON(w io.Writer) error {
	var b strings.Builder
	type kv struct {
		k string
		v any
	}
	prfObj := func(p PRF) []kv { return []kv{{"precision", p.Precision}, {"recall", p.Recall}, {"f1", p.F1}} }
	per := make([]kv, 0, len(r.PerPredicate))
	for _, p := range r.predicateNames() {
		c := r.PerPredicate[p]
		per = append(per, kv{p, []kv{{"tp", c.TP}, {"fp", c.FP}, {"fn", c.FN}}})
	}
	rel := r.Relations
	doc := []kv{
		{"relations", []kv{{"precision", rel.Precision}, {"recall", rel.Recall}, {"f1", rel.F1}, {"tp", rel.TP}, {"fp", rel.FP}, {"fn", rel.FN}}},
		{"events", prfObj(r.Events)},
		{"states", prfObj(r.States)},
		{"entities", []kv{{"precision", r.Entities.Precision}, {"recall", r.Entities.Recall}, {"f1", r.Entities.F1}, {"type_accuracy", r.Entities.TypeAccuracy}}},
		{"modality_accuracy", r.ModalityAccuracy},
		{"when_accuracy", r.WhenAccuracy},
		{"per_predicate", per},
	}
	var write func(v any, depth int)
	write = func(v any, depth int) {
		switch v := v.(type) {
		case []kv:
			if len(v) == 0 {
				b.WriteString("{}")
				return
			}
			b.WriteString("{")
			for i, e := range v {
				if i > 0 {
					b.WriteString(",")
				}
				b.WriteString("\n" + strings.Repeat(" ", depth+1))
				b.WriteString(pyQuote(e.k))
				b.WriteString(": ")
				write(e.v, depth+1)
			}
			b.WriteString("\n" + strings.Repeat(" ", depth) + "}")
		case int:
			b.WriteString(strconv.Itoa(v))
		case float64:
			b.WriteString(pyFloat(v))
		}
	}
	write(doc, 0)
	b.WriteString("\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("score: write report: %w", err)
	}
	return nil
}

// pyFloat formats f as Python's repr (and json.dumps) does: the shortest
// digits that round-trip, positional between 1e-4 and 1e16, otherwise
// exponent notation with at least two exponent digits.
func pyFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // "-d.ddde±XX"
	sign := ""
	if e[0] == '-' {
		sign, e = "-", e[1:]
	}
	mant, exp, _ := strings.Cut(e, "e")
	digits := strings.Replace(mant, ".", "", 1)
	x, _ := strconv.Atoi(exp)
	decpt := x + 1 // value = 0.digits × 10^decpt
	if decpt <= -4 || decpt > 16 {
		m := digits[:1]
		if len(digits) > 1 {
			m += "." + digits[1:]
		}
		es := "+"
		if x < 0 {
			es, x = "-", -x
		}
		return fmt.Sprintf("%s%se%s%02d", sign, m, es, x)
	}
	switch {
	case decpt <= 0:
		return sign + "0." + strings.Repeat("0", -decpt) + digits
	case decpt >= len(digits):
		return sign + digits + strings.Repeat("0", decpt-len(digits)) + ".0"
	default:
		return sign + digits[:decpt] + "." + digits[decpt:]
	}
}

// pyQuote quotes s as Python's json.dumps does with ensure_ascii: '"', '\\'
// and the usual control characters escaped by name, every other character
// outside ' '..'~' as \uXXXX (a surrogate pair above U+FFFF).
func pyQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			switch {
			case r >= ' ' && r <= '~':
				b.WriteRune(r)
			case r > 0xffff:
				r -= 0x10000
				fmt.Fprintf(&b, `\u%04x\u%04x`, 0xd800+(r>>10), 0xdc00+(r&0x3ff))
			default:
				if r == utf8.RuneError {
					r = 0xfffd
				}
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
