// Command import measures `newsgraph import` against Cayley v0.7.7's own
// `cayley load` on the same N-Quads file and the same backend (bolt), side
// by side in one run. The file holds exactly -quads quads (1,000,000 by
// default) of the synthetic news graph that bench/paths generates: the
// program runs bench/paths' binary to build that store, exports it with
// graph.Store.Export and keeps the first -quads lines. Each loader then
// fills a fresh bolt store from the file, timed by the wall clock, with
// its peak resident memory taken from `/usr/bin/time -v` (or, when that is
// missing, from the kernel's accounting of the finished child, which is
// where time gets it). The report gives quads/s for each, the ratio of the
// two rates (target: ours/cayley ≥ 1.0) and of the two memory peaks
// (target: ours ≤ cayley's).
package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/newsgraph/newsgraph/graph"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// config is what a run measures.
type config struct {
	quads      int64
	file       string
	work       string
	newsgraph  string
	cayley     string
	paths      string
	batch      int
	rounds     int
	keepStores bool
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	fs.Int64Var(&c.quads, "quads", 1_000_000, "quads in the N-Quads file")
	fs.StringVar(&c.file, "file", "", "the N-Quads file: reused when it exists, else generated (default: WORK/quads-N.nq)")
	fs.StringVar(&c.work, "work", filepath.Join(os.TempDir(), "newsgraph-bench-import"), "working directory for the file and the stores")
	fs.StringVar(&c.newsgraph, "newsgraph", "", "the newsgraph binary (required)")
	fs.StringVar(&c.cayley, "cayley", "", "the cayley v0.7.7 binary (required)")
	fs.StringVar(&c.paths, "paths", "", "the bench/paths binary, to generate the file (required when the file does not exist)")
	fs.IntVar(&c.batch, "batch", 0, "newsgraph import --batch (0: its default)")
	fs.IntVar(&c.rounds, "rounds", 1, "loads per tool, alternating which goes first; the median is reported")
	fs.BoolVar(&c.keepStores, "keep-stores", false, "keep the loaded stores in WORK")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if c.newsgraph == "" || c.cayley == "" || c.quads <= 0 || c.rounds < 1 {
		fmt.Fprintln(stderr, "import: -newsgraph and -cayley are required; -quads and -rounds must be positive")
		return 2
	}
	if c.file == "" {
		c.file = filepath.Join(c.work, fmt.Sprintf("quads-%d.nq", c.quads))
	}
	if err := bench(context.Background(), c, stdout); err != nil {
		fmt.Fprintln(stderr, "import:", err)
		return 1
	}
	return 0
}

// load is one timed load of the file by one tool.
type load struct {
	elapsed time.Duration
	cpu     time.Duration // user + system time
	peakKiB int64         // peak resident set size
	source  string        // where peakKiB comes from
	stored  int64         // quads in the store afterwards
	bytes   int64         // size of the store's files
}

func bench(ctx context.Context, c config, w io.Writer) error {
	if err := os.MkdirAll(c.work, 0o755); err != nil {
		return err
	}
	if _, err := os.Stat(c.file); err == nil {
		fmt.Fprintf(w, "using the existing file %s\n", c.file)
	} else if err := generate(ctx, c, w); err != nil {
		return err
	}
	fi, err := os.Stat(c.file)
	if err != nil {
		return err
	}
	n, err := countLines(c.file)
	if err != nil {
		return err
	}
	if n != c.quads {
		return fmt.Errorf("%s holds %d lines, want %d quads (remove it to generate it again)", c.file, n, c.quads)
	}
	fmt.Fprintf(w, "file: %s, %d quads, %.1f MiB\n", c.file, n, float64(fi.Size())/(1<<20))
	timeV, err := exec.LookPath("/usr/bin/time")
	if err != nil {
		timeV = ""
		fmt.Fprintln(w, "/usr/bin/time is missing: peak memory is the child's maximum RSS from wait4 (what time -v reports)")
	}

	tools := []struct {
		name string
		cmd  func(dir string) []string
	}{
		{"newsgraph import", func(dir string) []string {
			args := []string{c.newsgraph, "--db", dir, "import", "--format", "json"}
			if c.batch > 0 {
				args = append(args, "--batch", strconv.Itoa(c.batch))
			}
			return append(args, c.file)
		}},
		{"cayley load (v0.7.7)", func(dir string) []string {
			return []string{c.cayley, "load", "--init", "-d", "bolt", "-a", dir, "-i", c.file}
		}},
	}
	results := make([][]load, len(tools))
	for round := 0; round < c.rounds; round++ {
		order := []int{0, 1}
		if round%2 == 1 {
			order = []int{1, 0}
		}
		for _, i := range order {
			// The file comes from the page cache for both.
			if _, err := countLines(c.file); err != nil {
				return err
			}
			dir := filepath.Join(c.work, fmt.Sprintf("store-%d-%d", i, round))
			if err := os.RemoveAll(dir); err != nil {
				return err
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			l, err := measure(ctx, timeV, tools[i].cmd(dir), dir)
			if err != nil {
				return fmt.Errorf("%s: %w", tools[i].name, err)
			}
			if !c.keepStores {
				os.RemoveAll(dir)
			}
			if l.stored != c.quads {
				return fmt.Errorf("%s stored %d quads, want %d", tools[i].name, l.stored, c.quads)
			}
			fmt.Fprintf(w, "round %d: %-22s %8.2fs  %9.0f quads/s  cpu %6.2fs  peak %6.0f MiB\n", round+1, tools[i].name,
				l.elapsed.Seconds(), rate(c.quads, l.elapsed), l.cpu.Seconds(), float64(l.peakKiB)/1024)
			results[i] = append(results[i], l)
		}
	}
	report(w, c, tools[0].name, tools[1].name, median(results[0]), median(results[1]))
	return nil
}

func rate(n int64, d time.Duration) float64 { return float64(n) / d.Seconds() }

// median returns the load of median elapsed time, with the medians of the
// CPU time and of the peak memory, each taken separately.
func median(ls []load) load {
	s := slices.Clone(ls)
	slices.SortFunc(s, func(a, b load) int { return cmp.Compare(a.elapsed, b.elapsed) })
	m := s[len(s)/2]
	slices.SortFunc(s, func(a, b load) int { return cmp.Compare(a.cpu, b.cpu) })
	m.cpu = s[len(s)/2].cpu
	slices.SortFunc(s, func(a, b load) int { return cmp.Compare(a.peakKiB, b.peakKiB) })
	m.peakKiB = s[len(s)/2].peakKiB
	return m
}

func report(w io.Writer, c config, ours, theirs string, o, t load) {
	fmt.Fprintf(w, "\n%-22s %10s %10s %10s %12s %12s %s\n", "LOADER (bolt)", "ELAPSED", "QUADS/S", "CPU", "PEAK RSS", "STORE", "QUADS STORED")
	for _, x := range []struct {
		name string
		l    load
	}{{ours, o}, {theirs, t}} {
		fmt.Fprintf(w, "%-22s %9.2fs %10.0f %9.2fs %8.0f MiB %8.0f MiB %d\n", x.name, x.l.elapsed.Seconds(), rate(c.quads, x.l.elapsed),
			x.l.cpu.Seconds(), float64(x.l.peakKiB)/1024, float64(x.l.bytes)/(1<<20), x.l.stored)
	}
	check := func(ok bool) string {
		if ok {
			return "ok"
		}
		return "MISSED"
	}
	speed := rate(c.quads, o.elapsed) / rate(c.quads, t.elapsed)
	mem := float64(o.peakKiB) / float64(t.peakKiB)
	fmt.Fprintf(w, "\n%-40s %-10s %-10s\n", "FIGURE", "VALUE", "TARGET")
	fmt.Fprintf(w, "%-40s %-10s %-10s %s\n", "throughput ratio (newsgraph / cayley)", fmt.Sprintf("%.2f×", speed), "≥ 1.0", check(speed >= 1))
	fmt.Fprintf(w, "%-40s %-10s %-10s %s\n", "peak memory ratio (newsgraph / cayley)", fmt.Sprintf("%.2f×", mem), "≤ 1.0", check(mem <= 1))
	fmt.Fprintf(w, "(peak memory from %s; medians of %d round(s))\n", o.source, c.rounds)
}

// measure runs args (a loader filling dir) and returns its wall-clock
// time, its peak RSS and what dir holds afterwards.
func measure(ctx context.Context, timeV string, args []string, dir string) (load, error) {
	var l load
	report := filepath.Join(dir, "..", filepath.Base(dir)+".time")
	defer os.Remove(report)
	if timeV != "" {
		args = append([]string{timeV, "-v", "-o", report}, args...)
	}
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	var stderr bytes.Buffer
	cmd.Stdout = io.Discard
	cmd.Stderr = &stderr
	t0 := time.Now()
	err := cmd.Run()
	l.elapsed = time.Since(t0)
	if err != nil {
		return l, fmt.Errorf("%s: %w\n%s", strings.Join(args, " "), err, tail(stderr.String(), 2000))
	}
	if timeV != "" {
		b, err := os.ReadFile(report)
		if err != nil {
			return l, err
		}
		if l.peakKiB, err = parseTimeV(string(b)); err != nil {
			return l, err
		}
		l.source = "/usr/bin/time -v"
	} else if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		l.peakKiB = ru.Maxrss // KiB on Linux
		l.source = "wait4's rusage (ru_maxrss)"
	}
	// time -v is the only child: its own CPU time is negligible.
	l.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	var err2 error
	if l.stored, err2 = storedQuads(ctx, dir); err2 != nil {
		return l, err2
	}
	l.bytes, err2 = dirSize(dir)
	return l, err2
}

var reMaxRSS = regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`)

// parseTimeV returns the peak RSS in KiB from the report of `time -v`.
func parseTimeV(s string) (int64, error) {
	m := reMaxRSS.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("no maximum resident set size in the report of time -v:\n%s", s)
	}
	return strconv.ParseInt(m[1], 10, 64)
}

// storedQuads opens the bolt store in dir read-only and returns its quad
// count (Cayley's meta/size, which both loaders maintain).
func storedQuads(ctx context.Context, dir string) (int64, error) {
	st, err := graph.Open(ctx, graph.Config{Address: dir, ReadOnly: true})
	if err != nil {
		return 0, err
	}
	defer st.Close()
	g, err := st.Generation(ctx)
	return g.Quads, err
}

func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() {
			n += fi.Size()
		}
		return err
	})
	return n, err
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

func countLines(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var n int64
	buf := make([]byte, 1<<20)
	for {
		k, err := f.Read(buf)
		n += int64(bytes.Count(buf[:k], []byte{'\n'}))
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}

// generate writes c.file: bench/paths generates and bulk-loads its
// synthetic news graph (about 2% more quads than needed, since it counts
// approximately), and the first c.quads lines of the store's N-Quads export
// become the file.
func generate(ctx context.Context, c config, w io.Writer) error {
	if c.paths == "" {
		return fmt.Errorf("%s does not exist and -paths is not given to generate it", c.file)
	}
	dir := filepath.Join(c.work, "generated-store")
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	ask := c.quads + c.quads/50 + 1000
	fmt.Fprintf(w, "generating about %d quads with %s\n", ask, c.paths)
	cmd := exec.CommandContext(ctx, c.paths, "-quads", strconv.FormatInt(ask, 10), "-dir", dir, "-keep",
		"-pairs", "0", "-kpairs", "0", "-cayley-pairs", "0")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w\n%s", strings.Join(cmd.Args, " "), err, out.String())
	}
	st, err := graph.Open(ctx, graph.Config{Address: dir, ReadOnly: true})
	if err != nil {
		return err
	}
	defer st.Close()
	tmp := c.file + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	bw := bufio.NewWriterSize(f, 1<<20)
	lw := &firstLines{w: bw, left: c.quads}
	err = st.Export(ctx, lw, "nquads")
	if errors.Is(err, errEnough) {
		err = nil
	}
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", dir, err)
	}
	if lw.left > 0 {
		return fmt.Errorf("the generated store has only %d quads, want %d", c.quads-lw.left, c.quads)
	}
	return os.Rename(tmp, c.file)
}

// errEnough stops the export once the file has its lines.
var errEnough = errors.New("enough lines")

// firstLines passes on the first left lines written to it, then fails
// with errEnough.
type firstLines struct {
	w    io.Writer
	left int64
}

func (f *firstLines) Write(p []byte) (int, error) {
	if f.left <= 0 {
		return 0, errEnough
	}
	n := 0
	for n < len(p) && f.left > 0 {
		i := bytes.IndexByte(p[n:], '\n')
		if i < 0 {
			if _, err := f.w.Write(p[n:]); err != nil {
				return n, err
			}
			return len(p), nil
		}
		if _, err := f.w.Write(p[n : n+i+1]); err != nil {
			return n, err
		}
		n += i + 1
		f.left--
	}
	if n < len(p) {
		return n, errEnough
	}
	return n, nil
}
