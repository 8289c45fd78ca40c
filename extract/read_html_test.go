package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The bodies of the pages under testdata/readers.
const (
	aflaoText = "Ghana and Togo reopen Aflao border crossing\n\n" +
		"ACCRA — Ghana and Togo agreed on Monday to reopen their main border crossing at Aflao, ending a closure that had stranded hundreds of lorries for a week, officials in both countries said.\n\n" +
		"The decision followed talks in Lomé between Ghana's interior minister, Kwame Boateng, and his Togolese counterpart, Afi Mensah. The two ministers said customs officers would work through the night to clear the backlog.\n\n" +
		"Traders on both sides welcomed the news. “We lost perishable goods worth millions,” said Ama Owusu, who sells tomatoes at the Aflao market.\n\n" +
		"Border reopened at 6 a.m.\n\n" +
		"Lorries cleared by Wednesday\n\n" +
		"Customs officials said the backlog\nwould take three days to clear."
	lakeParas = "KAMPALA — Uganda and Kenya agreed on Sunday to run joint patrols on Lake Victoria to curb illegal fishing, the two governments said in a statement after talks in Kampala.\n\n" +
		"Ugandan Fisheries Minister Grace Nakato and her Kenyan counterpart, Daniel Kiprono, signed the accord at a ceremony attended by fishermen's leaders from both countries."
	lakeLast = "The patrols will begin in January and will be funded equally by the two governments, the statement said."
)

var htmlCases = []struct {
	file    string
	want    Article // Text as a string in wantText
	text    string
	wantBad []badSummary
}{
	{
		// article:published_time 23:30 at -05:00 is the 9th in UTC: the
		// date stays the publisher's 8th. Navigation and footer are dropped,
		// <q> gets its quotation marks, &nbsp; and &shy; disappear.
		file: "meta_og.html",
		want: Article{ID: "meta_og.html", URL: "https://coastline.example/africa/ghana-togo-border",
			Title: "Ghana and Togo reopen Aflao border crossing", Publisher: "Coastline Daily", Date: "2026-01-08"},
		text: aflaoText,
	},
	{
		// JSON-LD in @graph gives the date, the URL (mainEntityOfPage) and
		// the publisher by @id; the header's <time> is not the date; a
		// second ld+json block that is not JSON is ignored.
		file: "jsonld_graph.html",
		want: Article{ID: "jsonld_graph.html", URL: "https://lakeside.example/region/lake-patrols",
			Title: "Uganda and Kenya agree to share Lake Victoria patrols", Publisher: "Lakeside Herald", Date: "2025-11-03"},
		text: "Uganda and Kenya agree to share Lake Victoria patrols\n\n" + lakeParas + "\n\n" + lakeLast,
	},
	{
		// No metadata: the first <time> inside <article>, not the header's.
		file: "time_in_article.html",
		want: Article{ID: "time_in_article.html", Title: "Patrols agreed", Date: "2025-11-02"},
		text: "Patrols agreed\n\nPosted 2 November\n\n" + lakeParas + "\n\n" + lakeLast,
	},
	{
		file: "latin1.html", // declared ISO-8859-1
		want: Article{ID: "latin1.html", Title: "Colombia and Brazil step up river patrols"},
		text: "Colombia and Brazil step up river patrols\n\n" +
			"BOGOTÁ - Colombia and Brazil agreed on Tuesday to step up joint river patrols along their Amazon border, officials said after a meeting in São Gabriel da Cachoeira.\n\n" +
			"The defence ministers said the patrols would target illegal gold mining and the trafficking of timber.",
	},
	{
		file: "undeclared_1252.html", // no charset, not UTF-8: windows-1252
		want: Article{ID: "undeclared_1252.html", Title: "Talks constructive, minister says"},
		text: "Talks constructive, minister says\n\nThe minister said the talks were “constructive” and that a new round would be held in Montréal next month.",
	},
	{
		file: "utf16le.html", // UTF-16 with a byte order mark
		want: Article{ID: "utf16le.html", Title: "Patrols agreed"},
		text: "Patrols agreed\n\n" + lakeParas,
	},
	{
		file:    "empty.html",
		wantBad: []badSummary{{Msg: "testdata/readers/empty.html: extract: empty document: no article text found in the page", Sentinels: []string{"empty"}}},
	},
}

func TestReadHTML(t *testing.T) {
	for _, tc := range htmlCases {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", "readers", tc.file)
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got, bad := readAllArticles(t, path, string(raw), ReadOptions{})
			var want []Article
			if tc.wantBad == nil {
				tc.want.Path, tc.want.Text = path, []byte(tc.text)
				want = []Article{tc.want}
			}
			if diff := cmp.Diff(want, got, cmp.Transformer("text", func(b []byte) string { return string(b) })); diff != "" {
				t.Errorf("articles (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantBad, summarize(bad)); diff != "" {
				t.Errorf("bad records (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadHTMLBinary(t *testing.T) {
	_, bad := readAllArticles(t, "x.html", "<html><body><p>\x00\x00\x00\x00</p></body></html>", ReadOptions{})
	want := []badSummary{{Msg: "x.html: extract: binary content: NUL byte at offset 15", Sentinels: []string{"binary"}}}
	if diff := cmp.Diff(want, summarize(bad)); diff != "" {
		t.Errorf("bad records (-want +got):\n%s", diff)
	}
}

func TestDecodeHTML(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want string
	}{
		{"utf-8", "<p>São Paulo</p>", "<p>São Paulo</p>"},
		{"utf-8 BOM", "\xef\xbb\xbf<p>é</p>", "<p>é</p>"},
		{"meta charset", `<meta charset="iso-8859-1"><p>S` + "\xe3" + `o</p>`, `<meta charset="iso-8859-1"><p>São</p>`},
		{"http-equiv", `<meta http-equiv="content-type" content="text/html; charset=windows-1251"><p>` + "\xcc\xee\xf1\xea\xe2\xe0" + `</p>`,
			`<meta http-equiv="content-type" content="text/html; charset=windows-1251"><p>Москва</p>`},
		{"xml declaration", `<?xml version="1.0" encoding="ISO-8859-15"?><p>` + "\xa4" + `</p>`, `<?xml version="1.0" encoding="ISO-8859-15"?><p>€</p>`},
		{"declared utf-16 read as utf-8", `<meta charset="utf-16"><p>é</p>`, `<meta charset="utf-16"><p>é</p>`},
		{"declared utf-8 with a broken byte", `<meta charset="utf-8"><p>a` + "\xff" + `b</p>`, `<meta charset="utf-8"><p>a` + "\uFFFD" + `b</p>`},
		{"unknown charset", `<meta charset="klingon"><p>é</p>`, `<meta charset="klingon"><p>é</p>`},
		{"undeclared legacy", "<p>\x93caf\xe9\x94</p>", "<p>“café”</p>"},
		{"undeclared mostly utf-8", "<p>Gdańsk, Kraków \xff</p>", "<p>Gdańsk, Kraków \uFFFD</p>"},
		{"utf-16be BOM", "\xfe\xff\x00<\x00p\x00>\x00\xe9", "<p>é"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(decodeHTML([]byte(tc.raw))); got != tc.want {
				t.Errorf("decodeHTML(%q) = %q, want %q", tc.raw, got, tc.want)
			}
		})
	}
}

func TestHTMLToText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"paragraphs", "<p>One.</p>\n  <p>Two\n  lines.</p>", "One.\n\nTwo lines."},
		{"inline", "<p>A <b>bold</b><i>ly</i> <a href=x>linked</a> word.</p>", "A boldly linked word."},
		{"br", "<p>Line one<br>line two<br/><br>three</p>", "Line one\nline two\nthree"},
		{"lists and headings", "<h2>Key points</h2><ul><li>First</li><li>Second</li></ul>", "Key points\n\nFirst\n\nSecond"},
		{"nested blocks", "<div><div><p>Deep.</p></div><blockquote><p>Quoted.</p></blockquote></div>", "Deep.\n\nQuoted."},
		{"pre", "<p>Table:</p><pre>a  b\n1  2</pre>", "Table:\n\na  b\n1  2"},
		{"entities and invisible", "<p>Tom&nbsp;&amp;&nbsp;Jerry co&shy;operate&#8203;d &lt;ok&gt;</p>", "Tom & Jerry cooperated <ok>"},
		{"skipped", "<p>Text<script>var x;</script><style>p{}</style><noscript>enable JS</noscript> stays.</p>", "Text stays."},
		{"table cells", "<table><tr><td>Kenya</td><td>12</td></tr><tr><td>Uganda</td><td>9</td></tr></table>", "Kenya 12\n\nUganda 9"},
		{"q", "<p>He said <q>no</q>.</p>", "He said “no”."},
		{"plain", "just text", "just text"},
		{"empty", "<p> </p><div></div>", ""},
		{"invalid utf-8", "<p>a\xffb</p>", "a\uFFFDb"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := htmlToText(tc.in); got != tc.want {
				t.Errorf("htmlToText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestFirstURL(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{[]string{"https://a.example/x", "https://b.example/y"}, "https://a.example/x"},
		{[]string{"", "https://b.example/y"}, "https://b.example/y"},
		{[]string{"/news/1", "https://b.example/y"}, "https://b.example/news/1"},
		{[]string{"/news/1", ""}, ""},
		{[]string{"javascript:alert(1)", "ftp://c.example/z"}, ""},
	}
	for _, tc := range tests {
		if got := firstURL(tc.in...); got != tc.want {
			t.Errorf("firstURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzReadHTML(f *testing.F) {
	paths, _ := filepath.Glob("testdata/readers/*.html")
	for _, p := range paths {
		if raw, err := os.ReadFile(p); err == nil {
			f.Add(raw)
		}
	}
	for _, s := range []string{"", "<p>x</p>", "<html><head><meta charset=\"shift_jis\"></head><body><p>\x82\xa0</p>",
		`<script type="application/ld+json">{"@graph": [{"@type": "Article", "datePublished": "2026-01-01", "publisher": [{"@id": "x"}]}]}</script><p>Words here.</p>`,
		"<time datetime=\"9999-99-99\"><article><p>" + strings.Repeat("a ", 300) + "</p></article>"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkReader(t, "f.html", src, FormatHTML)
	})
}
