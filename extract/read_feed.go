package extract

import (
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// readFeed reads an RSS (0.9x, 1.0, 2.0), Atom or JSON Feed file, one
// article an item, in feed order. The feed parser (gofeed) reads the whole
// feed into memory before the first item is handed on, so a feed costs a
// few times its size in memory; very large archives are better kept as
// JSON Lines, which is read a line at a time.
//
// An item's text is its full content (content:encoded, Atom content), else
// its description or summary, turned from HTML into plain text with its
// paragraphs; its date the published date, else the updated one, as the
// calendar day in the date's own offset; its URL its link (resolved against
// the feed's link when relative); its publisher the feed's title. An item
// with no text is a record error wrapping ErrEmpty; a feed that does not
// parse is one for the whole file, wrapping ErrFormat.
func (rd *reader) readFeed(r io.Reader) error {
	feed, err := parseFeed(r)
	if err != nil {
		return rd.bad(&RecordError{ID: rd.base, Err: fmt.Errorf("%w: %w", ErrFormat, err)})
	}
	publisher := feedText(feed.Title)
	var base *url.URL
	if u, err := url.Parse(strings.TrimSpace(feed.Link)); err == nil && u.IsAbs() {
		base = u
	}
	for i, it := range feed.Items {
		if it == nil {
			continue
		}
		n := i + 1
		a := Article{Path: rd.path, Publisher: publisher, Title: feedText(it.Title), URL: itemURL(it.Link, base)}
		a.ID = SafeID(it.GUID)
		if a.ID == "" {
			a.ID = SafeID(a.URL)
		}
		if a.ID == "" {
			a.ID = SafeID(rd.base + "#" + strconv.Itoa(n))
		}
		a.Date = itemDate(it)
		body := it.Content
		if strings.TrimSpace(body) == "" {
			body = it.Description
		}
		if markupRE.MatchString(body) {
			body = htmlToText(body)
		} else {
			body = plainParagraphs(body)
		}
		if body == "" {
			if err := rd.bad(&RecordError{Item: n, ID: a.ID, Err: fmt.Errorf("%w: the item has no content or description", ErrEmpty)}); err != nil {
				return err
			}
			continue
		}
		if err := validate([]byte(body)); err != nil {
			if err := rd.bad(&RecordError{Item: n, ID: a.ID, Err: err}); err != nil {
				return err
			}
			continue
		}
		a.Text = []byte(withTitle(a.Title, body))
		if err := rd.fn(a); err != nil {
			return err
		}
	}
	return nil
}

// parseFeed runs gofeed over r, turning a panic inside it into an error.
func parseFeed(r io.Reader) (feed *gofeed.Feed, err error) {
	defer func() {
		if p := recover(); p != nil {
			feed, err = nil, fmt.Errorf("feed parser failed: %v", p)
		}
	}()
	return gofeed.NewParser().Parse(r)
}

// markupRE finds an HTML tag, comment or character reference.
var markupRE = regexp.MustCompile(`<[a-zA-Z/!]|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);`)

// feedText returns a feed title as one line of plain text.
func feedText(s string) string {
	if markupRE.MatchString(s) {
		s = htmlToText(s)
	}
	return strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
}

// itemURL returns an item's link as an absolute http(s) URL, resolved
// against the feed's link base when relative, or "".
func itemURL(link string, base *url.URL) string {
	link = strings.TrimSpace(link)
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	if !u.IsAbs() && base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		return u.String()
	}
	return ""
}

// itemDate returns an item's publication date as YYYY-MM-DD in the date's
// own offset: published, else updated, or "". The date strings are read
// first: gofeed's parsed times are in UTC, which would move a late-evening
// date west of Greenwich (or an early-morning one east of it) to another
// day. The parsed times are the fallback for layouts parseDate does not know.
func itemDate(it *gofeed.Item) string {
	for _, s := range []string{it.Published, it.Updated} {
		if d := parseDate(s); d != "" {
			return d
		}
	}
	for _, t := range []*time.Time{it.PublishedParsed, it.UpdatedParsed} {
		if t != nil {
			if d := dayOf(*t); d != "" {
				return d
			}
		}
	}
	return ""
}

// plainParagraphs tidies plain text from a feed: each line trimmed (feeds
// indent their content), runs of blank lines made one, invisible characters
// dropped, valid UTF-8.
func plainParagraphs(s string) string {
	var b strings.Builder
	blank := false
	for _, line := range strings.Split(strings.Map(dropInvisible, s), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			if blank {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		b.WriteString(line)
		blank = false
	}
	return strings.ToValidUTF8(b.String(), "\uFFFD")
}
