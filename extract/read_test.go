package extract

import (
	"bytes"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// readAllArticles reads src as the file path with opt (OnBad collecting the
// bad records) and returns the articles and the record errors.
func readAllArticles(t testing.TB, path, src string, opt ReadOptions) ([]Article, []*RecordError) {
	t.Helper()
	var arts []Article
	var bad []*RecordError
	opt.OnBad = func(e *RecordError) error {
		bad = append(bad, e)
		return nil
	}
	err := Read(path, strings.NewReader(src), opt, func(a Article) error {
		arts = append(arts, a)
		return nil
	})
	if err != nil {
		t.Fatalf("Read %s: %v", path, err)
	}
	return arts, bad
}

// badSummary is what the tests check of a RecordError: its message and
// which sentinels it wraps.
type badSummary struct {
	Msg       string
	Sentinels []string
}

func summarize(bad []*RecordError) []badSummary {
	var out []badSummary
	for _, e := range bad {
		s := badSummary{Msg: e.Error()}
		for _, x := range []struct {
			name string
			err  error
		}{{"format", ErrFormat}, {"empty", ErrEmpty}, {"binary", ErrBinary}, {"encoding", ErrEncoding}} {
			if errors.Is(e, x.err) {
				s.Sentinels = append(s.Sentinels, x.name)
			}
		}
		out = append(out, s)
	}
	return out
}

var detectCases = []struct {
	name string
	path string
	head string
	want Format
}{
	{"txt extension", "a.txt", "<html><body>x</body></html>", FormatText},
	{"md extension", "notes.MD", "# Title", FormatText},
	{"html extension", "page.htm", "plain words", FormatHTML},
	{"jsonl extension", "dump.ndjson", "", FormatJSONL},
	{"rss extension", "world.rss", "", FormatFeed},
	{"atom extension", "world.atom", "", FormatFeed},
	{"xml rss", "feed.xml", `<?xml version="1.0"?>` + "\n<rss version=\"2.0\">", FormatFeed},
	{"xml atom after comment", "feed.xml", `<?xml version="1.0"?><!-- generated --><feed xmlns="http://www.w3.org/2005/Atom">`, FormatFeed},
	{"rdf", "x", `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`, FormatFeed},
	{"xhtml", "page.xml", `<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html xmlns="http://www.w3.org/1999/xhtml">`, FormatHTML},
	{"doctype", "-", "\ufeff  <!DOCTYPE html>\n<html>", FormatHTML},
	{"bare html", "-", "<HTML><HEAD>", FormatHTML},
	{"body only", "page", "<body><p>x</p></body>", FormatHTML},
	{"jsonl", "-", "{\"text\": \"x\"}\n{\"text\": \"y\"}\n", FormatJSONL},
	{"json extension jsonl", "dump.json", "{\"text\": \"x\"}", FormatJSONL},
	{"json array", "dump.json", "[{\"text\": \"x\"}]", FormatJSONL},
	{"json feed", "feed.json", `{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": []}`, FormatFeed},
	{"text", "-", "date 2026-01-01\nPoland expels diplomats", FormatText},
	{"text starting with a tag-like word", "-", "<rssx is not a feed", FormatText},
	{"empty", "-", "", FormatText},
	{"unknown extension sniffed", "article.dat", "<rss>", FormatFeed},
}

func TestDetectFormat(t *testing.T) {
	for _, tc := range detectCases {
		t.Run(tc.name, func(t *testing.T) {
			if got := DetectFormat(tc.path, []byte(tc.head)); got != tc.want {
				t.Errorf("DetectFormat(%q, %q) = %q, want %q", tc.path, tc.head, got, tc.want)
			}
		})
	}
}

func TestIsArticleFile(t *testing.T) {
	for name, want := range map[string]bool{
		"a.txt": true, "a.MD": true, "a.html": true, "a.htm": true, "a.jsonl": true, "a.ndjson": true,
		"a.rss": true, "a.atom": true, "a.xml": true, "a.json": true, "a.markdown": true,
		"a.go": false, "a.pdf": false, "README": false, "a.gz": false,
	} {
		if got := IsArticleFile(name); got != want {
			t.Errorf("IsArticleFile(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{
		"": FormatAuto, "auto": FormatAuto, "TEXT": FormatText, "md": FormatText, "html": FormatHTML,
		"jsonl": FormatJSONL, "ndjson": FormatJSONL, "rss": FormatFeed, "atom": FormatFeed, "feed": FormatFeed,
	} {
		got, err := ParseFormat(in)
		if err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseFormat("pdf"); !errors.Is(err, ErrOption) {
		t.Errorf("ParseFormat(pdf) error %v, want ErrOption", err)
	}
}

func TestParseJSONFields(t *testing.T) {
	tests := []struct {
		spec    string
		want    JSONFields
		wantErr bool
	}{
		{spec: "", want: JSONFields{}},
		{spec: "text=body, date = published ,id=uuid", want: JSONFields{Text: "body", Date: "published", ID: "uuid"}},
		{spec: "Title=meta.headline,url=link,publisher=source.name", want: JSONFields{Title: "meta.headline", URL: "link", Publisher: "source.name"}},
		{spec: "text", wantErr: true},
		{spec: "text=", wantErr: true},
		{spec: "author=byline", wantErr: true},
	}
	for _, tc := range tests {
		got, err := ParseJSONFields(tc.spec)
		if tc.wantErr {
			if !errors.Is(err, ErrOption) {
				t.Errorf("ParseJSONFields(%q) error %v, want ErrOption", tc.spec, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseJSONFields(%q): %v", tc.spec, err)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("ParseJSONFields(%q) (-want +got):\n%s", tc.spec, diff)
		}
	}
}

func TestSafeID(t *testing.T) {
	long := strings.Repeat("é", 150) // 300 bytes
	tests := []struct{ in, want string }{
		{"abc-123", "abc-123"},
		{"  tag:example.org,2026:42 \n", "tag:example.org,2026:42"},
		{"a b\tc\x00d", "a_b_c_d"},
		{"bad\xffbyte", "bad\uFFFDbyte"},
		{"", ""},
		{" \t ", ""},
	}
	for _, tc := range tests {
		if got := SafeID(tc.in); got != tc.want {
			t.Errorf("SafeID(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	got := SafeID(long)
	if len(got) > maxID || !utf8.ValidString(got) || !strings.HasPrefix(got, "éé") || !strings.Contains(got, "~") {
		t.Errorf("SafeID(300 bytes) = %q (%d bytes)", got, len(got))
	}
	if other := SafeID(long + "x"); other == got {
		t.Errorf("two long IDs differing at the end gave the same SafeID %q", got)
	}
	if again := SafeID(got); again != got {
		t.Errorf("SafeID is not idempotent: %q then %q", got, again)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2026-01-08", "2026-01-08"},
		{"2026-01-08T23:30:00-05:00", "2026-01-08"}, // the publisher's day, not UTC's
		{"2026-01-09T01:30:00+07:00", "2026-01-09"},
		{"2026-01-08 10:00", "2026-01-08"},
		{"  2026-01-08t10:00:00Z ", "2026-01-08"},
		{"Thu, 08 Jan 2026 23:30:00 -0500", "2026-01-08"},
		{"Thu, 8 Jan 2026 23:30:00 GMT", "2026-01-08"},
		{"Thu, 08 Jan 2026 23:30 EST", "2026-01-08"},
		{"January 8, 2026", "2026-01-08"},
		{"Jan. 8, 2026", "2026-01-08"},
		{"8 January 2026", "2026-01-08"},
		{"2026/01/08", "2026-01-08"},
		{"20260108", "2026-01-08"},
		{"2026-02-30", ""},
		{"2026-01-081", ""},
		{"1850-01-01", ""},
		{"yesterday", ""},
		{"", ""},
	}
	for _, tc := range tests {
		if got := parseDate(tc.in); got != tc.want {
			t.Errorf("parseDate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestArticleInput(t *testing.T) {
	tests := []struct {
		name string
		a    Article
		want string
	}{
		{"no date", Article{Text: []byte("Title\n\nBody.")}, "Title\n\nBody."},
		{"date added", Article{Date: "2026-01-08", Text: []byte("Title\n\nBody.")}, "date 2026-01-08\nTitle\n\nBody."},
		{"own date line kept", Article{Date: "2026-01-08", Text: []byte("date 2026-01-08\nTitle\n\nBody.")}, "date 2026-01-08\nTitle\n\nBody."},
		{"own dateline kept", Article{Date: "2026-01-08", Text: []byte("Title\n\nACCRA, Jan 8, 2026 - Body.")}, "Title\n\nACCRA, Jan 8, 2026 - Body."},
		{"other dateline: metadata wins", Article{Date: "2026-01-09", Text: []byte("Title\n\nACCRA, Jan 8, 2026 - Body.")}, "date 2026-01-09\nTitle\n\nACCRA, Jan 8, 2026 - Body."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(tc.a.Input()); got != tc.want {
				t.Errorf("Input() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestWithTitle(t *testing.T) {
	tests := []struct{ title, body, want string }{
		{"Headline", "First paragraph.", "Headline\n\nFirst paragraph."},
		{"  Head\n line ", "Body.", "Head line\n\nBody."},
		{"Headline", "Headline\n\nFirst paragraph.", "Headline\n\nFirst paragraph."},
		{"", "\n Body.\n", "Body."},
		{"Headline", "", "Headline"},
	}
	for _, tc := range tests {
		if got := withTitle(tc.title, tc.body); got != tc.want {
			t.Errorf("withTitle(%q, %q) = %q, want %q", tc.title, tc.body, got, tc.want)
		}
	}
}

func TestRecordErrorMessage(t *testing.T) {
	tests := []struct {
		e    RecordError
		want string
	}{
		{RecordError{Path: "a.jsonl", Line: 7, Err: ErrFormat}, "a.jsonl:7: extract: malformed input"},
		{RecordError{Path: "w.rss", Item: 3, ID: "g-3", Err: ErrEmpty}, "w.rss: item 3 (g-3): extract: empty document"},
		{RecordError{Path: "w.rss", Item: 3, Err: ErrEmpty}, "w.rss: item 3: extract: empty document"},
		{RecordError{Path: "p.html", ID: "p.html", Err: ErrBinary}, "p.html: extract: binary content"},
	}
	for _, tc := range tests {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
		if !errors.Is(&tc.e, tc.e.Err) {
			t.Errorf("%q does not unwrap to its reason", tc.want)
		}
	}
}

// TestReadStops checks how Read ends: at the first bad record without
// OnBad, with OnBad's error, and with fn's error, unchanged.
func TestReadStops(t *testing.T) {
	src := "{\"text\": \"One.\"}\nnot json\n{\"text\": \"Two.\"}\n"
	var n int
	err := Read("a.jsonl", strings.NewReader(src), ReadOptions{}, func(Article) error { n++; return nil })
	var re *RecordError
	if !errors.As(err, &re) || re.Line != 2 || !errors.Is(err, ErrFormat) || n != 1 {
		t.Errorf("without OnBad: err %v after %d articles, want a RecordError at line 2 after 1", err, n)
	}

	stop := errors.New("stop here")
	n = 0
	err = Read("a.jsonl", strings.NewReader(src), ReadOptions{OnBad: func(*RecordError) error { return stop }}, func(Article) error { n++; return nil })
	if err != stop || n != 1 {
		t.Errorf("OnBad error: got %v after %d articles, want %v after 1", err, n, stop)
	}

	n = 0
	err = Read("a.jsonl", strings.NewReader(src), ReadOptions{OnBad: func(*RecordError) error { return nil }}, func(Article) error { n++; return stop })
	if err != stop || n != 1 {
		t.Errorf("fn error: got %v after %d articles, want %v after 1", err, n, stop)
	}

	if err := Read("a.txt", strings.NewReader("x"), ReadOptions{Format: "pdf"}, func(Article) error { return nil }); !errors.Is(err, ErrOption) {
		t.Errorf("unknown format: got %v, want ErrOption", err)
	}
}

// failingReader fails after its data.
type failingReader struct{ data string }

func (r *failingReader) Read(p []byte) (int, error) {
	if r.data == "" {
		return 0, errors.New("disk on fire")
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func TestReadIOError(t *testing.T) {
	for _, f := range []Format{FormatText, FormatHTML, FormatJSONL, FormatAuto} {
		err := Read("x", &failingReader{data: "{\"text\": \"One.\"}\n{\"te"}, ReadOptions{Format: f}, func(Article) error { return nil })
		var re *RecordError
		if err == nil || errors.As(err, &re) || !strings.Contains(err.Error(), "disk on fire") || !strings.Contains(err.Error(), "x") {
			t.Errorf("format %q: got %v, want the read failure naming the file", f, err)
		}
	}
}

// checkReader is the invariant the fuzz targets check: reading src as the
// file path in format f never panics and never fails (every problem is a
// RecordError for path wrapping a sentinel); every article has a safe,
// non-empty ID, valid UTF-8 non-blank text, a date that is "" or a real
// YYYY-MM-DD, a one-line title and an absolute http(s) URL or none; text
// passes through unchanged; and reading twice gives the same result.
func checkReader(t *testing.T, path string, src []byte, f Format) {
	read := func() ([]Article, []*RecordError) {
		var arts []Article
		var bad []*RecordError
		err := Read(path, bytes.NewReader(src), ReadOptions{Format: f, OnBad: func(e *RecordError) error {
			bad = append(bad, e)
			return nil
		}}, func(a Article) error {
			arts = append(arts, a)
			return nil
		})
		if err != nil {
			t.Fatalf("Read failed: %v", err)
		}
		return arts, bad
	}
	arts, bad := read()
	for _, e := range bad {
		if e.Path != path {
			t.Errorf("record error for path %q, want %q", e.Path, path)
		}
		if !errors.Is(e, ErrFormat) && !errors.Is(e, ErrEmpty) && !errors.Is(e, ErrBinary) && !errors.Is(e, ErrEncoding) {
			t.Errorf("record error %v wraps no sentinel", e)
		}
	}
	for _, a := range arts {
		if a.ID == "" || SafeID(a.ID) != a.ID {
			t.Errorf("unsafe ID %q", a.ID)
		}
		if a.Path != path {
			t.Errorf("article path %q, want %q", a.Path, path)
		}
		if !utf8.Valid(a.Text) || len(bytes.TrimSpace(a.Text)) == 0 {
			t.Errorf("article text %q is blank or not UTF-8", a.Text)
		}
		if a.Date != "" {
			if _, err := time.Parse("2006-01-02", a.Date); err != nil {
				t.Errorf("date %q", a.Date)
			}
		}
		if !utf8.ValidString(a.Title) || strings.ContainsAny(a.Title, "\n\r") || !utf8.ValidString(a.Publisher) {
			t.Errorf("title %q or publisher %q", a.Title, a.Publisher)
		}
		if a.URL != "" {
			if u, err := url.Parse(a.URL); err != nil || !u.IsAbs() || u.Host == "" {
				t.Errorf("URL %q", a.URL)
			}
		}
		if f == FormatText && !bytes.Equal(a.Text, src) {
			t.Errorf("text reader changed the text")
		}
	}
	arts2, bad2 := read()
	if diff := cmp.Diff(arts, arts2); diff != "" {
		t.Errorf("second read differs (-first +second):\n%s", diff)
	}
	if diff := cmp.Diff(summarize(bad), summarize(bad2)); diff != "" {
		t.Errorf("second read's errors differ (-first +second):\n%s", diff)
	}
}
