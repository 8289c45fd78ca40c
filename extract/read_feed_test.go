package extract

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const rssItems = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>World  Desk &amp; Wire</title>
  <link>https://desk.example/world/</link>
  <item>
    <title>Poland expels diplomats</title>
    <link>https://desk.example/world/1</link>
    <guid isPermaLink="false">desk-1</guid>
    <pubDate>Tue, 13 May 2025 23:30:00 -0500</pubDate>
    <description>Short summary.</description>
    <content:encoded><![CDATA[<p>WARSAW — Poland expelled three diplomats.</p><p>Moscow denied it.</p>]]></content:encoded>
  </item>
  <item>
    <title>Relative link, escaped HTML description</title>
    <link>/world/2</link>
    <dc:date>2025-05-14T08:00:00+02:00</dc:date>
    <description>&lt;p&gt;First paragraph.&lt;/p&gt;&lt;p&gt;Second &amp;amp; last.&lt;/p&gt;</description>
  </item>
  <item>
    <title>No link, plain description</title>
    <description>
      Line one of a plain description.

      Its second paragraph.
    </description>
  </item>
  <item>
    <title>Nothing to read</title>
    <guid>desk-4</guid>
  </item>
</channel>
</rss>
`

const atomEntries = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Lake &lt;b&gt;Herald&lt;/b&gt;</title>
  <link href="https://lake.example/"/>
  <id>tag:lake.example,2025:feed</id>
  <updated>2025-11-03T10:00:00Z</updated>
  <entry>
    <title>Patrols agreed</title>
    <link rel="alternate" href="https://lake.example/patrols"/>
    <id>tag:lake.example,2025:1</id>
    <published>2025-11-03T01:15:00+03:00</published>
    <updated>2025-11-04T09:00:00+03:00</updated>
    <summary>Summary only used without content.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>KAMPALA — Uganda and Kenya agreed on patrols.</p><p>They begin in January.</p></div></content>
  </entry>
  <entry>
    <title>Updated only</title>
    <id>tag:lake.example,2025:2</id>
    <updated>2025-11-05T22:00:00-08:00</updated>
    <summary>The summary is the text.</summary>
  </entry>
</feed>
`

const rdfItems = `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://old.example/"><title>Old Wire</title><link>https://old.example/</link></channel>
  <item rdf:about="https://old.example/a">
    <title>RSS 1.0 item</title>
    <link>https://old.example/a</link>
    <dc:date>2024-03-01T12:00:00Z</dc:date>
    <description>An item from an RSS 1.0 feed.</description>
  </item>
</rdf:RDF>
`

const jsonFeed = `{"version": "https://jsonfeed.org/version/1.1", "title": "JSON Wire", "home_page_url": "https://json.example/",
 "items": [{"id": "j1", "url": "https://json.example/j1", "title": "A JSON Feed item", "date_published": "2026-01-08T23:30:00-05:00",
            "content_html": "<p>Paragraph one.</p><p>Paragraph two.</p>"}]}`

var feedCases = []struct {
	name    string
	path    string
	src     string
	want    []Article // Path is set to path by the test
	wantBad []badSummary
}{
	{
		name: "rss 2.0",
		path: "world.rss",
		src:  rssItems,
		want: []Article{
			// 23:30 at -05:00 is the 14th in UTC: the date stays the 13th.
			{ID: "desk-1", URL: "https://desk.example/world/1", Title: "Poland expels diplomats", Publisher: "World Desk & Wire", Date: "2025-05-13",
				Text: []byte("Poland expels diplomats\n\nWARSAW — Poland expelled three diplomats.\n\nMoscow denied it.")},
			{ID: "https://desk.example/world/2", URL: "https://desk.example/world/2", Title: "Relative link, escaped HTML description", Publisher: "World Desk & Wire", Date: "2025-05-14",
				Text: []byte("Relative link, escaped HTML description\n\nFirst paragraph.\n\nSecond & last.")},
			{ID: "world.rss#3", Title: "No link, plain description", Publisher: "World Desk & Wire",
				Text: []byte("No link, plain description\n\nLine one of a plain description.\n\nIts second paragraph.")},
		},
		wantBad: []badSummary{{Msg: "world.rss: item 4 (desk-4): extract: empty document: the item has no content or description", Sentinels: []string{"empty"}}},
	},
	{
		name: "atom",
		path: "lake.xml",
		src:  atomEntries,
		want: []Article{
			{ID: "tag:lake.example,2025:1", URL: "https://lake.example/patrols", Title: "Patrols agreed", Publisher: "Lake Herald", Date: "2025-11-03",
				Text: []byte("Patrols agreed\n\nKAMPALA — Uganda and Kenya agreed on patrols.\n\nThey begin in January.")},
			{ID: "tag:lake.example,2025:2", Title: "Updated only", Publisher: "Lake Herald", Date: "2025-11-05",
				Text: []byte("Updated only\n\nThe summary is the text.")},
		},
	},
	{
		name: "rss 1.0",
		path: "-",
		src:  rdfItems,
		want: []Article{{ID: "https://old.example/a", URL: "https://old.example/a", Title: "RSS 1.0 item", Publisher: "Old Wire", Date: "2024-03-01",
			Text: []byte("RSS 1.0 item\n\nAn item from an RSS 1.0 feed.")}},
	},
	{
		name: "json feed",
		path: "feed.json",
		src:  jsonFeed,
		want: []Article{{ID: "j1", URL: "https://json.example/j1", Title: "A JSON Feed item", Publisher: "JSON Wire", Date: "2026-01-08",
			Text: []byte("A JSON Feed item\n\nParagraph one.\n\nParagraph two.")}},
	},
	{
		name: "declared legacy encoding",
		path: "latin.rss",
		src: "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Caf\xe9</title>" +
			"<item><guid>l1</guid><description>S\xe3o Paulo mayor resigns.</description></item></channel></rss>",
		want: []Article{{ID: "l1", Publisher: "Café", Text: []byte("São Paulo mayor resigns.")}},
	},
	{
		name:    "not a feed",
		path:    "broken.rss",
		src:     "<rss><channel><item><title>cut",
		wantBad: []badSummary{{Msg: "broken.rss: extract: malformed input: XML syntax error on line 1: unexpected EOF", Sentinels: []string{"format"}}},
	},
	{
		name:    "not XML at all",
		path:    "x.rss",
		src:     "hello",
		wantBad: []badSummary{{Msg: "x.rss: extract: malformed input: Failed to detect feed type", Sentinels: []string{"format"}}},
	},
}

func TestReadFeed(t *testing.T) {
	for _, tc := range feedCases {
		t.Run(tc.name, func(t *testing.T) {
			got, bad := readAllArticles(t, tc.path, tc.src, ReadOptions{Format: FormatFeed})
			for i := range tc.want {
				tc.want[i].Path = tc.path
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

func FuzzReadFeed(f *testing.F) {
	for _, tc := range feedCases {
		f.Add([]byte(tc.src))
	}
	for _, name := range []string{"feed.rss", "feed.atom"} {
		if raw, err := os.ReadFile(filepath.Join("..", "testdata", "formats", name)); err == nil {
			f.Add(raw)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkReader(t, "f.rss", src, FormatFeed)
	})
}

// FuzzRead reads any input with the format detected from its content.
func FuzzRead(f *testing.F) {
	for _, tc := range feedCases {
		f.Add([]byte(tc.src))
	}
	for _, tc := range jsonlCases {
		f.Add([]byte(tc.src))
	}
	for _, tc := range detectCases {
		f.Add([]byte(tc.head))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkReader(t, "-", src, FormatAuto)
	})
}
