package graph

import (
	"context"
	"errors"
	"fmt"
	"runtime/metrics"
	"time"

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

var (
	// ErrQueryTimeout means a query ran past its time budget (QueryOptions.Timeout
	// or the context's deadline) and was stopped. Errors wrapping it also wrap
	// context.DeadlineExceeded.
	ErrQueryTimeout = errors.New("graph: query timed out")
	// ErrQueryMemory means the heap grew by more than QueryOptions.MaxMemory
	// while a query ran, and the query was stopped.
	ErrQueryMemory = errors.New("graph: query used too much memory")
)

const (
	// DefaultQueryTimeout is the time budget of a query whose options set none.
	DefaultQueryTimeout = 30 * time.Second
	// DefaultQueryMemory is the heap growth a query may cause when its options
	// set no other bound: room for large results, small enough that a runaway
	// script (unbounded recursion grows the heap by hundreds of MiB a second)
	// is stopped long before it exhausts the machine.
	DefaultQueryMemory int64 = 512 << 20

	// queryGrace is how long a query waits, after its script was told to
	// stop, for the script to end. Gizmo scripts stop at the next JavaScript
	// instruction, but a long native built-in (such as joining a huge array)
	// runs to its end first.
	queryGrace = 500 * time.Millisecond
	// memoryPoll is how often the memory bound is checked.
	memoryPoll = 20 * time.Millisecond
)

// QueryOptions bound a query run by QueryWith.
type QueryOptions struct {
	// Limit is the most results returned; 0 means no limit. For GraphQL,
	// whose answer is a single object, it caps every top-level field's list
	// of nodes.
	Limit int
	// Timeout is the query's time budget: 0 means DefaultQueryTimeout and a
	// negative value means only ctx's deadline applies.
	Timeout time.Duration
	// MaxMemory is the heap growth, in bytes, after which the query is
	// stopped: 0 means DefaultQueryMemory and a negative value means no
	// bound. The heap is the whole process's, so concurrent work counts too.
	MaxMemory int64
}

// Query runs script in lang ("gizmo" or "graphql") against the store with
// the default time and memory budgets and returns at most limit results (0
// means no limit). It is QueryWith with QueryOptions{Limit: limit}.
func (s *Store) Query(ctx context.Context, lang, script string, limit int) ([]interface{}, error) {
	return s.QueryWith(ctx, lang, script, QueryOptions{Limit: limit})
}

// QueryWith runs script in lang ("gizmo" or "graphql") against the store and
// returns at most opt.Limit results as JSON-ready values: Gizmo yields one
// map of tag → value per result (IRIs as "<iri>", literals as Go values),
// GraphQL one map holding the whole answer.
//
// Queries only read: neither language has a way to write to the store, and
// Gizmo's JavaScript runtime has no require, load, fs or process, so scripts
// cannot reach the file system. A query that runs past its time budget
// returns ErrQueryTimeout (wrapping context.DeadlineExceeded and naming the
// budget); one that grows the heap by more than opt.MaxMemory returns
// ErrQueryMemory; one whose ctx is cancelled returns ctx's error. A script
// that is stopped is interrupted at its next JavaScript instruction; QueryWith
// waits up to half a second for it to end and otherwise returns anyway, leaving
// it holding the store's read lock (so writes and Close wait) until it ends.
// An unknown language is ErrFormat; a script that fails to parse or run
// returns the engine's error. Every error names the language and the store.
func (s *Store) QueryWith(ctx context.Context, lang, script string, opt QueryOptions) ([]interface{}, error) {
	out, err := s.query(ctx, lang, script, opt)
	if err != nil {
		return out, fmt.Errorf("%s query on %s: %w", lang, s.where(), err)
	}
	return out, nil
}

func (s *Store) query(ctx context.Context, lang, script string, opt QueryOptions) ([]interface{}, error) {
	known := false
	for _, l := range QueryLanguages {
		known = known || l == lang
	}
	if !known || query.GetLanguage(lang) == nil {
		return nil, fmt.Errorf("%w: query language %q (want one of %v)", ErrFormat, lang, QueryLanguages)
	}
	limit := max(opt.Limit, 0)
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// The budget is the earlier of the options' timeout and ctx's deadline.
	timeout := opt.Timeout
	if timeout == 0 {
		timeout = DefaultQueryTimeout
	}
	budget := time.Duration(-1)
	if timeout > 0 {
		budget = timeout
	}
	if dl, ok := ctx.Deadline(); ok && (budget < 0 || time.Until(dl) < budget) {
		budget = max(time.Until(dl), 0)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	if timeout > 0 {
		var stop context.CancelFunc
		ctx, stop = context.WithTimeout(ctx, timeout)
		defer stop()
	}
	maxMem := opt.MaxMemory
	if maxMem == 0 {
		maxMem = DefaultQueryMemory
	}
	if maxMem > 0 {
		go watchMemory(ctx, maxMem, cancel)
	}

	if err := s.rlock(); err != nil {
		return nil, err
	}
	it, err := query.Execute(ctx, s.qs, lang, script, query.Options{Collation: query.JSON, Limit: limit})
	if err != nil {
		s.runlock()
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
	// is released, but not for longer than queryGrace: a script stuck in a
	// native built-in keeps the lock until it ends.
	ended := make(chan struct{})
	go func() {
		defer s.runlock()
		defer close(ended)
		for it.Next(context.Background()) {
		}
	}()
	select {
	case <-ended:
	case <-time.After(queryGrace):
	}

	if lang == "graphql" && limit > 0 {
		out = capLists(out, limit)
	}
	switch {
	case err == nil:
		return out, nil
	case errors.Is(context.Cause(ctx), ErrQueryMemory):
		return out, fmt.Errorf("%w (limit %d MiB)", context.Cause(ctx), maxMem>>20)
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded):
		return out, fmt.Errorf("%w after %v: %w", ErrQueryTimeout, budget.Round(time.Millisecond), context.DeadlineExceeded)
	}
	return out, err
}

// heapMetric is the runtime metric watchMemory reads: bytes in heap
// objects, live or not yet swept.
const heapMetric = "/memory/classes/heap/objects:bytes"

// watchMemory cancels the query with ErrQueryMemory when the heap grows by
// more than maxMem bytes over its size when the watch began; it returns when
// ctx ends.
func watchMemory(ctx context.Context, maxMem int64, cancel context.CancelCauseFunc) {
	sample := []metrics.Sample{{Name: heapMetric}}
	heap := func() int64 {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return int64(sample[0].Value.Uint64())
	}
	base := heap()
	tick := time.NewTicker(memoryPoll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if grown := heap() - base; grown > maxMem {
				cancel(fmt.Errorf("%w: heap grew by %d MiB", ErrQueryMemory, grown>>20))
				return
			}
		}
	}
}

// capLists shortens every top-level list of nodes in GraphQL answers to at
// most limit entries.
func capLists(answers []interface{}, limit int) []interface{} {
	for _, a := range answers {
		m, ok := a.(map[string]interface{})
		if !ok {
			continue
		}
		for k, v := range m {
			if l, ok := v.([]interface{}); ok && len(l) > limit {
				m[k] = l[:limit]
			}
		}
	}
	return answers
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
