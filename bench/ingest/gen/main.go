// Command gen writes a corpus of realistic news articles for the ingest
// benchmark (bench/ingest/run.sh):
//
//	go run ./bench/ingest/gen -n 10000 -o DIR [-seed 1] [-words 600]
//
// Each article is a .txt file whose first line is "date YYYY-MM-DD" (dates
// spread over -days days from -start), then a headline and about -words
// words of paragraphs. An article is built by recombining the project's own
// articles (testdata/dev and testdata/test, written for the project; never
// testdata/seeds): the headline, dateline and paragraphs of one, followed
// by the paragraphs of others in their order, until the length is reached.
// Its countries (names, aliases, demonyms, capitals and seats of
// government), cities, organisations and people are substituted
// consistently within the article: every country by another country, every
// city and organisation by another of the same gazetteer section, every
// person by an invented one (a given name of the gazetteer's data and a
// common surname), drawn by a Zipf law over a seeded popularity order, so
// a few entities recur across many articles and most in a few, and the
// graph of the corpus is connected.
//
// The corpus is deterministic: article i depends only on -seed and i, so
// the first n articles of a corpus of 10,000 are the corpus of -n n.
// Existing files of the same names in DIR are overwritten.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 10000, "number of articles")
	out := fs.String("o", "", "output directory (created if needed)")
	seed := fs.Uint64("seed", 1, "random seed")
	words := fs.Int("words", 600, "approximate words per article")
	start := fs.String("start", "2026-01-05", "first publication date, YYYY-MM-DD")
	days := fs.Int("days", 120, "publication dates spread over this many days")
	root := fs.String("root", "", "repository root holding testdata/ and schema/data/ (default: found upwards from the working directory)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	t, err := time.Parse("2006-01-02", *start)
	switch {
	case err != nil:
		fmt.Fprintf(stderr, "gen: -start %q: want YYYY-MM-DD\n", *start)
		return 2
	case *out == "" || fs.NArg() > 0:
		fmt.Fprintln(stderr, "gen: usage: gen -n N -o DIR [-seed S] [-words W]")
		return 2
	case *n < 0 || *words < 1 || *days < 1:
		fmt.Fprintln(stderr, "gen: -n must be >= 0, -words and -days >= 1")
		return 2
	}
	if *root == "" {
		if *root, err = findRoot(); err != nil {
			fmt.Fprintln(stderr, "gen:", err)
			return 1
		}
	}
	total, err := generate(*root, *out, *n, *seed, config{words: *words, start: t, days: *days})
	if err != nil {
		fmt.Fprintln(stderr, "gen:", err)
		return 1
	}
	avg := 0
	if *n > 0 {
		avg = total / *n
	}
	fmt.Fprintf(stdout, "wrote %d articles to %s (%d words on average)\n", *n, *out, avg)
	return 0
}

// generate writes articles 0..n-1 of the corpus of seed into dir and
// returns their total number of words.
func generate(root, dir string, n int, seed uint64, c config) (int, error) {
	m, err := loadMaterial(root, seed)
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, fmt.Errorf("output directory: %w", err)
	}
	total := 0
	for i := range n {
		a := m.article(seed, i, c)
		if err := os.WriteFile(filepath.Join(dir, a.Name), []byte(a.Text), 0o644); err != nil {
			return 0, fmt.Errorf("write article: %w", err)
		}
		total += len(strings.Fields(a.Text))
	}
	return total, nil
}

// errNoRoot is returned when no directory above the working directory is
// the repository root.
var errNoRoot = errors.New("gen: repository root not found (no go.mod of module github.com/newsgraph/newsgraph above the working directory); pass -root")

// findRoot returns the nearest directory at or above the working directory
// whose go.mod declares the newsgraph module.
func findRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("gen: working directory: %w", err)
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && strings.HasPrefix(string(b), "module github.com/newsgraph/newsgraph\n") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errNoRoot
		}
		dir = parent
	}
}
