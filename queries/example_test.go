package queries_test

import (
	"context"
	"fmt"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
	"github.com/newsgraph/newsgraph/schema"
)

func exampleGraph() *queries.Graph {
	e := func(name string, t schema.EntityType) graph.Entity {
		return graph.Entity{IRI: schema.EntityIRI(name), Name: name, Type: t}
	}
	trump, us, maduro, rubio := e("Donald Trump", schema.Person), e("United States", schema.Country), e("Nicolás Maduro", schema.Person), e("Marco Rubio", schema.Person)
	st := func(doc string, s graph.Entity, p string, o graph.Entity, when, sentence string) graph.Statement {
		return graph.Statement{IRI: schema.StatementIRI(doc + sentence), Subject: s, Predicate: p, Object: o, Doc: doc,
			Modality: schema.Asserted, When: when, Confidence: 0.9, Sentence: sentence}
	}
	return queries.New(nil, []graph.Statement{
		st("a.txt", trump, schema.LeaderOf, us, "", "President Trump of the United States."),
		st("b.txt", us, schema.Captured, maduro, "2026-01-03", "U.S. forces captured Maduro."),
		st("b.txt", rubio, schema.OfficialOf, us, "", "Secretary of State Marco Rubio."),
		st("c.txt", rubio, schema.Criticized, maduro, "2025-11", "Rubio criticized Maduro."),
	})
}

func ExampleGraph_Paths() {
	g := exampleGraph()
	from, _ := g.Resolve("rubio")
	to, _ := g.Resolve("nicolas maduro")
	paths, err := g.Paths(context.Background(), from, to, queries.PathOptions{K: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range paths {
		fmt.Print(p.Hops[0].From.Name)
		for _, h := range p.Hops {
			fmt.Printf(" -%s(%d)- %s", h.Predicate, h.Sources, h.To.Name)
		}
		fmt.Printf("  [%q]\n", p.Hops[0].Evidence[0].Sentence)
	}
	// Output:
	// Marco Rubio -criticized(1)- Nicolás Maduro  ["Rubio criticized Maduro."]
	// Marco Rubio -official_of(1)- United States -captured(1)- Nicolás Maduro  ["Secretary of State Marco Rubio."]
}

func ExampleGraph_Match() {
	g := exampleGraph()
	ms, _ := g.Match(context.Background(), "? ? Nicolás Maduro", queries.MatchOptions{Filter: queries.Filter{Since: "2026"}})
	for _, m := range ms {
		fmt.Println(m.Subject.Name, m.Predicate, m.Object.Name, m.Dates)
	}
	// Output:
	// United States captured Nicolás Maduro [2026-01-03]
}
