package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
	"github.com/newsgraph/newsgraph/schema"
	"github.com/newsgraph/newsgraph/score"
)

// maxEvidenceShown bounds the evidence sentences a table prints per hop.
const maxEvidenceShown = 3

// filterFlags returns the flags of queries.Filter for command cmd.
func filterFlags(cmd string) []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "via", Usage: "follow only these predicates (comma-separated `PREDICATES`)", EnvVars: []string{envName(cmd, "via")}},
		&cli.StringFlag{Name: "exclude", Usage: "never follow these predicates (comma-separated `PREDICATES`)", EnvVars: []string{envName(cmd, "exclude")}},
		&cli.Float64Flag{Name: "min-confidence", Usage: "drop statements whose confidence is below `C` (0–1)", EnvVars: []string{envName(cmd, "min-confidence")}},
		&cli.StringFlag{Name: "modality", Usage: "keep only statements of these `MODALITIES` (comma-separated: asserted, planned, negated, hypothetical)", EnvVars: []string{envName(cmd, "modality")}},
		&cli.StringFlag{Name: "since", Usage: "keep only statements dated on or after `DATE` (YYYY, YYYY-MM or YYYY-MM-DD; undated statements are dropped)", EnvVars: []string{envName(cmd, "since")}},
		&cli.StringFlag{Name: "until", Usage: "keep only statements dated on or before `DATE` (undated statements are dropped)", EnvVars: []string{envName(cmd, "until")}},
		&cli.IntFlag{Name: "min-sources", Usage: "keep only relations reported by at least `N` distinct documents", EnvVars: []string{envName(cmd, "min-sources")}},
		&cli.IntFlag{Name: "min-publishers", Usage: "keep only relations reported by at least `N` distinct publishers (a document whose publisher is unknown counts as its own)", EnvVars: []string{envName(cmd, "min-publishers")}},
	}
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// getFilter reads the filter flags; a malformed one is a usage error.
func getFilter(c *cli.Context) (queries.Filter, error) {
	f := queries.Filter{
		Via: splitList(c.String("via")), Exclude: splitList(c.String("exclude")),
		MinConfidence: c.Float64("min-confidence"), Since: c.String("since"), Until: c.String("until"),
		MinSources: c.Int("min-sources"), MinPublishers: c.Int("min-publishers"),
	}
	for _, m := range splitList(strings.ToLower(c.String("modality"))) {
		f.Modality = append(f.Modality, schema.Modality(m))
	}
	if err := f.Validate(); err != nil {
		return f, usagef(c, "%v", err)
	}
	return f, nil
}

// pathFormats are the output formats of the path command.
var pathFormats = []string{"table", "json", "dot", "svg", "png"}

func pathCommand(env *environment) *cli.Command {
	return &cli.Command{
		Name:      "path",
		Usage:     "show the shortest chains of relations linking two entities",
		ArgsUsage: "FROM TO",
		Description: `Finds the shortest paths between two entities of the store. Names are
matched against canonical names and aliases, ignoring case and accents
("nicolas maduro" finds "Nicolás Maduro"). Each hop shows its predicate and
direction (A —met— B for a symmetric relation, A —leader_of→ B or
A ←captured— B), how many documents support it (and how many publishers,
when the store knows the documents' publishers), and its evidence: document,
date and sentence. Paths are ranked by length, then by the support of their
weakest hop, the sources of all hops, and confidence.

Without --k, every shortest path is listed (one per choice of relation at
each hop, up to --limit). With --k N, the N shortest loop-free chains of
entities are listed, shortest first, each hop taking its best-supported
relation.

Filters: --via and --exclude choose predicates; --min-confidence and
--modality drop statements; --since and --until keep only statements whose
event date falls in the window (statements without a date are dropped when
either is set); --min-sources keeps relations reported by at least N
documents, and --min-publishers those reported by at least N publishers
(documents with the same publisher count once; a document whose publisher
is unknown counts as a publisher of its own). A relation is followed when a
statement passing the filters supports it, and its evidence lists only
those statements; the counts are over those statements.

--format dot writes a Graphviz graph of the paths with labelled edges;
svg and png render it with Graphviz's dot program, which must be installed.

Example:
   newsgraph path "Donald Trump" "Nicolás Maduro"
   newsgraph path --k 3 "Marco Rubio" "Nicolás Maduro"
   newsgraph path --since 2026-01 --via met,criticized Trump Petro
   newsgraph path --min-publishers 2 Trump Maduro
   newsgraph path --format dot Trump Maduro > path.dot`,
		Flags: append([]cli.Flag{
			&cli.IntFlag{Name: "k", Usage: "list the `N` shortest loop-free paths instead of every shortest one", EnvVars: []string{envName("path", "k")}},
			&cli.IntFlag{Name: "max-hops", Value: queries.DefaultMaxHops, Usage: "longest path considered", EnvVars: []string{envName("path", "max-hops")}},
			&cli.BoolFlag{Name: "directed", Usage: "follow relations only from subject to object", EnvVars: []string{envName("path", "directed")}},
			&cli.IntFlag{Name: "limit", Value: 5, Usage: "most paths shown (without --k)", EnvVars: []string{envName("path", "limit")}},
			formatFlag("path", pathFormats...),
		}, filterFlags("path")...),
		Action: func(c *cli.Context) error {
			format, err := getFormat(c, pathFormats...)
			if err != nil {
				return err
			}
			if c.NArg() != 2 {
				return usagef(c, "path needs two entity names, FROM and TO (got %d arguments)", c.NArg())
			}
			if c.Int("max-hops") < 1 {
				return usagef(c, "--max-hops must be at least 1")
			}
			if c.Int("limit") < 1 {
				return usagef(c, "--limit must be at least 1")
			}
			if c.Int("k") < 0 {
				return usagef(c, "--k must not be negative")
			}
			filter, err := getFilter(c)
			if err != nil {
				return err
			}
			return withGraph(c, func(_ *graph.Store, g *queries.Graph) error {
				from, err := g.Resolve(c.Args().Get(0))
				if err != nil {
					return err
				}
				to, err := g.Resolve(c.Args().Get(1))
				if err != nil {
					return err
				}
				paths, err := g.Paths(c.Context, from, to, queries.PathOptions{
					Filter: filter, K: c.Int("k"),
					MaxHops: c.Int("max-hops"), Directed: c.Bool("directed"), Limit: c.Int("limit"),
				})
				if err != nil {
					return err
				}
				switch format {
				case "json":
					return writeJSON(env.stdout, toPathOutput(from, to, paths))
				case "dot":
					return writePathDOT(env.stdout, from, to, paths)
				case "svg", "png":
					return renderDOT(env.stdout, format, func(w io.Writer) error { return writePathDOT(w, from, to, paths) })
				}
				return writePathTable(env.stdout, from, to, paths, c.Int("k") > 0, g.Publishers() > 0)
			})
		},
	}
}

// arrow renders a hop's predicate with its direction.
func arrow(pred string, forward, symmetric bool) string {
	switch {
	case symmetric:
		return "—" + pred + "—"
	case forward:
		return "—" + pred + "→"
	}
	return "←" + pred + "—"
}

// direction names a hop's direction in JSON output.
func direction(forward, symmetric bool) string {
	switch {
	case symmetric:
		return "symmetric"
	case forward:
		return "forward"
	}
	return "backward"
}

// evidenceLabel names a statement's document (with its publisher and
// address when known), its date, the event date, a modality other than
// asserted and who the sentence reports as saying it.
func evidenceLabel(s graph.Statement) string {
	l := s.Doc
	if s.DocPublisher != "" {
		l += " (" + s.DocPublisher + ")"
	}
	if s.DocURL != "" && s.DocURL != s.Doc {
		l += " <" + s.DocURL + ">"
	}
	if s.DocDate != "" {
		l += ", " + s.DocDate
	}
	if s.When != "" && s.When != s.DocDate {
		l += ", when " + s.When
	}
	if s.Modality != "" && s.Modality != schema.Asserted {
		l += ", " + string(s.Modality)
	}
	if s.Attribution != "" {
		l += ", according to " + s.Attribution
	}
	return l
}

type pathOutput struct {
	From  entityJSON `json:"from"`
	To    entityJSON `json:"to"`
	Hops  int        `json:"hops"`
	Paths []pathJSON `json:"paths"`
}

// pathJSON is one path in JSON output: sources and publishers count the
// distinct documents and publishers across its hops, min_sources and
// min_publishers are those of its weakest hop.
type pathJSON struct {
	Sources       int       `json:"sources"`
	Publishers    int       `json:"publishers"`
	MinSources    int       `json:"min_sources"`
	MinPublishers int       `json:"min_publishers"`
	Confidence    float64   `json:"confidence"`
	Hops          []hopJSON `json:"hops"`
}

type hopJSON struct {
	From       entityRef      `json:"from"`
	To         entityRef      `json:"to"`
	Predicate  string         `json:"predicate"`
	Direction  string         `json:"direction"`
	Sources    int            `json:"sources"`
	Publishers int            `json:"publishers"`
	Confidence float64        `json:"confidence"`
	Evidence   []evidenceJSON `json:"evidence"`
}

func toPathOutput(from, to graph.Entity, paths []queries.Path) pathOutput {
	out := pathOutput{From: toEntityJSON(from), To: toEntityJSON(to), Paths: []pathJSON{}}
	for _, p := range paths {
		out.Hops = len(p.Hops)
		pj := pathJSON{Sources: p.Sources, Publishers: p.Publishers, MinSources: p.MinSources, MinPublishers: p.MinPublishers,
			Confidence: p.Confidence, Hops: []hopJSON{}}
		for _, h := range p.Hops {
			pj.Hops = append(pj.Hops, hopJSON{
				From: toEntityRef(h.From), To: toEntityRef(h.To), Predicate: h.Predicate,
				Direction: direction(h.Forward, h.Symmetric), Sources: h.Sources, Publishers: h.Publishers, Confidence: h.Confidence,
				Evidence: toEvidence(h.Evidence),
			})
		}
		out.Paths = append(out.Paths, pj)
	}
	return out
}

// support renders a number of sources, with the number of publishers when
// pubs (the store knows some publisher).
func support(sources, publishers int, pubs bool) string {
	s := fmt.Sprintf("%d %s", sources, plural(sources, "source", "sources"))
	if pubs {
		s += fmt.Sprintf(", %d %s", publishers, plural(publishers, "publisher", "publishers"))
	}
	return s
}

// writePathTable writes paths as text; pubs adds the publisher counts to
// the source counts (when the store knows some publisher, so a store
// without any prints as before).
func writePathTable(w io.Writer, from, to graph.Entity, paths []queries.Path, kShortest, pubs bool) error {
	hops := len(paths[0].Hops)
	if kShortest {
		longest := len(paths[len(paths)-1].Hops)
		span := fmt.Sprintf("%d %s", hops, plural(hops, "hop", "hops"))
		if longest != hops {
			span = fmt.Sprintf("%d–%d hops", hops, longest)
		}
		fmt.Fprintf(w, "%s → %s: %d shortest %s, %s\n", from.Name, to.Name, len(paths), plural(len(paths), "path", "paths"), span)
	} else {
		fmt.Fprintf(w, "%s → %s: %d %s, %d %s\n", from.Name, to.Name, hops, plural(hops, "hop", "hops"),
			len(paths), plural(len(paths), "path", "paths"))
	}
	for i, p := range paths {
		fmt.Fprintf(w, "\n%d. %s", i+1, from.Name)
		for _, h := range p.Hops {
			fmt.Fprintf(w, " %s %s", arrow(h.Predicate, h.Forward, h.Symmetric), h.To.Name)
		}
		if pubs {
			fmt.Fprintf(w, "\n   %s; weakest hop %s; confidence %.2f\n", support(p.Sources, p.Publishers, true),
				support(p.MinSources, p.MinPublishers, true), p.Confidence)
		} else {
			fmt.Fprintf(w, "\n   %s, weakest hop %d, confidence %.2f\n", support(p.Sources, 0, false), p.MinSources, p.Confidence)
		}
		for _, h := range p.Hops {
			fmt.Fprintf(w, "   %s %s %s  [%s]\n", h.From.Name, arrow(h.Predicate, h.Forward, h.Symmetric), h.To.Name,
				support(h.Sources, h.Publishers, pubs))
			for k, s := range h.Evidence {
				if k == maxEvidenceShown {
					fmt.Fprintf(w, "     … and %d more (--format json lists all)\n", len(h.Evidence)-k)
					break
				}
				fmt.Fprintf(w, "     %s: %q\n", evidenceLabel(s), s.Sentence)
			}
		}
	}
	return nil
}

// dotQuote quotes s as a DOT string.
func dotQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

// writePathDOT writes the paths as a Graphviz digraph: one node per entity,
// one edge per relation (subject to object; undirected for symmetric
// predicates) labelled with its predicate and number of sources.
func writePathDOT(w io.Writer, from, to graph.Entity, paths []queries.Path) error {
	var b strings.Builder
	fmt.Fprintf(&b, "digraph path {\n\tlabel=%s;\n\tlabelloc=t;\n\trankdir=LR;\n\tnode [shape=box, style=rounded];\n",
		dotQuote(from.Name+" → "+to.Name))
	nodes := map[string]bool{}
	node := func(e graph.Entity) {
		if nodes[e.IRI] {
			return
		}
		nodes[e.IRI] = true
		attrs := ""
		if e.IRI == from.IRI || e.IRI == to.IRI {
			attrs = ", penwidth=2"
		}
		fmt.Fprintf(&b, "\t%s [label=%s%s];\n", dotQuote(e.IRI), dotQuote(e.Name+"\n"+string(e.Type)), attrs)
	}
	edges := map[string]bool{}
	for _, p := range paths {
		for _, h := range p.Hops {
			node(h.From)
			node(h.To)
			s, o := h.From, h.To
			if !h.Forward {
				s, o = o, s
			}
			k := s.IRI + "\x00" + h.Predicate + "\x00" + o.IRI
			if edges[k] {
				continue
			}
			edges[k] = true
			attrs := fmt.Sprintf("label=%s", dotQuote(fmt.Sprintf("%s (%d)", h.Predicate, h.Sources)))
			if h.Symmetric {
				attrs += ", dir=none"
			}
			fmt.Fprintf(&b, "\t%s -> %s [%s];\n", dotQuote(s.IRI), dotQuote(o.IRI), attrs)
		}
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// errNoGraphviz means --format svg or png was asked for without Graphviz.
var errNoGraphviz = errors.New("Graphviz's dot program is not on PATH")

// renderDOT renders the DOT that write produces as format (svg or png)
// through Graphviz's dot program.
func renderDOT(w io.Writer, format string, write func(io.Writer) error) error {
	dot, err := exec.LookPath("dot")
	if err != nil {
		return fmt.Errorf("--format %s: %w; install Graphviz, or use --format dot and render the graph elsewhere", format, errNoGraphviz)
	}
	var src, stderr bytes.Buffer
	if err := write(&src); err != nil {
		return err
	}
	cmd := exec.Command(dot, "-T"+format)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = &src, w, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("render %s with %s: %w: %s", format, dot, err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

func neighborsCommand(env *environment) *cli.Command {
	return &cli.Command{
		Name:      "neighbors",
		Usage:     "list the entities related to an entity, grouped by relation",
		ArgsUsage: "ENTITY",
		Description: `Shows what the store says about one entity: its aliases and titles, and
every entity linked to it, grouped by predicate and direction, with the
number of statements and documents (and publishers, when the store knows
the documents' publishers) and the dates of the events. --depth N
also lists the entities N hops away, each once, with the entity it was
reached through. The filters of the path command apply, --min-publishers
included; --format json gives every neighbor's "sources" and "publishers".

Example:
   newsgraph neighbors "Gustavo Petro"
   newsgraph neighbors --depth 2 --min-sources 2 Petro
   newsgraph neighbors --min-publishers 2 Petro
   newsgraph neighbors --format json Petro`,
		Flags: append([]cli.Flag{
			&cli.IntFlag{Name: "depth", Value: 1, Usage: "how many hops out to go", EnvVars: []string{envName("neighbors", "depth")}},
			&cli.BoolFlag{Name: "directed", Usage: "follow relations only from subject to object", EnvVars: []string{envName("neighbors", "directed")}},
			&cli.IntFlag{Name: "limit", Usage: "most neighbors listed (0: all)", EnvVars: []string{envName("neighbors", "limit")}},
			formatFlag("neighbors", "table", "json"),
		}, filterFlags("neighbors")...),
		Action: func(c *cli.Context) error {
			format, err := getFormat(c, "table", "json")
			if err != nil {
				return err
			}
			if c.NArg() != 1 {
				return usagef(c, "neighbors needs one entity name (got %d arguments)", c.NArg())
			}
			if c.Int("depth") < 1 {
				return usagef(c, "--depth must be at least 1")
			}
			if c.Int("limit") < 0 {
				return usagef(c, "--limit must not be negative")
			}
			filter, err := getFilter(c)
			if err != nil {
				return err
			}
			return withGraph(c, func(_ *graph.Store, g *queries.Graph) error {
				x, err := g.Resolve(c.Args().First())
				if err != nil {
					return err
				}
				nb, err := g.NeighborsOf(c.Context, x, queries.NeighborOptions{
					Filter: filter, Depth: c.Int("depth"), Directed: c.Bool("directed"), Limit: c.Int("limit"),
				})
				if err != nil {
					return err
				}
				if format == "json" {
					return writeJSON(env.stdout, toNeighborsJSON(nb))
				}
				return writeNeighborsTable(env.stdout, nb, c.Int("depth") > 1, g.Publishers() > 0)
			})
		},
	}
}

type neighborsJSON struct {
	Entity    entityJSON           `json:"entity"`
	Titles    []string             `json:"titles"`
	Groups    []neighborsGroupJSON `json:"groups"`
	Truncated bool                 `json:"truncated,omitempty"`
}

type neighborsGroupJSON struct {
	Depth      int            `json:"depth"`
	Predicate  string         `json:"predicate"`
	Direction  string         `json:"direction"`
	Statements int            `json:"statements"`
	Neighbors  []neighborJSON `json:"neighbors"`
}

type neighborJSON struct {
	Entity     entityRef  `json:"entity"`
	Via        *entityRef `json:"via,omitempty"`
	Statements int        `json:"statements"`
	Sources    int        `json:"sources"`
	Publishers int        `json:"publishers"`
	Dates      []string   `json:"dates"`
	Documents  []string   `json:"documents"`
}

func toNeighborsJSON(nb queries.Neighborhood) neighborsJSON {
	out := neighborsJSON{Entity: toEntityJSON(nb.Entity), Titles: nb.Titles, Groups: []neighborsGroupJSON{}, Truncated: nb.Truncated}
	for _, grp := range nb.Groups {
		gj := neighborsGroupJSON{Depth: grp.Depth, Predicate: grp.Predicate, Direction: direction(grp.Forward, grp.Symmetric), Statements: grp.Statements}
		for _, n := range grp.Neighbors {
			nj := neighborJSON{Entity: toEntityRef(n.Entity), Statements: n.Statements, Sources: n.Sources, Publishers: n.Publishers,
				Dates: n.Dates, Documents: n.Documents}
			if n.Via.IRI != "" {
				via := toEntityRef(n.Via)
				nj.Via = &via
			}
			gj.Neighbors = append(gj.Neighbors, nj)
		}
		out.Groups = append(out.Groups, gj)
	}
	return out
}

// writeNeighborsTable writes a neighborhood as text; deep adds the depth
// and via columns, pubs a PUBLISHERS column.
func writeNeighborsTable(w io.Writer, nb queries.Neighborhood, deep, pubs bool) error {
	e := nb.Entity
	fmt.Fprintf(w, "%s (%s) %s\n", e.Name, e.Type, e.IRI)
	if len(e.Aliases) > 0 {
		fmt.Fprintf(w, "aliases: %s\n", strings.Join(e.Aliases, ", "))
	}
	if len(nb.Titles) > 0 {
		fmt.Fprintf(w, "titles:  %s\n", strings.Join(nb.Titles, ", "))
	}
	if len(nb.Groups) == 0 {
		_, err := fmt.Fprintln(w, "\nno relations to other entities")
		return err
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	if deep {
		fmt.Fprint(tw, "DEPTH\tVIA\t")
	}
	fmt.Fprint(tw, "RELATION\tNEIGHBOR\tTYPE\tSTATEMENTS\tSOURCES\t")
	if pubs {
		fmt.Fprint(tw, "PUBLISHERS\t")
	}
	fmt.Fprintln(tw, "DATES")
	for _, grp := range nb.Groups {
		for _, n := range grp.Neighbors {
			if deep {
				via := n.Via.Name
				if via == "" {
					via = e.Name
				}
				fmt.Fprintf(tw, "%d\t%s\t", grp.Depth, via)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t", arrow(grp.Predicate, grp.Forward, grp.Symmetric),
				n.Entity.Name, n.Entity.Type, n.Statements, n.Sources)
			if pubs {
				fmt.Fprintf(tw, "%d\t", n.Publishers)
			}
			fmt.Fprintf(tw, "%s\n", dash(strings.Join(n.Dates, ", ")))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if nb.Truncated {
		_, err := fmt.Fprintln(w, "\n(list cut at --limit)")
		return err
	}
	return nil
}

func matchCommand(env *environment) *cli.Command {
	return &cli.Command{
		Name:      "match",
		Usage:     `list the relations matching a "SUBJECT PREDICATE OBJECT" pattern`,
		ArgsUsage: `"SUBJECT PREDICATE OBJECT"`,
		Description: `Lists the relations that match a pattern of three terms, where ? matches
anything: "? sanctioned Gustavo Petro" (who sanctioned Petro),
"Donald Trump ? ?" (everything Trump did or had done to him),
"? met ?". Names resolve like in the path command and may be quoted
inside the pattern ("\"Donald Trump\" met ?"); the predicate is a single
word such as met or leader_of. For title, the object is the title text.
Each match shows its statements, sources (and publishers, when the store
knows the documents' publishers) and dates; --evidence adds the sentences.
The filters of the path command apply, --min-publishers included.
"? ? ?" with --format json lists every relation with its "sources" and
"publishers".

Example:
   newsgraph match "? captured ?"
   newsgraph match "Donald Trump ? ?" --since 2026-01
   newsgraph match --format json "? leader_of Venezuela"
   newsgraph match --min-publishers 2 "? met ?"`,
		Flags: append([]cli.Flag{
			&cli.IntFlag{Name: "limit", Usage: "most matches listed (0: all)", EnvVars: []string{envName("match", "limit")}},
			&cli.BoolFlag{Name: "evidence", Usage: "list the evidence sentences of every match", EnvVars: []string{envName("match", "evidence")}},
			formatFlag("match", "table", "json"),
		}, filterFlags("match")...),
		Action: func(c *cli.Context) error {
			format, err := getFormat(c, "table", "json")
			if err != nil {
				return err
			}
			if c.NArg() == 0 {
				return usagef(c, `match needs a pattern such as "? met Gustavo Petro"`)
			}
			if c.Int("limit") < 0 {
				return usagef(c, "--limit must not be negative")
			}
			filter, err := getFilter(c)
			if err != nil {
				return err
			}
			// Several arguments form one pattern; those with spaces are names.
			terms := make([]string, c.NArg())
			for i, a := range c.Args().Slice() {
				if c.NArg() > 1 && strings.ContainsAny(a, " \t") {
					a = `"` + a + `"`
				}
				terms[i] = a
			}
			pattern := strings.Join(terms, " ")
			if _, err := queries.ParsePattern(pattern); err != nil {
				return usagef(c, "%v", err)
			}
			return withGraph(c, func(_ *graph.Store, g *queries.Graph) error {
				ms, err := g.Match(c.Context, pattern, queries.MatchOptions{Filter: filter, Limit: c.Int("limit"), Evidence: c.Bool("evidence")})
				if err != nil {
					return err
				}
				if format == "json" {
					out := make([]matchJSON, 0, len(ms))
					for _, m := range ms {
						out = append(out, toMatchJSON(m, c.Bool("evidence")))
					}
					return writeJSON(env.stdout, out)
				}
				return writeMatchTable(env.stdout, pattern, ms, g.Publishers() > 0)
			})
		},
	}
}

type matchJSON struct {
	Subject    entityRef      `json:"subject"`
	Predicate  string         `json:"predicate"`
	Object     *entityRef     `json:"object,omitempty"`
	Literal    string         `json:"literal,omitempty"`
	Symmetric  bool           `json:"symmetric"`
	Statements int            `json:"statements"`
	Sources    int            `json:"sources"`
	Publishers int            `json:"publishers"`
	Confidence float64        `json:"confidence"`
	Dates      []string       `json:"dates"`
	Documents  []string       `json:"documents"`
	Evidence   []evidenceJSON `json:"evidence,omitempty"`
}

func toMatchJSON(m queries.MatchResult, evidence bool) matchJSON {
	out := matchJSON{Subject: toEntityRef(m.Subject), Predicate: m.Predicate, Literal: m.Literal, Symmetric: m.Symmetric,
		Statements: m.Statements, Sources: m.Sources, Publishers: m.Publishers, Confidence: m.Confidence, Dates: m.Dates, Documents: m.Documents}
	if m.Object.IRI != "" {
		o := toEntityRef(m.Object)
		out.Object = &o
	}
	if evidence {
		out.Evidence = toEvidence(m.Evidence)
	}
	return out
}

// writeMatchTable writes matches as text; pubs adds a PUBLISHERS column.
func writeMatchTable(w io.Writer, pattern string, ms []queries.MatchResult, pubs bool) error {
	fmt.Fprintf(w, "%s: %d %s\n", pattern, len(ms), plural(len(ms), "match", "matches"))
	if len(ms) == 0 {
		return nil
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprint(tw, "SUBJECT\tRELATION\tOBJECT\tSTATEMENTS\tSOURCES\t")
	if pubs {
		fmt.Fprint(tw, "PUBLISHERS\t")
	}
	fmt.Fprintln(tw, "DATES")
	for _, m := range ms {
		o := m.Object.Name
		if m.Object.IRI == "" {
			o = strconv.Quote(m.Literal)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t", m.Subject.Name, arrow(m.Predicate, true, m.Symmetric), o, m.Statements, m.Sources)
		if pubs {
			fmt.Fprintf(tw, "%d\t", m.Publishers)
		}
		fmt.Fprintf(tw, "%s\n", dash(strings.Join(m.Dates, ", ")))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, m := range ms {
		if len(m.Evidence) == 0 {
			continue
		}
		o := m.Object.Name
		if m.Object.IRI == "" {
			o = strconv.Quote(m.Literal)
		}
		fmt.Fprintf(w, "\n%s %s %s\n", m.Subject.Name, arrow(m.Predicate, true, m.Symmetric), o)
		for _, s := range m.Evidence {
			fmt.Fprintf(w, "  %s: %q\n", evidenceLabel(s), s.Sentence)
		}
	}
	return nil
}

func timelineCommand(env *environment) *cli.Command {
	return &cli.Command{
		Name:      "timeline",
		Usage:     "list the dated events involving an entity, in order",
		ArgsUsage: "ENTITY",
		Description: `Lists every statement involving the entity (as subject or object) that
carries an event date, oldest first, with its document and sentence. A
month or a year comes before the days it contains. The filters of the
path command apply (--since and --until bound the dates).

Example:
   newsgraph timeline "Nicolás Maduro"
   newsgraph timeline --since 2026-01 --format json Petro`,
		Flags: append([]cli.Flag{
			&cli.IntFlag{Name: "limit", Usage: "most events listed, oldest first (0: all)", EnvVars: []string{envName("timeline", "limit")}},
			formatFlag("timeline", "table", "json"),
		}, filterFlags("timeline")...),
		Action: func(c *cli.Context) error {
			format, err := getFormat(c, "table", "json")
			if err != nil {
				return err
			}
			if c.NArg() != 1 {
				return usagef(c, "timeline needs one entity name (got %d arguments)", c.NArg())
			}
			if c.Int("limit") < 0 {
				return usagef(c, "--limit must not be negative")
			}
			filter, err := getFilter(c)
			if err != nil {
				return err
			}
			return withGraph(c, func(_ *graph.Store, g *queries.Graph) error {
				x, err := g.Resolve(c.Args().First())
				if err != nil {
					return err
				}
				evs, err := g.Timeline(c.Context, x, queries.TimelineOptions{Filter: filter, Limit: c.Int("limit"), Evidence: true})
				if err != nil {
					return err
				}
				if format == "json" {
					out := timelineJSON{Entity: toEntityJSON(x), Events: []eventJSON{}}
					for _, e := range evs {
						ej := eventJSON{When: e.When, Subject: toEntityRef(e.Subject), Predicate: e.Predicate, Literal: e.Literal,
							Direction: direction(e.Subject.IRI == x.IRI, e.Symmetric), Doc: e.Doc, DocDate: e.DocDate,
							Modality: string(e.Modality), Confidence: e.Confidence, Sentence: e.Sentence}
						if e.Object.IRI != "" {
							o := toEntityRef(e.Object)
							ej.Object = &o
						}
						out.Events = append(out.Events, ej)
					}
					return writeJSON(env.stdout, out)
				}
				return writeTimelineTable(env.stdout, x, evs)
			})
		},
	}
}

type timelineJSON struct {
	Entity entityJSON  `json:"entity"`
	Events []eventJSON `json:"events"`
}

type eventJSON struct {
	When       string     `json:"when"`
	Subject    entityRef  `json:"subject"`
	Predicate  string     `json:"predicate"`
	Object     *entityRef `json:"object,omitempty"`
	Literal    string     `json:"literal,omitempty"`
	Direction  string     `json:"direction"`
	Doc        string     `json:"doc"`
	DocDate    string     `json:"doc_date,omitempty"`
	Modality   string     `json:"modality"`
	Confidence float64    `json:"confidence"`
	Sentence   string     `json:"sentence"`
}

func writeTimelineTable(w io.Writer, x graph.Entity, evs []queries.Event) error {
	fmt.Fprintf(w, "%s: %d dated %s\n", x.Name, len(evs), plural(len(evs), "event", "events"))
	for _, e := range evs {
		o := e.Object.Name
		if e.Object.IRI == "" {
			o = strconv.Quote(e.Literal)
		}
		mod := ""
		if e.Modality != "" && e.Modality != schema.Asserted {
			mod = " (" + string(e.Modality) + ")"
		}
		fmt.Fprintf(w, "\n%-10s  %s %s %s%s\n", e.When, e.Subject.Name, arrow(e.Predicate, true, e.Symmetric), o, mod)
		label := e.Doc
		if e.DocDate != "" {
			label += ", " + e.DocDate
		}
		fmt.Fprintf(w, "            %s: %q\n", label, e.Sentence)
	}
	return nil
}

func entitiesCommand(env *environment) *cli.Command {
	return &cli.Command{
		Name:  "entities",
		Usage: "list the entities of the store",
		Description: `Lists every entity of the store, sorted by name, with the number of
statements naming it (as subject or object, titles included), the number of
documents those statements come from, and how many other entities it is
linked to. --type keeps one entity type: Person, Country,
Location, Organization or Other.

Example:
   newsgraph entities
   newsgraph entities --type Person --format json`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "type", Aliases: []string{"t"}, Usage: "only entities of this type", EnvVars: []string{envName("entities", "type")}},
			formatFlag("entities", "table", "json"),
		},
		Action: func(c *cli.Context) error {
			format, err := getFormat(c, "table", "json")
			if err != nil {
				return err
			}
			if c.NArg() != 0 {
				return usagef(c, "entities takes no arguments (got %q)", c.Args().First())
			}
			var typ schema.EntityType
			if t := c.String("type"); t != "" {
				for _, x := range schema.EntityTypes {
					if strings.EqualFold(string(x), t) {
						typ = x
					}
				}
				if typ == "" {
					return usagef(c, "unknown --type %q (want one of %s)", t, typeNames())
				}
			}
			return withGraph(c, func(_ *graph.Store, g *queries.Graph) error {
				rows := g.Entities(typ)
				if format == "json" {
					out := make([]entityCountJSON, 0, len(rows))
					for _, r := range rows {
						out = append(out, entityCountJSON{entityJSON: toEntityJSON(r.Entity), Statements: r.Statements, Sources: r.Documents, Degree: r.Degree})
					}
					return writeJSON(env.stdout, out)
				}
				tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "NAME\tTYPE\tSTATEMENTS\tSOURCES\tLINKED")
				for _, r := range rows {
					fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\n", r.Entity.Name, r.Entity.Type, r.Statements, r.Documents, r.Degree)
				}
				return tw.Flush()
			})
		},
	}
}

type entityCountJSON struct {
	entityJSON
	Statements int `json:"statements"`
	Sources    int `json:"sources"` // distinct documents of the statements
	Degree     int `json:"linked"`
}

func typeNames() string {
	var s []string
	for _, t := range schema.EntityTypes {
		s = append(s, string(t))
	}
	return strings.Join(s, ", ")
}

func statsCommand(env *environment) *cli.Command {
	return &cli.Command{
		Name:  "stats",
		Usage: "count the documents, entities, statements and quads of the store",
		Description: `Prints the size of the store: documents, entities, statements (by
predicate) and entities (by type), and the number of quads; and the size of
the query index built from it (entities, relations, statements, memory) with
the time it took to build (reading the store, then building).

Example:
   newsgraph stats
   newsgraph --db news.db stats --format json`,
		Flags: []cli.Flag{formatFlag("stats", "table", "json")},
		Action: func(c *cli.Context) error {
			format, err := getFormat(c, "table", "json")
			if err != nil {
				return err
			}
			if c.NArg() != 0 {
				return usagef(c, "stats takes no arguments (got %q)", c.Args().First())
			}
			s, err := openStore(c, false)
			if err != nil {
				return err
			}
			defer s.Close()
			st, err := s.Stats(c.Context)
			if err != nil {
				return fmt.Errorf("read store %s: %w", storeName(c), err)
			}
			g, err := loadGraph(c, s)
			if err != nil {
				return fmt.Errorf("read store %s: %w", storeName(c), err)
			}
			is := g.Stats()
			out := statsJSON{
				Backend: st.Backend, Store: st.Address, Documents: st.Documents, Entities: st.Entities,
				Statements: st.Statements, Quads: st.Quads, ByPredicate: st.ByPredicate, ByType: st.ByType,
				Index: indexJSON{Entities: is.Entities, Relations: is.Groups, Arcs: is.Arcs, Statements: is.Statements,
					Bytes: is.Bytes, ScanSeconds: is.ScanTime.Seconds(), BuildSeconds: is.BuildTime.Seconds()},
			}
			if out.ByPredicate == nil {
				out.ByPredicate = map[string]int64{}
			}
			if out.ByType == nil {
				out.ByType = map[string]int64{}
			}
			if format == "json" {
				return writeJSON(env.stdout, out)
			}
			tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintf(tw, "backend\t%s\nstore\t%s\ndocuments\t%d\nentities\t%d\nstatements\t%d\nquads\t%d\n",
				out.Backend, out.Store, out.Documents, out.Entities, out.Statements, out.Quads)
			fmt.Fprintf(tw, "index\t%d entities, %d relations, %d statements, %.2f MiB\nindex build\t%v (scan %v)\n",
				is.Entities, is.Groups, is.Statements, float64(is.Bytes)/(1<<20),
				(is.ScanTime + is.BuildTime).Round(time.Microsecond), is.ScanTime.Round(time.Microsecond))
			fmt.Fprintln(tw, "\nENTITY TYPE\tCOUNT")
			for _, k := range sortedKeys(out.ByType) {
				fmt.Fprintf(tw, "%s\t%d\n", k, out.ByType[k])
			}
			fmt.Fprintln(tw, "\nPREDICATE\tSTATEMENTS")
			for _, k := range sortedKeys(out.ByPredicate) {
				fmt.Fprintf(tw, "%s\t%d\n", k, out.ByPredicate[k])
			}
			return tw.Flush()
		},
	}
}

type statsJSON struct {
	Backend     string           `json:"backend"`
	Store       string           `json:"store"`
	Documents   int64            `json:"documents"`
	Entities    int64            `json:"entities"`
	Statements  int64            `json:"statements"`
	Quads       int64            `json:"quads"`
	ByPredicate map[string]int64 `json:"by_predicate"`
	ByType      map[string]int64 `json:"by_type"`
	Index       indexJSON        `json:"index"`
}

// indexJSON describes the query index built from the store.
type indexJSON struct {
	Entities     int     `json:"entities"`
	Relations    int     `json:"relations"` // distinct (subject, predicate, object) triples
	Arcs         int     `json:"arcs"`
	Statements   int     `json:"statements"`
	Bytes        int64   `json:"bytes"`
	ScanSeconds  float64 `json:"scan_seconds"`
	BuildSeconds float64 `json:"build_seconds"`
}

func sortedKeys(m map[string]int64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func queryCommand(env *environment) *cli.Command {
	return &cli.Command{
		Name:      "query",
		Usage:     "run a Gizmo or GraphQL query against the store",
		ArgsUsage: "SCRIPT | - | @FILE",
		Description: `Runs a query in Cayley's Gizmo (JavaScript-like, the default) or GraphQL
language and prints the results as a JSON array. The script is the argument,
or standard input for -, or the contents of FILE for @FILE. Node and
predicate IRIs live under http://newsgraph.org/kg/ (entity/…, rel/…).

Example:
   newsgraph query 'g.V("<http://newsgraph.org/kg/entity/gustavo_petro>").Out("<http://newsgraph.org/kg/rel/leader_of>").Unique().All()'
   newsgraph query --lang graphql '{ nodes(id: <http://newsgraph.org/kg/entity/gustavo_petro>) { id name: <http://schema.org/name> } }'
   newsgraph query @query.js

A query only reads: it cannot write to the store or reach the file system.
It stops with an error (exit 1) when it runs longer than --timeout or makes
the heap grow by more than 512 MiB; at most --limit results are printed (for
GraphQL, at most --limit nodes per top-level field).`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lang", Value: "gizmo", Usage: "query language: gizmo or graphql", EnvVars: []string{envName("query", "lang")}},
			&cli.IntFlag{Name: "limit", Value: 100, Usage: "most results returned (0: no limit)", EnvVars: []string{envName("query", "limit")}},
			&cli.DurationFlag{Name: "timeout", Value: graph.DefaultQueryTimeout, Usage: "stop the query after this long (0: no timeout)", EnvVars: []string{envName("query", "timeout")}},
		},
		Action: func(c *cli.Context) error {
			lang := strings.ToLower(c.String("lang"))
			if lang != "gizmo" && lang != "graphql" {
				return usagef(c, "unknown --lang %q (want gizmo or graphql)", c.String("lang"))
			}
			if c.NArg() != 1 {
				return usagef(c, "query needs one SCRIPT, - for standard input, or @FILE (got %d arguments)", c.NArg())
			}
			if c.Int("limit") < 0 {
				return usagef(c, "--limit must not be negative")
			}
			timeout := c.Duration("timeout")
			if timeout < 0 {
				return usagef(c, "--timeout must not be negative (0: no timeout)")
			}
			if timeout == 0 {
				timeout = -1 // graph: only the context's deadline
			}
			script, err := readScript(c.Args().First(), env.stdin)
			if err != nil {
				return err
			}
			s, err := openStore(c, false) // read-only
			if err != nil {
				return err
			}
			res, err := s.QueryWith(c.Context, lang, script, graph.QueryOptions{Limit: c.Int("limit"), Timeout: timeout})
			if errors.Is(err, graph.ErrQueryTimeout) || errors.Is(err, graph.ErrQueryMemory) {
				// A stopped script may still be finishing a native built-in
				// and hold the store until then: close without waiting for
				// it (exiting releases the lock in any case).
				go s.Close()
				if errors.Is(err, graph.ErrQueryTimeout) {
					return fmt.Errorf("%w (raise --timeout, or narrow the query)", err)
				}
				return err
			}
			defer s.Close()
			if err != nil {
				return err // graph's error names the language and the store
			}
			if res == nil {
				res = []any{}
			}
			return writeJSON(env.stdout, res)
		},
	}
}

// readScript returns the query text of arg: the argument itself, standard
// input for "-", or a file's contents for "@FILE".
func readScript(arg string, stdin io.Reader) (string, error) {
	switch {
	case arg == "-":
		b, err := io.ReadAll(stdin)
		if err != nil {
			return "", fmt.Errorf("read query from standard input: %w", err)
		}
		return string(b), nil
	case strings.HasPrefix(arg, "@"):
		b, err := os.ReadFile(arg[1:])
		if err != nil {
			return "", fmt.Errorf("read query file: %w", err)
		}
		return string(b), nil
	}
	return arg, nil
}

func exportCommand(env *environment) *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write the store, or part of it, as N-Quads, JSON-LD, GraphML, GML, DOT, CSV or JSON lines",
		Description: `Writes the store for other tools. Without filters every quad is written:
entities with their types, names and aliases, one quad per relation labelled
with its statement node, the statement nodes' evidence (source document,
sentence and its byte offsets, modality, event date, CAMEO code, confidence,
attribution) and the documents' provenance (ID, path, title, date, hash).
Writes to standard output, or to FILE with -o; an existing FILE is replaced
only when the export succeeds.

Formats (--format):
   nquads   RDF 1.1 N-Quads, one quad a line, streamed; IRIs absolute,
            literals typed (xsd:date, xsd:gYearMonth, xsd:gYear, xsd:float,
            xsd:integer) and escaped as N-Triples asks
   jsonld   the same quads as expanded JSON-LD: an array of node objects,
            each document's quads inside {"@id": DOC, "@graph": [...]}
   graphml  GraphML: a node per distinct subject or object, an edge per quad
            with its predicate and named graph (Gephi, yEd, networkx)
   dot      the same graph for Graphviz
   gml      GML (Graph Modelling Language): a node per entity or title, an
            edge per statement with its evidence (Gephi, igraph, networkx);
            strings are ASCII with &quot; &amp; and &#N; entities
   csv      nodes.csv and edges.csv in the directory given by -o (required):
            a row per entity or title, and a row per statement with its
            evidence; see --csv-shape
   jsonl    one JSON object a line: every node ({"kind":"node","id",
            "label","type","aliases"}), then every statement
            ({"kind":"edge","id","source","target","predicate","doc",
            "sentence","start","end","when","modality","confidence",...})

Filters keep part of the graph, complete: every kept relation comes with
its statement's evidence, its documents' provenance and its entities'
names, types and aliases. --entity X --depth N keeps the statements among
the entities within N relations of X (names resolve as in path);
--predicate and --doc (repeatable, or comma-separated) keep those
predicates and documents; --since and --until keep statements whose event
date falls in the window, as in path (undated statements are dropped).
--doc alone writes exactly those documents' graphs.

CSV: --csv-shape gephi (the default) writes the headers of Gephi's
spreadsheet import (nodes: Id, Label, type, aliases; edges: Source, Target,
Type = Directed or Undirected, Id = the statement, Label = the predicate,
then the evidence columns); --csv-shape neo4j writes those of neo4j-admin
(id:ID, name, :LABEL, aliases:string[]; :START_ID, :END_ID, :TYPE,
sentence_start:int, confidence:float, ...), for
   neo4j-admin database import full --nodes=DIR/nodes.csv \
      --relationships=DIR/edges.csv --multiline-fields=true
Cells are quoted as RFC 4180 asks (quotes doubled; cells with commas, quotes
or line breaks enclosed in quotes); a cell starting with =, +, -, @, a tab
or a carriage return gets a leading single quote so that spreadsheets do not
run it as a formula. Aliases are joined with ";".

Example:
   newsgraph export > graph.nq
   newsgraph export --format graphml -o graph.graphml
   newsgraph export --format csv -o gephi/
   newsgraph export --format csv --csv-shape neo4j --entity Petro --depth 2 -o neo4j/
   newsgraph export --predicate sanctioned --since 2026-01 --format jsonl`,
		Flags: []cli.Flag{
			formatFlag("export", graph.ExportFormats...),
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output (for csv: the DIRECTORY of nodes.csv and edges.csv)", TakesFile: true, EnvVars: []string{envName("export", "output")}},
			&cli.StringFlag{Name: "entity", Usage: "keep the subgraph around the entity `NAME`", EnvVars: []string{envName("export", "entity")}},
			&cli.IntFlag{Name: "depth", Value: 1, Usage: "with --entity: how many relations away from it to go", EnvVars: []string{envName("export", "depth")}},
			&cli.StringSliceFlag{Name: "predicate", Usage: "keep only statements of `PREDICATE` (repeatable)", EnvVars: []string{envName("export", "predicate")}},
			&cli.StringSliceFlag{Name: "doc", Usage: "keep only statements of the document `ID` (repeatable)", EnvVars: []string{envName("export", "doc")}},
			&cli.StringFlag{Name: "since", Usage: "keep only statements dated on or after `DATE` (YYYY, YYYY-MM or YYYY-MM-DD; undated statements are dropped)", EnvVars: []string{envName("export", "since")}},
			&cli.StringFlag{Name: "until", Usage: "keep only statements dated on or before `DATE` (undated statements are dropped)", EnvVars: []string{envName("export", "until")}},
			&cli.StringFlag{Name: "csv-shape", Value: graph.CSVGephi, Usage: "CSV headers for: " + strings.Join(graph.CSVShapes, " or "), EnvVars: []string{envName("export", "csv-shape")}},
		},
		Action: func(c *cli.Context) error {
			format, err := getFormat(c, graph.ExportFormats...)
			if err != nil {
				return err
			}
			if c.NArg() != 0 {
				return usagef(c, "export takes no arguments (got %q); use -o FILE to name the output", c.Args().First())
			}
			shape := strings.ToLower(c.String("csv-shape"))
			if !slices.Contains(graph.CSVShapes, shape) {
				return usagef(c, "unknown --csv-shape %q (want %s)", c.String("csv-shape"), strings.Join(graph.CSVShapes, " or "))
			}
			out := c.String("output")
			if out == "-" {
				out = ""
			}
			if format == "csv" && out == "" {
				return usagef(c, "--format csv writes two files, nodes.csv and edges.csv: name their directory with -o DIR")
			}
			filter := graph.ExportFilter{
				Depth: c.Int("depth"), Predicates: splitList(strings.Join(c.StringSlice("predicate"), ",")),
				Docs: splitList(strings.Join(c.StringSlice("doc"), ",")), Since: c.String("since"), Until: c.String("until"),
			}
			for i, p := range filter.Predicates {
				filter.Predicates[i] = strings.ToLower(p)
			}
			if c.IsSet("depth") && c.String("entity") == "" {
				return usagef(c, "--depth needs --entity")
			}
			if err := filter.Validate(); err != nil {
				return usagef(c, "%v", err)
			}
			// exportCheckDoc fails when the store holds no document id,
			// naming the stored documents whose IDs are closest to it.
			exportCheckDoc := func(c *cli.Context, s *graph.Store, id string) error {
				_, err := s.Document(c.Context, id)
				if !errors.Is(err, graph.ErrNotFound) {
					return err
				}
				docs, err := s.Documents(c.Context)
				if err != nil {
					return err
				}
				type cand struct {
					id   string
					dist int
				}
				var cands []cand
				want := strings.ToLower(id)
				for _, d := range docs {
					have := strings.ToLower(d.ID)
					dist := queries.EditDistance([]byte(want), []byte(have)) // in bytes
					if stem := strings.TrimSuffix(want, filepath.Ext(want)); strings.Contains(have, want) || stem != "" && strings.HasPrefix(have, stem) {
						dist = 0
					}
					if dist <= max(2, len(want)/3) {
						cands = append(cands, cand{d.ID, dist})
					}
				}
				sort.SliceStable(cands, func(i, j int) bool { return cands[i].dist < cands[j].dist })
				msg := fmt.Sprintf("no document %q in %s", id, storeName(c))
				for i, x := range cands[:min(len(cands), 3)] {
					if i == 0 {
						msg += "; did you mean "
					} else {
						msg += " or "
					}
					msg += strconv.Quote(x.id)
				}
				if len(cands) > 0 {
					msg += "?"
				}
				return fmt.Errorf("%s: %w", msg, graph.ErrNotFound)
			}
			write := func(s *graph.Store) error {
				for _, d := range filter.Docs {
					if err := exportCheckDoc(c, s, d); err != nil {
						return err
					}
				}
				switch {
				case format == "csv":
					if err := os.MkdirAll(out, 0o755); err != nil {
						return fmt.Errorf("create output directory: %w", err)
					}
					return writeFileAtomic(filepath.Join(out, "nodes.csv"), func(nodes io.Writer) error {
						return writeFileAtomic(filepath.Join(out, "edges.csv"), func(edges io.Writer) error {
							return s.ExportCSV(c.Context, nodes, edges, shape, filter)
						})
					})
				case out == "":
					return s.ExportFiltered(c.Context, env.stdout, format, filter)
				}
				return writeFileAtomic(out, func(w io.Writer) error { return s.ExportFiltered(c.Context, w, format, filter) })
			}
			if name := c.String("entity"); name != "" {
				return withGraph(c, func(s *graph.Store, g *queries.Graph) error {
					x, err := g.Resolve(name)
					if err != nil {
						return err
					}
					filter.EntityIRI = x.IRI
					return write(s)
				})
			}
			s, err := openStore(c, false)
			if err != nil {
				return err
			}
			defer s.Close()
			return write(s)
		},
	}
}

// writeFileAtomic writes path through fn via a temporary file in the same
// directory, renamed over path only when fn and the close succeed.
func writeFileAtomic(path string, fn func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	tmp := f.Name()
	err = fn(f)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("write %s: %w", path, cerr)
	}
	if err == nil {
		if rerr := os.Rename(tmp, path); rerr != nil {
			err = fmt.Errorf("write %s: %w", path, rerr)
		}
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

func evalCommand(env *environment) *cli.Command {
	return &cli.Command{
		Name:      "eval",
		Usage:     "extract articles and score the result against a gold set",
		ArgsUsage: "PATH...",
		Description: `Extracts every PATH (files, directories or -) like the extract command and
scores the records against the gold set NAME in DIR (DIR/entities.jsonl,
DIR/NAME.docs.jsonl, DIR/NAME.relations.jsonl), with the matching rules of
the reference scorer: a table of true positives, false positives, misses,
precision, recall and F1 per predicate, then precision, recall and F1 for
entities, events, states and all relations, and how often modality and
date were right. --verbose lists every false positive and every miss first,
each with its document and evidence sentence. --format score prints what
the reference scorer prints, byte for byte; --format json its --json form.
Only documents listed in the gold set are scored.

Example:
   newsgraph eval --gold testdata/gold --set seeds testdata/seeds
   newsgraph eval --gold testdata/gold --set seeds --verbose testdata/seeds`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "gold", Usage: "gold set `DIR`", TakesFile: true, EnvVars: []string{envName("eval", "gold")}},
			&cli.StringFlag{Name: "set", Usage: "gold set `NAME` (DIR/NAME.docs.jsonl)", EnvVars: []string{envName("eval", "set")}},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "list every miss and false positive first", EnvVars: []string{envName("eval", "verbose")}},
			formatFlag("eval", "text", "json", "score"),
		}, readFlags("eval")...),
		Action: func(c *cli.Context) error {
			format, err := getFormat(c, "text", "json", "score")
			if err != nil {
				return err
			}
			if c.String("gold") == "" || c.String("set") == "" {
				return usagef(c, "eval needs --gold DIR and --set NAME")
			}
			if c.NArg() == 0 {
				return usagef(c, "eval needs at least one PATH to extract")
			}
			gold, err := score.LoadGold(c.String("gold"), c.String("set"))
			if err != nil {
				return err
			}
			var recs []extract.Record
			n, err := extractInputs(c, env, func(st *extract.State) error {
				recs = append(recs, st.Doc.Records()...)
				return nil
			})
			if err != nil {
				return err
			}
			if n == 0 {
				return fmt.Errorf("nothing extracted: %w", errNothing)
			}
			res := score.Score(gold, recs)
			switch format {
			case "json":
				return writeJSON(env.stdout, res)
			case "score":
				return res.WriteText(env.stdout, c.Bool("verbose"))
			}
			return res.WriteReport(env.stdout, c.Bool("verbose"))
		},
	}
}
