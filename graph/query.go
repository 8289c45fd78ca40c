package graph

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/cayleygraph/cayley/query"
	_ "github.com/cayleygraph/cayley/query/gizmo"   // registers "gizmo"
	_ "github.com/cayleygraph/cayley/query/graphql" // registers "graphql"
	"github.com/cayleygraph/quad"
	_ "github.com/cayleygraph/quad/dot"     // registers "dot"
	_ "github.com/cayleygraph/quad/graphml" // registers "graphml"
	_ "github.com/cayleygraph/quad/jsonld"  // registers "jsonld"
	_ "github.com/cayleygraph/quad/nquads"  // registers "nquads"
)

// ExportFormats lists the formats Export writes.
var ExportFormats = []string{"nquads", "jsonld", "graphml", "dot"}

// quadFormats maps Export's format names to quad's.
var quadFormats = map[string]string{"nquads": "nquads", "jsonld": "jsonld", "graphml": "graphml", "dot": "graphviz"}

// QueryLanguages lists the languages Query runs.
var QueryLanguages = []string{"gizmo", "graphql"}

// ErrFormat means Export was asked for a format it does not write, or Query
// for a language it does not run.
var ErrFormat = errors.New("graph: unknown format")

// Export writes every quad of the store to w in format "nquads", "jsonld",
// "graphml" or "dot", using quad's writers. Quads are streamed in the
// store's order (jsonld buffers them: its writer emits one document). IRIs
// are absolute, so N-Quads output is valid RDF. An unknown format is
// ErrFormat; nothing is written then.
func (s *Store) Export(ctx context.Context, w io.Writer, format string) error {
	if err := s.export(ctx, w, format); err != nil {
		return fmt.Errorf("export %s as %s: %w", s.where(), format, err)
	}
	return nil
}

func (s *Store) export(ctx context.Context, w io.Writer, format string) error {
	name, known := quadFormats[format]
	f := quad.FormatByName(name)
	if !known || f == nil || f.Writer == nil {
		return fmt.Errorf("%w %q (want one of %v)", ErrFormat, format, ExportFormats)
	}
	if err := s.rlock(); err != nil {
		return err
	}
	defer s.runlock()
	qw := f.Writer(w)
	it := s.qs.QuadsAllIterator()
	defer it.Close()
	for it.Next(ctx) {
		if err := qw.WriteQuad(s.qs.Quad(it.Result())); err != nil {
			qw.Close()
			return err
		}
	}
	if err := it.Err(); err != nil {
		qw.Close()
		return err
	}
	if err := ctx.Err(); err != nil {
		qw.Close()
		return err
	}
	return qw.Close()
}

// Query runs script in lang ("gizmo" or "graphql") against the store and
// returns at most limit results (0 means no limit) as JSON-ready values:
// Gizmo yields one map of tag → value per result (IRIs as "<iri>", literals
// as Go values), GraphQL one map holding the whole answer. It stops when ctx
// is done and returns ctx's error. An unknown language is ErrFormat; a
// script that fails to parse or run returns the engine's error.
func (s *Store) Query(ctx context.Context, lang, script string, limit int) ([]interface{}, error) {
	out, err := s.query(ctx, lang, script, limit)
	if err != nil {
		return out, fmt.Errorf("%s query on %s: %w", lang, s.where(), err)
	}
	return out, nil
}

func (s *Store) query(ctx context.Context, lang, script string, limit int) ([]interface{}, error) {
	known := false
	for _, l := range QueryLanguages {
		known = known || l == lang
	}
	if !known || query.GetLanguage(lang) == nil {
		return nil, fmt.Errorf("%w: query language %q (want one of %v)", ErrFormat, lang, QueryLanguages)
	}
	if limit < 0 {
		limit = 0
	}
	if err := s.rlock(); err != nil {
		return nil, err
	}
	defer s.runlock()
	it, err := query.Execute(ctx, s.qs, lang, script, query.Options{Collation: query.JSON, Limit: limit})
	if err != nil {
		return nil, err
	}
	var out []interface{}
	// limit >= 1 or 0, so Next runs at least once.
	for (limit == 0 || len(out) < limit) && it.Next(ctx) {
		if r := it.Result(); r != nil {
			out = append(out, jsonReady(r))
		}
	}
	err = it.Err()
	if err == nil {
		err = ctx.Err()
	}
	it.Close()
	// Gizmo runs the script in a goroutine that Close only interrupts; wait
	// for it to end so that it does not read the store after the read lock
	// is released.
	for it.Next(context.Background()) {
	}
	return out, err
}

// jsonReady converts the quad values inside a query result to JSON values
// the way Gizmo does: literals become their Go values, IRIs and other terms
// their N-Quads form ("<iri>").
func jsonReady(v interface{}) interface{} {
	switch v := v.(type) {
	case quad.Value:
		n := v.Native()
		if _, still := n.(quad.Value); still {
			return quad.StringOf(v)
		}
		return n
	case map[string]interface{}:
		out := make(map[string]interface{}, len(v))
		for k, x := range v {
			out[k] = jsonReady(x)
		}
		return out
	case []interface{}:
		out := make([]interface{}, len(v))
		for i, x := range v {
			out[i] = jsonReady(x)
		}
		return out
	case []map[string]interface{}:
		out := make([]interface{}, len(v))
		for i, x := range v {
			out[i] = jsonReady(x)
		}
		return out
	}
	return v
}
