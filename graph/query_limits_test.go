package graph

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/schema"
)

// readOnlyStore returns a bolt store holding docA and docB, reopened
// read-only as the query command opens it.
func readOnlyStore(t *testing.T) *Store {
	t.Helper()
	addr := filepath.Join(t.TempDir(), "store.db")
	w := mustOpen(t, Config{Backend: BackendBolt, Address: addr})
	write(t, w, docA(), docB())
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return mustOpen(t, Config{Backend: BackendBolt, Address: addr, ReadOnly: true})
}

// queryLimitCases are hostile or bounded queries and what each must give.
var queryLimitCases = []struct {
	name   string
	lang   string
	script string
	opt    QueryOptions
	want   error  // sentinel the error must wrap; nil: success
	fails  bool   // any error will do (want is nil)
	errHas string // substring of the error message
	n      int    // results wanted on success (-1: do not check)
	within time.Duration
}{
	// Runaway scripts are stopped by the time budget, promptly.
	{name: "while true", lang: "gizmo", script: `while (true) {}`,
		opt: QueryOptions{Timeout: 300 * time.Millisecond}, want: ErrQueryTimeout, errHas: "after 300ms", within: 10 * time.Second},
	{name: "for ever with a body", lang: "gizmo", script: `var i = 0; for (;;) { i++ }`,
		opt: QueryOptions{Timeout: 300 * time.Millisecond}, want: ErrQueryTimeout, within: 10 * time.Second},
	{name: "unbounded recursion", lang: "gizmo", script: `function f(n) { return 1 + f(n + 1) }; f(0)`,
		opt: QueryOptions{Timeout: 300 * time.Millisecond}, want: ErrQueryTimeout, within: 10 * time.Second},
	{name: "mutual recursion", lang: "gizmo", script: `function a() { return b() }; function b() { return a() }; a()`,
		opt: QueryOptions{Timeout: 300 * time.Millisecond}, want: ErrQueryTimeout, within: 10 * time.Second},
	{name: "loop in a ForEach callback", lang: "gizmo", script: `g.V().ForEach(function (x) { while (true) {} })`,
		opt: QueryOptions{Timeout: 300 * time.Millisecond}, want: ErrQueryTimeout, within: 10 * time.Second},
	// A native built-in ignores the interrupt; Query returns after its grace
	// period anyway.
	{name: "long native built-in", lang: "gizmo", script: `new Array(2e7).join("x").length`,
		opt: QueryOptions{Timeout: 100 * time.Millisecond}, want: ErrQueryTimeout, within: 15 * time.Second},
	// The memory bound stops a script that allocates without end long
	// before the time budget.
	{name: "recursion hits the memory bound", lang: "gizmo", script: `function f(n) { return 1 + f(n + 1) }; f(0)`,
		opt: QueryOptions{Timeout: time.Minute, MaxMemory: 64 << 20}, want: ErrQueryMemory, errHas: "limit 64 MiB", within: 30 * time.Second},
	{name: "growing string hits the memory bound", lang: "gizmo", script: `var s = "x"; while (true) { s = s + s }`,
		opt: QueryOptions{Timeout: time.Minute, MaxMemory: 64 << 20}, want: ErrQueryMemory, within: 30 * time.Second},

	// Result limits.
	{name: "gizmo limit", lang: "gizmo", script: `g.V().All()`, opt: QueryOptions{Limit: 3}, n: 3},
	{name: "gizmo no limit", lang: "gizmo", script: `g.V("<` + schema.EntityIRI("Donald Trump") + `>").All()`, n: 1},
	{name: "emit loop stops at the limit", lang: "gizmo", script: `while (true) { g.emit(1) }`, opt: QueryOptions{Limit: 5}, n: 5},
	{name: "emit loop stops at the timeout", lang: "gizmo", script: `while (true) { g.emit(1) }`,
		opt: QueryOptions{Timeout: 300 * time.Millisecond}, want: ErrQueryTimeout, within: 10 * time.Second},

	// Writes: Gizmo has no write API (the only functions are traversals,
	// finals, g.emit and namespace functions), so each attempt is a TypeError.
	{name: "g.addQuad", lang: "gizmo", script: `g.addQuad("<a>", "<b>", "<c>")`, fails: true},
	{name: "graph.AddQuad", lang: "gizmo", script: `graph.AddQuad("<a>", "<b>", "<c>", "")`, fails: true},
	{name: "g.removeQuad", lang: "gizmo", script: `g.removeQuad("<a>", "<b>", "<c>")`, fails: true},
	{name: "g.write", lang: "gizmo", script: `g.write([{subject: "<a>", predicate: "<b>", object: "<c>"}])`, fails: true},
	{name: "path addQuad", lang: "gizmo", script: `g.V().addQuad("<b>", "<c>")`, fails: true},
	{name: "path drop", lang: "gizmo", script: `g.V().drop()`, fails: true},
	{name: "unexported fields are hidden", lang: "gizmo", script: `g.s.qs.ApplyDeltas([], {})`, fails: true},
	{name: "graphql mutation", lang: "graphql", script: `mutation { addQuad(subject: "a") { id } }`, fails: true, errHas: "mutation"},

	// The file system and the process are out of reach.
	{name: "require fs", lang: "gizmo", script: `require("fs").readFileSync("/etc/passwd")`, fails: true, errHas: "require"},
	{name: "load", lang: "gizmo", script: `load("/etc/passwd")`, fails: true, errHas: "load"},
	{name: "fs global", lang: "gizmo", script: `fs.writeFileSync("x", "y")`, fails: true, errHas: "fs"},
	{name: "process global", lang: "gizmo", script: `process.exit(1)`, fails: true, errHas: "process"},
	{name: "dynamic import", lang: "gizmo", script: `import("fs")`, fails: true},
	{name: "Function constructor reaches no host", lang: "gizmo", script: `Function("return require")()`, fails: true, errHas: "require"},

	// GraphQL honours the limit per top-level field.
	{name: "graphql limit", lang: "graphql", script: `{ nodes { id } }`, opt: QueryOptions{Limit: 2}, n: -1},
}

func TestQueryLimits(t *testing.T) {
	s := readOnlyStore(t)
	ctx := context.Background()
	before, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range queryLimitCases {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			got, err := s.QueryWith(ctx, tc.lang, tc.script, tc.opt)
			took := time.Since(start)
			switch {
			case tc.want != nil:
				if !errors.Is(err, tc.want) {
					t.Fatalf("QueryWith error = %v, want %v", err, tc.want)
				}
				if errors.Is(tc.want, ErrQueryTimeout) && !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("timeout error %v does not wrap context.DeadlineExceeded", err)
				}
			case tc.fails:
				if err == nil {
					t.Fatalf("QueryWith succeeded with %v, want an error", got)
				}
			case err != nil:
				t.Fatalf("QueryWith: %v", err)
			}
			if err != nil && !strings.Contains(err.Error(), tc.errHas) {
				t.Errorf("error %q does not mention %q", err, tc.errHas)
			}
			if tc.within > 0 && took > tc.within {
				t.Errorf("QueryWith returned after %v, want within %v", took, tc.within)
			}
			if err == nil && tc.n >= 0 && len(got) != tc.n {
				t.Errorf("%d results, want %d: %v", len(got), tc.n, got)
			}
		})
	}
	after, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("store changed by queries (-before +after):\n%s", diff)
	}
}

// TestQueryGlobals checks what a Gizmo script can see: no host functions
// that reach the file system, the process or a module loader, and a graph
// object holding only query functions.
func TestQueryGlobals(t *testing.T) {
	s := readOnlyStore(t)
	script := `
		["require", "load", "fs", "process", "os", "readFile", "print", "console", "module", "exports", "__dirname"]
			.forEach(function (n) { g.emit(n + ":" + typeof this[n]) }, this);
		g.emit(Object.getOwnPropertyNames(g).sort().join(","))`
	got, err := s.Query(context.Background(), "gizmo", script, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []interface{}{
		"require:undefined", "load:undefined", "fs:undefined", "process:undefined", "os:undefined",
		"readFile:undefined", "print:undefined", "console:undefined", "module:undefined",
		"exports:undefined", "__dirname:undefined",
		"AddDefaultNamespaces,AddNamespace,Emit,IRI,LoadNamespaces,M,Morphism,Uri,V,Vertex," +
			"addDefaultNamespaces,addNamespace,emit,loadNamespaces",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("script globals (-want +got):\n%s", diff)
	}
}

// TestQueryGraphQLLimit checks that the limit caps a GraphQL answer's
// top-level list of nodes.
func TestQueryGraphQLLimit(t *testing.T) {
	s := readOnlyStore(t)
	ctx := context.Background()
	count := func(limit int) int {
		t.Helper()
		got, err := s.QueryWith(ctx, "graphql", `{ nodes { id } }`, QueryOptions{Limit: limit})
		if err != nil || len(got) != 1 {
			t.Fatalf("QueryWith(limit %d) = %v, %v; want one answer", limit, got, err)
		}
		return len(asList(got[0].(map[string]interface{})["nodes"]))
	}
	all := count(0)
	if all <= 2 {
		t.Fatalf("%d nodes without a limit, want more than 2", all)
	}
	for _, limit := range []int{1, 2, all, all + 5} {
		if got, want := count(limit), min(limit, all); got != want {
			t.Errorf("limit %d: %d nodes, want %d", limit, got, want)
		}
	}
}

// TestQueryParentDeadline checks that a deadline of the caller's context
// shorter than the options' timeout is the budget the error names.
func TestQueryParentDeadline(t *testing.T) {
	s := readOnlyStore(t)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := s.QueryWith(ctx, "gizmo", `while (true) {}`, QueryOptions{Timeout: time.Hour})
	if !errors.Is(err, ErrQueryTimeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error = %v, want ErrQueryTimeout wrapping context.DeadlineExceeded", err)
	}
	// The budget named is what was left of the parent's 200ms when the
	// query started: a little less on a busy machine.
	m := regexp.MustCompile(`after (\d+)ms`).FindStringSubmatch(err.Error())
	if m == nil {
		t.Fatalf("error %q does not name the budget", err)
	}
	if n, _ := strconv.Atoi(m[1]); n > 200 || n < 100 {
		t.Errorf("error %q names %sms, want what was left of the 200ms budget", err, m[1])
	}
	cctx, ccancel := context.WithCancel(context.Background())
	go func() { time.Sleep(100 * time.Millisecond); ccancel() }()
	if _, err := s.Query(cctx, "gizmo", `while (true) {}`, 0); !errors.Is(err, context.Canceled) || errors.Is(err, ErrQueryTimeout) {
		t.Errorf("cancelled query error = %v, want context.Canceled and no timeout", err)
	}
}
