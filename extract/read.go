package extract

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Reading articles
//
// Read turns an input file (or standard input) into Articles, the unit the
// pipeline extracts. A file holds one article (plain text, Markdown, HTML)
// or many (JSON Lines, RSS and Atom feeds). Read streams: it calls its
// callback once per article as it goes, so a JSON Lines archive of a million
// articles is read with the memory of one line. Feeds are the exception:
// the feed parser holds one whole feed file in memory (a few times its size)
// before the first item is handed on.
//
// Dates are calendar days (YYYY-MM-DD) in the article's own time offset, not
// in UTC: "2026-01-08T23:30:00-05:00" is 2026-01-08, the publisher's day,
// although it is already January 9 in UTC. A date given without an offset
// is taken as it is written; a Unix timestamp (JSON Lines only) is read in
// UTC, having no offset of its own.

// The errors Read reports for input it cannot read. They reach the caller
// inside a *RecordError (naming the file, and the line or feed item); test
// with errors.Is.
var (
	// ErrFormat means the input is not in the format it was read as: a JSON
	// Lines line that is not a JSON object or has no text, a feed that does
	// not parse, a record larger than ReadOptions.MaxBytes.
	ErrFormat = errors.New("extract: malformed input")
	// ErrOption means a reading option is not understood: an unknown format
	// name, a bad JSON field mapping.
	ErrOption = errors.New("extract: bad read option")
)

// Article is one article as a reader found it, before extraction.
type Article struct {
	// ID is the record name. For a file holding one article it is the file's
	// base name ("stdin" for standard input). For an item of a JSON Lines
	// file or a feed it is the item's own id (the id field, the feed item's
	// guid), else its URL, else the file's base name and the item's position
	// ("archive.jsonl#42" for line 42, "world.rss#3" for the third item),
	// made safe by SafeID. IDs from positions are unique within the file;
	// IDs an archive gives are the archive's to keep unique.
	ID string
	// Path is the file the article was read from ("-" for standard input).
	Path string
	// URL is the article's canonical address, or "" if unknown.
	URL string
	// Title is the headline, or "" if unknown.
	Title string
	// Publisher is the publication's name (the site or feed name), or "".
	Publisher string
	// Date is the publication date as YYYY-MM-DD in the article's own time
	// offset, or "" if unknown or unreadable.
	Date string
	// Text is the article text: for plain text and Markdown the file's bytes
	// unchanged; for the other formats the headline (when known and not
	// already the start of the body), a blank line, and the body as plain
	// text with one blank line between paragraphs. It is valid UTF-8.
	Text []byte
}

// Input returns the bytes to hand to Pipeline.Extract: Text, preceded by a
// first line `date YYYY-MM-DD` when Date is set and Text does not already
// give that date itself (as its own date line or dateline), so that the
// pipeline dates the article and resolves its relative dates by it.
func (a Article) Input() []byte {
	if a.Date == "" {
		return a.Text
	}
	head := a.Text
	if len(head) > 16<<10 {
		head = head[:16<<10]
	}
	if t, ok := ArticleDate(head); ok && t.Format("2006-01-02") == a.Date {
		return a.Text
	}
	out := make([]byte, 0, len("date \n")+len(a.Date)+len(a.Text))
	out = append(out, "date "...)
	out = append(out, a.Date...)
	out = append(out, '\n')
	return append(out, a.Text...)
}

// Format names an input format.
type Format string

// The input formats. FormatAuto picks one by the file's extension, or by its
// first bytes when the extension says nothing (standard input, .xml, .json,
// an unknown extension).
const (
	FormatAuto  Format = ""
	FormatText  Format = "text"  // plain text or Markdown, one article
	FormatHTML  Format = "html"  // a web page, one article
	FormatJSONL Format = "jsonl" // JSON Lines, one article a line
	FormatFeed  Format = "feed"  // RSS, Atom or JSON Feed, one article an item
)

// ParseFormat returns the Format named s: "auto" (or ""), "text" (or
// "txt", "md", "markdown"), "html", "jsonl" (or "ndjson"), "feed" (or
// "rss", "atom"). Other names are an error wrapping ErrOption.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return FormatAuto, nil
	case "text", "txt", "md", "markdown":
		return FormatText, nil
	case "html", "htm":
		return FormatHTML, nil
	case "jsonl", "ndjson":
		return FormatJSONL, nil
	case "feed", "rss", "atom":
		return FormatFeed, nil
	}
	return FormatAuto, fmt.Errorf("%w: unknown format %q (want auto, text, html, jsonl or feed)", ErrOption, s)
}

// extFormats maps the file extensions Read knows to their format. .xml and
// .json are absent: their content decides.
var extFormats = map[string]Format{
	".txt": FormatText, ".text": FormatText, ".md": FormatText, ".markdown": FormatText,
	".html": FormatHTML, ".htm": FormatHTML, ".xhtml": FormatHTML,
	".jsonl": FormatJSONL, ".ndjson": FormatJSONL,
	".rss": FormatFeed, ".atom": FormatFeed,
}

// IsArticleFile reports whether a directory walk should pick up the file
// name: its extension is one Read knows (.txt, .text, .md, .markdown, .html,
// .htm, .xhtml, .jsonl, .ndjson, .rss, .atom, .xml, .json).
func IsArticleFile(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	_, ok := extFormats[ext]
	return ok || ext == ".xml" || ext == ".json"
}

// DetectFormat returns the format of a file named path whose first bytes
// are head (a few kilobytes are plenty). A known extension decides (.txt,
// .md, .html, .jsonl, .rss, …); otherwise head does: a feed root element
// (<rss, <feed, <rdf:RDF) or a JSON Feed, then an HTML page (<!DOCTYPE html,
// <html, or a document starting with <head or <body), then JSON Lines (the
// input starts with "{", or with "[" for a JSON array, which JSON Lines
// reading then reports line by line), and text for anything else.
func DetectFormat(path string, head []byte) Format {
	if path != "-" {
		if f, ok := extFormats[strings.ToLower(filepath.Ext(path))]; ok {
			return f
		}
	}
	return sniff(head)
}

// sniff is DetectFormat for content alone.
func sniff(head []byte) Format {
	h := bytes.TrimPrefix(head, []byte("\ufeff"))
	h = bytes.TrimLeftFunc(h, unicode.IsSpace)
	if len(h) > 4096 {
		h = h[:4096]
	}
	lower := bytes.ToLower(h)
	switch {
	case len(lower) == 0:
		return FormatText
	case lower[0] == '{':
		if bytes.Contains(lower, []byte("jsonfeed.org/version")) {
			return FormatFeed
		}
		return FormatJSONL
	case lower[0] == '[':
		// A JSON array is not supported, but read as JSON Lines its lines
		// are reported as not JSON objects rather than extracted as text.
		return FormatJSONL
	case lower[0] != '<':
		return FormatText
	}
	// Skip the XML declaration, comments and doctype to the root element.
	root := lower
	for {
		switch {
		case bytes.HasPrefix(root, []byte("<?")):
			root = skipPast(root, "?>")
		case bytes.HasPrefix(root, []byte("<!--")):
			root = skipPast(root, "-->")
		case bytes.HasPrefix(root, []byte("<!doctype")):
			if bytes.HasPrefix(bytes.TrimLeftFunc(root[len("<!doctype"):], unicode.IsSpace), []byte("html")) {
				return FormatHTML
			}
			root = skipPast(root, ">")
		default:
			goto found
		}
		root = bytes.TrimLeftFunc(root, unicode.IsSpace)
	}
found:
	for _, tag := range []string{"<rss", "<feed", "<rdf:rdf"} {
		if hasTag(root, tag) {
			return FormatFeed
		}
	}
	for _, tag := range []string{"<html", "<head", "<body"} {
		if hasTag(root, tag) {
			return FormatHTML
		}
	}
	return FormatText
}

// skipPast returns b after the first occurrence of end, or nothing.
func skipPast(b []byte, end string) []byte {
	if i := bytes.Index(b, []byte(end)); i >= 0 {
		return b[i+len(end):]
	}
	return nil
}

// hasTag reports whether b starts with the tag name tag ("<rss") followed by
// the end of the name.
func hasTag(b []byte, tag string) bool {
	if !bytes.HasPrefix(b, []byte(tag)) {
		return false
	}
	if len(b) == len(tag) {
		return true
	}
	c := b[len(tag)]
	return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

// JSONFields names the JSON Lines fields an article is read from. An empty
// name means the default in brackets. A name with dots ("meta.title")
// reaches into nested objects when no field has the dotted name itself.
type JSONFields struct {
	Text      string // the article text, required ["text"]
	Title     string // ["title"]
	Date      string // a date string or a Unix timestamp ["date"]
	URL       string // ["url"]
	ID        string // a string or number ["id"]
	Publisher string // ["publisher"]
}

// withDefaults returns f with empty names set to their defaults.
func (f JSONFields) withDefaults() JSONFields {
	def := func(s *string, d string) {
		if *s == "" {
			*s = d
		}
	}
	def(&f.Text, "text")
	def(&f.Title, "title")
	def(&f.Date, "date")
	def(&f.URL, "url")
	def(&f.ID, "id")
	def(&f.Publisher, "publisher")
	return f
}

// ParseJSONFields reads a field mapping written "text=body,date=published"
// (keys text, title, date, url, id, publisher; unnamed keys keep their
// defaults). An unknown key, a pair without "=" or an empty name is an
// error wrapping ErrOption.
func ParseJSONFields(spec string) (JSONFields, error) {
	var f JSONFields
	if strings.TrimSpace(spec) == "" {
		return f, nil
	}
	for _, pair := range strings.Split(spec, ",") {
		k, v, ok := strings.Cut(pair, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || v == "" {
			return JSONFields{}, fmt.Errorf("%w: JSON field mapping %q: want key=name", ErrOption, pair)
		}
		var dst *string
		switch strings.ToLower(k) {
		case "text":
			dst = &f.Text
		case "title":
			dst = &f.Title
		case "date":
			dst = &f.Date
		case "url":
			dst = &f.URL
		case "id":
			dst = &f.ID
		case "publisher":
			dst = &f.Publisher
		default:
			return JSONFields{}, fmt.Errorf("%w: JSON field mapping: unknown key %q (want text, title, date, url, id or publisher)", ErrOption, k)
		}
		*dst = v
	}
	return f, nil
}

// DefaultMaxBytes is the default of ReadOptions.MaxBytes.
const DefaultMaxBytes = 32 << 20

// ReadOptions tells Read how to read its input. The zero value reads any
// format with the default field names and stops at the first bad record.
type ReadOptions struct {
	// Format forces a format; FormatAuto (the zero value) detects it.
	Format Format
	// Fields names the JSON Lines fields.
	Fields JSONFields
	// MaxBytes caps one record: a text or HTML file, a JSON Lines line.
	// A larger record is a RecordError wrapping ErrFormat (the rest of a
	// JSON Lines file is still read). Zero means DefaultMaxBytes. Feeds are
	// not capped: the feed parser reads the whole feed.
	MaxBytes int
	// OnBad is called with each record Read cannot turn into an article,
	// and with a file that cannot be read in its format at all (a feed
	// that does not parse). Returning nil goes on with the next record;
	// an error stops Read, which returns it. A nil OnBad stops Read at the
	// first bad record, returning its *RecordError.
	OnBad func(*RecordError) error
}

// RecordError is a record (or a whole file) that could not be read. Err
// wraps ErrFormat, or ErrEncoding, ErrBinary or ErrEmpty when the record's
// text is refused for the reasons Extract refuses text.
type RecordError struct {
	Path string // the file, "-" for standard input
	Line int    // the JSON Lines line (1-based), or 0
	Item int    // the feed item (1-based), or 0
	ID   string // the record's ID, when known
	Err  error
}

// Error reads "path:line: why", "path: item N (id): why" or "path: why".
func (e *RecordError) Error() string {
	switch {
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	case e.Item > 0 && e.ID != "":
		return fmt.Sprintf("%s: item %d (%s): %v", e.Path, e.Item, e.ID, e.Err)
	case e.Item > 0:
		return fmt.Sprintf("%s: item %d: %v", e.Path, e.Item, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

// Unwrap returns the reason.
func (e *RecordError) Unwrap() error { return e.Err }

// reader carries one Read call's settings to the format readers.
type reader struct {
	path string // as given; "-" for standard input
	base string // the file's base name, "stdin" for standard input
	opt  ReadOptions
	max  int
	fn   func(Article) error
}

// bad hands a record error to OnBad, or returns it when there is none.
func (rd *reader) bad(e *RecordError) error {
	e.Path = rd.path
	if rd.opt.OnBad == nil {
		return e
	}
	return rd.opt.OnBad(e)
}

// Read reads the articles in r, which holds the file at path ("-" for
// standard input), and calls fn with each in input order. The format is
// opt.Format, or detected by DetectFormat from path and the first bytes of
// r. A record that cannot be read goes to opt.OnBad (see ReadOptions).
//
// Read returns nil when r is read to the end; an error fn or OnBad
// returned, unchanged; a *RecordError when OnBad is nil; or a failure to
// read r, wrapped with the path. Article.Text is valid UTF-8 and is not
// shared with later articles, so fn may keep it.
func Read(path string, r io.Reader, opt ReadOptions, fn func(Article) error) error {
	rd := &reader{path: path, base: filepath.Base(path), opt: opt, max: opt.MaxBytes, fn: fn}
	if path == "-" || path == "" {
		rd.base = "stdin"
	}
	if rd.max <= 0 {
		rd.max = DefaultMaxBytes
	}
	br := bufio.NewReaderSize(r, 64<<10)
	format := opt.Format
	if format == FormatAuto {
		head, err := br.Peek(4096)
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			return fmt.Errorf("read %s: %w", path, err)
		}
		format = DetectFormat(path, head)
	}
	switch format {
	case FormatText:
		return rd.readText(br)
	case FormatHTML:
		return rd.readHTML(br)
	case FormatJSONL:
		return rd.readJSONL(br)
	case FormatFeed:
		return rd.readFeed(br)
	}
	return fmt.Errorf("read %s: %w: unknown format %q", path, ErrOption, format)
}

// readAll reads one whole-file record of at most rd.max bytes. ok is false
// when the record was too large and has been reported; err is a read
// failure or OnBad's verdict.
func (rd *reader) readAll(r io.Reader) (b []byte, ok bool, err error) {
	b, err = io.ReadAll(io.LimitReader(r, int64(rd.max)+1))
	if err != nil {
		return nil, false, fmt.Errorf("read %s: %w", rd.path, err)
	}
	if len(b) > rd.max {
		if _, err := io.Copy(io.Discard, r); err != nil {
			return nil, false, fmt.Errorf("read %s: %w", rd.path, err)
		}
		return nil, false, rd.bad(&RecordError{ID: rd.base, Err: fmt.Errorf("%w: larger than %d bytes", ErrFormat, rd.max)})
	}
	return b, true, nil
}

// maxID is the length in bytes past which SafeID shortens an ID.
const maxID = 200

// SafeID returns s as a document ID: valid UTF-8, runs of white space and
// control characters replaced by one "_", trimmed, and at most about 200
// bytes (a longer s is cut and ends with "~" and 16 hex digits of its
// SHA-256, so distinct long IDs stay distinct).
func SafeID(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), "_")
	if len(s) <= maxID {
		return s
	}
	sum := sha256.Sum256([]byte(s))
	cut := maxID - 17
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "~" + hex.EncodeToString(sum[:8])
}

var isoDateRE = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:$|[Tt _])`)

// dateLayouts are the layouts parseDate tries after an ISO 8601 prefix.
var dateLayouts = []string{
	time.RFC1123Z, time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700", "Mon, 2 Jan 2006 15:04 MST",
	"2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 MST",
	time.RFC822Z, time.RFC822, time.RFC850, time.ANSIC, time.UnixDate,
	"January 2, 2006", "Jan 2, 2006", "Jan. 2, 2006", "2 January 2006", "2 Jan 2006",
	"Monday, January 2, 2006", "2006/01/02", "20060102",
}

// parseDate reads a publication date and returns it as YYYY-MM-DD in its own
// offset, or "" when s is not a date it knows (years 1900 to 2200).
func parseDate(s string) string {
	s = strings.TrimSpace(s)
	if m := isoDateRE.FindStringSubmatch(s); m != nil {
		t, err := time.Parse("2006-01-02", m[1]+"-"+m[2]+"-"+m[3])
		if err != nil {
			return ""
		}
		return dayOf(t)
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return dayOf(t)
		}
	}
	return ""
}

// dayOf returns t's calendar day in t's own location, or "" outside the
// years 1900 to 2200.
func dayOf(t time.Time) string {
	if y := t.Year(); y < 1900 || y > 2200 {
		return ""
	}
	return t.Format("2006-01-02")
}

// withTitle returns the article text: title, a blank line, and body, or body
// alone when the title is empty or the body already starts with it.
func withTitle(title, body string) string {
	title = strings.Join(strings.Fields(title), " ")
	body = strings.TrimSpace(body)
	if title == "" {
		return body
	}
	first, _, _ := strings.Cut(body, "\n")
	if strings.Join(strings.Fields(first), " ") == title {
		return body
	}
	if body == "" {
		return title
	}
	return title + "\n\n" + body
}
