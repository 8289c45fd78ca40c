package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
	"github.com/newsgraph/newsgraph/schema"
	"github.com/newsgraph/newsgraph/score"
)

// maxEvidenceShown bounds the evidence sentences a table prints per hop.
const maxEvidenceShown = 3

func pathCommand(env *environment) *cli.Command {
	return &cli.Command{
		Name:      "path",
		Usage:     "show the shortest chains of relations linking two entities",
		ArgsUsage: "FROM TO",
		Description: `Finds the shortest paths between two entities of the store. Names are
matched against canonical names and aliases, ignoring case and accents
("nicolas maduro" finds "Nicolás Maduro"). Each hop shows its predicate and
direction (A —met— B for a symmetric relation, A —leader_of→ B or
A ←captured— B), how many documents support it, and its evidence: document,
date and sentence. Paths are ranked by the support of their weakest hop,
then by the number of distinct sources, then by confidence.

Example:
   newsgraph path "Donald Trump" "Nicolás Maduro"
   newsgraph path --max-hops 3 --directed --format json Trump Venezuela`,
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "max-hops", Value: queries.DefaultMaxHops, Usage: "longest path considered", EnvVars: []string{envName("path", "max-hops")}},
			&cli.BoolFlag{Name: "directed", Usage: "follow relations only from subject to object", EnvVars: []string{envName("path", "directed")}},
			&cli.IntFlag{Name: "limit", Value: 5, Usage: "most paths shown", EnvVars: []string{envName("path", "limit")}},
			formatFlag("path", "table", "json"),
		},
		Action: func(c *cli.Context) error {
			format, err := getFormat(c, "table", "json")
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
			return withGraph(c, func(_ *graph.Store, g *queries.Graph) error {
				from, err := g.Resolve(c.Args().Get(0))
				if err != nil {
					return err
				}
				to, err := g.Resolve(c.Args().Get(1))
				if err != nil {
					return err
				}
				paths, err := g.ShortestPaths(from, to, queries.PathOptions{
					MaxHops: c.Int("max-hops"), Directed: c.Bool("directed"), Limit: c.Int("limit"),
				})
				if err != nil {
					return err
				}
				if format == "json" {
					return writeJSON(env.stdout, toPathOutput(from, to, paths))
				}
				return writePathTable(env.stdout, from, to, paths)
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

func writePathTable(w io.Writer, from, to graph.Entity, paths []queries.Path) error {
	hops := len(paths[0].Hops)
	fmt.Fprintf(w, "%s → %s: %d %s, %d %s\n", from.Name, to.Name, hops, plural(hops, "hop", "hops"),
		len(paths), plural(len(paths), "path", "paths"))
	for i, p := range paths {
		fmt.Fprintf(w, "\n%d. %s", i+1, from.Name)
		for _, h := range p.Hops {
			fmt.Fprintf(w, " %s %s", arrow(h.Predicate, h.Forward, h.Symmetric), h.To.Name)
		}
		fmt.Fprintf(w, "\n   %d %s, weakest hop %d, confidence %.2f\n", p.Sources, plural(p.Sources, "source", "sources"), p.MinSources, p.Confidence)
		for _, h := range p.Hops {
			fmt.Fprintf(w, "   %s %s %s  [%d %s]\n", h.From.Name, arrow(h.Predicate, h.Forward, h.Symmetric), h.To.Name,
				h.Sources, plural(h.Sources, "source", "sources"))
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

// evidenceLabel names a statement's document, its date and the event date.
func evidenceLabel(s graph.Statement) string {
	l := s.Doc
	if s.DocDate != "" {
		l += ", " + s.DocDate
	}
	if s.When != "" && s.When != s.DocDate {
		l += ", when " + s.When
	}
	if s.Modality != "" && s.Modality != schema.Asserted {
		l += ", " + string(s.Modality)
	}
	return l
}

type pathOutput struct {
	From  entityJSON `json:"from"`
	To    entityJSON `json:"to"`
	Hops  int        `json:"hops"`
	Paths []pathJSON `json:"paths"`
}

type pathJSON struct {
	Sources    int       `json:"sources"`
	MinSources int       `json:"min_sources"`
	Confidence float64   `json:"confidence"`
	Hops       []hopJSON `json:"hops"`
}

type hopJSON struct {
	From       entityRef      `json:"from"`
	To         entityRef      `json:"to"`
	Predicate  string         `json:"predicate"`
	Direction  string         `json:"direction"`
	Sources    int            `json:"sources"`
	Confidence float64        `json:"confidence"`
	Evidence   []evidenceJSON `json:"evidence"`
}

func toPathOutput(from, to graph.Entity, paths []queries.Path) pathOutput {
	out := pathOutput{From: toEntityJSON(from), To: toEntityJSON(to), Paths: []pathJSON{}}
	for _, p := range paths {
		out.Hops = len(p.Hops)
		pj := pathJSON{Sources: p.Sources, MinSources: p.MinSources, Confidence: p.Confidence, Hops: []hopJSON{}}
		for _, h := range p.Hops {
			pj.Hops = append(pj.Hops, hopJSON{
				From: toEntityRef(h.From), To: toEntityRef(h.To), Predicate: h.Predicate,
				Direction: direction(h.Forward, h.Symmetric), Sources: h.Sources, Confidence: h.Confidence,
				Evidence: toEvidence(h.Evidence),
			})
		}
		out.Paths = append(out.Paths, pj)
	}
	return out
}

func neighborsCommand(env *environment) *cli.Command {
	return &cli.Command{
		Name:      "neighbors",
		Usage:     "list the entities related to an entity, grouped by relation",
		ArgsUsage: "ENTITY",
		Description: `Shows what the store says about one entity: its aliases and titles, and
every entity linked to it, grouped by predicate and direction, with the
number of statements and documents and the dates of the events.

Example:
   newsgraph neighbors "Gustavo Petro"
   newsgraph neighbors --format json Petro`,
		Flags: []cli.Flag{formatFlag("neighbors", "table", "json")},
		Action: func(c *cli.Context) error {
			format, err := getFormat(c, "table", "json")
			if err != nil {
				return err
			}
			if c.NArg() != 1 {
				return usagef(c, "neighbors needs one entity name (got %d arguments)", c.NArg())
			}
			return withGraph(c, func(_ *graph.Store, g *queries.Graph) error {
				x, err := g.Resolve(c.Args().First())
				if err != nil {
					return err
				}
				nb, err := g.Neighbors(x)
				if err != nil {
					return err
				}
				if format == "json" {
					return writeJSON(env.stdout, toNeighborsJSON(nb))
				}
				return writeNeighborsTable(env.stdout, nb)
			})
		},
	}
}

type neighborsJSON struct {
	Entity entityJSON           `json:"entity"`
	Titles []string             `json:"titles"`
	Groups []neighborsGroupJSON `json:"groups"`
}

type neighborsGroupJSON struct {
	Predicate  string         `json:"predicate"`
	Direction  string         `json:"direction"`
	Statements int            `json:"statements"`
	Neighbors  []neighborJSON `json:"neighbors"`
}

type neighborJSON struct {
	Entity     entityRef `json:"entity"`
	Statements int       `json:"statements"`
	Sources    int       `json:"sources"`
	Dates      []string  `json:"dates"`
	Documents  []string  `json:"documents"`
}

func toNeighborsJSON(nb queries.Neighborhood) neighborsJSON {
	out := neighborsJSON{Entity: toEntityJSON(nb.Entity), Titles: nb.Titles, Groups: []neighborsGroupJSON{}}
	for _, grp := range nb.Groups {
		gj := neighborsGroupJSON{Predicate: grp.Predicate, Direction: direction(grp.Forward, grp.Symmetric), Statements: grp.Statements}
		for _, n := range grp.Neighbors {
			gj.Neighbors = append(gj.Neighbors, neighborJSON{
				Entity: toEntityRef(n.Entity), Statements: n.Statements, Sources: n.Sources,
				Dates: n.Dates, Documents: docsOf(n.Evidence),
			})
		}
		out.Groups = append(out.Groups, gj)
	}
	return out
}

// docsOf returns the distinct documents of statements, sorted.
func docsOf(ss []graph.Statement) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, s := range ss {
		if !seen[s.Doc] {
			seen[s.Doc] = true
			out = append(out, s.Doc)
		}
	}
	sort.Strings(out)
	return out
}

func writeNeighborsTable(w io.Writer, nb queries.Neighborhood) error {
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
	fmt.Fprintln(tw, "RELATION\tNEIGHBOR\tTYPE\tSTATEMENTS\tSOURCES\tDATES")
	for _, grp := range nb.Groups {
		for _, n := range grp.Neighbors {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\n", arrow(grp.Predicate, grp.Forward, grp.Symmetric),
				n.Entity.Name, n.Entity.Type, n.Statements, n.Sources, dash(strings.Join(n.Dates, ", ")))
		}
	}
	return tw.Flush()
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
predicate) and entities (by type), and the number of quads.

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
				return fmt.Errorf("read store %s: %w", c.String("db"), err)
			}
			out := statsJSON{
				Backend: st.Backend, Store: st.Address, Documents: st.Documents, Entities: st.Entities,
				Statements: st.Statements, Quads: st.Quads, ByPredicate: st.ByPredicate, ByType: st.ByType,
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
   newsgraph query @query.js`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lang", Value: "gizmo", Usage: "query language: gizmo or graphql", EnvVars: []string{envName("query", "lang")}},
			&cli.IntFlag{Name: "limit", Value: 100, Usage: "most results returned (0: no limit)", EnvVars: []string{envName("query", "limit")}},
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
			script, err := readScript(c.Args().First(), env.stdin)
			if err != nil {
				return err
			}
			s, err := openStore(c, false)
			if err != nil {
				return err
			}
			defer s.Close()
			res, err := s.Query(c.Context, lang, script, c.Int("limit"))
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
		Usage: "write every quad of the store as N-Quads, JSON-LD, GraphML or DOT",
		Description: `Writes the whole store: entities with their types and names, one quad
per relation labelled with its statement node, and the statement nodes'
evidence (source document, sentence, modality, date, CAMEO code,
confidence). N-Quads output is valid RDF with absolute IRIs. Writes to
standard output, or to FILE with -o (replaced only when the export succeeds).

Example:
   newsgraph export > graph.nq
   newsgraph export --format graphml -o graph.graphml`,
		Flags: []cli.Flag{
			formatFlag("export", graph.ExportFormats...),
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output", TakesFile: true, EnvVars: []string{envName("export", "output")}},
		},
		Action: func(c *cli.Context) error {
			format, err := getFormat(c, graph.ExportFormats...)
			if err != nil {
				return err
			}
			if c.NArg() != 0 {
				return usagef(c, "export takes no arguments (got %q); use -o FILE to name the output", c.Args().First())
			}
			s, err := openStore(c, false)
			if err != nil {
				return err
			}
			defer s.Close()
			out := c.String("output")
			if out == "" || out == "-" {
				return s.Export(c.Context, env.stdout, format)
			}
			return writeFileAtomic(out, func(w io.Writer) error { return s.Export(c.Context, w, format) })
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
the reference scorer: per-predicate counts, then precision, recall and F1
for entities, events, states and all relations. Only documents listed in
the gold set are scored.

Example:
   newsgraph eval --gold testdata/gold --set seeds testdata/seeds
   newsgraph eval --gold testdata/gold --set seeds --verbose testdata/seeds`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "gold", Usage: "gold set `DIR`", TakesFile: true, EnvVars: []string{envName("eval", "gold")}},
			&cli.StringFlag{Name: "set", Usage: "gold set `NAME` (DIR/NAME.docs.jsonl)", EnvVars: []string{envName("eval", "set")}},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "list every miss and false positive first", EnvVars: []string{envName("eval", "verbose")}},
			formatFlag("eval", "text", "json"),
		},
		Action: func(c *cli.Context) error {
			format, err := getFormat(c, "text", "json")
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
			if format == "json" {
				return writeJSON(env.stdout, res)
			}
			return res.WriteText(env.stdout, c.Bool("verbose"))
		},
	}
}
