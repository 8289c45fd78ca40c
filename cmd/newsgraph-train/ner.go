package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/newsgraph/newsgraph/nlp/ner"
	"github.com/newsgraph/newsgraph/nlp/pos"
)

func init() {
	register("ner", task{Train: trainNER, Eval: evalNER})
}

// nerGMB reads the GMB corpus and splits it: the last 10% is held out.
func nerGMB(dataDir string) (train, heldOut []ner.Sentence, err error) {
	all, err := ner.ReadGMBFile(filepath.Join(dataDir, filepath.FromSlash(ner.GMBFile)))
	if err != nil {
		return nil, nil, err
	}
	train, heldOut = ner.SplitGMB(all)
	return train, heldOut, nil
}

// trainNER trains the recognizer on the first 90% of the GMB sentences and
// writes nlp/ner/model.bin.gz.
func trainNER(dataDir string, w io.Writer) error {
	train, _, err := nerGMB(dataDir)
	if err != nil {
		return err
	}
	out, err := modelPath("ner", ner.ModelFile)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "ner: training on %d GMB sentences\n", len(train))
	r, err := ner.Train(train, ner.TrainOptions{Progress: w})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := r.Save(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write ner model: %w", err)
	}
	fmt.Fprintf(w, "ner: wrote %s (%d bytes)\n", out, buf.Len())
	return nil
}

// nerRetag replaces the sentences' part-of-speech tags with those of the
// embedded tagger. The tagger is another model of this command; a broken
// tagger model is reported as an error rather than stopping the evaluation.
func nerRetag(sents []ner.Sentence) (out []ner.Sentence, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("part-of-speech tagger: %v", p)
		}
	}()
	t := pos.Default()
	out = make([]ner.Sentence, len(sents))
	for i, s := range sents {
		_, s.XPOS = t.Tag(s.Words)
		out[i] = s
	}
	return out, nil
}

// evalNER prints the embedded recognizer's entity-level scores on the
// held-out GMB sentences (without part-of-speech tags, with the corpus's
// own tags, and with the tags of the embedded tagger), on the Universal NER
// EWT test set (GPE counted as LOC), and its single-goroutine throughput.
func evalNER(dataDir string, w io.Writer) error {
	start := time.Now()
	r := ner.Default()
	fmt.Fprintf(w, "ner: model loaded in %s\n", time.Since(start).Round(time.Millisecond))
	_, heldOut, err := nerGMB(dataDir)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "ner: GMB held-out (%d sentences), no part-of-speech tags:\n", len(heldOut))
	ner.Evaluate(r, heldOut, ner.EvalOptions{}).Print(w)
	fmt.Fprintln(w, "ner: GMB held-out, with the corpus's PTB tags:")
	ner.Evaluate(r, heldOut, ner.EvalOptions{UsePOS: true}).Print(w)
	if tagged, err := nerRetag(heldOut); err != nil {
		fmt.Fprintf(w, "ner: GMB held-out with the embedded tagger's tags: skipped: %v\n", err)
	} else {
		fmt.Fprintln(w, "ner: GMB held-out, with the embedded tagger's PTB tags:")
		ner.Evaluate(r, tagged, ner.EvalOptions{UsePOS: true}).Print(w)
	}
	uner, err := ner.ReadIOB2File(filepath.Join(dataDir, filepath.FromSlash(ner.UNERTestFile)))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "ner: Universal NER EWT test (%d sentences; GPE counted as LOC), no part-of-speech tags:\n", len(uner))
	ner.Evaluate(r, uner, ner.EvalOptions{Map: ner.UNERMap}).Print(w)

	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	tokens := 0
	start = time.Now()
	for time.Since(start) < time.Second {
		for _, s := range heldOut {
			r.Recognize(s.Words, nil)
			tokens += len(s.Words)
		}
	}
	fmt.Fprintf(w, "ner: %.0f tokens/s on one core (no part-of-speech tags)\n", float64(tokens)/time.Since(start).Seconds())
	return nil
}
