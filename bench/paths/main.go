// Command paths measures newsgraph's path queries on a generated store: it
// generates a news graph of about -quads quads (entities with Zipf-skewed
// degrees, ~30 predicates, statements with evidence, in newsgraph's quad
// layout), bulk-loads it into a bolt store in a temporary directory, then
// times a cold open plus index build, the index's memory, shortest paths,
// k shortest paths and neighbors over random connected pairs, and the same
// pairs through a breadth-first search over Cayley's path API, printing
// each figure next to its target.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"time"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
	"github.com/newsgraph/newsgraph/schema"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// config is what a run measures.
type config struct {
	quads, entities, preds int
	pairs, cayleyPairs     int
	kPairs                 int
	maxHops                int
	seed                   int64
	dir                    string
	keep                   bool
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("paths", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	fs.IntVar(&c.quads, "quads", 1_000_000, "approximate number of quads to generate")
	fs.IntVar(&c.entities, "entities", 50_000, "number of entities")
	fs.IntVar(&c.preds, "preds", 30, "number of predicates used")
	fs.IntVar(&c.pairs, "pairs", 1000, "random connected pairs for shortest paths")
	fs.IntVar(&c.kPairs, "kpairs", 200, "pairs (of those) for k=5 paths")
	fs.IntVar(&c.cayleyPairs, "cayley-pairs", 100, "pairs (of those) also searched through Cayley's path API")
	fs.IntVar(&c.maxHops, "max-hops", 6, "hop limit of every search")
	fs.Int64Var(&c.seed, "seed", 1, "random seed")
	fs.StringVar(&c.dir, "dir", "", "store directory: reused when it exists, else generated (default: a new temporary directory, removed afterwards)")
	fs.BoolVar(&c.keep, "keep", false, "keep the store directory")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := bench(context.Background(), c, stdout); err != nil {
		fmt.Fprintln(stderr, "paths:", err)
		return 1
	}
	return 0
}

// result holds the figures of one run.
type result struct {
	docs, statements, entities int
	quads                      int64
	loadTime                   time.Duration
	openTime, indexTime        time.Duration
	heapBytes, indexBytes      int64
	sp, spEvidence, k5, nbrs   []time.Duration
	cayley, indexSame          []time.Duration
	agree, compared            int
}

func bench(ctx context.Context, c config, w io.Writer) error {
	dir := c.dir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "newsgraph-paths-")
		if err != nil {
			return err
		}
		dir = tmp + "/store"
		if !c.keep {
			defer os.RemoveAll(tmp)
		}
	}
	r, err := measure(ctx, c, dir, w)
	if err != nil {
		return err
	}
	report(w, c, r)
	return nil
}

// generate builds the documents of a synthetic news graph.
func generate(c config) (docs []*extract.Document, statements int) {
	rng := rand.New(rand.NewSource(c.seed))
	entZipf := rand.NewZipf(rng, 1.2, 8, uint64(c.entities-1))
	var preds []schema.Predicate
	for _, p := range schema.Predicates() {
		if !p.LiteralObject && len(preds) < c.preds {
			preds = append(preds, p)
		}
	}
	predZipf := rand.NewZipf(rng, 1.1, 2, uint64(len(preds)-1))
	types := []schema.EntityType{schema.Person, schema.Person, schema.Organization, schema.Country, schema.Location, schema.Other}
	// Entity ranks are shuffled so that hubs are spread over names.
	perm := rng.Perm(c.entities)
	name := func(i int) string { return fmt.Sprintf("Entity %06d", perm[i]) }
	typ := func(i int) schema.EntityType { return types[perm[i]%len(types)] }
	modalities := []schema.Modality{schema.Asserted, schema.Asserted, schema.Asserted, schema.Asserted, schema.Planned, schema.Negated, schema.Hypothetical}
	quads, cycle := 0, 0
	for d := 0; quads < c.quads; d++ {
		doc := &extract.Document{
			ID: fmt.Sprintf("doc%06d.txt", d), Path: fmt.Sprintf("news/doc%06d.txt", d),
			Title: fmt.Sprintf("Report %d", d), Date: fmt.Sprintf("2026-%02d-%02d", 1+rng.Intn(12), 1+rng.Intn(28)),
			Hash: fmt.Sprintf("%064x", d),
		}
		quads += 6
		seen := map[int]bool{}
		mention := func(i int) {
			if seen[i] {
				return
			}
			seen[i] = true
			e := extract.Entity{Name: name(i), Type: typ(i), Mentions: 1}
			quads += 3
			if perm[i]%5 == 0 {
				e.Aliases = []string{fmt.Sprintf("E%d", perm[i])}
				quads++
			}
			doc.Entities = append(doc.Entities, e)
		}
		n := 8 + rng.Intn(8)
		offset := 0
		for k := 0; k < n; k++ {
			// Ends are Zipf-distributed (hubs) or taken in turn from a
			// shuffled cycle over every entity (so that all appear).
			pick := func(zipfShare int) int {
				if rng.Intn(10) < zipfShare {
					return int(entZipf.Uint64())
				}
				cycle++
				return cycle % c.entities
			}
			s, o := pick(5), pick(3)
			if s == o {
				continue
			}
			p := preds[predZipf.Uint64()]
			mention(s)
			mention(o)
			sentence := fmt.Sprintf("%s %s %s, officials said on the record.", name(s), p.Name, name(o))
			rel := extract.Relation{
				Subject: name(s), SubjectType: typ(s), Predicate: p.Name, Object: name(o), ObjectType: typ(o),
				Modality: modalities[rng.Intn(len(modalities))], CAMEO: p.CAMEO,
				Confidence: float64(5+rng.Intn(5)) / 10, Sentence: sentence, Start: offset, End: offset + len(sentence),
			}
			offset += len(sentence) + 1
			switch rng.Intn(5) {
			case 0, 1:
				rel.When = fmt.Sprintf("2026-%02d-%02d", 1+rng.Intn(12), 1+rng.Intn(28))
			case 2:
				rel.When = fmt.Sprintf("2026-%02d", 1+rng.Intn(12))
			}
			quads += 12
			if rel.When != "" {
				quads++
			}
			doc.Relations = append(doc.Relations, rel)
			statements++
		}
		docs = append(docs, doc)
	}
	return docs, statements
}

// load generates the documents and bulk-loads them into a new bolt store.
func load(ctx context.Context, c config, dir string, w io.Writer, r *result) error {
	docs, stmts := generate(c)
	r.docs, r.statements = len(docs), stmts
	fmt.Fprintf(w, "generated %d documents, %d statements\n", len(docs), stmts)
	t0 := time.Now()
	st, err := graph.Open(ctx, graph.Config{Address: dir})
	if err != nil {
		return err
	}
	n, err := st.BulkLoad(ctx, docs, 0)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	r.loadTime = time.Since(t0)
	fmt.Fprintf(w, "loaded %d quads into bolt at %s in %v (%.0f quads/s)\n", n, dir, r.loadTime.Round(time.Millisecond), float64(n)/r.loadTime.Seconds())
	return nil
}

func measure(ctx context.Context, c config, dir string, w io.Writer) (*result, error) {
	r := &result{}
	if _, err := os.Stat(dir); err == nil && c.dir != "" {
		fmt.Fprintf(w, "using the existing store at %s\n", dir)
	} else if err := load(ctx, c, dir, w, r); err != nil {
		return nil, err
	}

	// Cold open plus index build.
	runtime.GC()
	debug.FreeOSMemory()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	t0 := time.Now()
	st, err := graph.Open(ctx, graph.Config{Address: dir, ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer st.Close()
	r.openTime = time.Since(t0)
	g, err := queries.Load(ctx, st)
	if err != nil {
		return nil, err
	}
	r.indexTime = time.Since(t0)
	runtime.GC()
	runtime.ReadMemStats(&after)
	r.heapBytes = int64(after.HeapAlloc) - int64(before.HeapAlloc)
	runtime.KeepAlive(g)
	is := g.Stats()
	r.indexBytes = is.Bytes
	r.entities = is.Entities
	gen, _ := g.Generation()
	r.quads = gen.Quads
	fmt.Fprintf(w, "index: %d entities, %d groups, %d arcs, %d statements; scan %v, build %v\n",
		is.Entities, is.Groups, is.Arcs, is.Statements, is.ScanTime.Round(time.Millisecond), is.BuildTime.Round(time.Millisecond))

	// Random connected pairs among entities with relations.
	rng := rand.New(rand.NewSource(c.seed + 1))
	var linked []graph.Entity
	for _, e := range g.Entities("") {
		if e.Degree > 0 {
			linked = append(linked, e.Entity)
		}
	}
	type pair struct {
		a, b graph.Entity
		hops int
	}
	var pairs []pair
	for tries := 0; len(pairs) < c.pairs && tries < 50*c.pairs; tries++ {
		a, b := linked[rng.Intn(len(linked))], linked[rng.Intn(len(linked))]
		if a.IRI == b.IRI {
			continue
		}
		ps, err := g.Paths(ctx, a, b, queries.PathOptions{MaxHops: c.maxHops, SkipEvidence: true, Limit: 1})
		if err != nil {
			continue
		}
		pairs = append(pairs, pair{a, b, len(ps[0].Hops)})
	}
	fmt.Fprintf(w, "%d connected pairs (of %d linked entities)\n", len(pairs), len(linked))
	spOpts := queries.PathOptions{MaxHops: c.maxHops, SkipEvidence: true}
	timeIt := func(fn func() error) (time.Duration, error) {
		t := time.Now()
		err := fn()
		return time.Since(t), err
	}
	for _, p := range pairs { // warm
		if _, err := g.Paths(ctx, p.a, p.b, spOpts); err != nil {
			return nil, err
		}
	}
	for _, p := range pairs {
		d, err := timeIt(func() error { _, err := g.Paths(ctx, p.a, p.b, spOpts); return err })
		if err != nil {
			return nil, err
		}
		r.sp = append(r.sp, d)
	}
	for _, p := range pairs[:min(100, len(pairs))] {
		d, err := timeIt(func() error {
			_, err := g.Paths(ctx, p.a, p.b, queries.PathOptions{MaxHops: c.maxHops, Limit: 3})
			return err
		})
		if err != nil {
			return nil, err
		}
		r.spEvidence = append(r.spEvidence, d)
	}
	for _, p := range pairs[:min(c.kPairs, len(pairs))] {
		d, err := timeIt(func() error {
			_, err := g.Paths(ctx, p.a, p.b, queries.PathOptions{MaxHops: c.maxHops, K: 5, SkipEvidence: true})
			return err
		})
		if err != nil {
			return nil, err
		}
		r.k5 = append(r.k5, d)
	}
	for i := 0; i < c.pairs; i++ {
		x := linked[rng.Intn(len(linked))]
		d, err := timeIt(func() error { _, err := g.NeighborsOf(ctx, x, queries.NeighborOptions{Depth: 1}); return err })
		if err != nil {
			return nil, err
		}
		r.nbrs = append(r.nbrs, d)
	}
	for i, p := range pairs[:min(c.cayleyPairs, len(pairs))] {
		var hops int
		d, err := timeIt(func() error {
			var err error
			hops, err = st.PathAPIDistance(ctx, p.a.IRI, p.b.IRI, c.maxHops)
			return err
		})
		if err != nil {
			return nil, err
		}
		r.cayley = append(r.cayley, d)
		r.indexSame = append(r.indexSame, r.sp[i])
		r.compared++
		if hops == p.hops {
			r.agree++
		}
	}
	return r, nil
}

func pct(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(p * float64(len(s)-1))
	return s[i]
}

func sum(ds []time.Duration) time.Duration {
	var t time.Duration
	for _, d := range ds {
		t += d
	}
	return t
}

func report(w io.Writer, c config, r *result) {
	fmt.Fprintf(w, "\nstore: %d quads, %d documents, %d statements, %d entities\n", r.quads, r.docs, r.statements, r.entities)
	fmt.Fprintf(w, "bulk load: %v\n\n", r.loadTime.Round(time.Millisecond))
	check := func(ok bool) string {
		if ok {
			return "ok"
		}
		return "MISSED"
	}
	us := func(d time.Duration) string { return fmt.Sprintf("%.1f µs", float64(d.Nanoseconds())/1000) }
	fmt.Fprintf(w, "%-44s %-14s %-12s %s\n", "FIGURE", "VALUE", "TARGET", "")
	row := func(name, val, target string, ok bool) {
		fmt.Fprintf(w, "%-44s %-14s %-12s %s\n", name, val, target, check(ok))
	}
	row("cold open + index build", r.indexTime.Round(time.Millisecond).String(), "≤ 2s", r.indexTime <= 2*time.Second)
	fmt.Fprintf(w, "%-44s %-14s\n", "  of which open", r.openTime.Round(time.Microsecond).String())
	row("index memory (heap growth)", fmt.Sprintf("%.1f MiB", float64(r.heapBytes)/(1<<20)), "≤ 300 MiB", r.heapBytes <= 300<<20)
	fmt.Fprintf(w, "%-44s %-14s\n", "  index's own size accounting", fmt.Sprintf("%.1f MiB", float64(r.indexBytes)/(1<<20)))
	row(fmt.Sprintf("shortest paths p50 (%d pairs, warm)", len(r.sp)), us(pct(r.sp, 0.5)), "≤ 1 ms", pct(r.sp, 0.5) <= time.Millisecond)
	row("shortest paths p99", us(pct(r.sp, 0.99)), "≤ 10 ms", pct(r.sp, 0.99) <= 10*time.Millisecond)
	fmt.Fprintf(w, "%-44s %-14s\n", "  max", us(pct(r.sp, 1)))
	fmt.Fprintf(w, "%-44s %-14s\n", fmt.Sprintf("  with evidence, top 3 (%d pairs) p50", len(r.spEvidence)), us(pct(r.spEvidence, 0.5)))
	row(fmt.Sprintf("k=5 shortest paths p50 (%d pairs)", len(r.k5)), us(pct(r.k5, 0.5)), "≤ 20 ms", pct(r.k5, 0.5) <= 20*time.Millisecond)
	fmt.Fprintf(w, "%-44s %-14s\n", "  k=5 p99", us(pct(r.k5, 0.99)))
	row(fmt.Sprintf("neighbors p50 (%d entities)", len(r.nbrs)), us(pct(r.nbrs, 0.5)), "≤ 1 ms", pct(r.nbrs, 0.5) <= time.Millisecond)
	fmt.Fprintf(w, "%-44s %-14s\n", "  neighbors p99", us(pct(r.nbrs, 0.99)))
	fmt.Fprintf(w, "%-44s %-14s\n", fmt.Sprintf("Cayley path-API BFS p50 (%d pairs)", len(r.cayley)), us(pct(r.cayley, 0.5)))
	fmt.Fprintf(w, "%-44s %-14s\n", "Cayley path-API BFS p99", us(pct(r.cayley, 0.99)))
	ratioP50 := float64(pct(r.cayley, 0.5)) / float64(max(pct(r.indexSame, 0.5), 1))
	ratioTotal := float64(sum(r.cayley)) / float64(max(sum(r.indexSame), 1))
	row("speed-up, same pairs (p50 / p50)", fmt.Sprintf("%.0f×", ratioP50), "≥ 30×", ratioP50 >= 30)
	fmt.Fprintf(w, "%-44s %-14s\n", "  speed-up (total time / total time)", fmt.Sprintf("%.0f×", ratioTotal))
	row("distances agree with the path-API BFS", fmt.Sprintf("%d/%d", r.agree, r.compared), "all", r.agree == r.compared)
}
