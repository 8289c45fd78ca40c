package graph

import (
	"context"
	"errors"
	"fmt"

	"github.com/cayleygraph/cayley/query"
	_ "github.com/cayleygraph/cayley/query/gizmo"   // registers "gizmo"
	_ "github.com/cayleygraph/cayley/query/graphql" // registers "graphql"
	"github.com/cayleygraph/quad"
)

// QueryLanguages lists the languages Query runs.
var QueryLanguages = []string{"gizmo", "graphql"}

// ErrFormat means Export was asked for a format it does not write, or Query
// for a language it does not run.
var ErrFormat = errors.New("graph: unknown format")

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
