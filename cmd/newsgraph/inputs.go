package main

import (
	"context"
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

// articleExts are the file extensions a directory walk picks up.
var articleExts = map[string]bool{".txt": true, ".md": true, ".text": true}

// input is one article to read: a file, or standard input when path is "-".
type input struct {
	id   string // document ID: the file's base name, or "stdin"
	path string
}

// skip records an input that was not processed, and why.
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
	reasonExtract    = "extraction failed"
)

// collectInputs expands the command-line paths into articles: a file is
// taken as it is, a directory is walked recursively for .txt, .md and .text
// files (hidden files and directories skipped), "-" is standard input.
// Paths that yield nothing are returned as skips. Two inputs with the same
// document ID would overwrite each other in the store, so the later one is
// skipped.
func collectInputs(paths []string) ([]input, []skip) {
	var ins []input
	var skips []skip
	seen := map[string]string{} // id → path
	add := func(in input) {
		if prev, ok := seen[in.id]; ok {
			skips = append(skips, skip{Path: in.path, Reason: reasonDuplicate,
				Error: fmt.Sprintf("%s: document name %q is already taken by %s", in.path, in.id, prev)})
			return
		}
		seen[in.id] = in.path
		ins = append(ins, in)
	}
	for _, p := range paths {
		if p == "-" {
			add(input{id: "stdin", path: "-"})
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
		if !fi.IsDir() {
			add(input{id: filepath.Base(p), path: p})
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
			if d.Type().IsRegular() && articleExts[strings.ToLower(filepath.Ext(name))] {
				found = append(found, q)
			}
			return nil
		})
		if err != nil {
			skips = append(skips, skip{Path: p, Reason: reasonUnreadable, Error: fmt.Sprintf("read directory %s: %v", p, err)})
		}
		if len(found) == 0 && err == nil {
			skips = append(skips, skip{Path: p, Reason: reasonNoArticles,
				Error: fmt.Sprintf("no articles found in %s (looked for .txt, .md and .text files)", p)})
		}
		sort.Strings(found)
		for _, q := range found {
			add(input{id: filepath.Base(q), path: q})
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

// extracted is the outcome of extracting one input.
type extracted struct {
	in   input
	doc  *extract.Document
	st   *extract.State // the pipeline's working data for doc
	skip *skip          // set when the input could not be used
}

// extractAll reads and extracts the inputs on all cores and calls fn with
// each outcome in input order. It stops early, returning fn's error, when fn
// fails or ctx is done.
func extractAll(ctx context.Context, p *extract.Pipeline, ins []input, stdin io.Reader, fn func(extracted) error) error {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() { cancel(); wg.Wait() }()

	workers := max(1, runtime.GOMAXPROCS(0))
	results := make([]chan extracted, len(ins))
	for i := range results {
		results[i] = make(chan extracted, 1)
	}
	jobs := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] <- extractOne(p, ins[i], stdin)
			}
		}()
	}
	// window bounds the results extracted but not yet consumed.
	window := make(chan struct{}, 2*workers)
	go func() {
		defer close(jobs)
		for i := range ins {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for i := range ins {
		var r extracted
		select {
		case r = <-results[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		<-window
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// extractOne reads and extracts one input. A failure becomes a skip whose
// message names the file and the problem.
func extractOne(p *extract.Pipeline, in input, stdin io.Reader) extracted {
	var raw []byte
	var err error
	if in.path == "-" {
		raw, err = io.ReadAll(stdin)
	} else {
		raw, err = os.ReadFile(in.path)
	}
	name := in.path
	if name == "-" {
		name = "standard input"
	}
	if err != nil {
		return extracted{in: in, skip: &skip{Path: in.path, Reason: reasonUnreadable, Error: fmt.Sprintf("read %s: %v", name, unwrapPathError(err))}}
	}
	st, err := safeAnalyze(p, in, raw)
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
		return extracted{in: in, skip: &skip{Path: in.path, Reason: reason, Error: name + ": " + problem}}
	}
	return extracted{in: in, doc: st.Doc, st: st}
}

// safeAnalyze runs the pipeline on one input, turning a panic into an
// error so that one article cannot bring down a whole run.
func safeAnalyze(p *extract.Pipeline, in input, raw []byte) (st *extract.State, err error) {
	defer func() {
		if r := recover(); r != nil {
			st, err = nil, fmt.Errorf("internal error in the extractor: %v", r)
		}
	}()
	return p.Analyze(in.id, in.path, raw)
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
// dated file inputs, found by reading the start of each file (standard
// input is read only once, later, and is not looked at). A note on stderr
// says which date undated articles are resolved against.
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
		if err != nil {
			continue // reported when the file is extracted
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
