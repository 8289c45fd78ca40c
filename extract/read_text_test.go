package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var textCases = []struct {
	name    string
	path    string
	src     string
	opt     ReadOptions
	want    []Article
	wantBad []badSummary
}{
	{
		name: "date line",
		path: "dir/a.txt",
		src:  "date 2026-01-08\nPoland expels diplomats\n\nWARSAW — Poland expelled three diplomats.\n",
		want: []Article{{ID: "a.txt", Path: "dir/a.txt", Title: "Poland expels diplomats", Date: "2026-01-08",
			Text: []byte("date 2026-01-08\nPoland expels diplomats\n\nWARSAW — Poland expelled three diplomats.\n")}},
	},
	{
		name: "markdown with a dateline",
		path: "b.md",
		src:  "# Talks resume\n\nCAIRO, Feb 12, 2026 - Egypt and Ethiopia resumed talks.\n",
		want: []Article{{ID: "b.md", Path: "b.md", Title: "Talks resume", Date: "2026-02-12",
			Text: []byte("# Talks resume\n\nCAIRO, Feb 12, 2026 - Egypt and Ethiopia resumed talks.\n")}},
	},
	{
		name: "stdin",
		path: "-",
		src:  "Soldiers oust the president.",
		want: []Article{{ID: "stdin", Path: "-", Title: "Soldiers oust the president.", Text: []byte("Soldiers oust the president.")}},
	},
	{
		name: "HTML-looking text forced to text",
		path: "-",
		src:  "<html><p>Markup kept as it is.</p></html>",
		opt:  ReadOptions{Format: FormatText},
		want: []Article{{ID: "stdin", Path: "-", Title: "<html><p>Markup kept as it is.</p></html>", Text: []byte("<html><p>Markup kept as it is.</p></html>")}},
	},
	{
		name:    "binary",
		path:    "c.txt",
		src:     "PK\x03\x04\x00\x00binary",
		wantBad: []badSummary{{Msg: "c.txt: extract: binary content: NUL byte at offset 4", Sentinels: []string{"binary"}}},
	},
	{
		name:    "invalid UTF-8",
		path:    "d.txt",
		src:     "Caf\xe9 talks",
		wantBad: []badSummary{{Msg: "d.txt: extract: invalid UTF-8 at byte offset 3", Sentinels: []string{"encoding"}}},
	},
	{
		name:    "only a date line",
		path:    "e.txt",
		src:     "date 2026-01-08\n\n",
		wantBad: []badSummary{{Msg: "e.txt: extract: empty document", Sentinels: []string{"empty"}}},
	},
	{
		name:    "too large",
		path:    "f.txt",
		src:     "0123456789 0123456789",
		opt:     ReadOptions{MaxBytes: 10},
		wantBad: []badSummary{{Msg: "f.txt: extract: malformed input: larger than 10 bytes", Sentinels: []string{"format"}}},
	},
}

func TestReadText(t *testing.T) {
	for _, tc := range textCases {
		t.Run(tc.name, func(t *testing.T) {
			got, bad := readAllArticles(t, tc.path, tc.src, tc.opt)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("articles (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantBad, summarize(bad)); diff != "" {
				t.Errorf("bad records (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReadTextMatchesFile checks that the project's articles pass through
// the text reader unchanged, with the date and title the pipeline finds.
func TestReadTextMatchesFile(t *testing.T) {
	paths, _ := filepath.Glob("testdata/*.txt")
	if len(paths) == 0 {
		t.Fatal("no test articles")
	}
	p := &Pipeline{}
	for _, path := range paths {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		arts, bad := readAllArticles(t, path, string(raw), ReadOptions{})
		if len(bad) > 0 || len(arts) != 1 {
			t.Fatalf("%s: %d articles, bad %v", path, len(arts), bad)
		}
		a := arts[0]
		if !bytes.Equal(a.Text, raw) || !bytes.Equal(a.Input(), raw) {
			t.Errorf("%s: text changed", path)
		}
		doc, err := p.Extract(a.ID, a.Path, a.Input())
		if err != nil {
			t.Fatal(err)
		}
		if a.Date != doc.Date || a.Title != doc.Title || a.ID != filepath.Base(path) {
			t.Errorf("%s: article ID %q date %q title %q, document date %q title %q", path, a.ID, a.Date, a.Title, doc.Date, doc.Title)
		}
	}
}

func FuzzReadText(f *testing.F) {
	for _, tc := range textCases {
		f.Add([]byte(tc.src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkReader(t, "f.txt", src, FormatText)
	})
}
