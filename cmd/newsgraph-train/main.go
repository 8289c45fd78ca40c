// Command newsgraph-train rebuilds and evaluates the NLP models that newsgraph
// ships inside its binary (tokenizer-independent part-of-speech tagger,
// dependency parser, named-entity recognizer) from the openly licensed data
// sets in ../shared/data. Training is deterministic: fixed seeds, fixed order.
//
//	go run ./cmd/newsgraph-train train [-data DIR] [MODEL...]   # rebuild models in place
//	go run ./cmd/newsgraph-train eval  [-data DIR] [MODEL...]   # print held-out accuracy
//
// MODEL is one of the registered model names (pos, parse, ner); none means all.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/newsgraph/newsgraph/nlp/conllu"
)

// task is one model's training and evaluation entry points. Train writes the
// model file(s) under the repository (the embedded location) and returns an
// error naming what failed; Eval prints held-out figures to w.
type task struct {
	Train func(dataDir string, w io.Writer) error
	Eval  func(dataDir string, w io.Writer) error
}

// tasks is filled by the init functions of the other files of this command,
// one file a model.
var tasks = map[string]task{}

func register(name string, t task) {
	if _, dup := tasks[name]; dup {
		panic("newsgraph-train: model registered twice: " + name)
	}
	tasks[name] = t
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "train" && args[0] != "eval") {
		fmt.Fprintln(stderr, "usage: newsgraph-train train|eval [-data DIR] [MODEL...]")
		return 2
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "../shared/data", "directory holding ud_english_ewt/, gmb_ner/, uner_english_ewt/")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	names := fs.Args()
	if len(names) == 0 {
		for n := range tasks {
			names = append(names, n)
		}
		sort.Strings(names)
	}
	for _, n := range names {
		t, ok := tasks[n]
		if !ok {
			fmt.Fprintf(stderr, "newsgraph-train: unknown model %q\n", n)
			return 2
		}
		f := t.Eval
		if args[0] == "train" {
			f = t.Train
		}
		start := time.Now()
		if err := f(*data, stdout); err != nil {
			fmt.Fprintf(stderr, "newsgraph-train: %s %s: %v\n", args[0], n, err)
			return 1
		}
		fmt.Fprintf(stderr, "%s %s: done in %s\n", args[0], n, time.Since(start).Round(time.Millisecond))
	}
	return 0
}

// readEWT reads one split ("train", "dev", "test") of UD English-EWT from
// the data directory.
func readEWT(dataDir, split string) ([]conllu.Sentence, error) {
	return conllu.ReadFile(filepath.Join(dataDir, "ud_english_ewt", "en_ewt-ud-"+split+".conllu"))
}

// modelPath returns the path of the embedded model file of package
// nlp/<pkg> under the repository root: the directory holding go.mod, searched
// upwards from the working directory.
func modelPath(pkg, file string) (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find repository root: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "nlp", pkg, file), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("find repository root: no go.mod above the working directory")
		}
		dir = parent
	}
}
