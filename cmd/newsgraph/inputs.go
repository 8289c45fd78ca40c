package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/extract"
)

// input is one file to read articles from, or standard input when path is
// "-".
type input struct {
	path string
}

// skip records an input, or an article of one, that was not processed, and
// why.
type skip struct {
	Path   string `json:"path"`
	Reason string `json:"reason"` // short class: "binary", "empty", …
	Error  string `json:"error"`  // the full message
}

// Skip reasons.
const (
	reasonNoArticles = "no articles"
	reasonMissing    = "not found"
	reasonUnreadable = "unreadable"
	reasonDuplicate  = "duplicate name"
	reasonBinary     = "binary"
	reasonEncoding   = "invalid UTF-8"
	reasonEmpty      = "empty"
	reasonMalformed  = "malformed"
	reasonExtract    = "extraction failed"
	reasonRejected   = "rejected by the store"
	reasonNotFile    = "not a regular file"
)

// collectInputs expands the command-line paths into the files to read: a
// file is taken as it is, a directory is walked recursively for the files
// a reader knows (extract.IsArticleFile: text, Markdown, HTML, JSON Lines,
// feeds; hidden files and directories skipped), "-" is standard input.
// Paths that yield nothing are returned as skips.
func collectInputs(paths []string) ([]input, []skip) {
	var ins []input
	var skips []skip
	for _, p := range paths {
		if p == "-" {
			ins = append(ins, input{path: "-"})
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			reason := reasonUnreadable
			if errors.Is(err, fs.ErrNotExist) {
				reason = reasonMissing
			}
			skips = append(skips, skip{Path: p, Reason: reason, Error: describePathError(p, err)})
			continue
		}
		if fi.Mode()&(fs.ModeDevice|fs.ModeSocket|fs.ModeIrregular) != 0 {
			// A device such as /dev/zero never ends; standard input is "-".
			skips = append(skips, skip{Path: p, Reason: reasonNotFile,
				Error: fmt.Sprintf("%s: not a regular file (a device or socket); give standard input as -", p)})
			continue
		}
		if !fi.IsDir() {
			ins = append(ins, input{path: p})
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if q != p && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && extract.IsArticleFile(name) {
				found = append(found, q)
			}
			return nil
		})
		if err != nil {
			skips = append(skips, skip{Path: p, Reason: reasonUnreadable, Error: fmt.Sprintf("read directory %s: %v", p, err)})
		}
		if len(found) == 0 && err == nil {
			skips = append(skips, skip{Path: p, Reason: reasonNoArticles,
				Error: fmt.Sprintf("no articles found in %s (looked for text, Markdown, HTML, JSON Lines and feed files)", p)})
		}
		sort.Strings(found)
		for _, q := range found {
			ins = append(ins, input{path: q})
		}
	}
	return ins, skips
}

// describePathError explains a failed stat of p.
func describePathError(p string, err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("%s: no such file or directory", p)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Sprintf("%s: permission denied", p)
	}
	return err.Error()
}

// readFlags are the flags of the commands that read articles: how to read
// them and how many workers extract them.
func readFlags(cmd string) []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{
			Name: "input-format", Value: "auto", EnvVars: []string{envName(cmd, "input-format")},
			Usage: "how to read the inputs: auto (by extension, then content), text, html, jsonl or feed",
		},
		&cli.StringFlag{
			Name: "fields", EnvVars: []string{envName(cmd, "fields")},
			Usage: "JSON Lines field names as `KEY=FIELD,...` for the keys text, title, date, url, id, publisher " +
				"(default text=text,title=title,date=date,url=url,id=id,publisher=publisher)",
		},
		&cli.IntFlag{
			Name: "workers", Aliases: []string{"j"}, Value: runtime.GOMAXPROCS(0), EnvVars: []string{envName(cmd, "workers")},
			Usage: "extract on `N` cores at once; the output does not depend on N",
		},
		referenceFlag(cmd),
	}
}

// readOptions returns the reading options the flags of c ask for.
func readOptions(c *cli.Context) (extract.ReadOptions, int, error) {
	var o extract.ReadOptions
	f, err := extract.ParseFormat(c.String("input-format"))
	if err != nil {
		return o, 0, usagef(c, "--input-format: %v", err)
	}
	o.Format = f
	if s := c.String("fields"); s != "" {
		if o.Fields, err = extract.ParseJSONFields(s); err != nil {
			return o, 0, usagef(c, "--fields: %v", err)
		}
	}
	workers := c.Int("workers")
	if workers < 1 {
		return o, 0, usagef(c, "--workers must be at least 1, not %d", workers)
	}
	return o, workers, nil
}

// extracted is the outcome of one article, or of an input that gave none.
type extracted struct {
	seq  int
	art  extract.Article
	doc  *extract.Document
	st   *extract.State // the pipeline's working data for doc
	skip *skip          // set when the article or input could not be used
	// unchanged is set, without doc, when the store already holds this
	// article with the same content (see stream.known).
	unchanged bool
}

// stream reads articles from inputs, extracts them on several workers and
// hands each outcome on in input order, so the output does not depend on
// the number of workers. Memory stays bounded: at most a few articles per
// worker are in flight, however long the inputs are.
type stream struct {
	p       *extract.Pipeline
	read    extract.ReadOptions
	workers int
	stdin   io.Reader
	// known, when set, says whether the store holds document id with
	// content hash: such an article is passed on as unchanged without being
	// extracted.
	known func(id, hash string) bool
}

// run calls fn with each outcome in input order. It stops early, returning
// fn's error, when fn fails or ctx is done.
func (s *stream) run(ctx context.Context, ins []input, fn func(extracted) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := max(1, s.workers)
	window := make(chan struct{}, 4*workers) // outcomes read but not yet handed on
	jobs := make(chan extracted, workers)
	results := make(chan extracted, 4*workers)

	var readErr error
	go func() {
		defer close(jobs)
		readErr = s.produce(ctx, ins, window, jobs)
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if j.skip == nil {
					j = s.process(j)
				}
				results <- j
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	pending := map[int]extracted{}
	next := 0
	var err error
	for r := range results {
		if err != nil {
			continue // drain after a failure
		}
		pending[r.seq] = r
		for {
			x, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-window
			if err = fn(x); err != nil {
				cancel()
				break
			}
		}
	}
	if err != nil {
		return err
	}
	if readErr != nil {
		return readErr
	}
	return ctx.Err()
}

// produce reads the inputs in order and sends every article, and every
// input or record that gave none, to jobs, numbered in order. A second
// article with a document name already seen in this run is skipped: it
// would overwrite the first in the store.
func (s *stream) produce(ctx context.Context, ins []input, window chan struct{}, jobs chan<- extracted) error {
	seq := 0
	send := func(e extracted) error {
		select {
		case window <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		e.seq = seq
		seq++
		select {
		case jobs <- e:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	seen := map[string]string{} // document ID → the path that gave it first
	for _, in := range ins {
		name := in.path
		var r io.Reader = s.stdin
		if in.path == "-" {
			name = "standard input"
		} else {
			f, err := os.Open(in.path)
			if err != nil {
				if err := send(extracted{skip: &skip{Path: in.path, Reason: reasonUnreadable,
					Error: fmt.Sprintf("read %s: %v", name, unwrapPathError(err))}}); err != nil {
					return err
				}
				continue
			}
			r = f
		}
		opt := s.read
		opt.OnBad = func(e *extract.RecordError) error {
			return send(extracted{skip: recordSkip(in.path, e)})
		}
		err := extract.Read(in.path, r, opt, func(a extract.Article) error {
			if prev, ok := seen[a.ID]; ok {
				return send(extracted{art: a, skip: &skip{Path: in.path, Reason: reasonDuplicate,
					Error: fmt.Sprintf("%s: document name %q is already taken by %s", in.path, a.ID, prev)}})
			}
			seen[a.ID] = in.path
			return send(extracted{art: a})
		})
		if c, ok := r.(io.Closer); ok && in.path != "-" {
			c.Close()
		}
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if err := send(extracted{skip: &skip{Path: in.path, Reason: reasonUnreadable,
				Error: fmt.Sprintf("read %s: %v", name, unwrapPathError(err))}}); err != nil {
				return err
			}
		}
	}
	return nil
}

// recordSkip turns a reader's complaint about a file or a record of it into
// a skip whose message names the file, the line or item, and the problem.
func recordSkip(path string, e *extract.RecordError) *skip {
	reason := reasonMalformed
	for _, k := range []struct {
		sentinel error
		reason   string
	}{
		{extract.ErrEmpty, reasonEmpty},
		{extract.ErrBinary, reasonBinary},
		{extract.ErrEncoding, reasonEncoding},
	} {
		if errors.Is(e, k.sentinel) {
			reason = k.reason
			break
		}
	}
	msg := e.Error()
	if path == "-" {
		msg = strings.Replace(msg, "-", "standard input", 1)
	}
	return &skip{Path: path, Reason: reason, Error: msg}
}

// process extracts one article, or passes it on as unchanged when the
// store already holds it. A failure becomes a skip whose message names the
// file and the problem.
func (s *stream) process(j extracted) extracted {
	a := j.art
	if s.known != nil {
		sum := sha256.Sum256(a.Input())
		if s.known(a.ID, hex.EncodeToString(sum[:])) {
			j.unchanged = true
			return j
		}
	}
	name := a.Path
	if name == "-" {
		name = "standard input"
	}
	if a.ID != filepath.Base(a.Path) && a.Path != "-" {
		name += " (" + a.ID + ")"
	}
	st, err := safeAnalyze(s.p, a)
	if err != nil {
		reason, problem := reasonExtract, err.Error()
		for _, k := range []struct {
			sentinel        error
			reason, problem string
		}{
			{extract.ErrEmpty, reasonEmpty, "empty file, no article text"},
			{extract.ErrBinary, reasonBinary, "binary file, not a text article"},
			{extract.ErrEncoding, reasonEncoding, "not valid UTF-8 text"},
		} {
			if errors.Is(err, k.sentinel) {
				reason, problem = k.reason, k.problem
				if d := detail(err, k.sentinel); d != "" {
					problem += " (" + d + ")"
				}
				break
			}
		}
		j.skip = &skip{Path: a.Path, Reason: reason, Error: name + ": " + problem}
		return j
	}
	j.doc, j.st = st.Doc, st
	return j
}

// safeAnalyze runs the pipeline on one article, turning a panic into an
// error so that one article cannot bring down a whole run.
func safeAnalyze(p *extract.Pipeline, a extract.Article) (st *extract.State, err error) {
	defer func() {
		if r := recover(); r != nil {
			st, err = nil, fmt.Errorf("internal error in the extractor: %v", r)
		}
	}()
	return p.AnalyzeArticle(a)
}

// detail returns what err says after the text of sentinel
// ("extract: binary content: NUL byte at offset 6" → "NUL byte at offset 6").
func detail(err, sentinel error) string {
	msg, s := err.Error(), sentinel.Error()
	i := strings.Index(msg, s)
	if i < 0 {
		return ""
	}
	return strings.TrimLeft(msg[i+len(s):], ": ")
}

// unwrapPathError drops the operation and path of an *fs.PathError, which
// the caller already names.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// referenceFlag returns the --reference-date flag of command cmd, one of the
// commands that extract.
func referenceFlag(cmd string) *cli.StringFlag {
	return &cli.StringFlag{
		Name: "reference-date",
		Usage: "resolve relative dates (\"in May\", \"on Friday\") of articles that carry no date against `YYYY-MM-DD` " +
			"(default: the median date of the dated articles given, when they lie within 45 days of each other)",
		EnvVars: []string{envName(cmd, "reference-date")},
	}
}

// headerBytes is how much of a file newPipeline reads to find its date.
const headerBytes = 16 << 10

// newPipeline returns the extraction pipeline for ins. Its reference date
// for undated articles is --reference-date, or else the StoryDate of the
// dated text files among the inputs, found by reading the start of each
// (standard input, and files of other formats, whose readers give each
// article its own date, are not looked at). A note on stderr says which
// date undated articles are resolved against.
func newPipeline(c *cli.Context, env *environment, ins []input) (*extract.Pipeline, error) {
	p := extract.NewPipeline()
	if s := c.String("reference-date"); s != "" {
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return nil, usagef(c, "--reference-date %q: want a date as YYYY-MM-DD", s)
		}
		p.Ref = t
		return p, nil
	}
	var dates []time.Time
	undated := 0
	for _, in := range ins {
		if in.path == "-" {
			continue
		}
		head, err := readHead(in.path, headerBytes)
		if err != nil || extract.DetectFormat(in.path, head) != extract.FormatText {
			continue // an unreadable file is reported when it is read
		}
		if t, ok := extract.ArticleDate(head); ok {
			dates = append(dates, t)
		} else {
			undated++
		}
	}
	if undated == 0 || len(dates) == 0 {
		return p, nil
	}
	if t, ok := extract.StoryDate(dates); ok {
		p.Ref = t
		fmt.Fprintf(env.stderr, "newsgraph: %s without a date: relative dates in %s resolved against %s, the median date of the %s (set --reference-date to choose)\n",
			plural(undated, "1 article", fmt.Sprintf("%d articles", undated)), plural(undated, "it", "them"),
			t.Format("2006-01-02"), plural(len(dates), "dated article", fmt.Sprintf("%d dated articles", len(dates))))
	}
	return p, nil
}

// readHead returns up to n bytes from the start of the file at path.
func readHead(path string, n int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, n)
	k, err := io.ReadFull(f, buf)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	return buf[:k], err
}
