package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
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
		Description: `Reads each PATH (a file; a directory, walked recursively; or - for
standard input), extracts entities and relations, and writes them to the
store. Inputs may be plain text or Markdown (one article; a first line
"date YYYY-MM-DD" dates it), HTML pages (the article text, title, date,
canonical URL and publisher from the page), JSON Lines (one article a line:
text and optional title, date, url, id, publisher; rename the fields with
--fields) and RSS, Atom or JSON feeds (one article an item); the format is
chosen by extension, then by content, or set with --input-format.

Articles are extracted on --workers cores and written in batches, each
batch in one transaction (all or nothing), in input order: the store does
not depend on the number of workers. A document is named by its file's base
name, or for an item of a JSON Lines file or a feed by its id, URL or
position ("archive.jsonl#42"). An article already stored with the same
content is skipped without being extracted again; a changed one replaces
what was stored for it. Remove documents with "newsgraph remove".

Inputs and records that cannot be used (binary, not UTF-8, empty, a JSON
Lines line that is not an article) are reported with the file and line and
skipped; the others are still ingested. Shows progress on standard error
when it is a terminal, then a one-line summary (--quiet: none); --format
json (or --json) prints a JSON summary on standard output. Exits with status
1 when nothing was ingested.

Example:
   newsgraph ingest testdata/seeds
   newsgraph --db news.db ingest --format json a.txt b.html feed.rss
   newsgraph ingest --fields text=body,date=published archive.jsonl
   curl -s https://example.org/article.html | newsgraph ingest --input-format html -`,
		Flags: append([]cli.Flag{
			formatFlag("ingest", "text", "json"),
			&cli.BoolFlag{Name: "json", Usage: "print the JSON summary (same as --format json)", EnvVars: []string{envName("ingest", "json")}},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print no progress and no summary, only problems", EnvVars: []string{envName("ingest", "quiet")}},
			&cli.IntFlag{Name: "batch", Value: defaultIngestBatch, Usage: "write `N` documents per transaction", EnvVars: []string{envName("ingest", "batch")}},
			memoryLimitFlag("ingest"),
		}, readFlags("ingest")...),
		Action: func(c *cli.Context) error {
			format, err := getFormat(c, "text", "json")
			if err != nil {
				return err
			}
			if c.Bool("json") {
				format = "json"
			}
			if c.NArg() == 0 {
				return usagef(c, "ingest needs at least one PATH (a file, a directory or -)")
			}
			if c.Int("batch") < 1 {
				return usagef(c, "--batch must be at least 1, not %d", c.Int("batch"))
			}
			restore, err := applyMemoryLimit(c, c.Int("batch"))
			if err != nil {
				return err
			}
			defer restore()
			return runIngest(c, env, format)
		},
	}
}

// defaultIngestBatch is how many documents ingest writes per transaction:
// enough to spread the cost of a disk sync, few enough that a batch's
// quads stay small in memory.
const defaultIngestBatch = 32

// ingestSummary is the outcome of one ingest run.
type ingestSummary struct {
	Documents  []ingestedDoc `json:"documents"`
	Added      int           `json:"added"`
	Replaced   int           `json:"replaced"`
	Unchanged  int           `json:"unchanged"`
	Entities   int           `json:"entities"`   // distinct entities in the documents written
	Statements int           `json:"statements"` // statements written
	Skipped    []skip        `json:"skipped"`
	Elapsed    float64       `json:"elapsed_seconds"`
	total      int           // documents ingested (listed in Documents with JSON output)
}

// ingestedDoc is one document of an ingest run.
type ingestedDoc struct {
	Doc        string `json:"doc"`
	Path       string `json:"path"`
	Status     string `json:"status"`
	Entities   int    `json:"entities"`
	Statements int    `json:"statements"`
}

// ingester writes the outcomes of an ingest run to the store in batches
// and keeps the summary. Batches are written by a goroutine of their own
// while the next one fills, so that extraction does not wait for the
// store; at most two batches are held at a time.
type ingester struct {
	c        *cli.Context
	env      *environment
	store    *graph.Store
	keepDocs bool // list every document in the summary (JSON output)
	batch    []extracted
	size     int
	progress func(n int)

	writes chan []extracted // batches for the writer goroutine
	done   chan error       // the writer's outcome, once writes is closed

	mu       sync.Mutex // guards sum and entities, shared with the writer
	sum      *ingestSummary
	entities map[string]bool
}

// add takes one outcome in input order.
func (g *ingester) add(r extracted) error {
	switch {
	case r.skip != nil:
		g.skipped(*r.skip)
	case r.unchanged:
		g.mu.Lock()
		g.sum.Unchanged++
		g.record(ingestedDoc{Doc: r.art.ID, Path: r.art.Path, Status: string(graph.Unchanged)})
		g.mu.Unlock()
	default:
		g.batch = append(g.batch, r)
		if len(g.batch) >= g.size {
			return g.flush()
		}
		return nil
	}
	g.progress(1)
	return nil
}

// skipped reports and counts an outcome that was not stored.
func (g *ingester) skipped(s skip) {
	g.mu.Lock()
	g.sum.Skipped = append(g.sum.Skipped, s)
	g.mu.Unlock()
	fmt.Fprintf(g.env.stderr, "newsgraph: skip: %s\n", s.Error)
}

// flush hands the pending batch to the writer goroutine, starting it at
// the first batch, and returns the writer's error if it has stopped.
func (g *ingester) flush() error {
	if len(g.batch) == 0 {
		return nil
	}
	if g.writes == nil {
		// One batch may wait while another is written, so that extraction
		// goes on through the writer's disk syncs.
		g.writes, g.done = make(chan []extracted, 1), make(chan error, 1)
		go func() {
			var err error
			for b := range g.writes {
				if err == nil {
					err = g.write(b)
				}
			}
			g.done <- err
		}()
	}
	select {
	case g.writes <- g.batch:
	case err := <-g.done:
		g.done <- err // keep it for wait
		if err == nil {
			err = errors.New("the store writer stopped")
		}
		return err
	}
	g.batch = make([]extracted, 0, g.size)
	return nil
}

// wait writes what is pending and waits for the writer to finish.
func (g *ingester) wait() error {
	err := g.flush()
	if g.writes == nil {
		return err
	}
	close(g.writes)
	if werr := <-g.done; err == nil {
		err = werr
	}
	g.writes = nil
	return err
}

// write stores one batch in one transaction. When the store refuses the
// batch because of one document, the documents are written one at a time
// so that only the bad one is skipped.
func (g *ingester) write(batch []extracted) error {
	if g.store == nil {
		var err error
		if g.store, err = openStore(g.c, true); err != nil {
			return err
		}
	}
	docs := make([]*extract.Document, len(batch))
	for i, r := range batch {
		docs[i] = r.doc
	}
	results, err := g.store.WriteDocuments(g.c.Context, docs)
	if errors.Is(err, graph.ErrInvalid) && len(docs) > 1 {
		results, err = nil, nil
		for _, r := range batch {
			res, werr := g.store.WriteDocument(g.c.Context, r.doc)
			if errors.Is(werr, graph.ErrInvalid) {
				g.skipped(skip{Path: r.art.Path, Reason: reasonRejected, Error: fmt.Sprintf("%s: %v", r.art.Path, werr)})
				results = append(results, graph.WriteResult{})
				continue
			}
			if werr != nil {
				return werr
			}
			results = append(results, res)
		}
	}
	if err != nil {
		return err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	for i, res := range results {
		r := batch[i]
		switch res.Status {
		case "":
			continue // rejected above
		case graph.Added:
			g.sum.Added++
		case graph.Replaced:
			g.sum.Replaced++
		default:
			g.sum.Unchanged++
		}
		for _, e := range r.doc.Entities {
			g.entities[schema.EntityIRI(e.Name)] = true
		}
		g.sum.Statements += res.Statements
		g.record(ingestedDoc{Doc: r.doc.ID, Path: r.art.Path, Status: string(res.Status),
			Entities: len(r.doc.Entities), Statements: res.Statements})
	}
	g.progress(len(batch))
	return nil
}

// record counts a document in the summary, and lists it when the summary
// lists documents. The caller holds g.mu.
func (g *ingester) record(d ingestedDoc) {
	g.sum.total++
	if g.keepDocs {
		g.sum.Documents = append(g.sum.Documents, d)
	}
}

func runIngest(c *cli.Context, env *environment, format string) error {
	start := time.Now()
	ins, skips := collectInputs(c.Args().Slice())
	sum := &ingestSummary{Documents: []ingestedDoc{}, Skipped: []skip{}}
	for _, s := range skips {
		sum.Skipped = append(sum.Skipped, s)
		fmt.Fprintf(env.stderr, "newsgraph: skip: %s\n", s.Error)
	}
	quiet := c.Bool("quiet")
	finish := func(err error) error {
		sum.Elapsed = time.Since(start).Seconds()
		if err != nil && sum.total == 0 {
			return err // nothing done: the error says it all
		}
		if format == "json" {
			if werr := writeJSON(env.stdout, sum); werr != nil && err == nil {
				err = werr
			}
		} else if !quiet {
			fmt.Fprintln(env.stderr, sum.line())
		}
		if err == nil && sum.total == 0 {
			err = fmt.Errorf("nothing ingested: %w", errNothing)
		}
		return err
	}
	if len(ins) == 0 {
		return finish(nil)
	}
	read, workers, err := readOptions(c)
	if err != nil {
		return err
	}
	p, err := newPipeline(c, env, ins)
	if err != nil {
		return err
	}
	g := &ingester{c: c, env: env, sum: sum, keepDocs: format == "json", size: c.Int("batch"),
		entities: map[string]bool{}, progress: func(int) {}}
	defer func() {
		if g.store != nil {
			g.store.Close()
		}
	}()
	// An existing store is opened now, to skip the articles it holds
	// unchanged; a new one is created at the first document to write, so
	// that a run in which every input is skipped leaves --db untouched.
	known := map[string]string{}
	if storeExists(c) {
		if g.store, err = openStore(c, true); err != nil {
			return err
		}
		if known, err = g.store.DocumentHashes(c.Context); err != nil {
			return err
		}
	}
	if !quiet && format != "json" {
		bar := newProgress(env.stderr, "ingest")
		defer bar.finish()
		g.progress = bar.add
	}
	s := &stream{p: p, read: read, workers: workers, stdin: env.stdin,
		known: func(id, hash string) bool { return known[id] == hash }}
	err = s.run(c.Context, ins, g.add)
	if werr := g.wait(); err == nil {
		err = werr
	}
	if g.store != nil {
		if cerr := g.store.Close(); cerr != nil && err == nil {
			err = cerr
		}
		g.store = nil
	}
	sum.Entities = len(g.entities)
	return finish(err)
}

// line is the one-line text summary of an ingest run.
func (s *ingestSummary) line() string {
	var b strings.Builder
	fmt.Fprintf(&b, "ingested %d %s (%d added, %d replaced, %d unchanged): %d entities, %d statements; skipped %d",
		s.total, plural(s.total, "document", "documents"), s.Added, s.Replaced, s.Unchanged,
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
		Flags: append([]cli.Flag{formatFlag("extract", "jsonl", "table", "conllu")}, readFlags("extract")...),
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

// extractInputs extracts every article of the inputs named on the command
// line, reporting skipped ones on stderr, calls fn for each document in
// order and returns how many documents were extracted.
func extractInputs(c *cli.Context, env *environment, fn func(*extract.State) error) (int, error) {
	ins, skips := collectInputs(c.Args().Slice())
	for _, s := range skips {
		fmt.Fprintf(env.stderr, "newsgraph: skip: %s\n", s.Error)
	}
	read, workers, err := readOptions(c)
	if err != nil {
		return 0, err
	}
	p, err := newPipeline(c, env, ins)
	if err != nil {
		return 0, err
	}
	n := 0
	s := &stream{p: p, read: read, workers: workers, stdin: env.stdin}
	err = s.run(c.Context, ins, func(r extracted) error {
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
