package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
)

// isSQL reports whether backend names a database server (postgres,
// cockroach): --db is then a connection URL, not a path.
func isSQL(backend string) bool {
	switch strings.ToLower(backend) {
	case graph.BackendPostgres, graph.BackendCockroach:
		return true
	}
	return false
}

// storeName names the store of --db in messages: the path, or a database
// URL with its password redacted.
func storeName(c *cli.Context) string {
	if isSQL(c.String("backend")) {
		return graph.RedactURL(c.String("db"))
	}
	return c.String("db")
}

// openStore opens the store named by --db and --backend. For reading
// (write false) a missing store is an error rather than created empty. On
// postgres and cockroach --db is the database's URL: the database must
// exist, and opening it for writing creates the store's tables in it.
func openStore(c *cli.Context, write bool) (*graph.Store, error) {
	db := c.String("db")
	backend := strings.ToLower(c.String("backend"))
	if db == "" && backend != "memstore" {
		return nil, usagef(c, "--db must not be empty")
	}
	if !write && backend != "memstore" && !isSQL(backend) {
		if _, err := os.Stat(db); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no store at %s: run 'newsgraph ingest PATH...' first, or point --db at a store", db)
		}
	}
	// graph.Open's errors name the store already (a URL without password).
	return graph.Open(c.Context, graph.Config{Backend: backend, Address: db, ReadOnly: !write})
}

// storeExists reports whether --db names something that already exists
// (always false for memstore, which keeps nothing; always true for a
// database server, where opening creates the store's tables if needed).
func storeExists(c *cli.Context) bool {
	if strings.ToLower(c.String("backend")) == "memstore" || c.String("db") == "" {
		return false
	}
	if isSQL(c.String("backend")) {
		return true
	}
	_, err := os.Stat(c.String("db"))
	return err == nil
}

// withGraph opens the store read-only, loads its graph for queries and
// calls fn with both.
func withGraph(c *cli.Context, fn func(*graph.Store, *queries.Graph) error) error {
	s, err := openStore(c, false)
	if err != nil {
		return err
	}
	defer s.Close()
	g, err := loadGraph(c, s)
	if err != nil {
		return fmt.Errorf("read store %s: %w", storeName(c), err)
	}
	return fn(s, g)
}

// writeJSON writes v as indented JSON without HTML escaping.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// entityJSON is an entity in JSON output.
type entityJSON struct {
	IRI     string   `json:"iri"`
	Name    string   `json:"name"`
	Type    string   `json:"type"`
	Aliases []string `json:"aliases"`
}

func toEntityJSON(e graph.Entity) entityJSON {
	a := e.Aliases
	if a == nil {
		a = []string{}
	}
	return entityJSON{IRI: e.IRI, Name: e.Name, Type: string(e.Type), Aliases: a}
}

// entityRef is a short reference to an entity in JSON output.
type entityRef struct {
	IRI  string `json:"iri"`
	Name string `json:"name"`
	Type string `json:"type"`
}

func toEntityRef(e graph.Entity) entityRef {
	return entityRef{IRI: e.IRI, Name: e.Name, Type: string(e.Type)}
}

// evidenceJSON is one supporting statement in JSON output.
type evidenceJSON struct {
	Statement  string  `json:"statement"`
	Doc        string  `json:"doc"`
	Path       string  `json:"path,omitempty"`
	Title      string  `json:"title,omitempty"`
	Date       string  `json:"date,omitempty"`
	URL        string  `json:"url,omitempty"`
	Publisher  string  `json:"publisher,omitempty"`
	Sentence   string  `json:"sentence"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Modality   string  `json:"modality,omitempty"`
	When       string  `json:"when,omitempty"`
	CAMEO      string  `json:"cameo,omitempty"`
	Confidence float64 `json:"confidence"`
	// Attribution is who the sentence reports as saying it.
	Attribution string `json:"attribution,omitempty"`
}

func toEvidence(ss []graph.Statement) []evidenceJSON {
	out := make([]evidenceJSON, len(ss))
	for i, s := range ss {
		out[i] = evidenceJSON{
			Statement: s.IRI, Doc: s.Doc, Path: s.DocPath, Title: s.DocTitle, Date: s.DocDate,
			URL: s.DocURL, Publisher: s.DocPublisher,
			Sentence: s.Sentence, Start: s.Start, End: s.End,
			Modality: string(s.Modality), When: s.When, CAMEO: s.CAMEO, Confidence: s.Confidence,
			Attribution: s.Attribution,
		}
	}
	return out
}
