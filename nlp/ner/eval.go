package ner

import (
	"fmt"
	"io"
	"sort"
)

// Counts are entity-level counts: a predicted entity is correct when a gold
// entity has exactly its span and type (CoNLL style).
type Counts struct {
	Gold, Pred, Correct int
}

// Precision, Recall and F1 of the counts (0 when undefined).
func (c Counts) Precision() float64 { return ratio(c.Correct, c.Pred) }

// Recall is Correct / Gold.
func (c Counts) Recall() float64 { return ratio(c.Correct, c.Gold) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Scores are the overall and per-type counts of an evaluation.
type Scores struct {
	Overall Counts
	ByType  map[string]Counts
	Tokens  int
}

// EvalOptions control Evaluate.
type EvalOptions struct {
	UsePOS bool // pass the sentences' XPOS tags to the recognizer
	// Map, when not nil, rewrites types (of gold and predicted entities)
	// before comparing; a type mapped to "" is dropped. Types missing from
	// the map are kept.
	Map map[string]string
}

// Evaluate runs r over the sentences and compares its entities with the
// gold ones. Gold entities of types r does not report are ignored.
func Evaluate(r *Recognizer, sents []Sentence, opt EvalOptions) Scores {
	sc := Scores{ByType: map[string]Counts{}}
	conv := func(spans []Span) map[Span]bool {
		m := make(map[Span]bool, len(spans))
		for _, s := range spans {
			if opt.Map != nil {
				if t, ok := opt.Map[s.Type]; ok {
					if t == "" {
						continue
					}
					s.Type = t
				}
			}
			m[s] = true
		}
		return m
	}
	report := map[string]bool{}
	for _, t := range r.Types() {
		report[t] = true
	}
	for _, s := range sents {
		var xpos []string
		if opt.UsePOS {
			xpos = s.XPOS
		}
		var goldSpans []Span
		for _, g := range s.Spans {
			if report[g.Type] {
				goldSpans = append(goldSpans, g)
			}
		}
		gold := conv(goldSpans)
		pred := conv(r.Recognize(s.Words, xpos))
		sc.Tokens += len(s.Words)
		for g := range gold {
			c := sc.ByType[g.Type]
			c.Gold++
			if pred[g] {
				c.Correct++
				sc.Overall.Correct++
			}
			sc.ByType[g.Type] = c
			sc.Overall.Gold++
		}
		for p := range pred {
			c := sc.ByType[p.Type]
			c.Pred++
			sc.ByType[p.Type] = c
			sc.Overall.Pred++
		}
	}
	return sc
}

// Print writes a table of the scores, one line a type and one overall.
func (s Scores) Print(w io.Writer) {
	var types []string
	for t := range s.ByType {
		types = append(types, t)
	}
	sort.Strings(types)
	fmt.Fprintf(w, "  %-8s %7s %7s %7s %6s %6s %6s\n", "type", "gold", "pred", "correct", "P", "R", "F1")
	line := func(name string, c Counts) {
		fmt.Fprintf(w, "  %-8s %7d %7d %7d %6.2f %6.2f %6.2f\n", name, c.Gold, c.Pred, c.Correct,
			100*c.Precision(), 100*c.Recall(), 100*c.F1())
	}
	for _, t := range types {
		line(t, s.ByType[t])
	}
	line("overall", s.Overall)
}

// SplitGMB splits the GMB sentences as the shipped model was trained: the
// last 10% (rounded up) are held out for evaluation, the rest train.
func SplitGMB(sents []Sentence) (train, heldOut []Sentence) {
	k := len(sents) - (len(sents)+9)/10
	return sents[:k], sents[k:]
}

// ModelFile is the name of the embedded model file in this package's
// directory.
const ModelFile = "model.bin.gz"

// Data file locations under the shared data directory.
const (
	GMBFile      = "gmb_ner/ner_dataset.first8300sents.csv"
	UNERTestFile = "uner_english_ewt/en_ewt-ud-test.iob2"
)

// UNERMap is the type mapping for comparing with Universal NER, which has no
// GPE type: country-like entities count as locations there.
var UNERMap = map[string]string{GPE: LOC}
