package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var jsonlCases = []struct {
	name    string
	src     string
	opt     ReadOptions
	want    []Article // Path is set to "a.jsonl" by the test
	wantBad []badSummary
}{
	{
		name: "default fields",
		src: `{"id": "n-1", "url": "https://x.example/1", "title": "Talks resume", "date": "2026-02-12T23:40:00-05:00", "publisher": "World Desk", "text": "CAIRO — Egypt and Ethiopia resumed talks.\n\nSudan welcomed the call."}` + "\n" +
			`{"text": "No other field.", "extra": [1, 2]}` + "\n",
		want: []Article{
			{ID: "n-1", URL: "https://x.example/1", Title: "Talks resume", Date: "2026-02-12", Publisher: "World Desk",
				Text: []byte("Talks resume\n\nCAIRO — Egypt and Ethiopia resumed talks.\n\nSudan welcomed the call.")},
			{ID: "a.jsonl#2", Text: []byte("No other field.")},
		},
	},
	{
		name: "configured and nested fields, number id, Unix dates",
		src: `{"uuid": 42, "body": "Poland expelled diplomats.", "meta": {"headline": "Poland expels diplomats", "ts": 1747137600}}` + "\n" +
			`{"uuid": "b", "body": "Text.", "meta": {"ts": 1747137600000}}` + "\n",
		opt: ReadOptions{Fields: JSONFields{ID: "uuid", Text: "body", Title: "meta.headline", Date: "meta.ts"}},
		want: []Article{
			{ID: "42", Title: "Poland expels diplomats", Date: "2025-05-13", Text: []byte("Poland expels diplomats\n\nPoland expelled diplomats.")},
			{ID: "b", Date: "2025-05-13", Text: []byte("Text.")},
		},
	},
	{
		name: "dotted name present as it is",
		src:  `{"a.b": "Literal key.", "a": {"b": "Nested."}}`,
		opt:  ReadOptions{Fields: JSONFields{Text: "a.b"}},
		want: []Article{{ID: "a.jsonl#1", Text: []byte("Literal key.")}},
	},
	{
		name: "URL as ID, HTML text, title already in the body, null fields, unreadable date",
		src:  `{"url": " https://x.example/2 ", "title": "Head", "date": "last Tuesday", "publisher": null, "text": "<h1>Head</h1><p>First &amp; only.</p><p>Second.</p>"}`,
		want: []Article{{ID: "https://x.example/2", URL: "https://x.example/2", Title: "Head", Text: []byte("Head\n\nFirst & only.\n\nSecond.")}},
	},
	{
		name: "blank lines, CRLF, BOM, no final newline",
		src:  "\ufeff{\"text\": \"One.\"}\r\n\r\n   \n{\"text\": \"Two.\"}",
		want: []Article{{ID: "a.jsonl#1", Text: []byte("One.")}, {ID: "a.jsonl#4", Text: []byte("Two.")}},
	},
	{
		name: "bad lines are reported and the rest is read",
		src: strings.Join([]string{
			`{"text": "Good one."}`,
			`{"text": "unterminated`,
			`["an", "array"]`,
			`{"title": "no text"}`,
			`{"id": "x7", "text": 12}`,
			`{"text": "   "}`,
			`{"text": "Good two.", "title": {"nested": true}}`,
			`{"text": "Good three.", "date": true}`,
			`{"text": "Binary \u0000\u0000."}`,
			`null`,
			`{"text": "Good four."}`,
		}, "\n"),
		want: []Article{{ID: "a.jsonl#1", Text: []byte("Good one.")}, {ID: "a.jsonl#11", Text: []byte("Good four.")}},
		wantBad: []badSummary{
			{Msg: "a.jsonl:2: extract: malformed input: unexpected end of JSON input", Sentinels: []string{"format"}},
			{Msg: "a.jsonl:3: extract: malformed input: not a JSON object", Sentinels: []string{"format"}},
			{Msg: `a.jsonl:4: extract: malformed input: no "text" field`, Sentinels: []string{"format"}},
			{Msg: `a.jsonl:5: extract: malformed input: field "text": a number is not a string`, Sentinels: []string{"format"}},
			{Msg: `a.jsonl:6: extract: empty document: field "text" is empty`, Sentinels: []string{"empty"}},
			{Msg: `a.jsonl:7: extract: malformed input: field "title": an object is not a string`, Sentinels: []string{"format"}},
			{Msg: `a.jsonl:8: extract: malformed input: field "date": a boolean is not a date string or a Unix timestamp`, Sentinels: []string{"format"}},
			{Msg: "a.jsonl:9: extract: binary content: NUL byte at offset 7", Sentinels: []string{"binary"}},
			{Msg: "a.jsonl:10: extract: malformed input: not a JSON object", Sentinels: []string{"format"}},
		},
	},
	{
		name: "a line longer than MaxBytes",
		src:  `{"text": "short"}` + "\n" + `{"text": "` + strings.Repeat("long ", 20) + `"}` + "\n" + `{"text": "after"}` + "\n",
		opt:  ReadOptions{MaxBytes: 40},
		want: []Article{{ID: "a.jsonl#1", Text: []byte("short")}, {ID: "a.jsonl#3", Text: []byte("after")}},
		wantBad: []badSummary{
			{Msg: "a.jsonl:2: extract: malformed input: line longer than 40 bytes", Sentinels: []string{"format"}},
		},
	},
}

func TestReadJSONL(t *testing.T) {
	for _, tc := range jsonlCases {
		t.Run(tc.name, func(t *testing.T) {
			got, bad := readAllArticles(t, "a.jsonl", tc.src, tc.opt)
			for i := range tc.want {
				tc.want[i].Path = "a.jsonl"
			}
			if diff := cmp.Diff(tc.want, got, cmp.Transformer("text", func(b []byte) string { return string(b) })); diff != "" {
				t.Errorf("articles (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantBad, summarize(bad)); diff != "" {
				t.Errorf("bad records (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReadJSONLLongLines reads lines longer than the reader's buffer, one
// of them over MaxBytes, to check that a line is read whole and a long one
// skipped to its end.
func TestReadJSONLLongLines(t *testing.T) {
	big := strings.Repeat("word ", 40_000) // 200 KB, three buffers
	src := `{"text": "` + big + `"}` + "\n" + `{"text": "` + big + big + `"}` + "\n" + `{"text": "end"}`
	got, bad := readAllArticles(t, "big.jsonl", src, ReadOptions{MaxBytes: 300_000})
	if len(got) != 2 || string(got[0].Text) != strings.TrimSpace(big) || string(got[1].Text) != "end" || got[1].ID != "big.jsonl#3" {
		t.Errorf("got %d articles", len(got))
	}
	want := []badSummary{{Msg: "big.jsonl:2: extract: malformed input: line longer than 300000 bytes", Sentinels: []string{"format"}}}
	if diff := cmp.Diff(want, summarize(bad)); diff != "" {
		t.Errorf("bad records (-want +got):\n%s", diff)
	}
}

func FuzzReadJSONL(f *testing.F) {
	for _, tc := range jsonlCases {
		f.Add([]byte(tc.src))
	}
	if raw, err := os.ReadFile(filepath.Join("..", "testdata", "formats", "articles.jsonl")); err == nil {
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkReader(t, "f.jsonl", src, FormatJSONL)
	})
}
