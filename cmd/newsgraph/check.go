package main

import (
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/graph"
)

// errCheckFailed is wrapped in the error of a check run that found
// problems in the store.
var errCheckFailed = errors.New("store check failed")

func checkCommand(env *environment) *cli.Command {
	return &cli.Command{
		Name:  "check",
		Usage: "verify that the store is complete and consistent (read-only)",
		Description: `Reads every quad of the store and verifies it against the layout newsgraph
writes: every statement has its relation quad, its type, subject,
predicate, object, source document, sentence, offsets, modality and
confidence, in the graph of its source document, which is stored; every
relation quad belongs to a complete statement; every document has its ID,
hash and path; every entity a document mentions is described in the
document's graph; no quad lies outside the layout and no node is left
without a quad; and the counts the store keeps agree with the scan.

Prints a summary line, then one line per problem (kind, document,
statement, what is wrong). The store is only read. Exit status 1 when a
problem is found.

Example:
   newsgraph check
   newsgraph --db news.db check --format json`,
		Flags: []cli.Flag{formatFlag("check", "text", "json")},
		Action: func(c *cli.Context) error {
			format, err := getFormat(c, "text", "json")
			if err != nil {
				return err
			}
			if c.NArg() != 0 {
				return usagef(c, "check takes no arguments (got %q)", c.Args().First())
			}
			return runCheck(c, env, format)
		},
	}
}

// checkJSON is the output of check --format json.
type checkJSON struct {
	Store string `json:"store"`
	OK    bool   `json:"ok"`
	graph.CheckReport
}

func runCheck(c *cli.Context, env *environment, format string) error {
	s, err := openStore(c, false)
	if err != nil {
		return err
	}
	defer s.Close()
	rep, err := s.Check(c.Context)
	if err != nil {
		return err
	}
	if format == "json" {
		if err := writeJSON(env.stdout, checkJSON{Store: storeName(c), OK: rep.OK(), CheckReport: rep}); err != nil {
			return err
		}
	} else {
		status := "ok"
		if !rep.OK() {
			status = plural(len(rep.Problems), "1 problem", fmt.Sprintf("%d problems", len(rep.Problems)))
		}
		nodes := ""
		if rep.Nodes >= 0 {
			nodes = fmt.Sprintf(", %d nodes", rep.Nodes)
		}
		fmt.Fprintf(env.stdout, "%s: %s (%d documents, %d statements, %d entities, %d quads%s)\n",
			storeName(c), status, rep.Documents, rep.Statements, rep.Entities, rep.Quads, nodes)
		for _, p := range rep.Problems {
			fmt.Fprintln(env.stdout, p.String())
		}
	}
	if !rep.OK() {
		return fmt.Errorf("%s: %d problems: %w", storeName(c), len(rep.Problems), errCheckFailed)
	}
	return nil
}
