package score

import (
	"bytes"
	"strings"
	"testing"
)

func TestCountsRow(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    Counts
		want string
	}{
		{"all ratios", Counts{TP: 3, FP: 1, FN: 2}, "met                         3    1    2   0.750   0.600   0.667\n"},
		{"no predictions", Counts{FN: 2}, "met                         0    0    2       -   0.000   0.000\n"},
		{"no gold", Counts{FP: 1}, "met                         0    1    0   0.000       -   0.000\n"},
		{"nothing", Counts{}, "met                         0    0    0       -       -       -\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			writeCountsRow(&b, "met", tc.c)
			if got := b.String(); got != tc.want {
				t.Errorf("row = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestReportAgreesWithText checks that WriteReport prints the counts and
// figures WriteText prints, and every Report line once in its section.
func TestReportAgreesWithText(t *testing.T) {
	res := loadFixture(t)
	var text, rep bytes.Buffer
	if err := res.WriteText(&text, false); err != nil {
		t.Fatal(err)
	}
	if err := res.WriteReport(&rep, true); err != nil {
		t.Fatal(err)
	}
	out := rep.String()
	for _, line := range strings.Split(strings.TrimSpace(text.String()), "\n") {
		if strings.HasPrefix(line, "predicate") {
			continue
		}
		if !strings.Contains(out, line) {
			t.Errorf("report lacks %q", line)
		}
	}
	fp, fn, _ := strings.Cut(out, "misses (")
	for _, l := range res.Report {
		in := fp
		if strings.Contains(l, "FN  ") {
			in = fn
		}
		if strings.Count(in, "  "+l+"\n") != 1 {
			t.Errorf("report line %q not listed once in its section", l)
		}
	}
}
