package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
)

// queryLimitCases are query command lines that must be bounded: runaway
// scripts time out, limits cap results, writes and file access fail.
var queryLimitCases = []struct {
	name    string
	args    []string // after "--db DB query"
	env     map[string]string
	exit    int
	stderr  []string      // substrings stderr must contain
	within  time.Duration // the command must end within this (0: no check)
	results int           // JSON results wanted on success (-1: no check)
	check   func(t *testing.T, stdout string)
}{
	{name: "while true times out", args: []string{"--timeout", "300ms", "while (true) {}"},
		exit: 1, stderr: []string{"query timed out after 300ms", "--timeout"}, within: 10 * time.Second},
	{name: "recursion times out", args: []string{"--timeout", "300ms", "function f() { return f() }; f()"},
		exit: 1, stderr: []string{"query timed out after 300ms"}, within: 10 * time.Second},
	{name: "timeout from the environment", args: []string{"while (true) {}"}, env: map[string]string{"NEWSGRAPH_QUERY_TIMEOUT": "300ms"},
		exit: 1, stderr: []string{"query timed out after 300ms"}, within: 10 * time.Second},
	{name: "negative timeout", args: []string{"--timeout", "-1s", "g.V().All()"}, exit: 2, stderr: []string{"--timeout"}},
	{name: "zero timeout means none", args: []string{"--timeout", "0", "--limit", "2", "g.V().All()"}, results: 2},
	{name: "gizmo limit", args: []string{"--limit", "3", "g.V().All()"}, results: 3},
	{name: "gizmo limit from the environment", args: []string{"g.V().All()"}, env: map[string]string{"NEWSGRAPH_QUERY_LIMIT": "4"}, results: 4},
	{name: "emit loop stops at the limit", args: []string{"--limit", "5", "while (true) { g.emit(1) }"}, results: 5, within: 15 * time.Second},
	{name: "graphql limit", args: []string{"--lang", "graphql", "--limit", "2", "{ nodes { id } }"}, results: 1,
		check: func(t *testing.T, stdout string) {
			var got []map[string][]any
			if err := json.Unmarshal([]byte(stdout), &got); err != nil {
				t.Fatalf("stdout is not a list of GraphQL answers: %v\n%s", err, stdout)
			}
			if n := len(got[0]["nodes"]); n != 2 {
				t.Errorf("%d nodes, want 2 (--limit 2)", n)
			}
		}},
	{name: "graphql mutation", args: []string{"--lang", "graphql", `mutation { x { id } }`}, exit: 1, stderr: []string{"mutation"}},
	{name: "no write api", args: []string{`g.addQuad("<a>", "<b>", "<c>")`}, exit: 1, stderr: []string{"addQuad"}},
	{name: "no require", args: []string{`require("fs").writeFileSync("/tmp/x", "y")`}, exit: 1, stderr: []string{"require"}},
	{name: "no load", args: []string{`load("/etc/passwd")`}, exit: 1, stderr: []string{"load"}},
	{name: "host globals are undefined", args: []string{`g.emit([typeof require, typeof load, typeof fs, typeof process].join(","))`},
		results: 1, check: func(t *testing.T, stdout string) {
			if !strings.Contains(stdout, `"undefined,undefined,undefined,undefined"`) {
				t.Errorf("stdout = %s, want every host global undefined", stdout)
			}
		}},
}

func TestQueryLimits(t *testing.T) {
	db := seededDB(t)
	quads := func() int64 {
		t.Helper()
		return storeStats(t, graph.Config{Address: db}).Quads
	}
	before := quads()
	for _, tc := range queryLimitCases {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			start := time.Now()
			r := newsgraph("", append([]string{"--db", db, "query"}, tc.args...)...)
			took := time.Since(start)
			if r.code != tc.exit {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tc.exit, r.stdout, r.stderr)
			}
			for _, s := range tc.stderr {
				if !strings.Contains(r.stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
				}
			}
			if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic:") {
				t.Errorf("stderr shows a Go stack trace:\n%s", r.stderr)
			}
			if tc.within > 0 && took > tc.within {
				t.Errorf("took %v, want within %v", took, tc.within)
			}
			if tc.exit == 0 && tc.results >= 0 {
				var got []any
				if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
					t.Fatalf("stdout is not a JSON array: %v\n%s", err, r.stdout)
				}
				if len(got) != tc.results {
					t.Errorf("%d results, want %d:\n%s", len(got), tc.results, r.stdout)
				}
			}
			if tc.check != nil {
				tc.check(t, r.stdout)
			}
		})
	}
	if after := quads(); after != before {
		t.Errorf("store has %d quads after the queries, want %d as before", after, before)
	}
}
