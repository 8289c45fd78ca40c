package main

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/graph"
)

func importCommand(env *environment) *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "load N-Quads files into the store",
		ArgsUsage: "FILE...",
		Description: `Loads each FILE, an RDF 1.1 N-Quads file (.nq, .nquads or .nt, gzipped
or not: .nq.gz; compression is recognised by content), or - for standard
input, into the store, creating the store when it does not exist.

Every FILE is first read to its end and checked: a syntax error (a relative
IRI, a missing '.', a bad escape, invalid UTF-8, …) stops the import before
anything is written, and names the file, line and column. Then the quads are
written in transactions of --batch quads. Quads the store already holds, or
that a file repeats, are skipped and counted as already present: importing a
file twice adds nothing. If writing fails part way (a full disk, an
interrupt), the batches already written stay; importing again completes the
import.

Quads in newsgraph's own layout, as 'newsgraph export --format nquads'
writes them, become documents, entities and statements exactly like
ingested articles. Any other RDF is stored as it is, but the commands that
read documents, entities and statements in that layout (path, neighbors,
match, timeline, entities, remove) do not see it, and stats only counts its
quads; query and an unfiltered export do see it.

Progress goes to standard error after every batch when it is a terminal, or
with --progress. Prints a one-line summary on standard error (quads read,
added, already present, time, quads per second), or a JSON summary on
standard output with --format json.

Example:
   newsgraph export --format nquads > graph.nq
   newsgraph --db copy.db import graph.nq
   newsgraph import --progress dump.nq.gz more.nq
   gunzip -c dump.nq.gz | newsgraph import -`,
		Flags: []cli.Flag{
			formatFlag("import", "text", "json"),
			&cli.IntFlag{
				Name: "batch", Value: graph.DefaultImportBatch, EnvVars: []string{envName("import", "batch")},
				Usage: "quads written per transaction (`N`): larger is faster and uses more memory",
			},
			&cli.BoolFlag{
				Name: "progress", EnvVars: []string{envName("import", "progress")},
				Usage: "report progress on standard error even when it is not a terminal",
			},
		},
		Action: func(c *cli.Context) error {
			format, err := getFormat(c, "text", "json")
			if err != nil {
				return err
			}
			if c.NArg() == 0 {
				return usagef(c, "import needs at least one FILE (N-Quads, or - for standard input)")
			}
			if c.Int("batch") < 1 {
				return usagef(c, "--batch must be at least 1, not %d", c.Int("batch"))
			}
			stdin := 0
			for _, p := range c.Args().Slice() {
				if p == "-" {
					if stdin++; stdin > 1 {
						return usagef(c, "standard input (-) can be imported only once")
					}
					continue
				}
				if !isNQuadsName(p) {
					return usagef(c, "import reads N-Quads files (.nq, .nquads or .nt, optionally gzipped: .nq.gz) or - for standard input, not %q", p)
				}
			}
			return runImport(c, env, format)
		},
	}
}

// isNQuadsName reports whether a file name has an N-Quads extension,
// possibly followed by .gz.
func isNQuadsName(name string) bool {
	n := strings.TrimSuffix(strings.ToLower(name), ".gz")
	for _, ext := range []string{".nq", ".nquads", ".nt"} {
		if strings.HasSuffix(n, ext) {
			return true
		}
	}
	return false
}

// importSummary is the outcome of one import run.
type importSummary struct {
	Files   []importedFile `json:"files"`
	Read    int64          `json:"read"`
	Added   int64          `json:"added"`
	Present int64          `json:"present"`
	Elapsed float64        `json:"elapsed_seconds"`
	Rate    float64        `json:"quads_per_second"`
}

// importedFile is one file of an import run.
type importedFile struct {
	File    string `json:"file"`
	Read    int64  `json:"read"`
	Added   int64  `json:"added"`
	Present int64  `json:"present"`
}

func runImport(c *cli.Context, env *environment, format string) error {
	start := time.Now()
	spool := &stdinSpool{r: env.stdin}
	defer spool.remove()
	var inputs []graph.ImportInput
	for _, p := range c.Args().Slice() {
		if p == "-" {
			inputs = append(inputs, graph.ImportInput{Name: "-", Open: spool.open})
			continue
		}
		path := p
		inputs = append(inputs, graph.ImportInput{Name: path, Open: func() (io.ReadCloser, error) {
			f, err := os.Open(path)
			if err != nil {
				return nil, err
			}
			return decompress(f, f)
		}})
	}
	progress := newImportProgress(env.stderr, c.Bool("progress"))
	// Check everything before opening the store, so that bad input leaves
	// --db untouched (not even created).
	if _, err := graph.CheckImport(c.Context, inputs, progress.report); err != nil {
		return fmt.Errorf("%w; nothing was imported", err)
	}
	store, err := openStore(c, true)
	if err != nil {
		return err
	}
	defer store.Close()
	progress.loading = time.Now()
	stats, err := store.Import(c.Context, inputs, graph.ImportOptions{Batch: c.Int("batch"), Checked: true, Progress: progress.report})
	if cerr := store.Close(); err == nil && cerr != nil {
		err = cerr
	}
	sum := importSummary{Files: []importedFile{}, Elapsed: time.Since(start).Seconds()}
	for _, st := range stats {
		sum.Files = append(sum.Files, importedFile{File: st.Name, Read: st.Read, Added: st.Added, Present: st.Present})
		sum.Read += st.Read
		sum.Added += st.Added
		sum.Present += st.Present
	}
	if err != nil {
		if sum.Added > 0 {
			return fmt.Errorf("%w (%d quads were added before the failure; importing the same files again adds the rest)", err, sum.Added)
		}
		return err
	}
	if sum.Elapsed > 0 {
		sum.Rate = float64(sum.Read) / sum.Elapsed
	}
	if format == "json" {
		return writeJSON(env.stdout, sum)
	}
	fmt.Fprintln(env.stderr, sum.line())
	return nil
}

// line is the one-line text summary of an import run.
func (s *importSummary) line() string {
	what := fmt.Sprintf("%d files", len(s.Files))
	if len(s.Files) == 1 {
		what = s.Files[0].File
	}
	return fmt.Sprintf("imported %s: %d quads read, %d added, %d already present; %s, %.0f quads/s",
		what, s.Read, s.Added, s.Present, time.Duration(s.Elapsed*float64(time.Second)).Round(time.Millisecond), s.Rate)
}

// importProgress prints the progress reports of an import on standard
// error when it is a terminal or when asked to.
type importProgress struct {
	w       io.Writer
	on      bool
	loading time.Time // when the load pass started
}

func newImportProgress(stderr io.Writer, force bool) *importProgress {
	on := force
	if f, ok := stderr.(*os.File); ok && !on {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			on = true
		}
	}
	return &importProgress{w: stderr, on: on}
}

func (p *importProgress) report(r graph.ImportProgress) {
	if !p.on {
		return
	}
	if r.Phase == graph.ImportChecking {
		fmt.Fprintf(p.w, "import: checked %s: %d quads\n", r.Name, r.Read)
		return
	}
	rate := ""
	if d := time.Since(p.loading).Seconds(); d > 0 {
		rate = fmt.Sprintf(" (%.0f quads/s)", float64(r.Read)/d)
	}
	fmt.Fprintf(p.w, "import: %s: %d quads read, %d added, %d already present%s\n", r.Name, r.Read, r.Added, r.Present, rate)
}

// decompress returns a reader of r's content, gunzipped when it starts
// with gzip's magic number; closing it closes c.
func decompress(r io.Reader, c io.Closer) (io.ReadCloser, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	magic, err := br.Peek(2)
	if err != nil && !errors.Is(err, io.EOF) {
		c.Close()
		return nil, err
	}
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			c.Close()
			return nil, fmt.Errorf("gzip: %w", err)
		}
		return readCloser{zr, closeBoth{zr, c}}, nil
	}
	return readCloser{br, c}, nil
}

type readCloser struct {
	io.Reader
	io.Closer
}

type closeBoth struct{ a, b io.Closer }

// noClose is a Closer that does nothing.
type noClose struct{}

func (noClose) Close() error { return nil }

func (c closeBoth) Close() error { return errors.Join(c.a.Close(), c.b.Close()) }

// stdinSpool lets import read standard input twice: the first open copies
// what it reads to a temporary file, which later opens read back.
type stdinSpool struct {
	r    io.Reader
	file *os.File
}

func (s *stdinSpool) open() (io.ReadCloser, error) {
	if s.file == nil {
		f, err := os.CreateTemp("", "newsgraph-import-*.nq")
		if err != nil {
			return nil, fmt.Errorf("spool standard input: %w", err)
		}
		s.file = f
		return decompress(io.TeeReader(s.r, f), noClose{})
	}
	if _, err := s.file.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("reread standard input: %w", err)
	}
	return decompress(s.file, noClose{})
}

// remove deletes the temporary file, if any.
func (s *stdinSpool) remove() {
	if s.file != nil {
		s.file.Close()
		os.Remove(s.file.Name())
	}
}
