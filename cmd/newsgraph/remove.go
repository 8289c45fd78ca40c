package main

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/graph"
)

// errNotStored is wrapped in the error of a remove run that named a
// document the store does not hold.
var errNotStored = errors.New("not stored")

func removeCommand(env *environment) *cli.Command {
	return &cli.Command{
		Name:      "remove",
		Usage:     "remove documents and everything they contributed from the store",
		ArgsUsage: "DOC...",
		Description: `Removes each document DOC from the store, each in one transaction: its
statements and evidence, its provenance, and its description of every
entity it mentions. An entity that no other document mentions disappears
with it; entities other documents mention stay. DOC is the document's
name as ingest stored it (the file's base name, "stdin" for standard
input); a path is taken by its base name, so the files of an ingest can be
named again. Documents the store does not hold are reported, and the exit
status is then 1 (the others are still removed).

Example:
   newsgraph remove 000_81440262383a513b.txt
   newsgraph remove testdata/seeds/*.txt
   newsgraph remove --format json stdin`,
		Flags: []cli.Flag{formatFlag("remove", "text", "json")},
		Action: func(c *cli.Context) error {
			format, err := getFormat(c, "text", "json")
			if err != nil {
				return err
			}
			if c.NArg() == 0 {
				return usagef(c, "remove needs at least one DOC (a document name)")
			}
			return runRemove(c, env, format)
		},
	}
}

// removeSummary is the outcome of a remove run.
type removeSummary struct {
	Removed    []removedDoc `json:"removed"`
	NotStored  []string     `json:"not_stored"`
	Statements int          `json:"statements"` // statements removed
}

// removedDoc is one document removed.
type removedDoc struct {
	Doc        string `json:"doc"`
	Statements int    `json:"statements"`
}

func runRemove(c *cli.Context, env *environment, format string) error {
	s, err := openStore(c, true)
	if err != nil {
		return err
	}
	defer s.Close()
	sum := removeSummary{Removed: []removedDoc{}, NotStored: []string{}}
	seen := map[string]bool{}
	for _, arg := range c.Args().Slice() {
		id := filepath.Base(arg)
		if seen[id] {
			continue
		}
		seen[id] = true
		info, err := s.Document(c.Context, id)
		if errors.Is(err, graph.ErrNotFound) {
			sum.NotStored = append(sum.NotStored, id)
			continue
		}
		if err != nil {
			return err
		}
		ok, err := s.RemoveDocument(c.Context, id)
		if err != nil {
			return err
		}
		if !ok {
			sum.NotStored = append(sum.NotStored, id)
			continue
		}
		sum.Removed = append(sum.Removed, removedDoc{Doc: id, Statements: info.Statements})
		sum.Statements += info.Statements
	}
	if format == "json" {
		if err := writeJSON(env.stdout, sum); err != nil {
			return err
		}
	} else {
		for _, r := range sum.Removed {
			fmt.Fprintf(env.stdout, "removed %s (%s)\n", r.Doc, plural(r.Statements, "1 statement", fmt.Sprintf("%d statements", r.Statements)))
		}
	}
	if len(sum.NotStored) > 0 {
		for _, id := range sum.NotStored {
			fmt.Fprintf(env.stderr, "newsgraph: remove: %s is not stored in %s\n", id, storeName(c))
		}
		return fmt.Errorf("%d of %d documents %w", len(sum.NotStored), len(seen), errNotStored)
	}
	return nil
}
