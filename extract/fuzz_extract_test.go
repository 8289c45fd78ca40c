package extract

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// FuzzReadExtract reads any input, in the format its content suggests, and
// extracts every article it yields, as ingest does. It checks that neither
// step panics, that reading fails only with a *RecordError or a sentinel,
// that every Document keeps its offsets inside its Text with
// Text[Start:End] equal to each relation's evidence sentence, that the
// Text is valid UTF-8, and that reading and extracting again give the same
// documents.
func FuzzReadExtract(f *testing.F) {
	for _, glob := range []string{"testdata/*.txt", "../testdata/formats/*"} {
		paths, _ := filepath.Glob(glob)
		for _, path := range paths {
			if raw, err := os.ReadFile(path); err == nil && len(raw) < 64<<10 {
				f.Add(raw)
			}
		}
	}
	for _, s := range []string{
		"",
		"<html><body><article><p>Petro met Maduro in Caracas.</p></article></body></html>",
		`{"id":"a","text":"Petro met Maduro.","date":"2026-01-02"}` + "\n" + `{"text":"\u0000"}`,
		`<rss version="2.0"><channel><item><title>T</title><description>Petro met &amp; Maduro.</description></item></channel></rss>`,
		"date 2026-01-01\n\nPe\u200btro met \u202eMaduro\u202c in Bogot\xe1.",
	} {
		f.Add([]byte(s))
	}
	p := NewPipeline()
	run := func(t *testing.T, src []byte) []*Document {
		var docs []*Document
		opt := ReadOptions{MaxBytes: 1 << 20, OnBad: func(*RecordError) error { return nil }}
		err := Read("-", bytes.NewReader(src), opt, func(a Article) error {
			if !utf8.Valid(a.Text) {
				t.Fatalf("article %q: text is not valid UTF-8", a.ID)
			}
			st, err := p.AnalyzeArticle(a)
			if err != nil {
				if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrBinary) && !errors.Is(err, ErrEncoding) {
					t.Fatalf("article %q: unexpected error %v", a.ID, err)
				}
				docs = append(docs, nil)
				return nil
			}
			docs = append(docs, st.Doc)
			return nil
		})
		if err != nil {
			t.Fatalf("Read: %v", err)
		}
		return docs
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		docs := run(t, src)
		for _, doc := range docs {
			if doc == nil {
				continue
			}
			if !utf8.ValidString(doc.Text) {
				t.Fatalf("document %q: Text is not valid UTF-8", doc.ID)
			}
			for _, r := range doc.Relations {
				if r.Start < 0 || r.Start > r.End || r.End > len(doc.Text) {
					t.Fatalf("document %q: offsets [%d,%d) outside text of %d bytes", doc.ID, r.Start, r.End, len(doc.Text))
				}
				if doc.Text[r.Start:r.End] != r.Sentence {
					t.Fatalf("document %q: Text[%d:%d] = %q, sentence %q", doc.ID, r.Start, r.End, doc.Text[r.Start:r.End], r.Sentence)
				}
				if r.Subject == "" || r.Object == "" || r.Predicate == "" {
					t.Fatalf("document %q: empty term in %+v", doc.ID, r)
				}
			}
		}
		if diff := cmp.Diff(docs, run(t, src)); diff != "" {
			t.Fatalf("not deterministic (-first +second):\n%s", diff)
		}
	})
}

// TestDeepHTML is the regression test for deeply nested pages, which took
// html.Parse and the readability pass many minutes at 100,000 levels: such
// a page is refused at once with ErrFormat, while ordinary nesting is read.
func TestDeepHTML(t *testing.T) {
	page := func(depth int) []byte {
		return []byte("<html><body><article><p>Gustavo Petro met Nicolás Maduro in Caracas.</p>" +
			strings.Repeat("<div>", depth) + "deep" + strings.Repeat("</div>", depth) + "</article></body></html>")
	}
	tests := []struct {
		depth int
		ok    bool
	}{{10, true}, {400, true}, {600, false}, {100_000, false}}
	for _, tc := range tests {
		start := time.Now()
		a, err := parseHTMLArticle(page(tc.depth))
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("depth %d: took %v", tc.depth, took)
		}
		if tc.ok {
			if err != nil || !strings.Contains(string(a.Text), "Petro") {
				t.Errorf("depth %d: %v, text %q; want the article", tc.depth, err, a.Text)
			}
		} else if !errors.Is(err, ErrFormat) {
			t.Errorf("depth %d: error %v, want ErrFormat", tc.depth, err)
		}
	}
}
