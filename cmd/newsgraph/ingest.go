package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// errNothing is wrapped in the error of a command none of whose inputs could
// be used.
var errNothing = errors.New("no input could be used")

func ingestCommand(env *environment) *cli.Command {
	return &cli.Command{
		Name:      "ingest",
		Usage:     "extract articles and store their entities and relations",
		ArgsUsage: "PATH...",
		Description: `Reads each PATH (a file; a directory, walked recursively for .txt, .md
and .text files; or - for standard input), extracts entities and relations,
and writes them to the store, one document at a time and all or nothing.
A document is named by its file's base name: ingesting an unchanged file
again does nothing, a changed one replaces what was stored for it.

Files that cannot be used (binary, not UTF-8, empty) are reported and
skipped; the others are still ingested. Prints a one-line summary on standard
error, or a JSON summary on standard output with --format json. Exits with
status 1 when nothing was ingested.

Example:
   newsgraph ingest testdata/seeds
   newsgraph --db news.db ingest --format json a.txt b.txt
   curl -s https://example.org/article.txt | newsgraph ingest -`,
		Flags: []cli.Flag{formatFlag("ingest", "text", "json"), referenceFlag("ingest")},
		Action: func(c *cli.Context) error {
			format, err := getFormat(c, "text", "json")
			if err != nil {
				return err
			}
			if c.NArg() == 0 {
				return usagef(c, "ingest needs at least one PATH (a file, a directory or -)")
			}
			return runIngest(c, env, format)
		},
	}
}

// ingestSummary is the outcome of one ingest run.
type ingestSummary struct {
	Documents  []ingestedDoc `json:"documents"`
	Added      int           `json:"added"`
	Replaced   int           `json:"replaced"`
	Unchanged  int           `json:"unchanged"`
	Entities   int           `json:"entities"`   // distinct entities in the documents read
	Statements int           `json:"statements"` // statements written
	Skipped    []skip        `json:"skipped"`
	Elapsed    float64       `json:"elapsed_seconds"`
}

// ingestedDoc is one document of an ingest run.
type ingestedDoc struct {
	Doc        string `json:"doc"`
	Path       string `json:"path"`
	Status     string `json:"status"`
	Entities   int    `json:"entities"`
	Statements int    `json:"statements"`
}

func runIngest(c *cli.Context, env *environment, format string) error {
	start := time.Now()
	ins, skips := collectInputs(c.Args().Slice())
	sum := &ingestSummary{Documents: []ingestedDoc{}, Skipped: []skip{}}
	for _, s := range skips {
		sum.Skipped = append(sum.Skipped, s)
		fmt.Fprintf(env.stderr, "newsgraph: skip: %s\n", s.Error)
	}
	finish := func(err error) error {
		sum.Elapsed = time.Since(start).Seconds()
		if err != nil && len(sum.Documents) == 0 {
			return err // nothing done: the error says it all
		}
		if format == "json" {
			if werr := writeJSON(env.stdout, sum); werr != nil && err == nil {
				err = werr
			}
		} else {
			fmt.Fprintln(env.stderr, sum.line())
		}
		if err == nil && len(sum.Documents) == 0 {
			err = fmt.Errorf("nothing ingested: %w", errNothing)
		}
		return err
	}
	if len(ins) == 0 {
		return finish(nil)
	}
	// The store is opened at the first usable document, so that a run
	// in which every input is skipped leaves --db untouched.
	var store *graph.Store
	defer func() {
		if store != nil {
			store.Close()
		}
	}()
	entities := map[string]bool{}
	p, err := newPipeline(c, env, ins)
	if err != nil {
		return err
	}
	err = extractAll(c.Context, p, ins, env.stdin, func(r extracted) error {
		if r.skip != nil {
			sum.Skipped = append(sum.Skipped, *r.skip)
			fmt.Fprintf(env.stderr, "newsgraph: skip: %s\n", r.skip.Error)
			return nil
		}
		if store == nil {
			var err error
			if store, err = openStore(c, true); err != nil {
				return err
			}
		}
		res, err := store.WriteDocument(c.Context, r.doc)
		if err != nil {
			return fmt.Errorf("write %s to the store: %w", r.in.path, err)
		}
		for _, e := range r.doc.Entities {
			entities[schema.EntityIRI(e.Name)] = true
		}
		switch res.Status {
		case graph.Added:
			sum.Added++
		case graph.Replaced:
			sum.Replaced++
		default:
			sum.Unchanged++
		}
		sum.Statements += res.Statements
		sum.Documents = append(sum.Documents, ingestedDoc{
			Doc: r.doc.ID, Path: r.in.path, Status: string(res.Status),
			Entities: len(r.doc.Entities), Statements: res.Statements,
		})
		return nil
	})
	if store != nil {
		if cerr := store.Close(); cerr != nil && err == nil {
			err = cerr
		}
		store = nil
	}
	sum.Entities = len(entities)
	return finish(err)
}

// line is the one-line text summary of an ingest run.
func (s *ingestSummary) line() string {
	var b strings.Builder
	fmt.Fprintf(&b, "ingested %d %s (%d added, %d replaced, %d unchanged): %d entities, %d statements; skipped %d",
		len(s.Documents), plural(len(s.Documents), "document", "documents"), s.Added, s.Replaced, s.Unchanged,
		s.Entities, s.Statements, len(s.Skipped))
	if len(s.Skipped) > 0 {
		byReason := map[string]int{}
		for _, k := range s.Skipped {
			byReason[k.Reason]++
		}
		var parts []string
		for r, n := range byReason {
			parts = append(parts, fmt.Sprintf("%d %s", n, r))
		}
		sort.Strings(parts)
		fmt.Fprintf(&b, " (%s)", strings.Join(parts, ", "))
	}
	fmt.Fprintf(&b, "; %s", time.Duration(s.Elapsed*float64(time.Second)).Round(time.Millisecond))
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func extractCommand(env *environment) *cli.Command {
	return &cli.Command{
		Name:      "extract",
		Usage:     "extract entities and relations without storing them",
		ArgsUsage: "PATH...",
		Description: `Reads each PATH (a file; a directory, walked for .txt, .md and .text
files; or - for standard input) and prints what the extractor finds. With
--format jsonl (the default) it prints one extraction record a line: first
the entities of each document, then its relations, in the schema v1 record
format. With --format table it prints readable tables. With --format
conllu it prints every sentence in the CoNLL-U format: its tokens, their
parts of speech, dependency heads and relations, entity labels (NER=) and
byte offsets (Offset=) in MISC, and the relations it is evidence of in
"# relation" comments. Files that cannot be used are reported on standard
error and skipped; exits with status 1 when nothing could be extracted.

Example:
   newsgraph extract testdata/seeds/000_81440262383a513b.txt
   newsgraph extract --format table testdata/seeds
   newsgraph extract --format conllu testdata/seeds/000_81440262383a513b.txt`,
		Flags: []cli.Flag{formatFlag("extract", "jsonl", "table", "conllu"), referenceFlag("extract")},
		Action: func(c *cli.Context) error {
			format, err := getFormat(c, "jsonl", "table", "conllu")
			if err != nil {
				return err
			}
			if c.NArg() == 0 {
				return usagef(c, "extract needs at least one PATH (a file, a directory or -)")
			}
			n, err := extractInputs(c, env, func(st *extract.State) error {
				switch format {
				case "table":
					return writeDocTable(env.stdout, st.Doc)
				case "conllu":
					return extract.WriteCoNLLU(env.stdout, st)
				}
				return writeRecords(env.stdout, st.Doc.Records())
			})
			if err == nil && n == 0 {
				err = fmt.Errorf("nothing extracted: %w", errNothing)
			}
			return err
		},
	}
}

// extractInputs extracts every input named on the command line, reporting
// skipped ones on stderr, calls fn for each document in order and returns
// how many documents were extracted.
func extractInputs(c *cli.Context, env *environment, fn func(*extract.State) error) (int, error) {
	ins, skips := collectInputs(c.Args().Slice())
	for _, s := range skips {
		fmt.Fprintf(env.stderr, "newsgraph: skip: %s\n", s.Error)
	}
	p, err := newPipeline(c, env, ins)
	if err != nil {
		return 0, err
	}
	n := 0
	err = extractAll(c.Context, p, ins, env.stdin, func(r extracted) error {
		if r.skip != nil {
			fmt.Fprintf(env.stderr, "newsgraph: skip: %s\n", r.skip.Error)
			return nil
		}
		n++
		return fn(r.st)
	})
	return n, err
}

// writeRecords writes records as JSON Lines: exactly one record a line.
func writeRecords(w io.Writer, recs []extract.Record) error {
	for _, r := range recs {
		b, err := json.Marshal(r)
		if err != nil {
			return fmt.Errorf("encode record: %w", err)
		}
		b = append(b, '\n')
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// writeDocTable writes a document's entities and relations as tables.
func writeDocTable(w io.Writer, d *extract.Document) error {
	fmt.Fprintf(w, "== %s", d.ID)
	if d.Date != "" {
		fmt.Fprintf(w, " (%s)", d.Date)
	}
	if d.Title != "" {
		fmt.Fprintf(w, " %s", d.Title)
	}
	fmt.Fprintf(w, "\n\n")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ENTITY\tTYPE\tMENTIONS\tALIASES")
	for _, e := range d.Entities {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", e.Name, e.Type, e.Mentions, strings.Join(e.Aliases, "; "))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SUBJECT\tPREDICATE\tOBJECT\tMODALITY\tWHEN\tCONF\tOFFSETS")
	for _, r := range d.Relations {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%.2f\t%d-%d\n", r.Subject, r.Predicate, r.Object, r.Modality, dash(r.When), r.Confidence, r.Start, r.End)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w)
	return err
}

// dash returns s, or "-" when s is empty.
func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
