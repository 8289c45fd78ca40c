package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/newsgraph/newsgraph/nlp/conllu"
	"github.com/newsgraph/newsgraph/nlp/depparse"
	"github.com/newsgraph/newsgraph/nlp/pos"
)

func init() {
	register("parse", task{Train: trainParse, Eval: evalParse})
}

// parseEpochs is the number of training passes of the shipped parser
// (chosen on EWT dev).
const parseEpochs = 8

// parseFolds is the number of jackknifing folds: the parser trains on tags
// predicted by taggers that did not see the sentence, so that it learns to
// cope with the tagging errors it meets at run time.
const parseFolds = 4

// jackknifeTags returns a copy of sents whose UPOS and XPOS tags are
// predicted by taggers trained (with the default options of package pos) on
// the other folds. Folds are contiguous blocks, so that a tagger rarely sees
// other sentences of the same document and its errors resemble those on new
// text.
func jackknifeTags(sents []conllu.Sentence, folds int, w io.Writer) []conllu.Sentence {
	out := make([]conllu.Sentence, len(sents))
	for k := 0; k < folds; k++ {
		var rest []conllu.Sentence
		for i, s := range sents {
			if i*folds/len(sents) != k {
				rest = append(rest, s)
			}
		}
		t := pos.Train(rest, pos.TrainOptions{})
		var n, ok int
		for i, s := range sents {
			if i*folds/len(sents) != k {
				continue
			}
			words := make([]string, len(s.Tokens))
			for j, tk := range s.Tokens {
				words[j] = tk.Form
			}
			up, xp := t.Tag(words)
			c := s
			c.Tokens = append([]conllu.Token(nil), s.Tokens...)
			for j := range c.Tokens {
				if c.Tokens[j].UPOS == up[j] {
					ok++
				}
				n++
				c.Tokens[j].UPOS, c.Tokens[j].XPOS = up[j], xp[j]
			}
			out[i] = c
		}
		fmt.Fprintf(w, "parse: jackknife fold %d/%d tagged, UPOS %.2f%%\n", k+1, folds, 100*float64(ok)/float64(n))
	}
	return out
}

// trainParse trains the parser on EWT train with both jackknifed and gold tags, printing
// dev scores (tags from the embedded tagger) after each epoch, and writes
// nlp/depparse/model.bin.gz.
func trainParse(dataDir string, w io.Writer) error {
	train, err := readEWT(dataDir, "train")
	if err != nil {
		return err
	}
	dev, err := readEWT(dataDir, "dev")
	if err != nil {
		return err
	}
	out, err := modelPath("depparse", depparse.ModelFile)
	if err != nil {
		return err
	}
	// Train on every sentence twice: once with jackknifed tags (the errors
	// seen at run time) and once with gold tags.
	jk := append(jackknifeTags(train, parseFolds, w), train...)
	var st depparse.Stats
	p := depparse.Train(jk, depparse.TrainOptions{Epochs: parseEpochs, Dev: dev, DevTags: pos.Default().Tag, Log: w, Stats: &st})
	fmt.Fprintf(w, "parse: trained on %d sentences; %d non-projective trees projectivised (%d arcs lifted)\n",
		st.Sentences, st.NonProjective, st.Lifted)
	var buf bytes.Buffer
	if err := p.Save(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write parse model: %w", err)
	}
	fmt.Fprintf(w, "parse: wrote %s (%d bytes)\n", out, buf.Len())
	return nil
}

// evalParse prints the embedded parser's UAS/LAS on EWT dev and test with
// tags predicted by the embedded tagger (and, for reference, gold tags), and
// its single-goroutine throughput.
func evalParse(dataDir string, w io.Writer) error {
	start := time.Now()
	p := depparse.Default()
	fmt.Fprintf(w, "parse: model loaded in %s\n", time.Since(start).Round(time.Millisecond))
	tagger := pos.Default()
	for _, split := range []string{"dev", "test"} {
		sents, err := readEWT(dataDir, split)
		if err != nil {
			return err
		}
		uas, las := depparse.Evaluate(p, sents, tagger.Tag)
		fmt.Fprintf(w, "parse: EWT %-4s predicted tags: UAS %.2f%%  LAS %.2f%%\n", split, uas, las)
		uas, las = depparse.Evaluate(p, sents, nil)
		fmt.Fprintf(w, "parse: EWT %-4s gold tags:      UAS %.2f%%  LAS %.2f%%\n", split, uas, las)
		if split != "test" {
			continue
		}
		type in struct{ w, u, x []string }
		var ins []in
		n := 0
		for _, s := range sents {
			var x in
			for _, t := range s.Tokens {
				x.w, x.u, x.x = append(x.w, t.Form), append(x.u, t.UPOS), append(x.x, t.XPOS)
			}
			ins = append(ins, x)
			n += len(s.Tokens)
		}
		prev := runtime.GOMAXPROCS(1)
		start := time.Now()
		rounds := 0
		for time.Since(start) < 2*time.Second {
			for _, x := range ins {
				p.Parse(x.w, x.u, x.x)
			}
			rounds++
		}
		el := time.Since(start)
		runtime.GOMAXPROCS(prev)
		fmt.Fprintf(w, "parse: %.0f tokens/s parsing alone (one goroutine, GOMAXPROCS=1)\n", float64(n*rounds)/el.Seconds())
	}
	return nil
}
