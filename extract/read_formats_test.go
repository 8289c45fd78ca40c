package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The two development articles that testdata/formats holds in every format.
const (
	summitTxt = "dev02_summit_trade.txt"
	callTxt   = "dev08_phone_call.txt"
	summitURL = "https://meridianpost.example/world/asia/2025/06/20/japan-vietnam-trade-pact"
	callURL   = "https://nilewatch.example/news/2026/02/12/hassan-abera-call-dam"
)

// formatArticle is one article expected from a file of testdata/formats:
// the plain-text original it was made from and what the reader must find.
type formatArticle struct {
	Original string
	ID, URL  string
	Title    string
	Pub      string
	Date     string
}

var formatCases = []struct {
	file string
	want []formatArticle
}{
	{"summit_trade.html", []formatArticle{
		{summitTxt, "summit_trade.html", summitURL, "Japan and Vietnam sign trade pact at Hanoi summit", "The Meridian Post", "2025-06-20"},
	}},
	{"phone_call.html", []formatArticle{ // windows-1252, date and publisher from JSON-LD
		{callTxt, "phone_call.html", callURL, "Egypt's Hassan and Ethiopia's Abera hold first call in a year over Nile dam", "Nile Watch", "2026-02-12"},
	}},
	{"articles.jsonl", []formatArticle{
		{summitTxt, "mp-2025-06-20-0042", summitURL, "Japan and Vietnam sign trade pact at Hanoi summit", "The Meridian Post", "2025-06-20"},
		{callTxt, "nw-20260212-call", callURL, "Egypt's Hassan and Ethiopia's Abera hold first call in a year over Nile dam", "Nile Watch", "2026-02-12"},
	}},
	{"feed.rss", []formatArticle{
		{summitTxt, summitURL, summitURL, "Japan and Vietnam sign trade pact at Hanoi summit", "World Desk Digest", "2025-06-20"},
		{callTxt, "worlddesk-8812", "https://worlddesk.example/news/2026/02/12/hassan-abera-call-dam", "Egypt's Hassan and Ethiopia's Abera hold first call in a year over Nile dam", "World Desk Digest", "2026-02-12"},
	}},
	{"feed.atom", []formatArticle{
		{summitTxt, "tag:worlddesk.example,2025:8790", summitURL, "Japan and Vietnam sign trade pact at Hanoi summit", "World Desk Digest", "2025-06-20"},
		{callTxt, "tag:worlddesk.example,2026:8812", callURL, "Egypt's Hassan and Ethiopia's Abera hold first call in a year over Nile dam", "World Desk Digest", "2026-02-12"},
	}},
}

// triples returns a document's relations as sorted "subject | predicate |
// object" lines, one per relation (repeats kept).
func triples(d *Document) []string {
	var out []string
	for _, r := range d.Relations {
		out = append(out, fmt.Sprintf("%s | %s | %s", r.Subject, r.Predicate, r.Object))
	}
	sort.Strings(out)
	return out
}

// TestFormatsMatchText reads every file of testdata/formats (HTML pages with
// navigation, sidebars and footers around the article, JSON Lines, RSS and
// Atom) and checks that each article's metadata is found, that its text
// (with the date line Input adds) is the plain-text original, and that
// extraction finds the same relations as in the original.
func TestFormatsMatchText(t *testing.T) {
	p := NewPipeline()
	originals := map[string]*Document{}
	originalText := map[string]string{}
	for _, name := range []string{summitTxt, callTxt} {
		path := filepath.Join("..", "testdata", "dev", name)
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := p.Extract(name, path, raw)
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Relations) < 5 {
			t.Fatalf("%s: only %d relations: the comparison would prove little", name, len(doc.Relations))
		}
		originals[name], originalText[name] = doc, strings.TrimSpace(string(raw))
	}
	for _, tc := range formatCases {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("..", "testdata", "formats", tc.file)
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			arts, bad := readAllArticles(t, path, string(raw), ReadOptions{})
			if len(bad) > 0 {
				t.Fatalf("bad records: %v", bad)
			}
			if len(arts) != len(tc.want) {
				t.Fatalf("%d articles, want %d", len(arts), len(tc.want))
			}
			for i, w := range tc.want {
				a := arts[i]
				got := formatArticle{w.Original, a.ID, a.URL, a.Title, a.Publisher, a.Date}
				if diff := cmp.Diff(w, got); diff != "" {
					t.Errorf("article %d metadata (-want +got):\n%s", i+1, diff)
				}
				if diff := cmp.Diff(strings.Split(originalText[w.Original], "\n"), strings.Split(string(a.Input()), "\n")); diff != "" {
					t.Errorf("article %d text differs from %s (-want +got):\n%s", i+1, w.Original, diff)
				}
				doc, err := p.Extract(a.ID, a.Path, a.Input())
				if err != nil {
					t.Fatalf("article %d: %v", i+1, err)
				}
				if doc.Date != w.Date || doc.Title != w.Title {
					t.Errorf("article %d: document date %q title %q", i+1, doc.Date, doc.Title)
				}
				if diff := cmp.Diff(triples(originals[w.Original]), triples(doc)); diff != "" {
					t.Errorf("article %d relations differ from %s (-want +got):\n%s", i+1, w.Original, diff)
				}
			}
		})
	}
}
