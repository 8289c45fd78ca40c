package score

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteReport writes the report of `newsgraph eval`: with verbose, the
// false positives and then the misses, each line naming the document, the
// entity or relation and (for relations) the evidence; then a table of
// true positives, false positives, misses, precision, recall and F1 per
// predicate ("-" where a ratio is undefined), the precision of the
// predicted relations by band of confidence (see Result.ByConfidence), and
// the summary figures in the words of WriteText. The counts are those of WriteText; only the
// layout differs.
func (r *Result) WriteReport(w io.Writer, verbose bool) error {
	bw := bufio.NewWriter(w)
	if verbose {
		var fps, fns []string
		for _, line := range r.Report {
			switch {
			case strings.Contains(line, "  FN  "), strings.Contains(line, "  entity FN  "):
				fns = append(fns, line)
			default:
				fps = append(fps, line)
			}
		}
		for _, sec := range []struct {
			title string
			lines []string
		}{{"false positives", fps}, {"misses", fns}} {
			fmt.Fprintf(bw, "%s (%d)\n", sec.title, len(sec.lines))
			for _, l := range sec.lines {
				fmt.Fprintf(bw, "  %s\n", l)
			}
			bw.WriteString("\n")
		}
	}
	fmt.Fprintf(bw, "%-24s%5s%5s%5s%8s%8s%8s\n", "predicate", "tp", "fp", "fn", "P", "R", "F1")
	var all Counts
	for _, p := range r.predicateNames() {
		c := r.PerPredicate[p]
		all.TP, all.FP, all.FN = all.TP+c.TP, all.FP+c.FP, all.FN+c.FN
		writeCountsRow(bw, p, c)
	}
	writeCountsRow(bw, "(all relations)", all)
	bw.WriteString("\n")
	r.writeBands(bw)
	return r.writeSummary(bw)
}

// writeBands writes the precision of the predicted relations by band of
// confidence, highest band first.
func (r *Result) writeBands(w io.Writer) {
	if len(r.ByConfidence) == 0 {
		return
	}
	fmt.Fprintf(w, "%-24s%10s%8s%8s\n", "confidence", "predicted", "right", "P")
	hi := ""
	for _, b := range r.ByConfidence {
		name := fmt.Sprintf(">= %.2f", b.Min)
		if hi != "" {
			name = fmt.Sprintf("%.2f - %s", b.Min, hi)
		}
		hi = fmt.Sprintf("%.2f", b.Min)
		p := "-"
		if b.Predicted > 0 {
			p = fmt.Sprintf("%.3f", float64(b.Correct)/float64(b.Predicted))
		}
		fmt.Fprintf(w, "%-24s%10d%8d%8s\n", name, b.Predicted, b.Correct, p)
	}
	fmt.Fprintln(w)
}

// writeCountsRow writes one row of the per-predicate table.
func writeCountsRow(w io.Writer, name string, c Counts) {
	ratio := func(num, den int) string {
		if den == 0 {
			return "-"
		}
		return fmt.Sprintf("%.3f", float64(num)/float64(den))
	}
	f1 := "-"
	if 2*c.TP+c.FP+c.FN > 0 {
		f1 = fmt.Sprintf("%.3f", 2*float64(c.TP)/float64(2*c.TP+c.FP+c.FN))
	}
	fmt.Fprintf(w, "%-24s%5d%5d%5d%8s%8s%8s\n", name, c.TP, c.FP, c.FN, ratio(c.TP, c.TP+c.FP), ratio(c.TP, c.TP+c.FN), f1)
}
