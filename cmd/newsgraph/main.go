// Command newsgraph extracts entities and relations from news articles into
// an embedded graph store and answers path questions over it.
//
// Run `newsgraph --help` for the commands, `newsgraph COMMAND --help` for
// each command's flags and an example.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
)

// Exit codes of newsgraph.
const (
	exitOK      = 0 // success
	exitRuntime = 1 // the command ran and failed (bad input, store error, no path)
	exitUsage   = 2 // the command line is wrong
)

// version is the version printed by --version; set at link time with
// -ldflags "-X main.version=…".
var version = "dev"

func main() {
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}

// run runs newsgraph with the command line args (args[0] is the program
// name), reading standard input from os.Stdin, and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	return runIO(args, os.Stdin, stdout, stderr)
}

// runIO is run with an explicit standard input.
func runIO(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	app := newApp(stdin, stdout, stderr)
	var err error
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("internal error: %v (please report it)", r)
			}
		}()
		args, rerr := reorderArgs(app, args)
		if rerr != nil {
			err = rerr
			return
		}
		err = app.RunContext(ctx, args)
	}()
	return report(stderr, err)
}

// usageError marks a mistake on the command line (exit code 2).
type usageError struct {
	cmd string // the command whose help to suggest; "" for the program
	err error
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// usagef returns a usage error of command cmd.
func usagef(c *cli.Context, format string, args ...any) error {
	name := ""
	if c != nil && c.Command != nil && c.Command.Name != c.App.Name {
		name = c.Command.Name
	}
	return &usageError{cmd: name, err: fmt.Errorf(format, args...)}
}

// report prints err, if any, on stderr and returns the exit code for it.
func report(stderr io.Writer, err error) int {
	if err == nil {
		return exitOK
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "newsgraph: %v\n", ue.err)
		if ue.cmd != "" {
			fmt.Fprintf(stderr, "Run 'newsgraph %s --help' for usage.\n", ue.cmd)
		} else {
			fmt.Fprintln(stderr, "Run 'newsgraph --help' for usage.")
		}
		return exitUsage
	}
	fmt.Fprintf(stderr, "newsgraph: %v\n", err)
	if hint := hintFor(err); hint != "" {
		fmt.Fprintf(stderr, "  %s\n", hint)
	}
	return exitRuntime
}

// hintFor returns advice for well-known errors, or "".
func hintFor(err error) string {
	switch {
	case errors.Is(err, graph.ErrLocked):
		return "another newsgraph process has the store open; wait for it to finish or use another --db"
	case errors.Is(err, graph.ErrNotStore):
		return "--db must name a newsgraph store, or a path where one can be created; the file was left untouched"
	case errors.Is(err, graph.ErrBackend):
		return "--backend must be one of: bolt, leveldb, memstore, postgres, cockroach"
	case errors.Is(err, queries.ErrNoPath):
		return "try a larger --max-hops, drop --directed, or loosen the filters"
	}
	return ""
}

// envName returns the environment variable of a flag: NEWSGRAPH_ and the
// upper-cased command and flag names ("NEWSGRAPH_PATH_MAX_HOPS").
func envName(cmd, flag string) string {
	parts := []string{"NEWSGRAPH"}
	if cmd != "" {
		parts = append(parts, cmd)
	}
	parts = append(parts, flag)
	return strings.ToUpper(strings.ReplaceAll(strings.Join(parts, "_"), "-", "_"))
}

// formatFlag returns a --format flag of command cmd accepting choices, the
// first being the default.
func formatFlag(cmd string, choices ...string) *cli.StringFlag {
	return &cli.StringFlag{
		Name: "format", Aliases: []string{"f"}, Value: choices[0],
		Usage:   "output format: " + strings.Join(choices, ", "),
		EnvVars: []string{envName(cmd, "format")},
	}
}

// getFormat returns the --format value after checking it is one of choices.
func getFormat(c *cli.Context, choices ...string) (string, error) {
	f := strings.ToLower(c.String("format"))
	for _, x := range choices {
		if f == x {
			return f, nil
		}
	}
	return "", usagef(c, "unknown --format %q (want %s)", c.String("format"), strings.Join(choices, ", "))
}

// onUsageError turns flag parsing errors into usage errors.
func onUsageError(c *cli.Context, err error, _ bool) error {
	return usagef(c, "%v", err)
}

// newApp builds the command-line application. It is built afresh for every
// run because cli flags keep parse state.
func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	env := &environment{stdin: stdin, stdout: stdout, stderr: stderr}
	app := &cli.App{
		Name:    "newsgraph",
		Usage:   "turn news articles into a knowledge graph and ask it who is linked to whom",
		Version: version,
		UsageText: `newsgraph [--db FILE|URL] [--backend NAME] COMMAND [flags] [args]

Example:
   newsgraph ingest testdata/seeds
   newsgraph path "Donald Trump" "Nicolás Maduro"`,
		Description: `newsgraph reads articles, finds the people, countries, places and
organisations they name and the relations between them (met, criticized,
leader_of, …), stores every relation as a quad with its evidence sentence in
an embedded graph store, and answers questions such as the shortest chain of
relations linking two entities.

Every flag can also be set from an environment variable: NEWSGRAPH_DB,
NEWSGRAPH_BACKEND, and NEWSGRAPH_<COMMAND>_<FLAG> for command flags
(for example NEWSGRAPH_PATH_MAX_HOPS=2).

Exit status: 0 success, 1 failure, 2 usage error.`,
		Flags: []cli.Flag{
			&cli.StringFlag{
				Name: "db", Value: "./newsgraph.db", EnvVars: []string{envName("", "db")},
				Usage: "the graph store: a file (bolt), a directory (leveldb), or an existing database's URL (postgres, cockroach: postgres://user@host:5432/dbname)", TakesFile: true,
			},
			&cli.StringFlag{
				Name: "backend", Value: "bolt", EnvVars: []string{envName("", "backend")},
				Usage: "store backend: bolt, leveldb, memstore (keeps nothing), postgres or cockroach (servers several processes may write at once)",
			},
			&cli.StringFlag{
				Name: "cpuprofile", Hidden: true, TakesFile: true,
				Usage: "write a Go CPU profile of the command to `FILE`",
			},
		},
		Before: startProfile,
		After:  stopProfile,
		Commands: []*cli.Command{
			ingestCommand(env),
			removeCommand(env),
			extractCommand(env),
			pathCommand(env),
			neighborsCommand(env),
			matchCommand(env),
			timelineCommand(env),
			entitiesCommand(env),
			statsCommand(env),
			checkCommand(env),
			queryCommand(env),
			exportCommand(env),
			importCommand(env),
			evalCommand(env),
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef(c, "unknown command %q", c.Args().First())
			}
			c.App.Writer = stderr // the help explains a usage error
			_ = cli.ShowAppHelp(c)
			return usagef(c, "no command given")
		},
		Reader:         stdin,
		Writer:         stdout,
		ErrWriter:      stderr,
		OnUsageError:   onUsageError,
		ExitErrHandler: func(*cli.Context, error) {}, // run maps errors to exit codes
	}
	for _, cmd := range app.Commands {
		cmd.OnUsageError = onUsageError
	}
	return app
}

// environment is what commands share: standard streams.
type environment struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// reorderArgs lets flags follow positional arguments: `newsgraph path A B
// --max-hops 2` becomes `newsgraph path --max-hops 2 -- A B`, and global
// flags written after the command (`newsgraph path --db x A B`) move before
// it. A "--" ends flag handling; everything after it stays positional.
// Unknown flags are kept for the parser to reject. A flag that needs a value
// but ends the command line is a usage error.
func reorderArgs(app *cli.App, args []string) ([]string, error) {
	if len(args) < 2 {
		return args, nil
	}
	global := flagArity(app.Flags)
	var pre []string
	i := 1
	for i < len(args) && isFlagToken(args[i]) {
		pre = append(pre, args[i])
		i++
		if takesValue(global, args[i-1]) && i < len(args) {
			pre = append(pre, args[i])
			i++
		}
	}
	if i >= len(args) || args[i] == "--" {
		return args, nil
	}
	cmd := app.Command(args[i])
	if cmd == nil {
		return args, nil
	}
	name := args[i]
	local := flagArity(cmd.Flags)
	local["h"], local["help"] = false, false
	var flags, pos []string
	for i++; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if !isFlagToken(a) {
			pos = append(pos, a)
			continue
		}
		n := flagName(a)
		_, isLocal := local[n]
		_, isGlobal := global[n]
		dst := &flags
		arity := local
		if isGlobal && !isLocal {
			dst, arity = &pre, global
		}
		*dst = append(*dst, a)
		if takesValue(arity, a) {
			if i+1 == len(args) {
				return nil, &usageError{cmd: cmd.Name, err: fmt.Errorf("flag %s needs a value", a)}
			}
			i++
			*dst = append(*dst, args[i])
		}
	}
	out := append([]string{args[0]}, pre...)
	out = append(out, name)
	out = append(out, flags...)
	if len(pos) > 0 {
		out = append(out, "--")
		out = append(out, pos...)
	}
	return out, nil
}

// flagArity maps every name of flags to whether the flag takes a value.
func flagArity(flags []cli.Flag) map[string]bool {
	m := map[string]bool{}
	for _, f := range flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			m[n] = !isBool
		}
	}
	return m
}

// isFlagToken reports whether a looks like a flag ("-x", "--xy", not "-").
func isFlagToken(a string) bool { return len(a) > 1 && a[0] == '-' && a != "--" }

// flagName returns the name of a flag token: "--max-hops=2" → "max-hops".
func flagName(a string) string {
	n := strings.TrimLeft(a, "-")
	if k := strings.IndexByte(n, '='); k >= 0 {
		n = n[:k]
	}
	return n
}

// takesValue reports whether the flag token a needs the next token as its
// value: a known non-boolean flag written without "=".
func takesValue(arity map[string]bool, a string) bool {
	return arity[flagName(a)] && !strings.Contains(a, "=")
}
