package graph

import (
	"strings"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/schema"
)

// Hand-built documents for the tests; they do not depend on the extractor.

const textA = "Trump will meet Petro in February. Petro is the president of Colombia. Rubio, the Secretary of State, spoke. Petro spoke with Trump by phone."

// sentence returns the byte span of the sentence of text that contains sub.
func span(text, sub string) (string, int, int) {
	i := strings.Index(text, sub)
	if i < 0 {
		panic("fixture: " + sub + " not in text")
	}
	return sub, i, i + len(sub)
}

func rel(text, sentence, subj string, st schema.EntityType, pred, obj string, ot schema.EntityType) extract.Relation {
	s, start, end := span(text, sentence)
	p, _ := schema.LookupPredicate(pred)
	return extract.Relation{
		Subject: subj, SubjectType: st, Predicate: pred, Object: obj, ObjectType: ot,
		Modality: schema.Asserted, CAMEO: p.CAMEO, Confidence: 0.8,
		Sentence: s, Start: start, End: end,
	}
}

// docA mentions Trump, Petro, Colombia and Rubio.
func docA() *extract.Document {
	met := rel(textA, "Trump will meet Petro in February.", "Donald Trump", schema.Person, schema.Met, "Gustavo Petro", schema.Person)
	met.Modality, met.When, met.CAMEO, met.Confidence = schema.Planned, "2026-02", "036", 0.9
	met.Attribution = "Donald Trump"
	return &extract.Document{
		ID: "a.txt", Path: "testdata/a.txt", Title: "Trump and Petro", Date: "2026-01-03",
		Hash: "hash-a-1", Text: textA,
		Entities: []extract.Entity{
			{Name: "Donald Trump", Type: schema.Person, Aliases: []string{"Trump"}, Mentions: 2},
			{Name: "Gustavo Petro", Type: schema.Person, Aliases: []string{"Petro"}, Mentions: 3},
			{Name: "Colombia", Type: schema.Country, Mentions: 1},
			{Name: "Marco Rubio", Type: schema.Person, Aliases: []string{"Rubio"}, Mentions: 1},
		},
		Relations: []extract.Relation{
			met,
			rel(textA, "Petro is the president of Colombia.", "Gustavo Petro", schema.Person, schema.LeaderOf, "Colombia", schema.Country),
			rel(textA, "Rubio, the Secretary of State, spoke.", "Marco Rubio", schema.Person, schema.Title, "Secretary of State", ""),
			// Symmetric, written object-first: stored as Donald Trump → Gustavo Petro.
			rel(textA, "Petro spoke with Trump by phone.", "Gustavo Petro", schema.Person, schema.SpokeWith, "Donald Trump", schema.Person),
		},
	}
}

const textA2 = "Trump met Petro on January 3. Petro criticized Trump."

// docA2 is a changed version of docA: Rubio and Colombia are gone, Trump
// and Petro stay, the meeting happened, and Petro criticized Trump.
func docA2() *extract.Document {
	met := rel(textA2, "Trump met Petro on January 3.", "Donald Trump", schema.Person, schema.Met, "Gustavo Petro", schema.Person)
	met.When = "2026-01-03"
	return &extract.Document{
		ID: "a.txt", Path: "testdata/a.txt", Title: "Trump and Petro met", Date: "2026-01-04",
		Hash: "hash-a-2", Text: textA2,
		Entities: []extract.Entity{
			{Name: "Donald Trump", Type: schema.Person, Aliases: []string{"Trump"}, Mentions: 2},
			{Name: "Gustavo Petro", Type: schema.Person, Aliases: []string{"Petro"}, Mentions: 2},
		},
		Relations: []extract.Relation{
			met,
			rel(textA2, "Petro criticized Trump.", "Gustavo Petro", schema.Person, schema.Criticized, "Donald Trump", schema.Person),
		},
	}
}

const textB = "President Trump criticized Nicolás Maduro. Maduro leads Venezuela."

// docB shares Donald Trump with docA.
func docB() *extract.Document {
	return &extract.Document{
		ID: "b.txt", Path: "testdata/b.txt", Title: "Trump and Maduro", Date: "2025-10",
		Hash: "hash-b-1", Text: textB,
		Entities: []extract.Entity{
			{Name: "Donald Trump", Type: schema.Person, Aliases: []string{"President Trump"}, Mentions: 1},
			{Name: "Nicolás Maduro", Type: schema.Person, Aliases: []string{"Maduro"}, Mentions: 2},
			{Name: "Venezuela", Type: schema.Country, Mentions: 1},
		},
		Relations: []extract.Relation{
			rel(textB, "President Trump criticized Nicolás Maduro.", "Donald Trump", schema.Person, schema.Criticized, "Nicolás Maduro", schema.Person),
			rel(textB, "Maduro leads Venezuela.", "Nicolás Maduro", schema.Person, schema.LeaderOf, "Venezuela", schema.Country),
		},
	}
}

func iri(name string) string { return schema.EntityIRI(name) }
