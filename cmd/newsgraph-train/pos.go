package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/newsgraph/newsgraph/nlp/pos"
)

func init() {
	register("pos", task{Train: trainPOS, Eval: evalPOS})
}

// trainPOS trains the tagger on EWT train, reporting dev accuracy after each
// epoch, and writes nlp/pos/model.bin.gz.
func trainPOS(dataDir string, w io.Writer) error {
	train, err := readEWT(dataDir, "train")
	if err != nil {
		return err
	}
	dev, err := readEWT(dataDir, "dev")
	if err != nil {
		return err
	}
	out, err := modelPath("pos", pos.ModelFile)
	if err != nil {
		return err
	}
	t := pos.Train(train, pos.TrainOptions{Dev: dev, Log: w})
	var buf bytes.Buffer
	if err := t.Save(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write pos model: %w", err)
	}
	fmt.Fprintf(w, "pos: wrote %s (%d bytes)\n", out, buf.Len())
	return nil
}

// evalPOS prints the embedded tagger's UPOS/XPOS accuracy on EWT dev and
// test (gold tokenisation) and its single-goroutine throughput.
func evalPOS(dataDir string, w io.Writer) error {
	start := time.Now()
	t := pos.Default()
	fmt.Fprintf(w, "pos: model loaded in %s\n", time.Since(start).Round(time.Millisecond))
	for _, split := range []string{"dev", "test"} {
		sents, err := readEWT(dataDir, split)
		if err != nil {
			return err
		}
		u, x := pos.Evaluate(t, sents)
		fmt.Fprintf(w, "pos: EWT %-4s UPOS %.2f%%  XPOS %.2f%%\n", split, 100*u, 100*x)
		if split == "test" {
			prev := runtime.GOMAXPROCS(1)
			n := 0
			words := make([][]string, len(sents))
			for i, s := range sents {
				for _, tk := range s.Tokens {
					words[i] = append(words[i], tk.Form)
				}
				n += len(s.Tokens)
			}
			start := time.Now()
			rounds := 0
			for time.Since(start) < 2*time.Second {
				for _, ws := range words {
					t.Tag(ws)
				}
				rounds++
			}
			el := time.Since(start)
			runtime.GOMAXPROCS(prev)
			fmt.Fprintf(w, "pos: %.0f tokens/s (one goroutine, GOMAXPROCS=1)\n", float64(n*rounds)/el.Seconds())
		}
	}
	return nil
}
