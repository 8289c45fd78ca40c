package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Two stories, each told twice. Petro meeting Lula is reported by two
// publishers (who date it differently); Lula meeting Milei by one publisher
// twice ("The Daily Planet" and "daily planet" name the same publication).
const corroborationArticles = `{"id":"planet-1","date":"2026-01-12","publisher":"The Daily Planet","text":"Colombian President Gustavo Petro met Brazilian President Luiz Inácio Lula da Silva in Bogotá on Monday."}
{"id":"wire-1","date":"2026-01-13","publisher":"Global Wire","text":"Colombian President Gustavo Petro met Brazilian President Luiz Inácio Lula da Silva in Bogotá on Tuesday."}
{"id":"planet-2","date":"2026-01-14","publisher":"The Daily Planet","text":"Brazilian President Luiz Inácio Lula da Silva met Argentine President Javier Milei in Brasília on Wednesday."}
{"id":"planet-3","date":"2026-01-15","publisher":"daily planet","text":"Brazilian President Luiz Inácio Lula da Silva met Argentine President Javier Milei in Brasília on Wednesday."}
`

// anonymousArticle tells the second story a third time, with no publisher:
// it counts as a publisher of its own.
const anonymousArticle = `{"id":"anon-1","date":"2026-01-16","text":"Brazilian President Luiz Inácio Lula da Silva met Argentine President Javier Milei in Brasília on Wednesday."}
`

// ingestArticles writes JSON Lines articles to a file and ingests them.
func ingestArticles(t *testing.T, db, name, lines string) {
	t.Helper()
	file := filepath.Join(filepath.Dir(db), name)
	if err := os.WriteFile(file, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := newsgraph("", "--db", db, "ingest", file); r.code != 0 {
		t.Fatalf("ingest %s: exit %d\n%s", name, r.code, r.stderr)
	}
}

// hopSupport renders the hops of path JSON as "From predicate To
// sources/publishers", path by path.
func hopSupport(t *testing.T, stdout string) []string {
	t.Helper()
	var out pathOutput
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("path JSON: %v\n%s", err, stdout)
	}
	var got []string
	for _, p := range out.Paths {
		got = append(got, fmt.Sprintf("path %d/%d, weakest %d/%d", p.Sources, p.Publishers, p.MinSources, p.MinPublishers))
		for _, h := range p.Hops {
			got = append(got, fmt.Sprintf("%s %s %s %d/%d", h.From.Name, h.Predicate, h.To.Name, h.Sources, h.Publishers))
		}
	}
	return got
}

// neighborSupport renders neighbors JSON as "predicate Neighbor
// sources/publishers".
func neighborSupport(t *testing.T, stdout string) []string {
	t.Helper()
	var out neighborsJSON
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("neighbors JSON: %v\n%s", err, stdout)
	}
	got := []string{}
	for _, g := range out.Groups {
		for _, n := range g.Neighbors {
			got = append(got, fmt.Sprintf("%s %s %d/%d", g.Predicate, n.Entity.Name, n.Sources, n.Publishers))
		}
	}
	return got
}

// matchSupport renders match JSON as "Subject predicate Object
// sources/publishers".
func matchSupport(t *testing.T, stdout string) []string {
	t.Helper()
	var out []matchJSON
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("match JSON: %v\n%s", err, stdout)
	}
	got := []string{}
	for _, m := range out {
		got = append(got, fmt.Sprintf("%s %s %s %d/%d", m.Subject.Name, m.Predicate, m.Object.Name, m.Sources, m.Publishers))
	}
	return got
}

const (
	petroLula = "Gustavo Petro met Luiz Inácio Lula da Silva"
	lulaMilei = "Luiz Inácio Lula da Silva met Javier Milei"
)

var corroborationCases = []struct {
	name   string
	args   []string
	env    map[string]string
	exit   int
	render func(t *testing.T, stdout string) []string // nil: compare stdout with want as substrings
	want   []string
	stderr string
}{
	{
		name: "path without a minimum counts both", args: []string{"path", "--format", "json", "Petro", "Milei"},
		render: hopSupport, want: []string{"path 4/2, weakest 2/1", petroLula + " 2/2", lulaMilei + " 2/1"},
	},
	{
		name: "min-publishers keeps a hop two publishers report", args: []string{"path", "--min-publishers", "2", "--format", "json", "Petro", "Lula"},
		render: hopSupport, want: []string{"path 2/2, weakest 2/2", petroLula + " 2/2"},
	},
	{
		name: "min-publishers drops a hop one publisher reports twice", args: []string{"path", "--min-publishers", "2", "Petro", "Milei"},
		exit: 1, stderr: "no path",
	},
	{
		name: "min-sources keeps that hop", args: []string{"path", "--min-sources", "2", "--format", "json", "Petro", "Milei"},
		render: hopSupport, want: []string{"path 4/2, weakest 2/1", petroLula + " 2/2", lulaMilei + " 2/1"},
	},
	{
		name: "min-publishers from the environment", args: []string{"path", "Petro", "Milei"},
		env: map[string]string{"NEWSGRAPH_PATH_MIN_PUBLISHERS": "2"}, exit: 1, stderr: "no path",
	},
	{
		name: "a statement-level filter recounts", args: []string{"path", "--until", "2026-01-12", "--format", "json", "Petro", "Lula"},
		render: hopSupport, want: []string{"path 1/1, weakest 1/1", petroLula + " 1/1"},
	},
	{
		name: "min-publishers over the statements a window keeps", args: []string{"path", "--until", "2026-01-12", "--min-publishers", "2", "Petro", "Lula"},
		exit: 1, stderr: "no path",
	},
	{
		name: "negative min-publishers", args: []string{"path", "--min-publishers", "-1", "Petro", "Milei"},
		exit: 2, stderr: "minimum publishers -1 is negative",
	},
	{
		name: "path table shows publishers", args: []string{"path", "Petro", "Milei"},
		want: []string{"4 sources, 2 publishers; weakest hop 2 sources, 1 publisher;", "[2 sources, 2 publishers]", "[2 sources, 1 publisher]"},
	},
	{
		name: "neighbors min-publishers", args: []string{"neighbors", "--min-publishers", "2", "--format", "json", "Lula"},
		render: neighborSupport, want: []string{"leader_of Brazil 4/2", "met Gustavo Petro 2/2"},
	},
	{
		name: "neighbors json", args: []string{"neighbors", "--format", "json", "Lula"},
		render: neighborSupport, want: []string{"leader_of Brazil 4/2", "met Gustavo Petro 2/2", "met Javier Milei 2/1"},
	},
	{
		name: "neighbors table shows publishers", args: []string{"neighbors", "Lula"},
		want: []string{"SOURCES  PUBLISHERS  DATES"},
	},
	{
		name: "match min-publishers", args: []string{"match", "--min-publishers", "2", "--format", "json", "? met ?"},
		render: matchSupport, want: []string{petroLula + " 2/2"},
	},
	{
		name: "match min-publishers from the environment", args: []string{"match", "--format", "json", "? met ?"},
		env: map[string]string{"NEWSGRAPH_MATCH_MIN_PUBLISHERS": "2"}, render: matchSupport, want: []string{petroLula + " 2/2"},
	},
	{
		name: "negative min-publishers for match", args: []string{"match", "--min-publishers", "-2", "? met ?"},
		exit: 2, stderr: "minimum publishers -2 is negative",
	},
}

// TestCorroboration ingests two stories told twice each, by two publishers
// and by one, and checks what --min-publishers keeps on path, neighbors and
// match, and the counts they report; then a third, anonymous telling of
// the second story makes it pass.
func TestCorroboration(t *testing.T) {
	db := filepath.Join(t.TempDir(), "news.db")
	ingestArticles(t, db, "articles.jsonl", corroborationArticles)
	for _, tc := range corroborationCases {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			r := newsgraph("", append([]string{"--db", db}, tc.args...)...)
			if r.code != tc.exit {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tc.exit, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tc.stderr, r.stderr)
			}
			if tc.render != nil {
				if diff := cmp.Diff(tc.want, tc.render(t, r.stdout)); diff != "" {
					t.Errorf("support (-want +got):\n%s", diff)
				}
				return
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, r.stdout)
				}
			}
		})
	}

	ingestArticles(t, db, "anonymous.jsonl", anonymousArticle)
	r := newsgraph("", "--db", db, "path", "--min-publishers", "2", "--format", "json", "Petro", "Milei")
	if r.code != 0 {
		t.Fatalf("after an anonymous third telling: exit %d\n%s", r.code, r.stderr)
	}
	want := []string{"path 5/3, weakest 2/2", petroLula + " 2/2", lulaMilei + " 3/2"}
	if diff := cmp.Diff(want, hopSupport(t, r.stdout)); diff != "" {
		t.Errorf("after an anonymous third telling (-want +got):\n%s", diff)
	}
}
