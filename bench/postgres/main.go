// Command postgres compares path queries on a bolt store and a PostgreSQL
// store holding the same articles (bench/postgres/run.sh ingests them and
// runs it). For each store it measures, over the same random connected
// entity pairs:
//
//   - the cold open and index build (queries.Load: the relations read from
//     the store, the in-memory adjacency index built);
//   - shortest paths warm from the index (no evidence) p50/p90;
//   - shortest paths with the evidence of the top 3 paths read from the
//     store, as `newsgraph path` prints them, p50/p90;
//   - with -bin, the whole `newsgraph path A B` command (a new process:
//     open, index build from the store, query, evidence) p50/p90.
//
// It prints one table with the two stores side by side.
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"sort"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
)

type config struct {
	bolt, pg string
	bin      string
	pairs    int
	cliPairs int
	maxHops  int
	seed     int64
}

func main() {
	var c config
	flag.StringVar(&c.bolt, "bolt", "", "the bolt store")
	flag.StringVar(&c.pg, "pg", "", "the PostgreSQL database URL holding the same articles")
	flag.StringVar(&c.bin, "bin", "", "the newsgraph binary, to time whole `newsgraph path` commands too")
	flag.IntVar(&c.pairs, "pairs", 200, "entity pairs timed from the index")
	flag.IntVar(&c.cliPairs, "cli-pairs", 20, "entity pairs timed as whole commands (with -bin)")
	flag.IntVar(&c.maxHops, "max-hops", 4, "longest path (newsgraph path's default)")
	flag.Int64Var(&c.seed, "seed", 1, "seed of the pair choice")
	flag.Parse()
	if c.bolt == "" || c.pg == "" {
		fmt.Fprintln(os.Stderr, "usage: postgres -bolt DIR -pg URL [-bin NEWSGRAPH] [-pairs N]")
		os.Exit(2)
	}
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "bench/postgres:", err)
		os.Exit(1)
	}
}

type store struct {
	name    string
	cfg     graph.Config
	st      *graph.Store
	g       *queries.Graph
	load    time.Duration
	quads   int64
	idx     []time.Duration
	evid    []time.Duration
	cli     []time.Duration
	cliArgs []string
}

func run(c config) error {
	ctx := context.Background()
	stores := []*store{
		{name: "bolt", cfg: graph.Config{Backend: graph.BackendBolt, Address: c.bolt, ReadOnly: true},
			cliArgs: []string{"--db", c.bolt}},
		{name: "postgres", cfg: graph.Config{Backend: graph.BackendPostgres, Address: c.pg, ReadOnly: true},
			cliArgs: []string{"--backend", "postgres", "--db", c.pg}},
	}
	for _, s := range stores {
		var err error
		t0 := time.Now()
		if s.st, err = graph.Open(ctx, s.cfg); err != nil {
			return err
		}
		defer s.st.Close()
		if s.g, err = queries.Load(ctx, s.st); err != nil {
			return err
		}
		s.load = time.Since(t0)
		st, err := s.st.Stats(ctx)
		if err != nil {
			return err
		}
		s.quads = st.Quads
	}
	if stores[0].quads != stores[1].quads {
		return fmt.Errorf("the stores differ: bolt holds %d quads, PostgreSQL %d", stores[0].quads, stores[1].quads)
	}

	// The same random connected pairs for both, chosen on bolt's index.
	g := stores[0].g
	rng := rand.New(rand.NewSource(c.seed))
	var linked []graph.Entity
	for _, e := range g.Entities("") {
		if e.Degree > 0 {
			linked = append(linked, e.Entity)
		}
	}
	if len(linked) < 2 {
		return fmt.Errorf("the store has %d linked entities", len(linked))
	}
	type pair struct{ a, b graph.Entity }
	var pairs []pair
	for tries := 0; len(pairs) < c.pairs && tries < 50*c.pairs; tries++ {
		a, b := linked[rng.Intn(len(linked))], linked[rng.Intn(len(linked))]
		if a.IRI == b.IRI {
			continue
		}
		if _, err := g.Paths(ctx, a, b, queries.PathOptions{MaxHops: c.maxHops, SkipEvidence: true, Limit: 1}); err != nil {
			continue
		}
		pairs = append(pairs, pair{a, b})
	}
	idxOpts := queries.PathOptions{MaxHops: c.maxHops, SkipEvidence: true}
	evOpts := queries.PathOptions{MaxHops: c.maxHops, Limit: 3}
	for _, s := range stores {
		for _, p := range pairs { // warm up
			if _, err := s.g.Paths(ctx, p.a, p.b, idxOpts); err != nil {
				return fmt.Errorf("%s: path %s → %s: %w", s.name, p.a.Name, p.b.Name, err)
			}
		}
		for _, p := range pairs {
			t0 := time.Now()
			if _, err := s.g.Paths(ctx, p.a, p.b, idxOpts); err != nil {
				return err
			}
			s.idx = append(s.idx, time.Since(t0))
			t0 = time.Now()
			if _, err := s.g.Paths(ctx, p.a, p.b, evOpts); err != nil {
				return err
			}
			s.evid = append(s.evid, time.Since(t0))
		}
		if c.bin != "" {
			for i, p := range pairs {
				if i >= c.cliPairs {
					break
				}
				args := append(append([]string{}, s.cliArgs...), "path", "--max-hops", fmt.Sprint(c.maxHops), p.a.Name, p.b.Name)
				cmd := exec.Command(c.bin, args...)
				t0 := time.Now()
				out, err := cmd.CombinedOutput()
				if err != nil {
					return fmt.Errorf("%s: newsgraph %v: %v\n%s", s.name, args, err, out)
				}
				s.cli = append(s.cli, time.Since(t0))
			}
		}
	}

	fmt.Printf("path queries: %d random connected pairs (seed %d), the same on both stores of %d quads\n\n", len(pairs), c.seed, stores[0].quads)
	fmt.Printf("| %-52s | %12s | %12s |\n", "figure", "bolt", "PostgreSQL")
	fmt.Printf("| %-52s | %12s | %12s |\n", "---", "---", "---")
	row := func(what string, f func(*store) string) {
		fmt.Printf("| %-52s | %12s | %12s |\n", what, f(stores[0]), f(stores[1]))
	}
	row("cold open + index build", func(s *store) string { return ms(s.load) })
	row("shortest paths from the index, p50", func(s *store) string { return us(pct(s.idx, 50)) })
	row("shortest paths from the index, p90", func(s *store) string { return us(pct(s.idx, 90)) })
	row("with evidence of the top 3 paths (store reads), p50", func(s *store) string { return ms(pct(s.evid, 50)) })
	row("with evidence of the top 3 paths (store reads), p90", func(s *store) string { return ms(pct(s.evid, 90)) })
	if c.bin != "" {
		n := min(c.cliPairs, len(pairs))
		row(fmt.Sprintf("`newsgraph path A B` command (%d pairs), p50", n), func(s *store) string { return ms(pct(s.cli, 50)) })
		row(fmt.Sprintf("`newsgraph path A B` command (%d pairs), p90", n), func(s *store) string { return ms(pct(s.cli, 90)) })
	}
	return nil
}

func pct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := (len(s)*p+99)/100 - 1
	return s[max(i, 0)]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/1e6) }
func us(d time.Duration) string { return fmt.Sprintf("%.0f µs", float64(d)/1e3) }
